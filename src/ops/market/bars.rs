//! `market bars` / `get_bars`: stored bars, resampled on request, as JSON or CSV.

use std::{path::PathBuf, sync::Arc};

use nautilus_model::{
    data::{Bar, BarSpecification},
    enums::{BarAggregation, PriceType},
    identifiers::InstrumentId,
    types::{Price, Quantity},
};
use rusqlite::Connection;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    Source, bounded, parse_range, push_fixed, push_time, require_instrument, route, series_of,
};
use crate::{
    data::{self, codec::BarRow, resample, time::format_ns},
    ops::{
        call::Call,
        context::Context,
        error::{Code, OpError, OpResult},
        live::LiveVenue,
        params::parse_instrument_id,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::catalog::{self, SeriesMeta},
};

/// Bars returned when no limit is given (a CSV export has no default limit).
pub const DEFAULT_BARS: i64 = 1000;
/// Most bars one request returns: more than a year of 1-minute bars.
pub const MAX_BARS: i64 = 1_000_000;
const DAY: i64 = 86_400_000_000_000;

/// Where bars are read from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum BarSource {
    /// Bars stored in the catalog (imported or generated), resampled on request.
    Catalog,
    /// The venue's own bars (klines), for a venue connected in testnet or live mode.
    Live,
}

/// Get the bars of an instrument over a range: open time, open, high, low, close and volume,
/// exact to the instrument's precision. From the catalog, where a bar spec that is not stored
/// is resampled from finer stored bars of the same price type with Nautilus's bar builder
/// (e.g. 1-MINUTE-LAST into 5-MINUTE, 15-MINUTE, 1-HOUR, 4-HOUR or 1-DAY bars closing on the
/// UTC grid); or, for a venue connected in testnet or live mode, from the venue itself (its
/// klines, paged 1000 a request; closed bars only). With `start`, the first `limit` bars from
/// there; without, the last `limit` bars up to `end`. With `csv`, the bars go to that file
/// instead of the answer.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BarsRequest {
    /// Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Bar specification STEP-UNIT-PRICE, e.g. 1-MINUTE-LAST, 15-MINUTE-LAST, 1-HOUR-LAST,
    /// 1-DAY-LAST (default: the finest stored; 1-MINUTE-LAST from a venue).
    #[arg(long)]
    #[serde(default)]
    pub bar_spec: Option<String>,
    /// Only bars opening at or after this time (ISO-8601 or epoch).
    #[arg(long)]
    #[serde(default)]
    pub start: Option<String>,
    /// Only bars opening at or before this time (a bare date means the end of that day).
    #[arg(long)]
    #[serde(default)]
    pub end: Option<String>,
    /// Most bars, 1 to 1000000 (default 1000; a CSV export takes all unless limited).
    #[arg(long, allow_negative_numbers = true)]
    #[serde(default)]
    pub limit: Option<i64>,
    /// Write the bars to this CSV file (open_time, open, high, low, close, volume; importable
    /// with `data import`) instead of returning them.
    #[arg(long, value_name = "FILE")]
    #[serde(default)]
    pub csv: Option<PathBuf>,
    /// live or catalog (default: live for a venue connected in testnet or live mode, else
    /// catalog).
    #[arg(long, value_enum)]
    #[serde(default)]
    pub source: Option<BarSource>,
}

/// One bar.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct BarView {
    /// The bar's open time (it closes one step later).
    pub open_time: String,
    pub open: String,
    pub high: String,
    pub low: String,
    pub close: String,
    pub volume: String,
}

/// Bars of an instrument.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BarsResponse {
    pub instrument_id: String,
    /// The spec of the bars returned.
    pub bar_spec: String,
    /// catalog (stored bars) or live (the venue's own bars).
    pub source: Source,
    /// Close time of the last bar returned (when none is: the end of the stored data, or the
    /// time of the venue's answer).
    pub as_of: String,
    /// The series read, e.g. BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL: a stored series, or the
    /// venue's bar type.
    pub series: String,
    /// Set when the bars were resampled from `series`.
    pub resampled_from: Option<String>,
    pub count: usize,
    /// More bars are in the range than `limit`.
    pub truncated: bool,
    /// Open time of the first and last bar returned.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Oldest first; empty when written to `csv`.
    pub bars: Vec<BarView>,
    /// The CSV file written.
    pub csv: Option<String>,
    pub notes: Vec<String>,
}

/// What to read: the request without its output options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarsQuery {
    pub instrument_id: String,
    pub bar_spec: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub limit: Option<i64>,
    pub source: Option<BarSource>,
}

/// Bars chosen for a query, at the requested spec.
#[derive(Debug, Clone)]
pub struct BarSelection {
    pub instrument_id: InstrumentId,
    pub spec: BarSpecification,
    pub source: Source,
    /// The series read: a catalog key or the venue's bar type.
    pub series: String,
    pub price_precision: u8,
    pub size_precision: u8,
    /// Where the data read ends (ns): `as_of` when no bar is returned.
    pub data_end: i64,
    pub resampled: bool,
    /// The step of the bars, ns.
    pub step: i64,
    /// Close times and mantissas at the series' precision.
    pub rows: Vec<BarRow>,
    pub truncated: bool,
    pub notes: Vec<String>,
}

/// `market bars` / `get_bars`.
pub struct GetBars;

impl Operation for GetBars {
    const INFO: OpInfo = OpInfo {
        group: Group::Market,
        cli_name: "bars",
        tool_name: "get_bars",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = BarsRequest;
    type Response = BarsResponse;

    async fn run(ctx: Arc<Context>, req: BarsRequest, call: Call) -> OpResult<BarsResponse> {
        if req.csv.is_some() {
            call.require_files("csv")?;
        }
        let query = BarsQuery {
            instrument_id: req.instrument_id.clone(),
            bar_spec: req.bar_spec.clone(),
            start: req.start.clone(),
            end: req.end.clone(),
            limit: Some(req.limit.unwrap_or(if req.csv.is_some() {
                MAX_BARS
            } else {
                DEFAULT_BARS
            })),
            source: req.source,
        };
        check_query(&query)?;
        let sel = select(ctx, query).await?;
        tokio::task::spawn_blocking(move || {
            let csv = match &req.csv {
                Some(path) => {
                    std::fs::write(path, bars_csv(&sel))
                        .map_err(|e| OpError::io(format!("writing {}", path.display()), e))?;
                    Some(path.display().to_string())
                }
                None => None,
            };
            Ok(response(&sel, csv))
        })
        .await
        .map_err(OpError::internal)?
    }
}

/// Checks a query's limit and range before any data is read.
pub fn check_query(q: &BarsQuery) -> OpResult<()> {
    if let Some(l) = q.limit {
        bounded("limit", l, 1, MAX_BARS)?;
    }
    parse_range(q.start.as_deref(), q.end.as_deref())?;
    if let Some(s) = &q.bar_spec {
        data::parse_bar_spec("bar_spec", s)?;
    }
    parse_instrument_id("instrument_id", &q.instrument_id)?;
    Ok(())
}

/// Reads the bars of a checked query: from the venue when its instrument's venue is
/// connected in testnet or live mode (unless `source` is catalog), else from the catalog.
pub async fn select(ctx: Arc<Context>, q: BarsQuery) -> OpResult<BarSelection> {
    let to_venue = q.source.is_none_or(|s| s == BarSource::Live);
    let venue_q = q.clone();
    route(
        ctx,
        q.instrument_id.clone(),
        to_venue,
        move |_, conn, id| {
            if q.source == Some(BarSource::Live) {
                return Err(OpError::state(format!(
                    "source: {} is not connected in testnet or live mode; its bars come from \
                     the catalog (source catalog)",
                    id.venue
                )));
            }
            select_bars(conn, &q)
        },
        move |lv, id| venue_bars(lv, id, venue_q),
    )
    .await
}

/// A bar's mantissas at its precisions, stamped with its close.
fn row_of(bar: &Bar) -> OpResult<BarRow> {
    let price = |p: Price| mantissa(p.as_decimal(), p.precision);
    let qty = |q: Quantity| mantissa(q.as_decimal(), q.precision);
    Ok(BarRow {
        ts: i64::try_from(bar.ts_event.as_u64()).map_err(OpError::internal)?,
        open: price(bar.open)?,
        high: price(bar.high)?,
        low: price(bar.low)?,
        close: price(bar.close)?,
        volume: qty(bar.volume)?,
    })
}

fn mantissa(mut d: rust_decimal::Decimal, dp: u8) -> OpResult<i64> {
    d.rescale(u32::from(dp));
    i64::try_from(d.mantissa())
        .map_err(|_| OpError::internal(format!("{d} does not fit a bar mantissa")))
}

/// The bars of a venue connected in testnet or live mode: its klines over the range.
async fn venue_bars(lv: Arc<LiveVenue>, id: InstrumentId, q: BarsQuery) -> OpResult<BarSelection> {
    let spec = match &q.bar_spec {
        Some(s) => data::parse_bar_spec("bar_spec", s)?,
        None => BarSpecification::new_checked(1, BarAggregation::Minute, PriceType::Last)
            .map_err(OpError::internal)?,
    };
    let (start, end) = parse_range(q.start.as_deref(), q.end.as_deref())?;
    let limit = q.limit.unwrap_or(DEFAULT_BARS).clamp(1, MAX_BARS) as usize;
    const MS: i64 = 1_000_000;
    // Bars open in [start, end]: the first whole millisecond at or after start, the last at
    // or before end.
    let start_ms =
        (start != i64::MIN).then(|| start.div_euclid(MS) + i64::from(start.rem_euclid(MS) != 0));
    let end_ms = (end != i64::MAX).then(|| end.div_euclid(MS));
    let got = lv.client.bars(id, spec, start_ms, end_ms, limit).await?;
    let rows = got.bars.iter().map(row_of).collect::<OpResult<Vec<_>>>()?;
    let mode = lv.client.mode().as_str();
    let mut notes = vec![format!(
        "{}'s own bars ({mode} mode): its {} klines, {} request(s)",
        id.venue, got.interval, got.requests
    )];
    if got.open_left_out {
        notes.push(format!(
            "the {} kline still open at {} is left out: bars are closed ones",
            got.interval, id.venue
        ));
    }
    if got.truncated {
        notes.push(format!(
            "more than {limit} bars are in the range; these are the {} {limit} (narrow start/end or raise limit, up to {MAX_BARS})",
            if start_ms.is_none() { "last" } else { "first" }
        ));
    }
    if rows.is_empty() {
        notes.push(format!(
            "{} has no closed {spec} bars of {id} in the range",
            id.venue
        ));
    }
    Ok(BarSelection {
        instrument_id: id,
        spec,
        source: Source::Live,
        series: got.bar_type.to_string(),
        price_precision: got.price_precision,
        size_precision: got.size_precision,
        data_end: chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default(),
        resampled: false,
        step: data::spec_step_ns(&spec),
        rows,
        truncated: got.truncated,
        notes,
    })
}

/// The answer for a selection (`csv`: the file the bars went to instead).
#[must_use]
pub fn response(sel: &BarSelection, csv: Option<String>) -> BarsResponse {
    let (pp, sp) = (sel.price_precision, sel.size_precision);
    let text = |m: i64, dp: u8| {
        let mut s = String::with_capacity(16);
        push_fixed(&mut s, m, dp);
        s
    };
    let bars = if csv.is_some() {
        Vec::new()
    } else {
        sel.rows
            .iter()
            .map(|r| {
                let mut open_time = String::with_capacity(20);
                push_time(&mut open_time, r.ts - sel.step);
                BarView {
                    open_time,
                    open: text(r.open, pp),
                    high: text(r.high, pp),
                    low: text(r.low, pp),
                    close: text(r.close, pp),
                    volume: text(r.volume, sp),
                }
            })
            .collect()
    };
    BarsResponse {
        instrument_id: sel.instrument_id.to_string(),
        bar_spec: sel.spec.to_string(),
        source: sel.source,
        as_of: format_ns(sel.rows.last().map_or(sel.data_end, |r| r.ts)),
        series: sel.series.clone(),
        resampled_from: sel.resampled.then(|| sel.series.clone()),
        count: sel.rows.len(),
        truncated: sel.truncated,
        first: sel.rows.first().map(|r| format_ns(r.ts - sel.step)),
        last: sel.rows.last().map(|r| format_ns(r.ts - sel.step)),
        bars,
        csv,
        notes: sel.notes.clone(),
    }
}

/// The bars as CSV: `open_time,open,high,low,close,volume`, one line per bar, oldest first.
#[must_use]
pub fn bars_csv(sel: &BarSelection) -> String {
    bars_csv_page(sel, usize::MAX).0
}

/// The first bars of a selection as CSV, as many as fit `max_bytes` once the text is a JSON
/// string (each line break then takes two bytes), and how many that is.
#[must_use]
pub fn bars_csv_page(sel: &BarSelection, max_bytes: usize) -> (String, usize) {
    const HEADER: &str = "open_time,open,high,low,close,volume\n";
    let (pp, sp) = (sel.price_precision, sel.size_precision);
    let mut out = String::with_capacity((40 + sel.rows.len() * 72).min(max_bytes));
    out.push_str(HEADER);
    let mut escaped = HEADER.len() + 1;
    let mut written = 0;
    for r in &sel.rows {
        let line_start = out.len();
        push_time(&mut out, r.ts - sel.step);
        for (m, dp) in [
            (r.open, pp),
            (r.high, pp),
            (r.low, pp),
            (r.close, pp),
            (r.volume, sp),
        ] {
            out.push(',');
            push_fixed(&mut out, m, dp);
        }
        out.push('\n');
        let line = out.len() - line_start + 1;
        if escaped + line > max_bytes {
            out.truncate(line_start);
            break;
        }
        escaped += line;
        written += 1;
    }
    (out, written)
}

fn spec_of(m: &SeriesMeta) -> Option<BarSpecification> {
    data::parse_bar_spec("bar_spec", &m.spec).ok()
}

/// Chooses and reads the bars of a query (already checked with [`check_query`]).
pub fn select_bars(conn: &Connection, q: &BarsQuery) -> OpResult<BarSelection> {
    let (id, _) = require_instrument(conn, "instrument_id", &q.instrument_id)?;
    let (start, end) = parse_range(q.start.as_deref(), q.end.as_deref())?;
    let limit = q.limit.unwrap_or(DEFAULT_BARS).clamp(1, MAX_BARS) as usize;
    let all = series_of(conn, id, "bars")?;
    if all.is_empty() {
        return Err(OpError::new(
            Code::NotFound,
            format!(
                "instrument_id: the catalog has no bars of {id}; import them (`data import FILE \
                 --instrument {id}`) or generate them (`data generate --instrument {id}`)"
            ),
        ));
    }
    let stored: Vec<String> = all.iter().map(|m| m.spec.clone()).collect();
    let wanted = match &q.bar_spec {
        Some(s) => data::parse_bar_spec("bar_spec", s)?,
        None => {
            let b = catalog::bars_for(conn, id, None)?;
            spec_of(&b.signal).ok_or_else(|| OpError::internal("stored bar spec is unreadable"))?
        }
    };
    let step = data::spec_step_ns(&wanted);
    let mut notes = Vec::new();
    let exact = all.iter().find(|m| spec_of(m) == Some(wanted));
    let (series, resampled) = match exact {
        Some(m) => (m.clone(), false),
        None => {
            let source = all
                .iter()
                .filter_map(|m| Some((spec_of(m)?, m)))
                .filter(|(s, _)| {
                    let src = data::spec_step_ns(s);
                    s.price_type == wanted.price_type && src < step && step % src == 0
                })
                .max_by_key(|(s, _)| data::spec_step_ns(s));
            let Some((_, m)) = source else {
                return Err(OpError::invalid(
                    "bar_spec",
                    format!(
                        "no {wanted} bars of {id} and none to resample them from; stored: {}. \
                         Resampling needs stored bars of the same price type whose step divides \
                         the requested one (e.g. 1-MINUTE-LAST into 5-MINUTE-LAST, 1-HOUR-LAST or \
                         1-DAY-LAST)",
                        stored.join(", ")
                    ),
                ));
            };
            if !(DAY % step == 0 || step == DAY) {
                return Err(OpError::invalid(
                    "bar_spec",
                    format!(
                        "{wanted} bars would not line up with UTC days; resample to a step that \
                         divides a day (e.g. 5-MINUTE, 15-MINUTE, 1-HOUR, 4-HOUR) or to 1-DAY"
                    ),
                ));
            }
            (m.clone(), true)
        }
    };
    let src_step = spec_of(&series).map_or(step, |s| data::spec_step_ns(&s));
    // Bars open in [start, end]: their close (the stored timestamp) is one step later.
    let (close_from, close_to) = (start.saturating_add(step), end.saturating_add(step));
    let (rows, truncated) = if resampled {
        // Source bars of the intervals opening in [start, end].
        let first_open = if start == i64::MIN {
            i64::MIN
        } else {
            start
                .div_euclid(step)
                .saturating_add(i64::from(start.rem_euclid(step) != 0))
                * step
        };
        let last_close = if end == i64::MAX {
            i64::MAX
        } else {
            end.div_euclid(step).saturating_add(1).saturating_mul(step)
        };
        let src: Vec<BarRow> =
            catalog::read(conn, &series, first_open.saturating_add(1), last_close)?;
        let mut out = resample::resample(
            id,
            spec_of(&series).ok_or_else(|| OpError::internal("stored bar spec is unreadable"))?,
            wanted,
            &src,
            series.price_precision,
            series.size_precision,
        )?;
        out.retain(|r| r.ts >= close_from && r.ts <= close_to);
        if let (Some(first), Some(s)) = (out.first(), src.first())
            && s.ts - src_step > first.ts - step
        {
            notes.push(format!(
                "the first bar ({}) is partial: the data starts at {}",
                format_ns(first.ts - step),
                format_ns(s.ts - src_step)
            ));
        }
        if let Some(last) = out.last()
            && last.ts > series.last_ts
        {
            notes.push(format!(
                "the last bar ({}) is partial: the data ends at {}",
                format_ns(last.ts - step),
                format_ns(series.last_ts)
            ));
        }
        notes.push(format!(
            "resampled from {} with Nautilus's bar builder; bars close on multiples of {wanted}'s step (UTC) and intervals without data have no bar",
            series.key
        ));
        let truncated = out.len() > limit;
        if truncated {
            if start == i64::MIN {
                out.drain(..out.len() - limit);
            } else {
                out.truncate(limit);
            }
        }
        (out, truncated)
    } else if start == i64::MIN {
        let mut out: Vec<BarRow> =
            catalog::read_last(conn, &series, close_from, close_to, limit + 1)?;
        let truncated = out.len() > limit;
        if truncated {
            out.remove(0);
        }
        (out, truncated)
    } else {
        let mut out: Vec<BarRow> = catalog::read(conn, &series, close_from, close_to)?;
        let truncated = out.len() > limit;
        out.truncate(limit);
        (out, truncated)
    };
    if truncated {
        notes.push(format!(
            "more than {limit} bars are in the range; these are the {} {limit} (narrow start/end or raise limit, up to {MAX_BARS})",
            if start == i64::MIN { "last" } else { "first" }
        ));
    }
    if rows.is_empty() {
        notes.push(format!(
            "no bars in the range; {} covers {} to {} (bar closes)",
            series.key,
            format_ns(series.first_ts),
            format_ns(series.last_ts)
        ));
    }
    Ok(BarSelection {
        instrument_id: id,
        spec: wanted,
        source: Source::Catalog,
        series: series.key.clone(),
        price_precision: series.price_precision,
        size_precision: series.size_precision,
        data_end: series.last_ts,
        resampled,
        step,
        rows,
        truncated,
        notes,
    })
}

/// A page of a query's bars as CSV (for the bars resource): the text, at most `max_bytes` as
/// a JSON string, and the query for the rest when it did not all fit.
pub async fn read_bars_csv(
    ctx: Arc<Context>,
    q: BarsQuery,
    max_bytes: usize,
) -> OpResult<(String, Option<BarsQuery>)> {
    check_query(&q)?;
    let end = q.end.clone();
    let source = q.source;
    let sel = select(ctx, q).await?;
    tokio::task::spawn_blocking(move || {
        let (text, written) = bars_csv_page(&sel, max_bytes);
        if written == 0 && !sel.rows.is_empty() {
            return Err(OpError::internal(format!(
                "a page of {max_bytes} bytes cannot hold one bar"
            )));
        }
        let rest = sel.rows.get(written).map(|next| BarsQuery {
            instrument_id: sel.instrument_id.to_string(),
            bar_spec: Some(sel.spec.to_string()),
            start: Some(format_ns(next.ts - sel.step)),
            end,
            limit: Some((sel.rows.len() - written) as i64),
            source,
        });
        Ok((text, rest))
    })
    .await
    .map_err(OpError::internal)?
}
