//! The `workbook` command's engine: where the exercises are, how many versions of them are built
//! and tested side by side (the lab), and how one test runs safely.

#[cfg(feature = "book")]
pub mod book;
#[cfg(feature = "grade")]
pub mod grade;
#[cfg(feature = "book")]
pub mod handout;
pub mod lab;
pub mod pool;
pub mod progress;
pub mod repo;
pub mod reset;
pub mod run;
pub mod sandbox;
#[cfg(feature = "serve")]
pub mod serve;
pub mod watch;
