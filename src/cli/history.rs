use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use super::check::print_notices;
use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, Failure, emit};
use crate::escape::terminal::line;
use crate::escape::workflow::inert;
use crate::git::Commit;
use crate::history::{self, Change, DocHistory, Event, History};
use crate::load;
use crate::source::FieldChange;
use crate::suggest;

/// Arguments of `riskreg history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The documents to show, by ID [default: every document].
    pub ids: Vec<String>,
    /// The register's root folder [default: the nearest folder, from here up, holding
    /// riskreg.yaml].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Use this config file instead of DIR/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read history from this revision instead of HEAD.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Read history up to the end of DATE (the last commit on HEAD's first-parent line
    /// dated on or before it).
    #[arg(long, value_name = "DATE", conflicts_with = "rev", value_parser = super::date::parse)]
    pub at: Option<NaiveDate>,
    /// Show only changes committed on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub since: Option<NaiveDate>,
    /// How to print the timelines.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Human)]
    pub format: HistoryFormat,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The formats `riskreg history` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A readable timeline per document.
    Human,
    /// One JSON document, for tools.
    Json,
}

/// Prints the timelines of the requested documents.
pub fn run(args: &HistoryArgs, out: &mut dyn Write) -> CommandResult {
    let options = args
        .limits
        .load_options(args.root.clone(), args.config.clone());
    let (root, config, notices) =
        load::load_config(&options).map_err(|error| Failure::Message(error.to_string()))?;
    print_notices(&notices);
    let at = match args.at {
        Some(date) => Some(super::point::commit_at(&root, date, &format!("--at {date}"))?.id),
        None => None,
    };
    let rev = at.as_deref().or(args.rev.as_deref());
    let history = history::read(&root, rev, &config).map_err(|error| match error.hint() {
        Some(hint) => Failure::Message(format!("{error}. {hint}")),
        None => Failure::Message(error.to_string()),
    })?;
    let history = super::keep_until_exit(history);
    let ids: Vec<&str> = if args.ids.is_empty() {
        history.ids()
    } else {
        for id in &args.ids {
            if history.doc(id).is_none() {
                let hint = suggest::did_you_mean(id, history.ids())
                    .map(|hint| format!("; {hint}"))
                    .unwrap_or_default();
                return Err(Failure::Message(format!(
                    "no document with the ID `{id}` in the history{hint}"
                )));
            }
        }
        args.ids.iter().map(String::as_str).collect()
    };
    let in_window = |event: &&Event| args.since.is_none_or(|since| event.commit.date() >= since);
    let timelines: Vec<(&str, &DocHistory, Vec<&Event>)> = ids
        .into_iter()
        .filter_map(|id| {
            let doc = history.doc(id)?;
            let events: Vec<&Event> = doc.events.iter().filter(in_window).collect();
            (!events.is_empty() || !args.ids.is_empty()).then_some((id, doc, events))
        })
        .collect();
    match args.format {
        HistoryFormat::Human => emit(out, &inert(&human(&timelines)))?,
        HistoryFormat::Json => write_json(out, &history, &timelines)?,
    }
    Ok(EXIT_CLEAN)
}

fn describe(event: &Event) -> Vec<String> {
    let mut lines = match &event.change {
        Change::Added => vec![format!("added as {}", event.path)],
        Change::Removed => vec![format!("removed ({})", event.path)],
        Change::Moved { from } => vec![format!("moved {from} -> {}", event.path)],
        Change::Changed => Vec::new(),
    };
    lines.extend(event.fields.iter().map(FieldChange::describe));
    lines
}

/// The timelines as text for a terminal; values, paths and names with their control,
/// bidirectional and zero-width characters shown as escapes (and no CI runner command,
/// once made [`inert`]).
fn human(timelines: &[(&str, &DocHistory, Vec<&Event>)]) -> String {
    let mut text = String::new();
    for (id, doc, events) in timelines {
        let path = doc
            .events
            .last()
            .map(|event| event.path.as_str())
            .unwrap_or_default();
        text.push_str(&format!("{}  {}\n", line(id), line(path)));
        if let (Some(created), Some(changed)) = (doc.created(), doc.last_changed()) {
            text.push_str(&format!(
                "  created {} by {} ({}); last changed {} by {} ({})\n",
                created.commit.date(),
                line(&created.commit.author),
                created.commit.short_id(),
                changed.commit.date(),
                line(&changed.commit.author),
                changed.commit.short_id()
            ));
        }
        let width = events
            .iter()
            .map(|event| line(&event.commit.author).chars().count())
            .max()
            .unwrap_or(0);
        for event in events {
            let lead = format!(
                "  {}  {}  {:width$}  ",
                event.commit.date(),
                event.commit.short_id(),
                line(&event.commit.author)
            );
            for (index, change) in describe(event).iter().enumerate() {
                if index == 0 {
                    text.push_str(&lead);
                } else {
                    text.push_str(&" ".repeat(lead.chars().count()));
                }
                text.push_str(&line(change));
                text.push('\n');
            }
        }
        text.push('\n');
    }
    if timelines.is_empty() {
        text.push_str("no changes\n");
    }
    text
}

#[derive(Serialize)]
struct JsonHistory<'a> {
    version: u32,
    tip: Option<JsonCommit<'a>>,
    documents: Vec<JsonDocument<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    id: &'a str,
    path: &'a str,
    created: Option<JsonCommit<'a>>,
    last_changed: Option<JsonCommit<'a>>,
    events: Vec<JsonEvent<'a>>,
}

#[derive(Serialize)]
struct JsonCommit<'a> {
    commit: &'a str,
    time: String,
    author: &'a str,
    email: &'a str,
    summary: &'a str,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    #[serde(flatten)]
    commit: JsonCommit<'a>,
    #[serde(flatten)]
    change: &'a Change,
    path: &'a str,
    fields: &'a [FieldChange],
}

fn json_commit(commit: &Commit) -> JsonCommit<'_> {
    let offset = chrono::FixedOffset::east_opt(commit.offset_minutes * 60)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("UTC"));
    let time = chrono::DateTime::from_timestamp(commit.time, 0)
        .map(|time| time.with_timezone(&offset).to_rfc3339())
        .unwrap_or_default();
    JsonCommit {
        commit: &commit.id,
        time,
        author: &commit.author,
        email: &commit.email,
        summary: &commit.summary,
    }
}

/// Writes the timelines as one pretty-printed JSON document. Each document's part is
/// printed on its own, in parallel (a large register's history runs to a hundred
/// megabytes), and the parts are written in turn as `serde_json` would print them whole:
/// indented two levels, one per line of the `documents` array, never joined into one
/// string. Indenting line by line is safe: JSON strings hold no raw line breaks.
fn write_json(
    out: &mut dyn Write,
    history: &History,
    timelines: &[(&str, &DocHistory, Vec<&Event>)],
) -> std::io::Result<()> {
    let head = JsonHistory {
        version: 1,
        tip: history.tip.as_deref().map(json_commit),
        documents: Vec::new(),
    };
    let text = serde_json::to_string_pretty(&head).unwrap_or_default();
    let documents: Vec<String> = timelines
        .par_iter()
        .map(|timeline| {
            let document =
                serde_json::to_string_pretty(&json_document(timeline)).unwrap_or_default();
            let mut indented = String::with_capacity(document.len() + document.len() / 8);
            for (index, line) in document.split('\n').enumerate() {
                if index > 0 {
                    indented.push('\n');
                }
                indented.push_str("    ");
                indented.push_str(line);
            }
            indented
        })
        .collect();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    match text.strip_suffix("[]\n}") {
        Some(before) if !documents.is_empty() => {
            out.write_all(before.as_bytes())?;
            out.write_all(b"[\n")?;
            for (index, document) in documents.iter().enumerate() {
                if index > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(document.as_bytes())?;
            }
            out.write_all(b"\n  ]\n}")?;
        }
        _ => out.write_all(text.as_bytes())?,
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// One document's timeline in the JSON shape.
fn json_document<'a>(
    (id, doc, events): &(&'a str, &'a DocHistory, Vec<&'a Event>),
) -> JsonDocument<'a> {
    JsonDocument {
        id,
        path: doc
            .events
            .last()
            .map(|event| event.path.as_str())
            .unwrap_or_default(),
        created: doc.created().map(|event| json_commit(&event.commit)),
        last_changed: doc.last_changed().map(|event| json_commit(&event.commit)),
        events: events
            .iter()
            .map(|event| JsonEvent {
                commit: json_commit(&event.commit),
                change: &event.change,
                path: &event.path,
                fields: &event.fields,
            })
            .collect(),
    }
}
