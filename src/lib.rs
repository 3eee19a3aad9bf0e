//! report-reader: read and annotate a United Nations report in the terminal.

pub mod cli;
pub mod config;
pub mod document;
pub mod text;
