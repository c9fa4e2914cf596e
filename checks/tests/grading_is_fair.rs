//! `workbook grade` on a class built from the solutions, the stubs, the wrong answers and
//! misbehaving code: correct work gets full marks, each misbehaviour gets its status and no points,
//! bad input is reported per student, hidden-test code never reaches feedback, and reruns resume.

use checks::class::{
    Expect, Work, misbehaviours, write_submission, zip_folder, zip_folder_with_zeros,
};
use checks::{grading_sandbox, lab_dir, repo, wrong_answers};
use course::Exercise;
use grade::lab::CompileSandbox;
use grade::results::{Compile, StudentResult, Target, TestStatus};
use grade::{Options, Shard, grade, merge};
use sandbox::Sandbox;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// The port on 127.0.0.1 that `misbehaving/ex01-join/connects-to-the-grader.rs` connects to.
const ATTACKED_PORT: u16 = 47_123;

fn tmp() -> &'static Path {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
}

fn options(submissions: &Path, out: &Path) -> Options {
    static SANDBOX: OnceLock<(Sandbox, CompileSandbox)> = OnceLock::new();
    // Long enough for any honest crate on a loaded 2-core machine; `hangs-the-compiler` waits it out.
    let (sandbox, compile) = SANDBOX
        .get_or_init(|| grading_sandbox(env!("CARGO_BIN_EXE_lab-rustc"), Duration::from_secs(30)));
    Options {
        submissions: submissions.into(),
        out: out.into(),
        jobs: course::pool::default_jobs(),
        shard: None,
        // grading.toml's: far past the tests' own real-time deadlines, so that a test that cannot
        // finish fails on its deadline, with its message, even on a loaded machine.
        budgets: checks::budgets(),
        lab: lab_dir(tmp()),
        sandbox: sandbox.clone(),
        compile: Some(compile.clone()),
        // The checks read the grader's words in English (`--lang en`).
        reports: grade::outputs::Settings {
            lang: course::Lang::En,
            roster: None,
        },
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

/// ex01's solution with its given code changed so that only `fetch_users` still sleeps, and a
/// `fetch_all` that awaits the three one after another: 1 s as submitted, 3 s with the given code.
fn fast_given_and_sequential_fetch_all() -> String {
    let solution =
        std::fs::read_to_string(exercise("ex01-join").solution_dir.join("src/lib.rs")).unwrap();
    let mut lib = solution;
    for call in ["fetch_products", "fetch_orders"] {
        let sleeping = format!("sleep(calls::start(\"{call}\")).await;");
        assert!(
            lib.contains(&sleeping),
            "ex01's solution changed: update this fixture"
        );
        lib = lib.replace(&sleeping, &format!("calls::start(\"{call}\");"));
    }
    let joined = "tokio::join!(fetch_users(), fetch_products(), fetch_orders())";
    let sequential = "(fetch_users().await, fetch_products().await, fetch_orders().await)";
    assert!(
        lib.contains(joined),
        "ex01's solution changed: update this fixture"
    );
    lib.replace(joined, sequential)
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
        // Only the hidden tests break: fetch_all's opaque return type hides the given types'
        // `Serialize`, which just the hidden JSON test needs. The learner's own tests must still
        // run and count.
        let unserialisable = tmp().join("unserialisable.rs");
        std::fs::write(
            &unserialisable,
            "// REPLACES: fetch_all\npub async fn fetch_all() -> (impl PartialEq<Users> + std::fmt::Debug, Products, Orders) {\n    tokio::join!(fetch_users(), fetch_products(), fetch_orders())\n}\n// END: fetch_all\n",
        )
        .unwrap();
        write_submission(&repo, &class, "no-serde", &[(exercise("ex01-join"), Work::Lib(unserialisable))]).unwrap();
        // A link to the solution in place of src/lib.rs: links are never followed.
        let linked = write_submission(&repo, &class, "linked", &[(exercise("ex01-join"), Work::Stub)])
            .unwrap();
        let lib = linked.join("exercises/ex01-join/src/lib.rs");
        std::fs::remove_file(&lib).unwrap();
        std::os::unix::fs::symlink(exercise("ex01-join").solution_dir.join("src/lib.rs"), &lib)
            .unwrap();
        // FIFOs where the grader reads: they would block it forever if it opened them.
        let piped = write_submission(&repo, &class, "piped", &[(exercise("ex01-join"), Work::Solution)])
            .unwrap();
        for file in ["exercises/ex01-join/Cargo.toml", "exercises/ex01-join/src/lib.rs"] {
            let path = piped.join(file);
            std::fs::remove_file(&path).unwrap();
            rustix::fs::mknodat(
                rustix::fs::CWD,
                &path,
                rustix::fs::FileType::Fifo,
                rustix::fs::Mode::from_raw_mode(0o644),
                0,
            )
            .unwrap();
        }
        // Links to the solution where a folder should be: the src/ folder, or the whole crate.
        for (name, link, target) in [
            ("linked-src", "exercises/ex01-join/src", "src"),
            ("linked-crate", "exercises/ex01-join", ""),
        ] {
            let folder =
                write_submission(&repo, &class, name, &[(exercise("ex01-join"), Work::Stub)]).unwrap();
            std::fs::remove_dir_all(folder.join(link)).unwrap();
            let solution = exercise("ex01-join").solution_dir.join(target);
            std::os::unix::fs::symlink(solution, folder.join(link)).unwrap();
        }
        // A full solution unzipped by macOS: __MACOSX/ beside the folder zipped, .DS_Store and
        // ._ files in it. It grades as its zip would.
        let mac = class.join("mac-unzipped");
        write_submission(&repo, &mac, "mac-unzipped", &all(Work::Solution)).unwrap();
        for (debris, text) in [
            ("__MACOSX/mac-unzipped/exercises/ex01-join/src/._lib.rs", "resource fork"),
            ("__MACOSX/mac-unzipped/._exercises", "resource fork"),
            (".DS_Store", "finder"),
            ("mac-unzipped/exercises/ex01-join/tests/.DS_Store", "finder"),
        ] {
            std::fs::create_dir_all(mac.join(debris).parent().unwrap()).unwrap();
            std::fs::write(mac.join(debris), text).unwrap();
        }
        // Bad input.
        std::fs::create_dir_all(class.join("empty")).unwrap();
        std::fs::write(class.join("empty/.DS_Store"), "finder").unwrap();
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
        // A zip of the learner's whole folder: its build's target/ (60 MiB) too.
        let zips = tmp().join("zips");
        let tara = write_submission(&repo, &zips, "tara", &all(Work::Solution)).unwrap();
        zip_folder_with_zeros(&tara, &class.join("tara.zip"), "exercises/target/debug/deps", 60)
            .unwrap();
        // Graded code over the limit: 60 MiB in src/.
        let ex01 = || vec![(exercise("ex01-join"), Work::Solution)];
        let bulky = write_submission(&repo, &zips, "bulky", &ex01()).unwrap();
        zip_folder_with_zeros(&bulky, &class.join("bulky.zip"), "exercises/ex01-join/src/assets", 60)
            .unwrap();
        // Names that would once share a file name (and an unpacking folder): right and wrong work.
        for (name, work) in [("n x", Work::Solution), ("n_x", Work::Stub)] {
            let folder = write_submission(&repo, &zips, name, &[(exercise("ex01-join"), work)]).unwrap();
            zip_folder(&folder, &class.join(format!("{name}.zip"))).unwrap();
        }
        // The given code changed so that a sequential fetch_all takes 1 s; with its anchors gone
        // too, it cannot be put back.
        let fast = fast_given_and_sequential_fetch_all();
        let unanchored = fast.replace("// ANCHOR: given\n", "").replace("// ANCHOR_END: given\n", "");
        for (name, lib) in [("given-edited", fast), ("given-unanchored", unanchored)] {
            let folder = write_submission(&repo, &class, name, &ex01()).unwrap();
            std::fs::write(folder.join("exercises/ex01-join/src/lib.rs"), lib).unwrap();
        }

        // The port `connects-to-the-grader` tries: open, so that only the sandbox can stop it.
        let listener = std::net::TcpListener::bind(("127.0.0.1", ATTACKED_PORT))
            .expect("port 47123 must be free for the network attack");
        let results = grade(&repo, &options(&class, &out), |_| {}).expect("grading the class");
        std::mem::forget(listener);
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
                    t.status != TestStatus::Passed && t.points == 0,
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
fn each_misbehaviour_and_attack_gets_its_verdict_and_no_points() {
    let mut wrong = Vec::new();
    for m in misbehaviours().unwrap() {
        let r = student(&format!("mis-{}", m.name));
        let e = r.exercises.iter().find(|e| e.name == m.exercise).unwrap();
        if m.alert {
            // What cannot be stopped inside a libtest process must be seen: alerted, listed first.
            if r.alerts.is_empty() {
                wrong.push(format!("{}: no alert", m.name));
            }
        } else if e.points != 0 {
            wrong.push(format!("{}: {} points", m.name, e.points));
        }
        match &m.expect {
            Expect::Status(_) => {
                for t in e.tests.iter().filter(|t| !m.expect.allows(t.status)) {
                    wrong.push(format!("{}: {} {} {}", m.name, t.name, t.status, t.message));
                }
            }
            Expect::Compile { status, message } => {
                let errors = e.compile_errors.join("\n");
                let got = match e.compile {
                    Compile::Ok => "ok",
                    Compile::Failed => "failed",
                    Compile::TimedOut => "timed_out",
                    Compile::Missing => "missing",
                };
                if got != status || !errors.contains(message.as_deref().unwrap_or("")) {
                    wrong.push(format!("{}: compile {got}, errors:\n{errors}", m.name));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "verdicts not as their headers say:\n{}",
        wrong.join("\n")
    );
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
fn a_macos_unzipped_folder_grades_like_its_zip() {
    let r = student("mac-unzipped");
    assert_eq!(
        (r.points, &r.problem, &r.integrity),
        (r.max_points, &None, &Vec::new()),
        "__MACOSX/ and .DS_Store are skipped as in a zip"
    );
}

#[test]
fn unreadable_submissions_get_a_blank_not_a_zero_and_are_told_what_to_resubmit() {
    let graded = graded();
    let canvas = std::fs::read_to_string(graded.out.join("exports/canvas.csv")).unwrap();
    for (name, why) in [
        ("broken", "not a readable zip"),
        ("empty", "is empty"),
        ("no-layout", "no exercises/ layout"),
    ] {
        let r = student(name);
        assert_eq!(
            r.unreadable().map(|w| w.contains(why)),
            Some(true),
            "{name}: {r:?}"
        );
        let row = canvas
            .lines()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("no Canvas row for {name}:\n{canvas}"));
        assert!(
            row.ends_with(','),
            "{name} gets a blank score, never 0: {row}"
        );
        let file = grade::file_name(name);
        let feedback =
            std::fs::read_to_string(graded.out.join(format!("feedback/{file}.md"))).unwrap();
        assert!(feedback.contains(why), "{feedback}");
        assert!(feedback.contains("cargo workbook submit"), "{feedback}");
        assert!(
            !feedback.contains("## ex01-join"),
            "no exercise is listed:\n{feedback}"
        );
    }
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
        let expected = if t.target == Target::Hidden {
            TestStatus::NotBuilt
        } else {
            TestStatus::Passed
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
fn hidden_test_code_never_reaches_feedback_the_report_or_the_exports() {
    let graded = graded();
    let mut shown = vec![graded.out.join("report.html")];
    shown.extend(files_under(&graded.out.join("feedback")));
    shown.extend(files_under(&graded.out.join("exports")));
    let texts: Vec<(PathBuf, String)> = shown
        .into_iter()
        .map(|path| {
            let text = as_read(&path);
            (path, text)
        })
        .collect();
    for e in repo().exercises().unwrap() {
        for line in &secret_lines(&e) {
            for (path, text) in &texts {
                assert!(
                    !text.contains(line.as_str()),
                    "{} shows hidden test code: {line}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn no_grader_internal_name_or_path_reaches_anything_a_student_gets() {
    let graded = graded();
    let mut shown = vec![
        graded.out.join("report.html"),
        graded.out.join("gradebook.csv"),
    ];
    for folder in ["results", "feedback", "exports"] {
        shown.extend(files_under(&graded.out.join(folder)));
    }
    let repo = repo();
    let lab = lab_dir(tmp());
    let internal = [
        "p-student-".to_string(),
        "p-solution-".to_string(),
        ".work/".to_string(),
        "/tmp/".to_string(),
        format!("{}/", repo.root.display()),
        lab.display().to_string(),
        lab.canonicalize().unwrap().display().to_string(),
        graded.out.display().to_string(),
        graded.class.display().to_string(),
    ];
    let mut leaks = Vec::new();
    for path in &shown {
        let text = as_read(path);
        for name in &internal {
            for line in text.lines().filter(|l| l.contains(name.as_str())) {
                leaks.push(format!("{}: {name}: {line}", path.display()));
            }
        }
    }
    assert!(shown.len() > 20, "the outputs were found: {shown:?}");
    assert!(
        leaks.is_empty(),
        "grader-internal names reach the students:\n{}",
        leaks.join("\n")
    );
    // The failures that panicked in the learner's code name the learner's files.
    let feedback = (shown.iter())
        .filter(|p| p.starts_with(graded.out.join("feedback")))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<String>();
    assert!(
        feedback.contains("panicked at exercises/"),
        "no panic location in the feedback"
    );
}

/// Every file below `dir`, as a reader finds it: not the `.name.tmp` files being written now (a
/// rerun of the same class, `a_second_run_resumes…`, rewrites the outputs beside this test).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    grade::submissions::files_under(dir)
        .into_iter()
        .filter(|file| {
            !file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .map(|file| dir.join(file))
        .collect()
}

/// A file's text as a reader sees it: JSON strings decoded, XML and HTML entities resolved.
fn as_read(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => {
            fn strings(value: &serde_json::Value, into: &mut String) {
                match value {
                    serde_json::Value::String(s) => into.push_str(&format!("{s}\n")),
                    serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
                    serde_json::Value::Object(fields) => {
                        fields.values().for_each(|v| strings(v, into))
                    }
                    _ => {}
                }
            }
            let mut all = String::new();
            strings(&serde_json::from_str(&text).unwrap(), &mut all);
            all
        }
        Some("xml" | "html") => text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
        _ => text,
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
    // A byte-order mark first: Korean Excel reads Hangul right only with it.
    assert!(csv.starts_with("\u{feff}student,ex01-join,"), "{csv}");
    let out = &graded.out;
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    // The score histogram counts every student once.
    let counted: usize = report
        .split("data-count=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse::<usize>().unwrap())
        .sum();
    // Not those that could not be read: they have no score.
    let unreadable = graded.results.iter().filter(|r| r.unreadable().is_some());
    assert!(
        unreadable.clone().count() >= 3,
        "broken, empty, no-layout..."
    );
    assert_eq!(
        counted,
        graded.results.len() - unreadable.count(),
        "the histogram of report.html"
    );
    // Every student has a row of their own; one that could not be read has a dash, not 0.
    for r in &graded.results {
        let points = match r.unreadable() {
            Some(_) => "—".to_string(),
            None => format!("{} / {}", r.points, r.max_points),
        };
        let row = format!(
            // `options` grades with `--lang en`.
            "<td data-label=\"student\">{}</td><td class=\"count\" data-label=\"points\">{points}</td>",
            grade::svg::escape(&r.student),
        );
        assert!(report.contains(&row), "report.html has no row {row}");
    }
    let canvas = std::fs::read_to_string(out.join("exports/canvas.csv")).unwrap();
    assert!(canvas.starts_with("\u{feff}Student,"), "{canvas}");
    assert_eq!(
        canvas.lines().count(),
        graded.results.len() + 2,
        "a header, the points possible, a row a student:\n{canvas}"
    );
    for r in &graded.results {
        let file = grade::file_name(&r.student);
        assert!(out.join("results").join(format!("{file}.json")).is_file());
        assert!(out.join("feedback").join(format!("{file}.md")).is_file());
        let score = match r.unreadable() {
            Some(_) => String::new(),
            None => r.points.to_string(),
        };
        assert!(canvas.contains(&format!("{0},,{0},{0},,{score}\n", r.student)));
        let json = |path: PathBuf| -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
        };
        let gradescope = json(out.join(format!("exports/gradescope/{file}/results.json")));
        assert_eq!(gradescope["score"], r.points, "{}", r.student);
        let classroom = json(out.join(format!("exports/github-classroom/{file}.json")));
        assert_eq!(classroom["max_score"], r.max_points, "{}", r.student);
        let junit = std::fs::read_to_string(out.join(format!("exports/junit/{file}.xml"))).unwrap();
        assert!(
            junit.contains(&format!("<testsuites name=\"{}\"", r.student)),
            "{junit}"
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
    let labs = [lab_dir(tmp())];
    let merge =
        |shards: &[PathBuf], into: &Path| merge(&repo, shards, into, &labs, &Default::default());
    assert_eq!(merge(&outs, &merged).unwrap().students, 3);
    let csv = |dir: &Path| std::fs::read_to_string(dir.join("gradebook.csv")).unwrap();
    assert_eq!(csv(&merged), csv(&tmp().join("small-whole")));
    assert_eq!(whole.len(), 3);

    // What an instructor gets wrong is refused, and nothing is written.
    let refused = tmp().join("small-refused");
    let _ = std::fs::remove_dir_all(&refused);
    let said = |shards: &[PathBuf]| format!("{:#}", merge(shards, &refused).unwrap_err());
    let twice = said(&[outs[0].clone(), outs[0].clone(), outs[1].clone()]);
    assert!(twice.contains("is given twice"), "{twice}");
    let missing = said(&[outs[0].clone(), tmp().join("small-shard-3")]);
    assert!(missing.contains("does not exist"), "{missing}");
    // The whole class's folder beside a shard: its students are in two shards.
    let overlap = said(&[outs[0].clone(), tmp().join("small-whole")]);
    assert!(overlap.contains("is in two shards"), "{overlap}");
    // A shard with a result edited by hand: its points raised to full marks.
    let edited = tmp().join("small-shard-edited");
    let _ = std::fs::remove_dir_all(&edited);
    course::files::sync_dir(&outs[1], &edited, None).unwrap();
    let result = std::fs::read_dir(edited.join("results"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let json = std::fs::read_to_string(&result).unwrap();
    let r: StudentResult = serde_json::from_str(&json).unwrap();
    let raised = json.replacen(
        &format!("\n  \"points\": {},", r.points),
        &format!("\n  \"points\": {},", r.points + 1),
        1,
    );
    assert_ne!(raised, json);
    std::fs::write(&result, raised).unwrap();
    let forged = said(&[outs[0].clone(), edited]);
    assert!(forged.contains("is not signed by the key"), "{forged}");
    assert!(forged.contains("its exercises add up to"), "{forged}");
    assert!(!refused.exists(), "nothing was merged");

    // A shard graded into the whole class's folder: its slice is reused, the rest set aside.
    let whole_out = tmp().join("small-whole");
    let mut opts = options(&small, &whole_out);
    opts.shard = Some(Shard { index: 1, count: 2 });
    let mut reused = 0;
    let slice = grade(&repo, &opts, |p| reused += usize::from(p.reused)).unwrap();
    assert_eq!(
        (slice.len(), reused),
        (2, 2),
        "the slice's signed results are reused"
    );
    let kept = grade::results::read_results(&whole_out).unwrap();
    assert_eq!(kept.len(), 2, "the shard's --out holds its slice only");
    assert!(whole_out.join("set-aside").is_dir());
}

#[test]
fn a_rerun_into_the_same_out_describes_only_the_class_graded_now() {
    let repo = repo();
    let (class, out) = (tmp().join("rerun-class"), tmp().join("rerun-out"));
    for dir in [&class, &out] {
        let _ = std::fs::remove_dir_all(dir);
    }
    let work = [(exercise("ex01-join"), Work::Stub)];
    // 김철수 as macOS names a folder: in NFD, each syllable as its jamo.
    let nfd = "\u{1100}\u{1175}\u{11B7}\u{110E}\u{1165}\u{11AF}\u{1109}\u{116E}";
    for name in ["ha", "jin", nfd] {
        write_submission(&repo, &class, name, &work).unwrap();
    }
    // --out inside the submissions folder: refused before anything is built.
    let inside = format!(
        "{:#}",
        grade(&repo, &options(&class, &class.join("graded")), |_| {}).unwrap_err()
    );
    assert!(
        inside.contains("is inside the submissions folder"),
        "{inside}"
    );
    assert!(!class.join("graded").exists(), "{inside}");
    // The roster as Excel saves it: typed in NFC, blank rows at the end.
    let roster = tmp().join("rerun-roster.csv");
    std::fs::write(
        &roster,
        "folder,student_id,name\r\nha,2024-0001,Ha\r\njin,2024-0002,Jin\r\n\
         김철수,2024-0003,김철수\r\nghost,2024-0009,Ghost\r\n,,\r\n,,\r\n",
    )
    .unwrap();
    let mut opts = options(&class, &out);
    opts.reports.roster = Some(grade::roster::Roster::load(&roster).unwrap());
    let run = |opts: &Options| {
        let (mut reused, mut set_aside) = (0, None);
        let results = grade::grade_with(&repo, opts, |update| match update {
            grade::Update::Graded(g) => reused += usize::from(g.reused),
            grade::Update::SetAside(set) => set_aside = Some(set),
            _ => {}
        })
        .unwrap();
        (results, reused, set_aside)
    };
    let (first, _, set_aside) = run(&opts);
    assert_eq!(first.len(), 3);
    assert_eq!(set_aside, None);
    let canvas = || std::fs::read_to_string(out.join("exports/canvas.csv")).unwrap();
    // The macOS folder is the roster's 김철수: posted under the id, in one row.
    assert!(
        canvas().contains("\n김철수,,2024-0003,2024-0003,,0\n"),
        "{}",
        canvas()
    );
    assert_eq!(canvas().matches("김철수").count(), 1, "{}", canvas());
    // In the roster with no submission: listed, with no score.
    assert!(
        canvas().contains("\nGhost,,2024-0009,2024-0009,,\n"),
        "{}",
        canvas()
    );

    // The class again: jin has left, ha's folder is renamed, 김철수 is unchanged.
    std::fs::remove_dir_all(class.join("jin")).unwrap();
    std::fs::rename(class.join("ha"), class.join("ha-renamed")).unwrap();
    let (again, reused, set_aside) = run(&opts);
    let graded: Vec<&str> = again.iter().map(|r| r.student.as_str()).collect();
    assert_eq!(graded, ["ha-renamed", "김철수"]);
    assert_eq!(reused, 1, "the signed result of 김철수 is reused");
    let set_aside = set_aside.expect("the earlier results are set aside");
    assert_eq!(set_aside.students, ["ha", "jin"]);
    assert!(set_aside.to.starts_with(out.join("set-aside")));
    assert!(
        set_aside.to.join("results/ha.json").is_file(),
        "moved, not deleted"
    );
    let in_results = grade::results::read_results(&out).unwrap();
    assert_eq!(in_results.len(), 2, "results/ holds this class only");
    let gradebook = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    let rows: Vec<&str> = gradebook.lines().skip(1).collect();
    assert_eq!(
        rows.len(),
        2 + 3,
        "two graded, and ha, jin and ghost missing:\n{gradebook}"
    );
    // Ha's old folder name is only the roster's row with no submission.
    let ha: Vec<&&str> = rows.iter().filter(|r| r.starts_with("ha,")).collect();
    assert_eq!(ha.len(), 1, "{gradebook}");
    assert!(
        ha[0].contains("in the roster, but no submission"),
        "{gradebook}"
    );
    // Ha's id gets no score: the renamed folder is not in the roster, and no 0 is posted.
    assert!(
        canvas().contains("\nHa,,2024-0001,2024-0001,,\n"),
        "{}",
        canvas()
    );
    let junit = out.join("exports/junit");
    assert!(!junit.join("jin.xml").exists() && junit.join("ha-renamed.xml").exists());
}

fn ex01_of(name: &str) -> &'static grade::results::ExerciseResult {
    let r = student(name);
    r.exercises.iter().find(|e| e.name == "ex01-join").unwrap()
}

fn test_of(name: &str, test: &str) -> &'static grade::results::TestResult {
    ex01_of(name).tests.iter().find(|t| t.name == test).unwrap()
}

#[test]
fn a_zip_with_its_build_folder_is_graded_on_its_code_alone() {
    let r = student("tara");
    assert_eq!(
        (r.points, &r.problem, &r.integrity),
        (r.max_points, &None, &Vec::new()),
        "a 60 MiB target/ is skipped, not refused"
    );
    let unpacked = graded().out.join(".work/unpacked/tara");
    let files = grade::submissions::files_under(&unpacked);
    assert!(
        files.iter().any(|f| f.ends_with("ex01-join/src/lib.rs"))
            && files.iter().all(|f| !f.starts_with("target")),
        "only the graded files are unpacked: {files:?}"
    );
}

#[test]
fn graded_code_over_the_size_limit_is_a_problem_of_its_own() {
    let r = student("bulky");
    let problem = r.problem.clone().unwrap_or_default();
    assert!(
        problem.contains("too large to grade") && problem.contains("more than 50 MiB"),
        "{problem}"
    );
    assert_eq!(r.points, 0);
    let feedback = std::fs::read_to_string(graded().out.join("feedback/bulky.md")).unwrap();
    assert!(
        feedback.contains(&problem),
        "the learner is told: {feedback}"
    );
}

#[test]
fn names_that_would_share_a_file_name_get_files_of_their_own() {
    let graded = graded();
    let (right, wrong) = ("n x", "n_x");
    assert_ne!(grade::file_name(right), grade::file_name(wrong));
    assert_eq!(ex01_of(right).points, ex01_of(right).max_points);
    assert_eq!(
        ex01_of(wrong).points,
        0,
        "the stub, not the other's solution"
    );
    let saved = grade::results::read_results(&graded.out).unwrap();
    for name in [right, wrong] {
        let on_disk = saved
            .iter()
            .find(|r| r.student == name)
            .unwrap_or_else(|| panic!("no results file of {name}"));
        assert_eq!(on_disk.points, student(name).points, "{name}");
        let file = grade::file_name(name);
        let feedback =
            std::fs::read_to_string(graded.out.join(format!("feedback/{file}.md"))).unwrap();
        assert!(
            feedback.starts_with(&format!("# Feedback for {name}\n")),
            "{feedback}"
        );
    }
}

#[test]
fn changed_given_code_is_graded_with_the_original() {
    let timing = "takes_one_second_not_three";
    let edited = student("given-edited");
    assert!(
        edited.integrity.contains(
            &"ex01-join/src/lib.rs: the given code was changed; graded with the original".into()
        ),
        "{:?}",
        edited.integrity
    );
    let lost = test_of("given-edited", timing);
    assert_eq!(
        (lost.status, lost.points),
        (TestStatus::Failed, 0),
        "the sequential fetch_all takes 3 s with the given code: {}",
        lost.message
    );
    assert_eq!(
        test_of("given-edited", "returns_every_result_in_order").status,
        TestStatus::Passed
    );
    // The same code, its anchors gone: it cannot be put back, is graded as submitted, and is flagged.
    let unanchored = student("given-unanchored");
    assert!(
        unanchored.integrity.iter().any(|f| f.contains(
            "ex01-join/src/lib.rs: the given code's ANCHOR lines were removed or reordered; graded as submitted"
        )),
        "{:?}",
        unanchored.integrity
    );
    assert_eq!(
        test_of("given-unanchored", timing).status,
        TestStatus::Passed,
        "the changed given code is what passes the timing test"
    );
}

#[test]
fn a_result_edited_by_hand_is_graded_again() {
    let repo = repo();
    let (class, out) = (tmp().join("forge-class"), tmp().join("forge-out"));
    for dir in [&class, &out] {
        let _ = std::fs::remove_dir_all(dir);
    }
    write_submission(&repo, &class, "pat", &[(exercise("ex01-join"), Work::Stub)]).unwrap();
    let graded = grade(&repo, &options(&class, &out), |_| {}).unwrap();
    assert_eq!(graded[0].points, 0);
    let rerun = |count: &mut usize| {
        grade(&repo, &options(&class, &out), |p| {
            *count += usize::from(p.reused)
        })
        .unwrap()
    };
    let mut reused = 0;
    rerun(&mut reused);
    assert_eq!(reused, 1, "a result the grader signed is reused");

    let path = out.join("results/pat.json");
    let json = std::fs::read_to_string(&path).unwrap();
    let max = graded[0].max_points;
    let forged = json.replacen("\"points\": 0,", &format!("\"points\": {max},"), 1);
    assert_ne!(forged, json);
    std::fs::write(&path, forged).unwrap();
    let read = grade::results::read_results(&out).unwrap();
    assert_eq!(
        (read[0].points, &read[0].hash),
        (max, &graded[0].hash),
        "a well-formed forgery with the right hash"
    );

    let mut reused = 0;
    let again = rerun(&mut reused);
    assert_eq!(reused, 0, "the forged result is not trusted");
    assert_eq!(again[0].points, 0);
    let read = grade::results::read_results(&out).unwrap();
    assert_eq!(
        read[0].points, 0,
        "the forged points are gone from results/"
    );
}

#[test]
fn the_attacks_are_real_they_work_without_the_sandbox() {
    graded();
    let class = tmp().join("class-unsandboxed");
    let out = tmp().join("graded-unsandboxed");
    let _ = std::fs::remove_dir_all(&class);
    let _ = std::fs::remove_dir_all(&out);
    let repo = repo();
    let tried: Vec<_> = misbehaviours()
        .unwrap()
        .into_iter()
        .filter(|m| m.unsandboxed.is_some())
        .collect();
    assert!(
        tried.len() >= 10,
        "only {} attacks say what they do unsandboxed",
        tried.len()
    );
    for m in &tried {
        let work = vec![(exercise(&m.exercise), Work::Lib(m.file.clone()))];
        write_submission(&repo, &class, &format!("raw-{}", m.name), &work).unwrap();
    }
    let mut opts = options(&class, &out);
    opts.sandbox = Sandbox::Off;
    opts.compile = None;
    let results = grade(&repo, &opts, |_| {}).expect("grading unsandboxed");
    let mut wrong = Vec::new();
    for m in &tried {
        let r = results
            .iter()
            .find(|r| r.student == format!("raw-{}", m.name))
            .unwrap();
        assert!(!r.sandboxed, "the result says it was not sandboxed");
        let e = r.exercises.iter().find(|e| e.name == m.exercise).unwrap();
        let expected = m.unsandboxed.as_deref().unwrap();
        for t in e.tests.iter().filter(|t| t.status.as_str() != expected) {
            wrong.push(format!("{}: {} {} {}", m.name, t.name, t.status, t.message));
        }
    }
    assert!(
        wrong.is_empty(),
        "unsandboxed, these did not do what they claim:\n{}",
        wrong.join("\n")
    );
    // The leak works too: unsandboxed, the hidden tests' text reaches the student's feedback.
    let leaked =
        std::fs::read_to_string(out.join("feedback/raw-leaks-the-hidden-tests.md")).unwrap();
    assert!(
        secret_lines(&exercise("ex01-join"))
            .iter()
            .any(|l| leaked.contains(l.as_str())),
        "the leak did not leak:\n{leaked}"
    );
    let csv = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    assert!(
        csv.contains("NOT SANDBOXED"),
        "the gradebook says so:\n{csv}"
    );
    let feedback = std::fs::read_to_string(out.join("feedback/raw-reads-the-solution.md")).unwrap();
    assert!(
        feedback.contains("NOT SANDBOXED"),
        "every feedback file says so:\n{feedback}"
    );
}

#[test]
fn sandboxed_results_say_so() {
    for r in &graded().results {
        assert!(r.sandboxed, "{} was graded without the sandbox", r.student);
    }
    let csv = std::fs::read_to_string(graded().out.join("gradebook.csv")).unwrap();
    assert!(!csv.contains("NOT SANDBOXED"), "{csv}");
}

#[test]
fn no_student_process_outlives_grading_or_touches_the_results() {
    let graded = graded();
    let before: Vec<(PathBuf, String)> = std::fs::read_dir(graded.out.join("results"))
        .unwrap()
        .flatten()
        .map(|e| (e.path(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    // `escapes-and-rewrites-results` would write 4 s after its test started.
    std::thread::sleep(Duration::from_secs(6));
    let survivors: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|p| std::fs::read(p.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.starts_with(sandbox::bwrap::TESTS) || c.contains("/sealed/"))
        .collect();
    assert!(
        survivors.is_empty(),
        "student processes outlived grading: {survivors:?}"
    );
    for (path, text) in before {
        let now = std::fs::read_to_string(&path).unwrap();
        assert_eq!(now, text, "{} changed after grading", path.display());
    }
}

/// Lines of `exercise`'s hidden tests that say something of their own (not in the learner's tests).
fn secret_lines(exercise: &Exercise) -> Vec<String> {
    let hidden = std::fs::read_to_string(exercise.hidden_test_file()).unwrap();
    let public = std::fs::read_to_string(exercise.test_file()).unwrap();
    hidden
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.len() > 25 && !public.contains(l) && !l.starts_with("//") && !l.starts_with("use ")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn a_lib_rs_that_is_a_link_or_a_fifo_is_not_read() {
    // A link would lead to the solution; a FIFO would block the grader forever.
    for name in ["linked", "piped"] {
        let e = student(name)
            .exercises
            .iter()
            .find(|e| e.name == "ex01-join")
            .unwrap();
        let verdict = (e.compile, e.points);
        assert_eq!(
            verdict,
            (Compile::Failed, 0),
            "{name}: {:?}",
            e.compile_errors
        );
    }
}

#[test]
fn linked_folders_are_not_followed() {
    for name in ["linked-src", "linked-crate"] {
        let r = student(name);
        let e = r.exercises.iter().find(|e| e.name == "ex01-join").unwrap();
        assert_eq!((e.compile, e.points), (Compile::Missing, 0), "{name}");
        assert!(
            r.integrity.iter().any(|f| f.contains("through a link")),
            "{name}: {:?}",
            r.integrity
        );
    }
}

#[test]
fn alerted_students_come_first_in_the_gradebook() {
    let csv = std::fs::read_to_string(graded().out.join("gradebook.csv")).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.starts_with("mis-forges-through-a-soundness-hole,") && first.contains("ALERT:"),
        "{csv}"
    );
    let honest = student("alice");
    assert!(honest.alerts.is_empty(), "{:?}", honest.alerts);
}

#[test]
fn a_flood_of_compiler_errors_is_cut() {
    let r = student("mis-floods-the-compiler");
    let e = r.exercises.iter().find(|e| e.name == "ex01-join").unwrap();
    assert!(
        e.compile_errors.len() <= 21,
        "{} errors kept",
        e.compile_errors.len()
    );
    let file = graded().out.join("results/mis-floods-the-compiler.json");
    let size = std::fs::metadata(file).unwrap().len();
    assert!(size < 256 * 1024, "results file of {size} bytes");
}
