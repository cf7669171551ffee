//! The kill switch from separate CLI processes: the daily loss limit halts the node by itself,
//! a halt stops attached strategies, and the state persists across processes.

mod common;

use common::Home;
use serde_json::Value;

fn push(home: &Home, bid: &str, ask: &str, ts: &str) -> Value {
    home.json(&[
        "market",
        "push",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--bid",
        bid,
        "--ask",
        ask,
        "--ts",
        ts,
    ])
}

fn state_changes(home: &Home) -> Vec<Value> {
    let conn = rusqlite::Connection::open(home.state().join("state.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT payload FROM journal WHERE kind = 'node' ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|p| serde_json::from_str::<Value>(&p.unwrap()).unwrap())
        .filter_map(|v| v.get("TradingStateChanged").cloned())
        .collect()
}

#[test]
fn the_daily_loss_limit_halts_the_node_by_itself() {
    let home = Home::new();
    home.json(&[
        "node",
        "init",
        "--venue",
        "BINANCE",
        "--daily-loss-limit",
        "100",
    ]);
    home.json(&["venue", "connect", "BINANCE"]);
    push(&home, "50000", "50001", "2024-01-02T10:00:00Z");
    let bought = home.json(&[
        "order",
        "submit-market",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "BUY",
        "--quantity",
        "0.1",
    ]);
    assert_eq!(bought["order"]["status"], "FILLED");
    // A loss under the limit (about 25 USDT with the commission) changes nothing.
    push(&home, "49800", "49801", "2024-01-02T11:00:00Z");
    let resting = home.json(&[
        "order",
        "submit-limit",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "BUY",
        "--quantity",
        "0.01",
        "--price",
        "40000",
    ]);
    assert_eq!(resting["order"]["status"], "ACCEPTED");
    assert_eq!(home.json(&["node", "status"])["trading_state"], "ACTIVE");

    // Marked at 49000.5 the position loses 100.05 plus about 5 of commission: over 100.
    push(&home, "49000", "49001", "2024-01-02T12:00:00Z");
    let status = home.json(&["node", "status"]);
    assert_eq!(status["trading_state"], "HALTED", "{status}");
    let reason = status["state_reason"].as_str().unwrap();
    assert!(
        reason.contains("daily_loss_limit")
            && reason.contains("2024-01-02")
            && reason.contains("USDT"),
        "{reason}"
    );
    assert!(
        status["open_orders"].as_array().unwrap().is_empty(),
        "open orders were cancelled"
    );
    let changes = state_changes(&home);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["state"], "HALTED");
    assert_eq!(changes[0]["by"], "risk:daily_loss_limit");
    assert_eq!(
        changes[0]["cancelled"][0],
        resting["order"]["client_order_id"]
    );
    let denied = home.json_err(
        &[
            "order",
            "submit-market",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "SELL",
            "--quantity",
            "0.1",
        ],
        3,
    );
    assert_eq!(denied["code"], "TRADING_HALTED");
    assert!(
        denied["message"]
            .as_str()
            .unwrap()
            .contains("daily_loss_limit")
    );

    // A new day does not resume by itself; an admin does, and the new day starts afresh.
    push(&home, "49000", "49001", "2024-01-03T00:30:00Z");
    assert_eq!(home.json(&["node", "status"])["trading_state"], "HALTED");
    let resumed = home.json(&["node", "resume", "--reason", "reviewed"]);
    assert_eq!(resumed["trading_state"], "ACTIVE");
    assert_eq!(resumed["changed_by"], "cli");
    push(&home, "48950", "48951", "2024-01-03T01:00:00Z");
    assert_eq!(
        home.json(&["node", "status"])["trading_state"],
        "ACTIVE",
        "only today's 5 USDT move counts"
    );
    let changes = state_changes(&home);
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1]["state"], "ACTIVE");
    assert_eq!(changes[1]["previous"], "HALTED");
    // The halt's cancellations replay from the journal to the stored state.
    assert_eq!(home.json(&["node", "verify"])["consistent"], true);
}

#[test]
fn a_halt_stops_attached_strategies_until_resumed() {
    let (home, _) = common::crossover_home(&[], &[]);
    let halted = home.json(&["node", "halt", "--reason", "maintenance"]);
    assert_eq!(halted["trading_state"], "HALTED");
    let advanced = home.json(&["node", "advance", "--bars", "1000"]);
    assert_eq!(advanced["bars"], 1000);
    assert_eq!(advanced["strategy_orders"], 0, "{advanced}");
    let orders = home.json(&["order", "list", "--status", "all"]);
    assert!(orders["orders"].as_array().unwrap().is_empty(), "{orders}");

    home.json(&["node", "resume"]);
    let advanced = home.json(&["node", "advance", "--bars", "1000"]);
    assert!(
        advanced["strategy_orders"].as_u64().unwrap() > 0,
        "{advanced}"
    );

    // A stopped strategy aims at nothing, whatever it held.
    let status = home.json(&["node", "status"]);
    let strategy = &status["strategies"][0];
    assert_ne!(strategy["direction"], "FLAT", "{status}");
    let instance = strategy["instance_id"].as_str().unwrap();
    home.json(&["strategy", "stop", instance]);
    let status = home.json(&["node", "status"]);
    let strategy = &status["strategies"][0];
    assert_eq!(strategy["status"], "STOPPED", "{status}");
    assert_eq!(strategy["direction"], "FLAT", "{status}");
}
