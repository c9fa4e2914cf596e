//! What every part of the workbook shares: where the exercises are ([`repo`]), the two languages,
//! file helpers, one `cargo build --tests` read as it goes ([`cargo`]), what libtest says
//! ([`libtest`]), and bounded concurrency ([`pool`]).
//!
//! It runs on every platform a learner uses (Windows, macOS, Linux): nothing here is Unix-only.

#![forbid(unsafe_code)]

pub mod capture;
pub mod cargo;
pub mod files;
pub mod libtest;
pub mod pool;
pub mod repo;

pub use repo::{Exercise, Lang, NotFound, Repo, Text};
