//! The class report's most common compile errors and failure messages: each message cut to the
//! line that says what went wrong, with what differs from student to student (paths, numbers) made
//! the same, then counted. Hidden tests' messages are never read here.

use crate::results::StudentResult;
use std::collections::{BTreeMap, BTreeSet};

/// Messages that read the same once normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub text: String,
    /// Who had it, by name.
    pub students: BTreeSet<String>,
    /// How many times, over all students.
    pub times: usize,
}

/// The compiler's messages, grouped by their first line.
pub fn compile_errors(results: &[StudentResult]) -> Vec<Group> {
    grouped(results.iter().flat_map(|r| {
        r.exercises
            .iter()
            .flat_map(|e| &e.compile_errors)
            .map(move |error| (r.student.as_str(), normalise(error)))
    }))
}

/// The messages of the visible tests that did not pass, grouped by what they say.
pub fn failures(results: &[StudentResult]) -> Vec<Group> {
    grouped(results.iter().flat_map(|r| {
        r.exercises
            .iter()
            .flat_map(|e| &e.tests)
            .filter(|t| !t.passed())
            .filter_map(|t| t.message_for_learner())
            .map(move |message| (r.student.as_str(), normalise(message)))
    }))
}

/// Most students first, then most times, then by text.
fn grouped<'a>(messages: impl Iterator<Item = (&'a str, String)>) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (student, text) in messages.filter(|(_, text)| !text.is_empty()) {
        let group = groups.entry(text.clone()).or_insert_with(|| Group {
            text,
            students: BTreeSet::new(),
            times: 0,
        });
        group.students.insert(student.to_string());
        group.times += 1;
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        (b.students.len(), b.times)
            .cmp(&(a.students.len(), a.times))
            .then_with(|| a.text.cmp(&b.text))
    });
    groups
}

/// The line of `message` that says what went wrong, without what differs between students: the
/// panic's "thread '…' panicked at <path>:" line is skipped, a path keeps its file name, and a
/// number that is not part of a name (`E0308`, `ex01`) becomes `N`.
pub fn normalise(message: &str) -> String {
    let line = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .find(|l| !(l.starts_with("thread '") && l.contains("' panicked at ")))
        .unwrap_or("");
    let words: Vec<String> = line.split_whitespace().map(without_folders).collect();
    let text = numbers_as_n(&words.join(" "));
    const LONGEST: usize = 200;
    if text.chars().count() > LONGEST {
        text.chars().take(LONGEST - 1).chain(['…']).collect()
    } else {
        text
    }
}

/// A word with a path in it keeps the path's last part: `` `/home/kim/lab/src/lib.rs:3:5` ``
/// becomes `` `lib.rs:3:5` ``.
fn without_folders(word: &str) -> String {
    const QUOTES: &[char] = &['`', '\'', '"', '(', ')', '<', '>', ',', ';'];
    let start = word.find(|c: char| !QUOTES.contains(&c)).unwrap_or(0);
    let end = word[start..]
        .find(|c: char| QUOTES.contains(&c))
        .map_or(word.len(), |i| start + i);
    let path = &word[start..end];
    match path.rfind('/') {
        Some(slash) if slash + 1 < path.len() => {
            format!("{}{}{}", &word[..start], &path[slash + 1..], &word[end..])
        }
        _ => word.to_string(),
    }
}

fn numbers_as_n(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Within digits: those of a name are kept, those of a number were written as one N.
    let mut digits_of_a_name = None;
    let mut previous = ' ';
    for c in text.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
            digits_of_a_name = None;
        } else if digits_of_a_name == Some(true) {
            out.push(c);
        } else if digits_of_a_name.is_none() {
            let of_a_name = previous.is_alphabetic() || previous == '_';
            out.push(if of_a_name { c } else { 'N' });
            digits_of_a_name = Some(of_a_name);
        }
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn student_paths_and_numbers_are_made_the_same() {
        let kim = "thread 'takes_one_second_not_three' panicked at \
                   /work/lab/student-김영희/ex01-join/tests/exercise.rs:87:9:\n\
                   assertion `left == right` failed: fetch_all took 3.000 s, expected 1.000 s";
        let chul = "thread 'takes_one_second_not_three' panicked at \
                    /work/lab/student-chul/ex01-join/tests/exercise.rs:87:9:\n\
                    assertion `left == right` failed: fetch_all took 2.5 s, expected 1.000 s";
        assert_eq!(normalise(kim), normalise(chul));
        assert_eq!(
            normalise(kim),
            "assertion `left == right` failed: fetch_all took N.N s, expected N.N s"
        );
    }

    #[test]
    fn error_codes_and_names_keep_their_digits() {
        assert_eq!(
            normalise("error[E0308]: mismatched types\n --> src/lib.rs:14:5"),
            "error[E0308]: mismatched types"
        );
        assert_eq!(
            normalise("error: couldn't read `/home/kim/secret/ex01_v2.rs`: Permission denied"),
            "error: couldn't read `ex01_v2.rs`: Permission denied"
        );
        assert_eq!(
            normalise("did not finish within 15 s of real time"),
            "did not finish within N s of real time"
        );
    }

    #[test]
    fn groups_count_students_and_times_most_first() {
        let groups = grouped(
            [
                ("a", "x".to_string()),
                ("b", "y".to_string()),
                ("a", "y".to_string()),
                ("a", "y".to_string()),
                ("c", String::new()),
            ]
            .into_iter(),
        );
        assert_eq!(groups.len(), 2, "an empty message is no group");
        assert_eq!(groups[0].text, "y");
        assert_eq!(groups[0].students.len(), 2);
        assert_eq!(groups[0].times, 3);
        assert_eq!(groups[1].text, "x");
    }
}
