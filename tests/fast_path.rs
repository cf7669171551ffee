//! The fast path against NautilusTrader's BacktestEngine: the same run on both must give the
//! same result exactly — every order and fill, every round trip, the balances, the equity
//! curve, the statistics and the notes. No tolerance: any difference fails.

mod common;

use std::sync::Arc;

use nautilus_mcp::{
    config::Settings,
    engine::{backtest::RunOutput, fast, strategies},
    ops::{
        backtest::{
            config::{BacktestConfig, BacktestSettings},
            run::{EngineChoice, prepare, run_blocking},
        },
        call::Call,
        context::Context,
        registry::find_tool,
    },
};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

/// A state directory with its operations context.
struct Lab {
    _dir: tempfile::TempDir,
    ctx: Arc<Context>,
}

impl Lab {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let ctx = Arc::new(
            Context::open(Settings::for_state_dir(dir.path().join("state"))).expect("state"),
        );
        Self { _dir: dir, ctx }
    }

    fn call(&self, tool: &str, args: Value) -> Value {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let entry = find_tool(tool).expect("tool exists");
        rt.block_on(entry.call_json(self.ctx.clone(), args, Call::default()))
            .unwrap_or_else(|e| panic!("{tool} failed: {e:?}"))
    }

    fn config(&self, settings: Value) -> BacktestConfig {
        let settings: BacktestSettings = serde_json::from_value(settings).expect("settings");
        let mut config = BacktestConfig::new("diff");
        config
            .apply(&self.ctx.store.conn(), &settings)
            .expect("valid settings");
        config
    }

    /// Runs the strategy on both evaluators, traced.
    fn both(
        &self,
        config: &BacktestConfig,
        strategy: &str,
        params: Value,
    ) -> (RunOutput, RunOutput) {
        let Value::Object(params) = params else {
            panic!("parameters must be an object")
        };
        let plan = strategies::plan(strategy, &params).expect("valid strategy");
        let cancel = CancellationToken::new();
        let spec = prepare(&self.ctx, config, &plan, true)
            .expect("prepared")
            .spec;
        let engine = std::thread::spawn(move || {
            run_blocking(
                spec,
                EngineChoice::Nautilus,
                None,
                &CancellationToken::new(),
            )
        })
        .join()
        .expect("engine thread")
        .expect("engine run");
        let spec = prepare(&self.ctx, config, &plan, true)
            .expect("prepared")
            .spec;
        let fast = fast::run(&spec, &cancel, None).unwrap_or_else(|e| panic!("fast path: {e:?}"));
        (engine.0, fast)
    }

    /// Asserts that both evaluators agree exactly.
    fn agree(&self, config: &BacktestConfig, strategy: &str, params: Value) -> RunOutput {
        let (engine, fast) = self.both(config, strategy, params.clone());
        let traced = |o: &RunOutput| o.trace.as_ref().map(Vec::len);
        assert!(traced(&engine).is_some() && traced(&engine) == traced(&fast));
        let diffs = fast::differences(&engine, &fast);
        assert!(
            diffs.is_empty(),
            "{strategy} {params} differs:\n{}",
            diffs.join("\n")
        );
        fast
    }
}

fn generated(lab: &Lab, bars: u64, seed: u64) {
    lab.call(
        "generate_data",
        json!({"bars": bars, "seed": seed, "start": "2021-01-01T00:00:00Z"}),
    );
}

#[test]
fn crossover_on_generated_bars_matches_the_engine() {
    let lab = Lab::new();
    generated(&lab, 20_000, 3);
    let config = lab
        .config(json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}}));
    let out = lab.agree(
        &config,
        "MovingAverageCrossover",
        json!({"fast_period": 10, "slow_period": 30}),
    );
    assert!(out.orders > 50, "{}", out.orders);
}

#[test]
fn scenario_matrix_on_generated_bars() {
    let lab = Lab::new();
    generated(&lab, 6_000, 5);
    let mut failures = Vec::new();
    let settings = [
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}}),
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}, "oms_type": "HEDGING"}),
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}, "fee_model": "fixed", "commission": "1.5 USDT"}),
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}, "base_currency": "USDT"}),
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}, "fee_model": "none"}),
    ];
    let strategies = [
        (
            "MovingAverageCrossover",
            json!({"fast_period": 5, "slow_period": 20}),
        ),
        (
            "MovingAverageCrossover",
            json!({"fast_period": 5, "slow_period": 20, "ma_type": "SMA", "stop_loss": 0.002, "take_profit": 0.004}),
        ),
        (
            "MovingAverageCrossover",
            json!({"fast_period": 8, "slow_period": 21, "allow_short": false, "trade_size": 0.5}),
        ),
        (
            "MovingAverageCrossover",
            json!({"fast_period": 8, "slow_period": 21, "close_at_end": false, "stop_loss": 0.01}),
        ),
        (
            "RsiMeanReversion",
            json!({"period": 14, "stop_loss": 0.003, "take_profit": 0.003}),
        ),
        (
            "RsiMeanReversion",
            json!({"period": 7, "oversold": 25, "overbought": 75, "exit_level": 50}),
        ),
        (
            "BollingerBreakout",
            json!({"period": 20, "k": 2, "trade_size": 0.01}),
        ),
        (
            "BollingerBreakout",
            json!({"period": 30, "k": 1.5, "take_profit": 0.002}),
        ),
        (
            "DonchianBreakout",
            json!({"entry_period": 20, "exit_period": 10}),
        ),
        (
            "DonchianBreakout",
            json!({"entry_period": 30, "exit_period": 5, "stop_loss": 0.002, "allow_short": false}),
        ),
        ("BuyAndHold", json!({})),
        (
            "BuyAndHold",
            json!({"stop_loss": 0.01, "take_profit": 0.01}),
        ),
        (
            "MovingAverageCrossover",
            json!({"fast_period": 3, "slow_period": 9, "trade_size": 0.0001, "stop_loss": 0.001}),
        ),
    ];
    for s in &settings {
        let config = lab.config(s.clone());
        for (strategy, params) in &strategies {
            let (engine, fast) = lab.both(&config, strategy, params.clone());
            let diffs = fast::differences(&engine, &fast);
            if !diffs.is_empty() {
                failures.push(format!(
                    "{s} {strategy} {params}:\n  {}",
                    diffs.join("\n  ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
