//! `yaml-syntax`: the file is not readable, parseable YAML.

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every document file is UTF-8 text that parses as exactly one YAML document.
    /// It reports invalid YAML, duplicate keys, a second document after `---`, nesting
    /// deeper than 64 levels, aliases that expand to more than 10,000 nodes (alias bombs),
    /// binary files, files over `limits.max_file_bytes` (5 MiB by default) and files or
    /// folders that cannot be read.
    ///
    /// ## Why an auditor cares
    ///
    /// A file riskreg cannot read is a risk or an action nobody checked. With a duplicate
    /// key, one of the two values is silently lost, so the register may say something other
    /// than what its author wrote.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-001
    /// status: planned
    /// status: completed      # duplicate key: which one is true?
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-001
    /// status: completed
    /// ```
    pub struct YamlSyntax {
        code: YamlSyntax,
        reads: Reads::Files,
        summary: "a file that is not parseable YAML (also duplicate keys, alias and nesting bombs)",
    }
}

impl Rule for YamlSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
}
