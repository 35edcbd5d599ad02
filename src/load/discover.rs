//! Walking the register for documents.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::code::Code;
use crate::finding::Finding;
use crate::layout::{build_ignore, is_document_path, relative_path};
use crate::model::Config;
use crate::source::Span;

/// What the walk found.
pub struct Discovered {
    /// Document files, in walk order.
    pub files: Vec<PathBuf>,
    /// Folders that could not be read.
    pub findings: Vec<Finding>,
    /// Files skipped on purpose.
    pub notices: Vec<String>,
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Whether a file that is not a document has a name one would take for one:
/// `R-9.yaml.txt`, `R-9.yaml~`, `R-9.yml.bak`, `R-9.yam`.
fn looks_like_a_document(entry: &DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy().to_lowercase();
    name.contains(".yaml")
        || name.contains(".yml")
        || [".yam", ".ymal", ".yaml ", ".ym"]
            .iter()
            .any(|ending| name.ends_with(ending))
}

/// Lists the documents below `root`: `*.yaml` and `*.yml`, not following links, skipping
/// hidden files and folders, the config and the config's `ignore:` globs. The walk takes
/// folders in the order the file system gives them (sorting each folder by name would cost a
/// tenth of a large check: walkdir recomputes both names on every comparison); the
/// documents are sorted by path when the register is assembled, and the notices here.
pub fn walk(root: &Path, config_path: &Path, config: &Config) -> Discovered {
    let ignore = build_ignore(&config.ignore);
    let root_canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut found = Discovered {
        files: Vec::new(),
        findings: Vec::new(),
        notices: Vec::new(),
    };
    let walker = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| {
            !is_hidden(entry) && !ignore.is_match(relative_path(root, entry.path()))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|path| relative_path(root, path))
                    .unwrap_or_default();
                let reason = error
                    .io_error()
                    .map_or_else(|| error.to_string(), ToString::to_string);
                found.findings.push(
                    Finding::new(
                        Code::YamlSyntax,
                        &path,
                        Span::file_start(),
                        format!("cannot read this folder: {reason}"),
                    )
                    .with_help("check its permissions, or add it to `ignore:` in riskreg.yaml"),
                );
                continue;
            }
        };
        let path = entry.path();
        let relative = relative_path(root, path);
        if entry.file_type().is_dir() || path == config_path {
            continue;
        }
        if !is_document_path(&relative) {
            if looks_like_a_document(&entry) {
                found.notices.push(format!(
                    "skipped {relative}: its name does not end in .yaml or .yml, so it is not part of the register; rename it to end in .yaml, or add it to `ignore:` in riskreg.yaml to silence this note"
                ));
            }
            continue;
        }
        if entry.path_is_symlink() {
            let outside =
                fs::canonicalize(path).map_or(true, |target| !target.starts_with(&root_canonical));
            let why = if outside {
                "it points outside the register"
            } else {
                "riskreg does not follow links"
            };
            found
                .notices
                .push(format!("skipped {relative}: a symbolic link ({why})"));
            continue;
        }
        if !entry.file_type().is_file() {
            found
                .notices
                .push(format!("skipped {relative}: not a regular file"));
            continue;
        }
        found.files.push(path.to_path_buf());
    }
    found.notices.sort();
    found
}
