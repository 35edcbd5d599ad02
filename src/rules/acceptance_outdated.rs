//! `acceptance-outdated`: an accepted risk that changed after its approval.

use serde_json::Value;

use crate::finding::Finding;
use crate::index::Index;
use crate::source::fields;

use super::{Reads, Rule, RuleMeta};

/// The fields an approval covers.
const COVERED: [&str; 4] = ["/inherent", "/residual", "/systems", "/criteria"];

declare_rule! {
    /// ## What it checks
    ///
    /// From git: that an accepted risk's ratings (`inherent`, `residual`), `systems` and
    /// `criteria` are still what they were in the commit that recorded its current approval
    /// (`approved_by` and `approved_on`). Skipped without git history.
    ///
    /// ## Why an auditor cares
    ///
    /// The approver accepted a specific risk: this likelihood, these systems. If the risk
    /// was re-rated or widened afterwards, the approval no longer covers what the register
    /// now says is accepted.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # approved_on committed 2026-02-01 with inherent 3x3; re-rated on 2026-06-01:
    /// inherent: {impact: 4, likelihood: 4}
    /// treatment:
    ///   decision: accept
    ///   approved_by: cfo
    ///   approved_on: 2026-02-01
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # re-rated, then re-approved in a later commit:
    /// inherent: {impact: 4, likelihood: 4}
    /// treatment:
    ///   decision: accept
    ///   approved_by: ceo
    ///   approved_on: 2026-06-03
    /// ```
    pub struct AcceptanceOutdated {
        code: AcceptanceOutdated,
        reads: Reads::History(&["/inherent", "/residual", "/systems", "/criteria", "/treatment/approved_by", "/treatment/approved_on"]),
        summary: "(from git) an accepted risk whose rating, systems or criteria changed after the commit that recorded its approval",
    }
}

impl Rule for AcceptanceOutdated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in ctx.accepted_risks() {
            let Some(approval) = ctx.approval_event(risk) else {
                continue;
            };
            let (Some(approved), Some(node)) = (&approval.after, &doc.node) else {
                continue;
            };
            let current = node.to_json();
            for pointer in COVERED {
                let before = approved.pointer(pointer).unwrap_or(&Value::Null);
                let now = current.pointer(pointer).unwrap_or(&Value::Null);
                if before == now {
                    continue;
                }
                let field = &pointer[1..];
                let change = format!(
                    "{} -> {}",
                    fields::display(Some(before)),
                    fields::display(Some(now))
                );
                let when = match ctx
                    .history_of(&risk.id)
                    .and_then(|history| history.value_since(pointer, now))
                {
                    Some(event) => {
                        format!("in {} on {}", event.commit.short_id(), event.commit.date())
                    }
                    None => "in uncommitted changes".to_owned(),
                };
                out.push(
                    Finding::at_value(Self::CODE, doc, "/treatment/approved_on", format!(
                        "the acceptance of {} was approved in {} on {}, but its {field} changed afterwards ({change}) {when}",
                        risk.id,
                        approval.commit.short_id(),
                        approval.commit.date()
                    ))
                    .with_label("approval predates the change")
                    .with_help("have the approver review the risk as it stands and renew the approval (new `approved_on`)"),
                );
            }
        }
    }
}
