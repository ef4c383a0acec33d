//! "Check my current settings": the window that reads a mail program's file
//! (or a Thunderbird profile), tests every account on the check layer, says
//! what changed, and saves the fixed file.
//!
//! It is the app's face of [`crate::check::existing`], as `mailconf check` is
//! the command line's: the same accounts, requests, verdicts, explanations
//! and corrected settings. The checks run on the app's one backend (the
//! engine, or the fake in tests), one account at a time; the window keeps the
//! generation of the running one and takes only its events
//! ([`ExistingView::take_event`]).
//!
//! The window draws and collects [`Action`]s; the app applies them after the
//! frame ([`ExistingView::apply`]). Open… and "Save the fixed file…" ask the
//! app's [`FileDialog`] on a worker thread through [`export::ask`], as the
//! Export window does; when no system dialog answers, the app shows its own
//! chooser ([`Action::OwnChooser`]), so neither button is ever a silent no-op. Texts are in the three languages. Strings
//! from the file are escaped ([`ServerText`]); a password from the file is
//! never shown, only handed to the login test when the user asks for it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

use crate::app::export::{self, Asked, Asking, FileDialog, FixedPath};
use crate::app::ui_text::T;
use crate::check::existing::{
    AccountRef, AccountVerdict, ExistingCheck, ExistingOptions, explain_in, history_note,
};
use crate::check::{CheckBackend, CheckEvent, Generation};
use crate::existing::{Destination, thunderbird};
use crate::i18n::{Lang, msg};
use crate::providers::Database;
use crate::providers::describe::security;
use crate::server_text::ServerText;

/// What the window asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Read and check the file (or profile folder) typed in the path field.
    CheckPath,
    /// Read and check this Thunderbird profile.
    CheckProfile(PathBuf),
    /// Pick the file (or profile folder) through the file dialog, then check it.
    Open,
    /// Put this path (picked in a dialog) into the path field and check it.
    OpenPath(PathBuf),
    /// Save file `n`'s fixed version through the save dialog.
    Save(usize),
    /// Save file `n`'s fixed version here (chosen in mailconf's own chooser,
    /// which asked before replacing a file).
    SaveTo(usize, PathBuf),
    /// No system dialog answered: the app shows its own chooser for this.
    OwnChooser(Wanted),
    /// Close the window.
    Close,
}

/// What mailconf's own chooser is wanted for, when no system dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// The file (or Thunderbird profile folder) to check.
    Open,
    /// Where to save file `file`'s fixed version: `name` in `folder` suggested
    /// (next to the original).
    Save {
        /// The file's index in the check.
        file: usize,
        /// The suggested name.
        name: String,
        /// The folder it starts in.
        folder: PathBuf,
    },
}

/// A file dialog worker's answer.
enum Reply {
    /// A save's outcome for file `n`.
    Saved(usize, String),
    /// What to do next (check the file picked, or show the own chooser).
    Then(Action),
    /// Cancelled: nothing to do.
    Nothing,
}

/// The window's state.
#[derive(Default)]
pub struct ExistingView {
    /// Whether the window is open.
    pub open: bool,
    /// The path field.
    pub path: String,
    /// Test the login with the password the file holds.
    pub login: bool,
    /// The Thunderbird profiles found (listed when the window opens).
    pub profiles: Vec<thunderbird::Profile>,
    /// The check of the file read last.
    pub check: Option<ExistingCheck>,
    generation: Option<Generation>,
    /// Per file, once every account is checked: the fixed file (computed once,
    /// not every frame), or why it cannot be made.
    fixed: Vec<Option<Result<crate::existing::Fixed, Arc<crate::existing::FixError>>>>,
    /// Why the check could not start, or why it stopped.
    pub status: Option<String>,
    /// The last save's outcome and the file it was for: said below that
    /// file's Save button, where the user looks (the window is scrolled there).
    saved: Option<(usize, String)>,
    /// The file dialog being asked on a worker, with what the own chooser
    /// would be for if it does not answer.
    dialog_answer: Option<(Wanted, Receiver<Reply>)>,
}

impl ExistingView {
    /// Opens the window and lists the Thunderbird profiles found.
    pub fn open(&mut self) {
        self.open = true;
        self.profiles = thunderbird::find_profiles();
    }

    /// Whether an account's check is running.
    pub fn running(&self) -> bool {
        self.generation.is_some()
    }

    /// Test connection started in the main window. The app has one backend,
    /// which runs one check at a time, so the running account's check was
    /// cancelled: stop this window's check and say why, instead of waiting
    /// for an answer that will never come.
    pub fn stop_for_test(&mut self, lang: Lang) {
        if self.generation.take().is_none() {
            return;
        }
        if let Some(check) = self.check.as_mut() {
            check.stop();
        }
        self.status = Some(T::ExistingStoppedForTest.get(lang));
    }

    /// Takes `event` when it belongs to the running account's check (then
    /// starts the next account); `false` leaves it to the rest of the app.
    pub fn take_event(&mut self, event: &CheckEvent, backend: &mut dyn CheckBackend) -> bool {
        let Some(generation) = self.generation else {
            return false;
        };
        if event.generation() != Some(generation) {
            return false;
        }
        let outcome = match event {
            CheckEvent::Finished { summary, .. } => Ok(summary.clone()),
            CheckEvent::Failed { error, .. } => Err(error.clone()),
            _ => return true,
        };
        self.generation = None;
        if let Some(check) = self.check.as_mut() {
            check.record(outcome);
        }
        self.start_next(backend);
        true
    }

    fn start_next(&mut self, backend: &mut dyn CheckBackend) {
        let Some(check) = self.check.as_mut() else {
            return;
        };
        // The app asks for no password here: the login is tested only with
        // the password the file holds.
        let mut ask = |_: &crate::existing::Account| None;
        while let Some((_, request)) = check.next_request(&mut ask) {
            match backend.start(request) {
                Ok(g) => {
                    self.generation = Some(g);
                    return;
                }
                Err(e) => check.record(Err(Arc::new(e))),
            }
        }
        self.fixed = (0..check.files.len())
            .map(|i| {
                let Some(Ok(loaded)) = check.files.get(i).map(|f| &f.loaded) else {
                    return None;
                };
                let wants = check.corrections(i);
                (!wants.is_empty()).then(|| loaded.fix_all(&wants).map_err(Arc::new))
            })
            .collect();
    }

    /// Whether a file dialog is being asked (then Open… and Save wait).
    pub fn asking(&self) -> bool {
        self.dialog_answer.is_some()
    }

    /// Collects the file dialog's answer: a status line, or what the app
    /// applies next (check the file picked, or show its own chooser).
    pub fn drain_dialog(&mut self) -> Option<Action> {
        let (_, rx) = self.dialog_answer.as_ref()?;
        let reply = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(reply) => reply,
            // The worker ended without answering: its dialog broke.
            Err(TryRecvError::Disconnected) => {
                let (wanted, _) = self.dialog_answer.take()?;
                return Some(Action::OwnChooser(wanted));
            }
        };
        self.dialog_answer = None;
        match reply {
            Reply::Saved(file, said) => {
                self.saved = Some((file, said));
                None
            }
            Reply::Then(action) => Some(action),
            Reply::Nothing => None,
        }
    }

    /// Asks `dialog` on a worker thread; what it chooses goes through `then`
    /// (on the worker), and the reply to [`Self::drain_dialog`].
    fn ask_in_background(
        &mut self,
        dialog: Arc<dyn FileDialog>,
        wanted: Wanted,
        then: impl FnOnce(PathBuf) -> Reply + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) {
        let (tx, rx) = channel();
        let fallback = Action::OwnChooser(wanted.clone());
        let asking_for = wanted.clone();
        let spawned = std::thread::Builder::new()
            .name("mailconf-file-dialog".into())
            .spawn(move || {
                let asking = match &asking_for {
                    Wanted::Open => Asking::Open,
                    Wanted::Save { name, .. } => Asking::Save(name),
                };
                let reply = match export::ask(dialog.as_ref(), asking) {
                    Asked::Chosen(path) => then(path),
                    Asked::Cancelled => Reply::Nothing,
                    Asked::NoDialog => Reply::Then(fallback),
                };
                // The app may have closed meanwhile; then nobody needs the answer.
                let _ = tx.send(reply);
                wake();
            });
        match spawned {
            Ok(_) => self.dialog_answer = Some((wanted, rx)),
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Applies an action (after the frame).
    pub fn apply(
        &mut self,
        action: Action,
        lang: Lang,
        db: &Arc<Database>,
        backend: Option<&mut (dyn CheckBackend + 'static)>,
        dialog: Arc<dyn FileDialog>,
        wake: impl Fn() + Send + 'static,
    ) {
        match action {
            Action::Close => self.open = false,
            // The app shows its chooser; nothing for the window to do.
            Action::OwnChooser(_) => {}
            Action::Open => {
                if self.asking() {
                    return;
                }
                let then = |path| Reply::Then(Action::OpenPath(path));
                self.ask_in_background(dialog, Wanted::Open, then, wake);
            }
            Action::CheckPath | Action::CheckProfile(_) | Action::OpenPath(_) => {
                let path = match action {
                    Action::CheckProfile(p) => p,
                    Action::OpenPath(p) => {
                        self.path = p.display().to_string();
                        p
                    }
                    _ => PathBuf::from(self.path.trim()),
                };
                if path.as_os_str().is_empty() {
                    return;
                }
                let Some(backend) = backend else {
                    self.status = Some(T::ExistingNoBackend.get(lang));
                    return;
                };
                if self.generation.take().is_some() {
                    backend.cancel();
                }
                let loaded = crate::existing::read(&path);
                self.status = None;
                self.saved = None;
                self.fixed = Vec::new();
                self.check = Some(ExistingCheck::new(
                    db.clone(),
                    vec![(path, loaded)],
                    ExistingOptions {
                        login: self.login,
                        consents: Vec::new(),
                    },
                ));
                self.start_next(backend);
            }
            Action::Save(i) | Action::SaveTo(i, _) => {
                if self.asking() {
                    return;
                }
                let Some(check) = &self.check else { return };
                let Some(Ok(loaded)) = check.files.get(i).map(|f| &f.loaded) else {
                    return;
                };
                let fixed = match self.fixed.get(i) {
                    Some(Some(Ok(f))) => f.clone(),
                    Some(Some(Err(e))) => {
                        self.status = Some(ServerText::new(&e.text(lang)).to_string());
                        return;
                    }
                    _ => return,
                };
                let loaded = loaded.clone();
                let next_to_original = loaded.fixed_path(&Destination::NextToOriginal);
                let wanted = Wanted::Save {
                    file: i,
                    name: next_to_original
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    folder: next_to_original
                        .parent()
                        .map(PathBuf::from)
                        .unwrap_or_default(),
                };
                let dialog: Arc<dyn FileDialog> = match action {
                    Action::SaveTo(_, path) => Arc::new(FixedPath(path)),
                    _ => dialog,
                };
                let then = move |path| {
                    // The dialog (or the own chooser) asked about replacing
                    // an existing file.
                    Reply::Saved(
                        i,
                        match loaded.write_fixed(&fixed, &Destination::Path(path), true) {
                            Ok(p) => msg!(
                                lang,
                                "existing-saved",
                                path = ServerText::new(&p.display().to_string()).to_string()
                            ),
                            Err(e) => msg!(
                                lang,
                                "existing-not-saved",
                                error = ServerText::new(&e.text(lang)).to_string()
                            ),
                        },
                    )
                };
                self.ask_in_background(dialog, wanted, then, wake);
            }
        }
    }
}

/// Draws the window when it is open.
pub fn window(ctx: &egui::Context, view: &mut ExistingView, lang: Lang, actions: &mut Vec<Action>) {
    if !view.open {
        return;
    }
    let mut open = true;
    egui::Window::new(T::ExistingTitle.get(lang))
        .open(&mut open)
        .default_size([760.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| body(ui, view, lang, actions));
    if !open {
        actions.push(Action::Close);
    }
}

fn body(ui: &mut egui::Ui, view: &mut ExistingView, lang: Lang, actions: &mut Vec<Action>) {
    ui.label(T::ExistingIntro.get(lang));
    ui.horizontal(|ui| {
        let label = ui.label(T::ExistingFileLabel.get(lang));
        let field = ui
            .add(egui::TextEdit::singleline(&mut view.path).desired_width(360.0))
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let open = ui.add_enabled(!view.asking(), egui::Button::new(T::OpenEllipsis.get(lang)));
        if open.clicked() {
            actions.push(Action::Open);
        }
        if ui.button(T::ExistingCheck.get(lang)).clicked() || enter {
            actions.push(Action::CheckPath);
        }
    });
    ui.checkbox(&mut view.login, T::ExistingAlsoLogin.get(lang));
    if !view.profiles.is_empty() {
        ui.label(T::ExistingProfilesFound.get(lang));
        for p in &view.profiles {
            let name = ServerText::new(&p.name).to_string();
            if ui
                .button(format!(
                    "{name} — {}",
                    ServerText::new(&p.path.display().to_string())
                ))
                .clicked()
            {
                actions.push(Action::CheckProfile(p.path.clone()));
            }
        }
    }
    if let Some(s) = &view.status {
        ui.label(s);
    }
    let running = view.running();
    let Some(check) = &view.check else { return };
    if running {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(T::ExistingTesting.get(lang));
        });
    }
    for (fi, f) in check.files.iter().enumerate() {
        ui.separator();
        let path = ServerText::new(&f.path.display().to_string());
        let loaded = match &f.loaded {
            Ok(l) => l,
            Err(e) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    ServerText::new(&e.describe(lang)).to_string(),
                );
                continue;
            }
        };
        ui.heading(format!("{} — {path}", loaded.kind.label(lang)));
        if loaded.accounts.is_empty() {
            ui.label(msg!(lang, "existing-no-account"));
        }
        for (ai, a) in loaded.accounts.iter().enumerate() {
            account_card(
                ui,
                check,
                AccountRef {
                    file: fi,
                    account: ai,
                },
                a,
                lang,
            );
        }
        if !loaded.notes.is_empty() {
            egui::CollapsingHeader::new(msg!(
                lang,
                "existing-lines-not-read-count",
                count = loaded.notes.len() + loaded.notes_left_out
            ))
            .id_salt(("notes", fi))
            .show(ui, |ui| {
                for n in &loaded.notes {
                    ui.label(crate::check::existing::note_line(n, lang));
                }
            });
        }
        match view.fixed.get(fi) {
            Some(Some(Ok(fixed))) if !fixed.changes.is_empty() => {
                ui.label(T::ExistingFixedChanges.get(lang));
                for c in &fixed.changes {
                    ui.label(format!(
                        "  {}",
                        crate::check::existing::change_line(
                            lang,
                            c.line,
                            c.field,
                            &ServerText::new(&c.before),
                            &ServerText::new(&c.after)
                        )
                    ));
                }
                for (i, s) in fixed.steps.iter().enumerate() {
                    ui.label(format!("{}. {}", i + 1, s.get(lang)));
                }
                let busy = view.asking();
                if ui
                    .add_enabled(!busy, egui::Button::new(T::ExistingSaveFixed.get(lang)))
                    .clicked()
                {
                    actions.push(Action::Save(fi));
                }
                if let Some((_, said)) = view.saved.as_ref().filter(|(f, _)| *f == fi) {
                    ui.label(said);
                }
            }
            Some(Some(Err(e))) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    ServerText::new(&e.text(lang)).to_string(),
                );
            }
            _ => {}
        }
    }
}

fn account_card(
    ui: &mut egui::Ui,
    check: &ExistingCheck,
    r: AccountRef,
    a: &crate::existing::Account,
    lang: Lang,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong(msg!(
            lang,
            "existing-account",
            name = ServerText::new(&a.name).to_string(),
            line = a.line,
            protocol = a.protocol.label()
        ));
        ui.label(crate::check::existing::file_says(a, lang));
        let Some(result) = check.result(r) else {
            if !a.active {
                ui.weak(msg!(lang, "existing-not-used"));
            }
            return;
        };
        let color = match &result.verdict {
            AccountVerdict::Works => super::account::good_color(ui),
            v @ AccountVerdict::Insecure { .. } if v.cannot_log_in() => ui.visuals().error_fg_color,
            AccountVerdict::Insecure { .. } | AccountVerdict::Unknown { .. } => {
                ui.visuals().warn_fg_color
            }
            _ => ui.visuals().error_fg_color,
        };
        ui.colored_label(
            color,
            msg!(
                lang,
                "existing-verdict",
                verdict = result.verdict.label(lang)
            ),
        );
        ui.label(explain_in(a, result, lang));
        if let Some(e) = &result.error {
            ui.label(ServerText::new(&e.text(lang)).to_string());
        }
        if let Some(h) = history_note(result) {
            ui.label(msg!(lang, "existing-what-changed", change = h.get(lang)));
        }
        if let Some(summary) = &result.summary {
            egui::CollapsingHeader::new(msg!(lang, "existing-network-says"))
                .id_salt(("rows", r.file, r.account))
                .default_open(true)
                .show(ui, |ui| {
                    for rep in &summary.endpoints {
                        let e = &rep.endpoint;
                        let login = rep.login.as_ref().map_or_else(String::new, |l| {
                            format!(" · {}", super::results::login_word(&l.result).get(lang))
                        });
                        ui.label(format!(
                            "{} {}:{} {} — {}{login}",
                            e.protocol.label(),
                            e.host,
                            e.port,
                            security(e.security, lang),
                            super::results::verdict_words(rep, lang),
                        ));
                    }
                });
            for advice in &summary.advice {
                ui.label(format!("• {}", advice.text(lang)));
                if let Some(link) = &advice.link {
                    ui.hyperlink(link);
                }
            }
        }
    });
}
