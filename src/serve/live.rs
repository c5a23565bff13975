//! The state of the last rebuild, shared by the thread that rebuilds and the browsers that wait
//! for the next one. Browsers long-poll: each asks "anything newer than generation N?" and is
//! answered as soon as there is, or after a timeout with the same generation.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

/// What a browser is told: a generation that grows with every change worth a reload, and the
/// text of the last build's problems while it is failing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub generation: u64,
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct LiveState {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

impl LiveState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record the outcome of a rebuild. Browsers are woken only when it matters to them: files
    /// were written (`changed`), or the build started or stopped failing, or fails differently.
    pub fn settle(&self, changed: bool, error: Option<String>) {
        let mut snapshot = self.lock();
        if !changed && snapshot.error == error {
            return;
        }
        snapshot.generation += 1;
        snapshot.error = error;
        self.changed.notify_all();
    }

    pub fn current(&self) -> Snapshot {
        self.lock().clone()
    }

    /// The snapshot once its generation differs from `seen`, or after `timeout` at the latest.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> Snapshot {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |snapshot| snapshot.generation == seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.clone()
    }

    /// A panic while holding the lock leaves a snapshot that is still whole: keep using it.
    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        self.snapshot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::thread;

    use super::*;

    #[test]
    fn only_changes_and_new_errors_raise_the_generation() {
        let live = LiveState::new();
        live.settle(false, None);
        assert_eq!(live.current().generation, 0, "nothing happened");
        live.settle(true, None);
        assert_eq!(live.current().generation, 1);
        live.settle(false, Some("broken".into()));
        live.settle(false, Some("broken".into()));
        assert_eq!(
            live.current(),
            Snapshot {
                generation: 2,
                error: Some("broken".into())
            }
        );
        live.settle(false, None);
        assert_eq!(live.current(), Snapshot::default().with_generation(3));
    }

    #[test]
    fn a_waiting_browser_is_answered_when_the_generation_moves() {
        let live = Arc::new(LiveState::new());
        let waiter = {
            let live = Arc::clone(&live);
            thread::spawn(move || live.wait_past(0, Duration::from_secs(60)))
        };
        thread::sleep(Duration::from_millis(50));
        live.settle(true, None);
        assert_eq!(waiter.join().unwrap().generation, 1);
    }

    #[test]
    fn a_browser_behind_is_answered_at_once_and_one_up_to_date_waits_out_the_timeout() {
        let live = LiveState::new();
        live.settle(true, None);
        assert_eq!(live.wait_past(0, Duration::from_secs(60)).generation, 1);
        assert_eq!(live.wait_past(1, Duration::from_millis(20)).generation, 1);
    }

    impl Snapshot {
        fn with_generation(mut self, generation: u64) -> Self {
            self.generation = generation;
            self
        }
    }
}
