//! The committed schemas in `schema/` are the ones the model types generate, and they
//! compile and accept the bundled example register.

use std::path::Path;

use riskreg::load::schema::SchemaName;

/// Regenerate with `RISKREG_BLESS=1 cargo test --test it schema`.
#[test]
fn committed_schemas_match_the_model_types() {
    let bless = std::env::var_os("RISKREG_BLESS").is_some();
    let mut drifted = Vec::new();
    for schema in SchemaName::ALL {
        let generated =
            serde_json::to_string_pretty(&schema.generate()).expect("serializable") + "\n";
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
        "{drifted:?} differ from the model types; run `RISKREG_BLESS=1 cargo test --test it schema` and commit"
    );
}

#[test]
fn embedded_schemas_are_draft_2020_12() {
    for schema in SchemaName::ALL {
        let value: serde_json::Value = serde_json::from_str(schema.embedded()).expect("valid JSON");
        assert_eq!(
            value["$schema"],
            "https://json-schema.org/draft/2020-12/schema",
            "{}",
            schema.as_str()
        );
        jsonschema::draft202012::meta::validate(&value).expect("a valid draft 2020-12 schema");
    }
}
