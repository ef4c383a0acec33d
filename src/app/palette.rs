//! The app's text colours, the only place a colour is written (the
//! architecture test `the_app_takes_every_colour_from_its_palette` keeps it
//! so): what `tests/gui.rs` measures against WCAG AA is then what every panel
//! draws. Not for layout or egui's own widget colours.

use eframe::egui;

/// Text colours of one theme, chosen to reach WCAG AA (4.5:1) on the panel,
/// window and text-field backgrounds of that theme (egui's own orange, red,
/// grey and link blue do not); `tests/gui.rs` computes the ratios.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Works, secure, trusted.
    pub good: egui::Color32,
    /// Works only insecurely, needs setup, warnings.
    pub warn: egui::Color32,
    /// Failed, refused, discontinued.
    pub error: egui::Color32,
    /// Hints, notes, small print.
    pub weak: egui::Color32,
    /// Links.
    pub link: egui::Color32,
}

/// The palette of the dark (`true`) or light theme.
pub fn palette(dark: bool) -> Palette {
    use egui::Color32 as C;
    if dark {
        Palette {
            good: C::from_rgb(110, 200, 120),
            warn: C::from_rgb(255, 160, 60),
            error: C::from_rgb(255, 110, 100),
            weak: C::from_gray(150),
            link: C::from_rgb(90, 170, 255),
        }
    } else {
        Palette {
            good: C::from_rgb(20, 120, 45),
            warn: C::from_rgb(166, 77, 0),
            error: C::from_rgb(190, 20, 20),
            weak: C::from_gray(100),
            link: C::from_rgb(0, 100, 190),
        }
    }
}
