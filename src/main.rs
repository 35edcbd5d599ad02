//! The `riskreg` command: parses arguments, runs, and maps the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = riskreg::cli::Cli::parse();
    riskreg::cli::run(cli)
}
