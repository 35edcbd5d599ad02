//! A risk's `risk-log`: one entry per commit that changed the risk or an action that treats
//! it now, oldest first, with the risk's status after the commit where the commit changed
//! it. Statuses are replayed from the fields the history keeps of each version (the
//! treatment, the retirement, each action's status), an acceptance's expiry compared with
//! the commit's date.

use std::collections::HashMap;

use crate::git::Commit;
use crate::history::{Change, Event};
use crate::model::{Risk, Status};

use super::risk::Action;
use super::status::{self, RiskStatus, Treatment};
use super::types::{LogEntry, LoggedBy, RelatedResponse, RiskLog};
use super::{Builder, prop, text};

impl Builder<'_> {
    /// The risk's log, or `None` without history or commits.
    pub(super) fn risk_log(
        &self,
        key: &str,
        risk: &Risk,
        actions: &[Action<'_>],
        responses: &HashMap<&str, String>,
    ) -> Option<RiskLog> {
        let history = self.history?;
        let mut ids: Vec<&str> = vec![risk.id.as_str()];
        for action in actions {
            if !ids.contains(&action.mitigation.id.as_str()) {
                ids.push(action.mitigation.id.as_str());
            }
        }
        let timelines: Vec<&[Event]> = ids
            .iter()
            .map(|id| history.doc(id).map_or(&[][..], |doc| doc.events.as_slice()))
            .collect();
        let merged = merge(&timelines);
        let mut treatment: Option<Treatment> = None;
        let mut statuses: Vec<Option<Status>> = vec![None; ids.len()];
        let mut last_status: Option<RiskStatus> = None;
        let mut entries = Vec::new();
        let mut at = 0;
        while at < merged.len() {
            let commit = &merged[at].1.commit;
            let size = merged[at..]
                .iter()
                .take_while(|(_, event)| event.commit.id == commit.id)
                .count();
            let group = &merged[at..at + size];
            at += size;
            for (doc, event) in group {
                let version = event.after.as_deref();
                if *doc == 0 {
                    treatment = version.map(Treatment::of_version);
                } else {
                    statuses[*doc] = version.and_then(status::action_status);
                }
            }
            let live: Vec<Status> = statuses.iter().flatten().copied().collect();
            let status = treatment.map(|treatment| treatment.status(&live, commit.date()));
            let status_change = status
                .filter(|status| Some(*status) != last_status)
                .map(RiskStatus::as_str);
            last_status = status.or(last_status);
            let Some(start) = text::time(commit.time) else {
                continue;
            };
            let mut related: Vec<RelatedResponse> = Vec::new();
            for (doc, _) in group.iter().filter(|(doc, _)| *doc > 0) {
                if let Some(uuid) = responses.get(ids[*doc])
                    && !related.iter().any(|known| &known.response_uuid == uuid)
                {
                    related.push(RelatedResponse {
                        response_uuid: uuid.clone(),
                    });
                }
            }
            let changes: Vec<String> = group
                .iter()
                .flat_map(|(doc, event)| describe(ids[*doc], event))
                .collect();
            entries.push(LogEntry {
                uuid: self.uuid(&format!("risk-log/{key}/{}", commit.id)),
                title: text::line(&commit.summary, &format!("Commit {}", commit.short_id())),
                description: text::multiline(&changes.join("\n"), "No field changed."),
                start,
                props: prop("commit", &commit.id).into_iter().collect(),
                logged_by: self
                    .author_party(commit)
                    .map(|party_uuid| LoggedBy { party_uuid })
                    .into_iter()
                    .collect(),
                status_change,
                related_responses: related,
                remarks: text::multiline(
                    &format!("Committed by {} ({}).", commit.author, commit.short_id()),
                    "Committed.",
                ),
            });
        }
        (!entries.is_empty()).then_some(RiskLog { entries })
    }

    /// The party of the owner whose email authored the commit.
    fn author_party(&self, commit: &Commit) -> Option<String> {
        let owner = self.config.owners.iter().find(|owner| {
            owner
                .email
                .as_deref()
                .is_some_and(|email| email.trim().eq_ignore_ascii_case(commit.email.trim()))
        })?;
        self.party(Some(&owner.id))
    }
}

/// The events of several timelines in commit order, each timeline's own order kept (ties
/// go to the earlier timeline): `(timeline, event)`.
fn merge<'h>(timelines: &[&'h [Event]]) -> Vec<(usize, &'h Event)> {
    let mut next = vec![0; timelines.len()];
    let mut merged = Vec::new();
    while let Some(doc) = (0..timelines.len())
        .filter(|&doc| next[doc] < timelines[doc].len())
        .min_by_key(|&doc| (timelines[doc][next[doc]].commit.time, doc))
    {
        merged.push((doc, &timelines[doc][next[doc]]));
        next[doc] += 1;
    }
    merged
}

/// What an event did to a document, one line per change.
fn describe(id: &str, event: &Event) -> Vec<String> {
    let mut lines = match &event.change {
        Change::Added => vec![format!("{id} added as {}", event.path)],
        Change::Removed => vec![format!("{id} removed ({})", event.path)],
        Change::Moved { from } => vec![format!("{id} moved from {from} to {}", event.path)],
        Change::Changed => Vec::new(),
    };
    lines.extend(
        event
            .fields
            .iter()
            .map(|field| format!("{id} {}", field.describe())),
    );
    lines
}
