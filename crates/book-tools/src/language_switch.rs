//! Puts a visible link at the top of every page to the same page in the other language
//! (the editions sit side by side: `ko/x.html` and `en/x.html`), and, once both are built, the
//! pairs of heading ids that let the link keep the reader's `#anchor`.

use anyhow::{Result, bail};
use course::Lang;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::Path;

pub struct LanguageSwitch {
    pub lang: Lang,
}

impl Preprocessor for LanguageSwitch {
    fn name(&self) -> &str {
        "language-switch"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let other = self.lang.other();
        let label = match other {
            Lang::Ko => "한국어",
            Lang::En => "English",
        };
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else { return };
            let Some(path) = &chapter.path else { return };
            let up = "../".repeat(path.components().count());
            let page = path.with_extension("html");
            let link = format!(
                "<div class=\"language-switch\"><a href=\"{up}{}/{}\" hreflang=\"{}\" lang=\"{}\">{label}</a></div>\n\n",
                other.code(),
                page.display(),
                other.code(),
                other.code(),
            );
            chapter.content.insert_str(0, &link);
        });
        Ok(book)
    }
}

const SWITCH: &str = "<div class=\"language-switch\">";

/// After both editions are built: gives every page's switch the other page's heading ids, in
/// order (`data-anchors`), so `theme/language-switch.js` can keep the reader's `#anchor`. The ids
/// differ between the editions (`#힌트` and `#hints`), but the headings are the same and in the
/// same order, which this checks.
pub fn pair_anchors(out: &Path) -> Result<()> {
    for lang in Lang::ALL {
        for entry in std::fs::read_dir(out.join(lang.code()))? {
            let path = entry?.path();
            let name = path.file_name().unwrap_or_default();
            if path.extension().is_none_or(|e| e != "html") || name == "print.html" {
                continue;
            }
            let here = std::fs::read_to_string(&path)?;
            if !here.contains(SWITCH) {
                continue;
            }
            let there = std::fs::read_to_string(out.join(lang.other().code()).join(name))?;
            let (ours, theirs) = (heading_ids(&here), heading_ids(&there));
            if ours.len() != theirs.len() {
                bail!(
                    "{}: {} headings in {}, {} in {}; the editions must have the same headings",
                    name.display(),
                    ours.len(),
                    lang.code(),
                    theirs.len(),
                    lang.other().code()
                );
            }
            let paired = format!(
                "<div class=\"language-switch\" data-anchors=\"{}\">",
                theirs.join(" ")
            );
            std::fs::write(&path, here.replacen(SWITCH, &paired, 1))?;
        }
    }
    Ok(())
}

/// The `id`s of a page's headings, in order (mdBook writes `<h2 id="...">`; ids have no spaces).
fn heading_ids(html: &str) -> Vec<&str> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let rest = &html[i + 2..];
            let rest = rest.strip_prefix(['1', '2', '3', '4', '5', '6'])?;
            rest.strip_prefix(" id=\"")?.split('"').next()
        })
        .collect()
}
