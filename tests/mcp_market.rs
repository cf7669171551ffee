//! Market data over MCP with rmcp's own client: the market tools give the CLI's JSON, resources
//! list and read as the tools do (bars also as CSV), subscriptions fire when another process
//! moves the paper market or an order fills, and the prompts embed current data.
#![allow(deprecated)] // resources/subscribe is legacy-only in rmcp 3.11 but what 2025 clients use

mod common;

use std::{collections::BTreeSet, time::Duration};

use common::{Home, call_ok, call_tool, mcp_command, project_data};
use rmcp::{
    ClientHandler, ClientLifecycleMode, ClientServiceExt, ServiceError, ServiceExt,
    model::{
        ClientConfig, ErrorCode, GetPromptRequestParams, Implementation, ProtocolVersion,
        ReadResourceRequestParams, ResourceContents, ResourceUpdatedNotificationParam,
        ServerNotification, SubscribeRequestParams, SubscriptionFilter,
    },
    service::{NotificationContext, RoleClient, RunningService},
    transport::TokioChildProcess,
};
use serde_json::{Value, json};
use tokio::sync::mpsc;

const ID: &str = "BTCUSDT.BINANCE";

#[derive(Clone)]
struct Client {
    updated: mpsc::UnboundedSender<String>,
}

impl ClientHandler for Client {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            Default::default(),
            Implementation::new("nautilus-mcp-market-tests", "1"),
        )
    }

    async fn on_resource_updated(
        &self,
        params: ResourceUpdatedNotificationParam,
        _cx: NotificationContext<RoleClient>,
    ) {
        let _ = self.updated.send(params.uri);
    }
}

fn transport(home: &Home) -> TokioChildProcess {
    TokioChildProcess::new(mcp_command(&home.state(), &home.config)).expect("spawn server")
}

async fn connect(
    home: &Home,
) -> (
    RunningService<RoleClient, Client>,
    mpsc::UnboundedReceiver<String>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let client = Client { updated: tx }
        .serve(transport(home))
        .await
        .expect("initialize");
    (client, rx)
}

async fn read(client: &RunningService<RoleClient, Client>, uri: &str) -> (String, String) {
    let r = client
        .read_resource(ReadResourceRequestParams::new(uri))
        .await
        .unwrap_or_else(|e| panic!("{uri}: {e}"));
    match &r.contents[0] {
        ResourceContents::TextResourceContents {
            text, mime_type, ..
        } => (text.clone(), mime_type.clone().unwrap_or_default()),
        other => panic!("{uri}: {other:?}"),
    }
}

async fn read_json(client: &RunningService<RoleClient, Client>, uri: &str) -> Value {
    let (text, mime) = read(client, uri).await;
    assert_eq!(mime, "application/json", "{uri}");
    serde_json::from_str(&text).unwrap()
}

/// The URIs of `resources/list`.
async fn listed(client: &RunningService<RoleClient, Client>) -> BTreeSet<String> {
    client
        .list_all_resources()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.uri.clone())
        .collect()
}

/// The URI templates of `resources/templates/list`, in order.
async fn templates(client: &RunningService<RoleClient, Client>) -> Vec<String> {
    client
        .list_all_resource_templates()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.uri_template.clone())
        .collect()
}

/// Waits for an update of `uri`, then a while longer (more than a watch round), and returns
/// every URI told meanwhile.
async fn told_until(rx: &mut mpsc::UnboundedReceiver<String>, uri: &str) -> Vec<String> {
    let mut told = Vec::new();
    let got = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(u) = rx.recv().await {
            let done = u == uri;
            told.push(u);
            if done {
                return;
            }
        }
    })
    .await;
    assert!(got.is_ok(), "no notifications/resources/updated for {uri}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    while let Ok(u) = rx.try_recv() {
        told.push(u);
    }
    told
}

/// Asserts that a request failed with a JSON-RPC invalid-params error whose message holds each
/// of `says`, and returns the error.
fn invalid_params<T: std::fmt::Debug>(
    what: &str,
    result: Result<T, ServiceError>,
    says: &[&str],
) -> rmcp::ErrorData {
    match result {
        Err(ServiceError::McpError(e)) => {
            assert_eq!(e.code, ErrorCode::INVALID_PARAMS, "{what}: {}", e.message);
            for s in says {
                assert!(e.message.contains(s), "{what}: {}", e.message);
            }
            e
        }
        other => panic!("{what}: expected an error, got {other:?}"),
    }
}

async fn updated(rx: &mut mpsc::UnboundedReceiver<String>, uri: &str) {
    let got = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match rx.recv().await {
                Some(u) if u == uri => return,
                Some(_) => {}
                None => panic!("client closed"),
            }
        }
    })
    .await;
    assert!(got.is_ok(), "no notifications/resources/updated for {uri}");
}

/// Shipped data imported, a paper BINANCE venue, the market moved through 2024-01-01 and a
/// quote pushed at 00:00:30 the next day.
fn prepared() -> Home {
    let home = Home::new();
    let csv = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    home.json(&["data", "import", csv.to_str().unwrap(), "--instrument", ID]);
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.json(&["node", "advance", "--until", "2024-01-02T00:00:00Z"]);
    home.push(
        ID,
        &[
            "--bid",
            "42100.5",
            "--ask",
            "42101",
            "--bid-size",
            "1.5",
            "--ask-size",
            "0.5",
            "--ts",
            "2024-01-02T00:00:30Z",
        ],
    );
    home
}

fn without_as_of(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("as_of");
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn market_tools_and_resources_match_the_cli() {
    let home = prepared();
    let (client, _rx) = connect(&home).await;

    // The specification's examples, exactly as written.
    let instruments = call_ok(
        &client,
        "get_instruments",
        json!({"venue": "BINANCE", "symbol_filter": "BTC"}),
    )
    .await;
    assert_eq!(instruments["count"], 3, "ADABTC, BTCUSDT-PERP and BTCUSDT");
    assert_eq!(
        without_as_of(instruments.clone()),
        without_as_of(home.json(&[
            "market",
            "instruments",
            "--venue",
            "BINANCE",
            "--symbol-filter",
            "BTC"
        ]))
    );
    let book = call_ok(
        &client,
        "get_order_book",
        json!({"instrument_id": "BTCUSDT.BINANCE", "depth": 10}),
    )
    .await;
    assert_eq!(
        book["bids"],
        json!([{"price": "42100.50", "size": "1.50000"}])
    );
    assert_eq!(
        book,
        home.json(&["market", "book", "--instrument", ID, "--depth", "10"])
    );
    let ticker = call_ok(&client, "get_ticker", json!({"instrument_id": ID})).await;
    assert_eq!(ticker, home.json(&["market", "ticker", "--instrument", ID]));
    assert_eq!(ticker["stats"]["bars"], 1440);
    let bars_args = json!({"instrument_id": ID, "bar_spec": "1-HOUR-LAST", "start": "2024-01-01", "end": "2024-01-01"});
    let bars = call_ok(&client, "get_bars", bars_args).await;
    assert_eq!(bars["count"], 24);
    assert_eq!(
        bars,
        home.json(&[
            "market",
            "bars",
            "--instrument",
            ID,
            "--bar-spec",
            "1-HOUR-LAST",
            "--start",
            "2024-01-01",
            "--end",
            "2024-01-01"
        ])
    );

    // Resources: concrete ones and templates.
    let listed = listed(&client).await;
    for uri in [
        "nautilus://instruments/BINANCE",
        "nautilus://instruments/FXCM",
        "nautilus://bars/BTCUSDT.BINANCE/1-MINUTE-LAST",
        "nautilus://book/BTCUSDT.BINANCE",
        "nautilus://ticker/BTCUSDT.BINANCE",
        "nautilus://trades/BTCUSDT.BINANCE",
    ] {
        assert!(listed.contains(uri), "{uri} in {listed:?}");
    }
    let templates: BTreeSet<String> = templates(&client).await.into_iter().collect();
    for t in [
        "nautilus://instruments/{venue}",
        "nautilus://bars/{instrument_id}/{bar_spec}{?start,end,limit,format,source}",
        "nautilus://book/{instrument_id}{?depth}",
        "nautilus://ticker/{instrument_id}{?window}",
        "nautilus://backtests/{run_id}",
        "nautilus://orders/{client_order_id}",
    ] {
        assert!(templates.contains(t), "{t} in {templates:?}");
    }

    // A resource's JSON is the tool's JSON.
    assert_eq!(
        read_json(&client, "nautilus://book/BTCUSDT.BINANCE").await,
        book
    );
    assert_eq!(
        read_json(&client, "nautilus://ticker/BTCUSDT.BINANCE").await,
        ticker
    );
    assert_eq!(
        read_json(
            &client,
            "nautilus://bars/BTCUSDT.BINANCE/1-HOUR-LAST?start=2024-01-01&end=2024-01-01"
        )
        .await,
        bars
    );
    let venue = read_json(&client, "nautilus://instruments/BINANCE").await;
    assert_eq!(venue["venue"], "BINANCE");
    // Bars as CSV.
    let (csv, mime) = read(
        &client,
        "nautilus://bars/BTCUSDT.BINANCE/1-HOUR-LAST?start=2024-01-01&end=2024-01-01&format=csv",
    )
    .await;
    assert_eq!(mime, "text/csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 25);
    assert_eq!(lines[0], "open_time,open,high,low,close,volume");
    let b0 = &bars["bars"][0];
    assert_eq!(
        lines[1],
        format!(
            "{},{},{},{},{},{}",
            b0["open_time"].as_str().unwrap(),
            b0["open"].as_str().unwrap(),
            b0["high"].as_str().unwrap(),
            b0["low"].as_str().unwrap(),
            b0["close"].as_str().unwrap(),
            b0["volume"].as_str().unwrap()
        )
    );

    // Bad tool input: client errors that name the field and say what is valid, as in the CLI.
    for (tool, args, code, says) in [
        (
            "get_order_book",
            json!({"instrument_id": ID, "depth": 5000}),
            "INVALID_PARAMETER",
            "depth: must be between 1 and 100, got 5000",
        ),
        (
            "get_instruments",
            json!({"venue": "NOPE"}),
            "NOT_FOUND",
            "venue: no instruments on 'NOPE'; venues with instruments: BINANCE",
        ),
        (
            "get_ticker",
            json!({"instrument_id": "BTCUSDT.NOPE"}),
            "NOT_FOUND",
            "instrument_id: unknown venue 'NOPE' in 'BTCUSDT.NOPE'; venues with instruments: BINANCE",
        ),
        (
            "get_trades",
            json!({"instrument_id": "XRPUSDT.BINANCE"}),
            "NOT_FOUND",
            "instruments on BINANCE: ADABTC.BINANCE, BTCUSDT-PERP.BINANCE, BTCUSDT.BINANCE",
        ),
        (
            "get_bars",
            json!({"instrument_id": ID, "start": "2024-01-05", "end": "2024-01-04"}),
            "INVALID_PARAMETER",
            "start: 2024-01-05T00:00:00Z is after end 2024-01-04T23:59:59.999999999Z",
        ),
        (
            "get_trades",
            json!({"instrument_id": ID, "limit": 20000}),
            "INVALID_PARAMETER",
            "limit: must be between 1 and 10000, got 20000",
        ),
    ] {
        let r = call_tool(&client, tool, args.clone()).await;
        assert_eq!(r.is_error, Some(true), "{tool} {args}");
        let doc = r.structured_content.expect("error document");
        assert_eq!(doc["error"]["category"], "client", "{tool} {args}: {doc}");
        assert_eq!(doc["error"]["code"], code, "{tool} {args}: {doc}");
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{tool} {args}: {message}");
    }

    // Bad URIs are JSON-RPC errors that say what is valid.
    match client
        .read_resource(ReadResourceRequestParams::new(
            "nautilus://book/NOPE.BINANCE",
        ))
        .await
    {
        Err(ServiceError::McpError(e)) => {
            assert_eq!(e.code, ErrorCode::RESOURCE_NOT_FOUND, "{}", e.message);
            assert!(
                e.message.contains("instruments on BINANCE"),
                "{}",
                e.message
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
    for (uri, says) in [
        ("nautilus://nope/1", "nautilus://book/INSTRUMENT_ID"),
        (
            "nautilus://book/BTCUSDT.BINANCE?depth=1000",
            "depth: must be between 1 and 100",
        ),
        (
            "nautilus://bars/BTCUSDT.BINANCE/1-MINUTE-LAST?start=2024-02-01&end=2024-01-01",
            "start:",
        ),
    ] {
        let read = client
            .read_resource(ReadResourceRequestParams::new(uri))
            .await;
        invalid_params(uri, read, &[says]);
    }
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_fire_when_another_process_moves_the_market() {
    let home = prepared();
    let (client, mut rx) = connect(&home).await;
    let book_uri = "nautilus://book/BTCUSDT.BINANCE";
    client
        .subscribe(SubscribeRequestParams::new(book_uri))
        .await
        .unwrap();
    // Not every resource changes with the market.
    assert!(
        client
            .subscribe(SubscribeRequestParams::new(
                "nautilus://instruments/BINANCE"
            ))
            .await
            .is_err()
    );

    // A separate CLI process pushes a quote into the same state directory.
    home.push(
        ID,
        &[
            "--bid",
            "42090",
            "--ask",
            "42090.5",
            "--ts",
            "2024-01-02T00:01:00Z",
        ],
    );
    updated(&mut rx, book_uri).await;
    let book = read_json(&client, book_uri).await;
    assert_eq!(book["best_bid"], "42090.00");
    assert_eq!(book["as_of"], "2024-01-02T00:01:00Z");

    // An order resource changes when the order fills.
    let placed = call_ok(
        &client,
        "submit_limit_order",
        json!({"instrument_id": ID, "side": "BUY", "quantity": 0.01, "price": 42000}),
    )
    .await;
    let order_id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    let order_uri = format!("nautilus://orders/{order_id}");
    assert_eq!(
        read_json(&client, &order_uri).await["order"]["status"],
        "ACCEPTED"
    );
    client
        .subscribe(SubscribeRequestParams::new(order_uri.clone()))
        .await
        .unwrap();
    home.push(
        ID,
        &[
            "--bid",
            "41998",
            "--ask",
            "41999",
            "--ts",
            "2024-01-02T00:02:00Z",
        ],
    );
    updated(&mut rx, &order_uri).await;
    assert_eq!(
        read_json(&client, &order_uri).await["order"]["status"],
        "FILLED"
    );
    client.cancel().await.unwrap();
}

/// Protocol 2026-07-28 has no resources/subscribe: the same updates come through
/// subscriptions/listen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listen_streams_updates_on_the_2026_protocol() {
    let home = prepared();
    let (tx, _rx) = mpsc::unbounded_channel();
    let client = Client { updated: tx }
        .serve_with_lifecycle(
            transport(&home),
            ClientLifecycleMode::Discover {
                preferred_versions: vec![ProtocolVersion::V_2026_07_28],
            },
        )
        .await
        .expect("discover");
    let uri = "nautilus://ticker/BTCUSDT.BINANCE";
    let mut sub = client
        .peer()
        .listen(
            SubscriptionFilter::builder()
                .resource_subscription(uri)
                .resource_subscription("nautilus://instruments/BINANCE")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        sub.acknowledged().resource_subscriptions.as_deref(),
        Some(&[uri.to_string()][..]),
        "only market resources are accepted"
    );
    home.push(
        ID,
        &[
            "--last",
            "42100",
            "--size",
            "0.3",
            "--ts",
            "2024-01-02T00:03:00Z",
        ],
    );
    let n = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .expect("an update within 10 s")
        .unwrap();
    match n {
        Some(ServerNotification::ResourceUpdatedNotification(u)) => assert_eq!(u.params.uri, uri),
        other => panic!("unexpected {other:?}"),
    }
    sub.cancel().await.unwrap();
    client.cancel().await.unwrap();
}

/// A subscription is to the resource named: another instrument's data does not touch it, an
/// unsubscribed resource is not told of, and a bad or unknown instrument is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_are_to_the_resource_named() {
    let home = prepared();
    let (client, mut rx) = connect(&home).await;
    let (btc, eth) = (
        "nautilus://book/BTCUSDT.BINANCE",
        "nautilus://book/ETHUSDT.BINANCE",
    );
    for uri in [btc, eth] {
        client
            .subscribe(SubscribeRequestParams::new(uri))
            .await
            .unwrap_or_else(|e| panic!("{uri}: {e}"));
    }
    // A quote for ETHUSDT moves the market clock, not BTCUSDT's book.
    let quote = |id: &str, bid: &str, ask: &str, ts: &str| {
        home.push(id, &["--bid", bid, "--ask", ask, "--ts", ts]);
    };
    quote("ETHUSDT.BINANCE", "2300", "2301", "2024-01-02T00:01:00Z");
    let told = told_until(&mut rx, eth).await;
    assert!(!told.iter().any(|u| u == btc), "{told:?}");

    // After unsubscribing, BTCUSDT's moves are not told (ETHUSDT's, pushed after, are).
    client
        .unsubscribe(rmcp::model::UnsubscribeRequestParams::new(btc))
        .await
        .unwrap();
    quote(ID, "42090", "42090.5", "2024-01-02T00:02:00Z");
    quote("ETHUSDT.BINANCE", "2302", "2303", "2024-01-02T00:03:00Z");
    let told = told_until(&mut rx, eth).await;
    assert!(
        !told.iter().any(|u| u == btc),
        "after unsubscribing: {told:?}"
    );
    assert_eq!(read_json(&client, btc).await["best_bid"], "42090.00");

    // Bad and unknown instruments are refused, saying what is valid.
    for (uri, says) in [
        ("nautilus://book/BTCUSDT", "SYMBOL.VENUE"),
        (
            "nautilus://book/NOPE.BINANCE",
            "instruments on BINANCE: ADABTC.BINANCE",
        ),
        ("nautilus://orders/O-NOPE", "O-NOPE"),
    ] {
        let subscribed = client.subscribe(SubscribeRequestParams::new(uri)).await;
        invalid_params(uri, subscribed, &["cannot subscribe", says]);
    }
    client.cancel().await.unwrap();
}

/// Paper trades through get_trades and the trades resource, and a backtest's results as a
/// resource, each the tool's answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paper_trades_and_backtest_results() {
    let home = prepared();
    home.push(
        ID,
        &[
            "--last",
            "42100.25",
            "--size",
            "0.3",
            "--aggressor",
            "BUY",
            "--ts",
            "2024-01-02T00:03:00Z",
        ],
    );
    let run = home.json(&[
        "backtest",
        "run",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        ID,
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-02",
    ]);
    let run_id = run["run_id"].as_str().unwrap().to_string();
    let (client, _rx) = connect(&home).await;

    let trades = call_ok(
        &client,
        "get_trades",
        json!({"instrument_id": ID, "source": "paper"}),
    )
    .await;
    assert_eq!(trades["source"], "paper");
    assert_eq!(trades["count"], 1);
    assert_eq!(trades["truncated"], false);
    assert_eq!(trades["as_of"], "2024-01-02T00:03:00Z");
    let t = &trades["trades"][0];
    assert_eq!(
        (&t["time"], &t["price"], &t["size"], &t["aggressor_side"]),
        (
            &json!("2024-01-02T00:03:00Z"),
            &json!("42100.25"),
            &json!("0.30000"),
            &json!("BUYER")
        )
    );
    assert_eq!(
        read_json(&client, "nautilus://trades/BTCUSDT.BINANCE?source=paper").await,
        trades
    );

    let results = call_ok(
        &client,
        "get_backtest_results",
        json!({"run_id": run_id, "detail": "full"}),
    )
    .await;
    assert!(results.to_string().contains(&run_id), "{results}");
    let uri = format!("nautilus://backtests/{run_id}");
    assert_eq!(read_json(&client, &uri).await, results);
    let listed = listed(&client).await;
    assert!(listed.contains(&uri), "{uri} in {listed:?}");
    client.cancel().await.unwrap();
}

/// A server started with --toolsets offers the resources of its tools only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resources_follow_the_toolsets() {
    let home = prepared();
    let mut cmd = mcp_command(&home.state(), &home.config);
    cmd.args(["--toolsets", "backtest"]);
    let (tx, _rx) = mpsc::unbounded_channel();
    let client = Client { updated: tx }
        .serve(TokioChildProcess::new(cmd).expect("spawn server"))
        .await
        .expect("initialize");
    let templates = templates(&client).await;
    assert_eq!(
        templates,
        [
            "nautilus://backtests/{run_id}",
            "nautilus://studies/{study_id}",
            "nautilus://tools/{name}"
        ]
    );
    // describe_tool: what the tool list leaves out, for the tools offered here only.
    let described = read_json(&client, "nautilus://tools/run_backtest").await;
    let entry = nautilus_mcp::ops::registry::find_tool("run_backtest").unwrap();
    assert_eq!(described["description"], entry.description.as_str());
    assert_eq!(described["cli"], "nautilus-mcp backtest run");
    assert_eq!(
        described["input_schema"]["properties"]["fill_model"]["description"],
        entry.input_schema["properties"]["fill_model"]["description"],
        "every field's full description"
    );
    assert!(described["output_schema"]["properties"]["statistics"].is_object());
    let hidden = "nautilus://tools/get_order_book";
    let read = client
        .read_resource(ReadResourceRequestParams::new(hidden))
        .await;
    invalid_params(hidden, read, &["get_order_book", "--toolsets"]);
    let listed = client.list_all_resources().await.unwrap();
    assert!(
        listed
            .iter()
            .all(|r| r.uri.starts_with("nautilus://backtests/")),
        "{listed:?}"
    );
    let book = "nautilus://book/BTCUSDT.BINANCE";
    let read = client
        .read_resource(ReadResourceRequestParams::new(book))
        .await;
    invalid_params(book, read, &["get_order_book", "--toolsets"]);
    let subscribed = client.subscribe(SubscribeRequestParams::new(book)).await;
    invalid_params(book, subscribed, &["get_order_book", "--toolsets"]);
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prompts_embed_current_data() {
    let home = prepared();
    home.json(&[
        "backtest",
        "run",
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        ID,
        "--param",
        "fast_period=10",
        "--param",
        "slow_period=30",
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-03",
    ]);
    let (client, _rx) = connect(&home).await;
    let names: BTreeSet<String> = client
        .list_all_prompts()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(
        names,
        [
            "backtest_strategy_idea",
            "explain_backtest",
            "market_snapshot",
            "review_open_risk",
            "strategy_from_idea"
        ]
        .map(String::from)
        .into()
    );
    let text = |r: rmcp::model::GetPromptResult| {
        serde_json::to_value(&r.messages).unwrap()[0]["content"]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let snap = text(
        client
            .get_prompt(
                GetPromptRequestParams::new("market_snapshot")
                    .with_arguments(rmcp::object!({"instrument_id": ID})),
            )
            .await
            .unwrap(),
    );
    assert!(snap.contains("\"best_bid\": \"42100.50\""), "{snap}");
    assert!(snap.contains("get_bars"));
    let explain = text(
        client
            .get_prompt(GetPromptRequestParams::new("explain_backtest"))
            .await
            .unwrap(),
    );
    assert!(
        explain.contains("MovingAverageCrossover") && explain.contains("analyze_trades"),
        "{explain}"
    );
    let idea = text(
        client
            .get_prompt(
                GetPromptRequestParams::new("backtest_strategy_idea")
                    .with_arguments(rmcp::object!({"idea": "buy 20-day breakouts"})),
            )
            .await
            .unwrap(),
    );
    assert!(
        idea.contains("buy 20-day breakouts") && idea.contains("bars 1-MINUTE-LAST: 44640 rows"),
        "{idea}"
    );
    // The language prompt carries the grammar, the indicators and two worked examples, and
    // names the tools that check, store and run a definition.
    let language = text(
        client
            .get_prompt(
                GetPromptRequestParams::new("strategy_from_idea")
                    .with_arguments(rmcp::object!({"idea": "buy 10/50 EMA crosses"})),
            )
            .await
            .unwrap(),
    );
    for part in [
        "buy 10/50 EMA crosses",
        "conjunction ~ (or ~ conjunction)*",
        "- rsi(period, input=close) -> value",
        "trailing_stop = { distance = \"atr_multiple * atr\" }",
        "\"type\": \"limit\"",
        "validate_strategy",
        "define_strategy",
        "1-MINUTE-LAST",
    ] {
        assert!(language.contains(part), "{part} missing from {language}");
    }
    match client
        .get_prompt(GetPromptRequestParams::new("backtest_strategy_idea"))
        .await
    {
        Err(ServiceError::McpError(e)) => {
            assert_eq!(e.code, ErrorCode::INVALID_PARAMS);
            assert!(e.message.contains("'idea'"));
        }
        other => panic!("expected an error, got {other:?}"),
    }
    client.cancel().await.unwrap();
}

/// A year of 1-minute bars is larger than one MCP message (16 MiB): the CSV resource comes in
/// pages that chain through `_meta.next` and add up to the CLI's export, and a tool answer that
/// would not fit is a client error instead of a message the client would drop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_of_minutes_pages_through_the_csv_resource() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "525600", "--seed", "7"]);
    let export = home.dir.path().join("year.csv");
    let cli = home.json(&[
        "market",
        "bars",
        "--instrument",
        ID,
        "--limit",
        "1000000",
        "--csv",
        export.to_str().unwrap(),
    ]);
    assert_eq!(cli["count"], 525_600);
    let want = std::fs::read_to_string(&export).unwrap();
    let (client, _rx) = connect(&home).await;

    let mut uri = format!("nautilus://bars/{ID}/1-MINUTE-LAST?limit=1000000&format=csv");
    let mut pages = Vec::new();
    loop {
        let r = client
            .read_resource(ReadResourceRequestParams::new(uri.clone()))
            .await
            .unwrap_or_else(|e| panic!("{uri}: {e}"));
        let ResourceContents::TextResourceContents {
            text,
            mime_type,
            meta,
            ..
        } = r.contents[0].clone()
        else {
            panic!("{uri}: not text");
        };
        assert_eq!(mime_type.as_deref(), Some("text/csv"));
        assert!(text.len() < 16 * 1024 * 1024, "{uri}: {} bytes", text.len());
        let meta = meta.expect("_meta").0;
        let bars = text.lines().count() - 1;
        assert_eq!(meta["bars"], bars, "{uri}");
        pages.push(text);
        match meta["next"].as_str() {
            Some(next) => {
                assert_eq!(meta["truncated"], true);
                uri = next.to_string();
            }
            None => {
                assert_eq!(meta["truncated"], false);
                break;
            }
        }
    }
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let mut joined = String::new();
    for (i, p) in pages.iter().enumerate() {
        let body = if i == 0 {
            p.as_str()
        } else {
            p.split_once('\n').unwrap().1
        };
        joined.push_str(body);
    }
    assert_eq!(joined.lines().count(), 525_601);
    assert!(joined == want, "the pages differ from the CLI's export");

    // As JSON the year does not fit one message: refused, naming the limit that does.
    let uri = format!("nautilus://bars/{ID}/1-MINUTE-LAST?limit=1000000");
    let read = client
        .read_resource(ReadResourceRequestParams::new(uri.clone()))
        .await;
    let e = invalid_params(&uri, read, &["lower limit to"]);
    let err = &e.data.unwrap()["error"];
    assert_eq!(err["code"], "RESPONSE_TOO_LARGE");
    assert_eq!(err["details"]["field"], "limit");
    let fit = err["details"]["max_limit"].as_u64().unwrap();
    assert!((100_000..525_600).contains(&fit), "{fit}");
    assert!(
        e.message.contains(&format!("lower limit to {fit}")),
        "{}",
        e.message
    );
    // A limit that fits is read.
    let page = read_json(
        &client,
        &format!("nautilus://bars/{ID}/1-MINUTE-LAST?limit={fit}&start=2024-01-01"),
    )
    .await;
    assert_eq!(page["count"], fit);

    let r = call_tool(
        &client,
        "get_bars",
        json!({"instrument_id": ID, "limit": 1_000_000}),
    )
    .await;
    assert_eq!(r.is_error, Some(true));
    let e = &r.structured_content.unwrap()["error"];
    assert_eq!(e["category"], "client");
    assert_eq!(e["code"], "RESPONSE_TOO_LARGE");
    assert!(e["message"].as_str().unwrap().starts_with("limit: "), "{e}");
    // Refused before the answer is built, naming how many fit.
    assert!(e["details"]["max_limit"].as_u64().is_some(), "{e}");
    client.cancel().await.unwrap();
}
