//! report-reader: read and annotate a United Nations report in the terminal.

pub mod config;
pub mod document;
pub mod notes;
