//! The faults the real binary must survive: a user's notes against special
//! files, locks, signals and kill -9 (`faults`), hostile import files
//! (`import_faults`), hostile PDFs (`pdf_bombs`). One test binary.

#[path = "../common/mod.rs"]
mod common;

mod faults;
mod import_faults;
mod pdf_bombs;
