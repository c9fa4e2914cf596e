//! `workbook grade` where the sandbox cannot be set up: it refuses, says why and what to do, and
//! grades unsandboxed only when told to, saying so.

use std::path::Path;
use std::process::{Command, Output};

fn grade(path: &Path, extra: &[&str]) -> Output {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graded-nowhere");
    Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["grade", "no-such-class", "--out"])
        .arg(&out)
        .args(extra)
        .current_dir(repo)
        .env("PATH", path)
        .output()
        .expect("running workbook")
}

#[test]
fn without_bubblewrap_grade_refuses_and_says_what_to_do() {
    // A PATH with no bwrap on it.
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let out = grade(&empty, &[]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "graded without a sandbox: {said}");
    for words in [
        "bubblewrap (`bwrap`) is not installed",
        "apt-get install bubblewrap",
        "--no-sandbox",
    ] {
        assert!(said.contains(words), "no `{words}` in: {said}");
    }
}

#[test]
fn with_no_sandbox_it_warns_and_goes_on() {
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let out = grade(&empty, &["--no-sandbox", "--lang", "en"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("WITHOUT the sandbox"),
        "no warning in: {said}"
    );
    // It went on to the class, which does not exist.
    assert!(said.contains("does not exist"), "{said}");
    // In the instructor's language.
    let out = grade(&empty, &["--no-sandbox", "--lang", "ko"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("샌드박스 없이 채점합니다"),
        "no Korean warning in: {said}"
    );
}
