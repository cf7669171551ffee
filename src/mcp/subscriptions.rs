//! Resource subscriptions: which sessions watch which URIs, and the watcher that tells them
//! when a book, ticker, trade list or order changes, whichever process changed it (the store's
//! `data_version`, polled and poked) or, for a venue connected in testnet or live mode, its
//! market streams ([`MarketWatch`]).

use std::{
    collections::{BTreeSet, HashMap},
    hash::{Hash, Hasher},
    str::FromStr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use nautilus_model::identifiers::InstrumentId;
use rmcp::{
    ErrorData, Peer, RoleServer,
    model::{ResourceContents, ResourceUpdatedNotificationParam},
    service::SubscriptionSink,
};
use serde_json::{Value, json};

use super::{
    market_watch::{Kind, MarketWatch},
    resources::{ReadError, Target, offered_target, parse, read_target, tools},
};
use crate::{
    error::Code,
    ops::{access::Exposure, context::Context},
};

/// How often the store is checked for changes made by other processes.
const POLL: Duration = Duration::from_millis(250);

/// A resource's content for change detection: a hash of its text (without the market clock,
/// which any instrument's data moves), or of its error, which comes along.
async fn look(ctx: Arc<Context>, uri: &str) -> (u64, Option<ReadError>) {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let read = match parse(uri) {
        Ok(target) => read_target(ctx, uri, target).await,
        Err(e) => Err(ReadError::Rpc(e)),
    };
    let error = match read {
        Ok(ResourceContents::TextResourceContents { text, .. }) => {
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(mut doc)) => {
                    doc.remove("market_time");
                    Value::Object(doc).to_string().hash(&mut h);
                }
                _ => text.hash(&mut h),
            }
            None
        }
        Ok(other) => {
            format!("{other:?}").hash(&mut h);
            None
        }
        Err(e) => {
            match &e {
                ReadError::Rpc(e) => e.message.hash(&mut h),
                ReadError::Op(e) => e.message.hash(&mut h),
            }
            Some(e)
        }
    };
    (h.finish(), error)
}

/// Someone to tell about a change.
#[derive(Clone)]
enum Subscriber {
    /// A `resources/subscribe` (sessions before 2026-07-28), keyed by session.
    Legacy {
        session: usize,
        peer: Peer<RoleServer>,
    },
    /// A `subscriptions/listen` stream (2026-07-28).
    Listen { id: u64, sink: SubscriptionSink },
}

impl Subscriber {
    async fn notify(&self, uri: &str) -> bool {
        match self {
            Self::Legacy { peer, .. } => {
                !peer.is_transport_closed()
                    && peer
                        .notify_resource_updated(ResourceUpdatedNotificationParam::new(uri))
                        .await
                        .is_ok()
            }
            Self::Listen { sink, .. } => sink.notify_resource_updated(uri).await.is_ok(),
        }
    }
}

/// A watched resource: its last fingerprint and who listens.
struct Watch {
    fingerprint: Option<u64>,
    subscribers: Vec<Subscriber>,
}

/// The subscriptions of a server and the task that watches the store for changes.
pub struct Subscriptions {
    ctx: Arc<Context>,
    exposure: Exposure,
    watches: Mutex<HashMap<String, Watch>>,
    wake: tokio::sync::Notify,
    started: AtomicBool,
    next_listen: AtomicU64,
}

impl std::fmt::Debug for Subscriptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscriptions").finish_non_exhaustive()
    }
}

/// The identity of a session's peer: its initialize parameters are one allocation per session.
fn session_of(peer: &Peer<RoleServer>) -> usize {
    peer.peer_info().map_or(0, |p| Arc::as_ptr(&p) as usize)
}

impl Subscriptions {
    /// No subscriptions yet, for a process that offers `exposure`.
    #[must_use]
    pub fn new(ctx: Arc<Context>, exposure: Exposure) -> Arc<Self> {
        Arc::new(Self {
            ctx,
            exposure,
            watches: Mutex::new(HashMap::new()),
            wake: tokio::sync::Notify::new(),
            started: AtomicBool::new(false),
            next_listen: AtomicU64::new(1),
        })
    }

    fn watches(&self) -> std::sync::MutexGuard<'_, HashMap<String, Watch>> {
        self.watches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Checks that a URI can be subscribed to: a resource this process offers that changes
    /// with the market or an order.
    pub fn check(&self, uri: &str) -> Result<(), ErrorData> {
        if offered_target(&self.exposure, uri)?.subscribable() {
            Ok(())
        } else {
            Err(ErrorData::invalid_params(
                format!(
                    "{uri} does not change with the market; subscribe to nautilus://book/ID, \
                     nautilus://ticker/ID, nautilus://trades/ID or nautilus://orders/ID"
                ),
                Some(json!({ "uri": uri })),
            ))
        }
    }

    /// Watches a URI for a subscriber. With `validate`, a URI whose read fails for a bad or
    /// unknown identifier is refused (a resource without data yet is watched: it changes
    /// when data comes).
    async fn add(
        self: &Arc<Self>,
        uri: String,
        subscriber: Subscriber,
        validate: bool,
    ) -> Result<(), ErrorData> {
        let known = self.watches().get(&uri).and_then(|w| w.fingerprint);
        let fresh = match known {
            Some(_) => None,
            None => {
                let (f, error) = look(self.ctx.clone(), &uri).await;
                match error {
                    Some(ReadError::Rpc(e)) if validate => return Err(e),
                    Some(ReadError::Op(e))
                        if validate
                            && matches!(e.code, Code::InvalidParameter | Code::NotFound) =>
                    {
                        return Err(ErrorData::invalid_params(
                            format!("{uri}: cannot subscribe: {}", e.message),
                            Some(json!({ "uri": uri, "error": e })),
                        ));
                    }
                    _ => Some(f),
                }
            }
        };
        {
            let mut w = self.watches();
            let watch = w.entry(uri).or_insert_with(|| Watch {
                fingerprint: None,
                subscribers: Vec::new(),
            });
            if watch.fingerprint.is_none() {
                watch.fingerprint = fresh;
            }
            watch.subscribers.push(subscriber);
        }
        self.start();
        // Start the streams of a live venue's instrument now rather than at the next poll.
        self.poke();
        Ok(())
    }

    /// `resources/subscribe`.
    pub async fn subscribe(
        self: &Arc<Self>,
        uri: String,
        peer: Peer<RoleServer>,
    ) -> Result<(), ErrorData> {
        self.check(&uri)?;
        let session = session_of(&peer);
        let already = self.watches().get(&uri).is_some_and(|w| {
            w.subscribers
                .iter()
                .any(|s| matches!(s, Subscriber::Legacy { session: k, .. } if *k == session))
        });
        if !already {
            self.add(uri, Subscriber::Legacy { session, peer }, true)
                .await?;
        }
        Ok(())
    }

    /// `resources/unsubscribe`.
    pub fn unsubscribe(&self, uri: &str, peer: &Peer<RoleServer>) {
        let session = session_of(peer);
        let mut w = self.watches();
        if let Some(watch) = w.get_mut(uri) {
            watch
                .subscribers
                .retain(|s| !matches!(s, Subscriber::Legacy { session: k, .. } if *k == session));
            if watch.subscribers.is_empty() {
                w.remove(uri);
            }
        }
    }

    /// `subscriptions/listen`: registers the sink for its accepted URIs until it ends.
    pub async fn listen(self: &Arc<Self>, uris: Vec<String>, sink: SubscriptionSink) -> u64 {
        let id = self.next_listen.fetch_add(1, Ordering::Relaxed);
        for uri in uris {
            // The URIs were checked when the listen was accepted.
            let _ = self
                .add(
                    uri,
                    Subscriber::Listen {
                        id,
                        sink: sink.clone(),
                    },
                    false,
                )
                .await;
        }
        id
    }

    /// Ends a `subscriptions/listen` registration.
    pub fn end_listen(&self, id: u64) {
        let mut w = self.watches();
        for watch in w.values_mut() {
            watch
                .subscribers
                .retain(|s| !matches!(s, Subscriber::Listen { id: k, .. } if *k == id));
        }
        w.retain(|_, watch| !watch.subscribers.is_empty());
    }

    /// Asks the watcher to look for changes now (after a call that may have changed state).
    pub fn poke(&self) {
        self.wake.notify_one();
    }

    fn start(self: &Arc<Self>) {
        if self.started.swap(true, Ordering::SeqCst) {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move { me.watch().await });
    }

    /// Checks the store every [`POLL`] (or when poked): when any connection, in this process
    /// or another, committed since the last check (`PRAGMA data_version`), re-reads every
    /// watched resource and notifies the subscribers of those whose content changed. The
    /// book, ticker and trades of a venue connected in testnet or live mode follow its market
    /// streams instead ([`MarketWatch`]), rate-limited per resource.
    async fn watch(self: Arc<Self>) {
        let store = match self.ctx.watch_store() {
            Ok(w) => w,
            Err(e) => {
                tracing::error!("resource subscriptions cannot watch the store: {e}");
                return;
            }
        };
        let mut market = MarketWatch::new(self.ctx.clone());
        // None: the first round always compares fingerprints.
        let mut last = None;
        let mut watched: BTreeSet<String> = BTreeSet::new();
        loop {
            let due = market.next_due();
            let mut change = None;
            tokio::select! {
                () = tokio::time::sleep(POLL) => {}
                () = self.wake.notified() => {}
                c = market.next_change() => change = c,
                () = sleep_until_some(due) => {}
            }
            if let Some(c) = change {
                market.mark(c);
            }
            let uris: BTreeSet<String> = self.watches().keys().cloned().collect();
            let now = store.version();
            let store_changed = now.is_none() || now != last;
            // Which venues stream what follows the subscriptions and the venues' connections.
            if uris != watched || store_changed {
                let targets = uris
                    .iter()
                    .filter_map(|u| market_target(u).map(|(id, kind)| (u.clone(), id, kind)))
                    .collect();
                market.refresh(targets).await;
                watched = uris.clone();
            }
            for uri in market.take_due() {
                self.tell(&uri).await;
            }
            if uris.is_empty() || !store_changed {
                continue;
            }
            last = now;
            for uri in uris.iter().filter(|u| !market.is_live(u)) {
                let (f, _) = look(self.ctx.clone(), uri).await;
                let changed = {
                    let mut w = self.watches();
                    w.get_mut(uri).is_some_and(|watch| {
                        let changed = watch.fingerprint != Some(f);
                        watch.fingerprint = Some(f);
                        changed
                    })
                };
                if changed {
                    self.tell(uri).await;
                }
            }
        }
    }

    /// Notifies every subscriber of a URI; those that are gone are dropped.
    async fn tell(&self, uri: &str) {
        let subscribers = match self.watches().get(uri) {
            Some(w) => w.subscribers.clone(),
            None => return,
        };
        let mut dead = Vec::new();
        for s in subscribers {
            if !s.notify(uri).await {
                dead.push(s);
            }
        }
        if dead.is_empty() {
            return;
        }
        let mut w = self.watches();
        if let Some(watch) = w.get_mut(uri) {
            watch
                .subscribers
                .retain(|s| !dead.iter().any(|d| same(d, s)));
            if watch.subscribers.is_empty() {
                w.remove(uri);
            }
        }
    }
}

/// Sleeps until `at`, or forever when there is nothing to wait for.
async fn sleep_until_some(at: Option<tokio::time::Instant>) {
    match at {
        Some(t) => tokio::time::sleep_until(t).await,
        None => std::future::pending().await,
    }
}

/// The instrument and kind of a market resource a venue's streams can tell changes of: a book,
/// a ticker, or trades not pinned to the paper market or the catalog.
fn market_target(uri: &str) -> Option<(InstrumentId, Kind)> {
    let Target::Tool { tool, args } = parse(uri).ok()? else {
        return None;
    };
    let kind = match tool {
        tools::BOOK => Kind::Book,
        tools::TICKER => Kind::Ticker,
        tools::TRADES if args.get("source").is_none_or(|s| s == "live") => Kind::Trades,
        _ => return None,
    };
    let id = InstrumentId::from_str(args.get("instrument_id")?.as_str()?).ok()?;
    Some((id, kind))
}

fn same(a: &Subscriber, b: &Subscriber) -> bool {
    match (a, b) {
        (Subscriber::Legacy { session: x, .. }, Subscriber::Legacy { session: y, .. }) => x == y,
        (Subscriber::Listen { id: x, .. }, Subscriber::Listen { id: y, .. }) => x == y,
        _ => false,
    }
}
