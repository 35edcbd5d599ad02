use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::check::{Checked, HistoryArgs, load_and_check};
use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, Failure, write_output};
use crate::report::trend::Every;
use crate::report::trend::view::{self, TrendView};
use crate::report::{self, Period, ReportOptions, templates};
use crate::trend;

/// Arguments of `riskreg report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub register: super::root::RootArgs,
    /// Use this config file instead of DIR/riskreg.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// md (GitHub/GitLab Markdown), html (one self-contained page), or json (the template
    /// context).
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date the report describes, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    /// First day of the audit period [default: 12 months before --until].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub since: Option<NaiveDate>,
    /// Last day of the audit period [default: --as-of].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub until: Option<NaiveDate>,
    /// A folder of templates (report.md.j2, report.html.j2) that override the defaults.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The report's title [default: Risk treatment plan].
    #[arg(long)]
    pub title: Option<String>,
    /// Leave out the trend section (the register at the end of every month of the audit
    /// period, read from git history).
    #[arg(long)]
    pub no_trend: bool,
    #[command(flatten)]
    pub history: HistoryArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The formats `riskreg report` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// GitHub-flavoured Markdown, for a wiki.
    Md,
    /// One self-contained HTML page, for screen and print.
    Html,
    /// The template context, for template authors.
    Json,
}

/// Renders the treatment-plan report.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> CommandResult {
    let as_of = args.history.as_of(args.as_of);
    let period = Period::new(as_of, args.since, args.until);
    if period.since > period.until {
        return Err(Failure::Message(format!(
            "the audit period starts ({}) after it ends ({})",
            period.since, period.until
        )));
    }
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(Failure::Message(format!(
            "--templates {}: no such folder",
            dir.display()
        )));
    }
    let options = args
        .limits
        .load_options(args.register.folder(), args.config.clone());
    let checked = load_and_check(&options, as_of, &args.history)?;
    let options = ReportOptions {
        title: args.title.clone(),
        as_of,
        period,
        committed: checked.commit.clone(),
    };
    let mut context = report::build(
        &checked.register,
        checked.history.as_ref(),
        &checked.findings,
        &options,
    );
    if !args.no_trend {
        context.trend = trend_section(checked, period, as_of, args.limits.max_file_bytes)?;
    }
    let text = match args.format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&context)
                .map_err(|error| Failure::Message(error.to_string()))?;
            text.push('\n');
            text
        }
        ReportFormat::Md | ReportFormat::Html => {
            let name = if args.format == ReportFormat::Md {
                "report.md.j2"
            } else {
                "report.html.j2"
            };
            let env = templates::environment(args.templates.as_deref());
            templates::render(&env, name, &context)
                .map_err(|error| Failure::Message(format!("template {name}: {error:#}")))?
        }
    };
    write_output(args.output.as_deref(), text.as_bytes(), out)?;
    Ok(EXIT_CLEAN)
}

/// The report's trend section: the register at the end of every month of the audit period
/// (up to the as-of date), from the history already read (and, for a register read as
/// committed, its documents); `None` without history.
fn trend_section(
    checked: Checked,
    period: Period,
    as_of: NaiveDate,
    max_file_bytes: u64,
) -> Result<Option<TrendView>, Failure> {
    let Checked {
        register,
        history,
        mut revisions,
        ..
    } = checked;
    let Some(history) = history.map(super::keep_until_exit) else {
        return Ok(None);
    };
    let root = register.root.clone();
    let levels: Vec<String> = register
        .config
        .levels
        .iter()
        .map(|level| level.name.clone())
        .collect();
    if let Some(revisions) = &mut revisions {
        revisions.reuse(register);
    }
    let until = period.until.min(as_of);
    let ends = trend::period_ends(period.since, until, Every::Month);
    let trend = trend::evaluate(
        &root,
        &history,
        Every::Month,
        &ends,
        max_file_bytes,
        revisions,
        &mut |notice| super::note(notice),
    )
    .map_err(|error| Failure::Message(error.to_string()))?;
    Ok(Some(view::section(&trend, &levels)))
}
