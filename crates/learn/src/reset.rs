//! `workbook reset <exercise>`: the exercise's starter code back in place of the learner's `src/`,
//! whose current state is first saved under `exercises/target/reset-backup/`, so nothing is lost.

use anyhow::{Context, Result, bail};
use course::files::sync_dir;
use course::{Exercise, Lang, Repo};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the starter code is kept in a handout (written by `workbook handout`).
pub fn starter_dir(repo: &Repo, exercise: &Exercise) -> PathBuf {
    repo.exercises_dir()
        .join(".starter")
        .join(&exercise.name)
        .join("src")
}

/// What `reset` asks before it starts (`cargo workbook reset`, and `r` in `watch`); each adds the
/// keys it takes.
pub fn question(lang: Lang, exercise: &Exercise) -> String {
    match lang {
        Lang::Ko => format!(
            "{}/src를 처음 코드로 되돌릴까요? 지금 코드는 먼저 저장됩니다.",
            exercise.name
        ),
        Lang::En => format!(
            "Put the starter code back in {}/src? Your code is saved first.",
            exercise.name
        ),
    }
}

/// What `reset` says when it is done: where the learner's code was saved.
pub fn done(lang: Lang, exercise: &Exercise, backup: &Path) -> String {
    match lang {
        Lang::Ko => format!(
            "{}을(를) 처음 코드로 되돌렸습니다. 지금까지의 코드는 {}에 있습니다.",
            exercise.name,
            backup.display()
        ),
        Lang::En => format!(
            "{} is back to its starter code. Your code was saved in {}.",
            exercise.name,
            backup.display()
        ),
    }
}

/// Restores the starter code; returns where the learner's code was saved.
pub fn reset(repo: &Repo, exercise: &Exercise) -> Result<PathBuf> {
    let src = exercise.dir.join("src");
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let backup = repo
        .exercises_dir()
        .join("target/reset-backup")
        .join(format!("{}-{stamp}", exercise.name));
    sync_dir(&src, &backup, None).context("saving your code before the reset")?;
    let starter = starter_dir(repo, exercise);
    if starter.is_dir() {
        sync_dir(&starter, &src, None)?;
    } else {
        restore_from_git(&repo.root, &format!("exercises/{}/src", exercise.name))?;
    }
    Ok(backup)
}

fn restore_from_git(root: &Path, path: &str) -> Result<()> {
    let status = Command::new("git")
        .args(["checkout", "HEAD", "--", path])
        .current_dir(root)
        .status()
        .context(
            "running git (no starter copy here, and git is needed to find the starter code)",
        )?;
    if !status.success() {
        bail!("git could not restore {path}");
    }
    Ok(())
}
