//! Test connection, the progress line, the summary and the result table.
//!
//! Every endpoint gets its row (with a spinner) the moment the check is
//! planned; the engine's reports fill them in as they arrive. Each row maps the
//! engine's own [`Verdict`] and login outcome to an icon, a colour and words.
//! Rows are grouped by protocol and host, and expand to show the capabilities
//! (before and after STARTTLS), the certificate and the redacted transcript.
//! Results of another account than the one in the form are shown greyed under
//! "results for …" and used for nothing.

use super::Out;
use super::account::good_color;
use crate::advice::Severity;
use crate::app::command::Command;
use crate::app::state::{Row, RowState, Session};
use crate::app::ui_text::{self, T};
use crate::i18n::{Lang, msg};
use crate::probe::login::LoginOutcome;
use crate::probe::report::PlaintextReason;
use crate::probe::tls::{ChainVerdict, TlsErrorKind};
use crate::probe::{DnsFailure, EndpointReport, Protocol, Security, TimeoutPhase, Verdict};
use crate::providers::{Database, describe};
use eframe::egui;

/// Column widths after the toggle: port, encryption, (result grows), time, TLS, certificate.
const W_TOGGLE: f32 = 26.0;
const W_PORT: f32 = 56.0;
const W_SECURITY: f32 = 96.0;
const W_TIME: f32 = 72.0;
const W_TLS: f32 = 64.0;
const W_CERT: f32 = 96.0;
const W_RESULT_MIN: f32 = 150.0;

/// Draws the test button row, the progress, the summary and the table.
pub fn show(ui: &mut egui::Ui, session: &mut Session, db: &Database, out: &mut Out) {
    let lang = session.lang;
    // Enabled whenever there is an engine: pressed with nothing to test, it
    // says what is missing (`session.missing`) instead of doing nothing.
    let plan_ok = session.can_test;
    let current = session.results_current();
    let check = &session.check;

    let buttons = ui.horizontal(|ui| {
        let test = ui
            .add_enabled(
                plan_ok,
                egui::Button::new(egui::RichText::new(T::TestConnection.get(lang)).strong())
                    .min_size(egui::vec2(140.0, 30.0)),
            )
            .on_hover_text(T::TestTooltip.get(lang))
            .on_disabled_hover_text(T::EngineMissing.get(lang));
        if test.clicked() {
            out.commands.push(Command::StartProbe);
        }
        let cancel = ui
            .add_enabled(
                check.running,
                egui::Button::new(T::Cancel.get(lang)).min_size(egui::vec2(80.0, 30.0)),
            )
            .on_hover_text(T::CancelTooltip.get(lang));
        if cancel.clicked() {
            out.commands.push(Command::CancelProbe);
        }
        let can_export = session.provider(db).is_some()
            || session.discovered(db).is_some()
            || matches!(
                session.recognition,
                crate::app::state::Recognition::Host { .. }
            );
        if ui
            .add_enabled(
                can_export,
                egui::Button::new(T::Export.get(lang)).min_size(egui::vec2(80.0, 30.0)),
            )
            .on_disabled_hover_text(T::ExportNeedsProvider.get(lang))
            .clicked()
        {
            out.commands.push(Command::OpenExport);
        }
        if !check.rows.is_empty() {
            let total = check.rows.len();
            let done = check.done_count();
            if check.running {
                ui.spinner();
                ui.label(ui_text::progress(done, total, lang));
            } else if check.cancelled {
                ui.label(ui_text::progress_cancelled(done, total, lang));
            } else {
                ui.label(ui_text::progress(done, total, lang));
            }
        }
        if current
            && !check.running
            && check.done_count() > 0
            && ui
                .button(T::CopyReport.get(lang))
                .on_hover_text(T::CopyReportTooltip.get(lang))
                .clicked()
        {
            out.commands.push(Command::CopyReport);
        }
        // Last in the row, so nothing moves when it appears.
        if session.copied == Some(crate::app::state::Copied::Report) {
            super::copied_beside(ui, ui_text::copied(&T::WhatReport.get(lang), lang));
        }
    });
    if let Some(m) = &session.missing {
        ui.colored_label(ui.visuals().warn_fg_color, ui_text::missing(m, lang));
    }
    let results_top = buttons.response.rect.top();
    let scroll = std::mem::take(&mut session.check.scroll_into_view);
    let check = &session.check;
    if !session.can_test {
        ui.weak(T::EngineMissing.get(lang));
        return;
    }
    if check.generation.is_none() && check.failure.is_none() {
        ui.weak(T::NotTestedYet.get(lang));
        return;
    }

    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading(T::Results.get(lang));
        if !check.target.is_empty() {
            ui.label(egui::RichText::new(&check.target).strong());
        }
    });
    if !current {
        // The form names another account now: these results are not its own.
        ui.colored_label(
            ui.visuals().warn_fg_color,
            ui_text::results_for_other(&check.target, lang),
        );
    }
    if session.demo {
        ui.colored_label(ui.visuals().warn_fg_color, T::DemoData.get(lang));
    }
    if check.planning() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(T::Planning.get(lang));
        });
    }
    if let Some(f) = &check.failure {
        failure(ui, f, lang);
    }
    if current && let Some(summary) = &check.summary {
        summary_box(ui, summary, lang);
    }
    let check = &session.check;
    if check.rows.is_empty() {
        return;
    }
    ui.add_space(4.0);
    let result_w = (ui.available_width()
        - W_TOGGLE
        - W_PORT
        - W_SECURITY
        - W_TIME
        - W_TLS
        - W_CERT
        - 6.0 * ui.spacing().item_spacing.x)
        .max(W_RESULT_MIN);
    header(ui, lang, result_w);
    ui.separator();
    let mut last_group: Option<(Protocol, &str)> = None;
    ui.add_enabled_ui(current, |ui| {
        for (i, row) in check.rows.iter().enumerate() {
            let group = (row.endpoint.protocol, row.endpoint.host.as_str());
            if last_group != Some(group) {
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(row.endpoint.protocol.label()).strong());
                    ui.monospace(&row.endpoint.host);
                });
                last_group = Some(group);
            }
            let allowed = session
                .allow_insecure
                .iter()
                .any(|a| a.names(&row.endpoint));
            let copied = session.copied == Some(crate::app::state::Copied::Transcript(i));
            row_ui(ui, i, row, (allowed, copied), lang, result_w, out);
        }
    });
    insecure_permissions(ui, session, current, lang, out);
    if scroll {
        // Bring the buttons, the progress and the table into view: as little
        // scrolling as needed, starting at the buttons when it does not all fit.
        let rect = egui::Rect::from_x_y_ranges(
            ui.min_rect().x_range(),
            results_top..=ui.min_rect().bottom(),
        );
        ui.scroll_to_rect(rect, None);
    }
}

/// The permissions to log in without protection, visible without expanding a
/// row and after later tests: each given one with Withdraw, and each way in
/// where the login was not tried for lack of protection with Allow….
fn insecure_permissions(
    ui: &mut egui::Ui,
    session: &Session,
    current: bool,
    lang: Lang,
    out: &mut Out,
) {
    let offers: Vec<(usize, &Row)> = if current {
        session
            .check
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.report()
                    .and_then(crate::probe::InsecureAllow::offer)
                    .is_some()
                    && !session.allow_insecure.iter().any(|a| a.names(&r.endpoint))
            })
            .collect()
    } else {
        Vec::new()
    };
    if session.allow_insecure.is_empty() && offers.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.strong(T::InsecurePermissions.get(lang));
    for (i, a) in session.allow_insecure.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let host = a.host.as_deref().unwrap_or_default();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "⚠ {} {host}:{} {}",
                    a.protocol.label(),
                    a.port,
                    describe::security(a.security, lang)
                ),
            );
            ui.label(T::InsecureLoginAllowed.get(lang));
            if ui.button(T::Withdraw.get(lang)).clicked() {
                out.commands.push(Command::WithdrawInsecure(i));
            }
        });
    }
    for (i, r) in offers {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} {}:{} {}",
                r.endpoint.protocol.label(),
                r.endpoint.host,
                r.endpoint.port,
                describe::security(r.endpoint.security, lang)
            ));
            ui.weak(T::InsecureNotTried.get(lang));
            if ui.button(T::AllowInsecureLogin.get(lang)).clicked() {
                out.commands.push(Command::AskInsecureLogin(i));
            }
        });
    }
}

/// A check that could not run: why, and the advice of a negative answer.
fn failure(ui: &mut egui::Ui, f: &crate::app::state::CheckFailure, lang: Lang) {
    ui.colored_label(
        ui.visuals().error_fg_color,
        ui_text::check_failed(&f.error, lang),
    );
    if let Some(s) = &f.summary {
        advice_list(ui, &s.advice, lang);
    }
}

fn advice_list(ui: &mut egui::Ui, advice: &[crate::advice::Advice], lang: Lang) {
    if advice.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong(T::Advice.get(lang));
    for a in advice {
        let color = match a.severity {
            Severity::Error => ui.visuals().error_fg_color,
            Severity::Warning => ui.visuals().warn_fg_color,
            Severity::Info => ui.visuals().text_color(),
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(color, "•");
            ui.colored_label(color, a.text.get(lang));
            if let Some(link) = &a.link {
                ui.hyperlink_to(T::MoreHelp.get(lang), link);
            }
        });
    }
}

/// Why a protocol has no recommendation: something was judged insecure, or
/// nothing could be tested (and why).
fn why_none(summary: &crate::check::ProbeSummary, protocol: Protocol, lang: Lang) -> String {
    let rows: Vec<&EndpointReport> = summary
        .endpoints
        .iter()
        .filter(|r| r.endpoint.protocol == protocol)
        .collect();
    let judged_insecure = rows.iter().any(|r| {
        matches!(
            r.verdict,
            Verdict::InsecurePlaintextOnly { .. } | Verdict::TlsError { .. }
        )
    });
    if judged_insecure {
        return T::NoSecureWay.get(lang).to_owned();
    }
    let reason = rows
        .iter()
        .map(|r| verdict_words(r, lang))
        .next()
        .unwrap_or_else(|| T::Cancelled.get(lang).to_owned());
    ui_text::could_not_test(&reason, lang)
}

/// "POP3: use pop.163.com:995 TLS · SMTP: …", from the check's summary (the
/// one ranking), and the advice.
fn summary_box(ui: &mut egui::Ui, summary: &crate::check::ProbeSummary, lang: Lang) {
    egui::Frame::group(ui.style())
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(T::Summary.get(lang));
                for (i, rec) in summary.recommendations.iter().enumerate() {
                    if i > 0 {
                        ui.weak("·");
                    }
                    let p = rec.protocol;
                    match &rec.endpoint {
                        Some(e) => {
                            ui.colored_label(
                                good_color(ui),
                                msg!(
                                    lang,
                                    "label-value",
                                    label = p.label(),
                                    value = format!(
                                        "{} {}:{} {}",
                                        T::Use.get(lang),
                                        e.host,
                                        e.port,
                                        describe::security(e.security, lang)
                                    )
                                ),
                            );
                        }
                        None => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                msg!(
                                    lang,
                                    "label-value",
                                    label = p.label(),
                                    value = why_none(summary, p, lang)
                                ),
                            );
                        }
                    }
                }
            });
            advice_list(ui, &summary.advice, lang);
        });
}

/// The insecure-login confirmation: names the risk and the endpoint; No is the
/// default (focused, and what Esc and closing do).
pub fn confirm_insecure(ctx: &egui::Context, session: &Session, out: &mut Out) {
    let Some(spec) = &session.confirm_insecure else {
        return;
    };
    let lang = session.lang;
    let Some(offer) = session
        .check
        .rows
        .iter()
        .find(|r| &r.endpoint == spec)
        .and_then(|r| r.report())
        .and_then(crate::probe::InsecureAllow::offer)
    else {
        return;
    };
    let name = format!(
        "{} {}:{} {}",
        spec.protocol.label(),
        spec.host,
        spec.port,
        describe::security(spec.security, lang)
    );
    // The same server's ways in that the test found secure: no permission needed.
    let secure: Vec<String> = session
        .check
        .rows
        .iter()
        .filter(|r| {
            r.endpoint.protocol == spec.protocol
                && r.endpoint.host == spec.host
                && r.report()
                    .is_some_and(|r| matches!(r.verdict, Verdict::Secure))
        })
        .map(|r| {
            format!(
                "{} ({})",
                r.endpoint.port,
                describe::security(r.endpoint.security, lang)
            )
        })
        .collect();
    let modal = egui::Modal::new(egui::Id::unique("confirm-insecure-login")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(T::InsecureLoginTitle.get(lang));
        ui.add_space(6.0);
        ui.label(ui_text::insecure_login_risk(
            &name,
            offer.certificate_sha256.as_deref(),
            lang,
        ));
        if !secure.is_empty() {
            ui.add_space(6.0);
            ui.label(
                egui::RichText::new(ui_text::secure_alternatives(&spec.host, &secure, lang))
                    .strong(),
            );
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let no = ui.button(T::InsecureLoginNo.get(lang));
            if session.confirm_insecure_focus {
                no.request_focus();
            }
            if no.clicked() {
                out.commands.push(Command::AnswerInsecureLogin(false));
            }
            if ui.button(T::InsecureLoginYes.get(lang)).clicked() {
                out.commands.push(Command::AnswerInsecureLogin(true));
            }
        });
    });
    if modal.should_close() {
        out.commands.push(Command::AnswerInsecureLogin(false));
    }
}

/// A cell of a fixed width, left-aligned, one line (truncated).
fn cell(ui: &mut egui::Ui, width: f32, text: impl Into<egui::WidgetText>) {
    let text = text.into();
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

fn header(ui: &mut egui::Ui, lang: Lang, result_w: f32) {
    ui.horizontal(|ui| {
        ui.add_space(W_TOGGLE + ui.spacing().item_spacing.x);
        for (w, t) in [
            (W_PORT, T::ColPort),
            (W_SECURITY, T::ColSecurity),
            (result_w, T::ColResult),
            (W_TIME, T::ColTime),
            (W_TLS, T::ColTls),
            (W_CERT, T::ColCertificate),
        ] {
            ui.allocate_ui_with_layout(
                egui::vec2(w, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_width(w);
                    ui.strong(t.get(lang));
                },
            );
        }
    });
}

/// The verdict of a report in words ("insecure · STARTTLS not offered").
pub(crate) fn verdict_words(r: &EndpointReport, lang: Lang) -> String {
    let (head, why) = match r.verdict {
        Verdict::Secure if r.endpoint.protocol == Protocol::Smtp && r.endpoint.port == 25 => {
            (T::Secure, Some(T::WhyRelayPort))
        }
        Verdict::Secure => (T::Secure, None),
        Verdict::InsecurePlaintextOnly { reason } => (
            T::Insecure,
            Some(match reason {
                PlaintextReason::PlainEndpoint => T::WhyPlainPort,
                PlaintextReason::StarttlsNotOffered => T::WhyStarttlsNotOffered,
                PlaintextReason::StarttlsRefused => T::WhyStarttlsRefused,
            }),
        ),
        Verdict::TlsError { tls_kind } if tls_kind.is_certificate() => {
            (T::Failed, Some(T::WhyCertificate))
        }
        Verdict::TlsError { .. } => (T::Failed, Some(T::WhyTls)),
        Verdict::Refused => (T::Failed, Some(T::WhyRefused)),
        Verdict::TimedOut {
            phase: TimeoutPhase::Connect,
            ..
        } => (T::Blocked, Some(T::WhyFiltered)),
        Verdict::TimedOut { .. } => (T::Failed, Some(T::WhyTimeout)),
        Verdict::ProtocolError => (T::Failed, Some(T::WhyProtocol)),
        Verdict::DnsError {
            failure: DnsFailure::NoSuchHost,
        } => (T::Failed, Some(T::WhyDns)),
        Verdict::DnsError {
            failure: DnsFailure::LookupFailed,
        } => (T::Failed, Some(T::WhyDnsLookupFailed)),
    };
    match why {
        Some(w) => format!("{} · {}", head.get(lang), w.get(lang)),
        None => head.get(lang).to_owned(),
    }
}

/// Whether the login outcome is bad news for the row (it failed after trying).
fn login_failed(o: &LoginOutcome) -> bool {
    !matches!(
        o,
        LoginOutcome::Success | LoginOutcome::NotTried { .. } | LoginOutcome::EncryptionRequired
    )
}

/// Icon, colour and words for a row: the verdict, then the login outcome,
/// which shows in the icon and colour too (a rejected login is not green).
fn state_look(ui: &egui::Ui, state: &RowState, lang: Lang) -> (String, egui::Color32, String) {
    let weak = ui.visuals().weak_text_color();
    let RowState::Done(r) = state else {
        return match state {
            RowState::Cancelled => ("—".into(), weak, T::Cancelled.get(lang).to_owned()),
            _ => (String::new(), weak, T::Testing.get(lang).to_owned()),
        };
    };
    let mut words = verdict_words(r, lang);
    let (mut icon, mut color) = match r.verdict {
        // Port 25 is for server-to-server mail: not a way in for a mail app.
        Verdict::Secure if r.endpoint.protocol == Protocol::Smtp && r.endpoint.port == 25 => {
            ("✔", weak)
        }
        Verdict::Secure => ("✔", good_color(ui)),
        Verdict::InsecurePlaintextOnly { .. } => ("⚠", ui.visuals().warn_fg_color),
        Verdict::TimedOut {
            phase: TimeoutPhase::Connect,
            ..
        } => ("⛔", ui.visuals().error_fg_color),
        _ => ("✖", ui.visuals().error_fg_color),
    };
    if let Some(l) = &r.login {
        words = format!("{words} · {}", login_word(&l.result).get(lang));
        if login_failed(&l.result) {
            icon = "✖";
            color = ui.visuals().error_fg_color;
        }
    }
    (icon.into(), color, words)
}

/// The login result of a row, as a word.
pub fn login_word(o: &LoginOutcome) -> T {
    match o {
        LoginOutcome::Success => T::LoginOk,
        LoginOutcome::CredentialsRejected => T::LoginRejected,
        LoginOutcome::AuthorizationCodeRequired => T::LoginAuthCode,
        LoginOutcome::AppPasswordRequired => T::LoginAppPassword,
        LoginOutcome::ServiceDisabled => T::LoginServiceDisabled,
        LoginOutcome::Oauth2Required => T::LoginOauth2,
        LoginOutcome::TemporarilyUnavailable => T::LoginTemporary,
        LoginOutcome::EncryptionRequired => T::LoginEncryptionRequired,
        LoginOutcome::MechanismNotOffered { .. } => T::LoginNoMechanism,
        LoginOutcome::NotTried { .. } => T::LoginNotTried,
        LoginOutcome::ConnectionProblem { .. } => T::LoginConnectionProblem,
        LoginOutcome::UnexpectedReply => T::LoginUnexpected,
    }
}

fn cert_word(chain: ChainVerdict) -> T {
    match chain {
        ChainVerdict::Trusted => T::CertTrusted,
        ChainVerdict::Invalid(TlsErrorKind::Expired | TlsErrorKind::NotYetValid) => T::CertExpired,
        ChainVerdict::Invalid(TlsErrorKind::WrongName) => T::CertWrongName,
        ChainVerdict::Invalid(TlsErrorKind::SelfSigned) => T::CertSelfSigned,
        ChainVerdict::Invalid(_) => T::CertUntrusted,
    }
}

/// Time to the greeting (connect, TLS, greeting), or the whole probe when it failed.
fn latency_ms(r: &EndpointReport) -> u64 {
    match (r.timings.connect_ms, r.timings.greeting_ms) {
        (Some(c), Some(g)) if r.error.is_none() => c + g + r.timings.tls_ms.unwrap_or(0),
        _ => r.timings.total_ms,
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    index: usize,
    row: &Row,
    flags: (bool, bool),
    lang: Lang,
    result_w: f32,
    out: &mut Out,
) {
    let spec = &row.endpoint;
    let row_name = format!(
        "{} {} {}",
        spec.protocol.label(),
        spec.port,
        describe::security(spec.security, lang)
    );
    ui.horizontal(|ui| {
        let (icon, label) = if row.expanded {
            ("⏷", T::HideDetails)
        } else {
            ("⏵", T::ShowDetails)
        };
        let toggle = ui
            .add_sized(
                [W_TOGGLE, ui.spacing().interact_size.y],
                egui::Button::new(icon).frame(false),
            )
            .accessible_name(format!("{} {row_name}", label.get(lang)))
            .on_hover_text(label.get(lang));
        if toggle.clicked() {
            out.commands.push(Command::ToggleRow(index));
        }
        cell(ui, W_PORT, spec.port.to_string());
        cell(ui, W_SECURITY, describe::security(spec.security, lang));
        let (icon, color, words) = state_look(ui, &row.state, lang);
        ui.allocate_ui_with_layout(
            egui::vec2(result_w, ui.spacing().interact_size.y),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(result_w);
                if row.state == RowState::Pending {
                    ui.spinner();
                } else {
                    ui.colored_label(color, icon);
                }
                // Wrapped, not truncated: the reason is the point of the row (a
                // narrow window makes the row two lines high instead of cutting it).
                ui.add(egui::Label::new(egui::RichText::new(&words).color(color)).wrap());
            },
        );
        let r = row.report();
        cell(
            ui,
            W_TIME,
            r.map(|r| ui_text::latency(latency_ms(r), lang))
                .unwrap_or_default(),
        );
        let tls = r.and_then(|r| r.tls.as_ref());
        cell(
            ui,
            W_TLS,
            tls.map(|t| t.version.clone()).unwrap_or_default(),
        );
        match tls {
            Some(t) => {
                let color = if t.chain == ChainVerdict::Trusted {
                    good_color(ui)
                } else {
                    ui.visuals().error_fg_color
                };
                cell(
                    ui,
                    W_CERT,
                    egui::RichText::new(cert_word(t.chain).get(lang)).color(color),
                );
            }
            None => {
                cell(ui, W_CERT, "");
            }
        }
    });
    if row.expanded {
        ui.indent(("row-details", index), |ui| {
            details(ui, index, row, flags, lang, out);
        });
    }
}

fn list(ui: &mut egui::Ui, title: T, items: &[String], lang: Lang) {
    if items.is_empty() {
        return;
    }
    ui.strong(title.get(lang));
    ui.add(egui::Label::new(egui::RichText::new(items.join("  ")).monospace()).wrap());
}

/// The expanded part of a row. Capabilities, certificate fields, transcripts and
/// the engine's message are protocol data, shown verbatim in monospace.
fn details(
    ui: &mut egui::Ui,
    index: usize,
    row: &Row,
    (allowed, copied): (bool, bool),
    lang: Lang,
    out: &mut Out,
) {
    let RowState::Done(r) = &row.state else {
        ui.weak(T::NoDetails.get(lang));
        return;
    };
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // The engine's explanation in the UI language, made from the report at
            // draw time (so a language switch changes it).
            ui.strong(T::Detail.get(lang));
            ui.add(
                egui::Label::new(
                    egui::RichText::new(crate::probe::report::summary_in(r, lang).to_string())
                        .monospace(),
                )
                .wrap(),
            );
            if let Some(l) = &r.login {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(T::Login.get(lang));
                    ui.label(login_word(&l.result).get(lang));
                    if crate::probe::InsecureAllow::offer(r).is_some() {
                        if allowed {
                            ui.weak(T::InsecureLoginAllowed.get(lang));
                            // The same question again, where No withdraws the permission.
                            if ui.small_button(T::ChangeInsecureLogin.get(lang)).clicked() {
                                out.commands.push(Command::AskInsecureLogin(index));
                            }
                        } else if ui.button(T::AllowInsecureLogin.get(lang)).clicked() {
                            out.commands.push(Command::AskInsecureLogin(index));
                        }
                    }
                });
            }
            let lines = |c: &Option<crate::probe::caps::Capabilities>| {
                c.as_ref().map(|c| c.lines()).unwrap_or_default()
            };
            let before = lines(&r.session.caps_before_tls);
            let after = lines(&r.session.caps_after_tls);
            match r.endpoint.security {
                Security::Starttls => {
                    list(ui, T::CapsBefore, &before, lang);
                    list(ui, T::CapsAfter, &after, lang);
                }
                // Implicit TLS (and plain): one list, read over that connection.
                Security::Tls => list(ui, T::Capabilities, &after, lang),
                Security::Plain => list(ui, T::Capabilities, &before, lang),
            }
            if let Some(t) = &r.tls
                && let Some(c) = t.certificates.first()
            {
                ui.strong(T::Certificate.get(lang));
                egui::Grid::new(("cert", r.endpoint.port, r.endpoint.security.as_str()))
                    .num_columns(2)
                    .spacing([12.0, 2.0])
                    .show(ui, |ui| {
                        let mono = |ui: &mut egui::Ui, s: &str| {
                            ui.add(egui::Label::new(egui::RichText::new(s).monospace()).wrap());
                        };
                        ui.label(T::Subject.get(lang));
                        mono(ui, &c.subject);
                        ui.end_row();
                        ui.label(T::Issuer.get(lang));
                        mono(ui, &c.issuer);
                        ui.end_row();
                        ui.label(T::Names.get(lang));
                        let names: Vec<&str> = c.sans.iter().map(|n| n.as_str()).collect();
                        mono(ui, &names.join(", "));
                        ui.end_row();
                        ui.label(T::Validity.get(lang));
                        ui.label(ui_text::validity(
                            &c.not_before.chars().take(10).collect::<String>(),
                            &c.not_after.chars().take(10).collect::<String>(),
                            lang,
                        ));
                        ui.end_row();
                        ui.label(T::Fingerprint.get(lang));
                        mono(ui, &c.sha256);
                        ui.end_row();
                    });
            }
            if !r.transcript.lines.is_empty() {
                let transcript = r.transcript.to_string();
                ui.horizontal(|ui| {
                    ui.strong(T::Transcript.get(lang));
                    if ui.small_button(T::Copy.get(lang)).clicked() {
                        out.commands.push(Command::CopyTranscript(index));
                    }
                    if copied {
                        super::copied_beside(
                            ui,
                            ui_text::copied(&T::WhatTranscript.get(lang), lang),
                        );
                    }
                });
                ui.add(egui::Label::new(egui::RichText::new(transcript).monospace()).wrap());
            }
        });
}
