//! The Export window: every format with what it is and where the file goes,
//! written from the probe results when there are secure ones, else from the
//! database (the file says which). The save dialog is behind [`FileDialog`], so
//! tests hand in a path.
//!
//! The dialog is asked, and the file written, on a worker thread
//! ([`save_in_background`]): the window keeps drawing while the dialog is open,
//! and the answer comes back over a channel with a repaint.

use super::command::Command;
use super::panels::Out;
use super::state::{Recognition, Session};
use super::text::{self, T};
use crate::export::probed::apply_probe;
use crate::export::{AccountSettings, ExportOptions, Format, output};
use crate::i18n::Lang;
use crate::providers::{Database, Protocol};
use eframe::egui;
use secrecy::SecretString;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::task::{Context, Poll, Wake};
use zeroize::Zeroize;

/// Asks where to save a file. Called on a worker thread, never on the UI
/// thread, so it may block until the user answers.
pub trait FileDialog: Send + Sync {
    /// The path chosen, or `None` when the user cancelled. `default_name` is the
    /// suggested file name.
    fn save(&self, default_name: &str) -> Option<PathBuf>;
}

/// The system's save dialog (rfd's asynchronous dialog: the XDG portal on
/// Linux, the native panels elsewhere).
pub struct SystemDialog;

impl FileDialog for SystemDialog {
    fn save(&self, default_name: &str) -> Option<PathBuf> {
        let chosen = rfd::AsyncFileDialog::new()
            .set_file_name(default_name)
            .save_file();
        block_on(chosen).map(|f| f.path().to_path_buf())
    }
}

/// Unparks the thread that waits in [`block_on`].
struct Unpark(std::thread::Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current (worker) thread. rfd's dialog
/// future drives itself (D-Bus, or the platform's own loop) and only needs to be
/// polled again when it wakes us, so no async runtime is needed.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Arc::new(Unpark(std::thread::current())).into();
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
        // A spurious wake-up only polls once more.
        std::thread::park();
    }
}

/// A dialog that always answers with the same path (tests).
pub struct FixedPath(pub PathBuf);

impl FileDialog for FixedPath {
    fn save(&self, _default_name: &str) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

/// A rendered document.
pub struct Document {
    /// The text.
    pub text: String,
    /// The suggested file name.
    pub file_name: String,
    /// Whether the file must be owner-only (a password in it, or fetchmail).
    pub private: bool,
    /// Whether the probe results were used (else the database).
    pub probed: bool,
}

/// Renders `format` for the session's account. Errors are for the user, in `lang`.
pub fn render(session: &Session, db: &Database, format: Format) -> Result<Document, String> {
    let lang = session.lang;
    // A database provider, or the settings discovery found for an unknown domain.
    let provider = match session.provider(db) {
        Some(entry) => entry.provider.clone(),
        None => session
            .discovery
            .result
            .as_ref()
            .and_then(|d| d.as_provider())
            .ok_or_else(|| T::ExportNeedsProvider.get(lang).to_owned())?,
    };
    let address = match &session.recognition {
        Recognition::Known { address, .. } | Recognition::Unknown { address } => Some(address),
        _ => None,
    };
    let incoming = provider
        .incoming
        .first()
        .map_or(Protocol::Imap, |s| s.protocol);
    let mut settings =
        AccountSettings::from_provider(&provider, address, incoming).map_err(|e| e.to_string())?;
    if let Some(found) = session.discovered(db) {
        settings.verified = crate::export::settings::Verification::Discovered {
            provenance: found.provenance.clone(),
        };
    }
    let reports = session.probe.reports();
    let mut probed = false;
    if !session.probe.running && !reports.is_empty() {
        let mut tried = settings.clone();
        if apply_probe(&mut tried, &reports).is_ok() {
            settings = tried;
            probed = true;
        }
    }
    let exporter = format.exporter(&ExportOptions::default());
    let with_password =
        session.export_password && !session.password.is_empty() && exporter.supports_password();
    if with_password {
        settings.password = Some(SecretString::from(session.password.expose().to_owned()));
    }
    let text = exporter
        .render(&settings, lang)
        .map_err(|e| e.to_string())?;
    Ok(Document {
        text,
        file_name: exporter.file_name(&settings),
        private: with_password || exporter.needs_private_file(),
        probed,
    })
}

/// Asks `dialog` where to save and writes the document there, on a worker
/// thread. The receiver gets the message for the status line (`None` when the
/// user cancelled: nothing is written), after which `wake` is called. `Err`
/// when no thread could be started.
pub fn save_in_background(
    mut doc: Document,
    dialog: Arc<dyn FileDialog>,
    lang: Lang,
    wake: impl Fn() + Send + 'static,
) -> Result<Receiver<Option<String>>, String> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("mailconf-save".into())
        .spawn(move || {
            // A panicking dialog (a bug in a platform backend) counts as cancelled.
            let chosen = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                dialog.save(&doc.file_name)
            }))
            .ok()
            .flatten();
            let status = chosen.map(|path| write(&doc, &path, lang));
            // The text may hold the password.
            doc.text.zeroize();
            // The app may have closed meanwhile; then nobody needs the answer.
            let _ = tx.send(status);
            wake();
        })
        .map_err(|e| e.to_string())?;
    Ok(rx)
}

fn write(doc: &Document, path: &Path, lang: Lang) -> String {
    match output::write_atomic(path, doc.text.as_bytes(), doc.private, true) {
        Ok(()) => text::export_saved(&path.display().to_string(), lang),
        Err(e) => text::export_failed(&e.to_string(), lang),
    }
}

/// Draws the Export window when it is open.
pub fn window(ctx: &egui::Context, session: &mut Session, db: &Database, out: &mut Out) {
    if !session.export_open {
        return;
    }
    let lang = session.lang;
    let mut open = true;
    // No title-bar close button and no resize handles: egui names those in
    // English only ("Close window", "Resize window …"); a Close button of ours.
    egui::Window::new(T::Export.get(lang))
        .collapsible(false)
        .resizable(false)
        .default_width(560.0)
        // Not resizable, so as tall as the window allows (it scrolls inside).
        .default_height((ctx.content_rect().height() - 80.0).max(300.0))
        .vscroll(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(T::Close.get(lang)).clicked() {
                        open = false;
                    }
                });
            });
            let probed = !session.probe.running && !session.probe.reports().is_empty();
            ui.label(if probed {
                T::ExportFromProbe.get(lang)
            } else if session.discovered(db).is_some() {
                T::ExportFromDiscovery.get(lang)
            } else {
                T::ExportFromDatabase.get(lang)
            });
            ui.checkbox(&mut session.export_password, T::IncludePassword.get(lang));
            if session.export_password {
                ui.colored_label(ui.visuals().warn_fg_color, T::PasswordInFile.get(lang));
            }
            if session.export_waiting {
                ui.weak(T::WaitingForSaveDialog.get(lang));
            }
            if let Some(status) = &session.export_status {
                ui.strong(status);
            }
            ui.separator();
            for format in Format::ALL {
                let exporter = format.exporter(&ExportOptions::default());
                ui.horizontal_wrapped(|ui| {
                    ui.strong(format.title(lang));
                    ui.label(exporter.description(lang));
                });
                ui.weak(exporter.destination(lang));
                ui.horizontal(|ui| {
                    // One dialog at a time.
                    let save = ui
                        .add_enabled(
                            !session.export_waiting,
                            egui::Button::new(T::SaveAs.get(lang)),
                        )
                        .on_hover_text(exporter.default_file_name());
                    if save.clicked() {
                        out.commands.push(Command::ExportSave(format));
                    }
                    if ui.button(T::CopyToClipboard.get(lang)).clicked() {
                        out.commands.push(Command::ExportCopy(format));
                    }
                });
                ui.add_space(6.0);
            }
        });
    if !open {
        out.commands.push(Command::CloseExport);
    }
}
