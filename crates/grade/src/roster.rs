//! `grade --roster FILE`: who each submission folder is, for the exports an LMS imports.
//!
//! The roster is a CSV in UTF-8 (a byte-order mark is fine) or in CP949, what Korean Excel saves as
//! "CSV", with exactly this header (blank rows, such as the `,,` Excel leaves, are skipped):
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
//! flagged in the gradebook and the class report, and `grade` warns of each. Folders are compared
//! in NFC (see `names`): a folder named by macOS matches the roster's row typed in a spreadsheet.

use crate::names;
use anyhow::{Context, Result, bail};
use course::Lang;
use serde::Deserialize;
use std::borrow::Cow;
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
        let bytes = std::fs::read(path)
            .with_context(|| format!("reading the roster {}", path.display()))?;
        let text =
            decode(&bytes).with_context(|| format!("reading the roster {}", path.display()))?;
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
            // A spreadsheet's empty rows (`,,`).
            if record.iter().all(str::is_empty) {
                continue;
            }
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
            let row = Row {
                folder: names::nfc(&row.folder),
                student_id: names::nfc(&row.student_id),
                name: names::nfc(&row.name),
            };
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

/// A roster's text: UTF-8, or else CP949 (Korean Excel's "CSV"); refused with the fix in Korean
/// and English when it is neither.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    if let Some(text) =
        encoding_rs::EUC_KR.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(text);
    }
    bail!(
        "it is neither UTF-8 nor CP949 (Korean Excel's \"CSV\"): in Excel, save it with File → Save \
         As → \"CSV UTF-8 (Comma delimited)\" and give that file. / 명단 파일이 UTF-8도 CP949도 \
         아닙니다: Excel에서 파일 → 다른 이름으로 저장 → \"CSV UTF-8(쉼표로 분리)\"로 저장한 파일을 \
         주세요."
    )
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
    /// Graded folders not in the roster that read like a roster's folder (equal in NFKC), with it.
    pub(crate) lookalikes: Vec<(String, String)>,
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
    let mut matched = BTreeSet::new();
    for &folder in folders {
        let key = names::nfc(folder);
        if listed.contains_key(key.as_str()) {
            matched.insert(key.clone());
        }
        let person = match listed.get(key.as_str()) {
            Some(row) => Person {
                student_id: row.student_id.clone(),
                name: row.name.clone(),
                in_roster: true,
            },
            None => {
                if roster.is_some() {
                    check.not_in_roster.push(folder.to_string());
                    check.lookalikes.extend(
                        (listed.keys())
                            .filter(|listed| names::lookalike(&key, listed))
                            .map(|listed| (folder.to_string(), listed.to_string())),
                    );
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
            .filter(|row| !matched.contains(&row.folder))
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
    pub fn warnings(&self, lang: Lang) -> Vec<String> {
        let Some(roster) = &self.roster else {
            return Vec::new();
        };
        let roster = roster.display();
        let mut lines: Vec<String> = self
            .not_in_roster
            .iter()
            .map(|folder| {
                let mut line = match lang {
                    Lang::En => format!(
                        "warning: the submission {folder} is not in the roster {roster}: its \
                         exports use the folder name as the student id"
                    ),
                    Lang::Ko => format!(
                        "경고: 제출물 {folder}이(가) 명단 {roster}에 없습니다. 내보내기에는 폴더 \
                         이름이 학번 자리에 들어갑니다"
                    ),
                };
                for (_, listed) in self.lookalikes.iter().filter(|(f, _)| f == folder) {
                    let differ = names::difference(folder, listed);
                    line.push_str(&match lang {
                        Lang::En => format!(
                            "; it reads like the roster's {listed}, but its characters differ \
                             ({differ}): rename the folder or fix the roster"
                        ),
                        Lang::Ko => format!(
                            "; 명단의 {listed}와(과) 같아 보이지만 글자가 다릅니다({differ}). \
                             폴더 이름이나 명단을 고치세요"
                        ),
                    });
                }
                line
            })
            .collect();
        lines.extend(self.no_submission.iter().map(|row| {
            let (name, id, folder) = (&row.name, &row.student_id, &row.folder);
            match lang {
                Lang::En => format!(
                    "warning: {name} ({id}, folder {folder}) is in the roster {roster} but has no \
                     submission"
                ),
                Lang::Ko => format!(
                    "경고: {name}({id}, 폴더 {folder})은(는) 명단 {roster}에 있지만 제출물이 \
                     없습니다"
                ),
            }
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
        let warnings = check.warnings(Lang::En);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("stray") && warnings[0].contains("not in the roster"));
        assert!(warnings[1].contains("Park, Ji-ho") && warnings[1].contains("no submission"));
        // `--lang ko`: the same two, in Korean.
        let korean = check.warnings(Lang::Ko);
        assert!(
            korean[0].contains("stray") && korean[0].contains("명단"),
            "{korean:?}"
        );
        assert!(
            korean[1].contains("Park, Ji-ho") && korean[1].contains("제출물이"),
            "{korean:?}"
        );
    }

    #[test]
    fn a_shard_does_not_report_the_students_of_other_shards() {
        let roster = roster("folder,student_id,name\nbora,1,Bora\nmin,2,Min\n");
        let check = check(Some(&roster), &["bora"], false);
        assert!(check.no_submission.is_empty());
        assert!(check.warnings(Lang::En).is_empty());
    }

    #[test]
    fn without_a_roster_the_folder_is_the_id_and_nothing_is_flagged() {
        let check = check(None, &["bora"], true);
        assert_eq!(check.people["bora"].student_id, "bora");
        assert!(check.people["bora"].in_roster);
        assert_eq!(check.flag("bora"), None);
        assert!(check.warnings(Lang::En).is_empty());
    }

    /// 김철수 as macOS names a folder (NFD: each syllable as its jamo).
    const NFD: &str = "\u{1100}\u{1175}\u{11B7}\u{110E}\u{1165}\u{11AF}\u{1109}\u{116E}";

    #[test]
    fn a_folder_named_by_macos_matches_the_roster_typed_in_nfc() {
        let typed = roster("folder,student_id,name\n김철수,2024-0001,김철수\n");
        let check = check(Some(&typed), &[NFD], true);
        assert_eq!(check.people[NFD].student_id, "2024-0001");
        assert!(check.people[NFD].in_roster);
        assert!(check.no_submission.is_empty());
        assert!(
            check.warnings(Lang::En).is_empty(),
            "{:?}",
            check.warnings(Lang::En)
        );
        // And the other way round: a roster saved in NFD, a folder named in NFC.
        let saved_in_nfd = roster(&format!("folder,student_id,name\n{NFD},2024-0001,x\n"));
        assert_eq!(saved_in_nfd.rows[0].folder, "김철수");
    }

    #[test]
    fn lookalike_names_are_shown_with_the_code_points_where_they_differ() {
        let roster = roster("folder,student_id,name\nbora,2024-0117,Bora Kim\n");
        // A full-width ｂ: it reads as bora, and is not.
        let check = check(Some(&roster), &["\u{FF42}ora"], true);
        let warnings = check.warnings(Lang::En);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("U+FF42") && warnings[0].contains("U+0062"),
            "{warnings:?}"
        );
        assert!(!warnings[1].contains("U+"), "{warnings:?}");
    }

    fn saved(name: &str, bytes: &[u8]) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("workbook-roster-{name}-{}.csv", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_roster_saved_by_korean_excel_in_cp949_is_read() {
        let text = "folder,student_id,name\r\n김영희,2024-0342,김영희\r\n,,\r\n,,\r\n";
        let (bytes, _, lossy) = encoding_rs::EUC_KR.encode(text);
        assert!(!lossy);
        assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
        let path = saved("cp949", &bytes);
        let roster = Roster::load(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            roster.rows,
            [Row {
                folder: "김영희".into(),
                student_id: "2024-0342".into(),
                name: "김영희".into()
            }]
        );
    }

    #[test]
    fn a_roster_in_neither_utf8_nor_cp949_is_refused_with_the_fix_in_both_languages() {
        // UTF-16, what Excel saves as "Unicode text".
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "folder,student_id,name\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let path = saved("utf16", &bytes);
        let error = format!("{:#}", Roster::load(&path).unwrap_err());
        let _ = std::fs::remove_file(&path);
        assert!(error.contains("CSV UTF-8 (Comma delimited)"), "{error}");
        assert!(error.contains("CSV UTF-8(쉼표로 분리)"), "{error}");
    }

    #[test]
    fn blank_rows_from_a_spreadsheet_are_skipped() {
        let rows =
            Roster::parse("\u{feff}folder,student_id,name\na,1,A\n,,\n\n , , \n,,\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].folder, "a");
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
