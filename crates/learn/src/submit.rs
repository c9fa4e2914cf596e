//! `workbook submit --name 홍길동`: what the learner hands in. Every exercise is checked once, then
//! one zip named after the learner is written, holding only what grading reads: each exercise's
//! `src/`, under `exercises/` (no `target/`, no `.git/`, no editor files elsewhere). The
//! instructor's `grade` reads it as it is.

use crate::check::{self, Checked, State};
use anyhow::{Context, Result, bail};
use course::{Lang, Repo};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `submit` wrote.
#[derive(Debug)]
pub struct Submitted {
    pub zip: PathBuf,
    /// The paths inside the zip, and their sizes in bytes.
    pub files: Vec<(String, u64)>,
    /// Every exercise as it was checked just before.
    pub checked: Vec<Checked>,
}

/// Checks every exercise, then writes `<out>/<name>.zip`.
pub fn submit(repo: &Repo, name: &str, out: &Path, jobs: usize) -> Result<Submitted> {
    let name = usable_name(name)?;
    let checked = check::check(repo, jobs)?;
    std::fs::create_dir_all(out).with_context(|| format!("making {}", out.display()))?;
    let zip = out.join(format!("{name}.zip"));
    let files = write_zip(repo, &zip)?;
    Ok(Submitted {
        zip,
        files,
        checked,
    })
}

/// The learner's name as the zip's: the instructor's grader names the student after it.
fn usable_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty()
        || name.starts_with('.')
        || name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
        || name.chars().any(char::is_control)
    {
        bail!(NameError(name.to_string()));
    }
    Ok(name)
}

/// A name that cannot be a file's name on every system.
#[derive(Debug)]
pub struct NameError(pub String);

impl NameError {
    pub fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Ko => format!(
                "`{}`은(는) 파일 이름이 될 수 없습니다. 이름만 쓰세요 (예: --name 홍길동). \
                 / \\ : * ? \" < > | 는 쓸 수 없습니다.",
                self.0
            ),
            Lang::En => format!(
                "`{}` cannot be a file's name. Give just your name (e.g. --name 홍길동), \
                 without / \\ : * ? \" < > |.",
                self.0
            ),
        }
    }
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for NameError {}

/// Writes every exercise's `src/` (regular files only) into a new zip at `path`, through a
/// temporary file, so a half-written zip is never left under the final name.
fn write_zip(repo: &Repo, path: &Path) -> Result<Vec<(String, u64)>> {
    let tmp = path.with_extension("zip.tmp");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&tmp)?);
    // A few sources of a few KiB: stored as they are, with no compressor in the learner's build.
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut files = Vec::new();
    for exercise in repo.exercises()? {
        let src = exercise.dir.join("src");
        for relative in regular_files(&src)? {
            let inside = format!("exercises/{}/src/{}", exercise.name, slashed(&relative));
            let bytes = std::fs::read(src.join(&relative))?;
            zip.start_file(inside.as_str(), options)?;
            zip.write_all(&bytes)?;
            files.push((inside, bytes.len() as u64));
        }
    }
    zip.finish()?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(files)
}

/// The regular files below `dir`, relative to it, in order; links and the like are left out.
fn regular_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let kind = entry.file_type()?;
        let name = PathBuf::from(entry.file_name());
        if kind.is_dir() {
            files.extend(
                regular_files(&entry.path())?
                    .into_iter()
                    .map(|f| name.join(f)),
            );
        } else if kind.is_file() {
            files.push(name);
        }
    }
    Ok(files)
}

/// A relative path with `/` between its parts, as zips have them on every system.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What `submit` prints: the zip, what it holds, and the score of the learner's tests now.
pub fn render(submitted: &Submitted, lang: Lang) -> String {
    let bytes: u64 = submitted.files.iter().map(|(_, size)| size).sum();
    let kib = bytes.div_ceil(1024);
    let count = submitted.files.len();
    let zip = submitted.zip.display();
    let mut out = match lang {
        Lang::Ko => format!("제출 파일: {zip} (파일 {count}개, {kib} KiB)\n"),
        Lang::En => format!("Written: {zip} ({count} files, {kib} KiB)\n"),
    };
    for (inside, _) in &submitted.files {
        out.push_str(&format!("  {inside}\n"));
    }
    let (mut passing, mut tests, mut exercises_passing) = (0, 0, 0);
    for checked in &submitted.checked {
        match &checked.state {
            State::Passed { tests: n } => {
                passing += n;
                tests += n;
                exercises_passing += 1;
            }
            State::Failing {
                failing, tests: n, ..
            } => {
                passing += n - failing.len();
                tests += n;
            }
            State::DoesNotCompile { .. } => {}
        }
    }
    let exercises = submitted.checked.len();
    let not_compiling = submitted
        .checked
        .iter()
        .filter(|c| matches!(c.state, State::DoesNotCompile { .. }))
        .count();
    out.push_str(&match lang {
        Lang::Ko => format!(
            "\n지금 점수: 연습 문제 {exercises}개 중 {exercises_passing}개 통과, 공개 테스트 \
             {tests}개 중 {passing}개 통과"
        ),
        Lang::En => format!(
            "\nYour score now: {exercises_passing} of {exercises} exercises pass, {passing} of \
             {tests} of your tests pass"
        ),
    });
    if not_compiling > 0 {
        out.push_str(&match lang {
            Lang::Ko => format!(" (컴파일되지 않는 연습 문제 {not_compiling}개는 세지 않음)"),
            Lang::En => format!(" ({not_compiling} exercises that do not compile not counted)"),
        });
    }
    out.push_str(match lang {
        Lang::Ko => ".\n선생님의 숨은 테스트도 함께 채점됩니다. 이 zip 파일 하나를 내세요.\n",
        Lang::En => {
            ".\nYour instructor's hidden tests are graded too. Hand in this one zip file.\n"
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use course::Exercise;

    #[test]
    fn names_that_cannot_be_a_file_are_refused_in_the_learners_language() {
        for bad in [
            "",
            " ",
            "../홍길동",
            "a/b",
            "a\\b",
            ".hidden",
            "a:b",
            "a\nb",
        ] {
            let error = usable_name(bad).unwrap_err();
            let name = error.downcast_ref::<NameError>().expect("a NameError");
            assert!(name.say(Lang::Ko).contains("--name 홍길동"), "{bad:?}");
        }
        assert_eq!(usable_name(" 홍길동 ").unwrap(), "홍길동");
        assert_eq!(usable_name("Kim Cheolsu-2").unwrap(), "Kim Cheolsu-2");
    }

    #[test]
    fn the_summary_says_what_the_zip_holds_and_the_score() {
        let exercise = |name: &str| Exercise {
            name: name.into(),
            dir: name.into(),
            solution_dir: name.into(),
        };
        let submitted = Submitted {
            zip: "홍길동.zip".into(),
            files: vec![
                ("exercises/ex01-join/src/lib.rs".into(), 3000),
                ("exercises/ex02/src/lib.rs".into(), 2000),
            ],
            checked: vec![
                Checked {
                    exercise: exercise("ex01-join"),
                    state: State::Passed { tests: 4 },
                },
                Checked {
                    exercise: exercise("ex02"),
                    state: State::Failing {
                        failing: vec!["a".into(), "b".into()],
                        tests: 8,
                        first: String::new(),
                    },
                },
                Checked {
                    exercise: exercise("ex03"),
                    state: State::DoesNotCompile { errors: vec![] },
                },
            ],
        };
        let ko = render(&submitted, Lang::Ko);
        for words in [
            "제출 파일: 홍길동.zip (파일 2개, 5 KiB)",
            "  exercises/ex01-join/src/lib.rs",
            "연습 문제 3개 중 1개 통과, 공개 테스트 12개 중 10개 통과",
            "컴파일되지 않는 연습 문제 1개는 세지 않음",
        ] {
            assert!(ko.contains(words), "no `{words}` in:\n{ko}");
        }
        let en = render(&submitted, Lang::En);
        assert!(
            en.contains("1 of 3 exercises pass, 10 of 12 of your tests pass"),
            "{en}"
        );
    }
}
