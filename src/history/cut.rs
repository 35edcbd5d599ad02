//! Views of a history cut at a point: at a commit of the first-parent line (for `--at` and
//! `trend`, without walking the repository again), or at a date (for `--as-of`).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::git::{Commit, Landing};

use super::{DocHistory, Event, History};

impl History {
    /// The tip's first-parent line, oldest first.
    pub fn first_parent_line(&self) -> &[Arc<Commit>] {
        &self.landing.line
    }

    /// The position on the first-parent line where a commit landed (a merged branch's
    /// commits at their merge); 0 for a commit the history does not know.
    pub fn landed(&self, commit: &Commit) -> usize {
        self.landing.landed.get(&commit.id).copied().unwrap_or(0)
    }

    /// The history as it stood at the commit at `position` of the first-parent line: the
    /// events of every commit that had landed by then, as one walk from that commit would
    /// have found them (without reading the repository again).
    pub fn up_to(&self, position: usize) -> History {
        let landing = Landing {
            line: self
                .landing
                .line
                .iter()
                .take(position + 1)
                .cloned()
                .collect(),
            landed: self
                .landing
                .landed
                .iter()
                .filter(|(_, landed)| **landed <= position)
                .map(|(id, landed)| (id.clone(), *landed))
                .collect(),
        };
        let mut cut = self.filtered(|event| self.landed(&event.commit) <= position);
        cut.tip = landing.line.last().cloned();
        cut.landing = landing;
        cut
    }

    /// The history as it stood at the end of `date`: itself when no event postdates it
    /// (the usual case, with no copy), else [`History::until`]. Every command that judges
    /// the register as of a date applies this before the rules run, so findings, reports and
    /// exports see one history.
    pub fn at_end_of(self, date: NaiveDate) -> History {
        let later = self
            .docs
            .values()
            .any(|doc| doc.events.iter().any(|event| event.commit.date() > date));
        if later { self.until(date) } else { self }
    }

    /// The history without the commits made after `date` (for a report of the work tree as
    /// of a past date): no change, and no "last changed", postdates it.
    pub fn until(&self, date: NaiveDate) -> History {
        let mut cut = self.filtered(|event| event.commit.date() <= date);
        cut.landing = self.landing.clone();
        cut
    }

    /// A copy holding only the events `keep` accepts (no landing positions).
    fn filtered(&self, keep: impl Fn(&Event) -> bool) -> History {
        let docs: HashMap<String, DocHistory> = self
            .docs
            .iter()
            .filter_map(|(id, doc)| {
                let events: Vec<Event> = doc
                    .events
                    .iter()
                    .filter(|event| keep(event))
                    .cloned()
                    .collect();
                (!events.is_empty()).then(|| (id.clone(), DocHistory { events }))
            })
            .collect();
        let first_commit = docs
            .values()
            .filter_map(|doc| doc.events.first())
            .min_by_key(|event| (self.landed(&event.commit), event.commit.time))
            .map(|event| Arc::clone(&event.commit));
        History {
            tip: self.tip.clone(),
            first_commit,
            dirty: self.dirty.clone(),
            docs,
            landing: Landing::default(),
        }
    }
}
