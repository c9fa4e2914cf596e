//! The English edition's catalog, `book/po/en.po`: which Korean messages it must translate, which
//! it lacks, and how to bring it up to date after the Korean source changed.

use anyhow::{Context, Result, anyhow};
use course::Repo;
use mdbook_driver::MDBook;
use mdbook_i18n_helpers::renderers::Xgettext;
use mdbook_i18n_helpers::xgettext::create_catalogs;
use mdbook_renderer::RenderContext;
use polib::catalog::Catalog;
use polib::message::{Message, MessageMutView};
use polib::metadata::CatalogMetadata;
use std::path::PathBuf;

pub fn en_po(repo: &Repo) -> PathBuf {
    repo.book_dir().join("po/en.po")
}

/// Every message of the Korean source, with `{{#include}}` and `{{#exercise}}` left as written.
pub fn source_messages(repo: &Repo) -> Result<Catalog> {
    let mut config = super::config(repo)?;
    // No preprocessor at all: messages are the source as written, includes and boxes unexpanded.
    config.build.use_default_preprocessors = false;
    config.set(
        "preprocessor",
        std::collections::BTreeMap::<String, String>::new(),
    )?;
    config.book.language = Some("en".into());
    let book = MDBook::load_with_config(repo.book_dir(), config.clone())?;
    let (source, _) = book.preprocess_book(&Xgettext)?;
    let ctx = RenderContext::new(repo.book_dir(), source, config, repo.book_dir().join("po"));
    let catalogs = create_catalogs(&ctx, std::fs::read_to_string)?;
    catalogs
        .into_values()
        .next()
        .context("the book has no messages")
}

fn read_po(repo: &Repo) -> Result<Catalog> {
    let path = en_po(repo);
    polib::po_file::parse(&path)
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("reading {}", path.display()))
}

/// A Korean message the English edition does not translate (yet), as `source: text`.
#[derive(Debug)]
pub struct Missing {
    pub source: String,
    pub msgid: String,
    pub why: &'static str,
}

/// The messages of the source that `en.po` lacks, leaves empty, or marks fuzzy.
pub fn missing_translations(repo: &Repo) -> Result<Vec<Missing>> {
    let source = source_messages(repo)?;
    let po = read_po(repo)?;
    let mut missing = Vec::new();
    for message in source.messages() {
        let msgid = message.msgid();
        let why = match po.find_message(None, msgid, None) {
            None => "not in en.po",
            Some(m) if m.is_fuzzy() => "marked fuzzy",
            Some(m) if m.msgstr().map_or(true, str::is_empty) => "untranslated",
            Some(_) => continue,
        };
        missing.push(Missing {
            source: message.source().to_string(),
            msgid: msgid.to_string(),
            why,
        });
    }
    Ok(missing)
}

/// What an update did.
#[derive(Debug, Default)]
pub struct Update {
    pub kept: usize,
    /// New messages without Korean text (code, commands, directives): English is the same text.
    pub copied: usize,
    /// New messages left for a translator.
    pub to_translate: usize,
    pub dropped: usize,
}

/// Rewrites `en.po` to hold exactly the source's messages, keeping every translation it had.
pub fn update(repo: &Repo) -> Result<Update> {
    let source = source_messages(repo)?;
    let old = if en_po(repo).exists() {
        Some(read_po(repo)?)
    } else {
        None
    };
    let mut metadata =
        CatalogMetadata::parse(&source.metadata.export_for_po()).map_err(|e| anyhow!("{e:?}"))?;
    metadata.language = "en".into();
    metadata.pot_creation_date = String::new();
    let mut po = Catalog::new(metadata);
    let mut update = Update::default();
    for message in source.messages() {
        let msgid = message.msgid();
        let old_translation = old
            .as_ref()
            .and_then(|c| c.find_message(None, msgid, None))
            .and_then(|m| {
                m.msgstr()
                    .ok()
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_string(), m.is_fuzzy()))
            });
        let (msgstr, fuzzy) = match old_translation {
            Some(kept) => {
                update.kept += 1;
                kept
            }
            None if !has_hangul(msgid) => {
                update.copied += 1;
                (msgid.to_string(), false)
            }
            None => {
                update.to_translate += 1;
                (String::new(), false)
            }
        };
        let mut new = Message::build_singular()
            .with_source(message.source().to_string())
            .with_msgid(msgid.to_string())
            .with_msgstr(msgstr)
            .done();
        if fuzzy {
            new.flags_mut().add_flag("fuzzy");
        }
        po.append_or_update(new);
    }
    if let Some(old) = &old {
        update.dropped = old
            .messages()
            .filter(|m| source.find_message(None, m.msgid(), None).is_none())
            .count();
    }
    polib::po_file::write(&po, &en_po(repo))?;
    Ok(update)
}

fn has_hangul(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3131}'..='\u{318E}').contains(&c))
}
