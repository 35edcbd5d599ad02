use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CommandResult, EXIT_CLEAN, Failure};

/// Arguments of `riskreg completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script of a shell for the whole command line (generated into a
/// buffer first: clap_complete panics when its writer fails, as a closed pipe does).
pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> CommandResult {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "riskreg", &mut script);
    out.write_all(&script).map_err(Failure::from)?;
    Ok(EXIT_CLEAN)
}
