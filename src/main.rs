//! The `riskreg` command: parses arguments, runs, and maps the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc, which also serves libgit2's allocations: reading a history allocates and frees
/// a buffer for every object, and glibc's allocator made that a fifth of the walk.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = riskreg::cli::Cli::parse();
    riskreg::cli::run(cli)
}
