//! Builds a class of submissions, as students would hand them in, from the solutions, the stubs,
//! the wrong answers and the misbehaving code: the input of the grading checks and benchmark.

use anyhow::{Context, Result};
use course::files::sync_dir;
use course::{Exercise, Repo};
use grade::results::TestStatus;
use std::path::{Path, PathBuf};

/// What a student wrote for one exercise.
#[derive(Debug, Clone)]
pub enum Work {
    Solution,
    Stub,
    /// A wrong answer or a misbehaviour: the solution with the regions it replaces.
    Lib(PathBuf),
    /// Source that does not compile.
    Broken,
}

/// Misbehaving code kept to prove that grading survives it, and attacks kept to prove that the
/// sandbox stops them: `misbehaving/<exercise>/<name>.rs`. Its header names the verdict:
///
/// ```text
/// //! status: timed_out            every test of the exercise ends so, with no points
/// //! status: failed|timed_out     ... one of these, where the machine's load decides which
/// //! compile: failed               or: the exercise does not build (`failed` or `timed_out`)
/// //! compile-message: Permission   ... and its compiler errors say this
/// //! unsandboxed: passed           optional: every test's status graded with --no-sandbox
/// //! alert: required               the grader must raise an alert (its passes may be forged)
/// ```
///
/// `@REPO@` in an attack stands for the repository's absolute path, as an attacker would find it.
///
/// An attack whose `unsandboxed` verdict is `passed` is real: it gets full marks where nothing
/// stops it.
#[derive(Debug, Clone)]
pub struct Misbehaviour {
    pub exercise: String,
    pub name: String,
    pub file: PathBuf,
    pub expect: Expect,
    /// The status of every test when graded without the sandbox, if that is safe to try.
    pub unsandboxed: Option<String>,
    /// The grader must alert the instructor: a pass here may be forged.
    pub alert: bool,
}

/// What grading must make of a misbehaviour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Every test gets this status (`timed_out`, `failed`...), or one of `a|b`, and no points.
    Status(String),
    /// The exercise does not build: `failed` or `timed_out`, with this in its errors.
    Compile {
        status: String,
        message: Option<String>,
    },
}

impl Expect {
    /// Whether a test's `status` is one this misbehaviour may get.
    pub fn allows(&self, status: TestStatus) -> bool {
        match self {
            Expect::Status(allowed) => allowed.split('|').any(|s| s.trim() == status.as_str()),
            Expect::Compile { .. } => false,
        }
    }
}

pub fn misbehaviours() -> Result<Vec<Misbehaviour>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("misbehaving");
    let mut all = Vec::new();
    for dir in std::fs::read_dir(&root)?.flatten() {
        for file in std::fs::read_dir(dir.path())?.flatten() {
            let text = std::fs::read_to_string(file.path())?;
            let header = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(&format!("//! {key}:")))
                    .map(|v| v.trim().to_string())
            };
            let expect = match (header("status"), header("compile")) {
                (Some(status), None) => Expect::Status(status),
                (None, Some(status)) => Expect::Compile {
                    status,
                    message: header("compile-message"),
                },
                _ => anyhow::bail!(
                    "{} needs one `//! status:` or `//! compile:` line",
                    file.path().display()
                ),
            };
            all.push(Misbehaviour {
                exercise: dir.file_name().to_string_lossy().into_owned(),
                name: file
                    .path()
                    .file_stem()
                    .context("no file name")?
                    .to_string_lossy()
                    .into_owned(),
                file: file.path(),
                expect,
                unsandboxed: header("unsandboxed"),
                alert: header("alert").is_some_and(|a| a == "required"),
            });
        }
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}

/// Writes `<class>/<student>/exercises/` as a learner hands it in: the pristine workspace files,
/// and for each exercise in `work`, its crate with the student's `src/`. Returns the folder.
pub fn write_submission(
    repo: &Repo,
    class: &Path,
    student: &str,
    work: &[(Exercise, Work)],
) -> Result<PathBuf> {
    let root = class.join(student).join("exercises");
    std::fs::create_dir_all(&root)?;
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(repo.exercises_dir().join(file), root.join(file))?;
    }
    for (exercise, work) in work {
        let dir = root.join(&exercise.name);
        for file in ["Cargo.toml", "hints.toml"] {
            std::fs::create_dir_all(&dir)?;
            std::fs::copy(exercise.dir.join(file), dir.join(file))?;
        }
        sync_dir(&exercise.dir.join("tests"), &dir.join("tests"), None)?;
        let src = dir.join("src");
        match work {
            Work::Solution => sync_dir(&exercise.solution_dir.join("src"), &src, None)?,
            Work::Stub => sync_dir(&exercise.dir.join("src"), &src, None)?,
            Work::Lib(changes) => {
                sync_dir(&exercise.solution_dir.join("src"), &src, None)?;
                std::fs::write(src.join("lib.rs"), crate::spliced_lib(exercise, changes)?)?;
            }
            Work::Broken => {
                sync_dir(&exercise.dir.join("src"), &src, None)?;
                let lib = std::fs::read_to_string(src.join("lib.rs"))?;
                std::fs::write(src.join("lib.rs"), lib + "\nfn half_written( {\n")?;
            }
        }
    }
    Ok(class.join(student))
}

/// Zips a folder (for the students who hand in a .zip).
pub fn zip_folder(folder: &Path, zip: &Path) -> Result<()> {
    zip_folder_with_zeros(folder, zip, "", 0)
}

/// Zips a folder with `mib` files of 1 MiB of zeros added under `under/` in the zip (a build's
/// `target/`, say). The zeros are compressed once and copied, so a big zip is quick to make.
pub fn zip_folder_with_zeros(folder: &Path, zip: &Path, under: &str, mib: usize) -> Result<()> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::fs::File::create(zip)?);
    let options = zip::write::SimpleFileOptions::default();
    for file in grade::submissions::files_under(folder) {
        writer.start_file(file.to_string_lossy(), options)?;
        writer.write_all(&std::fs::read(folder.join(&file))?)?;
    }
    let mut zeros = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zeros.start_file("zeros", options)?;
    zeros.write_all(&vec![0; 1 << 20])?;
    let mut zeros = zeros.finish_into_readable()?;
    for k in 0..mib {
        writer.raw_copy_file_rename(zeros.by_index(0)?, format!("{under}/zeros-{k}.bin"))?;
    }
    writer.finish()?;
    Ok(())
}
