//! Loading a register: find its root, read the config, walk and parse the documents
//! keeping spans, validate them against the JSON Schemas and deserialize typed bodies.

mod config;
mod discover;
mod document;
mod node;
mod read;
pub mod schema;
mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::finding::Finding;
use crate::model::Config;

pub use config::{CONFIG_FILE, ConfigError};
pub use discover::{build_ignore, is_document_path};
pub use document::Document;
pub use node::{Entry, Located, Node, NodeValue, Span};
pub use yaml::{MAX_ALIAS_NODES, MAX_DEPTH, YamlError};

/// A loaded register: its config and every document, valid or not.
#[derive(Debug)]
pub struct Register {
    /// The register's root folder.
    pub root: PathBuf,
    /// The parsed config.
    pub config: Config,
    /// The config file as a document, for findings that point into it.
    pub config_doc: Document,
    /// Every document, sorted by path.
    pub documents: Vec<Document>,
}

/// The result of loading: the register, the findings loading itself made, and notices
/// about files that were skipped.
#[derive(Debug)]
pub struct Loaded {
    /// The register.
    pub register: Register,
    /// `yaml-syntax` and `schema` findings.
    pub findings: Vec<Finding>,
    /// Files skipped on purpose (links, special files), one line each.
    pub notices: Vec<String>,
}

/// Where to look for the register.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The register root given on the command line, if any.
    pub path: Option<PathBuf>,
    /// The config file given with `--config`, if any.
    pub config: Option<PathBuf>,
}

/// Finds, reads, parses and validates a register.
pub fn load(options: &LoadOptions) -> Result<Loaded, ConfigError> {
    let (root, config_path) = config::locate(options)?;
    let (config, config_doc) = config::read(&root, &config_path)?;
    let discovered = discover::walk(&root, &config_path, &config);
    let limit = config.limits.max_file_bytes;
    let mut results: Vec<(Document, Vec<Finding>)> = discovered
        .files
        .par_iter()
        .map(|file| read::document(&root, file, limit))
        .collect();
    results.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut findings = discovered.findings;
    let mut documents = Vec::with_capacity(results.len());
    for (document, document_findings) in results {
        findings.extend(document_findings);
        documents.push(document);
    }
    Ok(Loaded {
        register: Register {
            root,
            config,
            config_doc,
            documents,
        },
        findings,
        notices: discovered.notices,
    })
}

/// Loads the register as it was at a git revision (a branch, tag or commit), from the
/// repository holding `root`. `Ok(None)` when the register did not exist there (no
/// config at that revision).
pub fn load_revision(root: &Path, rev: &str) -> Result<Option<Loaded>, crate::git::GitError> {
    let repo = crate::git::Repo::discover(root)?;
    let keep = |path: &str| path == CONFIG_FILE || is_document_path(path);
    let Some(mut files) = repo.files_at(rev, &keep)? else {
        return Ok(None);
    };
    let Some(config_at) = files.iter().position(|(path, _)| path == CONFIG_FILE) else {
        return Ok(None);
    };
    let (_, config_bytes) = files.swap_remove(config_at);
    let (config, config_doc) =
        config::from_bytes(CONFIG_FILE.to_owned(), config_bytes).map_err(|error| {
            crate::git::GitError::Corrupt(format!("{CONFIG_FILE} at {rev}: {error}"))
        })?;
    let ignore = build_ignore(&config.ignore);
    let limit = config.limits.max_file_bytes;
    let mut results: Vec<(Document, Vec<Finding>)> = files
        .into_par_iter()
        .filter(|(path, _)| !ignore.is_match(path))
        .map(|(path, bytes)| read::from_bytes(path, bytes, limit))
        .collect();
    results.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut findings = Vec::new();
    let mut documents = Vec::with_capacity(results.len());
    for (document, document_findings) in results {
        findings.extend(document_findings);
        documents.push(document);
    }
    Ok(Some(Loaded {
        register: Register {
            root: root.to_path_buf(),
            config,
            config_doc,
            documents,
        },
        findings,
        notices: Vec::new(),
    }))
}

/// Finds the register and reads only its config (for commands that need no documents).
pub fn load_config(options: &LoadOptions) -> Result<(PathBuf, Config), ConfigError> {
    let (root, config_path) = config::locate(options)?;
    let (config, _) = config::read(&root, &config_path)?;
    Ok((root, config))
}

/// A path relative to `root`, written with `/`, or the path as given when it is outside.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses a stored version of a document (a git blob): its ID and its JSON form, or `None`
/// when it is not a document riskreg can read (not UTF-8, not YAML, no string `id`, over
/// `max_bytes`). Used for history, where bad old versions are simply not part of it.
pub fn parse_stored(bytes: &[u8], max_bytes: u64) -> Option<(String, serde_json::Value)> {
    if bytes.len() as u64 > max_bytes {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = yaml::parse(text).ok()??.into_json();
    let id = value.get("id")?.as_str()?.to_owned();
    Some((id, value))
}
