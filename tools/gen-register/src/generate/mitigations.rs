//! Mitigations: which risks each treats, its due date, status, evidence and progress log.

use anyhow::{Result, bail};
use chrono::Datelike;

use crate::calendar::{Day, date};
use crate::model::{MitigationDoc, RiskDoc, Status, Treatment, id_width, slug};
use crate::organization::{DOMAIN, EXECUTIVES, OWNERS};
use crate::phrases::{BLOCKERS, CANCEL_NOTES, DONE_NOTES, PLANNED_NOTES, PROGRESS_NOTES};
use crate::rng::Rng;
use crate::themes::{THEMES, fill};

use super::Generator;

impl Generator {
    /// Draws `count` mitigations: one for every `mitigate` risk first, the rest spread over
    /// them, some treating two or three neighbouring risks.
    pub(super) fn mitigations(
        &mut self,
        risks: &[RiskDoc],
        count: usize,
    ) -> Result<Vec<MitigationDoc>> {
        if count == 0 {
            return Ok(Vec::new());
        }
        if risks.is_empty() {
            bail!("mitigations need at least one risk to treat");
        }
        let mut pool: Vec<usize> = (0..risks.len())
            .filter(|&r| matches!(risks[r].treatment, Treatment::Mitigate))
            .collect();
        if pool.is_empty() {
            pool = (0..risks.len()).collect();
        }
        let mut position = vec![0; risks.len()];
        for (pos, &r) in pool.iter().enumerate() {
            position[r] = pos;
        }

        // (primary risk, whether this is the risk's first and never-cancelled mitigation)
        let mut primaries: Vec<(usize, bool)> = pool.iter().map(|&r| (r, true)).collect();
        while primaries.len() < count {
            primaries.push((self.rng.pick(&pool), false));
        }
        primaries.truncate(count);
        primaries.sort_by_key(|&(r, first)| (r, !first));

        let width = id_width(count);
        let mut actions_used = vec![0usize; risks.len()];
        let mut mitigations = Vec::with_capacity(count);
        for (index, (primary, first)) in primaries.into_iter().enumerate() {
            let id = format!("M-{:0width$}", index + 1);
            let treated = self.treated_risks(risks, &pool, &position, primary);
            let risk = &risks[primary];
            let theme = &THEMES[risk.theme];
            let action = theme.actions[(primary + actions_used[primary]) % theme.actions.len()];
            actions_used[primary] += 1;
            let title = fill(action, risk.systems[0]);
            let mut mitigation = MitigationDoc {
                slug: slug(&title),
                title,
                description: Vec::new(),
                risks: treated,
                owner: EXECUTIVES + self.rng.below(OWNERS.len() - EXECUTIVES),
                due: 0,
                status: Status::Planned,
                completed_on: None,
                blocker: None,
                evidence: Vec::new(),
                updates: Vec::new(),
                id,
            };
            self.plan(&mut mitigation, risks, first);
            mitigations.push(mitigation);
        }
        Ok(mitigations)
    }

    /// The risks a mitigation of `primary` treats: the primary, sometimes with one or two
    /// neighbours (similar age) whose treatment targets leave a common due date.
    fn treated_risks(
        &mut self,
        risks: &[RiskDoc],
        pool: &[usize],
        position: &[usize],
        primary: usize,
    ) -> Vec<usize> {
        let mut treated = vec![primary];
        if risks[primary].retired.is_some() || !self.rng.chance(0.3) {
            return treated;
        }
        let wanted = 2 + usize::from(self.rng.chance(0.3));
        for _ in 0..6 {
            if treated.len() >= wanted {
                break;
            }
            let pos = position[primary] as i32 + self.rng.range(-12, 12);
            let Some(&candidate) = usize::try_from(pos).ok().and_then(|p| pool.get(p)) else {
                continue;
            };
            if treated.contains(&candidate) || risks[candidate].retired.is_some() {
                continue;
            }
            treated.push(candidate);
            let (start, bound) = window(risks, &treated);
            if start > bound {
                treated.pop();
            }
        }
        treated
    }

    /// Sets a mitigation's due date, status and what goes with it.
    fn plan(&mut self, m: &mut MitigationDoc, risks: &[RiskDoc], first: bool) {
        let rng = &mut self.rng;
        let as_of = self.as_of;
        let (start, bound) = window(risks, &m.risks);
        m.due = if rng.chance(self.defects) {
            bound + rng.range(15, 120)
        } else {
            rng.range(start + (bound - start) / 3, bound)
        };
        let retired = m.risks.iter().any(|&r| risks[r].retired.is_some());
        m.status = if retired {
            if rng.chance(0.7) {
                Status::Completed
            } else {
                Status::Cancelled
            }
        } else if m.due < as_of {
            if rng.chance(self.defects * 3.0) {
                rng.pick(&[Status::InProgress, Status::InProgress, Status::Blocked])
            } else if !first && rng.chance(0.08) {
                Status::Cancelled
            } else {
                Status::Completed
            }
        } else {
            match rng.below(100) {
                0..35 => Status::Planned,
                35..75 => Status::InProgress,
                75..83 => Status::Blocked,
                83..95 => Status::Completed,
                _ if first => Status::InProgress,
                _ => Status::Cancelled,
            }
        };

        // Cancellations are decided around the due date, not long after.
        let mut end = if m.status == Status::Cancelled {
            (m.due + 30).min(as_of)
        } else {
            as_of
        };
        match m.status {
            Status::Completed => {
                let on = if m.due < as_of && rng.chance(0.15) {
                    rng.range(m.due + 1, (m.due + 30).min(as_of))
                } else {
                    rng.range(start, m.due.min(as_of))
                };
                m.completed_on = Some(on);
                end = on;
                if !rng.chance(self.defects) {
                    m.evidence = evidence(rng, m, on);
                }
            }
            Status::Blocked if !rng.chance(self.defects * 5.0) => {
                m.blocker = Some(rng.pick(BLOCKERS));
            }
            _ => {}
        }

        let (notes_chance, notes): (f64, &[&str]) = match m.status {
            Status::Planned => (0.1, PLANNED_NOTES),
            Status::Cancelled => (0.5, CANCEL_NOTES),
            _ => (0.45, PROGRESS_NOTES),
        };
        if rng.chance(notes_chance) {
            let entries = if m.status == Status::Planned || m.status == Status::Cancelled {
                1
            } else {
                rng.range(1, 3)
            };
            let mut days: Vec<Day> = (0..entries).map(|_| rng.range(start, end)).collect();
            days.sort_unstable();
            let offset = rng.below(notes.len() + 1 - days.len());
            m.updates = days
                .into_iter()
                .zip(&notes[offset..])
                .map(|(day, &note)| (day, note))
                .collect();
            if m.status == Status::Completed {
                if let Some(last) = m.updates.last_mut() {
                    last.1 = rng.pick(DONE_NOTES);
                }
            }
        }

        if rng.chance(0.5) {
            m.description = vec![
                format!("Tracked in Jira as SEC-{}.", 1000 + rng.below(9000)),
                "Progress is reported at the weekly security sync.".to_owned(),
            ];
        }
    }
}

/// The common planning window of a mitigation's risks: the latest identification, and the
/// earliest due date all their treatment targets allow.
fn window(risks: &[RiskDoc], treated: &[usize]) -> (Day, Day) {
    let start = treated.iter().map(|&r| risks[r].identified).max();
    let bound = treated.iter().map(|&r| risks[r].due_bound()).min();
    (start.unwrap_or_default(), bound.unwrap_or_default())
}

/// One to three links or repository paths proving a completed mitigation.
fn evidence(rng: &mut Rng, m: &MitigationDoc, completed_on: Day) -> Vec<String> {
    let year = date(completed_on).year();
    let mut links = vec![format!("https://wiki.{DOMAIN}/security/{}", m.slug)];
    if rng.chance(0.6) {
        links.push(format!(
            "https://github.com/northwind/infrastructure/pull/{}",
            2000 + rng.below(8000)
        ));
    }
    if rng.chance(0.4) {
        links.push(format!("evidence/{year}/{}/screenshot.png", m.id));
    }
    links
}
