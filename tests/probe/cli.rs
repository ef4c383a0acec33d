//! `mailconf probe` through its library entry point: flags, table, JSON schema, exit codes.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use clap::Parser;
use mailconf::cli::probe::{ProbeArgs, execute};
use mailconf::i18n::Lang;

use super::servers::{Act, HOST, Pki, Validity, pop3_script, serve, serve_raw};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: ProbeArgs,
}

fn args(v: &[&str]) -> ProbeArgs {
    let mut all = vec!["probe"];
    all.extend_from_slice(v);
    Cli::try_parse_from(all).unwrap().args
}

struct Fixture {
    _rt: tokio::runtime::Runtime,
    _ca: tempfile::NamedTempFile,
    ca_path: String,
    good_port: u16,
    refused_port: u16,
}

fn fixture() -> Fixture {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let pki = Pki::new("cli CA");
    let (acc, _) = pki.acceptor(&[HOST], Validity::Current);
    let (good_port, _) = rt.block_on(serve(pop3_script(Some(acc), None, false, || {
        Act::Reply(vec![])
    })));
    let refused_port = rt.block_on(async {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    });
    let mut ca = tempfile::NamedTempFile::new().unwrap();
    ca.write_all(pki.ca_pem.as_bytes()).unwrap();
    let ca_path = ca.path().display().to_string();
    Fixture {
        _rt: rt,
        _ca: ca,
        ca_path,
        good_port,
        refused_port,
    }
}

fn schema() -> serde_json::Value {
    serde_json::from_str(&mailconf::check::summary::json_schema()).unwrap()
}

#[test]
fn json_output_follows_the_documented_schema_and_exit_code_0() {
    let f = fixture();
    let map = format!("995={}", f.good_port);
    let a = args(&[
        "--endpoint",
        "pop3:mail.test:995:tls",
        "--port-map",
        &map,
        "--resolve",
        "mail.test:127.0.0.1",
        "--ca-file",
        &f.ca_path,
        "--timeout",
        "2",
        "--connect-timeout",
        "2",
        "--json",
    ]);
    let mut out = Vec::new();
    let code = execute(&a, Lang::En, &mut out, false).unwrap();
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(doc["schema"], "mailconf-probe/1");
    assert_eq!(doc["exit_code"], 0);
    assert!(doc["source"].is_null(), "only --endpoint: no source");
    let ep = &doc["endpoints"][0];
    assert_eq!(ep["verdict"]["kind"], "secure");
    assert_eq!(ep["endpoint"]["protocol"], "pop3");
    assert_eq!(ep["endpoint"]["security"], "tls");
    assert_eq!(ep["connect_port"], f.good_port);
    assert_eq!(ep["tls"]["chain"], "trusted");
    assert_eq!(ep["session"]["caps_after_tls"]["protocol"], "pop3");
    assert_eq!(ep["session"]["caps_after_tls"]["user"], true);
    assert!(
        ep["transcript"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["dir"] == "client" && l["text"] == "CAPA")
    );
    assert_eq!(doc["recommendations"][0]["endpoint"]["port"], 995);
}

/// The TLS versions the docs give as examples (`tls.version` in
/// probe-json.md; `tls_version` in export-json.md, which the export copies
/// from the probe's report) are the words the probe really writes.
#[test]
fn documented_tls_versions_are_what_the_probe_writes() {
    let f = fixture();
    let map = format!("995={}", f.good_port);
    let a = args(&[
        "--endpoint",
        "pop3:mail.test:995:tls",
        "--port-map",
        &map,
        "--resolve",
        "mail.test:127.0.0.1",
        "--ca-file",
        &f.ca_path,
        "--json",
    ]);
    let mut out = Vec::new();
    assert_eq!(execute(&a, Lang::En, &mut out, false).unwrap(), 0);
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let version = doc["endpoints"][0]["tls"]["version"].as_str().unwrap();
    for (file, field) in [
        ("docs/probe-json.md", "version"),
        ("docs/export-json.md", "tls_version"),
    ] {
        let values: Vec<String> = crate::cli::documented_values(file, field)
            .into_iter()
            .filter(|v| v.starts_with("TLS"))
            .collect();
        assert!(
            values.iter().any(|v| v == version),
            "{file} `{field}` gives {values:?}; the probe writes {version:?}"
        );
        for v in &values {
            assert!(
                v.starts_with("TLS 1."),
                "{file} `{field}`: {v:?} is not how the probe writes versions"
            );
        }
    }
}

/// The binary against the in-process server of `f`: `mailconf [before…]
/// probe --endpoint pop3:mail.test:995:tls … [after…]`.
fn probe_bin(f: &Fixture, before: &[&str], after: &[&str], stdout: Stdio) -> std::process::Output {
    let map = format!("995={}", f.good_port);
    Command::new(env!("CARGO_BIN_EXE_mailconf"))
        .args(before)
        .args([
            "probe",
            "--endpoint",
            "pop3:mail.test:995:tls",
            "--port-map",
            &map,
            "--resolve",
            "mail.test:127.0.0.1",
            "--timeout",
            "5",
        ])
        .args(after)
        .env("MAILCONF_LANG", "en")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// `mailconf --ca-file CA probe …` trusts CA exactly as `probe --ca-file CA`
/// does (without it the certificate is untrusted: exit 1), and a reader that
/// is gone (`| head -c1`) leaves the answer's exit code 0 intact.
#[test]
fn ca_file_before_probe_is_used_and_a_closed_stdout_keeps_exit_0() {
    let f = fixture();
    let out = probe_bin(&f, &[], &["--json"], Stdio::piped());
    assert_eq!(out.status.code(), Some(1), "untrusted without the CA");

    let f = fixture();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = probe_bin(
        &f,
        &["--ca-file", &f.ca_path],
        &["--json"],
        Stdio::from(writer),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.to_lowercase().contains("broken pipe"), "{stderr}");

    let f = fixture();
    let out = probe_bin(&f, &[], &["--ca-file", &f.ca_path], Stdio::piped());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("POP3  mail.test:995 tls"));
}

#[test]
fn table_streams_rows_then_recommendation_and_exit_code_1() {
    let f = fixture();
    let map = format!("995={},110={}", f.good_port, f.refused_port);
    let a = args(&[
        "--endpoint",
        "mail.test:995:tls",
        "--endpoint",
        "mail.test:110:starttls",
        "--port-map",
        &map,
        "--resolve",
        "mail.test:127.0.0.1",
        "--ca-file",
        &f.ca_path,
        "--only",
        "pop3,smtp",
        "--timeout",
        "2",
        "--connect-timeout",
        "2",
    ]);
    let mut out = Vec::new();
    let code = execute(&a, Lang::En, &mut out, false).unwrap();
    let text = String::from_utf8(out).unwrap();
    // POP3 is secure on 995; no SMTP endpoint was asked for, so POP3 decides: 0.
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains('\x1b'), "colour without a terminal: {text}");
    assert!(text.contains("Probing mail.test (2 ways in)"), "{text}");
    // A row and its DETAILS, which go under it on an 80-column terminal.
    let row = |port: &str| -> String {
        let mut lines = text
            .lines()
            .skip_while(|l| !(l.starts_with("POP3") && l.contains(port)));
        let first = lines.next().unwrap_or_default().to_owned();
        let under: Vec<&str> = lines.take_while(|l| l.starts_with(' ')).collect();
        format!("{first} {}", under.join(" "))
    };
    let row = row("995");
    assert!(row.contains("secure") && row.contains("TLS 1.3"), "{row}");
    let row = text
        .lines()
        .find(|l| l.starts_with("POP3") && l.contains("110"))
        .unwrap();
    assert!(row.contains("refused"), "{row}");
    assert!(text.contains("Recommendation (RFC 8314"), "{text}");
    assert!(text.contains("POP3  mail.test:995 tls"), "{text}");

    // Only the refused endpoint: no secure POP3 → exit code 1, in Chinese.
    let a = args(&[
        "--endpoint",
        "mail.test:110:starttls",
        "--port-map",
        &map,
        "--resolve",
        "mail.test:127.0.0.1",
        "--timeout",
        "2",
        "--connect-timeout",
        "2",
    ]);
    let mut out = Vec::new();
    assert_eq!(execute(&a, Lang::ZhHans, &mut out, true).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("拒绝连接") && text.contains("未找到安全的连接方式"),
        "{text}"
    );
    assert!(text.contains("\x1b[31m"), "colour requested: {text}");
}

#[test]
fn usage_errors_exit_2() {
    let a = args(&[
        "--endpoint",
        "mail.test:995:tls",
        "--ca-file",
        "/nonexistent/ca.pem",
    ]);
    assert_eq!(execute(&a, Lang::En, &mut Vec::new(), false).unwrap(), 2);
    let a = args(&["--endpoint", "mail.test:995:tls", "--only", "smtp"]);
    assert_eq!(execute(&a, Lang::En, &mut Vec::new(), false).unwrap(), 2);
    // Flag syntax errors are clap's (exit code 2 there).
    let all = ["probe", "--endpoint", "mail.test:995:bogus"];
    assert!(Cli::try_parse_from(all).is_err());
    assert!(
        Cli::try_parse_from(["probe"]).is_err(),
        "a target or --endpoint is required"
    );
    assert!(Cli::try_parse_from(["probe", "--port-map", "995"]).is_err());
}

#[test]
fn trickling_server_shows_escaped_text_only() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let port = rt.block_on(serve_raw(|mut tcp| async move {
        use tokio::io::AsyncWriteExt;
        let _ = tcp.write_all(b"-ERR \x1b]0;owned\x07\x1b[31mred\r\n").await;
    }));
    let map = format!("110={port}");
    let a = args(&[
        "--endpoint",
        "127.0.0.1:110:plain",
        "--port-map",
        &map,
        "--timeout",
        "2",
        "--transcript",
    ]);
    let mut out = Vec::new();
    assert_eq!(execute(&a, Lang::En, &mut out, false).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("\\x1b]0;owned\\x07"), "{text}");
}

/// `docs/probe-json.schema.json` is generated from the types; regenerate with
/// `MAILCONF_UPDATE_SCHEMA=1 cargo test json_schema_file`.
#[test]
fn json_schema_file_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/probe-json.schema.json");
    let generated = serde_json::to_string_pretty(&schema()).unwrap() + "\n";
    if std::env::var_os("MAILCONF_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/probe-json.schema.json is stale: run MAILCONF_UPDATE_SCHEMA=1 cargo test json_schema_file"
    );
}

#[test]
fn login_flags_never_take_a_password_argument() {
    let parse = |v: &[&str]| Cli::try_parse_from([&["probe"], v].concat());
    assert!(parse(&["x", "--user", "a@b", "--password", "hunter2"]).is_err());
    assert!(parse(&["x", "--user", "a@b", "--pass", "hunter2"]).is_err());
    assert!(parse(&["x", "--password-stdin", "--password-env", "V"]).is_err());
    assert!(parse(&["x", "--allow-insecure-auth", "110:plain"]).is_err());
    let a = args(&[
        "x.invalid",
        "--user",
        "a@b",
        "--password-env",
        "MAILCONF_TEST_NO_SUCH_VARIABLE",
        "--allow-insecure-auth",
        "pop3:110:plain",
        "--allow-insecure-auth",
        "smtp:mail.x:25:plain",
    ]);
    assert_eq!(a.allow_insecure_auth.len(), 2);
    assert_eq!(a.allow_insecure_auth[1].host.as_deref(), Some("mail.x"));
    // The variable is missing: a usage error before any connection, nothing on stdout.
    let mut out = Vec::new();
    assert_eq!(execute(&a, Lang::En, &mut out, false).unwrap(), 2);
    assert!(out.is_empty());
    // An allow without credentials is a mistake worth saying.
    let a = args(&["x.invalid", "--allow-insecure-auth", "pop3:110:plain"]);
    assert_eq!(execute(&a, Lang::En, &mut out, false).unwrap(), 2);
    // A password source without any user or address.
    let a = args(&["x.invalid", "--password-env", "HOME"]);
    assert_eq!(execute(&a, Lang::En, &mut out, false).unwrap(), 2);
    assert!(out.is_empty());
}
