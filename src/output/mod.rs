//! Output formats: one file per format, all fed the same findings.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod pr_comment;
pub mod sarif;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::ValueEnum;

use crate::finding::Finding;
use crate::load::Register;
use crate::source::Document;

/// The formats `riskreg check` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, labels and hints, then a summary line.
    Human,
    /// One JSON document for tools, `{version, as_of, findings, summary}`, as README.md's
    /// "Output and exit codes" describes it.
    Json,
    /// GitHub Actions annotations (and a job summary when `GITHUB_STEP_SUMMARY` is set).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// A GitLab Code Quality report.
    Gitlab,
    /// JUnit XML, for CI systems that show test reports.
    Junit,
}

/// Everything a format needs to render a check.
pub struct CheckResults<'a> {
    /// The date the rules compared against.
    pub as_of: NaiveDate,
    /// The findings, sorted.
    pub findings: &'a [Finding],
    /// How many documents were checked.
    pub documents: usize,
    /// How many document files differ from HEAD, when the register is in git.
    pub uncommitted: Option<usize>,
    /// The commit the register was read at (`--rev`, `--at`), as the summary names it;
    /// `None` for the work tree.
    pub committed: Option<String>,
    /// The register root's path inside its git repository, with a trailing `/` ("" when
    /// the register is the repository's top or not in git). Formats whose consumers
    /// resolve paths from the repository root (GitHub, GitLab, SARIF) prepend it.
    pub repo_prefix: String,
    /// The text of each file, for snippets.
    pub sources: Sources,
}

/// The text of the register's files by path.
#[derive(Debug, Default)]
pub struct Sources(HashMap<String, Arc<str>>);

impl Sources {
    /// The texts of the given documents.
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Self {
        Sources(
            docs.into_iter()
                .map(|doc| (doc.path.clone(), Arc::clone(&doc.text)))
                .collect(),
        )
    }

    /// The texts of every document and the config.
    pub fn from_register(register: &Register) -> Self {
        Self::from_documents(register.documents.iter().chain([&register.config_doc]))
    }

    /// The text of the file at `path`, if it was read as text.
    pub fn get(&self, path: &str) -> Option<&Arc<str>> {
        self.0.get(path).filter(|text| !text.is_empty())
    }
}

/// Renders a report in a format.
pub fn render(format: Format, report: &CheckResults<'_>, colour: bool) -> String {
    match format {
        Format::Human => human::render(report, colour),
        Format::Json => json::render(report),
        Format::Github => github::render(report),
        Format::Sarif => sarif::render(report),
        Format::Gitlab => gitlab::render(report),
        Format::Junit => junit::render(report),
    }
}

/// A stable fingerprint of each finding, for tools that track findings across runs (SARIF
/// `partialFingerprints`, GitLab `fingerprint`): 16 hex digits of the 64-bit FNV-1a hash of
/// [`Finding::identity`] (rule, document ID or, for a file without one, its path inside the
/// repository, and field). Line numbers and messages are left out, so a finding keeps its
/// fingerprint when lines above it move or when its message names a day count that grows.
/// Identical identities get distinct fingerprints: the second and later also hash their
/// occurrence count, in the findings' (sorted) order.
pub fn fingerprints(findings: &[Finding], repo_prefix: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|finding| {
            let (rule, document, field) = finding.identity();
            let place = if finding.document.is_some() {
                String::new()
            } else {
                repo_prefix.to_owned()
            };
            let mut key = format!("{rule}\0{place}{document}\0{field}");
            let occurrence = seen.entry(key.clone()).or_default();
            if *occurrence > 0 {
                key.push_str(&format!("\0{occurrence}"));
            }
            *occurrence += 1;
            format!("{:016x}", fnv1a64(key.as_bytes()))
        })
        .collect()
}

/// The 64-bit FNV-1a hash (the `fnv` crate): unlike `std`'s `DefaultHasher` it is fixed
/// forever, so fingerprints do not change with the Rust version.
fn fnv1a64(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{Code, Severity};
    use crate::source::Span;

    fn finding(line: usize, field: &str) -> Finding {
        Finding {
            rule: Code::Overdue,
            severity: Severity::Warning,
            message: format!("due {line} days ago"),
            label: None,
            help: None,
            document: Some("M-001".to_owned()),
            field: field.to_owned(),
            path: "mitigations/M-001.yaml".to_owned(),
            span: Span {
                start: 0,
                end: 0,
                line,
                column: 1,
            },
        }
    }

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprints_ignore_lines_and_messages_and_tell_repeats_apart() {
        let moved = fingerprints(&[finding(3, "/due")], "reg/");
        assert_eq!(moved, fingerprints(&[finding(30, "/due")], "reg/"));
        assert_ne!(moved, fingerprints(&[finding(3, "/status")], "reg/"));
        let twice = fingerprints(&[finding(3, "/due"), finding(9, "/due")], "reg/");
        assert_eq!(twice[0], moved[0]);
        assert_ne!(twice[0], twice[1]);
        let mut unparsed = finding(1, "");
        unparsed.document = None;
        assert_ne!(
            fingerprints(std::slice::from_ref(&unparsed), "reg/"),
            fingerprints(&[unparsed], "")
        );
    }
}
