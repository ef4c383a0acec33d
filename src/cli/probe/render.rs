//! How `mailconf probe` prints a check's events: the table as the rows
//! arrive, then the recommendation, the advice and the transcripts, or the
//! one JSON document; and the exit code that goes with them.

use std::io::Write;

use super::{ProbeArgs, usage};
use crate::check::{CheckError, CheckEvent, ProbeSummary, TargetSource};
use crate::cli::layout::Wrapped;
use crate::cli::table::{Columns, Style};
use crate::i18n::Lang;
use crate::probe::EndpointReport;

/// Renders a check's events as `mailconf probe` prints them (the table as the
/// rows arrive, then the recommendation and advice, or the JSON document) and
/// returns the exit code. The events come from the engine, or in tests from
/// the check layer's fake, so every face can be fed the same reports. The
/// table fits the terminal's width (`COLUMNS`, the terminal, else 80).
pub fn render(
    args: &ProbeArgs,
    lang: Lang,
    out: &mut dyn Write,
    color: bool,
    events: impl IntoIterator<Item = CheckEvent>,
) -> anyhow::Result<u8> {
    let width = crate::cli::layout::terminal_width();
    render_at(args, lang, out, color, width, events)
}

/// [`render`] for a terminal `width` columns wide.
pub fn render_at(
    args: &ProbeArgs,
    lang: Lang,
    out: &mut dyn Write,
    color: bool,
    width: usize,
    events: impl IntoIterator<Item = CheckEvent>,
) -> anyhow::Result<u8> {
    let style = Style {
        color,
        lang,
        width,
        port_map: args.port_map.iter().copied().collect(),
    };
    let mut columns: Option<Columns> = None;
    for event in events {
        match event {
            CheckEvent::LookedUp { .. } | CheckEvent::Discovered { .. } => {}
            CheckEvent::Planned { plan, .. } => {
                if !args.json {
                    match (&plan.source, &plan.provider) {
                        (TargetSource::Database { .. }, Some(p)) => crate::cli::complain(
                            lang,
                            "mailconf probe",
                            &crate::i18n::msg!(
                                lang,
                                "status-from-database",
                                provider = p.name.get(lang),
                                id = p.id.as_str()
                            ),
                        ),
                        (TargetSource::Discovered { provenance }, _) => crate::cli::complain(
                            lang,
                            "mailconf probe",
                            &crate::i18n::msg!(
                                lang,
                                "status-discovered",
                                provenance = provenance.text(lang).to_string()
                            ),
                        ),
                        _ => {}
                    }
                    style.header(out, &plan.endpoints)?;
                }
                columns = Some(style.columns(&plan.endpoints));
            }
            CheckEvent::EndpointDone { report, .. } => {
                if !args.json {
                    let c = *columns.get_or_insert_with(|| style.columns(&[]));
                    style.row(out, &report, &c)?;
                    let mut wrapped = Wrapped::new(&mut *out, style.width);
                    style.login_line(&mut wrapped, &report)?;
                    drop(wrapped);
                    out.flush()?;
                }
            }
            CheckEvent::Finished { summary, .. } => {
                print_summary(out, args, &style, &summary)?;
                return Ok(summary.exit_code);
            }
            CheckEvent::Failed { error, summary, .. } => {
                return Ok(match summary {
                    // A negative answer: nothing found, a closed provider.
                    Some(summary) => {
                        if !args.json {
                            crate::cli::complain(lang, "mailconf probe", &error.text(lang));
                        }
                        print_summary(out, args, &style, &summary)?;
                        summary.exit_code
                    }
                    None if matches!(*error, CheckError::Start(_)) => {
                        crate::cli::complain(lang, "mailconf probe", &error.text(lang));
                        crate::cli::EXIT_ERROR
                    }
                    None => usage(lang, error.text(lang)),
                });
            }
        }
    }
    crate::cli::complain(
        lang,
        "mailconf probe",
        &crate::i18n::msg!(lang, "check-ended-without-answer"),
    );
    Ok(crate::cli::EXIT_ERROR)
}

/// The JSON document, or the recommendation, the advice and the transcripts.
fn print_summary(
    out: &mut dyn Write,
    args: &ProbeArgs,
    style: &Style,
    summary: &ProbeSummary,
) -> anyhow::Result<()> {
    if args.json {
        serde_json::to_writer_pretty(&mut *out, summary)?;
        writeln!(out)?;
    } else {
        let mut wrapped = Wrapped::new(&mut *out, style.width);
        if !summary.endpoints.is_empty() {
            style.recommendation(&mut wrapped, summary)?;
        }
        style.advice(&mut wrapped, summary)?;
        drop(wrapped);
        if args.transcript {
            for r in &summary.endpoints {
                transcript(out, r)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn transcript(out: &mut dyn Write, r: &EndpointReport) -> std::io::Result<()> {
    writeln!(out, "\n== {} ==\n{}", r.endpoint, r.transcript)
}
