//! The changes committed within the audit period: new documents, status changes,
//! completions, decisions, ratings, retirements.

use crate::history::{Change, Event};
use crate::model::Kind;

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
            let kind = doc
                .events
                .iter()
                .rev()
                .find_map(kind_of)
                .and_then(Kind::parse);
            for event in doc
                .events
                .iter()
                .filter(|event| period.contains(event.commit.date()))
            {
                for (change, description) in describe(event, kind) {
                    changes.push((
                        event.commit.time,
                        ChangeView {
                            date: event.commit.date(),
                            author: event.commit.author.clone(),
                            commit: event.commit.short_id().to_owned(),
                            id: id.to_owned(),
                            kind: change,
                            description,
                        },
                    ));
                }
            }
        }
        changes.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        changes.into_iter().map(|(_, change)| change).collect()
    }
}

/// The `kind` an event's version states (added versions keep it).
fn kind_of(event: &Event) -> Option<&str> {
    event.after.as_ref()?.get("kind")?.as_str()
}

/// The report-worthy parts of an event.
fn describe(event: &Event, kind: Option<Kind>) -> Vec<(ChangeKind, String)> {
    if event.change == Change::Added {
        let Some(kind) = kind else {
            return Vec::new();
        };
        let title = event
            .after
            .as_ref()
            .and_then(|after| after.get("title"))
            .and_then(|title| title.as_str());
        let change = match kind {
            Kind::Risk => ChangeKind::NewRisk,
            Kind::Mitigation => ChangeKind::NewAction,
            Kind::Review => ChangeKind::NewReview,
        };
        return vec![(change, title.unwrap_or(kind.as_str()).to_owned())];
    }
    event
        .fields
        .iter()
        .filter_map(|field| {
            let change = match field.field.as_str() {
                "status"
                    if field.after.as_ref().and_then(|value| value.as_str())
                        == Some("completed") =>
                {
                    ChangeKind::Completed
                }
                "status" => ChangeKind::Status,
                "treatment.decision" => ChangeKind::Decision,
                "inherent" | "residual" => ChangeKind::Rating,
                "retired" => ChangeKind::Retired,
                _ => return None,
            };
            Some((change, field.describe()))
        })
        .collect()
}
