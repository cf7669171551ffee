//! Monte Carlo robustness of a stored run: its round trips reshuffled or drawn with
//! replacement, or its bars' returns resampled in blocks and the strategy re-run on them
//! through the fast path; the distributions of the outcomes as percentiles.

use std::{sync::Arc, time::Instant};

use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    config::BacktestConfig,
    run::{self, RunSummary},
};
use crate::{
    engine::{
        backtest::results::RoundTrip,
        fast::{self, Declined, bars::Bars, batch},
    },
    error::{Code, OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::{backtests, studies},
    values::Dec,
};

/// How outcomes are resampled.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The round trips in a random order (the total PnL is kept).
    Reshuffle,
    /// As many round trips drawn with replacement.
    Bootstrap,
    /// The bars' returns resampled in blocks of `block_bars`, the strategy re-run on the new
    /// bars through the fast path.
    Block,
}

/// Monte Carlo robustness of a stored run: N resamples (seeded, reproducible) by reshuffling
/// its round trips, drawing them with replacement, or resampling its bars' returns in blocks
/// and re-running the strategy; the distributions of final PnL, maximum drawdown, Sharpe ratio
/// and longest losing streak as percentiles (5/25/50/75/95), the probability of a loss and of
/// a drawdown beyond a threshold, and a histogram of final PnL. Stored with an id.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct MonteCarloRequest {
    /// The stored run (default: the newest).
    #[arg(value_name = "RUN_ID")]
    #[serde(default)]
    pub run_id: Option<String>,
    /// Resamples per method (default 1000, at most 100000).
    #[arg(long, default_value_t = 1000)]
    #[serde(default = "thousand")]
    pub resamples: usize,
    /// Seed: the same seed gives the same resamples (default 1).
    #[arg(long, default_value_t = 1)]
    #[serde(default = "one")]
    pub seed: u64,
    /// Methods: reshuffle, bootstrap, block (comma-separated; default reshuffle,bootstrap).
    #[arg(long = "method", value_enum, value_delimiter = ',')]
    #[serde(default)]
    pub methods: Vec<Method>,
    /// Block length in bars for the block bootstrap (default 60).
    #[arg(long, default_value_t = 60)]
    #[serde(default = "sixty")]
    pub block_bars: usize,
    /// Drawdown, in percent of the peak, whose probability of being exceeded is reported
    /// (default 20).
    #[arg(long, default_value = "20")]
    #[serde(default = "twenty")]
    pub drawdown_threshold: Dec,
    /// Histogram bins of final PnL (default 20).
    #[arg(long, default_value_t = 20)]
    #[serde(default = "twenty_bins")]
    pub bins: usize,
    /// Include every resample's outcome in the answer.
    #[arg(long)]
    #[serde(default)]
    pub samples: bool,
}

const fn thousand() -> usize {
    1000
}
const fn one() -> u64 {
    1
}
const fn sixty() -> usize {
    60
}
fn twenty() -> Dec {
    Dec(Decimal::from(20))
}
const fn twenty_bins() -> usize {
    20
}

/// Percentiles of one outcome (linear interpolation between the nearest ranks).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Distribution {
    pub p5: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
    pub mean: f64,
    /// Resamples with a value (a Sharpe ratio needs two round trips that differ).
    pub count: usize,
}

/// Final PnL counted into equal bins.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Histogram {
    /// Bin edges, `bins + 1` of them.
    pub edges: Vec<f64>,
    pub counts: Vec<usize>,
}

/// The outcome of one resample (or of the run itself).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    pub final_pnl: f64,
    /// The deepest fall of equity from its running peak, in percent (0 or negative).
    pub max_drawdown_pct: f64,
    pub sharpe: Option<f64>,
    pub longest_losing_streak: usize,
}

/// The distributions of one method.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MethodResult {
    pub method: Method,
    pub resamples: usize,
    pub final_pnl: Distribution,
    pub max_drawdown_pct: Distribution,
    pub sharpe: Distribution,
    pub longest_losing_streak: Distribution,
    /// Share of resamples ending with a loss.
    pub probability_of_loss: f64,
    /// Share of resamples whose drawdown went beyond the threshold.
    pub probability_of_drawdown_beyond: f64,
    pub histogram: Histogram,
    /// Every resample's outcome, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<Outcome>>,
}

/// A finished Monte Carlo study.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MonteCarloResult {
    /// `MC-...`.
    pub monte_carlo_id: String,
    pub run_id: String,
    /// The currency of PnL and equity.
    pub currency: String,
    pub starting_balance: String,
    pub round_trips: usize,
    pub seed: u64,
    pub drawdown_threshold_pct: f64,
    /// The run's own outcome, by the same measures.
    pub original: Outcome,
    pub methods: Vec<MethodResult>,
    /// How each measure is computed.
    pub definitions: Vec<String>,
    pub elapsed_secs: f64,
}

/// A round trip's PnL: as a number, and exactly as nanos of its currency (so that a sum does
/// not depend on the order it is taken in).
#[derive(Debug, Clone, Copy)]
pub struct Pnl {
    pub value: f64,
    pub nanos: i128,
}

impl Pnl {
    /// From the decimal PnL of a round trip.
    #[must_use]
    pub fn of(d: Decimal) -> Self {
        Self {
            value: d.to_string().parse().unwrap_or(0.0),
            nanos: (d * Decimal::from(1_000_000_000))
                .trunc()
                .to_string()
                .parse()
                .unwrap_or(0),
        }
    }
}

/// The measures of an equity path made of `pnls` added to `start`, one round trip at a time;
/// the Sharpe ratio of the per-trade returns, annualised at `trades_per_year`. The final PnL
/// is the exact sum.
#[must_use]
pub fn outcome(start: f64, pnls: &[Pnl], trades_per_year: f64) -> Outcome {
    let total: i128 = pnls.iter().map(|p| p.nanos).sum();
    let (mut equity, mut peak, mut worst) = (start, start, 0.0f64);
    let (mut streak, mut longest) = (0usize, 0usize);
    let (mut sum, mut sum_sq, mut n) = (0.0f64, 0.0f64, 0usize);
    for p in pnls.iter().map(|p| p.value) {
        if equity != 0.0 {
            let r = p / equity;
            sum += r;
            sum_sq += r * r;
            n += 1;
        }
        equity += p;
        if equity > peak {
            peak = equity;
        } else if peak > 0.0 {
            worst = worst.min((equity - peak) / peak);
        }
        if p < 0.0 {
            streak += 1;
            longest = longest.max(streak);
        } else {
            streak = 0;
        }
    }
    let sharpe = (n >= 2)
        .then(|| {
            let mean = sum / n as f64;
            let var = (sum_sq - n as f64 * mean * mean) / (n as f64 - 1.0);
            (var > 0.0).then(|| mean / var.sqrt() * trades_per_year.sqrt())
        })
        .flatten()
        .filter(|s| s.is_finite());
    Outcome {
        final_pnl: total as f64 / 1e9,
        max_drawdown_pct: worst * 100.0,
        sharpe,
        longest_losing_streak: longest,
    }
}

/// The `p`th percentile of sorted values, interpolating linearly between the nearest ranks.
#[must_use]
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p / 100.0;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn distribution(values: impl Iterator<Item = f64>) -> Distribution {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let mean = if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    };
    let nan0 = |x: f64| if x.is_finite() { round6(x) } else { 0.0 };
    Distribution {
        p5: nan0(percentile(&v, 5.0)),
        p25: nan0(percentile(&v, 25.0)),
        p50: nan0(percentile(&v, 50.0)),
        p75: nan0(percentile(&v, 75.0)),
        p95: nan0(percentile(&v, 95.0)),
        mean: nan0(mean),
        count: v.len(),
    }
}

fn histogram(values: &[f64], bins: usize) -> Histogram {
    let bins = bins.max(1);
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    if !lo.is_finite() {
        return Histogram {
            edges: Vec::new(),
            counts: Vec::new(),
        };
    }
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges = (0..=bins).map(|i| round6(lo + width * i as f64)).collect();
    let mut counts = vec![0usize; bins];
    for &x in values {
        let i = (((x - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    Histogram { edges, counts }
}

fn summarize(
    method: Method,
    outcomes: Vec<Outcome>,
    threshold: f64,
    bins: usize,
    keep: bool,
) -> MethodResult {
    let n = outcomes.len();
    let finals: Vec<f64> = outcomes.iter().map(|o| o.final_pnl).collect();
    let share = |count: usize| {
        if n == 0 {
            0.0
        } else {
            round6(count as f64 / n as f64)
        }
    };
    MethodResult {
        method,
        resamples: n,
        final_pnl: distribution(finals.iter().copied()),
        max_drawdown_pct: distribution(outcomes.iter().map(|o| o.max_drawdown_pct)),
        sharpe: distribution(outcomes.iter().filter_map(|o| o.sharpe)),
        longest_losing_streak: distribution(
            outcomes.iter().map(|o| o.longest_losing_streak as f64),
        ),
        probability_of_loss: share(finals.iter().filter(|p| **p < 0.0).count()),
        probability_of_drawdown_beyond: share(
            outcomes
                .iter()
                .filter(|o| o.max_drawdown_pct < -threshold)
                .count(),
        ),
        histogram: histogram(&finals, bins),
        samples: keep.then_some(outcomes),
    }
}

/// Resamples of the round trips' PnLs: reshuffled, or drawn with replacement.
#[must_use]
pub fn resample_trades(
    method: Method,
    start: f64,
    pnls: &[Pnl],
    resamples: usize,
    seed: u64,
    trades_per_year: f64,
) -> Vec<Outcome> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut path = pnls.to_vec();
    (0..resamples)
        .map(|_| {
            match method {
                Method::Bootstrap => {
                    for slot in &mut path {
                        *slot = pnls[rng.random_range(0..pnls.len())];
                    }
                }
                _ => path.shuffle(&mut rng),
            }
            outcome(start, &path, trades_per_year)
        })
        .collect()
}

/// Bars made of `bars`' returns (close to close, and open, high and low against the previous
/// close) taken in blocks of `block` from random places, starting at the first close, on the
/// instrument's tick.
#[must_use]
pub fn block_bars(bars: &Bars, block: usize, rng: &mut StdRng) -> Bars {
    let n = bars.len();
    let block = block.clamp(1, n.saturating_sub(1).max(1));
    let scale = 10f64.powi(9 - i32::from(bars.price_precision));
    let tick = scale as i64;
    let on_tick = |x: f64| ((x / scale).round() as i64 * tick).max(tick);
    let ratio = |a: i64, b: i64| a as f64 / b as f64;
    let mut out = Bars {
        price_precision: bars.price_precision,
        ..Bars::default()
    };
    let mut prev = bars.close[0];
    let push = |out: &mut Bars, ts: i64, [o, h, l, c]: [i64; 4], volume: f64| {
        let (h, l) = (h.max(o).max(c), l.min(o).min(c));
        let f =
            |raw: i64| nautilus_model::types::Price::from_raw(raw, bars.price_precision).as_f64();
        out.ts.push(ts);
        out.open.push(o);
        out.high.push(h);
        out.low.push(l);
        out.close.push(c);
        out.open_f.push(f(o));
        out.high_f.push(f(h));
        out.low_f.push(f(l));
        out.close_f.push(f(c));
        out.volume_f.push(volume);
    };
    push(
        &mut out,
        bars.ts[0],
        [bars.open[0], bars.high[0], bars.low[0], prev],
        bars.volume_f[0],
    );
    let mut i = 1;
    while i < n {
        let from = rng.random_range(1..=(n - block).max(1));
        for k in from..(from + block).min(n) {
            if i >= n {
                break;
            }
            let base = bars.close[k - 1];
            let p = prev as f64;
            let c = on_tick(p * ratio(bars.close[k], base));
            let o = on_tick(p * ratio(bars.open[k], base));
            let h = on_tick(p * ratio(bars.high[k], base));
            let l = on_tick(p * ratio(bars.low[k], base));
            push(&mut out, bars.ts[i], [o, h, l, c], bars.volume_f[k]);
            prev = c;
            i += 1;
        }
    }
    out
}

/// `backtest monte-carlo` / `monte_carlo`.
pub struct MonteCarlo;

impl Operation for MonteCarlo {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "monte-carlo",
        tool_name: "monte_carlo",
        class: OpClass::Research,
        idempotent: true,
        destructive: false,
    };
    type Request = MonteCarloRequest;
    type Response = MonteCarloResult;

    async fn run(
        ctx: Arc<Context>,
        req: MonteCarloRequest,
        call: Call,
    ) -> OpResult<MonteCarloResult> {
        let started = Instant::now();
        if req.resamples == 0 || req.resamples > 100_000 {
            return Err(OpError::invalid(
                "resamples",
                format!("must be between 1 and 100000, got {}", req.resamples),
            ));
        }
        if req.bins == 0 || req.bins > 1000 {
            return Err(OpError::invalid("bins", "must be between 1 and 1000"));
        }
        let threshold: f64 = req.drawdown_threshold.get().try_into().unwrap_or(20.0);
        if !(0.0..=100.0).contains(&threshold) {
            return Err(OpError::invalid(
                "drawdown_threshold",
                "must be between 0 and 100 (percent)",
            ));
        }
        let methods = if req.methods.is_empty() {
            vec![Method::Reshuffle, Method::Bootstrap]
        } else {
            req.methods.clone()
        };
        let (run_id, summary, trips, config) = {
            let conn = ctx.store.conn();
            let run_id = match &req.run_id {
                Some(id) => id.clone(),
                None => backtests::latest_run_id(&conn)?.ok_or_else(|| {
                    OpError::state("no backtest run is stored yet: run one with `backtest run`")
                })?,
            };
            let summary: RunSummary = backtests::parse(
                &backtests::run_part(&conn, &run_id, backtests::RunPart::Summary)?,
                "run summary",
            )?;
            let trips: Vec<RoundTrip> = backtests::parse(
                &backtests::run_part(&conn, &run_id, backtests::RunPart::Trades)?,
                "round trips",
            )?;
            let config: BacktestConfig = backtests::parse(
                &backtests::run_part(&conn, &run_id, backtests::RunPart::Config)?,
                "run configuration",
            )?;
            (run_id, summary, trips, config)
        };
        let line = summary
            .pnl
            .iter()
            .find(|l| trips.first().is_none_or(|t| t.currency == l.currency))
            .or_else(|| summary.pnl.first())
            .ok_or_else(|| OpError::state(format!("run {run_id} has no balances")))?;
        let currency = line.currency.clone();
        let start: f64 = line.start_balance.parse().unwrap_or(0.0);
        let pnls: Vec<Pnl> = trips
            .iter()
            .filter(|t| t.currency == currency)
            .map(|t| Pnl::of(t.pnl()))
            .collect();
        let span_days = (trips.last().map_or(0, |t| t.exit_ns)
            - trips.first().map_or(0, |t| t.entry_ns))
        .max(1) as f64
            / 86_400e9;
        let trades_per_year = pnls.len() as f64 / (span_days / 365.0).max(1e-9);
        let original = outcome(start, &pnls, trades_per_year);
        let needs_trades = methods.iter().any(|m| *m != Method::Block);
        if needs_trades && pnls.is_empty() {
            return Err(OpError::state(format!(
                "run {run_id} has no round trips in {currency} to resample"
            )));
        }
        let id = format!(
            "MC-{}-{:08x}",
            chrono::Utc::now().format("%Y%m%d-%H%M%S"),
            rand::rng().random::<u32>()
        );
        studies::start(
            &ctx.store.conn(),
            &id,
            studies::MONTE_CARLO,
            Some(summary.strategy_id.as_str()),
            &serde_json::to_string(&serde_json::json!({
                "run_id": run_id, "resamples": req.resamples, "seed": req.seed,
                "methods": methods, "block_bars": req.block_bars, "drawdown_threshold": threshold,
            }))
            .map_err(OpError::internal)?,
        )?;
        let mut results = Vec::new();
        for (k, method) in methods.iter().enumerate() {
            call.check_cancelled()?;
            let seed = req.seed.wrapping_add(k as u64);
            let outcomes = match method {
                Method::Reshuffle | Method::Bootstrap => {
                    let (pnls, resamples, method) = (pnls.clone(), req.resamples, *method);
                    tokio::task::spawn_blocking(move || {
                        resample_trades(method, start, &pnls, resamples, seed, trades_per_year)
                    })
                    .await
                    .map_err(OpError::internal)?
                }
                Method::Block => {
                    block_outcomes(&ctx, &config, &summary, &req, seed, trades_per_year, &call)
                        .await?
                }
            };
            results.push(summarize(
                *method,
                outcomes,
                threshold,
                req.bins,
                req.samples,
            ));
            call.progress((k + 1) as u64, Some(methods.len() as u64), None);
        }
        let result = MonteCarloResult {
            monte_carlo_id: id.clone(),
            run_id,
            currency,
            starting_balance: line.start_balance.clone(),
            round_trips: pnls.len(),
            seed: req.seed,
            drawdown_threshold_pct: threshold,
            original,
            methods: results,
            definitions: vec![
                "reshuffle and bootstrap: equity starts at the starting balance and moves by each round trip's realized PnL in turn".into(),
                "max_drawdown_pct: the deepest fall of that equity from its running peak, in percent".into(),
                "sharpe: mean over standard deviation (n-1) of per-trade returns (PnL over the equity before it), times the square root of the run's round trips per year; for block, Nautilus's Sharpe ratio of the re-run's daily returns".into(),
                "longest_losing_streak: most consecutive round trips with a negative PnL".into(),
                "block: the run's bars rebuilt from blocks of block_bars consecutive bar returns drawn at random, the strategy re-run on them with the fast path".into(),
                "percentiles: linear interpolation between the nearest ranks".into(),
            ],
            elapsed_secs: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        };
        studies::finish(
            &ctx.store.conn(),
            &id,
            &serde_json::to_string(&result).map_err(OpError::internal)?,
        )?;
        Ok(result)
    }
}

/// Outcomes of re-running the run's strategy on block-resampled bars.
async fn block_outcomes(
    ctx: &Arc<Context>,
    config: &BacktestConfig,
    summary: &RunSummary,
    req: &MonteCarloRequest,
    seed: u64,
    trades_per_year: f64,
    call: &Call,
) -> OpResult<Vec<Outcome>> {
    let plan = crate::ops::strategy::find(&ctx.store.conn(), &summary.strategy_id)?
        .plan(&summary.parameters)?;
    if !summary.strategy_hash.is_empty() && plan.hash != summary.strategy_hash {
        return Err(OpError::invalid(
            "run_id",
            format!(
                "the definition of {} changed since the run; the block bootstrap re-runs the \
                 definition the run used",
                summary.strategy_id
            ),
        ));
    }
    let spec = run::prepare(ctx, config, &plan, false)?.spec;
    fast::applies(&spec).map_err(|why| {
        OpError::invalid(
            "methods",
            format!("the block bootstrap re-runs the strategy on the fast path, which does not reproduce {why}"),
        )
    })?;
    let (resamples, block, cancel) = (req.resamples, req.block_bars, call.cancel.clone());
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let currency = spec.equity_currency.code.to_string();
    let _ = trades_per_year;
    tokio::task::spawn_blocking(move || -> OpResult<Vec<Outcome>> {
        let original = batch::Shared::load(&spec, [&*spec.strategy.plan])?.bars;
        let mut out: Vec<Option<Outcome>> = vec![None; resamples];
        let mut failure = None;
        batch::par_map(
            resamples,
            threads,
            |i| {
                let mut rng =
                    StdRng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
                let bars = block_bars(&original, block, &mut rng);
                let shared = batch::Shared::from_bars(bars, [&*spec.strategy.plan]);
                shared.run_light(&spec, &cancel)
            },
            |i, r| {
                match r {
                    Ok(light) => {
                        let pnl = light
                            .balances
                            .iter()
                            .find(|(c, _, _)| *c == currency)
                            .map_or(0.0, |(_, s, e)| {
                                (*e - *s).to_string().parse().unwrap_or(0.0)
                            });
                        out[i] = Some(Outcome {
                            final_pnl: pnl,
                            max_drawdown_pct: light
                                .statistics
                                .equity_max_drawdown_pct
                                .unwrap_or(0.0),
                            sharpe: light.statistics.returns.sharpe_ratio,
                            longest_losing_streak: light.longest_losing_streak,
                        });
                    }
                    Err(Declined::Failed(e)) => {
                        failure.get_or_insert(e);
                    }
                    Err(Declined::Unsupported(u)) => {
                        failure.get_or_insert(OpError::state(format!(
                            "a resample left what the fast path reproduces ({u})"
                        )));
                    }
                }
                failure.is_none()
            },
        );
        if cancel.is_cancelled() {
            return Err(OpError::new(
                Code::Cancelled,
                "the Monte Carlo study was cancelled",
            ));
        }
        failure.map_or_else(|| Ok(out.into_iter().flatten().collect()), Err)
    })
    .await
    .map_err(OpError::internal)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equity_path_measures_drawdown_streaks_and_sharpe() {
        let pnls: Vec<Pnl> = [10, -20, -5, 30]
            .map(|p| Pnl::of(Decimal::from(p)))
            .to_vec();
        let o = outcome(100.0, &pnls, 4.0);
        assert_eq!(o.final_pnl, 15.0);
        // Peak 110, trough 85: -22.7272..%.
        assert!((o.max_drawdown_pct - (85.0 - 110.0) / 110.0 * 100.0).abs() < 1e-12);
        assert_eq!(o.longest_losing_streak, 2);
        assert!(o.sharpe.is_some());
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), 2.5);
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.0), 1.0);
    }
}
