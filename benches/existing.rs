//! Readers of existing configurations: how long reading a realistic file and the
//! largest file each reader accepts take, and how long a fix takes. Run with
//! `cargo bench --bench existing`.
//!
//! A plain harness (no criterion), as in `benches/providers.rs`: each measurement
//! repeats a bounded number of times and reports the median.

mod common;
use common::median;

use mailconf::existing::{self, AuthMethod, Corrected, Kind};
use mailconf::providers::Security;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/existing")
        .join(name)
}

/// A file just under a reader's size cap, made of one entry repeated.
fn large(entry: &str, cap: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(cap);
    if entry.starts_with("account a") {
        out.extend_from_slice(b"account b\nhost base\n");
    }
    if entry.starts_with("k{i}") {
        out.extend_from_slice(b"[retriever]\ntype = SimplePOP3Retriever\n");
    }
    if entry.starts_with("user u") {
        out.extend_from_slice(b"poll one.example proto pop3\n");
    }
    let mut i = 0;
    while out.len() + entry.len() * 2 < cap {
        out.extend_from_slice(entry.replace("{i}", &i.to_string()).as_bytes());
        i += 1;
    }
    out
}

fn main() {
    println!("{:<34} {:>12}", "file", "read (median)");
    for (name, kind) in [
        ("fetchmailrc", Kind::Fetchmail),
        ("msmtprc", Kind::Msmtp),
        ("muttrc", Kind::Mutt),
        ("getmailrc", Kind::Getmail),
        (
            "thunderbird/Profiles/k3v9x2.default-release/prefs.js",
            Kind::Thunderbird,
        ),
        ("163.mobileconfig", Kind::Apple),
        ("163.mailconf.json", Kind::MailconfJson),
        ("163.autoconfig.xml", Kind::Autoconfig),
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap_or_default();
        let t = median(101, || {
            black_box(existing::parse(Path::new(name), bytes.clone(), Some(kind)).ok());
        });
        println!("{:<34} {:>9.1} µs", kind.as_str(), t.as_secs_f64() * 1e6);
    }
    let mib = 1024 * 1024;
    for (label, kind, entry, cap) in [
        (
            "fetchmailrc, 1 MiB",
            Kind::Fetchmail,
            "poll pop{i}.example.com with proto POP3 port 110\n    user \"u{i}@example.com\" there with password \"pw\" is me here keep\n",
            mib,
        ),
        (
            "msmtprc, 1 MiB",
            Kind::Msmtp,
            "account a{i}\nhost smtp{i}.example.com\nport 587\ntls on\nuser u{i}\n\n",
            mib,
        ),
        (
            "muttrc, 1 MiB",
            Kind::Mutt,
            "set folder = \"imaps://u{i}@imap.example.com/\" # {i}\n",
            mib,
        ),
        // Shapes that would be quadratic with a linear search per item.
        (
            "fetchmailrc, 1 MiB, one poll, many users",
            Kind::Fetchmail,
            "user u{i} password p{i}\n",
            mib,
        ),
        (
            "msmtprc, 1 MiB, accounts with parents",
            Kind::Msmtp,
            "account a{i} : b\nhost h{i}\npassword p{i}\nfrobnicate\n",
            mib,
        ),
        (
            "muttrc, 1 MiB, distinct variables",
            Kind::Mutt,
            "set my_v{i} = x{i}\n",
            mib,
        ),
        (
            "getmailrc, 1 MiB, distinct keys",
            Kind::Getmail,
            "k{i} = v\n",
            mib,
        ),
        (
            "prefs.js, 16 MiB, many SMTP servers",
            Kind::Thunderbird,
            "user_pref(\"mail.smtpserver.s{i}.hostname\", \"h{i}\");\n",
            16 * mib,
        ),
        (
            "prefs.js, 16 MiB",
            Kind::Thunderbird,
            "user_pref(\"extensions.some.pref{i}\", \"a value that add-ons store here\");\n",
            16 * mib,
        ),
    ] {
        let bytes = large(entry, cap);
        let t = median(5, || {
            black_box(existing::parse(Path::new("x"), bytes.clone(), Some(kind)).ok());
        });
        println!("{:<34} {:>9.1} ms", label, t.as_secs_f64() * 1e3);
    }
    let l = existing::read(&fixture("fetchmailrc")).unwrap_or_else(|e| panic!("{e}"));
    let want = Corrected {
        host: "pop.163.com".into(),
        port: 995,
        security: Security::Tls,
        auth: AuthMethod::Password,
        username: "zhang@163.com".into(),
    };
    let t = median(101, || {
        black_box(l.fix(0, &want).ok());
    });
    println!(
        "{:<34} {:>9.1} µs",
        "fix one fetchmail entry",
        t.as_secs_f64() * 1e6
    );
}
