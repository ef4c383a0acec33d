//! The account form (address, username, password) and the provider card.
//!
//! The card shows what the database knows before anything touches the network:
//! the provider's name, whether it works as it is, needs switching on, or is gone
//! (and what replaced it), what goes into the password field and where to create
//! it, the setup steps in the UI language, quirks, servers and help links.

use super::Out;
use crate::app::command::Command;
use crate::app::state::{Recognition, Session};
use crate::app::ui_text::{self, T};
use crate::i18n::{Lang, msg};
use crate::providers::describe;
use crate::providers::load::display_domain;
use crate::providers::{
    Address, AuthKind, Database, Entry, IdnUsername, MatchKind, Origin, Status,
};
use crate::secret::Secret;
use eframe::egui;
use egui::text::CharIndex;

/// The password field edits a [`Secret`] in place: no plain `String` copy of it
/// is ever made by the form.
impl egui::TextBuffer for Secret {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        self.expose()
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        let at = self.byte_index_from_char_index(char_index);
        self.insert_str(at.0, text);
        text.chars().count()
    }

    fn delete_char_range(&mut self, char_range: std::ops::Range<CharIndex>) {
        let start = self.byte_index_from_char_index(char_range.start);
        let end = self.byte_index_from_char_index(char_range.end);
        self.remove_range(start.0..end.0);
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<Self>()
    }
}

/// The label of the password field for the provider's kind of secret.
pub fn password_label(kind: Option<AuthKind>) -> T {
    match kind {
        Some(AuthKind::AuthorizationCode) => T::AuthorizationCode,
        Some(AuthKind::AppPassword) => T::AppPassword,
        _ => T::Password,
    }
}

/// Draws the form and what the typed address amounts to.
pub fn show(
    ui: &mut egui::Ui,
    session: &mut Session,
    db: &Database,
    focus_address: bool,
    out: &mut Out,
) {
    let lang = session.lang;
    let entry = session.provider(db);
    ui.add_space(6.0);
    ui.heading(T::Account.get(lang));
    ui.add_space(4.0);
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
    let field_width = (ui.available_width() - 220.0).clamp(240.0, 420.0);
    // The label column is as wide as its widest possible label, so the fields
    // stay put when "Password" becomes "Authorization code".
    let font = egui::TextStyle::Body.resolve(ui.style());
    let label_width = [
        T::EmailAddress,
        T::Username,
        T::Password,
        T::AuthorizationCode,
        T::AppPassword,
    ]
    .iter()
    .map(|t| {
        ui.painter()
            .layout_no_wrap(
                t.get(lang).to_owned(),
                font.clone(),
                egui::Color32::PLACEHOLDER,
            )
            .size()
            .x
    })
    .fold(0.0, f32::max);
    egui::Grid::new("account-form")
        .num_columns(2)
        .min_col_width(label_width)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(T::EmailAddress.get(lang));
            // Picked first: the hint says the name is enough.
            let hint = match entry.and_then(|e| e.provider.domains.first()) {
                Some(domain) if session.picked.is_some() => ui_text::name_at(domain, lang),
                _ => T::EmailHint.get(lang).to_owned(),
            };
            let address = ui
                .add(
                    egui::TextEdit::singleline(&mut session.address)
                        .hint_text(hint)
                        .desired_width(field_width),
                )
                .labelled_by(label.id);
            if focus_address {
                address.request_focus();
            }
            if address.changed() {
                out.commands.push(Command::AddressEdited);
            }
            if address.lost_focus() && enter {
                out.commands.push(Command::StartProbe);
            }
            ui.end_row();

            let label = ui.label(T::Username.get(lang));
            let username = ui
                .add(
                    egui::TextEdit::singleline(&mut session.username)
                        .hint_text(T::Optional.get(lang))
                        .desired_width(field_width),
                )
                .labelled_by(label.id);
            if username.changed() {
                out.commands.push(Command::UsernameEdited);
            }
            if username.lost_focus() && enter {
                out.commands.push(Command::StartProbe);
            }
            ui.end_row();
            // An internationalized domain: say what the server is sent.
            if let Ok(a) = Address::parse(&session.username)
                && a.is_internationalized()
            {
                let idn = entry.map_or_else(IdnUsername::default, |e| e.provider.username_idn);
                ui.label("");
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!(
                            "{}{} · {}",
                            T::SentAs.get(lang),
                            a.in_form(idn),
                            describe::idn_username(idn, lang)
                        ))
                        .small(),
                    )
                    .wrap(),
                );
                ui.end_row();
            }

            let kind = entry.map(|e| e.provider.auth.kind);
            let label = ui.label(password_label(kind).get(lang));
            ui.horizontal(|ui| {
                let mut output = egui::TextEdit::singleline(&mut session.password)
                    .password(!session.show_password)
                    .hint_text(T::Optional.get(lang))
                    .desired_width(field_width)
                    .show(ui);
                // egui keeps undo snapshots of a field's text; none for this one.
                output.state.clear_undoer();
                output.state.store(ui.ctx(), output.response.id);
                let password = output.response.response.clone().labelled_by(label.id);
                if password.changed() {
                    out.commands.push(Command::PasswordEdited);
                }
                if password.lost_focus() && enter {
                    out.commands.push(Command::StartProbe);
                }
                let toggle = if session.show_password {
                    T::HidePassword
                } else {
                    T::ShowPassword
                };
                if ui
                    .add(egui::Button::new(toggle.get(lang)).selected(session.show_password))
                    .clicked()
                {
                    session.show_password = !session.show_password;
                }
            });
            ui.end_row();

            ui.label("");
            ui.add(
                egui::Label::new(
                    egui::RichText::new(if session.password_cleared {
                        T::PasswordCleared.get(lang)
                    } else {
                        T::PasswordNote.get(lang)
                    })
                    .small()
                    .weak(),
                )
                .wrap(),
            );
            ui.end_row();
        });
    if let Some(e) = entry.filter(|e| super::signin::applies(Some(e))) {
        super::signin::show(ui, session, e, field_width, out);
    }

    ui.add_space(8.0);
    // One line is always taken, so the buttons below do not move as lines
    // come and go while typing; as tall as a row with the lookup's spinner
    // (a widget's height), or that row pushed them down by 4 px.
    let line = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(
        egui::vec2(ui.available_width(), line),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_min_height(line);
            recognition_line(ui, session, entry.is_some());
        },
    );
}

/// A label in the first column of a grid whose value may take several lines:
/// at the top of its row, beside the value's first line (a grid centres its
/// cells, and "What goes in the password field" then sat beside the link's
/// address, the second line, so the first read as part of the row above).
fn row_label(ui: &mut egui::Ui, text: &str) {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.add(
            egui::Label::new(egui::RichText::new(text).strong())
                .wrap_mode(egui::TextWrapMode::Extend),
        );
    });
}

/// The line under the form: what the typed address amounts to.
fn recognition_line(ui: &mut egui::Ui, session: &Session, has_entry: bool) {
    let lang = session.lang;
    match &session.recognition {
        Recognition::Nothing if !has_entry => {
            ui.weak(T::TypeAddress.get(lang));
        }
        Recognition::Nothing => {
            ui.weak(T::PickedWithoutAddress.get(lang));
        }
        Recognition::Incomplete => {}
        Recognition::Invalid(e) => {
            ui.colored_label(ui.visuals().warn_fg_color, e.text(lang));
        }
        Recognition::Unknown { address } => discovery_status(ui, session, address),
        Recognition::Host { host } => {
            ui.weak(ui_text::testing_host(host, lang));
        }
        Recognition::Known { .. } => {}
    }
}

/// Where discovery stands for an unknown domain: waiting for the typing to
/// pause, looking it up (spinner), or nothing found and what to do. A finding is
/// shown as a card ([`provider_card`]).
fn discovery_status(ui: &mut egui::Ui, session: &Session, address: &crate::providers::Address) {
    let lang = session.lang;
    let domain = display_domain(&address.domain);
    let view = &session.discovery;
    match view.result.as_deref() {
        _ if !session.can_test => {
            ui.label(ui_text::not_in_database(&domain, lang));
        }
        None if view.running() => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(ui_text::looking_up(&domain, lang));
            });
        }
        None => {
            ui.label(ui_text::not_in_database(&domain, lang));
        }
        Some(d) if d.best.is_none() => {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(ui_text::nothing_found(d, lang))
                        .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            )
            // The engine's own words, for the curious.
            .on_hover_text(d.message.text(lang).to_string());
            ui.add(egui::Label::new(T::NothingFoundWhatToDo.get(lang)).wrap());
        }
        Some(_) => {}
    }
}

/// Draws the provider card of the recognized (or picked) provider, if any.
pub fn provider_card(ui: &mut egui::Ui, session: &Session, db: &Database, out: &mut Out) {
    let lang = session.lang;
    let found = match &session.recognition {
        Recognition::Unknown { .. } => session.discovery.found(),
        _ => None,
    };
    if let Some(entry) = session.provider(db) {
        let how = match &session.recognition {
            Recognition::Known {
                kind: MatchKind::ParentDomain,
                matched,
                ..
            } => Some(ui_text::parent_domain_match(matched, lang)),
            _ => found.map(|f| ui_text::found_by(f, lang)),
        };
        let link_copied = session.copied == Some(crate::app::state::Copied::Link);
        card(ui, entry, how.as_deref(), (link_copied, out), lang);
    } else if let Some(f) = found {
        discovered_card(ui, f, &session.discovery.domain, lang);
    }
}

/// The card of settings discovery found for a domain no database entry names:
/// the name the document gives (or the domain), where they came from, the servers.
fn discovered_card(ui: &mut egui::Ui, f: &crate::discover::Finding, domain: &str, lang: Lang) {
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = f
                .provider
                .as_ref()
                .map_or_else(|| display_domain(domain), |p| p.name.get(lang).to_owned());
            ui.label(egui::RichText::new(title).heading().strong());
            ui.add(
                egui::Label::new(egui::RichText::new(ui_text::found_by(f, lang)).small()).wrap(),
            );
            ui.add_space(4.0);
            ui.add(egui::Label::new(T::DiscoveredNote.get(lang)).wrap());
            ui.add_space(4.0);
            ui.strong(T::ServersFound.get(lang));
            egui::Grid::new("discovered-servers")
                .num_columns(4)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for c in f.incoming.iter().chain(&f.outgoing) {
                        let s = &c.server;
                        ui.label(s.protocol.label());
                        ui.monospace(format!("{}:{}", s.host, s.port));
                        ui.label(describe::security(s.security, lang));
                        ui.weak(msg!(
                            lang,
                            "label-value",
                            label = T::UsernameIs.get(lang),
                            value = describe::username_form(s.username, lang)
                        ));
                        ui.end_row();
                    }
                });
        });
}

/// Colour of a status.
fn status_color(ui: &egui::Ui, s: &Status) -> egui::Color32 {
    match s {
        Status::Active => good_color(ui),
        Status::NeedsSetup => ui.visuals().warn_fg_color,
        Status::Discontinued { .. } => ui.visuals().error_fg_color,
    }
}

/// A green readable on both themes.
pub fn good_color(ui: &egui::Ui) -> egui::Color32 {
    crate::app::palette(ui.visuals().dark_mode).good
}

/// The provider card.
/// The provider card; `how` says how the provider was recognized when it was not
/// by the address's own domain (a parent domain, or discovery).
fn card(
    ui: &mut egui::Ui,
    entry: &Entry,
    how: Option<&str>,
    (link_copied, out): (bool, &mut Out),
    lang: Lang,
) {
    let p = &entry.provider;
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(p.name.get(lang)).heading().strong());
                let mut domains: Vec<String> = p
                    .domains
                    .iter()
                    .take(4)
                    .map(|d| display_domain(d))
                    .collect();
                if p.domains.len() > 4 {
                    domains.push("…".into());
                }
                ui.weak(domains.join(" · "));
            });
            match p.origin {
                Origin::User => {
                    ui.small(format!("{} ({})", T::FromYourFile.get(lang), entry.file));
                }
                Origin::Ispdb => {
                    ui.small(T::FromIspdb.get(lang));
                }
                Origin::Hand => {}
            }
            if let Some(how) = how {
                ui.small(how);
            }
            ui.add_space(6.0);
            egui::Grid::new("card-facts")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    row_label(ui, &T::Status.get(lang));
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(describe::status(&p.status, lang))
                                .color(status_color(ui, &p.status)),
                        )
                        .wrap(),
                    );
                    ui.end_row();

                    row_label(ui, &T::PasswordField.get(lang));
                    ui.vertical(|ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(describe::auth_kind(p.auth.kind, lang));
                            if let Some(url) = &p.auth.create_url {
                                ui.hyperlink_to(T::CreateItHere.get(lang), url)
                                    .on_hover_text(url);
                            }
                        });
                        // The address itself, to read out or copy (a helpdesk
                        // on the phone says where to go).
                        if let Some(url) = &p.auth.create_url {
                            ui.horizontal_wrapped(|ui| {
                                ui.add(
                                    egui::Label::new(egui::RichText::new(url).monospace())
                                        .selectable(true)
                                        .wrap(),
                                );
                                if ui.small_button(T::CopyLink.get(lang)).clicked() {
                                    out.commands.push(Command::CopyLink(url.clone()));
                                }
                                if link_copied {
                                    ui.label(ui_text::copied(&T::WhatLink.get(lang), lang));
                                }
                            });
                        }
                        if let Some(n) = &p.auth.notes {
                            ui.add(
                                egui::Label::new(egui::RichText::new(n.get(lang)).weak()).wrap(),
                            );
                        }
                    });
                    ui.end_row();
                });

            if !p.hints.is_empty() {
                egui::CollapsingHeader::new(T::SetupSteps.get(lang))
                    .id_salt("setup-steps")
                    .default_open(true)
                    .show(ui, |ui| {
                        for (i, h) in p.hints.iter().enumerate() {
                            ui.horizontal_top(|ui| {
                                ui.label(format!("{}.", i + 1));
                                ui.add(egui::Label::new(h.get(lang)).wrap());
                            });
                        }
                    });
            }
            if !p.quirks.is_empty() {
                egui::CollapsingHeader::new(T::GoodToKnow.get(lang))
                    .id_salt("quirks")
                    .show(ui, |ui| {
                        for q in &p.quirks {
                            ui.horizontal_top(|ui| {
                                ui.label("•");
                                ui.add(egui::Label::new(describe::quirk(*q, lang)).wrap());
                            });
                        }
                    });
            }
            if !p.incoming.is_empty() || !p.outgoing.is_empty() {
                egui::CollapsingHeader::new(T::KnownServers.get(lang))
                    .id_salt("servers")
                    .show(ui, |ui| {
                        egui::Grid::new("card-servers")
                            .num_columns(4)
                            .spacing([12.0, 4.0])
                            .show(ui, |ui| {
                                for s in p.incoming.iter().chain(&p.outgoing) {
                                    ui.label(s.protocol.label());
                                    ui.monospace(format!("{}:{}", s.host, s.port));
                                    ui.label(describe::security(s.security, lang));
                                    let mut extra = msg!(
                                        lang,
                                        "label-value",
                                        label = T::UsernameIs.get(lang),
                                        value = describe::username_form(s.username, lang)
                                    );
                                    if let Some(n) = &s.note {
                                        extra.push_str(" · ");
                                        extra.push_str(n.get(lang));
                                    }
                                    ui.add(
                                        egui::Label::new(egui::RichText::new(extra).weak()).wrap(),
                                    );
                                    ui.end_row();
                                }
                            });
                    });
            }
            if let Some(h) = &p.history {
                egui::CollapsingHeader::new(T::History.get(lang))
                    .id_salt("history")
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(h.get(lang)).wrap());
                    });
            }
            if !p.help_urls.is_empty() {
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.strong(T::HelpPages.get(lang));
                    for link in &p.help_urls {
                        let title = link
                            .title
                            .as_ref()
                            .map_or(link.url.as_str(), |t| t.get(lang));
                        // hyperlink_to opens the page in the browser (ctx.open_url).
                        ui.hyperlink_to(title, &link.url).on_hover_text(&link.url);
                    }
                });
            }
        });
}
