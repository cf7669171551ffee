//! The shared context every handler receives: settings, the store, the node thread and the
//! process's real-venue clients.

use std::sync::Mutex;

use crate::{
    config::Settings,
    engine::node::NodeHandle,
    ops::{error::OpResult, live::LiveVenues},
    store::Store,
};

/// Process-wide state shared by all calls (one per CLI process, one per MCP server).
#[derive(Debug)]
pub struct Context {
    pub settings: Settings,
    pub store: Store,
    node: Mutex<Option<NodeHandle>>,
    /// Real venues of this process: clients, credentials given over MCP, user streams.
    pub live: LiveVenues,
}

impl Context {
    /// Opens the state directory and its database.
    pub fn open(settings: Settings) -> OpResult<Self> {
        let store = Store::open(&settings.state_dir)?;
        Ok(Self {
            settings,
            store,
            node: Mutex::new(None),
            live: LiveVenues::default(),
        })
    }

    /// The thread that owns the node's Nautilus objects, started on first use.
    pub fn node(&self) -> OpResult<NodeHandle> {
        let mut guard = self
            .node
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(h) = guard.as_ref() {
            return Ok(h.clone());
        }
        let handle = NodeHandle::start(self.store.path().to_path_buf(), self.settings.clone())?;
        *guard = Some(handle.clone());
        Ok(handle)
    }

    /// Ends a server's life: the node thread finishes its queue and stops, and the journal is
    /// checkpointed from the write-ahead log into the database file.
    pub async fn close(&self) -> OpResult<()> {
        let node = self
            .node
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(node) = node {
            node.run(|w| crate::store::checkpoint(&w.conn)).await?;
        }
        crate::store::checkpoint(&self.store.conn())
    }
}
