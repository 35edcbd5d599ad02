use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::{HistoryArgs, check_revision, load_and_check, print_notices};
use super::limits::LimitArgs;
use super::point;
use super::{CommandResult, EXIT_CLEAN, EXIT_FINDINGS, Failure, emit};
use crate::diff::{self, Side};
use crate::finding::Finding;
use crate::load::{self, Register};
use crate::output::pr_comment;

/// Arguments of `riskreg diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The revision to compare from (the pull request's target branch, say), or @DATE: the
    /// register as committed at the end of DATE.
    pub base: String,
    /// The revision (or @DATE) to compare to [default: the work tree].
    pub head: Option<String>,
    /// The register's root folder [default: the nearest folder, from here up, holding
    /// riskreg.yaml].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Use this config file instead of DIR/riskreg.yaml (for the work tree; a revision is
    /// read with its own committed riskreg.yaml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// md (a pull-request comment) or json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
    /// Exit 1 when the change adds an error-severity finding.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
    /// The date the rules compare against, YYYY-MM-DD [default: the head's @DATE, else
    /// today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    /// Fail (exit 2) instead of skipping the git rules when history is unavailable.
    #[arg(long, conflicts_with = "no_history")]
    pub require_history: bool,
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
    for side in std::iter::once(&args.base).chain(&args.head) {
        check_date(side)?;
    }
    let as_of = args
        .as_of
        .or_else(|| args.head.as_deref().and_then(date_of))
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = args
        .limits
        .load_options(args.root.clone(), args.config.clone());
    let history = HistoryArgs {
        rev: None,
        at: None,
        require_history: args.require_history,
        no_history: args.no_history,
    };
    let max_file_bytes = args.limits.max_file_bytes;
    // The config is read once: by the work tree's load, or for the register's root when
    // the head is a revision; `@DATE` sides are resolved with that root.
    let (root, base_rev, head_rev, head_register, head_findings): (
        PathBuf,
        String,
        Option<String>,
        Option<Register>,
        Vec<Finding>,
    ) = match &args.head {
        None => {
            let checked = load_and_check(&options, as_of, &history)?;
            let root = checked.register.root.clone();
            let base_rev = resolve(&root, &args.base)?;
            (
                root,
                base_rev,
                None,
                Some(checked.register),
                checked.findings,
            )
        }
        Some(head) => {
            let (root, _, notices) =
                load::load_config(&options).map_err(|error| Failure::Message(error.to_string()))?;
            print_notices(&notices);
            let base_rev = resolve(&root, &args.base)?;
            let head_rev = resolve(&root, head)?;
            let checked = check_revision(&root, &head_rev, as_of, &history, max_file_bytes)?;
            (
                root,
                base_rev,
                Some(head_rev),
                checked.register,
                checked.findings,
            )
        }
    };
    let base = check_revision(&root, &base_rev, as_of, &history, max_file_bytes)?;
    let comparison = diff::compare(
        &label(&args.base, &base_rev),
        &args.head.as_deref().zip(head_rev.as_deref()).map_or_else(
            || pr_comment::WORK_TREE.to_owned(),
            |(side, rev)| label(side, rev),
        ),
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

/// The date of a side given as `@DATE`.
fn date_of(side: &str) -> Option<NaiveDate> {
    super::date::parse(side.strip_prefix('@')?).ok()
}

/// Refuses a side that starts like `@DATE` (`@` and a digit) but is not a date, saying why.
fn check_date(side: &str) -> Result<(), Failure> {
    match side.strip_prefix('@') {
        Some(date) if date.starts_with(|c: char| c.is_ascii_digit()) => super::date::parse(date)
            .map(|_| ())
            .map_err(|why| Failure::Message(format!("invalid value '{side}': {why}"))),
        _ => Ok(()),
    }
}

/// The revision a side names: an `@DATE` becomes the commit that held the register at the
/// end of that date; anything else is a revision already.
fn resolve(root: &Path, side: &str) -> Result<String, Failure> {
    match date_of(side) {
        Some(date) => Ok(point::commit_at(root, date, side)?.id),
        None => Ok(side.to_owned()),
    }
}

/// How the comment names a side: as given, with the commit an `@DATE` resolved to.
fn label(side: &str, rev: &str) -> String {
    if side == rev {
        side.to_owned()
    } else {
        format!("{side} ({})", crate::git::short_id(rev))
    }
}
