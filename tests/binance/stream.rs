//! The user data stream in a long-running MCP server: fills and balances reach the journal as
//! they happen, and a dropped stream loses nothing.

use serde_json::{Value, json};

use super::support::*;

async fn connect_over_mcp(ex: &Exchange, client: &Mcp) -> Value {
    ok(
        client,
        "initialize_trading_node",
        json!({"venues": ["BINANCE"], "config": {"risk": {"max_order_size": 1.0}}}),
    )
    .await;
    // The specification's request, plus the mode; the keys live in the server's memory only.
    let doc = ok(
        client,
        "connect_venue",
        json!({
            "venue_name": "BINANCE",
            "mode": "testnet",
            "credentials": {"api_key": API_KEY, "secret_key": SECRET}
        }),
    )
    .await;
    assert!(
        doc["connection"]["updates"]
            .as_str()
            .unwrap()
            .contains("user data stream"),
        "{doc}"
    );
    let standin = &ex.standin;
    eventually_async(10, "the user stream subscribes", || async {
        (standin.user_subscriptions() == 1).then_some(())
    })
    .await;
    doc
}

fn account_balance(doc: &Value, ccy: &str) -> rust_decimal::Decimal {
    balance(doc, ccy).0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fills_and_balances_arrive_through_the_user_stream() {
    let Some(ex) = Exchange::new() else { return };
    let client = mcp(&ex).await;
    connect_over_mcp(&ex, &client).await;
    let placed = ok(
        &client,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": 0.01,
               "price": 49000.0, "venue": "BINANCE", "time_in_force": "GTC"}),
    )
    .await;
    assert_eq!(placed["mode"], "testnet");
    let id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    let queries_before =
        ex.requests("GET", "/api/v3/order").len() + ex.requests("GET", "/api/v3/myTrades").len();

    ex.standin.trade_at("BTCUSDT", d("49000"), Some(d("0.004")));
    // The journal changes without any command: the stream delivered the fill.
    eventually_async(10, "the partial fill is journaled", || async {
        (ex.stored_status(&id).as_deref() == Some("PARTIALLY_FILLED")).then_some(())
    })
    .await;
    let s = ok(&client, "get_order_status", json!({"order_id": id})).await;
    assert_eq!(s["order"]["filled_qty"], "0.00400");
    let account = ok(&client, "get_account_info", json!({"venue": "BINANCE"})).await;
    assert_eq!(account_balance(&account, "BTC"), d("1.003996"));
    assert_eq!(
        balance(&account, "USDT").1,
        d("294"),
        "the rest is still locked"
    );

    ex.standin.trade_at("BTCUSDT", d("49000"), None);
    eventually_async(10, "the order fills", || async {
        (ex.stored_status(&id).as_deref() == Some("FILLED")).then_some(())
    })
    .await;
    let account = eventually_async(10, "balances follow", || async {
        let a = ok(&client, "get_account_info", json!({"venue": "BINANCE"})).await;
        (account_balance(&a, "BTC") == d("1.00999")).then_some(a)
    })
    .await;
    assert_eq!(balance(&account, "USDT"), (d("99510"), d("0"), d("99510")));
    let positions = ok(&client, "get_positions", json!({"venue": "BINANCE"})).await;
    // The commission was charged in BTC: the position holds what the venue credited.
    assert_eq!(positions["positions"][0]["quantity"], "0.00999");
    // While the stream is live, commands need no REST queries of orders.
    let queries_after =
        ex.requests("GET", "/api/v3/order").len() + ex.requests("GET", "/api/v3/myTrades").len();
    assert_eq!(queries_before, queries_after);
    let v = ok(&client, "verify_node_state", json!({})).await;
    assert_eq!(v["consistent"], true, "{v}");
    client.cancel().await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_stream_reconnects_and_no_fill_is_lost() {
    let Some(ex) = Exchange::new() else { return };
    let client = mcp(&ex).await;
    connect_over_mcp(&ex, &client).await;
    let placed = ok(
        &client,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": 0.01, "price": 49000.0}),
    )
    .await;
    let id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    ex.standin.trade_at("BTCUSDT", d("49000"), Some(d("0.003")));
    eventually_async(10, "the first fill arrives", || async {
        (ex.stored_status(&id).as_deref() == Some("PARTIALLY_FILLED")).then_some(())
    })
    .await;

    // The connection drops and the venue refuses to reconnect for a while; the rest fills
    // during the gap, and those events are never delivered.
    ex.standin.set_ws_accepting(false);
    ex.standin.drop_user_streams();
    ex.standin.trade_at("BTCUSDT", d("49000"), Some(d("0.004")));
    ex.standin.trade_at("BTCUSDT", d("48900"), None);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(ex.stored_status(&id).as_deref(), Some("PARTIALLY_FILLED"));
    assert_eq!(ex.standin.user_subscriptions(), 0);

    ex.standin.set_ws_accepting(true);
    eventually_async(40, "the stream reconnects and reconciles", || async {
        (ex.stored_status(&id).as_deref() == Some("FILLED")).then_some(())
    })
    .await;
    assert!(ex.standin.user_connections_total() >= 2);
    let s = ok(&client, "get_order_status", json!({"order_id": id})).await;
    let fills: Vec<&Value> = s["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "FILLED")
        .collect();
    assert_eq!(fills.len(), 3, "every fill, once: {s}");
    assert_eq!(s["order"]["filled_qty"], "0.01000");
    assert_eq!(s["order"]["avg_px"], "49000");
    let account = ok(&client, "get_account_info", json!({"venue": "BINANCE"})).await;
    assert_eq!(account_balance(&account, "BTC"), d("1.00999"));

    // Events flow again after the reconnection.
    let second = ok(
        &client,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "SELL", "quantity": 0.005, "price": 51000.0}),
    )
    .await;
    let id2 = second["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    ex.standin.trade_at("BTCUSDT", d("51000"), None);
    eventually_async(10, "the new order fills over the stream", || async {
        (ex.stored_status(&id2).as_deref() == Some("FILLED")).then_some(())
    })
    .await;
    let v = ok(&client, "verify_node_state", json!({})).await;
    assert_eq!(v["consistent"], true, "{v}");
    client.cancel().await.ok();
}
