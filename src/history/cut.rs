//! Views of a history cut at a point: at a commit of the first-parent line (for `--at` and
//! `trend`, without walking the repository again), or at a date (for `--as-of`).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::git::{Commit, Landing};

use super::{DocHistory, Event, History};

/// The history cut at one position of the first-parent line after another, later each
/// time (`trend`'s periods): each step adds only the events that landed since the last,
/// so a trend over many periods costs one copy of the history, not one per period.
pub struct Cuts<'h> {
    full: &'h History,
    /// Every event, as its landing position, document ID and index among the document's
    /// events, by landing position.
    events: Vec<(usize, &'h str, usize)>,
    /// Every commit that landed, with its position, by position.
    commits: Vec<(usize, &'h String)>,
    /// How many of `events` and `commits` the cut holds.
    taken: (usize, usize),
    /// For each document in the cut, the indexes its events have in the whole history.
    indexes: HashMap<&'h str, Vec<usize>>,
    /// The history as cut so far.
    cut: History,
}

impl<'h> Cuts<'h> {
    /// Nothing cut yet.
    pub fn new(full: &'h History) -> Cuts<'h> {
        let mut events: Vec<(usize, &str, usize)> = full
            .docs
            .iter()
            .flat_map(|(id, doc)| {
                doc.events
                    .iter()
                    .enumerate()
                    .map(move |(index, event)| (full.landed(&event.commit), id.as_str(), index))
            })
            .collect();
        events.sort_unstable();
        let mut commits: Vec<(usize, &String)> = full
            .landing
            .landed
            .iter()
            .map(|(id, landed)| (*landed, id))
            .collect();
        commits.sort_unstable();
        Cuts {
            full,
            events,
            commits,
            taken: (0, 0),
            indexes: HashMap::new(),
            // A cut answers for the register as committed at a point in time: the work
            // tree's uncommitted edits (the full history's `dirty`) are none of its own.
            cut: History::default(),
        }
    }

    /// The history as it stood at the commit at `position` of the first-parent line: the
    /// events of every commit that had landed by then, as one walk from that commit would
    /// have found them; `position` is never earlier than the last one asked for.
    pub fn at(&mut self, position: usize) -> &History {
        debug_assert!(
            self.cut.landing.line.len() <= position + 1,
            "cuts go forward"
        );
        let (mut events, mut commits) = self.taken;
        // Whether a document already in the cut has a new first event.
        let mut first_moved = false;
        while let Some(&(landed, id, index)) = self.events.get(events) {
            if landed > position {
                break;
            }
            let indexes = self.indexes.entry(id).or_default();
            let at = indexes.partition_point(|&taken| taken < index);
            first_moved |= at == 0 && !indexes.is_empty();
            indexes.insert(at, index);
            let event = self.full.docs[id].events[index].clone();
            let doc = match self.cut.docs.get_mut(id) {
                Some(doc) => doc,
                None => self.cut.docs.entry(id.to_owned()).or_default(),
            };
            doc.insert(at, event);
            events += 1;
        }
        while let Some(&(landed, id)) = self.commits.get(commits) {
            if landed > position {
                break;
            }
            self.cut.landing.landed.insert(id.clone(), landed);
            commits += 1;
        }
        self.taken = (events, commits);
        let line = &self.full.landing.line;
        let from = self.cut.landing.line.len();
        self.cut
            .landing
            .line
            .extend(line.iter().take(position + 1).skip(from).cloned());
        self.cut.tip = self.cut.landing.line.last().cloned();
        // A document new to the cut starts later than the first commit already found (its
        // events landed after every event taken before): only a moved start, or none found
        // yet, can change it.
        if first_moved || self.cut.first_commit.is_none() {
            self.cut.first_commit = self.first_commit();
        }
        &self.cut
    }

    /// The commit of the earliest-landed first event of any document in the cut.
    fn first_commit(&self) -> Option<Arc<Commit>> {
        self.cut
            .docs
            .values()
            .filter_map(|doc| doc.events.first())
            .min_by_key(|event| (self.full.landed(&event.commit), event.commit.time))
            .map(|event| Arc::clone(&event.commit))
    }
}

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
                (!events.is_empty()).then(|| (id.clone(), DocHistory::new(events)))
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
            derived: None,
        }
    }
}
