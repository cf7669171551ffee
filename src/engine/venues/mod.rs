//! Real venues: the clients that reach an exchange, and the venue-neutral messages between
//! them and the trading node.
//!
//! A paper venue is simulated inside a node session (Nautilus's matching engine). A real venue
//! cannot be: its answers take a network round trip, so a command runs in two steps. The
//! session decides and journals the intent ([`Outbound`] requests: the order is `SUBMITTED`,
//! `PENDING_CANCEL` or `PENDING_UPDATE`) and commits; the request goes to the venue; a second
//! session applies what came back ([`VenueUpdate`]s: Nautilus order status and fill reports,
//! account states, refusals). User-stream events and crash reconciliation produce the same
//! updates, so there is one way for venue facts to reach the journal.

pub mod binance;
pub mod market_streams;
pub mod runner;

use nautilus_model::{
    data::{Bar, BarType},
    events::AccountState,
    identifiers::{ClientOrderId, InstrumentId},
    orders::OrderAny,
    reports::{FillReport, OrderStatusReport},
    types::{Price, Quantity},
};

/// A request for a real venue, decided (and journaled) in a session and sent after it commits.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // A few per command, moved once from session to client.
pub enum Outbound {
    /// Place an order (its `OrderSubmitted` is journaled).
    Submit(OrderAny),
    /// Cancel an order (its `OrderPendingCancel` is journaled).
    Cancel(OrderAny),
    /// Reduce an order's quantity keeping its queue priority (`OrderPendingUpdate` journaled).
    Amend { order: OrderAny, quantity: Quantity },
    /// Cancel `old` and place `new` in one request (`old` is pending cancel, `new` submitted).
    Replace { old: OrderAny, new: OrderAny },
    /// Cancel every open order of an instrument (each is pending cancel).
    CancelAll {
        instrument_id: InstrumentId,
        orders: Vec<OrderAny>,
    },
}

impl Outbound {
    /// The orders the request is about.
    #[must_use]
    pub fn orders(&self) -> Vec<&OrderAny> {
        match self {
            Self::Submit(o) | Self::Cancel(o) | Self::Amend { order: o, .. } => vec![o],
            Self::Replace { old, new } => vec![old, new],
            Self::CancelAll { orders, .. } => orders.iter().collect(),
        }
    }
}

/// What a request was, for a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Submit,
    Cancel,
    Modify,
}

/// A fact from a venue, to be applied to the node's orders and accounts.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // Short-lived, moved once into a session.
pub enum VenueUpdate {
    /// The venue's view of an order, with the fills it reported alongside.
    Order {
        report: OrderStatusReport,
        fills: Vec<FillReport>,
    },
    /// Balances: every asset (`complete`) or only those that changed.
    Account { state: AccountState, complete: bool },
    /// The venue refused a request about an order (the reason carries its code and message).
    Refused {
        client_order_id: ClientOrderId,
        action: Action,
        reason: String,
    },
    /// The venue does not know the order. `final_` once it can no longer arrive (its
    /// receive window has passed); until then the order stays pending.
    Unknown {
        client_order_id: ClientOrderId,
        final_: bool,
    },
}

/// A level of an order book.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BookLevel {
    pub price: Price,
    pub size: Quantity,
}

/// An order book snapshot from a venue.
#[derive(Debug, Clone, PartialEq)]
pub struct BookSnapshot {
    pub instrument_id: InstrumentId,
    pub bids: Vec<BookLevel>,
    pub asks: Vec<BookLevel>,
    /// The venue's update id of the snapshot.
    pub update_id: i64,
    /// When it was taken (ns).
    pub ts: u64,
}

/// A 24-hour ticker with the best bid and ask.
#[derive(Debug, Clone, PartialEq)]
pub struct TickerSnapshot {
    pub instrument_id: InstrumentId,
    pub bid: Price,
    pub bid_size: Quantity,
    pub ask: Price,
    pub ask_size: Quantity,
    pub last: Price,
    pub open: Price,
    pub high: Price,
    pub low: Price,
    pub volume: Quantity,
    /// Volume in the quote currency, exact.
    pub quote_volume: rust_decimal::Decimal,
    pub change_percent: rust_decimal::Decimal,
    pub trades: u64,
    /// Start and end of the 24-hour window (ns).
    pub open_time: u64,
    pub close_time: u64,
}

/// Bars read from a venue.
#[derive(Debug, Clone, PartialEq)]
pub struct VenueBars {
    /// The bar type (EXTERNAL aggregation: the venue built them).
    pub bar_type: BarType,
    /// The venue's name for the interval, e.g. `1m`.
    pub interval: String,
    /// The instrument's precisions (those of every price and volume).
    pub price_precision: u8,
    pub size_precision: u8,
    /// Closed bars, oldest first, stamped with their close time.
    pub bars: Vec<Bar>,
    /// The range holds more bars than the limit asked for.
    pub truncated: bool,
    /// Requests sent to the venue.
    pub requests: usize,
    /// The bar still forming at the venue was left out.
    pub open_left_out: bool,
}
