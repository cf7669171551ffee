//! [`MarketFeed`]: a real venue's market streams for the instruments someone watches (MCP
//! resource subscriptions), announcing what changed.
//!
//! One combined-stream connection per venue carries the book ticker, the diff depth (100 ms)
//! and the trades of every watched symbol. Each update is announced as a [`MarketChange`] on a
//! broadcast channel; a reconnection (events may have been missed) announces a
//! [`MarketChange::Resync`]. The connection is opened when the first symbol is watched,
//! reopened when the set changes, and closed when nothing is watched.

use std::{collections::BTreeSet, sync::Arc};

use nautilus_model::identifiers::{InstrumentId, Symbol, Venue};
use tokio::{
    sync::{Mutex, broadcast},
    task::JoinHandle,
};

use super::{MarketStreamEvent, MarketStreams, RealVenue, StreamHandle};

/// Announcements kept for a slow listener before it is told it lagged.
const CAPACITY: usize = 4096;

/// What a market stream update changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarketChange {
    /// The best bid or ask or the depth of an instrument.
    Book(InstrumentId),
    /// An instrument traded.
    Trade(InstrumentId),
    /// The stream reconnected: anything on the venue may have changed.
    Resync(Venue),
}

struct Running {
    stream: Box<dyn StreamHandle>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct FeedState {
    symbols: BTreeSet<String>,
    running: Option<Running>,
    /// A stream ran before: the next one's first connection follows a gap.
    started_before: bool,
}

/// The market streams of one venue for the watched symbols.
pub struct MarketFeed {
    venue: Venue,
    client: Arc<dyn RealVenue>,
    changes: broadcast::Sender<MarketChange>,
    state: Mutex<FeedState>,
}

impl std::fmt::Debug for MarketFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarketFeed")
            .field("venue", &self.venue)
            .finish_non_exhaustive()
    }
}

impl MarketFeed {
    /// A feed of a venue's market streams; nothing is opened yet.
    #[must_use]
    pub fn new(client: Arc<dyn RealVenue>) -> Self {
        Self {
            venue: client.venue(),
            client,
            changes: broadcast::channel(CAPACITY).0,
            state: Mutex::new(FeedState::default()),
        }
    }

    /// Listens to what changes (from now on).
    #[must_use]
    pub fn changes(&self) -> broadcast::Receiver<MarketChange> {
        self.changes.subscribe()
    }

    /// The symbols streamed.
    pub async fn symbols(&self) -> BTreeSet<String> {
        self.state.lock().await.symbols.clone()
    }

    /// Streams exactly these symbols (the venue's names, e.g. `BTCUSDT`): reconnects when the set
    /// changed, closes the connection when it is empty.
    pub async fn watch(&self, symbols: BTreeSet<String>) {
        let mut st = self.state.lock().await;
        if st.symbols == symbols && (st.running.is_some() || symbols.is_empty()) {
            return;
        }
        if let Some(old) = st.running.take() {
            old.stream.shutdown().await;
            old.task.abort();
        }
        st.symbols = symbols;
        if st.symbols.is_empty() {
            return;
        }
        let MarketStreams {
            handle: stream,
            events: mut rx,
        } = self.client.market_streams(&st.symbols);
        let (venue, tx) = (self.venue, self.changes.clone());
        let gap = st.started_before;
        st.started_before = true;
        tracing::info!(venue = %venue, symbols = ?st.symbols, "market streams for resource subscriptions");
        let task = tokio::spawn(async move {
            let id = |symbol: &str| InstrumentId::new(Symbol::new(symbol), venue);
            while let Some(event) = rx.recv().await {
                let change = match event {
                    MarketStreamEvent::Connected if !gap => continue,
                    MarketStreamEvent::Connected | MarketStreamEvent::Reconnected => {
                        MarketChange::Resync(venue)
                    }
                    MarketStreamEvent::Book(symbol) => MarketChange::Book(id(&symbol)),
                    MarketStreamEvent::Trade(symbol) => MarketChange::Trade(id(&symbol)),
                    MarketStreamEvent::Disconnected => continue,
                };
                // Nobody listening is fine: the feed closes once nothing is watched.
                let _ = tx.send(change);
            }
        });
        st.running = Some(Running { stream, task });
    }

    /// Closes the connection.
    pub async fn shutdown(&self) {
        self.watch(BTreeSet::new()).await;
    }
}
