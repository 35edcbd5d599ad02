//! The changes committed within the audit period, in plain words: new documents, status
//! changes, completions, decisions, ratings, retirements and due-date moves.

use std::collections::HashSet;

use serde_json::Value;

use crate::git::Commit;
use crate::history::{Change, Event};
use crate::model::Kind;
use crate::source::FieldChange;
use crate::source::fields::display;

use super::super::view::{ChangeKind, ChangeView};
use super::Builder;

impl Builder<'_> {
    /// The report-worthy changes committed within the period, oldest first (none without
    /// history).
    pub(super) fn changes(&self) -> Vec<ChangeView> {
        let Some(history) = self.history else {
            return Vec::new();
        };
        let period = &self.options.period;
        let mut changes: Vec<(i64, ChangeView)> = Vec::new();
        for id in history.ids() {
            let Some(doc) = history.doc(id) else { continue };
            let kind = doc.kind().and_then(Kind::parse);
            for event in doc
                .events
                .iter()
                .filter(|event| period.contains(event.commit.date()))
            {
                for (change, description, text) in describe(event, kind) {
                    changes.push(change_view(&event.commit, id, change, description, text));
                }
            }
        }
        let mut seen = HashSet::new();
        for (_, mitigation) in &self.index.mitigations {
            let id = mitigation.id.as_str();
            if !seen.insert(id) {
                continue;
            }
            for moved in self.index.due_moves(mitigation) {
                let Some(commit) = moved.commit.filter(|commit| period.contains(commit.date()))
                else {
                    continue;
                };
                let verb = if moved.is_later() {
                    "moved"
                } else {
                    "brought forward"
                };
                changes.push(change_view(
                    commit,
                    id,
                    ChangeKind::DueDate,
                    format!("due: {} -> {}", moved.from, moved.to),
                    format!("Due date {verb} from {} to {}", moved.from, moved.to),
                ));
            }
        }
        changes.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        changes.into_iter().map(|(_, change)| change).collect()
    }
}

/// A change row, with the commit's time to sort by.
fn change_view(
    commit: &Commit,
    id: &str,
    kind: ChangeKind,
    description: String,
    text: String,
) -> (i64, ChangeView) {
    (
        commit.time,
        ChangeView {
            date: commit.date(),
            author: commit.author.clone(),
            commit: commit.short_id().to_owned(),
            id: id.to_owned(),
            kind,
            description,
            text,
        },
    )
}

/// The report-worthy parts of an event: kind, the change field by field, and in words.
fn describe(event: &Event, kind: Option<Kind>) -> Vec<(ChangeKind, String, String)> {
    if event.change == Change::Added {
        let Some(kind) = kind else {
            return Vec::new();
        };
        let title = event
            .after
            .as_ref()
            .and_then(|after| after.get("title"))
            .and_then(|title| title.as_str());
        let (change, noun) = match kind {
            Kind::Risk => (ChangeKind::NewRisk, "Risk added"),
            Kind::Mitigation => (ChangeKind::NewAction, "Action added"),
            Kind::Review => (ChangeKind::NewReview, "Review recorded"),
        };
        let text = title.map_or_else(|| noun.to_owned(), |title| format!("{noun}: {title}"));
        return vec![(change, title.unwrap_or(kind.as_str()).to_owned(), text)];
    }
    event
        .fields
        .iter()
        .filter_map(|field| {
            let after = field.after.as_ref().and_then(Value::as_str);
            let (change, text) = match field.field.as_str() {
                "status" if after == Some("completed") => (
                    ChangeKind::Completed,
                    match &field.before {
                        Some(before) => format!("Completed (was {})", display(Some(before))),
                        None => "Completed".to_owned(),
                    },
                ),
                "status" => (ChangeKind::Status, words("Status", field)),
                "treatment.decision" => (ChangeKind::Decision, words("Decision", field)),
                "inherent" => (ChangeKind::Rating, words("Inherent rating", field)),
                "residual" => (ChangeKind::Rating, words("Residual rating", field)),
                "retired" => (ChangeKind::Retired, retired(field.after.as_ref())),
                _ => return None,
            };
            Some((change, field.describe(), text))
        })
        .collect()
}

/// `Status changed from planned to in-progress`, `... set to ...`, `... removed (was ...)`.
fn words(what: &str, field: &FieldChange) -> String {
    match (&field.before, &field.after) {
        (Some(before), Some(after)) => format!(
            "{what} changed from {} to {}",
            display(Some(before)),
            display(Some(after))
        ),
        (None, after) => format!("{what} set to {}", display(after.as_ref())),
        (Some(before), None) => format!("{what} removed (was {})", display(Some(before))),
    }
}

/// `Retired on 2026-10-01: System decommissioned`, or `Retirement withdrawn`.
fn retired(after: Option<&Value>) -> String {
    let Some(after) = after.filter(|after| !after.is_null()) else {
        return "Retirement withdrawn".to_owned();
    };
    let on = after.get("on").and_then(Value::as_str).unwrap_or_default();
    match after.get("reason").and_then(Value::as_str) {
        Some(reason) => format!("Retired on {on}: {reason}"),
        None => format!("Retired on {on}"),
    }
}
