//! Canvas: the class's points as a gradebook CSV that Canvas imports (Grades → Import), keyed by
//! student id. The columns are those Canvas's importer reads (`GradebookImporter` in
//! `instructure/canvas-lms`, `app/models/gradebook_importer.rb`): a header starting `Student`,
//! `ID`, then `SIS User ID`, `SIS Login ID`, and `Section` last before the assignments; a row whose
//! first cell is `Points Possible` sets a new assignment's points. A student is found by `ID`
//! (Canvas's own number, left empty here), else by `SIS User ID`, else by `SIS Login ID`, else by
//! name: the roster's `student_id` goes in both SIS columns. Without a roster the folder name is
//! the id; with one, a folder it does not list gets no id at all. An empty score changes nothing:
//! a submission that could not be read gets one (never a 0). The file starts with a UTF-8
//! byte-order mark, for Excel (Canvas's importer reads it with or without).
//!
//! Every graded folder has a row, in the roster or not (Canvas's preview lists a student it cannot
//! find); so does a roster row with no submission, with an empty score. Either is flagged in the
//! gradebook and the class report: Canvas would take any extra column for an assignment.

use crate::gradebook::{for_excel, spreadsheet_text};
use crate::results::StudentResult;
use crate::roster;
use anyhow::Result;
use serde::Serialize;

#[derive(Serialize)]
struct Row {
    #[serde(rename = "Student")]
    student: String,
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "SIS User ID")]
    sis_user_id: String,
    #[serde(rename = "SIS Login ID")]
    sis_login_id: String,
    #[serde(rename = "Section")]
    section: String,
    /// The assignment column: rename it to an existing assignment as Canvas exports it
    /// (`Name (1234)`) to fill that one instead of creating a new one.
    #[serde(rename = "Workbook")]
    points: Option<u32>,
}

impl Row {
    fn new(name: &str, student_id: &str, points: Option<u32>) -> Row {
        Row {
            student: spreadsheet_text(name),
            id: String::new(),
            sis_user_id: spreadsheet_text(student_id),
            sis_login_id: spreadsheet_text(student_id),
            section: String::new(),
            points,
        }
    }
}

/// The class's `canvas.csv`.
pub fn csv(results: &[StudentResult], roster: &roster::Check) -> Result<String> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    if let Some(max) = results.iter().map(|r| r.max_points).max() {
        csv.serialize(Row::new("Points Possible", "", Some(max)))?;
    }
    for r in results {
        let (id, name) = match roster.people.get(&r.student) {
            Some(person) if person.in_roster => (person.student_id.as_str(), person.name.as_str()),
            // A folder a roster does not list gets no id: its name is the student's choice, and
            // `2024-0001.zip` must not post its points under that classmate's id. Canvas shows
            // the row as unmatched; the gradebook and the report flag it.
            Some(person) => ("", person.name.as_str()),
            None => (r.student.as_str(), r.student.as_str()),
        };
        // Unreadable: no score, so that Canvas keeps what it has rather than post a 0.
        let points = r.unreadable().is_none().then_some(r.points);
        csv.serialize(Row::new(name, id, points))?;
    }
    for missing in &roster.no_submission {
        csv.serialize(Row::new(&missing.name, &missing.student_id, None))?;
    }
    Ok(for_excel(String::from_utf8(csv.into_inner()?)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Roster;
    use crate::sample_class::class;
    use std::path::PathBuf;

    const HEADER: [&str; 6] = [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Workbook",
    ];

    /// The rows of `text` read back with a CSV reader, header first, past its byte-order mark.
    fn rows(text: &str) -> Vec<Vec<String>> {
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a UTF-8 byte-order mark");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn the_csv_has_canvas_columns_and_a_row_for_every_student_of_roster_and_class() {
        let class = class();
        let roster = Roster {
            path: PathBuf::from("roster.csv"),
            rows: Roster::parse(
                "folder,student_id,name\n\
                 김영희,2024-0342,김영희\n\
                 alice,2024-0001,\"Lee, Alice\"\n\
                 ghost,2024-0999,Park Ji-ho\n",
            )
            .unwrap(),
        };
        let folders: Vec<&str> = class.iter().map(|r| r.student.as_str()).collect();
        let check = roster::check(Some(&roster), &folders, true);
        let rows = rows(&csv(&class, &check).unwrap());
        assert_eq!(
            rows[0], HEADER,
            "Canvas's importer reads these columns, in this order"
        );
        assert!(rows.iter().all(|r| r.len() == HEADER.len()), "{rows:?}");
        // Points possible, as a number.
        assert_eq!(rows[1][0], "Points Possible");
        assert_eq!(rows[1][5].parse::<u32>().unwrap(), class[0].max_points);
        let row = |id: &str| {
            rows.iter()
                .find(|r| r[2] == id)
                .unwrap_or_else(|| panic!("{id}"))
        };
        // By the roster: the id in both SIS columns, the name with its comma, the points.
        let alice = row("2024-0001");
        assert_eq!(alice[0], "Lee, Alice");
        assert_eq!(alice[3], "2024-0001");
        assert_eq!(alice[5].parse::<u32>().unwrap(), 8);
        let younghee = row("2024-0342");
        assert_eq!(younghee[0], "김영희");
        assert_eq!(younghee[5].parse::<u32>().unwrap(), 2);
        // Not in the roster: kept, under the folder's name, with no id to post its points under
        // (a folder named after a classmate's id must not land in their grade).
        let unlisted = |name: &str| {
            rows.iter()
                .find(|r| r[0] == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        assert_eq!(unlisted("bora")[1..4], ["", "", ""]);
        assert_eq!(unlisted("eve<b>&co")[2], "");
        // Eve's zip could not be read: no score, never a 0.
        assert_eq!(unlisted("eve<b>&co")[5], "");
        // In the roster, no submission: a row with no score (Canvas then changes nothing).
        assert_eq!(row("2024-0999")[5], "");
        assert_eq!(rows.len(), 2 + class.len() + 1);
    }

    #[test]
    fn without_a_roster_the_folder_name_is_the_id() {
        let class = class();
        let folders: Vec<&str> = class.iter().map(|r| r.student.as_str()).collect();
        let rows = rows(&csv(&class, &roster::check(None, &folders, true)).unwrap());
        let ids: Vec<&str> = rows[2..].iter().map(|r| r[2].as_str()).collect();
        assert_eq!(ids, folders);
    }

    #[test]
    fn an_unreadable_submission_gets_no_score_not_a_zero() {
        let mut class = class();
        class[0].problem = Some("is empty".into());
        class[0].status = crate::results::Status::Unreadable;
        let folders: Vec<&str> = class.iter().map(|r| r.student.as_str()).collect();
        let rows = rows(&csv(&class, &roster::check(None, &folders, true)).unwrap());
        let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap();
        assert_eq!(row(&class[0].student)[5], "", "blank, never 0");
        assert_eq!(row(&class[1].student)[5], class[1].points.to_string());
    }

    #[test]
    fn a_name_that_starts_like_a_formula_is_text() {
        let mut class = class();
        class[0].student = "=HYPERLINK(\"x\")".into();
        let check = roster::check(None, &[class[0].student.as_str()], true);
        let rows = rows(&csv(&class[..1], &check).unwrap());
        assert_eq!(rows[2][0], "'=HYPERLINK(\"x\")");
    }
}
