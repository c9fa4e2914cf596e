//! One `cargo build --tests` over a workspace, read as it goes: each finished test binary and
//! each compiler error is passed on the moment cargo reports it, so grading can test one student
//! while cargo still compiles the next.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What cargo reported, one message at a time.
#[derive(Debug)]
pub enum Event {
    /// A target finished building: a library, or a test binary (`executable`).
    Built {
        manifest: PathBuf,
        target: String,
        executable: Option<PathBuf>,
    },
    /// A compiler error, rendered as a learner sees it, with the files its spans point into.
    Error {
        manifest: PathBuf,
        target: String,
        rendered: String,
        files: Vec<PathBuf>,
    },
}

/// How the build ended.
#[derive(Debug, Default)]
pub struct Finished {
    pub success: bool,
    /// Cargo's own messages (progress, and errors that belong to no package).
    pub stderr: String,
}

/// How a build is run.
#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// Called on cargo's command before it starts (the grader lowers its priority there, so
    /// tests running meanwhile keep their real-time deadlines).
    pub prepare: Option<fn(&mut Command)>,
    /// Build only this package of the workspace (`-p`), not all of it.
    pub only: Option<String>,
}

/// Builds every test target of the workspace at `dir`, or of the package `options.only`
/// (`--keep-going`: past packages that fail), calling `on_event` for each artifact and error as
/// cargo reports it.
pub fn build_tests(
    dir: &Path,
    target: &Path,
    env: &[(String, PathBuf)],
    options: BuildOptions,
    mut on_event: impl FnMut(Event),
) -> Result<Finished> {
    let mut command = Command::new(cargo());
    command
        .args(["build", "--tests", "--keep-going", "--message-format=json"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match &options.only {
        Some(package) => command.args(["--package", package]),
        None => command.arg("--workspace"),
    };
    if let Some(prepare) = options.prepare {
        prepare(&mut command);
    }
    let mut child = command.spawn().context("starting cargo")?;
    let stderr = child.stderr.take().expect("piped");
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    for line in std::io::BufReader::new(child.stdout.take().expect("piped")).lines() {
        let Ok(message) = serde_json::from_str::<CargoMessage>(&line?) else {
            continue;
        };
        let target = message.target.map(|t| t.name).unwrap_or_default();
        match message.reason.as_str() {
            "compiler-artifact" => on_event(Event::Built {
                manifest: message.manifest_path,
                target,
                executable: message.executable,
            }),
            "compiler-message" => {
                if let Some(m) = message.message.filter(|m| m.level == "error") {
                    on_event(Event::Error {
                        manifest: message.manifest_path,
                        target,
                        files: m.spans.into_iter().map(|s| s.file_name).collect(),
                        rendered: m.rendered,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(Finished {
        success: child.wait()?.success(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// What `cargo build --tests` made of each package of a workspace, all at once.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// By manifest path.
    pub packages: BTreeMap<PathBuf, PackageBuild>,
    pub success: bool,
    pub stderr: String,
}

#[derive(Debug, Default)]
pub struct PackageBuild {
    /// Test target name -> executable.
    pub test_binaries: BTreeMap<String, PathBuf>,
    /// The compiler's errors, one rendered message each, as a learner sees them.
    pub compile_errors: Vec<String>,
}

/// [`build_tests`], with every event gathered by package: of the whole workspace, or of the
/// package `only`.
pub fn build_report(dir: &Path, target: &Path, only: Option<&str>) -> Result<BuildReport> {
    let mut report = BuildReport::default();
    let finished = build_tests(
        dir,
        target,
        &[],
        BuildOptions {
            only: only.map(String::from),
            ..BuildOptions::default()
        },
        |event| match event {
            Event::Built {
                manifest,
                target,
                executable: Some(exe),
            } => {
                report
                    .packages
                    .entry(manifest)
                    .or_default()
                    .test_binaries
                    .insert(target, exe);
            }
            Event::Error {
                manifest, rendered, ..
            } => report
                .packages
                .entry(manifest)
                .or_default()
                .compile_errors
                .push(rendered),
            Event::Built { .. } => {}
        },
    )?;
    report.success = finished.success;
    report.stderr = finished.stderr;
    Ok(report)
}

/// Just what the lab needs from `cargo --message-format=json`.
#[derive(Deserialize)]
struct CargoMessage {
    reason: String,
    #[serde(default)]
    manifest_path: PathBuf,
    target: Option<CargoTarget>,
    executable: Option<PathBuf>,
    message: Option<CompilerMessage>,
}

#[derive(Deserialize)]
struct CargoTarget {
    name: String,
}

#[derive(Deserialize)]
struct CompilerMessage {
    level: String,
    rendered: String,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    file_name: PathBuf,
}

/// The cargo that runs us (so a `cargo test` under rustup uses the same toolchain), or `cargo`.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| "cargo".into())
}
