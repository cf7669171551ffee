//! CSV parsing and validation for bars (here), quotes and trades (`ticks`).
//!
//! Nothing here touches the store: a file is parsed and checked completely first, so an
//! aborted import leaves nothing behind.

mod ticks;

pub use ticks::{parse_quotes, parse_trades};

use std::{collections::BTreeMap, path::Path, str::FromStr};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    codec::{BarRow, QuoteRow, TradeRow},
    files,
    nautilus::{max_price_mantissa, max_quantity_mantissa},
    time::{TimeForm, parse_timestamp},
};
use crate::error::{OpError, OpResult};

/// At most this many bad rows are listed in a report (all are counted).
const MAX_LISTED_PROBLEMS: usize = 20;

/// The layout of a CSV file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum CsvFormat {
    /// Detect from the header and column count.
    #[default]
    Auto,
    /// Named or positional columns (timestamp, open, high, low, close[, volume]).
    Generic,
    /// Binance kline export: no header, 12 columns, epoch milliseconds.
    BinanceKline,
    /// Binance trades export: id, price, qty, quote_qty, time, is_buyer_maker[, is_best_match].
    BinanceTrades,
}

/// Whether a bar's timestamp marks its open or its close.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum BarTimestamp {
    /// The timestamp is the bar's open; it is moved to the close (open + interval), as
    /// Nautilus expects, so that a strategy never sees a bar before it has closed.
    #[default]
    Open,
    /// The timestamp is already the bar's close.
    Close,
}

/// What to do with a row that fails validation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Stop and import nothing.
    #[default]
    Abort,
    /// Leave the bad rows out and import the rest.
    Skip,
}

/// How to read a file.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    pub format: CsvFormat,
    /// Role (`timestamp`, `open`, ... `bid`, `price`, `side`) to header name or 0-based index.
    pub columns: BTreeMap<String, String>,
    pub timestamp_at: BarTimestamp,
    pub price_precision: u8,
    pub size_precision: u8,
    pub on_error: OnError,
    /// Bar interval when known; otherwise inferred from the timestamps.
    pub bar_step_ns: Option<i64>,
}

/// A row that failed validation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BadRow {
    /// 1-based line number in the file.
    pub line: u64,
    pub problem: String,
}

/// What parsing found.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct ParseReport {
    /// Data rows read (header excluded).
    pub rows_read: u64,
    /// Rows that passed validation.
    pub rows_valid: u64,
    /// Rows left out (only with `on_error: skip`).
    pub rows_skipped: u64,
    /// The first bad rows, by line.
    pub problems: Vec<BadRow>,
    /// Whether the first line was a header.
    pub header: bool,
    /// Which column each field was read from.
    pub columns: BTreeMap<String, String>,
    /// How timestamps were written: `epoch`, `zoned` or `naive (taken as UTC)`.
    pub timestamps: String,
    /// Volumes or sizes with more decimals than the instrument's size precision, rounded.
    pub sizes_rounded: u64,
    /// Detected file layout.
    pub format: String,
}

/// Parsed rows and their report.
#[derive(Debug)]
pub struct Parsed<R> {
    pub rows: Vec<R>,
    /// The file line of each row.
    pub lines: Vec<u64>,
    pub report: ParseReport,
    /// Bar interval in nanoseconds (bars only), as given or inferred.
    pub step_ns: Option<i64>,
    /// The most common spacing of the rows in nanoseconds (bars only).
    pub spacing_ns: Option<i64>,
}

const TS_NAMES: &[&str] = &[
    "timestamp",
    "timestamp_utc",
    "time",
    "datetime",
    "date_time",
    "date",
    "ts",
    "ts_event",
    "open_time",
    "ts_init",
    "t",
];
const OPEN_NAMES: &[&str] = &["open", "o", "open_price"];
const HIGH_NAMES: &[&str] = &["high", "h", "high_price"];
const LOW_NAMES: &[&str] = &["low", "l", "low_price"];
const CLOSE_NAMES: &[&str] = &["close", "c", "close_price", "last"];
const VOLUME_NAMES: &[&str] = &["volume", "vol", "v", "base_volume"];
const BID_NAMES: &[&str] = &["bid", "bid_price", "bid_px", "best_bid", "bidprice"];
const ASK_NAMES: &[&str] = &[
    "ask",
    "ask_price",
    "ask_px",
    "best_ask",
    "askprice",
    "offer",
];
const BID_SIZE_NAMES: &[&str] = &[
    "bid_size",
    "bid_qty",
    "bid_volume",
    "bid_sz",
    "bidsize",
    "bid_amount",
];
const ASK_SIZE_NAMES: &[&str] = &[
    "ask_size",
    "ask_qty",
    "ask_volume",
    "ask_sz",
    "asksize",
    "ask_amount",
];
const PRICE_NAMES: &[&str] = &["price", "px", "trade_price", "last_price"];
const SIZE_NAMES: &[&str] = &["size", "qty", "quantity", "amount", "volume", "trade_size"];
const SIDE_NAMES: &[&str] = &[
    "side",
    "aggressor",
    "aggressor_side",
    "taker_side",
    "is_buyer_maker",
];
const ID_NAMES: &[&str] = &["trade_id", "id", "tid", "match_id"];

/// What a CSV header says a file holds, when it says more than bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderKind {
    Quotes,
    Trades,
}

/// Reads the first row of `path`: bid and ask columns without open and close mean quote
/// ticks, price and size columns without them trade ticks. `None` for anything else
/// (including a file without a header).
#[must_use]
pub fn header_kind(path: &Path) -> Option<HeaderKind> {
    let mut reader = open_csv(path).ok()?;
    let first = reader
        .records()
        .find_map(|r| r.ok().filter(|r| !r.iter().all(str::is_empty)))?;
    let names: Vec<String> = first
        .iter()
        .map(|f| f.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let has = |aliases: &[&str]| names.iter().any(|n| aliases.contains(&n.as_str()));
    if has(OPEN_NAMES) || has(CLOSE_NAMES) {
        None
    } else if has(BID_NAMES) && has(ASK_NAMES) {
        Some(HeaderKind::Quotes)
    } else if has(PRICE_NAMES) && has(SIZE_NAMES) {
        Some(HeaderKind::Trades)
    } else {
        None
    }
}

/// Column roles of each kind of file, as `columns` names them.
const BAR_ROLES: &[&str] = &["timestamp", "open", "high", "low", "close", "volume"];
const QUOTE_ROLES: &[&str] = &["timestamp", "bid", "ask", "bid_size", "ask_size"];
const TRADE_ROLES: &[&str] = &["timestamp", "price", "size", "side", "trade_id"];

/// Refuses a column mapping whose role the kind being imported does not read.
fn check_roles(opts: &CsvOptions, kind: &str, roles: &[&str]) -> OpResult<()> {
    match opts.columns.keys().find(|r| !roles.contains(&r.as_str())) {
        Some(role) => Err(OpError::invalid(
            "columns",
            format!(
                "'{role}' is not a column role of {kind}; the roles are {}",
                roles.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

struct Table {
    header: Option<Vec<String>>,
    records: Vec<(u64, csv::StringRecord)>,
}

/// A reader of every row (the header too), trimmed, skipping `#` comments: a regular file of
/// at most [`files::MAX_CSV_BYTES`].
fn open_csv(path: &Path) -> OpResult<csv::Reader<std::fs::File>> {
    let file = files::open_regular("path", path)?;
    files::check_size("path", path, &file, files::MAX_CSV_BYTES)?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(file))
}

fn read_table(path: &Path) -> OpResult<Table> {
    let mut reader = open_csv(path)?;
    let mut records = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| OpError::invalid("path", format!("{}: {e}", path.display())))?;
        let line = rec.position().map_or(0, csv::Position::line);
        if rec.iter().all(str::is_empty) {
            continue;
        }
        records.push((line, rec));
    }
    if records.is_empty() {
        return Err(OpError::invalid(
            "path",
            format!("{} has no rows", path.display()),
        ));
    }
    let first = &records[0].1;
    let is_header = first.iter().any(|f| {
        !f.is_empty() && Decimal::from_str(f).is_err() && parse_timestamp(f).is_err() && !is_bool(f)
    });
    let header = if is_header {
        let h = records
            .remove(0)
            .1
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        Some(h)
    } else {
        None
    };
    if records.is_empty() {
        return Err(OpError::invalid(
            "path",
            format!("{} has a header but no rows", path.display()),
        ));
    }
    Ok(Table { header, records })
}

fn is_bool(s: &str) -> bool {
    matches!(s.to_ascii_lowercase().as_str(), "true" | "false")
}

/// Finds the column for a role: an explicit mapping, a header alias, or a default position.
fn column(
    table: &Table,
    opts: &CsvOptions,
    role: &str,
    aliases: &[&str],
    default: Option<usize>,
    report: &mut ParseReport,
) -> OpResult<Option<usize>> {
    if let Some(spec) = opts.columns.get(role) {
        let idx = if let Ok(i) = spec.parse::<usize>() {
            Some(i)
        } else {
            table
                .header
                .as_ref()
                .and_then(|h| h.iter().position(|c| c.eq_ignore_ascii_case(spec)))
        };
        let Some(idx) = idx else {
            return Err(OpError::invalid(
                "columns",
                format!(
                    "column '{spec}' for {role} is not in the header ({})",
                    table
                        .header
                        .as_ref()
                        .map(|h| h.join(", "))
                        .unwrap_or_else(|| "no header".into())
                ),
            ));
        };
        report
            .columns
            .insert(role.to_string(), describe_column(table, idx));
        return Ok(Some(idx));
    }
    let found = match &table.header {
        Some(h) => aliases.iter().find_map(|a| h.iter().position(|c| c == a)),
        None => default,
    };
    if let Some(i) = found {
        report
            .columns
            .insert(role.to_string(), describe_column(table, i));
    }
    Ok(found)
}

fn describe_column(table: &Table, idx: usize) -> String {
    match &table.header {
        Some(h) => h
            .get(idx)
            .map_or_else(|| format!("#{idx}"), |name| format!("{name} (#{idx})")),
        None => format!("#{idx}"),
    }
}

fn require(idx: Option<usize>, role: &str, table: &Table) -> OpResult<usize> {
    idx.ok_or_else(|| {
        OpError::invalid(
            "columns",
            format!(
                "no {role} column found; header is [{}]; name it with columns {{\"{role}\": \"<header or index>\"}}",
                table.header.as_ref().map(|h| h.join(", ")).unwrap_or_default()
            ),
        )
    })
}

/// Converts a price to an integer mantissa at `precision` digits, or says why not: more
/// decimals than the precision, or beyond the largest price Nautilus holds.
pub fn to_mantissa(d: Decimal, precision: u8, what: &str) -> Result<i64, String> {
    let d = d.normalize();
    if d.scale() > u32::from(precision) {
        return Err(format!(
            "{what} {d} has {} decimals but the instrument allows {precision}",
            d.scale()
        ));
    }
    scaled(d, precision)
        .filter(|m| m.abs() <= max_price_mantissa(precision))
        .ok_or_else(|| {
            format!(
                "{what} {d} is beyond the largest price Nautilus holds ({})",
                nautilus_model::types::price::PRICE_MAX
            )
        })
}

/// `d` × 10^precision as an integer, if it is one that fits.
fn scaled(d: Decimal, precision: u8) -> Option<i64> {
    let m = d
        .checked_mul(Decimal::from(10i64.checked_pow(u32::from(precision))?))?
        .trunc();
    i64::try_from(m).ok()
}

/// A size rounded to `precision` digits as a mantissa, and whether rounding changed it; an
/// error beyond the largest quantity Nautilus holds.
fn round_mantissa(d: Decimal, precision: u8, what: &str) -> Result<(i64, bool), String> {
    let rounded = d.round_dp(u32::from(precision));
    let m = scaled(rounded, precision)
        .filter(|m| *m <= max_quantity_mantissa(precision))
        .ok_or_else(|| {
            format!(
                "{what} {d} is beyond the largest quantity Nautilus holds ({})",
                nautilus_model::types::quantity::QUANTITY_MAX
            )
        })?;
    Ok((m, rounded != d))
}

fn field<'a>(rec: &'a csv::StringRecord, idx: usize, role: &str) -> Result<&'a str, String> {
    rec.get(idx)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("missing {role} (column #{idx})"))
}

fn decimal(rec: &csv::StringRecord, idx: usize, role: &str) -> Result<Decimal, String> {
    let s = field(rec, idx, role)?;
    Decimal::from_str(s)
        .or_else(|_| Decimal::from_scientific(s))
        .map_err(|_| format!("{role} '{s}' is not a number"))
}

struct Collector {
    on_error: OnError,
    report: ParseReport,
    form: Option<TimeForm>,
    last_ts: Option<i64>,
}

impl Collector {
    fn new(opts: &CsvOptions, report: ParseReport) -> Self {
        Self {
            on_error: opts.on_error,
            report,
            form: None,
            last_ts: None,
        }
    }

    fn timestamp(&mut self, rec: &csv::StringRecord, idx: usize) -> Result<i64, String> {
        let (ts, form) = parse_timestamp(field(rec, idx, "timestamp")?)?;
        self.form.get_or_insert(form);
        if let Some(prev) = self.last_ts
            && ts <= prev
        {
            return Err(format!(
                "timestamp {} is not after the previous row's {}",
                super::time::format_ns(ts),
                super::time::format_ns(prev)
            ));
        }
        Ok(ts)
    }

    fn accept(&mut self, ts: i64) {
        self.last_ts = Some(ts);
        self.report.rows_valid += 1;
    }

    fn reject(&mut self, line: u64, problem: String) -> OpResult<()> {
        if self.report.problems.len() < MAX_LISTED_PROBLEMS {
            self.report.problems.push(BadRow {
                line,
                problem: problem.clone(),
            });
        }
        match self.on_error {
            OnError::Skip => {
                self.report.rows_skipped += 1;
                Ok(())
            }
            OnError::Abort => Err(OpError::invalid(
                "path",
                format!("line {line}: {problem}; nothing was imported (use on_error=skip to leave bad rows out)"),
            )
            .with_details(serde_json::json!({ "line": line, "problem": problem }))),
        }
    }

    fn finish(mut self) -> ParseReport {
        self.report.timestamps = match self.form {
            Some(TimeForm::Epoch) => "epoch".into(),
            Some(TimeForm::Zoned) => "zoned".into(),
            Some(TimeForm::NaiveUtc) => "naive (taken as UTC)".into(),
            None => "none".into(),
        };
        self.report
    }
}

fn detect_format(table: &Table, wanted: CsvFormat, trades: bool) -> CsvFormat {
    if wanted != CsvFormat::Auto {
        return wanted;
    }
    if table.header.is_none() {
        let first = &table.records[0].1;
        let epoch_ms = |i: usize| {
            first
                .get(i)
                .is_some_and(|s| s.len() == 13 && s.chars().all(|c| c.is_ascii_digit()))
        };
        if !trades && first.len() == 12 && epoch_ms(0) && epoch_ms(6) {
            return CsvFormat::BinanceKline;
        }
        if trades && (first.len() == 6 || first.len() == 7) && epoch_ms(4) {
            return CsvFormat::BinanceTrades;
        }
    }
    CsvFormat::Generic
}

fn format_name(f: CsvFormat) -> String {
    match f {
        CsvFormat::Auto | CsvFormat::Generic => "generic".into(),
        CsvFormat::BinanceKline => "binance_kline".into(),
        CsvFormat::BinanceTrades => "binance_trades".into(),
    }
}

/// Reads and validates OHLC(V) bars.
pub fn parse_bars(path: &Path, opts: &CsvOptions) -> OpResult<Parsed<BarRow>> {
    check_roles(opts, "bars", BAR_ROLES)?;
    let table = read_table(path)?;
    let format = detect_format(&table, opts.format, false);
    let mut report = ParseReport {
        header: table.header.is_some(),
        format: format_name(format),
        ..ParseReport::default()
    };
    let kline = format == CsvFormat::BinanceKline;
    let ts_i = require(
        column(&table, opts, "timestamp", TS_NAMES, Some(0), &mut report)?,
        "timestamp",
        &table,
    )?;
    let o_i = require(
        column(&table, opts, "open", OPEN_NAMES, Some(1), &mut report)?,
        "open",
        &table,
    )?;
    let h_i = require(
        column(&table, opts, "high", HIGH_NAMES, Some(2), &mut report)?,
        "high",
        &table,
    )?;
    let l_i = require(
        column(&table, opts, "low", LOW_NAMES, Some(3), &mut report)?,
        "low",
        &table,
    )?;
    let c_i = require(
        column(&table, opts, "close", CLOSE_NAMES, Some(4), &mut report)?,
        "close",
        &table,
    )?;
    let has_default_volume = table.records[0].1.len() > 5;
    let v_i = column(
        &table,
        opts,
        "volume",
        VOLUME_NAMES,
        has_default_volume.then_some(5),
        &mut report,
    )?;

    let mut col = Collector::new(opts, report);
    let mut rows = Vec::with_capacity(table.records.len());
    let mut lines = Vec::with_capacity(table.records.len());
    for (line, rec) in &table.records {
        col.report.rows_read += 1;
        let parsed = (|| -> Result<BarRow, String> {
            let ts = col.timestamp(rec, ts_i)?;
            let pp = opts.price_precision;
            let o = decimal(rec, o_i, "open")?;
            let h = decimal(rec, h_i, "high")?;
            let l = decimal(rec, l_i, "low")?;
            let c = decimal(rec, c_i, "close")?;
            for (name, v) in [("open", o), ("high", h), ("low", l), ("close", c)] {
                if v <= Decimal::ZERO {
                    return Err(format!("{name} {v} is not positive"));
                }
            }
            if h < o.max(c) {
                return Err(format!("high {h} is below max(open {o}, close {c})"));
            }
            if l > o.min(c) {
                return Err(format!("low {l} is above min(open {o}, close {c})"));
            }
            let volume = match v_i {
                Some(i) => {
                    let v = decimal(rec, i, "volume")?;
                    if v < Decimal::ZERO {
                        return Err(format!("volume {v} is negative"));
                    }
                    let (m, rounded) = round_mantissa(v, opts.size_precision, "volume")?;
                    if rounded {
                        col.report.sizes_rounded += 1;
                    }
                    m
                }
                None => 0,
            };
            Ok(BarRow {
                ts,
                open: to_mantissa(o, pp, "open")?,
                high: to_mantissa(h, pp, "high")?,
                low: to_mantissa(l, pp, "low")?,
                close: to_mantissa(c, pp, "close")?,
                volume,
            })
        })();
        match parsed {
            Ok(row) => {
                col.accept(row.ts);
                rows.push(row);
                lines.push(*line);
            }
            Err(problem) => col.reject(*line, problem)?,
        }
    }
    let report = col.finish();
    if rows.is_empty() {
        return Err(
            OpError::invalid("path", format!("{} has no valid rows", path.display()))
                .with_details(serde_json::to_value(&report).unwrap_or_default()),
        );
    }
    let spacing = infer_step(&rows);
    let step = opts.bar_step_ns.or(spacing).ok_or_else(|| {
        OpError::invalid(
            "bar_spec",
            "cannot infer the bar interval from one row; give bar_spec (e.g. 1-MINUTE-LAST)",
        )
    })?;
    let shift = kline || opts.timestamp_at == BarTimestamp::Open;
    if shift {
        for r in &mut rows {
            r.ts += step;
        }
    }
    Ok(Parsed {
        rows,
        lines,
        report,
        step_ns: Some(step),
        spacing_ns: spacing,
    })
}

/// The most common spacing of the first timestamps.
fn infer_step(rows: &[BarRow]) -> Option<i64> {
    let mut diffs: Vec<i64> = rows
        .windows(2)
        .take(2000)
        .map(|w| w[1].ts - w[0].ts)
        .collect();
    if diffs.is_empty() {
        return None;
    }
    diffs.sort_unstable();
    let mut best = (diffs[0], 0usize);
    let mut run = (diffs[0], 0usize);
    for d in diffs {
        if d == run.0 {
            run.1 += 1;
        } else {
            run = (d, 1);
        }
        if run.1 > best.1 {
            best = run;
        }
    }
    Some(best.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn opts() -> CsvOptions {
        CsvOptions {
            format: CsvFormat::Auto,
            columns: BTreeMap::new(),
            timestamp_at: BarTimestamp::Open,
            price_precision: 2,
            size_precision: 3,
            on_error: OnError::Abort,
            bar_step_ns: None,
        }
    }

    fn file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn header_bars_shift_to_close_time() {
        let f = file(
            "timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,10,11,9,10.5,1.5\n2024-01-01 00:01:00,10.5,12,10,11,2\n",
        );
        let p = parse_bars(f.path(), &opts()).unwrap();
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.step_ns, Some(60_000_000_000));
        assert_eq!(p.rows[0].ts, 1_704_067_260_000_000_000);
        assert_eq!(p.rows[0].close, 1050);
        assert_eq!(p.rows[0].volume, 1500);
        assert_eq!(p.report.timestamps, "naive (taken as UTC)");
    }

    #[test]
    fn bad_rows_abort_or_skip_by_line() {
        let text = "timestamp,open,high,low,close\n2024-01-01 00:00:00,10,11,9,10\n2024-01-01 00:01:00,10,9,8,10\n2024-01-01 00:02:00,10,11,9,10\n2024-01-01 00:03:00,10,11,9,10\n";
        let f = file(text);
        let err = parse_bars(f.path(), &opts()).unwrap_err();
        assert!(err.message.contains("line 3"), "{}", err.message);
        assert!(err.message.contains("high 9 is below"), "{}", err.message);
        let p = parse_bars(
            f.path(),
            &CsvOptions {
                on_error: OnError::Skip,
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.report.rows_skipped, 1);
        assert_eq!(p.report.problems[0].line, 3);
    }

    #[test]
    fn too_many_decimals_is_a_problem() {
        let f = file(
            "timestamp,open,high,low,close\n2024-01-01 00:00:00,10.123,11,9,10\n2024-01-01 00:01:00,10,11,9,10\n",
        );
        let err = parse_bars(f.path(), &opts()).unwrap_err();
        assert!(err.message.contains("3 decimals"), "{}", err.message);
    }

    #[test]
    fn binance_kline_is_detected() {
        let f = file(
            "1637971200000,0.00002853,0.00002854,0.00002851,0.00002854,36304.20000000,1637971259999,1.03547608,79,19523.00000000,0.55694227,0\n1637971260000,0.00002854,0.00002860,0.00002854,0.00002859,89196.60000000,1637971319999,2.54751330,98,59004.20000000,1.68545512,0\n",
        );
        let p = parse_bars(
            f.path(),
            &CsvOptions {
                price_precision: 8,
                size_precision: 1,
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(p.report.format, "binance_kline");
        assert_eq!(p.rows[0].ts, 1_637_971_260_000_000_000);
        assert_eq!(p.rows[0].open, 2853);
    }

    #[test]
    fn decreasing_timestamps_are_rejected() {
        let f = file(
            "timestamp,open,high,low,close\n2024-01-01 00:01:00,10,11,9,10\n2024-01-01 00:00:00,10,11,9,10\n",
        );
        let err = parse_bars(f.path(), &opts()).unwrap_err();
        assert!(err.message.contains("not after"), "{}", err.message);
    }

    #[test]
    fn quotes_and_trades() {
        let f = file("timestamp,bid,ask,bid_size,ask_size\n2024-01-01T00:00:00Z,100.5,100.6,1,2\n");
        let p = parse_quotes(f.path(), &opts()).unwrap();
        assert_eq!(p.rows[0].ask - p.rows[0].bid, 10);
        let f = file(
            "timestamp,price,size,side,trade_id\n2024-01-01T00:00:00Z,100.5,0.5,SELL,77\n2024-01-01T00:00:00Z,100.6,0.25,buy,78\n",
        );
        let p = parse_trades(f.path(), &opts()).unwrap();
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[0].aggressor, 2);
        assert_eq!(p.rows[1].trade_id, "78");
    }
}
