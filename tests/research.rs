//! Research operations from the CLI, checked against values computed independently: a
//! walk-forward against its windows built by hand from sweeps and runs.

mod common;

use std::str::FromStr;

use common::Home;
use rust_decimal::Decimal;
use serde_json::Value;

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(
        v.as_str()
            .unwrap_or_else(|| panic!("not a decimal string: {v}")),
    )
    .unwrap()
}

const GRID: [&str; 4] = [
    "--grid",
    "fast_period=5,8,13",
    "--grid",
    "slow_period=21,34",
];

/// (start, end) in RFC 3339, `minutes` after 2021-01-01T00:00:00Z, the end inclusive.
fn at(minutes: i64) -> String {
    let t = chrono::DateTime::parse_from_rfc3339("2021-01-01T00:00:00Z").unwrap()
        + chrono::Duration::minutes(minutes);
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn just_before(minutes: i64) -> String {
    let t = chrono::DateTime::parse_from_rfc3339("2021-01-01T00:00:00Z").unwrap()
        + chrono::Duration::minutes(minutes)
        - chrono::Duration::nanoseconds(1);
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

#[test]
fn a_two_window_walk_forward_matches_its_windows_built_by_hand() {
    let home = Home::new();
    home.json(&[
        "data",
        "generate",
        "--bars",
        "3000",
        "--seed",
        "17",
        "--start",
        "2021-01-01T00:00:00Z",
    ]);
    let (is_len, oos_len) = (1000, 500);
    let mut args = vec![
        "backtest",
        "walk-forward",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--param",
        "trade_size=0.5",
        "--in-sample",
        "1000m",
        "--out-of-sample",
        "500m",
        "--rank-by",
        "sharpe_ratio",
    ];
    args.extend(GRID);
    let (start, end) = (at(0), just_before(2200));
    args.extend(["--start", &start, "--end", &end]);
    let wf = home.json(&args);
    let windows = wf["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 2, "{wf}");
    assert_eq!(wf["mode"], "rolling");
    assert_eq!(wf["engine"], "fast");

    let mut total = Decimal::ZERO;
    let mut is_rates = Vec::new();
    for (k, w) in windows.iter().enumerate() {
        let k = k as i64;
        let (is0, is1) = (at(k * oos_len), just_before(k * oos_len + is_len));
        let (oos0, oos1) = (
            at(k * oos_len + is_len),
            just_before(k * oos_len + is_len + oos_len),
        );
        // In sample: a sweep of the same grid over the same range picks the same winner.
        let mut sweep = vec![
            "backtest",
            "sweep",
            "--strategy",
            "MovingAverageCrossover",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--param",
            "trade_size=0.5",
            "--rank-by",
            "sharpe_ratio",
            "--confirm",
            "0",
        ];
        sweep.extend(GRID);
        sweep.extend(["--start", &is0, "--end", &is1]);
        let s = home.json(&sweep);
        let best = &s["ranking"][0];
        assert_eq!(w["parameters"], best["values"], "window {k}");
        assert_eq!(w["in_sample_stats"]["pnl"], best["pnl"], "window {k}");
        assert_eq!(w["in_sample_stats"]["score"], best["score"], "window {k}");
        // Out of sample: a run of the winner over the next range gives the same result.
        let f = best["values"]["fast_period"].to_string();
        let sl = best["values"]["slow_period"].to_string();
        let fast = format!("fast_period={f}");
        let slow = format!("slow_period={sl}");
        let run = home.json(&[
            "backtest",
            "run",
            "--strategy",
            "MovingAverageCrossover",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--param",
            "trade_size=0.5",
            "--param",
            &fast,
            "--param",
            &slow,
            "--start",
            &oos0,
            "--end",
            &oos1,
        ]);
        assert_eq!(
            w["out_of_sample_stats"]["pnl"], run["pnl"][0]["pnl"],
            "window {k}"
        );
        assert_eq!(
            w["out_of_sample_stats"]["sharpe_ratio"], run["statistics"]["returns"]["sharpe_ratio"],
            "window {k}"
        );
        let stored = &home.json(&["backtest", "results", w["run_id"].as_str().unwrap()])["summary"];
        assert_eq!(stored["pnl"], run["pnl"], "window {k}");
        total += dec(&run["pnl"][0]["pnl"]);
        let day = 86_400.0 / 60.0;
        let is_pnl: f64 = best["pnl"].as_str().unwrap().parse().unwrap();
        let oos_pnl: f64 = run["pnl"][0]["pnl"].as_str().unwrap().parse().unwrap();
        is_rates.push(is_pnl / (is_len as f64 / day));
        let expected =
            ((oos_pnl / (oos_len as f64 / day)) / (is_pnl / (is_len as f64 / day)) * 1e6).round()
                / 1e6;
        assert_eq!(w["efficiency"].as_f64(), Some(expected), "window {k}");
    }
    // Stitched: the out-of-sample PnLs add up.
    assert_eq!(dec(&wf["stitched"]["pnl"]), total);
    let last = wf["stitched"]["equity"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        dec(&last[1]),
        Decimal::from(100_000) + total,
        "the stitched curve ends at the capital plus every window's PnL"
    );
    let oos_rate: f64 = total.to_string().parse::<f64>().unwrap() / (2.0 * oos_len as f64 / 1440.0);
    let is_mean = (is_rates[0] + is_rates[1]) / 2.0;
    assert_eq!(
        wf["efficiency"].as_f64(),
        Some(((oos_rate / is_mean) * 1e6).round() / 1e6)
    );
    // Stored under its id.
    assert!(wf["walk_forward_id"].as_str().unwrap().starts_with("WF-"));
}

/// Percentile as the Monte Carlo result states it: linear between the nearest ranks.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p / 100.0;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The distribution of `key` over the samples, computed here.
fn direct(samples: &[Value], key: &str) -> Vec<f64> {
    let mut v: Vec<f64> = samples.iter().filter_map(|s| s[key].as_f64()).collect();
    v.sort_by(f64::total_cmp);
    [5.0, 25.0, 50.0, 75.0, 95.0]
        .iter()
        .map(|p| round6(percentile(&v, *p)))
        .collect()
}

fn reported(d: &Value) -> Vec<f64> {
    ["p5", "p25", "p50", "p75", "p95"]
        .iter()
        .map(|k| d[k].as_f64().unwrap())
        .collect()
}

/// A crossover run on generated bars; returns (run id, its round trips' PnLs).
fn crossover_run(home: &Home) -> (String, Vec<Decimal>) {
    home.json(&["data", "generate", "--bars", "3000", "--seed", "31"]);
    let run = home.json(&[
        "backtest",
        "run",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--param",
        "fast_period=5",
        "--param",
        "slow_period=20",
        "--param",
        "trade_size=0.5",
    ]);
    let run_id = run["run_id"].as_str().unwrap().to_string();
    let trades = home.json(&["backtest", "trades", &run_id, "--limit", "100000"]);
    let pnls = trades["trades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| dec(&t["realized_pnl"]))
        .collect();
    (run_id, pnls)
}

#[test]
fn monte_carlo_reshuffles_keep_the_total_and_percentiles_match_the_samples() {
    let home = Home::new();
    let (run_id, pnls) = crossover_run(&home);
    assert!(pnls.len() > 20, "{} round trips", pnls.len());
    let total: Decimal = pnls.iter().sum();
    let total: f64 = total.to_string().parse().unwrap();
    let mc = home.json(&[
        "backtest",
        "monte-carlo",
        &run_id,
        "--resamples",
        "300",
        "--seed",
        "5",
        "--method",
        "reshuffle,bootstrap",
        "--samples",
    ]);
    assert_eq!(mc["round_trips"], pnls.len());
    assert_eq!(mc["original"]["final_pnl"].as_f64(), Some(total));
    let methods = mc["methods"].as_array().unwrap();
    let reshuffle = &methods[0];
    assert_eq!(reshuffle["method"], "reshuffle");
    let samples = reshuffle["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 300);
    // Reordering round trips never changes their total.
    for s in samples {
        assert_eq!(s["final_pnl"].as_f64(), Some(total));
    }
    assert_eq!(reported(&reshuffle["final_pnl"]), vec![round6(total); 5]);
    let expected_loss = if total < 0.0 { 1.0 } else { 0.0 };
    assert_eq!(
        reshuffle["probability_of_loss"].as_f64(),
        Some(expected_loss)
    );
    for method in methods {
        let samples = method["samples"].as_array().unwrap();
        for key in ["final_pnl", "max_drawdown_pct", "longest_losing_streak"] {
            assert_eq!(
                reported(&method[key]),
                direct(samples, key),
                "{} {key}",
                method["method"]
            );
        }
        let losses = samples
            .iter()
            .filter(|s| s["final_pnl"].as_f64().unwrap() < 0.0)
            .count();
        assert_eq!(
            method["probability_of_loss"].as_f64(),
            Some(round6(losses as f64 / samples.len() as f64))
        );
        let counted: u64 = method["histogram"]["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .sum();
        assert_eq!(counted, 300);
    }
    // The same seed gives the same study; another seed another bootstrap.
    let again = home.json(&[
        "backtest",
        "monte-carlo",
        &run_id,
        "--resamples",
        "300",
        "--seed",
        "5",
    ]);
    assert_eq!(again["methods"][1]["final_pnl"], methods[1]["final_pnl"]);
    let other = home.json(&[
        "backtest",
        "monte-carlo",
        &run_id,
        "--resamples",
        "300",
        "--seed",
        "6",
    ]);
    assert_ne!(other["methods"][1]["final_pnl"], methods[1]["final_pnl"]);
    // Stored: readable by id.
    let stored = home.json(&["backtest", "study", mc["monte_carlo_id"].as_str().unwrap()]);
    assert_eq!(stored["kind"], "monte_carlo");
    assert_eq!(stored["methods"][0]["final_pnl"], reshuffle["final_pnl"]);
}

#[test]
fn a_block_bootstrap_with_one_block_re_runs_the_strategy_on_the_same_bars() {
    let home = Home::new();
    let (run_id, pnls) = crossover_run(&home);
    let total: Decimal = pnls.iter().sum();
    // Blocks as long as the run: every resample is the original bars, so its PnL is the run's.
    let mc = home.json(&[
        "backtest",
        "monte-carlo",
        &run_id,
        "--method",
        "block",
        "--block-bars",
        "100000",
        "--resamples",
        "4",
    ]);
    let block = &mc["methods"][0];
    assert_eq!(block["resamples"], 4);
    let expected = round6(total.to_string().parse().unwrap());
    assert_eq!(reported(&block["final_pnl"]), vec![expected; 5], "{block}");
    // Short blocks make other bars.
    let short = home.json(&[
        "backtest",
        "monte-carlo",
        &run_id,
        "--method",
        "block",
        "--block-bars",
        "30",
        "--resamples",
        "8",
    ]);
    let d = &short["methods"][0]["final_pnl"];
    assert!(d["p5"].as_f64() != d["p95"].as_f64(), "{d}");
}
