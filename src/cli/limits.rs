//! The limits that protect the machine running riskreg, as command-line flags: the input
//! (riskreg.yaml included) can lower them, only these flags raise them.

use clap::Args;

use crate::load::LoadOptions;
use crate::model::Limits;

/// Limits a config may lower but only the command line may raise.
#[derive(Debug, Clone, Copy, Args)]
pub struct LimitArgs {
    /// The largest file riskreg reads, in bytes (a document, a version of one in git
    /// history); riskreg.yaml's limits.max_file_bytes can lower this limit, never raise it.
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = Limits::DEFAULT_MAX_FILE_BYTES,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_file_bytes: u64,
}

impl LimitArgs {
    /// Where to find the register (`path`, `config`) under these limits.
    pub fn load_options(
        self,
        path: Option<std::path::PathBuf>,
        config: Option<std::path::PathBuf>,
    ) -> LoadOptions {
        LoadOptions {
            path,
            config,
            max_file_bytes: self.max_file_bytes,
        }
    }
}
