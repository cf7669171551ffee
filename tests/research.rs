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
