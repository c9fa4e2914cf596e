//! The book as a reader sees it: served by `workbook serve`'s server, loaded in headless Chromium,
//! the language switch followed, the search box run, and a screenshot saved for a person to look at
//! (`target/tmp/screenshots/`). Needs Debian's `chromium` (`.ci/run` installs it); without a
//! browser on the machine the test says plainly that it was skipped.

use checks::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// Runs headless Chromium on `url` with `extra` flags; returns what it printed.
fn browse(browser: &Path, profile: &Path, url: &str, extra: &[&str]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("starting chromium");
    assert!(
        out.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_reader_switches_language_searches_and_sees_the_exercise_box() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no Chromium on this machine (apt-get install chromium); the browser test did not run."
        );
        return;
    };
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let site = tmp.join("browser-site");
    let _ = std::fs::remove_dir_all(&site);
    workbook::book::build(&repo(), &site).unwrap();
    let (listener, url) = workbook::serve::bind(0).unwrap();
    let root = site.clone();
    std::thread::spawn(move || workbook::serve::serve(listener, root));
    let profile = tmp.join("chromium-profile");
    let shots = tmp.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    // The Korean chapter, with its exercise box and its switch to English.
    let ko = browse(
        &browser,
        &profile,
        &format!("{url}ko/ex01-join.html"),
        &["--dump-dom"],
    );
    assert!(
        ko.contains("class=\"exercise\""),
        "the Korean chapter shows no exercise box"
    );
    let switch = ko
        .split("class=\"language-switch\"><a href=\"")
        .nth(1)
        .expect("a language switch");
    let target = switch.split('"').next().unwrap();
    assert_eq!(target, "../en/ex01-join.html");

    // Follow it: the same chapter, in English.
    let en_url = format!("{url}en/ex01-join.html");
    let en = browse(&browser, &profile, &en_url, &["--dump-dom"]);
    assert!(
        en.contains("<html lang=\"en\""),
        "the switch does not lead to the English edition"
    );
    assert!(
        en.contains("Exercise:"),
        "the English exercise box is missing"
    );
    assert!(en.contains("hljs"), "code is not highlighted");

    // The search box, run by mdBook's own script from the URL.
    let found = browse(
        &browser,
        &profile,
        &format!("{url}en/index.html?search=join"),
        &["--dump-dom"],
    );
    let results = found
        .split("id=\"mdbook-searchresults\"")
        .nth(1)
        .unwrap_or("");
    assert!(
        results.contains("<li"),
        "searching for `join` found nothing"
    );

    for (name, page) in [
        ("ko-ex01-join.png", "ko/ex01-join.html"),
        ("en-ex02.png", "en/ex02-sequential-vs-concurrent.html"),
    ] {
        let shot = shots.join(name);
        browse(
            &browser,
            &profile,
            &format!("{url}{page}"),
            &[&format!("--screenshot={}", shot.display())],
        );
        assert!(
            std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
            "no screenshot of {page}"
        );
    }
}
