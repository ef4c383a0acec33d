//! Loading the provider database: bundled files, user overrides, and the indexes
//! used for lookup.
//!
//! Precedence, lowest first: entries imported from the Thunderbird ISPDB
//! (`providers/ispdb/`), hand-written entries (`providers/`), then the user's own
//! files in the config directory. A later tier replaces an earlier one domain by
//! domain (and wholesale when the id is the same), and every replacement is
//! recorded so `providers show` can say which entry won and why. A broken user file
//! never hides the bundled database: it becomes a warning naming the file, the
//! line and the field.

use super::address::{Address, AddressError, normalize_domain};
use super::model::{Origin, Provider};
use super::validate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::untrusted_file::{self, ReadProblem};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Why provider data could not be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ProviderError {
    /// The file could not be read.
    #[error("{file}: cannot read: {problem}")]
    Io {
        /// The file.
        file: String,
        /// Why: the OS's error, or what is there instead of a file.
        problem: Arc<ReadProblem>,
    },
    /// A folder holds more provider files than are read from one.
    #[error("{dir}: {more} more provider files not read: at most {max} are read from one folder")]
    TooManyFiles {
        /// The folder.
        dir: String,
        /// How many were left out.
        more: usize,
        /// How many are read.
        max: usize,
    },
    /// Not valid JSON, or a field has the wrong type, or an unknown field.
    #[error("{file}:{line}:{column}: {}{message}", if .field.is_empty() || .field == "." { String::new() } else { format!("field `{}`: ", .field) })]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Field path (e.g. `incoming[0].port`), empty for syntax errors.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Well-formed but wrong (see [`validate`]).
    #[error("{file}: field `{field}`: {}", .problem.text(crate::i18n::Lang::En))]
    Invalid {
        /// The file.
        file: String,
        /// Field path.
        field: String,
        /// What is wrong.
        problem: validate::Problem,
    },
    /// Two entries of the same tier claim one domain.
    #[error("{file}: domain {domain:?} is already served by {other} ({other_file})")]
    DuplicateDomain {
        /// The file that claimed it second.
        file: String,
        /// The domain.
        domain: String,
        /// The id that claimed it first.
        other: String,
        /// The file that claimed it first.
        other_file: String,
    },
    /// Two entries of the same tier use one id.
    #[error("{file}: id {id:?} is already used by {other_file}")]
    DuplicateId {
        /// The file.
        file: String,
        /// The id.
        id: String,
        /// The file that used it first.
        other_file: String,
    },
}

impl ProviderError {
    /// The problem in `lang`, naming the file and the line; the parser's own
    /// words (field names, JSON syntax) are quoted as they are. The English
    /// `Display` stays for logs.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        let l = lang;
        match self {
            ProviderError::Io { file, problem } => msg!(
                l,
                "provider-file-unreadable",
                file = file.as_str(),
                detail = problem.text(l)
            ),
            ProviderError::TooManyFiles { dir, more, max } => msg!(
                l,
                "label-value",
                label = dir.as_str(),
                value = msg!(
                    l,
                    "providers-too-many-files",
                    more = more.to_string(),
                    max = max.to_string()
                )
            ),
            ProviderError::Parse {
                file,
                line,
                column,
                field,
                message,
            } => {
                let field = if field.is_empty() || field == "." {
                    String::new()
                } else {
                    msg!(l, "provider-field-prefix", field = field.as_str())
                };
                msg!(
                    l,
                    "provider-file-parse",
                    file = file.as_str(),
                    line = line.to_string(),
                    column = column.to_string(),
                    field = field,
                    detail = message.as_str()
                )
            }
            ProviderError::Invalid {
                file,
                field,
                problem,
            } => msg!(
                l,
                "provider-file-invalid",
                file = file.as_str(),
                field = field.as_str(),
                problem = problem.text(l)
            ),
            ProviderError::DuplicateDomain {
                file,
                domain,
                other,
                other_file,
            } => msg!(
                l,
                "provider-file-duplicate-domain",
                file = file.as_str(),
                domain = domain.as_str(),
                other = other.as_str(),
                other_file = other_file.as_str()
            ),
            ProviderError::DuplicateId {
                file,
                id,
                other_file,
            } => msg!(
                l,
                "provider-file-duplicate-id",
                file = file.as_str(),
                id = id.as_str(),
                other_file = other_file.as_str()
            ),
        }
    }
}

/// Parses one provider file, reporting the line, column and field path of any error.
pub fn parse_provider(file: &str, text: &str) -> Result<Provider, ProviderError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<Provider, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(p) => {
            // Trailing garbage after the object.
            if let Err(e) = de.end() {
                return Err(ProviderError::Parse {
                    file: file.to_owned(),
                    line: e.line(),
                    column: e.column(),
                    field: String::new(),
                    message: e.to_string(),
                });
            }
            Ok(p)
        }
        Err(e) => {
            let field = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.to_string();
            // serde_json appends " at line L column C"; keep the message clean.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.clone(), |(m, _)| m.to_owned())
                .replace("expected u16", "expected a port number 1-65535");
            Err(ProviderError::Parse {
                file: file.to_owned(),
                line: inner.line(),
                column: inner.column(),
                field,
                message,
            })
        }
    }
}

/// Parses and validates one file. `require_stem` checks that the id matches the file
/// name; such a file straight in a `providers/` folder is a hand-written entry and
/// must also cite its sources ([`validate::check_hand`]).
pub fn load_file(
    file: &str,
    text: &str,
    require_stem: bool,
) -> Result<Provider, Vec<ProviderError>> {
    let p = parse_provider(file, text).map_err(|e| vec![e])?;
    let path = Path::new(file);
    let stem = path.file_stem().and_then(|s| s.to_str());
    let mut findings = validate::check(&p, if require_stem { stem } else { None });
    // A bundled file straight in `providers/` (not `providers/ispdb/`) is hand-written.
    let hand = require_stem
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|d| d == "providers");
    if hand {
        findings.extend(validate::check_hand(&p));
    }
    if findings.is_empty() {
        Ok(p)
    } else {
        Err(findings
            .into_iter()
            .map(|f| ProviderError::Invalid {
                file: file.to_owned(),
                field: f.field,
                problem: f.problem,
            })
            .collect())
    }
}

/// One provider in the database, with where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The provider.
    pub provider: Provider,
    /// File it was read from (`providers/163.json`, or a path in the config directory).
    pub file: String,
    /// Ids of entries whose domains this one took over (for provenance).
    pub overrides: Vec<String>,
    /// Whether every domain of this entry is served by a higher-precedence entry.
    pub shadowed: bool,
    /// The id of the higher-precedence entry that took over this entry's first
    /// domain (the one the entry is known by): this entry is then a second
    /// listing of that provider (the ISPDB's "Google Mail" under the
    /// hand-written Gmail). It still answers for the domains nobody took over,
    /// but lists and searches show the provider once, and its MX suffixes lead
    /// to that entry.
    pub merged_into: Option<String>,
}

/// How a lookup matched (in `mailconf providers show --json` as `matched.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// By provider id.
    Id,
    /// The domain itself is listed.
    Domain,
    /// A parent domain is listed (`mail.example.com` → `example.com`).
    ParentDomain,
}

/// The result of a lookup.
#[derive(Debug, Clone)]
pub struct Match<'a> {
    /// The entry found.
    pub entry: &'a Entry,
    /// How it matched.
    pub kind: MatchKind,
    /// The domain that matched (for domain lookups).
    pub domain: Option<String>,
    /// The parsed address, when the query was an address.
    pub address: Option<Address>,
}

/// Why a lookup found nothing.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LookupError {
    /// The query looked like an address but was malformed.
    #[error(transparent)]
    Address(#[from] AddressError),
    /// Valid, but no entry serves it.
    #[error("no provider in the database serves {}", display_domain(.0))]
    NotFound(String),
}

impl LookupError {
    /// The error for people, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            LookupError::Address(e) => e.text(lang),
            LookupError::NotFound(d) => crate::i18n::msg!(
                lang,
                "lookup-not-found",
                domain = crate::server_text::ServerText::new(&display_domain(d)).to_string()
            ),
        }
    }
}

/// `例子.中国 (xn--fsqu00a.xn--fiqs8s)` for punycode domains, the domain itself otherwise.
pub fn display_domain(ascii: &str) -> String {
    let (unicode, ok) = idna::domain_to_unicode(ascii);
    if ok.is_ok() && unicode != ascii {
        format!("{unicode} ({ascii})")
    } else {
        ascii.to_owned()
    }
}

/// The provider database.
#[derive(Debug, Clone, Default)]
pub struct Database {
    entries: Vec<Entry>,
    by_domain: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    /// Problems in user files (the entries of those files are left out).
    pub warnings: Vec<ProviderError>,
}

/// The bundled files as (relative path, contents).
pub fn bundled_files() -> &'static [(&'static str, &'static str)] {
    bundled::BUNDLED
}

fn tier(origin: Origin) -> u8 {
    match origin {
        Origin::Ispdb => 0,
        Origin::Hand => 1,
        Origin::User => 2,
    }
}

impl Database {
    /// The bundled database alone, parsed once per process.
    ///
    /// Bundled files are checked by the test suite; should one still fail here, it
    /// is left out and reported in [`Database::warnings`] rather than taking the
    /// rest down with it.
    pub fn bundled() -> &'static Database {
        static DB: OnceLock<Database> = OnceLock::new();
        DB.get_or_init(|| {
            let mut db = Database::default();
            let mut loaded = Vec::new();
            for (file, text) in bundled_files() {
                match load_file(file, text, true) {
                    Ok(mut p) => {
                        p.origin = if file.starts_with("providers/ispdb/") {
                            Origin::Ispdb
                        } else {
                            Origin::Hand
                        };
                        loaded.push(((*file).to_owned(), p));
                    }
                    Err(errs) => db.warnings.extend(errs),
                }
            }
            db.extend(loaded);
            db
        })
    }

    /// The bundled database plus the user's provider files from `user_dir`
    /// (`None`: the platform's config directory, see [`user_provider_dir`]).
    pub fn load(user_dir: Option<&Path>) -> Database {
        let mut db = Database::bundled().clone();
        let dir = user_dir.map(Path::to_path_buf).or_else(user_provider_dir);
        if let Some(dir) = dir {
            let (providers, errors) = read_user_dir(&dir);
            db.warnings.extend(errors);
            db.extend(providers);
        }
        db
    }

    /// Adds entries (in any order; precedence is by origin tier).
    pub fn extend(&mut self, mut items: Vec<(String, Provider)>) {
        items.sort_by_key(|(_, p)| tier(p.origin));
        for (file, p) in items {
            self.insert(file, p);
        }
        self.recompute_shadowed();
    }

    fn insert(&mut self, file: String, p: Provider) {
        let t = tier(p.origin);
        // Same id: same tier is an error; a higher tier replaces the entry.
        if let Some(&old) = self.by_id.get(&p.id) {
            let old_entry = &self.entries[old];
            if tier(old_entry.provider.origin) >= t {
                self.warnings.push(ProviderError::DuplicateId {
                    file,
                    id: p.id.clone(),
                    other_file: old_entry.file.clone(),
                });
                return;
            }
            let old_domains = old_entry.provider.domains.clone();
            for d in old_domains {
                if self.by_domain.get(&d) == Some(&old) {
                    self.by_domain.remove(&d);
                }
            }
            self.entries[old].shadowed = true;
            self.by_id.remove(&p.id);
        }
        let idx = self.entries.len();
        let mut overrides = Vec::new();
        let mut kept_domains = Vec::new();
        for d in &p.domains {
            match self.by_domain.get(d) {
                Some(&other) if tier(self.entries[other].provider.origin) >= t => {
                    self.warnings.push(ProviderError::DuplicateDomain {
                        file: file.clone(),
                        domain: d.clone(),
                        other: self.entries[other].provider.id.clone(),
                        other_file: self.entries[other].file.clone(),
                    });
                }
                Some(&other) => {
                    let other_id = self.entries[other].provider.id.clone();
                    if !overrides.contains(&other_id) {
                        overrides.push(other_id);
                    }
                    kept_domains.push(d.clone());
                }
                None => kept_domains.push(d.clone()),
            }
        }
        for d in kept_domains {
            self.by_domain.insert(d, idx);
        }
        self.by_id.insert(p.id.clone(), idx);
        self.entries.push(Entry {
            provider: p,
            file,
            overrides,
            shadowed: false,
            merged_into: None,
        });
    }

    fn recompute_shadowed(&mut self) {
        let live: Vec<bool> = (0..self.entries.len())
            .map(|i| {
                let e = &self.entries[i];
                self.by_id.get(&e.provider.id) == Some(&i)
                    && (e
                        .provider
                        .domains
                        .iter()
                        .any(|d| self.by_domain.get(d) == Some(&i))
                        || (e.provider.domains.is_empty() && !e.provider.mx_suffixes.is_empty()))
            })
            .collect();
        let merged: Vec<Option<String>> = self
            .entries
            .iter()
            .map(|e| {
                let first = e.provider.domains.first()?;
                let &j = self.by_domain.get(first)?;
                let taker = &self.entries[j];
                (tier(taker.provider.origin) > tier(e.provider.origin))
                    .then(|| taker.provider.id.clone())
            })
            .collect();
        for ((e, live), merged) in self.entries.iter_mut().zip(live).zip(merged) {
            e.shadowed = !live;
            e.merged_into = merged;
        }
    }

    /// Every entry that answers for at least one domain or MX suffix, sorted by id.
    pub fn entries(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().filter(|e| !e.shadowed).collect();
        v.sort_by(|a, b| a.provider.id.cmp(&b.provider.id));
        v
    }

    /// The providers as people see them in a list, sorted by id: every entry
    /// that answers for something, except second listings of a provider
    /// another entry took over ([`Entry::merged_into`]).
    pub fn listed(&self) -> Vec<&Entry> {
        let mut v = self.entries();
        v.retain(|e| e.merged_into.is_none());
        v
    }

    /// Every entry, including ones fully overridden by higher-precedence entries.
    pub fn all_entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of distinct domains the database answers for.
    pub fn domain_count(&self) -> usize {
        self.by_domain.len()
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The entry for a canonical domain, trying parent domains
    /// (`mail.example.com`, then `example.com`), never a bare top-level domain.
    pub fn by_domain(&self, domain: &str) -> Option<(&Entry, MatchKind, String)> {
        let mut d = domain;
        let mut kind = MatchKind::Domain;
        loop {
            if let Some(&i) = self.by_domain.get(d) {
                return Some((&self.entries[i], kind, d.to_owned()));
            }
            let (_, rest) = d.split_once('.')?;
            if !rest.contains('.') {
                return None;
            }
            d = rest;
            kind = MatchKind::ParentDomain;
        }
    }

    /// The entry whose MX suffix matches an MX host (`alt1.aspmx.l.google.com`),
    /// preferring the longest suffix, then the entry of higher precedence;
    /// matching is on whole labels. A suffix of an entry that another one took
    /// over ([`Entry::merged_into`]) leads to that entry: the ISPDB's Yahoo MX
    /// hosts (`yahoodns.net`) find the hand-written Yahoo entry.
    pub fn by_mx(&self, mx_host: &str) -> Option<&Entry> {
        let host = mx_host.trim_end_matches('.').to_ascii_lowercase();
        self.entries
            .iter()
            .enumerate()
            // Entries replaced whole by one with the same id answer for nothing.
            .filter(|(i, e)| self.by_id.get(&e.provider.id) == Some(i))
            .flat_map(|(_, e)| e.provider.mx_suffixes.iter().map(move |s| (e, s)))
            .filter(|(_, s)| host == **s || host.ends_with(&format!(".{s}")))
            .max_by(|(a, sa), (b, sb)| {
                sa.len()
                    .cmp(&sb.len())
                    .then(tier(a.provider.origin).cmp(&tier(b.provider.origin)))
                    // Equal in both: the same answer every time.
                    .then(b.provider.id.cmp(&a.provider.id))
            })
            .map(|(e, _)| match &e.merged_into {
                Some(id) => self.by_id(id).unwrap_or(e),
                None => e,
            })
    }

    /// Looks up an id, a domain or an address (`show 163`, `show 163.com`,
    /// `show 用户@qq.com`).
    pub fn lookup(&self, query: &str) -> Result<Match<'_>, LookupError> {
        let q = query.trim();
        if q.contains('@') || q.contains('\u{FF20}') {
            let address = Address::parse(q)?;
            let (entry, kind, domain) = self
                .by_domain(&address.domain)
                .ok_or_else(|| LookupError::NotFound(address.domain.clone()))?;
            return Ok(Match {
                entry,
                kind,
                domain: Some(domain),
                address: Some(address),
            });
        }
        // A domain answers before an id: imported entries have ids like "yahoo.com"
        // that would otherwise hide the hand-written entry serving that domain.
        let by_id = || {
            self.by_id(&q.to_ascii_lowercase())
                .filter(|e| !e.shadowed)
                .map(|entry| Match {
                    entry,
                    kind: MatchKind::Id,
                    domain: None,
                    address: None,
                })
        };
        if !q.contains('.')
            && let Some(m) = by_id()
        {
            return Ok(m);
        }
        let domain = match normalize_domain(q) {
            Ok(d) => d,
            Err(e) => return by_id().ok_or(LookupError::Address(e)),
        };
        match self.by_domain(&domain) {
            Some((entry, kind, d)) => Ok(Match {
                entry,
                kind,
                domain: Some(d),
                address: None,
            }),
            None => by_id().ok_or(LookupError::NotFound(domain)),
        }
    }

    /// Searches names (all three languages), ids and domains, over the
    /// providers as [`Database::listed`] shows them: best matches first,
    /// hand-written entries before imported ones at equal score; an empty
    /// query lists them all. Only domains an entry answers for count, so an
    /// imported entry does not turn up for a domain a hand-written one took
    /// over. A second listing of a provider ([`Entry::merged_into`]) turns up
    /// only for a domain it still answers for itself (`nyu.edu`), never by its
    /// name, which would list the provider twice.
    pub fn search(&self, query: &str) -> Vec<&Entry> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return self.listed();
        }
        let mut scored: Vec<(u32, &Entry)> = self
            .entries()
            .into_iter()
            .filter_map(|e| {
                let live: Vec<&str> = e
                    .provider
                    .domains
                    .iter()
                    .filter(|d| {
                        self.by_domain
                            .get(*d)
                            .is_some_and(|&i| std::ptr::eq(&self.entries[i], e))
                    })
                    .map(String::as_str)
                    .collect();
                let s = if e.merged_into.is_some() {
                    domain_score(&live, &q)
                } else {
                    score(e, &live, &q)
                };
                s.map(|s| (s * 4 + u32::from(tier(e.provider.origin)), e))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.provider.id.cmp(&b.1.provider.id))
        });
        scored.into_iter().map(|(_, e)| e).collect()
    }
}

/// How well a query matches one of `domains`.
fn domain_score(domains: &[&str], q: &str) -> Option<u32> {
    domains
        .iter()
        .filter_map(|d| {
            if *d == q {
                Some(95)
            } else if d.starts_with(q) {
                Some(70)
            } else if d.contains(q) {
                Some(40)
            } else {
                None
            }
        })
        .max()
}

/// How well a query matches an entry: its id, names, the domains it answers
/// for (`domains`) and its MX suffixes.
fn score(e: &Entry, domains: &[&str], q: &str) -> Option<u32> {
    let p = &e.provider;
    let names = [&p.name.en, &p.name.zh_hans, &p.name.zh_hant].map(|n| n.to_lowercase());
    let mut best = domain_score(domains, q).unwrap_or(0);
    let mut bump = |s: u32| best = best.max(s);
    if p.id == q {
        bump(100);
    }
    for n in &names {
        if *n == q {
            bump(90);
        } else if n.starts_with(q) {
            bump(75);
        } else if n.contains(q) {
            bump(60);
        }
    }
    if p.id.starts_with(q) {
        bump(65);
    } else if p.id.contains(q) {
        bump(45);
    }
    for m in &p.mx_suffixes {
        if m.contains(q) {
            bump(30);
        }
    }
    (best > 0).then_some(best)
}

/// Where user provider files go: `<config dir>/providers/` (e.g.
/// `~/.config/mailconf/providers/` on Linux). `MAILCONF_CONFIG_DIR` overrides the
/// config directory (tests and portable installs use it).
pub fn user_provider_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("providers"))
}

/// mailconf's config directory.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("MAILCONF_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "mailconf").map(|p| p.config_dir().to_path_buf())
}

/// Largest provider file read (1 MiB): a hand-written provider is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Most provider files read from one folder; the rest are reported and skipped.
pub const MAX_USER_FILES: usize = 256;

/// Most directory entries looked at in one folder (files of any kind), so a
/// folder with millions of entries cannot keep the app from starting.
pub const MAX_DIR_ENTRIES: usize = 10_000;

/// What kind of file `t` is, in words, for "not a regular file" errors.
/// Reads one provider file defensively: only a regular file (a symbolic link is
/// followed when it leads to one), at most [`MAX_FILE_BYTES`]
/// ([`untrusted_file::read_text`]).
pub fn read_provider_file(path: &Path) -> Result<String, ProviderError> {
    untrusted_file::read_text(path, MAX_FILE_BYTES).map_err(|problem| ProviderError::Io {
        file: path.display().to_string(),
        problem: Arc::new(problem),
    })
}

/// The `*.json` files in `dir`, sorted, at most `max` of them (by name); the
/// second value says how many more there were. `skip` leaves out files by name.
pub fn json_files_in(
    dir: &Path,
    max: usize,
    skip: &[&str],
) -> std::io::Result<(Vec<PathBuf>, usize)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .take(MAX_DIR_ENTRIES)
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name()
                    .is_none_or(|n| !skip.iter().any(|s| n == std::ffi::OsStr::new(s)))
        })
        .collect();
    paths.sort();
    let more = paths.len().saturating_sub(max);
    paths.truncate(max);
    Ok((paths, more))
}

/// Reads every `*.json` file in `dir` as a user provider. A missing directory is
/// not an error; each broken file is, and so is each file that is not a regular
/// file, larger than [`MAX_FILE_BYTES`], or beyond the first [`MAX_USER_FILES`].
pub fn read_user_dir(dir: &Path) -> (Vec<(String, Provider)>, Vec<ProviderError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    let Ok((paths, more)) = json_files_in(dir, MAX_USER_FILES, &[]) else {
        return (ok, errors);
    };
    for path in paths {
        let file = path.display().to_string();
        match read_provider_file(&path) {
            Ok(text) => match load_file(&file, &text, false) {
                Ok(mut p) => {
                    p.origin = Origin::User;
                    ok.push((file, p));
                }
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(e),
        }
    }
    if more > 0 {
        errors.push(ProviderError::TooManyFiles {
            dir: dir.display().to_string(),
            more,
            max: MAX_USER_FILES,
        });
    }
    (ok, errors)
}
