//! Bringing venue facts into the journal: applying updates on the node thread, reconciling by
//! REST, and (in a long-running process) the user data stream.
//!
//! The stream feeds order reports and balances as they happen. Whenever it (re)connects, the
//! node reconciles by REST before the stream counts as live, so events sent while it was down
//! are recovered from the venue's own records (orders and `myTrades`): no fill is lost to a gap.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use nautilus_model::{
    identifiers::{ClientOrderId, Venue},
    orders::OrderAny,
};
use tokio::task::JoinHandle;

use super::{RealVenue, StreamHandle, UserStream, UserStreamEvent, VenueUpdate};
use crate::{
    engine::node::{NodeHandle, halt, session::Session},
    error::{Code, OpError, OpResult},
};

/// Applies updates in one session; fills missing behind a report are fetched from the venue
/// and applied in a second one. When the node is (or, by its daily loss limit, just became)
/// halted, the venue's open orders it refuses are then cancelled.
pub async fn apply(
    node: &NodeHandle,
    venue: &dyn RealVenue,
    updates: Vec<VenueUpdate>,
) -> OpResult<()> {
    if updates.is_empty() {
        return Ok(());
    }
    apply_updates(node, venue, updates).await?;
    if let (_, Some(e)) = enforce_trading_state(node, venue).await? {
        tracing::warn!(venue = %venue.venue(), error = %e, "cancelling the orders a halted node refuses failed at the venue");
    }
    Ok(())
}

/// Cancels, through the venue, the open orders the node's trading state refuses (every one when
/// HALTED, those that could grow a position when REDUCING; nothing while ACTIVE). Returns the
/// orders asked to cancel and the venue's error, if it refused.
pub async fn enforce_trading_state(
    node: &NodeHandle,
    venue: &dyn RealVenue,
) -> OpResult<(Vec<ClientOrderId>, Option<OpError>)> {
    let v = venue.venue();
    let (ids, outbound) = node
        .run(move |w| {
            let active = crate::store::node::node(&w.conn)?
                .is_none_or(|n| halt::is_active(&n.trading_state));
            if active {
                return Ok((Vec::new(), Vec::new()));
            }
            let mut s = Session::begin(w)?;
            if !s.is_real(v) {
                return Ok((Vec::new(), Vec::new()));
            }
            s.use_wall_clock();
            let ids = halt::cancel_refused_at(&mut s, v)?;
            let outbound = std::mem::take(&mut s.outbound);
            s.commit()?;
            Ok((ids, outbound))
        })
        .await?;
    if outbound.is_empty() {
        return Ok((ids, None));
    }
    let mut executed = venue.execute(&outbound).await;
    apply_updates(node, venue, std::mem::take(&mut executed.updates)).await?;
    Ok((ids, executed.failure))
}

/// [`apply`] without the trading state's follow-up.
async fn apply_updates(
    node: &NodeHandle,
    venue: &dyn RealVenue,
    updates: Vec<VenueUpdate>,
) -> OpResult<()> {
    if updates.is_empty() {
        return Ok(());
    }
    let v = venue.venue();
    let gaps: Vec<OrderAny> = node
        .run(move |w| {
            let mut s = Session::begin(w)?;
            if !s.is_real(v) {
                return Ok(Vec::new());
            }
            s.use_wall_clock();
            let gaps = s.apply_venue_updates(v, &updates, false)?;
            let orders = gaps.iter().filter_map(|id| s.order(id)).collect();
            s.commit()?;
            Ok(orders)
        })
        .await?;
    if gaps.is_empty() {
        return Ok(());
    }
    let mut more = Vec::new();
    for o in &gaps {
        if let Some(u) = venue.query(o).await? {
            more.push(u);
        }
    }
    node.run(move |w| {
        let mut s = Session::begin(w)?;
        s.use_wall_clock();
        s.apply_venue_updates(v, &more, true)?;
        s.commit()?;
        Ok(())
    })
    .await
}

/// The node's live orders on a venue, read from the journal.
pub async fn live_orders(node: &NodeHandle, venue: Venue) -> OpResult<Vec<OrderAny>> {
    node.run(move |w| {
        let s = Session::begin(w)?;
        Ok(s.live_orders(venue))
    })
    .await
}

/// Brings the node's live orders and the account in line with the venue by REST.
/// `all_symbols` also imports open orders placed outside the node on other symbols.
pub async fn reconcile(
    node: &NodeHandle,
    venue: &dyn RealVenue,
    all_symbols: bool,
) -> OpResult<()> {
    let live = live_orders(node, venue.venue()).await?;
    let updates = venue.reconcile(&live, all_symbols).await?;
    apply(node, venue, updates).await
}

/// A running user data stream feeding the node.
#[derive(Debug)]
pub struct StreamTask {
    stream: Option<Box<dyn StreamHandle>>,
    task: JoinHandle<()>,
    live: Arc<AtomicBool>,
}

impl StreamTask {
    /// True while subscribed and reconciled since the last (re)connection.
    #[must_use]
    pub fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }

    /// Stops the stream.
    pub async fn shutdown(mut self) {
        if let Some(s) = self.stream.take() {
            s.shutdown().await;
        }
        self.task.abort();
    }
}

impl Drop for StreamTask {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts the user data stream of a venue; its events are applied to the node as they come.
#[must_use]
pub fn spawn_user_stream(node: NodeHandle, venue: Arc<dyn RealVenue>) -> StreamTask {
    let UserStream {
        handle,
        events: mut rx,
    } = venue.clone().user_stream();
    let live = Arc::new(AtomicBool::new(false));
    let flag = live.clone();
    let task = tokio::spawn(async move {
        while let Some(event) = rx.recv().await {
            match event {
                UserStreamEvent::Connected { .. } => {
                    let mut delay = Duration::from_millis(200);
                    // Events during the gap are gone: the venue's records are the truth.
                    loop {
                        match reconcile(&node, venue.as_ref(), false).await {
                            Ok(()) => break,
                            Err(e) => {
                                tracing::warn!(venue = %venue.venue(), error = %e, "reconciling after the user stream connected failed; retrying");
                                tokio::time::sleep(delay).await;
                                delay = (delay * 2).min(Duration::from_secs(30));
                            }
                        }
                    }
                    flag.store(true, Ordering::Release);
                    tracing::info!(venue = %venue.venue(), "user data stream live");
                }
                UserStreamEvent::Updates(updates) => {
                    if let Err(e) = apply_with_retry(&node, venue.as_ref(), updates).await {
                        // Not applied: let commands reconcile by REST until the next connection.
                        tracing::error!(venue = %venue.venue(), error = %e, "a user stream event could not be journaled");
                        flag.store(false, Ordering::Release);
                    }
                }
                UserStreamEvent::Disconnected { reason } => {
                    flag.store(false, Ordering::Release);
                    tracing::warn!(venue = %venue.venue(), reason, "user data stream lost; reconnecting");
                }
                UserStreamEvent::SubscribeFailed(e) => {
                    flag.store(false, Ordering::Release);
                    tracing::warn!(venue = %venue.venue(), error = %e, "user data stream subscription refused");
                }
            }
        }
    });
    StreamTask {
        stream: Some(handle),
        task,
        live,
    }
}

async fn apply_with_retry(
    node: &NodeHandle,
    venue: &dyn RealVenue,
    updates: Vec<VenueUpdate>,
) -> OpResult<()> {
    let mut attempt = 0;
    loop {
        match apply(node, venue, updates.clone()).await {
            Err(e) if e.code == Code::Busy && attempt < 5 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
            }
            other => return other,
        }
    }
}
