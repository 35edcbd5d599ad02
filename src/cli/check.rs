use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, EXIT_FINDINGS, Failure, emit};
use crate::finding::{self, Finding, Tally};
use crate::git::{Commit, GitError};
use crate::history::{self, History};
use crate::load::{self, ConfigError, LoadOptions, Register};
use crate::model::Config;
use crate::output::{self, CheckResults, Format, Sources};
use crate::revision::{self, Revisions};
use crate::rules;

/// Arguments of `riskreg check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub register: super::root::RootArgs,
    /// Use this config file instead of DIR/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The date every date rule compares against, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report only findings not already present at this git revision (matched by rule,
    /// document ID and field, never by line), so a pull request is judged on what it changed.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    #[command(flatten)]
    pub history: HistoryArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// How `check` reads git history.
#[derive(Debug, Clone, Args)]
pub struct HistoryArgs {
    /// Read the register as committed at this revision (its documents and its history)
    /// instead of the work tree.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Read the register as committed at the end of DATE (the last commit on HEAD's
    /// first-parent line dated on or before it), judged as of DATE unless --as-of says
    /// otherwise.
    #[arg(long, value_name = "DATE", conflicts_with = "rev", value_parser = super::date::parse)]
    pub at: Option<NaiveDate>,
    /// Fail (exit 2) instead of skipping the git rules when history is unavailable.
    #[arg(long, conflicts_with = "no_history")]
    pub require_history: bool,
    /// Do not read git history; the git rules are skipped.
    #[arg(long)]
    pub no_history: bool,
}

impl HistoryArgs {
    /// The date the rules compare against: `--as-of`, else `--at`, else today.
    pub fn as_of(&self, as_of: Option<NaiveDate>) -> NaiveDate {
        as_of
            .or(self.at)
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Where the register is read as committed (`--rev` or `--at`); `None` for the work
    /// tree.
    pub fn point(&self) -> Option<Point<'_>> {
        match (&self.rev, self.at) {
            (_, Some(date)) => Some(Point::At(date)),
            (Some(rev), None) => Some(Point::Rev(rev)),
            (None, None) => None,
        }
    }
}

/// A point in the register's history.
#[derive(Debug, Clone, Copy)]
pub enum Point<'a> {
    /// A revision, as given.
    Rev(&'a str),
    /// The end of a date.
    At(NaiveDate),
}

/// A loaded and checked register, with its history.
pub struct Checked {
    /// The commit the register was read at (`--rev`, `--at`); `None` for the work tree.
    pub commit: Option<Commit>,
    /// The register.
    pub register: Register,
    /// Its history, when available.
    pub history: Option<History>,
    /// Every finding, sorted.
    pub findings: Vec<Finding>,
    /// The reader the register was read with, when it was read as committed: it can read
    /// the register at other commits, reusing this one's documents ([`Revisions::reuse`]).
    pub revisions: Option<Revisions>,
}

/// Loads the register, reads its history and runs every rule; prints load notices and
/// config problems on stderr.
pub fn load_and_check(
    options: &LoadOptions,
    as_of: NaiveDate,
    history_args: &HistoryArgs,
) -> Result<Checked, Failure> {
    if let Some(point) = history_args.point() {
        return load_and_check_committed(options, as_of, point, history_args);
    }
    let loaded = load::load_alongside(options, |root, config| {
        (!history_args.no_history).then(|| read_work_tree_history(root, config))
    });
    let (loaded, history) = match loaded {
        Ok(loaded) => loaded,
        Err(ConfigError::Invalid { doc, findings }) => {
            let sources = Sources::from_documents([doc.as_ref()]);
            let text = output::human::render_findings(
                &findings,
                &sources,
                std::io::stderr().is_terminal(),
            );
            eprint!("{text}");
            return Err(Failure::Message(
                ConfigError::Invalid { doc, findings }.to_string(),
            ));
        }
        Err(error) => return Err(Failure::Message(error.to_string())),
    };
    print_notices(&loaded.notices);
    print_notices(&load::skipped_notes(&loaded.register, &loaded.findings));
    let history = match history {
        Some(read) => settle_history(read, history_args)?.map(|history| history.at_end_of(as_of)),
        None => None,
    };
    let findings = rules::check(&loaded.register, as_of, history.as_ref(), loaded.findings);
    Ok(Checked {
        commit: None,
        register: loaded.register,
        history,
        findings,
        revisions: None,
    })
}

/// [`load_and_check`] for the register as committed at `--rev` or `--at`: its documents
/// from that commit's blobs, its history cut at that commit, walked on another thread while
/// the documents are read.
fn load_and_check_committed(
    options: &LoadOptions,
    as_of: NaiveDate,
    point: Point<'_>,
    history_args: &HistoryArgs,
) -> Result<Checked, Failure> {
    let (root, _, notices) =
        load::load_config(options).map_err(|error| Failure::Message(error.to_string()))?;
    print_notices(&notices);
    let commit = match point {
        Point::At(date) => super::point::commit_at(&root, date, &format!("--at {date}"))?,
        Point::Rev(rev) => crate::git::Repo::discover(&root)
            .and_then(|repo| repo.resolve(rev))
            .map_err(|error| Failure::Message(error.to_string()))?,
    };
    let failed = |error: GitError| Failure::Message(error.to_string());
    let missing = || {
        Failure::Message(format!(
            "the register did not exist at commit {} ({}): no {} there",
            commit.short_id(),
            commit.date(),
            crate::layout::CONFIG_FILE
        ))
    };
    let mut revisions = Revisions::open(&root).map_err(failed)?;
    let config = revisions
        .config(&commit.id, options.max_file_bytes)
        .map_err(failed)?
        .ok_or_else(missing)?;
    // The history needs only the config: it is walked while the documents are read.
    let (loaded, history) = std::thread::scope(|scope| {
        let history = (!history_args.no_history)
            .then(|| scope.spawn(|| history::read(&root, Some(&commit.id), &config)));
        let loaded = revisions.load(&commit.id, options.max_file_bytes);
        let history = history.map(|history| {
            history
                .join()
                .unwrap_or_else(|_| Err(GitError::Corrupt("the history walk failed".to_owned())))
        });
        (loaded, history)
    });
    let loaded = loaded.map_err(failed)?.ok_or_else(missing)?;
    print_notices(&loaded.notices);
    print_notices(&load::skipped_notes(&loaded.register, &loaded.findings));
    let history = match history {
        Some(read) => settle_history(read, history_args)?.map(|history| history.at_end_of(as_of)),
        None => None,
    };
    let findings = rules::check(&loaded.register, as_of, history.as_ref(), loaded.findings);
    Ok(Checked {
        commit: Some(commit),
        register: loaded.register,
        history,
        findings,
        revisions: Some(revisions),
    })
}

/// A register as committed at a revision, checked.
#[derive(Default)]
pub struct CheckedRevision {
    /// The register (none when it did not exist at the revision).
    pub register: Option<Register>,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// Its history up to the revision (none when not read).
    pub history: Option<History>,
}

/// Prints notices (files skipped, limits capped) on stderr, one `note:` line each.
pub fn print_notices(notices: &[String]) {
    for notice in notices {
        super::note(notice);
    }
}

/// The register as it was at `rev` (none when it did not exist there), its findings and
/// its history, reading no file over `max_file_bytes`. Its history is read too, unless `--no-history`;
/// when that fails only because there is none to read (no repository, a shallow clone),
/// the git rules are skipped on this side.
pub fn check_revision(
    root: &Path,
    rev: &str,
    as_of: NaiveDate,
    history_args: &HistoryArgs,
    max_file_bytes: u64,
) -> Result<CheckedRevision, Failure> {
    let Some(loaded) = revision::load(root, rev, max_file_bytes)
        .map_err(|error| Failure::Message(error.to_string()))?
    else {
        return Ok(CheckedRevision::default());
    };
    print_notices(&loaded.notices);
    let history = if history_args.no_history {
        None
    } else {
        match history::read(root, Some(rev), &loaded.register.config) {
            Ok(history) => Some(history),
            Err(error) if is_fatal(&error) || history_args.require_history => {
                return Err(Failure::Message(error.to_string()));
            }
            Err(_) => None,
        }
    };
    let findings = rules::check(&loaded.register, as_of, history.as_ref(), loaded.findings);
    Ok(CheckedRevision {
        register: Some(loaded.register),
        findings,
        history,
    })
}

/// The history up to HEAD of the register at `root`, compared with the work tree.
fn read_work_tree_history(root: &Path, config: &Config) -> Result<History, GitError> {
    history::read(root, None, config)
        .and_then(|history| history::compare_work_tree(history, root, config))
}

/// The history read, or `None` with a note saying once why the git rules are skipped; an
/// error that stops the command (or any, under `--require-history`) is a failure.
fn settle_history(
    read: Result<History, GitError>,
    args: &HistoryArgs,
) -> Result<Option<History>, Failure> {
    match read {
        Ok(history) => Ok(Some(history)),
        Err(error) if is_fatal(&error) => Err(Failure::Message(error.to_string())),
        Err(error) => {
            let fix = match error {
                GitError::NoCommits => "Commit the register first.",
                GitError::NotARepository => {
                    "Keep the register in a git repository to get history and these rules."
                }
                _ => error.hint().unwrap_or_default(),
            };
            let message = format!(
                "the rules that need git history ({}) were skipped: {error}. {fix}",
                git_rule_codes()
            );
            if args.require_history {
                return Err(Failure::Message(format!("{message} (--require-history)")));
            }
            super::note(&message);
            Ok(None)
        }
    }
}

/// Whether a git error stops the command (exit 2) rather than skipping the git rules: a
/// damaged repository, an unknown revision, or history riskreg refuses to read.
fn is_fatal(error: &GitError) -> bool {
    matches!(
        error,
        GitError::Corrupt(_) | GitError::BadRevision(_) | GitError::Refused(_)
    )
}

fn git_rule_codes() -> String {
    rules::all()
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| meta.needs_history())
        .map(|meta| meta.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether human output may use colour: stdout is a terminal and `NO_COLOR` is not set.
pub fn colour_wanted() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// Loads and checks the register, prints the findings, and returns the exit code.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> CommandResult {
    let as_of = args.history.as_of(args.as_of);
    let options = args
        .limits
        .load_options(args.register.folder(), args.config.clone());
    let mut checked = super::keep_until_exit(load_and_check(&options, as_of, &args.history)?);
    if let Some(base) = &args.base {
        let base_findings = check_revision(
            &checked.register.root,
            base,
            as_of,
            &args.history,
            args.limits.max_file_bytes,
        )?
        .findings;
        let (new, old) =
            finding::split_by_base(std::mem::take(&mut checked.findings), &base_findings);
        if !old.is_empty() {
            super::note(&format!(
                "{} finding{} already present at {base} not shown (--base)",
                old.len(),
                if old.len() == 1 { "" } else { "s" }
            ));
        }
        checked.findings = new;
    }
    let (register, history, findings) = (&checked.register, &checked.history, &checked.findings);
    let report = CheckResults {
        as_of,
        findings,
        documents: register.documents.len(),
        uncommitted: history.as_ref().map(|history| history.dirty.len()),
        committed: checked
            .commit
            .as_ref()
            .map(|commit| format!("commit {} of {}", commit.short_id(), commit.date())),
        repo_prefix: crate::git::repo_prefix(&register.root),
        sources: Sources::from_register(register),
    };
    let text = output::render(args.format, &report, colour_wanted());
    emit(out, &text)?;
    if args.format == Format::Github {
        append_step_summary(&report);
    }
    let tally = Tally::of(findings);
    let failed = tally.errors > 0 || (args.deny_warnings && tally.warnings > 0);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Under `--format github`, appends the Markdown summary of every finding to the file
/// `GITHUB_STEP_SUMMARY` names (GitHub shows only a few annotations per step); nothing when
/// it is unset or empty. A file that cannot be written is a note on stderr, not a failure:
/// the annotations are out and the exit code still reflects the findings.
fn append_step_summary(report: &CheckResults<'_>) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|path| !path.is_empty()) else {
        return;
    };
    let summary = output::github::step_summary(report);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(summary.as_bytes()));
    if let Err(error) = written {
        super::note(&format!(
            "could not append the job summary to {} (GITHUB_STEP_SUMMARY): {error}",
            PathBuf::from(path).display()
        ));
    }
}
