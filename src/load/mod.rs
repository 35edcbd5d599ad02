//! Loading a register: find its root, read the config, walk and parse the documents
//! keeping spans, validate them against the JSON Schemas and deserialize typed bodies.

mod config;
mod discover;
mod read;
pub mod schema;
mod yaml;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::finding::Finding;
use crate::model::Config;
use crate::source::{Document, strip_bom};

pub use config::ConfigError;

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
    let read = discovered
        .files
        .par_iter()
        .map(|file| read::document(&root, file, limit))
        .collect();
    let mut loaded = assemble(root, config, config_doc, read);
    loaded.findings.splice(0..0, discovered.findings);
    loaded.notices = discovered.notices;
    Ok(loaded)
}

/// A register from stored files: the config's bytes and every document file's (paths
/// relative to the register root), as a git revision holds them. Files the config's
/// `ignore:` globs exclude are left out.
pub fn from_files(
    root: PathBuf,
    config_bytes: Vec<u8>,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Loaded, ConfigError> {
    let (config, config_doc) =
        config::from_bytes(crate::layout::CONFIG_FILE.to_owned(), config_bytes)?;
    let limit = config.limits.max_file_bytes;
    let filter = crate::layout::DocumentFilter::new(&config.ignore);
    let read = files
        .into_par_iter()
        .filter(|(path, _)| filter.keeps(path))
        .map(|(path, bytes)| read::from_bytes(path, bytes, limit))
        .collect();
    Ok(assemble(root, config, config_doc, read))
}

/// The register from its documents as read, in path order, with the findings reading made.
fn assemble(
    root: PathBuf,
    config: Config,
    config_doc: Document,
    mut read: Vec<(Document, Vec<Finding>)>,
) -> Loaded {
    read.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut findings = Vec::new();
    let mut documents = Vec::with_capacity(read.len());
    for (document, document_findings) in read {
        findings.extend(document_findings);
        documents.push(document);
    }
    Loaded {
        register: Register {
            root,
            config,
            config_doc,
            documents,
        },
        findings,
        notices: Vec::new(),
    }
}

/// Finds the register and reads only its config (for commands that need no documents).
pub fn load_config(options: &LoadOptions) -> Result<(PathBuf, Config), ConfigError> {
    let (root, config_path) = config::locate(options)?;
    let (config, _) = config::read(&root, &config_path)?;
    Ok((root, config))
}

/// Parses YAML text with the loader's refusals (duplicate keys, alias bombs, deep nesting):
/// the tree, `None` for a file with no document, or what is wrong and where.
pub fn parse_yaml(
    text: &str,
) -> Result<Option<crate::source::Node>, (String, crate::source::Span)> {
    yaml::parse(strip_bom(text)).map_err(|error| (error.message, error.span))
}

/// Parses a stored version of a document (a git blob): its ID and its JSON form, or `None`
/// when it is not a document riskreg can read (not UTF-8, not YAML, no string `id`, over
/// `max_bytes`). Used for history, where bad old versions are simply not part of it.
pub fn parse_stored(bytes: &[u8], max_bytes: u64) -> Option<(String, serde_json::Value)> {
    if bytes.len() as u64 > max_bytes {
        return None;
    }
    let text = strip_bom(std::str::from_utf8(bytes).ok()?);
    let value = yaml::parse(text).ok()??.into_json();
    let id = value.get("id")?.as_str()?.to_owned();
    Some((id, value))
}
