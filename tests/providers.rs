//! The provider database: every bundled file valid, the seed providers present and
//! right, lookups by address/domain/name, IDN and malformed input, user overrides
//! and broken user files, the ISPDB import, and the `providers` CLI.

use mailconf::providers::load::{self, bundled_files, read_user_dir};
use mailconf::providers::{
    AuthKind, Database, LookupError, MatchKind, Origin, Protocol, ProviderError, Security, Status,
    json_schema,
};
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailconf"));
    // Never read the developer's own provider files.
    c.env(
        "MAILCONF_CONFIG_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config"),
    );
    c.env("MAILCONF_LANG", "en");
    c
}

#[test]
fn every_bundled_file_parses_and_validates() {
    let db = Database::bundled();
    let problems: Vec<String> = db.warnings.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "bundled database has problems:\n{}",
        problems.join("\n")
    );
    assert_eq!(db.all_entries().len(), bundled_files().len());
}

#[test]
fn committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(Path::new(ROOT).join("providers/schema.json"))
        .expect("providers/schema.json exists");
    assert_eq!(
        committed,
        json_schema(),
        "providers/schema.json is stale: run `cargo run -- providers schema > providers/schema.json`"
    );
}

#[test]
fn every_bundled_file_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut failures = Vec::new();
    for (file, text) in bundled_files() {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        for e in validator.iter_errors(&v) {
            failures.push(format!("{file}: {} at {}", e, e.instance_path()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The schema must also be able to say no.
    let bad = serde_json::json!({"id": "x", "port": 70000});
    assert!(!validator.is_valid(&bad));
    let mut p: serde_json::Value = serde_json::from_str(bundled_files()[0].1).unwrap();
    p["incoming"][0]["port"] = serde_json::json!(70000);
    assert!(
        !validator.is_valid(&p),
        "port 70000 must be rejected by the schema"
    );
}

#[test]
fn database_covers_at_least_950_domains() {
    let db = Database::bundled();
    assert!(
        db.domain_count() >= 950,
        "only {} domains",
        db.domain_count()
    );
}

/// Every seed domain of the foundation issue, with what must be true of it.
#[test]
fn seed_providers_are_present_and_hand_written() {
    let db = Database::bundled();
    let seeds = [
        "gmail.com",
        "21cn.com",
        "sina.com",
        "sina.cn",
        "sina.com.cn",
        "vip.sina.com",
        "tom.com",
        "163.com",
        "263.net",
        "263.net.cn",
        "x263.net",
        "yahoo.com",
        "yahoo.com.cn",
        "foxmail.com",
        "sohu.com",
        "etang.com",
        "qq.com",
        "exmail.qq.com",
        "126.com",
        "hotmail.com",
        "live.com",
        "outlook.com",
        "china.com",
        "139.com",
        "yeah.net",
        "188.com",
        "vip.163.com",
        "vip.126.com",
        "aliyun.com",
        "189.cn",
        "wo.cn",
        "icloud.com",
        "yandex.ru",
        "mail.ru",
        "gmx.net",
        "web.de",
        "aol.com",
        "zoho.com",
        "fastmail.com",
        "proton.me",
    ];
    let mut missing = Vec::new();
    for d in seeds {
        match db.lookup(d) {
            Ok(m) if m.entry.provider.origin == Origin::Hand && m.kind == MatchKind::Domain => {
                let p = &m.entry.provider;
                assert!(!p.sources.is_empty(), "{d}: no sources");
                if !matches!(p.status, Status::Discontinued { .. }) {
                    assert!(
                        p.incoming.iter().any(|s| s.security != Security::Plain)
                            && p.outgoing.iter().any(|s| s.security != Security::Plain),
                        "{d}: needs a secure incoming and outgoing server"
                    );
                }
            }
            Ok(m) => missing.push(format!(
                "{d} (only {:?} entry {})",
                m.entry.provider.origin, m.entry.provider.id
            )),
            Err(e) => missing.push(format!("{d} ({e})")),
        }
    }
    assert!(missing.is_empty(), "seed providers missing: {missing:?}");
}

#[test]
fn seed_facts() {
    let db = Database::bundled();
    let get = |d: &str| &db.lookup(d).unwrap().entry.provider;
    // Yahoo China and etang are gone.
    assert!(matches!(
        get("yahoo.com.cn").status,
        Status::Discontinued { year: 2013, .. }
    ));
    assert!(matches!(
        get("etang.com").status,
        Status::Discontinued { .. }
    ));
    // Microsoft: OAuth2 only, on outlook.office365.com and smtp-mail.outlook.com.
    let ms = get("hotmail.com");
    assert_eq!(ms.auth.kind, AuthKind::Oauth2Only);
    assert!(
        ms.incoming
            .iter()
            .any(|s| s.host == "outlook.office365.com")
    );
    assert!(
        ms.outgoing
            .iter()
            .any(|s| s.host == "smtp-mail.outlook.com")
    );
    assert_eq!(get("live.com").id, ms.id);
    assert_eq!(get("outlook.com").id, ms.id);
    // QQ serves foxmail.com and wants an authorization code.
    assert_eq!(get("foxmail.com").id, get("qq.com").id);
    assert_eq!(get("qq.com").auth.kind, AuthKind::AuthorizationCode);
    // NetEase needs the IMAP ID command and an authorization code.
    for d in ["163.com", "126.com", "yeah.net"] {
        let p = get(d);
        assert_eq!(p.auth.kind, AuthKind::AuthorizationCode, "{d}");
        assert!(
            p.quirks
                .contains(&mailconf::providers::Quirk::ImapIdRequired),
            "{d}"
        );
        assert!(
            p.incoming.iter().any(|s| s.protocol == Protocol::Pop3),
            "{d}: POP3 server"
        );
    }
    // Gmail wants an app password.
    assert_eq!(get("gmail.com").auth.kind, AuthKind::AppPassword);
    // Entries where old settings differ say so.
    for d in [
        "163.com",
        "qq.com",
        "sina.com",
        "sohu.com",
        "21cn.com",
        "tom.com",
        "263.net",
        "139.com",
        "china.com",
    ] {
        assert!(get(d).history.is_some(), "{d}: history note");
    }
}

#[test]
fn mx_suffixes_identify_hosted_domains() {
    let db = Database::bundled();
    let cases = [
        ("mxbiz1.qq.com", "exmail.qq.com"),
        ("aspmx.l.google.com", ""),
        ("alt1.aspmx.l.google.com", ""),
        ("example-com.mail.protection.outlook.com", ""),
        ("qiye163mx01.mxmail.netease.com", ""),
        ("mxn.mxhichina.com", ""),
    ];
    for (mx, domain) in cases {
        let e = db
            .by_mx(mx)
            .unwrap_or_else(|| panic!("no provider for MX {mx}"));
        if !domain.is_empty() {
            assert!(
                e.provider.domains.iter().any(|d| d == domain),
                "{mx} → {}",
                e.provider.id
            );
        }
    }
    assert!(db.by_mx("mx.example.org").is_none());
    // Whole labels only: "notqq.com" is not "qq.com".
    assert!(db.by_mx("mxbiz1.notqq.com").is_none());
}

#[test]
fn lookups_by_address_domain_and_id() {
    let db = Database::bundled();
    let m = db.lookup("用户@qq.com").unwrap();
    assert_eq!(m.kind, MatchKind::Domain);
    assert_eq!(m.address.unwrap().local, "用户");
    let m = db.lookup("  Alice@QQ.COM. ").unwrap();
    assert_eq!(m.domain.as_deref(), Some("qq.com"));
    let m = db.lookup("someone@mail.163.com").unwrap();
    assert_eq!(m.kind, MatchKind::ParentDomain);
    assert_eq!(m.domain.as_deref(), Some("163.com"));
    assert_eq!(db.lookup("163").unwrap().kind, MatchKind::Id);
    assert_eq!(db.lookup("163.COM").unwrap().kind, MatchKind::Domain);
    assert_eq!(
        db.lookup("张三＠163.com").unwrap().domain.as_deref(),
        Some("163.com")
    );
}

#[test]
fn idn_and_malformed_input() {
    let db = Database::bundled();
    match db.lookup("用户@例子.中国") {
        Err(LookupError::NotFound(d)) => assert_eq!(d, "xn--fsqu00a.xn--fiqs8s"),
        other => panic!("expected not found for an unknown IDN domain, got {other:?}"),
    }
    for bad in [
        "@qq.com",
        "alice@",
        "al ice@qq.com",
        "alice@qq..com",
        "alice@exa mple.com",
        "a@-bad-.com",
    ] {
        match db.lookup(bad) {
            Err(LookupError::Address(e)) => assert!(!e.to_string().is_empty()),
            other => panic!("{bad}: expected an address error, got {other:?}"),
        }
    }
    // A bare TLD never matches a parent entry.
    assert!(db.lookup("alice@com").is_err());
}

#[test]
fn search_in_three_languages() {
    let db = Database::bundled();
    let ids = |q: &str| {
        db.search(q)
            .iter()
            .map(|e| e.provider.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("163").first().map(String::as_str), Some("163"));
    let netease = ids("网易");
    assert!(
        netease.iter().any(|i| i == "163") && netease.iter().any(|i| i == "126"),
        "{netease:?}"
    );
    assert!(ids("netease").iter().any(|i| i == "163"));
    assert!(ids("NetEase").iter().any(|i| i == "126"));
    assert_eq!(db.lookup("qq.com").unwrap().entry.provider.id, ids("qq")[0]);
    let tencent = ids("騰訊");
    let exmail = db
        .lookup("exmail.qq.com")
        .unwrap()
        .entry
        .provider
        .id
        .clone();
    assert!(tencent.contains(&exmail), "騰訊 → {tencent:?}");
    assert!(ids("zzzz-no-such-provider").is_empty());
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

const USER_OK: &str = r#"{
  "id": "mycorp",
  "name": {"en": "My Corp", "zh-Hans": "我的公司", "zh-Hant": "我的公司"},
  "domains": ["mycorp.example", "qq.com"],
  "status": {"state": "active"},
  "incoming": [{"protocol": "pop3", "host": "pop.mycorp.example", "port": 995, "security": "tls"}],
  "outgoing": [{"protocol": "smtp", "host": "smtp.mycorp.example", "port": 465, "security": "tls"}],
  "auth": {"kind": "password"},
  "sources": [{"about": "servers", "kind": "general-knowledge", "checked": "2026-11"}]
}"#;

#[test]
fn user_files_override_and_broken_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mycorp.json", USER_OK);
    // Wrong type on line 5: the error must name the file, the line and the field.
    write(
        dir.path(),
        "broken.json",
        "{\n  \"id\": \"broken\",\n  \"name\": {\"en\": \"B\", \"zh-Hans\": \"B\", \"zh-Hant\": \"B\"},\n  \"domains\": [\"broken.example\"],\n  \"status\": {\"state\": \"sideways\"}\n}\n",
    );
    write(dir.path(), "syntax.json", "{ \"id\": \"x\", ");
    write(
        dir.path(),
        "semantic.json",
        &USER_OK
            .replace("\"mycorp\"", "\"semantic\"")
            .replace("mycorp.example", "semantic.example")
            .replace("\"qq.com\"", "\"sem2.example\"")
            .replace("\"zh-Hant\": \"我的公司\"", "\"zh-Hant\": \"\""),
    );
    let db = Database::load(Some(dir.path()));
    let warnings: Vec<String> = db.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    let broken = warnings.iter().find(|w| w.contains("broken.json")).unwrap();
    assert!(
        broken.contains(":5:") && broken.contains("status") && broken.contains("sideways"),
        "{broken}"
    );
    let syntax = warnings.iter().find(|w| w.contains("syntax.json")).unwrap();
    assert!(syntax.contains(":1:"), "{syntax}");
    let semantic = warnings
        .iter()
        .find(|w| w.contains("semantic.json"))
        .unwrap();
    assert!(semantic.contains("name.zh-Hant"), "{semantic}");
    assert!(matches!(
        db.warnings[0],
        ProviderError::Parse { .. } | ProviderError::Invalid { .. }
    ));
    // The user's file wins for qq.com and serves its own domain...
    assert_eq!(db.lookup("a@qq.com").unwrap().entry.provider.id, "mycorp");
    assert_eq!(
        db.lookup("mycorp.example").unwrap().entry.provider.origin,
        Origin::User
    );
    // ...and the bundled database is still whole.
    assert_eq!(db.lookup("163.com").unwrap().entry.provider.id, "163");
    assert!(db.domain_count() >= 950);
    // Foxmail stays with QQ's bundled entry: only the domains the user named moved.
    assert_ne!(
        db.lookup("foxmail.com").unwrap().entry.provider.id,
        "mycorp"
    );
}

#[test]
fn hand_entries_win_over_ispdb_with_provenance() {
    let db = Database::bundled();
    let m = db.lookup("gmail.com").unwrap();
    assert_eq!(m.entry.provider.origin, Origin::Hand);
    assert!(
        m.entry.overrides.iter().any(|o| o == "googlemail.com"),
        "{:?}",
        m.entry.overrides
    );
    // The ISPDB entry still answers for domains no hand entry claims.
    let nyu = db.lookup("nyu.edu").unwrap();
    assert_eq!(nyu.entry.provider.origin, Origin::Ispdb);
}

#[test]
fn ispdb_import_is_reproducible() {
    let out = tempfile::tempdir().unwrap();
    let src = Path::new(ROOT).join("providers/ispdb-source");
    // The ISPDB source files are in the repository (MPL-2.0 data, with its
    // LICENSE and SOURCE.md), so a fresh clone alone runs this test.
    assert!(src.exists(), "{} is missing", src.display());
    let r = mailconf::providers::ispdb::import(&src, out.path(), None).unwrap();
    assert_eq!(r.files_read, 163);
    assert!(
        r.domains + r.mx_suffixes.len() >= 950,
        "{} domains, {} MX suffixes",
        r.domains,
        r.mx_suffixes.len()
    );
    let committed = Path::new(ROOT).join("providers/ispdb");
    let mut names: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for n in &names {
        let a = std::fs::read(out.path().join(n)).unwrap();
        let b = std::fs::read(committed.join(n)).unwrap_or_default();
        assert!(
            a == b,
            "providers/ispdb/{} differs from a fresh import: re-run the importer",
            n.to_string_lossy()
        );
    }
    let committed_count = std::fs::read_dir(&committed).unwrap().count();
    assert_eq!(
        committed_count,
        names.len(),
        "stale files in providers/ispdb"
    );
}

#[test]
fn user_dir_reader_ignores_missing_dir() {
    let (ok, errs) = read_user_dir(Path::new("/nonexistent/mailconf/providers"));
    assert!(ok.is_empty() && errs.is_empty());
    assert!(load::user_provider_dir().is_some());
}

// ---- the CLI ----

fn run(args: &[&str]) -> (i32, String, String) {
    let o = bin().args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn cli_show_163() {
    let (code, out, err) = run(&["providers", "show", "163.com"]);
    assert_eq!(code, 0, "{err}");
    for want in [
        "网易",
        "網易",
        "pop.163.com:995",
        "smtp.163.com:465",
        "authorization code",
        "Sources",
        "checked",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}

#[test]
fn cli_show_address_in_chinese() {
    let (code, out, err) = run(&["--lang", "zh-Hans", "providers", "show", "用户@qq.com"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("授权码") && out.contains("用户@qq.com"),
        "{out}"
    );
    assert!(out.contains("状态"), "labels in Chinese: {out}");
}

#[test]
fn cli_show_outlook_json() {
    let (code, out, err) = run(&["providers", "show", "outlook.com", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["provider"]["auth"]["kind"], "oauth2-only");
    assert!(
        v["provider"]["name"]["zh-Hant"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(
        v["provider"]["sources"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    assert_eq!(v["matched"]["kind"], "domain");
}

#[test]
fn cli_list_and_search() {
    let (code, out, _) = run(&["providers", "list"]);
    assert_eq!(code, 0);
    assert!(out.lines().count() > 150, "{} lines", out.lines().count());
    let (code, out, _) = run(&["providers", "list", "--search", "网易", "--json"]);
    assert_eq!(code, 0);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(v.iter().any(|p| p["id"] == "163"));
    let (code, _, _) = run(&["providers", "list", "--search", "zzzz-nothing"]);
    assert_eq!(code, 1);
}

#[test]
fn cli_show_unknown_and_malformed() {
    let (code, _, err) = run(&["providers", "show", "nobody.example"]);
    assert_eq!(code, 1);
    assert!(err.contains("nobody.example"), "{err}");
    // Malformed input is a usage error, as in every subcommand (tests/cli.rs).
    let (code, _, err) = run(&["providers", "show", "alice@"]);
    assert_eq!(code, 2);
    assert!(err.contains("the domain after the @"), "{err}");
    let (code, _, _) = run(&["providers", "frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn cli_validate_rejects_a_broken_file_precisely() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.json",
        &USER_OK.replace("\"port\": 995", "\"port\": 0"),
    );
    let (code, out, _) = run(&[
        "providers",
        "validate",
        dir.path().join("bad.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("bad.json") && out.contains("incoming[0].port"),
        "{out}"
    );
    write(
        dir.path(),
        "bad2.json",
        &USER_OK.replace("\"port\": 995", "\"port\": 99999"),
    );
    let (code, out, _) = run(&[
        "providers",
        "validate",
        dir.path().join("bad2.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        // The same words as the app's banner (one renderer for both faces).
        out.contains("bad2.json, line")
            && out.contains("incoming[0].port")
            && out.contains("99999"),
        "{out}"
    );
    write(
        dir.path(),
        "typo.json",
        &USER_OK.replace("\"domains\"", "\"domain\""),
    );
    let (code, out, _) = run(&[
        "providers",
        "validate",
        dir.path().join("typo.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("unknown field `domain`"), "{out}");
    let (code, out, _) = run(&["providers", "validate"]);
    assert_eq!(code, 0, "bundled database must validate:\n{out}");
    let (code, out, _) = run(&[
        "providers",
        "validate",
        &format!("{ROOT}/providers"),
        &format!("{ROOT}/providers/ispdb"),
    ]);
    assert_eq!(code, 0, "{out}");
}

// ---- hostile user folders and import folders (issue 11, F12 / F13) ----

/// Runs `f` on another thread and fails the test when it has not returned within
/// `secs`: a reader that blocks on a FIFO must show up as a failure, not a hung suite.
fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("{what} did not return within {secs} s (it blocked)"))
}

#[cfg(unix)]
#[test]
fn f13_user_provider_folder_skips_fifo_and_dev_zero_links() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let p = dir.path();
    // Sorted first, so a reader that opens it blocks before anything else.
    let status = Command::new("mkfifo")
        .arg(p.join("a-fifo.json"))
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo failed");
    symlink("/dev/zero", p.join("b-zero.json")).unwrap();
    // One byte over the 1 MiB cap, yet valid JSON: the size alone must refuse it.
    let big = format!("{}{}", USER_OK, " ".repeat(1024 * 1024 + 1 - USER_OK.len()));
    write(p, "c-big.json", &big);
    symlink(p.join("no-such-file.json"), p.join("d-dangling.json")).unwrap();
    std::fs::create_dir(p.join("e-dir.json")).unwrap();
    write(p, "mycorp.json", USER_OK);
    // A link to a regular file is fine.
    write(
        elsewhere.path(),
        "linked.json",
        &USER_OK
            .replace("\"mycorp\"", "\"linked\"")
            .replace("mycorp.example", "linked.example")
            .replace("\"qq.com\"", "\"linked2.example\""),
    );
    symlink(
        elsewhere.path().join("linked.json"),
        p.join("z-linked.json"),
    )
    .unwrap();

    let path = p.to_path_buf();
    let db = within(20, "reading the user provider folder", move || {
        Database::load(Some(&path))
    });
    let warnings: Vec<String> = db.warnings.iter().map(ToString::to_string).collect();
    for (file, why) in [
        ("a-fifo.json", "FIFO"),
        ("b-zero.json", "device"),
        ("c-big.json", "limit of 1048576 bytes"),
        ("d-dangling.json", "cannot read"),
        ("e-dir.json", "folder"),
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(file) && w.contains(why)),
            "no warning naming {file} ({why}): {warnings:#?}"
        );
    }
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    // The rest keeps working: the plain file and the link to a regular file.
    assert_eq!(
        db.lookup("a@mycorp.example").unwrap().entry.provider.id,
        "mycorp"
    );
    assert_eq!(
        db.lookup("linked.example").unwrap().entry.provider.id,
        "linked"
    );
    assert_eq!(db.lookup("163.com").unwrap().entry.provider.id, "163");
    // `providers validate` reads through the same guard.
    let path = p.to_path_buf();
    let (code, out, _) = within(20, "providers validate on the folder", move || {
        run(&["providers", "validate", path.to_str().unwrap()])
    });
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("a-fifo.json") && out.contains("b-zero.json"),
        "{out}"
    );
}

#[test]
fn f13_user_provider_folder_caps_the_number_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let cap = load::MAX_USER_FILES;
    for i in 0..cap + 5 {
        let id = format!("corp{i:04}");
        write(
            dir.path(),
            &format!("{id}.json"),
            &USER_OK
                .replace("\"mycorp\"", &format!("\"{id}\""))
                .replace("mycorp.example", &format!("{id}.example"))
                .replace(", \"qq.com\"", ""),
        );
    }
    let (ok, errors) = read_user_dir(dir.path());
    assert_eq!(ok.len(), cap, "at most {cap} files are read");
    let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 1, "{msgs:#?}");
    assert!(
        msgs[0].contains("5 more") && msgs[0].contains(&cap.to_string()),
        "{}",
        msgs[0]
    );
}

/// A folder of ISPDB XML files holding only `names` from the reference copy.
fn ispdb_subset(names: &[&str]) -> tempfile::TempDir {
    let src = Path::new(ROOT).join("providers/ispdb-source");
    let dir = tempfile::tempdir().unwrap();
    for n in names.iter().chain(&["SOURCE.md", "LICENSE"]) {
        std::fs::copy(src.join(n), dir.path().join(n)).unwrap();
    }
    dir
}

#[test]
fn f12_import_ispdb_keeps_files_it_did_not_write() {
    let out = tempfile::tempdir().unwrap();
    // Somebody's own files in the output folder.
    write(out.path(), "mine.json", USER_OK);
    write(out.path(), "notes.txt", "keep me");
    let first = ispdb_subset(&["qq.com.xml", "163.com.xml", "126.com.xml"]);
    mailconf::providers::ispdb::import(first.path(), out.path(), None).unwrap();
    assert!(out.path().join("qq.com.json").exists());
    assert!(
        out.path().join("mine.json").exists(),
        "a file the importer did not write was deleted"
    );
    // A second import without 126.com removes the file the first one wrote, and only that.
    let second = ispdb_subset(&["qq.com.xml", "163.com.xml"]);
    let r = mailconf::providers::ispdb::import(second.path(), out.path(), None).unwrap();
    assert!(
        !out.path().join("126.com.json").exists(),
        "stale import left behind"
    );
    assert_eq!(r.removed, 1);
    assert!(
        out.path().join("mine.json").exists(),
        "a file the importer did not write was deleted"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "keep me"
    );
    assert!(
        r.unknown.iter().any(|f| f == "mine.json"),
        "the report names the file it left alone: {:?}",
        r.unknown
    );
}
