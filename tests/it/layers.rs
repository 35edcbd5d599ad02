//! The crate's layering, held: each module imports only modules of lower layers (the table
//! in `src/lib.rs`), `git` imports none, and no source file grows past 600 lines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, bottom first, as `src/lib.rs` states them.
const LAYERS: &[&[&str]] = &[
    &["atomic", "demo", "escape", "model", "sheet", "suggest"],
    &["source"],
    &["code", "edit", "layout"],
    &["finding"],
    &["scaffold"],
    &["load"],
    &["import"],
    &["git"],
    &["history"],
    &["revision"],
    &["index"],
    &["rules"],
    &["diff", "due", "oscal", "output", "report"],
    &["trend"],
    &["cli"],
];

/// Imports allowed between modules of one layer (importer, imported): the pull-request
/// comment renders a diff.
const SIBLING_IMPORTS: &[(&str, &str)] = &[("output", "diff")];

/// Modules that import no other module of the crate.
const LEAVES: &[&str] = &["atomic", "escape", "model", "sheet", "suggest", "git"];

/// The longest a source file may be.
const MAX_LINES: usize = 600;

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to (`src/load/config.rs` -> `load`); `None` for the
/// crate roots.
fn module_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// The crate's top-level modules a source text names through `crate::` paths, including
/// grouped imports (`use crate::{rules, suggest};`).
fn imports(text: &str) -> BTreeSet<String> {
    let identifier = |rest: &str| -> String {
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (index, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        start = false;
                        found.insert(identifier(&group[index..]));
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(identifier(rest));
        }
    }
    found.retain(|name| !name.is_empty());
    found
}

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| {
            panic!("module `{module}` is in no layer; add it to src/lib.rs and LAYERS")
        })
}

#[test]
fn each_module_imports_only_lower_layers() {
    let mut files = Vec::new();
    source_files(&src(), &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read source");
        for imported in imports(&text) {
            if imported == module {
                continue;
            }
            let allowed = if LEAVES.contains(&module.as_str()) {
                false
            } else {
                layer_of(&imported) < layer_of(&module)
                    || SIBLING_IMPORTS.contains(&(module.as_str(), imported.as_str()))
            };
            if !allowed {
                violations.push(format!("{} imports `{imported}`", file.display()));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports against the layers:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_layer_table_names_every_module_of_the_crate() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("read lib.rs");
    let declared: BTreeSet<&str> = lib
        .lines()
        .filter_map(|line| {
            line.strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
        })
        .map(|name| name.trim_end_matches(';'))
        .collect();
    let layered: BTreeSet<&str> = LAYERS
        .iter()
        .flat_map(|layer| layer.iter().copied())
        .collect();
    assert_eq!(declared, layered);
    for layer in LAYERS {
        let row = layer.join(" | ");
        assert!(
            lib.contains(&format!("//! {row} ")),
            "lib.rs's table lacks the row `{row}`"
        );
    }
}

#[test]
fn the_import_reader_sees_grouped_and_nested_paths() {
    let text = "use crate::{rules, suggest::{self, closest}};\nlet x = crate::load::load(&o);\n$crate::code::Code::X";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["code", "load", "rules", "suggest"]);
}

#[test]
fn no_source_file_is_longer_than_600_lines() {
    let mut files = Vec::new();
    source_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(file).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by topic:\n{}",
        long.join("\n")
    );
}
