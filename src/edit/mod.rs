//! Changes to a YAML document made in its text at the spans the loader recorded, so that
//! what is not changed (comments, key order, quoting, blank lines) stays byte for byte: a
//! changed value is replaced where it is written, a new key is inserted on a line of its own
//! after the key it follows in the document's usual order.

pub mod render;

use serde_json::{Map, Value};

use crate::source::{Entry, Node, NodeValue};

/// One field to set: its keys from the document's root, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Set {
    /// The keys, e.g. `["treatment", "decision"]`.
    pub path: Vec<String>,
    /// The value to write.
    pub value: Value,
}

/// A key's rank in the usual order of the mapping at a path (lower comes first).
pub type KeyRank<'a> = &'a dyn Fn(&[String], &str) -> usize;

/// Why the edits could not be made.
#[derive(Debug, Clone, PartialEq)]
pub struct EditError(pub String);

/// One replacement of `start..end` by `text`; `order` sorts insertions at one place.
struct TextEdit {
    start: usize,
    end: usize,
    order: usize,
    text: String,
}

/// Where a set lands: an existing entry whose value is replaced, or a mapping that gets a
/// new key.
enum Target<'n> {
    Replace {
        entry: &'n Entry,
        flow: bool,
        path: Vec<String>,
    },
    Insert {
        map: &'n Node,
        flow: bool,
        path: Vec<String>,
        key: String,
    },
}

impl Target<'_> {
    /// Two sets with the same identity land in one edit.
    fn identity(&self) -> (usize, &str) {
        match self {
            Target::Replace { entry, .. } => (entry.key_span.start, ""),
            Target::Insert { map, key, .. } => (map.span.start, key),
        }
    }
}

/// The text of the document `root` was parsed from, with every set applied.
pub fn apply(
    text: &str,
    root: &Node,
    sets: &[Set],
    rank: KeyRank<'_>,
) -> Result<String, EditError> {
    if !matches!(root.value, NodeValue::Map(_)) {
        return Err(EditError(
            "the document is not a mapping of keys".to_owned(),
        ));
    }
    if sets.iter().any(|set| set.path.is_empty()) {
        return Err(EditError("a change names no field".to_owned()));
    }
    let mut groups: Vec<(Target<'_>, Value)> = Vec::new();
    for set in sets {
        let (target, rest) = locate(text, root, &set.path);
        let value = nest(rest, set.value.clone());
        match groups
            .iter_mut()
            .find(|(existing, _)| existing.identity() == target.identity())
        {
            Some((_, merged)) => merge(merged, value),
            None => groups.push((target, value)),
        }
    }
    let mut edits = Vec::with_capacity(groups.len());
    for (target, value) in &groups {
        edits.push(match target {
            Target::Replace { entry, flow, path } => replace(text, entry, *flow, path, value, rank),
            Target::Insert {
                map,
                flow,
                path,
                key,
            } => insert(text, map, *flow, path, key, value, rank),
        });
    }
    edits.sort_by_key(|edit| (edit.start, edit.order));
    let mut out = String::with_capacity(text.len() + 256);
    let mut cursor = 0;
    let mut final_break = text.ends_with('\n');
    for edit in edits {
        if edit.start < cursor || edit.end < edit.start || edit.end > text.len() {
            return Err(EditError("two changes overlap in the document".to_owned()));
        }
        out.push_str(&text[cursor..edit.start]);
        let at_end = edit.start == text.len();
        match edit.text.strip_prefix('\n') {
            Some(rest) if at_end && final_break => out.push_str(rest),
            _ => out.push_str(&edit.text),
        }
        final_break |= at_end;
        cursor = edit.end;
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

/// Follows `path` (not empty) as far as the document has it: the entry to replace or the
/// mapping to insert into, and the keys below it the document lacks.
fn locate<'n, 'p>(text: &str, root: &'n Node, path: &'p [String]) -> (Target<'n>, &'p [String]) {
    let mut node = root;
    let mut flow = is_flow_collection(text, root);
    for (depth, key) in path.iter().enumerate() {
        let entries: &[Entry] = match &node.value {
            NodeValue::Map(entries) => entries,
            _ => &[],
        };
        let Some(entry) = entries.iter().find(|entry| entry.key == *key) else {
            return (
                Target::Insert {
                    map: node,
                    flow,
                    path: path[..depth].to_vec(),
                    key: key.clone(),
                },
                &path[depth + 1..],
            );
        };
        let descend = depth + 1 < path.len() && matches!(entry.value.value, NodeValue::Map(_));
        if !descend {
            return (
                Target::Replace {
                    entry,
                    flow,
                    path: path[..=depth].to_vec(),
                },
                &path[depth + 1..],
            );
        }
        node = &entry.value;
        flow = flow || is_flow_collection(text, node);
    }
    (
        Target::Insert {
            map: root,
            flow,
            path: Vec::new(),
            key: String::new(),
        },
        &[],
    )
}

/// `value` under the keys of `rest`, innermost last.
fn nest(rest: &[String], value: Value) -> Value {
    rest.iter().rev().fold(value, |inner, key| {
        let mut map = Map::new();
        map.insert(key.clone(), inner);
        Value::Object(map)
    })
}

/// Merges `value` into `into` (objects key by key; anything else replaces).
fn merge(into: &mut Value, value: Value) {
    match (into, value) {
        (Value::Object(existing), Value::Object(more)) => {
            for (key, value) in more {
                match existing.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        existing.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

fn is_flow_collection(text: &str, node: &Node) -> bool {
    matches!(node.value, NodeValue::Map(_) | NodeValue::Seq(_))
        && matches!(text.as_bytes().get(node.span.start), Some(b'{' | b'['))
}

/// The offset just past the `:` that follows an entry's key.
fn colon_end(text: &str, entry: &Entry) -> usize {
    let from = entry.key_span.end.min(text.len());
    text[from..].find(':').map_or(from, |at| from + at + 1)
}

/// Whether a scalar value is a block scalar (`|` or `>`).
fn is_block_scalar(text: &str, entry: &Entry) -> bool {
    let from = colon_end(text, entry);
    let to = entry.value.span.start.max(from).min(text.len());
    text[from..to].trim_start().starts_with(['|', '>'])
}

/// Where a value's own text ends: its span's end, less the blank lines (and, for block
/// collections, the comment lines) that trail a block node.
fn content_end(text: &str, entry: &Entry) -> usize {
    let node = &entry.value;
    let block_collection = matches!(node.value, NodeValue::Map(_) | NodeValue::Seq(_))
        && !is_flow_collection(text, node);
    let block_scalar = !matches!(node.value, NodeValue::Map(_) | NodeValue::Seq(_))
        && is_block_scalar(text, entry);
    let end = node.span.end.min(text.len());
    if !(block_collection || block_scalar) {
        return end;
    }
    let start = node.span.start.min(end);
    let mut body = &text[start..end];
    loop {
        body = body.trim_end();
        let last_line = body.rsplit('\n').next().unwrap_or(body);
        if block_collection
            && last_line.trim_start().starts_with('#')
            && body.len() > last_line.len()
        {
            body = &body[..body.len() - last_line.len()];
        } else {
            break;
        }
    }
    start + body.len()
}

fn replace(
    text: &str,
    entry: &Entry,
    flow: bool,
    path: &[String],
    value: &Value,
    rank: KeyRank<'_>,
) -> TextEdit {
    let keys = |key: &str| rank(path, key);
    let old = &entry.value;
    if flow {
        return TextEdit {
            start: old.span.start,
            end: old.span.end,
            order: 0,
            text: render::inline(value, &keys),
        };
    }
    let indent = entry.key_span.column.saturating_sub(1);
    let old_block_list = matches!(old.value, NodeValue::Seq(_)) && !is_flow_collection(text, old);
    let list_indent = if old_block_list {
        old.span.column.saturating_sub(1)
    } else {
        indent + 2
    };
    let rendered = render::after_colon(value, indent, list_indent, &keys);
    let old_is_block = old_block_list
        || (matches!(old.value, NodeValue::Map(_)) && !is_flow_collection(text, old))
        || (!matches!(old.value, NodeValue::Map(_) | NodeValue::Seq(_))
            && is_block_scalar(text, entry));
    let one_line = !rendered.contains('\n');
    if one_line && !old_is_block && !old.span.is_empty() {
        return TextEdit {
            start: old.span.start,
            end: old.span.end,
            order: 0,
            text: rendered[1..].to_owned(),
        };
    }
    TextEdit {
        start: colon_end(text, entry),
        end: content_end(text, entry).max(colon_end(text, entry)),
        order: 0,
        text: rendered,
    }
}

fn insert(
    text: &str,
    map: &Node,
    flow: bool,
    path: &[String],
    key: &str,
    value: &Value,
    rank: KeyRank<'_>,
) -> TextEdit {
    let mut child_path = path.to_vec();
    child_path.push(key.to_owned());
    let keys = |name: &str| rank(&child_path, name);
    let order = rank(path, key);
    let entries: &[Entry] = match &map.value {
        NodeValue::Map(entries) => entries,
        _ => &[],
    };
    if flow || entries.is_empty() {
        let close = text[map.span.start..map.span.end.min(text.len())]
            .rfind('}')
            .map_or(map.span.end, |at| map.span.start + at);
        let separator = if entries.is_empty() { "" } else { ", " };
        return TextEdit {
            start: close,
            end: close,
            order,
            text: format!(
                "{separator}{}: {}",
                render::string(key),
                render::inline(value, &keys)
            ),
        };
    }
    let indent = entries[0].key_span.column.saturating_sub(1);
    let mut after = None;
    let mut current = 0;
    for entry in entries {
        let entry_rank = rank(path, &entry.key);
        if entry_rank != usize::MAX {
            current = entry_rank;
        }
        if current <= order {
            after = Some(entry);
        }
    }
    let line = format!(
        "{}{}:{}\n",
        " ".repeat(indent),
        render::string(key),
        render::after_colon(value, indent, indent + 2, &keys)
    );
    match after {
        Some(entry) => {
            let end = content_end(text, entry);
            let position = text[end..].find('\n').map_or(text.len(), |at| end + at + 1);
            let prefix = if position == text.len() && !text.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            TextEdit {
                start: position,
                end: position,
                order,
                text: format!("{prefix}{line}"),
            }
        }
        None => {
            let first = entries[0].key_span.start.min(text.len());
            let position = text[..first].rfind('\n').map_or(0, |at| at + 1);
            TextEdit {
                start: position,
                end: position,
                order,
                text: line,
            }
        }
    }
}
