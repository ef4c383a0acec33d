//! The OAuth2 sign-in block under the account form, for a provider with an
//! OAuth2 description: the client id field, the tenant (Microsoft) or the
//! client secret (Google, Yahoo) field, Sign in and Sign in with a code
//! (Cancel while one runs), and the state line (waiting for the browser,
//! the device code with its address, a copy button and the time left,
//! cancelled, signed in, error). Where OAuth2 is the only way in the block
//! is open; where it replaces an app password it is folded under a header.
//! The words are in [`crate::app::signin::text`].

use super::Out;
use crate::app::command::Command;
use crate::app::signin::{self, SigninState, text};
use crate::app::state::{Copied, Session};
use crate::app::ui_text::T;
use crate::providers::{AuthKind, Entry};
use eframe::egui;

/// Whether the block is shown for `entry`: a provider mailconf knows the
/// OAuth2 sign-in of.
pub fn applies(entry: Option<&Entry>) -> bool {
    entry.is_some_and(|e| e.provider.oauth2.is_some())
}

/// Draws the block.
pub fn show(
    ui: &mut egui::Ui,
    session: &mut Session,
    entry: &Entry,
    field_width: f32,
    out: &mut Out,
) {
    if entry.provider.auth.kind == AuthKind::Oauth2Only {
        block(ui, session, entry, field_width, out);
    } else {
        ui.add_space(4.0);
        egui::CollapsingHeader::new(text::instead_of_password(session.lang))
            .id_salt("oauth2-instead-of-password")
            .default_open(session.signin.running() || session.signin.state != SigninState::Idle)
            .show(ui, |ui| block(ui, session, entry, field_width, out));
    }
}

fn block(ui: &mut egui::Ui, session: &mut Session, entry: &Entry, field_width: f32, out: &mut Out) {
    let lang = session.lang;
    let provider = &entry.provider;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(text::client_id_label(lang));
        ui.add(
            egui::TextEdit::singleline(&mut session.signin.client_id)
                .hint_text(text::client_id_hint(lang))
                .desired_width(field_width),
        )
        .labelled_by(label.id);
    });
    if signin::takes_tenant(provider) {
        let default = provider
            .oauth2
            .as_ref()
            .and_then(|o| o.tenant.clone())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            let label = ui.label(text::tenant_label(lang));
            ui.add(
                egui::TextEdit::singleline(&mut session.signin.tenant)
                    .hint_text(text::tenant_hint(lang, &default))
                    .desired_width(field_width),
            )
            .labelled_by(label.id);
        });
        // Said while typing, not only when Sign in is pressed.
        if let Err(reason) = signin::typed_tenant(provider, &session.signin.tenant, lang) {
            ui.colored_label(ui.visuals().warn_fg_color, reason);
        }
    }
    if signin::takes_client_secret(provider) {
        ui.horizontal(|ui| {
            let label = ui.label(text::client_secret_label(lang));
            let mut output = egui::TextEdit::singleline(&mut session.signin.client_secret)
                .password(true)
                .hint_text(text::client_secret_hint(lang))
                .desired_width(field_width)
                .show(ui);
            // No undo snapshots of a secret.
            output.state.clear_undoer();
            output.state.store(ui.ctx(), output.response.id);
            output.response.response.labelled_by(label.id);
        });
    }
    ui.horizontal(|ui| {
        if session.signin.running() {
            ui.spinner();
            if ui.button(text::cancel(lang)).clicked() {
                out.commands.push(Command::CancelSignIn);
            }
        } else {
            if ui.button(text::sign_in(lang)).clicked() {
                out.commands.push(Command::SignIn { device: false });
            }
            if signin::offers_device_flow(provider)
                && ui
                    .button(text::sign_in_with_code(lang))
                    .on_hover_text(text::sign_in_with_code_tip(lang))
                    .clicked()
            {
                out.commands.push(Command::SignIn { device: true });
            }
        }
    });
    let state = &session.signin.state;
    let line = match state {
        SigninState::Idle if provider.auth.kind != AuthKind::Oauth2Only => text::optional(lang),
        _ => text::state(lang, state),
    };
    match state {
        SigninState::Failed(_) => {
            ui.colored_label(ui.visuals().warn_fg_color, line);
        }
        SigninState::Waiting { url: Some(url) } => {
            ui.label(line);
            // The address, for a browser that did not open (selectable, not a link).
            ui.add(egui::Label::new(egui::RichText::new(url).small().weak()).wrap());
        }
        SigninState::Device(Some(d)) => {
            ui.add(egui::Label::new(line).wrap());
            ui.horizontal(|ui| {
                // The code, large enough to read from across the desk.
                ui.label(egui::RichText::new(&d.code).monospace().size(20.0).strong());
                if ui.button(text::copy_code(lang)).clicked() {
                    out.commands.push(Command::CopyDeviceCode);
                }
                if session.copied == Some(Copied::DeviceCode) {
                    super::copied_beside(
                        ui,
                        crate::app::ui_text::copied(&T::WhatDeviceCode.get(lang), lang),
                    );
                }
            });
            ui.label(
                egui::RichText::new(text::device_time_left(lang, d))
                    .small()
                    .weak(),
            );
            // The minutes left count down.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
        _ => {
            ui.add(egui::Label::new(line).wrap());
        }
    }
}
