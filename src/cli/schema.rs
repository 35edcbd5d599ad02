use std::io::Write;

use clap::Args;

use super::{CommandResult, EXIT_CLEAN, Failure, emit};
use crate::load::schema::SchemaName;

/// Arguments of `riskreg schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// config, risk, mitigation or review; without it, lists the schemas.
    pub kind: Option<String>,
}

/// Prints a JSON Schema, or the list of schemas.
pub fn run(args: &SchemaArgs, out: &mut dyn Write) -> CommandResult {
    let Some(name) = &args.kind else {
        let mut text = String::from("Schemas (print one with `riskreg schema NAME`):\n");
        for schema in SchemaName::ALL {
            text.push_str(&format!(
                "  {:<11} {}\n",
                schema.as_str(),
                schema.file_name()
            ));
        }
        emit(out, &text)?;
        return Ok(EXIT_CLEAN);
    };
    let Some(schema) = SchemaName::parse(name) else {
        let names: Vec<&str> = SchemaName::ALL
            .iter()
            .map(|schema| schema.as_str())
            .collect();
        return Err(Failure::Message(format!(
            "no schema named `{name}`; choose one of {}",
            names.join(", ")
        )));
    };
    emit(out, schema.embedded())?;
    Ok(EXIT_CLEAN)
}
