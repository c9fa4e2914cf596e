//! Puts a visible link at the top of every page to the same page in the other language
//! (the editions sit side by side: `ko/x.html` and `en/x.html`).

use crate::repo::Lang;
use anyhow::Result;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

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
