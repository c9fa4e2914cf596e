//! A static scan of a submission's code for things an instructor should look at. It flags; it
//! never takes points away.

use std::path::Path;

/// What to look for, and what to tell the instructor when it is there.
const PATTERNS: &[(&str, &str)] = &[
    ("process::exit", "calls std::process::exit"),
    ("io::stdout", "writes to stdout directly"),
    ("io::stderr", "writes to stderr directly"),
    ("panic::set_hook", "sets a panic hook"),
    ("unsafe", "uses unsafe"),
    (
        "include_str!",
        "reads a file at compile time (include_str!)",
    ),
    (
        "include_bytes!",
        "reads a file at compile time (include_bytes!)",
    ),
    ("include!", "includes code from another file (include!)"),
    ("#[path", "loads a module from another path (#[path])"),
    ("std::env", "reads the environment or arguments (std::env)"),
    ("env!(", "reads the build environment (env!)"),
    ("std::fs", "touches the file system (std::fs)"),
    ("tokio::fs", "touches the file system (tokio::fs)"),
    ("std::process::Command", "starts other programs"),
];

/// One flag per pattern per file, with the first line it is on: `src/lib.rs:12 calls std::process::exit`.
pub fn scan(src: &Path) -> Vec<String> {
    let mut flags = Vec::new();
    for file in super::submissions::files_under(src) {
        let Ok(text) = std::fs::read_to_string(src.join(&file)) else {
            flags.push(format!("src/{} is not UTF-8 text", file.display()));
            continue;
        };
        for (pattern, what) in PATTERNS {
            if let Some(line) = text.lines().position(|l| l.contains(pattern)) {
                flags.push(format!("src/{}:{} {what}", file.display(), line + 1));
            }
        }
    }
    flags
}
