//! The command line's contracts, checked on the built binary for every
//! subcommand at once: one exit-code rule (malformed input is a usage error,
//! 2; a negative answer is 1; success is 0), a reader that goes away never
//! changes the exit code, the connection flags work before and after the
//! subcommand, the help says what the flags do, and the README's synopsis
//! lists exactly the commands and options clap defines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use clap::CommandFactory as _;

/// The binary with an empty user provider folder and English output.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    c.env(
        "MAILCONF_CONFIG_DIR",
        std::env::temp_dir().join("mailconf-cli-tests-no-config"),
    )
    .env("MAILCONF_LANG", "en")
    .env_remove("LC_ALL")
    .stdin(Stdio::null());
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A standard output whose reader is already gone: every write gets EPIPE.
fn closed_stdout() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

// ---------------------------------------------------------------------------
// Exit codes

/// Malformed addresses, each with a word the error must say about it.
const MALFORMED: &[(&str, &str)] = &[
    ("a@@b", "more than one @"),
    ("al ice@163.com", "a space"),
    ("x@", "the domain after the @"),
    ("a\u{7}b@163.com", "control character"),
    ("@163.com", "before the @"),
];

/// The same malformed address gets the same answer in every subcommand that
/// takes one: exit code 2, nothing on stdout, and a message naming what is wrong.
#[test]
fn a_malformed_address_is_a_usage_error_in_every_subcommand() {
    for (input, why) in MALFORMED {
        let commands: [Vec<&str>; 6] = [
            vec!["providers", "show", input],
            vec!["providers", "show", input, "--json"],
            vec!["export", input, "--format", "json"],
            vec!["discover", input, "--no-network-sources", "--json"],
            vec!["probe", input, "--no-discovery"],
            vec!["probe", input, "--json"],
        ];
        for args in commands {
            let out = run(&args);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
            assert!(stderr.starts_with("mailconf"), "{args:?}: {stderr}");
            assert!(
                stderr.contains(why),
                "{args:?} should say {why:?}: {stderr}"
            );
            assert!(
                !stderr.contains('\u{7}'),
                "raw control character: {stderr:?}"
            );
        }
    }
}

/// A flag value that cannot be parsed is a usage error too, naming the flag.
#[test]
fn a_malformed_flag_value_is_a_usage_error_naming_the_flag() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["probe", "--endpoint", "mail.test:995:bogus"],
            "--endpoint",
        ),
        (&["probe", "x.test", "--dns", "not-an-ip"], "--dns"),
        (&["discover", "a@x.test", "--dns", "not-an-ip"], "--dns"),
        (
            &["export", "163", "-f", "json", "--dns", "not-an-ip"],
            "--dns",
        ),
        (
            &[
                "probe",
                "a@x.test",
                "--allow-insecure-auth",
                "pop3:110:rot13",
            ],
            "--allow-insecure-auth",
        ),
        (
            &["probe", "x.test", "--resolve", "x.test:nowhere"],
            "--resolve",
        ),
        (&["probe", "x.test", "--timeout", "0"], "--timeout"),
        (&["discover", "a@x.test", "--port-map", "995"], "--port-map"),
        (&["export", "163", "-f", "nonsense"], "--format"),
        (&["--dns", "not-an-ip"], "--dns"),
    ];
    for (args, flag) in cases {
        let out = run(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(flag),
            "{args:?} should name {flag}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// A negative answer is 1, in every subcommand, with its explanation.
#[test]
fn a_negative_answer_is_exit_1_everywhere() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["providers", "show", "no-such-provider.test"],
            "No provider",
        ),
        (&["providers", "list", "--search", "zzqqxx-nothing"], ""),
        (
            &[
                "discover",
                "a@no-such-provider.test",
                "--no-network-sources",
            ],
            "",
        ),
        (&["probe", "etang"], "discontinued"),
        (
            &["export", "etang", "-f", "json"],
            "discontinued in 2008; there is nothing to export",
        ),
    ];
    for (args, why) in cases {
        let out = run(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains(why),
            "{args:?} should say {why:?}: {stderr}"
        );
    }
}

/// `probe` of a discontinued provider is a negative answer: exit 1, and with
/// `--json` the document (valid against the schema) saying why.
#[test]
fn probe_of_a_discontinued_provider_answers_with_json_and_exit_1() {
    let out = run(&["probe", "etang", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&mailconf::check::summary::json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(doc["exit_code"], 1);
    assert_eq!(doc["target"], "etang");
    assert_eq!(doc["source"]["provider_id"], "etang");
    assert!(doc["endpoints"].as_array().unwrap().is_empty());
    assert!(
        doc["advice"][0]["text"]["en"]
            .as_str()
            .unwrap()
            .contains("2008"),
        "{doc:#}"
    );

    let out = run(&["probe", "etang"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("discontinued in 2008"));
    assert!(!text(&out.stdout).is_empty(), "the advice is printed");
}

// ---------------------------------------------------------------------------
// Broken pipes

/// `mailconf … | head -c1`: output that nobody reads any more is dropped
/// quietly, and the exit code is still the answer's own.
#[test]
fn a_closed_stdout_keeps_the_answers_exit_code() {
    let cases: &[(&[&str], i32)] = &[
        (&["providers", "list", "--json"], 0),
        (&["providers", "list"], 0),
        (
            &["providers", "list", "--search", "zzqqxx-nothing", "--json"],
            1,
        ),
        (&["providers", "show", "163", "--json"], 0),
        (&["providers", "show", "163", "--all-langs"], 0),
        (&["providers", "schema"], 0),
        (&["export", "--list-formats"], 0),
        (&["export", "--list-formats", "--json"], 0),
        (&["export", "zhang@163.com", "--format", "json"], 0),
        (&["export", "zhang@163.com", "--format", "summary"], 0),
        (
            &["discover", "a@163.com", "--no-network-sources", "--json"],
            0,
        ),
        (&["discover", "a@163.com", "--no-network-sources"], 0),
        (
            &[
                "discover",
                "a@no-such-provider.test",
                "--no-network-sources",
                "--json",
            ],
            1,
        ),
        (&["discover", "--print-schema"], 0),
        (&["probe", "etang", "--json"], 1),
        (&["probe", "etang"], 1),
    ];
    for (args, code) in cases {
        let out = bin()
            .args(*args)
            .stdout(closed_stdout())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

// ---------------------------------------------------------------------------
// --ca-file and --dns before the subcommand

/// `mailconf --ca-file X probe …` uses X exactly as `probe --ca-file X` does
/// (here: an unreadable file is the same usage error in both positions), for
/// every subcommand that connects; where nothing connects, it is an error
/// rather than silently ignored.
#[test]
fn ca_file_works_before_and_after_the_subcommand() {
    let missing = "/nonexistent/mailconf-test-ca.pem";
    for sub in [
        &["probe", "etang"][..],
        &["discover", "a@163.com", "--no-network-sources"][..],
        &["export", "zhang@163.com", "-f", "json"][..],
    ] {
        for before in [true, false] {
            let mut args: Vec<&str> = Vec::new();
            if before {
                args.extend(["--ca-file", missing]);
            }
            args.extend(sub);
            if !before {
                args.extend(["--ca-file", missing]);
            }
            let out = run(&args);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(stderr.contains(missing), "{args:?}: {stderr}");
        }
    }
    // Nothing in `providers` connects: the flag is refused, not ignored.
    let out = run(&["--ca-file", missing, "providers", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--ca-file"),
        "{}",
        text(&out.stderr)
    );
    // Two different files, one in each position: refused, not a silent pick.
    let out = run(&[
        "--ca-file",
        missing,
        "probe",
        "etang",
        "--ca-file",
        "/nonexistent/other.pem",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("twice"), "{}", text(&out.stderr));
}

/// `mailconf --dns X discover …` asks X, as `discover --dns X` does: an
/// unreachable DNS server is reported by its address, in both positions.
#[test]
fn dns_works_before_and_after_the_subcommand() {
    let port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // Nobody answers on that port once the socket is closed again.
    let server = format!("127.0.0.1:{port}");
    for before in [true, false] {
        let mut args: Vec<&str> = Vec::new();
        if before {
            args.extend(["--dns", &server]);
        }
        args.extend([
            "discover",
            "a@nothing-here.test",
            "--no-ispdb",
            "--timeout",
            "3",
        ]);
        if !before {
            args.extend(["--dns", &server]);
        }
        let out = run(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(stderr.contains(&server), "{args:?}: {stderr}");
    }
    let out = run(&["--dns", "127.0.0.1", "providers", "show", "163"]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// Help

fn long_help(path: &[&str], flag: &str) -> String {
    let mut cmd = mailconf::cli::Cli::command();
    cmd.build();
    let mut c = &cmd;
    for p in path {
        c = c.find_subcommand(p).unwrap();
    }
    let arg = c
        .get_arguments()
        .find(|a| a.get_long() == Some(flag))
        .unwrap_or_else(|| panic!("{path:?} has no --{flag}"));
    arg.get_long_help()
        .or(arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default()
        .replace('\n', " ")
}

#[test]
fn help_says_what_the_connection_flags_do() {
    let dns = long_help(&["probe"], "dns");
    assert!(dns.contains("probe's own name lookups"), "{dns}");
    let ca = long_help(&["export"], "ca-file");
    assert!(!ca.contains("instead of the system's"), "{ca}");
    assert!(ca.contains("--probe"), "{ca}");
    assert!(ca.contains("in addition to"), "{ca}");
    let top = long_help(&[], "ca-file");
    for sub in ["probe", "discover", "export"] {
        assert!(top.contains(sub), "{top}");
    }
}

// ---------------------------------------------------------------------------
// The README synopsis

/// The commands and long options of the README's synopsis block (the
/// ```text block under "## The command line"), by command path ("" for the
/// top level, "providers list", "probe" …).
fn readme_synopsis() -> BTreeMap<String, BTreeSet<String>> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## The command line")
        .nth(1)
        .expect("README has a section \"## The command line\"");
    let block = section
        .split("```text")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section starts with a ```text block");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in block.lines() {
        let line = line.split("  #").next().unwrap_or_default();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            let words: Vec<&str> = line
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect();
            current = match words.as_slice() {
                ["mailconf", rest @ ..] => rest.join(" "),
                path => path.join(" "),
            };
            out.entry(current.clone()).or_default();
        }
        let longs = out.entry(current.clone()).or_default();
        let mut rest = line;
        while let Some(i) = rest.find("--") {
            let name: String = rest[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !name.is_empty() {
                longs.insert(name.clone());
            }
            rest = &rest[i + 2 + name.len()..];
        }
    }
    out
}

/// The same, from clap: every leaf command and its long options, without
/// `--help`/`--version` and without the global `--lang` below the top level.
fn clap_synopsis() -> BTreeMap<String, BTreeSet<String>> {
    fn walk(c: &clap::Command, path: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
        let longs: BTreeSet<String> = c
            .get_arguments()
            .filter(|a| !a.is_global_set() || path.is_empty())
            .filter_map(|a| a.get_long())
            .filter(|l| !matches!(*l, "help" | "version"))
            .map(str::to_owned)
            .collect();
        let subs: Vec<&clap::Command> = c
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if path.is_empty() || subs.is_empty() {
            out.insert(path.to_owned(), longs);
        }
        for s in subs {
            let p = if path.is_empty() {
                s.get_name().to_owned()
            } else {
                format!("{path} {}", s.get_name())
            };
            walk(s, &p, out);
        }
    }
    let mut cmd = mailconf::cli::Cli::command();
    cmd.build();
    let mut out = BTreeMap::new();
    walk(&cmd, "", &mut out);
    out
}

/// Every subcommand and every long option clap defines is in the README's
/// synopsis, and the synopsis names nothing clap does not define.
#[test]
fn readme_synopsis_matches_the_command_definitions() {
    let readme = readme_synopsis();
    let clap = clap_synopsis();
    let commands = |m: &BTreeMap<String, BTreeSet<String>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(commands(&readme), commands(&clap), "commands differ");
    let mut problems = Vec::new();
    for (cmd, longs) in &clap {
        let documented = &readme[cmd];
        for l in longs.difference(documented) {
            problems.push(format!(
                "`{cmd}` --{l}: defined, not in the README synopsis"
            ));
        }
        for l in documented.difference(longs) {
            problems.push(format!(
                "`{cmd}` --{l}: in the README synopsis, not defined"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

// ---------------------------------------------------------------------------
// Documented JSON shapes: the prose and the schemas say the same

/// The field tables of a JSON doc, by the heading above each table: for every
/// field, its documented type column and the start of its meaning.
fn doc_tables(doc: &str) -> BTreeMap<String, Vec<(String, String, String)>> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
    let mut out: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    let mut heading = String::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix('#') {
            heading = h.trim_start_matches('#').trim().to_owned();
            continue;
        }
        // | `field` | type | meaning |, the type column may hold escaped pipes.
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((field, rest)) = rest.split_once("` |") else {
            continue;
        };
        let rest = rest.replace("\\|", "¦");
        let cells: Vec<&str> = rest.split(" | ").collect();
        if field.contains(' ') || cells.len() < 2 {
            continue;
        }
        out.entry(heading.clone()).or_default().push((
            field.to_owned(),
            cells[0].trim().replace('¦', "|"),
            cells[1].trim().to_owned(),
        ));
    }
    out
}

/// The schema's object for a documented table: the root or a `$defs` entry.
fn schema_object<'a>(schema: &'a serde_json::Value, def: &str) -> &'a serde_json::Value {
    if def.is_empty() {
        schema
    } else {
        &schema["$defs"][def]
    }
}

/// A property of an object schema and whether it is required: in its own
/// `properties`, or in every variant of a flattened enum (`oneOf`/`anyOf`).
fn find_property<'a>(
    obj: &'a serde_json::Value,
    field: &str,
) -> Option<(&'a serde_json::Value, bool)> {
    if let Some(p) = obj["properties"].get(field) {
        let required = obj["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|v| v == field));
        return Some((p, required));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        let Some(variants) = obj[key].as_array() else {
            continue;
        };
        let found: Vec<_> = variants
            .iter()
            .filter_map(|v| find_property(v, field))
            .collect();
        if let Some((p, _)) = found.first() {
            let everywhere = found.len() == variants.len() && found.iter().all(|(_, r)| *r);
            return Some((p, everywhere));
        }
    }
    None
}

fn allows_null(prop: &serde_json::Value, schema: &serde_json::Value) -> bool {
    let resolve = |v: &serde_json::Value| -> serde_json::Value {
        match v["$ref"].as_str() {
            Some(r) => schema["$defs"][r.trim_start_matches("#/$defs/")].clone(),
            None => v.clone(),
        }
    };
    let p = resolve(prop);
    let ty = &p["type"];
    ty == "null"
        || ty.as_array().is_some_and(|a| a.iter().any(|t| t == "null"))
        || ["anyOf", "oneOf"].iter().any(|k| {
            p[*k]
                .as_array()
                .is_some_and(|a| a.iter().any(|s| allows_null(s, schema)))
        })
}

/// Checks one doc against its schema: a field the prose lists without
/// "optional"/"only for" is `required`; one whose type says `null` may be null,
/// and one that does not say so may not.
fn check_doc(doc: &str, schema: &serde_json::Value, tables: &[(&str, &str)]) -> Vec<String> {
    let docs = doc_tables(doc);
    let mut problems = Vec::new();
    for (heading, def) in tables {
        let rows = docs
            .get(*heading)
            .unwrap_or_else(|| panic!("{doc} has no table under {heading:?}"));
        let obj = schema_object(schema, def);
        for (field, ty, meaning) in rows {
            let Some((prop, required)) = find_property(obj, field) else {
                problems.push(format!("{doc} {heading}: `{field}` is not in the schema"));
                continue;
            };
            let optional = ty.contains("optional") || meaning.starts_with("only ");
            if !optional && !required {
                problems.push(format!(
                    "{doc} {heading}: `{field}` is always present, the schema says optional"
                ));
            }
            if optional && required {
                problems.push(format!(
                    "{doc} {heading}: `{field}` is optional, the schema says required"
                ));
            }
            // An optional field is left out rather than null; only a field
            // that is always there must say whether it can be null.
            let null = ty.contains("null");
            if !optional && null != allows_null(prop, schema) {
                problems.push(format!(
                    "{doc} {heading}: `{field}` null: prose {null}, schema {}",
                    !null
                ));
            }
        }
    }
    problems
}

/// `docs/probe-json.md` says every field listed is always present (`null`
/// when it does not apply); the schema says the same.
#[test]
fn probe_json_schema_says_what_the_prose_says() {
    let schema: serde_json::Value =
        serde_json::from_str(&mailconf::check::summary::json_schema()).unwrap();
    let problems = check_doc(
        "docs/probe-json.md",
        &schema,
        &[
            ("Top level", ""),
            ("Endpoint report", "EndpointReport"),
            ("Login", "LoginReport"),
            ("Advice", "Advice"),
            ("TLS report", "TlsReport"),
            ("Session", "SessionReport"),
            ("Recommendation", "Recommendation"),
        ],
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The same for `docs/discover-json.md`.
#[test]
fn discover_json_schema_says_what_the_prose_says() {
    let schema: serde_json::Value =
        serde_json::from_str(&mailconf::discover::json_schema()).unwrap();
    let problems = check_doc(
        "docs/discover-json.md",
        &schema,
        &[
            ("`Discovery`", ""),
            ("`Finding`", "Finding"),
            ("`Candidate`", "Candidate"),
            ("`Ignored`", "Ignored"),
            ("`SourceReport`", "SourceReport"),
        ],
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The committed schemas of `providers list --json`, `providers show --json`
/// and `export --list-formats --json` are generated from the types;
/// regenerate with `MAILCONF_UPDATE_SCHEMA=1 cargo test --test tests
/// json_schemas_of_the_cli_documents`.
#[test]
fn json_schemas_of_the_cli_documents_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut stale = Vec::new();
    for (file, generated) in [
        (
            "providers-list.schema.json",
            mailconf::cli::providers::list_json_schema(),
        ),
        (
            "providers-show.schema.json",
            mailconf::cli::providers::show_json_schema(),
        ),
        (
            "formats.schema.json",
            mailconf::cli::export::formats_json_schema(),
        ),
    ] {
        let path = dir.join(file);
        if std::env::var_os("MAILCONF_UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != generated {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run MAILCONF_UPDATE_SCHEMA=1 cargo test --test tests json_schemas_of_the_cli_documents"
    );
}

fn validate(schema: &str, doc: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Real output follows the schemas, and `auth` is one object in both
/// `providers list` and `providers show`.
#[test]
fn providers_and_formats_json_follow_their_schemas() {
    let list_schema = mailconf::cli::providers::list_json_schema();
    let show_schema = mailconf::cli::providers::show_json_schema();
    let list = json_of(&["providers", "list", "--json"]);
    assert!(list.as_array().unwrap().len() > 100);
    assert_eq!(validate(&list_schema, &list), Vec::<String>::new());
    let searched = json_of(&["providers", "list", "--search", "网易", "--json"]);
    assert_eq!(validate(&list_schema, &searched), Vec::<String>::new());

    for (query, kind) in [
        ("163", "id"),
        ("用户@163.com", "domain"),
        ("mail.163.com", "parent-domain"),
        ("outlook.com", "domain"),
    ] {
        let shown = json_of(&["providers", "show", query, "--json"]);
        assert_eq!(
            validate(&show_schema, &shown),
            Vec::<String>::new(),
            "{query}"
        );
        assert_eq!(shown["matched"]["kind"], kind, "{query}");
        // The same entry in both documents, `auth` the same object.
        let id = shown["provider"]["id"].as_str().unwrap();
        let listed = list
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap();
        assert!(listed["auth"].is_object(), "{listed:#}");
        assert_eq!(listed["auth"], shown["provider"]["auth"], "{query}");
    }
    let shown = json_of(&["providers", "show", "用户@163.com", "--json"]);
    assert_eq!(shown["matched"]["username"], "用户@163.com");

    let formats = json_of(&["export", "--list-formats", "--json"]);
    assert_eq!(
        validate(&mailconf::cli::export::formats_json_schema(), &formats),
        Vec::<String>::new()
    );
    let names: Vec<&str> = formats
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let documented =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats-json.md"))
            .unwrap();
    for n in names {
        assert!(
            documented.contains(&format!("`{n}`")),
            "{n} is not documented"
        );
    }
}

/// The tables of `docs/providers-json.md` and `docs/formats-json.md` agree
/// with the schemas on every field.
#[test]
fn providers_and_formats_docs_say_what_the_schemas_say() {
    let list: serde_json::Value =
        serde_json::from_str(&mailconf::cli::providers::list_json_schema()).unwrap();
    let show: serde_json::Value =
        serde_json::from_str(&mailconf::cli::providers::show_json_schema()).unwrap();
    let formats: serde_json::Value =
        serde_json::from_str(&mailconf::cli::export::formats_json_schema()).unwrap();
    let mut problems = check_doc(
        "docs/providers-json.md",
        &list,
        &[("`providers list --json`", "ListedProvider")],
    );
    problems.extend(check_doc(
        "docs/providers-json.md",
        &show,
        &[("`providers show --json`", ""), ("`matched`", "Matched")],
    ));
    problems.extend(check_doc(
        "docs/formats-json.md",
        &formats,
        &[("Fields", "FormatInfo")],
    ));
    // Every property of the schemas is documented too.
    let docs = [
        doc_tables("docs/providers-json.md"),
        doc_tables("docs/formats-json.md"),
    ];
    for (schema, def) in [
        (&list, "ListedProvider"),
        (&show, ""),
        (&show, "Matched"),
        (&formats, "FormatInfo"),
    ] {
        for field in schema_object(schema, def)["properties"]
            .as_object()
            .unwrap()
            .keys()
        {
            let documented = docs
                .iter()
                .flat_map(|d| d.values().flatten())
                .any(|(f, _, _)| f == field);
            if !documented {
                problems.push(format!("{def} `{field}` is not documented"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The example values a doc gives for `field` in its table row (the
/// backticked words of the row after the field's name).
pub(crate) fn documented_values(doc: &str, field: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with(&format!("| `{field}` |")))
        .unwrap_or_else(|| panic!("{doc} has no row for `{field}`"));
    row.split('`')
        .skip(3)
        .step_by(2)
        .map(|v| v.trim_matches('"').to_owned())
        .collect()
}

/// Issue 12, IDN: a provider that wants internationalized domains in ASCII
/// gets exactly that form from `providers show` and `export`, and the CLI says
/// which form it is; people still read the address in Unicode.
#[test]
fn an_internationalized_username_follows_the_providers_wire_form() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("providers");
    std::fs::create_dir_all(&dir).unwrap();
    let mut p = mailconf::check::plan::host_provider("mail.xn--fsqu00a.xn--fiqs8s");
    p.id = "idn-test".into();
    p.domains = vec!["xn--fsqu00a.xn--fiqs8s".into()];
    p.username_idn = mailconf::providers::IdnUsername::Ascii;
    p.sources = vec![mailconf::providers::Source {
        about: "servers".into(),
        kind: mailconf::providers::SourceKind::ProviderDocs,
        url: Some("https://example.org/help".into()),
        checked: "2026-12".into(),
    }];
    std::fs::write(
        dir.join("idn-test.json"),
        serde_json::to_string(&p).unwrap(),
    )
    .unwrap();
    let with_config = |args: &[&str]| {
        bin()
            .env("MAILCONF_CONFIG_DIR", config.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = with_config(&["providers", "show", "用户@例子.中国"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("用户@xn--fsqu00a.xn--fiqs8s"), "{stdout}");
    assert!(stdout.contains("ASCII form (punycode)"), "{stdout}");

    let out = with_config(&["export", "用户@例子.中国", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["incoming"]["username"], "用户@xn--fsqu00a.xn--fiqs8s",
        "{v:#}"
    );
    assert_eq!(
        v["outgoing"]["username"], "用户@xn--fsqu00a.xn--fiqs8s",
        "{v:#}"
    );
}

// ---------------------------------------------------------------------------
// Languages

/// The runs of ASCII letters in `s` that are words of a sentence: what is left
/// once the names the app's test allows on a Chinese screen (`gui::ALLOWED`),
/// host names, paths, flags and the example addresses are taken out.
fn english_words(s: &str) -> Vec<String> {
    // Who speaks ("mailconf probe: …") and what the user typed, quoted back
    // (“bad host!”), are not sentences of ours. A quote may be wrapped onto
    // the next line.
    let mut quoted = false;
    let s = s
        .lines()
        .map(|l| {
            let l = l.strip_prefix("mailconf").map_or(l, |rest| {
                rest.split_once(": ")
                    .or_else(|| rest.split_once('：'))
                    .map_or(rest, |(_, said)| said)
            });
            // A command example inside a sentence ("例如 mailconf probe
            // HOST") is a command, not English: its subcommand is dropped.
            let mut l = l.to_owned();
            let mut from = 0;
            while let Some(i) = l[from..].find("mailconf ").map(|i| i + from) {
                let start = i + "mailconf ".len();
                let rest = &l[start..];
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let word = &rest[..end];
                if !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '2') {
                    l = format!("{}{}", &l[..start], &rest[end..]);
                }
                from = start;
            }
            let mut kept = String::new();
            for c in l.chars() {
                match c {
                    '“' | '「' => quoted = true,
                    '”' | '」' => quoted = false,
                    _ if !quoted => kept.push(c),
                    _ => {}
                }
            }
            kept
        })
        .collect::<Vec<_>>()
        .join("\n");
    s.split(|c: char| c.is_whitespace() || "，。：；（）“”「」、".contains(c))
        .filter(|w| {
            // Host names, addresses, paths, flags, file names: technical, shown as they are.
            !(w.contains(['.', '/', '@', '<', '>', '~', '_', '='])
                || w.starts_with('-')
                // A character's code point, as a name (U+005F).
                || w.contains("U+")
                || w.starts_with('{'))
        })
        .flat_map(|w| {
            w.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|p| p.chars().any(|c| c.is_ascii_alphabetic()))
                .filter(|p| !crate::gui::ALLOWED.contains(p) && *p != "mailconf")
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What a person reads in Chinese has no English sentence in it: the answers
/// of each subcommand that need no network, and their errors (malformed and
/// unknown input, a file that cannot be written, an unreadable file to
/// check). They were English whatever the language ("the part before the @
/// contains a space…", "no provider in the database serves…").
/// `providers import-ispdb` (the maintainers' importer) spoke only English:
/// its summary, each skipped file and why, MX suffixes, files left alone,
/// domains claimed twice, and its errors.
#[test]
fn import_ispdb_speaks_the_users_language() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = tempfile::tempdir().unwrap();
    for n in ["163.com.xml", "126.com.xml", "SOURCE.md", "LICENSE"] {
        std::fs::copy(
            root.join("providers/ispdb-source").join(n),
            src.path().join(n),
        )
        .unwrap();
    }
    // A broken file, and a second file claiming 163.com (every domain taken).
    std::fs::write(src.path().join("broken.xml"), "<clientConfig><oops").unwrap();
    // A file name with a terminal escape: shown escaped, never raw.
    std::fs::write(src.path().join("evil\u{1b}[2J.xml"), "<clientConfig><oops").unwrap();
    std::fs::copy(
        root.join("providers/ispdb-source/163.com.xml"),
        src.path().join("zz-163-again.xml"),
    )
    .unwrap();
    let no_source = tempfile::tempdir().unwrap();
    for lang in ["zh-Hans", "zh-Hant"] {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("mine.json"), "{}").unwrap();
        let run = |args: &[&std::ffi::OsStr]| {
            let o = bin()
                .env("MAILCONF_LANG", lang)
                .args(args)
                .output()
                .unwrap();
            format!("{}{}", text(&o.stdout), text(&o.stderr))
        };
        let said = run(&[
            "providers".as_ref(),
            "import-ispdb".as_ref(),
            src.path().as_os_str(),
            "--out".as_ref(),
            out.path().as_os_str(),
        ]);
        assert!(said.contains("broken.xml"), "{lang}: {said}");
        assert!(!said.contains('\u{1b}'), "{lang}: a raw escape in {said:?}");
        assert!(said.contains("evil"), "{lang}: {said}");
        // The escaping is of the file's words, not of our own lines.
        assert!(!said.contains("\\x0a"), "{lang}: {said}");
        assert!(said.contains("zz-163-again.xml"), "{lang}: {said}");
        assert!(said.contains("mine.json"), "{lang}: {said}");
        // A folder without SOURCE.md and no --checked: the error.
        let failed = run(&[
            "providers".as_ref(),
            "import-ispdb".as_ref(),
            no_source.path().as_os_str(),
            "--out".as_ref(),
            out.path().as_os_str(),
        ]);
        assert!(failed.contains("SOURCE.md"), "{lang}: {failed}");
        for shown in [said, failed] {
            // A library's own words stay verbatim on a details line.
            let shown: String = shown
                .lines()
                .filter(|l| !l.contains("详细信息：") && !l.contains("詳細資訊："))
                .map(|l| format!("{l}\n"))
                .collect();
            let english = english_words(&shown);
            assert!(
                english.is_empty(),
                "{lang}: English {english:?} in\n{shown}"
            );
        }
    }
}

/// "mailconf probe: no settings found for X: nothing found for X: …" said
/// the domain twice; the finding names it once, in every language.
#[test]
fn nothing_found_names_the_domain_once() {
    for lang in ["en", "zh-Hans", "zh-Hant"] {
        let out = Command::new(env!("CARGO_BIN_EXE_mailconf"))
            .args([
                "--lang",
                lang,
                "probe",
                "alice@nowhere-mailconf.invalid",
                "--dns",
                "127.0.0.1:9",
            ])
            .env("MAILCONF_CONFIG_DIR", "/nonexistent/mailconf-config")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or_default();
        assert_eq!(
            first.matches("nowhere-mailconf.invalid").count(),
            1,
            "{lang}: {err}"
        );
        assert!(first.contains("127.0.0.1:9"), "{lang}: {err}");
        // The advice is about the network: "check the address for typos"
        // misled someone whose DNS server (or network) was down.
        // Wrapping taken out (Chinese wraps between any two characters,
        // English at spaces): compared without any white space.
        let said: String = format!("{}{err}", String::from_utf8_lossy(&out.stdout))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let bare = |s: &str| s.replace(' ', "");
        let (network, typos) = match lang {
            "en" => ("check your network connection", "typos"),
            "zh-Hans" => ("请检查网络连接", "地址是否有误"),
            _ => ("請檢查網路連線", "地址是否有誤"),
        };
        assert!(said.contains(&bare(network)), "{lang}: {said}");
        assert!(!said.contains(&bare(typos)), "{lang}: {said}");
    }
}

#[test]
fn chinese_output_of_every_subcommand_has_no_english_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("msmtprc");
    let out_file = out_file.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    // A provider file with port 0: the validator's words. (A JSON syntax
    // error keeps serde's words as its details, after a sentence of ours:
    // the pseudo-locale test checks that sentence.)
    let semantic = dir.path().join("163.json");
    let original = std::fs::read_to_string("providers/163.json").unwrap();
    std::fs::write(
        &semantic,
        original.replacen("\"port\": 995", "\"port\": 0", 1),
    )
    .unwrap();
    let semantic = semantic.to_str().unwrap();
    // Provider files with broken OAuth2 blocks: the OAuth2 checker's words
    // (they were English in every language): an http token URL, a scope and
    // a mechanism listed twice, an IP address as issuer, a bad tenant, a
    // {tenant} inside a segment, a port 0, a scope with a space; no scopes.
    let mut gmail: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("providers/gmail.json").unwrap()).unwrap();
    let o = &mut gmail["oauth2"];
    o["token_url"] = "http://oauth2.googleapis.com/token".into();
    o["scopes"]["imap"] =
        serde_json::json!(["https://mail.google.com/", "https://mail.google.com/"]);
    o["scopes"]["smtp"] = serde_json::json!(["a scope"]);
    o["mechanisms"]["imap"] = serde_json::json!(["xoauth2", "xoauth2"]);
    o["issuer"] = "192.0.2.1".into();
    o["authorization_url"] = "https://accounts.google.com:0/o/oauth2/v2/auth#x".into();
    let oauth2_bad = dir.path().join("gmail.json");
    std::fs::write(&oauth2_bad, gmail.to_string()).unwrap();
    let oauth2_bad = oauth2_bad.to_str().unwrap();
    let mut outlook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("providers/outlook.json").unwrap()).unwrap();
    let o = &mut outlook["oauth2"];
    o["scopes"] = serde_json::json!({});
    o["tenant"] = "no/tenant".into();
    o["token_url"] = "https://login.microsoftonline.com/x{tenant}/oauth2/v2.0/token".into();
    o["authorization_url"] = "https://Login.Example.com/authorize".into();
    let no_scopes = dir.path().join("outlook.json");
    std::fs::write(&no_scopes, outlook.to_string()).unwrap();
    let no_scopes = no_scopes.to_str().unwrap();
    // Files `check` does not read (an Outlook data file, a folder that is no
    // Thunderbird profile, a mailconf export of a newer version): their
    // reasons were English sentences.
    let pst = dir.path().join("outlook.pst");
    std::fs::write(&pst, b"!BDN").unwrap();
    let pst = pst.to_str().unwrap();
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, b"{\"mailconf_export\": 2}").unwrap();
    let newer = newer.to_str().unwrap();
    // A password with a control character: the check cannot start, and
    // why was the check error's English.
    let ctl = dir.path().join("ctl.msmtprc");
    std::fs::write(
        &ctl,
        "account alice@163.com\nhost smtp.163.com\nport 465\ntls on\ntls_starttls off\n\
         auth on\nuser alice@163.com\npassword a\u{1}b\n",
    )
    .unwrap();
    let ctl = ctl.to_str().unwrap();
    let empty_pem = dir.path().join("empty.pem");
    std::fs::write(&empty_pem, b"").unwrap();
    let empty_pem = empty_pem.to_str().unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["providers", "validate", semantic],
        vec!["providers", "validate", oauth2_bad],
        vec!["providers", "validate", no_scopes],
        vec!["check", pst],
        vec!["check", folder],
        vec!["check", newer],
        vec!["check", "--login", ctl],
        // A CA file that cannot be read or holds no certificate.
        vec!["probe", "alice@163.com", "--ca-file", "/nonexistent/ca.pem"],
        vec!["probe", "alice@163.com", "--ca-file", empty_pem],
        vec!["providers", "audit", "--ca-file", "/nonexistent/ca.pem"],
        vec![
            "discover",
            "alice@example.com",
            "--ca-file",
            "/nonexistent/ca.pem",
        ],
        vec![
            "discover",
            "alice@example.com",
            "--ispdb-url",
            "ftp://x.example/",
        ],
        vec!["export", "--list-formats"],
        vec![
            "export",
            "alice@163.com",
            "--format",
            "msmtp",
            "-o",
            out_file,
        ],
        vec!["export", "alice@163.com", "--format", "msmtp", "-o", folder],
        vec!["export", "nosuch.example", "--format", "msmtp"],
        vec!["export", "etang", "-f", "json"],
        vec![
            "export",
            "alice@163.com",
            "-f",
            "msmtp",
            "--include-password",
        ],
        vec!["providers", "show", "no-such-provider.test"],
        vec!["providers", "show", "al ice@163.com"],
        vec!["providers", "show", "x@"],
        vec!["probe", "a@@b"],
        vec!["probe", "bad host!"],
        vec!["discover", "bad"],
        vec!["check", "/nonexistent/mailconf/.msmtprc"],
        // Discovery with a DNS server that refuses (nothing listens on
        // loopback port 9): the reason was English in Chinese output.
        vec![
            "probe",
            "alice@nowhere-mailconf.invalid",
            "--dns",
            "127.0.0.1:9",
        ],
        // Usage errors of clap and of the commands (they were clap's and our English).
        vec!["probe", "--no-such-flag", "alice@163.com"],
        vec!["no-such-command"],
        vec!["export", "--format", "msmtp"],
        vec!["providers", "list", "--ca-file", "/x.pem"],
        // Our value parsers' reasons, shown after clap's sentence (they were
        // English details in every language).
        vec!["probe", "alice@163.com", "--timeout", "soon"],
        vec!["probe", "alice@163.com", "--timeout", "0"],
        vec!["probe", "alice@163.com", "--resolve", "mail.163.com"],
        vec![
            "probe",
            "alice@163.com",
            "--resolve",
            "mail.163.com:nowhere",
        ],
        vec!["probe", "alice@163.com", "--resolve", "bad_host:127.0.0.1"],
        vec!["probe", "alice@163.com", "--endpoint", "mail.163.com"],
        vec![
            "probe",
            "alice@163.com",
            "--endpoint",
            "mail.163.com:2525:tls",
        ],
        vec!["probe", "alice@163.com", "--endpoint", "[::1:993:tls"],
        vec![
            "probe",
            "alice@163.com",
            "--endpoint",
            "mail.163.com:993:ssl",
        ],
        vec!["probe", "alice@163.com", "--only", "nntp"],
        vec!["probe", "alice@163.com", "--dns", "dns.example"],
        vec!["discover", "alice@163.com", "--dns", "dns.example"],
        vec!["probe", "alice@163.com", "--allow-insecure-auth", "pop3"],
        vec![
            "probe",
            "alice@163.com",
            "--allow-insecure-auth",
            "pop3:995:tls",
        ],
        vec![
            "probe",
            "alice@163.com",
            "--allow-insecure-auth",
            "pop3:110:plain:sha256=AB",
        ],
        vec!["providers", "audit", "--concurrency", "0"],
        vec!["discover", "alice@163.com", "--port-map", "995"],
        vec!["discover", "alice@163.com", "--port-map", "995=0"],
        // The desktop app's start-up with a CA file that cannot be read.
        vec!["--ca-file", "/nonexistent/ca.pem"],
        vec!["oauth2", "login", "163"],
        vec!["oauth2", "login", "alice@163.com"],
        vec!["oauth2", "token", "alice@outlook.com"],
        // `oauth2`'s usage errors (English in every language before): no
        // client id, not an address, not a tenant, an unknown domain, the
        // secret's variable unset.
        vec!["oauth2", "token", "someone@outlook.com"],
        vec!["oauth2", "token", "outlook.com", "--oauth2-client-id", "x"],
        vec![
            "oauth2",
            "token",
            "you@outlook.com",
            "--oauth2-client-id",
            "x",
            "--oauth2-tenant",
            "no/tenant",
        ],
        vec![
            "oauth2",
            "login",
            "you@nosuch.example",
            "--oauth2-client-id",
            "x",
        ],
        vec![
            "oauth2",
            "token",
            "bob@gmail.com",
            "--oauth2-client-id",
            "x",
            "--oauth2-client-secret-env",
            "MAILCONF_UNSET_VARIABLE",
        ],
    ];
    let mut problems = Vec::new();
    for lang in ["zh-Hans", "zh-Hant"] {
        for args in &cases {
            let _ = std::fs::remove_file(out_file);
            let out = bin()
                .env("MAILCONF_LANG", lang)
                .args(args)
                .output()
                .unwrap();
            let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
            assert!(!shown.trim().is_empty(), "{lang} {args:?}: nothing said");
            let english = english_words(&shown);
            if !english.is_empty() {
                problems.push(format!("{lang} {args:?}: English {english:?} in\n{shown}"));
            }
            // Who speaks takes the language's colon ("mailconf：…"), as
            // every other label does; some lines said "mailconf: …".
            let ascii_colon = shown
                .lines()
                .filter(|l| {
                    l.starts_with("mailconf")
                        && l.split_once(": ").is_some_and(|(who, _)| {
                            who.split(' ')
                                .all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                        })
                })
                .collect::<Vec<_>>();
            if !ascii_colon.is_empty() {
                problems.push(format!(
                    "{lang} {args:?}: ASCII colon after the speaker: {ascii_colon:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `check` with nothing to check (no file given, none of the usual ones, no
/// Thunderbird profile) said so in English in every language.
#[test]
fn check_with_nothing_to_check_says_so_in_the_users_language() {
    let home = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for lang in ["zh-Hans", "zh-Hant"] {
        for args in [vec!["check"], vec!["check", "--thunderbird"]] {
            let out = bin()
                .env("MAILCONF_LANG", lang)
                .env("HOME", home.path())
                .env_remove("XDG_CONFIG_HOME")
                .env_remove("XDG_DATA_HOME")
                .args(&args)
                .output()
                .unwrap();
            let shown = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{lang} {args:?}: {shown}");
            let english = english_words(&shown);
            if !english.is_empty() {
                problems.push(format!("{lang} {args:?}: English {english:?} in\n{shown}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// The pseudo-locale

/// The lines of `shown` with English words outside ⟦ ⟧ once names and data
/// (provider names and texts, hosts, paths, flags, quoted commands) are taken
/// out: words that did not come from the catalog. Brackets are followed
/// across lines (a message may span several).
fn outside_the_catalog(shown: &str) -> Vec<String> {
    let db = mailconf::providers::Database::bundled();
    let mut data = crate::gui::provider_texts(db);
    // Provider names and ids, and what a server offers (capabilities in the
    // DETAILS cell), are data; tls, starttls and plain are the security
    // keywords a user types (`--endpoint host:993:tls`).
    for e in db.entries() {
        let p = &e.provider;
        data.extend([
            p.name.en.clone(),
            p.name.zh_hans.clone(),
            p.name.zh_hant.clone(),
        ]);
    }
    for keyword in [" tls", " starttls", " plain"] {
        data.push(keyword.to_owned());
    }
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let mut depth = 0usize;
    let mut found = Vec::new();
    let ids: BTreeSet<&str> = db
        .entries()
        .iter()
        .map(|e| e.provider.id.as_str())
        .collect();
    for line in shown.lines() {
        // Sentences and names of several words from the provider files first
        // (they hold host names), then host names, domains, addresses and
        // provider ids word by word (their brackets stay, to keep count),
        // then one-word names as whole words.
        let mut line = line.to_owned();
        for d in data.iter().filter(|d| d.contains(' ')) {
            line = line.replace(d.as_str(), " ");
        }
        let l: String = line
            .split(' ')
            .map(|w| {
                let bare = w.trim_matches(|c: char| "⟦⟧[](),".contains(c));
                if w.contains(['.', '@']) || ids.contains(bare) {
                    w.chars().filter(|c| *c == '⟦' || *c == '⟧').collect()
                } else {
                    w.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let l = crate::gui::strip_data(&l, db);
        let words = l.split_inclusive(' ');
        let mut kept = String::new();
        // Capabilities: the run of upper-case words after the summary's "; ".
        for w in words {
            let bare = w.trim();
            let capability = !bare.is_empty()
                && bare
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-=()_".contains(c))
                && bare.chars().any(|c| c.is_ascii_uppercase());
            if !capability || depth > 0 {
                kept.push_str(w);
            }
        }
        let outside = crate::gui::outside_brackets(&kept, &mut depth);
        let words = english_words(&outside);
        if !words.is_empty() {
            found.push(format!("{line:?}: {words:?}"));
        }
    }
    found
}

/// Nothing the command line prints is made outside the catalog: with the
/// binary's test-only switch `MAILCONF_PSEUDO_LOCALE=1` (the pseudo-locale
/// generated from the English catalog), every line of the main human outputs
/// and their errors is wrapped in ⟦ ⟧ apart from names, hosts and data. The
/// comments of exported files are checked, not their settings (file syntax).
#[test]
fn under_a_pseudo_locale_every_line_of_the_cli_comes_from_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"id\": \"bad\", \"domain\": [\"bad.test\"]}\n").unwrap();
    let bad = bad.to_str().unwrap();
    let out_file = dir.path().join("msmtprc");
    let out_file = out_file.to_str().unwrap();
    // (arguments, only the comment lines of a file on standard output)
    let cases: Vec<(Vec<&str>, bool)> = vec![
        (vec!["providers", "list"], false),
        (vec!["providers", "show", "163"], false),
        (vec!["providers", "show", "qq"], false),
        (vec!["providers", "validate", bad], false),
        (vec!["providers", "show", "no-such-provider.test"], false),
        (vec!["export", "--list-formats"], false),
        (vec!["export", "alice@163.com", "-f", "summary"], false),
        (vec!["export", "alice@163.com", "-f", "outlook"], false),
        (vec!["export", "alice@163.com", "-f", "fetchmail"], true),
        (vec!["export", "alice@qq.com", "-f", "mutt"], true),
        (
            vec!["export", "alice@163.com", "-f", "msmtp", "-o", out_file],
            false,
        ),
        (vec!["export", "nosuch.example", "-f", "msmtp"], false),
        (vec!["export", "etang", "-f", "json"], false),
        (vec!["probe", "a@@b"], false),
        (vec!["discover", "bad"], false),
        (vec!["check", "/nonexistent/mailconf/.msmtprc"], false),
    ];
    let mut problems = Vec::new();
    for (args, comments_only) in &cases {
        let _ = std::fs::remove_file(out_file);
        let out = bin()
            .env("MAILCONF_PSEUDO_LOCALE", "1")
            .args(args)
            .output()
            .unwrap();
        let stdout = text(&out.stdout);
        let stdout = if *comments_only {
            stdout
                .lines()
                .filter(|l| l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            stdout
        };
        let shown = format!("{stdout}\n{}", text(&out.stderr));
        assert!(
            shown.contains('⟦'),
            "{args:?}: the pseudo-locale is not in use:\n{shown}"
        );
        for p in outside_the_catalog(&shown) {
            problems.push(format!("{args:?}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "not from the catalog:\n{}",
        problems.join("\n")
    );
}

/// The same for the probe table (with its recommendation and advice) and the
/// discover listing, fed the check layer's fake reports in-process: what
/// `probe` against a server and `discover` print.
#[test]
fn under_a_pseudo_locale_the_probe_table_and_discover_listing_come_from_the_catalog() {
    use mailconf::check::fake::{demo_discovery, demo_script};
    use mailconf::i18n::Lang;
    let _pseudo = crate::gui::Pseudo::on();
    let events = crate::gui::fake_check_events(Box::new(demo_script), "alice@163.com");
    let args = crate::gui::probe_args(&["mailconf", "probe", "x"]);
    let mut out = Vec::new();
    mailconf::cli::probe::render_at(&args, Lang::En, &mut out, false, 100, events).unwrap();
    let address = mailconf::providers::Address::parse("alice@example.com").unwrap();
    mailconf::cli::discover::print_human(&mut out, &demo_discovery(&address), Lang::En).unwrap();
    let shown = String::from_utf8(out).unwrap();
    assert!(shown.contains('⟦'), "{shown}");
    let problems = outside_the_catalog(&shown);
    assert!(
        problems.is_empty(),
        "not from the catalog:\n{}\n\n{shown}",
        problems.join("\n")
    );
}

/// The Thunderbird file's hint names the account's own domain (it said
/// "…/isp/163.com.xml" whatever the account).
#[test]
fn the_thunderbird_hint_names_the_accounts_domain() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config-v1.1.xml");
    for lang in ["en", "zh-Hans", "zh-Hant"] {
        let _ = std::fs::remove_file(&file);
        let out = bin()
            .env("MAILCONF_LANG", lang)
            .args(["export", "alice@qq.com", "-f", "thunderbird", "-o"])
            .arg(&file)
            .output()
            .unwrap();
        let said = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{said}");
        assert!(said.contains("isp/qq.com.xml"), "{lang}: {said}");
        assert!(!said.contains("163.com"), "{lang}: {said}");
    }
}
