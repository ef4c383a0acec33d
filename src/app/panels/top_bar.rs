//! The menu bar: language and theme.

use super::Out;
use crate::app::command::Command;
use crate::app::state::{Persisted, ThemeChoice};
use crate::app::ui_text::T;
use crate::i18n::Lang;
use eframe::egui;

/// Draws the menu bar.
pub fn show(ui: &mut egui::Ui, lang: Lang, persisted: &Persisted, out: &mut Out) {
    egui::MenuBar::new().ui(ui, |ui| {
        // The globe stays recognizable when the user switched to a language they cannot read.
        ui.menu_button(format!("🌐 {}", T::Language.get(lang)), |ui| {
            for l in Lang::ALL {
                if ui.radio(l == lang, l.native_name()).clicked() {
                    out.commands.push(Command::SetLang(l));
                    ui.close();
                }
            }
        });
        ui.menu_button(T::View.get(lang), |ui| {
            for (t, label) in [
                (ThemeChoice::System, T::ThemeSystem),
                (ThemeChoice::Light, T::ThemeLight),
                (ThemeChoice::Dark, T::ThemeDark),
            ] {
                if ui.radio(persisted.theme == t, label.get(lang)).clicked() {
                    out.commands.push(Command::SetTheme(t));
                    ui.close();
                }
            }
        });
        if ui
            .button(crate::app::ui_text::T::ExistingEntry.get(lang))
            .clicked()
        {
            out.commands.push(Command::OpenExisting);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(concat!("mailconf ", env!("CARGO_PKG_VERSION")));
        });
    });
}
