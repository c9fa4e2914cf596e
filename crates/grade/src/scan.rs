//! A static scan of a submission's code for things an instructor should look at. It flags; it
//! never takes points away. It is the second line of defence: the sandbox is the first.
//!
//! Each line is read with its white space removed, so `include_str !(`, `#[ path = ".." ]` and
//! `std :: process` are seen as written without it; and a module named alone (`use std::process
//! as p;`) is flagged, not only its functions, so an alias does not hide what it reaches.

use std::path::Path;

/// What to look for (without white space), and what to tell the instructor when it is there.
pub(crate) const PATTERNS: &[(&str, &str)] = &[
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

/// `(line number, what)` for the first place each pattern is at, in the whole file read without
/// white space (so a path split over lines is seen whole).
fn scan_text(text: &str) -> Vec<(usize, &'static str)> {
    let (flat, lines) = without_white_space(text);
    PATTERNS
        .iter()
        .filter_map(|(pattern, what)| {
            let at = flat.find(pattern)?;
            Some((lines[flat[..at].chars().count()], *what))
        })
        .collect()
}

/// The text without white space, and the line (from 1) of each character kept.
fn without_white_space(text: &str) -> (String, Vec<usize>) {
    let mut flat = String::new();
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for c in line.chars().filter(|c| !c.is_whitespace()) {
            flat.push(c);
            lines.push(n + 1);
        }
    }
    lines.push(lines.last().copied().unwrap_or(1));
    (flat, lines)
}

/// What could forge a pass even inside the sandbox, for the instructor to read first: the shape
/// of a known compiler soundness hole (rust-lang/rust#25860, used by the `cve-rs` crate), a
/// function generic over two lifetimes coerced to a higher-ranked `for<'a> fn`, lets safe code
/// transmute, so write to libtest's log through its file descriptor and exit. Exercises like these
/// need neither two lifetime parameters nor higher-ranked function pointers.
pub fn alerts(src: &Path) -> Vec<String> {
    let mut alerts = Vec::new();
    for file in super::submissions::files_under(src) {
        let text = super::submissions::read_submitted(&src.join(&file))
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        if let Some(line) = soundness_hole_shape(&text) {
            alerts.push(format!(
                "src/{}:{line} has the shape of a compiler soundness hole (two lifetime \
                 parameters or a `for<'a> fn` pointer; rust-lang/rust#25860, cve-rs) with which \
                 safe code can forge a pass: read it before trusting its points",
                file.display()
            ));
        }
    }
    alerts
}

/// The line of the first generic list with two lifetimes (`<'a, 'b`) or `for<'`, if any.
fn soundness_hole_shape(text: &str) -> Option<usize> {
    let (flat, lines) = without_white_space(text);
    let line_of = |at: usize| lines[flat[..at].chars().count()];
    if let Some(at) = flat.find("for<'") {
        return Some(line_of(at));
    }
    let mut from = 0;
    while let Some(open) = flat[from..].find("<'").map(|i| from + i) {
        let list = &flat[open..];
        let close = list.find('>').unwrap_or(list.len());
        if list[..close].contains(",'") {
            return Some(line_of(open));
        }
        from = open + 2;
    }
    None
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
    fn the_soundness_hole_shape_is_an_alert() {
        let cve = "static UNIT: &&() = &&();\n\
                   fn translate<'a, 'b, T: ?Sized>(_v: &'a &'b (), x: &'b mut T) -> &'a mut T { x }\n";
        assert_eq!(super::soundness_hole_shape(cve), Some(2));
        let split = "fn f() {\n let g: for <\n 'x> fn(&'x ()) = h;\n}\n";
        assert_eq!(super::soundness_hole_shape(split), Some(2));
        let honest = "pub async fn fetch_all<'a>(client: &'a Client) -> Vec<u8> { todo!() }\n\
                      fn pick<T: Ord>(a: Vec<T>) -> Option<T> { a.into_iter().max() }\n";
        assert_eq!(super::soundness_hole_shape(honest), None);
    }

    #[test]
    fn a_path_split_over_lines_is_seen_whole() {
        assert!(
            flags("fn f() {\n    std\n        ::process\n        ::exit(0);\n}")
                .contains(&"calls std::process::exit")
        );
    }

    #[test]
    fn ordinary_async_code_is_not_flagged() {
        let code = "use tokio::time::{sleep, Duration};\n\
                    pub async fn fetch_all() -> (u8, u8) {\n    tokio::join!(a(), b())\n}\n";
        assert_eq!(flags(code), Vec::<&str>::new());
    }
}
