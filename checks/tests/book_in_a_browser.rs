//! The book as a reader meets it, in headless Chromium: both editions served by `workbook serve`'s
//! server, searched in Korean and English, a ▶ Run button pressed, every page laid out at 390 px
//! (a phone) and 1280 px (a desktop), the language switch followed from an `#anchor`, and the 404
//! page's CSS, and each edition's interface (search box, result counts, keyboard help, buttons) in
//! its own language. Screenshots at both widths in both languages go to `target/tmp/screenshots/` for a
//! person to look at.
//!
//! Needs Chromium (Debian: `apt-get install chromium fonts-noto-cjk`; `.ci/run` installs it).
//! Without it every test here FAILS and says so: a book test that did not run is not a pass.
//!
//! How: the test adds one page of its own to the built site, `probe.html`. It opens book pages in
//! same-origin iframes of a given width, measures them with the DOM, and writes what it found as
//! tab-separated lines, which `--dump-dom` prints. The assertions are here, in Rust.

use checks::repo;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "../../workbook/tests/support/chromium.rs"]
mod chromium;

/// The phone width (an iPhone 14's CSS pixels) and the desktop width the book is read at.
const PHONE: u32 = 390;
const DESKTOP: u32 = 1280;

struct Site {
    browser: PathBuf,
    url: String,
    pages: Vec<String>,
}

/// Chromium, the built book with the probe page, and its server: once per test binary.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let browser = chromium::chromium_or_fail();
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        let _ = std::fs::remove_dir_all(&root);
        book_tools::build(&repo(), &root).unwrap();
        std::fs::write(root.join("probe.html"), PROBE).unwrap();
        let mut pages: Vec<String> = std::fs::read_dir(root.join("ko"))
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".html") && !matches!(n.as_str(), "print.html" | "toc.html"))
            .collect();
        pages.sort();
        let (listener, url) = serve::bind(0).unwrap();
        std::thread::spawn(move || serve::serve(listener, root, None));
        Site {
            browser,
            url,
            pages,
        }
    })
}

/// Runs headless Chromium once on `path` (relative to the site) with `flags`; returns its stdout.
fn chromium(path: &str, flags: &[String]) -> String {
    static PROFILE: AtomicUsize = AtomicUsize::new(0);
    let site = site();
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "chromium-profile-{}",
        PROFILE.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&profile);
    let out = Command::new(&site.browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // Virtual time: timers run at once while the page waits for nothing else, so the
            // probe's waits cost no real time. It ends the run; the probe is done long before.
            "--virtual-time-budget=600000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(flags)
        .arg(format!("{}{path}", site.url))
        .output()
        .expect("starting chromium");
    assert!(
        out.status.success(),
        "chromium failed on {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the probe on `tasks` (each a list of strings: the task's name, then its arguments) and
/// returns its lines, each split at tabs.
fn probe(tasks: &[Vec<String>]) -> Vec<Vec<String>> {
    let plan = tasks
        .iter()
        .map(|t| t.join("\u{1f}"))
        .collect::<Vec<_>>()
        .join("\u{1e}");
    let encoded: String = plan
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let dom = chromium(
        &format!("probe.html#{encoded}"),
        &["--window-size=1400,1000".into(), "--dump-dom".into()],
    );
    let result = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .expect("the probe page wrote no result");
    let result = result
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    assert!(
        result.trim_end().ends_with("DONE"),
        "the probe did not finish:\n{result}"
    );
    let lines: Vec<Vec<String>> = result
        .lines()
        .filter(|l| *l != "DONE")
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    let errors: Vec<String> = lines
        .iter()
        .filter(|l| l[0] == "error")
        .map(|l| l.join(" "))
        .collect();
    assert!(
        errors.is_empty(),
        "the probe failed:\n{}",
        errors.join("\n")
    );
    lines
}

fn task(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

#[test]
fn korean_search_finds_words_and_stems_and_english_search_finds_code() {
    let queries = [
        ("ko", "동시"),
        ("ko", "홍길동"),
        ("ko", "에러"),
        ("ko", "비동기"),
        ("ko", "노트북"),
        ("ko", "클라이언트"),
        ("en", "spawn_blocking"),
        ("en", "concurrently"),
        ("en", "join"),
    ];
    let tasks: Vec<_> = queries
        .iter()
        .map(|(lang, q)| task(&["search", lang, q]))
        .collect();
    let lines = probe(&tasks);
    let mut problems = Vec::new();
    let mut particle = None;
    for (lang, query) in queries {
        let Some(line) = lines
            .iter()
            .find(|l| l[0] == "search" && l[1] == lang && l[2] == query)
        else {
            problems.push(format!("{lang} `{query}`: the probe did not search"));
            continue;
        };
        let (count, header, bodies) = (&line[3], &line[4], &line[5..]);
        // The best result's section must contain the word (English: its stem, `concurrent`).
        let word = query.trim_end_matches("ly");
        match bodies.first() {
            _ if count == "0" => problems.push(format!("{lang} `{query}`: {header}")),
            Some(best) if best.to_lowercase().contains(word) => {}
            best => problems.push(format!(
                "{lang} `{query}`: the best of {count} results does not say `{word}`: {best:?}"
            )),
        }
        if query == "에러" {
            // A stem without its particle: the results hold 에러 inside a longer word (에러를, 에러가).
            particle = bodies.iter().find_map(|b| {
                b.split_whitespace()
                    .find(|w| w.starts_with("에러") && w.chars().nth(2).is_some_and(is_hangul))
                    .map(String::from)
            });
        }
    }
    assert!(problems.is_empty(), "search:\n{}", problems.join("\n"));
    assert!(
        particle.is_some(),
        "`에러` found no section where 에러 carries a particle (에러를, 에러가)"
    );
    eprintln!("`에러` found, among others, the word {particle:?}");
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[test]
fn the_korean_edition_has_a_korean_interface_and_the_english_edition_an_english_one() {
    // A word in neither edition, and a word in both: the header says "none" and "how many".
    let lines = probe(&[
        task(&["ui", "ko/ex01-join.html", "zzqxv"]),
        task(&["ui", "ko/ex01-join.html", "join"]),
        task(&["ui", "en/ex01-join.html", "zzqxv"]),
        task(&["ui", "en/ex01-join.html", "join"]),
    ]);
    let ui = |lang: &str, query: &str| {
        lines
            .iter()
            .find(|l| l[0] == "ui" && l[1].starts_with(lang) && l[2] == query)
            .unwrap_or_else(|| panic!("the probe did not open {lang} with `{query}`: {lines:?}"))
    };
    // placeholder, results header, help title, search button, theme button, copy button
    let ko_none = ui("ko/", "zzqxv");
    assert_eq!(
        ko_none[3..],
        [
            "이 책에서 검색…",
            "'zzqxv'에 대한 검색 결과가 없습니다.",
            "단축키",
            "검색 (`/`)",
            "테마 바꾸기",
            "클립보드에 복사",
        ],
        "the Korean edition's interface"
    );
    let ko_some = &ui("ko/", "join")[4];
    assert!(
        ko_some.starts_with("'join' 검색 결과 ") && ko_some.ends_with("개:"),
        "the Korean result count: {ko_some}"
    );
    let en_none = ui("en/", "zzqxv");
    assert_eq!(
        en_none[3..],
        [
            "Search this book ...",
            "No search results for 'zzqxv'.",
            "Keyboard shortcuts",
            "Search (`/`)",
            "Change theme",
            "Copy to clipboard",
        ],
        "the English edition's interface"
    );
    let en_some = &ui("en/", "join")[4];
    assert!(
        en_some.contains(" search results for 'join':"),
        "the English result count: {en_some}"
    );
}

#[test]
fn the_run_button_sends_the_playground_edition_2024() {
    // No network here: the probe replaces the page's `fetch` and records what the button sends.
    let lines = probe(&[
        task(&["run", "ko/ex01-join.html"]),
        task(&["run", "en/ex02-sequential-vs-concurrent.html"]),
    ]);
    let runs: Vec<_> = lines.iter().filter(|l| l[0] == "run").collect();
    assert_eq!(runs.len(), 2, "the probe pressed no Run button: {lines:?}");
    for run in runs {
        let (page, url, edition, code) = (&run[1], &run[2], &run[3], &run[4]);
        assert_eq!(url, "https://play.rust-lang.org/evaluate.json", "{page}");
        assert_eq!(
            edition, "2024",
            "{page}: the Run button sends edition {edition}"
        );
        assert!(
            code.contains("#[tokio::main"),
            "{page}: the Run button sends no whole program: {code}"
        );
    }
}

#[test]
fn every_page_fits_a_phone_and_a_desktop_in_both_languages() {
    let site = site();
    let mut tasks = Vec::new();
    for lang in ["ko", "en"] {
        for page in &site.pages {
            for width in [PHONE, DESKTOP] {
                tasks.push(task(&[
                    "layout",
                    &format!("{lang}/{page}"),
                    &width.to_string(),
                ]));
            }
        }
    }
    let lines = probe(&tasks);
    let measured = lines.iter().filter(|l| l[0] == "layout").count();
    assert_eq!(
        measured,
        tasks.len(),
        "pages the probe did not lay out: {lines:?}"
    );
    let problems: Vec<String> = lines
        .iter()
        .filter(|l| l[0] == "problem")
        .map(|l| l[1..].join(" "))
        .collect();
    assert!(problems.is_empty(), "layout:\n{}", problems.join("\n"));
    // The timeline's labels: 13 px in the SVG, at least 11 px as drawn, on a phone too.
    let figures: Vec<_> = lines.iter().filter(|l| l[0] == "figure").collect();
    assert!(
        figures.len() >= 4,
        "the timeline was not measured in both editions at both widths: {figures:?}"
    );
    for f in figures {
        let px: f64 = f[4].parse().unwrap();
        assert!(
            px >= 11.0,
            "{} at {} px: {}'s labels are {px:.1} px tall",
            f[1],
            f[2],
            f[3]
        );
    }
}

#[test]
fn the_language_switch_keeps_the_anchor_and_leads_to_the_same_chapter() {
    let lines = probe(&[
        task(&["switch", "ko/ex01-join.html", "3"]),
        task(&["switch", "en/ex04-batch.html", "2"]),
        task(&["switch", "ko/ex03-errors.html", "0"]),
    ]);
    let switches: Vec<_> = lines.iter().filter(|l| l[0] == "switch").collect();
    assert_eq!(switches.len(), 3, "{lines:?}");
    for s in switches {
        let (from, anchor, landed, landed_hash, same_heading, box_shown) =
            (&s[1], &s[2], &s[3], &s[4], &s[5], &s[6]);
        let other = if from.starts_with("ko/") {
            "/en/"
        } else {
            "/ko/"
        };
        let chapter = from.split('/').nth(1).unwrap();
        assert!(
            landed.ends_with(&format!("{other}{chapter}")),
            "{from}#{anchor}: the switch led to {landed}"
        );
        if anchor.is_empty() {
            assert_eq!(landed_hash, "", "{from}: the switch added an anchor");
        } else {
            assert_ne!(
                landed_hash, "",
                "{from}#{anchor}: the switch lost the anchor"
            );
            assert_eq!(
                same_heading, "yes",
                "{from}#{anchor}: the switch led to #{landed_hash}, not the same heading"
            );
        }
        assert_eq!(box_shown, "yes", "{landed}: no exercise box");
    }
}

#[test]
fn the_404_page_loads_its_css_in_both_editions() {
    let lines = probe(&[
        task(&["css", "ko/404.html"]),
        task(&["css", "en/404.html"]),
        task(&["css", "ko/no/such/page.html"]),
        task(&["css", "en/no-such-page.html"]),
    ]);
    let pages: Vec<_> = lines.iter().filter(|l| l[0] == "css").collect();
    assert_eq!(pages.len(), 4, "{lines:?}");
    for p in pages {
        let (path, loaded, total, lang) = (&p[1], &p[2], &p[3], &p[4]);
        assert!(
            total != "0" && loaded == total,
            "{path}: {loaded} of {total} stylesheets loaded; missing: {}",
            p[5]
        );
        assert_eq!(
            lang,
            &path[..2],
            "{path}: the 404 page of the wrong edition"
        );
    }
}

#[test]
fn screenshots_at_a_phone_and_a_desktop_in_both_languages() {
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();
    for lang in ["ko", "en"] {
        for page in [
            "ex01-join",
            "ex02-sequential-vs-concurrent",
            "ex04-batch",
            "appendix-cheatsheet",
        ] {
            for (width, height) in [(PHONE, 2400), (DESKTOP, 1600)] {
                let shot = shots.join(format!("{lang}-{page}-{width}.png"));
                chromium(
                    &format!("{lang}/{page}.html"),
                    &[
                        format!("--window-size={width},{height}"),
                        format!("--screenshot={}", shot.display()),
                    ],
                );
                assert!(
                    std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
                    "no screenshot of {lang}/{page} at {width} px"
                );
            }
        }
    }
}

/// The probe page. Its address's fragment is the plan: tasks separated by U+1E, a task's name and
/// arguments by U+1F. It prints tab-separated lines into `<pre id="result">`, then `DONE`.
const PROBE: &str = r#"<!DOCTYPE html>
<meta charset="utf-8">
<body style="margin:0">
<pre id="result">running</pre>
<script>
'use strict';
const sleep = ms => new Promise(r => setTimeout(r, ms));
const out = [];
const say = (...fields) => out.push(fields.map(f => String(f).replace(/[\t\n]+/g, ' ')).join('\t'));

async function until(test, ms = 8000) {
    for (let t = 0; t < ms; t += 50) {
        const v = test();
        if (v) { return v; }
        await sleep(50);
    }
    return null;
}

async function open(path, width, height = 900) {
    const f = document.createElement('iframe');
    f.style.cssText = `width:${width}px;height:${height}px;border:0;display:block`;
    document.body.append(f);
    await new Promise(r => { f.onload = r; f.src = '/' + path; });
    await sleep(300);
    return f;
}

function close(f) { f.remove(); }

const tasks = {
    async search(lang, query) {
        const f = await open(`${lang}/index.html?search=${encodeURIComponent(query)}`, 1280);
        const w = f.contentWindow, d = f.contentDocument;
        const header = await until(() => d.getElementById('mdbook-searchresults-header').textContent);
        const links = Array.from(d.querySelectorAll('#mdbook-searchresults li > a'));
        // The text of each of the first three results' sections, from the index the page loaded.
        const bodies = links.slice(0, 3).map(a => {
            const url = a.getAttribute('href').replace(/\?[^#]*/, '');
            const i = w.search.doc_urls.indexOf(url);
            const doc = i < 0 ? null : w.search.index.documentStore.docs[String(i)];
            return doc ? `${doc.breadcrumbs} ${doc.body}` : `(no section ${url})`;
        });
        say('search', lang, query, links.length, header, ...bodies);
        close(f);
    },

    async layout(path, width) {
        width = Number(width);
        const f = await open(path, width, 900);
        const w = f.contentWindow, d = f.contentDocument;
        const main = d.querySelector('main');
        const column = main.getBoundingClientRect();
        const problem = what => say('problem', path, width + 'px:', what);
        const sideways = d.documentElement.scrollWidth - d.documentElement.clientWidth;
        if (sideways > 0) { problem(`the page scrolls sideways by ${sideways} px`); }
        const scroller = el => {
            for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
                if (['auto', 'scroll'].includes(w.getComputedStyle(a).overflowX)) { return a; }
            }
            return null;
        };
        const name = el => `<${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`;
        for (const el of main.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || w.getComputedStyle(el).position === 'fixed') { continue; }
            if (r.right > column.right + 1 && !scroller(el)) {
                problem(`${name(el)} runs ${Math.round(r.right - column.right)} px past the column`);
            }
        }
        for (const wrap of main.querySelectorAll('.table-wrapper')) {
            const hidden = wrap.scrollWidth - wrap.clientWidth;
            if (hidden <= 1) { continue; }
            if (width >= 1000) {
                problem(`a table is ${hidden} px wider than the column: ${name(wrap)}`);
            } else if (!w.getComputedStyle(wrap).backgroundImage.includes('gradient')) {
                problem(`a table scrolls ${hidden} px with no sign that it does: ${name(wrap)}`);
            }
        }
        if (path.startsWith('ko/')) {
            // Korean wraps at spaces: no word in a table may be split across two lines.
            for (const cell of main.querySelectorAll('td, th')) {
                const walker = d.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                    for (const m of t.data.matchAll(/[\uAC00-\uD7A3]+/g)) {
                        const range = d.createRange();
                        range.setStart(t, m.index);
                        range.setEnd(t, m.index + m[0].length);
                        const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
                        if (lines.size > 1) { problem(`"${m[0]}" is split over ${lines.size} lines in a table`); }
                    }
                }
            }
        }
        for (const img of main.querySelectorAll('img[src$=".svg"]')) {
            if (img.getBoundingClientRect().width === 0) { continue; }
            const svg = await (await w.fetch(img.src)).text();
            const font = Number((svg.match(/font-size="([\d.]+)"/) || [])[1]);
            const box = Number((svg.match(/viewBox="[\d.]+ [\d.]+ ([\d.]+)/) || [])[1]);
            const px = font * img.getBoundingClientRect().width / box;
            say('figure', path, width, img.getAttribute('src'), px.toFixed(2));
            // Whole on the screen, with nothing to swipe; and in the page's own language.
            if (img.getBoundingClientRect().right > d.documentElement.clientWidth + 1) {
                problem(`the figure ${img.getAttribute('src')} runs off the screen`);
            }
            if (path.startsWith('en/') && /[\uAC00-\uD7A3]/.test(svg.replace(/<[^>]*>/g, ''))) {
                problem(`the figure ${img.getAttribute('src')} has Korean words in the English edition`);
            }
        }
        say('layout', path, width);
        close(f);
    },

    async ui(path, query) {
        const f = await open(`${path}?search=${encodeURIComponent(query)}`, 1280);
        const d = f.contentDocument;
        const header = await until(() => d.getElementById('mdbook-searchresults-header').textContent);
        const title = selector => (d.querySelector(selector) || { title: `(no ${selector})` }).title;
        say('ui', path, query,
            d.getElementById('mdbook-searchbar').placeholder,
            header,
            d.querySelector('.mdbook-help-title').textContent,
            title('#mdbook-search-toggle'),
            title('#mdbook-theme-toggle'),
            title('pre .clip-button'));
        close(f);
    },

    async run(path) {
        const f = await open(path, 1280);
        const w = f.contentWindow, d = f.contentDocument;
        const sent = [];
        w.fetch = (url, options) => {
            sent.push({ url: String(url), body: options && options.body });
            const answer = JSON.stringify({ result: 'recorded by the probe, not sent' });
            return Promise.resolve(new w.Response(answer, { headers: { 'Content-Type': 'application/json' } }));
        };
        const button = d.querySelector('pre.playground .play-button');
        if (!button) { say('no-run-button', path); close(f); return; }
        button.click();
        const request = await until(() => sent.find(s => s.url.includes('evaluate')));
        const body = request ? JSON.parse(request.body) : {};
        say('run', path, request ? request.url : 'nothing sent', body.edition, body.code);
        close(f);
    },

    async switch(path, n) {
        const headings = async f => Array.from(
            f.contentDocument.querySelectorAll('main :is(h1,h2,h3,h4,h5,h6)[id]'), h => h.id);
        const first = await open(path, 1280);
        const ids = await headings(first);
        const anchor = Number(n) > 0 ? ids[Number(n)] : '';
        close(first);
        const f = await open(path + (anchor ? '#' + encodeURIComponent(anchor) : ''), 1280);
        const link = f.contentDocument.querySelector('.language-switch a');
        const landed = new Promise(r => { f.onload = r; });
        link.click();
        await landed;
        await sleep(300);
        const there = await headings(f);
        const hash = decodeURIComponent(f.contentWindow.location.hash.slice(1));
        const same = anchor && there.indexOf(hash) === ids.indexOf(anchor) ? 'yes' : 'no';
        const box = f.contentDocument.querySelector('.exercise') ? 'yes' : 'no';
        say('switch', path, anchor, f.contentWindow.location.pathname, hash, same, box);
        close(f);
    },

    async css(path) {
        const f = await open(path, 1280);
        const d = f.contentDocument;
        // mdBook disables the highlight themes it does not use: those have no sheet by design.
        const links = Array.from(d.querySelectorAll('link[rel="stylesheet"]')).filter(l => !l.disabled);
        const loaded = links.filter(l => { try { return l.sheet && l.sheet.cssRules.length > 0; } catch (e) { return false; } });
        const missing = links.filter(l => !loaded.includes(l)).map(l => l.getAttribute('href'));
        say('css', path, loaded.length, links.length, d.documentElement.lang, missing.join(' '));
        close(f);
    },
};

(async () => {
    const plan = decodeURIComponent(location.hash.slice(1)).split('\u001e').map(t => t.split('\u001f'));
    for (const [name, ...args] of plan) {
        try {
            await tasks[name](...args);
        } catch (e) {
            say('error', name, args.join(' '), 'the probe failed: ' + e);
        }
    }
    document.getElementById('result').textContent = out.join('\n') + '\nDONE';
})();
</script>
"#;
