//! What an `--out` folder holds besides `results/` and `feedback/`, written from every result in
//! it: `gradebook.csv`, `report.html` (the class report) and `exports/` (each platform's format).
//! `grade` and `merge` both end here, so a merged class gets the same files as one graded whole.

use crate::{exports, gradebook, report_html, results, roster};
use anyhow::Result;
use course::{Lang, Repo};
use std::path::Path;

/// How the reports are written: `--lang` and `--roster`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The language of `report.html`.
    pub lang: Lang,
    /// Who each submission folder is, for the exports an LMS imports.
    pub roster: Option<roster::Roster>,
}

/// Writes the gradebook, the class report and the exports of every result in `out/results/`.
/// `whole_class` is false for a shard: roster rows with no submission are then not reported (their
/// students are in other shards). Returns how the roster matched, for the caller to warn of.
pub(crate) fn write_all(
    repo: &Repo,
    out: &Path,
    settings: &Settings,
    whole_class: bool,
) -> Result<roster::Check> {
    let exercises: Vec<String> = repo.exercises()?.into_iter().map(|e| e.name).collect();
    write_for(&exercises, out, settings, whole_class)
}

/// `write_all` for a class of these `exercises`, in order.
pub fn write_for(
    exercises: &[String],
    out: &Path,
    settings: &Settings,
    whole_class: bool,
) -> Result<roster::Check> {
    let results = results::read_results(out)?;
    let folders: Vec<&str> = results.iter().map(|r| r.student.as_str()).collect();
    let check = roster::check(settings.roster.as_ref(), &folders, whole_class);
    course::files::write_atomic(
        &out.join("gradebook.csv"),
        &gradebook::gradebook_csv(exercises, &results, &check)?,
    )?;
    course::files::write_atomic(
        &out.join("report.html"),
        &report_html::render(&results, exercises, &check, settings.lang),
    )?;
    exports::write(out, &results, &check)?;
    Ok(check)
}
