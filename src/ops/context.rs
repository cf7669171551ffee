//! The shared context every handler receives: settings and the store.

use crate::{config::Settings, ops::error::OpResult, store::Store};

/// Process-wide state shared by all calls (one per CLI process, one per MCP server).
#[derive(Debug)]
pub struct Context {
    pub settings: Settings,
    pub store: Store,
}

impl Context {
    /// Opens the state directory and its database.
    pub fn open(settings: Settings) -> OpResult<Self> {
        let store = Store::open(&settings.state_dir)?;
        Ok(Self { settings, store })
    }
}
