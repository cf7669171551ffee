//! Depth snapshots of an L2 paper venue: checked against the instrument, applied to the
//! matching engine's book as Nautilus `OrderBookDeltas` (a clear and one add per level), and
//! stored as the last snapshot of the instrument so that every process rebuilds the same book.

use nautilus_core::UnixNanos;
use nautilus_model::{
    data::{BookOrder, OrderBookDelta, OrderBookDeltas, QuoteTick},
    enums::{BookAction, BookType, OrderSide, RecordFlag},
    identifiers::InstrumentId,
    instruments::{Instrument, InstrumentAny},
    orderbook::OrderBook,
    types::{Price, Quantity},
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rules;
use crate::error::{OpError, OpResult};

/// Most levels a snapshot may hold per side (Binance's deepest REST snapshot).
pub const MAX_LEVELS: usize = 5_000;

/// One side's levels as given: (price, size).
pub type RawLevels = Vec<(Decimal, Decimal)>;

/// The whole book of an instrument at one time: every level of both sides, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepthSnapshot {
    /// Time of the snapshot (ns).
    pub ts: i64,
    /// The book's sequence number (a venue's update id when it came from one).
    pub sequence: u64,
    /// Best (highest) first.
    pub bids: Vec<(Price, Quantity)>,
    /// Best (lowest) first.
    pub asks: Vec<(Price, Quantity)>,
}

impl DepthSnapshot {
    /// The highest and lowest prices of the snapshot (the marks it can set lie between).
    #[must_use]
    pub fn extreme_prices(&self) -> Vec<Price> {
        let all = || self.bids.iter().chain(&self.asks).map(|(p, _)| *p);
        all().max().into_iter().chain(all().min()).collect()
    }

    /// Checks levels against the instrument (price tick and limits, size step, no price twice,
    /// bids below asks) and orders them best first. Fields are named `bids[i]`/`asks[i]` by
    /// the level's place as given.
    pub fn check(
        inst: &InstrumentAny,
        bids: &[(Decimal, Decimal)],
        asks: &[(Decimal, Decimal)],
        ts: i64,
        sequence: u64,
    ) -> OpResult<Self> {
        let mut bids = side("bids", inst, bids)?;
        let mut asks = side("asks", inst, asks)?;
        bids.sort_by_key(|l| std::cmp::Reverse(l.0));
        asks.sort_by_key(|l| l.0);
        if let (Some(b), Some(a)) = (bids.first(), asks.first())
            && a.0 <= b.0
        {
            return Err(OpError::invalid(
                "asks",
                format!(
                    "the best ask {} is not above the best bid {}: bids must be below asks",
                    a.0, b.0
                ),
            ));
        }
        Ok(Self {
            ts,
            sequence,
            bids,
            asks,
        })
    }

    /// The snapshot as deltas: a clear, then one add per level, all flagged F_SNAPSHOT, the
    /// last one F_LAST too.
    #[must_use]
    pub fn deltas(&self, id: InstrumentId) -> OrderBookDeltas {
        let at = UnixNanos::from(self.ts.max(0) as u64);
        let snapshot = RecordFlag::F_SNAPSHOT as u8;
        let mut clear = OrderBookDelta::clear(id, self.sequence, at, at);
        clear.flags |= snapshot;
        let levels = self
            .bids
            .iter()
            .map(|l| (OrderSide::Buy, l))
            .chain(self.asks.iter().map(|l| (OrderSide::Sell, l)));
        let mut deltas = vec![clear];
        for (side, (price, size)) in levels {
            deltas.push(OrderBookDelta::new(
                id,
                BookAction::Add,
                BookOrder::new(side, *price, *size, 0),
                snapshot,
                self.sequence,
                at,
                at,
            ));
        }
        if let Some(last) = deltas.last_mut() {
            last.flags |= RecordFlag::F_LAST as u8;
        }
        OrderBookDeltas::new(id, deltas)
    }

    /// The L2 book the snapshot makes, as the matching engine holds it.
    pub fn book(&self, id: InstrumentId) -> OpResult<OrderBook> {
        let mut book = OrderBook::new(id, BookType::L2_MBP);
        book.apply_deltas(&self.deltas(id))
            .map_err(OpError::internal)?;
        Ok(book)
    }

    /// The best bid and ask with their sizes, as a quote at the snapshot's time (none unless
    /// both sides have a level).
    #[must_use]
    pub fn top(&self, id: InstrumentId) -> Option<QuoteTick> {
        let ((bid, bid_size), (ask, ask_size)) = (self.bids.first()?, self.asks.first()?);
        let at = UnixNanos::from(self.ts.max(0) as u64);
        Some(QuoteTick {
            instrument_id: id,
            bid_price: *bid,
            ask_price: *ask,
            bid_size: *bid_size,
            ask_size: *ask_size,
            ts_event: at,
            ts_init: at,
        })
    }

    /// The mid of the best bid and ask, at the price precision (half a tick rounds).
    #[must_use]
    pub fn mid(&self) -> Option<Price> {
        let (b, a) = (self.bids.first()?.0, self.asks.first()?.0);
        let mid = (b.as_decimal() + a.as_decimal()) / Decimal::TWO;
        Price::from_decimal_dp(mid.round_dp(u32::from(b.precision)), b.precision).ok()
    }
}

fn side(
    field: &str,
    inst: &InstrumentAny,
    levels: &[(Decimal, Decimal)],
) -> OpResult<Vec<(Price, Quantity)>> {
    if levels.len() > MAX_LEVELS {
        return Err(OpError::invalid(
            field,
            format!("{} levels; at most {MAX_LEVELS} a side", levels.len()),
        ));
    }
    let mut out: Vec<(Price, Quantity)> = Vec::with_capacity(levels.len());
    let mut seen = std::collections::HashSet::with_capacity(levels.len());
    for (i, (px, qty)) in levels.iter().enumerate() {
        let f = format!("{field}[{i}]");
        let price = rules::price(&f, inst, *px)?;
        if !seen.insert(price.raw) {
            return Err(OpError::invalid(
                &f,
                format!("price {px} is given twice; give each price level once"),
            ));
        }
        out.push((price, size(&f, inst, *qty)?));
    }
    Ok(out)
}

/// A level's size: positive and on the size step. Unlike an order's it may exceed the
/// instrument's maximum order quantity.
fn size(field: &str, inst: &InstrumentAny, qty: Decimal) -> OpResult<Quantity> {
    let step = inst.size_increment().as_decimal();
    if qty <= Decimal::ZERO {
        return Err(OpError::invalid(
            field,
            format!("size must be greater than 0, got {qty}"),
        ));
    }
    if !(qty % step).is_zero() {
        return Err(OpError::invalid(
            field,
            format!(
                "size {qty} is not a multiple of {}'s size increment {}",
                inst.id(),
                step.normalize()
            ),
        ));
    }
    Quantity::from_decimal_dp(qty, inst.size_precision())
        .map_err(|e| OpError::invalid(field, e.to_string()))
}
