//! The commits: which go to feature branches and their merges, who makes each, and when.

use std::collections::HashSet;

use crate::calendar::Day;
use crate::organization::{OWNERS, owner_index};
use crate::rng::Rng;

use super::Span;
use super::units::History;

/// Who commits to the register (owner IDs), with relative weights.
const AUTHORS: [(&str, u32); 10] = [
    ("emma", 20),
    ("alice", 16),
    ("fatima", 14),
    ("jonas", 10),
    ("sara", 8),
    ("daria", 8),
    ("ciso", 6),
    ("deepak", 6),
    ("ines", 6),
    ("carmen", 6),
];

/// Who merges pull requests, imports the register and reorganizes it.
const MAINTAINERS: [&str; 2] = ["emma", "alice"];

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_DAY: Day = 719_163;

/// What a commit does.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Adds `riskreg.yaml` and imports the register's first documents.
    Import,
    /// Commits a group of units, on the main branch or a feature branch (by number).
    Edit {
        /// Index into [`History::groups`].
        group: usize,
        /// The feature branch, if not the main branch.
        branch: Option<usize>,
    },
    /// Merges a feature branch into the main branch.
    Merge(usize),
    /// Moves every document from the sharded layout to the final one.
    Flatten,
}

/// A commit of the history.
#[derive(Debug, Clone, Copy)]
pub struct Planned {
    /// What it does.
    pub kind: Kind,
    /// Its day.
    pub day: Day,
    /// Its time, in seconds since 1970 (UTC).
    pub time: i64,
    /// Index into [`OWNERS`]: author and committer.
    pub author: usize,
}

/// A feature branch while it is open.
struct OpenBranch {
    /// Its number.
    index: usize,
    /// How many commits it is meant to have.
    target: usize,
    /// How many it has.
    len: usize,
    /// Who commits to it.
    author: usize,
    /// Who merges it.
    merger: usize,
    /// Documents it changed.
    docs: HashSet<u32>,
    /// Documents the main branch changed since the branch started.
    main_docs: HashSet<u32>,
}

/// Orders the commits: the import, the groups, `merges` feature branches of one to four
/// groups (interleaved with main branch commits that touch other documents) each closed by a
/// merge commit, and the flattening commit if `flatten`; then dates them.
pub fn plan_commits(
    rng: &mut Rng,
    history: &History,
    span: Span,
    merges: usize,
    flatten: bool,
) -> Vec<Planned> {
    let weights: Vec<u32> = AUTHORS.iter().map(|a| a.1).collect();
    let pick = |rng: &mut Rng, forbid: u64, approvers: bool| loop {
        let author = owner_index(AUTHORS[rng.weighted(&weights)].0);
        if forbid & (1 << author) == 0 && (approvers || !OWNERS[author].3) {
            break author;
        }
    };
    let maintainer = owner_index(MAINTAINERS[0]);
    let groups = &history.groups;
    let mut commits = Vec::with_capacity(groups.len() + merges + 2);
    commits.push(Planned {
        kind: Kind::Import,
        day: span.first,
        time: 0,
        author: maintainer,
    });
    let close = |open: &mut Option<OpenBranch>, commits: &mut Vec<Planned>| {
        if let Some(branch) = open.take() {
            let day = commits.last().map_or(span.first, |c: &Planned| c.day);
            commits.push(Planned {
                kind: Kind::Merge(branch.index),
                day,
                time: 0,
                author: branch.merger,
            });
        }
    };
    let flatten_at = flatten.then(|| groups.len() - (groups.len() / 200).clamp(1, 40));
    let mut open: Option<OpenBranch> = None;
    let mut to_open = merges;
    let mut branches = 0;
    for (g, range) in groups.iter().enumerate() {
        let left = groups.len() - g;
        if flatten_at == Some(g) {
            close(&mut open, &mut commits);
            let day = commits.last().map_or(span.first, |c| c.day);
            commits.push(Planned {
                kind: Kind::Flatten,
                day,
                time: 0,
                author: maintainer,
            });
        }
        if open.is_some() && left <= to_open {
            close(&mut open, &mut commits);
        }
        let chance = to_open as f64 * 3.0 / left as f64;
        if open.is_none() && to_open > 0 && (left <= to_open || rng.chance(chance)) {
            let author = pick(rng, 0, false);
            let merger = MAINTAINERS
                .iter()
                .map(|id| owner_index(id))
                .find(|&m| m != author)
                .unwrap_or(maintainer);
            open = Some(OpenBranch {
                index: branches,
                target: rng.range(1, 4) as usize,
                len: 0,
                author,
                merger,
                docs: HashSet::new(),
                main_docs: HashSet::new(),
            });
            branches += 1;
            to_open -= 1;
        }

        let units = &history.units[range.clone()];
        let docs: Vec<u32> = units
            .iter()
            .flat_map(|u| u.items.iter().map(|i| i.0))
            .collect();
        let forbid = units.iter().fold(0, |bits, u| bits | u.forbid);
        let day = units.last().map_or(span.first, |u| u.day);
        let mut branch = None;
        let mut close_first = false;
        if let Some(b) = open.as_mut() {
            let clear_of_main = docs.iter().all(|d| !b.main_docs.contains(d));
            let clear_of_branch = docs.iter().all(|d| !b.docs.contains(d));
            if b.len == 0 || (clear_of_main && (!clear_of_branch || rng.chance(0.6))) {
                branch = Some((b.index, b.author));
                b.len += 1;
                b.docs.extend(&docs);
            } else if clear_of_branch {
                b.main_docs.extend(&docs);
            } else {
                close_first = true;
            }
        }
        if close_first {
            close(&mut open, &mut commits);
        }
        let author = match branch {
            Some((_, author)) => author,
            None => pick(rng, forbid, true),
        };
        commits.push(Planned {
            kind: Kind::Edit {
                group: g,
                branch: branch.map(|b| b.0),
            },
            day,
            time: 0,
            author,
        });
        if open.as_ref().is_some_and(|b| b.len >= b.target) {
            close(&mut open, &mut commits);
        }
    }
    close(&mut open, &mut commits);

    // Spread each day's commits over its working hours.
    let mut i = 0;
    while i < commits.len() {
        let day = commits[i].day;
        let n = commits[i..].iter().take_while(|c| c.day == day).count();
        let slot = (12 * 3600 / n as i64).max(1);
        let midnight = i64::from(day - UNIX_EPOCH_DAY) * 86_400;
        for (k, commit) in commits[i..i + n].iter_mut().enumerate() {
            let jitter = rng.below(slot as usize) as i64;
            commit.time = midnight + 8 * 3600 + k as i64 * slot + jitter;
        }
        i += n;
    }
    let mut last = i64::MIN;
    for commit in &mut commits {
        commit.time = commit.time.max(last + 1);
        last = commit.time;
    }
    commits
}
