//! The language switch as a reader uses it in the middle of a chapter, in headless Chromium on a
//! phone: having scrolled down to a section and back up a little, the switch is on screen (in the
//! menu bar), a tap on it lands on the same section of the other edition, and back again.
//!
//! Needs Chromium (`.ci/run` installs it); without it the test FAILS and says so.

mod support;

use serde_json::{Value, json};
use std::path::Path;
use support::cdp::{Browser, Page};

/// Waits two frames and a little more: the page's scroll handlers have run.
const SETTLED: &str = "new Promise(done => requestAnimationFrame(() => \
    requestAnimationFrame(() => setTimeout(done, 150))))";

/// Scrolls until the page's heading `n` (from 0) is near the top, then back up a little (150 px),
/// as a reader who wants the menu does: the heading is still in the top third. Returns its id.
fn read_down_to(browser: &mut Browser, page: &Page, n: usize) -> String {
    let id = browser.eval(
        page,
        &format!(
            "(() => {{ const h = document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)[id]')[{n}];
                window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 80);
                return h.id; }})()"
        ),
    );
    browser.eval(page, SETTLED);
    // A short swipe up, as a phone scrolls it: the menu bar slides back in.
    for _ in 0..5 {
        browser.eval(page, "window.scrollBy(0, -30)");
        browser.eval(page, SETTLED);
    }
    id.as_str().unwrap().to_string()
}

/// Taps the language switch where it is drawn, if a reader can see it there; returns whether it
/// could be tapped.
fn tap_the_switch(browser: &mut Browser, page: &Page) -> bool {
    let at = browser.eval(
        page,
        "(() => { const a = document.querySelector('.language-switch a');
            const r = a.getBoundingClientRect();
            const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
            const seen = r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0
                && a.contains(document.elementFromPoint(x, y));
            return seen ? [x, y] : null; })()",
    );
    let Value::Array(at) = at else { return false };
    for kind in ["mousePressed", "mouseReleased"] {
        browser.page_call(
            page,
            "Input.dispatchMouseEvent",
            json!({ "type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1 }),
        );
    }
    true
}

#[test]
fn in_the_middle_of_a_chapter_the_switch_is_at_hand_and_keeps_the_section() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("language-switch");
    let _ = std::fs::remove_dir_all(&tmp);
    let url = support::book::served("language-switch-book");
    let mut browser = Browser::start(&tmp.join("chromium-profile"));

    let page = browser.open(&format!("{url}ko/ex03-errors.html"), 390, 800);
    let here = read_down_to(&mut browser, &page, 4);
    browser.screenshot(&page, &tmp.join("ko-ex03-switch-390.png"));
    assert!(
        tap_the_switch(&mut browser, &page),
        "ko/ex03-errors, at #{here}: the language switch is not on the screen"
    );
    let landed = browser
        .wait_for(
            &page,
            "location.pathname.includes('/en/') && document.readyState === 'complete' && location.href",
            std::time::Duration::from_secs(10),
        )
        .expect("the switch led nowhere");
    let landed = landed.as_str().unwrap().to_string();
    assert!(
        landed.contains("/en/ex03-errors.html#"),
        "ko/ex03-errors#{here}: landed on {landed}"
    );
    // The same section: the fifth heading of the English page too.
    let there = browser.eval(
        &page,
        "document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)[id]')[4].id === decodeURIComponent(location.hash.slice(1))",
    );
    assert_eq!(
        there,
        json!(true),
        "ko/ex03-errors#{here}: landed on {landed}, another section"
    );

    // And back, from further down the English page.
    browser.eval(&page, "history.replaceState(null, '', location.pathname)");
    let here = read_down_to(&mut browser, &page, 6);
    assert!(
        tap_the_switch(&mut browser, &page),
        "en/ex03-errors, at #{here}: the language switch is not on the screen"
    );
    let back = browser
        .wait_for(
            &page,
            "location.pathname.includes('/ko/') && document.readyState === 'complete' && location.href",
            std::time::Duration::from_secs(10),
        )
        .expect("the switch led nowhere");
    let same = browser.eval(
        &page,
        "document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)[id]')[6].id === decodeURIComponent(location.hash.slice(1))",
    );
    assert_eq!(
        same,
        json!(true),
        "en/ex03-errors#{here}: landed on {back}, another section"
    );
}
