//! "Check my current settings" in the app, driven through AccessKit with the
//! check layer's fake backend: open the window, read a fetchmailrc holding
//! the seed's old 163 settings, see the verdict, the explanation and 163's
//! history note, and save the fixed file through the app's save path. A
//! zh-Hans snapshot shows the same window in Chinese.

use std::os::unix::fs::PermissionsExt as _;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mailconf::app::export::FixedPath;
use mailconf::app::panels::existing::{CHECK, ENTRY, FILE_LABEL, SAVE_FIXED, STOPPED_FOR_TEST};
use mailconf::app::state::Persisted;
use mailconf::app::{self, AppOptions, MailconfApp};
use mailconf::check::fake::{FakeCheck, FakeHandle, FakeOutcome, FakeRequest, Pace, report};
use mailconf::i18n::Lang;
use mailconf::probe::{EndpointReport, PlaintextReason};
use mailconf::providers::Security;

use crate::gui::{App, build, bundled, has_text, texts, type_into, until};

fn pick(lang: Lang, t: (&str, &'static str, &'static str)) -> String {
    match lang {
        Lang::En => t.0.to_owned(),
        Lang::ZhHans => t.1.to_owned(),
        Lang::ZhHant => t.2.to_owned(),
    }
}

/// Today's answer of the old servers: plaintext rows plaintext, the rest secure.
fn today(request: &FakeRequest) -> Vec<(usize, EndpointReport)> {
    request
        .plan
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let outcome = match e.security {
                Security::Plain => FakeOutcome::Plaintext(PlaintextReason::PlainEndpoint),
                _ => FakeOutcome::Secure,
            };
            (i, report(e, outcome, 15 + i as u64))
        })
        .collect()
}

/// Opens the window, checks `path` and lets every account's check finish.
fn check_file(h: &mut App, handle: &FakeHandle, lang: Lang, path: &str) {
    h.get_by_label(&pick(lang, ENTRY)).click();
    h.run();
    type_into(h, &pick(lang, FILE_LABEL), path);
    h.get_by_label(&pick(lang, CHECK)).click();
    h.run_steps(3);
    // One account after the other: release each one's results.
    for _ in 0..10 {
        if !h.state().existing.running() {
            break;
        }
        handle.release_all();
        h.run_steps(3);
    }
    assert!(!h.state().existing.running(), "{:?}", texts(h));
}

#[test]
fn check_my_settings_explains_and_saves_the_fixed_file() {
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join(".fetchmailrc");
    std::fs::write(
        &rc,
        "# 2011\npoll pop.163.com with proto POP3 port 110\n    user \"zhang@163.com\" there with password \"Web-Pa55-163\" is zhang here\n    keep sslproto ''\n",
    )
    .unwrap();
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(Lang::En, bundled(), Some(Box::new(backend)));
    check_file(&mut h, &handle, Lang::En, rc.to_str().unwrap());
    // What the file says, the verdict, what to do, and what changed at 163.
    assert!(
        has_text(&h, "The file says: pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    assert!(has_text(&h, "works but insecure"), "{:?}", texts(&h));
    assert!(has_text(&h, "use pop.163.com:995"), "{:?}", texts(&h));
    assert!(has_text(&h, "authorization code"), "{:?}", texts(&h));
    assert!(has_text(&h, "Until about 2014"), "{:?}", texts(&h));
    assert!(!has_text(&h, "Web-Pa55-163"), "the password is on screen");
    // The request was the file's endpoint plus 163's, with 163 attached.
    let requests = handle.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].plan.endpoints[0].port, 110);
    assert_eq!(
        requests[0].plan.provider.as_ref().map(|p| p.id.as_str()),
        Some("163")
    );
    // Save the fixed file through the app's save dialog.
    let out = dir.path().join("fetchmailrc.fixed");
    h.state_mut()
        .set_file_dialog(Box::new(FixedPath(out.clone())));
    // The button is below the cards: scrolled to, as a user would.
    h.get_by_label(SAVE_FIXED.0).scroll_to_me();
    h.run();
    h.get_by_label(SAVE_FIXED.0).click();
    until(&mut h, |h| has_text(h, "Saved:"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("port 995") && text.contains("ssl"), "{text}");
    assert!(
        text.starts_with("# 2011\n") && text.contains("keep"),
        "{text}"
    );
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_unreadable_file_is_named_in_the_window() {
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(Lang::En, bundled(), Some(Box::new(backend)));
    check_file(
        &mut h,
        &handle,
        Lang::En,
        "/nonexistent/mailconf/.fetchmailrc",
    );
    assert!(
        has_text(&h, "cannot read /nonexistent/mailconf/.fetchmailrc"),
        "{:?}",
        texts(&h)
    );
    assert!(handle.requests().is_empty());
}

/// The app has one backend: Test connection in the main window while the
/// window's check runs cancels that check. The window stops and says why (it
/// used to spin forever, waiting for an answer that never came); the main
/// test runs; Check runs the file again.
#[test]
fn test_connection_during_a_check_stops_it_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join(".fetchmailrc");
    std::fs::write(
        &rc,
        "poll pop.163.com with proto POP3 port 110\n    user \"zhang@163.com\" there with password \"x\"\n",
    )
    .unwrap();
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(Lang::En, bundled(), Some(Box::new(backend)));
    h.get_by_label(ENTRY.0).click();
    h.run();
    type_into(&mut h, FILE_LABEL.0, rc.to_str().unwrap());
    h.get_by_label(CHECK.0).click();
    h.run_steps(3);
    assert!(h.state().existing.running(), "{:?}", texts(&h));
    // The main window's test, while the account's check waits (its spinner
    // keeps repainting: steps, not `run`).
    let field = mailconf::app::ui_text::T::EmailAddress.get(Lang::En);
    h.get_by_label(field).focus();
    h.run_steps(2);
    h.get_by_label(field).type_text("alice@qq.com");
    h.run_steps(2);
    // Enter in the address field (the window covers the button).
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(!h.state().existing.running(), "{:?}", texts(&h));
    assert!(has_text(&h, STOPPED_FOR_TEST.0), "{:?}", texts(&h));
    assert!(!has_text(&h, "Testing…"), "{:?}", texts(&h));
    assert_eq!(handle.requests().len(), 2);
    // The main test gets its results.
    handle.release_all();
    until(&mut h, |h| !h.state().session.check.running);
    assert!(has_text(&h, "pop.qq.com:995"), "{:?}", texts(&h));
    // Check again: the file's account is checked to the end.
    h.get_by_label(CHECK.0).click();
    h.run_steps(3);
    for _ in 0..10 {
        if !h.state().existing.running() {
            break;
        }
        handle.release_all();
        h.run_steps(3);
    }
    assert!(!h.state().existing.running(), "{:?}", texts(&h));
    assert!(!has_text(&h, STOPPED_FOR_TEST.0), "{:?}", texts(&h));
    assert!(has_text(&h, "Verdict: works"), "{:?}", texts(&h));
}

/// The seed's fetchmailrc fixture (163 and QQ on 110, a skipped Sina entry),
/// checked in Simplified Chinese.
#[test]
fn check_my_settings_zh_hans() {
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = Harness::builder()
        .with_size([1100.0, 900.0])
        .with_theme(eframe::egui::Theme::Light)
        .with_context_setup(app::install_fonts)
        .wgpu()
        .build_eframe(move |cc| {
            MailconfApp::new(
                cc,
                AppOptions {
                    database: bundled(),
                    backend: Some(Box::new(backend)),
                    lang: Some(Lang::ZhHans),
                    persisted: Some(Persisted::default()),
                },
            )
        });
    h.run();
    check_file(&mut h, &handle, Lang::ZhHans, "tests/existing/fetchmailrc");
    assert!(has_text(&h, "可用但不安全"), "{:?}", texts(&h));
    assert!(has_text(&h, "授权码"), "{:?}", texts(&h));
    h.remove_cursor();
    h.run();
    h.snapshot("existing_check_zh_hans");
}
