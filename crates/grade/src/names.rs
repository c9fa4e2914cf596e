//! Students' names as grading compares them: in Unicode's NFC. macOS names files in NFD (Hangul as
//! its jamo, `é` as `e` and an accent), while a roster typed in a spreadsheet is NFC: the same name,
//! different code points. Names that still differ only in form (NFKC: a full-width letter, a
//! ligature) are shown with their code points where they differ, so that they never look alike.

use unicode_normalization::UnicodeNormalization;

/// `name` in NFC: what a submission's folder and a roster's row are compared as.
pub(crate) fn nfc(name: &str) -> String {
    name.nfc().collect()
}

/// True when `a` and `b` are different names that read the same (equal in NFKC).
pub(crate) fn lookalike(a: &str, b: &str) -> bool {
    a != b && a.nfkc().eq(b.nfkc())
}

/// Where `a` and `b` differ, in code points: `U+FF42 (ｂ) in "ｂora", U+0062 (b) in "bora"`.
pub(crate) fn difference(a: &str, b: &str) -> String {
    let (a_chars, b_chars): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let head = (a_chars.iter().zip(&b_chars))
        .take_while(|(x, y)| x == y)
        .count();
    let tail = (a_chars[head..]
        .iter()
        .rev()
        .zip(b_chars[head..].iter().rev()))
    .take_while(|(x, y)| x == y)
    .count();
    let points = |chars: &[char]| -> String {
        let differing = &chars[head..chars.len() - tail];
        let codes: Vec<String> = differing
            .iter()
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect();
        if codes.is_empty() {
            "nothing".into()
        } else {
            codes.join(" ")
        }
    };
    format!(
        "{} in \"{a}\", {} in \"{b}\"",
        points(&a_chars),
        points(&b_chars)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 김철수 as macOS names a folder: each syllable as its jamo.
    const NFD: &str = "\u{1100}\u{1175}\u{11B7}\u{110E}\u{1165}\u{11AF}\u{1109}\u{116E}";

    #[test]
    fn a_macos_name_is_the_rosters_name_in_nfc() {
        assert_ne!(NFD, "김철수", "the same name, other code points");
        assert_eq!(nfc(NFD), "김철수");
        assert_eq!(nfc("김철수"), "김철수");
        assert_eq!(nfc("Jose\u{301}"), "José");
    }

    #[test]
    fn names_that_differ_only_in_form_are_told_apart_by_their_code_points() {
        assert!(lookalike("\u{FF42}ora", "bora"), "a full-width b");
        assert!(lookalike(NFD, "김철수"));
        assert!(!lookalike("bora", "bora"));
        assert!(!lookalike("bora", "dora"));
        assert_eq!(
            difference("\u{FF42}ora", "bora"),
            "U+FF42 in \"ｂora\", U+0062 in \"bora\""
        );
        assert_eq!(
            difference("Jose\u{301}", "José"),
            "U+0065 U+0301 in \"Jose\u{301}\", U+00E9 in \"Jos\u{e9}\""
        );
    }
}
