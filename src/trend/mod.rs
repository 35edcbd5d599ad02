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
///
/// The trend depends on nothing but the history and these inputs, so it is kept beside a
/// kept history ([`crate::history::Derived`]) and read back, notices and all, by the next
/// run that asks for the same periods of the same history.
pub fn evaluate(
    root: &Path,
    history: &History,
    every: Every,
    ends: &[NaiveDate],
    max_file_bytes: u64,
    revisions: Option<Revisions>,
    notice: &mut dyn FnMut(&str),
) -> Result<Trend, GitError> {
    let inputs = (every, ends, max_file_bytes);
    let derived = history.derived();
    let kept = derived.and_then(|derived| derived.read::<(Trend, Vec<String>)>(KEPT_AS, &inputs));
    if let Some((trend, notices)) = kept {
        notices.iter().for_each(|line| notice(line));
        return Ok(trend);
    }
    let mut notices = Vec::new();
    let reader = Reader {
        root,
        max_file_bytes,
        revisions,
    };
    let trend = evaluate_periods(reader, history, every, ends, &mut |line| {
        notices.push(line.to_owned());
        notice(line);
    })?;
    if let Some(derived) = derived {
        derived.keep(KEPT_AS, &inputs, &(&trend, &notices));
    }
    Ok(trend)
}

/// The name a trend is kept under beside its history.
const KEPT_AS: &str = "trend";

/// The trend of [`evaluate`], computed, each period's register read with `reader`.
fn evaluate_periods(
    reader: Reader<'_>,
    history: &History,
    every: Every,
    ends: &[NaiveDate],
    notice: &mut dyn FnMut(&str),
) -> Result<Trend, GitError> {
    let line = history.first_parent_line();
    let position_at = |date: NaiveDate| line.iter().rposition(|commit| commit.date() <= date);
    let positions: Vec<Option<usize>> = ends.iter().map(|&end| position_at(end)).collect();
    let mut periods = judge_periods(reader, history, ends, &positions, notice)?;
    let changes = changes_by_position(history, line.len());
    let mut previous = ends
        .first()
        .and_then(|first| periods::step_back(*first, every))
        .and_then(position_at);
    for (period, position) in periods.iter_mut().zip(&positions) {
        let Some(position) = *position else { continue };
        let from = previous.map_or(0, |previous| previous + 1);
        period.changes = changes
            .get(from..=position)
            .unwrap_or_default()
            .iter()
            .fold(PeriodChanges::default(), add);
        previous = Some(position);
    }
    let shape = periods
        .iter()
        .find(|period| period.commit.is_some())
        .cloned();
    for period in &mut periods {
        if period.commit.is_none() {
            *period = TrendPeriod::empty(period.end, shape.as_ref());
        }
    }
    Ok(Trend {
        version: 1,
        every,
        periods,
    })
}

/// Where and how the registers of the periods are read.
struct Reader<'a> {
    /// The register root.
    root: &'a Path,
    /// The largest file read.
    max_file_bytes: u64,
    /// The reader given, if any (else one is opened when a period has a commit).
    revisions: Option<Revisions>,
}

/// Each period of `ends` judged at the commit of the first-parent line at its position in
/// `positions` (none before the first commit, so only at the start: an empty period, its
/// shape given later), no changes counted yet. Notices from loading go to `notice`, each once.
///
/// One period's register is judged while the next one's changed documents are read (one
/// core each), then handed back for the next to reuse the rest.
fn judge_periods(
    reader: Reader<'_>,
    history: &History,
    ends: &[NaiveDate],
    positions: &[Option<usize>],
    notice: &mut dyn FnMut(&str),
) -> Result<Vec<TrendPeriod>, GitError> {
    let line = history.first_parent_line();
    let mut periods: Vec<TrendPeriod> = Vec::with_capacity(ends.len());
    let mut committed = Vec::with_capacity(ends.len());
    for (&end, position) in ends.iter().zip(positions) {
        match position {
            Some(position) => committed.push((end, &line[*position], *position)),
            None => periods.push(TrendPeriod::empty(end, None)),
        }
    }
    let Some((_, first, _)) = committed.first() else {
        return Ok(periods);
    };
    let mut revisions = match reader.revisions {
        Some(revisions) => revisions,
        None => Revisions::open(reader.root)?,
    };
    // Each notice once, not once per period.
    let mut seen = HashSet::new();
    let mut noted = |loaded: Option<Loaded>| {
        for line in loaded.iter().flat_map(|loaded| &loaded.notices) {
            if seen.insert(line.clone()) {
                notice(line);
            }
        }
        loaded
    };
    let mut cuts = Cuts::new(history);
    let mut loaded = noted(revisions.load(&first.id, reader.max_file_bytes)?);
    for (index, &(end, commit, position)) in committed.iter().enumerate() {
        let next = committed.get(index + 1);
        let ((period, register), pending) = rayon::join(
            || evaluate_at(loaded, cuts.at(position), commit, end),
            || next.map(|(_, next, _)| revisions.read(&next.id, reader.max_file_bytes)),
        );
        periods.push(period);
        if let Some(register) = register {
            revisions.reuse(register);
        }
        let pending = pending.transpose()?.flatten();
        loaded = noted(
            pending
                .map(|pending| revisions.finish(pending))
                .transpose()?,
        );
    }
    Ok(periods)
}

/// The register as committed at `commit` (`loaded`, with `history` cut there; none when
/// the register did not exist there), judged as of `end`, no changes counted yet; and the
/// register, for the next period to reuse.
fn evaluate_at(
    loaded: Option<Loaded>,
    history: &History,
    commit: &Arc<Commit>,
    end: NaiveDate,
) -> (TrendPeriod, Option<Register>) {
    let Some(loaded) = loaded else {
        let mut period = TrendPeriod::empty(end, None);
        period.commit = Some(commit.id.clone());
        return (period, None);
    };
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
    (period, Some(loaded.register))
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
