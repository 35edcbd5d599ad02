//! Plain data types for a register: the config and the three document kinds.
//!
//! These types are the single source of truth for the JSON Schemas in `schema/`
//! (generated with schemars). They do no I/O.

mod config;
mod document;
mod rating;
pub mod soc2;

pub use config::{
    Appetite, Config, Framework, Level, Limits, Owner, ReviewPolicy, RuleSetting, Scale,
};
pub use document::{
    AllRisks, Body, Decision, Kind, Mitigation, Outcome, Retirement, Review, ReviewScope, Risk,
    Status, Treatment, Update,
};
pub use rating::Rating;
