//! `schema`: the document or config does not match its JSON Schema.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Rating;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That each document matches the JSON Schema of its `kind` (`riskreg schema risk`,
    /// `mitigation`, `review`): a known `kind`, no unknown fields, the right types, allowed
    /// values for `status` and `treatment.decision`, real `YYYY-MM-DD` dates, and the
    /// required `kind`, `id` and `title`. It also checks that ratings fit the config's
    /// scale (an impact of 6 on a 5-point scale).
    ///
    /// ## Why an auditor cares
    ///
    /// A misspelt field (`ownr:`) or status (`done`) is data the register silently ignores:
    /// the action looks unowned or open when its author meant otherwise. Every other rule
    /// relies on the fields meaning what the format says.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-001
    /// title: Enforce MFA
    /// risks: [R-001]
    /// status: done            # not a status
    /// due: 2026-02-30         # not a date
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-001
    /// title: Enforce MFA
    /// risks: [R-001]
    /// status: completed
    /// due: 2026-02-28
    /// ```
    pub struct Schema {
        code: Schema,
        reads: Reads::Files,
        summary: "a document or config that does not match the JSON Schema",
    }
}

impl Rule for Schema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let impact_max = ctx.config.scale.impact.len();
        let likelihood_max = ctx.config.scale.likelihood.len();
        for (doc, risk) in &ctx.risks {
            let ratings = [
                ("inherent", Some(&risk.inherent)),
                ("residual", risk.residual.as_ref()),
            ];
            for (name, rating) in ratings {
                let Some(Rating { impact, likelihood }) = rating else {
                    continue;
                };
                for (axis, value, max) in [
                    ("impact", impact, impact_max),
                    ("likelihood", likelihood, likelihood_max),
                ] {
                    if *value as usize > max {
                        out.push(
                            Finding::at_value(Self::CODE, doc, &format!("/{name}/{axis}"), format!("`{name}.{axis}` is {value}, beyond the {max}-point scale"))
                                .with_label(format!("1 to {max}"))
                                .with_help(format!("rate {axis} from 1 to {max}, or add labels to `scale.{axis}` in riskreg.yaml")),
                        );
                    }
                }
            }
        }
    }
}
