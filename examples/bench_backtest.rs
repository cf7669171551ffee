//! Backtest throughput: generates one and ten years of 1-minute bars, runs
//! MovingAverageCrossover(10, 30) end to end through the operations layer and Nautilus's
//! BacktestEngine, and prints bars/second, wall time and peak RSS for each.
//!
//! Run with `cargo run --release --example bench_backtest` (add `-- 1` for one year only).
//! Generation and the backtest each run in a child process, so the peak RSS printed is the
//! backtest's own.

use std::{path::Path, process::Command, time::Instant};

use serde_json::json;

#[path = "common/mod.rs"]
mod common;
use common::{call, peak_rss_mb};

const BARS_PER_YEAR: u64 = 525_600;

fn generate(dir: &Path, years: u64) {
    let t = Instant::now();
    call(
        dir,
        "generate_data",
        json!({"bars": years * BARS_PER_YEAR, "seed": 7, "start": "2014-01-01T00:00:00Z"}),
    );
    println!(
        "   generated {} bars in {:.2} s (peak RSS {:.0} MB)",
        years * BARS_PER_YEAR,
        t.elapsed().as_secs_f64(),
        peak_rss_mb()
    );
}

fn backtest(dir: &Path, years: u64) {
    let t = Instant::now();
    let summary = call(
        dir,
        "run_backtest",
        json!({
            "strategy_id": "MovingAverageCrossover",
            "parameters": {"fast_period": 10, "slow_period": 30},
            "instruments": ["BTCUSDT.BINANCE"],
            "initial_capital": {"USDT": 1_000_000}
        }),
    );
    let wall = t.elapsed().as_secs_f64();
    let bars = summary["bars"].as_f64().unwrap_or(0.0);
    println!(
        "{years:>2} year(s): {bars:>9} bars | wall {wall:>6.2} s | {:>7.0} bars/s | engine {:>6.2} s | orders {:>7} | round trips {:>7} | peak RSS {:>6.0} MB",
        bars / wall,
        summary["elapsed_secs"].as_f64().unwrap_or(0.0),
        summary["orders"],
        summary["round_trips"],
        peak_rss_mb()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let child = |step: &str, dir: &Path, years: u64| {
        let status = Command::new(std::env::current_exe().expect("own path"))
            .args([step, &dir.display().to_string(), &years.to_string()])
            .status()
            .expect("child runs");
        assert!(status.success(), "{step} for {years} year(s) failed");
    };
    match args.get(1).map(String::as_str) {
        Some("generate") => return generate(Path::new(&args[2]), args[3].parse().expect("years")),
        Some("backtest") => return backtest(Path::new(&args[2]), args[3].parse().expect("years")),
        _ => {}
    }
    let only: Option<u64> = args.get(1).and_then(|a| a.parse().ok());
    println!(
        "MovingAverageCrossover(10, 30) on generated 1-minute BTCUSDT bars (MARGIN, NETTING, taker 0.1%), release build"
    );
    for years in [1u64, 10] {
        if only.is_some_and(|o| o != years) {
            continue;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        child("generate", dir.path(), years);
        child("backtest", dir.path(), years);
    }
}
