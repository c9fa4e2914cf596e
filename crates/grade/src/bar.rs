//! The grader's progress bar: students graded of the class, how many are short of full marks, the
//! time left, and below it what is being compiled or tested now. Where stderr is not a terminal (a log, CI)
//! it prints one line per student instead.

use crate::results::Compile;
use crate::say;
use crate::{Graded, Update};
use course::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

pub struct GradingBar {
    bar: ProgressBar,
    state: Mutex<State>,
    lang: Lang,
}

#[derive(Default)]
struct State {
    drawn: bool,
    short: usize,
    building: usize,
    testing: String,
}

impl GradingBar {
    /// A bar that speaks `lang`.
    pub fn new(lang: Lang) -> GradingBar {
        let words = say::bar(lang);
        // Drawn from the first update on, when the class's size is known.
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{{bar:24.green/white}} {{pos:>3}}/{{len}} {} · {{prefix}} · {} {{eta}}\n{{wide_msg}}",
                words.graded, words.eta
            ))
            .expect("a valid template")
            .progress_chars("█▉ "),
        );
        bar.set_prefix(format!("0 {}", words.short));
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        GradingBar {
            bar,
            state: Mutex::new(State::default()),
            lang,
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
                    eprintln!("{}", line(&p, self.lang));
                } else {
                    self.bar.println(line(&p, self.lang));
                }
            }
            Update::Building { students, total } => {
                self.bar.set_length(total as u64);
                state.building = students;
            }
            Update::Testing { student } => state.testing = student,
            Update::SetAside(set) => {
                let line = crate::say::set_aside(&set, self.lang);
                if self.bar.is_hidden() {
                    eprintln!("{line}");
                } else {
                    self.bar.println(line);
                }
            }
        }
        let words = say::bar(self.lang);
        self.bar
            .set_prefix(format!("{} {}", state.short, words.short));
        let mut now = Vec::new();
        if state.building > 0 {
            now.push(words.compiling.replace("{n}", &state.building.to_string()));
        }
        if !state.testing.is_empty() {
            now.push(format!("{} {}", words.testing, state.testing));
        }
        self.bar.set_message(now.join(", "));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Default for GradingBar {
    fn default() -> Self {
        GradingBar::new(Lang::En)
    }
}

/// One student's line: points, and why not more when it is not the code's own doing.
fn line(p: &Graded, lang: Lang) -> String {
    let r = p.result;
    let note = match (&r.problem, p.reused) {
        (Some(problem), _) => say::not_graded(problem, lang),
        (None, true) => say::unchanged(lang).to_string(),
        (None, false) => {
            let broken = r
                .exercises
                .iter()
                .filter(|e| matches!(e.compile, Compile::Failed | Compile::TimedOut))
                .count();
            match broken {
                0 => String::new(),
                n => say::do_not_compile(n, lang),
            }
        }
    };
    format!(
        "{:>3}/{} {:<20} {:>3}/{} {}  {note}",
        p.done,
        p.total,
        r.student,
        r.points,
        r.max_points,
        say::points(lang)
    )
}
