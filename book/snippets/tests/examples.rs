//! The runnable examples print what the book says they print (`examples/<name>.stdout`).
//! They run in real time, so a time such as `0.4초` may come out later under
//! load (never earlier); their exact times are proven by the paused-clock tests.
//! The quiz programs (`examples/quiz_*.rs`) run on the paused clock: what they
//! print is a quiz's answer, and must be exactly their `.stdout`.

use std::path::PathBuf;
use std::process::Command;

/// `cargo test` builds the examples next to this test's own directory: target/<profile>/examples.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    profile_dir.join("examples").join(name)
}

/// A seconds value such as `0.4초` (with any text after it), if the word is one.
fn seconds(word: &str) -> Option<f64> {
    word.split_once('초')?.0.parse().ok()
}

fn same_line(actual: &str, expected: &str) -> bool {
    let (a, e): (Vec<_>, Vec<_>) =
        (actual.split(' ').collect(), expected.split(' ').collect());
    a.len() == e.len()
        && a.iter()
            .zip(&e)
            .all(|(a, e)| match (seconds(a), seconds(e)) {
                // A sleep never ends early, but a busy machine can make it
                // late: the exact times are proven on the paused clock.
                (Some(x), Some(y)) => (-0.05..=0.5).contains(&(x - y)),
                _ => a == e,
            })
}

fn check(name: &str) {
    let output = Command::new(example(name))
        .output()
        .unwrap_or_else(|e| panic!("running example {name}: {e}"));
    assert!(output.status.success(), "example {name} failed");
    let actual = String::from_utf8(output.stdout).unwrap();
    let path = format!("{}/examples/{name}.stdout", env!("CARGO_MANIFEST_DIR"));
    let expected = std::fs::read_to_string(&path).unwrap();
    let (a, e): (Vec<_>, Vec<_>) =
        (actual.lines().collect(), expected.lines().collect());
    assert!(
        a.len() == e.len() && a.iter().zip(&e).all(|(a, e)| same_line(a, e)),
        "example {name} printed\n{actual}\nbut {path} says\n{expected}"
    );
}

#[test]
fn lazy_future() {
    check("lazy_future");
}

#[test]
fn sequential_vs_concurrent() {
    check("sequential_vs_concurrent");
}

#[test]
fn try_join_vs_join() {
    check("try_join_vs_join");
}

#[test]
fn completion_order() {
    check("completion_order");
}

#[test]
fn every_quiz_program_prints_its_measured_answer_exactly() {
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let mut programs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| Some(n.strip_suffix(".rs")?.to_string()))
        .filter(|n| n.starts_with("quiz_"))
        .collect();
    programs.sort();
    assert!(!programs.is_empty(), "no quiz programs in {dir}");
    let mut wrong = Vec::new();
    for name in &programs {
        let output = Command::new(example(name))
            .output()
            .unwrap_or_else(|e| panic!("running quiz program {name}: {e}"));
        assert!(output.status.success(), "quiz program {name} failed");
        let printed = String::from_utf8(output.stdout).unwrap();
        let path = format!("{dir}/{name}.stdout");
        let answer = std::fs::read_to_string(&path).unwrap_or_default();
        if printed != answer {
            wrong.push(format!(
                "{name} prints\n{printed}but {path} (the quiz's answer) says\n{answer}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\nRegenerate: cargo run -q -p book-snippets --example <name> > book/snippets/examples/<name>.stdout",
        wrong.join("\n")
    );
}
