//! A child's output, read on a thread of its own and capped, so a test that prints without end
//! fills no memory and is stopped.

use crate::libtest::Status;
use std::io::Read;
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Waits until `child` exits, floods its output (`flooded`, raised by a [`CappedReader`]) or runs
/// past `timeout` since `started`: its exit status, or why it must be stopped. It stops nothing
/// itself: how to kill depends on what else the child may have started.
pub fn wait_or_stop(
    child: &mut Child,
    flooded: &AtomicBool,
    started: Instant,
    timeout: Duration,
) -> std::io::Result<(Option<ExitStatus>, Option<Status>)> {
    loop {
        // Before the exit: a flooding test dies of the closed pipe right after.
        if flooded.load(Ordering::Relaxed) {
            return Ok((None, Some(Status::OutputLimit)));
        }
        if let Some(exit) = child.try_wait()? {
            return Ok((Some(exit), None));
        }
        if started.elapsed() >= timeout {
            return Ok((None, Some(Status::TimedOut)));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Reads a child's stream on a thread, keeping at most `cap` bytes after skipping `skip`; past
/// the cap it raises `flooded`.
pub struct CappedReader {
    kept: Arc<Mutex<Vec<u8>>>,
    done: std::sync::mpsc::Receiver<()>,
}

impl CappedReader {
    pub fn start(
        stream: Option<impl Read + Send + 'static>,
        skip: usize,
        cap: usize,
        flooded: &Arc<AtomicBool>,
    ) -> CappedReader {
        let kept = Arc::new(Mutex::new(Vec::new()));
        let (tx, done) = std::sync::mpsc::channel();
        let (buffer, flooded) = (kept.clone(), flooded.clone());
        std::thread::spawn(move || {
            let Some(mut stream) = stream else {
                let _ = tx.send(());
                return;
            };
            let mut to_skip = skip;
            let mut buf = [0u8; 8192];
            let mut total = 0;
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let skipped = n.min(to_skip);
                to_skip -= skipped;
                let data = &buf[skipped..n];
                let room = cap.saturating_sub(total);
                total += data.len();
                buffer
                    .lock()
                    .expect("not poisoned")
                    .extend_from_slice(&data[..data.len().min(room)]);
                if data.len() > room {
                    flooded.store(true, Ordering::Relaxed);
                    break;
                }
            }
            let _ = tx.send(());
        });
        CappedReader { kept, done }
    }

    /// What was read, once the stream ended or `deadline` passed, whichever is first.
    pub fn finish(self, deadline: Instant) -> String {
        let _ = self
            .done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let kept = std::mem::take(&mut *self.kept.lock().expect("not poisoned"));
        String::from_utf8_lossy(&kept).into_owned()
    }
}
