use std::sync::Arc;

use crate::model::{Body, Kind};

use super::node::{Node, NodeValue, Span};

/// One YAML file of the register, with its text, tree and (when valid) typed body.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the register root, with `/`.
    pub path: String,
    /// The file's text (empty when it could not be read as text).
    pub text: Arc<str>,
    /// The parsed tree, when the file is valid YAML.
    pub node: Option<Node>,
    /// The `id:` value, when it is a string.
    pub id: Option<String>,
    /// The `kind:` value, when it is a known kind.
    pub kind: Option<Kind>,
    /// The typed content, when the document deserializes.
    pub body: Option<Body>,
}

impl Document {
    /// A document with nothing parsed yet.
    pub fn unparsed(path: String, text: Arc<str>) -> Self {
        Document {
            path,
            text,
            node: None,
            id: None,
            kind: None,
            body: None,
        }
    }

    /// The span to show for the value `pointer` leads to: the value itself, its key when
    /// the value is empty, or the nearest existing ancestor when it is missing.
    pub fn value_span(&self, pointer: &str) -> Span {
        self.span(pointer, false)
    }

    /// The span to show for the key `pointer` names, or the nearest existing ancestor.
    pub fn key_span(&self, pointer: &str) -> Span {
        self.span(pointer, true)
    }

    /// The span of the document as a whole: its first key.
    pub fn root_span(&self) -> Span {
        match &self.node {
            Some(Node {
                value: NodeValue::Map(entries),
                ..
            }) if !entries.is_empty() => entries[0].key_span,
            Some(node) => node.span,
            None => Span::file_start(),
        }
    }

    fn span(&self, pointer: &str, prefer_key: bool) -> Span {
        let Some(node) = &self.node else {
            return self.root_span();
        };
        let (located, found) = node.locate(pointer);
        if let Some(key) = located.key
            && (prefer_key || !found || located.value.is_empty())
        {
            return key;
        }
        if located.value == node.span {
            return self.root_span();
        }
        located.value
    }
}
