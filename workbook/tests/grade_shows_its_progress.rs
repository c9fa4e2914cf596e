//! `workbook grade` in a real terminal (tmux, 80 columns): while the class is graded, a progress
//! bar shows how many students are graded, how many are short of full marks and the time left, and
//! below it who is being compiled or tested; each student gets a line when graded.

mod support;

use course::Repo;
use course::files::sync_dir;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{repo, tmux};

/// The tmux session, killed however the test ends.
struct Session(String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

/// `student`'s submission: every exercise's `src/` from `from` (`exercises` or `solutions`).
fn submission(class: &Path, student: &str, from: &str) {
    for exercise in Repo::of_this_build().exercises().unwrap() {
        let src = repo().join(from).join(&exercise.name).join("src");
        let to = class.join(student).join(&exercise.name).join("src");
        sync_dir(&src, &to, None).unwrap();
    }
}

#[test]
fn grading_shows_a_progress_bar_then_a_line_per_student() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let class = tmp.join("progress-class");
    let out = tmp.join("progress-graded");
    let _ = std::fs::remove_dir_all(&class);
    let _ = std::fs::remove_dir_all(&out);
    submission(&class, "alice", "solutions");
    submission(&class, "bora", "exercises");
    // New code each run, so that the lab compiles it and the bar has something to show.
    let nonce = format!("\n// run {:?}\n", std::time::SystemTime::now());
    for student in ["alice", "bora"] {
        let lib = class.join(student).join("ex01-join/src/lib.rs");
        let mut text = std::fs::read_to_string(&lib).unwrap();
        text.push_str(&nonce);
        std::fs::write(&lib, text).unwrap();
    }
    // The checks' lab: its dependencies are built already when the checks ran first.
    let lab = tmp.join("lab");
    let script = format!(
        "cd {repo:?} && {exe:?} grade {class:?} --out {out:?} --lab {lab:?} --lang en; echo EXIT=$?; sleep 600",
        repo = repo(),
        exe = env!("CARGO_BIN_EXE_workbook"),
    );
    let session = Session(format!("workbook-grade-{}", std::process::id()));
    tmux(&[
        "new-session",
        "-d",
        "-s",
        &session.0,
        "-x",
        "80",
        "-y",
        "30",
        &script,
    ]);
    let started = Instant::now();
    // Every state the bar was seen in.
    let mut bars: Vec<String> = Vec::new();
    let screen = loop {
        let screen = tmux(&["capture-pane", "-p", "-t", &session.0]);
        // The bar's line, and the line below it: what is being compiled or tested.
        let lines: Vec<&str> = screen.lines().collect();
        for (i, line) in lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains(" graded · "))
        {
            let bar = format!("{line}\n{}", lines.get(i + 1).unwrap_or(&""));
            if !bars.contains(&bar) {
                bars.push(bar);
            }
        }
        if screen.contains("EXIT=") {
            break screen;
        }
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "grading two students took over 15 minutes; the terminal shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        !bars.is_empty(),
        "no progress bar was ever drawn; at the end:\n{screen}"
    );
    for bar in &bars {
        for words in ["/2 graded", "short of full marks", "ETA"] {
            assert!(bar.contains(words), "no `{words}` in the bar: {bar}");
        }
    }
    for doing in ["compiling 2 students", "testing "] {
        assert!(
            bars.iter().any(|b| b.contains(doing)),
            "the bar never said `{doing}`: {bars:#?}"
        );
    }
    assert!(screen.contains("EXIT=0"), "grading failed:\n{screen}");
    // "  1/2 alice                75/75 points": the student's points and the most there are.
    let points = |student: &str| -> (u32, u32) {
        let line = screen
            .lines()
            .find(|l| l.contains(student) && l.contains(" points"))
            .unwrap_or_else(|| panic!("no line for {student}:\n{screen}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        let at = words.iter().position(|w| *w == "points").expect("points");
        let (got, most) = words[at - 1].split_once('/').expect("points as n/m");
        (got.parse().unwrap(), most.parse().unwrap())
    };
    let (alice, most) = points("alice");
    assert_eq!(alice, most, "alice hands in the solutions");
    let (bora, _) = points("bora");
    assert!(
        bora < most,
        "bora hands in the stubs, and got {bora}/{most}"
    );
    assert!(
        screen.contains("Graded 2 students (1 with full marks)"),
        "no summary:\n{screen}"
    );
    // The bar is cleared at the end: only the students' lines and the summary are left.
    assert!(
        !screen.contains("graded ·"),
        "the bar was left on screen:\n{screen}"
    );
}
