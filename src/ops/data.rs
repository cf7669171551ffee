//! Data operations: import CSV files and instrument definitions, generate synthetic bars,
//! list the catalog.

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

/// Generate deterministic synthetic bars (a seeded geometric random walk with calm, normal and
/// stressed volatility regimes) into the catalog, and optionally write them as CSV. The same
/// seed always gives the same bars. Generated bars never replace imported ones (replace, with
/// the admin scope, overwrites them), and the bars of an instrument on a venue the node has
/// connected (what the paper market replays) need the trade scope. The bars are written in
/// steps, so a long generation never holds up orders.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateDataRequest {
    /// Instrument, SYMBOL.VENUE (must have a definition).
    #[arg(
        long = "instrument",
        visible_alias = "instrument-id",
        default_value = "BTCUSDT.BINANCE"
    )]
    #[serde(default = "default_instrument")]
    pub instrument_id: String,
    /// Bar specification (time bars).
    #[arg(long, default_value = "1-MINUTE-LAST")]
    #[serde(default = "default_spec")]
    pub bar_spec: String,
    /// Open time of the first bar.
    #[arg(long, default_value = "2024-01-01T00:00:00Z")]
    #[serde(default = "default_start")]
    pub start: String,
    /// Number of bars.
    #[arg(long, default_value_t = 44_640)]
    #[serde(default = "default_bars")]
    pub bars: u64,
    /// Random seed.
    #[arg(long, default_value_t = 42)]
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Price of the first bar.
    #[arg(long, default_value = "42000")]
    #[serde(default = "default_price")]
    pub start_price: crate::values::Dec,
    /// Annualised volatility of the normal regime (0.6 = 60%).
    #[arg(long, default_value = "0.6")]
    #[serde(default = "default_vol")]
    pub volatility: crate::values::Dec,
    /// Annualised drift (0.1 = +10% a year).
    #[arg(long, default_value = "0")]
    #[serde(default)]
    pub drift: crate::values::Dec,
    /// Also write the bars to this CSV file (timestamp = bar open, UTC).
    #[arg(long, value_name = "FILE")]
    #[serde(default)]
    pub csv: Option<PathBuf>,
    /// Do not store in the catalog (only write the CSV).
    #[arg(long)]
    #[serde(default)]
    pub no_store: bool,
    /// Overwrite a series of imported bars under the same instrument and bar_spec (needs the
    /// admin scope). Without it, generated bars never replace imported ones.
    #[arg(long)]
    #[serde(default)]
    pub replace: bool,
}

fn default_instrument() -> String {
    "BTCUSDT.BINANCE".into()
}
fn default_spec() -> String {
    "1-MINUTE-LAST".into()
}
fn default_start() -> String {
    "2024-01-01T00:00:00Z".into()
}
fn default_bars() -> u64 {
    44_640
}
fn default_seed() -> u64 {
    42
}
fn default_price() -> crate::values::Dec {
    crate::values::Dec(rust_decimal::Decimal::from(42_000))
}
fn default_vol() -> crate::values::Dec {
    crate::values::Dec(rust_decimal::Decimal::new(6, 1))
}

/// The generated series.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GenerateDataResponse {
    /// Catalog key (absent with no_store).
    pub key: Option<String>,
    pub instrument_id: String,
    pub bar_spec: String,
    pub bars: u64,
    /// Close time of the first bar.
    pub first: String,
    /// Close time of the last bar.
    pub last: String,
    /// First open and last close price.
    pub first_open: String,
    pub last_close: String,
    pub seed: u64,
    /// The CSV written, if any.
    pub csv: Option<String>,
}

/// `data generate` / `generate_data`.
pub struct GenerateData;

/// Most bars one call may generate (twenty years of minutes).
const MAX_GENERATED_BARS: u64 = 20 * 525_960;
/// Bars generated, checked and stored per step: memory stays flat and other writers get the
/// database between steps.
const GENERATE_STEP: usize = 50_000;
/// How the catalog marks a generated series (its `source`).
const GENERATED: &str = "generated";

impl Operation for GenerateData {
    const INFO: OpInfo = OpInfo {
        group: Group::Data,
        cli_name: "generate",
        tool_name: "generate_data",
        class: OpClass::Research,
        idempotent: true,
        destructive: false,
    };
    type Request = GenerateDataRequest;
    type Response = GenerateDataResponse;

    async fn run(
        ctx: Arc<Context>,
        req: GenerateDataRequest,
        call: Call,
    ) -> OpResult<GenerateDataResponse> {
        if req.csv.is_some() {
            call.require_files("csv")?;
        }
        let slot = ctx.jobs.slot("generate_data", &call).await?;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            generate(&ctx, &req, &call)
        })
        .await
        .map_err(OpError::internal)?
    }
}

/// A generation checked against every limit before anything is written.
struct GenerationPlan {
    instrument_id: InstrumentId,
    spec: BarSpecification,
    walk: WalkParams,
    key: String,
}

fn plan_generation(ctx: &Context, req: &GenerateDataRequest) -> OpResult<GenerationPlan> {
    let instrument_id = parse_instrument_id("instrument_id", &req.instrument_id)?;
    let known = instruments::require(
        &*ctx.store.snapshot()?,
        "instrument_id",
        &instrument_id.to_string(),
    )?;
    let spec = data::parse_bar_spec("bar_spec", &req.bar_spec)?;
    if req.bars == 0 || req.bars > MAX_GENERATED_BARS {
        return Err(OpError::invalid(
            "bars",
            format!(
                "must be between 1 and {MAX_GENERATED_BARS}, got {}",
                req.bars
            ),
        ));
    }
    let (pp, sp) = (known.def.price_precision(), known.def.size_precision());
    let start_price = req.start_price.positive("start_price")?;
    let tick = known.def.price_increment;
    if start_price < tick {
        return Err(OpError::invalid(
            "start_price",
            format!(
                "{start_price} is below the price increment {tick} of {instrument_id}; give at \
                 least {tick}"
            ),
        ));
    }
    let max_price = rust_decimal::Decimal::from(data::nautilus::max_price_mantissa(0));
    if start_price > max_price / rust_decimal::Decimal::TWO {
        return Err(OpError::invalid(
            "start_price",
            format!(
                "{start_price} leaves no room below the largest price Nautilus holds \
                 ({max_price}); give at most {}",
                max_price / rust_decimal::Decimal::TWO
            ),
        ));
    }
    let vol = req.volatility.positive("volatility")?;
    let ten = rust_decimal::Decimal::from(10);
    if vol > ten {
        return Err(OpError::invalid(
            "volatility",
            format!("{vol} is above 10 (1000% a year)"),
        ));
    }
    let drift = req.drift.get();
    if drift.abs() > ten {
        return Err(OpError::invalid(
            "drift",
            format!("{drift} is outside -10 to 10 (±1000% a year)"),
        ));
    }
    let (start_ns, _) = parse_timestamp(&req.start).map_err(|e| OpError::invalid("start", e))?;
    let step = data::spec_step_ns(&spec);
    let last_close = i64::try_from(req.bars)
        .ok()
        .and_then(|n| step.checked_mul(n))
        .and_then(|span| start_ns.checked_add(span));
    if start_ns < 0 || last_close.is_none() {
        return Err(OpError::invalid(
            "start",
            format!(
                "{} bars of {spec} from {} do not fit the times Nautilus holds (1970-01-01 to \
                 2262-04-11T23:47:16Z)",
                req.bars, req.start
            ),
        ));
    }
    let to_f64 = |d: rust_decimal::Decimal| -> f64 { d.to_string().parse().unwrap_or(0.0) };
    Ok(GenerationPlan {
        instrument_id,
        spec,
        walk: WalkParams {
            seed: req.seed,
            start_ns: start_ns + step,
            step_ns: step,
            bars: req.bars as usize,
            start_price: to_f64(start_price),
            annual_volatility: to_f64(vol),
            annual_drift: to_f64(drift),
            price_precision: pp,
            size_precision: sp,
        },
        key: data::bars_key(instrument_id, spec),
    })
}

/// Whether the caller may store generated bars under `key`. Generated bars never replace
/// imported ones: that takes `replace`, and the admin scope, like the import it undoes. And the
/// bars of an instrument on a venue the node has connected are what the paper market replays
/// and VaR reads, so writing them takes the trade scope: a read token's research never moves
/// the market other callers trade on.
fn check_target(
    conn: &Db,
    call: &Call,
    key: &str,
    instrument_id: InstrumentId,
    replace: bool,
) -> OpResult<()> {
    if let Some(existing) = catalog::get(conn, key)?
        && !existing.source.starts_with(GENERATED)
    {
        if !replace {
            return Err(OpError::new(
                Code::AlreadyExists,
                format!(
                    "{key} holds {} imported bars ({} to {}, from {}); generated bars never \
                     replace imported ones: generate another instrument or bar_spec, or give \
                     replace (--replace) to overwrite them",
                    existing.rows,
                    format_ns(existing.first_ts),
                    format_ns(existing.last_ts),
                    existing.source
                ),
            )
            .with_details(serde_json::json!({ "field": "replace", "key": key })));
        }
        call.require(OpClass::Admin).map_err(|e| {
            OpError::new(
                e.code,
                format!("replace: overwriting imported bars: {}", e.message),
            )
        })?;
    }
    if !call.scope().permits(OpClass::Trade)
        && crate::store::node::venue(conn, instrument_id.venue.as_str())?.is_some()
    {
        return Err(OpError::new(
            Code::PermissionDenied,
            format!(
                "instrument_id: the node has connected {}, so the bars of {instrument_id} are \
                 what its paper market replays and its VaR reads; changing them needs the \
                 'trade' scope, the caller has '{}'. Generate bars for an instrument of a venue \
                 the node has not connected",
                instrument_id.venue,
                call.scope()
            ),
        )
        .with_details(serde_json::json!({
            "field": "instrument_id",
            "needed_scope": "trade",
            "caller_scope": call.scope(),
        })));
    }
    Ok(())
}

fn generate(
    ctx: &Context,
    req: &GenerateDataRequest,
    call: &Call,
) -> OpResult<GenerateDataResponse> {
    let plan = plan_generation(ctx, req)?;
    let (pp, sp) = (plan.walk.price_precision, plan.walk.size_precision);
    let mut conn = ctx.store.new_connection()?;
    if !req.no_store {
        check_target(&conn, call, &plan.key, plan.instrument_id, req.replace)?;
    }
    let header = SeriesHeader {
        key: plan.key.clone(),
        instrument_id: plan.instrument_id.to_string(),
        kind: BarRow::KIND,
        spec: plan.spec.to_string(),
        price_precision: pp,
        size_precision: sp,
        source: format!("{GENERATED} (seed {})", req.seed),
    };
    let mut csv = req
        .csv
        .as_ref()
        .map(|path| data::csv_export::writer("csv", path).map(|w| (path, w)))
        .transpose()?;
    if let Some((path, w)) = &mut csv {
        let io = |e: &dyn std::fmt::Display| OpError::io(format!("writing {}", path.display()), e);
        w.write_record(["timestamp", "open", "high", "low", "close", "volume"])
            .map_err(|e| io(&e))?;
    }
    let mut staged = if req.no_store {
        None
    } else {
        Some(catalog::Staged::begin(&mut conn, &header)?)
    };
    let walked = walk_into(&plan, &mut csv, &mut staged, &mut conn, call);
    let stored = match (walked, staged) {
        (Err(e), staged) => {
            if let Some(s) = staged {
                s.abort(&mut conn);
            }
            return Err(e);
        }
        (Ok(ends), None) => (ends, None),
        (Ok(ends), Some(s)) => {
            let meta = crate::store::write_tx(&mut conn, |tx| {
                check_target(tx, call, &plan.key, plan.instrument_id, req.replace)?;
                s.commit(tx)
            })?;
            (ends, Some(meta.key))
        }
    };
    let ((first, last), key) = stored;
    let fmt = |m: i64| data::nautilus::price(m, pp).to_string();
    Ok(GenerateDataResponse {
        key,
        instrument_id: plan.instrument_id.to_string(),
        bar_spec: plan.spec.to_string(),
        bars: req.bars,
        first: format_ns(first.ts),
        last: format_ns(last.ts),
        first_open: fmt(first.open),
        last_close: fmt(last.close),
        seed: req.seed,
        csv: req.csv.as_ref().map(|p| p.display().to_string()),
    })
}

/// Walks the plan step by step: each step's bars are checked against the largest price
/// Nautilus holds, written to the CSV and staged. Returns the first and last bar.
fn walk_into(
    plan: &GenerationPlan,
    csv: &mut Option<(&PathBuf, csv::Writer<std::fs::File>)>,
    staged: &mut Option<catalog::Staged>,
    conn: &mut Db,
    call: &Call,
) -> OpResult<(BarRow, BarRow)> {
    let (pp, sp, step) = (
        plan.walk.price_precision,
        plan.walk.size_precision,
        plan.walk.step_ns,
    );
    let max = data::nautilus::max_price_mantissa(pp);
    let mut walk = Walk::new(&plan.walk);
    let (mut first, mut last) = (None, None);
    let mut done = 0usize;
    loop {
        let rows: Vec<BarRow> = walk.by_ref().take(GENERATE_STEP).collect();
        let Some(end) = rows.last().copied() else {
            break;
        };
        if let Some(i) = rows.iter().position(|r| r.high > max) {
            return Err(OpError::invalid(
                "start_price",
                format!(
                    "the walk passes the largest price Nautilus holds ({}) at bar {}; lower \
                     start_price, volatility or drift, or generate fewer bars",
                    data::nautilus::price(max, pp),
                    done + i + 1
                ),
            ));
        }
        if let Some((path, w)) = csv {
            write_csv_rows(path, w, &rows, step, pp, sp)?;
        }
        if let Some(s) = staged {
            s.append(conn, &rows)?;
        }
        first.get_or_insert(rows[0]);
        last = Some(end);
        done += rows.len();
        call.progress(done as u64, Some(plan.walk.bars as u64), None);
        call.check_cancelled()?;
    }
    if let Some((path, w)) = csv {
        w.flush()
            .map_err(|e| OpError::io(format!("writing {}", path.display()), e))?;
    }
    match (first, last) {
        (Some(f), Some(l)) => Ok((f, l)),
        _ => Err(OpError::invalid("bars", "nothing was generated")),
    }
}

fn write_csv_rows(
    path: &std::path::Path,
    w: &mut csv::Writer<std::fs::File>,
    rows: &[BarRow],
    step: i64,
    pp: u8,
    sp: u8,
) -> OpResult<()> {
    let io = |e: &dyn std::fmt::Display| OpError::io(format!("writing {}", path.display()), e);
    for r in rows {
        let p = |m: i64| data::nautilus::price(m, pp).to_string();
        w.write_record([
            format_ns(r.ts - step),
            p(r.open),
            p(r.high),
            p(r.low),
            p(r.close),
            data::nautilus::quantity(r.volume, sp).to_string(),
        ])
        .map_err(|e| io(&e))?;
    }
    Ok(())
}
