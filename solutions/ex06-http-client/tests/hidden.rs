//! Hidden tests for exercise 6 (instructor only). A real server on 127.0.0.1, on the real clock;
//! every wait is bounded, and each test has a watchdog on its own thread.

use ex06_http_client::{Order, Product, ShopClient, User};
use serde_json::json;
use std::collections::HashMap;
use std::time::Duration;
use test_support::clock::on_real_clock;
use test_support::shop::{Reply, Shop, StatusCode};

const TIMEOUT: Duration = Duration::from_secs(5);
const LIMIT: Duration = Duration::from_secs(5);

fn lesson_shop() -> HashMap<&'static str, Reply> {
    HashMap::from([
        (
            "/users",
            Reply::Data(json!([{"id": 1, "name": "홍길동"}, {"id": 2, "name": "김영희"}])),
        ),
        (
            "/products",
            Reply::Data(json!([{"id": 1, "name": "노트북", "price": 1200000}])),
        ),
        (
            "/orders",
            Reply::Data(json!([{"id": 1, "user_id": 1, "product_id": 1}])),
        ),
    ])
}

fn http(agent: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .user_agent(agent)
        .build()
        .unwrap()
}

fn client(base_url: &str, timeout: Duration) -> ShopClient {
    ShopClient::new(http("ex06-hidden"), base_url, timeout)
}

async fn fetch_all_within(
    client: &ShopClient,
    limit: Duration,
) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
    tokio::time::timeout(limit, client.fetch_all())
        .await
        .unwrap_or_else(|_| panic!("fetch_all was still running after {limit:?}"))
}

fn reqwest_error(err: &anyhow::Error) -> Option<&reqwest::Error> {
    err.chain().find_map(|e| e.downcast_ref::<reqwest::Error>())
}

fn is_timeout(err: &anyhow::Error) -> bool {
    reqwest_error(err).is_some_and(reqwest::Error::is_timeout)
        || err.chain().any(|e| e.is::<tokio::time::error::Elapsed>())
}

#[test]
fn decodes_other_data() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let replies = HashMap::from([
            (
                "/users",
                Reply::Data(json!([
                    {"id": 7, "name": "이철수"},
                    {"id": 8, "name": "박민수"},
                    {"id": 9, "name": "최지우"},
                ])),
            ),
            (
                "/products",
                Reply::Data(json!([{"id": 3, "name": "키보드", "price": 89000}])),
            ),
            ("/orders", Reply::Data(json!([]))),
        ]);
        let (base_url, shop) = Shop::start(replies, 1);
        let (users, products, orders) = fetch_all_within(&client(&base_url, TIMEOUT), LIMIT)
            .await
            .unwrap_or_else(|err| {
                panic!(
                    "fetch_all failed with \"{err:#}\"; the server saw GET {:?}",
                    shop.paths()
                )
            });
        let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["이철수", "박민수", "최지우"]);
        assert_eq!(
            products,
            [Product {
                id: 3,
                name: "키보드".into(),
                price: 89000
            }]
        );
        assert_eq!(orders, []);
    });
}

#[test]
fn every_request_has_the_timeout() {
    on_real_clock(Duration::from_secs(5), async || {
        let mut replies = lesson_shop();
        replies.insert("/users", Reply::Never);
        let (base_url, _shop) = Shop::start(replies, 1);
        let client = client(&base_url, Duration::from_millis(300));
        let err = tokio::time::timeout(Duration::from_secs(3), client.fetch_all())
            .await
            .unwrap_or_else(|_| {
                panic!("/users never answers: its request should time out after 0.3 s")
            })
            .expect_err("fetch_all returned Ok, but /users never answered");
        assert!(
            is_timeout(&err),
            "expected a timeout error, got \"{err:#}\""
        );
    });
}

#[test]
fn a_body_that_stalls_inside_the_batch_times_out() {
    on_real_clock(Duration::from_secs(5), async || {
        let mut replies = lesson_shop();
        replies.insert("/products", Reply::StalledBody);
        let (base_url, _shop) = Shop::start(replies, 1);
        let client = client(&base_url, Duration::from_millis(300));
        let err = tokio::time::timeout(Duration::from_secs(3), client.fetch_all())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "the body of /products stops halfway: reading it should time out after 0.3 s"
                )
            })
            .expect_err("fetch_all returned Ok, but the body of /products never ended");
        assert!(
            is_timeout(&err),
            "expected a timeout error, got \"{err:#}\""
        );
    });
}

#[test]
fn a_404_is_an_error_even_when_its_body_looks_like_data() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let mut replies = lesson_shop();
        replies.insert("/products", Reply::Status(StatusCode::NOT_FOUND, json!([])));
        let (base_url, _shop) = Shop::start(replies, 1);
        let result = fetch_all_within(&client(&base_url, TIMEOUT), LIMIT).await;
        let err = match result {
            Err(err) => err,
            Ok(all) => panic!(
                "fetch_all returned Ok({all:?}), but /products answered 404 Not Found \
                 (with the body [], which decodes fine: check the status first)"
            ),
        };
        let status = reqwest_error(&err).and_then(reqwest::Error::status);
        assert!(
            status == Some(StatusCode::NOT_FOUND) || format!("{err:#}").contains("404 Not Found"),
            "expected an error about the status 404, got \"{err:#}\""
        );
    });
}

#[test]
fn a_404_with_a_text_body_is_an_error_about_its_status() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let mut replies = lesson_shop();
        replies.insert(
            "/orders",
            Reply::Text(StatusCode::NOT_FOUND, "no such list"),
        );
        let (base_url, _shop) = Shop::start(replies, 1);
        let err = fetch_all_within(&client(&base_url, TIMEOUT), LIMIT)
            .await
            .expect_err("fetch_all returned Ok, but /orders answered 404 Not Found");
        let status = reqwest_error(&err).and_then(reqwest::Error::status);
        assert!(
            status == Some(StatusCode::NOT_FOUND) || format!("{err:#}").contains("404 Not Found"),
            "expected an error about the status 404 (checked before the body is decoded), got \
             \"{err:#}\""
        );
    });
}

#[test]
fn two_shop_clients_at_once_each_use_their_own_client() {
    on_real_clock(LIMIT + Duration::from_secs(2), async || {
        let (base_url, shop) = Shop::start(lesson_shop(), 1);
        let a = ShopClient::new(http("ex06-hidden/a"), &base_url, TIMEOUT);
        let b = ShopClient::new(http("ex06-hidden/b"), &base_url, TIMEOUT);
        let (from_a, from_b) =
            tokio::time::timeout(LIMIT, async { tokio::join!(a.fetch_all(), b.fetch_all()) })
                .await
                .unwrap_or_else(|_| panic!("two fetch_alls were still running after {LIMIT:?}"));
        for (which, result) in [("first", from_a), ("second", from_b)] {
            if let Err(err) = result {
                panic!(
                    "the {which} ShopClient's fetch_all failed with \"{err:#}\"; the server saw \
                     GET {:?}",
                    shop.paths()
                );
            }
        }
        let agents: Vec<Option<String>> = shop.visits().into_iter().map(|v| v.user_agent).collect();
        for agent in ["ex06-hidden/a", "ex06-hidden/b"] {
            let count = agents
                .iter()
                .filter(|a| a.as_deref() == Some(agent))
                .count();
            assert_eq!(
                count, 3,
                "expected 3 requests through the client with the user agent {agent}, saw \
                 {count} (all user agents seen: {agents:?}): send every request through self.http"
            );
        }
    });
}
