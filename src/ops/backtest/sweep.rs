//! Parameter sweeps: a grid of strategy parameters run in parallel, one engine per thread.

use crate::error::{OpError, OpResult};
use std::{sync::Arc, time::Instant};

use futures::{StreamExt, stream};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{config::BacktestSettings, import_local_csv, run::RunSummary, run_config};
use crate::ops::{
    assign::{self, Assign},
    call::Call,
    context::Context,
    registry::{Group, OpClass, OpInfo, Operation},
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

/// The number of combinations of a grid, counted with checked arithmetic (64 parameters of 2
/// values must not wrap to 0), refused past [`MAX_COMBINATIONS`].
fn count_combinations(grid: &[(String, Vec<Value>)]) -> OpResult<usize> {
    grid.iter()
        .try_fold(1usize, |n, (_, values)| {
            n.checked_mul(values.len())
                .filter(|n| *n <= MAX_COMBINATIONS)
        })
        .ok_or_else(|| {
            let sizes: Vec<String> = grid
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.len()))
                .collect();
            OpError::invalid(
                "grid",
                format!(
                    "more than {MAX_COMBINATIONS} combinations ({}); at most {MAX_COMBINATIONS} \
                     per sweep",
                    sizes.join(", ")
                ),
            )
        })
}

/// Combination `index` of the grid (the last parameter varies fastest), made when it is
/// needed rather than all at once.
fn combination(grid: &[(String, Vec<Value>)], mut index: usize) -> Map<String, Value> {
    let mut picks = vec![0; grid.len()];
    for (pick, (_, values)) in picks.iter_mut().zip(grid).rev() {
        *pick = index % values.len();
        index /= values.len();
    }
    grid.iter()
        .zip(picks)
        .map(|((key, values), i)| (key.clone(), values[i].clone()))
        .collect()
}

/// Refuses grid and fixed parameters the strategy does not have, and a parameter given twice,
/// before anything is expanded.
fn check_names(strategy_id: &str, grid: &[(String, Vec<Value>)], fixed: &[Assign]) -> OpResult<()> {
    let schema = (strategies::find(strategy_id)?.schema)();
    let known: Vec<&String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().collect())
        .unwrap_or_default();
    let mut seen = std::collections::BTreeSet::new();
    let names = grid
        .iter()
        .map(|(k, _)| ("grid", k))
        .chain(fixed.iter().map(|a| ("parameters", &a.key)));
    for (field, name) in names {
        if !known.contains(&name) {
            let list: Vec<&str> = known.iter().map(|k| k.as_str()).collect();
            return Err(OpError::invalid(
                &format!("{field}.{name}"),
                format!("unknown parameter; valid parameters: {}", list.join(", ")),
            ));
        }
        if !seen.insert(name) {
            return Err(OpError::invalid(
                &format!("{field}.{name}"),
                "given more than once (in the grid or as a fixed parameter)",
            ));
        }
    }
    Ok(())
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
        check_names(&req.strategy_id, &grid, &req.parameters)?;
        let total = count_combinations(&grid)?;
        let fixed = assign::to_btree(&req.parameters);
        let named = crate::ops::strategy::find(&ctx.store.conn(), &req.strategy_id)?;
        let plan_of = |values: &Map<String, Value>| {
            let mut params: Map<String, Value> = fixed.clone().into_iter().collect();
            params.extend(values.clone());
            named.plan(&params)
        };
        // Every combination is checked before any runs; each is made again when its turn comes.
        for i in 0..total {
            plan_of(&combination(&grid, i))?;
        }
        let plans = (0..total).map(|i| {
            let values = combination(&grid, i);
            let plan = plan_of(&values);
            (values, plan)
        });
        // Each run takes a research slot: more threads than slots would only wait in line.
        let threads = match req.threads {
            Some(0) => return Err(OpError::invalid("threads", "must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        }
        .min(ctx.jobs.size());
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
                    let summary = super::run::execute(ctx, config, stored, plan?, &inner).await?;
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
            strategy_id: named.id,
            rank_by,
            combinations: total,
            threads,
            elapsed_secs: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            ranking: rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn grid(sizes: &[usize]) -> Vec<(String, Vec<Value>)> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("k{i}"), (0..*n).map(|v| json!(v)).collect()))
            .collect()
    }

    #[test]
    fn combinations_are_counted_without_wrapping() {
        // 2^64 combinations wrap a usize product to 0, which passed the cap before.
        let e = count_combinations(&grid(&[2; 64])).unwrap_err();
        assert!(
            e.message.starts_with("grid: more than 2000 combinations"),
            "{e}"
        );
        assert!(count_combinations(&grid(&[10, 10, 21])).is_err());
        assert_eq!(count_combinations(&grid(&[10, 10, 20])).unwrap(), 2000);
        assert_eq!(count_combinations(&grid(&[])).unwrap(), 1);
    }

    #[test]
    fn combinations_are_made_one_at_a_time_in_grid_order() {
        let g = grid(&[2, 3]);
        let all: Vec<Value> = (0..6).map(|i| Value::Object(combination(&g, i))).collect();
        assert_eq!(all[0], json!({"k0": 0, "k1": 0}));
        assert_eq!(all[1], json!({"k0": 0, "k1": 1}));
        assert_eq!(all[3], json!({"k0": 1, "k1": 0}));
        assert_eq!(all[5], json!({"k0": 1, "k1": 2}));
    }

    #[test]
    fn parameter_names_are_checked_before_expanding() {
        let g = vec![("fast_period".to_string(), vec![json!(5)])];
        check_names("MovingAverageCrossover", &g, &[]).unwrap();
        let g = vec![("k0".to_string(), vec![json!(5)])];
        let e = check_names("MovingAverageCrossover", &g, &[]).unwrap_err();
        assert!(e.message.starts_with("grid.k0: unknown parameter"), "{e}");
        let fixed = vec![Assign {
            key: "fast_period".into(),
            value: json!(3),
        }];
        let g = vec![("fast_period".to_string(), vec![json!(5)])];
        let e = check_names("MovingAverageCrossover", &g, &fixed).unwrap_err();
        assert!(e.message.contains("given more than once"), "{e}");
    }
}
