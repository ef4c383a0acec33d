//! "Check my current settings" in the app, driven through AccessKit with the
//! check layer's fake backend: open the window, read a fetchmailrc holding
//! the seed's old 163 settings, see the verdict, the explanation and 163's
//! history note, and save the fixed file through the app's save path. A
//! zh-Hans snapshot shows the same window in Chinese.

use std::os::unix::fs::PermissionsExt as _;

use egui_kittest::kittest::Queryable;
use mailconf::app::export::FixedPath;
use mailconf::check::fake::{FakeCheck, FakeHandle, FakeOutcome, FakeRequest, Pace, report};
use mailconf::i18n::Lang;
use mailconf::probe::{EndpointReport, PlaintextReason};
use mailconf::providers::Security;

use mailconf::app::file_chooser::Mode;
use mailconf::app::ui_text::{self, T};

use crate::gui::snapshots::build_sized;
use crate::gui::{App, build, bundled, has_text, no_portal, texts, type_into, until};

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

/// Opens the window, ticks "Also test the login" when `login`, types `path`
/// and presses Check.
fn start_check(h: &mut App, lang: Lang, path: &str, login: bool) {
    h.get_by_label(&T::ExistingEntry.get(lang)).click();
    h.run();
    if login {
        h.get_by_label(&T::ExistingAlsoLogin.get(lang)).click();
        h.run();
    }
    type_into(h, &T::ExistingFileLabel.get(lang), path);
    h.get_by_label(&T::ExistingCheck.get(lang)).click();
    h.run_steps(3);
}

/// Opens the window, checks `path` and lets every account's check finish.
fn check_file(h: &mut App, handle: &FakeHandle, lang: Lang, path: &str) {
    start_check(h, lang, path, false);
    finish_checks(h, handle);
}

/// Presses Save the fixed file…, scrolled to first as a user would (it is
/// below the cards).
fn press_save_fixed(h: &mut App, lang: Lang) {
    h.get_by_label(&T::ExistingSaveFixed.get(lang))
        .scroll_to_me();
    h.run();
    h.get_by_label(&T::ExistingSaveFixed.get(lang)).click();
}

/// Saves the fixed file to `path` through the app's save dialog, in the
/// English window, and waits until it says "Saved:".
fn save_fixed_to(h: &mut App, path: &std::path::Path) {
    h.state_mut()
        .set_file_dialog(Box::new(FixedPath(path.to_path_buf())));
    press_save_fixed(h, Lang::En);
    until(h, |h| has_text(h, "Saved:"));
}

/// Lets every account's check finish, one account after the other.
fn finish_checks(h: &mut App, handle: &FakeHandle) {
    for _ in 0..10 {
        if !h.state().existing.running() {
            break;
        }
        handle.release_all();
        h.run_steps(3);
    }
    assert!(!h.state().existing.running(), "{:?}", texts(h));
}

/// A made-up home folder holding a ~/.fetchmailrc with the seed's old 163
/// settings (POP3 on 110 without TLS, the web password in it), and a folder.
fn home_with_fetchmailrc() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let rc = home.path().join(".fetchmailrc");
    std::fs::write(
        &rc,
        "# 2011\npoll pop.163.com with proto POP3 port 110\n    user \"zhang@163.com\" there with password \"Web-Pa55-163\" is zhang here\n    keep sslproto ''\n",
    )
    .unwrap();
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::create_dir(home.path().join("Mail")).unwrap();
    home
}

/// The app with the fake backend, no portal and no zenity (so no system file
/// dialog answers), mailconf's own chooser starting in `home`, and the
/// window open.
fn without_a_portal(lang: Lang, home: &std::path::Path) -> (App, FakeHandle) {
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(lang, bundled(), Some(Box::new(backend)));
    h.state_mut().set_chooser_folder(home.to_path_buf());
    h.state_mut().set_file_dialog(no_portal());
    h.get_by_label(&T::ExistingEntry.get(lang)).click();
    h.run();
    (h, handle)
}

/// Whether the widget labelled `label` has the keyboard focus.
fn focused(h: &App, label: &str) -> bool {
    h.get_by_label(label).is_focused()
}

/// Open… with no portal: mailconf's own chooser opens (in the home folder,
/// dot files shown), the user picks the ~/.fetchmailrc, and the window reads
/// and checks its account.
#[test]
fn open_without_a_portal_picks_the_fetchmailrc_in_mailconfs_own_chooser() {
    let lang = Lang::En;
    let home = home_with_fetchmailrc();
    let (mut h, handle) = without_a_portal(lang, home.path());
    h.get_by_label(&T::OpenEllipsis.get(lang)).click();
    until(&mut h, |h| h.state().chooser().is_some());
    assert_eq!(h.state().chooser().map(|c| c.mode()), Some(Mode::Open));
    assert!(has_text(&h, &T::OpenFileTitle.get(lang)), "{:?}", texts(&h));
    assert!(has_text(&h, &T::NoSystemDialog.get(lang)));
    assert_eq!(
        h.get_by_label(&T::Folder.get(lang)).value(),
        Some(home.path().display().to_string())
    );
    assert!(handle.requests().is_empty(), "nothing checked yet");
    // The dot file is listed: pick it, then Open.
    h.get_by_label(".fetchmailrc").click();
    h.run();
    assert_eq!(
        h.get_by_label(&T::FileName.get(lang)).value().as_deref(),
        Some(".fetchmailrc")
    );
    h.get_by_label(&T::Open.get(lang)).click();
    h.run_steps(3);
    finish_checks(&mut h, &handle);
    assert!(h.state().chooser().is_none(), "the chooser closed");
    let rc = home.path().join(".fetchmailrc");
    assert_eq!(
        h.get_by_label(&T::ExistingFileLabel.get(Lang::En)).value(),
        Some(rc.display().to_string()),
        "the path field names the file opened"
    );
    assert!(
        has_text(&h, "The file says: pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    assert!(
        has_text(&h, "insecure, and the login is refused"),
        "{:?}",
        texts(&h)
    );
    assert!(!has_text(&h, "Web-Pa55-163"), "the password is on screen");
    let requests = handle.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].plan.endpoints[0].port, 110);
}

/// The open chooser from the keyboard, in Traditional Chinese: Esc closes it
/// and checks nothing; the name field has the focus, Enter on a name that is
/// not there says so (and gives the focus back); Tab reaches Open and Enter
/// presses it.
#[test]
fn the_open_chooser_works_from_the_keyboard() {
    let lang = Lang::ZhHant;
    let home = home_with_fetchmailrc();
    let (mut h, handle) = without_a_portal(lang, home.path());
    let name_field = &T::FileName.get(lang);

    h.get_by_label(&T::OpenEllipsis.get(lang)).click();
    until(&mut h, |h| h.state().chooser().is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().chooser().is_none(), "Esc closes the chooser");
    assert!(h.state().existing.open, "and only the chooser");
    assert!(handle.requests().is_empty());

    h.get_by_label(&T::OpenEllipsis.get(lang)).click();
    until(&mut h, |h| h.state().chooser().is_some());
    h.run();
    assert!(focused(&h, name_field), "the name field has the focus");
    // A folder's name and Enter go into it, and the focus stays in the name
    // field for the next name (it used to be lost: what was typed next went
    // nowhere). Then back up one folder.
    h.get_by_label(name_field).type_text("Mail");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().chooser().map(|c| c.folder().to_path_buf()),
        Some(home.path().join("Mail"))
    );
    assert!(focused(&h, name_field), "the focus stays in the name field");
    h.get_by_label(&T::ParentFolder.get(lang)).click();
    h.run();
    assert_eq!(
        h.state().chooser().map(|c| c.folder().to_path_buf()),
        Some(home.path().to_path_buf())
    );
    h.get_by_label(name_field).focus();
    h.run();
    h.get_by_label(name_field).type_text(".msmtprc");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().chooser().is_some());
    assert!(
        has_text(&h, &ui_text::no_such_file(".msmtprc", lang)),
        "{:?}",
        texts(&h)
    );
    assert!(has_text(&h, "此資料夾中沒有「.msmtprc」。"));
    assert!(
        focused(&h, name_field),
        "the focus is back in the name field"
    );
    for _ in 0..".msmtprc".len() {
        h.key_press(egui::Key::Backspace);
    }
    h.get_by_label(name_field).type_text(".fetchmailrc");
    h.run();
    assert!(!has_text(&h, "此資料夾中沒有"), "{:?}", texts(&h));
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(focused(&h, &T::Open.get(lang)), "Tab goes to Open");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    finish_checks(&mut h, &handle);
    assert!(h.state().chooser().is_none());
    assert!(
        has_text(&h, "檔案中的設定：pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    assert_eq!(handle.requests().len(), 1);
}

/// A Thunderbird profile folder is opened as a whole from the open chooser.
#[test]
fn the_open_chooser_opens_a_thunderbird_profile_folder() {
    let lang = Lang::En;
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join("k3v9x2.default-release");
    std::fs::create_dir(&profile).unwrap();
    std::fs::copy(
        "tests/existing/thunderbird/Profiles/k3v9x2.default-release/prefs.js",
        profile.join("prefs.js"),
    )
    .unwrap();
    let (mut h, handle) = without_a_portal(lang, home.path());
    h.get_by_label(&T::OpenEllipsis.get(lang)).click();
    until(&mut h, |h| h.state().chooser().is_some());
    assert!(h.query_by_label(&T::OpenProfileFolder.get(lang)).is_none());
    h.get_by_label("k3v9x2.default-release/").click();
    h.run();
    h.get_by_label(&T::OpenProfileFolder.get(lang)).click();
    h.run_steps(3);
    finish_checks(&mut h, &handle);
    assert!(h.state().chooser().is_none());
    assert_eq!(
        h.get_by_label(&T::ExistingFileLabel.get(Lang::En)).value(),
        Some(profile.display().to_string())
    );
    assert!(has_text(&h, "Thunderbird"), "{:?}", texts(&h));
    assert!(
        has_text(&h, "The file says: pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    assert!(handle.requests().len() >= 2, "every account is checked");
}

/// "Save the fixed file…" with no portal used to do nothing at all (the
/// system dialog was asked without asking first whether one can answer,
/// and rfd returned at once as if cancelled): mailconf's own chooser opens,
/// with the usual name, and saves.
#[test]
fn save_the_fixed_file_without_a_portal_opens_mailconfs_own_chooser() {
    let lang = Lang::En;
    let home = home_with_fetchmailrc();
    let out = tempfile::tempdir().unwrap();
    let (mut h, handle) = without_a_portal(lang, out.path());
    // The window is open already: check_file's click on the entry reopens it.
    check_file(
        &mut h,
        &handle,
        lang,
        home.path().join(".fetchmailrc").to_str().unwrap(),
    );
    press_save_fixed(&mut h, Lang::En);
    until(&mut h, |h| h.state().chooser().is_some());
    assert_eq!(h.state().chooser().map(|c| c.mode()), Some(Mode::Save));
    assert_eq!(
        h.get_by_label(&T::FileName.get(lang)).value().as_deref(),
        Some(".fetchmailrc.mailconf-fixed")
    );
    h.get_by_label(&T::Save.get(lang)).click();
    until(&mut h, |h| has_text(h, "Saved:"));
    let fixed = out.path().join(".fetchmailrc.mailconf-fixed");
    // Said where the user looks: right below the button (it used to be at
    // the top of the window, scrolled out of sight).
    let saved = format!("Saved: {}", fixed.display());
    let button = h.get_by_label(&T::ExistingSaveFixed.get(Lang::En)).rect();
    let said = h.get_by_label(&saved).rect();
    assert!(
        said.top() >= button.bottom() - 1.0 && said.top() - button.bottom() < 40.0,
        "{said:?} is not below the button {button:?}"
    );
    let text = std::fs::read_to_string(&fixed).unwrap();
    assert!(text.contains("port 995") && text.contains("ssl"), "{text}");
    let mode = std::fs::metadata(&fixed).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn check_my_settings_explains_and_saves_the_fixed_file() {
    let dir = home_with_fetchmailrc();
    let rc = dir.path().join(".fetchmailrc");
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(Lang::En, bundled(), Some(Box::new(backend)));
    check_file(&mut h, &handle, Lang::En, rc.to_str().unwrap());
    // What the file says, the verdict, what to do, and what changed at 163.
    assert!(
        has_text(&h, "The file says: pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    assert!(
        has_text(&h, "insecure, and the login is refused"),
        "{:?}",
        texts(&h)
    );
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
    save_fixed_to(&mut h, &out);
    // Said where the user can read it: the window scrolls to it (it was
    // below the window's bottom edge, the Save button its last line).
    h.run_steps(3);
    let said = h.get_by_label_contains("Saved:").rect();
    let bottom = h.get_by_label("Resize window bottom edge").rect();
    assert!(
        said.max.y <= bottom.center().y,
        "the confirmation is below the window: {said:?} vs {bottom:?}"
    );
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
        has_text(&h, "Cannot read /nonexistent/mailconf/.fetchmailrc"),
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
    h.get_by_label(&T::ExistingEntry.get(Lang::En)).click();
    h.run();
    type_into(
        &mut h,
        &T::ExistingFileLabel.get(Lang::En),
        rc.to_str().unwrap(),
    );
    h.get_by_label(&T::ExistingCheck.get(Lang::En)).click();
    h.run_steps(3);
    assert!(h.state().existing.running(), "{:?}", texts(&h));
    // The main window's test, while the account's check waits (its spinner
    // keeps repainting: steps, not `run`).
    let field = mailconf::app::ui_text::T::EmailAddress.get(Lang::En);
    h.get_by_label(&field).focus();
    h.run_steps(2);
    h.get_by_label(&field).type_text("alice@qq.com");
    h.run_steps(2);
    // Enter in the address field (the window covers the button).
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(!h.state().existing.running(), "{:?}", texts(&h));
    assert!(
        has_text(&h, &T::ExistingStoppedForTest.get(Lang::En)),
        "{:?}",
        texts(&h)
    );
    assert!(!has_text(&h, "Testing…"), "{:?}", texts(&h));
    assert_eq!(handle.requests().len(), 2);
    // The main test gets its results.
    handle.release_all();
    until(&mut h, |h| !h.state().session.check.running);
    assert!(has_text(&h, "pop.qq.com:995"), "{:?}", texts(&h));
    // Check again: the file's account is checked to the end.
    h.get_by_label(&T::ExistingCheck.get(Lang::En)).click();
    h.run_steps(3);
    for _ in 0..10 {
        if !h.state().existing.running() {
            break;
        }
        handle.release_all();
        h.run_steps(3);
    }
    assert!(!h.state().existing.running(), "{:?}", texts(&h));
    assert!(
        !has_text(&h, &T::ExistingStoppedForTest.get(Lang::En)),
        "{:?}",
        texts(&h)
    );
    assert!(has_text(&h, "Verdict: works"), "{:?}", texts(&h));
}

/// The seed's fetchmailrc fixture (163 and QQ on 110, a skipped Sina entry),
/// checked in Simplified Chinese.
#[test]
fn check_my_settings_zh_hans() {
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build_sized(
        Lang::ZhHans,
        egui::Theme::Light,
        [1100.0, 900.0],
        Some(Box::new(backend)),
    );
    check_file(&mut h, &handle, Lang::ZhHans, "tests/existing/fetchmailrc");

    assert!(has_text(&h, "授权码"), "{:?}", texts(&h));
    // Chinese punctuation and words: no space after a full-width colon, no
    // ASCII colon and no English field name in the list of changes (they
    // read "结论： 可用但不安全" and "第 12 行: port 110 → 995").
    assert!(has_text(&h, "结论：不安全，且无法登录"), "{:?}", texts(&h));
    assert!(
        has_text(&h, "文件中的设置：pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    assert!(has_text(&h, "行：端口 110 → 995"), "{:?}", texts(&h));
    assert!(!has_text(&h, "port 110"), "{:?}", texts(&h));
    h.remove_cursor();
    h.run();
    h.snapshot("existing_check_zh_hans");
}

/// The open chooser in Simplified Chinese, on a folder made for it (a fixed
/// path, so the picture is the same on every machine): dot files shown.
#[test]
fn open_chooser_zh_hans() {
    let folder = std::path::PathBuf::from("/tmp/mailconf-open-chooser-snapshot");
    std::fs::create_dir_all(folder.join("Mail")).unwrap();
    std::fs::create_dir_all(folder.join("文档")).unwrap();
    for f in [".fetchmailrc", ".msmtprc", ".muttrc", "notes.txt"] {
        std::fs::write(folder.join(f), "").unwrap();
    }
    let lang = Lang::ZhHans;
    let (backend, _handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build_sized(
        lang,
        egui::Theme::Light,
        [1100.0, 760.0],
        Some(Box::new(backend)),
    );
    h.state_mut().set_chooser_folder(folder);
    h.state_mut().set_file_dialog(no_portal());
    h.get_by_label(&T::ExistingEntry.get(lang)).click();
    h.run();
    h.get_by_label(&T::OpenEllipsis.get(lang)).click();
    until(&mut h, |h| h.state().chooser().is_some());
    assert!(has_text(&h, "打开配置文件"), "{:?}", texts(&h));
    assert!(has_text(&h, ".fetchmailrc"));
    h.remove_cursor();
    h.run();
    h.snapshot("open_chooser_zh_hans");
}

/// A file that cannot be read, or that is no mail program's settings (say a
/// ~/.bashrc picked by mistake in Open…), is named with why, in the user's
/// language (it was said in English whatever the language).
#[test]
fn a_file_that_cannot_be_read_is_explained_in_the_users_language() {
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(Lang::ZhHans, bundled(), Some(Box::new(backend)));
    check_file(
        &mut h,
        &handle,
        Lang::ZhHans,
        "/nonexistent/mailconf/.fetchmailrc",
    );
    assert!(
        has_text(
            &h,
            "无法读取 /nonexistent/mailconf/.fetchmailrc：文件不存在。"
        ),
        "{:?}",
        texts(&h)
    );
    assert!(!has_text(&h, "annot read"), "{:?}", texts(&h));

    let home = tempfile::tempdir().unwrap();
    let bashrc = home.path().join(".bashrc");
    std::fs::write(&bashrc, "export PATH=$HOME/bin:$PATH\nalias ll='ls -l'\n").unwrap();
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(Lang::ZhHant, bundled(), Some(Box::new(backend)));
    check_file(&mut h, &handle, Lang::ZhHant, bashrc.to_str().unwrap());
    assert!(
        has_text(
            &h,
            &format!("{}：無法判斷這個檔案屬於哪個程式", bashrc.display())
        ),
        "{:?}",
        texts(&h)
    );
    assert!(!has_text(&h, "cannot tell"), "{:?}", texts(&h));
    assert!(handle.requests().is_empty());
}

/// "Also test the login" with accounts whose file holds no password: the
/// check stops at that account's card and asks for it there, as `mailconf
/// check --login` asks on the terminal (the app used to test such accounts
/// without a login and never ask). The field is labelled as the provider
/// calls it and has the keyboard; what is typed goes to that account's login
/// test only and is never on screen; "Check without the login" goes on
/// without one. In English and Chinese.
#[test]
fn the_login_test_asks_for_a_password_the_file_does_not_hold() {
    for lang in [Lang::En, Lang::ZhHans] {
        let dir = tempfile::tempdir().unwrap();
        let rc = dir.path().join(".fetchmailrc");
        std::fs::write(
            &rc,
            "poll pop.163.com proto pop3 port 110\n    user \"zhang@163.com\" there with password \"Web-Pa55-163\"\n\
             poll pop.qq.com proto pop3 port 110\n    user \"10001@qq.com\" there\n\
             poll pop.qq.com proto pop3 port 110\n    user \"10002@qq.com\" there\n",
        )
        .unwrap();
        let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
        let mut h = build(lang, bundled(), Some(Box::new(backend)));
        start_check(&mut h, lang, rc.to_str().unwrap(), true);
        finish_checks(&mut h, &handle);
        // The first account's login used the password in the file.
        let requests = handle.requests();
        assert_eq!(requests.len(), 1, "{lang:?}");
        assert_eq!(requests[0].username.as_deref(), Some("zhang@163.com"));
        assert!(requests[0].with_password);
        // The second waits for its password, asked for on its card.
        assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
        let on_screen = texts(&h);
        let asked = on_screen
            .iter()
            .filter(|t| t.contains("10001@qq.com"))
            .count();
        assert!(asked >= 2, "the card and the status line: {on_screen:?}");
        // QQ wants an authorization code: the field says so, and has the keyboard.
        let code = T::AuthorizationCode.get(lang);
        assert!(focused(&h, &code), "{lang:?}: {on_screen:?}");
        h.get_by_label(&code).type_text("qq-auth-code-xyz");
        h.run();
        assert!(!has_text(&h, "qq-auth-code-xyz"), "the code is on screen");
        h.get_by_label(&T::ExistingTestLogin.get(lang)).click();
        h.run_steps(3);
        let requests = handle.requests();
        assert_eq!(requests.len(), 2, "{:?}", texts(&h));
        assert_eq!(requests[1].username.as_deref(), Some("10001@qq.com"));
        assert!(requests[1].with_password);
        finish_checks(&mut h, &handle);
        // The third is asked for too; going on without its login.
        assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
        assert!(has_text(&h, "10002@qq.com"), "{:?}", texts(&h));
        h.get_by_label(&T::ExistingSkipLogin.get(lang)).click();
        h.run_steps(3);
        let requests = handle.requests();
        assert_eq!(requests.len(), 3, "{:?}", texts(&h));
        assert!(requests[2].username.is_none() && !requests[2].with_password);
        finish_checks(&mut h, &handle);
        assert!(!h.state().existing.waits_for_password());
        let button = T::ExistingTestLogin.get(lang);
        assert!(!texts(&h).contains(&button), "{:?}", texts(&h));
        assert!(!has_text(&h, "Web-Pa55-163") && !has_text(&h, "qq-auth-code-xyz"));
    }
}

/// The password asked for in Simplified Chinese: the QQ account's card with
/// its 授权码 field, waiting (a fixed path, so the picture is the same on
/// every machine).
#[test]
fn the_login_prompt_zh_hans() {
    let folder = std::path::PathBuf::from("/tmp/mailconf-login-prompt-snapshot");
    std::fs::create_dir_all(&folder).unwrap();
    let rc = folder.join(".fetchmailrc");
    std::fs::write(
        &rc,
        "# 2012\npoll pop.qq.com proto pop3 port 110\n    user \"10001@qq.com\" there is zhang here\n",
    )
    .unwrap();
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build_sized(
        Lang::ZhHans,
        egui::Theme::Light,
        [1100.0, 700.0],
        Some(Box::new(backend)),
    );
    start_check(&mut h, Lang::ZhHans, rc.to_str().unwrap(), true);
    finish_checks(&mut h, &handle);
    assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
    assert!(handle.requests().is_empty());
    assert!(
        has_text(&h, "文件中没有 10001@qq.com 的密码"),
        "{:?}",
        texts(&h)
    );
    h.get_by_label(&T::AuthorizationCode.get(Lang::ZhHans))
        .type_text("abcd");
    h.remove_cursor();
    h.run();
    h.snapshot("existing_login_prompt_zh_hans");
}

/// The Thunderbird profiles found under the usual place are listed when the
/// window opens (a profile whose folder is gone is not); pressing one checks
/// its accounts. Thunderbird keeps no password in prefs.js, so with "Also test
/// the login" each account asks for its own. The fix is a `user.js` fragment
/// with the steps to apply it; prefs.js is never written.
#[test]
fn a_detected_thunderbird_profile_is_listed_and_checked() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(
        root.path().join("profiles.ini"),
        "[Profile1]\nName=gone\nIsRelative=1\nPath=Profiles/gone.default\n\n\
         [Profile0]\nName=default-release\nIsRelative=1\nPath=Profiles/k3v9x2.default-release\nDefault=1\n\n\
         [General]\nStartWithLastProfile=1\nVersion=2\n",
    )
    .unwrap();
    let profile = root.path().join("Profiles/k3v9x2.default-release");
    std::fs::create_dir_all(&profile).unwrap();
    let prefs_path = profile.join("prefs.js");
    std::fs::copy(
        "tests/existing/thunderbird/Profiles/k3v9x2.default-release/prefs.js",
        &prefs_path,
    )
    .unwrap();
    let prefs = std::fs::read(&prefs_path).unwrap();
    let lang = Lang::En;
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(lang, bundled(), Some(Box::new(backend)));
    h.state_mut()
        .existing
        .look_for_profiles_in(vec![root.path().to_path_buf()]);
    h.get_by_label(&T::ExistingEntry.get(lang)).click();
    h.run();
    assert!(
        has_text(&h, &T::ExistingProfilesFound.get(lang)),
        "{:?}",
        texts(&h)
    );
    let button = format!("default-release — {}", profile.display());
    assert!(texts(&h).contains(&button), "{:?}", texts(&h));
    assert!(!has_text(&h, "gone —"), "{:?}", texts(&h));
    h.get_by_label(&T::ExistingAlsoLogin.get(lang)).click();
    h.run();
    h.get_by_label(&button).click();
    h.run_steps(3);
    // The first account to test (163's POP3 on 110) asks for its password.
    assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
    assert!(handle.requests().is_empty());
    let mut asked = Vec::new();
    for _ in 0..8 {
        if !h.state().existing.waits_for_password() {
            finish_checks(&mut h, &handle);
            if !h.state().existing.waits_for_password() {
                break;
            }
        }
        asked.push(handle.requests().len());
        h.get_by_label(&T::ExistingSkipLogin.get(lang)).click();
        h.run_steps(3);
    }
    let requests = handle.requests();
    assert!(requests.len() >= 3, "{requests:?}");
    assert_eq!(asked.len(), requests.len(), "each account asked once");
    assert!(requests.iter().all(|r| !r.with_password));
    assert!(
        requests
            .iter()
            .any(|r| r.plan.endpoints[0].host == "pop.163.com" && r.plan.endpoints[0].port == 110)
    );
    assert!(
        has_text(&h, "The file says: pop.163.com:110"),
        "{:?}",
        texts(&h)
    );
    // The fix: a user.js fragment and its steps; prefs.js is untouched.
    assert!(has_text(&h, "user.js"), "{:?}", texts(&h));
    // Without a portal, mailconf's own chooser suggests the place the steps
    // name, the profile's user.js, while there is none.
    h.state_mut().set_file_dialog(no_portal());
    press_save_fixed(&mut h, lang);
    until(&mut h, |h| h.state().chooser().is_some());
    assert_eq!(
        h.get_by_label(&T::FileName.get(lang)).value().as_deref(),
        Some("user.js")
    );
    h.get_by_label(&T::Save.get(lang)).click();
    until(&mut h, |h| has_text(h, "Saved:"));
    let user_js = std::fs::read_to_string(profile.join("user.js")).unwrap();
    assert!(
        user_js.contains("user_pref(\"mail.server.server2.socketType\", 3);"),
        "{user_js}"
    );
    // With a user.js there, the suggestion is a new file next to it.
    h.get_by_label(&T::ExistingSaveFixed.get(lang)).click();
    until(&mut h, |h| h.state().chooser().is_some());
    assert_eq!(
        h.get_by_label(&T::FileName.get(lang)).value().as_deref(),
        Some("user.js.mailconf-fixed")
    );
    // The chooser's Cancel (the main form has one too).
    h.get_all_by_label(&T::Cancel.get(lang))
        .last()
        .unwrap()
        .click();
    h.run();
    assert!(h.state().chooser().is_none());
    let out = root.path().join("user.js.fragment");
    save_fixed_to(&mut h, &out);
    let fragment = std::fs::read_to_string(&out).unwrap();
    assert!(
        fragment.contains("user_pref(\"mail.server.server2.socketType\", 3);"),
        "{fragment}"
    );
    assert_eq!(
        std::fs::read(&prefs_path).unwrap(),
        prefs,
        "prefs.js was written"
    );
}

/// The app with the real engine and the harness's Dovecot, as a user would:
/// a fetchmailrc from an old help page (POP3 on 110 without TLS, no password
/// in it), "Also test the login", the password typed when the check asks.
/// The window says what is wrong (insecure, the login refused before TLS),
/// the login over TLS works, and the fixed file it saves is one fetchmail
/// itself reads and logs in with (its password from ~/.netrc, as fetchmail
/// looks there when the file holds none).
#[test]
fn the_app_fixes_a_fetchmailrc_that_fetchmail_then_logs_in_with() {
    let s = crate::servers::Servers::get();
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join(".fetchmailrc");
    let text = format!(
        "# from an old help page\nset no bouncemail\n\npoll {host} with proto POP3 port {port}\n    user \"{user}\" there is alice here\n    keep sslproto '' sslcertfile \"{ca}\"\n",
        host = s.host,
        port = s.port(110),
        user = s.user,
        ca = s.ca.display()
    );
    std::fs::write(&rc, &text).unwrap();
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();
    let lang = Lang::En;
    let mut h = crate::gui::real_engine(&s, bundled(), lang, [1100.0, 800.0]);
    start_check(&mut h, lang, rc.to_str().unwrap(), true);
    assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
    // The main form has a Password field too: the window's has the keyboard.
    h.get_all_by_label(&T::Password.get(lang))
        .find(|n| n.is_focused())
        .expect("the window's password field has the keyboard")
        .type_text(&s.pass);
    h.run();
    h.get_by_label(&T::ExistingTestLogin.get(lang)).click();
    // The click is taken at the next frame: the test starts there.
    h.run_steps(1);
    crate::gui::until_within(&mut h, 60, |h| !h.state().existing.running());
    h.run_steps(2);
    let on_screen = texts(&h);
    assert!(
        !on_screen.iter().any(|t| t.contains(&s.pass)),
        "the password is on screen"
    );
    // What is wrong, and why: plaintext on 110, the login refused before TLS.
    assert!(
        has_text(&h, "insecure, and the login is refused"),
        "{on_screen:?}"
    );
    assert!(has_text(&h, "login OK"), "{on_screen:?}");
    // Save the fixed file; fetchmail reads it and logs in.
    let fixed = dir.path().join("fetchmailrc.fixed");
    save_fixed_to(&mut h, &fixed);
    let after = std::fs::read_to_string(&fixed).unwrap();
    assert!(after.contains(&format!("port {}", s.port(995))), "{after}");
    assert!(
        after.starts_with("# from an old help page\nset no bouncemail\n"),
        "{after}"
    );
    let netrc = dir.path().join(".netrc");
    std::fs::write(
        &netrc,
        format!(
            "machine {} login {} password \"{}\"\n",
            s.host, s.user, s.pass
        ),
    )
    .unwrap();
    std::fs::set_permissions(&netrc, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, log) = crate::roundtrip::fetchmail(&s, dir.path(), &fixed, &["--check"]);
    assert!(
        matches!(code, Some(0 | 1)),
        "the fixed file did not log in ({code:?}):\n{log}"
    );
}

/// A check waiting for a password stops, and says why, when Test connection
/// starts in the main window: answered later, it would take the app's one
/// backend back from that test.
#[test]
fn test_connection_stops_a_check_that_waits_for_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join(".fetchmailrc");
    std::fs::write(
        &rc,
        "poll pop.qq.com proto pop3 port 110\n    user \"10001@qq.com\" there\n",
    )
    .unwrap();
    let lang = Lang::En;
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(lang, bundled(), Some(Box::new(backend)));
    start_check(&mut h, lang, rc.to_str().unwrap(), true);
    finish_checks(&mut h, &handle);
    assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
    let field = T::EmailAddress.get(lang);
    h.get_by_label(&field).focus();
    h.run_steps(2);
    h.get_by_label(&field).type_text("alice@qq.com");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(!h.state().existing.waits_for_password(), "{:?}", texts(&h));
    assert!(
        has_text(&h, &T::ExistingStoppedForTest.get(lang)),
        "{:?}",
        texts(&h)
    );
    let button = T::ExistingTestLogin.get(lang);
    assert!(!texts(&h).contains(&button), "{:?}", texts(&h));
    // Only the main window's test was started.
    assert_eq!(handle.requests().len(), 1);
    assert_eq!(handle.requests()[0].username.as_deref(), None);
}

/// Two accounts of one user (a mail program's POP3 and IMAP, or POP3 and
/// SMTP, share a password): once typed for the first, the second offers it
/// by the server it was typed for, and uses it only when asked. A third
/// user is not offered it.
#[test]
fn a_password_typed_for_one_account_is_offered_for_the_same_users_next() {
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join(".fetchmailrc");
    std::fs::write(
        &rc,
        "poll pop.163.com proto pop3 port 110\n    user \"zhang@163.com\" there\n\
         poll imap.163.com proto imap port 143\n    user \"zhang@163.com\" there\n\
         poll pop.qq.com proto pop3 port 110\n    user \"10001@qq.com\" there\n",
    )
    .unwrap();
    let lang = Lang::ZhHans;
    let (backend, handle) = FakeCheck::new(bundled(), Box::new(today), Pace::Manual);
    let mut h = build(lang, bundled(), Some(Box::new(backend)));
    start_check(&mut h, lang, rc.to_str().unwrap(), true);
    finish_checks(&mut h, &handle);
    let offer = "使用刚才为 pop.163.com 输入的密码";
    assert!(!has_text(&h, offer), "nothing typed yet: {:?}", texts(&h));
    h.get_by_label(&T::AuthorizationCode.get(lang))
        .type_text("163-auth-code");
    h.run();
    h.get_by_label(&T::ExistingTestLogin.get(lang)).click();
    h.run_steps(3);
    finish_checks(&mut h, &handle);
    // imap.163.com, the same user: offered, not used until pressed.
    assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
    assert_eq!(handle.requests().len(), 1);
    h.get_by_label(offer).click();
    h.run_steps(3);
    let requests = handle.requests();
    assert_eq!(requests.len(), 2, "{:?}", texts(&h));
    assert_eq!(requests[1].username.as_deref(), Some("zhang@163.com"));
    assert!(requests[1].with_password);
    finish_checks(&mut h, &handle);
    // Another user: asked, not offered zhang's.
    assert!(h.state().existing.waits_for_password(), "{:?}", texts(&h));
    assert!(has_text(&h, "10001@qq.com"));
    assert!(!has_text(&h, offer), "{:?}", texts(&h));
    assert!(!has_text(&h, "163-auth-code"));
}
