//! The document files that could not be read as a risk, action or review: listed with what
//! is wrong, so no file leaves the register's tables and counts without a word.

use super::super::view::UnreadableView;
use super::Builder;

impl Builder<'_> {
    /// Every document that did not deserialize, by path, with its findings' messages
    /// (errors first).
    pub(super) fn unreadable(&self) -> Vec<UnreadableView> {
        self.index
            .register
            .documents
            .iter()
            .filter(|doc| doc.body.is_none())
            .map(|doc| UnreadableView {
                path: doc.path.clone(),
                kind: doc.kind.map(|kind| kind.as_str().to_owned()),
                id: doc.id.clone(),
                errors: self
                    .findings_in(&doc.path)
                    .into_iter()
                    .map(|finding| finding.message)
                    .collect(),
            })
            .collect()
    }
}
