//! Parameter sweeps: a grid of strategy parameters run in parallel, one engine per thread.

use std::{sync::Arc, time::Instant};

use futures::{StreamExt, stream};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{config::BacktestSettings, import_local_csv, run::RunSummary, run_config};
use crate::{
    engine::strategies,
    ops::{
        assign::{self, Assign},
        call::Call,
        context::Context,
        error::{OpError, OpResult},
        registry::{Group, OpClass, OpInfo, Operation},
    },
};

/// Most combinations one sweep may run.
const MAX_COMBINATIONS: usize = 2_000;

/// Statistics a sweep can rank by (higher is better for all; drawdowns are negative).
const RANK_KEYS: &[&str] = &[
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

/// Run a grid of strategy parameters in parallel on all cores (one BacktestEngine per
/// thread), store every run, and rank them by a statistic.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct SweepBacktestRequest {
    /// Built-in strategy (see list_strategies).
    #[arg(long = "strategy", visible_alias = "strategy-id")]
    pub strategy_id: String,
    /// Values to try per parameter, e.g. {"fast_period": [5, 10, 20], "slow_period": [30, 50]};
    /// on the CLI NAME=V1,V2,... repeated.
    #[arg(long = "grid", value_name = "NAME=V1,V2,..", required = true)]
    #[serde(deserialize_with = "assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub grid: Vec<Assign>,
    /// Parameters held fixed for every run.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    #[serde(default, deserialize_with = "assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub parameters: Vec<Assign>,
    /// Statistic to rank by: pnl_pct (default), sharpe_ratio, sortino_ratio, calmar_ratio, cagr,
    /// profit_factor, win_rate, expectancy or max_drawdown.
    #[arg(long, default_value = "pnl_pct")]
    #[serde(default = "default_rank")]
    pub rank_by: String,
    /// Engines run at once (default: the number of cores).
    #[arg(long)]
    #[serde(default)]
    pub threads: Option<usize>,
    /// Stored configuration to run (default: the most recently changed one).
    #[arg(long = "name", id = "config_name")]
    #[serde(default)]
    pub config: Option<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub settings: BacktestSettings,
}

fn default_rank() -> String {
    "pnl_pct".into()
}

/// One ranked combination.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SweepRow {
    pub rank: usize,
    pub run_id: String,
    /// The grid values of this run.
    pub values: Map<String, Value>,
    /// The ranking statistic.
    pub score: Option<f64>,
    pub pnl_pct: Option<f64>,
    pub sharpe_ratio: Option<f64>,
    pub max_drawdown: Option<f64>,
    pub win_rate: Option<f64>,
    pub round_trips: usize,
}

/// A finished sweep.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SweepResult {
    pub strategy_id: String,
    pub rank_by: String,
    pub combinations: usize,
    pub threads: usize,
    pub elapsed_secs: f64,
    /// Best first.
    pub ranking: Vec<SweepRow>,
}

/// `backtest sweep` / `sweep_backtest`.
pub struct SweepBacktest;

fn grid_values(a: &Assign) -> OpResult<Vec<Value>> {
    let field = format!("grid.{}", a.key);
    let values: Vec<Value> = match &a.value {
        Value::Array(items) => items.clone(),
        Value::String(s) => s
            .split(',')
            .map(|v| {
                serde_json::from_str(v.trim())
                    .unwrap_or_else(|_| Value::String(v.trim().to_string()))
            })
            .collect(),
        other => vec![other.clone()],
    };
    if values.is_empty() {
        return Err(OpError::invalid(&field, "give at least one value"));
    }
    Ok(values)
}

fn combinations(grid: &[(String, Vec<Value>)]) -> Vec<Map<String, Value>> {
    let mut out = vec![Map::new()];
    for (key, values) in grid {
        out = out
            .into_iter()
            .flat_map(|base| {
                values.iter().map(move |v| {
                    let mut m = base.clone();
                    m.insert(key.clone(), v.clone());
                    m
                })
            })
            .collect();
    }
    out
}

fn score(s: &RunSummary, key: &str) -> Option<f64> {
    let r = &s.statistics.returns;
    let p = s.statistics.pnl.first();
    match key {
        "pnl_pct" => s.pnl.first().and_then(|l| l.pnl_pct),
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
        let rank_by = req.rank_by.trim().to_ascii_lowercase();
        if !RANK_KEYS.contains(&rank_by.as_str()) {
            return Err(OpError::invalid(
                "rank_by",
                format!("'{}' is not one of {}", req.rank_by, RANK_KEYS.join(", ")),
            ));
        }
        if req.grid.is_empty() {
            return Err(OpError::invalid(
                "grid",
                "give at least one parameter with values to try",
            ));
        }
        let grid: Vec<(String, Vec<Value>)> = req
            .grid
            .iter()
            .map(|a| Ok((a.key.clone(), grid_values(a)?)))
            .collect::<OpResult<_>>()?;
        let total: usize = grid.iter().map(|(_, v)| v.len()).product();
        if total > MAX_COMBINATIONS {
            return Err(OpError::invalid(
                "grid",
                format!("{total} combinations; at most {MAX_COMBINATIONS} per sweep"),
            ));
        }
        let fixed = assign::to_btree(&req.parameters);
        let mut plans = Vec::new();
        for values in combinations(&grid) {
            let mut params: Map<String, Value> = fixed.clone().into_iter().collect();
            params.extend(values.clone());
            plans.push((values, strategies::plan(&req.strategy_id, &params)?));
        }
        let threads = match req.threads {
            Some(0) => return Err(OpError::invalid("threads", "must be at least 1")),
            Some(n) => n.min(64),
            None => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        };
        let (config, stored) = run_config(&ctx, req.config.as_deref(), &req.settings)?;
        import_local_csv(&ctx, &config, &call).await?;
        let started = Instant::now();
        let done = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let inner = Call::default()
            .with_cancel(call.cancel.clone())
            .with_caller(call.caller.clone());
        let results: Vec<OpResult<(Map<String, Value>, RunSummary)>> = stream::iter(plans)
            .map(|(values, plan)| {
                let (ctx, config, stored, inner, done, call) = (
                    ctx.clone(),
                    config.clone(),
                    stored.clone(),
                    inner.clone(),
                    done.clone(),
                    call.clone(),
                );
                async move {
                    let summary = super::run::execute(
                        ctx,
                        config,
                        stored,
                        plan,
                        super::run::EngineChoice::Nautilus,
                        &inner,
                    )
                    .await?;
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    call.progress(n, Some(total as u64), Some(&summary.run_id));
                    Ok((values, summary))
                }
            })
            .buffer_unordered(threads)
            .collect()
            .await;
        let mut rows = results
            .into_iter()
            .map(|r| {
                let (values, s) = r?;
                Ok(SweepRow {
                    rank: 0,
                    score: score(&s, &rank_by),
                    pnl_pct: s.pnl.first().and_then(|l| l.pnl_pct),
                    sharpe_ratio: s.statistics.returns.sharpe_ratio,
                    max_drawdown: s.statistics.returns.max_drawdown,
                    win_rate: s.statistics.pnl.first().and_then(|p| p.win_rate),
                    round_trips: s.round_trips,
                    run_id: s.run_id,
                    values,
                })
            })
            .collect::<OpResult<Vec<_>>>()?;
        rows.sort_by(|a, b| {
            b.score
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.score.unwrap_or(f64::NEG_INFINITY))
        });
        for (i, r) in rows.iter_mut().enumerate() {
            r.rank = i + 1;
        }
        Ok(SweepResult {
            strategy_id: strategies::find(&req.strategy_id)?.id.to_string(),
            rank_by,
            combinations: total,
            threads,
            elapsed_secs: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            ranking: rows,
        })
    }
}
