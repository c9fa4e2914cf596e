//! `workbook handout`: what an instructor gives a class. The exercises (with a starter copy for
//! `workbook reset`), the built book in both languages, and the workbook command for
//! `cargo workbook check`; no solutions, no hidden tests. With `offline`, every dependency too
//! (`cargo vendor`), so the class builds with no network at all.

use anyhow::{Context, Result, bail};
use course::Repo;
use course::cargo::cargo;
use course::files::sync_dir;
use std::path::Path;
use std::process::Command;

pub fn write(repo: &Repo, out: &Path, offline: bool) -> Result<()> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!(
            "{} is not empty: choose a new folder for the handout",
            out.display()
        );
    }
    std::fs::create_dir_all(out)?;
    sync_dir(
        &repo.exercises_dir(),
        &out.join("exercises"),
        Some("target"),
    )?;
    for exercise in repo.exercises()? {
        let starter = out
            .join("exercises/.starter")
            .join(&exercise.name)
            .join("src");
        sync_dir(&exercise.dir.join("src"), &starter, None)?;
    }
    crate::build(repo, &out.join("book"))?;
    for krate in LEARNER_CRATES {
        sync_dir(
            &repo.root.join(krate).join("src"),
            &out.join(krate).join("src"),
            None,
        )?;
        std::fs::copy(
            repo.root.join(krate).join("Cargo.toml"),
            out.join(krate).join("Cargo.toml"),
        )?;
    }
    std::fs::write(
        out.join("workbook/Cargo.toml"),
        learners_command_manifest(repo)?,
    )?;
    std::fs::copy(repo.root.join("Cargo.lock"), out.join("Cargo.lock"))?;
    std::fs::write(out.join("Cargo.toml"), handout_manifest(repo)?)?;
    std::fs::write(out.join("README.md"), HANDOUT_README)?;
    let mut config = String::from(ALIAS);
    if offline {
        config.push_str(&vendor(out)?);
    }
    std::fs::create_dir_all(out.join(".cargo"))?;
    std::fs::write(out.join(".cargo/config.toml"), config)?;
    Ok(())
}

/// What a class builds: the command and the learner's crates (no grader, no sandbox, no mdBook:
/// the book comes built).
const LEARNER_CRATES: [&str; 4] = ["workbook", "crates/course", "crates/learn", "crates/serve"];

/// The root manifest with only the learner's crates as members.
fn handout_manifest(repo: &Repo) -> Result<String> {
    let text = std::fs::read_to_string(repo.root.join("Cargo.toml"))?;
    let mut manifest: toml::Table = toml::from_str(&text)?;
    let workspace = manifest
        .get_mut("workspace")
        .and_then(|w| w.as_table_mut())
        .context("no [workspace]")?;
    workspace.insert("members".into(), LEARNER_CRATES.to_vec().into());
    workspace.insert("exclude".into(), vec!["exercises"].into());
    Ok(format!(
        "# The workbook command, for `cargo workbook check`; exercises/ is a workspace of its own.\n{}",
        toml::to_string(&manifest)?
    ))
}

/// The command's manifest without the instructor's and the book's crates: its features `serve`
/// only, and no tests or benchmarks (they are the repository's).
fn learners_command_manifest(repo: &Repo) -> Result<String> {
    let text = std::fs::read_to_string(repo.root.join("workbook/Cargo.toml"))?;
    let mut manifest: toml::Table = toml::from_str(&text)?;
    for table in ["dev-dependencies", "test", "bench"] {
        manifest.remove(table);
    }
    let dependencies = manifest
        .get_mut("dependencies")
        .and_then(|d| d.as_table_mut())
        .context("workbook/Cargo.toml has no [dependencies]")?;
    for instructors in ["book-tools", "grade", "sandbox"] {
        dependencies.remove(instructors);
    }
    let features: toml::Table = toml::from_str("default = [\"serve\"]\nserve = [\"dep:serve\"]")?;
    manifest.insert("features".into(), features.into());
    // The command's code names the repository's other features; here they are never on.
    let lints: toml::Table = toml::from_str(
        "[rust.unexpected_cfgs]\nlevel = \"warn\"\ncheck-cfg = ['cfg(feature, values(\"book\", \"grade\"))']",
    )?;
    manifest.insert("lints".into(), lints.into());
    Ok(format!(
        "# The learner's `cargo workbook`: check, hint, reset, watch and serve.\n{}",
        toml::to_string(&manifest)?
    ))
}

/// Vendors the dependencies of both workspaces into `out/vendor`; returns the cargo config that
/// points at them.
fn vendor(out: &Path) -> Result<String> {
    let output = Command::new(cargo())
        .args([
            "vendor",
            "--quiet",
            "--versioned-dirs",
            "--manifest-path",
            "Cargo.toml",
            "--sync",
        ])
        .arg("exercises/Cargo.toml")
        .arg("vendor")
        .current_dir(out)
        .output()
        .context("running cargo vendor")?;
    if !output.status.success() {
        bail!(
            "cargo vendor failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(
        "\n# Every dependency is in vendor/: this handout builds with no network.\n\
        [source.crates-io]\nreplace-with = \"vendored-sources\"\n\n\
        [source.vendored-sources]\ndirectory = \"vendor\"\n\n[net]\noffline = true\n"
            .to_string(),
    )
}

/// The book comes built, so the handout's command needs no mdBook (nor the grader): the learner's
/// commands and `serve`.
const ALIAS: &str = "[alias]\nworkbook = \"run --quiet --package workbook --no-default-features --features serve --\"\n";

const HANDOUT_README: &str = "# 비동기 I/O 작업 — Rust workbook (sec02)

- Read the book: run `cargo workbook serve --open`. Each exercise's box in the book then shows
  your own code's status (passed, failing, does not compile) and updates as you save. The book
  also opens without it: `book/index.html`.
- Do the exercises: `cargo workbook watch` builds and tests each save, shows the first failure,
  and moves on when an exercise passes (h hint, l list, r reset, n/p next/previous, q quit).
  Or by hand: `cd exercises`, then `cargo test -p ex01-join` (and so on).
- Where do I stand? `cargo workbook check` (from here or from exercises/).
- Stuck? `cargo workbook hint ex01-join` (`--level 2` for the next hint).
- Start an exercise over: `cargo workbook reset ex01-join` (your code is saved first).

Hand in: `cargo workbook submit --name <your name>` checks every exercise once more and writes
`<your name>.zip`, holding each exercise's `src/` (only that is graded). Hand in that one file.
";
