//! A class's submissions: found in a folder (each a folder or a .zip holding a copy of
//! `exercises/`), unpacked safely, and compared with the pristine files a learner may not edit.

mod unzip;

use crate::names;
use anyhow::{Result, bail};
use course::Repo;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Files of a submission's root that are compared with the pristine ones (and never used).
const WORKSPACE_FILES: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "rust-toolchain",
    "rust-toolchain.toml",
    ".cargo/config.toml",
];
/// Files of an exercise crate that are compared with the pristine ones, besides its `tests/`.
const CRATE_FILES: &[&str] = &["Cargo.toml", "build.rs", "hints.toml", ".cargo/config.toml"];

/// What archivers and file browsers leave beside a learner's files: macOS's `__MACOSX/` (in its
/// zips and in the folders unzipped from them), `.DS_Store` and `._` resource forks, Windows's
/// `Thumbs.db` and `desktop.ini`. Skipped in folders as in zips, and never a submission.
pub(crate) fn is_debris(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    ["__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"].contains(&name.as_ref())
        || name.starts_with("._")
}

/// One student's submission, ready to grade, or the reason it cannot be.
#[derive(Debug, Clone)]
pub(crate) struct Submission {
    /// The student's name: the folder or zip name, made unique and printable.
    pub student: String,
    /// What the instructor handed in: the folder or zip in the submissions folder.
    pub origin: PathBuf,
    /// The folder holding the exercise crates (`<root>/ex01-join/src/...`), once found.
    pub root: Option<PathBuf>,
    /// Why it cannot be graded (a broken zip, no exercises/ layout...).
    pub problem: Option<String>,
    /// Notes for the instructor that do not stop grading (a renamed student).
    pub notes: Vec<String>,
}

/// Every entry of `dir`, by name; `unpack` is where zips are extracted.
pub(crate) fn discover(repo: &Repo, dir: &Path, unpack: &Path) -> Result<Vec<Submission>> {
    if !dir.is_dir() {
        bail!(
            "the submissions folder {} does not exist (or is not a folder)",
            dir.display()
        );
    }
    let dir = dir.canonicalize()?;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut submissions: Vec<Submission> = Vec::new();
    for entry in entries {
        let raw = entry.file_name();
        let name = raw.to_string_lossy().into_owned();
        if name.starts_with('.') || is_debris(&raw) {
            continue;
        }
        let mut notes = Vec::new();
        if raw.to_str().is_none() {
            notes.push(format!("the name is not valid UTF-8; graded as {name:?}"));
        }
        // In NFC, as the roster is compared: macOS names folders in NFD.
        let stem = names::nfc(name.strip_suffix(".zip").unwrap_or(&name));
        let mut student = stem.clone();
        let mut n = 2;
        while submissions.iter().any(|s| s.student == student) {
            student = format!("{stem}-{n}");
            n += 1;
        }
        let mut submission = Submission {
            student,
            origin: entry.path(),
            root: None,
            problem: None,
            notes,
        };
        locate(repo, &dir, unpack, &mut submission);
        submissions.push(submission);
    }
    if submissions.is_empty() {
        bail!(
            "no submissions in {}: expected one folder or .zip per student",
            dir.display()
        );
    }
    Ok(submissions)
}

fn locate(repo: &Repo, submissions_dir: &Path, unpack: &Path, s: &mut Submission) {
    let meta = match std::fs::symlink_metadata(&s.origin) {
        Ok(meta) => meta,
        Err(e) => return s.problem = Some(format!("cannot be read: {e}")),
    };
    let folder = if meta.file_type().is_symlink() {
        match s.origin.canonicalize() {
            Ok(target) if target.starts_with(submissions_dir) && target.is_dir() => target,
            _ => {
                return s.problem =
                    Some("is a link that leads out of the submissions folder: not graded".into());
            }
        }
    } else if meta.is_dir() {
        s.origin.clone()
    } else if s.origin.extension().is_some_and(|e| e == "zip") {
        // Named one to one by student: two zips never share a folder.
        let target = unpack.join(super::file_name(&s.student));
        match unzip::unzip(repo, &s.origin, &target) {
            Ok(()) => target,
            Err(e) => return s.problem = Some(format!("{e:#}")),
        }
    } else {
        return s.problem = Some("is neither a folder nor a .zip".into());
    };
    match find_root(repo, &folder) {
        Some(root) if link_below(&folder, &root).is_some() => {
            s.problem = Some(
                "reaches its exercises through a link (links are not followed): not graded".into(),
            )
        }
        Some(root) => s.root = Some(root),
        None if is_empty(&folder) => s.problem = Some("is empty".into()),
        None => {
            s.problem = Some(
                "has no exercises/ layout (expected exercises/ex01-join/src/lib.rs and so on)"
                    .into(),
            )
        }
    }
}

/// True when `folder` holds nothing but archive debris.
fn is_empty(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries.flatten().all(|e| {
            is_debris(&e.file_name())
                || (e.file_type().is_ok_and(|t| t.is_dir()) && files_under(&e.path()).is_empty())
        })
    })
}

/// The folder that holds the exercise crates: the submission itself, its `exercises/`, or the same
/// one level down (a zip of a folder).
fn find_root(repo: &Repo, folder: &Path) -> Option<PathBuf> {
    let names: Vec<String> = repo.exercises().ok()?.into_iter().map(|e| e.name).collect();
    let holds = |dir: &Path| names.iter().any(|n| dir.join(n).join("src").is_dir());
    let mut candidates = vec![folder.to_path_buf(), folder.join("exercises")];
    let children: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) && !is_debris(&e.file_name()))
        .map(|e| e.path())
        .collect();
    if let [only] = children.as_slice() {
        candidates.extend([only.clone(), only.join("exercises")]);
    }
    candidates.into_iter().find(|c| holds(c))
}

/// Files a learner may not edit, found changed (or added, or deleted) in a submission. They are
/// never used: the pristine copies are. Paths are relative to the exercises folder.
pub(crate) fn integrity_flags(repo: &Repo, root: &Path) -> Result<Vec<String>> {
    let pristine = repo.exercises_dir();
    let mut flags = Vec::new();
    let mut compare = |relative: PathBuf| {
        let theirs = read_submitted(&root.join(&relative));
        let ours = std::fs::read(pristine.join(&relative)).ok();
        let what = match (&ours, &theirs) {
            (Some(a), Some(b)) if a != b => "was changed",
            // A missing manifest or config changes nothing; a missing test file is worth a look.
            (Some(_), None) if relative.components().any(|c| c.as_os_str() == "tests") => {
                "was deleted"
            }
            (None, Some(_)) => "was added",
            _ => return,
        };
        flags.push(format!(
            "{} {what} (not used: the original was)",
            relative.display()
        ));
    };
    for file in WORKSPACE_FILES {
        compare(file.into());
    }
    for exercise in repo.exercises()? {
        if !root.join(&exercise.name).is_dir() {
            continue;
        }
        let base = PathBuf::from(&exercise.name);
        for file in CRATE_FILES {
            compare(base.join(file));
        }
        // No `tests/` at all is what `workbook submit` hands in (only `src/`): nothing deleted.
        let submitted_tests = root.join(&exercise.name).join("tests");
        if !submitted_tests.is_dir() {
            continue;
        }
        let mut tests = files_under(&pristine.join(&exercise.name).join("tests"));
        tests.extend(files_under(&submitted_tests));
        tests.sort();
        tests.dedup();
        for test in tests {
            compare(base.join("tests").join(test));
        }
    }
    Ok(flags)
}

/// The first link on the way from `base` down to `path` (`path` itself included), if any: a
/// submitted folder that is a link may lead anywhere, the solutions included.
pub(crate) fn link_below(base: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(base).ok()?;
    let mut at = base.to_path_buf();
    for part in relative.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(at);
        }
    }
    None
}

/// The bytes of a submitted file, if it is a regular file (not a link, a FIFO or a device, which
/// could point anywhere or block the grader forever).
pub(crate) fn read_submitted(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    std::fs::read(path).ok()
}

/// Relative paths of the regular files below `dir`.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if is_debris(&entry.file_name()) {
            continue;
        }
        let name = PathBuf::from(entry.file_name());
        if kind.is_dir() {
            out.extend(files_under(&entry.path()).into_iter().map(|p| name.join(p)));
        } else if kind.is_file() {
            out.push(name);
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use course::files::sync_dir;

    /// A submission's exercises folder at `name`: every exercise's `src/` (the stub's), as
    /// `workbook submit` zips it.
    fn sources_only(repo: &Repo, name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("workbook-integrity-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for exercise in repo.exercises().unwrap() {
            sync_dir(
                &exercise.dir.join("src"),
                &root.join(&exercise.name).join("src"),
                None,
            )
            .unwrap();
        }
        root
    }

    /// `files` (path, text) written under `dir`.
    fn write_files(dir: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    /// A zip of `dir`'s files, every one, as macOS's Finder would make it (debris included).
    fn zip_all(dir: &Path, zip: &Path) {
        let mut writer = zip::ZipWriter::new(std::fs::File::create(zip).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut stack = vec![dir.to_path_buf()];
        while let Some(at) = stack.pop() {
            for entry in std::fs::read_dir(&at).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let name = path
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    writer.start_file(name, options).unwrap();
                    std::io::Write::write_all(&mut writer, &std::fs::read(&path).unwrap()).unwrap();
                }
            }
        }
        writer.finish().unwrap();
    }

    #[test]
    fn folders_as_instructors_get_them_nfd_names_macos_debris_empty_and_corrupt() {
        let repo = Repo::of_this_build();
        let base = std::env::temp_dir().join(format!("workbook-class-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (class, unpack) = (base.join("class"), base.join("unpacked"));
        let lib = "exercises/ex01-join/src/lib.rs";
        // 김철수, as macOS names a folder: in NFD.
        let nfd = "\u{1100}\u{1175}\u{11B7}\u{110E}\u{1165}\u{11AF}\u{1109}\u{116E}";
        write_files(&class.join(nfd), &[(lib, "// mine\n")]);
        // Unzipped by macOS: __MACOSX/ beside the folder zipped, and .DS_Store everywhere.
        let tests = "exercises/ex01-join/tests";
        let mac = base.join("mac");
        write_files(
            &mac,
            &[
                (&format!("mac/{lib}"), "// mine\n"),
                (&format!("__MACOSX/mac/{lib}"), "resource fork"),
                ("__MACOSX/mac/._exercises", "resource fork"),
                ("mac/.DS_Store", "finder"),
                (&format!("mac/{tests}/.DS_Store"), "finder"),
                (&format!("mac/{tests}/._exercise.rs"), "resource fork"),
            ],
        );
        let ex01 = repo.exercise("ex01-join").unwrap();
        sync_dir(&ex01.dir.join("tests"), &mac.join("mac").join(tests), None).unwrap();
        sync_dir(&mac, &class.join("mac"), None).unwrap();
        zip_all(&mac, &class.join("mac.zip"));
        write_files(
            &class.join("empty"),
            &[(".DS_Store", "finder"), ("Thumbs.db", "")],
        );
        std::fs::write(class.join("corrupt.zip"), b"PK\x03\x04 cut short").unwrap();
        // Debris of the class's own folder is no student.
        write_files(
            &class,
            &[("__MACOSX/._mac", ""), (".DS_Store", ""), ("Thumbs.db", "")],
        );

        let found = discover(&repo, &class, &unpack).unwrap();
        let names: Vec<&str> = found.iter().map(|s| s.student.as_str()).collect();
        assert_eq!(names, ["corrupt", "empty", "mac", "mac-2", "김철수"]);
        let of = |name: &str| found.iter().find(|s| s.student == name).unwrap();
        assert!(of("김철수").root.is_some() && of("김철수").problem.is_none());
        assert!(
            (of("corrupt").problem.as_deref()).is_some_and(|p| p.contains("not a readable zip")),
            "{:?}",
            of("corrupt").problem
        );
        assert_eq!(of("empty").problem.as_deref(), Some("is empty"));
        // The unzipped folder grades as its zip: the same root, files and flags.
        let (folder, zip) = (of("mac"), of("mac-2"));
        assert_eq!((&folder.problem, &zip.problem), (&None, &None));
        let (folder, zip) = (folder.root.clone().unwrap(), zip.root.clone().unwrap());
        assert!(
            folder.ends_with("mac/mac/exercises"),
            "{}",
            folder.display()
        );
        assert_eq!(files_under(&folder), files_under(&zip));
        assert_eq!(
            integrity_flags(&repo, &folder).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(integrity_flags(&repo, &zip).unwrap(), Vec::<String>::new());
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn sources_alone_raise_no_flag_and_a_deleted_or_changed_file_does() {
        let repo = Repo::of_this_build();
        let root = sources_only(&repo, "flags");
        assert_eq!(integrity_flags(&repo, &root).unwrap(), Vec::<String>::new());

        let ex01 = repo.exercise("ex01-join").unwrap();
        sync_dir(&ex01.dir.join("tests"), &root.join("ex01-join/tests"), None).unwrap();
        std::fs::remove_file(root.join("ex01-join/tests/exercise.rs")).unwrap();
        std::fs::write(
            root.join("ex01-join/Cargo.toml"),
            "[package]\nname = \"x\"\n",
        )
        .unwrap();
        let flags = integrity_flags(&repo, &root).unwrap();
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(
            flags,
            [
                "ex01-join/Cargo.toml was changed (not used: the original was)",
                "ex01-join/tests/exercise.rs was deleted (not used: the original was)",
            ]
        );
    }
}
