//! Wrong answer: sequential sleeps 3 s and writes the results out by hand, so no call reaches the timeline.
//! caught-by: exercise::sequential_runs_the_calls_back_to_back, hidden::one_timeline_shows_sequential_then_concurrent
//! cue: should call fetch_users exactly once

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    let _ = timeline;
    sleep(Duration::from_secs(3)).await;
    (
        Users {
            users: vec!["홍길동".into(), "김영희".into()],
        },
        Products {
            products: vec!["노트북".into(), "마우스".into()],
        },
        Orders {
            orders: vec!["주문1".into(), "주문2".into()],
        },
    )
}
// END: sequential
