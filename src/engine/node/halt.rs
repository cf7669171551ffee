//! The kill switch: halting the node (every open order cancelled, new orders denied) or putting
//! it in reduce-only mode, resuming it, and the daily loss limit that halts it by itself.
//!
//! The trading state lives in the node's row, so every process sees it: Nautilus's
//! `RiskEngine` is set to it when a session loads, the node's own checks deny orders with a
//! `TRADING_HALTED` error, and attached strategies stop placing orders.

use std::collections::{BTreeMap, BTreeSet};

use nautilus_model::{
    enums::{OrderStatus, TradingState},
    identifiers::{ClientOrderId, PositionId, Venue},
    orders::{Order, OrderAny},
};
use rust_decimal::Decimal;
use serde_json::json;

use super::{
    session::{NodeEvent, Session},
    settings::trading_state,
};
use crate::{
    error::{OpError, OpResult},
    store::{Db, node as db},
};

/// The `daily_pnl` row that marks a day as begun.
const NO_CURRENCY: &str = "*";

/// Nanoseconds in a day.
const DAY_NS: i64 = 86_400_000_000_000;

/// The stored name of a trading state.
#[must_use]
pub const fn state_name(state: TradingState) -> &'static str {
    match state {
        TradingState::Active => "ACTIVE",
        TradingState::Halted => "HALTED",
        TradingState::Reducing => "REDUCING",
    }
}

/// Whether a stored trading state lets every order through.
#[must_use]
pub fn is_active(state: &str) -> bool {
    trading_state(state) == TradingState::Active
}

/// What a change of trading state did.
#[derive(Debug, Clone)]
pub struct StateChange {
    pub previous: String,
    pub state: String,
    pub reason: Option<String>,
    /// Orders cancelled by the change.
    pub cancelled: Vec<ClientOrderId>,
}

/// Whether an order survives reduce-only mode: it can only shrink a position, and it is not
/// the exit of an entry that never filled.
fn survives_reducing(s: &Session<'_>, o: &OrderAny) -> bool {
    o.is_reduce_only()
        && o.parent_order_id().is_none_or(|p| {
            s.order(&p)
                .is_some_and(|parent| parent.filled_qty().is_positive())
        })
}

/// Cancels the open orders the node's trading state refuses (every one when HALTED, those that
/// could grow a position when REDUCING) on the venues `on` selects; on a real venue this
/// records the intents and queues the requests (`Session::outbound`). Orders already pending
/// cancel are left alone.
fn cancel_refused(
    s: &mut Session<'_>,
    state: TradingState,
    on: impl Fn(&Session<'_>, Venue) -> bool,
) -> OpResult<Vec<ClientOrderId>> {
    if state == TradingState::Active {
        return Ok(Vec::new());
    }
    let open: Vec<OrderAny> =
        s.w.cache
            .borrow()
            .orders_open(None, None, None, None, None)
            .iter()
            .map(|o| o.cloned())
            .collect();
    let to_cancel: Vec<OrderAny> = open
        .into_iter()
        .filter(|o| on(s, o.instrument_id().venue))
        .filter(|o| o.status() != OrderStatus::PendingCancel)
        .filter(|o| state == TradingState::Halted || !survives_reducing(s, o))
        .collect();
    let mut cancelled = Vec::new();
    for o in to_cancel {
        // A contingent sibling may have been cancelled with an earlier one.
        if s.order(&o.client_order_id()).is_some_and(|c| c.is_open()) {
            s.cancel(&o)?;
            cancelled.push(o.client_order_id());
        }
    }
    s.sweep_contingencies()?;
    Ok(cancelled)
}

/// Moves the node to `Halted` (cancelling every open paper order) or `Reducing` (cancelling
/// every paper order that could grow a position), records who and why in the journal, and sets
/// Nautilus's risk engine to the new state. Orders resting at real venues are cancelled
/// through their venue by [`cancel_refused_at`], which the callers that hold venue clients run
/// next.
pub fn halt(
    s: &mut Session<'_>,
    state: TradingState,
    reason: &str,
    by: &str,
) -> OpResult<StateChange> {
    let previous = s.require_node()?.trading_state.clone();
    let cancelled = cancel_refused(s, state, |s, v| !s.is_real(v))?;
    set_state(s, state, Some(reason), by, &previous, &cancelled)?;
    Ok(StateChange {
        previous,
        state: state_name(state).into(),
        reason: Some(reason.to_string()),
        cancelled,
    })
}

/// Cancels, at a real venue, the open orders the node's current trading state refuses (nothing
/// while ACTIVE): the intents are journaled and the requests queued in `Session::outbound`.
pub fn cancel_refused_at(s: &mut Session<'_>, venue: Venue) -> OpResult<Vec<ClientOrderId>> {
    let state = trading_state(&s.require_node()?.trading_state);
    cancel_refused(s, state, |_, v| v == venue)
}

/// Puts the node back to `Active`.
pub fn resume(s: &mut Session<'_>, reason: Option<&str>, by: &str) -> OpResult<StateChange> {
    let previous = s.require_node()?.trading_state.clone();
    set_state(s, TradingState::Active, reason, by, &previous, &[])?;
    Ok(StateChange {
        previous,
        state: state_name(TradingState::Active).into(),
        reason: reason.map(str::to_owned),
        cancelled: Vec::new(),
    })
}

fn set_state(
    s: &mut Session<'_>,
    state: TradingState,
    reason: Option<&str>,
    by: &str,
    previous: &str,
    cancelled: &[ClientOrderId],
) -> OpResult<()> {
    let name = state_name(state);
    db::set_trading_state(&s.w.conn, name, reason)?;
    if let Some(n) = s.node.as_mut() {
        n.trading_state = name.into();
        n.state_reason = reason.map(str::to_owned);
    }
    if s.w.risk.trading_state() != state {
        s.w.risk.set_trading_state(state);
    }
    s.node_events.push(NodeEvent {
        venue: String::new(),
        kind: "node",
        payload: json!({ "TradingStateChanged": {
            "state": name,
            "previous": previous,
            "reason": reason,
            "by": by,
            "cancelled": cancelled.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }}),
    });
    Ok(())
}

/// The day's profit and loss, kept to enforce `daily_loss_limit`.
///
/// For a UTC day D of the node's clock (the paper market's time, else the wall clock):
/// `pnl = Σ open positions (realized + unrealized) + Σ cycles closed during D (realized)
///        − baseline`, where the baseline is the first term taken when D began (with the marks
/// of the end of the day before). Realized PnL includes commissions; each currency is checked
/// on its own.
#[derive(Debug, Clone, Default)]
pub struct LossGuard {
    /// Days since the Unix epoch; `None` until the limit is first checked.
    day: Option<i64>,
    baseline: BTreeMap<String, Decimal>,
    closed: BTreeMap<String, Decimal>,
    /// How many of this session's closed cycles (`Changes::closed`) are counted in `closed`.
    counted: usize,
    dirty: bool,
}

/// Days since the epoch of a time in nanoseconds.
#[must_use]
pub const fn day_of(ts: i64) -> i64 {
    ts.div_euclid(DAY_NS)
}

fn add(map: &mut BTreeMap<String, Decimal>, ccy: String, v: Decimal) {
    *map.entry(ccy).or_default() += v;
}

/// Σ (realized + unrealized) of the open positions, per currency, at the session's marks.
fn open_value(s: &Session<'_>) -> BTreeMap<String, Decimal> {
    let mut out = BTreeMap::new();
    let cache = s.w.cache.borrow();
    for p in cache.positions_open(None, None, None, None, None) {
        if let Some(r) = p.realized_pnl {
            add(&mut out, r.currency.code.to_string(), r.as_decimal());
        }
        if let Some(mark) = s
            .market
            .get(&p.instrument_id)
            .and_then(super::session::Market::last_price)
        {
            let u = p.unrealized_pnl(mark);
            add(&mut out, u.currency.code.to_string(), u.as_decimal());
        }
    }
    out
}

impl LossGuard {
    /// Loads the stored state of the latest day.
    pub fn load(conn: &Db) -> OpResult<Self> {
        // The day written last: the node's clock may have jumped back once, from the wall
        // clock to the first market data's time.
        let day = db::latest_pnl_day(conn)?;
        let mut g = Self {
            day,
            ..Self::default()
        };
        if let Some(day) = day {
            for row in db::daily_pnl(conn, day)? {
                let (ccy, b, c) = (row.currency, row.baseline, row.closed);
                if ccy == NO_CURRENCY {
                    continue;
                }
                let parse = |t: &str| {
                    t.parse::<Decimal>()
                        .map_err(|e| OpError::internal(format!("stored daily PnL is corrupt: {e}")))
                };
                g.baseline.insert(ccy.clone(), parse(&b)?);
                g.closed.insert(ccy, parse(&c)?);
            }
        }
        Ok(g)
    }

    /// Writes the day's state if it changed.
    pub fn save(&mut self, conn: &Db) -> OpResult<()> {
        let (true, Some(day)) = (self.dirty, self.day) else {
            return Ok(());
        };
        let mut currencies: BTreeSet<&str> = self
            .baseline
            .keys()
            .chain(self.closed.keys())
            .map(String::as_str)
            .collect();
        // A day without positions is stored too (under `*`), or it would start again later
        // with a baseline taken after the day's first losses.
        currencies.insert(NO_CURRENCY);
        let rows: Vec<db::DailyPnlRow> = currencies
            .into_iter()
            .map(|ccy| db::DailyPnlRow {
                currency: ccy.to_string(),
                baseline: self
                    .baseline
                    .get(ccy)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                closed: self
                    .closed
                    .get(ccy)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect();
        db::save_daily_pnl(conn, day, &rows)?;
        self.dirty = false;
        Ok(())
    }

    /// Adds the cycles closed in this session (not yet counted) to the day's realized PnL.
    fn count_closed(&mut self, s: &Session<'_>) {
        let closed: Vec<PositionId> = s.applier.changes.borrow().closed[self.counted..].to_vec();
        self.counted += closed.len();
        for id in closed {
            if let Some(r) = s.position(&id).and_then(|p| p.realized_pnl) {
                add(
                    &mut self.closed,
                    r.currency.code.to_string(),
                    r.as_decimal(),
                );
                self.dirty = true;
            }
        }
    }

    /// Starts a new day when the clock is in another day than the stored one: the baseline is
    /// the open positions' value at the marks so far (the end of the previous day).
    pub fn roll(&mut self, s: &Session<'_>, now: i64) {
        let today = day_of(now);
        if self.day == Some(today) {
            return;
        }
        self.count_closed(s);
        self.day = Some(today);
        self.baseline = open_value(s);
        self.closed.clear();
        self.dirty = true;
    }

    /// The day's PnL per currency.
    fn pnl(&mut self, s: &Session<'_>) -> BTreeMap<String, Decimal> {
        self.count_closed(s);
        let mut out = open_value(s);
        for (c, v) in &self.closed {
            add(&mut out, c.clone(), *v);
        }
        for (c, v) in &self.baseline {
            add(&mut out, c.clone(), -*v);
        }
        out
    }
}

/// Checks the daily loss limit and halts the node when a currency's loss for the day exceeds
/// it. Returns the change if it halted.
pub fn enforce_daily_loss(s: &mut Session<'_>) -> OpResult<Option<StateChange>> {
    let Some(limit) = s
        .config
        .effective_risk(&s.w.settings.file.risk)
        .daily_loss_limit
    else {
        return Ok(None);
    };
    let Some(node) = s.node.as_ref() else {
        return Ok(None);
    };
    if node.trading_state == "HALTED" {
        return Ok(None);
    }
    let now = s.now().as_u64() as i64;
    s.roll_loss_day(now);
    let mut guard = std::mem::take(&mut s.loss_guard);
    let pnl = guard.pnl(s);
    s.loss_guard = guard;
    let Some((ccy, loss)) = pnl
        .iter()
        .map(|(c, v)| (c, -*v))
        .filter(|(_, loss)| *loss > limit)
        .max_by_key(|(_, loss)| *loss)
    else {
        return Ok(None);
    };
    let day = chrono::DateTime::from_timestamp(day_of(now) * 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let reason = format!(
        "daily_loss_limit: the loss for UTC day {day} is {} {ccy} (realized + unrealized), over the limit {}",
        loss.round_dp(8).normalize(),
        limit.normalize()
    );
    tracing::warn!(%reason, "halting the trading node");
    halt(s, TradingState::Halted, &reason, "risk:daily_loss_limit").map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_utc_calendar_days() {
        let midnight = 1_704_067_200_000_000_000; // 2024-01-01T00:00:00Z
        assert_eq!(day_of(midnight), day_of(midnight + DAY_NS - 1));
        assert_eq!(day_of(midnight) + 1, day_of(midnight + DAY_NS));
        assert_eq!(day_of(-1), -1);
    }
}
