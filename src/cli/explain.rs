use std::io::Write;

use clap::Args;

use super::{CommandResult, EXIT_CLEAN, Failure, emit};
use crate::{rules, suggest};

/// Arguments of `riskreg explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's ID, e.g. untreated-risk (`riskreg rules` lists them).
    pub rule: String,
}

/// Prints the rule's documentation.
pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> CommandResult {
    let Some(rule) = rules::find(&args.rule) else {
        let codes = rules::all().iter().map(|rule| rule.meta().code.as_str());
        let hint = suggest::did_you_mean(&args.rule, codes)
            .unwrap_or_else(|| "`riskreg rules` lists every rule".to_owned());
        return Err(Failure::Message(format!(
            "no rule named `{}`; {hint}",
            args.rule
        )));
    };
    let meta = rule.meta();
    let text = format!(
        "# {} ({} by default)\n\n{}.\n\n{}",
        meta.code,
        meta.code.default_severity().as_str(),
        meta.summary,
        meta.documentation()
    );
    emit(out, &text)?;
    Ok(EXIT_CLEAN)
}
