//! Each document's versions: when it was added and every change it went through, planned
//! backwards from its final version ([`decorate`] adds the changes nothing parsed sees).

mod decorate;

use crate::calendar::Day;
use crate::document::{MitigationState, ReviewState, RiskState, State};
use crate::model::{Rating, Register, Status, Treatment};
use crate::organization::{CEO, EXECUTIVES, OWNERS};
use crate::rng::Rng;

use super::Span;
use super::version::{Milestone, Step, Version, simulate};

/// At most how many days after a date it states (a completion, an approval, a review) a change
/// is committed: inside the configured `backdate_tolerance_days` of 14.
const COMMIT_LAG: Day = 12;

/// Open mitigations are changed within this many days before as-of, inside the configured
/// review cadence of 92 days (so they are not stale).
const RECENT_DAYS: Day = 85;

/// Plans every document's versions, backwards from its final one.
pub struct Planner<'a> {
    /// The final documents.
    reg: &'a Register,
    /// The random source (separate from the register's).
    rng: Rng,
    /// The days of the history.
    span: Span,
    /// Share of open mitigations left stale.
    defects: f64,
    /// Extra owner changes per document, to fill many commits.
    extras: f64,
    /// The day each risk was added.
    risk_created: Vec<Day>,
    /// For each risk, the mitigation added together with it.
    pub first_of: Vec<Option<usize>>,
}

impl<'a> Planner<'a> {
    /// A planner of `reg`'s history over `span`, drawing from `rng`, leaving the `defects` share
    /// of open mitigations stale and giving each document `extras` extra owner changes.
    pub fn new(reg: &'a Register, rng: Rng, span: Span, defects: f64, extras: f64) -> Self {
        Planner {
            reg,
            rng,
            span,
            defects,
            extras,
            risk_created: Vec::new(),
            first_of: Vec::new(),
        }
    }

    /// The versions of every document, by document number.
    pub fn plan(&mut self) -> Vec<Vec<Version>> {
        let reg = self.reg;
        let span = self.span;
        self.risk_created = Vec::with_capacity(reg.risks.len());
        for risk in &reg.risks {
            let created = match risk.identified <= span.first {
                true => span.first,
                false => self.soon(risk.identified, 5),
            };
            self.risk_created.push(created);
        }
        self.first_of = vec![None; reg.risks.len()];
        for (index, m) in reg.mitigations.iter().enumerate() {
            self.first_of[m.risks[0]].get_or_insert(index);
        }

        let mitigations: Vec<Vec<Version>> = (0..reg.mitigations.len())
            .map(|index| self.plan_mitigation(index))
            .collect();
        let mut completions: Vec<Vec<Day>> = vec![Vec::new(); reg.risks.len()];
        for (m, versions) in reg.mitigations.iter().zip(&mitigations) {
            let done = versions
                .iter()
                .find(|v| matches!(v.state, State::Mitigation(s) if s.status == Status::Completed));
            if let Some(done) = done {
                for &r in &m.risks {
                    completions[r].push(done.day);
                }
            }
        }
        let mut all = Vec::with_capacity(reg.count());
        for (r, done) in completions.iter().enumerate() {
            all.push(self.plan_risk(r, done));
        }
        all.extend(mitigations);
        for index in 0..reg.reviews.len() {
            all.push(self.plan_review(index));
        }
        all
    }

    /// A day up to `delay` days after `on`, drawn among the days the history has left; `on`
    /// itself when it is as-of.
    fn soon(&mut self, on: Day, delay: Day) -> Day {
        let room = (self.span.last - on).clamp(0, delay);
        (on + self.rng.range(0, room)).min(self.span.as_of)
    }

    /// How many extra owner changes a document gets.
    fn extra_count(&mut self) -> usize {
        let whole = self.extras.floor();
        whole as usize + usize::from(self.rng.chance(self.extras - whole))
    }

    /// Owner changes on the given days (and whether each shares its day's version), ending
    /// with `last`: the first owner, and the steps.
    fn owner_chain(&mut self, mut days: Vec<(Day, bool)>, last: usize) -> (usize, Vec<Milestone>) {
        days.sort_unstable();
        let mut owners = vec![last];
        for _ in &days {
            let after = owners[owners.len() - 1];
            let later = owners
                .len()
                .checked_sub(2)
                .map_or(usize::MAX, |i| owners[i]);
            let before = loop {
                let owner = EXECUTIVES + self.rng.below(OWNERS.len() - EXECUTIVES);
                if owner != after && owner != later {
                    break owner;
                }
            };
            owners.push(before);
        }
        owners.reverse();
        let steps = days
            .iter()
            .zip(&owners[1..])
            .map(|(&(day, merge), &owner)| Milestone {
                merge,
                ..Milestone::new(day, Step::Owner(owner))
            })
            .collect();
        (owners[0], steps)
    }

    /// Up to `count` postponements of a due date to `last`, each made within two months
    /// before the due date it replaces, after `created` and before `hi`, and one more on
    /// `touch` if given: the first due date, and the steps.
    fn due_chain(
        &mut self,
        count: usize,
        (created, hi): (Day, Day),
        last: Day,
        touch: Option<Day>,
    ) -> (Day, Vec<Milestone>) {
        let (mut due, mut latest) = (last, hi);
        let mut steps = Vec::new();
        if let Some(day) = touch {
            steps.push(Milestone::new(day, Step::Due(due)));
            due -= self.rng.range(7, 45).min(due - created - 14);
            latest = day - 1;
        }
        for _ in 0..count {
            // Every due date lies weeks after the mitigation was added.
            let before = due - self.rng.range(7, 45);
            if before <= created + 14 {
                break;
            }
            let (lo, hi) = ((before - 60).max(created + 1), before.min(latest));
            let day = match lo <= hi {
                true => self.rng.range(lo, hi),
                false => self.rng.range(created + 1, latest),
            };
            if day <= created || day > latest {
                break;
            }
            steps.push(Milestone::new(day, Step::Due(due)));
            (due, latest) = (before, day - 1);
        }
        steps.reverse();
        (due, steps)
    }

    /// The versions of a mitigation: added planned (with its risk, or some weeks later),
    /// started, logged, blocked, re-planned, reassigned, then completed or cancelled within
    /// days of the dates it states.
    fn plan_mitigation(&mut self, index: usize) -> Vec<Version> {
        let reg = self.reg;
        let span = self.span;
        let m = &reg.mitigations[index];
        let fin = MitigationState::of(m);
        let start = m.risks.iter().map(|&r| reg.risks[r].identified).max();
        let base = m.risks.iter().map(|&r| self.risk_created[r]).max();
        let (start, base) = (start.unwrap_or(span.first), base.unwrap_or(span.first));
        let with_risk = self.first_of[m.risks[0]] == Some(index);
        let imported = base == span.first && start <= span.first && self.rng.chance(0.8);
        let mut created = match with_risk || imported {
            true => base,
            false => self.soon(base, 40).min((m.due - 14).max(base)),
        };
        if let Some(on) = m.completed_on {
            created = created.min(on.max(base));
        }

        let mut init = fin;
        init.status = Status::Planned;
        init.completed_on = None;
        init.evidence = false;
        init.blocker = None;
        init.updates = 0;
        let mut steps: Vec<Milestone> = m
            .updates
            .iter()
            .map(|&(on, _)| Milestone::new(on, Step::Log))
            .collect();
        let terminal = match fin.status {
            Status::Completed => {
                let on = m.completed_on.unwrap_or(created);
                let day = self.soon(on, 6);
                steps.push(Milestone {
                    deadline: on + COMMIT_LAG,
                    ..Milestone::new(day, Step::Complete)
                });
                Some(day)
            }
            Status::Cancelled => {
                // With the note that says why, or around the due date.
                let day = match m.updates.last() {
                    Some(&(on, _)) => on,
                    None => {
                        let (lo, hi) = (created.max(m.due - 20), (m.due + 30).min(span.last));
                        match lo <= hi {
                            true => self.rng.range(lo, hi),
                            false => self.rng.range(created.min(span.last), span.last),
                        }
                    }
                };
                steps.push(Milestone::new(day, Step::Cancel));
                Some(day)
            }
            _ => None,
        };
        let hi = terminal.unwrap_or(span.last);

        let started = match fin.status {
            Status::InProgress | Status::Blocked => true,
            Status::Completed => self.rng.chance(0.75),
            Status::Cancelled => self.rng.chance(0.4),
            Status::Planned => false,
        };
        let mut started_on = created;
        if started {
            let mut latest = hi;
            if fin.status != Status::Cancelled {
                if let Some(&(on, _)) = m.updates.first() {
                    latest = latest.min(on);
                }
            }
            started_on = self.rng.range(created.min(latest), latest);
            steps.push(Milestone::new(started_on, Step::Start));
        }
        if fin.status == Status::Blocked {
            let day = self.rng.range(started_on, span.last);
            steps.push(Milestone::new(day, Step::Block(fin.blocker)));
        }

        let room = created < hi;
        if fin.description && room && self.rng.chance(0.35) {
            init.description = false;
            let day = self.rng.range(created + 1, hi);
            steps.push(Milestone::new(day, Step::Describe));
        }
        let mut moves = 0;
        let mut owner_days = Vec::new();
        if room {
            moves += usize::from(self.rng.chance(0.25));
            if self.rng.chance(0.1) {
                owner_days.push((self.rng.range(created + 1, hi), true));
            }
            for _ in 0..self.extra_count() {
                owner_days.push((self.rng.range(created + 1, hi), false));
            }
        }
        // Open actions are looked at every quarter (postponed or handed over), except the
        // stale ones of `--defects`.
        let open = matches!(
            fin.status,
            Status::Planned | Status::InProgress | Status::Blocked
        );
        let mut touch = None;
        if open && !self.rng.chance(self.defects) {
            let recent = span.as_of - RECENT_DAYS;
            let last = steps
                .iter()
                .map(|s| s.day)
                .chain(owner_days.iter().map(|d| d.0))
                .fold(created, Day::max);
            if last < recent && recent <= span.last {
                if fin.due > recent && fin.due > created + 21 && self.rng.chance(0.6) {
                    touch = Some(self.rng.range(recent, (fin.due - 1).min(span.last)));
                } else {
                    owner_days.push((self.rng.range(recent, span.last), true));
                }
            }
        }
        let (due, due_steps) = self.due_chain(moves, (created, hi), fin.due, touch);
        let (owner, owner_steps) = self.owner_chain(owner_days, fin.owner);
        init.due = due;
        init.owner = owner;
        steps.extend(due_steps);
        steps.extend(owner_steps);
        simulate(
            created,
            1,
            Day::MAX,
            State::Mitigation(init),
            &State::Mitigation(fin),
            steps,
        )
    }

    /// The versions of a risk: added around the day it was identified, then re-rated after
    /// its mitigations complete, its decision changed, accepted and renewed, given a system,
    /// reassigned, retired.
    fn plan_risk(&mut self, r: usize, completions: &[Day]) -> Vec<Version> {
        let reg = self.reg;
        let span = self.span;
        let risk = &reg.risks[r];
        let created = self.risk_created[r];
        let fin = RiskState::of(risk);
        let mut init = fin;
        let mut steps = Vec::new();
        // The rating, systems and criteria an acceptance covers do not change after it.
        let mut frozen = span.last;
        match fin.treatment {
            Treatment::Mitigate => {
                if let Some(rating) = fin.residual {
                    init.residual = None;
                    let day = match completions.iter().max() {
                        // In a commit after the completions, even those made with the risk.
                        Some(&done) if done > span.first && created < span.last => {
                            self.soon(done, 14).max(created + 1)
                        }
                        Some(&done) => self.soon(done, 14),
                        // A target rating, or one made right away for a risk of the last week.
                        None if created + 7 <= span.last => self.rng.range(created + 7, span.last),
                        None => created,
                    };
                    let first_done = completions.iter().min().copied().unwrap_or(day);
                    if completions.len() >= 2 && self.rng.chance(0.6) {
                        let interim = Rating {
                            impact: rating.impact,
                            likelihood: (rating.likelihood + 1).min(risk.inherent.likelihood),
                        };
                        let on = (first_done + self.rng.range(0, 7)).min(day);
                        if interim != rating && on < day {
                            steps.push(Milestone::new(on, Step::Rate(Some(interim))));
                        }
                    }
                    steps.push(Milestone::new(day, Step::Rate(Some(rating))));
                }
            }
            Treatment::Accept {
                rationale,
                approved_on,
                ..
            } => {
                // Earlier acceptances this one renewed, then the decision to accept.
                let mut chain = vec![fin.treatment];
                let mut since = approved_on;
                while since > span.first && self.rng.chance(0.6) {
                    let term = self.rng.pick(&[180, 270, 365]);
                    let on = since - term + self.rng.range(0, 14);
                    if on < risk.identified + 7 {
                        break;
                    }
                    let approver = if risk.inherent.score() >= 10 {
                        CEO
                    } else {
                        self.rng.pick(&[1, 1, 2, 2, 2, 3, 4])
                    };
                    chain.push(Treatment::Accept {
                        rationale,
                        approver,
                        approved_on: on,
                        expires: on + term,
                    });
                    since = on;
                }
                init.treatment = Treatment::Mitigate;
                for treatment in chain.into_iter().rev() {
                    if let Treatment::Accept {
                        approver,
                        approved_on,
                        ..
                    } = treatment
                    {
                        let day = self.soon(approved_on, 5);
                        steps.push(Milestone {
                            deadline: approved_on + COMMIT_LAG,
                            approver: Some(approver),
                            ..Milestone::new(day, Step::Treat(treatment, fin.residual))
                        });
                        frozen = day - 1;
                    }
                }
            }
            Treatment::Transfer { .. } | Treatment::Avoid { .. } => {
                if created + 7 <= span.last && self.rng.chance(0.5) {
                    init.treatment = Treatment::Mitigate;
                    init.residual = None;
                    let day = self.rng.range(created + 7, span.last);
                    let step = Step::Treat(fin.treatment, fin.residual);
                    steps.push(Milestone::new(day, step));
                }
            }
        }
        if let Some((on, _)) = fin.retired {
            init.retired = None;
            let day = self.soon(on, 5);
            steps.push(Milestone {
                deadline: on + COMMIT_LAG,
                ..Milestone::new(day, Step::Retire)
            });
        }
        if risk.systems.len() == 2 && created < frozen && self.rng.chance(0.35) {
            init.systems = 1;
            let day = self.rng.range(created + 1, frozen);
            steps.push(Milestone::new(day, Step::AddSystem));
        }
        if risk.description.len() == 3 && created < span.last && self.rng.chance(0.2) {
            init.full_description = false;
            let day = self.rng.range(created + 1, span.last);
            steps.push(Milestone::new(day, Step::Describe));
        }
        let mut owner_days = Vec::new();
        if created < span.last {
            if self.rng.chance(0.12) {
                owner_days.push((self.rng.range(created + 1, span.last), true));
            }
            for _ in 0..self.extra_count() {
                owner_days.push((self.rng.range(created + 1, span.last), false));
            }
        }
        let (owner, owner_steps) = self.owner_chain(owner_days, fin.owner);
        init.owner = owner;
        steps.extend(owner_steps);
        simulate(
            created,
            0,
            Day::MAX,
            State::Risk(init),
            &State::Risk(fin),
            steps,
        )
    }

    /// The versions of a review record: added within a week of the review, its outcomes
    /// sometimes some days later.
    fn plan_review(&mut self, index: usize) -> Vec<Version> {
        let span = self.span;
        let review = &self.reg.reviews[index];
        let (created, deadline) = if review.date <= span.first {
            (span.first, Day::MAX)
        } else {
            let day = self.soon(review.date, 7);
            (day, review.date + COMMIT_LAG)
        };
        let fin = ReviewState::of();
        let mut init = fin;
        let mut steps = Vec::new();
        if !review.outcomes.is_empty() && created < span.last && self.rng.chance(0.4) {
            init.outcomes = false;
            let day = self.soon(created + 1, 9);
            steps.push(Milestone::new(day, Step::Outcomes));
        }
        simulate(
            created,
            1,
            deadline,
            State::Review(init),
            &State::Review(fin),
            steps,
        )
    }
}
