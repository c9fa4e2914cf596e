//! `cargo workbook --help` for a Korean learner (part of the binary, `main.rs`): the learner's
//! commands and their options described in Korean. The instructor's commands (`grade`, `handout`,
//! `merge`, `po`, `book`) keep their English help; clap's own words ("Usage", "Options") are
//! English in either language.

use clap::Command;

/// `command` (the whole CLI) with the learner's help in Korean.
pub fn in_korean(command: Command) -> Command {
    let lang = "한국어(ko) 또는 영어(en) (기본값: LANG에서)";
    command
        .about("워크북 명령: 책을 읽고, 진행 상황을 확인하고, 수업을 채점합니다.")
        .mut_subcommand("serve", |c| {
            c.about(
                "책의 두 판을 127.0.0.1에서 보여 줍니다. 연습 문제마다 지금 상태도 책에 \
                 나타납니다.",
            )
            .mut_arg("port", |a| a.help("포트 (0이면 빈 포트를 고릅니다)"))
            .mut_arg("open", |a| a.help("기본 브라우저로 책을 엽니다"))
        })
        .mut_subcommand("hint", |c| {
            c.about("연습 문제의 힌트를 보여 줍니다. 단계를 높일 때마다 하나씩 더 보여 줍니다.")
                .mut_arg("exercise", |a| a.help("연습 문제 이름 (예: ex01-join)"))
                .mut_arg("level", |a| {
                    a.help("보여 줄 힌트 개수 (1은 살짝 귀띔, 마지막 힌트는 거의 답입니다)")
                })
                .mut_arg("lang", |a| a.help(lang))
        })
        .mut_subcommand("check", |c| {
            c.about("진행 상황: 모든 연습 문제의 테스트를 지금 실행하고, 다음에 할 일을 알려 줍니다.")
                .mut_arg("lang", |a| a.help(lang))
        })
        .mut_subcommand("watch", |c| {
            c.about(
                "exercises/*/src를 지켜봅니다: 저장할 때마다 그 연습 문제를 빌드하고 테스트해 결과를 \
                 보여 줍니다 (키: h 힌트, l 목록, r 처음 코드로, n/p 다음/이전, q 끝내기).",
            )
            .mut_arg("lang", |a| a.help("화면과 힌트의 언어 (기본값: LANG에서)"))
        })
        .mut_subcommand("submit", |c| {
            c.about(
                "모든 연습 문제의 테스트를 한 번 실행한 뒤, 낼 zip 파일 하나를 만듭니다: 이름.zip, \
                 연습 문제마다 src/만 담습니다.",
            )
            .mut_arg("name", |a| a.help("선생님이 아는 내 이름: zip 파일 이름이 됩니다"))
            .mut_arg("out", |a| a.help("zip 파일을 둘 폴더 (기본값: 워크북 폴더)"))
            .mut_arg("lang", |a| a.help(lang))
        })
        .mut_subcommand("reset", |c| {
            c.about("연습 문제를 처음 코드로 되돌립니다 (지금 코드는 먼저 저장됩니다).")
                .mut_arg("exercise", |a| a.help("연습 문제 이름 (예: ex01-join)"))
                .mut_arg("yes", |a| a.help("묻지 않고 되돌립니다"))
                .mut_arg("lang", |a| a.help(lang))
        })
}
