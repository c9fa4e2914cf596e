//! Lets inline code in tables break where a reader expects: after `::` and `(`, and before a
//! method's `.` (`tokio::time::sleep(Duration::from_secs(1)).await` has no space, so a browser would
//! keep it on one line and push the table past the column). Runs on the built HTML.

use anyhow::Result;
use std::path::Path;

/// Adds the break points to every page of a built edition.
pub fn add_break_points(edition: &Path) -> Result<()> {
    for entry in std::fs::read_dir(edition)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path)?;
            let broken = in_tables(&html);
            if broken != html {
                std::fs::write(&path, broken)?;
            }
        }
    }
    Ok(())
}

fn in_tables(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<table") {
        let end = rest[start..]
            .find("</table>")
            .map_or(rest.len(), |e| start + e);
        out.push_str(&rest[..start]);
        let mut pieces = rest[start..end].split("<code>");
        out.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            let (code, after) = piece.split_once("</code>").unwrap_or((piece, ""));
            out.push_str("<code>");
            out.push_str(&break_points(code));
            out.push_str("</code>");
            out.push_str(after);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `<wbr>` after `::` and after `(` (unless `()` follows), and before `.name`.
fn break_points(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(i + 1).copied();
        if c == '.'
            && before.is_some_and(|b| !matches!(b, '.' | ' ' | '('))
            && after.is_some_and(char::is_alphabetic)
        {
            out.push_str("<wbr>");
        }
        out.push(c);
        if (c == ':' && before == Some(':')) || (c == '(' && after != Some(')')) {
            out.push_str("<wbr>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_in_tables_breaks_at_paths_calls_and_methods() {
        assert_eq!(
            break_points("tokio::time::sleep(Duration::from_secs(1)).await"),
            "tokio::<wbr>time::<wbr>sleep(<wbr>Duration::<wbr>from_secs(<wbr>1))<wbr>.await"
        );
        assert_eq!(break_points("f().await"), "f()<wbr>.await");
        assert_eq!(
            break_points("(x * 100.0).round()"),
            "(<wbr>x * 100.0)<wbr>.round()"
        );
        assert_eq!(break_points("gather(...)"), "gather(<wbr>...)");
        let html = "<p><code>a::b</code></p><table><td><code>a::b</code></td></table>";
        assert_eq!(
            in_tables(html),
            "<p><code>a::b</code></p><table><td><code>a::<wbr>b</code></td></table>"
        );
    }
}
