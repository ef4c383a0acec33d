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
//! chooser ([`Action::OwnChooser`]), so neither button is ever a silent
//! no-op. Texts are in the three languages. Strings from the file are escaped
//! ([`ServerText`]); a password from the file is never shown, only handed to
//! the login test when the user asks for it. When the login is tested and the
//! file holds no password for an account, the check waits at that account's
//! card for the user to type it (or to go on without the login), as `mailconf
//! check --login` asks on the terminal; what is typed is a [`Secret`], used
//! for that one test and zeroed.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

use crate::app::export::{self, Asked, Asking, FileDialog, FixedPath};
use crate::app::ui_text::T;
use crate::check::existing::{
    AccountRef, AccountVerdict, ExistingCheck, ExistingOptions, explain_in, history_note,
    login_name,
};
use crate::check::{CheckBackend, CheckEvent, Generation};
use crate::existing::{Destination, thunderbird};
use crate::i18n::{Lang, msg};
use crate::providers::Database;
use crate::providers::describe::security;
use crate::secret::Secret;
use crate::server_text::ServerText;
use secrecy::SecretString;

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
    /// Test the waiting account's login with the password typed for it.
    LoginWithTyped,
    /// Test the waiting account's login with the password typed for the
    /// previous account of the same user ([`ExistingView::earlier`]).
    LoginWithEarlier,
    /// Check the waiting account without testing its login.
    SkipLogin,
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
    /// Test the login: with the password the file holds, or one typed when
    /// the check reaches an account whose file holds none.
    pub login: bool,
    /// The account whose check waits for its password to be typed.
    password_for: Option<AccountRef>,
    /// The password typed for it: zeroed when used or dropped, never saved.
    typed: Secret,
    /// Put the keyboard in the password field at the next frame.
    focus_password: bool,
    /// The password typed last in this check, with the user and the server
    /// it was typed for: offered (never used unasked) for the next account
    /// of the same user, as a mail program's POP3 and SMTP accounts share
    /// one. Zeroed when the check ends, stops or another starts.
    earlier: Option<(String, String, Secret)>,
    /// The Thunderbird profiles found (listed when the window opens).
    pub profiles: Vec<thunderbird::Profile>,
    /// Where to look for Thunderbird's `profiles.ini` (tests); `None`: the
    /// usual places ([`thunderbird::profile_roots`]).
    profile_roots: Option<Vec<PathBuf>>,
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
    /// Scroll the save's outcome into view at the next frame: it is said
    /// below the button, which may be the window's last visible line.
    reveal_saved: bool,
    /// The file dialog being asked on a worker, with what the own chooser
    /// would be for if it does not answer.
    dialog_answer: Option<(Wanted, Receiver<Reply>)>,
}

impl ExistingView {
    /// Opens the window and lists the Thunderbird profiles found.
    pub fn open(&mut self) {
        self.open = true;
        self.profiles = match &self.profile_roots {
            Some(roots) => roots
                .iter()
                .flat_map(|r| thunderbird::profiles_in(r))
                .collect(),
            None => thunderbird::find_profiles(),
        };
    }

    /// Looks for Thunderbird's `profiles.ini` in `roots` instead of the usual
    /// places (tests, which must not read the machine's own profiles).
    pub fn look_for_profiles_in(&mut self, roots: Vec<PathBuf>) {
        self.profile_roots = Some(roots);
    }

    /// Whether an account's check is running.
    pub fn running(&self) -> bool {
        self.generation.is_some()
    }

    /// Whether the check waits for the user to type an account's password.
    pub fn waits_for_password(&self) -> bool {
        self.password_for.is_some()
    }

    /// The password typed for an earlier account of the waiting account's
    /// user, with the server it was typed for.
    fn earlier_for_waiting(&self) -> Option<(&str, &Secret)> {
        let r = self.password_for?;
        let user = login_name(self.check.as_ref()?.account(r)?)?;
        let (typed_user, host, secret) = self.earlier.as_ref()?;
        (typed_user == user).then_some((host.as_str(), secret))
    }

    /// Forgets the account waiting for its password, and what was typed.
    fn drop_prompt(&mut self) {
        self.password_for = None;
        self.typed.clear();
        self.focus_password = false;
    }

    /// Test connection started in the main window. The app has one backend,
    /// which runs one check at a time, so the running account's check was
    /// cancelled: stop this window's check and say why, instead of waiting
    /// for an answer that will never come.
    pub fn stop_for_test(&mut self, lang: Lang) {
        // A check waiting for a password would take the backend back from
        // the main window's test once answered: it stops too.
        let waiting = self.password_for.is_some();
        self.drop_prompt();
        self.earlier = None;
        if self.generation.take().is_none() && !waiting {
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
        self.start_next(backend, None);
        true
    }

    /// Starts the next account's check; `answer` is what the user typed (or
    /// `None`: skip the login) for the account waiting for its password. An
    /// account whose login is tested and whose file holds no password waits
    /// for the user ([`Self::password_for`]) instead of starting.
    fn start_next(&mut self, backend: &mut dyn CheckBackend, answer: Option<Option<SecretString>>) {
        let Some(check) = self.check.as_mut() else {
            return;
        };
        let mut answer = answer;
        loop {
            if answer.is_none()
                && let Some(r) = check.next_wants_password()
            {
                self.password_for = Some(r);
                self.focus_password = true;
                return;
            }
            // The answer is for this account only, never the next one.
            let mut ask = |_: &crate::existing::Account| answer.take().flatten();
            let next = check.next_request(&mut ask);
            answer = None;
            let Some((_, request)) = next else {
                self.earlier = None;
                break;
            };
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
                self.reveal_saved = true;
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
            Action::LoginWithTyped | Action::LoginWithEarlier | Action::SkipLogin => {
                if self.password_for.is_none() || self.generation.is_some() {
                    return;
                }
                let Some(backend) = backend else {
                    self.status = Some(T::ExistingNoBackend.get(lang));
                    return;
                };
                let answer = match action {
                    Action::LoginWithTyped if !self.typed.is_empty() => {
                        // Offered to the same user's next account.
                        self.earlier = self.password_for.and_then(|r| {
                            let a = self.check.as_ref()?.account(r)?;
                            let user = login_name(a)?.to_owned();
                            Some((user, a.host.value.clone(), self.typed.clone()))
                        });
                        Some(SecretString::from(self.typed.expose().to_owned()))
                    }
                    Action::LoginWithEarlier => {
                        let Some((_, secret)) = self.earlier_for_waiting() else {
                            return;
                        };
                        Some(SecretString::from(secret.expose().to_owned()))
                    }
                    _ => None,
                };
                self.drop_prompt();
                self.start_next(backend, Some(answer));
            }
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
                self.drop_prompt();
                self.earlier = None;
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
                self.start_next(backend, None);
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
                // Thunderbird: where the steps say the fragment goes (the
                // profile's user.js) while the profile has none; else next
                // to the original, as the command line writes it.
                let steps_place = loaded.fixed_path(&Destination::ReplaceOriginal);
                let next_to_original = match loaded.profile_dir() {
                    Some(_) if steps_place.symlink_metadata().is_err() => steps_place,
                    _ => loaded.fixed_path(&Destination::NextToOriginal),
                };
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
    } else if let Some(who) = view
        .password_for
        .and_then(|r| check.account(r))
        .and_then(crate::check::existing::login_name)
    {
        ui.label(msg!(
            lang,
            "existing-waiting-password",
            who = ServerText::new(who).to_string()
        ));
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
            let r = AccountRef {
                file: fi,
                account: ai,
            };
            let prompt = if view.password_for == Some(r) {
                let earlier_host = view.earlier_for_waiting().map(|(host, _)| host.to_owned());
                Some(Prompt {
                    typed: &mut view.typed,
                    focus: &mut view.focus_password,
                    earlier_host,
                })
            } else {
                None
            };
            account_card(ui, check, r, a, lang, prompt, actions);
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
                    let said = ui.label(said);
                    if std::mem::take(&mut view.reveal_saved) {
                        said.scroll_to_me(None);
                    }
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

/// The password field of the account whose check waits for it.
struct Prompt<'a> {
    typed: &'a mut Secret,
    focus: &'a mut bool,
    /// The server an earlier account of the same user had its password
    /// typed for, when there is one to offer.
    earlier_host: Option<String>,
}

/// Asks for the password of an account whose file holds none: the field
/// (labelled as the provider calls it: authorization code, app password …),
/// Test the login, and going on without it.
fn password_prompt(
    ui: &mut egui::Ui,
    check: &ExistingCheck,
    r: AccountRef,
    who: &str,
    lang: Lang,
    prompt: Prompt<'_>,
    actions: &mut Vec<Action>,
) {
    ui.label(msg!(
        lang,
        "existing-password-wanted",
        who = ServerText::new(who).to_string()
    ));
    ui.horizontal(|ui| {
        let kind = check.provider(r).map(|p| p.auth.kind);
        let label = ui.label(super::account::password_label(kind).get(lang));
        let mut output = egui::TextEdit::singleline(prompt.typed)
            .password(true)
            .desired_width(240.0)
            .show(ui);
        // No undo snapshots of a secret.
        output.state.clear_undoer();
        output.state.store(ui.ctx(), output.response.id);
        let field = output.response.response.labelled_by(label.id);
        if std::mem::take(prompt.focus) {
            field.request_focus();
            field.scroll_to_me(None);
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = !prompt.typed.is_empty();
        let test = ui.add_enabled(typed, egui::Button::new(T::ExistingTestLogin.get(lang)));
        if test.clicked() || (enter && typed) {
            actions.push(Action::LoginWithTyped);
        }
        if ui.button(T::ExistingSkipLogin.get(lang)).clicked() {
            actions.push(Action::SkipLogin);
        }
    });
    if let Some(host) = &prompt.earlier_host {
        let words = msg!(
            lang,
            "existing-use-earlier-password",
            host = ServerText::new(host).to_string()
        );
        if ui.button(words).clicked() {
            actions.push(Action::LoginWithEarlier);
        }
    }
}

fn account_card(
    ui: &mut egui::Ui,
    check: &ExistingCheck,
    r: AccountRef,
    a: &crate::existing::Account,
    lang: Lang,
    prompt: Option<Prompt<'_>>,
    actions: &mut Vec<Action>,
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
        if let Some(prompt) = prompt
            && let Some(who) = crate::check::existing::login_name(a)
        {
            password_prompt(ui, check, r, who, lang, prompt, actions);
        }
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
