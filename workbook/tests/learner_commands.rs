//! The learner's commands, run as a learner runs them: `hint` shows one more hint per level,
//! `reset` puts the starter code back and keeps the learner's code, and a wrong name gets a clear
//! error that lists the right ones. They run on a copy of `exercises/`, never on the real one.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::learner_copy;

/// Runs the command in `dir`, for a learner whose `LANG` is `lang`.
fn workbook_in(dir: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(args)
        .current_dir(dir)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

/// Runs the command in `dir`, for an English-speaking learner.
fn workbook(dir: &Path, args: &[&str]) -> Output {
    workbook_in(dir, "en_US.UTF-8", args)
}

/// A handout-like copy of `exercises/` (with its starter copy in `exercises/.starter/`) in a
/// folder of its own; returns that folder.
fn copy_of_exercises(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    learner_copy(&root.join("exercises"));
    root
}

#[test]
fn hint_shows_one_more_hint_per_level_in_either_language() {
    let root = copy_of_exercises("hints");
    // A Korean learner gets Korean without asking.
    let first = String::from_utf8(
        workbook_in(
            &root.join("exercises"),
            "ko_KR.UTF-8",
            &["hint", "ex01-join"],
        )
        .stdout,
    )
    .unwrap();
    assert!(
        first.contains("힌트 1") && !first.contains("힌트 2"),
        "{first}"
    );
    assert!(
        first.contains("--level 2"),
        "it says how to see the next hint: {first}"
    );
    let two = String::from_utf8(
        workbook(
            &root,
            &["hint", "ex01-join", "--level", "2", "--lang", "en"],
        )
        .stdout,
    )
    .unwrap();
    assert!(
        two.contains("Hint 1") && two.contains("Hint 2") && !two.contains("Hint 3"),
        "{two}"
    );
}

#[test]
fn a_wrong_exercise_name_gets_an_error_that_lists_the_names() {
    let root = copy_of_exercises("wrong-name");
    let out = workbook(&root, &["hint", "ex01"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert!(
        err.contains("no exercise called `ex01`") && err.contains("ex01-join"),
        "{err}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "one clear line, no backtrace: {err}"
    );
    // In the learner's language: from LANG, or as --lang asks.
    let ko = workbook_in(&root, "ko_KR.UTF-8", &["reset", "ex1", "--yes"]);
    let ko = String::from_utf8(ko.stderr).unwrap();
    assert!(
        ko.starts_with("오류: `ex1`이라는 연습 문제는 없습니다. 있는 연습 문제: ex01-join"),
        "{ko}"
    );
    let asked = workbook_in(&root, "ko_KR.UTF-8", &["hint", "ex1", "--lang", "en"]);
    let asked = String::from_utf8(asked.stderr).unwrap();
    assert!(
        asked.starts_with("error: no exercise called `ex1`"),
        "{asked}"
    );
}

#[test]
fn outside_a_workbook_the_error_says_where_to_run_it() {
    // Outside the repository: the tests' own target folder is inside it.
    let nowhere = std::env::temp_dir().join(format!("no-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&nowhere).unwrap();
    let out = workbook_in(&nowhere, "ko_KR.UTF-8", &["check"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert!(
        err.starts_with("오류: 여기에는 워크북이 없습니다") && err.contains("exercises/Cargo.toml"),
        "{err}"
    );
    let out = workbook_in(&nowhere, "en_US.UTF-8", &["check"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: no workbook here"), "{err}");
}

#[test]
fn reset_restores_the_starter_code_and_keeps_the_learners() {
    let root = copy_of_exercises("reset");
    let lib = root.join("exercises/ex01-join/src/lib.rs");
    let starter = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, "// my attempt\n").unwrap();
    let out = workbook_in(
        &root.join("exercises"),
        "ko_KR.UTF-8",
        &["reset", "ex01-join", "--yes"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("처음 코드로 되돌렸습니다"),
        "not in Korean: {said}"
    );
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        starter,
        "the starter code is back"
    );
    let backups = root.join("exercises/target/reset-backup");
    let saved = std::fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        std::fs::read_to_string(saved.join("lib.rs")).unwrap(),
        "// my attempt\n",
        "the learner's code is kept"
    );
}

#[test]
fn reset_asks_first_and_does_nothing_without_a_yes() {
    let root = copy_of_exercises("reset-no");
    let lib = root.join("exercises/ex01-join/src/lib.rs");
    std::fs::write(&lib, "// my attempt\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["reset", "ex01-join", "--lang", "en"])
        .current_dir(&root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"n\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nothing changed"));
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), "// my attempt\n");
}

#[test]
fn the_learners_help_is_in_the_learners_language() {
    let root = copy_of_exercises("help");
    let help = |lang: &str, args: &[&str]| {
        let out = workbook_in(&root, lang, args);
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let ko = help("ko_KR.UTF-8", &["--help"]);
    for words in ["진행 상황", "저장할 때마다", "처음 코드로", "힌트"] {
        assert!(ko.contains(words), "no `{words}` in:\n{ko}");
    }
    let hint = help("C.UTF-8", &["hint", "--help"]);
    assert!(hint.contains("연습 문제 이름 (예: ex01-join)"), "{hint}");
    // --lang chooses the help's language too.
    let en = help("ko_KR.UTF-8", &["watch", "--lang", "en", "--help"]);
    assert!(en.contains("Watch exercises/*/src"), "{en}");
    assert!(en.contains("Usage: cargo workbook watch"), "{en}");
}

#[test]
fn submit_checks_once_and_writes_one_zip_of_the_sources_named_after_the_learner() {
    let root = copy_of_exercises("submit");
    let exercises = root.join("exercises");
    // A learner who has done ex01, and left an editor's backup and a build beside it.
    let solved = support::repo().join("solutions/ex01-join/src/lib.rs");
    std::fs::copy(solved, exercises.join("ex01-join/src/lib.rs")).unwrap();
    std::fs::write(exercises.join("ex01-join/notes.txt"), "not graded").unwrap();
    let out = root.join("hand-in");
    let submitted = Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["submit", "--name", "홍길동", "--lang", "ko", "--out"])
        .arg(&out)
        .current_dir(&exercises)
        .env("CARGO_TARGET_DIR", support::learner_target())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&submitted.stdout);
    assert!(
        submitted.status.success(),
        "submit failed: {said}\n{}",
        String::from_utf8_lossy(&submitted.stderr)
    );
    for words in [
        "홍길동.zip",
        "  exercises/ex01-join/src/lib.rs",
        "연습 문제 6개 중 1개 통과",
        "이 zip 파일 하나를 내세요",
    ] {
        assert!(
            said.contains(words),
            "no `{words}` in what submit said:\n{said}"
        );
    }
    let zip = std::fs::File::open(out.join("홍길동.zip")).expect("no 홍길동.zip");
    let mut archive = zip::ZipArchive::new(zip).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("exercises/") && n.contains("/src/")),
        "the zip holds more than each exercise's src/: {names:?}"
    );
    for exercise in course::Repo::of_this_build().exercises().unwrap() {
        let lib = format!("exercises/{}/src/lib.rs", exercise.name);
        assert!(names.contains(&lib), "no {lib} in the zip: {names:?}");
    }
    let mut lib = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("exercises/ex01-join/src/lib.rs").unwrap(),
        &mut lib,
    )
    .unwrap();
    assert!(
        !lib.contains("todo!("),
        "the zip holds the stub, not the learner's ex01"
    );

    // A name that cannot be a file's name is refused, and nothing is written.
    let refused = workbook_in(&exercises, "ko_KR.UTF-8", &["submit", "--name", "../a"]);
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && error.contains("--name 홍길동"),
        "{error}"
    );
}
