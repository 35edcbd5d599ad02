//! The command line: one file per subcommand.

mod check;
mod completions;
mod date;
mod demo;
mod diff;
mod due;
mod explain;
mod export;
#[cfg(test)]
#[path = "../../tests/it/gfm.rs"]
mod gfm;
mod help;
mod history;
mod import;
mod init;
mod limits;
mod man;
#[cfg(test)]
mod markdown_fuzz;
mod new;
mod point;
mod report;
mod root;
mod rules;
mod schema;
mod trend;
mod write;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::escape::terminal;
use crate::escape::workflow::inert;
use write::write_output;

/// Exit code: the check ran and found no error (and, with `--deny-warnings`, no warning).
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: the check found at least one error (or a warning under `--deny-warnings`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: riskreg could not run (bad arguments, no register, unreadable config).
pub const EXIT_FAILURE: u8 = 2;

/// A SOC 2 risk register as code: checks risks, mitigations and reviews kept as YAML.
#[derive(Debug, Parser)]
#[command(name = "riskreg", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the Acme demo register with a year of git history, check it and report on it.
    #[command(after_help = help::DEMO)]
    Demo(demo::DemoArgs),
    /// Write a starting register: a commented riskreg.yaml, the folders, the JSON Schemas.
    #[command(after_help = help::INIT)]
    Init(init::InitArgs),
    /// Write a new risk, mitigation or review with the next free ID; prints its path.
    #[command(after_help = help::NEW)]
    New(new::NewArgs),
    /// Check the register the way an auditor would.
    #[command(after_help = help::CHECK)]
    Check(check::CheckArgs),
    /// List every rule with its default severity and summary.
    #[command(after_help = help::RULES)]
    Rules(rules::RulesArgs),
    /// Print a rule's documentation.
    #[command(after_help = help::EXPLAIN)]
    Explain(explain::ExplainArgs),
    /// Show each document's history from git: who changed what, when.
    #[command(after_help = help::HISTORY)]
    History(history::HistoryArgs),
    /// Show what a change does to the register (a pull-request comment).
    #[command(after_help = help::DIFF)]
    Diff(diff::DiffArgs),
    /// Render the treatment-plan report for auditors (Markdown, HTML or JSON).
    #[command(after_help = help::REPORT)]
    Report(report::ReportArgs),
    /// Export the register as a spreadsheet (CSV, XLSX or JSON, one row per risk and
    /// action) or as an OSCAL POA&M.
    #[command(after_help = help::EXPORT)]
    Export(export::ExportArgs),
    /// Import risks and actions from a spreadsheet (CSV, XLSX, ODS) into the register.
    #[command(after_help = help::IMPORT)]
    Import(import::ImportArgs),
    /// Print the JSON Schema of the config or of a document kind.
    #[command(after_help = help::SCHEMA)]
    Schema(schema::SchemaArgs),
    /// List what needs each owner soon: overdue and due actions, expiring acceptances,
    /// stale actions, the next review.
    #[command(after_help = help::DUE)]
    Due(due::DueArgs),
    /// Show how the register moved: its counts at the end of every week, month or quarter.
    #[command(after_help = help::TREND)]
    Trend(trend::TrendArgs),
    /// Print the shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = help::COMPLETIONS)]
    Completions(completions::CompletionsArgs),
    /// Print the man page of the whole command line, in roff (`riskreg man > riskreg.1`).
    #[command(after_help = help::MAN)]
    Man(man::ManArgs),
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let result = match cli.command {
        Command::Demo(args) => demo::run(&args, &mut stdout),
        Command::Init(args) => init::run(&args, &mut stdout),
        Command::New(args) => new::run(&args, &mut stdout),
        Command::Check(args) => check::run(&args, &mut stdout),
        Command::Rules(args) => rules::run(&args, &mut stdout),
        Command::Explain(args) => explain::run(&args, &mut stdout),
        Command::History(args) => history::run(&args, &mut stdout),
        Command::Report(args) => report::run(&args, &mut stdout),
        Command::Diff(args) => diff::run(&args, &mut stdout),
        Command::Export(args) => export::run(&args, &mut stdout),
        Command::Import(args) => import::run(&args, &mut stdout),
        Command::Schema(args) => schema::run(&args, &mut stdout),
        Command::Trend(args) => trend::run(&args, &mut stdout),
        Command::Due(args) => due::run(&args, &mut stdout),
        Command::Completions(args) => completions::run(&args, &mut stdout),
        Command::Man(args) => man::run(&args, &mut stdout),
    };
    let result = result.and_then(|code| stdout.flush().map(|()| code).map_err(Failure::from));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::from(EXIT_CLEAN),
        Err(Failure::Message(message)) => {
            error(&message);
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Says what went wrong on standard error, after `error:`, with the text made plain
/// ([`plain`]).
fn error(text: &str) {
    eprintln!("error: {}", plain(text));
}

/// Text for a terminal or a CI log, line breaks kept: control, bidirectional and
/// zero-width characters shown as escapes, and no line holding a CI runner command.
fn plain(text: &str) -> String {
    inert(&terminal::lines(text).text).to_string()
}

/// Says something on standard error as one `note:` line, whatever the text holds: its
/// control, bidirectional and zero-width characters (a file name's line breaks among them)
/// are shown as escapes, so no value starts a line of its own, and it holds no CI runner
/// command.
fn note(text: &str) {
    eprintln!("note: {}", inert(&terminal::line(text)));
}

/// Why a command could not run.
#[derive(Debug)]
pub enum Failure {
    /// The reader of our output went away (`riskreg check | head`); exit quietly.
    BrokenPipe,
    /// Anything else, said once on stderr.
    Message(String),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(error.to_string())
        }
    }
}

/// What a subcommand returns: an exit code, or why it could not run.
pub type CommandResult = Result<u8, Failure>;

/// Leaves a large value (a register's whole history) to the end of the process instead of
/// freeing it: freeing hundreds of thousands of small allocations one by one takes longer
/// than printing the result, and the system takes the memory back at once when the
/// command exits.
fn keep_until_exit<T>(value: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(value)
}

/// Writes to the output, turning I/O errors into a [`Failure`].
fn emit(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes()).map_err(Failure::from)
}
