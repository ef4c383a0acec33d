//! Test connection, the progress line, the summary and the result table.
//!
//! Every endpoint gets its row (with a spinner) the moment the test starts;
//! results fill in as they arrive. Rows are grouped by protocol and host, and
//! expand to show capabilities before and after STARTTLS, the certificate and
//! the redacted transcript.

use super::Out;
use super::account::good_color;
use crate::advice::Severity;
use crate::app::backend::{CertVerdict, FailReason, InsecureReason, Outcome, Verdict};
use crate::app::command::Command;
use crate::app::state::{Row, RowState, Session};
use crate::app::text::{self, T};
use crate::i18n::Lang;
use crate::probe::login::LoginOutcome;
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
    // An unknown domain is looked up first; the test starts when the answer is in.
    let plan_ok =
        session.can_test && (session.awaits_discovery() || session.probe_plan(db).is_some());
    let probe = &session.probe;

    let buttons = ui.horizontal(|ui| {
        let test = ui
            .add_enabled(
                plan_ok,
                egui::Button::new(egui::RichText::new(T::TestConnection.get(lang)).strong())
                    .min_size(egui::vec2(140.0, 30.0)),
            )
            .on_hover_text(T::TestTooltip.get(lang))
            .on_disabled_hover_text(if session.can_test {
                T::NothingToTest.get(lang)
            } else {
                T::EngineMissing.get(lang)
            });
        if test.clicked() {
            out.commands.push(Command::StartProbe);
        }
        let cancel = ui
            .add_enabled(
                probe.running || session.discovery.then_probe,
                egui::Button::new(T::Cancel.get(lang)).min_size(egui::vec2(80.0, 30.0)),
            )
            .on_hover_text(T::CancelTooltip.get(lang));
        if cancel.clicked() {
            out.commands.push(Command::CancelProbe);
        }
        let has_provider = session.provider(db).is_some() || session.discovered(db).is_some();
        if ui
            .add_enabled(
                has_provider,
                egui::Button::new(T::Export.get(lang)).min_size(egui::vec2(80.0, 30.0)),
            )
            .on_disabled_hover_text(T::ExportNeedsProvider.get(lang))
            .clicked()
        {
            out.commands.push(Command::OpenExport);
        }
        if !probe.running
            && probe.done_count() > 0
            && ui
                .button(T::CopyReport.get(lang))
                .on_hover_text(T::CopyReportTooltip.get(lang))
                .clicked()
        {
            out.commands.push(Command::CopyReport);
        }
        if !probe.rows.is_empty() {
            let total = probe.rows.len();
            let done = probe.done_count();
            if probe.running {
                ui.spinner();
                ui.label(text::progress(done, total, lang));
            } else if probe.cancelled {
                ui.label(text::progress_cancelled(done, total, lang));
            } else {
                ui.label(text::progress(done, total, lang));
            }
        }
    });
    let results_top = buttons.response.rect.top();
    let scroll = std::mem::take(&mut session.probe.scroll_into_view);
    let probe = &session.probe;
    if !session.can_test {
        ui.weak(T::EngineMissing.get(lang));
        return;
    }
    if probe.rows.is_empty() {
        ui.weak(T::NotTestedYet.get(lang));
        return;
    }

    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading(T::Results.get(lang));
        if !probe.target.is_empty() {
            ui.label(egui::RichText::new(&probe.target).strong());
        }
    });
    if session.demo {
        ui.colored_label(ui.visuals().warn_fg_color, T::DemoData.get(lang));
    }
    if !probe.running && probe.done_count() > 0 {
        summary(ui, session, db);
    }
    let probe = &session.probe;
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
    let mut last_group: Option<(crate::providers::Protocol, &str)> = None;
    for (i, row) in probe.rows.iter().enumerate() {
        let group = (row.spec.protocol, row.spec.host.as_str());
        if last_group != Some(group) {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(row.spec.protocol.label()).strong());
                ui.monospace(&row.spec.host);
            });
            last_group = Some(group);
        }
        let allowed = session
            .allow_insecure
            .iter()
            .any(|a| a.names(&crate::app::engine::endpoint(&row.spec)));
        row_ui(ui, i, row, allowed, lang, result_w, out);
    }
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

/// "POP3: use pop.163.com:995 TLS · SMTP: …".
fn summary(ui: &mut egui::Ui, session: &Session, db: &Database) {
    let lang = session.lang;
    egui::Frame::group(ui.style())
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(T::Summary.get(lang));
                for (i, (p, best)) in session.probe.recommendations().into_iter().enumerate() {
                    if i > 0 {
                        ui.weak("·");
                    }
                    match best {
                        Some(e) => {
                            ui.colored_label(
                                good_color(ui),
                                format!(
                                    "{}{}{} {}:{} {}",
                                    p.label(),
                                    colon(lang),
                                    T::Use.get(lang),
                                    e.host,
                                    e.port,
                                    describe::security(e.security, lang)
                                ),
                            );
                        }
                        None => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("{}{}{}", p.label(), colon(lang), T::NoSecureWay.get(lang)),
                            );
                        }
                    }
                }
            });
            let advice = session
                .probe
                .advice(session.provider(db).map(|e| &e.provider));
            if !advice.is_empty() {
                ui.add_space(4.0);
                ui.strong(T::Advice.get(lang));
                for a in &advice {
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
        .probe
        .rows
        .iter()
        .find(|r| &r.spec == spec)
        .and_then(|r| match &r.state {
            RowState::Done(o) => held_back(o).or_else(|| {
                // A row without the engine's report (demo and scripted
                // rows): only a plain endpoint can be allowed, as plaintext.
                (o.report.is_none() && spec.security == crate::probe::Security::Plain).then(|| {
                    crate::probe::InsecureAllow::plaintext(&crate::app::engine::endpoint(spec))
                })
            }),
            _ => None,
        })
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
    let modal = egui::Modal::new(egui::Id::unique("confirm-insecure-login")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(T::InsecureLoginTitle.get(lang));
        ui.add_space(6.0);
        ui.label(text::insecure_login_risk(
            &name,
            offer.certificate_sha256.as_deref(),
            lang,
        ));
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

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::ZhHans | Lang::ZhHant => "：",
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

/// Icon, colour and words for a row's state.
fn state_look(ui: &egui::Ui, state: &RowState, lang: Lang) -> (String, egui::Color32, String) {
    let weak = ui.visuals().weak_text_color();
    match state {
        RowState::Pending => (String::new(), weak, T::Testing.get(lang).to_owned()),
        RowState::Cancelled => ("—".into(), weak, T::Cancelled.get(lang).to_owned()),
        RowState::Done(o) => match o.verdict {
            Verdict::Secure => ("✔".into(), good_color(ui), T::Secure.get(lang).to_owned()),
            Verdict::Insecure(r) => (
                "⚠".into(),
                ui.visuals().warn_fg_color,
                format!(
                    "{} · {}",
                    T::Insecure.get(lang),
                    match r {
                        InsecureReason::PlainPort => T::WhyPlainPort,
                        InsecureReason::StarttlsNotOffered => T::WhyStarttlsNotOffered,
                        InsecureReason::StarttlsRefused => T::WhyStarttlsRefused,
                    }
                    .get(lang)
                ),
            ),
            Verdict::Failed(r) => (
                "✖".into(),
                ui.visuals().error_fg_color,
                format!(
                    "{} · {}",
                    T::Failed.get(lang),
                    match r {
                        FailReason::Refused => T::WhyRefused,
                        FailReason::Timeout => T::WhyTimeout,
                        FailReason::Dns => T::WhyDns,
                        FailReason::Tls => T::WhyTls,
                        FailReason::Certificate => T::WhyCertificate,
                        FailReason::Protocol => T::WhyProtocol,
                    }
                    .get(lang)
                ),
            ),
            Verdict::Blocked => (
                "⛔".into(),
                ui.visuals().error_fg_color,
                format!("{} · {}", T::Blocked.get(lang), T::WhyFiltered.get(lang)),
            ),
        },
    }
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

fn login_of(o: &Outcome) -> Option<&LoginOutcome> {
    o.report
        .as_ref()
        .and_then(|r| r.login.as_ref())
        .map(|l| &l.result)
}

/// The consent the user may give after the password was held back (see
/// [`crate::probe::InsecureAllow::offer`]).
fn held_back(o: &Outcome) -> Option<crate::probe::InsecureAllow> {
    o.report
        .as_deref()
        .and_then(crate::probe::InsecureAllow::offer)
}

fn cert_word(v: CertVerdict) -> T {
    match v {
        CertVerdict::Trusted => T::CertTrusted,
        CertVerdict::Expired => T::CertExpired,
        CertVerdict::WrongName => T::CertWrongName,
        CertVerdict::SelfSigned => T::CertSelfSigned,
        CertVerdict::Untrusted => T::CertUntrusted,
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    index: usize,
    row: &Row,
    allowed: bool,
    lang: Lang,
    result_w: f32,
    out: &mut Out,
) {
    let spec = &row.spec;
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
        let (icon, color, mut words) = state_look(ui, &row.state, lang);
        if let RowState::Done(o) = &row.state
            && let Some(l) = login_of(o)
        {
            words = format!("{words} · {}", login_word(l).get(lang));
        }
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
        let o: Option<&Outcome> = match &row.state {
            RowState::Done(o) => Some(o),
            _ => None,
        };
        cell(
            ui,
            W_TIME,
            o.and_then(|o| o.latency_ms)
                .map(|ms| text::latency(ms, lang))
                .unwrap_or_default(),
        );
        cell(
            ui,
            W_TLS,
            o.and_then(|o| o.tls_version.clone()).unwrap_or_default(),
        );
        let cert = o.and_then(|o| o.cert.as_ref());
        match cert {
            Some(c) => {
                let color = if c.verdict == CertVerdict::Trusted {
                    good_color(ui)
                } else {
                    ui.visuals().error_fg_color
                };
                cell(
                    ui,
                    W_CERT,
                    egui::RichText::new(cert_word(c.verdict).get(lang)).color(color),
                );
            }
            None => {
                cell(ui, W_CERT, "");
            }
        }
    });
    if row.expanded {
        ui.indent(("row-details", index), |ui| {
            details(ui, index, row, allowed, lang, out);
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
fn details(ui: &mut egui::Ui, index: usize, row: &Row, allowed: bool, lang: Lang, out: &mut Out) {
    let RowState::Done(o) = &row.state else {
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
            // draw time (so a language switch changes it); scripted outcomes have
            // only their own text.
            let detail = match &o.report {
                Some(r) => Some(crate::probe::report::summary_in(r, lang).to_string()),
                None => o.detail.clone(),
            };
            if let Some(d) = detail {
                ui.strong(T::Detail.get(lang));
                ui.add(egui::Label::new(egui::RichText::new(d).monospace()).wrap());
            }
            if let Some(l) = login_of(o) {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(T::Login.get(lang));
                    ui.label(login_word(l).get(lang));
                    if held_back(o).is_some() {
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
            if o.caps_after.is_empty() {
                list(ui, T::Capabilities, &o.caps_before, lang);
            } else {
                list(ui, T::CapsBefore, &o.caps_before, lang);
                list(ui, T::CapsAfter, &o.caps_after, lang);
            }
            if let Some(c) = &o.cert {
                ui.strong(T::Certificate.get(lang));
                egui::Grid::new(("cert", row.spec.port, row.spec.security.as_str()))
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
                        mono(ui, &c.names.join(", "));
                        ui.end_row();
                        ui.label(T::Validity.get(lang));
                        ui.label(text::validity(&c.not_before, &c.not_after, lang));
                        ui.end_row();
                        ui.label(T::Fingerprint.get(lang));
                        mono(ui, &c.sha256);
                        ui.end_row();
                    });
            }
            if !o.transcript.is_empty() {
                ui.horizontal(|ui| {
                    ui.strong(T::Transcript.get(lang));
                    if ui.small_button(T::Copy.get(lang)).clicked() {
                        ui.ctx().copy_text(o.transcript.join("\n"));
                    }
                });
                ui.add(
                    egui::Label::new(egui::RichText::new(o.transcript.join("\n")).monospace())
                        .wrap(),
                );
            }
        });
}
