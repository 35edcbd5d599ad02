//! `untreated-risk`: an active risk with no treatment decision.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every active (not retired) risk has a `treatment.decision`: mitigate, accept,
    /// transfer or avoid.
    ///
    /// ## Why an auditor cares
    ///
    /// SOC 2 CC3.2 requires the organization to determine how to respond to each risk it
    /// identifies. A risk with no decision is the first thing an auditor flags: it was
    /// identified and then left alone.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-002
    /// title: Laptops with customer data can be stolen
    /// identified: 2026-03-01
    /// inherent: {impact: 4, likelihood: 3}
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-002
    /// title: Laptops with customer data can be stolen
    /// identified: 2026-03-01
    /// inherent: {impact: 4, likelihood: 3}
    /// treatment:
    ///   decision: mitigate
    /// ```
    pub struct UntreatedRisk {
        code: UntreatedRisk,
        reads: Reads::Register,
        summary: "an active risk with no treatment decision",
    }
}

impl Rule for UntreatedRisk {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in &ctx.risks {
            if !risk.is_active() || risk.decision().is_some() {
                continue;
            }
            let pointer = if risk.treatment.is_some() {
                "/treatment"
            } else {
                ""
            };
            out.push(
                Finding::at_key(Self::CODE, doc, pointer, format!("risk {} has no treatment decision", risk.id))
                    .with_label("no `treatment.decision`")
                    .with_help("add `treatment:` with `decision: mitigate`, `accept`, `transfer` or `avoid` (SOC 2 CC3.2)"),
            );
        }
    }
}
