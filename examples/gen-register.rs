//! Writes a large synthetic SOC 2 risk register, for benchmarks, demos and fuzzing the linter
//! against realistic input.
//!
//! ```text
//! cargo run --release --example gen-register -- DIR --risks 10000 --mitigations 20000 \
//!     [--reviews 8] [--seed 42] [--as-of 2026-11-20] [--defects 0.01] [--force] \
//!     [--commits 50000] [--subdir compliance] [--history-layout auto|flat|sharded]
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
//! # History
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
//! shortly before the end; `flat` and `sharded` force either choice.
//!
//! The history is written by one `git fast-import` process fed through a pipe, repacked as
//! git's documentation recommends after an import (`git repack -a -d -f`), then checked out:
//! 50,000 commits over 30,000 documents take about 30 seconds.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::Parser;

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
    let mut generator = Generator {
        rng: Rng::new(args.seed),
        as_of: args.as_of.num_days_from_ce(),
        defects: args.defects,
    };

    let mut risks = generator.risks(args.risks, args.mitigations);
    let mitigations = generator.mitigations(&risks, args.mitigations)?;
    generator.reassess(&mut risks, &mitigations);
    let reviews = generator.reviews(&risks, args.reviews);
    let register = Register {
        risks,
        mitigations,
        reviews,
    };

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

// ---------------------------------------------------------------------------------------------
// Randomness and dates
// ---------------------------------------------------------------------------------------------

/// SplitMix64: a tiny, fast, deterministic pseudo-random generator (plenty for synthetic data).
struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A uniform number in `lo..=hi`; `lo` when the range is empty.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (i64::from(hi) - i64::from(lo) + 1) as u64) as i32
    }

    /// A uniform number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniform element of a non-empty slice.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index drawn with the given relative weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut roll = self.below(total as usize) as u32;
        for (index, &weight) in weights.iter().enumerate() {
            if roll < weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }
}

/// A calendar day as a day number (`NaiveDate::num_days_from_ce`), cheap to add and compare.
type Day = i32;

/// Displays a [`Day`] as `YYYY-MM-DD`.
struct Ymd(Day);

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match NaiveDate::from_num_days_from_ce_opt(self.0) {
            Some(date) => write!(f, "{date}"),
            None => Err(fmt::Error),
        }
    }
}

/// The calendar date of a [`Day`] (1970-01-01 if out of range, which the generator never makes).
fn date(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

/// The organization the register belongs to.
const ORGANIZATION: &str = "Northwind Cloud Inc.";

/// The mail and wiki domain of the organization.
const DOMAIN: &str = "northwind.example";

/// An owner in `riskreg.yaml`: ID, full name, role, and whether they approve acceptances.
type Person = (&'static str, &'static str, &'static str, bool);

/// The owners: five executive approvers (the CEO first), then staff.
const OWNERS: [Person; 50] = [
    ("ceo", "Dana Whitfield", "Chief Executive Officer", true),
    ("cfo", "Marcus Oyelaran", "Chief Financial Officer", true),
    (
        "ciso",
        "Priya Raman",
        "Chief Information Security Officer",
        true,
    ),
    ("cto", "Tomasz Nowicki", "Chief Technology Officer", true),
    ("coo", "Elena Marchetti", "Chief Operating Officer", true),
    ("alice", "Alice Chen", "Security Lead", false),
    ("bob", "Bob Okafor", "Platform Engineer", false),
    ("carmen", "Carmen Diaz", "IT Manager", false),
    ("deepak", "Deepak Iyer", "SRE Lead", false),
    ("emma", "Emma Larsen", "Compliance Manager", false),
    ("farid", "Farid Haddad", "Backend Engineer", false),
    ("grace", "Grace Kim", "Data Engineering Lead", false),
    ("hiro", "Hiro Tanaka", "Infrastructure Engineer", false),
    ("ines", "Ines Moreau", "Privacy Officer", false),
    ("jonas", "Jonas Berg", "Security Engineer", false),
    ("kofi", "Kofi Mensah", "Support Operations Lead", false),
    ("lena", "Lena Fischer", "Finance Controller", false),
    ("mateo", "Mateo Rossi", "DevOps Engineer", false),
    ("nadia", "Nadia Petrova", "Engineering Manager", false),
    ("omar", "Omar Farouk", "Network Engineer", false),
    ("paula", "Paula Santos", "People Operations Manager", false),
    ("quinn", "Quinn Murphy", "IT Support Engineer", false),
    ("rafael", "Rafael Costa", "Database Administrator", false),
    ("sara", "Sara Lindqvist", "Product Security Engineer", false),
    ("theo", "Theo Dubois", "Release Manager", false),
    ("uma", "Uma Patel", "Legal Counsel", false),
    ("victor", "Victor Novak", "Site Reliability Engineer", false),
    ("wen", "Wen Zhao", "Data Protection Analyst", false),
    ("xavier", "Xavier Blanc", "Procurement Manager", false),
    ("yara", "Yara Nasser", "Customer Success Manager", false),
    ("zoe", "Zoe Walker", "QA Lead", false),
    ("aaron", "Aaron Cohen", "Backend Engineer", false),
    (
        "bianca",
        "Bianca Ferreira",
        "Billing Operations Lead",
        false,
    ),
    ("caleb", "Caleb Brooks", "Cloud Engineer", false),
    ("daria", "Daria Volkova", "Security Analyst", false),
    ("ethan", "Ethan Clarke", "Mobile Engineering Lead", false),
    ("fatima", "Fatima Benali", "Risk Analyst", false),
    ("gustav", "Gustav Holm", "Platform Engineer", false),
    ("hana", "Hana Suzuki", "Internal Auditor", false),
    ("ivan", "Ivan Horvat", "Infrastructure Lead", false),
    ("julia", "Julia Weber", "Vendor Manager", false),
    ("karim", "Karim Said", "Detection Engineer", false),
    ("laura", "Laura Bianchi", "Payments Engineer", false),
    ("miguel", "Miguel Herrera", "Data Engineer", false),
    ("nora", "Nora Eriksen", "HR Systems Administrator", false),
    ("oscar", "Oscar Lindgren", "Frontend Lead", false),
    ("pia", "Pia Andersen", "Workplace IT Lead", false),
    ("ravi", "Ravi Shah", "Staff Engineer", false),
    ("sofia", "Sofia Gomez", "Trust & Safety Lead", false),
    (
        "tariq",
        "Tariq Aziz",
        "Application Security Engineer",
        false,
    ),
];

/// Index of the CEO in [`OWNERS`], the only exception approver.
const CEO: usize = 0;

/// Index of the CISO in [`OWNERS`], who chairs the reviews.
const CISO: usize = 2;

/// Number of executives (all approvers) at the start of [`OWNERS`].
const EXECUTIVES: usize = 5;

/// A family of similar risks. `{sys}` in the texts is replaced by the display name of one of
/// `systems`.
struct Theme {
    /// The risk's title.
    title: &'static str,
    /// The SOC 2 (2017 TSC) criteria it bears on, most relevant first.
    criteria: &'static [&'static str],
    /// IDs of the systems it is found on (see [`SYSTEMS`]), separated by spaces.
    systems: &'static str,
    /// Two sentences of scenario for the description.
    scenario: [&'static str; 2],
    /// Titles of mitigation actions that treat it.
    actions: &'static [&'static str],
    /// Whether a scope qualifier ("in the EU region") reads well after the title.
    qualify: bool,
}

/// The systems risks concern: the ID written in `systems:` and the name used in prose.
const SYSTEMS: &[(&str, &str)] = &[
    ("aws-prod", "the AWS production account"),
    ("aws-data", "the AWS data account"),
    ("okta", "Okta"),
    ("github", "GitHub"),
    ("google-workspace", "Google Workspace"),
    ("salesforce", "Salesforce"),
    ("vpn", "the corporate VPN"),
    ("snowflake", "Snowflake"),
    ("jira", "Jira"),
    ("slack", "Slack"),
    ("zendesk", "Zendesk"),
    ("kubernetes-prod", "the production Kubernetes cluster"),
    ("postgres-main", "the main PostgreSQL database"),
    ("datadog", "Datadog"),
    ("terraform-cloud", "Terraform Cloud"),
    ("s3-backups", "the S3 backup buckets"),
    ("laptops", "company laptops"),
    ("hubspot", "HubSpot"),
    ("pagerduty", "PagerDuty"),
    ("cloudflare", "Cloudflare"),
    ("stripe", "Stripe"),
    ("vault", "Vault"),
];

/// A text template with `{sys}` replaced by a system's prose name, capitalized.
fn fill(template: &str, system: &str) -> String {
    let text = template.replace("{sys}", system_name(system));
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A uniform word of a space-separated list.
fn pick_word(rng: &mut Rng, words: &'static str) -> &'static str {
    let count = words.split(' ').count();
    words.split(' ').nth(rng.below(count)).unwrap_or(words)
}

/// The prose name of a system ID.
fn system_name(id: &str) -> &'static str {
    SYSTEMS
        .iter()
        .find(|(system, _)| *system == id)
        .map_or("the platform", |(_, name)| name)
}

/// The risk families the register is drawn from.
#[rustfmt::skip]
const THEMES: &[Theme] = &[
    Theme {
        title: "MFA is not enforced on {sys}",
        criteria: &["CC6.1", "CC6.6"],
        systems: "aws-prod okta github google-workspace salesforce vpn",
        scenario: [
            "Users can sign in to {sys} with a password alone.",
            "A phished or reused password would give an attacker full access.",
        ],
        actions: &[
            "Enforce MFA for every account in {sys}",
            "Block password-only sign-in on {sys}",
            "Require phishing-resistant MFA for administrators of {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Leavers keep access to {sys} after offboarding",
        criteria: &["CC6.2", "CC6.3"],
        systems: "github aws-prod salesforce snowflake jira slack zendesk",
        scenario: [
            "Accounts in {sys} are removed by hand, sometimes weeks after the last working day.",
            "The last access review found active accounts of people who had left.",
        ],
        actions: &[
            "Automate deprovisioning of accounts in {sys} from Workday",
            "Add {sys} to the offboarding checklist with a 24-hour SLA",
            "Run a monthly leaver reconciliation for {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Excessive administrator privileges in {sys}",
        criteria: &["CC6.3", "CC6.1"],
        systems: "aws-prod github kubernetes-prod google-workspace okta snowflake",
        scenario: [
            "More engineers hold admin rights in {sys} than their work requires.",
            "Admin rights are granted on request and never reviewed.",
        ],
        actions: &[
            "Reduce administrators of {sys} to the on-call rotation",
            "Introduce just-in-time admin access for {sys}",
            "Review role assignments in {sys} quarterly",
        ],
        qualify: true,
    },
    Theme {
        title: "Shared service account credentials for {sys}",
        criteria: &["CC6.1", "CC6.2"],
        systems: "postgres-main snowflake aws-data datadog terraform-cloud",
        scenario: [
            "Several services and people use the same credentials to reach {sys}.",
            "Rotating them needs a coordinated deploy, so they are rarely rotated.",
        ],
        actions: &[
            "Move credentials for {sys} into Vault with per-service identities",
            "Rotate service credentials for {sys} every 90 days",
            "Replace static keys for {sys} with workload identity",
        ],
        qualify: true,
    },
    Theme {
        title: "Backups of {sys} are not encrypted",
        criteria: &["CC6.1", "CC6.7", "A1.2"],
        systems: "postgres-main snowflake kubernetes-prod",
        scenario: [
            "Nightly snapshots of {sys} are written to storage without encryption at rest.",
            "A leaked snapshot would expose customer records.",
        ],
        actions: &[
            "Enable KMS encryption for all snapshots of {sys}",
            "Re-encrypt historical backups of {sys}",
            "Restrict access to backups of {sys} to the backup role",
        ],
        qualify: true,
    },
    Theme {
        title: "Restores of {sys} have never been tested",
        criteria: &["A1.3", "A1.2", "CC7.5"],
        systems: "postgres-main kubernetes-prod snowflake vault",
        scenario: [
            "Backups of {sys} run every night but nobody has restored one end to end.",
            "The recovery time objective of four hours is unproven.",
        ],
        actions: &[
            "Run a quarterly restore test of {sys}",
            "Document the restore runbook for {sys}",
            "Automate restore verification for {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Unpatched vulnerabilities in {sys}",
        criteria: &["CC7.1", "CC8.1"],
        systems: "kubernetes-prod aws-prod laptops vpn",
        scenario: [
            "Critical CVEs in {sys} stay open longer than the 30-day patch SLA.",
            "Patching depends on one engineer finding time between releases.",
        ],
        actions: &[
            "Rebuild images for {sys} weekly from patched bases",
            "Track vulnerabilities of {sys} in the scanner with SLA alerts",
            "Enable automatic security updates on {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Security events from {sys} are not monitored",
        criteria: &["CC7.2", "CC7.3"],
        systems: "aws-prod okta github google-workspace kubernetes-prod",
        scenario: [
            "Audit logs from {sys} are collected but no alerts are defined on them.",
            "A compromise could go unnoticed until a customer reports it.",
        ],
        actions: &[
            "Forward audit logs of {sys} to the SIEM",
            "Write detection rules for admin actions in {sys}",
            "Page the on-call engineer on high-severity alerts from {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Changes to {sys} can bypass code review",
        criteria: &["CC8.1"],
        systems: "terraform-cloud kubernetes-prod aws-prod",
        scenario: [
            "Administrators can change {sys} directly, outside the reviewed pipeline.",
            "An unreviewed change could reach production without a record of approval.",
        ],
        actions: &[
            "Apply all changes to {sys} through the reviewed CI pipeline",
            "Require two approvals for infrastructure code of {sys}",
            "Alert on changes to {sys} made outside the pipeline",
        ],
        qualify: false,
    },
    Theme {
        title: "Secrets committed to source code",
        criteria: &["CC6.1", "CC8.1"],
        systems: "github",
        scenario: [
            "API keys and database passwords have been found in repository history.",
            "Anyone with read access to the code can use them.",
        ],
        actions: &[
            "Enable secret scanning with push protection on GitHub",
            "Rotate every secret found in repository history",
            "Move application secrets to Vault",
        ],
        qualify: false,
    },
    Theme {
        title: "No current SOC 2 report on file for {sys}",
        criteria: &["CC9.2"],
        systems: "datadog zendesk hubspot pagerduty snowflake cloudflare",
        scenario: [
            "The latest SOC 2 Type II report on file for {sys} is more than a year old.",
            "We cannot show the auditor that the vendor's controls still operate.",
        ],
        actions: &[
            "Obtain the current SOC 2 Type II report and bridge letter from {sys}",
            "Add {sys} to the annual vendor review calendar",
            "Review complementary user entity controls for {sys}",
        ],
        qualify: false,
    },
    Theme {
        title: "Lost or stolen laptops expose customer data",
        criteria: &["CC6.4", "CC6.7"],
        systems: "laptops",
        scenario: [
            "Employees travel with laptops that hold customer exports.",
            "Disk encryption is not verified on every device.",
        ],
        actions: &[
            "Enforce FileVault through MDM on every laptop",
            "Report unencrypted laptops weekly from the MDM",
            "Enable remote wipe for all company laptops",
        ],
        qualify: false,
    },
    Theme {
        title: "Phishing leads to credential compromise",
        criteria: &["CC2.2", "CC6.8", "CC1.4"],
        systems: "google-workspace okta",
        scenario: [
            "Targeted phishing emails imitating our SSO page have reached staff.",
            "Not every employee has completed security awareness training this year.",
        ],
        actions: &[
            "Run quarterly phishing simulations",
            "Make security awareness training mandatory at onboarding and yearly",
            "Deploy phishing-resistant WebAuthn keys to all staff",
        ],
        qualify: false,
    },
    Theme {
        title: "Customer data in {sys} is kept beyond the retention period",
        criteria: &["C1.2", "P4.2"],
        systems: "snowflake s3-backups zendesk postgres-main",
        scenario: [
            "Records of former customers remain in {sys} after the 90-day deletion window.",
            "Deletion is a manual job that is often skipped.",
        ],
        actions: &[
            "Schedule automatic deletion of expired records in {sys}",
            "Report retention exceptions in {sys} monthly",
            "Document the data retention procedure for {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Single-region deployment of {sys} without failover",
        criteria: &["A1.2", "CC9.1"],
        systems: "kubernetes-prod postgres-main",
        scenario: [
            "{sys} runs in a single AWS region.",
            "A regional outage would stop the service for its whole duration.",
        ],
        actions: &[
            "Set up a warm standby of {sys} in a second region",
            "Test regional failover of {sys} twice a year",
            "Replicate the data of {sys} across regions",
        ],
        qualify: false,
    },
    Theme {
        title: "Capacity exhaustion of {sys} during peak load",
        criteria: &["A1.1"],
        systems: "kubernetes-prod postgres-main snowflake",
        scenario: [
            "{sys} hit its limits during the last two end-of-month peaks.",
            "There is no capacity forecast and no alert before saturation.",
        ],
        actions: &[
            "Add capacity alerts for {sys} at 70% utilization",
            "Forecast the capacity of {sys} quarterly",
            "Enable autoscaling for {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Incident response plan is not exercised",
        criteria: &["CC7.4", "CC7.5"],
        systems: "pagerduty slack",
        scenario: [
            "The incident response plan has not been tested in a tabletop exercise.",
            "Roles and escalation paths may be unclear in a real incident.",
        ],
        actions: &[
            "Run a tabletop incident exercise each half year",
            "Update the incident response plan after each exercise",
            "Train on-call engineers on the incident process",
        ],
        qualify: false,
    },
    Theme {
        title: "Production data copied into non-production environments",
        criteria: &["C1.1", "CC6.1"],
        systems: "snowflake postgres-main kubernetes-prod",
        scenario: [
            "Developers restore production snapshots of {sys} into staging to debug issues.",
            "Staging has weaker access controls than production.",
        ],
        actions: &[
            "Provide masked copies of {sys} for staging",
            "Block production snapshot restores of {sys} into staging",
            "Scan non-production copies of {sys} for personal data",
        ],
        qualify: false,
    },
    Theme {
        title: "Endpoints without EDR coverage",
        criteria: &["CC6.8", "CC7.2"],
        systems: "laptops",
        scenario: [
            "Some laptops and build agents are not enrolled in endpoint detection.",
            "Malware on those devices would not be detected.",
        ],
        actions: &[
            "Enroll all endpoints in EDR through MDM",
            "Alert on devices that stop reporting to EDR",
            "Block network access for devices without EDR",
        ],
        qualify: true,
    },
    Theme {
        title: "Storage buckets in {sys} may be publicly exposed",
        criteria: &["CC6.6", "CC6.1"],
        systems: "aws-prod aws-data",
        scenario: [
            "Bucket policies in {sys} are managed by hand in the console.",
            "A misconfiguration could make customer files public.",
        ],
        actions: &[
            "Enable S3 Block Public Access at the account level in {sys}",
            "Manage the bucket policies of {sys} in Terraform",
            "Alert on public bucket policy changes in {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Support staff can browse customer data in {sys}",
        criteria: &["CC6.3", "CC7.2", "C1.1"],
        systems: "zendesk salesforce postgres-main",
        scenario: [
            "Support tooling in {sys} shows full customer records to every agent.",
            "Access to individual records is not logged or reviewed.",
        ],
        actions: &[
            "Restrict record access in {sys} to assigned tickets",
            "Log and review support access to customer data in {sys}",
            "Mask payment and identity fields in {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Knowledge of {sys} is held by a single engineer",
        criteria: &["CC1.4", "CC9.1"],
        systems: "terraform-cloud kubernetes-prod snowflake stripe",
        scenario: [
            "Only one engineer understands how {sys} is built and operated.",
            "Their absence would stall incident response and changes.",
        ],
        actions: &[
            "Document the operation of {sys} in the runbook",
            "Add a second engineer to the on-call rotation for {sys}",
            "Cross-train the platform team on {sys}",
        ],
        qualify: false,
    },
    Theme {
        title: "Denial of service against public endpoints",
        criteria: &["A1.1", "CC7.2"],
        systems: "cloudflare kubernetes-prod",
        scenario: [
            "Public APIs have no rate limiting per customer.",
            "A volumetric attack could exhaust capacity for all customers.",
        ],
        actions: &[
            "Enable rate limiting on public APIs at Cloudflare",
            "Configure DDoS protection rules in Cloudflare",
            "Add a denial-of-service runbook to the incident plan",
        ],
        qualify: true,
    },
    Theme {
        title: "Fraudulent refunds through {sys}",
        criteria: &["CC3.3", "PI1.3"],
        systems: "stripe salesforce",
        scenario: [
            "Refunds in {sys} can be issued by one person without a second approval.",
            "A compromised or dishonest employee could divert funds.",
        ],
        actions: &[
            "Require dual approval for refunds above $500 in {sys}",
            "Review refunds issued in {sys} weekly",
            "Limit refund permissions in {sys} to the finance team",
        ],
        qualify: false,
    },
    Theme {
        title: "Billing data processed incorrectly by {sys}",
        criteria: &["PI1.2", "PI1.3", "PI1.4"],
        systems: "stripe snowflake salesforce",
        scenario: [
            "Usage records sent to {sys} are not reconciled with the metering pipeline.",
            "Customers could be over- or under-billed without anyone noticing.",
        ],
        actions: &[
            "Reconcile invoices in {sys} against metering data daily",
            "Alert on failed usage exports to {sys}",
            "Validate usage records before they are sent to {sys}",
        ],
        qualify: true,
    },
    Theme {
        title: "Administrators can alter audit logs in {sys}",
        criteria: &["CC7.2", "CC4.1"],
        systems: "aws-prod datadog google-workspace",
        scenario: [
            "Administrators of {sys} can delete or modify audit log entries.",
            "Tampering with evidence would not be detectable.",
        ],
        actions: &[
            "Ship audit logs of {sys} to a write-once archive",
            "Separate log administration from the administration of {sys}",
            "Alert on audit log configuration changes in {sys}",
        ],
        qualify: false,
    },
    Theme {
        title: "Unreviewed third-party dependencies",
        criteria: &["CC8.1", "CC9.2"],
        systems: "github kubernetes-prod",
        scenario: [
            "New open-source dependencies are added without review.",
            "A malicious or abandoned package could reach production.",
        ],
        actions: &[
            "Enable dependency review on pull requests",
            "Generate an SBOM for every release",
            "Pin and verify container base images",
        ],
        qualify: false,
    },
    Theme {
        title: "Data subject requests are not fulfilled on time",
        criteria: &["P5.1", "P5.2", "P4.3"],
        systems: "zendesk postgres-main hubspot",
        scenario: [
            "Access and deletion requests arrive through several channels.",
            "Requests have missed the 30-day deadline twice this year.",
        ],
        actions: &[
            "Route all data subject requests through one Zendesk form",
            "Automate deletion across systems for data subject requests",
            "Report data subject request SLAs monthly",
        ],
        qualify: false,
    },
    Theme {
        title: "Risk assessment is not updated after major changes",
        criteria: &["CC3.1", "CC3.4"],
        systems: "aws-prod kubernetes-prod",
        scenario: [
            "The risk assessment is updated once a year, not when systems change.",
            "Services launched mid-year are missing from it.",
        ],
        actions: &[
            "Add a risk review step to the launch checklist",
            "Re-assess risks after each major architecture change",
        ],
        qualify: false,
    },
    Theme {
        title: "Encryption in transit is not enforced for {sys}",
        criteria: &["CC6.7", "C1.1"],
        systems: "postgres-main kubernetes-prod snowflake",
        scenario: [
            "Internal connections to {sys} accept plaintext.",
            "Traffic could be read by anyone on the network path.",
        ],
        actions: &[
            "Require TLS 1.2 or later for all connections to {sys}",
            "Enable mutual TLS between services and {sys}",
            "Scan for plaintext listeners on {sys}",
        ],
        qualify: true,
    },
];

/// Scope qualifiers appended to some titles.
const QUALIFIERS: &[&str] = &[
    " in the EU region",
    " in the US region",
    " in the APAC region",
    " in the Brightline tenant",
];

/// Systems a risk may also concern, besides its theme's.
const EXTRA_SYSTEMS: &[&str] = &[
    "okta",
    "aws-prod",
    "github",
    "slack",
    "jira",
    "vault",
    "datadog",
    "google-workspace",
];

/// Rationales of accepted risks.
const ACCEPT_RATIONALES: &[&str] = &[
    "Compensating controls reduce the exposure to an acceptable level.",
    "Remediation would cost more than the expected loss over the next year.",
    "The affected system is scheduled for replacement next year.",
    "Exposure is limited to internal users behind SSO and the VPN.",
    "The vendor has committed to a fix on their roadmap; we follow up quarterly.",
];

/// Rationales and counterparties of transferred risks.
const TRANSFERS: &[(&str, &str)] = &[
    (
        "The financial impact is covered by our cyber liability insurance.",
        "Cyber liability policy with Halden Mutual (policy CY-2026-0418)",
    ),
    (
        "The provider operates this control and carries the risk under our contract.",
        "Master services agreement with the hosting provider, section 9",
    ),
    (
        "A loss would be compensated under the vendor's contractual liability.",
        "Vendor contract with uncapped liability for data breaches",
    ),
];

/// Rationales of avoided risks.
const AVOID_RATIONALES: &[&str] = &[
    "We stopped the activity that gives rise to this risk.",
    "The affected feature was withdrawn; the exposure no longer exists.",
    "The integration was switched off; the data flow no longer exists.",
];

/// Reasons a risk was retired.
const RETIRE_REASONS: &[&str] = &[
    "System decommissioned",
    "Merged into a broader risk",
    "Vendor offboarded",
    "Feature removed from the product",
];

/// What blocks a blocked mitigation.
const BLOCKERS: &[&str] = &[
    "Waiting on the vendor to enable SCIM on our plan",
    "Needs budget approval in the next planning cycle",
    "Depends on the Kubernetes upgrade scheduled by the platform team",
    "Contract renegotiation with the vendor is still open",
    "Waiting for legal review of the data processing terms",
    "The only engineer who can do it is on leave until next month",
];

/// Progress notes of mitigations being worked on, in the order work goes.
const PROGRESS_NOTES: &[&str] = &[
    "Kick-off with the owning team",
    "Design reviewed and approved",
    "Split into smaller tickets for the next sprints",
    "Pilot finished with the platform team",
    "Rolled out to staging",
    "Half of the accounts migrated",
    "Change approved by the change advisory board",
];

/// Last notes of completed mitigations.
const DONE_NOTES: &[&str] = &[
    "Rolled out to production",
    "Verified by the security team",
    "Evidence uploaded for the auditor",
];

/// Notes of planned mitigations.
const PLANNED_NOTES: &[&str] = &["Scheduled for next quarter", "Estimated at two sprints"];

/// Notes of cancelled mitigations.
const CANCEL_NOTES: &[&str] = &[
    "Cancelled; superseded by the company-wide SSO project",
    "Cancelled after the risk was re-rated",
    "Cancelled: another action covers the same control",
];

/// Decisions a review records about an accepted risk.
const ACCEPTANCE_NOTES: &[&str] = &[
    "Acceptance renewed for twelve months",
    "Acceptance confirmed; compensating controls re-tested",
    "Asked the owner to prepare a mitigation plan before renewal",
];

/// Decisions a review records about any other risk.
const OUTCOME_NOTES: &[&str] = &[
    "Rating confirmed; no change",
    "Likelihood lowered after the last action completed",
    "Owner asked to re-plan the open actions",
    "Escalated to the CEO for an exception decision",
    "New mitigation requested before the next review",
    "Residual rating updated after control testing",
];

// ---------------------------------------------------------------------------------------------
// The register in memory
// ---------------------------------------------------------------------------------------------

/// An impact x likelihood rating on the 5 x 5 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rating {
    /// 1 to 5.
    impact: u32,
    /// 1 to 5.
    likelihood: u32,
}

impl Rating {
    /// Impact times likelihood.
    fn score(self) -> u32 {
        self.impact * self.likelihood
    }

    /// The configured `treatment_target_days` of this rating's level.
    fn target_days(self) -> i32 {
        match self.score() {
            16.. => 30,
            10.. => 90,
            5.. => 180,
            _ => 365,
        }
    }
}

/// The four responses to a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// Reduce it with mitigation actions.
    Mitigate,
    /// Live with it, approved and time-boxed.
    Accept,
    /// Move it to a third party.
    Transfer,
    /// Stop the activity that causes it.
    Avoid,
}

/// How a risk is treated, with what backs the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Treatment {
    /// Reduce the risk with mitigation actions.
    Mitigate,
    /// Live with the risk, approved and time-boxed.
    Accept {
        /// Why.
        rationale: &'static str,
        /// Index of the approving owner.
        approver: usize,
        /// When it was approved.
        approved_on: Day,
        /// When it must be renewed.
        expires: Day,
    },
    /// Move the risk to a third party.
    Transfer {
        /// Why.
        rationale: &'static str,
        /// Who carries it.
        to: &'static str,
    },
    /// Stop the activity that causes it.
    Avoid {
        /// Why.
        rationale: &'static str,
    },
}

/// A risk document.
struct RiskDoc {
    /// `R-00001`.
    id: String,
    /// The file name after the ID.
    slug: String,
    /// One line.
    title: String,
    /// Two or three lines of prose.
    description: Vec<String>,
    /// Index into [`OWNERS`].
    owner: usize,
    /// When it was identified.
    identified: Day,
    /// SOC 2 criteria.
    criteria: &'static [&'static str],
    /// Systems concerned; the first is the theme's.
    systems: Vec<&'static str>,
    /// Before treatment.
    inherent: Rating,
    /// After treatment, once re-rated.
    residual: Option<Rating>,
    /// The decision and its backing.
    treatment: Treatment,
    /// When and why it was retired.
    retired: Option<(Day, &'static str)>,
    /// Index into [`THEMES`].
    theme: usize,
}

impl RiskDoc {
    /// The latest due date its mitigations may have: identified plus the target of its level.
    fn due_bound(&self) -> Day {
        self.identified + self.inherent.target_days()
    }
}

/// The lifecycle of a mitigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Not started.
    Planned,
    /// Being worked on.
    InProgress,
    /// Stuck.
    Blocked,
    /// Done.
    Completed,
    /// Dropped.
    Cancelled,
}

impl Status {
    /// The name written in `status:`.
    fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// A mitigation document.
struct MitigationDoc {
    /// `M-00001`.
    id: String,
    /// The file name after the ID.
    slug: String,
    /// What will be done.
    title: String,
    /// Optional details.
    description: Vec<String>,
    /// Indices of the risks it treats, primary first.
    risks: Vec<usize>,
    /// Index into [`OWNERS`].
    owner: usize,
    /// When it is due.
    due: Day,
    /// Where it stands.
    status: Status,
    /// When it was completed.
    completed_on: Option<Day>,
    /// What blocks it.
    blocker: Option<&'static str>,
    /// Links and paths proving the work.
    evidence: Vec<String>,
    /// Progress log.
    updates: Vec<(Day, &'static str)>,
}

/// A review record.
struct ReviewDoc {
    /// `REV-2026-Q3`.
    id: String,
    /// A heading.
    title: String,
    /// When it took place.
    date: Day,
    /// Who attended (indices into [`OWNERS`]); the chair is the CISO.
    attendees: Vec<usize>,
    /// The risks covered; `None` for all.
    scope: Option<Vec<usize>>,
    /// Minutes.
    notes: Vec<String>,
    /// Decisions per risk.
    outcomes: Vec<(usize, &'static str)>,
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/// Draws a consistent register as of a date.
struct Generator {
    /// The random source.
    rng: Rng,
    /// The date everything is consistent as of.
    as_of: Day,
    /// Share of documents given a warning-level defect.
    defects: f64,
}

impl Generator {
    /// Draws `count` risks, oldest first, so that at most `mitigations` of them are treated
    /// by mitigation (each needs a mitigation of its own).
    fn risks(&mut self, count: usize, mitigations: usize) -> Vec<RiskDoc> {
        let rng = &mut self.rng;
        // Three years of history, denser in recent months as the register grew.
        let mut identified: Vec<Day> = (0..count)
            .map(|_| self.as_of - (rng.unit().powf(1.3) * 1095.0) as Day)
            .collect();
        identified.sort_unstable();
        let width = id_width(count);

        let mut risks: Vec<RiskDoc> = identified
            .into_iter()
            .enumerate()
            .map(|(index, identified)| {
                let theme_index = rng.below(THEMES.len());
                let theme = &THEMES[theme_index];
                let system = pick_word(rng, theme.systems);
                let mut title = fill(theme.title, system);
                if theme.qualify && rng.chance(0.3) {
                    title.push_str(rng.pick(QUALIFIERS));
                }
                let mut systems = vec![system];
                if rng.chance(0.3) {
                    let extra = rng.pick(EXTRA_SYSTEMS);
                    if extra != system {
                        systems.push(extra);
                    }
                }
                let criteria = if theme.criteria.len() > 1 && rng.chance(0.2) {
                    &theme.criteria[..1]
                } else {
                    theme.criteria
                };
                let mut description = vec![fill(theme.scenario[0], system)];
                if rng.chance(0.6) {
                    description.push(fill(theme.scenario[1], system));
                }
                description.push(source_line(rng, identified));
                let owner = if rng.chance(0.1) {
                    rng.pick(&[CISO, 3, 4])
                } else {
                    EXECUTIVES + rng.below(OWNERS.len() - EXECUTIVES)
                };
                let inherent = Rating {
                    impact: 1 + rng.weighted(&[5, 20, 35, 28, 12]) as u32,
                    likelihood: 1 + rng.weighted(&[10, 25, 35, 22, 8]) as u32,
                };
                let retired = (identified < self.as_of - 365 && rng.chance(0.03)).then(|| {
                    let on = rng.range(identified + 120, self.as_of - 1);
                    (on, rng.pick(RETIRE_REASONS))
                });
                RiskDoc {
                    id: format!("R-{:0width$}", index + 1),
                    slug: slug(&title),
                    title,
                    description,
                    owner,
                    identified,
                    criteria,
                    systems,
                    inherent,
                    residual: None,
                    treatment: Treatment::Mitigate,
                    retired,
                    theme: theme_index,
                }
            })
            .collect();

        // Decide, then make sure every `mitigate` risk can get a mitigation of its own.
        let mut decisions: Vec<Decision> = risks
            .iter()
            .map(|risk| match rng.unit() {
                // High and critical risks are rarely accepted: most become mitigations.
                u if u < 0.10 => {
                    if risk.inherent.score() < 10 || rng.chance(0.3) {
                        Decision::Accept
                    } else {
                        Decision::Mitigate
                    }
                }
                u if u < 0.15 => Decision::Transfer,
                u if u < 0.18 => Decision::Avoid,
                _ => Decision::Mitigate,
            })
            .collect();
        let mut to_mitigate = decisions
            .iter()
            .filter(|&&d| d == Decision::Mitigate)
            .count();
        for decision in decisions.iter_mut().rev() {
            if to_mitigate <= mitigations {
                break;
            }
            if *decision == Decision::Mitigate {
                *decision = Decision::Accept;
                to_mitigate -= 1;
            }
        }
        for (risk, decision) in risks.iter_mut().zip(decisions) {
            self.treat(risk, decision);
        }
        risks
    }

    /// Sets a risk's treatment (and residual rating, where the decision implies one) for a
    /// decision other than mitigate, whose residual depends on its mitigations.
    fn treat(&mut self, risk: &mut RiskDoc, decision: Decision) {
        let rng = &mut self.rng;
        let inherent = risk.inherent;
        risk.treatment = match decision {
            Decision::Accept => {
                risk.residual = rng.chance(0.4).then_some(inherent);
                let approver = if inherent.score() >= 10 {
                    CEO
                } else {
                    rng.pick(&[1, 1, 2, 2, 2, 3, 4])
                };
                // Approved (or last renewed) within the past 330 days, after identification.
                let earliest = (risk.identified + 7).max(self.as_of - 330).min(self.as_of);
                let approved_on = rng.range(earliest.max(risk.identified), self.as_of);
                let terms: Vec<i32> = [180, 270, 365]
                    .into_iter()
                    .filter(|days| approved_on + days > self.as_of)
                    .collect();
                Treatment::Accept {
                    rationale: rng.pick(ACCEPT_RATIONALES),
                    approver,
                    approved_on,
                    expires: approved_on + rng.pick(&terms),
                }
            }
            Decision::Transfer => {
                let (rationale, to) = rng.pick(TRANSFERS);
                if rng.chance(0.7) {
                    risk.residual = Some(Rating {
                        impact: inherent
                            .impact
                            .saturating_sub(rng.range(1, 2) as u32)
                            .max(1),
                        likelihood: inherent.likelihood,
                    });
                }
                Treatment::Transfer { rationale, to }
            }
            Decision::Avoid => {
                if rng.chance(0.6) {
                    risk.residual = Some(Rating {
                        impact: inherent.impact,
                        likelihood: 1,
                    });
                }
                if risk.retired.is_none() && risk.identified < self.as_of - 180 && rng.chance(0.3) {
                    risk.retired = Some((
                        rng.range(risk.identified + 60, self.as_of - 1),
                        "Feature removed from the product",
                    ));
                }
                Treatment::Avoid {
                    rationale: rng.pick(AVOID_RATIONALES),
                }
            }
            Decision::Mitigate => Treatment::Mitigate,
        }
    }

    /// Draws `count` mitigations: one for every `mitigate` risk first, the rest spread over
    /// them, some treating two or three neighbouring risks.
    fn mitigations(&mut self, risks: &[RiskDoc], count: usize) -> Result<Vec<MitigationDoc>> {
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

    /// Re-rates `mitigate` risks after their mitigations: always once every live action is
    /// completed, often once one is, and sometimes ahead of time as a target.
    fn reassess(&mut self, risks: &mut [RiskDoc], mitigations: &[MitigationDoc]) {
        // (live actions, completed actions) per risk
        let mut progress = vec![(0usize, 0usize); risks.len()];
        for m in mitigations {
            if m.status == Status::Cancelled {
                continue;
            }
            for &r in &m.risks {
                progress[r].0 += 1;
                progress[r].1 += usize::from(m.status == Status::Completed);
            }
        }
        for (risk, (live, done)) in risks.iter_mut().zip(progress) {
            if !matches!(risk.treatment, Treatment::Mitigate) {
                continue;
            }
            let all_done = live > 0 && done == live;
            if all_done || (done > 0 && self.rng.chance(0.7)) || self.rng.chance(0.15) {
                let lower = self.rng.range(1, 3) as u32;
                risk.residual = Some(Rating {
                    impact: risk
                        .inherent
                        .impact
                        .saturating_sub(u32::from(self.rng.chance(0.3)))
                        .max(1),
                    likelihood: risk.inherent.likelihood.saturating_sub(lower).max(1),
                });
            }
        }
    }

    /// Draws `count` quarterly reviews, each held within three weeks after its quarter ended,
    /// the latest one covering all risks.
    fn reviews(&mut self, risks: &[RiskDoc], count: usize) -> Vec<ReviewDoc> {
        let as_of = date(self.as_of);
        let quarter_start = |date: NaiveDate| {
            let month = (date.month0() / 3) * 3 + 1;
            NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
        };
        // The end of the last quarter that ended before as-of.
        let mut quarter_end = quarter_start(as_of).num_days_from_ce() - 1;
        let mut reviews = Vec::with_capacity(count);
        for index in 0..count {
            let end = date(quarter_end);
            let quarter = end.month0() / 3 + 1;
            let latest = index == 0;
            let day = quarter_end + self.rng.range(1, 21.min(self.as_of - quarter_end));
            let known = risks.partition_point(|risk| risk.identified <= day);
            let active: Vec<usize> = (0..known)
                .filter(|&r| risks[r].retired.is_none_or(|(on, _)| on > day))
                .collect();

            let deep_dive = !latest && index % 2 == 1;
            let scope = deep_dive.then(|| {
                let mut high: Vec<usize> = active
                    .iter()
                    .copied()
                    .filter(|&r| risks[r].inherent.score() >= 10)
                    .collect();
                while high.len() > 25 {
                    let drop = self.rng.below(high.len());
                    high.swap_remove(drop);
                }
                high.sort_unstable();
                high
            });
            let candidates = scope.as_deref().unwrap_or(&active);
            let mut outcomes: Vec<(usize, &'static str)> = Vec::new();
            if !candidates.is_empty() {
                for _ in 0..self.rng.range(3, 6) {
                    let risk = self.rng.pick(candidates);
                    if outcomes.iter().all(|&(r, _)| r != risk) {
                        let notes = match risks[risk].treatment {
                            Treatment::Accept { .. } => ACCEPTANCE_NOTES,
                            _ => OUTCOME_NOTES,
                        };
                        outcomes.push((risk, self.rng.pick(notes)));
                    }
                }
            }
            outcomes.sort_unstable_by_key(|&(r, _)| r);

            let mut attendees = vec![CISO, 1, 3];
            for _ in 0..self.rng.range(3, 6) {
                let person = EXECUTIVES + self.rng.below(OWNERS.len() - EXECUTIVES);
                if !attendees.contains(&person) {
                    attendees.push(person);
                }
            }
            attendees.sort_unstable();

            let period = format!("Q{quarter} {}", end.year());
            let mut notes = vec![
                if deep_dive {
                    format!("Deep dive on high and critical risks for {period}.")
                } else {
                    format!("Quarterly review of the risk register for {period}.")
                },
                format!(
                    "{} active risks on the register at the time of the review.",
                    active.len()
                ),
            ];
            if self.rng.chance(0.5) {
                notes.push("Acceptances expiring next quarter were assigned for renewal.".into());
            }
            reviews.push(ReviewDoc {
                id: format!("REV-{}-Q{quarter}", end.year()),
                title: format!("{period} risk review"),
                date: day,
                attendees,
                scope,
                notes,
                outcomes,
            });
            quarter_end = quarter_start(end).num_days_from_ce() - 1;
        }
        reviews.reverse();
        reviews
    }
}

/// The common planning window of a mitigation's risks: the latest identification, and the
/// earliest due date all their treatment targets allow.
fn window(risks: &[RiskDoc], treated: &[usize]) -> (Day, Day) {
    let start = treated.iter().map(|&r| risks[r].identified).max();
    let bound = treated.iter().map(|&r| risks[r].due_bound()).min();
    (start.unwrap_or_default(), bound.unwrap_or_default())
}

/// The last line of a risk description: where the risk came from.
fn source_line(rng: &mut Rng, identified: Day) -> String {
    let when = date(identified);
    let year = when.year();
    match rng.below(6) {
        0 => format!("Raised in the {year} penetration test report."),
        1 => format!(
            "Found during the Q{} {year} user access review.",
            when.month0() / 3 + 1
        ),
        2 => "Raised by the auditor during the SOC 2 readiness assessment.".to_owned(),
        3 => "Reported by an engineer in the #security channel.".to_owned(),
        4 => format!("Identified in the {year} annual risk assessment workshop."),
        _ => "Came up in the post-mortem of a related incident.".to_owned(),
    }
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

/// The width of zero-padded document numbers: at least five digits.
fn id_width(count: usize) -> usize {
    count.to_string().len().max(5)
}

/// A file-name slug of a title: lowercase words joined by dashes, at most about 48 characters.
fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(48);
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !slug.is_empty() && slug.len() + word.len() >= 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// A YAML scalar, written plain when that is unambiguous and double-quoted otherwise.
struct Scalar<'a> {
    /// The text.
    text: &'a str,
    /// Whether it sits inside a flow collection (`[...]`, `{...}`).
    in_flow: bool,
}

/// A scalar in block context.
fn block(text: &str) -> Scalar<'_> {
    Scalar {
        text,
        in_flow: false,
    }
}

/// A scalar inside a flow collection.
fn flow(text: &str) -> Scalar<'_> {
    Scalar {
        text,
        in_flow: true,
    }
}

impl Scalar<'_> {
    /// Whether the text must be quoted to read back as the same string.
    fn needs_quotes(&self) -> bool {
        let s = self.text;
        let (Some(first), Some(last)) = (s.chars().next(), s.chars().last()) else {
            return true;
        };
        "-?:,[]{}#&*!|>'\"%@`".contains(first)
            || first.is_whitespace()
            || last.is_whitespace()
            || last == ':'
            || s.contains(": ")
            || s.contains(" #")
            || s.chars().any(char::is_control)
            || (self.in_flow && s.contains([',', '[', ']', '{', '}']))
            || matches!(
                s.to_ascii_lowercase().as_str(),
                "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
            )
            || s.parse::<f64>().is_ok()
            || (first.is_ascii_digit() && s.len() >= 10 && s.as_bytes()[4] == b'-')
    }
}

impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.needs_quotes() {
            return f.write_str(self.text);
        }
        f.write_str("\"")?;
        for c in self.text.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("\"")
    }
}

/// Writes `items` as a flow sequence: `[a, b, c]`.
fn write_list<'a>(w: &mut impl Write, items: impl IntoIterator<Item = &'a str>) -> Result<()> {
    w.write_all(b"[")?;
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            w.write_all(b", ")?;
        }
        write!(w, "{}", flow(item))?;
    }
    w.write_all(b"]\n")?;
    Ok(())
}

/// Writes a `|` block scalar of the given lines under `key`.
fn write_text<'a>(
    w: &mut impl Write,
    key: &str,
    lines: impl IntoIterator<Item = &'a String>,
) -> Result<()> {
    writeln!(w, "{key}: |")?;
    for line in lines {
        writeln!(w, "  {line}")?;
    }
    Ok(())
}

/// Writes `key: [a, b]`, or a block sequence in the [`Style::BlockLists`] style.
fn write_seq<'a>(
    w: &mut impl Write,
    key: &str,
    items: impl IntoIterator<Item = &'a str>,
    style: Style,
) -> Result<()> {
    let mut items = items.into_iter().peekable();
    if style == Style::BlockLists && items.peek().is_some() {
        writeln!(w, "{key}:")?;
        for item in items {
            writeln!(w, "  - {}", block(item))?;
        }
        return Ok(());
    }
    write!(w, "{key}: ")?;
    write_list(w, items)
}

/// A date as a document of some [`Style`] writes it.
struct DateText {
    /// The date.
    day: Day,
    /// Whether it is double-quoted.
    quoted: bool,
}

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quoted {
            write!(f, "\"{}\"", Ymd(self.day))
        } else {
            Ymd(self.day).fmt(f)
        }
    }
}

/// `day` as written in the given style.
fn dated(day: Day, style: Style) -> DateText {
    DateText {
        day,
        quoted: style == Style::QuotedDates,
    }
}

/// How a version of a document is laid out: as the final files are, or with one of the
/// variations hand-edited files have. The parsed content is the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// The layout of the final files.
    Plain,
    /// A comment line after the title.
    Comment(&'static str),
    /// Dates in double quotes.
    QuotedDates,
    /// Lists as block sequences instead of `[a, b]`.
    BlockLists,
}

/// What may differ between the versions of a risk (the rest is as in its [`RiskDoc`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RiskState {
    /// Index into [`OWNERS`].
    owner: usize,
    /// The residual rating, once rated.
    residual: Option<Rating>,
    /// The decision and its backing.
    treatment: Treatment,
    /// When and why it was retired.
    retired: Option<(Day, &'static str)>,
    /// How many of the risk's systems are listed (the first ones).
    systems: usize,
    /// Whether the optional middle line of a three-line description is written.
    full_description: bool,
    /// Whether the title still lacks its scope qualifier (an older wording).
    short_title: bool,
    /// The layout.
    style: Style,
}

impl RiskState {
    /// The final version of `risk`.
    fn of(risk: &RiskDoc) -> RiskState {
        RiskState {
            owner: risk.owner,
            residual: risk.residual,
            treatment: risk.treatment,
            retired: risk.retired,
            systems: risk.systems.len(),
            full_description: true,
            short_title: false,
            style: Style::Plain,
        }
    }
}

/// What may differ between the versions of a mitigation (the rest is as in its
/// [`MitigationDoc`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MitigationState {
    /// Index into [`OWNERS`].
    owner: usize,
    /// When it is due.
    due: Day,
    /// Where it stands.
    status: Status,
    /// When it was completed.
    completed_on: Option<Day>,
    /// Whether the evidence is listed.
    evidence: bool,
    /// What blocks it.
    blocker: Option<&'static str>,
    /// How many entries of the progress log are written (the first ones).
    updates: usize,
    /// Whether the description is written.
    description: bool,
    /// The layout.
    style: Style,
}

impl MitigationState {
    /// The final version of `m`.
    fn of(m: &MitigationDoc) -> MitigationState {
        MitigationState {
            owner: m.owner,
            due: m.due,
            status: m.status,
            completed_on: m.completed_on,
            evidence: !m.evidence.is_empty(),
            blocker: m.blocker,
            updates: m.updates.len(),
            description: !m.description.is_empty(),
            style: Style::Plain,
        }
    }
}

/// What may differ between the versions of a review record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ReviewState {
    /// Whether the outcomes are recorded.
    outcomes: bool,
    /// The layout.
    style: Style,
}

impl ReviewState {
    /// The final version of a review.
    fn of() -> ReviewState {
        ReviewState {
            outcomes: true,
            style: Style::Plain,
        }
    }
}

/// A risk title without its scope qualifier, if it has one.
fn short_title(title: &str) -> Option<&str> {
    QUALIFIERS
        .iter()
        .find_map(|qualifier| title.strip_suffix(qualifier))
}

/// Opens a file for buffered writing.
fn create(path: &Path) -> Result<BufWriter<File>> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::new(file))
}

/// Flushes a finished file, naming it on failure.
fn finish(mut w: BufWriter<File>, path: &Path) -> Result<()> {
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Makes sure `dir` can take a fresh register: refuses a non-empty folder unless `force`,
/// in which case the document folders of a previous run are removed.
fn prepare_dir(dir: &Path, force: bool) -> Result<()> {
    let subfolders = ["risks", "mitigations", "reviews"];
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            if !force {
                bail!(
                    "{} is not empty; pass --force to replace the register in it",
                    dir.display()
                );
            }
            for sub in subfolders {
                let path = dir.join(sub);
                if path.exists() {
                    fs::remove_dir_all(&path)
                        .with_context(|| format!("cannot remove {}", path.display()))?;
                }
            }
        }
    }
    for sub in subfolders {
        let path = dir.join(sub);
        fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    Ok(())
}

/// The e-mail address of an owner: `first.last@` the organization's domain.
fn email(name: &str) -> String {
    format!("{}@{DOMAIN}", name.to_ascii_lowercase().replace(' ', "."))
}

/// Writes `riskreg.yaml`.
fn render_config(w: &mut impl Write, seed: u64, as_of: NaiveDate) -> Result<()> {
    writeln!(
        w,
        "# Synthetic register written by `cargo run --example gen-register`"
    )?;
    writeln!(w, "# (seed {seed}, consistent as of {as_of}).")?;
    writeln!(w, "version: 1")?;
    writeln!(w, "organization: {}", block(ORGANIZATION))?;
    w.write_all(
        b"scale:
  impact: [Negligible, Minor, Moderate, Major, Severe]
  likelihood: [Rare, Unlikely, Possible, Likely, Almost certain]
levels:
  - {name: low, min: 1}
  - {name: medium, min: 5}
  - {name: high, min: 10}
  - {name: critical, min: 16}
appetite:
  statement: >-
    We accept low and medium risks with a documented rationale, approved by an
    executive and renewed every year. High and critical risks are accepted only
    by exception, approved by the CEO.
  max_accepted_level: medium
  exception_approvers: [ceo]
  acceptance_max_days: 365
treatment_target_days:
  critical: 30
  high: 90
  medium: 180
  low: 365
review:
  cadence_days: 92   # quarterly
  backdate_tolerance_days: 14
owners:
",
    )?;
    for (id, name, role, approver) in OWNERS {
        writeln!(w, "  - id: {id}")?;
        writeln!(w, "    name: {}", block(name))?;
        writeln!(w, "    email: {}", email(name))?;
        writeln!(w, "    role: {}", block(role))?;
        if approver {
            writeln!(w, "    approver: true")?;
        }
    }
    writeln!(w, "ignore: [drafts/**]")?;
    Ok(())
}

/// Writes a version of a risk document.
fn render_risk(w: &mut impl Write, risk: &RiskDoc, s: &RiskState) -> Result<()> {
    let title = match s.short_title {
        true => short_title(&risk.title).unwrap_or(&risk.title),
        false => &risk.title,
    };
    writeln!(w, "kind: risk")?;
    writeln!(w, "id: {}", risk.id)?;
    writeln!(w, "title: {}", block(title))?;
    if let Style::Comment(note) = s.style {
        writeln!(w, "# {note}")?;
    }
    let brief = !s.full_description && risk.description.len() == 3;
    let lines = risk.description.iter().enumerate();
    write_text(
        w,
        "description",
        lines
            .filter(|&(index, _)| !(brief && index == 1))
            .map(|(_, line)| line),
    )?;
    writeln!(w, "owner: {}", OWNERS[s.owner].0)?;
    writeln!(w, "identified: {}", dated(risk.identified, s.style))?;
    write_seq(w, "criteria", risk.criteria.iter().copied(), s.style)?;
    let systems = &risk.systems[..s.systems.min(risk.systems.len())];
    write_seq(w, "systems", systems.iter().copied(), s.style)?;
    let rating = |r: Rating| format!("{{impact: {}, likelihood: {}}}", r.impact, r.likelihood);
    writeln!(w, "inherent: {}", rating(risk.inherent))?;
    if let Some(residual) = s.residual {
        writeln!(w, "residual: {}", rating(residual))?;
    }
    writeln!(w, "treatment:")?;
    match s.treatment {
        Treatment::Mitigate => writeln!(w, "  decision: mitigate")?,
        Treatment::Accept {
            rationale,
            approver,
            approved_on,
            expires,
        } => {
            writeln!(w, "  decision: accept")?;
            writeln!(w, "  rationale: {}", block(rationale))?;
            writeln!(w, "  approved_by: {}", OWNERS[approver].0)?;
            writeln!(w, "  approved_on: {}", dated(approved_on, s.style))?;
            writeln!(w, "  expires: {}", dated(expires, s.style))?;
        }
        Treatment::Transfer { rationale, to } => {
            writeln!(w, "  decision: transfer")?;
            writeln!(w, "  rationale: {}", block(rationale))?;
            writeln!(w, "  transferred_to: {}", block(to))?;
        }
        Treatment::Avoid { rationale } => {
            writeln!(w, "  decision: avoid")?;
            writeln!(w, "  rationale: {}", block(rationale))?;
        }
    }
    if let Some((on, reason)) = s.retired {
        writeln!(
            w,
            "retired: {{on: {}, reason: {}}}",
            dated(on, s.style),
            flow(reason)
        )?;
    }
    Ok(())
}

/// Writes a version of a mitigation document.
fn render_mitigation(
    w: &mut impl Write,
    m: &MitigationDoc,
    s: &MitigationState,
    risks: &[RiskDoc],
) -> Result<()> {
    writeln!(w, "kind: mitigation")?;
    writeln!(w, "id: {}", m.id)?;
    writeln!(w, "title: {}", block(&m.title))?;
    if let Style::Comment(note) = s.style {
        writeln!(w, "# {note}")?;
    }
    if s.description && !m.description.is_empty() {
        write_text(w, "description", &m.description)?;
    }
    let treated = m.risks.iter().map(|&r| risks[r].id.as_str());
    write_seq(w, "risks", treated, s.style)?;
    writeln!(w, "owner: {}", OWNERS[s.owner].0)?;
    writeln!(w, "due: {}", dated(s.due, s.style))?;
    writeln!(w, "status: {}", s.status.as_str())?;
    if let Some(on) = s.completed_on {
        writeln!(w, "completed_on: {}", dated(on, s.style))?;
    }
    if let Some(blocker) = s.blocker {
        writeln!(w, "blocker: {}", block(blocker))?;
    }
    if s.evidence && !m.evidence.is_empty() {
        writeln!(w, "evidence:")?;
        for link in &m.evidence {
            writeln!(w, "  - {}", block(link))?;
        }
    }
    let updates = &m.updates[..s.updates.min(m.updates.len())];
    if !updates.is_empty() {
        writeln!(w, "updates:")?;
        for &(on, note) in updates {
            writeln!(
                w,
                "  - {{on: {}, note: {}}}",
                dated(on, s.style),
                flow(note)
            )?;
        }
    }
    Ok(())
}

/// Writes a version of a review record.
fn render_review(
    w: &mut impl Write,
    review: &ReviewDoc,
    s: &ReviewState,
    risks: &[RiskDoc],
) -> Result<()> {
    writeln!(w, "kind: review")?;
    writeln!(w, "id: {}", review.id)?;
    writeln!(w, "title: {}", block(&review.title))?;
    if let Style::Comment(note) = s.style {
        writeln!(w, "# {note}")?;
    }
    writeln!(w, "date: {}", dated(review.date, s.style))?;
    writeln!(w, "chair: {}", OWNERS[CISO].0)?;
    let attendees = review.attendees.iter().map(|&o| OWNERS[o].0);
    write_seq(w, "attendees", attendees, s.style)?;
    match &review.scope {
        None => writeln!(w, "risks: all")?,
        Some(scope) => {
            writeln!(w, "risks:")?;
            for &risk in scope {
                writeln!(w, "  - {}", risks[risk].id)?;
            }
        }
    }
    write_text(w, "notes", &review.notes)?;
    if s.outcomes && !review.outcomes.is_empty() {
        writeln!(w, "outcomes:")?;
        for &(risk, note) in &review.outcomes {
            writeln!(w, "  - {{risk: {}, note: {}}}", risks[risk].id, flow(note))?;
        }
    }
    Ok(())
}

/// Writes the register's files into `root` (a run without `--commits`).
fn write_register(root: &Path, register: &Register, args: &Args) -> Result<()> {
    let path = root.join("riskreg.yaml");
    let mut w = create(&path)?;
    render_config(&mut w, args.seed, args.as_of)?;
    finish(w, &path)?;
    for risk in &register.risks {
        let name = format!("{}-{}.yaml", risk.id, risk.slug);
        let path = root.join("risks").join(name);
        let mut w = create(&path)?;
        render_risk(&mut w, risk, &RiskState::of(risk))?;
        finish(w, &path)?;
    }
    for m in &register.mitigations {
        let name = format!("{}-{}.yaml", m.id, m.slug);
        let path = root.join("mitigations").join(name);
        let mut w = create(&path)?;
        render_mitigation(&mut w, m, &MitigationState::of(m), &register.risks)?;
        finish(w, &path)?;
    }
    for review in &register.reviews {
        let path = root.join("reviews").join(format!("{}.yaml", review.id));
        let mut w = create(&path)?;
        render_review(&mut w, review, &ReviewState::of(), &register.risks)?;
        finish(w, &path)?;
    }
    Ok(())
}

/// The file in `.git` marking a repository this generator wrote, which `--force` may replace.
const REPO_MARKER: &str = "gen-register";

/// Makes sure `dir` can become a fresh repository holding the register in `root`: refuses a
/// non-empty folder unless `force`, and even then a repository the generator did not write.
fn prepare_repo(dir: &Path, root: &Path, force: bool) -> Result<()> {
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            if !force {
                bail!(
                    "{} is not empty; pass --force to replace the register in it",
                    dir.display()
                );
            }
            let git_dir = dir.join(".git");
            if git_dir.exists() {
                if !git_dir.join(REPO_MARKER).is_file() {
                    bail!(
                        "{} is a git repository gen-register did not write; refusing to replace it",
                        dir.display()
                    );
                }
                fs::remove_dir_all(&git_dir)
                    .with_context(|| format!("cannot remove {}", git_dir.display()))?;
            }
        }
    }
    prepare_dir(root, true)
}

/// The repository path prefix of `--subdir` (`compliance/`), which must name a folder inside
/// DIR.
fn repo_prefix(subdir: &Path) -> Result<String> {
    let mut parts = Vec::new();
    for component in subdir.components() {
        match component {
            Component::Normal(part) => {
                let part = part
                    .to_str()
                    .filter(|part| {
                        *part != ".git"
                            && !part.contains(['"', '\\'])
                            && !part.chars().any(char::is_control)
                    })
                    .with_context(|| format!("unusable folder name in --subdir: {part:?}"))?;
                parts.push(part);
            }
            Component::CurDir => {}
            _ => bail!(
                "--subdir must be a relative path inside DIR, got {}",
                subdir.display()
            ),
        }
    }
    if parts.is_empty() {
        bail!("--subdir must name a folder inside DIR");
    }
    Ok(format!("{}/", parts.join("/")))
}

// ---------------------------------------------------------------------------------------------
// History: planning
// ---------------------------------------------------------------------------------------------

/// How many days before as-of the first commit is made: about three years of history.
const HISTORY_DAYS: Day = 1000;

/// At most how many days after a date it states (a completion, an approval, a review) a change
/// is committed: inside the configured `backdate_tolerance_days` of 14.
const COMMIT_LAG: Day = 12;

/// Open mitigations are changed within this many days before as-of, inside the configured
/// review cadence of 92 days (so they are not stale).
const RECENT_DAYS: Day = 85;

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

/// Comments people leave in documents.
const NOTES: &[&str] = &[
    "TODO: confirm the likelihood with the system owner at the next review.",
    "Reviewed at the quarterly risk review; no change.",
    "Ask the auditor whether this needs a separate control test.",
    "Keep in sync with the Jira epic.",
];

/// Mixed into `--seed` for the history, so the final documents are the same with or without
/// one.
const HISTORY_SEED: u64 = 0x6869_7374_6f72_7921;

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_DAY: Day = 719_163;

/// The branch the history is written to.
const MAIN_REF: &str = "refs/heads/main";

/// The branch feature branches are written to (one at a time), deleted at the end.
const FEATURE_REF: &str = "refs/heads/feature";

/// The index of an owner ID in [`OWNERS`].
fn owner_index(id: &str) -> usize {
    OWNERS
        .iter()
        .position(|owner| owner.0 == id)
        .unwrap_or(CISO)
}

/// The register's documents in their final versions.
struct Register {
    /// Oldest first.
    risks: Vec<RiskDoc>,
    /// In ID order.
    mitigations: Vec<MitigationDoc>,
    /// Oldest first.
    reviews: Vec<ReviewDoc>,
}

/// A document by kind and index. The history numbers documents across kinds: risks first,
/// then mitigations, then reviews.
#[derive(Debug, Clone, Copy)]
enum Doc {
    /// Index into [`Register::risks`].
    Risk(usize),
    /// Index into [`Register::mitigations`].
    Mitigation(usize),
    /// Index into [`Register::reviews`].
    Review(usize),
}

impl Register {
    /// The number of documents.
    fn count(&self) -> usize {
        self.risks.len() + self.mitigations.len() + self.reviews.len()
    }

    /// Document number `n`.
    fn doc(&self, n: usize) -> Doc {
        let risks = self.risks.len();
        let mitigations = risks + self.mitigations.len();
        if n < risks {
            Doc::Risk(n)
        } else if n < mitigations {
            Doc::Mitigation(n - risks)
        } else {
            Doc::Review(n - mitigations)
        }
    }

    /// The ID of document `n`.
    fn id(&self, n: usize) -> &str {
        match self.doc(n) {
            Doc::Risk(r) => &self.risks[r].id,
            Doc::Mitigation(m) => &self.mitigations[m].id,
            Doc::Review(v) => &self.reviews[v].id,
        }
    }

    /// The final version of document `n`.
    fn final_state(&self, n: usize) -> State {
        match self.doc(n) {
            Doc::Risk(r) => State::Risk(RiskState::of(&self.risks[r])),
            Doc::Mitigation(m) => State::Mitigation(MitigationState::of(&self.mitigations[m])),
            Doc::Review(_) => State::Review(ReviewState::of()),
        }
    }

    /// The path of document `n` in the repository, at a place, in the sharded layout or the
    /// final one.
    fn path(&self, n: usize, place: Place, sharded: bool, prefix: &str) -> String {
        let (folder, other, id, slug, anchor) = match self.doc(n) {
            Doc::Risk(r) => {
                let risk = &self.risks[r];
                let slug = match place {
                    Place::OldSlug => slug(short_title(&risk.title).unwrap_or(&risk.title)),
                    _ => risk.slug.clone(),
                };
                ("risks", "mitigations", &risk.id, Some(slug), Some(risk))
            }
            Doc::Mitigation(m) => {
                let m = &self.mitigations[m];
                let anchor = &self.risks[m.risks[0]];
                let slug = Some(m.slug.clone());
                ("mitigations", "risks", &m.id, slug, Some(anchor))
            }
            Doc::Review(v) => ("reviews", "reviews", &self.reviews[v].id, None, None),
        };
        let folder = match place {
            Place::Misfiled => other,
            Place::Archive => "risks/archive",
            _ => folder,
        };
        let name = match slug {
            Some(slug) if place != Place::Bare => format!("{id}-{slug}.yaml"),
            _ => format!("{id}.yaml"),
        };
        match anchor {
            Some(risk) if sharded && place != Place::Archive => {
                let when = date(risk.identified);
                let quarter = when.month0() / 3 + 1;
                let system = risk.systems[0];
                format!(
                    "{prefix}{folder}/{system}/{}-q{quarter}/{name}",
                    when.year()
                )
            }
            _ => format!("{prefix}{folder}/{name}"),
        }
    }

    /// Writes a version of document `n`.
    fn render(&self, w: &mut impl Write, n: usize, state: &State) -> Result<()> {
        match (self.doc(n), state) {
            (Doc::Risk(r), State::Risk(s)) => render_risk(w, &self.risks[r], s),
            (Doc::Mitigation(m), State::Mitigation(s)) => {
                render_mitigation(w, &self.mitigations[m], s, &self.risks)
            }
            (Doc::Review(v), State::Review(s)) => {
                render_review(w, &self.reviews[v], s, &self.risks)
            }
            _ => bail!(
                "internal error: a version of {} of another kind",
                self.id(n)
            ),
        }
    }
}

/// A version of a document of any kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Of a risk.
    Risk(RiskState),
    /// Of a mitigation.
    Mitigation(MitigationState),
    /// Of a review.
    Review(ReviewState),
}

impl State {
    /// The layout.
    fn style(&self) -> Style {
        match self {
            State::Risk(s) => s.style,
            State::Mitigation(s) => s.style,
            State::Review(s) => s.style,
        }
    }

    /// Changes the layout.
    fn set_style(&mut self, style: Style) {
        match self {
            State::Risk(s) => s.style = style,
            State::Mitigation(s) => s.style = style,
            State::Review(s) => s.style = style,
        }
    }
}

/// Where a version of a document lives, relative to its final path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Its final name and folder.
    Final,
    /// Named by its ID alone: `risks/R-00042.yaml`.
    Bare,
    /// Named after its older title (a risk before its title gained its scope qualifier).
    OldSlug,
    /// In the other kind's folder: a mitigation filed under `risks/`, or the reverse.
    Misfiled,
    /// Under `risks/archive/` (retired risks).
    Archive,
}

/// What a version changed, for commit messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
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
enum Step {
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
struct Milestone {
    /// The day it happens.
    day: Day,
    /// Its place among the steps of the same day ([`Step::order`]).
    order: u8,
    /// What changes.
    step: Step,
    /// The last day it may be committed.
    deadline: Day,
    /// Whether it shares a version with other steps of the same day.
    merge: bool,
    /// The approver it records, who must not commit it.
    approver: Option<usize>,
}

impl Milestone {
    /// A step on a day, with no deadline, sharing its day's version.
    fn new(day: Day, step: Step) -> Milestone {
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
struct Version {
    /// The day it was written.
    day: Day,
    /// Its place among the versions of other documents of the same day.
    rank: u8,
    /// The last day it may be committed.
    deadline: Day,
    /// Whether it is a commit of its own (comment, formatting and rename commits).
    solo: bool,
    /// Whether its path differs from the previous version's.
    moved: bool,
    /// Owners (bits of [`OWNERS`] indices) who must not commit it: the approvers it records.
    forbid: u64,
    /// What it changed.
    change: Change,
    /// Where it lives.
    place: Place,
    /// Its content.
    state: State,
}

/// Turns a document's milestones into its versions, from its creation on: steps of the same
/// day (and steps before the creation) share a version unless one of them may not. A version
/// ranks as its latest kind of step.
fn simulate(
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

/// Plans every document's versions, backwards from its final one.
struct Planner<'a> {
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
    first_of: Vec<Option<usize>>,
}

impl Planner<'_> {
    /// The versions of every document, by document number.
    fn plan(&mut self) -> Vec<Vec<Version>> {
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

    /// Adds `cosmetic` comment or formatting commits and about `renames` file moves to the
    /// versions, each on a different document.
    fn decorate(&mut self, versions: &mut [Vec<Version>], cosmetic: usize, renames: usize) {
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

/// Versions committed together: a document's version, or a risk added with its first
/// mitigations.
#[derive(Debug)]
struct Unit {
    /// The day of its versions.
    day: Day,
    /// Its place among units of the same day.
    rank: u8,
    /// The last day it may be committed.
    deadline: Day,
    /// Whether it is a commit of its own.
    solo: bool,
    /// Owners (bits) who must not commit it.
    forbid: u64,
    /// (document, version) pairs.
    items: Vec<(u32, u32)>,
}

/// The planned history: every version, what the first commit imports, and the commits.
struct History {
    /// Versions by document number.
    versions: Vec<Vec<Version>>,
    /// The version of each document the first commit imports, if any.
    imported: Vec<Option<usize>>,
    /// Everything committed after the first commit, in order.
    units: Vec<Unit>,
    /// The units of each non-merge commit after the first, in order.
    groups: Vec<Range<usize>>,
}

/// Plans the versions of all documents and spreads them over `groups` commits (`cosmetic` of
/// them comment or formatting commits and about `renames` renames), with enough versions to
/// fill them: more owner changes when the register is small.
fn plan_history(
    reg: &Register,
    span: Span,
    args: &Args,
    groups: usize,
    cosmetic: usize,
    renames: usize,
) -> Result<History> {
    let mut extras = 0.0;
    for _ in 0..8 {
        let mut planner = Planner {
            reg,
            rng: Rng::new(args.seed ^ HISTORY_SEED),
            span,
            defects: args.defects,
            extras,
            risk_created: Vec::new(),
            first_of: Vec::new(),
        };
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

/// What a commit does.
#[derive(Debug, Clone, Copy)]
enum Kind {
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
struct Planned {
    /// What it does.
    kind: Kind,
    /// Its day.
    day: Day,
    /// Its time, in seconds since 1970 (UTC).
    time: i64,
    /// Index into [`OWNERS`]: author and committer.
    author: usize,
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
fn plan_commits(
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

// ---------------------------------------------------------------------------------------------
// History: writing
// ---------------------------------------------------------------------------------------------

/// A planned repository: the versions, and the commits that write them.
struct Plan {
    /// The days of the history.
    span: Span,
    /// Whether documents start in the sharded layout.
    sharded: bool,
    /// The versions and units.
    history: History,
    /// The commits, in order.
    commits: Vec<Planned>,
}

/// Plans the history of `args.commits` commits.
fn plan_repository(args: &Args, reg: &Register) -> Result<Plan> {
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
    let sharded = n >= 3
        && match args.history_layout {
            // Past this, fast-import spends more than a few seconds rewriting big folders.
            HistoryLayout::Auto => n as f64 * largest as f64 > 1e7,
            HistoryLayout::Flat => false,
            HistoryLayout::Sharded => true,
        };
    let groups = n - 1 - merges - usize::from(sharded);
    let history = plan_history(reg, span, args, groups, share(0.02), share(0.01))?;
    let mut rng = Rng::new(args.seed ^ HISTORY_SEED ^ 2);
    let commits = plan_commits(&mut rng, &history, span, merges, sharded);
    Ok(Plan {
        span,
        sharded,
        history,
        commits,
    })
}

/// Writes a planned history into a new repository in `args.dir` and checks it out; returns a
/// one-line summary.
fn write_repository(args: &Args, reg: &Register, prefix: &str, plan: &Plan) -> Result<String> {
    let Plan {
        span,
        sharded,
        ref history,
        ref commits,
    } = *plan;
    let dir = &args.dir;
    run_git(dir, &["init", "-q"])?;
    run_git(dir, &["symbolic-ref", "HEAD", MAIN_REF])?;
    let marker = dir.join(".git").join(REPO_MARKER);
    fs::write(&marker, "written by examples/gen-register.rs\n")
        .with_context(|| format!("cannot write {}", marker.display()))?;
    let mut child = git(dir)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .spawn()
        .context("cannot run git fast-import; is git installed?")?;
    let written = match child.stdin.take() {
        Some(stdin) => {
            let mut writer = Writer {
                out: BufWriter::with_capacity(1 << 20, stdin),
                reg,
                history,
                args,
                prefix,
                sharded,
                marks: 0,
                main: vec![None; reg.count()],
                branch: BTreeMap::new(),
                main_tip: 0,
                branch_tip: 0,
                config: 0,
                branches: Vec::new(),
                buf: Vec::with_capacity(4096),
            };
            writer.stream(commits)
        }
        None => Err(anyhow::anyhow!("cannot write to git fast-import")),
    };
    let status = child.wait().context("git fast-import did not finish")?;
    if !status.success() {
        bail!("git fast-import failed ({status})");
    }
    written?;
    // fast-import deltifies each object against the previous one it wrote for the same path,
    // in long chains from old to new; git's documentation recommends a full repack, which
    // stores the newest versions whole as any repository that went through `git gc` does.
    run_git(dir, &["repack", "-q", "-a", "-d", "-f"])?;
    run_git(dir, &["-c", "core.autocrlf=false", "reset", "-q", "--hard"])?;

    let merged = commits
        .iter()
        .filter(|c| matches!(c.kind, Kind::Merge(_)))
        .count();
    let when = |c: Option<&Planned>| Ymd(c.map_or(span.first, |c| c.day));
    Ok(format!(
        "committed {} commits ({} merges) from {} to {}{}",
        commits.len(),
        merged,
        when(commits.first()),
        when(commits.last()),
        match sharded {
            true => ", in folders by system and quarter until a commit near the end",
            false => "",
        }
    ))
}

/// A `git` command run in `dir`, unaffected by the repository variables of a calling git.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir);
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    ] {
        command.env_remove(var);
    }
    command
}

/// Runs a `git` command in `dir`.
fn run_git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = git(dir)
        .args(args)
        .status()
        .with_context(|| format!("cannot run git {}; is git installed?", args.join(" ")))?;
    if !status.success() {
        bail!("git {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// A file in a branch's tree: where, and the mark of its blob.
#[derive(Debug, Clone)]
struct Entry {
    /// Its path in the repository.
    path: String,
    /// Its place, to find its path in the final layout.
    place: Place,
    /// Its blob's mark.
    mark: u32,
}

/// Writes the `git fast-import` stream of a planned history.
struct Writer<'a, W: Write> {
    /// The stream.
    out: W,
    /// The final documents.
    reg: &'a Register,
    /// The versions and units.
    history: &'a History,
    /// The arguments (for the config).
    args: &'a Args,
    /// `--subdir` as a path prefix.
    prefix: &'a str,
    /// Whether documents are still in the sharded layout.
    sharded: bool,
    /// The last mark used.
    marks: u32,
    /// The main branch's files, by document number.
    main: Vec<Option<Entry>>,
    /// The open feature branch's files that differ from the main branch's.
    branch: BTreeMap<usize, Entry>,
    /// The mark of the main branch's last commit.
    main_tip: u32,
    /// The mark of the feature branch's last commit.
    branch_tip: u32,
    /// The mark of `riskreg.yaml`'s blob.
    config: u32,
    /// Names and first commit subjects of the feature branches so far.
    branches: Vec<(String, String)>,
    /// A reusable buffer for documents.
    buf: Vec<u8>,
}

impl<W: Write> Writer<'_, W> {
    /// Writes every commit, then deletes the feature branch and ends the stream.
    fn stream(&mut self, commits: &[Planned]) -> Result<()> {
        for commit in commits {
            match commit.kind {
                Kind::Import => self.import(commit)?,
                Kind::Edit { group, branch } => self.edit(commit, group, branch)?,
                Kind::Merge(branch) => self.merge(commit, branch)?,
                Kind::Flatten => self.flatten(commit)?,
            }
        }
        if !self.branches.is_empty() {
            writeln!(self.out, "reset {FEATURE_REF}\nfrom {}\n", "0".repeat(40))?;
        }
        writeln!(self.out, "done")?;
        self.out.flush()?;
        Ok(())
    }

    /// A new mark.
    fn mark(&mut self) -> u32 {
        self.marks += 1;
        self.marks
    }

    /// Writes the buffer as a blob; returns its mark.
    fn blob(&mut self) -> Result<u32> {
        let mark = self.mark();
        write!(self.out, "blob\nmark :{mark}\ndata {}\n", self.buf.len())?;
        self.out.write_all(&self.buf)?;
        self.out.write_all(b"\n")?;
        Ok(mark)
    }

    /// Writes version `i` of document `n` as a blob; returns its file.
    fn version(&mut self, n: usize, i: usize) -> Result<Entry> {
        let version = &self.history.versions[n][i];
        self.buf.clear();
        self.reg.render(&mut self.buf, n, &version.state)?;
        let mark = self.blob()?;
        let path = self.reg.path(n, version.place, self.sharded, self.prefix);
        Ok(Entry {
            path,
            place: version.place,
            mark,
        })
    }

    /// Starts a commit.
    fn header(
        &mut self,
        refname: &str,
        mark: u32,
        commit: &Planned,
        message: &str,
        from: Option<u32>,
        merge: Option<u32>,
    ) -> Result<()> {
        let (_, name, _, _) = OWNERS[commit.author];
        let who = format!("{name} <{}> {} +0000", email(name), commit.time);
        writeln!(self.out, "commit {refname}\nmark :{mark}")?;
        writeln!(self.out, "author {who}\ncommitter {who}")?;
        writeln!(self.out, "data {}\n{message}", message.len())?;
        if let Some(from) = from {
            writeln!(self.out, "from :{from}")?;
        }
        if let Some(merge) = merge {
            writeln!(self.out, "merge :{merge}")?;
        }
        Ok(())
    }

    /// The first commit: `riskreg.yaml` and the imported documents.
    fn import(&mut self, commit: &Planned) -> Result<()> {
        self.buf.clear();
        render_config(&mut self.buf, self.args.seed, self.args.as_of)?;
        self.config = self.blob()?;
        let mut counts = [0; 3];
        for (n, imported) in self.history.imported.iter().enumerate() {
            if let Some(i) = *imported {
                let entry = self.version(n, i)?;
                self.main[n] = Some(entry);
                counts[match self.reg.doc(n) {
                    Doc::Risk(_) => 0,
                    Doc::Mitigation(_) => 1,
                    Doc::Review(_) => 2,
                }] += 1;
            }
        }
        let message = match counts {
            [0, 0, 0] => "Start the risk register\n\nriskreg.yaml with our owners, rating \
                          scale, risk appetite and review cadence.\n"
                .to_owned(),
            [risks, mitigations, reviews] => format!(
                "Import the risk register from the spreadsheet\n\n{risks} risks, \
                 {mitigations} mitigations and {reviews} reviews, with riskreg.yaml\n\
                 for our owners, rating scale, risk appetite and review cadence.\n"
            ),
        };
        let mark = self.mark();
        self.header(MAIN_REF, mark, commit, &message, None, None)?;
        writeln!(
            self.out,
            "M 100644 :{} {}riskreg.yaml",
            self.config, self.prefix
        )?;
        for entry in self.main.iter().flatten() {
            writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
        }
        writeln!(self.out)?;
        self.main_tip = mark;
        Ok(())
    }

    /// A commit of a group of units, on the main branch or a feature branch.
    fn edit(&mut self, commit: &Planned, group: usize, branch: Option<usize>) -> Result<()> {
        // The last version of each document in the group.
        let mut latest: Vec<(usize, usize)> = Vec::new();
        let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
        for unit in &self.history.units[self.history.groups[group].clone()] {
            for &(n, i) in &unit.items {
                let (n, i) = (n as usize, i as usize);
                match seen.get(&n) {
                    Some(&at) => latest[at].1 = latest[at].1.max(i),
                    None => {
                        seen.insert(n, latest.len());
                        latest.push((n, i));
                    }
                }
            }
        }
        let mut changes = Vec::with_capacity(latest.len());
        for &(n, i) in &latest {
            let entry = self.version(n, i)?;
            let old = match branch {
                Some(_) => self.branch.get(&n).or(self.main[n].as_ref()),
                None => self.main[n].as_ref(),
            };
            let gone = old.filter(|e| e.path != entry.path).map(|e| e.path.clone());
            changes.push((n, gone, entry));
        }
        let message = self.message(&latest);
        let mark = self.mark();
        match branch {
            Some(b) => {
                let first = self.branches.len() <= b;
                if first {
                    let subject = message.lines().next().unwrap_or_default().to_owned();
                    let name = format!("{}/{}", OWNERS[commit.author].0, slug(&subject));
                    self.branches.push((name, subject));
                }
                let from = first.then_some(self.main_tip);
                self.header(FEATURE_REF, mark, commit, &message, from, None)?;
                self.branch_tip = mark;
            }
            None => {
                self.header(MAIN_REF, mark, commit, &message, None, None)?;
                self.main_tip = mark;
            }
        }
        for (n, gone, entry) in changes {
            if let Some(gone) = gone {
                writeln!(self.out, "D {gone}")?;
            }
            writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
            match branch {
                Some(_) => {
                    self.branch.insert(n, entry);
                }
                None => self.main[n] = Some(entry),
            }
        }
        writeln!(self.out)?;
        Ok(())
    }

    /// A merge commit bringing the feature branch's files into the main branch.
    fn merge(&mut self, commit: &Planned, branch: usize) -> Result<()> {
        let (name, subject) = self.branches.get(branch).cloned().unwrap_or_default();
        let message = format!(
            "Merge pull request #{} from northwind/{name}\n\n{subject}\n",
            branch + 1
        );
        let mark = self.mark();
        let tip = self.branch_tip;
        self.header(MAIN_REF, mark, commit, &message, None, Some(tip))?;
        for (n, entry) in std::mem::take(&mut self.branch) {
            if let Some(old) = self.main[n].as_ref().filter(|old| old.path != entry.path) {
                writeln!(self.out, "D {}", old.path)?;
            }
            writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
            self.main[n] = Some(entry);
        }
        writeln!(self.out)?;
        self.main_tip = mark;
        Ok(())
    }

    /// The commit moving every document from the sharded layout to the final one.
    fn flatten(&mut self, commit: &Planned) -> Result<()> {
        let message = "Flatten the register into risks/, mitigations/ and reviews/\n\n\
                       riskreg finds documents by their kind and ID; the folders by system \
                       and\nquarter only made them harder to find.\n";
        let mark = self.mark();
        self.header(MAIN_REF, mark, commit, message, None, None)?;
        self.sharded = false;
        writeln!(self.out, "deleteall")?;
        writeln!(
            self.out,
            "M 100644 :{} {}riskreg.yaml",
            self.config, self.prefix
        )?;
        for (n, entry) in self.main.iter_mut().enumerate() {
            if let Some(entry) = entry {
                entry.path = self.reg.path(n, entry.place, false, self.prefix);
                writeln!(self.out, "M 100644 :{} {}", entry.mark, entry.path)?;
            }
        }
        writeln!(self.out)?;
        self.main_tip = mark;
        Ok(())
    }

    /// The message of a commit of the given versions: what it does, and a line per document
    /// when there are several.
    fn message(&self, items: &[(usize, usize)]) -> String {
        let subjects: Vec<String> = items.iter().map(|&(n, i)| self.subject(n, i)).collect();
        let [(first, first_version), rest @ ..] = items else {
            return "Update the register\n".to_owned();
        };
        if rest.is_empty() {
            return format!("{}\n", subjects[0]);
        }
        let version = &self.history.versions[*first][*first_version];
        let adds_risk =
            matches!(self.reg.doc(*first), Doc::Risk(_)) && version.change == Change::Add;
        let subject = if adds_risk
            && rest.iter().all(|&(n, i)| {
                matches!(self.reg.doc(n), Doc::Mitigation(_))
                    && self.history.versions[n][i].change == Change::Add
            }) {
            let ids: Vec<&str> = rest.iter().map(|&(n, _)| self.reg.id(n)).collect();
            format!("{} (with {})", subjects[0], ids.join(", "))
        } else {
            let ids: Vec<&str> = items.iter().map(|&(n, _)| self.reg.id(n)).collect();
            match ids.len() {
                2 => format!("Update {} and {}", ids[0], ids[1]),
                3 => format!("Update {}, {} and {}", ids[0], ids[1], ids[2]),
                len => format!(
                    "Update {}, {} and {} more documents",
                    ids[0],
                    ids[1],
                    len - 2
                ),
            }
        };
        let mut message = format!("{subject}\n\n");
        for line in subjects.iter().take(30) {
            message.push_str(&format!("- {line}\n"));
        }
        if subjects.len() > 30 {
            message.push_str(&format!("- and {} more\n", subjects.len() - 30));
        }
        message
    }

    /// One line on what version `i` of document `n` changed.
    fn subject(&self, n: usize, i: usize) -> String {
        let reg = self.reg;
        let history = &self.history.versions[n];
        let version = &history[i];
        let id = reg.id(n);
        let owner = match version.state {
            State::Risk(s) => s.owner,
            State::Mitigation(s) => s.owner,
            State::Review(_) => CISO,
        };
        let text = match (version.change, version.state, reg.doc(n)) {
            (Change::Add, State::Risk(s), Doc::Risk(r)) => {
                let title = &reg.risks[r].title;
                let title = match s.short_title {
                    true => short_title(title).unwrap_or(title),
                    false => title,
                };
                format!("Add {id}: {title}")
            }
            (Change::Add, _, Doc::Mitigation(m)) => {
                let risk = &reg.risks[reg.mitigations[m].risks[0]];
                format!("Add {id} to treat {}", risk.id)
            }
            (Change::Add, _, Doc::Review(v)) => {
                format!("Add the minutes of the {}", reg.reviews[v].title)
            }
            (Change::Start, ..) => format!("Start work on {id}"),
            (Change::Block, ..) => format!("Mark {id} as blocked"),
            (Change::Complete, ..) => format!("Complete {id}"),
            (Change::Cancel, ..) => format!("Cancel {id}"),
            (Change::Log, ..) => format!("Log progress on {id}"),
            (Change::Replan, State::Mitigation(s), _) => {
                format!("Move the due date of {id} to {}", Ymd(s.due))
            }
            (Change::Reassign, ..) => format!("Hand {id} over to {}", OWNERS[owner].1),
            (Change::Describe, ..) => format!("Describe {id} in more detail"),
            (Change::Rate, ..) => format!("Re-rate the residual risk of {id}"),
            (Change::Decide, State::Risk(s), _) => {
                let decision = match s.treatment {
                    Treatment::Mitigate => "mitigate",
                    Treatment::Accept { .. } => "accept",
                    Treatment::Transfer { .. } => "transfer",
                    Treatment::Avoid { .. } => "avoid",
                };
                format!("Change the treatment of {id} to {decision}")
            }
            (Change::Approve, State::Risk(s), _) => match s.treatment {
                Treatment::Accept { approver, .. } => {
                    format!("Record the acceptance of {id} by {}", OWNERS[approver].1)
                }
                _ => format!("Accept {id}"),
            },
            (Change::Renew, State::Risk(s), _) => match s.treatment {
                Treatment::Accept { expires, .. } => {
                    format!("Renew the acceptance of {id} until {}", Ymd(expires))
                }
                _ => format!("Renew the acceptance of {id}"),
            },
            (Change::Retire, ..) => format!("Retire {id}"),
            (Change::Scope, ..) => format!("Add a system to {id}"),
            (Change::Outcomes, ..) => format!("Record the outcomes of {id}"),
            (Change::Note, ..) => format!("Add a note for reviewers to {id}"),
            (Change::Unnote, ..) => format!("Remove a stale comment from {id}"),
            (Change::Reformat, ..) => format!("Normalize the formatting of {id}"),
            (Change::Move, ..) => {
                let before = i.checked_sub(1).map_or(Place::Final, |j| history[j].place);
                match (before, version.place) {
                    (Place::Bare, _) => format!("Add the title to the file name of {id}"),
                    (Place::OldSlug, _) => format!("Retitle {id} and rename its file"),
                    (Place::Misfiled, _) => format!("Move {id} into the right folder"),
                    (Place::Archive, _) => format!("Move {id} out of the archive"),
                    (_, Place::Archive) => format!("Move {id} to the archive"),
                    _ => format!("Rename {id}"),
                }
            }
            _ => format!("Update {id}"),
        };
        match version.moved && version.change != Change::Move {
            true => format!("{text} and move its file"),
            false => text,
        }
    }
}
