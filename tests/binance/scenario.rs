//! One scenario, two venues: the same CLI commands against the paper venue and against the
//! Binance stand-in give the same answers; only the mode (and who moves the market) differs.

use rust_decimal::Decimal;
use serde_json::Value;

use super::support::*;

/// Who moves the market.
enum Market {
    /// `market push` into the paper venue.
    Paper,
    /// Trades at the stand-in exchange.
    Binance,
}

impl Market {
    fn connect(&self, ex: &Exchange) -> Value {
        match self {
            Self::Paper => {
                let doc = ex.json(&[
                    "venue",
                    "connect",
                    "BINANCE",
                    "--account-type",
                    "CASH",
                    "--balance",
                    "100000 USDT",
                    "--balance",
                    "1 BTC",
                    "--balance",
                    "10 ETH",
                ]);
                // The same book as the stand-in's.
                ex.json(&[
                    "market",
                    "push",
                    "--instrument",
                    "BTCUSDT.BINANCE",
                    "--bid",
                    "50000",
                    "--ask",
                    "50000.1",
                ]);
                doc
            }
            Self::Binance => ex.json(&["venue", "connect", "BINANCE", "--mode", "testnet"]),
        }
    }

    fn trade(&self, ex: &Exchange, price: &str, qty: &str) {
        match self {
            Self::Paper => {
                ex.json(&[
                    "market",
                    "push",
                    "--instrument",
                    "BTCUSDT.BINANCE",
                    "--last",
                    price,
                    "--size",
                    qty,
                ]);
            }
            Self::Binance => {
                ex.standin.trade_at("BTCUSDT", d(price), Some(d(qty)));
            }
        }
    }

    fn mode(&self) -> &'static str {
        match self {
            Self::Paper => "paper",
            Self::Binance => "testnet",
        }
    }
}

/// The amount of a commission list entry in a currency (0 when none).
fn commission_in(order: &Value, ccy: &str) -> Decimal {
    order["commission"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str())
        .filter_map(|c| c.strip_suffix(&format!(" {ccy}")))
        .map(d)
        .sum()
}

/// The scenario; returns the caller-visible answers with the mode and ids removed.
fn scenario(ex: &Exchange, market: &Market) -> Vec<Value> {
    let mut seen = Vec::new();
    ex.json(&[
        "node",
        "init",
        "--venue",
        "BINANCE",
        "--max-order-size",
        "1",
    ]);
    let connected = market.connect(ex);
    assert_eq!(connected["mode"], market.mode());
    let before = ex.json(&["account", "info", "--venue", "BINANCE"]);
    assert_eq!(before["mode"], market.mode());

    // A limit buy rests below the market.
    let placed = ex.json(&limit_args(
        "BUY",
        "0.01",
        "49000",
        &["--order-id", "SCENARIO-BUY-1"],
    ));
    assert_eq!(placed["mode"], market.mode());
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    seen.push(essentials(&placed["order"]));

    // The market trades through it in two steps.
    market.trade(ex, "49000", "0.004");
    let s = ex.json(&["order", "status", "SCENARIO-BUY-1"]);
    assert_eq!(
        s["order"]["status"],
        "PARTIALLY_FILLED",
        "{}: {s}",
        market.mode()
    );
    assert_eq!(s["order"]["filled_qty"], "0.00400");
    seen.push(essentials(&s["order"]));
    market.trade(ex, "48990", "0.01");
    let s = ex.json(&["order", "status", "SCENARIO-BUY-1"]);
    assert_eq!(s["order"]["status"], "FILLED", "{}: {s}", market.mode());
    assert_eq!(s["order"]["avg_px"], "49000");
    seen.push(essentials(&s["order"]));

    // Balances moved by the fill and the commission, in whichever currency it was charged.
    let after = ex.json(&["account", "info", "--venue", "BINANCE"]);
    let base = balance(&after, "BTC").0 - balance(&before, "BTC").0;
    let quote = balance(&after, "USDT").0 - balance(&before, "USDT").0;
    assert_eq!(base, d("0.01") - commission_in(&s["order"], "BTC"));
    assert_eq!(quote, d("-490") - commission_in(&s["order"], "USDT"));
    assert!(
        commission_in(&s["order"], "BTC") + commission_in(&s["order"], "USDT") > Decimal::ZERO,
        "a commission was charged"
    );
    let positions = ex.json(&["position", "list", "--venue", "BINANCE"]);
    assert_eq!(positions["positions"][0]["side"], "LONG");
    // A commission charged in the base asset (Binance) is netted out of the position.
    assert_eq!(
        dec(&positions["positions"][0]["quantity"]),
        d("0.01") - commission_in(&s["order"], "BTC")
    );
    seen.push(positions["positions"][0]["side"].clone());

    // A resting sell: reduce it, cancel it, cancel it again.
    let sell = ex.json(&limit_args(
        "SELL",
        "0.005",
        "60000",
        &["--order-id", "SCENARIO-SELL-1"],
    ));
    assert_eq!(sell["order"]["status"], "ACCEPTED");
    let modified = ex.json(&["order", "modify", "SCENARIO-SELL-1", "--quantity", "0.004"]);
    assert_eq!(modified["order"]["client_order_id"], "SCENARIO-SELL-1");
    assert_eq!(modified["order"]["quantity"], "0.00400");
    assert_eq!(modified["order"]["status"], "ACCEPTED");
    seen.push(essentials(&modified["order"]));
    let canceled = ex.json(&["order", "cancel", "SCENARIO-SELL-1"]);
    assert_eq!(canceled["order"]["status"], "CANCELED");
    seen.push(essentials(&canceled["order"]));
    let err = ex.json_err(&["order", "cancel", "SCENARIO-SELL-1"], 2);
    seen.push(err["code"].clone());

    // The node's risk limit.
    let err = ex.json_err(
        &limit_args("BUY", "2", "49000", &["--order-id", "SCENARIO-BIG-1"]),
        3,
    );
    seen.push(err["code"].clone());
    seen.push(Value::String(err["message"].as_str().unwrap().to_string()));

    let listed = ex.json(&["order", "list", "--status", "all"]);
    // Newest first; paper orders placed at the same market time tie, so compare as a set.
    let mut statuses: Vec<Value> = listed["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| Value::String(format!("{} {}", o["client_order_id"], o["status"])))
        .collect();
    statuses.sort_by_key(ToString::to_string);
    seen.push(Value::Array(statuses));
    assert_eq!(listed["modes"]["BINANCE"], market.mode());
    // The journal rebuilds what is stored, on either venue.
    ex.assert_consistent();
    seen
}

/// What a caller relies on in an order, without venue-specific ids and times.
fn essentials(o: &Value) -> Value {
    serde_json::json!({
        "client_order_id": o["client_order_id"],
        "status": o["status"],
        "side": o["side"],
        "type": o["type"],
        "quantity": o["quantity"],
        "filled_qty": o["filled_qty"],
        "price": o["price"],
        "avg_px": o["avg_px"],
        "time_in_force": o["time_in_force"],
    })
}

#[test]
fn the_same_scenario_passes_on_paper_and_on_binance() {
    let Some(paper) = Exchange::new() else { return };
    let Some(binance) = Exchange::new() else {
        return;
    };
    let on_paper = scenario(&paper, &Market::Paper);
    let on_binance = scenario(&binance, &Market::Binance);
    assert_eq!(on_paper, on_binance);
}
