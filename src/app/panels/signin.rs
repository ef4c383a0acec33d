//! The OAuth2 sign-in block under the account form, for a provider that
//! takes only OAuth2: the client id field, Sign in (Cancel while the
//! browser is out), and the state line (waiting, cancelled, signed in,
//! error). The words are in [`crate::app::signin::text`].

use super::Out;
use crate::app::command::Command;
use crate::app::signin::{SigninState, text};
use crate::app::state::Session;
use crate::providers::{AuthKind, Entry};
use eframe::egui;

/// Whether the block is shown for `entry`: OAuth2 only, with a known sign-in.
pub fn applies(entry: Option<&Entry>) -> bool {
    entry.is_some_and(|e| {
        e.provider.auth.kind == AuthKind::Oauth2Only && e.provider.oauth2.is_some()
    })
}

/// Draws the block.
pub fn show(ui: &mut egui::Ui, session: &mut Session, field_width: f32, out: &mut Out) {
    let lang = session.lang;
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
    ui.horizontal(|ui| {
        if session.signin.running() {
            ui.spinner();
            if ui.button(text::cancel(lang)).clicked() {
                out.commands.push(Command::CancelSignIn);
            }
        } else if ui.button(text::sign_in(lang)).clicked() {
            out.commands.push(Command::SignIn);
        }
    });
    let line = text::state(lang, &session.signin.state);
    match &session.signin.state {
        SigninState::Failed(_) => {
            ui.colored_label(ui.visuals().warn_fg_color, line);
        }
        SigninState::Waiting { url: Some(url) } => {
            ui.label(line);
            // The address, for a browser that did not open (selectable, not a link).
            ui.add(egui::Label::new(egui::RichText::new(url).small().weak()).wrap());
        }
        _ => {
            ui.label(line);
        }
    }
}
