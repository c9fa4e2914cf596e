//! Each student the scheduler is done with, finished: their result assembled against the
//! reference's tests, signed and written, and the caller told.

use crate::assemble::{self, Course, ReferenceTests, Work};
use crate::lab::{Lab, Owner, Variant};
use crate::prepare::{self, Class, ToGrade};
use crate::results::{self, StudentResult};
use crate::schedule::{self, Scheduled, Tested, Testing};
use crate::{Graded, Options, Update, feedback};
use anyhow::Result;
use course::{Lang, Repo};
use std::collections::BTreeSet;
use std::time::Instant;

/// The class's results as they come, each told to `on_update`.
pub(crate) struct Tally<F> {
    pub results: Vec<StudentResult>,
    pub total: usize,
    started: Instant,
    on_update: F,
}

impl<F: FnMut(Update)> Tally<F> {
    pub(crate) fn new(total: usize, started: Instant, on_update: F) -> Tally<F> {
        Tally {
            results: Vec::new(),
            total,
            started,
            on_update,
        }
    }

    /// A student's result; `reused` when they were graded earlier with the same content.
    pub(crate) fn graded(&mut self, result: StudentResult, reused: bool) {
        self.results.push(result);
        (self.on_update)(Update::Graded(Graded {
            done: self.results.len(),
            total: self.total,
            result: self.results.last().expect("just pushed"),
            reused,
            started: self.started,
        }));
    }

    fn tell(&mut self, update: Update) {
        (self.on_update)(update)
    }
}

/// Builds and tests the class's students to grade in `lab`, and finishes each into `tally`.
pub(crate) fn grade_class<F: FnMut(Update)>(
    repo: &Repo,
    opts: &Options,
    class: &mut Class,
    lab: &Lab,
    tally: &mut Tally<F>,
) -> Result<()> {
    let variants = prepare::variants(&class.exercises, &mut class.to_grade)?;
    let class = &*class;
    let mut students = Students::new(&class.to_grade, &variants);
    let building = students.building.len();
    tally.tell(Update::Building {
        students: building,
        total: tally.total,
    });
    let testing = Testing {
        jobs: opts.jobs,
        budgets: &opts.budgets,
        sandbox: &opts.sandbox,
    };
    let finish = |reference: &ReferenceTests, tested: Tested| {
        let course = Course {
            repo,
            manifest: &class.manifest,
            exercises: &class.exercises,
            reference,
            sandboxed: opts.sandbox.is_on(),
        };
        finish(&course, class, tested, opts.reports.lang)
    };
    schedule::build_and_test(lab, &variants, &testing, |scheduled| {
        students.hear(scheduled, tally, &finish)
    })
}

/// The students between the scheduler and their results.
struct Students {
    /// Those not built yet.
    building: BTreeSet<Owner>,
    /// Those built and tested before the reference named the tests.
    waiting: Vec<Tested>,
    reference: Option<ReferenceTests>,
}

impl Students {
    /// Students with nothing to build (a broken zip, no exercise folder) wait only for the
    /// reference.
    fn new(to_grade: &[ToGrade], variants: &[Variant]) -> Students {
        let (mut building, mut waiting) = (BTreeSet::new(), Vec::new());
        for student in to_grade {
            let owner = Owner::Student(student.submission.student.clone());
            if variants.iter().any(|v| v.owner == owner) {
                building.insert(owner);
            } else {
                waiting.push(Tested {
                    owner,
                    built: Vec::new(),
                    outcomes: Vec::new(),
                });
            }
        }
        Students {
            building,
            waiting,
            reference: None,
        }
    }

    fn hear<F: FnMut(Update)>(
        &mut self,
        scheduled: Scheduled,
        tally: &mut Tally<F>,
        finish: &impl Fn(&ReferenceTests, Tested) -> Result<StudentResult>,
    ) -> Result<()> {
        match scheduled {
            Scheduled::Built(Owner::Student(student)) => {
                self.building.remove(&Owner::Student(student.clone()));
                let (students, total) = (self.building.len(), tally.total);
                tally.tell(Update::Building { students, total });
                tally.tell(Update::Testing { student });
            }
            Scheduled::Built(_) => {}
            Scheduled::Tested(reference) if reference.owner == Owner::Reference => {
                self.reference = Some(ReferenceTests::list(&reference.built)?);
            }
            Scheduled::Tested(student) => self.waiting.push(student),
        }
        if let Some(reference) = &self.reference {
            self.waiting.sort_by(|a, b| a.owner.cmp(&b.owner));
            for student in std::mem::take(&mut self.waiting) {
                tally.graded(finish(reference, student)?, false);
            }
        }
        Ok(())
    }
}

/// A student's result, assembled, signed and written with their feedback.
fn finish(course: &Course, class: &Class, tested: Tested, lang: Lang) -> Result<StudentResult> {
    let student = (class.to_grade.iter())
        .find(|s| Owner::Student(s.submission.student.clone()) == tested.owner)
        .expect("every owner is a student");
    let work = Work {
        submission: &student.submission,
        hash: &student.hash,
        built: &tested.built,
        outcomes: &tested.outcomes,
    };
    let mut result = assemble::assemble(course, &work)?;
    result.signature = Some(class.key.sign(&result)?);
    results::write(&class.out, &result, &feedback::feedback_md(&result, lang))?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submissions::Submission;
    use course::Exercise;

    fn to_grade(student: &str) -> ToGrade {
        ToGrade {
            submission: Submission {
                student: student.into(),
                origin: format!("/class/{student}").into(),
                root: None,
                problem: None,
                notes: Vec::new(),
            },
            hash: String::new(),
        }
    }

    fn tested(owner: Owner) -> Tested {
        Tested {
            owner,
            built: Vec::new(),
            outcomes: Vec::new(),
        }
    }

    #[test]
    fn students_are_finished_once_the_reference_names_the_tests() {
        let alice = Owner::Student("alice".into());
        let variants = [Variant {
            owner: alice.clone(),
            exercise: Exercise {
                name: "ex01-join".into(),
                dir: "/repo/exercises/ex01-join".into(),
                solution_dir: "/repo/solutions/ex01-join".into(),
            },
            src: "/class/alice/ex01-join/src".into(),
            lib: None,
            hidden: true,
        }];
        // Bora handed in nothing the lab builds.
        let class = [to_grade("bora"), to_grade("alice")];
        let mut students = Students::new(&class, &variants);
        let mut told = Vec::new();
        let mut tally = Tally::new(2, Instant::now(), |update| {
            told.push(match update {
                Update::Graded(g) => format!("graded {} {}/{}", g.result.student, g.done, g.total),
                Update::Building { students, total } => format!("building {students}/{total}"),
                Update::Testing { student } => format!("testing {student}"),
                Update::SetAside(set) => format!("set aside {}", set.students.join(" ")),
            })
        });
        let finish = |_: &ReferenceTests, tested: Tested| {
            let Owner::Student(student) = tested.owner else {
                panic!("only students are finished")
            };
            Ok(StudentResult {
                student,
                ..results::tests::golden_unsigned()
            })
        };
        for scheduled in [
            Scheduled::Built(alice.clone()),
            Scheduled::Tested(tested(alice)),
            Scheduled::Built(Owner::Reference),
            Scheduled::Tested(tested(Owner::Reference)),
        ] {
            students.hear(scheduled, &mut tally, &finish).unwrap();
        }
        let graded: Vec<&str> = tally.results.iter().map(|r| r.student.as_str()).collect();
        assert_eq!(graded, ["alice", "bora"]);
        assert_eq!(
            told,
            [
                "building 0/2",
                "testing alice",
                "graded alice 1/2",
                "graded bora 2/2"
            ]
        );
    }
}
