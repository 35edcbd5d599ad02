//! `completion-without-evidence`: a completed mitigation with no evidence.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Status;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every completed mitigation lists at least one `evidence` link or repository
    /// path.
    ///
    /// ## Why an auditor cares
    ///
    /// "Completed" is a claim; the auditor will ask to see it (a policy screenshot, a
    /// ticket, a config export). Recording the evidence when the work is done is far
    /// cheaper than finding it during the audit.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// status: completed
    /// completed_on: 2026-03-20
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// status: completed
    /// completed_on: 2026-03-20
    /// evidence:
    ///   - https://wiki.acme.example/security/mfa-rollout
    ///   - evidence/okta-mfa-policy.png
    /// ```
    pub struct CompletionWithoutEvidence {
        code: CompletionWithoutEvidence,
        reads: Reads::Register,
        summary: "a completed mitigation with no evidence",
    }
}

impl Rule for CompletionWithoutEvidence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, mitigation) in &ctx.mitigations {
            let has_evidence = mitigation
                .evidence
                .iter()
                .any(|item| !item.trim().is_empty());
            if mitigation.status != Status::Completed || has_evidence {
                continue;
            }
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/status",
                    format!("mitigation {} is completed without evidence", mitigation.id),
                )
                .with_label("no `evidence`")
                .with_help("list links or repository paths that prove the work under `evidence:`"),
            );
        }
    }
}
