//! Source text and where things are in it: spans, the YAML tree with its spans, a document
//! of the register, JSON pointers into it, and the field-level difference of two versions.
//! Plain data over [`crate::model`]; no I/O.

mod document;
pub mod fields;
mod node;
pub mod pointer;

pub use document::Document;
pub use fields::FieldChange;
pub use node::{Entry, Node, NodeValue, Span};

/// The text without a leading byte order mark (editors on Windows write one).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
