//! The checkpoint quizzes as a reader meets them, in headless Chromium, in each edition, on a
//! phone's width: one question answered wrong and one right, from the keyboard; the feedback and
//! the explanation for each; the score; a reload that keeps both answers; and what a screen reader
//! is told (each choice a named radio button in a named group). The static site, with no live
//! server behind it: the quizzes need none.
//!
//! Needs Chromium (`.ci/run` installs it); without it the test FAILS and says so.

mod support;

use course::Repo;
use serde_json::{Value, json};
use std::path::Path;
use support::cdp::{Browser, Page};

const CHAPTER: &str = "ex02-sequential-vs-concurrent.html";

/// What question `n` (from 0) shows: `[checked value or "", right answer, verdict, why shown]`.
fn question(browser: &mut Browser, page: &Page, n: usize) -> Vec<String> {
    let value = browser.eval(
        page,
        &format!(
            "(() => {{ const q = document.querySelectorAll('form.quiz-question')[{n}];
                const checked = q.querySelector('input:checked');
                return [checked ? checked.value : '', q.dataset.answer,
                        q.querySelector('.quiz-verdict').textContent,
                        String(!q.querySelector('.quiz-why').hidden)]; }})()"
        ),
    );
    serde_json::from_value(value).unwrap()
}

/// Answers question `n` from the keyboard: the focus on its first choice, the arrow keys to the
/// choice with `value`, Enter to send the form.
fn answer(browser: &mut Browser, page: &Page, n: usize, value: usize) {
    browser.eval(
        page,
        &format!(
            "document.querySelectorAll('form.quiz-question')[{n}].querySelector('input').focus()"
        ),
    );
    // The first arrow press checks the next choice: Space checks the one with the focus.
    browser.press(page, " ");
    for _ in 0..value {
        browser.press(page, "ArrowDown");
    }
    browser.press(page, "Enter");
}

/// Question `n` has choice `value` checked, a verdict that starts with `verdict`, and its
/// explanation shown.
fn shows_answer(
    browser: &mut Browser,
    page: &Page,
    n: usize,
    value: usize,
    verdict: &str,
    when: &str,
) {
    let shown = question(browser, page, n);
    assert_eq!(
        shown[0],
        value.to_string(),
        "{when}: question {n} shows {shown:?}"
    );
    assert!(
        shown[2].starts_with(verdict),
        "{when}: question {n} should say {verdict:?}: {shown:?}"
    );
    assert_eq!(shown[3], "true", "{when}: question {n} has no explanation");
}

fn score(browser: &mut Browser, page: &Page) -> String {
    browser
        .eval(page, "document.querySelector('.quiz-score').textContent")
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn an_answer_wrong_and_an_answer_right_get_feedback_and_survive_a_reload() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quiz");
    let _ = std::fs::remove_dir_all(&tmp);
    let url = support::book::served("quiz-book");
    let mut browser = Browser::start(&tmp.join("chromium-profile"));
    let shots = tmp.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    for (lang, right, wrong, scored) in [
        ("ko", "맞았습니다!", "아닙니다.", "4문제 중 1문제 맞음"),
        ("en", "Right!", "Not quite.", "1 of 4 right"),
    ] {
        let page = browser.open(&format!("{url}{lang}/{CHAPTER}"), 390, 1400);
        if lang == "en" {
            // The editions share the answers (the same question ids): the Korean ones show here.
            let kept = question(&mut browser, &page, 1);
            assert!(
                kept[2].starts_with(right),
                "en: the Korean answer is not kept: {kept:?}"
            );
            browser.eval(&page, "localStorage.removeItem('workbook-quiz')");
            browser.reload(&page);
        }
        assert_eq!(
            browser.eval(&page, "localStorage.getItem('workbook-quiz')"),
            Value::Null,
            "{lang}: a fresh browser remembers an answer"
        );
        let first = question(&mut browser, &page, 0);
        let right_of_first: usize = first[1].parse().unwrap();
        let wrong_choice = if right_of_first == 0 { 1 } else { 0 };
        answer(&mut browser, &page, 0, wrong_choice);
        let second = question(&mut browser, &page, 1);
        let right_of_second: usize = second[1].parse().unwrap();
        answer(&mut browser, &page, 1, right_of_second);

        let when = format!("{lang}, answered");
        shows_answer(&mut browser, &page, 0, wrong_choice, wrong, &when);
        shows_answer(&mut browser, &page, 1, right_of_second, right, &when);
        assert!(score(&mut browser, &page).contains(scored), "{lang}");
        let fits = browser.eval(
            &page,
            "document.documentElement.scrollWidth <= window.innerWidth",
        );
        assert_eq!(fits, json!(true), "{lang}: the page is wider than a phone");
        browser.eval(
            &page,
            "document.querySelector('section.quiz').scrollIntoView()",
        );
        browser.screenshot(&page, &shots.join(format!("{lang}-quiz-390.png")));

        browser.reload(&page);
        let when = format!("{lang}, after a reload");
        shows_answer(&mut browser, &page, 0, wrong_choice, wrong, &when);
        shows_answer(&mut browser, &page, 1, right_of_second, right, &when);
        assert!(score(&mut browser, &page).contains(scored), "{lang}");
        if lang == "ko" {
            // A multiple-choice answer too, for the English edition to find.
            let fourth = question(&mut browser, &page, 3);
            answer(&mut browser, &page, 3, fourth[1].parse().unwrap());
        }

        // A screen reader hears each choice by its text, inside a group named by the question.
        browser.page_call(&page, "Accessibility.enable", json!({}));
        let tree = browser.page_call(&page, "Accessibility.getFullAXTree", json!({}));
        let nodes = tree["nodes"].as_array().unwrap();
        let named = |role: &str| {
            nodes
                .iter()
                .filter(|n| n["role"]["value"] == role)
                .filter(|n| {
                    n["name"]["value"]
                        .as_str()
                        .is_some_and(|s| !s.trim().is_empty())
                })
                .count()
        };
        let radios = browser.eval(
            &page,
            "document.querySelectorAll('.quiz-choices input').length",
        );
        assert_eq!(
            json!(named("radio")),
            radios,
            "{lang}: a choice without a name"
        );
        let groups = browser.eval(
            &page,
            "document.querySelectorAll('form.quiz-question').length",
        );
        assert!(
            named("group") as u64 >= groups.as_u64().unwrap(),
            "{lang}: a question without a named group"
        );
    }
}

/// What a reader of every quiz on a phone cannot read: each `pre` of a question (its program, a
/// quoted failure message, a choice of printed output) that runs past its box, and each output
/// choice drawn on fewer lines than it has. Empty when all is readable.
const UNREADABLE: &str = "(() => {
    const found = [];
    document.querySelectorAll('form.quiz-question').forEach((q, n) => {
        q.querySelectorAll('pre').forEach(pre => {
            const box = pre.getBoundingClientRect();
            const shown = Math.min(box.right, document.documentElement.clientWidth);
            const runs = [pre, ...pre.querySelectorAll('code')]
                .some(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > shown + 1);
            const text = pre.textContent.replace(/\\s+$/, '');
            if (runs) found.push(`question ${n + 1}: runs off a ${document.documentElement.clientWidth} px screen: ${text.slice(0, 60)}`);
            if (pre.closest('.quiz-choices')) {
                const lines = text.split('\\n').length;
                const code = pre.querySelector('code') || pre;
                const height = parseFloat(getComputedStyle(code).lineHeight) || 16;
                if (code.getBoundingClientRect().height < lines * height * 0.9) {
                    found.push(`question ${n + 1}: a choice of ${lines} lines drawn on fewer: ${text.slice(0, 60)}`);
                }
            }
        });
    });
    return found;
})()";

#[test]
fn every_quiz_keeps_its_output_on_its_lines_and_its_code_on_a_phone() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quiz-phone");
    let _ = std::fs::remove_dir_all(&tmp);
    let url = support::book::served("quiz-book");
    let repo = Repo::of_this_build();
    let mut browser = Browser::start(&tmp.join("chromium-profile"));
    let shots = tmp.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let chapters: Vec<String> = std::fs::read_dir(repo.book_dir().join("quizzes"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".toml")
                .map(String::from)
        })
        .collect();
    assert!(chapters.len() >= 8, "only {chapters:?} have quizzes?");
    let mut unreadable = Vec::new();
    for lang in ["ko", "en"] {
        for chapter in &chapters {
            let page = browser.open(&format!("{url}{lang}/{chapter}.html"), 390, 1400);
            let questions = browser.eval(
                &page,
                "document.querySelectorAll('form.quiz-question').length",
            );
            assert!(
                questions.as_u64().unwrap() > 0,
                "{lang}/{chapter}: no quiz drawn"
            );
            // The explanations too: each question answered, its explanation shown.
            browser.eval(
                &page,
                "document.querySelectorAll('form.quiz-question').forEach(q => {
                    q.querySelector('input').checked = true; q.requestSubmit(); })",
            );
            let found = browser.eval(&page, UNREADABLE);
            for place in found.as_array().unwrap() {
                unreadable.push(format!("{lang}/{chapter}: {}", place.as_str().unwrap()));
            }
            // The first question with printed output for a choice, to look at.
            if chapter == "ex01-join" {
                browser.eval(
                    &page,
                    "document.querySelector('.quiz-choices pre').closest('form').scrollIntoView()",
                );
                browser.screenshot(&page, &shots.join(format!("{lang}-{chapter}-390.png")));
            }
        }
    }
    assert!(
        unreadable.is_empty(),
        "on a phone, {} places of the quizzes cannot be read:\n{}",
        unreadable.len(),
        unreadable.join("\n")
    );
}
