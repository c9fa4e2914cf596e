//! A static scan of a submission's code for things an instructor should look at. It flags; it
//! never takes points away. It is the second line of defence: the sandbox is the first.
//!
//! Each line is read with its white space removed, so `include_str !(`, `#[ path = ".." ]` and
//! `std :: process` are seen as written without it; and a module named alone (`use std::process
//! as p;`) is flagged, not only its functions, so an alias does not hide what it reaches.

use std::path::Path;

/// What to look for (without white space), and what to tell the instructor when it is there.
const PATTERNS: &[(&str, &str)] = &[
    ("process::exit", "calls std::process::exit"),
    (
        "std::process",
        "uses std::process (exit, abort, other programs)",
    ),
    ("io::stdout", "writes to stdout directly"),
    ("io::stderr", "writes to stderr directly"),
    ("panic::set_hook", "sets a panic hook"),
    ("unsafe", "uses unsafe"),
    ("no_mangle", "exports an unmangled symbol (no_mangle)"),
    ("export_name", "exports a symbol by name (export_name)"),
    (
        "link_section",
        "places code in a link section (link_section)",
    ),
    (
        "include_str!",
        "reads a file at compile time (include_str!)",
    ),
    (
        "include_bytes!",
        "reads a file at compile time (include_bytes!)",
    ),
    ("include!", "includes code from another file (include!)"),
    ("path=", "loads a module from another path (#[path])"),
    ("externcrate", "links a crate by name (extern crate)"),
    ("macro_export", "exports a macro (macro_export)"),
    ("std::env", "reads the environment or arguments (std::env)"),
    ("env!(", "reads the build environment (env!)"),
    ("std::fs", "touches the file system (std::fs)"),
    ("tokio::fs", "touches the file system (tokio::fs)"),
    ("std::net", "opens network connections (std::net)"),
    ("std::os", "uses operating-system specifics (std::os)"),
    ("Command", "starts other programs (Command)"),
];

/// One flag per pattern per file, with the first line it is on: `src/lib.rs:12 calls std::process::exit`.
pub fn scan(src: &Path) -> Vec<String> {
    let mut flags = Vec::new();
    for file in super::submissions::files_under(src) {
        let text = super::submissions::read_submitted(&src.join(&file))
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let Some(text) = text else {
            flags.push(format!("src/{} is not UTF-8 text", file.display()));
            continue;
        };
        flags.extend(
            scan_text(&text)
                .into_iter()
                .map(|(line, what)| format!("src/{}:{line} {what}", file.display())),
        );
    }
    flags
}

/// `(line number, what)` for the first line each pattern is on.
fn scan_text(text: &str) -> Vec<(usize, &'static str)> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    PATTERNS
        .iter()
        .filter_map(|(pattern, what)| {
            let line = lines.iter().position(|l| l.contains(pattern))?;
            Some((line + 1, *what))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::scan_text;

    fn flags(text: &str) -> Vec<&'static str> {
        scan_text(text).into_iter().map(|(_, what)| what).collect()
    }

    #[test]
    fn aliases_spaces_and_cfg_attr_do_not_hide_what_code_reaches() {
        assert!(
            flags("use std::process as p;\nfn f() { p::exit(0) }")
                .contains(&"uses std::process (exit, abort, other programs)")
        );
        assert!(
            flags("const S: &str = include_str !(\"/etc/passwd\");")
                .contains(&"reads a file at compile time (include_str!)")
        );
        assert!(
            flags("#[cfg_attr(all(), path = \"../../solutions/lib.rs\")]\nmod m;")
                .contains(&"loads a module from another path (#[path])")
        );
        assert!(
            flags("extern  crate ex01_join as b;")
                .contains(&"links a crate by name (extern crate)")
        );
    }

    #[test]
    fn ordinary_async_code_is_not_flagged() {
        let code = "use tokio::time::{sleep, Duration};\n\
                    pub async fn fetch_all() -> (u8, u8) {\n    tokio::join!(a(), b())\n}\n";
        assert_eq!(flags(code), Vec::<&str>::new());
    }
}
