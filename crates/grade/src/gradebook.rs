//! `gradebook.csv`: a row a student for the instructor's spreadsheet or LMS, with the flags that
//! ask for a look (alerts first). Every CSV that grading writes starts with a UTF-8 byte-order
//! mark ([`for_excel`]): without it, Korean Excel reads the file as CP949 and garbles the Hangul.

use crate::results::{NOT_SANDBOXED, StudentResult};
use crate::roster;
use anyhow::Result;

/// One row a student: points per exercise, total, and flags. Roster rows with no submission get a
/// row of their own, with no points and their flag (see [`crate::roster`]).
pub(crate) fn gradebook_csv(
    exercises: &[String],
    results: &[StudentResult],
    roster: &roster::Check,
) -> Result<String> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["student".to_string()];
    header.extend(exercises.iter().cloned());
    header.extend(["total", "max", "flags"].map(String::from));
    csv.write_record(&header)?;
    // Students with alerts first: their points may be forged.
    let mut ordered: Vec<&StudentResult> = results.iter().collect();
    ordered.sort_by_key(|r| r.alerts.is_empty());
    for r in ordered {
        let mut row = vec![spreadsheet_text(&r.student)];
        // An unreadable submission has no points: its cells are blank, never 0.
        let graded = r.unreadable().is_none();
        for name in exercises {
            let points = r
                .exercises
                .iter()
                .find(|e| &e.name == name)
                .map_or(0, |e| e.points);
            row.push(if graded {
                points.to_string()
            } else {
                String::new()
            });
        }
        let mut flags: Vec<String> = r.alerts.iter().map(|a| format!("ALERT: {a}")).collect();
        match r.unreadable() {
            Some(why) => flags.push(format!(
                "{UNREADABLE}: the submission {why}; nothing in it was graded: ask for it again"
            )),
            None => flags.extend(r.problem.iter().cloned()),
        }
        if !r.sandboxed {
            flags.insert(0, NOT_SANDBOXED.into());
        }
        flags.extend(r.integrity.iter().map(|f| format!("integrity: {f}")));
        flags.extend(r.review.iter().map(|f| format!("review: {f}")));
        flags.extend(roster.flag(&r.student));
        let total = if graded {
            r.points.to_string()
        } else {
            String::new()
        };
        row.extend([total, r.max_points.to_string()]);
        row.push(spreadsheet_text(&flags.join("; ")));
        csv.write_record(&row)?;
    }
    for missing in &roster.no_submission {
        let mut row = vec![spreadsheet_text(&missing.folder)];
        row.extend(exercises.iter().map(|_| String::new()));
        row.extend([String::new(), String::new()]);
        row.push(spreadsheet_text(&format!(
            "{}: {} ({})",
            roster::NO_SUBMISSION,
            missing.name,
            missing.student_id
        )));
        csv.write_record(&row)?;
    }
    Ok(for_excel(String::from_utf8(csv.into_inner()?)?))
}

/// The gradebook's flag of a submission that could not be read.
pub(crate) const UNREADABLE: &str = "unreadable";

/// A CSV as Excel reads it right: with a UTF-8 byte-order mark first.
pub(crate) fn for_excel(csv: String) -> String {
    format!("\u{feff}{csv}")
}

/// A spreadsheet would run a field that starts like a formula: such a field is made text.
pub(crate) fn spreadsheet_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Status;
    use crate::sample_class::class;

    #[test]
    fn the_gradebook_starts_with_a_bom_and_an_unreadable_submission_has_blank_points() {
        let mut results = class();
        results[0].problem = Some("is not a readable zip".into());
        results[0].status = Status::Unreadable;
        let exercises: Vec<String> = (results[1].exercises.iter())
            .map(|e| e.name.clone())
            .collect();
        let check = roster::check(None, &[], true);
        let csv = gradebook_csv(&exercises, &results, &check).unwrap();
        let rest = csv
            .strip_prefix('\u{feff}')
            .expect("a UTF-8 byte-order mark");
        let mut reader = csv::Reader::from_reader(rest.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "student");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let row = |student: &str| rows.iter().find(|r| &r[0] == student).unwrap();
        let unreadable = row(&results[0].student);
        let total = header.iter().position(|h| h == "total").unwrap();
        assert!(
            unreadable.iter().skip(1).take(total).all(str::is_empty),
            "{unreadable:?}"
        );
        assert!(unreadable[total + 2].contains("unreadable: the submission is not a readable zip"));
        let graded = row(&results[1].student);
        assert_eq!(graded[total], results[1].points.to_string());
    }
}
