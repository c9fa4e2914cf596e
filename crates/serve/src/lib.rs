//! `workbook serve`: the built book on 127.0.0.1, and the learner's live status beside it.
//!
//! | path                  | what                                                          |
//! |-----------------------|---------------------------------------------------------------|
//! | `/live/ko/events`     | every exercise's status, as server-sent events ([`live`])     |
//! | `/live/en/events`     | the same, in English                                          |
//! | anything else         | the book's files; a missing one gets its edition's 404 page   |
//!
//! The book's `live-status.js` listens to the events; without this server (the static site, a
//! handout's `book/` opened as files) it finds no events and the status boxes stay hidden.

#![forbid(unsafe_code)]

pub mod live;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::handler::Handler;
use axum::http::{StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use course::Lang;
use futures::Stream;
use std::convert::Infallible;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// Binds `127.0.0.1:port` (0 picks a free port) and returns the listener and its URL.
pub fn bind(port: u16) -> Result<(TcpListener, String)> {
    let listener =
        TcpListener::bind(("127.0.0.1", port)).with_context(|| format!("port {port} is taken"))?;
    let url = format!("http://{}/", listener.local_addr()?);
    Ok((listener, url))
}

/// Serves the book under `root`, and `live`'s status as events (if any), until the process ends.
pub fn serve(listener: TcpListener, root: PathBuf, live: Option<live::Live>) -> Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let files = ServeDir::new(&root).not_found_service(not_found.with_state(root));
        let app = match live {
            Some(live) => Router::new()
                .route("/live/{lang}/events", get(events))
                .with_state(live),
            None => Router::new(),
        }
        .fallback_service(files);
        axum::serve(listener, app).await?;
        Ok(())
    })
}

/// Every exercise's status now, then again each time it changes.
async fn events(
    UrlPath(lang): UrlPath<String>,
    State(live): State<live::Live>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let lang = if lang == "en" { Lang::En } else { Lang::Ko };
    let updates = futures::stream::unfold((live, true), move |(mut live, first)| async move {
        if !first {
            live.changed().await.ok()?;
        }
        let json = live.borrow_and_update().to_json(lang);
        Some((Ok(Event::default().data(json)), (live, false)))
    });
    Sse::new(updates).keep_alive(KeepAlive::default())
}

async fn not_found(State(root): State<PathBuf>, uri: Uri) -> Response {
    match std::fs::read(not_found_page(&root, uri.path())) {
        Ok(page) => (StatusCode::NOT_FOUND, Html(page)).into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// The edition's own 404 page for a missing path under `ko/` or `en/`, else the root's.
fn not_found_page(root: &Path, path: &str) -> PathBuf {
    let edition = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match Lang::ALL.iter().find(|lang| lang.code() == edition) {
        Some(lang) => root.join(lang.code()).join("404.html"),
        None => root.join("404.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_edition_has_its_404_page() {
        let root = Path::new("/srv/book");
        assert_eq!(
            not_found_page(root, "/en/missing.html"),
            root.join("en/404.html")
        );
        assert_eq!(not_found_page(root, "/ko/a/b"), root.join("ko/404.html"));
        assert_eq!(not_found_page(root, "/../etc"), root.join("404.html"));
    }
}
