//! Which column holds which field: a map file (`--map`), or the headers of riskreg's own
//! export and of CISO Assistant's risk-assessment template and CSV export, recognised
//! without one.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::sheet::{Row, Sheet};
use crate::suggest;

use super::ImportError;

/// A field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The risk's ID.
    Id,
    /// The risk's title.
    Title,
    /// The risk's description.
    Description,
    /// The risk owner.
    Owner,
    /// When the risk was identified.
    Identified,
    /// SOC 2 criteria, several in a cell.
    Criteria,
    /// Systems, several in a cell.
    Systems,
    /// A whole rating `IxL` (riskreg's export).
    Inherent,
    /// Inherent impact.
    InherentImpact,
    /// Inherent likelihood.
    InherentLikelihood,
    /// A whole residual rating `IxL`.
    Residual,
    /// Residual impact.
    ResidualImpact,
    /// Residual likelihood.
    ResidualLikelihood,
    /// The treatment decision.
    Decision,
    /// The treatment's rationale.
    Rationale,
    /// Who approved an acceptance.
    ApprovedBy,
    /// When an acceptance was approved.
    ApprovedOn,
    /// When an acceptance expires.
    Expires,
    /// Who carries a transferred risk.
    TransferredTo,
    /// Controls in place: a line `Existing controls: a; b` of the description.
    ExistingControls,
    /// Threats: a line `Threats: a; b` of the description.
    Threats,
    /// The action's ID.
    ActionId,
    /// The action's title.
    ActionTitle,
    /// Several planned actions, one per line of the cell (CISO Assistant's
    /// `additional_controls`).
    ActionTitles,
    /// The action's description.
    ActionDescription,
    /// The action's owner.
    ActionOwner,
    /// The action's due date.
    ActionDue,
    /// The action's status.
    ActionStatus,
    /// When the action was completed.
    ActionCompletedOn,
    /// Evidence, several in a cell.
    ActionEvidence,
    /// What blocks the action.
    ActionBlocker,
}

/// Every field with the name a map uses for it.
pub const FIELDS: [(Field, &str); 31] = [
    (Field::Id, "id"),
    (Field::Title, "title"),
    (Field::Description, "description"),
    (Field::Owner, "owner"),
    (Field::Identified, "identified"),
    (Field::Criteria, "criteria"),
    (Field::Systems, "systems"),
    (Field::Inherent, "inherent"),
    (Field::InherentImpact, "inherent.impact"),
    (Field::InherentLikelihood, "inherent.likelihood"),
    (Field::Residual, "residual"),
    (Field::ResidualImpact, "residual.impact"),
    (Field::ResidualLikelihood, "residual.likelihood"),
    (Field::Decision, "treatment.decision"),
    (Field::Rationale, "treatment.rationale"),
    (Field::ApprovedBy, "treatment.approved_by"),
    (Field::ApprovedOn, "treatment.approved_on"),
    (Field::Expires, "treatment.expires"),
    (Field::TransferredTo, "treatment.transferred_to"),
    (Field::ExistingControls, "existing_controls"),
    (Field::Threats, "threats"),
    (Field::ActionId, "action.id"),
    (Field::ActionTitle, "action.title"),
    (Field::ActionTitles, "action.titles"),
    (Field::ActionDescription, "action.description"),
    (Field::ActionOwner, "action.owner"),
    (Field::ActionDue, "action.due"),
    (Field::ActionStatus, "action.status"),
    (Field::ActionCompletedOn, "action.completed_on"),
    (Field::ActionEvidence, "action.evidence"),
    (Field::ActionBlocker, "action.blocker"),
];

impl Field {
    /// The name a map uses.
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(field, _)| *field == self)
            .map_or("", |(_, name)| name)
    }

    fn parse(name: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|(_, known)| *known == name)
            .map(|(field, _)| *field)
    }

    /// Whether the field belongs to the action of a row rather than its risk.
    pub fn is_action(self) -> bool {
        self.name().starts_with("action.")
    }
}

/// riskreg's `export --format csv` (and the Risks sheet of `--format xlsx`).
const RISKREG_EXPORT: &[(&str, Field)] = &[
    ("risk_id", Field::Id),
    ("risk_title", Field::Title),
    ("risk_description", Field::Description),
    ("risk_owner", Field::Owner),
    ("inherent_rating", Field::Inherent),
    ("residual_rating", Field::Residual),
    ("treatment_decision", Field::Decision),
    ("rationale", Field::Rationale),
    ("action_id", Field::ActionId),
    ("mitigation_action", Field::ActionTitle),
    ("action_owner", Field::ActionOwner),
    ("due_date", Field::ActionDue),
    ("status", Field::ActionStatus),
    ("completed_on", Field::ActionCompletedOn),
    ("evidence", Field::ActionEvidence),
];

/// CISO Assistant's risk-assessment import template and CSV export (the columns riskreg
/// reads; `*_level`, `*_risk` and `current_*` are computed or not kept).
const CISO_ASSISTANT: &[(&str, Field)] = &[
    ("ref_id", Field::Id),
    ("name", Field::Title),
    ("description", Field::Description),
    ("inherent_proba", Field::InherentLikelihood),
    ("inherent_impact", Field::InherentImpact),
    ("existing_controls", Field::ExistingControls),
    ("existing_applied_controls", Field::ExistingControls),
    ("threats", Field::Threats),
    ("additional_controls", Field::ActionTitles),
    ("residual_proba", Field::ResidualLikelihood),
    ("residual_impact", Field::ResidualImpact),
    ("treatment", Field::Decision),
    ("assets", Field::Systems),
    ("justification", Field::Rationale),
];

/// A map file (`--map MAP.yaml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapFile {
    /// The sheet to read (workbooks; default the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// The 1-based header row (default the first non-empty one).
    #[serde(default)]
    pub header_row: Option<u32>,
    /// riskreg field name -> header text.
    #[serde(default)]
    pub columns: BTreeMap<String, Value>,
    /// riskreg field name -> (cell text -> riskreg value).
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, Value>>,
}

/// The columns of a sheet resolved: where its header is and which column feeds which field.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// The header row's number.
    pub header_row: u32,
    /// The header texts by column (for messages).
    pub headers: Vec<String>,
    /// Field -> 0-based column, in field order.
    pub fields: Vec<(Field, usize)>,
    /// Field -> (lower-cased cell text -> replacement text).
    pub values: BTreeMap<Field, BTreeMap<String, String>>,
    /// Which shape was recognised, for the summary.
    pub shape: &'static str,
}

impl Columns {
    /// The column of a field, if the sheet has it.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields
            .iter()
            .find(|(known, _)| *known == field)
            .map(|(_, column)| *column)
    }

    /// The header text of a column.
    pub fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn normalise(header: &str) -> String {
    header.trim().to_lowercase()
}

/// Finds the header row and resolves the columns, from the map or a recognised shape.
pub fn resolve(sheet: &Sheet, map: Option<&MapFile>) -> Result<Columns, Vec<ImportError>> {
    let wanted_row = map.and_then(|map| map.header_row);
    let header = match wanted_row {
        Some(number) => sheet.rows.iter().find(|row| row.number == number),
        None => sheet.rows.first(),
    };
    let Some(header) = header else {
        let message = match wanted_row {
            Some(number) => format!("the sheet has no values in row {number} (header_row)"),
            None => "the sheet is empty".to_owned(),
        };
        return Err(vec![ImportError::sheet(
            message,
            "check the sheet (and `sheet:` / `header_row:` in the map)",
        )]);
    };
    let headers: Vec<String> = header
        .cells
        .iter()
        .map(|cell| cell.text().trim().to_owned())
        .collect();
    let mut columns = Columns {
        header_row: header.number,
        headers,
        ..Columns::default()
    };
    match map {
        Some(map) => from_map(&mut columns, header, map)?,
        None => from_shape(&mut columns)?,
    }
    Ok(columns)
}

fn find_header(headers: &[String], text: &str) -> Option<usize> {
    let wanted = normalise(text);
    headers
        .iter()
        .position(|header| normalise(header) == wanted)
}

fn from_map(columns: &mut Columns, header: &Row, map: &MapFile) -> Result<(), Vec<ImportError>> {
    let names: Vec<&str> = FIELDS.iter().map(|(_, name)| *name).collect();
    let mut errors = Vec::new();
    let unknown = |name: &str, what: &str| {
        let hint = suggest::did_you_mean(name, names.iter().copied())
            .unwrap_or_else(|| format!("the fields are: {}", names.join(", ")));
        ImportError::map(format!("{what} names the unknown field `{name}`"), hint)
    };
    for (name, text) in &map.columns {
        let Some(field) = Field::parse(name) else {
            errors.push(unknown(name, "`columns`"));
            continue;
        };
        let text = value_text(text);
        match find_header(&columns.headers, &text) {
            Some(column) => columns.fields.push((field, column)),
            None => {
                let present: Vec<&str> = columns
                    .headers
                    .iter()
                    .map(String::as_str)
                    .filter(|h| !h.is_empty())
                    .collect();
                let hint =
                    suggest::did_you_mean(&text, present.iter().copied()).unwrap_or_else(|| {
                        format!(
                            "the headers in row {} are: {}",
                            header.number,
                            present.join(", ")
                        )
                    });
                errors.push(ImportError::map(
                    format!("the map names the header `{text}` for `{name}`, but row {} of the sheet has no such header", header.number),
                    hint,
                ));
            }
        }
    }
    for (name, replacements) in &map.values {
        let Some(field) = Field::parse(name) else {
            errors.push(unknown(name, "`values`"));
            continue;
        };
        columns.values.insert(
            field,
            replacements
                .iter()
                .map(|(from, to)| (normalise(from), value_text(to)))
                .collect(),
        );
    }
    columns.fields.sort();
    columns.shape = "the map";
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn from_shape(columns: &mut Columns) -> Result<(), Vec<ImportError>> {
    let has = |name: &str| find_header(&columns.headers, name).is_some();
    let (preset, shape) = if has("risk_id") && has("risk_title") {
        (RISKREG_EXPORT, "riskreg's export")
    } else if has("ref_id") && has("name") {
        (CISO_ASSISTANT, "CISO Assistant's risk assessment")
    } else {
        let present: Vec<&str> = columns
            .headers
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .collect();
        return Err(vec![ImportError::sheet(
            format!(
                "the headers in row {} are neither riskreg's export nor CISO Assistant's: {}",
                columns.header_row,
                present.join(", ")
            ),
            "write a map (--map MAP.yaml) naming the column of each field; see `riskreg import --help`",
        )]);
    };
    for (header, field) in preset {
        if let Some(column) = find_header(&columns.headers, header)
            && columns.column(*field).is_none()
        {
            columns.fields.push((*field, column));
        }
    }
    columns.fields.sort();
    columns.shape = shape;
    Ok(())
}
