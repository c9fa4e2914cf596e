//! The learner's live status for the served book: every exercise checked at the start, then each
//! one again whenever its `src/` is saved, by the same [`Checker`] as `workbook watch`. The
//! server reads the latest [`LiveStatus`].

use anyhow::Result;
use course::{Exercise, Lang, Repo};
use learn::check::State;
use learn::checker::{Checker, Report};
use learn::watch::screen;
use serde::Serialize;
use tokio::sync::watch;

/// What the server hands each page: the latest status, and a wake-up when it changes.
pub type Live = watch::Receiver<LiveStatus>;

#[derive(Debug, Clone)]
pub struct LiveStatus {
    pub exercises: Vec<Exercise>,
    /// Each exercise's last result; `None` until it has been checked.
    pub states: Vec<Option<State>>,
    /// The exercises being compiled and tested now.
    pub busy: Vec<bool>,
    /// When each exercise's last result was ready (milliseconds since 1970): the page shows it
    /// at once, and the browser test measures how soon.
    pub checked_at: Vec<Option<u128>>,
    /// Why the last check could not run at all (cargo missing, a broken workspace).
    pub error: Option<String>,
}

/// One exercise, as `live-status.js` shows it.
#[derive(Serialize)]
struct Shown<'a> {
    name: &'a str,
    /// `checking`, `unknown`, `passed`, `failing` or `does-not-compile`: the box's CSS class.
    state: &'static str,
    summary: String,
    /// The first failing test's message, or the start of the first compiler error.
    detail: String,
    checked_at: Option<u128>,
}

impl LiveStatus {
    /// The status as the page's language shows it: the words come from the terminal's screen,
    /// so `watch` and the book say the same.
    pub fn to_json(&self, lang: Lang) -> String {
        let shown: Vec<Shown> = self
            .exercises
            .iter()
            .enumerate()
            .map(|(i, exercise)| {
                let state = self.states[i].as_ref();
                let (kind, summary) = if self.busy[i] {
                    ("checking", screen::checking(lang).to_string())
                } else {
                    let kind = match state {
                        None => "unknown",
                        Some(State::Passed { .. }) => "passed",
                        Some(State::Failing { .. }) => "failing",
                        Some(State::DoesNotCompile { .. }) => "does-not-compile",
                    };
                    (kind, screen::short_status(lang, state))
                };
                Shown {
                    name: &exercise.name,
                    state: kind,
                    summary,
                    detail: screen::detail(state),
                    checked_at: self.checked_at[i],
                }
            })
            .collect();
        serde_json::json!({ "exercises": shown, "error": self.error }).to_string()
    }

    fn on_report(&mut self, report: Report) {
        match report {
            Report::CheckedAll(Ok(all)) => {
                for (i, checked) in all.into_iter().enumerate() {
                    self.checked(i, Ok(checked.state));
                }
            }
            Report::CheckedAll(Err(e)) => {
                self.busy.fill(false);
                self.error = Some(e);
            }
            Report::Checking(i) => self.busy[i] = true,
            Report::Checked(i, result) => self.checked(i, result.map(|c| c.state)),
        }
    }

    fn checked(&mut self, i: usize, result: Result<State, String>) {
        self.busy[i] = false;
        self.checked_at[i] = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|t| t.as_millis());
        match result {
            Ok(state) => {
                self.states[i] = Some(state);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}

/// Starts checking `repo`'s exercises, now and after every save; the status goes to the server.
/// The checks go on until the [`Checker`] is dropped.
pub fn start(repo: &Repo) -> Result<(Live, Checker)> {
    let exercises = repo.exercises()?;
    let count = exercises.len();
    let (publish, live) = watch::channel(LiveStatus {
        exercises,
        states: vec![None; count],
        busy: vec![true; count],
        checked_at: vec![None; count],
        error: None,
    });
    let checker = Checker::start(repo, move |report| {
        publish.send_modify(|status| status.on_report(report));
    })?;
    Ok((live, checker))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_exercise_is_shown_in_the_pages_language() {
        let exercise = |name: &str| Exercise {
            name: name.into(),
            dir: name.into(),
            solution_dir: name.into(),
        };
        let status = LiveStatus {
            exercises: vec![exercise("ex01-join"), exercise("ex02"), exercise("ex03")],
            states: vec![
                Some(State::Passed { tests: 4 }),
                Some(State::Failing {
                    failing: vec!["takes_one_second_not_three".into()],
                    tests: 4,
                    first: "took 3.0 s: awaited one after another".into(),
                }),
                None,
            ],
            busy: vec![false, false, true],
            checked_at: vec![Some(1), Some(2), None],
            error: None,
        };
        let ko: serde_json::Value = serde_json::from_str(&status.to_json(Lang::Ko)).unwrap();
        let shown = &ko["exercises"];
        assert_eq!(shown[0]["state"], "passed");
        assert_eq!(shown[1]["state"], "failing");
        assert_eq!(shown[1]["summary"], "✗ 테스트 4개 중 1개 실패");
        assert_eq!(shown[1]["detail"], "took 3.0 s: awaited one after another");
        assert_eq!(shown[2]["state"], "checking");
        let en: serde_json::Value = serde_json::from_str(&status.to_json(Lang::En)).unwrap();
        assert_eq!(en["exercises"][1]["summary"], "✗ 1 of 4 tests failing");
        assert_eq!(en["exercises"][2]["summary"], "checking...");
    }
}
