//! Backtest throughput: generates one and ten years of 1-minute bars and runs, end to end
//! through the operations layer, MovingAverageCrossover(10, 30) (the shipped definition, through
//! the strategy language's evaluator) on Nautilus's BacktestEngine and with engine auto (the fast
//! path where it is exact), and a wide user definition (10 indicators, four rules of 12
//! comparisons, a stop and a trailing stop) on the engine; the engine runs twice each,
//! alternately. Prints bars/second, wall time, peak RSS and the evaluator for each run.
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

/// Ten indicators, four rules of 12 comparisons, equity-fraction sizing, a stop-loss and a
/// trailing stop: a user's definition at the wide end of what people write.
const WIDE: &str = r#"
[indicators]
fast = "ema(10)"
slow = "sma(30)"
trend = "hma(50)"
rsi = "rsi(14)"
macd = "macd(12, 26, 9)"
bb = "bb(20, 2)"
atr = "atr(14)"
dc = "dc(20)"
stoch = "stoch(14, 3)"
dm = "dm(14)"

[rules]
enter_long = "crosses_above(fast, slow) and close > trend and rsi < 70 and macd.histogram > 0"
enter_short = "crosses_below(fast, slow) and close < trend and rsi > 30 and macd.histogram < 0"
exit_long = "close < bb.lower or stoch.k > 90 or close < dc.lower[1]"
exit_short = "close > bb.upper or stoch.k < 10 or dm.pos > dm.neg"

[orders]
size = { equity_fraction = 0.5 }

[exits]
stop_loss = { distance = "3 * atr" }
trailing_stop = { distance = "2 * atr" }
"#;

/// The runs measured: label, strategy arguments, evaluator.
fn run_args(which: &str, dir: &Path) -> (&'static str, serde_json::Value) {
    let ma = json!({"strategy_id": "MovingAverageCrossover",
                    "parameters": {"fast_period": 10, "slow_period": 30}});
    let (label, mut args, engine) = match which {
        "ma-engine" => ("MA(10, 30) definition, engine   ", ma, "nautilus"),
        "ma-fast" => ("MA(10, 30) definition, auto      ", ma, "auto"),
        _ => {
            let definition: serde_json::Value = toml::from_str(WIDE).expect("toml");
            call(
                dir,
                "define_strategy",
                json!({"name": "Wide", "definition": definition}),
            );
            (
                "10-indicator definition, engine ",
                json!({"strategy_id": "Wide"}),
                "nautilus",
            )
        }
    };
    args["engine"] = json!(engine);
    args["instruments"] = json!(["BTCUSDT.BINANCE"]);
    args["initial_capital"] = json!({"USDT": 1_000_000});
    (label, args)
}

fn backtest(dir: &Path, years: u64, which: &str) {
    let (label, args) = run_args(which, dir);
    let t = Instant::now();
    let summary = call(dir, "run_backtest", args);
    let wall = t.elapsed().as_secs_f64();
    let bars = summary["bars"].as_f64().unwrap_or(0.0);
    println!(
        "{label} {years:>2} year(s): {bars:>9} bars | wall {wall:>6.2} s | {:>7.0} bars/s | run {:>6.2} s | orders {:>7} | round trips {:>7} | peak RSS {:>6.0} MB | ran on {}",
        bars / wall,
        summary["elapsed_secs"].as_f64().unwrap_or(0.0),
        summary["orders"],
        summary["round_trips"],
        peak_rss_mb(),
        summary["engine"].as_str().unwrap_or("nautilus")
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let child = |step: &str, dir: &Path, years: u64, which: &str| {
        let status = Command::new(std::env::current_exe().expect("own path"))
            .args([step, &dir.display().to_string(), &years.to_string(), which])
            .status()
            .expect("child runs");
        assert!(
            status.success(),
            "{step} {which} for {years} year(s) failed"
        );
    };
    match args.get(1).map(String::as_str) {
        Some("generate") => return generate(Path::new(&args[2]), args[3].parse().expect("years")),
        Some("backtest") => {
            return backtest(
                Path::new(&args[2]),
                args[3].parse().expect("years"),
                &args[4],
            );
        }
        _ => {}
    }
    let only: Option<u64> = args.get(1).and_then(|a| a.parse().ok());
    println!(
        "MovingAverageCrossover(10, 30) and a 10-indicator definition on generated 1-minute BTCUSDT bars (MARGIN, NETTING, taker 0.1%), release build; each run in a child process"
    );
    for years in [1u64, 10] {
        if only.is_some_and(|o| o != years) {
            continue;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        child("generate", dir.path(), years, "");
        for which in ["ma-engine", "wide", "ma-fast", "ma-engine", "wide"] {
            child("backtest", dir.path(), years, which);
        }
    }
}
