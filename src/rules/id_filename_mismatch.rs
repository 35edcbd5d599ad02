//! `id-filename-mismatch`: a file's name does not start with its document's ID.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That each document's file name starts with its `id`: `risks/R-001-mfa.yaml` holds
    /// `id: R-001`. The comparison is exact, case included, and the ID must end where a
    /// separator (`-`, `_`, `.`) follows, so `R-1` does not match `R-10-mfa.yaml`.
    ///
    /// ## Why an auditor cares
    ///
    /// People find documents by file name; a reviewer of a pull request sees file names
    /// first. A file named for one risk that holds another leads to the wrong risk being
    /// reviewed, edited or cited as evidence.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # risks/R-002-laptop-theft.yaml
    /// kind: risk
    /// id: R-003
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # risks/R-003-laptop-theft.yaml
    /// kind: risk
    /// id: R-003
    /// ```
    pub struct IdFilenameMismatch {
        code: IdFilenameMismatch,
        reads: Reads::Register,
        summary: "a file whose name does not start with its document ID",
    }
}

impl Rule for IdFilenameMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for doc in &ctx.register.documents {
            let (Some(id), Some(_)) = (&doc.id, doc.kind) else {
                continue;
            };
            let file_name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
            let named_for_id = file_name
                .strip_prefix(id.as_str())
                .and_then(|rest| rest.chars().next())
                .is_some_and(|next| !next.is_alphanumeric());
            if named_for_id {
                continue;
            }
            let folder = doc.path.strip_suffix(file_name).unwrap_or_default();
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/id",
                    format!("the file name `{file_name}` does not start with the ID `{id}`"),
                )
                .with_label("the document's ID")
                .with_help(format!(
                    "rename the file to `{folder}{id}-....yaml`, or fix the ID"
                )),
            );
        }
    }
}
