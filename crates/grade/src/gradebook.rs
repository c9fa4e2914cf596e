//! `gradebook.csv`: a row a student for the instructor's spreadsheet or LMS, with the flags that
//! ask for a look (alerts first).

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
        for name in exercises {
            let points = r
                .exercises
                .iter()
                .find(|e| &e.name == name)
                .map_or(0, |e| e.points);
            row.push(points.to_string());
        }
        let mut flags: Vec<String> = r.alerts.iter().map(|a| format!("ALERT: {a}")).collect();
        flags.extend(r.problem.iter().cloned());
        if !r.sandboxed {
            flags.insert(0, NOT_SANDBOXED.into());
        }
        flags.extend(r.integrity.iter().map(|f| format!("integrity: {f}")));
        flags.extend(r.review.iter().map(|f| format!("review: {f}")));
        flags.extend(roster.flag(&r.student));
        row.extend([r.points.to_string(), r.max_points.to_string()]);
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
    Ok(String::from_utf8(csv.into_inner()?)?)
}

/// A spreadsheet would run a field that starts like a formula: such a field is made text.
pub(crate) fn spreadsheet_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
