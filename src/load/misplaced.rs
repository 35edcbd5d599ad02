//! An unknown field that is a known field one level down (`decision` beside `treatment`
//! instead of under it) is a misplaced line, almost always an indentation slip: say so,
//! with the indentation that puts it where it belongs.

use serde_json::Value;

use crate::source::{Document, Entry, NodeValue};

/// Which properties a schema defines under which: (child, parent), sorted.
pub fn nesting(schema: &Value) -> Vec<(String, String)> {
    let defs = schema.get("$defs");
    let mut pairs = Vec::new();
    if let Some(Value::Object(properties)) = schema.get("properties") {
        for (parent, subschema) in properties {
            let mut children = Vec::new();
            collect_properties(subschema, defs, 0, &mut children);
            pairs.extend(children.into_iter().map(|child| (child, parent.clone())));
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

/// How deep [`collect_properties`] follows references and combinators.
const MAX_DEPTH: usize = 4;

/// The property names of `schema`, following `$ref`, `anyOf`, `oneOf` and `items`.
fn collect_properties(schema: &Value, defs: Option<&Value>, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(Value::Object(properties)) = schema.get("properties") {
        out.extend(properties.keys().cloned());
    }
    if let Some(target) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix("#/$defs/"))
        .and_then(|name| defs?.get(name))
    {
        collect_properties(target, defs, depth + 1, out);
    }
    for combinator in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = schema.get(combinator) {
            for branch in branches {
                collect_properties(branch, defs, depth + 1, out);
            }
        }
    }
    if let Some(items) = schema.get("items") {
        collect_properties(items, defs, depth + 1, out);
    }
}

/// What to say about `key`, unknown in the mapping at `pointer`, when it is a field of a
/// sibling (per `nesting`): message, label, help.
pub fn explain(
    doc: &Document,
    pointer: &str,
    key: &str,
    nesting: &[(String, String)],
) -> Option<(String, String, String)> {
    let parents: Vec<&str> = nesting
        .iter()
        .filter(|(child, _)| child == key)
        .map(|(_, parent)| parent.as_str())
        .collect();
    let first = *parents.first()?;
    let entries = mapping_at(doc, pointer)?;
    let Some(parent) = entries
        .iter()
        .find(|entry| parents.contains(&entry.key.as_str()))
    else {
        if !pointer.is_empty() {
            return None;
        }
        return Some((
            format!("`{key}` is not a field of the document; it belongs under `{first}`"),
            "not a field of this mapping".to_owned(),
            format!("move it under `{first}:`, indented"),
        ));
    };
    let this = entries.iter().find(|entry| entry.key == key)?;
    let name = &parent.key;
    let starts_line = |entry: &Entry| {
        let before = doc.text.as_bytes()[..entry.key_span.start]
            .iter()
            .rev()
            .find(|byte| **byte != b' ');
        matches!(before, None | Some(b'\n'))
    };
    if !starts_line(this) || !starts_line(parent) {
        return Some((
            format!("`{key}` is not a field here; it belongs under `{name}`"),
            "not a field of this mapping".to_owned(),
            format!("move it into `{name}`"),
        ));
    }
    let indent = this.key_span.column - 1;
    let parent_indent = parent.key_span.column - 1;
    let children = match &parent.value.value {
        NodeValue::Map(children) => children
            .first()
            .filter(|child| starts_line(child))
            .map(|child| child.key_span.column - 1),
        _ => None,
    };
    let message = format!(
        "`{key}` is indented {}, as far as `{name}` (line {}), so it is not in `{name}`",
        spaces(indent),
        parent.key_span.line
    );
    let help = match children {
        Some(children) => format!(
            "indent it {}, like the other fields under `{name}`, to put it in `{name}`",
            spaces(children)
        ),
        None => format!(
            "indent it more than `{name}` (e.g. {}) to put it in `{name}`",
            spaces(parent_indent + 2)
        ),
    };
    Some((message, format!("outside `{name}`"), help))
}

/// The entries of the mapping at `pointer` in `doc`.
fn mapping_at<'a>(doc: &'a Document, pointer: &str) -> Option<&'a [Entry]> {
    let mut node = doc.node.as_ref()?;
    for token in pointer.split('/').skip(1) {
        let token = crate::source::pointer::unescape(token);
        node = match &node.value {
            NodeValue::Map(entries) => &entries.iter().find(|entry| entry.key == token)?.value,
            NodeValue::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match &node.value {
        NodeValue::Map(entries) => Some(entries),
        _ => None,
    }
}

/// `1 space`, `4 spaces`.
fn spaces(count: usize) -> String {
    format!("{count} space{}", if count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_follows_references() {
        let schema = serde_json::json!({
            "properties": {
                "treatment": {"anyOf": [{"$ref": "#/$defs/T"}, {"type": "null"}]},
                "updates": {"type": "array", "items": {"properties": {"on": {}, "note": {}}}}
            },
            "$defs": {"T": {"properties": {"decision": {}}}}
        });
        assert_eq!(
            nesting(&schema),
            [
                ("decision".to_owned(), "treatment".to_owned()),
                ("note".to_owned(), "updates".to_owned()),
                ("on".to_owned(), "updates".to_owned()),
            ]
        );
    }
}
