//! A control group for each sandbox, where the machine lets the grader make one (as root): the
//! whole sandbox, however many processes it forks, shares one memory limit, one process limit
//! and one CPU. Resource limits bind each process alone; a fork bomb of 512 processes that each
//! allocate their 1 GiB, or spin, would otherwise starve every other student's tests.
//!
//! Both cgroup layouts are handled: v2 (one tree) and v1 (a tree per controller). The group is
//! made inside the grader's own, so whatever limits the grader has still hold.

use anyhow::{Context, Result};
use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What one sandbox may use, all its processes together.
#[derive(Debug, Clone, Copy)]
pub struct GroupLimits {
    pub memory_bytes: u64,
    pub processes: u64,
    /// How much of one CPU's time, in percent. A suite's tests need milliseconds of CPU, but when
    /// they all spin, a smaller share starves their own deadline threads past the grader's timeout.
    pub cpu_percent: u64,
}

impl Default for GroupLimits {
    fn default() -> Self {
        GroupLimits {
            memory_bytes: 1 << 30,
            processes: 512,
            cpu_percent: 100,
        }
    }
}

/// One sandbox's control group(s). Removed when dropped, after killing what is left in them.
#[derive(Debug)]
pub struct Cgroup {
    dirs: Vec<PathBuf>,
    /// `cgroup.procs` of each, ready for the child to write itself into without allocating.
    procs: Vec<CString>,
}

const ROOT: &str = "/sys/fs/cgroup";
const CPU_PERIOD_US: u64 = 100_000;

impl Cgroup {
    /// Makes the group `name` with `limits`; `None` where this process cannot (not root, no
    /// controllers, a read-only cgroup file system).
    pub fn create(name: &str, limits: GroupLimits) -> Option<Cgroup> {
        if !super::limits::running_as_root() {
            return None;
        }
        let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
        let group = if Path::new(ROOT).join("cgroup.controllers").is_file() {
            v2(&own, name, limits)
        } else {
            v1(&own, name, limits)
        };
        group.ok()
    }

    /// Whether this process can give sandboxes control groups (made and removed again to see).
    pub fn available() -> bool {
        let name = format!("workbook-probe-{}", std::process::id());
        Cgroup::create(&name, GroupLimits::default()).is_some()
    }

    /// Run in the child between fork and exec: moves the calling process into the group.
    pub fn join(&self) -> std::io::Result<()> {
        use rustix::fs::{Mode, OFlags};
        for procs in &self.procs {
            let fd = rustix::fs::open(procs.as_c_str(), OFlags::WRONLY, Mode::empty())?;
            rustix::io::write(&fd, b"0")?;
        }
        Ok(())
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(2);
        for dir in self.dirs.iter().rev() {
            loop {
                // Whatever is still in it (the sandbox was killed already; stragglers too).
                if let Ok(pids) = std::fs::read_to_string(dir.join("cgroup.procs")) {
                    for pid in pids.lines().filter_map(|p| p.trim().parse().ok()) {
                        if let Some(pid) = rustix::process::Pid::from_raw(pid) {
                            let _ =
                                rustix::process::kill_process(pid, rustix::process::Signal::KILL);
                        }
                    }
                }
                if std::fs::remove_dir(dir).is_ok() || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }
}

/// cgroup v2: one group with `memory.max`, `pids.max` and `cpu.max`.
fn v2(own: &str, name: &str, limits: GroupLimits) -> Result<Cgroup> {
    let path = own
        .lines()
        .find_map(|l| l.strip_prefix("0::"))
        .context("not in a cgroup v2 group")?;
    let dir = Path::new(ROOT)
        .join(path.trim_start_matches('/'))
        .join(name);
    std::fs::create_dir(&dir)?;
    let group = Cgroup::of(vec![dir.clone()])?;
    write(&dir, "memory.max", limits.memory_bytes)?;
    write(&dir, "memory.swap.max", 0).ok();
    write(&dir, "pids.max", limits.processes)?;
    std::fs::write(
        dir.join("cpu.max"),
        format!(
            "{} {CPU_PERIOD_US}",
            limits.cpu_percent * CPU_PERIOD_US / 100
        ),
    )?;
    Ok(group)
}

/// cgroup v1: a group in each of the memory, pids and cpu trees.
fn v1(own: &str, name: &str, limits: GroupLimits) -> Result<Cgroup> {
    let path_of = |controller: &str| {
        own.lines().find_map(|l| {
            let mut parts = l.splitn(3, ':');
            let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
            controllers
                .split(',')
                .any(|c| c == controller)
                .then(|| path.trim_start_matches('/').to_string())
        })
    };
    // Made one by one into `group`, so that a failure removes what was made.
    let mut group = Cgroup::of(Vec::new())?;
    for controller in ["memory", "pids", "cpu"] {
        let path = path_of(controller).with_context(|| format!("no {controller} cgroup"))?;
        let dir = Path::new(ROOT).join(controller).join(path).join(name);
        std::fs::create_dir(&dir)?;
        group.add(dir)?;
    }
    let dirs = &group.dirs;
    write(&dirs[0], "memory.limit_in_bytes", limits.memory_bytes)?;
    write(&dirs[1], "pids.max", limits.processes)?;
    write(&dirs[2], "cpu.cfs_period_us", CPU_PERIOD_US)?;
    write(
        &dirs[2],
        "cpu.cfs_quota_us",
        limits.cpu_percent * CPU_PERIOD_US / 100,
    )?;
    Ok(group)
}

impl Cgroup {
    fn of(dirs: Vec<PathBuf>) -> Result<Cgroup> {
        let mut group = Cgroup {
            dirs: Vec::new(),
            procs: Vec::new(),
        };
        for dir in dirs {
            group.add(dir)?;
        }
        Ok(group)
    }

    fn add(&mut self, dir: PathBuf) -> Result<()> {
        let procs = CString::new(dir.join("cgroup.procs").display().to_string());
        self.dirs.push(dir);
        self.procs.push(procs?);
        Ok(())
    }
}

fn write(dir: &Path, file: &str, value: u64) -> Result<()> {
    std::fs::write(dir.join(file), value.to_string())
        .with_context(|| format!("setting {}", dir.join(file).display()))
}
