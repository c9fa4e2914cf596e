//! Where Chromium is. Shared by the book's browser tests (`checks/tests/book_in_a_browser.rs`
//! includes this file too). Without Chromium a browser test FAILS and says so: a book test that
//! did not run is not a pass.

use std::path::PathBuf;

const BROWSERS: [&str; 3] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
];

/// The installed Chromium; panics with how to install it where there is none.
pub fn chromium_or_fail() -> PathBuf {
    let found = BROWSERS
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    found.unwrap_or_else(|| {
        panic!(
            "\n\n*** NO CHROMIUM: the book's browser test CANNOT RUN, so it fails. ***\n\
             Looked for {BROWSERS:?}.\n\
             Install it (Debian/Ubuntu): sudo apt-get install chromium fonts-noto-cjk\n\n"
        )
    })
}
