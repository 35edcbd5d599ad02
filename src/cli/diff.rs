use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::{HistoryArgs, check_revision, load_and_check, print_notices};
use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, EXIT_FINDINGS, Failure, emit};
use crate::diff::{self, Side};
use crate::finding::Finding;
use crate::load::{self, Register};
use crate::output::pr_comment;

/// Arguments of `riskreg diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The revision to compare from (the pull request's target branch, say).
    pub base: String,
    /// The revision to compare to [default: the work tree].
    pub head: Option<String>,
    /// The register's root folder [default: the nearest folder, from here up, holding
    /// riskreg.yaml].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// md (a pull-request comment) or json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
    /// Exit 1 when the change adds an error-severity finding.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
    /// The date the rules compare against, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Do not read git history; the git rules are skipped on both sides.
    #[arg(long)]
    pub no_history: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The formats `riskreg diff` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A pull-request comment.
    Md,
    /// One JSON document, for tools.
    Json,
}

/// When `riskreg diff` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// The change adds at least one error-severity finding.
    NewErrors,
}

/// Compares the register between two revisions (or a revision and the work tree).
pub fn run(args: &DiffArgs, out: &mut dyn Write) -> CommandResult {
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let history = HistoryArgs {
        rev: None,
        at: None,
        require_history: false,
        no_history: args.no_history,
    };
    let options = args.limits.load_options(args.root.clone(), None);
    let max_file_bytes = args.limits.max_file_bytes;
    let (root, head_register, head_findings): (PathBuf, Option<Register>, Vec<Finding>) =
        match &args.head {
            None => {
                let checked = load_and_check(&options, as_of, &history)?;
                (
                    checked.register.root.clone(),
                    Some(checked.register),
                    checked.findings,
                )
            }
            Some(rev) => {
                let (root, _, notices) = load::load_config(&options)
                    .map_err(|error| Failure::Message(error.to_string()))?;
                print_notices(&notices);
                let checked = check_revision(&root, rev, as_of, &history, max_file_bytes)?;
                (root, checked.register, checked.findings)
            }
        };
    let base = check_revision(&root, &args.base, as_of, &history, max_file_bytes)?;
    let comparison = diff::compare(
        &args.base,
        args.head.as_deref().unwrap_or("work tree"),
        &Side {
            register: base.register.as_ref(),
            findings: &base.findings,
            history: base.history.as_ref(),
        },
        &Side {
            register: head_register.as_ref(),
            findings: &head_findings,
            history: None,
        },
    );
    let text = match args.format {
        DiffFormat::Md => pr_comment::markdown(&comparison),
        DiffFormat::Json => pr_comment::json(&comparison),
    };
    emit(out, &text)?;
    let failed = args.fail_on == Some(FailOn::NewErrors) && comparison.counts.new_errors > 0;
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}
