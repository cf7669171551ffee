//! A submission given again with a client order id that is already used: the same order asked
//! for again (a retry) gets the existing order back; different parameters are an error that
//! says what differs, never the old order passed off as the new one.

use nautilus_model::{
    enums::OrderType,
    events::OrderInitialized,
    identifiers::ClientOrderId,
    orders::{Order, OrderAny},
    types::Price,
};
use rust_decimal::Decimal;

use super::{
    orders::{Kind, OrderSpec},
    session::Session,
};
use crate::{
    error::{Code, OpError, OpResult},
    store::node as db,
};

/// The order type a specification places.
fn order_type(spec: &OrderSpec) -> OrderType {
    match (spec.kind, spec.price.is_some()) {
        (Kind::Market, _) => OrderType::Market,
        (Kind::Limit, _) => OrderType::Limit,
        (Kind::Stop, true) => OrderType::StopLimit,
        (Kind::Stop, false) => OrderType::StopMarket,
        (Kind::IfTouched, true) => OrderType::LimitIfTouched,
        (Kind::IfTouched, false) => OrderType::MarketIfTouched,
        (Kind::TrailingStop, _) => OrderType::TrailingStopMarket,
    }
}

fn show<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "none".into(), |x| x.to_string())
}

fn price_differs(stored: Option<Price>, asked: Option<Decimal>) -> bool {
    stored.map(|p| p.as_decimal()) != asked
}

/// Each parameter of the order as first submitted (its `OrderInitialized`) that `spec` asks
/// differently, as `name stored, not asked`.
fn entry_differences(init: &OrderInitialized, spec: &OrderSpec, bracket: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut differs = |name: &str, stored: String, asked: String| {
        if stored != asked {
            out.push(format!("{name} {stored}, not {asked}"));
        }
    };
    differs(
        "instrument_id",
        init.instrument_id.to_string(),
        spec.instrument_id.to_string(),
    );
    differs("side", init.order_side.to_string(), spec.side.to_string());
    differs(
        "type",
        init.order_type.to_string(),
        order_type(spec).to_string(),
    );
    if init.quantity.as_decimal() != spec.quantity {
        differs(
            "quantity",
            init.quantity.to_string(),
            spec.quantity.to_string(),
        );
    }
    if price_differs(init.price, spec.price) {
        differs("price", show(init.price), show(spec.price));
    }
    if price_differs(init.trigger_price, spec.trigger_price) {
        differs(
            "trigger_price",
            show(init.trigger_price),
            show(spec.trigger_price),
        );
    }
    differs(
        "time_in_force",
        init.time_in_force.to_string(),
        spec.time_in_force.to_string(),
    );
    differs(
        "expire_time",
        show(init.expire_time.map(|t| t.as_u64())),
        show(spec.expire_time.map(|t| t.as_u64())),
    );
    differs(
        "post_only",
        init.post_only.to_string(),
        spec.post_only.to_string(),
    );
    if !bracket {
        differs(
            "reduce_only",
            init.reduce_only.to_string(),
            spec.reduce_only.to_string(),
        );
    }
    out
}

/// A stored order by client order id (cached, else from the store).
fn stored_order(s: &Session<'_>, id: &ClientOrderId) -> OpResult<Option<OrderAny>> {
    if let Some(o) = s.order(id) {
        return Ok(Some(o));
    }
    db::order(&s.w.conn, id.as_str())?
        .map(|row| {
            crate::data::currencies::from_stored_json_fast(&row.body).map_err(OpError::internal)
        })
        .transpose()
}

/// The bracket exits of a stored entry as (stop-loss trigger, take-profit price).
fn exits(s: &Session<'_>, id: ClientOrderId) -> OpResult<(Option<Price>, Option<Price>)> {
    let child = |suffix: &str| ClientOrderId::new(format!("{id}-{suffix}"));
    let sl = stored_order(s, &child("SL"))?.and_then(|o| o.init_event().trigger_price);
    let tp = stored_order(s, &child("TP"))?.and_then(|o| o.init_event().price);
    Ok((sl, tp))
}

/// Checks a submission whose client order id is used by `existing`: Ok when it asks for the
/// same order, else an `ALREADY_EXISTS` error listing what differs.
pub fn check_same(s: &Session<'_>, existing: &OrderAny, spec: &OrderSpec) -> OpResult<()> {
    let id = spec.client_order_id;
    let bracket = spec.stop_loss.is_some() || spec.take_profit.is_some();
    let mut diffs = entry_differences(existing.init_event(), spec, bracket);
    let (sl, tp) = exits(s, id)?;
    if price_differs(sl, spec.stop_loss) {
        diffs.push(format!(
            "stop_loss {}, not {}",
            show(sl),
            show(spec.stop_loss)
        ));
    }
    if price_differs(tp, spec.take_profit) {
        diffs.push(format!(
            "take_profit {}, not {}",
            show(tp),
            show(spec.take_profit)
        ));
    }
    if spec.position_id.is_some() && existing.position_id() != spec.position_id {
        diffs.push(format!(
            "position_id {}, not {}",
            show(existing.position_id()),
            show(spec.position_id)
        ));
    }
    if diffs.is_empty() {
        return Ok(());
    }
    Err(OpError::new(
        Code::AlreadyExists,
        format!(
            "client_order_id (order_id): {id} is already used by an order with other parameters ({}); a retry must repeat them, a new order needs a new id",
            diffs.join("; ")
        ),
    )
    .with_details(serde_json::json!({ "field": "client_order_id", "differences": diffs })))
}

/// The stored order using `spec`'s client order id, if any.
pub fn existing(s: &Session<'_>, spec: &OrderSpec) -> OpResult<Option<OrderAny>> {
    stored_order(s, &spec.client_order_id)
}
