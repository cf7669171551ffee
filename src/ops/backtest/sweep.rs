//! Parameter sweeps: a grid of strategy parameters evaluated on the fast path across all
//! cores (or on NautilusTrader's engine, one per thread), every combination streamed to the
//! store as it is evaluated, the best kept as full runs and the best K confirmed on the engine.

use std::{sync::Arc, time::Instant};

use rand::Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    grid::GridRequest,
    import_local_csv,
    run::{self, EngineChoice, Prepared, Ran, Stored},
    run_config,
};
use crate::{
    engine::{
        backtest::{RunOutput, RunSpec},
        fast::{self, Declined, batch},
        strategies::{StrategyPlan, lang::plan::SizingSpec},
    },
    error::{OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::studies,
};

/// Most combinations one sweep may evaluate on the fast path.
const MAX_COMBINATIONS: usize = 100_000;
/// Most combinations one sweep may run on the engine.
const MAX_ENGINE_COMBINATIONS: usize = 2_000;
/// Combinations written to the store per transaction.
const WRITE_BATCH: usize = 256;

/// Statistics a sweep can rank by (higher is better for all; drawdowns are negative).
pub const RANK_KEYS: &[&str] = &[
    "pnl_pct",
    "sharpe_ratio",
    "sortino_ratio",
    "calmar_ratio",
    "cagr",
    "profit_factor",
    "win_rate",
    "expectancy",
    "max_drawdown",
];

/// Run a grid of strategy parameters and rank the combinations by a statistic. The fast path
/// evaluates them across all cores with the engine's exact results (NautilusTrader's
/// BacktestEngine runs what it cannot reproduce), every combination is stored as it is
/// evaluated, the best are kept as full runs, and the best `confirm` are re-run on the engine
/// and compared.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct SweepBacktestRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub run: GridRequest,
    /// Statistic to rank by: pnl_pct (default), sharpe_ratio, sortino_ratio, calmar_ratio, cagr,
    /// profit_factor, win_rate, expectancy or max_drawdown. PnL statistics are those of the
    /// currency equity is measured in (the response's `ranked_in`).
    #[arg(long, default_value = "pnl_pct")]
    #[serde(default = "default_rank")]
    pub rank_by: String,
    /// Re-run the best K combinations on NautilusTrader's engine and compare them with the
    /// fast path's results (default 1; 0 skips). A difference is an `internal` error.
    #[arg(long, default_value_t = 1)]
    #[serde(default = "one")]
    pub confirm: usize,
    /// Keep the best N combinations as full runs (trades, equity curve), default 10.
    #[arg(long, default_value_t = 10)]
    #[serde(default = "ten")]
    pub keep: usize,
}

fn default_rank() -> String {
    "pnl_pct".into()
}
const fn one() -> usize {
    1
}
const fn ten() -> usize {
    10
}

/// The statistics of one combination.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SweepRow {
    pub rank: usize,
    /// The stored full run, for the best combinations.
    pub run_id: Option<String>,
    /// `fast` or `nautilus`.
    pub engine: String,
    /// The grid values of this run.
    pub values: Map<String, Value>,
    /// The ranking statistic.
    pub score: Option<f64>,
    /// PnL in `ranked_in` (exact).
    pub pnl: String,
    pub pnl_pct: Option<f64>,
    pub sharpe_ratio: Option<f64>,
    pub max_drawdown: Option<f64>,
    pub win_rate: Option<f64>,
    pub round_trips: usize,
    pub orders: usize,
}

/// A combination re-run on the engine.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Confirmation {
    pub rank: usize,
    pub values: Map<String, Value>,
    /// The fast path's stored run.
    pub fast_run_id: Option<String>,
    /// The engine's stored run.
    pub nautilus_run_id: String,
    pub fast_pnl: String,
    pub nautilus_pnl: String,
    /// Orders, fills, round trips, balances, equity curve and statistics are equal.
    pub equal: bool,
}

/// A finished sweep.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SweepResult {
    /// The sweep's id (`SW-...`): its combinations are stored under it.
    pub sweep_id: String,
    pub strategy_id: String,
    pub rank_by: String,
    /// The currency of the PnL statistics ranked (the one equity is measured in).
    pub ranked_in: String,
    /// Combinations in the grid.
    pub grid_size: usize,
    /// Combinations evaluated.
    pub combinations: usize,
    /// Combinations skipped: refused by the strategy or not matching `where`.
    pub skipped: usize,
    /// `fast`, `nautilus`, or `mixed` (the engine ran what the fast path could not).
    pub engine: String,
    pub threads: usize,
    pub elapsed_secs: f64,
    pub confirmed: Vec<Confirmation>,
    pub notes: Vec<String>,
    /// Best first.
    pub ranking: Vec<SweepRow>,
}

/// `backtest sweep` / `sweep_backtest`.
pub struct SweepBacktest;

fn new_sweep_id() -> String {
    let suffix: u32 = rand::rng().random();
    format!(
        "SW-{}-{suffix:08x}",
        chrono::Utc::now().format("%Y%m%d-%H%M%S")
    )
}

/// The statistic named by `rank_by`, checked.
pub fn rank_key(rank_by: &str) -> OpResult<String> {
    let key = rank_by.trim().to_ascii_lowercase();
    if RANK_KEYS.contains(&key.as_str()) {
        Ok(key)
    } else {
        Err(OpError::invalid(
            "rank_by",
            format!("'{rank_by}' is not one of {}", RANK_KEYS.join(", ")),
        ))
    }
}

/// The score of a result.
pub(super) fn score(light: &batch::Light, key: &str, currency: &str) -> Option<f64> {
    let r = &light.statistics.returns;
    let p = light.statistics.pnl.iter().find(|p| p.currency == currency);
    match key {
        "pnl_pct" => p.and_then(|p| p.pnl_pct),
        "sharpe_ratio" => r.sharpe_ratio,
        "sortino_ratio" => r.sortino_ratio,
        "calmar_ratio" => r.calmar_ratio,
        "cagr" => r.cagr,
        "profit_factor" => r.profit_factor,
        "max_drawdown" => r.max_drawdown,
        "win_rate" => p.and_then(|p| p.win_rate),
        "expectancy" => p.and_then(|p| p.expectancy),
        _ => None,
    }
}

fn row(
    values: Map<String, Value>,
    light: &batch::Light,
    engine: &str,
    rank_by: &str,
    currency: &str,
) -> SweepRow {
    let p = light.statistics.pnl.iter().find(|p| p.currency == currency);
    SweepRow {
        rank: 0,
        run_id: None,
        engine: engine.into(),
        score: score(light, rank_by, currency),
        pnl: p.map_or_else(|| "0".into(), |p| p.pnl_total.clone()),
        pnl_pct: p.and_then(|p| p.pnl_pct),
        sharpe_ratio: light.statistics.returns.sharpe_ratio,
        max_drawdown: light.statistics.returns.max_drawdown,
        win_rate: p.and_then(|p| p.win_rate),
        round_trips: light.round_trips,
        orders: light.orders,
        values,
    }
}

/// Whether a plan buys all-in (its size comes from the capital).
fn all_in(plan: &StrategyPlan) -> bool {
    plan.plan.sizing == SizingSpec::AllIn
}

/// The run of one combination: the base spec with its strategy, and what an all-in entry buys
/// when it sizes all-in (`all_in`: the base resolved for all-in sizing).
fn combination_spec(
    base: &RunSpec,
    plan: &StrategyPlan,
    all_in_base: &OpResult<RunSpec>,
) -> OpResult<RunSpec> {
    let mut spec = base.clone();
    spec.strategy = plan.clone();
    if all_in(plan) {
        let sized = all_in_base.as_ref().map_err(Clone::clone)?;
        for (slot, from) in spec.instruments.iter_mut().zip(&sized.instruments) {
            slot.all_in = from.all_in;
        }
    }
    Ok(spec)
}

impl Operation for SweepBacktest {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "sweep",
        tool_name: "sweep_backtest",
        class: OpClass::Research,
        idempotent: false,
        destructive: false,
    };
    type Request = SweepBacktestRequest;
    type Response = SweepResult;

    async fn run(
        ctx: Arc<Context>,
        req: SweepBacktestRequest,
        call: Call,
    ) -> OpResult<SweepResult> {
        let started = Instant::now();
        let rank_by = rank_key(&req.rank_by)?;
        let combos = req.run.combinations(&ctx.store.conn(), MAX_COMBINATIONS)?;
        let (threads, grid, fixed) = (combos.threads, &combos.grid, &combos.fixed);
        let strategy_id = combos.strategy_id;
        let (config, stored) = run_config(&ctx, req.run.config.as_deref(), &req.run.settings)?;
        import_local_csv(&ctx, &config, &call).await?;

        let Prepared {
            spec: base,
            notes: config_notes,
            capital,
            series,
        } = run::prepare(&ctx, &config, &combos.runs[0].2, false)?;
        let all_in_base: OpResult<RunSpec> = if all_in(&combos.runs[0].2) {
            Ok(base.clone())
        } else {
            let mut plan = combos.runs[0].2.clone();
            let mut bound = (*plan.plan).clone();
            bound.sizing = SizingSpec::AllIn;
            plan.plan = Arc::new(bound);
            run::prepare(&ctx, &config, &plan, false).map(|p| p.spec)
        };
        let currency = base.equity_currency.code.to_string();
        let fast_ok = req.run.engine != EngineChoice::Nautilus && fast::applies(&base).is_ok();
        if req.run.engine == EngineChoice::Fast
            && let Err(why) = fast::applies(&base)
        {
            return Err(OpError::invalid(
                "engine",
                format!(
                    "the fast path does not reproduce {why} exactly; use engine auto or nautilus"
                ),
            ));
        }
        if !fast_ok && combos.runs.len() > MAX_ENGINE_COMBINATIONS {
            return Err(OpError::invalid(
                "grid",
                format!(
                    "{} combinations; at most {MAX_ENGINE_COMBINATIONS} run on the engine",
                    combos.runs.len()
                ),
            ));
        }

        let sweep_id = new_sweep_id();
        let request_json = serde_json::json!({
            "strategy_id": strategy_id,
            "grid": grid.axes().iter().map(|(k, v)| (k.clone(), Value::Array(v.clone()))).collect::<Map<String, Value>>(),
            "parameters": fixed,
            "where": req.run.condition,
            "rank_by": rank_by,
            "config": config,
        });
        studies::start(
            &ctx.store.conn(),
            &sweep_id,
            studies::SWEEP,
            Some(&strategy_id),
            &request_json.to_string(),
        )?;
        let mut sweep = Sweep {
            ctx: ctx.clone(),
            call: call.clone(),
            sweep_id: sweep_id.clone(),
            rank_by: rank_by.clone(),
            currency: currency.clone(),
            rows: Vec::new(),
            pending: Vec::new(),
            done: 0,
            total: combos.runs.len(),
        };
        let specs: Vec<RunSpec> = combos
            .runs
            .iter()
            .map(|(_, _, plan)| combination_spec(&base, plan, &all_in_base))
            .collect::<OpResult<_>>()?;

        let fallback: Vec<usize>;
        if fast_ok {
            let shared = {
                let base = base.clone();
                let plans: Vec<_> = combos.runs.iter().map(|r| r.2.plan.clone()).collect();
                tokio::task::spawn_blocking(move || {
                    batch::Shared::load(&base, plans.iter().map(|p| &**p))
                })
                .await
                .map_err(OpError::internal)??
            };
            let shared = Arc::new(shared);
            let (back, outcome) = {
                let (shared, specs, cancel) = (shared.clone(), specs.clone(), call.cancel.clone());
                let runs: Vec<Map<String, Value>> =
                    combos.runs.iter().map(|r| r.1.clone()).collect();
                let indices: Vec<usize> = combos.runs.iter().map(|r| r.0).collect();
                let mut sweep = sweep;
                tokio::task::spawn_blocking(move || {
                    let mut failure: Option<OpError> = None;
                    let mut fallback = Vec::new();
                    batch::par_map(
                        specs.len(),
                        threads,
                        |i| shared.run_light(&specs[i], &cancel),
                        |i, result| match result {
                            Ok(light) => {
                                if failure.is_none()
                                    && let Err(e) =
                                        sweep.add(indices[i], i, runs[i].clone(), &light, "fast")
                                {
                                    failure = Some(e);
                                }
                                failure.is_none()
                            }
                            Err(Declined::Unsupported(_)) => {
                                fallback.push(i);
                                true
                            }
                            Err(Declined::Failed(e)) => {
                                failure.get_or_insert(e);
                                false
                            }
                        },
                    );
                    let outcome = match failure {
                        Some(e) => Err(e),
                        None => sweep.flush().map(|()| fallback),
                    };
                    (sweep, outcome)
                })
                .await
                .map_err(OpError::internal)?
            };
            sweep = back;
            fallback = outcome?;
        } else {
            fallback = (0..specs.len()).collect();
        }

        // The engine: every combination when the fast path does not apply, else those it
        // could not finish.
        let engine_ran = !fallback.is_empty();
        {
            use futures::{StreamExt, stream};
            // Each run is stored as it finishes: only `threads` full results are held at once.
            let mut results = stream::iter(fallback.clone())
                .map(|i| {
                    let spec = specs[i].clone();
                    let inner = Call::default()
                        .with_cancel(call.cancel.clone())
                        .with_caller(call.caller.clone());
                    async move {
                        let (out, ran) =
                            run::run_spec(spec, EngineChoice::Nautilus, &inner).await?;
                        Ok::<_, OpError>((i, out, ran))
                    }
                })
                .buffer_unordered(threads);
            while let Some(r) = results.next().await {
                let (i, out, ran): (usize, RunOutput, Ran) = r?;
                let light = batch::Light::from_output(&out);
                let (grid_index, values, plan) = &combos.runs[i];
                let run_id = run::store(
                    &ctx,
                    &config,
                    stored.clone(),
                    plan,
                    stored_parts(&out, &ran, &config_notes, &capital, &series, &specs[i]),
                )?
                .run_id;
                sweep.add(*grid_index, i, values.clone(), &light, "nautilus")?;
                if let Some(r) = sweep.rows.last_mut() {
                    r.1.run_id = Some(run_id);
                }
            }
            sweep.flush()?;
        }

        // Rank, keep the best as full runs, confirm the best on the engine.
        let mut rows = std::mem::take(&mut sweep.rows);
        rows.sort_by(|a, b| {
            b.1.score
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.1.score.unwrap_or(f64::NEG_INFINITY))
                .then(a.0.cmp(&b.0))
        });
        for (rank, (_, r)) in rows.iter_mut().enumerate() {
            r.rank = rank + 1;
        }
        let mut confirmed = Vec::new();
        for (rank, (i, r)) in rows.iter_mut().enumerate() {
            if rank >= req.keep.max(req.confirm) {
                break;
            }
            if r.engine != "fast" {
                continue;
            }
            let (grid_index, values, plan) = &combos.runs[*i];
            let confirm = rank < req.confirm;
            let mut spec = specs[*i].clone();
            spec.trace = confirm;
            let out = {
                let (shared_spec, cancel) = (spec.clone(), call.cancel.clone());
                let base = base.clone();
                let bound = plan.plan.clone();
                tokio::task::spawn_blocking(move || {
                    let shared = batch::Shared::load(&base, [&*bound])?;
                    shared
                        .run_full(&shared_spec, &cancel, None)
                        .map_err(|e| match e {
                            Declined::Failed(e) => e,
                            Declined::Unsupported(u) => OpError::internal(format!(
                                "the fast path ranked a combination it cannot reproduce: {u}"
                            )),
                        })
                })
                .await
                .map_err(OpError::internal)??
            };
            let fast_ran = Ran {
                engine: "fast",
                fallback: None,
            };
            let fast_run = run::store(
                &ctx,
                &config,
                stored.clone(),
                plan,
                stored_parts(&out, &fast_ran, &config_notes, &capital, &series, &spec),
            )?;
            r.run_id = Some(fast_run.run_id.clone());
            studies::set_combination_run(
                &ctx.store.conn(),
                &sweep_id,
                *grid_index as i64,
                &fast_run.run_id,
            )?;
            if confirm {
                let inner = Call::default()
                    .with_cancel(call.cancel.clone())
                    .with_caller(call.caller.clone());
                let (engine_out, engine_ran) =
                    run::run_spec(spec.clone(), EngineChoice::Nautilus, &inner).await?;
                let diffs = fast::differences(&engine_out, &out);
                if !diffs.is_empty() {
                    return Err(OpError::internal(format!(
                        "the fast path and the engine disagree on combination {} (rank {}): {}",
                        Value::Object(values.clone()),
                        rank + 1,
                        diffs.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
                    )));
                }
                let engine_run = run::store(
                    &ctx,
                    &config,
                    stored.clone(),
                    plan,
                    stored_parts(
                        &engine_out,
                        &engine_ran,
                        &config_notes,
                        &capital,
                        &series,
                        &spec,
                    ),
                )?;
                let pnl = |o: &RunOutput| {
                    o.balances
                        .iter()
                        .find(|(c, _, _)| *c == currency)
                        .map_or_else(|| "0".into(), |(_, s, e)| (*e - *s).normalize().to_string())
                };
                confirmed.push(Confirmation {
                    rank: rank + 1,
                    values: values.clone(),
                    fast_run_id: Some(fast_run.run_id.clone()),
                    nautilus_run_id: engine_run.run_id,
                    fast_pnl: pnl(&out),
                    nautilus_pnl: pnl(&engine_out),
                    equal: true,
                });
            }
        }
        let engine = match (fast_ok, engine_ran) {
            (true, false) => "fast",
            (false, _) => "nautilus",
            (true, true) => "mixed",
        };
        let mut notes = combos.notes;
        if fast_ok && engine_ran {
            notes.push(format!(
                "{} combinations ran on the engine: the fast path does not reproduce them",
                fallback.len()
            ));
        } else if let (false, Err(why)) = (fast_ok, fast::applies(&base))
            && req.run.engine != EngineChoice::Nautilus
        {
            notes.push(format!(
                "engine: nautilus (the fast path does not reproduce {why} exactly)"
            ));
        }
        let result = SweepResult {
            sweep_id: sweep_id.clone(),
            strategy_id: strategy_id.to_string(),
            rank_by,
            ranked_in: currency,
            grid_size: combos.grid.len(),
            combinations: rows.len(),
            skipped: combos.skipped,
            engine: engine.into(),
            threads,
            elapsed_secs: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            confirmed,
            notes,
            ranking: rows.into_iter().map(|(_, r)| r).collect(),
        };
        studies::finish(
            &ctx.store.conn(),
            &sweep_id,
            &serde_json::to_string(&result).map_err(OpError::internal)?,
        )?;
        Ok(result)
    }
}

/// What `run::store` needs of a finished combination.
fn stored_parts<'o>(
    out: &'o RunOutput,
    ran: &'o Ran,
    notes: &[String],
    capital: &std::collections::BTreeMap<String, String>,
    series: &std::collections::BTreeMap<String, String>,
    spec: &RunSpec,
) -> Stored<'o> {
    Stored {
        output: out,
        ran,
        notes: notes.to_vec(),
        capital: capital.clone(),
        series: series.clone(),
        step_ns: spec.equity_step_ns,
        start_ns: spec.start_ns,
        end_ns: spec.end_ns,
        equity_currency: spec.equity_currency.code.to_string(),
    }
}

/// The combinations evaluated so far: the ranking rows, and those not yet written.
struct Sweep {
    ctx: Arc<Context>,
    call: Call,
    sweep_id: String,
    rank_by: String,
    currency: String,
    /// (index into the runs, row).
    rows: Vec<(usize, SweepRow)>,
    pending: Vec<studies::CombinationRow>,
    done: u64,
    total: usize,
}

impl Sweep {
    fn add(
        &mut self,
        grid_index: usize,
        run_index: usize,
        values: Map<String, Value>,
        light: &batch::Light,
        engine: &str,
    ) -> OpResult<()> {
        let r = row(values, light, engine, &self.rank_by, &self.currency);
        self.pending.push(studies::CombinationRow {
            idx: grid_index as i64,
            parameters: Value::Object(r.values.clone()).to_string(),
            result: serde_json::json!({
                "engine": engine,
                "score": r.score,
                "orders": light.orders,
                "fills": light.fills,
                "round_trips": light.round_trips,
                "balances": light.balances,
                "statistics": light.statistics,
            })
            .to_string(),
            run_id: None,
        });
        self.rows.push((run_index, r));
        self.done += 1;
        self.call.progress(self.done, Some(self.total as u64), None);
        if self.pending.len() >= WRITE_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> OpResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let id = self.sweep_id.clone();
        self.ctx
            .store
            .write(|tx| studies::insert_combinations(tx, &id, &rows))
    }
}
