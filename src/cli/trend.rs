use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::print_notices;
use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, Failure, write_output};
use crate::escape::terminal;
use crate::escape::workflow::inert;
use crate::history;
use crate::load;
use crate::report::Period;
use crate::report::export::inert as inert_cell;
use crate::report::trend::{Every, Trend, TrendPeriod};
use crate::trend;

/// Arguments of `riskreg trend`.
#[derive(Debug, Args)]
pub struct TrendArgs {
    #[command(flatten)]
    pub register: super::root::RootArgs,
    /// Use this config file instead of DIR/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// First day of the first period [default: 12 months before --until, as the report's
    /// audit period].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub since: Option<NaiveDate>,
    /// Last day of the last period [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub until: Option<NaiveDate>,
    /// How long a period is.
    #[arg(long, value_enum, default_value_t = EveryArg::Month)]
    pub every: EveryArg,
    /// human (a table), json or csv.
    #[arg(long, value_enum, default_value_t = TrendFormat::Human)]
    pub format: TrendFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// How long a period is, on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    /// Weeks ending on Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
}

impl From<EveryArg> for Every {
    fn from(every: EveryArg) -> Every {
        match every {
            EveryArg::Week => Every::Week,
            EveryArg::Month => Every::Month,
            EveryArg::Quarter => Every::Quarter,
        }
    }
}

/// The formats `riskreg trend` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// A table for a terminal.
    Human,
    /// One JSON document (the spec's shape).
    Json,
    /// One row per period.
    Csv,
}

/// The period `--since`/`--until` give, checked.
pub fn period(since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Period, Failure> {
    let period = Period::new(chrono::Local::now().date_naive(), since, until);
    if period.since > period.until {
        return Err(Failure::Message(format!(
            "the period starts ({}) after it ends ({})",
            period.since, period.until
        )));
    }
    Ok(period)
}

/// Prints the register's counts at the end of every period.
pub fn run(args: &TrendArgs, out: &mut dyn Write) -> CommandResult {
    let period = period(args.since, args.until)?;
    let options = args
        .limits
        .load_options(args.register.folder(), args.config.clone());
    let (root, config, notices) =
        load::load_config(&options).map_err(|error| Failure::Message(error.to_string()))?;
    print_notices(&notices);
    let history = history::read(&root, None, &config).map_err(|error| match error.hint() {
        Some(hint) => Failure::Message(format!("{error}. {hint}")),
        None => Failure::Message(error.to_string()),
    })?;
    let history = super::keep_until_exit(history);
    let every = Every::from(args.every);
    let ends = trend::period_ends(period.since, period.until, every);
    let trend = trend::evaluate(
        &root,
        &history,
        every,
        &ends,
        options.max_file_bytes,
        None,
        &mut |notice| super::note(notice),
    )
    .map_err(|error| Failure::Message(error.to_string()))?;
    let bytes = match args.format {
        TrendFormat::Human => inert(&table(&trend)).into_owned().into_bytes(),
        TrendFormat::Json => {
            let mut text = serde_json::to_string_pretty(&trend)
                .map_err(|error| Failure::Message(error.to_string()))?;
            text.push('\n');
            text.into_bytes()
        }
        TrendFormat::Csv => csv(&trend).map_err(|error| Failure::Message(error.to_string()))?,
    };
    write_output(args.output.as_deref(), &bytes, out)?;
    Ok(EXIT_CLEAN)
}

/// The columns of a period, named: the fixed counts, then each decision, level and status
/// (prefixed), then the changes.
fn columns(period: &TrendPeriod) -> Vec<(String, String)> {
    let mut columns = vec![
        ("end".to_owned(), period.end.to_string()),
        (
            "commit".to_owned(),
            period.commit.clone().unwrap_or_default(),
        ),
        ("active_risks".to_owned(), period.active_risks.to_string()),
        ("retired_risks".to_owned(), period.retired_risks.to_string()),
    ];
    for (prefix, counts) in [
        ("decision", &period.by_decision),
        ("inherent", &period.by_inherent_level),
        ("residual", &period.by_residual_level),
        ("actions", &period.actions_by_status),
    ] {
        columns.extend(
            counts
                .0
                .iter()
                .map(|count| (format!("{prefix}.{}", count.name), count.count.to_string())),
        );
    }
    let changes = &period.changes;
    for (name, value) in [
        ("overdue", period.overdue),
        ("stale", period.stale),
        ("acceptances_expiring", period.acceptances_expiring),
        ("errors", period.findings.errors),
        ("warnings", period.findings.warnings),
        ("risks_added", changes.risks_added),
        ("risks_retired", changes.risks_retired),
        ("risks_rerated", changes.risks_rerated),
        ("actions_completed", changes.actions_completed),
    ] {
        columns.push((name.to_owned(), value.to_string()));
    }
    columns
}

/// The trend as CSV: a header, then one row per period (UTF-8 with a byte-order mark,
/// formula-like cells made inert, as `export`).
fn csv(trend: &Trend) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = trend
        .periods
        .iter()
        .find(|period| period.commit.is_some())
        .or(trend.periods.first())
        .map(columns)
        .unwrap_or_default();
    writer.write_record(header.iter().map(|(name, _)| inert_cell(name)))?;
    for period in &trend.periods {
        let cells = columns(period);
        let value = |name: &str| {
            cells
                .iter()
                .find(|(cell, _)| cell == name)
                .map_or("0", |(_, value)| value.as_str())
                .to_owned()
        };
        writer.write_record(header.iter().map(|(name, _)| inert_cell(&value(name))))?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(std::io::Error::other(error.to_string())))
}

/// The trend as a table for a terminal: per period, the active risks by residual level,
/// the actions needing attention, the findings and the changes. Level names are user text,
/// printed through the terminal escaper.
fn table(trend: &Trend) -> String {
    let levels: Vec<String> = trend
        .periods
        .iter()
        .find(|period| period.commit.is_some())
        .map(|period| {
            period
                .by_residual_level
                .0
                .iter()
                .map(|count| count.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let mut header: Vec<String> = ["end", "commit", "active"].map(String::from).to_vec();
    header.extend(
        levels
            .iter()
            .map(|level| terminal::line(level).into_owned()),
    );
    header.extend(
        [
            "overdue",
            "stale",
            "expiring",
            "errors",
            "warnings",
            "added",
            "retired",
            "rerated",
            "completed",
        ]
        .map(String::from),
    );
    let mut rows = vec![header];
    for period in &trend.periods {
        let mut row = vec![
            period.end.to_string(),
            period
                .commit
                .as_deref()
                .map_or("-".to_owned(), |id| crate::git::short_id(id).to_owned()),
            period.active_risks.to_string(),
        ];
        row.extend(
            levels
                .iter()
                .map(|level| period.by_residual_level.get(level).to_string()),
        );
        let changes = &period.changes;
        row.extend(
            [
                period.overdue,
                period.stale,
                period.acceptances_expiring,
                period.findings.errors,
                period.findings.warnings,
                changes.risks_added,
                changes.risks_retired,
                changes.risks_rerated,
                changes.actions_completed,
            ]
            .map(|count| count.to_string()),
        );
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(column, (cell, width))| {
                if column < 2 {
                    format!("{cell:<width$}")
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}
