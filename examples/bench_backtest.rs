//! Backtest throughput and what the strategy language costs: generates one and ten years of
//! 1-minute bars and runs on Nautilus's BacktestEngine, alternately on the same data,
//!
//! - `compiled`: MovingAverageCrossover(10, 30) written in Rust as a Nautilus strategy (the
//!   reference: what the built-in was before the built-ins became definitions);
//! - `definition`: the shipped MovingAverageCrossover definition with (10, 30), through the
//!   language's evaluator;
//! - `wide`: a user definition of 10 indicators, four rules of 12 comparisons, a stop and a
//!   trailing stop;
//!
//! and, once, MA(10, 30) through `run_backtest` with engine auto (the fast path where it is
//! exact). Each run is its own child process (the peak RSS printed is the run's own); the
//! compiled and definition runs place the same orders (checked). Prints bars/second, wall and CPU
//! time, peak RSS, and the ratios of each definition's CPU time to the compiled one's in the
//! same round (CPU time, because other processes on a shared machine stretch wall time).
//!
//! Run with `cargo run --release --example bench_backtest` (add `-- 1` for one year only).

use std::{path::Path, process::Command, time::Instant};

use nautilus_mcp::{
    config::Settings,
    engine::{
        backtest::{self, RunOutput},
        strategies::{self, lang::document::Definition},
    },
    ops::{
        backtest::{
            config::{BacktestConfig, BacktestSettings},
            run::prepare,
        },
        context::Context,
    },
};
use serde_json::{Map, json};
use tokio_util::sync::CancellationToken;

#[path = "common/mod.rs"]
mod common;
#[path = "common/compiled_ma_cross.rs"]
mod compiled_ma_cross;
use common::{call, peak_rss_mb};
use compiled_ma_cross::CompiledMaCross;

const BARS_PER_YEAR: u64 = 525_600;
const ROUNDS_ONE_YEAR: usize = 3;

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

/// This process's user + system CPU time, in seconds.
fn cpu_secs() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Runs `which` (compiled, definition, wide) directly on the engine, as `run_backtest` would.
fn run_direct(dir: &Path, which: &str) -> RunOutput {
    let ctx = Context::open(Settings::for_state_dir(dir.to_path_buf())).expect("state");
    let settings: BacktestSettings = serde_json::from_value(json!({
        "instruments": ["BTCUSDT.BINANCE"],
        "initial_capital": {"USDT": 1_000_000},
    }))
    .expect("settings");
    let mut config = BacktestConfig::new("bench");
    config
        .apply(&ctx.store.conn(), &settings)
        .expect("configuration");
    let ma = json!({"fast_period": 10, "slow_period": 30});
    let plan = if which == "wide" {
        let definition = Definition::from_toml(WIDE).expect("wide definition");
        strategies::plan_definition("Wide", &definition, None, &Map::new()).expect("plan")
    } else {
        strategies::plan("MovingAverageCrossover", ma.as_object().expect("map")).expect("plan")
    };
    let spec = prepare(&ctx, &config, &plan, false).expect("prepared").spec;
    let cancel = CancellationToken::new();
    let output = if which == "compiled" {
        backtest::run_with(spec, None, &cancel, |setup, evaluator| {
            CompiledMaCross::new(setup, &evaluator, 10, 30)
        })
    } else {
        backtest::run(spec, None, &cancel)
    };
    output.expect("backtest")
}

fn backtest(dir: &Path, years: u64, which: &str) {
    let (cpu0, t) = (cpu_secs(), Instant::now());
    let label = match which {
        "compiled" => "MA(10, 30) compiled, engine      ",
        "definition" => "MA(10, 30) definition, engine    ",
        "wide" => "10-indicator definition, engine  ",
        _ => "MA(10, 30) definition, auto      ",
    };
    let (bars, orders, trips, digest, ran) = if which == "auto" {
        let summary = call(
            dir,
            "run_backtest",
            json!({"strategy_id": "MovingAverageCrossover",
                   "parameters": {"fast_period": 10, "slow_period": 30}, "engine": "auto",
                   "instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 1_000_000}}),
        );
        (
            summary["bars"].as_u64().unwrap_or(0),
            summary["orders"].as_u64().unwrap_or(0) as usize,
            summary["round_trips"].as_u64().unwrap_or(0) as usize,
            String::new(),
            summary["engine"].as_str().unwrap_or("nautilus").to_string(),
        )
    } else {
        let out = run_direct(dir, which);
        // The round trips (sides, quantities, prices, times, PnL) in one number.
        let trades = serde_json::to_string(&out.trades).expect("trades as JSON");
        let digest = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            trades.hash(&mut h);
            format!("trades {:016x} balances {:?}", h.finish(), out.balances)
        };
        (
            out.bars,
            out.orders,
            out.trades.len(),
            digest,
            "nautilus".into(),
        )
    };
    let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_secs() - cpu0);
    println!(
        "{label} {years:>2} year(s): {bars:>9} bars | wall {wall:>6.2} s | cpu {cpu:>6.2} s | {:>7.0} bars/s | orders {orders:>7} | round trips {trips:>7} | peak RSS {:>6.0} MB | ran on {ran}",
        bars as f64 / wall,
        peak_rss_mb(),
    );
    // For the parent: the CPU time and what the run did.
    println!("@ {which} {cpu} {orders} {trips} {digest}");
}

/// One child run: its CPU seconds and what it did (orders, round trips, PnL).
fn child(args: &[&str]) -> Option<(f64, String)> {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .args(args)
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut result = None;
    for line in text.lines() {
        match line.strip_prefix("@ ") {
            Some(rest) => {
                let mut parts = rest.splitn(3, ' ');
                let _which = parts.next();
                let cpu = parts.next().and_then(|c| c.parse().ok());
                result = cpu.map(|c| (c, parts.next().unwrap_or("").to_string()));
            }
            None => println!("{line}"),
        }
    }
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    result
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
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
        "MovingAverageCrossover(10, 30) compiled and as a definition, and a 10-indicator definition, on generated 1-minute BTCUSDT bars (MARGIN, NETTING, taker 0.1%), {} build; each run in a child process",
        if cfg!(debug_assertions) {
            "a debug-assertion (not release)"
        } else {
            "release"
        }
    );
    for years in [1u64, 10] {
        if only.is_some_and(|o| o != years) {
            continue;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path().display().to_string();
        let y = years.to_string();
        child(&["generate", &d, &y]);
        let rounds = if years == 1 { ROUNDS_ONE_YEAR } else { 1 };
        let (mut ma, mut wide) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let run = |which| child(&["backtest", &d, &y, which]).expect("figures");
            let (compiled, reference) = run("compiled");
            let (definition, result) = run("definition");
            let (w, _) = run("wide");
            assert_eq!(
                reference, result,
                "the compiled strategy and the definition must trade alike (orders, round trips, PnL)"
            );
            ma.push(definition / compiled);
            wide.push(w / compiled);
            println!(
                "   round: definition / compiled {:.3}, wide / compiled {:.3} (CPU time)",
                definition / compiled,
                w / compiled
            );
        }
        println!(
            "RATIO {years:>2} year(s): MA(10, 30) definition / compiled {:.3} (target <= 1.10); 10-indicator definition / compiled {:.3} (target <= 2); median of {rounds} round(s)",
            median(ma),
            median(wide)
        );
        if years == 1 {
            child(&["backtest", &d, &y, "auto"]);
        }
    }
}
