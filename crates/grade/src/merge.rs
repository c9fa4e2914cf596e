//! `workbook merge`: the results and feedback of several shards' `--out` folders, in one gradebook,
//! class report and set of exports. Nothing is merged unless every part checks out: each shard
//! folder exists and holds results, no folder is given twice, no student is in two shards, every
//! result carries the signature of one of the given labs' keys (so a result edited by hand is
//! refused, not posted), and its totals are its tests' points added up again.

use crate::outputs::{self, Settings};
use crate::results::{self, StudentResult};
use crate::set_aside::{self, SetAside};
use crate::signature::Key;
use crate::{feedback, names};
use anyhow::{Context, Result, bail};
use course::Repo;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a merge did.
#[derive(Debug)]
pub struct Merged {
    /// How many students' results it joined.
    pub students: usize,
    /// Results in `--out` of students in none of the shards, moved aside.
    pub set_aside: Option<SetAside>,
}

/// Joins `shards` into `out`, checking every result against the keys of `labs`.
pub fn merge(
    repo: &Repo,
    shards: &[PathBuf],
    out: &Path,
    labs: &[PathBuf],
    reports: &Settings,
) -> Result<Merged> {
    let keys: Vec<Key> = labs
        .iter()
        .map(|l| Key::existing(l))
        .collect::<Result<_>>()?;
    let read = read_shards(shards, out)?;
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    for (shard, path, result) in &read {
        if let Some(other) = seen.insert(names::nfc(&result.student), shard) {
            problems.push(format!(
                "{} is in two shards, {} and {}: a student is graded in one shard only (were two \
                 shards graded with different --shard counts, or one folder copied?)",
                result.student,
                other.display(),
                shard.display()
            ));
        }
        if !keys.iter().any(|key| key.verifies(result)) {
            problems.push(format!(
                "{} is not signed by the key of {}: it was edited by hand, or graded with a lab \
                 not given (--lab). Grade that student again rather than post it",
                path.display(),
                list(labs)
            ));
        }
        if let Some(wrong) = totals_problem(result) {
            problems.push(format!(
                "{}: {wrong}; its points are not its tests' points",
                path.display()
            ));
        }
    }
    if !problems.is_empty() {
        bail!(
            "nothing was merged into {}:\n- {}",
            out.display(),
            problems.join("\n- ")
        );
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let students: Vec<String> = read.iter().map(|(_, _, r)| r.student.clone()).collect();
    let set_aside = set_aside::others(out, &students)?;
    for (shard, _, result) in &read {
        let feedback = std::fs::read_to_string(results::feedback_path(shard, &result.student))
            .unwrap_or_else(|_| feedback::feedback_md(result, reports.lang));
        results::write(out, result, &feedback)?;
    }
    outputs::write_all(repo, out, reports, true)?;
    Ok(Merged {
        students: read.len(),
        set_aside,
    })
}

/// Every result of every shard, with its shard and its file; an error for a shard that is missing,
/// empty, given twice, or the `out` folder itself.
fn read_shards(shards: &[PathBuf], out: &Path) -> Result<Vec<(PathBuf, PathBuf, StudentResult)>> {
    let out = std::path::absolute(out)?;
    let out = out.canonicalize().unwrap_or(out);
    let mut given: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let mut read = Vec::new();
    for shard in shards {
        if !shard.is_dir() {
            bail!(
                "the shard folder {} does not exist: give the --out folder of each `workbook \
                 grade --shard` run",
                shard.display()
            );
        }
        let canonical = shard.canonicalize()?;
        if canonical == out {
            bail!(
                "--out {} is one of the shards: merge into a folder of its own",
                out.display()
            );
        }
        if let Some(earlier) = given.insert(canonical, shard) {
            bail!(
                "the shard {} is given twice (as {} and {}): give each shard's folder once",
                shard.display(),
                earlier.display(),
                shard.display()
            );
        }
        let results = results::read_results(shard)?;
        if results.is_empty() {
            bail!(
                "the shard folder {} holds no results/*.json: is it the --out folder of a \
                 `workbook grade --shard` run that finished?",
                shard.display()
            );
        }
        for result in results {
            let path = results::path_of(shard, &result.student);
            read.push((shard.clone(), path, result));
        }
    }
    Ok(read)
}

/// What does not add up in `r`: a test's points that are not its verdict's, an exercise's or the
/// total's that are not the sum of their parts.
fn totals_problem(r: &StudentResult) -> Option<String> {
    for e in &r.exercises {
        for t in &e.tests {
            let due = if t.passed() { t.max_points } else { 0 };
            if t.points != due {
                return Some(format!(
                    "{} / {} has {} points for a test that {}, whose points are {due}",
                    e.name,
                    t.name,
                    t.points,
                    t.status.words()
                ));
            }
        }
        let points: u32 = e.tests.iter().map(|t| t.points).sum();
        let max: u32 = e.tests.iter().map(|t| t.max_points).sum();
        if (e.points, e.max_points) != (points, max) {
            return Some(format!(
                "{} has {} / {} points, and its tests add up to {points} / {max}",
                e.name, e.points, e.max_points
            ));
        }
    }
    let points: u32 = r.exercises.iter().map(|e| e.points).sum();
    let max: u32 = r.exercises.iter().map(|e| e.max_points).sum();
    ((r.points, r.max_points) != (points, max)).then(|| {
        format!(
            "its total is {} / {}, and its exercises add up to {points} / {max}",
            r.points, r.max_points
        )
    })
}

fn list(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_class::class;

    struct Fixture {
        dir: PathBuf,
        lab: PathBuf,
        key: Key,
    }

    impl Fixture {
        fn new(name: &str) -> Fixture {
            let dir =
                std::env::temp_dir().join(format!("workbook-merge-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let lab = dir.join("lab");
            let key = Key::of_lab(&lab).unwrap();
            Fixture { dir, lab, key }
        }

        /// A shard folder holding these students of the sample class, signed with the lab's key.
        fn shard(&self, name: &str, students: &[usize]) -> PathBuf {
            let shard = self.dir.join(name);
            for &i in students {
                let mut r = class().remove(i);
                r.signature = Some(self.key.sign(&r).unwrap());
                results::write(&shard, &r, "feedback").unwrap();
            }
            shard
        }

        fn merge(&self, shards: &[PathBuf]) -> Result<Merged> {
            let repo = Repo::of_this_build();
            let out = self.dir.join("merged");
            merge(
                &repo,
                shards,
                &out,
                std::slice::from_ref(&self.lab),
                &Settings::default(),
            )
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn error(result: Result<Merged>) -> String {
        format!("{:#}", result.expect_err("refused"))
    }

    #[test]
    fn every_sample_result_adds_up() {
        for r in class() {
            assert_eq!(totals_problem(&r), None, "{}", r.student);
        }
    }

    #[test]
    fn shards_join_and_old_results_in_out_are_set_aside() {
        let f = Fixture::new("join");
        let shards = [f.shard("one", &[0, 2]), f.shard("two", &[1, 3, 4])];
        // An earlier class's student in the merged folder.
        let old = f.dir.join("merged");
        let mut stranger = class().remove(0);
        stranger.student = "left-the-class".into();
        results::write(&old, &stranger, "old").unwrap();
        let merged = f.merge(&shards).unwrap();
        assert_eq!(merged.students, class().len());
        let set = merged.set_aside.expect("the old result set aside");
        assert_eq!(set.students, ["left-the-class"]);
        let read = results::read_results(&old).unwrap();
        let names: Vec<&str> = read.iter().map(|r| r.student.as_str()).collect();
        let expected: Vec<String> = class().into_iter().map(|r| r.student).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn a_missing_or_empty_shard_is_refused() {
        let f = Fixture::new("missing");
        let one = f.shard("one", &[0]);
        let missing = f.error_of(&[one.clone(), f.dir.join("no-such-shard")]);
        assert!(
            missing.contains("no-such-shard does not exist"),
            "{missing}"
        );
        std::fs::create_dir_all(f.dir.join("empty")).unwrap();
        let empty = f.error_of(&[one, f.dir.join("empty")]);
        assert!(empty.contains("holds no results"), "{empty}");
        assert!(!f.dir.join("merged").exists(), "nothing written");
    }

    #[test]
    fn the_same_shard_twice_and_a_student_in_two_shards_are_named() {
        let f = Fixture::new("twice");
        let one = f.shard("one", &[0, 1]);
        let twice = f.error_of(&[one.clone(), f.dir.join("one/../one")]);
        assert!(twice.contains("is given twice"), "{twice}");
        let overlapping = f.shard("two", &[1, 2]);
        let both = f.error_of(&[one, overlapping]);
        let student = &class()[1].student;
        assert!(
            both.contains(&format!("{student} is in two shards")),
            "{both}"
        );
        assert!(!f.dir.join("merged").exists(), "nothing written");
    }

    #[test]
    fn a_result_edited_by_hand_or_from_another_lab_is_refused() {
        let f = Fixture::new("forged");
        let one = f.shard("one", &[0, 1]);
        // Points raised by hand in the file, as a text editor would.
        let victim = &class()[1];
        let path = results::path_of(&one, &victim.student);
        let json = std::fs::read_to_string(&path).unwrap();
        let needle = format!("\n  \"points\": {},", victim.points);
        assert!(json.contains(&needle), "{json}");
        let raised = format!("\n  \"points\": {},", victim.max_points);
        std::fs::write(&path, json.replacen(&needle, &raised, 1)).unwrap();
        let forged = f.error_of(std::slice::from_ref(&one));
        assert!(forged.contains("is not signed by the key"), "{forged}");
        assert!(forged.contains("its exercises add up to"), "{forged}");
        assert!(forged.contains(&path.display().to_string()), "{forged}");
        assert!(!f.dir.join("merged").exists(), "nothing written");

        // Graded in another lab: refused without that lab, merged with it.
        let other = Fixture::new("other-lab");
        let theirs = other.shard("theirs", &[2]);
        let mine = f.shard("mine", &[3]);
        let refused = f.error_of(&[mine.clone(), theirs.clone()]);
        assert!(refused.contains("is not signed"), "{refused}");
        let repo = Repo::of_this_build();
        let labs = [f.lab.clone(), other.lab.clone()];
        let merged = merge(
            &repo,
            &[mine, theirs],
            &f.dir.join("merged"),
            &labs,
            &Settings::default(),
        );
        assert_eq!(merged.unwrap().students, 2);
        // A lab without a key is not made one: it is named.
        let nothing = f.dir.join("no-lab");
        let no_key = format!(
            "{:#}",
            merge(
                &repo,
                &[one],
                &f.dir.join("m2"),
                &[nothing],
                &Settings::default()
            )
            .unwrap_err()
        );
        assert!(no_key.contains("has no grader.key"), "{no_key}");
    }

    impl Fixture {
        fn error_of(&self, shards: &[PathBuf]) -> String {
            error(self.merge(shards))
        }
    }
}
