//! The paper venues' matching engines: one per instrument, built on first use with the book
//! seeded from the last market data and the live orders reloaded.

use std::{cell::RefCell, rc::Rc};

use nautilus_common::clock::Clock;
use nautilus_core::UnixNanos;
use nautilus_execution::{
    matching_engine::{config::OrderMatchingEngineConfig, engine::OrderMatchingEngine},
    models::{
        fee::{FeeModelAny, MakerTakerFeeModel},
        fill::FillModelAny,
    },
};
use nautilus_model::{
    enums::LiquiditySide,
    events::OrderEventAny,
    identifiers::InstrumentId,
    orders::{Order, OrderAny},
};

use super::{Session, corrupt};
use crate::error::{OpError, OpResult};

/// The `raw_id` of a matching engine: distinct for every engine of a command and for every
/// command that can have filled an order (each such command grew the journal).
pub(super) fn engine_raw_id(journal_seq: i64, index: usize) -> u32 {
    let mixed = ((journal_seq as u64) << 16).wrapping_add(index as u64 + 1);
    (mixed ^ (mixed >> 32)) as u32
}
impl Session<'_> {
    /// The matching engine of an instrument, created on first use with the book seeded from
    /// the last market data and the live orders reloaded.
    pub fn engine(&mut self, id: InstrumentId) -> OpResult<&mut OrderMatchingEngine> {
        if !self.engines.contains_key(&id) {
            let engine = self.build_engine(id)?;
            self.engines.insert(id, engine);
        }
        Ok(self.engines.get_mut(&id).expect("inserted"))
    }

    pub(super) fn build_engine(&mut self, id: InstrumentId) -> OpResult<OrderMatchingEngine> {
        let instrument = self.ensure_instrument(id)?;
        let ctx = self.require_venue(id.venue)?.clone();
        let paper = ctx
            .paper
            .clone()
            .ok_or_else(|| OpError::state(format!("{} is not a paper venue", id.venue)))?;
        // Nautilus derives trade ids from (venue, raw_id, time, a counter from 1): engines of
        // successive commands at the same market time would repeat them, and a position refuses
        // a fill whose trade id it holds. The journal's length makes each command's ids new.
        // The journal grows only at commit: its length is the one read when the session began.
        let raw_id = engine_raw_id(self.stamp.last_seq, self.engines.len());
        let l2 = paper.book_type() == nautilus_model::enums::BookType::L2_MBP;
        let clock: Rc<RefCell<dyn Clock>> = self.w.clock.clone();
        let mut engine = OrderMatchingEngine::new(
            instrument,
            raw_id,
            FillModelAny::default(),
            FeeModelAny::MakerTaker(MakerTakerFeeModel),
            paper.book_type(),
            paper.oms_type(),
            paper.account_type(),
            clock,
            self.w.cache.clone(),
            OrderMatchingEngineConfig::builder()
                .use_random_ids(true)
                .support_gtd_orders(true)
                .build(),
        );
        let applier = self.applier.clone();
        engine.set_event_handler(Rc::new(move |ev: OrderEventAny| {
            applier.apply(ev);
        }));
        // Seed the book with the last known prices and reload the live orders; the engine
        // re-announces orders it is given, which we already have, so events are suppressed.
        self.applier.suppress.set(true);
        if let Some(m) = self.market.get(&id).cloned() {
            let restore = self.w.now();
            if let Some(q) = &m.quote {
                self.w.set_time(q.ts_event);
                engine.process_quote_tick(q);
            }
            let trade = m
                .trade
                .as_ref()
                .filter(|t| m.quote.as_ref().is_none_or(|q| t.ts_event >= q.ts_event));
            // An L2 book is the last snapshot's; a newer trade then moves the last price (and,
            // as on a live engine, leaves the bid and ask at its price until the book resyncs).
            let depth = m.depth.as_ref().filter(|_| l2);
            if let Some(t) =
                trade.filter(|t| depth.is_some_and(|d| (t.ts_event.as_u64() as i64) < d.ts))
            {
                self.w.set_time(t.ts_event);
                engine.process_trade_tick(t);
            }
            if let Some(d) = depth {
                self.w.set_time(UnixNanos::from(d.ts.max(0) as u64));
                engine
                    .process_order_book_deltas(&d.deltas(id))
                    .map_err(|e| corrupt("depth snapshot", e))?;
            }
            if let Some(t) =
                trade.filter(|t| depth.is_none_or(|d| (t.ts_event.as_u64() as i64) >= d.ts))
            {
                self.w.set_time(t.ts_event);
                engine.process_trade_tick(t);
            }
            if l2 {
                // An L2 engine's bid and ask are its book's once the data is in.
                engine.iterate(
                    self.w.now(),
                    nautilus_model::enums::AggressorSide::NoAggressor,
                );
            }
            self.w.set_time(restore);
        }
        let mut live: Vec<OrderAny> = self
            .w
            .cache
            .borrow()
            .orders(None, Some(&id), None, None, None)
            .iter()
            .filter(|o| o.is_open())
            .map(|o| o.cloned())
            .collect();
        live.sort_by_key(|o| o.ts_init());
        for mut o in live {
            if let Some(mut cached) = self.w.cache.borrow_mut().order_mut(&o.client_order_id())
                && !matches!(
                    cached.liquidity_side(),
                    Some(LiquiditySide::Maker | LiquiditySide::Taker)
                )
            {
                cached.set_liquidity_side(LiquiditySide::Maker);
            }
            engine.process_order(&mut o, ctx.account_id);
        }
        self.applier.suppress.set(false);
        Ok(engine)
    }
}
