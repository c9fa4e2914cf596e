//! Cargo's builds of a class, behind the tests that run meanwhile.

use std::process::Command;

/// Makes the command (and every rustc it starts) run at a lower priority.
#[cfg(unix)]
pub fn lower_priority(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setpriority is one system call, async-signal-safe; nothing is allocated.
    unsafe {
        command.pre_exec(|| {
            rustix::process::setpriority_process(None, 10)?;
            Ok(())
        });
    }
}

#[cfg(not(unix))]
pub fn lower_priority(_command: &mut Command) {}
