//! The lab: one generated Cargo workspace in which many versions of the exercise crates (the
//! stubs, the solutions, the wrong answers, a class of submissions) are built side by side against
//! the pristine tests, with one dependency build shared by all of them.
//!
//! Every version is a package of its own whose library keeps the exercise's name (`ex01_join`), so
//! the one test file compiles against each. Only `src/` comes from the version; its manifest,
//! tests and lock file come from the repository, and it has no build script. The learner's tests
//! (`exercise::…`) and the hidden ones (`hidden::…`) are two test binaries: the hidden tests are
//! never within reach of a learner's test, whose failure messages the learner reads.

use crate::repo::{Exercise, Repo};
use crate::run::{self, Limits, Status, TestRun};
use crate::sandbox::Sandbox;
use crate::sandbox::compile;
use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// One version of one exercise crate to build and test.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Whose code this is: `solution`, `stub`, a wrong answer's name, a student's id.
    pub owner: String,
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
    /// The package folder in the lab (the tests' working directory).
    pub dir: PathBuf,
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

    /// The test binaries that were built.
    pub fn binaries(&self) -> impl Iterator<Item = &PathBuf> {
        self.test_binary.iter().chain(&self.hidden_binary)
    }
}

/// One test's outcome for one variant.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub owner: String,
    pub exercise: String,
    /// `exercise` or `hidden`.
    pub target: String,
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
    pub fn with_compile_sandbox(mut self, sandbox: CompileSandbox) -> Lab {
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
        lab_crates.extend([GRADED.to_string(), HIDDEN.to_string()]);
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

    /// Writes the workspace for `variants` and builds every test binary (`cargo build --tests`).
    /// A variant that does not compile gets its compiler errors; the others build regardless.
    pub fn build(&self, variants: &[Variant]) -> Result<Vec<Built>> {
        let mut built = self.write_workspace(variants)?;
        let env = self.compile_env()?;
        let report = build_tests_with(&self.workspace, &self.target, &env)?;
        for b in &mut built {
            // The two test binaries build apart: the learner's count when only the hidden break.
            if let Some(package) = report.packages.get(&b.dir.join("Cargo.toml")) {
                b.test_binary = package.test_binaries.get(GRADED).cloned();
                b.hidden_binary = package.test_binaries.get(HIDDEN).cloned();
                b.compile_errors = package.compile_errors.clone();
            }
        }
        if !report.success && built.iter().all(|b| b.compile_errors.is_empty()) {
            bail!(
                "cargo could not build the lab:\n{}",
                report.stderr.trim_end()
            );
        }
        for b in built
            .iter_mut()
            .filter(|b| !b.compiled() && b.compile_errors.is_empty())
        {
            let tail: Vec<&str> = report.stderr.lines().rev().take(20).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            b.compile_errors = vec![format!(
                "the tests were not built; cargo said:\n{}",
                tail.join("\n")
            )];
        }
        Ok(built)
    }

    /// Runs every test that was built, each in its own process (in `sandbox`), `jobs` at a time.
    pub fn test(
        &self,
        built: &[Built],
        limits: Limits,
        jobs: usize,
        sandbox: &Sandbox,
    ) -> Result<Vec<Outcome>> {
        let mut work = Vec::new();
        // Whatever was built runs: a learner's tests still run when only the hidden ones fail to build.
        for b in built {
            for exe in b.binaries() {
                let exe = self.runnable(exe, sandbox)?;
                for test in run::list_tests(&exe, sandbox)? {
                    let (target, _) = test.split_once("::").unwrap_or(("exercise", &test));
                    work.push((b, target.to_string(), exe.clone(), test.clone()));
                }
            }
        }
        let mut results = crate::pool::map(&work, jobs, |(b, target, exe, test)| {
            let run = run::run_test(exe, test, sandbox, limits).unwrap_or_else(|e| TestRun {
                status: Status::NoResult,
                message: format!("could not run the test: {e:#}"),
                duration: Duration::ZERO,
            });
            Outcome {
                owner: b.variant.owner.clone(),
                exercise: b.variant.exercise.name.clone(),
                target: target.clone(),
                test: test
                    .split_once("::")
                    .map_or(test.as_str(), |(_, name)| name)
                    .to_string(),
                run,
            }
        });
        results
            .sort_by(|a, b| (&a.owner, &a.exercise, a.id()).cmp(&(&b.owner, &b.exercise, b.id())));
        Ok(results)
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
        crate::sandbox::seal(&sealed)?;
        Ok(sealed)
    }

    fn write_workspace(&self, variants: &[Variant]) -> Result<Vec<Built>> {
        let solutions = read_toml(&self.repo.solutions_dir().join("Cargo.toml"))?;
        let mut members = Vec::new();
        let mut built = Vec::new();
        for variant in variants {
            // Named by owner and exercise, so a later run with other variants rebuilds nothing old.
            let base = format!("p-{}-{}", slug(&variant.owner), variant.exercise.name);
            let mut folder = base.clone();
            for n in 2.. {
                if !members.contains(&folder) {
                    break;
                }
                folder = format!("{base}-{n}");
            }
            let dir = self.workspace.join(&folder);
            self.write_package(&dir, &folder, variant)?;
            members.push(folder);
            built.push(Built {
                variant: variant.clone(),
                dir,
                test_binary: None,
                hidden_binary: None,
                compile_errors: Vec::new(),
            });
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
        Ok(built)
    }

    fn write_package(&self, dir: &Path, package: &str, variant: &Variant) -> Result<()> {
        let hidden = variant.hidden;
        let exercise = &variant.exercise;
        let pristine = read_toml(&exercise.solution_dir.join("Cargo.toml"))?;
        // A test binary for the learner's tests and one for the hidden tests; each test file is a
        // module (`exercise`, `hidden`) of its binary, read where it lies in the repository.
        let mut binaries = vec![(GRADED, "exercise", exercise.test_file())];
        if hidden {
            binaries.push((HIDDEN, "hidden", exercise.hidden_test_file()));
        }
        let mut tests = Vec::new();
        for (binary, module, file) in binaries {
            let text = format!(
                "//! Generated by the lab: the {module} tests of {}.\n\n#[path = {:?}]\nmod {module};\n",
                exercise.name,
                file.display().to_string()
            );
            let path = format!("tests/{binary}.rs");
            write_if_changed(&dir.join(&path), &text)?;
            tests.push(test_target(binary, Path::new(&path)));
        }
        if !hidden {
            let _ = std::fs::remove_file(dir.join(format!("tests/{HIDDEN}.rs")));
        }
        let manifest: toml::Table = toml::from_str(&format!(
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
        let mut manifest = manifest;
        manifest.insert("test".into(), tests.into());
        for key in ["dependencies", "dev-dependencies"] {
            if let Some(table) = pristine.get(key) {
                manifest.insert(key.into(), table.clone());
            }
        }
        write_if_changed(&dir.join("Cargo.toml"), &toml::to_string(&manifest)?)?;
        let except = variant.lib.as_ref().map(|_| "lib.rs");
        sync_dir(&variant.src, &dir.join("src"), except)?;
        if let Some(lib) = &variant.lib {
            write_if_changed(&dir.join("src/lib.rs"), lib)?;
        }
        Ok(())
    }
}

/// What `cargo build --tests` made of each package of a workspace.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// By manifest path.
    pub packages: BTreeMap<PathBuf, PackageBuild>,
    pub success: bool,
    /// Cargo's own messages (progress, and errors that belong to no package).
    pub stderr: String,
}

#[derive(Debug, Default)]
pub struct PackageBuild {
    /// Test target name -> executable.
    pub test_binaries: BTreeMap<String, PathBuf>,
    /// The compiler's errors, one rendered message each, as a learner sees them.
    pub compile_errors: Vec<String>,
}

/// Builds every test target of the workspace at `dir`, going on past packages that fail.
pub fn build_tests(dir: &Path, target: &Path) -> Result<BuildReport> {
    build_tests_with(dir, target, &[])
}

/// [`build_tests`] with more environment for cargo.
fn build_tests_with(dir: &Path, target: &Path, env: &[(String, PathBuf)]) -> Result<BuildReport> {
    let mut child = Command::new(cargo())
        .args([
            "build",
            "--tests",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting cargo")?;
    let stderr = child.stderr.take().expect("piped");
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let mut report = BuildReport::default();
    for line in std::io::BufReader::new(child.stdout.take().expect("piped")).lines() {
        let Ok(message) = serde_json::from_str::<CargoMessage>(&line?) else {
            continue;
        };
        let package = report.packages.entry(message.manifest_path).or_default();
        match message.reason.as_str() {
            "compiler-artifact" if message.profile.is_some_and(|p| p.test) => {
                if let (Some(target), Some(exe)) = (message.target, message.executable) {
                    package.test_binaries.insert(target.name, exe);
                }
            }
            "compiler-message" => {
                if let Some(m) = message.message.filter(|m| m.level == "error") {
                    package.compile_errors.push(m.rendered);
                }
            }
            _ => {}
        }
    }
    report.success = child.wait()?.success();
    report.stderr = stderr.join().unwrap_or_default();
    Ok(report)
}

/// The names of the lab's test targets: the learner's tests, and the hidden ones.
const GRADED: &str = "graded";
const HIDDEN: &str = "hidden";

fn test_target(name: &str, path: &Path) -> toml::Value {
    let mut t = toml::Table::new();
    t.insert("name".into(), name.into());
    t.insert("path".into(), path.display().to_string().into());
    t.into()
}

/// Just what the lab needs from `cargo --message-format=json`.
#[derive(Deserialize)]
struct CargoMessage {
    reason: String,
    #[serde(default)]
    manifest_path: PathBuf,
    target: Option<CargoTarget>,
    profile: Option<CargoProfile>,
    executable: Option<PathBuf>,
    message: Option<CompilerMessage>,
}

#[derive(Deserialize)]
struct CargoTarget {
    name: String,
}

#[derive(Deserialize)]
struct CargoProfile {
    test: bool,
}

#[derive(Deserialize)]
struct CompilerMessage {
    level: String,
    rendered: String,
}

/// The cargo that runs us (so a `cargo test` under rustup uses the same toolchain), or `cargo`.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| "cargo".into())
}

fn read_toml(path: &Path) -> Result<toml::Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Writes only when the content differs, so cargo sees unchanged files as unchanged.
fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(text.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Makes `to` a copy of `from` (regular files only; links are not followed), touching only what
/// differs. The top-level entry `except` is left alone on both sides.
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
