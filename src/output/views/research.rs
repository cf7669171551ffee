//! Research: walk-forward windows, Monte Carlo distributions, and stored studies (a sweep, a
//! walk-forward or a Monte Carlo simulation read back by id).

use serde_json::Value;

use crate::output::{
    Options, chart,
    format::{self, Format},
    style::{self, Role},
    view::{Design, TableView, View, num, text},
};

fn s<'v>(doc: &'v Value, key: &str) -> &'v str {
    doc.get(key).and_then(Value::as_str).unwrap_or("-")
}

/// `backtest walk-forward`: the stitched out-of-sample result, its equity, then each window
/// (its ranges, the parameters it chose as their own columns, in- and out-of-sample figures).
pub const WALK_FORWARD: View = View {
    summary: Some(walked),
    base: "",
    fields: &[
        num("stitched.pnl", "out-of-sample PnL", 0).role(Role::Signed),
        num("stitched.pnl_pct", "out-of-sample PnL %", 0)
            .fmt(Format::Pct)
            .role(Role::Signed),
        num("stitched.round_trips", "round trips", 0),
        num("stitched.statistics.returns.sharpe_ratio", "Sharpe", 0).fmt(Format::Ratio),
        num(
            "stitched.statistics.returns.max_drawdown",
            "max drawdown",
            0,
        )
        .fmt(Format::Frac)
        .role(Role::Signed),
        num("stitched.statistics.pnl.0.win_rate", "win rate", 0).fmt(Format::Frac),
        num("efficiency", "efficiency", 0).fmt(Format::Ratio),
    ],
    tables: &[TableView {
        title: "Windows",
        rows: "windows",
        columns: &[
            num("index", "#", 0),
            text("out_of_sample.start", "out of sample", 0).fmt(Format::Time),
            text("out_of_sample.end", "to", 3).fmt(Format::Time),
            text("in_sample.start", "in sample", 4).fmt(Format::Time),
            num("in_sample_stats.pnl", "IS PnL", 1).role(Role::Signed),
            num("in_sample_stats.score", "IS score", 4).fmt(Format::Ratio),
            num("out_of_sample_stats.pnl", "OOS PnL", 0).role(Role::Signed),
            num("out_of_sample_stats.pnl_pct", "OOS %", 2)
                .fmt(Format::Pct)
                .role(Role::Signed),
            num("out_of_sample_stats.sharpe_ratio", "OOS Sharpe", 2).fmt(Format::Ratio),
            num("efficiency", "efficiency", 2).fmt(Format::Ratio),
            text("engine", "engine", 5),
            text("run_id", "run", 6),
        ],
        spread: Some("parameters"),
    }],
    notes: &["notes"],
    picture: Some(stitched_equity),
};

fn walked(doc: &Value, color: bool) -> Option<String> {
    let windows = doc.get("windows")?.as_array()?.len();
    Some(format!(
        "Walk-forward {} of {}: {windows} {} window(s), {} combinations each on the {} engine, \
         ranked by {}",
        s(doc, "walk_forward_id"),
        style::bold(s(doc, "strategy_id"), color),
        s(doc, "mode"),
        doc.get("combinations").map(format::plain)?,
        s(doc, "engine"),
        style::bold(s(doc, "rank_by"), color),
    ))
}

fn stitched_equity(doc: &Value, opts: &Options) -> Option<String> {
    let points = doc.pointer("/stitched/equity")?.as_array()?;
    chart::equity(
        points,
        &format!("Out-of-sample equity ({})", s(doc, "ranked_in")),
        opts,
    )
}

/// `backtest monte-carlo`: the run as it happened, then each method's distributions and
/// probabilities, and a histogram of final PnL.
pub const MONTE_CARLO: View = View {
    summary: Some(simulated),
    base: "",
    fields: &[
        num("starting_balance", "starting balance", 0),
        num("original.final_pnl", "PnL of the run", 0).role(Role::Signed),
        num("original.max_drawdown_pct", "its max drawdown", 0)
            .fmt(Format::Pct)
            .role(Role::Signed),
        num("original.sharpe", "its Sharpe", 0).fmt(Format::Ratio),
        num(
            "original.longest_losing_streak",
            "its longest losing streak",
            0,
        ),
    ],
    tables: &[TableView {
        title: "Distributions (5th / 50th / 95th percentile)",
        rows: "methods",
        columns: &[
            text("method", "method", 0),
            num("probability_of_loss", "P(loss)", 0).fmt(Format::Frac),
            num("probability_of_drawdown_beyond", "P(DD beyond)", 0).fmt(Format::Frac),
            num("final_pnl.p5", "PnL p5", 0).role(Role::Signed),
            num("final_pnl.p50", "PnL p50", 0).role(Role::Signed),
            num("final_pnl.p95", "PnL p95", 1).role(Role::Signed),
            num("max_drawdown_pct.p5", "DD% p5", 1)
                .fmt(Format::Pct)
                .role(Role::Signed),
            num("max_drawdown_pct.p50", "DD% p50", 2)
                .fmt(Format::Pct)
                .role(Role::Signed),
            num("sharpe.p50", "Sharpe p50", 3).fmt(Format::Ratio),
            num("longest_losing_streak.p95", "streak p95", 4),
            num("resamples", "resamples", 5),
        ],
        spread: None,
    }],
    notes: &["definitions"],
    picture: Some(histograms),
};

fn simulated(doc: &Value, color: bool) -> Option<String> {
    let methods = doc.get("methods")?.as_array()?;
    let resamples = methods.first()?.get("resamples").map(format::plain)?;
    Some(format!(
        "Monte Carlo {} of run {}: {resamples} resamples × {} method(s) of {} round trips \
         (seed {}; DD beyond = a drawdown deeper than {})",
        s(doc, "monte_carlo_id"),
        style::bold(s(doc, "run_id"), color),
        methods.len(),
        doc.get("round_trips").map(format::plain)?,
        doc.get("seed").map(format::plain)?,
        format::write(
            doc.get("drawdown_threshold_pct").unwrap_or(&Value::Null),
            Format::Pct,
            false
        ),
    ))
}

fn histograms(doc: &Value, opts: &Options) -> Option<String> {
    let currency = s(doc, "currency");
    let charts: Vec<String> = doc
        .get("methods")?
        .as_array()?
        .iter()
        .filter_map(|m| {
            let h = m.get("histogram")?;
            chart::histogram(
                h.get("edges")?.as_array()?,
                h.get("counts")?.as_array()?,
                &format!("Final PnL ({currency}), {}", s(m, "method")),
                opts,
            )
        })
        .collect();
    (!charts.is_empty()).then(|| charts.join("\n\n"))
}

/// `backtest study`: the stored answer, shown as its operation shows it.
pub const STUDY: Design = Design::ByKind {
    key: "kind",
    views: &[
        ("sweep", &super::backtest::SWEEP),
        ("walk_forward", &WALK_FORWARD),
        ("monte_carlo", &MONTE_CARLO),
    ],
};
