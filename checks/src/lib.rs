//! Shared fixtures of the checks in `tests/`: the wrong-answer collection, and the lab in which
//! stubs, solutions and wrong answers are built and tested together (once per test binary), by
//! the scheduler `workbook grade` uses.

pub mod class;

use anyhow::{Context, Result, bail};
use course::libtest::Limits;
use course::pool::default_jobs;
use course::{Exercise, Repo};
use grade::lab::{Built, CompileSandbox, Lab, Outcome, Owner, Variant};
use grade::schedule::{Scheduled, Testing, build_and_test};
use sandbox::Sandbox;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A plausible wrong implementation, kept to prove that the tests reject it.
/// `wrong-answers/<exercise>/<name>.rs` holds only what differs from the solution: each changed
/// function, under the name of its anchor in the solution's `src/lib.rs`. Its header says what the
/// mistake is, which tests must catch it, and a cue: words that the failure message of at least
/// one of the learner's tests named must contain, because they name the mistake:
///
/// ```text
/// //! Wrong answer: the three calls are awaited one after another.
/// //! caught-by: exercise::takes_one_second_not_three
/// //! cue: one after another
///
/// // REPLACES: fetch_all
/// pub async fn fetch_all() -> (Users, Products, Orders) { ... }
/// // END: fetch_all
/// ```
#[derive(Debug, Clone)]
pub struct WrongAnswer {
    pub exercise: Exercise,
    pub name: String,
    pub file: PathBuf,
    pub mistake: String,
    /// `target::test` names that must fail.
    pub caught_by: Vec<String>,
    /// What a catching learner test's message must say.
    pub cue: String,
}

impl WrongAnswer {
    /// The owner it is built under in a lab: `wrong-<name>`.
    pub fn owner(&self) -> Owner {
        version(&format!("wrong-{}", self.name))
    }

    pub fn variant(&self) -> Result<Variant> {
        Ok(Variant {
            owner: self.owner(),
            exercise: self.exercise.clone(),
            src: self.exercise.solution_dir.join("src"),
            lib: Some(spliced_lib(&self.exercise, &self.file)?),
            hidden: true,
        })
    }
}

pub fn repo() -> Repo {
    Repo::of_this_build()
}

/// The owner of a version the checks build: `solution`, `stub`, `wrong-<name>`.
pub fn version(name: &str) -> Owner {
    Owner::Version(name.into())
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
    let cue = header("cue")?.to_string();
    if cue.is_empty() {
        bail!("{}: the cue is empty", file.display());
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
        cue,
    })
}

/// The solution's `src/lib.rs` with the regions that `changes` (a wrong answer or a misbehaviour)
/// replaces: each `// REPLACES: name` ... `// END: name` block takes the place of the lines between
/// `// ANCHOR: name` and `// ANCHOR_END: name`.
pub fn spliced_lib(exercise: &Exercise, changes: &Path) -> Result<String> {
    let solution = std::fs::read_to_string(exercise.solution_dir.join("src/lib.rs"))?;
    // An attack may name the repository's absolute path, as a real attacker would find it.
    let changes = std::fs::read_to_string(changes)
        .with_context(|| format!("reading {}", changes.display()))?
        .replace("@REPO@", &repo().root.display().to_string());
    let mut lines: Vec<&str> = solution.lines().collect();
    let mut replaced = 0;
    let mut rest = changes.as_str();
    while let Some(start) = rest.find("// REPLACES: ") {
        let after = &rest[start + "// REPLACES: ".len()..];
        let name = after.lines().next().unwrap_or("").trim();
        let end_marker = format!("// END: {name}");
        let body_start = after.find('\n').map_or(after.len(), |i| i + 1);
        let body_len = after[body_start..]
            .find(&end_marker)
            .with_context(|| format!("no `{end_marker}`"))?;
        let body: Vec<&str> = after[body_start..body_start + body_len]
            .trim_end_matches('\n')
            .lines()
            .collect();
        let anchor = |marker: String| lines.iter().position(|l| l.trim_end().ends_with(&marker));
        let (Some(open), Some(close)) = (
            anchor(format!("ANCHOR: {name}")),
            anchor(format!("ANCHOR_END: {name}")),
        ) else {
            bail!(
                "the solution of {} has no anchor `{name}` to replace",
                exercise.name
            );
        };
        lines.splice(open + 1..close, body);
        replaced += 1;
        rest = &after[body_start + body_len + end_marker.len()..];
    }
    if replaced == 0 {
        bail!("it replaces nothing: add `// REPLACES: <anchor>` ... `// END: <anchor>`");
    }
    Ok(lines.join("\n") + "\n")
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
                owner: version(owner),
                exercise: exercise.clone(),
                src: dir.join("src"),
                lib: None,
                hidden: true,
            });
        }
    }
    for wrong in wrong_answers()? {
        variants.push(wrong.variant()?);
    }
    Ok(variants)
}

/// The grading sandbox as the checks use it: bubblewrap and Landlock, with the checks' own
/// compile wrapper (`env!("CARGO_BIN_EXE_lab-rustc")`). Fails, never skips, where the machine
/// cannot sandbox.
pub fn grading_sandbox(
    wrapper: &str,
    compile_timeout: std::time::Duration,
) -> (Sandbox, CompileSandbox) {
    let sandbox = Sandbox::detect().expect(
        "grading must be tested in its sandbox: install bubblewrap and allow user namespaces",
    );
    // As root (CI), the fork bomb and the memory hogs must meet their control groups.
    assert!(
        !sandbox::limits::running_as_root() || sandbox::cgroup::Cgroup::available(),
        "running as root, but no control group can be made under /sys/fs/cgroup"
    );
    let compile = CompileSandbox {
        wrapper: PathBuf::from(wrapper),
        timeout: compile_timeout,
    };
    (sandbox, compile)
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
    pub fn outcomes_of<'a>(&'a self, owner: &'a Owner) -> impl Iterator<Item = &'a Outcome> + 'a {
        self.outcomes.iter().filter(move |o| &o.owner == owner)
    }
}

/// The time budgets grading uses: `grading.toml`'s `[timeouts]`.
pub fn budgets() -> grade::lab::suites::Budgets {
    grade::manifest::Manifest::load(&repo())
        .expect("solutions/grading.toml")
        .budgets(Limits::default(), None)
}

/// Builds and tests the standard variants once, in `dir` (a test binary's `CARGO_TARGET_TMPDIR`),
/// as `workbook grade` builds and tests a class.
pub fn standard_lab(dir: &Path) -> &'static StandardLab {
    static LAB: OnceLock<StandardLab> = OnceLock::new();
    LAB.get_or_init(|| {
        let lab = Lab::new(&repo(), &lab_dir(dir)).expect("creating the lab");
        let _lock = lab.lock().expect("locking the lab");
        let variants = standard_variants().expect("listing variants");
        let budgets = budgets();
        let testing = Testing {
            jobs: default_jobs(),
            budgets: &budgets,
            sandbox: &Sandbox::Off,
        };
        let (mut built, mut outcomes) = (Vec::new(), Vec::new());
        build_and_test(&lab, &variants, &testing, |scheduled| {
            if let Scheduled::Tested(tested) = scheduled {
                built.extend(tested.built);
                outcomes.extend(tested.outcomes);
            }
            Ok(())
        })
        .expect("building and testing the lab");
        outcomes.sort_by(|a: &Outcome, b| {
            (&a.owner, &a.exercise, a.id()).cmp(&(&b.owner, &b.exercise, b.id()))
        });
        StandardLab { built, outcomes }
    })
}
