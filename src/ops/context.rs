//! The shared context every handler receives: settings, the store, the node thread and the
//! process's real-venue clients.

use std::{
    any::Any,
    collections::HashMap,
    sync::{Arc, Mutex},
};

use crate::{
    config::Settings,
    engine::{
        node::NodeHandle,
        venues::runtime::{Host, RealVenues},
    },
    error::OpResult,
    store::{Db, Store},
};

/// Process-wide state shared by all calls (one per CLI process, one per MCP server).
#[derive(Debug)]
pub struct Context {
    pub settings: Settings,
    pub store: Store,
    node: Mutex<Option<NodeHandle>>,
    /// Derived values worth keeping between calls (a long-lived MCP server answers repeated
    /// reads from here).
    pub memo: Memo,
    /// Real venues of this process: clients, credentials given over MCP, user streams.
    pub real_venues: RealVenues,
}

impl Context {
    /// Opens the state directory and its database.
    pub fn open(settings: Settings) -> OpResult<Self> {
        let store = Store::open(&settings.state_dir)?;
        Ok(Self {
            settings,
            store,
            node: Mutex::new(None),
            memo: Memo::default(),
            real_venues: RealVenues::default(),
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

    /// Whether the store answers a query (health checks).
    #[must_use]
    pub fn store_answers(&self) -> bool {
        crate::store::answers(&self.store.conn())
    }

    /// A watch on the store's commits, on a connection of its own.
    pub fn watch_store(&self) -> OpResult<StoreWatch> {
        Ok(StoreWatch(Mutex::new(self.store.new_connection()?)))
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
            node.run(|w| w.checkpoint()).await?;
        }
        crate::store::checkpoint(&self.store.conn())
    }
}

/// Tells whether any connection, in this process or another, committed since the last look
/// (the store's `data_version`, read on a connection of its own).
#[derive(Debug)]
pub struct StoreWatch(Mutex<Db>);

impl StoreWatch {
    /// The store's commit counter now; `None` when it cannot be read.
    #[must_use]
    pub fn version(&self) -> Option<i64> {
        crate::store::data_version(&*self.0.lock().ok()?).ok()
    }
}

impl Host for Context {
    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn store(&self) -> &Store {
        &self.store
    }

    fn node(&self) -> OpResult<NodeHandle> {
        Context::node(self)
    }

    fn venues(&self) -> &RealVenues {
        &self.real_venues
    }
}

/// Entries a [`Memo`] holds before it starts over.
const MEMO_ENTRIES: usize = 256;

/// A small cache of derived values, keyed by text that names everything the value depends on
/// (so a changed input is a new key, never a stale answer).
#[derive(Default)]
pub struct Memo {
    entries: Mutex<HashMap<String, Arc<dyn Any + Send + Sync>>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

impl Memo {
    /// The value under `key`, computed by `make` when it is not held yet.
    pub fn get_or_make<T: Any + Send + Sync>(
        &self,
        key: String,
        make: impl FnOnce() -> OpResult<T>,
    ) -> OpResult<Arc<T>> {
        let held = self
            .lock()
            .get(&key)
            .and_then(|v| v.clone().downcast::<T>().ok());
        if let Some(v) = held {
            return Ok(v);
        }
        let v = Arc::new(make()?);
        let mut entries = self.lock();
        if entries.len() >= MEMO_ENTRIES {
            entries.clear();
        }
        entries.insert(key, v.clone());
        Ok(v)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<dyn Any + Send + Sync>>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_makes_once_per_key() {
        let memo = Memo::default();
        let mut made = 0;
        for _ in 0..3 {
            let v = memo
                .get_or_make("a".into(), || {
                    made += 1;
                    Ok(7u32)
                })
                .unwrap();
            assert_eq!(*v, 7);
        }
        assert_eq!(made, 1);
        let other = memo.get_or_make("b".into(), || Ok(8u32)).unwrap();
        assert_eq!(*other, 8);
        assert!(
            memo.get_or_make::<u32>("c".into(), || Err(crate::error::OpError::internal("x")))
                .is_err()
        );
        assert_eq!(*memo.get_or_make("c".into(), || Ok(9u32)).unwrap(), 9);
    }
}
