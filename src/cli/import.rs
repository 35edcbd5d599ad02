use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::limits::LimitArgs;
use super::{CommandResult, EXIT_CLEAN, EXIT_FAILURE, EXIT_FINDINGS, Failure, emit};
use crate::escape::terminal;
use crate::finding::Tally;
use crate::import::{self, ImportError, MapFile, Plan};
use crate::load::{self, Refusal, Register};
use crate::output::human::summary_line;
use crate::rules;
use crate::sheet::{self, MAX_FILE_BYTES};
use crate::source::fields::display;

/// The map format, shown after `riskreg import --help`.
const MAP_HELP: &str = "\
Without --map, the headers of riskreg's own export (export --format csv or xlsx) and of
CISO Assistant's risk-assessment template and CSV export are recognised. Any other sheet
needs a map, a YAML file whose keys are riskreg fields and whose values are the sheet's
header texts (matched ignoring case):

  sheet: Risk Register          # xlsx/ods: the sheet (default: the first)
  header_row: 1                 # default: the first non-empty row
  columns:
    id: Risk ID                 # without it, new risks get the next free R- IDs
    title: Risk
    description: Description
    owner: Risk Owner           # an owner's ID, name or email
    identified: Date Identified
    criteria: TSC               # several values: split on new lines, |, ; or ,
    systems: Systems
    inherent.likelihood: Likelihood   # a number or a label of the config's scale
    inherent.impact: Impact
    residual.likelihood: Residual Likelihood
    residual.impact: Residual Impact
    treatment.decision: Treatment
    treatment.rationale: Rationale
    action.id: Action ID        # without it, actions get the next free M- IDs
    action.title: Mitigation Plan
    action.owner: Action Owner
    action.due: Target Date
    action.status: Status
    action.completed_on: Completed
    action.evidence: Evidence
  values:                       # cell text -> riskreg value, per field
    treatment.decision: {Reduce: mitigate, Tolerate: accept}
    action.status: {Open: planned, WIP: in-progress, Done: completed}

Also: inherent and residual (a whole rating, 4x2), treatment.approved_by,
treatment.approved_on, treatment.expires, treatment.transferred_to, action.description,
action.blocker, existing_controls and threats (lines of the description), action.titles
(one planned action per line of the cell).

Rows with the same risk ID are one risk with several actions; a row with neither risk ID
nor title adds an action to the risk above. Documents are matched by ID (without one, by
title): only fields whose values differ are rewritten, in place, and an empty cell changes
nothing. Nothing is written when any cell cannot be read.";

/// Arguments of `riskreg import`.
#[derive(Debug, Args)]
#[command(after_long_help = format!("{MAP_HELP}\n\n{}", super::help::IMPORT))]
pub struct ImportArgs {
    /// The spreadsheet: .csv (comma, semicolon or tab separated), .xlsx or .ods.
    pub file: PathBuf,
    /// The register's root folder (holding riskreg.yaml).
    #[arg(long, value_name = "DIR")]
    pub into: PathBuf,
    /// Which column holds which field (not needed for riskreg's export or CISO Assistant's).
    #[arg(long, value_name = "MAP.yaml")]
    pub map: Option<PathBuf>,
    /// Print what would be created, updated and left unchanged, field by field; write
    /// nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The date a new risk without one is identified, and of the check after the import,
    /// YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = super::date::parse)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Reads a file within the spreadsheet size limit: a regular file, never through a link.
fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    let shown = path.display().to_string();
    let shown = terminal::line(&shown);
    load::read_regular(path, MAX_FILE_BYTES).map_err(|refusal| {
        let reason = match refusal {
            Refusal::Link => "it is a symbolic link, which riskreg does not follow".to_owned(),
            Refusal::NotRegular => "it is not a regular file".to_owned(),
            Refusal::TooLarge(size) => {
                format!("it is {size} bytes, over the limit of {MAX_FILE_BYTES}")
            }
            Refusal::Io(error) => error.to_string(),
        };
        Failure::Message(format!("cannot read the {what} {shown}: {reason}"))
    })
}

/// Prints the errors on stderr and says that nothing was written.
fn refuse(
    errors: &[ImportError],
    file: &str,
    sheet: Option<&str>,
    map: Option<&str>,
) -> CommandResult {
    for error in errors {
        super::error(&error.render(file, sheet, map));
    }
    let count = errors.len();
    super::error(&format!(
        "{count} problem{} in the import; nothing was written",
        if count == 1 { "" } else { "s" }
    ));
    Ok(EXIT_FAILURE)
}

/// Imports a spreadsheet into the register, then checks it.
pub fn run(args: &ImportArgs, out: &mut dyn Write) -> CommandResult {
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let file = args.file.display().to_string();
    let map_name = args.map.as_ref().map(|map| map.display().to_string());
    let map: Option<MapFile> = match &args.map {
        None => None,
        Some(path) => {
            let bytes = read_file(path, "map")?;
            let text = String::from_utf8_lossy(&bytes);
            match import::read_map(&text) {
                Ok(map) => Some(map),
                Err(errors) => return refuse(&errors, &file, None, map_name.as_deref()),
            }
        }
    };
    let loaded = load::load(&args.limits.load_options(Some(args.into.clone()), None))
        .map_err(|error| Failure::Message(error.to_string()))?;
    let register = loaded.register;
    let bytes = read_file(&args.file, "spreadsheet")?;
    let sheet_name = map.as_ref().and_then(|map| map.sheet.as_deref());
    let sheet = sheet::read(&file, bytes, sheet_name).map_err(|error| {
        Failure::Message(format!("{file}: {}\n  hint: {}", error.message, error.hint))
    })?;
    let plan = match import::plan(&register, &sheet, map.as_ref(), as_of) {
        Ok(plan) => plan,
        Err(errors) => {
            return refuse(&errors, &file, sheet.name.as_deref(), map_name.as_deref());
        }
    };
    let mut text = format!(
        "Importing {file}{} ({}) into {}\n",
        sheet
            .name
            .as_ref()
            .map(|name| format!(", sheet {name}"))
            .unwrap_or_default(),
        plan.shape,
        register.root.display()
    );
    text.push_str(&describe(&plan, args.dry_run));
    emit(out, &super::plain(&text))?;
    if !args.dry_run {
        import::write(&register.root, &plan)
            .map_err(|error| Failure::Message(error.render(&file, sheet.name.as_deref(), None)))?;
    }
    let checked = after_import(&register, &plan)?;
    let documents = checked.register.documents.len();
    let findings = rules::check(&checked.register, as_of, None, checked.findings);
    let tally = Tally::of(&findings);
    emit(
        out,
        &super::plain(&format!(
            "check after the import: {} (as of {as_of}, without the git rules); `riskreg check {}` shows them\n",
            summary_line(tally, documents),
            register.root.display()
        )),
    )?;
    Ok(if tally.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The plan in words: each new and changed document (field by field under `--dry-run`,
/// which also lists the unchanged ones), then the counts.
fn describe(plan: &Plan, dry_run: bool) -> String {
    let mut text = String::new();
    for created in &plan.created {
        text.push_str(&format!("  create {} ({})\n", created.path, created.id));
        if dry_run {
            for change in &created.changes {
                text.push_str(&format!(
                    "      {}: {}\n",
                    change.field,
                    display(change.after.as_ref())
                ));
            }
        }
    }
    for updated in &plan.updated {
        text.push_str(&format!("  update {} ({})\n", updated.path, updated.id));
        for change in &updated.changes {
            text.push_str(&format!("      {}\n", change.describe()));
        }
    }
    if dry_run {
        for (id, path) in &plan.unchanged {
            text.push_str(&format!("  unchanged {path} ({id})\n"));
        }
    }
    let (created, updated, unchanged) =
        (plan.created.len(), plan.updated.len(), plan.unchanged.len());
    text.push_str(&if dry_run {
        format!("{created} to create, {updated} to update, {unchanged} unchanged (--dry-run: nothing written)\n")
    } else {
        format!("{created} created, {updated} updated, {unchanged} unchanged\n")
    });
    text
}

/// The register as the import leaves it, from the files read and the plan (every planned
/// text was checked to read back as planned), so a large import is not read again.
fn after_import(register: &Register, plan: &Plan) -> Result<load::Loaded, Failure> {
    let updated: std::collections::HashMap<&str, &str> = plan
        .updated
        .iter()
        .map(|updated| (updated.path.as_str(), updated.text.as_str()))
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = register
        .documents
        .iter()
        .map(|document| {
            let text = updated
                .get(document.path.as_str())
                .map_or_else(|| document.text.to_string(), |text| (*text).to_owned());
            (document.path.clone(), text.into_bytes())
        })
        .collect();
    files.extend(
        plan.created
            .iter()
            .map(|created| (created.path.clone(), created.text.clone().into_bytes())),
    );
    load::from_files(
        register.root.clone(),
        register.config_doc.text.as_bytes(),
        files,
    )
    .map_err(|error| Failure::Message(error.to_string()))
}
