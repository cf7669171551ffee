//! The Nautilus `Strategy` that trades a signal model: market orders to reach the wanted
//! direction, reduce-only stop-loss and take-profit orders after each entry, and an equity
//! sample at every recording boundary.

use std::{cell::RefCell, fmt::Debug, rc::Rc};

use nautilus_common::actor::DataActor;
use nautilus_model::{
    accounts::{Account, AccountAny},
    data::{Bar, BarType},
    enums::{OrderSide, PositionSide},
    events::{OrderDenied, OrderRejected, PositionClosed, PositionOpened},
    identifiers::{ClientOrderId, InstrumentId, PositionId, StrategyId, Venue},
    instruments::{Instrument, InstrumentAny},
    orders::Order,
    types::{Currency, Price, Quantity},
};
use nautilus_trading::{
    nautilus_strategy,
    strategy::{Strategy, StrategyConfig, StrategyCore},
};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{
    CommonParams,
    signals::{BarPrices, Direction, SignalModel},
};
use crate::engine::backtest::{recorder::Recorder, results::RoundTrip};

/// How the strategy sizes entries.
#[derive(Debug, Clone)]
pub enum Sizing {
    /// A fixed quantity per entry.
    Fixed(Decimal),
    /// All-in at the first price: `budget` in the quote currency, or `base_units` when the
    /// capital is held in the instrument's base currency.
    AllIn {
        budget: Decimal,
        base_units: Option<Decimal>,
    },
}

/// Everything a strategy instance needs besides its signal model.
pub struct StrategySetup {
    pub strategy_id: StrategyId,
    pub order_id_tag: String,
    pub instrument: InstrumentAny,
    pub bar_type: BarType,
    pub sizing: Sizing,
    pub common: CommonParams,
    pub recorder: Rc<RefCell<Recorder>>,
    /// Venue and currency in which equity is measured.
    pub equity_venue: Venue,
    pub equity_currency: Currency,
    /// Whether this instance samples equity for the run (one instance does).
    pub samples_equity: bool,
    /// The venue's OMS is HEDGING: every order without a position id opens a new position,
    /// so reversals close the open positions by id instead of trading the net difference.
    pub hedging: bool,
}

/// A built-in strategy running inside Nautilus.
pub struct BuiltinStrategy {
    core: StrategyCore,
    setup: StrategySetup,
    instrument_id: InstrumentId,
    signal: Box<dyn SignalModel>,
    direction: Direction,
    trade_qty: Option<Decimal>,
    protective: Vec<ClientOrderId>,
}

nautilus_strategy!(BuiltinStrategy, {
    fn on_order_denied(&mut self, event: OrderDenied) {
        self.refused(format!("denied by the risk engine ({})", event.reason));
    }

    fn on_order_rejected(&mut self, event: OrderRejected) {
        self.refused(format!("rejected by the venue ({})", event.reason));
    }

    fn on_position_opened(&mut self, event: PositionOpened) {
        let position = self.setup.hedging.then_some(event.position_id);
        if let Err(e) = self.place_protection(event.side, event.last_px, event.quantity, position) {
            self.setup
                .recorder
                .borrow_mut()
                .note(format!("could not place stop/target: {e}"));
        }
    }

    fn on_position_closed(&mut self, event: PositionClosed) {
        self.record_and_purge(event.position_id);
        let by_protection = event
            .closing_order_id
            .is_some_and(|id| self.protective.contains(&id));
        if by_protection {
            self.direction = Direction::Flat;
        }
        if !self.protective.is_empty() {
            self.protective.clear();
            let _ = self.cancel_all_orders(self.instrument_id, None, None, None);
        }
    }
});

impl Debug for BuiltinStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuiltinStrategy")
            .field("instrument_id", &self.instrument_id)
            .finish()
    }
}

impl BuiltinStrategy {
    /// A strategy instance trading `signal` with `setup`.
    #[must_use]
    pub fn new(setup: StrategySetup, signal: Box<dyn SignalModel>) -> Self {
        let config = StrategyConfig {
            strategy_id: Some(setup.strategy_id),
            order_id_tag: Some(setup.order_id_tag.clone()),
            ..Default::default()
        };
        Self {
            core: StrategyCore::new(config),
            instrument_id: setup.instrument.id(),
            setup,
            signal,
            direction: Direction::Flat,
            trade_qty: None,
            protective: Vec::new(),
        }
    }

    fn resolve_size(&mut self, close: Price) -> Decimal {
        if let Some(q) = self.trade_qty {
            return q;
        }
        let inst = &self.setup.instrument;
        let step = inst.size_increment().as_decimal();
        let min = inst.min_quantity().map_or(step, |q| q.as_decimal());
        let raw = match &self.setup.sizing {
            Sizing::Fixed(q) => *q,
            Sizing::AllIn {
                base_units: Some(units),
                ..
            } => *units,
            Sizing::AllIn {
                budget,
                base_units: None,
            } => {
                let unit_value = close.as_decimal() * inst.multiplier().as_decimal();
                if unit_value > Decimal::ZERO {
                    *budget / unit_value
                } else {
                    Decimal::ZERO
                }
            }
        };
        let floored = (raw / step).floor() * step;
        let qty = if floored < min {
            self.setup.recorder.borrow_mut().note(format!(
                "{}: trade size {} is below the minimum quantity; trading {min}",
                self.instrument_id,
                raw.round_dp(8).normalize()
            ));
            min
        } else {
            floored
        };
        self.setup
            .recorder
            .borrow_mut()
            .set_trade_size(self.instrument_id, qty);
        self.trade_qty = Some(qty);
        qty
    }

    fn net_quantity(&self) -> Decimal {
        let strategy_id = self.setup.strategy_id;
        let cache = self.cache();
        cache
            .positions_open(
                None,
                Some(&self.instrument_id),
                Some(&strategy_id),
                None,
                None,
            )
            .iter()
            .map(|p| match p.side {
                PositionSide::Long => p.quantity.as_decimal(),
                PositionSide::Short => -p.quantity.as_decimal(),
                _ => Decimal::ZERO,
            })
            .sum()
    }

    fn quantity(&self, d: Decimal) -> anyhow::Result<Quantity> {
        Ok(Quantity::from_decimal_dp(
            d,
            self.setup.instrument.size_precision(),
        )?)
    }

    fn go(&mut self, wanted: Direction, close: Price) -> anyhow::Result<()> {
        let wanted = if wanted == Direction::Short && !self.setup.common.allow_short {
            Direction::Flat
        } else {
            wanted
        };
        if wanted == self.direction {
            return Ok(());
        }
        let size = self.resolve_size(close);
        let target = size * Decimal::from(wanted.sign());
        if !self.protective.is_empty() {
            self.protective.clear();
            self.cancel_all_orders(self.instrument_id, None, None, None)?;
        }
        let delta = if self.setup.hedging {
            self.close_all_positions(self.instrument_id, None, None, None, None, None, None)?;
            target
        } else {
            target - self.net_quantity()
        };
        if !delta.is_zero() {
            self.market(delta)?;
        }
        self.direction = wanted;
        Ok(())
    }

    /// A market order buying a positive `delta`, selling a negative one.
    fn market(&mut self, delta: Decimal) -> anyhow::Result<()> {
        let side = if delta > Decimal::ZERO {
            OrderSide::Buy
        } else {
            OrderSide::Sell
        };
        let qty = self.quantity(delta.abs())?;
        let order = self.core.order_factory().market(
            self.instrument_id,
            side,
            qty,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        );
        self.submit_order(order, None, None, None)
    }

    fn place_protection(
        &mut self,
        side: PositionSide,
        entry: Price,
        qty: Quantity,
        position: Option<PositionId>,
    ) -> anyhow::Result<()> {
        let (sl, tp) = (self.setup.common.stop_loss, self.setup.common.take_profit);
        if sl.is_none() && tp.is_none() {
            return Ok(());
        }
        let (exit_side, sign) = match side {
            PositionSide::Long => (OrderSide::Sell, Decimal::ONE),
            PositionSide::Short => (OrderSide::Buy, -Decimal::ONE),
            _ => return Ok(()),
        };
        if !self.protective.is_empty() {
            self.protective.clear();
            self.cancel_all_orders(self.instrument_id, None, None, None)?;
        }
        let inst = self.setup.instrument.clone();
        let tick = inst.price_increment().as_decimal();
        let px = |d: Decimal, strategy: RoundingStrategy| -> anyhow::Result<Price> {
            let ticks = (d / tick).round_dp_with_strategy(0, strategy);
            Ok(Price::from_decimal_dp(
                (ticks * tick).max(tick),
                inst.price_precision(),
            )?)
        };
        let e = entry.as_decimal();
        if let Some(sl) = sl {
            // Round the stop away from the entry so it is never tighter than asked.
            let rounding = if sign > Decimal::ZERO {
                RoundingStrategy::ToNegativeInfinity
            } else {
                RoundingStrategy::ToPositiveInfinity
            };
            let trigger = px(e * (Decimal::ONE - sign * sl.get()), rounding)?;
            let order = self.core.order_factory().stop_market(
                self.instrument_id,
                exit_side,
                qty,
                trigger,
                None,
                None,
                None,
                Some(true),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            );
            self.protective.push(order.client_order_id());
            self.submit_order(order, position, None, None)?;
        }
        if let Some(tp) = tp {
            let rounding = if sign > Decimal::ZERO {
                RoundingStrategy::ToPositiveInfinity
            } else {
                RoundingStrategy::ToNegativeInfinity
            };
            let limit = px(e * (Decimal::ONE + sign * tp.get()), rounding)?;
            let order = self.core.order_factory().limit(
                self.instrument_id,
                exit_side,
                qty,
                limit,
                None,
                None,
                None,
                Some(true),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            );
            self.protective.push(order.client_order_id());
            self.submit_order(order, position, None, None)?;
        }
        Ok(())
    }

    fn refused(&self, reason: String) {
        *self
            .setup
            .recorder
            .borrow_mut()
            .refusals
            .entry(reason)
            .or_default() += 1;
    }

    /// Records a closed position as a round trip, then removes it (and its snapshots) from the
    /// cache: a netting position reused for a whole run would otherwise keep a serialized
    /// snapshot of every cycle in memory.
    fn record_and_purge(&self, position_id: PositionId) {
        let cache = self.cache_rc();
        let trip = cache
            .borrow()
            .position(&position_id)
            .and_then(|p| RoundTrip::from_position(&p));
        if let Some(trip) = trip {
            self.setup.recorder.borrow_mut().trips.push(trip);
            cache.borrow_mut().purge_position(position_id);
        }
    }

    /// Drops all but the latest account states once a few have accumulated. Nautilus clones
    /// the account with its whole event history on every fill, which makes a long run
    /// quadratic unless the history is purged as the run goes.
    fn purge_account_history(&self, ts: nautilus_core::UnixNanos) {
        const KEEP_AT_MOST: usize = 16;
        let cache = self.cache_rc();
        let count = cache
            .borrow()
            .account_for_venue(&self.setup.equity_venue)
            .map_or(0, |a| match &*a {
                AccountAny::Margin(a) => a.event_count(),
                AccountAny::Cash(a) => a.event_count(),
                AccountAny::Betting(a) => a.event_count(),
            });
        if count > KEEP_AT_MOST {
            let mut cache = cache.borrow_mut();
            cache.purge_account_events(ts, 0);
            // Closed orders cost memory per order; count them, then let them go.
            let (orders, fills) = cache
                .orders_closed(None, None, None, None, None)
                .iter()
                .fold((0, 0), |(o, f), order| (o + 1, f + order.trade_ids().len()));
            cache.purge_closed_orders(ts, 0);
            let mut rec = self.setup.recorder.borrow_mut();
            rec.orders += orders;
            rec.fills += fills;
        }
    }

    fn sample_equity(&self, ts: i64) {
        let equity = {
            let cache = self.cache();
            let Some(account) = cache.account_for_venue(&self.setup.equity_venue) else {
                return;
            };
            let ccy = self.setup.equity_currency;
            let balance = match &*account {
                AccountAny::Margin(a) => a.balance_total(Some(ccy)),
                AccountAny::Cash(a) => a.balance_total(Some(ccy)),
                AccountAny::Betting(a) => a.balance_total(Some(ccy)),
            };
            let mut equity = balance.map_or(Decimal::ZERO, |m| m.as_decimal());
            let rec = self.setup.recorder.borrow();
            for p in cache.positions_open(None, None, None, None, None) {
                if let Some(last) = rec.last_price(&p.instrument_id)
                    && p.settlement_currency == ccy
                {
                    equity += crate::data::nautilus::unrealized_pnl(&p, last);
                }
            }
            equity
        };
        self.setup.recorder.borrow_mut().push_equity(ts, equity);
    }
}

impl DataActor for BuiltinStrategy {
    fn on_start(&mut self) -> anyhow::Result<()> {
        self.subscribe_bars(self.setup.bar_type, None, None);
        Ok(())
    }

    fn on_stop(&mut self) -> anyhow::Result<()> {
        if self.setup.common.close_at_end {
            self.protective.clear();
            self.cancel_all_orders(self.instrument_id, None, None, None)?;
            self.close_all_positions(self.instrument_id, None, None, None, None, None, None)?;
        }
        Ok(())
    }

    fn on_bar(&mut self, bar: &Bar) -> anyhow::Result<()> {
        let ts = bar.ts_event.as_u64() as i64;
        let due = self
            .setup
            .recorder
            .borrow_mut()
            .on_bar(self.instrument_id, ts, bar.close);
        if self.setup.samples_equity {
            self.purge_account_history(bar.ts_event);
            if due {
                self.sample_equity(ts);
            }
        }
        let prices = BarPrices {
            high: bar.high.as_f64(),
            low: bar.low.as_f64(),
            close: bar.close.as_f64(),
        };
        if let Some(wanted) = self.signal.on_bar(prices, self.direction) {
            self.go(wanted, bar.close)?;
        }
        Ok(())
    }
}
