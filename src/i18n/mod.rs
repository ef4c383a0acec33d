//! Languages mailconf speaks (English, Simplified Chinese, Traditional
//! Chinese) and the one place their sentences come from.
//!
//! [`Lang`] is the user's choice (`--lang`, `MAILCONF_LANG`, the locale, the
//! app's menu). The words are Fluent catalogs, `i18n/<tag>/mailconf.ftl`,
//! embedded in the binary ([`catalog`]); code asks for a message by id with
//! `msg!` and typed values, never by building or parsing a sentence.
//! Provider data carries its own three languages (see
//! [`crate::providers::Localized`]): facts about a provider, not program text.

pub mod catalog;
#[cfg(test)]
mod checks;

pub(crate) use catalog::msg;

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese (简体中文).
    ZhHans,
    /// Traditional Chinese (繁體中文).
    ZhHant,
}

impl Lang {
    /// All languages, in menu order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHans, Lang::ZhHant];

    /// BCP 47 tag: `en`, `zh-Hans`, `zh-Hant`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// The language's own name, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhHans => "简体中文",
            Lang::ZhHant => "繁體中文",
        }
    }

    /// Parses a tag or a POSIX locale: `en`, `zh-Hans`, `zh_CN.UTF-8`, `zh_TW`, `zh-HK`.
    /// Unknown languages give `None`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-")
            .to_ascii_lowercase();
        if l == "c" || l == "posix" || l.is_empty() {
            return None;
        }
        let mut parts = l.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                if rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                {
                    Some(Lang::ZhHant)
                } else {
                    Some(Lang::ZhHans)
                }
            }
            _ => None,
        }
    }

    /// The language from the environment: [`Lang::from_vars`] over the process's variables.
    pub fn from_env() -> Lang {
        Lang::from_vars(|k| std::env::var(k).ok())
    }

    /// The language from environment variables as `var` gives them: `MAILCONF_LANG` when
    /// it names a language we speak, else the first *set* (non-empty) of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG`, as POSIX orders them. That one decides: `C`, `POSIX` or a
    /// language we do not speak gives English, and a later variable is not consulted
    /// (`LC_ALL=C` with `LANG=zh_CN.UTF-8` is English, as for every other program).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let set = |k: &str| var(k).filter(|v| !v.is_empty());
        if let Some(lang) = set("MAILCONF_LANG").and_then(|v| Lang::from_locale(&v)) {
            return lang;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| set(k))
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or_default()
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_locale(s)
            .ok_or_else(|| format!("unknown language {s:?}: use en, zh-Hans or zh-Hant"))
    }
}

/// For tests of Chinese text: what is left of `text` once each of `allowed`
/// (names, hosts, flags and replies shown verbatim) is taken out, when an
/// English letter is still in it; `None` when none is.
#[cfg(test)]
pub(crate) fn english_left(text: &str, allowed: &[&str]) -> Option<String> {
    let mut rest = text.to_owned();
    for a in allowed {
        rest = rest.replace(a, " ");
    }
    rest.chars()
        .any(|c| c.is_ascii_alphabetic())
        .then_some(rest)
}

/// Why the system refused to read or write, in words (the OS's own message
/// only for the rare kinds without a sentence of their own).
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::PermissionDenied => msg!(lang, "io-no-permission-to-write"),
        K::NotFound => msg!(lang, "io-no-such-folder"),
        K::ReadOnlyFilesystem => msg!(lang, "io-read-only"),
        K::StorageFull | K::QuotaExceeded => msg!(lang, "io-disk-full"),
        K::IsADirectory => msg!(lang, "io-is-a-folder"),
        K::NotADirectory => msg!(lang, "io-not-a-folder"),
        K::InvalidFilename => msg!(lang, "io-bad-file-name"),
        _ => msg!(lang, "io-system-said", error = error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_left_finds_english_outside_the_allowed_words() {
        assert_eq!(english_left("测试 POP3 连接", &["POP3"]), None);
        assert_eq!(
            english_left("测试 POP3 failed", &["POP3"]).as_deref(),
            Some("测试   failed")
        );
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_locale("zh_TW.UTF-8"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh-Hant"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_locale("zh-Hans"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale("de_DE"), None);
    }

    fn vars(pairs: &[(&str, &str)]) -> Lang {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Lang::from_vars(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_first_set_locale_variable_decides_as_posix_says() {
        // LC_ALL=C overrides LANG: English, not the Chinese of LANG.
        assert_eq!(vars(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]), Lang::En);
        assert_eq!(
            vars(&[("LC_ALL", "POSIX"), ("LANG", "zh_TW.UTF-8")]),
            Lang::En
        );
        // A language we do not speak decides too (English), LANG is not consulted.
        assert_eq!(
            vars(&[("LC_MESSAGES", "de_DE.UTF-8"), ("LANG", "zh_CN.UTF-8")]),
            Lang::En
        );
        // Empty means unset: the next variable decides.
        assert_eq!(
            vars(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "en_US")]),
            Lang::ZhHant
        );
        assert_eq!(vars(&[("LANG", "zh_CN.UTF-8")]), Lang::ZhHans);
        assert_eq!(vars(&[]), Lang::En);
        // MAILCONF_LANG comes first, even before LC_ALL; an unknown value is skipped.
        assert_eq!(
            vars(&[("MAILCONF_LANG", "zh-Hant"), ("LC_ALL", "en_US.UTF-8")]),
            Lang::ZhHant
        );
        assert_eq!(
            vars(&[("MAILCONF_LANG", "klingon"), ("LC_ALL", "zh_CN.UTF-8")]),
            Lang::ZhHans
        );
    }
}
