//! What the command's tests share: the repository, a learner's copy of `exercises/` and where it
//! builds, tmux, and Chromium. Each test (and `benches/watch_loop.rs`) uses some of it.
#![allow(dead_code)]

#[cfg(all(feature = "book", feature = "serve"))]
pub mod book;
pub mod cdp;
pub mod chromium;

use course::Repo;
use course::files::sync_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository this crate was built from.
pub fn repo() -> PathBuf {
    Repo::of_this_build().root
}

/// A learner's copy of `exercises/` at `to` (sources only, no `target/`), with each exercise's
/// starter code in `.starter/` for `reset`, as a handout has it.
pub fn learner_copy(to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    let from = repo().join("exercises");
    sync_dir(&from, to, Some("target")).unwrap();
    for exercise in Repo::of_this_build().exercises().unwrap() {
        let starter = to.join(".starter").join(&exercise.name).join("src");
        sync_dir(&exercise.dir.join("src"), &starter, None).unwrap();
    }
}

/// Where the tests build a learner's copy of `exercises/`: one folder, kept between runs and
/// shared by the tests, so the exercises' dependencies are built once.
pub fn learner_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("learner-target")
}

/// Runs tmux, failing loudly where it is missing.
pub fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running tmux {args:?}: {e} (is tmux installed?)"));
    assert!(
        out.status.success(),
        "tmux {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
