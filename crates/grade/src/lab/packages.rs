//! The packages the lab writes: a library package per variant (its `src/` the variant's, its
//! manifest the repository's), and a test package per owner whose two test binaries hold the
//! tests of all the owner's exercises, each test file a module:
//!
//! ```text
//! t-alice/tests/graded.rs   #[path = ".../exercises/ex01-join/tests/exercise.rs"] mod ex01_join_tests;
//!                           #[path = ".../exercises/ex02-…/tests/exercise.rs"]    mod ex02_…_tests;
//! t-alice/tests/hidden.rs   #[path = ".../solutions/ex01-join/tests/hidden.rs"]   mod ex01_join_tests;
//! ```
//!
//! A test is then `ex01_join_tests::takes_one_second_not_three` in its binary.

use super::{Owner, Target, Variant};
use anyhow::{Result, bail};
use course::files::{read_toml, slug, sync_dir, write_if_changed};
use course::{Exercise, Repo};
use std::path::{Path, PathBuf};

/// The module an exercise's tests are in, inside an owner's test binaries.
pub fn module(exercise: &Exercise) -> String {
    format!("{}_tests", exercise.lib_name())
}

/// The test file of `exercise` that holds the tests of `target`.
pub fn test_file(exercise: &Exercise, target: Target) -> PathBuf {
    match target {
        Target::Exercise => exercise.test_file(),
        Target::Hidden => exercise.hidden_test_file(),
    }
}

/// Writes the library package of `variant` in `dir`.
pub fn write_library(dir: &Path, package: &str, variant: &Variant) -> Result<()> {
    let exercise = &variant.exercise;
    let pristine = read_toml(&exercise.solution_dir.join("Cargo.toml"))?;
    let mut manifest: toml::Table = toml::from_str(&format!(
        r#"
        [package]
        name = "{package}"
        version = "0.1.0"
        edition.workspace = true
        publish = false
        build = false
        autobins = false
        autoexamples = false
        autotests = false
        autobenches = false

        [lib]
        name = "{lib}"
        path = "src/lib.rs"
        test = false
        doctest = false
        "#,
        lib = exercise.lib_name(),
    ))?;
    if let Some(table) = pristine.get("dependencies") {
        manifest.insert("dependencies".into(), table.clone());
    }
    write_if_changed(&dir.join("Cargo.toml"), &toml::to_string(&manifest)?)?;
    let except = variant.lib.as_ref().map(|_| "lib.rs");
    sync_dir(&variant.src, &dir.join("src"), except)?;
    // The lab compiles only what grading reads, scans and hashes (`submissions::files_under`):
    // archive debris is left out, as a zip's is, so nothing can hide in a `._` file.
    remove_debris(&dir.join("src"))?;
    if let Some(lib) = &variant.lib {
        write_if_changed(&dir.join("src/lib.rs"), lib)?;
    }
    // Older labs kept tests in the library's package.
    let _ = std::fs::remove_dir_all(dir.join("tests"));
    Ok(())
}

/// Removes every file or folder below `dir` that `submissions::is_debris` names.
fn remove_debris(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if crate::submissions::is_debris(&entry.file_name()) {
            if kind.is_dir() {
                std::fs::remove_dir_all(entry.path())?;
            } else {
                std::fs::remove_file(entry.path())?;
            }
        } else if kind.is_dir() {
            remove_debris(&entry.path())?;
        }
    }
    Ok(())
}

/// Each owner's variants (indices into `variants`), in the order they first appear, with a
/// package name of its own. An owner with two versions of one exercise gets a second group.
pub fn owners(variants: &[Variant]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(&Owner, String, Vec<usize>)> = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        let free = groups.iter_mut().find(|(owner, _, members)| {
            *owner == &v.owner
                && !members
                    .iter()
                    .any(|&m| variants[m].exercise.name == v.exercise.name)
        });
        match free {
            Some((_, _, members)) => members.push(i),
            None => {
                let base = format!("t-{}", slug(&v.owner.to_string()));
                let mut tag = base.clone();
                for n in 2.. {
                    if !groups.iter().any(|(_, t, _)| t == &tag) {
                        break;
                    }
                    tag = format!("{base}-{n}");
                }
                groups.push((&v.owner, tag, vec![i]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(_, tag, members)| (tag, members))
        .collect()
}

/// One test package of a build round.
#[derive(Debug, Clone)]
pub struct TestPackage {
    /// Its folder and package name.
    pub name: String,
    /// The owner's tag (see [`owners`]): later rounds are named after it.
    pub owner: String,
    /// Variants whose learner's tests are in the `graded` binary.
    pub graded: Vec<usize>,
    /// Variants whose hidden tests are in the `hidden` binary.
    pub hidden: Vec<usize>,
    /// Built for this one variant alone: whatever fails is its own.
    pub single: Option<usize>,
}

impl TestPackage {
    /// The tests of several of an owner's variants, together.
    pub fn merged(
        owner: &str,
        round: usize,
        graded: &[usize],
        hidden: &[usize],
        variants: &[Variant],
    ) -> TestPackage {
        let name = match round {
            1 => owner.to_string(),
            n => format!("{owner}-r{n}"),
        };
        TestPackage {
            name,
            owner: owner.into(),
            graded: graded.to_vec(),
            hidden: hidden
                .iter()
                .copied()
                .filter(|&i| variants[i].hidden)
                .collect(),
            single: None,
        }
    }

    /// The tests of one variant alone.
    pub fn single(
        owner: &str,
        round: usize,
        variant: usize,
        graded: bool,
        hidden: bool,
        variants: &[Variant],
    ) -> TestPackage {
        TestPackage {
            name: format!("{owner}-{}-r{round}", variants[variant].exercise.name),
            owner: owner.into(),
            graded: if graded { vec![variant] } else { vec![] },
            hidden: if hidden { vec![variant] } else { vec![] },
            single: Some(variant),
        }
    }

    pub fn manifest(&self, workspace: &Path) -> PathBuf {
        workspace.join(&self.name).join("Cargo.toml")
    }

    /// The variants in the binary of `target`.
    pub fn members(&self, target: Target) -> &[usize] {
        match target {
            Target::Exercise => &self.graded,
            Target::Hidden => &self.hidden,
        }
    }

    /// Every variant in it, once.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.graded
            .iter()
            .chain(self.hidden.iter().filter(|i| !self.graded.contains(i)))
            .copied()
    }

    pub fn has(&self, variant: usize) -> bool {
        self.all().any(|i| i == variant)
    }

    /// Writes the package under `workspace`. `libraries` are the variants that may be used (those
    /// whose library did not fail), with their library packages' folders.
    pub fn write(
        &self,
        workspace: &Path,
        libraries: &[(usize, &Path)],
        variants: &[Variant],
        every_dependency: &toml::Table,
    ) -> Result<()> {
        let dir = workspace.join(&self.name);
        let mut manifest: toml::Table = toml::from_str(&format!(
            r#"
            [package]
            name = "{}"
            version = "0.1.0"
            edition.workspace = true
            publish = false
            build = false
            autolib = false
            autobins = false
            autoexamples = false
            autotests = false
            autobenches = false
            "#,
            self.name
        ))?;
        // The same dependencies in every test package, so features never differ between rounds.
        let mut dependencies = every_dependency.clone();
        let mut tests = Vec::new();
        for target in Target::BOTH {
            let mut root = format!(
                "//! Generated by the lab: the {} tests of {}, a module per exercise.\n",
                match target {
                    Target::Exercise => "learner's",
                    Target::Hidden => "hidden",
                },
                self.owner
            );
            let mut any = false;
            for &i in self.members(target) {
                let Some((_, folder)) = libraries.iter().find(|(l, _)| *l == i) else {
                    continue;
                };
                let exercise = &variants[i].exercise;
                let package = folder.file_name().unwrap_or_default().to_string_lossy();
                let mut dependency = toml::Table::new();
                dependency.insert("path".into(), folder.display().to_string().into());
                dependency.insert("package".into(), package.to_string().into());
                dependencies.insert(exercise.lib_name(), dependency.into());
                root.push_str(&format!(
                    "\n#[path = {:?}]\nmod {};\n",
                    test_file(exercise, target).display().to_string(),
                    module(exercise)
                ));
                any = true;
            }
            let path = format!("tests/{}.rs", target.binary());
            if any {
                write_if_changed(&dir.join(&path), &root)?;
                let mut t = toml::Table::new();
                t.insert("name".into(), target.binary().into());
                t.insert("path".into(), path.into());
                tests.push(toml::Value::from(t));
            } else {
                let _ = std::fs::remove_file(dir.join(&path));
            }
        }
        if tests.is_empty() {
            bail!("test package {} has no tests", self.name);
        }
        manifest.insert("dependencies".into(), dependencies.into());
        manifest.insert("test".into(), tests.into());
        write_if_changed(&dir.join("Cargo.toml"), &toml::to_string(&manifest)?)
    }
}

/// Every dependency and dev-dependency of every exercise, features joined: what any test file
/// may use.
pub fn every_dependency(repo: &Repo) -> Result<toml::Table> {
    let mut all = toml::Table::new();
    for exercise in repo.exercises()? {
        let manifest = read_toml(&exercise.solution_dir.join("Cargo.toml"))?;
        for key in ["dependencies", "dev-dependencies"] {
            let Some(table) = manifest.get(key).and_then(|t| t.as_table()) else {
                continue;
            };
            for (name, spec) in table {
                let joined = match (all.get(name), spec) {
                    (Some(old), spec) => join_features(old, spec),
                    (None, spec) => spec.clone(),
                };
                all.insert(name.clone(), joined);
            }
        }
    }
    Ok(all)
}

/// `a` with the features of `b` added (both `{ workspace = true, features = [...] }` or `"1.0"`).
fn join_features(a: &toml::Value, b: &toml::Value) -> toml::Value {
    let features = |v: &toml::Value| -> Vec<String> {
        v.get("features")
            .and_then(|f| f.as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut joined = features(a);
    for f in features(b) {
        if !joined.contains(&f) {
            joined.push(f);
        }
    }
    let mut table = match a {
        toml::Value::Table(t) => t.clone(),
        other => toml::Table::from_iter([("version".to_string(), other.clone())]),
    };
    if !joined.is_empty() {
        table.insert("features".into(), joined.into());
    }
    table.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A student folder with a `._` file beside lib.rs, which a `#[path]` could name: the lab's
    /// copy leaves it out, as the scan and the content hash do, so it cannot compile unseen.
    #[test]
    fn the_lab_compiles_no_file_that_grading_does_not_read() {
        let root = std::env::temp_dir().join(format!("workbook-debris-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (src, dir) = (root.join("student/src"), root.join("lab/p-student"));
        std::fs::create_dir_all(src.join("more")).unwrap();
        std::fs::write(
            src.join("lib.rs"),
            "#[path = \"._hidden.rs\"] mod hidden;\n",
        )
        .unwrap();
        std::fs::write(src.join("._hidden.rs"), "// unseen by the scan\n").unwrap();
        std::fs::write(src.join("more/.DS_Store"), "finder").unwrap();
        std::fs::write(src.join("more/mod.rs"), "// seen\n").unwrap();
        let variant = Variant {
            owner: Owner::Student("bora".into()),
            exercise: Repo::of_this_build().exercise("ex01-join").unwrap(),
            src: src.clone(),
            lib: None,
            hidden: false,
        };
        write_library(&dir, "p-student", &variant).unwrap();
        let copied = crate::submissions::files_under(&dir.join("src"));
        let listed = crate::submissions::files_under(&src);
        let hidden_copied = dir.join("src/._hidden.rs").exists();
        let _ = std::fs::remove_dir_all(&root);
        assert!(
            !hidden_copied,
            "the lab compiles a file the scan never read"
        );
        assert_eq!(copied, listed);
    }
}
