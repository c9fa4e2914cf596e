//! What the exercises' tests share, compiled once rather than into every test.
//!
//! - [`clock`]: runs a test on a tokio runtime with deadlines, so that code which never finishes
//!   fails with a message instead of hanging `cargo test`.
//! - `shop` (with the feature `shop`): the small HTTP server that ex06's tests start.

pub mod clock;
#[cfg(feature = "shop")]
pub mod shop;
