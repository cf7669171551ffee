//! `market bars` / `get_bars`: stored bars, resampled on request, as JSON or CSV.

use std::{path::PathBuf, sync::Arc};

use nautilus_model::{
    data::{Bar, BarSpecification},
    enums::{BarAggregation, PriceType},
    identifiers::InstrumentId,
    types::{Price, Quantity},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::common::{
    Source, bounded, fixed_len, parse_range, push_fixed, push_time, require_instrument, route,
    series_of, time_len,
};
use crate::{
    data::{self, codec::BarRow, resample, time::format_ns},
    engine::venues::runtime::ConnectedVenue,
    error::{Code, OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::{
        Db,
        catalog::{self, SeriesMeta},
    },
    values::parse_instrument_id,
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
    /// The page's byte budget stopped the bars before `limit` (see [`Page`]).
    pub page_full: bool,
    pub notes: Vec<String>,
}

/// The most one answer may carry, in bytes: the bars as CSV text inside a JSON string (a page:
/// the bars that fit, the rest read next), or as JSON bars inside a JSON string, as a
/// resource's text carries them (more is refused before the answer is built).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Csv(usize),
    Json(usize),
}

/// The header of the CSV bars.
const CSV_HEADER: &str = "open_time,open,high,low,close,volume\n";
/// A bar's JSON inside a JSON string is this much longer than its CSV line: keys, quotes,
/// braces and the comma between bars (62), and the escapes of its 24 quotes.
const JSON_OVER_CSV: usize = 62 + 24;

/// The bytes a bar takes as a CSV line inside a JSON string (its line break escaped to two).
fn csv_line_bytes(r: &BarRow, step: i64, pp: u8, sp: u8) -> usize {
    time_len(r.ts - step)
        + [r.open, r.high, r.low, r.close]
            .iter()
            .map(|&m| fixed_len(m, pp))
            .sum::<usize>()
        + fixed_len(r.volume, sp)
        + 7
}

/// Counts bars into an answer: at most `limit`, and what fits the page.
struct Fill {
    page: Option<Page>,
    limit: usize,
    room: usize,
    count: usize,
    full: bool,
    step: i64,
    pp: u8,
    sp: u8,
}

impl Fill {
    fn new(page: Option<Page>, limit: usize, step: i64, pp: u8, sp: u8) -> Self {
        let room = match page {
            Some(Page::Csv(b)) => b.saturating_sub(CSV_HEADER.len() + 1),
            Some(Page::Json(b)) => b,
            None => usize::MAX,
        };
        Self {
            page,
            limit,
            room,
            count: 0,
            full: false,
            step,
            pp,
            sp,
        }
    }

    /// Takes a bar when the count and the page have room for it.
    fn take(&mut self, r: &BarRow) -> bool {
        if self.count >= self.limit || self.full {
            return false;
        }
        if let Some(page) = self.page {
            let mut bytes = csv_line_bytes(r, self.step, self.pp, self.sp);
            if matches!(page, Page::Json(_)) {
                bytes += JSON_OVER_CSV;
            }
            if bytes > self.room {
                self.full = true;
                return false;
            }
            self.room -= bytes;
        }
        self.count += 1;
        true
    }
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
        let sel = select(ctx, query, None).await?;
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
/// connected in testnet or live mode (unless `source` is catalog), else from the catalog. With
/// a page, no more than fits it (a JSON page that cannot hold them all is an error).
pub async fn select(ctx: Arc<Context>, q: BarsQuery, page: Option<Page>) -> OpResult<BarSelection> {
    let to_venue = q.source.is_none_or(|s| s == BarSource::Live);
    let venue_q = q.clone();
    let mut sel = route(
        ctx,
        q.instrument_id.clone(),
        to_venue,
        move |_, conn, id| {
            if q.source == Some(BarSource::Live) {
                return Err(OpError::state(format!(
                    "source: {} is not connected in testnet or live mode; its bars come from \
                     the catalog (source catalog)",
                    id.venue
                ))
                .with_details(json!({"field": "source", "valid": ["catalog"]})));
            }
            select_bars(conn, &q, page)
        },
        move |lv, id| venue_bars(lv, id, venue_q),
    )
    .await?;
    fit_page(&mut sel, page)?;
    Ok(sel)
}

/// Keeps the bars of a selection that fit the page; a JSON page that cannot hold them all is
/// refused, naming the limit that fits.
fn fit_page(sel: &mut BarSelection, page: Option<Page>) -> OpResult<()> {
    let Some(page) = page else { return Ok(()) };
    let mut fill = Fill::new(
        Some(page),
        usize::MAX,
        sel.step,
        sel.price_precision,
        sel.size_precision,
    );
    let fit = sel.rows.iter().take_while(|r| fill.take(r)).count();
    if fit < sel.rows.len() {
        sel.rows.truncate(fit);
        sel.truncated = true;
        sel.page_full = true;
    }
    match page {
        Page::Json(max) if sel.page_full => Err(OpError::new(
            Code::ResponseTooLarge,
            format!(
                "limit: the {} bars of {} asked for take more than the {:.1} MiB one answer \
                 carries as JSON; at most {fit} fit from the start of the range: lower limit \
                 to {fit} or narrow start/end, or read them as CSV (format=csv), page by page",
                sel.spec,
                sel.instrument_id,
                max as f64 / (1024.0 * 1024.0)
            ),
        )
        .with_details(json!({"field": "limit", "max_limit": fit, "max_bytes": max}))),
        _ => Ok(()),
    }
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
async fn venue_bars(
    lv: Arc<ConnectedVenue>,
    id: InstrumentId,
    q: BarsQuery,
) -> OpResult<BarSelection> {
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
        page_full: false,
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
    const HEADER: &str = CSV_HEADER;
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

/// Chooses and reads the bars of a query (already checked with [`check_query`]), reading no
/// more of the catalog than `limit` bars (and a page, when given) need.
pub fn select_bars(conn: &Db, q: &BarsQuery, page: Option<Page>) -> OpResult<BarSelection> {
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
        )
        .with_details(json!({"field": "instrument_id"})));
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
    let (pp, sp) = (series.price_precision, series.size_precision);
    let (rows, truncated, page_full) = if resampled {
        // Source bars of the intervals opening in [start, end]; a bar holds at most
        // `step / src_step` of them, so that many per bar (and one bar more, to tell whether
        // there is more) is all the reading needs.
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
        let per_bar = usize::try_from(step / src_step.max(1)).unwrap_or(1).max(1);
        let need = limit.saturating_add(1).saturating_mul(per_bar);
        let src: Vec<BarRow> = if start == i64::MIN {
            catalog::read_last(
                conn,
                &series,
                first_open.saturating_add(1),
                last_close,
                need,
            )?
        } else {
            catalog::read_first(
                conn,
                &series,
                first_open.saturating_add(1),
                last_close,
                need,
            )?
        };
        let mut out = resample::resample(
            id,
            spec_of(&series).ok_or_else(|| OpError::internal("stored bar spec is unreadable"))?,
            wanted,
            &src,
            pp,
            sp,
        )?;
        out.retain(|r| r.ts >= close_from && r.ts <= close_to);
        // Cut before the notes: a bar cut short by the reading is never one returned.
        let truncated = out.len() > limit;
        if truncated {
            if start == i64::MIN {
                out.drain(..out.len() - limit);
            } else {
                out.truncate(limit);
            }
        }
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
        (out, truncated, false)
    } else if start == i64::MIN && usize::try_from(series.rows).unwrap_or(usize::MAX) > limit {
        let mut out: Vec<BarRow> =
            catalog::read_last(conn, &series, close_from, close_to, limit + 1)?;
        let truncated = out.len() > limit;
        if truncated {
            out.remove(0);
        }
        (out, truncated, false)
    } else {
        // From the start (or from the first bar, when the series has no more than `limit`:
        // the last `limit` are then all of them), as far as the limit and the page go.
        let mut fill = Fill::new(page, limit, step, pp, sp);
        let (out, more) =
            catalog::read_while(conn, &series, close_from, close_to, |r| fill.take(r))?;
        (out, more, fill.full)
    };
    if truncated && !page_full && rows.len() == limit {
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
        page_full,
        notes,
    })
}

/// A page of a query's bars as CSV (for the bars resource): the text, at most `max_bytes` as
/// a JSON string, and the query for the rest when it did not all fit. Reads no more bars than
/// the page holds.
pub async fn read_bars_csv(
    ctx: Arc<Context>,
    q: BarsQuery,
    max_bytes: usize,
) -> OpResult<(String, Option<BarsQuery>)> {
    check_query(&q)?;
    let (end, source) = (q.end.clone(), q.source);
    let limit = q.limit.unwrap_or(DEFAULT_BARS).clamp(1, MAX_BARS) as usize;
    let sel = select(ctx, q, Some(Page::Csv(max_bytes))).await?;
    tokio::task::spawn_blocking(move || {
        if sel.page_full && sel.rows.is_empty() {
            return Err(OpError::internal(format!(
                "a page of {max_bytes} bytes cannot hold one bar"
            )));
        }
        let text = bars_csv(&sel);
        // The next bar opens at or after the close of the last one written.
        let rest = match sel.rows.last() {
            Some(last) if sel.page_full => Some(BarsQuery {
                instrument_id: sel.instrument_id.to_string(),
                bar_spec: Some(sel.spec.to_string()),
                start: Some(format_ns(last.ts)),
                end,
                limit: Some((limit - sel.rows.len()) as i64),
                source,
            }),
            _ => None,
        };
        Ok((text, rest))
    })
    .await
    .map_err(OpError::internal)?
}

/// The bars of a query as one JSON answer of at most `max_bytes` (for the bars resource):
/// more bars than that holds are refused before the answer is built.
pub async fn read_bars_json(
    ctx: Arc<Context>,
    q: BarsQuery,
    max_bytes: usize,
) -> OpResult<BarsResponse> {
    check_query(&q)?;
    let sel = select(ctx, q, Some(Page::Json(max_bytes))).await?;
    Ok(response(&sel, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(rows: Vec<BarRow>) -> BarSelection {
        let id = InstrumentId::from("BTCUSDT.BINANCE");
        let spec = BarSpecification::new(1, BarAggregation::Minute, PriceType::Last);
        BarSelection {
            instrument_id: id,
            spec,
            source: Source::Catalog,
            series: "s".into(),
            price_precision: 2,
            size_precision: 5,
            data_end: 0,
            resampled: false,
            step: data::spec_step_ns(&spec),
            rows,
            truncated: false,
            page_full: false,
            notes: Vec::new(),
        }
    }

    /// The page arithmetic counts what the text takes: a CSV line in a JSON string, and a
    /// bar's JSON in a JSON string.
    #[test]
    fn bar_sizes_are_the_texts() {
        let rows = vec![
            BarRow {
                ts: 1_704_067_260_000_000_000,
                open: 4_200_000,
                high: 4_210_050,
                low: 4_199_999,
                close: 4_205_000,
                volume: 123_456_789,
            },
            BarRow {
                ts: 1_704_067_320_000_000_000,
                open: 5,
                high: 10,
                low: -3,
                close: 0,
                volume: 0,
            },
        ];
        let sel = selection(rows.clone());
        let (text, written) = bars_csv_page(&sel, usize::MAX);
        assert_eq!(written, 2);
        let want: usize = rows.iter().map(|r| csv_line_bytes(r, sel.step, 2, 5)).sum();
        let escaped = serde_json::to_string(&text).unwrap().len() - 2;
        assert_eq!(want + CSV_HEADER.len() + 1, escaped);

        let bars = serde_json::to_string(&response(&sel, None).bars).unwrap();
        let in_string = serde_json::to_string(&bars).unwrap().len() - 2;
        // The list's brackets, less the comma the last bar does not have.
        assert_eq!(want + 2 * JSON_OVER_CSV + 1, in_string);
    }
}
