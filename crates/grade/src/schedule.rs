//! The one way the grader builds and tests, for `workbook grade` and the checks alike: cargo
//! builds every variant in the lab on one thread, and each owner's suites run the moment its
//! binaries are built, while cargo goes on with the others.
//!
//! A suite starts when fewer than `jobs` others are in their first second (see `Slots`): by then
//! the tests on the paused clock are done, or failed on their own 1 s deadline, and what still
//! runs waits (real sockets, or a hang) and keeps no core from the next suite.

use crate::lab::suites::{self, Binaries, Budgets, Suite};
use crate::lab::{Built, Lab, Outcome, Owner, Variant};
use crate::slots::Slots;
use anyhow::{Result, bail};
use course::cargo::BuildOptions;
use sandbox::Sandbox;
use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// How suites run.
pub struct Testing<'a> {
    /// Cores to keep busy: cargo's jobs, and suites in their first second.
    pub jobs: usize,
    pub budgets: &'a Budgets,
    pub sandbox: &'a Sandbox,
}

/// How long a suite counts against the cores (see `Slots`).
const SUITE_SETTLES: Duration = Duration::from_secs(1);
/// Suites that may run at once, settled or not, per job: a bound on the load and the memory they
/// may put on the machine (more made the fairness checks' spinning suites miss their own
/// deadlines), while a student whose every suite hangs still leaves room for others.
const SUITES_AT_MOST_PER_JOB: usize = 3;

/// What [`build_and_test`] tells its caller.
#[derive(Debug)]
pub enum Scheduled {
    /// An owner's builds are final: its suites start now.
    Built(Owner),
    /// Every suite of an owner ran. The reference's never run: it only names the tests.
    Tested(Tested),
}

/// An owner's builds, and the outcomes of every test that ran.
#[derive(Debug)]
pub struct Tested {
    pub owner: Owner,
    pub built: Vec<Built>,
    pub outcomes: Vec<Outcome>,
}

/// Builds `variants` in `lab` and runs their suites, telling `on` as owners are built and tested.
/// An error from `on` stops the tests not yet started, and is returned once the build is over.
pub fn build_and_test(
    lab: &Lab,
    variants: &[Variant],
    testing: &Testing,
    mut on: impl FnMut(Scheduled) -> Result<()>,
) -> Result<()> {
    let (events, inbox) = channel::<Event>();
    let (jobs, suites) = channel::<Suite>();
    std::thread::scope(|scope| {
        let builder = events.clone();
        scope.spawn(move || build(lab, variants, &builder));
        scope.spawn(move || run_suites(lab, testing, suites, &events));
        event_loop(Tracker::new(variants), &inbox, jobs, &mut on)
    })
}

/// What the scheduler hears from the builder and the suites.
#[derive(Debug)]
enum Event {
    /// An owner's binaries are built, or known not to build.
    Built(Vec<Built>),
    /// One suite of an owner ran.
    Tested(Owner, Vec<Outcome>),
    /// Cargo is done with every variant (or failed as a whole).
    BuildFinished(Option<anyhow::Error>),
}

/// The builder: every variant, at a lower priority than the suites, so that their real-time
/// deadlines hold while cargo works.
fn build(lab: &Lab, variants: &[Variant], events: &Sender<Event>) {
    // A panic must still end the build: the event loop waits for BuildFinished.
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let options = BuildOptions {
            prepare: Some(sandbox::priority::lower_priority),
            ..BuildOptions::default()
        };
        lab.build_streaming(variants, options, |owner| {
            let _ = events.send(Event::Built(owner));
        })
    }))
    .unwrap_or_else(|_| Err(anyhow::anyhow!("the lab's build panicked")));
    let _ = events.send(Event::BuildFinished(built.err()));
}

/// The suites' workers: each suite on a thread of its own, once [`Slots`] lets it start, until
/// the event loop drops the queue.
fn run_suites(lab: &Lab, testing: &Testing, suites: Receiver<Suite>, events: &Sender<Event>) {
    let jobs = testing.jobs;
    let slots = Slots::new(jobs, SUITES_AT_MOST_PER_JOB * jobs, SUITE_SETTLES);
    let binaries = Binaries::default();
    let (slots, binaries) = (&slots, &binaries);
    std::thread::scope(|running| {
        for suite in suites {
            let slot = slots.take();
            running.spawn(move || {
                // A panic still counts the suite as done, or the event loop would wait forever.
                let outcomes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let (budgets, sandbox) = (testing.budgets, testing.sandbox);
                    suites::test_suite(lab, &suite, budgets, sandbox, binaries)
                }))
                .unwrap_or_default();
                drop(slot);
                let owner = suite.built.variant.owner.clone();
                let _ = events.send(Event::Tested(owner, outcomes));
            });
        }
    });
}

/// Hears every event until the build is over and every suite ran: queues each built owner's
/// suites on `jobs`, and tells `on`. Dropping `jobs` on the way out stops the workers.
fn event_loop(
    mut tracker: Tracker,
    inbox: &Receiver<Event>,
    jobs: Sender<Suite>,
    on: &mut impl FnMut(Scheduled) -> Result<()>,
) -> Result<()> {
    let mut build_finished = false;
    while !build_finished || tracker.running() {
        let Ok(event) = inbox.recv() else { break };
        match event {
            Event::Built(built) => {
                let Some(owner) = built.first().map(|b| b.variant.owner.clone()) else {
                    continue;
                };
                let suites = tracker.built(built);
                on(Scheduled::Built(owner))?;
                for suite in suites {
                    jobs.send(suite).expect("the workers wait for jobs");
                }
            }
            Event::Tested(owner, outcomes) => tracker.tested(&owner, outcomes),
            Event::BuildFinished(Some(error)) => return Err(error),
            Event::BuildFinished(None) => build_finished = true,
        }
        for tested in tracker.take_done() {
            on(Scheduled::Tested(tested))?;
        }
    }
    if let Some(owner) = tracker.owners.keys().next() {
        bail!("the lab's build ended without the builds of {owner}");
    }
    Ok(())
}

/// Each owner's builds, outcomes and suites still running, until every suite ran.
struct Tracker {
    owners: BTreeMap<Owner, InProgress>,
}

#[derive(Default)]
struct InProgress {
    /// Variants cargo has not handed over yet.
    unbuilt: usize,
    suites_left: usize,
    built: Vec<Built>,
    outcomes: Vec<Outcome>,
}

impl Tracker {
    fn new(variants: &[Variant]) -> Tracker {
        let mut owners: BTreeMap<Owner, InProgress> = BTreeMap::new();
        for v in variants {
            owners.entry(v.owner.clone()).or_default().unbuilt += 1;
        }
        Tracker { owners }
    }

    /// An owner's builds are final: returns its suites to run (none of the reference's).
    fn built(&mut self, built: Vec<Built>) -> Vec<Suite> {
        let owner = built[0].variant.owner.clone();
        let suites = match owner {
            Owner::Reference => Vec::new(),
            _ => suites::suites(&built),
        };
        let progress = self.owners.entry(owner).or_default();
        progress.unbuilt = progress.unbuilt.saturating_sub(built.len());
        progress.suites_left += suites.len();
        progress.built.extend(built);
        suites
    }

    fn tested(&mut self, owner: &Owner, outcomes: Vec<Outcome>) {
        let progress = self.owners.get_mut(owner).expect("an owner being tested");
        progress.suites_left -= 1;
        progress.outcomes.extend(outcomes);
    }

    fn running(&self) -> bool {
        self.owners.values().any(|p| p.suites_left > 0)
    }

    /// The owners built and tested whole, taken out, in order.
    fn take_done(&mut self) -> Vec<Tested> {
        let done: Vec<Owner> = (self.owners.iter())
            .filter(|(_, p)| p.unbuilt == 0 && p.suites_left == 0)
            .map(|(owner, _)| owner.clone())
            .collect();
        done.into_iter()
            .map(|owner| {
                let progress = self.owners.remove(&owner).expect("listed just now");
                Tested {
                    owner,
                    built: progress.built,
                    outcomes: progress.outcomes,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::Target;
    use course::Exercise;
    use course::libtest::{Status, TestRun};
    use std::path::PathBuf;

    fn variant(owner: &Owner, exercise: &str) -> Variant {
        Variant {
            owner: owner.clone(),
            exercise: Exercise {
                name: exercise.into(),
                dir: PathBuf::from("/exercises").join(exercise),
                solution_dir: PathBuf::from("/solutions").join(exercise),
            },
            src: PathBuf::from("/src"),
            lib: None,
            hidden: true,
        }
    }

    /// `variant` built: with both binaries, or not compiled.
    fn built(variant: &Variant, compiled: bool) -> Built {
        let exe = |t: &str| Some(PathBuf::from(format!("/{}-{t}", variant.owner)));
        Built {
            variant: variant.clone(),
            dir: PathBuf::from("/lab"),
            module: "tests".into(),
            test_binary: exe("graded").filter(|_| compiled),
            hidden_binary: exe("hidden").filter(|_| compiled),
            compile_errors: Vec::new(),
        }
    }

    fn outcome(owner: &Owner, target: Target) -> Outcome {
        Outcome {
            owner: owner.clone(),
            exercise: "ex01-join".into(),
            target,
            test: "a_test".into(),
            run: TestRun {
                status: Status::Passed,
                message: String::new(),
                duration: Duration::ZERO,
            },
        }
    }

    /// Runs the event loop on `events`, as the builder and the suites would send them; returns
    /// what it told, and the suites it queued.
    fn heard(variants: &[Variant], events: Vec<Event>) -> (Result<Vec<String>>, Vec<Suite>) {
        let (sender, inbox) = channel();
        for event in events {
            sender.send(event).unwrap();
        }
        drop(sender);
        let (jobs, queued) = channel();
        let mut told = Vec::new();
        let result = event_loop(Tracker::new(variants), &inbox, jobs, &mut |s| {
            told.push(match s {
                Scheduled::Built(owner) => format!("built {owner}"),
                Scheduled::Tested(t) => {
                    format!("tested {} ({} outcomes)", t.owner, t.outcomes.len())
                }
            });
            Ok(())
        });
        (result.map(|()| told), queued.into_iter().collect())
    }

    #[test]
    fn an_owner_is_done_when_its_every_suite_ran() {
        let (alice, bora) = (
            Owner::Student("alice".into()),
            Owner::Student("bora".into()),
        );
        let variants = [variant(&alice, "ex01-join"), variant(&bora, "ex01-join")];
        let events = vec![
            Event::Built(vec![built(&variants[0], true)]),
            Event::Built(vec![built(&variants[1], false)]),
            Event::Tested(alice.clone(), vec![outcome(&alice, Target::Exercise)]),
            Event::BuildFinished(None),
            Event::Tested(alice.clone(), vec![outcome(&alice, Target::Hidden)]),
        ];
        let (told, queued) = heard(&variants, events);
        assert_eq!(
            told.unwrap(),
            [
                "built student:alice",
                "built student:bora",
                // Nothing built, nothing to run: done at once.
                "tested student:bora (0 outcomes)",
                "tested student:alice (2 outcomes)",
            ]
        );
        let targets: Vec<Target> = queued.iter().map(|s| s.target).collect();
        assert_eq!(targets, [Target::Exercise, Target::Hidden]);
    }

    #[test]
    fn the_reference_is_built_never_run() {
        let variants = [variant(&Owner::Reference, "ex01-join")];
        let events = vec![
            Event::Built(vec![built(&variants[0], true)]),
            Event::BuildFinished(None),
        ];
        let (told, queued) = heard(&variants, events);
        assert_eq!(
            told.unwrap(),
            ["built reference", "tested reference (0 outcomes)"]
        );
        assert!(queued.is_empty());
    }

    #[test]
    fn an_owner_built_in_two_groups_waits_for_both() {
        let wrong = Owner::Version("wrong".into());
        let variants = [variant(&wrong, "ex01-join"), variant(&wrong, "ex01-join")];
        let events = vec![
            Event::Built(vec![built(&variants[0], false)]),
            Event::Built(vec![built(&variants[1], false)]),
            Event::BuildFinished(None),
        ];
        let (told, _) = heard(&variants, events);
        assert_eq!(
            told.unwrap(),
            ["built wrong", "built wrong", "tested wrong (0 outcomes)"]
        );
    }

    #[test]
    fn a_failed_build_or_a_lost_owner_is_an_error() {
        let alice = Owner::Student("alice".into());
        let variants = [variant(&alice, "ex01-join")];
        let failed = vec![Event::BuildFinished(Some(anyhow::anyhow!("cargo broke")))];
        let (told, _) = heard(&variants, failed);
        assert_eq!(told.unwrap_err().to_string(), "cargo broke");
        let (told, _) = heard(&variants, vec![Event::BuildFinished(None)]);
        let error = told.unwrap_err().to_string();
        assert!(error.contains("student:alice"), "{error}");
    }
}
