//! L2 paper venues: depth snapshots pushed through the CLI reach Nautilus's matching engine,
//! market orders walk the levels, resting orders fill when a later snapshot crosses them, the
//! book reads back exactly (CLI and MCP), and every step is a separate process on one state
//! directory.

mod common;

use std::time::Duration;

use common::{Home, assert_consistent, call_tool, mcp_command};
use rmcp::{ServiceExt, model::ReadResourceRequestParams, transport::TokioChildProcess};
use serde_json::{Value, json};

const ID: &str = "BTCUSDT.BINANCE";

/// A node with BINANCE connected in paper mode with an L2 book.
fn l2_venue() -> Home {
    let home = Home::new();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    let connected = home.json(&["venue", "connect", "BINANCE", "--book-type", "L2_MBP"]);
    assert_eq!(connected["node"]["venues"][0]["book_type"], "L2_MBP");
    home
}

/// Three levels a side around 42100.5.
fn push_three_levels(home: &Home) {
    home.push(
        ID,
        &[
            "--bids",
            "42100:1.5,42099.5:2,42099:3",
            "--asks",
            "42101:0.5,42101.5:1,42102:2",
            "--ts",
            "2024-01-02T00:00:00Z",
        ],
    );
}

fn levels(pairs: &[(&str, &str)]) -> Value {
    pairs
        .iter()
        .map(|(p, s)| json!({"price": p, "size": s}))
        .collect()
}

/// `market push --instrument ID` with `extra`.
fn push_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["market", "push", "--instrument", ID];
    args.extend_from_slice(extra);
    args
}

/// `order KIND --instrument ID --side BUY --quantity QUANTITY` with `extra`.
fn buy(home: &Home, kind: &str, quantity: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "order",
        kind,
        "--instrument",
        ID,
        "--side",
        "BUY",
        "--quantity",
        quantity,
    ];
    args.extend_from_slice(extra);
    home.json(&args)
}

/// Runs a command that must fail with a client error on `field` whose message holds `says`.
fn refused(home: &Home, args: &[&str], field: &str, says: &str) {
    let e = home.json_err(args, 2);
    assert_eq!(e["category"], "client", "{args:?}: {e}");
    assert_eq!(e["details"]["field"], field, "{args:?}: {e}");
    let message = e["message"].as_str().unwrap();
    assert!(message.contains(says), "{args:?}: {message}");
}

#[test]
fn market_orders_walk_the_pushed_depth_and_resting_orders_fill_when_it_crosses() {
    let home = l2_venue();
    push_three_levels(&home);

    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["source"], "paper");
    assert_eq!(book["book_type"], "L2_MBP");
    assert_eq!(book["basis"], "depth");
    assert_eq!(book["as_of"], "2024-01-02T00:00:00Z");
    let bids = levels(&[
        ("42100.00", "1.50000"),
        ("42099.50", "2.00000"),
        ("42099.00", "3.00000"),
    ]);
    let asks = levels(&[
        ("42101.00", "0.50000"),
        ("42101.50", "1.00000"),
        ("42102.00", "2.00000"),
    ]);
    assert_eq!(book["bids"], bids);
    assert_eq!(book["asks"], asks);
    assert_eq!(book["spread"], "1.00");
    assert_eq!(book["mid"], "42100.5");
    assert_eq!(book["bid_size"], "6.50000");
    assert_eq!(book["ask_size"], "3.50000");
    // (6.5 - 3.5) / 10
    assert_eq!(book["imbalance"], "0.3");
    assert!(book["notes"][0].as_str().unwrap().starts_with("L2 book"));
    let ticker = home.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(
        (&ticker["bid"], &ticker["ask"], &ticker["mid"]),
        (&json!("42100.00"), &json!("42101.00"), &json!("42100.5"))
    );
    assert_eq!(ticker["bid_size"], "1.50000");
    let two = home.json(&["market", "book", "--instrument", ID, "--depth", "2"]);
    assert_eq!(
        two["asks"],
        Value::from(asks.as_array().unwrap()[..2].to_vec())
    );
    assert_eq!(two["ask_size"], "1.50000");

    // A market buy of 1 takes the 0.5 at 42101 and 0.5 at 42101.5: average 42101.25, taker fee
    // 0.1% of 42101.25 USDT.
    let bought = buy(&home, "submit-market", "1", &["--order-id", "WALK-1"]);
    assert_eq!(bought["order"]["status"], "FILLED");
    assert_eq!(bought["order"]["avg_px"], "42101.25");
    assert_eq!(bought["order"]["commission"], json!(["42.10125 USDT"]));
    let status = home.json(&["order", "status", "WALK-1"]);
    let fills: Vec<&str> = status["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "FILLED")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        fills,
        [
            "BUY 0.50000 @ 42101.00, commission 21.05050000 USDT",
            "BUY 0.50000 @ 42101.50, commission 21.05075000 USDT",
        ]
    );

    // A limit buy below the asks rests, and fills (as maker, at its price) when a later
    // snapshot offers at or below it.
    let placed = buy(
        &home,
        "submit-limit",
        "0.4",
        &["--price", "42099.5", "--order-id", "REST-1"],
    );
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    let pushed = home.push(
        ID,
        &[
            "--bids",
            "42098:1",
            "--asks",
            "42099.5:2,42100:1",
            "--ts",
            "2024-01-02T00:01:00Z",
        ],
    );
    let changed = &pushed["orders"][0];
    assert_eq!(changed["client_order_id"], "REST-1");
    assert_eq!(changed["status"], "FILLED");
    assert_eq!(changed["avg_px"], "42099.5");
    assert_eq!(changed["commission"], json!(["16.8398 USDT"]));
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["bids"], levels(&[("42098.00", "1.00000")]));
    assert_eq!(book["as_of"], "2024-01-02T00:01:00Z");
    // Positions are marked at the snapshot's mid.
    let position = &home.json(&["position", "risk"])["positions"][0];
    assert_eq!(position["quantity"], "1.40000");
    assert_eq!(position["mark_price"], "42098.75");

    // Quotes and trades move the clock, not an L2 book.
    home.push(ID, &["--bid", "42000", "--ask", "42000.5"]);
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["bids"], levels(&[("42098.00", "1.00000")]));
    assert!(
        book["notes"][1]
            .as_str()
            .unwrap()
            .starts_with("the last quote"),
        "{}",
        book["notes"]
    );

    home.push(ID, &["--last", "42097", "--size", "0.1"]);
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["bids"], levels(&[("42098.00", "1.00000")]));
    assert_eq!(
        home.json(&["market", "ticker", "--instrument", ID])["last"],
        "42097.00"
    );
    assert_eq!(home.json(&["node", "verify"])["consistent"], true);
}

#[test]
fn a_binance_depth_body_is_a_snapshot() {
    let home = l2_venue();
    let file = home.dir.path().join("depth.json");
    std::fs::write(
        &file,
        r#"{"lastUpdateId": 1027024,
            "bids": [["42100.00000000", "0.50000000"], ["42099.99000000", "1.25000000"]],
            "asks": [["42100.01000000", "2.00000000"]]}"#,
    )
    .unwrap();
    home.push(ID, &["--depth-file", file.to_str().unwrap()]);
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(
        book["bids"],
        levels(&[("42100.00", "0.50000"), ("42099.99", "1.25000")])
    );
    assert_eq!(book["asks"], levels(&[("42100.01", "2.00000")]));
    assert_eq!(book["spread"], "0.01");

    // Binance's documented example body: its ask is off BTCUSDT's 0.01 tick.
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/binance/spot/http_json/depth_response.json");
    refused(
        &home,
        &push_args(&["--depth-file", example.to_str().unwrap()]),
        "asks[0]",
        "4.00000200 is not a multiple of BTCUSDT.BINANCE's price increment 0.01",
    );
    refused(
        &home,
        &push_args(&["--depth-file", "/nonexistent/depth.json"]),
        "depth_file",
        "cannot read /nonexistent/depth.json",
    );
    refused(
        &home,
        &push_args(&["--depth-file", file.to_str().unwrap(), "--bids", "42100:1"]),
        "depth_file",
        "not both",
    );
}

#[test]
fn bad_levels_and_l1_venues_are_client_errors_naming_the_field() {
    let home = l2_venue();
    refused(
        &home,
        &push_args(&["--bids", "42100.001:1", "--asks", "42101:1"]),
        "bids[0]",
        "42100.001 is not a multiple of BTCUSDT.BINANCE's price increment 0.01",
    );
    refused(
        &home,
        &push_args(&["--bids", "42100:1", "--asks", "42101:1,42102:0.000001"]),
        "asks[1]",
        "size 0.000001 is not a multiple of BTCUSDT.BINANCE's size increment 0.00001",
    );
    refused(
        &home,
        &push_args(&["--bids", "42100:1,42099:0"]),
        "bids[1]",
        "size must be greater than 0",
    );
    refused(
        &home,
        &push_args(&["--bids", "42100:1,42100:2"]),
        "bids[1]",
        "price 42100 is given twice",
    );
    refused(
        &home,
        &push_args(&["--bids", "42100:1", "--asks", "42100:1"]),
        "asks",
        "the best ask 42100.00 is not above the best bid 42100.00",
    );
    refused(
        &home,
        &push_args(&["--bids", "42100=1"]),
        "bids",
        "is not PRICE:SIZE",
    );
    refused(
        &home,
        &push_args(&["--bids", "42100:1", "--bid", "42100", "--ask", "42101"]),
        "bid",
        "push a quote separately",
    );
    // Nothing bad was stored: there is still no depth.
    let e = home.json_err(&["market", "book", "--instrument", ID], 2);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("no depth for BTCUSDT.BINANCE"),
        "{e}"
    );

    refused(
        &home,
        &["venue", "connect", "BINANCE", "--book-type", "L3_MBO"],
        "book_type",
        "'L3_MBO' is not one of L1_MBP, L2_MBP",
    );
    refused(
        &home,
        &["venue", "connect", "BINANCE", "--book-type", "L1_MBP"],
        "book_type",
        "BINANCE is connected with book_type L2_MBP; pass reset",
    );

    // An L1 venue takes no depth.
    let l1 = Home::new();
    l1.json(&["node", "init", "--venue", "BINANCE"]);
    l1.json(&["venue", "connect", "BINANCE"]);
    refused(
        &l1,
        &push_args(&["--bids", "42100:1", "--asks", "42101:1"]),
        "bids",
        "--book-type L2_MBP",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_book_over_mcp_is_the_depth_and_its_subscription_fires_on_a_push() {
    #![allow(deprecated)] // resources/subscribe is legacy-only in rmcp 3.11
    let home = l2_venue();
    push_three_levels(&home);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let client = Updates(tx)
        .serve(TokioChildProcess::new(mcp_command(&home.state(), &home.config)).unwrap())
        .await
        .expect("initialize");
    let book = call_tool(
        &client,
        "get_order_book",
        json!({"instrument_id": ID, "depth": 2}),
    )
    .await
    .structured_content
    .expect("structured");
    assert_eq!(book["book_type"], "L2_MBP");
    assert_eq!(
        book["bids"],
        levels(&[("42100.00", "1.50000"), ("42099.50", "2.00000")])
    );
    assert_eq!(book["imbalance"], "0.4"); // (3.5 - 1.5) / 5
    assert_eq!(book["source"], "paper");

    // MCP takes levels as JSON arrays (pairs or objects).
    let pushed = call_tool(
        &client,
        "push_market_data",
        json!({"instrument_id": ID, "bids": [["42090", "1"], [42089.5, 2]],
               "asks": [{"price": "42091", "size": 0.25}], "ts": "2024-01-02T00:02:00Z"}),
    )
    .await;
    assert_eq!(
        pushed.is_error,
        Some(false),
        "{:?}",
        pushed.structured_content
    );

    let uri = "nautilus://book/BTCUSDT.BINANCE";
    client
        .subscribe(rmcp::model::SubscribeRequestParams::new(uri))
        .await
        .unwrap();
    home.push(ID, &["--asks", "42095:3", "--ts", "2024-01-02T00:03:00Z"]);
    let told = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(u) = rx.recv().await {
            if u == uri {
                return;
            }
        }
    })
    .await;
    assert!(told.is_ok(), "no notifications/resources/updated for {uri}");
    let read = client
        .read_resource(ReadResourceRequestParams::new(uri))
        .await
        .unwrap();
    let rmcp::model::ResourceContents::TextResourceContents { text, .. } = &read.contents[0] else {
        panic!("{read:?}")
    };
    let book: Value = serde_json::from_str(text).unwrap();
    assert_eq!(book["bids"], json!([]));
    assert_eq!(book["asks"], levels(&[("42095.00", "3.00000")]));
    assert_eq!(book["as_of"], "2024-01-02T00:03:00Z");
    client.cancel().await.unwrap();
}

/// A client that forwards `notifications/resources/updated`.
#[derive(Clone)]
struct Updates(tokio::sync::mpsc::UnboundedSender<String>);

impl rmcp::ClientHandler for Updates {
    async fn on_resource_updated(
        &self,
        params: rmcp::model::ResourceUpdatedNotificationParam,
        _cx: rmcp::service::NotificationContext<rmcp::RoleClient>,
    ) {
        let _ = self.0.send(params.uri);
    }
}

#[test]
fn bars_move_the_clock_and_last_price_of_an_l2_venue_but_not_its_book() {
    let home = l2_venue();
    let csv = common::project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    home.json(&["data", "import", csv.to_str().unwrap(), "--instrument", ID]);
    home.json(&["node", "advance", "--until", "2024-01-01T01:00:00Z"]);
    // Bars make no L2 book.
    let e = home.json_err(&["market", "book", "--instrument", ID], 2);
    assert!(e["message"].as_str().unwrap().contains("no depth"), "{e}");
    home.push(ID, &["--bids", "30000:1", "--asks", "50000:1"]);
    let placed = buy(&home, "submit-limit", "0.01", &["--price", "45000"]);
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    // A day of bars trades below 45000 (an L1 venue would fill the order) but leaves the book.
    let advanced = home.json(&["node", "advance", "--until", "2024-01-02T00:00:00Z"]);
    assert_eq!(advanced["fills"], 0, "{advanced}");
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["asks"], levels(&[("50000.00", "1.00000")]));
    let ticker = home.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(ticker["last_basis"], "bar_close");
    assert_eq!(ticker["market_time"], "2024-01-02T00:00:00Z");
    let id = placed["order"]["client_order_id"].as_str().unwrap();
    assert_eq!(
        home.json(&["order", "status", id])["order"]["status"],
        "ACCEPTED"
    );
}

#[test]
fn reconnecting_an_l2_venue_with_an_l1_book_forgets_its_depth() {
    let home = l2_venue();
    push_three_levels(&home);
    let ticker = home.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(ticker["bid"], "42100.00", "{ticker}");
    home.json(&["venue", "connect", "BINANCE", "--reset"]);
    // The L1 book never reads depth, so the old snapshot no longer prices anything.
    let err = home.json_err(&["market", "ticker", "--instrument", ID], 2);
    assert!(
        err["message"].as_str().unwrap().contains("no market data"),
        "{err}"
    );
    assert_consistent(&home);
}
