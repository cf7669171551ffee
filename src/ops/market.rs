//! Market operations: pushing data into the paper market, and reading market data
//! (instruments, order books, tickers, trades, bars) from the paper market and the catalog.

mod bars;
mod book;
pub mod common;
mod instruments;
mod ticker;
mod trades;

use std::sync::Arc;

pub use self::{
    bars::{
        BarSource, BarsQuery, BarsRequest, BarsResponse, GetBars, read_bars_csv, read_bars_json,
    },
    book::{GetOrderBook, OrderBookRequest, OrderBookView},
    instruments::{GetInstruments, InstrumentsRequest, InstrumentsResponse},
    ticker::{GetTicker, Ticker, TickerRequest},
    trades::{GetTrades, TradeSource, TradesRequest, TradesResponse},
};

use nautilus_core::UnixNanos;
use nautilus_model::{
    data::{QuoteTick, TradeTick},
    enums::AggressorSide,
    identifiers::TradeId,
    instruments::Instrument,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    call::Call,
    context::Context,
    error::{OpError, OpResult},
    params::{Dec, Side, parse_instrument_id},
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::time::{format_ns, parse_timestamp},
    engine::node::{rules, session::Session, views::OrderView},
};

/// Push a quote (bid and ask) or a trade into the paper market of a venue. It goes through
/// Nautilus's matching engine, so resting orders fill, stops trigger and GTD orders expire
/// exactly as they would on that data.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PushMarketRequest {
    /// Instrument, SYMBOL.VENUE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Quote: best bid price.
    #[arg(long)]
    #[serde(default)]
    pub bid: Option<Dec>,
    /// Quote: best ask price.
    #[arg(long)]
    #[serde(default)]
    pub ask: Option<Dec>,
    /// Quote: size at the bid (default: the instrument's maximum or 1000000).
    #[arg(long)]
    #[serde(default)]
    pub bid_size: Option<Dec>,
    /// Quote: size at the ask.
    #[arg(long)]
    #[serde(default)]
    pub ask_size: Option<Dec>,
    /// Trade: price.
    #[arg(long)]
    #[serde(default)]
    pub last: Option<Dec>,
    /// Trade: size (default 1).
    #[arg(long)]
    #[serde(default)]
    pub size: Option<Dec>,
    /// Trade: aggressor side, BUY or SELL.
    #[arg(long, value_enum, ignore_case = true)]
    #[serde(default)]
    pub aggressor: Option<Side>,
    /// Time of the data, never before the market clock (default: 1 ms after the market clock,
    /// so pushes interleave with a replay of the catalog; now when the market has no time yet).
    #[arg(long)]
    #[serde(default)]
    pub ts: Option<String>,
}

/// The paper market after the push.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PushMarketResponse {
    pub instrument_id: String,
    pub market_time: String,
    /// Orders that changed (filled, triggered, expired...).
    pub orders: Vec<OrderView>,
}

/// `market push` / `push_market_data`.
pub struct PushMarketData;

impl Operation for PushMarketData {
    const INFO: OpInfo = OpInfo {
        group: Group::Market,
        cli_name: "push",
        tool_name: "push_market_data",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = PushMarketRequest;
    type Response = PushMarketResponse;

    async fn run(
        ctx: Arc<Context>,
        req: PushMarketRequest,
        _call: Call,
    ) -> OpResult<PushMarketResponse> {
        let id = parse_instrument_id("instrument_id", &req.instrument_id)?;
        let quote = match (req.bid, req.ask) {
            (Some(b), Some(a)) => {
                if a.get() < b.get() {
                    return Err(OpError::invalid("ask", format!("{a} is below the bid {b}")));
                }
                Some((b.get(), a.get()))
            }
            (None, None) => None,
            (Some(_), None) => {
                return Err(OpError::invalid("ask", "a quote needs both bid and ask"));
            }
            (None, Some(_)) => {
                return Err(OpError::invalid("bid", "a quote needs both bid and ask"));
            }
        };
        if quote.is_none() && req.last.is_none() {
            return Err(OpError::invalid(
                "bid",
                "give a quote (bid and ask) or a trade (last)",
            ));
        }
        let ts = req
            .ts
            .as_deref()
            .map(|t| {
                parse_timestamp(t)
                    .map(|v| v.0)
                    .map_err(|e| OpError::invalid("ts", e))
            })
            .transpose()?;
        ctx.node()?
            .run(move |w| {
                let mut s = Session::begin(w)?;
                let venue = s.require_venue(id.venue)?.clone();
                if venue.paper.is_none() {
                    return Err(OpError::state(format!(
                        "{} is a {} venue; data can only be pushed into a paper market",
                        id.venue,
                        venue.mode.as_str()
                    )));
                }
                let inst = s.ensure_instrument(id)?;
                let clock = s.market_ts().unwrap_or(i64::MIN);
                let when = match ts {
                    Some(t) if t < clock => {
                        return Err(OpError::invalid(
                            "ts",
                            format!(
                                "{} is before the market clock {}",
                                format_ns(t),
                                format_ns(clock)
                            ),
                        ));
                    }
                    Some(t) => t,
                    None => match s.market_ts() {
                        Some(t) => t.saturating_add(1_000_000),
                        None => chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default(),
                    },
                };
                let at = UnixNanos::from(when.max(0) as u64);
                let default_size = inst
                    .max_quantity()
                    .map_or(rust_decimal::Decimal::from(1_000_000), |q| q.as_decimal());
                let size = |field: &str, v: Option<Dec>| {
                    rules::quantity(field, &inst, v.map_or(default_size, Dec::get))
                };
                if let Some((b, a)) = quote {
                    let q = QuoteTick::new(
                        id,
                        rules::price("bid", &inst, b)?,
                        rules::price("ask", &inst, a)?,
                        size("bid_size", req.bid_size)?,
                        size("ask_size", req.ask_size)?,
                        at,
                        at,
                    );
                    s.process_quote(q)?;
                }
                if let Some(last) = req.last {
                    let t = TradeTick::new(
                        id,
                        rules::price("last", &inst, last.get())?,
                        rules::quantity(
                            "size",
                            &inst,
                            req.size.map_or(rust_decimal::Decimal::ONE, Dec::get),
                        )?,
                        match req.aggressor {
                            Some(Side::Buy) => AggressorSide::Buyer,
                            Some(Side::Sell) => AggressorSide::Seller,
                            None => AggressorSide::NoAggressor,
                        },
                        TradeId::new(format!("PUSH-{when}")),
                        at,
                        at,
                    );
                    s.process_trade(t)?;
                }
                let changed: Vec<_> = s.applier.changes.borrow().orders.iter().copied().collect();
                let orders = changed
                    .iter()
                    .filter_map(|i| s.order(i))
                    .map(|o| OrderView::of(&o, None))
                    .collect();
                let market_time = format_ns(s.market_ts().unwrap_or(when));
                s.commit()?;
                Ok(PushMarketResponse {
                    instrument_id: id.to_string(),
                    market_time,
                    orders,
                })
            })
            .await
    }
}
