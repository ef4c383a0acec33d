//! The searchable provider list. Searching covers English, Simplified and
//! Traditional names, ids and domains ([`Database::search`]); picking an entry
//! fills the address's domain, or selects the provider when no address is typed.

use super::Out;
use crate::app::command::Command;
use crate::app::state::Session;
use crate::app::ui_text::{self, T};
use crate::providers::Database;
use eframe::egui;

/// Draws the list.
pub fn show(ui: &mut egui::Ui, session: &mut Session, db: &Database, out: &mut Out) {
    let lang = session.lang;
    ui.add_space(6.0);
    ui.heading(T::Providers.get(lang));
    ui.add_space(2.0);
    let label = ui.label(T::Search.get(lang));
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut session.search)
                .hint_text(T::SearchHint.get(lang))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if search.changed() {
        out.commands.push(Command::SearchEdited);
    }
    if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        out.commands.push(Command::PickFirstMatch);
    }
    let n = session.search_results.len();
    if n == 0 {
        ui.weak(T::NoMatch.get(lang));
        return;
    }
    ui.weak(ui_text::provider_count(n, lang));
    ui.add_space(2.0);

    let current = session.provider(db).map(|e| e.provider.id.clone());
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body) + 2.0 * ui.spacing().button_padding.y;
    egui::ScrollArea::vertical()
        .id_salt("provider-list")
        .auto_shrink(false)
        .show_rows(ui, row_height, n, |ui, range| {
            for id in &session.search_results[range] {
                let Some(entry) = db.by_id(id) else { continue };
                let p = &entry.provider;
                let selected = current.as_deref() == Some(id.as_str());
                let domain = p.domains.first().map(String::as_str).unwrap_or_default();
                let button = egui::Button::selectable(selected, p.name.get(lang))
                    .right_text(egui::RichText::new(domain).small().weak())
                    .min_size(egui::vec2(ui.available_width(), row_height))
                    .truncate();
                if ui.add(button).clicked() {
                    out.commands.push(Command::PickProvider(id.clone()));
                }
            }
        });
}
