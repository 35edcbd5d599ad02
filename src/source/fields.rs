//! Field-level differences between two versions of a document.

use serde::Serialize;
use serde_json::Value;

/// One field that changed: `status: planned -> in-progress`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field as people write it: `status`, `treatment.decision`, `residual`.
    pub field: String,
    /// The value before (`None`: the field was absent).
    pub before: Option<Value>,
    /// The value after (`None`: the field was removed).
    pub after: Option<Value>,
}

/// Ratings (`{impact, likelihood}`) and lists are compared whole; other mappings field by
/// field.
fn is_leaf(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            map.len() == 2 && map.contains_key("impact") && map.contains_key("likelihood")
        }
        _ => true,
    }
}

/// The fields that differ between two versions, in field order.
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    diff_into("", Some(before), Some(after), &mut changes);
    changes
}

fn diff_into(
    field: &str,
    before: Option<&Value>,
    after: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    if before == after {
        return;
    }
    if let (Some(Value::Object(old)), Some(Value::Object(new))) = (before, after)
        && !is_leaf(before.unwrap_or(&Value::Null))
        && !is_leaf(after.unwrap_or(&Value::Null))
    {
        let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let name = if field.is_empty() {
                key.clone()
            } else {
                format!("{field}.{key}")
            };
            diff_into(&name, old.get(key), new.get(key), out);
        }
        return;
    }
    out.push(FieldChange {
        field: field.to_owned(),
        before: before.filter(|value| !value.is_null()).cloned(),
        after: after.filter(|value| !value.is_null()).cloned(),
    });
}

/// A value as a short human text: `3x3` for ratings, `[a, b]` for lists, the first line of
/// long text.
pub fn display(value: Option<&Value>) -> String {
    match value {
        None => "(none)".to_owned(),
        Some(value) => display_value(value),
    }
}

fn display_value(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_owned(),
        Value::String(text) => {
            let first = text.lines().next().unwrap_or_default();
            if first.chars().count() > 60 || text.lines().nth(1).is_some() {
                let cut: String = first.chars().take(57).collect();
                format!("{cut}...")
            } else {
                first.to_owned()
            }
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(display_value)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) if is_leaf(value) => format!(
            "{}x{}",
            map.get("impact").map(display_value).unwrap_or_default(),
            map.get("likelihood").map(display_value).unwrap_or_default()
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(key, value)| format!("{key}: {}", display_value(value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

impl FieldChange {
    /// `status: planned -> in-progress`.
    pub fn describe(&self) -> String {
        format!(
            "{}: {} -> {}",
            self.field,
            display(self.before.as_ref()),
            display(self.after.as_ref())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_fields_ratings_and_lists() {
        let before = json!({"status": "planned", "treatment": {"decision": "accept"}, "residual": {"impact": 3, "likelihood": 3}, "criteria": ["CC6.1"]});
        let after = json!({"status": "in-progress", "treatment": {"decision": "mitigate"}, "residual": {"impact": 2, "likelihood": 2}, "criteria": ["CC6.1", "CC6.6"], "due": "2026-04-30"});
        let described: Vec<String> = diff(&before, &after)
            .iter()
            .map(FieldChange::describe)
            .collect();
        assert_eq!(
            described,
            [
                "criteria: [CC6.1] -> [CC6.1, CC6.6]",
                "due: (none) -> 2026-04-30",
                "residual: 3x3 -> 2x2",
                "status: planned -> in-progress",
                "treatment.decision: accept -> mitigate",
            ]
        );
    }

    #[test]
    fn equal_versions_have_no_changes() {
        let value = json!({"id": "M-1", "status": "planned"});
        assert!(diff(&value, &value.clone()).is_empty());
    }
}
