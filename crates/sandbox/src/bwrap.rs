//! The bubblewrap command line that runs one test binary in namespaces of its own.
//!
//! What the test sees:
//!
//! | path | what | access |
//! | --- | --- | --- |
//! | `/usr/lib`, `/lib64`, ... | the system's shared libraries (not `/usr/bin`) | read |
//! | `/sandbox/tests` | the test binary | execute only (mode `--x`: it holds the hidden tests) |
//! | `/sandbox/result` | the folder of libtest's log: a FIFO, unlinked before any test code runs | read |
//! | `/tmp` | a private tmpfs of [`TMP_BYTES`] | write |
//! | `/dev` | `null`, `zero`, `random`, `urandom` | read, write to `null` |
//!
//! Everything else is read-only: `/tmp` is the one place a test can write, and it is small. No
//! `/proc`, no `/sys`, no `/dev/shm`, no home, no repository, no other student. Its own user, pid, network
//! (loopback only), ipc, uts and cgroup namespaces; no further user namespaces; a new session, so
//! no terminal to inject keystrokes into; killed with its launcher.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// Where the test binary is inside the sandbox.
pub const TESTS: &str = "/sandbox/tests";
/// Where the writable result folder is inside the sandbox.
pub const RESULT: &str = "/sandbox/result";
/// The size of the private `/tmp`.
pub const TMP_BYTES: u64 = 64 << 20;

/// The devices a test may open (`/dev` itself is not mounted: it would be a writable tmpfs).
const DEVICES: &[&str] = &["/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"];

/// Folders of shared libraries, bound read-only where they are folders and recreated where they
/// are links (`/lib -> usr/lib` on merged-/usr systems).
const LIBRARIES: &[&str] = &["/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64"];

/// `bwrap ... -- /sandbox/tests`: the caller appends the test binary's arguments. `result` is
/// bound read-only: the log in it is a FIFO, which libtest can open for writing all the same.
pub fn command(bwrap: &Path, exe: &Path, result: Option<&Path>) -> Command {
    let mut c = Command::new(bwrap);
    c.args([
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--hostname",
        "sandbox",
    ]);
    for dir in LIBRARIES {
        let path = Path::new(dir);
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                if let Ok(target) = std::fs::read_link(path) {
                    c.arg("--symlink").arg(target).arg(path);
                }
            }
            Ok(meta) if meta.is_dir() => {
                c.arg("--ro-bind").arg(path).arg(path);
            }
            _ => {}
        }
    }
    if Path::new("/etc/ld.so.cache").is_file() {
        c.args(["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]);
    }
    for device in DEVICES {
        c.args(["--dev-bind", device, device]);
    }
    c.args(["--perms", "1777", "--size"])
        .arg(TMP_BYTES.to_string())
        .args(["--tmpfs", "/tmp"]);
    c.arg("--ro-bind").arg(exe).arg(TESTS);
    if let Some(result) = result {
        c.arg("--ro-bind").arg(result).arg(RESULT);
    }
    // bubblewrap's own root is a tmpfs with no size limit: nothing may be written there.
    c.args(["--remount-ro", "/"]);
    for (key, value) in [
        ("HOME", "/tmp"),
        ("TMPDIR", "/tmp"),
        ("RUST_BACKTRACE", "0"),
    ] {
        c.args([OsStr::new("--setenv"), OsStr::new(key), OsStr::new(value)]);
    }
    c.args(["--chdir", "/tmp", "--", TESTS]);
    c
}
