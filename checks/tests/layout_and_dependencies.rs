//! The promises a file listing can prove: exercises and solutions mirror each other, the one test
//! file is shared, solutions are complete, and both workspaces build the same dependency versions.

use checks::{repo, wrong_answers};
use course::Exercise;
use std::collections::BTreeMap;
use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn toml_of(path: &Path) -> toml::Table {
    toml::from_str(&read(path)).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

fn exercises() -> Vec<Exercise> {
    repo().exercises().unwrap()
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() && path.file_name() != Some("target".as_ref()) {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn exercises_and_solutions_have_the_same_crates() {
    let members = |ws: &str| {
        toml_of(&repo().root.join(ws).join("Cargo.toml"))["workspace"]["members"].clone()
    };
    assert_eq!(
        members("exercises"),
        members("solutions"),
        "exercises/ and solutions/ list different crates"
    );
    for e in exercises() {
        assert!(
            e.dir.join("src/lib.rs").is_file(),
            "{} has no src/lib.rs",
            e.name
        );
        assert!(
            e.solution_dir.join("src/lib.rs").is_file(),
            "solutions/{} has no src/lib.rs",
            e.name
        );
    }
}

#[test]
fn solutions_run_the_one_copy_of_each_test_file() {
    for e in exercises() {
        let manifest = toml_of(&e.solution_dir.join("Cargo.toml"));
        let tests: BTreeMap<String, String> = manifest["test"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["name"].as_str().unwrap().into(),
                    t["path"].as_str().unwrap().into(),
                )
            })
            .collect();
        let expected = BTreeMap::from([
            (
                "exercise".to_string(),
                format!("../../exercises/{}/tests/exercise.rs", e.name),
            ),
            ("hidden".to_string(), "tests/hidden.rs".to_string()),
        ]);
        assert_eq!(
            tests, expected,
            "solutions/{}/Cargo.toml must run exactly these test files",
            e.name
        );
        assert_eq!(
            manifest["package"]["autotests"].as_bool(),
            Some(false),
            "{}: set autotests = false",
            e.name
        );
        assert!(
            e.test_file().is_file() && e.hidden_test_file().is_file(),
            "{}: test files missing",
            e.name
        );
        assert!(
            !e.solution_dir.join("tests/exercise.rs").exists(),
            "{}: a second copy of the tests",
            e.name
        );
    }
}

#[test]
fn exercise_and_solution_crates_use_the_same_dependencies() {
    for e in exercises() {
        let deps = |dir: &Path| {
            toml_of(&dir.join("Cargo.toml"))
                .get("dependencies")
                .cloned()
        };
        assert_eq!(
            deps(&e.dir),
            deps(&e.solution_dir),
            "{}: [dependencies] differ",
            e.name
        );
    }
    // A path dependency (the tests' shared crate) is written relative to each workspace: compared
    // as the folder it names.
    let workspace_deps = |ws: &str| {
        let root = repo().root.join(ws);
        let mut deps = toml_of(&root.join("Cargo.toml"))["workspace"]["dependencies"].clone();
        for (_, spec) in deps.as_table_mut().unwrap().iter_mut() {
            if let Some(toml::Value::String(path)) = spec.get_mut("path") {
                let folder = root.join(&*path);
                *path = folder
                    .canonicalize()
                    .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
                    .display()
                    .to_string();
            }
        }
        deps
    };
    assert_eq!(
        workspace_deps("exercises"),
        workspace_deps("solutions"),
        "[workspace.dependencies] differ"
    );
}

#[test]
fn exercises_and_solutions_lock_the_same_versions() {
    let versions = |ws: &str| -> BTreeMap<String, Vec<String>> {
        let lock = toml_of(&repo().root.join(ws).join("Cargo.lock"));
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in lock["package"].as_array().unwrap() {
            let name = p["name"].as_str().unwrap().to_string();
            map.entry(name)
                .or_default()
                .push(p["version"].as_str().unwrap().into());
        }
        map
    };
    let (exercises, solutions) = (versions("exercises"), versions("solutions"));
    for (name, v) in &exercises {
        if let Some(w) = solutions.get(name) {
            assert_eq!(
                v, w,
                "{name} is locked to {v:?} in exercises/ but {w:?} in solutions/"
            );
        }
    }
}

#[test]
fn solutions_are_complete_and_no_test_is_ignored() {
    for file in rust_files(&repo().solutions_dir()) {
        let text = read(&file);
        for stub in ["todo!(", "unimplemented!("] {
            assert!(!text.contains(stub), "{} still has {stub}", file.display());
        }
    }
    for dir in [repo().exercises_dir(), repo().solutions_dir()] {
        for file in rust_files(&dir) {
            assert!(
                !read(&file).contains("#[ignore"),
                "{} ignores a test",
                file.display()
            );
        }
    }
}

#[test]
fn every_stub_leaves_the_learner_work_and_says_where_to_read() {
    for e in exercises() {
        let lib = read(&e.dir.join("src/lib.rs"));
        assert!(
            lib.contains("todo!("),
            "exercises/{} has nothing left to write",
            e.name
        );
        let command = format!("cargo test -p {}", e.name);
        assert!(
            lib.contains(&command),
            "exercises/{}: the crate doc must give `{command}`",
            e.name
        );
        let chapter = format!("book/src/{}", e.chapter());
        assert!(
            lib.contains(&chapter),
            "exercises/{}: the crate doc must name {chapter}",
            e.name
        );
    }
}

#[test]
fn every_exercise_has_a_title_a_goal_and_progressive_hints() {
    for e in exercises() {
        let info = e.info().unwrap();
        assert!(info.hints.len() >= 2, "{}: give 2 or more hints", e.name);
        for text in [&info.title, &info.success].into_iter().chain(&info.hints) {
            assert!(
                !text.ko.trim().is_empty() && !text.en.trim().is_empty(),
                "{}: a text lacks ko or en",
                e.name
            );
        }
    }
}

#[test]
fn wrong_answers_name_tests_that_exist() {
    for wrong in wrong_answers().unwrap() {
        for test in &wrong.caught_by {
            let (target, name) = test.split_once("::").unwrap();
            let file = match target {
                "exercise" => wrong.exercise.test_file(),
                _ => wrong.exercise.hidden_test_file(),
            };
            assert!(
                read(&file).contains(&format!("fn {name}(")),
                "{}: caught-by names {test}, which is not in {}",
                wrong.file.display(),
                file.display()
            );
        }
    }
}

#[test]
fn the_given_code_is_the_same_in_exercises_and_solutions() {
    use grade::given::{region_text, regions};
    for e in exercises() {
        let stubs = e.dir.join("src");
        for stub in rust_files(&stubs) {
            let relative = stub.strip_prefix(&stubs).unwrap();
            let solution = e.solution_dir.join("src").join(relative);
            let (stub_text, solution_text) = (read(&stub), read(&solution));
            let theirs = regions(&solution_text);
            // Grading puts back every anchored region of the stub: each must be the solution's too.
            for region in regions(&stub_text) {
                let twin = theirs
                    .iter()
                    .find(|r| r.name == region.name)
                    .unwrap_or_else(|| {
                        panic!(
                            "solutions/{}/src/{}: no anchor `{}`",
                            e.name,
                            relative.display(),
                            region.name
                        )
                    });
                assert_eq!(
                    region_text(&stub_text, &region),
                    region_text(&solution_text, twin),
                    "{}/src/{}: the given code `{}` differs between exercises/ and solutions/",
                    e.name,
                    relative.display(),
                    region.name
                );
            }
        }
    }
}

#[test]
fn the_learners_light_build_leaves_out_the_book_the_grader_and_the_server() {
    // What `cargo workbook` builds inside exercises/: its alias asks for the light build.
    let alias = read(&repo().exercises_dir().join(".cargo/config.toml"));
    assert!(
        alias.contains("--package workbook --no-default-features --"),
        "exercises/.cargo/config.toml does not run the light build:\n{alias}"
    );
    let tree = std::process::Command::new(course::cargo::cargo())
        .args([
            "tree",
            "--locked",
            "-p",
            "workbook",
            "--no-default-features",
        ])
        .args(["-e", "normal", "--prefix", "none", "--format", "{p}"])
        .current_dir(&repo().root)
        .output()
        .unwrap();
    assert!(
        tree.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&tree.stderr)
    );
    let tree = String::from_utf8(tree.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for heavy in [
        "mdbook-driver",
        "elasticlunr-rs",
        "ra-ap-rustc_lexer",
        "indicatif",
        "axum",
        "tokio",
        "tower-http",
    ] {
        assert!(
            !names.contains(&heavy),
            "the learner's light build compiles {heavy}:\n{tree}"
        );
    }
    assert!(
        names.contains(&"notify"),
        "no watch in the light build?\n{tree}"
    );
}

/// The workbook's own crates (`crates/README.md`), and which of them each may use.
const CRATES: [(&str, &[&str]); 7] = [
    ("crates/course", &[]),
    ("crates/learn", &["course"]),
    ("crates/serve", &["course", "learn"]),
    ("crates/book-tools", &["course"]),
    ("crates/sandbox", &["course"]),
    ("crates/grade", &["course", "sandbox"]),
    (
        "workbook",
        &["course", "learn", "serve", "book-tools", "sandbox", "grade"],
    ),
];

#[test]
fn the_crates_use_each_other_one_way_and_only_the_sandbox_has_unsafe() {
    let ours: Vec<&str> = CRATES
        .iter()
        .map(|(dir, _)| dir.rsplit('/').next().unwrap())
        .collect();
    let on_disk: Vec<String> = std::fs::read_dir(repo().root.join("crates"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("Cargo.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in &on_disk {
        assert!(
            ours.contains(&name.as_str()),
            "crates/{name} is not in CRATES"
        );
    }
    for (dir, allowed) in CRATES {
        let manifest = toml_of(&repo().root.join(dir).join("Cargo.toml"));
        let mut used = Vec::new();
        for table in ["dependencies", "dev-dependencies"] {
            if let Some(deps) = manifest.get(table).and_then(|d| d.as_table()) {
                used.extend(deps.keys().filter(|k| ours.contains(&k.as_str())).cloned());
            }
        }
        for name in &used {
            assert!(
                allowed.contains(&name.as_str()),
                "{dir} uses {name}: the crates use each other one way only (crates/README.md)"
            );
        }
        let root = ["src/lib.rs", "src/main.rs"]
            .iter()
            .map(|f| repo().root.join(dir).join(f))
            .find(|f| f.is_file())
            .unwrap();
        let forbids = read(&root).contains("#![forbid(unsafe_code)]");
        assert_eq!(
            forbids,
            dir != "crates/sandbox",
            "{}: every crate but the sandbox forbids unsafe code, and the sandbox needs it",
            root.display()
        );
    }
}
