//! `riskreg export`: the register as a spreadsheet, one row per risk and action.

use serde::Serialize;

use super::view::{ActionView, LastChanged, ReportContext, RiskView};

/// One row: a risk and one of its actions (or the risk alone when it has none).
#[derive(Debug, Serialize)]
pub struct Row {
    /// Risk ID.
    pub risk_id: String,
    /// Risk title.
    pub risk_title: String,
    /// Risk description.
    pub risk_description: String,
    /// Risk owner.
    pub risk_owner: String,
    /// Inherent rating, impact x likelihood.
    pub inherent_rating: String,
    /// Inherent score.
    pub inherent_score: u32,
    /// Inherent level.
    pub inherent_level: String,
    /// Residual rating.
    pub residual_rating: String,
    /// Residual level.
    pub residual_level: String,
    /// Treatment decision.
    pub treatment_decision: String,
    /// Rationale.
    pub rationale: String,
    /// Risk last updated (committer date from git).
    pub risk_last_updated: String,
    /// Action ID.
    pub action_id: String,
    /// The mitigation action.
    pub mitigation_action: String,
    /// Action owner.
    pub action_owner: String,
    /// Due date.
    pub due_date: String,
    /// Status.
    pub status: String,
    /// Completed on.
    pub completed_on: String,
    /// Evidence, separated by new lines.
    pub evidence: String,
    /// Action last updated (committer date from git).
    pub action_last_updated: String,
    /// Which of the row's files the work tree changed since the last commit: `risk`,
    /// `action`, `risk, action`, or empty (their last-updated dates are the last commit's).
    pub uncommitted_changes: String,
}

/// The date of the last commit that changed a file (empty when none did): a date column
/// holds a date or nothing; uncommitted changes are named in their own column.
fn updated(last: &Option<LastChanged>) -> String {
    match last {
        Some(LastChanged {
            commit: Some(commit),
            ..
        }) => commit.date.to_string(),
        _ => String::new(),
    }
}

/// Whether the work tree changed a file since its last commit.
fn uncommitted(last: &Option<LastChanged>) -> bool {
    last.as_ref().is_some_and(|last| last.uncommitted)
}

fn row(risk: &RiskView, action: Option<&ActionView>) -> Row {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let date =
        |value: Option<chrono::NaiveDate>| value.map(|date| date.to_string()).unwrap_or_default();
    Row {
        risk_id: risk.id.clone(),
        risk_title: risk.title.clone(),
        risk_description: text(&risk.description).trim_end().to_owned(),
        risk_owner: text(&risk.owner),
        inherent_rating: format!("{}x{}", risk.inherent.impact, risk.inherent.likelihood),
        inherent_score: risk.inherent.score,
        inherent_level: risk.inherent.level.clone(),
        residual_rating: risk
            .residual
            .as_ref()
            .map(|rating| format!("{}x{}", rating.impact, rating.likelihood))
            .unwrap_or_default(),
        residual_level: risk
            .residual
            .as_ref()
            .map(|rating| rating.level.clone())
            .unwrap_or_default(),
        treatment_decision: risk
            .decision
            .map(|decision| decision.as_str().to_owned())
            .unwrap_or_default(),
        rationale: text(&risk.rationale),
        risk_last_updated: updated(&risk.last_changed),
        action_id: action.map(|action| action.id.clone()).unwrap_or_default(),
        mitigation_action: action
            .map(|action| action.title.clone())
            .unwrap_or_default(),
        action_owner: action
            .and_then(|action| action.owner.clone())
            .unwrap_or_default(),
        due_date: date(action.and_then(|action| action.due)),
        status: action
            .map(|action| action.status.as_str().to_owned())
            .unwrap_or_default(),
        completed_on: date(action.and_then(|action| action.completed_on)),
        evidence: action
            .map(|action| {
                action
                    .evidence
                    .iter()
                    .map(|item| item.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        action_last_updated: action
            .map(|action| updated(&action.last_changed))
            .unwrap_or_default(),
        uncommitted_changes: [
            ("risk", uncommitted(&risk.last_changed)),
            (
                "action",
                action.is_some_and(|action| uncommitted(&action.last_changed)),
            ),
        ]
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(file, _)| *file)
        .collect::<Vec<_>>()
        .join(", "),
    }
}

/// The rows of the export, by risk then action.
pub fn rows(context: &ReportContext) -> Vec<Row> {
    let mut rows = Vec::new();
    for risk in &context.risks {
        if risk.actions.is_empty() {
            rows.push(row(risk, None));
        }
        for action in &risk.actions {
            rows.push(row(risk, Some(action)));
        }
    }
    rows
}

/// Makes a cell inert in spreadsheet programs: text starting with `=`, `+`, `-`, `@`, tab or
/// carriage return would be read as a formula, so it gets a leading `'`.
pub fn inert(cell: &str) -> String {
    if crate::sheet::is_formula_like(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The CSV column names, in the order of [`Row::cells`].
pub const COLUMNS: [&str; 21] = [
    "risk_id",
    "risk_title",
    "risk_description",
    "risk_owner",
    "inherent_rating",
    "inherent_score",
    "inherent_level",
    "residual_rating",
    "residual_level",
    "treatment_decision",
    "rationale",
    "risk_last_updated",
    "action_id",
    "mitigation_action",
    "action_owner",
    "due_date",
    "status",
    "completed_on",
    "evidence",
    "action_last_updated",
    "uncommitted_changes",
];

impl Row {
    /// The row's cells in the order of [`COLUMNS`].
    pub fn cells(&self) -> [String; 21] {
        [
            self.risk_id.clone(),
            self.risk_title.clone(),
            self.risk_description.clone(),
            self.risk_owner.clone(),
            self.inherent_rating.clone(),
            self.inherent_score.to_string(),
            self.inherent_level.clone(),
            self.residual_rating.clone(),
            self.residual_level.clone(),
            self.treatment_decision.clone(),
            self.rationale.clone(),
            self.risk_last_updated.clone(),
            self.action_id.clone(),
            self.mitigation_action.clone(),
            self.action_owner.clone(),
            self.due_date.clone(),
            self.status.clone(),
            self.completed_on.clone(),
            self.evidence.clone(),
            self.action_last_updated.clone(),
            self.uncommitted_changes.clone(),
        ]
    }
}

/// The rows as CSV (UTF-8 with a byte-order mark, so spreadsheet programs detect the
/// encoding; RFC 4180 quoting; ISO dates), every cell made inert.
pub fn csv(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(row.cells().iter().map(|cell| inert(cell)))?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(std::io::Error::other(error.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert("+1"), "'+1");
        assert_eq!(inert("-cmd"), "'-cmd");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("R-001"), "R-001");
        assert_eq!(inert("2026-03-31"), "2026-03-31");
    }
}
