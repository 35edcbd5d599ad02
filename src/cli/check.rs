use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::{CommandResult, EXIT_CLEAN, EXIT_FINDINGS, Failure, emit};
use crate::finding::Tally;
use crate::load::{self, ConfigError, LoadOptions};
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
    let findings = rules::check(register, as_of, loaded.findings);
    let report = Report {
        as_of,
        findings: &findings,
        documents: register.documents.len(),
        sources: Sources::from_register(register),
    };
    let text = output::render(args.format, &report, colour_wanted());
    emit(out, &text)?;
    let tally = Tally::of(&findings);
    let failed = tally.errors > 0 || (args.deny_warnings && tally.warnings > 0);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}
