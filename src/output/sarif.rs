//! `--format sarif`: a SARIF 2.1.0 log, as GitHub code scanning accepts it.
//!
//! The log is written with plain serde structs for the few SARIF objects riskreg uses,
//! rather than the `serde-sarif` crate: that crate generates its types from the SARIF
//! schema at build time and would add 13 crates to the build (a second `syn`, `schemafy`,
//! `typed-builder`, another `strum`), all to write about fifteen small objects. The output
//! is checked against the official schema in the tests instead.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{CheckResults, fingerprints};
use crate::code::Severity;
use crate::rules::{self, RuleMeta};

/// The schema the log names.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of each result's fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "riskregFingerprint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Columns count characters, as riskreg's do (SARIF's default is UTF-16 code units).
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    /// Where to learn about riskreg (SARIF2005 asks for it).
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    /// Left out where it would equal the ID but for case (`schema`), as SARIF says
    /// (3.49.7; the multitool's SARIF1001).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    document: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

/// Renders the report as a pretty-printed SARIF log, with a trailing newline. The driver
/// lists every rule, so results can point at theirs by index.
pub fn render(report: &CheckResults<'_>) -> String {
    let all = rules::all();
    let fingerprints = fingerprints(report.findings, &report.repo_prefix);
    let results = report
        .findings
        .iter()
        .zip(fingerprints)
        .map(|(finding, fingerprint)| SarifResult {
            rule_id: finding.rule.as_str(),
            rule_index: all.iter().position(|rule| rule.meta().code == finding.rule),
            level: level(finding.severity),
            message: Text {
                text: finding.message.clone(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri_path(&format!("{}{}", report.repo_prefix, finding.path)),
                        uri_base_id: "%SRCROOT%",
                    },
                    region: Region {
                        start_line: finding.span.line.max(1),
                        start_column: finding.span.column.max(1),
                    },
                },
            }],
            partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
            properties: finding
                .document
                .as_deref()
                .map(|document| ResultProperties { document }),
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "riskreg",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_HOMEPAGE"),
                    rules: all.iter().map(|rule| descriptor(rule.meta())).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn descriptor(meta: &RuleMeta) -> Descriptor {
    let documentation = meta.documentation();
    let id = meta.code.as_str();
    let name = upper_camel_case(id);
    Descriptor {
        id,
        name: (!name.eq_ignore_ascii_case(id)).then_some(name),
        short_description: Text {
            text: meta.summary.to_owned(),
        },
        full_description: Text {
            text: what_it_checks(&documentation).unwrap_or_else(|| meta.summary.to_owned()),
        },
        help: Help {
            text: documentation.clone(),
            markdown: documentation,
        },
        default_configuration: Configuration {
            level: level(meta.code.default_severity()),
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `untreated-risk` -> `UntreatedRisk`.
fn upper_camel_case(code: &str) -> String {
    code.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The "What it checks" section of a rule's documentation, on one line.
fn what_it_checks(documentation: &str) -> Option<String> {
    let (_, rest) = documentation.split_once("## What it checks")?;
    let section = rest.split("\n## ").next().unwrap_or(rest);
    let text = section.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A path as a URI reference: every byte but unreserved characters and `/`
/// percent-encoded.
fn uri_path(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_upper_camel_case() {
        assert_eq!(upper_camel_case("untreated-risk"), "UntreatedRisk");
        assert_eq!(
            upper_camel_case("id-filename-mismatch"),
            "IdFilenameMismatch"
        );
        assert_eq!(upper_camel_case("schema"), "Schema");
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            uri_path("risks/R-001 laptop%#é.yaml"),
            "risks/R-001%20laptop%25%23%C3%A9.yaml"
        );
    }

    #[test]
    fn full_description_is_what_the_rule_checks() {
        let doc = "## What it checks\n\nThat every risk\nhas `x`.\n\n## Why\n\nBecause.\n";
        assert_eq!(
            what_it_checks(doc).as_deref(),
            Some("That every risk has `x`.")
        );
        assert_eq!(what_it_checks("nothing"), None);
    }
}
