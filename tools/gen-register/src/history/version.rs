//! The versions of a document: the steps that change it, and how they are folded into
//! versions.

use crate::calendar::Day;
use crate::document::State;
use crate::model::{Rating, Status, Treatment};

use super::layout::Place;

/// What a version changed, for commit messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The document was added.
    Add,
    /// Anything else.
    Edit,
    /// A mitigation's work started.
    Start,
    /// A mitigation got blocked.
    Block,
    /// A mitigation was completed.
    Complete,
    /// A mitigation was cancelled.
    Cancel,
    /// A progress update was logged.
    Log,
    /// The due date moved.
    Replan,
    /// The owner changed.
    Reassign,
    /// The description was extended.
    Describe,
    /// A risk's residual rating changed.
    Rate,
    /// A risk's treatment decision changed (not to an acceptance).
    Decide,
    /// A risk was accepted.
    Approve,
    /// A risk's acceptance was renewed.
    Renew,
    /// A risk was retired.
    Retire,
    /// A risk's systems changed.
    Scope,
    /// A review's outcomes were recorded.
    Outcomes,
    /// A comment was added (nothing parsed changed).
    Note,
    /// A comment was removed (nothing parsed changed).
    Unnote,
    /// The layout changed (nothing parsed changed).
    Reformat,
    /// The file was renamed or moved.
    Move,
}

/// A change a milestone makes to a document.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// Mitigation: planned to in-progress.
    Start,
    /// Mitigation: blocked, with its blocker.
    Block(Option<&'static str>),
    /// Mitigation: completed, with its completion date and evidence.
    Complete,
    /// Mitigation: cancelled.
    Cancel,
    /// Mitigation: the next entry of its progress log.
    Log,
    /// Mitigation: a new due date.
    Due(Day),
    /// A new owner.
    Owner(usize),
    /// The full description.
    Describe,
    /// Risk: a new residual rating.
    Rate(Option<Rating>),
    /// Risk: a new treatment, with the residual rating that goes with it.
    Treat(Treatment, Option<Rating>),
    /// Risk: retired.
    Retire,
    /// Risk: all its systems.
    AddSystem,
    /// Review: its outcomes.
    Outcomes,
}

impl Step {
    /// Where the step goes among others of the same day: work starts first, completions come
    /// late, and re-ratings after the completions they follow.
    fn order(self) -> u8 {
        match self {
            Step::Start => 1,
            Step::Complete | Step::Cancel => 3,
            Step::Rate(_) => 4,
            _ => 2,
        }
    }

    /// Applies the step to a version, given the final version; returns what changed.
    fn apply(self, state: &mut State, fin: &State) -> Change {
        match (state, fin) {
            (State::Mitigation(s), State::Mitigation(f)) => match self {
                Step::Start => {
                    s.status = Status::InProgress;
                    Change::Start
                }
                Step::Block(blocker) => {
                    s.status = Status::Blocked;
                    s.blocker = blocker;
                    Change::Block
                }
                Step::Complete => {
                    s.status = Status::Completed;
                    s.completed_on = f.completed_on;
                    s.evidence = f.evidence;
                    Change::Complete
                }
                Step::Cancel => {
                    s.status = Status::Cancelled;
                    Change::Cancel
                }
                Step::Log => {
                    s.updates += 1;
                    Change::Log
                }
                Step::Due(due) => {
                    s.due = due;
                    Change::Replan
                }
                Step::Owner(owner) => {
                    s.owner = owner;
                    Change::Reassign
                }
                Step::Describe => {
                    s.description = true;
                    Change::Describe
                }
                _ => Change::Edit,
            },
            (State::Risk(s), State::Risk(f)) => match self {
                Step::Rate(residual) => {
                    s.residual = residual;
                    Change::Rate
                }
                Step::Treat(treatment, residual) => {
                    let change = match (s.treatment, treatment) {
                        (Treatment::Accept { .. }, Treatment::Accept { .. }) => Change::Renew,
                        (_, Treatment::Accept { .. }) => Change::Approve,
                        _ => Change::Decide,
                    };
                    s.treatment = treatment;
                    s.residual = residual;
                    change
                }
                Step::Retire => {
                    s.retired = f.retired;
                    Change::Retire
                }
                Step::AddSystem => {
                    s.systems = f.systems;
                    Change::Scope
                }
                Step::Describe => {
                    s.full_description = true;
                    Change::Describe
                }
                Step::Owner(owner) => {
                    s.owner = owner;
                    Change::Reassign
                }
                _ => Change::Edit,
            },
            (State::Review(s), _) => {
                s.outcomes = true;
                Change::Outcomes
            }
            _ => Change::Edit,
        }
    }
}

/// A step in a document's life: what changes, when, and how it may be committed.
#[derive(Debug, Clone, Copy)]
pub struct Milestone {
    /// The day it happens.
    pub day: Day,
    /// Its place among the steps of the same day ([`Step::order`]).
    pub order: u8,
    /// What changes.
    pub step: Step,
    /// The last day it may be committed.
    pub deadline: Day,
    /// Whether it shares a version with other steps of the same day.
    pub merge: bool,
    /// The approver it records, who must not commit it.
    pub approver: Option<usize>,
}

impl Milestone {
    /// A step on a day, with no deadline, sharing its day's version.
    pub fn new(day: Day, step: Step) -> Milestone {
        Milestone {
            day,
            order: step.order(),
            step,
            deadline: Day::MAX,
            merge: true,
            approver: None,
        }
    }
}

/// A version of a document and how it is committed.
#[derive(Debug, Clone, Copy)]
pub struct Version {
    /// The day it was written.
    pub day: Day,
    /// Its place among the versions of other documents of the same day.
    pub rank: u8,
    /// The last day it may be committed.
    pub deadline: Day,
    /// Whether it is a commit of its own (comment, formatting and rename commits).
    pub solo: bool,
    /// Whether its path differs from the previous version's.
    pub moved: bool,
    /// Owners (bits of [`OWNERS`](crate::organization::OWNERS) indices) who must not commit it:
    /// the approvers it records.
    pub forbid: u64,
    /// What it changed.
    pub change: Change,
    /// Where it lives.
    pub place: Place,
    /// Its content.
    pub state: State,
}

/// Turns a document's milestones into its versions, from its creation on: steps of the same
/// day (and steps before the creation) share a version unless one of them may not. A version
/// ranks as its latest kind of step.
pub fn simulate(
    created: Day,
    rank: u8,
    deadline: Day,
    init: State,
    fin: &State,
    mut steps: Vec<Milestone>,
) -> Vec<Version> {
    steps.sort_by_key(|m| (m.day, m.order));
    let mut versions = Vec::with_capacity(steps.len() + 1);
    let mut current = Version {
        day: created,
        rank,
        deadline,
        solo: false,
        moved: false,
        forbid: 0,
        change: Change::Add,
        place: Place::Final,
        state: init,
    };
    let mut open = true;
    for m in steps {
        if !(m.merge && open && m.day <= current.day) {
            let next = Version {
                day: m.day.max(current.day),
                rank: m.order,
                deadline: Day::MAX,
                forbid: 0,
                change: Change::Edit,
                ..current
            };
            versions.push(current);
            current = next;
            open = m.merge;
        }
        let change = m.step.apply(&mut current.state, fin);
        if current.change == Change::Edit {
            current.change = change;
        }
        if !versions.is_empty() {
            current.rank = current.rank.max(m.order);
        }
        current.deadline = current.deadline.min(m.deadline);
        if let Some(approver) = m.approver {
            current.forbid |= 1 << approver;
        }
    }
    versions.push(current);
    versions
}
