//! Chapter `ex03-errors.md`: `try_join!` returns at the first error and
//! drops the rest; `join!` hands back every `Result` as a value (Python's
//! `return_exceptions=True`).

use crate::Log;
use std::fmt;
use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: calls
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

pub async fn load_profile() -> Result<String, LoadError> {
    Ok("홍길동".to_string())
}

pub async fn load_orders() -> Result<Vec<String>, LoadError> {
    Err(LoadError("주문DB 연결 실패".to_string()))
}

/// The slow sibling: after 1 second, writes down the visit.
pub async fn record_visit(log: &Log) -> Result<(), LoadError> {
    sleep(Duration::from_secs(1)).await;
    log.push("방문 기록");
    Ok(())
}
// ANCHOR_END: calls

// ANCHOR: try_join
pub type Page = (String, Vec<String>);

pub async fn order_page(log: &Log) -> Result<Page, LoadError> {
    // Returns at the first Err. The futures still running are
    // dropped: they never run again.
    let (profile, orders, ()) =
        tokio::try_join!(load_profile(), load_orders(), record_visit(log))?;
    Ok((profile, orders))
}
// ANCHOR_END: try_join

// ANCHOR: anyhow
/// A call with another error type: std::io::Error.
pub async fn load_settings() -> std::io::Result<String> {
    Err(std::io::Error::other("설정 파일 없음"))
}

pub async fn profile_and_settings() -> anyhow::Result<(String, String)> {
    // try_join! needs one error type: `?` converts each to anyhow::Error.
    let profile = async { anyhow::Ok(load_profile().await?) };
    let settings = async { anyhow::Ok(load_settings().await?) };
    tokio::try_join!(profile, settings)
}
// ANCHOR_END: anyhow

// ANCHOR: join_results
pub type Parts = (Result<String, LoadError>, Result<Vec<String>, LoadError>);

pub async fn order_page_parts() -> Parts {
    // Waits for both. Each Result comes back as a value, in written order.
    tokio::join!(load_profile(), load_orders())
}
// ANCHOR_END: join_results

#[cfg(test)]
mod tests;
