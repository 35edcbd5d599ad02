//! The register indexed for lookup: typed documents by kind, risks by ID, actions by risk,
//! with the config, the as-of date and the history. Rules and the report read the register
//! through it.

use chrono::{Days, NaiveDate};
use fnv::{FnvHashMap, FnvHashSet};

use crate::git::Commit;
use crate::history::{DocHistory, Event, History};
use crate::load::Register;
use crate::model::{Body, Config, Decision, Kind, Level, Mitigation, Rating, Review, Risk};
use crate::source::{Document, Node, NodeValue};

/// A move of a mitigation's due date.
#[derive(Debug, Clone, Copy)]
pub struct DueMove<'a> {
    /// The date before.
    pub from: NaiveDate,
    /// The date after.
    pub to: NaiveDate,
    /// The commit that recorded it; `None` when the work tree holds it, not committed yet.
    pub commit: Option<&'a Commit>,
}

impl DueMove<'_> {
    /// Whether the date moved later (a postponement).
    pub fn is_later(&self) -> bool {
        self.to > self.from
    }

    /// `2026-03-31 -> 2026-04-30 in a1b2c3d on 2026-03-28 by Alice Chen`, or `... (not
    /// committed yet)`.
    pub fn describe(&self) -> String {
        match self.commit {
            Some(commit) => format!(
                "{} -> {} in {} on {} by {}",
                self.from,
                self.to,
                commit.short_id(),
                commit.date(),
                commit.author
            ),
            None => format!("{} -> {} (not committed yet)", self.from, self.to),
        }
    }
}

/// The register as rules and reports see it: typed documents with indexes, the config, the
/// as-of date and the history.
pub struct Index<'a> {
    /// The register being checked.
    pub register: &'a Register,
    /// Its config.
    pub config: &'a Config,
    /// The date every date rule compares against.
    pub as_of: NaiveDate,
    /// The register's history from git, when there is one.
    pub history: Option<&'a History>,
    /// Every risk that deserialized, in path order.
    pub risks: Vec<(&'a Document, &'a Risk)>,
    /// Every mitigation that deserialized, in path order.
    pub mitigations: Vec<(&'a Document, &'a Mitigation)>,
    /// Every review that deserialized, in path order.
    pub reviews: Vec<(&'a Document, &'a Review)>,
    risks_by_id: FnvHashMap<&'a str, &'a Risk>,
    mitigations_by_risk: FnvHashMap<&'a str, Vec<&'a Mitigation>>,
    /// Risk IDs listed by mitigations that have a `schema` error (and are not cancelled):
    /// they still count as treating the risk, so one bad file gives one finding, not two.
    risks_in_invalid_mitigations: FnvHashSet<&'a str>,
}

impl<'a> Index<'a> {
    /// Indexes the register.
    pub fn new(register: &'a Register, as_of: NaiveDate, history: Option<&'a History>) -> Self {
        let mut index = Index {
            register,
            config: &register.config,
            as_of,
            history,
            risks: Vec::new(),
            mitigations: Vec::new(),
            reviews: Vec::new(),
            risks_by_id: FnvHashMap::default(),
            mitigations_by_risk: FnvHashMap::default(),
            risks_in_invalid_mitigations: FnvHashSet::default(),
        };
        for doc in &register.documents {
            match &doc.body {
                Some(Body::Risk(risk)) => {
                    index.risks.push((doc, risk));
                    index.risks_by_id.entry(risk.id.as_str()).or_insert(risk);
                }
                Some(Body::Mitigation(mitigation)) => {
                    index.mitigations.push((doc, mitigation));
                    for risk_id in &mitigation.risks {
                        index
                            .mitigations_by_risk
                            .entry(risk_id.as_str())
                            .or_default()
                            .push(mitigation);
                    }
                }
                Some(Body::Review(review)) => index.reviews.push((doc, review)),
                None => {
                    if let (Some(Kind::Mitigation), Some(node)) = (doc.kind, &doc.node) {
                        index
                            .risks_in_invalid_mitigations
                            .extend(risks_listed(node));
                    }
                }
            }
        }
        index
    }

    /// The risk with this ID.
    pub fn risk(&self, id: &str) -> Option<&'a Risk> {
        self.risks_by_id.get(id).copied()
    }

    /// Whether a mitigation that failed schema validation lists this risk (unless it says
    /// it is cancelled).
    pub fn listed_by_invalid_mitigation(&self, risk_id: &str) -> bool {
        self.risks_in_invalid_mitigations.contains(risk_id)
    }

    /// The mitigations that list this risk.
    pub fn mitigations_of(&self, risk_id: &str) -> &[&'a Mitigation] {
        self.mitigations_by_risk
            .get(risk_id)
            .map_or(&[], Vec::as_slice)
    }

    /// The history of a document, when git history is available and has the ID.
    pub fn history_of(&self, id: &str) -> Option<&'a DocHistory> {
        self.history?.doc(id)
    }

    /// Every move of a mitigation's `due` date, oldest first: the committed ones from its
    /// history, then the work tree's when it holds another date than the last commit.
    /// Empty without history.
    pub fn due_moves(&self, mitigation: &Mitigation) -> Vec<DueMove<'a>> {
        let Some(history) = self.history_of(&mitigation.id) else {
            return Vec::new();
        };
        let mut moves: Vec<DueMove<'a>> = history
            .due_changes()
            .into_iter()
            .map(|change| DueMove {
                from: change.from,
                to: change.to,
                commit: Some(&change.event.commit),
            })
            .collect();
        let committed = history
            .events
            .iter()
            .rev()
            .find_map(|event| event.after.as_deref())
            .and_then(|after| after.get("due"))
            .and_then(serde_json::Value::as_str)
            .and_then(|text| text.parse::<NaiveDate>().ok());
        if let (Some(from), Some(to)) = (committed, mitigation.due)
            && from != to
        {
            moves.push(DueMove {
                from,
                to,
                commit: None,
            });
        }
        moves
    }

    /// Every active risk whose decision is `accept`.
    pub fn accepted_risks(&self) -> impl Iterator<Item = (&'a Document, &'a Risk)> + '_ {
        self.risks
            .iter()
            .copied()
            .filter(|(_, risk)| risk.is_active() && risk.decision() == Some(Decision::Accept))
    }

    /// The level of a rating under the config's levels.
    pub fn level_of(&self, rating: &Rating) -> Option<&'a Level> {
        self.config.level_of(rating.score())
    }

    /// Whether a mitigation still matters: it treats at least one active (or unknown) risk.
    /// Actions whose risks are all retired are history only.
    pub fn treats_active_risk(&self, mitigation: &Mitigation) -> bool {
        mitigation
            .risks
            .iter()
            .any(|id| self.risk(id).is_none_or(Risk::is_active))
    }

    /// Whether a mitigation is work still owed: planned, in progress or blocked, treating an
    /// active (or unknown) risk.
    pub fn is_owed(&self, mitigation: &Mitigation) -> bool {
        mitigation.status.is_open() && self.treats_active_risk(mitigation)
    }

    /// Whether a mitigation is overdue: owed, and due before as-of.
    pub fn is_overdue(&self, mitigation: &Mitigation) -> bool {
        mitigation.due.is_some_and(|due| due < self.as_of) && self.is_owed(mitigation)
    }

    /// The last change of a stale mitigation: one owed, committed as it is in the work tree,
    /// whose content no commit has changed within `review.cadence_days` before as-of. `None`
    /// when it is not stale, or without history.
    pub fn stale_since(&self, doc: &Document, mitigation: &Mitigation) -> Option<&'a Event> {
        let history = self.history?;
        let cadence = u64::from(self.config.review.cadence_days);
        let limit = self.as_of.checked_sub_days(Days::new(cadence))?;
        if !self.is_owed(mitigation) || history.is_dirty(&doc.path) {
            return None;
        }
        let last = self.history_of(&mitigation.id)?.last_changed()?;
        (last.commit.date() < limit).then_some(last)
    }

    /// The latest review dated on or before as-of (the later file on a tie).
    pub fn latest_review(&self) -> Option<(&'a Document, &'a Review)> {
        self.reviews
            .iter()
            .copied()
            .filter(|(_, review)| review.date <= self.as_of)
            .max_by_key(|(doc, review)| (review.date, &doc.path))
    }

    /// When the next periodic review is due: the latest review's date plus
    /// `review.cadence_days`; `None` without a review (or past the calendar's end).
    pub fn next_review_due(&self) -> Option<NaiveDate> {
        let (_, review) = self.latest_review()?;
        let cadence = u64::from(self.config.review.cadence_days);
        review.date.checked_add_days(Days::new(cadence))
    }

    /// Every active accepted risk with an expiry date, and that date.
    pub fn acceptance_expiries(
        &self,
    ) -> impl Iterator<Item = (&'a Document, &'a Risk, NaiveDate)> + '_ {
        self.accepted_risks().filter_map(|(doc, risk)| {
            let expires = risk.treatment.as_ref()?.expires?;
            Some((doc, risk, expires))
        })
    }

    /// Whether an acceptance that expires on `expires` has expired: the date is before as-of.
    pub fn has_expired(&self, expires: NaiveDate) -> bool {
        expires < self.as_of
    }

    /// Whether an acceptance that expires on `expires` expires soon: on as-of or within
    /// `days` after it (a window past the calendar's end reaches its end).
    pub fn expires_within(&self, expires: NaiveDate, days: u64) -> bool {
        let horizon = self
            .as_of
            .checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX);
        !self.has_expired(expires) && expires <= horizon
    }

    /// The event that recorded an accepted risk's current approval: the later of the
    /// commits since which `approved_by` and `approved_on` have held their current values.
    pub fn approval_event(&self, risk: &Risk) -> Option<&'a Event> {
        let treatment = risk.treatment.as_ref()?;
        let approved_by = serde_json::Value::String(treatment.approved_by.clone()?);
        let approved_on = serde_json::Value::String(treatment.approved_on?.to_string());
        let history = self.history_of(&risk.id)?;
        let by = history.value_since("/treatment/approved_by", &approved_by)?;
        let on = history.value_since("/treatment/approved_on", &approved_on)?;
        let position = |event: &Event| {
            history
                .events
                .iter()
                .position(|candidate| std::ptr::eq(candidate, event))
        };
        Some(if position(by) > position(on) { by } else { on })
    }
}

/// The risk IDs a (possibly invalid) mitigation's tree lists, unless its status is
/// `cancelled`.
fn risks_listed(node: &Node) -> Vec<&str> {
    let cancelled = node.get("status").is_some_and(
        |entry| matches!(&entry.value.value, NodeValue::String(status) if status == "cancelled"),
    );
    match node.get("risks").map(|entry| &entry.value.value) {
        Some(NodeValue::Seq(items)) if !cancelled => items
            .iter()
            .filter_map(|item| match &item.value {
                NodeValue::String(id) => Some(id.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
