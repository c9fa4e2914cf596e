//! The given code: each region of an exercise's pristine `src/lib.rs` between `// ANCHOR: name`
//! and `// ANCHOR_END: name` is the instructor's (the solution holds the same text; a check says
//! so). A submission is graded with those regions as they were handed out.

use anyhow::{Context, Result};
use course::Exercise;
use std::path::Path;

/// The region of the imports the given code relies on. A learner may add lines to it, but not
/// remove or change one: `use fake::sleep;` in place of `use tokio::time::sleep;` would change
/// what the given code does without changing its text. With the original import kept, such a
/// shadowing import or item does not compile.
pub(crate) const IMPORTS: &str = "imports";

/// A submitted file made ready to grade.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Restored {
    /// The text to grade instead of the submission, when a given region had to be put back.
    pub text: Option<String>,
    /// What the instructor should know: the given code was changed, or could not be put back.
    pub flag: Option<String>,
}

/// One anchored region: its name and the line numbers (from 0) of its two anchor lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub name: String,
    pub open: usize,
    pub close: usize,
}

/// The anchored regions of `text`, in order of their first line.
pub fn regions(text: &str) -> Vec<Region> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (open, line) in lines.iter().enumerate() {
        let Some(name) = line.trim().strip_prefix("// ANCHOR: ") else {
            continue;
        };
        let end = format!("// ANCHOR_END: {name}");
        if let Some(close) = lines[open..].iter().position(|l| l.trim() == end) {
            found.push(Region {
                name: name.to_string(),
                open,
                close: open + close,
            });
        }
    }
    found
}

/// The text of `region` in `text`, without its anchor lines.
pub fn region_text<'a>(text: &'a str, region: &Region) -> Vec<&'a str> {
    text.lines()
        .skip(region.open + 1)
        .take(region.close - region.open - 1)
        .collect()
}

/// `submitted` with every given region of `pristine` put back. `file` names it in the flag.
pub(crate) fn restore(pristine: &str, submitted: &str, file: &str) -> Restored {
    let ours: Vec<&str> = pristine.lines().collect();
    let theirs: Vec<&str> = submitted.lines().collect();
    // A region inside another is put back with it.
    let mut given: Vec<Region> = Vec::new();
    for region in regions(pristine) {
        if given.last().is_none_or(|outer| region.open > outer.close) {
            given.push(region);
        }
    }
    let mut out: Vec<&str> = Vec::new();
    let mut at = 0;
    let mut changed = false;
    for region in &given {
        let (Some(open), Some(close)) = (
            only_line(&theirs, &format!("// ANCHOR: {}", region.name)),
            only_line(&theirs, &format!("// ANCHOR_END: {}", region.name)),
        ) else {
            return unrestorable(file);
        };
        if open < at || close < open {
            return unrestorable(file);
        }
        let original = &ours[region.open + 1..region.close];
        let current = &theirs[open + 1..close];
        out.extend(&theirs[at..=open]);
        out.extend(original);
        if region.name == IMPORTS {
            // The learner may add imports; the given ones stay, so nothing can shadow them.
            let same = |a: &&str, b: &&str| a.trim_end() == b.trim_end();
            changed |= original.iter().any(|o| !current.iter().any(|c| same(o, c)));
            out.extend(
                current
                    .iter()
                    .filter(|c| !original.iter().any(|o| same(o, c))),
            );
        } else {
            changed |= original.len() != current.len()
                || original
                    .iter()
                    .zip(current)
                    .any(|(a, b)| a.trim_end() != b.trim_end());
        }
        at = close;
    }
    if !changed {
        return Restored::default();
    }
    out.extend(&theirs[at..]);
    Restored {
        text: Some(out.join("\n") + "\n"),
        flag: Some(format!(
            "{file}: the given code was changed; graded with the original"
        )),
    }
}

/// The submitted `src/lib.rs` of `exercise` in `src`, with the given code put back.
pub(crate) fn restore_lib(exercise: &Exercise, src: &Path) -> Result<Restored> {
    let path = exercise.dir.join("src/lib.rs");
    let pristine =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    // Missing or not text: it does not compile, and the scan says so.
    let submitted = super::submissions::read_submitted(&src.join("lib.rs"))
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let Some(submitted) = submitted else {
        return Ok(Restored::default());
    };
    let file = format!("{}/src/lib.rs", exercise.name);
    Ok(restore(&pristine, &submitted, &file))
}

/// The index of the one line of `lines` that is `marker`, give or take indentation.
fn only_line(lines: &[&str], marker: &str) -> Option<usize> {
    let mut found = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == marker)
        .map(|(i, _)| i);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

fn unrestorable(file: &str) -> Restored {
    Restored {
        text: None,
        flag: Some(format!(
            "{file}: the given code's ANCHOR lines were removed or reordered; graded as submitted"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRISTINE: &str = "use a::b;\n\
        // ANCHOR: given\n\
        pub fn given() -> u32 { 1 }\n\
        // ANCHOR_END: given\n\
        \n\
        pub fn mine() -> u32 { todo!() }\n\
        \n\
        // ANCHOR: types\n\
        pub struct T;\n\
        // ANCHOR_END: types\n";

    fn restored(submitted: &str) -> Restored {
        restore(PRISTINE, submitted, "ex/src/lib.rs")
    }

    #[test]
    fn untouched_given_code_is_graded_as_submitted() {
        let solved = PRISTINE.replace("todo!()", "2");
        assert_eq!(restored(&solved), Restored::default());
        let windows = solved.replace('\n', "  \r\n");
        assert_eq!(
            restored(&windows),
            Restored::default(),
            "line ends and trailing spaces"
        );
    }

    #[test]
    fn every_changed_given_region_is_put_back() {
        let submitted = PRISTINE
            .replace("todo!()", "2 + helper()")
            .replace("{ 1 }", "{ 0 }")
            .replace("pub struct T;", "pub struct T;\npub struct Extra;")
            + "fn helper() -> u32 { 0 }\n";
        let r = restored(&submitted);
        let expected = PRISTINE.replace("todo!()", "2 + helper()") + "fn helper() -> u32 { 0 }\n";
        assert_eq!(r.text.as_deref(), Some(expected.as_str()));
        assert_eq!(
            r.flag.as_deref(),
            Some("ex/src/lib.rs: the given code was changed; graded with the original")
        );
    }

    #[test]
    fn given_imports_stay_and_the_learners_own_are_kept() {
        let pristine = format!(
            "// ANCHOR: imports\nuse tokio::time::sleep;\n// ANCHOR_END: imports\n{PRISTINE}"
        );
        let added = pristine.replace("sleep;\n", "sleep;\nuse futures::join;\n");
        assert_eq!(
            restore(&pristine, &added, "f"),
            Restored::default(),
            "an added import is fine"
        );
        let shadowed = pristine.replace("use tokio::time::sleep;", "use fake::sleep;");
        let r = restore(&pristine, &shadowed, "f");
        let expected = pristine.replace("sleep;\n", "sleep;\nuse fake::sleep;\n");
        assert_eq!(
            r.text.as_deref(),
            Some(expected.as_str()),
            "both kept: they clash, as they must"
        );
        assert!(r.flag.is_some_and(|f| f.contains("given code was changed")));
    }

    #[test]
    fn missing_doubled_or_reordered_anchors_are_graded_as_submitted() {
        let removed = PRISTINE.replace("// ANCHOR_END: types\n", "");
        let doubled = PRISTINE.to_string() + "// ANCHOR: given\n";
        let given = "// ANCHOR: given\npub fn given() -> u32 { 1 }\n// ANCHOR_END: given\n";
        let reordered = PRISTINE.replace(given, "") + given;
        for submitted in [removed, doubled, reordered] {
            let r = restored(&submitted);
            assert_eq!(r.text, None, "{submitted}");
            assert!(
                r.flag
                    .is_some_and(|f| f.contains("ANCHOR lines were removed or reordered")),
                "{submitted}"
            );
        }
    }

    #[test]
    fn regions_are_found_with_their_names_and_lines() {
        let names: Vec<(String, usize, usize)> = regions(PRISTINE)
            .into_iter()
            .map(|r| (r.name, r.open, r.close))
            .collect();
        assert_eq!(names, [("given".into(), 1, 3), ("types".into(), 7, 9)]);
        let given = &regions(PRISTINE)[0];
        assert_eq!(
            region_text(PRISTINE, given),
            ["pub fn given() -> u32 { 1 }"]
        );
    }
}
