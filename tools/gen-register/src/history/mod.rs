//! The register's git history.
//!
//! `--commits N` also writes the register's git history, to benchmark and test what riskreg
//! derives from git. DIR becomes a repository whose `main` branch holds exactly N commits over
//! the 1,000 days (about three years) up to as-of, and whose last commit and work tree hold
//! exactly the files a run without `--commits` writes (the history has its own random stream,
//! so the documents do not change). The history is planned backwards from those documents, so
//! each date in them is consistent with the commit that first states it:
//!
//! - the first commit adds `riskreg.yaml` and imports the documents identified before it, with
//!   their older dates, as when a register moves out of a spreadsheet (about 6% of a register
//!   at the default spread of dates); later commits add each risk within days of the day it
//!   was identified, most with their first mitigation, the other mitigations weeks later;
//! - most commits then change one to three documents the way a register is kept: mitigations
//!   start, log progress, get blocked, and are completed (setting `completed_on` and evidence)
//!   or cancelled; due dates are postponed before they lapse, owners change, risks are
//!   re-rated after their mitigations complete, treatment decisions change, acceptances are
//!   approved and renewed, risks retire, reviews are recorded. Completions, approvals and
//!   reviews are committed within the 14-day backdating tolerance of the dates they state
//!   (never before them: a change stating as-of itself is committed on as-of), approvals never
//!   by their approver, acceptances are not re-rated after their approval, and every open
//!   mitigation changes within the last review cadence, except the `--defects` share of them;
//! - about 2% of the commits only add or remove a comment or change the layout of a file
//!   (nothing parsed changes), and about 1% rename or move a file (to its final name, out of
//!   the wrong folder, into and out of `risks/archive/`), some together with an edit;
//! - about 5% are merge commits of feature branches of one to four commits, interleaved with
//!   main branch commits that touch other documents (`--no-ff` merges of pull requests);
//! - ten people commit, as owners listed in `riskreg.yaml`, at strictly increasing times.
//!
//! When there are few documents for many commits, owners change more often; when there are
//! many, commits change more documents (and with very few commits per document, some dated
//! changes are committed late). Git writes a new tree for each folder a
//! commit touches, so a long history over folders of thousands of files takes minutes to write
//! (and to read back). `--history-layout auto` (the default) therefore keeps a register that
//! big in `<kind>/<system>/<year>-q<n>/` folders, flattened into the final layout by one commit
//! shortly before the end; `flat` and `sharded` force either choice. `domain` keeps risks and
//! mitigations in plain `<kind>/domain-<nn>/` folders of about 1,000 documents each from the
//! first commit to the last (so the work tree has them there too), as a team that files its
//! register by domain does.
//!
//! The history is written by one `git fast-import` process fed through a pipe, repacked as
//! git's documentation recommends after an import (`git repack -a -d -f`), then checked out:
//! 50,000 commits over 30,000 documents take about 30 seconds.
//!
//! Planning goes [`planner`] (each document's versions) → [`units`] (versions committed
//! together, cut into commits) → [`commits`] (branches, authors, times); writing goes
//! [`repository`] → [`fast_import`], with [`layout`] giving each version its path.

mod commits;
mod fast_import;
mod layout;
mod planner;
mod repository;
mod units;
mod version;

use anyhow::Result;
use chrono::Datelike;

use crate::calendar::Day;
use crate::model::Register;
use crate::rng::Rng;
use crate::{Args, HistoryLayout};

use self::commits::{Planned, plan_commits};
use self::layout::Folders;
use self::units::{History, plan_history};

pub use self::repository::write_repository;

/// How many days before as-of the first commit is made: about three years of history.
const HISTORY_DAYS: Day = 1000;

/// Mixed into `--seed` for the history, so the final documents are the same with or without
/// one.
const HISTORY_SEED: u64 = 0x6869_7374_6f72_7921;

/// The days the history covers.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// The first commit's day.
    first: Day,
    /// The last day of the history (the day before as-of), except for changes that state
    /// as-of itself, which are made that day.
    last: Day,
    /// The day the register is consistent as of.
    as_of: Day,
}

/// A planned repository: the versions, and the commits that write them.
pub struct Plan {
    /// The days of the history.
    span: Span,
    /// The folders documents start in.
    folders: Folders,
    /// The versions and units.
    history: History,
    /// The commits, in order.
    commits: Vec<Planned>,
}

/// Plans the history of `args.commits` commits.
pub fn plan_repository(args: &Args, reg: &Register) -> Result<Plan> {
    let as_of = args.as_of.num_days_from_ce();
    let span = Span {
        first: as_of - HISTORY_DAYS,
        last: as_of - 1,
        as_of,
    };
    let n = args.commits;
    let share = |p: f64| match n {
        0..20 => 0,
        _ => ((n as f64 * p).round() as usize).max(1),
    };
    let merges = share(0.05);
    let largest = reg.risks.len().max(reg.mitigations.len());
    let folders = match args.history_layout {
        HistoryLayout::Domain => Folders::Domain,
        // Past this, fast-import spends more than a few seconds rewriting big folders.
        HistoryLayout::Auto if n >= 3 && n as f64 * largest as f64 > 1e7 => Folders::Sharded,
        HistoryLayout::Sharded if n >= 3 => Folders::Sharded,
        _ => Folders::Final,
    };
    let sharded = folders == Folders::Sharded;
    let groups = n - 1 - merges - usize::from(sharded);
    let history = plan_history(reg, span, args, groups, share(0.02), share(0.01))?;
    let mut rng = Rng::new(args.seed ^ HISTORY_SEED ^ 2);
    let commits = plan_commits(&mut rng, &history, span, merges, sharded);
    Ok(Plan {
        span,
        folders,
        history,
        commits,
    })
}
