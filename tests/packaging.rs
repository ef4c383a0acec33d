//! The files the Debian package installs beside the binary (`[package.metadata.deb]`
//! in Cargo.toml; built and checked with the Debian tools by `tests/package.sh`).
//!
//! The man page and the shell completions are generated from the clap definitions
//! (`clap_mangen`, `clap_complete`) and committed under `packaging/`, so that a plain
//! `cargo deb` needs nothing else. [`man_page_and_completions_match_the_command_line`]
//! fails when they drift from the command line; `UPDATE_PACKAGING=1 cargo test --test
//! tests packaging::` writes them anew. The other tests keep the desktop entry, the
//! AppStream data, the icons and the app's own window in agreement.

use clap::CommandFactory as _;
use clap_mangen::roff::{Roff, bold, italic, roman};
use mailconf::cli::Cli;
use std::path::{Path, PathBuf};

/// The app id: the window's (Wayland app id, X11 WM class), the desktop file's
/// name, the icon's name, the AppStream id.
const ID: &str = mailconf::app::APP_ID;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The command line as the man page shows it: built (so every subcommand knows
/// its full name, `mailconf providers list`), without clap's `help` subcommand.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Every subcommand, depth first in the order `--help` lists them, with its depth.
fn subcommands(cmd: &clap::Command) -> Vec<clap::Command> {
    let mut out = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push(sub.clone());
        out.extend(subcommands(sub));
    }
    out
}

/// The roff preamble clap_mangen puts before every piece it renders (it defines
/// the apostrophe string); the page has it once, at the top.
const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];

/// What `render` writes, without the preamble.
fn rendered(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    render(&mut buf).expect("render to memory");
    String::from_utf8(buf)
        .expect("roff is UTF-8")
        .lines()
        .filter(|l| !PREAMBLE.contains(l))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A subcommand's piece inside the COMMANDS section: its `.SH` headings become
/// labelled paragraphs (`label` for the piece's own heading, the heading itself
/// for option groups that have one), so the page keeps one level of sections.
fn subsection(label: Option<&str>, piece: &str) -> String {
    let mut out = String::new();
    for line in piece.lines() {
        match line.strip_prefix(".SH ") {
            Some(heading) => {
                let text = match label {
                    Some(l) if out.is_empty() => l.to_owned(),
                    Some(_) => format!("{}:", heading.trim_matches('"')),
                    None => continue,
                };
                let mut p = Roff::new();
                p.control("PP", []);
                p.text([italic(text)]);
                out.push_str(&rendered(|w| p.to_writer(w)));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// One page, `mailconf(1)`, with every subcommand in it: `man mailconf` is where
/// people look.
fn man_page() -> String {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone()).manual("mailconf manual");
    let mut page: String = PREAMBLE.iter().map(|l| format!("{l}\n")).collect();
    page.push_str(&rendered(|w| man.render_title(w)));
    page.push_str(&rendered(|w| man.render_name_section(w)));
    page.push_str(&rendered(|w| man.render_synopsis_section(w)));
    page.push_str(&rendered(|w| man.render_description_section(w)));
    page.push_str(&rendered(|w| man.render_options_section(w)));

    let mut commands = Roff::new();
    commands.control("SH", ["COMMANDS"]);
    commands.text([roman(
        "Each command below also takes the global option --lang above; --help prints a \
         command's help.",
    )]);
    page.push_str(&rendered(|w| commands.to_writer(w)));
    for sub in subcommands(&cmd) {
        // The global and standard options are described once, above.
        let sub = sub.mut_args(|a| match a.get_id().as_str() {
            "lang" | "help" | "version" => a.hide(true),
            _ => a,
        });
        let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_owned();
        let mut heading = Roff::new();
        heading.control("SS", [name.as_str()]);
        page.push_str(&rendered(|w| heading.to_writer(w)));
        let man = clap_mangen::Man::new(sub.clone());
        page.push_str(&subsection(
            None,
            &rendered(|w| man.render_description_section(w)),
        ));
        if sub.has_subcommands() {
            let names: Vec<String> = sub
                .get_subcommands()
                .map(|s| format!("{name} {}", s.get_name()))
                .collect();
            let mut list = Roff::new();
            list.control("PP", []);
            list.text([roman(format!("Commands: {}.", names.join(", ")))]);
            page.push_str(&rendered(|w| list.to_writer(w)));
            continue;
        }
        page.push_str(&subsection(
            Some("Usage:"),
            &rendered(|w| man.render_synopsis_section(w)),
        ));
        page.push_str(&subsection(
            Some("Options:"),
            &rendered(|w| man.render_options_section(w)),
        ));
    }
    page.push_str(&rendered(|w| hand_written_sections().to_writer(w)));
    page
}

/// Exit status, environment, files: facts the clap definitions do not hold.
fn hand_written_sections() -> Roff {
    let sections: [(&str, &[(&str, &str)]); 3] = [
        (
            "EXIT STATUS",
            &[
                ("0", "success"),
                (
                    "1",
                    "a negative answer: not found, an invalid provider file, nothing secure found",
                ),
                ("2", "usage error (bad options or arguments)"),
                ("3", "the command could not run (I/O error, internal error)"),
            ],
        ),
        (
            "ENVIRONMENT",
            &[
                (
                    "MAILCONF_LANG",
                    "Language of human output and of the desktop app (en, zh-Hans, zh-Hant), unless --lang is given.",
                ),
                (
                    "LC_ALL, LC_MESSAGES, LANG",
                    "Otherwise the language comes from the locale: zh_CN gives Simplified Chinese, zh_TW and zh_HK Traditional Chinese, anything else English.",
                ),
                (
                    "MAILCONF_CONFIG_DIR",
                    "Folder of your own provider files and of the desktop app's remembered settings, instead of the default below.",
                ),
                (
                    "MAILCONF_DEMO",
                    "When 1, the desktop app plays made-up results, clearly labelled, instead of testing.",
                ),
            ],
        ),
        (
            "FILES",
            &[
                (
                    "~/.config/mailconf/providers/*.json",
                    "Your own provider files (on Linux; `mailconf providers dir` prints the folder on your system). They win over the bundled entries.",
                ),
                (
                    "~/.config/mailconf/app.ron",
                    "The desktop app's window size, last address, language and theme. Never the password.",
                ),
            ],
        ),
    ];
    let mut rest = Roff::new();
    for (heading, items) in sections {
        rest.control("SH", [heading]);
        for (term, meaning) in items {
            rest.control("TP", []);
            rest.text([bold(*term)]);
            rest.text([roman(*meaning)]);
        }
    }
    rest.control("SH", ["SEE ALSO"]);
    rest.text([roman(
        "fetchmail(1), getmail(1), msmtp(1), neomutt(1), thunderbird(1); the README in \
         /usr/share/doc/mailconf/.",
    )]);
    rest
}

/// The completion scripts: (file under packaging/completions/, script).
fn completions() -> Vec<(&'static str, String)> {
    use clap_complete::Shell;
    [
        (Shell::Bash, "mailconf.bash"),
        (Shell::Zsh, "_mailconf"),
        (Shell::Fish, "mailconf.fish"),
    ]
    .into_iter()
    .map(|(shell, file)| {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut command(), "mailconf", &mut buf);
        (file, String::from_utf8(buf).expect("completions are UTF-8"))
    })
    .collect()
}

fn generated() -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from("packaging/man/mailconf.1"), man_page())];
    for (file, script) in completions() {
        files.push((Path::new("packaging/completions").join(file), script));
    }
    files
}

#[test]
fn man_page_and_completions_match_the_command_line() {
    let update = std::env::var_os("UPDATE_PACKAGING").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, text) in generated() {
        let full = root().join(&path);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(full.parent().expect("a folder")).expect("create folder");
            std::fs::write(&full, text).expect("write");
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from the command line; write them anew with \
         `UPDATE_PACKAGING=1 cargo test --test tests packaging::` and commit them"
    );
}

#[test]
fn man_page_covers_every_subcommand_and_option() {
    let page = man_page();
    let cmd = command();
    let mut seen = 0;
    for sub in subcommands(&cmd) {
        let name = sub.get_bin_name().expect("built").to_owned();
        assert!(
            page.contains(&format!(".SS \"{name}\"")),
            "no section for {name}"
        );
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                // roff escapes the dashes of options.
                let flag = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(page.contains(&flag), "{name}: {flag} missing");
                seen += 1;
            }
        }
    }
    assert!(
        seen > 40,
        "only {seen} options found: the walk missed commands"
    );
    for needle in [
        "mailconf providers import\\-ispdb",
        "EXIT STATUS",
        "MAILCONF_LANG",
    ] {
        assert!(page.contains(needle), "{needle} missing");
    }
}

/// The desktop file's `Key[locale]=value` lines.
fn desktop_entry() -> Vec<(String, String)> {
    read("packaging/io.github.mailconf.mailconf.desktop")
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn desktop_value(key: &str) -> Option<String> {
    desktop_entry()
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

#[test]
fn desktop_entry_names_the_window_and_speaks_three_languages() {
    let id = ID;
    assert!(
        root().join(format!("packaging/{id}.desktop")).is_file(),
        "the desktop file is named after the app id"
    );
    // The window's WM class / Wayland app id is what docks match the entry by.
    assert_eq!(desktop_value("StartupWMClass").as_deref(), Some(id));
    assert_eq!(desktop_value("Icon").as_deref(), Some(id));
    assert_eq!(desktop_value("Exec").as_deref(), Some("mailconf"));
    for key in ["Name", "GenericName", "Comment", "Keywords"] {
        for locale in ["", "[zh_CN]", "[zh_TW]"] {
            let k = format!("{key}{locale}");
            assert!(
                desktop_value(&k).is_some_and(|v| !v.trim().is_empty()),
                "{k} missing"
            );
        }
    }
    assert!(desktop_value("Keywords[zh_CN]").is_some_and(|v| v.contains("授权码")));
    assert!(desktop_value("Keywords[zh_TW]").is_some_and(|v| v.contains("授權碼")));
}

#[test]
fn appstream_data_matches_the_package_and_the_readme() {
    let xml = read("packaging/io.github.mailconf.mailconf.metainfo.xml");
    let id = ID;
    assert!(xml.contains(&format!("<id>{id}</id>")));
    assert!(xml.contains(&format!(
        "<launchable type=\"desktop-id\">{id}.desktop</launchable>"
    )));
    assert!(xml.contains("<binary>mailconf</binary>"));
    // The newest release is this version.
    let newest = xml
        .split("<release version=\"")
        .nth(1)
        .and_then(|r| r.split('"').next());
    assert_eq!(newest, Some(env!("CARGO_PKG_VERSION")));
    // Screenshots are the README's, by file name.
    let readme = read("README.md");
    let shots: Vec<&str> = xml
        .split("<image>")
        .skip(1)
        .filter_map(|s| s.split("</image>").next())
        .collect();
    assert_eq!(shots.len(), 2);
    for url in shots {
        let file = url.rsplit("/main/").next().expect("a path");
        assert!(root().join(file).is_file(), "{file} is not in the tree");
        assert!(
            readme.contains(&format!("({file})")),
            "{file} not in the README"
        );
    }
    for lang in ["zh_CN", "zh_TW"] {
        for tag in ["name", "summary", "p", "caption"] {
            assert!(
                xml.contains(&format!("<{tag} xml:lang=\"{lang}\">")),
                "<{tag}> in {lang} missing"
            );
        }
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn icons_come_in_every_size_from_16_to_512() {
    let id = ID;
    assert!(root().join(format!("assets/icons/{id}.svg")).is_file());
    for size in [16, 22, 24, 32, 48, 64, 128, 256, 512] {
        let path = format!("assets/icons/hicolor/{size}x{size}/apps/{id}.png");
        let bytes = std::fs::read(root().join(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(png_size(&bytes), (size, size), "{path}");
    }
    // The window carries the same icon.
    let icon = mailconf::app::window_icon().expect("the window icon decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
}
