//! JUnit XML: a student's tests as most CI systems and CodeGrade's unit-test step read them (the
//! file written to `$CG_JUNIT_XML_LOCATION`). The format has no formal specification; this follows
//! the common one documented at <https://github.com/testmoapp/junitxml> (`testmoapp/junitxml`
//! README), which CodeGrade names as supported except `<properties>` (none is written here).
//!
//! ```text
//! <testsuites name tests failures errors skipped time>         one file a student
//!   <testsuite name tests failures errors skipped time>        one suite an exercise
//!     <testcase name classname time file?>                     classname: ex01-join.exercise|hidden
//!       <failure message type>message</failure>                failed
//!       <error message type>message</error>                    timed_out, crashed, not_built...
//!     <testcase name="ex02-…: compile" classname="ex02-….compile"> when it did not build:
//!       <failure message type="compile">the compiler's messages</failure>
//! ```
//!
//! GitLab's parser (`lib/gitlab/ci/parsers/test/junit.rb`, read at commit `028d8ac` of the
//! `gitlabhq/gitlabhq` mirror) reads a report's `<testcase>`s only, and shows a case's `<failure>`
//! or `<error>` as its output: a suite's `<system-err>` is shown nowhere. So an exercise that did
//! not build is a `compile` test case that failed, with the compiler's messages, first in its
//! suite. GitLab keeps one test case per key (`lib/gitlab/ci/reports/test_case.rb`: a hash of
//! suite name, class name and name): every test case of a file has a name of its own (a name met
//! twice gets its exercise and target added, then a number), whatever its suite and class.
//!
//! A hidden test has its name and result only: no message, text or file.

use super::{explanation, test_file};
use crate::learner_words as words;
use crate::results::{ExerciseResult, StudentResult, TestResult, TestStatus};
use anyhow::Result;
use course::Lang;
use serde::Serialize;
use std::collections::BTreeSet;

/// `<testsuites>`: the student.
#[derive(Serialize)]
struct Testsuites {
    #[serde(rename = "@name")]
    name: String,
    #[serde(flatten)]
    counts: Counts,
    testsuite: Vec<Testsuite>,
}

/// `<testsuite>`: one exercise.
#[derive(Serialize)]
struct Testsuite {
    #[serde(rename = "@name")]
    name: String,
    #[serde(flatten)]
    counts: Counts,
    testcase: Vec<Testcase>,
}

/// The attributes that count a suite's tests, and its time.
#[derive(Serialize)]
struct Counts {
    #[serde(rename = "@tests")]
    tests: usize,
    #[serde(rename = "@failures")]
    failures: usize,
    #[serde(rename = "@errors")]
    errors: usize,
    #[serde(rename = "@skipped")]
    skipped: usize,
    /// Seconds.
    #[serde(rename = "@time")]
    time: String,
}

#[derive(Serialize)]
struct Testcase {
    #[serde(rename = "@name")]
    name: String,
    #[serde(rename = "@classname")]
    classname: String,
    #[serde(rename = "@time")]
    time: String,
    #[serde(rename = "@file", skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<Verdict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Verdict>,
}

/// A `<failure>` or an `<error>`.
#[derive(Serialize)]
struct Verdict {
    #[serde(rename = "@message", skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(rename = "@type")]
    kind: String,
    #[serde(rename = "$text", skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// The student's JUnit XML document, the grader's words in `lang`.
pub fn xml(r: &StudentResult, lang: Lang) -> Result<String> {
    let mut names = BTreeSet::new();
    let suites: Vec<Testsuite> = (r.exercises.iter())
        .map(|e| suite(e, lang, &mut names))
        .collect();
    let millis: u64 = r
        .exercises
        .iter()
        .flat_map(|e| &e.tests)
        .map(|t| t.duration_ms)
        .sum();
    let document = Testsuites {
        name: xml_safe(&r.student),
        counts: Counts {
            tests: suites.iter().map(|s| s.counts.tests).sum(),
            failures: suites.iter().map(|s| s.counts.failures).sum(),
            errors: suites.iter().map(|s| s.counts.errors).sum(),
            skipped: 0,
            time: seconds(millis),
        },
        testsuite: suites,
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let mut serializer = quick_xml::se::Serializer::with_root(&mut xml, Some("testsuites"))?;
    serializer.indent(' ', 2);
    document.serialize(serializer)?;
    xml.push('\n');
    Ok(xml)
}

/// The suite of exercise `e`; `names` holds the test case names of the file so far.
fn suite(e: &ExerciseResult, lang: Lang, names: &mut BTreeSet<String>) -> Testsuite {
    let mut cases: Vec<Testcase> = Vec::new();
    if let Some((sentence, errors)) = words::build_problem(e, lang) {
        let text = xml_safe(format!("{sentence}\n{errors}").trim_end());
        cases.push(Testcase {
            name: unique(
                names,
                format!("{}: compile", xml_safe(&e.name)),
                e,
                "compile",
            ),
            classname: format!("{}.compile", xml_safe(&e.name)),
            time: seconds(0),
            file: None,
            failure: Some(Verdict {
                message: Some(first_line(&text)),
                kind: "compile".into(),
                text: Some(text),
            }),
            error: None,
        });
    }
    for t in &e.tests {
        let mut case = case(e, t, lang);
        case.name = unique(names, case.name, e, t.target.as_str());
        cases.push(case);
    }
    let millis = e.tests.iter().map(|t| t.duration_ms).sum();
    Testsuite {
        name: xml_safe(&e.name),
        counts: Counts {
            tests: cases.len(),
            failures: cases.iter().filter(|c| c.failure.is_some()).count(),
            errors: cases.iter().filter(|c| c.error.is_some()).count(),
            skipped: 0,
            time: seconds(millis),
        },
        testcase: cases,
    }
}

/// `name`, or one the file has not used yet: `name (ex01-join, hidden)`, then `… #2`.
fn unique(names: &mut BTreeSet<String>, name: String, e: &ExerciseResult, kind: &str) -> String {
    let qualified = format!("{name} ({}, {kind})", xml_safe(&e.name));
    let chosen = [name, qualified.clone()]
        .into_iter()
        .chain((2..).map(|n| format!("{qualified} #{n}")))
        .find(|n| !names.contains(n))
        .expect("a free name");
    names.insert(chosen.clone());
    chosen
}

fn case(e: &ExerciseResult, t: &TestResult, lang: Lang) -> Testcase {
    let shown = explanation(e, t, lang).map(|text| xml_safe(&text));
    let verdict = Verdict {
        // The first line, as an attribute (whose line breaks a reader would fold anyway).
        message: shown.as_ref().map(|text| first_line(text)),
        kind: t.status.to_string(),
        text: shown,
    };
    let (failure, error) = match t.status {
        TestStatus::Passed => (None, None),
        TestStatus::Failed => (Some(verdict), None),
        _ => (None, Some(verdict)),
    };
    Testcase {
        name: xml_safe(&t.name),
        classname: format!("{}.{}", xml_safe(&e.name), t.target),
        time: seconds(t.duration_ms),
        file: test_file(e, t),
        failure,
        error,
    }
}

fn seconds(millis: u64) -> String {
    format!("{:.3}", millis as f64 / 1000.0)
}

fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.chars().take(200).collect()
}

/// `text` with what XML 1.0 cannot hold at all (control characters other than tab and line
/// breaks, lone surrogates' replacements aside) replaced by U+FFFD: a test's output may have
/// anything, and one such byte makes the whole file unreadable.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_class::{SECRET, class};
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;
    use std::collections::BTreeMap;

    /// An element read back with quick-xml's reader, not the serializer that wrote it.
    #[derive(Debug, Default)]
    struct Element {
        name: String,
        attributes: BTreeMap<String, String>,
        children: Vec<Element>,
        text: String,
    }

    impl Element {
        fn all(&self, name: &str) -> Vec<&Element> {
            self.children.iter().filter(|c| c.name == name).collect()
        }
        fn number(&self, attribute: &str) -> f64 {
            let value = &self.attributes[attribute];
            value
                .parse()
                .unwrap_or_else(|_| panic!("{attribute}={value:?} is not a number"))
        }
    }

    fn parse(xml: &str) -> Element {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack = vec![Element::default()];
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(start) | Event::Empty(start) => {
                    let mut element = Element {
                        name: start.name().as_ref().to_string(),
                        ..Element::default()
                    };
                    for attribute in start.attributes() {
                        let attribute = attribute.unwrap();
                        element.attributes.insert(
                            attribute.key.as_ref().to_string(),
                            attribute
                                .normalized_value(XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        );
                    }
                    // An empty element ends at once.
                    if xml[..reader.buffer_position() as usize].ends_with("/>") {
                        stack.last_mut().unwrap().children.push(element);
                    } else {
                        stack.push(element);
                    }
                }
                Event::Text(text) => {
                    stack.last_mut().unwrap().text += &text.xml10_content();
                }
                Event::GeneralRef(reference) => {
                    let name = reference.into_inner();
                    let character = match name.strip_prefix('#') {
                        Some(number) => {
                            let code = match number.strip_prefix('x') {
                                Some(hex) => u32::from_str_radix(hex, 16),
                                None => number.parse(),
                            };
                            char::from_u32(code.unwrap()).unwrap().to_string()
                        }
                        None => quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("unknown entity {name}"))
                            .to_string(),
                    };
                    stack.last_mut().unwrap().text += &character;
                }
                Event::End(_) => {
                    let done = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(done);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        stack.pop().unwrap().children.pop().expect("a root element")
    }

    #[test]
    fn the_xml_has_the_common_junit_attributes_and_hides_hidden_tests() {
        for r in class() {
            let xml = xml(&r, Lang::En).unwrap();
            assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
            assert!(
                !xml.contains(SECRET),
                "{}: the hidden message leaked",
                r.student
            );
            let root = parse(&xml);
            assert_eq!(root.name, "testsuites");
            assert_eq!(root.attributes["name"], r.student);
            let suites = root.all("testsuite");
            assert_eq!(suites.len(), r.exercises.len());
            let mut totals = [0.0; 3];
            for (suite, e) in suites.iter().zip(&r.exercises) {
                assert_eq!(suite.attributes["name"], e.name);
                for attribute in ["tests", "failures", "errors", "skipped", "time"] {
                    suite.number(attribute);
                }
                let all_cases = suite.all("testcase");
                assert_eq!(suite.number("tests") as usize, all_cases.len());
                // An exercise that did not build: a failed `compile` case first, with the
                // compiler's messages, where GitLab shows them.
                let compile = e.build_problem().is_some();
                if compile {
                    let case = all_cases[0];
                    assert_eq!(case.attributes["classname"], format!("{}.compile", e.name));
                    let failure = case.all("failure")[0];
                    assert_eq!(failure.attributes["type"], "compile");
                    assert!(failure.text.contains(e.build_problem().unwrap().0));
                    assert!(failure.text.contains(&e.compile_errors.join("\n")));
                }
                assert!(
                    suite.all("system-err").is_empty(),
                    "GitLab shows no suite output"
                );
                let cases = &all_cases[usize::from(compile)..];
                let count =
                    |what: &str| all_cases.iter().filter(|c| !c.all(what).is_empty()).count();
                assert_eq!(suite.number("failures") as usize, count("failure"));
                assert_eq!(suite.number("errors") as usize, count("error"));
                totals[0] += suite.number("tests");
                totals[1] += suite.number("failures");
                totals[2] += suite.number("errors");
                assert_eq!(cases.len(), e.tests.len());
                for (case, t) in cases.iter().zip(&e.tests) {
                    assert_eq!(case.attributes["name"], t.name);
                    assert_eq!(
                        case.attributes["classname"],
                        format!("{}.{}", e.name, t.target)
                    );
                    case.number("time");
                    let verdicts: Vec<&Element> = case
                        .children
                        .iter()
                        .filter(|c| c.name == "failure" || c.name == "error")
                        .collect();
                    assert_eq!(verdicts.is_empty(), t.passed(), "{case:?}");
                    for verdict in verdicts {
                        assert_eq!(verdict.attributes["type"], t.status.as_str());
                        assert_eq!(verdict.name == "failure", t.status == TestStatus::Failed);
                        if t.hidden() {
                            assert!(!verdict.attributes.contains_key("message"), "{verdict:?}");
                            assert!(verdict.text.trim().is_empty(), "{verdict:?}");
                        } else {
                            assert!(!verdict.attributes["message"].is_empty(), "{verdict:?}");
                        }
                    }
                    assert_eq!(case.attributes.contains_key("file"), !t.hidden());
                }
            }
            assert_eq!(root.number("tests"), totals[0]);
            assert_eq!(root.number("failures"), totals[1]);
            assert_eq!(root.number("errors"), totals[2]);
        }
    }

    #[test]
    fn messages_and_compiler_errors_come_back_whole() {
        let class = class();
        let younghee = class.iter().find(|r| r.student == "김영희").unwrap();
        let root = parse(&xml(younghee, Lang::En).unwrap());
        let ex01 = root.all("testsuite")[0];
        let failure = ex01.all("testcase")[1].all("failure")[0];
        assert!(failure.text.contains("assertion `left == right` failed"));
        assert!(failure.attributes["message"].starts_with("thread 'takes_one_second_not_three'"));
        let ex02 = root.all("testsuite")[1];
        let compile = ex02.all("testcase")[0];
        assert_eq!(
            compile.attributes["name"],
            "ex02-sequential-vs-concurrent: compile"
        );
        assert!(
            compile.all("failure")[0]
                .text
                .contains("expected `Vec<u32>`")
        );
        let eve = class.iter().find(|r| r.student == "eve<b>&co").unwrap();
        assert_eq!(
            parse(&xml(eve, Lang::En).unwrap()).attributes["name"],
            "eve<b>&co"
        );
    }

    #[test]
    fn control_characters_in_output_are_replaced_not_written() {
        let mut r = class().remove(0);
        r.exercises[0].tests[0].status = TestStatus::Failed;
        r.exercises[0].tests[0].message = "colour \u{1b}[31mred\u{1b}[0m and a NUL \u{0}".into();
        let xml = xml(&r, Lang::En).unwrap();
        assert!(!xml.contains('\u{1b}') && !xml.contains('\u{0}'));
        let root = parse(&xml);
        let failure = &root.all("testsuite")[0].all("testcase")[0].all("failure")[0].text;
        assert!(failure.contains("\u{fffd}[31mred"), "{failure}");
    }

    /// A report as GitLab reads it (`lib/gitlab/ci/parsers/test/junit.rb`, `all_cases`,
    /// `each_case`, `create_test_case`; `lib/gitlab/ci/reports/test_case.rb`): the `<testcase>`s of
    /// each `<testsuite>` under `<testsuites>`, each keyed by suite, class and name, its output the
    /// text of its `<failure>` or `<error>`. Later cases of a key replace earlier ones.
    fn as_gitlab_reads_it(root: &Element) -> BTreeMap<String, (String, String)> {
        let mut cases = BTreeMap::new();
        for suite in root.all("testsuite") {
            for case in suite.all("testcase") {
                let (status, output) = match (case.all("failure"), case.all("error")) {
                    (f, _) if !f.is_empty() => ("failed", f[0].text.clone()),
                    (_, e) if !e.is_empty() => ("error", e[0].text.clone()),
                    _ => ("success", String::new()),
                };
                let key = format!(
                    "{}_{}_{}",
                    suite.attributes["name"], case.attributes["classname"], case.attributes["name"]
                );
                cases.insert(key, (status.to_string(), output));
            }
        }
        cases
    }

    #[test]
    fn gitlab_shows_the_compiler_errors_and_keeps_every_test() {
        for r in class() {
            let root = parse(&xml(&r, Lang::En).unwrap());
            let cases = as_gitlab_reads_it(&root);
            let written: usize = root
                .all("testsuite")
                .iter()
                .map(|s| s.all("testcase").len())
                .sum();
            assert_eq!(
                cases.len(),
                written,
                "{}: GitLab would drop a test",
                r.student
            );
            let outputs: String = cases.values().map(|(_, o)| o.as_str()).collect();
            for e in &r.exercises {
                for error in &e.compile_errors {
                    assert!(
                        outputs.contains(error.as_str()),
                        "{}: {error} unseen",
                        r.student
                    );
                }
            }
        }
    }

    #[test]
    fn every_test_case_of_a_file_has_a_name_of_its_own() {
        // The same test name in the learner's and the hidden tests, and in two exercises.
        let mut r = class().remove(0);
        r.exercises[0].tests[2].name = r.exercises[0].tests[0].name.clone();
        r.exercises[1].tests[0].name = r.exercises[0].tests[0].name.clone();
        r.exercises[1].tests[1].name = r.exercises[0].tests[0].name.clone();
        let root = parse(&xml(&r, Lang::En).unwrap());
        let mut names = BTreeSet::new();
        for suite in root.all("testsuite") {
            for case in suite.all("testcase") {
                let name = case.attributes["name"].clone();
                assert!(names.insert(name.clone()), "{name} appears twice");
            }
        }
        assert_eq!(names.len(), 5);
        assert_eq!(as_gitlab_reads_it(&root).len(), 5, "GitLab keeps every one");
        assert!(names.contains("takes_one_second_not_three"));
        assert!(names.contains("takes_one_second_not_three (ex01-join, hidden)"));
    }

    #[test]
    fn the_graders_words_are_in_the_chosen_language() {
        let class = class();
        let younghee = class.iter().find(|r| r.student == "김영희").unwrap();
        let ko = xml(younghee, Lang::Ko).unwrap();
        assert!(ko.contains("컴파일되지 않습니다"), "{ko}");
        assert!(ko.contains("실행되지 않음"), "{ko}");
        assert!(
            !ko.contains("Does not compile") && !ko.contains("Not run"),
            "{ko}"
        );
        // The compiler's words stay as they are.
        assert!(ko.contains("expected `Vec&lt;u32&gt;`") || ko.contains("expected `Vec<u32>`"));
    }
}
