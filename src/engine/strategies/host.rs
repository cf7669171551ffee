//! The Nautilus `Strategy` of a backtest: it feeds each bar to the definition's [`Evaluator`]
//! and carries out what it decides through Nautilus's order factory (market, limit, stop and
//! trailing-stop orders into the simulated venue's matching engine), tells it when positions
//! open and close, and samples the run's equity.

use std::{cell::RefCell, fmt::Debug, rc::Rc};

use nautilus_common::{actor::DataActor, cache::Cache};
use nautilus_model::{
    accounts::{Account as _, AccountAny},
    data::{Bar, BarType},
    enums::{OrderSide, PositionSide, TriggerType},
    events::{
        OrderCanceled, OrderDenied, OrderExpired, OrderFilled, OrderRejected, PositionClosed,
        PositionOpened,
    },
    identifiers::{ClientOrderId, InstrumentId, PositionId, StrategyId, Venue},
    instruments::InstrumentAny,
    orders::{Order, OrderAny},
    types::Currency,
};
use nautilus_trading::{
    nautilus_strategy,
    strategy::{Strategy, StrategyConfig, StrategyCore},
};
use rust_decimal::Decimal;

use super::{
    eval::{Account, Action, EntryOrder, Evaluator, ExitOrder, Permit, PositionView},
    lang::plan::Side,
};
use crate::engine::backtest::{
    recorder::{PlacedOrder, Recorder},
    results::RoundTrip,
    trace::OrderTrace,
};

/// Everything a strategy instance needs besides its evaluator.
pub struct StrategySetup {
    pub strategy_id: StrategyId,
    pub order_id_tag: String,
    pub instrument: InstrumentAny,
    pub bar_type: BarType,
    pub recorder: Rc<RefCell<Recorder>>,
    /// Venue and currency in which equity is measured.
    pub equity_venue: Venue,
    pub equity_currency: Currency,
    /// Whether this instance samples equity for the run (one instance does).
    pub samples_equity: bool,
    /// The venue's OMS is HEDGING: exits name the position they close.
    pub hedging: bool,
}

/// A definition running inside Nautilus.
pub struct DefinitionStrategy {
    core: StrategyCore,
    setup: StrategySetup,
    instrument_id: InstrumentId,
    evaluator: Evaluator,
    /// The working exit orders (stop-loss, take-profit, trailing stop).
    protective: Vec<ClientOrderId>,
    /// The working limit or stop entry orders.
    entries: Vec<ClientOrderId>,
    /// The close time of the last bar the strategy saw.
    last_bar_ns: i64,
    /// Exits of a position that opened while the venue processed a new bar (a resting entry
    /// filled): placed when the strategy has seen that bar, unless it then leaves the
    /// position (as on the node).
    deferred: Vec<(Vec<Action>, Option<PositionId>)>,
}

nautilus_strategy!(DefinitionStrategy, {
    fn on_order_denied(&mut self, event: OrderDenied) {
        self.logged_changed(event.client_order_id);
        self.refused(format!("denied by the risk engine ({})", event.reason));
        self.entry_ended(event.client_order_id);
    }

    fn on_order_rejected(&mut self, event: OrderRejected) {
        self.logged_changed(event.client_order_id);
        self.refused(format!("rejected by the venue ({})", event.reason));
        self.entry_ended(event.client_order_id);
    }

    fn on_order_expired(&mut self, event: OrderExpired) {
        self.logged_changed(event.client_order_id);
        self.entry_ended(event.client_order_id);
    }

    fn on_position_opened(&mut self, event: PositionOpened) {
        let side = match event.side {
            PositionSide::Long => Side::Long,
            PositionSide::Short => Side::Short,
            _ => Side::Flat,
        };
        let account = self.account();
        let actions =
            self.evaluator
                .on_position_opened(side, event.last_px, event.quantity, &account);
        let position = self.setup.hedging.then_some(event.position_id);
        if (event.ts_event.as_u64() as i64) > self.last_bar_ns {
            self.deferred.push((actions, position));
            return;
        }
        if let Err(e) = self.execute(actions, position) {
            self.setup
                .recorder
                .borrow_mut()
                .note(format!("could not place stop/target: {e}"));
        }
        self.drain_notes();
    }

    fn on_position_closed(&mut self, event: PositionClosed) {
        self.record_and_purge(event.position_id);
        let by_exit = event
            .closing_order_id
            .is_some_and(|id| self.protective.contains(&id));
        let actions = self.evaluator.on_position_closed(by_exit);
        let _ = self.execute(actions, None);
    }
});

impl Debug for DefinitionStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DefinitionStrategy")
            .field("instrument_id", &self.instrument_id)
            .finish()
    }
}

/// The account as the evaluator reads it, from the engine's cache.
pub struct CacheAccount {
    cache: Rc<RefCell<Cache>>,
    strategy_id: StrategyId,
    instrument_id: InstrumentId,
    venue: Venue,
    currency: Currency,
    recorder: Rc<RefCell<Recorder>>,
}

impl Account for CacheAccount {
    fn net_quantity(&self) -> Decimal {
        self.cache
            .borrow()
            .positions_open(
                None,
                Some(&self.instrument_id),
                Some(&self.strategy_id),
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

    fn equity(&self) -> Option<Decimal> {
        equity(
            &self.cache.borrow(),
            self.venue,
            self.currency,
            &self.recorder.borrow(),
        )
    }

    fn position(&self) -> Option<PositionView> {
        let cache = self.cache.borrow();
        let open = cache.positions_open(
            None,
            Some(&self.instrument_id),
            Some(&self.strategy_id),
            None,
            None,
        );
        open.iter()
            .max_by_key(|p| p.ts_opened)
            .map(|p| PositionView {
                side: match p.side {
                    PositionSide::Long => Side::Long,
                    PositionSide::Short => Side::Short,
                    _ => Side::Flat,
                },
                quantity: p.quantity.as_decimal(),
                entry_price: p.avg_px_open,
                opened_ns: p.ts_opened.as_u64() as i64,
            })
    }
}

/// The balance of `currency` at `venue` plus the unrealized PnL of the open positions at the
/// last prices seen.
fn equity(cache: &Cache, venue: Venue, currency: Currency, rec: &Recorder) -> Option<Decimal> {
    let account = cache.account_for_venue(&venue)?;
    let balance = match &*account {
        AccountAny::Margin(a) => a.balance_total(Some(currency)),
        AccountAny::Cash(a) => a.balance_total(Some(currency)),
        AccountAny::Betting(a) => a.balance_total(Some(currency)),
    };
    let mut equity = balance.map_or(Decimal::ZERO, |m| m.as_decimal());
    for p in cache.positions_open(None, None, None, None, None) {
        if let Some(last) = rec.last_price(&p.instrument_id) {
            let u = p.unrealized_pnl(last);
            if u.currency == currency {
                equity += u.as_decimal();
            }
        }
    }
    Some(equity)
}

impl DefinitionStrategy {
    /// A strategy instance running `evaluator` with `setup`.
    #[must_use]
    pub fn new(setup: StrategySetup, evaluator: Evaluator) -> Self {
        let config = StrategyConfig {
            strategy_id: Some(setup.strategy_id),
            order_id_tag: Some(setup.order_id_tag.clone()),
            ..Default::default()
        };
        Self {
            core: StrategyCore::new(config),
            instrument_id: nautilus_model::instruments::Instrument::id(&setup.instrument),
            setup,
            evaluator,
            protective: Vec::new(),
            entries: Vec::new(),
            last_bar_ns: i64::MIN,
            deferred: Vec::new(),
        }
    }

    fn account(&self) -> CacheAccount {
        CacheAccount {
            cache: self.cache_rc(),
            strategy_id: self.setup.strategy_id,
            instrument_id: self.instrument_id,
            venue: self.setup.equity_venue,
            currency: self.setup.equity_currency,
            recorder: self.setup.recorder.clone(),
        }
    }

    /// Passes the evaluator's notes and first trade size to the run's recorder.
    fn drain_notes(&mut self) {
        let notes = self.evaluator.take_notes();
        let size = self.evaluator.trade_size();
        let mut rec = self.setup.recorder.borrow_mut();
        for n in notes {
            rec.note(n);
        }
        if let Some(q) = size {
            rec.set_trade_size_once(self.instrument_id, q);
        }
    }

    /// A limit or stop entry that ended without filling (expired, denied, rejected).
    fn entry_ended(&mut self, id: ClientOrderId) {
        if let Some(i) = self.entries.iter().position(|e| *e == id) {
            self.entries.swap_remove(i);
            let open = self.account().position().is_some();
            self.evaluator.on_entry_ended(open);
        }
    }

    /// Carries out the evaluator's actions; exits name `position` (hedging).
    fn execute(
        &mut self,
        actions: Vec<Action>,
        position: Option<PositionId>,
    ) -> anyhow::Result<()> {
        let id = self.instrument_id;
        for action in actions {
            let order = match action {
                Action::CancelAll => {
                    self.protective.clear();
                    self.entries.clear();
                    self.cancel_all_orders(id, None, None, None)?;
                    continue;
                }
                Action::CloseAll => {
                    let logging = self.setup.recorder.borrow().logs_orders();
                    let before: Vec<ClientOrderId> = if logging {
                        self.strategy_orders()
                            .iter()
                            .map(Order::client_order_id)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    self.close_all_positions(id, None, None, None, None, None, None)?;
                    if logging {
                        for o in self.strategy_orders() {
                            if !before.contains(&o.client_order_id()) {
                                self.log(&o);
                            }
                        }
                    }
                    continue;
                }
                Action::Market { side, quantity } => self
                    .core
                    .order_factory()
                    .market(id, side, quantity, None, None, None, None, None, None, None),
                Action::Entry {
                    side,
                    quantity,
                    order,
                    time_in_force,
                    expire_ns,
                } => {
                    let expire = expire_ns.map(|t| nautilus_core::UnixNanos::from(t.max(0) as u64));
                    let factory = self.core.order_factory();
                    let order = match order {
                        EntryOrder::Limit { price } => factory.limit(
                            id,
                            side,
                            quantity,
                            price,
                            Some(time_in_force),
                            expire,
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
                        ),
                        EntryOrder::Stop { trigger } => factory.stop_market(
                            id,
                            side,
                            quantity,
                            trigger,
                            None,
                            Some(time_in_force),
                            expire,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                        ),
                    };
                    self.entries.push(order.client_order_id());
                    order
                }
                Action::Exit {
                    side,
                    quantity,
                    order,
                } => {
                    let order = self.exit_order(side, quantity, order);
                    self.protective.push(order.client_order_id());
                    self.log(&order);
                    self.submit_order(order, position, None, None)?;
                    continue;
                }
            };
            self.log(&order);
            self.submit_order(order, None, None, None)?;
        }
        Ok(())
    }

    fn exit_order(
        &mut self,
        side: OrderSide,
        quantity: nautilus_model::types::Quantity,
        order: ExitOrder,
    ) -> OrderAny {
        let id = self.instrument_id;
        let factory = self.core.order_factory();
        match order {
            ExitOrder::Stop { trigger } => factory.stop_market(
                id,
                side,
                quantity,
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
            ),
            ExitOrder::Limit { price } => factory.limit(
                id,
                side,
                quantity,
                price,
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
            ),
            ExitOrder::Trailing {
                offset,
                offset_type,
                trigger,
            } => factory.trailing_stop_market(
                id,
                side,
                quantity,
                offset,
                Some(offset_type),
                None,
                Some(trigger),
                Some(TriggerType::Default),
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
            ),
        }
    }

    /// The strategy's orders in its instrument, as the cache holds them.
    fn strategy_orders(&self) -> Vec<OrderAny> {
        let strategy_id = self.setup.strategy_id;
        self.cache()
            .orders(
                None,
                Some(&self.instrument_id),
                Some(&strategy_id),
                None,
                None,
            )
            .iter()
            .map(|o| o.cloned())
            .collect()
    }

    /// Updates a logged order after an event.
    fn logged_changed(&self, id: ClientOrderId) {
        if self.setup.recorder.borrow().logs_any() {
            let order = self.cache().order(&id).map(|o| o.clone());
            if let Some(order) = order {
                self.setup.recorder.borrow_mut().update_order(&order);
            }
        }
    }

    /// Records the order in the run's order log (when it keeps one).
    fn log(&self, order: &OrderAny) {
        let mut rec = self.setup.recorder.borrow_mut();
        if rec.logs_orders() {
            rec.log_order(PlacedOrder::of(order));
        }
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
            // Closed orders cost memory per order; count them (and trace them when the run
            // is traced), then let them go.
            let closed = cache.orders_closed(None, None, None, None, None);
            let (orders, fills) = closed
                .iter()
                .fold((0, 0), |(o, f), order| (o + 1, f + order.trade_ids().len()));
            let mut rec = self.setup.recorder.borrow_mut();
            if let Some(traced) = rec.orders_traced.as_mut() {
                traced.extend(closed.iter().map(|o| OrderTrace::from_order(o)));
            }
            drop(closed);
            cache.purge_closed_orders(ts, 0);
            rec.orders += orders;
            rec.fills += fills;
        }
    }

    fn sample_equity(&self, ts: i64) {
        let value = {
            let cache = self.cache();
            let rec = self.setup.recorder.borrow();
            equity(
                &cache,
                self.setup.equity_venue,
                self.setup.equity_currency,
                &rec,
            )
        };
        if let Some(v) = value {
            self.setup.recorder.borrow_mut().push_equity(ts, v);
        }
    }
}

impl DataActor for DefinitionStrategy {
    fn on_start(&mut self) -> anyhow::Result<()> {
        self.subscribe_bars(self.setup.bar_type, None, None);
        Ok(())
    }

    fn on_order_filled(&mut self, event: &OrderFilled) -> anyhow::Result<()> {
        self.logged_changed(event.client_order_id);
        Ok(())
    }

    fn on_order_canceled(&mut self, event: &OrderCanceled) -> anyhow::Result<()> {
        self.logged_changed(event.client_order_id);
        Ok(())
    }

    fn on_stop(&mut self) -> anyhow::Result<()> {
        let actions = self.evaluator.on_end();
        self.execute(actions, None)
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
        self.last_bar_ns = ts;
        let account = self.account();
        let actions = self.evaluator.on_bar(bar, &account, Permit::All);
        // The exits of a position opened since the last bar, unless the decision leaves it
        // (its first action then cancels the strategy's orders).
        let deferred = std::mem::take(&mut self.deferred);
        if actions.first() != Some(&Action::CancelAll) {
            for (exits, position) in deferred {
                if let Err(e) = self.execute(exits, position) {
                    self.setup
                        .recorder
                        .borrow_mut()
                        .note(format!("could not place stop/target: {e}"));
                }
            }
        }
        let result = self.execute(actions, None);
        self.drain_notes();
        result
    }
}
