//! The library in process (the app driven by keys, screens in ratatui's
//! `TestBackend`, the readers, the notes store) and the binary's
//! non-interactive outputs: one test binary, one module per capability.
//! Snapshots are in `snapshots/`, proptest's saved cases in
//! `../proptest-regressions/`.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod countries;
mod counts;
mod document;
mod export_import;
mod finder;
mod highlights;
mod highlights_ui;
mod jumps;
mod keymap;
mod keys_together;
mod narrow;
mod notes;
mod notes_ui;
mod pdf;
mod pdf_layout;
mod pdf_rtl;
mod pdf_tables;
mod popups;
mod reader;
mod screen;
mod screens;
mod search;
mod search_tables;
mod shelf;
mod shelf_notes_ui;
mod shelf_recent_ui;
mod shelf_search_ui;
mod shelf_ui;
mod state;
mod status_line;
mod stored_quotes;
mod sub_items;
mod templates;
mod text_path;
mod unnumbered;
