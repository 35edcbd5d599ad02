//! Escaping user text for each place riskreg prints it, one module per target: Markdown
//! (the report, the pull-request comment, the job summary), the terminal (human output and
//! every line on standard error), GitHub workflow commands, XML (the JUnit report) and
//! URLs (links in the HTML report and the OSCAL export). A
//! pull request brings the text, so whoever opens one must not be able to add markup,
//! links, mentions, escape sequences or runner commands to what riskreg prints.

pub mod code_spans;
pub mod hidden;
pub mod markdown;
pub mod terminal;
pub mod uri;
pub mod workflow;
pub mod xml;
