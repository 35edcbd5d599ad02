//! Loading a register: find its root, read the config, walk and parse the documents
//! keeping spans, validate them against the JSON Schemas and deserialize typed bodies.

mod config;
mod discover;
mod file;
mod misplaced;
mod read;
pub mod schema;
mod yaml;
mod yaml_hint;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::finding::Finding;
use crate::layout::CONFIG_FILE;
use crate::model::{Config, Limits};
use crate::source::{Document, strip_bom};

pub use config::{ConfigError, MAX_CONFIG_BYTES, over_limit};
pub use file::{Refusal, link_within, read_regular};
pub use read::{from_bytes as read_stored, too_large as refuse_oversize};

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
    /// Files skipped on purpose (links, special files) and limits the config asked to raise,
    /// one line each.
    pub notices: Vec<String>,
}

/// Where to look for the register, and how much of a file to read at most.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The register root given on the command line, if any.
    pub path: Option<PathBuf>,
    /// The config file given with `--config`, if any.
    pub config: Option<PathBuf>,
    /// The largest file riskreg reads (`--max-file-bytes`); the config's
    /// `limits.max_file_bytes` can lower it, not raise it.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            path: None,
            config: None,
            max_file_bytes: Limits::DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// Finds, reads, parses and validates a register.
pub fn load(options: &LoadOptions) -> Result<Loaded, ConfigError> {
    load_alongside(options, |_, _| ()).map(|(loaded, ())| loaded)
}

/// Loads the register as [`load`] does, running `alongside` with its root and config while
/// the documents are read (`check` reads the history then, which needs only the config).
pub fn load_alongside<T: Send>(
    options: &LoadOptions,
    alongside: impl FnOnce(&Path, &Config) -> T + Send,
) -> Result<(Loaded, T), ConfigError> {
    let ConfigRead {
        root,
        path,
        config,
        doc,
        mut notices,
    } = read_config(options)?;
    let ((discovered, read), other) = rayon::join(
        || {
            let discovered = discover::walk(&root, &path, &config);
            let limit = config.limits.max_file_bytes;
            let read = discovered
                .files
                .par_iter()
                .map(|file| read::document(&root, file, limit))
                .collect();
            (discovered, read)
        },
        || alongside(&root, &config),
    );
    notices.extend(discovered.notices);
    let mut loaded = assemble(root, config, doc, read, notices);
    loaded.findings.splice(0..0, discovered.findings);
    Ok((loaded, other))
}

/// A register's root and config, read from the work tree.
struct ConfigRead {
    root: PathBuf,
    /// The config file.
    path: PathBuf,
    /// The config, its limits held to the command line's.
    config: Config,
    /// The config as a document.
    doc: Document,
    /// A note when the config asked for more than the command line allows.
    notices: Vec<String>,
}

/// Finds the register and reads its config.
fn read_config(options: &LoadOptions) -> Result<ConfigRead, ConfigError> {
    let (root, path) = config::locate(options)?;
    let (mut config, doc) = config::read(&root, &path)?;
    let source = path.display().to_string();
    let notices = config::cap_limits(&mut config, options.max_file_bytes, &source)
        .into_iter()
        .collect();
    Ok(ConfigRead {
        root,
        path,
        config,
        doc,
        notices,
    })
}

/// Parses and validates a stored config (a git blob) named by `source`, its limits held to
/// `max_file_bytes`; the notices say when it asked for more.
pub fn stored_config(
    bytes: &[u8],
    max_file_bytes: u64,
    source: &str,
) -> Result<(Config, Document, Vec<String>), ConfigError> {
    let (mut config, config_doc) = config::from_bytes(CONFIG_FILE.to_owned(), bytes)?;
    let notices = config::cap_limits(&mut config, max_file_bytes, source)
        .into_iter()
        .collect();
    Ok((config, config_doc, notices))
}

/// A register from files held in memory: the config's bytes and every document file's
/// (paths relative to the register root), as an import leaves them. Files the config's
/// `ignore:` globs exclude are left out; the config's own limit applies.
pub fn from_files(
    root: PathBuf,
    config_bytes: &[u8],
    files: Vec<(String, Vec<u8>)>,
) -> Result<Loaded, ConfigError> {
    let (config, config_doc, notices) = stored_config(config_bytes, u64::MAX, CONFIG_FILE)?;
    let limit = config.limits.max_file_bytes;
    let filter = crate::layout::DocumentFilter::new(&config.ignore);
    let read = files
        .into_par_iter()
        .filter(|(path, _)| filter.keeps(path))
        .map(|(path, bytes)| read::from_bytes(path, &bytes, limit))
        .collect();
    Ok(assemble(root, config, config_doc, read, notices))
}

/// The register from its documents as read (in any order; they are sorted by path), with
/// the findings reading made and the notices to print.
pub fn assemble(
    root: PathBuf,
    config: Config,
    config_doc: Document,
    mut read: Vec<(Document, Vec<Finding>)>,
    notices: Vec<String>,
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
        notices,
    }
}

/// A note for each document that parsed but that the other rules skip, its schema errors
/// keeping it from being typed (`status: done`, say): what the other findings about it
/// follow from.
pub fn skipped_notes(register: &Register, findings: &[Finding]) -> Vec<String> {
    let with_schema_errors: std::collections::HashSet<&str> = findings
        .iter()
        .filter(|finding| finding.rule == crate::code::Code::Schema)
        .map(|finding| finding.path.as_str())
        .collect();
    register
        .documents
        .iter()
        .filter(|doc| doc.node.is_some() && doc.body.is_none())
        .filter(|doc| with_schema_errors.contains(doc.path.as_str()))
        .map(|doc| {
            format!(
                "the other checks of {} were skipped until its schema errors are fixed; findings on documents that refer to it may follow from them",
                doc.path
            )
        })
        .collect()
}

/// Finds the register and reads only its config (for commands that need no documents):
/// the root, the config and the notices to print.
pub fn load_config(options: &LoadOptions) -> Result<(PathBuf, Config, Vec<String>), ConfigError> {
    let read = read_config(options)?;
    Ok((read.root, read.config, read.notices))
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
