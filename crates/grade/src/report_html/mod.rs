//! `report.html`: where the class stands, for the instructor, in Korean or English. One page that
//! needs nothing else: its charts are inline SVG ([`super::svg`]), it has no script, and its
//! Content-Security-Policy forbids loading anything at all.
//!
//! It shows the score distribution, the share of students failing each exercise and each test,
//! the most common compile errors and failure messages ([`super::message_groups`]), the integrity
//! flags, alerts and review notes, the tests that timed out or crashed, and the roster's
//! mismatches. Hidden tests appear by name and result only, as in the feedback.

use super::message_groups::{self, Group};
use super::roster;
use super::svg::{self, Bar, Column, escape};
use crate::results::StudentResult;
use course::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;
use words::Words;

pub(crate) mod words;

/// How many message groups each table shows.
const GROUPS_SHOWN: usize = 15;

/// The page.
pub fn render(
    results: &[StudentResult],
    exercises: &[String],
    roster: &roster::Check,
    lang: Lang,
) -> String {
    let w = Words::of(lang);
    // The statistics leave out a submission that could not be read: it has no score, not 0.
    let all = results;
    let graded: Vec<StudentResult> = (all.iter())
        .filter(|r| r.unreadable().is_none())
        .cloned()
        .collect();
    let results = graded.as_slice();
    let mut body = String::new();
    body.push_str(&summary(results, w));
    let _ = write!(
        body,
        "<section id=\"distribution\"><h2>{}</h2>{}<p class=\"caption\">{}</p></section>",
        w.distribution,
        distribution(results, w),
        w.distribution_axis
    );
    body.push_str(&students(all, w, roster));
    let _ = write!(
        body,
        "<section id=\"failing\"><h2>{}</h2><h3>{}</h3>{}\
         <h3>{}</h3>{}<p class=\"caption\">{}</p></section>",
        w.failing,
        w.failing_exercises,
        failing_exercises(results, exercises, w),
        w.failing_tests,
        failing_tests(results, w),
        w.passed_by_all
    );
    body.push_str(&groups_table(
        "compile-errors",
        w.compile_errors,
        &message_groups::compile_errors(results),
        w,
    ));
    body.push_str(&groups_table(
        "failures",
        w.failure_messages,
        &message_groups::failures(results),
        w,
    ));
    body.push_str(&integrity(all, w, lang));
    body.push_str(&stopped_tests(results, w));
    if roster.roster.is_some() {
        body.push_str(&roster_section(roster, w));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main><h1>{title}</h1>{body}</main></body></html>\n",
        lang = lang.code(),
        title = w.title,
    )
}

const STYLE: &str = include_str!("style.css");

fn summary(results: &[StudentResult], w: &Words) -> String {
    let mut points: Vec<u32> = results.iter().map(|r| r.points).collect();
    points.sort_unstable();
    let max = results.iter().map(|r| r.max_points).max().unwrap_or(0);
    let mean = points.iter().map(|&p| f64::from(p)).sum::<f64>() / points.len().max(1) as f64;
    let median = match points.len() {
        0 => 0.0,
        n if n % 2 == 1 => f64::from(points[n / 2]),
        n => f64::from(points[n / 2 - 1] + points[n / 2]) / 2.0,
    };
    let full = results.iter().filter(|r| r.points == r.max_points).count();
    format!(
        "<dl class=\"stats\"><div><dt>{}</dt><dd>{}</dd></div>\
         <div><dt>{}</dt><dd>{mean:.1} / {max}</dd></div>\
         <div><dt>{}</dt><dd>{median:.1}</dd></div>\
         <div><dt>{}</dt><dd>{full}</dd></div></dl>",
        w.students,
        results.len(),
        w.mean,
        w.median,
        w.full_marks
    )
}

/// Ten columns of ten percent, and one of full marks.
fn distribution(results: &[StudentResult], w: &Words) -> String {
    let mut counts = [0usize; 11];
    for r in results {
        let bin = if r.points >= r.max_points {
            10
        } else {
            (r.points * 10 / r.max_points.max(1)).min(9) as usize
        };
        counts[bin] += 1;
    }
    let columns: Vec<Column> = counts
        .iter()
        .enumerate()
        .map(|(bin, &count)| {
            let range = if bin == 10 {
                "100%".to_string()
            } else {
                format!("{}–{}%", bin * 10, bin * 10 + 9)
            };
            Column {
                label: (bin * 10).to_string(),
                count,
                title: format!("{range}: {count} {}", w.n_students),
            }
        })
        .collect();
    svg::histogram(w.distribution, &columns)
}

/// Every student, lowest score first (alerts before anyone: their points may be forged), with
/// what the integrity section says of them in a word.
fn students(results: &[StudentResult], w: &Words, roster: &roster::Check) -> String {
    let with_roster = roster.roster.is_some();
    let mut ordered: Vec<&StudentResult> = results.iter().collect();
    ordered.sort_by_key(|r| (r.alerts.is_empty(), r.points, r.student.clone()));
    let rows: Vec<Vec<Cell>> = ordered
        .into_iter()
        .map(|r| {
            let mut flags = Vec::new();
            if !r.alerts.is_empty() {
                flags.push(format!("<span class=\"alert\">{}</span>", w.alert_short));
            }
            if !r.sandboxed {
                flags.push(format!(
                    "<span class=\"alert\">{}</span>",
                    w.not_sandboxed_short
                ));
            }
            if r.problem.is_some() {
                flags.push(w.problem.to_string());
            }
            if !r.integrity.is_empty() {
                flags.push(w.integrity_short.to_string());
            }
            if !r.review.is_empty() {
                flags.push(w.review_short.to_string());
            }
            // Each flag whole on its line: never "채점할 수 없" / "음".
            let flags: Vec<String> = (flags.iter())
                .map(|f| format!("<span class=\"flag\">{f}</span>"))
                .collect();
            let mut row = vec![Cell::labelled(w.student, escape(&r.student))];
            if with_roster {
                // The roster's id and name: blank for a folder it does not list.
                let (id, name) = match roster.people.get(&r.student) {
                    Some(p) if p.in_roster => (p.student_id.as_str(), p.name.as_str()),
                    _ => ("", ""),
                };
                row.push(Cell::labelled(w.student_id, escape(id)).with_class("count"));
                row.push(Cell::labelled(w.name, escape(name)));
            }
            // An unreadable submission has no score: a dash, never 0 (its flag says why).
            let points = match r.unreadable() {
                Some(_) => "—".to_string(),
                None => format!("{} / {}", r.points, r.max_points),
            };
            row.push(Cell::labelled(w.points, points).with_class("count"));
            row.push(Cell::labelled(w.flags, flags.join(", ")));
            row
        })
        .collect();
    let headers: Vec<&str> = if with_roster {
        vec![w.student, w.student_id, w.name, w.points, w.flags]
    } else {
        vec![w.student, w.points, w.flags]
    };
    format!(
        "<section id=\"students\"><h2>{}</h2>{}</section>",
        w.by_student,
        table_of("narrow cards", "student", &headers, &rows)
    )
}

fn share_bar(label: String, failing: usize, of: usize) -> Bar {
    let share = failing as f64 / of.max(1) as f64;
    Bar {
        label,
        share,
        note: format!("{:.0}% · {failing}/{of}", share * 100.0),
    }
}

/// Most failing first, then by label.
fn sorted(mut bars: Vec<Bar>) -> Vec<Bar> {
    bars.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then_with(|| a.label.cmp(&b.label))
    });
    bars
}

fn failing_exercises(results: &[StudentResult], exercises: &[String], w: &Words) -> String {
    let bars = exercises
        .iter()
        .map(|name| {
            let failing = results
                .iter()
                .filter(|r| {
                    r.exercises
                        .iter()
                        .find(|e| &e.name == name)
                        .is_none_or(|e| e.points < e.max_points)
                })
                .count();
            share_bar(name.clone(), failing, results.len())
        })
        .collect();
    svg::bars(w.failing_exercises, &sorted(bars))
}

fn failing_tests(results: &[StudentResult], w: &Words) -> String {
    // (exercise, name, hidden) → (failing, of)
    let mut tests: BTreeMap<(&str, &str, bool), (usize, usize)> = BTreeMap::new();
    for r in results {
        for e in &r.exercises {
            for t in &e.tests {
                let counts = tests.entry((&e.name, &t.name, t.hidden())).or_default();
                counts.0 += usize::from(!t.passed());
                counts.1 += 1;
            }
        }
    }
    let bars = tests
        .into_iter()
        .filter(|(_, (failing, _))| *failing > 0)
        .map(|((exercise, name, hidden), (failing, of))| {
            let hidden = if hidden {
                format!(" {}", w.hidden)
            } else {
                String::new()
            };
            share_bar(format!("{exercise} › {name}{hidden}"), failing, of)
        })
        .collect();
    svg::bars(w.failing_tests, &sorted(bars))
}

fn groups_table(id: &str, title: &str, groups: &[Group], w: &Words) -> String {
    let mut html = format!("<section id=\"{id}\"><h2>{title}</h2>");
    if groups.is_empty() {
        let _ = write!(html, "<p>{}</p></section>", w.none);
        return html;
    }
    let rows: Vec<Vec<Cell>> = groups
        .iter()
        .take(GROUPS_SHOWN)
        .map(|group| {
            let names: Vec<String> = group.students.iter().map(|s| escape(s)).collect();
            let count = if group.times > group.students.len() {
                format!("{} ({})", group.students.len(), group.times)
            } else {
                group.students.len().to_string()
            };
            vec![
                Cell::labelled(w.students_times, count).with_class("count"),
                Cell::plain(format!("<code>{}</code>", escape(&group.text))),
                Cell::labelled(w.who, names.join(", ")),
            ]
        })
        .collect();
    html.push_str(&table(
        "group",
        &[w.students_times, w.message, w.who],
        &rows,
    ));
    let _ = write!(html, "<p class=\"caption\">{}</p>", w.made_alike);
    if groups.len() > GROUPS_SHOWN {
        let _ = write!(
            html,
            "<p class=\"caption\">+{} {}</p>",
            groups.len() - GROUPS_SHOWN,
            w.more_kinds
        );
    }
    html.push_str("</section>");
    html
}

/// A table cell: its HTML, and on a phone (where a row becomes a card) its column's name.
struct Cell {
    html: String,
    label: Option<&'static str>,
    class: &'static str,
}

impl Cell {
    fn plain(html: String) -> Cell {
        Cell {
            html,
            label: None,
            class: "",
        }
    }

    fn labelled(label: &'static str, html: String) -> Cell {
        Cell {
            label: Some(label),
            ..Cell::plain(html)
        }
    }

    fn with_class(self, class: &'static str) -> Cell {
        Cell { class, ..self }
    }
}

/// A table whose rows are `tr.{row_class}`; on a phone each row is a card of labelled lines.
fn table(row_class: &str, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    table_of("cards", row_class, headers, rows)
}

/// A table that stays one (a few narrow columns), or with `class` "cards", [`table`].
fn table_of(class: &str, row_class: &str, headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut html = format!("<div class=\"scroll\"><table class=\"{class}\"><thead><tr>");
    for header in headers {
        let _ = write!(html, "<th>{header}</th>");
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        let _ = write!(html, "<tr class=\"{row_class}\">");
        for cell in row {
            let label = cell
                .label
                .map(|l| format!(" data-label=\"{}\"", escape(l)))
                .unwrap_or_default();
            let class = if cell.class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", cell.class)
            };
            let _ = write!(html, "<td{class}{label}>{}</td>", cell.html);
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html
}

fn integrity(results: &[StudentResult], w: &Words, lang: Lang) -> String {
    let mut html = format!("<section id=\"integrity\"><h2>{}</h2>", w.integrity);
    // Alerts first: their points may be forged.
    let mut flagged: Vec<&StudentResult> = results
        .iter()
        .filter(|r| {
            !r.alerts.is_empty()
                || !r.integrity.is_empty()
                || !r.review.is_empty()
                || r.problem.is_some()
                || !r.sandboxed
        })
        .collect();
    flagged.sort_by_key(|r| r.alerts.is_empty());
    if flagged.is_empty() {
        let _ = write!(html, "<p>{}</p>", w.none);
    }
    for r in flagged {
        let _ = write!(
            html,
            "<h3 class=\"student\">{}</h3><ul class=\"flags\">",
            escape(&r.student)
        );
        let mut item = |class: &str, label: &str, text: &str| {
            let _ = write!(
                html,
                "<li class=\"{class}\"><strong>{label}</strong>{}{}</li>",
                if text.is_empty() { "" } else { ": " },
                // The grader's own phrases in `lang`; paths and code as they are.
                escape(&crate::learner_words::detail(text, lang))
            );
        };
        for alert in &r.alerts {
            item("alert", w.alert, alert);
        }
        if !r.sandboxed {
            item("alert", w.not_sandboxed, "");
        }
        if let Some(problem) = &r.problem {
            item("problem", w.problem, problem);
        }
        for flag in &r.integrity {
            item("integrity", w.changed, flag);
        }
        for note in &r.review {
            item("review", w.review, note);
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
    html
}

/// Timed out, crashed, flooded its output or gave no result: what stopped a test, not its verdict.
fn stopped_tests(results: &[StudentResult], w: &Words) -> String {
    let mut rows = Vec::new();
    for r in results {
        for e in &r.exercises {
            for t in e.tests.iter().filter(|t| t.status.stopped()) {
                let hidden = if t.hidden() { w.hidden } else { "" };
                rows.push(vec![
                    Cell::labelled(w.student, escape(&r.student)),
                    Cell::labelled(w.exercise, escape(&e.name)),
                    Cell::labelled(w.test, format!("<code>{}</code> {hidden}", escape(&t.name))),
                    Cell::labelled(w.result, w.status(t.status)),
                ]);
            }
        }
    }
    let shown = if rows.is_empty() {
        format!("<p>{}</p>", w.none)
    } else {
        table("stopped", &[w.student, w.exercise, w.test, w.result], &rows)
    };
    format!(
        "<section id=\"stopped\"><h2>{}</h2>{shown}</section>",
        w.stopped
    )
}

fn roster_section(check: &roster::Check, w: &Words) -> String {
    let list = |items: Vec<String>| {
        if items.is_empty() {
            format!("<p>{}</p>", w.none)
        } else {
            format!(
                "<ul class=\"flags\"><li>{}</li></ul>",
                items.join("</li><li>")
            )
        }
    };
    let not_in: Vec<String> = check.not_in_roster.iter().map(|f| escape(f)).collect();
    let missing: Vec<String> = check
        .no_submission
        .iter()
        .map(|row| {
            escape(&format!(
                "{} ({}, {})",
                row.name, row.student_id, row.folder
            ))
        })
        .collect();
    format!(
        "<section id=\"roster\"><h2>{}</h2><h3>{}</h3>{}<h3>{}</h3>{}</section>",
        w.roster,
        w.not_in_roster,
        list(not_in),
        w.no_submission,
        list(missing)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_class::{EXERCISES, SECRET, class};

    fn page(lang: Lang) -> String {
        let class = class();
        let names: Vec<String> = EXERCISES.iter().map(|e| e.to_string()).collect();
        let folders: Vec<&str> = class.iter().map(|r| r.student.as_str()).collect();
        render(&class, &names, &roster::check(None, &folders, true), lang)
    }

    #[test]
    fn the_page_loads_nothing_and_leaks_no_hidden_message() {
        for lang in Lang::ALL {
            let html = page(lang);
            assert!(!html.contains(SECRET), "the hidden test's message leaked");
            assert!(html.contains("default-src 'none'"));
            for loads in ["<script", "<link", "src=", "url(", "@import", "href="] {
                assert!(!html.contains(loads), "{loads} in the report");
            }
            // Escaped, never markup.
            assert!(html.contains("eve&lt;b&gt;&amp;co") && !html.contains("eve<b>"));
        }
    }

    #[test]
    fn the_page_speaks_the_chosen_language() {
        let ko = page(Lang::Ko);
        assert!(ko.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));
        assert!(ko.contains("점수 분포") && ko.contains("시간 초과"));
        let en = page(Lang::En);
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("Score distribution") && en.contains("timed out"));
        assert!(!en.contains("점수 분포"));
    }

    #[test]
    fn the_student_table_shows_the_rosters_id_and_name() {
        let class = class();
        let names: Vec<String> = EXERCISES.iter().map(|e| e.to_string()).collect();
        let folders: Vec<&str> = class.iter().map(|r| r.student.as_str()).collect();
        let dir =
            std::env::temp_dir().join(format!("workbook-report-roster-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roster.csv");
        std::fs::write(
            &path,
            "folder,student_id,name\n김영희,2024-0342,김영희\nbora,2024-0117,Bora Kim\n",
        )
        .unwrap();
        let roster = roster::Roster::load(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let check = roster::check(Some(&roster), &folders, true);
        let html = render(&class, &names, &check, Lang::Ko);
        let start = html.find("<section id=\"students\">").unwrap();
        let table = &html[start..start + html[start..].find("</section>").unwrap()];
        assert!(table.contains("<th>학번</th><th>이름</th>"), "{table}");
        assert!(
            table.contains(
                "<td class=\"count\" data-label=\"학번\">2024-0117</td>\
             <td data-label=\"이름\">Bora Kim</td>"
            ),
            "{table}"
        );
        // An unreadable submission has no score in the table, not 0.
        let eve = &table[table.find("eve&lt;b&gt;").expect("eve's row")..];
        let eve = &eve[..eve.find("</tr>").unwrap()];
        assert!(eve.contains(">—<") && !eve.contains("0 / 8"), "{eve}");
        // A flag is one unbreakable piece.
        assert!(
            table.contains("<span class=\"flag\">채점할 수 없음</span>"),
            "{table}"
        );
        // Without a roster, no empty columns.
        assert!(!page(Lang::Ko).contains("<th>학번</th>"));
    }

    #[test]
    fn the_integrity_details_are_in_the_reports_language() {
        let section = |html: String| {
            let start = html.find("<section id=\"integrity\">").unwrap();
            let end = start + html[start..].find("</section>").unwrap();
            html[start..end].to_string()
        };
        let ko = section(page(Lang::Ko));
        for english in [
            "was changed",
            "the original was",
            "calls std::process::exit",
            "soundness hole",
            "read it before trusting",
        ] {
            assert!(
                !ko.contains(english),
                "{english} in the Korean report:\n{ko}"
            );
        }
        assert!(
            ko.contains("ex01-join/tests/exercise.rs: 바뀌었습니다"),
            "{ko}"
        );
        assert!(ko.contains("std::process::exit 호출"), "{ko}");
        assert!(ko.contains("컴파일러 건전성 구멍"), "{ko}");
        let en = section(page(Lang::En));
        assert!(
            en.contains("ex01-join/tests/exercise.rs was changed"),
            "{en}"
        );
    }

    #[test]
    fn the_same_failure_of_two_students_is_one_group() {
        let groups = message_groups::failures(&class());
        let took = groups
            .iter()
            .find(|g| g.text.contains("fetch_all took N.N s"))
            .expect("the slow fetch_all, grouped");
        let who: Vec<&str> = took.students.iter().map(String::as_str).collect();
        assert_eq!(who, ["chul", "김영희"]);
        let html = page(Lang::En);
        assert!(html.contains("fetch_all took N.N s"));
    }
}
