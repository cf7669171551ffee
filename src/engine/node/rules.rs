//! Checks of an order against its instrument's rules and the node's risk limits.

use nautilus_model::{
    instruments::{Instrument, InstrumentAny},
    types::{Price, Quantity},
};
use rust_decimal::Decimal;

use crate::{
    config::RiskLimits,
    error::{OpError, OpResult},
};

fn is_multiple(value: Decimal, step: Decimal) -> bool {
    step > Decimal::ZERO && (value % step).is_zero()
}

/// A quantity that fits the instrument (step, minimum, maximum), or a client error quoting the
/// rule. Quantities are never rounded.
pub fn quantity(field: &str, inst: &InstrumentAny, qty: Decimal) -> OpResult<Quantity> {
    let id = inst.id();
    if qty <= Decimal::ZERO {
        return Err(OpError::invalid(
            field,
            format!("must be greater than 0, got {qty}"),
        ));
    }
    let step = inst.size_increment().as_decimal();
    if !is_multiple(qty, step) {
        return Err(OpError::invalid(
            field,
            format!(
                "{qty} is not a multiple of {id}'s size increment {}",
                step.normalize()
            ),
        ));
    }
    if let Some(min) = inst.min_quantity()
        && qty < min.as_decimal()
    {
        return Err(OpError::invalid(
            field,
            format!("{qty} is below {id}'s minimum quantity {min}"),
        ));
    }
    if let Some(max) = inst.max_quantity()
        && qty > max.as_decimal()
    {
        return Err(OpError::invalid(
            field,
            format!("{qty} is above {id}'s maximum quantity {max}"),
        ));
    }
    Quantity::from_decimal_dp(qty, inst.size_precision())
        .map_err(|e| OpError::invalid(field, e.to_string()))
}

/// A price that fits the instrument's tick, or a client error quoting it.
pub fn price(field: &str, inst: &InstrumentAny, px: Decimal) -> OpResult<Price> {
    let id = inst.id();
    if px <= Decimal::ZERO {
        return Err(OpError::invalid(
            field,
            format!("must be greater than 0, got {px}"),
        ));
    }
    let tick = inst.price_increment().as_decimal();
    if !is_multiple(px, tick) {
        return Err(OpError::invalid(
            field,
            format!(
                "{px} is not a multiple of {id}'s price increment {}",
                tick.normalize()
            ),
        ));
    }
    if let Some(min) = inst.min_price()
        && px < min.as_decimal()
    {
        return Err(OpError::invalid(
            field,
            format!("{px} is below {id}'s minimum price {min}"),
        ));
    }
    if let Some(max) = inst.max_price()
        && px > max.as_decimal()
    {
        return Err(OpError::invalid(
            field,
            format!("{px} is above {id}'s maximum price {max}"),
        ));
    }
    Price::from_decimal_dp(px, inst.price_precision())
        .map_err(|e| OpError::invalid(field, e.to_string()))
}

/// The order's value in the quote (or settlement) currency.
#[must_use]
pub fn notional(inst: &InstrumentAny, qty: Quantity, px: Price) -> Decimal {
    qty.as_decimal() * px.as_decimal() * inst.multiplier().as_decimal()
}

/// The largest amount Nautilus's `Money` holds: a value past it panics inside Nautilus (the
/// risk engine's notional, a position's PnL).
#[must_use]
pub fn money_max() -> Decimal {
    Decimal::from(nautilus_model::types::money::MONEY_MAX as i64)
}

/// Fails when the order's value is outside the instrument's notional limits, or beyond what
/// Nautilus's `Money` holds.
pub fn check_notional(inst: &InstrumentAny, qty: Quantity, px: Price) -> OpResult<()> {
    let value = notional(inst, qty, px);
    let id = inst.id();
    if value.abs() > money_max() {
        return Err(OpError::invalid(
            "quantity",
            format!(
                "the order's value {} at {px} is beyond the largest amount Nautilus holds ({}); \
                 lower quantity or price",
                value.normalize(),
                money_max()
            ),
        ));
    }
    if let Some(min) = inst.min_notional()
        && value < min.as_decimal()
    {
        return Err(OpError::invalid(
            "quantity",
            format!(
                "the order's value {} is below {id}'s minimum notional {min}",
                value.normalize()
            ),
        ));
    }
    if let Some(max) = inst.max_notional()
        && value > max.as_decimal()
    {
        return Err(OpError::invalid(
            "quantity",
            format!(
                "the order's value {} is above {id}'s maximum notional {max}",
                value.normalize()
            ),
        ));
    }
    Ok(())
}

/// Fails when `px`, as the market price of an instrument, would value one of its open
/// positions (its notional or its PnL) beyond what Nautilus's `Money` holds: Nautilus would
/// panic on every later read of the account. `field` names the price given.
pub fn check_marks(
    field: &str,
    positions: &[(String, Decimal, Decimal, Decimal)],
    px: Price,
) -> OpResult<()> {
    let mark = px.as_decimal();
    for (id, quantity, avg_open, multiplier) in positions {
        let notional = (*quantity * mark * *multiplier).abs();
        let pnl = (*quantity * (mark - *avg_open) * *multiplier).abs();
        if notional.max(pnl) > money_max() {
            return Err(OpError::invalid(
                field,
                format!(
                    "at {px} the open position {id} ({} at {}) would be worth {}, beyond the \
                     largest amount Nautilus holds ({}); the paper market cannot take this price",
                    quantity.normalize(),
                    avg_open.normalize(),
                    notional.normalize(),
                    money_max()
                ),
            ));
        }
    }
    Ok(())
}

/// What the node's limits need to know about an order.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub instrument_id: String,
    pub quantity: Decimal,
    /// Value at the order's price or the market's, if known.
    pub notional: Option<Decimal>,
    pub reduces_position: bool,
}

/// The node's own limits; returns the reason for a denial, naming the limit and the values.
#[must_use]
pub fn node_limits(
    limits: &RiskLimits,
    c: &Candidate,
    open_orders: u32,
    submitted_last_second: u32,
    trading_state: &str,
) -> Option<String> {
    match trading_state {
        "HALTED" => {
            return Some(
                "trading is HALTED: new orders are denied until an admin resumes the node".into(),
            );
        }
        "REDUCING" if !c.reduces_position => {
            return Some(
                "trading is REDUCING: only orders that reduce an open position are allowed".into(),
            );
        }
        _ => {}
    }
    if let Some(allowed) = &limits.allowed_instruments
        && !allowed.is_empty()
        && !allowed
            .iter()
            .any(|a| a.eq_ignore_ascii_case(&c.instrument_id))
    {
        return Some(format!(
            "allowed_instruments: {} is not in [{}]",
            c.instrument_id,
            allowed.join(", ")
        ));
    }
    if let Some(max) = limits.max_order_size
        && c.quantity > max
    {
        return Some(format!(
            "max_order_size: quantity {} exceeds the limit {}",
            c.quantity.normalize(),
            max.normalize()
        ));
    }
    if let (Some(max), Some(n)) = (limits.max_notional_per_order, c.notional)
        && n > max
    {
        return Some(format!(
            "max_notional_per_order: notional {} exceeds the limit {}",
            n.round_dp(8).normalize(),
            max.normalize()
        ));
    }
    if let Some(max) = limits.max_open_orders
        && open_orders >= max
    {
        return Some(format!(
            "max_open_orders: {open_orders} orders are open, the limit is {max}"
        ));
    }
    if let Some(max) = limits.max_order_submit_rate
        && submitted_last_second >= max
    {
        return Some(format!(
            "max_order_submit_rate: {submitted_last_second} orders in the last second, the limit is {max}/s"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn btc() -> InstrumentAny {
        crate::data::instruments::builtin()
            .into_iter()
            .find(|d| d.id == "BTCUSDT.BINANCE")
            .unwrap()
            .to_nautilus()
            .unwrap()
    }

    #[test]
    fn increments_are_checked_not_rounded() {
        let i = btc();
        assert!(quantity("quantity", &i, Decimal::new(1, 2)).is_ok());
        let e = quantity("quantity", &i, Decimal::new(15, 6)).unwrap_err();
        assert!(
            e.message.contains("size increment 0.00001"),
            "{}",
            e.message
        );
        let e = price("price", &i, Decimal::new(500001, 3)).unwrap_err();
        assert!(e.message.contains("price increment 0.01"), "{}", e.message);
        let e = check_notional(&i, Quantity::from("0.00001"), Price::from("100.00")).unwrap_err();
        assert!(e.message.contains("minimum notional"), "{}", e.message);
    }

    #[test]
    fn limits_name_the_limit_and_values() {
        let limits = RiskLimits {
            max_order_size: Some(Decimal::new(1, 1)),
            ..RiskLimits::default()
        };
        let c = Candidate {
            instrument_id: "BTCUSDT.BINANCE".into(),
            quantity: Decimal::new(5, 1),
            notional: None,
            reduces_position: false,
        };
        let r = node_limits(&limits, &c, 0, 0, "ACTIVE").unwrap();
        assert_eq!(r, "max_order_size: quantity 0.5 exceeds the limit 0.1");
        assert!(
            node_limits(&RiskLimits::default(), &c, 0, 0, "HALTED")
                .unwrap()
                .contains("HALTED")
        );
    }
}
