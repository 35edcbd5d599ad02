//! riskreg: a SOC 2 risk register as code.
//!
//! The flow: [`load`] finds and parses the register (keeping spans) and validates it against
//! the JSON Schemas; [`rules`] audit the typed register and produce [`finding::Finding`]s;
//! [`output`] renders them. [`cli`] wires these to the command line.

pub mod cli;
pub mod diff;
pub mod finding;
pub mod git;
pub mod history;
pub mod load;
pub mod model;
pub mod output;
pub mod report;
pub mod rules;
pub mod suggest;
