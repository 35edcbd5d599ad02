//! Plain data types for a register: the config and the three document kinds, and what
//! `riskreg due` reports.
//!
//! These types are the single source of truth for the JSON Schemas in `schema/`
//! (generated with schemars). They do no I/O.

mod config;
mod document;
mod due;
mod rating;
pub mod soc2;

pub use config::{Config, Level, Limits, RuleSetting};
pub use document::{
    Body, Decision, Kind, Mitigation, Review, ReviewScope, Risk, Status, Treatment,
};
pub use due::{DueItem, DueKind, DueList, OwnerDue};
pub use rating::Rating;
