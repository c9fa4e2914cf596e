//! `workbook grade` on a class built from the solutions, the stubs, the wrong answers and
//! misbehaving code: correct work gets full marks, each misbehaviour gets its status and no points,
//! bad input is reported per student, hidden-test code never reaches feedback, and reruns resume.

use checks::class::{Work, misbehaviours, write_submission, zip_folder};
use checks::{lab_dir, repo, wrong_answers};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;
use workbook::grade::report::{Compile, StudentResult};
use workbook::grade::{Options, Shard, grade, merge};
use workbook::repo::Exercise;
use workbook::run::Limits;

fn tmp() -> &'static Path {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
}

fn options(submissions: &Path, out: &Path) -> Options {
    Options {
        submissions: submissions.into(),
        out: out.into(),
        jobs: workbook::pool::default_jobs(),
        shard: None,
        limits: Limits {
            timeout: Duration::from_secs(3),
            ..Limits::default()
        },
        lab: lab_dir(tmp()),
    }
}

fn exercise(name: &str) -> Exercise {
    repo().exercise(name).unwrap()
}

fn all(work: Work) -> Vec<(Exercise, Work)> {
    repo()
        .exercises()
        .unwrap()
        .into_iter()
        .map(|e| (e, work.clone()))
        .collect()
}

struct Graded {
    class: PathBuf,
    out: PathBuf,
    results: Vec<StudentResult>,
}

/// The class, graded once for this test binary.
fn graded() -> &'static Graded {
    static GRADED: OnceLock<Graded> = OnceLock::new();
    GRADED.get_or_init(|| {
        let class = tmp().join("class");
        let out = tmp().join("graded");
        let _ = std::fs::remove_dir_all(&class);
        let _ = std::fs::remove_dir_all(&out);
        let repo = repo();
        write_submission(&repo, &class, "alice", &all(Work::Solution)).unwrap();
        let bora =
            write_submission(&repo, &tmp().join("zips"), "bora", &all(Work::Solution)).unwrap();
        zip_folder(&bora, &class.join("bora.zip")).unwrap();
        write_submission(&repo, &class, "chul", &all(Work::Stub)).unwrap();
        let dana = vec![
            (exercise("ex01-join"), Work::Broken),
            (exercise("ex03-errors"), Work::Solution),
        ];
        write_submission(&repo, &class, "dana", &dana).unwrap();
        // Wrong answers: student wrong-k hands in the k-th wrong answer of every exercise that has one.
        let wrong = wrong_answers().unwrap();
        for k in 0.. {
            let work: Vec<_> = repo
                .exercises()
                .unwrap()
                .into_iter()
                .filter_map(|e| {
                    let mine: Vec<_> = wrong.iter().filter(|w| w.exercise.name == e.name).collect();
                    mine.get(k).map(|w| (e.clone(), Work::Lib(w.file.clone())))
                })
                .collect();
            if work.is_empty() {
                break;
            }
            write_submission(&repo, &class, &format!("wrong-{k}"), &work).unwrap();
        }
        for m in misbehaviours().unwrap() {
            let work = vec![(exercise(&m.exercise), Work::Lib(m.file.clone()))];
            write_submission(&repo, &class, &format!("mis-{}", m.name), &work).unwrap();
        }
        // Tampering: passing tests written over the real ones, a build script, a changed manifest.
        let tampered = vec![(exercise("ex01-join"), Work::Stub)];
        let folder = write_submission(&repo, &class, "tampered", &tampered).unwrap();
        let crate_dir = folder.join("exercises/ex01-join");
        std::fs::write(
            crate_dir.join("tests/exercise.rs"),
            "#[test]\nfn takes_one_second_not_three() {}\n",
        )
        .unwrap();
        std::fs::write(crate_dir.join("build.rs"), "fn main() {}\n").unwrap();
        std::fs::write(
            crate_dir.join("Cargo.toml"),
            "[package]\nname = \"ex01-join\"\n",
        )
        .unwrap();
        // A changed signature: the learner's tests and the hidden ones no longer compile against it,
        // and rustc would quote the hidden tests' code in its errors.
        let changed = tmp().join("changed-signature.rs");
        std::fs::write(
            &changed,
            "// REPLACES: fetch_all\npub async fn fetch_all() -> Vec<String> {\n    Vec::new()\n}\n// END: fetch_all\n",
        )
        .unwrap();
        write_submission(&repo, &class, "resigned", &[(exercise("ex01-join"), Work::Lib(changed))]).unwrap();
        // Only the hidden tests break: the given types lose `Serialize`, which just the hidden
        // JSON test needs. The learner's own tests must still run and count.
        let solution = std::fs::read_to_string(exercise("ex01-join").solution_dir.join("src/lib.rs")).unwrap();
        let given = solution.split("// ANCHOR: given\n").nth(1).unwrap().split("// ANCHOR_END: given").next().unwrap();
        let unserialisable = tmp().join("unserialisable.rs");
        let without = given.replace(", Serialize)]", ")]");
        std::fs::write(&unserialisable, format!("// REPLACES: given\n{without}// END: given\n")).unwrap();
        write_submission(&repo, &class, "no-serde", &[(exercise("ex01-join"), Work::Lib(unserialisable))]).unwrap();
        // Bad input.
        std::fs::write(class.join("broken.zip"), b"this is not a zip").unwrap();
        std::fs::create_dir_all(class.join("no-layout")).unwrap();
        std::fs::write(class.join("no-layout/README.txt"), "I forgot my code").unwrap();
        let outside = tmp().join("outside-the-class");
        write_submission(&repo, tmp(), "outside-the-class", &all(Work::Solution)).unwrap();
        let _ = std::fs::remove_file(class.join("link-out"));
        std::os::unix::fs::symlink(&outside, class.join("link-out")).unwrap();
        let odd = write_submission(
            &repo,
            &class,
            "odd",
            &[(exercise("ex01-join"), Work::Solution)],
        )
        .unwrap();
        let odd_name: &std::ffi::OsStr = std::os::unix::ffi::OsStrExt::from_bytes(b"odd-\xffname");
        std::fs::rename(odd, class.join(odd_name)).unwrap();

        let results = grade(&repo, &options(&class, &out), |_| {}).expect("grading the class");
        Graded {
            class,
            out,
            results,
        }
    })
}

fn student(name: &str) -> &'static StudentResult {
    let graded = graded();
    graded
        .results
        .iter()
        .find(|r| r.student == name)
        .unwrap_or_else(|| panic!("{name} was not graded"))
}

#[test]
fn correct_work_gets_full_marks_from_a_folder_or_a_zip() {
    for name in ["alice", "bora"] {
        let r = student(name);
        assert!(r.max_points > 0);
        let lost: Vec<String> = r
            .exercises
            .iter()
            .flat_map(|e| {
                e.tests
                    .iter()
                    .filter(|t| t.points < t.max_points)
                    .map(move |t| format!("{} {}: {} {}", e.name, t.name, t.status, t.message))
            })
            .collect();
        assert_eq!(
            r.points,
            r.max_points,
            "{name} lost points:\n{}",
            lost.join("\n")
        );
        assert!(
            r.integrity.is_empty() && r.problem.is_none(),
            "{name}: {:?} {:?}",
            r.integrity,
            r.problem
        );
    }
}

#[test]
fn the_shipped_stubs_get_nothing() {
    let r = student("chul");
    assert_eq!(r.points, 0);
    assert!(r.exercises.iter().all(|e| e.compile == Compile::Ok));
}

#[test]
fn code_that_does_not_compile_costs_only_its_exercise() {
    let r = student("dana");
    let ex01 = r.exercises.iter().find(|e| e.name == "ex01-join").unwrap();
    assert_eq!(ex01.compile, Compile::Failed);
    assert_eq!(ex01.points, 0);
    let errors = ex01.compile_errors.join("\n");
    assert!(
        errors.contains("--> exercises/ex01-join/src/lib.rs"),
        "the compiler's message is kept, with the learner's paths: {errors}"
    );
    let ex03 = r
        .exercises
        .iter()
        .find(|e| e.name == "ex03-errors")
        .unwrap();
    assert_eq!(ex03.points, ex03.max_points, "ex03 compiles and is right");
    let ex02 = r
        .exercises
        .iter()
        .find(|e| e.name == "ex02-sequential-vs-concurrent")
        .unwrap();
    assert_eq!(ex02.compile, Compile::Missing);
}

#[test]
fn every_wrong_answer_loses_the_points_of_the_tests_that_catch_it() {
    let wrong = wrong_answers().unwrap();
    for r in graded()
        .results
        .iter()
        .filter(|r| r.student.starts_with("wrong-"))
    {
        let k: usize = r.student["wrong-".len()..].parse().unwrap();
        for e in r.exercises.iter().filter(|e| e.compile != Compile::Missing) {
            let answer = wrong
                .iter()
                .filter(|w| w.exercise.name == e.name)
                .nth(k)
                .unwrap();
            for caught in &answer.caught_by {
                let t = e
                    .tests
                    .iter()
                    .find(|t| &format!("{}::{}", t.target, t.name) == caught)
                    .unwrap();
                // Failed, or timed out under the grader's limit: either way, no points.
                assert!(
                    t.status != "passed" && t.points == 0,
                    "{} {}: {caught} {}",
                    r.student,
                    answer.name,
                    t.status
                );
            }
        }
    }
}

#[test]
fn each_misbehaviour_gets_its_status_and_no_points() {
    for m in misbehaviours().unwrap() {
        let r = student(&format!("mis-{}", m.name));
        let e = r.exercises.iter().find(|e| e.name == m.exercise).unwrap();
        for t in &e.tests {
            assert_eq!(
                (t.status.as_str(), t.points),
                (m.status.as_str(), 0),
                "{}: {} {}",
                m.name,
                t.name,
                t.message
            );
        }
    }
    let exits = student("mis-exits-early");
    assert!(
        exits.review.iter().any(|f| f.contains("process::exit")),
        "the scan flags process::exit: {:?}",
        exits.review
    );
}

#[test]
fn tampered_tests_and_manifests_are_flagged_and_never_used() {
    let r = student("tampered");
    assert_eq!(r.points, 0, "the stub scored with the original tests");
    for file in [
        "ex01-join/tests/exercise.rs was changed",
        "ex01-join/build.rs was added",
        "ex01-join/Cargo.toml was changed",
    ] {
        assert!(
            r.integrity.iter().any(|f| f.contains(file)),
            "no flag for {file}: {:?}",
            r.integrity
        );
    }
}

#[test]
fn bad_submissions_are_reported_one_by_one() {
    let problem = |name: &str| student(name).problem.clone().unwrap_or_default();
    assert!(
        problem("broken").contains("not a readable zip"),
        "{}",
        problem("broken")
    );
    assert!(
        problem("no-layout").contains("no exercises/ layout"),
        "{}",
        problem("no-layout")
    );
    assert!(
        problem("link-out").contains("link that leads out"),
        "{}",
        problem("link-out")
    );
    let odd = student("odd-\u{fffd}name");
    assert!(
        odd.integrity.iter().any(|n| n.contains("not valid UTF-8")),
        "{:?}",
        odd.integrity
    );
    assert!(odd.points > 0, "a strange name is still graded");
}

#[test]
fn a_missing_or_empty_submissions_folder_is_a_clear_error() {
    let empty = tmp().join("empty-class");
    std::fs::create_dir_all(&empty).unwrap();
    let err = grade(&repo(), &options(&empty, &tmp().join("out-empty")), |_| {}).unwrap_err();
    assert!(format!("{err:#}").contains("no submissions in"), "{err:#}");
    let err = grade(
        &repo(),
        &options(&tmp().join("no-such-class"), &tmp().join("out-none")),
        |_| {},
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("does not exist"), "{err:#}");
}

#[test]
fn a_changed_signature_is_a_compile_error_that_hides_the_hidden_tests() {
    let r = student("resigned");
    let e = r.exercises.iter().find(|e| e.name == "ex01-join").unwrap();
    assert_eq!((e.compile, e.points), (Compile::Failed, 0));
    let errors = e.compile_errors.join("\n");
    assert!(
        errors.contains("--> exercises/ex01-join/tests/exercise.rs"),
        "the learner sees their own tests' errors, with their own paths: {errors}"
    );
    assert!(
        !errors.contains("hidden.rs"),
        "hidden test code leaked into the errors: {errors}"
    );
    assert!(
        errors.contains("hidden tests do not compile"),
        "the learner is told why: {errors}"
    );
}

#[test]
fn hidden_tests_that_do_not_compile_leave_the_learners_tests_counting() {
    let r = student("no-serde");
    let e = r.exercises.iter().find(|e| e.name == "ex01-join").unwrap();
    assert_eq!(e.compile, Compile::Failed);
    for t in &e.tests {
        let expected = if t.target == "hidden" {
            "not_built"
        } else {
            "passed"
        };
        assert_eq!(t.status, expected, "{} {}", t.target, t.name);
    }
    assert!(
        e.points > 0 && e.points < e.max_points,
        "{} of {}",
        e.points,
        e.max_points
    );
    let errors = e.compile_errors.join("\n");
    assert!(
        errors.contains("hidden tests do not compile") && !errors.contains("hidden.rs"),
        "{errors}"
    );
}

#[test]
fn hidden_test_code_never_reaches_feedback() {
    let graded = graded();
    for e in repo().exercises().unwrap() {
        let hidden = std::fs::read_to_string(e.hidden_test_file()).unwrap();
        let public = std::fs::read_to_string(e.test_file()).unwrap();
        let secret_lines: Vec<&str> = hidden
            .lines()
            .map(str::trim)
            .filter(|l| {
                l.len() > 25
                    && !public.contains(l)
                    && !l.starts_with("//")
                    && !l.starts_with("use ")
            })
            .collect();
        for feedback in std::fs::read_dir(graded.out.join("feedback"))
            .unwrap()
            .flatten()
        {
            let text = std::fs::read_to_string(feedback.path()).unwrap();
            for line in &secret_lines {
                assert!(
                    !text.contains(line),
                    "{} shows hidden test code: {line}",
                    feedback.path().display()
                );
            }
        }
    }
}

#[test]
fn outputs_are_a_gradebook_results_and_feedback_per_student() {
    let graded = graded();
    let csv = std::fs::read_to_string(graded.out.join("gradebook.csv")).unwrap();
    assert_eq!(
        csv.lines().count(),
        graded.results.len() + 1,
        "one row a student and a header:\n{csv}"
    );
    assert!(csv.starts_with("student,ex01-join,"), "{csv}");
    for r in &graded.results {
        let file = workbook::grade::file_name(&r.student);
        assert!(
            graded
                .out
                .join("results")
                .join(format!("{file}.json"))
                .is_file()
        );
        assert!(
            graded
                .out
                .join("feedback")
                .join(format!("{file}.md"))
                .is_file()
        );
    }
}

#[test]
fn a_second_run_resumes_instead_of_grading_again() {
    let graded = graded();
    let mut reused = 0;
    let again = grade(&repo(), &options(&graded.class, &graded.out), |p| {
        reused += usize::from(p.reused)
    })
    .unwrap();
    assert_eq!(
        reused,
        graded.results.len(),
        "every unchanged student is skipped"
    );
    let points = |rs: &[StudentResult]| {
        rs.iter()
            .map(|r| (r.student.clone(), r.points))
            .collect::<Vec<_>>()
    };
    assert_eq!(points(&again), points(&graded.results));
}

#[test]
fn shards_merge_into_the_same_gradebook() {
    let small = tmp().join("small-class");
    let _ = std::fs::remove_dir_all(&small);
    let repo = repo();
    let work = vec![(exercise("ex01-join"), Work::Solution)];
    for name in ["ha", "jin", "min"] {
        write_submission(&repo, &small, name, &work).unwrap();
    }
    let _ = std::fs::remove_dir_all(tmp().join("small-whole"));
    let whole = grade(&repo, &options(&small, &tmp().join("small-whole")), |_| {}).unwrap();
    let mut outs = Vec::new();
    for index in 1..=2 {
        let out = tmp().join(format!("small-shard-{index}"));
        let _ = std::fs::remove_dir_all(&out);
        let mut opts = options(&small, &out);
        opts.shard = Some(Shard { index, count: 2 });
        grade(&repo, &opts, |_| {}).unwrap();
        outs.push(out);
    }
    let merged = tmp().join("small-merged");
    let _ = std::fs::remove_dir_all(&merged);
    assert_eq!(merge(&repo, &outs, &merged).unwrap(), 3);
    let csv = |dir: &Path| std::fs::read_to_string(dir.join("gradebook.csv")).unwrap();
    assert_eq!(csv(&merged), csv(&tmp().join("small-whole")));
    assert_eq!(whole.len(), 3);
}
