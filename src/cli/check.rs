use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::{CommandResult, EXIT_CLEAN, EXIT_FINDINGS, Failure, emit};
use crate::finding::Tally;
use crate::git::GitError;
use crate::history::{self, History};
use crate::load::{self, ConfigError, LoadOptions, Register};
use crate::output::{self, Format, Report, Sources};
use crate::rules;

/// Arguments of `riskreg check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The register's root folder [default: the nearest folder, from here up, holding
    /// riskreg.yaml].
    pub path: Option<PathBuf>,
    /// Use this config file instead of PATH/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The date every date rule compares against, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub history: HistoryArgs,
}

/// How `check` reads git history.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Read history from this revision instead of HEAD.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Fail (exit 2) instead of skipping the git rules when history is unavailable.
    #[arg(long, conflicts_with = "no_history")]
    pub require_history: bool,
    /// Do not read git history; the git rules are skipped.
    #[arg(long)]
    pub no_history: bool,
}

/// Reads the register's history for the git rules, or says once why they are skipped.
pub fn read_history(register: &Register, args: &HistoryArgs) -> Result<Option<History>, Failure> {
    if args.no_history {
        return Ok(None);
    }
    let max_bytes = register.config.limits.max_file_bytes;
    match history::read(&register.root, args.rev.as_deref(), max_bytes) {
        Ok(history) => Ok(Some(history)),
        Err(error @ (GitError::Corrupt(_) | GitError::BadRevision(_))) => {
            Err(Failure::Message(error.to_string()))
        }
        Err(error) => {
            let fix = match error {
                GitError::Shallow => {
                    " Fetch the full history: `git fetch --unshallow`; in GitHub Actions set `fetch-depth: 0` on actions/checkout, in GitLab CI set `GIT_DEPTH: 0`."
                }
                GitError::NoCommits => " Commit the register first.",
                _ => " Keep the register in a git repository to get history and these rules.",
            };
            let message = format!(
                "{error}, so the rules that need git history ({}) were skipped.{fix}",
                git_rule_codes()
            );
            if args.require_history {
                return Err(Failure::Message(format!("{message} (--require-history)")));
            }
            eprintln!("note: {message}");
            Ok(None)
        }
    }
}

fn git_rule_codes() -> String {
    rules::all()
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| meta.needs_history)
        .map(|meta| meta.code)
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
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = LoadOptions {
        path: args.path.clone(),
        config: args.config.clone(),
    };
    let loaded = match load::load(&options) {
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
    for notice in &loaded.notices {
        eprintln!("note: {notice}");
    }
    let register = &loaded.register;
    let history = read_history(register, &args.history)?;
    let findings = rules::check(register, as_of, history.as_ref(), loaded.findings);
    let report = Report {
        as_of,
        findings: &findings,
        documents: register.documents.len(),
        uncommitted: history.as_ref().map(|history| history.dirty.len()),
        repo_prefix: crate::git::repo_prefix(&register.root),
        sources: Sources::from_register(register),
    };
    let text = output::render(args.format, &report, colour_wanted());
    emit(out, &text)?;
    let tally = Tally::of(&findings);
    let failed = tally.errors > 0 || (args.deny_warnings && tally.warnings > 0);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}
