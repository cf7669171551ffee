//! `market ticker` / `get_ticker`: last price, bid and ask, and window statistics.

use std::sync::Arc;

use nautilus_model::identifiers::InstrumentId;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    book::catalog_top,
    common::{Source, dec_text, fixed, is_bar_trade, paper_view, route},
};
use crate::{
    data::{codec::BarRow, time::format_ns},
    engine::venues::runtime::ConnectedVenue,
    error::{OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::{
        Db,
        catalog::{self, SeriesMeta},
    },
};

const MINUTE: i64 = 60_000_000_000;
/// The longest statistics window.
const MAX_WINDOW: i64 = 366 * 24 * 60 * MINUTE;

fn default_window() -> String {
    "24h".into()
}

/// Get the ticker of an instrument: the last price, bid and ask with sizes from the paper
/// venue's market, and the open, high, low, close, volume and change over a window (default
/// 24h) ending at the market clock, from the catalog's finest bars of the instrument. Without a
/// market clock the window ends where the catalog's data ends. For a venue connected in testnet
/// or live mode, everything comes from the venue's rolling 24-hour ticker.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TickerRequest {
    /// Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Statistics window: a number and a unit m, h, d or w, e.g. 30m, 4h, 24h, 7d (default
    /// 24h, at most 366d).
    #[arg(long, default_value = "24h")]
    #[serde(default = "default_window")]
    pub window: String,
}

/// Open, high, low, close and volume over a window.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct WindowStats {
    /// catalog (stored bars) or live (the venue's 24-hour ticker).
    pub source: Source,
    /// The bar series read, e.g. BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL (or the venue's
    /// 24-hour ticker).
    pub series: String,
    /// The window: bars closing after `start` and at or before `end`, where `end` is the
    /// market clock (or the end of the data) rounded down to the series' step. The statistics
    /// are the catalog's bars: paper trades and quotes after `end` are not in them (a note
    /// says so).
    pub start: String,
    pub end: String,
    /// Bars in the window (catalog).
    pub bars: Option<u64>,
    /// Trades in the window (venue).
    pub trades: Option<u64>,
    pub open: String,
    pub high: String,
    pub low: String,
    pub close: String,
    pub volume: String,
    /// Close minus open.
    pub change: String,
    /// Change in percent of the open (4 decimals).
    pub change_pct: Option<String>,
}

/// A ticker.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Ticker {
    pub instrument_id: String,
    /// Where last, bid and ask come from: paper (the paper venue's market), catalog (when
    /// the paper market has no data for the instrument) or live (the venue's ticker).
    pub source: Source,
    /// Time of the latest data behind last, bid and ask.
    pub as_of: String,
    /// The last price: the last trade, or the last bar's close in a bar-driven market, or the
    /// quote's mid where there are no trades (a market of bid/ask bars or quotes only).
    pub last: Option<String>,
    /// Size of the last trade (a bar's volume for a bar close); none for a mid.
    pub last_size: Option<String>,
    /// trade, bar_close or mid.
    pub last_basis: Option<String>,
    pub last_time: Option<String>,
    pub bid: Option<String>,
    pub ask: Option<String>,
    pub bid_size: Option<String>,
    pub ask_size: Option<String>,
    pub mid: Option<String>,
    pub quote_time: Option<String>,
    /// The window asked for, e.g. 24h.
    pub window: String,
    /// Statistics over the window; null when the catalog has no bars in it.
    pub stats: Option<WindowStats>,
    /// The paper market's clock.
    pub market_time: Option<String>,
    pub notes: Vec<String>,
}

/// `market ticker` / `get_ticker`.
pub struct GetTicker;

impl Operation for GetTicker {
    const INFO: OpInfo = OpInfo {
        group: Group::Market,
        cli_name: "ticker",
        tool_name: "get_ticker",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = TickerRequest;
    type Response = Ticker;

    async fn run(ctx: Arc<Context>, req: TickerRequest, _call: Call) -> OpResult<Ticker> {
        let window = parse_window(&req.window)?;
        let label = req.window.trim().to_ascii_lowercase();
        let venue_label = label.clone();
        route(
            ctx,
            req.instrument_id,
            true,
            move |ctx, conn, id| ticker(ctx, conn, id, label, window),
            move |lv, id| venue_ticker(lv, id, venue_label, window),
        )
        .await
    }
}

/// The ticker of a venue connected in testnet or live mode: its rolling 24-hour ticker.
async fn venue_ticker(
    lv: Arc<ConnectedVenue>,
    id: InstrumentId,
    label: String,
    window: i64,
) -> OpResult<Ticker> {
    let mode = lv.client.mode().as_str();
    if window != 24 * 60 * MINUTE {
        return Err(OpError::invalid(
            "window",
            format!(
                "'{label}': {} is connected in {mode} mode and its ticker is the venue's rolling \
                 24h window; use 24h (other windows come from the catalog's bars on a paper venue, \
                 or use get_bars)",
                id.venue
            ),
        ));
    }
    let t = lv.client.ticker(id).await?;
    let as_of = format_ns(t.close_time as i64);
    let (open, last) = (t.open.as_decimal(), t.last.as_decimal());
    let change = last - open;
    Ok(Ticker {
        instrument_id: id.to_string(),
        source: Source::Live,
        as_of: as_of.clone(),
        last: Some(t.last.to_string()),
        last_size: None,
        last_basis: Some("trade".into()),
        last_time: None,
        bid: Some(t.bid.to_string()),
        ask: Some(t.ask.to_string()),
        bid_size: Some(t.bid_size.to_string()),
        ask_size: Some(t.ask_size.to_string()),
        mid: Some(dec_text(
            (t.bid.as_decimal() + t.ask.as_decimal()) / Decimal::TWO,
        )),
        quote_time: Some(as_of),
        window: label,
        stats: Some(WindowStats {
            source: Source::Live,
            series: format!("{} 24-hour ticker", id.venue),
            start: format_ns(t.open_time as i64),
            end: format_ns(t.close_time as i64),
            bars: None,
            trades: Some(t.trades),
            open: t.open.to_string(),
            high: t.high.to_string(),
            low: t.low.to_string(),
            close: t.last.to_string(),
            volume: t.volume.to_string(),
            change: change.to_string(),
            change_pct: (!open.is_zero())
                .then(|| dec_text((change * Decimal::ONE_HUNDRED / open).round_dp(4))),
        }),
        market_time: None,
        notes: vec![format!(
            "{}'s rolling 24-hour ticker ({mode} mode)",
            id.venue
        )],
    })
}

/// Parses a window such as `24h` into nanoseconds.
pub fn parse_window(text: &str) -> OpResult<i64> {
    let ns = crate::data::time::parse_span(text).map_err(|e| OpError::invalid("window", e))?;
    if ns > MAX_WINDOW {
        return Err(OpError::invalid(
            "window",
            format!("'{text}' must be longer than 0 and at most 366d"),
        ));
    }
    Ok(ns)
}

fn ticker(
    ctx: &Context,
    conn: &Db,
    id: InstrumentId,
    label: String,
    window: i64,
) -> OpResult<Ticker> {
    let paper = paper_view(conn, id)?;
    let mut notes = Vec::new();
    let bars = catalog::bars_for(conn, id, None).ok();
    // The window ends at the market clock, else at the end of the catalog's data.
    let end = match (paper.clock, &bars) {
        (Some(c), _) => Some(c),
        (None, Some(b)) => {
            notes.push(format!(
                "the node has no market clock yet; the window ends where the catalog's data ends ({})",
                format_ns(b.signal.last_ts)
            ));
            Some(b.signal.last_ts)
        }
        (None, None) => None,
    };
    let mut stats_end = None;
    let stats = match (&bars, end) {
        (Some(b), Some(clock)) => {
            let m = &b.signal;
            // Rounded to the step, the window holds the same bars as the clock moves within a
            // bar (each push moves it), so the statistics are read once per bar.
            let step = crate::data::parse_bar_spec("bar_spec", &m.spec)
                .map(|s| crate::data::spec_step_ns(&s))
                .unwrap_or(1)
                .max(1);
            let end = clock.div_euclid(step).saturating_mul(step);
            let start = end.saturating_sub(window);
            // Everything the statistics depend on: the stored series as written, and the window.
            let key = format!(
                "ticker-stats/{}/{}/{}/{}/{}/{}/{}/{start}/{end}",
                m.key, m.id, m.updated_at, m.rows, m.bytes, m.first_ts, m.last_ts
            );
            let stats = ctx
                .memo
                .get_or_make(key, || {
                    let rows: Vec<BarRow> = catalog::read(conn, m, start.saturating_add(1), end)?;
                    Ok(window_stats(m, &rows, start, end))
                })?
                .as_ref()
                .clone();
            stats_end = Some(end);
            if stats.is_none() {
                notes.push(format!(
                    "the catalog has no {} bars in the window; they cover {} to {}",
                    b.signal.spec,
                    format_ns(b.signal.first_ts),
                    format_ns(b.signal.last_ts)
                ));
            }
            stats
        }
        _ => {
            notes.push(format!(
                "the catalog has no bars of {id}: no window statistics"
            ));
            None
        }
    };
    let (source, quote, trade) = match &paper.market {
        Some(m) => {
            let top = m.depth.as_ref().and_then(|d| d.top(id));
            let quote = match (m.quote, top) {
                (q, Some(t)) if q.is_none_or(|q| t.ts_event >= q.ts_event) => {
                    notes.push(
                        "bid and ask are the best levels of the L2 book's depth snapshot".into(),
                    );
                    Some(t)
                }
                (q, _) => q,
            };
            (Source::Paper, quote, m.trade)
        }
        None => {
            let (q, t, at) = catalog_top(conn, id, paper.clock)?;
            if at.is_none() {
                return Err(OpError::state(format!(
                    "no market data for {id}: the paper market has none (push a quote or trade \
                     with `market push` (push_market_data) or move the market with `node \
                     advance` (advance_market)) and the catalog has no quotes or bars of {id}"
                ))
                .with_details(serde_json::json!({"field": "instrument_id"})));
            }
            notes.push(format!(
                "the paper market has no data for {id}; last, bid and ask are the catalog's"
            ));
            (Source::Catalog, q, t)
        }
    };
    let newest_paper = match source {
        Source::Paper => [
            quote.map(|q| q.ts_event.as_u64() as i64),
            trade
                .filter(|t| !is_bar_trade(t))
                .map(|t| t.ts_event.as_u64() as i64),
        ]
        .into_iter()
        .flatten()
        .max(),
        _ => None,
    };
    if let (Some(s), Some(end), Some(t)) = (&stats, stats_end, newest_paper)
        && t > end
    {
        notes.push(format!(
            "the window statistics are the catalog's {} bars up to {}; the paper market's \
             pushed quotes and trades after that ({}) are not in them",
            s.series,
            s.end,
            format_ns(t)
        ));
    }
    let as_of = [
        quote.map(|q| q.ts_event.as_u64() as i64),
        trade.map(|t| t.ts_event.as_u64() as i64),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or_default();
    let mid = quote.map(|q| (q.bid_price.as_decimal() + q.ask_price.as_decimal()) / Decimal::TWO);
    Ok(Ticker {
        instrument_id: id.to_string(),
        source,
        as_of: format_ns(as_of),
        last: match trade {
            Some(t) => Some(t.price.to_string()),
            None => mid.map(dec_text),
        },
        last_size: trade.map(|t| t.size.to_string()),
        last_basis: match (trade, quote) {
            (Some(t), _) if is_bar_trade(&t) => Some("bar_close".into()),
            (Some(_), _) => Some("trade".into()),
            (None, Some(_)) => Some("mid".into()),
            (None, None) => None,
        },
        last_time: trade
            .map(|t| t.ts_event)
            .or(quote.map(|q| q.ts_event))
            .map(|t| format_ns(t.as_u64() as i64)),
        bid: quote.map(|q| q.bid_price.to_string()),
        ask: quote.map(|q| q.ask_price.to_string()),
        bid_size: quote.map(|q| q.bid_size.to_string()),
        ask_size: quote.map(|q| q.ask_size.to_string()),
        mid: mid.map(dec_text),
        quote_time: quote.map(|q| format_ns(q.ts_event.as_u64() as i64)),
        window: label,
        stats,
        market_time: paper.clock_text(),
        notes,
    })
}

/// Statistics of the bars in a window; `None` when it holds none.
fn window_stats(meta: &SeriesMeta, rows: &[BarRow], start: i64, end: i64) -> Option<WindowStats> {
    let (first, last) = (rows.first()?, rows.last()?);
    let high = rows.iter().map(|r| r.high).max()?;
    let low = rows.iter().map(|r| r.low).min()?;
    let volume: i128 = rows.iter().map(|r| i128::from(r.volume)).sum();
    let (pp, sp) = (meta.price_precision, meta.size_precision);
    let change = last.close - first.open;
    let change_pct = (first.open != 0).then(|| {
        dec_text(
            (Decimal::from(change) * Decimal::ONE_HUNDRED / Decimal::from(first.open)).round_dp(4),
        )
    });
    Some(WindowStats {
        source: Source::Catalog,
        series: meta.key.clone(),
        start: format_ns(start),
        end: format_ns(end),
        bars: Some(rows.len() as u64),
        trades: None,
        open: fixed(first.open, pp),
        high: fixed(high, pp),
        low: fixed(low, pp),
        close: fixed(last.close, pp),
        volume: i64::try_from(volume)
            .map(|v| fixed(v, sp))
            .unwrap_or_else(|_| Decimal::from_i128_with_scale(volume, u32::from(sp)).to_string()),
        change: fixed(change, pp),
        change_pct,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        assert_eq!(parse_window("24h").unwrap(), 24 * 60 * MINUTE);
        assert_eq!(parse_window("7D").unwrap(), 7 * 24 * 60 * MINUTE);
        assert_eq!(parse_window("30m").unwrap(), 30 * MINUTE);
        for bad in ["", "h", "0h", "-1h", "24", "2y", "400d", "99999999999999w"] {
            let e = parse_window(bad).unwrap_err();
            assert!(e.message.starts_with("window:"), "{bad}: {}", e.message);
        }
    }
}
