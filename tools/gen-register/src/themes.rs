//! The risk families the register is drawn from, and the systems they concern.

use crate::rng::Rng;

/// A family of similar risks. `{sys}` in the texts is replaced by the display name of one of
/// `systems`.
pub struct Theme {
    /// The risk's title.
    pub title: &'static str,
    /// The SOC 2 (2017 TSC) criteria it bears on, most relevant first.
    pub criteria: &'static [&'static str],
    /// IDs of the systems it is found on (see [`SYSTEMS`]), separated by spaces.
    pub systems: &'static str,
    /// Two sentences of scenario for the description.
    pub scenario: [&'static str; 2],
    /// Titles of mitigation actions that treat it.
    pub actions: &'static [&'static str],
    /// Whether a scope qualifier ("in the EU region") reads well after the title.
    pub qualify: bool,
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
pub fn fill(template: &str, system: &str) -> String {
    let text = template.replace("{sys}", system_name(system));
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A uniform word of a space-separated list.
pub fn pick_word(rng: &mut Rng, words: &'static str) -> &'static str {
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
pub const THEMES: &[Theme] = &[
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
pub const QUALIFIERS: &[&str] = &[
    " in the EU region",
    " in the US region",
    " in the APAC region",
    " in the Brightline tenant",
];

/// Systems a risk may also concern, besides its theme's.
pub const EXTRA_SYSTEMS: &[&str] = &[
    "okta",
    "aws-prod",
    "github",
    "slack",
    "jira",
    "vault",
    "datadog",
    "google-workspace",
];

/// A risk title without its scope qualifier, if it has one.
pub fn short_title(title: &str) -> Option<&str> {
    QUALIFIERS
        .iter()
        .find_map(|qualifier| title.strip_suffix(qualifier))
}
