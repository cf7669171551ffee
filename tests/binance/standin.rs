//! A loopback stand-in for Binance Spot, started by the tests (never part of the product).
//!
//! [`Standin::start`] runs it on its own runtime thread: a REST server (axum) and a WebSocket
//! server (tokio-tungstenite, the crate the client uses) on two `127.0.0.1` ports, and returns a
//! [`StandinHandle`] with the REST base URL, the WebSocket API URL and the market streams URL.
//! The stand-in:
//!
//! * answers the REST endpoints the client uses, with bodies built from the real Binance
//!   response bodies loaded at run time from a directory (`http_json/*.json`, and the
//!   `user_data_json/*_wrapped.json` events), filled in from its own state;
//! * verifies every signed request: `X-MBX-APIKEY`, the signature over the query string and
//!   body exactly as received (signature parameter removed) — HMAC-SHA256 (hex) for an HMAC
//!   key, or base64 Ed25519 by the configured public key for an Ed25519 key — and `timestamp`
//!   against `recvWindow` and its own clock (with an injectable skew), as Binance documents;
//! * keeps balances, orders (ids and trade ids increase monotonically), trades and a one-level
//!   book per symbol; rejects duplicate open client order ids with `-2010 "Duplicate order
//!   sent."`; charges commission in the base asset on buys and in the quote asset on sells;
//!   checks test orders (`POST /api/v3/order/test`, with `computeCommissionRates` its
//!   commission rates) as placements without placing them;
//! * serves the WebSocket API (`time`, `userDataStream.subscribe.signature`,
//!   `userDataStream.unsubscribe`, `session.subscriptions`) and pushes wrapped `executionReport`,
//!   `outboundAccountPosition` and `balanceUpdate` events; serves combined market streams
//!   (`bookTicker`, `trade`, partial and diff depth);
//! * counts request weight and orders per window and sends the `X-MBX-USED-WEIGHT-*` /
//!   `X-MBX-ORDER-COUNT-*` headers, answering 429 past the limits.
//!
//! Tests drive it through the handle: move the market ([`StandinHandle::trade_at`],
//! [`StandinHandle::set_book`]), inject faults for the next N requests ([`Fault`]), drop
//! WebSocket connections, set balances, and read the request log (signatures redacted; the API
//! key, sent as a header, is never recorded).
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};
use nautilus_mcp::engine::venues::binance::clock::local_ms;
use nautilus_mcp::engine::venues::binance::model::{RateLimit, RateLimitInterval, RateLimitType};
use nautilus_mcp::engine::venues::{
    binance::signing::{verify_hmac_hex, ws_payload},
    credentials::Secret,
};
use percent_encoding::percent_decode_str;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{
    ErrorResponse, Request, Response as WsResponse,
};

/// A symbol of the stand-in market.
#[derive(Debug, Clone)]
pub struct SymbolConfig {
    /// Symbol, e.g. `BTCUSDT`.
    pub symbol: String,
    /// Base asset.
    pub base: String,
    /// Quote asset.
    pub quote: String,
    /// Tick size.
    pub tick_size: Decimal,
    /// Step size.
    pub step_size: Decimal,
    /// Minimum quantity.
    pub min_qty: Decimal,
    /// Maximum quantity.
    pub max_qty: Decimal,
    /// Minimum notional (`NOTIONAL` filter).
    pub min_notional: Decimal,
    /// Initial best bid.
    pub bid: Decimal,
    /// Initial best ask.
    pub ask: Decimal,
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

impl SymbolConfig {
    /// BTCUSDT: tick 0.01, step 0.00001, min notional 5, book 50000.00 / 50000.10.
    pub fn btcusdt() -> Self {
        Self {
            symbol: "BTCUSDT".into(),
            base: "BTC".into(),
            quote: "USDT".into(),
            tick_size: dec("0.01"),
            step_size: dec("0.00001"),
            min_qty: dec("0.00001"),
            max_qty: dec("9000"),
            min_notional: dec("5"),
            bid: dec("50000.00"),
            ask: dec("50000.10"),
        }
    }

    /// ETHUSDT: tick 0.01, step 0.0001, min notional 5, book 2500.00 / 2500.01.
    pub fn ethusdt() -> Self {
        Self {
            symbol: "ETHUSDT".into(),
            base: "ETH".into(),
            quote: "USDT".into(),
            tick_size: dec("0.01"),
            step_size: dec("0.0001"),
            min_qty: dec("0.0001"),
            max_qty: dec("9000"),
            min_notional: dec("5"),
            bid: dec("2500.00"),
            ask: dec("2500.01"),
        }
    }
}

/// Configuration of the stand-in.
#[derive(Debug, Clone)]
pub struct StandinConfig {
    /// Directory of the real REST bodies (`.../binance/spot/http_json`).
    pub http_json_dir: PathBuf,
    /// Directory of the real user data events (`.../binance/spot/user_data_json`).
    pub user_data_dir: PathBuf,
    /// The API key the stand-in accepts.
    pub api_key: Secret,
    /// The matching secret (HMAC keys).
    pub secret: Secret,
    /// Set when the API key is an Ed25519 key: signatures must be base64 Ed25519 signatures
    /// this public key verifies (and HMAC ones are refused).
    pub ed25519: Option<ed25519_dalek::VerifyingKey>,
    /// Symbols.
    pub symbols: Vec<SymbolConfig>,
    /// Initial free balances.
    pub balances: Vec<(String, Decimal)>,
    /// Commission rate (maker and taker).
    pub commission_rate: Decimal,
    /// Rate limits announced in `exchangeInfo` and enforced.
    pub rate_limits: Vec<RateLimit>,
    /// Interval of the server's WebSocket pings.
    pub ws_ping_interval: Duration,
}

impl StandinConfig {
    /// A stand-in reading bodies from `data_dir/http_json` and `data_dir/user_data_json`
    /// (`data_dir` = `.../binance/spot`), with BTCUSDT and ETHUSDT, 100000 USDT, 1 BTC, 10 ETH,
    /// commission 0.1 % and Binance's production rate limits.
    pub fn new(data_dir: impl AsRef<Path>, api_key: Secret, secret: Secret) -> Self {
        let d = data_dir.as_ref();
        Self {
            http_json_dir: d.join("http_json"),
            user_data_dir: d.join("user_data_json"),
            api_key,
            secret,
            ed25519: None,
            symbols: vec![SymbolConfig::btcusdt(), SymbolConfig::ethusdt()],
            balances: vec![
                ("USDT".into(), dec("100000")),
                ("BTC".into(), dec("1")),
                ("ETH".into(), dec("10")),
            ],
            commission_rate: dec("0.001"),
            rate_limits: default_rate_limits(),
            ws_ping_interval: Duration::from_secs(20),
        }
    }
}

/// Binance's production rate limits (2026): 6000 weight/1m, 100 orders/10s, 200000 orders/1d,
/// 300000 raw requests/5m.
pub fn default_rate_limits() -> Vec<RateLimit> {
    let rl = |t, i, n, limit| RateLimit {
        rate_limit_type: t,
        interval: i,
        interval_num: n,
        limit,
        count: None,
    };
    vec![
        rl(
            RateLimitType::RequestWeight,
            RateLimitInterval::Minute,
            1,
            6000,
        ),
        rl(RateLimitType::Orders, RateLimitInterval::Second, 10, 100),
        rl(RateLimitType::Orders, RateLimitInterval::Day, 1, 200_000),
        rl(
            RateLimitType::RawRequests,
            RateLimitInterval::Minute,
            5,
            300_000,
        ),
    ]
}

/// A fault the stand-in applies to the next matching requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 429 with `Retry-After` (request not processed).
    RateLimited {
        /// Seconds in `Retry-After`.
        retry_after_secs: u64,
    },
    /// HTTP 418 with `Retry-After` (request not processed).
    Banned {
        /// Seconds in `Retry-After`.
        retry_after_secs: u64,
    },
    /// `-1021` timestamp outside recvWindow (request not processed).
    TimestampOutsideRecvWindow,
    /// `-2010` "Account has insufficient balance for requested action." (not processed).
    InsufficientBalance,
    /// HTTP 5xx (request not processed).
    ServerError {
        /// Status (500..=599).
        status: u16,
    },
    /// The request is processed (e.g. the order is created) but the response is sent only after
    /// `delay`: a client with a shorter timeout sees an unknown outcome.
    DelayResponse {
        /// Delay.
        delay: Duration,
    },
}

#[derive(Debug, Clone)]
struct FaultEntry {
    fault: Fault,
    method: Option<String>,
    path: Option<String>,
    remaining: usize,
}

/// One REST request as the stand-in received it (signature redacted; the API key header is not
/// recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Query string then body, with `signature=<redacted>`.
    pub params: String,
    /// Response status.
    pub status: u16,
    /// Binance error code of the response, if any.
    pub error_code: Option<i64>,
}

/// A stand-in order, as the handle reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandinOrder {
    /// Symbol.
    pub symbol: String,
    /// Venue order id.
    pub order_id: i64,
    /// Client order id.
    pub client_order_id: String,
    /// `BUY` / `SELL`.
    pub side: String,
    /// Order type.
    pub order_type: String,
    /// Limit price (0 for market).
    pub price: Decimal,
    /// Quantity.
    pub orig_qty: Decimal,
    /// Executed quantity.
    pub executed_qty: Decimal,
    /// Status.
    pub status: String,
}

#[derive(Debug, Clone)]
struct Ord {
    symbol: String,
    order_id: i64,
    client_order_id: String,
    side: String,
    otype: String,
    tif: String,
    price: Decimal,
    stop_price: Option<Decimal>,
    /// A trailing stop's `trailingDelta` (BIPS), and the best trade price since placement
    /// (highest for a sell, lowest for a buy) it trails.
    trailing_delta: Option<u32>,
    trail_extreme: Decimal,
    orig_qty: Decimal,
    executed_qty: Decimal,
    cum_quote: Decimal,
    status: String,
    time: i64,
    update_time: i64,
    working_time: Option<i64>,
    triggered: bool,
    /// Amount still locked for this order (quote for buys, base for sells).
    locked: Decimal,
}

impl Ord {
    fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "NEW" | "PARTIALLY_FILLED")
    }

    fn remaining(&self) -> Decimal {
        self.orig_qty - self.executed_qty
    }

    fn is_buy(&self) -> bool {
        self.side == "BUY"
    }

    fn is_working(&self) -> bool {
        self.is_open()
            && ((self.stop_price.is_none() && self.trailing_delta.is_none()) || self.triggered)
    }
}

#[derive(Debug, Clone)]
struct TradeRec {
    symbol: String,
    id: i64,
    order_id: i64,
    price: Decimal,
    qty: Decimal,
    commission: Decimal,
    commission_asset: String,
    time: i64,
    is_buyer: bool,
    is_maker: bool,
}

#[derive(Debug, Clone)]
struct Sym {
    cfg: SymbolConfig,
    bid: Decimal,
    ask: Decimal,
    last: Decimal,
    update_id: i64,
    public_trades: Vec<(i64, Decimal, Decimal, i64, bool)>,
}

enum WsOut {
    Text(String),
    Drop,
}

struct UserConn {
    tx: mpsc::UnboundedSender<WsOut>,
    subscriptions: Vec<u64>,
    next_sub: u64,
}

struct MarketConn {
    tx: mpsc::UnboundedSender<WsOut>,
    streams: Vec<String>,
}

struct Templates {
    exchange_info: Value,
    account: Value,
    new_order_full: Value,
    order: Value,
    open_order: Value,
    all_order: Value,
    cancel_order: Value,
    my_trade: Value,
    depth: Value,
    trade: Value,
    kline: Value,
    klines_body: Vec<Value>,
    book_ticker: Value,
    ticker_24hr: Value,
    exec_report: Value,
    account_position: Value,
    balance_update: Value,
}

fn load_json(dir: &Path, name: &str) -> Result<Value, String> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn first(v: Value, name: &str) -> Result<Value, String> {
    v.as_array()
        .and_then(|a| a.first().cloned())
        .ok_or_else(|| format!("{name}: expected a non-empty array"))
}

fn event_of(v: Value, name: &str) -> Result<Value, String> {
    v.get("event")
        .cloned()
        .ok_or_else(|| format!("{name}: expected a wrapped event"))
}

impl Templates {
    fn load(http: &Path, user: &Path) -> Result<Self, String> {
        Ok(Self {
            exchange_info: load_json(http, "exchange_info_response.json")?,
            account: load_json(http, "account_response.json")?,
            new_order_full: load_json(http, "new_order_full_response.json")?,
            order: load_json(http, "order_response.json")?,
            open_order: first(load_json(http, "open_orders_response.json")?, "open_orders")?,
            all_order: first(load_json(http, "all_orders_response.json")?, "all_orders")?,
            cancel_order: load_json(http, "cancel_order_response.json")?,
            my_trade: first(
                load_json(http, "account_trades_response.json")?,
                "my_trades",
            )?,
            depth: load_json(http, "depth_response.json")?,
            trade: first(load_json(http, "trades_response.json")?, "trades")?,
            kline: first(load_json(http, "klines_response.json")?, "klines")?,
            klines_body: load_json(http, "klines_response.json")?
                .as_array()
                .cloned()
                .unwrap_or_default(),
            book_ticker: load_json(http, "book_ticker_response.json")?,
            ticker_24hr: load_json(http, "ticker_24hr_response.json")?,
            exec_report: event_of(
                load_json(user, "execution_report_wrapped.json")?,
                "execution_report_wrapped",
            )?,
            account_position: event_of(
                load_json(user, "account_position_wrapped.json")?,
                "account_position_wrapped",
            )?,
            balance_update: event_of(
                load_json(user, "balance_update_wrapped.json")?,
                "balance_update_wrapped",
            )?,
        })
    }
}

/// Fills `template` (an object) with `fields`, keeping the template's key order; keys the
/// template lacks are appended (conditional fields such as `stopPrice`).
fn fill(template: &Value, fields: &[(&str, Value)]) -> Value {
    let mut v = template.clone();
    if let Some(obj) = v.as_object_mut() {
        for (k, val) in fields {
            obj.insert((*k).to_string(), val.clone());
        }
    }
    v
}

/// Decimal as Binance prints it: 8 decimals.
fn f8(d: Decimal) -> Value {
    let mut d = d.round_dp(8);
    d.rescale(8);
    Value::String(d.to_string())
}

struct ApiErr {
    status: u16,
    code: i64,
    msg: String,
}

fn api_err(code: i64, msg: impl Into<String>) -> ApiErr {
    ApiErr {
        status: 400,
        code,
        msg: msg.into(),
    }
}

fn missing(name: &str) -> ApiErr {
    api_err(
        -1102,
        format!("Mandatory parameter '{name}' was not sent, was empty/null, or malformed."),
    )
}

const INSUFFICIENT: &str = "Account has insufficient balance for requested action.";

struct Counter {
    window_start: i64,
    count: u64,
}

struct St {
    symbols: BTreeMap<String, Sym>,
    balances: BTreeMap<String, (Decimal, Decimal)>,
    orders: BTreeMap<i64, Ord>,
    trades: Vec<TradeRec>,
    next_order_id: i64,
    next_trade_id: i64,
    next_exec_id: i64,
    next_cancel_id: u64,
    faults: Vec<FaultEntry>,
    requests: Vec<LoggedRequest>,
    ws_requests: Vec<(String, bool)>,
    rate_limits: Vec<RateLimit>,
    weight: HashMap<String, Counter>,
    order_counts: HashMap<String, Counter>,
    user_conns: HashMap<u64, UserConn>,
    market_conns: HashMap<u64, MarketConn>,
    next_conn: u64,
    user_connections_total: u64,
    /// Kline history set by the tests: (symbol, interval) → open time → the 12-field row.
    klines: BTreeMap<(String, String), BTreeMap<i64, Value>>,
}

struct Inner {
    api_key: Secret,
    secret: Secret,
    ed25519: Option<ed25519_dalek::VerifyingKey>,
    commission_rate: Decimal,
    ping_interval: Duration,
    templates: Templates,
    skew_ms: AtomicI64,
    ws_accepting: AtomicBool,
    pongs: AtomicU64,
    st: Mutex<St>,
}

/// A new order's checked parameters.
struct NewOrd {
    symbol: String,
    sym: Sym,
    side: String,
    otype: String,
    tif: String,
    qty: Decimal,
    price: Decimal,
    stop: Option<Decimal>,
    /// `trailingDelta` (BIPS) of a trailing stop.
    trailing_delta: Option<u32>,
    is_buy: bool,
    /// The price its notional is checked at (a market order's: the best price it takes).
    ref_px: Decimal,
}

/// A pending outgoing user event batch (sent after the state is updated).
type Outbox = Vec<Value>;

impl Inner {
    fn now(&self) -> i64 {
        local_ms() + self.skew_ms.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, St> {
        self.st
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl St {
    fn sym(&self, symbol: &str) -> Result<&Sym, ApiErr> {
        self.symbols
            .get(symbol)
            .ok_or_else(|| api_err(-1121, "Invalid symbol."))
    }

    fn bal(&mut self, asset: &str) -> &mut (Decimal, Decimal) {
        self.balances
            .entry(asset.to_string())
            .or_insert((Decimal::ZERO, Decimal::ZERO))
    }

    fn push_user(&mut self, events: Outbox) {
        if events.is_empty() {
            return;
        }
        self.user_conns.retain(|_, c| {
            for sub in &c.subscriptions {
                for ev in &events {
                    let wrapped = json!({"subscriptionId": sub, "event": ev});
                    if c.tx.send(WsOut::Text(wrapped.to_string())).is_err() {
                        return false;
                    }
                }
            }
            true
        });
    }

    fn push_market(&mut self, stream: &str, data: &Value) {
        let text = json!({"stream": stream, "data": data}).to_string();
        self.market_conns.retain(|_, c| {
            if c.streams.iter().any(|s| s == stream) {
                c.tx.send(WsOut::Text(text.clone())).is_ok()
            } else {
                true
            }
        });
    }

    fn market_streams_for(&self, symbol: &str) -> Vec<String> {
        let prefix = format!("{}@", symbol.to_lowercase());
        let mut out: Vec<String> = self
            .market_conns
            .values()
            .flat_map(|c| c.streams.iter().filter(|s| s.starts_with(&prefix)).cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn publish_book(&mut self, symbol: &str, now: i64) {
        let Some(s) = self.symbols.get_mut(symbol) else {
            return;
        };
        s.update_id += 1;
        let (bid, ask, uid) = (s.bid, s.ask, s.update_id);
        let qty = dec("10");
        for stream in self.market_streams_for(symbol) {
            let rest = stream.split_once('@').map(|x| x.1).unwrap_or_default();
            let data = if rest == "bookTicker" {
                json!({"u": uid, "s": symbol, "b": f8(bid), "B": f8(qty), "a": f8(ask), "A": f8(qty)})
            } else if rest.starts_with("depth5")
                || rest.starts_with("depth10")
                || rest.starts_with("depth20")
            {
                json!({"lastUpdateId": uid, "bids": [[f8(bid), f8(qty)]], "asks": [[f8(ask), f8(qty)]]})
            } else if rest.starts_with("depth") {
                json!({"e": "depthUpdate", "E": now, "s": symbol, "U": uid, "u": uid,
                       "b": [[f8(bid), f8(qty)]], "a": [[f8(ask), f8(qty)]]})
            } else {
                continue;
            };
            self.push_market(&stream, &data);
        }
    }

    /// The klines of a symbol: the history set by the tests, then klines built from the
    /// stand-in's own public trades (in intervals the history does not cover), as Binance
    /// builds them: open, high, low, close, base and quote volume, trade count and the taker
    /// buy volumes (a trade whose buyer is not the maker was a taker buy).
    fn kline_history(
        &self,
        symbol: &str,
        interval: &str,
        step: i64,
        template: &Value,
    ) -> BTreeMap<i64, Value> {
        let mut out = self
            .klines
            .get(&(symbol.to_string(), interval.to_string()))
            .cloned()
            .unwrap_or_default();
        let Some(s) = self.symbols.get(symbol) else {
            return out;
        };
        let mut built: BTreeMap<i64, KlineAcc> = BTreeMap::new();
        for &(_, px, qty, time, buyer_maker) in &s.public_trades {
            let open = kline_open(time, step);
            built
                .entry(open)
                .or_insert_with(|| KlineAcc::new(px))
                .add(px, qty, !buyer_maker);
        }
        for (open, acc) in built {
            out.entry(open)
                .or_insert_with(|| acc.row(template, open, step));
        }
        out
    }

    fn position_event(&self, t: &Templates, assets: &[&str], now: i64) -> Value {
        let balances: Vec<Value> = assets
            .iter()
            .map(|a| {
                let (f, l) = self.balances.get(*a).copied().unwrap_or_default();
                json!({"a": a, "f": f8(f), "l": f8(l)})
            })
            .collect();
        fill(
            &t.account_position,
            &[
                ("E", json!(now)),
                ("u", json!(now)),
                ("B", Value::Array(balances)),
            ],
        )
    }
}

/// Milliseconds of a Binance kline interval (`1M` is left out: months vary).
fn interval_ms(interval: &str) -> Option<i64> {
    let (n, unit) = interval.split_at(interval.len().checked_sub(1)?);
    let unit_ms = match unit {
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 7 * 86_400_000,
        _ => return None,
    };
    let n: i64 = n.parse().ok()?;
    let valid = matches!(
        (n, unit),
        (1, "s")
            | (1 | 3 | 5 | 15 | 30, "m")
            | (1 | 2 | 4 | 6 | 8 | 12, "h")
            | (1 | 3, "d")
            | (1, "w")
    );
    valid.then_some(n * unit_ms)
}

/// The open time of the kline holding `time`; weekly klines open on Mondays (the epoch was a
/// Thursday).
fn kline_open(time: i64, step: i64) -> i64 {
    let shift = if step == 7 * 86_400_000 {
        4 * 86_400_000
    } else {
        0
    };
    (time - shift).div_euclid(step) * step + shift
}

/// A kline being built from trades.
struct KlineAcc {
    open: Decimal,
    high: Decimal,
    low: Decimal,
    close: Decimal,
    volume: Decimal,
    quote_volume: Decimal,
    trades: u64,
    taker_buy: Decimal,
    taker_buy_quote: Decimal,
}

impl KlineAcc {
    fn new(px: Decimal) -> Self {
        Self {
            open: px,
            high: px,
            low: px,
            close: px,
            volume: Decimal::ZERO,
            quote_volume: Decimal::ZERO,
            trades: 0,
            taker_buy: Decimal::ZERO,
            taker_buy_quote: Decimal::ZERO,
        }
    }

    fn add(&mut self, px: Decimal, qty: Decimal, taker_buy: bool) {
        self.high = self.high.max(px);
        self.low = self.low.min(px);
        self.close = px;
        self.volume += qty;
        self.quote_volume += px * qty;
        self.trades += 1;
        if taker_buy {
            self.taker_buy += qty;
            self.taker_buy_quote += px * qty;
        }
    }

    /// The kline in Binance's 12-field form, filled into the real body's row.
    fn row(&self, template: &Value, open_ms: i64, step_ms: i64) -> Value {
        kline_row(
            template,
            &KlineFields {
                open_ms,
                step_ms,
                ohlcv: [self.open, self.high, self.low, self.close, self.volume],
                volumes: [self.quote_volume, self.taker_buy, self.taker_buy_quote],
                trades: self.trades,
            },
        )
    }
}

/// The fields of a kline row.
#[derive(Debug, Clone, Copy)]
pub struct KlineFields {
    /// Open time (ms).
    pub open_ms: i64,
    /// Interval (ms): the close time is `open_ms + step_ms - 1`.
    pub step_ms: i64,
    /// Open, high, low, close and base volume.
    pub ohlcv: [Decimal; 5],
    /// Quote volume, taker buy base volume, taker buy quote volume.
    pub volumes: [Decimal; 3],
    /// Number of trades.
    pub trades: u64,
}

/// A kline row in Binance's 12-field form, filled into the real body's row.
pub fn kline_row(template: &Value, k: &KlineFields) -> Value {
    let mut row = template.clone();
    if let Some(a) = row.as_array_mut()
        && a.len() >= 12
    {
        a[0] = json!(k.open_ms);
        for (i, v) in k.ohlcv.into_iter().enumerate() {
            a[1 + i] = f8(v);
        }
        a[6] = json!(k.open_ms + k.step_ms - 1);
        a[7] = f8(k.volumes[0]);
        a[8] = json!(k.trades);
        a[9] = f8(k.volumes[1]);
        a[10] = f8(k.volumes[2]);
    }
    row
}

#[allow(clippy::too_many_arguments)]
fn exec_report(
    t: &Templates,
    o: &Ord,
    x: &str,
    exec_id: i64,
    now: i64,
    last: Option<(&TradeRec, Decimal)>,
    client_id: &str,
    orig_client_id: &str,
) -> Value {
    let (l, lp, n, na, tid, m, y) = match last {
        Some((tr, quote)) => (
            tr.qty,
            tr.price,
            f8(tr.commission),
            Value::String(tr.commission_asset.clone()),
            tr.id,
            tr.is_maker,
            quote,
        ),
        None => (
            Decimal::ZERO,
            Decimal::ZERO,
            Value::String("0".into()),
            Value::Null,
            -1,
            false,
            Decimal::ZERO,
        ),
    };
    let mut v = fill(
        &t.exec_report,
        &[
            ("E", json!(now)),
            ("s", json!(o.symbol)),
            ("c", json!(client_id)),
            ("S", json!(o.side)),
            ("o", json!(o.otype)),
            ("f", json!(o.tif)),
            ("q", f8(o.orig_qty)),
            ("p", f8(o.price)),
            ("P", f8(o.stop_price.unwrap_or_default())),
            ("F", f8(Decimal::ZERO)),
            ("g", json!(-1)),
            ("C", json!(orig_client_id)),
            ("x", json!(x)),
            ("X", json!(o.status)),
            ("r", json!("NONE")),
            ("i", json!(o.order_id)),
            ("l", f8(l)),
            ("z", f8(o.executed_qty)),
            ("L", f8(lp)),
            ("n", n),
            ("N", na),
            ("T", json!(now)),
            ("t", json!(tid)),
            ("I", json!(exec_id)),
            ("w", json!(o.is_working())),
            ("m", json!(m)),
            ("M", json!(false)),
            ("O", json!(o.time)),
            ("Z", f8(o.cum_quote)),
            ("Y", f8(y)),
            ("Q", f8(Decimal::ZERO)),
            ("V", json!("NONE")),
        ],
    );
    if let Some(obj) = v.as_object_mut() {
        match o.working_time {
            Some(w) if o.is_working() => {
                obj.insert("W".into(), json!(w));
            }
            _ => {
                obj.remove("W");
            }
        }
    }
    v
}

fn order_json(template: &Value, o: &Ord) -> Value {
    let mut fields = vec![
        ("symbol", json!(o.symbol)),
        ("orderId", json!(o.order_id)),
        ("orderListId", json!(-1)),
        ("clientOrderId", json!(o.client_order_id)),
        ("price", f8(o.price)),
        ("origQty", f8(o.orig_qty)),
        ("executedQty", f8(o.executed_qty)),
        ("cummulativeQuoteQty", f8(o.cum_quote)),
        ("status", json!(o.status)),
        ("timeInForce", json!(o.tif)),
        ("type", json!(o.otype)),
        ("side", json!(o.side)),
        ("stopPrice", f8(o.stop_price.unwrap_or_default())),
        ("icebergQty", f8(Decimal::ZERO)),
        ("time", json!(o.time)),
        ("updateTime", json!(o.update_time)),
        ("isWorking", json!(o.is_working())),
        ("origQuoteOrderQty", f8(Decimal::ZERO)),
        ("selfTradePreventionMode", json!("NONE")),
    ];
    fields.push(("workingTime", json!(o.working_time.unwrap_or(-1))));
    fill(template, &fields)
}

fn cancel_json(template: &Value, o: &Ord, cancel_id: &str, now: i64) -> Value {
    let mut v = fill(
        template,
        &[
            ("symbol", json!(o.symbol)),
            ("origClientOrderId", json!(o.client_order_id)),
            ("orderId", json!(o.order_id)),
            ("orderListId", json!(-1)),
            ("clientOrderId", json!(cancel_id)),
            ("transactTime", json!(now)),
            ("price", f8(o.price)),
            ("origQty", f8(o.orig_qty)),
            ("executedQty", f8(o.executed_qty)),
            ("origQuoteOrderQty", f8(Decimal::ZERO)),
            ("cummulativeQuoteQty", f8(o.cum_quote)),
            ("status", json!(o.status)),
            ("timeInForce", json!(o.tif)),
            ("type", json!(o.otype)),
            ("side", json!(o.side)),
            ("selfTradePreventionMode", json!("NONE")),
        ],
    );
    if let (Some(sp), Some(obj)) = (o.stop_price, v.as_object_mut()) {
        obj.insert("stopPrice".into(), f8(sp));
    }
    v
}

/// Parses `a=b&c=d` (percent-decoded; `+` is a space as in forms).
fn parse_params(raw: &str, into: &mut BTreeMap<String, String>) {
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let dec = |s: &str| {
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        };
        // The query string wins over the body (Binance's rule): only insert when absent.
        into.entry(dec(k)).or_insert_with(|| dec(v));
    }
}

/// Removes the `signature=...` pair from a raw parameter string; returns the rest and the
/// signature.
fn strip_signature(raw: &str) -> (String, Option<String>) {
    let mut sig = None;
    let rest: Vec<&str> = raw
        .split('&')
        .filter(|p| {
            if let Some(s) = p.strip_prefix("signature=") {
                sig = Some(s.to_string());
                false
            } else {
                true
            }
        })
        .collect();
    (rest.join("&"), sig)
}

fn redact(raw: &str) -> String {
    raw.split('&')
        .map(|p| {
            if p.starts_with("signature=") {
                "signature=<redacted>".to_string()
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn weight_of(method: &Method, path: &str, params: &BTreeMap<String, String>) -> u64 {
    match (method.as_str(), path) {
        (_, "/api/v3/exchangeInfo") => 20,
        (_, "/api/v3/depth") => 5,
        (_, "/api/v3/trades") => 25,
        (_, "/api/v3/account") => 20,
        ("GET", "/api/v3/order") => 4,
        ("GET", "/api/v3/openOrders") => {
            if params.contains_key("symbol") {
                6
            } else {
                80
            }
        }
        (_, "/api/v3/allOrders") => 20,
        (_, "/api/v3/myTrades") => {
            if params.contains_key("orderId") {
                5
            } else {
                20
            }
        }
        (_, "/api/v3/order/amend/keepPriority") => 4,
        ("POST", "/api/v3/order/test") if params.contains_key("computeCommissionRates") => 20,
        (_, "/api/v3/klines" | "/api/v3/ticker/bookTicker" | "/api/v3/ticker/24hr") => 2,
        _ => 1,
    }
}

fn is_signed(method: &Method, path: &str) -> bool {
    matches!(
        (method.as_str(), path),
        (_, "/api/v3/account")
            | (_, "/api/v3/order")
            | (_, "/api/v3/order/test")
            | (_, "/api/v3/openOrders")
            | (_, "/api/v3/allOrders")
            | (_, "/api/v3/myTrades")
            | (_, "/api/v3/order/amend/keepPriority")
            | (_, "/api/v3/order/cancelReplace")
    )
}

fn is_order_placement(method: &Method, path: &str) -> bool {
    method == Method::POST && (path == "/api/v3/order" || path == "/api/v3/order/cancelReplace")
}

struct Reply {
    status: u16,
    body: Value,
    retry_after: Option<u64>,
    order_placed: bool,
}

impl Reply {
    fn ok(body: Value) -> Self {
        Self {
            status: 200,
            body,
            retry_after: None,
            order_placed: false,
        }
    }

    fn err(e: ApiErr) -> Self {
        Self {
            status: e.status,
            body: json!({"code": e.code, "msg": e.msg}),
            retry_after: None,
            order_placed: false,
        }
    }
}

impl Inner {
    fn take_fault(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut st = self.lock();
        let idx = st.faults.iter().position(|f| {
            f.remaining > 0
                && f.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
                && f.path.as_deref().is_none_or(|p| p == path)
        })?;
        let fault = st.faults[idx].fault.clone();
        st.faults[idx].remaining -= 1;
        if st.faults[idx].remaining == 0 {
            st.faults.remove(idx);
        }
        Some(fault)
    }

    /// Counts weight (and orders) in the current windows; returns the headers to send and
    /// whether a limit was exceeded (with the message).
    fn account_limits(&self, weight: u64, order: bool) -> (Vec<(String, u64)>, Option<ApiErr>) {
        let now = self.now();
        let mut st = self.lock();
        let limits = st.rate_limits.clone();
        let mut headers = Vec::new();
        let mut exceeded = None;
        for rl in &limits {
            let key = rl.header_suffix();
            let interval = rl.interval_ms();
            let start = now.div_euclid(interval) * interval;
            let (map, add, prefix) = match rl.rate_limit_type {
                RateLimitType::RequestWeight => (&mut st.weight, weight, "x-mbx-used-weight-"),
                RateLimitType::Orders if order => (&mut st.order_counts, 1, "x-mbx-order-count-"),
                _ => continue,
            };
            let c = map.entry(key.clone()).or_insert(Counter {
                window_start: start,
                count: 0,
            });
            if c.window_start != start {
                c.window_start = start;
                c.count = 0;
            }
            c.count += add;
            headers.push((format!("{prefix}{}", key.to_uppercase()), c.count));
            if c.count > rl.limit && exceeded.is_none() {
                let per = format!("{} {}", rl.interval_num, rl.interval.as_str());
                exceeded = Some(ApiErr {
                    status: 429,
                    code: if order { -1015 } else { -1003 },
                    msg: if order && rl.rate_limit_type == RateLimitType::Orders {
                        format!(
                            "Too many new orders; current limit is {} orders per {per}.",
                            rl.limit
                        )
                    } else {
                        format!(
                            "Too much request weight used; current limit is {} request weight per {per}. Please use WebSocket Streams for live updates to avoid polling the API.",
                            rl.limit
                        )
                    },
                });
            }
        }
        (headers, exceeded)
    }

    fn verify_signed(
        &self,
        headers: &HeaderMap,
        raw_query: &str,
        raw_body: &str,
        params: &BTreeMap<String, String>,
    ) -> Result<(), ApiErr> {
        let key_ok = headers
            .get("x-mbx-apikey")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|k| k == self.api_key.expose());
        if !key_ok {
            return Err(ApiErr {
                status: 401,
                code: -2015,
                msg: "Invalid API-key, IP, or permissions for action.".into(),
            });
        }
        let (q, qsig) = strip_signature(raw_query);
        let (b, bsig) = strip_signature(raw_body);
        let Some(sig) = qsig.or(bsig) else {
            return Err(missing("signature"));
        };
        let payload = format!("{q}{b}");
        let sig = percent_decode_str(&sig).decode_utf8_lossy();
        if !self.signature_ok(&payload, &sig) {
            return Err(api_err(-1022, "Signature for this request is not valid."));
        }
        let ts: i64 = params
            .get("timestamp")
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| missing("timestamp"))?;
        let recv_window: f64 = match params.get("recvWindow") {
            Some(r) => r.parse().map_err(|_| missing("recvWindow"))?,
            None => 5000.0,
        };
        if recv_window > 60_000.0 {
            return Err(api_err(-1131, "recvWindow must be less than 60000"));
        }
        check_timestamp(ts, recv_window, self.now())
    }
}

impl Inner {
    /// Whether `sig` signs `payload` with the account's key: base64 Ed25519 for an Ed25519
    /// key, hex HMAC-SHA256 otherwise.
    fn signature_ok(&self, payload: &str, sig: &str) -> bool {
        use base64::Engine as _;
        match &self.ed25519 {
            Some(public) => base64::engine::general_purpose::STANDARD
                .decode(sig)
                .ok()
                .and_then(|b| ed25519_dalek::Signature::from_slice(&b).ok())
                .is_some_and(|s| public.verify_strict(payload.as_bytes(), &s).is_ok()),
            None => verify_hmac_hex(&self.secret, payload, sig),
        }
    }
}

fn check_timestamp(ts: i64, recv_window: f64, server: i64) -> Result<(), ApiErr> {
    if ts >= server + 1000 {
        return Err(api_err(
            -1021,
            "Timestamp for this request was 1000ms ahead of the server's time.",
        ));
    }
    #[allow(clippy::cast_precision_loss)]
    if (server - ts) as f64 > recv_window {
        return Err(api_err(
            -1021,
            "Timestamp for this request is outside of the recvWindow.",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Order logic
// ---------------------------------------------------------------------------------------------

fn req<'a>(p: &'a BTreeMap<String, String>, name: &str) -> Result<&'a str, ApiErr> {
    p.get(name)
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| missing(name))
}

fn req_dec(p: &BTreeMap<String, String>, name: &str) -> Result<Decimal, ApiErr> {
    Decimal::from_str(req(p, name)?).map_err(|_| missing(name))
}

fn random_client_id() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..22)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

fn multiple(v: Decimal, step: Decimal) -> bool {
    step.is_zero() || (v % step).is_zero()
}

impl Inner {
    /// Validates and places an order; returns the `FULL` response body.
    /// Parses and checks a new order's parameters against the symbol's filters, as Binance
    /// does before an order reaches the matching engine (`POST /api/v3/order/test` stops here).
    fn check_new_order(&self, st: &St, p: &BTreeMap<String, String>) -> Result<NewOrd, ApiErr> {
        let symbol = req(p, "symbol")?.to_string();
        let sym = st.sym(&symbol)?.clone();
        let side = req(p, "side")?.to_string();
        if side != "BUY" && side != "SELL" {
            return Err(api_err(-1117, "Invalid side."));
        }
        let otype = req(p, "type")?.to_string();
        let (needs_tif, needs_price, needs_stop) = match otype.as_str() {
            "LIMIT" => (true, true, false),
            "MARKET" => (false, false, false),
            "LIMIT_MAKER" => (false, true, false),
            "STOP_LOSS_LIMIT" | "TAKE_PROFIT_LIMIT" => (true, true, true),
            // A trailing STOP_LOSS needs no stopPrice: it starts trailing at once.
            "STOP_LOSS" => (false, false, !p.contains_key("trailingDelta")),
            _ => return Err(api_err(-1116, "Invalid orderType.")),
        };
        let trailing_delta = match p.get("trailingDelta") {
            None => None,
            Some(_) if otype != "STOP_LOSS" => {
                return Err(api_err(
                    -1106,
                    "Parameter 'trailingDelta' sent when not required.",
                ));
            }
            // The symbol's TRAILING_DELTA filter: 10..=2000 on either side.
            Some(t) => match t.parse::<u32>() {
                Ok(d) if (10..=2000).contains(&d) => Some(d),
                _ => return Err(api_err(-1013, "Filter failure: TRAILING_DELTA")),
            },
        };
        let tif = if needs_tif {
            let t = req(p, "timeInForce")?.to_string();
            if !matches!(t.as_str(), "GTC" | "IOC" | "FOK") {
                return Err(api_err(-1115, "Invalid timeInForce."));
            }
            t
        } else {
            "GTC".to_string()
        };
        let qty = req_dec(p, "quantity")?;
        let price = if needs_price {
            req_dec(p, "price")?
        } else {
            Decimal::ZERO
        };
        let stop = if needs_stop {
            Some(req_dec(p, "stopPrice")?)
        } else {
            None
        };
        let c = &sym.cfg;
        for px in std::iter::once(price)
            .chain(stop)
            .filter(|x| needs_price || !x.is_zero())
        {
            if px <= Decimal::ZERO || !multiple(px, c.tick_size) {
                return Err(api_err(-1013, "Filter failure: PRICE_FILTER"));
            }
        }
        if qty < c.min_qty || qty > c.max_qty || !multiple(qty, c.step_size) {
            return Err(api_err(-1013, "Filter failure: LOT_SIZE"));
        }
        let is_buy = side == "BUY";
        let ref_px = if otype == "MARKET" || otype == "STOP_LOSS" {
            if is_buy { sym.ask } else { sym.bid }
        } else {
            price
        };
        if ref_px * qty < c.min_notional {
            return Err(api_err(-1013, "Filter failure: NOTIONAL"));
        }
        Ok(NewOrd {
            symbol,
            sym,
            side,
            otype,
            tif,
            qty,
            price,
            stop,
            trailing_delta,
            is_buy,
            ref_px,
        })
    }

    /// `POST /api/v3/order/test`: the order is checked as a placement would check it and not
    /// placed; with `computeCommissionRates=true` the answer is the commission rates its
    /// trades would pay, else `{}`.
    fn test_order(&self, st: &St, p: &BTreeMap<String, String>) -> Result<Value, ApiErr> {
        self.check_new_order(st, p)?;
        if p.get("computeCommissionRates").map(String::as_str) != Some("true") {
            return Ok(json!({}));
        }
        let rate = f8(self.commission_rate);
        let zero = f8(Decimal::ZERO);
        Ok(json!({
            "standardCommissionForOrder": {"maker": rate, "taker": rate},
            "specialCommissionForOrder": {"maker": zero, "taker": zero},
            "taxCommissionForOrder": {"maker": zero, "taker": zero},
            "discount": {
                "enabledForAccount": false,
                "enabledForSymbol": true,
                "discountAsset": "BNB",
                "discount": f8(dec("0.25"))
            }
        }))
    }

    fn place_order(
        &self,
        st: &mut St,
        p: &BTreeMap<String, String>,
        out: &mut Outbox,
    ) -> Result<Value, ApiErr> {
        let now = self.now();
        let NewOrd {
            symbol,
            sym,
            side,
            otype,
            tif,
            qty,
            price,
            stop,
            trailing_delta,
            is_buy,
            ref_px,
        } = self.check_new_order(st, p)?;
        let c = &sym.cfg;
        let client_id = match p.get("newClientOrderId").filter(|s| !s.is_empty()) {
            Some(id) => id.clone(),
            None => random_client_id(),
        };
        if st
            .orders
            .values()
            .any(|o| o.is_open() && o.client_order_id == client_id)
        {
            return Err(api_err(-2010, "Duplicate order sent."));
        }
        let crosses = |px: Decimal| if is_buy { px >= sym.ask } else { px <= sym.bid };
        if otype == "LIMIT_MAKER" && crosses(price) {
            return Err(api_err(-2010, "Order would immediately match and take."));
        }
        if let Some(sp) = stop {
            let last = sym.last;
            let triggers = match (otype.as_str(), is_buy) {
                ("STOP_LOSS_LIMIT", true) | ("TAKE_PROFIT_LIMIT", false) => last >= sp,
                _ => last <= sp,
            };
            if triggers {
                return Err(api_err(-2010, "Order would trigger immediately."));
            }
        }
        let (lock_asset, lock_amount) = if is_buy {
            (c.quote.clone(), ref_px * qty)
        } else {
            (c.base.clone(), qty)
        };
        let bal = st.bal(&lock_asset);
        if bal.0 < lock_amount {
            return Err(api_err(-2010, INSUFFICIENT));
        }
        bal.0 -= lock_amount;
        bal.1 += lock_amount;
        let order_id = st.next_order_id;
        st.next_order_id += 1;
        let mut o = Ord {
            symbol: symbol.clone(),
            order_id,
            client_order_id: client_id.clone(),
            side,
            otype: otype.clone(),
            tif: tif.clone(),
            price,
            stop_price: stop,
            trailing_delta,
            trail_extreme: sym.last,
            orig_qty: qty,
            executed_qty: Decimal::ZERO,
            cum_quote: Decimal::ZERO,
            status: "NEW".into(),
            time: now,
            update_time: now,
            working_time: if stop.is_none() && trailing_delta.is_none() {
                Some(now)
            } else {
                None
            },
            triggered: false,
            locked: lock_amount,
        };
        let exec_id = st.next_exec_id;
        st.next_exec_id += 1;
        out.push(exec_report(
            &self.templates,
            &o,
            "NEW",
            exec_id,
            now,
            None,
            &client_id,
            "",
        ));
        out.push(st.position_event(&self.templates, &[&lock_asset], now));
        st.orders.insert(order_id, o.clone());

        // Immediate matching against the book (the stand-in's book has ample liquidity).
        let mut fills = Vec::new();
        let marketable = match otype.as_str() {
            "MARKET" => true,
            "LIMIT" => crosses(price),
            _ => false,
        };
        if marketable {
            let px = if is_buy { sym.ask } else { sym.bid };
            if let Some(f) = self.execute_fill(st, order_id, qty, px, false, out) {
                fills.push(f);
            }
        } else if tif != "GTC" && otype == "LIMIT" {
            self.finish(st, order_id, "EXPIRED", out, None);
        }
        o = st.orders[&order_id].clone();
        let fills_json: Vec<Value> = fills
            .iter()
            .map(|t: &TradeRec| {
                json!({"price": f8(t.price), "qty": f8(t.qty), "commission": f8(t.commission),
                       "commissionAsset": t.commission_asset, "tradeId": t.id})
            })
            .collect();
        let mut body = fill(
            &self.templates.new_order_full,
            &[
                ("symbol", json!(o.symbol)),
                ("orderId", json!(o.order_id)),
                ("orderListId", json!(-1)),
                ("clientOrderId", json!(o.client_order_id)),
                ("transactTime", json!(now)),
                ("price", f8(o.price)),
                ("origQty", f8(o.orig_qty)),
                ("executedQty", f8(o.executed_qty)),
                ("origQuoteOrderQty", f8(Decimal::ZERO)),
                ("cummulativeQuoteQty", f8(o.cum_quote)),
                ("status", json!(o.status)),
                ("timeInForce", json!(o.tif)),
                ("type", json!(o.otype)),
                ("side", json!(o.side)),
                ("workingTime", json!(o.working_time.unwrap_or(-1))),
                ("selfTradePreventionMode", json!("NONE")),
                ("fills", Value::Array(fills_json)),
            ],
        );
        if let (Some(sp), Some(obj)) = (o.stop_price, body.as_object_mut()) {
            obj.insert("stopPrice".into(), f8(sp));
        }
        if o.status == "EXPIRED"
            && let Some(obj) = body.as_object_mut()
        {
            obj.insert(
                "expiryReason".into(),
                json!("UNFILLED_IOC_QUANTITY_EXPIRED"),
            );
        }
        Ok(body)
    }

    /// Executes `qty` of order `order_id` at `px`; updates balances and emits events.
    fn execute_fill(
        &self,
        st: &mut St,
        order_id: i64,
        qty: Decimal,
        px: Decimal,
        maker: bool,
        out: &mut Outbox,
    ) -> Option<TradeRec> {
        let now = self.now();
        let mut o = st.orders.get(&order_id)?.clone();
        let qty = qty.min(o.remaining());
        if qty <= Decimal::ZERO {
            return None;
        }
        let sym = st.symbols.get(&o.symbol)?.cfg.clone();
        let rate = self.commission_rate;
        let quote_amt = qty * px;
        let (commission, commission_asset);
        if o.is_buy() {
            // Release the share of the locked quote for this quantity.
            let release = if qty == o.remaining() {
                o.locked
            } else {
                (o.locked * qty / o.remaining()).round_dp(8)
            };
            o.locked -= release;
            let q = st.bal(&sym.quote);
            q.1 -= release;
            q.0 += release - quote_amt;
            commission = (qty * rate).round_dp(8);
            commission_asset = sym.base.clone();
            st.bal(&sym.base).0 += qty - commission;
        } else {
            o.locked -= qty;
            st.bal(&sym.base).1 -= qty;
            commission = (quote_amt * rate).round_dp(8);
            commission_asset = sym.quote.clone();
            st.bal(&sym.quote).0 += quote_amt - commission;
        }
        o.executed_qty += qty;
        o.cum_quote += quote_amt;
        o.update_time = now;
        o.status = if o.remaining().is_zero() {
            "FILLED".into()
        } else {
            "PARTIALLY_FILLED".into()
        };
        let trade_id = st.next_trade_id;
        st.next_trade_id += 1;
        let tr = TradeRec {
            symbol: o.symbol.clone(),
            id: trade_id,
            order_id,
            price: px,
            qty,
            commission,
            commission_asset,
            time: now,
            is_buyer: o.is_buy(),
            is_maker: maker,
        };
        st.trades.push(tr.clone());
        if let Some(s) = st.symbols.get_mut(&o.symbol) {
            s.last = px;
            s.public_trades
                .push((trade_id, px, qty, now, o.is_buy() == maker));
        }
        let exec_id = st.next_exec_id;
        st.next_exec_id += 1;
        let cid = o.client_order_id.clone();
        out.push(exec_report(
            &self.templates,
            &o,
            "TRADE",
            exec_id,
            now,
            Some((&tr, quote_amt)),
            &cid,
            "",
        ));
        // A filled buy may keep dust locked from the price estimate: release it.
        if o.status == "FILLED" && !o.locked.is_zero() {
            let asset = if o.is_buy() { &sym.quote } else { &sym.base };
            let b = st.bal(asset);
            b.1 -= o.locked;
            b.0 += o.locked;
            o.locked = Decimal::ZERO;
        }
        out.push(st.position_event(&self.templates, &[&sym.base, &sym.quote], now));
        st.orders.insert(order_id, o);
        Some(tr)
    }

    /// Ends an open order with `status` (CANCELED / EXPIRED), releasing its locked funds.
    fn finish(
        &self,
        st: &mut St,
        order_id: i64,
        status: &str,
        out: &mut Outbox,
        cancel_id: Option<&str>,
    ) {
        let now = self.now();
        let Some(mut o) = st.orders.get(&order_id).cloned() else {
            return;
        };
        let Some(sym) = st.symbols.get(&o.symbol).map(|s| s.cfg.clone()) else {
            return;
        };
        let asset = if o.is_buy() { sym.quote } else { sym.base };
        let b = st.bal(&asset);
        b.1 -= o.locked;
        b.0 += o.locked;
        o.locked = Decimal::ZERO;
        o.status = status.to_string();
        o.update_time = now;
        let exec_id = st.next_exec_id;
        st.next_exec_id += 1;
        let x = if status == "CANCELED" {
            "CANCELED"
        } else {
            "EXPIRED"
        };
        let (c, orig) = match cancel_id {
            Some(id) => (id.to_string(), o.client_order_id.clone()),
            None => (o.client_order_id.clone(), String::new()),
        };
        let mut ev = exec_report(&self.templates, &o, x, exec_id, now, None, &c, &orig);
        if status == "EXPIRED"
            && let Some(obj) = ev.as_object_mut()
        {
            obj.insert("eR".into(), json!("UNFILLED_IOC_QUANTITY_EXPIRED"));
        }
        out.push(ev);
        out.push(st.position_event(&self.templates, &[&asset], now));
        st.orders.insert(order_id, o);
    }

    fn find_order(
        &self,
        st: &St,
        p: &BTreeMap<String, String>,
        id_key: &str,
        cid_key: &str,
    ) -> Option<i64> {
        let symbol = p.get("symbol")?;
        if let Some(id) = p.get(id_key).and_then(|s| s.parse::<i64>().ok()) {
            let o = st.orders.get(&id).filter(|o| &o.symbol == symbol)?;
            if let Some(cid) = p.get(cid_key)
                && cid != &o.client_order_id
            {
                return None;
            }
            return Some(id);
        }
        let cid = p.get(cid_key)?;
        // The most recent order with that client id.
        st.orders
            .values()
            .rev()
            .find(|o| &o.symbol == symbol && &o.client_order_id == cid)
            .map(|o| o.order_id)
    }

    fn cancel(
        &self,
        st: &mut St,
        p: &BTreeMap<String, String>,
        out: &mut Outbox,
        id_key: &str,
        cid_key: &str,
        new_cid_key: &str,
    ) -> Result<Value, ApiErr> {
        let symbol = req(p, "symbol")?.to_string();
        st.sym(&symbol)?;
        if !p.contains_key(id_key) && !p.contains_key(cid_key) {
            return Err(api_err(
                -1102,
                format!("Param '{cid_key}' or '{id_key}' must be sent, but both were empty/null!"),
            ));
        }
        let id = self
            .find_order(st, p, id_key, cid_key)
            .filter(|id| st.orders[id].is_open())
            .ok_or_else(|| api_err(-2011, "Unknown order sent."))?;
        let cancel_id = p
            .get(new_cid_key)
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| {
                st.next_cancel_id += 1;
                format!("cancel{}{}", st.next_cancel_id, random_client_id())
            });
        self.finish(st, id, "CANCELED", out, Some(&cancel_id));
        Ok(cancel_json(
            &self.templates.cancel_order,
            &st.orders[&id],
            &cancel_id,
            self.now(),
        ))
    }

    /// Dispatches a REST request (authentication already checked).
    fn route(
        &self,
        method: &Method,
        path: &str,
        p: &BTreeMap<String, String>,
    ) -> Result<(Value, bool), ApiErr> {
        let now = self.now();
        let t = &self.templates;
        let mut out = Outbox::new();
        let mut st = self.lock();
        let result = match (method.as_str(), path) {
            ("GET", "/api/v3/ping") => Ok((json!({}), false)),
            ("GET", "/api/v3/time") => Ok((json!({"serverTime": now}), false)),
            ("GET", "/api/v3/exchangeInfo") => {
                let wanted: Option<Vec<String>> = if let Some(s) = p.get("symbol") {
                    Some(vec![s.clone()])
                } else if let Some(list) = p.get("symbols") {
                    serde_json::from_str(list)
                        .map_err(|_| missing("symbols"))
                        .map(Some)?
                } else {
                    None
                };
                let sym_t = t
                    .exchange_info
                    .get("symbols")
                    .and_then(|s| s.get(0))
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                let mut symbols = Vec::new();
                for s in st.symbols.values() {
                    if wanted.as_ref().is_some_and(|w| !w.contains(&s.cfg.symbol)) {
                        continue;
                    }
                    let c = &s.cfg;
                    let filters = json!([
                        {"filterType": "PRICE_FILTER", "minPrice": f8(c.tick_size), "maxPrice": f8(dec("1000000")), "tickSize": f8(c.tick_size)},
                        {"filterType": "LOT_SIZE", "minQty": f8(c.min_qty), "maxQty": f8(c.max_qty), "stepSize": f8(c.step_size)},
                        {"filterType": "ICEBERG_PARTS", "limit": 100},
                        {"filterType": "MARKET_LOT_SIZE", "minQty": f8(Decimal::ZERO), "maxQty": f8(dec("100")), "stepSize": f8(Decimal::ZERO)},
                        {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10, "maxTrailingAboveDelta": 2000, "minTrailingBelowDelta": 10, "maxTrailingBelowDelta": 2000},
                        {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5", "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2", "avgPriceMins": 5},
                        {"filterType": "NOTIONAL", "minNotional": f8(c.min_notional), "applyMinToMarket": true, "maxNotional": f8(dec("9000000")), "applyMaxToMarket": false, "avgPriceMins": 5},
                        {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200},
                        {"filterType": "MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders": 5}
                    ]);
                    symbols.push(fill(
                        &sym_t,
                        &[
                            ("symbol", json!(c.symbol)),
                            ("status", json!("TRADING")),
                            ("baseAsset", json!(c.base)),
                            ("quoteAsset", json!(c.quote)),
                            (
                                "orderTypes",
                                json!([
                                    "LIMIT",
                                    "LIMIT_MAKER",
                                    "MARKET",
                                    "STOP_LOSS",
                                    "STOP_LOSS_LIMIT",
                                    "TAKE_PROFIT_LIMIT"
                                ]),
                            ),
                            ("cancelReplaceAllowed", json!(true)),
                            ("allowTrailingStop", json!(true)),
                            ("amendAllowed", json!(true)),
                            ("isSpotTradingAllowed", json!(true)),
                            ("filters", filters),
                            ("permissionSets", json!([["SPOT"]])),
                        ],
                    ));
                }
                if symbols.is_empty() && wanted.is_some() {
                    Err(api_err(-1121, "Invalid symbol."))
                } else {
                    let limits: Vec<Value> = st
                        .rate_limits
                        .iter()
                        .map(|r| serde_json::to_value(r).unwrap_or_default())
                        .collect();
                    Ok((
                        fill(
                            &t.exchange_info,
                            &[
                                ("serverTime", json!(now)),
                                ("rateLimits", Value::Array(limits)),
                                ("symbols", Value::Array(symbols)),
                            ],
                        ),
                        false,
                    ))
                }
            }
            ("GET", "/api/v3/depth") => {
                let s = st.sym(req(p, "symbol")?)?;
                Ok((
                    fill(
                        &t.depth,
                        &[
                            ("lastUpdateId", json!(s.update_id)),
                            ("bids", json!([[f8(s.bid), f8(dec("10"))]])),
                            ("asks", json!([[f8(s.ask), f8(dec("10"))]])),
                        ],
                    ),
                    false,
                ))
            }
            ("GET", "/api/v3/trades") => {
                let s = st.sym(req(p, "symbol")?)?;
                let limit: usize = p
                    .get("limit")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(500)
                    .min(1000);
                let n = s.public_trades.len();
                let rows: Vec<Value> = s.public_trades[n.saturating_sub(limit)..]
                    .iter()
                    .map(|(id, px, q, time, bm)| {
                        fill(
                            &t.trade,
                            &[
                                ("id", json!(id)),
                                ("price", f8(*px)),
                                ("qty", f8(*q)),
                                ("quoteQty", f8(px * q)),
                                ("time", json!(time)),
                                ("isBuyerMaker", json!(bm)),
                                ("isBestMatch", json!(true)),
                            ],
                        )
                    })
                    .collect();
                Ok((Value::Array(rows), false))
            }
            ("GET", "/api/v3/klines") => {
                let s = st.sym(req(p, "symbol")?)?;
                let interval = req(p, "interval")?;
                let step =
                    interval_ms(interval).ok_or_else(|| api_err(-1120, "Invalid interval."))?;
                let limit: usize = match p.get("limit") {
                    Some(l) => l
                        .parse()
                        .ok()
                        .filter(|l| (1..=1000).contains(l))
                        .ok_or_else(|| {
                            api_err(-1130, "Data sent for parameter 'limit' is not valid.")
                        })?,
                    None => 500,
                };
                let time = |k: &str| -> Result<Option<i64>, ApiErr> {
                    p.get(k)
                        .map(|v| v.parse::<i64>().map_err(|_| missing(k)))
                        .transpose()
                };
                let (start, end) = (time("startTime")?, time("endTime")?);
                let all = st.kline_history(&s.cfg.symbol, interval, step, &t.kline);
                let inside: Vec<&Value> = all
                    .range(start.unwrap_or(i64::MIN)..=end.unwrap_or(i64::MAX))
                    .map(|(_, row)| row)
                    .collect();
                // From startTime: the first `limit`; otherwise the most recent `limit` up to
                // endTime (or now).
                let picked = if start.is_some() {
                    &inside[..inside.len().min(limit)]
                } else {
                    &inside[inside.len().saturating_sub(limit)..]
                };
                Ok((
                    Value::Array(picked.iter().map(|v| (*v).clone()).collect()),
                    false,
                ))
            }
            ("GET", "/api/v3/ticker/bookTicker") => {
                let s = st.sym(req(p, "symbol")?)?;
                Ok((
                    fill(
                        &t.book_ticker,
                        &[
                            ("symbol", json!(s.cfg.symbol)),
                            ("bidPrice", f8(s.bid)),
                            ("bidQty", f8(dec("10"))),
                            ("askPrice", f8(s.ask)),
                            ("askQty", f8(dec("10"))),
                        ],
                    ),
                    false,
                ))
            }
            ("GET", "/api/v3/ticker/24hr") => {
                let s = st.sym(req(p, "symbol")?)?;
                let first_id = s.public_trades.first().map_or(0, |x| x.0);
                let last_id = s.public_trades.last().map_or(-1, |x| x.0);
                Ok((
                    fill(
                        &t.ticker_24hr,
                        &[
                            ("symbol", json!(s.cfg.symbol)),
                            ("priceChange", f8(Decimal::ZERO)),
                            ("priceChangePercent", json!("0.000")),
                            ("weightedAvgPrice", f8(s.last)),
                            ("prevClosePrice", f8(s.last)),
                            ("lastPrice", f8(s.last)),
                            ("lastQty", f8(Decimal::ZERO)),
                            ("bidPrice", f8(s.bid)),
                            ("bidQty", f8(dec("10"))),
                            ("askPrice", f8(s.ask)),
                            ("askQty", f8(dec("10"))),
                            ("openPrice", f8(s.last)),
                            ("highPrice", f8(s.last)),
                            ("lowPrice", f8(s.last)),
                            ("volume", f8(Decimal::ZERO)),
                            ("quoteVolume", f8(Decimal::ZERO)),
                            ("openTime", json!(now - 86_400_000)),
                            ("closeTime", json!(now)),
                            ("firstId", json!(first_id)),
                            ("lastId", json!(last_id)),
                            ("count", json!(s.public_trades.len())),
                        ],
                    ),
                    false,
                ))
            }
            ("GET", "/api/v3/account") => {
                let omit = p.get("omitZeroBalances").is_some_and(|v| v == "true");
                let balances: Vec<Value> = st
                    .balances
                    .iter()
                    .filter(|(_, (f, l))| !(omit && f.is_zero() && l.is_zero()))
                    .map(|(a, (f, l))| json!({"asset": a, "free": f8(*f), "locked": f8(*l)}))
                    .collect();
                let rate = self.commission_rate;
                Ok((
                    fill(
                        &t.account,
                        &[
                            ("makerCommission", json!(10)),
                            ("takerCommission", json!(10)),
                            (
                                "commissionRates",
                                json!({"maker": f8(rate), "taker": f8(rate), "buyer": f8(Decimal::ZERO), "seller": f8(Decimal::ZERO)}),
                            ),
                            ("updateTime", json!(now)),
                            ("balances", Value::Array(balances)),
                        ],
                    ),
                    false,
                ))
            }
            ("POST", "/api/v3/order") => self.place_order(&mut st, p, &mut out).map(|v| (v, true)),
            ("POST", "/api/v3/order/test") => self.test_order(&st, p).map(|v| (v, false)),
            ("DELETE", "/api/v3/order") => self
                .cancel(
                    &mut st,
                    p,
                    &mut out,
                    "orderId",
                    "origClientOrderId",
                    "newClientOrderId",
                )
                .map(|v| (v, false)),
            ("GET", "/api/v3/order") => {
                let symbol = req(p, "symbol")?.to_string();
                st.sym(&symbol)?;
                if !p.contains_key("orderId") && !p.contains_key("origClientOrderId") {
                    return Err(api_err(
                        -1102,
                        "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
                    ));
                }
                match self.find_order(&st, p, "orderId", "origClientOrderId") {
                    Some(id) => Ok((order_json(&t.order, &st.orders[&id]), false)),
                    None => Err(api_err(-2013, "Order does not exist.")),
                }
            }
            ("GET", "/api/v3/openOrders") => {
                let symbol = p.get("symbol");
                if let Some(s) = symbol {
                    st.sym(s)?;
                }
                let rows: Vec<Value> = st
                    .orders
                    .values()
                    .filter(|o| o.is_open() && symbol.is_none_or(|s| s == &o.symbol))
                    .map(|o| order_json(&t.open_order, o))
                    .collect();
                Ok((Value::Array(rows), false))
            }
            ("DELETE", "/api/v3/openOrders") => {
                let symbol = req(p, "symbol")?.to_string();
                st.sym(&symbol)?;
                let ids: Vec<i64> = st
                    .orders
                    .values()
                    .filter(|o| o.is_open() && o.symbol == symbol)
                    .map(|o| o.order_id)
                    .collect();
                if ids.is_empty() {
                    Err(api_err(-2011, "Unknown order sent."))
                } else {
                    let mut rows = Vec::new();
                    for id in ids {
                        st.next_cancel_id += 1;
                        let cid = format!("cancelAll{}{}", st.next_cancel_id, random_client_id());
                        self.finish(&mut st, id, "CANCELED", &mut out, Some(&cid));
                        rows.push(cancel_json(&t.cancel_order, &st.orders[&id], &cid, now));
                    }
                    Ok((Value::Array(rows), false))
                }
            }
            ("GET", "/api/v3/allOrders") => {
                let symbol = req(p, "symbol")?.to_string();
                st.sym(&symbol)?;
                let limit: usize = p
                    .get("limit")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(500)
                    .min(1000);
                let from: Option<i64> = p.get("orderId").and_then(|s| s.parse().ok());
                let all: Vec<&Ord> = st
                    .orders
                    .values()
                    .filter(|o| o.symbol == symbol && from.is_none_or(|f| o.order_id >= f))
                    .collect();
                let rows: Vec<Value> = if from.is_some() {
                    all.iter()
                        .take(limit)
                        .map(|o| order_json(&t.all_order, o))
                        .collect()
                } else {
                    all[all.len().saturating_sub(limit)..]
                        .iter()
                        .map(|o| order_json(&t.all_order, o))
                        .collect()
                };
                Ok((Value::Array(rows), false))
            }
            ("GET", "/api/v3/myTrades") => {
                let symbol = req(p, "symbol")?.to_string();
                st.sym(&symbol)?;
                let order_id: Option<i64> = p.get("orderId").and_then(|s| s.parse().ok());
                let from: Option<i64> = p.get("fromId").and_then(|s| s.parse().ok());
                let limit: usize = p
                    .get("limit")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(500)
                    .min(1000);
                let rows: Vec<Value> = st
                    .trades
                    .iter()
                    .filter(|tr| {
                        tr.symbol == symbol
                            && order_id.is_none_or(|o| tr.order_id == o)
                            && from.is_none_or(|f| tr.id >= f)
                    })
                    .take(limit)
                    .map(|tr| {
                        fill(
                            &t.my_trade,
                            &[
                                ("symbol", json!(tr.symbol)),
                                ("id", json!(tr.id)),
                                ("orderId", json!(tr.order_id)),
                                ("orderListId", json!(-1)),
                                ("price", f8(tr.price)),
                                ("qty", f8(tr.qty)),
                                ("quoteQty", f8(tr.price * tr.qty)),
                                ("commission", f8(tr.commission)),
                                ("commissionAsset", json!(tr.commission_asset)),
                                ("time", json!(tr.time)),
                                ("isBuyer", json!(tr.is_buyer)),
                                ("isMaker", json!(tr.is_maker)),
                                ("isBestMatch", json!(true)),
                            ],
                        )
                    })
                    .collect();
                Ok((Value::Array(rows), false))
            }
            ("PUT", "/api/v3/order/amend/keepPriority") => {
                self.amend(&mut st, p, &mut out).map(|v| (v, false))
            }
            ("POST", "/api/v3/order/cancelReplace") => {
                // Errors with per-leg data are returned as Ok with the HTTP status in the body
                // marker; see `cancel_replace`.
                self.cancel_replace(&mut st, p, &mut out).map(|v| (v, true))
            }
            _ => Err(ApiErr {
                status: 404,
                code: -1000,
                msg: "An unknown error occurred while processing the request.".into(),
            }),
        };
        st.push_user(out);
        result
    }

    fn amend(
        &self,
        st: &mut St,
        p: &BTreeMap<String, String>,
        out: &mut Outbox,
    ) -> Result<Value, ApiErr> {
        let now = self.now();
        let symbol = req(p, "symbol")?.to_string();
        st.sym(&symbol)?;
        let new_qty = req_dec(p, "newQty")?;
        let id = self
            .find_order(st, p, "orderId", "origClientOrderId")
            .filter(|id| st.orders[id].is_open())
            .ok_or_else(|| api_err(-2038, "Unknown order sent."))?;
        let mut o = st.orders[&id].clone();
        if new_qty > o.orig_qty {
            return Err(api_err(
                -2038,
                "Order amend (quantity increase) is not supported.",
            ));
        }
        if new_qty == o.orig_qty {
            return Err(api_err(
                -2038,
                "The requested action would change no state; rejecting",
            ));
        }
        if new_qty <= o.executed_qty || new_qty <= Decimal::ZERO {
            return Err(api_err(-1013, "Filter failure: LOT_SIZE"));
        }
        let sym = st.symbols[&symbol].cfg.clone();
        if !multiple(new_qty, sym.step_size) {
            return Err(api_err(-1013, "Filter failure: LOT_SIZE"));
        }
        let orig_cid = o.client_order_id.clone();
        let new_cid = p
            .get("newClientOrderId")
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(random_client_id);
        // Release the locked share of the removed quantity.
        let removed = o.orig_qty - new_qty;
        let release = (o.locked * removed / o.remaining()).round_dp(8);
        o.locked -= release;
        let asset = if o.is_buy() {
            sym.quote.clone()
        } else {
            sym.base.clone()
        };
        let b = st.bal(&asset);
        b.1 -= release;
        b.0 += release;
        o.orig_qty = new_qty;
        o.client_order_id = new_cid.clone();
        o.update_time = now;
        let exec_id = st.next_exec_id;
        st.next_exec_id += 1;
        out.push(exec_report(
            &self.templates,
            &o,
            "REPLACED",
            exec_id,
            now,
            None,
            &new_cid,
            &orig_cid,
        ));
        out.push(st.position_event(&self.templates, &[&asset], now));
        st.orders.insert(id, o.clone());
        let mut amended = json!({
            "symbol": o.symbol, "orderId": o.order_id, "orderListId": -1,
            "origClientOrderId": orig_cid, "clientOrderId": new_cid,
            "price": f8(o.price), "qty": f8(o.orig_qty), "executedQty": f8(o.executed_qty),
            "preventedQty": f8(Decimal::ZERO), "quoteOrderQty": f8(Decimal::ZERO),
            "cumulativeQuoteQty": f8(o.cum_quote), "status": o.status, "timeInForce": o.tif,
            "type": o.otype, "side": o.side, "selfTradePreventionMode": "NONE"
        });
        if let (Some(w), Some(obj)) = (o.working_time, amended.as_object_mut()) {
            obj.insert("workingTime".into(), json!(w));
        }
        Ok(json!({"transactTime": now, "executionId": exec_id, "amendedOrder": amended}))
    }

    /// Returns the body; a body with `"code"` is an error with per-leg `data` (HTTP 400/409).
    fn cancel_replace(
        &self,
        st: &mut St,
        p: &BTreeMap<String, String>,
        out: &mut Outbox,
    ) -> Result<Value, ApiErr> {
        let mode = req(p, "cancelReplaceMode")?.to_string();
        if mode != "STOP_ON_FAILURE" && mode != "ALLOW_FAILURE" {
            return Err(missing("cancelReplaceMode"));
        }
        let cancel = self.cancel(
            st,
            p,
            out,
            "cancelOrderId",
            "cancelOrigClientOrderId",
            "cancelNewClientOrderId",
        );
        let cancel_ok = cancel.is_ok();
        let cancel_json = match cancel {
            Ok(v) => v,
            Err(e) => json!({"code": e.code, "msg": e.msg}),
        };
        if !cancel_ok && mode == "STOP_ON_FAILURE" {
            return Ok(
                json!({"code": -2022, "msg": "Order cancel-replace failed.", "data": {
                "cancelResult": "FAILURE", "newOrderResult": "NOT_ATTEMPTED",
                "cancelResponse": cancel_json, "newOrderResponse": null}}),
            );
        }
        let placed = self.place_order(st, p, out);
        let new_ok = placed.is_ok();
        let new_json = match placed {
            Ok(v) => v,
            Err(e) => json!({"code": e.code, "msg": e.msg}),
        };
        let result = |ok: bool| if ok { "SUCCESS" } else { "FAILURE" };
        let data = json!({"cancelResult": result(cancel_ok), "newOrderResult": result(new_ok),
                          "cancelResponse": cancel_json, "newOrderResponse": new_json});
        Ok(match (cancel_ok, new_ok) {
            (true, true) => data,
            (false, false) => {
                json!({"code": -2022, "msg": "Order cancel-replace failed.", "data": data})
            }
            _ => {
                json!({"code": -2021, "msg": "Order cancel-replace partially failed.", "data": data})
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

async fn rest_handler(
    State(inner): State<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let raw_query = uri.query().unwrap_or("").to_string();
    let raw_body = String::from_utf8_lossy(&body).into_owned();
    let mut params = BTreeMap::new();
    parse_params(&raw_query, &mut params);
    parse_params(&raw_body, &mut params);
    let logged_params = match (raw_query.is_empty(), raw_body.is_empty()) {
        (_, true) => redact(&raw_query),
        (true, false) => redact(&raw_body),
        (false, false) => format!("{}|{}", redact(&raw_query), redact(&raw_body)),
    };

    let mut delay = None;
    let reply = 'reply: {
        if let Some(fault) = inner.take_fault(&method, &path) {
            match fault {
                Fault::RateLimited { retry_after_secs } => {
                    break 'reply Reply {
                        retry_after: Some(retry_after_secs),
                        ..Reply::err(ApiErr {
                            status: 429,
                            code: -1003,
                            msg: "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.".into(),
                        })
                    };
                }
                Fault::Banned { retry_after_secs } => {
                    let until = inner.now() + i64::try_from(retry_after_secs).unwrap_or(0) * 1000;
                    break 'reply Reply {
                        retry_after: Some(retry_after_secs),
                        ..Reply::err(ApiErr {
                            status: 418,
                            code: -1003,
                            msg: format!(
                                "Way too much request weight used; IP banned until {until}. Please use WebSocket Streams for live updates to avoid bans."
                            ),
                        })
                    };
                }
                Fault::TimestampOutsideRecvWindow => {
                    break 'reply Reply::err(api_err(
                        -1021,
                        "Timestamp for this request is outside of the recvWindow.",
                    ));
                }
                Fault::InsufficientBalance => {
                    break 'reply Reply::err(api_err(-2010, INSUFFICIENT));
                }
                Fault::ServerError { status } => {
                    break 'reply Reply::err(ApiErr {
                        status,
                        code: -1001,
                        msg: "Internal error; unable to process your request. Please try again."
                            .into(),
                    });
                }
                Fault::DelayResponse { delay: d } => delay = Some(d),
            }
        }
        if is_signed(&method, &path)
            && let Err(e) = inner.verify_signed(&headers, &raw_query, &raw_body, &params)
        {
            break 'reply Reply::err(e);
        }
        match inner.route(&method, &path, &params) {
            Ok((body, placed_or_data)) => {
                if let Some(code) = body.get("code").and_then(Value::as_i64) {
                    // cancelReplace failure with per-leg data.
                    let status = if code == -2021 { 409 } else { 400 };
                    Reply {
                        status,
                        body,
                        retry_after: None,
                        order_placed: false,
                    }
                } else {
                    Reply {
                        order_placed: placed_or_data && is_order_placement(&method, &path),
                        ..Reply::ok(body)
                    }
                }
            }
            Err(e) => Reply::err(e),
        }
    };

    let weight = weight_of(&method, &path, &params);
    let (limit_headers, exceeded) = inner.account_limits(weight, reply.order_placed);
    let reply = match exceeded {
        // A real venue would refuse before processing; the stand-in reports it afterwards only
        // when the request did not already fail.
        Some(e) if reply.status == 200 => Reply {
            retry_after: Some(1),
            ..Reply::err(e)
        },
        _ => reply,
    };
    let error_code = reply.body.get("code").and_then(Value::as_i64);
    {
        let mut st = inner.lock();
        st.requests.push(LoggedRequest {
            method: method.to_string(),
            path: path.clone(),
            params: logged_params,
            status: reply.status,
            error_code,
        });
    }
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = (status, axum::Json(reply.body)).into_response();
    let h = resp.headers_mut();
    for (name, value) in limit_headers {
        if name.starts_with("x-mbx-order-count-") && !reply.order_placed {
            continue;
        }
        if let (Ok(n), Ok(v)) = (
            axum::http::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value.to_string()),
        ) {
            h.insert(n, v);
        }
    }
    if let Some(secs) = reply.retry_after {
        h.insert("retry-after", HeaderValue::from(secs));
    }
    resp
}

// ---------------------------------------------------------------------------------------------
// WebSocket API and market streams
// ---------------------------------------------------------------------------------------------

fn ws_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Inner {
    fn ws_request(&self, conn_id: u64, text: &str) -> Value {
        let req: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(_) => {
                return json!({"id": null, "status": 400, "error": {"code": -1102, "msg": "Field value was empty or malformed."}});
            }
        };
        let id = req.get("id").cloned().unwrap_or(Value::Null);
        let method = req
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let empty = json!({});
        let params = req.get("params").unwrap_or(&empty);
        let result = self.ws_dispatch(conn_id, &method, params);
        let ok = result.is_ok();
        self.lock().ws_requests.push((method, ok));
        match result {
            Ok(r) => json!({"id": id, "status": 200, "result": r}),
            Err(e) => {
                json!({"id": id, "status": e.status, "error": {"code": e.code, "msg": e.msg}})
            }
        }
    }

    fn ws_dispatch(&self, conn_id: u64, method: &str, params: &Value) -> Result<Value, ApiErr> {
        match method {
            "ping" => Ok(json!({})),
            "time" => Ok(json!({"serverTime": self.now()})),
            "userDataStream.subscribe.signature" => {
                let get = |k: &str| params.get(k).and_then(ws_text);
                let key = get("apiKey").ok_or_else(|| missing("apiKey"))?;
                let sig = get("signature").ok_or_else(|| missing("signature"))?;
                let ts: i64 = get("timestamp")
                    .and_then(|t| t.parse().ok())
                    .ok_or_else(|| missing("timestamp"))?;
                if key != self.api_key.expose() {
                    return Err(ApiErr {
                        status: 401,
                        code: -2015,
                        msg: "Invalid API-key, IP, or permissions for action.".into(),
                    });
                }
                let pairs: Vec<(&str, String)> = params
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .filter_map(|(k, v)| ws_text(v).map(|t| (k.as_str(), t)))
                            .collect()
                    })
                    .unwrap_or_default();
                if !self.signature_ok(&ws_payload(pairs), &sig) {
                    return Err(api_err(-1022, "Signature for this request is not valid."));
                }
                let rw: f64 = get("recvWindow")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(5000.0);
                check_timestamp(ts, rw, self.now())?;
                let mut st = self.lock();
                let conn = st
                    .user_conns
                    .get_mut(&conn_id)
                    .ok_or_else(|| api_err(-1000, "connection gone"))?;
                if !conn.subscriptions.is_empty() {
                    return Err(api_err(
                        -2035,
                        "User Data Stream subscription already active.",
                    ));
                }
                let sub = conn.next_sub;
                conn.next_sub += 1;
                conn.subscriptions.push(sub);
                Ok(json!({"subscriptionId": sub}))
            }
            "userDataStream.unsubscribe" => {
                let mut st = self.lock();
                let now = self.now();
                if let Some(conn) = st.user_conns.get_mut(&conn_id) {
                    let which = params.get("subscriptionId").and_then(Value::as_u64);
                    let (gone, kept): (Vec<u64>, Vec<u64>) = conn
                        .subscriptions
                        .iter()
                        .partition(|s| which.is_none_or(|w| w == **s));
                    conn.subscriptions = kept;
                    for s in gone {
                        let ev = json!({"subscriptionId": s, "event": {"e": "eventStreamTerminated", "E": now}});
                        let _ = conn.tx.send(WsOut::Text(ev.to_string()));
                    }
                }
                Ok(json!({}))
            }
            "session.subscriptions" => {
                let st = self.lock();
                let subs: Vec<Value> = st
                    .user_conns
                    .get(&conn_id)
                    .map(|c| {
                        c.subscriptions
                            .iter()
                            .map(|s| json!({"subscriptionId": s}))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Value::Array(subs))
            }
            _ => Err(api_err(-1020, "This operation is not supported.")),
        }
    }
}

/// Accepts WebSocket connections: `/ws-api/v3` (WebSocket API) and `/stream?streams=a/b`
/// (combined market streams); answers 503 to upgrades while not accepting.
async fn ws_server(listener: tokio::net::TcpListener, inner: Arc<Inner>) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        let inner = inner.clone();
        tokio::spawn(async move {
            let accepting = inner.ws_accepting.load(Ordering::Relaxed);
            let mut target: Option<String> = None;
            #[allow(clippy::result_large_err)] // The signature tungstenite's callback has.
            let callback = |req: &Request, resp: WsResponse| {
                if !accepting {
                    let mut refusal = ErrorResponse::new(Some("not accepting".into()));
                    *refusal.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
                    return Err(refusal);
                }
                target = Some(req.uri().to_string());
                Ok(resp)
            };
            let Ok(ws) = tokio_tungstenite::accept_hdr_async(tcp, callback).await else {
                return;
            };
            let uri = target.unwrap_or_default();
            let (path, query) = uri.split_once('?').unwrap_or((uri.as_str(), ""));
            match path {
                "/ws-api/v3" => ws_api_conn(ws, inner).await,
                "/stream" => {
                    let mut streams = Vec::new();
                    for pair in query.split('&') {
                        if let Some(v) = pair.strip_prefix("streams=") {
                            let v = percent_decode_str(v).decode_utf8_lossy().into_owned();
                            streams
                                .extend(v.split('/').filter(|s| !s.is_empty()).map(str::to_string));
                        }
                    }
                    market_conn(ws, inner, streams).await;
                }
                _ => {}
            }
        });
    }
}

async fn ws_api_conn(socket: WebSocketStream<tokio::net::TcpStream>, inner: Arc<Inner>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn_id = {
        let mut st = inner.lock();
        st.next_conn += 1;
        st.user_connections_total += 1;
        let id = st.next_conn;
        st.user_conns.insert(
            id,
            UserConn {
                tx,
                subscriptions: Vec::new(),
                next_sub: 0,
            },
        );
        id
    };
    let (mut sink, mut stream) = socket.split();
    let mut ping = tokio::time::interval(inner.ping_interval);
    ping.tick().await;
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(WsOut::Text(t)) => {
                    if sink.send(Message::Text(t.into())).await.is_err() {
                        break;
                    }
                }
                Some(WsOut::Drop) | None => break,
            },
            msg = stream.next() => match msg {
                Some(Ok(Message::Text(t))) => {
                    let resp = inner.ws_request(conn_id, t.as_str());
                    if sink.send(Message::Text(resp.to_string().into())).await.is_err() {
                        break;
                    }
                }
                Some(Ok(Message::Pong(_))) => {
                    inner.pongs.fetch_add(1, Ordering::Relaxed);
                }
                Some(Ok(Message::Ping(p))) => {
                    if sink.send(Message::Pong(p)).await.is_err() {
                        break;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            _ = ping.tick() => {
                if sink.send(Message::Ping(b"standin".to_vec().into())).await.is_err() {
                    break;
                }
            }
        }
    }
    inner.lock().user_conns.remove(&conn_id);
}

async fn market_conn(
    socket: WebSocketStream<tokio::net::TcpStream>,
    inner: Arc<Inner>,
    streams: Vec<String>,
) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn_id = {
        let mut st = inner.lock();
        st.next_conn += 1;
        let id = st.next_conn;
        st.market_conns.insert(id, MarketConn { tx, streams });
        id
    };
    let (mut sink, mut stream) = socket.split();
    let mut ping = tokio::time::interval(inner.ping_interval);
    ping.tick().await;
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(WsOut::Text(t)) => {
                    if sink.send(Message::Text(t.into())).await.is_err() {
                        break;
                    }
                }
                Some(WsOut::Drop) | None => break,
            },
            msg = stream.next() => match msg {
                Some(Ok(Message::Pong(_))) => {
                    inner.pongs.fetch_add(1, Ordering::Relaxed);
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            _ = ping.tick() => {
                if sink.send(Message::Ping(b"standin".to_vec().into())).await.is_err() {
                    break;
                }
            }
        }
    }
    inner.lock().market_conns.remove(&conn_id);
}

// ---------------------------------------------------------------------------------------------
// Handle
// ---------------------------------------------------------------------------------------------

/// The running stand-in and its control API. Dropping it stops the server.
pub struct StandinHandle {
    base_url: String,
    ws_api_url: String,
    stream_url: String,
    inner: Arc<Inner>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for StandinHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StandinHandle")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Entry point of the stand-in.
#[derive(Debug)]
pub struct Standin;

impl Standin {
    /// Loads the templates, binds `127.0.0.1:0` and serves until the handle is dropped.
    /// Loads the templates, binds two `127.0.0.1` ports on a runtime of its own and serves
    /// until the handle is dropped. Callable from synchronous and asynchronous tests alike.
    pub fn start(cfg: StandinConfig) -> Result<StandinHandle, String> {
        let templates = Templates::load(&cfg.http_json_dir, &cfg.user_data_dir)?;
        let symbols = cfg
            .symbols
            .iter()
            .map(|c| {
                (
                    c.symbol.clone(),
                    Sym {
                        cfg: c.clone(),
                        bid: c.bid,
                        ask: c.ask,
                        last: (c.bid + c.ask) / Decimal::TWO,
                        update_id: 1,
                        public_trades: Vec::new(),
                    },
                )
            })
            .collect();
        let balances = cfg
            .balances
            .iter()
            .map(|(a, f)| (a.clone(), (*f, Decimal::ZERO)))
            .collect();
        let inner = Arc::new(Inner {
            api_key: cfg.api_key,
            secret: cfg.secret,
            ed25519: cfg.ed25519,
            commission_rate: cfg.commission_rate,
            ping_interval: cfg.ws_ping_interval,
            templates,
            skew_ms: AtomicI64::new(0),
            ws_accepting: AtomicBool::new(true),
            pongs: AtomicU64::new(0),
            st: Mutex::new(St {
                symbols,
                balances,
                orders: BTreeMap::new(),
                trades: Vec::new(),
                next_order_id: 1001,
                next_trade_id: 5001,
                next_exec_id: 1,
                next_cancel_id: 0,
                faults: Vec::new(),
                requests: Vec::new(),
                ws_requests: Vec::new(),
                rate_limits: cfg.rate_limits,
                weight: HashMap::new(),
                order_counts: HashMap::new(),
                user_conns: HashMap::new(),
                market_conns: HashMap::new(),
                next_conn: 0,
                user_connections_total: 0,
                klines: BTreeMap::new(),
            }),
        });
        let app = Router::new()
            .fallback(rest_handler)
            .with_state(inner.clone());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("standin")
            .enable_all()
            .build()
            .map_err(|e| format!("runtime: {e}"))?;
        // Bound here (synchronously: the caller may be inside a runtime), served there.
        let bind = || {
            let l = std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
                .map_err(|e| format!("bind: {e}"))?;
            l.set_nonblocking(true).map_err(|e| e.to_string())?;
            let addr = l.local_addr().map_err(|e| e.to_string())?;
            Ok::<_, String>((l, addr))
        };
        let (rest, rest_addr) = bind()?;
        let (ws, ws_addr) = bind()?;
        let ws_inner = inner.clone();
        runtime.spawn(async move {
            if let Ok(rest) = tokio::net::TcpListener::from_std(rest) {
                let _ = axum::serve(rest, app).await;
            }
        });
        runtime.spawn(async move {
            if let Ok(ws) = tokio::net::TcpListener::from_std(ws) {
                ws_server(ws, ws_inner).await;
            }
        });
        Ok(StandinHandle {
            base_url: format!("http://{rest_addr}"),
            ws_api_url: format!("ws://{ws_addr}/ws-api/v3"),
            stream_url: format!("ws://{ws_addr}"),
            inner,
            runtime: Some(runtime),
        })
    }
}

impl StandinHandle {
    /// REST base URL (`http://127.0.0.1:<port>`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// WebSocket API URL (`ws://127.0.0.1:<port>/ws-api/v3`).
    pub fn ws_api_url(&self) -> &str {
        &self.ws_api_url
    }

    /// Market streams base URL (`ws://127.0.0.1:<port>`).
    pub fn stream_url(&self) -> &str {
        &self.stream_url
    }

    /// The stand-in's clock (ms).
    pub fn server_time_ms(&self) -> i64 {
        self.inner.now()
    }

    /// Moves the stand-in's clock by `skew_ms` relative to this machine's.
    pub fn set_clock_skew_ms(&self, skew_ms: i64) {
        self.inner.skew_ms.store(skew_ms, Ordering::Relaxed);
    }

    /// Sets the free balance of `asset` (locked funds unchanged); no event is pushed.
    pub fn set_balance(&self, asset: &str, free: Decimal) {
        self.inner.lock().bal(asset).0 = free;
    }

    /// (free, locked) of `asset`.
    pub fn balance(&self, asset: &str) -> (Decimal, Decimal) {
        self.inner
            .lock()
            .balances
            .get(asset)
            .copied()
            .unwrap_or_default()
    }

    /// A deposit: credits `asset` and pushes `balanceUpdate` then `outboundAccountPosition`.
    pub fn deposit(&self, asset: &str, amount: Decimal) {
        let now = self.inner.now();
        let t = &self.inner.templates;
        let mut st = self.inner.lock();
        st.bal(asset).0 += amount;
        let bu = fill(
            &t.balance_update,
            &[
                ("E", json!(now)),
                ("a", json!(asset)),
                ("d", f8(amount)),
                ("T", json!(now)),
            ],
        );
        let pos = st.position_event(t, &[asset], now);
        st.push_user(vec![bu, pos]);
    }

    /// Sets the best bid and ask of `symbol` and publishes `bookTicker` / depth updates. Resting
    /// orders do not fill from book moves; use [`Self::trade_at`].
    pub fn set_book(&self, symbol: &str, bid: Decimal, ask: Decimal) {
        let now = self.inner.now();
        let mut st = self.inner.lock();
        if let Some(s) = st.symbols.get_mut(symbol) {
            s.bid = bid;
            s.ask = ask;
        }
        st.publish_book(symbol, now);
    }

    /// A market trade at `price`: resting buy orders priced at or above it and sell orders at or
    /// below it fill (as makers, at their own price), best price then oldest first, up to `qty`
    /// in total (`None`: all of them). Stop-limit orders trigger first when `price` reaches their
    /// stop. Publishes the trade on `@trade` streams. Returns the (order id, quantity) filled.
    pub fn trade_at(
        &self,
        symbol: &str,
        price: Decimal,
        qty: Option<Decimal>,
    ) -> Vec<(i64, Decimal)> {
        let inner = &self.inner;
        let now = inner.now();
        let mut out = Outbox::new();
        let mut st = inner.lock();
        if !st.symbols.contains_key(symbol) {
            return Vec::new();
        }
        // Trailing stops follow the best price since placement and trigger once the price
        // moves trailingDelta BIPS back from it.
        let bips = Decimal::from(10_000);
        let mut trailed = Vec::new();
        for o in st.orders.values_mut().filter(|o| {
            o.symbol == symbol && o.is_open() && !o.triggered && o.trailing_delta.is_some()
        }) {
            let delta = Decimal::from(o.trailing_delta.unwrap_or_default()) / bips;
            let hit = if o.is_buy() {
                o.trail_extreme = o.trail_extreme.min(price);
                price >= o.trail_extreme * (Decimal::ONE + delta)
            } else {
                o.trail_extreme = o.trail_extreme.max(price);
                price <= o.trail_extreme * (Decimal::ONE - delta)
            };
            if hit {
                trailed.push(o.order_id);
            }
        }
        // Trigger stops.
        let stops: Vec<i64> = trailed
            .into_iter()
            .chain(
                st.orders
                    .values()
                    .filter(|o| o.symbol == symbol && o.is_open() && !o.triggered)
                    .filter(|o| match (o.stop_price, o.otype.as_str(), o.is_buy()) {
                        (Some(sp), "STOP_LOSS_LIMIT", true)
                        | (Some(sp), "TAKE_PROFIT_LIMIT", false) => price >= sp,
                        (Some(sp), _, _) => price <= sp,
                        (None, _, _) => false,
                    })
                    .map(|o| o.order_id),
            )
            .collect();
        for id in stops {
            if let Some(o) = st.orders.get_mut(&id) {
                o.triggered = true;
                o.working_time = Some(now);
            }
        }
        let mut candidates: Vec<(Decimal, i64, bool)> = st
            .orders
            .values()
            .filter(|o| o.symbol == symbol && o.is_working() && o.otype != "MARKET")
            .filter(|o| {
                // A triggered STOP_LOSS is a market order: it takes this trade's price.
                if o.otype == "STOP_LOSS" {
                    true
                } else if o.is_buy() {
                    o.price >= price
                } else {
                    o.price <= price
                }
            })
            .map(|o| {
                let px = if o.otype == "STOP_LOSS" {
                    price
                } else {
                    o.price
                };
                (px, o.order_id, o.is_buy())
            })
            .collect();
        // Best price first (highest bid, lowest ask), then oldest.
        candidates.sort_by(|a, b| {
            let pa = if a.2 { -a.0 } else { a.0 };
            let pb = if b.2 { -b.0 } else { b.0 };
            pa.cmp(&pb).then(a.1.cmp(&b.1))
        });
        let mut left = qty;
        let mut filled = Vec::new();
        for (px, id, _) in candidates {
            let want = st.orders[&id].remaining();
            let q = left.map_or(want, |l| l.min(want));
            if q <= Decimal::ZERO {
                break;
            }
            if let Some(tr) = inner.execute_fill(&mut st, id, q, px, true, &mut out) {
                filled.push((id, tr.qty));
                left = left.map(|l| l - tr.qty);
            }
        }
        let trade_qty = qty.unwrap_or_else(|| {
            filled
                .iter()
                .map(|f| f.1)
                .sum::<Decimal>()
                .max(Decimal::ONE)
        });
        let trade_id = st.next_trade_id;
        st.next_trade_id += 1;
        if let Some(s) = st.symbols.get_mut(symbol) {
            s.last = price;
            s.public_trades
                .push((trade_id, price, trade_qty, now, false));
        }
        let stream = format!("{}@trade", symbol.to_lowercase());
        let data = json!({"e": "trade", "E": now, "s": symbol, "t": trade_id, "p": f8(price),
                          "q": f8(trade_qty), "T": now, "m": false, "M": true});
        st.push_market(&stream, &data);
        st.push_user(out);
        filled
    }

    /// Applies `fault` to the next `count` requests matching `method` and `path` (`None`: any).
    pub fn inject(&self, fault: Fault, method: Option<&str>, path: Option<&str>, count: usize) {
        self.inner.lock().faults.push(FaultEntry {
            fault,
            method: method.map(str::to_string),
            path: path.map(str::to_string),
            remaining: count,
        });
    }

    /// Removes pending faults.
    pub fn clear_faults(&self) {
        self.inner.lock().faults.clear();
    }

    /// Replaces the rate limits (announced in `exchangeInfo` and enforced).
    pub fn set_rate_limits(&self, limits: Vec<RateLimit>) {
        let mut st = self.inner.lock();
        st.rate_limits = limits;
        st.weight.clear();
        st.order_counts.clear();
    }

    /// Drops every WebSocket API connection abruptly (no close frame).
    pub fn drop_user_streams(&self) {
        let mut st = self.inner.lock();
        for c in st.user_conns.values() {
            let _ = c.tx.send(WsOut::Drop);
        }
        st.user_conns.clear();
    }

    /// Drops every market stream connection abruptly.
    pub fn drop_market_streams(&self) {
        let mut st = self.inner.lock();
        for c in st.market_conns.values() {
            let _ = c.tx.send(WsOut::Drop);
        }
        st.market_conns.clear();
    }

    /// Whether new WebSocket connections are accepted (refused with HTTP 503 otherwise).
    pub fn set_ws_accepting(&self, accepting: bool) {
        self.inner.ws_accepting.store(accepting, Ordering::Relaxed);
    }

    /// Open market stream connections (registered once the server side is set up, a moment
    /// after the client sees the handshake complete).
    pub fn market_connections(&self) -> usize {
        self.inner.lock().market_conns.len()
    }

    /// The streams of every open market stream connection, sorted.
    pub fn market_streams(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .inner
            .lock()
            .market_conns
            .values()
            .flat_map(|c| c.streams.clone())
            .collect();
        v.sort();
        v
    }

    /// Active user data subscriptions.
    pub fn user_subscriptions(&self) -> usize {
        self.inner
            .lock()
            .user_conns
            .values()
            .map(|c| c.subscriptions.len())
            .sum()
    }

    /// WebSocket API connections accepted so far.
    pub fn user_connections_total(&self) -> u64 {
        self.inner.lock().user_connections_total
    }

    /// Pongs received from clients.
    pub fn pongs_received(&self) -> u64 {
        self.inner.pongs.load(Ordering::Relaxed)
    }

    /// The REST requests received (signatures redacted).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.inner.lock().requests.clone()
    }

    /// The WebSocket API requests received: (method, succeeded).
    pub fn ws_requests(&self) -> Vec<(String, bool)> {
        self.inner.lock().ws_requests.clone()
    }

    /// Every order, oldest first.
    pub fn orders(&self) -> Vec<StandinOrder> {
        self.inner
            .lock()
            .orders
            .values()
            .map(|o| StandinOrder {
                symbol: o.symbol.clone(),
                order_id: o.order_id,
                client_order_id: o.client_order_id.clone(),
                side: o.side.clone(),
                order_type: o.otype.clone(),
                price: o.price,
                orig_qty: o.orig_qty,
                executed_qty: o.executed_qty,
                status: o.status.clone(),
            })
            .collect()
    }

    /// Number of account trades (fills) so far.
    pub fn trade_count(&self) -> usize {
        self.inner.lock().trades.len()
    }

    /// The rows of the real klines body (`klines_response.json`), as Binance sent them.
    pub fn body_klines(&self) -> Vec<Value> {
        self.inner.templates.klines_body.clone()
    }

    /// A kline row in Binance's form (the real body's row, filled in).
    pub fn kline(&self, fields: &KlineFields) -> Value {
        kline_row(&self.inner.templates.kline, fields)
    }

    /// Adds kline history for `symbol` and `interval` (rows in Binance's 12-field form, keyed
    /// by their open time); `GET /api/v3/klines` serves it with `startTime`, `endTime` and
    /// `limit` as Binance does. Panics on an interval Binance does not have or a malformed row.
    pub fn set_klines(&self, symbol: &str, interval: &str, rows: Vec<Value>) {
        assert!(
            interval_ms(interval).is_some(),
            "no Binance interval {interval}"
        );
        let mut st = self.inner.lock();
        let history = st
            .klines
            .entry((symbol.to_string(), interval.to_string()))
            .or_default();
        for row in rows {
            let open = row
                .get(0)
                .and_then(Value::as_i64)
                .unwrap_or_else(|| panic!("not a kline row: {row}"));
            history.insert(open, row);
        }
    }

    /// The `GET /api/v3/klines` requests received: (startTime, endTime, limit) of each.
    pub fn kline_requests(&self) -> Vec<(Option<i64>, Option<i64>, Option<usize>)> {
        self.inner
            .lock()
            .requests
            .iter()
            .filter(|r| r.path == "/api/v3/klines")
            .map(|r| {
                let mut p = BTreeMap::new();
                parse_params(&r.params, &mut p);
                let get = |k: &str| p.get(k).and_then(|v| v.parse::<i64>().ok());
                (
                    get("startTime"),
                    get("endTime"),
                    get("limit").and_then(|l| usize::try_from(l).ok()),
                )
            })
            .collect()
    }

    /// Stops the servers.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.drop_user_streams();
        self.drop_market_streams();
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl Drop for StandinHandle {
    fn drop(&mut self) {
        self.stop();
    }
}
