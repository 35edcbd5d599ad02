use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::{HistoryArgs, load_and_check};
use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, Failure, write_output};
use crate::due::{self, render};
use crate::escape::workflow::inert;
use crate::index::Index;
use crate::suggest;

/// Arguments of `riskreg due`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  riskreg due                                 what needs every owner in the next 30 days
  riskreg due --within 7 --owner alice        one owner, one week ahead
  riskreg due --format md --link-base https://github.com/ORG/REPO/blob/main
                                              one issue body per owner, with links

Exit codes: 0 the list was written (whatever it holds), 2 riskreg could not run.")]
pub struct DueArgs {
    /// The register.
    #[command(flatten)]
    pub register: super::root::RootArgs,
    /// Use this config file instead of DIR/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// How many days ahead of as-of an action, an acceptance or a review counts as due.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: u32,
    /// Only this owner's items (an owners[].id of riskreg.yaml).
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// human (a list), json (the spec's shape) or md (one issue body per owner).
    #[arg(long, value_enum, default_value_t = DueFormat::Human)]
    pub format: DueFormat,
    /// md: link each item to its file under this URL (the register's repository at a
    /// revision, e.g. https://github.com/ORG/REPO/blob/SHA); without it, paths are shown.
    #[arg(long, value_name = "URL")]
    pub link_base: Option<String>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date items are judged on, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub history: HistoryArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The formats `riskreg due` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    /// A list per owner, for a terminal.
    Human,
    /// One JSON document (the spec's shape).
    Json,
    /// One issue body per owner (GitHub/GitLab Markdown), each behind a hidden marker.
    Md,
}

/// Lists what needs each owner within the window.
pub fn run(args: &DueArgs, out: &mut dyn Write) -> CommandResult {
    if let Some(base) = &args.link_base
        && !(base.starts_with("https://") || base.starts_with("http://"))
    {
        return Err(Failure::Message(format!(
            "--link-base {base}: a link base is an http(s) URL, such as https://github.com/ORG/REPO/blob/main"
        )));
    }
    let as_of = args.history.as_of(args.as_of);
    let options = args
        .limits
        .load_options(args.register.folder(), args.config.clone());
    let checked = super::keep_until_exit(load_and_check(&options, as_of, &args.history)?);
    let register = &checked.register;
    if register.config.owners.is_empty() {
        super::note(
            "riskreg.yaml lists no owners (owners:): items are listed by the owner IDs the documents name, with no name, email or login to reach them by",
        );
    }
    let index = Index::new(register, as_of, checked.history.as_ref());
    let mut due = due::collect(&index, args.within);
    if let Some(wanted) = &args.owner {
        let known = register
            .config
            .owners
            .iter()
            .map(|owner| owner.id.as_str())
            .chain(due.list.owners.iter().map(|owner| owner.id.as_str()));
        if !known.clone().any(|id| id == wanted) {
            let hint = suggest::did_you_mean(wanted, known)
                .map(|hint| format!("; {hint}"))
                .unwrap_or_default();
            return Err(Failure::Message(format!(
                "--owner {wanted}: no owner with this ID in riskreg.yaml's owners{hint}"
            )));
        }
        due.list.owners.retain(|owner| &owner.id == wanted);
        due.notices
            .retain(|notice| notice.contains(&format!("`{wanted}`")));
    }
    for notice in &due.notices {
        super::note(notice);
    }
    let text = match args.format {
        DueFormat::Human => inert(&render::human(&due.list, args.owner.as_deref())).into_owned(),
        DueFormat::Json => {
            let mut text = serde_json::to_string_pretty(&due.list)
                .map_err(|error| Failure::Message(error.to_string()))?;
            text.push('\n');
            text
        }
        DueFormat::Md => {
            if due.list.owners.is_empty() {
                super::note(&format!(
                    "nothing due within {} days of {as_of}: no issue body to write",
                    args.within
                ));
            }
            let links = render::Links {
                base: args.link_base.clone(),
                prefix: crate::git::repo_prefix(&register.root),
            };
            render::markdown(&due.list, &links)
        }
    };
    write_output(args.output.as_deref(), text.as_bytes(), out)?;
    Ok(EXIT_CLEAN)
}
