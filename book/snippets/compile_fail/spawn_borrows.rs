// ANCHOR: all
use book_snippets::{Log, join::save};

async fn record() {
    let log = Log::default();
    tokio::spawn(save(&log, "저장")); // error[E0597]
}
// ANCHOR_END: all
