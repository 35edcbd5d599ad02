//! A YAML tree that remembers where each key and value came from.

use serde_json::{Map, Number, Value};

/// A region of a source file: byte offsets for rendering, line and column for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of the first byte.
    pub line: usize,
    /// 1-based column (in characters) of the first byte.
    pub column: usize,
}

impl Span {
    /// The start of a file (line 1, column 1, no bytes): where findings about a whole file
    /// point.
    pub fn file_start() -> Self {
        Span {
            line: 1,
            column: 1,
            ..Span::default()
        }
    }

    /// The span's length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A node of the YAML tree with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node is written.
    pub span: Span,
    /// What the node holds.
    pub value: NodeValue,
}

/// The content of a [`Node`], resolved with the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer or float.
    Number(Number),
    /// Any other scalar.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<Entry>),
}

/// A mapping entry: a key with its span, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key's text.
    pub key: String,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// Where a JSON pointer leads in a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The span of the key that holds the value, when the value is a mapping entry.
    pub key: Option<Span>,
    /// The span of the value.
    pub value: Span,
}

impl Node {
    /// The number of nodes in this subtree, itself included.
    pub fn size(&self) -> usize {
        1 + match &self.value {
            NodeValue::Seq(items) => items.iter().map(Node::size).sum(),
            NodeValue::Map(entries) => entries.iter().map(|entry| entry.value.size()).sum(),
            _ => 0,
        }
    }

    /// The value of a mapping entry, if this node is a mapping that has the key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|entry| entry.key == key),
            _ => None,
        }
    }

    /// Follows a JSON pointer (`/treatment/approved_by`, `/risks/0`) as far as it goes.
    ///
    /// Returns the deepest node reached and whether the whole pointer resolved.
    pub fn locate(&self, pointer: &str) -> (Located, bool) {
        let mut here = Located {
            key: None,
            value: self.span,
        };
        let mut node = self;
        for token in pointer.split('/').skip(1) {
            let token = super::pointer::unescape(token);
            let next = match &node.value {
                NodeValue::Map(entries) => entries
                    .iter()
                    .find(|entry| entry.key == *token)
                    .map(|entry| (Some(entry.key_span), &entry.value)),
                NodeValue::Seq(items) => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| items.get(index))
                    .map(|item| (None, item)),
                _ => None,
            };
            match next {
                Some((key, child)) => {
                    here = Located {
                        key,
                        value: child.span,
                    };
                    node = child;
                }
                None => return (here, false),
            }
        }
        (here, true)
    }

    /// Converts the tree to JSON, consuming it (no string is copied).
    pub fn into_json(self) -> Value {
        match self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(flag) => Value::Bool(flag),
            NodeValue::Number(number) => Value::Number(number),
            NodeValue::String(text) => Value::String(text),
            NodeValue::Seq(items) => Value::Array(items.into_iter().map(Node::into_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|entry| (entry.key, entry.value.into_json()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }

    /// Converts the tree to JSON for schema validation and typed deserialization.
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(flag) => Value::Bool(*flag),
            NodeValue::Number(number) => Value::Number(number.clone()),
            NodeValue::String(text) => Value::String(text.clone()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|entry| (entry.key.clone(), entry.value.to_json()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }
}
