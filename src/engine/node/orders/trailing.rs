//! Trailing stops: the Nautilus order (market or limit), its first limit and its starting trigger.

use super::*;

/// A trailing stop-market, or a trailing stop-limit when the spec has a limit offset. Paper
/// venues trail the bid or ask (Nautilus's default trigger); real venues trail the last trade,
/// as Binance does.
pub(super) fn trailing_stop(
    f: &mut OrderFactory,
    (trader_id, now): (TraderId, UnixNanos),
    spec: &OrderSpec,
    quantity: Quantity,
    price: Option<Price>,
    trigger: Option<Price>,
    real: bool,
) -> OpResult<OrderAny> {
    let t = spec.trailing.ok_or_else(|| {
        OpError::invalid("trailing_offset", "a trailing stop needs a trailing offset")
    })?;
    let trig = trigger.ok_or_else(|| {
        OpError::invalid(
            "trigger_price",
            "no market price is known to start the trailing stop from: give trigger_price",
        )
    })?;
    let trigger_type = if real {
        TriggerType::LastPrice
    } else {
        TriggerType::Default
    };
    let id = Some(spec.client_order_id);
    let tif = Some(spec.time_in_force);
    Ok(match t.limit_offset {
        None => f.trailing_stop_market(
            spec.instrument_id,
            spec.side,
            quantity,
            t.offset,
            Some(t.offset_type),
            None,
            Some(trig),
            Some(trigger_type),
            tif,
            spec.expire_time,
            Some(spec.reduce_only),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            id,
        ),
        Some(limit_offset) => {
            let px = match price {
                Some(p) => p,
                None => limit_from_trigger(spec.side, trig, limit_offset)?,
            };
            // Nautilus's factory has no trailing stop-limit: the order is made directly.
            OrderAny::TrailingStopLimit(
                TrailingStopLimitOrder::new_checked(
                    trader_id,
                    spec.strategy_id,
                    spec.instrument_id,
                    spec.client_order_id,
                    spec.side,
                    quantity,
                    px,
                    trig,
                    trigger_type,
                    limit_offset,
                    t.offset,
                    t.offset_type,
                    spec.time_in_force,
                    spec.expire_time,
                    spec.post_only,
                    spec.reduce_only,
                    false,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    nautilus_core::UUID4::new(),
                    now,
                )
                .map_err(|e| OpError::invalid("limit_offset", e))?,
            )
        }
    })
}

/// A trailing stop-limit's first limit price: `limit_offset` beyond the trigger (below it for
/// a SELL, above for a BUY), in the trigger's precision.
fn limit_from_trigger(side: OrderSide, trigger: Price, limit_offset: Decimal) -> OpResult<Price> {
    let d = match side {
        OrderSide::Buy => trigger.as_decimal() + limit_offset,
        _ => trigger.as_decimal() - limit_offset,
    };
    Price::from_decimal_dp(d, trigger.precision)
        .map_err(|e| OpError::invalid("limit_offset", format!("{limit_offset}: {e}")))
}

/// Where a trailing stop's trigger starts when none is given: the trailing offset away from
/// the market the order trails (Nautilus's own calculation), from the node's last quote or,
/// without one, the last price (`reference`: a real venue's last trade).
pub(super) fn initial_trailing_trigger(
    s: &Session<'_>,
    instrument: &nautilus_model::instruments::InstrumentAny,
    spec: &OrderSpec,
    reference: Option<Price>,
) -> OpResult<Option<Price>> {
    use nautilus_execution::trailing::{
        trailing_stop_calculate_with_bid_ask, trailing_stop_calculate_with_last,
    };
    let Some(t) = spec.trailing else {
        return Ok(None);
    };
    let side = match spec.side {
        OrderSide::Buy => nautilus_model::enums::OrderSideSpecified::Buy,
        _ => nautilus_model::enums::OrderSideSpecified::Sell,
    };
    let increment = instrument.price_increment();
    let market = s.market.get(&spec.instrument_id);
    let calculated = match (reference, market.and_then(|m| m.quote.as_ref())) {
        (None, Some(q)) => trailing_stop_calculate_with_bid_ask(
            increment,
            t.offset_type,
            side,
            t.offset,
            q.bid_price,
            q.ask_price,
        ),
        (Some(last), _) => {
            trailing_stop_calculate_with_last(increment, t.offset_type, side, t.offset, last)
        }
        (None, None) => match market.and_then(crate::engine::node::session::Market::last_price) {
            Some(last) => {
                trailing_stop_calculate_with_last(increment, t.offset_type, side, t.offset, last)
            }
            None => return Ok(None),
        },
    };
    calculated
        .map(Some)
        .map_err(|e| OpError::invalid("trailing_offset", e))
}
