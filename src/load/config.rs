//! Finding the register root and reading `riskreg.yaml`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::Glob;

use crate::code::Code;
use crate::finding::Finding;
use crate::layout::{CONFIG_FILE, relative_path};
use crate::model::Config;
use crate::source::{Document, Span, pointer, strip_bom};
use crate::suggest;

use super::file::{self, Kind, Refusal};
use super::schema::{self, SchemaName};
use super::{LoadOptions, yaml};

/// The largest config file riskreg reads.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Why a config that is a symbolic link is not read.
const LINK_REASON: &str = "it is a symbolic link, and riskreg never reads its config through a link (the link could point at any file on the machine); put the file itself there";

/// Why a register could not be loaded at all (exit code 2).
#[derive(Debug)]
pub enum ConfigError {
    /// No `riskreg.yaml` in the given folder or above the current one.
    NotFound {
        /// Where the search started.
        searched: PathBuf,
        /// Whether the ancestors were searched too.
        ancestors: bool,
    },
    /// The path given on the command line does not exist or is not a folder.
    BadPath {
        /// The path.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The config file exists but cannot be read.
    Unreadable {
        /// The config file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The config file is not valid; the findings say where.
    Invalid {
        /// The config as a document, for rendering.
        doc: Box<Document>,
        /// What is wrong.
        findings: Vec<Finding>,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NotFound {
                searched,
                ancestors,
            } => {
                let place = if *ancestors {
                    " or any folder above it"
                } else {
                    ""
                };
                write!(
                    f,
                    "no register found: no {CONFIG_FILE} in {}{place}\n  help: pass the register's folder (riskreg check path/to/register), start one here with `riskreg init`, or try `riskreg demo` to see a register with a year of history; a register's {CONFIG_FILE} needs at least:\n\n    version: 1\n    organization: Your Company Inc.\n    owners:\n      - {{id: alice, name: Alice Chen, email: alice@example.com, approver: true}}\n",
                    searched.display()
                )
            }
            ConfigError::BadPath { path, reason } => write!(f, "{}: {reason}", path.display()),
            ConfigError::Unreadable { path, reason } => {
                write!(f, "cannot read {}: {reason}", path.display())
            }
            ConfigError::Invalid { doc, findings } => write!(
                f,
                "{} is not valid ({} problem{}); fix it and run again",
                doc.path,
                findings.len(),
                if findings.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Finds the register root and its config file. A config that is a symbolic link is
/// refused, never followed.
pub fn locate(options: &LoadOptions) -> Result<(PathBuf, PathBuf), ConfigError> {
    let link = |config: &Path| ConfigError::Unreadable {
        path: config.to_path_buf(),
        reason: LINK_REASON.to_owned(),
    };
    if let Some(path) = &options.path {
        if !path.is_dir() {
            let reason = if path.exists() {
                "not a folder; give the register's root folder"
            } else {
                "no such folder"
            };
            return Err(ConfigError::BadPath {
                path: path.clone(),
                reason: reason.to_owned(),
            });
        }
        let config = options
            .config
            .clone()
            .unwrap_or_else(|| path.join(CONFIG_FILE));
        return match file::kind(&config) {
            Some(Kind::Regular) => Ok((path.clone(), config)),
            Some(Kind::Link) => Err(link(&config)),
            _ => Err(ConfigError::NotFound {
                searched: path.clone(),
                ancestors: false,
            }),
        };
    }
    if let Some(config) = &options.config {
        match file::kind(config) {
            Some(Kind::Regular) => {}
            Some(Kind::Link) => return Err(link(config)),
            _ => {
                return Err(ConfigError::Unreadable {
                    path: config.clone(),
                    reason: "no such file".to_owned(),
                });
            }
        }
        let root = config
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        return Ok((root, config.clone()));
    }
    let cwd = std::env::current_dir().map_err(|error| ConfigError::BadPath {
        path: PathBuf::from("."),
        reason: error.to_string(),
    })?;
    let found = cwd.ancestors().find_map(|folder| {
        let config = folder.join(CONFIG_FILE);
        match file::kind(&config) {
            Some(Kind::Regular) => Some(Ok((folder.to_path_buf(), config))),
            Some(Kind::Link) => Some(Err(link(&config))),
            _ => None,
        }
    });
    found.unwrap_or(Err(ConfigError::NotFound {
        searched: cwd.clone(),
        ancestors: true,
    }))
}

/// Reads, parses and validates the config: a regular file, never through a link.
pub fn read(root: &Path, path: &Path) -> Result<(Config, Document), ConfigError> {
    let unreadable = |reason: String| ConfigError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = file::read_regular(path, MAX_CONFIG_BYTES).map_err(|refusal| match refusal {
        Refusal::Link => unreadable(LINK_REASON.to_owned()),
        Refusal::NotRegular => unreadable("not a regular file".to_owned()),
        Refusal::TooLarge(size) => unreadable(over_limit(size)),
        Refusal::Io(error) => unreadable(error.to_string()),
    })?;
    from_bytes(relative_path(root, path), &bytes)
}

/// Why a config of `size` bytes is not read.
pub fn over_limit(size: u64) -> String {
    format!("{size} bytes is over the {MAX_CONFIG_BYTES}-byte limit for a config")
}

/// Holds the config's limits to what the command line allows: a config may lower a limit
/// that protects the machine running riskreg, never raise it. Returns a note when the
/// config (named by `source`) asked for more.
pub fn cap_limits(config: &mut Config, max_file_bytes: u64, source: &str) -> Option<String> {
    let asked = config.limits.max_file_bytes;
    if asked <= max_file_bytes {
        return None;
    }
    config.limits.max_file_bytes = max_file_bytes;
    Some(format!(
        "{source} asks for limits.max_file_bytes: {asked}, above the {max_file_bytes} bytes allowed; using {max_file_bytes} (a config can lower this limit; only --max-file-bytes raises it)"
    ))
}

/// Parses and validates a config's bytes (from a file or a git blob).
pub fn from_bytes(path: String, bytes: &[u8]) -> Result<(Config, Document), ConfigError> {
    let unreadable = |reason: String| ConfigError::Unreadable {
        path: PathBuf::from(&path),
        reason,
    };
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(unreadable(over_limit(bytes.len() as u64)));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".to_owned()))?;
    let mut doc = Document::unparsed(path, Arc::from(strip_bom(text)));
    let invalid = |doc: Document, findings: Vec<Finding>| ConfigError::Invalid {
        doc: Box::new(doc),
        findings,
    };
    let node = match yaml::parse(&doc.text) {
        Ok(Some(node)) => node,
        Ok(None) => {
            let finding = Finding::new(
                Code::Schema,
                &doc.path,
                Span::file_start(),
                "the config is empty",
            )
            .with_help("write at least `version: 1` and `organization: Your Company Inc.`");
            return Err(invalid(doc, vec![finding]));
        }
        Err(error) => {
            let mut finding = Finding::new(Code::YamlSyntax, &doc.path, error.span, error.message);
            finding.help = error.help;
            finding.label = Some(error.label.to_owned());
            return Err(invalid(doc, vec![finding]));
        }
    };
    let value = node.to_json();
    doc.node = Some(node);
    let mut findings = schema::validate(SchemaName::Config, &value, &doc);
    if !findings.is_empty() {
        Finding::sort(&mut findings);
        return Err(invalid(doc, findings));
    }
    let config: Config = match serde_json::from_value(value) {
        Ok(config) => config,
        Err(error) => {
            let finding = Finding::at_value(
                Code::Schema,
                &doc,
                "",
                format!("the config does not match its schema: {error}"),
            );
            return Err(invalid(doc, vec![finding]));
        }
    };
    let findings = check_consistency(&config, &doc);
    if !findings.is_empty() {
        return Err(invalid(doc, findings));
    }
    Ok((config, doc))
}

/// Checks what the schema cannot: levels in order, names that refer to each other,
/// rule names, globs.
fn check_consistency(config: &Config, doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut problem = |pointer: String, message: String, help: Option<String>| {
        let mut finding = Finding::at_value(Code::Schema, doc, &pointer, message);
        finding.help = help;
        findings.push(finding);
    };
    for (index, pair) in config.levels.windows(2).enumerate() {
        if pair[1].min <= pair[0].min {
            problem(
                format!("/levels/{}/min", index + 1),
                format!(
                    "level `{}` starts at {}, not above `{}` ({})",
                    pair[1].name, pair[1].min, pair[0].name, pair[0].min
                ),
                Some(
                    "list levels from lowest to highest, each `min` above the previous one"
                        .to_owned(),
                ),
            );
        }
    }
    for (index, level) in config.levels.iter().enumerate() {
        if config.levels[..index]
            .iter()
            .any(|earlier| earlier.name == level.name)
        {
            problem(
                format!("/levels/{index}/name"),
                format!("level `{}` is listed twice", level.name),
                None,
            );
        }
    }
    let level_names: Vec<&str> = config
        .levels
        .iter()
        .map(|level| level.name.as_str())
        .collect();
    let level_help = |name: &str| {
        Some(
            suggest::did_you_mean(name, level_names.iter().copied())
                .unwrap_or_else(|| format!("the levels are {}", level_names.join(", "))),
        )
    };
    for name in config.treatment_target_days.keys() {
        if config.level_rank(name).is_none() {
            problem(
                pointer::child("/treatment_target_days", name),
                format!("`{name}` is not a level"),
                level_help(name),
            );
        }
    }
    if let Some(level) = config
        .appetite
        .as_ref()
        .and_then(|appetite| appetite.max_accepted_level.as_deref())
        && config.level_rank(level).is_none()
    {
        problem(
            "/appetite/max_accepted_level".to_owned(),
            format!("`{level}` is not a level"),
            level_help(level),
        );
    }
    for (index, pattern) in config.ignore.iter().enumerate() {
        if let Err(error) = Glob::new(pattern) {
            problem(
                format!("/ignore/{index}"),
                format!("`{pattern}` is not a valid glob: {}", error.kind()),
                None,
            );
        }
    }
    for (index, owner) in config.owners.iter().enumerate() {
        if config.owners[..index]
            .iter()
            .any(|earlier| earlier.id == owner.id)
        {
            problem(
                format!("/owners/{index}/id"),
                format!("owner `{}` is listed twice", owner.id),
                None,
            );
        }
    }
    findings
}
