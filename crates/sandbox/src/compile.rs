//! The compile sandbox: cargo's `RUSTC_WORKSPACE_WRAPPER` for the lab, so that a student's crate
//! cannot read what is not its own while it compiles.
//!
//! A student's library may try `include_str!("/…/solutions/…")`, `#[path = "…"] mod m;`,
//! `extern crate` of another student's build, or `env!("HOME")`. Its `rustc` runs:
//!
//! - under Landlock, reading only the toolchain, the system's libraries, the crate's own `src/`
//!   and third-party dependencies (no other lab package's build), writing only a private folder;
//! - with an environment of cargo's package variables only;
//! - with `unsafe` code forbidden (`-F unsafe_code`: no `no_mangle`, `link_section`, raw fds);
//! - against a deadline: a build that runs past it is reported as [`TIMED_OUT`].
//!
//! Its outputs are then moved where cargo expects them. Everything else the lab compiles (the
//! tests, which include the hidden ones) is the instructor's and runs `rustc` as it is.
//!
//! The wrapper is a program: the `workbook` command itself, or any program whose `main` starts
//! with [`wrap_if_asked`]. It is told what to do by a settings file named in [`SETTINGS_VAR`].

use anyhow::{Context, Result, bail};
#[cfg(target_os = "linux")]
use landlock::{
    ABI, Access, AccessFs, CompatLevel, Compatible, Ruleset, RulesetAttr, RulesetCreatedAttr,
    RulesetStatus, path_beneath_rules,
};
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that names the settings file, set by the lab for cargo.
pub const SETTINGS_VAR: &str = "WORKBOOK_COMPILE_SANDBOX";
/// Set for the inner step: apply Landlock, then become `rustc`.
const INNER_VAR: &str = "WORKBOOK_COMPILE_SANDBOX_INNER";
/// The start of the compiler error a build past its deadline gets.
pub const TIMED_OUT: &str = "compile timed out";

/// What the wrapper needs to know, written by the lab.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// The lab's generated workspace: its packages' libraries are the sandboxed ones.
    pub workspace: PathBuf,
    /// Library names of the lab's packages (`ex01_join`, ...) and its test target (`graded`):
    /// builds of these are never readable by a sandboxed compile.
    pub lab_crates: Vec<String>,
    /// The toolchain's sysroot (`rustc --print sysroot`).
    pub sysroot: PathBuf,
    /// Private output folders are made here.
    pub scratch: PathBuf,
    /// How long one crate may take to compile.
    pub timeout: Duration,
}

impl Settings {
    /// What every sandboxed compile may read besides its own `src/` and the dependencies: the
    /// toolchain and the system's shared libraries.
    pub fn system_paths(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.sysroot.clone()];
        paths.extend(
            [
                "/usr/lib",
                "/usr/lib64",
                "/lib",
                "/lib64",
                "/etc/ld.so.cache",
                "/dev/null",
                "/dev/urandom",
            ]
            .map(PathBuf::from),
        );
        paths
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        std::fs::write(path, serde_json::to_string_pretty(self)?)
            .with_context(|| format!("writing {}", path.display()))
    }
}

/// When this program runs as the lab's rustc wrapper, does the wrapper's work and returns its exit
/// code; otherwise returns `None` and the program goes on as itself.
pub fn wrap_if_asked() -> Option<ExitCode> {
    let settings = std::env::var_os(SETTINGS_VAR)?;
    let code = match compile_confined(Path::new(&settings)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: the lab's compile sandbox: {e:#}");
            ExitCode::FAILURE
        }
    };
    Some(code)
}

/// Whether the kernel enforces Landlock. Making a ruleset restricts nothing yet.
#[cfg(not(target_os = "linux"))]
pub fn landlock_supported() -> Result<()> {
    bail!("Landlock is Linux's; grading in the sandbox needs Linux")
}

/// Whether the kernel enforces Landlock. Making a ruleset restricts nothing yet.
#[cfg(target_os = "linux")]
pub fn landlock_supported() -> Result<()> {
    let ruleset = Ruleset::default()
        .set_compatibility(CompatLevel::HardRequirement)
        .handle_access(AccessFs::from_all(ABI::V2))?
        .create()?;
    drop(ruleset);
    Ok(())
}

/// Runs the real rustc as the grader's settings say, confined by Landlock.
fn compile_confined(settings_file: &Path) -> Result<ExitCode> {
    let settings: Settings = serde_json::from_str(
        &std::fs::read_to_string(settings_file)
            .with_context(|| format!("reading {}", settings_file.display()))?,
    )?;
    let mut args = std::env::args_os().skip(1);
    let rustc = PathBuf::from(args.next().context("no rustc to wrap")?);
    let args: Vec<OsString> = args.collect();
    if std::env::var_os(INNER_VAR).is_some() {
        return inner(&settings, &args);
    }
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let is_lib = args
        .windows(2)
        .any(|w| w[0] == "--crate-type" && w[1] == "lib");
    let in_lab = manifest_dir
        .as_deref()
        .is_some_and(|d| d.starts_with(&settings.workspace));
    match (in_lab, manifest_dir) {
        // A lab package's library: the student's code, in the sandbox.
        (true, Some(dir)) if is_lib => outer(&settings, &rustc, &args, Some(&dir)),
        // A lab package's tests: the instructor's code, but it instantiates the student's
        // generics and constants, so it too gets the deadline and the memory limit.
        (true, Some(_)) => outer(&settings, &rustc, &args, None),
        _ => {
            use std::os::unix::process::CommandExt;
            Err(Command::new(rustc).args(&args).exec().into())
        }
    }
}

/// The most memory one compile may write to (`RLIMIT_DATA`): a constant of gigabytes fails.
const COMPILE_DATA_BYTES: u64 = 4 << 30;

/// Runs rustc in a child with a deadline and a memory limit. For a student's library
/// (`sandboxed` names its package folder), the child is this program again as the inner step,
/// writing to a private output folder whose outputs are then moved where cargo expects them.
fn outer(
    settings: &Settings,
    rustc: &Path,
    args: &[OsString],
    sandboxed: Option<&Path>,
) -> Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    let out_dir = value_of(args, "--out-dir").context("no --out-dir")?;
    std::fs::create_dir_all(&settings.scratch)?;
    let private = settings
        .scratch
        .join(format!("rustc-{}", std::process::id()));
    let mut command;
    if let Some(manifest_dir) = sandboxed {
        let _ = std::fs::remove_dir_all(&private);
        std::fs::create_dir_all(&private)?;
        let mut inner_args: Vec<OsString> = Vec::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            inner_args.push(arg.clone());
            if arg == "--out-dir" {
                rest.next();
                inner_args.push(private.clone().into());
            }
        }
        inner_args.extend(["-F".into(), "unsafe_code".into()]);
        command = Command::new(std::env::current_exe()?);
        command
            .arg(sysroot_rustc(settings))
            .args(&inner_args)
            .env_clear()
            .envs(cargo_package_env())
            .env(
                SETTINGS_VAR,
                std::env::var_os(SETTINGS_VAR).unwrap_or_default(),
            )
            .env(INNER_VAR, manifest_dir);
    } else {
        command = Command::new(rustc);
        command.args(args).env_remove(SETTINGS_VAR);
    }
    let data = rustix::process::Rlimit {
        current: Some(COMPILE_DATA_BYTES),
        maximum: Some(COMPILE_DATA_BYTES),
    };
    // SAFETY: setrlimit is one system call on data made before the fork; nothing is allocated.
    unsafe {
        command.pre_exec(move || {
            rustix::process::setrlimit(rustix::process::Resource::Data, data)?;
            Ok(())
        });
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = command.spawn().context("starting rustc")?;
    let stdout = read_on_thread(child.stdout.take());
    let stderr = read_on_thread(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() >= settings.timeout {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let group = rustix::process::Pid::from_child(&child);
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    let _ = child.wait();
    let Some(status) = status else {
        let _ = std::fs::remove_dir_all(&private);
        let crate_name = value_of(args, "--crate-name").unwrap_or_default();
        let message = format!(
            "{TIMED_OUT}: compiling `{}` took more than {} s (a macro or constant that never \
             finishes?)",
            crate_name.display(),
            settings.timeout.as_secs()
        );
        let diagnostic = serde_json::json!({
            "$message_type": "diagnostic",
            "message": message,
            "code": null,
            "level": "error",
            "spans": [],
            "children": [],
            "rendered": format!("error: {message}\n"),
        });
        eprintln!("{diagnostic}");
        return Ok(ExitCode::FAILURE);
    };
    // Outputs, and every path that names them, go where cargo expects them.
    let private_text = private.display().to_string();
    let out_text = out_dir.display().to_string();
    for entry in std::fs::read_dir(&private).into_iter().flatten().flatten() {
        let path = entry.path();
        let dest = out_dir.join(entry.file_name());
        if path.extension().is_some_and(|e| e == "d") {
            let text = std::fs::read_to_string(&path)?;
            std::fs::write(&dest, text.replace(&private_text, &out_text))?;
        } else {
            std::fs::rename(&path, &dest)?;
        }
    }
    let _ = std::fs::remove_dir_all(&private);
    print!("{}", join(stdout).replace(&private_text, &out_text));
    eprint!("{}", join(stderr).replace(&private_text, &out_text));
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

/// In the child: restricts this process with Landlock, then becomes `rustc`.
#[cfg(not(target_os = "linux"))]
fn inner(_settings: &Settings, _args: &[OsString]) -> Result<ExitCode> {
    bail!("Landlock is Linux's; grading in the sandbox needs Linux")
}

/// In the child: restricts this process with Landlock, then becomes `rustc`.
#[cfg(target_os = "linux")]
fn inner(settings: &Settings, args: &[OsString]) -> Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    let manifest_dir = PathBuf::from(std::env::var_os(INNER_VAR).unwrap_or_default());
    let out_dir = value_of(args, "--out-dir").context("no --out-dir")?;
    let abi = ABI::V2;
    let read = AccessFs::from_read(abi);
    let mut readable = settings.system_paths();
    readable.push(manifest_dir.join("src"));
    // Dependencies: every build in the searched folders but the lab's own crates.
    let mut listable = Vec::new();
    for dir in search_dirs(args) {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !settings.lab_crates.iter().any(|c| is_build_of(&name, c)) {
                readable.push(entry.path());
            }
        }
        listable.push(dir);
    }
    let status = Ruleset::default()
        .set_compatibility(CompatLevel::HardRequirement)
        .handle_access(AccessFs::from_all(abi))?
        .create()?
        .add_rules(path_beneath_rules(&readable, read))?
        .add_rules(path_beneath_rules(&listable, AccessFs::ReadDir))?
        .add_rules(path_beneath_rules([&out_dir], AccessFs::from_all(abi)))?
        .restrict_self()?;
    if status.ruleset != RulesetStatus::FullyEnforced {
        bail!("Landlock is not enforced by this kernel");
    }
    let rustc = PathBuf::from(std::env::args_os().nth(1).context("no rustc")?);
    let error = Command::new(rustc)
        .args(args)
        .env_remove(SETTINGS_VAR)
        .env_remove(INNER_VAR)
        .exec();
    Err(error.into())
}

/// `libex01_join-1a2b.rlib`, `ex01_join-1a2b.d`, `graded-1a2b`: a build of crate `name`.
fn is_build_of(file: &str, name: &str) -> bool {
    let file = file.strip_prefix("lib").unwrap_or(file);
    file.strip_prefix(name)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '.']))
}

/// The folders rustc searches for crates: `-L dependency=DIR`, `-L DIR`, and `--extern` parents.
fn search_dirs(args: &[OsString]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for pair in args.windows(2) {
        if pair[0] == "-L" {
            let value = pair[1].to_string_lossy();
            let dir = value.split_once('=').map_or(value.as_ref(), |(_, d)| d);
            dirs.push(PathBuf::from(dir));
        }
    }
    dirs.sort();
    dirs.dedup();
    dirs
}

fn value_of(args: &[OsString], flag: &str) -> Option<PathBuf> {
    args.windows(2)
        .find(|w| w[0] == flag)
        .map(|w| PathBuf::from(&w[1]))
}

/// The toolchain's own rustc, not a rustup proxy (which would read the home folder).
fn sysroot_rustc(settings: &Settings) -> PathBuf {
    settings.sysroot.join("bin").join("rustc")
}

/// Cargo's variables for the crate (`CARGO_PKG_NAME`, `CARGO_MANIFEST_DIR`, the jobserver), and
/// nothing of the grader's environment.
fn cargo_package_env() -> Vec<(OsString, OsString)> {
    std::env::vars_os()
        .filter(|(key, _)| {
            let key = key.to_string_lossy();
            key.starts_with("CARGO_PKG_")
                || [
                    "CARGO_CRATE_NAME",
                    "CARGO_MANIFEST_DIR",
                    "CARGO_MANIFEST_PATH",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_MAKEFLAGS",
                ]
                .contains(&key.as_ref())
        })
        .collect()
}

/// The toolchain's sysroot, as the `rustc` that cargo would run reports it.
pub fn sysroot() -> Result<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .args(["--print", "sysroot"])
        .stdin(Stdio::null())
        .output()
        .context("running rustc --print sysroot")?;
    if !out.status.success() {
        bail!("rustc --print sysroot failed");
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The most of rustc's output kept: a crate that floods it with errors is cut, not the grader.
const OUTPUT_BYTES: u64 = 4 << 20;

/// Reads a stream to its end on a thread, keeping the first [`OUTPUT_BYTES`].
fn read_on_thread(
    stream: Option<impl std::io::Read + Send + 'static>,
) -> std::thread::JoinHandle<String> {
    use std::io::Read;
    std::thread::spawn(move || {
        let Some(mut stream) = stream else {
            return String::new();
        };
        let mut kept = Vec::new();
        let _ = (&mut stream).take(OUTPUT_BYTES).read_to_end(&mut kept);
        let _ = std::io::copy(&mut stream, &mut std::io::sink());
        // Whole lines only: cargo reads one JSON message a line.
        let end = kept.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        String::from_utf8_lossy(&kept[..end]).into_owned()
    })
}

fn join(handle: std::thread::JoinHandle<String>) -> String {
    handle.join().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::is_build_of;

    #[test]
    fn builds_of_lab_crates_are_told_from_dependencies() {
        assert!(is_build_of("libex01_join-1a2b.rlib", "ex01_join"));
        assert!(is_build_of("ex01_join-1a2b.d", "ex01_join"));
        assert!(is_build_of("graded-1a2b", "graded"));
        assert!(!is_build_of("libex01_join_extra-1a2b.rlib", "ex01_join"));
        assert!(!is_build_of("libserde-1a2b.rlib", "ex01_join"));
    }
}
