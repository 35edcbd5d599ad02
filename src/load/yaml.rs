//! Parses one YAML file into a [`Node`] tree with spans, refusing what a register never needs:
//! duplicate keys, more than one document, deep nesting and alias bombs.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};
use serde_json::Number;

use crate::source::{Entry, Node, NodeValue, Span};

/// How deep mappings and sequences may nest; registers need fewer than ten levels.
pub const MAX_DEPTH: usize = 64;

/// How many nodes aliases may add to a file in total; a register needs none.
pub const MAX_ALIAS_NODES: usize = 10_000;

/// Why a file is not acceptable YAML.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// The text shown at the span.
    pub label: &'static str,
    /// How to fix it.
    pub help: Option<String>,
}

/// Converts the parser's character positions into byte offsets.
struct Positions {
    /// Byte offset of each character, for non-ASCII text; `None` when offsets equal indexes.
    char_starts: Option<Vec<usize>>,
    len: usize,
}

impl Positions {
    fn new(text: &str) -> Self {
        let char_starts =
            (!text.is_ascii()).then(|| text.char_indices().map(|(at, _)| at).collect());
        Positions {
            char_starts,
            len: text.len(),
        }
    }

    fn byte(&self, marker: &Marker) -> usize {
        match &self.char_starts {
            None => marker.index().min(self.len),
            Some(starts) => starts.get(marker.index()).copied().unwrap_or(self.len),
        }
    }

    fn span(&self, start: &Marker, end: &Marker) -> Span {
        let start_byte = self.byte(start);
        Span {
            start: start_byte,
            end: self.byte(end).max(start_byte),
            line: start.line(),
            column: start.col() + 1,
        }
    }

    fn point(&self, at: &Marker) -> Span {
        self.span(at, at)
    }
}

/// A collection being built.
enum Frame {
    Seq {
        start: Marker,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Marker,
        anchor: usize,
        entries: Vec<Entry>,
        pending_key: Option<(String, Span)>,
        /// The line of each key, once the mapping is too big to search its entries.
        index: Option<HashMap<String, usize>>,
    },
}

struct Builder {
    positions: Positions,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
    root: Option<Node>,
}

/// Parses `text` as a single YAML document.
///
/// Returns `Ok(None)` for a file with no document at all (empty, or comments only).
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let mut builder = Builder {
        positions: Positions::new(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
    };
    let mut documents = 0usize;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|error| scan_error(text, &builder.positions, &error))?;
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        message: "a second YAML document starts here; a file holds one document"
                            .to_owned(),
                        label: "second document",
                        span: builder.positions.point(&span.start),
                        help: Some(
                            "move each document after a `---` line into a file of its own"
                                .to_owned(),
                        ),
                    });
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let node = Node {
                    span: builder.positions.span(&span.start, &span.end),
                    value: resolve_scalar(&value, style, tag.as_deref()),
                };
                builder.add(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                builder.push(Frame::Seq {
                    start: span.start,
                    anchor,
                    items: Vec::new(),
                })?;
            }
            Event::MappingStart(anchor, _) => {
                builder.push(Frame::Map {
                    start: span.start,
                    anchor,
                    entries: Vec::new(),
                    pending_key: None,
                    index: None,
                })?;
            }
            Event::SequenceEnd | Event::MappingEnd => builder.pop(&span.end)?,
            Event::Alias(anchor) => builder.alias(anchor, &span.start)?,
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(builder.root)
}

impl Builder {
    fn push(&mut self, frame: Frame) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            let start = match &frame {
                Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
            };
            return Err(YamlError {
                message: format!("mappings and sequences nest more than {MAX_DEPTH} levels deep"),
                label: "too deep",
                span: self.positions.point(&start),
                help: Some("a register document needs only a few levels; flatten it".to_owned()),
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn pop(&mut self, end: &Marker) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::Seq {
                start,
                anchor,
                items,
            } => (
                Node {
                    span: self.positions.span(&start, end),
                    value: NodeValue::Seq(items),
                },
                anchor,
            ),
            Frame::Map {
                start,
                anchor,
                entries,
                ..
            } => (
                Node {
                    span: self.positions.span(&start, end),
                    value: NodeValue::Map(entries),
                },
                anchor,
            ),
        };
        self.add(node, anchor)
    }

    fn alias(&mut self, anchor: usize, at: &Marker) -> Result<(), YamlError> {
        let Some((node, size)) = self.anchors.get(&anchor) else {
            return Err(YamlError {
                message: "this alias refers to no anchor".to_owned(),
                label: "unknown anchor",
                span: self.positions.point(at),
                help: None,
            });
        };
        self.alias_nodes += size;
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(YamlError {
                message: format!(
                    "aliases expand to more than {MAX_ALIAS_NODES} nodes; refusing what looks like an alias bomb"
                ),
                label: "alias expansion over the limit",
                span: self.positions.point(at),
                help: Some(
                    "write the values out instead of repeating them through aliases".to_owned(),
                ),
            });
        }
        let node = node.clone();
        self.add(node, 0)
    }

    fn add(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            let size = node.size();
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                index,
                ..
            }) => match pending_key.take() {
                Some((key, key_span)) => entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                }),
                None => {
                    let key = match node.value {
                        NodeValue::String(text) => text,
                        NodeValue::Null => "null".to_owned(),
                        NodeValue::Bool(flag) => flag.to_string(),
                        NodeValue::Number(number) => number.to_string(),
                        NodeValue::Seq(_) | NodeValue::Map(_) => {
                            return Err(YamlError {
                                message:
                                    "a mapping key must be a scalar, not a sequence or mapping"
                                        .to_owned(),
                                label: "not a scalar key",
                                span: node.span,
                                help: None,
                            });
                        }
                    };
                    if let Some(first_line) = first_line_of(entries, index, &key, node.span.line) {
                        return Err(YamlError {
                            message: format!("duplicate key `{key}` (first at line {first_line})"),
                            label: "duplicate key",
                            span: node.span,
                            help: Some(
                                "a key may appear once per mapping; remove or merge one of them"
                                    .to_owned(),
                            ),
                        });
                    }
                    *pending_key = Some((key, node.span));
                }
            },
        }
        Ok(())
    }
}

/// Mappings up to this size are searched for a duplicate key entry by entry (no
/// allocation); bigger ones get an index.
const INDEX_KEYS_OVER: usize = 32;

/// The line where `key` first appears in a mapping being built, if it does; records it
/// (at `line`) otherwise.
fn first_line_of(
    entries: &[Entry],
    index: &mut Option<HashMap<String, usize>>,
    key: &str,
    line: usize,
) -> Option<usize> {
    if entries.len() < INDEX_KEYS_OVER {
        return entries
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| entry.key_span.line);
    }
    let index = index.get_or_insert_with(|| {
        entries
            .iter()
            .map(|entry| (entry.key.clone(), entry.key_span.line))
            .collect()
    });
    match index.get(key) {
        Some(first_line) => Some(*first_line),
        None => {
            index.insert(key.to_owned(), line);
            None
        }
    }
}

/// The parser's error, explained when it is about a tab or indentation.
fn scan_error(text: &str, positions: &Positions, error: &ScanError) -> YamlError {
    let at = positions.point(error.marker());
    if let Some(explained) = super::yaml_hint::explain(text, at, error.info()) {
        return YamlError {
            message: explained.message,
            label: explained.label,
            span: explained.span,
            help: Some(explained.help),
        };
    }
    YamlError {
        message: format!("invalid YAML: {}", error.info()),
        label: "here",
        span: at,
        help: None,
    }
}

/// Resolves a scalar with the YAML 1.2 core schema; quoted and block scalars are strings.
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> NodeValue {
    let forced_string = tag.is_some_and(|tag| tag.suffix == "str");
    if style != ScalarStyle::Plain || forced_string {
        return NodeValue::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeValue::Null,
        "true" | "True" | "TRUE" => return NodeValue::Bool(true),
        "false" | "False" | "FALSE" => return NodeValue::Bool(false),
        _ => {}
    }
    parse_number(text).map_or_else(|| NodeValue::String(text.to_owned()), NodeValue::Number)
}

fn parse_number(text: &str) -> Option<Number> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(octal) = text.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok().map(Number::from);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    let first = unsigned.as_bytes().first()?;
    if !(first.is_ascii_digit() || *first == b'.') {
        return None;
    }
    if unsigned.bytes().all(|byte| byte.is_ascii_digit())
        && let Ok(integer) = text.parse::<i64>()
    {
        return Some(Number::from(integer));
    }
    if is_core_float(unsigned) {
        return text.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float without sign.
fn is_core_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|exp| {
        let exp = exp.strip_prefix(['-', '+']).unwrap_or(exp);
        !exp.is_empty() && digits(exp)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        parse(text).expect("valid YAML").expect("one document")
    }

    #[test]
    fn keeps_key_and_value_spans_in_bytes() {
        let node = root("title: Café\nowner: bob\n");
        let (located, found) = node.locate("/owner");
        assert!(found);
        let key = located.key.expect("a key span");
        assert_eq!((key.line, key.column, key.start), (2, 1, 13));
        assert_eq!((located.value.start, located.value.end), (20, 23));
    }

    #[test]
    fn resolves_core_schema_scalars() {
        let node = root("a: 1\nb: '1'\nc: 2026-01-15\nd: ~\ne: true\nf: 1.5\ng: on\n");
        assert_eq!(
            node.to_json(),
            serde_json::json!({"a": 1, "b": "1", "c": "2026-01-15", "d": null, "e": true, "f": 1.5, "g": "on"})
        );
    }

    #[test]
    fn refuses_duplicate_keys() {
        let error = parse("id: R-1\nid: R-2\n").expect_err("duplicate key");
        assert_eq!(error.message, "duplicate key `id` (first at line 1)");
        assert_eq!(error.span.line, 2);
    }

    #[test]
    fn refuses_duplicate_keys_in_big_mappings() {
        let mut text: String = (0..40).map(|n| format!("k{n}: {n}\n")).collect();
        text.push_str("k35: again\n");
        let error = parse(&text).expect_err("duplicate key");
        assert_eq!(error.message, "duplicate key `k35` (first at line 36)");
        assert_eq!(error.span.line, 41);
    }

    #[test]
    fn refuses_a_second_document() {
        let error = parse("id: a\n---\nid: b\n").expect_err("two documents");
        assert_eq!(error.span.line, 2);
    }

    #[test]
    fn empty_and_comment_only_files_have_no_document() {
        assert_eq!(parse("").expect("ok"), None);
        assert_eq!(parse("# nothing\n").expect("ok"), None);
    }
}
