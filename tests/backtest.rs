//! Backtests through the CLI, each step a separate process, checked against values derived
//! independently from the raw data.

mod common;

use std::str::FromStr;

use common::{Home, import_fxcm_usdjpy, project_data, shared_data};
use rust_decimal::Decimal;
use serde_json::Value;

/// Closes of the shared BTC perpetual file, in file order.
fn btc_closes(dir: &std::path::Path) -> Vec<Decimal> {
    let mut rdr = csv::Reader::from_path(dir.join("btc-perp-20211231-20220201_1m.csv")).unwrap();
    rdr.records()
        .map(|r| Decimal::from_str(&r.unwrap()[4]).unwrap())
        .collect()
}

/// EMA the way NautilusTrader computes it: seeded with the first value, ready after `period`.
struct Ema {
    alpha: f64,
    value: f64,
    count: usize,
    period: usize,
}

impl Ema {
    fn new(period: usize) -> Self {
        Self {
            alpha: 2.0 / (period as f64 + 1.0),
            value: 0.0,
            count: 0,
            period,
        }
    }
    fn update(&mut self, x: f64) {
        self.value = if self.count == 0 {
            x
        } else {
            self.alpha.mul_add(x, (1.0 - self.alpha) * self.value)
        };
        self.count += 1;
    }
    fn ready(&self) -> bool {
        self.count >= self.period
    }
}

/// Stop-and-reverse on EMA crossings, filled at the signal bar's close, flat at the end:
/// returns (orders, realized PnL after taker fees).
fn independent_crossover(
    closes: &[Decimal],
    fast: usize,
    slow: usize,
    size: Decimal,
    fee: Decimal,
) -> (usize, Decimal) {
    let (mut f, mut s) = (Ema::new(fast), Ema::new(slow));
    let mut prev_above: Option<bool> = None;
    let (mut pos, mut cash, mut orders) = (Decimal::ZERO, Decimal::ZERO, 0usize);
    let trade = |target: Decimal,
                 px: Decimal,
                 pos: &mut Decimal,
                 cash: &mut Decimal,
                 orders: &mut usize| {
        let delta = target - *pos;
        if !delta.is_zero() {
            *cash -= delta * px + delta.abs() * px * fee;
            *pos = target;
            *orders += 1;
        }
    };
    for &c in closes {
        let x: f64 = c.to_string().parse().unwrap();
        f.update(x);
        s.update(x);
        if !(f.ready() && s.ready()) {
            continue;
        }
        let above = f.value > s.value;
        if prev_above.replace(above).is_some_and(|prev| prev != above) {
            let target = if above { size } else { -size };
            trade(target, c, &mut pos, &mut cash, &mut orders);
        }
    }
    trade(
        Decimal::ZERO,
        *closes.last().unwrap(),
        &mut pos,
        &mut cash,
        &mut orders,
    );
    (orders, cash)
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(
        v.as_str()
            .unwrap_or_else(|| panic!("not a decimal string: {v}")),
    )
    .unwrap()
}

/// `backtest run` of MovingAverageCrossover on `instrument`, then `extra`.
fn crossover<'a>(instrument: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "backtest",
        "run",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        instrument,
    ];
    args.extend_from_slice(extra);
    args
}

/// `backtest run` of MovingAverageCrossover on BTCUSDT.BINANCE, then `extra`.
fn crossover_on_btcusdt<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    crossover("BTCUSDT.BINANCE", extra)
}

/// Runs each command and checks that it fails with a client error whose message contains the
/// expected text.
fn assert_client_errors(home: &Home, cases: &[(Vec<&str>, &str)]) {
    for (args, expected) in cases {
        let err = home.json_err(args, 2);
        assert_eq!(err["category"], "client", "{args:?}: {err}");
        let message = err["message"].as_str().unwrap();
        assert!(message.contains(expected), "{args:?}: {message}");
    }
}

#[test]
fn btc_perpetual_crossover_matches_an_independent_count_and_pnl() {
    let Some(data) = shared_data() else { return };
    let home = Home::new();
    let file = data.join("btc-perp-20211231-20220201_1m.csv");
    let imported = home.json(&[
        "data",
        "import",
        file.to_str().unwrap(),
        "--instrument",
        "BTCUSDT-PERP.BINANCE",
    ]);
    assert_eq!(imported["series"][0]["rows_total"], 45031);

    let run = home.json(&[
        "backtest",
        "run",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        "BTCUSDT-PERP.BINANCE",
        "--param",
        "fast_period=10",
        "--param",
        "slow_period=30",
        "--param",
        "trade_size=0.5",
        "--capital",
        "USDT=1000000",
    ]);
    let (orders, pnl) = independent_crossover(
        &btc_closes(&data),
        10,
        30,
        Decimal::new(5, 1),
        Decimal::new(4, 4),
    );
    assert_eq!(run["bars"], 45031);
    assert_eq!(
        run["orders"].as_u64().unwrap() as usize,
        orders,
        "order count"
    );
    assert_eq!(
        run["fills"].as_u64().unwrap() as usize,
        orders,
        "every market order fills once"
    );
    assert_eq!(
        run["round_trips"].as_u64().unwrap() as usize,
        orders - 1,
        "each order after the first closes a round trip"
    );
    let engine_pnl = dec(&run["pnl"][0]["pnl"]);
    assert!(
        (engine_pnl - pnl).abs() < Decimal::new(1, 2),
        "engine PnL {engine_pnl} vs independent {pnl}"
    );
    // The round trips add up to the balance change.
    let trades = home.json(&["backtest", "trades", "--limit", "0"]);
    assert_eq!(trades["matched"].as_u64().unwrap() as usize, orders - 1);
    assert!((dec(&trades["total"]["pnl"]) - engine_pnl).abs() < Decimal::new(1, 2));
}

#[test]
fn stored_runs_survive_a_restart() {
    let home = Home::new();
    let csv = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    let run = home.json(&crossover_on_btcusdt(&[
        "--data",
        csv.to_str().unwrap(),
        "--param",
        "trade_size=0.1",
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-07",
    ]));
    let run_id = run["run_id"].as_str().unwrap();
    // Separate processes: the list and the results come from the store, not from memory.
    let list = home.json(&["backtest", "list"]);
    assert_eq!(list["runs"][0]["run_id"], run_id);
    let results = home.json(&["backtest", "results", run_id, "--resolution", "1h"]);
    assert_eq!(results["summary"], run);
    assert_eq!(results["equity_resolution"], "1h");
    let points = results["equity_curve"].as_array().unwrap();
    assert!(
        points.len() >= 6 * 24 && points.len() <= 7 * 24 + 2,
        "{} hourly points",
        points.len()
    );
    let err = home.json_err(&["backtest", "results", run_id, "--resolution", "1s"], 2);
    assert_eq!(err["code"], "INVALID_PARAMETER");
}

#[test]
fn bad_parameters_are_client_errors_naming_the_parameter() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "2000"]);
    let base = [
        "backtest",
        "run",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--strategy",
    ];
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "MovingAverageCrossover",
                "--param",
                "fast_period=30",
                "--param",
                "slow_period=10",
            ],
            "parameters.fast_period",
        ),
        (
            &["MovingAverageCrossover", "--param", "fast_period=0"],
            "parameters.fast_period: must be at least 1",
        ),
        (
            &["MovingAverageCrossover", "--param", "fast_perod=5"],
            "unknown parameter",
        ),
        (
            &["MovingAverageCrossover", "--param", "slow_period=abc"],
            "parameters.slow_period",
        ),
        (
            &["RsiMeanReversion", "--param", "overbought=150"],
            "parameters.overbought: must be at most 100",
        ),
        (
            &["MovingAverageCrossover", "--param", "trade_size=abc"],
            "parameters.trade_size: 'abc' is not a decimal number",
        ),
        (
            &["BollingerBreakout", "--param", "allow_short=maybe"],
            "parameters.allow_short: invalid type: string \"maybe\", expected a boolean",
        ),
        (&["NoSuchStrategy"], "unknown strategy 'NoSuchStrategy'"),
    ];
    let commands: Vec<(Vec<&str>, &str)> = cases
        .iter()
        .map(|(extra, expected)| {
            (
                base.iter().chain(extra.iter()).copied().collect(),
                *expected,
            )
        })
        .collect();
    assert_client_errors(&home, &commands);
    let err = home.json_err(
        &[
            "backtest",
            "run",
            "--strategy",
            "BuyAndHold",
            "--instrument",
            "ETHUSDT.BINANCE",
        ],
        2,
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("no bars for ETHUSDT.BINANCE"),
        "{err}"
    );
    let err = home.json_err(
        &[
            "backtest",
            "run",
            "--strategy",
            "BuyAndHold",
            "--instrument",
            "NOPE.BINANCE",
        ],
        2,
    );
    assert_eq!(err["code"], "NOT_FOUND");
    let err = home.json_err(
        &[
            "backtest",
            "configure",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--start",
            "2024-02-01",
            "--end",
            "2024-01-01",
        ],
        2,
    );
    assert!(
        err["message"].as_str().unwrap().starts_with("end_date"),
        "{err}"
    );
    let err = home.json_err(
        &[
            "backtest",
            "configure",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--capital",
            "USD=-5",
        ],
        2,
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("initial_capital.USD"),
        "{err}"
    );
}

#[test]
fn configured_workflow_runs_every_strategy_and_compares_with_buy_and_hold() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "20000", "--seed", "3"]);
    let cfg = home.json(&[
        "backtest",
        "configure",
        "--name",
        "demo",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--capital",
        "USD=100000",
    ]);
    assert_eq!(cfg["config"]["instruments"][0], "BTCUSDT.BINANCE");
    home.json(&[
        "backtest",
        "set-range",
        "--name",
        "demo",
        "--start",
        "2024-01-02",
        "--end",
        "2024-01-10",
    ]);
    for strategy in [
        "MovingAverageCrossover",
        "RsiMeanReversion",
        "BollingerBreakout",
        "DonchianBreakout",
        "BuyAndHold",
    ] {
        let run = home.json(&[
            "backtest",
            "run",
            "--strategy",
            strategy,
            "--name",
            "demo",
            "--param",
            "trade_size=0.5",
            "--param",
            "stop_loss=0.02",
            "--param",
            "take_profit=0.04",
        ]);
        assert_eq!(run["strategy_id"], strategy);
        assert_eq!(run["config"], "demo");
        assert!(
            run["start"].as_str().unwrap().starts_with("2024-01-02"),
            "{}",
            run["start"]
        );
        assert!(
            run["orders"].as_u64().unwrap() >= 2,
            "{strategy} traded: {run}"
        );
        let bench = &run["benchmark"];
        assert_eq!(bench["strategy"], "BuyAndHold");
        assert!(bench["return_pct"].is_number(), "{run}");
        assert!(
            run["notes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n.as_str().unwrap().contains("held as USDT"))
        );
    }
    let list = home.json(&["backtest", "list", "--strategy", "DonchianBreakout"]);
    assert_eq!(list["runs"].as_array().unwrap().len(), 1);
    assert_eq!(list["configurations"], serde_json::json!(["demo"]));
}

#[test]
fn trades_are_filtered_aggregated_and_exported() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "5000", "--seed", "9"]);
    home.json(&crossover_on_btcusdt(&["--param", "trade_size=1"]));
    let all = home.json(&["backtest", "trades", "--limit", "1000"]);
    let n = all["matched"].as_u64().unwrap();
    assert!(n > 10);
    let longs = home.json(&["backtest", "trades", "--side", "long"]);
    let shorts = home.json(&["backtest", "trades", "--side", "SHORT"]);
    assert_eq!(
        longs["matched"].as_u64().unwrap() + shorts["matched"].as_u64().unwrap(),
        n
    );
    let winners = home.json(&["backtest", "trades", "--outcome", "win"]);
    assert_eq!(winners["total"]["losers"], 0);
    assert_eq!(all["by_side"].as_array().unwrap().len(), 2);
    let by_hour: u64 = all["by_hour"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["trades"].as_u64().unwrap())
        .sum();
    assert_eq!(by_hour, n);
    let streaks = &all["streaks"];
    assert!(streaks["longest_winning"].as_u64().unwrap() >= 1);
    let csv_path = home.dir.path().join("trades.csv");
    home.json(&["backtest", "trades", "--csv", csv_path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(
        text.lines().count() as u64,
        n + 1,
        "header plus one line per round trip"
    );
    assert!(text.starts_with("position_id,instrument_id,side"));
    let missing = home.dir.path().join("no-such-dir").join("trades.csv");
    let err = home.json_err(
        &["backtest", "trades", "--csv", missing.to_str().unwrap()],
        2,
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("csv: cannot write"),
        "{err}"
    );

    // return_pct is the price move; net_return_pct the PnL after commissions over the entry.
    let t = &all["trades"][0];
    let notional = dec(&t["quantity"]) * dec(&t["entry_price"]);
    let net = (dec(&t["realized_pnl"]) / notional * Decimal::from(100)).round_dp(6);
    assert_eq!(
        t["net_return_pct"].as_f64().unwrap().to_string(),
        net.normalize().to_string()
    );
    let total = &all["total"];
    assert!(
        total["avg_net_return_pct"].as_f64() < total["avg_return_pct"].as_f64(),
        "{total}"
    );
}

#[test]
fn currencies_the_account_cannot_book_are_refused_and_balances_match_the_trades() {
    const ONE_BTC: [&str; 2] = ["--param", "trade_size=1"];
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "5"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--base-currency", "USD"],
            "base_currency: USD is not the currency BTCUSDT.BINANCE settles in (USDT)",
        ),
        (
            &["--base-currency", "USDT", "--capital", "BTC=1"],
            "initial_capital.BTC: the account's base_currency is USDT",
        ),
        (
            &["--fee-model", "fixed", "--commission", "1 USD"],
            "commission: '1 USD' is in USD, but BTCUSDT.BINANCE settles in USDT",
        ),
        (
            &["--capital", "USDT=100000000"],
            "initial_capital.USDT: 100000000 USDT is above the largest balance the engine books \
             exactly in USDT (22517998)",
        ),
    ];
    let mut commands: Vec<(Vec<&str>, &str)> = cases
        .iter()
        .map(|(extra, expected)| {
            (
                crossover_on_btcusdt(&[&ONE_BTC[..], extra].concat()),
                *expected,
            )
        })
        .collect();
    // A stored configuration is checked when it is made, not only when it runs.
    commands.push((
        vec![
            "backtest",
            "configure",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--base-currency",
            "USD",
        ],
        "base_currency: USD is not the currency BTCUSDT.BINANCE settles in (USDT)",
    ));
    assert_client_errors(&home, &commands);
    // A cash account short of funds: the engine fills without booking; refused, not stored.
    let err = home.json_err(
        &crossover_on_btcusdt(&[
            "--account-type",
            "CASH",
            "--capital",
            "USDT=100000",
            "--param",
            "trade_size=5",
        ]),
        2,
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("A CASH account cannot fund these trades"),
        "{err}"
    );
    assert_eq!(
        home.json(&["backtest", "list"])["runs"],
        serde_json::json!([])
    );

    // The balance change equals the round trips, in the settlement currency, for a single
    // currency account, a fixed commission, and capital held only in the base currency.
    for extra in [
        &["--base-currency", "USDT"][..],
        &["--fee-model", "fixed", "--commission", "1.5 USDT"],
        &["--capital", "BTC=10"],
    ] {
        let summary = home.json(&crossover_on_btcusdt(&[&ONE_BTC[..], extra].concat()));
        let usdt = summary["pnl"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["currency"] == "USDT")
            .unwrap_or_else(|| panic!("{extra:?}: no USDT line: {summary}"));
        let trades = home.json(&["backtest", "trades", "--limit", "0"]);
        assert!(summary["round_trips"].as_u64().unwrap() > 10);
        assert_eq!(dec(&usdt["pnl"]), dec(&trades["total"]["pnl"]), "{extra:?}");
        assert_ne!(dec(&usdt["pnl"]), Decimal::ZERO, "{extra:?}");
    }
}

/// Close per bar close time (the row's open time plus one minute) of a shared FXCM bar file.
fn fxcm_closes(dir: &std::path::Path, side: &str) -> std::collections::HashMap<String, Decimal> {
    let file = dir.join(format!("fxcm-usdjpy-m1-{side}-2013.csv"));
    let mut rdr = csv::Reader::from_path(file).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let open = chrono::DateTime::parse_from_str(&r[0], "%Y-%m-%d %H:%M:%S%:z").unwrap();
            let close = (open + chrono::Duration::minutes(1)).with_timezone(&chrono::Utc);
            (
                close.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                Decimal::from_str(&r[4]).unwrap(),
            )
        })
        .collect()
}

#[test]
fn bid_ask_bars_fill_buys_at_the_ask_and_sells_at_the_bid_of_the_same_minute() {
    let Some(data) = shared_data() else { return };
    let home = Home::new();
    import_fxcm_usdjpy(&home, &data);
    let (bid, ask) = (fxcm_closes(&data, "bid"), fxcm_closes(&data, "ask"));

    // The first bar's order fills at that minute's ask close (91.655), the close-out at the
    // last bid close (92.539).
    let run = home.json(&[
        "backtest",
        "run",
        "--strategy",
        "BuyAndHold",
        "--instrument",
        "USD/JPY.FXCM",
    ]);
    assert_eq!(
        (run["orders"].as_u64(), run["fills"].as_u64()),
        (Some(2), Some(2)),
        "{run}"
    );
    let trip = &home.json(&["backtest", "trades"])["trades"][0];
    assert_eq!(trip["entry_time"], "2013-02-01T00:01:00Z");
    assert_eq!(dec(&trip["entry_price"]), ask["2013-02-01T00:01:00Z"]);
    assert_eq!(dec(&trip["entry_price"]), Decimal::new(91_655, 3));
    assert_eq!(trip["exit_time"], "2013-03-01T00:01:00Z");
    assert_eq!(dec(&trip["exit_price"]), bid["2013-03-01T00:01:00Z"]);

    // Every later fill of a reversing strategy uses its own minute's quotes, too.
    home.json(&crossover("USD/JPY.FXCM", &["--param", "trade_size=1000"]));
    let trades = home.json(&["backtest", "trades", "--limit", "100000"]);
    let trips = trades["trades"].as_array().unwrap();
    assert!(trips.len() > 100);
    for t in trips {
        let (entry, exit) = if t["side"] == "LONG" {
            (&ask, &bid)
        } else {
            (&bid, &ask)
        };
        let at = |k: &str| t[k].as_str().unwrap().to_string();
        assert_eq!(dec(&t["entry_price"]), entry[&at("entry_time")], "{t}");
        assert_eq!(dec(&t["exit_price"]), exit[&at("exit_time")], "{t}");
    }
}

#[test]
fn hedging_and_netting_accounts_trade_the_built_ins_alike() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "11"]);
    let outcome = |oms: &str, extra: &[&str]| {
        let mut args = vec!["--param", "trade_size=1", "--oms-type", oms];
        args.extend_from_slice(extra);
        let run = home.json(&crossover_on_btcusdt(&args));
        let total = home.json(&["backtest", "trades", "--limit", "0"])["total"].clone();
        (
            run["round_trips"].as_u64().unwrap(),
            run["pnl"][0]["pnl"].clone(),
            total["commission_paid"].clone(),
            total["pnl"].clone(),
        )
    };
    for extra in [
        &[][..],
        &["--param", "stop_loss=0.01", "--param", "take_profit=0.01"],
    ] {
        let netting = outcome("NETTING", extra);
        assert!(netting.0 > 20, "{netting:?}");
        assert_eq!(outcome("HEDGING", extra), netting, "{extra:?}");
    }
}

/// `backtest sweep` of MovingAverageCrossover on BTCUSDT.BINANCE, then `extra`.
fn crossover_sweep(home: &Home, extra: &[&str]) -> Value {
    let mut args = vec![
        "backtest",
        "sweep",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        "BTCUSDT.BINANCE",
    ];
    args.extend_from_slice(extra);
    home.json(&args)
}

#[test]
fn a_sweep_ranks_its_runs_by_their_stored_statistics() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "4000", "--seed", "21"]);
    let sweep = crossover_sweep(
        &home,
        &[
            "--grid",
            "fast_period=5,10,20",
            "--grid",
            "slow_period=30,60",
            "--param",
            "trade_size=1",
            "--rank-by",
            "sharpe_ratio",
            "--confirm",
            "2",
        ],
    );
    assert_eq!(sweep["engine"], "fast", "{sweep}");
    assert_eq!(sweep["ranked_in"], "USDT");
    assert_eq!(sweep["skipped"], 0);
    let ranking = sweep["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 6);
    let mut seen = std::collections::BTreeSet::new();
    let mut previous = f64::INFINITY;
    for (i, row) in ranking.iter().enumerate() {
        assert_eq!(row["rank"], i + 1);
        // The stored run is the one ranked: same parameters, same statistic.
        let run_id = row["run_id"].as_str().unwrap();
        let stored = &home.json(&["backtest", "results", run_id])["summary"];
        assert_eq!(stored["engine"], "fast");
        for key in ["fast_period", "slow_period"] {
            assert_eq!(stored["parameters"][key], row["values"][key], "{run_id}");
        }
        assert_eq!(stored["parameters"]["trade_size"], "1");
        let sharpe = stored["statistics"]["returns"]["sharpe_ratio"]
            .as_f64()
            .unwrap();
        assert_eq!(row["score"].as_f64(), Some(sharpe), "{run_id}");
        assert_eq!(row["pnl_pct"], stored["pnl"][0]["pnl_pct"], "{run_id}");
        assert_eq!(row["pnl"], stored["pnl"][0]["pnl"], "{run_id}");
        assert_eq!(row["round_trips"], stored["round_trips"], "{run_id}");
        assert!(sharpe <= previous, "rank {} is not below rank {i}", i + 1);
        previous = sharpe;
        seen.insert((
            row["values"]["fast_period"].to_string(),
            row["values"]["slow_period"].to_string(),
        ));
    }
    assert_eq!(seen.len(), 6, "each combination once");
    // The best two were re-run on NautilusTrader's engine, with the same result.
    let confirmed = sweep["confirmed"].as_array().unwrap();
    assert_eq!(confirmed.len(), 2);
    for c in confirmed {
        assert_eq!(c["equal"], true);
        assert_eq!(c["fast_pnl"], c["nautilus_pnl"]);
        let engine_run = &home.json(&[
            "backtest",
            "results",
            c["nautilus_run_id"].as_str().unwrap(),
        ])["summary"];
        assert_eq!(engine_run["engine"], "nautilus");
        assert_eq!(
            engine_run["parameters"],
            home.json(&["backtest", "results", c["fast_run_id"].as_str().unwrap()])["summary"]["parameters"]
        );
    }
    assert_eq!(
        home.json(&["backtest", "list"])["runs"]
            .as_array()
            .unwrap()
            .len(),
        8,
        "six combinations and two confirmations"
    );
}

#[test]
fn a_sweep_skips_invalid_combinations_and_takes_a_where_condition() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "5"]);
    let sweep = |extra: &[&str]| {
        let mut args = vec![
            "--grid",
            "fast_period=5,10,40",
            "--grid",
            "slow_period=30,60",
            "--confirm",
            "0",
        ];
        args.extend_from_slice(extra);
        crossover_sweep(&home, &args)
    };
    let all = sweep(&[]);
    assert_eq!(all["grid_size"], 6);
    assert_eq!(all["combinations"], 5, "{all}");
    assert_eq!(all["skipped"], 1);
    let note = all["notes"][0].as_str().unwrap();
    assert!(
        note.starts_with("1 combinations were skipped as invalid") && note.contains("fast_period"),
        "{note}"
    );
    let filtered = sweep(&["--where", "slow_period - fast_period >= 25"]);
    let kept: Vec<(i64, i64)> = filtered["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["values"]["fast_period"].as_i64().unwrap(),
                r["values"]["slow_period"].as_i64().unwrap(),
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(kept, [(5, 30), (5, 60), (10, 60)]);
    assert_eq!(filtered["skipped"], 3);
    assert_client_errors(
        &home,
        &[
            (
                vec![
                    "backtest",
                    "sweep",
                    "--strategy",
                    "MovingAverageCrossover",
                    "--grid",
                    "fast_period=5",
                    "--where",
                    "fast_period <",
                ],
                "where: ",
            ),
            (
                vec![
                    "backtest",
                    "sweep",
                    "--strategy",
                    "MovingAverageCrossover",
                    "--grid",
                    "fastperiod=5",
                ],
                "grid.fastperiod: unknown parameter",
            ),
        ],
    );
}

#[test]
fn a_sweep_with_capital_in_two_currencies_ranks_in_the_settlement_currency() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "9"]);
    let sweep = crossover_sweep(
        &home,
        &[
            "--capital",
            "USDT=1000000",
            "--capital",
            "BTC=10",
            "--param",
            "trade_size=0.5",
            "--grid",
            "fast_period=5,10",
            "--grid",
            "slow_period=30,60",
            "--confirm",
            "0",
        ],
    );
    assert_eq!(sweep["ranked_in"], "USDT");
    for row in sweep["ranking"].as_array().unwrap() {
        assert!(row["win_rate"].is_f64(), "{row}");
        let stored =
            &home.json(&["backtest", "results", row["run_id"].as_str().unwrap()])["summary"];
        let usdt = stored["pnl"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["currency"] == "USDT")
            .unwrap();
        assert_eq!(row["pnl_pct"], usdt["pnl_pct"], "{row}");
        assert_ne!(row["score"].as_f64(), Some(0.0), "{row}");
    }
}

#[test]
fn positions_left_open_at_the_end_say_why() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "2000", "--seed", "42"]);
    let hold = |extra: &[&str]| {
        let mut args = vec![
            "backtest",
            "run",
            "--strategy",
            "BuyAndHold",
            "--instrument",
            "BTCUSDT.BINANCE",
        ];
        args.extend_from_slice(extra);
        home.json(&args)["notes"].to_string()
    };
    // The closing order needs more than a bar's volume offers.
    let notes = hold(&[
        "--param",
        "trade_size=500",
        "--fill-model",
        "volume",
        "--capital",
        "USDT=20000000",
    ]);
    assert!(
        notes.contains(
            "1 positions were still open at the end: their closing orders did not fill completely"
        ),
        "{notes}"
    );
    let notes = hold(&["--param", "trade_size=1", "--param", "close_at_end=false"]);
    assert!(
        notes.contains("1 positions were still open at the end (close_at_end is false)"),
        "{notes}"
    );
}
