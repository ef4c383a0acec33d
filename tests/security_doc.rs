//! `docs/security.md` against the code: every number in its "Caps and
//! deadlines" tables is the number the code uses, every cap this test knows
//! is in those tables, the README links the page, and the page says where to
//! report a vulnerability (the repository named in `Cargo.toml`, once it names
//! one). So the document cannot drift from the code silently.
//!
//! A table row names its code in the third column: a constant or a default
//! (`discover::MAX_REDIRECTS`, `ProbeOptions::default().reply_timeout`), a
//! flag whose default or range is the number (`probe --timeout`), a function
//! whose boundary is the number (`probe::reply::apop_timestamp`), or, for a
//! number written inline, the file and the expression that holds it
//! (`src/discover/http.rs`: `.connect_timeout(Duration::from_secs(5))`).

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use clap::Parser as _;
use mailconf::cli::{Cli, Command};
use mailconf::discover::DiscoverOptions;
use mailconf::dns::DnsOptions;
use mailconf::probe::ProbeOptions;
use mailconf::probe::reply::Limits;
use mailconf::probe::transcript::{LogEntry, Transcript};

const DOC: &str = "docs/security.md";

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A documented number: a duration in milliseconds, or a count (of bytes,
/// lines, servers…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Q {
    Ms(u128),
    N(u128),
}

impl std::fmt::Display for Q {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Q::Ms(ms) => write!(f, "{ms} ms"),
            Q::N(n) => write!(f, "{n}"),
        }
    }
}

fn dur(d: Duration) -> Q {
    Q::Ms(d.as_millis())
}

fn secs(s: f64) -> Q {
    Q::Ms((s * 1000.0).round() as u128)
}

fn n(x: usize) -> Q {
    Q::N(x as u128)
}

/// `5 s`, `250 ms`, `0.6 s`, `8 KiB`, `1 MiB`, `2048 bytes`, `512`.
fn parse_limit(s: &str) -> Result<Q, String> {
    let mut words = s.split_whitespace();
    let number = words.next().ok_or("empty limit")?;
    let unit = words.next().unwrap_or("");
    if words.next().is_some() {
        return Err(format!("{s:?}: write a number and one unit"));
    }
    let v: f64 = number
        .parse()
        .map_err(|_| format!("{s:?}: {number:?} is not a number"))?;
    let exact = |x: f64| -> Result<u128, String> {
        if x.fract() == 0.0 && x >= 0.0 {
            Ok(x as u128)
        } else {
            Err(format!("{s:?} is not a whole number of the base unit"))
        }
    };
    Ok(match unit {
        "ms" => Q::Ms(exact(v)?),
        "s" => Q::Ms(exact((v * 1000.0 * 1e6).round() / 1e6)?),
        "KiB" => Q::N(exact(v * 1024.0)?),
        "MiB" => Q::N(exact(v * 1024.0 * 1024.0)?),
        "" | "bytes" => Q::N(exact(v)?),
        other => return Err(format!("{s:?}: unknown unit {other:?}")),
    })
}

/// One row of a caps table.
#[derive(Debug)]
struct Row {
    what: String,
    limit: String,
    /// The code spans of the third column.
    code: Vec<String>,
}

/// The text between backticks, in order.
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect()
}

/// The rows of every table in the "Caps and deadlines" section.
fn cap_rows(doc: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            inside = h.trim() == "Caps and deadlines";
            continue;
        }
        if !inside || !line.starts_with('|') || line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
        assert_eq!(
            cells.len(),
            3,
            "{DOC}: a caps table row has three columns: {line}"
        );
        if cells[0].trim() == "what" {
            continue;
        }
        rows.push(Row {
            what: cells[0].trim().to_owned(),
            limit: cells[1].trim().to_owned(),
            code: code_spans(cells[2]),
        });
    }
    rows
}

/// The keys of a row's code column: each span, except that a file path and
/// the expression after it make one key (`src/x.rs: expr`).
fn keys(row: &Row) -> Vec<String> {
    let mut out = Vec::new();
    let mut spans = row.code.iter();
    while let Some(s) = spans.next() {
        if s.starts_with("src/") && s.ends_with(".rs") {
            let expr = spans
                .next()
                .unwrap_or_else(|| panic!("{DOC}: {:?}: {s} without an expression", row.what));
            out.push(format!("{s}: {expr}"));
        } else {
            out.push(s.clone());
        }
    }
    out
}

/// The arguments `mailconf <args…>` parses into.
fn parsed(args: &[&str]) -> Result<Command, String> {
    let mut all = vec!["mailconf"];
    all.extend_from_slice(args);
    Cli::try_parse_from(all)
        .map_err(|e| e.to_string())?
        .command
        .ok_or_else(|| "no subcommand".to_owned())
}

fn probe_args(extra: &[&str]) -> Result<mailconf::cli::probe::ProbeArgs, String> {
    let mut args = vec!["probe", "example.com"];
    args.extend_from_slice(extra);
    match parsed(&args)? {
        Command::Probe(a) => Ok(a),
        other => Err(format!("parsed as {other:?}")),
    }
}

fn discover_args() -> mailconf::cli::discover::DiscoverArgs {
    match parsed(&["discover", "a@example.com"]) {
        Ok(Command::Discover(a)) => a,
        other => panic!("{other:?}"),
    }
}

/// The boundary the code draws: the largest `k` in `from..search` that `ok`
/// accepts, `ok` accepting `from` and refusing everything above the
/// boundary (binary search; checked at the end).
fn boundary(from: usize, search: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
    if !ok(from) || ok(search) {
        return None;
    }
    let (mut yes, mut no) = (from, search);
    while no - yes > 1 {
        let mid = yes + (no - yes) / 2;
        if ok(mid) {
            yes = mid;
        } else {
            no = mid;
        }
    }
    (ok(yes) && !ok(yes + 1)).then_some(yes)
}

/// A host name of exactly `len` bytes (at least 1) whose labels are 63 bytes
/// or shorter and never empty.
fn host_of_len(len: usize) -> String {
    let label = "a".repeat(63);
    let (full, rest) = (len / 64, len % 64);
    let mut host = String::new();
    if rest == 0 {
        // 64 bytes left for the end: "a"×62 + "." + "a".
        for _ in 1..full {
            host.push_str(&label);
            host.push('.');
        }
        host.push_str(&"a".repeat(62));
        host.push_str(".a");
    } else {
        for _ in 0..full {
            host.push_str(&label);
            host.push('.');
        }
        host.push_str(&"a".repeat(rest));
    }
    host
}

/// A number written inline in the code: the file holds the expression, and
/// the expression says the number.
fn literal(key: &str) -> Result<Q, String> {
    let (path, expr) = key.split_once(": ").ok_or("no expression")?;
    if !read(path).contains(expr) {
        return Err(format!("{path} does not contain `{expr}`"));
    }
    let number = |prefix: &str| -> Option<u128> {
        let rest = &expr[expr.find(prefix)? + prefix.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(s) = number("from_secs(") {
        Ok(Q::Ms(s * 1000))
    } else if let Some(ms) = number("from_millis(") {
        Ok(Q::Ms(ms))
    } else if let Some(k) = number("take(") {
        Ok(Q::N(k))
    } else {
        Err(format!("no number this test can read in `{expr}`"))
    }
}

/// Every key this test knows, with the number the code says: a constant, a
/// default, a flag's default or range, the boundary a function draws, or a
/// number written inline.
fn actual(key: &str) -> Result<Q, String> {
    use mailconf::probe::reply::apop_timestamp;
    use mailconf::providers::address::is_valid_hostname;
    let probe = ProbeOptions::default();
    let limits = Limits::default();
    let discover = DiscoverOptions::default();
    let dns = DnsOptions::default();
    Ok(match key {
        // The probe.
        "ProbeOptions::default().connect_timeout" => dur(probe.connect_timeout),
        "ProbeOptions::default().reply_timeout" => dur(probe.reply_timeout),
        "ProbeOptions::default().overall_timeout" => dur(probe.overall_timeout),
        "ProbeOptions::default().happy_eyeballs_delay" => dur(probe.happy_eyeballs_delay),
        "ProbeOptions::default().max_connections" => n(probe.max_connections),
        "probe::DEFAULT_MAX_CONNECTIONS" => n(mailconf::probe::DEFAULT_MAX_CONNECTIONS),
        "probe --connect-timeout" => dur(probe_args(&[])?.connect_timeout),
        "probe --timeout" => dur(probe_args(&[])?.timeout),
        "probe --overall-timeout" => dur(probe_args(&[])?.overall_timeout),
        "probe --max-connections" => Q::N(u128::from(probe_args(&[])?.max_connections)),
        "probe --max-connections (largest)" => n(boundary(1, 10_000, |k| {
            probe_args(&["--max-connections", &k.to_string()]).is_ok()
        })
        .ok_or("no largest --max-connections below 10000")?),
        "cli::args::parse_seconds" => {
            let ok = |s: &str| mailconf::cli::args::parse_seconds(s).is_ok();
            let largest = boundary(1, 100_000, |k| ok(&k.to_string()))
                .ok_or("no largest number of seconds below 100000")?;
            if ok(&format!("{largest}.001")) {
                return Err(format!("{largest}.001 s is accepted too"));
            }
            Q::Ms(largest as u128 * 1000)
        }
        "probe::line::DEFAULT_MAX_LINE" => n(mailconf::probe::line::DEFAULT_MAX_LINE),
        "Limits::default().max_line" => n(limits.max_line),
        "Limits::default().max_reply_lines" => n(limits.max_reply_lines),
        "Limits::default().max_reply_bytes" => n(limits.max_reply_bytes),
        "Transcript::default()" => {
            let mut t = Transcript::default();
            for i in 0..100_000 {
                t.record(i, LogEntry::info("x"));
            }
            if t.omitted == 0 {
                return Err("kept 100000 lines".into());
            }
            n(t.lines.len())
        }
        "probe::reply::apop_timestamp" => {
            let stamp = |len: usize| format!("+OK ready <{}@x>", "1".repeat(len - 4));
            n(boundary(5, 100_000, |k| {
                apop_timestamp(stamp(k).as_bytes()).is_some()
            })
            .ok_or("no longest APOP timestamp")?)
        }
        // Discovery.
        "DiscoverOptions::default().timeout" => dur(discover.timeout),
        "discover --timeout" => dur(discover_args().timeout),
        "DnsOptions::default().query_timeout" => dur(dns.query_timeout),
        "DiscoverOptions::default().dns_options().query_timeout" => {
            dur(discover.dns_options().query_timeout)
        }
        "DnsOptions::default().attempts" => n(dns.attempts),
        "check::lookup::LOOKUP_LIMIT" => dur(mailconf::check::lookup::LOOKUP_LIMIT),
        "discover::http::MAX_REDIRECTS" => n(mailconf::discover::http::MAX_REDIRECTS),
        "discover::http::MAX_XML_BYTES" => n(mailconf::discover::http::MAX_XML_BYTES),
        "providers::autoconfig::MAX_XML_BYTES" => n(mailconf::providers::autoconfig::MAX_XML_BYTES),
        "existing::text::MAX_FILE_BYTES" => n(mailconf::existing::text::MAX_FILE_BYTES),
        "existing::text::MAX_PREFS_BYTES" => n(mailconf::existing::text::MAX_PREFS_BYTES),
        "existing::text::MAX_LINE_BYTES" => n(mailconf::existing::text::MAX_LINE_BYTES),
        "providers::autoconfig::MAX_URL_BYTES" => n(mailconf::providers::autoconfig::MAX_URL_BYTES),
        "discover::MAX_SERVERS_PER_PROTOCOL" => n(mailconf::discover::MAX_SERVERS_PER_PROTOCOL),
        "discover::MAX_SERVERS_PER_FINDING" => n(mailconf::discover::MAX_SERVERS_PER_FINDING),
        "check::run::REUSE_FOR" => dur(mailconf::check::run::REUSE_FOR),
        // Input and files.
        "providers::address::is_valid_hostname (name)" => {
            n(boundary(1, 1_000, |k| is_valid_hostname(&host_of_len(k)))
                .ok_or("no longest host name")?)
        }
        "providers::address::is_valid_hostname (label)" => n(boundary(1, 1_000, |k| {
            is_valid_hostname(&format!("{}.com", "a".repeat(k)))
        })
        .ok_or("no longest label")?),
        "providers::Address::parse" => n(boundary(1, 1_000, |k| {
            mailconf::providers::Address::parse(&format!("{}@example.com", "a".repeat(k))).is_ok()
        })
        .ok_or("no longest local part")?),
        "export::msmtp::MAX_LINE" => n(mailconf::export::msmtp::MAX_LINE),
        "providers::load::MAX_FILE_BYTES" => {
            Q::N(u128::from(mailconf::providers::load::MAX_FILE_BYTES))
        }
        "providers::load::MAX_USER_FILES" => n(mailconf::providers::load::MAX_USER_FILES),
        "providers::load::MAX_DIR_ENTRIES" => n(mailconf::providers::load::MAX_DIR_ENTRIES),
        // The desktop app.
        "app::DEBOUNCE_S" => secs(mailconf::app::DEBOUNCE_S),
        "app::CLIPBOARD_SECRET_S" => secs(mailconf::app::CLIPBOARD_SECRET_S),
        k if k.starts_with("src/") => literal(k)?,
        other => {
            return Err(format!(
                "this test does not know `{other}`: teach it `actual`"
            ));
        }
    })
}

/// Every key the document must have, so that no cap leaves it unnoticed.
const EXPECTED: &[&str] = &[
    "ProbeOptions::default().connect_timeout",
    "ProbeOptions::default().reply_timeout",
    "ProbeOptions::default().overall_timeout",
    "ProbeOptions::default().happy_eyeballs_delay",
    "ProbeOptions::default().max_connections",
    "probe::DEFAULT_MAX_CONNECTIONS",
    "probe --connect-timeout",
    "probe --timeout",
    "probe --overall-timeout",
    "probe --max-connections",
    "probe --max-connections (largest)",
    "cli::args::parse_seconds",
    "probe::line::DEFAULT_MAX_LINE",
    "Limits::default().max_line",
    "Limits::default().max_reply_lines",
    "Limits::default().max_reply_bytes",
    "Transcript::default()",
    "probe::reply::apop_timestamp",
    "src/probe/driver.rs: timeout(Duration::from_millis(200), conn.shutdown())",
    "DiscoverOptions::default().timeout",
    "discover --timeout",
    "DnsOptions::default().query_timeout",
    "DiscoverOptions::default().dns_options().query_timeout",
    "DnsOptions::default().attempts",
    "check::lookup::LOOKUP_LIMIT",
    "src/discover/http.rs: .connect_timeout(Duration::from_secs(5))",
    "discover::http::MAX_REDIRECTS",
    "discover::http::MAX_XML_BYTES",
    "providers::autoconfig::MAX_XML_BYTES",
    "providers::autoconfig::MAX_URL_BYTES",
    "discover::MAX_SERVERS_PER_PROTOCOL",
    "discover::MAX_SERVERS_PER_FINDING",
    "src/discover/run.rs: dropped.iter().take(8)",
    "check::run::REUSE_FOR",
    "providers::address::is_valid_hostname (name)",
    "providers::address::is_valid_hostname (label)",
    "providers::Address::parse",
    "export::msmtp::MAX_LINE",
    "providers::load::MAX_FILE_BYTES",
    "providers::load::MAX_USER_FILES",
    "providers::load::MAX_DIR_ENTRIES",
    "existing::text::MAX_FILE_BYTES",
    "existing::text::MAX_PREFS_BYTES",
    "existing::text::MAX_LINE_BYTES",
    "app::DEBOUNCE_S",
    "app::CLIPBOARD_SECRET_S",
];

/// The check itself, on any document text (so it can be shown to fail).
fn problems(doc: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let rows = cap_rows(doc);
    if rows.is_empty() {
        problems.push(format!("{DOC}: no \"Caps and deadlines\" table rows"));
    }
    for row in &rows {
        let documented = match parse_limit(&row.limit) {
            Ok(q) => q,
            Err(e) => {
                problems.push(format!("{:?}: {e}", row.what));
                continue;
            }
        };
        let ks = keys(row);
        if ks.is_empty() {
            problems.push(format!("{:?}: the third column names no code", row.what));
        }
        for key in ks {
            match actual(&key) {
                Ok(q) if q == documented => {}
                Ok(q) => problems.push(format!(
                    "{:?}: the document says {} ({documented}), `{key}` says {q}",
                    row.what, row.limit
                )),
                Err(e) => problems.push(format!("{:?}: `{key}`: {e}", row.what)),
            }
            seen.insert(key);
        }
    }
    for k in EXPECTED {
        if !seen.contains(*k) {
            problems.push(format!("{DOC} lost the cap `{k}`"));
        }
    }
    problems
}

#[test]
fn every_cap_and_deadline_in_the_security_doc_is_the_codes() {
    let problems = problems(&read(DOC));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_security_doc_check_fails_on_a_wrong_or_missing_number() {
    let doc = read(DOC);
    let row = "| 10 s | `ProbeOptions::default().reply_timeout`";
    assert!(doc.contains(row), "{DOC} changed; update this test");
    let wrong = doc.replace(row, "| 11 s | `ProbeOptions::default().reply_timeout`");
    let p = problems(&wrong);
    assert!(
        p.iter()
            .any(|e| e.contains("reply_timeout") && e.contains("11 s")),
        "{p:#?}"
    );
    let lost: String = doc
        .lines()
        .filter(|l| !l.contains("`discover::MAX_SERVERS_PER_FINDING`"))
        .collect::<Vec<_>>()
        .join("\n");
    let p = problems(&lost);
    assert!(
        p.iter()
            .any(|e| e.contains("lost the cap `discover::MAX_SERVERS_PER_FINDING`")),
        "{p:#?}"
    );
    let literal = doc.replace("from_millis(200)", "from_millis(300)");
    assert!(!problems(&literal).is_empty());
    // The provider-folder caps (issue 11, F13): a wrong number in any of
    // their rows is found.
    for (key, number, wrong) in [
        ("providers::load::MAX_FILE_BYTES", "| 1 MiB |", "| 2 MiB |"),
        ("providers::load::MAX_USER_FILES", "| 256 |", "| 255 |"),
        ("providers::load::MAX_DIR_ENTRIES", "| 10000 |", "| 1000 |"),
    ] {
        let line = doc
            .lines()
            .find(|l| l.contains(&format!("`{key}`")))
            .unwrap_or_else(|| panic!("{DOC} has no row for `{key}`"));
        assert!(line.contains(number), "{line}");
        let p = problems(&doc.replace(line, &line.replace(number, wrong)));
        assert!(
            p.iter()
                .any(|e| e.contains(key) && e.contains("the document says")),
            "{key}: {p:#?}"
        );
    }
}

#[test]
fn the_readme_links_the_security_doc() {
    assert!(
        read("README.md").contains("(docs/security.md)"),
        "README.md must link {DOC}"
    );
}

/// Where to report a vulnerability: a private GitHub advisory, on the
/// repository `Cargo.toml` names once it names one; never a made-up address.
#[test]
fn the_security_doc_says_where_to_report_a_vulnerability() {
    let doc = read(DOC);
    let section = doc
        .split("## Reporting a vulnerability")
        .nth(1)
        .expect("a \"Reporting a vulnerability\" section");
    assert!(section.contains("Report a vulnerability"), "{section}");
    assert!(
        !section.contains("security@") && !section.contains("@example"),
        "no made-up e-mail address: {section}"
    );
    let manifest = read("Cargo.toml");
    for line in manifest.lines() {
        let Some((field, value)) = line.split_once('=') else {
            continue;
        };
        if matches!(field.trim(), "repository" | "homepage") {
            let url = value.trim().trim_matches('"');
            assert!(
                section.contains(url),
                "Cargo.toml names {url} ({}); the vulnerability section must name it too",
                field.trim()
            );
        }
    }
}

#[test]
fn limits_are_read_in_their_units() {
    assert_eq!(parse_limit("5 s"), Ok(Q::Ms(5000)));
    assert_eq!(parse_limit("0.6 s"), Ok(Q::Ms(600)));
    assert_eq!(parse_limit("250 ms"), Ok(Q::Ms(250)));
    assert_eq!(parse_limit("8 KiB"), Ok(Q::N(8192)));
    assert_eq!(parse_limit("1 MiB"), Ok(Q::N(1_048_576)));
    assert_eq!(parse_limit("2048 bytes"), Ok(Q::N(2048)));
    assert_eq!(parse_limit("16"), Ok(Q::N(16)));
    assert!(parse_limit("5 minutes").is_err());
    assert!(parse_limit("0.5 ms").is_err());
    for len in [1, 63, 64, 65, 128, 253, 254, 256] {
        let h = host_of_len(len);
        assert_eq!(h.len(), len, "{h}");
        assert!(h.split('.').all(|l| !l.is_empty() && l.len() <= 63), "{h}");
    }
}
