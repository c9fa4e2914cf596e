//! `workbook grade`: a class's submissions, graded against the canonical and hidden tests.
//!
//! Only each exercise's `src/` is taken from a submission; everything else comes from the
//! repository. The whole class is built in one lab (one cargo run, one dependency build), and each
//! student's tests run as soon as their binaries are built, an exercise's tests in one process (see
//! [`schedule`]). The given code in a submission's `src/lib.rs` is put back as it was handed out.
//! A student already graded with the same submission and tests (same content hash, and a result
//! the grader signed) is skipped, so an interrupted run picks up where it stopped.
//!
//! The way through: `prepare` finds the class and what is left to grade, [`schedule`] builds and
//! tests it, `finish` assembles each student's result (`assemble`) and writes it ([`results`],
//! `feedback`), and [`outputs`] writes the class's files from every result.

#![forbid(unsafe_code)]

mod assemble;
pub mod bar;
mod cache;
mod exports;
mod feedback;
mod finish;
pub mod given;
mod gradebook;
pub mod lab;
mod learner_words;
pub mod manifest;
mod merge;
mod message_groups;
mod names;
pub mod outputs;
mod prepare;
mod report_html;
pub mod results;
pub mod roster;
pub mod say;
mod scan;
pub mod schedule;
mod set_aside;
mod signature;
mod slots;
pub mod submissions;
pub mod svg;
mod unreadable;

/// The synthetic class the exports' and the report's tests share with the browser test.
#[cfg(test)]
mod sample_class;

use crate::lab::suites::Budgets;
use crate::lab::{CompileSandbox, Lab, LabLock};
use anyhow::{Result, bail};
use course::Repo;
pub use merge::{Merged, merge};
pub use prepare::Shard;
use results::StudentResult;
pub use results::file_name;
use sandbox::Sandbox;
pub use set_aside::SetAside;
use std::path::PathBuf;
use std::time::Instant;

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

/// What the progress display is told after each student.
pub struct Graded<'a> {
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
    Graded(Graded<'a>),
    /// How many students' code is still being compiled, of the class's `total`.
    Building { students: usize, total: usize },
    /// This student's tests started.
    Testing { student: String },
    /// Results in `--out` of students not in this class (or this shard) were moved aside.
    SetAside(SetAside),
}

/// Grades the class; returns every result and writes `results/`, `feedback/`, and from them
/// `gradebook.csv`, `report.html` and `exports/` (see [`outputs`]).
pub fn grade(
    repo: &Repo,
    opts: &Options,
    mut on_graded: impl FnMut(&Graded),
) -> Result<Vec<StudentResult>> {
    grade_with(repo, opts, |update| {
        if let Update::Graded(graded) = update {
            on_graded(&graded)
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
    let mut class = prepare::discover(repo, opts)?;
    // Every output describes this class (this shard's slice): earlier results of others go.
    let students: Vec<String> = (class.submissions.iter())
        .map(|s| s.student.clone())
        .collect();
    if let Some(set) = set_aside::others(&class.out, &students)? {
        on_update(Update::SetAside(set));
    }
    let mut tally = finish::Tally::new(class.submissions.len(), started, on_update);
    class.sort_out(repo, opts.sandbox.is_on(), |unchanged| {
        tally.graded(unchanged, true)
    })?;
    // One lab for the class: the reference solutions (to know every test), then each submission.
    let (lab, _lock) = open_lab(repo, opts)?;
    if !class.to_grade.is_empty() {
        finish::grade_class(repo, opts, &mut class, &lab, &mut tally)?;
    }
    outputs::write_all(repo, &class.out, &opts.reports, opts.shard.is_none())?;
    let mut results = tally.results;
    results.sort_by(|a, b| a.student.cmp(&b.student));
    Ok(results)
}

/// The lab of `opts`, held until the lock is dropped, compiling in the compile sandbox when the
/// sandbox is on.
fn open_lab(repo: &Repo, opts: &Options) -> Result<(Lab, LabLock)> {
    let mut lab = Lab::new(repo, &opts.lab)?;
    let lock = lab.lock()?;
    match (&opts.compile, opts.sandbox.is_on()) {
        (Some(compile), true) => lab = lab.with_compile_sandbox(compile.clone()),
        (None, true) => bail!("the sandbox is on, but no compile sandbox was given"),
        _ => {}
    }
    Ok((lab, lock))
}
