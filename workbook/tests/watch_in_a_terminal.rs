//! `workbook watch` in a real terminal (tmux): a learner's session in a copy of `exercises/`. Each
//! save shows its result, a pass moves on to the next exercise, and every key does what the
//! screen says (h hint, l list, n/p, r reset after asking, q quit), in English and in Korean.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{learner_copy, learner_target, repo, tmux};

/// `workbook watch` running in a tmux session, killed however the test ends.
struct Watch {
    session: String,
    /// What the command printed to stderr, for a failure's message.
    stderr: PathBuf,
}

impl Watch {
    fn start(exercises: &Path, target: &Path, lang: &str) -> Watch {
        let session = format!("workbook-watch-{lang}-{}", std::process::id());
        let stderr = exercises.with_file_name(format!("watch-{lang}.stderr"));
        let script = format!(
            "cd {exercises:?} && CARGO_TARGET_DIR={target:?} {exe:?} watch --lang {lang} \
             2>{stderr:?}; echo EXIT=$?; sleep 600",
            exe = env!("CARGO_BIN_EXE_workbook"),
        );
        tmux(&[
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "110",
            "-y",
            "40",
            &script,
        ]);
        Watch { session, stderr }
    }

    fn screen(&self) -> String {
        tmux(&["capture-pane", "-p", "-J", "-t", &self.session])
    }

    /// Waits until the screen shows every one of `words`; fails with the screen after `limit`.
    fn until(&self, words: &[&str], limit: Duration) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if words.iter().all(|w| screen.contains(w)) {
                return screen;
            }
            assert!(
                started.elapsed() < limit,
                "after {limit:?} the screen still lacks one of {words:?}:\n{screen}\nstderr:\n{}",
                std::fs::read_to_string(&self.stderr).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn key(&self, key: &str) {
        tmux(&["send-keys", "-t", &self.session, key]);
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .output();
    }
}

/// The first hint of `exercise`, in English, as `hints.toml` has it.
fn first_hint(exercise: &str) -> String {
    let exercise = course::Repo::of_this_build().exercise(exercise).unwrap();
    exercise.info().unwrap().hints[0].en.clone()
}

#[test]
fn a_learners_session_in_the_terminal() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let exercises = tmp.join("watch-learner/exercises");
    learner_copy(&exercises);
    let target = learner_target();
    let lib = exercises.join("ex01-join/src/lib.rs");
    let stub = std::fs::read_to_string(&lib).unwrap();
    let solution = std::fs::read_to_string(repo().join("solutions/ex01-join/src/lib.rs")).unwrap();

    let watch = Watch::start(&exercises, &target, "en");
    // The first check builds every exercise (and, the first time, their dependencies).
    watch.until(
        &[
            "ex01-join: Call three APIs at once",
            "Book: book/src/ex01-join.md",
            "0 of 6 exercises pass",
            "4 of 4 tests fail. The first failure:",
            "not yet implemented",
            "h hint · l list · r reset · n next · p previous · q quit",
        ],
        Duration::from_secs(900),
    );

    // A save that completes ex01: it passes, and the watch moves on to ex02.
    std::fs::write(&lib, &solution).unwrap();
    watch.until(
        &[
            "✓ ex01-join passes! On to the next exercise, ex02-sequential-vs-concurrent.",
            "1 of 6 exercises pass",
            "ex02-sequential-vs-concurrent: ",
        ],
        Duration::from_secs(120),
    );

    // h: the next hint of the current exercise.
    watch.key("h");
    let hint = first_hint("ex02-sequential-vs-concurrent");
    let start: String = hint.chars().take(40).collect();
    watch.until(&["Hint 1/", &start], Duration::from_secs(5));

    // l: the list, with the current exercise marked; l again: back.
    watch.key("l");
    let list = watch.until(&["Exercises (l: back"], Duration::from_secs(5));
    assert!(
        list.lines()
            .any(|l| l.contains("ex01-join") && l.contains("✓ passes")),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.starts_with("› ex02-sequential-vs-concurrent") && l.contains("failing")),
        "{list}"
    );
    watch.key("l");
    // p: back to ex01, which passes.
    watch.key("p");
    watch.until(
        &["ex01-join: ", "✓ Passes: all 4 tests pass."],
        Duration::from_secs(5),
    );

    // r asks first; n keeps the code.
    watch.key("r");
    watch.until(
        &["Put the starter code back in ex01-join/src? Your code is saved first. (y/n)"],
        Duration::from_secs(5),
    );
    watch.key("n");
    watch.until(&["h hint · l list"], Duration::from_secs(5));
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), solution);
    // r, y: the starter code is back, and ex01 fails again.
    watch.key("r");
    watch.until(&["(y/n)"], Duration::from_secs(5));
    watch.key("y");
    watch.until(
        &["ex01-join: ", "4 of 4 tests fail", "0 of 6 exercises pass"],
        Duration::from_secs(120),
    );
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), stub);
    let backups = exercises.join("target/reset-backup");
    assert!(
        std::fs::read_dir(&backups).is_ok_and(|mut d| d.next().is_some()),
        "the learner's code was not saved in {}",
        backups.display()
    );

    // A save that does not compile: the first error, in full.
    std::fs::write(
        &lib,
        format!("{stub}\nfn broken() -> u32 {{ \"not a number\" }}\n"),
    )
    .unwrap();
    watch.until(
        &[
            "✗ It does not compile. The first error:",
            "mismatched types",
        ],
        Duration::from_secs(120),
    );
    std::fs::write(&lib, &stub).unwrap();
    watch.until(&["4 of 4 tests fail"], Duration::from_secs(120));

    // q: the watch ends, and the terminal is as it was: what one types shows again.
    watch.key("q");
    watch.until(&["EXIT=0"], Duration::from_secs(10));
    watch.key("typed-after-quit");
    watch.until(&["typed-after-quit"], Duration::from_secs(5));
    drop(watch);

    // In Korean, the same screen.
    let watch = Watch::start(&exercises, &target, "ko");
    watch.until(
        &[
            "책: book/src/ex01-join.md",
            "연습 문제 6개 중 0개 통과",
            "테스트 4개 중 4개가 실패합니다. 첫 번째 실패:",
            "h 힌트 · l 목록 · r 처음 코드로 · n 다음 · p 이전 · q 끝내기",
        ],
        Duration::from_secs(300),
    );
    watch.key("q");
    watch.until(&["EXIT=0"], Duration::from_secs(10));
}
