//! A student's result, assembled from what grading found: the tests the reference solutions name,
//! the student's builds and their tests' outcomes, the points of `grading.toml`, and the flags of
//! the submission's files.

use crate::lab::{Built, Outcome, Target};
use crate::manifest::Manifest;
use crate::results::{
    Compile, ExerciseResult, SCHEMA, Status, StudentResult, TestResult, TestStatus,
};
use crate::scan;
use crate::submissions::{self, Submission};
use anyhow::{Result, bail};
use course::{Exercise, Repo};
use sandbox::Sandbox;
use sandbox::compile::TIMED_OUT;
use std::collections::BTreeMap;
use std::path::Path;

/// Each exercise's tests, in order, as the reference solutions' binaries list them: every
/// student is graded on each, built or not.
#[derive(Debug, Default)]
pub(crate) struct ReferenceTests(BTreeMap<String, Vec<(Target, String)>>);

impl ReferenceTests {
    /// The tests of the reference's builds; an error if one does not compile.
    pub(crate) fn list(reference: &[Built]) -> Result<ReferenceTests> {
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
                for test in sandbox::launch::list_tests(exe, &Sandbox::Off)? {
                    if let Some(name) = test.strip_prefix(&prefix) {
                        ids.push((target, name.to_string()));
                    }
                }
            }
            tests.insert(b.variant.exercise.name.clone(), ids);
        }
        Ok(ReferenceTests(tests))
    }

    fn of(&self, exercise: &str) -> &[(Target, String)] {
        self.0.get(exercise).map_or(&[], Vec::as_slice)
    }
}

/// What every student's result is assembled against.
pub(crate) struct Course<'a> {
    pub repo: &'a Repo,
    pub manifest: &'a Manifest,
    pub exercises: &'a [Exercise],
    pub reference: &'a ReferenceTests,
    /// Whether the tests ran in the sandbox.
    pub sandboxed: bool,
}

/// One student's grading: their submission and its content hash, their builds, their outcomes.
pub(crate) struct Work<'a> {
    pub submission: &'a Submission,
    pub hash: &'a str,
    pub built: &'a [Built],
    pub outcomes: &'a [Outcome],
}

/// The student's result, unsigned.
pub(crate) fn assemble(course: &Course, work: &Work) -> Result<StudentResult> {
    let (integrity, review, alerts) = flags(course, work.submission)?;
    let exercises: Vec<ExerciseResult> = (course.exercises.iter())
        .map(|e| exercise_result(course, work, e))
        .collect();
    Ok(StudentResult {
        schema: SCHEMA,
        student: work.submission.student.clone(),
        hash: work.hash.to_string(),
        problem: work.submission.problem.clone(),
        // A submission with a problem had nothing read from it, and nothing built.
        status: match work.submission.problem {
            Some(_) => Status::Unreadable,
            None => Status::Graded,
        },
        integrity,
        review,
        alerts,
        points: exercises.iter().map(|e| e.points).sum(),
        max_points: exercises.iter().map(|e| e.max_points).sum(),
        exercises,
        sandboxed: course.sandboxed,
        signature: None,
    })
}

/// The submission's integrity flags (its own notes first), and the scan's notes and alerts.
fn flags(
    course: &Course,
    submission: &Submission,
) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
    let mut integrity = submission.notes.clone();
    let (mut review, mut alerts) = (Vec::new(), Vec::new());
    let graded = submission
        .root
        .as_ref()
        .filter(|_| submission.problem.is_none());
    if let Some(root) = graded {
        integrity.extend(submissions::integrity_flags(course.repo, root)?);
        for e in course.exercises {
            let src = root.join(&e.name).join("src");
            let named = |f: String| format!("{}/{f}", e.name);
            review.extend(scan::scan(&src).into_iter().map(named));
            alerts.extend(scan::alerts(&src).into_iter().map(named));
        }
    }
    Ok((integrity, review, alerts))
}

fn exercise_result(course: &Course, work: &Work, e: &Exercise) -> ExerciseResult {
    let build = work
        .built
        .iter()
        .find(|b| b.variant.exercise.name == e.name);
    let compile = match build {
        None => Compile::Missing,
        Some(b) if b.compiled() => Compile::Ok,
        Some(b) if b.compile_errors.iter().any(|e| e.contains(TIMED_OUT)) => Compile::TimedOut,
        Some(_) => Compile::Failed,
    };
    let compile_errors = build
        .map(|b| compile_errors(course.repo, b, &e.hidden_test_file()))
        .unwrap_or_default();
    let tests: Vec<TestResult> = (course.reference.of(&e.name).iter())
        .map(|(target, name)| {
            let mut t = test_result(course.manifest, &e.name, *target, name, work.outcomes);
            // A panic's location names the lab's copy: show the learner's own path, as the
            // compiler's errors do.
            if let Some(b) = build {
                t.message = as_the_learner_sees_it(&t.message, course.repo, b);
            }
            t
        })
        .collect();
    ExerciseResult {
        name: e.name.clone(),
        compile,
        compile_errors,
        points: tests.iter().map(|t| t.points).sum(),
        max_points: tests.iter().map(|t| t.max_points).sum(),
        tests,
    }
}

/// One of the reference's tests, as the student's outcomes have it.
fn test_result(
    manifest: &Manifest,
    exercise: &str,
    target: Target,
    name: &str,
    outcomes: &[Outcome],
) -> TestResult {
    let max_points = manifest.points(exercise, &format!("{target}::{name}"));
    let of_exercise = |o: &&Outcome| o.exercise == exercise && o.target == target;
    let outcome = (outcomes.iter().filter(of_exercise))
        .find(|o| o.test == name)
        // The binary could not be run at all: its one outcome says why.
        .or_else(|| (outcomes.iter().filter(of_exercise)).find(|o| o.test.ends_with("(all)")));
    let (status, message, duration_ms) = match outcome {
        Some(o) => (
            TestStatus::from(o.run.status),
            o.run.message.clone(),
            o.run.duration.as_millis() as u64,
        ),
        None => (TestStatus::NotBuilt, String::new(), 0),
    };
    TestResult {
        target,
        name: name.into(),
        status,
        points: if status == TestStatus::Passed {
            max_points
        } else {
            0
        },
        max_points,
        message,
        duration_ms,
    }
}

/// The compiler's errors of a build, as the learner may read them, within the limits.
fn compile_errors(repo: &Repo, built: &Built, hidden: &Path) -> Vec<String> {
    let mut errors: Vec<String> = visible_errors(&built.compile_errors, hidden)
        .iter()
        .map(|e| as_the_learner_sees_it(e, repo, built))
        .collect();
    if errors.iter().any(|e| e.contains(DENIED)) {
        errors.push(OUT_OF_REACH.into());
    }
    capped(errors)
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
        kept.push(format!("({}{MORE_ERRORS}", total - kept.len()));
    }
    kept
}

/// How the compiler reports a file the compile sandbox keeps out of reach.
const DENIED: &str = "Permission denied (os error 13)";
/// After the errors kept, with how many were not: `(5 more compiler errors not shown: ...)`.
pub(crate) const MORE_ERRORS: &str = " more compiler errors not shown: fix the first ones first)";
/// In place of the compiler's errors that quote the hidden tests.
pub(crate) const HIDDEN_DO_NOT_COMPILE: &str = "The instructor's hidden tests do not compile against \
    this code: was a public type or signature changed?";
/// What the feedback adds to such an error.
pub(crate) const OUT_OF_REACH: &str = "While it compiles, a crate may read only its own src/ folder and its \
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
        visible.push(HIDDEN_DO_NOT_COMPILE.into());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{Owner, Variant};
    use course::libtest::{Status, TestRun};
    use std::path::PathBuf;
    use std::time::Duration;

    const EXERCISES: [&str; 3] = ["ex01-join", "ex02-sequential-vs-concurrent", "ex03-errors"];

    fn exercises() -> Vec<Exercise> {
        EXERCISES
            .map(|name| Exercise {
                name: name.into(),
                dir: Path::new("/repo/exercises").join(name),
                solution_dir: Path::new("/repo/solutions").join(name),
            })
            .to_vec()
    }

    /// ex01: two learner's tests and a hidden one; ex02 and ex03: one of each.
    fn reference() -> ReferenceTests {
        let tests = |names: &[(Target, &str)]| -> Vec<(Target, String)> {
            names.iter().map(|(t, n)| (*t, n.to_string())).collect()
        };
        let (exercise, hidden) = (Target::Exercise, Target::Hidden);
        ReferenceTests(BTreeMap::from([
            (
                EXERCISES[0].into(),
                tests(&[(exercise, "a"), (exercise, "b"), (hidden, "c")]),
            ),
            (
                EXERCISES[1].into(),
                tests(&[(exercise, "d"), (hidden, "e")]),
            ),
            (
                EXERCISES[2].into(),
                tests(&[(exercise, "f"), (hidden, "g")]),
            ),
        ]))
    }

    fn built(exercise: &Exercise, hidden_built: bool, errors: &[&str]) -> Built {
        let dir = Path::new("/lab/ws").join(format!("p-student-alice-{}", exercise.name));
        Built {
            variant: Variant {
                owner: Owner::Student("alice".into()),
                exercise: exercise.clone(),
                src: PathBuf::from("/class/alice/src"),
                lib: None,
                hidden: true,
            },
            module: "tests".into(),
            test_binary: Some(dir.join("graded")),
            hidden_binary: Some(dir.join("hidden")).filter(|_| hidden_built),
            compile_errors: errors.iter().map(|e| e.to_string()).collect(),
            dir,
        }
    }

    fn outcome(
        exercise: &str,
        target: Target,
        test: &str,
        status: Status,
        message: &str,
    ) -> Outcome {
        Outcome {
            owner: Owner::Student("alice".into()),
            exercise: exercise.into(),
            target,
            test: test.into(),
            run: TestRun {
                status,
                message: message.into(),
                duration: Duration::from_millis(7),
            },
        }
    }

    /// Alice's result: ex01 runs, but its hidden binary could not be; ex02's hidden tests do not
    /// compile; ex03 is not handed in. A hidden test of ex01 is worth 3 points, every other 1.
    fn alice() -> StudentResult {
        let (exercises, reference) = (exercises(), reference());
        let hidden_c = BTreeMap::from([("hidden::c".to_string(), 3)]);
        let manifest = Manifest {
            default: 1,
            points: BTreeMap::from([(EXERCISES[0].into(), hidden_c)]),
            timeouts: BTreeMap::new(),
        };
        let repo = Repo {
            root: "/repo".into(),
        };
        let course = Course {
            repo: &repo,
            manifest: &manifest,
            exercises: &exercises,
            reference: &reference,
            sandboxed: true,
        };
        let submission = Submission {
            student: "alice".into(),
            origin: "/class/alice".into(),
            root: None,
            problem: None,
            notes: vec!["renamed".into()],
        };
        let ex02_errors = [
            "error: --> /repo/solutions/ex02-sequential-vs-concurrent/tests/hidden.rs:3:1",
            "error: --> /lab/ws/p-student-alice-ex02-sequential-vs-concurrent/src/lib.rs:1:1",
        ];
        let built = [
            built(&exercises[0], true, &[]),
            built(&exercises[1], false, &ex02_errors),
        ];
        let (exercise, hidden) = (Target::Exercise, Target::Hidden);
        let outcomes = [
            outcome(EXERCISES[0], exercise, "a", Status::Passed, ""),
            outcome(
                EXERCISES[0],
                exercise,
                "b",
                Status::Failed,
                PANIC_IN_THE_LAB,
            ),
            outcome(EXERCISES[0], hidden, "(all)", Status::NoResult, "not run"),
            outcome(EXERCISES[1], exercise, "d", Status::Passed, ""),
        ];
        let work = Work {
            submission: &submission,
            hash: "abc",
            built: &built,
            outcomes: &outcomes,
        };
        assemble(&course, &work).unwrap()
    }

    #[test]
    fn a_result_holds_every_reference_test_built_or_not() {
        let r = alice();
        assert_eq!((r.student.as_str(), r.hash.as_str()), ("alice", "abc"));
        assert_eq!(
            (r.integrity, r.sandboxed, r.signature),
            (vec!["renamed".into()], true, None)
        );
        let verdicts: Vec<Vec<(String, TestStatus, u32, u32)>> = (r.exercises.iter())
            .map(|e| {
                (e.tests.iter())
                    .map(|t| {
                        (
                            format!("{}::{}", t.target, t.name),
                            t.status,
                            t.points,
                            t.max_points,
                        )
                    })
                    .collect()
            })
            .collect();
        let v = |id: &str, status, points, max| (id.to_string(), status, points, max);
        use TestStatus::{Failed, NoResult, NotBuilt, Passed};
        assert_eq!(
            verdicts,
            [
                vec![
                    v("exercise::a", Passed, 1, 1),
                    v("exercise::b", Failed, 0, 1),
                    v("hidden::c", NoResult, 0, 3),
                ],
                vec![
                    v("exercise::d", Passed, 1, 1),
                    v("hidden::e", NotBuilt, 0, 1)
                ],
                vec![
                    v("exercise::f", NotBuilt, 0, 1),
                    v("hidden::g", NotBuilt, 0, 1)
                ],
            ]
        );
        let compiles: Vec<Compile> = r.exercises.iter().map(|e| e.compile).collect();
        assert_eq!(compiles, [Compile::Ok, Compile::Failed, Compile::Missing]);
        assert_eq!((r.points, r.max_points), (2, 9));
        assert_eq!(
            r.exercises[0].tests[1].message,
            PANIC_AS_THE_LEARNER_SEES_IT
        );
    }

    /// A failing test as libtest prints it in the lab: the panic in the student's code is located
    /// relative to the lab's workspace, the assertion in the test file by its absolute path.
    const PANIC_IN_THE_LAB: &str = "thread 'b' panicked at p-student-alice-ex01-join/src/lib.rs:97:5:\n\
        wrong\n\
        called from /lab/ws/p-student-alice-ex01-join/src/lib.rs:3:1 and \
        /repo/exercises/ex01-join/tests/exercise.rs:12:9";
    const PANIC_AS_THE_LEARNER_SEES_IT: &str = "thread 'b' panicked at exercises/ex01-join/src/lib.rs:97:5:\n\
        wrong\n\
        called from exercises/ex01-join/src/lib.rs:3:1 and \
        exercises/ex01-join/tests/exercise.rs:12:9";

    #[test]
    fn panic_locations_name_the_learners_files_not_the_labs() {
        let message = &alice().exercises[0].tests[1].message;
        assert_eq!(message, PANIC_AS_THE_LEARNER_SEES_IT);
        for internal in ["p-student-", "/lab/", "/repo/"] {
            assert!(!message.contains(internal), "{internal} in {message}");
        }
    }

    #[test]
    fn the_learner_sees_no_hidden_test_in_the_errors_and_their_own_paths() {
        assert_eq!(
            alice().exercises[1].compile_errors,
            [
                "error: --> exercises/ex02-sequential-vs-concurrent/src/lib.rs:1:1",
                "The instructor's hidden tests do not compile against this code: was a public \
                 type or signature changed?",
            ]
        );
    }

    #[test]
    fn compiler_errors_are_capped_and_a_denied_file_is_explained() {
        let many: Vec<String> = (0..25).map(|i| format!("error {i}")).collect();
        let kept = capped(many);
        assert_eq!(kept.len(), MAX_ERRORS + 1);
        assert_eq!(
            kept[MAX_ERRORS],
            "(5 more compiler errors not shown: fix the first ones first)"
        );
        let repo = Repo {
            root: "/repo".into(),
        };
        let exercise = &exercises()[0];
        let denied = format!("error: couldn't read `/etc/shadow`: {DENIED}");
        let b = built(exercise, true, &[denied.as_str()]);
        let errors = compile_errors(&repo, &b, &exercise.hidden_test_file());
        assert_eq!(errors, [denied, OUT_OF_REACH.to_string()]);
    }
}
