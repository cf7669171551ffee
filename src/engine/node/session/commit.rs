//! The end of a session: the journal entries and derived rows written, the transaction
//! committed, and the loaded state kept warm for the next session.

use std::collections::BTreeSet;

use nautilus_model::{
    identifiers::{ClientOrderId, PositionId, Venue},
    orders::Order,
};

use super::{Session, Stamp, Warm, order_row};
use crate::{
    engine::node::apply::Recorded,
    error::{OpError, OpResult},
    store::{self, node as db},
};

impl Session<'_> {
    /// Writes the journal and the derived rows, then commits.
    pub fn commit(mut self) -> OpResult<i64> {
        self.reusable = false;
        // Fills of this command (a market order, say) count towards the day's loss too.
        self.after_market_step()?;
        let changes = std::mem::take(&mut *self.applier.changes.borrow_mut());
        let mut entries = Vec::with_capacity(changes.entries.len() + self.node_events.len());
        for e in &self.node_events {
            entries.push(db::Entry {
                ts: self.w.now().as_u64() as i64,
                venue: e.venue.clone(),
                kind: e.kind,
                client_order_id: None,
                instrument_id: None,
                payload: e.payload.to_string(),
            });
        }
        for (venue, r) in &changes.entries {
            entries.push(match r {
                Recorded::Order(ev) => db::Entry {
                    ts: ev.ts_event().as_u64() as i64,
                    venue: venue.to_string(),
                    kind: "order",
                    client_order_id: Some(ev.client_order_id().to_string()),
                    instrument_id: Some(ev.instrument_id().to_string()),
                    payload: serde_json::to_string(ev).map_err(OpError::internal)?,
                },
                Recorded::Account(state) => db::Entry {
                    ts: state.ts_event.as_u64() as i64,
                    venue: venue.to_string(),
                    kind: "account",
                    client_order_id: None,
                    instrument_id: None,
                    payload: serde_json::to_string(state).map_err(OpError::internal)?,
                },
                Recorded::Position(event) => db::Entry {
                    ts: event.ts_event().as_u64() as i64,
                    venue: venue.to_string(),
                    kind: "position",
                    client_order_id: Some(event.client_order_id().to_string()),
                    instrument_id: Some(event.instrument_id().to_string()),
                    payload: serde_json::to_string(event).map_err(OpError::internal)?,
                },
            });
        }
        let conn = &self.w.conn;
        let seq = if entries.is_empty() {
            db::last_seq(conn)?
        } else {
            db::append(conn, &entries)?
        };
        {
            let cache = self.w.cache.borrow();
            for id in &changes.orders {
                if let Some(o) = cache.order(id) {
                    db::upsert_order(conn, &order_row(&o, seq)?)?;
                }
            }
            for id in &changes.positions {
                let Some(p) = cache.position(id) else {
                    db::delete_position(conn, id.as_str())?;
                    continue;
                };
                {
                    db::upsert_position(
                        conn,
                        &db::PositionRow {
                            position_id: p.id.to_string(),
                            venue: p.instrument_id.venue.to_string(),
                            instrument_id: p.instrument_id.to_string(),
                            is_open: p.is_open(),
                            body: serde_json::to_string(&*p).map_err(OpError::internal)?,
                            last_seq: seq,
                        },
                    )?;
                }
            }
            // A real venue's fills change no balance here (it reports them), but their
            // commissions still count.
            let touched: BTreeSet<Venue> = changes
                .accounts
                .iter()
                .copied()
                .chain(changes.commissions.keys().map(|(v, _)| *v))
                .collect();
            for venue in &touched {
                let Some(ctx) = self.venues.get(venue) else {
                    continue;
                };
                let Some(account) = cache.account(&ctx.account_id) else {
                    continue;
                };
                let Some(state) = account.last_event() else {
                    continue;
                };
                let mut commissions = ctx.commissions.clone();
                for ((v, ccy), amount) in &changes.commissions {
                    if v == venue {
                        *commissions.entry(ccy.clone()).or_default() += *amount;
                    }
                }
                db::upsert_account(
                    conn,
                    &db::AccountRow {
                        venue: venue.to_string(),
                        account_id: ctx.account_id.to_string(),
                        state: serde_json::to_string(&state).map_err(OpError::internal)?,
                        commissions: serde_json::to_string(&commissions)
                            .map_err(OpError::internal)?,
                        last_seq: seq,
                    },
                )?;
            }
        }
        for id in &self.market_dirty {
            let m = &self.market[id];
            db::upsert_market(
                conn,
                &db::MarketRow {
                    instrument_id: id.to_string(),
                    venue: id.venue.to_string(),
                    quote: m
                        .quote
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(OpError::internal)?,
                    trade: m
                        .trade
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(OpError::internal)?,
                    depth: m
                        .depth
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(OpError::internal)?,
                    ts: m.ts,
                },
            )?;
        }
        if self.node.is_some()
            && let Some(ts) = self.market_ts
            && Some(ts) != self.node.as_ref().and_then(|n| n.market_ts)
        {
            db::set_market_ts(conn, ts)?;
        }
        self.loss_guard.save(conn)?;
        // Read inside the transaction: no other connection can commit before ours.
        let stamp = Stamp::at_seq(conn, seq)?;
        store::commit(conn)?;
        self.open = false;
        if self.node_events.is_empty() {
            self.forget_closed(&changes);
            self.keep_warm(stamp);
        }
        Ok(seq)
    }

    /// Drops from the cache what this session closed and a fresh load would not bring back:
    /// closed orders outside contingencies, flat positions and past account states.
    pub(super) fn forget_closed(&self, changes: &crate::engine::node::apply::Changes) {
        let mut cache = self.w.cache.borrow_mut();
        // Their last states are stored; each fill would otherwise clone a growing history.
        cache.purge_account_events(self.w.now(), 0);
        let closed_orders: Vec<ClientOrderId> = changes
            .orders
            .iter()
            .filter(|id| {
                cache.order(id).is_some_and(|o| {
                    o.is_closed()
                        && o.parent_order_id().is_none()
                        && o.linked_order_ids().is_none_or(<[_]>::is_empty)
                })
            })
            .copied()
            .collect();
        for id in closed_orders {
            cache.purge_order(id);
        }
        let flat: Vec<PositionId> = changes
            .positions
            .iter()
            .filter(|id| cache.position(id).is_some_and(|p| p.is_closed()))
            .copied()
            .collect();
        for id in flat {
            cache.purge_position(id);
        }
    }

    /// Leaves the loaded state for the next session on this thread.
    pub(super) fn keep_warm(&mut self, stamp: Stamp) {
        self.w.warm = Some(Warm {
            stamp,
            sessions: self.sessions + 1,
            applier: self.applier.clone(),
            engines: std::mem::take(&mut self.engines),
            market: std::mem::take(&mut self.market),
        });
    }

    /// Whether the session changed nothing that its rollback would undo.
    pub(super) fn changed_nothing(&self) -> bool {
        self.reusable
            && self.applier.changes.borrow().entries.is_empty()
            && self.node_events.is_empty()
            && self.market_dirty.is_empty()
            && self.outbound.is_empty()
            && self.last_modify.is_none()
            && store::total_changes(&self.w.conn) == self.stamp.total_changes
    }
}
