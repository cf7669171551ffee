//! Tools on demand over stdio with rmcp's own client: a client that follows tool list changes
//! starts with a small list, enables the backtest toolset (and is told), and runs a backtest;
//! a plain client gets every tool; `--read-only` and `--toolsets` bound what can be enabled.

mod common;

use std::{collections::BTreeSet, time::Duration};

use common::{Home, call_err, call_ok, mcp_command};
use rmcp::{
    ClientHandler, ClientLifecycleMode, ClientServiceExt, ServiceExt,
    model::{
        ClientCapabilities, ClientConfig, Implementation, ProtocolVersion, ServerNotification,
        SubscriptionFilter,
    },
    service::{NotificationContext, RoleClient},
    transport::TokioChildProcess,
};
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// A client that says it follows tool list changes, and reports each one.
#[derive(Clone)]
struct Following {
    changed: mpsc::UnboundedSender<()>,
}

impl ClientHandler for Following {
    fn get_info(&self) -> ClientConfig {
        let mut capabilities = ClientCapabilities::default();
        let mut tools = serde_json::Map::new();
        tools.insert("listChanged".into(), Value::Bool(true));
        capabilities.experimental = Some([("tools".to_string(), tools)].into());
        ClientConfig::new(
            capabilities,
            Implementation::new("nautilus-mcp-toolsets", "1"),
        )
    }

    async fn on_tool_list_changed(&self, _cx: NotificationContext<RoleClient>) {
        let _ = self.changed.send(());
    }
}

fn server(home: &Home, args: &[&str]) -> TokioChildProcess {
    let mut cmd = mcp_command(&home.state(), &home.config);
    cmd.args(args);
    TokioChildProcess::new(cmd).expect("spawn server")
}

async fn names(client: &rmcp::Peer<RoleClient>) -> BTreeSet<String> {
    client
        .list_all_tools()
        .await
        .unwrap()
        .iter()
        .map(|t| t.name.to_string())
        .collect()
}

/// The read tools of the start toolsets, and the two meta-tools.
fn start_set() -> BTreeSet<String> {
    use nautilus_mcp::{
        mcp::toolsets::START_TOOLSETS,
        ops::registry::{OpClass, registry},
    };
    registry()
        .iter()
        .filter(|e| START_TOOLSETS.contains(&e.info.group) && e.info.class == OpClass::Read)
        .map(|e| e.info.tool_name.to_string())
        .chain(["list_toolsets".into(), "enable_toolset".into()])
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_starts_small_enables_backtests_and_runs_one() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "11"]);
    let (tx, mut changed) = mpsc::unbounded_channel();
    let client = Following { changed: tx }
        .serve(server(&home, &[]))
        .await
        .expect("initialize");
    let caps = client.peer_info().unwrap().capabilities.tools.clone();
    assert_eq!(caps.and_then(|t| t.list_changed), Some(true));

    // The small start: reads of the common toolsets and the meta-tools, nothing that trades.
    let start = names(&client).await;
    assert_eq!(start, start_set());
    assert!(start.contains("get_backtest_results") && !start.contains("run_backtest"));
    let listed = client.list_all_tools().await.unwrap();
    let bytes = serde_json::to_vec(&listed).unwrap().len();
    eprintln!("dynamic start: {} tools, {bytes} bytes", listed.len());

    // A tool of a toolset not enabled yet says how to get it.
    let refused = call_err(
        &client,
        "run_backtest",
        json!({"strategy_id": "MovingAverageCrossover"}),
    )
    .await;
    assert_eq!(refused["code"], "INVALID_STATE");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("enable_toolset"),
        "{refused}"
    );

    let toolsets = call_ok(&client, "list_toolsets", json!({})).await;
    let backtest = toolsets["toolsets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "backtest")
        .unwrap()
        .clone();
    assert_eq!(backtest["enabled"], false);
    let in_registry = nautilus_mcp::ops::registry::registry()
        .iter()
        .filter(|e| e.info.group.name() == "backtest")
        .count();
    assert_eq!(backtest["tools"], in_registry);

    let enabled = call_ok(&client, "enable_toolset", json!({"toolset": "backtest"})).await;
    assert_eq!(enabled["toolset"], "backtest");
    let added: BTreeSet<&str> = enabled["added"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(added.contains("run_backtest") && added.contains("configure_backtest"));
    tokio::time::timeout(Duration::from_secs(10), changed.recv())
        .await
        .expect("notifications/tools/list_changed within 10 s")
        .unwrap();
    let now = names(&client).await;
    assert_eq!(now.len(), enabled["listed"].as_u64().unwrap() as usize);
    assert!(now.contains("run_backtest") && now.is_superset(&start));

    let run = call_ok(
        &client,
        "run_backtest",
        json!({"strategy_id": "MovingAverageCrossover", "instruments": ["BTCUSDT.BINANCE"],
               "parameters": {"fast_period": 10, "slow_period": 30}}),
    )
    .await;
    assert_eq!(run["bars"], 3000);
    assert!(run["orders"].as_u64().unwrap() > 0, "{run}");

    // Enabling it again adds nothing and tells nothing; a bad name is named.
    let again = call_ok(&client, "enable_toolset", json!({"toolset": "backtest"})).await;
    assert_eq!(again["added"], json!([]));
    let bad = call_err(&client, "enable_toolset", json!({"toolset": "orders"})).await;
    assert_eq!(bad["code"], "INVALID_PARAMETER");
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("'orders' is not a toolset")
    );
    assert!(changed.try_recv().is_err(), "no change, no notification");
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_clients_get_every_tool_unless_asked_and_bounds_hold() {
    let home = Home::new();
    let every: BTreeSet<String> = nautilus_mcp::ops::registry::registry()
        .iter()
        .map(|e| e.info.tool_name.to_string())
        .collect();

    // A client that does not say it follows list changes gets the whole list.
    let plain = ().serve(server(&home, &[])).await.unwrap();
    assert_eq!(names(&plain).await, every);
    let err = plain
        .call_tool(rmcp::model::CallToolRequestParams::new("list_toolsets"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unknown tool"), "{err}");
    plain.cancel().await.unwrap();

    // --dynamic-toolsets starts it small all the same; never lists everything to anyone.
    let forced = ().serve(server(&home, &["--dynamic-toolsets"])).await.unwrap();
    assert_eq!(names(&forced).await, start_set());
    forced.cancel().await.unwrap();
    let (tx, _rx) = mpsc::unbounded_channel();
    let never = Following { changed: tx }
        .serve(server(&home, &["--dynamic-toolsets=never"]))
        .await
        .unwrap();
    assert_eq!(names(&never).await, every);
    never.cancel().await.unwrap();

    // --read-only and --toolsets bound what can be enabled.
    let read_only = ().serve(server(&home, &["--read-only", "--dynamic-toolsets"])).await.unwrap();
    let e = call_err(&read_only, "enable_toolset", json!({"toolset": "venue"})).await;
    assert_eq!(e["code"], "PERMISSION_DENIED");
    assert!(
        e["message"].as_str().unwrap().contains("--read-only"),
        "{e}"
    );
    let enabled = call_ok(&read_only, "enable_toolset", json!({"toolset": "order"})).await;
    assert_eq!(
        enabled["added"],
        json!(["get_order_status", "list_orders"]),
        "only the order toolset's reads"
    );
    let now = names(&read_only).await;
    assert!(now.contains("list_orders") && !now.contains("submit_limit_order"));
    let listed = call_ok(&read_only, "list_toolsets", json!({})).await;
    let listed: Vec<&str> = listed["toolsets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(
        !listed.contains(&"venue"),
        "no venue tool is read-only: {listed:?}"
    );
    read_only.cancel().await.unwrap();
    let some = ()
        .serve(server(
            &home,
            &["--toolsets", "backtest,data", "--dynamic-toolsets"],
        ))
        .await
        .unwrap();
    let e = call_err(&some, "enable_toolset", json!({"toolset": "market"})).await;
    assert_eq!(e["code"], "PERMISSION_DENIED");
    assert!(e["message"].as_str().unwrap().contains("--toolsets"), "{e}");
    some.cancel().await.unwrap();
}

/// Protocol 2026-07-28: listening for toolsListChanged is how a client says it follows them,
/// and the change arrives on that stream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listen_stream_for_list_changes_makes_the_session_dynamic() {
    let home = Home::new();
    let client = ()
        .serve_with_lifecycle(
            server(&home, &[]),
            ClientLifecycleMode::Discover {
                preferred_versions: vec![ProtocolVersion::V_2026_07_28],
            },
        )
        .await
        .expect("discover");
    let mut sub = client
        .peer()
        .listen(SubscriptionFilter::builder().tools_list_changed().build())
        .await
        .unwrap();
    assert_eq!(sub.acknowledged().tools_list_changed, Some(true));
    assert_eq!(names(&client).await, start_set());
    call_ok(&client, "enable_toolset", json!({"toolset": "order"})).await;
    let n = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .expect("a change within 10 s")
        .unwrap();
    assert!(
        matches!(n, Some(ServerNotification::ToolListChangedNotification(_))),
        "{n:?}"
    );
    assert!(names(&client).await.contains("submit_limit_order"));
    sub.cancel().await.unwrap();
    client.cancel().await.unwrap();
}
