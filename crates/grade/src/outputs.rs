//! What an `--out` folder holds besides `results/` and `feedback/`, written from every result in
//! it: `gradebook.csv`, `report.html` (the class report) and `exports/` (each platform's format).
//! `grade` and `merge` both end here, so a merged class gets the same files as one graded whole.

use crate::{exports, feedback, gradebook, report_html, results, roster};
use anyhow::Result;
use course::{Lang, Repo};
#[cfg(test)]
use std::collections::BTreeMap;
use std::path::Path;

/// How the reports are written: `--lang` and `--roster`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The language of what the grader writes: `report.html`, the feedback, the exports' messages.
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
    exports::write(out, &results, &check, settings.lang)?;
    // The feedback in `--lang`, whichever language a run or a shard wrote it in.
    for r in &results {
        course::files::write_atomic(
            &results::feedback_path(out, &r.student),
            &feedback::feedback_md(r, settings.lang),
        )?;
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_class::{EXERCISES, class};

    /// The sample class graded into a fresh `--out`, its feedback first written in `first`, then
    /// the outputs written in `lang`: the feedback, the report and every export.
    fn outputs(first: Lang, lang: Lang) -> BTreeMap<String, String> {
        let out = std::env::temp_dir().join(format!(
            "workbook-outputs-{}-{}",
            lang.code(),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&out);
        for r in class() {
            results::write(&out, &r, &feedback::feedback_md(&r, first)).unwrap();
        }
        let exercises: Vec<String> = EXERCISES.iter().map(|e| e.to_string()).collect();
        let settings = Settings { lang, roster: None };
        write_for(&exercises, &out, &settings, true).unwrap();
        let files = crate::submissions::files_under(&out)
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(out.join(&f)).unwrap();
                (f.display().to_string(), text)
            })
            .collect();
        let _ = std::fs::remove_dir_all(&out);
        files
    }

    #[test]
    fn lang_covers_the_feedback_the_report_and_the_exports_messages() {
        // What the grader says in English, and must not say in a Korean run.
        let english = [
            "Feedback for",
            "Does not compile",
            "Not run:",
            "Files you may not edit",
            "was changed (not used",
            "Your submission could not be graded",
        ];
        let ko = outputs(Lang::En, Lang::Ko);
        let kind = |name: &str| ko.keys().filter(|f| f.starts_with(name)).count();
        assert!(kind("feedback/") == class().len() && kind("exports/junit/") == class().len());
        // The results and the gradebook are data (the flags as the grader recorded them), not words.
        let worded = ko
            .iter()
            .filter(|(f, _)| !f.starts_with("results/") && *f != "gradebook.csv");
        for (file, text) in worded {
            for words in english {
                assert!(
                    !text.contains(words),
                    "{file} says {words:?} in a Korean run"
                );
            }
        }
        let feedback = &ko[&format!("feedback/{}.md", crate::results::file_name("김영희"))];
        assert!(feedback.contains("# 김영희 님의 채점 결과"), "{feedback}");
        assert!(feedback.contains("컴파일되지 않습니다"), "{feedback}");
        // Test names and the compiler's words stay as they are.
        assert!(
            feedback.contains("`returns_results_in_order`"),
            "{feedback}"
        );
        assert!(
            feedback.contains("error[E0308]: mismatched types"),
            "{feedback}"
        );

        let en = outputs(Lang::Ko, Lang::En);
        let feedback = &en[&format!("feedback/{}.md", crate::results::file_name("김영희"))];
        assert!(feedback.contains("# Feedback for 김영희"), "{feedback}");
        assert!(!feedback.contains("컴파일되지"), "{feedback}");
    }
}
