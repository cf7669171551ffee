//! Paper venue settings as a user sees them through separate CLI processes: starting balances,
//! OMS type, leverage, and client order ids given again.

mod common;

use common::{Home, assert_consistent, balance, trading_home};
use serde_json::Value;

const BTC: &str = "BTCUSDT.BINANCE";

/// The start of a market buy of BTC.
const MARKET_BUY: [&str; 6] = [
    "order",
    "submit-market",
    "--instrument",
    BTC,
    "--side",
    "buy",
];

/// A market order of `qty` BTC.
fn market(home: &Home, side: &str, qty: &str) -> Value {
    home.json(&[
        "order",
        "submit-market",
        "--instrument",
        BTC,
        "--side",
        side,
        "--quantity",
        qty,
    ])
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

/// The open positions (`position list`), as (position id, side, quantity).
fn open_positions(home: &Home) -> Vec<(String, String, String)> {
    home.json(&["position", "list"])["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_string();
            (s("position_id"), s("side"), s("quantity"))
        })
        .collect()
}

#[test]
fn a_hedging_venue_keeps_a_position_per_entry_and_closes_the_one_named() {
    let home = trading_home(&["--oms-type", "hedging"]);
    home.json(&[&MARKET_BUY[..], &["--quantity", "0.01"]].concat());
    let limit = ["order", "submit-limit", "--instrument", BTC, "--quantity"];
    home.json(&[&limit[..], &["0.02", "--side", "buy", "--price", "36000"]].concat());
    let open = open_positions(&home);
    assert_eq!(open.len(), 2, "{open:?}");
    assert!(open.iter().all(|(_, side, _)| side == "LONG"), "{open:?}");
    assert_ne!(open[0].0, open[1].0);
    let (first, second) = if open[0].2 == "0.01000" {
        (open[0].0.clone(), open[1].0.clone())
    } else {
        (open[1].0.clone(), open[0].0.clone())
    };

    // A resting sell naming the first position closes it when a later process fills it.
    let close = [
        "0.01",
        "--side",
        "sell",
        "--price",
        "35400",
        "--position-id",
        &first,
    ];
    home.json(&[&limit[..], &close].concat());
    home.json(&["node", "advance", "--bars", "40"]);
    assert_eq!(
        open_positions(&home),
        [(second.clone(), "LONG".into(), "0.02000".into())]
    );
    let all = home.json(&["position", "list", "--include-closed"]);
    let closed = all["positions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["position_id"] == first.as_str())
        .unwrap();
    assert_eq!(closed["side"], "FLAT", "{all}");

    // A sell naming no position opens a short beside the long.
    market(&home, "sell", "0.005");
    let sides: Vec<String> = open_positions(&home).into_iter().map(|p| p.1).collect();
    assert_eq!(sides.len(), 2);
    assert!(sides.contains(&"SHORT".into()) && sides.contains(&"LONG".into()));

    // A bracket's take-profit, filled by a later process, closes its own entry's position.
    let bracket = [
        "--quantity",
        "0.03",
        "--stop-loss",
        "34000",
        "--take-profit",
        "35500",
    ];
    home.json(&[&MARKET_BUY[..], &bracket, &["--order-id", "BR"]].concat());
    home.json(&["node", "advance", "--bars", "200"]);
    let statuses = common::statuses(&home.json(&["order", "list", "--status", "all"])["orders"]);
    assert_eq!(statuses["BR-TP"], "FILLED", "{statuses:?}");
    assert_eq!(statuses["BR-SL"], "CANCELED", "{statuses:?}");
    assert_eq!(open_positions(&home).len(), 2);

    // Reduce-only must say what it reduces.
    let err = home.json_err(
        &[&MARKET_BUY[..], &["--quantity", "0.01", "--reduce-only"]].concat(),
        2,
    );
    assert_eq!(err["details"]["field"], "position_id", "{err}");

    // A position id that is not open is refused, naming the open ones.
    let err = home.json_err(
        &[
            &MARKET_BUY[..],
            &["--quantity", "0.01", "--position-id", &first],
        ]
        .concat(),
        2,
    );
    assert_eq!(err["details"]["field"], "position_id", "{err}");
    assert!(err["message"].as_str().unwrap().contains(&second), "{err}");
    assert_consistent(&home);
}

#[test]
fn a_strategy_on_a_hedging_venue_closes_its_position_before_it_turns() {
    let (home, configured) =
        common::crossover_home(&["--oms-type", "hedging"], &["allow_short=true"]);
    let instance = configured["instance_id"].as_str().unwrap().to_string();
    let mut turns = 0;
    for _ in 0..10 {
        let advanced = home.json(&["node", "advance", "--bars", "100"]);
        turns += advanced["strategy_orders"].as_u64().unwrap();
        // Never a long beside a short: the strategy holds one position at a time.
        let open = open_positions(&home);
        assert!(open.len() <= 1, "{open:?}");
        assert!(open.iter().all(|p| p.2 == "0.01000"), "{open:?}");
    }
    assert!(turns > 2, "{turns} strategy orders");
    home.json(&["strategy", "stop", &instance, "--close-position"]);
    assert_eq!(open_positions(&home), []);
    assert_consistent(&home);
}

#[test]
fn a_netting_venue_refuses_a_position_id() {
    let home = trading_home(&[]);
    home.json(&[&MARKET_BUY[..], &["--quantity", "0.01"]].concat());
    let id = "BTCUSDT.BINANCE-MANUAL-001";
    let err = home.json_err(
        &[
            &MARKET_BUY[..],
            &["--quantity", "0.01", "--position-id", id],
        ]
        .concat(),
        2,
    );
    assert_eq!(err["details"]["field"], "position_id", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("only a HEDGING venue"),
        "{err}"
    );
}

#[test]
fn a_client_order_id_given_again_returns_its_order_only_when_the_order_is_the_same() {
    let home = trading_home(&[]);
    let limit = |side: &'static str, quantity: &'static str, price: &'static str| {
        let order = [
            "order",
            "submit-limit",
            "--instrument",
            BTC,
            "--order-id",
            "R1",
        ];
        let rest = ["--side", side, "--quantity", quantity, "--price", price];
        [&order[..], &rest].concat()
    };
    let first = home.json(&limit("buy", "0.01", "30000"));
    assert_eq!(first["duplicate"], false, "{first}");
    // The same order written differently is a retry.
    let again = home.json(&limit("BUY", "0.010", "30000.0"));
    assert_eq!(again["duplicate"], true, "{again}");
    assert_eq!(again["order"]["status"], "ACCEPTED", "{again}");

    let market = [&MARKET_BUY[..], &["--quantity", "0.01", "--order-id", "R1"]].concat();
    for (args, differs) in [
        (limit("sell", "0.01", "30000"), "side BUY, not SELL"),
        (limit("buy", "0.02", "30000"), "quantity 0.01000, not 0.02"),
        (limit("buy", "0.01", "30001"), "price 30000.00, not 30001"),
        (market, "type LIMIT, not MARKET"),
    ] {
        let err = home.json_err(&args, 2);
        assert_eq!(err["code"], "ALREADY_EXISTS", "{err}");
        assert_eq!(err["details"]["field"], "client_order_id", "{err}");
        assert!(
            err["message"].as_str().unwrap().contains(differs),
            "{differs}: {err}"
        );
    }

    // A bracket's exits are part of the order.
    let bracket = |tp: &'static str| {
        let rest = [
            "--quantity",
            "0.01",
            "--order-id",
            "B1",
            "--stop-loss",
            "34000",
        ];
        [&MARKET_BUY[..], &rest, &["--take-profit", tp]].concat()
    };
    assert_eq!(home.json(&bracket("36000"))["duplicate"], false);
    assert_eq!(home.json(&bracket("36000"))["duplicate"], true);
    let err = home.json_err(&bracket("37000"), 2);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("take_profit 36000.00, not 37000"),
        "{err}"
    );
    let orders = home.json(&["order", "list", "--status", "all"]);
    assert_eq!(orders["orders"].as_array().unwrap().len(), 4, "{orders}");
    assert_consistent(&home);
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
        .parse()
        .unwrap()
}

#[test]
fn position_risk_of_a_leveraged_margin_account_agrees_with_the_account() {
    let home = trading_home(&["--leverage", "5", "--balance", "10000 USDT"]);
    let placed = home.json(&[&MARKET_BUY[..], &["--quantity", "1"]].concat());
    assert_eq!(placed["order"]["avg_px"], "35243.87", "{placed}");
    home.json(&["node", "advance", "--bars", "3"]);
    let account = home.json(&["account", "info"]);
    let risk = home.json(&["position", "risk"]);
    let r = &risk["positions"][0];
    assert_eq!(r["mark_price"], "35147.99", "{risk}");

    // Margins at the open price, the instrument's rates (10% / 5%) over leverage 5:
    // 35243.87 × 0.1 / 5 and 35243.87 × 0.05 / 5, as the account has them.
    assert_eq!(dec(&r["initial_margin"]), "704.8774".parse().unwrap());
    assert_eq!(dec(&r["maintenance_margin"]), "352.4387".parse().unwrap());
    assert_eq!(
        dec(&account["margins"][0]["maintenance"]),
        dec(&r["maintenance_margin"]),
        "{account}"
    );
    // Equity: 10000 − 35.24387 commission (0.1% taker) − 95.88 unrealized (35147.99 − 35243.87).
    assert_eq!(
        dec(&risk["account"][0]["equity"]),
        "9868.87613".parse().unwrap()
    );
    // Liquidated when equity falls to the maintenance margin:
    // 35147.99 − (9868.87613 − 352.4387) = 25631.55257.
    assert_eq!(r["liquidation_price"], "25631.55", "{risk}");

    // VaR over whole days only: at 00:03 on the 25th, the 24 days before give 23 returns.
    let method = r["var_method"].as_str().unwrap();
    assert!(method.contains("23 daily returns"), "{method}");
}

#[test]
fn position_events_are_journaled_and_checked_against_the_fills() {
    let home = trading_home(&[]);
    for (side, qty) in [("buy", "0.1"), ("sell", "0.05"), ("sell", "0.05")] {
        market(&home, side, qty);
    }
    let db = rusqlite::Connection::open(home.state().join("state.db")).unwrap();
    let kinds: Vec<String> = db
        .prepare("SELECT payload FROM journal WHERE kind = 'position' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|p| {
            let v: Value = serde_json::from_str(&p.unwrap()).unwrap();
            let (kind, body) = v.as_object().unwrap().iter().next().unwrap();
            format!("{kind} {}", body["quantity"].as_str().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        kinds,
        ["Opened 0.10000", "Changed 0.05000", "Closed 0.00000"]
    );
    assert_consistent(&home);

    // A journaled position event that its fills do not make is reported.
    db.execute(
        "UPDATE journal SET payload = replace(payload, '\"quantity\":\"0.05000\"', \
         '\"quantity\":\"0.07000\"') WHERE kind = 'position'",
        [],
    )
    .unwrap();
    drop(db);
    let err = home.json_err(&["node", "verify"], 4);
    assert_eq!(err["code"], "STATE_INCONSISTENT", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("position event says changed"),
        "{err}"
    );
}
