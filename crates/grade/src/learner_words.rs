//! What the grader itself says to a learner, in `--lang`: the feedback's and the exports' words
//! (the report's are in `report_html::words`). Test names, messages and the compiler's output are
//! quoted as they are, in no language of ours.

use crate::report_html::words::Words;
use crate::results::{Compile, ExerciseResult, TestStatus};
use course::Lang;

/// `en` or `ko`, as `lang` says.
pub(crate) fn says(lang: Lang, en: &'static str, ko: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// A test's status in words: `timed out`, `시간 초과`.
pub(crate) fn status(status: TestStatus, lang: Lang) -> String {
    Words::of(lang).status(status)
}

/// Said of a result graded with `--no-sandbox`.
pub(crate) fn not_sandboxed(lang: Lang) -> &'static str {
    says(
        lang,
        crate::results::NOT_SANDBOXED,
        "샌드박스 없음: --no-sandbox로 채점되었습니다. 코드가 채점자의 권한으로 실행되어 이 결과를 \
         위조할 수 있었습니다",
    )
}

/// Why a submission has no grade: `problem` is the grader's own account of it.
pub(crate) fn could_not_be_graded(problem: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Your submission could not be graded: it {problem}."),
        Lang::Ko => format!("제출물을 채점할 수 없었습니다: {}.", detail(problem, lang)),
    }
}

/// Before the list of files that may not be changed.
pub(crate) fn integrity(lang: Lang) -> &'static str {
    says(
        lang,
        "Files you may not edit were changed; the originals were used:",
        "바꾸면 안 되는 파일이 바뀌어 있어 원본으로 채점했습니다:",
    )
}

/// `(hidden)` after a hidden test's name.
pub(crate) fn hidden(lang: Lang) -> &'static str {
    Words::of(lang).hidden
}

/// The feedback's title, its points line and its table's header.
pub(crate) fn feedback_title(student: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Feedback for {student}"),
        Lang::Ko => format!("{student} 님의 채점 결과"),
    }
}

pub(crate) fn points(lang: Lang) -> &'static str {
    says(lang, "points", "점")
}

pub(crate) fn table_header(lang: Lang) -> &'static str {
    says(
        lang,
        "| test | result | points |",
        "| 테스트 | 결과 | 점수 |",
    )
}

/// Why an exercise did not build, and the compiler's errors (as `ExerciseResult::build_problem`,
/// in `lang`).
pub(crate) fn build_problem(e: &ExerciseResult, lang: Lang) -> Option<(&'static str, String)> {
    let sentence = match e.compile {
        Compile::Ok => return None,
        Compile::Missing => says(lang, "Not submitted.", "제출되지 않았습니다."),
        Compile::Failed if e.tests.iter().any(|t| t.status != TestStatus::NotBuilt) => says(
            lang,
            "Your tests build, but not all of the instructor's:",
            "여러분의 테스트는 빌드되지만 강사의 테스트는 모두 빌드되지는 않습니다:",
        ),
        Compile::Failed => says(
            lang,
            "Does not compile. The compiler said:",
            "컴파일되지 않습니다. 컴파일러의 메시지:",
        ),
        Compile::TimedOut => says(
            lang,
            "Compiling took longer than the grader allows:",
            "컴파일이 채점기가 허용하는 시간보다 오래 걸렸습니다:",
        ),
    };
    let errors: Vec<String> = e
        .compile_errors
        .iter()
        .map(|line| graders_line(line, lang))
        .collect();
    Some((sentence, errors.join("\n").trim_end().to_string()))
}

/// A line the grader adds to the compiler's messages, in `lang`; the compiler's own stay as they
/// are.
fn graders_line(line: &str, lang: Lang) -> String {
    use crate::assemble::{HIDDEN_DO_NOT_COMPILE, MORE_ERRORS, OUT_OF_REACH};
    if lang == Lang::En {
        return line.to_string();
    }
    if line == HIDDEN_DO_NOT_COMPILE {
        return "강사의 숨은 테스트가 이 코드로는 컴파일되지 않습니다: 공개 타입이나 함수 \
                시그니처를 바꿨나요?"
            .into();
    }
    if line == OUT_OF_REACH {
        return "컴파일하는 동안 크레이트는 자기 src/ 폴더와 의존성만 읽을 수 있습니다: \
                include!, include_str!, #[path], extern crate로 다른 파일에 닿을 수 없습니다."
            .into();
    }
    match line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(MORE_ERRORS))
    {
        Some(n) if n.parse::<usize>().is_ok() => {
            format!("(컴파일러 오류 {n}개는 더 보이지 않습니다: 앞의 오류부터 고치세요)")
        }
        _ => line.to_string(),
    }
}

/// Why a test of `e` never ran.
pub(crate) fn not_run(e: &ExerciseResult, lang: Lang) -> String {
    match (e.compile, lang) {
        (Compile::Missing, Lang::En) => format!("Not run: {} was not submitted.", e.name),
        (Compile::Missing, Lang::Ko) => {
            format!("실행되지 않음: {}이(가) 제출되지 않았습니다.", e.name)
        }
        (_, Lang::En) => format!("Not run: {} does not build.", e.name),
        (_, Lang::Ko) => format!("실행되지 않음: {}이(가) 빌드되지 않습니다.", e.name),
    }
}

/// The grader's own phrases in a flag, a review note, an alert or a problem (`scan`,
/// `submissions`), each with its Korean; the paths and code they name stay as they are.
const DETAILS: &[(&str, &str)] = &[
    (
        " was changed (not used: the original was)",
        ": 바뀌었습니다 (원본으로 채점함)",
    ),
    (
        " was deleted (not used: the original was)",
        ": 지워졌습니다 (원본으로 채점함)",
    ),
    (
        " was added (not used: the original was)",
        ": 추가되었습니다 (쓰지 않음)",
    ),
    (" is not UTF-8 text", ": UTF-8 텍스트가 아님"),
    (" calls std::process::exit", ": std::process::exit 호출"),
    (
        " uses std::process (exit, abort, other programs)",
        ": std::process 사용 (exit, abort, 다른 프로그램)",
    ),
    (" writes to stdout directly", ": stdout에 직접 씀"),
    (" writes to stderr directly", ": stderr에 직접 씀"),
    (" sets a panic hook", ": panic hook을 설정함"),
    (" uses unsafe", ": unsafe 사용"),
    (
        " exports an unmangled symbol (no_mangle)",
        ": 이름이 바뀌지 않는 심볼을 내보냄 (no_mangle)",
    ),
    (
        " exports a symbol by name (export_name)",
        ": 이름으로 심볼을 내보냄 (export_name)",
    ),
    (
        " places code in a link section (link_section)",
        ": 코드를 링크 섹션에 둠 (link_section)",
    ),
    (
        " reads a file at compile time (include_str!)",
        ": 컴파일할 때 파일을 읽음 (include_str!)",
    ),
    (
        " reads a file at compile time (include_bytes!)",
        ": 컴파일할 때 파일을 읽음 (include_bytes!)",
    ),
    (
        " includes code from another file (include!)",
        ": 다른 파일의 코드를 포함함 (include!)",
    ),
    (
        " loads a module from another path (#[path])",
        ": 다른 경로에서 모듈을 불러옴 (#[path])",
    ),
    (
        " links a crate by name (extern crate)",
        ": 이름으로 크레이트를 링크함 (extern crate)",
    ),
    (
        " exports a macro (macro_export)",
        ": 매크로를 내보냄 (macro_export)",
    ),
    (
        " reads the environment or arguments (std::env)",
        ": 환경 변수나 인자를 읽음 (std::env)",
    ),
    (
        " reads the build environment (env!)",
        ": 빌드 환경을 읽음 (env!)",
    ),
    (
        " touches the file system (std::fs)",
        ": 파일 시스템을 건드림 (std::fs)",
    ),
    (
        " touches the file system (tokio::fs)",
        ": 파일 시스템을 건드림 (tokio::fs)",
    ),
    (
        " opens network connections (std::net)",
        ": 네트워크에 연결함 (std::net)",
    ),
    (
        " uses operating-system specifics (std::os)",
        ": 운영체제 전용 기능 사용 (std::os)",
    ),
    (
        " starts other programs (Command)",
        ": 다른 프로그램을 실행함 (Command)",
    ),
    (
        " has the shape of a compiler soundness hole (two lifetime parameters or a `for<'a> fn` \
         pointer; rust-lang/rust#25860, cve-rs) with which safe code can forge a pass: read it \
         before trusting its points",
        ": 컴파일러 건전성 구멍의 모양 (수명 매개변수 둘 또는 `for<'a> fn` 포인터; \
         rust-lang/rust#25860, cve-rs): 안전한 코드로도 통과를 위조할 수 있으니 점수를 믿기 전에 \
         읽으세요",
    ),
    ("is empty", "비어 있음"),
    ("is neither a folder nor a .zip", "폴더도 .zip도 아님"),
    (
        "is a link that leads out of the submissions folder: not graded",
        "제출 폴더 밖을 가리키는 링크: 채점하지 않음",
    ),
    (
        "reaches its exercises through a link (links are not followed): not graded",
        "링크를 거쳐 연습 문제에 닿음 (링크는 따라가지 않음): 채점하지 않음",
    ),
    (
        "has no exercises/ layout (expected exercises/ex01-join/src/lib.rs and so on)",
        "exercises/ 구조가 없음 (exercises/ex01-join/src/lib.rs 같은 구조여야 함)",
    ),
    ("cannot be read: ", "읽을 수 없음: "),
    ("is not a readable zip", "읽을 수 있는 zip 파일이 아님"),
    ("could not be unpacked", "풀 수 없음"),
    ("is too large to grade: ", "너무 커서 채점할 수 없음: "),
];

/// A flag, note, alert or problem of the grader's in `lang`: its own phrases translated, the
/// paths, code and system errors it quotes as they are.
pub(crate) fn detail(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Ko => DETAILS
            .iter()
            .fold(text.to_string(), |text, (en, ko)| text.replace(en, ko)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_class::class;

    #[test]
    fn the_english_build_problem_is_the_results_own() {
        for r in class() {
            for e in &r.exercises {
                assert_eq!(build_problem(e, Lang::En), e.build_problem());
            }
        }
    }

    #[test]
    fn every_phrase_of_the_scan_and_the_integrity_check_has_its_korean() {
        for (_, what) in crate::scan::PATTERNS {
            let note = format!("ex01-join/src/lib.rs:12 {what}");
            let ko = detail(&note, Lang::Ko);
            assert!(ko.starts_with("ex01-join/src/lib.rs:12: "), "{ko}");
            assert!(!ko.contains(what), "{what} has no Korean");
        }
        for what in ["was changed", "was deleted", "was added"] {
            let flag = format!("ex01-join/tests/exercise.rs {what} (not used: the original was)");
            let ko = detail(&flag, Lang::Ko);
            assert!(ko.starts_with("ex01-join/tests/exercise.rs: "), "{ko}");
            assert!(!ko.contains("original"), "{ko}");
        }
        let alert = crate::sample_class::class()
            .into_iter()
            .flat_map(|r| r.alerts)
            .next()
            .unwrap();
        assert_eq!(detail(&alert, Lang::En), alert);
    }

    #[test]
    fn the_graders_lines_among_the_compilers_are_in_korean_and_the_compilers_stay() {
        use crate::assemble::{HIDDEN_DO_NOT_COMPILE, MORE_ERRORS, OUT_OF_REACH};
        let mut e = crate::sample_class::class()
            .into_iter()
            .flat_map(|r| r.exercises)
            .find(|e| e.compile == Compile::Failed)
            .expect("a sample exercise that does not compile");
        let compilers = e.compile_errors.clone();
        e.compile_errors.extend([
            HIDDEN_DO_NOT_COMPILE.to_string(),
            OUT_OF_REACH.to_string(),
            format!("(5{MORE_ERRORS}"),
        ]);
        let (_, ko) = build_problem(&e, Lang::Ko).unwrap();
        for english in [HIDDEN_DO_NOT_COMPILE, OUT_OF_REACH, MORE_ERRORS] {
            assert!(!ko.contains(english), "{ko}");
        }
        assert!(ko.contains("컴파일러 오류 5개"), "{ko}");
        for line in compilers {
            assert!(
                ko.contains(line.trim_end()),
                "the compiler's own words changed: {ko}"
            );
        }
        let (_, en) = build_problem(&e, Lang::En).unwrap();
        assert!(en.contains(OUT_OF_REACH), "{en}");
    }

    #[test]
    fn a_zip_that_cannot_be_read_is_said_in_korean() {
        for (problem, korean) in [
            (
                "is not a readable zip: invalid Zip archive",
                "읽을 수 있는 zip 파일이 아님",
            ),
            ("could not be unpacked: No space left", "풀 수 없음"),
            (
                "is too large to grade: 6000 files",
                "너무 커서 채점할 수 없음",
            ),
        ] {
            let said = could_not_be_graded(problem, Lang::Ko);
            assert!(said.contains(korean), "{said}");
        }
    }
}
