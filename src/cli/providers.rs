//! `mailconf providers …`: list, search, show, validate and import the database.

use super::{EXIT_ERROR, EXIT_NEGATIVE, EXIT_USAGE};
use crate::i18n::{Lang, msg};
use crate::providers::describe;
use crate::providers::load::{self, Entry};
use crate::providers::{
    Address, Auth, Database, Localized, MatchKind, Origin, Provider, ProviderError, Status,
    json_schema,
};
use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `mailconf providers …`
#[derive(Debug, Subcommand)]
pub enum ProvidersCommand {
    /// List providers (bundled, imported and your own), optionally filtered.
    List {
        /// Only providers whose name (any language), id or domain matches.
        #[arg(long, short)]
        search: Option<String>,
        /// Only entries of this origin.
        #[arg(long, value_enum)]
        origin: Option<OriginArg>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show everything known about a provider, found by id, domain or address.
    Show {
        /// A provider id (`163`), a domain (`163.com`) or an address (`用户@qq.com`).
        query: String,
        /// Print hints and notes in all three languages.
        #[arg(long)]
        all_langs: bool,
        /// Print JSON (all three languages) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check provider files against the schema and the semantic rules.
    ///
    /// Without paths, checks the bundled database and your own provider files.
    /// A directory checks every `*.json` in it.
    Validate {
        /// Files or directories to check.
        paths: Vec<PathBuf>,
    },
    /// Import a copy of the Thunderbird ISPDB into JSON provider files.
    ImportIspdb {
        /// Folder with the ISPDB's XML files (and its SOURCE.md and LICENSE).
        dir: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "providers/ispdb")]
        out: PathBuf,
        /// Month the data was checked (YYYY-MM), when the folder has no SOURCE.md.
        #[arg(long)]
        checked: Option<String>,
    },
    /// Re-check entries against the live servers: every server an entry lists is
    /// probed (no login) and compared with what the entry claims.
    ///
    /// Each entry ends `ok`, `drift` (each claim next to what was observed) or
    /// `unreachable` (with the reason). Exit code 1 when any entry drifted.
    /// Without ID or DOMAIN, audits every entry of the database.
    Audit(AuditArgs),
    /// Print the JSON Schema of a provider file.
    Schema,
    /// Print where your own provider files go.
    Dir,
}

/// Arguments of `mailconf providers audit`.
#[derive(Debug, Clone, clap::Args)]
pub struct AuditArgs {
    /// Entries to audit, by id or domain (`163`, `qq.com`); all when none given.
    #[arg(value_name = "ID|DOMAIN")]
    pub targets: Vec<String>,
    /// Endpoints probed at once (1-256).
    #[arg(long, value_name = "N", default_value_t = crate::check::audit::DEFAULT_CONCURRENCY,
          value_parser = parse_concurrency)]
    pub concurrency: usize,
    /// Print one JSON document (see docs/audit-json.md) instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Use this address for a host name instead of DNS, like curl: `mail.example.com:127.0.0.1`.
    /// Repeatable.
    #[arg(long, value_name = "HOST:ADDR", value_parser = super::args::parse_resolve)]
    pub resolve: Vec<(String, std::net::IpAddr)>,
    /// Connect to other ports than the ones planned, e.g. `995=10995,993=10993`
    /// (for tests: the plan still names the standard ports).
    #[arg(long, value_delimiter = ',', value_name = "PORT=PORT", value_parser = crate::discover::PortMap::parse_pair)]
    pub port_map: Vec<(u16, u16)>,
    /// Extra trust anchors: a PEM file of CA certificates.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Ask this DNS server (IP or IP:PORT) instead of the system's.
    #[arg(long, value_name = "HOST:PORT", value_parser = crate::dns::parse_server)]
    pub dns: Option<std::net::SocketAddr>,
    /// Seconds for the connection and for each reply; one endpoint gets three times as long.
    #[arg(long, value_name = "S", default_value = "10", value_parser = super::args::parse_seconds)]
    pub timeout: std::time::Duration,
}

fn parse_concurrency(s: &str) -> Result<usize, super::args::ValueError> {
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=crate::check::audit::MAX_CONCURRENCY).contains(&n) => Ok(n),
        _ => Err(super::args::ValueError::Concurrency {
            value: s.to_owned(),
            max: crate::check::audit::MAX_CONCURRENCY,
        }),
    }
}

/// `--origin` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OriginArg {
    /// Written by hand in providers/.
    Hand,
    /// Imported from the Thunderbird ISPDB.
    Ispdb,
    /// Your own files.
    User,
}

/// Runs one `providers` subcommand.
pub fn run(cmd: ProvidersCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut out = super::stdout();
    match cmd {
        ProvidersCommand::List {
            search,
            origin,
            json,
        } => {
            let db = super::load_database(lang);
            let mut entries = db.search(search.as_deref().unwrap_or(""));
            if let Some(o) = origin {
                let want = match o {
                    OriginArg::Hand => Origin::Hand,
                    OriginArg::Ispdb => Origin::Ispdb,
                    OriginArg::User => Origin::User,
                };
                entries.retain(|e| e.provider.origin == want);
            }
            if json {
                let v: Vec<ListedProvider> =
                    entries.iter().map(|e| ListedProvider::of(e)).collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
            } else {
                print_list(&mut out, &entries, &db, lang)?;
            }
            Ok(if entries.is_empty() && search.is_some() {
                ExitCode::from(EXIT_NEGATIVE)
            } else {
                ExitCode::SUCCESS
            })
        }
        ProvidersCommand::Show {
            query,
            all_langs,
            json,
        } => {
            let db = super::load_database(lang);
            match db.lookup(&query) {
                Ok(m) => {
                    let username = m.address.as_ref().map(|a| {
                        // An internationalized domain in the provider's wire form.
                        let address = a.in_form(m.entry.provider.username_idn);
                        m.entry
                            .provider
                            .incoming
                            .first()
                            .map_or(address.clone(), |s| s.username.apply(&address))
                    });
                    if json {
                        let v = ShownProvider {
                            query: query.clone(),
                            matched: Matched {
                                kind: m.kind,
                                domain: m.domain.clone(),
                                address: m.address.as_ref().map(|a| a.canonical()),
                                username,
                            },
                            file: m.entry.file.clone(),
                            overrides: m.entry.overrides.clone(),
                            provider: m.entry.provider.clone(),
                        };
                        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                    } else {
                        let langs: &[Lang] = if all_langs {
                            &Lang::ALL
                        } else {
                            std::slice::from_ref(&lang)
                        };
                        print_show(
                            &mut out,
                            m.entry,
                            m.domain.as_deref(),
                            username.as_deref(),
                            langs,
                            lang,
                        )?;
                    }
                    Ok(ExitCode::SUCCESS)
                }
                // Malformed input is a usage error (2), as in every subcommand.
                Err(e @ crate::providers::LookupError::Address(_)) => {
                    crate::cli::complain(lang, "mailconf", &e.text(lang));
                    Ok(ExitCode::from(EXIT_USAGE))
                }
                Err(e) => {
                    crate::cli::complain(lang, "mailconf", &e.text(lang));
                    let suggestions = db.search(&query);
                    if !suggestions.is_empty() {
                        eprintln!("{}", msg!(lang, "providers-did-you-mean"));
                        for s in suggestions.iter().take(5) {
                            eprintln!("  {}{}", pad(&s.provider.id, 20), s.provider.name.get(lang));
                        }
                    }
                    Ok(ExitCode::from(EXIT_NEGATIVE))
                }
            }
        }
        ProvidersCommand::Validate { paths } => validate(&mut out, &paths, lang),
        ProvidersCommand::ImportIspdb {
            dir,
            out: dest,
            checked,
        } => {
            let r = match crate::providers::ispdb::import(&dir, &dest, checked.as_deref()) {
                Ok(r) => r,
                Err(e) => {
                    super::complain(lang, "mailconf", &e.text(lang));
                    return Ok(ExitCode::from(EXIT_ERROR));
                }
            };
            writeln!(
                out,
                "{}",
                msg!(
                    lang,
                    "import-summary",
                    files = r.files_read,
                    written = r.written,
                    domains = r.domains,
                    dir = dest.display().to_string(),
                    removed = r.removed
                )
            )?;
            // File names and domains come from the files read: escaped.
            let esc = |t: &str| crate::server_text::ServerText::new(t).to_string();
            for (file, why) in &r.skipped {
                writeln!(
                    out,
                    "{}",
                    msg!(
                        lang,
                        "import-skipped",
                        file = esc(file),
                        // Escaped where it quotes the file (Skip::text).
                        why = why.text(lang)
                    )
                )?;
            }
            for (suffix, file) in &r.mx_suffixes {
                writeln!(
                    out,
                    "{}",
                    msg!(
                        lang,
                        "import-mx-suffix",
                        file = esc(file),
                        suffix = esc(suffix)
                    )
                )?;
            }
            for file in &r.unknown {
                writeln!(
                    out,
                    "{}",
                    msg!(lang, "import-unknown-file", file = esc(file))
                )?;
            }
            for (d, kept, dropped) in &r.duplicate_domains {
                writeln!(
                    out,
                    "{}",
                    msg!(
                        lang,
                        "import-duplicate-domain",
                        domain = esc(d),
                        kept = esc(kept),
                        dropped = esc(dropped)
                    )
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        ProvidersCommand::Audit(args) => audit(&mut out, &args, lang),
        ProvidersCommand::Schema => {
            write!(out, "{}", json_schema())?;
            Ok(ExitCode::SUCCESS)
        }
        ProvidersCommand::Dir => {
            match load::user_provider_dir() {
                Some(d) => writeln!(out, "{}", d.display())?,
                None => writeln!(out, "{}", msg!(lang, "providers-dir-none"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn origin_word(o: Origin, lang: Lang) -> String {
    match o {
        Origin::Hand => msg!(lang, "origin-hand"),
        Origin::Ispdb => "ISPDB".to_owned(),
        Origin::User => msg!(lang, "origin-user"),
    }
}

/// The one word of the list's STATUS column (`providers show` says more).
fn status_word(p: &Provider, lang: Lang) -> String {
    match p.status {
        crate::providers::Status::Active => msg!(lang, "status-active"),
        crate::providers::Status::NeedsSetup => msg!(lang, "status-word-needs-setup"),
        crate::providers::Status::Discontinued { .. } => msg!(lang, "status-word-discontinued"),
    }
}

/// One entry of `mailconf providers list --json`, an array of these
/// (`docs/providers-json.md`, schema `docs/providers-list.schema.json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListedProvider {
    /// Provider id (`163`), as `providers show` and `probe` take it.
    pub id: String,
    /// Name in English, Simplified and Traditional Chinese.
    pub name: Localized,
    /// Whether the service works as it is, must be switched on, or is gone
    /// (as in a provider file).
    pub status: Status,
    /// Domains served.
    pub domains: Vec<String>,
    /// MX host suffixes that identify a domain hosted by this provider.
    pub mx_suffixes: Vec<String>,
    /// What the password field takes, where to create it, and notes: the
    /// same object as a provider file's and `providers show --json`'s `auth`.
    pub auth: Auth,
    /// Who wrote the entry: `hand`, `ispdb` or `user`.
    pub origin: Origin,
    /// The file the entry was read from.
    pub file: String,
}

impl ListedProvider {
    fn of(e: &Entry) -> Self {
        let p = &e.provider;
        ListedProvider {
            id: p.id.clone(),
            name: p.name.clone(),
            status: p.status.clone(),
            domains: p.domains.clone(),
            mx_suffixes: p.mx_suffixes.clone(),
            auth: p.auth.clone(),
            origin: p.origin,
            file: e.file.clone(),
        }
    }
}

/// What `mailconf providers show --json` prints (`docs/providers-json.md`,
/// schema `docs/providers-show.schema.json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ShownProvider {
    /// The query as typed.
    pub query: String,
    /// How the query matched.
    pub matched: Matched,
    /// The file the entry was read from.
    pub file: String,
    /// Ids of entries whose domains this one took over.
    pub overrides: Vec<String>,
    /// The whole entry, as in a provider file (`providers/README.md`).
    pub provider: Provider,
}

/// How `providers show` found the entry.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Matched {
    /// By `id`, by `domain`, or by a `parent-domain` of the one typed.
    pub kind: MatchKind,
    /// The domain that matched; `null` for an id.
    pub domain: Option<String>,
    /// The address typed (domain in ASCII); `null` when none was.
    pub address: Option<String>,
    /// The login name for that address, by the provider's rule; `null` without an address.
    pub username: Option<String>,
}

/// The JSON Schema of `providers list --json` (`docs/providers-list.schema.json`).
pub fn list_json_schema() -> String {
    crate::providers::output_schema::<Vec<ListedProvider>>()
}

/// The JSON Schema of `providers show --json` (`docs/providers-show.schema.json`).
pub fn show_json_schema() -> String {
    crate::providers::output_schema::<ShownProvider>()
}

fn print_list(
    out: &mut impl Write,
    entries: &[&Entry],
    db: &Database,
    lang: Lang,
) -> anyhow::Result<()> {
    for e in entries {
        let p = &e.provider;
        let mut domains = p
            .domains
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if p.domains.len() > 3 {
            domains.push_str(&format!(" (+{})", p.domains.len() - 3));
        }
        if p.domains.is_empty() && !p.mx_suffixes.is_empty() {
            domains = format!("MX *.{}", p.mx_suffixes.join(", *."));
        }
        writeln!(
            out,
            "{}{}{}{}{}",
            pad(&p.id, 22),
            pad(p.name.get(lang), 28),
            pad(&status_word(p, lang), 13),
            pad(&origin_word(p.origin, lang), 6),
            domains
        )?;
    }
    writeln!(
        out,
        "{}",
        msg!(
            lang,
            "providers-list-total",
            shown = entries.len(),
            domains = db.domain_count()
        )
    )?;
    Ok(())
}

/// Pads `s` to `width` terminal columns (CJK characters take two), with at least one space.
fn pad(s: &str, width: usize) -> String {
    super::pad(s, width.max(super::display_width(s) + 1))
}

/// A label of `providers show`'s left column, padded to the column.
fn label(text: &str) -> String {
    pad(text, 14)
}

fn print_show(
    out: &mut impl Write,
    e: &Entry,
    matched_domain: Option<&str>,
    username: Option<&str>,
    langs: &[Lang],
    lang: Lang,
) -> anyhow::Result<()> {
    let p = &e.provider;
    let indent = " ".repeat(14);
    writeln!(
        out,
        "{} · {} · {}  [{}]",
        p.name.en, p.name.zh_hans, p.name.zh_hant, p.id
    )?;
    writeln!(
        out,
        "{}{}",
        label(&msg!(lang, "show-status")),
        describe::status(&p.status, lang)
    )?;
    writeln!(
        out,
        "{}{}",
        label(&msg!(lang, "show-domains")),
        if p.domains.is_empty() {
            "-".into()
        } else {
            p.domains.join(", ")
        }
    )?;
    if !p.mx_suffixes.is_empty() {
        writeln!(
            out,
            "{}{}",
            label(&msg!(lang, "show-mx-hosts")),
            p.mx_suffixes
                .iter()
                .map(|m| format!("*.{m}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if let Some(d) = matched_domain {
        writeln!(out, "{}{d}", label(&msg!(lang, "show-matched")))?;
    }
    if let Some(u) = username {
        writeln!(out, "{}{u}", label(&msg!(lang, "show-username")))?;
        if Address::parse(u).is_ok_and(|a| a.is_internationalized()) {
            writeln!(
                out,
                "{}{}",
                label(""),
                describe::idn_username(p.username_idn, lang)
            )?;
        }
    }
    writeln!(
        out,
        "{}{}",
        label(&msg!(lang, "show-password")),
        describe::auth_kind(p.auth.kind, lang)
    )?;
    if let Some(u) = &p.auth.create_url {
        writeln!(
            out,
            "{indent}{}",
            msg!(lang, "show-create-it-at", url = u.as_str())
        )?;
    }
    if let Some(n) = &p.auth.notes {
        for l in langs {
            writeln!(out, "{indent}{}", n.get(*l))?;
        }
    }
    for (title, servers) in [
        (msg!(lang, "show-incoming"), &p.incoming),
        (msg!(lang, "show-outgoing"), &p.outgoing),
    ] {
        for (i, s) in servers.iter().enumerate() {
            let head = if i == 0 {
                label(&title)
            } else {
                indent.clone()
            };
            let hp = format!("{}:{}", s.host, s.port);
            writeln!(
                out,
                "{head}{}{}{}{}",
                pad(s.protocol.label(), 6),
                pad(&hp, 29),
                pad(&describe::security(s.security, lang), 10),
                msg!(
                    lang,
                    "discover-username",
                    form = describe::username_form(s.username, lang)
                )
            )?;
            if let Some(login) = s.login {
                writeln!(out, "{indent}      {}", describe::server_login(login, lang))?;
            }
            if let Some(n) = &s.note {
                for l in langs {
                    writeln!(out, "{indent}      {}", n.get(*l))?;
                }
            }
        }
    }
    for (i, h) in p.hints.iter().enumerate() {
        let head = if i == 0 {
            label(&msg!(lang, "show-setup"))
        } else {
            indent.clone()
        };
        for (j, l) in langs.iter().enumerate() {
            let h2 = if j == 0 { head.clone() } else { indent.clone() };
            writeln!(out, "{h2}{}. {}", i + 1, h.get(*l))?;
        }
    }
    for (i, q) in p.quirks.iter().enumerate() {
        let head = if i == 0 {
            label(&msg!(lang, "show-good-to-know"))
        } else {
            indent.clone()
        };
        writeln!(out, "{head}{}", describe::quirk(*q, lang))?;
    }
    if let Some(h) = &p.history {
        for (j, l) in langs.iter().enumerate() {
            let head = if j == 0 {
                label(&msg!(lang, "show-history"))
            } else {
                indent.clone()
            };
            writeln!(out, "{head}{}", h.get(*l))?;
        }
    }
    for (i, h) in p.help_urls.iter().enumerate() {
        let head = if i == 0 {
            label(&msg!(lang, "show-help"))
        } else {
            indent.clone()
        };
        match &h.title {
            Some(t) => writeln!(out, "{head}{} — {}", h.url, t.get(lang))?,
            None => writeln!(out, "{head}{}", h.url)?,
        }
    }
    for (i, s) in p.sources.iter().enumerate() {
        let head = if i == 0 {
            label(&msg!(lang, "show-sources"))
        } else {
            indent.clone()
        };
        let kind = match s.kind {
            crate::providers::SourceKind::ProviderDocs => msg!(lang, "source-provider-docs"),
            crate::providers::SourceKind::Ispdb => "Thunderbird ISPDB".to_owned(),
            crate::providers::SourceKind::GeneralKnowledge => {
                msg!(lang, "source-general-knowledge")
            }
            crate::providers::SourceKind::UserReport => msg!(lang, "source-user-reports"),
            crate::providers::SourceKind::NoProviderPage => msg!(lang, "source-no-provider-page"),
        };
        let line = match s.url.as_deref() {
            Some(url) => msg!(
                lang,
                "show-source",
                about = s.about.as_str(),
                kind = kind,
                url = url,
                checked = s.checked.as_str()
            ),
            None => msg!(
                lang,
                "show-source-no-url",
                about = s.about.as_str(),
                kind = kind,
                checked = s.checked.as_str()
            ),
        };
        writeln!(out, "{head}{line}")?;
    }
    let origin = if e.overrides.is_empty() {
        msg!(
            lang,
            "show-entry-origin",
            origin = origin_word(p.origin, lang),
            file = e.file.as_str()
        )
    } else {
        msg!(
            lang,
            "show-entry-origin-overrides",
            origin = origin_word(p.origin, lang),
            file = e.file.as_str(),
            overrides = e.overrides.join(&msg!(lang, "list-comma"))
        )
    };
    writeln!(out, "{}{origin}", label(&msg!(lang, "show-entry")))?;
    if p.origin == Origin::Ispdb {
        writeln!(out, "{indent}{}", msg!(lang, "show-ispdb-license"))?;
    }
    Ok(())
}

/// The files to check: each file as given, each folder's `*.json` (not
/// `schema.json`), at most [`load::MAX_USER_FILES`] per folder; folders with more
/// are reported as one problem each.
fn collect_paths(paths: &[PathBuf]) -> anyhow::Result<(Vec<PathBuf>, Vec<ProviderError>)> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let (v, more) = load::json_files_in(p, load::MAX_USER_FILES, &["schema.json"])
                .with_context(|| format!("cannot read {}", p.display()))?;
            files.extend(v);
            if more > 0 {
                errors.push(ProviderError::TooManyFiles {
                    dir: p.display().to_string(),
                    more,
                    max: load::MAX_USER_FILES,
                });
            }
        } else {
            files.push(p.clone());
        }
    }
    Ok((files, errors))
}

fn validate(out: &mut impl Write, paths: &[PathBuf], lang: Lang) -> anyhow::Result<ExitCode> {
    let mut errors: Vec<ProviderError> = Vec::new();
    let mut checked = 0usize;
    if paths.is_empty() {
        // The bundled database, then the user's files on top.
        let db = Database::bundled();
        checked += load::bundled_files().len();
        errors.extend(db.warnings.iter().cloned());
        if let Some(dir) = load::user_provider_dir() {
            let (ok, errs) = load::read_user_dir(&dir);
            checked += ok.len() + errs.len();
            errors.extend(errs);
        }
    } else {
        let mut seen: HashMap<String, (String, String)> = HashMap::new();
        let (files, too_many) = collect_paths(paths)?;
        errors.extend(too_many);
        for f in files {
            checked += 1;
            let name = f.display().to_string();
            let text = match load::read_provider_file(&f) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let in_bundle = f
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "providers" || d == "ispdb");
            match load::load_file(&name, &text, in_bundle) {
                Ok(p) => {
                    let dir = f
                        .parent()
                        .map(|d| d.display().to_string())
                        .unwrap_or_default();
                    for d in &p.domains {
                        let key = format!("{dir}\0{d}");
                        if let Some((other, other_file)) = seen.get(&key)
                            && other_file != &name
                        {
                            errors.push(ProviderError::DuplicateDomain {
                                file: name.clone(),
                                domain: d.clone(),
                                other: other.clone(),
                                other_file: other_file.clone(),
                            });
                        } else {
                            seen.insert(key, (p.id.clone(), name.clone()));
                        }
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
    }
    for e in &errors {
        writeln!(
            out,
            "{}",
            crate::i18n::msg!(lang, "validate-error", problem = e.text(lang))
        )?;
    }
    let summary = crate::i18n::msg!(
        lang,
        "validate-summary",
        files = checked,
        problems = errors.len()
    );
    writeln!(out, "{summary}")?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NEGATIVE)
    })
}

/// `mailconf providers audit`: probe what the entries claim and say where they drifted.
fn audit(out: &mut impl Write, args: &AuditArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    use crate::check::audit::AuditOptions;
    use std::io::IsTerminal as _;
    let db = super::load_database(lang);
    let chosen: Vec<&Entry> = if args.targets.is_empty() {
        db.entries()
    } else {
        let mut chosen: Vec<&Entry> = Vec::new();
        let mut unknown = Vec::new();
        for t in &args.targets {
            match db.lookup(t) {
                Ok(m) if !chosen.iter().any(|e| std::ptr::eq(*e, m.entry)) => chosen.push(m.entry),
                Ok(_) => {}
                Err(e) => unknown.push(msg!(lang, "label-value", label = t, value = e.text(lang))),
            }
        }
        if !unknown.is_empty() {
            super::complain(
                lang,
                "mailconf",
                &format!(
                    "{}\n  {}",
                    msg!(lang, "audit-no-such-entry"),
                    unknown.join("\n  ")
                ),
            );
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        chosen
    };
    let mut resolve: std::collections::BTreeMap<String, Vec<std::net::IpAddr>> =
        std::collections::BTreeMap::new();
    for (host, ip) in &args.resolve {
        resolve.entry(host.clone()).or_default().push(*ip);
    }
    let extra_roots = match super::args::ca_file(args.ca_file.as_deref(), lang) {
        Ok(roots) => roots,
        Err(e) => {
            crate::cli::complain(lang, "mailconf", &e.to_string());
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let options = AuditOptions {
        probe: crate::probe::ProbeOptions {
            connect_timeout: args.timeout,
            reply_timeout: args.timeout,
            overall_timeout: args.timeout * 3,
            port_map: args.port_map.iter().copied().collect(),
            resolve,
            extra_roots,
            ..crate::probe::ProbeOptions::default()
        },
        dns: args.dns,
        concurrency: args.concurrency,
        ..AuditOptions::default()
    };
    // A progress bar on a terminal only; nothing when stderr is piped.
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} endpoints  {elapsed_precise}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let report = crate::check::audit::audit_blocking(&db, &chosen, &options, |p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    });
    bar.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            use crate::check::audit::AuditError as E;
            crate::cli::complain(lang, "mailconf", &e.text(lang));
            let code = match e {
                E::Tls(_) | E::Dns(_) | E::Concurrency(_) => EXIT_USAGE,
                E::Runtime(_) => EXIT_ERROR,
            };
            return Ok(ExitCode::from(code));
        }
    };
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print_audit(out, &report, lang)?;
    }
    Ok(if report.has_drift() {
        ExitCode::from(EXIT_NEGATIVE)
    } else {
        ExitCode::SUCCESS
    })
}

/// Each claim of `checks` that does not simply hold, next to what was observed.
fn print_checks(
    out: &mut impl Write,
    checks: &[crate::check::audit::Check],
    lang: Lang,
) -> anyhow::Result<()> {
    use crate::check::audit::CheckResult;
    for c in checks.iter().filter(|c| c.result != CheckResult::Holds) {
        let label = match c.result {
            CheckResult::Drift => msg!(lang, "audit-drift"),
            CheckResult::Warning => msg!(lang, "audit-note"),
            CheckResult::Unverified | CheckResult::Holds => msg!(lang, "audit-unverified"),
        };
        writeln!(
            out,
            "    [{label}] {}",
            msg!(lang, "audit-claimed", claim = c.claim.get(lang))
        )?;
        writeln!(
            out,
            "    {} {}",
            " ".repeat(super::display_width(&label) + 2),
            msg!(lang, "audit-observed", observed = c.observed.get(lang))
        )?;
    }
    Ok(())
}

fn entry_status_word(s: crate::check::audit::EntryStatus, lang: Lang) -> String {
    use crate::check::audit::EntryStatus as S;
    match s {
        S::Ok => msg!(lang, "audit-ok"),
        S::Drift => msg!(lang, "audit-drift"),
        S::Unreachable => msg!(lang, "audit-unreachable"),
    }
}

/// The audit as a table, then each entry that is not ok with every claim that
/// does not hold (or could not be checked) next to what was observed.
fn print_audit(
    out: &mut impl Write,
    report: &crate::check::audit::AuditReport,
    lang: Lang,
) -> anyhow::Result<()> {
    use crate::check::audit::{CheckResult, EntryStatus, ServerOutcome};
    writeln!(
        out,
        "{}{}{}{}",
        pad(&msg!(lang, "audit-col-entry"), 24),
        pad(&msg!(lang, "audit-col-status"), 14),
        pad(&msg!(lang, "audit-col-servers-ok"), 12),
        msg!(lang, "audit-col-first-finding"),
    )?;
    for e in &report.entries {
        let ok = e
            .servers
            .iter()
            .filter(|s| s.outcome == ServerOutcome::Ok)
            .count();
        let first = match (&e.reason, e.status) {
            (Some(r), _) => r.get(lang).to_owned(),
            (None, EntryStatus::Drift) => e
                .servers
                .iter()
                .find_map(|s| {
                    s.checks
                        .iter()
                        .find(|c| c.result == CheckResult::Drift)
                        .map(|c| {
                            msg!(
                                lang,
                                "label-value",
                                label = s.endpoint.to_string(),
                                value = c.observed.get(lang)
                            )
                        })
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        writeln!(
            out,
            "{}{}{}{}",
            pad(&e.id, 24),
            pad(&entry_status_word(e.status, lang), 14),
            pad(&format!("{ok}/{}", e.servers.len()), 12),
            first
        )?;
    }
    let notable = |checks: &[crate::check::audit::Check]| -> bool {
        checks.iter().any(|c| c.result != CheckResult::Holds)
    };
    for e in report.entries.iter().filter(|e| {
        e.status != EntryStatus::Ok
            || notable(&e.checks)
            || e.servers
                .iter()
                .any(|s| s.checks.iter().any(|c| c.result == CheckResult::Warning))
    }) {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            msg!(
                lang,
                "audit-entry-heading",
                id = e.id.as_str(),
                file = e.file.as_str(),
                status = entry_status_word(e.status, lang)
            )
        )?;
        for s in e.servers.iter().filter(|s| notable(&s.checks)) {
            writeln!(out, "  {}", s.endpoint)?;
            print_checks(out, &s.checks, lang)?;
        }
        if notable(&e.checks) {
            writeln!(out, "  {}", msg!(lang, "audit-entry-as-a-whole"))?;
            print_checks(out, &e.checks, lang)?;
        }
    }
    let s = &report.summary;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        msg!(
            lang,
            "audit-summary",
            entries = s.entries,
            ok = s.ok,
            drift = s.drift,
            unreachable = s.unreachable,
            endpoints = s.endpoints,
            concurrency = report.concurrency
        )
    )?;
    Ok(())
}
