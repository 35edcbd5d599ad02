//! The units of the history (versions committed together), and how they are cut into
//! commits.

use std::ops::Range;

use anyhow::{Result, bail};

use crate::Args;
use crate::calendar::Day;
use crate::model::{Doc, Register};
use crate::rng::Rng;

use super::layout::Place;
use super::planner::Planner;
use super::version::Version;
use super::{HISTORY_SEED, Span};

/// Versions committed together: a document's version, or a risk added with its first
/// mitigations.
#[derive(Debug)]
pub struct Unit {
    /// The day of its versions.
    pub day: Day,
    /// Its place among units of the same day.
    rank: u8,
    /// The last day it may be committed.
    deadline: Day,
    /// Whether it is a commit of its own.
    solo: bool,
    /// Owners (bits) who must not commit it.
    pub forbid: u64,
    /// (document, version) pairs.
    pub items: Vec<(u32, u32)>,
}

/// The planned history: every version, what the first commit imports, and the commits.
pub struct History {
    /// Versions by document number.
    pub versions: Vec<Vec<Version>>,
    /// The version of each document the first commit imports, if any.
    pub imported: Vec<Option<usize>>,
    /// Everything committed after the first commit, in order.
    pub units: Vec<Unit>,
    /// The units of each non-merge commit after the first, in order.
    pub groups: Vec<Range<usize>>,
}

/// Plans the versions of all documents and spreads them over `groups` commits (`cosmetic` of
/// them comment or formatting commits and about `renames` renames), with enough versions to
/// fill them: more owner changes when the register is small.
pub fn plan_history(
    reg: &Register,
    span: Span,
    args: &Args,
    groups: usize,
    cosmetic: usize,
    renames: usize,
) -> Result<History> {
    let mut extras = 0.0;
    for _ in 0..8 {
        let rng = Rng::new(args.seed ^ HISTORY_SEED);
        let mut planner = Planner::new(reg, rng, span, args.defects, extras);
        let mut versions = planner.plan();
        planner.decorate(&mut versions, cosmetic, renames);
        for (n, history) in versions.iter().enumerate() {
            let last = history.last();
            if last.is_none_or(|v| v.place != Place::Final || v.state != reg.final_state(n)) {
                bail!(
                    "internal error: the history of {} does not end in its final version",
                    reg.id(n)
                );
            }
        }
        let (imported, units) = collect_units(reg, &versions, span, &planner.first_of);
        let solo = units.iter().filter(|u| u.solo).count();
        let normal = units.len() - solo;
        // Commits of other units, which the solo ones separate into up to `solo + 1` runs.
        let wanted = groups.saturating_sub(solo);
        let enough = normal * 10 >= wanted * 13 || (extras > 0.0 && normal >= wanted);
        if wanted > solo && enough {
            let mut rng = Rng::new(args.seed ^ HISTORY_SEED ^ 1);
            let cut = group_units(&mut rng, &units, groups);
            if cut.len() != groups {
                bail!(
                    "internal error: {} commits planned instead of {groups}",
                    cut.len()
                );
            }
            return Ok(History {
                versions,
                imported,
                units,
                groups: cut,
            });
        }
        let missing = (wanted as f64 * 1.45 - normal as f64).max(1.0);
        extras += missing / reg.count().max(1) as f64 * 1.25;
    }
    bail!(
        "cannot spread the changes of {} documents over {} commits; lower --commits",
        reg.count(),
        args.commits
    )
}

/// What the first commit imports (the versions up to its day), and the units committed after
/// it, in the order they are committed.
fn collect_units(
    reg: &Register,
    versions: &[Vec<Version>],
    span: Span,
    first_of: &[Option<usize>],
) -> (Vec<Option<usize>>, Vec<Unit>) {
    let mut imported = Vec::with_capacity(versions.len());
    let mut units: Vec<Unit> = Vec::new();
    let mut risk_unit = vec![None; reg.risks.len()];
    for (n, history) in versions.iter().enumerate() {
        let split = history.partition_point(|v| v.day <= span.first);
        imported.push(split.checked_sub(1));
        for (i, v) in history.iter().enumerate().skip(split) {
            let item = (n as u32, i as u32);
            if i == 0 {
                match reg.doc(n) {
                    Doc::Risk(r) => risk_unit[r] = Some(units.len()),
                    Doc::Mitigation(m) => {
                        let primary = reg.mitigations[m].risks[0];
                        let unit = risk_unit[primary].filter(|_| first_of[primary] == Some(m));
                        if let Some(unit) = unit.and_then(|u| units.get_mut(u)) {
                            if unit.day == v.day {
                                unit.items.push(item);
                                unit.deadline = unit.deadline.min(v.deadline);
                                unit.forbid |= v.forbid;
                                continue;
                            }
                        }
                    }
                    Doc::Review(_) => {}
                }
            }
            units.push(Unit {
                day: v.day,
                rank: v.rank,
                deadline: v.deadline,
                solo: v.solo,
                forbid: v.forbid,
                items: vec![item],
            });
        }
    }
    units.sort_by_key(|u| (u.day, u.rank, u.items[0]));
    (imported, units)
}

/// Cuts the units into `count` commits of consecutive units, each solo unit alone: between
/// two units that must not share a commit, then where a unit would otherwise be committed
/// after its deadline, then at the widest gaps of days (and between versions of one document),
/// at random among the rest.
fn group_units(rng: &mut Rng, units: &[Unit], count: usize) -> Vec<Range<usize>> {
    // Cut `j` is the boundary before unit `j`.
    let mut forced = vec![false; units.len() + 1];
    for (i, unit) in units.iter().enumerate() {
        if unit.solo {
            forced[i] = true;
            forced[i + 1] = true;
        }
    }
    let mut cuts: Vec<usize> = (1..units.len()).filter(|&j| forced[j]).collect();
    let mut gaps: Vec<(bool, Day, bool, u64, usize)> = (1..units.len())
        .filter(|&j| !forced[j])
        .map(|j| {
            let recent = &units[j.saturating_sub(4)..j];
            let late = recent.iter().any(|u| units[j].day > u.deadline);
            let (before, after) = (&units[j - 1].items, &units[j].items);
            let repeat = after.iter().any(|a| before.iter().any(|b| a.0 == b.0));
            let days = units[j].day - units[j - 1].day;
            (late, days, repeat, rng.next_u64(), j)
        })
        .collect();
    gaps.sort_unstable_by(|a, b| b.cmp(a));
    let more = count.saturating_sub(cuts.len() + 1).min(gaps.len());
    cuts.extend(gaps[..more].iter().map(|gap| gap.4));
    cuts.sort_unstable();
    let mut groups = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        groups.push(start..cut);
        start = cut;
    }
    groups.push(start..units.len());
    groups
}
