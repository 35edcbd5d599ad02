//! The end of each command's `--help`: examples to copy and the exit codes.

/// Exit codes of a command that either runs or cannot.
macro_rules! runs {
    () => {
        "Exit codes:\n  0  done\n  2  could not run (bad arguments, no register, unreadable input)"
    };
}

/// Exit codes of a command that judges the register.
macro_rules! judges {
    () => {
        "Exit codes:\n  0  no error finding (with --deny-warnings: no warning either)\n  1  at least one error finding (or a warning under --deny-warnings)\n  2  could not run (bad arguments, no register, unreadable config or history)"
    };
}

/// `riskreg demo`.
pub const DEMO: &str = concat!(
    "Examples:\n  riskreg demo                  # writes ./riskreg-demo\n  riskreg demo /tmp/acme\n\n",
    runs!()
);
/// `riskreg init`.
pub const INIT: &str = concat!(
    "Examples:\n  riskreg init compliance --ci github\n  riskreg init .\n\n",
    runs!()
);
/// `riskreg new`.
pub const NEW: &str = concat!(
    "Examples:\n  riskreg new risk --title \"Laptops are not encrypted\" --owner carol\n  riskreg new mitigation --title \"Enforce FileVault through Kandji\" --risk R-026\n\n",
    runs!()
);
/// `riskreg check`.
pub const CHECK: &str = concat!(
    "Examples:\n  riskreg check --as-of 2026-11-20\n  riskreg check --root examples/acme --format json\n  riskreg check --base origin/main --format github   # a pull request: only what it adds\n  riskreg check --at 2026-06-30                       # the register as committed that day\n\n",
    judges!()
);
/// `riskreg rules`.
pub const RULES: &str = concat!("Examples:\n  riskreg rules\n\n", runs!());
/// `riskreg explain`.
pub const EXPLAIN: &str = concat!("Examples:\n  riskreg explain overdue\n\n", runs!());
/// `riskreg history`.
pub const HISTORY: &str = concat!(
    "Examples:\n  riskreg history M-001\n  riskreg history --since 2026-10-01\n  riskreg history --root examples/acme --format json R-001\n\n",
    runs!()
);
/// `riskreg diff`.
pub const DIFF: &str = "Examples:\n  riskreg diff main                       # main against the work tree\n  riskreg diff main HEAD --fail-on new-errors\n  riskreg diff @2026-06-30 @2026-09-30    # the third quarter\n\nExit codes:\n  0  compared (with --fail-on new-errors: the change adds no error finding)\n  1  with --fail-on new-errors: the change adds an error finding\n  2  could not run (bad arguments, no register, an unknown revision)";
/// `riskreg report`.
pub const REPORT: &str = concat!(
    "Examples:\n  riskreg report --as-of 2026-11-20 --format html -o report.html\n  riskreg report --at 2026-06-30 -o q2.md\n\n",
    runs!()
);
/// `riskreg export`.
pub const EXPORT: &str = concat!(
    "Examples:\n  riskreg export --format xlsx -o register.xlsx\n  riskreg export --format oscal-poam --as-of 2026-11-20\n\n",
    runs!()
);
/// `riskreg import`.
pub const IMPORT: &str = "Examples:\n  riskreg import risk-register.xlsx --into . --map map.yaml --dry-run\n\nExit codes:\n  0  imported (or, with --dry-run, would import) and the check finds no error\n  1  the check of the register as imported finds an error (the files are written)\n  2  nothing was written (an unreadable sheet or cell, bad arguments)";
/// `riskreg schema`.
pub const SCHEMA: &str = concat!(
    "Examples:\n  riskreg schema risk > risk.schema.json\n\n",
    runs!()
);
/// `riskreg trend`.
pub const TREND: &str = concat!(
    "Examples:\n  riskreg trend --every quarter --since 2026-01-01 --until 2026-11-20\n  riskreg trend --format csv -o trend.csv\n\n",
    runs!()
);
/// `riskreg due`.
pub const DUE: &str = concat!(
    "Examples:\n  riskreg due --within 14\n  riskreg due --owner bob --format md\n  riskreg due --at 2026-06-30 --format json\n\n",
    runs!()
);
/// `riskreg completions`.
pub const COMPLETIONS: &str = concat!(
    "Examples:\n  riskreg completions bash > ~/.local/share/bash-completion/completions/riskreg\n\n",
    runs!()
);
/// `riskreg man`.
pub const MAN: &str = concat!(
    "Examples:\n  riskreg man > ~/.local/share/man/man1/riskreg.1\n\n",
    runs!()
);
