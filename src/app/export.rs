//! The Export window: every format with what it is and where the file goes,
//! written from the check's summary when the test of this very account found
//! secure ways in, else from the database or discovery (the file and the
//! window say which; results of another account are never used). The save
//! dialog is behind [`FileDialog`] and the clipboard behind [`Clipboard`], so
//! tests hand in a path and read what was copied.
//!
//! The dialog is asked, and the file written, on a worker thread
//! ([`save_in_background`]): the window keeps drawing while the dialog is open,
//! and the answer comes back over a channel with a repaint. When no system dialog
//! can answer (no portal, no zenity) the answer says so, and the app shows its own
//! chooser ([`super::file_chooser`]); Save as… never silently does nothing.

use super::command::Command;
use super::panels::{self, Out};
use super::state::{Copied, Recognition, Session};
use super::ui_text::{self, T};
use crate::export::probed::apply_probe;
use crate::export::{AccountSettings, ExportOptions, Format, output};
use crate::i18n::Lang;
use crate::providers::{Database, Protocol};
use eframe::egui;
use secrecy::SecretString;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};
use std::task::{Context, Poll, Wake};
use zeroize::Zeroize;

/// Asks where to save a file, or which file to open. Called on a worker
/// thread, never on the UI thread, so it may block until the user answers.
/// Always asked through [`ask`].
pub trait FileDialog: Send + Sync {
    /// Whether this dialog can be shown here at all; when not, the app shows
    /// its own chooser instead.
    fn available(&self) -> bool {
        true
    }

    /// The path chosen, or `None` when the user cancelled. `default_name` is the
    /// suggested file name.
    fn save(&self, default_name: &str) -> Option<PathBuf>;

    /// An existing file to open, chosen starting in the home folder (where mail
    /// programs keep their settings), or `None` when the user cancelled.
    fn open(&self) -> Option<PathBuf>;
}

/// What a file dialog is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking<'a> {
    /// Where to save, suggesting this file name.
    Save(&'a str),
    /// Which existing file to open.
    Open,
}

/// What came of asking a file dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// This path.
    Chosen(PathBuf),
    /// The user cancelled: nothing to do.
    Cancelled,
    /// No system dialog can answer here, or it broke: show mailconf's own
    /// chooser ([`super::file_chooser`]), so the button is never a silent no-op.
    NoDialog,
}

/// Asks `dialog` (on a worker thread: it may block until the user answers).
pub fn ask(dialog: &dyn FileDialog, asking: Asking<'_>) -> Asked {
    // A panicking dialog (a bug in a platform backend) counts as no dialog.
    let chosen = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dialog.available().then(|| match asking {
            Asking::Save(name) => dialog.save(name),
            Asking::Open => dialog.open(),
        })
    }));
    match chosen {
        Ok(Some(Some(path))) => Asked::Chosen(path),
        Ok(Some(None)) => Asked::Cancelled,
        Ok(None) | Err(_) => Asked::NoDialog,
    }
}

/// The system's save dialog (rfd's asynchronous dialog: the XDG portal on
/// Linux, or zenity, the native panels elsewhere).
#[derive(Debug, Clone, Default)]
pub struct SystemDialog {
    /// Where to look for a portal and zenity (tests point it elsewhere).
    pub env: super::file_chooser::DialogEnv,
}

impl FileDialog for SystemDialog {
    fn available(&self) -> bool {
        super::file_chooser::system_dialog_answers(&self.env)
    }

    fn save(&self, default_name: &str) -> Option<PathBuf> {
        let chosen = rfd::AsyncFileDialog::new()
            .set_directory(super::file_chooser::start_folder(default_name))
            .set_file_name(default_name)
            .save_file();
        block_on(chosen).map(|f| f.path().to_path_buf())
    }

    fn open(&self) -> Option<PathBuf> {
        let chosen = rfd::AsyncFileDialog::new()
            .set_directory(super::file_chooser::open_folder())
            .pick_file();
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
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
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

    fn open(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

/// The clipboard. [`SystemClipboard`] in the app; tests record what was copied.
pub trait Clipboard: Send {
    /// Puts `text` on the clipboard; `secret` when it holds a password (then
    /// it is remembered, to be cleared again by [`Clipboard::clear_if_ours`]).
    fn copy(&mut self, text: &str, secret: bool);
    /// Empties the clipboard if it still holds the secret copied last (not
    /// something the user copied since). Returns whether it cleared it.
    fn clear_if_ours(&mut self) -> bool;
}

/// The system clipboard (arboard: X11, Wayland, macOS, Windows).
pub struct SystemClipboard;

/// The hash of the secret text copied last, to recognize it without keeping it.
static COPIED_SECRET: Mutex<Option<[u8; 32]>> = Mutex::new(None);

fn digest(text: &str) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(text.as_bytes()).into()
}

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str, secret: bool) {
        if let Ok(mut c) = arboard::Clipboard::new() {
            let _ = c.set_text(text);
        }
        *COPIED_SECRET
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = secret.then(|| digest(text));
    }

    fn clear_if_ours(&mut self) -> bool {
        let mut ours = COPIED_SECRET
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(hash) = ours.take() else {
            return false;
        };
        let Ok(mut c) = arboard::Clipboard::new() else {
            return false;
        };
        match c.get_text() {
            Ok(now) if digest(&now) == hash => c.clear().is_ok(),
            _ => false,
        }
    }
}

/// What the files of the Export window are made from, and what the window says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The test just now of this very account found secure ways in.
    Tested,
    /// The provider database; not tested (or the test found nothing secure).
    Database,
    /// What discovery found; not tested.
    Discovered,
    /// The standard ways in of a server known only by its name; not tested.
    ServerName,
    /// The results shown are of another account (named): not used.
    StaleTest(String),
}

/// What an export for the form would use now.
pub fn basis(session: &Session, db: &Database) -> Basis {
    let stale = session.check.generation.is_some() && !session.results_current();
    let tested = session
        .summary()
        .is_some_and(|s| s.recommendations.iter().any(|r| r.endpoint.is_some()));
    match &session.recognition {
        _ if tested => Basis::Tested,
        _ if stale && !session.check.target.is_empty() => {
            Basis::StaleTest(session.check.target.clone())
        }
        Recognition::Host { .. } => Basis::ServerName,
        _ if session.discovered(db).is_some() => Basis::Discovered,
        _ => Basis::Database,
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
    /// Whether the test's results were used (else the database or discovery).
    pub probed: bool,
    /// Whether the password is in it.
    pub has_password: bool,
}

/// The incoming protocols `provider` has an encrypted server for, POP3 first.
pub fn protocols(provider: &crate::providers::Provider) -> Vec<Protocol> {
    [Protocol::Pop3, Protocol::Imap]
        .into_iter()
        .filter(|p| {
            provider
                .incoming
                .iter()
                .any(|s| s.protocol == *p && s.security != crate::providers::Security::Plain)
        })
        .collect()
}

/// The protocol exported unless the user chooses: what this account's test
/// found working, the provider's preferred one first; without a test, the
/// provider's preferred one.
pub fn default_protocol(session: &Session, provider: &crate::providers::Provider) -> Protocol {
    let preferred = crate::export::preferred_incoming(provider)
        .or_else(|| provider.incoming.first().map(|s| s.protocol))
        .unwrap_or(Protocol::Imap);
    let Some(summary) = session.summary() else {
        return preferred;
    };
    let other = match preferred {
        Protocol::Pop3 => Protocol::Imap,
        _ => Protocol::Pop3,
    };
    [preferred, other]
        .into_iter()
        .find(|p| summary.best(*p).is_some())
        .unwrap_or(preferred)
}

/// The provider the export is written for (a database entry, discovery's
/// finding, or a server's name).
fn export_provider(session: &Session, db: &Database) -> Option<crate::providers::Provider> {
    match (session.provider(db), &session.recognition) {
        (Some(entry), _) => Some(entry.provider.clone()),
        (None, Recognition::Host { host }) => Some(crate::check::plan::host_provider(host)),
        (None, _) => session
            .discovery
            .result
            .as_ref()
            .and_then(|d| d.as_provider()),
    }
}

/// The domain of the account the window exports: the address's, else the
/// provider's first (what a file named after the domain is called).
fn export_domain(session: &Session, db: &Database) -> Option<String> {
    match &session.recognition {
        Recognition::Known { address, .. } | Recognition::Unknown { address } => {
            Some(address.domain.clone())
        }
        _ => export_provider(session, db).and_then(|p| p.domains.first().cloned()),
    }
}

/// Renders `format` for the session's account. Errors are for the user, in `lang`.
pub fn render(session: &Session, db: &Database, format: Format) -> Result<Document, String> {
    let lang = session.lang;
    // A database provider, what discovery found for an unknown domain, or the
    // standard ways in of a server's name.
    let provider =
        export_provider(session, db).ok_or_else(|| T::ExportNeedsProvider.get(lang).to_owned())?;
    let address = match &session.recognition {
        Recognition::Known { address, .. } | Recognition::Unknown { address } => Some(address),
        _ => None,
    };
    let incoming = session
        .export_protocol
        .filter(|p| protocols(&provider).contains(p))
        .unwrap_or_else(|| default_protocol(session, &provider));
    let mut settings =
        AccountSettings::from_provider(&provider, address, incoming).map_err(|e| e.text(lang))?;
    // A username typed by hand (always, for a server's name) goes into the
    // file as it is; otherwise the provider's rule applies to the address.
    let username = session.username.trim();
    let host_mode = matches!(session.recognition, Recognition::Host { .. });
    if host_mode && username.is_empty() {
        return Err(T::ExportNeedsUsername.get(lang).to_owned());
    }
    if session.username_edited || host_mode {
        let typed = crate::export::settings::Username::Literal(username.to_owned());
        settings.incoming.username = typed.clone();
        settings.outgoing.username = typed;
    }
    if let Some(found) = session.discovered(db) {
        settings.verified = crate::export::settings::Verification::Discovered {
            provenance: found.provenance.clone(),
        };
    }
    let mut probed = false;
    if let Some(summary) = session.summary() {
        let mut tried = settings.clone();
        if apply_probe(&mut tried, summary).is_ok() {
            settings = tried;
            probed = true;
        }
    }
    let exporter = format.exporter(&ExportOptions {
        ca_file: session.ca_file.clone(),
        ..ExportOptions::default()
    });
    let with_password =
        session.export_password && !session.password.is_empty() && exporter.supports_password();
    if with_password {
        settings.password = Some(SecretString::from(session.password.expose().to_owned()));
    }
    let text = exporter.render(&settings, lang).map_err(|e| e.text(lang))?;
    Ok(Document {
        text,
        file_name: exporter.file_name(&settings),
        private: with_password || exporter.needs_private_file(),
        probed,
        has_password: with_password,
    })
}

/// What came of Save as….
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written to this path.
    Saved(PathBuf),
    /// Not written: why, for the status line in the user's language.
    Failed(String),
    /// The user cancelled the dialog: nothing written.
    Cancelled,
    /// No system dialog can answer here (or it broke): show mailconf's own.
    NoDialog,
}

/// Asks `dialog` where to save and writes the document there, on a worker
/// thread. The receiver gets the [`SaveOutcome`], after which `wake` is called.
/// `Err` when no thread could be started.
pub fn save_in_background(
    mut doc: Document,
    dialog: Arc<dyn FileDialog>,
    lang: Lang,
    wake: impl Fn() + Send + 'static,
) -> Result<Receiver<SaveOutcome>, String> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("mailconf-save".into())
        .spawn(move || {
            let outcome = match ask(dialog.as_ref(), Asking::Save(&doc.file_name)) {
                Asked::Chosen(path) => write(&doc, &path, lang),
                Asked::Cancelled => SaveOutcome::Cancelled,
                Asked::NoDialog => SaveOutcome::NoDialog,
            };
            // The text may hold the password.
            doc.text.zeroize();
            // The app may have closed meanwhile; then nobody needs the answer.
            let _ = tx.send(outcome);
            wake();
        })
        .map_err(|e| e.to_string())?;
    Ok(rx)
}

fn write(doc: &Document, path: &Path, lang: Lang) -> SaveOutcome {
    match output::write_atomic(path, doc.text.as_bytes(), doc.private, true) {
        Ok(()) => SaveOutcome::Saved(path.to_path_buf()),
        Err(output::OutputError::Io { source, .. }) => SaveOutcome::Failed(ui_text::save_failed(
            &path.display().to_string(),
            &source,
            lang,
        )),
        Err(e) => SaveOutcome::Failed(ui_text::export_failed(&e.to_string(), lang)),
    }
}

/// Room left for the menu bar above the Export window, and at the other edges.
const MENU_CLEARANCE: f32 = 36.0;
const EDGE: f32 = 12.0;

/// Whose settings the Export window writes: the address as typed (Unicode),
/// the server's name, or the picked provider's name.
fn account_label(session: &Session, db: &Database) -> String {
    match &session.recognition {
        Recognition::Known { address, .. } | Recognition::Unknown { address } => address.unicode(),
        Recognition::Host { host } => host.clone(),
        _ => session
            .provider(db)
            .map(|e| e.provider.name.get(session.lang).to_owned())
            .unwrap_or_default(),
    }
}

/// Tab and Shift+Tab go round inside the Export window instead of leaving it.
///
/// egui moves the focus in the order widgets are drawn, and the main window is
/// drawn before this one: a Tab on its last widget would go to the main
/// window's first, behind it. The ring keeps the first and last focusable
/// widget of the last frame and, before the window draws, sends a Tab from
/// the last to the first (Shift+Tab the other way). The window stays
/// non-modal: a click behind it still moves the focus there.
#[derive(Clone, Copy, Default)]
struct FocusRing {
    first: Option<egui::Id>,
    last: Option<egui::Id>,
}

impl FocusRing {
    fn key() -> egui::Id {
        egui::Id::unique("export-window-focus-ring")
    }

    /// Notes a widget that can take the focus (in drawing order).
    fn add(&mut self, response: &egui::Response) {
        if response.enabled() {
            self.first.get_or_insert(response.id);
            self.last = Some(response.id);
        }
    }

    /// Sends a Tab on the last widget to the first, a Shift+Tab on the first
    /// to the last (the ring of the last frame).
    fn wrap(ctx: &egui::Context) {
        let ring: FocusRing = ctx.data(|d| d.get_temp(Self::key())).unwrap_or_default();
        let Some(focused) = ctx.memory(|m| m.focused()) else {
            return;
        };
        let (next, previous) = ctx.input(|i| {
            let tab = i.key_pressed(egui::Key::Tab);
            (
                tab && i.modifiers.is_none(),
                tab && i.modifiers.shift_only(),
            )
        });
        let to = if next && ring.last == Some(focused) {
            ring.first
        } else if previous && ring.first == Some(focused) {
            ring.last
        } else {
            None
        };
        if let Some(to) = to {
            ctx.memory_mut(|m| {
                m.request_focus(to);
                // The Tab is used up: egui would move on from `to` otherwise.
                m.move_focus(egui::FocusDirection::None);
            });
        }
    }

    fn store(self, ctx: &egui::Context) {
        ctx.data_mut(|d| d.insert_temp(Self::key(), self));
    }
}

/// Draws the Export window when it is open.
pub fn window(ctx: &egui::Context, session: &mut Session, db: &Database, out: &mut Out) {
    if !session.export_open {
        return;
    }
    let lang = session.lang;
    let mut open = true;
    let mut focus_first = std::mem::take(&mut session.export_focus);
    FocusRing::wrap(ctx);
    let mut ring = FocusRing::default();
    // Below the menu bar, inside the window at any size (900×600 too): as tall
    // as the space allows, scrolling inside.
    let screen = ctx.content_rect();
    let top = screen.top() + MENU_CLEARANCE;
    let height = (screen.bottom() - top - EDGE).max(200.0);
    let width = (screen.width() - 2.0 * EDGE).clamp(280.0, 600.0);
    // No title-bar close button and no resize handles: egui names those in
    // English only ("Close window", "Resize window …"); a Close button of ours.
    // A fixed id: the title changes with the address.
    egui::Window::new(ui_text::export_title(&account_label(session, db), lang))
        .id(egui::Id::unique("export-window"))
        .collapsible(false)
        .resizable(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(egui::pos2(screen.center().x, top))
        .default_width(width)
        .max_width(width)
        .default_height(height)
        .max_height(height)
        .constrain_to(egui::Rect::from_min_max(
            egui::pos2(screen.left(), top),
            screen.max,
        ))
        .vscroll(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let close = ui.button(T::Close.get(lang));
                    ring.add(&close);
                    if close.clicked() {
                        open = false;
                    }
                });
            });
            ui.label(match basis(session, db) {
                Basis::Tested => T::ExportFromProbe.get(lang).to_owned(),
                Basis::Discovered => T::ExportFromDiscovery.get(lang).to_owned(),
                Basis::Database => T::ExportFromDatabase.get(lang).to_owned(),
                Basis::ServerName => T::ExportFromServerName.get(lang).to_owned(),
                Basis::StaleTest(other) => ui_text::export_stale(&other, lang),
            });
            if let Some(provider) = export_provider(session, db) {
                protocol_choice(ui, session, &provider, &mut focus_first, &mut ring, out);
            }
            ring.add(&ui.checkbox(&mut session.export_password, T::IncludePassword.get(lang)));
            if session.export_password {
                ui.colored_label(ui.visuals().warn_fg_color, T::PasswordInFile.get(lang));
            }
            if session.export_waiting {
                ui.weak(T::WaitingForSaveDialog.get(lang));
            }
            if let Some(status) = &session.export_status {
                ui.strong(status);
            }
            if let Some(path) = &session.export_saved {
                // The full path, selectable, and a button that copies it.
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(ui_text::export_saved(
                            &path.display().to_string(),
                            lang,
                        ))
                        .strong(),
                    )
                    .selectable(true),
                );
                ui.horizontal(|ui| {
                    let copy = ui.button(T::CopyPath.get(lang));
                    ring.add(&copy);
                    if copy.clicked() {
                        out.commands.push(Command::CopySavedPath);
                    }
                    if session.copied == Some(Copied::SavedPath) {
                        panels::copied_beside(ui, ui_text::copied(&T::WhatPath.get(lang), lang));
                    }
                });
            }
            ui.separator();
            let domain = export_domain(session, db);
            for format in Format::ALL {
                let exporter = format.exporter(&ExportOptions::default());
                ui.horizontal_wrapped(|ui| {
                    ui.strong(format.title(lang));
                    ui.label(exporter.description(lang));
                });
                ui.weak(exporter.destination_for(domain.as_deref(), lang));
                ui.horizontal(|ui| {
                    // One dialog at a time.
                    let save = ui
                        .add_enabled(
                            !session.export_waiting,
                            egui::Button::new(T::SaveAs.get(lang)),
                        )
                        .on_hover_text(exporter.default_file_name());
                    ring.add(&save);
                    if std::mem::take(&mut focus_first) {
                        save.request_focus();
                    }
                    if save.clicked() {
                        out.commands.push(Command::ExportSave(format));
                    }
                    let copy = ui.button(T::CopyToClipboard.get(lang));
                    ring.add(&copy);
                    if copy.clicked() {
                        out.commands.push(Command::ExportCopy(format));
                    }
                    // Beside the button, so nothing below it moves. With the
                    // password the question below made room already, and the
                    // seconds must be read: that one wraps.
                    if let Some(Copied::Format(f, with_password)) = &session.copied
                        && *f == format
                    {
                        let what = ui_text::format_copied(&format.title(lang), lang);
                        if *with_password {
                            ui.add(
                                egui::Label::new(ui_text::copied_with_password(
                                    &what,
                                    crate::app::CLIPBOARD_SECRET_S,
                                    lang,
                                ))
                                .wrap(),
                            );
                        } else {
                            panels::copied_beside(ui, ui_text::copied(&what, lang));
                        }
                    }
                });
                if session.confirm_copy == Some(format) {
                    // F14: the clipboard is readable by every program, and
                    // clipboard managers keep a history.
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        ui_text::copy_password_warning(crate::app::CLIPBOARD_SECRET_S, lang),
                    );
                    ui.horizontal(|ui| {
                        let yes = ui.button(T::CopyWithPassword.get(lang));
                        ring.add(&yes);
                        if yes.clicked() {
                            out.commands.push(Command::ExportCopy(format));
                        }
                        let no = ui.button(T::DoNotCopy.get(lang));
                        ring.add(&no);
                        if no.clicked() {
                            out.commands.push(Command::CancelCopy);
                        }
                    });
                }
                ui.add_space(6.0);
            }
            super::panels::keep_focus_visible(ui);
        });
    ring.store(ctx);
    if !open {
        out.commands.push(Command::CloseExport);
    }
}

/// POP3 or IMAP, with what each means; the default is marked, and the choice
/// holds until the account changes.
fn protocol_choice(
    ui: &mut egui::Ui,
    session: &Session,
    provider: &crate::providers::Provider,
    focus_first: &mut bool,
    ring: &mut FocusRing,
    out: &mut Out,
) {
    let lang = session.lang;
    let offered = protocols(provider);
    let default = default_protocol(session, provider);
    let chosen = session
        .export_protocol
        .filter(|p| offered.contains(p))
        .unwrap_or(default);
    if offered.len() < 2 {
        return;
    }
    ui.strong(T::ExportProtocol.get(lang));
    for p in offered {
        let mut label = ui_text::protocol_meaning(p, lang);
        if p == default {
            // "Works (tested)" only when the test found a secure way in for
            // it: after a test where nothing worked it is the provider's
            // default, not a finding.
            let tested = session.summary().is_some_and(|s| s.best(default).is_some());
            label.push_str(&if tested {
                T::ProtocolTestedDefault.get(lang)
            } else {
                T::ProtocolProviderDefault.get(lang)
            });
        }
        let radio = ui.radio(chosen == p, label);
        ring.add(&radio);
        if chosen == p && std::mem::take(focus_first) {
            radio.request_focus();
        }
        if radio.clicked() && chosen != p {
            out.commands.push(Command::ExportProtocol(p));
        }
    }
}
