//! The shop's API as ex06's tests serve it: a real HTTP server on 127.0.0.1, on the real clock,
//! that answers each path as a test says and remembers every request it saw.
//!
//! ```text
//! let (base_url, shop) = Shop::start(replies, 3);   // "http://127.0.0.1:41234"
//! ... the learner's ShopClient calls base_url ...
//! shop.max_in_flight()   shop.visits()   shop.report()   // what the server saw
//! ```

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::header::{CONTENT_TYPE, USER_AGENT};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Json, Response};
use futures::StreamExt;
use serde_json::Value;
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::watch;

/// The status of an answer (the `http` crate's, as axum and reqwest use it).
pub use axum::http::StatusCode;

/// How long the server holds a request while it waits for the others of a batch to arrive.
pub const GATE: Duration = Duration::from_secs(1);

/// What the server answers on a path.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with this JSON body.
    Data(Value),
    /// This status with this JSON body.
    Status(StatusCode, Value),
    /// This status with this text body.
    Text(StatusCode, &'static str),
    /// Holds the request and never answers.
    Never,
    /// Answers 200 with its headers and the first bytes of a JSON list at once, then sends nothing
    /// more: the body never ends.
    StalledBody,
}

/// One request, as the server saw it.
#[derive(Debug, Clone)]
pub struct Visit {
    pub method: Method,
    pub path: String,
    /// The client's end of the connection: a new one means a new connection.
    pub peer: SocketAddr,
    pub user_agent: Option<String>,
    /// What the server answered, in words.
    pub answer: String,
}

/// A running shop. It stops with the test's runtime.
pub struct Shop {
    replies: HashMap<&'static str, Reply>,
    /// The server holds each request until this many have been in flight at once, or GATE passed.
    gather: usize,
    seen: Mutex<Seen>,
    /// The most requests ever in flight at once.
    max_in_flight: watch::Sender<usize>,
}

#[derive(Default)]
struct Seen {
    in_flight: usize,
    /// Every request, in order of arrival.
    visits: Vec<Visit>,
}

impl Shop {
    /// Starts a shop on 127.0.0.1 (a free port) that answers each path of `replies` (any other
    /// path: 404), and returns its base URL. It holds each request until `gather` requests are in
    /// flight at once, or [`GATE`] has passed: with 1, it answers at once.
    ///
    /// Call it on the test's runtime. It is not `async`, so that its server is compiled once,
    /// here, rather than in every test binary that awaits it.
    pub fn start(replies: HashMap<&'static str, Reply>, gather: usize) -> (String, Arc<Shop>) {
        let shop = Arc::new(Shop {
            replies,
            gather,
            seen: Mutex::default(),
            max_in_flight: watch::Sender::new(0),
        });
        let listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().expect("its address"));
        listener
            .set_nonblocking(true)
            .expect("a non-blocking socket");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        let app = Router::new().fallback(handle).with_state(shop.clone());
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await });
        (base_url, shop)
    }

    /// Every request so far, in order of arrival.
    pub fn visits(&self) -> Vec<Visit> {
        self.seen().visits.clone()
    }

    /// The paths requested so far, in order of arrival.
    pub fn paths(&self) -> Vec<String> {
        self.seen().visits.iter().map(|v| v.path.clone()).collect()
    }

    /// The most requests the server held at once.
    pub fn max_in_flight(&self) -> usize {
        *self.max_in_flight.borrow()
    }

    /// What the server saw, for a failure message.
    pub fn report(&self) -> String {
        let seen = self.seen();
        if seen.visits.is_empty() {
            return "the server saw no request at all".into();
        }
        let visits: Vec<String> = seen
            .visits
            .iter()
            .map(|v| format!("{} {} → {}", v.method, v.path, v.answer))
            .collect();
        format!("the server saw: {}", visits.join("; "))
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn describe(method: &Method, reply: Option<&Reply>) -> String {
    if method != Method::GET {
        return "405 Method Not Allowed (the shop answers GET only)".into();
    }
    match reply {
        Some(Reply::Data(_)) => "200 OK with its list".into(),
        Some(Reply::Status(status, _) | Reply::Text(status, _)) => status.to_string(),
        Some(Reply::Never) => "no answer, ever".into(),
        Some(Reply::StalledBody) => {
            "200 OK and the first bytes of its list, then a body that never ends".into()
        }
        None => {
            "404 Not Found (no such path: the shop answers /users, /products and /orders)".into()
        }
    }
}

async fn handle(
    State(shop): State<Arc<Shop>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let reply = shop.replies.get(uri.path()).cloned();
    let now = {
        let mut seen = shop.seen();
        seen.in_flight += 1;
        seen.visits.push(Visit {
            answer: describe(&method, reply.as_ref()),
            method: method.clone(),
            path: uri.path().to_string(),
            peer,
            user_agent: headers
                .get(USER_AGENT)
                .map(|agent| String::from_utf8_lossy(agent.as_bytes()).into_owned()),
        });
        seen.in_flight
    };
    shop.max_in_flight.send_if_modified(|max| {
        let higher = now > *max;
        *max = (*max).max(now);
        higher
    });
    // Hold the request until `gather` have been in flight at once, or GATE has passed.
    let mut max_in_flight = shop.max_in_flight.subscribe();
    let gather = shop.gather;
    let _ = tokio::time::timeout(GATE, max_in_flight.wait_for(|max| *max >= gather)).await;
    shop.seen().in_flight -= 1;
    if method != Method::GET {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    match reply {
        Some(Reply::Data(body)) => Json(body).into_response(),
        Some(Reply::Status(status, body)) => (status, Json(body)).into_response(),
        Some(Reply::Text(status, text)) => (status, text).into_response(),
        Some(Reply::Never) => std::future::pending().await,
        Some(Reply::StalledBody) => {
            let start = futures::stream::iter([Ok::<_, Infallible>("[{\"id\": 1, \"name\": ")]);
            let body = Body::from_stream(start.chain(futures::stream::pending()));
            ([(CONTENT_TYPE, "application/json")], body).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
