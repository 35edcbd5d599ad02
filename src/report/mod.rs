//! The treatment-plan report: the view of the checked register and its history
//! ([`view`], the template contract, filled in by [`build`]), rendered through minijinja
//! templates (Markdown, HTML), and the spreadsheet export.

mod build;
pub mod export;
pub mod slug;
pub mod templates;
pub mod trend;
pub mod view;
pub mod xlsx;

pub use build::{ReportOptions, build, counts};
pub use view::{Period, ReportContext};
