//! The message catalogs: Fluent files in `i18n/<tag>/mailconf.ftl`, embedded in
//! the binary, one loader per [`Lang`].
//!
//! This is the only place a sentence is made for a language. Code names a
//! message by its id and hands over typed values ([`crate::i18n::msg!`]); the
//! translator decides the words, the order, the plural forms and the
//! punctuation. A message a Chinese catalog lacks falls back to English (the
//! tests in `checks` keep the three catalogs complete, so that does not
//! happen in a release). Adding a language is a folder `i18n/<tag>/` and a
//! [`Lang`] variant.

use std::sync::OnceLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::unic_langid::LanguageIdentifier;
use rust_embed::RustEmbed;

use super::Lang;

/// The `.ftl` files, read at build time.
#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Catalogs;

/// The catalogs' domain: the file name `mailconf.ftl` (and the crate name, which
/// `fl!` uses at compile time to find the same file).
const DOMAIN: &str = "mailconf";

/// The language identifier of `lang`'s folder.
fn id(lang: Lang) -> LanguageIdentifier {
    let (language, script) = match lang {
        Lang::En => ("en", None),
        Lang::ZhHans => ("zh", Some("Hans")),
        Lang::ZhHant => ("zh", Some("Hant")),
    };
    let mut id = LanguageIdentifier::default();
    // These literals are valid subtags; a failure would leave the identifier
    // empty (the fallback), never panic.
    if let Ok(l) = language.parse() {
        id.language = l;
    }
    if let Some(s) = script.and_then(|s| s.parse().ok()) {
        id.script = Some(s);
    }
    id
}

/// Every catalog loaded once; one loader per language, in [`Lang::ALL`] order,
/// each falling back to English.
fn loaders() -> &'static [FluentLanguageLoader; 3] {
    static LOADERS: OnceLock<[FluentLanguageLoader; 3]> = OnceLock::new();
    LOADERS.get_or_init(|| {
        let all = FluentLanguageLoader::new(DOMAIN, id(Lang::En));
        let ids: Vec<LanguageIdentifier> = Lang::ALL.iter().map(|l| id(*l)).collect();
        // The files are embedded and checked by the tests; should one fail to
        // parse, its messages fall back to English rather than stopping the program.
        let _ = all.load_languages(&Catalogs, &ids);
        // No Unicode isolation marks around values: host names and numbers are
        // left-to-right in all our languages, and the marks would reach
        // terminals, config-file comments and tests as invisible characters.
        all.set_use_isolating(false);
        Lang::ALL.map(|l| all.select_languages(&[id(l)]))
    })
}

thread_local! {
    /// A catalog that replaces every language on this thread: how the tests
    /// render the app and the CLI in a generated pseudo-locale
    /// ([`use_on_this_thread`]). Never set outside tests.
    static OVERRIDE: std::cell::Cell<Option<&'static FluentLanguageLoader>> =
        const { std::cell::Cell::new(None) };
}

/// The pseudo-locale for the whole process, when [`PSEUDO_ENV`] asked for it.
static PROCESS_PSEUDO: OnceLock<Option<FluentLanguageLoader>> = OnceLock::new();

/// The environment variable that makes the `mailconf` binary speak the
/// generated pseudo-locale ([`pseudo_from`]) instead of any language: for the
/// tests that run the binary and look for text that did not come from the
/// catalog. Not a language for people; documented in README's "Translating
/// mailconf" as a check a translator can run.
pub const PSEUDO_ENV: &str = "MAILCONF_PSEUDO_LOCALE";

/// Makes every message of this process render in the pseudo-locale when
/// [`PSEUDO_ENV`] is `1` (the binary calls this once at start); `true` when it does.
pub fn pseudo_from_env() -> bool {
    PROCESS_PSEUDO
        .get_or_init(|| {
            if std::env::var_os(PSEUDO_ENV).is_some_and(|v| v == "1") {
                let english = embedded("en/mailconf.ftl").unwrap_or_default();
                loader_from("en", &pseudo_from(&english))
            } else {
                None
            }
        })
        .is_some()
}

/// The loader of `lang`: what [`crate::i18n::msg!`] renders with.
pub fn loader(lang: Lang) -> &'static FluentLanguageLoader {
    if let Some(l) = OVERRIDE.with(std::cell::Cell::get) {
        return l;
    }
    if let Some(Some(l)) = PROCESS_PSEUDO.get() {
        return l;
    }
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &loaders()[i]
}

/// For tests: render every message on this thread with `loader` (a
/// pseudo-locale made by [`pseudo_from`] and [`loader_from`]), or as usual
/// again with `None`.
#[doc(hidden)]
pub fn use_on_this_thread(loader: Option<&'static FluentLanguageLoader>) {
    OVERRIDE.with(|o| o.set(loader));
}

/// The identifier of `lang`'s catalog, for tests that read the catalog itself.
pub fn language_id(lang: Lang) -> LanguageIdentifier {
    id(lang)
}

/// A message of the catalog in a language: `msg!(lang, "id")` or
/// `msg!(lang, "id", name = value, …)`. The id is checked against the English
/// catalog when the code compiles, and so are the argument names. Used as
/// `crate::i18n::msg!` (the base layer, like everything in `i18n`).
macro_rules! msg {
    ($lang:expr, $id:literal) => {
        ::i18n_embed_fl::fl!($crate::i18n::catalog::loader($lang), $id)
    };
    // Each value in parentheses: `fl!` writes `value.into()`, and `*max.into()`
    // would dereference the wrong thing.
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        ::i18n_embed_fl::fl!(
            $crate::i18n::catalog::loader($lang),
            $id,
            $($name = ($value)),+
        )
    };
}
pub(crate) use msg;

/// The embedded file at `path` (`zh-Hans/mailconf.ftl`), for the catalog tests.
#[doc(hidden)]
pub fn embedded(path: &str) -> Option<String> {
    Catalogs::get(path).map(|f| String::from_utf8_lossy(&f.data).into_owned())
}

/// A pseudo-locale made from the English catalog: every message's text
/// wrapped in ⟦ ⟧, variables and selectors kept. Not shipped: the tests load
/// it as a translator's new folder would be loaded, and look for text that
/// did not come through it.
#[doc(hidden)]
pub fn pseudo_from(english: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    for line in english.lines() {
        let starts_message = line.split_once(" = ").is_some_and(|(id, _)| {
            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        let continues = line.starts_with(' ') && open;
        if open && !continues {
            out.push('⟧');
            open = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        if starts_message {
            let (id, value) = line.split_once(" = ").unwrap_or((line, ""));
            out.push_str(&format!("{id} = ⟦{value}"));
            open = true;
        } else {
            out.push_str(line);
        }
    }
    if open {
        out.push('⟧');
    }
    out.push('\n');
    out
}

/// A loader of one catalog given as text, under the language `tag`, loaded the
/// way the shipped ones are; `None` when it does not load.
#[doc(hidden)]
pub fn loader_from(tag: &str, ftl: &str) -> Option<FluentLanguageLoader> {
    struct One(String, Vec<u8>);
    impl i18n_embed::I18nAssets for One {
        fn get_files(&self, file_path: &str) -> Vec<std::borrow::Cow<'_, [u8]>> {
            if file_path == self.0 {
                vec![std::borrow::Cow::Borrowed(self.1.as_slice())]
            } else {
                Vec::new()
            }
        }
        fn filenames_iter(&self) -> Box<dyn Iterator<Item = String> + '_> {
            Box::new(std::iter::once(self.0.clone()))
        }
    }
    let lang: LanguageIdentifier = tag.parse().unwrap_or_default();
    let assets = One(format!("{tag}/{DOMAIN}.ftl"), ftl.as_bytes().to_vec());
    let loader = FluentLanguageLoader::new(DOMAIN, lang.clone());
    loader.load_languages(&assets, &[lang]).ok()?;
    loader.set_use_isolating(false);
    Some(loader)
}
