//! Which exercise's `src/` changed: file events from the system (inotify and the like), and a
//! poll of the same folders every second, for where events never arrive (WSL on a Windows drive,
//! a virtual machine's shared folder).

use anyhow::{Context, Result};
use course::Exercise;
use notify::{Config, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Editors save in several steps: changes this close together are one save.
pub const SETTLE: Duration = Duration::from_millis(100);

/// How often the fallback looks at the files.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// Keeps both watchers alive; events stop when it is dropped.
pub struct Watching {
    _events: Option<RecommendedWatcher>,
    _poll: PollWatcher,
}

/// Sends the index (into `exercises`) of each exercise whose `src/` changed: from the system's
/// events (when `system_events` and the system has them) and from the poll.
pub fn watch(
    exercises: &[Exercise],
    changed: Sender<usize>,
    system_events: bool,
) -> Result<Watching> {
    // Each exercise's `src/`, as given and as the system names it (events carry either).
    let folders: Vec<[PathBuf; 2]> = exercises
        .iter()
        .map(|e| {
            let src = e.dir.join("src");
            let real = src.canonicalize().unwrap_or_else(|_| src.clone());
            [src, real]
        })
        .collect();
    let handler = |changed: Sender<usize>, folders: Vec<[PathBuf; 2]>| {
        move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            for path in &event.paths {
                let below = |src: &[PathBuf; 2]| src.iter().any(|dir| path.starts_with(dir));
                if let Some(i) = folders.iter().position(below) {
                    let _ = changed.send(i);
                }
            }
        }
    };
    // Where the system's events are unavailable, the poll alone does the job.
    let mut events = if system_events {
        RecommendedWatcher::new(handler(changed.clone(), folders.clone()), Config::default()).ok()
    } else {
        None
    };
    let mut poll = PollWatcher::new(
        handler(changed, folders.clone()),
        // Modification times count whole seconds here: two saves in one second differ only in
        // their contents.
        Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true),
    )
    .context("watching the exercises' files")?;
    for [src, _] in &folders {
        if let Some(watcher) = &mut events
            && watcher.watch(src, RecursiveMode::Recursive).is_err()
        {
            events = None;
        }
        poll.watch(src, RecursiveMode::Recursive)
            .with_context(|| format!("watching {}", src.display()))?;
    }
    Ok(Watching {
        _events: events,
        _poll: poll,
    })
}

/// The contents of an exercise's `src/`: equal fingerprints mean nothing was really saved.
pub fn fingerprint(exercise: &Exercise) -> u64 {
    let mut hasher = DefaultHasher::new();
    let mut files: Vec<_> = walk(&exercise.dir.join("src"));
    files.sort();
    for file in files {
        file.hash(&mut hasher);
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Two exercises, `ex01` and `ex02`, in a new folder of the test `test`'s own, each with a
/// `src/lib.rs`: for the tests of the file watch and of the loop on it.
#[cfg(test)]
pub(crate) fn scratch_exercises(test: &str) -> (PathBuf, Vec<Exercise>) {
    let root = std::env::temp_dir().join(format!("workbook-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let exercises = ["ex01", "ex02"]
        .iter()
        .map(|name| {
            let dir = root.join(name);
            std::fs::create_dir_all(dir.join("src")).unwrap();
            std::fs::write(dir.join("src/lib.rs"), "// start\n").unwrap();
            Exercise {
                name: name.to_string(),
                solution_dir: dir.clone(),
                dir,
            }
        })
        .collect();
    (root, exercises)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_poll_alone_sees_a_save_within_seconds() {
        let (root, exercises) = scratch_exercises("poll");
        let (changes, changed) = std::sync::mpsc::channel();
        let _watching = watch(&exercises, changes, false).unwrap();
        // At once: in the same second as the poll's first look, only the contents differ.
        std::fs::write(
            root.join("ex02/src/lib.rs"),
            "// saved, longer than before\n",
        )
        .unwrap();
        let seen = changed.recv_timeout(POLL_EVERY * 5);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(seen, Ok(1), "no change of ex02 seen by the poll alone");
    }
}
