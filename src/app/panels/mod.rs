//! Drawing: one module per area of the window.
//!
//! ```text
//! ┌ menu: Language · View ──────────────────────────────────────────┐
//! ├ banner: broken user provider files (dismissable) ───────────────┤
//! │ provider list │ account form                                    │
//! │  (search)     │ Test connection · Cancel · progress · summary   │
//! │               │ result table (rows expand)                      │
//! │               │ provider card (status, password kind, hints)    │
//! └───────────────┴─────────────────────────────────────────────────┘
//! ```
//!
//! Panels read the state, edit only the text buffers of their own fields, and
//! push [`Command`]s for everything else.

pub mod account;
pub mod existing;
pub mod provider_list;
pub mod results;
pub mod signin;
pub mod top_bar;

use super::command::Command;
use super::state::{Persisted, Session};
use super::ui_text::T;
use crate::providers::Database;
use eframe::egui;

/// What a frame's drawing produced.
#[derive(Debug, Default)]
pub struct Out {
    /// Intents, applied after drawing.
    pub commands: Vec<Command>,
}

/// Draws the whole window.
pub fn show(
    ui: &mut egui::Ui,
    session: &mut Session,
    persisted: &Persisted,
    db: &Database,
    focus_address: bool,
    out: &mut Out,
) {
    // Enter with nothing focused starts the test (a focused text field handles its own Enter).
    let nothing_focused = ui.ctx().memory(|m| m.focused().is_none());
    if nothing_focused && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        out.commands.push(Command::StartProbe);
    }

    egui::Panel::top("menu").show(ui, |ui| top_bar::show(ui, session.lang, persisted, out));

    if !session.warnings.is_empty() && !session.warnings_dismissed {
        egui::Panel::top("warnings").show(ui, |ui| warnings(ui, session, out));
    }

    // Not resizable: a fixed share of the window (the resize handle would also
    // bring egui's untranslated "Resize panel" into the accessibility tree).
    // Wide enough for the long names at large sizes (they are cut, with the
    // full name on hover, only in small windows).
    let list_width = (ui.available_width() * 0.32).clamp(230.0, 560.0);
    egui::Panel::left("providers")
        .resizable(false)
        .exact_size(list_width)
        .show(ui, |ui| provider_list::show(ui, session, db, out));

    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("main")
            .auto_shrink(false)
            .show(ui, |ui| {
                // Form, then the test and its results, then the provider card: the
                // button stays near the fields at 900×600, and results push the card
                // down only once there are some.
                account::show(ui, session, db, focus_address, out);
                ui.add_space(10.0);
                results::show(ui, session, db, out);
                ui.add_space(10.0);
                account::provider_card(ui, session, db, out);
                keep_focus_visible(ui);
            });
    });
}

/// Scrolls the scroll area `ui` draws into so that a widget that just got the
/// keyboard focus (Tab, Shift+Tab) is visible; call at the end of the area's
/// contents. egui moves the focus but leaves the scrolling to the app.
pub fn keep_focus_visible(ui: &mut egui::Ui) {
    let focused = ui.ctx().memory(|m| m.focused());
    let key = ui.scope_id().with("last-focus");
    let last: Option<egui::Id> = ui.data(|d| d.get_temp(key)).flatten();
    if focused == last {
        return;
    }
    ui.data_mut(|d| d.insert_temp(key, focused));
    let Some(response) = focused.and_then(|id| ui.ctx().read_response(id)) else {
        return;
    };
    // Only a widget of this area: same layer, inside its columns.
    let area = ui.min_rect();
    if response.layer_id == ui.layer_id() && area.x_range().contains(response.rect.center().x) {
        ui.scroll_to_rect(response.rect, None);
    }
}

/// The banner about broken user provider files: each names the file and line.
fn warnings(ui: &mut egui::Ui, session: &Session, out: &mut Out) {
    let lang = session.lang;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.colored_label(ui.visuals().warn_fg_color, "⚠");
        ui.label(egui::RichText::new(T::UserFilesBroken.get(lang)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(T::Dismiss.get(lang)).clicked() {
                out.commands.push(Command::DismissWarnings);
            }
        });
    });
    for w in session.warnings.iter().take(5) {
        ui.add(egui::Label::new(egui::RichText::new(w.text(lang)).monospace()).wrap());
    }
    if session.warnings.len() > 5 {
        ui.label(format!("… +{}", session.warnings.len() - 5));
    }
    ui.add_space(4.0);
}

/// A Copy's confirmation, beside its button in a row: one line in the room
/// left (all of it on hover), so it neither widens the row (and the page with
/// it) nor wraps and pushes down what is below (issue 14).
pub fn copied_beside(ui: &mut egui::Ui, words: String) {
    ui.add(egui::Label::new(&words).truncate())
        .on_hover_text(words);
}
