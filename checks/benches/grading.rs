//! Grades a generated class of 30 submissions (correct, partly correct, not compiling,
//! misbehaving, untouched stubs) and reports seconds per student.
//!
//! `cargo bench -p checks --bench grading` (run it twice: the first run also builds the
//! dependencies into target/bench-lab; the second shows a new class graded with them built, every
//! student crate compiled afresh).

use checks::class::{Work, misbehaviours, write_submission};
use checks::{repo, wrong_answers};
use std::time::{Duration, Instant};
use workbook::grade::{Options, grade};
use workbook::run::Limits;

fn main() -> anyhow::Result<()> {
    let repo = repo();
    let target = repo.root.join("target");
    let class = target.join("bench-class");
    let out = target.join("bench-graded");
    let _ = std::fs::remove_dir_all(&class);
    let _ = std::fs::remove_dir_all(&out);
    let exercises = repo.exercises()?;
    let wrong = wrong_answers()?;
    let misbehaving = misbehaviours()?;
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
    Ok(())
}
