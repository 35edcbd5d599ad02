//! riskreg: a SOC 2 risk register as code.
//!
//! The flow: [`load`] finds and parses the register (keeping spans) and validates it against
//! the JSON Schemas; [`history`] derives each document's timeline from the git commits
//! [`git`] reads; [`rules`] audit the register through its [`index`] and produce
//! [`finding::Finding`]s; [`output`] renders them, [`report`] renders the treatment plan,
//! [`oscal`] writes it as an OSCAL POA&M, [`diff`] compares two revisions and [`due`] lists
//! what needs each owner soon; every piece of user text is printed through [`escape`].
//! [`import`] goes the other way: it reads a spreadsheet's cells ([`sheet`]) into new
//! documents ([`scaffold`]) and changed fields, written into the existing files' text at the
//! loader's spans ([`edit`]). [`cli`] wires these to the command line.
//!
//! # Layers
//!
//! Each module imports only modules on lower lines (or, for the renderers, a sibling that
//! does not import it back); a test (`tests/it/layers.rs`) holds the code to this table.
//!
//! ```text
//! cli                        arguments in, exit code out
//! trend                      the register at every period's end, from one history walk
//! diff | due | oscal | output | report   comparisons, reminders and renderers, fed plain data
//! rules                      one file per rule; reads the index (and history) only
//! index                      the register indexed for lookup (risks by ID, actions by risk)
//! revision                   a register read from a git revision (load + git)
//! history                    per-ID timelines from the commits git hands it
//! git                        the only user of git2 and gitoxide; imports no other module of the crate
//! import                     spreadsheet rows matched to the register: new files, minimal edits
//! load                       the work tree: walk, parse with spans, validate, type
//! scaffold                   new files: the starting config, CI recipes, new documents
//! finding                    a finding: code, severity, message, span, document, field
//! code | edit | layout       finding codes (one enum) | YAML edits at spans | document paths
//! source                     Span, Node, Document, JSON pointers, the field diff
//! atomic | demo | escape | model | sheet | suggest   atomic file writes | the demo's history | escapers per target | plain data types | spreadsheet cells | "did you mean"
//! ```
//!
//! The crate is the `riskreg` command; only [`cli`] is public, for `main.rs`.

pub(crate) mod atomic;
pub mod cli;
pub(crate) mod code;
pub(crate) mod demo;
pub(crate) mod diff;
pub(crate) mod due;
pub(crate) mod edit;
pub(crate) mod escape;
pub(crate) mod finding;
pub(crate) mod git;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod index;
pub(crate) mod layout;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod oscal;
pub(crate) mod output;
pub(crate) mod report;
pub(crate) mod revision;
pub(crate) mod rules;
pub(crate) mod scaffold;
pub(crate) mod sheet;
pub(crate) mod source;
pub(crate) mod suggest;
pub(crate) mod trend;
