//! report-reader: read and annotate a United Nations report in the terminal.

// mimalloc, not the system allocator: reading a report makes a great many
// small allocations, and opening the 194-page A/HRC/14/37 PDF is 15–25%
// faster with it (README, Performance); it also keeps freed memory for
// reuse, where glibc's trimming made repeated work fault its pages in anew.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
pub mod shelf;
pub mod shown;
pub mod text;
pub mod tui;
pub mod ui;
