//! Fuzz bodies for the readers and the fix writer, shared by the cargo-fuzz
//! targets in `fuzz/` and by stable `#[test]`s that run them over random and
//! mutated inputs.
//!
//! Each body must never panic, whatever the bytes, and checks what must hold for
//! every file: notes and line numbers stay inside the file, a password found is
//! never in a note, its `Debug` or its JSON, and a fix changes only what it
//! reports and reads back with the corrected settings.

use super::{AuthMethod, Corrected, Kind, NoteKind, parse};
use crate::providers::Security;
use std::path::Path;

/// The kind named by `b` (all kinds in turn).
fn kind_of(b: u8) -> Kind {
    Kind::ALL[usize::from(b) % Kind::ALL.len()]
}

/// A file name that does not itself decide the kind.
fn name(kind: Kind) -> &'static str {
    match kind {
        Kind::Thunderbird => "prefs.js",
        Kind::Fetchmail => ".fetchmailrc",
        Kind::Msmtp => ".msmtprc",
        Kind::Mutt => ".muttrc",
        Kind::Getmail => "getmailrc",
        Kind::Apple => "a.mobileconfig",
        Kind::MailconfJson => "a.json",
        Kind::Autoconfig => "config-v1.1.xml",
    }
}

/// Reads `data` as the kind its first byte names; checks the invariants.
pub fn read(data: &[u8]) {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let kind = kind_of(k);
    let Ok(loaded) = parse(Path::new(name(kind)), rest.to_vec(), Some(kind)) else {
        return;
    };
    let lines = loaded.source.line_count().max(1);
    for n in &loaded.notes {
        assert!(
            n.line >= 1 && n.line <= lines,
            "note line {} of {lines}",
            n.line
        );
    }
    for a in &loaded.accounts {
        assert!(
            a.line >= 1 && a.line <= lines,
            "account line {} of {lines}",
            a.line
        );
        if let Some(secret) = a.password.secret() {
            let s = secret.expose();
            assert!(
                !format!("{:?}", a.password).contains(s)
                    || s.is_empty()
                    || "Secret([redacted])".contains(s)
            );
            let json = serde_json::to_string(&a.password).unwrap_or_default();
            assert!(s.len() < 4 || !json.contains(s), "password in JSON");
            for n in &loaded.notes {
                assert!(
                    s.len() < 4 || !n.excerpt.contains(s) || "[redacted]".contains(s),
                    "password in a note"
                );
            }
        }
    }
    let _ = serde_json::to_string(&loaded.accounts);
    // Detection never panics either.
    let _ = Kind::detect(Path::new("x"), rest);
}

/// The corrected settings chosen by `b`.
fn corrected(b: u8, protocol_smtp: bool) -> Corrected {
    let security = if b.is_multiple_of(2) {
        Security::Tls
    } else {
        Security::Starttls
    };
    let port = match (protocol_smtp, security) {
        (true, Security::Tls) => 465,
        (true, _) => 587,
        (false, Security::Tls) => 995,
        (false, _) => 110,
    };
    Corrected {
        host: if b & 0x10 == 0 {
            "mail.example.com".into()
        } else {
            "pop.163.com".into()
        },
        port,
        security,
        auth: AuthMethod::Password,
        username: if b & 0x20 == 0 {
            "user@example.com".into()
        } else {
            "x".into()
        },
    }
}

/// Reads `data`, fixes every account and reads the fixed file again: where the
/// original was read without refusals and the fix succeeded, the fixed account
/// must have the corrected host, port, security and username, and every other
/// account must be unchanged.
pub fn fix(data: &[u8]) {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let Some((&c, rest)) = rest.split_first() else {
        return;
    };
    let kind = kind_of(k);
    let Ok(loaded) = parse(Path::new(name(kind)), rest.to_vec(), Some(kind)) else {
        return;
    };
    let clean = !loaded
        .notes
        .iter()
        .any(|n| matches!(n.kind, NoteKind::ClientRefuses | NoteKind::NotUnderstood));
    for (i, a) in loaded.accounts.iter().enumerate() {
        let want = corrected(c, a.protocol == crate::providers::Protocol::Smtp);
        let Ok(fixed) = loaded.fix(i, &want) else {
            continue;
        };
        if kind == Kind::Thunderbird || !clean || !a.active {
            continue;
        }
        let again = parse(Path::new(name(kind)), fixed.bytes.clone(), Some(kind))
            .unwrap_or_else(|e| panic!("the fixed file does not read back: {e}"));
        if fixed.changes.is_empty() {
            assert_eq!(fixed.bytes, rest, "no change reported but bytes differ");
            continue;
        }
        // A fix never adds or removes an account: the same index is the same one.
        assert_eq!(again.accounts.len(), loaded.accounts.len(), "account count");
        let b = &again.accounts[i];
        assert!(
            b.host.value.eq_ignore_ascii_case(&want.host) && b.port.value == want.port,
            "fixed account {}: wanted {}:{}, read back {}:{}",
            a.name,
            want.host,
            want.port,
            b.host.value,
            b.port.value
        );
        assert_eq!(b.security.value, want.security, "security of {}", a.name);
        // A placeholder username (`%EMAILADDRESS%`) is kept as the template it is.
        let placeholder = a.username.as_ref().is_some_and(|u| u.value.contains('%'));
        if let Some(u) = b.username.as_ref().filter(|_| !placeholder) {
            assert_eq!(u.value, want.username, "username of {}", a.name);
        }
    }
}
