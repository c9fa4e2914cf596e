//! The grading sandbox: what student code may touch, at compile time and at run time.
//!
//! - Compiling: each student crate's `rustc` runs under Landlock ([`compile`]), reading only the
//!   toolchain, the crate's own `src/` and third-party dependencies, with a clean environment, a
//!   deadline, and `unsafe` forbidden.
//! - Running: each test binary runs under bubblewrap ([`bwrap`]) in namespaces of its own, with
//!   resource limits ([`limits`]), as a user of its own and in a control group of its own
//!   ([`cgroup`]) when the grader is root.
//!
//! Every start of student code in grading goes through here: [`launch`] runs a test binary (in
//! the sandbox, or with `--no-sandbox` as [`Sandbox::Off`]) and secures libtest's log before any
//! test code runs. This is the workbook's only crate with `unsafe` (`pre_exec`, `mkfifo`). The
//! learner's own `workbook check` never comes here: it runs the learner's code as plain processes.

pub mod bwrap;
pub mod cgroup;
pub mod compile;
pub mod launch;
pub mod limits;
pub mod priority;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How test binaries are run.
#[derive(Debug, Clone)]
pub enum Sandbox {
    /// In bubblewrap's namespaces, with resource limits.
    Namespaces { bwrap: PathBuf },
    /// As the grader's own user, with no limits but a timeout (`--no-sandbox`, or a learner).
    Off,
}

impl Sandbox {
    /// The sandbox grading needs, after checking that it works on this machine: bubblewrap on
    /// the `PATH`, and user namespaces allowed, and Landlock in the kernel for compiling.
    pub fn detect() -> Result<Sandbox> {
        let bwrap = find_on_path("bwrap").context(
            "bubblewrap (`bwrap`) is not installed: install it (Debian and Ubuntu: \
             `apt-get install bubblewrap`; Fedora: `dnf install bubblewrap`), or grade with \
             --no-sandbox if you trust every submission",
        )?;
        let sandbox = Sandbox::Namespaces { bwrap };
        sandbox.probe()?;
        compile::landlock_supported().context(
            "the kernel does not enforce Landlock (Linux 5.19 or newer, with `landlock` in the \
             `lsm=` boot list), which sandboxes the compiler; or grade with --no-sandbox",
        )?;
        Ok(sandbox)
    }

    pub fn is_on(&self) -> bool {
        matches!(self, Sandbox::Namespaces { .. })
    }

    /// A command that runs `exe` with no arguments yet; `result` (a folder) is writable inside.
    /// The second value is the path of `result` as the test sees it.
    pub fn command(&self, exe: &Path, result: Option<&Path>) -> (Command, Option<PathBuf>) {
        match self {
            Sandbox::Namespaces { bwrap } => (
                bwrap::command(bwrap, exe, result),
                result.map(|_| PathBuf::from(bwrap::RESULT)),
            ),
            Sandbox::Off => {
                let mut command = Command::new(exe);
                command.env("RUST_BACKTRACE", "0");
                (command, result.map(Path::to_path_buf))
            }
        }
    }

    /// Runs `true` through the real command line and limits: a machine whose kernel forbids
    /// unprivileged user namespaces fails here, with the reason.
    fn probe(&self) -> Result<()> {
        let Sandbox::Namespaces { bwrap } = self else {
            return Ok(());
        };
        let exe = find_on_path("true").context("no `true` program on the PATH")?;
        let scratch = std::env::temp_dir().join(format!("workbook-probe-{}", std::process::id()));
        std::fs::create_dir_all(&scratch)?;
        // A sealed copy, as test binaries are.
        let copy = scratch.join("probe");
        let _ = std::fs::remove_file(&copy);
        std::fs::copy(&exe, &copy)?;
        seal(&copy)?;
        let user = limits::running_as_root().then(limits::SandboxUser::take);
        let limits = limits::ProcessLimits {
            user: user.as_ref().map(|u| u.id),
            ..limits::ProcessLimits::for_timeout(std::time::Duration::from_secs(10))
        };
        let mut command = bwrap::command(bwrap, &copy, None);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        with_limits(&mut command, limits, None);
        let out = command.output().context("running bwrap")?;
        let _ = std::fs::remove_dir_all(&scratch);
        if !out.status.success() {
            let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
            let why = if std::fs::read_to_string(
                "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
            )
            .is_ok_and(|v| v.trim() == "1")
            {
                " AppArmor forbids unprivileged user namespaces here (Ubuntu 23.10 and later): \
                 allow them with `sysctl kernel.apparmor_restrict_unprivileged_userns=0`, or give \
                 bwrap an AppArmor profile."
            } else {
                " Are unprivileged user namespaces allowed (`sysctl user.max_user_namespaces`, \
                 `kernel.unprivileged_userns_clone`)?"
            };
            bail!(
                "the sandbox cannot start on this machine: bwrap said `{said}`.{why} Or grade with \
                 --no-sandbox if you trust every submission."
            );
        }
        Ok(())
    }
}

/// In the child between fork and exec: joins `group` (as root), then sets `limits` and drops root.
pub fn with_limits(
    command: &mut Command,
    limits: limits::ProcessLimits,
    group: Option<std::sync::Arc<cgroup::Cgroup>>,
) {
    use std::os::unix::process::CommandExt;
    // SAFETY: `Cgroup::join` and `limits::apply` make only system calls (open, write,
    // setrlimit, setgroups, setres[ug]id) on data prepared before the fork; they allocate nothing
    // and take no lock, as the child of a multi-threaded fork must.
    unsafe {
        command.pre_exec(move || {
            if let Some(group) = &group {
                group.join()?;
            }
            limits::apply(&limits)
        });
    }
}

/// Makes a binary executable but unreadable (`--x--x--x`): a test can run it but not read the
/// hidden tests' strings out of it, even as its owner: the sandbox's user has no capabilities.
pub fn seal(exe: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(exe, std::fs::Permissions::from_mode(0o111))
        .with_context(|| format!("sealing {}", exe.display()))
}

/// The first `name` on the `PATH` that is a file.
fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}
