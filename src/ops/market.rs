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
    params::{Levels, Side},
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::time::{format_ns, parse_timestamp},
    engine::node::{depth::DepthSnapshot, rules, session::Session, views::OrderView},
    error::{OpError, OpResult},
    values::{Dec, parse_instrument_id},
};

/// Push a quote (bid and ask), a trade, or a depth snapshot into the paper market of a venue.
/// It goes through Nautilus's matching engine, so resting orders fill, stops trigger and GTD
/// orders expire exactly as they would on that data. A depth snapshot (bids and asks, or a
/// Binance depth body in depth_file) is for a venue connected with book_type L2_MBP: it
/// replaces the engine's whole book (a side not given is empty), resting orders fill against
/// its levels, and market orders walk them. On an L2 venue quotes and bars move the market
/// clock and the ticker, and trades the last price (filling resting orders they cross, as
/// Nautilus does), but the book is the last snapshot's.
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
    /// Depth snapshot: bid levels, PRICE:SIZE,... (MCP: [[price, size], ...]), any order.
    #[arg(long, value_name = "PRICE:SIZE,...")]
    #[serde(default)]
    pub bids: Option<Levels>,
    /// Depth snapshot: ask levels, PRICE:SIZE,... (MCP: [[price, size], ...]).
    #[arg(long, value_name = "PRICE:SIZE,...")]
    #[serde(default)]
    pub asks: Option<Levels>,
    /// Depth snapshot from a file on the server holding a Binance depth REST body (GET
    /// /api/v3/depth: lastUpdateId, bids, asks); instead of bids and asks. Naming a file needs
    /// the admin scope.
    #[arg(long, value_name = "FILE")]
    #[serde(default)]
    pub depth_file: Option<String>,
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
        call: Call,
    ) -> OpResult<PushMarketResponse> {
        if req.depth_file.is_some() {
            call.require_files("depth_file")?;
        }
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
        let depth = {
            let req = req.clone();
            tokio::task::spawn_blocking(move || given_depth(&req))
                .await
                .map_err(OpError::internal)??
        };
        if depth.is_some() && quote.is_some() {
            return Err(OpError::invalid(
                "bid",
                "a depth snapshot (bids/asks) replaces the whole book; push a quote separately",
            ));
        }
        if quote.is_none() && req.last.is_none() && depth.is_none() {
            return Err(OpError::invalid(
                "bid",
                "give a quote (bid and ask), a trade (last) or a depth snapshot (bids/asks)",
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
                if let Some(d) = &depth {
                    if !s.is_l2(id.venue) {
                        return Err(OpError::invalid(
                            d.field,
                            format!(
                                "{v}'s paper book is L1_MBP (top of book), which takes no depth; \
                                 connect it with `venue connect {v} --mode paper --book-type \
                                 L2_MBP --reset` (connect_venue book_type) to push depth snapshots",
                                v = id.venue
                            ),
                        ));
                    }
                    let seq = d.sequence.unwrap_or(when.max(0) as u64);
                    let snap = DepthSnapshot::check(&inst, &d.bids, &d.asks, when, seq)?;
                    s.process_depth(id, snap)?;
                }
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

/// A depth snapshot as given, before it is checked against the instrument.
struct GivenDepth {
    /// The field to name when the venue cannot take it.
    field: &'static str,
    bids: Vec<(rust_decimal::Decimal, rust_decimal::Decimal)>,
    asks: Vec<(rust_decimal::Decimal, rust_decimal::Decimal)>,
    /// The venue's update id, from a depth file.
    sequence: Option<u64>,
}

/// The depth snapshot of a push: its bids and asks, or a Binance depth body file (a blocking
/// read: call it off the async workers).
fn given_depth(req: &PushMarketRequest) -> OpResult<Option<GivenDepth>> {
    let levels = |l: &Option<Levels>| l.as_ref().map(|l| l.0.clone()).unwrap_or_default();
    let Some(path) = &req.depth_file else {
        if req.bids.is_none() && req.asks.is_none() {
            return Ok(None);
        }
        let (bids, asks) = (levels(&req.bids), levels(&req.asks));
        if bids.is_empty() && asks.is_empty() {
            return Err(OpError::invalid(
                "bids",
                "a depth snapshot needs at least one level (PRICE:SIZE)",
            ));
        }
        return Ok(Some(GivenDepth {
            field: "bids",
            bids,
            asks,
            sequence: None,
        }));
    };
    if req.bids.is_some() || req.asks.is_some() {
        return Err(OpError::invalid(
            "depth_file",
            "give the snapshot's levels in depth_file or in bids/asks, not both",
        ));
    }
    let text = crate::data::files::read_text(
        "depth_file",
        std::path::Path::new(path),
        crate::data::files::MAX_JSON_BYTES,
    )?;
    let body: crate::engine::venues::binance::model::Depth = serde_json::from_str(&text)
        .map_err(|e| {
            OpError::invalid(
                "depth_file",
                format!(
                    "{path} is not a Binance depth body ({{\"lastUpdateId\", \"bids\": [[price, qty], ...], \"asks\"}}): {e}"
                ),
            )
        })?;
    let pairs = |l: &[crate::engine::venues::binance::model::Level]| {
        l.iter().map(|l| (l.price(), l.qty())).collect::<Vec<_>>()
    };
    Ok(Some(GivenDepth {
        field: "depth_file",
        bids: pairs(&body.bids),
        asks: pairs(&body.asks),
        sequence: u64::try_from(body.last_update_id).ok(),
    }))
}
