//! Market data through a session: quotes, depth, trades and bars into the matching engines,
//! the paper market's clock, and the daily loss limit after each step.

use std::collections::BTreeSet;

use nautilus_core::UnixNanos;
use nautilus_model::{
    data::{Bar, QuoteTick, TradeTick},
    identifiers::{InstrumentId, Venue},
    orders::Order,
};

use super::Session;
use crate::{
    engine::node::depth::DepthSnapshot,
    error::{OpError, OpResult},
    store::node as db,
};

impl Session<'_> {
    pub(super) fn set_data_time(&mut self, ts: i64) {
        let ts = ts.max(self.market_ts.unwrap_or(i64::MIN));
        if self.daily_loss_limit().is_some() {
            // A new day's baseline is taken before its first data moves any price.
            self.roll_loss_day(ts);
        }
        self.market_ts = Some(ts);
        self.w.set_time(UnixNanos::from(ts.max(0) as u64));
    }
    /// Feeds a quote to the instrument's engine.
    pub fn process_quote(&mut self, q: QuoteTick) -> OpResult<()> {
        self.set_data_time(q.ts_event.as_u64() as i64);
        self.engine(q.instrument_id)?.process_quote_tick(&q);
        let _ = self.w.cache.borrow_mut().add_quote(q);
        let m = self.market.entry(q.instrument_id).or_default();
        m.quote = Some(q);
        m.ts = q.ts_event.as_u64() as i64;
        self.market_dirty.insert(q.instrument_id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Whether a venue is a paper venue simulating an L2 book.
    #[must_use]
    pub fn is_l2(&self, venue: Venue) -> bool {
        self.venues
            .get(&venue)
            .and_then(|v| v.paper.as_ref())
            .is_some_and(|p| p.book_type() == nautilus_model::enums::BookType::L2_MBP)
    }

    /// An L2 engine's bid and ask go back to its book's after data that moved them (a trade)
    /// or that it does not iterate on (a bar): expiries and resting orders are checked.
    pub(super) fn resync_l2(&mut self, id: InstrumentId) -> OpResult<()> {
        if self.is_l2(id.venue) {
            let now = self.w.now();
            self.engine(id)?
                .iterate(now, nautilus_model::enums::AggressorSide::NoAggressor);
        }
        Ok(())
    }

    /// Feeds a depth snapshot to the instrument's engine (an L2 venue's): it replaces the
    /// book, and resting orders fill against it.
    pub fn process_depth(&mut self, id: InstrumentId, d: DepthSnapshot) -> OpResult<()> {
        self.set_data_time(d.ts);
        self.engine(id)?
            .process_order_book_deltas(&d.deltas(id))
            .map_err(|e| OpError::internal(format!("applying the depth snapshot: {e}")))?;
        let m = self.market.entry(id).or_default();
        m.ts = d.ts;
        m.depth = Some(d);
        self.market_dirty.insert(id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Feeds a trade to the instrument's engine.
    pub fn process_trade(&mut self, t: TradeTick) -> OpResult<()> {
        self.set_data_time(t.ts_event.as_u64() as i64);
        self.engine(t.instrument_id)?.process_trade_tick(&t);
        self.resync_l2(t.instrument_id)?;
        db::record_market_trade(&self.w.conn, &t)?;
        let _ = self.w.cache.borrow_mut().add_trade(t);
        let m = self.market.entry(t.instrument_id).or_default();
        m.trade = Some(t);
        m.ts = t.ts_event.as_u64() as i64;
        self.market_dirty.insert(t.instrument_id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Feeds a bar to the instrument's engine. A LAST (or MID) bar's close becomes the last
    /// trade price; a BID or ASK bar waits for its partner of the same time, and the pair's
    /// closes become the last quote, as the matching engine pairs them.
    pub fn process_bar(&mut self, bar: &Bar) -> OpResult<()> {
        use crate::data::pairing::{partner_bar_type, quote_of_bars};
        let id = bar.bar_type.instrument_id();
        let ts = bar.ts_event.as_u64() as i64;
        self.set_data_time(ts);
        self.engine(id)?.process_bar(bar);
        self.resync_l2(id)?;
        let m = if let Some(partner) = partner_bar_type(bar.bar_type) {
            let mut cache = self.w.cache.borrow_mut();
            let quote = cache.bar(&partner).and_then(|p| quote_of_bars(bar, p));
            let _ = cache.add_bar(*bar);
            let Some(q) = quote else {
                drop(cache);
                return self.sweep_contingencies();
            };
            let _ = cache.add_quote(q);
            let m = self.market.entry(id).or_default();
            m.quote = Some(q);
            m
        } else {
            let last = TradeTick {
                instrument_id: id,
                price: bar.close,
                size: bar.volume,
                aggressor_side: nautilus_model::enums::AggressorSide::NoAggressor,
                trade_id: nautilus_model::identifiers::TradeId::new(format!("BAR-{ts}")),
                ts_event: bar.ts_event,
                ts_init: bar.ts_init,
            };
            let _ = self.w.cache.borrow_mut().add_trade(last);
            let m = self.market.entry(id).or_default();
            m.trade = Some(last);
            m
        };
        m.ts = ts;
        self.market_dirty.insert(id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Lets a paper venue's matching engine act on the orders just placed at the current
    /// market time, as a backtest settles its venues after a strategy's commands: trailing
    /// stops start trailing, and orders the book can fill fill.
    pub fn settle(&mut self, id: InstrumentId) -> OpResult<()> {
        if self.is_real(id.venue) {
            return Ok(());
        }
        let now = self.w.now();
        self.engine(id)?
            .iterate(now, nautilus_model::enums::AggressorSide::NoAggressor);
        self.sweep_contingencies()
    }

    /// Moves the market clock without data (expires GTD orders that are due).
    pub fn advance_clock(&mut self, ts: i64) -> OpResult<()> {
        self.set_data_time(ts);
        let ids: Vec<InstrumentId> = self.engines.keys().copied().collect();
        let now = self.w.now();
        for id in ids {
            self.engine(id)?
                .iterate(now, nautilus_model::enums::AggressorSide::NoAggressor);
        }
        self.sweep_contingencies()
    }

    /// Instruments with live orders on a venue.
    #[must_use]
    pub fn instruments_with_live_orders(&self, venue: Venue) -> BTreeSet<InstrumentId> {
        self.w
            .cache
            .borrow()
            .orders(Some(&venue), None, None, None, None)
            .iter()
            .filter(|o| !o.is_closed())
            .map(|o| o.instrument_id())
            .collect()
    }
}
