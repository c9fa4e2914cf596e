//! The lab: one generated Cargo workspace in which many versions of the exercise crates (the
//! stubs, the solutions, the wrong answers, a class of submissions) are built side by side against
//! the pristine tests, with one dependency build shared by all of them.
//!
//! Every version's library is a package of its own that keeps the exercise's crate name
//! (`ex01_join`), so the one test file compiles against each. Only `src/` comes from the version;
//! its manifest and lock file come from the repository, and it has no build script.
//!
//! Each owner's tests (a student's, a wrong answer's) are two test binaries for all of their
//! exercises, each test file a module of its own (see `packages`): two links per student, not
//! two per exercise. The learner's tests (`graded`) and the hidden ones (`hidden`) stay apart: the
//! hidden tests are never within reach of a learner's test, whose failure messages the learner
//! reads. When a library or a test module does not compile, the next round builds the owner's
//! tests again without it, so code that does not compile costs only its own exercise (see
//! `rounds`).

pub(crate) mod packages;
mod rounds;
pub mod suites;

pub use crate::results::Target;
use anyhow::{Context, Result, bail};
use course::cargo::BuildOptions;
use course::files::{read_toml, slug, write_if_changed};
use course::libtest::TestRun;
use course::{Exercise, Repo};
use rounds::Rounds;
use sandbox::Sandbox;
use sandbox::compile;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Whose code a variant is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// The instructor's solutions, when grading: their binaries name every test a student is
    /// graded on, and are listed, never run.
    Reference,
    /// A student of the class, by name.
    Student(String),
    /// A version the checks build: `solution`, `stub`, `wrong-<name>`.
    Version(String),
}

impl std::fmt::Display for Owner {
    /// `reference`, `student:<name>`, or the version's name: the lab's folders are named after it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Reference => f.write_str("reference"),
            Owner::Student(name) => write!(f, "student:{name}"),
            Owner::Version(name) => f.write_str(name),
        }
    }
}

/// One version of one exercise crate to build and test.
#[derive(Debug, Clone)]
pub struct Variant {
    pub owner: Owner,
    pub exercise: Exercise,
    /// The `src/` directory to build.
    pub src: PathBuf,
    /// Text that replaces `src/lib.rs` (a wrong answer is the solution with one function changed).
    pub lib: Option<String>,
    /// Also build and run the instructor's hidden tests.
    pub hidden: bool,
}

/// A variant after the build: its test binary, or why it did not compile.
#[derive(Debug, Clone)]
pub struct Built {
    pub variant: Variant,
    /// The library's package folder in the lab.
    pub dir: PathBuf,
    /// The module of this exercise's tests in the binaries, which the owner's other exercises
    /// may share (`ex01_join_tests`).
    pub module: String,
    /// The learner's tests (`exercise::…`).
    pub test_binary: Option<PathBuf>,
    /// The hidden tests (`hidden::…`), a binary of their own: a learner's test, whose failure
    /// messages the learner reads, never has them within reach (not to run, not in memory).
    pub hidden_binary: Option<PathBuf>,
    /// The compiler's errors, one rendered message each, as a learner sees them.
    pub compile_errors: Vec<String>,
}

impl Built {
    /// Every test it should have was built.
    pub fn compiled(&self) -> bool {
        self.test_binary.is_some() && (self.hidden_binary.is_some() || !self.variant.hidden)
    }

    /// The test binaries that were built, each with its tests' target.
    pub fn binaries(&self) -> impl Iterator<Item = (Target, &PathBuf)> {
        (self.test_binary.iter().map(|b| (Target::Exercise, b)))
            .chain(self.hidden_binary.iter().map(|b| (Target::Hidden, b)))
    }

    fn manifest(&self) -> PathBuf {
        self.dir.join("Cargo.toml")
    }

    fn set_binary(&mut self, target: Target, exe: PathBuf) {
        match target {
            Target::Exercise => self.test_binary = Some(exe),
            Target::Hidden => self.hidden_binary = Some(exe),
        }
    }
}

/// The lab's names for the two test binaries of an owner.
impl Target {
    /// The test binary (a cargo target, and a crate the compile sandbox knows): `graded` holds
    /// the learner's tests, `hidden` the hidden ones.
    pub(crate) fn binary(self) -> &'static str {
        match self {
            Target::Exercise => "graded",
            Target::Hidden => "hidden",
        }
    }

    /// The target of the test binary `name`.
    pub(crate) fn of_binary(name: &str) -> Option<Target> {
        Target::BOTH.into_iter().find(|t| t.binary() == name)
    }
}

/// One test's outcome for one variant.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub owner: Owner,
    pub exercise: String,
    pub target: Target,
    pub test: String,
    pub run: TestRun,
}

impl Outcome {
    /// `exercise::takes_one_second_not_three`: how tests are named in reports and wrong answers.
    pub fn id(&self) -> String {
        format!("{}::{}", self.target, self.test)
    }
}

pub struct Lab {
    repo: Repo,
    /// The lab's own folder.
    dir: PathBuf,
    /// The generated workspace.
    workspace: PathBuf,
    /// Cargo's target directory, shared by every build in this lab.
    target: PathBuf,
    /// When set, every package's library compiles in the compile sandbox.
    compile: Option<CompileSandbox>,
}

/// The lab, held by one grader (see [`Lab::lock`]).
pub struct LabLock {
    _file: std::fs::File,
}

/// How the lab compiles untrusted libraries: see [`compile`].
#[derive(Debug, Clone)]
pub struct CompileSandbox {
    /// The program cargo runs as `RUSTC_WORKSPACE_WRAPPER`: one that starts with
    /// [`compile::wrap_if_asked`].
    pub wrapper: PathBuf,
    /// How long one crate may take to compile.
    pub timeout: Duration,
}

impl Lab {
    /// A lab in `dir` (created if missing; reused, so rebuilds are incremental).
    pub fn new(repo: &Repo, dir: &Path) -> Result<Lab> {
        std::fs::create_dir_all(dir)?;
        let dir = dir.canonicalize()?;
        Ok(Lab {
            repo: repo.clone(),
            workspace: dir.join("ws"),
            target: dir.join("target"),
            dir,
            compile: None,
        })
    }

    /// Waits until no other process uses this lab, and keeps it until the guard is dropped: a
    /// lab's workspace holds one set of packages at a time.
    pub fn lock(&self) -> Result<LabLock> {
        use rustix::fs::{FlockOperation, flock};
        let file = std::fs::File::create(self.dir.join("lock"))?;
        if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
            eprintln!(
                "Another grader is using {}; waiting until it is done (Ctrl-C stops waiting).",
                self.dir.display()
            );
            flock(&file, FlockOperation::LockExclusive).context("locking the lab")?;
        }
        Ok(LabLock { _file: file })
    }

    /// Compiles every package's library in the compile sandbox.
    pub(crate) fn with_compile_sandbox(mut self, sandbox: CompileSandbox) -> Lab {
        self.compile = Some(sandbox);
        self
    }

    /// The environment that makes cargo compile through the compile sandbox, if it is on.
    fn compile_env(&self) -> Result<Vec<(String, PathBuf)>> {
        let Some(sandbox) = &self.compile else {
            return Ok(Vec::new());
        };
        let mut lab_crates: Vec<String> = self
            .repo
            .exercises()?
            .iter()
            .map(|e| e.lib_name())
            .collect();
        lab_crates.extend(Target::BOTH.map(|t| t.binary().to_string()));
        let settings = compile::Settings {
            workspace: self.workspace.clone(),
            lab_crates,
            sysroot: compile::sysroot()?,
            scratch: self.dir.join("compile-scratch"),
            timeout: sandbox.timeout,
        };
        // Whatever every compile may read must not hold the instructor's files.
        for path in settings.system_paths() {
            if self.repo.root.starts_with(&path) || self.dir.starts_with(&path) {
                bail!(
                    "the repository or the lab is inside {}, which the compile sandbox lets \
                     student code read: move it elsewhere (for instance under your home folder)",
                    path.display()
                );
            }
        }
        let file = self.dir.join("compile-sandbox.json");
        settings.write(&file)?;
        Ok(vec![
            ("RUSTC_WORKSPACE_WRAPPER".into(), sandbox.wrapper.clone()),
            (compile::SETTINGS_VAR.into(), file),
        ])
    }

    /// Builds every variant's library and its tests, in rounds (see `build_streaming`).
    pub fn build(&self, variants: &[Variant]) -> Result<Vec<Built>> {
        self.build_streaming(variants, BuildOptions::default(), |_| {})
    }

    /// Writes the workspace for `variants` and builds every library and test binary, in rounds
    /// (see [`rounds`]): first each owner's tests as two binaries; then, for an owner whose library
    /// or test module did not compile, again without what failed (or one exercise at a time, when
    /// an error cannot be traced to one exercise). `on_ready` gets each owner's builds the moment
    /// they are final, while cargo goes on with the others. Returns every variant's build, in order.
    pub(crate) fn build_streaming(
        &self,
        variants: &[Variant],
        options: BuildOptions,
        mut on_ready: impl FnMut(Vec<Built>),
    ) -> Result<Vec<Built>> {
        let built = self.write_libraries(variants)?;
        let env = self.compile_env()?;
        let mut rounds = Rounds::new(&self.workspace, variants, built);
        while !rounds.packages().is_empty() {
            self.write_workspace(&rounds, variants)?;
            let finished = course::cargo::build_tests(
                &self.workspace,
                &self.target,
                &env,
                options.clone(),
                |event| rounds.hear(event).into_iter().for_each(&mut on_ready),
            )?;
            rounds.end(&finished)?.into_iter().for_each(&mut on_ready);
        }
        Ok(rounds.into_built())
    }

    /// A package for each variant's library, its `src/` the variant's.
    fn write_libraries(&self, variants: &[Variant]) -> Result<Vec<Built>> {
        let mut folders: Vec<String> = Vec::new();
        let mut built = Vec::new();
        for variant in variants {
            // Named by owner and exercise, so a later run with other variants rebuilds nothing old.
            let base = format!(
                "p-{}-{}",
                slug(&variant.owner.to_string()),
                variant.exercise.name
            );
            let mut folder = base.clone();
            for n in 2.. {
                if !folders.contains(&folder) {
                    break;
                }
                folder = format!("{base}-{n}");
            }
            let dir = self.workspace.join(&folder);
            packages::write_library(&dir, &folder, variant)?;
            folders.push(folder);
            built.push(Built {
                variant: variant.clone(),
                dir,
                module: packages::module(&variant.exercise),
                test_binary: None,
                hidden_binary: None,
                compile_errors: Vec::new(),
            });
        }
        Ok(built)
    }

    /// The workspace's manifest: every library, and this round's test packages.
    fn write_workspace(&self, rounds: &Rounds, variants: &[Variant]) -> Result<()> {
        let built = rounds.built();
        let solutions = read_toml(&self.repo.solutions_dir().join("Cargo.toml"))?;
        let every_dependency = packages::every_dependency(&self.repo)?;
        let mut members: Vec<String> = built
            .iter()
            .map(|b| {
                b.dir
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into()
            })
            .collect();
        for package in rounds.packages() {
            let libraries: Vec<(usize, &Path)> = package
                .all()
                .filter(|&i| rounds.library_usable(i))
                .map(|i| (i, built[i].dir.as_path()))
                .collect();
            package.write(&self.workspace, &libraries, variants, &every_dependency)?;
            members.push(package.name.clone());
        }
        let mut manifest = toml::Table::new();
        let mut workspace = toml::Table::new();
        workspace.insert("resolver".into(), "3".into());
        workspace.insert("members".into(), members.into());
        for key in ["package", "dependencies"] {
            if let Some(table) = solutions.get("workspace").and_then(|w| w.get(key)) {
                workspace.insert(key.into(), table.clone());
            }
        }
        // Path dependencies (the tests' shared crate) are relative to solutions/: made absolute.
        if let Some(toml::Value::Table(dependencies)) = workspace.get_mut("dependencies") {
            for (_, spec) in dependencies.iter_mut() {
                if let Some(toml::Value::String(path)) = spec.get_mut("path") {
                    *path = self.repo.solutions_dir().join(&*path).display().to_string();
                }
            }
        }
        manifest.insert("workspace".into(), workspace.into());
        // Test binaries link faster without debug info; panics still name file and line.
        let dev: toml::Table = toml::from_str("debug = false\nincremental = false")?;
        manifest.insert(
            "profile".into(),
            toml::Table::from_iter([("dev".into(), dev.into())]).into(),
        );
        write_if_changed(
            &self.workspace.join("Cargo.toml"),
            &toml::to_string(&manifest)?,
        )?;
        // The solutions' lock file pins every dependency: the lab builds what learners build.
        let lock = self.workspace.join("Cargo.lock");
        if !lock.exists() {
            std::fs::copy(self.repo.solutions_dir().join("Cargo.lock"), &lock)?;
        }
        Ok(())
    }

    /// The binary to run: in the sandbox, a sealed copy (executable, not readable) of cargo's.
    pub fn runnable(&self, exe: &Path, sandbox: &Sandbox) -> Result<PathBuf> {
        if !sandbox.is_on() {
            return Ok(exe.to_path_buf());
        }
        // cargo's file names are unique to the package and target (`graded-1a2b…`).
        let sealed = self
            .dir
            .join("sealed")
            .join(exe.file_name().context("no file name")?);
        std::fs::create_dir_all(self.dir.join("sealed"))?;
        let _ = std::fs::remove_file(&sealed);
        std::fs::copy(exe, &sealed)
            .with_context(|| format!("copying {} to {}", exe.display(), sealed.display()))?;
        sandbox::seal(&sealed)?;
        Ok(sealed)
    }
}
