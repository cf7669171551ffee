//! [`ServerClock`]: local time corrected by the offset measured against Binance's server time.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch on this machine.
pub fn local_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Server time estimate shared by the REST and WebSocket clients: local time plus an offset
/// (server − local, ms) set by the last time sync. Cloning shares the offset.
#[derive(Debug, Clone, Default)]
pub struct ServerClock(Arc<AtomicI64>);

impl ServerClock {
    /// A clock with offset 0 (not synced yet).
    pub fn new() -> Self {
        Self::default()
    }

    /// The offset (server − local) in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Sets the offset (server − local) in milliseconds.
    pub fn set_offset_ms(&self, offset: i64) {
        self.0.store(offset, Ordering::Relaxed);
    }

    /// Estimated server time now (ms): what signed requests use as `timestamp`.
    pub fn now_ms(&self) -> i64 {
        local_ms() + self.offset_ms()
    }

    /// Sets the offset from a server time read between `sent_local_ms` and `received_local_ms`
    /// (the midpoint is taken as the moment the server stamped it). Returns the new offset.
    pub fn sync_from(&self, server_ms: i64, sent_local_ms: i64, received_local_ms: i64) -> i64 {
        let midpoint = sent_local_ms + (received_local_ms - sent_local_ms) / 2;
        let offset = server_ms - midpoint;
        self.set_offset_ms(offset);
        offset
    }
}
