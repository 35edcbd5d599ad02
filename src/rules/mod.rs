//! The rules: one file per rule, each with its documentation beside its code.
//!
//! A rule is declared with [`declare_rule!`], whose doc comment is the text
//! `riskreg explain RULE` prints, in a fixed form: what it checks, why an auditor cares,
//! a failing example and a passing example.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::finding::{Finding, Severity};
use crate::history::{DocHistory, History};
use crate::load::{Document, Register};
use crate::model::{
    Body, Config, Decision, Kind, Level, Mitigation, Rating, Review, Risk, RuleSetting,
};

/// Declares a rule's struct and its [`RuleMeta`] from a doc comment and three fields.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub struct $name:ident {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal
            $(, needs_history: $history:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub struct $name;

        impl $name {
            /// The rule's ID, default severity, summary and documentation.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                needs_history: false $(|| $history)?,
                code: $code,
                default_severity: $crate::finding::Severity::$severity,
                summary: $summary,
                doc: concat!($($doc, "\n"),+),
            };
        }
    };
}

pub mod acceptance_exceeds_appetite;
pub mod acceptance_expired;
pub mod acceptance_outdated;
pub mod approver_not_authorized;
pub mod backdated_entry;
pub mod blocked_without_reason;
pub mod completion_undated;
pub mod completion_without_evidence;
pub mod due_beyond_target;
pub mod duplicate_id;
pub mod future_date;
pub mod id_filename_mismatch;
pub mod missing_due_date;
pub mod missing_owner;
pub mod mitigation_missing;
pub mod overdue;
pub mod residual_not_reassessed;
pub mod review_overdue;
pub mod schema;
pub mod self_approval;
pub mod stale_status;
pub mod treatment_unjustified;
pub mod unknown_criterion;
pub mod unknown_reference;
pub mod untreated_risk;
pub mod yaml_syntax;

/// What every rule declares about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Whether the rule needs git history (it is skipped without it).
    pub needs_history: bool,
    /// The stable kebab-case ID.
    pub code: &'static str,
    /// The severity unless `rules:` in the config says otherwise.
    pub default_severity: Severity,
    /// One line for `riskreg rules`.
    pub summary: &'static str,
    /// The documentation `riskreg explain` prints (Markdown).
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, without the doc comments' leading space.
    pub fn documentation(&self) -> String {
        let mut text = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }
}

/// A check over the whole register.
pub trait Rule: Sync {
    /// The rule's ID, severity and documentation.
    fn meta(&self) -> &'static RuleMeta;

    /// Adds the rule's findings to `out`. Rules whose findings come from loading
    /// (`yaml-syntax`) keep this default, which finds nothing more.
    fn check(&self, _ctx: &Context<'_>, _out: &mut Vec<Finding>) {}
}

/// Every rule, in alphabetical order of ID.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &acceptance_exceeds_appetite::AcceptanceExceedsAppetite,
        &acceptance_expired::AcceptanceExpired,
        &acceptance_outdated::AcceptanceOutdated,
        &approver_not_authorized::ApproverNotAuthorized,
        &backdated_entry::BackdatedEntry,
        &blocked_without_reason::BlockedWithoutReason,
        &completion_undated::CompletionUndated,
        &completion_without_evidence::CompletionWithoutEvidence,
        &due_beyond_target::DueBeyondTarget,
        &duplicate_id::DuplicateId,
        &future_date::FutureDate,
        &id_filename_mismatch::IdFilenameMismatch,
        &missing_due_date::MissingDueDate,
        &missing_owner::MissingOwner,
        &mitigation_missing::MitigationMissing,
        &overdue::Overdue,
        &residual_not_reassessed::ResidualNotReassessed,
        &review_overdue::ReviewOverdue,
        &schema::Schema,
        &self_approval::SelfApproval,
        &stale_status::StaleStatus,
        &treatment_unjustified::TreatmentUnjustified,
        &unknown_criterion::UnknownCriterion,
        &unknown_reference::UnknownReference,
        &untreated_risk::UntreatedRisk,
        &yaml_syntax::YamlSyntax,
    ]
}

/// The rule with this ID.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|rule| rule.meta().code == code)
}

/// The register as rules see it: typed documents with indexes, the config and the date.
pub struct Context<'a> {
    /// The register being checked.
    pub register: &'a Register,
    /// Its config.
    pub config: &'a Config,
    /// The date every date rule compares against.
    pub as_of: NaiveDate,
    /// The register's history from git, when there is one.
    pub history: Option<&'a History>,
    /// Every risk that deserialized, in path order.
    pub risks: Vec<(&'a Document, &'a Risk)>,
    /// Every mitigation that deserialized, in path order.
    pub mitigations: Vec<(&'a Document, &'a Mitigation)>,
    /// Every review that deserialized, in path order.
    pub reviews: Vec<(&'a Document, &'a Review)>,
    risks_by_id: HashMap<&'a str, &'a Risk>,
    mitigations_by_risk: HashMap<&'a str, Vec<&'a Mitigation>>,
    /// Risk IDs listed by mitigations that have a `schema` error (and are not cancelled):
    /// they still count as treating the risk, so one bad file gives one finding, not two.
    risks_in_invalid_mitigations: HashSet<&'a str>,
}

impl<'a> Context<'a> {
    /// Indexes the register.
    pub fn new(register: &'a Register, as_of: NaiveDate, history: Option<&'a History>) -> Self {
        let mut ctx = Context {
            register,
            config: &register.config,
            as_of,
            history,
            risks: Vec::new(),
            mitigations: Vec::new(),
            reviews: Vec::new(),
            risks_by_id: HashMap::new(),
            mitigations_by_risk: HashMap::new(),
            risks_in_invalid_mitigations: HashSet::new(),
        };
        for doc in &register.documents {
            match &doc.body {
                Some(Body::Risk(risk)) => {
                    ctx.risks.push((doc, risk));
                    ctx.risks_by_id.entry(risk.id.as_str()).or_insert(risk);
                }
                Some(Body::Mitigation(mitigation)) => {
                    ctx.mitigations.push((doc, mitigation));
                    for risk_id in &mitigation.risks {
                        ctx.mitigations_by_risk
                            .entry(risk_id.as_str())
                            .or_default()
                            .push(mitigation);
                    }
                }
                Some(Body::Review(review)) => ctx.reviews.push((doc, review)),
                None => {
                    if let (Some(Kind::Mitigation), Some(node)) = (doc.kind, &doc.node) {
                        ctx.risks_in_invalid_mitigations.extend(risks_listed(node));
                    }
                }
            }
        }
        ctx
    }

    /// The risk with this ID.
    pub fn risk(&self, id: &str) -> Option<&'a Risk> {
        self.risks_by_id.get(id).copied()
    }

    /// Whether a mitigation that failed schema validation lists this risk (unless it says
    /// it is cancelled).
    pub fn listed_by_invalid_mitigation(&self, risk_id: &str) -> bool {
        self.risks_in_invalid_mitigations.contains(risk_id)
    }

    /// The mitigations that list this risk.
    pub fn mitigations_of(&self, risk_id: &str) -> &[&'a Mitigation] {
        self.mitigations_by_risk
            .get(risk_id)
            .map_or(&[], Vec::as_slice)
    }

    /// The history of a document, when git history is available and has the ID.
    pub fn history_of(&self, id: &str) -> Option<&'a DocHistory> {
        self.history?.doc(id)
    }

    /// Every active risk whose decision is `accept`.
    pub fn accepted_risks(&self) -> impl Iterator<Item = (&'a Document, &'a Risk)> + '_ {
        self.risks
            .iter()
            .copied()
            .filter(|(_, risk)| risk.is_active() && risk.decision() == Some(Decision::Accept))
    }

    /// The level of a rating under the config's levels.
    pub fn level_of(&self, rating: &Rating) -> Option<&'a Level> {
        self.config.level_of(rating.score())
    }
}

/// The effective severity of a rule under the config's `rules:`; `None` when it is off.
pub fn severity(config: &Config, meta: &RuleMeta) -> Option<Severity> {
    match config.rules.get(meta.code) {
        None => Some(meta.default_severity),
        Some(RuleSetting::Error) => Some(Severity::Error),
        Some(RuleSetting::Warning) => Some(Severity::Warning),
        Some(RuleSetting::Off) => None,
    }
}

/// Runs every enabled rule over the register and merges in the loader's findings; applies
/// the config's severities and sorts the result.
pub fn check(
    register: &Register,
    as_of: NaiveDate,
    history: Option<&History>,
    load_findings: Vec<Finding>,
) -> Vec<Finding> {
    let ctx = Context::new(register, as_of, history);
    let config = &register.config;
    let mut findings: Vec<Finding> = all()
        .par_iter()
        .filter(|rule| severity(config, rule.meta()).is_some())
        .flat_map_iter(|rule| {
            let mut out = Vec::new();
            rule.check(&ctx, &mut out);
            out
        })
        .collect();
    findings.extend(load_findings);
    findings.retain_mut(|finding| {
        let meta = find(finding.rule).map(|rule| rule.meta());
        match meta.map(|meta| severity(config, meta)) {
            Some(None) => false,
            Some(Some(level)) => {
                finding.severity = level;
                true
            }
            None => true,
        }
    });
    Finding::sort(&mut findings);
    findings
}

/// The risk IDs a (possibly invalid) mitigation's tree lists, unless its status is
/// `cancelled`.
fn risks_listed(node: &crate::load::Node) -> Vec<&str> {
    use crate::load::NodeValue;
    let cancelled = node.get("status").is_some_and(
        |entry| matches!(&entry.value.value, NodeValue::String(status) if status == "cancelled"),
    );
    match node.get("risks").map(|entry| &entry.value.value) {
        Some(NodeValue::Seq(items)) if !cancelled => items
            .iter()
            .filter_map(|item| match &item.value {
                NodeValue::String(id) => Some(id.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether an optional text is absent or only white space.
pub fn is_blank(value: Option<&str>) -> bool {
    value.is_none_or(|text| text.trim().is_empty())
}

impl Context<'_> {
    /// Whether a mitigation still matters: it treats at least one active (or unknown) risk.
    /// Actions whose risks are all retired are history only.
    pub fn treats_active_risk(&self, mitigation: &Mitigation) -> bool {
        mitigation
            .risks
            .iter()
            .any(|id| self.risk(id).is_none_or(Risk::is_active))
    }
}

impl<'a> Context<'a> {
    /// The event that recorded an accepted risk's current approval: the later of the
    /// commits since which `approved_by` and `approved_on` have held their current values.
    pub fn approval_event(&self, risk: &Risk) -> Option<&'a crate::history::Event> {
        let treatment = risk.treatment.as_ref()?;
        let approved_by = serde_json::Value::String(treatment.approved_by.clone()?);
        let approved_on = serde_json::Value::String(treatment.approved_on?.to_string());
        let history = self.history_of(&risk.id)?;
        let by = history.value_since("/treatment/approved_by", &approved_by)?;
        let on = history.value_since("/treatment/approved_on", &approved_on)?;
        let position = |event: &crate::history::Event| {
            history
                .events
                .iter()
                .position(|candidate| std::ptr::eq(candidate, event))
        };
        Some(if position(by) > position(on) { by } else { on })
    }
}
