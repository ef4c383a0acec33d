//! The desktop app (egui/eframe): pick a provider, see its card, test the connection.
//!
//! Structure, as `ARCHITECTURE.md` (repo root) lays it out:
//! - [`state`]: [`state::Persisted`] (saved by eframe) and [`state::Session`]
//!   (runtime only, holds the password);
//! - [`command`]: intents the panels return, applied after the frame is drawn;
//! - [`panels`]: drawing code, one module per area of the window;
//! - [`export`]: the Export window and the save dialog;
//! - [`report`]: the diagnostic report;
//! - [`text`]: every UI string in English, Simplified and Traditional Chinese.
//!
//! Checks and lookups go through the one seam [`crate::check::CheckBackend`]:
//! the real engine, or the fake in tests and the demo mode. The rows hold the
//! engine's own [`crate::probe::EndpointReport`]s; the summary line, advice,
//! exports and the diagnostic report take the check's one
//! [`crate::check::ProbeSummary`], and only while it belongs to the account in
//! the form.
//!
//! The UI thread never waits: the database is loaded while the window opens, the
//! engine runs elsewhere and wakes the UI when events arrive, and nothing repaints
//! while nothing happens.

pub mod command;
pub mod export;
pub mod file_chooser;
pub mod palette;
pub mod panels;
pub mod report;
pub mod signin;
pub mod state;
pub mod ui_text;

use crate::check::{CheckBackend, CheckEvent};
use crate::i18n::Lang;
use crate::providers::Database;
use command::Command;
use eframe::egui;
pub use palette::{Palette, palette};
use state::{Persisted, Recognition, Session, ThemeChoice};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

/// How long the typing must pause before a lookup starts, in seconds.
pub const DEBOUNCE_S: f64 = 0.6;

/// How long a password copied to the clipboard stays there, in seconds.
pub const CLIPBOARD_SECRET_S: f64 = 45.0;

/// The bundled CJK font (Droid Sans Fallback, Apache-2.0; see `assets/`).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/DroidSansFallbackFull.ttf");

/// Name of the bundled CJK font in egui's font definitions.
pub const CJK_FONT_NAME: &str = "droid-sans-fallback";

/// The window title.
pub const APP_NAME: &str = "mailconf";

/// The app id: the desktop entry is `<APP_ID>.desktop` (packaging/), and the
/// window carries it as its Wayland app id and X11 WM class, so that docks and
/// task bars show the window under the entry's name and icon.
pub const APP_ID: &str = "io.github.mailconf.mailconf";

/// The window icon: the 256 px rendering of `assets/icons/<APP_ID>.svg`, the
/// icon the desktop entry names.
pub const ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/256x256/apps/io.github.mailconf.mailconf.png");

/// The window icon, decoded; `None` (and a line on stderr) if it does not decode,
/// which only a broken build could cause: the window then has the default icon.
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .map_err(|e| eprintln!("mailconf: the window icon does not decode: {e}"))
        .ok()
}

/// Installs egui's fonts plus the bundled CJK font as a fallback for both
/// families, so Chinese renders on any machine (egui's fonts have no CJK glyphs).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        // After the fonts for Latin text, before the icon and emoji fallbacks, so
        // that CJK punctuation and symbols come from the CJK font.
        let at = list
            .iter()
            .position(|f| f == "egui-icons")
            .unwrap_or(list.len());
        list.insert(at, CJK_FONT_NAME.to_owned());
        // Hack (egui's monospace font) has the arrows (→) that provider hints use.
        if family == egui::FontFamily::Proportional && !list.iter().any(|f| f == "Hack") {
            list.push("Hack".to_owned());
        }
    }
    ctx.set_fonts(fonts);
}

/// Text sizes a little larger than egui's defaults (Chinese at 12.5 px is hard to
/// read), and no blinking cursor: a blinking cursor repaints twice a second forever.
pub fn install_style(ctx: &egui::Context) {
    use egui::{FontFamily, FontId, TextStyle};
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(20.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.visuals.text_cursor.blink = false;
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        ctx.style_mut_of(theme, |style| {
            let p = palette(theme == egui::Theme::Dark);
            let v = &mut style.visuals;
            v.warn_fg_color = p.warn;
            v.error_fg_color = p.error;
            v.weak_text_color = Some(p.weak);
            v.hyperlink_color = p.link;
        });
    }
}

/// How to build the app (the real program and the tests differ here).
pub struct AppOptions {
    /// The provider database, user files included.
    pub database: Arc<Database>,
    /// The engine (checks and lookups); `None` disables Test connection.
    pub backend: Option<Box<dyn CheckBackend>>,
    /// A language forced by `--lang` or `MAILCONF_LANG`; otherwise the remembered
    /// one, otherwise the system locale.
    pub lang: Option<Lang>,
    /// Start from this state instead of eframe's storage (tests).
    pub persisted: Option<Persisted>,
}

/// What mailconf's own chooser is open for.
enum ChooserFor {
    /// Saving this format (the Export window).
    Export(crate::export::Format),
    /// Opening or saving in "Check my current settings".
    Existing(panels::existing::Wanted),
}

/// The app.
pub struct MailconfApp {
    db: Arc<Database>,
    backend: Option<Box<dyn CheckBackend>>,
    persisted: Persisted,
    /// The runtime state.
    pub session: Session,
    commands: Vec<Command>,
    /// Request keyboard focus for the address field on the next frame.
    focus_address: bool,
    /// The save dialog of the Export window (asked on a worker thread).
    file_dialog: Arc<dyn export::FileDialog>,
    /// The answer of the save dialog that is open, with the format and file
    /// name it was asked for.
    save_answer: Option<(crate::export::Format, String, Receiver<export::SaveOutcome>)>,
    /// The clipboard, read and cleared after a password was copied.
    clipboard: Box<dyn export::Clipboard>,
    /// "Check my current settings" (its own window and checks).
    pub existing: panels::existing::ExistingView,

    /// mailconf's own chooser, when no system dialog answered, and what for.
    chooser: Option<(ChooserFor, file_chooser::FileChooser)>,
    /// Where the own chooser starts (tests); `None`: documents or home.
    chooser_folder: Option<std::path::PathBuf>,
    /// Trust and addresses for the OAuth2 sign-in ([`Self::with_signin_http`]).
    signin_http: crate::signin::HttpOptions,
}

impl MailconfApp {
    /// Builds the app inside eframe's creation callback.
    pub fn new(cc: &eframe::CreationContext<'_>, mut options: AppOptions) -> Self {
        install_fonts(&cc.egui_ctx);
        install_style(&cc.egui_ctx);
        let persisted = options
            .persisted
            .take()
            .or_else(|| {
                cc.storage
                    .and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY))
            })
            .unwrap_or_default();
        Self::with_context(&cc.egui_ctx, options, persisted)
    }

    fn with_context(ctx: &egui::Context, options: AppOptions, persisted: Persisted) -> Self {
        let AppOptions {
            database: db,
            mut backend,
            lang,
            ..
        } = options;
        if let Some(b) = backend.as_mut() {
            let ctx = ctx.clone();
            b.set_waker(Arc::new(move || ctx.request_repaint()));
        }
        apply_theme(ctx, persisted.theme);
        let lang = lang.or(persisted.lang).unwrap_or_else(Lang::from_env);
        let mut session = Session {
            lang,
            address: persisted.last_address.clone(),
            warnings: db.warnings.clone(),
            demo: backend.as_ref().is_some_and(|b| b.is_demo()),
            can_test: backend.is_some(),
            ..Session::default()
        };
        session.address_changed(&db);
        if session.address.trim().is_empty() {
            session.picked = persisted
                .last_provider
                .clone()
                .filter(|id| db.by_id(id).is_some());
        }
        session.search_changed(&db);
        // Until a store is given, the client ids of an older state file are
        // remembered in memory only.
        session.signin.use_store(
            crate::signin::store::ClientStore::nowhere(),
            &persisted.oauth2_clients,
        );
        Self {
            db,
            backend,
            persisted,
            session,
            commands: Vec::new(),
            focus_address: true,
            file_dialog: Arc::new(export::SystemDialog::default()),
            save_answer: None,
            clipboard: Box::new(export::SystemClipboard),
            existing: panels::existing::ExistingView::default(),

            chooser: None,
            chooser_folder: None,
            signin_http: crate::signin::HttpOptions::default(),
        }
    }

    /// `mailconf --ca-file PEM`: the exports name it too
    /// ([`Session::ca_file`]), as the CLI's exports do.
    pub fn with_ca_file(mut self, ca_file: Option<std::path::PathBuf>) -> Self {
        self.session.ca_file = ca_file;
        self
    }

    /// Trust and fixed addresses for the OAuth2 sign-in's HTTPS requests
    /// (`--ca-file`; the tests' authorization server).
    pub fn with_signin_http(mut self, http: crate::signin::HttpOptions) -> Self {
        self.signin_http = http;
        self
    }

    /// Remembers OAuth2 clients in `store` (the file the CLI reads too)
    /// instead of only in memory; a client id an older window kept in its
    /// state file moves there.
    pub fn with_client_store(mut self, store: crate::signin::store::ClientStore) -> Self {
        self.set_client_store(store);
        self
    }

    /// [`Self::with_client_store`] on a running window (tests).
    pub fn set_client_store(&mut self, store: crate::signin::store::ClientStore) {
        let legacy = std::mem::take(&mut self.persisted.oauth2_clients);
        self.session.signin.use_store(store, &legacy);
    }

    /// The database in use.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// What would be saved now.
    pub fn persisted(&self) -> Persisted {
        let mut p = self.persisted.clone();
        p.last_address = self.session.address.trim().to_owned();
        p.last_provider = self.session.picked.clone();
        p
    }

    /// Replaces the save dialog (tests hand in a path).
    pub fn set_file_dialog(&mut self, dialog: Box<dyn export::FileDialog>) {
        self.file_dialog = Arc::from(dialog);
    }

    /// Replaces the clipboard (tests read what was copied and cleared).
    pub fn set_clipboard(&mut self, clipboard: Box<dyn export::Clipboard>) {
        self.clipboard = clipboard;
    }

    /// Makes mailconf's own chooser start in `folder` (tests).
    pub fn set_chooser_folder(&mut self, folder: std::path::PathBuf) {
        self.chooser_folder = Some(folder);
    }

    /// mailconf's own chooser, when it is open.
    pub fn chooser(&self) -> Option<&file_chooser::FileChooser> {
        self.chooser.as_ref().map(|(_, c)| c)
    }

    /// Queues a command, as a panel would (tests, shortcuts).
    pub fn push(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// Applies the engine's events: lookups to the card, checks to the table.
    fn drain_events(&mut self) {
        let Some(b) = self.backend.as_mut() else {
            return;
        };
        let s = &mut self.session;
        for e in b.poll() {
            // The checks of "Check my current settings" are the window's own.
            if self.existing.take_event(&e, b.as_mut()) {
                continue;
            }
            match &e {
                CheckEvent::LookedUp { lookup, discovery } => {
                    if s.discovery.arrive(*lookup, discovery.clone()) {
                        s.discovery_arrived(&self.db);
                    }
                }
                CheckEvent::Discovered {
                    generation,
                    discovery,
                } if Some(*generation) == s.check.generation => {
                    s.discovery.adopt(discovery.clone());
                    s.discovery_arrived(&self.db);
                }
                _ => {
                    s.check.apply(&e);
                }
            }
        }
    }

    /// Starts a lookup once the typing paused for [`DEBOUNCE_S`] (asking for a
    /// repaint at that moment, so nothing polls meanwhile).
    fn drive_discovery(&mut self, ctx: &egui::Context) {
        if !self.session.awaits_discovery() || self.session.discovery.running() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let view = &mut self.session.discovery;
        match view.due {
            Some(due) if now >= due => self.start_discovery(),
            Some(due) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now)),
            None => {
                view.due = Some(now + DEBOUNCE_S);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(DEBOUNCE_S));
            }
        }
    }

    fn start_discovery(&mut self) {
        let (Some(b), Recognition::Unknown { address }) =
            (self.backend.as_mut(), &self.session.recognition)
        else {
            return;
        };
        let lookup = b.discover(address);
        let view = &mut self.session.discovery;
        view.lookup = Some(lookup);
        view.due = None;
    }

    /// Collects the save dialog's answer (the file is written by then), or
    /// opens mailconf's own chooser when no system dialog could answer.
    fn drain_save(&mut self) {
        let Some((_, _, rx)) = &self.save_answer else {
            return;
        };
        let outcome = match rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(outcome) => outcome,
            // The worker ended without answering: its dialog broke.
            Err(TryRecvError::Disconnected) => export::SaveOutcome::NoDialog,
        };
        let Some((format, file_name, _)) = self.save_answer.take() else {
            return;
        };
        let s = &mut self.session;
        s.export_waiting = false;
        match outcome {
            export::SaveOutcome::Saved(path) => {
                s.export_saved = Some(path);
                s.export_status = None;
            }
            export::SaveOutcome::Failed(message) => s.export_status = Some(message),
            export::SaveOutcome::Cancelled => {}
            export::SaveOutcome::NoDialog => {
                let chooser = match &self.chooser_folder {
                    Some(folder) => file_chooser::FileChooser::new(folder.clone(), &file_name),
                    None => file_chooser::FileChooser::for_file(&file_name),
                };
                self.chooser = Some((ChooserFor::Export(format), chooser));
            }
        }
    }

    /// Applies an action of "Check my current settings" (after the frame, or
    /// when its file dialog answered).
    fn apply_existing(&mut self, ctx: &egui::Context, action: panels::existing::Action) {
        use panels::existing::{Action, Wanted};
        ctx.request_repaint();
        match action {
            // No system dialog answered: mailconf's own chooser, opening at
            // home (dot files shown), or saving next to the original.
            Action::OwnChooser(wanted) => {
                let chooser = match (&wanted, &self.chooser_folder) {
                    (Wanted::Open, Some(folder)) => {
                        file_chooser::FileChooser::opening(folder.clone())
                    }
                    (Wanted::Open, None) => {
                        file_chooser::FileChooser::opening(file_chooser::open_folder())
                    }
                    (Wanted::Save { name, .. }, Some(folder)) => {
                        file_chooser::FileChooser::new(folder.clone(), name)
                    }
                    (Wanted::Save { name, folder, .. }, None) => {
                        file_chooser::FileChooser::new(folder.clone(), name)
                    }
                };
                self.chooser = Some((ChooserFor::Existing(wanted), chooser));
                return;
            }
            // One backend runs one check: the window's supersedes Test connection's.
            Action::CheckPath | Action::CheckProfile(_) | Action::OpenPath(_)
                if self.session.check.running =>
            {
                self.session.check.cancel();
            }
            _ => {}
        }
        let waker = ctx.clone();
        self.existing.apply(
            action,
            self.session.lang,
            &self.db,
            self.backend.as_deref_mut(),
            self.file_dialog.clone(),
            move || waker.request_repaint(),
        );
    }

    /// Renders `format` and saves it through `dialog` on a worker thread.
    fn save(
        &mut self,
        ctx: &egui::Context,
        format: crate::export::Format,
        dialog: Arc<dyn export::FileDialog>,
    ) {
        // The status line is drawn on the next frame.
        ctx.request_repaint();
        let s = &mut self.session;
        if s.export_waiting {
            return;
        }
        let lang = s.lang;
        let doc = match export::render(s, &self.db, format) {
            Ok(doc) => doc,
            Err(e) => {
                s.export_status = Some(ui_text::export_failed(&e, lang));
                return;
            }
        };
        let file_name = doc.file_name.clone();
        let waker = ctx.clone();
        match export::save_in_background(doc, dialog, lang, move || waker.request_repaint()) {
            Ok(rx) => {
                self.save_answer = Some((format, file_name, rx));
                s.export_waiting = true;
                s.export_status = None;
                s.export_saved = None;
                s.copied = None;
            }
            Err(e) => s.export_status = Some(ui_text::export_failed(&e, lang)),
        }
    }

    /// Clears the clipboard again once a copied password's time is up, when
    /// it still holds what mailconf put there.
    fn drive_clipboard(&mut self, ctx: &egui::Context) {
        let Some(at) = self.session.clipboard_clear_at else {
            return;
        };
        let now = ctx.input(|i| i.time);
        // Closing the window must not leave the password behind either.
        let closing = ctx.input(|i| i.viewport().close_requested());
        if now < at && !closing {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(at - now));
            return;
        }
        self.session.clipboard_clear_at = None;
        self.clipboard.clear_if_ours();
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        let mut commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // The frame just drawn shows the state before these commands.
            ctx.request_repaint();
        }
        // One start per frame, however many ways Enter was pressed.
        let mut started = false;
        commands.retain(|c| {
            if *c == Command::StartProbe {
                let first = !started;
                started = true;
                first
            } else {
                true
            }
        });
        for c in commands {
            self.apply(ctx, c);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, c: Command) {
        let s = &mut self.session;
        match c {
            Command::SetLang(lang) => {
                s.lang = lang;
                self.persisted.lang = Some(lang);
            }
            Command::SetTheme(t) => {
                self.persisted.theme = t;
                apply_theme(ctx, t);
            }
            Command::AddressEdited => s.address_changed(&self.db),
            Command::UsernameEdited => s.username_edited = !s.username.is_empty(),
            Command::PasswordEdited => {
                s.password_cleared = false;
                s.password_provider = if s.password.is_empty() {
                    None
                } else {
                    s.provider(&self.db).map(|e| e.provider.id.clone())
                };
            }
            Command::SearchEdited => s.search_changed(&self.db),
            Command::PickProvider(id) => {
                s.pick_provider(&self.db, &id);
                // Picked first: the name is typed next.
                self.focus_address = s.address.is_empty();
            }
            Command::MoveHighlight(by) => {
                let n = s.search_results.len();
                if n > 0 {
                    let from = s.highlight.map_or(-1, |i| i as i64);
                    s.highlight = Some((from + i64::from(by)).clamp(0, n as i64 - 1) as usize);
                }
            }
            Command::PickFirstMatch => {
                let at = s.highlight.take().unwrap_or(0);
                if let Some(id) = s.search_results.get(at).cloned() {
                    s.pick_provider(&self.db, &id);
                    self.focus_address = s.address.is_empty();
                }
            }
            Command::StartProbe => self.start_probe(),
            Command::CancelProbe => {
                if s.check.running {
                    if let Some(b) = self.backend.as_mut() {
                        b.cancel();
                    }
                    s.check.cancel();
                }
            }
            Command::ToggleRow(i) => {
                if let Some(r) = s.check.rows.get_mut(i) {
                    r.expanded = !r.expanded;
                }
            }
            Command::DismissWarnings => s.warnings_dismissed = true,
            Command::OpenExport => {
                s.export_open = true;
                s.export_focus = true;
                s.export_status = None;
            }
            Command::CloseExport => {
                s.export_open = false;
                s.export_password = false;
                s.confirm_copy = None;
                if matches!(self.chooser, Some((ChooserFor::Export(_), _))) {
                    self.chooser = None;
                }
            }
            Command::ExportSave(format) => self.save(ctx, format, self.file_dialog.clone()),
            Command::ExportSaveTo(format, path) => {
                self.save(ctx, format, Arc::new(export::FixedPath(path)));
            }
            Command::CopySavedPath => {
                if let Some(path) = &s.export_saved {
                    self.clipboard.copy(&path.display().to_string(), false);
                    s.copied = Some(state::Copied::SavedPath);
                }
            }
            Command::ExportCopy(format) => {
                ctx.request_repaint();
                let lang = s.lang;
                match export::render(s, &self.db, format) {
                    // A password in the clipboard outlives the window: ask first.
                    Ok(doc) if doc.has_password && s.confirm_copy != Some(format) => {
                        s.confirm_copy = Some(format);
                    }
                    Ok(doc) => {
                        let secret = doc.has_password;
                        self.clipboard.copy(&doc.text, secret);
                        s.confirm_copy = None;
                        s.export_status = None;
                        // The confirmation is drawn next to this format's button.
                        s.copied = Some(state::Copied::Format(format, secret));
                        if secret {
                            s.clipboard_clear_at = Some(ctx.input(|i| i.time) + CLIPBOARD_SECRET_S);
                            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                                CLIPBOARD_SECRET_S,
                            ));
                        }
                    }
                    Err(e) => s.export_status = Some(ui_text::export_failed(&e, lang)),
                }
            }
            Command::CancelCopy => s.confirm_copy = None,
            Command::OpenExisting => self.existing.open(),
            Command::SignIn { device } => self.start_sign_in(ctx, device),
            Command::CopyDeviceCode => {
                if let signin::SigninState::Device(Some(d)) = &s.signin.state {
                    // Not a secret: it works only with the device code mailconf holds.
                    self.clipboard.copy(&d.code, false);
                    s.copied = Some(state::Copied::DeviceCode);
                }
            }
            Command::CancelSignIn => s.signin.cancel(),
            Command::ExportProtocol(p) => {
                s.export_protocol = Some(p);
                s.copied = None;
            }
            Command::CopyReport => {
                self.clipboard.copy(&report::diagnostic(s, &self.db), false);
                s.copied = Some(state::Copied::Report);
            }
            Command::CopyTranscript(i) => {
                if let Some(r) = s.check.rows.get(i).and_then(|r| r.report()) {
                    self.clipboard.copy(&r.transcript.to_string(), false);
                    s.copied = Some(state::Copied::Transcript(i));
                }
            }
            Command::CopyLink(url) => {
                self.clipboard.copy(&url, false);
                s.copied = Some(state::Copied::Link);
            }
            Command::WithdrawInsecure(i) => {
                if i < s.allow_insecure.len() {
                    s.allow_insecure.remove(i);
                }
            }
            Command::AskInsecureLogin(i) => {
                if let Some(r) = s.check.rows.get(i) {
                    s.confirm_insecure = Some(r.endpoint.clone());
                    s.confirm_insecure_focus = true;
                    // The dialog is drawn on the next frame.
                    ctx.request_repaint();
                }
            }
            Command::AnswerInsecureLogin(yes) => {
                if let Some(endpoint) = s.confirm_insecure.take() {
                    // No withdraws an earlier Yes for exactly this endpoint.
                    s.allow_insecure.retain(|a| !a.names(&endpoint));
                    // Yes covers exactly the risk the dialog named: this plain
                    // endpoint, or this one certificate.
                    let offer = s
                        .check
                        .rows
                        .iter()
                        .find(|r| r.endpoint == endpoint)
                        .and_then(|r| r.report())
                        .and_then(crate::probe::InsecureAllow::offer);
                    if let (true, Some(allow)) = (yes, offer) {
                        s.allow_insecure.push(allow);
                    }
                }
            }
        }
    }

    /// Starts the OAuth2 sign-in for the account in the form (`device`: the
    /// device flow); the client id and tenant are remembered for the provider
    /// once it succeeds.
    fn start_sign_in(&mut self, ctx: &egui::Context, device: bool) {
        let s = &mut self.session;
        let (Some(entry), Recognition::Known { address, .. }) =
            (s.provider(&self.db), &s.recognition)
        else {
            return;
        };
        let provider = entry.provider.clone();
        let account = address.canonical();
        if let Err(reason) = s.signin.start(
            &provider,
            &account,
            self.signin_http.clone(),
            (s.lang, device),
            ctx,
        ) {
            s.signin.state = signin::SigninState::Failed(reason);
        }
    }

    fn start_probe(&mut self) {
        let Some(backend) = self.backend.as_mut() else {
            return;
        };
        let s = &mut self.session;
        let Some((request, target)) = s.check_request(&self.db) else {
            // Never nothing: say what is missing, under the button, and give
            // the address field the focus back (Enter in it took it away), so
            // the user goes on typing what the message asks for.
            s.missing = s.missing(&self.db);
            self.focus_address = true;
            return;
        };
        if s.check.running {
            backend.cancel();
        }
        // One backend runs one check: Test connection supersedes the window's.
        self.existing.stop_for_test(s.lang);
        let account = s.account_key();
        match backend.start(request) {
            Ok(generation) => s.check.begin(generation, account, target),
            Err(e) => {
                s.check = state::CheckView {
                    account,
                    target,
                    failure: Some(state::CheckFailure {
                        error: Arc::new(e),
                        summary: None,
                    }),
                    ..state::CheckView::default()
                };
            }
        }
    }
}

fn apply_theme(ctx: &egui::Context, t: ThemeChoice) {
    ctx.set_theme(match t {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

impl eframe::App for MailconfApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.session.signin.poll(self.session.lang) {
            ctx.request_repaint();
        }
        self.drain_events();
        self.drive_discovery(ctx);
        self.drain_save();
        if let Some(action) = self.existing.drain_dialog() {
            self.apply_existing(ctx, action);
        }
        self.drive_clipboard(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut out = panels::Out::default();
        // The client id and tenant fields show the ones remembered for the provider.
        if let Some(e) = self.session.provider(&self.db)
            && panels::signin::applies(Some(e))
        {
            let id = e.provider.id.clone();
            self.session.signin.show_provider(&id);
        }
        panels::show(
            ui,
            &mut self.session,
            &self.persisted,
            &self.db,
            self.focus_address,
            &mut out,
        );
        self.focus_address = false;
        panels::results::confirm_insecure(&ctx, &self.session, &mut out);
        export::window(&ctx, &mut self.session, &self.db, &mut out);
        let mut actions = Vec::new();
        if let Some((what, chooser)) = &mut self.chooser {
            match chooser.show(&ctx, self.session.lang) {
                file_chooser::Answer::Showing => {}
                file_chooser::Answer::Cancel => self.chooser = None,
                file_chooser::Answer::Chosen(path) => {
                    use panels::existing::{Action, Wanted};
                    match what {
                        ChooserFor::Export(format) => {
                            out.commands.push(Command::ExportSaveTo(*format, path));
                        }
                        ChooserFor::Existing(Wanted::Open) => actions.push(Action::OpenPath(path)),
                        ChooserFor::Existing(Wanted::Save { file, .. }) => {
                            actions.push(Action::SaveTo(*file, path));
                        }
                    }
                    self.chooser = None;
                }
            }
        }
        self.session.confirm_insecure_focus = false;
        panels::existing::window(&ctx, &mut self.existing, self.session.lang, &mut actions);
        for action in actions {
            self.apply_existing(&ctx, action);
        }
        // Esc closes the Export window (unless a dialog on top of it takes
        // it); otherwise it cancels a running test, wherever the focus is.
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            if self.session.export_open {
                if self.chooser.is_none() && self.session.confirm_insecure.is_none() {
                    out.commands.push(Command::CloseExport);
                }
            } else if self.session.check.running && self.chooser.is_none() {
                // Esc over mailconf's own chooser closes only the chooser.
                out.commands.push(Command::CancelProbe);
            }
        }
        self.commands.append(&mut out.commands);
        self.apply_commands(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted());
    }
}

/// The renderer: glow (see Cargo.toml); `--features wgpu-renderer` for the other.
#[cfg(not(feature = "wgpu-renderer"))]
const RENDERER: eframe::Renderer = eframe::Renderer::Glow;
#[cfg(feature = "wgpu-renderer")]
const RENDERER: eframe::Renderer = eframe::Renderer::Wgpu;

/// How the real engine is set up (`mailconf --ca-file PEM --dns HOST:PORT`).
#[derive(Debug, Clone, Default)]
pub struct EngineConfig {
    /// Extra trusted CA certificates (PEM), besides the built-in roots.
    pub ca_file: Option<std::path::PathBuf>,
    /// The DNS server for discovery and the test, instead of the system's.
    pub dns: Option<std::net::SocketAddr>,
}

/// Opens the window and runs until it is closed. `lang` is `--lang`;
/// `MAILCONF_LANG` forces a language too; `MAILCONF_DEMO=1` plays demo results
/// instead of testing for real.
pub fn run(lang: Option<Lang>, engine: EngineConfig) -> anyhow::Result<()> {
    let lang = lang.or_else(|| {
        std::env::var("MAILCONF_LANG")
            .ok()
            .and_then(|v| Lang::from_locale(&v))
    });
    let extra_roots = match &engine.ca_file {
        Some(p) => crate::probe::tls::load_pem_certs(p)
            .map_err(|e| anyhow::anyhow!("{}", e.text(lang.unwrap_or_else(Lang::from_env))))?,
        None => Vec::new(),
    };
    let signin_http = crate::signin::HttpOptions {
        extra_roots: extra_roots.clone(),
        ..Default::default()
    };
    // Read the provider files while the window and the GPU context come up.
    let loader = std::thread::spawn(|| Database::load(None));
    let demo = std::env::var_os("MAILCONF_DEMO").is_some_and(|v| v == "1");
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        .with_app_id(APP_ID)
        .with_inner_size([1120.0, 760.0])
        .with_min_inner_size([900.0, 600.0]);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: RENDERER,
        // eframe takes the file here (its docs say folder): `<config dir>/app.ron`,
        // beside the user's `providers/` folder.
        persistence_path: crate::providers::load::config_dir().map(|d| d.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(move |cc| {
            // A panic in the loader thread would be a bug; the bundled database still works.
            let database = Arc::new(
                loader
                    .join()
                    .unwrap_or_else(|_| Database::bundled().clone()),
            );
            let backend: Option<Box<dyn CheckBackend>> = if demo {
                Some(Box::new(crate::check::fake::FakeCheck::demo(
                    database.clone(),
                )))
            } else {
                let options = crate::check::CheckOptions {
                    probe: crate::probe::ProbeOptions {
                        extra_roots: extra_roots.clone(),
                        ..crate::probe::ProbeOptions::default()
                    },
                    discover: crate::discover::DiscoverOptions {
                        extra_roots,
                        ..crate::discover::DiscoverOptions::default()
                    },
                    dns: engine.dns,
                    discovery: true,
                };
                match crate::check::EngineBackend::new(database.clone(), options) {
                    Ok(b) => Some(Box::new(b)),
                    Err(e) => {
                        eprintln!("mailconf: the connection test is unavailable: {e}");
                        None
                    }
                }
            };
            Ok(Box::new(
                MailconfApp::new(
                    cc,
                    AppOptions {
                        database,
                        backend,
                        lang,
                        persisted: None,
                    },
                )
                .with_signin_http(signin_http)
                .with_ca_file(engine.ca_file.clone())
                .with_client_store(crate::signin::store::ClientStore::in_config_dir()),
            ))
        }),
    )
    .map_err(|e| {
        // The usual cause, said plainly: no graphical session to open a
        // window in. What the windowing library said stays as the details.
        let lang = lang.unwrap_or_else(Lang::from_env);
        let no_display = cfg!(target_os = "linux")
            && ["WAYLAND_DISPLAY", "WAYLAND_SOCKET", "DISPLAY"]
                .iter()
                .all(|v| std::env::var_os(v).is_none_or(|x| x.is_empty()));
        let sentence = if no_display {
            crate::i18n::msg!(lang, "app-no-display")
        } else {
            crate::i18n::msg!(lang, "app-cannot-open-window")
        };
        anyhow::anyhow!(
            "{}",
            crate::i18n::msg!(
                lang,
                "with-details",
                sentence = sentence,
                details = e.to_string()
            )
        )
    })
}
