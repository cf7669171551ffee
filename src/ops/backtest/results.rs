//! Reading stored runs: results with the equity curve, trade analysis, the list of runs.

use std::{collections::BTreeMap, path::PathBuf, sync::Arc};

use chrono::{Datelike, TimeZone, Timelike, Utc};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::run::{RunSummary, StoredEquity};
use crate::{
    data::time::{format_ns, parse_timestamp},
    engine::backtest::results::RoundTrip,
    error::{OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::backtests::{self, RunPart},
    values::{Dec, Detail, Truncated},
};

fn resolve_run_id(ctx: &Context, run_id: Option<&str>) -> OpResult<String> {
    match run_id {
        Some(id) => Ok(id.trim().to_string()),
        None => backtests::latest_run_id(&ctx.store.conn())?.ok_or_else(|| {
            OpError::state("no backtest has been run yet: run one with run_backtest (backtest run)")
        }),
    }
}

/// One point of the equity curve.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EquityPoint {
    pub time: String,
    pub equity: String,
}

/// Results of a stored run: Nautilus statistics, counts, timing, and the equity curve.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BacktestResults {
    pub summary: RunSummary,
    /// Resolution of the curve below.
    pub equity_resolution: String,
    /// Resolution the run recorded (the finest available).
    pub equity_recorded_resolution: String,
    pub equity_curve: Vec<EquityPoint>,
    /// What a summary left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
}

/// Get the results of a backtest run: PnL and PnL% per currency, returns volatility, Sharpe,
/// Sortino, max drawdown, CAGR, Calmar, profit factor, win rate, expectancy, winners and
/// losers, long ratio; order, fill and position counts; elapsed time and bars per second; and
/// the equity curve at the requested resolution.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct GetBacktestResultsRequest {
    /// Run id (default: the newest run).
    #[serde(default)]
    pub run_id: Option<String>,
    /// Equity curve resolution: 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w (default: at most ~500
    /// points). Must not be finer than the recorded resolution.
    #[arg(long)]
    #[serde(default)]
    pub resolution: Option<String>,
    /// Leave out the equity curve.
    #[arg(long)]
    #[serde(default)]
    pub no_equity: bool,
    /// summary (the MCP default): an equity curve of at most 100 points unless a resolution
    /// is given; full (the CLI default): at most ~500.
    #[arg(long, value_enum)]
    #[serde(default)]
    pub detail: Option<Detail>,
}

/// Equity points of a curve at the default resolution, in full and in a summary.
const FULL_POINTS: i64 = 500;
const SUMMARY_POINTS: i64 = 100;

/// `backtest results` / `get_backtest_results`.
pub struct GetBacktestResults;

fn parse_resolution(s: &str) -> OpResult<i64> {
    const M: i64 = 60_000_000_000;
    let t = s.trim().to_ascii_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let n: i64 = if n.is_empty() {
        1
    } else {
        n.parse()
            .map_err(|_| OpError::invalid("resolution", format!("'{s}' is not like 1h")))?
    };
    let unit_ns = match unit {
        "m" | "min" | "minute" | "minutes" => M,
        "h" | "hour" | "hours" => 60 * M,
        "d" | "day" | "days" => 1440 * M,
        "w" | "week" | "weeks" => 7 * 1440 * M,
        _ => {
            return Err(OpError::invalid(
                "resolution",
                format!("'{s}' is not like 15m, 1h, 1d or 1w"),
            ));
        }
    };
    if n <= 0 {
        return Err(OpError::invalid("resolution", "must be positive"));
    }
    Ok(n * unit_ns)
}

fn resolution_name(ns: i64) -> String {
    const M: i64 = 60_000_000_000;
    match ns {
        n if n % (7 * 1440 * M) == 0 => format!("{}w", n / (7 * 1440 * M)),
        n if n % (1440 * M) == 0 => format!("{}d", n / (1440 * M)),
        n if n % (60 * M) == 0 => format!("{}h", n / (60 * M)),
        n => format!("{}m", n / M),
    }
}

/// The finest resolution that keeps the curve within `cap` points (at most [`FULL_POINTS`]).
fn default_step(equity: &StoredEquity, cap: usize) -> i64 {
    let recorded = equity.step_ns;
    let most = i64::try_from(cap).unwrap_or(i64::MAX).min(FULL_POINTS);
    let span = equity.points.last().map_or(0, |l| l.0) - equity.points.first().map_or(0, |f| f.0);
    let mut s = recorded;
    for candidate in [
        recorded,
        15 * 60_000_000_000,
        3_600_000_000_000,
        4 * 3_600_000_000_000,
        86_400_000_000_000,
        7 * 86_400_000_000_000,
    ] {
        s = candidate.max(recorded);
        if span / s <= most {
            break;
        }
    }
    s
}

/// The last sample of each bucket of `step`.
fn resample(points: &[(i64, String)], step: i64) -> Vec<EquityPoint> {
    let mut out: Vec<(i64, &String)> = Vec::new();
    for (ts, v) in points {
        let bucket = ts.div_euclid(step);
        match out.last_mut() {
            Some(last) if last.0.div_euclid(step) == bucket => *last = (*ts, v),
            _ => out.push((*ts, v)),
        }
    }
    out.into_iter()
        .map(|(t, v)| EquityPoint {
            time: format_ns(t),
            equity: v.clone(),
        })
        .collect()
}

impl Operation for GetBacktestResults {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "results",
        tool_name: "get_backtest_results",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = GetBacktestResultsRequest;
    type Response = BacktestResults;

    async fn run(
        ctx: Arc<Context>,
        req: GetBacktestResultsRequest,
        _call: Call,
    ) -> OpResult<BacktestResults> {
        let run_id = resolve_run_id(&ctx, req.run_id.as_deref())?;
        let conn = ctx.store.conn();
        let summary: RunSummary = backtests::parse(
            &backtests::run_part(&conn, &run_id, RunPart::Summary)?,
            "run summary",
        )?;
        let equity: StoredEquity = backtests::parse(
            &backtests::run_part(&conn, &run_id, RunPart::Equity)?,
            "equity curve",
        )?;
        let recorded = equity.step_ns;
        let step = match &req.resolution {
            Some(r) => {
                let s = parse_resolution(r)?;
                if s < recorded {
                    return Err(OpError::invalid(
                        "resolution",
                        format!(
                            "{r} is finer than the recorded resolution {}",
                            resolution_name(recorded)
                        ),
                    ));
                }
                s
            }
            None => default_step(&equity, Detail::cap(req.detail, SUMMARY_POINTS as usize)),
        };
        let curve = if req.no_equity {
            Vec::new()
        } else {
            resample(&equity.points, step)
        };
        // A summary's coarser curve, and how many points the full default holds.
        let truncated = (!req.no_equity && req.resolution.is_none())
            .then(|| resample(&equity.points, default_step(&equity, usize::MAX)).len())
            .filter(|&full| full > curve.len())
            .map(|full| Truncated {
                list: "equity_curve".into(),
                shown: curve.len(),
                total: full,
                rest: "detail=full, or a finer resolution".into(),
            });
        Ok(BacktestResults {
            summary,
            equity_resolution: resolution_name(step),
            equity_recorded_resolution: resolution_name(recorded),
            equity_curve: curve,
            truncated,
        })
    }
}

/// Aggregates of a group of round trips.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct TradeGroup {
    pub group: String,
    pub trades: usize,
    pub winners: usize,
    pub losers: usize,
    pub win_rate: Option<f64>,
    pub pnl: String,
    pub avg_pnl: String,
    /// Mean price return in percent, before commissions.
    pub avg_return_pct: Option<f64>,
    /// Mean return after commissions in percent (of the round trips that have one).
    pub avg_net_return_pct: Option<f64>,
    pub commission_paid: String,
}

/// The mean of some percentages, to six decimals; `None` for none.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| (sum / f64::from(n) * 1e6).round() / 1e6)
}

/// Runs of consecutive winners and losers.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Streaks {
    pub longest_winning: usize,
    pub longest_losing: usize,
    /// Positive: the current run of winners; negative: of losers.
    pub current: i64,
}

/// Trade analysis of a run.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TradeAnalysis {
    pub run_id: String,
    /// Round trips matching the filters.
    pub matched: usize,
    pub total: TradeGroup,
    pub by_side: Vec<TradeGroup>,
    /// By weekday of entry (UTC).
    pub by_weekday: Vec<TradeGroup>,
    /// By hour of entry (UTC).
    pub by_hour: Vec<TradeGroup>,
    pub streaks: Streaks,
    /// The matching round trips (up to `limit`).
    pub trades: Vec<RoundTrip>,
    /// The CSV written, with every matching round trip.
    pub csv: Option<String>,
    /// What a summary left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
}

/// Analyse the round trips of a backtest run: entry/exit time and price, side, quantity,
/// realized PnL, return, duration and commission, filtered, with aggregates by side, weekday
/// and hour, and winning/losing streaks. Optionally export them as CSV.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct AnalyzeTradesRequest {
    /// Run id (default: the newest run).
    #[serde(default)]
    pub run_id: Option<String>,
    /// Only LONG or SHORT round trips.
    #[arg(long)]
    #[serde(default)]
    pub side: Option<String>,
    /// Only this instrument (SYMBOL.VENUE).
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    #[serde(default)]
    pub instrument_id: Option<String>,
    /// Only winners (`win`) or losers (`loss`).
    #[arg(long)]
    #[serde(default)]
    pub outcome: Option<String>,
    /// Only round trips with realized PnL at least this.
    #[arg(long)]
    #[serde(default)]
    pub min_pnl: Option<Dec>,
    /// Only round trips with realized PnL at most this.
    #[arg(long)]
    #[serde(default)]
    pub max_pnl: Option<Dec>,
    /// Only round trips entered at or after this time.
    #[arg(long)]
    #[serde(default)]
    pub start: Option<String>,
    /// Only round trips entered at or before this time.
    #[arg(long)]
    #[serde(default)]
    pub end: Option<String>,
    /// Round trips listed in the response (default 50; the aggregates use all).
    #[arg(long, default_value_t = 50)]
    #[serde(default = "fifty")]
    pub limit: usize,
    /// Write every matching round trip to this CSV file.
    #[arg(long, value_name = "FILE")]
    #[serde(default)]
    pub csv: Option<PathBuf>,
    /// summary (the MCP default): at most 10 round trips listed; full (the CLI default): up
    /// to limit.
    #[arg(long, value_enum)]
    #[serde(default)]
    pub detail: Option<Detail>,
}

/// Round trips a summary lists.
const SUMMARY_TRADES: usize = 10;

fn fifty() -> usize {
    50
}

/// `backtest trades` / `analyze_trades`.
pub struct AnalyzeTrades;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

fn group(name: String, trades: &[&RoundTrip]) -> TradeGroup {
    let n = trades.len();
    let winners = trades
        .iter()
        .filter(|t| dec(&t.realized_pnl) > Decimal::ZERO)
        .count();
    let losers = trades
        .iter()
        .filter(|t| dec(&t.realized_pnl) < Decimal::ZERO)
        .count();
    let pnl: Decimal = trades.iter().map(|t| dec(&t.realized_pnl)).sum();
    let commission: BTreeMap<String, Decimal> = trades
        .iter()
        .flat_map(|t| t.commission.split(", "))
        .fold(BTreeMap::new(), |mut acc, c| {
            let mut parts = c.split_whitespace();
            if let (Some(a), Some(ccy)) = (parts.next(), parts.next()) {
                *acc.entry(ccy.to_string()).or_default() += dec(a);
            }
            acc
        });
    TradeGroup {
        group: name,
        trades: n,
        winners,
        losers,
        win_rate: (n > 0).then(|| (winners as f64 / n as f64 * 1e6).round() / 1e6),
        pnl: pnl.normalize().to_string(),
        avg_pnl: if n > 0 {
            (pnl / Decimal::from(n as u64))
                .round_dp(8)
                .normalize()
                .to_string()
        } else {
            "0".into()
        },
        avg_return_pct: mean(trades.iter().map(|t| t.return_pct)),
        avg_net_return_pct: mean(trades.iter().filter_map(|t| t.net_return_pct)),
        commission_paid: commission
            .iter()
            .map(|(c, a)| format!("{} {c}", a.normalize()))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn streaks(trades: &[&RoundTrip]) -> Streaks {
    let mut s = Streaks::default();
    let mut current: i64 = 0;
    for t in trades {
        let p = dec(&t.realized_pnl);
        current = if p > Decimal::ZERO {
            current.max(0) + 1
        } else if p < Decimal::ZERO {
            current.min(0) - 1
        } else {
            0
        };
        s.longest_winning = s.longest_winning.max(current.max(0) as usize);
        s.longest_losing = s.longest_losing.max((-current).max(0) as usize);
    }
    s.current = current;
    s
}

impl Operation for AnalyzeTrades {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "trades",
        tool_name: "analyze_trades",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = AnalyzeTradesRequest;
    type Response = TradeAnalysis;

    async fn run(
        ctx: Arc<Context>,
        req: AnalyzeTradesRequest,
        call: Call,
    ) -> OpResult<TradeAnalysis> {
        if req.csv.is_some() {
            call.require_files("csv")?;
        }
        let side = req
            .side
            .as_deref()
            .map(|s| match s.to_ascii_uppercase().as_str() {
                "LONG" | "BUY" => Ok("LONG"),
                "SHORT" | "SELL" => Ok("SHORT"),
                _ => Err(OpError::invalid(
                    "side",
                    format!("'{s}' is not LONG or SHORT"),
                )),
            })
            .transpose()?;
        let outcome = req
            .outcome
            .as_deref()
            .map(|o| match o.to_ascii_lowercase().as_str() {
                "win" | "winner" | "winners" => Ok(true),
                "loss" | "loser" | "losers" => Ok(false),
                _ => Err(OpError::invalid(
                    "outcome",
                    format!("'{o}' is not win or loss"),
                )),
            })
            .transpose()?;
        let start = req
            .start
            .as_deref()
            .map(|s| {
                parse_timestamp(s)
                    .map(|t| t.0)
                    .map_err(|e| OpError::invalid("start", e))
            })
            .transpose()?;
        let end = req
            .end
            .as_deref()
            .map(|s| super::config::parse_date("end", s, true))
            .transpose()?;
        if let (Some(s), Some(e)) = (start, end)
            && s > e
        {
            return Err(OpError::invalid("end", "is before start"));
        }
        if req.limit > 100_000 {
            return Err(OpError::invalid("limit", "must be at most 100000"));
        }
        let run_id = resolve_run_id(&ctx, req.run_id.as_deref())?;
        let all: Vec<RoundTrip> = backtests::parse(
            &backtests::run_part(&ctx.store.conn(), &run_id, RunPart::Trades)?,
            "trades",
        )?;
        let matched: Vec<&RoundTrip> = all
            .iter()
            .filter(|t| side.is_none_or(|s| t.side == s))
            .filter(|t| {
                req.instrument_id
                    .as_deref()
                    .is_none_or(|i| t.instrument_id.eq_ignore_ascii_case(i))
            })
            .filter(|t| outcome.is_none_or(|w| (dec(&t.realized_pnl) > Decimal::ZERO) == w))
            .filter(|t| req.min_pnl.is_none_or(|m| dec(&t.realized_pnl) >= m.get()))
            .filter(|t| req.max_pnl.is_none_or(|m| dec(&t.realized_pnl) <= m.get()))
            .filter(|t| start.is_none_or(|s| t.entry_ns >= s))
            .filter(|t| end.is_none_or(|e| t.entry_ns <= e))
            .collect();
        let by = |key: &dyn Fn(&RoundTrip) -> (u32, String)| -> Vec<TradeGroup> {
            let mut groups: BTreeMap<u32, (String, Vec<&RoundTrip>)> = BTreeMap::new();
            for t in &matched {
                let (order, name) = key(t);
                groups
                    .entry(order)
                    .or_insert_with(|| (name, Vec::new()))
                    .1
                    .push(t);
            }
            groups
                .into_values()
                .map(|(name, ts)| group(name, &ts))
                .collect()
        };
        let when = |t: &RoundTrip| Utc.timestamp_nanos(t.entry_ns);
        let by_side = by(&|t| (u32::from(t.side != "LONG"), t.side.clone()));
        let by_weekday = by(&|t| {
            let d = when(t).weekday();
            (d.num_days_from_monday(), d.to_string())
        });
        let by_hour = by(&|t| {
            let h = when(t).hour();
            (h, format!("{h:02}:00"))
        });
        let csv = match &req.csv {
            Some(path) => {
                let io = |e: &dyn std::fmt::Display| {
                    OpError::io(format!("writing {}", path.display()), e)
                };
                let mut w = crate::data::csv_export::writer("csv", path)?;
                for t in &matched {
                    w.serialize(t).map_err(|e| io(&e))?;
                }
                w.flush().map_err(|e| io(&e))?;
                Some(path.display().to_string())
            }
            None => None,
        };
        let mut trades: Vec<RoundTrip> = matched
            .iter()
            .take(req.limit)
            .map(|t| (*t).clone())
            .collect();
        let truncated = Truncated::cut(
            "trades",
            &mut trades,
            Detail::cap(req.detail, SUMMARY_TRADES),
            "detail=full lists up to limit; filters narrow them; csv writes them all",
        );
        Ok(TradeAnalysis {
            run_id,
            matched: matched.len(),
            total: group("all".into(), &matched),
            by_side,
            by_weekday,
            by_hour,
            streaks: streaks(&matched),
            trades,
            csv,
            truncated,
        })
    }
}

/// One stored run in a listing.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RunListItem {
    pub run_id: String,
    pub created: String,
    pub strategy_id: String,
    /// Parameters as NAME=VALUE, defaults left out.
    pub parameters: String,
    pub instruments: String,
    pub start: String,
    pub end: String,
    pub pnl_pct: Option<f64>,
    pub sharpe_ratio: Option<f64>,
    pub max_drawdown: Option<f64>,
    pub round_trips: usize,
    pub elapsed_secs: f64,
}

/// Stored runs and configurations.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RunList {
    pub runs: Vec<RunListItem>,
    /// Names of the stored configurations.
    pub configurations: Vec<String>,
}

/// List stored backtest runs, newest first, with their headline results, and the stored
/// configurations. Runs survive restarts.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct ListBacktestsRequest {
    /// Most runs to list.
    #[arg(long, default_value_t = 20)]
    #[serde(default = "twenty")]
    pub limit: u32,
    /// Only runs of this strategy.
    #[arg(long = "strategy", visible_alias = "strategy-id")]
    #[serde(default)]
    pub strategy_id: Option<String>,
}

fn twenty() -> u32 {
    20
}

/// `backtest list` / `list_backtests`.
pub struct ListBacktests;

impl Operation for ListBacktests {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "list",
        tool_name: "list_backtests",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = ListBacktestsRequest;
    type Response = RunList;

    async fn run(ctx: Arc<Context>, req: ListBacktestsRequest, _call: Call) -> OpResult<RunList> {
        if req.limit == 0 || req.limit > 10_000 {
            return Err(OpError::invalid(
                "limit",
                format!("must be between 1 and 10000, got {}", req.limit),
            ));
        }
        let strategy = req.strategy_id.as_deref().map(|s| {
            crate::engine::strategies::builtin(s)
                .map_or_else(|| s.trim().to_string(), |b| b.id.to_string())
        });
        let conn = ctx.store.conn();
        let runs = backtests::list_runs(&conn, req.limit, strategy.as_deref())?
            .iter()
            .map(|text| {
                let s: RunSummary = backtests::parse(text, "run summary")?;
                Ok(RunListItem {
                    parameters: headline_parameters(&s),
                    instruments: s.instruments.join(", "),
                    pnl_pct: s.pnl.first().and_then(|p| p.pnl_pct),
                    sharpe_ratio: s.statistics.returns.sharpe_ratio,
                    max_drawdown: s.statistics.returns.max_drawdown,
                    round_trips: s.round_trips,
                    elapsed_secs: s.elapsed_secs,
                    run_id: s.run_id,
                    created: s.created,
                    strategy_id: s.strategy_id,
                    start: s.start,
                    end: s.end,
                })
            })
            .collect::<OpResult<Vec<_>>>()?;
        Ok(RunList {
            runs,
            configurations: backtests::config_names(&conn)?,
        })
    }
}

/// The parameters of a run that differ from the common defaults, as NAME=VALUE.
fn headline_parameters(s: &RunSummary) -> String {
    use serde_json::Value;
    let is_default = |k: &str, v: &Value| match k {
        "trade_size" | "stop_loss" | "take_profit" => v.is_null(),
        "allow_short" | "close_at_end" => *v == Value::Bool(true),
        _ => false,
    };
    s.parameters
        .iter()
        .filter(|(k, v)| !is_default(k, v))
        .map(|(k, v)| {
            format!(
                "{k}={}",
                v.as_str().map_or_else(|| v.to_string(), str::to_owned)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}
