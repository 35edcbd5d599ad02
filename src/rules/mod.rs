//! The rules: one file per rule, each with its documentation beside its code.
//!
//! A rule is declared with [`declare_rule!`], whose doc comment is the text
//! `riskreg explain RULE` prints, in a fixed form: what it checks, why an auditor cares,
//! a failing example and a passing example.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::code::{Code, Severity};
use crate::finding::Finding;
use crate::history::History;
use crate::index::Index;
use crate::load::Register;
use crate::model::{Config, RuleSetting};

/// Declares a rule's struct and its [`RuleMeta`] from a doc comment, its code (a
/// [`Code`] variant, whose table holds the default severity), what it reads and a summary.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub struct $name:ident {
            code: $code:ident,
            reads: $reads:expr,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub struct $name;

        impl $name {
            /// The code of the rule's findings.
            pub const CODE: $crate::code::Code = $crate::code::Code::$code;

            /// The rule's code, inputs, summary and documentation.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: Self::CODE,
                reads: $reads,
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
pub mod due_postponed;
pub mod duplicate_id;
pub mod future_date;
pub mod hidden_text;
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
pub mod vague_action;
pub mod yaml_syntax;

/// What a rule reads. Declared beside each rule, so what it depends on is visible where it
/// is written and a test can hold the history to what the rules ask of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// The files as read: their YAML trees, the config's included (the loader reports its
    /// own findings while reading them).
    Files,
    /// The typed register and its config.
    Register,
    /// The register and its git history, without which it is skipped; past values of these
    /// fields (JSON pointers) are looked up in the history.
    History(&'static [&'static str]),
    /// The register, and its git history when there is one (it checks less without); past
    /// values of these fields are looked up in the history.
    RegisterAndHistory(&'static [&'static str]),
}

/// What every rule declares about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The code of its findings.
    pub code: Code,
    /// What it reads.
    pub reads: Reads,
    /// One line for `riskreg rules`.
    pub summary: &'static str,
    /// The documentation `riskreg explain` prints (Markdown).
    pub doc: &'static str,
}

impl RuleMeta {
    /// Whether the rule needs git history (it is skipped without it).
    pub fn needs_history(&self) -> bool {
        matches!(self.reads, Reads::History(_))
    }

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
    fn check(&self, _ctx: &Index<'_>, _out: &mut Vec<Finding>) {}
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
        &due_postponed::DuePostponed,
        &duplicate_id::DuplicateId,
        &future_date::FutureDate,
        &hidden_text::HiddenText,
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
        &vague_action::VagueAction,
        &yaml_syntax::YamlSyntax,
    ]
}

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    Code::from_name(name).map(rule_of)
}

/// The rule of a code (every code has one; the guard test below holds that).
pub fn rule_of(code: Code) -> &'static dyn Rule {
    let rules = all();
    rules[rules
        .binary_search_by_key(&code, |rule| rule.meta().code)
        .unwrap_or_default()]
}

/// The effective severity of a rule under the config's `rules:`; `None` when it is off.
pub fn severity(config: &Config, meta: &RuleMeta) -> Option<Severity> {
    match config.rules.severities.get(meta.code.as_str()) {
        None => Some(meta.code.default_severity()),
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
    let ctx = Index::new(register, as_of, history);
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
    findings.retain_mut(
        |finding| match severity(config, rule_of(finding.rule).meta()) {
            None => false,
            Some(level) => {
                finding.severity = level;
                true
            }
        },
    );
    Finding::sort(&mut findings);
    findings
}

/// Whether an optional text is absent or only white space.
pub fn is_blank(value: Option<&str>) -> bool {
    value.is_none_or(|text| text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_rule_in_code_order() {
        let codes: Vec<Code> = all().iter().map(|rule| rule.meta().code).collect();
        assert_eq!(
            codes,
            Code::ALL,
            "one rule per code, listed in the order of `Code::ALL`"
        );
        for &code in Code::ALL {
            assert_eq!(rule_of(code).meta().code, code);
            assert_eq!(find(code.as_str()).map(|rule| rule.meta().code), Some(code));
        }
    }

    #[test]
    fn every_field_a_rule_reads_from_history_is_tracked() {
        for rule in all() {
            let meta = rule.meta();
            let fields = match meta.reads {
                Reads::History(fields) | Reads::RegisterAndHistory(fields) => fields,
                Reads::Files | Reads::Register => &[],
            };
            for field in fields {
                assert!(
                    crate::history::is_tracked(field),
                    "`{}` reads past values of `{field}`, which the history does not keep; add it to `history::tracked::TRACKED_FIELDS`",
                    meta.code
                );
            }
        }
    }
}
