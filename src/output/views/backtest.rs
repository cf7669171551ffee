//! Backtests: a run's headline, its statistics, round trips, stored runs and sweeps.

use serde_json::Value;

use crate::output::{
    chart,
    format::{self, Format},
    heatmap,
    style::{self, Role},
    view::{Column, TableView, View, num, text},
};

/// The headline of a run (the summary of `backtest run`, `backtest results`).
const RUN_FIELDS: &[Column] = &[
    text("strategy_id", "strategy", 0),
    text("parameters", "parameters", 0).fmt(Format::Pairs),
    text("instruments", "instruments", 0),
    text("config", "configuration", 0),
    text("start", "from", 0).fmt(Format::Time),
    text("end", "to", 0).fmt(Format::Time),
    text("capital", "capital", 0).fmt(Format::Pairs),
    num("bars", "bars", 0),
    num("orders", "orders", 0),
    num("fills", "fills", 0),
    num("round_trips", "round trips", 0),
    num("statistics.returns.sharpe_ratio", "Sharpe", 0).fmt(Format::Ratio),
    num("statistics.returns.sortino_ratio", "Sortino", 0).fmt(Format::Ratio),
    num("statistics.returns.max_drawdown", "max drawdown", 0)
        .fmt(Format::Frac)
        .role(Role::Signed),
    num("statistics.returns.profit_factor", "profit factor", 0).fmt(Format::Ratio),
    num("statistics.pnl.0.win_rate", "win rate", 0).fmt(Format::Frac),
    num("statistics.returns.cagr", "CAGR", 0)
        .fmt(Format::Frac)
        .role(Role::Signed),
    num("benchmark.return_pct", "buy & hold", 0)
        .fmt(Format::Pct)
        .role(Role::Signed),
    num("statistics.equity_max_drawdown_pct", "equity max DD", 0)
        .fmt(Format::Pct)
        .role(Role::Signed),
];

/// PnL per currency.
pub(super) const PNL: TableView = TableView {
    title: "PnL",
    rows: "pnl",
    columns: &[
        text("currency", "ccy", 0),
        num("start_balance", "start", 1),
        num("end_balance", "end", 1),
        num("pnl", "PnL", 0).role(Role::Signed),
        num("pnl_pct", "PnL %", 0)
            .fmt(Format::Pct)
            .role(Role::Signed),
    ],
    spread: None,
};

/// `backtest run`.
pub const RUN: View = View {
    summary: Some(run_line),
    fields: RUN_FIELDS,
    tables: &[PNL],
    notes: &["notes"],
    ..View::EMPTY
};

/// `backtest results`: the same headline, from the stored run.
pub const RESULTS: View = View {
    summary: Some(results_line),
    base: "summary",
    picture: Some(chart::equity_and_drawdown),
    ..RUN
};

fn run_line(doc: &Value, color: bool) -> Option<String> {
    let id = doc.get("run_id")?.as_str()?;
    let pnl = doc
        .get("pnl")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| {
            let pct = p.get("pnl_pct").unwrap_or(&Value::Null);
            let text = format!(
                "{} {} ({})",
                format::plain(p.get("pnl").unwrap_or(&Value::Null)),
                format::plain(p.get("currency").unwrap_or(&Value::Null)),
                format::write(pct, Format::Pct, false)
            );
            style::paint(&text, pct, Role::Signed, color)
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!("Run {}: PnL {pnl}", style::bold(id, color)))
}

fn results_line(doc: &Value, color: bool) -> Option<String> {
    run_line(doc.get("summary")?, color)
}

/// `backtest trades`: totals, then the round trips.
pub const TRADES: View = View {
    summary: None,
    fields: &[
        text("run_id", "run", 0),
        num("matched", "matched", 0),
        num("total.trades", "trades", 0),
        num("total.win_rate", "win rate", 0).fmt(Format::Frac),
        num("total.pnl", "PnL", 0).role(Role::Signed),
        num("total.avg_pnl", "avg PnL", 0).role(Role::Signed),
        num("total.commission_paid", "commission", 0),
        num("streaks.longest_winning", "longest winning streak", 0),
        num("streaks.longest_losing", "longest losing streak", 0),
    ],
    tables: &[
        TableView {
            title: "By side",
            rows: "by_side",
            columns: GROUP,
            spread: None,
        },
        TableView {
            title: "Round trips",
            rows: "trades",
            columns: &[
                text("entry_time", "entry", 0).fmt(Format::Time),
                text("side", "side", 0).role(Role::Side),
                num("quantity", "qty", 1),
                num("entry_price", "entry px", 1),
                num("exit_price", "exit px", 1),
                num("realized_pnl", "PnL", 0).role(Role::Signed),
                num("return_pct", "return", 2)
                    .fmt(Format::Pct)
                    .role(Role::Signed),
                text("duration", "held", 3),
                text("exit_time", "exit", 4).fmt(Format::Time),
                text("instrument_id", "instrument", 5),
            ],
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};

const GROUP: &[Column] = &[
    text("group", "group", 0),
    num("trades", "trades", 0),
    num("winners", "won", 1),
    num("losers", "lost", 1),
    num("win_rate", "win rate", 0).fmt(Format::Frac),
    num("pnl", "PnL", 0).role(Role::Signed),
    num("avg_pnl", "avg PnL", 2).role(Role::Signed),
    num("avg_return_pct", "avg return", 2)
        .fmt(Format::Pct)
        .role(Role::Signed),
    num("commission_paid", "commission", 3),
];

/// `backtest list`: stored runs, newest first.
pub const LIST: View = View {
    summary: None,
    fields: &[text("configurations", "configurations", 0)],
    tables: &[TableView {
        title: "Runs",
        rows: "runs",
        columns: &[
            text("created", "created", 4).fmt(Format::Time),
            text("run_id", "run", 0),
            text("strategy_id", "strategy", 0),
            text("parameters", "parameters", 3),
            text("instruments", "instruments", 5),
            num("pnl_pct", "PnL %", 0)
                .fmt(Format::Pct)
                .role(Role::Signed),
            num("sharpe_ratio", "Sharpe", 1).fmt(Format::Ratio),
            num("max_drawdown", "max DD", 1).fmt(Format::Frac),
            num("round_trips", "trips", 2),
        ],
        spread: None,
    }],
    ..View::EMPTY
};

/// `backtest sweep`: rank, each varied parameter as its own column, the ranking statistic and
/// a few others.
pub const SWEEP: View = View {
    summary: Some(sweep_line),
    fields: &[],
    tables: &[
        TableView {
            title: "",
            rows: "ranking",
            columns: &[
                num("rank", "#", 0),
                num("score", "score", 0).fmt(Format::Ratio),
                num("pnl_pct", "PnL %", 1)
                    .fmt(Format::Pct)
                    .role(Role::Signed),
                num("sharpe_ratio", "Sharpe", 2).fmt(Format::Ratio),
                num("max_drawdown", "max DD", 2).fmt(Format::Frac),
                num("win_rate", "win rate", 3).fmt(Format::Frac),
                num("round_trips", "trips", 3),
                text("run_id", "run", 4),
            ],
            spread: Some("values"),
        },
        CONFIRMED,
    ],
    notes: &["notes"],
    picture: Some(heatmap::sweep),
    ..View::EMPTY
};

/// Combinations the sweep re-ran on the engine, and whether the engine agreed.
const CONFIRMED: TableView = TableView {
    title: "Confirmed on the engine",
    rows: "confirmed",
    columns: &[
        num("rank", "#", 0),
        num("fast_pnl", "fast PnL", 0).role(Role::Signed),
        num("nautilus_pnl", "engine PnL", 0).role(Role::Signed),
        text("equal", "equal", 0)
            .fmt(Format::Flag)
            .role(Role::Status),
        text("nautilus_run_id", "run", 1),
    ],
    spread: Some("values"),
};

fn sweep_line(doc: &Value, color: bool) -> Option<String> {
    let n = doc.get("combinations")?;
    let strategy = doc
        .get("strategy_id")
        .and_then(Value::as_str)
        .unwrap_or("?");
    let rank_by = doc.get("rank_by").and_then(Value::as_str).unwrap_or("?");
    let secs = doc
        .get("elapsed_secs")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let threads = doc.get("threads").map(format::plain).unwrap_or_default();
    let mut line = format!(
        "Sweep of {}: {n} runs on {threads} threads in {secs:.1} s, ranked by {}",
        style::bold(strategy, color),
        style::bold(rank_by, color),
    );
    if let Some(engine) = doc.get("engine").and_then(Value::as_str) {
        line.push_str(&format!(" ({engine} engine)"));
    }
    if let Some(id) = doc.get("sweep_id").and_then(Value::as_str) {
        line.push_str(&format!("; stored as {id}"));
    }
    Some(line)
}

/// `backtest configure`, `add-instruments`, `set-range`: the stored configuration in one line,
/// then its settings.
pub const CONFIG: View = View {
    summary: Some(configured),
    fields: &[
        text("config.instruments", "instruments", 0),
        text("config.start_date", "from", 0).fmt(Format::Time),
        text("config.end_date", "to", 0).fmt(Format::Time),
        text("config.initial_capital", "capital", 0).fmt(Format::Pairs),
        text("config.data_source", "data", 0),
        text("config.data_path", "data path", 0),
        text("config.bar_spec", "bars", 0),
        text("config.oms_type", "OMS", 0),
        text("config.account_type", "account", 0),
        text("config.base_currency", "base currency", 0),
        num("config.leverage", "leverage", 0),
        text("config.fee_model", "fees", 0),
        text("config.commission", "commission", 0),
        text("config.fill_model", "fills", 0),
        num("config.prob_fill_on_limit", "P(limit fill)", 0),
        num("config.prob_slippage", "P(slippage)", 0),
        num("config.fill_seed", "fill seed", 0),
    ],
    notes: &["notes"],
    ..View::EMPTY
};

fn configured(doc: &Value, color: bool) -> Option<String> {
    let name = doc.pointer("/config/name")?.as_str()?;
    Some(format!(
        "Backtest configuration {} saved",
        style::bold(name, color)
    ))
}
