//! `unknown-criterion`: a `criteria` entry that is not a SOC 2 criterion nor a configured
//! framework's control.

use std::collections::HashSet;

use crate::finding::Finding;
use crate::index::Index;
use crate::model::soc2;
use crate::suggest;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every entry of a risk's `criteria` is a SOC 2 trust services criterion (the 2017
    /// TSC: CC1.1 to CC9.2, A1.1 to A1.3, C1.1 and C1.2, PI1.1 to PI1.5, P1.1 to P8.1) or a
    /// control ID of one of the config's `frameworks` (ISO/IEC 27001 Annex A, say).
    ///
    /// A note on a common mis-citation: the criterion for deciding how to respond to risks
    /// (mitigate, accept, transfer, avoid) is CC3.2. Many guides cite it as CC3.3, which is
    /// the fraud-risk criterion; both are valid IDs, so check you mean the right one.
    ///
    /// ## Why an auditor cares
    ///
    /// The auditor maps risks to the criteria in scope. A typo (`CC6.10`, `CC 6.1`) hides a
    /// risk from that mapping and suggests the register was not kept with care.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-001
    /// criteria: [CC6.10, SOC2-access]
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-001
    /// criteria: [CC6.1, CC6.6, A.8.5]   # A.8.5 listed under frameworks: in riskreg.yaml
    /// ```
    pub struct UnknownCriterion {
        code: UnknownCriterion,
        reads: Reads::Register,
        summary: "a criteria entry that is not a SOC 2 (2017 TSC) criterion nor a configured framework's",
    }
}

impl Rule for UnknownCriterion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let soc2 = soc2::criteria();
        let extra: HashSet<&str> = ctx
            .config
            .frameworks
            .iter()
            .flat_map(|framework| framework.criteria.iter().map(String::as_str))
            .collect();
        for (doc, risk) in &ctx.risks {
            for (index, criterion) in risk.criteria.iter().enumerate() {
                if soc2.contains(criterion) || extra.contains(criterion.as_str()) {
                    continue;
                }
                let candidates = soc2.iter().map(String::as_str).chain(extra.iter().copied());
                let help = suggest::did_you_mean(criterion, candidates).unwrap_or_else(|| {
                    "use a SOC 2 criterion such as CC6.1, or list the framework under `frameworks:` in riskreg.yaml".to_owned()
                });
                out.push(
                    Finding::at_value(Self::CODE, doc, &format!("/criteria/{index}"), format!("`{criterion}` is not a SOC 2 criterion nor a configured framework's control"))
                        .with_label("unknown criterion")
                        .with_help(help),
                );
            }
        }
    }
}
