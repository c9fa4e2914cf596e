//! The Korean edition's interface in Korean: the search box and its result counts, the keyboard
//! help, the buttons' titles, the code blocks' buttons and the 404 page.
//!
//! mdBook 0.5 has no setting for these strings (localisation is rust-lang/mdBook#5). They are
//! English text in three places of its front end:
//! - `templates/index.hbs`, rendered into every page: the help popup, the menu bar's titles and
//!   `aria-label`s, the search placeholder, the chapter arrows;
//! - `searcher.js`: `formatSearchMetric` writes "No search results for '…'." and the counts;
//! - `book.js`: the code blocks' buttons (copy, run, hidden lines) and the Run output's messages.
//!
//! A theme override of `index.hbs` would cover only the first, be a full copy of mdBook's template
//! that goes stale without a sound on the next upgrade, and apply to both editions. So this
//! replaces the known strings in the built Korean files instead, and fails the build, naming
//! every string it could not find, when an mdBook upgrade has changed one: nothing can fall back
//! to English unnoticed. The English edition is not touched.

use anyhow::{Result, bail};
use std::path::Path;

/// Which built files a string is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum In {
    /// Every page mdBook renders with `index.hbs` (all `.html` but the sidebar's `toc.html`).
    Pages,
    /// `404.html` only.
    NotFound,
    /// The script `<name>-<hash>.js` (or `<name>.js`).
    Script(&'static str),
}

/// `(where, English as mdBook 0.5 writes it, Korean)`. Each English string must be found at
/// least once in its files; every occurrence is replaced.
const STRINGS: &[(In, &str, &str)] = &[
    // The keyboard help (`?`).
    (
        In::Pages,
        r#"<h2 class="mdbook-help-title">Keyboard shortcuts</h2>"#,
        r#"<h2 class="mdbook-help-title">단축키</h2>"#,
    ),
    (
        In::Pages,
        "<p>Press <kbd>←</kbd> or <kbd>→</kbd> to navigate between chapters</p>",
        "<p><kbd>←</kbd> 또는 <kbd>→</kbd>: 이전 장, 다음 장으로 이동</p>",
    ),
    (
        In::Pages,
        "<p>Press <kbd>S</kbd> or <kbd>/</kbd> to search in the book</p>",
        "<p><kbd>S</kbd> 또는 <kbd>/</kbd>: 책에서 검색</p>",
    ),
    (
        In::Pages,
        "<p>Press <kbd>?</kbd> to show this help</p>",
        "<p><kbd>?</kbd>: 이 도움말 보기</p>",
    ),
    (
        In::Pages,
        "<p>Press <kbd>Esc</kbd> to hide this help</p>",
        "<p><kbd>Esc</kbd>: 이 도움말 닫기</p>",
    ),
    // The menu bar.
    (
        In::Pages,
        r#"title="Toggle Table of Contents" aria-label="Toggle Table of Contents""#,
        r#"title="목차 열기/닫기" aria-label="목차 열기/닫기""#,
    ),
    (
        In::Pages,
        r#"aria-label="Table of contents""#,
        r#"aria-label="목차""#,
    ),
    (
        In::Pages,
        r#"title="Change theme" aria-label="Change theme""#,
        r#"title="테마 바꾸기" aria-label="테마 바꾸기""#,
    ),
    (In::Pages, r#"aria-label="Themes""#, r#"aria-label="테마""#),
    (
        In::Pages,
        r#"id="mdbook-theme-default_theme">Auto</button>"#,
        r#"id="mdbook-theme-default_theme">자동</button>"#,
    ),
    (
        In::Pages,
        r#"id="mdbook-theme-light">Light</button>"#,
        r#"id="mdbook-theme-light">밝게</button>"#,
    ),
    (
        In::Pages,
        r#"title="Search (`/`)" aria-label="Toggle Searchbar""#,
        r#"title="검색 (`/`)" aria-label="검색창 열기/닫기""#,
    ),
    (
        In::Pages,
        r#"title="Print this book" aria-label="Print this book""#,
        r#"title="책 전체 인쇄" aria-label="책 전체 인쇄""#,
    ),
    (
        In::Pages,
        r#"placeholder="Search this book ...""#,
        r#"placeholder="이 책에서 검색…""#,
    ),
    // The chapter arrows.
    (
        In::Pages,
        r#"title="Previous chapter" aria-label="Previous chapter""#,
        r#"title="이전 장" aria-label="이전 장""#,
    ),
    (
        In::Pages,
        r#"title="Next chapter" aria-label="Next chapter""#,
        r#"title="다음 장" aria-label="다음 장""#,
    ),
    (
        In::Pages,
        r#"aria-label="Page navigation""#,
        r#"aria-label="장 이동""#,
    ),
    // The 404 page mdBook writes when the book has no `404.md`.
    (
        In::NotFound,
        "<title>Page not found - ",
        "<title>페이지 없음 - ",
    ),
    (
        In::NotFound,
        ">Document not found (404)</a></h1>",
        ">페이지를 찾을 수 없습니다 (404)</a></h1>",
    ),
    (
        In::NotFound,
        "<p>This URL is invalid, sorry. Please use the navigation bar or search to continue.</p>",
        "<p>이 주소에는 페이지가 없습니다. 목차나 검색으로 찾아 주세요.</p>",
    ),
    // Search results: "'동시' 검색 결과 12개:", "'xyz'에 대한 검색 결과가 없습니다."
    (
        In::Script("searcher"),
        r"return count + ' search result for \'' + searchterm + '\':';",
        r"return '\'' + searchterm + '\' 검색 결과 ' + count + '개:';",
    ),
    (
        In::Script("searcher"),
        r"return 'No search results for \'' + searchterm + '\'.';",
        r"return '\'' + searchterm + '\'에 대한 검색 결과가 없습니다.';",
    ),
    (
        In::Script("searcher"),
        r"return count + ' search results for \'' + searchterm + '\':';",
        r"return '\'' + searchterm + '\' 검색 결과 ' + count + '개:';",
    ),
    (
        In::Script("searcher"),
        r#"aria-label="Search Result Teaser""#,
        r#"aria-label="검색 결과 미리 보기""#,
    ),
    // The code blocks' buttons. book.js compares titles with these strings too (hidden lines),
    // so every occurrence is replaced alike.
    (In::Script("book"), "Show hidden lines", "숨긴 줄 보기"),
    (In::Script("book"), "'Hide lines'", "'줄 숨기기'"),
    (
        In::Script("book"),
        "'Copy to clipboard'",
        "'클립보드에 복사'",
    ),
    (In::Script("book"), "'Run this code'", "'이 코드 실행'"),
    (In::Script("book"), "'Undo changes'", "'바꾼 내용 되돌리기'"),
    (In::Script("book"), "'Running...'", "'실행 중...'"),
    (In::Script("book"), "'No output'", "'출력 없음'"),
    (
        In::Script("book"),
        "'Playground Communication: '",
        "'Playground 연결 오류: '",
    ),
    (In::Script("book"), "'Copied!'", "'복사했습니다!'"),
    (In::Script("book"), "'Clipboard error!'", "'클립보드 오류!'"),
];

/// Which of [`STRINGS`]' places the built file `name` is.
fn places(name: &str) -> Vec<In> {
    let mut places = Vec::new();
    if name.ends_with(".html") && name != "toc.html" {
        places.push(In::Pages);
        if name == "404.html" {
            places.push(In::NotFound);
        }
    }
    if let Some(stem) = name.strip_suffix(".js") {
        for script in ["searcher", "book"] {
            if stem == script
                || stem
                    .strip_prefix(script)
                    .is_some_and(|h| h.starts_with('-'))
            {
                places.push(In::Script(script));
            }
        }
    }
    places
}

/// Puts the Korean interface into the built Korean edition `edition` (`out/ko`). Fails, listing
/// them, if any of the English strings is no longer where mdBook used to write it.
pub fn translate(edition: &Path) -> Result<()> {
    let mut found = vec![0usize; STRINGS.len()];
    for entry in std::fs::read_dir(edition)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let places = places(name);
        if places.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let mut korean = text.clone();
        for (i, (place, en, ko)) in STRINGS.iter().enumerate() {
            if places.contains(place) {
                found[i] += korean.matches(en).count();
                korean = korean.replace(en, ko);
            }
        }
        if korean != text {
            std::fs::write(&path, korean)?;
        }
    }
    let lost: Vec<String> = STRINGS
        .iter()
        .zip(&found)
        .filter(|(_, n)| **n == 0)
        .map(|((place, en, _), _)| format!("  {place:?}: {en}"))
        .collect();
    if !lost.is_empty() {
        bail!(
            "the Korean edition's interface would be partly English: mdBook no longer writes \
             these strings (an mdBook upgrade?), so they were not translated:\n{}\n\
             Find what mdBook writes now and update STRINGS in crates/book-tools/src/korean_ui.rs.",
            lost.join("\n")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_go_to_their_files() {
        assert_eq!(places("ex01-join.html"), [In::Pages]);
        assert_eq!(places("404.html"), [In::Pages, In::NotFound]);
        assert_eq!(places("toc.html"), []);
        assert_eq!(places("searcher-09f2665d.js"), [In::Script("searcher")]);
        assert_eq!(places("book-609e4cb8.js"), [In::Script("book")]);
        assert_eq!(places("bookmarks.js"), []);
        assert_eq!(places("searchindex-d3e3953a.js"), []);
    }

    #[test]
    fn a_string_mdbook_no_longer_writes_fails_the_build_by_name() {
        let dir = std::env::temp_dir().join(format!("korean-ui-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            r#"<input placeholder="Search this book ...">"#,
        )
        .unwrap();
        let error = translate(&dir).unwrap_err().to_string();
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(page, r#"<input placeholder="이 책에서 검색…">"#);
        assert!(error.contains("Keyboard shortcuts"), "{error}");
        assert!(error.contains("No search results"), "{error}");
        assert!(!error.contains("Search this book"), "{error}");
    }
}
