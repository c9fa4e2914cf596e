//! Shared fixtures of the checks in `tests/`: the wrong-answer collection, and the lab in which
//! stubs, solutions and wrong answers are built and tested together (once per test binary).

pub mod class;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use workbook::lab::{Built, Lab, Outcome, Variant};
use workbook::pool::default_jobs;
use workbook::repo::{Exercise, Repo};
use workbook::run::Limits;

/// A plausible wrong implementation, kept to prove that the tests reject it.
/// `wrong-answers/<exercise>/<name>.rs` replaces the solution's `src/lib.rs`; its header says
/// what the mistake is and which tests must catch it:
///
/// ```text
/// //! Wrong answer: the three calls are awaited one after another.
/// //! caught-by: exercise::takes_one_second_not_three
/// ```
#[derive(Debug, Clone)]
pub struct WrongAnswer {
    pub exercise: Exercise,
    pub name: String,
    pub file: PathBuf,
    pub mistake: String,
    /// `target::test` names that must fail.
    pub caught_by: Vec<String>,
}

impl WrongAnswer {
    /// The owner name it is built under in a lab.
    pub fn owner(&self) -> String {
        format!("wrong-{}", self.name)
    }

    pub fn variant(&self) -> Variant {
        Variant {
            owner: self.owner(),
            exercise: self.exercise.clone(),
            src: self.exercise.solution_dir.join("src"),
            lib_override: Some(self.file.clone()),
            hidden: true,
        }
    }
}

pub fn repo() -> Repo {
    Repo::of_this_build()
}

pub fn wrong_answers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("wrong-answers")
}

/// Every wrong answer, exercise by exercise, by file name.
pub fn wrong_answers() -> Result<Vec<WrongAnswer>> {
    let mut all = Vec::new();
    for exercise in repo().exercises()? {
        let dir = wrong_answers_dir().join(&exercise.name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.map(|e| Ok(e?.path())).collect::<Result<_>>()?;
        files.sort();
        for file in files {
            all.push(parse_wrong_answer(&exercise, &file)?);
        }
    }
    Ok(all)
}

fn parse_wrong_answer(exercise: &Exercise, file: &Path) -> Result<WrongAnswer> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let header = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("//! {key}:")))
            .map(str::trim)
            .with_context(|| format!("{} has no `//! {key}:` line", file.display()))
    };
    let mistake = header("Wrong answer")?.to_string();
    let caught_by: Vec<String> = header("caught-by")?
        .split(',')
        .map(|t| t.trim().to_string())
        .collect();
    if caught_by
        .iter()
        .any(|t| !t.starts_with("exercise::") && !t.starts_with("hidden::"))
    {
        bail!(
            "{}: caught-by names tests as exercise::name or hidden::name",
            file.display()
        );
    }
    let name = file
        .file_stem()
        .context("no file name")?
        .to_string_lossy()
        .into_owned();
    Ok(WrongAnswer {
        exercise: exercise.clone(),
        name,
        file: file.into(),
        mistake,
        caught_by,
    })
}

/// The variants every lab check looks at: each exercise's solution and shipped stub (with hidden
/// tests), and every wrong answer.
pub fn standard_variants() -> Result<Vec<Variant>> {
    let mut variants = Vec::new();
    for exercise in repo().exercises()? {
        for (owner, dir) in [
            ("solution", &exercise.solution_dir),
            ("stub", &exercise.dir),
        ] {
            variants.push(Variant {
                owner: owner.into(),
                exercise: exercise.clone(),
                src: dir.join("src"),
                lib_override: None,
                hidden: true,
            });
        }
    }
    variants.extend(wrong_answers()?.iter().map(WrongAnswer::variant));
    Ok(variants)
}

/// The one lab of a test run (its target directory is shared, so dependencies build once), in a
/// test binary's `CARGO_TARGET_TMPDIR`. Cargo runs test binaries one at a time, so they can share it.
pub fn lab_dir(tmp: &Path) -> PathBuf {
    tmp.join("lab")
}

/// The built and tested standard lab, shared by the tests of one binary.
pub struct StandardLab {
    pub built: Vec<Built>,
    pub outcomes: Vec<Outcome>,
}

impl StandardLab {
    pub fn outcomes_of<'a>(&'a self, owner: &'a str) -> impl Iterator<Item = &'a Outcome> + 'a {
        self.outcomes.iter().filter(move |o| o.owner == owner)
    }
}

/// Builds and tests the standard variants once, in `dir` (a test binary's `CARGO_TARGET_TMPDIR`).
pub fn standard_lab(dir: &Path) -> &'static StandardLab {
    static LAB: OnceLock<StandardLab> = OnceLock::new();
    LAB.get_or_init(|| {
        let lab = Lab::new(&repo(), &lab_dir(dir)).expect("creating the lab");
        let built = lab
            .build(&standard_variants().expect("listing variants"))
            .expect("building the lab");
        let outcomes = lab
            .test(&built, Limits::default(), default_jobs())
            .expect("running the lab's tests");
        StandardLab { built, outcomes }
    })
}
