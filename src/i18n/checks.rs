//! The catalogs checked against each other: the same message ids and
//! variables in every language, no English left in the Chinese ones (apart
//! from names), the glossary's one term per concept, Chinese punctuation, the
//! right script in each variant, and a generated pseudo-locale that proves a
//! new language is a folder and one line.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::Lang;

/// The catalog file of `lang`, as shipped.
fn source(lang: Lang) -> String {
    let path = format!("{}/mailconf.ftl", lang.tag());
    let file = super::catalog::embedded(&path);
    assert!(file.is_some(), "no catalog {path}");
    file.unwrap_or_default()
}

/// One message: its text with every placeable as `{}`, every variant of a
/// selector included, and the variables it uses.
#[derive(Debug, Default, Clone)]
struct Message {
    text: String,
    /// The text elements alone (what the translator wrote).
    pieces: Vec<String>,
    /// Variables shown in the text.
    vars: BTreeSet<String>,
    /// Variables that only choose a variant (a plural in English, say).
    selectors: BTreeSet<String>,
}

fn walk_inline(e: &InlineExpression<&str>, m: &mut Message) {
    match e {
        InlineExpression::VariableReference { id } => {
            m.vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, m),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, m);
            }
        }
        _ => {}
    }
}

fn walk_expression(e: &Expression<&str>, m: &mut Message) {
    match e {
        Expression::Inline(i) => {
            walk_inline(i, m);
            m.text.push_str("{}");
        }
        Expression::Select { selector, variants } => {
            match selector {
                InlineExpression::VariableReference { id } => {
                    m.selectors.insert(id.name.to_owned());
                }
                other => walk_inline(other, m),
            }
            for v in variants {
                walk_pattern(&v.value, m);
                m.text.push('\n');
            }
        }
    }
}

fn walk_pattern(p: &Pattern<&str>, m: &mut Message) {
    for e in &p.elements {
        match e {
            PatternElement::TextElement { value } => {
                m.text.push_str(value);
                m.pieces.push((*value).to_owned());
            }
            PatternElement::Placeable { expression } => walk_expression(expression, m),
        }
    }
}

/// Every message of `lang`'s catalog by id; the file must parse cleanly.
fn messages(lang: Lang) -> BTreeMap<String, Message> {
    let src = source(lang);
    let resource = match fluent_syntax::parser::parse(src.as_str()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{}: syntax errors {errors:?}", lang.tag()),
    };
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(msg) => {
                let mut m = Message::default();
                if let Some(p) = &msg.value {
                    walk_pattern(p, &mut m);
                }
                assert!(
                    msg.attributes.is_empty(),
                    "{}: attributes are not used",
                    msg.id.name
                );
                let dup = out.insert(msg.id.name.to_owned(), m);
                assert!(dup.is_none(), "{}: {} twice", lang.tag(), msg.id.name);
            }
            Entry::Term(t) => panic!("{}: terms are not used ({})", lang.tag(), t.id.name),
            Entry::Junk { content } => panic!("{}: junk {content:?}", lang.tag()),
            _ => {}
        }
    }
    out
}

/// Notes a problem instead of stopping at the first, so one run lists them all.
macro_rules! check {
    ($problems:expr, $cond:expr, $($fmt:tt)+) => {
        if !$cond {
            $problems.push(format!($($fmt)+));
        }
    };
}

/// Fails with every problem found, one a line.
fn report(problems: &[String]) {
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

const CHINESE: [Lang; 2] = [Lang::ZhHans, Lang::ZhHant];

#[test]
fn every_language_has_exactly_the_english_ids() {
    let en: BTreeSet<String> = messages(Lang::En).into_keys().collect();
    assert!(en.len() > 10, "the English catalog is nearly empty");
    for lang in CHINESE {
        let zh: BTreeSet<String> = messages(lang).into_keys().collect();
        let missing: Vec<_> = en.difference(&zh).collect();
        let extra: Vec<_> = zh.difference(&en).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
        assert!(
            extra.is_empty(),
            "{} has ids English lacks: {extra:?}",
            lang.tag()
        );
    }
}

/// The same values are shown in every language; a variable may choose a
/// variant (a plural) in one language and not in another.
#[test]
fn every_translation_uses_the_same_variables() {
    let en = messages(Lang::En);
    for lang in CHINESE {
        for (id, m) in messages(lang) {
            let Some(e) = en.get(&id) else { continue };
            assert_eq!(m.vars, e.vars, "{} {id}: variables differ", lang.tag());
            let known: BTreeSet<&String> = e.vars.iter().chain(&e.selectors).collect();
            assert!(
                m.selectors.iter().all(|s| known.contains(s)),
                "{} {id}: selects on a variable English does not have",
                lang.tag()
            );
        }
    }
}

/// Names Chinese users see in English in their mail clients too, and technical
/// units: the only Latin text a Chinese message may hold.
const NAMES: &[&str] = &[
    "STARTTLS",
    "OAuth2",
    "SSL/TLS",
    "POP3",
    "IMAP",
    "SMTP",
    "HTTPS",
    "HTTP",
    "STLS",
    "TLS",
    "SSL",
    "ECDHE",
    "RSA",
    "DHE",
    "DNS",
    "IPv6",
    "IP",
    "CA",
    "MX",
    "SRV",
    "A/AAAA",
    "UTF-8",
    "MiB",
    "mailconf",
    "pop.",
    "imap.",
    "smtp.",
    "mail.",
    "PREAUTH",
    "SHA-256",
    "RFC",
    "ID",
    "ISPDB",
    "_tcp",
    // Products and the words of a server's reply that a hint quotes.
    "Thunderbird",
    "Foxmail",
    "Outlook",
    "Apple",
    "Microsoft",
    "Unsafe Login",
    "Wi-Fi",
    "POP",
    // Standards and files a message names.
    "providers/ispdb/LICENSE",
    "MPL-2.0",
    "ASCII",
    "punycode",
    // Keys on the keyboard, as they are printed on it.
    "Ctrl+F",
    "Esc",
    "Enter",
    // The programs whose files mailconf reads and writes, their files, and
    // keywords of those files a note quotes.
    "getmail6",
    "getmailrc",
    "msmtprc",
    "muttrc",
    ".mobileconfig",
    "Autodiscover",
    "XML",
    "POX",
    "Markdown",
    "macOS",
    "iPhone",
    "iPad",
    "Mac",
    "localhost",
    "neomutt",
    "mutt",
    "fetchmail",
    "msmtp",
    "getmail",
    "autoconfig",
    "JSON",
    "hook",
    "source",
];

/// What is left of `text` when names and numbers are taken out: the words
/// of [`NAMES`], and host names and addresses given as examples
/// (`alice@example.com`, `mail.qq.com`).
fn without_names(text: &str) -> String {
    let mut rest = text.to_owned();
    for n in NAMES {
        rest = rest.replace(n, " ");
    }
    rest.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_')))
        .filter(|w| !is_host_or_address(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `name@example.com`, `mail.example.com`: at least two labels around a dot,
/// the last of letters (so "e.g" or "1.2" are not taken for one).
fn is_host_or_address(word: &str) -> bool {
    // The part before the @ of an example whose domain is a value ("zhangsan@{}").
    if word.ends_with('@') && word.len() > 1 {
        return true;
    }
    let host = word
        .rsplit('@')
        .next()
        .unwrap_or(word)
        .trim_end_matches('.');
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphabetic()))
}

#[test]
fn no_chinese_message_has_english_words() {
    let mut problems = Vec::new();
    for lang in CHINESE {
        for (id, m) in messages(lang) {
            let rest = without_names(&m.text);
            check!(
                problems,
                !rest.chars().any(|c| c.is_ascii_alphabetic()),
                "{} {id}: English left in {:?}",
                lang.tag(),
                m.text
            );
        }
    }
    report(&problems);
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// The punctuation rules of CODE_STYLE.md: full-width `，。：；！？（）` next
/// to Chinese, `“”` in Simplified and `「」` in Traditional, no straight quotes,
/// no ASCII punctuation touching a Han character.
#[test]
fn chinese_messages_use_full_width_punctuation() {
    let mut problems = Vec::new();
    for lang in CHINESE {
        for (id, m) in messages(lang) {
            for piece in &m.pieces {
                let chars: Vec<char> = piece.chars().collect();
                // Straight quotes never; Simplified uses “ ”, Traditional 「 」.
                let wrong: &[char] = if lang == Lang::ZhHans {
                    &['"', '\'', '「', '」']
                } else {
                    &['"', '\'', '“', '”']
                };
                check!(
                    problems,
                    !piece.contains(wrong),
                    "{} {id}: quotes {wrong:?} in {piece:?}",
                    lang.tag()
                );
                for (i, c) in chars.iter().enumerate() {
                    if !matches!(c, ':' | ';' | ',' | '(' | ')' | '!' | '?') {
                        continue;
                    }
                    let before = chars[..i].iter().rev().find(|c| **c != ' ');
                    let after = chars[i + 1..].iter().find(|c| **c != ' ');
                    let touches =
                        before.is_some_and(|c| is_cjk(*c)) || after.is_some_and(|c| is_cjk(*c));
                    check!(
                        problems,
                        !touches,
                        "{} {id}: ASCII {c:?} next to Chinese in {piece:?}",
                        lang.tag()
                    );
                }
            }
        }
    }
    report(&problems);
}

/// Characters whose Simplified and Traditional forms differ, as (Hans, Hant):
/// a Simplified form in the Traditional catalog (or the reverse) is a slip.
const SCRIPT_PAIRS: &[(char, char)] = &[
    ('务', '務'),
    ('证', '證'),
    ('连', '連'),
    ('设', '設'),
    ('码', '碼'),
    ('网', '網'),
    ('发', '發'),
    ('这', '這'),
    ('书', '書'),
    ('与', '與'),
    ('无', '無'),
    ('协', '協'),
    ('应', '應'),
    ('认', '認'),
    ('错', '錯'),
    ('录', '錄'),
    ('时', '時'),
    ('个', '個'),
    ('为', '為'),
    ('数', '數'),
    ('据', '據'),
    ('库', '庫'),
    ('过', '過'),
    ('没', '沒'),
    ('读', '讀'),
    ('户', '戶'),
    ('邮', '郵'),
    ('签', '簽'),
    ('验', '驗'),
    ('将', '將'),
];

#[test]
fn each_chinese_catalog_is_in_its_own_script() {
    let mut problems = Vec::new();
    for (id, m) in messages(Lang::ZhHans) {
        for (_, hant) in SCRIPT_PAIRS {
            check!(
                problems,
                !m.text.contains(*hant),
                "zh-Hans {id}: Traditional {hant} in {:?}",
                m.text
            );
        }
    }
    for (id, m) in messages(Lang::ZhHant) {
        for (hans, _) in SCRIPT_PAIRS {
            check!(
                problems,
                !m.text.contains(*hans),
                "zh-Hant {id}: Simplified {hans} in {:?}",
                m.text
            );
        }
    }
    report(&problems);
}

/// One row of `i18n/glossary.tsv`.
struct Term {
    english: String,
    hans: String,
    hant: String,
    avoid_hans: Vec<String>,
    avoid_hant: Vec<String>,
}

fn glossary() -> Vec<Term> {
    let text = include_str!("../../i18n/glossary.tsv");
    let list = |s: &str| {
        s.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "glossary row {l:?}");
            Term {
                english: f[1].to_owned(),
                hans: f[2].to_owned(),
                hant: f[3].to_owned(),
                avoid_hans: list(f[4]),
                avoid_hant: list(f[5]),
            }
        })
        .collect()
}

/// Whether `text` has `word` as a whole word (not "port" in "report").
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
    })
}

/// Every catalog uses the glossary's word for each concept and none of the
/// words it rules out; a message whose English names the concept uses the term.
#[test]
fn the_glossary_holds_in_every_catalog() {
    let mut problems = Vec::new();
    let terms = glossary();
    assert!(terms.len() >= 8, "glossary nearly empty");
    let en = messages(Lang::En);
    for (lang, pick) in [(Lang::ZhHans, 0), (Lang::ZhHant, 1)] {
        for (id, m) in messages(lang) {
            for t in &terms {
                let (term, avoid) = if pick == 0 {
                    (&t.hans, &t.avoid_hans)
                } else {
                    (&t.hant, &t.avoid_hant)
                };
                // A ruled-out word may be part of another concept's term (連接
                // in 連接埠): look for it with every chosen term taken out.
                let mut rest = m.text.clone();
                for other in &terms {
                    let chosen = if pick == 0 { &other.hans } else { &other.hant };
                    rest = rest.replace(chosen.as_str(), "\u{fffc}");
                }
                for a in avoid {
                    check!(
                        problems,
                        !rest.contains(a.as_str()),
                        "{} {id}: {a:?} instead of {term:?} in {:?}",
                        lang.tag(),
                        m.text
                    );
                }
                let named = en
                    .get(&id)
                    .is_some_and(|e| has_word(&e.text.to_lowercase(), &t.english));
                check!(
                    problems,
                    !named || m.text.contains(term.as_str()),
                    "{} {id}: the English says {:?}, the translation lacks {term:?}: {:?}",
                    lang.tag(),
                    t.english,
                    m.text
                );
            }
        }
    }
    report(&problems);
}

/// A language made from English with every piece of text wrapped in ⟦ ⟧: what
/// a translator would add as `i18n/<tag>/mailconf.ftl`. Loaded through the same
/// code as the shipped catalogs, every message renders wrapped and with its
/// values: nothing of a sentence is made outside the catalog.
#[test]
fn a_generated_pseudo_locale_loads_and_renders_every_message() {
    let en = source(Lang::En);
    let pseudo = super::catalog::pseudo_from(&en);
    let loader = super::catalog::loader_from("qps", &pseudo).expect("the pseudo-locale loads");
    let ids = messages(Lang::En);
    for (id, m) in &ids {
        let mut args = std::collections::HashMap::new();
        for v in m.vars.iter().chain(&m.selectors) {
            args.insert(v.as_str(), format!("«{v}»"));
        }
        let out = loader.get_args(id, args);
        assert!(
            out.starts_with('⟦') && out.ends_with('⟧'),
            "{id}: not from the pseudo catalog: {out:?}"
        );
        for v in &m.vars {
            // A plural selector's variable may be shown in one variant only.
            if !m.text.contains("\n") {
                assert!(
                    out.contains(&format!("«{v}»")),
                    "{id}: {v} not shown in {out:?}"
                );
            }
        }
    }
}

/// The ruled-out words of the glossary that cannot be part of a right term,
/// checked in the Rust sources too: the texts not yet moved to the catalogs
/// (`app/ui_text.rs`, the CLI, advice, export) use the same words.
#[test]
fn the_glossary_holds_in_the_sources_not_yet_moved() {
    // Each of these is wrong in both scripts; none is inside a chosen term.
    let wrong = [
        "提供商",
        "提供者",
        "供应商",
        "供應商",
        "應用程式密碼",
        "应用密码",
    ];
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // This file names the wrong words on purpose.
            if path.extension().is_none_or(|x| x != "rs") || path.ends_with("i18n/checks.rs") {
                continue;
            }
            seen += 1;
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                for w in wrong {
                    assert!(
                        !line.contains(w),
                        "{}:{}: {w:?} is not the glossary's word: {line}",
                        path.display(),
                        n + 1
                    );
                }
            }
        }
    }
    assert!(seen > 50, "only {seen} source files found under {root}");
}

/// Counts agree with their nouns ("1 file checked", not "1 files checked"):
/// the plural selectors of the English catalog.
#[test]
fn english_counts_agree_with_their_nouns() {
    use super::msg;
    let en = Lang::En;
    assert_eq!(
        msg!(en, "validate-summary", files = 1usize, problems = 1usize),
        "1 file checked, 1 problem"
    );
    assert_eq!(
        msg!(en, "validate-summary", files = 2usize, problems = 0usize),
        "2 files checked, 0 problems"
    );
    assert_eq!(
        msg!(
            en,
            "table-probing",
            host = "mail.example.com",
            count = 1usize
        ),
        "Probing mail.example.com (1 way in)"
    );
    assert_eq!(
        msg!(
            en,
            "table-probing",
            host = "mail.example.com",
            count = 8usize
        ),
        "Probing mail.example.com (8 ways in)"
    );
    assert_eq!(
        msg!(en, "cert-expired", date = "2025-01-31", days = 1i64),
        "certificate expired on 2025-01-31 (1 day ago)"
    );
    // And the values come through as they are, without isolation marks.
    let zh = msg!(
        Lang::ZhHans,
        "table-probing",
        host = "mail.example.com",
        count = 8usize
    );
    assert_eq!(zh, "正在测试 mail.example.com（8 种连接方式）");
}
