//! The JSON Schemas: generated from the model types, committed in `schema/`, embedded in
//! the binary, and used to validate every document with findings at the offending span.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::code::Code;
use crate::finding::Finding;
use crate::model::{Body, Kind};
use crate::source::{Document, NodeValue, pointer};
use crate::suggest;

/// The schemas riskreg publishes: the config and one per document kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaName {
    /// `riskreg.yaml`.
    Config,
    /// A document of this kind.
    Document(Kind),
    /// What `riskreg due --format json` writes (an output, not an input).
    Due,
}

impl SchemaName {
    /// Every schema, config first, outputs last.
    pub const ALL: [SchemaName; 5] = [
        SchemaName::Config,
        SchemaName::Document(Kind::Risk),
        SchemaName::Document(Kind::Mitigation),
        SchemaName::Document(Kind::Review),
        SchemaName::Due,
    ];

    /// Whether the schema is of a file users write (the config, a document), which `init`
    /// copies into a new register.
    pub fn is_input(self) -> bool {
        self != SchemaName::Due
    }

    /// The name used on the command line and in file names.
    pub fn as_str(self) -> &'static str {
        match self {
            SchemaName::Config => "config",
            SchemaName::Document(kind) => kind.as_str(),
            SchemaName::Due => "due",
        }
    }

    /// Parses a name given on the command line.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|schema| schema.as_str() == name)
    }

    /// The committed file name under `schema/`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.as_str())
    }

    /// The schema text embedded from `schema/`.
    pub fn embedded(self) -> &'static str {
        match self {
            SchemaName::Config => include_str!("../../schema/config.schema.json"),
            SchemaName::Document(Kind::Risk) => include_str!("../../schema/risk.schema.json"),
            SchemaName::Document(Kind::Mitigation) => {
                include_str!("../../schema/mitigation.schema.json")
            }
            SchemaName::Document(Kind::Review) => include_str!("../../schema/review.schema.json"),
            SchemaName::Due => include_str!("../../schema/due.schema.json"),
        }
    }

    /// The schema compiled once: its validator and the property names it defines.
    fn compiled(self) -> &'static Compiled {
        static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
        let compiled = COMPILED.get_or_init(|| {
            Self::ALL
                .iter()
                .map(|name| {
                    let schema: Value = serde_json::from_str(name.embedded())
                        .expect("the embedded schemas are valid JSON (tested)");
                    let validator = jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .should_validate_formats(true)
                        .build(&schema)
                        .expect("the embedded schemas compile (tested)");
                    Compiled {
                        validator,
                        nesting: super::misplaced::nesting(&schema),
                        property_names: property_names(&schema),
                    }
                })
                .collect()
        });
        let index = Self::ALL
            .iter()
            .position(|name| *name == self)
            .unwrap_or_default();
        &compiled[index]
    }
}

/// A schema ready for use.
struct Compiled {
    validator: Validator,
    /// Every property name the schema defines, for "did you mean".
    property_names: Vec<String>,
    /// Which top-level properties define which fields, for a misplaced field.
    nesting: Vec<(String, String)>,
}

/// Validates a parsed document: its kind, then its schema; fills in `id`, `kind` and `body`.
pub fn check_document(doc: &mut Document) -> Vec<Finding> {
    let Some(node) = &doc.node else {
        return Vec::new();
    };
    let entries = match &node.value {
        NodeValue::Map(entries) => entries,
        NodeValue::Null => {
            return vec![Finding::at_value(Code::Schema, doc, "", "the file is empty")
                .with_help("a document needs at least `kind`, `id` and `title`; delete the file or fill it in")];
        }
        other => {
            let found = describe_node(other);
            return vec![
                Finding::at_value(
                    Code::Schema,
                    doc,
                    "",
                    format!("a document is a mapping of fields, but this file holds {found}"),
                )
                .with_help(
                    "start the file with `kind: risk` (or mitigation, review) and `id: ...`",
                ),
            ];
        }
    };
    doc.id = entries
        .iter()
        .find(|entry| entry.key == "id")
        .and_then(|entry| match &entry.value.value {
            NodeValue::String(id) => Some(id.clone()),
            _ => None,
        });
    let kind_entry = entries.iter().find(|entry| entry.key == "kind");
    let kind = match kind_entry.map(|entry| &entry.value.value) {
        None => {
            return vec![
                Finding::at_value(Code::Schema, doc, "", "the document has no `kind`")
                    .with_help("add `kind: risk`, `kind: mitigation` or `kind: review`"),
            ];
        }
        Some(NodeValue::String(name)) => match Kind::parse(name) {
            Some(kind) => kind,
            None => {
                let kinds = Kind::ALL.map(Kind::as_str);
                let help = suggest::did_you_mean(name, kinds)
                    .unwrap_or_else(|| format!("`kind` is one of {}", kinds.join(", ")));
                return vec![
                    Finding::at_value(Code::Schema, doc, "/kind", format!("unknown kind `{name}`"))
                        .with_label("not a kind riskreg knows")
                        .with_help(help),
                ];
            }
        },
        Some(other) => {
            return vec![
                Finding::at_value(
                    Code::Schema,
                    doc,
                    "/kind",
                    format!("`kind` should be a string, found {}", describe_node(other)),
                )
                .with_help("`kind` is one of risk, mitigation, review"),
            ];
        }
    };
    doc.kind = Some(kind);
    let value = node.to_json();
    let findings = validate(SchemaName::Document(kind), &value, doc);
    doc.body = match kind {
        Kind::Risk => serde_json::from_value(value).ok().map(Body::Risk),
        Kind::Mitigation => serde_json::from_value(value).ok().map(Body::Mitigation),
        Kind::Review => serde_json::from_value(value).ok().map(Body::Review),
    };
    findings
}

/// Validates `value` (the JSON form of `doc`) against a schema; one finding per problem.
pub fn validate(schema: SchemaName, value: &Value, doc: &Document) -> Vec<Finding> {
    let validator = &schema.compiled().validator;
    if validator.is_valid(value) {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for error in validator.iter_errors(value) {
        describe_error(&error, schema, doc, &mut findings);
    }
    findings
}

fn describe_node(value: &NodeValue) -> &'static str {
    match value {
        NodeValue::Null => "nothing",
        NodeValue::Bool(_) => "a boolean",
        NodeValue::Number(_) => "a number",
        NodeValue::String(_) => "a string",
        NodeValue::Seq(_) => "a list",
        NodeValue::Map(_) => "a mapping",
    }
}

fn describe_value(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn describe_type(kind: &TypeKind) -> String {
    let name = |ty: &jsonschema::JsonType| match ty.to_string().as_str() {
        "object" => "a mapping".to_owned(),
        "array" => "a list".to_owned(),
        "null" => "empty".to_owned(),
        "integer" => "a whole number".to_owned(),
        other => format!("a {other}"),
    };
    match kind {
        TypeKind::Single(ty) => name(ty),
        TypeKind::Multiple(types) => {
            let names: Vec<String> = types
                .iter()
                .filter(|ty| ty.to_string() != "null")
                .map(|ty| name(&ty))
                .collect();
            names.join(" or ")
        }
    }
}

/// All property names a schema defines anywhere, sorted.
fn property_names(schema: &Value) -> Vec<String> {
    fn collect(value: &Value, names: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    names.extend(properties.keys().cloned());
                }
                map.values().for_each(|child| collect(child, names));
            }
            Value::Array(items) => items.iter().for_each(|child| collect(child, names)),
            _ => {}
        }
    }
    let mut names = Vec::new();
    collect(schema, &mut names);
    names.sort();
    names.dedup();
    names
}

fn describe_error(
    error: &ValidationError<'_>,
    schema: SchemaName,
    doc: &Document,
    out: &mut Vec<Finding>,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let field = pointer::field_name(&pointer);
    let instance = error.instance();
    let at_value = |message: String| Finding::at_value(Code::Schema, doc, &pointer, message);
    let finding = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            let message = if field.is_empty() {
                format!("missing required field `{property}`")
            } else {
                format!("`{field}` is missing required field `{property}`")
            };
            Finding::at_key(Code::Schema, doc, &pointer, message)
                .with_label(format!("`{property}` is required here"))
                .with_help(format!("add `{property}:`"))
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let compiled = schema.compiled();
            let known = &compiled.property_names;
            for key in unexpected {
                let key_pointer = pointer::child(&pointer, key);
                if let Some((message, label, help)) =
                    super::misplaced::explain(doc, &pointer, key, &compiled.nesting)
                {
                    out.push(
                        Finding::at_key(Code::Schema, doc, &key_pointer, message)
                            .with_label(label)
                            .with_help(help),
                    );
                    continue;
                }
                let mut finding = Finding::at_key(
                    Code::Schema,
                    doc,
                    &key_pointer,
                    format!("unknown field `{}`", pointer::field_name(&key_pointer)),
                )
                .with_label("not a field of this document");
                let help = suggest::did_you_mean(key, known.iter().map(String::as_str))
                    .filter(|_| !known.contains(key))
                    .unwrap_or_else(|| {
                        format!(
                            "remove it; `riskreg schema {}` lists the fields",
                            schema.as_str()
                        )
                    });
                finding = finding.with_help(help);
                out.push(finding);
            }
            return;
        }
        ValidationErrorKind::Type { kind } => {
            let expected = describe_type(kind);
            let found = describe_value(instance);
            let mut finding = at_value(format!("`{field}` should be {expected}, found {found}"))
                .with_label(format!("expected {expected}"));
            if expected == "a string"
                && matches!(instance.as_ref(), Value::Number(_) | Value::Bool(_))
            {
                finding = finding.with_help("put the value in quotes to make it a string");
            }
            finding
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&str> = options
                .as_array()
                .map(|values| values.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let given = instance.as_str().unwrap_or_default().to_owned();
            let help = suggest::did_you_mean_value(&given, &options)
                .unwrap_or_else(|| format!("use one of: {}", options.join(", ")));
            at_value(format!(
                "`{field}` is `{}`, not one of {}",
                display(instance),
                options.join(", ")
            ))
            .with_label("not an allowed value")
            .with_help(help)
        }
        ValidationErrorKind::PropertyNames { error: inner } => {
            let key = display(inner.instance());
            let key_pointer = pointer::child(&pointer, &key);
            let allowed: Vec<String> = match inner.kind() {
                ValidationErrorKind::Enum { options } => options
                    .as_array()
                    .map(|values| values.iter().map(display).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let help = suggest::did_you_mean(&key, allowed.iter().map(String::as_str))
                .unwrap_or_else(|| {
                    format!(
                        "`riskreg schema {}` lists the allowed names",
                        schema.as_str()
                    )
                });
            Finding::at_key(
                Code::Schema,
                doc,
                &key_pointer,
                format!("`{key}` is not a known name under `{field}`"),
            )
            .with_label("unknown name")
            .with_help(help)
        }
        ValidationErrorKind::Constant { expected_value } => {
            at_value(format!("`{field}` must be `{}`", display(expected_value)))
                .with_label("unexpected value")
        }
        ValidationErrorKind::Format { format } if format == "date" => at_value(format!(
            "`{field}` is not a valid date: `{}`",
            display(instance)
        ))
        .with_label("not a real YYYY-MM-DD date")
        .with_help("write dates as YYYY-MM-DD, e.g. 2026-03-31"),
        ValidationErrorKind::Pattern { .. } if pointer.ends_with("/id") || pointer == "/id" => {
            at_value(format!(
                "`{field}` `{}` is not a valid ID",
                display(instance)
            ))
            .with_label("not a valid ID")
            .with_help(
                "an ID starts with a letter, then letters, digits, `.`, `_` or `-` (e.g. R-001)",
            )
        }
        ValidationErrorKind::MinItems { limit } => {
            at_value(format!("`{field}` needs at least {limit} item(s)"))
                .with_label("too few items")
        }
        ValidationErrorKind::MaxItems { limit } => {
            at_value(format!("`{field}` may have at most {limit} items"))
                .with_label("too many items")
        }
        ValidationErrorKind::MinLength { .. } => {
            at_value(format!("`{field}` must not be empty")).with_label("empty")
        }
        ValidationErrorKind::Minimum { limit } => {
            at_value(format!("`{field}` must be at least {limit}")).with_label("too small")
        }
        ValidationErrorKind::Maximum { limit } => {
            at_value(format!("`{field}` must be at most {limit}")).with_label("too large")
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let plausible: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| {
                    !branch.iter().all(|inner| {
                        inner.instance_path().as_str() == pointer
                            && matches!(
                                inner.kind(),
                                ValidationErrorKind::Type { .. }
                                    | ValidationErrorKind::Enum { .. }
                                    | ValidationErrorKind::Constant { .. }
                            )
                    })
                })
                .collect();
            if let [branch] = plausible.as_slice() {
                for inner in branch.iter() {
                    describe_error(inner, schema, doc, out);
                }
                return;
            }
            let constants: Vec<String> = context
                .iter()
                .flatten()
                .filter_map(|inner| match inner.kind() {
                    ValidationErrorKind::Constant { expected_value } => {
                        Some(display(expected_value))
                    }
                    _ => None,
                })
                .collect();
            if plausible.is_empty() && constants.len() == context.len() {
                let given = display(instance);
                let options: Vec<&str> = constants.iter().map(String::as_str).collect();
                let help = suggest::did_you_mean_value(&given, &options)
                    .unwrap_or_else(|| format!("use one of: {}", constants.join(", ")));
                out.push(
                    at_value(format!(
                        "`{field}` is `{given}`, not one of {}",
                        constants.join(", ")
                    ))
                    .with_label("not an allowed value")
                    .with_help(help),
                );
                return;
            }
            at_value(format!(
                "`{field}` has the wrong form: {}",
                display(instance)
            ))
            .with_help(format!(
                "`riskreg schema {}` shows the allowed forms",
                schema.as_str()
            ))
        }
        _ => at_value(format!("`{field}`: {}", error.masked())),
    };
    out.push(finding);
}

fn display(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    //! The committed schemas in `schema/` are the ones the model types generate, and they
    //! are valid draft 2020-12 schemas.

    use std::path::Path;

    use serde_json::json;

    use super::*;
    use crate::model::{Config, DueList, Mitigation, Review, Risk};

    /// Generates the schema from the model types (what `schema/` must hold).
    fn generate(schema_name: SchemaName) -> Value {
        let mut schema = match schema_name {
            SchemaName::Config => schemars::schema_for!(Config),
            SchemaName::Document(Kind::Risk) => schemars::schema_for!(Risk),
            SchemaName::Document(Kind::Mitigation) => schemars::schema_for!(Mitigation),
            SchemaName::Document(Kind::Review) => schemars::schema_for!(Review),
            SchemaName::Due => schemars::schema_for!(DueList),
        }
        .to_value();
        let title = match schema_name {
            SchemaName::Config => "riskreg.yaml".to_owned(),
            SchemaName::Document(kind) => format!("riskreg {} document", kind.as_str()),
            SchemaName::Due => "riskreg due --format json".to_owned(),
        };
        schema["title"] = json!(title);
        match schema_name {
            SchemaName::Config => {
                let names: Vec<&str> = Code::ALL
                    .iter()
                    .map(|code| code.as_str())
                    .chain(["vague_action"])
                    .collect();
                schema["properties"]["rules"]["propertyNames"] = json!({ "enum": names });
            }
            SchemaName::Due => {}
            SchemaName::Document(kind) => {
                schema["properties"]["kind"] = json!({
                    "description": "What the document is.",
                    "const": kind.as_str(),
                });
                if let Some(required) = schema["required"].as_array_mut() {
                    required.insert(0, json!("kind"));
                }
            }
        }
        schema
    }

    /// Regenerate with `RISKREG_BLESS=1 cargo test --lib schema`.
    #[test]
    fn committed_schemas_match_the_model_types() {
        let bless = std::env::var_os("RISKREG_BLESS").is_some();
        let mut drifted = Vec::new();
        for schema in SchemaName::ALL {
            let generated =
                serde_json::to_string_pretty(&generate(schema)).expect("serializable") + "\n";
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("schema")
                .join(schema.file_name());
            if bless {
                std::fs::write(&path, &generated).expect("write schema");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
                drifted.push(schema.file_name());
            }
        }
        assert!(
            drifted.is_empty(),
            "{drifted:?} differ from the model types; run `RISKREG_BLESS=1 cargo test --lib schema` and commit"
        );
    }

    #[test]
    fn embedded_schemas_are_draft_2020_12() {
        for schema in SchemaName::ALL {
            let value: serde_json::Value =
                serde_json::from_str(schema.embedded()).expect("valid JSON");
            assert_eq!(
                value["$schema"],
                "https://json-schema.org/draft/2020-12/schema",
                "{}",
                schema.as_str()
            );
            jsonschema::draft202012::meta::validate(&value).expect("a valid draft 2020-12 schema");
        }
    }
}
