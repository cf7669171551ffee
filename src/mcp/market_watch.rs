//! Resource subscriptions on a venue connected in testnet or live mode: its book, ticker and
//! trades do not live in the store, so the venue's market streams say when they change.
//!
//! [`MarketWatch`] keeps one [`MarketFeed`] link per venue streaming the watched instruments,
//! maps each [`MarketChange`] to the resources it touches, and releases them for notification
//! at most once per [`MIN_INTERVAL`] per resource: the first change after a quiet interval is
//! told at once, the changes that follow within it are coalesced into one notification at its
//! end. A busy stream costs a client one notification a second per resource.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap, HashSet},
    sync::Arc,
    time::Duration,
};

use nautilus_model::identifiers::InstrumentId;
use tokio::{
    sync::{broadcast, mpsc},
    task::JoinHandle,
    time::Instant,
};

use crate::ops::{
    context::Context,
    venue::{self, ConnectedVenue, MarketChange},
};

/// Shortest time between two notifications of one resource.
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);

/// Which market resource a URI is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `nautilus://book/...`: changes with the book.
    Book,
    /// `nautilus://ticker/...`: changes with the book and with trades.
    Ticker,
    /// `nautilus://trades/...`: changes with trades.
    Trades,
}

impl Kind {
    fn touched_by(self, change: &MarketChange, id: &InstrumentId) -> bool {
        match *change {
            MarketChange::Resync(v) => v == id.venue,
            MarketChange::Book(i) => i == *id && matches!(self, Self::Book | Self::Ticker),
            MarketChange::Trade(i) => i == *id && matches!(self, Self::Ticker | Self::Trades),
        }
    }
}

/// A venue's feed as the watcher uses it.
struct Link {
    venue: Arc<ConnectedVenue>,
    forward: JoinHandle<()>,
}

impl Drop for Link {
    fn drop(&mut self) {
        self.forward.abort();
    }
}

/// Changed resources, released at most once per [`MIN_INTERVAL`] each.
#[derive(Debug, Default)]
struct Coalescer {
    /// Changed and not yet told.
    pending: HashSet<String>,
    last_told: HashMap<String, Instant>,
}

impl Coalescer {
    fn due(&self, uri: &str, now: Instant) -> Instant {
        self.last_told.get(uri).map_or(now, |t| *t + MIN_INTERVAL)
    }

    fn next_due(&self, now: Instant) -> Option<Instant> {
        self.pending.iter().map(|u| self.due(u, now)).min()
    }

    /// The pending resources that may be told at `now` (they count as told then).
    fn take_due(&mut self, now: Instant) -> Vec<String> {
        let due: Vec<String> = self
            .pending
            .iter()
            .filter(|u| self.due(u, now) <= now)
            .cloned()
            .collect();
        for uri in &due {
            self.pending.remove(uri);
            self.last_told.insert(uri.clone(), now);
        }
        due
    }

    fn keep(&mut self, watched: &HashMap<String, (InstrumentId, Kind)>) {
        self.pending.retain(|u| watched.contains_key(u));
        self.last_told.retain(|u, _| watched.contains_key(u));
    }
}

/// The live-venue side of the resource watcher (see the module documentation).
pub struct MarketWatch {
    ctx: Arc<Context>,
    tx: mpsc::UnboundedSender<MarketChange>,
    rx: mpsc::UnboundedReceiver<MarketChange>,
    links: HashMap<String, Link>,
    /// Watched resources on a streaming venue.
    live: HashMap<String, (InstrumentId, Kind)>,
    changed: Coalescer,
}

impl MarketWatch {
    /// Nothing watched yet.
    #[must_use]
    pub fn new(ctx: Arc<Context>) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        Self {
            ctx,
            tx,
            rx,
            links: HashMap::new(),
            live: HashMap::new(),
            changed: Coalescer::default(),
        }
    }

    /// Whether a URI's changes come from a venue's streams (not from the store).
    #[must_use]
    pub fn is_live(&self, uri: &str) -> bool {
        self.live.contains_key(uri)
    }

    /// The next change from any venue.
    pub async fn next_change(&mut self) -> Option<MarketChange> {
        self.rx.recv().await
    }

    /// Marks the resources a change touches (and those of every change already queued).
    pub fn mark(&mut self, first: MarketChange) {
        let mut change = Some(first);
        while let Some(c) = change {
            for (uri, (id, kind)) in &self.live {
                if kind.touched_by(&c, id) {
                    self.changed.pending.insert(uri.clone());
                }
            }
            change = self.rx.try_recv().ok();
        }
    }

    /// When the next pending resource may be told, if any is waiting.
    #[must_use]
    pub fn next_due(&self) -> Option<Instant> {
        self.changed.next_due(Instant::now())
    }

    /// The pending resources that may be told now (they count as told).
    pub fn take_due(&mut self) -> Vec<String> {
        self.changed.take_due(Instant::now())
    }

    /// Brings the streams in line with the watched market resources (URI, instrument, kind):
    /// those whose venue is connected in testnet or live mode are streamed; the others are
    /// left to the store watcher.
    pub async fn refresh(&mut self, targets: Vec<(String, InstrumentId, Kind)>) {
        let venues: BTreeSet<String> = targets.iter().map(|t| t.1.venue.to_string()).collect();
        let real = venue::streamed_venues(&self.ctx, venues);
        let mut wanted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, id, _) in targets.iter().filter(|t| real.contains(t.1.venue.as_str())) {
            wanted
                .entry(id.venue.to_string())
                .or_default()
                .insert(id.symbol.to_string());
        }
        let mut streaming = BTreeSet::new();
        for (venue, symbols) in wanted {
            match venue::client_for(&self.ctx, &venue).await {
                Ok(Some(lv)) => {
                    self.link(&venue, &lv);
                    lv.feed.watch(symbols).await;
                    streaming.insert(venue);
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(
                    venue,
                    error = %e,
                    "subscriptions to its market data follow the store until it can be reached"
                ),
            }
        }
        let unused: Vec<String> = self
            .links
            .keys()
            .filter(|v| !streaming.contains(*v))
            .cloned()
            .collect();
        for venue in unused {
            if let Some(link) = self.links.remove(&venue) {
                link.venue.feed.shutdown().await;
            }
        }
        self.live = targets
            .into_iter()
            .filter(|(_, id, _)| streaming.contains(id.venue.as_str()))
            .map(|(uri, id, kind)| (uri, (id, kind)))
            .collect();
        self.changed.keep(&self.live);
    }

    /// Forwards a venue's changes to the watcher (once per client of the venue: a reconnect
    /// with new credentials makes a new one).
    fn link(&mut self, venue: &str, lv: &Arc<ConnectedVenue>) {
        if self
            .links
            .get(venue)
            .is_some_and(|l| Arc::ptr_eq(&l.venue, lv))
        {
            return;
        }
        let mut rx = lv.feed.changes();
        let tx = self.tx.clone();
        let v = lv.client.venue();
        let forward = tokio::spawn(async move {
            loop {
                let change = match rx.recv().await {
                    Ok(c) => c,
                    Err(broadcast::error::RecvError::Lagged(_)) => MarketChange::Resync(v),
                    Err(broadcast::error::RecvError::Closed) => return,
                };
                if tx.send(change).is_err() {
                    return;
                }
            }
        });
        self.links.insert(
            venue.to_string(),
            Link {
                venue: lv.clone(),
                forward,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_touch_the_resources_that_show_them() {
        let btc = InstrumentId::from("BTCUSDT.BINANCE");
        let eth = InstrumentId::from("ETHUSDT.BINANCE");
        let book = MarketChange::Book(btc);
        let trade = MarketChange::Trade(btc);
        assert!(Kind::Book.touched_by(&book, &btc));
        assert!(Kind::Ticker.touched_by(&book, &btc));
        assert!(!Kind::Trades.touched_by(&book, &btc));
        assert!(!Kind::Book.touched_by(&trade, &btc));
        assert!(Kind::Ticker.touched_by(&trade, &btc));
        assert!(Kind::Trades.touched_by(&trade, &btc));
        assert!(!Kind::Book.touched_by(&book, &eth));
        let resync = MarketChange::Resync(btc.venue);
        assert!(Kind::Trades.touched_by(&resync, &eth));
    }

    #[test]
    fn a_busy_resource_is_told_once_per_interval() {
        let mut c = Coalescer::default();
        let t0 = Instant::now();
        let uri = "nautilus://book/BTCUSDT.BINANCE".to_string();
        let told = vec![uri.clone()];
        c.pending.insert(uri.clone());
        assert_eq!(c.take_due(t0), told, "the first change is told at once");
        // 50 more changes within the interval: held back, then told once.
        for i in 1..=50 {
            c.pending.insert(uri.clone());
            assert!(c.take_due(t0 + Duration::from_millis(i * 10)).is_empty());
        }
        assert_eq!(c.next_due(t0), Some(t0 + MIN_INTERVAL));
        assert_eq!(c.take_due(t0 + MIN_INTERVAL), told);
        assert!(
            c.take_due(t0 + MIN_INTERVAL * 5).is_empty(),
            "nothing changed since"
        );
        assert_eq!(c.next_due(t0), None);
    }
}
