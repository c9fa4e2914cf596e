//! `workbook hint <exercise>`: the exercise's hints from its `hints.toml`, one more each time the
//! learner asks for a higher level.

use anyhow::Result;
use course::{Lang, Repo};

/// The first `level` hints of `exercise`, and how to ask for the next.
pub fn render(repo: &Repo, exercise: &str, level: usize, lang: Lang) -> Result<String> {
    let info = repo.exercise(exercise)?.info()?;
    let shown = level.clamp(1, info.hints.len());
    let mut out = format!("{} — {}\n", exercise, info.title.get(lang));
    for (i, hint) in info.hints.iter().take(shown).enumerate() {
        let word = match lang {
            Lang::Ko => "힌트",
            Lang::En => "Hint",
        };
        out.push_str(&format!("\n{word} {}: {}\n", i + 1, hint.get(lang)));
    }
    if shown < info.hints.len() {
        let next = format!("cargo workbook hint {exercise} --level {}", shown + 1);
        out.push_str(&match lang {
            Lang::Ko => format!("\n(다음 힌트: {next})\n"),
            Lang::En => format!("\n({next} shows the next one)\n"),
        });
    }
    Ok(out)
}
