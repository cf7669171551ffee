//! Real venues: exchanges reached over the network, behind one trait, and the venue-neutral
//! messages between them and the trading node.
//!
//! A paper venue is simulated inside a node session (Nautilus's matching engine). A real venue
//! cannot be: its answers take a network round trip, so a command runs in two steps. The
//! session decides and journals the intent ([`Outbound`] requests: the order is `SUBMITTED`,
//! `PENDING_CANCEL` or `PENDING_UPDATE`) and commits; the request goes to the venue; a second
//! session applies what came back ([`VenueUpdate`]s: Nautilus order status and fill reports,
//! account states, refusals). User-stream events and crash reconciliation produce the same
//! updates, so there is one way for venue facts to reach the journal.
//!
//! What is here:
//! - [`RealVenue`]: what the node needs of an exchange (connect, instruments, account, query,
//!   reconcile, execute, the user stream, market streams, book, ticker, trades, bars), and the
//!   messages it speaks in (this file).
//! - [`Adapter`] and [`adapter`]: the registry of exchanges, by venue name.
//! - [`runtime`]: the process's connected real venues (clients, credentials, streams) and the
//!   two-step trading flow; [`runner`]: venue facts into the journal (updates, reconciliation,
//!   the user stream); [`market_streams`]: market streams for resource subscriptions.
//! - [`credentials`]: API keys that never print.
//! - [`binance`]: Binance Spot, the first adapter.
//!
//! # Adding an exchange
//!
//! 1. Make a folder `engine/venues/<exchange>/` whose client implements [`RealVenue`]: every
//!    answer in Nautilus values ([`VenueUpdate`]s with `OrderStatusReport`s and
//!    `FillReport`s, `AccountState`s, [`BookSnapshot`]s...), every failure an `OpError`
//!    (`trading` when the exchange refused, `system` for network faults), requests with an
//!    unknown outcome resolved by querying before an order is declared lost.
//! 2. Give it an [`Adapter`]: the venue name it serves and a `build` function that makes a
//!    client from the mode, the config's `[venues.<NAME>]` and the credentials.
//! 3. Add that adapter to [`BUILT_IN`] below: one line. Nothing else changes: `connect_venue`
//!    with mode testnet or live, orders, reads, reconciliation, user and market streams all go
//!    through the trait. (`register` adds one at run time, as `tests/venue_adapter.rs` does.)

pub mod binance;
pub mod credentials;
pub mod market_streams;
pub mod runner;
pub mod runtime;

use std::{
    collections::BTreeSet,
    sync::{Arc, RwLock},
    time::Duration,
};

use async_trait::async_trait;
use nautilus_model::{
    data::{Bar, BarSpecification, BarType, TradeTick},
    enums::OrderSide,
    events::AccountState,
    identifiers::{AccountId, ClientOrderId, InstrumentId, Venue},
    orders::OrderAny,
    reports::{FillReport, OrderStatusReport},
    types::{Price, Quantity},
};
use rust_decimal::Decimal;
use tokio::sync::mpsc;

use self::credentials::ApiKeys;
use crate::{
    config::VenueConfig,
    data::instruments::InstrumentDef,
    engine::node::{orders::Trailing, settings::VenueMode},
    error::{OpError, OpResult},
};

/// The exchanges this build can connect, by venue name: one line per adapter.
pub const BUILT_IN: &[Adapter] = &[binance::ADAPTER];

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

impl BookSnapshot {
    /// The fills an order of `quantity` on `side` would get from this book: the other side's
    /// levels, best first, no further than `limit` (a limit order's price). Returns the fills
    /// (price, quantity) and the quantity the book does not fill.
    #[must_use]
    pub fn walk(
        &self,
        side: OrderSide,
        quantity: Decimal,
        limit: Option<Decimal>,
    ) -> (Vec<(Price, Decimal)>, Decimal) {
        let buy = side == OrderSide::Buy;
        let mut levels: Vec<&BookLevel> =
            if buy { &self.asks } else { &self.bids }.iter().collect();
        if buy {
            levels.sort_by_key(|l| l.price);
        } else {
            levels.sort_by_key(|l| std::cmp::Reverse(l.price));
        }
        let mut left = quantity;
        let mut fills = Vec::new();
        for level in levels {
            if left <= Decimal::ZERO {
                break;
            }
            let px = level.price.as_decimal();
            if limit.is_some_and(|l| if buy { px > l } else { px < l }) {
                break;
            }
            let take = left.min(level.size.as_decimal());
            if take > Decimal::ZERO {
                fills.push((level.price, take));
                left -= take;
            }
        }
        (fills, left)
    }
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

/// Where a venue is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// REST base URL.
    pub rest: String,
    /// WebSocket API URL (user data stream).
    pub ws_api: String,
    /// Market streams base URL.
    pub stream: String,
}

/// How a client talks to its venue.
#[derive(Debug, Clone)]
pub struct VenueOptions {
    pub recv_window_ms: u64,
    pub timeout: Duration,
    /// The clock offset measured earlier (kept in the venue's settings), if any.
    pub clock_offset_ms: Option<i64>,
}

impl Default for VenueOptions {
    fn default() -> Self {
        Self {
            recv_window_ms: 5_000,
            timeout: Duration::from_secs(10),
            clock_offset_ms: None,
        }
    }
}

/// The result of sending requests: updates to apply, and what the caller must be told.
#[derive(Debug, Default)]
pub struct Executed {
    pub updates: Vec<VenueUpdate>,
    /// The error the operation returns once the updates are applied.
    pub failure: Option<OpError>,
    /// Facts worth telling the caller (a retried request, a resolved timeout...).
    pub notes: Vec<String>,
}

impl Executed {
    /// Keeps the first failure.
    pub fn fail(&mut self, e: OpError) {
        if self.failure.is_none() {
            self.failure = Some(e);
        }
    }
}

/// What a venue said of an order it checked without placing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTest {
    /// The venue's check, e.g. `POST /api/v3/order/test`.
    pub endpoint: String,
    /// Commission rates the order would pay as maker and as taker (fractions of the notional).
    pub maker_rate: Decimal,
    pub taker_rate: Decimal,
    /// The asset a buy's commission is charged in when it is not the bought asset (a BNB
    /// discount), if the venue said so.
    pub commission_asset: Option<String>,
    /// Other facts the venue gave.
    pub notes: Vec<String>,
}

/// What `connect` learned.
#[derive(Debug)]
pub struct Connected {
    pub clock_offset_ms: i64,
    pub instruments: Vec<InstrumentDef>,
    pub account: AccountState,
    pub maker_fee: Decimal,
    pub taker_fee: Decimal,
}

/// What the node needs of a real venue (an exchange, testnet or live, for one account).
///
/// Every method answers in Nautilus values; a failure is an [`OpError`] with `trading` when the
/// venue refused and `system` for faults. Implementations are shared between tasks
/// (`Arc<dyn RealVenue>`).
#[async_trait]
pub trait RealVenue: Send + Sync + std::fmt::Debug {
    /// The venue's name (instrument ids are `SYMBOL.<venue>`).
    fn venue(&self) -> Venue;
    /// Testnet or live.
    fn mode(&self) -> VenueMode;
    /// How requests are authenticated, for the caller (e.g. `HMAC-SHA256`).
    fn signing(&self) -> &'static str;
    /// Where the venue is reached.
    fn endpoints(&self) -> &Endpoints;
    /// The current offset to the venue's clock (ms; 0 when it needs none).
    fn clock_offset_ms(&self) -> i64;
    /// Where the instrument definitions of [`RealVenue::connect`] come from, for the store.
    fn definitions_source(&self) -> String;
    /// Makes instruments known for reports (their precisions and currencies).
    fn register_instruments(&self, defs: &[InstrumentDef]);

    /// Syncs the clock, loads the account and the instruments (all, or the given symbols).
    async fn connect(&self, symbols: Option<&[String]>) -> OpResult<Connected>;
    /// The venue's instruments (all, or those whose id contains `filter`).
    async fn instruments(&self, filter: Option<&str>) -> OpResult<Vec<InstrumentDef>>;
    /// Every balance of the account.
    async fn account(&self) -> OpResult<AccountState>;
    /// The venue's view of one order, `None` when it does not know it yet.
    async fn query(&self, order: &OrderAny) -> OpResult<Option<VenueUpdate>>;
    /// The updates that bring `live` orders (and, with `all_symbols`, orders placed outside
    /// the node) and the account in line with the venue.
    async fn reconcile(&self, live: &[OrderAny], all_symbols: bool) -> OpResult<Vec<VenueUpdate>>;
    /// Sends the requests a session decided, in order.
    async fn execute(&self, requests: &[Outbound]) -> Executed;
    /// Whether the venue takes a trailing stop with these offsets natively (`Ok(Ok(()))`), or
    /// why not (`Ok(Err(reason))`: the node holds and trails it instead). `with_trigger`: the
    /// stop has an explicit first trigger.
    async fn takes_trailing(
        &self,
        _instrument_id: InstrumentId,
        _side: OrderSide,
        _trailing: &Trailing,
        _with_trigger: bool,
    ) -> OpResult<Result<(), String>> {
        Ok(Err(format!("{} takes no trailing stops", self.venue())))
    }
    /// Has the venue check an order as it would a placement, without placing it: `Ok(None)`
    /// when the venue has no such check, a `trading` error when it refuses the order.
    async fn test_order(&self, _order: &OrderAny) -> OpResult<Option<OrderTest>> {
        Ok(None)
    }

    /// Starts the account's user stream: order and balance updates as they happen.
    fn user_stream(self: Arc<Self>) -> UserStream;
    /// Starts the market streams (book and trades) of these symbols.
    fn market_streams(&self, symbols: &BTreeSet<String>) -> MarketStreams;

    /// An order book snapshot, `depth` levels a side.
    async fn book(&self, instrument_id: InstrumentId, depth: u32) -> OpResult<BookSnapshot>;
    /// The 24-hour ticker with the best bid and ask.
    async fn ticker(&self, instrument_id: InstrumentId) -> OpResult<TickerSnapshot>;
    /// The newest `limit` public trades, oldest first.
    async fn trades(&self, instrument_id: InstrumentId, limit: u32) -> OpResult<Vec<TradeTick>>;
    /// Closed bars over a range (ms), at most `limit`.
    async fn bars(
        &self,
        instrument_id: InstrumentId,
        spec: BarSpecification,
        start_ms: Option<i64>,
        end_ms: Option<i64>,
        limit: usize,
    ) -> OpResult<VenueBars>;
}

/// A running stream of a venue (user or market), stopped by [`StreamHandle::shutdown`] or
/// when dropped.
#[async_trait]
pub trait StreamHandle: Send + Sync + std::fmt::Debug {
    /// Stops the stream and waits for its task.
    async fn shutdown(self: Box<Self>);
}

/// What a user stream tells the node.
#[derive(Debug, Clone)]
pub enum UserStreamEvent {
    /// Subscribed (`reconnected` after a loss: events may have been missed, reconcile).
    Connected { reconnected: bool },
    /// Order and account updates.
    Updates(Vec<VenueUpdate>),
    /// The connection was lost (a reconnection follows).
    Disconnected { reason: String },
    /// The subscription was refused (bad key, signature...); retried with backoff.
    SubscribeFailed(String),
}

/// A running user stream and its events.
#[derive(Debug)]
pub struct UserStream {
    pub handle: Box<dyn StreamHandle>,
    pub events: mpsc::Receiver<UserStreamEvent>,
}

/// What a market stream tells its listener (symbols in the venue's own spelling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarketStreamEvent {
    /// The first connection.
    Connected,
    /// Connected again after a loss: updates may have been missed.
    Reconnected,
    /// The best bid or ask or the depth of a symbol changed.
    Book(String),
    /// A symbol traded.
    Trade(String),
    /// The connection was lost (a reconnection follows).
    Disconnected,
}

/// Running market streams and their events.
#[derive(Debug)]
pub struct MarketStreams {
    pub handle: Box<dyn StreamHandle>,
    pub events: mpsc::Receiver<MarketStreamEvent>,
}

/// What building a client needs.
#[derive(Debug)]
pub struct ClientSpec<'a> {
    pub venue: Venue,
    pub mode: VenueMode,
    /// The config's `[venues.<NAME>]`, if any (endpoint overrides...).
    pub config: Option<&'a VenueConfig>,
    pub keys: ApiKeys,
    pub account_id: AccountId,
    pub options: VenueOptions,
}

/// One exchange this build can connect.
#[derive(Debug, Clone, Copy)]
pub struct Adapter {
    /// The venue name it serves (`BINANCE`).
    pub name: &'static str,
    /// Makes a client (not yet connected).
    pub build: fn(ClientSpec<'_>) -> OpResult<Arc<dyn RealVenue>>,
}

static REGISTERED: RwLock<Vec<Adapter>> = RwLock::new(Vec::new());

/// Adds an adapter at run time (tests, embedding); one for the same name replaces it.
pub fn register(adapter: Adapter) {
    let mut extra = REGISTERED
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    extra.retain(|a| a.name != adapter.name);
    extra.push(adapter);
}

/// The adapter of a venue name, if one is built in or registered.
#[must_use]
pub fn adapter(name: &str) -> Option<Adapter> {
    let extra = REGISTERED
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    extra
        .iter()
        .chain(BUILT_IN)
        .find(|a| a.name == name)
        .copied()
}

/// The venue names that have an adapter, built in first.
#[must_use]
pub fn adapter_names() -> Vec<&'static str> {
    let extra = REGISTERED
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    BUILT_IN
        .iter()
        .chain(extra.iter())
        .map(|a| a.name)
        .collect()
}
