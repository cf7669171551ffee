//! The trading node: paper venues on Nautilus's matching and risk engines, with all state in
//! the store's journal so that separate processes share it.
//!
//! Nautilus keeps its engines in thread-local `Rc<RefCell<..>>` state, so one thread per
//! process owns them; operations send that thread closures and await the result.

pub mod apply;
pub mod depth;
pub mod halt;
pub mod market;
pub mod orders;
pub mod preview;
pub mod real_venue;
pub mod resubmit;
pub mod rules;
pub mod session;
pub mod settings;
pub mod strategy_runner;
pub mod verify;
pub mod views;
pub mod world;

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    thread,
};

use self::world::World;
use crate::{
    config::Settings,
    error::{OpError, OpResult},
};

type Job = Box<dyn FnOnce(&mut OpResult<World>) + Send>;

/// A handle to the node thread.
#[derive(Debug, Clone)]
pub struct NodeHandle {
    jobs: mpsc::Sender<Job>,
    urgent: UrgentJobs,
}

/// Counts the urgent jobs (a halt: the kill switch) queued on the node thread and not started
/// yet. Long jobs (a market replay) check it between chunks and stop early, so that a halt
/// never waits behind them.
#[derive(Debug, Clone, Default)]
pub struct UrgentJobs(Arc<AtomicUsize>);

impl UrgentJobs {
    /// True while an urgent job waits for the node thread.
    #[must_use]
    pub fn waiting(&self) -> bool {
        self.0.load(Ordering::Acquire) > 0
    }
}

impl NodeHandle {
    /// Starts the node thread over the given database.
    pub fn start(database: PathBuf, settings: Settings) -> OpResult<Self> {
        let (tx, rx) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("node".into())
            .spawn(move || {
                let mut world = World::new(&database, settings);
                while let Ok(job) = rx.recv() {
                    job(&mut world);
                }
            })
            .map_err(|e| OpError::internal(format!("starting the node thread: {e}")))?;
        Ok(Self {
            jobs: tx,
            urgent: UrgentJobs::default(),
        })
    }

    /// The count of urgent jobs waiting, for long jobs to check between chunks.
    #[must_use]
    pub fn urgent_jobs(&self) -> UrgentJobs {
        self.urgent.clone()
    }

    /// Runs `f` on the node thread like [`Self::run`], and makes the long job running there
    /// (if any) stop at its next check, so that `f` does not wait behind it.
    pub async fn run_urgent<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut World) -> OpResult<T> + Send + 'static,
    ) -> OpResult<T> {
        /// Counts one waiting urgent job until the job starts or is dropped unrun.
        struct Waiting(Arc<AtomicUsize>);
        impl Drop for Waiting {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::AcqRel);
            }
        }
        self.urgent.0.fetch_add(1, Ordering::AcqRel);
        let waiting = Waiting(self.urgent.0.clone());
        self.run(move |w| {
            drop(waiting);
            f(w)
        })
        .await
    }

    /// Runs `f` on the node thread with its world and returns the result.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut World) -> OpResult<T> + Send + 'static,
    ) -> OpResult<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |world: &mut OpResult<World>| {
            let result = match world {
                Ok(w) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(w)))
                    .unwrap_or_else(|p| {
                        Err(OpError::internal(format!(
                            "the trading node failed: {}",
                            crate::error::panic_message(&*p)
                        )))
                    }),
                Err(e) => Err(e.clone()),
            };
            let _ = tx.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| OpError::internal("the node thread has stopped"))?;
        rx.await
            .map_err(|_| OpError::internal("the node thread ended without an answer"))?
    }
}
