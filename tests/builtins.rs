//! The five built-in strategies give exactly the results they gave before they became
//! definitions in the strategy language: orders, fills, positions, every round trip (times,
//! prices, quantities, PnL, commission), balances and statistics, on the shipped sample and the
//! shared real datasets, with their defaults and with the options that change how they trade
//! (SMA, no shorts, stop-loss and take-profit, hedging, a cash account, volume-limited fills).
//!
//! The expected values in `tests/fixtures/builtins.json` were recorded from the compiled
//! built-ins (commit 79db8f7, before the language) with `RECORD_BUILTINS=1 cargo test --test
//! builtins`; every round trip is compared through a SHA-256 of its canonical JSON, with the
//! first and last ones kept in the clear so a difference can be read.

mod common;

use std::collections::BTreeMap;

use common::{Home, import_fxcm_usdjpy, project_data, shared_data};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const FIXTURE: &str = "tests/fixtures/builtins.json";

/// One backtest: a name, then the `backtest run` arguments after `--strategy`.
struct Case {
    name: &'static str,
    args: Vec<&'static str>,
}

fn case(name: &'static str, args: &[&'static str]) -> Case {
    Case {
        name,
        args: args.to_vec(),
    }
}

/// The five built-ins with their defaults, then the options that change how they trade.
fn cases(instrument: &'static str) -> Vec<Case> {
    let i = instrument;
    vec![
        case(
            "MovingAverageCrossover",
            &["MovingAverageCrossover", "--instrument", i],
        ),
        case("RsiMeanReversion", &["RsiMeanReversion", "--instrument", i]),
        case(
            "BollingerBreakout",
            &["BollingerBreakout", "--instrument", i],
        ),
        case("DonchianBreakout", &["DonchianBreakout", "--instrument", i]),
        case("BuyAndHold", &["BuyAndHold", "--instrument", i]),
        case(
            "MovingAverageCrossover sma no-short",
            &[
                "MovingAverageCrossover",
                "--instrument",
                i,
                "--param",
                "ma_type=SMA",
                "--param",
                "fast_period=7",
                "--param",
                "slow_period=25",
                "--param",
                "allow_short=false",
            ],
        ),
        case(
            "MovingAverageCrossover stops",
            &[
                "MovingAverageCrossover",
                "--instrument",
                i,
                "--param",
                "stop_loss=0.003",
                "--param",
                "take_profit=0.006",
            ],
        ),
        case(
            "MovingAverageCrossover stops hedging",
            &[
                "MovingAverageCrossover",
                "--instrument",
                i,
                "--param",
                "stop_loss=0.003",
                "--param",
                "take_profit=0.006",
                "--oms-type",
                "HEDGING",
            ],
        ),
        case(
            "BollingerBreakout target no-short volume",
            &[
                "BollingerBreakout",
                "--instrument",
                i,
                "--param",
                "take_profit=0.002",
                "--param",
                "allow_short=false",
                "--fill-model",
                "volume",
            ],
        ),
        case(
            "DonchianBreakout long exit channel",
            &[
                "DonchianBreakout",
                "--instrument",
                i,
                "--param",
                "entry_period=15",
                "--param",
                "exit_period=40",
                "--param",
                "stop_loss=0.004",
            ],
        ),
        case(
            "BuyAndHold stop",
            &["BuyAndHold", "--instrument", i, "--param", "stop_loss=0.01"],
        ),
    ]
}

/// What must not change: counts, balances, statistics, sizes and every round trip.
fn fingerprint(home: &Home, case: &Case) -> Value {
    let mut args = vec!["backtest", "run", "--strategy"];
    args.extend(&case.args);
    let run = home.json(&args);
    let run_id = run["run_id"].as_str().expect("run_id").to_string();
    let trades = home.json(&["backtest", "trades", &run_id, "--limit", "100000"]);
    let trips: Vec<Value> = trades["trades"]
        .as_array()
        .expect("trades")
        .iter()
        .map(|t| {
            json!({
                "position_id": t["position_id"],
                "side": t["side"],
                "quantity": t["quantity"],
                "entry_ns": t["entry_ns"],
                "exit_ns": t["exit_ns"],
                "entry_price": t["entry_price"],
                "exit_price": t["exit_price"],
                "realized_pnl": t["realized_pnl"],
                "commission": t["commission"],
            })
        })
        .collect();
    assert_eq!(trips.len(), run["round_trips"].as_u64().unwrap() as usize);
    let digest = hex(&Sha256::digest(
        serde_json::to_string(&trips).unwrap().as_bytes(),
    ));
    json!({
        "orders": run["orders"],
        "fills": run["fills"],
        "positions": run["positions"],
        "round_trips": run["round_trips"],
        "bars": run["bars"],
        "pnl": run["pnl"],
        "trade_sizes": run["trade_sizes"],
        "statistics": run["statistics"],
        "trips_sha256": digest,
        "first_trips": trips.iter().take(3).collect::<Vec<_>>(),
        "last_trip": trips.last(),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs every case on an imported dataset, keyed `dataset / case`.
fn run_dataset(
    dataset: &str,
    home: &Home,
    instrument: &'static str,
    out: &mut BTreeMap<String, Value>,
) {
    for c in cases(instrument) {
        out.insert(format!("{dataset} / {}", c.name), fingerprint(home, &c));
    }
}

/// Imports a CSV of bars for `instrument` into a fresh home.
fn imported(path: &std::path::Path, instrument: &str) -> Home {
    let home = Home::new();
    home.json(&[
        "data",
        "import",
        path.to_str().unwrap(),
        "--instrument",
        instrument,
    ]);
    home
}

#[test]
fn built_in_strategies_trade_exactly_as_before() {
    let mut actual = BTreeMap::new();
    let sample = imported(
        &project_data().join("synthetic-btcusdt-1m-2024-01.csv"),
        "BTCUSDT.BINANCE",
    );
    run_dataset(
        "synthetic-btcusdt-1m-2024-01",
        &sample,
        "BTCUSDT.BINANCE",
        &mut actual,
    );
    let shared = shared_data();
    if let Some(dir) = &shared {
        let perp = imported(
            &dir.join("btc-perp-20211231-20220201_1m.csv"),
            "BTCUSDT-PERP.BINANCE",
        );
        run_dataset("btc-perp", &perp, "BTCUSDT-PERP.BINANCE", &mut actual);
        let fx = Home::new();
        import_fxcm_usdjpy(&fx, dir);
        run_dataset("fxcm-usdjpy", &fx, "USD/JPY.FXCM", &mut actual);
        let future = imported(&dir.join("xcme-6EH4-1min-202401.csv"), "6EH4.XCME");
        run_dataset("xcme-6EH4", &future, "6EH4.XCME", &mut actual);
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    if std::env::var_os("RECORD_BUILTINS").is_some() {
        assert!(shared.is_some(), "record with the shared datasets present");
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("the recorded fixture"))
            .unwrap();
    let mut differences = Vec::new();
    for (key, value) in &actual {
        let want = expected
            .get(key)
            .unwrap_or_else(|| panic!("{key} is not recorded"));
        if want != value {
            differences.push(format!(
                "{key}:\n expected {}\n actual   {}",
                serde_json::to_string(want).unwrap(),
                serde_json::to_string(value).unwrap()
            ));
        }
    }
    if shared.is_some() {
        assert_eq!(actual.len(), expected.len(), "every recorded case ran");
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // The cases trade: a fixture of empty runs would prove nothing.
    for (key, value) in &actual {
        assert!(
            value["orders"].as_u64().unwrap() >= 1,
            "{key} placed no order"
        );
    }
}
