//! Walk-forward optimisation: a grid optimised on each in-sample window, its best combination
//! run on the out-of-sample window that follows, and the out-of-sample runs stitched into
//! one equity curve.

use std::{sync::Arc, time::Instant};

use rand::Rng;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::plot::{PlotArg, Plotted, plotted, walk_forward_chart};

use super::{
    config::BacktestConfig,
    grid::GridRequest,
    import_local_csv,
    run::{self, EngineChoice, Ran},
    run_config, sweep,
};
use crate::{
    data::time::{format_ns, parse_span},
    engine::{
        backtest::{
            RunOutput,
            results::{Statistics, TripPnl, statistics},
        },
        fast::batch::{self, Light},
    },
    error::{Code, OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::studies,
};

/// Most windows one walk-forward may have.
const MAX_WINDOWS: usize = 500;

/// Walk-forward: optimise the grid on each in-sample window and run its best combination on
/// the out-of-sample window after it. Windows roll (or are anchored); the answer reports every
/// window, the stitched out-of-sample equity curve with its statistics, and the walk-forward
/// efficiency (annualised out-of-sample PnL over annualised in-sample PnL). Stored with an id.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct WalkForwardRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub run: GridRequest,
    /// In-sample window, e.g. 60d (units m, h, d, w).
    #[arg(long)]
    pub in_sample: String,
    /// Out-of-sample window, e.g. 20d.
    #[arg(long)]
    pub out_of_sample: String,
    /// How far each window moves on (default: the out-of-sample window).
    #[arg(long)]
    #[serde(default)]
    pub step: Option<String>,
    /// Anchored: every in-sample window starts at the start of the range and grows (default:
    /// rolling windows of a fixed length).
    #[arg(long)]
    #[serde(default)]
    pub anchored: bool,
    /// A gap between each in-sample window and its out-of-sample window (default none).
    #[arg(long)]
    #[serde(default)]
    pub purge: Option<String>,
    /// Statistic the in-sample optimisation maximises (as for sweeps; default sharpe_ratio).
    #[arg(long, default_value = "sharpe_ratio")]
    #[serde(default = "default_rank")]
    pub rank_by: String,
    #[command(flatten)]
    #[serde(flatten)]
    pub plot: PlotArg,
}

fn default_rank() -> String {
    "sharpe_ratio".into()
}

/// A window's time range.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub start: String,
    pub end: String,
}

/// Headline results of one run of a window.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct WindowStats {
    /// PnL in `ranked_in` (exact).
    pub pnl: String,
    pub pnl_pct: Option<f64>,
    pub sharpe_ratio: Option<f64>,
    pub max_drawdown: Option<f64>,
    pub win_rate: Option<f64>,
    pub round_trips: usize,
    /// The optimised statistic.
    pub score: Option<f64>,
}

/// One in-sample/out-of-sample pair.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Window {
    pub index: usize,
    pub in_sample: Span,
    pub out_of_sample: Span,
    /// The best combination in sample.
    pub parameters: Map<String, Value>,
    pub in_sample_stats: WindowStats,
    pub out_of_sample_stats: WindowStats,
    /// Annualised out-of-sample PnL over annualised in-sample PnL.
    pub efficiency: Option<f64>,
    /// The stored out-of-sample run.
    pub run_id: String,
    /// `fast` or `nautilus`.
    pub engine: String,
}

/// The out-of-sample runs as one.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Stitched {
    pub pnl: String,
    pub pnl_pct: Option<f64>,
    pub round_trips: usize,
    pub statistics: Statistics,
    /// (time, equity): each window's equity moves added to where the previous one ended.
    pub equity: Vec<(String, String)>,
}

/// A finished walk-forward.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct WalkForwardResult {
    /// `WF-...`.
    pub walk_forward_id: String,
    pub strategy_id: String,
    pub rank_by: String,
    pub ranked_in: String,
    /// rolling or anchored.
    pub mode: String,
    pub windows: Vec<Window>,
    pub stitched: Stitched,
    /// Annualised stitched out-of-sample PnL over the mean annualised in-sample PnL of the
    /// winners.
    pub efficiency: Option<f64>,
    /// Combinations optimised per window.
    pub combinations: usize,
    pub engine: String,
    pub elapsed_secs: f64,
    pub notes: Vec<String>,
}

/// The windows of a range: (in-sample, out-of-sample) as inclusive ns bounds.
pub fn windows(
    start: i64,
    end: i64,
    in_sample: i64,
    out_of_sample: i64,
    step: i64,
    purge: i64,
    anchored: bool,
) -> Vec<((i64, i64), (i64, i64))> {
    let mut out = Vec::new();
    for k in 0.. {
        let offset = step.saturating_mul(k);
        let is_start = if anchored { start } else { start + offset };
        let is_end = start + offset + in_sample;
        let oos_start = is_end + purge;
        let oos_end = oos_start + out_of_sample;
        if oos_end - 1 > end || out.len() >= MAX_WINDOWS {
            break;
        }
        out.push(((is_start, is_end - 1), (oos_start, oos_end - 1)));
    }
    out
}

fn span_of(field: &str, text: &str) -> OpResult<i64> {
    parse_span(text).map_err(|e| OpError::invalid(field, e))
}

fn stats(light: &Light, rank_by: &str, currency: &str) -> WindowStats {
    let p = light.statistics.pnl.iter().find(|p| p.currency == currency);
    WindowStats {
        pnl: p.map_or_else(|| "0".into(), |p| p.pnl_total.clone()),
        pnl_pct: p.and_then(|p| p.pnl_pct),
        sharpe_ratio: light.statistics.returns.sharpe_ratio,
        max_drawdown: light.statistics.returns.max_drawdown,
        win_rate: p.and_then(|p| p.win_rate),
        round_trips: light.round_trips,
        score: sweep::score(light, rank_by, currency),
    }
}

/// PnL per day.
fn per_day(pnl: &str, span_ns: i64) -> Option<f64> {
    let p: f64 = pnl.parse().ok()?;
    let days = span_ns as f64 / 86_400e9;
    (days > 0.0).then(|| p / days)
}

fn ratio(oos: Option<f64>, is: Option<f64>) -> Option<f64> {
    match (oos, is) {
        (Some(o), Some(i)) if i != 0.0 => Some(((o / i) * 1e6).round() / 1e6),
        _ => None,
    }
}

/// `backtest walk-forward` / `walk_forward`.
pub struct WalkForward;

impl Operation for WalkForward {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "walk-forward",
        tool_name: "walk_forward",
        class: OpClass::Research,
        idempotent: false,
        destructive: false,
    };
    type Request = WalkForwardRequest;
    type Response = Plotted<WalkForwardResult>;

    async fn run(
        ctx: Arc<Context>,
        req: WalkForwardRequest,
        call: Call,
    ) -> OpResult<Plotted<WalkForwardResult>> {
        let started = Instant::now();
        let rank_by = sweep::rank_key(&req.rank_by)?;
        let target = req.plot.target(&call)?;
        let in_sample = span_of("in_sample", &req.in_sample)?;
        let out_of_sample = span_of("out_of_sample", &req.out_of_sample)?;
        let step = req
            .step
            .as_deref()
            .map(|s| span_of("step", s))
            .transpose()?
            .unwrap_or(out_of_sample);
        let purge = req
            .purge
            .as_deref()
            .map(|s| span_of("purge", s))
            .transpose()?
            .unwrap_or(0);
        let combos = req.run.combinations(&ctx.store.conn(), 10_000)?;
        // Each thread holds a research slot: more threads than slots would only wait in line.
        let threads = combos.threads.min(ctx.jobs.size());
        let (fixed, strategy_id) = (&combos.fixed, combos.strategy_id);
        let (config, stored) = run_config(&ctx, req.run.config.as_deref(), &req.run.settings)?;
        import_local_csv(&ctx, &config, &call).await?;
        // The whole range, resolved once for its bounds.
        let whole = run::prepare(&ctx, &config, &combos.runs[0].2, false)?.spec;
        let list = windows(
            whole.start_ns,
            whole.end_ns,
            in_sample,
            out_of_sample,
            step,
            purge,
            req.anchored,
        );
        if list.is_empty() {
            return Err(OpError::invalid(
                "in_sample",
                format!(
                    "the range {} to {} holds no in-sample window of {} followed by an out-of-sample window of {}",
                    format_ns(whole.start_ns),
                    format_ns(whole.end_ns),
                    req.in_sample,
                    req.out_of_sample
                ),
            ));
        }
        let currency = whole.equity_currency.code.to_string();
        let id = format!(
            "WF-{}-{:08x}",
            chrono::Utc::now().format("%Y%m%d-%H%M%S"),
            rand::rng().random::<u32>()
        );
        let request_json = serde_json::json!({
            "strategy_id": strategy_id, "in_sample": req.in_sample, "out_of_sample": req.out_of_sample,
            "step": req.step, "purge": req.purge, "anchored": req.anchored, "rank_by": rank_by,
            "parameters": fixed, "where": req.run.condition, "config": config,
        });
        studies::start(
            &ctx.store.conn(),
            &id,
            studies::WALK_FORWARD,
            Some(&strategy_id),
            &request_json.to_string(),
        )?;

        let mut out_windows = Vec::new();
        let mut engines = std::collections::BTreeSet::new();
        let mut stitched: Vec<(i64, Decimal)> = Vec::new();
        let mut trips: Vec<TripPnl> = Vec::new();
        let mut offset = Decimal::ZERO;
        let mut capital: Option<Decimal> = None;
        let (mut is_rate_sum, mut oos_pnl, mut oos_ns) = (0.0f64, Decimal::ZERO, 0i64);
        for (k, ((is0, is1), (oos0, oos1))) in list.iter().copied().enumerate() {
            call.check_cancelled()?;
            let is_config = with_range(&config, is0, is1);
            let oos_config = with_range(&config, oos0, oos1);
            // In sample: every combination, the best by the statistic (grid order on ties).
            let lights = evaluate_all(
                &ctx,
                &is_config,
                &combos.runs,
                req.run.engine,
                threads,
                &call,
            )
            .await?;
            let best = lights
                .iter()
                .enumerate()
                .max_by(|(ia, a), (ib, b)| {
                    let sa = sweep::score(a, &rank_by, &currency).unwrap_or(f64::NEG_INFINITY);
                    let sb = sweep::score(b, &rank_by, &currency).unwrap_or(f64::NEG_INFINITY);
                    sa.total_cmp(&sb).then(ib.cmp(ia))
                })
                .map(|(i, _)| i)
                .ok_or_else(|| OpError::internal("no combination evaluated"))?;
            let (_, values, plan) = &combos.runs[best];
            let is_stats = stats(&lights[best], &rank_by, &currency);
            // Out of sample: the winner.
            let prepared = run::prepare(&ctx, &oos_config, plan, false)?;
            let spec = prepared.spec.clone();
            let (out, ran) =
                run::run_spec(&ctx.jobs, spec.clone(), req.run.engine, &call_for(&call)).await?;
            engines.insert(ran.engine);
            let summary = run::store(
                &ctx,
                &oos_config,
                stored.clone(),
                plan,
                run::Stored {
                    output: &out,
                    ran: &ran,
                    notes: prepared.notes,
                    capital: prepared.capital,
                    series: prepared.series,
                    step_ns: spec.equity_step_ns,
                    start_ns: spec.start_ns,
                    end_ns: spec.end_ns,
                    equity_currency: currency.clone(),
                },
            )?;
            let oos_light = Light::from_output(&out);
            let oos_stats = stats(&oos_light, &rank_by, &currency);
            // Stitch: this window's equity moves, added to where the previous window ended.
            let start_balance = out
                .balances
                .iter()
                .find(|(c, _, _)| *c == currency)
                .map_or(Decimal::ZERO, |(_, s, _)| *s);
            capital.get_or_insert(start_balance);
            for (ts, e) in &out.equity {
                stitched.push((*ts, offset + *e));
            }
            let window_pnl = out
                .balances
                .iter()
                .find(|(c, _, _)| *c == currency)
                .map_or(Decimal::ZERO, |(_, s, e)| *e - *s);
            offset += window_pnl;
            trips.extend(out.trades.iter().map(|t| t.trip_pnl()));
            oos_pnl += window_pnl;
            oos_ns += oos1 - oos0 + 1;
            let is_rate = per_day(&is_stats.pnl, is1 - is0 + 1);
            is_rate_sum += is_rate.unwrap_or(0.0);
            out_windows.push(Window {
                index: k + 1,
                in_sample: Span {
                    start: format_ns(is0),
                    end: format_ns(is1),
                },
                out_of_sample: Span {
                    start: format_ns(oos0),
                    end: format_ns(oos1),
                },
                parameters: values.clone(),
                efficiency: ratio(per_day(&oos_stats.pnl, oos1 - oos0 + 1), is_rate),
                in_sample_stats: is_stats,
                out_of_sample_stats: oos_stats,
                run_id: summary.run_id,
                engine: ran.engine.into(),
            });
            call.progress((k + 1) as u64, Some(list.len() as u64), None);
        }
        let capital = capital.unwrap_or(Decimal::ZERO);
        let balances = vec![(currency.clone(), capital, capital + oos_pnl)];
        let annualization = whole.annualization_days;
        let stitched_stats = statistics(&trips, &balances, &stitched, annualization);
        let efficiency = ratio(
            per_day(&oos_pnl.to_string(), oos_ns),
            Some(is_rate_sum / out_windows.len() as f64),
        );
        let engine = if engines.len() == 1 {
            engines.into_iter().next().unwrap_or("fast").to_string()
        } else {
            "mixed".into()
        };
        let result = WalkForwardResult {
            walk_forward_id: id.clone(),
            strategy_id,
            rank_by,
            ranked_in: currency,
            mode: if req.anchored { "anchored" } else { "rolling" }.into(),
            windows: out_windows,
            stitched: Stitched {
                pnl: oos_pnl.normalize().to_string(),
                pnl_pct: (!capital.is_zero())
                    .then(|| (oos_pnl / capital * Decimal::from(100)).round_dp(6))
                    .and_then(|d| d.to_string().parse().ok()),
                round_trips: trips.len(),
                statistics: stitched_stats,
                equity: thin(&stitched, 2_000),
            },
            efficiency,
            combinations: combos.runs.len(),
            engine,
            elapsed_secs: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            notes: combos.notes,
        };
        studies::finish(
            &ctx.store.conn(),
            &id,
            &serde_json::to_string(&result).map_err(OpError::internal)?,
        )?;
        plotted(result, target, |r| Ok(walk_forward_chart(r)))
    }
}

/// A call that shares the caller's cancellation but reports no progress of its own.
fn call_for(call: &Call) -> Call {
    Call::default()
        .with_cancel(call.cancel.clone())
        .with_caller(call.caller.clone())
}

/// The configuration restricted to `[start, end]`.
fn with_range(config: &BacktestConfig, start: i64, end: i64) -> BacktestConfig {
    let mut c = config.clone();
    c.start_date = Some(format_ns(start));
    c.end_date = Some(format_ns(end));
    c
}

/// At most `n` samples, evenly spaced, the last always kept.
fn thin(samples: &[(i64, Decimal)], n: usize) -> Vec<(String, String)> {
    let step = samples.len().div_ceil(n.max(1)).max(1);
    samples
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0 || *i + 1 == samples.len())
        .map(|(_, (t, e))| (format_ns(*t), e.normalize().to_string()))
        .collect()
}

/// Every combination over `config`'s range: the fast path across `threads` when it applies,
/// else the engine.
async fn evaluate_all(
    ctx: &Arc<Context>,
    config: &BacktestConfig,
    runs: &[(
        usize,
        Map<String, Value>,
        crate::engine::strategies::StrategyPlan,
    )],
    engine: EngineChoice,
    threads: usize,
    call: &Call,
) -> OpResult<Vec<Light>> {
    let specs = runs
        .iter()
        .map(|(_, _, plan)| run::prepare(ctx, config, plan, false).map(|p| p.spec))
        .collect::<OpResult<Vec<_>>>()?;
    if engine != EngineChoice::Nautilus && crate::engine::fast::applies(&specs[0]).is_ok() {
        let cancel = call.cancel.clone();
        let slot = ctx.jobs.slots("walk_forward", call, threads).await?;
        let lights = tokio::task::spawn_blocking(move || -> OpResult<Vec<Option<Light>>> {
            let _slot = slot;
            let shared = batch::Shared::load(&specs[0], specs.iter().map(|s| &*s.strategy.plan))?;
            let mut out: Vec<Option<Light>> = vec![None; specs.len()];
            let mut failure = None;
            batch::par_map(
                specs.len(),
                threads,
                |i| shared.run_light(&specs[i], &cancel),
                |i, r| {
                    match r {
                        Ok(l) => out[i] = Some(l),
                        Err(crate::engine::fast::Declined::Failed(e)) => {
                            failure.get_or_insert(e);
                        }
                        Err(crate::engine::fast::Declined::Unsupported(_)) => {}
                    }
                    failure.is_none()
                },
            );
            failure.map_or(Ok(out), Err)
        })
        .await
        .map_err(OpError::internal)??;
        if call.cancel.is_cancelled() {
            return Err(OpError::new(
                Code::Cancelled,
                "the walk-forward was cancelled",
            ));
        }
        // What the fast path could not finish runs on the engine.
        let mut all = Vec::with_capacity(lights.len());
        for (i, l) in lights.into_iter().enumerate() {
            match l {
                Some(l) => all.push(l),
                None => {
                    let spec = run::prepare(ctx, config, &runs[i].2, false)?.spec;
                    let (out, _): (RunOutput, Ran) =
                        run::run_spec(&ctx.jobs, spec, EngineChoice::Nautilus, &call_for(call))
                            .await?;
                    all.push(Light::from_output(&out));
                }
            }
        }
        return Ok(all);
    }
    use futures::{StreamExt, stream};
    // Only the light result of each run is kept.
    let results: Vec<OpResult<(usize, Light)>> = stream::iter(specs.into_iter().enumerate())
        .map(|(i, spec)| {
            let inner = call_for(call);
            async move {
                let (out, _) =
                    run::run_spec(&ctx.jobs, spec, EngineChoice::Nautilus, &inner).await?;
                Ok((i, Light::from_output(&out)))
            }
        })
        .buffer_unordered(threads)
        .collect()
        .await;
    let mut all: Vec<Option<Light>> = vec![None; runs.len()];
    for r in results {
        let (i, l) = r?;
        all[i] = Some(l);
    }
    Ok(all.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: i64 = 86_400_000_000_000;

    #[test]
    fn rolling_and_anchored_windows_tile_the_range() {
        // 100 days, 30 in sample, 10 out, stepping 10: windows while the OOS fits.
        let w = windows(0, 100 * D - 1, 30 * D, 10 * D, 10 * D, 0, false);
        assert_eq!(w.len(), 7);
        assert_eq!(w[0], ((0, 30 * D - 1), (30 * D, 40 * D - 1)));
        assert_eq!(w[6], ((60 * D, 90 * D - 1), (90 * D, 100 * D - 1)));
        let a = windows(0, 100 * D - 1, 30 * D, 10 * D, 10 * D, 2 * D, true);
        assert_eq!(a[1], ((0, 40 * D - 1), (42 * D, 52 * D - 1)));
        assert!(a.iter().all(|((s, _), _)| *s == 0));
    }
}
