//! The served book shows the learner's own results, live, in headless Chromium: `workbook serve`
//! in a learner's copy (the book comes built, as in a handout), the ex01 chapter open in Korean and
//! in English, and the status page. A solution saved into `exercises/ex01-join/src` turns the
//! exercise box to passed without a reload; the stub saved back turns it to failing again.
//!
//! Needs Chromium (`.ci/run` installs it); without it the test FAILS and says so.

mod support;

use course::Repo;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::cdp::{Browser, Page};
use support::{learner_copy, learner_target, repo};

/// `workbook serve` running in a learner's folder, stopped however the test ends.
struct Server {
    process: Child,
    url: String,
}

impl Server {
    fn start(root: &Path, target: &Path) -> Server {
        let mut process = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .args(["serve", "--port", "0"])
            .current_dir(root)
            .env("CARGO_TARGET_DIR", target)
            .env("LANG", "en_US.UTF-8")
            .stdout(Stdio::piped())
            .spawn()
            .expect("starting workbook serve");
        let mut first = String::new();
        BufReader::new(process.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("workbook serve named no address: {first}"))
            .to_string();
        Server { process, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// The exercise box's live status: `[state, text, checked at, shown at]`, once it is shown.
const BOX: &str = "(() => {
    const box = document.querySelector('.exercise .live-status');
    return box && !box.hidden && box.dataset.state
        ? [box.dataset.state, box.innerText, box.dataset.checkedAt, box.dataset.shownAt]
        : null;
})()";

/// Waits until `page`'s box shows `state`; fails with what it shows after `limit`.
fn until_state(browser: &mut Browser, page: &Page, state: &str, limit: Duration) -> Vec<String> {
    let expression =
        format!("(() => {{ const s = {BOX}; return s && s[0] === '{state}' && s }})()");
    match browser.wait_for(page, &expression, limit) {
        Some(Value::Array(fields)) => fields
            .iter()
            .map(|f| f.as_str().unwrap_or("").to_string())
            .collect(),
        _ => panic!(
            "after {limit:?} the exercise box is not `{state}`; it shows {}",
            browser.eval(page, BOX)
        ),
    }
}

/// Milliseconds from the server's result to the page showing it.
fn shown_after(status: &[String]) -> u128 {
    let at = |i: usize| {
        status[i]
            .parse::<u128>()
            .unwrap_or_else(|_| panic!("{status:?}"))
    };
    at(3).saturating_sub(at(2))
}

#[test]
fn a_save_turns_the_box_to_passed_and_back_to_failing_without_a_reload() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("live-status");
    let _ = std::fs::remove_dir_all(&tmp);
    learner_copy(&tmp.join("exercises"));
    // As in a handout: `book/` is the built site, served as it is.
    book_tools::build(&Repo::of_this_build(), &tmp.join("book")).unwrap();
    let server = Server::start(&tmp, &learner_target());
    let mut browser = Browser::start(&tmp.join("chromium-profile"));
    let ko = browser.open(&format!("{}ko/ex01-join.html", server.url), 1280, 1000);
    let en = browser.open(&format!("{}en/ex01-join.html", server.url), 1280, 1000);

    // The stub: every test fails, and the box says so with the first message.
    let cold = Duration::from_secs(900);
    let failing = until_state(&mut browser, &ko, "failing", cold);
    assert!(
        failing[1].contains("테스트 4개 중 4개 실패") && failing[1].contains("not yet implemented"),
        "the Korean box: {failing:?}"
    );
    let failing = until_state(&mut browser, &en, "failing", cold);
    assert!(
        failing[1].contains("4 of 4 tests failing"),
        "the English box: {failing:?}"
    );

    // A mark that a reload would wipe out.
    for page in [&ko, &en] {
        browser.eval(page, "window.stillTheSamePage = true");
    }
    let lib = Path::new("ex01-join/src/lib.rs");
    let learners = tmp.join("exercises").join(lib);
    std::fs::copy(repo().join("solutions").join(lib), &learners).unwrap();
    let saved = Instant::now();
    let passed_ko = until_state(&mut browser, &ko, "passed", Duration::from_secs(120));
    let passed_en = until_state(&mut browser, &en, "passed", Duration::from_secs(5));
    let save_to_box = saved.elapsed();
    assert!(passed_ko[1].contains("✓ 통과"), "{passed_ko:?}");
    assert!(passed_en[1].contains("✓ passes"), "{passed_en:?}");
    for (page, status) in [(&ko, &passed_ko), (&en, &passed_en)] {
        assert_eq!(
            browser.eval(page, "window.stillTheSamePage === true"),
            Value::Bool(true),
            "the page was reloaded"
        );
        assert!(
            shown_after(status) <= 2000,
            "the result showed {} ms after it was ready: {status:?}",
            shown_after(status)
        );
    }
    let shots = tmp.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    browser.eval(
        &ko,
        "document.querySelector('.exercise .live-status').scrollIntoView()",
    );
    browser.screenshot(&ko, &shots.join("ko-ex01-passed.png"));

    // The stub back: failing again.
    std::fs::copy(repo().join("exercises").join(lib), &learners).unwrap();
    let again = until_state(&mut browser, &en, "failing", Duration::from_secs(120));
    assert!(again[1].contains("4 of 4 tests failing"), "{again:?}");
    until_state(&mut browser, &ko, "failing", Duration::from_secs(5));
    browser.eval(
        &en,
        "document.querySelector('.exercise .live-status').scrollIntoView()",
    );
    browser.screenshot(&en, &shots.join("en-ex01-failing.png"));

    // The status page, on a phone: a row per exercise, each with its state.
    let status = browser.open(&format!("{}ko/progress.html", server.url), 390, 1400);
    let rows = browser.wait_for(
        &status,
        "(() => { const s = [...document.querySelectorAll('.live-progress .live-status')]; \
           return s.length && s.every(b => b.dataset.state && b.dataset.state !== 'checking') \
           && s.map(b => [b.dataset.exercise, b.dataset.state]); })()",
        Duration::from_secs(30),
    );
    let rows = rows.expect("the status page shows no state for some exercise");
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6, "{rows:?}");
    assert_eq!(rows[0][0], "ex01-join");
    assert_eq!(rows[0][1], "failing", "{rows:?}");
    browser.screenshot(&status, &shots.join("ko-progress-390.png"));
    println!(
        "save to box: {:.2} s; result to box: {} ms (ko), {} ms (en)",
        save_to_box.as_secs_f64(),
        shown_after(&passed_ko),
        shown_after(&passed_en)
    );
}
