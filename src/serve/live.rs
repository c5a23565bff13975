//! The state of the last rebuild, shared by the thread that rebuilds and the browsers that wait
//! for the next one. Browsers long-poll: each asks "anything newer than generation N?" and is
//! answered as soon as there is, or after a timeout with the same generation.

use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;

/// What a browser is told: a generation that grows with every change worth a reload, and the
/// text of the last build's problems while it is failing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub generation: u64,
    pub error: Option<String>,
}

/// The last snapshot, and the browsers waiting for the next: a waiting poll is a few bytes in
/// the server's event loop, not a thread.
#[derive(Debug)]
pub struct LiveState {
    snapshot: watch::Sender<Snapshot>,
}

impl Default for LiveState {
    fn default() -> Self {
        LiveState {
            snapshot: watch::Sender::new(Snapshot::default()),
        }
    }
}

impl LiveState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record the outcome of a rebuild. Browsers are woken only when it matters to them: files
    /// were written (`changed`), or the build started or stopped failing, or fails differently.
    pub fn settle(&self, changed: bool, error: Option<String>) {
        self.snapshot.send_if_modified(|snapshot| {
            if !changed && snapshot.error == error {
                return false;
            }
            snapshot.generation += 1;
            snapshot.error = error;
            true
        });
    }

    pub fn current(&self) -> Snapshot {
        self.snapshot.borrow().clone()
    }

    /// The snapshot once its generation differs from `seen`, or after `timeout` at the latest.
    pub async fn wait_past(&self, seen: u64, timeout: Duration) -> Snapshot {
        let mut changes = self.snapshot.subscribe();
        let moved = changes.wait_for(|snapshot| snapshot.generation != seen);
        // Neither the timeout nor a closed channel (the state is dropped) is a problem: the
        // browser is told the current state and asks again.
        let _ = tokio::time::timeout(timeout, moved).await;
        self.current()
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

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        let mut builder = tokio::runtime::Builder::new_current_thread();
        builder.enable_time().build().unwrap().block_on(future)
    }

    #[test]
    fn a_waiting_browser_is_answered_when_the_generation_moves() {
        let live = Arc::new(LiveState::new());
        let settler = {
            let live = Arc::clone(&live);
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(50));
                live.settle(true, None);
            })
        };
        let waited = block_on(live.wait_past(0, Duration::from_secs(60)));
        assert_eq!(waited.generation, 1);
        settler.join().unwrap();
    }

    #[test]
    fn a_browser_behind_is_answered_at_once_and_one_up_to_date_waits_out_the_timeout() {
        let live = LiveState::new();
        live.settle(true, None);
        let started = std::time::Instant::now();
        assert_eq!(
            block_on(live.wait_past(0, Duration::from_secs(60))).generation,
            1
        );
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(
            block_on(live.wait_past(1, Duration::from_millis(20))).generation,
            1
        );
        assert!(started.elapsed() >= Duration::from_millis(20));
    }

    impl Snapshot {
        fn with_generation(mut self, generation: u64) -> Self {
            self.generation = generation;
            self
        }
    }
}
