//! The values a risk or action record asks for, by document field (`title`,
//! `treatment.decision`), each read from its cell; a field given twice with different values
//! is an error at the second cell.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::model::Config;
use crate::sheet::{Cell, Sheet};

use super::ImportError;
use super::cells::{self, Refusal};
use super::map::{Columns, Field};
use super::rows::{self, CellRef};

/// Wanted values by dotted field path, each with the cell it came from.
pub type Wanted = BTreeMap<String, (Value, CellRef)>;

/// What reading a record needs.
pub struct Reader<'a> {
    /// The sheet.
    pub sheet: &'a Sheet,
    /// Its columns.
    pub columns: &'a Columns,
    /// The register's config (scales, owners).
    pub config: &'a Config,
}

/// The value at a dotted path of a document's JSON.
pub fn at_path<'v>(document: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(document, |value, key| value.get(key))
        .filter(|value| !value.is_null())
}

/// Whether a current value already says what the sheet says: text ignoring surrounding
/// white space, numbers by value, lists as sets.
pub fn same(current: Option<&Value>, wanted: &Value) -> bool {
    let Some(current) = current else {
        return false;
    };
    match (current, wanted) {
        (Value::String(a), Value::String(b)) => a.trim() == b.trim(),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::String(a), Value::Number(b)) | (Value::Number(b), Value::String(a)) => {
            a.trim() == b.to_string()
        }
        (Value::Array(a), Value::Array(b)) => {
            let text = |items: &[Value]| {
                let mut texts: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Value::String(text) => text.trim().to_owned(),
                        other => other.to_string(),
                    })
                    .collect();
                texts.sort();
                texts.dedup();
                texts
            };
            text(a) == text(b)
        }
        (a, b) => a == b,
    }
}

impl Reader<'_> {
    fn refused(&self, at: CellRef, (message, hint): Refusal) -> ImportError {
        ImportError::cell(
            at.row,
            at.column,
            self.columns.header(at.column),
            &rows::cell(self.sheet, at).text(),
            message,
            hint,
        )
    }

    /// The cell's text after the map's `values:` replacements.
    fn mapped(&self, field: Field, at: CellRef) -> String {
        let text = rows::text(self.sheet, at).unwrap_or_default();
        self.columns
            .values
            .get(&field)
            .and_then(|replacements| replacements.get(&text.to_lowercase()))
            .cloned()
            .unwrap_or(text)
    }

    /// Reads one cell into (path, value) pairs.
    fn read(
        &self,
        field: Field,
        at: CellRef,
        current: Option<&Value>,
    ) -> Result<Vec<(&'static str, Value)>, Refusal> {
        let cell = rows::cell(self.sheet, at);
        if let Cell::Error(what) = cell {
            return Err((
                format!("holds {what}, not a value"),
                "fix the formula (or type the value) in the spreadsheet".to_owned(),
            ));
        }
        let text = self.mapped(field, at);
        let scale = &self.config.scale;
        let owner = |path: &'static str| -> Result<Vec<(&'static str, Value)>, Refusal> {
            match cells::owner(&text, self.config) {
                Ok(id) => Ok(vec![(path, Value::String(id))]),
                Err(refusal) => {
                    let unchanged = current
                        .and_then(|current| at_path(current, path))
                        .is_some_and(|value| value.as_str() == Some(text.as_str()));
                    if unchanged {
                        Ok(vec![(path, Value::String(text.clone()))])
                    } else {
                        Err(refusal)
                    }
                }
            }
        };
        let date = |path| cells::date(cell, &text).map(|date| vec![(path, Value::String(date))]);
        let list = |path| Ok(vec![(path, json!(cells::list(&text)))]);
        let plain = |path| Ok(vec![(path, Value::String(text.clone()))]);
        let whole = |prefix: (&'static str, &'static str)| {
            cells::rating(&text, self.config).map(|(impact, likelihood)| {
                vec![(prefix.0, json!(impact)), (prefix.1, json!(likelihood))]
            })
        };
        let part = |path, labels: &[String], what| {
            cells::rating_part(cell, &text, labels, what).map(|value| vec![(path, json!(value))])
        };
        match field {
            Field::Id | Field::ActionId | Field::ActionTitles => Ok(Vec::new()),
            Field::Title | Field::ActionTitle => plain("title"),
            Field::Description | Field::ActionDescription => plain("description"),
            Field::ExistingControls => plain("existing_controls"),
            Field::Threats => plain("threats"),
            Field::Owner | Field::ActionOwner => owner("owner"),
            Field::ApprovedBy => owner("treatment.approved_by"),
            Field::Identified => date("identified"),
            Field::ApprovedOn => date("treatment.approved_on"),
            Field::Expires => date("treatment.expires"),
            Field::ActionDue => date("due"),
            Field::ActionCompletedOn => date("completed_on"),
            Field::Criteria => list("criteria"),
            Field::Systems => list("systems"),
            Field::ActionEvidence => list("evidence"),
            Field::Inherent => whole(("inherent.impact", "inherent.likelihood")),
            Field::Residual => whole(("residual.impact", "residual.likelihood")),
            Field::InherentImpact => part("inherent.impact", &scale.impact, "impact"),
            Field::InherentLikelihood => {
                part("inherent.likelihood", &scale.likelihood, "likelihood")
            }
            Field::ResidualImpact => part("residual.impact", &scale.impact, "impact"),
            Field::ResidualLikelihood => {
                part("residual.likelihood", &scale.likelihood, "likelihood")
            }
            Field::Decision => cells::decision(&text).map(|decision| {
                decision
                    .map(|decision| vec![("treatment.decision", json!(decision.as_str()))])
                    .unwrap_or_default()
            }),
            Field::Rationale => plain("treatment.rationale"),
            Field::TransferredTo => plain("treatment.transferred_to"),
            Field::ActionStatus => {
                cells::status(&text).map(|status| vec![("status", json!(status.as_str()))])
            }
            Field::ActionBlocker => plain("blocker"),
        }
    }

    /// The values a record's cells ask for; `current` is the matched document's JSON.
    pub fn wanted(
        &self,
        cells: &[(Field, CellRef)],
        current: Option<&Value>,
        errors: &mut Vec<ImportError>,
    ) -> Wanted {
        let mut wanted = Wanted::new();
        for (field, at) in cells {
            let values = match self.read(*field, *at, current) {
                Ok(values) => values,
                Err(refusal) => {
                    errors.push(self.refused(*at, refusal));
                    continue;
                }
            };
            for (path, value) in values {
                match wanted.get(path) {
                    Some((first, first_at)) if !same(Some(first), &value) => {
                        errors.push(self.refused(
                            *at,
                            (
                                format!(
                                    "differs from row {} ({}) for the same document",
                                    first_at.row,
                                    crate::source::fields::display(Some(first))
                                ),
                                "a document in several rows needs the same values in each, or empty cells after the first".to_owned(),
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        wanted.insert(path.to_owned(), (value, *at));
                    }
                }
            }
        }
        compose_description(&mut wanted);
        wanted
    }

    /// Checks that a new document gets both sides of each rating.
    pub fn complete_ratings(&self, wanted: &Wanted, errors: &mut Vec<ImportError>) {
        for rating in ["inherent", "residual"] {
            let impact = wanted.get(&format!("{rating}.impact"));
            let likelihood = wanted.get(&format!("{rating}.likelihood"));
            let (given, missing, at) = match (impact, likelihood) {
                (Some((_, at)), None) => ("impact", "likelihood", at),
                (None, Some((_, at))) => ("likelihood", "impact", at),
                _ => continue,
            };
            errors.push(self.refused(
                *at,
                (
                    format!("gives the {rating} {given} but the row has no {rating} {missing}"),
                    format!("fill in the {rating} {missing}, or clear the {given}"),
                ),
            ));
        }
    }
}

/// CISO Assistant's existing controls and threats become lines of the description.
fn compose_description(wanted: &mut Wanted) {
    let controls = wanted.remove("existing_controls");
    let threats = wanted.remove("threats");
    if controls.is_none() && threats.is_none() {
        return;
    }
    let mut lines = Vec::new();
    let mut at = None;
    if let Some((Value::String(description), cell)) = wanted.get("description") {
        lines.push(description.trim().to_owned());
        at = Some(*cell);
    }
    for (label, value) in [("Existing controls", controls), ("Threats", threats)] {
        if let Some((Value::String(text), cell)) = value {
            lines.push(format!("{label}: {}", cells::list(&text).join("; ")));
            at = at.or(Some(cell));
        }
    }
    if let Some(at) = at {
        wanted.insert(
            "description".to_owned(),
            (Value::String(lines.join("\n")), at),
        );
    }
}
