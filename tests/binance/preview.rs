//! `order preview` on Binance: the local checks, then Binance's own `POST /api/v3/order/test`
//! with `computeCommissionRates`, and fills estimated against its book; nothing is placed.

use serde_json::Value;

use super::support::*;

fn preview(ex: &Exchange, kind: &str, side: &str, qty: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "order",
        "preview",
        "--type",
        kind,
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        side,
        "--quantity",
        qty,
    ];
    args.extend_from_slice(extra);
    ex.json(&args)
}

#[test]
fn a_preview_asks_binance_order_test_and_places_nothing() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let shown = preview(&ex, "market", "BUY", "0.01", &[]);
    assert_eq!(shown["accepted"], true, "{shown}");
    assert_eq!(shown["mode"], "testnet");
    let check = &shown["venue_check"];
    assert_eq!(check["endpoint"], "POST /api/v3/order/test", "{shown}");
    assert_eq!(check["accepted"], true);
    // The stand-in's commission rate (0.1 %) as Binance answers computeCommissionRates.
    assert_eq!(check["taker_rate"], "0.001", "{shown}");
    assert_eq!(check["maker_rate"], "0.001", "{shown}");
    // A buy takes the ask (50000.10); Binance charges a buy's commission in the base asset.
    assert_eq!(shown["fill_price"], "50000.1", "{shown}");
    assert_eq!(shown["filled_quantity"], "0.01");
    assert_eq!(shown["commission"], serde_json::json!(["0.00001 BTC"]));
    assert_eq!(shown["notional"], "500.001", "{shown}");
    let tested = ex.requests("POST", "/api/v3/order/test");
    assert_eq!(tested.len(), 1, "one test order");
    assert!(
        ex.requests("POST", "/api/v3/order").is_empty(),
        "nothing placed"
    );
    assert!(ex.standin.orders().is_empty());

    // A limit below the bid would rest: nothing fills, the maker rate applies.
    let shown = preview(&ex, "limit", "BUY", "0.01", &["--price", "49000"]);
    assert_eq!(shown["accepted"], true, "{shown}");
    assert_eq!(shown["resting_quantity"], "0.01", "{shown}");
    assert_eq!(shown["filled_quantity"], "0", "{shown}");
    assert_eq!(ex.requests("POST", "/api/v3/order/test").len(), 2);

    // The node's own checks come first: the refusal is the one a submission gets, and
    // Binance is not asked.
    let limit = ["--price", "100"];
    let shown = preview(&ex, "limit", "BUY", "0.0001", &limit);
    assert_eq!(shown["accepted"], false, "{shown}");
    let err = ex.json_err(&limit_args("BUY", "0.0001", "100", &[]), 2);
    assert_eq!(shown["refusal"]["code"], err["code"], "{shown} {err}");
    assert_eq!(shown["refusal"]["message"], err["message"], "{shown} {err}");
    assert_eq!(ex.requests("POST", "/api/v3/order/test").len(), 2);

    // What Binance's check refuses is the preview's refusal, with Binance's code.
    ex.standin.inject(
        super::standin::Fault::InsufficientBalance,
        Some("POST"),
        Some("/api/v3/order/test"),
        1,
    );
    let shown = preview(&ex, "market", "BUY", "0.01", &[]);
    assert_eq!(shown["accepted"], false, "{shown}");
    assert_eq!(shown["refusal"]["category"], "trading", "{shown}");
    assert_eq!(shown["refusal"]["details"]["venue_code"], -2010, "{shown}");
    assert!(
        ex.requests("POST", "/api/v3/order").is_empty(),
        "nothing placed"
    );
    assert!(ex.standin.orders().is_empty());
}
