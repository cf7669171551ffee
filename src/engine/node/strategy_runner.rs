//! Built-in strategies attached to the node: the same signal models as the backtests, trading
//! the paper market as it advances.

use nautilus_model::{
    data::{Bar, BarType},
    enums::{OmsType, OrderSide, PositionSide},
    identifiers::{InstrumentId, PositionId, StrategyId},
    position::Position,
};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{
    orders::{self, OrderSpec},
    session::Session,
    world::World,
};
use crate::{
    data::{self, codec::BarRow},
    engine::strategies::{
        self, StrategyPlan,
        signals::{BarPrices, Direction, SignalModel},
    },
    error::{OpError, OpResult},
    store::{catalog, node as db},
};

/// A running strategy instance.
struct Instance {
    row: db::StrategyRow,
    plan: StrategyPlan,
    model: Box<dyn SignalModel>,
    direction: Direction,
    bar_type: BarType,
    strategy_id: StrategyId,
    instrument_id: InstrumentId,
    trade_size: Decimal,
}

/// Runs the attached strategies on bars as the market advances.
pub struct Runner {
    instances: Vec<Instance>,
    notes: Vec<String>,
}

/// Parses a stored direction.
#[must_use]
pub fn direction_of(text: &str) -> Direction {
    match text {
        "LONG" => Direction::Long,
        "SHORT" => Direction::Short,
        _ => Direction::Flat,
    }
}

/// A direction as stored.
#[must_use]
pub const fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Long => "LONG",
        Direction::Short => "SHORT",
        Direction::Flat => "FLAT",
    }
}

fn prices(r: &BarRow, pp: u8) -> BarPrices {
    let p = |m: i64| data::nautilus::price(m, pp).as_f64();
    BarPrices {
        high: p(r.high),
        low: p(r.low),
        close: p(r.close),
    }
}

impl Runner {
    /// Loads the running strategies and warms their indicators up on the bars since they were
    /// attached (without trading).
    pub fn load(w: &World) -> OpResult<Self> {
        let market_ts = db::node(&w.conn)?.and_then(|n| n.market_ts);
        let mut instances = Vec::new();
        for row in db::strategies(&w.conn, true)? {
            let params: Map<String, Value> =
                serde_json::from_str(&row.parameters).map_err(OpError::internal)?;
            let plan = strategies::plan(&row.strategy_id, &params)?;
            let mut model = (plan.signal)();
            let direction = direction_of(&row.direction);
            let bar_type: BarType = row
                .bar_key
                .parse()
                .map_err(|e| OpError::internal(format!("stored bar type: {e:?}")))?;
            if let (Some(meta), Some(to)) = (catalog::get(&w.conn, &row.bar_key)?, market_ts) {
                for r in catalog::read::<BarRow>(&w.conn, &meta, row.attached_ts, to)? {
                    let _ = model.on_bar(prices(&r, meta.price_precision), direction);
                }
            }
            let trade_size = plan.common.trade_size.map(|d| d.get()).unwrap_or_default();
            instances.push(Instance {
                strategy_id: StrategyId::from(row.instance_id.as_str()),
                instrument_id: InstrumentId::from(row.instrument_id.as_str()),
                row,
                plan,
                model,
                direction,
                bar_type,
                trade_size,
            });
        }
        Ok(Self {
            instances,
            notes: Vec::new(),
        })
    }

    /// Feeds a bar to the strategies that trade it; returns the orders they placed.
    pub fn on_bar(&mut self, s: &mut Session<'_>, bar: &Bar) -> OpResult<u64> {
        let mut placed = 0;
        for inst in self
            .instances
            .iter_mut()
            .filter(|i| i.bar_type == bar.bar_type)
        {
            let net = net_position(s, inst);
            // A stop or target that closed the position leaves the strategy flat.
            if net.is_zero() && inst.direction != Direction::Flat && !has_live_orders(s, inst) {
                inst.direction = Direction::Flat;
            }
            let prices = BarPrices {
                high: bar.high.as_f64(),
                low: bar.low.as_f64(),
                close: bar.close.as_f64(),
            };
            let Some(mut wanted) = inst.model.on_bar(prices, inst.direction) else {
                continue;
            };
            if wanted == Direction::Short && !inst.plan.common.allow_short {
                wanted = Direction::Flat;
            }
            if wanted == inst.direction {
                continue;
            }
            // The kill switch: a halted node stops every strategy from trading (their
            // indicators keep up with the bars); reduce-only lets them exit, not enter.
            match s.require_node()?.trading_state.as_str() {
                "HALTED" => continue,
                "REDUCING" if wanted != Direction::Flat => continue,
                _ => {}
            }
            orders::cancel_all_of_strategy(s, inst.instrument_id, inst.strategy_id)?;
            let mut refused = false;
            for spec in moves(s, inst, net, wanted, bar)? {
                let out = orders::place(s, &spec)?;
                placed += out.orders.len() as u64;
                if let Some(r) = out.refusal {
                    let note = format!("{}: order refused: {}", inst.row.instance_id, r.reason);
                    if !self.notes.contains(&note) {
                        self.notes.push(note);
                    }
                    refused = true;
                    break;
                }
            }
            if refused {
                continue;
            }
            inst.direction = wanted;
        }
        Ok(placed)
    }

    /// Stores each strategy's direction.
    pub fn save(&self, s: &Session<'_>) -> OpResult<()> {
        for inst in &self.instances {
            let mut row = inst.row.clone();
            row.direction = direction_name(inst.direction).into();
            db::upsert_strategy(&s.w.conn, &row)?;
        }
        Ok(())
    }

    /// What the strategies had to say.
    #[must_use]
    pub fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }
}

/// The market orders that take a strategy from its position to `wanted`: on a netting venue
/// one order for the difference; on a hedging venue one order closing each of its positions,
/// then an entry of its own. An entry carries the strategy's bracket exits.
fn moves(
    s: &mut Session<'_>,
    inst: &Instance,
    net: Decimal,
    wanted: Direction,
    bar: &Bar,
) -> OpResult<Vec<OrderSpec>> {
    let order = |side, quantity, position_id| {
        OrderSpec::market(
            inst.instrument_id,
            inst.strategy_id,
            side,
            quantity,
            position_id,
        )
    };
    let side_of = |delta: Decimal| {
        if delta > Decimal::ZERO {
            OrderSide::Buy
        } else {
            OrderSide::Sell
        }
    };
    let target = inst.trade_size * Decimal::from(wanted.sign());
    let mut out = Vec::new();
    let entry = if is_hedging(s, inst.instrument_id) {
        for (side, quantity, position_id) in closing_orders(s, inst.instrument_id, inst.strategy_id)
        {
            out.push(order(side, quantity, position_id));
        }
        target
    } else {
        target - net
    };
    if !entry.is_zero() {
        let mut spec = order(side_of(entry), entry.abs(), None);
        if wanted != Direction::Flat {
            (spec.stop_loss, spec.take_profit) = exits(s, inst, wanted, bar)?;
        }
        out.push(spec);
    }
    Ok(out)
}

/// The bracket exits of an entry at the bar's close, when the strategy sets both.
fn exits(
    s: &mut Session<'_>,
    inst: &Instance,
    wanted: Direction,
    bar: &Bar,
) -> OpResult<(Option<Decimal>, Option<Decimal>)> {
    let (Some(sl), Some(tp)) = (inst.plan.common.stop_loss, inst.plan.common.take_profit) else {
        return Ok((None, None));
    };
    let instrument = s.ensure_instrument(inst.instrument_id)?;
    let step = nautilus_model::instruments::Instrument::price_increment(&instrument).as_decimal();
    let round = |px: Decimal| (px / step).round() * step;
    let close = bar.close.as_decimal();
    let sign = Decimal::from(wanted.sign());
    Ok((
        Some(round(close * (Decimal::ONE - sign * sl.get()))),
        Some(round(close * (Decimal::ONE + sign * tp.get()))),
    ))
}

/// The market orders that close what a strategy holds in an instrument: its net position on
/// a netting venue, each of its positions (named) on a hedging one.
#[must_use]
pub fn closing_orders(
    s: &Session<'_>,
    instrument_id: InstrumentId,
    strategy_id: StrategyId,
) -> Vec<(OrderSide, Decimal, Option<PositionId>)> {
    let positions: Vec<Position> = s
        .positions(instrument_id.venue)
        .into_iter()
        .filter(|p| p.strategy_id == strategy_id && p.instrument_id == instrument_id && p.is_open())
        .collect();
    if is_hedging(s, instrument_id) {
        return positions
            .iter()
            .map(|p| (p.closing_order_side(), p.quantity.as_decimal(), Some(p.id)))
            .collect();
    }
    let net: Decimal = positions.iter().map(signed_quantity).sum();
    if net.is_zero() {
        return Vec::new();
    }
    let side = if net > Decimal::ZERO {
        OrderSide::Sell
    } else {
        OrderSide::Buy
    };
    vec![(side, net.abs(), None)]
}

fn is_hedging(s: &Session<'_>, instrument_id: InstrumentId) -> bool {
    s.venues
        .get(&instrument_id.venue)
        .and_then(|v| v.paper.as_ref())
        .is_some_and(|p| p.oms_type() == OmsType::Hedging)
}

fn signed_quantity(p: &Position) -> Decimal {
    match p.side {
        PositionSide::Long => p.quantity.as_decimal(),
        PositionSide::Short => -p.quantity.as_decimal(),
        _ => Decimal::ZERO,
    }
}

fn net_position(s: &Session<'_>, inst: &Instance) -> Decimal {
    s.positions(inst.instrument_id.venue)
        .iter()
        .filter(|p| {
            p.strategy_id == inst.strategy_id
                && p.instrument_id == inst.instrument_id
                && p.is_open()
        })
        .map(signed_quantity)
        .sum()
}

fn has_live_orders(s: &Session<'_>, inst: &Instance) -> bool {
    s.w.cache
        .borrow()
        .orders_open(
            None,
            Some(&inst.instrument_id),
            Some(&inst.strategy_id),
            None,
            None,
        )
        .iter()
        .any(|o| !nautilus_model::orders::Order::is_reduce_only(&**o))
}
