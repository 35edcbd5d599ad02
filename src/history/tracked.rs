//! What a history keeps of old versions: the fields rules and reports look up, so old
//! versions cost little memory.

use serde_json::Value;

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

/// The tracked fields of a version; `added` versions also keep [`ADDED_FIELDS`].
pub(super) fn tracked(value: &Value, added: bool) -> Value {
    let mut kept = Value::Object(serde_json::Map::new());
    let extra = if added { ADDED_FIELDS } else { &[] };
    for pointer in TRACKED_FIELDS.iter().chain(extra) {
        if let Some(field) = field_at(value, pointer) {
            insert_at(&mut kept, pointer, field.clone());
        }
    }
    kept
}

/// The field at `pointer` (unescaped tokens, mappings only): what `Value::pointer` finds
/// for these pointers, without its per-token allocations (this runs for every version).
pub(super) fn field_at<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    pointer
        .split('/')
        .skip(1)
        .try_fold(value, |here, token| here.as_object()?.get(token))
}

/// Sets the field at `pointer` (unescaped tokens) in `target`, making the mappings on the way.
fn insert_at(target: &mut Value, pointer: &str, value: Value) {
    let mut here = target;
    let mut tokens = pointer.split('/').skip(1).peekable();
    while let Some(token) = tokens.next() {
        let Value::Object(map) = here else { return };
        if tokens.peek().is_none() {
            map.insert(token.to_owned(), value);
            return;
        }
        here = map
            .entry(token.to_owned())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
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
