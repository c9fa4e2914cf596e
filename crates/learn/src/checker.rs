//! The one loop that `watch` and `serve`'s live status share: every exercise checked at the start,
//! then each one again when its `src/` is saved. Saves that come close together are one save
//! ([`files::SETTLE`]), a save that changes nothing is no save (the `src/` fingerprint is the one
//! last checked), and one exercise is checked at a time, on a thread of its own.

use crate::check::{self, Checked};
use crate::files::{self, Watching, fingerprint};
use anyhow::Result;
use course::{Exercise, Repo};
use std::collections::BTreeSet;
use std::sync::mpsc::{self, Receiver};

/// What the loop tells its owner, as it happens.
#[derive(Debug)]
pub enum Report {
    /// The first check of every exercise ended (or could not run: cargo missing, a broken
    /// workspace).
    CheckedAll(Result<Vec<Checked>, String>),
    /// Exercise `i` was saved: it is being compiled and tested now.
    Checking(usize),
    /// Exercise `i`'s check ended.
    Checked(usize, Result<Checked, String>),
}

/// The running loop; it stops when this is dropped (the file watch with it).
pub struct Checker {
    _watching: Watching,
}

impl Checker {
    /// Starts checking `repo`'s exercises, and tells `report` what happens.
    pub fn start(repo: &Repo, report: impl FnMut(Report) + Send + 'static) -> Result<Checker> {
        let exercises = repo.exercises()?;
        let (changes, changed) = mpsc::channel::<usize>();
        let watching = files::watch(&exercises, changes, true)?;
        let repo = repo.clone();
        std::thread::spawn(move || {
            let jobs = course::pool::default_jobs();
            let checks = Checks {
                all: || check::check(&repo, jobs).map_err(|e| format!("{e:#}")),
                one: |i: usize| check::check_one(&repo, &exercises[i], jobs),
            };
            check_on_save(&exercises, &changed, checks, report)
        });
        Ok(Checker {
            _watching: watching,
        })
    }
}

/// How the loop checks: with cargo, or in the loop's own tests, by hand.
struct Checks<All, One> {
    all: All,
    one: One,
}

/// The loop itself: it ends when the file watch is gone.
fn check_on_save<All, One>(
    exercises: &[Exercise],
    changed: &Receiver<usize>,
    checks: Checks<All, One>,
    mut report: impl FnMut(Report),
) where
    All: Fn() -> Result<Vec<Checked>, String>,
    One: Fn(usize) -> Result<Checked>,
{
    // Taken first: a save during the first check is then seen as one.
    let prints: Vec<u64> = exercises.iter().map(fingerprint).collect();
    let all = (checks.all)();
    // What each exercise was last checked with; nothing after a check that could not run.
    let mut checked_with: Vec<Option<u64>> = match &all {
        Ok(_) => prints.into_iter().map(Some).collect(),
        Err(_) => vec![None; exercises.len()],
    };
    report(Report::CheckedAll(all));
    while let Ok(first) = changed.recv() {
        // The rest of this save, then one check per exercise that really changed.
        std::thread::sleep(files::SETTLE);
        let mut waiting = BTreeSet::from([first]);
        waiting.extend(changed.try_iter());
        for i in waiting {
            let print = fingerprint(&exercises[i]);
            if checked_with[i] == Some(print) {
                continue;
            }
            report(Report::Checking(i));
            let result = (checks.one)(i).map_err(|e| format!("{e:#}"));
            checked_with[i] = Some(print);
            report(Report::Checked(i, result));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::State;
    use crate::files::scratch_exercises;
    use std::sync::mpsc::Sender;

    fn passed(exercise: &Exercise) -> Checked {
        Checked {
            exercise: exercise.clone(),
            state: State::Passed { tests: 1 },
        }
    }

    /// Runs the loop on `exercises` with checks that always pass; once the first check is
    /// reported, `saves` saves and sends file events. Returns every report, in order.
    fn reports_of(exercises: &[Exercise], saves: impl FnOnce(&Sender<usize>)) -> Vec<String> {
        let (changes, changed) = mpsc::channel();
        let (reports, reported) = mpsc::channel();
        std::thread::scope(|scope| {
            let looping = scope.spawn(move || {
                let checks = Checks {
                    all: || Ok(exercises.iter().map(passed).collect()),
                    one: |i: usize| Ok(passed(&exercises[i])),
                };
                check_on_save(exercises, &changed, checks, |report| {
                    let _ = reports.send(match report {
                        Report::CheckedAll(all) => format!("all {}", all.unwrap().len()),
                        Report::Checking(i) => format!("checking {i}"),
                        Report::Checked(i, one) => format!("checked {i} {:?}", one.is_ok()),
                    });
                });
            });
            let mut seen = vec![reported.recv().expect("the first check is reported")];
            saves(&changes);
            drop(changes);
            looping.join().unwrap();
            seen.extend(reported.try_iter());
            seen
        })
    }

    #[test]
    fn a_save_is_checked_once_and_a_save_that_changes_nothing_not_at_all() {
        let (root, exercises) = scratch_exercises("checker-once");
        let reports = reports_of(&exercises, |changes| {
            // Editors save in steps: three events close together.
            std::fs::write(exercises[1].dir.join("src/lib.rs"), "// saved\n").unwrap();
            for _ in 0..3 {
                changes.send(1).unwrap();
            }
            std::thread::sleep(files::SETTLE * 5);
            // The same content again: no save.
            std::fs::write(exercises[1].dir.join("src/lib.rs"), "// saved\n").unwrap();
            changes.send(1).unwrap();
            // An event for ex01, whose content never changed.
            changes.send(0).unwrap();
            std::thread::sleep(files::SETTLE * 5);
        });
        let _ = std::fs::remove_dir_all(root);
        assert_eq!(reports, ["all 2", "checking 1", "checked 1 true"]);
    }

    #[test]
    fn saves_of_two_exercises_together_are_checked_one_after_the_other() {
        let (root, exercises) = scratch_exercises("checker-both");
        let reports = reports_of(&exercises, |changes| {
            for (i, exercise) in exercises.iter().enumerate().rev() {
                std::fs::write(exercise.dir.join("src/lib.rs"), "// saved\n").unwrap();
                changes.send(i).unwrap();
            }
            std::thread::sleep(files::SETTLE * 5);
        });
        let _ = std::fs::remove_dir_all(root);
        assert_eq!(
            reports,
            [
                "all 2",
                "checking 0",
                "checked 0 true",
                "checking 1",
                "checked 1 true"
            ]
        );
    }
}
