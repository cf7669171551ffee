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

use std::{path::PathBuf, sync::mpsc, thread};

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
        Ok(Self { jobs: tx })
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
                        let msg = p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_string()))
                            .unwrap_or_else(|| "unknown panic".into());
                        Err(OpError::internal(format!("the trading node failed: {msg}")))
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
