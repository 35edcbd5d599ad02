//! How a command names the register: `--root DIR` everywhere, the positional folder of
//! 0.1 (`riskreg check DIR`) kept hidden for one release.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

/// The register's folder.
#[derive(Debug, Clone, Args)]
pub struct RootArgs {
    /// The register's root folder [default: the nearest folder, from here up, holding
    /// riskreg.yaml].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Deprecated: the register's folder as a positional argument, as in 0.1; use --root.
    #[arg(hide = true, value_name = "PATH", conflicts_with = "root")]
    pub path: Option<PathBuf>,
}

impl RootArgs {
    /// The folder named, if any; a positional one earns a deprecation note on a terminal
    /// (scripts and CI logs keep their output until the alias goes).
    pub fn folder(&self) -> Option<PathBuf> {
        if let Some(path) = &self.path
            && std::io::stderr().is_terminal()
        {
            super::note(&format!(
                "naming the register without --root is deprecated and goes in the next release: use --root {}",
                path.display()
            ));
        }
        self.root.clone().or_else(|| self.path.clone())
    }
}
