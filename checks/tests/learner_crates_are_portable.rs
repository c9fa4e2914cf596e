//! The learner's `cargo workbook` builds on Windows, macOS and Linux, by construction:
//!
//! - its dependency tree for each platform (`cargo tree --target`, which needs no std of that
//!   target) holds neither the grader's crates nor a crate that only builds on Linux, and for
//!   Windows none that only builds on Unix;
//! - its own source uses no Unix-only API outside a `#[cfg(unix)]` item.
//!
//! The learner's command is two feature sets of `workbook`: the light build that
//! `exercises/.cargo/config.toml` runs, and a handout's, which adds the book's server.
//! `.github/workflows/learners-platforms.yml` builds and runs them on the three platforms, on a
//! GitHub-hosted copy of this repository.

use checks::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The learner's builds of `workbook`, by the flags that select them.
const LEARNER_BUILDS: [(&str, &[&str]); 2] = [
    ("light", &["--no-default-features"]),
    ("handout", &["--no-default-features", "--features", "serve"]),
];

/// The instructor's and the book's crates: never in a learner's build.
const INSTRUCTORS: [&str; 7] = [
    "grade",
    "sandbox",
    "book-tools",
    "mdbook-driver",
    "indicatif",
    "quick-xml",
    "hmac",
];

/// Crates that build only on Linux.
const LINUX_ONLY: [&str; 3] = ["landlock", "inotify", "inotify-sys"];

/// Crates (as the workbook turns them on) that build only on Unix.
const UNIX_ONLY: [&str; 2] = ["rustix", "nix"];

/// The packages in `workbook`'s normal dependency tree for `target`, built with `flags`.
fn tree(target: &str, flags: &[&str]) -> Vec<String> {
    let out = Command::new(course::cargo::cargo())
        .args(["tree", "--locked", "-p", "workbook", "--target", target])
        .args(flags)
        .args(["-e", "normal", "--prefix", "none", "--format", "{p}"])
        .current_dir(&repo().root)
        .output()
        .expect("running cargo tree");
    assert!(
        out.status.success(),
        "cargo tree --target {target}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn assert_none_of(names: &[String], banned: &[&str], what: &str, target: &str, build: &str) {
    let found: Vec<&&str> = banned
        .iter()
        .filter(|b| names.iter().any(|n| n == **b))
        .collect();
    assert!(
        found.is_empty(),
        "the learner's {build} build for {target} compiles {what} {found:?}:\n{}",
        names.join(" ")
    );
}

#[test]
fn the_learners_command_has_no_unix_or_grader_crate_on_windows() {
    let target = "x86_64-pc-windows-msvc";
    for (build, flags) in LEARNER_BUILDS {
        let names = tree(target, flags);
        // Proof that the tree is Windows's: the Windows API crate is in it.
        assert!(
            names.iter().any(|n| n == "windows-sys"),
            "no windows-sys in the {build} tree for {target}: was it resolved for Windows?\n{}",
            names.join(" ")
        );
        assert_none_of(&names, &INSTRUCTORS, "the instructor's", target, build);
        assert_none_of(&names, &LINUX_ONLY, "Linux-only", target, build);
        assert_none_of(&names, &UNIX_ONLY, "Unix-only", target, build);
    }
}

#[test]
fn the_learners_command_has_no_linux_or_grader_crate_on_macos() {
    let target = "aarch64-apple-darwin";
    for (build, flags) in LEARNER_BUILDS {
        let names = tree(target, flags);
        assert!(
            !names.iter().any(|n| n == "windows-sys"),
            "windows-sys in the {build} tree for {target}: was it resolved for macOS?\n{}",
            names.join(" ")
        );
        assert!(
            names.iter().any(|n| n == "learn"),
            "the {build} tree for {target} has no learn crate:\n{}",
            names.join(" ")
        );
        assert_none_of(&names, &INSTRUCTORS, "the instructor's", target, build);
        assert_none_of(&names, &LINUX_ONLY, "Linux-only", target, build);
    }
}

/// Words that name an API only Unix has.
const UNIX_APIS: [&str; 6] = [
    "std::os::unix",
    "std::os::fd",
    "rustix::",
    "libc::",
    "process_group(",
    "pre_exec(",
];

/// The places in `text` that use a Unix-only API outside a `#[cfg(unix)]` item, as `line: text`.
///
/// From the line of the use, it goes up the chain of what holds it: the statement or item the
/// line starts (or continues), then each enclosing block's opening line (the nearest line above
/// that is less indented). The use is gated when an attribute right above one of them is
/// `#[cfg(unix)]` or `#[cfg(target_os = …)]`.
fn unix_outside_cfg(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let is_attribute = |l: &str| {
        let t = l.trim_start();
        t.starts_with("#[") || t.starts_with("//")
    };
    let gates = |l: &str| {
        let t = l.trim_start();
        ["#[cfg(unix)]", "#[cfg(target_os", "#[cfg(all(unix"]
            .iter()
            .any(|g| t.starts_with(g))
    };
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if !UNIX_APIS.iter().any(|api| code.contains(api)) {
            continue;
        }
        let (mut head, mut gated) = (i, false);
        loop {
            let mut first_attribute = head;
            while first_attribute > 0 && is_attribute(lines[first_attribute - 1]) {
                first_attribute -= 1;
                gated |= gates(lines[first_attribute]);
            }
            let level = indent(lines[head]);
            if gated || level == 0 {
                break;
            }
            let holder = (0..first_attribute).rev().find(|&k| {
                !lines[k].trim().is_empty() && indent(lines[k]) < level && !is_attribute(lines[k])
            });
            match holder {
                Some(k) => head = k,
                None => break,
            }
        }
        if !gated {
            found.push(format!("{}: {}", i + 1, line.trim()));
        }
    }
    found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_learners_crates_use_unix_apis_only_behind_cfg_unix() {
    let root = repo().root;
    let mut found = Vec::new();
    let mut read = 0;
    for dir in [
        "workbook/src",
        "crates/course/src",
        "crates/learn/src",
        "crates/serve/src",
    ] {
        for file in rust_files(&root.join(dir)) {
            read += 1;
            let text = std::fs::read_to_string(&file).unwrap();
            for place in unix_outside_cfg(&text) {
                found.push(format!("{}:{place}", file.display()));
            }
        }
    }
    assert!(
        read > 10,
        "only {read} files read: are the crates where this test looks?"
    );
    assert!(
        found.is_empty(),
        "Unix-only APIs outside #[cfg(unix)] in the learner's crates:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_an_ungated_unix_api_and_passes_a_gated_one() {
    let ungated = "use std::path::Path;\n\nfn mode(p: &Path) -> u32 {\n    use std::os::unix::fs::PermissionsExt;\n    0\n}\n";
    assert_eq!(unix_outside_cfg(ungated).len(), 1, "{ungated}");
    let gated_fn = "#[cfg(unix)]\n/// The mode.\nfn mode(p: &Path) -> u32 {\n    use std::os::unix::fs::PermissionsExt;\n    0\n}\n";
    assert_eq!(
        unix_outside_cfg(gated_fn),
        Vec::<String>::new(),
        "{gated_fn}"
    );
    let gated_field =
        "struct S {\n    #[cfg(unix)]\n    saved: Option<rustix::termios::Termios>,\n}\n";
    assert_eq!(unix_outside_cfg(gated_field), Vec::<String>::new());
    let sibling = "fn f() {\n    #[cfg(unix)]\n    let x = 1;\n    let _ = libc::getpid();\n}\n";
    assert_eq!(unix_outside_cfg(sibling).len(), 1, "{sibling}");
    let gated_statement = "fn f() {\n    #[cfg(unix)]\n    if let Some(s) = x {\n        let _ = rustix::termios::tcsetattr(a, b, s);\n    }\n}\n";
    assert_eq!(unix_outside_cfg(gated_statement), Vec::<String>::new());
    let after_a_gated_one = "#[cfg(unix)]\nfn a() {}\n\nfn b() {\n    let _ = libc::getpid();\n}\n";
    assert_eq!(unix_outside_cfg(after_a_gated_one).len(), 1);
    let commented = "fn f() {\n    // std::os::unix is not used here\n}\n";
    assert!(unix_outside_cfg(commented).is_empty());
}
