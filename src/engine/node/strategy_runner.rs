//! Strategies attached to the node: the same evaluator as the backtests, trading through the
//! node's order path (its risk limits, the kill switch and the journal) as the market advances.
//!
//! The runner feeds each bar to the instances that trade it. Before deciding, it brings the
//! evaluator up to date with what happened since the last bar, in the order a backtest's
//! Nautilus events would: a position that opened gets its exit orders; a position that closed
//! by one of them leaves the strategy flat; a limit or stop entry that ended unfilled does too.

use nautilus_model::{
    data::{Bar, BarType},
    enums::{OmsType, OrderSide, PositionSide, TimeInForce},
    identifiers::{ClientOrderId, InstrumentId, PositionId, StrategyId},
    instruments::{Instrument, InstrumentAny},
    orders::Order,
    position::Position,
};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{
    orders::{self, Kind, OrderSpec},
    session::Session,
    world::World,
};
use crate::{
    data::{self, codec::BarRow},
    engine::strategies::{
        self, StrategyPlan,
        eval::{
            Account, Action, AllIn, EntryOrder, Evaluator, ExitOrder, InstrumentFacts, Permit,
            PositionView, Setup,
        },
        lang::{document::Definition, plan::Side},
        lang_error,
    },
    error::{OpError, OpResult},
    store::{catalog, node as db},
};

/// A running strategy instance.
struct Instance {
    row: db::StrategyRow,
    evaluator: Evaluator,
    bar_type: BarType,
    strategy_id: StrategyId,
    instrument_id: InstrumentId,
    /// When the position the evaluator last heard of opened (ns).
    seen_position: Option<i64>,
    /// Working exit orders (stop-loss, take-profit, trailing stop).
    exits: Vec<ClientOrderId>,
    /// A working limit or stop entry.
    entry: Option<ClientOrderId>,
    /// Whether `exits` and `entry` were read from the node's orders yet.
    synced: bool,
    /// The last bar traded on.
    last_ts: i64,
}

/// Runs the attached strategies on bars as the market advances.
pub struct Runner {
    instances: Vec<Instance>,
    notes: Vec<String>,
}

/// The plan of an attached instance: the definition it was attached with (a built-in's from
/// the program).
pub fn instance_plan(row: &db::StrategyRow) -> OpResult<StrategyPlan> {
    let params: Map<String, Value> =
        serde_json::from_str(&row.parameters).map_err(OpError::internal)?;
    match &row.definition {
        Some(json) => {
            let value: Value = serde_json::from_str(json).map_err(OpError::internal)?;
            let def = Definition::from_json(&value).map_err(lang_error)?;
            strategies::plan_definition(&row.strategy_id, &def, row.definition_version, &params)
        }
        None => strategies::plan(&row.strategy_id, &params),
    }
}

/// The facts an evaluator needs about an instrument.
#[must_use]
pub fn facts(instrument: &InstrumentAny) -> InstrumentFacts {
    InstrumentFacts {
        instrument_id: instrument.id(),
        price_increment: instrument.price_increment(),
        size_increment: instrument.size_increment(),
        min_quantity: instrument.min_quantity(),
        multiplier: instrument.multiplier().as_decimal(),
    }
}

fn view(p: &Position) -> PositionView {
    PositionView {
        side: match p.side {
            PositionSide::Long => Side::Long,
            PositionSide::Short => Side::Short,
            _ => Side::Flat,
        },
        quantity: p.quantity.as_decimal(),
        entry_price: p.avg_px_open,
        opened_ns: p.ts_opened.as_u64() as i64,
    }
}

fn signed_quantity(p: &Position) -> Decimal {
    match p.side {
        PositionSide::Long => p.quantity.as_decimal(),
        PositionSide::Short => -p.quantity.as_decimal(),
        _ => Decimal::ZERO,
    }
}

impl Runner {
    /// Loads the running strategies of paper venues and warms their indicators up on the
    /// catalog's bars since they were attached (without trading).
    pub fn load(w: &World) -> OpResult<Self> {
        let market_ts = db::node(&w.conn)?.and_then(|n| n.market_ts);
        let mut instances = Vec::new();
        for row in db::strategies(&w.conn, true)? {
            let paper = db::venue(&w.conn, &row.venue)?.is_none_or(|v| v.mode == "paper");
            if !paper {
                continue;
            }
            let mut history = Vec::new();
            if let (Some(meta), Some(to)) = (catalog::get(&w.conn, &row.bar_key)?, market_ts) {
                let bar_type = bar_type_of(&row)?;
                let (pp, sp) = (meta.price_precision, meta.size_precision);
                for mut r in catalog::read::<BarRow>(&w.conn, &meta, row.attached_ts + 1, to)? {
                    r.volume = crate::engine::backtest::catalog_batches::engine_volume(r.volume);
                    history.push(data::nautilus::bar(bar_type, &r, pp, sp));
                }
            }
            instances.push(Instance::load(w, row, &history)?);
        }
        Ok(Self {
            instances,
            notes: Vec::new(),
        })
    }

    /// Loads one running strategy (of a venue in testnet or live mode) warmed up on `history`,
    /// the bars it already traded on.
    pub fn load_instance(w: &World, instance_id: &str, history: &[Bar]) -> OpResult<Self> {
        let row = db::strategies(&w.conn, true)?
            .into_iter()
            .find(|r| r.instance_id == instance_id)
            .ok_or_else(|| OpError::not_found("running strategy", instance_id))?;
        Ok(Self {
            instances: vec![Instance::load(w, row, history)?],
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
            inst.evaluator
                .set_hedging(is_hedging(s, inst.instrument_id));
            if !inst.synced {
                sync_orders(s, inst);
            }
            // What the market did since the last bar (a fill, a stop that closed); the exits
            // of a position that opened wait for the decision, which may leave it at once.
            let (mut step, held) = observe_market(s, inst, &mut self.notes)?;
            // The kill switch: a halted node stops every strategy from trading (their
            // indicators keep up with the bars); reduce-only lets them exit, not enter.
            let permit = match s.require_node()?.trading_state.as_str() {
                "HALTED" => Permit::Nothing,
                "REDUCING" => Permit::ExitsOnly,
                _ => Permit::All,
            };
            let account = NodeAccount::new(s, inst);
            let actions = inst.evaluator.on_bar(bar, &account, permit);
            step += place_decided(s, inst, held, actions, &mut self.notes)?;
            // As a backtest settles its venue after a strategy's orders: the engine acts on
            // them (an entry that fills gets its exits, which the engine acts on in turn).
            while step > 0 {
                placed += step;
                s.settle(inst.instrument_id)?;
                step = catch_up(s, inst, &mut self.notes)?;
            }
            inst.last_ts = bar.ts_event.as_u64() as i64;
            for n in inst.evaluator.take_notes() {
                let note = format!("{}: {n}", inst.row.instance_id);
                if !self.notes.contains(&note) {
                    self.notes.push(note);
                }
            }
        }
        Ok(placed)
    }

    /// Stores each strategy's side.
    pub fn save(&self, s: &Session<'_>) -> OpResult<()> {
        for inst in &self.instances {
            let mut row = inst.row.clone();
            row.direction = inst.evaluator.intent().name().into();
            row.last_bar_ts = Some(inst.last_ts);
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

fn bar_type_of(row: &db::StrategyRow) -> OpResult<BarType> {
    row.bar_key
        .parse()
        .map_err(|e| OpError::internal(format!("stored bar type: {e:?}")))
}

impl Instance {
    /// An attached strategy's evaluator, warmed up on `history` (bars it already traded on).
    fn load(w: &World, row: db::StrategyRow, history: &[Bar]) -> OpResult<Self> {
        let plan = instance_plan(&row)?;
        let bar_type = bar_type_of(&row)?;
        let instrument =
            crate::store::instruments::require(&w.conn, "instrument_id", &row.instrument_id)?
                .def
                .to_nautilus()?;
        let spec = bar_type.spec();
        let mut evaluator = Evaluator::new(
            plan.plan.clone(),
            Setup {
                facts: facts(&instrument),
                all_in: AllIn::Unavailable,
                hedging: false,
                bar_step_ns: data::spec_step_ns(&spec),
                bar_spec: spec,
            },
        )
        .map_err(lang_error)?;
        evaluator.set_intent(Side::named(&row.direction));
        let strategy_id = StrategyId::from(row.instance_id.as_str());
        let instrument_id = instrument.id();
        let position = open_position(w, &row.venue, strategy_id, instrument_id)?;
        let mut last_ts = row.attached_ts;
        for bar in history {
            evaluator.observe(bar, position.as_ref());
            last_ts = bar.ts_event.as_u64() as i64;
        }
        let _ = evaluator.take_notes();
        Ok(Self {
            strategy_id,
            instrument_id,
            row,
            evaluator,
            bar_type,
            seen_position: position.map(|p| p.opened_ns),
            exits: Vec::new(),
            entry: None,
            synced: false,
            last_ts,
        })
    }
}

/// The strategy's open position, from the store (before any session is open).
fn open_position(
    w: &World,
    venue: &str,
    strategy_id: StrategyId,
    instrument_id: InstrumentId,
) -> OpResult<Option<PositionView>> {
    let mut latest: Option<PositionView> = None;
    for r in db::positions(&w.conn, Some(venue), true)? {
        let p: Position = crate::data::currencies::from_stored_json_fast(&r.body)
            .map_err(|e| OpError::internal(format!("stored position: {e}")))?;
        if p.strategy_id == strategy_id && p.instrument_id == instrument_id && p.is_open() {
            let v = view(&p);
            if latest.is_none_or(|l| l.opened_ns < v.opened_ns) {
                latest = Some(v);
            }
        }
    }
    Ok(latest)
}

/// Reads the strategy's working orders: reduce-only ones are its exits, others its entry.
fn sync_orders(s: &Session<'_>, inst: &mut Instance) {
    let open: Vec<(ClientOrderId, bool)> =
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
            .map(|o| (o.client_order_id(), o.is_reduce_only()))
            .collect();
    inst.exits = open.iter().filter(|o| o.1).map(|o| o.0).collect();
    inst.entry = open.iter().find(|o| !o.1).map(|o| o.0);
    inst.evaluator.set_exits_live(!inst.exits.is_empty());
    inst.synced = true;
}

/// Tells the evaluator what happened since it last heard: an entry that ended unfilled, a
/// position that closed (by one of its exits or otherwise) or opened (its exits are placed).
fn catch_up(s: &mut Session<'_>, inst: &mut Instance, notes: &mut Vec<String>) -> OpResult<u64> {
    let (placed, held) = observe_market(s, inst, notes)?;
    let mut placed = placed;
    if let Some((exits, position_id)) = held {
        placed += execute(s, inst, exits, position_id, notes)?;
    }
    Ok(placed)
}

/// The exits of a position that just opened, not placed yet, and the position they name.
type Held = Option<(Vec<Action>, Option<PositionId>)>;

/// Tells the evaluator what the market did since it last heard (an entry that ended unfilled,
/// a position that closed or opened); returns the orders placed and the exits of a position
/// that opened, for the caller to place.
fn observe_market(
    s: &mut Session<'_>,
    inst: &mut Instance,
    notes: &mut Vec<String>,
) -> OpResult<(u64, Held)> {
    let mut placed = 0;
    let mut held = None;
    let position = positions_of(s, inst)
        .into_iter()
        .filter(Position::is_open)
        .max_by_key(|p| p.ts_opened);
    if let Some(entry) = inst.entry
        && !s.order(&entry).is_some_and(|o| o.is_open())
    {
        inst.entry = None;
        let filled = s
            .order(&entry)
            .is_some_and(|o| o.filled_qty().is_positive());
        if !filled {
            inst.evaluator.on_entry_ended(position.is_some());
        }
    }
    let now_open = position.as_ref().map(|p| p.ts_opened.as_u64() as i64);
    if inst.seen_position.is_some() && inst.seen_position != now_open {
        let by_exit = closed_by(s, inst).is_some_and(|id| inst.exits.contains(&id));
        let actions = inst.evaluator.on_position_closed(by_exit);
        placed += execute(s, inst, actions, None, notes)?;
        inst.seen_position = None;
    }
    if let Some(p) = position
        && inst.seen_position != now_open
    {
        let v = view(&p);
        let account = NodeAccount::new(s, inst);
        let price = nautilus_model::types::Price::from_decimal_dp(
            Decimal::try_from(p.avg_px_open).unwrap_or_default(),
            p.price_precision,
        )
        .map_err(OpError::internal)?;
        let actions = inst
            .evaluator
            .on_position_opened(v.side, price, p.quantity, &account);
        let position_id = is_hedging(s, inst.instrument_id).then_some(p.id);
        held = Some((actions, position_id));
        inst.seen_position = now_open;
    }
    Ok((placed, held))
}

/// Places a bar's orders: the exits of a position opened since the last bar, unless the
/// decision leaves it (its first action then cancels the strategy's orders), then the
/// decision's.
fn place_decided(
    s: &mut Session<'_>,
    inst: &mut Instance,
    held: Held,
    actions: Vec<Action>,
    notes: &mut Vec<String>,
) -> OpResult<u64> {
    let mut placed = 0;
    if let Some((exits, position_id)) = held
        && actions.first() != Some(&Action::CancelAll)
    {
        placed += execute(s, inst, exits, position_id, notes)?;
    }
    Ok(placed + execute(s, inst, actions, None, notes)?)
}

/// The order that closed the strategy's most recently closed position.
fn closed_by(s: &Session<'_>, inst: &Instance) -> Option<ClientOrderId> {
    positions_of(s, inst)
        .into_iter()
        .filter(Position::is_closed)
        .max_by_key(|p| p.ts_closed)
        .and_then(|p| p.closing_order_id)
}

fn positions_of(s: &Session<'_>, inst: &Instance) -> Vec<Position> {
    s.positions(inst.instrument_id.venue)
        .into_iter()
        .filter(|p| p.strategy_id == inst.strategy_id && p.instrument_id == inst.instrument_id)
        .collect()
}

/// Carries out an evaluator's actions through the node's order path; stops at the first order
/// refused (noted). Exits name `position_id` (hedging).
fn execute(
    s: &mut Session<'_>,
    inst: &mut Instance,
    actions: Vec<Action>,
    position_id: Option<PositionId>,
    notes: &mut Vec<String>,
) -> OpResult<u64> {
    let mut placed = 0;
    for action in actions {
        let specs = match action {
            Action::CancelAll => {
                inst.exits.clear();
                inst.entry = None;
                orders::cancel_all_of_strategy(s, inst.instrument_id, inst.strategy_id)?;
                continue;
            }
            Action::CloseAll => closing_orders(s, inst.instrument_id, inst.strategy_id)
                .into_iter()
                .map(|(side, quantity, position_id)| {
                    OrderSpec::market(
                        inst.instrument_id,
                        inst.strategy_id,
                        side,
                        quantity,
                        position_id,
                    )
                })
                .collect(),
            Action::Market { side, quantity } => vec![OrderSpec::market(
                inst.instrument_id,
                inst.strategy_id,
                side,
                quantity.as_decimal(),
                None,
            )],
            Action::Entry {
                side,
                quantity,
                order,
                time_in_force,
                expire_ns,
            } => {
                let mut spec = OrderSpec::market(
                    inst.instrument_id,
                    inst.strategy_id,
                    side,
                    quantity.as_decimal(),
                    None,
                );
                match order {
                    EntryOrder::Limit { price } => {
                        spec.kind = Kind::Limit;
                        spec.price = Some(price.as_decimal());
                    }
                    EntryOrder::Stop { trigger } => {
                        spec.kind = Kind::Stop;
                        spec.trigger_price = Some(trigger.as_decimal());
                    }
                }
                spec.time_in_force = time_in_force;
                spec.expire_time =
                    expire_ns.map(|t| nautilus_core::UnixNanos::from(t.max(0) as u64));
                inst.entry = Some(spec.client_order_id);
                vec![spec]
            }
            Action::Exit {
                side,
                quantity,
                order,
            } => {
                let mut spec = OrderSpec::market(
                    inst.instrument_id,
                    inst.strategy_id,
                    side,
                    quantity.as_decimal(),
                    position_id,
                );
                spec.reduce_only = true;
                match order {
                    ExitOrder::Stop { trigger } => {
                        spec.kind = Kind::Stop;
                        spec.trigger_price = Some(trigger.as_decimal());
                    }
                    ExitOrder::Limit { price } => {
                        spec.kind = Kind::Limit;
                        spec.price = Some(price.as_decimal());
                    }
                    ExitOrder::Trailing {
                        offset,
                        offset_type,
                        trigger,
                    } => {
                        spec.kind = Kind::TrailingStop;
                        spec.trigger_price = Some(trigger.as_decimal());
                        spec.trailing = Some((offset, offset_type));
                    }
                }
                spec.time_in_force = TimeInForce::Gtc;
                inst.exits.push(spec.client_order_id);
                vec![spec]
            }
        };
        for spec in specs {
            let out = orders::place(s, &spec)?;
            placed += out.orders.len() as u64;
            if let Some(r) = out.refusal {
                let note = format!("{}: order refused: {}", inst.row.instance_id, r.reason);
                if !notes.contains(&note) {
                    notes.push(note);
                }
                return Ok(placed);
            }
        }
    }
    Ok(placed)
}

/// The account as a node strategy's evaluator reads it.
struct NodeAccount {
    net: Decimal,
    position: Option<PositionView>,
    equity: Option<Decimal>,
}

impl NodeAccount {
    fn new(s: &Session<'_>, inst: &Instance) -> Self {
        let positions: Vec<Position> = positions_of(s, inst)
            .into_iter()
            .filter(Position::is_open)
            .collect();
        Self {
            net: positions.iter().map(signed_quantity).sum(),
            position: positions.iter().max_by_key(|p| p.ts_opened).map(view),
            equity: equity(s, inst.instrument_id),
        }
    }
}

impl Account for NodeAccount {
    fn net_quantity(&self) -> Decimal {
        self.net
    }

    fn equity(&self) -> Option<Decimal> {
        self.equity
    }

    fn position(&self) -> Option<PositionView> {
        self.position
    }
}

/// The equity of the instrument's venue account in its settlement currency: the balance plus
/// the unrealized PnL of the open positions at the market's last prices (a cash account: the
/// balance plus the positions' value).
fn equity(s: &Session<'_>, instrument_id: InstrumentId) -> Option<Decimal> {
    use nautilus_model::accounts::{Account as _, AccountAny};
    let instrument = s
        .applier
        .instruments
        .borrow()
        .get(&instrument_id)
        .cloned()?;
    let currency = instrument.settlement_currency();
    let cache = s.w.cache.borrow();
    let account = cache.account_for_venue(&instrument_id.venue)?;
    let (balance, cash) = match &*account {
        AccountAny::Margin(a) => (a.balance_total(Some(currency)), false),
        AccountAny::Cash(a) => (a.balance_total(Some(currency)), true),
        AccountAny::Betting(a) => (a.balance_total(Some(currency)), false),
    };
    let mut equity = balance.map_or(Decimal::ZERO, |m| m.as_decimal());
    for p in cache.positions_open(Some(&instrument_id.venue), None, None, None, None) {
        let Some(mark) = s
            .market
            .get(&p.instrument_id)
            .and_then(super::session::Market::last_price)
        else {
            continue;
        };
        let u = p.unrealized_pnl(mark);
        if u.currency != currency {
            continue;
        }
        equity += if cash {
            signed_quantity(&p) * mark.as_decimal() * p.multiplier.as_decimal()
        } else {
            u.as_decimal()
        };
    }
    Some(equity)
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

/// Checks that a plan can run on the node: it sizes its entries (the node has no all-in
/// budget) and its coarser bars fit the traded ones.
pub fn check_attachable(plan: &StrategyPlan, bar_type: BarType) -> OpResult<()> {
    use crate::engine::strategies::lang::plan::SizingSpec;
    if plan.plan.sizing == SizingSpec::AllIn {
        return Err(OpError::invalid(
            "parameters.trade_size",
            "required for strategies attached to the node (the quantity per entry)",
        ));
    }
    strategies::eval::check_timeframes(&plan.plan, &bar_type.spec()).map_err(lang_error)
}
