//! Strategy definitions as a user and an agent meet them: defined from a TOML file on the CLI
//! and as JSON over MCP with identical results, checked with named errors (nothing invalid is
//! stored), versioned with content hashes, run by name, reported by validate, deleted; the
//! same orders in a backtest and on the paper node replaying the same bars; random and mutated
//! definitions never break the server.

mod common;

use std::collections::BTreeMap;

use common::{Home, call_tool, mcp_command, project_data};
use rmcp::{ServiceExt, transport::TokioChildProcess};
use serde_json::{Value, json};

const BTC: &str = "BTCUSDT.BINANCE";

/// The code block after `marker` in the README.
fn readme_block(marker: &str) -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let after = readme
        .split_once(marker)
        .unwrap_or_else(|| panic!("{marker} is not in the README"))
        .1;
    let body = after.split_once("```").unwrap().1;
    let body = body.split_once('\n').unwrap().1;
    body.split_once("```").unwrap().0.to_string()
}

/// A home with the shipped January 2024 BTCUSDT minutes.
fn sample_home() -> Home {
    let home = Home::new();
    home.json(&[
        "data",
        "import",
        project_data()
            .join("synthetic-btcusdt-1m-2024-01.csv")
            .to_str()
            .unwrap(),
        "--instrument",
        BTC,
    ]);
    home
}

/// What must be equal between two runs of one definition.
fn outcome(home: &Home, run: &Value) -> Value {
    let trades = home.json(&[
        "backtest",
        "trades",
        run["run_id"].as_str().unwrap(),
        "--limit",
        "100000",
    ]);
    let trips: Vec<Value> = trades["trades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            json!([
                t["side"],
                t["quantity"],
                t["entry_ns"],
                t["exit_ns"],
                t["entry_price"],
                t["exit_price"],
                t["realized_pnl"]
            ])
        })
        .collect();
    json!({
        "strategy_hash": run["strategy_hash"],
        "orders": run["orders"],
        "fills": run["fills"],
        "round_trips": run["round_trips"],
        "pnl": run["pnl"],
        "statistics": run["statistics"],
        "trade_sizes": run["trade_sizes"],
        "trips": trips,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_definition_runs_the_same_from_toml_on_the_cli_and_json_over_mcp() {
    let toml = readme_block("<!-- example:toml -->");
    let request: Value = serde_json::from_str(&readme_block("<!-- example:json -->")).unwrap();

    // A person: the TOML file on the CLI.
    let cli = sample_home();
    let file = cli.dir.path().join("trend.toml");
    std::fs::write(&file, &toml).unwrap();
    let defined = cli.json(&[
        "strategy",
        "define",
        "trend",
        "--file",
        file.to_str().unwrap(),
    ]);
    let run_args = [
        "backtest",
        "run",
        "--strategy",
        "trend",
        "--instrument",
        BTC,
        "--param",
        "risk=0.01",
    ];
    let by_cli = cli.json(&run_args);
    assert_eq!(by_cli["strategy_hash"], defined["hash"]);
    assert_eq!(by_cli["strategy_version"], 1);

    // An agent: the JSON document over MCP, in a state directory of its own.
    let agent = sample_home();
    let client =
        ().serve(TokioChildProcess::new(mcp_command(&agent.state(), &agent.config)).unwrap())
            .await
            .expect("initialize");
    let r = call_tool(&client, "define_strategy", request).await;
    assert_eq!(r.is_error, Some(false), "{:?}", r.structured_content);
    let by_json = r.structured_content.unwrap();
    assert_eq!(by_json["hash"], defined["hash"], "one definition, one hash");
    let r = call_tool(
        &client,
        "run_backtest",
        json!({"strategy_id": "trend", "instruments": [BTC], "parameters": {"risk": 0.01}}),
    )
    .await;
    assert_eq!(r.is_error, Some(false), "{:?}", r.structured_content);
    let by_mcp = r.structured_content.unwrap();
    client.cancel().await.unwrap();

    let (a, b) = (outcome(&cli, &by_cli), outcome(&agent, &by_mcp));
    assert_eq!(a, b);
    // It traded, and it is what it says: long only, entries on weekdays 07:00-20:00 UTC, none
    // held past 48 minutes, each sized to lose about 1% of equity at its first stop.
    let trips = a["trips"].as_array().unwrap();
    assert!(trips.len() >= 10, "{} round trips", trips.len());
    for t in trips {
        assert_eq!(t[0], "LONG");
        let entry = chrono::DateTime::from_timestamp_nanos(t[2].as_i64().unwrap());
        let minutes = chrono::Timelike::hour(&entry) * 60 + chrono::Timelike::minute(&entry);
        assert!((7 * 60..20 * 60).contains(&minutes), "entered at {entry}");
        assert!(
            chrono::Datelike::weekday(&entry).number_from_monday() <= 5,
            "{entry}"
        );
        let held = (t[3].as_i64().unwrap() - t[2].as_i64().unwrap()) / 60_000_000_000;
        assert!(held <= 48, "held {held} minutes");
    }
}

#[test]
fn definitions_are_checked_versioned_run_by_name_and_deleted() {
    let home = sample_home();
    let toml = readme_block("<!-- example:toml -->");
    let file = home.dir.path().join("trend.toml");
    std::fs::write(&file, &toml).unwrap();
    let path = file.to_str().unwrap();

    // Validate: checked and run on the newest bars, nothing stored.
    let v = home.json(&["strategy", "validate", "--file", path, "--instrument", BTC]);
    assert_eq!(v["valid"], true);
    let sample = &v["sample"];
    assert_eq!(sample["bars"], 5000);
    let placed = sample["placed"].as_array().unwrap();
    assert!(!placed.is_empty(), "{v}");
    let kinds: std::collections::BTreeSet<&str> =
        placed.iter().map(|o| o["type"].as_str().unwrap()).collect();
    assert!(
        kinds.contains("TRAILING_STOP_MARKET") && kinds.contains("STOP_MARKET"),
        "{kinds:?}"
    );
    for o in placed.iter().filter(|o| o["type"] != "MARKET") {
        assert_eq!(o["reduce_only"], true, "exits are reduce-only: {o}");
    }
    assert!(
        home.json(&["strategy", "list"])["strategies"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["kind"] != "stored")
    );

    // Define: version 1; the same content again is still version 1; a change is version 2.
    let v1 = home.json(&["strategy", "define", "trend", "--file", path]);
    assert_eq!(
        (v1["version"].as_i64(), v1["new_version"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(v1["hash"], v["hash"]);
    let same = home.json(&["strategy", "define", "trend", "--file", path]);
    assert_eq!(
        (same["version"].as_i64(), same["new_version"].as_bool()),
        (Some(1), Some(false))
    );
    std::fs::write(&file, toml.replace("default = 10", "default = 12")).unwrap();
    let v2 = home.json(&["strategy", "define", "trend", "--file", path]);
    assert_eq!(v2["version"], 2);
    assert_ne!(v2["hash"], v1["hash"]);
    assert_eq!(v2["parameters"]["properties"]["fast"]["default"], 12);
    let shown = home.json(&["strategy", "show", "trend"]);
    assert_eq!(shown["hash"], v2["hash"]);
    assert_eq!(shown["definition"]["parameters"]["fast"]["default"], 12);
    assert_eq!(shown["versions"].as_array().unwrap().len(), 2);
    let old = home.json(&["strategy", "show", "trend", "--strategy-version", "1"]);
    assert_eq!(old["hash"], v1["hash"]);
    let listed = home.json(&["strategy", "list"]);
    let kinds: BTreeMap<String, String> = listed["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["strategy_id"].as_str().unwrap().to_string(),
                s["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(kinds["trend"], "stored");
    assert_eq!(kinds["MovingAverageCrossover"], "builtin");
    assert_eq!(kinds["EmaCrossTrailing"], "example");
    assert_eq!(kinds.len(), 11);

    // Run by name: the result records the definition's hash and version.
    let run = home.json(&[
        "backtest",
        "run",
        "--strategy",
        "trend",
        "--instrument",
        BTC,
    ]);
    assert_eq!(run["strategy_id"], "trend");
    assert_eq!(run["strategy_hash"], v2["hash"]);
    assert_eq!(run["strategy_version"], 2);
    assert_eq!(run["parameters"]["fast"], 12);
    let err = home.json_err(
        &[
            "backtest",
            "run",
            "--strategy",
            "trend",
            "--instrument",
            BTC,
            "--param",
            "fast=500",
        ],
        2,
    );
    assert_eq!(
        err["message"],
        "parameters.fast: must be at most 200, got 500"
    );

    // Bad definitions: named errors, nothing stored.
    let bad = home.dir.path().join("bad.toml");
    let rule = "crosses_above(fast_ema, slow_ema) and rsi(14) < 70";
    let column = |of: &str| rule.find(of).unwrap() + 1;
    for (text, expected) in [
        (
            toml.replace("rsi(14) < 70", "rsii(14) < 70"),
            format!(
                "rules.enter_long: unknown indicator 'rsii' (did you mean 'rsi'?) at column {}",
                column("rsi(14)")
            ),
        ),
        (
            toml.replace("rsi(14) < 70", "rsi(14) and 3"),
            format!(
                "rules.enter_long: 'and' needs a condition (true or false), got a number at column {}",
                column("rsi(14)")
            ),
        ),
        (
            toml.replace("ema(fast)", "ema(fastt)"),
            "indicators.fast_ema: unknown name 'fastt' (did you mean 'fast'?) at column 5".to_string(),
        ),
        (
            toml.replace("enter_long = ", "exit_short = "),
            "rules: no entry rule (enter_long or enter_short): the strategy could never place an order".to_string(),
        ),
        (
            toml.replace("default = 10", "default = 1"),
            "parameters.fast.default: must be at least 2, got 1".to_string(),
        ),
        (
            toml.replace("[orders]", "[orders]\nentry = { type = \"limit\" }"),
            "orders.entry.long_price: a limit or stop entry needs its price (price, or long_price and short_price)".to_string(),
        ),
    ] {
        std::fs::write(&bad, text).unwrap();
        let e = home.json_err(&["strategy", "define", "broken", "--file", bad.to_str().unwrap()], 2);
        assert_eq!(e["category"], "client");
        assert_eq!(e["message"], expected);
        let e = home.json_err(&["strategy", "validate", "--file", bad.to_str().unwrap()], 2);
        assert_eq!(e["message"], expected);
    }
    assert_eq!(
        home.json_err(&["strategy", "show", "broken"], 2)["code"],
        "NOT_FOUND"
    );
    let e = home.json_err(&["strategy", "define", "rsi", "--file", path], 2);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("built-in strategy RsiMeanReversion"),
        "{e}"
    );

    // Delete: gone for runs; a built-in cannot be deleted.
    let deleted = home.json(&["strategy", "delete", "trend"]);
    assert_eq!(deleted["versions"], 2);
    let e = home.json_err(
        &[
            "backtest",
            "run",
            "--strategy",
            "trend",
            "--instrument",
            BTC,
        ],
        2,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("strategy_id: unknown strategy 'trend'"),
        "{e}"
    );
    assert_eq!(
        home.json_err(&["strategy", "delete", "trend"], 2)["code"],
        "NOT_FOUND"
    );
    home.json_err(&["strategy", "delete", "BuyAndHold"], 2);
}

/// Limit entries that expire, a stop-loss, a take-profit, a trailing stop and a time exit:
/// every kind of order a definition places.
const EVERY_ORDER: &str = r#"
[indicators]
fast = "ema(8)"
slow = "ema(21)"
atr = "atr(14)"

[rules]
enter_long = "crosses_above(fast, slow)"
enter_short = "crosses_below(fast, slow)"

[orders]
entry = { type = "limit", long_price = "close - 0.2 * atr", short_price = "close + 0.2 * atr", time_in_force = "GTD", expire_after_bars = 3 }
size = { fixed = 0.01 }

[exits]
stop_loss = { distance = "3 * atr" }
take_profit = { percent = 0.4 }
trailing_stop = { basis_points = 30 }
time_exit_bars = 90
"#;

#[test]
fn a_definition_places_the_same_orders_in_a_backtest_and_on_the_paper_node() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "11"]);
    let file = home.dir.path().join("every.toml");
    std::fs::write(&file, EVERY_ORDER).unwrap();
    let path = file.to_str().unwrap();
    home.json(&["strategy", "define", "every", "--file", path]);

    // The backtest over the generated bars, with the paper venue's fill model.
    let v = home.json(&[
        "strategy",
        "validate",
        "--file",
        path,
        "--instrument",
        BTC,
        "--bars",
        "3000",
        "--max-orders",
        "10000",
        "--fill-model",
        "volume",
    ]);
    let sample = &v["sample"];
    assert_eq!(sample["bars"], 3000);

    // The node, attached before the first bar, replaying the same bars.
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE", "--mode", "paper"]);
    home.json(&[
        "strategy",
        "configure",
        "--strategy",
        "every",
        "--instrument",
        BTC,
    ]);
    // In two steps, two processes: the second reloads the strategy and warms it up.
    home.json(&["node", "advance", "--bars", "1700"]);
    home.json(&["node", "advance", "--bars", "1300"]);
    let node = home.json(&["order", "list", "--status", "all", "--limit", "10000"]);

    let key = |o: &Value, time: &str| {
        json!([
            o[time].as_str().unwrap()[..19],
            o["side"],
            o["type"],
            o["quantity"],
            o["price"],
            o["trigger_price"],
            o["time_in_force"],
            o["reduce_only"],
            o["status"],
            o["filled_qty"],
            o["avg_px"]
        ])
        .to_string()
    };
    let mut backtest: Vec<String> = sample["placed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| key(o, "time"))
        .collect();
    let mut paper: Vec<String> = node["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| key(o, "created"))
        .collect();
    backtest.sort();
    paper.sort();
    assert_eq!(backtest.len(), sample["orders"].as_u64().unwrap() as usize);
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter()
            .filter(|x| !b.contains(x))
            .take(5)
            .cloned()
            .collect()
    };
    assert!(
        paper == backtest,
        "{} orders in the backtest, {} on the node; only in the backtest: {:?}; only on the node: {:?}",
        backtest.len(),
        paper.len(),
        only(&backtest, &paper),
        only(&paper, &backtest)
    );
    // Every kind was exercised: entries that filled and entries that expired, all three exits.
    let count = |pred: &dyn Fn(&Value) -> bool| {
        sample["placed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| pred(o))
            .count()
    };
    assert!(
        count(&|o| o["type"] == "LIMIT"
            && !o["reduce_only"].as_bool().unwrap()
            && o["status"] == "EXPIRED")
            > 0
    );
    assert!(
        count(&|o| o["type"] == "LIMIT"
            && !o["reduce_only"].as_bool().unwrap()
            && o["status"] == "FILLED")
            > 0
    );
    assert!(count(&|o| o["type"] == "TRAILING_STOP_MARKET" && o["status"] == "FILLED") > 0);
    assert!(count(&|o| o["type"] == "STOP_MARKET") > 0);
    assert!(count(&|o| o["type"] == "LIMIT" && o["reduce_only"].as_bool().unwrap()) > 0);
    common::assert_consistent(&home);
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// A definition's JSON with one random change: a value replaced by a fragment of the
/// language, a number, a type of value it should not have, or a character cut or doubled.
fn mutate(rng: &mut Rng, doc: &Value) -> Value {
    const FRAGMENTS: &[&str] = &[
        "",
        "(",
        ")",
        "[",
        "]",
        "close[",
        "ema(",
        "and",
        "or not",
        "1e400",
        "-",
        "--close",
        "close > > 1",
        "position.side",
        "position.side > 1",
        "rsi(0)",
        "sma(5000)",
        "highest(close, 999999)",
        "crosses_above(1)",
        "between('25:00', '1')",
        "'",
        "x.y.z",
        "bb(20).nope",
        "ema(close)",
        "((((((((((((((((((((((((((close))))))))))))))))))))))))))",
        "close[1][2][3]",
        "not not not not",
        "1/0 > 1",
        "ready()",
        "macd(26, 12)",
        "ma(10, 'XYZ')",
        "é",
        "close > 1 and",
        "aroon(1024)",
        "obv(-1)",
    ];
    let mut doc = doc.clone();
    let mut leaves = Vec::new();
    fn walk(v: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let mut p = path.clone();
                    p.push(k.clone());
                    walk(v, p, out);
                }
            }
            _ => out.push(path),
        }
    }
    walk(&doc, Vec::new(), &mut leaves);
    let path = &leaves[(rng.next() % leaves.len() as u64) as usize];
    let mut slot = &mut doc;
    for k in path {
        slot = slot.get_mut(k).unwrap();
    }
    *slot = match rng.next() % 6 {
        0 => json!(rng.pick(FRAGMENTS)),
        1 => json!((rng.next() % 100_000) as f64 / 7.0 - 5_000.0),
        2 => json!([1, 2]),
        3 => json!({"nested": true}),
        4 => match slot.as_str() {
            Some(s) if !s.is_empty() => {
                let cut = (rng.next() as usize) % s.len();
                let cut = (0..=cut)
                    .rev()
                    .find(|i| s.is_char_boundary(*i))
                    .unwrap_or(0);
                json!(format!("{}{}", &s[..cut], &s[cut..].repeat(2)))
            }
            _ => Value::Null,
        },
        _ => Value::Null,
    };
    doc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_mutated_definitions_never_break_the_server() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "400", "--seed", "5"]);
    let client =
        ().serve(TokioChildProcess::new(mcp_command(&home.state(), &home.config)).unwrap())
            .await
            .expect("initialize");
    // The shipped definitions, mutated one value at a time.
    let mut seeds = Vec::new();
    for name in [
        "MacdRsiConfluence",
        "TrendPullbackLimit",
        "EmaCrossTrailing",
        "DonchianBreakout",
    ] {
        let r = call_tool(&client, "get_strategy", json!({"name": name})).await;
        seeds.push(r.structured_content.unwrap()["definition"].clone());
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut valid, mut refused) = (0, 0);
    for i in 0..120 {
        let seed = &seeds[i % seeds.len()];
        let mut doc = mutate(&mut rng, seed);
        if i % 3 == 0 {
            doc = mutate(&mut rng, &doc);
        }
        let started = std::time::Instant::now();
        let r = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            client.call_tool(
                rmcp::model::CallToolRequestParams::new("validate_strategy").with_arguments(
                    json!({"definition": doc, "bars": 300, "max_orders": 5})
                        .as_object()
                        .unwrap()
                        .clone(),
                ),
            ),
        )
        .await
        .expect("validate_strategy answers");
        assert!(started.elapsed().as_secs() < 30, "{doc}");
        match r {
            Ok(result) if result.is_error == Some(true) => {
                let e = &result.structured_content.unwrap()["error"];
                assert_eq!(e["category"], "client", "{doc}: {e}");
                refused += 1;
            }
            Ok(result) => {
                assert_eq!(result.structured_content.unwrap()["valid"], true);
                valid += 1;
            }
            // Arguments that do not fit the tool's schema (e.g. a definition that is not an
            // object) are JSON-RPC errors; the server goes on.
            Err(e) => assert!(e.to_string().contains("definition"), "{e}"),
        }
    }
    assert!(
        refused > 40 && valid > 5,
        "{refused} refused, {valid} valid"
    );
    // The server still serves.
    let r = call_tool(&client, "list_strategies", json!({})).await;
    assert_eq!(r.is_error, Some(false));
    client.cancel().await.unwrap();
}
