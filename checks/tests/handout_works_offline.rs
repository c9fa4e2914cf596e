//! `workbook handout --offline`: what a class gets has no solutions and no hidden tests, carries
//! the built book, and builds and runs `cargo workbook check` with the network cut (an empty
//! CARGO_HOME, so nothing comes from this machine's registry cache either).

use checks::repo;
use std::path::Path;
use std::process::Command;

fn cargo_offline(
    dir: &Path,
    args: &[&str],
    cargo_home: &Path,
    target: &Path,
) -> std::process::Output {
    Command::new(course::cargo::cargo())
        .args(args)
        .current_dir(dir)
        .env("CARGO_HOME", cargo_home)
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("running cargo")
}

#[test]
fn an_offline_handout_builds_with_the_network_cut_and_holds_no_solutions() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let handout = tmp.join("handout");
    let _ = std::fs::remove_dir_all(&handout);
    book_tools::handout::write(&repo(), &handout, true).expect("writing the handout");

    assert!(
        !handout.join("solutions").exists(),
        "the handout has solutions/"
    );
    for instructors in [
        "crates/grade",
        "crates/sandbox",
        "crates/book-tools",
        "checks",
    ] {
        assert!(
            !handout.join(instructors).exists(),
            "the handout has {instructors}/: the class gets only the learner's crates"
        );
    }
    let mut stack = vec![handout.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            assert!(
                name != "hidden.rs" && name != "grading.toml",
                "{} is for instructors only",
                path.display()
            );
            if path.is_dir() && name != "vendor" {
                stack.push(path);
            }
        }
    }
    for lang in ["ko", "en"] {
        assert!(
            handout
                .join("book")
                .join(lang)
                .join("ex01-join.html")
                .is_file(),
            "the {lang} book is missing"
        );
    }

    // A new, empty CARGO_HOME: no registry cache, no network. Only vendor/ can supply crates.
    let cargo_home = tmp.join("empty-cargo-home");
    let _ = std::fs::remove_dir_all(&cargo_home);
    std::fs::create_dir_all(&cargo_home).unwrap();
    let target = tmp.join("handout-target");
    let build = cargo_offline(
        &handout.join("exercises"),
        &["build", "--tests", "--workspace"],
        &cargo_home,
        &target,
    );
    assert!(
        build.status.success(),
        "the exercises do not build offline:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let check = cargo_offline(
        &handout.join("exercises"),
        &["workbook", "check", "--lang", "en"],
        &cargo_home,
        &target,
    );
    let table = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "`cargo workbook check` fails offline:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        table.contains("Next: ex01-join"),
        "check does not say what to do next:\n{table}"
    );
}
