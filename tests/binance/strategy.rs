//! A strategy definition attached to a venue in testnet mode trades the venue's own closed bars
//! (its klines) and places its orders through the node's order path: they reach the stand-in
//! under the node's client order ids, the risk limits deny what exceeds them (journaled, never
//! sent), the kill switch stops the strategy, and the journal replays to the stored state.

use rust_decimal::Decimal;
use serde_json::Value;

use super::{standin::KlineFields, support::*};

const ID: &str = "BTCUSDT.BINANCE";

/// Buys at the second bar after it is attached and sells at the fourth.
const PULSE: &str = r#"
description = "Buy on the second bar, sell on the fourth"

[parameters.trade_size]
type = "decimal"
default = 0.01

[rules]
enter_long = "bar_index == 1"
exit_long = "bar_index == 3"

[orders]
size = { fixed = "trade_size" }
allow_short = false
"#;

/// `count` one-minute klines opening from the minute after `from_ms`, around 50000.
fn minutes(ex: &Exchange, from_ms: i64, count: i64) -> Vec<Value> {
    let first = (from_ms / 60_000 + 1) * 60_000;
    (0..count)
        .map(|i| {
            let c = d("50000") + Decimal::from(i * 3);
            ex.standin.kline(&KlineFields {
                open_ms: first + i * 60_000,
                step_ms: 60_000,
                ohlcv: [c - d("1"), c + d("2"), c - d("2"), c, d("1.5")],
                volumes: [c * d("1.5"), Decimal::ZERO, Decimal::ZERO],
                trades: 3,
            })
        })
        .collect()
}

fn stepped<'a>(doc: &'a Value, instance: &str) -> &'a Value {
    doc["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["instance_id"] == instance)
        .unwrap_or_else(|| panic!("{instance} not stepped: {doc}"))
}

#[test]
fn a_definition_trades_a_testnet_venue_through_the_node_order_path() {
    let Some(ex) = Exchange::new() else { return };
    ex.json(&[
        "node",
        "init",
        "--venue",
        "BINANCE",
        "--max-order-size",
        "0.05",
    ]);
    ex.json(&["venue", "connect", "BINANCE", "--mode", "testnet"]);
    ex.standin.set_book("BTCUSDT", d("49999"), d("50001"));
    let file = ex.dir.path().join("pulse.toml");
    std::fs::write(&file, PULSE).unwrap();
    let defined = ex.json(&[
        "strategy",
        "define",
        "pulse",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(defined["version"], 1);
    let attach = |size: &str| {
        ex.json(&[
            "strategy",
            "configure",
            "--strategy",
            "pulse",
            "--instrument",
            ID,
            "--bar-spec",
            "1-MINUTE-LAST",
            "--param",
            &format!("trade_size={size}"),
        ])
    };
    let small = attach("0.01");
    assert_eq!(small["instance_id"], "pulse-001");
    assert_eq!(small["hash"], defined["hash"]);
    // Over the node's max order size (0.05): its orders are denied before they leave.
    let large = attach("0.1");
    assert_eq!(large["instance_id"], "pulse-002");

    // The venue's minutes after the attachment, closed: its clock is ahead of them.
    let attached_ms = ex.standin.server_time_ms();
    ex.standin
        .set_klines("BTCUSDT", "1m", minutes(&ex, attached_ms, 6));
    ex.standin.set_clock_skew_ms(8 * 60_000);
    let step = ex.json(&["strategy", "step"]);
    let first = stepped(&step, "pulse-001");
    assert_eq!(first["bars"], 6, "{step}");
    assert_eq!(first["orders"], 2, "{step}");
    let second = stepped(&step, "pulse-002");
    assert!(
        second["notes"].to_string().contains("order refused")
            && second["notes"].to_string().contains("max_order_size"),
        "{step}"
    );

    // Only pulse-001's two market orders reached the venue, under the node's ids: a buy at
    // the second bar, a sell at the fourth of what it holds (Binance took the buy's commission
    // in BTC: 0.01 less 0.1%).
    let at_venue = ex.standin.orders();
    assert_eq!(at_venue.len(), 2, "{at_venue:?}");
    assert_eq!(
        at_venue
            .iter()
            .map(|o| (o.side.as_str(), o.order_type.as_str(), o.orig_qty))
            .collect::<Vec<_>>(),
        [
            ("BUY", "MARKET", d("0.01")),
            ("SELL", "MARKET", d("0.00999"))
        ]
    );
    let listed = ex.json(&[
        "order",
        "list",
        "--status",
        "all",
        "--strategy-id",
        "pulse-001",
    ]);
    let ids: Vec<&str> = listed["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            assert_eq!(o["status"], "FILLED", "{o}");
            o["client_order_id"].as_str().unwrap()
        })
        .collect();
    assert_eq!(ids.len(), 2);
    for o in &at_venue {
        assert!(
            ids.contains(&o.client_order_id.as_str()),
            "{}",
            o.client_order_id
        );
    }
    let denied = ex.json(&[
        "order",
        "list",
        "--status",
        "all",
        "--strategy-id",
        "pulse-002",
    ]);
    assert_eq!(denied["orders"][0]["status"], "DENIED", "{denied}");

    // Stepping again finds no new bar.
    let again = ex.json(&["strategy", "step", "--instance-id", "pulse-001"]);
    assert_eq!(stepped(&again, "pulse-001")["bars"], 0);

    // The kill switch: a halted node's strategies keep up with the bars and place nothing.
    ex.json(&["node", "halt", "--reason", "test"]);
    let mut rows = minutes(&ex, attached_ms, 6);
    rows.extend(minutes(&ex, attached_ms + 6 * 60_000, 4));
    ex.standin.set_klines("BTCUSDT", "1m", rows);
    ex.standin.set_clock_skew_ms(13 * 60_000);
    let halted = ex.json(&["strategy", "step", "--instance-id", "pulse-001"]);
    assert_eq!(stepped(&halted, "pulse-001")["bars"], 4, "{halted}");
    assert_eq!(stepped(&halted, "pulse-001")["orders"], 0, "{halted}");
    assert_eq!(ex.standin.orders().len(), 2);
    ex.assert_consistent();
}
