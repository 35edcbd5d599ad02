//! `hidden-text`: a value (or key) with bidirectional controls or zero-width characters,
//! which make text display other than it reads.

use crate::escape::{hidden, terminal};
use crate::finding::Finding;
use crate::index::Index;
use crate::source::pointer::{child, field_name};
use crate::source::{Document, Node, NodeValue, Span};

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That no value or key of a document or of `riskreg.yaml` holds a bidirectional
    /// control (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C) or a
    /// zero-width character (U+200B, U+200C, U+200D, U+2060, U+FEFF). One finding per
    /// value, naming the characters, as Rust's `text_direction_codepoint_in_literal` lint
    /// does for source code. It looks at values, so a character written as an escape in a
    /// double-quoted string (`"\u202E"`) counts too.
    ///
    /// ## Why an auditor cares
    ///
    /// These characters do not show, yet they change what is shown: a right-to-left
    /// override makes `approved_by` read as someone else's name, a zero-width space makes
    /// two IDs that look the same differ (the "Trojan Source" attack). A register is
    /// evidence; what a reviewer reads must be what it says. riskreg's terminal and
    /// Markdown output show them as escapes (`\u{202e}`); other tools may not.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// treatment:
    ///   decision: accept
    ///   rationale: "Approved by the CEO \u202E(see minutes)"
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// treatment:
    ///   decision: accept
    ///   rationale: Approved by the CEO (see minutes)
    /// ```
    pub struct HiddenText {
        code: HiddenText,
        reads: Reads::Files,
        summary: "a value or key with a bidirectional control or zero-width character",
    }
}

impl Rule for HiddenText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let register = ctx.register;
        for doc in register.documents.iter().chain([&register.config_doc]) {
            if plainly_visible(&doc.text) {
                continue;
            }
            if let Some(node) = doc.node.as_ref().filter(|node| holds_hidden(node)) {
                check_tree(doc, node, out);
            }
        }
    }
}

/// What to tell the author.
const HELP: &str = "delete them: they change how the text displays without showing (a name \
                    can read as another); if right-to-left text needs them, turn the rule off \
                    with `rules: {hidden-text: off}` in riskreg.yaml";

/// Whether a document's text cannot give a hidden character once parsed: ASCII without a
/// backslash (a double-quoted YAML escape is the only way ASCII text yields another
/// character). Most documents are; their trees are not walked.
fn plainly_visible(text: &str) -> bool {
    text.is_ascii() && memchr::memchr(b'\\', text.as_bytes()).is_none()
}

/// Whether any key or string value of the tree holds hidden characters (the common case,
/// none, costs no allocation).
fn holds_hidden(root: &Node) -> bool {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            NodeValue::String(text) if hidden::any_in(text) => return true,
            NodeValue::Seq(items) => stack.extend(items),
            NodeValue::Map(entries) => {
                if entries.iter().any(|entry| hidden::any_in(&entry.key)) {
                    return true;
                }
                stack.extend(entries.iter().map(|entry| &entry.value));
            }
            _ => {}
        }
    }
    false
}

/// Walks a document's tree (without recursion) and reports each key and string value
/// that holds hidden characters.
fn check_tree(doc: &Document, root: &Node, out: &mut Vec<Finding>) {
    let mut stack = vec![(String::new(), root)];
    while let Some((pointer, node)) = stack.pop() {
        match &node.value {
            NodeValue::String(text) => report(doc, &pointer, false, text, node.span, out),
            NodeValue::Seq(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(index, item)| (format!("{pointer}/{index}"), item)),
            ),
            NodeValue::Map(entries) => {
                for entry in entries.iter().rev() {
                    let at = child(&pointer, &entry.key);
                    report(doc, &at, true, &entry.key, entry.key_span, out);
                    stack.push((at, &entry.value));
                }
            }
            NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) => {}
        }
    }
}

/// Reports `text`, the value (or, with `key`, the key) at `pointer`, when it holds hidden
/// characters.
fn report(
    doc: &Document,
    pointer: &str,
    key: bool,
    text: &str,
    span: Span,
    out: &mut Vec<Finding>,
) {
    if !hidden::any_in(text) {
        return;
    }
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if hidden::name(c).is_some() && !found.contains(&c) {
            found.push(c);
        }
    }
    let names: Vec<String> = found
        .iter()
        .filter_map(|&c| hidden::name(c).map(|name| format!("U+{:04X} {name}", u32::from(c))))
        .collect();
    let field = terminal::line(&field_name(pointer)).into_owned();
    let what = match (key, field.is_empty()) {
        (true, _) => format!("the key `{field}`"),
        (false, true) => "the document".to_owned(),
        (false, false) => format!("`{field}`"),
    };
    let codes: Vec<String> = found
        .iter()
        .map(|&c| format!("U+{:04X}", u32::from(c)))
        .collect();
    out.push(
        Finding::new(
            HiddenText::CODE,
            &doc.path,
            span,
            format!(
                "{what} contains hidden character{} {}",
                if found.len() == 1 { "" } else { "s" },
                names.join(", ")
            ),
        )
        .for_document(doc)
        .for_field(pointer)
        .with_label(codes.join(", "))
        .with_help(HELP),
    );
}
