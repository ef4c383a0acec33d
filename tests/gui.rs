//! The desktop app, driven through its AccessKit tree with egui_kittest: no
//! display, no GPU. The probe engine is replaced by a [`ScriptedBackend`] whose
//! events the tests release one by one.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use mailconf::app::backend::{
    CertInfo, CertVerdict, Event, EventKind, FailReason, InsecureReason, Outcome, Pace,
    ProbeRequest, ScriptHandle, ScriptedBackend, Verdict,
};
use mailconf::app::discovery::{DiscoveryBackend, DiscoveryHandle, ScriptedDiscovery};
use mailconf::app::state::Persisted;
use mailconf::app::text::T;
use mailconf::app::{self, AppOptions, MailconfApp};
use mailconf::discover::{
    Candidate, Discovery, Finding, Outcome as DiscoveryOutcome, ProviderInfo, SourceKind,
};
use mailconf::i18n::Lang;
use mailconf::providers::{Database, Protocol, Security, Server};

type App = Harness<'static, MailconfApp>;

fn build(lang: Lang, db: Database, backend: Option<ScriptedBackend>) -> App {
    build_with(lang, db, backend, None)
}

fn build_with(
    lang: Lang,
    db: Database,
    backend: Option<ScriptedBackend>,
    discovery: Option<Box<dyn DiscoveryBackend>>,
) -> App {
    let mut h = Harness::builder()
        .with_size([1100.0, 800.0])
        .with_context_setup(app::install_fonts)
        .build_eframe(move |cc| {
            MailconfApp::new(
                cc,
                AppOptions {
                    discovery,
                    database: db,
                    backend: backend.map(|b| Box::new(b) as _),
                    lang: Some(lang),
                    persisted: Some(Persisted::default()),
                },
            )
        });
    h.run();
    h
}

fn plain(lang: Lang) -> App {
    build(lang, Database::bundled().clone(), None)
}

/// Outcomes in a fixed order of arrival: endpoint 5 (SMTP 465) first, then 2
/// (POP3 995), 7 (IMAP 993), 0 (POP3 110 plain), 3 (SMTP 25, blocked), then the rest.
fn script(req: &ProbeRequest) -> Vec<(usize, Outcome)> {
    let mut order = vec![5, 2, 7, 0, 3, 1, 4, 6];
    order.extend(8..req.endpoints.len());
    order
        .into_iter()
        .filter(|&i| i < req.endpoints.len())
        .map(|i| {
            let e = &req.endpoints[i];
            let mut o = match (e.protocol, e.port, e.security) {
                (_, _, Security::Plain) => {
                    Outcome::new(Verdict::Insecure(InsecureReason::PlainPort))
                }
                (Protocol::Smtp, 25, _) => Outcome::new(Verdict::Blocked),
                (Protocol::Pop3, 110, Security::Starttls) => {
                    Outcome::new(Verdict::Insecure(InsecureReason::StarttlsNotOffered))
                }
                (_, 587, _) => Outcome::new(Verdict::Failed(FailReason::Refused)),
                _ => Outcome::new(Verdict::Secure),
            };
            o.latency_ms = Some(10 + i as u64);
            if o.verdict == Verdict::Secure {
                o.tls_version = Some("TLS 1.3".into());
                o.cert = Some(CertInfo {
                    verdict: CertVerdict::Trusted,
                    subject: format!("CN={}", e.host),
                    issuer: "CN=Test CA".into(),
                    names: vec![e.host.clone()],
                    not_before: "2026-01-01".into(),
                    not_after: "2027-01-01".into(),
                    sha256: "AB:CD".into(),
                });
                o.caps_before = vec!["USER".into(), "UIDL".into()];
                o.transcript = vec!["S: +OK ready".into(), "C: QUIT".into()];
            }
            (i, o)
        })
        .collect()
}

fn scripted(lang: Lang) -> (App, ScriptHandle) {
    let (backend, handle) = ScriptedBackend::new(Box::new(script), Pace::Manual);
    (
        build(lang, Database::bundled().clone(), Some(backend)),
        handle,
    )
}

/// Every label and value in the AccessKit tree.
fn texts(h: &App) -> Vec<String> {
    h.root()
        .children_recursive()
        .flat_map(|n| {
            let a = n.accesskit_node();
            [a.label(), a.value()]
        })
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn has_text(h: &App, needle: &str) -> bool {
    texts(h).iter().any(|t| t.contains(needle))
}

fn type_into(h: &mut App, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn address(h: &mut App, lang: Lang, text: &str) {
    type_into(h, T::EmailAddress.get(lang), text);
}

/// Runs frames (in real time, the work is on other threads) until `done`, for
/// at most 10 s; fails the test when it never happens.
fn until(h: &mut App, done: impl Fn(&App) -> bool) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "timed out; on screen: {:?}",
            texts(h)
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run_ok();
}

/// Frames run while spinners turn (`run` would wait for them forever); enough
/// for the scroll to the results to finish.
fn frames(h: &mut App) {
    h.run_steps(8);
}

#[test]
fn address_field_has_focus_at_start() {
    let h = plain(Lang::En);
    assert!(h.get_by_label(T::EmailAddress.get(Lang::En)).is_focused());
}

#[test]
fn typing_163_shows_the_netease_card_in_chinese() {
    let mut h = plain(Lang::ZhHans);
    address(&mut h, Lang::ZhHans, "alice@163.com");
    assert!(h.query_all_by_label("网易163邮箱").next().is_some());
    assert!(has_text(&h, "需要设置"), "status needs-setup");
    assert!(has_text(&h, "客户端授权码"), "auth kind");
    assert!(
        has_text(&h, "设置 → POP3/SMTP/IMAP"),
        "setup hint in Chinese"
    );
    // The password field is now called 授权码, and the username is filled in.
    assert!(
        h.query_by_label(T::AuthorizationCode.get(Lang::ZhHans))
            .is_some()
    );
    assert_eq!(
        h.get_by_label(T::Username.get(Lang::ZhHans))
            .value()
            .as_deref(),
        Some("alice@163.com")
    );
}

#[test]
fn typing_163_in_english_says_authorization_code() {
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    assert!(h.query_all_by_label("NetEase 163 Mail").next().is_some());
    assert!(has_text(&h, "authorization code"));
    assert!(has_text(&h, "needs setup"));
    assert!(h.query_by_label("Authorization code").is_some());
    // The help link is there (it opens in the browser through ctx.open_url).
    assert!(h.query_by_label("Client settings help").is_some());
}

#[test]
fn qq_local_part_username_and_unknown_domains() {
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "bob@nowhere-mailconf.example");
    assert!(has_text(
        &h,
        "not in the database; discovery will look it up"
    ));
    let mut h = plain(Lang::ZhHant);
    address(&mut h, Lang::ZhHant, "bob@nowhere-mailconf.example");
    assert!(has_text(&h, "資料庫中沒有"));
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "al ice@163.com");
    assert!(has_text(&h, "contains a space"));
}

fn list_labels(h: &App) -> Vec<String> {
    // Provider list entries are buttons whose label is name + domain.
    h.root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

#[test]
fn search_the_list_in_chinese_and_english() {
    let mut h = plain(Lang::ZhHans);
    let search = T::Search.get(Lang::ZhHans);
    type_into(&mut h, search, "网易");
    let l = list_labels(&h);
    assert!(l.iter().any(|s| s.contains("网易163邮箱")), "{l:?}");
    assert!(l.iter().any(|s| s.contains("网易126邮箱")), "{l:?}");
    assert!(!l.iter().any(|s| s.contains("QQ邮箱")), "{l:?}");

    let mut h = plain(Lang::ZhHant);
    type_into(&mut h, T::Search.get(Lang::ZhHant), "騰訊");
    let l = list_labels(&h);
    assert!(l.iter().any(|s| s.contains("QQ郵箱")), "{l:?}");
    assert!(l.iter().any(|s| s.contains("騰訊企業郵箱")), "{l:?}");

    let mut h = plain(Lang::En);
    type_into(&mut h, "Search", "qq");
    let l = list_labels(&h);
    let qq = l.iter().position(|s| s.contains("QQ Mail"));
    let exmail = l.iter().position(|s| s.contains("Tencent Exmail"));
    assert!(qq.is_some() && qq < exmail, "best match first: {l:?}");

    let mut h = plain(Lang::En);
    type_into(&mut h, "Search", "163");
    let l = list_labels(&h);
    assert!(l.iter().any(|s| s.contains("NetEase 163 Mail")), "{l:?}");
}

#[test]
fn picking_a_provider_fills_the_domain_or_selects_it() {
    let mut h = plain(Lang::En);
    type_into(&mut h, "Search", "qq");
    h.get_by_label_contains("QQ Mail (Tencent").click();
    h.run();
    // No address: the provider is selected, its card shown.
    assert_eq!(h.get_by_label("Email address").value().as_deref(), Some(""));
    assert!(has_text(&h, "Chosen from the list"));
    assert!(
        h.query_by_label("QQ Mail (Tencent, incl. Foxmail)")
            .is_some(),
        "the card"
    );

    address(&mut h, Lang::En, "alice");
    h.get_by_label_contains("QQ Mail (Tencent").click();
    h.run();
    assert_eq!(
        h.get_by_label("Email address").value().as_deref(),
        Some("alice@qq.com")
    );
}

fn result_labels(h: &App, lang: Lang) -> Vec<String> {
    let words = [
        T::Testing,
        T::Secure,
        T::Insecure,
        T::Failed,
        T::Blocked,
        T::Cancelled,
    ]
    .map(|t| t.get(lang));
    h.root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
        .filter_map(|n| n.accesskit_node().value())
        .filter(|l| words.iter().any(|w| l.starts_with(w)))
        .collect()
}

#[test]
fn test_connection_rows_appear_at_once_and_fill_in_order_of_arrival() {
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    let reqs = handle.requests();
    assert_eq!(reqs.len(), 1);
    let n = reqs[0].endpoints.len();
    assert_eq!(n, 9, "8 standard endpoints + SMTP 994 of NetEase");
    assert_eq!(reqs[0].address.as_deref(), Some("alice@163.com"));
    // Every row is there at once, pending.
    let l = result_labels(&h, Lang::En);
    assert_eq!(l.len(), n, "{l:?}");
    assert!(l.iter().all(|s| s == "testing…"));
    assert!(has_text(&h, "0 of 9 done"));

    // First arrival: SMTP 465 (row 5).
    handle.release(1);
    frames(&mut h);
    let l = result_labels(&h, Lang::En);
    assert_eq!(l[5], "secure", "{l:?}");
    assert_eq!(l.iter().filter(|s| *s == "testing…").count(), n - 1);
    assert!(has_text(&h, "1 of 9 done"));

    // Then POP3 995 (row 2), IMAP 993 (7), POP3 110 plain (0), SMTP 25 (3).
    handle.release(4);
    frames(&mut h);
    let l = result_labels(&h, Lang::En);
    assert_eq!(l[2], "secure");
    assert_eq!(l[7], "secure");
    assert!(l[0].starts_with("insecure"), "{l:?}");
    assert!(l[3].starts_with("blocked"), "{l:?}");
    assert_eq!(l[1], "testing…");
    assert!(has_text(&h, "5 of 9 done"));

    handle.release_all();
    h.run();
    let l = result_labels(&h, Lang::En);
    assert!(!l.iter().any(|s| s == "testing…"), "{l:?}");
    assert!(l[4].starts_with("failed"), "{l:?}");
    assert!(has_text(&h, "9 of 9 done"));
    // The summary recommends implicit TLS.
    assert!(has_text(&h, "POP3: use pop.163.com:995 TLS"));
    assert!(has_text(&h, "SMTP: use smtp.163.com:465 TLS"));
    assert!(has_text(&h, "IMAP: use imap.163.com:993 TLS"));
    // Nothing animates any more: the app sleeps until the next input.
    assert_eq!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        std::time::Duration::MAX
    );
}

#[test]
fn rows_expand_to_show_details() {
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    assert!(h.query_by_label("Subject").is_none());
    h.get_by_label("Show details POP3 995 TLS").click();
    h.run();
    assert!(h.query_by_label("Subject").is_some());
    assert!(has_text(&h, "CN=pop.163.com"));
    assert!(has_text(&h, "S: +OK ready"));
    h.get_by_label("Hide details POP3 995 TLS").click();
    h.run();
    assert!(h.query_by_label("Subject").is_none());
}

#[test]
fn cancel_stops_and_marks_the_rest() {
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release(2);
    frames(&mut h);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(handle.cancels(), 1);
    assert!(has_text(&h, "cancelled after 2 of 9"));
    let l = result_labels(&h, Lang::En);
    assert_eq!(l.iter().filter(|s| *s == "cancelled").count(), 7, "{l:?}");
    // A late result of the cancelled test does not show up.
    handle.inject(Event {
        generation: handle.generation(),
        kind: EventKind::Finished {
            index: 1,
            outcome: Box::new(Outcome::new(Verdict::Secure)),
        },
    });
    h.run();
    assert_eq!(result_labels(&h, Lang::En)[1], "cancelled");
}

#[test]
fn a_new_test_supersedes_the_old_one_and_stale_events_are_dropped() {
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    let first = handle.generation();
    h.get_by_label("Test connection").click();
    frames(&mut h);
    assert_eq!(handle.requests().len(), 2);
    assert_eq!(
        handle.cancels(),
        1,
        "starting again cancels the running test"
    );
    assert!(handle.generation() > first);
    handle.inject(Event {
        generation: first,
        kind: EventKind::Finished {
            index: 0,
            outcome: Box::new(Outcome::new(Verdict::Secure)),
        },
    });
    frames(&mut h);
    let l = result_labels(&h, Lang::En);
    assert!(l.iter().all(|s| s == "testing…"), "{l:?}");
}

#[test]
fn enter_starts_the_test_and_escape_cancels_it() {
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.key_press(egui::Key::Enter);
    frames(&mut h);
    assert_eq!(handle.requests().len(), 1);
    h.key_press(egui::Key::Escape);
    frames(&mut h);
    assert_eq!(handle.cancels(), 1);
    assert!(has_text(&h, "cancelled after 0 of 9"));
}

#[test]
fn tab_moves_through_the_form() {
    let mut h = plain(Lang::En);
    assert!(h.get_by_label("Email address").is_focused());
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Username").is_focused());
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label("Password").is_focused());
}

#[test]
fn test_button_needs_a_target_and_an_engine() {
    let (mut h, handle) = scripted(Lang::En);
    h.get_by_label("Test connection").click();
    h.run();
    assert!(handle.requests().is_empty());
    // Picking a provider without an address is enough.
    type_into(&mut h, "Search", "126");
    h.get_by_label_contains("NetEase 126 Mail").click();
    h.run();
    h.get_by_label("Test connection").click();
    frames(&mut h);
    let reqs = handle.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].address, None);
    assert_eq!(reqs[0].endpoints[0].host, "pop.126.com");

    // No engine in this build: the button is disabled and says why.
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    assert!(has_text(&h, T::EngineMissing.get(Lang::En)));
}

/// ASCII words allowed on a Chinese screen: protocol and technology names, brand
/// names, and words of server replies quoted in provider hints.
const ALLOWED: &[&str] = &[
    "POP3",
    "SMTP",
    "IMAP",
    "TLS",
    "STARTTLS",
    "STLS",
    "SSL",
    "MX",
    "SRV",
    "DNS",
    "HTTP",
    "ID",
    "RFC",
    "OAuth2",
    "SHA",
    "Unsafe",
    "Login",
    "SMS",
    "Thunderbird",
    "ISPDB",
    "mailconf",
    "English",
    "Enter",
    "Esc",
    "Delta",
    "Chat",
    // The Export window: format ids, the programs and devices they are for,
    // and their file formats.
    "fetchmail",
    "fetchmailrc",
    "getmail",
    "getmail6",
    "getmailrc",
    "msmtp",
    "msmtprc",
    "mutt",
    "neomutt",
    "muttrc",
    "thunderbird",
    "isp",
    "outlook",
    "Outlook",
    "autodiscover",
    "Autodiscover",
    "apple",
    "Apple",
    "mobileconfig",
    "Mac",
    "macOS",
    "iPhone",
    "iPad",
    "summary",
    "json",
    "JSON",
    "xml",
    "XML",
    "POX",
    "POST",
    "Markdown",
    // Host name prefixes in a provider hint (Tencent Exmail's overseas servers).
    "hwpop",
    "hwimap",
];

/// Data that is the same in every language: provider names (imported entries
/// have only an English one), and hosts, domains, addresses and URLs.
fn strip_data(text: &str, db: &Database) -> String {
    // Commands in backticks are typed as they are.
    let mut t = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            t.push_str(part);
        }
        t.push(' ');
    }
    let mut names: Vec<String> = db
        .entries()
        .iter()
        .flat_map(|e| {
            let p = &e.provider;
            [
                p.name.en.clone(),
                p.name.zh_hans.clone(),
                p.name.zh_hant.clone(),
            ]
        })
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        t = replace_whole(&t, &n);
    }
    // Runs of ASCII with a dot, @, slash, colon or = inside are hosts, addresses, URLs.
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let inner = run.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if !inner.contains(['.', '@', '/', ':', '=']) {
            out.push_str(run);
        }
        out.push(' ');
        run.clear();
    };
    for c in t.chars() {
        if c.is_ascii_graphic() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Removes `needle` where it is not part of a longer ASCII word (`mail.com` is a
/// provider name, but not inside `fastmail.com`).
fn replace_whole(text: &str, needle: &str) -> String {
    if needle.is_empty() {
        return text.to_owned();
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(needle) {
        let before = rest[..i].chars().next_back().or(out.chars().next_back());
        let after = rest[i + needle.len()..].chars().next();
        out.push_str(&rest[..i]);
        if word(before) || word(after) {
            out.push_str(needle);
        } else {
            out.push(' ');
        }
        rest = &rest[i + needle.len()..];
    }
    out.push_str(rest);
    out
}

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !ALLOWED.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Texts on screen with English words left after names and data are taken out.
fn english_leftovers(h: &App) -> Vec<(String, Vec<String>)> {
    let db = Database::bundled();
    texts(h)
        .into_iter()
        .filter_map(|t| {
            let words = english_words(&strip_data(&t, db));
            (!words.is_empty()).then_some((t, words))
        })
        .collect()
}

fn assert_no_english(h: &App, state: &str) {
    let leftovers = english_leftovers(h);
    assert!(
        leftovers.is_empty(),
        "English left on the Chinese screen ({state}): {leftovers:#?}"
    );
}

#[test]
fn switching_to_chinese_leaves_no_english_on_screen() {
    use mailconf::app::command::Command;
    use mailconf::export::Format;
    let (mut h, handle, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    let english = texts(&h);
    assert!(english.iter().any(|t| t == "Test connection"));

    // Switch through the menu, as a user would.
    h.get_by_label("🌐 Language").click();
    h.run();
    h.get_by_label("简体中文").click();
    h.run();
    assert!(h.query_by_label("测试连接").is_some());
    assert_eq!(h.state().persisted().lang, Some(Lang::ZhHans), "remembered");

    assert_no_english(&h, "results");
    // Every UI string that differs between the languages changed.
    for t in T::ALL {
        let en = t.get(Lang::En);
        if en != t.get(Lang::ZhHans) {
            assert!(
                !texts(&h).iter().any(|s| s == en),
                "{t:?} still shows {en:?}"
            );
        }
    }

    // The other states, in Chinese too. The save dialog open:
    let (answer, _) = gated(&mut h);
    h.state_mut().push(Command::OpenExport);
    h.run();
    h.state_mut().push(Command::ExportSave(Format::Fetchmail));
    h.run();
    assert!(has_text(&h, T::WaitingForSaveDialog.get(Lang::ZhHans)));
    assert_no_english(&h, "save dialog open");
    answer.send(None).unwrap();
    until(&mut h, |h| {
        !has_text(h, T::WaitingForSaveDialog.get(Lang::ZhHans))
    });
    h.state_mut().push(Command::CloseExport);
    h.run();
    // Discovery: looking up, found by MX, found by autoconfig, nothing found.
    retype_address(&mut h, "boss@bigcorp-mailconf.example");
    h.run_steps(3);
    assert!(has_text(&h, "正在查找 bigcorp-mailconf.example 的设置"));
    assert_no_english(&h, "looking up");
    lookups.answer(1, found_by_mx("boss@bigcorp-mailconf.example"));
    h.run();
    assert!(has_text(&h, "通过 MX mxbiz1.qq.com"));
    assert_no_english(&h, "found by MX");
    retype_address(&mut h, "me@small-isp-mailconf.example");
    h.run_steps(3);
    lookups.answer(2, found_by_autoconfig("me@small-isp-mailconf.example"));
    h.run();
    assert!(has_text(&h, T::DiscoveredNote.get(Lang::ZhHans)));
    assert_no_english(&h, "found by autoconfig");
    retype_address(&mut h, "me@nowhere-mailconf.example");
    h.run_steps(3);
    lookups.answer(3, nothing_found("me@nowhere-mailconf.example"));
    h.run();
    assert!(has_text(&h, T::NothingFoundWhatToDo.get(Lang::ZhHans)));
    assert_no_english(&h, "nothing found");
    // A server's name instead of an address.
    retype_address(&mut h, "mail.nowhere-mailconf.example");
    assert!(has_text(&h, "没有 @"));
    assert_no_english(&h, "host name");
    retype_address(&mut h, "alice@163.com");
    h.run();

    // And back to Traditional.
    h.get_by_label("🌐 语言").click();
    h.run();
    h.get_by_label("繁體中文").click();
    h.run();
    assert!(h.query_by_label("測試連線").is_some());
    assert!(has_text(&h, "網易163郵箱"));
}

#[test]
fn a_broken_user_provider_file_is_reported_and_dismissable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"id\": \"broken\",\n  \"name\": 5\n}\n",
    )
    .unwrap();
    let db = Database::load(Some(dir.path()));
    assert_eq!(db.warnings.len(), 1);
    let mut h = build(Lang::En, db, None);
    assert!(has_text(&h, "have errors and were skipped"));
    assert!(has_text(&h, "broken.json, line 3"), "{:?}", texts(&h));
    // The app still works.
    address(&mut h, Lang::En, "alice@163.com");
    assert!(h.query_all_by_label("NetEase 163 Mail").next().is_some());
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(!has_text(&h, "broken.json"));
}

#[test]
fn the_password_is_masked_and_never_persisted() {
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    type_into(&mut h, "Authorization code", "s3cr3t-code");
    assert_ne!(
        h.get_by_label("Authorization code").value().as_deref(),
        Some("s3cr3t-code")
    );
    h.get_by_label("Show").click();
    h.run();
    assert_eq!(
        h.get_by_label("Authorization code").value().as_deref(),
        Some("s3cr3t-code")
    );
    let app = h.state();
    assert_eq!(app.session.password.expose(), "s3cr3t-code");
    let saved = app.persisted();
    assert_eq!(saved.last_address, "alice@163.com");
    let json = serde_json::to_string(&saved).unwrap();
    assert!(!json.contains("s3cr3t"), "{json}");
    assert!(!format!("{:?}", app.session).contains("s3cr3t"));
}

#[test]
fn the_last_address_and_language_come_back() {
    let persisted = Persisted {
        last_address: "bob@qq.com".into(),
        lang: Some(Lang::ZhHant),
        ..Persisted::default()
    };
    let mut h = Harness::builder()
        .with_size([1100.0, 800.0])
        .with_context_setup(app::install_fonts)
        .build_eframe(move |cc| {
            MailconfApp::new(
                cc,
                AppOptions {
                    discovery: None,
                    database: Database::bundled().clone(),
                    backend: None,
                    lang: None,
                    persisted: Some(persisted),
                },
            )
        });
    h.run();
    assert_eq!(
        h.get_by_label(T::EmailAddress.get(Lang::ZhHant))
            .value()
            .as_deref(),
        Some("bob@qq.com")
    );
    assert!(has_text(&h, "QQ郵箱"));
    // The username is filled in from the remembered address.
    assert_eq!(
        h.get_by_label(T::Username.get(Lang::ZhHant))
            .value()
            .as_deref(),
        Some("bob@qq.com")
    );
}

#[test]
fn idle_means_no_repaint() {
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.run();
    assert_eq!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        std::time::Duration::MAX
    );
}

/// Image snapshots of the main states, rendered with wgpu (Mesa lavapipe or
/// llvmpipe here: `mesa-vulkan-drivers libvulkan1 libegl1 libegl-mesa0
/// libgl1-mesa-dri`). References live in `tests/snapshots/`; recreate them with
/// `UPDATE_SNAPSHOTS=1 cargo test gui::snapshots` on the CI image.
mod snapshots {
    use super::*;

    fn build_themed(lang: Lang, theme: egui::Theme, backend: Option<ScriptedBackend>) -> App {
        build_themed_with(lang, theme, backend, None)
    }

    fn build_themed_with(
        lang: Lang,
        theme: egui::Theme,
        backend: Option<ScriptedBackend>,
        discovery: Option<ScriptedDiscovery>,
    ) -> App {
        let mut h = Harness::builder()
            .with_size([1100.0, 780.0])
            .with_theme(theme)
            .with_context_setup(app::install_fonts)
            .wgpu()
            .build_eframe(move |cc| {
                MailconfApp::new(
                    cc,
                    AppOptions {
                        discovery: discovery.map(|d| Box::new(d) as _),
                        database: Database::bundled().clone(),
                        backend: backend.map(|b| Box::new(b) as _),
                        lang: Some(lang),
                        persisted: Some(Persisted::default()),
                    },
                )
            });
        h.run();
        h
    }

    fn tested(lang: Lang, theme: egui::Theme, address_text: &str) -> App {
        let (backend, handle) = ScriptedBackend::new(Box::new(script), Pace::Manual);
        let mut h = build_themed(lang, theme, Some(backend));
        address(&mut h, lang, address_text);
        h.get_by_label(T::TestConnection.get(lang)).click();
        frames(&mut h);
        handle.release_all();
        h.run();
        h.remove_cursor();
        h.run();
        h
    }

    /// The results in Simplified Chinese in the smallest supported window,
    /// 900×600 logical points, at `pixels_per_point`, one row expanded.
    fn small_window(pixels_per_point: f32) -> App {
        let (backend, handle) = ScriptedBackend::new(Box::new(script), Pace::Manual);
        let mut h = Harness::builder()
            .with_size([900.0, 600.0])
            .with_pixels_per_point(pixels_per_point)
            .with_theme(egui::Theme::Light)
            .with_context_setup(app::install_fonts)
            .wgpu()
            .build_eframe(move |cc| {
                MailconfApp::new(
                    cc,
                    AppOptions {
                        discovery: None,
                        database: Database::bundled().clone(),
                        backend: Some(Box::new(backend)),
                        lang: Some(Lang::ZhHans),
                        persisted: Some(Persisted::default()),
                    },
                )
            });
        h.run();
        address(&mut h, Lang::ZhHans, "zhangsan@163.com");
        h.get_by_label(T::TestConnection.get(Lang::ZhHans)).click();
        frames(&mut h);
        handle.release_all();
        h.run();
        h.get_by_label("显示详情 POP3 995 TLS").click();
        h.remove_cursor();
        h.run();
        h
    }

    /// The smallest supported window, 900×600: nothing clipped, the table fits.
    #[test]
    fn small_window_zh_hans() {
        small_window(1.0).snapshot("small_window_zh_hans");
    }

    /// The same at 200 % scale (a HiDPI screen): 1800×1200 pixels, same layout.
    #[test]
    fn small_window_zh_hans_200_percent() {
        let mut h = small_window(2.0);
        assert_eq!(h.ctx.pixels_per_point(), 2.0);
        h.snapshot("small_window_zh_hans_200pct");
    }

    /// `address_text` typed in `lang`, discovery answering with `answer` for it.
    fn discovered(lang: Lang, address_text: &str, answer: fn(&str) -> Discovery) -> App {
        let (discovery, lookups) = ScriptedDiscovery::new();
        let (backend, _) = ScriptedBackend::new(Box::new(script), Pace::Manual);
        let mut h = build_themed_with(lang, egui::Theme::Light, Some(backend), Some(discovery));
        address(&mut h, lang, address_text);
        h.run_steps(3);
        lookups.answer(1, answer(address_text));
        h.remove_cursor();
        h.run();
        h
    }

    /// An unknown company domain whose MX is at Tencent Exmail, in Simplified Chinese.
    #[test]
    fn discovered_by_mx_zh_hans() {
        let mut h = discovered(
            Lang::ZhHans,
            "zhangsan@bigcorp-mailconf.example",
            found_by_mx,
        );
        h.snapshot("discovered_mx_zh_hans");
    }

    /// Nothing found, in English: the reason and what to do.
    #[test]
    fn nothing_found_en() {
        let mut h = discovered(Lang::En, "me@nowhere-mailconf.example", nothing_found);
        h.snapshot("nothing_found_en");
    }

    #[test]
    fn start_screen_en() {
        let mut h = build_themed(Lang::En, egui::Theme::Light, None);
        h.snapshot("start_en");
    }

    #[test]
    fn provider_card_zh_hant() {
        let mut h = build_themed(Lang::ZhHant, egui::Theme::Light, None);
        address(&mut h, Lang::ZhHant, "chen@qq.com");
        h.remove_cursor();
        h.run();
        h.snapshot("card_qq_zh_hant");
    }

    #[test]
    fn results_en_dark() {
        let mut h = tested(Lang::En, egui::Theme::Dark, "alice@163.com");
        h.snapshot("results_163_en_dark");
    }

    #[test]
    fn results_zh_hans_light() {
        let mut h = tested(Lang::ZhHans, egui::Theme::Light, "zhangsan@163.com");
        h.snapshot("results_163_zh_hans");
    }
}

#[test]
fn insecure_login_needs_an_explicit_yes() {
    use mailconf::app::command::Command;
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    let title = T::InsecureLoginTitle.get(Lang::En);
    assert!(!has_text(&h, title));
    // Row 0 is POP3 110 plaintext.
    h.state_mut().push(Command::AskInsecureLogin(0));
    h.run();
    assert!(has_text(&h, title), "the dialog names the risk");
    assert!(
        has_text(&h, "pop.163.com:110"),
        "and the endpoint: {:?}",
        texts(&h)
    );
    h.get_by_label(T::InsecureLoginNo.get(Lang::En)).click();
    h.run();
    assert!(!has_text(&h, title));
    assert!(
        h.state().session.allow_insecure.is_empty(),
        "No keeps it off"
    );
    // Yes allows exactly that endpoint.
    h.state_mut().push(Command::AskInsecureLogin(0));
    h.run();
    h.get_by_label(T::InsecureLoginYes.get(Lang::En)).click();
    h.run();
    let allowed = &h.state().session.allow_insecure;
    assert_eq!(allowed.len(), 1);
    assert_eq!(allowed[0].port, 110);
    assert_eq!(allowed[0].host.as_deref(), Some("pop.163.com"));
    assert_eq!(allowed[0].security, Security::Plain);
    // The next test carries it.
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    let last = handle.requests().pop().unwrap();
    assert_eq!(last.allow_insecure.len(), 1);
    // Asked again (the row's Change… button), No withdraws it for that endpoint.
    h.state_mut().push(Command::AskInsecureLogin(0));
    h.run();
    assert!(has_text(&h, title));
    h.get_by_label(T::InsecureLoginNo.get(Lang::En)).click();
    h.run();
    assert!(
        h.state().session.allow_insecure.is_empty(),
        "No withdraws the earlier Yes"
    );
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    let last = handle.requests().pop().unwrap();
    assert!(last.allow_insecure.is_empty(), "{:?}", last.allow_insecure);
}

/// The real engine against the test Dovecot/Postfix, through the window.
#[test]
fn test_connection_with_the_real_engine() {
    use mailconf::app::engine::EngineBackend;
    use mailconf::probe::ProbeOptions;
    use mailconf::providers::{
        Auth, AuthKind, Localized, Origin, Provider, Server, Source, SourceKind, Status,
        UsernameForm,
    };
    let s = crate::servers::Servers::get();
    let server = |protocol, port, security| Server {
        protocol,
        host: s.host.clone(),
        port,
        security,
        username: UsernameForm::Address,
        note: None,
    };
    let provider = Provider {
        schema: None,
        id: "test-mailconf".into(),
        name: Localized::same("Test servers"),
        domains: vec![s.domain.clone()],
        mx_suffixes: vec![],
        status: Status::Active,
        incoming: vec![
            server(Protocol::Pop3, 995, Security::Tls),
            server(Protocol::Imap, 993, Security::Tls),
        ],
        outgoing: vec![server(Protocol::Smtp, 465, Security::Tls)],
        auth: Auth {
            kind: AuthKind::Password,
            create_url: None,
            notes: None,
        },
        hints: vec![],
        help_urls: vec![],
        quirks: vec![],
        history: None,
        known_replies: vec![],
        sources: vec![Source {
            about: "test".into(),
            kind: SourceKind::GeneralKnowledge,
            url: None,
            checked: "2026-11".into(),
        }],
        origin: Origin::User,
    };
    let config = tempfile::tempdir().unwrap();
    let providers = config.path().join("providers");
    std::fs::create_dir_all(&providers).unwrap();
    std::fs::write(
        providers.join("test-mailconf.json"),
        serde_json::to_string(&provider).unwrap(),
    )
    .unwrap();
    let db = Database::load(Some(&providers));

    let mut options = ProbeOptions::default();
    let (host, addr) = s.resolve.split_once(':').unwrap();
    options
        .resolve
        .insert(host.to_owned(), vec![addr.parse().unwrap()]);
    for pair in s.port_map.split(',').filter_map(|p| p.split_once('=')) {
        options.port_map.insert(
            pair.0.trim().parse().unwrap(),
            pair.1.trim().parse().unwrap(),
        );
    }
    options.extra_roots = mailconf::probe::tls::load_pem_certs(&s.ca).unwrap();
    let engine = EngineBackend::with_options(options).unwrap();

    let lang = Lang::En;
    let mut h = Harness::builder()
        .with_size([1100.0, 800.0])
        .with_context_setup(app::install_fonts)
        .build_eframe(move |cc| {
            MailconfApp::new(
                cc,
                AppOptions {
                    discovery: None,
                    database: db,
                    backend: Some(Box::new(engine)),
                    lang: Some(lang),
                    persisted: Some(Persisted::default()),
                },
            )
        });
    h.run();
    address(&mut h, lang, &s.user);
    type_into(&mut h, T::Password.get(lang), &s.pass);
    h.get_by_label("Test connection").click();
    let start = std::time::Instant::now();
    loop {
        h.run_steps(1);
        if !h.state().session.probe.running {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the test did not finish in a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    frames(&mut h);
    use mailconf::app::backend::Verdict as V;
    use mailconf::app::state::RowState;
    let rows = &h.state().session.probe.rows;
    let verdict = |p: Protocol, port: u16, sec: Security| -> V {
        let r = rows
            .iter()
            .find(|r| r.spec.protocol == p && r.spec.port == port && r.spec.security == sec)
            .unwrap_or_else(|| panic!("no row {p:?} {port}"));
        match &r.state {
            RowState::Done(o) => o.verdict,
            other => panic!("{p:?} {port}: {other:?}"),
        }
    };
    assert_eq!(verdict(Protocol::Pop3, 995, Security::Tls), V::Secure);
    assert_eq!(verdict(Protocol::Imap, 993, Security::Tls), V::Secure);
    assert_eq!(verdict(Protocol::Smtp, 465, Security::Tls), V::Secure);
    assert!(matches!(
        verdict(Protocol::Pop3, 110, Security::Plain),
        V::Insecure(_)
    ));
    // The login worked over TLS and the window says so.
    assert!(has_text(&h, T::LoginOk.get(lang)), "{:?}", texts(&h));
    assert!(has_text(&h, T::Secure.get(lang)));

    // Export the fetchmailrc from the window (password included on purpose) and
    // let fetchmail itself log in with it: `--check` exits 0 (mail waiting) or
    // 1 (none) after a successful login, 3 on an authentication error.
    use mailconf::app::command::Command as AppCommand;
    use mailconf::app::export::FixedPath;
    use mailconf::export::Format;
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join("fetchmailrc");
    h.get_by_label(T::Export.get(lang)).click();
    h.run();
    assert!(
        has_text(&h, T::ExportFromProbe.get(lang)),
        "{:?}",
        texts(&h)
    );
    h.state_mut().session.export_password = true;
    h.state_mut()
        .set_file_dialog(Box::new(FixedPath(rc.clone())));
    h.state_mut()
        .push(AppCommand::ExportSave(Format::Fetchmail));
    until(&mut h, |h| has_text(h, "Saved to"));
    let text = std::fs::read_to_string(&rc).unwrap();
    assert!(text.contains(&s.host) && text.contains("keep"), "{text}");
    assert!(text.contains("Tested by mailconf"), "{text}");
    let ca = s.ca.to_str().unwrap();
    let (code, log) =
        crate::roundtrip::fetchmail(&s, dir.path(), &rc, &["--check", "--sslcertfile", ca]);
    assert!(
        matches!(code, Some(0 | 1)),
        "fetchmail could not log in with the exported file:\n{log}\n{text}"
    );
    assert!(!log.contains(&s.pass));
}

#[test]
fn export_writes_the_chosen_format_where_the_dialog_says() {
    use mailconf::app::command::Command;
    use mailconf::app::export::FixedPath;
    use mailconf::export::Format;
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label(T::Export.get(Lang::En)).click();
    h.run();
    assert!(has_text(&h, T::ExportFromDatabase.get(Lang::En)));
    assert!(has_text(&h, "fetchmail"));
    assert!(!h.state().session.export_password, "off by default");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fetchmailrc");
    h.state_mut()
        .set_file_dialog(Box::new(FixedPath(path.clone())));
    h.state_mut().push(Command::ExportSave(Format::Fetchmail));
    // The dialog and the write run on a worker thread; the answer repaints.
    until(&mut h, |h| has_text(h, "Saved to"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("pop.163.com"), "{text}");
    assert!(text.contains("keep"), "{text}");
    assert!(has_text(&h, "Saved to"), "{:?}", texts(&h));
}

#[test]
fn diagnostic_report_has_the_results_and_never_the_password() {
    let (mut h, handle) = scripted(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    type_into(&mut h, T::AuthorizationCode.get(Lang::En), "hunter2-secret");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    assert!(h.query_by_label(T::CopyReport.get(Lang::En)).is_some());
    let report = app::report::diagnostic(&h.state().session, h.state().database());
    assert!(!report.contains("hunter2"), "{report}");
    assert!(report.contains("pop.163.com"), "{report}");
    assert!(report.contains("secure"), "{report}");
    assert!(report.contains("blocked"), "{report}");
    assert!(report.contains(env!("CARGO_PKG_VERSION")), "{report}");
}

// --- Discovery for domains the database does not know

fn with_discovery(lang: Lang) -> (App, ScriptHandle, DiscoveryHandle) {
    let (backend, probe) = ScriptedBackend::new(Box::new(script), Pace::Manual);
    let (discovery, lookups) = ScriptedDiscovery::new();
    let h = build_with(
        lang,
        Database::bundled().clone(),
        Some(backend),
        Some(Box::new(discovery)),
    );
    (h, probe, lookups)
}

/// Replaces the address (as select-all and typing would).
fn retype_address(h: &mut App, text: &str) {
    use mailconf::app::command::Command;
    h.state_mut().session.address = text.to_owned();
    h.state_mut().push(Command::AddressEdited);
    // Steps, not `run`: a spinner may be turning.
    h.run_steps(2);
}

fn parse(address: &str) -> mailconf::providers::Address {
    mailconf::providers::Address::parse(address).unwrap()
}

/// Discovery found the domain's MX at Tencent Exmail, a database provider.
fn found_by_mx(address: &str) -> Discovery {
    let a = parse(address);
    let entry = Database::bundled().by_id("exmail").unwrap();
    let p = &entry.provider;
    let provenance =
        mailconf::server_text::ServerText::new(&format!("MX mxbiz1.qq.com → {}", p.name.en));
    let cand = |s: &Server| Candidate {
        server: Server {
            host: s.host_for(&a.domain),
            ..s.clone()
        },
        provenance: provenance.clone(),
        verified: None,
    };
    let mut d = Discovery::failed(&a, "");
    d.outcome = DiscoveryOutcome::Found;
    d.message = format!("found by {provenance}").as_str().into();
    d.best = Some(Finding {
        source: SourceKind::Mx,
        dns_unauthenticated: true,
        provenance: provenance.clone(),
        provider: Some(ProviderInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            status: p.status.clone(),
            auth: p.auth.clone(),
            file: Some(entry.file.clone()),
        }),
        incoming: p.incoming.iter().map(cand).collect(),
        outgoing: p.outgoing.iter().map(cand).collect(),
    });
    d
}

/// Discovery found the domain's own autoconfig document (no database provider).
fn found_by_autoconfig(address: &str) -> Discovery {
    let a = parse(address);
    let provenance = mailconf::server_text::ServerText::new(&format!("autoconfig.{}", a.domain));
    let server = |protocol, host: &str, port, security| Candidate {
        server: Server {
            protocol,
            host: host.to_owned(),
            port,
            security,
            username: mailconf::providers::UsernameForm::Address,
            note: None,
        },
        provenance: provenance.clone(),
        verified: None,
    };
    let mut d = Discovery::failed(&a, "");
    d.outcome = DiscoveryOutcome::Found;
    d.best = Some(Finding {
        source: SourceKind::Autoconfig,
        dns_unauthenticated: false,
        provenance: provenance.clone(),
        provider: None,
        incoming: vec![server(
            Protocol::Imap,
            &format!("imap.{}", a.domain),
            993,
            Security::Tls,
        )],
        outgoing: vec![server(
            Protocol::Smtp,
            &format!("smtp.{}", a.domain),
            465,
            Security::Tls,
        )],
    });
    d
}

fn nothing_found(address: &str) -> Discovery {
    let a = parse(address);
    let mut d = Discovery::failed(
        &a,
        "nothing found for x: every source answered, none had settings",
    );
    d.timeout_ms = 10_000;
    d.sources = vec![mailconf::discover::SourceReport {
        source: SourceKind::Mx,
        state: mailconf::discover::SourceState::Nothing,
        detail: Some("no MX records".into()),
    }];
    d
}

#[test]
fn an_unknown_domain_is_looked_up_and_found_by_mx_shows_the_provider_card() {
    let (mut h, _probe, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "boss@bigcorp-mailconf.example");
    // Not while typing: after a pause.
    assert!(lookups.started().is_empty());
    assert!(has_text(&h, "not in the database"));
    h.run_steps(3);
    assert_eq!(lookups.started(), ["boss@bigcorp-mailconf.example"]);
    assert!(
        has_text(&h, "Looking up settings for bigcorp-mailconf.example…"),
        "{:?}",
        texts(&h)
    );
    // The same domain again (the local part edited) does not look it up twice.
    retype_address(&mut h, "ceo@bigcorp-mailconf.example");
    h.run_steps(4);
    assert_eq!(lookups.started().len(), 1);

    lookups.answer(1, found_by_mx("ceo@bigcorp-mailconf.example"));
    h.run();
    assert!(!has_text(&h, "Looking up"));
    // The database provider's own card, with where it was found.
    let name = "Tencent Exmail (Tencent Enterprise Mail, WeCom Mail)";
    assert!(
        h.query_all_by_label(name).next().is_some(),
        "{:?}",
        texts(&h)
    );
    assert!(has_text(&h, &format!("Found by MX mxbiz1.qq.com → {name}")));
    assert!(has_text(&h, "needs setup"), "status: {:?}", texts(&h));
    assert!(h.query_by_label("Tencent Exmail").is_some(), "help link");
    // The username follows the provider; export works for it.
    assert_eq!(
        h.get_by_label("Username").value().as_deref(),
        Some("ceo@bigcorp-mailconf.example")
    );
    assert!(h.state().session.provider(h.state().database()).is_some());

    // In Chinese the fixed words and the provider's name change, the host does not.
    h.state_mut()
        .push(mailconf::app::command::Command::SetLang(Lang::ZhHans));
    h.run();
    assert!(
        has_text(
            &h,
            "通过 MX mxbiz1.qq.com → 腾讯企业邮箱（企业微信邮箱） 找到"
        ),
        "{:?}",
        texts(&h)
    );
}

#[test]
fn test_connection_on_a_discovered_address_probes_the_discovered_servers() {
    let (mut h, probe, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "boss@bigcorp-mailconf.example");
    // Pressed before the pause is over: the lookup starts at once, the test after it.
    h.get_by_label("Test connection").click();
    frames(&mut h);
    assert_eq!(lookups.started().len(), 1);
    assert!(probe.requests().is_empty(), "no test before the answer");
    assert!(has_text(&h, "Looking up settings"));

    lookups.answer(1, found_by_mx("boss@bigcorp-mailconf.example"));
    frames(&mut h);
    let reqs = probe.requests();
    assert_eq!(reqs.len(), 1, "the test started when the answer came");
    let r = &reqs[0];
    let hosts: Vec<&str> = r.endpoints.iter().map(|e| e.host.as_str()).collect();
    assert!(hosts.contains(&"pop.exmail.qq.com"), "{hosts:?}");
    assert!(hosts.contains(&"hwsmtp.exmail.qq.com"), "{hosts:?}");
    assert!(
        !hosts.iter().any(|h| h.contains("bigcorp")),
        "no guessed names: {hosts:?}"
    );
    assert!(r.endpoints.iter().any(|e| e.port == 993));
    assert_eq!(r.address.as_deref(), Some("boss@bigcorp-mailconf.example"));
    assert_eq!(r.provider.as_ref().map(|p| p.id.as_str()), Some("exmail"));
    // The rows fill in as usual.
    probe.release_all();
    h.run();
    assert!(has_text(&h, "Summary"));

    // A discovered server list without a database provider is probed too.
    retype_address(&mut h, "me@small-isp-mailconf.example");
    h.run_steps(3);
    assert_eq!(lookups.started().len(), 2);
    lookups.answer(2, found_by_autoconfig("me@small-isp-mailconf.example"));
    h.run();
    assert!(has_text(
        &h,
        "Found by autoconfig.small-isp-mailconf.example"
    ));
    assert!(has_text(&h, "imap.small-isp-mailconf.example:993"));
    h.get_by_label("Test connection").click();
    frames(&mut h);
    let reqs = probe.requests();
    assert_eq!(reqs.len(), 2);
    let hosts: Vec<&str> = reqs[1].endpoints.iter().map(|e| e.host.as_str()).collect();
    assert!(
        hosts
            .iter()
            .all(|h| *h == "imap.small-isp-mailconf.example"
                || *h == "smtp.small-isp-mailconf.example"),
        "{hosts:?}"
    );
}

#[test]
fn settings_found_by_discovery_can_be_exported() {
    use mailconf::app::command::Command;
    use mailconf::app::export::FixedPath;
    use mailconf::export::Format;
    let (mut h, _probe, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "me@small-isp-mailconf.example");
    // Before an answer there is nothing to export.
    assert!(
        h.get_by_label(T::Export.get(Lang::En))
            .accesskit_node()
            .is_disabled(),
        "export waits for settings"
    );
    h.run_steps(3);
    lookups.answer(1, found_by_autoconfig("me@small-isp-mailconf.example"));
    h.run();
    h.get_by_label(T::Export.get(Lang::En)).click();
    h.run();
    assert!(has_text(&h, T::ExportFromDiscovery.get(Lang::En)));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("msmtprc");
    h.state_mut()
        .set_file_dialog(Box::new(FixedPath(path.clone())));
    h.state_mut().push(Command::ExportSave(Format::Msmtp));
    until(&mut h, |h| has_text(h, "Saved to"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("host \"smtp.small-isp-mailconf.example\""),
        "{text}"
    );
    assert!(text.contains("port 465"), "{text}");
    assert!(
        text.contains("from \"me@small-isp-mailconf.example\""),
        "{text}"
    );
    assert!(
        text.contains(
            "found on the network by mailconf's discovery (autoconfig.small-isp-mailconf.example)"
        ),
        "{text}"
    );
}

#[test]
fn nothing_found_says_so_and_what_to_do() {
    let (mut h, probe, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "me@nowhere-mailconf.example");
    h.run_steps(3);
    lookups.answer(1, nothing_found("me@nowhere-mailconf.example"));
    h.run();
    assert!(
        has_text(&h, "Nothing found for nowhere-mailconf.example"),
        "{:?}",
        texts(&h)
    );
    assert!(has_text(&h, T::NothingFoundWhatToDo.get(Lang::En)));
    // Test connection still shows how the usual names fail.
    h.get_by_label("Test connection").click();
    frames(&mut h);
    assert_eq!(
        probe.requests()[0].endpoints[0].host,
        "pop.nowhere-mailconf.example"
    );
    // What the message suggests: the server's name instead of the address.
    retype_address(&mut h, "mail.nowhere-mailconf.example");
    assert!(has_text(
        &h,
        "Test connection tries mail.nowhere-mailconf.example as the mail server"
    ));
    assert_eq!(
        h.get_by_label("Username").value().as_deref(),
        Some("me@nowhere-mailconf.example"),
        "the username stays"
    );
    h.get_by_label("Test connection").click();
    frames(&mut h);
    let reqs = probe.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].endpoints.len(), 8);
    assert!(
        reqs[1]
            .endpoints
            .iter()
            .all(|e| e.host == "mail.nowhere-mailconf.example")
    );
    assert_eq!(lookups.started().len(), 1, "a host is not looked up");
}

#[test]
fn cancel_while_looking_up_keeps_the_test_from_starting_and_idle_means_idle() {
    let (mut h, probe, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "me@bigcorp-mailconf.example");
    // During the typing pause egui is asked to wake once, at its end: no polling.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay > std::time::Duration::from_millis(100) && delay < std::time::Duration::MAX,
        "{delay:?}"
    );
    h.get_by_label("Test connection").click();
    h.run_steps(2);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    lookups.answer(1, found_by_mx("me@bigcorp-mailconf.example"));
    h.run();
    assert!(probe.requests().is_empty(), "cancelled before it started");
    assert!(has_text(&h, "Found by MX"), "the card still fills in");
    assert_eq!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        std::time::Duration::MAX,
        "idle once the answer is shown"
    );
}

#[test]
fn a_new_domain_drops_the_answer_for_the_old_one() {
    let (mut h, _probe, lookups) = with_discovery(Lang::En);
    address(&mut h, Lang::En, "a@first-mailconf.example");
    h.run_steps(3);
    assert_eq!(lookups.generation(), 1);
    // Another domain while the first lookup runs.
    retype_address(&mut h, "a@second-mailconf.example");
    // The first answer arrives during the typing pause, then again after the
    // second lookup started: dropped both times.
    lookups.answer(1, found_by_mx("a@first-mailconf.example"));
    h.run();
    assert!(!has_text(&h, "Found by"), "{:?}", texts(&h));
    h.run_steps(3);
    assert_eq!(lookups.generation(), 2);
    lookups.answer(1, found_by_mx("a@first-mailconf.example"));
    h.run_steps(2);
    assert!(!has_text(&h, "Found by"));
    assert!(
        has_text(&h, "Looking up settings for second-mailconf.example…"),
        "{:?}",
        texts(&h)
    );
    lookups.answer(2, nothing_found("a@second-mailconf.example"));
    h.run();
    assert!(has_text(&h, "Nothing found for second-mailconf.example"));
    assert!(!has_text(&h, "Found by"));
    assert!(h.state().session.provider(h.state().database()).is_none());
}

/// The real discovery with no usable DNS: it answers within its deadline with
/// a clear message, and the window draws frames all the while.
#[test]
fn real_discovery_answers_in_time_and_the_ui_never_waits() {
    use mailconf::app::discovery::EngineDiscovery;
    use mailconf::discover::DiscoverOptions;
    use std::time::{Duration, Instant};
    // An app with the real discovery, an unknown address typed, the typing pause over.
    let looking_up = |dns, options| {
        let engine = EngineDiscovery::with_options(dns, options);
        let mut h = build_with(
            Lang::En,
            Database::bundled().clone(),
            None,
            Some(Box::new(engine)),
        );
        address(&mut h, Lang::En, "me@nowhere-mailconf.example");
        h.run_steps(3);
        h
    };
    // The database only: an answer at once.
    let offline = DiscoverOptions {
        network: false,
        ..DiscoverOptions::default()
    };
    let mut h = looking_up(None, offline);
    until(&mut h, |h| {
        has_text(h, "Nothing found for nowhere-mailconf.example")
    });

    // A DNS server that refuses (the discard port: answered at once), and one
    // that never answers (a silent socket: every network source runs into the
    // 2 s deadline). Either way a clear message, and frames all the while.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let deadline = Duration::from_secs(2);
    for dns in ["127.0.0.1:9".parse().unwrap(), silent.local_addr().unwrap()] {
        let options = DiscoverOptions {
            timeout: deadline,
            ..DiscoverOptions::default()
        };
        let refused = dns.port() == 9;
        let mut h = looking_up(Some(dns), options);
        // The refusing server may already have answered (a busy machine
        // draws the first frames slowly); the silent one cannot have.
        assert!(
            has_text(&h, "Looking up settings") || (refused && has_text(&h, "Nothing found for")),
            "{:?}",
            texts(&h)
        );
        let start = Instant::now();
        let mut frames = 0;
        let mut slowest = Duration::ZERO;
        while !has_text(&h, "Nothing found for") {
            assert!(
                start.elapsed() < deadline + Duration::from_secs(2),
                "no answer by the deadline: {:?}",
                texts(&h)
            );
            let t = Instant::now();
            h.step();
            slowest = slowest.max(t.elapsed());
            frames += 1;
            std::thread::sleep(Duration::from_millis(20));
        }
        let took = start.elapsed();
        eprintln!(
            "DNS {dns}: answered in {took:?}; {frames} frames meanwhile, slowest {slowest:?}"
        );
        assert!(
            slowest < Duration::from_millis(500),
            "a frame took {slowest:?}"
        );
        // At least one frame every 100 ms while waiting.
        assert!(
            frames as u128 >= took.as_millis() / 100,
            "{frames} frames in {took:?}"
        );
        assert!(has_text(&h, T::NothingFoundWhatToDo.get(Lang::En)));
    }
    drop(silent);
}

// --- The save dialog runs off the UI thread

/// A save dialog that answers only when the test sends it a path (or `None`:
/// cancelled), counting how often it was opened.
struct GatedDialog {
    answers: std::sync::Mutex<std::sync::mpsc::Receiver<Option<std::path::PathBuf>>>,
    opened: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl mailconf::app::export::FileDialog for GatedDialog {
    fn save(&self, _default_name: &str) -> Option<std::path::PathBuf> {
        self.opened
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let rx = self.answers.lock().unwrap();
        rx.recv().ok().flatten()
    }
}

fn gated(
    h: &mut App,
) -> (
    std::sync::mpsc::Sender<Option<std::path::PathBuf>>,
    std::sync::Arc<std::sync::atomic::AtomicUsize>,
) {
    let (tx, rx) = std::sync::mpsc::channel();
    let opened = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    h.state_mut().set_file_dialog(Box::new(GatedDialog {
        answers: std::sync::Mutex::new(rx),
        opened: opened.clone(),
    }));
    (tx, opened)
}

#[test]
fn the_window_keeps_drawing_while_the_save_dialog_is_open() {
    use mailconf::app::command::Command;
    use mailconf::export::Format;
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label(T::Export.get(Lang::En)).click();
    h.run();
    let (answer, opened) = gated(&mut h);
    let dir = tempfile::tempdir().unwrap();

    h.state_mut().push(Command::ExportSave(Format::Fetchmail));
    let t = Instant::now();
    h.run();
    assert!(t.elapsed() < Duration::from_secs(1), "the UI did not wait");
    assert!(has_text(&h, T::WaitingForSaveDialog.get(Lang::En)));
    assert!(
        h.query_by_label("Close window").is_none(),
        "egui's English close button"
    );
    let saves: Vec<_> = h.get_all_by_label(T::SaveAs.get(Lang::En)).collect();
    assert!(!saves.is_empty());
    assert!(
        saves.iter().all(|n| n.accesskit_node().is_disabled()),
        "Save is disabled while the dialog is open"
    );
    // Frames keep coming, and a second save opens no second dialog.
    h.state_mut().push(Command::ExportSave(Format::Msmtp));
    for _ in 0..20 {
        let t = Instant::now();
        h.step();
        assert!(t.elapsed() < Duration::from_millis(500));
    }
    assert_eq!(opened.load(Ordering::SeqCst), 1);
    // Idle while waiting: no repaint until the dialog answers.
    h.run();
    assert_eq!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        Duration::MAX
    );

    // Cancelled: nothing written, no status, Save enabled again.
    answer.send(None).unwrap();
    until(&mut h, |h| {
        !has_text(h, T::WaitingForSaveDialog.get(Lang::En))
    });
    assert!(!has_text(&h, "Saved to"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(
        h.get_all_by_label(T::SaveAs.get(Lang::En))
            .all(|n| !n.accesskit_node().is_disabled())
    );

    // Answered: written off the UI thread, then the status line.
    let path = dir.path().join("fetchmailrc");
    h.state_mut().push(Command::ExportSave(Format::Fetchmail));
    h.run();
    answer.send(Some(path.clone())).unwrap();
    until(&mut h, |h| has_text(h, "Saved to"));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("pop.163.com")
    );
    assert_eq!(opened.load(Ordering::SeqCst), 2);
    // The window's own Close button (egui's title-bar one is English-only).
    h.get_by_label(T::Close.get(Lang::En)).click();
    h.run();
    assert!(!h.state().session.export_open);
    assert!(!has_text(&h, T::WaitingForSaveDialog.get(Lang::En)));
}

/// A row's detail is the engine's report in the UI language, made at draw time.
#[test]
fn row_details_follow_the_language() {
    use mailconf::app::command::Command;
    use mailconf::probe::report::{EndpointReport, Timings, Verdict as EVerdict, summary_for};
    use mailconf::probe::session::{MachineConfig, machine_for};
    use mailconf::probe::transcript::Transcript;
    use mailconf::probe::{Endpoint, ProbeError, TimeoutPhase};
    fn blocked(req: &ProbeRequest) -> Vec<(usize, Outcome)> {
        req.endpoints
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let phase = TimeoutPhase::Connect;
                let verdict = EVerdict::TimedOut {
                    phase,
                    after_ms: 5000,
                };
                let error = ProbeError::Timeout {
                    phase,
                    after_ms: 5000,
                };
                let report = EndpointReport {
                    endpoint: Endpoint::new(e.protocol, &e.host, e.port, e.security),
                    connect_port: e.port,
                    summary: summary_for(&verdict, Some(&error), None),
                    verdict,
                    error: None,
                    addresses: Vec::new(),
                    connected_to: None,
                    tls: None,
                    session: machine_for(e.protocol, e.security, MachineConfig::default()).report(),
                    timings: Timings::default(),
                    transcript: Transcript::default(),
                    login: None,
                };
                (i, mailconf::app::engine::outcome(report))
            })
            .collect()
    }
    let (backend, handle) = ScriptedBackend::new(Box::new(blocked), Pace::Manual);
    let mut h = build(Lang::En, Database::bundled().clone(), Some(backend));
    address(&mut h, Lang::En, "alice@163.com");
    h.get_by_label("Test connection").click();
    frames(&mut h);
    handle.release_all();
    h.run();
    h.get_by_label("Show details POP3 995 TLS").click();
    h.run();
    assert!(has_text(
        &h,
        "no answer in 5 s: probably blocked by a firewall or your ISP"
    ));
    h.state_mut().push(Command::SetLang(Lang::ZhHans));
    h.run();
    assert!(
        has_text(&h, "5 秒内没有回应：可能被防火墙或你的网络运营商拦截"),
        "{:?}",
        texts(&h)
    );
    assert!(!has_text(&h, "probably blocked"));
    h.state_mut().push(Command::SetLang(Lang::ZhHant));
    h.run();
    assert!(has_text(
        &h,
        "5 秒內沒有回應：可能被防火牆或你的網路業者攔截"
    ));
}

/// A save dialog that fails inside (a platform bug) leaves no waiting line behind.
#[test]
fn a_failing_save_dialog_counts_as_cancelled() {
    use mailconf::app::command::Command;
    use mailconf::export::Format;
    struct Broken;
    impl mailconf::app::export::FileDialog for Broken {
        fn save(&self, _default_name: &str) -> Option<std::path::PathBuf> {
            panic!("portal went away")
        }
    }
    let mut h = plain(Lang::En);
    address(&mut h, Lang::En, "alice@163.com");
    h.state_mut().push(Command::OpenExport);
    h.run();
    h.state_mut().set_file_dialog(Box::new(Broken));
    h.state_mut().push(Command::ExportSave(Format::Fetchmail));
    h.run();
    until(&mut h, |h| !h.state().session.export_waiting);
    assert!(!has_text(&h, T::WaitingForSaveDialog.get(Lang::En)));
    assert!(!has_text(&h, "Saved to"));
}
