//! The static book, both editions, for the browser tests: built once per test binary and served on
//! 127.0.0.1 with no live status (the quizzes and the language switch need no server).

use course::Repo;
use std::path::Path;
use std::sync::OnceLock;

/// The address of the built book (`http://127.0.0.1:PORT/`), built under `target/tmp/<name>/site`
/// by the first test of the binary that asks.
pub fn served(name: &str) -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let site = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(name)
            .join("site");
        let _ = std::fs::remove_dir_all(&site);
        book_tools::build(&Repo::of_this_build(), &site).unwrap();
        let (listener, url) = serve::bind(0).unwrap();
        std::thread::spawn(move || serve::serve(listener, site, None));
        url
    })
}
