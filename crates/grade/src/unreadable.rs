//! A submission that could not be read (a corrupt zip, an empty folder, no `exercises/` in it):
//! nothing in it was graded, so it has no points (a blank, never 0), the class's statistics leave
//! it out, and its learner is told why and what to hand in again, not that every exercise was
//! "not submitted".

use course::Lang;

/// `feedback/<student>.md` of a submission that could not be read, `why` being the grader's words
/// ("is not a readable zip").
pub(crate) fn feedback_md(student: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "# Feedback for {student}\n\n\
             **Your submission could not be read:** it {why}. Nothing in it was graded, so it has \
             no points yet.\n\n\
             ## What to hand in again\n\n\
             One `.zip` of your `exercises/` folder, with each exercise's `src/` in it. In your \
             `exercises/` folder, `cargo workbook submit` writes exactly that zip: hand it in as \
             it is, and ask to be graded again.\n"
        ),
        Lang::Ko => format!(
            "# {student} 님의 채점 결과\n\n\
             **제출물을 읽을 수 없었습니다.** 이유: it {why}. 아무것도 채점되지 않아 아직 점수가 \
             없습니다.\n\n\
             ## 다시 제출할 것\n\n\
             각 연습 문제의 `src/`가 들어 있는 `exercises/` 폴더의 `.zip` 하나. `exercises/` \
             폴더에서 `cargo workbook submit`을 실행하면 바로 그 zip이 만들어집니다. 그대로 \
             제출하고 다시 채점해 달라고 요청하세요.\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::results::{Status, StudentResult};
    use crate::sample_class::class;
    use course::Lang;

    fn unreadable(why: &str) -> StudentResult {
        StudentResult {
            problem: Some(why.into()),
            status: Status::Unreadable,
            ..class().remove(0)
        }
    }

    #[test]
    fn the_feedback_says_why_and_what_to_hand_in_not_that_nothing_was_submitted() {
        let r = unreadable("is not a readable zip");
        for lang in [Lang::En, Lang::Ko] {
            let md = crate::feedback::feedback_md(&r, lang);
            assert!(md.contains("is not a readable zip"), "{md}");
            assert!(md.contains("cargo workbook submit"), "{md}");
            assert!(md.contains(&r.student), "{md}");
            for e in &r.exercises {
                let section = format!("## {}", e.name);
                assert!(!md.contains(&section), "no exercise is listed:\n{md}");
            }
            assert!(!md.contains("Not submitted"), "{md}");
            assert!(
                !md.contains(&format!("0 / {}", r.max_points)),
                "no score:\n{md}"
            );
        }
    }

    /// The students the report's histogram counts.
    fn counted(report: &str) -> usize {
        (report.split("data-count=\"").skip(1))
            .map(|rest| rest[..rest.find('"').unwrap()].parse::<usize>().unwrap())
            .sum()
    }

    #[test]
    fn the_reports_statistics_leave_it_out_and_its_table_lists_it() {
        let mut results = class();
        let exercises: Vec<String> = (results[0].exercises.iter())
            .map(|e| e.name.clone())
            .collect();
        results.push(StudentResult {
            student: "unread-student".into(),
            ..unreadable("is empty")
        });
        let graded: Vec<StudentResult> = (results.iter())
            .filter(|r| r.unreadable().is_none())
            .cloned()
            .collect();
        assert!(results.len() - graded.len() >= 2, "eve's zip too");
        let check = crate::roster::check(None, &[], true);
        let report = crate::report_html::render(&results, &exercises, &check, Lang::En);
        assert_eq!(
            counted(&report),
            graded.len(),
            "the histogram counts only the graded"
        );
        assert!(
            report.contains("unread-student"),
            "the table lists everyone"
        );
        let without = crate::report_html::render(&graded, &exercises, &check, Lang::En);
        let stats =
            |page: &str| page[page.find("<dl").unwrap()..page.find("</dl>").unwrap()].to_string();
        assert_eq!(
            stats(&report),
            stats(&without),
            "the mean and median are the graded ones'"
        );
    }
}
