//! The research job queue: every backtest engine, sweep run, data generation and import of a
//! process takes one of a fixed number of slots, whichever call started it. Calls beyond them
//! wait in line and are told their place through progress; past the queue's length they are
//! refused with `BUSY`, so no number of calls can start more engines than the machine runs.

use std::sync::{
    Arc,
    atomic::{AtomicU64, AtomicUsize, Ordering},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

use super::call::Call;
use crate::error::{Code, OpError, OpResult};

/// Calls that may wait for a slot by default.
pub const DEFAULT_QUEUE: usize = 64;

/// Most slots a server may be configured with.
const MAX_SLOTS: usize = 1024;

/// The slots and the line in front of them.
#[derive(Debug)]
pub struct Jobs {
    slots: Arc<Semaphore>,
    size: usize,
    max_waiting: usize,
    waiting: AtomicUsize,
    /// Tickets handed out and slots granted, in line order (the semaphore is fair).
    tickets: AtomicU64,
    granted: watch::Sender<u64>,
}

/// One or more slots, held until dropped.
#[derive(Debug)]
pub struct Slot {
    permit: OwnedSemaphorePermit,
}

impl Slot {
    /// The number of slots held: the threads the holder may run.
    #[must_use]
    pub fn count(&self) -> usize {
        self.permit.num_permits()
    }
}

impl Jobs {
    /// `slots` jobs at once (at least one), and at most `max_waiting` calls in line.
    #[must_use]
    pub fn new(slots: usize, max_waiting: usize) -> Self {
        let size = slots.clamp(1, MAX_SLOTS);
        Self {
            slots: Arc::new(Semaphore::new(size)),
            size,
            max_waiting,
            waiting: AtomicUsize::new(0),
            tickets: AtomicU64::new(0),
            granted: watch::channel(0).0,
        }
    }

    /// Jobs that run at once.
    #[must_use]
    pub fn size(&self) -> usize {
        self.size
    }

    /// Waits for a slot for `what`, telling the caller its place in line while it waits;
    /// refused with `BUSY` when the line is full, and with `CANCELLED` when the caller gives up.
    pub async fn slot(&self, what: &str, call: &Call) -> OpResult<Slot> {
        self.slots(what, call, 1).await
    }

    /// Waits for `wanted` slots (at least one, at most [`Jobs::size`]) for work that runs on
    /// that many threads, as [`Jobs::slot`] does for one. A holder never asks for more while
    /// it holds some: that could wait for ever.
    pub async fn slots(&self, what: &str, call: &Call, wanted: usize) -> OpResult<Slot> {
        let wanted = u32::try_from(wanted.clamp(1, self.size)).unwrap_or(1);
        if let Ok(permit) = self.slots.clone().try_acquire_many_owned(wanted) {
            self.tickets.fetch_add(1, Ordering::SeqCst);
            self.granted.send_modify(|g| *g += 1);
            return Ok(Slot { permit });
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(OpError::new(
                Code::Busy,
                format!(
                    "{what}: {} research jobs are running and {} are waiting, the most this \
                     server queues; retry when some have finished",
                    self.size, self.max_waiting
                ),
            )
            .with_details(serde_json::json!({
                "running": self.size,
                "queued": self.max_waiting,
            })));
        }
        let _waiting = Waiting(&self.waiting);
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst);
        let mut granted = self.granted.subscribe();
        let acquire = self.slots.clone().acquire_many_owned(wanted);
        tokio::pin!(acquire);
        loop {
            let place = ticket.saturating_sub(*granted.borrow_and_update()) + 1;
            call.progress(
                0,
                None,
                Some(&format!(
                    "{what}: queued, place {place} in line ({} jobs run at once)",
                    self.size
                )),
            );
            tokio::select! {
                permit = &mut acquire => {
                    let permit = permit.map_err(|_| OpError::internal("the job queue closed"))?;
                    self.granted.send_modify(|g| *g += 1);
                    return Ok(Slot { permit });
                }
                changed = granted.changed() => {
                    if changed.is_err() {
                        return Err(OpError::internal("the job queue closed"));
                    }
                }
                () = call.cancel.cancelled() => {
                    return Err(OpError::new(Code::Cancelled, format!("{what}: cancelled while queued")));
                }
            }
        }
    }
}

/// Counts a call in line while it waits.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::progress::ProgressUpdate;

    #[tokio::test]
    async fn calls_wait_in_line_are_told_their_place_and_a_full_line_is_refused() {
        let jobs = Arc::new(Jobs::new(1, 1));
        let first = jobs.slot("run_backtest", &Call::default()).await.unwrap();
        let told: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = told.clone();
        let call = Call::default().with_progress(Arc::new(move |u: ProgressUpdate| {
            sink.lock().unwrap().push(u.message.unwrap_or_default());
        }));
        let j = jobs.clone();
        let second = tokio::spawn(async move { j.slot("run_backtest", &call).await.map(|_| ()) });
        // The second waits (its place is reported before it waits); a third finds the line full.
        while told.lock().unwrap().is_empty() {
            tokio::task::yield_now().await;
        }
        assert!(
            told.lock().unwrap()[0].contains("queued, place 1 in line"),
            "{told:?}"
        );
        let third = jobs
            .slot("run_backtest", &Call::default())
            .await
            .unwrap_err();
        assert_eq!(third.code, Code::Busy);
        drop(first);
        second.await.unwrap().unwrap();

        let cancelled = Call::default();
        cancelled.cancel.cancel();
        let held = jobs.slot("x", &Call::default()).await.unwrap();
        let e = jobs.slot("sweep_backtest", &cancelled).await.unwrap_err();
        assert_eq!(e.code, Code::Cancelled);
        drop(held);
    }

    #[tokio::test]
    async fn work_on_several_threads_holds_as_many_slots_as_it_may_run() {
        let jobs = Arc::new(Jobs::new(2, 4));
        let both = jobs
            .slots("sweep_backtest", &Call::default(), 8)
            .await
            .unwrap();
        assert_eq!(both.count(), 2, "at most the size of the pool");
        let j = jobs.clone();
        let one = tokio::spawn(async move {
            j.slot("run_backtest", &Call::default())
                .await
                .map(|s| s.count())
        });
        while jobs.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert!(
            !one.is_finished(),
            "a run waits while a sweep holds every slot"
        );
        drop(both);
        assert_eq!(one.await.unwrap().unwrap(), 1);
        assert_eq!(Jobs::new(usize::MAX, 1).size(), MAX_SLOTS);
    }
}
