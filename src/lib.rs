//! report-reader: read and annotate a United Nations report in the terminal.

pub mod action;
pub mod app;
pub mod areas;
pub mod cli;
pub mod config;
pub mod document;
pub mod files;
pub mod fold;
pub mod keymap;
pub mod layout;
pub mod notes;
pub mod shown;
pub mod text;
pub mod tui;
pub mod ui;
