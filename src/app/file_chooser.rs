//! mailconf's own file chooser ("Save as" and "Open"), for when no system
//! dialog answers.
//!
//! On Linux the system dialog is the XDG desktop portal (rfd asks it over D-Bus),
//! or zenity when rfd falls back to it. A plain X11 session often has neither: rfd
//! then returns at once as if the user had cancelled, and Save as… did nothing. So
//! [`system_dialog_answers`] asks first whether a portal's FileChooser (or zenity)
//! is there, and when none is, the app shows this chooser instead: a folder, its
//! sub-folders and files, a file name field, the button, Cancel, and every
//! message in the user's language. One chooser, two [`Mode`]s: saving (the
//! format's usual name filled in, a question before replacing a file) and
//! opening (starts at home with dot files shown, since mail programs keep
//! their settings in dot files; a Thunderbird profile folder can be opened as
//! it is).
//!
//! Why not a crate: egui_file 0.29 (the chooser made for egui 0.37) has text fields
//! without accessible names, an English-only title-bar close button and English
//! error text; egui-file-dialog 0.15 is made for egui 0.36.

use super::ui_text::{self, T};
use crate::i18n::Lang;
use eframe::egui;
use std::path::{Path, PathBuf};

/// One entry of the folder shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file or folder name (lossy for names that are not UTF-8).
    pub name: String,
    /// Whether it is a folder (a symbolic link to a folder counts).
    pub is_dir: bool,
}

/// What the chooser is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Where to save a file: any name, a question before replacing one.
    Save,
    /// Which existing file to open (or a Thunderbird profile folder).
    Open,
}

/// What the chooser says after a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Still showing.
    Showing,
    /// This path: where to save (a replace was confirmed when the file
    /// exists), or the existing file or profile folder to open.
    Chosen(PathBuf),
    /// Closed without choosing.
    Cancel,
}

/// Why the typed name cannot be saved as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Nothing typed.
    Empty,
    /// A path separator, or `.` / `..`.
    NotAName,
}

/// The chooser's state while it is open.
#[derive(Debug, Clone)]
pub struct FileChooser {
    mode: Mode,
    folder: PathBuf,
    /// The folder field as typed (Enter goes there).
    folder_edit: String,
    name: String,
    listing: Result<Vec<Entry>, std::io::ErrorKind>,
    /// The file exists: the question "Replace it?" is showing.
    confirm_replace: bool,
    /// Opening: the name typed is not in the folder (said until it changes).
    missing: bool,
    /// A folder typed into the folder field that cannot be opened.
    bad_folder: Option<(String, std::io::ErrorKind)>,
    /// Focus the name field on the next frame.
    focus_name: bool,
}

/// Where a file called `file_name` starts: the home folder for dot files (where
/// fetchmail and friends look for them), else the documents folder when there is
/// one, else home, else the current folder.
pub fn start_folder(file_name: &str) -> PathBuf {
    let dirs = directories::UserDirs::new();
    let home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
    let documents = dirs
        .as_ref()
        .and_then(|d| d.document_dir().map(Path::to_path_buf))
        .filter(|d| d.is_dir());
    let chosen = if file_name.starts_with('.') {
        home
    } else {
        documents.or(home)
    };
    chosen
        .filter(|d| d.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where opening a settings file starts: home, where mail programs keep
/// their dot files (as [`start_folder`] does for one).
pub fn open_folder() -> PathBuf {
    start_folder(".")
}

/// The entries of `folder`: folders first, then files, each by name (case
/// insensitive); hidden ones (a leading dot) only when `hidden`.
pub fn list(folder: &Path, hidden: bool) -> Result<Vec<Entry>, std::io::ErrorKind> {
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)
        .map_err(|e| e.kind())?
        .filter_map(Result::ok)
        .map(|e| Entry {
            name: e.file_name().to_string_lossy().into_owned(),
            // Follows symbolic links, so a link to a folder opens like one.
            is_dir: e.path().is_dir(),
        })
        .filter(|e| hidden || !e.name.starts_with('.'))
        .collect();
    entries.sort_by_key(|e| (!e.is_dir, e.name.to_lowercase(), e.name.clone()));
    Ok(entries)
}

impl FileChooser {
    /// A chooser saving to `folder`, with `name` filled in.
    pub fn new(folder: PathBuf, name: &str) -> Self {
        Self::with_mode(Mode::Save, folder, name)
    }

    /// A chooser opening an existing file, showing `folder` (dot files too).
    pub fn opening(folder: PathBuf) -> Self {
        Self::with_mode(Mode::Open, folder, "")
    }

    fn with_mode(mode: Mode, folder: PathBuf, name: &str) -> Self {
        let mut chooser = Self {
            mode,
            missing: false,
            folder_edit: String::new(),
            folder: PathBuf::new(),
            name: name.to_owned(),
            listing: Ok(Vec::new()),
            confirm_replace: false,
            bad_folder: None,
            focus_name: true,
        };
        chooser.open_folder(folder);
        chooser
    }

    /// A chooser for `file_name`, starting where such a file usually goes.
    pub fn for_file(file_name: &str) -> Self {
        Self::new(start_folder(file_name), file_name)
    }

    /// What the chooser is for.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The file name typed.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The entries of the folder shown, or why it cannot be read.
    pub fn listing(&self) -> Result<&[Entry], std::io::ErrorKind> {
        self.listing.as_deref().map_err(|k| *k)
    }

    /// Shows `folder` (and forgets a pending replace question).
    pub fn open_folder(&mut self, folder: PathBuf) {
        self.listing = list(&folder, self.mode == Mode::Open);
        self.folder_edit = folder.display().to_string();
        self.folder = folder;
        self.confirm_replace = false;
        self.bad_folder = None;
    }

    /// The path the typed name saves to.
    pub fn target(&self) -> Result<PathBuf, NameProblem> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(NameProblem::Empty);
        }
        let separators: &[char] = if cfg!(windows) { &['/', '\\'] } else { &['/'] };
        if name.contains(separators) || name == "." || name == ".." {
            return Err(NameProblem::NotAName);
        }
        Ok(self.folder.join(name))
    }

    /// Whether the folder shown is a Thunderbird profile (it holds prefs.js),
    /// which the open chooser opens as a whole.
    pub fn shows_a_profile(&self) -> bool {
        self.mode == Mode::Open && self.folder.join("prefs.js").is_file()
    }

    /// Save or Open was pressed (or Enter in the name field): the path, the
    /// question whether to replace the file that is there, or (opening) the
    /// note that no such file is there.
    fn choose(&mut self) -> Answer {
        let Ok(path) = self.target() else {
            return Answer::Showing;
        };
        if path.is_dir() {
            // A folder's name typed: go into it, as file dialogs do, and keep
            // the focus in the name field (Enter took it) for the next name.
            self.name.clear();
            self.open_folder(path);
            self.focus_name = true;
            return Answer::Showing;
        }
        match self.mode {
            Mode::Save if path.exists() && !self.confirm_replace => {
                self.confirm_replace = true;
                Answer::Showing
            }
            Mode::Open if !path.exists() => {
                self.missing = true;
                // Enter took the focus away: give it back, to correct the name.
                self.focus_name = true;
                Answer::Showing
            }
            Mode::Save | Mode::Open => Answer::Chosen(path),
        }
    }

    /// Draws the chooser (a modal window over the app) and answers.
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang) -> Answer {
        let mut answer = Answer::Showing;
        let modal = egui::Modal::new(egui::Id::unique("mailconf-file-chooser")).show(ctx, |ui| {
            answer = self.ui(ui, lang);
        });
        if answer == Answer::Showing && modal.should_close() {
            answer = Answer::Cancel;
        }
        answer
    }

    fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Answer {
        let mut answer = Answer::Showing;
        let width = (ui.ctx().content_rect().width() - 80.0).clamp(320.0, 640.0);
        ui.set_width(width);
        ui.heading(match self.mode {
            Mode::Save => T::SaveFileTitle.get(lang),
            Mode::Open => T::OpenFileTitle.get(lang),
        });
        ui.weak(T::NoSystemDialog.get(lang));
        ui.add_space(6.0);

        // The folder: a field to type a path in, and the usual places.
        ui.horizontal(|ui| {
            let label = ui.label(T::Folder.get(lang));
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.folder_edit)
                    .desired_width(ui.available_width() - 8.0),
            );
            let field = field.labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let typed = PathBuf::from(self.folder_edit.trim());
                match std::fs::read_dir(&typed) {
                    Ok(_) => self.open_folder(typed),
                    Err(e) => self.bad_folder = Some((self.folder_edit.clone(), e.kind())),
                }
            }
        });
        ui.horizontal(|ui| {
            let parent = self.folder.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(
                    parent.is_some(),
                    egui::Button::new(T::ParentFolder.get(lang)),
                )
                .clicked()
                && let Some(p) = parent
            {
                self.open_folder(p);
            }
            if let Some(dirs) = directories::UserDirs::new() {
                if ui.button(T::HomeFolder.get(lang)).clicked() {
                    self.open_folder(dirs.home_dir().to_path_buf());
                }
                if let Some(docs) = dirs.document_dir().filter(|d| d.is_dir())
                    && ui.button(T::DocumentsFolder.get(lang)).clicked()
                {
                    self.open_folder(docs.to_path_buf());
                }
            }
        });
        if let Some((typed, kind)) = &self.bad_folder {
            ui.colored_label(
                ui.visuals().error_fg_color,
                ui_text::folder_unreadable(typed, &std::io::Error::from(*kind), lang),
            );
        }

        // What is in it: folders open on a click, a file's name goes into the field.
        let mut open = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .min_scrolled_height(220.0)
                .auto_shrink([false, false])
                .show(ui, |ui| match &self.listing {
                    Err(kind) => {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            ui_text::folder_unreadable(
                                &self.folder.display().to_string(),
                                &std::io::Error::from(*kind),
                                lang,
                            ),
                        );
                    }
                    Ok(entries) if entries.is_empty() => {
                        ui.weak(T::EmptyFolder.get(lang));
                    }
                    Ok(entries) => {
                        for e in entries {
                            let shown = if e.is_dir {
                                format!("{}/", e.name)
                            } else {
                                e.name.clone()
                            };
                            let selected = !e.is_dir && e.name == self.name;
                            let item = egui::Button::selectable(selected, shown);
                            let r = ui.add(item);
                            if r.clicked() {
                                open = Some((e.clone(), false));
                            }
                            // Opening: a double click opens the file at once.
                            if r.double_clicked() && self.mode == Mode::Open {
                                open = Some((e.clone(), true));
                            }
                        }
                    }
                });
        });
        if let Some((e, at_once)) = open {
            if e.is_dir {
                self.open_folder(self.folder.join(&e.name));
            } else {
                self.name = e.name;
                self.confirm_replace = false;
                self.missing = false;
                if at_once {
                    answer = self.choose();
                }
            }
        }

        // The file name, and the buttons.
        ui.add_space(4.0);
        let mut enter = false;
        ui.horizontal(|ui| {
            let label = ui.label(T::FileName.get(lang));
            let before = self.name.clone();
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .desired_width(ui.available_width() - 8.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_name) {
                field.request_focus();
            }
            if self.name != before {
                self.confirm_replace = false;
                self.missing = false;
            }
            enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
        let target = self.target();
        match target {
            Err(NameProblem::NotAName) => {
                ui.colored_label(ui.visuals().error_fg_color, T::NotAFileName.get(lang));
            }
            _ if self.confirm_replace => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    ui_text::replace_file(self.name.trim(), lang),
                );
            }
            _ if self.missing => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    ui_text::no_such_file(self.name.trim(), lang),
                );
            }
            // The same height either way: nothing moves under the pointer.
            _ => {
                ui.label("");
            }
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let label = match self.mode {
                Mode::Save if self.confirm_replace => T::Replace.get(lang),
                Mode::Save => T::Save.get(lang),
                Mode::Open => T::Open.get(lang),
            };
            let button = ui.add_enabled(target.is_ok(), egui::Button::new(label));
            if button.clicked() || (enter && target.is_ok()) {
                answer = self.choose();
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                answer = Answer::Cancel;
            }
            if self.shows_a_profile() && ui.button(T::OpenProfileFolder.get(lang)).clicked() {
                answer = Answer::Chosen(self.folder.clone());
            }
        });
        answer
    }
}

/// Whether the system's save dialog can answer here: a portal's FileChooser or
/// zenity on Linux and the BSDs; elsewhere rfd uses the platform's own dialog,
/// which always can.
pub fn system_dialog_answers(env: &DialogEnv) -> bool {
    portal::file_chooser_answers(env.session_bus.as_deref()) || zenity_on(env.path.as_deref())
}

/// Where [`system_dialog_answers`] looks (tests point it elsewhere).
#[derive(Debug, Clone, Default)]
pub struct DialogEnv {
    /// The D-Bus session bus address; `None`: `DBUS_SESSION_BUS_ADDRESS`.
    pub session_bus: Option<String>,
    /// The program search path for zenity; `None`: `PATH`.
    pub path: Option<std::ffi::OsString>,
}

/// Whether rfd's fallback, zenity, is installed.
fn zenity_on(path: Option<&std::ffi::OsStr>) -> bool {
    let path = path
        .map(std::ffi::OsStr::to_os_string)
        .or_else(|| std::env::var_os("PATH"))
        .unwrap_or_default();
    std::env::split_paths(&path).any(|d| d.join("zenity").is_file())
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
mod portal {
    //! Asks the session bus whether an XDG desktop portal with a FileChooser is
    //! there (its `version` property), the way rfd will ask it to open the dialog.

    use std::time::Duration;

    /// How long the portal may take to start (D-Bus activation) and answer.
    const DEADLINE: Duration = Duration::from_secs(5);

    /// Whether a FileChooser portal answers on the bus at `address` (`None`: the
    /// session bus). Any failure (no bus, no portal, no FileChooser, no answer in
    /// time) is a no.
    pub fn file_chooser_answers(address: Option<&str>) -> bool {
        super::super::export::block_on(ask(address)).is_ok()
    }

    async fn ask(address: Option<&str>) -> zbus::Result<()> {
        let builder = match address {
            Some(a) => zbus::connection::Builder::address(a)?,
            None => zbus::connection::Builder::session()?,
        };
        let connection = builder.method_timeout(DEADLINE).build().await?;
        connection
            .call_method(
                Some("org.freedesktop.portal.Desktop"),
                "/org/freedesktop/portal/desktop",
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.freedesktop.portal.FileChooser", "version"),
            )
            .await?;
        Ok(())
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
mod portal {
    //! No portal here: rfd shows the platform's own dialog.

    /// The platform's own dialog always answers.
    pub fn file_chooser_answers(_address: Option<&str>) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_and_hides_dot_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b-folder")).unwrap();
        std::fs::write(dir.path().join("A-file"), "").unwrap();
        std::fs::write(dir.path().join(".hidden"), "").unwrap();
        std::fs::create_dir(dir.path().join("a-folder")).unwrap();
        let names = |hidden| -> Vec<String> {
            list(dir.path(), hidden)
                .unwrap()
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        assert_eq!(names(false), ["a-folder", "b-folder", "A-file"]);
        assert_eq!(names(true), ["a-folder", "b-folder", ".hidden", "A-file"]);
        assert_eq!(
            list(&dir.path().join("missing"), false),
            Err(std::io::ErrorKind::NotFound)
        );
    }

    #[test]
    fn names_with_separators_are_refused_and_folders_are_entered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let mut c = FileChooser::new(dir.path().to_path_buf(), "a/b");
        assert_eq!(c.target(), Err(NameProblem::NotAName));
        c.name = "  ".into();
        assert_eq!(c.target(), Err(NameProblem::Empty));
        c.name = "..".into();
        assert_eq!(c.target(), Err(NameProblem::NotAName));
        c.name = "sub".into();
        assert_eq!(c.choose(), Answer::Showing);
        assert_eq!(c.folder(), dir.path().join("sub"));
        assert_eq!(c.name(), "");
    }

    #[test]
    fn an_existing_file_is_replaced_only_after_asking() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("msmtprc"), "old").unwrap();
        let mut c = FileChooser::new(dir.path().to_path_buf(), "msmtprc");
        assert_eq!(c.choose(), Answer::Showing, "asks first");
        assert!(c.confirm_replace);
        assert_eq!(c.choose(), Answer::Chosen(dir.path().join("msmtprc")));
        c.name = "other".into();
        c.confirm_replace = false;
        assert_eq!(c.choose(), Answer::Chosen(dir.path().join("other")));
    }

    #[test]
    fn opening_shows_dot_files_and_opens_only_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".fetchmailrc"), "poll x").unwrap();
        let mut c = FileChooser::opening(dir.path().to_path_buf());
        assert_eq!(c.mode(), Mode::Open);
        assert_eq!(
            c.listing().unwrap(),
            [Entry {
                name: ".fetchmailrc".into(),
                is_dir: false
            }]
        );
        c.name = ".msmtprc".into();
        assert_eq!(c.choose(), Answer::Showing, "not there: not chosen");
        assert!(c.missing);
        c.name = ".fetchmailrc".into();
        assert_eq!(
            c.choose(),
            Answer::Chosen(dir.path().join(".fetchmailrc")),
            "an existing file is opened, without a replace question"
        );
        assert!(!c.shows_a_profile());
        std::fs::write(dir.path().join("prefs.js"), "").unwrap();
        assert!(c.shows_a_profile());
        assert!(!FileChooser::new(dir.path().to_path_buf(), "x").shows_a_profile());
    }

    /// A private D-Bus session bus with no services at all (nothing can be
    /// activated), like a plain X11 session without a portal. Killed on drop.
    struct PrivateBus {
        address: String,
        daemon: std::process::Child,
        _dir: tempfile::TempDir,
    }

    impl PrivateBus {
        fn start() -> Self {
            use std::io::BufRead as _;
            let dir = tempfile::tempdir().unwrap();
            let config = dir.path().join("bus.conf");
            std::fs::write(
                &config,
                format!(
                    r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
                    dir.path().display()
                ),
            )
            .unwrap();
            let mut daemon = std::process::Command::new("dbus-daemon")
                .arg(format!("--config-file={}", config.display()))
                .args(["--print-address=1", "--nofork"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("dbus-daemon (Debian package dbus-daemon; tests/harness/install-deps.sh)");
            let mut address = String::new();
            std::io::BufReader::new(daemon.stdout.take().unwrap())
                .read_line(&mut address)
                .unwrap();
            Self {
                address: address.trim().to_owned(),
                daemon,
                _dir: dir,
            }
        }

        fn env(&self, path: &std::path::Path) -> DialogEnv {
            DialogEnv {
                session_bus: Some(self.address.clone()),
                path: Some(path.as_os_str().to_owned()),
            }
        }
    }

    impl Drop for PrivateBus {
        fn drop(&mut self) {
            let _ = self.daemon.kill();
            let _ = self.daemon.wait();
        }
    }

    /// The FileChooser interface of a portal, as far as the check looks.
    struct FakeFileChooser;

    #[zbus::interface(name = "org.freedesktop.portal.FileChooser")]
    impl FakeFileChooser {
        // The portal's property is lower case (zbus would name it `Version`).
        #[zbus(property, name = "version")]
        fn version(&self) -> u32 {
            4
        }
    }

    #[test]
    fn without_a_portal_or_zenity_no_system_dialog_answers() {
        let bus = PrivateBus::start();
        let empty = tempfile::tempdir().unwrap();
        let started = std::time::Instant::now();
        assert!(!system_dialog_answers(&bus.env(empty.path())));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "a missing portal is a quick no"
        );
        // No session bus at all.
        let nowhere = DialogEnv {
            session_bus: Some("unix:path=/nonexistent/mailconf-bus".into()),
            path: Some(empty.path().as_os_str().to_owned()),
        };
        assert!(!system_dialog_answers(&nowhere));
    }

    #[test]
    fn a_portal_with_a_file_chooser_or_zenity_answers() {
        let bus = PrivateBus::start();
        let empty = tempfile::tempdir().unwrap();
        let portal = crate::app::export::block_on(async {
            zbus::connection::Builder::address(bus.address.as_str())?
                .name("org.freedesktop.portal.Desktop")?
                .serve_at("/org/freedesktop/portal/desktop", FakeFileChooser)?
                .build()
                .await
        })
        .unwrap();
        assert!(system_dialog_answers(&bus.env(empty.path())));
        drop(portal);

        // No portal, but zenity (rfd's fallback) on the path.
        let bus = PrivateBus::start();
        let bin = tempfile::tempdir().unwrap();
        std::fs::write(bin.path().join("zenity"), "#!/bin/sh\n").unwrap();
        assert!(system_dialog_answers(&bus.env(bin.path())));
    }

    #[test]
    fn dot_files_start_at_home() {
        let Some(dirs) = directories::UserDirs::new() else {
            panic!("no home folder");
        };
        assert_eq!(start_folder(".fetchmailrc"), dirs.home_dir());
        assert_eq!(open_folder(), dirs.home_dir(), "opening starts at home");
        assert!(start_folder("account.mobileconfig").is_dir());
    }
}
