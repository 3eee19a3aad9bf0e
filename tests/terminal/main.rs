//! The real binary in a pseudo-terminal (`common::pty`), read through a
//! vt100 screen: start, jump, quit (`e2e`), and the prompts' history kept
//! in state.json from one run to the next (`history`). One test binary.

#[path = "../common/mod.rs"]
mod common;

mod e2e;
mod history;
mod shelf;
