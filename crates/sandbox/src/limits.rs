//! Resource limits for everything a sandboxed test starts, set between `fork` and `exec` so that
//! they bind the sandbox launcher, the test and every process it spawns.
//!
//! Run as root, the grader also gives up root for the sandbox: the kernel does not count root's
//! processes against `RLIMIT_NPROC`, and a user namespace made by root maps back to root. Each
//! sandbox running at the same time gets a user of its own ([`SandboxUser`]), so that a fork
//! bomb in one uses up only its own process limit.
//!
//! Run as another user, every sandbox is that user, and the process limit counts all of that
//! user's processes together: grade as root (in a container or VM) to keep students apart there.

use rustix::process::{Gid, Resource, Rlimit, Uid, geteuid, setrlimit};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// The first of the users sandboxes run as when the grader is root: far above the users of a
/// system (below 65534) and of rootless containers (from 100000).
const FIRST_SANDBOX_USER: u32 = 0x7fff_0000;
/// How many sandboxes may run at once as root.
const SANDBOX_USERS: u32 = 256;

/// A user (uid = gid) that no other running sandbox has, held until dropped.
#[derive(Debug)]
pub struct SandboxUser {
    pub id: u32,
}

static IN_USE: Mutex<Vec<bool>> = Mutex::new(Vec::new());
static RELEASED: Condvar = Condvar::new();

impl SandboxUser {
    /// Takes a free user, waiting for one if all are taken.
    pub fn take() -> SandboxUser {
        let mut in_use = IN_USE.lock().unwrap_or_else(|e| e.into_inner());
        in_use.resize(SANDBOX_USERS as usize, false);
        loop {
            if let Some(slot) = in_use.iter().position(|used| !used) {
                in_use[slot] = true;
                return SandboxUser {
                    id: FIRST_SANDBOX_USER + slot as u32,
                };
            }
            in_use = RELEASED.wait(in_use).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for SandboxUser {
    fn drop(&mut self) {
        let mut in_use = IN_USE.lock().unwrap_or_else(|e| e.into_inner());
        in_use[(self.id - FIRST_SANDBOX_USER) as usize] = false;
        RELEASED.notify_one();
    }
}

/// The limits of one sandboxed test.
#[derive(Debug, Clone, Copy)]
pub struct ProcessLimits {
    /// Writable memory (heap, stacks) of each process.
    pub data_bytes: u64,
    /// Address space of each process: a backstop for mappings that `data_bytes` does not count.
    pub address_space_bytes: u64,
    /// Processes and threads of the sandbox's user, all sandboxes together.
    pub processes: u64,
    /// The largest file a process may write.
    pub file_bytes: u64,
    /// Open files per process.
    pub open_files: u64,
    /// CPU seconds per process: a backstop behind the wall-clock timeout.
    pub cpu_seconds: u64,
    /// The user to become, when the grader is root.
    pub user: Option<u32>,
}

impl ProcessLimits {
    /// Limits for a test that may run `timeout` of real time.
    pub fn for_timeout(timeout: Duration) -> ProcessLimits {
        ProcessLimits {
            data_bytes: 512 << 20,
            address_space_bytes: 8 << 30,
            processes: 512,
            file_bytes: 16 << 20,
            open_files: 256,
            // Two cores busy for the whole timeout, and some slack: the wall clock stops it first.
            cpu_seconds: 2 * timeout.as_secs() + 5,
            user: None,
        }
    }
}

/// Whether the grader runs as root (and so must give it up inside the sandbox).
pub fn running_as_root() -> bool {
    geteuid().is_root()
}

/// Applies `limits` to the calling process, and becomes `limits.user` if it is root.
///
/// Runs in the child between `fork` and `exec`: only system calls, no allocation.
pub fn apply(limits: &ProcessLimits) -> std::io::Result<()> {
    let set = |resource, value: u64| {
        setrlimit(
            resource,
            Rlimit {
                current: Some(value),
                maximum: Some(value),
            },
        )
    };
    set(Resource::Data, limits.data_bytes)?;
    set(Resource::As, limits.address_space_bytes)?;
    set(Resource::Fsize, limits.file_bytes)?;
    set(Resource::Nofile, limits.open_files)?;
    set(Resource::Cpu, limits.cpu_seconds)?;
    set(Resource::Core, 0)?;
    if geteuid().is_root() {
        become_user(limits.user)?;
    }
    // After giving up root: root's own processes are not counted against the limit.
    set(Resource::Nproc, limits.processes)?;
    Ok(())
}

/// Gives up root for `user` (uid and gid), with no supplementary groups.
#[cfg(target_os = "linux")]
fn become_user(user: Option<u32>) -> std::io::Result<()> {
    let Some(id) = user else {
        return Err(std::io::Error::other("no user to run the sandbox as"));
    };
    let (uid, gid) = (Uid::from_raw(id), Gid::from_raw(id));
    rustix::thread::set_thread_groups(&[])?;
    rustix::thread::set_thread_res_gid(gid, gid, gid)?;
    rustix::thread::set_thread_res_uid(uid, uid, uid)?;
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn become_user(_user: Option<u32>) -> std::io::Result<()> {
    Err(std::io::Error::other("the grading sandbox needs Linux"))
}
