//! Fuzz bodies for the readers and the fix writer, shared by the cargo-fuzz
//! targets in `fuzz/` and by stable `#[test]`s that run them over random and
//! mutated inputs.
//!
//! Each body must never panic, whatever the bytes, and checks what must hold for
//! every file: notes and line numbers stay inside the file, a password found is
//! never in a note, its `Debug` or its JSON, and a fix changes only what it
//! reports and reads back with the corrected settings.

use super::{AuthMethod, Corrected, Kind, NoteKind, Password, parse};
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
            // Exactly the redacted form (a short password such as `li` may
            // be part of its words: `line`).
            if let Password::InFile { line, .. } = &a.password {
                assert_eq!(
                    format!("{:?}", a.password),
                    format!("InFile {{ secret: Secret([redacted]), line: {line} }}")
                );
            }
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

// The stable runs of the bodies: part of the normal `cargo test` (like
// `probe::fuzzing`'s), over random bytes and the fixtures of tests/existing/
// with random bytes and words spliced in.
#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use std::path::PathBuf;

    /// Every file under tests/existing/ (the readable ones become seeds), in
    /// a fixed order so the runs are the same everywhere.
    fn fixture_files() -> Vec<PathBuf> {
        let mut todo = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/existing")];
        let mut files = Vec::new();
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() >= 10, "{files:?}");
        files
    }

    /// Random bytes, and the fixtures with random bytes and words spliced in.
    fn inputs(seed: u64, count: usize) -> Vec<Vec<u8>> {
        let mut rng = StdRng::seed_from_u64(seed);
        let fixtures: Vec<(u8, Vec<u8>)> = fixture_files()
            .into_iter()
            .filter_map(|p| {
                let l = crate::existing::read(&p).ok()?;
                let k = Kind::ALL.iter().position(|k| *k == l.kind)? as u8;
                Some((k, std::fs::read(p).ok()?))
            })
            .collect();
        let splices: &[&[u8]] = &[
            b"\n",
            b"\"",
            b"'",
            b"\\",
            b"#",
            b";",
            b"=",
            b":",
            b",",
            b"<",
            b">",
            b"</dict>",
            b"<key>",
            b"user_pref(",
            b")",
            b"poll ",
            b" ssl",
            b"account ",
            b"[retriever]",
            b"\0",
            b"\xff",
            b"\r\n",
            b"`",
            b"%",
            b"{",
            b"}",
            b" port 0",
            b" no ",
            b"\\\n",
        ];
        (0..count)
            .map(|i| {
                if i % 4 == 0 {
                    let len = rng.random_range(0..300);
                    (0..len).map(|_| rng.random()).collect()
                } else {
                    let (k, base) = &fixtures[rng.random_range(0..fixtures.len())];
                    let mut v = base.clone();
                    for _ in 0..rng.random_range(1..6) {
                        let at = rng.random_range(0..=v.len());
                        if rng.random_bool(0.5) && at < v.len() {
                            let end = (at + rng.random_range(1..20)).min(v.len());
                            v.drain(at..end);
                        } else {
                            let s = splices[rng.random_range(0..splices.len())];
                            v.splice(at..at, s.iter().copied());
                        }
                    }
                    let mut out = vec![*k, rng.random()];
                    out.extend(v);
                    out
                }
            })
            .collect()
    }

    #[test]
    fn readers_never_panic_on_random_or_mutated_files() {
        for input in inputs(1, 2500) {
            read(&input);
            read(input.get(1..).unwrap_or_default());
        }
    }

    #[test]
    fn fixes_read_back_on_random_or_mutated_files() {
        for input in inputs(2, 1500) {
            fix(&input);
        }
    }
}
