//! `market trades` / `get_trades`: recent trades from the paper market, the catalog or a real
//! venue.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use nautilus_model::{data::TradeTick, identifiers::InstrumentId};

use super::common::{Source, bounded, fixed, paper_view, parse_range, route, series_of};
use crate::{
    data::{codec::TradeRow, time::format_ns},
    engine::venues::runtime::ConnectedVenue,
    error::{OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::{Db, catalog, node as db},
};

/// Most trades one request returns.
pub const MAX_TRADES: i64 = 10_000;

fn default_limit() -> i64 {
    100
}

/// Where trades are read from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum TradeSource {
    /// Trades pushed into the paper venue's market (`market push --last`).
    Paper,
    /// Trade ticks imported into the catalog (`data import FILE --kind trades`).
    Catalog,
    /// The venue's most recent public trades (a venue connected in testnet or live mode).
    Live,
}

/// Get recent trades of an instrument: time, price, size, aggressor side and trade id, oldest
/// first: the newest `limit` trades between `start` and `end`. From the venue itself when it is
/// connected in testnet or live mode (its most recent trades), else from the paper venue's
/// market (trades pushed into it) when it has trades of the instrument, else from the catalog's
/// imported trade ticks.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TradesRequest {
    /// Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Most trades to return, 1 to 10000 (default 100).
    #[arg(long, default_value_t = 100, allow_negative_numbers = true)]
    #[serde(default = "default_limit")]
    pub limit: i64,
    /// Only trades at or after this time (ISO-8601 or epoch).
    #[arg(long)]
    #[serde(default)]
    pub start: Option<String>,
    /// Only trades at or before this time (a bare date means the end of that day).
    #[arg(long)]
    #[serde(default)]
    pub end: Option<String>,
    /// live, paper or catalog (default: live for a venue connected in testnet or live mode,
    /// else paper when the paper market has trades of the instrument, else catalog).
    #[arg(long, value_enum)]
    #[serde(default)]
    pub source: Option<TradeSource>,
}

/// One trade.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct TradeView {
    pub time: String,
    pub price: String,
    pub size: String,
    /// BUYER, SELLER or NO_AGGRESSOR.
    pub aggressor_side: String,
    pub trade_id: String,
}

/// Recent trades.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TradesResponse {
    pub instrument_id: String,
    /// paper, catalog or live.
    pub source: Source,
    /// Time of the newest trade returned (or the end of the range when there is none).
    pub as_of: String,
    pub count: usize,
    /// More trades match than `limit`: older ones were left out.
    pub truncated: bool,
    /// Oldest first.
    pub trades: Vec<TradeView>,
    pub notes: Vec<String>,
}

/// `market trades` / `get_trades`.
pub struct GetTrades;

impl Operation for GetTrades {
    const INFO: OpInfo = OpInfo {
        group: Group::Market,
        cli_name: "trades",
        tool_name: "get_trades",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = TradesRequest;
    type Response = TradesResponse;

    async fn run(ctx: Arc<Context>, req: TradesRequest, _call: Call) -> OpResult<TradesResponse> {
        let limit = bounded("limit", req.limit, 1, MAX_TRADES)?;
        let (start, end) = parse_range(req.start.as_deref(), req.end.as_deref())?;
        let to_venue = req.source.is_none_or(|s| s == TradeSource::Live);
        route(
            ctx,
            req.instrument_id.clone(),
            to_venue,
            move |_, conn, id| trades(conn, id, req.source, limit, start, end),
            move |lv, id| venue_trades(lv, id, limit, start, end),
        )
        .await
    }
}

/// Most trades a venue returns (its most recent ones).
const VENUE_TRADES: i64 = 1000;

/// The recent public trades of a venue connected in testnet or live mode.
async fn venue_trades(
    lv: Arc<ConnectedVenue>,
    id: InstrumentId,
    limit: i64,
    start: i64,
    end: i64,
) -> OpResult<TradesResponse> {
    if limit > VENUE_TRADES {
        return Err(OpError::invalid(
            "limit",
            format!(
                "{} returns at most its {VENUE_TRADES} most recent trades; got {limit}",
                id.venue
            ),
        ));
    }
    let fetched = lv
        .client
        .trades(id, u32::try_from(limit).unwrap_or(1))
        .await?;
    let ts = |t: &TradeTick| t.ts_event.as_u64() as i64;
    // The venue may hold older trades in the range than the most recent `limit`.
    let truncated = fetched.len() as i64 >= limit && fetched.first().is_some_and(|t| ts(t) > start);
    let trades: Vec<TradeView> = fetched
        .iter()
        .filter(|t| (start..=end).contains(&ts(t)))
        .map(|t| TradeView {
            time: format_ns(ts(t)),
            price: t.price.to_string(),
            size: t.size.to_string(),
            aggressor_side: t.aggressor_side.to_string(),
            trade_id: t.trade_id.to_string(),
        })
        .collect();
    let mut notes = vec![format!(
        "{}'s most recent public trades ({} mode)",
        id.venue,
        lv.client.mode().as_str()
    )];
    if truncated {
        notes.push(format!(
            "more trades may match: these are from the venue's {limit} most recent (raise limit, up to {VENUE_TRADES})"
        ));
    }
    Ok(TradesResponse {
        instrument_id: id.to_string(),
        source: Source::Live,
        as_of: trades.last().map_or_else(
            || format_ns(chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()),
            |t| t.time.clone(),
        ),
        count: trades.len(),
        truncated,
        trades,
        notes,
    })
}

fn trades(
    conn: &Db,
    id: InstrumentId,
    source: Option<TradeSource>,
    limit: i64,
    start: i64,
    end: i64,
) -> OpResult<TradesResponse> {
    let key = id.to_string();
    let paper = paper_view(conn, id)?;
    let catalog_series = series_of(conn, id, "trades")?;
    let source = match source {
        Some(s) => s,
        None if db::has_market_trades(conn, &key)? => TradeSource::Paper,
        None if !catalog_series.is_empty() => TradeSource::Catalog,
        None => {
            return Err(OpError::state(format!(
                "no trades of {id}: the paper market has none (push one with `market push \
                 --instrument {id} --last PRICE --size SIZE` (push_market_data)) and the catalog \
                 has no trade ticks (import them with `data import FILE --kind trades \
                 --instrument {id}`)"
            ))
            .with_details(serde_json::json!({"field": "instrument_id"})));
        }
    };
    let mut notes = Vec::new();
    let (out, truncated, source_out) = match source {
        TradeSource::Live => {
            return Err(OpError::state(format!(
                "source: {} is not connected in testnet or live mode; its trades come from the \
                 paper market or the catalog (source paper or catalog)",
                id.venue
            ))
            .with_details(json!({"field": "source", "valid": ["paper", "catalog"]})));
        }
        TradeSource::Paper => {
            let mut rows = db::market_trades(conn, &key, start, end, limit + 1)?;
            let truncated = rows.len() as i64 > limit;
            rows.truncate(limit as usize);
            rows.reverse();
            let trades = rows
                .into_iter()
                .map(|r| TradeView {
                    time: format_ns(r.ts),
                    price: r.price,
                    size: r.size,
                    aggressor_side: r.aggressor,
                    trade_id: r.trade_id,
                })
                .collect::<Vec<_>>();
            if trades.is_empty() && !db::has_market_trades(conn, &key)? {
                notes.push(format!(
                    "the paper market has no trades of {id}; push one with `market push --last`"
                ));
            }
            (trades, truncated, Source::Paper)
        }
        TradeSource::Catalog => {
            let Some(meta) = catalog_series.first() else {
                return Err(OpError::state(format!(
                    "source: the catalog has no trade ticks of {id}; import them with `data \
                     import FILE --kind trades --instrument {id}`, or use source paper"
                ))
                .with_details(json!({"field": "source", "valid": ["paper"]})));
            };
            let mut rows: Vec<TradeRow> =
                catalog::read_last(conn, meta, start, end, limit as usize + 1)?;
            let truncated = rows.len() as i64 > limit;
            if truncated {
                rows.remove(0);
            }
            let (pp, sp) = (meta.price_precision, meta.size_precision);
            let trades = rows
                .into_iter()
                .map(|r| TradeView {
                    time: format_ns(r.ts),
                    price: fixed(r.price, pp),
                    size: fixed(r.size, sp),
                    aggressor_side: match r.aggressor {
                        1 => "BUYER",
                        2 => "SELLER",
                        _ => "NO_AGGRESSOR",
                    }
                    .to_string(),
                    trade_id: r.trade_id,
                })
                .collect();
            (trades, truncated, Source::Catalog)
        }
    };
    if truncated {
        notes.push(format!(
            "more than {limit} trades match; these are the newest (narrow start/end or raise limit, up to {MAX_TRADES})"
        ));
    }
    let as_of = out.last().map(|t| t.time.clone()).unwrap_or_else(|| {
        format_ns(if end == i64::MAX {
            paper.clock.unwrap_or(end)
        } else {
            end
        })
    });
    Ok(TradesResponse {
        instrument_id: key,
        source: source_out,
        as_of,
        count: out.len(),
        truncated,
        trades: out,
        notes,
    })
}
