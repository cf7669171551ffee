//! Orders on Binance from separate CLI processes: each command reconciles by REST when it
//! starts, so fills made at the venue between commands reach the journal.

use serde_json::Value;

use super::support::*;

fn limit(ex: &Exchange, side: &str, qty: &str, price: &str, extra: &[&str]) -> Value {
    ex.json(&limit_args(side, qty, price, extra))
}

fn status(ex: &Exchange, id: &str) -> Value {
    ex.json(&["order", "status", id])
}

#[test]
fn a_resting_limit_order_fills_in_two_parts_with_balances_from_the_venue() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let placed = limit(&ex, "BUY", "0.01", "49000", &[]);
    assert_eq!(placed["mode"], "testnet");
    let order = &placed["order"];
    assert_eq!(order["status"], "ACCEPTED");
    let id = order["client_order_id"].as_str().unwrap().to_string();
    assert!(id.starts_with("MCP-"));
    // newClientOrderId is the node's client order id.
    let at_venue = ex.standin.orders();
    assert_eq!(at_venue.len(), 1);
    assert_eq!(at_venue[0].client_order_id, id);
    assert_eq!(
        order["venue_order_id"].as_str().unwrap(),
        at_venue[0].order_id.to_string()
    );
    let account = ex.json(&["account", "info"]);
    assert_eq!(
        balance(&account, "USDT"),
        (d("100000"), d("490"), d("99510"))
    );

    ex.standin.trade_at("BTCUSDT", d("49000"), Some(d("0.004")));
    let s = status(&ex, &id);
    assert_eq!(s["order"]["status"], "PARTIALLY_FILLED");
    assert_eq!(s["order"]["filled_qty"], "0.00400");
    assert_eq!(s["mode"], "testnet");
    let fills: Vec<&Value> = s["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "FILLED")
        .collect();
    assert_eq!(fills.len(), 1);
    assert!(
        fills[0]["detail"]
            .as_str()
            .unwrap()
            .contains("0.00000400 BTC"),
        "commission in the base asset, as Binance charged it: {}",
        fills[0]["detail"]
    );

    ex.standin.trade_at("BTCUSDT", d("48990"), None);
    let s = status(&ex, &id);
    assert_eq!(s["order"]["status"], "FILLED");
    assert_eq!(s["order"]["avg_px"], "49000");
    assert_eq!(s["order"]["commission"][0], "0.00001 BTC");
    // Balances are the venue's: 0.01 BTC less the 0.00001 BTC commission; 490 USDT paid.
    let account = ex.json(&["account", "info"]);
    assert_eq!(
        balance(&account, "BTC"),
        (d("1.00999"), d("0"), d("1.00999"))
    );
    assert_eq!(balance(&account, "USDT"), (d("99510"), d("0"), d("99510")));
    assert_eq!(account["commission_paid"][0], "0.00001 BTC");
    // The position is derived from the fills.
    let positions = ex.json(&["position", "list", "--venue", "BINANCE"]);
    assert_eq!(positions["mode"], "testnet");
    let p = &positions["positions"][0];
    assert_eq!(p["side"], "LONG");
    // Nautilus nets a commission charged in the base asset out of a spot position: what is
    // held is what the venue credited.
    assert_eq!(p["quantity"], "0.00999");
    assert_eq!(p["avg_px_open"], "49000");
    // A later command finds nothing new: the fills are not counted twice.
    let again = status(&ex, &id);
    assert_eq!(
        again["events"].as_array().unwrap().len(),
        s["events"].as_array().unwrap().len()
    );
    ex.assert_consistent();
}

#[test]
fn market_orders_fill_from_the_response_and_stop_and_take_profit_limits_map_to_binance_types() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let m = ex.json(&[
        "order",
        "submit-market",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "BUY",
        "--quantity",
        "0.01",
    ]);
    assert_eq!(m["order"]["status"], "FILLED");
    assert_eq!(m["order"]["avg_px"], "50000.1");

    let stop = ex.json(&[
        "order",
        "submit-stop",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "SELL",
        "--quantity",
        "0.005",
        "--trigger-price",
        "48000",
        "--price",
        "47900",
    ]);
    assert_eq!(stop["order"]["type"], "STOP_LIMIT");
    // A take-profit sell triggers at or above its limit: the other way round is a client
    // error naming the field, and nothing is sent.
    let err = ex.json_err(
        &[
            "order",
            "submit-stop",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "SELL",
            "--quantity",
            "0.005",
            "--trigger-price",
            "52000",
            "--price",
            "52100",
            "--if-touched",
        ],
        2,
    );
    assert_eq!(err["details"]["field"], "trigger_price", "{err}");
    let tp = ex.json(&[
        "order",
        "submit-stop",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "SELL",
        "--quantity",
        "0.005",
        "--trigger-price",
        "52100",
        "--price",
        "52000",
        "--if-touched",
    ]);
    assert_eq!(tp["order"]["type"], "LIMIT_IF_TOUCHED");
    let types: Vec<String> = ex
        .standin
        .orders()
        .iter()
        .map(|o| o.order_type.clone())
        .collect();
    assert_eq!(types, ["MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"]);
    // A stop-market cannot go to Binance Spot through the node: a client error, nothing sent.
    let err = ex.json_err(
        &[
            "order",
            "submit-stop",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "SELL",
            "--quantity",
            "0.005",
            "--trigger-price",
            "48000",
        ],
        2,
    );
    assert!(
        err["message"].as_str().unwrap().contains("stop-limit"),
        "{err}"
    );

    // The market falls through the stop: it triggers and fills at its limit.
    ex.standin.trade_at("BTCUSDT", d("47950"), None);
    let s = status(&ex, stop["order"]["client_order_id"].as_str().unwrap());
    assert_eq!(s["order"]["status"], "FILLED", "{s}");
    assert_eq!(s["order"]["avg_px"], "47900");
    let tp_status = status(&ex, tp["order"]["client_order_id"].as_str().unwrap());
    assert_eq!(tp_status["order"]["status"], "ACCEPTED");
    ex.assert_consistent();
}

#[test]
fn cancel_cancel_all_and_a_cancel_of_a_closed_order() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let a = limit(&ex, "BUY", "0.01", "49000", &[]);
    let b = limit(&ex, "BUY", "0.01", "48000", &[]);
    let c = limit(&ex, "SELL", "0.01", "52000", &[]);
    let a_id = a["order"]["client_order_id"].as_str().unwrap();
    let canceled = ex.json(&["order", "cancel", a_id]);
    assert_eq!(canceled["order"]["status"], "CANCELED");
    assert_eq!(canceled["mode"], "testnet");
    let err = ex.json_err(&["order", "cancel", a_id], 2);
    assert_eq!(err["code"], "INVALID_STATE");

    let all = ex.json(&["order", "cancel-all", "--instrument", "BTCUSDT.BINANCE"]);
    let ids: Vec<&str> = all["canceled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["client_order_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&b["order"]["client_order_id"].as_str().unwrap()));
    assert!(ids.contains(&c["order"]["client_order_id"].as_str().unwrap()));
    assert!(
        all["canceled"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status"] == "CANCELED")
    );
    // One request cancelled both.
    assert_eq!(ex.requests("DELETE", "/api/v3/openOrders").len(), 1);
    assert!(ex.standin.orders().iter().all(|o| o.status == "CANCELED"));
    let account = ex.json(&["account", "info"]);
    assert_eq!(
        balance(&account, "USDT").1,
        d("0"),
        "nothing locked any more"
    );

    // An order filled at the venue before the cancel arrives: the cancel is refused with
    // Binance's code and the fill is recorded.
    let d_ = limit(&ex, "BUY", "0.01", "49500", &[]);
    let d_id = d_["order"]["client_order_id"].as_str().unwrap().to_string();
    ex.standin.trade_at("BTCUSDT", d("49500"), None);
    // The status command would reconcile first; a cancel also does.
    let out = ex.run(&["order", "cancel", &d_id]);
    let err = error_doc(&["order", "cancel"], &out, 2);
    assert_eq!(
        err["code"], "INVALID_STATE",
        "the command reconciled first: {err}"
    );
    assert_eq!(status(&ex, &d_id)["order"]["status"], "FILLED");
    ex.assert_consistent();
}

#[test]
fn modify_amends_a_reduction_and_cancel_replaces_a_price_change() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let placed = limit(&ex, "BUY", "0.01", "49000", &[]);
    let id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    let venue_id = ex.standin.orders()[0].order_id;

    let amended = ex.json(&["order", "modify", &id, "--quantity", "0.005"]);
    assert_eq!(amended["method"], "amend_keep_priority");
    assert_eq!(amended["order"]["client_order_id"], id.as_str());
    assert_eq!(amended["order"]["quantity"], "0.00500");
    assert_eq!(amended["order"]["status"], "ACCEPTED");
    let o = &ex.standin.orders()[0];
    assert_eq!(
        (o.order_id, o.orig_qty, o.client_order_id.as_str()),
        (venue_id, d("0.005"), id.as_str())
    );

    let replaced = ex.json(&["order", "modify", &id, "--price", "49100"]);
    assert_eq!(replaced["method"], "cancel_replace");
    assert_eq!(replaced["replaced"]["client_order_id"], id.as_str());
    assert_eq!(replaced["replaced"]["status"], "CANCELED");
    let new_id = replaced["order"]["client_order_id"].as_str().unwrap();
    assert_ne!(new_id, id);
    assert_eq!(replaced["order"]["status"], "ACCEPTED");
    assert_eq!(replaced["order"]["price"], "49100.00");
    assert_eq!(replaced["order"]["quantity"], "0.00500");
    let at_venue = ex.standin.orders();
    assert_eq!(at_venue.len(), 2);
    assert_eq!(at_venue[0].status, "CANCELED");
    assert_eq!(at_venue[1].client_order_id, new_id);
    assert_eq!(at_venue[1].price, d("49100"));
    // Paper modifies in place; the venue's method is part of the answer.
    let err = ex.json_err(&["order", "modify", &id, "--price", "49200"], 2);
    assert_eq!(err["code"], "INVALID_STATE");
    ex.assert_consistent();
}

#[test]
fn venue_rejections_are_trading_errors_with_binance_code_and_message() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    // Post-only is LIMIT_MAKER: crossing the book is refused by Binance.
    let err = ex.json_err(&limit_args("BUY", "0.01", "50001", &["--post-only"]), 3);
    assert_eq!(err["category"], "trading");
    assert_eq!(err["code"], "ORDER_REJECTED");
    assert_eq!(err["details"]["venue_code"], -2010);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("immediately match"),
        "{err}"
    );
    let id = err["details"]["order"]["client_order_id"].as_str().unwrap();
    assert_eq!(err["details"]["order"]["status"], "REJECTED");
    assert_eq!(ex.requests("POST", "/api/v3/order")[0].1, Some(-2010));
    assert_eq!(
        ex.standin
            .orders()
            .iter()
            .filter(|o| o.order_type == "LIMIT_MAKER")
            .count(),
        0
    );
    let s = status(&ex, id);
    assert_eq!(s["order"]["status"], "REJECTED");
    assert!(s["order"]["reason"].as_str().unwrap().contains("-2010"));

    // Insufficient balance (-2010) from the venue.
    ex.standin.inject(
        super::standin::Fault::InsufficientBalance,
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let err = ex.json_err(&limit_args("BUY", "0.01", "49000", &[]), 3);
    assert_eq!(err["code"], "ORDER_REJECTED");
    assert_eq!(err["details"]["venue_code"], -2010);
    assert_eq!(
        err["details"]["venue_message"],
        "Account has insufficient balance for requested action."
    );

    // The node's own limits apply to a real venue exactly as to paper: nothing is sent.
    ex.json(&[
        "node",
        "init",
        "--venue",
        "BINANCE",
        "--max-order-size",
        "0.05",
        "--force",
    ]);
    let sent = ex.requests("POST", "/api/v3/order").len();
    let err = ex.json_err(&limit_args("BUY", "0.1", "49000", &[]), 3);
    assert_eq!(err["code"], "ORDER_DENIED");
    assert!(
        err["message"].as_str().unwrap().contains("max_order_size"),
        "{err}"
    );
    assert_eq!(ex.requests("POST", "/api/v3/order").len(), sent);
    // Binance's rules that the node knows: GTD and brackets are refused before sending.
    let err = ex.json_err(
        &limit_args(
            "BUY",
            "0.01",
            "49000",
            &["--stop-loss", "48000", "--take-profit", "50000"],
        ),
        2,
    );
    assert!(
        err["message"].as_str().unwrap().contains("brackets"),
        "{err}"
    );
    assert_eq!(ex.requests("POST", "/api/v3/order").len(), sent);
    ex.assert_consistent();
}

#[test]
fn a_halt_cancels_the_orders_resting_at_the_venue_and_sends_no_new_one() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let resting = limit(&ex, "BUY", "0.01", "49000", &[]);
    let id = resting["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    let halted = ex.json(&["node", "halt", "--reason", "venue test"]);
    assert_eq!(halted["trading_state"], "HALTED");
    let cancelled = halted["cancelled"].as_array().unwrap();
    assert_eq!(cancelled.len(), 1, "{halted}");
    assert_eq!(cancelled[0]["client_order_id"], id.as_str());
    assert_eq!(cancelled[0]["status"], "CANCELED");
    assert!(halted.get("notes").is_none(), "{halted}");
    let at_venue = ex.standin.orders();
    assert_eq!(at_venue.len(), 1);
    assert_eq!(
        at_venue[0].status, "CANCELED",
        "cancelled at the venue itself"
    );
    assert_eq!(ex.stored_status(&id).as_deref(), Some("CANCELED"));

    let denied = ex.json_err(&limit_args("BUY", "0.01", "48000", &[]), 3);
    assert_eq!(denied["code"], "TRADING_HALTED");
    assert_eq!(ex.standin.orders().len(), 1, "a halted node sends nothing");
    ex.assert_consistent();
}

#[test]
fn the_daily_loss_limit_halts_the_node_on_a_real_venue_too() {
    let Some(ex) = Exchange::with(
        start_standin().expect("stand-in"),
        "",
        "[risk]\ndaily_loss_limit = \"5\"\n",
    ) else {
        return;
    };
    ex.connect();
    let market = |side: &str| {
        ex.json(&[
            "order",
            "submit-market",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            side,
            "--quantity",
            "0.01",
        ])
    };
    let bought = market("BUY");
    assert_eq!(bought["order"]["status"], "FILLED", "{bought}");
    assert_eq!(
        ex.json(&["node", "status"])["trading_state"],
        "ACTIVE",
        "buying costs a commission, not 5 USDT"
    );
    // The market falls 1,000 USDT: selling realizes a 10 USDT loss, over the limit.
    ex.standin.set_book("BTCUSDT", d("49000"), d("49000.1"));
    let sold = market("SELL");
    assert_eq!(sold["order"]["status"], "FILLED", "{sold}");
    let status = ex.json(&["node", "status"]);
    assert_eq!(status["trading_state"], "HALTED", "{status}");
    let reason = status["state_reason"].as_str().unwrap();
    assert!(
        reason.contains("daily_loss_limit") && reason.contains("USDT"),
        "{reason}"
    );
    let sent = ex.requests("POST", "/api/v3/order").len();
    let denied = ex.json_err(&limit_args("BUY", "0.01", "48000", &[]), 3);
    assert_eq!(denied["code"], "TRADING_HALTED", "{denied}");
    assert_eq!(
        ex.requests("POST", "/api/v3/order").len(),
        sent,
        "a halted node sends nothing"
    );
    ex.assert_consistent();
}
