//! A pull request is untrusted input: hostile documents, file names, configs and git
//! objects, committed to a real repository as a pull request would bring them, each met
//! with a clear finding or a clear error (exit 2). Nothing outside the register is read or
//! shown, nothing outside the output is written, and the cost stays bounded.

pub use crate::support::riskreg_in;
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

/// The fixture's root as a string argument.
fn root(fixture: &Fixture) -> &str {
    fixture.path().to_str().expect("UTF-8 path")
}
