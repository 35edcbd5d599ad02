//! Writes a large synthetic SOC 2 risk register, for benchmarks, demos and fuzzing the linter
//! against realistic input.
//!
//! ```text
//! cargo run --release --example gen-register -- DIR --risks 10000 --mitigations 20000 \
//!     [--reviews 8] [--seed 42] [--as-of 2026-11-20] [--defects 0.01] [--force]
//! ```
//!
//! The register has the layout `riskreg init` creates: `DIR/riskreg.yaml` (50 owners, five of
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

use std::fmt;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::path::PathBuf;

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
    /// Replace the register in DIR if DIR is not empty.
    #[arg(long)]
    force: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if !(0.0..=1.0).contains(&args.defects) {
        bail!("--defects must be between 0 and 1, got {}", args.defects);
    }
    let mut generator = Generator {
        rng: Rng::new(args.seed),
        as_of: args.as_of.num_days_from_ce(),
        defects: args.defects,
    };

    let mut risks = generator.risks(args.risks, args.mitigations);
    let mitigations = generator.mitigations(&risks, args.mitigations)?;
    generator.reassess(&mut risks, &mitigations);
    let reviews = generator.reviews(&risks, args.reviews);

    prepare_dir(&args.dir, args.force)?;
    write_config(&args.dir.join("riskreg.yaml"), &args)?;
    for risk in &risks {
        let path = args
            .dir
            .join("risks")
            .join(format!("{}-{}.yaml", risk.id, risk.slug));
        write_risk(&path, risk)?;
    }
    for mitigation in &mitigations {
        let name = format!("{}-{}.yaml", mitigation.id, mitigation.slug);
        write_mitigation(&args.dir.join("mitigations").join(name), mitigation, &risks)?;
    }
    for review in &reviews {
        let path = args.dir.join("reviews").join(format!("{}.yaml", review.id));
        write_review(&path, review, &risks)?;
    }

    println!(
        "wrote {} risks, {} mitigations, {} reviews to {}",
        risks.len(),
        mitigations.len(),
        reviews.len(),
        args.dir.display()
    );
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
#[derive(Debug, Clone, Copy)]
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
#[derive(Debug, Clone, Copy)]
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
fn write_text(w: &mut impl Write, key: &str, lines: &[String]) -> Result<()> {
    writeln!(w, "{key}: |")?;
    for line in lines {
        writeln!(w, "  {line}")?;
    }
    Ok(())
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

/// Writes `riskreg.yaml`.
fn write_config(path: &Path, args: &Args) -> Result<()> {
    let mut w = create(path)?;
    writeln!(
        w,
        "# Synthetic register written by `cargo run --example gen-register`"
    )?;
    writeln!(
        w,
        "# (seed {}, consistent as of {}).",
        args.seed, args.as_of
    )?;
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
        let email = name.to_ascii_lowercase().replace(' ', ".");
        writeln!(w, "  - id: {id}")?;
        writeln!(w, "    name: {}", block(name))?;
        writeln!(w, "    email: {email}@{DOMAIN}")?;
        writeln!(w, "    role: {}", block(role))?;
        if approver {
            writeln!(w, "    approver: true")?;
        }
    }
    writeln!(w, "ignore: [drafts/**]")?;
    finish(w, path)
}

/// Writes a risk document.
fn write_risk(path: &Path, risk: &RiskDoc) -> Result<()> {
    let mut w = create(path)?;
    writeln!(w, "kind: risk")?;
    writeln!(w, "id: {}", risk.id)?;
    writeln!(w, "title: {}", block(&risk.title))?;
    write_text(&mut w, "description", &risk.description)?;
    writeln!(w, "owner: {}", OWNERS[risk.owner].0)?;
    writeln!(w, "identified: {}", Ymd(risk.identified))?;
    w.write_all(b"criteria: ")?;
    write_list(&mut w, risk.criteria.iter().copied())?;
    w.write_all(b"systems: ")?;
    write_list(&mut w, risk.systems.iter().copied())?;
    let rating = |r: Rating| format!("{{impact: {}, likelihood: {}}}", r.impact, r.likelihood);
    writeln!(w, "inherent: {}", rating(risk.inherent))?;
    if let Some(residual) = risk.residual {
        writeln!(w, "residual: {}", rating(residual))?;
    }
    writeln!(w, "treatment:")?;
    match risk.treatment {
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
            writeln!(w, "  approved_on: {}", Ymd(approved_on))?;
            writeln!(w, "  expires: {}", Ymd(expires))?;
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
    if let Some((on, reason)) = risk.retired {
        writeln!(w, "retired: {{on: {}, reason: {}}}", Ymd(on), flow(reason))?;
    }
    finish(w, path)
}

/// Writes a mitigation document.
fn write_mitigation(path: &Path, m: &MitigationDoc, risks: &[RiskDoc]) -> Result<()> {
    let mut w = create(path)?;
    writeln!(w, "kind: mitigation")?;
    writeln!(w, "id: {}", m.id)?;
    writeln!(w, "title: {}", block(&m.title))?;
    if !m.description.is_empty() {
        write_text(&mut w, "description", &m.description)?;
    }
    w.write_all(b"risks: ")?;
    write_list(&mut w, m.risks.iter().map(|&r| risks[r].id.as_str()))?;
    writeln!(w, "owner: {}", OWNERS[m.owner].0)?;
    writeln!(w, "due: {}", Ymd(m.due))?;
    writeln!(w, "status: {}", m.status.as_str())?;
    if let Some(on) = m.completed_on {
        writeln!(w, "completed_on: {}", Ymd(on))?;
    }
    if let Some(blocker) = m.blocker {
        writeln!(w, "blocker: {}", block(blocker))?;
    }
    if !m.evidence.is_empty() {
        writeln!(w, "evidence:")?;
        for link in &m.evidence {
            writeln!(w, "  - {}", block(link))?;
        }
    }
    if !m.updates.is_empty() {
        writeln!(w, "updates:")?;
        for &(on, note) in &m.updates {
            writeln!(w, "  - {{on: {}, note: {}}}", Ymd(on), flow(note))?;
        }
    }
    finish(w, path)
}

/// Writes a review record.
fn write_review(path: &Path, review: &ReviewDoc, risks: &[RiskDoc]) -> Result<()> {
    let mut w = create(path)?;
    writeln!(w, "kind: review")?;
    writeln!(w, "id: {}", review.id)?;
    writeln!(w, "title: {}", block(&review.title))?;
    writeln!(w, "date: {}", Ymd(review.date))?;
    writeln!(w, "chair: {}", OWNERS[CISO].0)?;
    w.write_all(b"attendees: ")?;
    write_list(&mut w, review.attendees.iter().map(|&o| OWNERS[o].0))?;
    match &review.scope {
        None => writeln!(w, "risks: all")?,
        Some(scope) => {
            writeln!(w, "risks:")?;
            for &risk in scope {
                writeln!(w, "  - {}", risks[risk].id)?;
            }
        }
    }
    write_text(&mut w, "notes", &review.notes)?;
    if !review.outcomes.is_empty() {
        writeln!(w, "outcomes:")?;
        for &(risk, note) in &review.outcomes {
            writeln!(w, "  - {{risk: {}, note: {}}}", risks[risk].id, flow(note))?;
        }
    }
    finish(w, path)
}
