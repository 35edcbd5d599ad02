//! Versions that change nothing parsed: comments, layout changes, renames and moves.

use crate::calendar::Day;
use crate::document::{State, Style};
use crate::history::layout::Place;
use crate::history::version::{Change, Version};
use crate::model::{Doc, slug};
use crate::themes::short_title;

use super::Planner;

/// Comments people leave in documents.
const NOTES: &[&str] = &[
    "TODO: confirm the likelihood with the system owner at the next review.",
    "Reviewed at the quarterly risk review; no change.",
    "Ask the auditor whether this needs a separate control test.",
    "Keep in sync with the Jira epic.",
];

impl Planner<'_> {
    /// Adds `cosmetic` comment or formatting commits and about `renames` file moves to the
    /// versions, each on a different document.
    pub fn decorate(&mut self, versions: &mut [Vec<Version>], cosmetic: usize, renames: usize) {
        let count = versions.len();
        let mut used = vec![false; count];
        let mut made = 0;
        for _ in 0..cosmetic * 50 + 50 {
            if made >= cosmetic || count == 0 {
                break;
            }
            let n = self.rng.below(count);
            if !used[n] && self.restyle(&mut versions[n]) {
                used[n] = true;
                made += 1;
            }
        }
        let mut moves = 0;
        for _ in 0..renames * 50 + 50 {
            if moves >= renames || count == 0 {
                break;
            }
            let n = self.rng.below(count);
            if !used[n] {
                let made = self.rename(n, &mut versions[n], renames - moves);
                used[n] = made > 0;
                moves += made;
            }
        }
        // Versions of one document keep their order among other documents' of the same day.
        for history in versions.iter_mut() {
            let (mut day, mut rank) = (Day::MIN, 0);
            for version in history.iter_mut() {
                if version.day == day {
                    version.rank = version.rank.max(rank);
                }
                day = version.day;
                rank = version.rank;
            }
        }
    }

    /// Adds a commit that changes only a comment or the layout of a document: a note between
    /// two versions (which the next edit removes), or a cleanup after its last version of a
    /// comment or layout it had from the start. Returns whether it could.
    fn restyle(&mut self, history: &mut Vec<Version>) -> bool {
        let span = self.span;
        let note = self.rng.pick(NOTES);
        if history.len() >= 2 && self.rng.chance(0.5) {
            let i = self.rng.below(history.len() - 1);
            let (lo, hi) = (history[i].day.max(span.first + 1), history[i + 1].day);
            if lo > hi || history[i].state.style() != Style::Plain {
                return false;
            }
            let mut version = history[i];
            version.day = self.rng.range(lo, hi);
            version.solo = true;
            version.moved = false;
            version.forbid = 0;
            version.deadline = Day::MAX;
            version.change = Change::Note;
            version.state.set_style(Style::Comment(note));
            history.insert(i + 1, version);
            return true;
        }
        let Some(&last) = history.last() else {
            return false;
        };
        let lo = last.day.max(span.first + 1);
        if lo > span.last - 30 {
            return false;
        }
        let (style, change) = match self.rng.below(3) {
            0 => (Style::Comment(note), Change::Unnote),
            1 => (Style::QuotedDates, Change::Reformat),
            _ => (Style::BlockLists, Change::Reformat),
        };
        for version in history.iter_mut() {
            version.state.set_style(style);
        }
        history.push(Version {
            day: self.rng.range(lo, span.last),
            solo: true,
            moved: false,
            forbid: 0,
            deadline: Day::MAX,
            change,
            ..last
        });
        true
    }

    /// Gives document `n` an older path it is later moved from, in a commit of its own (at
    /// most `budget` moves); returns how many moves it made.
    fn rename(&mut self, n: usize, history: &mut Vec<Version>, budget: usize) -> usize {
        let span = self.span;
        let old = match self.reg.doc(n) {
            Doc::Review(_) => return 0,
            Doc::Risk(r) => {
                let retired = history.iter().position(|v| match v.state {
                    State::Risk(s) => s.retired.is_some(),
                    _ => false,
                });
                if let Some(j) = retired.filter(|_| budget >= 2 && self.rng.chance(0.7)) {
                    return self.archive(history, j);
                }
                let risk = &self.reg.risks[r];
                let older = short_title(&risk.title).map(slug);
                if older.is_some_and(|older| older != risk.slug) && self.rng.chance(0.6) {
                    Place::OldSlug
                } else {
                    self.rng.pick(&[Place::Bare, Place::Misfiled])
                }
            }
            Doc::Mitigation(_) => self.rng.pick(&[Place::Bare, Place::Misfiled]),
        };
        // Together with an edit of the same day, or on its own.
        let edits: Vec<usize> = (1..history.len())
            .filter(|&j| history[j].day > span.first && !history[j].solo)
            .collect();
        let at = if old != Place::OldSlug && !edits.is_empty() && self.rng.chance(0.3) {
            let j = edits[self.rng.below(edits.len())];
            history[j].solo = true;
            history[j].moved = true;
            j
        } else {
            let Some(at) = self.insert_move(history, 0) else {
                return 0;
            };
            at
        };
        for version in &mut history[..at] {
            version.place = old;
            if let (Place::OldSlug, State::Risk(s)) = (old, &mut version.state) {
                s.short_title = true;
            }
        }
        1
    }

    /// Inserts a move, in a commit of its own, on a random day after version `after` and
    /// within the history's span: a copy of the version before it that changes only the
    /// path (to the one the version before it has, until the caller says otherwise).
    /// Returns its index, or `None` when no day is left.
    fn insert_move(&mut self, history: &mut Vec<Version>, after: usize) -> Option<usize> {
        let span = self.span;
        let lo = history[after].day.max(span.first) + 1;
        if lo > span.last {
            return None;
        }
        let day = self.rng.range(lo, span.last);
        let at = history.partition_point(|v| v.day <= day);
        history.insert(
            at,
            Version {
                day,
                solo: true,
                moved: true,
                forbid: 0,
                deadline: Day::MAX,
                change: Change::Move,
                ..history[at - 1]
            },
        );
        Some(at)
    }

    /// Moves a risk to `risks/archive/` when it is retired (version `j`) and back some time
    /// later; returns how many moves that made.
    fn archive(&mut self, history: &mut Vec<Version>, j: usize) -> usize {
        let span = self.span;
        let Some(at) = self.insert_move(history, j) else {
            return 0;
        };
        history[at].place = Place::Final;
        for version in &mut history[j..at] {
            version.place = Place::Archive;
        }
        if j > 0 && history[j].day > span.first {
            history[j].solo = true;
            history[j].moved = true;
            2
        } else {
            1
        }
    }
}
