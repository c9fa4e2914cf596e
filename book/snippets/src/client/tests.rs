//! Tests for `client.rs`: each proves a claim of its chapter.

use super::*;
use axum::serve::Listener;
use axum::{Json, Router, routing::get};
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// How many connections the test server has accepted, and how many have ended.
#[derive(Default)]
struct Connections {
    opened: AtomicUsize,
    closed: AtomicUsize,
}

impl Connections {
    fn opened(&self) -> usize {
        self.opened.load(Ordering::SeqCst)
    }
    fn closed(&self) -> usize {
        self.closed.load(Ordering::SeqCst)
    }
}

/// A listener that counts what it accepts.
struct Counting(TcpListener, Arc<Connections>);

/// A connection that counts itself closed when the server drops it.
struct Counted(TcpStream, Arc<Connections>);

impl Listener for Counting {
    type Io = Counted;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Counted, SocketAddr) {
        let (stream, addr) =
            self.0.accept().await.expect("accept on 127.0.0.1");
        self.1.opened.fetch_add(1, Ordering::SeqCst);
        (Counted(stream, self.1.clone()), addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.closed.fetch_add(1, Ordering::SeqCst);
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().0).poll_write(cx, buf)
    }
    fn poll_flush(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_flush(cx)
    }
    fn poll_shutdown(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().0).poll_shutdown(cx)
    }
}

/// Starts the test server; returns its base URL and its connection counts.
async fn start_server() -> (String, Arc<Connections>) {
    let app = Router::new()
        .route("/users", get(|| async { Json(["홍길동", "김영희"]) }))
        .route("/products", get(|| async { Json(["노트북", "마우스"]) }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(1)).await;
                Json(["늦은 응답"])
            }),
        );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(Connections::default());
    tokio::spawn(
        axum::serve(Counting(listener, connections.clone()), app).into_future(),
    );
    (base, connections)
}

/// Waits (up to 1 s of real time) until `done` holds.
async fn eventually(done: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    done()
}

#[tokio::test]
async fn two_requests_at_once_return_both_lists() {
    let (base, _) = start_server().await;
    let client = build_client().unwrap();
    let (users, products) = users_and_products(&client, &base).await.unwrap();
    assert_eq!(users, ["홍길동", "김영희"]);
    assert_eq!(products, ["노트북", "마우스"]);
}

// ANCHOR: reuse_test
#[tokio::test]
async fn one_shared_client_reuses_one_connection() {
    let (base, connections) = start_server().await;
    let client = build_client().unwrap();
    let clone = client.clone(); // same pool
    for c in [&client, &clone, &client] {
        get_names(c, &format!("{base}/users")).await.unwrap();
    }
    assert_eq!(connections.opened(), 1); // three requests, one connection
}

#[tokio::test]
async fn a_new_client_per_request_opens_a_connection_per_request() {
    let (base, connections) = start_server().await;
    for _ in 0..3 {
        let client = build_client().unwrap(); // a new pool every time
        get_names(&client, &format!("{base}/users")).await.unwrap();
    }
    assert_eq!(connections.opened(), 3);
}
// ANCHOR_END: reuse_test

// ANCHOR: drop_test
#[tokio::test]
async fn dropping_the_last_clone_closes_the_connection() {
    let (base, connections) = start_server().await;
    let client = build_client().unwrap();
    let clone = client.clone();
    get_names(&client, &format!("{base}/users")).await.unwrap();

    drop(client); // a clone is still alive: the pool stays open
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(connections.closed(), 0);

    drop(clone); // the last handle: the pool and its connection close
    assert!(eventually(|| connections.closed() == 1).await);
}
// ANCHOR_END: drop_test

#[tokio::test]
async fn a_slow_answer_past_the_timeout_is_a_timeout_error() {
    let (base, _) = start_server().await;
    let client = Client::builder()
        .timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    let err = get_names(&client, &format!("{base}/slow"))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
}

#[tokio::test]
async fn a_404_is_an_error_with_its_status() {
    let (base, _) = start_server().await;
    let client = build_client().unwrap();
    let err = get_names(&client, &format!("{base}/missing"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(reqwest::StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn without_a_tls_feature_https_fails_before_connecting() {
    let (base, connections) = start_server().await;
    let https = base.replace("http://", "https://");
    let client = build_client().unwrap();
    let err = get_names(&client, &format!("{https}/users"))
        .await
        .unwrap_err();
    // "invalid URL, scheme is not http": refused before any connection.
    assert!(err.is_connect(), "{err:?}");
    assert!(format!("{err:?}").contains("scheme is not http"), "{err:?}");
    assert_eq!(connections.opened(), 0);
}

#[tokio::test]
async fn without_error_for_status_a_404_is_ok() {
    let (base, _) = start_server().await;
    let client = build_client().unwrap();
    let response = client.get(format!("{base}/missing")).send().await;
    let response = response.expect("the server answered, so this is Ok");
    assert_eq!(response.status(), reqwest::StatusCode::NOT_FOUND);
}
