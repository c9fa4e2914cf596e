//! How fast grading is, against grading one student by hand, both measured in this run.
//!
//! - **By hand**: `cargo test` in a copy of `solutions/` after touching its six crates: what it
//!   costs to compile, link and run one student's worth of tests (the median of three runs).
//! - **The grader**: a class of 30 (correct, partly correct, not compiling, misbehaving, untouched
//!   stubs), three of whom misbehave in every test: one spins, one hangs the test harness itself
//!   (only the grader's timeout ends it), and one floods its output (in ex06 only the harness
//!   hang: the other two are stubs there).
//!
//! It prints the time per student of each and their ratio; the goal is 0.7 or less. Then it
//! measures what the sandbox costs one test process, against the same tests unsandboxed.
//!
//! `cargo bench -p checks --bench grading` (the first run also builds the dependencies of the
//! lab and of the copy; they are kept in target/ for the next runs).

use checks::class::{Expect, Work, misbehaviours, write_submission};
use checks::{repo, wrong_answers};
use course::Repo;
use course::libtest::Limits;
use grade::lab::{Lab, Owner, Variant};
use grade::{Options, grade};
use sandbox::Sandbox;
use sandbox::launch::run_test;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The students who misbehave in every test, and the verdict each of their tests must get.
const EVERYWHERE: [(&str, &str); 3] = [
    ("student-05", "spins"),
    ("student-11", "hangs-the-harness"),
    ("student-17", "floods-output"),
];

fn main() -> anyhow::Result<()> {
    let repo = repo();
    let target = repo.root.join("target");
    let by_hand_copy = target.join("bench-by-hand");
    let mut by_hand = vec![by_hand_seconds(&repo, &by_hand_copy)?];
    by_hand.push(by_hand_seconds(&repo, &by_hand_copy)?);

    let class = target.join("bench-class");
    let out = target.join("bench-graded");
    write_class(&repo, &class)?;
    let _ = std::fs::remove_dir_all(&out);
    // A new class: dependencies may be built already, but none of its own crates are.
    let _ = std::fs::remove_dir_all(target.join("bench-lab/ws"));
    let (sandbox, compile) =
        checks::grading_sandbox(env!("CARGO_BIN_EXE_lab-rustc"), Duration::from_secs(60));
    let options = Options {
        submissions: class,
        out,
        jobs: course::pool::default_jobs(),
        shard: None,
        budgets: checks::budgets(),
        lab: target.join("bench-lab"),
        sandbox,
        compile: Some(compile),
        reports: Default::default(),
    };
    let started = Instant::now();
    let results = grade(&repo, &options, |p| {
        eprintln!("{:>2}/{} {}", p.done, p.total, p.result.student)
    })?;
    let seconds = started.elapsed().as_secs_f64();
    by_hand.push(by_hand_seconds(&repo, &by_hand_copy)?);

    // The class is what it claims: the three misbehave in every test, and get the verdicts their
    // headers name (`checks/misbehaving/ex01-join/<kind>.rs`).
    let misbehaving = misbehaviours()?;
    for (student, kind) in EVERYWHERE {
        let expect = &misbehaving
            .iter()
            .find(|m| m.exercise == "ex01-join" && m.name == kind)
            .expect("every kind has an ex01 file")
            .expect;
        let r = results
            .iter()
            .find(|r| r.student == student)
            .expect("graded");
        let kind_of = |exercise: &str| {
            misbehaving_names()
                .iter()
                .any(|(e, n)| e == exercise && n == kind)
        };
        let wrong: Vec<String> = r
            .exercises
            .iter()
            .filter(|e| kind_of(&e.name))
            .flat_map(|e| &e.tests)
            .filter(|t| !expect.allows(t.status))
            .map(|t| format!("{}::{} {}", t.target, t.name, t.status))
            .collect();
        anyhow::ensure!(
            wrong.is_empty(),
            "{student} ({kind} everywhere) should get {expect:?} in every test: {wrong:?}"
        );
    }

    by_hand.sort_by(f64::total_cmp);
    let by_hand = by_hand[1];
    let per_student = seconds / results.len() as f64;
    println!(
        "by hand: {by_hand:.2} s per student (median of 3: `cargo test` in a copy of solutions/ \
         after touching its six crates)"
    );
    println!(
        "grader: {} students in {seconds:.1} s, {per_student:.2} s per student ({} jobs; {} spin, \
         hang the harness and flood in every test)",
        results.len(),
        options.jobs,
        EVERYWHERE.map(|(s, _)| s).join(", ")
    );
    println!(
        "ratio: {:.2} of the by-hand cost per student (goal: 0.70 or less)",
        per_student / by_hand
    );
    sandbox_cost(&repo, &options.lab, &options.sandbox)?;
    Ok(())
}

/// Each misbehaviour's exercise and name.
fn misbehaving_names() -> Vec<(String, String)> {
    misbehaviours()
        .expect("checks/misbehaving")
        .into_iter()
        .map(|m| (m.exercise, m.name))
        .collect()
}

/// The class: five kinds of student in turn, and the three who misbehave everywhere.
fn write_class(repo: &Repo, class: &Path) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(class);
    let exercises = repo.exercises()?;
    let wrong = wrong_answers()?;
    let misbehaving = misbehaviours()?;
    // Misbehaviours of ex01 at run time, in turn (a compile that hangs would only measure the
    // compile deadline).
    let in_ex01: Vec<_> = misbehaving
        .iter()
        .filter(|m| m.exercise == "ex01-join" && matches!(m.expect, Expect::Status(_)))
        .collect();
    for i in 0..30 {
        let student = format!("student-{i:02}");
        let everywhere = EVERYWHERE.iter().find(|(s, _)| *s == student);
        let work: Vec<_> = exercises
            .iter()
            .enumerate()
            .map(|(j, e)| {
                let of_mine: Vec<_> = wrong.iter().filter(|w| w.exercise.name == e.name).collect();
                let work = match (everywhere, i % 6) {
                    // ex06 keeps only `hangs-the-harness`: its real-socket tests made the verdicts
                    // of spinning and flooding depend on the machine's load. It is a stub there.
                    (Some((_, kind)), _) => misbehaving
                        .iter()
                        .find(|m| m.exercise == e.name && m.name == *kind)
                        .map_or(Work::Stub, |m| Work::Lib(m.file.clone())),
                    (None, 0 | 1) => Work::Solution,
                    (None, 2 | 3) => Work::Lib(of_mine[(i + j) % of_mine.len()].file.clone()),
                    (None, 4) if j == i % exercises.len() => Work::Broken,
                    (None, 4) => Work::Solution,
                    (None, _) if j == 0 => Work::Lib(in_ex01[(i / 6) % in_ex01.len()].file.clone()),
                    (None, _) => Work::Stub,
                };
                (e.clone(), work)
            })
            .collect();
        write_submission(repo, class, &student, &work)?;
    }
    Ok(())
}

/// One student's worth by hand: `cargo test` in a copy of `solutions/` (and the `exercises/` its
/// tests come from), after touching the six crates' sources. The copy's dependencies are built
/// first, untimed, as a learner's would be.
fn by_hand_seconds(repo: &Repo, copy: &Path) -> anyhow::Result<f64> {
    for dir in ["exercises", "solutions"] {
        copy_sources(&repo.root.join(dir), &copy.join(dir))?;
    }
    let solutions = copy.join("solutions");
    let cargo_test = || -> anyhow::Result<()> {
        let status = Command::new(course::cargo::cargo())
            .args(["test", "--workspace", "--quiet"])
            .current_dir(&solutions)
            .env("CARGO_TARGET_DIR", copy.join("target"))
            .stdout(std::process::Stdio::null())
            .status()?;
        anyhow::ensure!(
            status.success(),
            "cargo test failed in {}",
            solutions.display()
        );
        Ok(())
    };
    cargo_test()?;
    for e in repo.exercises()? {
        let lib = solutions.join(&e.name).join("src/lib.rs");
        std::fs::File::options()
            .append(true)
            .open(&lib)?
            .set_modified(std::time::SystemTime::now())?;
    }
    let started = Instant::now();
    cargo_test()?;
    Ok(started.elapsed().as_secs_f64())
}

/// Copies a workspace's sources (everything but `target/`), touching only what differs.
fn copy_sources(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        if entry.file_type()?.is_dir() {
            course::files::sync_dir(&entry.path(), &to.join(&name), None)?;
        } else {
            let bytes = std::fs::read(entry.path())?;
            if std::fs::read(to.join(&name)).ok() != Some(bytes.clone()) {
                std::fs::write(to.join(&name), bytes)?;
            }
        }
    }
    Ok(())
}

/// Runs every test of the solutions' ex01 and ex03 (paused-clock tests: what the process costs,
/// not what the test waits) in the sandbox and without it, alternating, and prints the cost.
fn sandbox_cost(repo: &Repo, lab: &Path, sandbox: &Sandbox) -> anyhow::Result<()> {
    let lab = Lab::new(repo, lab)?;
    let _lock = lab.lock()?;
    let variants: Vec<Variant> = ["ex01-join", "ex03-errors"]
        .into_iter()
        .map(|name| {
            let e = repo.exercise(name)?;
            Ok(Variant {
                owner: Owner::Reference,
                src: e.solution_dir.join("src"),
                exercise: e,
                lib: None,
                hidden: true,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let built = lab.build(&variants)?;
    let exe = built[0].test_binary.clone().expect("the solutions build");
    let sealed = lab.runnable(&exe, sandbox)?;
    let runs = sandbox::launch::list_tests(&exe, &Sandbox::Off)?;
    let limits = Limits::default();
    let (mut plain, mut boxed) = (Duration::ZERO, Duration::ZERO);
    const ROUNDS: u32 = 5;
    for _ in 0..ROUNDS {
        for test in &runs {
            for (exe, sandbox, total) in [
                (&exe, &Sandbox::Off, &mut plain),
                (&sealed, sandbox, &mut boxed),
            ] {
                let started = Instant::now();
                let run = run_test(exe, test, sandbox, limits)?;
                *total += started.elapsed();
                anyhow::ensure!(
                    run.status.passed(),
                    "{test}: {} {}",
                    run.status.label(),
                    run.message
                );
            }
        }
    }
    let count = ROUNDS * runs.len() as u32;
    let (plain, boxed) = (plain / count, boxed / count);
    println!(
        "one test process, {count} runs each way: {:.1} ms unsandboxed, {:.1} ms sandboxed: the \
         sandbox costs {:.1} ms a process ({:.2}x)",
        plain.as_secs_f64() * 1e3,
        boxed.as_secs_f64() * 1e3,
        (boxed.as_secs_f64() - plain.as_secs_f64()) * 1e3,
        boxed.as_secs_f64() / plain.as_secs_f64()
    );
    Ok(())
}
