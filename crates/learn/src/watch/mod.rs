//! `workbook watch`: the learner's loop in one screen. Every save to an exercise's `src/` rebuilds
//! and tests that exercise, and the screen shows the result: passed, or the first failure in full.
//! When the current exercise passes, it moves on to the next unfinished one. Keys: `h` hint, `l`
//! list, `r` reset, `n`/`p` next/previous, `q` quit.
//!
//! Two threads feed one loop: the keys, and the [`Checker`] (the file watch and the builds, one
//! at a time, so keys still work while cargo runs).

pub mod screen;

use crate::check::State;
use crate::checker::{Checker, Report};
use anyhow::Result;
use course::{Lang, Repo};
use screen::{Mode, View};
use std::sync::mpsc;

/// What the loop hears.
enum Input {
    Key(console::Key),
    Checker(Report),
}

/// Runs `watch` until the learner quits.
pub fn run(repo: &Repo, lang: Lang) -> Result<()> {
    let mut session = Session::new(repo, lang)?;
    let term = console::Term::stdout();
    let _settings = TerminalSettings::save();
    let (inputs, inbox) = mpsc::channel::<Input>();
    let reports = inputs.clone();
    let _checker = Checker::start(repo, move |report| {
        let _ = reports.send(Input::Checker(report));
    })?;
    // Keys only from a terminal: elsewhere `read_key` answers at once, without end.
    if term.is_term() {
        let term = term.clone();
        std::thread::spawn(move || {
            while let Ok(key) = term.read_key() {
                if inputs.send(Input::Key(key)).is_err() {
                    break;
                }
            }
        });
    } else {
        drop(inputs);
    }
    let _ = term.hide_cursor();
    loop {
        draw(&term, &screen::render(&session.view()));
        let quit = match inbox.recv() {
            Ok(Input::Checker(report)) => {
                session.on_report(report);
                false
            }
            Ok(Input::Key(key)) => session.on_key(key),
            Err(_) => true,
        };
        if quit {
            break;
        }
    }
    let _ = term.show_cursor();
    let _ = term.clear_screen();
    Ok(())
}

/// What the screen shows, and what the keys and the checks change.
struct Session<'a> {
    repo: &'a Repo,
    lang: Lang,
    exercises: Vec<course::Exercise>,
    titles: Vec<String>,
    hints: Vec<Vec<String>>,
    /// Each exercise's last result; `None` until it has been checked.
    states: Vec<Option<State>>,
    current: usize,
    /// The exercise being compiled and tested now.
    busy: Option<usize>,
    hints_shown: usize,
    mode: Mode,
    notice: Option<String>,
}

impl<'a> Session<'a> {
    fn new(repo: &'a Repo, lang: Lang) -> Result<Session<'a>> {
        let exercises = repo.exercises()?;
        let (mut titles, mut hints) = (Vec::new(), Vec::new());
        for exercise in &exercises {
            let info = exercise.info()?;
            titles.push(info.title.get(lang).to_string());
            hints.push(info.hints.iter().map(|h| h.get(lang).to_string()).collect());
        }
        let notice = match lang {
            Lang::Ko => "연습 문제를 모두 컴파일하고 테스트하는 중...",
            Lang::En => "Compiling and testing every exercise...",
        };
        Ok(Session {
            repo,
            lang,
            states: vec![None; exercises.len()],
            exercises,
            titles,
            hints,
            current: 0,
            busy: Some(0),
            hints_shown: 0,
            mode: Mode::Exercise,
            notice: Some(notice.to_string()),
        })
    }

    fn view(&self) -> View<'_> {
        let hints = &self.hints[self.current];
        View {
            lang: self.lang,
            exercises: &self.exercises,
            titles: &self.titles,
            states: &self.states,
            current: self.current,
            busy: self.busy,
            hints: &hints[..self.hints_shown.min(hints.len())],
            hint_count: hints.len(),
            mode: self.mode,
            notice: self.notice.clone(),
        }
    }

    fn on_report(&mut self, report: Report) {
        match report {
            Report::CheckedAll(Ok(all)) => {
                (self.busy, self.notice) = (None, None);
                for (i, checked) in all.into_iter().enumerate() {
                    self.states[i] = Some(checked.state);
                }
                match next_unfinished(&self.states, self.states.len() - 1) {
                    Some(first) => self.current = first,
                    None => self.notice = Some(all_pass(self.lang)),
                }
            }
            Report::Checking(i) => {
                self.busy = Some(i);
                if self.current != i {
                    self.current = i;
                    self.hints_shown = 0;
                }
            }
            Report::Checked(i, Ok(checked)) => {
                self.busy = None;
                let passed_now = matches!(checked.state, State::Passed { .. })
                    && !matches!(self.states[i], Some(State::Passed { .. }));
                self.states[i] = Some(checked.state);
                self.notice = None;
                if passed_now && i == self.current {
                    self.move_on_from(i);
                }
            }
            Report::CheckedAll(Err(e)) | Report::Checked(_, Err(e)) => {
                (self.busy, self.notice) = (None, Some(e));
            }
        }
    }

    /// Exercise `i` passes now: on to the next unfinished one, if any.
    fn move_on_from(&mut self, i: usize) {
        let Some(next) = next_unfinished(&self.states, i) else {
            self.notice = Some(all_pass(self.lang));
            return;
        };
        let (done, next_name) = (&self.exercises[i].name, &self.exercises[next].name);
        self.notice = Some(match self.lang {
            Lang::Ko => format!("✓ {done} 통과! 다음 연습 문제 {next_name}(으)로 넘어갑니다."),
            Lang::En => format!("✓ {done} passes! On to the next exercise, {next_name}."),
        });
        self.current = next;
        self.hints_shown = 0;
    }

    /// Acts on a key; true when it quits.
    fn on_key(&mut self, key: console::Key) -> bool {
        use console::Key;
        let letter = match key {
            Key::Char(c) => c.to_ascii_lowercase(),
            Key::CtrlC | Key::Escape if self.mode != Mode::Exercise => {
                self.mode = Mode::Exercise;
                return false;
            }
            Key::CtrlC => 'q',
            _ => return false,
        };
        if self.mode == Mode::ConfirmReset {
            self.mode = Mode::Exercise;
            // Anything but y: nothing changes. A reset is a save: the checker sees it.
            if letter == 'y' {
                let exercise = &self.exercises[self.current];
                self.notice = Some(match crate::reset::reset(self.repo, exercise) {
                    Ok(backup) => crate::reset::done(self.lang, exercise, &backup),
                    Err(e) => format!("{e:#}"),
                });
            }
            return false;
        }
        let count = self.exercises.len();
        match letter {
            'q' => return true,
            'h' => self.hints_shown = (self.hints_shown + 1).min(self.hints[self.current].len()),
            'l' if self.mode == Mode::List => self.mode = Mode::Exercise,
            'l' => self.mode = Mode::List,
            'r' => self.mode = Mode::ConfirmReset,
            'n' | 'p' => {
                let step = if letter == 'n' { 1 } else { count - 1 };
                self.current = (self.current + step) % count;
                self.hints_shown = 0;
                self.notice = None;
            }
            _ => {}
        }
        false
    }
}

fn all_pass(lang: Lang) -> String {
    match lang {
        Lang::Ko => "✓ 모든 연습 문제가 통과합니다. 수고하셨습니다!",
        Lang::En => "✓ Every exercise passes. Well done!",
    }
    .to_string()
}

/// The first exercise after `from` (wrapping around) that does not pass yet; from the last, the
/// first of all.
fn next_unfinished(states: &[Option<State>], from: usize) -> Option<usize> {
    let n = states.len();
    (1..=n)
        .map(|k| (from + k) % n)
        .find(|&i| !matches!(states[i], Some(State::Passed { .. })))
}

/// The terminal's settings at the start, put back at the end: the key reader makes the terminal
/// raw while it waits for a key, and its last wait never ends.
struct TerminalSettings {
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

impl TerminalSettings {
    fn save() -> TerminalSettings {
        TerminalSettings {
            #[cfg(unix)]
            saved: rustix::termios::tcgetattr(std::io::stdin()).ok(),
        }
    }
}

impl Drop for TerminalSettings {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            let now = rustix::termios::OptionalActions::Now;
            let _ = rustix::termios::tcsetattr(std::io::stdin(), now, saved);
        }
    }
}

/// Draws the screen afresh.
fn draw(term: &console::Term, text: &str) {
    let mut out = String::from("\x1b[H\x1b[2J");
    for line in text.lines() {
        out.push_str(line);
        out.push_str("\r\n");
    }
    let _ = term.write_str(&out);
}
