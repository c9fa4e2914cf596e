//! `grade --roster FILE`: who each submission folder is, for the exports an LMS imports.
//!
//! The roster is a UTF-8 CSV (a byte-order mark is fine) with exactly this header:
//!
//! ```text
//! folder,student_id,name
//! bora,2024-0117,Bora Kim
//! 김영희,2024-0342,김영희
//! ```
//!
//! `folder` is a submission's name as grading knows it (the folder, or the `.zip` without `.zip`),
//! `student_id` what the LMS knows the student by, `name` how they are shown. A roster row that
//! matches no submission, and a submission that is not in the roster, are never dropped: they are
//! flagged in the gradebook and the class report, and `grade` warns of each.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The one header a roster may have.
pub(crate) const HEADER: [&str; 3] = ["folder", "student_id", "name"];

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(crate) struct Row {
    pub folder: String,
    pub student_id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Roster {
    pub(crate) path: PathBuf,
    pub(crate) rows: Vec<Row>,
}

impl Roster {
    pub fn load(path: &Path) -> Result<Roster> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the roster {}", path.display()))?;
        let rows = Roster::parse(&text)
            .with_context(|| format!("reading the roster {}", path.display()))?;
        Ok(Roster {
            path: path.to_path_buf(),
            rows,
        })
    }

    /// The rows of a roster's text; an error names the line at fault.
    pub(crate) fn parse(text: &str) -> Result<Vec<Row>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
        if header != HEADER {
            bail!(
                "its header is `{}`; a roster's first line must be exactly `{}`",
                header.join(","),
                HEADER.join(",")
            );
        }
        let mut rows: Vec<Row> = Vec::new();
        let (mut folders, mut ids) = (BTreeSet::new(), BTreeSet::new());
        let headers = reader.headers()?.clone();
        for record in reader.records() {
            let record = record?;
            // As the file counts its lines: quoted line breaks and blank lines included (csv's own
            // line count skips blank lines), from where the record starts.
            // (csv's byte position is before the blank lines it skipped.)
            let bytes = text.as_bytes();
            let mut start = record
                .position()
                .map_or(0, |p| p.byte() as usize)
                .min(bytes.len());
            while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
                start += 1;
            }
            let line = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count();
            let row: Row = record
                .deserialize(Some(&headers))
                .with_context(|| format!("line {line}"))?;
            if row.folder.is_empty() || row.student_id.is_empty() {
                bail!("line {line}: folder and student_id may not be empty");
            }
            if !folders.insert(row.folder.clone()) {
                bail!("line {line}: the folder {} is listed twice", row.folder);
            }
            if !ids.insert(row.student_id.clone()) {
                bail!(
                    "line {line}: the student_id {} is listed twice",
                    row.student_id
                );
            }
            rows.push(row);
        }
        Ok(rows)
    }
}

/// Who a graded folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub student_id: String,
    pub name: String,
    /// False when a roster was given and this folder is not in it.
    pub in_roster: bool,
}

/// The class as the roster sees it.
#[derive(Debug, Clone, Default)]
pub struct Check {
    /// The roster's file, when one was given.
    pub(crate) roster: Option<PathBuf>,
    /// Each graded folder: by the roster, or its folder name for id and name.
    pub(crate) people: BTreeMap<String, Person>,
    /// Graded folders that the roster does not list.
    pub(crate) not_in_roster: Vec<String>,
    /// Roster rows that match no graded folder (not checked for a shard: it holds part of a class).
    pub(crate) no_submission: Vec<Row>,
}

/// Matches the graded `folders` with `roster`. `whole_class` is false for a shard, whose missing
/// students are in other shards.
pub fn check(roster: Option<&Roster>, folders: &[&str], whole_class: bool) -> Check {
    let mut check = Check {
        roster: roster.map(|r| r.path.clone()),
        ..Check::default()
    };
    let listed: BTreeMap<&str, &Row> = roster
        .map(|r| {
            r.rows
                .iter()
                .map(|row| (row.folder.as_str(), row))
                .collect()
        })
        .unwrap_or_default();
    for &folder in folders {
        let person = match listed.get(folder) {
            Some(row) => Person {
                student_id: row.student_id.clone(),
                name: row.name.clone(),
                in_roster: true,
            },
            None => {
                if roster.is_some() {
                    check.not_in_roster.push(folder.to_string());
                }
                Person {
                    student_id: folder.to_string(),
                    name: folder.to_string(),
                    in_roster: roster.is_none(),
                }
            }
        };
        check.people.insert(folder.to_string(), person);
    }
    if whole_class {
        check.no_submission = listed
            .values()
            .filter(|row| !check.people.contains_key(&row.folder))
            .map(|row| (*row).clone())
            .collect();
    }
    check
}

impl Check {
    /// The flag a folder gets in the gradebook, if the roster does not list it.
    pub(crate) fn flag(&self, folder: &str) -> Option<String> {
        let person = self.people.get(folder)?;
        (!person.in_roster).then(|| NOT_IN_ROSTER.to_string())
    }

    /// One line for each mismatch, for the terminal.
    pub fn warnings(&self) -> Vec<String> {
        let Some(roster) = &self.roster else {
            return Vec::new();
        };
        let roster = roster.display();
        let mut lines: Vec<String> = self
            .not_in_roster
            .iter()
            .map(|folder| {
                format!(
                    "warning: the submission {folder} is not in the roster {roster}: its exports \
                     use the folder name as the student id"
                )
            })
            .collect();
        lines.extend(self.no_submission.iter().map(|row| {
            format!(
                "warning: {} ({}, folder {}) is in the roster {roster} but has no submission",
                row.name, row.student_id, row.folder
            )
        }));
        lines
    }
}

/// The gradebook's flag for a submission the roster does not list.
pub(crate) const NOT_IN_ROSTER: &str =
    "not in the roster: the folder name stands for the student id";
/// The gradebook's flag for a roster row with no submission.
pub(crate) const NO_SUBMISSION: &str = "in the roster, but no submission";

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(text: &str) -> Roster {
        Roster {
            path: PathBuf::from("roster.csv"),
            rows: Roster::parse(text).unwrap(),
        }
    }

    #[test]
    fn folders_map_to_ids_and_names_and_mismatches_are_reported() {
        let roster = roster(
            "\u{feff}folder,student_id,name\n\
             bora,2024-0117,Bora Kim\n\
             김영희, 2024-0342 ,김영희\n\
             ghost,2024-0999,\"Park, Ji-ho\"\n",
        );
        let check = check(Some(&roster), &["bora", "김영희", "stray"], true);
        assert_eq!(
            check.people["김영희"],
            Person {
                student_id: "2024-0342".into(),
                name: "김영희".into(),
                in_roster: true
            }
        );
        assert_eq!(check.people["bora"].student_id, "2024-0117");
        // Not in the roster: kept, with the folder name for id and name, and flagged.
        assert_eq!(check.people["stray"].student_id, "stray");
        assert!(!check.people["stray"].in_roster);
        assert_eq!(check.not_in_roster, ["stray"]);
        assert_eq!(check.flag("stray").as_deref(), Some(NOT_IN_ROSTER));
        assert_eq!(check.flag("bora"), None);
        // In the roster with no submission: reported, with its quoted name whole.
        assert_eq!(check.no_submission.len(), 1);
        assert_eq!(check.no_submission[0].name, "Park, Ji-ho");
        let warnings = check.warnings();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("stray") && warnings[0].contains("not in the roster"));
        assert!(warnings[1].contains("Park, Ji-ho") && warnings[1].contains("no submission"));
    }

    #[test]
    fn a_shard_does_not_report_the_students_of_other_shards() {
        let roster = roster("folder,student_id,name\nbora,1,Bora\nmin,2,Min\n");
        let check = check(Some(&roster), &["bora"], false);
        assert!(check.no_submission.is_empty());
        assert!(check.warnings().is_empty());
    }

    #[test]
    fn without_a_roster_the_folder_is_the_id_and_nothing_is_flagged() {
        let check = check(None, &["bora"], true);
        assert_eq!(check.people["bora"].student_id, "bora");
        assert!(check.people["bora"].in_roster);
        assert_eq!(check.flag("bora"), None);
        assert!(check.warnings().is_empty());
    }

    #[test]
    fn a_wrong_header_or_a_duplicate_is_refused_with_its_line() {
        let wrong = Roster::parse("name,id\nBora,1\n").unwrap_err();
        assert!(
            format!("{wrong:#}").contains("folder,student_id,name"),
            "{wrong:#}"
        );
        let twice = Roster::parse("folder,student_id,name\na,1,A\nb,1,B\n").unwrap_err();
        assert!(format!("{twice:#}").contains("line 3"), "{twice:#}");
        let empty = Roster::parse("folder,student_id,name\na,,A\n").unwrap_err();
        assert!(format!("{empty:#}").contains("line 2"), "{empty:#}");
        // The file's own line: past a blank line and a name with a line break in quotes.
        let later = Roster::parse("folder,student_id,name\na,1,\"A\nB\"\n\nb,1,B\n").unwrap_err();
        assert!(format!("{later:#}").contains("line 5"), "{later:#}");
    }
}
