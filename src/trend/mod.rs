//! The register at the end of every period (`riskreg trend`, the report's trend section),
//! from one history walk: each period's register is loaded from the commit that held it,
//! and judged by every rule as of the period's end with the history cut at that commit
//! ([`crate::history::Cuts`]), never walked again.

mod periods;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::git::{Commit, GitError};
use crate::history::{Change, Cuts, History};
use crate::load::{Loaded, Register};
use crate::model::Kind;
use crate::report::trend::{Every, PeriodChanges, Trend, TrendPeriod};
use crate::report::view::Count;
use crate::report::{self, Period, ReportOptions};
use crate::revision::Revisions;
use crate::rules;

pub use periods::period_ends;

/// The register at the end of every period of `ends` (oldest first), from `history` (read
/// once, up to HEAD), reading no file over `max_file_bytes`, with `revisions` when the
/// caller has read the register at a commit already (its documents are reused). Notices
/// from loading each commit go to `notice`, each once.
///
/// The repository is opened once; each period's register is read from its commit reusing
/// every document unchanged since the period before ([`Revisions`]), and its history is the
/// previous period's with the events landed since added ([`Cuts`]).
pub fn evaluate(
    root: &Path,
    history: &History,
    every: Every,
    ends: &[NaiveDate],
    max_file_bytes: u64,
    revisions: Option<Revisions>,
    notice: &mut dyn FnMut(&str),
) -> Result<Trend, GitError> {
    let line = history.first_parent_line();
    let position_at = |date: NaiveDate| line.iter().rposition(|commit| commit.date() <= date);
    let changes = changes_by_position(history, line.len());
    let mut periods: Vec<TrendPeriod> = Vec::with_capacity(ends.len());
    let mut previous = ends
        .first()
        .and_then(|first| periods::step_back(*first, every))
        .and_then(position_at);
    let mut empty = Vec::new();
    // Each notice once, not once per period.
    let mut seen = HashSet::new();
    let mut notice = |line: &str| {
        if seen.insert(line.to_owned()) {
            notice(line);
        }
    };
    let mut revisions = revisions;
    let mut cuts = Cuts::new(history);
    for &end in ends {
        let Some(position) = position_at(end) else {
            empty.push(periods.len());
            periods.push(TrendPeriod::empty(end, None));
            continue;
        };
        let revisions = match &mut revisions {
            Some(revisions) => revisions,
            None => revisions.insert(Revisions::open(root)?),
        };
        let commit = &line[position];
        // The history cut and the register's files are independent: one core each.
        let (history, loaded) = rayon::join(
            || cuts.at(position),
            || revisions.load(&commit.id, max_file_bytes),
        );
        let mut period = match loaded? {
            Some(loaded) => {
                for line in &loaded.notices {
                    notice(line);
                }
                let (period, register) = evaluate_at(loaded, history, commit, end);
                revisions.reuse(register);
                period
            }
            None => {
                let mut period = TrendPeriod::empty(end, None);
                period.commit = Some(commit.id.clone());
                period
            }
        };
        let from = previous.map_or(0, |previous| previous + 1);
        period.changes = changes
            .get(from..=position)
            .unwrap_or_default()
            .iter()
            .fold(PeriodChanges::default(), add);
        previous = Some(position);
        periods.push(period);
    }
    let shape = periods
        .iter()
        .find(|period| period.commit.is_some())
        .cloned();
    for index in empty {
        let end = periods[index].end;
        periods[index] = TrendPeriod::empty(end, shape.as_ref());
    }
    Ok(Trend {
        version: 1,
        every,
        periods,
    })
}

/// The register as committed at `commit` (`loaded`, with `history` cut there), judged as
/// of `end`, no changes counted yet; and the register, for the next period to reuse.
fn evaluate_at(
    loaded: Loaded,
    history: &History,
    commit: &Arc<Commit>,
    end: NaiveDate,
) -> (TrendPeriod, Register) {
    let register = &loaded.register;
    let findings = rules::check(register, end, Some(history), loaded.findings);
    let options = ReportOptions {
        title: None,
        as_of: end,
        period: Period::new(end, None, None),
        committed: Some((**commit).clone()),
    };
    // The report's own counts: one definition of "overdue" or "expiring soon" for both.
    let (summary, acceptances_expiring) =
        report::counts(register, Some(history), &findings, &options);
    let unrated = |counts: Vec<Count>| {
        counts
            .into_iter()
            .map(|count| Count {
                name: if count.name == "not rated" {
                    "unrated".to_owned()
                } else {
                    count.name
                },
                count: count.count,
            })
            .collect()
    };
    let period = TrendPeriod {
        end,
        commit: Some(commit.id.clone()),
        active_risks: summary.active_risks,
        retired_risks: summary.retired_risks,
        by_decision: report::trend::Counts(summary.by_decision),
        by_inherent_level: report::trend::Counts(summary.by_inherent_level),
        by_residual_level: report::trend::Counts(unrated(summary.by_residual_level)),
        actions_by_status: report::trend::Counts(summary.actions_by_status),
        overdue: summary.overdue,
        stale: summary.stale,
        acceptances_expiring,
        findings: summary.findings,
        changes: PeriodChanges::default(),
    };
    (period, loaded.register)
}

/// The changes of every position of the first-parent line (`len` long): each event
/// counted where its commit landed.
fn changes_by_position(history: &History, len: usize) -> Vec<PeriodChanges> {
    let mut changes = vec![PeriodChanges::default(); len];
    for id in history.ids() {
        let Some(doc) = history.doc(id) else { continue };
        let kind = doc.kind().and_then(Kind::parse);
        let mut was_retired = false;
        for event in &doc.events {
            let retired = event
                .after
                .as_ref()
                .is_some_and(|after| after.get("retired").is_some_and(|value| !value.is_null()));
            let newly_retired = retired && !was_retired;
            was_retired = retired;
            let Some(at) = changes.get_mut(history.landed(&event.commit)) else {
                continue;
            };
            let changed = |name: &str| event.fields.iter().any(|field| field.field == name);
            match kind {
                Some(Kind::Risk) => {
                    at.risks_added += usize::from(event.change == Change::Added);
                    at.risks_retired += usize::from(newly_retired);
                    at.risks_rerated += usize::from(changed("inherent") || changed("residual"));
                }
                Some(Kind::Mitigation) => {
                    at.actions_completed += usize::from(event.fields.iter().any(|field| {
                        field.field == "status"
                            && field.after.as_ref().and_then(|value| value.as_str())
                                == Some("completed")
                    }));
                }
                _ => {}
            }
        }
    }
    changes
}

/// Two tallies of changes added.
fn add(total: PeriodChanges, more: &PeriodChanges) -> PeriodChanges {
    PeriodChanges {
        risks_added: total.risks_added + more.risks_added,
        risks_retired: total.risks_retired + more.risks_retired,
        risks_rerated: total.risks_rerated + more.risks_rerated,
        actions_completed: total.actions_completed + more.actions_completed,
    }
}
