use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::{HistoryArgs, load_and_check};
use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, Failure, write_output};
use crate::oscal;
use crate::report::{self, Period, ReportOptions, export, xlsx};

/// Arguments of `riskreg export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub register: super::root::RootArgs,
    /// Use this config file instead of DIR/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// csv or xlsx (for spreadsheets), json, or oscal-poam (an OSCAL 1.2.1 Plan of Action
    /// and Milestones, JSON).
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date the export describes, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub history: HistoryArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The formats `riskreg export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per risk and action; UTF-8 with a byte-order mark; formula-like cells made inert.
    Csv,
    /// The same rows as a JSON array.
    Json,
    /// A workbook: the rows (sheet Risks, dates as date cells), both heat maps, the method
    /// (scales, levels, appetite, targets) and the findings. `riskreg import` reads it back.
    Xlsx,
    /// An OSCAL 1.2.1 Plan of Action and Milestones (JSON): risks with their status,
    /// ratings, remediations and git history; a POA&M item per risk that is not closed.
    OscalPoam,
}

/// Writes the register as a spreadsheet or an OSCAL POA&M.
pub fn run(args: &ExportArgs, out: &mut dyn Write) -> CommandResult {
    let as_of = args.history.as_of(args.as_of);
    let options = args
        .limits
        .load_options(args.register.folder(), args.config.clone());
    let checked = load_and_check(&options, as_of, &args.history)?;
    let options = ReportOptions {
        title: None,
        as_of,
        period: Period::new(as_of, None, None),
        committed: checked.commit.clone(),
    };
    let context = report::build(
        &checked.register,
        checked.history.as_ref(),
        &checked.findings,
        &options,
    );
    let rows = export::rows(&context);
    let bytes = match args.format {
        ExportFormat::Csv => {
            export::csv(&rows).map_err(|error| Failure::Message(error.to_string()))?
        }
        ExportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&rows)
                .map_err(|error| Failure::Message(error.to_string()))?;
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::Xlsx => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                return Err(Failure::Message(
                    "an XLSX workbook is binary: write it to a file with -o FILE.xlsx".to_owned(),
                ));
            }
            xlsx::xlsx(&context, &rows, &checked.register.config)
                .map_err(|error| Failure::Message(error.to_string()))?
        }
        ExportFormat::OscalPoam => {
            oscal::poam(&checked.register, checked.history.as_ref(), as_of).into_bytes()
        }
    };
    write_output(args.output.as_deref(), &bytes, out)?;
    Ok(EXIT_CLEAN)
}
