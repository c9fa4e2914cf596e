//! What `workbook grade` and `workbook merge` print, in `--lang`: the progress bar, a line per
//! student, the warnings and the summary. Student names, paths and the grader's recorded problems
//! are quoted as they are.

use course::Lang;
use std::path::Path;

/// Before the class is built.
pub fn building(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Building the class (dependencies are built once and reused)...",
        Lang::Ko => "수업의 제출물을 빌드합니다 (의존성은 한 번만 빌드해 다시 씁니다)...",
    }
}

/// `--no-sandbox`.
pub fn no_sandbox(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "warning: grading WITHOUT the sandbox (--no-sandbox): student code runs with your rights"
        }
        Lang::Ko => {
            "경고: 샌드박스 없이 채점합니다 (--no-sandbox): 학생 코드가 여러분의 권한으로 실행됩니다"
        }
    }
}

/// Running as root with no control group to make.
pub fn no_cgroup(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "warning: no control group can be made under /sys/fs/cgroup: each test's processes are \
             limited one by one, not together (a fork bomb can slow the class)"
        }
        Lang::Ko => {
            "경고: /sys/fs/cgroup 아래에 control group을 만들 수 없습니다: 각 테스트의 프로세스는 \
             함께가 아니라 하나씩 제한됩니다 (fork bomb이 채점을 느리게 할 수 있습니다)"
        }
    }
}

/// The students whose code has the shape of a soundness hole.
pub fn alert(students: &[&str], lang: Lang) -> String {
    let who = students.join(", ");
    match lang {
        Lang::En => format!(
            "ALERT: read the code of {who} first: it has the shape of a compiler soundness hole \
             that can forge passes (see the flags column of the gradebook)"
        ),
        Lang::Ko => format!(
            "경고: {who}의 코드를 먼저 읽으세요: 통과를 위조할 수 있는 컴파일러 건전성 구멍의 \
             모양이 있습니다 (성적부의 flags 열을 보세요)"
        ),
    }
}

/// After `grade`.
pub fn graded(students: usize, full: usize, out: &Path, lang: Lang) -> String {
    let (gradebook, report, exports) = (
        out.join("gradebook.csv"),
        out.join("report.html"),
        out.join("exports"),
    );
    let (gradebook, report, exports) = (gradebook.display(), report.display(), exports.display());
    match lang {
        Lang::En => format!(
            "Graded {students} students ({full} with full marks). Gradebook: {gradebook}; class \
             report: {report}; exports for Gradescope, GitHub Classroom, JUnit and Canvas: {exports}"
        ),
        Lang::Ko => format!(
            "학생 {students}명을 채점했습니다 (만점 {full}명). 성적부: {gradebook}; 수업 보고서: \
             {report}; Gradescope, GitHub Classroom, JUnit, Canvas용 내보내기: {exports}"
        ),
    }
}

/// The earlier results `grade` or `merge` moved out of the way (see `set_aside`).
pub fn set_aside(set: &crate::SetAside, lang: Lang) -> String {
    let (count, students, to) = (
        set.students.len(),
        set.students.join(", "),
        set.to.display(),
    );
    match lang {
        Lang::En => format!(
            "Set aside the earlier results of {count} students not in this class ({students}): \
             moved to {to}, and left out of the gradebook, the report and the exports"
        ),
        Lang::Ko => format!(
            "이번 수업에 없는 학생 {count}명({students})의 지난 결과를 {to}(으)로 옮겼습니다. \
             성적표, 보고서, 내보내기에는 들어가지 않습니다"
        ),
    }
}

/// After `merge`.
pub fn merged(students: usize, out: &Path, lang: Lang) -> String {
    let (gradebook, report) = (out.join("gradebook.csv"), out.join("report.html"));
    let (gradebook, report) = (gradebook.display(), report.display());
    match lang {
        Lang::En => {
            format!("Merged {students} students into {gradebook}; the class report is {report}")
        }
        Lang::Ko => format!("학생 {students}명을 {gradebook}에 합쳤습니다. 수업 보고서: {report}"),
    }
}

/// The progress bar's words: `graded`, `{n} short of full marks`, `compiling {n} students`,
/// `testing {student}`.
pub(crate) struct Bar {
    pub graded: &'static str,
    pub short: &'static str,
    pub compiling: &'static str,
    pub testing: &'static str,
    pub eta: &'static str,
}

pub(crate) fn bar(lang: Lang) -> Bar {
    match lang {
        Lang::En => Bar {
            graded: "graded",
            short: "short of full marks",
            compiling: "compiling {n} students",
            testing: "testing",
            eta: "ETA",
        },
        Lang::Ko => Bar {
            graded: "채점",
            short: "명 만점 아님",
            compiling: "학생 {n}명 컴파일 중",
            testing: "테스트 중:",
            eta: "남은 시간",
        },
    }
}

/// A student's line: why not more points, when it is not the code's own doing.
pub(crate) fn not_graded(problem: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("not graded: {problem}"),
        Lang::Ko => format!(
            "채점 안 됨: {}",
            crate::learner_words::detail(problem, lang)
        ),
    }
}

pub(crate) fn unchanged(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "unchanged since the last run",
        Lang::Ko => "지난 실행 뒤로 바뀌지 않음",
    }
}

pub(crate) fn do_not_compile(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::En) => "1 exercise does not compile".into(),
        (n, Lang::En) => format!("{n} exercises do not compile"),
        (n, Lang::Ko) => format!("연습 문제 {n}개가 컴파일되지 않음"),
    }
}

pub(crate) fn points(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "points",
        Lang::Ko => "점",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_and_merge_say_their_lines_in_the_chosen_language() {
        let out = Path::new("/class/graded");
        let ko = [
            building(Lang::Ko).to_string(),
            no_sandbox(Lang::Ko).to_string(),
            no_cgroup(Lang::Ko).to_string(),
            alert(&["chul"], Lang::Ko),
            graded(2, 1, out, Lang::Ko),
            merged(3, out, Lang::Ko),
            not_graded("is empty", Lang::Ko),
            unchanged(Lang::Ko).to_string(),
            do_not_compile(2, Lang::Ko),
        ];
        for line in &ko {
            assert!(
                line.chars().any(|c| ('가'..='힣').contains(&c)),
                "not Korean: {line}"
            );
            for english in [
                "Graded",
                "Merged",
                "Building",
                "warning",
                "ALERT",
                "not graded",
            ] {
                assert!(!line.contains(english), "{english} in {line}");
            }
        }
        assert!(graded(2, 1, out, Lang::Ko).contains("학생 2명을 채점했습니다 (만점 1명)"));
        assert!(not_graded("is empty", Lang::Ko).ends_with("비어 있음"));
        assert_eq!(
            graded(2, 1, out, Lang::En),
            "Graded 2 students (1 with full marks). Gradebook: /class/graded/gradebook.csv; class \
             report: /class/graded/report.html; exports for Gradescope, GitHub Classroom, JUnit and \
             Canvas: /class/graded/exports"
        );
        assert_eq!(
            merged(3, out, Lang::En),
            "Merged 3 students into /class/graded/gradebook.csv; the class report is \
             /class/graded/report.html"
        );
    }
}
