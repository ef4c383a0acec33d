//! Languages mailconf speaks: English, Simplified Chinese, Traditional Chinese.
//!
//! Data carries all three (see [`crate::providers::Localized`]); this module only
//! names the languages and picks one from a locale string such as `zh_CN.UTF-8`.

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

    /// The language from the environment (`MAILCONF_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`),
    /// English when none is set or recognised.
    pub fn from_env() -> Lang {
        ["MAILCONF_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .filter(|v| !v.is_empty())
            .find_map(|v| Lang::from_locale(&v))
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

/// "Label: value": a space after an English colon, none after a full-width
/// one (Chinese puts no space next to full-width punctuation).
pub fn labelled(label: &str, value: impl std::fmt::Display) -> String {
    if label.ends_with('：') {
        format!("{label}{value}")
    } else {
        format!("{label} {value}")
    }
}

/// The separator of a list in a sentence: ", " or "，".
pub fn comma(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::ZhHans | Lang::ZhHant => "，",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
