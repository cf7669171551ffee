//! Paper venue settings as a user sees them through separate CLI processes: starting balances,
//! OMS type, leverage, and client order ids given again.

mod common;

use common::Home;
use serde_json::Value;

/// The balance of `ccy` in an `account info` document.
fn balance<'v>(account: &'v Value, ccy: &str) -> &'v Value {
    account["balances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["currency"] == ccy)
        .unwrap_or_else(|| panic!("no {ccy} balance in {account}"))
}

fn assert_consistent(home: &Home) {
    let v = home.json(&["node", "verify"]);
    assert_eq!(v["consistent"], true, "{v}");
}

#[test]
fn a_balance_in_an_unknown_currency_is_refused_and_an_account_holding_one_recovers() {
    let home = Home::new();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    let err = home.json_err(
        &["venue", "connect", "BINANCE", "--balance", "1000 USDTT"],
        2,
    );
    assert_eq!(err["code"], "INVALID_PARAMETER", "{err}");
    assert_eq!(err["details"]["field"], "starting_balances[0]", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("'USDTT' is unknown") && message.contains("USDT, "),
        "{err}"
    );
    assert_eq!(
        home.json(&["node", "status"])["venues"],
        serde_json::json!([])
    );

    // A currency an imported instrument defines is accepted, and every later process reads the
    // account back (it is loaded before any instrument).
    let defs = home.dir.path().join("inst.json");
    std::fs::write(
        &defs,
        r#"{"instruments": [{"id": "FOOXUSDT.BINANCE", "type": "currency_pair", "base": "FOOX",
            "quote": "USDT", "price_increment": "0.01", "size_increment": "0.001"}]}"#,
    )
    .unwrap();
    home.json(&["data", "import", defs.to_str().unwrap()]);
    let args = ["--balance", "1000 USDT", "--balance", "5 FOOX"];
    home.json(&[&["venue", "connect", "BINANCE"][..], &args].concat());
    let account = home.json(&["account", "info"]);
    assert_eq!(balance(&account, "FOOX")["total"], "5", "{account}");
    assert_consistent(&home);

    // An account stored in a currency nobody defines (earlier versions accepted one) still
    // reads, says how to recover, and resets.
    let db = rusqlite::Connection::open(home.state().join("state.db")).unwrap();
    db.execute_batch(
        "UPDATE accounts SET state = replace(state, 'USDT', 'USDTT');
         UPDATE journal SET payload = replace(payload, 'USDT', 'USDTT');",
    )
    .unwrap();
    drop(db);
    let status = home.json(&["node", "status"]);
    let notes = status["notes"].to_string();
    assert!(
        notes.contains("holds USDTT") && notes.contains("venue connect BINANCE --reset"),
        "{status}"
    );
    assert_consistent(&home);
    home.json(&[
        "venue",
        "connect",
        "BINANCE",
        "--reset",
        "--balance",
        "1000 USDT",
    ]);
    let account = home.json(&["account", "info"]);
    assert_eq!(balance(&account, "USDT")["total"], "1000", "{account}");
    assert_eq!(
        home.json(&["node", "status"])["notes"],
        serde_json::json!([])
    );
    assert_consistent(&home);
}
