//! Length: just over 1,000 lines because `Sim` mirrors `BacktestEngine::run` step for step
//! (below), and the steps read best in one place in that order; fees (`Fees`) and sizing
//! (`entry_size`) are already their own items.
//!
//! The exact simulation of one strategy on one instrument's bars: what `BacktestEngine` does
//! with a built-in strategy, step for step, without its message bus and cache.
//!
//! Per bar, as `BacktestEngine::run` orders it:
//! 1. The matching engine moves through the bar's price points (open when it gaps from the
//!    previous close, then high, low and close, each when it moves the last price), and resting
//!    exits trigger or fill at each point: a stop at its trigger (at the open price on a gap),
//!    a limit at the point's price, through `BestPriceFillModel`'s book of unlimited size.
//! 2. The strategy sees the bar: an equity sample when one is due, then its signal.
//! 3. The venue settles the commands in the order they were sent: cancels, then market orders
//!    filled at the close; position events place the exits of a new position.
//!
//! Fills are booked as Nautilus books them: the account first (against the position before the
//! fill), then the position (opened, changed, closed, or flipped in two parts with the
//! commission split as the execution engine splits it). Anything this model does not cover
//! ends the simulation with [`Unsupported`], and the caller runs the engine instead.

use std::{collections::BTreeMap, sync::Arc};

use nautilus_core::{UUID4, UnixNanos};
use nautilus_execution::models::fee::{FeeModel, FeeModelAny};
use nautilus_model::{
    enums::{LiquiditySide, OrderSide, PositionSide, TimeInForce},
    identifiers::{ClientOrderId, PositionId, StrategyId, TraderId, Venue},
    instruments::{Instrument, InstrumentAny},
    orders::{MarketOrder, Order, OrderAny},
    types::{Currency, Money, Price, Quantity},
};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{
    account::Balances,
    bars::Bars,
    position::{Contract, Fill, PositionMath},
    rules::Kernel,
};
use crate::engine::{
    backtest::{
        results::TripFacts,
        trace::{FillTrace, OrderTrace},
    },
    strategies::{
        eval::AllIn,
        lang::plan::{LevelSpec, Plan, Side, SizingSpec},
    },
};

/// Why the fast path cannot reproduce a run; the engine runs it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything a simulation needs besides the bars and the signal.
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub instrument: InstrumentAny,
    pub venue: Venue,
    pub hedging: bool,
    pub fee_model: FeeModelAny,
    pub starting_balances: Vec<Money>,
    pub base_currency: Option<Currency>,
    /// The definition's plan ([`super::rules::supported`] accepted it).
    pub plan: Arc<Plan>,
    /// What an all-in entry buys.
    pub all_in: AllIn,
    pub strategy_id: StrategyId,
    pub equity_currency: Currency,
    pub equity_step_ns: i64,
    /// Keep every round trip's facts (else only what the statistics need).
    pub keep_trips: bool,
    /// Record every order and fill.
    pub trace: bool,
}

impl SimConfig {
    /// The traded instrument's id as text.
    #[must_use]
    pub fn instrument_id_string(&self) -> String {
        self.instrument.id().to_string()
    }

    /// The code of the currency the instrument's PnL settles in.
    #[must_use]
    pub fn settlement_code(&self) -> String {
        self.instrument.cost_currency().code.to_string()
    }
}

/// One round trip as the statistics see it.
#[derive(Debug, Clone, Copy)]
pub struct TripPnlRaw {
    pub pnl: Money,
    pub long: bool,
}

/// What a simulation produced.
#[derive(Debug)]
pub struct SimOutput {
    pub balances: Balances,
    /// Round trips in the order their positions closed (when kept).
    pub trips: Vec<TripFacts>,
    /// Every round trip's PnL and side, in the same order.
    pub trip_pnls: Vec<TripPnlRaw>,
    pub open_positions: usize,
    pub equity: Vec<(i64, Decimal)>,
    pub orders: usize,
    pub fills: usize,
    pub refusals: BTreeMap<String, usize>,
    pub notes: Vec<String>,
    pub trade_size: Option<Decimal>,
    pub trace: Option<Vec<OrderTrace>>,
    pub bars: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Market,
    Stop(Price),
    Limit(Price),
}

/// An exit order resting in the matching engine.
#[derive(Debug, Clone, Copy)]
struct Resting {
    seq: u64,
    kind: Kind,
    side: OrderSide,
    qty: Quantity,
    reduce_only: bool,
    /// The position it was sent to (closing orders, and exits on hedging venues).
    position: Option<PositionId>,
}

/// A command waiting for the venue.
#[derive(Debug, Clone, Copy)]
enum Command {
    CancelAll,
    Submit(Resting),
}

/// Commission templates: the fee model only reads the order's liquidity side (and, for a fixed
/// fee, whether it has filled before, which no order here has).
struct Fees {
    model: FeeModelAny,
    taker: OrderAny,
    maker: OrderAny,
}

impl Fees {
    fn new(model: FeeModelAny, instrument: &InstrumentAny) -> Self {
        let template = |side: LiquiditySide| {
            let mut order = OrderAny::Market(MarketOrder::new(
                TraderId::from("FAST-001"),
                StrategyId::from("FAST-001"),
                instrument.id(),
                ClientOrderId::from("FAST-1"),
                OrderSide::Buy,
                Quantity::from_raw(instrument.size_increment().raw, instrument.size_precision()),
                TimeInForce::Gtc,
                UUID4::new(),
                UnixNanos::default(),
                false,
                false,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ));
            order.set_liquidity_side(side);
            order
        };
        Self {
            model,
            taker: template(LiquiditySide::Taker),
            maker: template(LiquiditySide::Maker),
        }
    }

    fn commission(
        &self,
        liquidity: LiquiditySide,
        qty: Quantity,
        px: Price,
        instrument: &InstrumentAny,
    ) -> Result<Money, Unsupported> {
        let order = if liquidity == LiquiditySide::Maker {
            &self.maker
        } else {
            &self.taker
        };
        self.model
            .get_commission(order, qty, px, instrument)
            .map_err(|e| Unsupported(format!("the fee model failed: {e}")))
    }
}

/// The simulation state of one run.
struct Sim<'a> {
    cfg: &'a SimConfig,
    c: Contract,
    fees: Fees,
    balances: Balances,
    /// Open positions, in the order they opened.
    positions: Vec<PositionMath>,
    resting: Vec<Resting>,
    pending: Vec<Command>,
    direction: Side,
    protective: Vec<u64>,
    trade_qty: Option<Decimal>,
    /// The entry size in raw units when it is exact at the instrument's precision.
    exact_size: Option<u64>,
    seq: u64,
    hedge_positions: u64,
    /// The matching engine's last price (raw).
    last: Option<i64>,
    /// The bar being processed: (index, ts, close).
    ts: i64,
    close: Price,
    orders: usize,
    fills: usize,
    trips: Vec<TripFacts>,
    trip_pnls: Vec<TripPnlRaw>,
    equity: Vec<(i64, Decimal)>,
    next_due: i64,
    refusals: BTreeMap<String, usize>,
    notes: Vec<String>,
    trace: Option<Vec<OrderTrace>>,
    netting_id: PositionId,
}

/// Runs `kernel` over `bars` (whose columns the kernel reads). `poll` is called now and then
/// with the bars done and returns true to stop (the run then ends with [`Unsupported`]; the
/// caller knows why).
pub fn simulate(
    cfg: &SimConfig,
    bars: &Bars,
    kernel: &mut Kernel<'_>,
    poll: &dyn Fn(usize) -> bool,
) -> Result<SimOutput, Unsupported> {
    let mut sim = Sim::new(cfg);
    let pp = bars.price_precision;
    for i in 0..bars.len() {
        if i % 65_536 == 65_535 && poll(i) {
            return Err(Unsupported("cancelled".into()));
        }
        let ts = bars.ts[i];
        sim.ts = ts;
        // The bars hold valid prices at `pp`: no need to check them again.
        sim.close = Price {
            raw: bars.close[i],
            precision: pp,
        };
        if sim.resting.is_empty() {
            // No resting order to trigger: the path only leaves the last price at the close.
            sim.last = Some(bars.close[i]);
        } else {
            sim.bar_path(bars.open[i], bars.high[i], bars.low[i], bars.close[i], pp)?;
        }
        // The strategy: an equity sample when due, then the signal.
        if ts >= sim.next_due {
            sim.next_due = (ts.div_euclid(sim.cfg.equity_step_ns) + 1) * sim.cfg.equity_step_ns;
            sim.sample_equity(ts);
        }
        if let Some(wanted) = kernel.decide(i, sim.direction) {
            sim.go(wanted)?;
        }
        if !sim.pending.is_empty() {
            sim.settle()?;
        }
    }
    if cfg.plan.exits.close_at_end {
        sim.stop()?;
    }
    let trade_size = sim.trade_qty;
    Ok(SimOutput {
        balances: sim.balances,
        trips: sim.trips,
        trip_pnls: sim.trip_pnls,
        open_positions: sim.positions.len(),
        equity: sim.equity,
        orders: sim.orders,
        fills: sim.fills,
        refusals: sim.refusals,
        notes: sim.notes,
        trade_size,
        trace: sim.trace,
        bars: bars.len() as u64,
    })
}

impl<'a> Sim<'a> {
    fn new(cfg: &'a SimConfig) -> Self {
        let c = Contract::of(&cfg.instrument);
        let netting_id =
            PositionId::from(format!("{}-{}", c.instrument_id, cfg.strategy_id).as_str());
        Self {
            cfg,
            fees: Fees::new(cfg.fee_model.clone(), &cfg.instrument),
            balances: Balances::new(&cfg.starting_balances, cfg.base_currency),
            c,
            positions: Vec::new(),
            resting: Vec::new(),
            pending: Vec::new(),
            direction: Side::Flat,
            protective: Vec::new(),
            trade_qty: None,
            exact_size: None,
            seq: 0,
            hedge_positions: 0,
            last: None,
            ts: 0,
            close: Price::from_raw(0, 0),
            orders: 0,
            fills: 0,
            trips: Vec::new(),
            trip_pnls: Vec::new(),
            equity: Vec::new(),
            next_due: i64::MIN,
            refusals: BTreeMap::new(),
            notes: Vec::new(),
            trace: cfg.trace.then(Vec::new),
            netting_id,
        }
    }

    // ----- the matching engine's bar path -----

    fn bar_path(
        &mut self,
        open: i64,
        high: i64,
        low: i64,
        close: i64,
        pp: u8,
    ) -> Result<(), Unsupported> {
        if self.last != Some(open) {
            self.tick(open, true, pp)?;
        }
        if self.last.is_some_and(|l| high > l) {
            self.tick(high, false, pp)?;
        }
        if self.last.is_some_and(|l| low < l) {
            self.tick(low, false, pp)?;
        }
        if self.last != Some(close) {
            self.tick(close, false, pp)?;
        }
        Ok(())
    }

    /// One price point: bid = ask = last = `p`; buy orders match first, then sell orders.
    fn tick(&mut self, p: i64, at_market: bool, pp: u8) -> Result<(), Unsupported> {
        self.last = Some(p);
        if self.resting.is_empty() {
            return Ok(());
        }
        for side in [OrderSide::Buy, OrderSide::Sell] {
            let mut matched: Vec<Resting> = self
                .resting
                .iter()
                .filter(|o| o.side == side && matches(o, p))
                .copied()
                .collect();
            // Limits best first, then stops nearest to the market first.
            matched.sort_by_key(|o| match (o.kind, side) {
                (Kind::Limit(px), OrderSide::Buy) => (0, -px.raw),
                (Kind::Limit(px), _) => (0, px.raw),
                (Kind::Stop(px), OrderSide::Buy) => (1, px.raw),
                (Kind::Stop(px), _) => (1, -px.raw),
                (Kind::Market, _) => (2, 0),
            });
            for order in matched {
                if !self.resting.iter().any(|r| r.seq == order.seq) {
                    continue;
                }
                let (px, liquidity) = match order.kind {
                    Kind::Stop(trigger) if !at_market => (trigger, LiquiditySide::Taker),
                    Kind::Stop(_) => (Price::from_raw(p, pp), LiquiditySide::Taker),
                    _ => (Price::from_raw(p, pp), LiquiditySide::Maker),
                };
                self.fill_resting(order, px, liquidity)?;
            }
        }
        Ok(())
    }

    /// A resting reduce-only exit filled (or canceled when its position is gone).
    fn fill_resting(
        &mut self,
        order: Resting,
        px: Price,
        liquidity: LiquiditySide,
    ) -> Result<(), Unsupported> {
        let Some(index) = self.position_for(&order) else {
            self.resting.retain(|r| r.seq != order.seq);
            self.set_status(order.seq, "CANCELED");
            return Ok(());
        };
        if order.qty > self.positions[index].quantity {
            return Err(Unsupported(
                "an exit order is larger than its position".into(),
            ));
        }
        self.resting.retain(|r| r.seq != order.seq);
        self.fill(order, px, liquidity)
    }

    /// The open position an order acts on: its own on a hedging venue, the instrument's on a
    /// netting one.
    fn position_for(&self, order: &Resting) -> Option<usize> {
        match order.position {
            Some(id) => self.positions.iter().position(|p| p.id == id),
            None if self.cfg.hedging => None,
            None => (!self.positions.is_empty()).then_some(0),
        }
    }

    // ----- the strategy -----

    /// `BuiltinStrategy::sample_equity`: the balance of the equity currency plus the unrealized
    /// PnL in it of every open position at the close.
    fn sample_equity(&mut self, ts: i64) {
        let ccy = self.cfg.equity_currency;
        let equity = match self.balances.total(ccy) {
            // Money::as_decimal is the raw amount at the currency's precision; adding those
            // mantissas is adding the decimals.
            Some(balance) => {
                let scale = 10i64.pow(u32::from(
                    nautilus_model::types::fixed::FIXED_PRECISION - ccy.precision,
                ));
                let last = self.close.as_f64();
                let mut mantissa = i128::from(balance.raw / scale);
                for p in &self.positions {
                    let u = p.unrealized_pnl(&self.c, last);
                    if u.currency == ccy {
                        mantissa += i128::from(u.raw / scale);
                    }
                }
                Decimal::from_i128_with_scale(mantissa, u32::from(ccy.precision))
            }
            None => {
                let last = self.close.as_f64();
                let mut equity = Decimal::ZERO;
                for p in &self.positions {
                    let u = p.unrealized_pnl(&self.c, last);
                    if u.currency == ccy {
                        equity += u.as_decimal();
                    }
                }
                equity
            }
        };
        crate::engine::backtest::recorder::push_sample(&mut self.equity, ts, equity);
    }

    fn resolve_size(&mut self) -> Decimal {
        if let Some(q) = self.trade_qty {
            return q;
        }
        let (qty, note) = entry_size(self.cfg, self.close.as_decimal());
        if let Some(note) = note
            && !self.notes.contains(&note)
        {
            self.notes.push(note);
        }
        self.trade_qty = Some(qty);
        self.exact_size = (qty.scale() <= u32::from(self.c.size_precision))
            .then(|| Quantity::from_decimal_dp(qty, self.c.size_precision).ok())
            .flatten()
            .map(|q| q.raw);
        qty
    }

    /// The net quantity held, in raw units.
    fn net_raw(&self) -> i128 {
        self.positions
            .iter()
            .map(|p| match p.side {
                PositionSide::Long => i128::from(p.quantity.raw),
                PositionSide::Short => -i128::from(p.quantity.raw),
                _ => 0,
            })
            .sum()
    }

    fn net_quantity(&self) -> Decimal {
        self.positions
            .iter()
            .map(|p| match p.side {
                PositionSide::Long => p.quantity.as_decimal(),
                PositionSide::Short => -p.quantity.as_decimal(),
                _ => Decimal::ZERO,
            })
            .sum()
    }

    /// `BuiltinStrategy::go`.
    fn go(&mut self, wanted: Side) -> Result<(), Unsupported> {
        let wanted = if wanted == Side::Short && !self.cfg.plan.allow_short {
            Side::Flat
        } else {
            wanted
        };
        if wanted == self.direction {
            return Ok(());
        }
        let size = self.resolve_size();
        let target = size * Decimal::from(wanted.sign());
        if !self.protective.is_empty() {
            self.protective.clear();
            self.pending.push(Command::CancelAll);
        }
        if self.cfg.hedging {
            self.close_all_positions()?;
        }
        let order = match self.exact_size {
            // Sizes on the instrument's precision: the difference in raw units is the one
            // `Quantity::from_decimal_dp` gives of the decimal difference.
            Some(size_raw) => {
                let target = i128::from(size_raw) * i128::from(wanted.sign());
                let delta = if self.cfg.hedging {
                    target
                } else {
                    target - self.net_raw()
                };
                (delta != 0).then(|| {
                    (
                        if delta > 0 {
                            OrderSide::Buy
                        } else {
                            OrderSide::Sell
                        },
                        Quantity::from_raw(delta.unsigned_abs() as u64, self.c.size_precision),
                    )
                })
            }
            None => {
                let delta = if self.cfg.hedging {
                    target
                } else {
                    target - self.net_quantity()
                };
                if delta.is_zero() {
                    None
                } else {
                    let side = if delta > Decimal::ZERO {
                        OrderSide::Buy
                    } else {
                        OrderSide::Sell
                    };
                    let qty = Quantity::from_decimal_dp(delta.abs(), self.c.size_precision)
                        .map_err(|e| Unsupported(format!("order quantity: {e}")))?;
                    Some((side, qty))
                }
            }
        };
        if let Some((side, qty)) = order {
            self.submit(Kind::Market, side, qty, false, None)?;
        }
        self.direction = wanted;
        Ok(())
    }

    /// `Strategy::close_all_positions`: a reduce-only market order per open position.
    fn close_all_positions(&mut self) -> Result<(), Unsupported> {
        let closing: Vec<(OrderSide, Quantity, PositionId)> = self
            .positions
            .iter()
            .map(|p| {
                let side = if p.side == PositionSide::Long {
                    OrderSide::Sell
                } else {
                    OrderSide::Buy
                };
                (side, p.quantity, p.id)
            })
            .collect();
        for (side, qty, id) in closing {
            self.submit(Kind::Market, side, qty, true, Some(id))?;
        }
        Ok(())
    }

    /// `on_position_opened`: the reduce-only stop-loss and take-profit of a new position.
    fn place_protection(
        &mut self,
        side: PositionSide,
        entry: Price,
        qty: Quantity,
        id: PositionId,
    ) -> Result<(), Unsupported> {
        let exits = &self.cfg.plan.exits;
        if exits.stop_loss.is_none() && exits.take_profit.is_none() {
            return Ok(());
        }
        let exit_side = if side == PositionSide::Long {
            OrderSide::Sell
        } else {
            OrderSide::Buy
        };
        if !self.protective.is_empty() {
            self.protective.clear();
            self.pending.push(Command::CancelAll);
        }
        let (stop, target, notes) = exit_prices(self.cfg, side, entry);
        for note in notes {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        let position = self.cfg.hedging.then_some(id);
        for kind in [stop.map(Kind::Stop), target.map(Kind::Limit)]
            .into_iter()
            .flatten()
        {
            let seq = self.submit(kind, exit_side, qty, true, position)?;
            self.protective.push(seq);
        }
        Ok(())
    }

    /// A position closed: its round trip is recorded, and an exit that closed it flattens the
    /// strategy and cancels the other exit.
    fn on_position_closed(&mut self, index: usize) {
        let p = self.positions.remove(index);
        if let Some(pnl) = p.realized_pnl {
            self.trip_pnls.push(TripPnlRaw {
                pnl,
                long: p.entry == OrderSide::Buy,
            });
        }
        if self.cfg.keep_trips {
            self.trips.push(p.facts(&self.c));
        }
        let by_protection = p
            .closing_order_seq
            .is_some_and(|seq| self.protective.contains(&seq));
        if by_protection {
            self.direction = Side::Flat;
        }
        if !self.protective.is_empty() {
            self.protective.clear();
            self.pending.push(Command::CancelAll);
        }
    }

    /// `on_stop` with close_at_end: cancel every order and close every position.
    fn stop(&mut self) -> Result<(), Unsupported> {
        self.protective.clear();
        self.pending.push(Command::CancelAll);
        self.close_all_positions()?;
        self.settle()
    }

    // ----- orders: risk checks, the venue, fills -----

    /// Creates and submits an order; returns its creation number. In NautilusTrader 0.57.0's
    /// backtests no pre-trade check runs: the synchronous command queue that a strategy's
    /// submissions go through hands them straight to the execution engine
    /// (`drain_trading_cmd_queue`), past the risk engine.
    fn submit(
        &mut self,
        kind: Kind,
        side: OrderSide,
        qty: Quantity,
        reduce_only: bool,
        position: Option<PositionId>,
    ) -> Result<u64, Unsupported> {
        self.seq += 1;
        self.orders += 1;
        let seq = self.seq;
        if let Some(trace) = self.trace.as_mut() {
            let (price, trigger, order_type) = match kind {
                Kind::Market => (None, None, "MARKET"),
                Kind::Stop(t) => (None, Some(t.to_string()), "STOP_MARKET"),
                Kind::Limit(p) => (Some(p.to_string()), None, "LIMIT"),
            };
            trace.push(OrderTrace {
                seq,
                ts_init: self.ts,
                order_type: order_type.into(),
                side: side.to_string(),
                quantity: qty.to_string(),
                price,
                trigger_price: trigger,
                reduce_only,
                status: "INITIALIZED".into(),
                fills: Vec::new(),
            });
        }
        self.pending.push(Command::Submit(Resting {
            seq,
            kind,
            side,
            qty,
            reduce_only,
            position,
        }));
        Ok(seq)
    }

    fn set_status(&mut self, seq: u64, status: &str) {
        if let Some(trace) = self.trace.as_mut()
            && let Some(o) = trace.get_mut((seq - 1) as usize)
        {
            o.status = status.into();
        }
    }

    /// The venue processes the waiting commands in order; those their events send wait for
    /// the next pass.
    fn settle(&mut self) -> Result<(), Unsupported> {
        while !self.pending.is_empty() {
            let batch = std::mem::take(&mut self.pending);
            for command in batch {
                match command {
                    Command::CancelAll => {
                        for order in std::mem::take(&mut self.resting) {
                            self.set_status(order.seq, "CANCELED");
                        }
                    }
                    Command::Submit(order) => self.process(order)?,
                }
            }
        }
        Ok(())
    }

    /// `OrderMatchingEngine::process_order` for the orders built-ins send.
    fn process(&mut self, order: Resting) -> Result<(), Unsupported> {
        let close = self.close;
        match order.kind {
            Kind::Market => {
                let index = self.position_for(&order);
                if order.reduce_only {
                    let Some(index) = index else {
                        return Err(Unsupported("a reduce-only order without a position".into()));
                    };
                    if order.qty > self.positions[index].quantity {
                        return Err(Unsupported(
                            "a closing order larger than its position".into(),
                        ));
                    }
                }
                self.fill(order, close, LiquiditySide::Taker)
            }
            Kind::Stop(trigger) => {
                let in_market = match order.side {
                    OrderSide::Buy => close >= trigger,
                    _ => close <= trigger,
                };
                if in_market {
                    return Err(Unsupported("a stop-loss in the market when placed".into()));
                }
                self.accept(order);
                Ok(())
            }
            Kind::Limit(price) => {
                let marketable = match order.side {
                    OrderSide::Buy => close <= price,
                    _ => close >= price,
                };
                if marketable {
                    return Err(Unsupported(
                        "a take-profit in the market when placed".into(),
                    ));
                }
                self.accept(order);
                Ok(())
            }
        }
    }

    fn accept(&mut self, order: Resting) {
        self.set_status(order.seq, "ACCEPTED");
        self.resting.push(order);
    }

    /// An order fills: the account books it, then the position takes it.
    fn fill(
        &mut self,
        order: Resting,
        px: Price,
        liquidity: LiquiditySide,
    ) -> Result<(), Unsupported> {
        let inst = &self.cfg.instrument;
        let commission = self.fees.commission(liquidity, order.qty, px, inst)?;
        self.fills += 1;
        if let Some(trace) = self.trace.as_mut()
            && let Some(o) = trace.get_mut((order.seq - 1) as usize)
        {
            o.status = "FILLED".into();
            o.fills.push(FillTrace {
                ts: self.ts,
                quantity: order.qty.to_string(),
                price: px.to_string(),
                commission: commission.to_string(),
                liquidity: liquidity.to_string(),
            });
        }
        let fill = Fill {
            side: order.side,
            qty: order.qty,
            px,
            commission,
            ts: self.ts,
            order_seq: order.seq,
        };
        // The position the fill goes to.
        let position_id = match (self.cfg.hedging, order.position) {
            (false, _) => self.netting_id,
            (true, Some(id)) => id,
            (true, None) => {
                self.hedge_positions += 1;
                PositionId::from(format!("{}-1-{}", self.cfg.venue, self.hedge_positions).as_str())
            }
        };
        let index = self.positions.iter().position(|p| p.id == position_id);
        self.balances
            .book(&self.c, index.map(|i| &self.positions[i]), &fill)
            .ok_or_else(|| Unsupported("the account could not book a fill".into()))?;
        self.check_exact_range()?;
        match index {
            None => self.open_position(position_id, &fill),
            Some(i) => {
                let p = &self.positions[i];
                let flips = p.entry != fill.side && fill.qty.raw > p.quantity.raw;
                if flips {
                    self.flip(i, &fill)
                } else {
                    self.positions[i].apply(&self.c, &fill);
                    if !self.positions[i].is_open() {
                        self.on_position_closed(i);
                    }
                    Ok(())
                }
            }
        }
    }

    fn open_position(&mut self, id: PositionId, fill: &Fill) -> Result<(), Unsupported> {
        let p = PositionMath::open(&self.c, id, fill);
        let (side, qty) = (p.side, p.quantity);
        self.positions.push(p);
        self.place_protection(side, fill.px, qty, id)
    }

    /// `ExecutionEngine::flip_position`: the fill closes the position with a share of the
    /// commission and opens the opposite one with the rest.
    fn flip(&mut self, index: usize, fill: &Fill) -> Result<(), Unsupported> {
        let (id, held) = (self.positions[index].id, self.positions[index].quantity);
        let fill_percent = held.as_f64() / fill.qty.as_f64();
        let commission1 = Money::new(fill.commission * fill_percent, fill.commission.currency);
        let commission2 = fill.commission - commission1;
        let difference = Quantity::from_raw(fill.qty.raw - held.raw, self.c.size_precision);
        let closing = Fill {
            qty: held,
            commission: commission1,
            ..*fill
        };
        self.positions[index].apply(&self.c, &closing);
        self.on_position_closed(index);
        if difference.raw == 0 {
            return Ok(());
        }
        let opening = Fill {
            qty: difference,
            commission: commission2,
            ..*fill
        };
        self.open_position(id, &opening)
    }

    /// Nautilus adds balances through `f64` and checks total = locked + free; past 2^51 units
    /// of a currency's precision that check may fail inside the engine. Leave such runs to it.
    fn check_exact_range(&self) -> Result<(), Unsupported> {
        for total in self.balances.totals() {
            let limit = 2f64.powi(51) / 10f64.powi(i32::from(total.currency.precision));
            if total.as_f64().abs() >= limit {
                return Err(Unsupported(
                    "a balance left the range the engine books exactly".into(),
                ));
            }
        }
        Ok(())
    }
}

/// Whether a resting order matches at price point `p` (bid = ask = `p`).
fn matches(o: &Resting, p: i64) -> bool {
    match (o.kind, o.side) {
        (Kind::Limit(px), OrderSide::Buy) => p <= px.raw,
        (Kind::Limit(px), _) => p >= px.raw,
        (Kind::Stop(t), OrderSide::Buy) => p >= t.raw,
        (Kind::Stop(t), _) => p <= t.raw,
        (Kind::Market, _) => false,
    }
}

/// The quantity of every entry, decided at the first decision's close as the evaluator's
/// all-in or fixed sizing decides it: rounded down to the size increment and at least the
/// minimum quantity, with a note when the wanted size was below it.
fn entry_size(cfg: &SimConfig, close: Decimal) -> (Decimal, Option<String>) {
    let inst = &cfg.instrument;
    let raw = match (cfg.plan.sizing, cfg.all_in) {
        (SizingSpec::Fixed(q), _) => q,
        (_, AllIn::BaseUnits(u)) => u,
        (_, AllIn::Budget(budget)) => {
            let unit_value = close * inst.multiplier().as_decimal();
            if unit_value > Decimal::ZERO {
                budget / unit_value
            } else {
                Decimal::ZERO
            }
        }
        (_, AllIn::Unavailable) => Decimal::ZERO,
    };
    let step = inst.size_increment().as_decimal();
    let floored = if step.is_zero() {
        raw
    } else {
        (raw / step).floor() * step
    };
    let min = inst.min_quantity().map_or(step, |q| q.as_decimal());
    if floored < min {
        let note = format!(
            "{}: trade size {} is below the minimum quantity; trading {min}",
            inst.id(),
            raw.round_dp(8).normalize()
        );
        (min, Some(note))
    } else {
        (floored, None)
    }
}

/// The stop-loss trigger and take-profit limit of a position of `side` entered at `entry`, as
/// the evaluator places them: each a fraction away from the entry, on the losing (winning)
/// side of it, rounded to the tick away from the entry; with a note for a level not placed.
fn exit_prices(
    cfg: &SimConfig,
    side: PositionSide,
    entry: Price,
) -> (Option<Price>, Option<Price>, Vec<String>) {
    let mut notes = Vec::new();
    let sign = match side {
        PositionSide::Long => Decimal::ONE,
        PositionSide::Short => -Decimal::ONE,
        _ => return (None, None, notes),
    };
    let inst = &cfg.instrument;
    let tick = inst.price_increment().as_decimal();
    let round = |d: Decimal, strategy: RoundingStrategy| {
        let ticks = (d / tick).round_dp_with_strategy(0, strategy);
        Price::from_decimal_dp((ticks * tick).max(tick), inst.price_precision()).ok()
    };
    let (down, up) = (
        RoundingStrategy::ToNegativeInfinity,
        RoundingStrategy::ToPositiveInfinity,
    );
    let (stop_rounding, target_rounding) = if sign > Decimal::ZERO {
        (down, up)
    } else {
        (up, down)
    };
    let e = entry.as_decimal();
    let level = |l: &LevelSpec, away: Decimal| match l {
        LevelSpec::Fraction(f) => Some(e * (Decimal::ONE + away * *f)),
        _ => None,
    };
    let exits = &cfg.plan.exits;
    let id = inst.id();
    let stop = exits.stop_loss.as_ref().and_then(|l| {
        let placed = level(l, -sign)
            .filter(|p| (*p - e) * sign < Decimal::ZERO)
            .and_then(|p| round(p, stop_rounding));
        if placed.is_none() {
            notes.push(format!(
                "{id}: the stop-loss has no level on the losing side of the entry at {entry}; not placed"
            ));
        }
        placed
    });
    let target = exits.take_profit.as_ref().and_then(|l| {
        let placed = level(l, sign)
            .filter(|p| (*p - e) * sign > Decimal::ZERO)
            .and_then(|p| round(p, target_rounding));
        if placed.is_none() {
            notes.push(format!(
                "{id}: the take-profit has no level on the winning side of the entry at {entry}; not placed"
            ));
        }
        placed
    });
    (stop, target, notes)
}
