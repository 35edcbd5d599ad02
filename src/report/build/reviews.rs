//! The review records dated within the audit period.

use crate::model::ReviewScope;

use std::collections::HashMap;

use super::super::view::{OutcomeView, ReviewView, RiskLink};
use super::{Builder, risk_link};

impl Builder<'_> {
    /// Reviews dated within the period, oldest first, people by name and outcomes linked
    /// to their risks (`links`).
    pub(super) fn reviews(&self, links: &HashMap<&str, RiskLink>) -> Vec<ReviewView> {
        let period = &self.options.period;
        let mut reviews: Vec<ReviewView> = self
            .index
            .reviews
            .iter()
            .filter(|(_, review)| period.contains(review.date))
            .map(|(_, review)| ReviewView {
                id: review.id.clone(),
                title: review.title.clone(),
                date: review.date,
                chair: review.chair.clone(),
                chair_name: review.chair.as_deref().map(|id| self.person(id)),
                attendees: review.attendees.clone(),
                attendee_names: review.attendees.iter().map(|id| self.person(id)).collect(),
                scope: match &review.risks {
                    ReviewScope::All(_) => "all risks".to_owned(),
                    ReviewScope::Risks(ids) => ids.join(", "),
                },
                notes: review.notes.clone(),
                outcomes: review
                    .outcomes
                    .iter()
                    .map(|outcome| (outcome.risk.clone(), outcome.note.clone()))
                    .collect(),
                outcome_list: review
                    .outcomes
                    .iter()
                    .map(|outcome| OutcomeView {
                        risk: risk_link(links, &outcome.risk),
                        note: outcome.note.clone(),
                    })
                    .collect(),
            })
            .collect();
        reviews.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        reviews
    }
}
