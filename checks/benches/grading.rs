//! Grades a generated class of 30 submissions (correct, partly correct, not compiling,
//! misbehaving, untouched stubs) and reports seconds per student; then measures what the sandbox
//! costs one test, against the same tests run unsandboxed in the same run.
//!
//! `cargo bench -p checks --bench grading` (run it twice: the first run also builds the
//! dependencies into target/bench-lab; the second shows a new class graded with them built, every
//! student crate compiled afresh).

use checks::class::{Expect, Work, misbehaviours, write_submission};
use checks::{repo, wrong_answers};
use std::time::{Duration, Instant};
use workbook::grade::{Options, grade};
use workbook::lab::{Lab, Variant};
use workbook::run::{Limits, run_test};
use workbook::sandbox::Sandbox;

fn main() -> anyhow::Result<()> {
    let repo = repo();
    let target = repo.root.join("target");
    let class = target.join("bench-class");
    let out = target.join("bench-graded");
    let _ = std::fs::remove_dir_all(&class);
    let _ = std::fs::remove_dir_all(&out);
    let exercises = repo.exercises()?;
    let wrong = wrong_answers()?;
    // Misbehaviours at run time (a compile that hangs would only measure the compile deadline).
    let misbehaving: Vec<_> = misbehaviours()?
        .into_iter()
        .filter(|m| matches!(m.expect, Expect::Status(_)))
        .collect();
    for i in 0..30 {
        let work: Vec<_> = exercises
            .iter()
            .enumerate()
            .map(|(j, e)| {
                let of_mine: Vec<_> = wrong.iter().filter(|w| w.exercise.name == e.name).collect();
                let work = match i % 6 {
                    0 | 1 => Work::Solution,
                    2 | 3 => Work::Lib(of_mine[(i + j) % of_mine.len()].file.clone()),
                    4 if j == i % exercises.len() => Work::Broken,
                    4 => Work::Solution,
                    _ if j == 0 => Work::Lib(misbehaving[(i / 6) % misbehaving.len()].file.clone()),
                    _ => Work::Stub,
                };
                (e.clone(), work)
            })
            .collect();
        write_submission(&repo, &class, &format!("student-{i:02}"), &work)?;
    }
    let cold = !target.join("bench-lab/target").exists();
    // A new class: dependencies may be built already, but none of its own crates are.
    let _ = std::fs::remove_dir_all(target.join("bench-lab/ws"));
    let (sandbox, compile) =
        checks::grading_sandbox(env!("CARGO_BIN_EXE_lab-rustc"), Duration::from_secs(60));
    let options = Options {
        submissions: class,
        out,
        jobs: workbook::pool::default_jobs(),
        shard: None,
        limits: Limits {
            timeout: Duration::from_secs(10),
            ..Limits::default()
        },
        lab: target.join("bench-lab"),
        sandbox,
        compile: Some(compile),
    };
    let started = Instant::now();
    let results = grade(&repo, &options, |p| {
        eprintln!("{:>2}/{} {}", p.done, p.total, p.result.student)
    })?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "graded {} students in {seconds:.1} s: {:.2} s per student ({} dependency build, {} jobs)",
        results.len(),
        seconds / results.len() as f64,
        if cold { "with a cold" } else { "after a warm" },
        options.jobs
    );
    sandbox_cost(&repo, &options.lab, &options.sandbox)?;
    Ok(())
}

/// Runs every test of the solutions' ex01 and ex03 (paused-clock tests: what the process costs,
/// not what the test waits) in the sandbox and without it, alternating, and prints the cost.
fn sandbox_cost(
    repo: &workbook::repo::Repo,
    lab: &std::path::Path,
    sandbox: &Sandbox,
) -> anyhow::Result<()> {
    let lab = Lab::new(repo, lab)?;
    let _lock = lab.lock()?;
    let variants: Vec<Variant> = ["ex01-join", "ex03-errors"]
        .into_iter()
        .map(|name| {
            let e = repo.exercise(name)?;
            Ok(Variant {
                owner: "reference".into(),
                src: e.solution_dir.join("src"),
                exercise: e,
                lib: None,
                hidden: true,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let mut runs = Vec::new();
    for b in lab.build(&variants)? {
        let exe = b.test_binary.clone().expect("the solutions build");
        let sealed = lab.runnable(&exe, sandbox)?;
        for test in workbook::run::list_tests(&exe, &Sandbox::Off)? {
            runs.push((exe.clone(), sealed.clone(), test));
        }
    }
    let limits = Limits::default();
    let (mut plain, mut boxed) = (Duration::ZERO, Duration::ZERO);
    const ROUNDS: u32 = 5;
    for _ in 0..ROUNDS {
        for (exe, sealed, test) in &runs {
            for (exe, sandbox, total) in [
                (exe, &Sandbox::Off, &mut plain),
                (sealed, sandbox, &mut boxed),
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
        "one test, {count} runs each way: {:.1} ms unsandboxed, {:.1} ms sandboxed: the sandbox \
         costs {:.1} ms a test ({:.2}x)",
        plain.as_secs_f64() * 1e3,
        boxed.as_secs_f64() * 1e3,
        (boxed.as_secs_f64() - plain.as_secs_f64()) * 1e3,
        boxed.as_secs_f64() / plain.as_secs_f64()
    );
    Ok(())
}
