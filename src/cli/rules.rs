use std::io::Write;

use clap::Args;

use super::{CommandResult, EXIT_CLEAN, emit};
use crate::rules;

/// Arguments of `riskreg rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {}

/// Prints every rule: ID, default severity, summary.
pub fn run(_args: &RulesArgs, out: &mut dyn Write) -> CommandResult {
    let width = rules::all()
        .iter()
        .map(|rule| rule.meta().code.as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for rule in rules::all() {
        let meta = rule.meta();
        text.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            meta.code,
            meta.code.default_severity().as_str(),
            meta.summary
        ));
    }
    emit(out, &text)?;
    Ok(EXIT_CLEAN)
}
