//! The lab's build rounds, apart from cargo and the files: what each of cargo's events says of the
//! variants, and what the next round builds. [`super::Lab::build_streaming`] writes each round's
//! packages and runs cargo; [`Rounds`] decides.
//!
//! The first round builds each owner's tests as two binaries. An error in a library fails that
//! variant; an error in a test module fails the variant whose test file it points into. The next
//! round builds the owner's other tests again, without what failed; when an error cannot be traced
//! to one exercise (a deadline, a crash), or a round would only repeat itself, each variant is
//! built alone, and whatever fails then is its own.

use super::packages::{self, TestPackage, test_file};
use super::{Built, Target, Variant};
use anyhow::{Result, bail};
use course::cargo::{Event, Finished};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A rendered compiler error and the files its spans point into.
type CompileError = (String, Vec<PathBuf>);

/// Where one variant's build stands during the rounds.
#[derive(Debug, Clone, Copy)]
struct VariantState {
    /// Whether its library compiled (`None`: not known yet).
    library: Option<bool>,
    graded_done: bool,
    hidden_done: bool,
}

impl VariantState {
    fn new(variant: &Variant) -> VariantState {
        VariantState {
            library: None,
            graded_done: false,
            hidden_done: !variant.hidden,
        }
    }

    /// The binary of `target` is built, or known not to build.
    fn done(&mut self, target: Target) {
        match target {
            Target::Exercise => self.graded_done = true,
            Target::Hidden => self.hidden_done = true,
        }
    }

    fn is_done(&self, target: Target) -> bool {
        match target {
            Target::Exercise => self.graded_done,
            Target::Hidden => self.hidden_done,
        }
    }

    fn finish(&mut self) {
        self.graded_done = true;
        self.hidden_done = true;
    }

    fn is_final(&self) -> bool {
        self.graded_done && self.hidden_done
    }
}

/// The rounds of one build: every variant's build so far, and this round's test packages.
pub(super) struct Rounds<'a> {
    variants: &'a [Variant],
    /// The lab's workspace, where the test packages are.
    workspace: PathBuf,
    built: Vec<Built>,
    state: Vec<VariantState>,
    /// Each owner's package tag and variants (see [`packages::owners`]), and whether its builds
    /// were handed on.
    owners: Vec<(String, Vec<usize>)>,
    told: Vec<bool>,
    round: Vec<TestPackage>,
    number: usize,
    /// This round's errors in test packages, by package (its place in `round`) and binary.
    errors: BTreeMap<(usize, Target), Vec<CompileError>>,
    any_error: bool,
}

impl<'a> Rounds<'a> {
    /// The first round: each owner's tests together. `built` holds each variant's library
    /// package, nothing built yet.
    pub(super) fn new(workspace: &Path, variants: &'a [Variant], built: Vec<Built>) -> Rounds<'a> {
        let owners = packages::owners(variants);
        let round = owners
            .iter()
            .map(|(owner, members)| TestPackage::merged(owner, 1, members, members, variants))
            .collect();
        Rounds {
            variants,
            workspace: workspace.to_path_buf(),
            built,
            state: variants.iter().map(VariantState::new).collect(),
            told: vec![false; owners.len()],
            owners,
            round,
            number: 1,
            errors: BTreeMap::new(),
            any_error: false,
        }
    }

    /// This round's test packages: none once every variant's build is final.
    pub(super) fn packages(&self) -> &[TestPackage] {
        &self.round
    }

    pub(super) fn built(&self) -> &[Built] {
        &self.built
    }

    /// Whether test packages may use variant `i`'s library: it is not known to fail.
    pub(super) fn library_usable(&self, i: usize) -> bool {
        self.state[i].library != Some(false)
    }

    pub(super) fn into_built(self) -> Vec<Built> {
        self.built
    }

    /// Takes in one of cargo's events; returns the builds of each owner that became final.
    pub(super) fn hear(&mut self, event: Event) -> Vec<Vec<Built>> {
        match event {
            Event::Built {
                manifest,
                target,
                executable,
            } => {
                if let Some(i) = self.library_of(&manifest) {
                    self.state[i].library = Some(true);
                } else if let (Some(p), Some(exe), Some(target)) = (
                    self.package_of(&manifest),
                    executable,
                    Target::of_binary(&target),
                ) {
                    for &i in self.round[p].members(target) {
                        self.built[i].set_binary(target, exe.clone());
                        self.state[i].done(target);
                    }
                }
            }
            Event::Error {
                manifest,
                target,
                rendered,
                files,
            } => {
                self.any_error = true;
                if let Some(i) = self.library_of(&manifest) {
                    self.state[i].library = Some(false);
                    self.built[i].compile_errors.push(rendered);
                } else if let (Some(p), Some(target)) =
                    (self.package_of(&manifest), Target::of_binary(&target))
                {
                    let errors = self.errors.entry((p, target)).or_default();
                    errors.push((rendered, files));
                }
            }
        }
        self.ready()
    }

    /// Ends the round cargo `finished`: settles every variant it could, and plans the next round
    /// for the others. Returns the builds of each owner that became final.
    pub(super) fn end(&mut self, finished: &Finished) -> Result<Vec<Vec<Built>>> {
        if !finished.success && !self.any_error {
            bail!(
                "cargo could not build the lab:\n{}",
                finished.stderr.trim_end()
            );
        }
        self.number += 1;
        let round = std::mem::take(&mut self.round);
        let mut next = Vec::new();
        for (p, package) in round.iter().enumerate() {
            next.extend(self.again(p, package, &finished.stderr));
        }
        for (i, s) in self.state.iter_mut().enumerate() {
            // A library cargo never got to (its owner's other crates failed first).
            if s.library.is_none() && !next.iter().any(|p| p.has(i)) {
                s.library = Some(false);
                self.built[i]
                    .compile_errors
                    .push(not_built(&finished.stderr));
                s.finish();
            }
        }
        self.round = next;
        self.errors.clear();
        self.any_error = false;
        Ok(self.ready())
    }

    /// What the next round builds of the `p`th `package` of this one: nothing when every member
    /// is final, its members left together, or each alone.
    fn again(&mut self, p: usize, package: &TestPackage, stderr: &str) -> Vec<TestPackage> {
        let mut left = BTreeMap::new();
        let mut split = false;
        for target in Target::BOTH {
            let (waiting, untraced) = self.settle(p, package, target, stderr);
            // An error no module can be blamed for (a deadline, a crash): one at a time.
            split |= untraced && !waiting.is_empty();
            if !waiting.is_empty() {
                left.insert(target, waiting);
            }
        }
        if left.is_empty() {
            return Vec::new();
        }
        let graded = left.remove(&Target::Exercise).unwrap_or_default();
        let hidden = left.remove(&Target::Hidden).unwrap_or_default();
        let (owner, number, variants) = (&package.owner, self.number, self.variants);
        if !split && (graded != package.graded || hidden != package.hidden) {
            return vec![TestPackage::merged(
                owner, number, &graded, &hidden, variants,
            )];
        }
        let mut singles: Vec<usize> = graded.iter().chain(&hidden).copied().collect();
        singles.sort();
        singles.dedup();
        singles
            .into_iter()
            .map(|i| {
                let (g, h) = (graded.contains(&i), hidden.contains(&i));
                TestPackage::single(owner, number, i, g, h, variants)
            })
            .collect()
    }

    /// Settles the members of `package`'s `target` binary that this round decided: returns the
    /// others, to build again, and whether an error could not be traced to one exercise.
    fn settle(
        &mut self,
        p: usize,
        package: &TestPackage,
        target: Target,
        stderr: &str,
    ) -> (Vec<usize>, bool) {
        let waiting: Vec<usize> = (package.members(target).iter().copied())
            .filter(|&i| !self.state[i].is_done(target))
            .collect();
        if waiting.is_empty() {
            return (waiting, false);
        }
        let mut untraced = Vec::new();
        for (rendered, files) in self.errors.remove(&(p, target)).unwrap_or_default() {
            let owner = waiting.iter().copied().find(|&i| {
                let file = test_file(&self.variants[i].exercise, target);
                files.iter().any(|f| f == &file)
            });
            match owner {
                Some(i) if package.single.is_none() => {
                    self.built[i].compile_errors.push(rendered);
                    self.state[i].done(target);
                }
                _ => untraced.push(rendered),
            }
        }
        let mut left = Vec::new();
        for i in waiting {
            let library = self.state[i].library;
            if self.state[i].is_done(target) {
            } else if library != Some(true) || package.single.is_some() {
                // Its library failed (its errors are the library's), or it was built alone:
                // whatever cargo said is about it.
                if library == Some(true) {
                    let errors = &mut self.built[i].compile_errors;
                    errors.extend(untraced.iter().cloned());
                    if untraced.is_empty() {
                        errors.push(not_built(stderr));
                    }
                }
                self.state[i].done(target);
            } else {
                left.push(i);
            }
        }
        (left, !untraced.is_empty())
    }

    /// The variant whose library package has this manifest.
    fn library_of(&self, manifest: &Path) -> Option<usize> {
        self.built.iter().position(|b| b.manifest() == manifest)
    }

    /// This round's test package with this manifest.
    fn package_of(&self, manifest: &Path) -> Option<usize> {
        (self.round.iter()).position(|p| p.manifest(&self.workspace) == manifest)
    }

    /// The builds of each owner whose every variant became final since the last call.
    fn ready(&mut self) -> Vec<Vec<Built>> {
        let mut ready = Vec::new();
        for (o, (_, members)) in self.owners.iter().enumerate() {
            if !self.told[o] && members.iter().all(|&i| self.state[i].is_final()) {
                self.told[o] = true;
                ready.push(members.iter().map(|&i| self.built[i].clone()).collect());
            }
        }
        ready
    }
}

/// The compile error of a variant whose tests were not built, for no error of its own.
fn not_built(cargo_stderr: &str) -> String {
    let tail: Vec<&str> = cargo_stderr.lines().rev().take(20).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    format!("the tests were not built; cargo said:\n{}", tail.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{Owner, packages};
    use course::Exercise;

    const WORKSPACE: &str = "/lab/ws";

    /// Alice's ex01 and ex02, with their hidden tests.
    fn variants() -> Vec<Variant> {
        ["ex01-join", "ex02-sequential-vs-concurrent"]
            .map(|name| Variant {
                owner: Owner::Student("alice".into()),
                exercise: Exercise {
                    name: name.into(),
                    dir: Path::new("/repo/exercises").join(name),
                    solution_dir: Path::new("/repo/solutions").join(name),
                },
                src: Path::new("/class/alice").join(name).join("src"),
                lib: None,
                hidden: true,
            })
            .to_vec()
    }

    /// The first round, each library's package written and nothing built.
    fn rounds(variants: &[Variant]) -> Rounds<'_> {
        let built = variants
            .iter()
            .map(|v| Built {
                variant: v.clone(),
                dir: Path::new(WORKSPACE).join(format!("p-alice-{}", v.exercise.name)),
                module: packages::module(&v.exercise),
                test_binary: None,
                hidden_binary: None,
                compile_errors: Vec::new(),
            })
            .collect();
        Rounds::new(Path::new(WORKSPACE), variants, built)
    }

    fn library(rounds: &Rounds, i: usize, error: Option<&str>) -> Event {
        let manifest = rounds.built()[i].manifest();
        let target = rounds.built()[i].variant.exercise.lib_name();
        match error {
            None => Event::Built {
                manifest,
                target,
                executable: None,
            },
            Some(error) => Event::Error {
                manifest,
                target,
                rendered: error.into(),
                files: vec![rounds.built()[i].dir.join("src/lib.rs")],
            },
        }
    }

    /// The `p`th test package's binary of `target` built, or an error pointing into `files`.
    fn tests(
        rounds: &Rounds,
        p: usize,
        target: Target,
        error: Option<(&str, Vec<PathBuf>)>,
    ) -> Event {
        let package = &rounds.packages()[p];
        let manifest = package.manifest(Path::new(WORKSPACE));
        let target_name = target.binary().to_string();
        match error {
            None => Event::Built {
                manifest,
                executable: Some(format!("/target/{}-{target_name}", package.name).into()),
                target: target_name,
            },
            Some((error, files)) => Event::Error {
                manifest,
                target: target_name,
                rendered: error.into(),
                files,
            },
        }
    }

    fn finished(success: bool) -> Finished {
        Finished {
            success,
            stderr: "   Compiling ex01-join\nerror: could not compile".into(),
        }
    }

    /// Hears `events`, and returns the builds handed on, as (exercise, compiled, errors).
    fn hear(rounds: &mut Rounds, events: Vec<Event>) -> Vec<(String, bool, Vec<String>)> {
        let ready: Vec<Built> = events
            .into_iter()
            .flat_map(|e| rounds.hear(e))
            .flatten()
            .collect();
        summary(ready)
    }

    fn summary(ready: Vec<Built>) -> Vec<(String, bool, Vec<String>)> {
        ready
            .into_iter()
            .map(|b| {
                (
                    b.variant.exercise.name.clone(),
                    b.compiled(),
                    b.compile_errors,
                )
            })
            .collect()
    }

    fn end(rounds: &mut Rounds, success: bool) -> Vec<(String, bool, Vec<String>)> {
        summary(rounds.end(&finished(success)).unwrap().concat())
    }

    fn names(rounds: &Rounds) -> Vec<(String, Vec<usize>, Vec<usize>)> {
        (rounds.packages().iter())
            .map(|p| (p.name.clone(), p.graded.clone(), p.hidden.clone()))
            .collect()
    }

    #[test]
    fn an_owner_that_builds_is_handed_on_with_its_binaries_in_one_round() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        assert_eq!(
            names(&rounds),
            [("t-student-alice".into(), vec![0, 1], vec![0, 1])]
        );
        let events = vec![
            library(&rounds, 0, None),
            library(&rounds, 1, None),
            tests(&rounds, 0, Target::Exercise, None),
        ];
        assert!(
            hear(&mut rounds, events).is_empty(),
            "the hidden tests are not built yet"
        );
        let hidden = tests(&rounds, 0, Target::Hidden, None);
        let ready = hear(&mut rounds, vec![hidden]);
        let ok = |name: &str| (name.to_string(), true, Vec::new());
        assert_eq!(
            ready,
            [ok("ex01-join"), ok("ex02-sequential-vs-concurrent")]
        );
        assert!(end(&mut rounds, true).is_empty(), "handed on once");
        assert!(rounds.packages().is_empty(), "no second round");
        let built = rounds.into_built();
        assert_eq!(
            built[0].test_binary, built[1].test_binary,
            "one binary for both"
        );
    }

    #[test]
    fn a_library_that_does_not_compile_costs_only_its_exercise() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        let events = vec![
            library(&rounds, 0, Some("error[E0308]")),
            library(&rounds, 1, None),
        ];
        assert!(hear(&mut rounds, events).is_empty());
        assert!(end(&mut rounds, false).is_empty());
        assert_eq!(
            names(&rounds),
            [("t-student-alice-r2".into(), vec![1], vec![1])]
        );
        assert!(!rounds.library_usable(0) && rounds.library_usable(1));
        let events = vec![
            tests(&rounds, 0, Target::Exercise, None),
            tests(&rounds, 0, Target::Hidden, None),
        ];
        assert_eq!(
            hear(&mut rounds, events),
            [
                ("ex01-join".into(), false, vec!["error[E0308]".into()]),
                ("ex02-sequential-vs-concurrent".into(), true, Vec::new()),
            ]
        );
        assert!(end(&mut rounds, true).is_empty() && rounds.packages().is_empty());
    }

    #[test]
    fn a_test_module_that_does_not_compile_is_its_exercises_error() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        let ex01_tests = vec![variants[0].exercise.test_file()];
        let events = vec![
            library(&rounds, 0, None),
            library(&rounds, 1, None),
            tests(
                &rounds,
                0,
                Target::Exercise,
                Some(("error[E0425]", ex01_tests)),
            ),
            tests(&rounds, 0, Target::Hidden, None),
        ];
        assert!(hear(&mut rounds, events).is_empty());
        assert!(end(&mut rounds, false).is_empty());
        // ex01's hidden tests built; only ex02's learner's tests are built again.
        assert_eq!(
            names(&rounds),
            [("t-student-alice-r2".into(), vec![1], vec![])]
        );
        let graded = tests(&rounds, 0, Target::Exercise, None);
        let ready = hear(&mut rounds, vec![graded]);
        assert_eq!(
            ready,
            [
                ("ex01-join".into(), false, vec!["error[E0425]".into()]),
                ("ex02-sequential-vs-concurrent".into(), true, Vec::new()),
            ]
        );
        let built = rounds.into_built();
        assert!(built[0].test_binary.is_none() && built[0].hidden_binary.is_some());
    }

    #[test]
    fn an_error_no_exercise_can_be_blamed_for_builds_each_alone() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        let events = vec![
            library(&rounds, 0, None),
            library(&rounds, 1, None),
            tests(
                &rounds,
                0,
                Target::Exercise,
                Some(("rustc timed out", Vec::new())),
            ),
            tests(&rounds, 0, Target::Hidden, None),
        ];
        assert!(hear(&mut rounds, events).is_empty());
        assert!(end(&mut rounds, false).is_empty());
        assert_eq!(
            names(&rounds),
            [
                ("t-student-alice-ex01-join-r2".into(), vec![0], vec![]),
                (
                    "t-student-alice-ex02-sequential-vs-concurrent-r2".into(),
                    vec![1],
                    vec![]
                ),
            ]
        );
        // Alone, whatever fails is the variant's own, traced or not.
        let events = vec![
            tests(
                &rounds,
                0,
                Target::Exercise,
                Some(("rustc timed out", Vec::new())),
            ),
            tests(&rounds, 1, Target::Exercise, None),
        ];
        assert!(
            hear(&mut rounds, events).is_empty(),
            "ex01 is not settled before the round ends"
        );
        assert_eq!(
            end(&mut rounds, false),
            [
                ("ex01-join".into(), false, vec!["rustc timed out".into()]),
                ("ex02-sequential-vs-concurrent".into(), true, Vec::new()),
            ]
        );
        assert!(rounds.packages().is_empty());
    }

    #[test]
    fn a_round_that_would_repeat_itself_builds_each_alone() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        // Both libraries built, but cargo stopped before any test binary, on an error in no
        // package of the lab.
        let events = vec![library(&rounds, 0, None), library(&rounds, 1, None)];
        assert!(hear(&mut rounds, events).is_empty());
        let error = Event::Error {
            manifest: "/registry/tokio/Cargo.toml".into(),
            target: "tokio".into(),
            rendered: "cannot link".into(),
            files: Vec::new(),
        };
        assert!(hear(&mut rounds, vec![error]).is_empty());
        rounds.end(&finished(false)).unwrap();
        let singles: Vec<Option<usize>> = rounds.packages().iter().map(|p| p.single).collect();
        assert_eq!(singles, [Some(0), Some(1)], "{:?}", names(&rounds));
    }

    #[test]
    fn a_library_cargo_never_reached_is_not_built() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        let failed = library(&rounds, 0, Some("error[E0308]"));
        assert!(hear(&mut rounds, vec![failed]).is_empty());
        let ready = end(&mut rounds, false);
        assert!(rounds.packages().is_empty());
        assert_eq!(ready.len(), 2);
        assert_eq!(
            ready[0],
            ("ex01-join".into(), false, vec!["error[E0308]".into()])
        );
        let (_, compiled, errors) = &ready[1];
        assert!(!compiled);
        assert_eq!(
            errors,
            &[
                "the tests were not built; cargo said:\n   Compiling ex01-join\nerror: could not compile"
            ]
        );
    }

    #[test]
    fn cargo_failing_with_no_error_of_any_crate_fails_the_lab() {
        let variants = variants();
        let mut rounds = rounds(&variants);
        let error = rounds.end(&finished(false)).unwrap_err();
        assert!(
            format!("{error}").contains("cargo could not build the lab"),
            "{error}"
        );
    }
}
