//! A pull request is untrusted input: hostile documents, file names, configs and git
//! objects, committed to a real repository as a pull request would bring them, each met
//! with a clear finding or a clear error (exit 2). Nothing outside the register is read or
//! shown, nothing outside the output is written, and the cost stays bounded.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{ALICE, CONFIG, Fixture};

#[cfg(unix)]
mod config_link;
mod limits;
#[cfg(unix)]
mod output;
mod oversize_blob;
mod recipes;
mod tree_depth;

/// A clean register whose config ends with `extra`, committed on 2026-10-01.
fn committed(extra: &str) -> Fixture {
    let fixture = Fixture::clean();
    fixture.write("riskreg.yaml", format!("{CONFIG}{extra}"));
    fixture.git_init();
    fixture.commit("2026-10-01", ALICE, "Import the register");
    fixture
}

/// Runs riskreg in `dir` (colour off).
fn riskreg_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run riskreg")
}

/// The fixture's root as a string argument.
fn root(fixture: &Fixture) -> &str {
    fixture.path().to_str().expect("UTF-8 path")
}
