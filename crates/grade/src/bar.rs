//! The grader's progress bar: students graded of the class, how many are short of full marks, the
//! time left, and below it what is being compiled or tested now. Where stderr is not a terminal (a log, CI)
//! it prints one line per student instead.

use crate::results::Compile;
use crate::{Graded, Update};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

pub struct GradingBar {
    bar: ProgressBar,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    drawn: bool,
    short: usize,
    building: usize,
    testing: String,
}

impl GradingBar {
    pub fn new() -> GradingBar {
        // Drawn from the first update on, when the class's size is known.
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:24.green/white} {pos:>3}/{len} graded · {prefix} · ETA {eta}\n{wide_msg}",
            )
            .expect("a valid template")
            .progress_chars("█▉ "),
        );
        bar.set_prefix("0 short of full marks");
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        GradingBar {
            bar,
            state: Mutex::new(State::default()),
        }
    }

    pub fn update(&self, update: Update) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !state.drawn {
            state.drawn = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        match update {
            Update::Graded(p) => {
                self.bar.set_length(p.total as u64);
                self.bar.set_position(p.done as u64);
                if p.result.points < p.result.max_points {
                    state.short += 1;
                }
                if self.bar.is_hidden() {
                    eprintln!("{}", line(&p));
                } else {
                    self.bar.println(line(&p));
                }
            }
            Update::Building { students, total } => {
                self.bar.set_length(total as u64);
                state.building = students;
            }
            Update::Testing { student } => state.testing = student,
        }
        self.bar
            .set_prefix(format!("{} short of full marks", state.short));
        let mut now = Vec::new();
        if state.building > 0 {
            now.push(format!("compiling {} students", state.building));
        }
        if !state.testing.is_empty() {
            now.push(format!("testing {}", state.testing));
        }
        self.bar.set_message(now.join(", "));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Default for GradingBar {
    fn default() -> Self {
        GradingBar::new()
    }
}

/// One student's line: points, and why not more when it is not the code's own doing.
fn line(p: &Graded) -> String {
    let r = p.result;
    let note = match (&r.problem, p.reused) {
        (Some(problem), _) => format!("not graded: {problem}"),
        (None, true) => "unchanged since the last run".to_string(),
        (None, false) => {
            let broken = r
                .exercises
                .iter()
                .filter(|e| matches!(e.compile, Compile::Failed | Compile::TimedOut))
                .count();
            match broken {
                0 => String::new(),
                1 => "1 exercise does not compile".to_string(),
                n => format!("{n} exercises do not compile"),
            }
        }
    };
    format!(
        "{:>3}/{} {:<20} {:>3}/{} points  {note}",
        p.done, p.total, r.student, r.points, r.max_points
    )
}
