//! Sweep throughput: the 100-combination MovingAverageCrossover grid (fast_period 5..24 ×
//! slow_period 30, 40, 60, 80, 100) through the operations layer, on the shared BTC perpetual
//! bars (45,031) and on one year of generated 1-minute bars (525,600), on the fast path and on
//! NautilusTrader's engine alone. Prints wall time, combinations/s, bar-combinations/s and peak
//! RSS of each.
//!
//! Run with `cargo run --release --example bench_sweep` (`-- fast` skips the engine-only
//! sweeps, which take minutes). Each sweep runs in a child process, so the peak RSS printed
//! is that sweep's own. The one-year bars are also written as CSV for the vectorbt
//! comparison: `examples/peer/vectorbt_sweep.py FILE` (see its header).

use std::{path::Path, process::Command, time::Instant};

use serde_json::json;

#[path = "common/mod.rs"]
mod common;
use common::{call, peak_rss_mb};

const BARS_PER_YEAR: u64 = 525_600;

/// The shared BTC perpetual file, when the shared datasets are beside the project.
fn shared_btc() -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/btc-perp-20211231-20220201_1m.csv");
    p.is_file().then_some(p)
}

fn prepare(dir: &Path, dataset: &str) {
    match dataset {
        "btc" => {
            let file = shared_btc().expect("shared data");
            call(
                dir,
                "import_data",
                json!({"path": file, "instrument_id": "BTCUSDT-PERP.BINANCE"}),
            );
        }
        _ => {
            call(
                dir,
                "generate_data",
                json!({"bars": BARS_PER_YEAR, "seed": 7, "start": "2014-01-01T00:00:00Z",
                       "csv": dir.join("year.csv")}),
            );
        }
    }
}

fn sweep(dir: &Path, dataset: &str, engine: &str) {
    let instrument = if dataset == "btc" {
        "BTCUSDT-PERP.BINANCE"
    } else {
        "BTCUSDT.BINANCE"
    };
    let fast: Vec<u32> = (5..25).collect();
    let t = Instant::now();
    let result = call(
        dir,
        "sweep_backtest",
        json!({
            "strategy_id": "MovingAverageCrossover",
            "instruments": [instrument],
            "initial_capital": {"USDT": 1_000_000},
            "parameters": {"trade_size": 1},
            "grid": {"fast_period": fast, "slow_period": [30, 40, 60, 80, 100]},
            "engine": engine,
            "confirm": 0,
            "keep": 1,
        }),
    );
    let wall = t.elapsed().as_secs_f64();
    let combos = result["combinations"].as_f64().unwrap_or(0.0);
    let bars = if dataset == "btc" {
        45_031.0
    } else {
        BARS_PER_YEAR as f64
    };
    println!(
        "{dataset:>4} {:>8}: {combos:.0} combinations x {bars:.0} bars | wall {wall:>7.2} s | {:>8.1} combinations/s | {:>6.1} M bar-combinations/s | best {} | peak RSS {:>5.0} MB",
        result["engine"].as_str().unwrap_or("?"),
        combos / wall,
        combos * bars / wall / 1e6,
        result["ranking"][0]["values"],
        peak_rss_mb()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("prepare") => return prepare(Path::new(&args[2]), &args[3]),
        Some("sweep") => return sweep(Path::new(&args[2]), &args[3], &args[4]),
        _ => {}
    }
    let fast_only = args.get(1).is_some_and(|a| a == "fast");
    let child = |step: &[&str]| {
        let status = Command::new(std::env::current_exe().expect("own path"))
            .args(step)
            .status()
            .expect("child runs");
        assert!(status.success(), "{step:?} failed");
    };
    println!(
        "MovingAverageCrossover sweep, fast_period 5..24 x slow_period 30,40,60,80,100 (100 combinations), {} threads, release build",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    let keep = tempfile::Builder::new()
        .prefix("bench-sweep")
        .tempdir()
        .expect("temp dir");
    for dataset in ["btc", "year"] {
        if dataset == "btc" && shared_btc().is_none() {
            println!(" btc: skipped (../shared/data is not present)");
            continue;
        }
        let dir = keep.path().join(dataset);
        let d = dir.display().to_string();
        child(&["prepare", &d, dataset]);
        child(&["sweep", &d, dataset, "fast"]);
        if !fast_only {
            child(&["sweep", &d, dataset, "nautilus"]);
        }
        if dataset == "year" {
            let csv = dir.join("year.csv");
            let kept = std::env::temp_dir().join("bench-sweep-year.csv");
            if std::fs::copy(&csv, &kept).is_ok() {
                println!(
                    "      one-year bars as CSV: {} (examples/peer/vectorbt_sweep.py {})",
                    kept.display(),
                    kept.display()
                );
            }
        }
    }
}
