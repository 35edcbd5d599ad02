//! Integration tests: every file here runs the real binary or the library on real files.
//! One test binary for all of them (faster to build and link).

mod support;

mod bad_input;
mod contract;
mod demo;
mod docs;
mod due;
mod formats;
mod gfm;
mod history;
mod history_cache;
mod hostile;
mod import;
mod injection;
mod layers;
mod messages;
mod oscal;
mod points;
mod pr;
mod readme;
mod recipes;
mod reminders;
mod report;
mod report_audit;
mod rules;
mod scaffold;
mod schemas;
mod snapshots;
mod validators;
