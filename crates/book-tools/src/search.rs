//! Search that finds Korean words, done by rewriting the index mdBook wrote.
//!
//! mdBook 0.5 indexes a page with elasticlunr: it splits text at spaces and hyphens, then runs the
//! English pipeline (trimmer, stop words, Porter stemmer). The trimmer strips every character that
//! is not an ASCII letter, digit or `_` from both ends of a word, so `에러를` becomes the empty word
//! and Korean is never indexed. It also keeps `tokio::task::spawn_blocking` as one word, so a
//! search for `spawn_blocking` (which only matches words that start with it) finds nothing.
//! In the browser, elasticlunr.js's trimmer (`/^\W+/`, `/\W+$/`) drops Hangul from the query too.
//!
//! The fix is in two halves that split text the same way:
//! - index side (here): after mdBook has written `searchindex-<hash>.js`, read back the text it
//!   stored for every section and index it again with [`tokens`]: words are runs of letters,
//!   digits and `_`, so `::`, `(` and `.` separate words; a run of Hangul becomes its bigrams
//!   (`에러를` → `에러`, `러를`), so `에러` finds `에러를` without a Korean dictionary. The English
//!   stop words and stemmer still apply to non-Korean words.
//! - query side (`search_tokenizer.js`, appended to the same file): replaces
//!   `elasticlunr.tokenizer` with the same splitting, so the query `에러` is the bigram `에러`. It
//!   runs when the index loads, which is before the first search.
//!
//! The file keeps mdBook's name: its hash changes whenever the book's text does, as before.

use anyhow::{Context, Result, bail};
use elasticlunr::IndexBuilder;
use elasticlunr::lang::{English, Language};
use elasticlunr::pipeline::{Pipeline, PipelineFn};
use serde_json::Value;
use std::path::Path;

const PREFIX: &str = "window.search = Object.assign(window.search, JSON.parse('";
const SUFFIX: &str = "'));";
const QUERY_SIDE: &str = include_str!("search_tokenizer.js");

/// The fields mdBook indexes, in its order.
const FIELDS: [&str; 3] = ["title", "body", "breadcrumbs"];

/// Rewrites the search index of one built edition (`out/ko` or `out/en`).
pub fn reindex(edition: &Path) -> Result<()> {
    let file = search_index_file(edition)?;
    let js = std::fs::read_to_string(&file)?;
    let escaped = js
        .strip_prefix(PREFIX)
        .and_then(|j| j.strip_suffix(SUFFIX))
        .with_context(|| format!("{} is not the index mdBook 0.5 writes", file.display()))?;
    let mut search: Value = serde_json::from_str(&unescape(escaped))?;
    let docs = search
        .pointer("/index/documentStore/docs")
        .and_then(Value::as_object)
        .context("the search index stores no text (documentStore.docs)")?;
    let mut refs: Vec<(usize, &str)> = docs
        .keys()
        .map(|k| Ok((k.parse::<usize>()?, k.as_str())))
        .collect::<Result<_>>()?;
    refs.sort();
    let mut index = IndexBuilder::with_language(Box::new(Workbook));
    for field in FIELDS {
        index = index.add_field_with_tokenizer(field, Box::new(tokens));
    }
    let mut index = index.build();
    for (_, key) in refs {
        let doc = &docs[key];
        let text = FIELDS.map(|f| doc[f].as_str().unwrap_or_default().to_string());
        index.add_doc(key, text);
    }
    search["index"] = serde_json::to_value(&index)?;
    let json = serde_json::to_string(&search)?;
    let out = format!(
        "{PREFIX}{}{SUFFIX}\n{QUERY_SIDE}",
        json.replace('\\', "\\\\").replace('\'', "\\'")
    );
    std::fs::write(&file, out)?;
    Ok(())
}

fn search_index_file(edition: &Path) -> Result<std::path::PathBuf> {
    let found: Vec<_> = std::fs::read_dir(edition)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("searchindex") && n.ends_with(".js"))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!(
            "expected one searchindex*.js in {}, found {}",
            edition.display(),
            found.len()
        ),
    }
}

/// Undoes mdBook's quoting of the JSON inside `JSON.parse('...')` (`\` → `\\`, `'` → `\'`).
fn unescape(quoted: &str) -> String {
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// The words of `text` as the index and the query both see them (`search_tokenizer.js` is the
/// same function): lowercase runs of letters, digits and `_`; a Hangul run becomes its bigrams,
/// or itself if it is one syllable.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut hangul: Vec<char> = Vec::new();
    let flush_hangul = |hangul: &mut Vec<char>, out: &mut Vec<String>| {
        match hangul.len() {
            0 => {}
            1 => out.push(hangul.iter().collect()),
            _ => out.extend(hangul.windows(2).map(|w| w.iter().collect())),
        }
        hangul.clear();
    };
    for c in text.chars() {
        if is_hangul(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            hangul.push(c);
        } else if c.is_alphanumeric() || c == '_' {
            flush_hangul(&mut hangul, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_hangul(&mut hangul, &mut out);
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush_hangul(&mut hangul, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// elasticlunr's English pipeline without its trimmer ([`tokens`] already trims), and with the
/// stemmer kept off Korean. The names stay `stopWordFilter` and `stemmer`, which elasticlunr.js
/// knows: the browser runs its own copies of both on the query.
struct Workbook;

impl Language for Workbook {
    fn name(&self) -> String {
        English::new().name()
    }

    fn code(&self) -> String {
        English::new().code()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        tokens(text)
    }

    fn make_pipeline(&self) -> Pipeline {
        let english = English::new().make_pipeline();
        let queue = english
            .queue
            .into_iter()
            .filter(|f| f.name() != "trimmer")
            .map(|f| -> Box<dyn PipelineFn> {
                if f.name() == "stemmer" {
                    Box::new(NotOnHangul(f))
                } else {
                    f
                }
            })
            .collect();
        Pipeline { queue }
    }
}

/// The Porter stemmer works on bytes; Korean bigrams pass through untouched, as in elasticlunr.js
/// (which leaves words shorter than three characters alone).
struct NotOnHangul(Box<dyn PipelineFn>);

impl PipelineFn for NotOnHangul {
    fn name(&self) -> String {
        self.0.name()
    }

    fn filter(&self, token: String) -> Option<String> {
        if token.chars().any(is_hangul) {
            Some(token)
        } else {
            self.0.filter(token)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words the index keeps for `text`.
    fn indexed(text: &str) -> Vec<String> {
        Workbook.make_pipeline().run(tokens(text))
    }

    #[test]
    fn korean_becomes_bigrams_and_code_splits_at_punctuation() {
        assert_eq!(tokens("에러를"), ["에러", "러를"]);
        assert_eq!(tokens("홍길동"), ["홍길", "길동"]);
        assert_eq!(tokens("동"), ["동"]);
        assert_eq!(
            tokens("tokio::task::spawn_blocking으로 주문1"),
            ["tokio", "task", "spawn_blocking", "으로", "주문", "1"]
        );
        assert_eq!(tokens("Hello, World!"), ["hello", "world"]);
    }

    #[test]
    fn english_is_still_stemmed_and_korean_is_kept() {
        assert_eq!(
            indexed("the spawn_blocking calls 에러를"),
            ["spawn_block", "call", "에러", "러를"]
        );
    }

    #[test]
    fn the_quoting_round_trips() {
        let json = r#"{"a":"it's \"x\" \\ y"}"#;
        let quoted = json.replace('\\', "\\\\").replace('\'', "\\'");
        assert_eq!(unescape(&quoted), json);
    }
}
