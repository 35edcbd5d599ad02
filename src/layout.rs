//! Where a register's files are: the config's name, which paths are documents, the
//! config's `ignore:` globs. The walk of the work tree and the reading of git revisions
//! share these definitions.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// The config file at the register's root.
pub const CONFIG_FILE: &str = "riskreg.yaml";

/// Whether a path relative to the register root names a document: a `*.yaml` or `*.yml`
/// file, not hidden nor in a hidden folder, and not the config at the root.
pub fn is_document_path(path: &str) -> bool {
    let has_extension = |extension: &str| {
        path.len() > extension.len()
            && path.as_bytes()[path.len() - extension.len()..]
                .eq_ignore_ascii_case(extension.as_bytes())
    };
    (has_extension(".yaml") || has_extension(".yml"))
        && path != CONFIG_FILE
        && !path.split('/').any(|part| part.starts_with('.'))
}

/// The config's `ignore:` globs as one matcher (invalid globs are rejected when the config
/// is read).
pub fn build_ignore(patterns: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        if let Ok(glob) = Glob::new(pattern) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Which paths of a register are its documents under a config's `ignore:` globs.
pub struct DocumentFilter {
    ignore: GlobSet,
}

impl DocumentFilter {
    /// The filter for these `ignore:` globs.
    pub fn new(ignore: &[String]) -> Self {
        DocumentFilter {
            ignore: build_ignore(ignore),
        }
    }

    /// Whether `path` (relative to the register root, with `/`) is a document that is not
    /// ignored.
    pub fn keeps(&self, path: &str) -> bool {
        is_document_path(path) && !self.ignore.is_match(path)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_paths() {
        for path in [
            "risks/R-001.yaml",
            "M-1.yml",
            "risks/R-002.YAML",
            "a/b/c.Yml",
        ] {
            assert!(is_document_path(path), "{path}");
        }
        for path in [
            "riskreg.yaml",
            "notes.md",
            "yaml",
            ".github/ci.yaml",
            "risks/.draft.yaml",
            "risks/R-001.yaml.bak",
        ] {
            assert!(!is_document_path(path), "{path}");
        }
    }

    #[test]
    fn ignored_documents_are_not_kept() {
        let filter = DocumentFilter::new(&["drafts/**".to_owned()]);
        assert!(filter.keeps("risks/R-001.yaml"));
        assert!(!filter.keeps("drafts/R-002.yaml"));
        assert!(!filter.keeps("risks/notes.md"));
    }
}
