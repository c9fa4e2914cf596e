//! Tests for exercise 6. Run them with `cargo test -p ex06-http-client`.
//! Each test starts a small shop server on 127.0.0.1 (a real socket, on the real clock) and judges
//! what the server saw. Every wait is bounded, and a watchdog ends a test whose thread is blocked,
//! so a wrong answer fails with an explanation instead of hanging.

use ex06_http_client::{Order, Product, ShopClient, User};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::time::Duration;
use test_support::clock::on_real_clock;
use test_support::shop::{Reply, Shop, StatusCode};
use tokio::time::Instant;

/// The client's timeout per request, where the server does answer.
const TIMEOUT: Duration = Duration::from_secs(5);
/// How long a test waits for `fetch_all` where the server answers (one after another: 3 × 1 s,
/// the shop's `GATE`).
const LIMIT: Duration = Duration::from_secs(5);
/// The client's timeout in the tests where the server does not answer (or stops halfway).
const SHORT: Duration = Duration::from_millis(300);
/// How long a test waits for a call that must time out after `SHORT`.
const SHORT_LIMIT: Duration = Duration::from_secs(2);

fn users_json() -> Value {
    json!([{"id": 1, "name": "홍길동"}, {"id": 2, "name": "김영희"}])
}

fn products_json() -> Value {
    json!([
        {"id": 1, "name": "노트북", "price": 1200000},
        {"id": 2, "name": "마우스", "price": 25000},
    ])
}

fn orders_json() -> Value {
    json!([
        {"id": 1, "user_id": 1, "product_id": 1},
        {"id": 2, "user_id": 2, "product_id": 2},
    ])
}

/// The shop's three lists, with `orders` answered by `orders`.
fn shop_with_orders(orders: Reply) -> HashMap<&'static str, Reply> {
    HashMap::from([
        ("/users", Reply::Data(users_json())),
        ("/products", Reply::Data(products_json())),
        ("/orders", orders),
    ])
}

/// The user agent of the program's one client, as every request through it carries it.
const AGENT: &str = "ex06-shared-client/1";

/// The program's one client, with its own user agent. `no_proxy`: an HTTP_PROXY setting must not
/// catch calls to 127.0.0.1.
fn http_with_agent(agent: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .user_agent(agent)
        .build()
        .unwrap()
}

fn shared_http() -> reqwest::Client {
    http_with_agent(AGENT)
}

type All = (Vec<User>, Vec<Product>, Vec<Order>);

/// `client.fetch_all()`, failing the test if it runs longer than `limit` (real time).
async fn fetch_all_within(
    client: &ShopClient,
    shop: &Shop,
    limit: Duration,
    hint: &str,
) -> anyhow::Result<All> {
    match tokio::time::timeout(limit, client.fetch_all()).await {
        Ok(result) => result,
        Err(_) => panic!(
            "fetch_all was still running after {} s: {hint} ({})",
            limit.as_secs_f64(),
            shop.report()
        ),
    }
}

/// `fetch_all` where every path answers at once: it succeeds, or the test fails with what the
/// server saw.
async fn fetch_all_ok(client: &ShopClient, shop: &Shop, which: &str) -> All {
    match fetch_all_within(client, shop, LIMIT, STUCK).await {
        Ok(all) => all,
        Err(err) => panic!(
            "{which} failed with \"{err:#}\", expected the three lists ({})",
            shop.report()
        ),
    }
}

const STUCK: &str = "the server answers each request within 1 s, and all three at once as soon as \
                     they are all in flight";

/// The `reqwest::Error` inside `err`, if any.
fn reqwest_error(err: &anyhow::Error) -> Option<&reqwest::Error> {
    err.chain().find_map(|e| e.downcast_ref::<reqwest::Error>())
}

/// A timeout of reqwest (`.timeout(..)`) or of tokio (`tokio::time::timeout`).
fn is_timeout(err: &anyhow::Error) -> bool {
    reqwest_error(err).is_some_and(reqwest::Error::is_timeout)
        || err.chain().any(|e| e.is::<tokio::time::error::Elapsed>())
}

/// `advice` for an error that is not the one a test expects, unless the error has another cause
/// that the server's answers or the URL explain.
fn unless_another_cause(err: &anyhow::Error, advice: &str) -> String {
    match reqwest_error(err) {
        Some(e) if e.status().is_some() => format!(
            "It is an error about the status {}: compare the paths the server saw with the \
             shop's.",
            e.status().unwrap()
        ),
        Some(e) if e.is_builder() || e.is_connect() => "It is an error of the URL or of the \
             connection: build the URL as self.base_url followed by the path."
            .into(),
        _ => advice.into(),
    }
}

#[test]
fn decodes_the_three_lists_into_typed_data() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::Data(orders_json())), 3);
        let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
        let (users, products, orders) = fetch_all_ok(&client, &shop, "fetch_all").await;
        let user = |id, name: &str| User {
            id,
            name: name.into(),
        };
        assert_eq!(
            users,
            [user(1, "홍길동"), user(2, "김영희")],
            "the users differ from the list /users sent"
        );
        let product = |id, name: &str, price| Product {
            id,
            name: name.into(),
            price,
        };
        assert_eq!(
            products,
            [
                product(1, "노트북", 1_200_000),
                product(2, "마우스", 25_000)
            ],
            "the products differ from the list /products sent"
        );
        let order = |id, user_id, product_id| Order {
            id,
            user_id,
            product_id,
        };
        assert_eq!(
            orders,
            [order(1, 1, 1), order(2, 2, 2)],
            "the orders differ from the list /orders sent"
        );
    });
}

#[test]
fn sends_the_three_requests_at_the_same_time() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::Data(orders_json())), 3);
        let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
        fetch_all_ok(&client, &shop, "fetch_all").await;
        let max = shop.max_in_flight();
        let mistake = match max {
            1 => "the three GETs are awaited one after another. Start them together with \
                  tokio::try_join!."
                .to_string(),
            2 => "two GETs run together, and the third on its own. Put all three in one \
                  tokio::try_join!."
                .to_string(),
            _ => format!("fetch_all makes 3 requests, no more ({})", shop.report()),
        };
        assert_eq!(
            max, 3,
            "the server saw at most {max} request(s) in flight at once, expected all 3 at once: \
             {mistake}"
        );
    });
}

#[test]
fn reuses_the_shared_clients_connections() {
    on_real_clock(2 * LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::Data(orders_json())), 3);
        let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
        fetch_all_ok(&client, &shop, "the first fetch_all").await;
        let first: Vec<SocketAddr> = shop.visits().iter().map(|v| v.peer).collect();
        // A moment for the client to put its connections back in its pool.
        tokio::time::sleep(Duration::from_millis(100)).await;
        fetch_all_ok(&client, &shop, "the second fetch_all").await;
        let second: BTreeSet<SocketAddr> = shop.visits()[first.len()..]
            .iter()
            .map(|v| v.peer)
            .collect();
        let new = second.iter().filter(|peer| !first.contains(peer)).count();
        assert_eq!(
            new, 0,
            "the second fetch_all came in on {new} new connection(s), expected it to reuse the \
             first one's. A new connection per call means a new reqwest::Client per call: send \
             every request through self.http, the one client passed to ShopClient::new (Rust \
             needs no `async with`: build the client once and share it)."
        );
    });
}

#[test]
fn sends_every_request_through_the_client_passed_in() {
    on_real_clock(2 * LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::Data(orders_json())), 3);
        // Two ShopClients, each with a client of its own, told apart by their user agents.
        let agents = ["ex06-shared-client/A", "ex06-shared-client/B"];
        for (round, agent) in agents.into_iter().enumerate() {
            let client = ShopClient::new(http_with_agent(agent), &base_url, TIMEOUT);
            let before = shop.visits().len();
            fetch_all_ok(&client, &shop, "fetch_all").await;
            let visits = &shop.visits()[before..];
            let mut paths: Vec<&str> = visits.iter().map(|v| v.path.as_str()).collect();
            paths.sort_unstable();
            assert_eq!(
                paths,
                ["/orders", "/products", "/users"],
                "one fetch_all must GET /users, /products and /orders, once each"
            );
            for visit in visits {
                let whose = match visit.user_agent.as_deref() {
                    Some(other) if other == agent => continue,
                    None => "another client (reqwest::Client::new() sends no user agent).",
                    Some(other) if other.starts_with("ex06-shared-client/") => {
                        "the client passed to another ShopClient (of this test or of another): \
                         is one client kept in a static (OnceLock, LazyLock) for every \
                         ShopClient?"
                    }
                    Some(_) => "another client.",
                };
                let came_with = match &visit.user_agent {
                    Some(other) => format!("the user agent \"{other}\""),
                    None => "no user agent".into(),
                };
                panic!(
                    "GET {} of ShopClient {} came with {came_with}, expected the user agent \
                     \"{agent}\" of the reqwest::Client passed to its \
                     ShopClient::new: it was sent through {whose} Send every request through \
                     self.http, never a client of your own (built in get_json, in fetch_all, \
                     or kept in a static).",
                    visit.path,
                    round + 1,
                );
            }
        }
    });
}

#[test]
fn a_server_that_never_answers_is_a_timeout_error() {
    on_real_clock(SHORT_LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::Never), 3);
        let client = ShopClient::new(shared_http(), &base_url, SHORT);
        let err = fetch_all_within(
            &client,
            &shop,
            SHORT_LIMIT,
            "/orders never answers, and the ShopClient's timeout is 0.3 s. Give each request \
             .timeout(self.timeout), or it waits forever",
        )
        .await
        .expect_err("fetch_all returned Ok, but /orders never answered");
        assert!(
            is_timeout(&err),
            "fetch_all failed with \"{err:#}\", expected a timeout (reqwest::Error::is_timeout), \
             as /orders never answers ({}). {}",
            shop.report(),
            unless_another_cause(&err, "Give each request .timeout(self.timeout).")
        );
    });
}

#[test]
fn get_json_gives_up_after_its_own_timeout() {
    on_real_clock(SHORT_LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::Never), 1);
        let client = ShopClient::new(shared_http(), &base_url, SHORT);
        let start = Instant::now();
        let result = tokio::time::timeout(SHORT_LIMIT, client.get_json::<Vec<Order>>("/orders"))
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "get_json(\"/orders\") was still running after {} s, though the ShopClient's \
                     timeout is 0.3 s ({}). get_json itself must give up after self.timeout: a \
                     timeout only around the batch in fetch_all (or none at all) leaves every \
                     other caller of get_json waiting forever. Give the request \
                     .timeout(self.timeout).",
                    SHORT_LIMIT.as_secs_f64(),
                    shop.report()
                )
            });
        let elapsed = start.elapsed();
        let err = match result {
            Err(err) => err,
            Ok(orders) => panic!(
                "get_json(\"/orders\") returned Ok({orders:?}), but {}",
                shop.report()
            ),
        };
        assert!(
            is_timeout(&err),
            "get_json(\"/orders\") failed with \"{err:#}\", expected a timeout \
             (reqwest::Error::is_timeout), as /orders never answers ({}). {}",
            shop.report(),
            unless_another_cause(&err, "Give the request .timeout(self.timeout).")
        );
        assert!(
            elapsed < SHORT + Duration::from_millis(700),
            "get_json(\"/orders\") timed out after {:.1} s, expected about 0.3 s: the ShopClient's \
             timeout. Use self.timeout, not a duration of your own.",
            elapsed.as_secs_f64()
        );
    });
}

#[test]
fn a_body_that_stalls_is_a_timeout_error() {
    on_real_clock(SHORT_LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(shop_with_orders(Reply::StalledBody), 1);
        let client = ShopClient::new(shared_http(), &base_url, SHORT);
        let result = tokio::time::timeout(SHORT_LIMIT, client.get_json::<Vec<Order>>("/orders"))
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "get_json(\"/orders\") was still running after {} s, though the ShopClient's \
                     timeout is 0.3 s ({}). The server sent the status and headers at once, then \
                     stopped in the middle of the body. The timeout must cover the whole \
                     request, reading the body included: is it missing, or only around send()? \
                     .json() reads the body after send() has returned. Give the request \
                     .timeout(self.timeout) (reqwest's covers the body too), or put \
                     tokio::time::timeout around all of get_json, .json() included.",
                    SHORT_LIMIT.as_secs_f64(),
                    shop.report()
                )
            });
        let err = match result {
            Err(err) => err,
            Ok(orders) => panic!(
                "get_json(\"/orders\") returned Ok({orders:?}), but {}",
                shop.report()
            ),
        };
        assert!(
            is_timeout(&err),
            "get_json(\"/orders\") failed with \"{err:#}\", expected a timeout \
             (reqwest::Error::is_timeout), as the body of /orders stops halfway ({}). {}",
            shop.report(),
            unless_another_cause(
                &err,
                "Give the request .timeout(self.timeout): it covers reading the body too."
            )
        );
    });
}

/// `path` answers `status` with `body` (the other two answer with data): `fetch_all` must fail
/// with an error that names the status.
async fn fails_with_the_status(path: &'static str, status: StatusCode, body: Value) {
    let mut replies = shop_with_orders(Reply::Data(orders_json()));
    replies.insert(path, Reply::Status(status, body.clone()));
    let (base_url, shop) = Shop::start(replies, 3);
    let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
    let err = match fetch_all_within(&client, &shop, LIMIT, STUCK).await {
        Err(err) => err,
        Ok(all) => panic!(
            "fetch_all returned Ok({all:?}), but {path} answered {status}. A 4xx or 5xx status \
             is an error, whatever its body: call .error_for_status() on the response before \
             .json()."
        ),
    };
    let asked = shop.visits().iter().filter(|v| v.path == path).count();
    assert_eq!(
        asked,
        1,
        "{path} was requested {asked} times, expected once: a {status} is the server's answer, \
         not a reason to ask again ({})",
        shop.report()
    );
    let named = reqwest_error(&err).and_then(reqwest::Error::status) == Some(status)
        || format!("{err:#}").contains(&status.to_string());
    if named {
        return;
    }
    if reqwest_error(&err).is_some_and(reqwest::Error::is_decode) {
        panic!(
            "fetch_all failed with \"{err:#}\", expected an error about the status {status} of \
             {path}: its body ({body}) was decoded as a list before its status was checked. Call \
             .error_for_status() on the response before .json(): it turns every 4xx and 5xx into \
             an error, and their bodies are not data."
        );
    }
    panic!(
        "fetch_all failed with \"{err:#}\", expected an error about the status {status}, which \
         {path} answered ({}). {}",
        shop.report(),
        unless_another_cause(
            &err,
            "The error must name the status: call .error_for_status() on the response before \
             .json(), and keep its error.",
        )
    );
}

#[test]
fn a_500_is_an_error_with_its_status() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let body = json!({"error": "주문DB 연결 실패"});
        fails_with_the_status("/orders", StatusCode::INTERNAL_SERVER_ERROR, body).await;
    });
}

#[test]
fn a_404_is_an_error_with_its_status() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        // What FastAPI answers for a path it does not know.
        let body = json!({"detail": "Not Found"});
        fails_with_the_status("/products", StatusCode::NOT_FOUND, body).await;
    });
}

#[test]
fn the_first_error_comes_back_at_once() {
    on_real_clock(Duration::from_secs(5), async || {
        let mut replies = shop_with_orders(Reply::Status(
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({"error": "주문DB 연결 실패"}),
        ));
        replies.insert("/users", Reply::Never);
        let (base_url, shop) = Shop::start(replies, 3);
        // /users would time out only after 1 s; /orders fails at once.
        let client = ShopClient::new(shared_http(), &base_url, Duration::from_secs(1));
        let start = Instant::now();
        let err = fetch_all_within(
            &client,
            &shop,
            Duration::from_secs(3),
            "/orders answers 500 at once, and /users times out after 1 s",
        )
        .await
        .expect_err("fetch_all returned Ok, but /orders answered 500 and /users never answered");
        let elapsed = start.elapsed();
        let status = reqwest_error(&err).and_then(reqwest::Error::status);
        let is_500 = status == Some(StatusCode::INTERNAL_SERVER_ERROR)
            || format!("{err:#}").contains("500 Internal Server Error");
        assert!(
            elapsed < Duration::from_millis(500),
            "fetch_all failed after {:.1} s with \"{err:#}\", but /orders had answered 500 at \
             once ({}). The first error must come back as soon as it happens, not after /users \
             has timed out (1 s): use tokio::try_join!, which returns at the first error (a \
             tokio::join! followed by `?` waits for all three).",
            elapsed.as_secs_f64(),
            shop.report()
        );
        assert!(
            is_500,
            "fetch_all failed with \"{err:#}\", expected the error of /orders, which answered \
             500 at once ({}). {}",
            shop.report(),
            unless_another_cause(
                &err,
                "Call .error_for_status() on each response, and let tokio::try_join! return \
                 the first error."
            )
        );
    });
}
