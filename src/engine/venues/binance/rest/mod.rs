//! [`BinanceRest`]: async JSON client for the Binance Spot REST API (`/api/v3`).
//!
//! * Signed requests carry `recvWindow` and a `timestamp` from the shared [`ServerClock`]
//!   (synced by [`BinanceRest::sync_time`]); the percent-encoded parameter string is built once,
//!   signed (HMAC-SHA256 or Ed25519, by the key: see [`Signer`]), and sent as is with
//!   `&signature=` appended: in the query string for `GET`/`DELETE`, in an
//!   `application/x-www-form-urlencoded` body for `POST`/`PUT`.
//! * Rate limits: after every response the `X-MBX-USED-WEIGHT-*` and `X-MBX-ORDER-COUNT-*`
//!   headers are read; when a window is above [`BinanceRestConfig::throttle_ratio`] of its limit
//!   (limits from `exchangeInfo.rateLimits`, defaults 6000 weight/1m, 100 orders/10s,
//!   200000 orders/1d) the next request waits for the window to roll over. HTTP 429 sleeps for
//!   `Retry-After` and retries (bounded); 418 returns [`BinanceError::Banned`] at once.
//! * `-1021` (timestamp outside recvWindow): the clock is resynced and the request retried once.
//!
//! Here: the configuration, the order request, the rate limiter and the transport; the
//! endpoints, one method each, are in [`endpoints`].

mod endpoints;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use super::clock::ServerClock;
use super::error::BinanceError;
use super::model::{
    ApiErrorBody, OrderSide, OrderType, RateLimit, RateLimitInterval, RateLimitType, TimeInForce,
};
use super::signing::{Params, Signer, encode_value};
use crate::engine::venues::credentials::Secret;

/// Binance Spot live REST base URL.
pub const LIVE_REST_URL: &str = "https://api.binance.com";
/// Binance Spot testnet REST base URL.
pub const TESTNET_REST_URL: &str = "https://testnet.binance.vision";

/// Configuration of [`BinanceRest`]. `Debug` prints `***` for the key and the secret.
#[derive(Debug, Clone)]
pub struct BinanceRestConfig {
    /// Base URL without a trailing slash, e.g. [`LIVE_REST_URL`].
    pub base_url: String,
    /// API key (sent as `X-MBX-APIKEY`).
    pub api_key: Secret,
    /// API secret: an HMAC key, or a PEM PKCS#8 Ed25519 private key.
    pub secret: Secret,
    /// `recvWindow` for signed requests, ms (Binance's default is 5000, maximum 60000).
    pub recv_window_ms: u64,
    /// Whole-request timeout; past it the outcome is unknown ([`BinanceError::Timeout`]).
    pub timeout: Duration,
    /// How many times a 429 is retried (after sleeping `Retry-After`) before giving up.
    pub max_429_retries: u32,
    /// Fraction of a rate limit above which requests wait for the window to roll over.
    pub throttle_ratio: f64,
    /// Longest throttle wait; a longer one returns [`BinanceError::RateLimited`] instead.
    pub max_throttle_wait: Duration,
}

impl BinanceRestConfig {
    /// A configuration for `base_url` with the given credentials and defaults elsewhere
    /// (recvWindow 5000 ms, timeout 10 s, 3 retries on 429, throttle at 80 %, wait ≤ 60 s).
    pub fn new(base_url: impl Into<String>, api_key: Secret, secret: Secret) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            api_key,
            secret,
            recv_window_ms: 5_000,
            timeout: Duration::from_secs(10),
            max_429_retries: 3,
            throttle_ratio: 0.8,
            max_throttle_wait: Duration::from_secs(60),
        }
    }

    /// Live Binance Spot.
    pub fn live(api_key: Secret, secret: Secret) -> Self {
        Self::new(LIVE_REST_URL, api_key, secret)
    }

    /// Binance Spot testnet.
    pub fn testnet(api_key: Secret, secret: Secret) -> Self {
        Self::new(TESTNET_REST_URL, api_key, secret)
    }
}

/// A new order (`POST /api/v3/order`). Build with [`NewOrder::limit`], [`NewOrder::market`],
/// ...; responses are always requested as `FULL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    /// Symbol.
    pub symbol: String,
    /// Side.
    pub side: OrderSide,
    /// Type.
    pub order_type: OrderType,
    /// Time in force (limit types).
    pub time_in_force: Option<TimeInForce>,
    /// Base quantity.
    pub quantity: Option<Decimal>,
    /// Quote quantity (market orders).
    pub quote_order_qty: Option<Decimal>,
    /// Limit price.
    pub price: Option<Decimal>,
    /// Stop price (stop / take-profit types).
    pub stop_price: Option<Decimal>,
    /// Trailing stops: the move (BIPS) from the best price since placement that triggers it.
    pub trailing_delta: Option<u32>,
    /// Client order id (`newClientOrderId`); Binance generates one when absent.
    pub new_client_order_id: Option<String>,
}

impl NewOrder {
    fn base(symbol: &str, side: OrderSide, order_type: OrderType) -> Self {
        Self {
            symbol: symbol.to_string(),
            side,
            order_type,
            time_in_force: None,
            quantity: None,
            quote_order_qty: None,
            price: None,
            stop_price: None,
            trailing_delta: None,
            new_client_order_id: None,
        }
    }

    /// `STOP_LOSS` trailing stop: a market order once the price moves `trailing_delta` BIPS
    /// against the best price since placement (it starts tracking at once: no stop price).
    pub fn trailing_stop_loss(
        symbol: &str,
        side: OrderSide,
        quantity: Decimal,
        trailing_delta: u32,
    ) -> Self {
        Self {
            quantity: Some(quantity),
            trailing_delta: Some(trailing_delta),
            ..Self::base(symbol, side, OrderType::StopLoss)
        }
    }

    /// `LIMIT` order.
    pub fn limit(
        symbol: &str,
        side: OrderSide,
        quantity: Decimal,
        price: Decimal,
        tif: TimeInForce,
    ) -> Self {
        Self {
            time_in_force: Some(tif),
            quantity: Some(quantity),
            price: Some(price),
            ..Self::base(symbol, side, OrderType::Limit)
        }
    }

    /// `LIMIT_MAKER` (post-only) order.
    pub fn limit_maker(symbol: &str, side: OrderSide, quantity: Decimal, price: Decimal) -> Self {
        Self {
            quantity: Some(quantity),
            price: Some(price),
            ..Self::base(symbol, side, OrderType::LimitMaker)
        }
    }

    /// `MARKET` order for a base quantity.
    pub fn market(symbol: &str, side: OrderSide, quantity: Decimal) -> Self {
        Self {
            quantity: Some(quantity),
            ..Self::base(symbol, side, OrderType::Market)
        }
    }

    /// `STOP_LOSS_LIMIT` order.
    pub fn stop_loss_limit(
        symbol: &str,
        side: OrderSide,
        quantity: Decimal,
        price: Decimal,
        stop_price: Decimal,
        tif: TimeInForce,
    ) -> Self {
        Self {
            time_in_force: Some(tif),
            quantity: Some(quantity),
            price: Some(price),
            stop_price: Some(stop_price),
            ..Self::base(symbol, side, OrderType::StopLossLimit)
        }
    }

    /// `TAKE_PROFIT_LIMIT` order.
    pub fn take_profit_limit(
        symbol: &str,
        side: OrderSide,
        quantity: Decimal,
        price: Decimal,
        stop_price: Decimal,
        tif: TimeInForce,
    ) -> Self {
        Self {
            time_in_force: Some(tif),
            quantity: Some(quantity),
            price: Some(price),
            stop_price: Some(stop_price),
            ..Self::base(symbol, side, OrderType::TakeProfitLimit)
        }
    }

    /// Sets the client order id.
    pub fn with_client_order_id(mut self, id: impl Into<String>) -> Self {
        self.new_client_order_id = Some(id.into());
        self
    }

    fn push_order_params(&self, p: &mut Params) {
        p.push("side", self.side.as_str())
            .push("type", self.order_type.as_str())
            .push_opt("timeInForce", self.time_in_force.map(|t| t.as_str()))
            .push_opt("quantity", self.quantity.map(fmt_decimal))
            .push_opt("quoteOrderQty", self.quote_order_qty.map(fmt_decimal))
            .push_opt("price", self.price.map(fmt_decimal))
            .push_opt("stopPrice", self.stop_price.map(fmt_decimal))
            .push_opt("trailingDelta", self.trailing_delta)
            .push_opt("newClientOrderId", self.new_client_order_id.as_deref())
            .push("newOrderRespType", "FULL");
    }
}

/// `cancelReplaceMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelReplaceMode {
    /// Do not place the new order if the cancel fails.
    StopOnFailure,
    /// Place the new order even if the cancel fails.
    AllowFailure,
}

impl CancelReplaceMode {
    fn as_str(&self) -> &'static str {
        match self {
            Self::StopOnFailure => "STOP_ON_FAILURE",
            Self::AllowFailure => "ALLOW_FAILURE",
        }
    }
}

/// Formats a decimal without trailing zeros (what Binance expects in parameters).
pub fn fmt_decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    Public,
    Signed,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    limit: u64,
    interval_ms: i64,
    used: u64,
    window_start: i64,
}

#[derive(Debug)]
struct Limiter {
    weight: HashMap<String, Window>,
    orders: HashMap<String, Window>,
    blocked_until: Option<Instant>,
    banned_until: Option<Instant>,
}

impl Limiter {
    fn new() -> Self {
        let mut l = Self {
            weight: HashMap::new(),
            orders: HashMap::new(),
            blocked_until: None,
            banned_until: None,
        };
        l.set_limits(&[
            RateLimit {
                rate_limit_type: RateLimitType::RequestWeight,
                interval: RateLimitInterval::Minute,
                interval_num: 1,
                limit: 6000,
                count: None,
            },
            RateLimit {
                rate_limit_type: RateLimitType::Orders,
                interval: RateLimitInterval::Second,
                interval_num: 10,
                limit: 100,
                count: None,
            },
            RateLimit {
                rate_limit_type: RateLimitType::Orders,
                interval: RateLimitInterval::Day,
                interval_num: 1,
                limit: 200_000,
                count: None,
            },
        ]);
        l
    }

    fn set_limits(&mut self, limits: &[RateLimit]) {
        let mut weight = HashMap::new();
        let mut orders = HashMap::new();
        for rl in limits {
            let w = Window {
                limit: rl.limit,
                interval_ms: rl.interval_ms(),
                used: 0,
                window_start: i64::MIN,
            };
            match rl.rate_limit_type {
                RateLimitType::RequestWeight => {
                    weight.insert(rl.header_suffix(), w);
                }
                RateLimitType::Orders => {
                    orders.insert(rl.header_suffix(), w);
                }
                _ => {}
            }
        }
        if !weight.is_empty() {
            self.weight = weight;
        }
        if !orders.is_empty() {
            self.orders = orders;
        }
    }

    fn observe(&mut self, headers: &HeaderMap, server_now: i64) {
        for (name, value) in headers {
            let name = name.as_str();
            let (map, suffix) = if let Some(s) = name.strip_prefix("x-mbx-used-weight-") {
                (&mut self.weight, s)
            } else if let Some(s) = name.strip_prefix("x-mbx-order-count-") {
                (&mut self.orders, s)
            } else {
                continue;
            };
            let Some(used) = value
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
            else {
                continue;
            };
            if let Some(w) = map.get_mut(&suffix.to_ascii_lowercase()) {
                w.used = used;
                w.window_start = server_now.div_euclid(w.interval_ms) * w.interval_ms;
            }
        }
    }

    /// How long to wait before a request may go out (0 when it may go now).
    fn wait(&self, is_order: bool, server_now: i64, ratio: f64) -> Duration {
        let mut wait_ms: i64 = 0;
        let mut check = |w: &Window| {
            let current = server_now.div_euclid(w.interval_ms) * w.interval_ms;
            #[allow(clippy::cast_precision_loss)]
            let threshold = (w.limit as f64 * ratio).floor() as u64;
            if current == w.window_start && w.used >= threshold.max(1) {
                // Wait for the next window, plus a small margin for clock error.
                wait_ms = wait_ms.max(w.window_start + w.interval_ms - server_now + 50);
            }
        };
        self.weight.values().for_each(&mut check);
        if is_order {
            self.orders.values().for_each(&mut check);
        }
        let mut wait = Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0));
        if let Some(until) = self.blocked_until {
            wait = wait.max(until.saturating_duration_since(Instant::now()));
        }
        wait
    }
}

/// Async client for the Binance Spot REST API. Share it behind an `Arc`.
#[derive(Debug)]
pub struct BinanceRest {
    cfg: BinanceRestConfig,
    http: reqwest::Client,
    clock: ServerClock,
    limiter: Mutex<Limiter>,
    api_key_header: HeaderValue,
    signer: Signer,
}

fn retry_after(headers: &HeaderMap) -> Duration {
    headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(Duration::from_secs(1), Duration::from_secs)
}

/// Describes a transport error without its URL (which holds the signature) and its chain.
fn describe(err: &reqwest::Error) -> String {
    let mut text = String::new();
    // reqwest's own Display includes the URL (and so the signature): describe the error by its
    // kind and its inner causes only.
    if err.is_connect() {
        text.push_str("connect failed");
    } else if err.is_body() || err.is_decode() {
        text.push_str("error reading the response body");
    } else if err.is_request() {
        text.push_str("error sending the request");
    } else {
        text.push_str("transport error");
    }
    // Add the inner causes (hyper / io), which never contain the URL.
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

impl BinanceRest {
    /// A client with a fresh [`ServerClock`] (offset 0 until [`Self::sync_time`]).
    pub fn new(cfg: BinanceRestConfig) -> Result<Self, BinanceError> {
        Self::with_clock(cfg, ServerClock::new())
    }

    /// A client using (and updating) `clock`, e.g. one shared with the WebSocket client.
    pub fn with_clock(cfg: BinanceRestConfig, clock: ServerClock) -> Result<Self, BinanceError> {
        if !(cfg.base_url.starts_with("http://") || cfg.base_url.starts_with("https://")) {
            return Err(BinanceError::Config(format!(
                "base URL must start with http:// or https://: {}",
                cfg.base_url
            )));
        }
        let mut api_key_header = HeaderValue::from_str(cfg.api_key.expose())
            .map_err(|_| BinanceError::Config("API key is not a valid header value".into()))?;
        api_key_header.set_sensitive(true);
        let http = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| BinanceError::Config(describe(&e)))?;
        let signer = Signer::from_secret(&cfg.secret).map_err(BinanceError::Config)?;
        Ok(Self {
            cfg,
            http,
            clock,
            limiter: Mutex::new(Limiter::new()),
            api_key_header,
            signer,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &BinanceRestConfig {
        &self.cfg
    }

    /// The shared server clock.
    pub fn clock(&self) -> ServerClock {
        self.clock.clone()
    }

    /// Replaces the rate limits (normally taken from `exchangeInfo`).
    pub fn set_rate_limits(&self, limits: &[RateLimit]) {
        if let Ok(mut l) = self.limiter.lock() {
            l.set_limits(limits);
        }
    }

    async fn throttle(&self, is_order: bool) -> Result<(), BinanceError> {
        let wait = {
            let l = self
                .limiter
                .lock()
                .map_err(|_| BinanceError::Config("limiter poisoned".into()))?;
            if let Some(until) = l.banned_until {
                let left = until.saturating_duration_since(Instant::now());
                if !left.is_zero() {
                    // Still banned (418): do not send anything.
                    return Err(BinanceError::Banned { retry_after: left });
                }
            }
            l.wait(is_order, self.clock.now_ms(), self.cfg.throttle_ratio)
        };
        if wait.is_zero() {
            return Ok(());
        }
        if wait > self.cfg.max_throttle_wait {
            return Err(BinanceError::RateLimited { retry_after: wait });
        }
        tracing::info!(
            wait_ms = wait.as_millis() as u64,
            "binance: rate limit near, waiting"
        );
        tokio::time::sleep(wait).await;
        Ok(())
    }

    fn signed_payload(&self, params: &Params) -> String {
        let mut p = params.clone();
        p.push("recvWindow", self.cfg.recv_window_ms)
            .push("timestamp", self.clock.now_ms());
        let encoded = p.encode();
        // Hex (HMAC) needs no encoding; base64 (Ed25519) has '+', '/' and '='.
        let signature = encode_value(&self.signer.sign(&encoded));
        format!("{encoded}&signature={signature}")
    }

    /// Sends a request (with retries) and returns the status and body of a response that is
    /// either 2xx or, when `keep_data_errors`, a 4xx carrying a `data` object.
    async fn execute(
        &self,
        method: Method,
        path: &str,
        params: &Params,
        security: Security,
        is_order: bool,
        keep_data_errors: bool,
    ) -> Result<(StatusCode, Vec<u8>), BinanceError> {
        let url = format!("{}{}", self.cfg.base_url, path);
        let mut retries_429 = 0u32;
        let mut resynced = false;
        loop {
            self.throttle(is_order).await?;
            let payload = match security {
                Security::Signed => self.signed_payload(params),
                Security::Public => params.encode(),
            };
            let in_body =
                security == Security::Signed && (method == Method::POST || method == Method::PUT);
            let mut req = if in_body {
                self.http
                    .request(method.clone(), &url)
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(payload)
            } else if payload.is_empty() {
                self.http.request(method.clone(), &url)
            } else {
                self.http
                    .request(method.clone(), format!("{url}?{payload}"))
            };
            if security == Security::Signed {
                req = req.header("X-MBX-APIKEY", self.api_key_header.clone());
            }
            let started = Instant::now();
            let resp = match req.send().await {
                Ok(r) => r,
                Err(e) => return Err(self.transport_error(&e, path)),
            };
            let status = resp.status();
            let headers = resp.headers().clone();
            if let Ok(mut l) = self.limiter.lock() {
                l.observe(&headers, self.clock.now_ms());
            }
            let body = match resp.bytes().await {
                Ok(b) => b.to_vec(),
                Err(e) => return Err(self.transport_error(&e, path)),
            };
            tracing::debug!(
                method = %method,
                path,
                status = status.as_u16(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "binance request"
            );
            if status.is_success() {
                return Ok((status, body));
            }
            let err_body: Option<ApiErrorBody> = serde_json::from_slice(&body).ok();
            match status.as_u16() {
                429 => {
                    let wait = retry_after(&headers);
                    if let Ok(mut l) = self.limiter.lock() {
                        l.blocked_until = Some(Instant::now() + wait);
                    }
                    if retries_429 < self.cfg.max_429_retries {
                        retries_429 += 1;
                        tracing::warn!(
                            path,
                            retry_after_s = wait.as_secs(),
                            attempt = retries_429,
                            "binance: HTTP 429, backing off"
                        );
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(BinanceError::RateLimited { retry_after: wait });
                }
                418 => {
                    let wait = retry_after(&headers);
                    if let Ok(mut l) = self.limiter.lock() {
                        l.banned_until = Some(Instant::now() + wait);
                    }
                    tracing::error!(
                        path,
                        retry_after_s = wait.as_secs(),
                        "binance: IP banned (418)"
                    );
                    return Err(BinanceError::Banned { retry_after: wait });
                }
                s if s >= 500 => {
                    let msg = err_body.map_or_else(
                        || {
                            status
                                .canonical_reason()
                                .unwrap_or("server error")
                                .to_string()
                        },
                        |b| b.msg,
                    );
                    return Err(BinanceError::Server { status: s, msg });
                }
                s => {
                    if keep_data_errors
                        && serde_json::from_slice::<serde_json::Value>(&body)
                            .ok()
                            .is_some_and(|v| v.get("data").is_some_and(|d| d.is_object()))
                    {
                        return Ok((status, body));
                    }
                    let Some(ApiErrorBody { code, msg }) = err_body else {
                        return Err(BinanceError::Rejected {
                            code: 0,
                            msg: format!("HTTP {s} without a Binance error body"),
                        });
                    };
                    if code == -1021 && security == Security::Signed && !resynced {
                        resynced = true;
                        tracing::warn!(
                            path,
                            "binance: -1021 timestamp outside recvWindow, resyncing clock"
                        );
                        self.sync_time().await?;
                        continue;
                    }
                    return Err(BinanceError::from_code(s, code, msg));
                }
            }
        }
    }

    fn transport_error(&self, e: &reqwest::Error, path: &str) -> BinanceError {
        // A connect failure (including a connect timeout) means nothing was sent.
        let err = if e.is_connect() || e.is_builder() {
            BinanceError::Network(describe(e))
        } else if e.is_timeout() {
            BinanceError::Timeout
        } else {
            BinanceError::ConnectionLost(describe(e))
        };
        tracing::warn!(path, error = %err, "binance: transport error");
        err
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        params: &Params,
        security: Security,
        is_order: bool,
    ) -> Result<T, BinanceError> {
        let (_, body) = self
            .execute(method, path, params, security, is_order, false)
            .await?;
        serde_json::from_slice(&body).map_err(|e| BinanceError::Decode(format!("{path}: {e}")))
    }

    /// Public `GET` returning JSON.
    pub async fn public_get<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &Params,
    ) -> Result<T, BinanceError> {
        self.call(Method::GET, path, params, Security::Public, false)
            .await
    }

    /// Signed `GET` returning JSON.
    pub async fn signed_get<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &Params,
    ) -> Result<T, BinanceError> {
        self.call(Method::GET, path, params, Security::Signed, false)
            .await
    }

    /// Signed `POST` returning JSON (`is_order`: counts against the order rate limits).
    pub async fn signed_post<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &Params,
        is_order: bool,
    ) -> Result<T, BinanceError> {
        self.call(Method::POST, path, params, Security::Signed, is_order)
            .await
    }

    /// Signed `PUT` returning JSON.
    pub async fn signed_put<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &Params,
    ) -> Result<T, BinanceError> {
        self.call(Method::PUT, path, params, Security::Signed, false)
            .await
    }

    /// Signed `DELETE` returning JSON.
    pub async fn signed_delete<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &Params,
    ) -> Result<T, BinanceError> {
        self.call(Method::DELETE, path, params, Security::Signed, false)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_waits_for_next_window_above_threshold() {
        let mut l = Limiter::new();
        l.set_limits(&[RateLimit {
            rate_limit_type: RateLimitType::Orders,
            interval: RateLimitInterval::Second,
            interval_num: 10,
            limit: 10,
            count: None,
        }]);
        let now = 1_000_003_000; // 3 s into a 10 s window
        let mut h = HeaderMap::new();
        h.insert("x-mbx-order-count-10s", HeaderValue::from_static("8"));
        l.observe(&h, now);
        assert!(l.wait(false, now, 0.8).is_zero());
        let w = l.wait(true, now, 0.8);
        assert!(
            w >= Duration::from_millis(7_000) && w <= Duration::from_millis(7_100),
            "{w:?}"
        );
        // Next window: free again.
        assert!(l.wait(true, now + 7_000, 0.8).is_zero());
    }

    #[test]
    fn config_debug_hides_credentials() {
        let cfg = BinanceRestConfig::live(Secret::new("KEY123"), Secret::new("SECRET456"));
        let s = format!("{cfg:?}");
        assert!(!s.contains("KEY123") && !s.contains("SECRET456"));
    }
}
