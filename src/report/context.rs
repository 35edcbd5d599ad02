//! The report context: everything a treatment-plan template can show, as plain serializable
//! data. `riskreg report --format json` prints it, so template authors can see every field.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::finding::{Finding, Tally};
use crate::history::{Change, Event, History};
use crate::load::Register;
use crate::model::{Config, Decision, Mitigation, Rating, Risk, Status};
use crate::rules::Context;

/// Days ahead an acceptance's expiry counts as "expiring soon".
const EXPIRY_WARNING_DAYS: u64 = 60;

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
    /// riskreg's version.
    pub version: &'static str,
    /// The appetite statement and limits.
    pub appetite: Option<AppetiteView>,
    /// Counts for the summary section.
    pub summary: Summary,
    /// Impact x likelihood grids of active risks.
    pub heatmaps: Heatmaps,
    /// Every risk, active first then retired, by ID.
    pub risks: Vec<RiskView>,
    /// What needs attention now.
    pub attention: Attention,
    /// Review records dated within the period.
    pub reviews: Vec<ReviewView>,
    /// Changes committed within the period.
    pub changes: Vec<ChangeView>,
    /// Open findings from `riskreg check`.
    pub findings: Vec<FindingView>,
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

    fn contains(&self, date: NaiveDate) -> bool {
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

impl CommitRef {
    fn of(commit: &crate::git::Commit) -> Self {
        CommitRef {
            id: commit.id.clone(),
            short: commit.short_id().to_owned(),
            date: commit.date(),
            author: commit.author.clone(),
        }
    }
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
}

/// A count under a name, in a fixed order.
#[derive(Debug, Serialize)]
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
    /// Open findings by severity.
    pub findings: Tally,
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
}

/// The colour of a level by its rank among the config's levels.
pub fn tone(config: &Config, level: Option<&str>) -> &'static str {
    const TONES: [&str; 4] = ["green", "yellow", "orange", "red"];
    let Some(rank) = level.and_then(|name| config.level_rank(name)) else {
        return "none";
    };
    let last = config.levels.len().saturating_sub(1).max(1);
    TONES[(rank * (TONES.len() - 1) + last / 2) / last]
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

impl RatingView {
    fn of(config: &Config, rating: &Rating) -> Self {
        RatingView {
            impact: rating.impact,
            likelihood: rating.likelihood,
            score: rating.score(),
            level: config
                .level_of(rating.score())
                .map(|level| level.name.clone())
                .unwrap_or_default(),
            tone: tone(
                config,
                config
                    .level_of(rating.score())
                    .map(|level| level.name.as_str()),
            ),
        }
    }
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
    /// Anchor for links (`risk-r-001`).
    pub anchor: String,
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
    pub decision: Option<String>,
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
    /// Anchor for links (`action-m-001`).
    pub anchor: String,
    /// Title.
    pub title: String,
    /// Owner ID.
    pub owner: Option<String>,
    /// Owner's name.
    pub owner_name: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Status.
    pub status: String,
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
}

/// An evidence entry; `url` is set when it is a web link.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// As written.
    pub text: String,
    /// The link target, for http(s) links.
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
    /// Anchor of the document in the plan.
    pub anchor: String,
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: Option<String>,
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
    /// Attendees.
    pub attendees: Vec<String>,
    /// `all risks` or the list of risk IDs.
    pub scope: String,
    /// Minutes.
    pub notes: Option<String>,
    /// Decisions per risk.
    pub outcomes: Vec<(String, String)>,
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
    /// new-risk, new-action, new-review, status, completed, decision, rating, retired.
    pub kind: &'static str,
    /// What changed.
    pub description: String,
}

/// An open finding.
#[derive(Debug, Serialize)]
pub struct FindingView {
    /// Rule ID.
    pub rule: &'static str,
    /// error or warning.
    pub severity: &'static str,
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
}

/// The anchor of a document in the report (`risk-r-001`, `action-m-001`), made the way
/// GitHub and GitLab make heading anchors (lowercase; letters, digits, `-` and `_` kept;
/// other characters dropped), so the Markdown heading `Risk R-001` gets the same anchor.
pub fn anchor(prefix: &str, id: &str) -> String {
    format!("{prefix} {id}")
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The options of a report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The title; default "Risk treatment plan".
    pub title: Option<String>,
    /// As-of date.
    pub as_of: NaiveDate,
    /// Audit period.
    pub period: Period,
}

/// Builds the context from a checked register.
pub fn build(
    register: &Register,
    history: Option<&History>,
    findings: &[Finding],
    options: &ReportOptions,
) -> ReportContext {
    let ctx = Context::new(register, options.as_of, history);
    let config = &register.config;
    let owner_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| config.owner(id))
            .and_then(|owner| owner.name.clone())
    };
    let last_changed = |id: &str, path: &str| -> Option<LastChanged> {
        let history = history?;
        let uncommitted = history.is_dirty(path);
        let commit = history
            .doc(id)
            .and_then(|doc| doc.last_changed())
            .map(|event| CommitRef::of(&event.commit));
        Some(LastChanged {
            commit,
            uncommitted,
        })
    };
    let action_view = |path: &str, mitigation: &Mitigation| ActionView {
        id: mitigation.id.clone(),
        anchor: anchor("action", &mitigation.id),
        title: mitigation.title.clone(),
        owner: mitigation.owner.clone(),
        owner_name: owner_name(&mitigation.owner),
        due: mitigation.due,
        status: mitigation.status.as_str().to_owned(),
        completed_on: mitigation.completed_on,
        blocker: mitigation.blocker.clone(),
        evidence: mitigation
            .evidence
            .iter()
            .map(|text| Evidence {
                text: text.clone(),
                url: (text.starts_with("https://") || text.starts_with("http://"))
                    .then(|| text.clone()),
            })
            .collect(),
        path: path.to_owned(),
        last_changed: last_changed(&mitigation.id, path),
    };
    let actions_by_risk: HashMap<&str, Vec<ActionView>> = {
        let mut map: HashMap<&str, Vec<ActionView>> = HashMap::new();
        for (doc, mitigation) in &ctx.mitigations {
            let view = action_view(&doc.path, mitigation);
            for risk_id in &mitigation.risks {
                map.entry(risk_id.as_str()).or_default().push(view.clone());
            }
        }
        map.values_mut()
            .for_each(|actions| actions.sort_by(|a, b| a.id.cmp(&b.id)));
        map
    };
    let max_rank = config
        .appetite
        .as_ref()
        .and_then(|appetite| appetite.max_accepted_level.as_deref())
        .and_then(|name| config.level_rank(name));
    let mut risks: Vec<RiskView> = ctx
        .risks
        .iter()
        .map(|(doc, risk)| {
            risk_view(
                config,
                &doc.path,
                risk,
                &actions_by_risk,
                max_rank,
                &owner_name,
                &last_changed,
            )
        })
        .collect();
    risks.sort_by(|a, b| (a.retired.is_some(), &a.id).cmp(&(b.retired.is_some(), &b.id)));

    let active: Vec<&Risk> = ctx
        .risks
        .iter()
        .map(|(_, risk)| *risk)
        .filter(|risk| risk.is_active())
        .collect();
    let findings_of = |rule: &str| -> Vec<&Finding> {
        findings
            .iter()
            .filter(|finding| finding.rule == rule)
            .collect()
    };
    let attention = attention(
        &ctx,
        &findings_of("overdue"),
        &findings_of("stale-status"),
        options.as_of,
    );
    ReportContext {
        title: options
            .title
            .clone()
            .unwrap_or_else(|| "Risk treatment plan".to_owned()),
        organization: config.organization.clone(),
        as_of: options.as_of,
        period: options.period,
        commit: history
            .and_then(|history| history.tip.as_deref())
            .map(CommitRef::of),
        uncommitted: history.map_or(0, |history| history.dirty.len()),
        version: env!("CARGO_PKG_VERSION"),
        appetite: config.appetite.as_ref().map(|appetite| AppetiteView {
            statement: appetite.statement.clone(),
            max_accepted_level: appetite.max_accepted_level.clone(),
            exception_approvers: appetite.exception_approvers.clone(),
            acceptance_max_days: appetite.acceptance_max_days,
        }),
        summary: summary(
            config,
            &ctx,
            &active,
            findings,
            attention.overdue.len(),
            attention.stale.len(),
        ),
        heatmaps: Heatmaps {
            impact_labels: config.scale.impact.clone(),
            likelihood_labels: config.scale.likelihood.clone(),
            inherent: heatmap(
                config,
                active
                    .iter()
                    .map(|risk| (risk.id.as_str(), Some(&risk.inherent))),
            ),
            residual: heatmap(
                config,
                active
                    .iter()
                    .map(|risk| (risk.id.as_str(), risk.residual.as_ref())),
            ),
        },
        risks,
        attention,
        reviews: reviews(&ctx, &options.period),
        changes: history
            .map(|history| changes(history, &options.period))
            .unwrap_or_default(),
        findings: findings
            .iter()
            .map(|finding| FindingView {
                rule: finding.rule,
                severity: finding.severity.as_str(),
                message: finding.message.clone(),
                path: finding.path.clone(),
                line: finding.span.line,
                column: finding.span.column,
                document: finding.document.clone(),
            })
            .collect(),
    }
}

fn risk_view(
    config: &Config,
    path: &str,
    risk: &Risk,
    actions_by_risk: &HashMap<&str, Vec<ActionView>>,
    max_rank: Option<usize>,
    owner_name: &dyn Fn(&Option<String>) -> Option<String>,
    last_changed: &dyn Fn(&str, &str) -> Option<LastChanged>,
) -> RiskView {
    let treatment = risk.treatment.clone().unwrap_or_default();
    let actions = actions_by_risk
        .get(risk.id.as_str())
        .cloned()
        .unwrap_or_default();
    let live: Vec<&ActionView> = actions
        .iter()
        .filter(|action| action.status != Status::Cancelled.as_str())
        .collect();
    let accepted_rating = risk.residual.as_ref().unwrap_or(&risk.inherent);
    let within_appetite = (risk.decision() == Some(Decision::Accept))
        .then_some(())
        .and(max_rank)
        .and_then(|max| {
            let level = config.level_of(accepted_rating.score())?;
            Some(config.level_rank(&level.name)? <= max)
        });
    RiskView {
        id: risk.id.clone(),
        anchor: anchor("risk", &risk.id),
        title: risk.title.clone(),
        description: risk.description.clone(),
        owner: risk.owner.clone(),
        owner_name: owner_name(&risk.owner),
        identified: risk.identified,
        criteria: risk.criteria.clone(),
        systems: risk.systems.clone(),
        inherent: RatingView::of(config, &risk.inherent),
        residual: risk
            .residual
            .as_ref()
            .map(|rating| RatingView::of(config, rating)),
        decision: risk.decision().map(|decision| decision.as_str().to_owned()),
        rationale: treatment.rationale.clone(),
        approved_by_name: owner_name(&treatment.approved_by),
        approved_by: treatment.approved_by,
        approved_on: treatment.approved_on,
        expires: treatment.expires,
        within_appetite,
        transferred_to: treatment.transferred_to,
        retired: risk
            .retired
            .as_ref()
            .map(|retired| (retired.on, retired.reason.clone())),
        progress: Progress {
            done: live
                .iter()
                .filter(|action| action.status == Status::Completed.as_str())
                .count(),
            total: live.len(),
        },
        actions,
        path: path.to_owned(),
        last_changed: last_changed(&risk.id, path),
    }
}

fn counts(
    names: impl IntoIterator<Item = String>,
    values: impl IntoIterator<Item = String>,
) -> Vec<Count> {
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for value in values {
        *tally.entry(value).or_default() += 1;
    }
    let mut result: Vec<Count> = Vec::new();
    for name in names {
        let count = tally.remove(&name).unwrap_or(0);
        result.push(Count { name, count });
    }
    result.extend(tally.into_iter().map(|(name, count)| Count { name, count }));
    result
}

fn summary(
    config: &Config,
    ctx: &Context<'_>,
    active: &[&Risk],
    findings: &[Finding],
    overdue: usize,
    stale: usize,
) -> Summary {
    let level_names = || config.levels.iter().map(|level| level.name.clone());
    let level_of = |rating: &Rating| {
        config
            .level_of(rating.score())
            .map(|level| level.name.clone())
            .unwrap_or_default()
    };
    Summary {
        active_risks: active.len(),
        retired_risks: ctx.risks.len() - active.len(),
        by_decision: counts(
            ["mitigate", "accept", "transfer", "avoid", "untreated"].map(String::from),
            active.iter().map(|risk| {
                risk.decision()
                    .map_or("untreated", Decision::as_str)
                    .to_owned()
            }),
        ),
        by_inherent_level: counts(
            level_names(),
            active.iter().map(|risk| level_of(&risk.inherent)),
        ),
        by_residual_level: counts(
            level_names().chain(["not rated".to_owned()]),
            active.iter().map(|risk| {
                risk.residual
                    .as_ref()
                    .map_or_else(|| "not rated".to_owned(), level_of)
            }),
        ),
        actions_by_status: counts(
            [
                Status::Planned,
                Status::InProgress,
                Status::Blocked,
                Status::Completed,
                Status::Cancelled,
            ]
            .map(|status| status.as_str().to_owned()),
            ctx.mitigations
                .iter()
                .map(|(_, mitigation)| mitigation.status.as_str().to_owned()),
        ),
        overdue,
        stale,
        findings: Tally::of(findings),
    }
}

fn heatmap<'a>(
    config: &Config,
    ratings: impl Iterator<Item = (&'a str, Option<&'a Rating>)>,
) -> Heatmap {
    let impacts = config.scale.impact.len() as u32;
    let likelihoods = config.scale.likelihood.len() as u32;
    let mut cells: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
    let mut total = 0;
    for (id, rating) in ratings {
        let Some(rating) = rating else { continue };
        cells
            .entry((rating.likelihood, rating.impact))
            .or_default()
            .push(id.to_owned());
        total += 1;
    }
    let rows = (1..=likelihoods)
        .rev()
        .map(|likelihood| HeatmapRow {
            likelihood,
            label: config
                .scale
                .likelihood
                .get(likelihood as usize - 1)
                .cloned()
                .unwrap_or_default(),
            cells: (1..=impacts)
                .map(|impact| {
                    let risks = cells.remove(&(likelihood, impact)).unwrap_or_default();
                    let level = config.level_of(impact * likelihood);
                    HeatmapCell {
                        impact,
                        likelihood,
                        score: impact * likelihood,
                        tone: tone(config, level.map(|level| level.name.as_str())),
                        level: level.map(|level| level.name.clone()).unwrap_or_default(),
                        count: risks.len(),
                        risks,
                    }
                })
                .collect(),
        })
        .collect();
    Heatmap { rows, total }
}

fn attention(
    ctx: &Context<'_>,
    overdue: &[&Finding],
    stale: &[&Finding],
    as_of: NaiveDate,
) -> Attention {
    let mitigations: HashMap<&str, &Mitigation> = ctx
        .mitigations
        .iter()
        .map(|(_, m)| (m.id.as_str(), *m))
        .collect();
    let item =
        |finding: &&Finding, date: fn(&Mitigation) -> Option<NaiveDate>| -> Option<AttentionItem> {
            let id = finding.document.as_deref()?;
            let mitigation = mitigations.get(id)?;
            Some(AttentionItem {
                id: id.to_owned(),
                anchor: anchor("action", id),
                title: mitigation.title.clone(),
                owner: mitigation.owner.clone(),
                date: date(mitigation),
                note: finding.message.clone(),
            })
        };
    let horizon = as_of
        .checked_add_days(Days::new(EXPIRY_WARNING_DAYS))
        .unwrap_or(as_of);
    let mut expiring: Vec<AttentionItem> = ctx
        .accepted_risks()
        .filter_map(|(_, risk)| {
            let expires = risk.treatment.as_ref()?.expires?;
            (as_of <= expires && expires <= horizon).then(|| AttentionItem {
                id: risk.id.clone(),
                anchor: anchor("risk", &risk.id),
                title: risk.title.clone(),
                owner: risk.owner.clone(),
                date: Some(expires),
                note: format!(
                    "acceptance expires on {expires}, in {} days",
                    (expires - as_of).num_days()
                ),
            })
        })
        .collect();
    expiring.sort_by_key(|item| item.date);
    Attention {
        overdue: overdue
            .iter()
            .filter_map(|finding| item(finding, |m| m.due))
            .collect(),
        stale: stale
            .iter()
            .filter_map(|finding| item(finding, |_| None))
            .collect(),
        expiring,
    }
}

fn reviews(ctx: &Context<'_>, period: &Period) -> Vec<ReviewView> {
    let mut reviews: Vec<ReviewView> = ctx
        .reviews
        .iter()
        .filter(|(_, review)| period.contains(review.date))
        .map(|(_, review)| ReviewView {
            id: review.id.clone(),
            title: review.title.clone(),
            date: review.date,
            chair: review.chair.clone(),
            attendees: review.attendees.clone(),
            scope: match &review.risks {
                crate::model::ReviewScope::All(_) => "all risks".to_owned(),
                crate::model::ReviewScope::Risks(ids) => ids.join(", "),
            },
            notes: review.notes.clone(),
            outcomes: review
                .outcomes
                .iter()
                .map(|outcome| (outcome.risk.clone(), outcome.note.clone()))
                .collect(),
        })
        .collect();
    reviews.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    reviews
}

fn changes(history: &History, period: &Period) -> Vec<ChangeView> {
    let mut changes: Vec<(i64, ChangeView)> = Vec::new();
    for id in history.ids() {
        let Some(doc) = history.doc(id) else { continue };
        let kind = doc
            .events
            .iter()
            .rev()
            .find_map(kind_of)
            .unwrap_or_default();
        for event in doc
            .events
            .iter()
            .filter(|event| period.contains(event.commit.date()))
        {
            for (change, description) in describe(event, kind) {
                changes.push((
                    event.commit.time,
                    ChangeView {
                        date: event.commit.date(),
                        author: event.commit.author.clone(),
                        commit: event.commit.short_id().to_owned(),
                        id: id.to_owned(),
                        kind: change,
                        description,
                    },
                ));
            }
        }
    }
    changes.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    changes.into_iter().map(|(_, change)| change).collect()
}

fn kind_of(event: &Event) -> Option<&str> {
    event.after.as_ref()?.get("kind")?.as_str()
}

/// The report-worthy parts of an event: new documents, status changes, completions,
/// decisions, ratings, retirements.
fn describe(event: &Event, kind: &str) -> Vec<(&'static str, String)> {
    if event.change == Change::Added {
        let title = event
            .after
            .as_ref()
            .and_then(|after| after.get("title"))
            .and_then(|title| title.as_str());
        let change = match kind {
            "risk" => "new-risk",
            "mitigation" => "new-action",
            "review" => "new-review",
            _ => return Vec::new(),
        };
        return vec![(change, title.unwrap_or(kind).to_owned())];
    }
    event
        .fields
        .iter()
        .filter_map(|field| {
            let change = match field.field.as_str() {
                "status"
                    if field.after.as_ref().and_then(|value| value.as_str())
                        == Some("completed") =>
                {
                    "completed"
                }
                "status" => "status",
                "treatment.decision" => "decision",
                "inherent" | "residual" => "rating",
                "retired" => "retired",
                _ => return None,
            };
            Some((change, field.describe()))
        })
        .collect()
}
