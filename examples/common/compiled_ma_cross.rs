//! A compiled MovingAverageCrossover: the EMA crossover written in Rust as a Nautilus strategy,
//! as the built-in was before the built-ins became definitions. `bench_backtest` runs it beside
//! the shipped definition on the same data to measure what the strategy language costs.
//!
//! It keeps the run's bookkeeping of the definition's host (the same functions), sizes all-in at
//! the first decision's close as the definition does, and trades the difference to the target
//! side at market, so both place the same orders.
#![allow(dead_code)]

use std::fmt::Debug;

use nautilus_common::actor::DataActor;
use nautilus_indicators::{
    average::ema::ExponentialMovingAverage,
    indicator::{Indicator, MovingAverage},
};
use nautilus_mcp::engine::strategies::{
    eval::{AllIn, Evaluator},
    host::{StrategySetup, bookkeep_bar, net_quantity, record_and_purge},
};
use nautilus_model::{
    data::Bar,
    enums::OrderSide,
    events::PositionClosed,
    identifiers::InstrumentId,
    instruments::Instrument,
    types::{Price, Quantity},
};
use nautilus_trading::{
    nautilus_strategy,
    strategy::{Strategy, StrategyConfig, StrategyCore},
};
use rust_decimal::Decimal;

/// EMA(fast) crossing EMA(slow): long above, short below, all-in, closed at the end.
pub struct CompiledMaCross {
    core: StrategyCore,
    setup: StrategySetup,
    instrument_id: InstrumentId,
    all_in: AllIn,
    fast: ExponentialMovingAverage,
    slow: ExponentialMovingAverage,
    prev_fast_above: Option<bool>,
    /// -1, 0 or 1.
    direction: i64,
    size: Option<Decimal>,
}

nautilus_strategy!(CompiledMaCross, {
    fn on_position_closed(&mut self, event: PositionClosed) {
        record_and_purge(&self.cache_rc(), &self.setup.recorder, event.position_id);
    }
});

impl Debug for CompiledMaCross {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledMaCross")
            .field("instrument_id", &self.instrument_id)
            .finish()
    }
}

impl CompiledMaCross {
    /// EMA(`fast`) against EMA(`slow`), in place of the definition `evaluator` would run.
    #[must_use]
    pub fn new(setup: StrategySetup, evaluator: &Evaluator, fast: usize, slow: usize) -> Self {
        let config = StrategyConfig {
            strategy_id: Some(setup.strategy_id),
            order_id_tag: Some(setup.order_id_tag.clone()),
            ..Default::default()
        };
        Self {
            core: StrategyCore::new(config),
            instrument_id: setup.instrument.id(),
            all_in: evaluator.setup().all_in,
            setup,
            fast: ExponentialMovingAverage::new(fast, None),
            slow: ExponentialMovingAverage::new(slow, None),
            prev_fast_above: None,
            direction: 0,
            size: None,
        }
    }

    /// The new side on a crossing (the first comparison only primes it).
    fn signal(&mut self, close: f64) -> Option<i64> {
        self.fast.update_raw(close);
        self.slow.update_raw(close);
        if !self.fast.initialized() || !self.slow.initialized() {
            return None;
        }
        let above = self.fast.value() > self.slow.value();
        match (self.prev_fast_above.replace(above)?, above) {
            (false, true) => Some(1),
            (true, false) => Some(-1),
            _ => None,
        }
    }

    /// All-in at the first decision's close, rounded down to the size increment.
    fn size(&mut self, close: Price) -> Decimal {
        if let Some(q) = self.size {
            return q;
        }
        let inst = &self.setup.instrument;
        let step = inst.size_increment().as_decimal();
        let raw = match self.all_in {
            AllIn::Budget(budget) => budget / (close.as_decimal() * inst.multiplier().as_decimal()),
            AllIn::BaseUnits(units) => units,
            AllIn::Unavailable => Decimal::ZERO,
        };
        let min = inst.min_quantity().map_or(step, |q| q.as_decimal());
        let qty = ((raw / step).floor() * step).max(min);
        self.setup
            .recorder
            .borrow_mut()
            .set_trade_size_once(self.instrument_id, qty);
        self.size = Some(qty);
        qty
    }

    fn go(&mut self, wanted: i64, close: Price) -> anyhow::Result<()> {
        let target = self.size(close) * Decimal::from(wanted);
        let delta =
            target - net_quantity(&self.cache(), self.instrument_id, self.setup.strategy_id);
        self.direction = wanted;
        if delta.is_zero() {
            return Ok(());
        }
        let side = if delta > Decimal::ZERO {
            OrderSide::Buy
        } else {
            OrderSide::Sell
        };
        let quantity =
            Quantity::from_decimal_dp(delta.abs(), self.setup.instrument.size_precision())?;
        let order = self.core.order_factory().market(
            self.instrument_id,
            side,
            quantity,
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
}

impl DataActor for CompiledMaCross {
    fn on_start(&mut self) -> anyhow::Result<()> {
        self.subscribe_bars(self.setup.bar_type, None, None);
        Ok(())
    }

    fn on_stop(&mut self) -> anyhow::Result<()> {
        self.cancel_all_orders(self.instrument_id, None, None, None)?;
        self.close_all_positions(self.instrument_id, None, None, None, None, None, None)
    }

    fn on_bar(&mut self, bar: &Bar) -> anyhow::Result<()> {
        bookkeep_bar(&self.cache_rc(), &self.setup, self.instrument_id, bar);
        match self.signal(bar.close.as_f64()) {
            Some(wanted) if wanted != self.direction => self.go(wanted, bar.close),
            _ => Ok(()),
        }
    }
}
