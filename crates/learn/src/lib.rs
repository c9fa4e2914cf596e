//! The learner's commands: `check` (every exercise's tests, and what to do next), `hint`,
//! `reset`, `watch` (every save built and tested, on one screen) and `submit` (the zip to hand in).
//!
//! They build and run on Windows, macOS and Linux: the learner's tests are plain processes
//! (`run_tests.rs`), and nothing here is Unix-only but behind a `cfg`.

#![forbid(unsafe_code)]

pub mod check;
pub mod checker;
mod files;
pub mod hint;
pub mod reset;
mod run_tests;
pub mod submit;
pub mod watch;
