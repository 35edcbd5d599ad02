//! The treatment-plan report: a serializable context built from the checked register and
//! its history, rendered through minijinja templates (Markdown, HTML), and the spreadsheet
//! export.

pub mod context;
pub mod export;
pub mod templates;

pub use context::{Period, ReportContext, ReportOptions, build};
