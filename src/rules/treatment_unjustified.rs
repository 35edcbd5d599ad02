//! `treatment-unjustified`: an accept, transfer or avoid decision without what backs it.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::{Decision, Treatment};

use super::{Reads, Rule, RuleMeta, is_blank};

declare_rule! {
    /// ## What it checks
    ///
    /// That a treatment decision carries what justifies it:
    /// - `accept`: `rationale`, `approved_by`, `approved_on` and `expires`;
    /// - `transfer`: `rationale` and `transferred_to`;
    /// - `avoid`: `rationale`.
    ///
    /// ## Why an auditor cares
    ///
    /// Accepting a risk is a management decision (SOC 2 CC3.2): the auditor asks who
    /// accepted it, when, why, and until when. A transfer must name who carries the risk
    /// now. Without these, the decision looks like a way to make a risk disappear.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// treatment:
    ///   decision: accept
    ///   rationale: Legacy admin tool is used by two people only
    ///   approved_by: cfo
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// treatment:
    ///   decision: accept
    ///   rationale: Legacy admin tool is used by two people only
    ///   approved_by: cfo
    ///   approved_on: 2026-02-01
    ///   expires: 2027-02-01
    /// ```
    pub struct TreatmentUnjustified {
        code: TreatmentUnjustified,
        reads: Reads::Register,
        summary: "accept, transfer or avoid without the rationale, approval or counterparty it needs",
    }
}

/// The fields a decision needs that this treatment lacks.
fn missing_fields(decision: Decision, treatment: &Treatment) -> Vec<&'static str> {
    let text = |value: &Option<String>| is_blank(value.as_deref());
    let required: Vec<(&'static str, bool)> = match decision {
        Decision::Mitigate => Vec::new(),
        Decision::Accept => vec![
            ("rationale", text(&treatment.rationale)),
            ("approved_by", text(&treatment.approved_by)),
            ("approved_on", treatment.approved_on.is_none()),
            ("expires", treatment.expires.is_none()),
        ],
        Decision::Transfer => vec![
            ("rationale", text(&treatment.rationale)),
            ("transferred_to", text(&treatment.transferred_to)),
        ],
        Decision::Avoid => vec![("rationale", text(&treatment.rationale))],
    };
    required
        .into_iter()
        .filter(|(_, missing)| *missing)
        .map(|(name, _)| name)
        .collect()
}

impl Rule for TreatmentUnjustified {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in &ctx.risks {
            let (Some(treatment), Some(decision)) = (&risk.treatment, risk.decision()) else {
                continue;
            };
            if !risk.is_active() {
                continue;
            }
            let missing = missing_fields(decision, treatment);
            if missing.is_empty() {
                continue;
            }
            let list = missing
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/treatment/decision",
                    format!(
                        "`{}` decision on {} lacks {list}",
                        decision.as_str(),
                        risk.id
                    ),
                )
                .with_label(format!("needs {list}"))
                .with_help(format!("add {list} under `treatment:`")),
            );
        }
    }
}
