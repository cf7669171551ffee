//! What a run records besides Nautilus's own state: last prices, equity samples, the trade
//! sizes chosen, and notes for the user.

use std::collections::{BTreeMap, HashMap};

use nautilus_model::{identifiers::InstrumentId, types::Price};
use rust_decimal::Decimal;

use super::{results::RoundTrip, trace::OrderTrace};

/// What a run recorded besides trades.
#[derive(Debug, Default)]
pub struct Recorded {
    /// (Unix ns, equity) samples.
    pub equity: Vec<(i64, Decimal)>,
    /// Quantity per entry, per instrument.
    pub trade_sizes: BTreeMap<String, Decimal>,
    pub notes: Vec<String>,
}

/// Adds an equity sample to `samples`, replacing one at the same timestamp.
pub fn push_sample(samples: &mut Vec<(i64, Decimal)>, ts: i64, equity: Decimal) {
    match samples.last_mut() {
        Some(last) if last.0 == ts => last.1 = equity,
        _ => samples.push((ts, equity)),
    }
}

/// Shared by the strategies of one run (one thread, one engine).
#[derive(Debug)]
pub struct Recorder {
    step_ns: i64,
    next_due: i64,
    last_prices: HashMap<InstrumentId, Price>,
    first_prices: HashMap<InstrumentId, Price>,
    equity: Vec<(i64, Decimal)>,
    trade_sizes: BTreeMap<String, Decimal>,
    notes: Vec<String>,
    bars: u64,
    /// Orders created by the strategies.
    pub orders: usize,
    /// Fills received.
    pub fills: usize,
    /// Why orders were denied or rejected, with counts.
    pub refusals: BTreeMap<String, usize>,
    /// Round trips, in the order positions closed.
    pub trips: Vec<RoundTrip>,
    /// Orders as they were purged from the cache, when the run is traced.
    pub orders_traced: Option<Vec<OrderTrace>>,
}

impl Recorder {
    /// Samples equity at most once per `step_ns`.
    #[must_use]
    pub fn new(step_ns: i64) -> Self {
        Self {
            step_ns: step_ns.max(1),
            next_due: i64::MIN,
            last_prices: HashMap::new(),
            first_prices: HashMap::new(),
            equity: Vec::new(),
            trade_sizes: BTreeMap::new(),
            notes: Vec::new(),
            bars: 0,
            orders: 0,
            fills: 0,
            refusals: BTreeMap::new(),
            trips: Vec::new(),
            orders_traced: None,
        }
    }

    /// Records a bar's close; true when an equity sample is due at `ts`.
    pub fn on_bar(&mut self, instrument_id: InstrumentId, ts: i64, close: Price) -> bool {
        self.bars += 1;
        self.last_prices.insert(instrument_id, close);
        self.first_prices.entry(instrument_id).or_insert(close);
        if ts >= self.next_due {
            self.next_due = (ts.div_euclid(self.step_ns) + 1) * self.step_ns;
            true
        } else {
            false
        }
    }

    /// The last close seen for an instrument.
    #[must_use]
    pub fn last_price(&self, instrument_id: &InstrumentId) -> Option<Price> {
        self.last_prices.get(instrument_id).copied()
    }

    /// First and last close of every instrument seen.
    #[must_use]
    pub fn price_range(&self) -> BTreeMap<String, (Decimal, Decimal)> {
        self.first_prices
            .iter()
            .filter_map(|(id, first)| {
                let last = self.last_prices.get(id)?;
                Some((id.to_string(), (first.as_decimal(), last.as_decimal())))
            })
            .collect()
    }

    /// Adds an equity sample (replacing one at the same timestamp).
    pub fn push_equity(&mut self, ts: i64, equity: Decimal) {
        push_sample(&mut self.equity, ts, equity);
    }

    /// Records the quantity a strategy trades.
    pub fn set_trade_size(&mut self, instrument_id: InstrumentId, qty: Decimal) {
        self.trade_sizes.insert(instrument_id.to_string(), qty);
    }

    /// Adds a note for the user (deduplicated).
    pub fn note(&mut self, text: String) {
        if !self.notes.contains(&text) {
            self.notes.push(text);
        }
    }

    /// Bars seen by the strategies.
    #[must_use]
    pub const fn bars(&self) -> u64 {
        self.bars
    }

    /// Takes the equity samples, trade sizes and notes.
    #[must_use]
    pub fn take(&mut self) -> Recorded {
        Recorded {
            equity: std::mem::take(&mut self.equity),
            trade_sizes: std::mem::take(&mut self.trade_sizes),
            notes: std::mem::take(&mut self.notes),
        }
    }
}
