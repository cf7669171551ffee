//! [`BinanceVenue`]: Binance Spot behind the node's venue-neutral requests and updates.
//!
//! Every request is answered with [`VenueUpdate`]s (Nautilus reports, account states,
//! refusals) plus, when the caller must hear about it, an [`OpError`]: `trading` when Binance
//! refused (with its code and message), `system` for network faults, 5xx, timeouts and rate
//! limits. A request whose outcome is unknown (timeout, connection lost, 5xx) is resolved by
//! querying the order by its client order id until its receive window has passed; only then
//! is an order Binance never saw declared lost.

use std::{
    collections::{BTreeSet, HashMap},
    sync::RwLock,
    time::Duration,
};

use nautilus_core::UnixNanos;
use nautilus_model::{
    data::{Bar, BarSpecification, BarType, TradeTick},
    enums::{
        AggregationSource, AggressorSide, OrderSide as NtSide, OrderType as NtType,
        TimeInForce as NtTif,
    },
    events::AccountState,
    identifiers::{AccountId, ClientOrderId, InstrumentId, TradeId, Venue},
    orders::{Order, OrderAny},
    types::{Price, Quantity},
};
use rust_decimal::Decimal;
use serde_json::json;

use super::{
    clock::{ServerClock, local_ms},
    error::BinanceError,
    klines::{kline_interval, read_klines},
    mapping::{
        FillFields, OrderFields, SymbolMeta, account_state_from_account,
        account_state_from_position, instrument_def,
    },
    model::{
        CancelReplaceLeg, CanceledOpenOrder, ExchangeInfo, OrderSide, SymbolRules, TimeInForce,
        UserEvent,
    },
    rest::{BinanceRest, BinanceRestConfig, CancelReplaceMode, LIVE_REST_URL, NewOrder},
    signing::{Secret, Signer},
    ws::{
        LIVE_STREAM_URL, LIVE_WS_API_URL, StreamEvent, TESTNET_STREAM_URL, TESTNET_WS_API_URL,
        UserDataStream, UserStreamConfig,
    },
};
use crate::{
    config::VenueConfig,
    data::instruments::{InstrumentDef, currency},
    engine::{
        node::settings::VenueMode,
        venues::{
            Action, BookLevel, BookSnapshot, Outbound, TickerSnapshot, VenueBars, VenueUpdate,
        },
    },
    error::{Code, OpError, OpResult},
};

/// Binance Spot testnet REST base URL.
pub const TESTNET_REST_URL: &str = super::rest::TESTNET_REST_URL;

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

impl Endpoints {
    /// Binance's endpoints for a mode, with the config's overrides.
    #[must_use]
    pub fn resolve(mode: VenueMode, cfg: Option<&VenueConfig>) -> Self {
        let (rest, ws_api, stream) = match mode {
            VenueMode::Live => (LIVE_REST_URL, LIVE_WS_API_URL, LIVE_STREAM_URL),
            _ => (TESTNET_REST_URL, TESTNET_WS_API_URL, TESTNET_STREAM_URL),
        };
        let pick = |o: Option<&String>, d: &str| o.map_or_else(|| d.to_string(), Clone::clone);
        Self {
            rest: pick(cfg.and_then(|c| c.base_url.as_ref()), rest),
            ws_api: pick(cfg.and_then(|c| c.ws_api_url.as_ref()), ws_api),
            stream: pick(cfg.and_then(|c| c.stream_url.as_ref()), stream),
        }
    }
}

/// The API key and secret of an account (an HMAC secret or a PEM PKCS#8 Ed25519 private key).
/// `Debug` prints `***`.
#[derive(Clone)]
pub struct ApiKeys {
    pub api_key: Secret,
    pub secret: Secret,
}

impl std::fmt::Debug for ApiKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKeys(***)")
    }
}

/// How the client talks to Binance.
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
    fn fail(&mut self, e: OpError) {
        if self.failure.is_none() {
            self.failure = Some(e);
        }
    }
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

/// Binance Spot (testnet or live) for one account.
#[derive(Debug)]
pub struct BinanceVenue {
    venue: Venue,
    mode: VenueMode,
    endpoints: Endpoints,
    rest: BinanceRest,
    keys: ApiKeys,
    /// How the key signs: `HMAC-SHA256` or `Ed25519`.
    signing: &'static str,
    recv_window_ms: u64,
    account_id: AccountId,
    symbols: RwLock<HashMap<String, SymbolMeta>>,
}

/// The error an operation reports for a Binance failure: `trading` when Binance refused,
/// `system` otherwise. `what` says what was being done.
#[must_use]
pub fn op_error(e: &BinanceError, what: &str) -> OpError {
    let venue = |code: Code, msg: String| OpError::new(code, msg);
    match e {
        BinanceError::Rejected { code, msg } | BinanceError::InvalidRequest { code, msg } => {
            let details = json!({ "venue_code": code, "venue_message": msg });
            let c = match code {
                // Credentials, signature and clock problems are not order rejections.
                -2014 | -2015 | -1022 => Code::VenueUnavailable,
                -1021 => Code::VenueUnavailable,
                _ => Code::OrderRejected,
            };
            venue(c, format!("{what}: Binance refused it (code {code}): {msg}")).with_details(details)
        }
        BinanceError::RateLimited { retry_after } => venue(
            Code::RateLimited,
            format!(
                "{what}: Binance's rate limit was reached (HTTP 429); retry after {} s",
                retry_after.as_secs().max(1)
            ),
        )
        .with_details(json!({ "retry_after_secs": retry_after.as_secs().max(1) })),
        BinanceError::Banned { retry_after } => venue(
            Code::RateLimited,
            format!(
                "{what}: Binance banned this IP (HTTP 418) for {} s; nothing more is sent until then",
                retry_after.as_secs()
            ),
        )
        .with_details(json!({ "banned_for_secs": retry_after.as_secs() })),
        BinanceError::Network(m) => venue(
            Code::VenueUnavailable,
            format!("{what}: Binance could not be reached (nothing was sent): {m}"),
        ),
        BinanceError::ConnectionLost(_)
        | BinanceError::Server { .. }
        | BinanceError::Timeout
        | BinanceError::Decode(_) => {
            venue(Code::VenueUnavailable, format!("{what}: {e}"))
        }
        BinanceError::Config(m) => OpError::internal(format!("{what}: {m}")),
    }
}

fn is_code(e: &BinanceError, wanted: i64) -> bool {
    e.code() == Some(wanted)
}

/// The symbol of an instrument id (`BTCUSDT.BINANCE` → `BTCUSDT`).
fn symbol_of(id: &InstrumentId) -> String {
    id.symbol.as_str().to_string()
}

fn refusal_reason(e: &BinanceError) -> String {
    match e {
        BinanceError::Rejected { code, msg } | BinanceError::InvalidRequest { code, msg } => {
            format!("Binance {code}: {msg}")
        }
        other => other.to_string(),
    }
}

impl BinanceVenue {
    /// A client for `venue` in `mode` (testnet or live) with the account's keys.
    pub fn new(
        venue: Venue,
        mode: VenueMode,
        endpoints: Endpoints,
        keys: ApiKeys,
        account_id: AccountId,
        options: &VenueOptions,
    ) -> OpResult<Self> {
        let signer = Signer::from_secret(&keys.secret)
            .map_err(|e| OpError::invalid("credentials.secret_key", e))?;
        let mut cfg = BinanceRestConfig::new(
            endpoints.rest.clone(),
            keys.api_key.clone(),
            keys.secret.clone(),
        );
        cfg.recv_window_ms = options.recv_window_ms;
        cfg.timeout = options.timeout;
        let clock = ServerClock::new();
        if let Some(o) = options.clock_offset_ms {
            clock.set_offset_ms(o);
        }
        let rest = BinanceRest::with_clock(cfg, clock)
            .map_err(|e| OpError::invalid("base_url", e.to_string()))?;
        Ok(Self {
            venue,
            mode,
            endpoints,
            rest,
            keys,
            signing: signer.kind(),
            recv_window_ms: options.recv_window_ms,
            account_id,
            symbols: RwLock::new(HashMap::new()),
        })
    }

    /// The venue's name (instrument ids are `SYMBOL.<venue>`).
    #[must_use]
    pub fn venue(&self) -> Venue {
        self.venue
    }

    /// Testnet or live.
    #[must_use]
    pub fn mode(&self) -> VenueMode {
        self.mode
    }

    /// How requests are signed: `HMAC-SHA256` or `Ed25519` (by the kind of key).
    #[must_use]
    pub fn signing(&self) -> &'static str {
        self.signing
    }

    /// The endpoints in use.
    #[must_use]
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The account id used in reports.
    #[must_use]
    pub fn account_id(&self) -> AccountId {
        self.account_id
    }

    /// The current offset to Binance's clock (ms).
    #[must_use]
    pub fn clock_offset_ms(&self) -> i64 {
        self.rest.clock().offset_ms()
    }

    /// Makes instruments known for reports (their precisions and quote currency).
    pub fn register_instruments<'a>(&self, defs: impl IntoIterator<Item = &'a InstrumentDef>) {
        let mut map = self
            .symbols
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for def in defs {
            let Ok(id) = def.instrument_id() else {
                continue;
            };
            if id.venue != self.venue {
                continue;
            }
            map.insert(
                symbol_of(&id),
                SymbolMeta {
                    instrument_id: id,
                    price_precision: def.price_precision(),
                    size_precision: def.size_precision(),
                    quote: currency(&def.quote),
                },
            );
        }
    }

    fn meta(&self, symbol: &str) -> Option<SymbolMeta> {
        self.symbols
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(symbol)
            .copied()
    }

    fn now_nanos(&self) -> UnixNanos {
        super::mapping::ms_to_nanos(local_ms())
    }

    // -----------------------------------------------------------------------------------------
    // Connect, account, reconciliation
    // -----------------------------------------------------------------------------------------

    /// Syncs the clock, loads the account and the instruments (all trading symbols, or the
    /// given ones). Open orders come with the reconciliation that follows.
    pub async fn connect(&self, symbols: Option<&[String]>) -> OpResult<Connected> {
        let offset = self
            .rest
            .sync_time()
            .await
            .map_err(|e| op_error(&e, "syncing the clock with Binance"))?;
        let info = self
            .rest
            .account()
            .await
            .map_err(|e| op_error(&e, "reading the Binance account"))?;
        let maker = info.commission_rates.maker;
        let taker = info.commission_rates.taker;
        let wanted: Option<Vec<&str>> = symbols.map(|s| s.iter().map(String::as_str).collect());
        let exchange: ExchangeInfo = self
            .rest
            .exchange_info(wanted.as_deref())
            .await
            .map_err(|e| op_error(&e, "loading Binance's exchange info"))?;
        let instruments = self.defs_of(&exchange, maker, taker);
        self.register_instruments(&instruments);
        let account = account_state_from_account(&info, self.account_id, self.now_nanos())
            .map_err(|e| OpError::internal(e.to_string()))?;
        Ok(Connected {
            clock_offset_ms: offset,
            instruments,
            account,
            maker_fee: maker,
            taker_fee: taker,
        })
    }

    fn defs_of(&self, info: &ExchangeInfo, maker: Decimal, taker: Decimal) -> Vec<InstrumentDef> {
        info.symbols
            .iter()
            .filter(|s| s.is_spot_trading_allowed || s.status == "TRADING")
            .map(SymbolRules::from_symbol)
            .map(|r| instrument_def(&r, self.venue.as_str(), maker, taker))
            .filter(|d| d.to_nautilus().is_ok())
            .collect()
    }

    /// The venue's instruments (all symbols, or those containing `filter`).
    pub async fn instruments(&self, filter: Option<&str>) -> OpResult<Vec<InstrumentDef>> {
        let info = self
            .rest
            .exchange_info(None)
            .await
            .map_err(|e| op_error(&e, "loading Binance's exchange info"))?;
        let defs = self.defs_of(&info, Decimal::ZERO, Decimal::ZERO);
        Ok(match filter {
            Some(f) => {
                let f = f.to_ascii_uppercase();
                defs.into_iter().filter(|d| d.id.contains(&f)).collect()
            }
            None => defs,
        })
    }

    /// Every balance of the account.
    pub async fn account(&self) -> OpResult<AccountState> {
        let info = self
            .rest
            .account()
            .await
            .map_err(|e| op_error(&e, "reading the Binance account"))?;
        account_state_from_account(&info, self.account_id, self.now_nanos())
            .map_err(|e| OpError::internal(e.to_string()))
    }

    /// An order update from a queried order, with its fills when it has any.
    async fn order_update(&self, o: &super::model::Order) -> OpResult<Option<VenueUpdate>> {
        let Some(meta) = self.meta(&o.symbol) else {
            tracing::debug!(symbol = %o.symbol, "binance: order on an unknown symbol skipped");
            return Ok(None);
        };
        let now = self.now_nanos();
        let report = OrderFields::of_order(o)
            .report(&meta, self.account_id, now)
            .map_err(|e| OpError::internal(e.to_string()))?;
        let mut fills = Vec::new();
        if !o.executed_qty.is_zero() {
            let trades = self
                .rest
                .my_trades(&o.symbol, Some(o.order_id))
                .await
                .map_err(|e| op_error(&e, "reading the fills of an order at Binance"))?;
            for t in &trades {
                fills.push(
                    FillFields::of_trade(t, Some(&o.client_order_id))
                        .report(&meta, self.account_id, now)
                        .map_err(|e| OpError::internal(e.to_string()))?,
                );
            }
        }
        Ok(Some(VenueUpdate::Order { report, fills }))
    }

    /// What Binance knows of one order, by its client order id: `Ok(None)` when it does not
    /// know it (`-2013`).
    pub async fn query(&self, order: &OrderAny) -> Result<Option<VenueUpdate>, OpError> {
        let symbol = symbol_of(&order.instrument_id());
        match self
            .rest
            .query_order(&symbol, order.client_order_id().as_str())
            .await
        {
            Ok(o) => self.order_update(&o).await,
            Err(e) if is_code(&e, -2013) => Ok(None),
            Err(e) => Err(op_error(&e, "querying an order at Binance")),
        }
    }

    /// Whether an order that Binance does not know can still arrive: its request is valid
    /// until the submission time plus the receive window (and a margin for clock error).
    fn can_still_arrive(&self, order: &OrderAny) -> bool {
        let submitted_ms = order
            .events()
            .iter()
            .rev()
            .find_map(|e| match e {
                nautilus_model::events::OrderEventAny::Submitted(s) => {
                    Some((s.ts_event.as_u64() / 1_000_000) as i64)
                }
                _ => None,
            })
            .unwrap_or_else(|| (order.ts_init().as_u64() / 1_000_000) as i64);
        local_ms() <= submitted_ms + self.recv_window_ms as i64 + 2_000
    }

    /// The updates that bring the node's live orders (and balances) in line with Binance:
    /// open orders and their fills, the end state of orders no longer open, and the account.
    /// `all_symbols` also lists open orders on symbols the node has no live order on (orders
    /// placed elsewhere are then imported).
    pub async fn reconcile(
        &self,
        live: &[OrderAny],
        all_symbols: bool,
    ) -> OpResult<Vec<VenueUpdate>> {
        let mut updates = Vec::new();
        let open = if all_symbols {
            self.rest
                .open_orders(None)
                .await
                .map_err(|e| op_error(&e, "listing the open orders at Binance"))?
        } else {
            let symbols: BTreeSet<String> =
                live.iter().map(|o| symbol_of(&o.instrument_id())).collect();
            let mut all = Vec::new();
            for s in symbols {
                all.extend(
                    self.rest
                        .open_orders(Some(&s))
                        .await
                        .map_err(|e| op_error(&e, "listing the open orders at Binance"))?,
                );
            }
            all
        };
        let open_ids: BTreeSet<&str> = open.iter().map(|o| o.client_order_id.as_str()).collect();
        for o in &open {
            if let Some(u) = self.order_update(o).await? {
                updates.push(u);
            }
        }
        for order in live {
            if open_ids.contains(order.client_order_id().as_str()) {
                continue;
            }
            match self.query(order).await? {
                Some(u) => updates.push(u),
                None => updates.push(VenueUpdate::Unknown {
                    client_order_id: order.client_order_id(),
                    final_: !self.can_still_arrive(order),
                }),
            }
        }
        updates.push(VenueUpdate::Account {
            state: self.account().await?,
            complete: true,
        });
        Ok(updates)
    }

    // -----------------------------------------------------------------------------------------
    // Orders
    // -----------------------------------------------------------------------------------------

    /// Sends the requests decided by a session, in order.
    pub async fn execute(&self, requests: &[Outbound]) -> Executed {
        let mut out = Executed::default();
        for r in requests {
            match r {
                Outbound::Submit(order) => self.submit(order, &mut out).await,
                Outbound::Cancel(order) => self.cancel(order, &mut out).await,
                Outbound::Amend { order, quantity } => self.amend(order, *quantity, &mut out).await,
                Outbound::Replace { old, new } => self.replace(old, new, &mut out).await,
                Outbound::CancelAll {
                    instrument_id,
                    orders,
                } => self.cancel_all(*instrument_id, orders, &mut out).await,
            }
        }
        out
    }

    /// The Binance order for a Nautilus order (types the node allows on Binance only).
    pub fn new_order(order: &OrderAny) -> OpResult<NewOrder> {
        let symbol = symbol_of(&order.instrument_id());
        let side = match order.order_side() {
            NtSide::Buy => OrderSide::Buy,
            _ => OrderSide::Sell,
        };
        let qty = order.quantity().as_decimal();
        let tif = match order.time_in_force() {
            NtTif::Gtc => TimeInForce::Gtc,
            NtTif::Ioc => TimeInForce::Ioc,
            NtTif::Fok => TimeInForce::Fok,
            other => {
                return Err(OpError::invalid(
                    "time_in_force",
                    format!("Binance Spot supports GTC, IOC and FOK, not {other}"),
                ));
            }
        };
        let price = || {
            order
                .price()
                .map(|p| p.as_decimal())
                .ok_or_else(|| OpError::invalid("price", "this order type needs a price"))
        };
        let trigger = || {
            order
                .trigger_price()
                .map(|p| p.as_decimal())
                .ok_or_else(|| OpError::invalid("trigger_price", "this order type needs one"))
        };
        let o = match order.order_type() {
            NtType::Market => NewOrder::market(&symbol, side, qty),
            NtType::Limit if order.is_post_only() => {
                NewOrder::limit_maker(&symbol, side, qty, price()?)
            }
            NtType::Limit => NewOrder::limit(&symbol, side, qty, price()?, tif),
            NtType::StopLimit => {
                NewOrder::stop_loss_limit(&symbol, side, qty, price()?, trigger()?, tif)
            }
            NtType::LimitIfTouched => {
                NewOrder::take_profit_limit(&symbol, side, qty, price()?, trigger()?, tif)
            }
            other => {
                return Err(OpError::invalid(
                    "order_type",
                    format!(
                        "{other} orders are not supported on Binance Spot by this node; use a \
                         market, limit, stop-limit or take-profit-limit order"
                    ),
                ));
            }
        };
        Ok(o.with_client_order_id(order.client_order_id().as_str()))
    }

    async fn submit(&self, order: &OrderAny, out: &mut Executed) {
        let id = order.client_order_id();
        let request = match Self::new_order(order) {
            Ok(r) => r,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Submit,
                    reason: e.message.clone(),
                });
                out.fail(e);
                return;
            }
        };
        match self.rest.new_order(&request).await {
            Ok(resp) => match self.meta(&resp.symbol) {
                Some(meta) => {
                    let now = self.now_nanos();
                    let report =
                        OrderFields::of_response(&resp).report(&meta, self.account_id, now);
                    let fills: Result<Vec<_>, _> = FillFields::of_response(&resp)
                        .iter()
                        .map(|f| f.report(&meta, self.account_id, now))
                        .collect();
                    match (report, fills) {
                        (Ok(report), Ok(fills)) => {
                            out.updates.push(VenueUpdate::Order { report, fills });
                        }
                        (Err(e), _) | (_, Err(e)) => out.fail(OpError::internal(e.to_string())),
                    }
                }
                None => out.fail(OpError::internal(format!(
                    "Binance answered for symbol {} which the node does not know",
                    resp.symbol
                ))),
            },
            Err(e) if e.is_unknown_outcome() => {
                out.notes.push(format!(
                    "the answer to order {id} was lost ({e}); Binance was asked for it by its client order id"
                ));
                self.resolve(order, Action::Submit, &e, out).await;
            }
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Submit,
                    reason: refusal_reason(&e),
                });
                out.fail(op_error(&e, &format!("order {id}")));
            }
        }
    }

    /// Finds out what became of a request whose answer was lost: queries the order until it is
    /// found or can no longer arrive.
    async fn resolve(
        &self,
        order: &OrderAny,
        action: Action,
        cause: &BinanceError,
        out: &mut Executed,
    ) {
        let id = order.client_order_id();
        let started = std::time::Instant::now();
        let limit = Duration::from_millis(self.recv_window_ms + 3_000);
        let mut delay = Duration::from_millis(250);
        loop {
            match self.query(order).await {
                Ok(Some(update)) => {
                    if action != Action::Submit
                        && let VenueUpdate::Order { report, .. } = &update
                        && !matches!(
                            report.order_status,
                            nautilus_model::enums::OrderStatus::Canceled
                                | nautilus_model::enums::OrderStatus::Filled
                                | nautilus_model::enums::OrderStatus::Expired
                        )
                        && action == Action::Cancel
                    {
                        // The cancel did not take effect: the order is still working.
                        out.updates.push(VenueUpdate::Refused {
                            client_order_id: id,
                            action,
                            reason: format!("the cancel's answer was lost ({cause}) and the order is still open at Binance"),
                        });
                        out.fail(op_error(cause, &format!("cancel of order {id}")));
                    }
                    out.updates.push(update);
                    return;
                }
                Ok(None) if action == Action::Submit => {
                    if !self.can_still_arrive(order) {
                        out.updates.push(VenueUpdate::Unknown {
                            client_order_id: id,
                            final_: true,
                        });
                        out.fail(OpError::new(
                            Code::VenueUnavailable,
                            format!("order {id} never reached Binance ({cause}); it is recorded as rejected and may be sent again"),
                        ));
                        return;
                    }
                }
                Ok(None) => {
                    out.updates.push(VenueUpdate::Unknown {
                        client_order_id: id,
                        final_: false,
                    });
                    return;
                }
                Err(e) => {
                    tracing::warn!(order = %id, error = %e, "binance: query after a lost answer failed");
                }
            }
            if started.elapsed() > limit {
                out.fail(OpError::new(
                    Code::VenueUnavailable,
                    format!(
                        "the outcome of the request for order {id} is unknown ({cause}); the order stays pending and is reconciled with Binance by the next command"
                    ),
                ).with_details(json!({ "client_order_id": id.to_string(), "pending": true })));
                return;
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(2));
        }
    }

    async fn cancel(&self, order: &OrderAny, out: &mut Executed) {
        let id = order.client_order_id();
        let symbol = symbol_of(&order.instrument_id());
        match self.rest.cancel_order(&symbol, id.as_str()).await {
            Ok(resp) => {
                let Some(meta) = self.meta(&resp.symbol) else {
                    out.fail(OpError::internal("cancel answer for an unknown symbol"));
                    return;
                };
                let filled_before = order.filled_qty().as_decimal();
                match OrderFields::of_cancel(&resp).report(&meta, self.account_id, self.now_nanos())
                {
                    Ok(report) => {
                        // Fills Binance made before the cancel that the node has not seen.
                        let fills = if resp.executed_qty > filled_before {
                            self.fills_of(&symbol, resp.order_id, id, &meta).await
                        } else {
                            Vec::new()
                        };
                        out.updates.push(VenueUpdate::Order { report, fills });
                    }
                    Err(e) => out.fail(OpError::internal(e.to_string())),
                }
            }
            Err(e) if e.is_unknown_outcome() => self.resolve(order, Action::Cancel, &e, out).await,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Cancel,
                    reason: refusal_reason(&e),
                });
                out.fail(op_error(&e, &format!("cancel of order {id}")));
                // Learn why (filled meanwhile, canceled elsewhere...).
                if let Ok(Some(u)) = self.query(order).await {
                    out.updates.push(u);
                }
            }
        }
    }

    async fn fills_of(
        &self,
        symbol: &str,
        order_id: i64,
        id: ClientOrderId,
        meta: &SymbolMeta,
    ) -> Vec<nautilus_model::reports::FillReport> {
        let Ok(trades) = self.rest.my_trades(symbol, Some(order_id)).await else {
            return Vec::new();
        };
        let now = self.now_nanos();
        trades
            .iter()
            .filter_map(|t| {
                FillFields::of_trade(t, Some(id.as_str()))
                    .report(meta, self.account_id, now)
                    .ok()
            })
            .collect()
    }

    async fn amend(&self, order: &OrderAny, quantity: Quantity, out: &mut Executed) {
        let id = order.client_order_id();
        let symbol = symbol_of(&order.instrument_id());
        match self
            .rest
            .amend_order_keep_priority(&symbol, id.as_str(), quantity.as_decimal(), None)
            .await
        {
            Ok(resp) => {
                let Some(meta) = self.meta(&resp.amended_order.symbol) else {
                    out.fail(OpError::internal("amend answer for an unknown symbol"));
                    return;
                };
                match OrderFields::of_amend(&resp.amended_order, resp.transact_time).report(
                    &meta,
                    self.account_id,
                    self.now_nanos(),
                ) {
                    Ok(mut report) => {
                        // The amend answer carries no trigger price: keep the order's.
                        report.trigger_price = order.trigger_price();
                        out.updates.push(VenueUpdate::Order {
                            report,
                            fills: Vec::new(),
                        });
                    }
                    Err(e) => out.fail(OpError::internal(e.to_string())),
                }
            }
            Err(e) if e.is_unknown_outcome() => self.resolve(order, Action::Modify, &e, out).await,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Modify,
                    reason: refusal_reason(&e),
                });
                out.fail(op_error(&e, &format!("amend of order {id}")));
            }
        }
    }

    async fn replace(&self, old: &OrderAny, new: &OrderAny, out: &mut Executed) {
        let old_id = old.client_order_id();
        let new_id = new.client_order_id();
        let request = match Self::new_order(new) {
            Ok(r) => r,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: old_id,
                    action: Action::Cancel,
                    reason: e.message.clone(),
                });
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: new_id,
                    action: Action::Submit,
                    reason: e.message.clone(),
                });
                out.fail(e);
                return;
            }
        };
        let symbol = symbol_of(&old.instrument_id());
        let Some(meta) = self.meta(&symbol) else {
            out.fail(OpError::internal(
                "replace of an order on an unknown symbol",
            ));
            return;
        };
        match self
            .rest
            .cancel_replace(old_id.as_str(), CancelReplaceMode::StopOnFailure, &request)
            .await
        {
            Ok(resp) => {
                let now = self.now_nanos();
                match &resp.cancel_response {
                    Some(CancelReplaceLeg::Ok(c)) => {
                        if let Ok(report) =
                            OrderFields::of_cancel(c).report(&meta, self.account_id, now)
                        {
                            out.updates.push(VenueUpdate::Order {
                                report,
                                fills: Vec::new(),
                            });
                        }
                    }
                    Some(CancelReplaceLeg::Error(b)) => {
                        out.updates.push(VenueUpdate::Refused {
                            client_order_id: old_id,
                            action: Action::Cancel,
                            reason: format!("Binance {}: {}", b.code, b.msg),
                        });
                    }
                    None => {}
                }
                match &resp.new_order_response {
                    Some(CancelReplaceLeg::Ok(r)) => {
                        let report =
                            OrderFields::of_response(r).report(&meta, self.account_id, now);
                        let fills: Result<Vec<_>, _> = FillFields::of_response(r)
                            .iter()
                            .map(|f| f.report(&meta, self.account_id, now))
                            .collect();
                        if let (Ok(report), Ok(fills)) = (report, fills) {
                            out.updates.push(VenueUpdate::Order { report, fills });
                        }
                    }
                    Some(CancelReplaceLeg::Error(b)) => {
                        out.updates.push(VenueUpdate::Refused {
                            client_order_id: new_id,
                            action: Action::Submit,
                            reason: format!("Binance {}: {}", b.code, b.msg),
                        });
                    }
                    None => out.updates.push(VenueUpdate::Refused {
                        client_order_id: new_id,
                        action: Action::Submit,
                        reason: format!("not placed: the cancel of {old_id} failed"),
                    }),
                }
                if let Some(b) = &resp.error {
                    let e = BinanceError::Rejected {
                        code: b.code,
                        msg: b.msg.clone(),
                    };
                    out.fail(op_error(&e, &format!("cancel-replace of order {old_id}")));
                }
            }
            Err(e) if e.is_unknown_outcome() => {
                self.resolve(old, Action::Cancel, &e, out).await;
                self.resolve(new, Action::Submit, &e, out).await;
            }
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: old_id,
                    action: Action::Cancel,
                    reason: refusal_reason(&e),
                });
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: new_id,
                    action: Action::Submit,
                    reason: refusal_reason(&e),
                });
                out.fail(op_error(&e, &format!("cancel-replace of order {old_id}")));
            }
        }
    }

    async fn cancel_all(
        &self,
        instrument_id: InstrumentId,
        orders: &[OrderAny],
        out: &mut Executed,
    ) {
        let symbol = symbol_of(&instrument_id);
        let Some(meta) = self.meta(&symbol) else {
            out.fail(OpError::internal("cancel-all on an unknown symbol"));
            return;
        };
        match self.rest.cancel_open_orders(&symbol).await {
            Ok(canceled) => {
                let now = self.now_nanos();
                let mut seen = BTreeSet::new();
                for c in &canceled {
                    let reports: Vec<&super::model::CancelOrderResponse> = match c {
                        CanceledOpenOrder::Order(o) => vec![o],
                        CanceledOpenOrder::List(l) => l.order_reports.iter().collect(),
                    };
                    for r in reports {
                        seen.insert(r.orig_client_order_id.clone());
                        if let Ok(report) =
                            OrderFields::of_cancel(r).report(&meta, self.account_id, now)
                        {
                            let fills = match orders
                                .iter()
                                .find(|o| o.client_order_id().as_str() == r.orig_client_order_id)
                            {
                                Some(o) if r.executed_qty > o.filled_qty().as_decimal() => {
                                    self.fills_of(&symbol, r.order_id, o.client_order_id(), &meta)
                                        .await
                                }
                                _ => Vec::new(),
                            };
                            out.updates.push(VenueUpdate::Order { report, fills });
                        }
                    }
                }
                // Orders the node thought open that Binance did not cancel ended otherwise.
                for o in orders {
                    if !seen.contains(o.client_order_id().as_str()) {
                        self.settle_after_cancel(o, out).await;
                    }
                }
            }
            Err(e) if is_code(&e, -2011) => {
                for o in orders {
                    self.settle_after_cancel(o, out).await;
                }
            }
            Err(e) if e.is_unknown_outcome() => {
                for o in orders {
                    self.resolve(o, Action::Cancel, &e, out).await;
                }
            }
            Err(e) => {
                for o in orders {
                    out.updates.push(VenueUpdate::Refused {
                        client_order_id: o.client_order_id(),
                        action: Action::Cancel,
                        reason: refusal_reason(&e),
                    });
                }
                out.fail(op_error(
                    &e,
                    &format!("cancel of every order on {instrument_id}"),
                ));
            }
        }
    }

    async fn settle_after_cancel(&self, order: &OrderAny, out: &mut Executed) {
        match self.query(order).await {
            Ok(Some(u)) => {
                if let VenueUpdate::Order { report, .. } = &u
                    && matches!(
                        report.order_status,
                        nautilus_model::enums::OrderStatus::Accepted
                            | nautilus_model::enums::OrderStatus::PartiallyFilled
                            | nautilus_model::enums::OrderStatus::Triggered
                    )
                {
                    out.updates.push(VenueUpdate::Refused {
                        client_order_id: order.client_order_id(),
                        action: Action::Cancel,
                        reason: "Binance did not cancel it".into(),
                    });
                }
                out.updates.push(u);
            }
            Ok(None) => out.updates.push(VenueUpdate::Unknown {
                client_order_id: order.client_order_id(),
                final_: !self.can_still_arrive(order),
            }),
            Err(e) => out.fail(e),
        }
    }

    // -----------------------------------------------------------------------------------------
    // User data stream
    // -----------------------------------------------------------------------------------------

    /// Starts the user data stream (WebSocket API); events arrive on the receiver.
    #[must_use]
    pub fn user_stream(&self) -> (UserDataStream, tokio::sync::mpsc::Receiver<StreamEvent>) {
        let mut cfg = UserStreamConfig::new(
            self.endpoints.ws_api.clone(),
            self.keys.api_key.clone(),
            self.keys.secret.clone(),
            self.rest.clock(),
        );
        cfg.recv_window_ms = self.recv_window_ms;
        UserDataStream::start(cfg)
    }

    /// The updates a user data event means.
    #[must_use]
    pub fn updates_of(&self, event: &UserEvent) -> Vec<VenueUpdate> {
        let now = self.now_nanos();
        match event {
            UserEvent::ExecutionReport(r) => {
                let Some(meta) = self.meta(&r.symbol) else {
                    return Vec::new();
                };
                let report = match OrderFields::of_execution(r).report(&meta, self.account_id, now)
                {
                    Ok(r) => r,
                    Err(e) => {
                        tracing::warn!(error = %e, "binance: unreadable execution report");
                        return Vec::new();
                    }
                };
                let fills = FillFields::of_execution(r)
                    .and_then(|f| f.report(&meta, self.account_id, now).ok())
                    .into_iter()
                    .collect();
                vec![VenueUpdate::Order { report, fills }]
            }
            UserEvent::AccountPosition(p) => {
                match account_state_from_position(p, self.account_id, now) {
                    Ok(state) => vec![VenueUpdate::Account {
                        state,
                        complete: false,
                    }],
                    Err(e) => {
                        tracing::warn!(error = %e, "binance: unreadable account position");
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Market data
    // -----------------------------------------------------------------------------------------

    fn require_meta(&self, id: &InstrumentId) -> OpResult<SymbolMeta> {
        self.meta(&symbol_of(id)).ok_or_else(|| {
            OpError::not_found("instrument", id)
                .with_details(json!({ "hint": "connect the venue to load its instruments" }))
        })
    }

    /// The order book (`depth` levels a side; Binance allows 5 to 5000).
    pub async fn book(&self, instrument_id: InstrumentId, depth: u32) -> OpResult<BookSnapshot> {
        let meta = self.require_meta(&instrument_id)?;
        let d = self
            .rest
            .depth(&symbol_of(&instrument_id), Some(depth.clamp(1, 5000)))
            .await
            .map_err(|e| op_error(&e, "reading the order book at Binance"))?;
        let level = |l: &super::model::Level| -> OpResult<BookLevel> {
            Ok(BookLevel {
                price: price(&meta, l.price())?,
                size: qty(&meta, l.qty())?,
            })
        };
        Ok(BookSnapshot {
            instrument_id,
            bids: d
                .bids
                .iter()
                .take(depth as usize)
                .map(level)
                .collect::<OpResult<_>>()?,
            asks: d
                .asks
                .iter()
                .take(depth as usize)
                .map(level)
                .collect::<OpResult<_>>()?,
            update_id: d.last_update_id,
            ts: self.now_nanos().as_u64(),
        })
    }

    /// The 24-hour ticker with the best bid and ask.
    pub async fn ticker(&self, instrument_id: InstrumentId) -> OpResult<TickerSnapshot> {
        let meta = self.require_meta(&instrument_id)?;
        let t = self
            .rest
            .ticker_24hr(&symbol_of(&instrument_id))
            .await
            .map_err(|e| op_error(&e, "reading the ticker at Binance"))?;
        Ok(TickerSnapshot {
            instrument_id,
            bid: price(&meta, t.bid_price)?,
            bid_size: qty(&meta, t.bid_qty)?,
            ask: price(&meta, t.ask_price)?,
            ask_size: qty(&meta, t.ask_qty)?,
            last: price(&meta, t.last_price)?,
            open: price(&meta, t.open_price)?,
            high: price(&meta, t.high_price)?,
            low: price(&meta, t.low_price)?,
            volume: qty(&meta, t.volume)?,
            quote_volume: t.quote_volume,
            change_percent: t.price_change_percent,
            trades: t.count,
            open_time: super::mapping::ms_to_nanos(t.open_time).as_u64(),
            close_time: super::mapping::ms_to_nanos(t.close_time).as_u64(),
        })
    }

    /// The most recent public trades, oldest first.
    pub async fn trades(
        &self,
        instrument_id: InstrumentId,
        limit: u32,
    ) -> OpResult<Vec<TradeTick>> {
        let meta = self.require_meta(&instrument_id)?;
        let rows = self
            .rest
            .trades(&symbol_of(&instrument_id), Some(limit.clamp(1, 1000)))
            .await
            .map_err(|e| op_error(&e, "reading trades at Binance"))?;
        rows.iter()
            .map(|t| {
                let ts = super::mapping::ms_to_nanos(t.time);
                Ok(TradeTick::new(
                    instrument_id,
                    price(&meta, t.price)?,
                    qty(&meta, t.qty)?,
                    if t.is_buyer_maker {
                        AggressorSide::Seller
                    } else {
                        AggressorSide::Buyer
                    },
                    TradeId::new_checked(t.id.to_string()).map_err(OpError::internal)?,
                    ts,
                    ts,
                ))
            })
            .collect()
    }

    /// Closed bars of an instrument from its klines (see [`read_klines`] for the range rules),
    /// with prices and volumes at the instrument's precision.
    pub async fn bars(
        &self,
        instrument_id: InstrumentId,
        spec: BarSpecification,
        start_ms: Option<i64>,
        end_ms: Option<i64>,
        limit: usize,
    ) -> OpResult<VenueBars> {
        let meta = self.require_meta(&instrument_id)?;
        let interval = kline_interval(&spec)?;
        let bar_type = BarType::new(instrument_id, spec, AggregationSource::External);
        let symbol = symbol_of(&instrument_id);
        let now = self.rest.clock().now_ms();
        let pages = read_klines(start_ms, end_ms, limit, now, |start, end, n| {
            let limit = u32::try_from(n).unwrap_or(1);
            self.rest.klines(&symbol, interval, start, end, Some(limit))
        })
        .await
        .map_err(|e| op_error(&e, "reading bars (klines) at Binance"))?;
        let bars = pages
            .klines
            .iter()
            .map(|k| {
                // A bar is stamped with its close: the next kline's open.
                let ts = super::mapping::ms_to_nanos(k.close_time + 1);
                Bar::new_checked(
                    bar_type,
                    price(&meta, k.open)?,
                    price(&meta, k.high)?,
                    price(&meta, k.low)?,
                    price(&meta, k.close)?,
                    qty(&meta, k.volume)?,
                    ts,
                    ts,
                )
                .map_err(|e| {
                    OpError::new(
                        Code::VenueUnavailable,
                        format!(
                            "Binance sent an inconsistent kline opening at {} ms: {e}",
                            k.open_time
                        ),
                    )
                })
            })
            .collect::<OpResult<Vec<Bar>>>()?;
        Ok(VenueBars {
            bar_type,
            interval: interval.to_string(),
            price_precision: meta.price_precision,
            size_precision: meta.size_precision,
            bars,
            truncated: pages.truncated,
            requests: pages.requests,
            open_left_out: pages.open_left_out,
        })
    }
}

fn price(meta: &SymbolMeta, d: Decimal) -> OpResult<Price> {
    Price::from_decimal_dp(
        d.round_dp(u32::from(meta.price_precision)),
        meta.price_precision,
    )
    .map_err(|e| OpError::internal(format!("price from Binance: {e}")))
}

fn qty(meta: &SymbolMeta, d: Decimal) -> OpResult<Quantity> {
    Quantity::from_decimal_dp(
        d.round_dp(u32::from(meta.size_precision)),
        meta.size_precision,
    )
    .map_err(|e| OpError::internal(format!("quantity from Binance: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_mode_and_overrides() {
        let e = Endpoints::resolve(VenueMode::Testnet, None);
        assert_eq!(e.rest, TESTNET_REST_URL);
        let e = Endpoints::resolve(VenueMode::Live, None);
        assert_eq!(e.rest, LIVE_REST_URL);
        let cfg = VenueConfig {
            base_url: Some("http://127.0.0.1:9".into()),
            ..VenueConfig::default()
        };
        let e = Endpoints::resolve(VenueMode::Live, Some(&cfg));
        assert_eq!(e.rest, "http://127.0.0.1:9");
        assert_eq!(e.ws_api, LIVE_WS_API_URL);
    }

    #[test]
    fn errors_are_classified() {
        let e = op_error(
            &BinanceError::Rejected {
                code: -2010,
                msg: "Account has insufficient balance for requested action.".into(),
            },
            "order X",
        );
        assert_eq!(e.code, Code::OrderRejected);
        assert_eq!(e.category, crate::error::Category::Trading);
        assert!(e.message.contains("-2010"), "{}", e.message);
        assert_eq!(e.details.as_ref().unwrap()["venue_code"], -2010);
        let e = op_error(&BinanceError::Timeout, "order X");
        assert_eq!(e.category, crate::error::Category::System);
        let e = op_error(
            &BinanceError::RateLimited {
                retry_after: Duration::from_secs(3),
            },
            "x",
        );
        assert_eq!(e.code, Code::RateLimited);
    }
}
