// ANCHOR: all
use std::rc::Rc;
use std::time::Duration;

async fn count_later() {
    tokio::spawn(async {
        let count = Rc::new(1); // Rc is not Send...
        tokio::time::sleep(Duration::from_secs(1)).await; // ...across .await
        println!("{count}");
    }); // error: future cannot be sent between threads safely
}
// ANCHOR_END: all
