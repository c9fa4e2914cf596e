//! `workbook watch`: the learner's loop in one screen. Every save to an exercise's `src/` rebuilds
//! and tests that exercise, and the screen shows the result: passed, or the first failure in full.
//! When the current exercise passes, it moves on to the next unfinished one. Keys: `h` hint, `l`
//! list, `r` reset, `n`/`p` next/previous, `q` quit.
//!
//! Three threads feed one loop: file changes ([`files`]), keys, and the builds (one at a time, on
//! a thread of their own, so keys still work while cargo runs).

pub mod files;
pub mod screen;

use crate::check::{self, Progress, State};
use anyhow::Result;
use course::{Lang, Repo};
use files::fingerprint;
use screen::{Mode, View};
use std::collections::{BTreeSet, VecDeque};
use std::sync::mpsc;

/// What the loop hears.
enum Input {
    /// An exercise's `src/` changed (index into the exercises).
    Changed(usize),
    Key(console::Key),
    /// Every exercise checked (at the start), and the fingerprints of the `src/` checked.
    CheckedAll(Vec<u64>, Result<Vec<Progress>, String>),
    /// One exercise checked, and the fingerprint of the `src/` it was checked with.
    Checked(usize, u64, Result<Progress, String>),
}

pub fn run(repo: &Repo, lang: Lang) -> Result<()> {
    let exercises = repo.exercises()?;
    let mut titles = Vec::new();
    let mut all_hints = Vec::new();
    for exercise in &exercises {
        let info = exercise.info()?;
        titles.push(info.title.get(lang).to_string());
        all_hints.push(
            info.hints
                .iter()
                .map(|h| h.get(lang).to_string())
                .collect::<Vec<_>>(),
        );
    }
    let term = console::Term::stdout();
    let _settings = TerminalSettings::save();
    let (inputs, inbox) = mpsc::channel::<Input>();
    let (changes, changed) = mpsc::channel::<usize>();
    let _watching = files::watch(&exercises, changes, true)?;
    {
        let inputs = inputs.clone();
        std::thread::spawn(move || {
            for i in changed {
                if inputs.send(Input::Changed(i)).is_err() {
                    break;
                }
            }
        });
    }
    // Keys only from a terminal: elsewhere `read_key` answers at once, without end.
    if term.is_term() {
        let inputs = inputs.clone();
        let term = term.clone();
        std::thread::spawn(move || {
            while let Ok(key) = term.read_key() {
                if inputs.send(Input::Key(key)).is_err() {
                    break;
                }
            }
        });
    }
    let (jobs, work) = mpsc::channel::<Option<(usize, u64)>>();
    {
        let (inputs, repo, exercises) = (inputs.clone(), repo.clone(), exercises.clone());
        std::thread::spawn(move || {
            let jobs = course::pool::default_jobs();
            for job in work {
                let input = match job {
                    None => {
                        // Taken first: a save during the check is then seen as one.
                        let prints = exercises.iter().map(fingerprint).collect();
                        let checked = check::check(&repo, jobs).map_err(|e| format!("{e:#}"));
                        Input::CheckedAll(prints, checked)
                    }
                    Some((i, print)) => Input::Checked(
                        i,
                        print,
                        check::check_one(&repo, &exercises[i], jobs).map_err(|e| format!("{e:#}")),
                    ),
                };
                if inputs.send(input).is_err() {
                    break;
                }
            }
        });
    }

    let mut states: Vec<Option<State>> = vec![None; exercises.len()];
    // The `src/` each exercise was last checked with: a change that changes nothing is no save.
    let mut checked_with: Vec<Option<u64>> = vec![None; exercises.len()];
    let mut current = 0;
    let mut busy = Some(current);
    let mut waiting: BTreeSet<usize> = BTreeSet::new();
    let mut hints_shown = 0;
    let mut mode = Mode::Exercise;
    let mut held: VecDeque<Input> = VecDeque::new();
    let mut notice = Some(
        match lang {
            Lang::Ko => "연습 문제를 모두 컴파일하고 테스트하는 중...",
            Lang::En => "Compiling and testing every exercise...",
        }
        .to_string(),
    );
    let _ = jobs.send(None);
    let _ = term.hide_cursor();
    loop {
        let view = View {
            lang,
            exercises: &exercises,
            titles: &titles,
            states: &states,
            current,
            busy,
            hints: &all_hints[current][..hints_shown.min(all_hints[current].len())],
            hint_count: all_hints[current].len(),
            mode,
            notice: notice.clone(),
        };
        draw(&term, &screen::render(&view));
        let input = match held.pop_front() {
            Some(input) => input,
            None => match inbox.recv() {
                Ok(input) => input,
                Err(_) => break,
            },
        };
        match input {
            Input::Changed(i) => {
                // The rest of this save, then one check. Anything else that came meanwhile is
                // held for the next turns, in order.
                std::thread::sleep(files::SETTLE);
                waiting.insert(i);
                while let Ok(next) = inbox.try_recv() {
                    match next {
                        Input::Changed(j) => {
                            waiting.insert(j);
                        }
                        other => held.push_back(other),
                    }
                }
            }
            Input::CheckedAll(prints, result) => {
                busy = None;
                notice = None;
                match result {
                    Ok(all) => {
                        for (i, p) in all.into_iter().enumerate() {
                            checked_with[i] = prints.get(i).copied();
                            states[i] = Some(p.state);
                        }
                        match next_unfinished(&states, states.len() - 1) {
                            Some(first) => current = first,
                            None => notice = Some(all_pass(lang)),
                        }
                    }
                    Err(e) => notice = Some(e),
                }
            }
            Input::Checked(i, print, result) => {
                busy = None;
                checked_with[i] = Some(print);
                match result {
                    Ok(p) => {
                        let passed_now = matches!(p.state, State::Passed { .. })
                            && !matches!(states[i], Some(State::Passed { .. }));
                        states[i] = Some(p.state);
                        notice = None;
                        if passed_now && i == current {
                            match next_unfinished(&states, i) {
                                Some(next) => {
                                    notice = Some(match lang {
                                        Lang::Ko => format!(
                                            "✓ {} 통과! 다음 연습 문제 {}(으)로 넘어갑니다.",
                                            exercises[i].name, exercises[next].name
                                        ),
                                        Lang::En => format!(
                                            "✓ {} passes! On to the next exercise, {}.",
                                            exercises[i].name, exercises[next].name
                                        ),
                                    });
                                    current = next;
                                    hints_shown = 0;
                                }
                                None => notice = Some(all_pass(lang)),
                            }
                        }
                    }
                    Err(e) => notice = Some(e),
                }
            }
            Input::Key(key) => {
                use console::Key;
                let letter = match key {
                    Key::Char(c) => c.to_ascii_lowercase(),
                    Key::CtrlC | Key::Escape if mode != Mode::Exercise => {
                        mode = Mode::Exercise;
                        continue;
                    }
                    Key::CtrlC => 'q',
                    _ => continue,
                };
                if mode == Mode::ConfirmReset {
                    mode = Mode::Exercise;
                    if letter == 'y' {
                        let exercise = &exercises[current];
                        notice = Some(match crate::reset::reset(repo, exercise) {
                            Ok(backup) => crate::reset::done(lang, exercise, &backup),
                            Err(e) => format!("{e:#}"),
                        });
                        waiting.insert(current);
                    }
                    // Anything but y: nothing changes.
                } else {
                    match letter {
                        'q' => break,
                        'h' => hints_shown = (hints_shown + 1).min(all_hints[current].len()),
                        'l' => {
                            mode = if mode == Mode::List {
                                Mode::Exercise
                            } else {
                                Mode::List
                            }
                        }
                        'r' => mode = Mode::ConfirmReset,
                        'n' | 'p' => {
                            let n = exercises.len();
                            current = if letter == 'n' {
                                (current + 1) % n
                            } else {
                                (current + n - 1) % n
                            };
                            hints_shown = 0;
                            notice = None;
                        }
                        _ => {}
                    }
                }
            }
        }
        // One build at a time: the next waiting exercise whose `src/` really changed.
        if busy.is_none() {
            while let Some(i) = waiting.pop_first() {
                let print = fingerprint(&exercises[i]);
                if checked_with[i] == Some(print) {
                    continue;
                }
                if current != i {
                    current = i;
                    hints_shown = 0;
                }
                busy = Some(i);
                let _ = jobs.send(Some((i, print)));
                break;
            }
        }
    }
    let _ = term.show_cursor();
    let _ = term.clear_screen();
    Ok(())
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
