//! Synthetic bars: `data generate`, a seeded random walk written into the catalog in steps.

use super::*;

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
