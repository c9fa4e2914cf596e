//! Results in `--out` of students who are not in the class graded now (an earlier class, a folder
//! since renamed, another shard's slice): moved to `--out/set-aside/<time>/`, never deleted and
//! never counted, so that every output describes exactly the class just graded.

use crate::results::{StudentResult, file_name};
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What was set aside, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Their students, as their results name them (else their file names).
    pub students: Vec<String>,
    /// `--out/set-aside/<time>`.
    pub to: PathBuf,
}

/// Moves the results and feedback in `out` of every student not in `students` to
/// `out/set-aside/<time>/`; says what it moved, if anything.
pub(crate) fn others(out: &Path, students: &[String]) -> Result<Option<SetAside>> {
    let keep: BTreeSet<String> = students.iter().map(|s| file_name(s)).collect();
    let mut moving: Vec<(PathBuf, &str)> = Vec::new();
    let mut names = Vec::new();
    for (folder, extension) in [("results", "json"), ("feedback", "md")] {
        let dir = out.join(folder);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        };
        for entry in entries {
            let path = entry
                .with_context(|| format!("reading {}", dir.display()))?
                .path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            // `.name.tmp`: a file being written, not a result.
            let Some(stem) = name.strip_suffix(&format!(".{extension}")) else {
                continue;
            };
            if name.starts_with('.') || keep.contains(stem) {
                continue;
            }
            if folder == "results" {
                names.push(student_of(&path).unwrap_or_else(|| stem.to_string()));
            }
            moving.push((path, folder));
        }
    }
    if moving.is_empty() {
        return Ok(None);
    }
    let to = free_folder(&out.join("set-aside"), &timestamp(SystemTime::now()));
    for (path, folder) in moving {
        let into = to.join(folder);
        std::fs::create_dir_all(&into).with_context(|| format!("creating {}", into.display()))?;
        let target = into.join(path.file_name().expect("a file"));
        std::fs::rename(&path, &target)
            .with_context(|| format!("moving {} to {}", path.display(), target.display()))?;
    }
    names.sort();
    Ok(Some(SetAside {
        students: names,
        to,
    }))
}

fn student_of(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let result: StudentResult = serde_json::from_str(&text).ok()?;
    Some(result.student)
}

/// `dir/name`, or `dir/name-2`... if it is taken.
fn free_folder(dir: &Path, name: &str) -> PathBuf {
    let mut candidate = dir.join(name);
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{name}-{n}"));
        n += 1;
    }
    candidate
}

/// `2026-12-08T02-28-28Z`: UTC, sortable, and a valid file name everywhere.
fn timestamp(time: SystemTime) -> String {
    // RFC 3339 to the second, with `-` for `:`, which some file systems refuse in a name.
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .replace(':', "-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results;
    use crate::sample_class::class;
    use course::Lang;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_timestamp_is_the_utc_date_and_time() {
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00-00-00Z");
        let at = UNIX_EPOCH + Duration::from_secs(1_709_164_800 + 3_661);
        assert_eq!(timestamp(at), "2024-02-29T01-01-01Z");
    }

    #[test]
    fn results_of_students_not_in_the_class_are_moved_aside_not_deleted() {
        let out = std::env::temp_dir().join(format!("workbook-set-aside-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let class = class();
        for r in &class {
            results::write(&out, r, "feedback").unwrap();
        }
        // A file another writer has not renamed yet stays.
        std::fs::write(out.join("results/.x.json.tmp"), "").unwrap();
        let staying: Vec<String> = vec![class[1].student.clone()];
        let set = others(&out, &staying).unwrap().expect("some set aside");
        let mut gone: Vec<String> = (class.iter().enumerate())
            .filter(|(i, _)| *i != 1)
            .map(|(_, r)| r.student.clone())
            .collect();
        gone.sort();
        assert_eq!(set.students, gone);
        assert!(
            set.to.starts_with(out.join("set-aside")),
            "{}",
            set.to.display()
        );
        let read = results::read_results(&out).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].student, class[1].student);
        for name in &gone {
            let file = file_name(name);
            assert!(set.to.join(format!("results/{file}.json")).is_file());
            assert!(set.to.join(format!("feedback/{file}.md")).is_file());
        }
        assert!(out.join("results/.x.json.tmp").is_file());
        for lang in Lang::ALL {
            let said = crate::say::set_aside(&set, lang);
            assert!(said.contains(&gone.join(", ")), "{said}");
        }
        // Again, with nothing left to set aside.
        assert_eq!(others(&out, &staying).unwrap(), None);
        let _ = std::fs::remove_dir_all(&out);
    }
}
