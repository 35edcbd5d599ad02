//! What a history keeps of old versions: the fields rules and reports look up, so old
//! versions cost little memory.

use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The fields (JSON pointers) of old versions that a history keeps for rules and reports to
/// look up: a small copy of each version (long texts such as descriptions and rationales
/// left out), so old versions cost little memory. A field under one of these is kept too.
pub const TRACKED_FIELDS: &[&str] = &[
    "/status",
    "/completed_on",
    "/due",
    "/date",
    "/inherent",
    "/residual",
    "/systems",
    "/criteria",
    "/treatment/decision",
    "/treatment/approved_by",
    "/treatment/approved_on",
    "/treatment/expires",
    "/retired/on",
];

/// Fields kept only in the version that added a document (the report names new documents).
const ADDED_FIELDS: &[&str] = &["/kind", "/title"];

/// Whether past values of the field at `pointer` are kept (see [`TRACKED_FIELDS`]).
pub fn is_tracked(pointer: &str) -> bool {
    TRACKED_FIELDS.iter().any(|tracked| {
        pointer
            .strip_prefix(tracked)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// The fields to keep, grouped by their first token: a field kept whole (no children), or
/// the named fields of a mapping.
type Groups = Vec<(&'static str, Vec<&'static str>)>;

/// Groups pointers of one or two tokens by their first token, in order.
fn group(pointers: impl Iterator<Item = &'static str>) -> Groups {
    let mut groups: Groups = Vec::new();
    for pointer in pointers {
        let mut tokens = pointer.split('/').skip(1);
        let (Some(first), child) = (tokens.next(), tokens.next()) else {
            continue;
        };
        match groups.iter_mut().find(|(name, _)| *name == first) {
            Some((_, children)) => children.extend(child),
            None => groups.push((first, child.into_iter().collect())),
        }
    }
    groups
}

/// The tracked fields of a version; `added` versions also keep [`ADDED_FIELDS`]. This runs
/// for every version a history reads, so the pointers are grouped once, not split per call.
pub(super) fn tracked(value: &Value, added: bool) -> Value {
    static KEPT: OnceLock<Groups> = OnceLock::new();
    static KEPT_ADDED: OnceLock<Groups> = OnceLock::new();
    let groups = if added {
        KEPT_ADDED.get_or_init(|| group(TRACKED_FIELDS.iter().chain(ADDED_FIELDS).copied()))
    } else {
        KEPT.get_or_init(|| group(TRACKED_FIELDS.iter().copied()))
    };
    let mut kept = Map::new();
    let Value::Object(map) = value else {
        return Value::Object(kept);
    };
    for (name, children) in groups {
        let Some(field) = map.get(*name) else {
            continue;
        };
        if children.is_empty() {
            kept.insert((*name).to_owned(), field.clone());
        } else if let Value::Object(inner) = field {
            let picked: Map<String, Value> = children
                .iter()
                .filter_map(|child| inner.get(*child).map(|v| ((*child).to_owned(), v.clone())))
                .collect();
            if !picked.is_empty() {
                kept.insert((*name).to_owned(), Value::Object(picked));
            }
        }
    }
    Value::Object(kept)
}

/// The field at `pointer` (unescaped tokens, mappings only): what `Value::pointer` finds
/// for these pointers, without its per-token allocations.
pub(super) fn field_at<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    pointer
        .split('/')
        .skip(1)
        .try_fold(value, |here, token| here.as_object()?.get(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_tracked_fields_of_old_versions() {
        let version = serde_json::json!({
            "kind": "risk", "id": "R-1", "title": "t", "description": "long text",
            "residual": {"impact": 2, "likelihood": 1},
            "treatment": {"decision": "accept", "rationale": "long", "approved_by": "alice"},
            "retired": {"on": "2026-01-01", "reason": "gone"},
        });
        let kept = serde_json::json!({
            "residual": {"impact": 2, "likelihood": 1},
            "treatment": {"decision": "accept", "approved_by": "alice"},
            "retired": {"on": "2026-01-01"},
        });
        assert_eq!(tracked(&version, false), kept);
        let mut added = kept;
        added["kind"] = "risk".into();
        added["title"] = "t".into();
        assert_eq!(tracked(&version, true), added);
    }

    #[test]
    fn fields_under_a_tracked_field_are_tracked() {
        assert!(is_tracked("/residual"));
        assert!(is_tracked("/residual/impact"));
        assert!(is_tracked("/treatment/approved_on"));
        assert!(!is_tracked("/treatment"));
        assert!(!is_tracked("/treatment/rationale"));
        assert!(!is_tracked("/statuses"));
    }
}
