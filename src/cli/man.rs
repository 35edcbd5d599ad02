use std::io::Write;

use clap::{Args, CommandFactory};
use clap_mangen::Man;

use super::{Cli, CommandResult, EXIT_CLEAN, Failure, emit};

/// Arguments of `riskreg man`.
#[derive(Debug, Args)]
pub struct ManArgs {}

/// The page of the whole command line in roff: riskreg's own sections, then one section
/// per subcommand with its synopsis and options (their headings demoted to subsections).
pub fn page() -> Result<String, std::io::Error> {
    let mut command = Cli::command();
    command.build();
    let mut page = Vec::new();
    Man::new(command.clone()).render(&mut page)?;
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let mut part = Vec::new();
        let man = Man::new(sub.clone());
        man.render_synopsis_section(&mut part)?;
        man.render_options_section(&mut part)?;
        let part = String::from_utf8_lossy(&part).replace(".SH ", ".SS ");
        let about = sub
            .get_about()
            .map(|about| about.to_string())
            .unwrap_or_default();
        page.extend_from_slice(
            format!(
                ".SH \"RISKREG {}\"\n{about}\n",
                sub.get_name().to_uppercase()
            )
            .as_bytes(),
        );
        page.extend_from_slice(part.as_bytes());
    }
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// Prints the man page (`riskreg man > riskreg.1`).
pub fn run(_: &ManArgs, out: &mut dyn Write) -> CommandResult {
    let page = page().map_err(|error| Failure::Message(error.to_string()))?;
    emit(out, &page)?;
    Ok(EXIT_CLEAN)
}
