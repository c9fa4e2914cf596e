//! The book: both editions built with mdBook as a library. Korean is the source (`book/src/`);
//! English comes from the gettext catalog `book/po/en.po`, applied before includes are expanded, so
//! included code never needs translating. [`handout`] writes what a class gets.

#![forbid(unsafe_code)]

pub mod code_comments;
mod exercise_box;
pub mod handout;
mod korean_ui;
mod language_switch;
pub mod po;
pub mod quiz;
mod search;
mod tables;

use anyhow::{Context, Result};
use course::{Lang, Repo};
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use std::path::Path;

/// Builds both editions into `out/ko/` and `out/en/`, with `out/index.html` leading to Korean.
pub fn build(repo: &Repo, out: &Path) -> Result<()> {
    for lang in Lang::ALL {
        let mut book = load(repo, lang)?;
        book.config.build.build_dir = out.join(lang.code());
        book.build()
            .with_context(|| format!("building the {} edition", lang.code()))?;
        tables::add_break_points(&out.join(lang.code()))?;
        if lang == Lang::Ko {
            korean_ui::translate(&out.join(lang.code()))?;
        }
        search::reindex(&out.join(lang.code()))
            .with_context(|| format!("indexing the {} edition for search", lang.code()))?;
    }
    language_switch::pair_anchors(out)?;
    std::fs::write(
        out.join("index.html"),
        "<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0; url=ko/\">\n\
         <a href=\"ko/\">한국어</a> · <a href=\"en/\">English</a>\n",
    )?;
    Ok(())
}

/// The book in one language, with the workbook's preprocessors in place:
/// gettext (translation), then mdBook's own `links` (includes), then the exercise boxes and, in
/// the Korean edition, the Korean code comments ([`code_comments`]).
pub fn load(repo: &Repo, lang: Lang) -> Result<MDBook> {
    load_with(repo, lang, lang == Lang::Ko)
}

/// [`load`] without the Korean code comments: the code as its source has it.
fn load_untranslated(repo: &Repo, lang: Lang) -> Result<MDBook> {
    load_with(repo, lang, false)
}

fn load_with(repo: &Repo, lang: Lang, korean_comments: bool) -> Result<MDBook> {
    let mut config = config(repo)?;
    config.book.language = Some(lang.code().into());
    if lang == Lang::En {
        config.book.title = config
            .get::<String>("preprocessor.language-switch.title-en")?
            .or(config.book.title.take());
    }
    // The 404 page is served for any missing path, so it links its CSS and scripts from here
    // (mdBook's default, `/`, misses them: they are under `/ko/` and `/en/`). The site is served at
    // the root of its host, as `workbook serve` does.
    config.set("output.html.site-url", format!("/{}/", lang.code()))?;
    config.set("preprocessor.gettext.before", ["links"])?;
    config.set("preprocessor.exercise-box.after", ["links"])?;
    config.set("preprocessor.language-switch.after", ["links"])?;
    if korean_comments {
        // Declared only where it is registered: mdBook would run an undeclared-by-code name as
        // a command (`mdbook-code-comments`).
        config.set("preprocessor.code-comments.after", ["links"])?;
    }
    let mut book = MDBook::load_with_config(repo.book_dir(), config)?;
    book.with_preprocessor(mdbook_i18n_helpers::preprocessors::Gettext)
        .with_preprocessor(exercise_box::ExerciseBox {
            repo: repo.clone(),
            lang,
        })
        .with_preprocessor(language_switch::LanguageSwitch { lang });
    if korean_comments {
        book.with_preprocessor(code_comments::CodeComments {
            catalog: code_comments::read_catalog(repo)?,
        });
    }
    Ok(book)
}

fn config(repo: &Repo) -> Result<Config> {
    let path = repo.book_dir().join("book.toml");
    Config::from_disk(&path).with_context(|| format!("reading {}", path.display()))
}
