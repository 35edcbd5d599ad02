//! The history of one document: its events, and what is worked out from them once (the
//! value a field has held since, the moves of a date).

use std::sync::{Mutex, OnceLock};

use chrono::NaiveDate;
use serde_json::Value;

use super::Event;
use super::tracked::{field_at, is_tracked};

/// The history of one document.
#[derive(Debug, Clone, Default)]
pub struct DocHistory {
    /// Events, oldest first.
    pub events: Vec<Event>,
    /// What was worked out from the events (reset when they change).
    answers: Answers,
}

/// Answers worked out from a document's events once, and asked again: by several rules and
/// report sections in one run, and by every period of a trend whose history cut ([`Cuts`])
/// keeps the document's events unchanged from one period to the next.
#[derive(Debug, Default)]
struct Answers {
    /// The moves of the `due` date: from, to, and the index of the event.
    due: OnceLock<Vec<(NaiveDate, NaiveDate, usize)>>,
    /// [`DocHistory::value_since`]'s answers: the pointer, the value, the event's index.
    since: Mutex<Vec<(String, Value, Option<usize>)>>,
}

impl Clone for Answers {
    fn clone(&self) -> Self {
        Answers::default()
    }
}

/// How many [`DocHistory::value_since`] answers a document keeps.
const SINCE_ANSWERS: usize = 8;

impl DocHistory {
    /// The document's `kind` as its latest stored version gives it.
    pub fn kind(&self) -> Option<&str> {
        self.events
            .iter()
            .rev()
            .find_map(|event| event.after.as_ref()?.get("kind")?.as_str())
    }

    /// The first commit in which a document with this ID exists.
    pub fn created(&self) -> Option<&Event> {
        self.events.first()
    }

    /// The last commit that changed the document's content.
    pub fn last_changed(&self) -> Option<&Event> {
        self.events
            .iter()
            .rev()
            .find(|event| event.changes_content())
    }

    /// A history of these events.
    pub fn new(events: Vec<Event>) -> DocHistory {
        DocHistory {
            events,
            answers: Answers::default(),
        }
    }

    /// Inserts an event at `index` of the events.
    pub(super) fn insert(&mut self, index: usize, event: Event) {
        self.events.insert(index, event);
        self.answers = Answers::default();
    }

    /// Every move of the `due` date ([`DocHistory::date_changes`] of `/due`), worked out once.
    pub fn due_changes(&self) -> Vec<DateChange<'_>> {
        self.answers
            .due
            .get_or_init(|| {
                self.date_changes("/due")
                    .iter()
                    .map(|change| {
                        let index = self
                            .events
                            .iter()
                            .position(|event| std::ptr::eq(event, change.event))
                            .unwrap_or_default();
                        (change.from, change.to, index)
                    })
                    .collect()
            })
            .iter()
            .map(|&(from, to, index)| DateChange {
                from,
                to,
                event: &self.events[index],
            })
            .collect()
    }

    /// Every change of the date at `pointer` from one date to another, oldest first. A
    /// removal does not reset it: a document re-created under the same ID continues from
    /// the date it had, and a version without the date changes nothing.
    pub fn date_changes(&self, pointer: &str) -> Vec<DateChange<'_>> {
        debug_assert!(is_tracked(pointer), "`{pointer}` is not a tracked field");
        let mut changes = Vec::new();
        let mut last: Option<NaiveDate> = None;
        for event in &self.events {
            let Some(date) = event
                .after
                .as_deref()
                .and_then(|after| field_at(after, pointer))
                .and_then(Value::as_str)
                .and_then(|text| text.parse::<NaiveDate>().ok())
            else {
                continue;
            };
            if let Some(from) = last.filter(|from| *from != date) {
                changes.push(DateChange {
                    from,
                    to: date,
                    event,
                });
            }
            last = Some(date);
        }
        changes
    }

    /// The event since which the value at `pointer` has been `current` without a break:
    /// the commit that recorded the value as it stands now (an absent field counts as
    /// null). `None` when the last committed version holds another value (the current one
    /// is not committed yet).
    ///
    /// Only [`tracked::TRACKED_FIELDS`] are kept in past versions; asking about another field is a
    /// bug (the answer would always be "not committed"), caught in debug builds.
    pub fn value_since(&self, pointer: &str, current: &Value) -> Option<&Event> {
        debug_assert!(is_tracked(pointer), "`{pointer}` is not a tracked field");
        let answered = |answers: &[(String, Value, Option<usize>)]| {
            answers
                .iter()
                .find(|(asked, value, _)| asked == pointer && value == current)
                .map(|(_, _, index)| *index)
        };
        if let Some(index) = self
            .answers
            .since
            .lock()
            .ok()
            .and_then(|answers| answered(&answers))
        {
            return index.map(|index| &self.events[index]);
        }
        let mut since = None;
        for (index, event) in self.events.iter().enumerate().rev() {
            let Some(after) = &event.after else { break };
            if after.pointer(pointer).unwrap_or(&Value::Null) != current {
                break;
            }
            since = Some(index);
        }
        if let Ok(mut answers) = self.answers.since.lock() {
            if answers.len() == SINCE_ANSWERS {
                answers.clear();
            }
            answers.push((pointer.to_owned(), current.clone(), since));
        }
        since.map(|index| &self.events[index])
    }
}

/// A date field's value replaced by another in a commit.
#[derive(Debug, Clone, Copy)]
pub struct DateChange<'h> {
    /// The date before.
    pub from: NaiveDate,
    /// The date after.
    pub to: NaiveDate,
    /// The event that recorded the new date.
    pub event: &'h Event,
}
