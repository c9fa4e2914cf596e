//! A submitted zip, unpacked only as far as grading reads it: each exercise crate's `src/` and
//! `tests/`, and the manifests and configs compared with the pristine ones. Everything else
//! (`target/`, `.git/`, editor files) is skipped unread; the limits count only what is unpacked.

use super::{CRATE_FILES, WORKSPACE_FILES, is_debris};
use anyhow::{Context, Result, bail};
use course::Repo;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most a submission's graded files may unpack to: a class's code is small, a zip bomb is not.
const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;
const MAX_FILES: usize = 5_000;
/// The folders of an exercise crate unpacked whole.
const CRATE_TREES: &[&str] = &["src", "tests"];

/// Unpacks into `target` the files of `zip` that grading reads, laid out as the submission's root
/// (the folder that holds the exercise crates). A zip without exercise crates unpacks to nothing.
/// Errors read as the end of "the submission ...".
pub fn unzip(repo: &Repo, zip: &Path, target: &Path) -> Result<()> {
    const UNREADABLE: &str = "is not a readable zip";
    let exercises: Vec<String> = repo.exercises()?.into_iter().map(|e| e.name).collect();
    let file = std::fs::File::open(zip).context(UNREADABLE)?;
    let mut archive = zip::ZipArchive::new(file).context(UNREADABLE)?;
    // From the zip's directory alone: no entry is read before it is chosen.
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_data(i).context(UNREADABLE)?;
        // enclosed_name refuses absolute paths and `..`: nothing lands outside `target`.
        if entry.is_file()
            && let Some(path) = entry.enclosed_name()
        {
            files.push((i, path));
        }
    }
    let _ = std::fs::remove_dir_all(target);
    std::fs::create_dir_all(target).context("could not be unpacked")?;
    let Some(root) = root(&exercises, files.iter().map(|(_, path)| path.as_path())) else {
        return Ok(());
    };
    let chosen: Vec<(usize, PathBuf)> = files
        .into_iter()
        .filter_map(|(i, path)| {
            let relative = path.strip_prefix(&root).ok()?;
            graded(&exercises, relative).then(|| (i, relative.to_path_buf()))
        })
        .collect();
    if chosen.len() > MAX_FILES {
        bail!(
            "is too large to grade: its exercise crates hold {} files, more than {MAX_FILES}",
            chosen.len()
        );
    }
    let mut total = 0u64;
    for (i, relative) in chosen {
        let mut entry = archive.by_index(i).context(UNREADABLE)?;
        let path = target.join(&relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).context("could not be unpacked")?;
        }
        let mut out = std::fs::File::create(&path).context("could not be unpacked")?;
        let room = MAX_UNPACKED_BYTES - total;
        total += std::io::copy(&mut (&mut entry).take(room + 1), &mut out)
            .with_context(|| format!("could not be unpacked ({})", relative.display()))?;
        if total > MAX_UNPACKED_BYTES {
            bail!(
                "is too large to grade: its exercises' src/, tests/ and manifests unpack to more \
                 than {} MiB (target/ and other folders are not unpacked)",
                MAX_UNPACKED_BYTES / 1024 / 1024
            );
        }
    }
    Ok(())
}

/// Where the exercise crates are in the zip, as `find_root` looks for them in a folder: at the top,
/// in `exercises/`, or the same inside the one top folder that holds them (a zip of a folder).
fn root<'a>(exercises: &[String], files: impl Iterator<Item = &'a Path>) -> Option<PathBuf> {
    // Every folder that holds an exercise crate with a file in its src/, as its components.
    let mut holders: BTreeSet<Vec<&OsStr>> = BTreeSet::new();
    for path in files {
        let parts: Vec<&OsStr> = path.iter().collect();
        for k in 0..parts.len().saturating_sub(2) {
            if parts[k + 1] == "src" && exercises.iter().any(|e| parts[k] == e.as_str()) {
                holders.insert(parts[..k].to_vec());
            }
        }
    }
    let exercises_dir = OsStr::new("exercises");
    for top in [vec![], vec![exercises_dir]] {
        if holders.contains(&top) {
            return Some(top.iter().collect());
        }
    }
    let one_down: BTreeSet<&OsStr> = holders
        .iter()
        .filter(|h| h.len() == 1 || (h.len() == 2 && h[1] == exercises_dir))
        .map(|h| h[0])
        // macOS adds its own folder beside the one zipped.
        .filter(|top| !is_debris(top))
        .collect();
    let [top] = one_down.into_iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    Some(if holders.contains(&vec![top]) {
        PathBuf::from(top)
    } else {
        Path::new(top).join(exercises_dir)
    })
}

/// A file grading reads or compares, by its path from the root.
fn graded(exercises: &[String], relative: &Path) -> bool {
    if relative.iter().any(is_debris) {
        return false;
    }
    if WORKSPACE_FILES.iter().any(|f| relative == Path::new(f)) {
        return true;
    }
    let mut parts = relative.components();
    let in_a_crate = parts
        .next()
        .is_some_and(|c| exercises.iter().any(|e| c.as_os_str() == e.as_str()));
    let rest = parts.as_path();
    in_a_crate
        && (CRATE_FILES.iter().any(|f| rest == Path::new(f))
            || CRATE_TREES
                .iter()
                .any(|t| rest.starts_with(t) && rest != Path::new(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        vec!["ex01-join".into(), "ex02-x".into()]
    }

    fn root_of(files: &[&str]) -> Option<PathBuf> {
        root(&names(), files.iter().map(Path::new))
    }

    #[test]
    fn the_root_is_found_where_find_root_would_look() {
        let lib = "ex01-join/src/lib.rs";
        assert_eq!(root_of(&[lib, "target/x"]), Some(PathBuf::new()));
        assert_eq!(
            root_of(&[&format!("exercises/{lib}")]),
            Some("exercises".into())
        );
        assert_eq!(root_of(&[&format!("me/{lib}")]), Some("me".into()));
        assert_eq!(
            root_of(&[
                &format!("me/exercises/{lib}"),
                &format!("__MACOSX/me/exercises/{lib}"),
                &format!("me/solutions/{lib}"),
            ]),
            Some("me/exercises".into())
        );
        assert_eq!(
            root_of(&[&format!("a/{lib}"), &format!("b/{lib}")]),
            None,
            "ambiguous"
        );
        assert_eq!(root_of(&[&format!("a/b/c/{lib}")]), None, "too deep");
        assert_eq!(
            root_of(&["ex01-join/Cargo.toml", "README.md"]),
            None,
            "no src/"
        );
    }

    #[test]
    fn only_what_grading_reads_is_chosen() {
        for path in [
            "Cargo.toml",
            "Cargo.lock",
            ".cargo/config.toml",
            "ex01-join/src/lib.rs",
            "ex01-join/src/deep/mod.rs",
            "ex01-join/tests/exercise.rs",
            "ex01-join/build.rs",
            "ex02-x/Cargo.toml",
        ] {
            assert!(graded(&names(), Path::new(path)), "{path}");
        }
        for path in [
            "target/debug/ex01-join",
            "ex01-join/target/debug/x",
            ".git/config",
            "ex01-join/.lib.rs.swp",
            "ex01-join/src/.DS_Store",
            "ex01-join/tests/._exercise.rs",
            "ex01-join/tests/Thumbs.db",
            "ex01-join/srcs/lib.rs",
            "ex03-other/src/lib.rs",
            "README.md",
        ] {
            assert!(!graded(&names(), Path::new(path)), "{path}");
        }
    }
}
