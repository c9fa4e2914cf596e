//! Where things are: the repository (or a handout) and its exercises, in the order the learner
//! meets them (the order of `members` in `exercises/Cargo.toml`).

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A checkout of the workbook (or a handout of it).
#[derive(Debug, Clone)]
pub struct Repo {
    pub root: PathBuf,
}

/// One exercise crate, named the same in `exercises/` and `solutions/`.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub name: String,
    /// `exercises/<name>`: the learner's crate.
    pub dir: PathBuf,
    /// `solutions/<name>`: the finished crate (absent in a handout).
    pub solution_dir: PathBuf,
}

/// `exercises/<name>/hints.toml`: the exercise's title, what success looks like and its hints,
/// in Korean (the source) and English. The book's exercise boxes and `workbook hint` both read it.
#[derive(Debug, Clone, Deserialize)]
pub struct Info {
    pub title: Text,
    pub success: Text,
    #[serde(rename = "hint")]
    pub hints: Vec<Text>,
}

/// A text in both languages of the workbook.
#[derive(Debug, Clone, Deserialize)]
pub struct Text {
    pub ko: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }
}

/// The two languages of the workbook; Korean is the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// The learner's language from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`): English
    /// where it names another language (`en_US.UTF-8`, `de_DE`...), Korean where it names Korean
    /// or no language at all (unset, `C`, `POSIX`, `C.UTF-8`: a container's default), as the
    /// course is Korean.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        Lang::of_locale(&locale)
    }

    /// The language code, also the edition's folder in a built site (`ko/`, `en/`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    fn of_locale(locale: &str) -> Lang {
        let language = locale.split(['_', '.', '@']).next().unwrap_or("");
        match language {
            "" | "C" | "POSIX" | "ko" => Lang::Ko,
            _ => Lang::En,
        }
    }
}

impl Repo {
    /// The workbook whose `exercises/` contains the current directory, or is below it.
    pub fn discover() -> Result<Repo> {
        let cwd = std::env::current_dir()?;
        for dir in cwd.ancestors() {
            if dir.join("exercises/Cargo.toml").is_file() {
                return Ok(Repo {
                    root: dir.to_path_buf(),
                });
            }
            if dir.file_name().is_some_and(|n| n == "exercises") && dir.join("Cargo.toml").is_file()
            {
                let root = dir.parent().context("exercises/ has no parent")?;
                return Ok(Repo {
                    root: root.to_path_buf(),
                });
            }
        }
        Err(NotFound::Workbook { cwd }.into())
    }

    /// The repository this crate was built from (for the checks and the tools' own tests).
    pub fn of_this_build() -> Repo {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        Repo {
            root: manifest
                .ancestors()
                .nth(2)
                .expect("crates/course/ sits two folders below the repository root")
                .into(),
        }
    }

    pub fn exercises_dir(&self) -> PathBuf {
        self.root.join("exercises")
    }

    pub fn solutions_dir(&self) -> PathBuf {
        self.root.join("solutions")
    }

    pub fn book_dir(&self) -> PathBuf {
        self.root.join("book")
    }

    /// Every exercise, in the order of the learner's workspace.
    pub fn exercises(&self) -> Result<Vec<Exercise>> {
        let manifest = self.exercises_dir().join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .with_context(|| format!("reading {}", manifest.display()))?;
        let doc: toml::Table =
            toml::from_str(&text).with_context(|| format!("parsing {}", manifest.display()))?;
        let members = doc
            .get("workspace")
            .and_then(|w| w.get("members"))
            .and_then(|m| m.as_array())
            .with_context(|| format!("{} has no [workspace] members", manifest.display()))?;
        members
            .iter()
            .map(|m| {
                let name = m.as_str().context("a workspace member is not a string")?;
                Ok(Exercise {
                    name: name.to_string(),
                    dir: self.exercises_dir().join(name),
                    solution_dir: self.solutions_dir().join(name),
                })
            })
            .collect()
    }

    /// The exercise called `name`, or an error that lists the names there are.
    pub fn exercise(&self, name: &str) -> Result<Exercise> {
        let all = self.exercises()?;
        let found = all.iter().find(|e| e.name == name).cloned();
        found.ok_or_else(|| {
            NotFound::Exercise {
                name: name.to_string(),
                there: all.iter().map(|e| e.name.clone()).collect(),
            }
            .into()
        })
    }
}

/// What a learner most often gets wrong on the command line: a folder outside the workbook, a
/// misspelt exercise, an instructor's command inside exercises/. The command says it in the
/// learner's language ([`NotFound::say`]).
#[derive(Debug)]
pub enum NotFound {
    Workbook {
        cwd: PathBuf,
    },
    Exercise {
        name: String,
        there: Vec<String>,
    },
    /// Inside exercises/, `cargo workbook` is the light build: the learner's commands only,
    /// without mdBook, the grader or the server (see `[features]` in workbook/Cargo.toml).
    Command {
        name: &'static str,
    },
}

impl NotFound {
    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (NotFound::Workbook { cwd }, Lang::Ko) => format!(
                "여기에는 워크북이 없습니다: 워크북 폴더(exercises/Cargo.toml이 있는 폴더) 안에서 \
                 실행하세요. 지금 폴더: {}",
                cwd.display()
            ),
            (NotFound::Workbook { cwd }, Lang::En) => format!(
                "no workbook here: run this inside the workbook (a folder with \
                 exercises/Cargo.toml), not in {}",
                cwd.display()
            ),
            (NotFound::Exercise { name, there }, Lang::Ko) => format!(
                "`{name}`이라는 연습 문제는 없습니다. 있는 연습 문제: {}",
                there.join(", ")
            ),
            (NotFound::Exercise { name, there }, Lang::En) => format!(
                "no exercise called `{name}`; there are: {}",
                there.join(", ")
            ),
            (NotFound::Command { name }, Lang::Ko) => format!(
                "`cargo workbook {name}`은(는) exercises/ 안에서 쓰는 가벼운 빌드에 없습니다. \
                 저장소 최상위 폴더에서 실행하세요: cd .. && cargo workbook {name}"
            ),
            (NotFound::Command { name }, Lang::En) => format!(
                "`cargo workbook {name}` is not in the light build used inside exercises/. Run \
                 it from the repository's root: cd .. && cargo workbook {name}"
            ),
        }
    }
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for NotFound {}

impl Exercise {
    /// The crate's library name, as the tests `use` it (`ex01-join` -> `ex01_join`).
    pub fn lib_name(&self) -> String {
        self.name.replace('-', "_")
    }

    /// The book page of this exercise, relative to `book/src/`.
    pub fn chapter(&self) -> String {
        format!("{}.md", self.name)
    }

    pub fn info(&self) -> Result<Info> {
        let path = self.dir.join("hints.toml");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// The learner's test file, the one copy that exercises/ and solutions/ both run.
    pub fn test_file(&self) -> PathBuf {
        self.dir.join("tests/exercise.rs")
    }

    /// The instructor-only tests.
    pub fn hidden_test_file(&self) -> PathBuf {
        self.solution_dir.join("tests/hidden.rs")
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn the_language_follows_the_locale_and_is_korean_without_one() {
        for (locale, lang) in [
            ("ko_KR.UTF-8", Lang::Ko),
            ("en_US.UTF-8", Lang::En),
            ("de_DE", Lang::En),
            ("C.UTF-8", Lang::Ko),
            ("POSIX", Lang::Ko),
            ("", Lang::Ko),
        ] {
            assert_eq!(Lang::of_locale(locale), lang, "{locale:?}");
        }
    }
}
