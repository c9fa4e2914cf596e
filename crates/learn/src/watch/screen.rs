//! What `workbook watch` shows: a pure function of the watcher's state, in the learner's language.
//!
//! ```text
//! ex01-join: tokio::join!으로 세 API를 동시에 호출하기
//! 책: book/src/ex01-join.md
//! [██████░░░░░░░░░░░░] 연습 문제 6개 중 2개 통과
//! ──────────────────────────────────────────────
//! ✗ 테스트 4개 중 3개가 실패합니다. 첫 번째 실패:
//! thread 'takes_one_second_not_three' panicked at ...
//! ──────────────────────────────────────────────
//! h 힌트 · l 목록 · r 처음 코드로 · n 다음 · p 이전 · q 끝내기
//! ```

use crate::check::State;
use course::{Exercise, Lang};

/// What the screen is showing besides the current exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exercise,
    /// Every exercise with its status.
    List,
    /// Waiting for y or n before a reset.
    ConfirmReset,
}

pub struct View<'a> {
    pub lang: Lang,
    pub exercises: &'a [Exercise],
    /// Each exercise's title, in `lang`.
    pub titles: &'a [String],
    /// Each exercise's last result; `None` until it has been checked.
    pub states: &'a [Option<State>],
    pub current: usize,
    /// The exercise being compiled and tested now.
    pub busy: Option<usize>,
    /// The current exercise's hints shown so far, and how many it has.
    pub hints: &'a [String],
    pub hint_count: usize,
    pub mode: Mode,
    /// One line about what just happened (an exercise passed, a reset).
    pub notice: Option<String>,
}

/// Picks the text of the learner's language.
fn t<'s>(lang: Lang, ko: &'s str, en: &'s str) -> &'s str {
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

const RULE: &str = "────────────────────────────────────────────────────────────";
/// Lines of a compiler error shown: the first error is enough to start with.
const ERROR_LINES: usize = 25;

pub fn render(view: &View) -> String {
    let lang = view.lang;
    let mut out = Vec::new();
    let passed = view
        .states
        .iter()
        .filter(|s| matches!(s, Some(State::Passed { .. })))
        .count();
    let total = view.exercises.len();
    if view.mode == Mode::List {
        out.push(
            t(
                lang,
                "연습 문제 (l: 돌아가기, n/p: 고르기)",
                "Exercises (l: back, n/p: choose)",
            )
            .to_string(),
        );
        out.push(RULE.to_string());
        for (i, exercise) in view.exercises.iter().enumerate() {
            let mark = if i == view.current { "›" } else { " " };
            let status = if view.busy == Some(i) {
                checking(lang).to_string()
            } else {
                short_status(lang, view.states[i].as_ref())
            };
            out.push(format!("{mark} {:<32} {status}", exercise.name));
        }
        out.push(RULE.to_string());
        out.push(progress_bar(lang, passed, total));
        return out.join("\n") + "\n";
    }
    let exercise = &view.exercises[view.current];
    out.push(format!("{}: {}", exercise.name, view.titles[view.current]));
    out.push(format!(
        "{}: book/src/{}",
        t(lang, "책", "Book"),
        exercise.chapter()
    ));
    out.push(progress_bar(lang, passed, total));
    out.push(RULE.to_string());
    if let Some(notice) = &view.notice {
        out.push(notice.clone());
        out.push(String::new());
    }
    if view.busy == Some(view.current) {
        out.push(match lang {
            Lang::Ko => format!("{}을(를) 컴파일하고 테스트하는 중...", exercise.name),
            Lang::En => format!("Compiling and testing {}...", exercise.name),
        });
    } else {
        out.extend(status_block(lang, view.states[view.current].as_ref()));
    }
    if !view.hints.is_empty() {
        out.push(RULE.to_string());
        for (i, hint) in view.hints.iter().enumerate() {
            out.push(format!(
                "{} {}/{}: {hint}",
                t(lang, "힌트", "Hint"),
                i + 1,
                view.hint_count
            ));
        }
    }
    out.push(RULE.to_string());
    out.push(if view.mode == Mode::ConfirmReset {
        format!("{} (y/n)", crate::reset::question(lang, exercise))
    } else {
        t(
            lang,
            "h 힌트 · l 목록 · r 처음 코드로 · n 다음 · p 이전 · q 끝내기",
            "h hint · l list · r reset · n next · p previous · q quit",
        )
        .to_string()
    });
    out.join("\n") + "\n"
}

fn progress_bar(lang: Lang, passed: usize, total: usize) -> String {
    const WIDTH: usize = 18;
    let filled = (passed * WIDTH).checked_div(total).unwrap_or(0);
    let bar = "█".repeat(filled) + &"░".repeat(WIDTH - filled);
    match lang {
        Lang::Ko => format!("[{bar}] 연습 문제 {total}개 중 {passed}개 통과"),
        Lang::En => format!("[{bar}] {passed} of {total} exercises pass"),
    }
}

/// What an exercise being compiled and tested shows in a list.
pub fn checking(lang: Lang) -> &'static str {
    t(lang, "확인하는 중...", "checking...")
}

/// An exercise's status in a few words, for the list (and the book's live status).
pub fn short_status(lang: Lang, state: Option<&State>) -> String {
    match (state, lang) {
        (None, _) => t(lang, "아직 확인 전", "not checked yet").to_string(),
        (Some(State::Passed { .. }), _) => t(lang, "✓ 통과", "✓ passes").to_string(),
        (Some(State::Failing { failing, tests, .. }), Lang::Ko) => {
            format!("✗ 테스트 {tests}개 중 {}개 실패", failing.len())
        }
        (Some(State::Failing { failing, tests, .. }), Lang::En) => {
            format!("✗ {} of {tests} tests failing", failing.len())
        }
        (Some(State::DoesNotCompile { .. }), _) => {
            t(lang, "✗ 컴파일되지 않음", "✗ does not compile").to_string()
        }
    }
}

/// The current exercise's result: what passed, or the first failure in full.
fn status_block(lang: Lang, state: Option<&State>) -> Vec<String> {
    match state {
        None => vec![t(lang, "아직 확인하지 않았습니다.", "Not checked yet.").to_string()],
        Some(State::Passed { tests }) => vec![match lang {
            Lang::Ko => format!("✓ 통과: 테스트 {tests}개가 모두 통과합니다."),
            Lang::En => format!("✓ Passes: all {tests} tests pass."),
        }],
        Some(State::Failing { failing, tests, .. }) => {
            let mut lines = vec![match lang {
                Lang::Ko => format!(
                    "✗ 테스트 {tests}개 중 {}개가 실패합니다. 첫 번째 실패:",
                    failing.len()
                ),
                Lang::En => format!(
                    "✗ {} of {tests} tests fail. The first failure:",
                    failing.len()
                ),
            }];
            lines.extend(detail(state).lines().map(String::from));
            lines
        }
        Some(State::DoesNotCompile { .. }) => {
            let mut lines = vec![
                t(
                    lang,
                    "✗ 컴파일되지 않습니다. 첫 번째 오류:",
                    "✗ It does not compile. The first error:",
                )
                .to_string(),
            ];
            lines.extend(detail(state).lines().map(String::from));
            lines
        }
    }
}

/// What went wrong first: the first failing test's message in full, or the start of the first
/// compiler error; empty when the exercise passes.
pub fn detail(state: Option<&State>) -> String {
    match state {
        Some(State::Failing { first, .. }) => first.clone(),
        Some(State::DoesNotCompile { errors }) => {
            let first = errors.first().map(String::as_str).unwrap_or("");
            first
                .lines()
                .take(ERROR_LINES)
                .collect::<Vec<_>>()
                .join("\n")
        }
        _ => String::new(),
    }
}
