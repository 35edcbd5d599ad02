//! The Acme register's year, as events: each risk identified by its owner and rated after
//! its actions, each action planned, started, updated and completed (or blocked, or
//! cancelled) on the dates its final text states, the acceptances approved (one of them
//! renewed), the quarterly reviews on their dates, one file renamed and one risk decided on
//! a branch that is then merged.

use chrono::{Days, NaiveDate};

use super::text::{field, first_updates, nested, set, set_nested, update_dates, without};
use super::{Event, Lane};

/// The folder a mitigation document lives in.
const MITIGATIONS: &str = "mitigations/";

/// An action still open must have changed within the review cadence (92 days) before
/// [`super::AS_OF`], or `stale-status` flags it: one that would not is planned at the
/// third quarter's review instead.
const STALE_FROM: &str = "2026-08-20";

/// The third quarter's review, where late-planned actions are added.
const Q3_REVIEW: &str = "2026-08-28";

/// The mitigation whose file is renamed: its first path and the day of the rename.
const RENAMED: (&str, &str, &str) = ("M-001", "mitigations/M-001-okta-mfa.yaml", "2026-03-02");

/// A due date moved once: the action, its first due date, and the update that moved it.
const DUE_MOVED: (&str, &str, &str) = ("M-004", "2026-06-30", "2026-06-12");

/// The acceptance approved for a fortnight and renewed at the next review: the risk, the
/// first approver, approval date and expiry.
const RENEWED: (&str, &str, &str, &str) = ("R-013", "alice", "2026-05-15", "2026-05-31");

/// The risk decided on a branch, and the branch.
pub const BRANCHED: (&str, &str) = ("R-019", "accept-contractor-byod");

/// Within a day: additions, then progress, then ratings, then the merge, then the review.
const ADD: u8 = 0;
/// Progress on an action, an approval, a retirement.
const WORK: u8 = 1;
/// A residual rating after the last action of a risk closed.
const RATE: u8 = 2;
/// The merge of the branch.
const MERGE: u8 = 3;
/// A quarterly review.
const REVIEW: u8 = 4;

/// A date of the embedded texts (all are valid `YYYY-MM-DD`).
fn day(text: &str) -> NaiveDate {
    text.parse().unwrap_or_default()
}

/// Every event of the year, unsorted.
pub fn events(files: &[(&str, &str)]) -> Vec<Event> {
    let mut events = Vec::new();
    let identified = |risk: &str| {
        files.iter().find_map(|(path, text)| {
            (path.starts_with("risks/") && field(text, "id") == Some(risk))
                .then(|| field(text, "identified").map(day))
                .flatten()
        })
    };
    for &(path, text) in files {
        let event = |date: NaiveDate, rank: u8, who: &str, message: String, text: String| Event {
            date,
            rank,
            who: who.to_owned(),
            message,
            writes: vec![(path.to_owned(), Some(text))],
            lane: Lane::Main,
        };
        if path == "riskreg.yaml" {
            events.push(event(
                day("2026-01-09"),
                ADD,
                "alice",
                "Start the risk register: appetite, levels, owners".to_owned(),
                text.to_owned(),
            ));
        } else if path.starts_with("reviews/") {
            let id = field(text, "id").unwrap_or_default();
            let title = field(text, "title").unwrap_or_default();
            let chair = field(text, "chair").unwrap_or_default();
            let date = day(field(text, "date").unwrap_or_default());
            events.push(event(
                date,
                REVIEW,
                chair,
                format!("{id}: {title}"),
                text.to_owned(),
            ));
        } else if path.starts_with("risks/") {
            risk(path, text, files, &mut events);
        } else if path.starts_with(MITIGATIONS) {
            let risks = field(text, "risks").unwrap_or_default();
            let last_risk = risks
                .trim_matches(['[', ']'])
                .split(',')
                .filter_map(|risk| identified(risk.trim()))
                .max()
                .unwrap_or_default();
            mitigation(path, text, last_risk, &mut events);
        }
    }
    events
}

/// A risk's events: identified (unrated, an acceptance not yet approved, not retired),
/// its acceptance approved, its residual rated, its retirement.
fn risk(path: &str, text: &str, files: &[(&str, &str)], events: &mut Vec<Event>) {
    let id = field(text, "id").unwrap_or_default();
    let title = field(text, "title").unwrap_or_default();
    let owner = field(text, "owner").unwrap_or_default();
    let identified = day(field(text, "identified").unwrap_or_default());
    let approval = ["approved_by", "approved_on", "expires"];
    let unapproved: Vec<(&str, Option<&str>)> = approval.iter().map(|key| (*key, None)).collect();
    let mut current = set_nested(
        &without(text, &["residual", "retired"]),
        "treatment",
        &unapproved,
    );
    let lane = if id == BRANCHED.0 {
        Lane::Branch
    } else {
        Lane::Main
    };
    let mut staged: Vec<(NaiveDate, u8, String, String, String)> = vec![(
        identified,
        ADD,
        owner.to_owned(),
        format!("{id}: identified: {title}"),
        current.clone(),
    )];
    if let Some(approved_on) = nested(text, "treatment", "approved_on") {
        let approver = nested(text, "treatment", "approved_by").unwrap_or_default();
        let expires = nested(text, "treatment", "expires").unwrap_or_default();
        if id == RENEWED.0 {
            let (_, first, on, until) = RENEWED;
            let interim = set_nested(
                &without(text, &["residual", "retired"]),
                "treatment",
                &[
                    ("approved_by", Some(first)),
                    ("approved_on", Some(on)),
                    ("expires", Some(until)),
                ],
            );
            staged.push((
                day(on),
                WORK,
                owner.to_owned(),
                format!("{id}: acceptance approved by {first} until {until}, pending the quarterly review"),
                interim,
            ));
        }
        current = without(text, &["residual", "retired"]);
        staged.push((
            day(&approved_on),
            WORK,
            owner.to_owned(),
            if id == RENEWED.0 {
                format!("{id}: acceptance renewed by {approver} until {expires}")
            } else {
                format!("{id}: acceptance approved by {approver} until {expires}")
            },
            current.clone(),
        ));
    }
    if text.lines().any(|line| line.starts_with("residual:")) {
        let closed = last_closed(id, files);
        let date = closed.unwrap_or_else(|| identified + Days::new(7));
        current = without(text, &["retired"]);
        staged.push((
            date,
            RATE,
            owner.to_owned(),
            format!("{id}: residual rated after its actions"),
            current.clone(),
        ));
    }
    if let Some(on) = nested(text, "retired", "on") {
        staged.push((
            day(&on),
            WORK,
            owner.to_owned(),
            format!("{id}: retired"),
            text.to_owned(),
        ));
    }
    staged.sort_by_key(|(date, rank, ..)| (*date, *rank));
    if let Some(last) = staged.last_mut() {
        last.4 = text.to_owned();
    }
    let merged = staged.last().map(|(date, ..)| *date);
    events.extend(
        staged
            .into_iter()
            .map(|(date, rank, who, message, text)| Event {
                date,
                rank,
                who,
                message,
                writes: vec![(path.to_owned(), Some(text))],
                lane,
            }),
    );
    if let (Lane::Branch, Some(date)) = (lane, merged) {
        events.push(Event {
            date,
            rank: MERGE,
            who: "alice".to_owned(),
            message: format!("Merge branch '{}'", BRANCHED.1),
            writes: Vec::new(),
            lane: Lane::Merge,
        });
    }
}

/// The day the last action of a risk to mitigate was completed, when every one of them is
/// closed (completed or cancelled) and one was completed.
fn last_closed(risk: &str, files: &[(&str, &str)]) -> Option<NaiveDate> {
    let mut last = None;
    for (path, text) in files {
        let listed = field(text, "risks").is_some_and(|risks| {
            risks
                .trim_matches(['[', ']'])
                .split(',')
                .any(|listed| listed.trim() == risk)
        });
        if !path.starts_with(MITIGATIONS) || !listed {
            continue;
        }
        match field(text, "status") {
            Some("completed") => {
                let on = day(field(text, "completed_on").unwrap_or_default());
                last = last.max(Some(on));
            }
            Some("cancelled") => {}
            _ => return None,
        }
    }
    last
}

/// An action's events: planned (with its first due date), started, each update of its log,
/// and its completion, block or cancellation.
fn mitigation(path: &str, text: &str, risk_identified: NaiveDate, events: &mut Vec<Event>) {
    let id = field(text, "id").unwrap_or_default();
    let title = field(text, "title").unwrap_or_default();
    let owner = field(text, "owner").unwrap_or_default();
    let status = field(text, "status").unwrap_or_default();
    let completed = field(text, "completed_on").map(day);
    let updates = update_dates(text);
    let open = matches!(status, "planned" | "in-progress" | "blocked");
    let mut added = risk_identified;
    for date in updates
        .first()
        .map(|date| day(date))
        .into_iter()
        .chain(completed)
    {
        added = added.min(date);
    }
    if open && added < day(STALE_FROM) && updates.is_empty() {
        added = day(Q3_REVIEW);
    }
    let planned = set(
        &without(text, &["completed_on", "evidence", "updates", "blocker"]),
        "status",
        "planned",
    );
    let due_at = |date: NaiveDate, text: String| {
        let (moved, first_due, on) = DUE_MOVED;
        if id == moved && date < day(on) {
            set(&text, "due", first_due)
        } else {
            text
        }
    };
    let mut staged: Vec<(NaiveDate, String, String)> = vec![(
        added,
        format!(
            "{id}: planned for {}: {title}",
            field(text, "risks")
                .unwrap_or_default()
                .trim_matches(['[', ']'])
        ),
        due_at(added, planned.clone()),
    )];
    if updates.is_empty() && status != "planned" {
        let start = completed.map_or(added, |done| {
            added + Days::new(u64::try_from((done - added).num_days() / 2).unwrap_or(0))
        });
        if start > added {
            let started = set(&planned, "status", "in-progress");
            staged.push((start, format!("{id}: started"), due_at(start, started)));
        }
    }
    for (index, date) in updates.iter().enumerate() {
        let date = day(date);
        if completed == Some(date) {
            break;
        }
        let last = index + 1 == updates.len();
        let (version, message) = if last && matches!(status, "blocked" | "cancelled") {
            (first_updates(text, index + 1), format!("{id}: {status}"))
        } else {
            let version = first_updates(&set(text, "status", "in-progress"), index + 1);
            let version = without(&version, &["completed_on", "evidence", "blocker"]);
            let (moved, _, on) = DUE_MOVED;
            let message = if id == moved && date == day(on) {
                format!(
                    "{id}: due moved to {}",
                    field(text, "due").unwrap_or_default()
                )
            } else if index == 0 {
                format!("{id}: started")
            } else {
                format!("{id}: progress update")
            };
            (version, message)
        };
        staged.push((date, message, due_at(date, version)));
    }
    if let Some(done) = completed {
        staged.push((
            done,
            format!("{id}: completed with evidence"),
            text.to_owned(),
        ));
    }
    if let Some(last) = staged.last_mut() {
        last.2 = text.to_owned();
    }
    let (renamed, old_path, renamed_on) = RENAMED;
    let renamed_on = (id == renamed).then(|| day(renamed_on));
    let path_at = |date: NaiveDate| match renamed_on {
        Some(on) if date < on => old_path.to_owned(),
        _ => path.to_owned(),
    };
    let before_rename = renamed_on.and_then(|on| {
        staged
            .iter()
            .rev()
            .find(|(date, ..)| *date < on)
            .map(|(_, _, version)| (on, version.clone()))
    });
    events.extend(staged.into_iter().map(|(date, message, version)| {
        Event {
            date,
            rank: if message.contains(": planned for ") {
                ADD
            } else {
                WORK
            },
            who: if message.contains(": planned for ") {
                "alice"
            } else {
                owner
            }
            .to_owned(),
            message,
            writes: vec![(path_at(date), Some(version))],
            lane: Lane::Main,
        }
    }));
    if let Some((on, version)) = before_rename {
        events.push(Event {
            date: on,
            rank: WORK,
            who: "alice".to_owned(),
            message: format!("{id}: name the file after the action's title"),
            writes: vec![
                (old_path.to_owned(), None),
                (path.to_owned(), Some(version)),
            ],
            lane: Lane::Main,
        });
    }
}
