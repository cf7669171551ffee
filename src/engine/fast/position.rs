//! A position as Nautilus's `Position` computes it, without its event history: the same `f64`
//! averages, returns and PnL, the same `Money` and `Quantity` roundings, step for step (see
//! `Position::apply`, `handle_buy_order_fill`, `handle_sell_order_fill`, `calculate_avg_px`,
//! `calculate_pnl_raw` and `unrealized_pnl` in nautilus-model 0.57.0 `src/position.rs`). A
//! property test holds it equal to `Position` on random fills; the differential test holds
//! the whole fast path equal to the engine.

use nautilus_model::{
    enums::{OrderSide, PositionSide},
    identifiers::{InstrumentId, PositionId},
    instruments::{Instrument, InstrumentAny},
    types::{Currency, Money, Price, Quantity},
};

use crate::engine::backtest::results::TripFacts;

/// One fill as a position sees it.
#[derive(Debug, Clone, Copy)]
pub struct Fill {
    pub side: OrderSide,
    pub qty: Quantity,
    pub px: Price,
    pub commission: Money,
    pub ts: i64,
    /// Creation number of the order that filled.
    pub order_seq: u64,
}

/// The instrument facts a position needs.
#[derive(Debug, Clone, Copy)]
pub struct Contract {
    pub instrument_id: InstrumentId,
    pub price_precision: u8,
    pub size_precision: u8,
    pub multiplier: Quantity,
    pub multiplier_f64: f64,
    pub is_inverse: bool,
    pub base_currency: Option<Currency>,
    pub quote_currency: Currency,
    pub settlement_currency: Currency,
}

impl Contract {
    /// The facts of `instrument`.
    #[must_use]
    pub fn of(instrument: &InstrumentAny) -> Self {
        Self {
            instrument_id: instrument.id(),
            price_precision: instrument.price_precision(),
            size_precision: instrument.size_precision(),
            multiplier: instrument.multiplier(),
            multiplier_f64: instrument.multiplier().as_f64(),
            is_inverse: instrument.is_inverse(),
            base_currency: instrument.base_currency(),
            quote_currency: instrument.quote_currency(),
            settlement_currency: instrument.cost_currency(),
        }
    }
}

/// An open (or just closed) position.
#[derive(Debug, Clone)]
pub struct PositionMath {
    pub id: PositionId,
    pub entry: OrderSide,
    pub side: PositionSide,
    pub signed_qty: f64,
    pub quantity: Quantity,
    pub peak_qty: Quantity,
    buy_qty: Quantity,
    sell_qty: Quantity,
    pub avg_px_open: f64,
    pub avg_px_close: Option<f64>,
    pub realized_return: f64,
    pub realized_pnl: Option<Money>,
    /// Per currency, in the order first charged.
    commissions: Vec<Money>,
    pub ts_opened: i64,
    pub ts_closed: Option<i64>,
    /// Creation number of the order that closed it.
    pub closing_order_seq: Option<u64>,
}

impl PositionMath {
    /// A position opened by `fill` (`Position::new`).
    #[must_use]
    pub fn open(c: &Contract, id: PositionId, fill: &Fill) -> Self {
        let mut p = Self {
            id,
            entry: fill.side,
            side: PositionSide::Flat,
            signed_qty: 0.0,
            quantity: fill.qty,
            peak_qty: fill.qty,
            buy_qty: Quantity::zero(c.size_precision),
            sell_qty: Quantity::zero(c.size_precision),
            avg_px_open: fill.px.as_f64(),
            avg_px_close: None,
            realized_return: 0.0,
            realized_pnl: None,
            commissions: Vec::new(),
            ts_opened: fill.ts,
            ts_closed: None,
            closing_order_seq: None,
        };
        p.apply(c, fill);
        p
    }

    /// True while the position holds a quantity.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.side != PositionSide::Flat
    }

    /// Applies a fill (`Position::apply`).
    pub fn apply(&mut self, c: &Contract, fill: &Fill) {
        if self.side == PositionSide::Flat {
            self.buy_qty = Quantity::zero(c.size_precision);
            self.sell_qty = Quantity::zero(c.size_precision);
            self.commissions.clear();
            self.closing_order_seq = None;
            self.peak_qty = Quantity::zero(c.size_precision);
            self.ts_opened = fill.ts;
            self.ts_closed = None;
            self.avg_px_open = fill.px.as_f64();
            self.avg_px_close = None;
            self.realized_return = 0.0;
            self.realized_pnl = None;
        }
        let commission = fill.commission;
        match self
            .commissions
            .iter_mut()
            .find(|m| m.currency == commission.currency)
        {
            Some(existing) => *existing = *existing + commission,
            None => self.commissions.push(commission),
        }
        self.handle_fill(c, fill);
        self.quantity = Quantity::new(self.signed_qty.abs(), c.size_precision);
        if self.quantity > self.peak_qty {
            self.peak_qty = self.quantity;
        }
        if self.quantity.is_zero() {
            self.side = PositionSide::Flat;
            self.signed_qty = 0.0;
            self.closing_order_seq = Some(fill.order_seq);
            self.ts_closed = Some(fill.ts);
        } else if self.signed_qty > 0.0 {
            self.entry = OrderSide::Buy;
            self.side = PositionSide::Long;
        } else {
            self.entry = OrderSide::Sell;
            self.side = PositionSide::Short;
        }
    }

    /// `handle_buy_order_fill` and `handle_sell_order_fill` (mirror images).
    fn handle_fill(&mut self, c: &Contract, fill: &Fill) {
        let buy = fill.side == OrderSide::Buy;
        let mut realized_pnl = if fill.commission.currency == c.settlement_currency {
            -fill.commission.as_f64()
        } else {
            0.0
        };
        let last_px = fill.px.as_f64();
        let last_qty = fill.qty.as_f64();
        let (adds, reduces) = if buy {
            (self.signed_qty > 0.0, self.signed_qty < 0.0)
        } else {
            (self.signed_qty < 0.0, self.signed_qty > 0.0)
        };
        if adds {
            self.avg_px_open = self.avg_px_open_px(last_px, last_qty);
        } else if reduces {
            let avg_px_close = self.avg_px_close_px(last_px, last_qty);
            self.avg_px_close = Some(avg_px_close);
            self.realized_return = self.calculate_return(self.avg_px_open, avg_px_close);
            realized_pnl += self.pnl_raw(c, self.avg_px_open, last_px, last_qty);
        }
        let current = self.realized_pnl.map_or(0.0, |p| p.as_f64());
        self.realized_pnl = Some(Money::new(current + realized_pnl, c.settlement_currency));
        if buy {
            self.signed_qty += last_qty;
            self.buy_qty = self.buy_qty + fill.qty;
        } else {
            self.signed_qty -= last_qty;
            self.sell_qty = self.sell_qty + fill.qty;
        }
        let reversed = if buy {
            self.signed_qty > 0.0
        } else {
            self.signed_qty < 0.0
        };
        if reduces && reversed {
            self.avg_px_open = last_px;
        }
    }

    fn avg_px(qty: f64, avg_px: f64, last_px: f64, last_qty: f64) -> f64 {
        if last_qty == 0.0 || qty == 0.0 {
            return last_px;
        }
        let total_qty = qty + last_qty;
        if total_qty <= 0.0 {
            return last_px;
        }
        (avg_px * qty + last_px * last_qty) / total_qty
    }

    fn avg_px_open_px(&self, last_px: f64, last_qty: f64) -> f64 {
        Self::avg_px(self.quantity.as_f64(), self.avg_px_open, last_px, last_qty)
    }

    fn avg_px_close_px(&self, last_px: f64, last_qty: f64) -> f64 {
        let Some(avg_px_close) = self.avg_px_close else {
            return last_px;
        };
        let closing_qty = if self.side == PositionSide::Long {
            self.sell_qty
        } else {
            self.buy_qty
        };
        Self::avg_px(closing_qty.as_f64(), avg_px_close, last_px, last_qty)
    }

    fn points(&self, avg_px_open: f64, avg_px_close: f64) -> f64 {
        match self.side {
            PositionSide::Long => avg_px_close - avg_px_open,
            PositionSide::Short => avg_px_open - avg_px_close,
            _ => 0.0,
        }
    }

    fn points_inverse(&self, avg_px_open: f64, avg_px_close: f64) -> Option<f64> {
        const EPSILON: f64 = 1e-15;
        if avg_px_open.abs() < EPSILON || avg_px_close.abs() < EPSILON {
            return None;
        }
        let (open, close) = (1.0 / avg_px_open, 1.0 / avg_px_close);
        Some(match self.side {
            PositionSide::Long => open - close,
            PositionSide::Short => close - open,
            _ => 0.0,
        })
    }

    fn calculate_return(&self, avg_px_open: f64, avg_px_close: f64) -> f64 {
        if avg_px_open == 0.0 {
            return 0.0;
        }
        self.points(avg_px_open, avg_px_close) / avg_px_open
    }

    fn pnl_raw(&self, c: &Contract, avg_px_open: f64, avg_px_close: f64, quantity: f64) -> f64 {
        let quantity = quantity.min(self.signed_qty.abs());
        if c.is_inverse {
            self.points_inverse(avg_px_open, avg_px_close)
                .map_or(0.0, |points| quantity * c.multiplier_f64 * points)
        } else {
            quantity * c.multiplier_f64 * self.points(avg_px_open, avg_px_close)
        }
    }

    /// The PnL of `quantity` closed at `avg_px_close` (`Position::calculate_pnl`).
    #[must_use]
    pub fn calculate_pnl(
        &self,
        c: &Contract,
        avg_px_open: f64,
        avg_px_close: f64,
        quantity: Quantity,
    ) -> Money {
        Money::new(
            self.pnl_raw(c, avg_px_open, avg_px_close, quantity.as_f64()),
            c.settlement_currency,
        )
    }

    /// Unrealized PnL at `last` (`Position::unrealized_pnl`).
    #[must_use]
    pub fn unrealized_pnl(&self, c: &Contract, last: f64) -> Money {
        if self.side == PositionSide::Flat {
            return Money::new(0.0, c.settlement_currency);
        }
        Money::new(
            self.pnl_raw(c, self.avg_px_open, last, self.quantity.as_f64()),
            c.settlement_currency,
        )
    }

    /// The facts of this position once closed.
    #[must_use]
    pub fn facts(&self, c: &Contract) -> TripFacts {
        TripFacts {
            position_id: self.id,
            instrument_id: c.instrument_id,
            entry: self.entry,
            peak_qty: self.peak_qty,
            ts_opened: self.ts_opened,
            ts_closed: self.ts_closed.unwrap_or(self.ts_opened),
            price_precision: c.price_precision,
            avg_px_open: self.avg_px_open,
            avg_px_close: self.avg_px_close,
            realized_pnl: self.realized_pnl,
            realized_return: self.realized_return,
            settlement_currency: c.settlement_currency,
            commissions: self.commissions.clone(),
            multiplier: c.multiplier,
            is_inverse: c.is_inverse,
            base_currency: c.base_currency,
            quote_currency: c.quote_currency,
        }
    }
}
