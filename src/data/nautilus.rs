//! Conversion of catalog rows to Nautilus market data.

use nautilus_core::UnixNanos;
use nautilus_model::{
    data::{Bar, BarType, QuoteTick, TradeTick},
    enums::{AggressorSide, PositionSide},
    identifiers::{InstrumentId, TradeId},
    position::Position,
    types::{Money, Price, Quantity},
};
use rust_decimal::Decimal;

use super::codec::{BarRow, QuoteRow, TradeRow};

/// The largest price mantissa at `precision` digits that Nautilus's `Price` holds.
#[must_use]
pub fn max_price_mantissa(precision: u8) -> i64 {
    max_mantissa(nautilus_model::types::price::PRICE_MAX, precision)
}

/// The largest quantity mantissa at `precision` digits that Nautilus's `Quantity` holds.
#[must_use]
pub fn max_quantity_mantissa(precision: u8) -> i64 {
    max_mantissa(nautilus_model::types::quantity::QUANTITY_MAX, precision)
}

fn max_mantissa(max: f64, precision: u8) -> i64 {
    // Both maxima are whole numbers; integer arithmetic keeps the bound exact.
    (max as i64).saturating_mul(10i64.saturating_pow(u32::from(precision)))
}

/// A position's unrealized PnL at `mark`, in its settlement currency: what Nautilus's
/// `Position::unrealized_pnl` gives, computed the same way, without its panic when the amount
/// is beyond what `Money` holds (a large position marked far from its entry, e.g. at a price
/// pushed by hand): the amount is then returned as it is.
#[must_use]
pub fn unrealized_pnl(p: &Position, mark: Price) -> Decimal {
    let (open, close) = (p.avg_px_open, mark.as_f64());
    let points = match (p.side, p.is_inverse) {
        (PositionSide::Long, false) => close - open,
        (PositionSide::Short, false) => open - close,
        // Nautilus refuses (and books 0) near-zero prices of an inverse instrument.
        (_, true) if open.abs() < 1e-15 || close.abs() < 1e-15 => 0.0,
        (PositionSide::Long, true) => 1.0 / open - 1.0 / close,
        (PositionSide::Short, true) => 1.0 / close - 1.0 / open,
        _ => 0.0,
    };
    let quantity = p.quantity.as_f64().min(p.signed_qty.abs());
    let pnl = quantity * p.multiplier.as_f64() * points;
    Money::new_checked(pnl, p.settlement_currency).map_or_else(
        |_| {
            Decimal::try_from(pnl)
                .map(|d| d.round_dp(u32::from(p.settlement_currency.precision)))
                .unwrap_or(Decimal::ZERO)
        },
        |m| m.as_decimal(),
    )
}

/// A price from a mantissa at `precision` digits.
#[must_use]
pub fn price(mantissa: i64, precision: u8) -> Price {
    Price::from_mantissa_exponent(mantissa, -(precision as i8), precision)
}

/// A quantity from a mantissa at `precision` digits.
#[must_use]
pub fn quantity(mantissa: i64, precision: u8) -> Quantity {
    Quantity::from_mantissa_exponent(mantissa.max(0) as u64, -(precision as i8), precision)
}

/// A Nautilus bar (ts_event = ts_init = the bar's close time).
#[must_use]
pub fn bar(bar_type: BarType, r: &BarRow, pp: u8, sp: u8) -> Bar {
    let ts = UnixNanos::from(r.ts as u64);
    Bar {
        bar_type,
        open: price(r.open, pp),
        high: price(r.high, pp),
        low: price(r.low, pp),
        close: price(r.close, pp),
        volume: quantity(r.volume, sp),
        ts_event: ts,
        ts_init: ts,
    }
}

/// A Nautilus quote tick.
#[must_use]
pub fn quote(instrument_id: InstrumentId, r: &QuoteRow, pp: u8, sp: u8) -> QuoteTick {
    let ts = UnixNanos::from(r.ts as u64);
    QuoteTick {
        instrument_id,
        bid_price: price(r.bid, pp),
        ask_price: price(r.ask, pp),
        bid_size: quantity(r.bid_size, sp),
        ask_size: quantity(r.ask_size, sp),
        ts_event: ts,
        ts_init: ts,
    }
}

/// A Nautilus trade tick.
#[must_use]
pub fn trade(instrument_id: InstrumentId, r: &TradeRow, pp: u8, sp: u8) -> TradeTick {
    let ts = UnixNanos::from(r.ts as u64);
    TradeTick {
        instrument_id,
        price: price(r.price, pp),
        size: quantity(r.size, sp),
        aggressor_side: match r.aggressor {
            1 => AggressorSide::Buyer,
            2 => AggressorSide::Seller,
            _ => AggressorSide::NoAggressor,
        },
        trade_id: TradeId::new(if r.trade_id.is_empty() {
            "0"
        } else {
            &r.trade_id
        }),
        ts_event: ts,
        ts_init: ts,
    }
}
