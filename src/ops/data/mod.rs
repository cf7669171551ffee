//! Data operations: import CSV files and instrument definitions, list the catalog; generate
//! synthetic bars (`generate`).

mod generate;

pub use generate::{GenerateData, GenerateDataRequest, GenerateDataResponse};

use std::{collections::BTreeMap, path::PathBuf, sync::Arc};

use nautilus_model::{data::BarSpecification, enums::PriceType, identifiers::InstrumentId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    assign::{self, Assign},
    call::Call,
    context::Context,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::{
        self,
        codec::{BarRow, QuoteRow, Row, TradeRow},
        csv_import::{
            self, BarTimestamp, CsvFormat, CsvOptions, HeaderKind, OnError, ParseReport, Parsed,
        },
        generate::{Walk, WalkParams},
        instruments::{InstrumentDef, InstrumentFile},
        pairing,
        time::{format_duration_ns, format_ns, parse_timestamp},
    },
    error::{Code, OpError, OpResult},
    store::{
        Db,
        catalog::{self, SeriesHeader, SeriesMeta},
        instruments,
    },
    values::parse_instrument_id,
};

/// What a data file holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum DataKind {
    /// Decide from the file: `.json` is instruments; a CSV header with bid and ask columns
    /// (no open/close) is quotes, with price and size columns trades; anything else bars.
    #[default]
    Auto,
    Bars,
    Quotes,
    Trades,
    Instruments,
}

/// Import historical data into the catalog: OHLCV bars, quote ticks or trade ticks from CSV
/// (generic with or without header, Binance kline and trade exports), or instrument
/// definitions from JSON. The file is validated completely before anything is stored; bad rows
/// are reported by line and either abort the import (default) or are skipped. New rows replace
/// stored rows of the same series within their time range.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportDataRequest {
    /// The CSV or JSON file to import.
    pub path: PathBuf,
    /// Instrument the data belongs to, SYMBOL.VENUE (required for bars, quotes and trades).
    #[arg(
        long = "instrument",
        visible_alias = "instrument-id",
        value_name = "SYMBOL.VENUE"
    )]
    #[serde(default)]
    pub instrument_id: Option<String>,
    /// What the file holds.
    #[arg(long, value_enum, default_value_t)]
    #[serde(default)]
    pub kind: DataKind,
    /// Bar specification, e.g. 1-MINUTE-LAST (default: interval inferred from the timestamps).
    #[arg(long)]
    #[serde(default)]
    pub bar_spec: Option<String>,
    /// Price type of bars when bar_spec is not given: LAST (default), BID, ASK or MID.
    #[arg(long)]
    #[serde(default)]
    pub price_type: Option<String>,
    /// An ask-side bar file paired with `path` as the bid side (e.g. FX bid/ask bars).
    #[arg(long, value_name = "FILE")]
    #[serde(default)]
    pub ask_path: Option<PathBuf>,
    /// File layout.
    #[arg(long, value_enum, default_value_t)]
    #[serde(default)]
    pub format: CsvFormat,
    /// Column mapping ROLE=HEADER_OR_INDEX; roles: timestamp, open, high, low, close, volume,
    /// bid, ask, bid_size, ask_size, price, size, side, trade_id.
    #[arg(long = "column", value_name = "ROLE=COLUMN")]
    #[serde(default, deserialize_with = "assign::deserialize")]
    #[schemars(with = "BTreeMap<String, String>")]
    pub columns: Vec<Assign>,
    /// Whether bar timestamps mark the bar's open (default; moved to its close) or its close.
    #[arg(long, value_enum, default_value_t)]
    #[serde(default)]
    pub timestamp_at: BarTimestamp,
    /// On a bad row: abort (default; nothing is imported) or skip it.
    #[arg(long, value_enum, default_value_t)]
    #[serde(default)]
    pub on_error: OnError,
    /// Replace the whole stored series instead of merging by time range.
    #[arg(long)]
    #[serde(default)]
    pub replace: bool,
}

/// One series written by an import.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ImportedSeries {
    /// Catalog key, e.g. `BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL`.
    pub key: String,
    pub instrument_id: String,
    pub kind: String,
    pub spec: String,
    /// Rows taken from the file.
    pub rows_imported: u64,
    /// Rows the series holds now.
    pub rows_total: i64,
    /// First timestamp of the series (RFC 3339, UTC).
    pub first: String,
    /// Last timestamp of the series.
    pub last: String,
    /// What the parser saw.
    pub report: ParseReport,
}

/// The result of an import.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ImportDataResponse {
    pub series: Vec<ImportedSeries>,
    /// Instrument definitions stored (instrument files).
    pub instruments: Vec<String>,
    /// What the user should know: time zone assumptions, timestamp shifts, rounding.
    pub notes: Vec<String>,
}

/// `data import` / `import_data`.
pub struct ImportData;

impl Operation for ImportData {
    const INFO: OpInfo = OpInfo {
        group: Group::Data,
        cli_name: "import",
        tool_name: "import_data",
        class: OpClass::Research,
        idempotent: true,
        destructive: false,
    };
    type Request = ImportDataRequest;
    type Response = ImportDataResponse;

    async fn run(
        ctx: Arc<Context>,
        req: ImportDataRequest,
        call: Call,
    ) -> OpResult<ImportDataResponse> {
        call.require_files("path")?;
        let slot = ctx.jobs.slot("import_data", &call).await?;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            import(&ctx, &req, &call)
        })
        .await
        .map_err(OpError::internal)?
    }
}

fn import(ctx: &Context, req: &ImportDataRequest, call: &Call) -> OpResult<ImportDataResponse> {
    if !req.path.is_file() {
        return Err(OpError::invalid(
            "path",
            format!("{} is not a readable file", req.path.display()),
        ));
    }
    let kind = match req.kind {
        DataKind::Auto
            if req
                .path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            DataKind::Instruments
        }
        DataKind::Auto => match csv_import::header_kind(&req.path) {
            Some(HeaderKind::Quotes) => DataKind::Quotes,
            Some(HeaderKind::Trades) => DataKind::Trades,
            None => DataKind::Bars,
        },
        k => k,
    };
    if kind == DataKind::Instruments {
        // Instrument definitions set the trading node's rules (increments, limits, fees), so
        // replacing them is node administration, not research.
        call.require(OpClass::Admin).map_err(|e| {
            OpError::new(
                e.code,
                format!(
                    "importing instrument definitions changes the trading node's rules: {}",
                    e.message
                ),
            )
        })?;
        return import_instruments(ctx, req);
    }
    let id_text = req.instrument_id.as_deref().ok_or_else(|| {
        OpError::invalid(
            "instrument_id",
            "required to import bars, quotes or trades (e.g. BTCUSDT.BINANCE)",
        )
    })?;
    let instrument_id = parse_instrument_id("instrument_id", id_text)?;
    let known = instruments::require(
        &ctx.store.conn(),
        "instrument_id",
        &instrument_id.to_string(),
    )?;
    let (pp, sp) = (known.def.price_precision(), known.def.size_precision());
    let spec = req
        .bar_spec
        .as_deref()
        .map(|s| data::parse_bar_spec("bar_spec", s))
        .transpose()?;
    let opts = CsvOptions {
        format: req.format,
        columns: req
            .columns
            .iter()
            .map(|a| (a.key.to_ascii_lowercase(), value_text(&a.value)))
            .collect(),
        timestamp_at: req.timestamp_at,
        price_precision: pp,
        size_precision: sp,
        on_error: req.on_error,
        bar_step_ns: spec.map(|s| data::spec_step_ns(&s)),
    };
    let mut notes = Vec::new();
    let source = req
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let series = match kind {
        DataKind::Bars => {
            let sides: Vec<(PathBuf, PriceType)> = match &req.ask_path {
                Some(ask) => vec![
                    (req.path.clone(), PriceType::Bid),
                    (ask.clone(), PriceType::Ask),
                ],
                None => vec![(
                    req.path.clone(),
                    price_type(req, spec.map(|s| s.price_type))?,
                )],
            };
            let mut files = Vec::new();
            for (path, pt) in sides {
                let p = csv_import::parse_bars(&path, &opts)?;
                notes.extend(spacing_note(&path, &p, spec));
                files.push((path, pt, p));
            }
            if let [(bid_path, _, bid), (ask_path, _, ask)] = &files[..] {
                let pairing = pairing::check_bid_ask(bid, ask, bid_path, ask_path, pp)?;
                notes.extend(pairing.notes);
            }
            let mut parsed = Vec::new();
            for (path, pt, p) in files {
                let step = p.step_ns.expect("bars have a step");
                let bar_spec = match spec {
                    Some(s) if req.ask_path.is_none() => s,
                    _ => data::spec_for_step(step, pt).ok_or_else(|| {
                        OpError::invalid("bar_spec", format!("the rows are {step} ns apart, which is not a whole time unit; give bar_spec"))
                    })?,
                };
                if req.timestamp_at == BarTimestamp::Open || p.report.format == "binance_kline" {
                    notes.push(format!(
                        "{}: bar timestamps are bar opens and were moved to bar closes (+{})",
                        path.display(),
                        bar_spec
                    ));
                }
                let header = SeriesHeader {
                    key: data::bars_key(instrument_id, bar_spec),
                    instrument_id: instrument_id.to_string(),
                    kind: BarRow::KIND,
                    spec: bar_spec.to_string(),
                    price_precision: pp,
                    size_precision: sp,
                    source: path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                };
                parsed.push((header, p.rows, p.report));
            }
            let mut conn = ctx.store.conn();
            write_all(&mut conn, parsed, req.replace)?
        }
        DataKind::Quotes => {
            let p = csv_import::parse_quotes(&req.path, &opts)?;
            let header = tick_header(
                instrument_id,
                data::quotes_key(id_text),
                QuoteRow::KIND,
                "QUOTES",
                pp,
                sp,
                &source,
            );
            let mut conn = ctx.store.conn();
            write_all(&mut conn, vec![(header, p.rows, p.report)], req.replace)?
        }
        DataKind::Trades => {
            let p = csv_import::parse_trades(&req.path, &opts)?;
            let header = tick_header(
                instrument_id,
                data::trades_key(id_text),
                TradeRow::KIND,
                "TRADES",
                pp,
                sp,
                &source,
            );
            let mut conn = ctx.store.conn();
            write_all(&mut conn, vec![(header, p.rows, p.report)], req.replace)?
        }
        DataKind::Auto | DataKind::Instruments => unreachable!("handled above"),
    };
    for s in &series {
        if s.report.timestamps.starts_with("naive") {
            notes.push(format!(
                "{}: timestamps have no time zone and were taken as UTC",
                s.key
            ));
        }
        if s.report.sizes_rounded > 0 {
            notes.push(format!(
                "{}: {} volume/size values had more decimals than the instrument's size precision {sp} and were rounded",
                s.key, s.report.sizes_rounded
            ));
        }
        if s.report.rows_skipped > 0 {
            notes.push(format!(
                "{}: {} bad rows were skipped (see report.problems)",
                s.key, s.report.rows_skipped
            ));
        }
    }
    Ok(ImportDataResponse {
        series,
        instruments: Vec::new(),
        notes,
    })
}

/// A note when the rows are closer together than the bar_spec given: each row becomes one bar
/// of the longer interval, which is rarely what was meant.
fn spacing_note(
    path: &std::path::Path,
    parsed: &Parsed<BarRow>,
    spec: Option<BarSpecification>,
) -> Option<String> {
    let (spacing, spec) = (parsed.spacing_ns?, spec?);
    let step = data::spec_step_ns(&spec);
    (spacing < step).then(|| {
        format!(
            "{}: the rows are {} apart, finer than the bar_spec {spec}: each row was stored as \
             one {} bar; give the rows' own interval (or none) to keep them as they are",
            path.display(),
            format_duration_ns(spacing),
            format_duration_ns(step)
        )
    })
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn price_type(req: &ImportDataRequest, from_spec: Option<PriceType>) -> OpResult<PriceType> {
    if let Some(pt) = from_spec {
        return Ok(pt);
    }
    match req
        .price_type
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("LAST") => Ok(PriceType::Last),
        Some("BID") => Ok(PriceType::Bid),
        Some("ASK") => Ok(PriceType::Ask),
        Some("MID") => Ok(PriceType::Mid),
        Some(other) => Err(OpError::invalid(
            "price_type",
            format!("'{other}' is not LAST, BID, ASK or MID"),
        )),
    }
}

fn tick_header(
    id: InstrumentId,
    key: String,
    kind: &'static str,
    spec: &str,
    pp: u8,
    sp: u8,
    source: &str,
) -> SeriesHeader {
    SeriesHeader {
        key,
        instrument_id: id.to_string(),
        kind,
        spec: spec.into(),
        price_precision: pp,
        size_precision: sp,
        source: source.into(),
    }
}

/// Writes every parsed file in one transaction: all series land, or none.
fn write_all<R: Row>(
    conn: &mut Db,
    parsed: Vec<(SeriesHeader, Vec<R>, ParseReport)>,
    replace: bool,
) -> OpResult<Vec<ImportedSeries>> {
    crate::store::write_tx(conn, |tx| {
        let mut out = Vec::new();
        for (header, rows, report) in parsed {
            let imported = rows.len() as u64;
            let merged = match catalog::get(tx, &header.key)? {
                Some(existing) if !replace => {
                    if existing.price_precision != header.price_precision
                        || existing.size_precision != header.size_precision
                    {
                        return Err(OpError::state(format!(
                            "{} is stored at price/size precision {}/{} but the instrument now has {}/{}; import with replace",
                            header.key,
                            existing.price_precision,
                            existing.size_precision,
                            header.price_precision,
                            header.size_precision
                        )));
                    }
                    let (first, last) = (rows[0].ts(), rows[rows.len() - 1].ts());
                    let old: Vec<R> = catalog::read(tx, &existing, i64::MIN, i64::MAX)?;
                    merge(old, rows, first, last)
                }
                _ => rows,
            };
            let meta = catalog::write(tx, &header, &merged)?;
            out.push(ImportedSeries {
                key: meta.key.clone(),
                instrument_id: meta.instrument_id.clone(),
                kind: meta.kind.clone(),
                spec: meta.spec.clone(),
                rows_imported: imported,
                rows_total: meta.rows,
                first: format_ns(meta.first_ts),
                last: format_ns(meta.last_ts),
                report,
            });
        }
        Ok(out)
    })
}

/// Stored rows outside `[first, last]` plus the new rows, in time order.
fn merge<R: Row>(old: Vec<R>, new: Vec<R>, first: i64, last: i64) -> Vec<R> {
    let (before, rest): (Vec<R>, Vec<R>) = old.into_iter().partition(|r| r.ts() < first);
    let after = rest.into_iter().filter(|r| r.ts() > last);
    before.into_iter().chain(new).chain(after).collect()
}

fn import_instruments(ctx: &Context, req: &ImportDataRequest) -> OpResult<ImportDataResponse> {
    let text = data::files::read_text("path", &req.path, data::files::MAX_JSON_BYTES)?;
    let origin = req.path.display().to_string();
    let defs: Vec<InstrumentDef> = InstrumentFile::parse(&text, &origin)?;
    if defs.is_empty() {
        return Err(OpError::invalid(
            "path",
            format!("{origin} defines no instruments"),
        ));
    }
    ctx.store
        .write(|tx| instruments::upsert(tx, &defs, &origin))?;
    Ok(ImportDataResponse {
        series: Vec::new(),
        instruments: defs.iter().map(|d| d.id.clone()).collect(),
        notes: vec![format!(
            "{} instrument definitions stored from {origin}",
            defs.len()
        )],
    })
}

/// List the catalog: every stored series with its instrument, kind, time range and rows.
/// Series are bars, quotes or trades; the range is the first and last timestamp.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListDataRequest {
    /// Only series of this instrument (SYMBOL.VENUE).
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    #[serde(default)]
    pub instrument_id: Option<String>,
    /// Only this kind: bars, quotes or trades.
    #[arg(long)]
    #[serde(default)]
    pub kind: Option<String>,
}

/// One stored series.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SeriesView {
    pub key: String,
    pub instrument_id: String,
    pub kind: String,
    pub spec: String,
    /// First timestamp (RFC 3339, UTC).
    pub first: String,
    /// Last timestamp (RFC 3339, UTC).
    pub last: String,
    pub rows: i64,
    /// Stored size in bytes.
    pub bytes: i64,
    pub source: String,
}

impl From<&SeriesMeta> for SeriesView {
    fn from(m: &SeriesMeta) -> Self {
        Self {
            key: m.key.clone(),
            instrument_id: m.instrument_id.clone(),
            kind: m.kind.clone(),
            spec: m.spec.clone(),
            first: format_ns(m.first_ts),
            last: format_ns(m.last_ts),
            rows: m.rows,
            bytes: m.bytes,
            source: m.source.clone(),
        }
    }
}

/// The catalog's contents.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListDataResponse {
    pub series: Vec<SeriesView>,
}

/// `data list` / `list_data`.
pub struct ListData;

impl Operation for ListData {
    const INFO: OpInfo = OpInfo {
        group: Group::Data,
        cli_name: "list",
        tool_name: "list_data",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = ListDataRequest;
    type Response = ListDataResponse;

    async fn run(
        ctx: Arc<Context>,
        req: ListDataRequest,
        _call: Call,
    ) -> OpResult<ListDataResponse> {
        if let Some(k) = &req.kind
            && !["bars", "quotes", "trades"].contains(&k.as_str())
        {
            return Err(OpError::invalid(
                "kind",
                format!("'{k}' is not bars, quotes or trades"),
            ));
        }
        let instrument = req
            .instrument_id
            .as_deref()
            .map(|i| parse_instrument_id("instrument_id", i))
            .transpose()?;
        let all = catalog::list(&ctx.store.conn())?;
        let series = all
            .iter()
            .filter(|m| instrument.is_none_or(|i| m.instrument_id == i.to_string()))
            .filter(|m| req.kind.as_deref().is_none_or(|k| m.kind == k))
            .map(SeriesView::from)
            .collect();
        Ok(ListDataResponse { series })
    }
}
