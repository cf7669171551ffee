//! Placing, changing and cancelling orders on a venue, with every check recorded. Trailing
//! stops are built in `trailing`.

mod trailing;

use self::trailing::{initial_trailing_trigger, trailing_stop};

use nautilus_common::{clock::Clock, factories::OrderFactory};
use nautilus_core::UnixNanos;
use nautilus_model::{
    enums::{
        ContingencyType, OmsType, OrderSide, OrderType, PositionSide, TimeInForce,
        TrailingOffsetType, TriggerType,
    },
    events::{OrderDenied, OrderEventAny},
    identifiers::{ClientOrderId, InstrumentId, PositionId, StrategyId, TraderId},
    instruments::Instrument,
    orders::{Order, OrderAny, TrailingStopLimitOrder},
    types::{Price, Quantity},
};
use rust_decimal::Decimal;
use std::{cell::RefCell, rc::Rc};

use super::{
    rules::{self, Candidate},
    session::{Refusal, Session, VenueCtx},
    settings::VenueMode,
};
use crate::{
    error::{Code, OpError, OpResult},
    store::node as db,
};

/// The kind of order to place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Market,
    Limit,
    /// Stop-market, or stop-limit when a limit price is given.
    Stop,
    /// Market-if-touched, or limit-if-touched (a take-profit) when a limit price is given: it
    /// triggers when the market reaches the trigger from the other side than a stop.
    IfTouched,
    /// A trailing stop (market, or limit with a limit offset): the trigger follows the market
    /// at the spec's trailing offset, only ever towards it.
    TrailingStop,
}

/// A trailing stop's distances from the market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trailing {
    /// How far the trigger stays from the market.
    pub offset: Decimal,
    /// `Price` (quote units) or `BasisPoints`.
    pub offset_type: TrailingOffsetType,
    /// A trailing stop-limit: how far the limit price stays from the trigger.
    pub limit_offset: Option<Decimal>,
}

/// How a modify was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModifyMethod {
    /// Changed in place by the paper venue's matching engine.
    InPlace,
    /// The venue reduced the quantity keeping the order's queue priority.
    Amend,
    /// The venue canceled the order and placed a replacement with a new client order id.
    CancelReplace,
}

impl ModifyMethod {
    /// `in_place`, `amend_keep_priority` or `cancel_replace`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InPlace => "in_place",
            Self::Amend => "amend_keep_priority",
            Self::CancelReplace => "cancel_replace",
        }
    }
}

/// Everything needed to place an order (already parsed, not yet checked).
#[derive(Debug, Clone)]
pub struct OrderSpec {
    pub instrument_id: InstrumentId,
    pub strategy_id: StrategyId,
    pub client_order_id: ClientOrderId,
    pub side: OrderSide,
    pub kind: Kind,
    pub quantity: Decimal,
    pub price: Option<Decimal>,
    pub trigger_price: Option<Decimal>,
    pub time_in_force: TimeInForce,
    pub expire_time: Option<UnixNanos>,
    pub post_only: bool,
    pub reduce_only: bool,
    /// Bracket children: stop-loss trigger and take-profit limit.
    pub stop_loss: Option<Decimal>,
    pub take_profit: Option<Decimal>,
    /// Hedging venues: the open position the order trades against.
    pub position_id: Option<PositionId>,
    /// The trailing offsets of a [`Kind::TrailingStop`].
    pub trailing: Option<Trailing>,
    /// The venue's last price, where a trailing stop without a trigger price starts from when
    /// the node holds no market data of the instrument (a real venue).
    pub reference_price: Option<Decimal>,
}

impl OrderSpec {
    /// A GTC market order with a fresh client order id (a strategy's).
    #[must_use]
    pub fn market(
        instrument_id: InstrumentId,
        strategy_id: StrategyId,
        side: OrderSide,
        quantity: Decimal,
        position_id: Option<PositionId>,
    ) -> Self {
        Self {
            instrument_id,
            strategy_id,
            client_order_id: new_client_order_id(),
            side,
            kind: Kind::Market,
            quantity,
            price: None,
            trigger_price: None,
            time_in_force: TimeInForce::Gtc,
            expire_time: None,
            post_only: false,
            reduce_only: false,
            stop_loss: None,
            take_profit: None,
            position_id,
            trailing: None,
            reference_price: None,
        }
    }
}

/// What happened to a placement.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The entry order and any bracket children.
    pub orders: Vec<ClientOrderId>,
    /// The order already existed (a retried submission); nothing was placed.
    pub duplicate: bool,
    /// Denied by risk checks or rejected by the venue (recorded in the journal).
    pub refusal: Option<Refusal>,
}

/// Places an order (or a bracket) on its venue.
pub fn place(s: &mut Session<'_>, spec: &OrderSpec) -> OpResult<Placed> {
    let id = spec.client_order_id;
    if let Some(existing) = super::resubmit::existing(s, spec)? {
        super::resubmit::check_same(s, &existing, spec)?;
        return Ok(Placed {
            orders: vec![id],
            duplicate: true,
            refusal: None,
        });
    }
    let venue = s.require_venue(spec.instrument_id.venue)?.clone();
    if venue.mode != VenueMode::Paper {
        check_real_venue(s, &venue, spec)?;
        s.use_wall_clock();
    }
    check_position_target(s, &venue, spec)?;
    let instrument = s.ensure_instrument(spec.instrument_id)?;
    let quantity = rules::quantity("quantity", &instrument, spec.quantity)?;
    let price = spec
        .price
        .map(|p| rules::price("price", &instrument, p))
        .transpose()?;
    let trigger = match spec
        .trigger_price
        .map(|p| rules::price("trigger_price", &instrument, p))
        .transpose()?
    {
        Some(t) => Some(t),
        None => {
            let reference = spec
                .reference_price
                .map(|p| Price::from_decimal_dp(p, instrument.price_precision()))
                .transpose()
                .map_err(|e| OpError::internal(format!("the venue's last price: {e}")))?;
            initial_trailing_trigger(s, &instrument, spec, reference)?
        }
    };
    let stop_loss = spec
        .stop_loss
        .map(|p| rules::price("stop_loss", &instrument, p))
        .transpose()?;
    let take_profit = spec
        .take_profit
        .map(|p| rules::price("take_profit", &instrument, p))
        .transpose()?;
    let market_price = s
        .market
        .get(&spec.instrument_id)
        .and_then(super::session::Market::last_price);
    let value_price = price.or(trigger).or(market_price);
    if let Some(px) = value_price {
        rules::check_notional(&instrument, quantity, px)?;
    }
    // The risk engine values every order of a bracket: none may pass Money's range.
    for px in [trigger, stop_loss, take_profit].into_iter().flatten() {
        rules::check_notional(&instrument, quantity, px)?;
    }
    check_bracket_sides(spec.side, value_price, stop_loss, take_profit)?;

    let trader_id = TraderId::from(s.require_node()?.trader_id.as_str());
    let mut orders = build(
        s,
        trader_id,
        spec,
        quantity,
        price,
        trigger,
        stop_loss,
        take_profit,
        venue.mode != VenueMode::Paper,
    )?;
    if spec.position_id.is_some() {
        orders[0].set_position_id(spec.position_id);
    }
    for o in &orders {
        s.add_new_order(o)?;
    }
    let entry = &orders[0];
    let ids: Vec<ClientOrderId> = orders.iter().map(Order::client_order_id).collect();

    // The node's own limits, then Nautilus's risk engine.
    let limits = s.config.effective_risk(&s.w.settings.file.risk);
    let reduces = reduces_position(s, entry);
    let candidate = Candidate {
        instrument_id: spec.instrument_id.to_string(),
        quantity: quantity.as_decimal(),
        notional: value_price.map(|px| rules::notional(&instrument, quantity, px)),
        reduces_position: reduces,
    };
    let open = db::count_live_orders(&s.w.conn, &venue.row.name)?;
    // Counting the last second's submissions costs a scan of the journal: only with a limit,
    // and no further than the limit.
    let recent = match limits.max_order_submit_rate {
        Some(max) => {
            db::submissions_since(&s.w.conn, chrono::Utc::now().timestamp_millis() - 1000, max)?
        }
        None => 0,
    };
    let state = s.require_node()?.trading_state.clone();
    let denial = rules::node_limits(&limits, &candidate, open, recent, &state).or_else(|| {
        let max_notional = limits.max_notional_per_order;
        s.risk_check(entry, max_notional)
    });
    if let Some(mut reason) = denial {
        let code = if state == "HALTED" || reason.starts_with("trading is") {
            reason.push_str(&halt_reason(s));
            Code::TradingHalted
        } else {
            Code::OrderDenied
        };
        deny_all(s, &orders, &reason);
        return Ok(Placed {
            orders: ids,
            duplicate: false,
            refusal: Some(Refusal { code, reason }),
        });
    }
    s.submit_to_venue(&ids)?;
    let refusal = s.order(&id).and_then(|o| match o.last_event() {
        OrderEventAny::Rejected(r) => Some(Refusal {
            code: Code::OrderRejected,
            reason: r.reason.to_string(),
        }),
        _ => None,
    });
    Ok(Placed {
        orders: ids,
        duplicate: false,
        refusal,
    })
}

/// An order naming a position: only on a hedging venue, and only an open position of its
/// instrument. There, a reduce-only order must name the position it reduces.
fn check_position_target(s: &Session<'_>, venue: &VenueCtx, spec: &OrderSpec) -> OpResult<()> {
    let hedging = venue
        .paper
        .as_ref()
        .is_some_and(|p| p.oms_type() == OmsType::Hedging);
    let Some(position_id) = spec.position_id else {
        if hedging && spec.reduce_only {
            return Err(OpError::invalid(
                "position_id",
                format!(
                    "{} keeps a position per entry (HEDGING): a reduce-only order must name the position it reduces",
                    venue.row.name
                ),
            ));
        }
        return Ok(());
    };
    if !hedging {
        return Err(OpError::invalid(
            "position_id",
            format!(
                "{} nets positions (one per instrument and strategy): only a HEDGING venue takes a position id",
                venue.row.name
            ),
        ));
    }
    let open: Vec<String> = s
        .positions(spec.instrument_id.venue)
        .iter()
        .filter(|p| p.is_open() && p.instrument_id == spec.instrument_id)
        .map(|p| p.id.to_string())
        .collect();
    if !open.contains(&position_id.to_string()) {
        return Err(OpError::invalid(
            "position_id",
            format!(
                "{position_id} is not an open position of {} (open: {})",
                spec.instrument_id,
                if open.is_empty() {
                    "none".into()
                } else {
                    open.join(", ")
                }
            ),
        ));
    }
    Ok(())
}

/// ` (why: ...)` for a node that is not active, from its stored reason.
fn halt_reason(s: &Session<'_>) -> String {
    s.node
        .as_ref()
        .and_then(|n| n.state_reason.as_deref())
        .map(|r| format!(" (why: {r})"))
        .unwrap_or_default()
}

/// What Binance Spot cannot take, refused before anything is recorded.
fn check_real_venue(s: &Session<'_>, venue: &VenueCtx, spec: &OrderSpec) -> OpResult<()> {
    let name = format!("{} ({})", venue.row.name, venue.mode.as_str());
    if spec.stop_loss.is_some() || spec.take_profit.is_some() {
        return Err(OpError::invalid(
            "stop_loss",
            format!("brackets are not supported on {name}; place the exits as separate orders"),
        ));
    }
    if !matches!(
        spec.time_in_force,
        TimeInForce::Gtc | TimeInForce::Ioc | TimeInForce::Fok
    ) {
        return Err(OpError::invalid(
            "time_in_force",
            format!(
                "{name} supports GTC, IOC and FOK, not {}",
                spec.time_in_force
            ),
        ));
    }
    if matches!(spec.kind, Kind::Stop | Kind::IfTouched) && spec.price.is_none() {
        return Err(OpError::invalid(
            "price",
            format!(
                "{name} takes stop-limit and take-profit-limit orders: give the limit price as well as the trigger"
            ),
        ));
    }
    if spec.post_only && spec.time_in_force != TimeInForce::Gtc {
        return Err(OpError::invalid(
            "post_only",
            format!(
                "a post-only order on {name} is a LIMIT_MAKER order, which rests (GTC); not {}",
                spec.time_in_force
            ),
        ));
    }
    if spec.reduce_only {
        // Spot has no reduce-only flag: the node enforces it against its position.
        let net: Decimal = s
            .positions(spec.instrument_id.venue)
            .iter()
            .filter(|p| p.instrument_id == spec.instrument_id && p.is_open())
            .map(|p| match p.side {
                PositionSide::Long => p.quantity.as_decimal(),
                PositionSide::Short => -p.quantity.as_decimal(),
                _ => Decimal::ZERO,
            })
            .sum();
        let reduces = match spec.side {
            OrderSide::Buy => net < Decimal::ZERO && spec.quantity <= -net,
            _ => net > Decimal::ZERO && spec.quantity <= net,
        };
        if !reduces {
            return Err(OpError::invalid(
                "reduce_only",
                format!(
                    "a reduce-only {} of {} would not reduce the node's position of {} on {}",
                    spec.side,
                    spec.quantity,
                    net.normalize(),
                    spec.instrument_id
                ),
            ));
        }
    }
    Ok(())
}

/// Whether an order only reduces what is held: the net position of its instrument, or on a
/// hedging venue the position it names (an order naming none opens one of its own).
fn reduces_position(s: &Session<'_>, order: &OrderAny) -> bool {
    let hedging = s
        .venues
        .get(&order.instrument_id().venue)
        .and_then(|v| v.paper.as_ref())
        .is_some_and(|p| p.oms_type() == OmsType::Hedging);
    if hedging && order.position_id().is_none() {
        return false;
    }
    let net: Decimal = s
        .positions(order.instrument_id().venue)
        .iter()
        .filter(|p| p.instrument_id == order.instrument_id() && p.is_open())
        .filter(|p| !hedging || order.position_id() == Some(p.id))
        .map(|p| match p.side {
            PositionSide::Long => p.quantity.as_decimal(),
            PositionSide::Short => -p.quantity.as_decimal(),
            _ => Decimal::ZERO,
        })
        .sum();
    match order.order_side() {
        OrderSide::Buy => net < Decimal::ZERO && order.quantity().as_decimal() <= -net,
        OrderSide::Sell => net > Decimal::ZERO && order.quantity().as_decimal() <= net,
        OrderSide::NoOrderSide => false,
    }
}

fn deny_all(s: &Session<'_>, orders: &[OrderAny], reason: &str) {
    let ts = s.now();
    for o in orders {
        s.record_order_event(OrderEventAny::Denied(OrderDenied::new(
            o.trader_id(),
            o.strategy_id(),
            o.instrument_id(),
            o.client_order_id(),
            reason.into(),
            nautilus_core::UUID4::new(),
            ts,
            ts,
        )));
    }
}

fn check_bracket_sides(
    side: OrderSide,
    reference: Option<Price>,
    sl: Option<Price>,
    tp: Option<Price>,
) -> OpResult<()> {
    let Some(r) = reference else { return Ok(()) };
    let buy = side == OrderSide::Buy;
    if let Some(sl) = sl
        && ((buy && sl >= r) || (!buy && sl <= r))
    {
        return Err(OpError::invalid(
            "stop_loss",
            format!(
                "{sl} must be {} the entry price {r} for a {side} order",
                if buy { "below" } else { "above" }
            ),
        ));
    }
    if let Some(tp) = tp
        && ((buy && tp <= r) || (!buy && tp >= r))
    {
        return Err(OpError::invalid(
            "take_profit",
            format!(
                "{tp} must be {} the entry price {r} for a {side} order",
                if buy { "above" } else { "below" }
            ),
        ));
    }
    Ok(())
}

#[expect(clippy::too_many_arguments)]
fn build(
    s: &Session<'_>,
    trader_id: TraderId,
    spec: &OrderSpec,
    quantity: Quantity,
    price: Option<Price>,
    trigger: Option<Price>,
    stop_loss: Option<Price>,
    take_profit: Option<Price>,
    real: bool,
) -> OpResult<Vec<OrderAny>> {
    let clock: Rc<RefCell<dyn Clock>> = s.w.clock.clone();
    let mut f = OrderFactory::new(trader_id, spec.strategy_id, None, None, clock, true, true);
    let id = spec.client_order_id;
    let tif = Some(spec.time_in_force);
    let bad = |field: &str, e: String| OpError::invalid(field, e);
    // A limit-if-touched (take-profit-limit) order triggers on the far side of its limit.
    if spec.kind == Kind::IfTouched
        && let (Some(px), Some(trig)) = (price, trigger)
    {
        let (ok, relation) = match spec.side {
            OrderSide::Buy => (trig <= px, "at or below"),
            _ => (trig >= px, "at or above"),
        };
        if !ok {
            return Err(bad(
                "trigger_price",
                format!(
                    "{trig} must be {relation} the limit price {px} for a {} limit-if-touched order",
                    spec.side
                ),
            ));
        }
    }
    if stop_loss.is_some() || take_profit.is_some() {
        let (Some(sl), Some(tp)) = (stop_loss, take_profit) else {
            return Err(bad(
                if stop_loss.is_none() {
                    "stop_loss"
                } else {
                    "take_profit"
                },
                "a bracket needs both stop_loss and take_profit".into(),
            ));
        };
        let entry_type = match spec.kind {
            Kind::Market => OrderType::Market,
            Kind::Limit => OrderType::Limit,
            Kind::Stop if price.is_some() => OrderType::StopLimit,
            Kind::IfTouched if price.is_some() => OrderType::LimitIfTouched,
            Kind::Stop | Kind::IfTouched => {
                return Err(bad(
                    "price",
                    "a stop entry in a bracket needs a limit price (stop-limit)".into(),
                ));
            }
            Kind::TrailingStop => {
                return Err(bad(
                    "stop_loss",
                    "a trailing stop cannot be a bracket's entry".into(),
                ));
            }
        };
        let child = |suffix: &str| ClientOrderId::new(format!("{id}-{suffix}"));
        let orders = f
            .bracket()
            .instrument_id(spec.instrument_id)
            .order_side(spec.side)
            .quantity(quantity)
            .contingency_type(ContingencyType::Oco)
            .entry_order_type(entry_type)
            .maybe_entry_price(price)
            .maybe_entry_trigger_price(trigger)
            .maybe_expire_time(spec.expire_time)
            .time_in_force(spec.time_in_force)
            .entry_post_only(spec.post_only)
            .entry_client_order_id(id)
            .tp_price(tp)
            .tp_post_only(false)
            .tp_client_order_id(child("TP"))
            .sl_trigger_price(sl)
            .sl_client_order_id(child("SL"))
            .call();
        return Ok(orders);
    }
    let order = match spec.kind {
        Kind::Market => {
            if spec.time_in_force == TimeInForce::Gtd {
                return Err(bad(
                    "time_in_force",
                    "GTD is not valid for market orders".into(),
                ));
            }
            f.market(
                spec.instrument_id,
                spec.side,
                quantity,
                tif,
                Some(spec.reduce_only),
                None,
                None,
                None,
                None,
                Some(id),
            )
        }
        Kind::Limit => {
            let px = price.ok_or_else(|| bad("price", "a limit order needs a price".into()))?;
            f.limit(
                spec.instrument_id,
                spec.side,
                quantity,
                px,
                tif,
                spec.expire_time,
                Some(spec.post_only),
                Some(spec.reduce_only),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                Some(id),
            )
        }
        Kind::TrailingStop => trailing_stop(
            &mut f,
            (trader_id, s.now()),
            spec,
            quantity,
            price,
            trigger,
            real,
        )?,
        Kind::IfTouched | Kind::Stop => {
            let if_touched = spec.kind == Kind::IfTouched;
            let trig = trigger.ok_or_else(|| {
                let what = if if_touched {
                    "an if-touched"
                } else {
                    "a stop"
                };
                bad(
                    "trigger_price",
                    format!("{what} order needs a trigger_price"),
                )
            })?;
            match price {
                Some(px) => {
                    // The same parameters; only the order type differs.
                    let limit = if if_touched {
                        OrderFactory::limit_if_touched
                    } else {
                        OrderFactory::stop_limit
                    };
                    limit(
                        &mut f,
                        spec.instrument_id,
                        spec.side,
                        quantity,
                        px,
                        trig,
                        Some(TriggerType::Default),
                        tif,
                        spec.expire_time,
                        Some(spec.post_only),
                        Some(spec.reduce_only),
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        Some(id),
                    )
                }
                None if if_touched => f.market_if_touched(
                    spec.instrument_id,
                    spec.side,
                    quantity,
                    trig,
                    Some(TriggerType::Default),
                    tif,
                    spec.expire_time,
                    Some(spec.reduce_only),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(id),
                ),
                None => f.stop_market(
                    spec.instrument_id,
                    spec.side,
                    quantity,
                    trig,
                    Some(TriggerType::Default),
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
                    Some(id),
                ),
            }
        }
    };
    Ok(vec![order])
}

/// Cancels an open order; `Ok(Some(refusal))` if the venue refused.
pub fn cancel(s: &mut Session<'_>, id: ClientOrderId) -> OpResult<Option<Refusal>> {
    let order = open_order(s, id, "cancel")?;
    s.cancel(&order)?;
    s.sweep_contingencies()?;
    Ok(s.order(&id).and_then(|o| match o.last_event() {
        OrderEventAny::CancelRejected(r) => Some(Refusal {
            code: Code::OrderRejected,
            reason: r.reason.to_string(),
        }),
        _ => None,
    }))
}

/// Changes an open order's quantity, price or trigger; `Ok(Some(refusal))` if the venue
/// refused.
pub fn modify(
    s: &mut Session<'_>,
    id: ClientOrderId,
    quantity: Option<Decimal>,
    price: Option<Decimal>,
    trigger: Option<Decimal>,
) -> OpResult<Option<Refusal>> {
    let order = open_order(s, id, "modify")?;
    if s.require_node()?.trading_state == "HALTED" {
        return Err(OpError::new(
            Code::TradingHalted,
            format!(
                "order {id} cannot be modified: trading is HALTED{}; cancel it, or ask an admin to resume the node",
                halt_reason(s)
            ),
        ));
    }
    let instrument = s.ensure_instrument(order.instrument_id())?;
    if quantity.is_none() && price.is_none() && trigger.is_none() {
        return Err(OpError::invalid(
            "quantity",
            "give a new quantity, price or trigger_price",
        ));
    }
    let q = quantity
        .map(|d| rules::quantity("quantity", &instrument, d))
        .transpose()?;
    if let Some(q) = q
        && q < order.filled_qty()
    {
        return Err(OpError::invalid(
            "quantity",
            format!("{q} is below the {} already filled", order.filled_qty()),
        ));
    }
    let p = price
        .map(|d| rules::price("price", &instrument, d))
        .transpose()?;
    if p.is_some() && order.price().is_none() {
        return Err(OpError::invalid(
            "price",
            format!("{} orders have no limit price", order.order_type()),
        ));
    }
    let t = trigger
        .map(|d| rules::price("trigger_price", &instrument, d))
        .transpose()?;
    if t.is_some() && order.trigger_price().is_none() {
        return Err(OpError::invalid(
            "trigger_price",
            format!("{} orders have no trigger price", order.order_type()),
        ));
    }
    s.modify(&order, q, p, t)?;
    Ok(s.order(&id).and_then(|o| match o.last_event() {
        OrderEventAny::ModifyRejected(r) => Some(Refusal {
            code: Code::OrderRejected,
            reason: r.reason.to_string(),
        }),
        _ => None,
    }))
}

/// An open order, or a client error saying why the operation cannot apply.
fn open_order(s: &Session<'_>, id: ClientOrderId, action: &str) -> OpResult<OrderAny> {
    if let Some(o) = s.order(&id)
        && o.is_open()
    {
        return Ok(o);
    }
    match db::order(&s.w.conn, id.as_str())? {
        Some(row) => Err(OpError::state(format!(
            "order {id} is {}; only open orders can be {}",
            row.status,
            if action == "cancel" {
                "cancelled"
            } else {
                "modified"
            }
        ))
        .with_details(serde_json::json!({ "status": row.status }))),
        None => Err(OpError::not_found("order", id)),
    }
}

/// Cancels every open order of an instrument (optionally one side); returns the ids.
pub fn cancel_all(
    s: &mut Session<'_>,
    instrument_id: InstrumentId,
    side: Option<OrderSide>,
) -> OpResult<Vec<ClientOrderId>> {
    let open: Vec<OrderAny> =
        s.w.cache
            .borrow()
            .orders_open(None, Some(&instrument_id), None, None, side)
            .iter()
            .map(|o| o.cloned())
            .collect();
    let mut ids = Vec::new();
    for o in open {
        if !o.is_open() || s.order(&o.client_order_id()).is_some_and(|c| !c.is_open()) {
            continue;
        }
        s.cancel(&o)?;
        ids.push(o.client_order_id());
    }
    if side.is_none() && s.is_real(instrument_id.venue) {
        s.coalesce_cancels(instrument_id);
    }
    s.sweep_contingencies()?;
    Ok(ids)
}

/// A fresh client order id, unique across processes: `MCP-<millis>-<32 random bits>`.
#[must_use]
pub fn new_client_order_id() -> ClientOrderId {
    use rand::Rng;
    let bits: u32 = rand::rng().random();
    ClientOrderId::new(format!(
        "MCP-{}-{bits:08x}",
        chrono::Utc::now().timestamp_millis()
    ))
}

/// Checks a caller's client order id (Binance's rules: 1-36 of `A-Za-z0-9._:/-`).
pub fn parse_client_order_id(field: &str, text: &str) -> OpResult<ClientOrderId> {
    let t = text.trim();
    if t.is_empty()
        || t.len() > 36
        || !t
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._:/-".contains(c))
    {
        return Err(OpError::invalid(
            field,
            format!("'{text}' is not a client order id (1-36 letters, digits or . _ : / -)"),
        ));
    }
    Ok(ClientOrderId::new(t))
}

/// Cancels the open orders one strategy has on an instrument.
pub fn cancel_all_of_strategy(
    s: &mut Session<'_>,
    instrument_id: InstrumentId,
    strategy_id: StrategyId,
) -> OpResult<()> {
    let open: Vec<OrderAny> =
        s.w.cache
            .borrow()
            .orders_open(None, Some(&instrument_id), Some(&strategy_id), None, None)
            .iter()
            .map(|o| o.cloned())
            .collect();
    for o in open {
        if s.order(&o.client_order_id()).is_some_and(|c| c.is_open()) {
            s.cancel(&o)?;
        }
    }
    s.sweep_contingencies()
}
