//! Binance's REST endpoints, one method each: time, exchange info, account, orders (new,
//! cancel, query, amend, cancel-replace), trades, and the public market data.

use std::time::Instant;

use reqwest::Method;
use rust_decimal::Decimal;

use super::{BinanceRest, CancelReplaceMode, NewOrder, Security, fmt_decimal};
use crate::engine::venues::binance::{
    clock::local_ms,
    error::BinanceError,
    model::{
        AccountInfo, AmendKeepPriorityResponse, ApiErrorBody, BookTicker, CancelOrderResponse,
        CancelReplaceResponse, CanceledOpenOrder, Depth, ExchangeInfo, Kline, MyTrade, Order,
        OrderResponse, OrderTestResponse, PublicTrade, ServerTime, SymbolRules, Ticker24hr,
    },
    signing::Params,
};

impl BinanceRest {
    /// `GET /api/v3/time`.
    pub async fn server_time(&self) -> Result<i64, BinanceError> {
        let t: ServerTime = self.public_get("/api/v3/time", &Params::new()).await?;
        Ok(t.server_time)
    }

    /// Measures the offset to Binance's clock with `GET /api/v3/time` and stores it in the
    /// shared clock; returns the offset (server − local, ms).
    pub async fn sync_time(&self) -> Result<i64, BinanceError> {
        // A plain request (no throttling or retries): `execute` itself calls this on -1021.
        let path = "/api/v3/time";
        if let Ok(l) = self.limiter.lock()
            && let Some(until) = l.banned_until
        {
            let left = until.saturating_duration_since(Instant::now());
            if !left.is_zero() {
                return Err(BinanceError::Banned { retry_after: left });
            }
        }
        let sent = local_ms();
        let resp = self
            .http
            .get(format!("{}{path}", self.cfg.base_url))
            .send()
            .await
            .map_err(|e| self.transport_error(&e, path))?;
        let status = resp.status();
        if let Ok(mut l) = self.limiter.lock() {
            l.observe(resp.headers(), self.clock.now_ms());
        }
        let body = resp
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e, path))?;
        let received = local_ms();
        if !status.is_success() {
            return Err(match serde_json::from_slice::<ApiErrorBody>(&body) {
                Ok(b) if status.as_u16() < 500 => {
                    BinanceError::from_code(status.as_u16(), b.code, b.msg)
                }
                _ => BinanceError::Server {
                    status: status.as_u16(),
                    msg: "time sync failed".into(),
                },
            });
        }
        let server = serde_json::from_slice::<ServerTime>(&body)
            .map_err(|e| BinanceError::Decode(format!("{path}: {e}")))?
            .server_time;
        let offset = self.clock.sync_from(server, sent, received);
        tracing::debug!(offset_ms = offset, "binance: clock synced");
        Ok(offset)
    }

    /// `GET /api/v3/exchangeInfo` for `symbols` (all when `None`). Non-empty `rateLimits` replace
    /// the limiter's limits.
    pub async fn exchange_info(
        &self,
        symbols: Option<&[&str]>,
    ) -> Result<ExchangeInfo, BinanceError> {
        let mut p = Params::new();
        match symbols {
            Some([one]) => {
                p.push("symbol", one);
            }
            Some(many) if !many.is_empty() => {
                let list =
                    serde_json::to_string(many).map_err(|e| BinanceError::Config(e.to_string()))?;
                p.push("symbols", list);
            }
            _ => {}
        }
        let info: ExchangeInfo = self.public_get("/api/v3/exchangeInfo", &p).await?;
        if !info.rate_limits.is_empty() {
            self.set_rate_limits(&info.rate_limits);
        }
        Ok(info)
    }

    /// The [`SymbolRules`] of one symbol (from `exchangeInfo`).
    pub async fn symbol_rules(&self, symbol: &str) -> Result<SymbolRules, BinanceError> {
        let info = self.exchange_info(Some(&[symbol])).await?;
        info.symbol(symbol)
            .map(SymbolRules::from_symbol)
            .ok_or_else(|| BinanceError::Decode(format!("exchangeInfo has no symbol {symbol}")))
    }

    /// `GET /api/v3/account` (zero balances omitted).
    pub async fn account(&self) -> Result<AccountInfo, BinanceError> {
        let mut p = Params::new();
        p.push("omitZeroBalances", "true");
        self.signed_get("/api/v3/account", &p).await
    }

    /// `POST /api/v3/order` with `newOrderRespType=FULL`.
    pub async fn new_order(&self, order: &NewOrder) -> Result<OrderResponse, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", &order.symbol);
        order.push_order_params(&mut p);
        self.signed_post("/api/v3/order", &p, true).await
    }

    /// `POST /api/v3/order/test` with `computeCommissionRates=true`: Binance checks the order
    /// as it would a placement (filters, balance-free rules) and answers the commission rates
    /// it would pay, without placing it.
    pub async fn test_order(&self, order: &NewOrder) -> Result<OrderTestResponse, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", &order.symbol);
        order.push_order_params(&mut p);
        p.push("computeCommissionRates", "true");
        self.signed_post("/api/v3/order/test", &p, false).await
    }

    /// `DELETE /api/v3/order` by client order id.
    pub async fn cancel_order(
        &self,
        symbol: &str,
        orig_client_order_id: &str,
    ) -> Result<CancelOrderResponse, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol)
            .push("origClientOrderId", orig_client_order_id);
        self.signed_delete("/api/v3/order", &p).await
    }

    /// `DELETE /api/v3/order` by venue order id.
    pub async fn cancel_order_by_id(
        &self,
        symbol: &str,
        order_id: i64,
    ) -> Result<CancelOrderResponse, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol).push("orderId", order_id);
        self.signed_delete("/api/v3/order", &p).await
    }

    /// `DELETE /api/v3/openOrders`.
    pub async fn cancel_open_orders(
        &self,
        symbol: &str,
    ) -> Result<Vec<CanceledOpenOrder>, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol);
        self.signed_delete("/api/v3/openOrders", &p).await
    }

    /// `GET /api/v3/order` by client order id (`-2013` when unknown).
    pub async fn query_order(
        &self,
        symbol: &str,
        orig_client_order_id: &str,
    ) -> Result<Order, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol)
            .push("origClientOrderId", orig_client_order_id);
        self.signed_get("/api/v3/order", &p).await
    }

    /// `GET /api/v3/openOrders` (all symbols when `None`: weight 80).
    pub async fn open_orders(&self, symbol: Option<&str>) -> Result<Vec<Order>, BinanceError> {
        let mut p = Params::new();
        p.push_opt("symbol", symbol);
        self.signed_get("/api/v3/openOrders", &p).await
    }

    /// `GET /api/v3/allOrders` (most recent, up to `limit`).
    pub async fn all_orders(
        &self,
        symbol: &str,
        limit: Option<u32>,
    ) -> Result<Vec<Order>, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol).push_opt("limit", limit);
        self.signed_get("/api/v3/allOrders", &p).await
    }

    /// `GET /api/v3/myTrades`, optionally for one order.
    pub async fn my_trades(
        &self,
        symbol: &str,
        order_id: Option<i64>,
    ) -> Result<Vec<MyTrade>, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol).push_opt("orderId", order_id);
        self.signed_get("/api/v3/myTrades", &p).await
    }

    /// `PUT /api/v3/order/amend/keepPriority`: reduces an open order's quantity keeping its
    /// queue priority. The client order id is kept (`newClientOrderId` = the current id) unless
    /// `new_client_order_id` is given; Binance would otherwise assign a random one.
    pub async fn amend_order_keep_priority(
        &self,
        symbol: &str,
        orig_client_order_id: &str,
        new_qty: Decimal,
        new_client_order_id: Option<&str>,
    ) -> Result<AmendKeepPriorityResponse, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol)
            .push("origClientOrderId", orig_client_order_id)
            .push(
                "newClientOrderId",
                new_client_order_id.unwrap_or(orig_client_order_id),
            )
            .push("newQty", fmt_decimal(new_qty));
        self.signed_put("/api/v3/order/amend/keepPriority", &p)
            .await
    }

    /// `POST /api/v3/order/cancelReplace`. Returns the structured outcome for full success and
    /// for the `-2021` (partial) / `-2022` (failed) errors that carry per-leg `data`; other
    /// errors are returned as [`BinanceError`].
    pub async fn cancel_replace(
        &self,
        cancel_orig_client_order_id: &str,
        mode: CancelReplaceMode,
        order: &NewOrder,
    ) -> Result<CancelReplaceResponse, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", &order.symbol)
            .push("cancelReplaceMode", mode.as_str())
            .push("cancelOrigClientOrderId", cancel_orig_client_order_id);
        order.push_order_params(&mut p);
        let (status, body) = self
            .execute(
                Method::POST,
                "/api/v3/order/cancelReplace",
                &p,
                Security::Signed,
                true,
                true,
            )
            .await?;
        let decode = |e: serde_json::Error| BinanceError::Decode(format!("cancelReplace: {e}"));
        if status.is_success() {
            return serde_json::from_slice(&body).map_err(decode);
        }
        #[derive(serde::Deserialize)]
        struct WithData {
            code: i64,
            msg: String,
            data: CancelReplaceResponse,
        }
        let w: WithData = serde_json::from_slice(&body).map_err(decode)?;
        let mut out = w.data;
        out.error = Some(ApiErrorBody {
            code: w.code,
            msg: w.msg,
        });
        Ok(out)
    }

    /// `GET /api/v3/depth`.
    pub async fn depth(&self, symbol: &str, limit: Option<u32>) -> Result<Depth, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol).push_opt("limit", limit);
        self.public_get("/api/v3/depth", &p).await
    }

    /// `GET /api/v3/trades`.
    pub async fn trades(
        &self,
        symbol: &str,
        limit: Option<u32>,
    ) -> Result<Vec<PublicTrade>, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol).push_opt("limit", limit);
        self.public_get("/api/v3/trades", &p).await
    }

    /// `GET /api/v3/klines` (`interval` like `1m`, `1h`, `1d`).
    pub async fn klines(
        &self,
        symbol: &str,
        interval: &str,
        start_time: Option<i64>,
        end_time: Option<i64>,
        limit: Option<u32>,
    ) -> Result<Vec<Kline>, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol)
            .push("interval", interval)
            .push_opt("startTime", start_time)
            .push_opt("endTime", end_time)
            .push_opt("limit", limit);
        self.public_get("/api/v3/klines", &p).await
    }

    /// `GET /api/v3/ticker/bookTicker` for one symbol.
    pub async fn book_ticker(&self, symbol: &str) -> Result<BookTicker, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol);
        self.public_get("/api/v3/ticker/bookTicker", &p).await
    }

    /// `GET /api/v3/ticker/24hr` for one symbol.
    pub async fn ticker_24hr(&self, symbol: &str) -> Result<Ticker24hr, BinanceError> {
        let mut p = Params::new();
        p.push("symbol", symbol);
        self.public_get("/api/v3/ticker/24hr", &p).await
    }
}
