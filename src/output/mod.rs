//! Output formats: one file per format, all fed the same findings.

pub mod human;
pub mod json;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::ValueEnum;

use crate::finding::Finding;
use crate::load::{Document, Register};

/// The formats `riskreg check` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, labels and hints, then a summary line.
    Human,
    /// The JSON document of the spec, for tools.
    Json,
}

/// Everything a format needs to render a check.
pub struct Report<'a> {
    /// The date the rules compared against.
    pub as_of: NaiveDate,
    /// The findings, sorted.
    pub findings: &'a [Finding],
    /// How many documents were checked.
    pub documents: usize,
    /// How many document files differ from HEAD, when the register is in git.
    pub uncommitted: Option<usize>,
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
pub fn render(format: Format, report: &Report<'_>, colour: bool) -> String {
    match format {
        Format::Human => human::render(report, colour),
        Format::Json => json::render(report),
    }
}
