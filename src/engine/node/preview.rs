//! A dry run of a placement: the submission's own code ([`orders::place`]) on the session's
//! state, whose outcome is read before the session is thrown away (never committed): nothing
//! is journaled, nothing is sent.
//!
//! On a paper venue the order goes through Nautilus's matching engine as a submission would,
//! so the fills, commissions, balances and position it leaves are the ones a submission of
//! the same order on the same market would leave. On a real venue the dry run stops where a
//! submission would send the request: what the venue would do is estimated by the caller.

use nautilus_model::{
    enums::{OrderSide, PositionSide},
    events::{AccountState, OrderEventAny, OrderFilled},
    identifiers::{InstrumentId, PositionId, StrategyId},
    instruments::{Instrument, InstrumentAny},
    orders::{Order, OrderAny},
    position::Position,
    types::Price,
};
use rust_decimal::Decimal;

use super::{
    orders::{self, Kind, OrderSpec, Placed},
    session::Session,
    settings::VenueMode,
};
use crate::error::OpError;

/// What a placement would do, read from the session before it is discarded.
#[derive(Debug, Clone)]
pub struct DryRun {
    /// The placement's outcome: placed (possibly refused by risk checks), or the error a
    /// submission would return.
    pub placed: Result<Placed, OpError>,
    /// The venue's mode.
    pub mode: VenueMode,
    /// The instrument (with the venue's fees), when the order got that far.
    pub instrument: Option<InstrumentAny>,
    /// The entry order and any bracket children, as they would stand.
    pub orders: Vec<OrderAny>,
    /// The account's state before and after.
    pub account_before: Option<AccountState>,
    pub account_after: Option<AccountState>,
    /// The position the order trades, before and after.
    pub position_before: Option<Position>,
    pub position_after: Option<Position>,
    /// The node's best guess at the market price (for marks and notional).
    pub mark: Option<Price>,
    /// The market clock (ns), for position ages.
    pub now_ns: i64,
}

impl DryRun {
    /// The fills the orders got, in order.
    #[must_use]
    pub fn fills(&self) -> Vec<OrderFilled> {
        self.orders
            .iter()
            .flat_map(|o| o.events().into_iter().cloned())
            .filter_map(|e| match e {
                OrderEventAny::Filled(f) => Some(f),
                _ => None,
            })
            .collect()
    }
}

/// The account state of a venue as the session holds it now.
fn account_state(s: &Session<'_>, instrument_id: InstrumentId) -> Option<AccountState> {
    let ctx = s.venues.get(&instrument_id.venue)?;
    let cache = s.w.cache.borrow();
    cache.account(&ctx.account_id)?.last_event()
}

/// The open position an order of `strategy_id` on `instrument_id` trades: the named one on a
/// hedging venue, else the strategy's open position of the instrument.
fn open_position(
    s: &Session<'_>,
    instrument_id: InstrumentId,
    strategy_id: StrategyId,
    named: Option<PositionId>,
) -> Option<Position> {
    if let Some(id) = named {
        return s.position(&id);
    }
    s.positions(instrument_id.venue)
        .into_iter()
        .find(|p| p.is_open() && p.instrument_id == instrument_id && p.strategy_id == strategy_id)
}

/// Runs the placement of `spec` in `s` and reads what it did. The caller must discard the
/// session afterwards (drop it without committing).
pub fn dry_run(s: &mut Session<'_>, spec: &OrderSpec) -> DryRun {
    let mode = s
        .venues
        .get(&spec.instrument_id.venue)
        .map_or(VenueMode::Paper, |v| v.mode);
    let account_before = account_state(s, spec.instrument_id);
    let position_before = open_position(s, spec.instrument_id, spec.strategy_id, spec.position_id);
    let placed = orders::place(s, spec);
    let orders: Vec<OrderAny> = match &placed {
        Ok(p) => p.orders.iter().filter_map(|id| s.order(id)).collect(),
        Err(_) => Vec::new(),
    };
    let instrument = s
        .applier
        .instruments
        .borrow()
        .get(&spec.instrument_id)
        .cloned();
    let filled_position = orders
        .iter()
        .flat_map(|o| o.events().into_iter().cloned())
        .find_map(|e| match e {
            OrderEventAny::Filled(f) => f.position_id,
            _ => None,
        });
    let position_after = match filled_position {
        Some(id) => s.position(&id),
        None => open_position(s, spec.instrument_id, spec.strategy_id, spec.position_id),
    };
    let mark = s
        .market
        .get(&spec.instrument_id)
        .and_then(super::session::Market::last_price);
    DryRun {
        placed,
        mode,
        instrument,
        account_after: account_state(s, spec.instrument_id),
        account_before,
        orders,
        position_before,
        position_after,
        mark,
        now_ns: s.now().as_u64() as i64,
    }
}

/// What a stop would cost if it were hit: the move from the entry to the stop over the
/// quantity, plus the commissions (the entry's as filled or at the taker fee, the stop's at the
/// taker fee: a triggered stop takes liquidity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossAtStop {
    pub stop_price: Price,
    pub entry_price: Decimal,
    pub quantity: Decimal,
    /// Positive: money lost; negative: a stop that locks in a gain.
    pub loss: Decimal,
    /// The commissions included in `loss`.
    pub commission: Decimal,
    /// The currency of the amounts (the instrument's quote currency).
    pub currency: String,
    /// Where the entry comes from: `entry order`, `open position`.
    pub basis: &'static str,
}

/// The loss at the stop of a dry run: the bracket's stop-loss against the entry, or a stop
/// order against the position it reduces.
#[must_use]
pub fn loss_at_stop(spec: &OrderSpec, run: &DryRun) -> Option<LossAtStop> {
    let instrument = run.instrument.as_ref()?;
    let entry = run.orders.first()?;
    let taker = instrument.taker_fee();
    let multiplier = instrument.multiplier().as_decimal();
    let currency = instrument.quote_currency().code.to_string();
    let fee = |px: Decimal, qty: Decimal| (px * qty * multiplier * taker).abs();
    let long = |side: OrderSide| side == OrderSide::Buy;
    // A bracket: the stop-loss child against the entry's fill (or its price).
    if let Some(sl) = run
        .orders
        .iter()
        .skip(1)
        .find(|o| o.trigger_price().is_some() && o.price().is_none())
        .and_then(Order::trigger_price)
    {
        let fills = run.fills();
        let entry_fills: Vec<&OrderFilled> = fills
            .iter()
            .filter(|f| f.client_order_id == entry.client_order_id())
            .collect();
        let qty = entry.quantity().as_decimal();
        let (entry_px, entry_fee) = if entry_fills.is_empty() {
            let px = entry.price().or(entry.trigger_price()).or(run.mark)?;
            (px.as_decimal(), fee(px.as_decimal(), qty))
        } else {
            let filled: Decimal = entry_fills.iter().map(|f| f.last_qty.as_decimal()).sum();
            let value: Decimal = entry_fills
                .iter()
                .map(|f| f.last_qty.as_decimal() * f.last_px.as_decimal())
                .sum();
            let paid: Decimal = entry_fills
                .iter()
                .filter_map(|f| f.commission)
                .map(|c| c.as_decimal())
                .sum();
            (value / filled, paid)
        };
        let per_unit = if long(entry.order_side()) {
            entry_px - sl.as_decimal()
        } else {
            sl.as_decimal() - entry_px
        };
        let commission = entry_fee + fee(sl.as_decimal(), qty);
        return Some(LossAtStop {
            stop_price: sl,
            entry_price: entry_px.normalize(),
            quantity: qty,
            loss: (per_unit * qty * multiplier + commission).normalize(),
            commission: commission.normalize(),
            currency,
            basis: "entry order",
        });
    }
    // A stop order: against the open position it reduces.
    if !matches!(spec.kind, Kind::Stop | Kind::TrailingStop) {
        return None;
    }
    let stop = entry.trigger_price()?;
    let position = run.position_before.as_ref().filter(|p| p.is_open())?;
    let closes_long = position.side == PositionSide::Long && entry.order_side() == OrderSide::Sell;
    let closes_short = position.side == PositionSide::Short && entry.order_side() == OrderSide::Buy;
    if !closes_long && !closes_short {
        return None;
    }
    let qty = entry
        .quantity()
        .as_decimal()
        .min(position.quantity.as_decimal());
    let open = Decimal::try_from(position.avg_px_open).ok()?;
    let per_unit = if closes_long {
        open - stop.as_decimal()
    } else {
        stop.as_decimal() - open
    };
    let commission = fee(stop.as_decimal(), qty);
    Some(LossAtStop {
        stop_price: stop,
        entry_price: open
            .round_dp(u32::from(instrument.price_precision()) + 4)
            .normalize(),
        quantity: qty,
        loss: (per_unit * qty * multiplier + commission).normalize(),
        commission: commission.normalize(),
        currency,
        basis: "open position",
    })
}
