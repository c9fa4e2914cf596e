//! `workbook reset <exercise>`: the exercise's starter code back in place of the learner's `src/`,
//! whose current state is first saved under `exercises/target/reset-backup/`, so nothing is lost.

use crate::lab::sync_dir;
use crate::repo::{Exercise, Repo};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the starter code is kept in a handout (written by `workbook handout`).
pub fn starter_dir(repo: &Repo, exercise: &Exercise) -> PathBuf {
    repo.exercises_dir()
        .join(".starter")
        .join(&exercise.name)
        .join("src")
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
