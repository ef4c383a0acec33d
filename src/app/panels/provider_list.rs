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
    let search_id = egui::Id::unique("provider-search");
    // Ctrl+F (⌘F) from anywhere goes to the search field.
    let find = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
    if ui.input_mut(|i| i.consume_shortcut(&find)) {
        ui.memory_mut(|m| m.request_focus(search_id));
    }
    // Up and Down in the search field move the highlight in the list (taken
    // before the field would move its cursor with them).
    if ui.memory(|m| m.has_focus(search_id)) {
        let (down, up) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            )
        });
        if down != up {
            out.commands
                .push(Command::MoveHighlight(if down { 1 } else { -1 }));
        }
    }
    let label = ui.label(T::Search.get(lang));
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut session.search)
                .id(search_id)
                .hint_text(T::SearchHint.get(lang))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .on_hover_text(T::SearchTooltip.get(lang));
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
    // Scroll to the highlighted entry, or to the provider the address names,
    // when that changes (not on every frame: the user may scroll away).
    let target = session.highlight.or_else(|| {
        current
            .as_ref()
            .and_then(|c| session.search_results.iter().position(|id| id == c))
    });
    let target_key = egui::Id::unique("provider-list-target");
    let last: Option<usize> = ui.data(|d| d.get_temp(target_key)).flatten();
    let mut area = egui::ScrollArea::vertical()
        .id_salt("provider-list")
        .auto_shrink(false);
    if target != last {
        ui.data_mut(|d| d.insert_temp(target_key, target));
        if let Some(i) = target {
            let stride = row_height + ui.spacing().item_spacing.y;
            let visible = ui.available_height();
            // Centred, but never past the end: an offset beyond the last row
            // makes the area spring back, animating for several frames.
            let end = (n as f32 * stride - ui.spacing().item_spacing.y - visible).max(0.0);
            let y = (i as f32 * stride - (visible - stride) / 2.0).clamp(0.0, end);
            area = area.vertical_scroll_offset(y);
        }
    }
    area.show_rows(ui, row_height, n, |ui, range| {
        let first = range.start;
        for (k, id) in session.search_results[range].iter().enumerate() {
            let Some(entry) = db.by_id(id) else { continue };
            let p = &entry.provider;
            let selected = current.as_deref() == Some(id.as_str());
            let highlighted = session.highlight == Some(first + k);
            let domain = p.domains.first().map(String::as_str).unwrap_or_default();
            let button = egui::Button::selectable(selected || highlighted, p.name.get(lang))
                .right_text(egui::RichText::new(domain).small().weak())
                .min_size(egui::vec2(ui.available_width(), row_height))
                .truncate();
            let response = ui.add(button);
            if highlighted {
                // The highlight is drawn as the keyboard focus ring too.
                ui.painter().rect_stroke(
                    response.rect,
                    2.0,
                    ui.visuals().selection.stroke,
                    egui::StrokeKind::Inside,
                );
            }
            if response.clicked() {
                out.commands.push(Command::PickProvider(id.clone()));
            }
        }
    });
}
