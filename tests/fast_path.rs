//! The fast path against NautilusTrader's BacktestEngine: the same run on both must give the
//! same result exactly — every order and fill, every round trip, the balances, the equity
//! curve, the statistics and the notes. No tolerance: any difference fails.

mod common;

use std::sync::Arc;

use nautilus_mcp::{
    config::Settings,
    engine::{
        backtest::RunOutput,
        fast,
        strategies::{self, StrategyPlan, lang::document::Definition},
    },
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
use rand::{Rng, SeedableRng, rngs::StdRng};
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

    fn import(&self, path: &std::path::Path, instrument: &str) {
        self.call(
            "import_data",
            json!({"path": path, "instrument_id": instrument}),
        );
    }

    /// The differences between both evaluators on a run, or `None` when the fast path
    /// declines it (the engine then runs it).
    fn compare(
        &self,
        config: &BacktestConfig,
        strategy: &str,
        params: &Value,
    ) -> Option<Vec<String>> {
        let Value::Object(map) = params.clone() else {
            panic!("parameters must be an object")
        };
        let plan = strategies::plan(strategy, &map).expect("valid strategy");
        self.compare_plan(config, &plan)
    }

    /// [`Lab::compare`] of a planned definition.
    fn compare_plan(&self, config: &BacktestConfig, plan: &StrategyPlan) -> Option<Vec<String>> {
        let spec = prepare(&self.ctx, config, plan, true)
            .expect("prepared")
            .spec;
        let fast = match fast::run(&spec, &CancellationToken::new(), None) {
            Ok(out) => out,
            Err(fast::Declined::Unsupported(_)) => return None,
            Err(fast::Declined::Failed(e)) => panic!("fast path failed: {e:?}"),
        };
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
        .expect("engine run")
        .0;
        Some(fast::differences(&engine, &fast))
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

/// The shared datasets, or `None` when they are absent (a failure when `CI` is set: the
/// differential test must not pass there without them).
fn shared_or_ci_failure() -> Option<std::path::PathBuf> {
    let data = common::shared_data();
    if data.is_none() && std::env::var_os("CI").is_some() {
        panic!("CI is set but ../shared/data is missing: the differential test needs it");
    }
    data
}

/// Every built-in with its defaults and with the options that change how it trades.
fn library() -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for (strategy, own) in [
        ("MovingAverageCrossover", json!({})),
        (
            "MovingAverageCrossover",
            json!({"ma_type": "SMA", "fast_period": 20, "slow_period": 60}),
        ),
        ("RsiMeanReversion", json!({})),
        ("BollingerBreakout", json!({})),
        ("DonchianBreakout", json!({})),
        ("BuyAndHold", json!({})),
    ] {
        for common in [
            json!({}),
            json!({"stop_loss": 0.003, "take_profit": 0.006}),
            json!({"allow_short": false, "stop_loss": 0.01}),
        ] {
            let mut p = own.as_object().unwrap().clone();
            p.extend(common.as_object().unwrap().clone());
            out.push((strategy, Value::Object(p)));
        }
    }
    out
}

fn assert_library_agrees(lab: &Lab, config: &BacktestConfig, what: &str) {
    let mut failures = Vec::new();
    let mut compared = 0;
    for (strategy, params) in library() {
        match lab.compare(config, strategy, &params) {
            Some(d) if d.is_empty() => compared += 1,
            Some(d) => failures.push(format!("{strategy} {params}:\n  {}", d.join("\n  "))),
            None => panic!("{what}: the fast path declined {strategy} {params}"),
        }
    }
    assert!(
        failures.is_empty(),
        "{what}: {} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(compared, library().len());
}

#[test]
fn the_strategy_library_matches_the_engine_on_shipped_and_shared_data() {
    let lab = Lab::new();
    lab.import(
        &common::project_data().join("synthetic-btcusdt-1m-2024-01.csv"),
        "BTCUSDT.BINANCE",
    );
    let shipped = lab.config(
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000},
        "start_date": "2024-01-03", "end_date": "2024-01-12"}),
    );
    assert_library_agrees(&lab, &shipped, "shipped BTCUSDT");
    let Some(data) = shared_or_ci_failure() else {
        return;
    };
    lab.import(
        &data.join("btc-perp-20211231-20220201_1m.csv"),
        "BTCUSDT-PERP.BINANCE",
    );
    let btc = lab.config(
        json!({"instruments": ["BTCUSDT-PERP.BINANCE"], "initial_capital": {"USDT": 1000000}}),
    );
    assert_library_agrees(&lab, &btc, "shared BTC perpetual (45,031 bars)");
    lab.import(&data.join("xcme-6EH4-1min-202401.csv"), "6EH4.XCME");
    let future =
        lab.config(json!({"instruments": ["6EH4.XCME"], "initial_capital": {"USD": 10000000}}));
    assert_library_agrees(&lab, &future, "shared CME 6EH4 future (multiplier 125,000)");
}

#[test]
fn what_the_fast_path_cannot_reproduce_runs_on_the_engine() {
    let lab = Lab::new();
    generated(&lab, 2_000, 8);
    let config = lab.config(json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}, "account_type": "CASH"}));
    let long_only = json!({"allow_short": false, "trade_size": 1});
    let plan = strategies::plan("MovingAverageCrossover", long_only.as_object().unwrap()).unwrap();
    let spec = prepare(&lab.ctx, &config, &plan, false).unwrap().spec;
    let why = fast::applies(&spec).unwrap_err();
    assert_eq!(why.0, "a CASH account");
    let (_, ran) = run_blocking(spec, EngineChoice::Auto, None, &CancellationToken::new()).unwrap();
    assert_eq!(ran.engine, "nautilus");
    assert_eq!(ran.fallback.as_deref(), Some("a CASH account"));
    let Some(data) = shared_or_ci_failure() else {
        return;
    };
    common_fxcm(&lab, &data);
    let fx =
        lab.config(json!({"instruments": ["USD/JPY.FXCM"], "initial_capital": {"JPY": 100000000}}));
    let spec = prepare(&lab.ctx, &fx, &plan, false).unwrap().spec;
    assert_eq!(
        fast::applies(&spec).unwrap_err().0,
        "bid and ask bars (quotes)"
    );
}

fn common_fxcm(lab: &Lab, data: &std::path::Path) {
    lab.call(
        "import_data",
        json!({"path": data.join("fxcm-usdjpy-m1-bid-2013.csv"), "ask_path": data.join("fxcm-usdjpy-m1-ask-2013.csv"), "instrument_id": "USD/JPY.FXCM"}),
    );
}

/// A random built-in with random parameters (sizes on the instrument's step).
fn random_strategy(rng: &mut StdRng, size_step: f64) -> (&'static str, Value) {
    let mut p = serde_json::Map::new();
    let strategy = match rng.random_range(0..5) {
        0 => {
            let fast = rng.random_range(2..30);
            p.insert("fast_period".into(), json!(fast));
            p.insert(
                "slow_period".into(),
                json!(rng.random_range(fast + 1..fast + 90)),
            );
            p.insert(
                "ma_type".into(),
                json!(if rng.random_bool(0.5) { "EMA" } else { "SMA" }),
            );
            "MovingAverageCrossover"
        }
        1 => {
            let lo = rng.random_range(10..45);
            let hi = rng.random_range(55..90);
            p.insert("period".into(), json!(rng.random_range(2..30)));
            p.insert("oversold".into(), json!(lo));
            p.insert("overbought".into(), json!(hi));
            p.insert("exit_level".into(), json!(rng.random_range(lo..=hi)));
            "RsiMeanReversion"
        }
        2 => {
            p.insert("period".into(), json!(rng.random_range(5..50)));
            p.insert("k".into(), json!(f64::from(rng.random_range(5..30)) / 10.0));
            "BollingerBreakout"
        }
        3 => {
            p.insert("entry_period".into(), json!(rng.random_range(5..60)));
            p.insert("exit_period".into(), json!(rng.random_range(2..30)));
            "DonchianBreakout"
        }
        _ => "BuyAndHold",
    };
    if rng.random_bool(0.5) {
        let steps = rng.random_range(1..2000) as f64;
        p.insert("trade_size".into(), json!(format!("{}", steps * size_step)));
    }
    p.insert("allow_short".into(), json!(rng.random_bool(0.7)));
    for key in ["stop_loss", "take_profit"] {
        if rng.random_bool(0.5) {
            p.insert(
                key.into(),
                json!(f64::from(rng.random_range(10..500)) / 100_000.0),
            );
        }
    }
    p.insert("close_at_end".into(), json!(rng.random_bool(0.85)));
    (strategy, Value::Object(p))
}

/// Random venue settings.
fn random_venue(rng: &mut StdRng, instrument: &str, capital: Value) -> Value {
    let mut v = json!({"instruments": [instrument], "initial_capital": capital});
    let o = v.as_object_mut().unwrap();
    if rng.random_bool(0.3) {
        o.insert("oms_type".into(), json!("HEDGING"));
    }
    match rng.random_range(0..4) {
        0 => {
            o.insert("fee_model".into(), json!("none"));
        }
        1 => {
            let ccy = capital_currency(o);
            o.insert("fee_model".into(), json!("fixed"));
            o.insert(
                "commission".into(),
                json!(format!("{} {ccy}", rng.random_range(1..300) as f64 / 100.0)),
            );
        }
        _ => {}
    }
    if rng.random_bool(0.2) {
        let ccy = capital_currency(o);
        o.insert("base_currency".into(), json!(ccy));
    }
    v
}

fn capital_currency(o: &serde_json::Map<String, Value>) -> String {
    o["initial_capital"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone()
}

/// Runs random cases; returns (compared, declined) and fails on any difference.
fn random_cases(
    lab: &Lab,
    what: &str,
    cases: usize,
    seed: u64,
    setup: &dyn Fn(&mut StdRng) -> (BacktestConfig, f64),
) -> (usize, usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut compared, mut declined) = (0, 0);
    let mut failures = Vec::new();
    for _ in 0..cases {
        let (config, step) = setup(&mut rng);
        let (strategy, params) = random_strategy(&mut rng, step);
        match lab.compare(&config, strategy, &params) {
            Some(d) if d.is_empty() => compared += 1,
            Some(d) => failures.push(format!(
                "{} {strategy} {params}:\n  {}",
                serde_json::to_string(&config).unwrap(),
                d.join("\n  ")
            )),
            None => declined += 1,
        }
    }
    assert!(
        failures.is_empty(),
        "{what}: {} of {cases} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    (compared, declined)
}

#[test]
fn random_parameter_sets_match_the_engine_on_generated_bars() {
    let lab = Lab::new();
    generated(&lab, 2_500, 23);
    let (compared, declined) = random_cases(&lab, "generated", 120, 7, &|rng| {
        let start = rng.random_range(0..1_000);
        let venue = random_venue(rng, "BTCUSDT.BINANCE", json!({"USDT": 1000000}));
        let mut v = venue.as_object().unwrap().clone();
        let t0 = chrono::DateTime::parse_from_rfc3339("2021-01-01T00:00:00Z").unwrap()
            + chrono::Duration::minutes(start);
        v.insert("start_date".into(), json!(t0.to_rfc3339()));
        (lab.config(Value::Object(v)), 0.00001)
    });
    assert!(compared >= 110, "{compared} compared, {declined} declined");
}

#[test]
fn random_parameter_sets_match_the_engine_on_shared_data() {
    let Some(data) = shared_or_ci_failure() else {
        return;
    };
    let lab = Lab::new();
    lab.import(
        &data.join("btc-perp-20211231-20220201_1m.csv"),
        "BTCUSDT-PERP.BINANCE",
    );
    lab.import(&data.join("xcme-6EH4-1min-202401.csv"), "6EH4.XCME");
    let (compared, declined) = random_cases(&lab, "shared", 120, 11, &|rng| {
        let day = rng.random_range(1..25);
        let (instrument, capital, step, month) = if rng.random_bool(0.7) {
            (
                "BTCUSDT-PERP.BINANCE",
                json!({"USDT": 1000000}),
                0.001,
                "2022-01",
            )
        } else {
            ("6EH4.XCME", json!({"USD": 10000000}), 1.0, "2024-01")
        };
        let mut v = random_venue(rng, instrument, capital)
            .as_object()
            .unwrap()
            .clone();
        v.insert("start_date".into(), json!(format!("{month}-{day:02}")));
        v.insert(
            "end_date".into(),
            json!(format!("{month}-{:02}", day + rng.random_range(1..4))),
        );
        (lab.config(Value::Object(v)), step)
    });
    assert!(compared >= 110, "{compared} compared, {declined} declined");
}

/// The shipped examples that the fast path evaluates (market entries, fixed sizes, exits at
/// fractions of the entry): MACD/RSI/Bollinger/DM confluence and a session momentum on
/// VWAP and rate of change, read over the clock.
#[test]
fn the_shipped_examples_it_evaluates_match_the_engine() {
    let lab = Lab::new();
    lab.import(
        &common::project_data().join("synthetic-btcusdt-1m-2024-01.csv"),
        "BTCUSDT.BINANCE",
    );
    let config = lab.config(
        json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000},
        "start_date": "2024-01-02", "end_date": "2024-01-20"}),
    );
    for (example, params) in [
        ("MacdRsiConfluence", json!({})),
        (
            "MacdRsiConfluence",
            json!({"stop_pct": 0.3, "target_pct": 0.5}),
        ),
        ("SessionMomentum", json!({})),
        ("SessionMomentum", json!({"threshold": 0.0005})),
    ] {
        let diffs = lab
            .compare(&config, example, &params)
            .unwrap_or_else(|| panic!("the fast path declined {example}"));
        assert!(
            diffs.is_empty(),
            "{example} {params}:\n{}",
            diffs.join("\n")
        );
    }
    // The examples beyond it (limit entries, trailing stops, equity or risk sizing, coarser
    // bars) run on the engine, which says so.
    for example in [
        "EmaCrossTrailing",
        "TrendPullbackLimit",
        "HigherTimeframeTrend",
    ] {
        assert!(
            lab.compare(&config, example, &json!({})).is_none(),
            "{example} should run on the engine"
        );
    }
}

/// A number on the price's scale: a bar field, a moving average, a band, or a past value.
fn price_expr(rng: &mut StdRng, inds: &[(String, &'static str)]) -> String {
    let fields = ["close", "open", "high", "low"];
    let priced: Vec<String> = inds
        .iter()
        .flat_map(|(name, kind)| match *kind {
            "ma" | "vwap" => vec![name.clone()],
            "bands" => vec![
                format!("{name}.upper"),
                format!("{name}.middle"),
                format!("{name}.lower"),
            ],
            _ => vec![],
        })
        .collect();
    let base = if priced.is_empty() || rng.random_bool(0.3) {
        fields[rng.random_range(0..fields.len())].to_string()
    } else {
        priced[rng.random_range(0..priced.len())].clone()
    };
    if rng.random_bool(0.2) {
        format!("{base}[{}]", rng.random_range(1..4))
    } else {
        base
    }
}

/// A random condition over the indicators (`depth` bounds nesting).
fn condition(rng: &mut StdRng, inds: &[(String, &'static str)], depth: u32) -> String {
    if depth > 0 && rng.random_bool(0.35) {
        let a = condition(rng, inds, depth - 1);
        let b = condition(rng, inds, depth - 1);
        return match rng.random_range(0..3) {
            0 => format!("({a}) and ({b})"),
            1 => format!("({a}) or ({b})"),
            _ => format!("not ({a})"),
        };
    }
    let oscillators: Vec<(String, f64)> = inds
        .iter()
        .filter_map(|(name, kind)| match *kind {
            "rsi" => Some((name.clone(), 50.0)),
            "roc" => Some((name.clone(), 0.0)),
            "macd" => Some((format!("{name}.histogram"), 0.0)),
            _ => None,
        })
        .collect();
    match rng.random_range(0..9) {
        0 | 1 => {
            let (a, b) = (price_expr(rng, inds), price_expr(rng, inds));
            let f = if rng.random_bool(0.5) {
                "crosses_above"
            } else {
                "crosses_below"
            };
            format!("{f}({a}, {b})")
        }
        2 | 3 => {
            let (a, b) = (price_expr(rng, inds), price_expr(rng, inds));
            let op = [">", "<", ">=", "<="][rng.random_range(0..4)];
            format!("{a} {op} {b}")
        }
        4 if !oscillators.is_empty() => {
            let (o, centre) = &oscillators[rng.random_range(0..oscillators.len())];
            let spread = if *centre == 50.0 {
                f64::from(rng.random_range(0..30))
            } else {
                0.0
            };
            let op = [">", "<"][rng.random_range(0..2)];
            if rng.random_bool(0.3) {
                let f = if rng.random_bool(0.5) {
                    "crosses_above"
                } else {
                    "crosses_below"
                };
                format!("{f}({o}, {})", centre + spread)
            } else {
                format!(
                    "{o} {op} {}",
                    centre + if op == ">" { spread } else { -spread }
                )
            }
        }
        5 => [
            "position.side == flat",
            "position.side != long",
            "position.side != short",
        ][rng.random_range(0..3)]
        .to_string(),
        6 => {
            let from = rng.random_range(0..24);
            let to = rng.random_range(0..24);
            match rng.random_range(0..3) {
                0 => format!("between('{from:02}:00', '{to:02}:30')"),
                1 => format!("weekday <= {}", rng.random_range(1..8)),
                _ => format!("hour >= {from}"),
            }
        }
        7 => {
            let n = rng.random_range(2..40);
            if rng.random_bool(0.5) {
                format!("close >= highest(close, {n})")
            } else {
                format!("close <= lowest(close, {n})")
            }
        }
        _ => {
            let a = price_expr(rng, inds);
            format!(
                "ready({a}) and abs(close - {a}) / close < {}",
                f64::from(rng.random_range(1..30)) / 10_000.0
            )
        }
    }
}

/// A random definition the fast path evaluates (market entries, fixed or all-in sizes,
/// exits at fractions), with the value of its one parameter `n`.
fn random_definition(rng: &mut StdRng, size_step: f64) -> (String, Value) {
    let mut inds: Vec<(String, &'static str)> = Vec::new();
    let mut lines = Vec::new();
    let ma = ["ema", "sma", "wma", "hma", "dema", "rma"];
    for k in 0..rng.random_range(1..4) {
        let name = format!("i{k}");
        let p = rng.random_range(2..60);
        let period = if k == 0 {
            "n".to_string()
        } else {
            p.to_string()
        };
        let (text, kind) = match rng.random_range(0..8) {
            0 | 1 => (
                format!("{}({period})", ma[rng.random_range(0..ma.len())]),
                "ma",
            ),
            2 => (format!("rsi({period})"), "rsi"),
            3 => (
                format!(
                    "bb({period}, {})",
                    f64::from(rng.random_range(5..30)) / 10.0
                ),
                "bands",
            ),
            4 => (format!("dc({period})"), "bands"),
            5 => (format!("roc({period})"), "roc"),
            6 => {
                let fast = rng.random_range(2..20);
                (
                    format!(
                        "macd({fast}, {}, {})",
                        fast + rng.random_range(1..30),
                        rng.random_range(2..12)
                    ),
                    "macd",
                )
            }
            _ => ("vwap()".to_string(), "vwap"),
        };
        lines.push(format!("{name} = \"{text}\""));
        inds.push((name, kind));
    }
    let mut rules = Vec::new();
    for rule in ["enter_long", "enter_short", "exit_long", "exit_short"] {
        if rule.starts_with("enter") || rng.random_bool(0.6) {
            rules.push(format!("{rule} = \"{}\"", condition(rng, &inds, 2)));
        }
    }
    let mut orders = vec![format!("allow_short = {}", rng.random_bool(0.7))];
    if rng.random_bool(0.6) {
        let steps = rng.random_range(1..2000) as f64;
        orders.push(format!("size = {{ fixed = {} }}", steps * size_step));
    }
    let mut exits = vec![format!("close_at_end = {}", rng.random_bool(0.8))];
    if rng.random_bool(0.5) {
        exits.push(format!(
            "stop_loss = {{ fraction = {} }}",
            f64::from(rng.random_range(10..500)) / 100_000.0
        ));
    }
    if rng.random_bool(0.5) {
        exits.push(format!(
            "take_profit = {{ percent = {} }}",
            f64::from(rng.random_range(1..50)) / 100.0
        ));
    }
    let toml = format!(
        "description = \"random\"\n\n[parameters.n]\ntype = \"int\"\ndefault = 10\nmin = 2\nmax = 500\n\n\
         [indicators]\n{}\n\n[rules]\n{}\n\n[orders]\n{}\n\n[exits]\n{}\n",
        lines.join("\n"),
        rules.join("\n"),
        orders.join("\n"),
        exits.join("\n")
    );
    (toml, json!({"n": rng.random_range(2..80)}))
}

/// Runs `count` random definitions on both evaluators; returns the failures and how many
/// traded at all.
fn random_definitions_agree(
    lab: &Lab,
    config: &BacktestConfig,
    seed: u64,
    count: usize,
    size_step: f64,
) -> (Vec<String>, usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut failures, mut traded) = (Vec::new(), 0);
    for i in 0..count {
        let (toml, params) = random_definition(&mut rng, size_step);
        let definition = Definition::from_toml(&toml)
            .unwrap_or_else(|e| panic!("definition {i} does not parse: {e}\n{toml}"));
        let plan =
            strategies::plan_definition("Random", &definition, None, params.as_object().unwrap())
                .unwrap_or_else(|e| panic!("definition {i} does not check: {e:?}\n{toml}"));
        let diffs = lab
            .compare_plan(config, &plan)
            .unwrap_or_else(|| panic!("the fast path declined definition {i}:\n{toml}"));
        if !diffs.is_empty() {
            failures.push(format!(
                "definition {i} {params}:\n{toml}\n  {}",
                diffs.join("\n  ")
            ));
        }
        let spec = prepare(&lab.ctx, config, &plan, false).unwrap().spec;
        let out = fast::run(&spec, &CancellationToken::new(), None).unwrap();
        traded += usize::from(out.orders > 0);
    }
    (failures, traded)
}

#[test]
fn random_definitions_match_the_engine_on_generated_and_shared_data() {
    let lab = Lab::new();
    generated(&lab, 3_000, 17);
    let config = lab
        .config(json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}}));
    let (failures, traded) = random_definitions_agree(&lab, &config, 1, 150, 0.00001);
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        traded >= 75,
        "only {traded} of 150 random definitions traded"
    );
    let hedging = lab.config(json!({"instruments": ["BTCUSDT.BINANCE"], "initial_capital": {"USDT": 100000}, "oms_type": "HEDGING"}));
    let (failures, _) = random_definitions_agree(&lab, &hedging, 2, 30, 0.00001);
    assert!(
        failures.is_empty(),
        "hedging: {} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let Some(data) = shared_or_ci_failure() else {
        return;
    };
    lab.import(
        &data.join("btc-perp-20211231-20220201_1m.csv"),
        "BTCUSDT-PERP.BINANCE",
    );
    let btc = lab.config(
        json!({"instruments": ["BTCUSDT-PERP.BINANCE"], "initial_capital": {"USDT": 1000000},
        "start_date": "2022-01-03", "end_date": "2022-01-08"}),
    );
    let (failures, traded) = random_definitions_agree(&lab, &btc, 3, 60, 0.001);
    assert!(
        failures.is_empty(),
        "shared BTC: {} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        traded >= 30,
        "only {traded} of 60 random definitions traded on shared data"
    );
}
