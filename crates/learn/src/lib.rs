//! The learner's commands: `check` (every exercise's tests, and what to do next), `hint`,
//! `reset`, and `watch` (every save built and tested, on one screen).
//!
//! They build and run on Windows, macOS and Linux: the learner's tests are plain processes
//! ([`run_tests`]), and nothing here is Unix-only but behind a `cfg`.

#![forbid(unsafe_code)]

pub mod check;
pub mod checker;
pub mod files;
pub mod hint;
pub mod reset;
pub mod run_tests;
pub mod watch;
