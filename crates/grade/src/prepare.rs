//! What grading starts from: the class's submissions (this shard's), the students unchanged since
//! the last run, and the variants the lab builds for the others.

use crate::cache;
use crate::given;
use crate::lab::{Owner, Variant};
use crate::manifest::Manifest;
use crate::results::StudentResult;
use crate::signature;
use crate::submissions::{self, Submission, link_below};
use anyhow::{Context, Result, bail};
use course::{Exercise, Repo};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// `--shard 2/4`: the second of four deterministic slices of the class (by student name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let parsed = s
            .split_once('/')
            .and_then(|(i, n)| Some((i.parse().ok()?, n.parse().ok()?)));
        match parsed {
            Some((index, count)) if 1 <= index && index <= count => Ok(Shard { index, count }),
            _ => Err(format!(
                "`{s}` is not a shard like 1/4 (index from 1 to count)"
            )),
        }
    }
}

/// This shard's part of `class` (sorted by name): every `count`th, from the `index`th on.
fn sharded<T>(class: Vec<T>, shard: Option<Shard>) -> Vec<T> {
    let Some(shard) = shard else { return class };
    (class.into_iter().enumerate())
        .filter(|(i, _)| i % shard.count == shard.index - 1)
        .map(|(_, s)| s)
        .collect()
}

/// A class to grade, found in the submissions folder.
pub(crate) struct Class {
    /// The `--out` folder, made and canonical.
    pub out: PathBuf,
    pub exercises: Vec<Exercise>,
    pub manifest: Manifest,
    /// The lab's key, that signs results.
    pub key: signature::Key,
    /// This shard's submissions, by name, until [`Class::sort_out`].
    pub submissions: Vec<Submission>,
    /// The students to grade, once sorted out.
    pub to_grade: Vec<ToGrade>,
}

/// A student to grade, and the content hash of their submission.
pub(crate) struct ToGrade {
    pub submission: Submission,
    pub hash: String,
}

/// Finds the class in `submissions`, and this shard's part of it.
pub(crate) fn discover(repo: &Repo, opts: &crate::Options) -> Result<Class> {
    let manifest = Manifest::load(repo)?;
    let exercises = repo.exercises()?;
    refuse_out_inside(&opts.submissions, &opts.out)?;
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("creating {}", opts.out.display()))?;
    let out = opts.out.canonicalize()?;
    let unpacked = out.join(".work/unpacked");
    let class = submissions::discover(repo, &opts.submissions, &unpacked)?;
    Ok(Class {
        submissions: sharded(class, opts.shard),
        key: signature::Key::of_lab(&opts.lab)?,
        out,
        exercises,
        manifest,
        to_grade: Vec::new(),
    })
}

/// An error when `out` is in the submissions folder: grading would take it for a student.
fn refuse_out_inside(submissions: &Path, out: &Path) -> Result<()> {
    let (Ok(submissions), Ok(out)) = (submissions.canonicalize(), resolved(out)) else {
        // A missing submissions folder is reported where it is read.
        return Ok(());
    };
    if out.starts_with(&submissions) {
        let beside = submissions.with_file_name(format!(
            "{}-graded",
            submissions
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        ));
        bail!(
            "--out {} is inside the submissions folder {}: its results would be graded as a \
             student's submission. Choose an --out outside it, such as {}",
            out.display(),
            submissions.display(),
            beside.display()
        );
    }
    Ok(())
}

/// `path` made absolute with its links resolved, as far as it exists (the rest as it is).
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name().unwrap_or_default().to_owned());
        existing = existing.parent().unwrap_or(Path::new("/"));
    }
    let mut resolved = existing.canonicalize()?;
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

impl Class {
    /// Hashes each submission: a student graded earlier with the same content goes to
    /// `on_unchanged` with their signed result; the others are kept in `to_grade`.
    pub(crate) fn sort_out(
        &mut self,
        repo: &Repo,
        sandboxed: bool,
        mut on_unchanged: impl FnMut(StudentResult),
    ) -> Result<()> {
        for submission in std::mem::take(&mut self.submissions) {
            let hash = cache::content_hash(repo, &self.exercises, &submission, sandboxed)?;
            match cache::previous_result(&self.out, &submission.student, &hash, &self.key) {
                Some(result) => on_unchanged(result),
                None => self.to_grade.push(ToGrade { submission, hash }),
            }
        }
        Ok(())
    }
}

/// What the lab builds: each exercise's reference solution (which names every test), then each
/// exercise a student handed in. A student's notes gain what was not graded, and what of the given
/// code was put back.
pub(crate) fn variants(exercises: &[Exercise], to_grade: &mut [ToGrade]) -> Result<Vec<Variant>> {
    let mut variants: Vec<Variant> = exercises
        .iter()
        .map(|e| Variant {
            owner: Owner::Reference,
            exercise: e.clone(),
            src: e.solution_dir.join("src"),
            lib: None,
            hidden: true,
        })
        .collect();
    for student in to_grade {
        variants.extend(variants_of(exercises, &mut student.submission)?);
    }
    Ok(variants)
}

/// The exercises a student handed in, with the given code put back as it was handed out.
fn variants_of(exercises: &[Exercise], submission: &mut Submission) -> Result<Vec<Variant>> {
    let mut variants = Vec::new();
    let Some(root) = (submission.root.clone()).filter(|_| submission.problem.is_none()) else {
        return Ok(variants);
    };
    for e in exercises {
        let src = root.join(&e.name).join("src");
        if !src.is_dir() {
            continue;
        }
        if link_below(&root, &src).is_some() {
            submission.notes.push(format!(
                "{}/src is reached through a link (links are not followed): not graded",
                e.name
            ));
            continue;
        }
        let restored = given::restore_lib(e, &src)?;
        submission.notes.extend(restored.flag);
        variants.push(Variant {
            owner: Owner::Student(submission.student.clone()),
            exercise: e.clone(),
            src,
            lib: restored.text,
            hidden: true,
        });
    }
    Ok(variants)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_take_every_nth_and_join_to_the_class() {
        let class: Vec<usize> = (0..10).collect();
        let shard = |s: &str| sharded(class.clone(), Some(s.parse().unwrap()));
        assert_eq!(shard("2/4"), [1, 5, 9]);
        assert_eq!(sharded(class.clone(), None), class);
        let mut joined: Vec<usize> = (1..=3).flat_map(|i| shard(&format!("{i}/3"))).collect();
        joined.sort();
        assert_eq!(joined, class);
    }

    #[test]
    fn a_shard_counts_from_one_to_its_count() {
        assert_eq!("1/4".parse(), Ok(Shard { index: 1, count: 4 }));
        for bad in ["0/4", "5/4", "1", "a/b", "1/0"] {
            let error = bad.parse::<Shard>().unwrap_err();
            assert!(error.contains("not a shard"), "{bad}: {error}");
        }
    }

    #[test]
    fn an_out_folder_inside_the_submissions_is_refused() {
        let class =
            std::env::temp_dir().join(format!("workbook-out-inside-{}", std::process::id()));
        std::fs::create_dir_all(class.join("alice")).unwrap();
        for inside in [
            class.join("graded"),
            class.join("alice/../graded/deeper"),
            class.clone(),
        ] {
            let error = refuse_out_inside(&class, &inside).unwrap_err().to_string();
            assert!(
                error.contains("is inside the submissions folder"),
                "{error}"
            );
            assert!(
                error.contains("-graded"),
                "it says what to do instead: {error}"
            );
        }
        // Through a link into the class too.
        let link = class.with_extension("link");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&class, &link).unwrap();
        assert!(refuse_out_inside(&class, &link.join("graded")).is_err());
        assert!(refuse_out_inside(&class, &class.with_extension("graded")).is_ok());
        std::fs::remove_file(&link).unwrap();
        std::fs::remove_dir_all(&class).unwrap();
    }

    #[test]
    fn a_submission_with_a_problem_or_no_folder_builds_nothing() {
        let exercise = Exercise {
            name: "ex01-join".into(),
            dir: "/no/exercises/ex01-join".into(),
            solution_dir: "/no/solutions/ex01-join".into(),
        };
        let exercises = [exercise];
        let submission = |root: Option<&str>, problem: Option<&str>| ToGrade {
            submission: Submission {
                student: "alice".into(),
                origin: "/no/class/alice".into(),
                root: root.map(PathBuf::from),
                problem: problem.map(String::from),
                notes: Vec::new(),
            },
            hash: String::new(),
        };
        let mut class = [
            submission(None, None),
            submission(
                Some("/no/class/bora"),
                Some("is a .zip that cannot be read"),
            ),
            submission(Some("/no/such/folder"), None),
        ];
        let variants = variants(&exercises, &mut class).unwrap();
        let owners: Vec<&Owner> = variants.iter().map(|v| &v.owner).collect();
        assert_eq!(owners, [&Owner::Reference], "only the reference is built");
    }
}
