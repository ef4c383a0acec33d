//! Importer for Mozilla Thunderbird's ISPDB (`mailconf providers import-ispdb DIR`).
//!
//! Reads every `*.xml` in a copy of the ISPDB's `ispdb/` folder, converts each with
//! the autoconfig reader, and writes one JSON file per provider into
//! `providers/ispdb/`, together with the MPL-2.0 licence text and a notice: the
//! data stays under its own licence. The importer is re-runnable: it lists what it
//! wrote in `MANIFEST.txt`, and a later import removes only files of that list that
//! it does not write again, so the folder mirrors the source while files somebody
//! else put there are never deleted (they are reported instead). Domains listed by
//! two ISPDB files go to the first file (by name) and are reported.

use super::autoconfig::{self, AutoconfigError};
use super::model::{Origin, Provider, SourceKind};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::untrusted_file::{self, ReadProblem};

/// Why an import failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A directory or file could not be read or written.
    #[error("{path}: {problem}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error, or what is there instead of a file.
        problem: ReadProblem,
    },
    /// No month for the sources: neither SOURCE.md nor `--checked` gave one.
    #[error("{0} has no SOURCE.md with a commit date; pass --checked YYYY-MM")]
    NoDate(PathBuf),
}

impl ImportError {
    /// The error for people, in `lang` (the OS's words as details).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        match self {
            ImportError::Io { path, problem } => msg!(
                lang,
                "with-detail",
                sentence = msg!(lang, "import-error-io", path = path.display().to_string()),
                detail = problem.text(lang)
            ),
            ImportError::NoDate(dir) => msg!(
                lang,
                "import-error-no-date",
                dir = dir.display().to_string(),
                option = "--checked",
                example = "--checked 2026-12"
            ),
        }
    }
}

/// Why an ISPDB file was not imported.
#[derive(Debug)]
pub enum Skip {
    /// It could not be converted.
    Unusable(AutoconfigError),
    /// Every one of its domains is served by a file read before it.
    EveryDomainTaken,
    /// Its id is already used by `first`.
    IdTaken {
        /// The id.
        id: String,
        /// The file that has it.
        first: String,
    },
}

impl Skip {
    /// The reason for people, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::msg;
        match self {
            Skip::Unusable(e) => e.text(lang),
            Skip::EveryDomainTaken => msg!(lang, "import-skip-every-domain-taken"),
            Skip::IdTaken { id, first } => msg!(
                lang,
                "import-skip-id-taken",
                id = id.as_str(),
                // A file name from the folder read: escaped.
                first = crate::server_text::ServerText::new(first).to_string()
            ),
        }
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// XML files read.
    pub files_read: usize,
    /// Provider files written.
    pub written: usize,
    /// Distinct domains written.
    pub domains: usize,
    /// Stale JSON files removed from the output folder: written by an earlier
    /// import (listed in its manifest) and not written this time.
    pub removed: usize,
    /// JSON files in the output folder that no import wrote: left alone.
    pub unknown: Vec<String>,
    /// Files skipped, with the reason.
    pub skipped: Vec<(String, Skip)>,
    /// Domains claimed by two files: (domain, kept in, dropped from).
    pub duplicate_domains: Vec<(String, String, String)>,
    /// Domains the source marks as MX host domains, imported as MX suffixes:
    /// (domain, file).
    pub mx_suffixes: Vec<(String, String)>,
}

fn io(path: &Path, e: std::io::Error) -> ImportError {
    ImportError::Io {
        path: path.to_path_buf(),
        problem: ReadProblem::Io(e),
    }
}

/// Reads `Commit:` and `Commit date:` from the ISPDB copy's SOURCE.md.
fn source_info(src: &Path) -> (Option<String>, Option<String>) {
    let Ok(text) = std::fs::read_to_string(src.join("SOURCE.md")) else {
        return (None, None);
    };
    let mut commit = None;
    let mut month = None;
    for line in text.lines() {
        let l = line.trim_start_matches(['-', ' ']);
        if let Some(v) = l.strip_prefix("Commit date:") {
            month = v.trim().get(..7).map(str::to_owned);
        } else if let Some(v) = l.strip_prefix("Commit:") {
            commit = v.split_whitespace().next().map(str::to_owned);
        }
    }
    (commit, month)
}

/// The file in the output folder that lists what the importer wrote.
pub const MANIFEST: &str = "MANIFEST.txt";

/// The JSON file names an earlier import listed in `out`'s manifest; none when
/// there is no manifest. Only plain `*.json` names count, so a tampered manifest
/// cannot make the importer delete anything outside the folder or of another kind.
fn read_manifest(out: &Path) -> Result<Vec<String>, ImportError> {
    let path = out.join(MANIFEST);
    if path.symlink_metadata().is_err() {
        return Ok(Vec::new());
    }
    let text =
        untrusted_file::read_text(&path, super::load::MAX_FILE_BYTES).map_err(|problem| {
            ImportError::Io {
                path: path.clone(),
                problem,
            }
        })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| l.ends_with(".json") && !l.starts_with('.') && !l.contains(['/', '\\', '\0']))
        .map(str::to_owned)
        .collect())
}

fn write_manifest(out: &Path, names: &[String]) -> Result<(), ImportError> {
    let mut names = names.to_vec();
    names.sort();
    let mut text = String::from(
        "# Written by `mailconf providers import-ispdb`: the JSON files of the last import.\n\
         # The next import removes those of them it does not write again, and nothing else.\n",
    );
    for n in names {
        text.push_str(&n);
        text.push('\n');
    }
    let path = out.join(MANIFEST);
    std::fs::write(&path, text).map_err(|e| io(&path, e))
}

/// Imports `src` (a folder of ISPDB XML files) into `out`.
pub fn import(src: &Path, out: &Path, checked: Option<&str>) -> Result<ImportReport, ImportError> {
    let (commit, month) = source_info(src);
    let checked = checked
        .map(str::to_owned)
        .or(month)
        .ok_or_else(|| ImportError::NoDate(src.to_path_buf()))?;
    let rev = commit.unwrap_or_else(|| "master".into());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(src)
        .map_err(|e| io(src, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    paths.sort();
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;

    let mut report = ImportReport::default();
    let mut claimed: HashMap<String, String> = HashMap::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut written: Vec<PathBuf> = Vec::new();
    for path in &paths {
        report.files_read += 1;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = untrusted_file::read_text(path, autoconfig::MAX_XML_BYTES as u64).map_err(
            |problem| ImportError::Io {
                path: path.clone(),
                problem,
            },
        )?;
        let url = format!("https://github.com/thunderbird/autoconfig/blob/{rev}/ispdb/{name}");
        let converted = autoconfig::parse(&text).and_then(|doc| {
            autoconfig::to_provider(&doc, Origin::Ispdb, SourceKind::Ispdb, &url, &checked)
        });
        let mut p: Provider = match converted {
            Ok(p) => p,
            Err(
                e @ (AutoconfigError::Xml(_)
                | AutoconfigError::TooLarge(_)
                | AutoconfigError::NoServers),
            ) => {
                report.skipped.push((name, Skip::Unusable(e)));
                continue;
            }
        };
        p.domains.retain(|d| match claimed.get(d) {
            Some(first) => {
                report
                    .duplicate_domains
                    .push((d.clone(), first.clone(), name.clone()));
                false
            }
            None => {
                claimed.insert(d.clone(), name.clone());
                true
            }
        });
        for m in &p.mx_suffixes {
            report.mx_suffixes.push((m.clone(), name.clone()));
        }
        if p.domains.is_empty() && p.mx_suffixes.is_empty() {
            report.skipped.push((name, Skip::EveryDomainTaken));
            continue;
        }
        // The file name is the ISPDB's provider id (the `id` attribute is not unique:
        // five Zoho files say "zoho.com").
        p.id = autoconfig::sanitize_id(name.trim_end_matches(".xml"));
        if let Some(first) = ids.get(&p.id) {
            report.skipped.push((
                name,
                Skip::IdTaken {
                    id: p.id.clone(),
                    first: first.clone(),
                },
            ));
            continue;
        }
        ids.insert(p.id.clone(), name.clone());
        report.domains += p.domains.len();
        let dest = out.join(format!("{}.json", p.id));
        let mut json =
            serde_json::to_string_pretty(&p).map_err(|e| io(&dest, std::io::Error::other(e)))?;
        json.push('\n');
        std::fs::write(&dest, json).map_err(|e| io(&dest, e))?;
        written.push(dest);
        report.written += 1;
    }
    // Remove what an earlier import wrote and this one did not; nothing else.
    let written_names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let before = read_manifest(out)?;
    for name in &before {
        if !written_names.contains(name) {
            let p = out.join(name);
            if p.symlink_metadata().is_ok() {
                std::fs::remove_file(&p).map_err(|e| io(&p, e))?;
                report.removed += 1;
            }
        }
    }
    let (present, _) = super::load::json_files_in(out, usize::MAX, &[]).map_err(|e| io(out, e))?;
    report.unknown = present
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !written_names.contains(n) && !before.contains(n))
        .collect();
    write_manifest(out, &written_names)?;
    // Licence and notice travel with the data.
    let licence = src.join("LICENSE");
    if licence.exists() {
        std::fs::copy(&licence, out.join("LICENSE")).map_err(|e| io(&licence, e))?;
    }
    let notice = format!(
        "# Imported from the Thunderbird ISPDB\n\n\
         The JSON files in this folder are generated by `mailconf providers import-ispdb` from\n\
         Mozilla Thunderbird's ISPDB (https://github.com/thunderbird/autoconfig, folder `ispdb/`,\n\
         revision `{rev}`, data as of {checked}). They are a derivative of that data and remain under\n\
         the Mozilla Public License 2.0: see `LICENSE` in this folder. Do not edit them by hand;\n\
         re-run the importer instead. Hand-written entries in `providers/` take precedence over these.\n"
    );
    let notice_path = out.join("NOTICE.md");
    std::fs::write(&notice_path, notice).map_err(|e| io(&notice_path, e))?;
    Ok(report)
}
