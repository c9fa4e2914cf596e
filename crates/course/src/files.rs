//! File helpers shared by the learner's and the instructor's commands.

use anyhow::{Context, Result};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

pub fn read_toml(path: &Path) -> Result<toml::Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Writes only when the content differs, so cargo sees unchanged files as unchanged.
pub fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(text.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Makes `to` a copy of `from` (regular files only; links are not followed on either side),
/// touching only what differs. The top-level entry `except` is left alone on both sides.
pub fn sync_dir(from: &Path, to: &Path, except: Option<&str>) -> Result<()> {
    std::fs::create_dir_all(to)?;
    let mut wanted = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        if except.is_some_and(|e| name == e) {
            continue;
        }
        if kind.is_dir() {
            sync_dir(&entry.path(), &to.join(&name), None)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(entry.path())?;
            let dest = to.join(&name);
            // A link (or a folder) in the way is replaced, never written through: it may lead
            // anywhere, a solution included.
            match std::fs::symlink_metadata(&dest) {
                Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&dest)?,
                Ok(meta) if !meta.is_file() => std::fs::remove_file(&dest)?,
                _ => {}
            }
            if std::fs::read(&dest).ok() != Some(bytes.clone()) {
                std::fs::write(&dest, bytes)?;
            }
        } else {
            continue;
        }
        wanted.insert(name);
    }
    for entry in std::fs::read_dir(to)? {
        let entry = entry?;
        let name = entry.file_name();
        if !wanted.contains(&name) && except.is_none_or(|e| name != e) {
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(path)?;
            } else {
                std::fs::remove_file(path)?;
            }
        }
    }
    Ok(())
}

/// A name safe for a folder: lowercase letters, digits and dashes.
pub fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.trim_matches('-').chars().take(40).collect()
}

/// Writes `text` to `path` through a temporary file and a rename: a reader never sees half a file.
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().context("no parent folder")?;
    std::fs::create_dir_all(dir)?;
    // A name of its own per write: two writers of one `--out` (a merge beside a grade, the
    // threads of one run) never rename each other's half-written file.
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        unique_number()
    ));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// A number no other call in this process gets.
pub fn unique_number() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links are made differently on Windows; what is tested here is the same there.
    #[cfg(unix)]
    #[test]
    fn a_link_in_the_copy_is_replaced_not_written_through() {
        let root = std::env::temp_dir().join(format!("workbook-sync-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (from, to, outside) = (root.join("from"), root.join("to"), root.join("outside.rs"));
        std::fs::create_dir_all(&from).unwrap();
        std::fs::create_dir_all(&to).unwrap();
        std::fs::write(from.join("lib.rs"), "// the copy\n").unwrap();
        std::fs::write(&outside, "// the solution\n").unwrap();
        std::os::unix::fs::symlink(&outside, to.join("lib.rs")).unwrap();
        sync_dir(&from, &to, None).unwrap();
        let copied = std::fs::symlink_metadata(to.join("lib.rs")).unwrap();
        let (inside, kept) = (
            std::fs::read_to_string(to.join("lib.rs")).unwrap(),
            std::fs::read_to_string(&outside).unwrap(),
        );
        let _ = std::fs::remove_dir_all(&root);
        assert!(copied.is_file(), "the link is still there");
        assert_eq!(inside, "// the copy\n");
        assert_eq!(kept, "// the solution\n", "sync_dir wrote through the link");
    }
}
