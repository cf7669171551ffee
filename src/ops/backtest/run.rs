//! Running a backtest: resolve the configuration, run the engine on its own thread, store and
//! summarise the result.

use std::{collections::BTreeMap, sync::Arc};

use rand::Rng;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::config::{BacktestConfig, resolve};
use crate::{
    data::time::format_ns,
    engine::{
        backtest::{self, RunOutput, RunSpec, results::Statistics},
        fast,
        strategies::StrategyPlan,
    },
    error::{OpError, OpResult},
    ops::{call::Call, context::Context},
    store::{backtests, instruments},
};

/// Balance and PnL of one currency.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PnlLine {
    pub currency: String,
    pub start_balance: String,
    pub end_balance: String,
    pub pnl: String,
    pub pnl_pct: Option<f64>,
}

/// Buy-and-hold of the same instruments and trade sizes over the same bars.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Benchmark {
    pub strategy: String,
    /// PnL after taker fees on entry and exit, in `currency`.
    pub pnl: String,
    pub currency: String,
    pub return_pct: Option<f64>,
    /// The strategy's return minus the benchmark's, in percentage points.
    pub excess_return_pct: Option<f64>,
}

/// The outcome of one backtest run.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RunSummary {
    pub run_id: String,
    /// Which evaluator produced the result: `fast` (the columnar fast path, exact to the
    /// engine) or `nautilus` (NautilusTrader's BacktestEngine).
    #[serde(default = "nautilus_engine")]
    pub engine: String,
    pub created: String,
    pub strategy_id: String,
    /// SHA-256 of the strategy definition's canonical JSON: with the parameters, what
    /// reproduces the run exactly.
    #[serde(default)]
    pub strategy_hash: String,
    /// The stored definition's version (built-ins have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_version: Option<i64>,
    /// All strategy parameters, defaults included.
    pub parameters: Map<String, Value>,
    /// The stored configuration used, if any.
    pub config: Option<String>,
    pub instruments: Vec<String>,
    /// Catalog series traded per instrument.
    pub series: BTreeMap<String, String>,
    pub start: String,
    pub end: String,
    /// Starting capital per venue.
    pub capital: BTreeMap<String, String>,
    /// Bars seen by the strategies.
    pub bars: u64,
    /// Data rows fed to the engine (bars, quotes, trades).
    pub data_rows: u64,
    pub elapsed_secs: f64,
    pub bars_per_second: f64,
    pub orders: usize,
    pub fills: usize,
    pub positions: usize,
    pub round_trips: usize,
    pub pnl: Vec<PnlLine>,
    pub statistics: Statistics,
    pub benchmark: Option<Benchmark>,
    /// Quantity traded per entry, per instrument.
    pub trade_sizes: BTreeMap<String, String>,
    pub notes: Vec<String>,
}

fn nautilus_engine() -> String {
    "nautilus".into()
}

/// A run's stored detail: the equity samples.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredEquity {
    pub step_ns: i64,
    /// (Unix ns, equity).
    pub points: Vec<(i64, String)>,
}

/// Resolution of the stored equity curve: a round step giving at most ~20,000 samples.
#[must_use]
pub fn equity_step(range_ns: i64, bar_step_ns: i64) -> i64 {
    const M: i64 = 60_000_000_000;
    let steps = [
        M,
        5 * M,
        15 * M,
        30 * M,
        60 * M,
        240 * M,
        1440 * M,
        7 * 1440 * M,
    ];
    let wanted = bar_step_ns.max(range_ns / 20_000);
    steps
        .iter()
        .copied()
        .find(|s| *s >= wanted)
        .unwrap_or(wanted)
}

fn new_run_id() -> String {
    let now = chrono::Utc::now();
    // 32 random bits: a sweep of thousands of runs in one second still gets distinct ids.
    let suffix: u32 = rand::rng().random();
    format!("BT-{}-{suffix:08x}", now.format("%Y%m%d-%H%M%S"))
}

/// Which evaluator runs a backtest.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum EngineChoice {
    /// The fast path when it reproduces the run exactly, else NautilusTrader's engine.
    #[default]
    Auto,
    /// The fast path only (an error names what it cannot reproduce).
    Fast,
    /// NautilusTrader's BacktestEngine.
    Nautilus,
}

/// Which evaluator ran, and why the engine ran when the fast path was allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    /// `fast` or `nautilus`.
    pub engine: &'static str,
    /// What the fast path could not reproduce, when it fell back to the engine.
    pub fallback: Option<String>,
}

/// A run resolved against the catalog, ready for either evaluator.
pub struct Prepared {
    pub spec: RunSpec,
    /// What was assumed, for the user.
    pub notes: Vec<String>,
    /// Starting capital per venue.
    pub capital: BTreeMap<String, String>,
    /// Catalog series traded per instrument.
    pub series: BTreeMap<String, String>,
}

/// Resolves a configuration and strategy into a run of either evaluator (`trace`: record every
/// order and fill).
pub fn prepare(
    ctx: &Context,
    config: &BacktestConfig,
    plan: &StrategyPlan,
    trace: bool,
) -> OpResult<Prepared> {
    let all_in = matches!(
        plan.plan.sizing,
        crate::engine::strategies::lang::plan::SizingSpec::AllIn
    );
    let resolved = resolve(&ctx.store.conn(), config, all_in)?;
    let step = equity_step(resolved.end_ns - resolved.start_ns, resolved.bar_step_ns);
    let spec = RunSpec {
        venues: resolved.venues,
        instruments: resolved.instruments,
        start_ns: resolved.start_ns,
        end_ns: resolved.end_ns,
        strategy: plan.clone(),
        equity_step_ns: step,
        equity_venue: resolved.equity_venue,
        equity_currency: resolved.equity_currency,
        annualization_days: resolved.annualization_days,
        database: ctx.store.path().to_path_buf(),
        trace,
        order_log: 0,
    };
    Ok(Prepared {
        spec,
        notes: resolved.notes,
        capital: resolved.capital,
        series: resolved.series.into_iter().collect(),
    })
}

/// Resolves, runs, stores and summarises one backtest.
pub async fn execute(
    ctx: Arc<Context>,
    config: BacktestConfig,
    stored_name: Option<String>,
    plan: StrategyPlan,
    engine: EngineChoice,
    call: &Call,
) -> OpResult<RunSummary> {
    let prepared = prepare(&ctx, &config, &plan, false)?;
    let step = prepared.spec.equity_step_ns;
    let (start_ns, end_ns) = (prepared.spec.start_ns, prepared.spec.end_ns);
    let equity_currency = prepared.spec.equity_currency.code.to_string();
    let (output, ran) = run_spec(prepared.spec, engine, call).await?;
    store(
        &ctx,
        &config,
        stored_name,
        &plan,
        Stored {
            output: &output,
            ran: &ran,
            notes: prepared.notes,
            capital: prepared.capital,
            series: prepared.series,
            step_ns: step,
            start_ns,
            end_ns,
            equity_currency,
        },
    )
}

/// What a finished run stores besides its configuration and strategy.
pub struct Stored<'o> {
    pub output: &'o RunOutput,
    pub ran: &'o Ran,
    pub notes: Vec<String>,
    pub capital: BTreeMap<String, String>,
    pub series: BTreeMap<String, String>,
    pub step_ns: i64,
    pub start_ns: i64,
    pub end_ns: i64,
    /// The currency equity is measured in.
    pub equity_currency: String,
}

/// Resolves and runs one backtest without storing it, keeping the first `order_log` orders
/// placed (an order log needs the engine); returns the summary, the output, the equity step and
/// the creation time.
pub(crate) async fn run_summary(
    ctx: &Arc<Context>,
    config: &BacktestConfig,
    stored_name: Option<String>,
    plan: &StrategyPlan,
    call: &Call,
    order_log: usize,
) -> OpResult<(RunSummary, RunOutput, i64, chrono::DateTime<chrono::Utc>)> {
    let mut prepared = prepare(ctx, config, plan, false)?;
    prepared.spec.order_log = order_log;
    let step = prepared.spec.equity_step_ns;
    let (start_ns, end_ns) = (prepared.spec.start_ns, prepared.spec.end_ns);
    let equity_currency = prepared.spec.equity_currency.code.to_string();
    let (output, ran) = run_spec(prepared.spec, EngineChoice::Auto, call).await?;
    let run = Stored {
        output: &output,
        ran: &ran,
        notes: prepared.notes,
        capital: prepared.capital,
        series: prepared.series,
        step_ns: step,
        start_ns,
        end_ns,
        equity_currency,
    };
    let (summary, created) = summary_of(ctx, config, stored_name, plan, run)?;
    Ok((summary, output, step, created))
}

/// Summarises a finished run under a new run id (not stored).
fn summary_of(
    ctx: &Context,
    config: &BacktestConfig,
    stored_name: Option<String>,
    plan: &StrategyPlan,
    run: Stored<'_>,
) -> OpResult<(RunSummary, chrono::DateTime<chrono::Utc>)> {
    let output = run.output;
    let mut notes = run.notes;
    if let Some(why) = &run.ran.fallback {
        notes.push(format!(
            "engine: nautilus (the fast path does not reproduce {why} exactly)"
        ));
    }
    notes.extend(output.notes.iter().cloned());
    let run_id = new_run_id();
    let created = chrono::Utc::now();
    let benchmark = benchmark(ctx, output, &run.equity_currency)?;
    let mut summary = summarise(
        &run_id,
        &created,
        config,
        stored_name,
        plan,
        run.series,
        run.capital,
        output,
        benchmark,
        notes,
        run.start_ns,
        run.end_ns,
    );
    summary.engine = run.ran.engine.to_string();
    Ok((summary, created))
}

/// Summarises a finished run and stores it under a new run id.
pub fn store(
    ctx: &Context,
    config: &BacktestConfig,
    stored_name: Option<String>,
    plan: &StrategyPlan,
    run: Stored<'_>,
) -> OpResult<RunSummary> {
    let (output, step_ns) = (run.output, run.step_ns);
    let (summary, created) = summary_of(ctx, config, stored_name, plan, run)?;
    let run_id = summary.run_id.clone();
    let equity = StoredEquity {
        step_ns,
        points: output
            .equity
            .iter()
            .map(|(t, e)| (*t, e.normalize().to_string()))
            .collect(),
    };
    let stored = backtests::StoredRun {
        run_id: run_id.clone(),
        config_name: summary.config.clone(),
        strategy_id: plan.id.clone(),
        created_at: created.timestamp_millis(),
        summary: serde_json::to_string(&summary).map_err(OpError::internal)?,
        config: serde_json::to_string(config).map_err(OpError::internal)?,
        trades: serde_json::to_string(&output.trades).map_err(OpError::internal)?,
        equity: serde_json::to_string(&equity).map_err(OpError::internal)?,
    };
    let parameters = serde_json::to_string(&plan.parameters).map_err(OpError::internal)?;
    ctx.store
        .write(|tx| backtests::insert_run(tx, &stored, &parameters))?;
    Ok(summary)
}

/// Runs a prepared backtest on a thread of its own (Nautilus state is thread-local) with the
/// chosen evaluator.
pub async fn run_spec(
    spec: RunSpec,
    engine: EngineChoice,
    call: &Call,
) -> OpResult<(RunOutput, Ran)> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let progress = call.progress_sink();
    let cancel = call.cancel.clone();
    std::thread::Builder::new()
        .name("backtest".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_blocking(spec, engine, progress, &cancel)
            }))
            .unwrap_or_else(|p| {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    .unwrap_or_else(|| "unknown panic".into());
                Err(engine_panic(&msg))
            });
            let _ = tx.send(result);
        })
        .map_err(|e| OpError::internal(format!("starting the backtest thread: {e}")))?;
    rx.await
        .map_err(|_| OpError::internal("the backtest thread ended without a result"))?
}

/// Runs a prepared backtest on the current thread with the chosen evaluator.
pub fn run_blocking(
    spec: RunSpec,
    engine: EngineChoice,
    progress: Option<crate::progress::ProgressSink>,
    cancel: &tokio_util::sync::CancellationToken,
) -> OpResult<(RunOutput, Ran)> {
    let nautilus = |spec, fallback| {
        backtest::run(spec, progress.clone(), cancel).map(|o| {
            (
                o,
                Ran {
                    engine: "nautilus",
                    fallback,
                },
            )
        })
    };
    if engine == EngineChoice::Nautilus {
        return nautilus(spec, None);
    }
    match fast::run(&spec, cancel, progress.as_ref()) {
        Ok(output) => {
            if let Some(p) = &progress {
                p(crate::progress::ProgressUpdate {
                    done: output.data_rows,
                    total: Some(output.data_rows),
                    message: None,
                });
            }
            Ok((
                output,
                Ran {
                    engine: "fast",
                    fallback: None,
                },
            ))
        }
        Err(fast::Declined::Failed(e)) => Err(e),
        Err(fast::Declined::Unsupported(why)) if engine == EngineChoice::Fast => {
            Err(OpError::invalid(
                "engine",
                format!(
                    "the fast path does not reproduce {why} exactly; use engine auto or nautilus"
                ),
            ))
        }
        Err(fast::Declined::Unsupported(why)) => nautilus(spec, Some(why.0)),
    }
}

/// The error for a panic inside the engine; a balance past the engine's exact range is the
/// user's to fix, anything else is ours.
fn engine_panic(msg: &str) -> OpError {
    if msg.contains("!= `free`") {
        OpError::state(format!(
            "a balance grew past the largest amount the engine books exactly (about \
             2^51 / 10^precision of its currency, e.g. 22517998 USDT): lower initial_capital or \
             trade_size ({msg})"
        ))
    } else {
        OpError::internal(format!("the backtest engine failed: {msg}"))
    }
}

fn benchmark(ctx: &Context, out: &RunOutput, equity_ccy: &str) -> OpResult<Option<Benchmark>> {
    let conn = ctx.store.conn();
    let mut pnl = Decimal::ZERO;
    for (id, (first, last)) in &out.price_range {
        let Some(qty) = out.trade_sizes.get(id) else {
            continue;
        };
        let Some(known) = instruments::get(&conn, id)? else {
            continue;
        };
        let def = known.def;
        let settle = def
            .settlement
            .as_deref()
            .unwrap_or(&def.quote)
            .to_ascii_uppercase();
        if settle != equity_ccy || def.inverse {
            return Ok(None);
        }
        let mult = def.multiplier.unwrap_or(Decimal::ONE);
        let fees = def.taker_fee * *qty * mult * (*first + *last);
        pnl += *qty * mult * (*last - *first) - fees;
    }
    let start = out
        .balances
        .iter()
        .find(|(c, _, _)| c == equity_ccy)
        .map(|(_, s, _)| *s);
    let pct = |p: Decimal| {
        start.filter(|s| !s.is_zero()).and_then(|s| {
            (p / s * Decimal::from(100))
                .round_dp(6)
                .to_string()
                .parse::<f64>()
                .ok()
        })
    };
    let strategy_pnl = out
        .balances
        .iter()
        .find(|(c, _, _)| c == equity_ccy)
        .map(|(_, s, e)| *e - *s);
    let ret = pct(pnl);
    let excess = strategy_pnl
        .and_then(pct)
        .zip(ret)
        .map(|(a, b)| ((a - b) * 1e6).round() / 1e6);
    Ok(Some(Benchmark {
        strategy: "BuyAndHold".into(),
        pnl: pnl.round_dp(8).normalize().to_string(),
        currency: equity_ccy.to_string(),
        return_pct: ret,
        excess_return_pct: excess,
    }))
}

#[expect(clippy::too_many_arguments)]
fn summarise(
    run_id: &str,
    created: &chrono::DateTime<chrono::Utc>,
    config: &BacktestConfig,
    stored_name: Option<String>,
    plan: &StrategyPlan,
    series: BTreeMap<String, String>,
    capital: BTreeMap<String, String>,
    out: &RunOutput,
    benchmark: Option<Benchmark>,
    notes: Vec<String>,
    start_ns: i64,
    end_ns: i64,
) -> RunSummary {
    let pnl = out
        .balances
        .iter()
        .map(|(c, s, e)| PnlLine {
            currency: c.clone(),
            start_balance: s.normalize().to_string(),
            end_balance: e.normalize().to_string(),
            pnl: (*e - *s).normalize().to_string(),
            pnl_pct: (!s.is_zero()).then(|| {
                ((*e - *s) / *s * Decimal::from(100))
                    .round_dp(6)
                    .to_string()
                    .parse()
                    .unwrap_or(0.0)
            }),
        })
        .collect();
    let bps = if out.elapsed_secs > 0.0 {
        (out.data_rows as f64 / out.elapsed_secs).round()
    } else {
        0.0
    };
    RunSummary {
        run_id: run_id.to_string(),
        engine: "nautilus".into(),
        created: created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        strategy_id: plan.id.clone(),
        strategy_hash: plan.hash.clone(),
        strategy_version: plan.version,
        parameters: plan.parameters.clone(),
        config: stored_name,
        instruments: config.instruments.clone(),
        series,
        start: format_ns(out.first_ts.unwrap_or(start_ns)),
        end: format_ns(out.last_ts.unwrap_or(end_ns)),
        capital,
        bars: out.bars,
        data_rows: out.data_rows,
        elapsed_secs: (out.elapsed_secs * 1000.0).round() / 1000.0,
        bars_per_second: bps,
        orders: out.orders,
        fills: out.fills,
        positions: out.positions,
        round_trips: out.trades.len(),
        pnl,
        statistics: out.statistics.clone(),
        benchmark,
        trade_sizes: out
            .trade_sizes
            .iter()
            .map(|(k, v)| (k.clone(), v.normalize().to_string()))
            .collect(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_balance_past_the_exact_range_is_the_users_to_fix() {
        let err = engine_panic(
            "Condition failed: `total` (29999356.87780001 USDT) - `locked` (210.2277 USDT) != `free` (29999146.65010002 USDT)",
        );
        assert_eq!(err.category, crate::error::Category::Client);
        assert!(
            err.message.contains("lower initial_capital or trade_size"),
            "{}",
            err.message
        );
        let err = engine_panic("index out of bounds");
        assert_eq!(err.code, crate::error::Code::Internal);
    }
}
