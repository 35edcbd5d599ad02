//! The review records dated within the audit period.

use crate::model::ReviewScope;

use super::super::view::ReviewView;
use super::Builder;

impl Builder<'_> {
    /// Reviews dated within the period, oldest first.
    pub(super) fn reviews(&self) -> Vec<ReviewView> {
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
                attendees: review.attendees.clone(),
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
            })
            .collect();
        reviews.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        reviews
    }
}
