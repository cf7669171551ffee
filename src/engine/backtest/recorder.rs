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
    /// The first orders the strategies placed, up to `log_limit`.
    pub placed: Vec<PlacedOrder>,
    log_limit: usize,
}

/// An order a strategy placed, as a run reports it.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct PlacedOrder {
    /// When it was placed (ISO-8601, UTC).
    pub time: String,
    pub client_order_id: String,
    /// BUY or SELL.
    pub side: String,
    /// MARKET, LIMIT, STOP_MARKET or TRAILING_STOP_MARKET.
    #[serde(rename = "type")]
    pub kind: String,
    pub quantity: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_price: Option<String>,
    /// A trailing stop's offset and its type (PRICE or BASIS_POINTS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trailing_offset: Option<String>,
    pub time_in_force: String,
    pub reduce_only: bool,
    /// Its status when last heard of (FILLED, CANCELED, EXPIRED, ...).
    pub status: String,
    pub filled_qty: String,
    /// Average fill price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_px: Option<String>,
}

impl PlacedOrder {
    /// The order as placed.
    #[must_use]
    pub fn of(order: &nautilus_model::orders::OrderAny) -> Self {
        use nautilus_model::orders::Order;
        Self {
            time: crate::data::time::format_ns(order.ts_init().as_u64() as i64),
            client_order_id: order.client_order_id().to_string(),
            side: order.order_side().to_string(),
            kind: order.order_type().to_string(),
            quantity: order.quantity().to_string(),
            price: order.price().map(|p| p.to_string()),
            trigger_price: order.trigger_price().map(|p| p.to_string()),
            trailing_offset: order.trailing_offset().map(|o| {
                format!(
                    "{} {}",
                    o.normalize(),
                    order
                        .trailing_offset_type()
                        .map(|t| t.to_string())
                        .unwrap_or_default()
                )
            }),
            time_in_force: order.time_in_force().to_string(),
            reduce_only: order.is_reduce_only(),
            status: order.status().to_string(),
            filled_qty: order.filled_qty().to_string(),
            avg_px: crate::engine::node::views::avg_fill_price(order).map(|d| d.to_string()),
        }
    }
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
            placed: Vec::new(),
            log_limit: 0,
        }
    }

    /// Keeps the first `limit` orders placed.
    #[must_use]
    pub const fn with_order_log(mut self, limit: usize) -> Self {
        self.log_limit = limit;
        self
    }

    /// Whether the run keeps an order log at all.
    #[must_use]
    pub const fn logs_any(&self) -> bool {
        self.log_limit > 0
    }

    /// Whether orders placed are still logged.
    #[must_use]
    pub fn logs_orders(&self) -> bool {
        self.placed.len() < self.log_limit
    }

    /// Logs an order placed.
    pub fn log_order(&mut self, order: PlacedOrder) {
        if self.logs_orders() {
            self.placed.push(order);
        }
    }

    /// Brings a logged order up to date (a fill, a cancel, an expiry).
    pub fn update_order(&mut self, order: &nautilus_model::orders::OrderAny) {
        use nautilus_model::orders::Order;
        let id = order.client_order_id().to_string();
        if let Some(logged) = self
            .placed
            .iter_mut()
            .rev()
            .find(|p| p.client_order_id == id)
        {
            let time = std::mem::take(&mut logged.time);
            *logged = PlacedOrder::of(order);
            logged.time = time;
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

    /// Records the quantity a strategy trades (its first).
    pub fn set_trade_size_once(&mut self, instrument_id: InstrumentId, qty: Decimal) {
        self.trade_sizes
            .entry(instrument_id.to_string())
            .or_insert(qty);
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
