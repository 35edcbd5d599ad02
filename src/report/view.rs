//! The report's template contract: every view type a treatment-plan template can show, as
//! plain serializable data. `riskreg report --format json` prints it, so template authors
//! can see every field. The builders in [`super::build`] fill it in.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::code::{Code, Severity};
use crate::finding::Tally;
use crate::model::{Decision, Status};

/// The whole report.
#[derive(Debug, Serialize)]
pub struct ReportContext {
    /// The report's title.
    pub title: String,
    /// The organization, from riskreg.yaml.
    pub organization: String,
    /// The date the report describes.
    pub as_of: NaiveDate,
    /// The audit period.
    pub period: Period,
    /// The commit the report was built from, when the register is in git.
    pub commit: Option<CommitRef>,
    /// Document files that differ from that commit (the report shows the work tree).
    pub uncommitted: usize,
    /// Whether the register was read as committed at `commit` (`--rev`, `--at`) rather
    /// than from the work tree.
    pub committed: bool,
    /// riskreg's version.
    pub version: &'static str,
    /// The appetite statement and limits.
    pub appetite: Option<AppetiteView>,
    /// How risks are rated and treated: the levels, treatment targets, review cadence.
    pub method: MethodView,
    /// Counts for the summary section.
    pub summary: Summary,
    /// Impact x likelihood grids of active risks.
    pub heatmaps: Heatmaps,
    /// Every risk, active first then retired, by ID.
    pub risks: Vec<RiskView>,
    /// Document files that could not be read as a risk, action or review (YAML or schema
    /// errors), by path: they are in no other table, heat map or count.
    pub unreadable: Vec<UnreadableView>,
    /// What needs attention now.
    pub attention: Attention,
    /// Review records dated within the period.
    pub reviews: Vec<ReviewView>,
    /// Changes committed within the period.
    pub changes: Vec<ChangeView>,
    /// Open findings from `riskreg check`, errors first, then by file and line.
    pub findings: Vec<FindingView>,
    /// The register at the end of every month of the audit period, when its history is
    /// there to read it from (filled in by the command, which evaluates it).
    pub trend: Option<super::trend::view::TrendView>,
}

/// The audit period, inclusive.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Period {
    /// First day.
    pub since: NaiveDate,
    /// Last day.
    pub until: NaiveDate,
}

impl Period {
    /// The period given, defaulting to the 12 months up to `as_of`.
    pub fn new(as_of: NaiveDate, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Self {
        let until = until.unwrap_or(as_of);
        let since = since.unwrap_or_else(|| {
            until
                .checked_sub_months(Months::new(12))
                .and_then(|date| date.checked_add_days(Days::new(1)))
                .unwrap_or(until)
        });
        Period { since, until }
    }

    /// Whether the date falls within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since <= date && date <= self.until
    }
}

/// A commit as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CommitRef {
    /// Full ID.
    pub id: String,
    /// Seven-character ID.
    pub short: String,
    /// Committer date.
    pub date: NaiveDate,
    /// Author name.
    pub author: String,
}

/// The appetite as configured.
#[derive(Debug, Serialize)]
pub struct AppetiteView {
    /// The statement in words.
    pub statement: Option<String>,
    /// The highest level accepted without an exception.
    pub max_accepted_level: Option<String>,
    /// Who may approve exceptions.
    pub exception_approvers: Vec<String>,
    /// Longest acceptance, in days.
    pub acceptance_max_days: Option<u32>,
    /// The exception approvers by name (the ID when the config has no name), in order.
    pub exception_approver_names: Vec<String>,
}

/// The rating and treatment method of the config.
#[derive(Debug, Serialize)]
pub struct MethodView {
    /// The levels, low to high, with their score bands and colours.
    pub levels: Vec<LevelView>,
    /// The longest time from identification to an action's due date, per inherent level,
    /// in the order of the levels.
    pub treatment_targets: Vec<TargetView>,
    /// Days between reviews.
    pub review_cadence_days: u32,
}

/// A level and the scores it covers.
#[derive(Debug, Serialize)]
pub struct LevelView {
    /// Its name.
    pub name: String,
    /// The lowest score.
    pub min: u32,
    /// The highest score on the scale.
    pub max: u32,
    /// Its colour: green, yellow, orange or red.
    pub tone: &'static str,
}

/// A treatment target.
#[derive(Debug, Serialize)]
pub struct TargetView {
    /// The inherent level.
    pub level: String,
    /// Days from identification to the due date, at most.
    pub days: u32,
}

/// A document file that could not be read.
#[derive(Debug, Serialize)]
pub struct UnreadableView {
    /// The file, relative to the register root.
    pub path: String,
    /// Its `kind:` when that could be read.
    pub kind: Option<String>,
    /// Its `id:` when that could be read.
    pub id: Option<String>,
    /// What is wrong: the messages of its `yaml-syntax` and `schema` findings.
    pub errors: Vec<String>,
}

/// A count under a name, in a fixed order.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// What is counted (a decision, level or status).
    pub name: String,
    /// How many.
    pub count: usize,
}

/// The summary section.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Active risks.
    pub active_risks: usize,
    /// Retired risks.
    pub retired_risks: usize,
    /// Active risks by treatment decision (`untreated` for none).
    pub by_decision: Vec<Count>,
    /// Active risks by inherent level, low to high.
    pub by_inherent_level: Vec<Count>,
    /// Active risks by residual level (`not rated` for none), low to high.
    pub by_residual_level: Vec<Count>,
    /// Mitigation actions by status.
    pub actions_by_status: Vec<Count>,
    /// Open actions past their due date.
    pub overdue: usize,
    /// Open actions not updated within the review cadence.
    pub stale: usize,
    /// Open actions whose due date was moved later at least once (from git).
    pub postponed: usize,
    /// Open findings by severity.
    pub findings: Tally,
    /// Document files that could not be read (listed in `unreadable`).
    pub unreadable: usize,
}

/// The inherent and residual heat maps.
#[derive(Debug, Serialize)]
pub struct Heatmaps {
    /// Labels of the impact axis, 1 to N.
    pub impact_labels: Vec<String>,
    /// Labels of the likelihood axis, 1 to N.
    pub likelihood_labels: Vec<String>,
    /// Before treatment.
    pub inherent: Heatmap,
    /// After treatment (risks without a residual rating are not counted).
    pub residual: Heatmap,
}

/// One grid: rows from the highest likelihood down, cells by impact from 1 up.
#[derive(Debug, Serialize)]
pub struct Heatmap {
    /// The rows.
    pub rows: Vec<HeatmapRow>,
    /// Risks counted in the grid.
    pub total: usize,
    /// Active risks left out for want of this rating (none for the inherent map).
    pub unrated: usize,
}

/// A row of a heat map.
#[derive(Debug, Serialize)]
pub struct HeatmapRow {
    /// The row's likelihood.
    pub likelihood: u32,
    /// Its label.
    pub label: String,
    /// Cells by impact.
    pub cells: Vec<HeatmapCell>,
}

/// A cell of a heat map.
#[derive(Debug, Serialize)]
pub struct HeatmapCell {
    /// Impact.
    pub impact: u32,
    /// Likelihood.
    pub likelihood: u32,
    /// impact x likelihood.
    pub score: u32,
    /// The level of that score.
    pub level: String,
    /// A colour for the level, low to high: green, yellow, orange, red.
    pub tone: &'static str,
    /// Active risks rated here.
    pub count: usize,
    /// Their IDs.
    pub risks: Vec<String>,
    /// The same risks with their titles and where the plan shows them.
    pub entries: Vec<RiskLink>,
}

/// A risk named in a heat-map cell or a review outcome.
#[derive(Debug, Clone, Serialize)]
pub struct RiskLink {
    /// ID.
    pub id: String,
    /// Title (empty when no risk has the ID).
    pub title: String,
    /// The anchor of the risk in the plan, when it is there.
    pub anchor: Option<String>,
}

/// A rating with its score and level.
#[derive(Debug, Serialize)]
pub struct RatingView {
    /// Impact.
    pub impact: u32,
    /// Likelihood.
    pub likelihood: u32,
    /// impact x likelihood.
    pub score: u32,
    /// The level name.
    pub level: String,
    /// The level's colour.
    pub tone: &'static str,
}

/// A document's last change, from git.
#[derive(Debug, Clone, Serialize)]
pub struct LastChanged {
    /// The commit (none when the change is not committed yet).
    pub commit: Option<CommitRef>,
    /// Whether the work tree holds uncommitted changes to the file.
    pub uncommitted: bool,
}

/// A risk and its treatment plan.
#[derive(Debug, Serialize)]
pub struct RiskView {
    /// ID.
    pub id: String,
    /// The anchor of its heading in the treatment plan, as GitHub makes it from the
    /// default template's heading, `heading` (`r-001--mfa-is-not-enforced`; a repeat gets
    /// `-1`); also its element's id in the HTML report.
    pub anchor: String,
    /// The text of its heading in the Markdown plan: `R-001 — Title`, the title's line
    /// breaks, symbols and `@` made spaces so that every renderer anchors it alike.
    pub heading: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Owner ID.
    pub owner: Option<String>,
    /// Owner's name, when the config has it.
    pub owner_name: Option<String>,
    /// When identified.
    pub identified: NaiveDate,
    /// Criteria.
    pub criteria: Vec<String>,
    /// Systems.
    pub systems: Vec<String>,
    /// Inherent rating.
    pub inherent: RatingView,
    /// Residual rating.
    pub residual: Option<RatingView>,
    /// mitigate, accept, transfer, avoid (none when untreated).
    pub decision: Option<Decision>,
    /// Why.
    pub rationale: Option<String>,
    /// accept: approver ID.
    pub approved_by: Option<String>,
    /// accept: approver's name.
    pub approved_by_name: Option<String>,
    /// accept: approval date.
    pub approved_on: Option<NaiveDate>,
    /// accept: expiry.
    pub expires: Option<NaiveDate>,
    /// accept: whether the accepted level is within the appetite (none without an appetite).
    pub within_appetite: Option<bool>,
    /// transfer: to whom.
    pub transferred_to: Option<String>,
    /// Retirement date and reason.
    pub retired: Option<(NaiveDate, String)>,
    /// Its mitigation actions.
    pub actions: Vec<ActionView>,
    /// Completed actions out of those not cancelled.
    pub progress: Progress,
    /// The file, relative to the register root.
    pub path: String,
    /// Last change from git.
    pub last_changed: Option<LastChanged>,
    /// Open findings on the risk, errors first.
    pub findings: Vec<FindingView>,
    /// An acceptance with an open finding on its treatment (outdated, expired, above the
    /// appetite, ...): it is not "within the appetite" until that is fixed.
    pub acceptance_questioned: bool,
}

/// Done out of total.
#[derive(Debug, Serialize)]
pub struct Progress {
    /// Completed actions.
    pub done: usize,
    /// Actions not cancelled.
    pub total: usize,
}

/// A mitigation action within a risk's plan.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// ID.
    pub id: String,
    /// The id of this rendering of the action (`action-m-001`): an action that treats
    /// several risks is shown under each, and the later renderings are `action-m-001-1`,
    /// `action-m-001-2`, ...
    pub anchor: String,
    /// Where links to the action lead: the anchor of its first rendering.
    pub link: String,
    /// Title.
    pub title: String,
    /// Owner ID.
    pub owner: Option<String>,
    /// Owner's name.
    pub owner_name: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Every move of the due date, oldest first (from git; empty without history).
    pub due_moves: Vec<DueMoveView>,
    /// Status.
    pub status: Status,
    /// Completion date.
    pub completed_on: Option<NaiveDate>,
    /// What blocks it.
    pub blocker: Option<String>,
    /// Evidence links and paths.
    pub evidence: Vec<Evidence>,
    /// The file, relative to the register root.
    pub path: String,
    /// Last change from git.
    pub last_changed: Option<LastChanged>,
    /// Its progress log, oldest first.
    pub updates: Vec<UpdateView>,
    /// Open findings on the action, errors first.
    pub findings: Vec<FindingView>,
}

/// An entry of an action's progress log.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// When.
    pub on: NaiveDate,
    /// What happened.
    pub note: String,
}

/// A move of an action's due date.
#[derive(Debug, Clone, Serialize)]
pub struct DueMoveView {
    /// The date before.
    pub from: NaiveDate,
    /// The date after.
    pub to: NaiveDate,
    /// Whether it moved later (a postponement).
    pub later: bool,
    /// The commit that recorded it (none when the work tree holds it, not committed yet).
    pub commit: Option<CommitRef>,
}

/// An evidence entry; `url` is set when it is a web link.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// As written.
    pub text: String,
    /// The link target, for http(s) links: the text with what a URL cannot hold (a space)
    /// percent-encoded.
    pub url: Option<String>,
}

/// What needs attention.
#[derive(Debug, Serialize)]
pub struct Attention {
    /// Open actions past due.
    pub overdue: Vec<AttentionItem>,
    /// Open actions not updated within the review cadence.
    pub stale: Vec<AttentionItem>,
    /// Acceptances expiring within 60 days of as-of.
    pub expiring: Vec<AttentionItem>,
}

/// One item needing attention.
#[derive(Debug, Serialize)]
pub struct AttentionItem {
    /// Document ID.
    pub id: String,
    /// The id of the document in the HTML report's plan (an action: its first rendering);
    /// none when the plan does not show it (an action that treats no known risk).
    pub anchor: Option<String>,
    /// The anchor of the Markdown heading it is shown under: the risk's, or for an action
    /// the heading of the first risk it treats; none when the plan does not show it.
    pub heading: Option<String>,
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: Option<String>,
    /// Owner's name.
    pub owner_name: Option<String>,
    /// The date concerned (due, last change, expiry).
    pub date: Option<NaiveDate>,
    /// Why it needs attention.
    pub note: String,
}

/// A review record.
#[derive(Debug, Serialize)]
pub struct ReviewView {
    /// ID.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: NaiveDate,
    /// Chair.
    pub chair: Option<String>,
    /// Chair's name (the ID when the config has no name).
    pub chair_name: Option<String>,
    /// Attendees.
    pub attendees: Vec<String>,
    /// Attendees by name (the ID when the config has no name), in order.
    pub attendee_names: Vec<String>,
    /// `all risks` or the list of risk IDs.
    pub scope: String,
    /// Minutes.
    pub notes: Option<String>,
    /// Decisions per risk.
    pub outcomes: Vec<(String, String)>,
    /// The same decisions, with each risk's title and anchor.
    pub outcome_list: Vec<OutcomeView>,
}

/// A review's decision on one risk.
#[derive(Debug, Serialize)]
pub struct OutcomeView {
    /// The risk.
    pub risk: RiskLink,
    /// What was decided.
    pub note: String,
}

/// A change committed within the period.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// Committer date.
    pub date: NaiveDate,
    /// Author.
    pub author: String,
    /// Short commit ID.
    pub commit: String,
    /// Document ID.
    pub id: String,
    /// What kind of change it is.
    pub kind: ChangeKind,
    /// What changed, field by field (`status: planned -> in-progress`).
    pub description: String,
    /// What changed, in words (`Status changed from planned to in-progress`).
    pub text: String,
}

/// The kinds of change the report lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A risk was added.
    NewRisk,
    /// A mitigation action was added.
    NewAction,
    /// A review record was added.
    NewReview,
    /// An action's status changed (to anything but completed).
    Status,
    /// An action was completed.
    Completed,
    /// A risk's treatment decision changed.
    Decision,
    /// A rating changed.
    Rating,
    /// A risk was retired.
    Retired,
    /// An action's due date moved.
    DueDate,
}

/// An open finding.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Rule ID.
    pub rule: Code,
    /// error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The file.
    pub path: String,
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
    /// Document ID.
    pub document: Option<String>,
    /// The field concerned, as a JSON pointer (empty for the whole document).
    pub field: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The id of the risk or action it concerns in the HTML plan, when the plan shows it.
    pub anchor: Option<String>,
    /// The anchor of the Markdown heading it is shown under, when the plan shows it.
    pub heading: Option<String>,
}

/// The anchor GitHub and GitLab give a heading `PREFIX ID` (`risk-r-001` for `Risk R-001`),
/// on its own: the `anchor` filter of the templates. The report's own anchors also number
/// repeats, as [`super::slug::Slugger`] does.
pub fn anchor(prefix: &str, id: &str) -> String {
    super::slug::slug(&format!("{prefix} {id}"))
}
