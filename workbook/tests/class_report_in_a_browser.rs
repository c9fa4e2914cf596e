//! The class report (`report.html`) in headless Chromium, in Korean and in English, on a desktop
//! and on a phone: written from a small synthetic class the way `grade` writes it, opened from a
//! file, every chart drawn with its bars and columns, nothing loaded from anywhere, no hidden
//! test's message, and nothing wider than a phone outside the boxes that scroll.
//!
//! Screenshots are kept in `target/tmp/screenshots-report/` to look at.
//! Needs Chromium (`.ci/run` installs it); without it the test FAILS and says so.

mod support;

/// What the grader's synthetic class (`crates/grade/src/sample_class.rs`) builds its results from.
mod results {
    pub use grade::results::*;
}
#[path = "../../crates/grade/src/sample_class.rs"]
mod sample_class;

use course::Lang;
use grade::outputs::{Settings, write_for};
use grade::roster::Roster;
use sample_class::{EXERCISES, SECRET, class};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use support::cdp::{Browser, Page};

fn tmp() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).to_path_buf()
}

/// An `--out` folder with the class's results, and the reports written from them.
fn graded_class(lang: Lang) -> PathBuf {
    let out = tmp().join(format!("class-report-{}", lang.code()));
    let _ = std::fs::remove_dir_all(&out);
    for r in class() {
        let file = grade::file_name(&r.student);
        let path = out.join("results").join(format!("{file}.json"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, serde_json::to_string_pretty(&r).unwrap()).unwrap();
    }
    // A roster that misses one student and lists one who handed nothing in.
    let roster = tmp().join("class-report-roster.csv");
    std::fs::write(
        &roster,
        "folder,student_id,name\nalice,2024-0001,Alice Lee\n김영희,2024-0342,김영희\n\
         bora,2024-0117,Bora Kim\nchul,2024-0200,Chul Park\nghost,2024-0999,Ji-ho Park\n",
    )
    .unwrap();
    let settings = Settings {
        lang,
        roster: Some(Roster::load(&roster).unwrap()),
    };
    let exercises: Vec<String> = EXERCISES.iter().map(|e| e.to_string()).collect();
    write_for(&exercises, &out, &settings, true).unwrap();
    out
}

/// What the page shows, measured in the browser.
const MEASURE: &str = "(() => {
    const count = (selector) => document.querySelectorAll(selector).length;
    const drawn = (selector) => [...document.querySelectorAll(selector)]
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0).length;
    const charts = [...document.querySelectorAll('#failing .chart.bars')];
    const right = (e) => e.getBoundingClientRect().right;
    const shares = (chart) => [...chart.querySelectorAll('rect.bar')]
        .map((b) => Number(b.dataset.share));
    return {
        lang: document.documentElement.lang,
        title: document.querySelector('h1').textContent,
        csp: document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content,
        resources: performance.getEntriesByType('resource').length,
        columns: count('#distribution svg rect.column'),
        columnsDrawn: drawn('#distribution svg rect.column'),
        counted: [...document.querySelectorAll('#distribution rect.column')]
            .reduce((sum, c) => sum + Number(c.dataset.count), 0),
        barCharts: charts.length,
        exerciseShares: charts[0] ? shares(charts[0]) : [],
        testShares: charts[1] ? shares(charts[1]) : [],
        barsDrawn: drawn('#failing rect.bar'),
        students: count('#students tr.student'),
        groups: count('#failures tr.group'),
        compileGroups: count('#compile-errors tr.group'),
        stopped: count('#stopped tr.stopped'),
        alerts: count('#integrity li.alert'),
        rosterItems: count('#roster li'),
        // Each bar's label as shown, and those cut off or past the screen's edge.
        barLabels: [...document.querySelectorAll('#failing .bar-label')].map((l) => l.innerText),
        labelsCut: [...document.querySelectorAll('#failing .bar-label')]
            .filter((l) => l.scrollWidth > l.clientWidth + 1 || right(l) > window.innerWidth + 0.5)
            .map((l) => l.innerText),
        // Boxes that scroll sideways because what is in them is wider than they are.
        scrolled: [...document.querySelectorAll('#failing .scroll, #students .scroll')]
            .filter((b) => b.scrollWidth > b.clientWidth + 1)
            .map((b) => b.parentElement.id),
        // A flag broken over two lines.
        flagsBroken: [...document.querySelectorAll('#students .flag')]
            .filter((f) => f.getClientRects().length > 1)
            .map((f) => f.innerText),
        studentsText: document.querySelector('#students').innerText,
        text: document.body.innerText,
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        height: document.documentElement.scrollHeight,
        // What is wider than the page, outside a box that scrolls.
        overflowing: [...document.querySelectorAll('main *')]
            .filter((e) => !e.closest('.scroll'))
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((e) => e.tagName + '.' + (e.className.baseVal ?? e.className)),
    };
})()";

fn measure(browser: &mut Browser, page: &Page) -> Value {
    browser.eval(page, MEASURE)
}

fn descending(shares: &Value) -> bool {
    let shares: Vec<f64> = shares
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_f64().unwrap())
        .collect();
    shares.windows(2).all(|w| w[0] >= w[1])
}

#[test]
fn the_class_report_draws_every_chart_loads_nothing_and_fits_a_phone() {
    let shots = tmp().join("screenshots-report");
    std::fs::create_dir_all(&shots).unwrap();
    let mut browser = Browser::start(&tmp().join("chromium-profile-report"));
    let class = class();
    for lang in Lang::ALL {
        let out = graded_class(lang);
        let url = format!("file://{}", out.join("report.html").display());
        for (device, width) in [("desktop", 1280), ("phone", 390)] {
            let page = browser.open(&url, width, 900);
            let seen = measure(&mut browser, &page);
            let at = format!("{} {device}", lang.code());
            assert_eq!(seen["lang"], lang.code(), "{at}");
            let title = match lang {
                Lang::Ko => "수업 보고서",
                Lang::En => "Class report",
            };
            assert_eq!(seen["title"], title, "{at}");
            assert_eq!(
                seen["csp"], "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                "{at}"
            );
            assert_eq!(seen["resources"], 0, "{at}: the report loaded something");

            // The histogram: ten columns of ten percent and full marks, one student each counted.
            assert_eq!(seen["columns"], 11, "{at}");
            // A submission that could not be read has no score: the statistics leave it out.
            let scored = class.iter().filter(|r| r.unreadable().is_none()).count();
            assert_eq!(seen["counted"], scored, "{at}");
            assert!(seen["columnsDrawn"].as_u64().unwrap() >= 3, "{at}: {seen}");

            // Failing shares: a bar per exercise and per failing test, most failing first.
            assert_eq!(seen["barCharts"], 2, "{at}");
            assert_eq!(
                seen["exerciseShares"].as_array().unwrap().len(),
                EXERCISES.len()
            );
            let tests = seen["testShares"].as_array().unwrap().len();
            assert_eq!(tests, 5, "{at}: every test some student fails: {seen}");
            assert!(descending(&seen["exerciseShares"]), "{at}: {seen}");
            assert!(descending(&seen["testShares"]), "{at}: {seen}");
            assert_eq!(
                seen["barsDrawn"],
                EXERCISES.len() + tests,
                "{at}: each bar has width"
            );

            // A row a student; grouped messages, stopped tests, flags, the roster's mismatches.
            assert_eq!(seen["students"], class.len(), "{at}");
            assert!(seen["groups"].as_u64().unwrap() >= 2, "{at}: {seen}");
            assert_eq!(seen["compileGroups"], 1, "{at}: one compile error, twice");
            assert_eq!(seen["stopped"], 3, "{at}: bora's two timeouts and a crash");
            assert!(
                seen["alerts"].as_u64().unwrap() >= 2,
                "{at}: chul's alert, eve's sandbox"
            );
            assert_eq!(
                seen["rosterItems"], 2,
                "{at}: eve is not in it; ghost sent nothing"
            );
            let text = seen["text"].as_str().unwrap();
            assert!(
                !text.contains(SECRET),
                "{at}: a hidden test's message is shown"
            );
            assert!(
                text.contains("eve<b>&co") && text.contains("김영희"),
                "{at}"
            );

            // The failing tests' names whole: on as many lines as they need, none cut off.
            let labels: Vec<&str> = (seen["barLabels"].as_array().unwrap().iter())
                .map(|l| l.as_str().unwrap())
                .collect();
            for name in [
                "ex02-sequential-vs-concurrent › spawned_tasks_are_awaited",
                "ex01-join › takes_one_second_not_three",
            ] {
                assert!(
                    labels.iter().any(|l| l.replace('\n', " ").contains(name)),
                    "{at}: {name} is not shown whole: {labels:?}"
                );
            }
            assert_eq!(seen["labelsCut"], json!([]), "{at}: labels cut off");
            assert_eq!(
                seen["scrolled"],
                json!([]),
                "{at}: the charts and the student table scroll sideways"
            );
            assert_eq!(
                seen["flagsBroken"],
                json!([]),
                "{at}: a flag broken mid-word"
            );
            // The roster's id and name beside each student it lists.
            let students = seen["studentsText"].as_str().unwrap();
            for shown in ["2024-0342", "2024-0117", "Bora Kim", "Chul Park"] {
                assert!(students.contains(shown), "{at}: no {shown} in:\n{students}");
            }

            assert!(
                seen["pageWidth"].as_u64() <= seen["viewport"].as_u64(),
                "{at}: the page is wider than the screen: {seen}"
            );
            assert_eq!(seen["overflowing"], json!([]), "{at}");

            // The whole page, for a person to look at: a window as tall as the page.
            let height = seen["height"].as_u64().unwrap() as u32;
            let whole = browser.open(&url, width, height);
            browser.screenshot(
                &whole,
                &shots.join(format!("report-{}-{device}.png", lang.code())),
            );
        }
    }
}
