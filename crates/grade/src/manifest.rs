//! `solutions/grading.toml`: how many points each test is worth, and how long each exercise's
//! tests may run.

use crate::lab::suites::Budgets;
use anyhow::{Context, Result};
use course::Repo;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Points of a test the manifest does not list.
    pub(crate) default: u32,
    /// Exercise -> `target::test` -> points.
    #[serde(default)]
    pub(crate) points: BTreeMap<String, BTreeMap<String, u32>>,
    /// Seconds of real time: `default`, and by exercise.
    #[serde(default)]
    pub(crate) timeouts: BTreeMap<String, u64>,
}

impl Manifest {
    /// The time budgets it sets, with `limits`' output cap; `--timeout` (`overrule`) sets one
    /// for every exercise instead.
    pub fn budgets(&self, limits: course::libtest::Limits, overrule: Option<u64>) -> Budgets {
        let seconds = |s: u64| std::time::Duration::from_secs(s);
        let mut budgets = Budgets::uniform(course::libtest::Limits {
            timeout: seconds(
                overrule
                    .or(self.timeouts.get("default").copied())
                    .unwrap_or(10),
            ),
            ..limits
        });
        if overrule.is_none() {
            for (exercise, s) in self.timeouts.iter().filter(|(e, _)| *e != "default") {
                budgets.per_exercise.insert(exercise.clone(), seconds(*s));
            }
        }
        budgets
    }

    pub(crate) fn path(repo: &Repo) -> std::path::PathBuf {
        repo.solutions_dir().join("grading.toml")
    }

    pub fn load(repo: &Repo) -> Result<Manifest> {
        let path = Manifest::path(repo);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// The points of test `id` (`exercise::name` or `hidden::name`) of `exercise`.
    pub(crate) fn points(&self, exercise: &str, id: &str) -> u32 {
        self.points
            .get(exercise)
            .and_then(|tests| tests.get(id))
            .copied()
            .unwrap_or(self.default)
    }
}
