//! Writes a large synthetic SOC 2 risk register, for benchmarks, demos and fuzzing the linter
//! against realistic input.
//!
//! ```text
//! cargo run --release -p gen-register -- DIR --risks 10000 --mitigations 20000 \
//!     [--reviews 8] [--seed 42] [--as-of 2026-11-20] [--defects 0.01] [--force] \
//!     [--commits 50000] [--subdir compliance] [--history-layout auto|flat|sharded|domain]
//! ```
//!
//! The register has the contract's layout: `DIR/riskreg.yaml` (50 owners, five of
//! them approvers, an appetite of `medium` with the CEO as exception approver, treatment targets
//! and a quarterly review cadence), `DIR/risks/R-00001-<slug>.yaml`,
//! `DIR/mitigations/M-00001-<slug>.yaml` and `DIR/reviews/REV-<year>-Q<n>.yaml`. Every file reads
//! like a hand-written document: real SOC 2 criteria, prose descriptions, all four treatment
//! decisions, all five mitigation statuses, evidence, blockers and progress logs.
//!
//! The content is consistent with the rules of the register contract as of `--as-of`: no date
//! lies in the future, acceptances are approved by approvers and unexpired, every `mitigate`
//! risk has a live mitigation, due dates meet the treatment targets, fully mitigated risks are
//! re-rated, and the latest review covers all risks within the cadence. `--defects` sets the
//! share of documents that get one of the warning-level slips real registers have (an overdue
//! action, a due date past its target, a completion without evidence, a blocked action without
//! a reason); `--defects 0` writes a register with no findings at all.
//!
//! The output depends only on the arguments: the same seed gives byte-identical files.
//!
//! `--subdir PATH` puts the register in a folder of DIR, as `compliance/` in a monorepo.
//!
//! `--commits N` also writes the register's git history, making DIR a repository: see
//! [`history`].
//!
//! The register is drawn in memory first ([`generate`], from the texts in [`themes`],
//! [`phrases`] and [`organization`]), then written as files ([`files`]) or as the commits of
//! its history ([`history`]); [`document`] renders every version of a document.

mod calendar;
mod document;
mod files;
mod generate;
mod history;
mod model;
mod organization;
mod phrases;
mod rng;
mod themes;

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Parser;

use crate::files::{prepare_dir, prepare_repo, repo_prefix, write_register};
use crate::generate::Generator;
use crate::history::{plan_repository, write_repository};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(about = "Write a synthetic SOC 2 risk register for riskreg")]
struct Args {
    /// The register folder to write (created if missing).
    dir: PathBuf,
    /// How many risks to write.
    #[arg(long, default_value_t = 10_000)]
    risks: usize,
    /// How many mitigation actions to write.
    #[arg(long, default_value_t = 20_000)]
    mitigations: usize,
    /// How many quarterly review records to write, ending with the last quarter before as-of.
    #[arg(long, default_value_t = 8)]
    reviews: usize,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The date the register is consistent as of (YYYY-MM-DD).
    #[arg(long, default_value = "2026-11-20")]
    as_of: NaiveDate,
    /// Share of documents (0 to 1) given a realistic warning-level defect; 0 for a clean register.
    #[arg(long, default_value_t = 0.01)]
    defects: f64,
    /// Replace the register in DIR if DIR is not empty (with --commits, also a repository an
    /// earlier run wrote).
    #[arg(long)]
    force: bool,
    /// Also write a git history of this many commits, making DIR a repository; 0 for none.
    #[arg(long, default_value_t = 0)]
    commits: usize,
    /// Put the register in this folder of DIR, as `compliance/` in a monorepo.
    #[arg(long, value_name = "PATH")]
    subdir: Option<PathBuf>,
    /// Where documents live during the history (see the module documentation).
    #[arg(long, value_enum, default_value_t = HistoryLayout::Auto)]
    history_layout: HistoryLayout,
}

/// Where documents live in the history before its last commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum HistoryLayout {
    /// `sharded` when a flat history would make git slow, `flat` otherwise.
    Auto,
    /// Every document in its final folder throughout.
    Flat,
    /// Documents in `<kind>/<system>/<year>-q<n>/` folders until a commit shortly before the
    /// end flattens them.
    Sharded,
    /// Documents in plain `<kind>/domain-<nn>/` folders of about 1,000 each throughout, as a
    /// team keeps them by domain.
    Domain,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if !(0.0..=1.0).contains(&args.defects) {
        bail!("--defects must be between 0 and 1, got {}", args.defects);
    }
    if args.commits == 1 {
        bail!("--commits must be 0 (no history) or at least 2");
    }
    let prefix = match &args.subdir {
        Some(subdir) => repo_prefix(subdir)?,
        None => String::new(),
    };
    let root = match &args.subdir {
        Some(subdir) => args.dir.join(subdir),
        None => args.dir.clone(),
    };
    let register = Generator::new(args.seed, args.as_of, args.defects).register(
        args.risks,
        args.mitigations,
        args.reviews,
    )?;

    let history = if args.commits == 0 {
        prepare_dir(&root, args.force)?;
        write_register(&root, &register, &args)?;
        None
    } else {
        let plan = plan_repository(&args, &register)?;
        prepare_repo(&args.dir, &root, args.force)?;
        Some(write_repository(&args, &register, &prefix, &plan)?)
    };
    println!(
        "wrote {} risks, {} mitigations, {} reviews to {}",
        register.risks.len(),
        register.mitigations.len(),
        register.reviews.len(),
        args.dir.display()
    );
    if let Some(summary) = history {
        println!("{summary}");
    }
    Ok(())
}
