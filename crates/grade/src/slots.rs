//! Start permits for the grader's suites: [`Slots`] lets work start only while fewer than `jobs`
//! others are just starting.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Start permits for work that computes at first and may then only wait (a suite of tests on the
/// real clock, or one that hangs): a [`Slot`] counts against `jobs` until it is dropped or
/// `settle` has passed, whichever comes first. So at most `jobs` pieces of work are in their first
/// `settle` at once, and work that goes on waiting keeps no core from the next. No more than
/// `most` run at once in all, settled or not.
pub struct Slots {
    jobs: usize,
    most: usize,
    settle: Duration,
    /// Every slot not yet dropped, and when it was taken.
    held: Mutex<Vec<(u64, Instant)>>,
    freed: Condvar,
    next_id: AtomicU64,
}

/// A start permit of [`Slots`]; dropping it frees it early.
pub struct Slot<'a> {
    slots: &'a Slots,
    id: u64,
}

impl Slots {
    pub fn new(jobs: usize, most: usize, settle: Duration) -> Slots {
        Slots {
            jobs: jobs.max(1),
            most: most.max(jobs).max(1),
            settle,
            held: Mutex::new(Vec::new()),
            freed: Condvar::new(),
            next_id: AtomicU64::new(0),
        }
    }

    /// Waits until a slot is free, and takes it.
    pub fn take(&self) -> Slot<'_> {
        let mut held = self.lock();
        loop {
            let now = Instant::now();
            let unsettled = held
                .iter()
                .filter(|(_, taken)| now.duration_since(*taken) < self.settle);
            let settles_in = unsettled
                .clone()
                .map(|(_, taken)| self.settle.saturating_sub(now.duration_since(*taken)))
                .min();
            if unsettled.count() < self.jobs && held.len() < self.most {
                let id = self.next_id.fetch_add(1, Ordering::Relaxed);
                held.push((id, now));
                return Slot { slots: self, id };
            }
            // Woken when a slot is dropped, or when the next one settles.
            held = match settles_in {
                Some(wait) if held.len() < self.most => {
                    self.freed
                        .wait_timeout(held, wait)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
                _ => self.freed.wait(held).unwrap_or_else(|e| e.into_inner()),
            };
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<(u64, Instant)>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.slots.lock().retain(|(id, _)| *id != self.id);
        self.slots.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::Slots;
    use std::time::{Duration, Instant};

    #[test]
    fn a_slot_counts_until_it_settles() {
        let slots = Slots::new(1, 10, Duration::from_millis(200));
        let started = Instant::now();
        let _waiting = slots.take();
        let _next = slots.take();
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(200),
            "the second slot came after {waited:?}, before the first settled"
        );
    }

    #[test]
    fn settled_slots_still_count_towards_the_most() {
        let slots = Slots::new(1, 2, Duration::ZERO);
        let (_first, second) = (slots.take(), slots.take());
        std::thread::scope(|scope| {
            let third = scope.spawn(|| {
                let _third = slots.take();
                Instant::now()
            });
            std::thread::sleep(Duration::from_millis(200));
            let dropped = Instant::now();
            drop(second);
            assert!(
                third.join().unwrap() >= dropped,
                "a third ran with two running"
            );
        });
    }

    #[test]
    fn a_dropped_slot_frees_its_place_at_once() {
        let slots = Slots::new(1, 10, Duration::from_secs(60));
        let started = Instant::now();
        drop(slots.take());
        let _next = slots.take();
        assert!(started.elapsed() < Duration::from_secs(30));
    }
}
