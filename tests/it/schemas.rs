//! The JSON Schemas riskreg's outputs are checked against, with the `jsonschema` crate:
//! copies of the official ones in `tests/fixtures/` (the same files as
//! `../shared/data/`), so the suite runs without the shared folder.

use serde_json::Value;

/// A schema in `tests/fixtures/`.
fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Every error of `instance` against the schema, as `path: message` lines (empty: valid).
/// Formats (`date-time`, `uri`, `uri-reference`, `email`) are checked too.
fn errors(schema: &Value, draft: jsonschema::Draft, instance: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|error| panic!("the schema compiles: {error}"));
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// The errors of an OSCAL POA&M against NIST's OSCAL 1.2.1 POA&M schema (draft-07). Its
/// patterns are ECMAScript regular expressions (`\p{L}` classes, `^\S(.*\S)?$`); the
/// crate compiles them with `fancy-regex`, which reads all of them, so none is rewritten.
pub fn oscal_poam(instance: &Value) -> Vec<String> {
    errors(
        &fixture("oscal-poam-schema-1.2.1.json"),
        jsonschema::Draft::Draft7,
        instance,
    )
}

/// The errors of a Code Quality report: GitLab validates each issue with its schema
/// (draft-07); the report is an array of them.
pub fn gitlab_code_quality(report: &Value) -> Vec<String> {
    let schema = fixture("gitlab-codeclimate.schema.json");
    let Some(issues) = report.as_array() else {
        return vec!["the report is not an array".to_owned()];
    };
    issues
        .iter()
        .enumerate()
        .flat_map(|(index, issue)| {
            errors(&schema, jsonschema::Draft::Draft7, issue)
                .into_iter()
                .map(move |error| format!("[{index}]{error}"))
        })
        .collect()
}
