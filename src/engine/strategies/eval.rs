//! Length: over 1,000 lines because the `Evaluator`'s bar step, its exits and its order
//! building share one state (rings, frames, the position held) and its tests (~320 lines) sit
//! beside it; the seam to cut next is order building (entries, exits) out of the bar step.
//!
//! The evaluator: a [`Plan`] run bar by bar. It keeps the indicators, the recorded series and
//! the strategy's side, and turns each bar into actions (orders to place or cancel). It owns
//! no engine: the Nautilus strategy of a backtest and the node's runner both drive it, so the
//! decisions are the same wherever a definition runs.
//!
//! Each bar: the bar feeds the indicators on the traded bars and the builders of coarser bars
//! (whose indicators are fed each coarser bar as it completes, so that a rule sees only bars
//! closed by then); the recorded series take their values; then the rules decide against the
//! side held at the bar's start:
//!
//! - flat: `enter_long`, else `enter_short`;
//! - long: `enter_short` (reverse), else `exit_long` (flat);
//! - short: `enter_long` (reverse), else `exit_short` (flat);
//! - a short decision without `allow_short` goes flat; a position held `time_exit_bars` bars
//!   goes flat before any rule.
//!
//! Going to a side cancels the strategy's working exits, then trades: with market entries on
//! a netting venue one order for the difference to the target quantity, on a hedging venue a
//! close of every position then the entry; with limit or stop entries a market close, then the
//! entry order. Exits (stop-loss, take-profit, trailing stop) are placed when the position
//! opens, at levels from its fill price.

use std::{collections::VecDeque, sync::Arc};

use chrono::{Datelike, Timelike};
use nautilus_model::{
    data::{Bar, BarSpecification},
    enums::{OrderSide, TimeInForce, TrailingOffsetType},
    identifiers::InstrumentId,
    types::{Price, Quantity},
};
use rust_decimal::{Decimal, RoundingStrategy, prelude::FromPrimitive};

use super::lang::{
    error::{LangError, LangResult},
    indicators::{BarValues, Running},
    plan::{
        BarField, Clock, EntryKind, Expr, LevelSpec, Plan, PositionField, Side, SizingSpec,
        TrailingSpec, Tri, arith, compare, crosses,
    },
};
use crate::data::resample::IntervalBuilder;

/// What the evaluator needs to know about the traded instrument.
#[derive(Debug, Clone)]
pub struct InstrumentFacts {
    pub instrument_id: InstrumentId,
    pub price_increment: Price,
    pub size_increment: Quantity,
    pub min_quantity: Option<Quantity>,
    pub multiplier: Decimal,
}

/// The quantity of an all-in entry (the default sizing).
#[derive(Debug, Clone, Copy)]
pub enum AllIn {
    /// The budget in the quote currency, divided by the first decision's price.
    Budget(Decimal),
    /// The capital is held in the base currency: this many units.
    BaseUnits(Decimal),
    /// Not available (the node): a definition must size its entries.
    Unavailable,
}

/// Where a plan runs.
#[derive(Debug, Clone)]
pub struct Setup {
    pub facts: InstrumentFacts,
    pub all_in: AllIn,
    /// The venue keeps a position per entry: reversals close positions by id.
    pub hedging: bool,
    /// The traded bars' step.
    pub bar_step_ns: i64,
    /// The traded bars' specification (coarser bars are built from it).
    pub bar_spec: BarSpecification,
}

/// The strategy's open position as the host sees it.
#[derive(Debug, Clone, Copy)]
pub struct PositionView {
    pub side: Side,
    pub quantity: Decimal,
    pub entry_price: f64,
    /// When it opened (ns).
    pub opened_ns: i64,
}

/// What the evaluator reads from the host.
pub trait Account {
    /// The strategy's signed net quantity in the instrument.
    fn net_quantity(&self) -> Decimal;
    /// The account's equity in the instrument's settlement currency.
    fn equity(&self) -> Option<Decimal>;
    /// The strategy's open position (the latest, on a hedging venue).
    fn position(&self) -> Option<PositionView>;
}

/// What the strategy may do at a bar (the node's trading state).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permit {
    /// Trade freely.
    All,
    /// Only go flat (a node reducing its exposure).
    ExitsOnly,
    /// Nothing (a halted node): the indicators keep up.
    Nothing,
}

/// A limit or stop entry order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryOrder {
    Limit { price: Price },
    Stop { trigger: Price },
}

/// A reduce-only exit order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitOrder {
    /// Stop-market at the trigger (stop-loss).
    Stop { trigger: Price },
    /// Limit at the price (take-profit).
    Limit { price: Price },
    /// Trailing-stop-market at `offset` (price or basis points), starting at `trigger`.
    Trailing {
        offset: Decimal,
        offset_type: TrailingOffsetType,
        trigger: Price,
    },
}

/// What the host is to do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Cancel every open order of the strategy in the instrument.
    CancelAll,
    /// Close every open position of the strategy in the instrument at market (each by id on
    /// a hedging venue).
    CloseAll,
    /// A market order.
    Market { side: OrderSide, quantity: Quantity },
    /// A limit or stop entry.
    Entry {
        side: OrderSide,
        quantity: Quantity,
        order: EntryOrder,
        time_in_force: TimeInForce,
        /// GTD expiry (ns).
        expire_ns: Option<i64>,
    },
    /// A reduce-only exit of the position just opened.
    Exit {
        side: OrderSide,
        quantity: Quantity,
        order: ExitOrder,
    },
}

/// The last `capacity` values of a series.
struct Ring {
    values: VecDeque<f64>,
    capacity: usize,
}

impl Ring {
    fn push(&mut self, v: f64) {
        if self.values.len() == self.capacity {
            self.values.pop_front();
        }
        self.values.push_back(v);
    }

    fn back(&self, bars: usize) -> f64 {
        let n = self.values.len();
        if bars < n {
            self.values[n - 1 - bars]
        } else {
            f64::NAN
        }
    }
}

/// Coarser bars built from the traded ones, and the indicators they feed.
struct Frame {
    builder: IntervalBuilder,
    indicators: Vec<usize>,
}

/// The bar being decided on.
#[derive(Debug, Clone, Copy, Default)]
struct Now {
    values: BarValues,
    ts: i64,
    close: Decimal,
    hour: f64,
    minute: f64,
    weekday: f64,
}

/// Bars held by the open position.
#[derive(Debug, Clone, Copy, Default)]
struct Held {
    opened_ns: Option<i64>,
    bars: u64,
}

/// A plan running on one instrument's bars.
pub struct Evaluator {
    plan: Arc<Plan>,
    setup: Setup,
    indicators: Vec<Box<dyn Running>>,
    /// Indicators fed the traded bars.
    direct: Vec<usize>,
    frames: Vec<Frame>,
    series: Vec<Ring>,
    bars_seen: u64,
    now: Now,
    intent: Side,
    fixed_size: Option<Decimal>,
    first_size: Option<Decimal>,
    exits_live: bool,
    entry_pending: bool,
    held: Held,
    notes: Vec<String>,
    /// The plan reads the position at each bar (its fields, or a time exit).
    reads_position: bool,
}

fn values_of(bar: &Bar) -> BarValues {
    BarValues {
        open: bar.open.as_f64(),
        high: bar.high.as_f64(),
        low: bar.low.as_f64(),
        close: bar.close.as_f64(),
        volume: bar.volume.as_f64(),
        seconds: bar.ts_event.as_u64() as f64 / 1e9,
    }
}

fn opposite(side: Side) -> OrderSide {
    if side == Side::Long {
        OrderSide::Sell
    } else {
        OrderSide::Buy
    }
}

/// Whether an expression reads the position's fields.
fn reads_fields(e: &Expr) -> bool {
    match e {
        Expr::Position(_) => true,
        Expr::Negate(a) | Expr::Abs(a) | Expr::Not(a) | Expr::Ready(a) => reads_fields(a),
        Expr::Arith(_, a, b) | Expr::Compare(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) => {
            reads_fields(a) || reads_fields(b)
        }
        _ => false,
    }
}

/// Whether a plan needs the position at each bar: a time exit, or position fields in a rule
/// or an entry price.
fn reads_position(plan: &Plan) -> bool {
    let r = &plan.rules;
    let prices = match &plan.entry {
        EntryKind::Market => Vec::new(),
        EntryKind::Limit { long, short } | EntryKind::Stop { long, short } => vec![long, short],
    };
    plan.exits.time_exit_bars.is_some()
        || [&r.enter_long, &r.enter_short, &r.exit_long, &r.exit_short]
            .into_iter()
            .flatten()
            .chain(prices)
            .any(reads_fields)
}

/// Checks a plan's coarser bars against the traded bars: each step a multiple of theirs, of
/// the same price type.
pub fn check_timeframes(plan: &Plan, traded: &BarSpecification) -> LangResult<()> {
    let step = crate::data::spec_step_ns(traded);
    for spec in &plan.indicators {
        let (Some(s), Some(bars)) = (spec.step_ns, &spec.bars) else {
            continue;
        };
        let path = format!("indicators.{}.bars", spec.label);
        if step <= 0 || s <= step || s % step != 0 {
            return Err(LangError::new(
                &path,
                format!("{bars} must be a whole multiple (above one) of the traded {traded} bars"),
            ));
        }
        let parsed = crate::data::parse_bar_spec("bars", bars)
            .map_err(|e| LangError::new(&path, e.message))?;
        if parsed.price_type != traded.price_type {
            return Err(LangError::new(
                &path,
                format!(
                    "{bars} is of {} prices but the traded bars are {traded}; coarser bars are \
                     built from the traded ones",
                    parsed.price_type
                ),
            ));
        }
    }
    Ok(())
}

impl Evaluator {
    /// An evaluator of `plan` on the bars of `setup`.
    pub fn new(plan: Arc<Plan>, setup: Setup) -> LangResult<Self> {
        check_timeframes(&plan, &setup.bar_spec)?;
        let indicators: Vec<Box<dyn Running>> = plan
            .indicators
            .iter()
            .map(|s| (s.def.build)(&s.args))
            .collect();
        let mut direct = Vec::new();
        let mut frames: Vec<(i64, Frame)> = Vec::new();
        for (i, spec) in plan.indicators.iter().enumerate() {
            let Some(step) = spec.step_ns else {
                direct.push(i);
                continue;
            };
            if let Some((_, f)) = frames.iter_mut().find(|(s, _)| *s == step) {
                f.indicators.push(i);
                continue;
            }
            let target = crate::data::parse_bar_spec("bars", spec.bars.as_deref().unwrap_or(""))
                .map_err(|e| {
                    LangError::new(&format!("indicators.{}.bars", spec.label), e.message)
                })?;
            let facts = &setup.facts;
            frames.push((
                step,
                Frame {
                    builder: IntervalBuilder::new(
                        facts.instrument_id,
                        target,
                        facts.price_increment.precision,
                        facts.size_increment.precision,
                    ),
                    indicators: vec![i],
                },
            ));
        }
        let series = plan
            .series
            .iter()
            .map(|s| Ring {
                values: VecDeque::with_capacity(s.capacity),
                capacity: s.capacity,
            })
            .collect();
        let plan_ref = plan.clone();
        Ok(Self {
            plan,
            setup,
            indicators,
            direct,
            frames: frames.into_iter().map(|(_, f)| f).collect(),
            series,
            bars_seen: 0,
            now: Now::default(),
            intent: Side::Flat,
            fixed_size: None,
            first_size: None,
            exits_live: false,
            entry_pending: false,
            held: Held::default(),
            notes: Vec::new(),
            reads_position: reads_position(&plan_ref),
        })
    }

    /// The plan.
    #[must_use]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The side the strategy is on.
    #[must_use]
    pub const fn intent(&self) -> Side {
        self.intent
    }

    /// Restores the side (a node strategy's stored state).
    pub fn set_intent(&mut self, side: Side) {
        self.intent = side;
    }

    /// Whether exit orders are working (restored from a node strategy's orders).
    pub fn set_exits_live(&mut self, live: bool) {
        self.exits_live = live;
    }

    /// The quantity of the first entry, once there was one.
    #[must_use]
    pub const fn trade_size(&self) -> Option<Decimal> {
        self.first_size
    }

    /// What the evaluator had to say since last asked.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// Feeds a bar to the indicators and series without deciding (warming up).
    pub fn observe(&mut self, bar: &Bar, position: Option<&PositionView>) {
        let values = values_of(bar);
        let ts = bar.ts_event.as_u64() as i64;
        for &i in &self.direct {
            self.indicators[i].update(&values);
        }
        for frame in &mut self.frames {
            let (before, now) = frame.builder.push(bar);
            for coarse in before.into_iter().chain(now) {
                let v = values_of(&coarse);
                for &i in &frame.indicators {
                    self.indicators[i].update(&v);
                }
            }
        }
        let time = chrono::DateTime::from_timestamp_nanos(ts);
        self.now = Now {
            values,
            ts,
            close: bar.close.as_decimal(),
            hour: f64::from(time.hour()),
            minute: f64::from(time.minute()),
            weekday: f64::from(time.weekday().number_from_monday()),
        };
        match position.filter(|p| p.opened_ns <= ts) {
            Some(p) if self.held.opened_ns == Some(p.opened_ns) => self.held.bars += 1,
            Some(p) => {
                self.held = Held {
                    opened_ns: Some(p.opened_ns),
                    bars: u64::from(ts > p.opened_ns),
                }
            }
            None => self.held = Held::default(),
        }
        for i in 0..self.series.len() {
            let v = self.number(&self.plan.series[i].expr, None);
            self.series[i].push(v);
        }
        self.bars_seen += 1;
    }

    /// Feeds a bar and decides: the actions to take now.
    pub fn on_bar(&mut self, bar: &Bar, account: &dyn Account, permit: Permit) -> Vec<Action> {
        let position = if self.reads_position {
            account.position()
        } else {
            None
        };
        self.observe(bar, position.as_ref());
        let Some(wanted) = self.decide(position.as_ref()) else {
            return Vec::new();
        };
        match permit {
            Permit::Nothing => return Vec::new(),
            Permit::ExitsOnly if wanted != Side::Flat => return Vec::new(),
            _ => {}
        }
        self.go(wanted, account, position.as_ref())
    }

    /// Whether the venue keeps a position per entry (the node's venue may change).
    pub fn set_hedging(&mut self, hedging: bool) {
        self.setup.hedging = hedging;
    }

    /// The side the rules want now, if any.
    fn decide(&self, position: Option<&PositionView>) -> Option<Side> {
        if let (Some(limit), Some(_)) = (self.plan.exits.time_exit_bars, position)
            && self.intent != Side::Flat
            && self.held.bars >= u64::from(limit)
        {
            return Some(Side::Flat);
        }
        let rules = &self.plan.rules;
        let fires = |rule: &Option<Expr>| {
            rule.as_ref()
                .is_some_and(|e| self.truth(e, position) == Tri::True)
        };
        match self.intent {
            Side::Flat if fires(&rules.enter_long) => Some(Side::Long),
            Side::Flat if fires(&rules.enter_short) => Some(Side::Short),
            Side::Long if fires(&rules.enter_short) => Some(Side::Short),
            Side::Long if fires(&rules.exit_long) => Some(Side::Flat),
            Side::Short if fires(&rules.enter_long) => Some(Side::Long),
            Side::Short if fires(&rules.exit_short) => Some(Side::Flat),
            _ => None,
        }
    }

    fn quantity(&self, d: Decimal) -> Option<Quantity> {
        Quantity::from_decimal_dp(d, self.setup.facts.size_increment.precision).ok()
    }

    /// Rounds down to the size increment.
    fn floor_to_step(&self, raw: Decimal) -> Decimal {
        let step = self.setup.facts.size_increment.as_decimal();
        if step.is_zero() {
            return raw;
        }
        (raw / step).floor() * step
    }

    fn min_quantity(&self) -> Decimal {
        let facts = &self.setup.facts;
        facts
            .min_quantity
            .map_or_else(|| facts.size_increment.as_decimal(), |q| q.as_decimal())
    }

    /// The all-in or fixed size: set at the first decision, fixed thereafter.
    fn sticky_size(&mut self, close: Decimal) -> Decimal {
        if let Some(q) = self.fixed_size {
            return q;
        }
        let raw = match (self.plan.sizing, self.setup.all_in) {
            (SizingSpec::Fixed(q), _) => q,
            (_, AllIn::BaseUnits(u)) => u,
            (_, AllIn::Budget(budget)) => {
                let unit_value = close * self.setup.facts.multiplier;
                if unit_value > Decimal::ZERO {
                    budget / unit_value
                } else {
                    Decimal::ZERO
                }
            }
            (_, AllIn::Unavailable) => Decimal::ZERO,
        };
        let floored = self.floor_to_step(raw);
        let min = self.min_quantity();
        let qty = if floored < min {
            self.notes.push(format!(
                "{}: trade size {} is below the minimum quantity; trading {min}",
                self.setup.facts.instrument_id,
                raw.round_dp(8).normalize()
            ));
            min
        } else {
            floored
        };
        self.fixed_size = Some(qty);
        self.first_size.get_or_insert(qty);
        qty
    }

    /// The quantity of an entry at `price` on `side`, or `None` (with a note) when there is
    /// none to trade.
    fn entry_size(
        &mut self,
        side: Side,
        price: Decimal,
        account: &dyn Account,
        position: Option<&PositionView>,
    ) -> Option<Decimal> {
        let fraction = match self.plan.sizing {
            SizingSpec::AllIn | SizingSpec::Fixed(_) => return Some(self.sticky_size(price)),
            SizingSpec::EquityFraction(f) | SizingSpec::RiskFraction(f) => f,
        };
        let id = self.setup.facts.instrument_id;
        let Some(equity) = account.equity().filter(|e| *e > Decimal::ZERO) else {
            self.notes
                .push(format!("{id}: no equity to size an entry from; no entry"));
            return None;
        };
        let mult = self.setup.facts.multiplier;
        let raw = if let SizingSpec::RiskFraction(_) = self.plan.sizing {
            let stop = self
                .plan
                .exits
                .stop_loss
                .as_ref()
                .and_then(|l| self.level_price(l, side, price, true, position));
            let Some(stop) =
                stop.filter(|s| (*s - price) * Decimal::from(side.sign()) < Decimal::ZERO)
            else {
                self.notes.push(format!(
                    "{id}: the stop-loss has no level below a long (above a short) entry at {price}; no entry"
                ));
                return None;
            };
            equity * fraction / ((price - stop).abs() * mult)
        } else {
            equity * fraction / (price * mult)
        };
        let qty = self.floor_to_step(raw);
        if qty < self.min_quantity() || qty <= Decimal::ZERO {
            self.notes.push(format!(
                "{id}: entry size {} is below the minimum quantity {}; no entry",
                raw.round_dp(8).normalize(),
                self.min_quantity()
            ));
            return None;
        }
        Some(qty)
    }

    /// The entry price of a limit or stop entry on `side`, rounded to the tick so that a buy
    /// never pays more (a limit) or triggers earlier (a stop) than asked, and a sell likewise.
    fn entry_price(&self, side: Side, position: Option<&PositionView>) -> Option<Decimal> {
        let (expr, limit) = match &self.plan.entry {
            EntryKind::Market => return Some(self.now.close),
            EntryKind::Limit { long, short } => {
                (if side == Side::Long { long } else { short }, true)
            }
            EntryKind::Stop { long, short } => {
                (if side == Side::Long { long } else { short }, false)
            }
        };
        let v = self.number(expr, position);
        let d = Decimal::from_f64(v).filter(|d| *d > Decimal::ZERO)?;
        let down = (side == Side::Long) == limit;
        self.round_price(
            d,
            if down {
                RoundingStrategy::ToNegativeInfinity
            } else {
                RoundingStrategy::ToPositiveInfinity
            },
        )
        .map(|p| p.as_decimal())
    }

    fn round_price(&self, d: Decimal, strategy: RoundingStrategy) -> Option<Price> {
        let inc = self.setup.facts.price_increment;
        let tick = inc.as_decimal();
        let ticks = (d / tick).round_dp_with_strategy(0, strategy);
        Price::from_decimal_dp((ticks * tick).max(tick), inc.precision).ok()
    }

    /// Goes to `wanted`: the actions, and the new side.
    fn go(
        &mut self,
        wanted: Side,
        account: &dyn Account,
        position: Option<&PositionView>,
    ) -> Vec<Action> {
        let wanted = if wanted == Side::Short && !self.plan.allow_short {
            Side::Flat
        } else {
            wanted
        };
        if wanted == self.intent {
            return Vec::new();
        }
        let mut actions = Vec::new();
        let market = matches!(self.plan.entry, EntryKind::Market);
        // The size is set before anything else (all-in sizes at the first decision's price).
        let (entry_price, size) = if market {
            let close = self.now.close;
            let size = match self.plan.sizing {
                SizingSpec::AllIn | SizingSpec::Fixed(_) => Some(self.sticky_size(close)),
                _ if wanted == Side::Flat => Some(Decimal::ZERO),
                _ => self.entry_size(wanted, close, account, position),
            };
            (Some(close), size)
        } else if wanted == Side::Flat {
            (None, Some(Decimal::ZERO))
        } else {
            match self.entry_price(wanted, position) {
                Some(p) => (Some(p), self.entry_size(wanted, p, account, position)),
                None => {
                    self.notes.push(format!(
                        "{}: the {} entry price has no value at {}; no entry",
                        self.setup.facts.instrument_id,
                        wanted.name().to_ascii_lowercase(),
                        crate::data::time::format_ns(self.now.ts)
                    ));
                    (None, None)
                }
            }
        };
        if self.exits_live || self.entry_pending {
            self.exits_live = false;
            self.entry_pending = false;
            actions.push(Action::CancelAll);
        }
        let target_side = if size.is_some() { wanted } else { Side::Flat };
        let size = size.unwrap_or_default();
        if market {
            let target = size * Decimal::from(target_side.sign());
            let delta = if self.setup.hedging {
                actions.push(Action::CloseAll);
                target
            } else {
                target - account.net_quantity()
            };
            if let Some(a) = self.market(delta) {
                actions.push(a);
            }
        } else {
            if self.setup.hedging {
                actions.push(Action::CloseAll);
            } else if let Some(a) = self.market(-account.net_quantity()) {
                actions.push(a);
            }
            if target_side != Side::Flat
                && let (Some(price), Some(quantity)) = (entry_price, self.quantity(size))
            {
                actions.push(self.entry_order(target_side, quantity, price));
                self.entry_pending = true;
            }
        }
        if target_side != Side::Flat {
            self.first_size.get_or_insert(size);
        }
        self.intent = target_side;
        actions
    }

    fn market(&self, delta: Decimal) -> Option<Action> {
        if delta.is_zero() {
            return None;
        }
        let side = if delta > Decimal::ZERO {
            OrderSide::Buy
        } else {
            OrderSide::Sell
        };
        Some(Action::Market {
            side,
            quantity: self.quantity(delta.abs())?,
        })
    }

    fn entry_order(&self, side: Side, quantity: Quantity, price: Decimal) -> Action {
        let precision = self.setup.facts.price_increment.precision;
        let px =
            Price::from_decimal_dp(price, precision).unwrap_or(self.setup.facts.price_increment);
        let order = match self.plan.entry {
            EntryKind::Stop { .. } => EntryOrder::Stop { trigger: px },
            _ => EntryOrder::Limit { price: px },
        };
        let timing = self.plan.timing;
        Action::Entry {
            side: if side == Side::Long {
                OrderSide::Buy
            } else {
                OrderSide::Sell
            },
            quantity,
            order,
            time_in_force: timing.time_in_force,
            expire_ns: timing
                .expire_after_bars
                .map(|n| self.now.ts + i64::from(n) * self.setup.bar_step_ns),
        }
    }

    /// The price of an exit level for a position on `side` entered at `entry`.
    fn level_price(
        &self,
        level: &LevelSpec,
        side: Side,
        entry: Decimal,
        stop: bool,
        position: Option<&PositionView>,
    ) -> Option<Decimal> {
        let sign = Decimal::from(side.sign());
        // A stop is below a long's entry, a target above it.
        let away = if stop { -sign } else { sign };
        match level {
            LevelSpec::Fraction(f) => Some(entry * (Decimal::ONE + away * *f)),
            LevelSpec::Distance(e) => {
                Decimal::from_f64(self.number(e, position)).map(|d| entry + away * d)
            }
            LevelSpec::Price(e) => Decimal::from_f64(self.number(e, position)),
        }
    }

    /// A position opened at `entry`: the exit orders to place.
    pub fn on_position_opened(
        &mut self,
        side: Side,
        entry: Price,
        quantity: Quantity,
        account: &dyn Account,
    ) -> Vec<Action> {
        self.entry_pending = false;
        let exits = self.plan.exits.clone();
        if exits.stop_loss.is_none() && exits.take_profit.is_none() && exits.trailing_stop.is_none()
        {
            return Vec::new();
        }
        if side == Side::Flat {
            return Vec::new();
        }
        let mut actions = Vec::new();
        if self.exits_live {
            self.exits_live = false;
            actions.push(Action::CancelAll);
        }
        let position = account.position();
        let e = entry.as_decimal();
        let exit_side = opposite(side);
        // Levels are rounded away from the entry, so never tighter than asked.
        let (down, up) = (
            RoundingStrategy::ToNegativeInfinity,
            RoundingStrategy::ToPositiveInfinity,
        );
        let (stop_rounding, target_rounding) = if side == Side::Long {
            (down, up)
        } else {
            (up, down)
        };
        let sign = Decimal::from(side.sign());
        let id = self.setup.facts.instrument_id;
        if let Some(level) = &exits.stop_loss {
            match self
                .level_price(level, side, e, true, position.as_ref())
                .filter(|p| (*p - e) * sign < Decimal::ZERO)
                .and_then(|p| self.round_price(p, stop_rounding))
            {
                Some(trigger) => actions.push(Action::Exit {
                    side: exit_side,
                    quantity,
                    order: ExitOrder::Stop { trigger },
                }),
                None => self.notes.push(format!(
                    "{id}: the stop-loss has no level on the losing side of the entry at {entry}; not placed"
                )),
            }
        }
        if let Some(level) = &exits.take_profit {
            match self
                .level_price(level, side, e, false, position.as_ref())
                .filter(|p| (*p - e) * sign > Decimal::ZERO)
                .and_then(|p| self.round_price(p, target_rounding))
            {
                Some(price) => actions.push(Action::Exit {
                    side: exit_side,
                    quantity,
                    order: ExitOrder::Limit { price },
                }),
                None => self.notes.push(format!(
                    "{id}: the take-profit has no level on the winning side of the entry at {entry}; not placed"
                )),
            }
        }
        if let Some(trailing) = &exits.trailing_stop {
            let tick = self.setup.facts.price_increment.as_decimal();
            let placed = match trailing {
                TrailingSpec::Distance(expr) => {
                    Decimal::from_f64(self.number(expr, position.as_ref()))
                        .filter(|d| *d > Decimal::ZERO)
                        .map(|d| ((d / tick).ceil() * tick).max(tick))
                        .and_then(|offset| {
                            let trigger = self.round_price(e - sign * offset, stop_rounding)?;
                            Some((offset, TrailingOffsetType::Price, trigger))
                        })
                }
                TrailingSpec::BasisPoints(bp) => {
                    let trigger = e * (Decimal::ONE - sign * *bp / Decimal::from(10_000));
                    self.round_price(trigger, stop_rounding)
                        .map(|t| (*bp, TrailingOffsetType::BasisPoints, t))
                }
            };
            match placed {
                Some((offset, offset_type, trigger)) => actions.push(Action::Exit {
                    side: exit_side,
                    quantity,
                    order: ExitOrder::Trailing {
                        offset,
                        offset_type,
                        trigger,
                    },
                }),
                None => self.notes.push(format!(
                    "{id}: the trailing stop's distance has no value at the entry; not placed"
                )),
            }
        }
        self.exits_live = actions.iter().any(|a| matches!(a, Action::Exit { .. }));
        actions
    }

    /// A position closed; `by_exit` when one of the strategy's exit orders closed it (the
    /// strategy is then flat).
    pub fn on_position_closed(&mut self, by_exit: bool) -> Vec<Action> {
        if by_exit {
            self.intent = Side::Flat;
        }
        if self.exits_live {
            self.exits_live = false;
            return vec![Action::CancelAll];
        }
        Vec::new()
    }

    /// A limit or stop entry ended unfilled (expired, or refused): with no position, the
    /// strategy is flat again.
    pub fn on_entry_ended(&mut self, position_open: bool) {
        self.entry_pending = false;
        if !position_open {
            self.intent = Side::Flat;
        }
    }

    /// The end of the run: what closes everything when the definition says so.
    #[must_use]
    pub fn on_end(&mut self) -> Vec<Action> {
        if !self.plan.exits.close_at_end {
            return Vec::new();
        }
        self.exits_live = false;
        self.entry_pending = false;
        vec![Action::CancelAll, Action::CloseAll]
    }

    // ----- expressions -------------------------------------------------------------------

    fn number(&self, e: &Expr, position: Option<&PositionView>) -> f64 {
        match e {
            Expr::Number(v) => *v,
            Expr::Bar(f) => {
                let v = &self.now.values;
                match f {
                    BarField::Open => v.open,
                    BarField::High => v.high,
                    BarField::Low => v.low,
                    BarField::Close => v.close,
                    BarField::Volume => v.volume,
                }
            }
            Expr::Clock(c) => match c {
                Clock::Hour => self.now.hour,
                Clock::Minute => self.now.minute,
                Clock::Weekday => self.now.weekday,
                Clock::BarIndex => self.bars_seen.saturating_sub(1) as f64,
            },
            Expr::Output { indicator, output } => self.indicators[*indicator].output(*output),
            Expr::Past { series, bars } => self.series[*series].back(*bars),
            Expr::Position(f) => self.position_field(*f, position),
            Expr::Negate(a) => -self.number(a, position),
            Expr::Abs(a) => self.number(a, position).abs(),
            Expr::Arith(op, a, b) => arith(*op, self.number(a, position), self.number(b, position)),
            Expr::Extreme {
                highest,
                series,
                bars,
            } => {
                let ring = &self.series[*series];
                if ring.values.len() < *bars {
                    return f64::NAN;
                }
                let mut acc = if *highest {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                };
                for v in ring.values.iter().rev().take(*bars) {
                    if v.is_nan() {
                        return f64::NAN;
                    }
                    acc = if *highest { acc.max(*v) } else { acc.min(*v) };
                }
                acc
            }
            _ => f64::NAN,
        }
    }

    fn position_field(&self, f: PositionField, position: Option<&PositionView>) -> f64 {
        let Some(p) = position else {
            return match f {
                PositionField::Quantity => 0.0,
                _ => f64::NAN,
            };
        };
        match f {
            PositionField::Side => f64::from(self.intent.sign() as i32),
            PositionField::EntryPrice => p.entry_price,
            PositionField::BarsHeld => self.held.bars as f64,
            PositionField::UnrealizedPct => {
                let sign = f64::from(p.side.sign() as i32);
                arith(
                    super::lang::plan::Arith::Mul,
                    (self.now.values.close / p.entry_price - 1.0) * sign,
                    100.0,
                )
            }
            PositionField::Quantity => {
                rust_decimal::prelude::ToPrimitive::to_f64(&p.quantity).unwrap_or(f64::NAN)
            }
        }
    }

    fn truth(&self, e: &Expr, position: Option<&PositionView>) -> Tri {
        match e {
            Expr::Bool(b) => Tri::of(*b),
            Expr::Flag { indicator, output } => {
                let v = self.indicators[*indicator].output(*output);
                if v.is_nan() {
                    Tri::Unknown
                } else {
                    Tri::of(v != 0.0)
                }
            }
            Expr::Compare(cmp, a, b) => {
                compare(*cmp, self.number(a, position), self.number(b, position))
            }
            Expr::SideIs { side, equal } => Tri::of((self.intent == *side) == *equal),
            Expr::And(a, b) => match self.truth(a, position) {
                Tri::False => Tri::False,
                x => x.and(self.truth(b, position)),
            },
            Expr::Or(a, b) => match self.truth(a, position) {
                Tri::True => Tri::True,
                x => x.or(self.truth(b, position)),
            },
            Expr::Not(a) => self.truth(a, position).not(),
            Expr::Crosses { above, a, b } => {
                let (a, b) = (&self.series[*a], &self.series[*b]);
                crosses(*above, (a.back(0), a.back(1)), (b.back(0), b.back(1)))
            }
            Expr::Ready(a) => Tri::of(!self.number(a, position).is_nan()),
            Expr::Between { from, to } => {
                let m = (self.now.hour * 60.0 + self.now.minute) as u32;
                Tri::of(if from < to {
                    *from <= m && m < *to
                } else {
                    m >= *from || m < *to
                })
            }
            _ => Tri::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        data::{self, codec::BarRow},
        engine::strategies::lang::{check::compile, document::Definition},
    };
    use nautilus_indicators::{
        average::ema::ExponentialMovingAverage,
        indicator::{Indicator, MovingAverage},
    };
    use serde_json::Map;

    const M: i64 = 60_000_000_000;
    /// 2024-01-01 00:00 UTC.
    const T0: i64 = 1_704_067_200_000_000_000;

    struct Flat {
        net: Decimal,
        equity: Decimal,
        position: Option<PositionView>,
    }

    impl Account for Flat {
        fn net_quantity(&self) -> Decimal {
            self.net
        }
        fn equity(&self) -> Option<Decimal> {
            Some(self.equity)
        }
        fn position(&self) -> Option<PositionView> {
            self.position
        }
    }

    fn flat() -> Flat {
        Flat {
            net: Decimal::ZERO,
            equity: Decimal::from(100_000),
            position: None,
        }
    }

    fn instrument() -> InstrumentId {
        InstrumentId::from("BTCUSDT.BINANCE")
    }

    fn evaluator(toml: &str, all_in: AllIn) -> Evaluator {
        let def = Definition::from_toml(toml).unwrap();
        let plan = compile(&def, &Map::new()).unwrap_or_else(|e| panic!("{e}"));
        let spec = data::parse_bar_spec("bars", "1-MINUTE-LAST").unwrap();
        Evaluator::new(
            Arc::new(plan),
            Setup {
                facts: InstrumentFacts {
                    instrument_id: instrument(),
                    price_increment: Price::from("0.01"),
                    size_increment: Quantity::from("0.00001"),
                    min_quantity: Some(Quantity::from("0.00001")),
                    multiplier: Decimal::ONE,
                },
                all_in,
                hedging: false,
                bar_step_ns: M,
                bar_spec: spec,
            },
        )
        .unwrap()
    }

    /// A 1-minute bar closing `minute` minutes after T0, around `close`.
    fn row(minute: i64, close: f64) -> BarRow {
        let c = (close * 100.0).round() as i64;
        BarRow {
            ts: T0 + minute * M,
            open: c - 50,
            high: c + 100,
            low: c - 120,
            close: c,
            volume: 1_000_000 + minute % 7 * 10_000,
        }
    }

    fn bar(r: &BarRow) -> Bar {
        let spec = data::parse_bar_spec("bars", "1-MINUTE-LAST").unwrap();
        data::nautilus::bar(data::bar_type(instrument(), spec), r, 2, 5)
    }

    #[test]
    fn higher_timeframe_values_are_those_known_at_each_bar() {
        let mut ev = evaluator(
            "[indicators]\nh = { of = \"ema(3)\", bars = \"1-HOUR-LAST\" }\n[rules]\nenter_long = \"close > h\"",
            AllIn::Unavailable,
        );
        let rows: Vec<BarRow> = (1..=600)
            .filter(|m| m % 97 != 0) // a few minutes missing, as real data has
            .map(|m| row(m, 40_000.0 + (m as f64 * 0.05).sin() * 300.0 + m as f64))
            .collect();
        let spec = |s: &str| data::parse_bar_spec("bars", s).unwrap();
        let mut changes = 0;
        let mut last = f64::NAN;
        for (i, r) in rows.iter().enumerate() {
            ev.observe(&bar(r), None);
            let seen = ev.number(
                &Expr::Output {
                    indicator: 0,
                    output: 0,
                },
                None,
            );
            // Independently: the hourly bars complete by this minute, resampled in one go from
            // the minutes so far, fed to a fresh Nautilus EMA.
            let hours = data::resample::resample(
                instrument(),
                spec("1-MINUTE-LAST"),
                spec("1-HOUR-LAST"),
                &rows[..=i],
                2,
                5,
            )
            .unwrap();
            let mut ema = ExponentialMovingAverage::new(3, None);
            for h in hours.iter().filter(|h| h.ts <= r.ts) {
                ema.update_raw(data::nautilus::price(h.close, 2).as_f64());
            }
            let known = if ema.initialized() {
                ema.value
            } else {
                f64::NAN
            };
            assert!(
                seen == known || (seen.is_nan() && known.is_nan()),
                "minute {}: evaluator {seen}, hourly bars closed by then {known}",
                (r.ts - T0) / M
            );
            if !(seen == last || (seen.is_nan() && last.is_nan())) {
                changes += 1;
                // The value moves only when an hour has closed: at the bar closing it, or at
                // the first bar after a gap that ends it.
                let minute = (r.ts - T0) / M;
                let prev = if i > 0 { (rows[i - 1].ts - T0) / M } else { 0 };
                assert!(
                    minute % 60 == 0 || minute / 60 != prev / 60,
                    "changed inside an hour at minute {minute}"
                );
            }
            last = seen;
        }
        assert!(
            changes >= 7,
            "the hourly EMA changed {changes} times in 10 hours"
        );
    }

    #[test]
    fn rules_do_not_fire_on_undefined_values() {
        let mut ev = evaluator(
            "[rules]\nenter_long = \"close > sma(5) or not (close[10] > 0)\"\nexit_long = \"false\"",
            AllIn::Budget(Decimal::from(100_000)),
        );
        let mut first_entry = None;
        for m in 1..=20 {
            let actions = ev.on_bar(&bar(&row(m, 100.0 + m as f64)), &flat(), Permit::All);
            if !actions.is_empty() && first_entry.is_none() {
                first_entry = Some(m);
            }
        }
        // sma(5) has a value from the 5th bar: `close > sma(5)` is true there, and until then
        // both sides are unknown (close[10] too), so nothing fires before.
        assert_eq!(first_entry, Some(5));
    }

    #[test]
    fn crossings_fire_when_the_relation_starts_and_stops() {
        let mut ev = evaluator(
            "[rules]\nenter_long = \"crosses_above(close, 100)\"\nenter_short = \"crosses_below(close, 100)\"",
            AllIn::Budget(Decimal::from(10_000)),
        );
        let closes = [99.0, 100.0, 101.0, 101.0, 100.0, 100.0, 102.0, 98.0];
        let mut sides = Vec::new();
        let mut net = Decimal::ZERO;
        for (i, c) in closes.iter().enumerate() {
            let account = Flat { net, ..flat() };
            for a in ev.on_bar(&bar(&row(i as i64 + 1, *c)), &account, Permit::All) {
                if let Action::Market { side, quantity } = a {
                    let q = quantity.as_decimal();
                    net += if side == OrderSide::Buy { q } else { -q };
                    sides.push((i, side, q));
                }
            }
        }
        // 100 is not above 100: up at 101 (bar 2), down at 100 (bar 4), up at 102 (bar 6), down
        // at 98 (bar 7). All-in at the first price (10000 / 101 = 99.0099 -> 99.00990), fixed
        // thereafter; a reversal is one order of twice the size.
        let q = Decimal::new(9_900_990, 5);
        assert_eq!(
            sides,
            vec![
                (2, OrderSide::Buy, q),
                (4, OrderSide::Sell, q * Decimal::TWO),
                (6, OrderSide::Buy, q * Decimal::TWO),
                (7, OrderSide::Sell, q * Decimal::TWO),
            ]
        );
    }

    #[test]
    fn risk_sizing_loses_the_fraction_at_the_stop_and_exits_round_away_from_the_entry() {
        let mut ev = evaluator(
            "[rules]\nenter_long = \"bar_index == 0\"\n[orders]\nsize = { risk_fraction = 0.01 }\n\
             [exits]\nstop_loss = { distance = 250 }\ntake_profit = { fraction = 0.0333 }\n\
             trailing_stop = { percent = 1.5 }",
            AllIn::Unavailable,
        );
        let actions = ev.on_bar(&bar(&row(1, 40_000.0)), &flat(), Permit::All);
        // 1% of 100000 at a 250 stop distance: 4 units.
        assert_eq!(
            actions,
            vec![Action::Market {
                side: OrderSide::Buy,
                quantity: Quantity::from("4.00000")
            }]
        );
        let exits = ev.on_position_opened(
            Side::Long,
            Price::from("40000.03"),
            Quantity::from("4.00000"),
            &flat(),
        );
        assert_eq!(
            exits,
            vec![
                Action::Exit {
                    side: OrderSide::Sell,
                    quantity: Quantity::from("4.00000"),
                    order: ExitOrder::Stop {
                        trigger: Price::from("39750.03")
                    }
                },
                Action::Exit {
                    side: OrderSide::Sell,
                    quantity: Quantity::from("4.00000"),
                    // 40000.03 × 1.0333 = 41332.031 -> up to the tick.
                    order: ExitOrder::Limit {
                        price: Price::from("41332.04")
                    }
                },
                Action::Exit {
                    side: OrderSide::Sell,
                    quantity: Quantity::from("4.00000"),
                    // 40000.03 × 0.985 = 39400.02955 -> down to the tick.
                    order: ExitOrder::Trailing {
                        offset: Decimal::from(150),
                        offset_type: TrailingOffsetType::BasisPoints,
                        trigger: Price::from("39400.02")
                    }
                },
            ]
        );
        // An exit closing the position makes the strategy flat and cancels the others.
        assert_eq!(ev.on_position_closed(true), vec![Action::CancelAll]);
        assert_eq!(ev.intent(), Side::Flat);
    }

    #[test]
    fn a_time_exit_goes_flat_after_the_bars_held() {
        let mut ev = evaluator(
            "[rules]\nenter_long = \"bar_index == 0\"\n[orders]\nsize = { fixed = 1 }\n[exits]\ntime_exit_bars = 3",
            AllIn::Unavailable,
        );
        let mut account = flat();
        let mut placed = Vec::new();
        for m in 1..=6 {
            for a in ev.on_bar(&bar(&row(m, 100.0)), &account, Permit::All) {
                placed.push((m, a));
            }
            if m == 1 {
                account.net = Decimal::ONE;
                account.position = Some(PositionView {
                    side: Side::Long,
                    quantity: Decimal::ONE,
                    entry_price: 100.0,
                    opened_ns: T0 + M,
                });
            }
        }
        assert_eq!(placed.len(), 2, "{placed:?}");
        assert_eq!(placed[1].0, 4, "three bars after the fill at minute 1");
        assert_eq!(
            placed[1].1,
            Action::Market {
                side: OrderSide::Sell,
                quantity: Quantity::from("1.00000")
            }
        );
    }

    #[test]
    fn a_halted_node_decides_nothing_and_a_reducing_one_only_exits() {
        let toml = "[rules]\nenter_long = \"bar_index == 0\"\nexit_long = \"bar_index == 1\"\n[orders]\nsize = { fixed = 1 }";
        let mut ev = evaluator(toml, AllIn::Unavailable);
        assert!(
            ev.on_bar(&bar(&row(1, 100.0)), &flat(), Permit::Nothing)
                .is_empty()
        );
        assert_eq!(ev.intent(), Side::Flat);
        let mut ev = evaluator(toml, AllIn::Unavailable);
        assert!(
            ev.on_bar(&bar(&row(1, 100.0)), &flat(), Permit::ExitsOnly)
                .is_empty()
        );
        ev.set_intent(Side::Long);
        let held = Flat {
            net: Decimal::ONE,
            ..flat()
        };
        assert_eq!(
            ev.on_bar(&bar(&row(2, 100.0)), &held, Permit::ExitsOnly)
                .len(),
            1
        );
        assert_eq!(ev.intent(), Side::Flat);
    }
}
