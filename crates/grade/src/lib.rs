//! `workbook grade`: a class's submissions, graded against the canonical and hidden tests.
//!
//! Only each exercise's `src/` is taken from a submission; everything else comes from the
//! repository. The whole class is built in one lab (one cargo run, one dependency build), and each
//! student's tests run as soon as their binaries are built, an exercise's tests in one process (see
//! [`crate::lab::suites`]). The given code in a submission's `src/lib.rs` is put back
//! as it was handed out. A student already graded with the same submission and tests (same content
//! hash, and a result the grader signed) is skipped, so an interrupted run picks up where it stopped.

#![forbid(unsafe_code)]

pub mod bar;
pub mod exports;
pub mod given;
pub mod lab;
pub mod manifest;
pub mod message_groups;
pub mod outputs;
pub mod report;
pub mod report_html;
pub mod roster;
pub mod scan;
pub mod signature;
mod slots;
pub mod submissions;
pub mod svg;

/// The synthetic class the exports' and the report's tests share with the browser test.
#[cfg(test)]
mod sample_class;

use crate::lab::suites::{self, Binaries, Budgets, Suite};
use crate::lab::{BuildOptions, Built, CompileSandbox, Lab, Outcome, Variant};
use anyhow::{Context, Result, bail};
use course::{Exercise, Repo};
use manifest::Manifest;
use report::{Compile, ExerciseResult, StudentResult, TestResult};
use sandbox::Sandbox;
use sandbox::compile::TIMED_OUT;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Instant;
use submissions::{Submission, link_below};

pub struct Options {
    pub submissions: PathBuf,
    pub out: PathBuf,
    /// Cores to keep busy: cargo's jobs, and suites of tests at once.
    pub jobs: usize,
    pub shard: Option<Shard>,
    /// How long each exercise's tests may run (`grading.toml`'s `[timeouts]`, or `--timeout`).
    pub budgets: Budgets,
    /// The lab: its target directory is shared by every class graded with it.
    pub lab: PathBuf,
    /// Where tests run: [`Sandbox::detect`], or [`Sandbox::Off`] (`--no-sandbox`).
    pub sandbox: Sandbox,
    /// How student crates compile: required when `sandbox` is on.
    pub compile: Option<CompileSandbox>,
    /// The class report's language and the roster (`--lang`, `--roster`).
    pub reports: outputs::Settings,
}

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

/// What the progress display is told after each student.
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub result: &'a StudentResult,
    /// True when the student was graded earlier with the same content and skipped now.
    pub reused: bool,
    pub started: Instant,
}

/// What grading reports as it goes.
pub enum Update<'a> {
    /// A student is graded (or found unchanged since the last run).
    Graded(Progress<'a>),
    /// How many students' code is still being compiled, of the class's `total`.
    Building { students: usize, total: usize },
    /// This student's tests started.
    Testing { student: String },
}

/// Grades the class; returns every result and writes `results/`, `feedback/`, and from them
/// `gradebook.csv`, `report.html` and `exports/` (see [`outputs`]).
pub fn grade(
    repo: &Repo,
    opts: &Options,
    mut on_progress: impl FnMut(&Progress),
) -> Result<Vec<StudentResult>> {
    grade_with(repo, opts, |update| {
        if let Update::Graded(progress) = update {
            on_progress(&progress)
        }
    })
}

/// [`grade`], telling `on_update` what is being built and tested as well.
pub fn grade_with(
    repo: &Repo,
    opts: &Options,
    mut on_update: impl FnMut(Update),
) -> Result<Vec<StudentResult>> {
    let started = Instant::now();
    let manifest = Manifest::load(repo)?;
    let exercises = repo.exercises()?;
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("creating {}", opts.out.display()))?;
    let out = opts.out.canonicalize()?;
    let mut class = submissions::discover(repo, &opts.submissions, &out.join(".work/unpacked"))?;
    if let Some(shard) = opts.shard {
        class = class
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % shard.count == shard.index - 1)
            .map(|(_, s)| s)
            .collect();
    }
    let total = class.len();
    let key = signature::Key::of_lab(&opts.lab)?;
    let mut results = Vec::new();
    let mut to_grade = Vec::new();
    for submission in class {
        let hash = content_hash(repo, &exercises, &submission, opts.sandbox.is_on())?;
        match previous_result(&out, &submission.student, &hash, &key) {
            Some(result) => {
                results.push(result);
                let reused = results.last().expect("just pushed");
                on_update(Update::Graded(Progress {
                    done: results.len(),
                    total,
                    result: reused,
                    reused: true,
                    started,
                }));
            }
            None => to_grade.push((submission, hash)),
        }
    }

    // One lab for the class: the reference solutions (to know every test), then each submission.
    let mut lab = Lab::new(repo, &opts.lab)?;
    let _lock = lab.lock()?;
    match (&opts.compile, opts.sandbox.is_on()) {
        (Some(compile), true) => lab = lab.with_compile_sandbox(compile.clone()),
        (None, true) => bail!("the sandbox is on, but no compile sandbox was given"),
        _ => {}
    }
    if to_grade.is_empty() {
        outputs::write_all(repo, &out, &opts.reports, opts.shard.is_none())?;
        results.sort_by(|a, b| a.student.cmp(&b.student));
        return Ok(results);
    }
    let mut variants: Vec<Variant> = exercises
        .iter()
        .map(|e| Variant {
            owner: REFERENCE.into(),
            exercise: e.clone(),
            src: e.solution_dir.join("src"),
            lib: None,
            hidden: true,
        })
        .collect();
    for (submission, _) in &mut to_grade {
        let Some(root) = submission
            .root
            .clone()
            .filter(|_| submission.problem.is_none())
        else {
            continue;
        };
        for e in exercises
            .iter()
            .filter(|e| root.join(&e.name).join("src").is_dir())
        {
            let src = root.join(&e.name).join("src");
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
                owner: owner_of(&submission.student),
                exercise: e.clone(),
                src,
                lib: restored.text,
                hidden: true,
            });
        }
    }

    // Cargo builds the class on one thread; each student's tests run the moment their binaries
    // are built, while cargo goes on with the others.
    let (events, inbox) = mpsc::channel::<Event>();
    let (jobs_in, jobs_out) = mpsc::channel::<Suite>();
    let binaries = Binaries::default();
    let mut building: BTreeMap<String, usize> = to_grade
        .iter()
        .map(|(s, _)| (owner_of(&s.student), 0))
        .collect();
    let mut graded: BTreeMap<String, Student> = BTreeMap::new();
    let mut reference: Option<BTreeMap<String, Vec<String>>> = None;
    let mut failure = None;
    let lab_ref = &lab;
    std::thread::scope(|scope| -> Result<()> {
        // Dropped on every way out, so the workers stop.
        let jobs_in = jobs_in;
        let builder_events = events.clone();
        let (lab, variants) = (&*lab_ref, &variants);
        scope.spawn(move || {
            // A panic must still end the class: the loop below waits for BuildFinished.
            let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let options = BuildOptions {
                    prepare: Some(sandbox::priority::lower_priority),
                    ..BuildOptions::default()
                };
                lab.build_streaming(variants, options, |owner| {
                    let _ = builder_events.send(Event::Built(owner));
                })
            }))
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the lab's build panicked")));
            let _ = builder_events.send(Event::BuildFinished(built.err()));
        });
        // A suite starts when fewer than `jobs` others are in their first second: by then the
        // tests on the paused clock are done, or failed on their own 1 s deadline, and what still
        // runs waits (real sockets, or a hang) and keeps no core from the next suite.
        let (tested, binaries) = (events.clone(), &binaries);
        scope.spawn(move || {
            let slots = crate::slots::Slots::new(
                opts.jobs,
                SUITES_AT_MOST_PER_JOB * opts.jobs,
                SUITE_SETTLES,
            );
            let slots = &slots;
            std::thread::scope(|running| {
                for suite in jobs_out {
                    let slot = slots.take();
                    let tested = tested.clone();
                    running.spawn(move || {
                        // A panic still counts the suite as done, or grading would wait forever.
                        let outcomes =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                suites::run(lab_ref, &suite, &opts.budgets, &opts.sandbox, binaries)
                            }))
                            .unwrap_or_default();
                        drop(slot);
                        let owner = suite.built.variant.owner.clone();
                        let _ = tested.send(Event::Tested(owner, outcomes));
                    });
                }
            });
        });
        drop(events);
        let mut build_finished = false;
        let finish = |owner: &str, student: Student, reference: &BTreeMap<String, Vec<String>>| {
            let (submission, hash) = to_grade
                .iter()
                .find(|(s, _)| owner_of(&s.student) == owner)
                .expect("every owner is a student");
            let mut result = assemble(
                repo,
                &manifest,
                &exercises,
                reference,
                submission,
                hash.clone(),
                &student.built,
                &student.outcomes,
            )?;
            result.sandboxed = opts.sandbox.is_on();
            result.signature = Some(key.sign(&result)?);
            let file = file_name(&result.student);
            course::files::write_atomic(
                &out.join("results").join(format!("{file}.json")),
                &serde_json::to_string_pretty(&result)?,
            )?;
            course::files::write_atomic(
                &out.join("feedback").join(format!("{file}.md")),
                &report::feedback_md(&result),
            )?;
            anyhow::Ok(result)
        };
        // Students with nothing to build (a broken zip, no exercise folder) are done at once.
        for (submission, _) in &to_grade {
            let owner = owner_of(&submission.student);
            if !variants.iter().any(|v| v.owner == owner) {
                building.remove(&owner);
                graded.insert(owner, Student::default());
            }
        }
        on_update(Update::Building {
            students: building.len(),
            total,
        });
        while !build_finished
            || graded.values().any(|s| s.suites_left > 0)
            || reference.is_none() && !graded.is_empty()
        {
            let Ok(event) = inbox.recv() else { break };
            match event {
                Event::Built(built) => {
                    let owner = built[0].variant.owner.clone();
                    if owner == REFERENCE {
                        reference = Some(reference_tests(&built)?);
                    } else {
                        let suites = suites::suites(&built);
                        building.remove(&owner);
                        on_update(Update::Building {
                            students: building.len(),
                            total,
                        });
                        on_update(Update::Testing {
                            student: student_of(&owner).to_string(),
                        });
                        let student = graded.entry(owner).or_default();
                        student.suites_left += suites.len();
                        student.built.extend(built);
                        for suite in suites {
                            jobs_in.send(suite).expect("the workers wait for jobs");
                        }
                    }
                }
                Event::Tested(owner, outcomes) => {
                    let student = graded.get_mut(&owner).expect("a student being tested");
                    student.suites_left -= 1;
                    student.outcomes.extend(outcomes);
                }
                Event::BuildFinished(error) => {
                    build_finished = true;
                    if let Some(error) = error {
                        failure = Some(error);
                        break;
                    }
                }
            }
            if let Some(reference) = &reference {
                let done: Vec<String> = graded
                    .iter()
                    .filter(|(o, s)| s.suites_left == 0 && !building.contains_key(*o))
                    .map(|(o, _)| o.clone())
                    .collect();
                for owner in done {
                    let student = graded.remove(&owner).expect("listed just now");
                    results.push(finish(&owner, student, reference)?);
                    on_update(Update::Graded(Progress {
                        done: results.len(),
                        total,
                        result: results.last().expect("just pushed"),
                        reused: false,
                        started,
                    }));
                }
            }
        }
        drop(jobs_in);
        Ok(())
    })?;
    if let Some(error) = failure {
        return Err(error);
    }
    outputs::write_all(repo, &out, &opts.reports, opts.shard.is_none())?;
    results.sort_by(|a, b| a.student.cmp(&b.student));
    Ok(results)
}

/// How long a suite counts against the cores (see [`pool::Slots`]).
const SUITE_SETTLES: std::time::Duration = std::time::Duration::from_secs(1);
/// Suites that may run at once, settled or not, per job: a bound on the load and the memory they
/// may put on the machine (more made the fairness checks' spinning suites miss their own
/// deadlines), while a student whose every suite hangs still leaves room for others.
const SUITES_AT_MOST_PER_JOB: usize = 3;

/// The lab's owner of the reference solutions; students' are `student:<name>`, never this.
const REFERENCE: &str = "reference";

fn owner_of(student: &str) -> String {
    format!("student:{student}")
}

fn student_of(owner: &str) -> &str {
    owner.strip_prefix("student:").unwrap_or(owner)
}

/// What the grader hears while grading.
enum Event {
    /// A student's (or the reference's) binaries are built, or known not to build.
    Built(Vec<Built>),
    /// One suite of a student ran.
    Tested(String, Vec<Outcome>),
    /// Cargo is done with the whole class (or failed as a whole).
    BuildFinished(Option<anyhow::Error>),
}

/// One student while being graded.
#[derive(Default)]
struct Student {
    built: Vec<Built>,
    outcomes: Vec<Outcome>,
    suites_left: usize,
}

/// `workbook merge`: the results and feedback of several shard outputs, in one gradebook, class
/// report and set of exports. Results are copied as they are, signatures included: they were
/// signed with other labs' keys, so a `grade` run into the merged folder grades everyone again
/// rather than trust them.
pub fn merge(
    repo: &Repo,
    shards: &[PathBuf],
    out: &Path,
    reports: &outputs::Settings,
) -> Result<usize> {
    let mut count = 0;
    for shard in shards {
        for result in report::read_results(shard)? {
            let file = file_name(&result.student);
            course::files::write_atomic(
                &out.join("results").join(format!("{file}.json")),
                &serde_json::to_string_pretty(&result)?,
            )?;
            let feedback =
                std::fs::read_to_string(shard.join("feedback").join(format!("{file}.md")))
                    .unwrap_or_else(|_| report::feedback_md(&result));
            course::files::write_atomic(
                &out.join("feedback").join(format!("{file}.md")),
                &feedback,
            )?;
            count += 1;
        }
    }
    if count == 0 {
        bail!(
            "no results/*.json in {shards:?}: are these the --out folders of `workbook grade --shard`?"
        );
    }
    outputs::write_all(repo, out, reports, true)?;
    Ok(count)
}

/// Each exercise's tests, `target::name` in order, from the reference solutions.
fn reference_tests(reference: &[Built]) -> Result<BTreeMap<String, Vec<String>>> {
    let mut tests = BTreeMap::new();
    for b in reference {
        if !b.compiled() {
            bail!(
                "the reference solution of {} does not compile:\n{}",
                b.variant.exercise.name,
                b.compile_errors.join("\n")
            );
        }
        // The reference is the instructor's own code: it runs as it is.
        let mut ids = Vec::new();
        let prefix = format!("{}::", b.module);
        for (target, exe) in b.binaries() {
            let target = if target == crate::lab::GRADED {
                "exercise"
            } else {
                "hidden"
            };
            for test in sandbox::launch::list_tests(exe, &Sandbox::Off)? {
                if let Some(name) = test.strip_prefix(&prefix) {
                    ids.push(format!("{target}::{name}"));
                }
            }
        }
        tests.insert(b.variant.exercise.name.clone(), ids);
    }
    Ok(tests)
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    repo: &Repo,
    manifest: &Manifest,
    exercises: &[Exercise],
    reference: &BTreeMap<String, Vec<String>>,
    submission: &Submission,
    hash: String,
    built: &[Built],
    outcomes: &[Outcome],
) -> Result<StudentResult> {
    let mut integrity = submission.notes.clone();
    let mut review = Vec::new();
    let mut alerts = Vec::new();
    if let Some(root) = submission
        .root
        .as_ref()
        .filter(|_| submission.problem.is_none())
    {
        integrity.extend(submissions::integrity_flags(repo, root)?);
        for e in exercises {
            let src = root.join(&e.name).join("src");
            let named = |f: String| format!("{}/{f}", e.name);
            review.extend(scan::scan(&src).into_iter().map(named));
            alerts.extend(scan::alerts(&src).into_iter().map(named));
        }
    }
    let mut results = Vec::new();
    for e in exercises {
        let build = built.iter().find(|b| b.variant.exercise.name == e.name);
        let compile = match build {
            None => Compile::Missing,
            Some(b) if b.compiled() => Compile::Ok,
            Some(b) if b.compile_errors.iter().any(|e| e.contains(TIMED_OUT)) => Compile::TimedOut,
            Some(_) => Compile::Failed,
        };
        let hidden_path = e.hidden_test_file();
        let compile_errors = build
            .map(|b| {
                let mut errors: Vec<String> = visible_errors(&b.compile_errors, &hidden_path)
                    .iter()
                    .map(|e| as_the_learner_sees_it(e, repo, b))
                    .collect();
                if errors.iter().any(|e| e.contains(DENIED)) {
                    errors.push(OUT_OF_REACH.into());
                }
                capped(errors)
            })
            .unwrap_or_default();
        let tests: Vec<TestResult> = reference[&e.name]
            .iter()
            .map(|id| {
                let (target, name) = id.split_once("::").expect("target::name");
                let max_points = manifest.points(&e.name, id);
                let outcome = outcomes
                    .iter()
                    .find(|o| o.exercise == e.name && &o.id() == id)
                    .or_else(|| {
                        // The binary could not be run at all: its one outcome says why.
                        outcomes.iter().find(|o| {
                            o.exercise == e.name && o.target == target && o.test.ends_with("(all)")
                        })
                    });
                let (status, message, duration_ms) = match outcome {
                    Some(o) => (
                        serde_json::to_value(o.run.status)?
                            .as_str()
                            .unwrap_or("failed")
                            .to_string(),
                        o.run.message.clone(),
                        o.run.duration.as_millis() as u64,
                    ),
                    None => ("not_built".to_string(), String::new(), 0),
                };
                let points = if status == "passed" { max_points } else { 0 };
                Ok(TestResult {
                    target: target.into(),
                    name: name.into(),
                    status,
                    points,
                    max_points,
                    message,
                    duration_ms,
                })
            })
            .collect::<Result<_>>()?;
        results.push(ExerciseResult {
            name: e.name.clone(),
            compile,
            compile_errors,
            points: tests.iter().map(|t| t.points).sum(),
            max_points: tests.iter().map(|t| t.max_points).sum(),
            tests,
        });
    }
    Ok(StudentResult {
        schema: report::SCHEMA,
        student: submission.student.clone(),
        hash,
        problem: submission.problem.clone(),
        integrity,
        review,
        alerts,
        points: results.iter().map(|e| e.points).sum(),
        max_points: results.iter().map(|e| e.max_points).sum(),
        exercises: results,
        // Set by the caller, who knows how the tests ran.
        sandboxed: false,
        signature: None,
    })
}

/// At most this many compiler errors are kept per exercise, and at most this much text.
const MAX_ERRORS: usize = 20;
const MAX_ERROR_BYTES: usize = 64 * 1024;

/// The first errors, as many as fit the limits, and a line that says how many were left out.
fn capped(errors: Vec<String>) -> Vec<String> {
    let total = errors.len();
    let mut kept = Vec::new();
    let mut bytes = 0;
    for error in errors {
        bytes += error.len();
        if kept.len() == MAX_ERRORS || bytes > MAX_ERROR_BYTES {
            break;
        }
        kept.push(error);
    }
    if kept.len() < total {
        kept.push(format!(
            "({} more compiler errors not shown: fix the first ones first)",
            total - kept.len()
        ));
    }
    kept
}

/// How the compiler reports a file the compile sandbox keeps out of reach.
const DENIED: &str = "Permission denied (os error 13)";
/// What the feedback adds to such an error.
const OUT_OF_REACH: &str = "While it compiles, a crate may read only its own src/ folder and its \
    dependencies: include!, include_str!, #[path] and extern crate cannot reach other files.";

/// Compiler messages a learner may see: one that quotes the hidden tests is replaced by a note.
fn visible_errors(errors: &[String], hidden: &Path) -> Vec<String> {
    // By file name: rustc may print the path absolute or relative.
    let hidden = hidden.file_name().unwrap_or_default().to_string_lossy();
    let mut visible: Vec<String> = errors
        .iter()
        .filter(|e| !e.contains(hidden.as_ref()))
        .cloned()
        .collect();
    if visible.len() < errors.len() {
        visible.push(
            "The instructor's hidden tests do not compile against this code: was a public type or signature changed?"
                .into(),
        );
    }
    visible
}

/// A compiler message with the paths of the learner's own copy (`exercises/ex01-join/src/lib.rs`),
/// not the grader's folders.
fn as_the_learner_sees_it(message: &str, repo: &Repo, built: &Built) -> String {
    let lab_folder = built
        .dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let exercise = &built.variant.exercise.name;
    message
        .replace(&format!("{}/", repo.root.display()), "")
        .replace(
            &format!("{}/", built.dir.display()),
            &format!("exercises/{exercise}/"),
        )
        .replace(&format!("{lab_folder}/"), &format!("exercises/{exercise}/"))
}

/// The hash that decides whether a student must be graded again: their code, the tests, the points.
fn content_hash(
    repo: &Repo,
    exercises: &[Exercise],
    submission: &Submission,
    sandboxed: bool,
) -> Result<String> {
    let mut hash = Sha256::new();
    hash.update(format!(
        "schema {}\nsandboxed {sandboxed}\n",
        report::SCHEMA
    ));
    hash.update(grader_fingerprint());
    hash.update(std::fs::read(Manifest::path(repo))?);
    hash.update(submission.problem.as_deref().unwrap_or("").as_bytes());
    for e in exercises {
        hash.update(e.name.as_bytes());
        hash.update(std::fs::read(e.dir.join("src/lib.rs"))?);
        hash.update(std::fs::read(e.test_file())?);
        hash.update(std::fs::read(e.hidden_test_file())?);
        hash.update(std::fs::read(e.solution_dir.join("Cargo.toml"))?);
        if let Some(root) = &submission.root {
            let src = root.join(&e.name).join("src");
            for file in submissions::files_under(&src) {
                hash.update(file.display().to_string().as_bytes());
                hash.update(submissions::read_submitted(&src.join(&file)).unwrap_or_default());
            }
            for file in ["Cargo.toml", "tests/exercise.rs"] {
                hash.update(
                    submissions::read_submitted(&root.join(&e.name).join(file)).unwrap_or_default(),
                );
            }
        }
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The grader itself: a new build of it grades everyone again.
fn grader_fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        Sha256::digest(exe)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

/// The student's earlier result, if it is for the same content and verifiably the grader's own.
fn previous_result(
    out: &Path,
    student: &str,
    hash: &str,
    key: &signature::Key,
) -> Option<StudentResult> {
    let path = out
        .join("results")
        .join(format!("{}.json", file_name(student)));
    let result: StudentResult = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    (result.hash == hash && result.schema == report::SCHEMA && key.verifies(&result))
        .then_some(result)
}

/// A student's name as a file name, one to one: letters and digits of any script, `-`, `_` and `.`
/// (but not a leading `.`) are kept; every other byte is percent-encoded, `%` included.
pub fn file_name(student: &str) -> String {
    let mut name = String::new();
    for (i, c) in student.char_indices() {
        if c.is_alphanumeric() || c == '-' || c == '_' || (c == '.' && i > 0) {
            name.push(c);
        } else {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                name.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_keep_letters_and_encode_the_rest() {
        assert_eq!(file_name("김영희-2_b.c"), "김영희-2_b.c");
        assert_eq!(file_name("n x"), "n%20x");
        assert_eq!(file_name("a/b"), "a%2Fb");
        assert_eq!(file_name("100%"), "100%25");
        assert_eq!(file_name(".hidden"), "%2Ehidden");
        assert_eq!(file_name("odd-\u{fffd}"), "odd-%EF%BF%BD");
    }

    #[test]
    fn different_names_never_share_a_file() {
        let names = [
            "n x", "n_x", "n-x", "n.x", "n%20x", "n%x", "a/b", "a_b", "a%2Fb", ".x", "%2Ex", "x",
            "ñ", "n\u{303}",
        ];
        let files: std::collections::BTreeSet<String> =
            names.iter().map(|n| file_name(n)).collect();
        assert_eq!(files.len(), names.len(), "{files:?}");
    }
}
