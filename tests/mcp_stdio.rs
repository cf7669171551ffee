//! The MCP server over stdio with rmcp's own client: the same operations and the same JSON as
//! the CLI, errors as tool results or JSON-RPC errors, progress, and a clean stdout.

mod common;

use std::{
    collections::BTreeSet,
    io::{BufRead, BufReader, Write},
    process::{Command, Stdio},
};

use common::{Home, call_ok, call_tool, mcp_command};
use rmcp::{
    ClientHandler, ServiceError, ServiceExt,
    model::{
        CallToolRequestParams, ClientConfig, ErrorCode, Implementation, ProgressNotificationParam,
    },
    service::{NotificationContext, RoleClient, RunningService},
    transport::TokioChildProcess,
};
use serde_json::{Value, json};
use tokio::sync::mpsc;

#[derive(Clone)]
struct Client {
    progress: mpsc::UnboundedSender<ProgressNotificationParam>,
}

impl ClientHandler for Client {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            Default::default(),
            Implementation::new("nautilus-mcp-tests", "1"),
        )
    }

    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _cx: NotificationContext<RoleClient>,
    ) {
        let _ = self.progress.send(params);
    }
}

async fn connect(
    home: &Home,
) -> (
    RunningService<RoleClient, Client>,
    mpsc::UnboundedReceiver<ProgressNotificationParam>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let state = home.state();
    let config = home.config.clone();
    let transport = TokioChildProcess::new(mcp_command(&state, &config)).expect("spawn server");
    let client = Client { progress: tx }
        .serve(transport)
        .await
        .expect("initialize");
    (client, rx)
}

async fn call(
    client: &RunningService<RoleClient, Client>,
    tool: &str,
    args: Value,
) -> rmcp::model::CallToolResult {
    call_tool(client, tool, args).await
}

/// Fields that legitimately differ between two runs of the same backtest.
fn without_run_identity(mut v: Value) -> Value {
    for k in ["run_id", "created", "elapsed_secs", "bars_per_second"] {
        v.as_object_mut().unwrap().remove(k);
    }
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tools_match_the_cli_and_calls_return_the_cli_json() {
    let home = Home::new();
    let (client, mut progress) = connect(&home).await;
    let info = client.peer_info().expect("initialized");
    assert_eq!(
        info.server_info.as_ref().map(|s| s.name.as_str()),
        Some("nautilus-mcp")
    );

    // The same operation set on both faces.
    let tools = client.list_all_tools().await.unwrap();
    let mcp: BTreeSet<String> = tools.iter().map(|t| t.name.to_string()).collect();
    let registry: BTreeSet<String> = nautilus_mcp::ops::registry::registry()
        .iter()
        .map(|e| e.info.tool_name.to_string())
        .collect();
    assert_eq!(mcp, registry);
    let cli = nautilus_mcp::cli::command();
    let mut cli_ops = BTreeSet::new();
    for group in cli.get_subcommands() {
        for op in group.get_subcommands() {
            if let Some(entry) = nautilus_mcp::ops::registry::registry().iter().find(|e| {
                e.info.group.name() == group.get_name() && e.info.cli_name == op.get_name()
            }) {
                cli_ops.insert(entry.info.tool_name.to_string());
            }
        }
    }
    assert_eq!(cli_ops, registry, "every operation is a CLI subcommand");
    for t in &tools {
        // Described in a short sentence: the first of the operation's description, which
        // nautilus://tools/{name} gives whole.
        let entry = nautilus_mcp::ops::registry::find_tool(&t.name).unwrap();
        let d = t.description.as_deref().unwrap_or_default();
        assert!(
            d.len() > 10 && entry.description.starts_with(&d[..10]),
            "{} is described: {d}",
            t.name
        );
        assert!(t.output_schema.is_some(), "{} has an output schema", t.name);
        assert_eq!(t.input_schema.get("type"), Some(&json!("object")));
    }
    let run_tool = tools.iter().find(|t| t.name == "run_backtest").unwrap();
    assert!(run_tool.input_schema["properties"]["strategy_id"]["description"].is_string());

    // The same request gives the same JSON through --json and tools/call.
    let via_mcp = call_ok(&client, "list_strategies", json!({})).await;
    assert_eq!(via_mcp, home.json(&["strategy", "list"]));
    call_ok(&client, "generate_data", json!({"bars": 3000, "seed": 11})).await;
    assert_eq!(
        call_ok(&client, "list_data", json!({})).await,
        home.json(&["data", "list"])
    );

    // The specification's examples, exactly as written.
    let configured = call_ok(
        &client,
        "configure_backtest",
        json!({
            "instruments": ["BTCUSDT.BINANCE"],
            "start_date": "2024-01-01T00:00:00Z",
            "end_date": "2024-01-31T23:59:59Z",
            "initial_capital": {"USD": 100000.0},
            "data_source": "local_csv"
        }),
    )
    .await;
    assert_eq!(configured["config"]["name"], "default");
    let run = call_ok(&client, "run_backtest", json!({"strategy_id": "MovingAverageCrossover", "parameters": {"fast_period": 10, "slow_period": 30}})).await;
    assert_eq!(run["config"], "default");
    assert_eq!(run["bars"], 3000);
    assert!(run["orders"].as_u64().unwrap() > 0);
    let got = tokio::time::timeout(std::time::Duration::from_secs(5), progress.recv()).await;
    assert!(
        got.is_ok_and(|p| p.is_some()),
        "run_backtest reported progress"
    );

    // The same run from the CLI gives the same numbers.
    let cli_run = home.json(&[
        "backtest",
        "run",
        "--strategy",
        "MovingAverageCrossover",
        "--param",
        "fast_period=10",
        "--param",
        "slow_period=30",
    ]);
    assert_eq!(
        without_run_identity(cli_run.clone()),
        without_run_identity(run.clone())
    );
    let results = call_ok(
        &client,
        "get_backtest_results",
        json!({"run_id": cli_run["run_id"], "detail": "full"}),
    )
    .await;
    assert_eq!(
        results,
        home.json(&["backtest", "results", cli_run["run_id"].as_str().unwrap()])
    );

    // Bad input: a tool error with the same error document as the CLI.
    let bad = call(
        &client,
        "run_backtest",
        json!({"strategy_id": "MovingAverageCrossover", "parameters": {"fast_period": 0}}),
    )
    .await;
    assert_eq!(bad.is_error, Some(true));
    let doc = bad.structured_content.expect("error document");
    assert_eq!(doc["error"]["category"], "client");
    assert_eq!(doc["error"]["code"], "INVALID_PARAMETER");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("parameters.fast_period")
    );
    let cli_err = home.json_err(
        &[
            "backtest",
            "run",
            "--strategy",
            "MovingAverageCrossover",
            "--param",
            "fast_period=0",
        ],
        2,
    );
    assert_eq!(doc["error"], cli_err);

    // Malformed arguments and unknown tools are JSON-RPC errors, and the server lives on.
    // The message names the argument, also inside requests built from shared parts.
    for (tool, args, named) in [
        ("run_backtest", json!({"strategy_id": 5}), "strategy_id"),
        ("list_data", json!({"no_such_arg": 1}), "no_such_arg"),
        ("no_such_tool", json!({}), "no_such_tool"),
        (
            "submit_limit_order",
            json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "abc", "price": "1"}),
            "'quantity'",
        ),
        ("cancel_order", json!({"order_id": 5}), "'order_id'"),
    ] {
        let Value::Object(map) = args else {
            unreachable!()
        };
        match client
            .call_tool(CallToolRequestParams::new(tool.to_string()).with_arguments(map))
            .await
        {
            Err(ServiceError::McpError(e)) => {
                assert_eq!(e.code, ErrorCode::INVALID_PARAMS, "{tool}: {}", e.message);
                assert!(e.message.contains(named), "{tool}: {}", e.message);
            }
            other => panic!("{tool}: expected a JSON-RPC error, got {other:?}"),
        }
    }
    call_ok(&client, "list_backtests", json!({})).await;
    client.cancel().await.unwrap();
}

#[test]
fn stdout_carries_only_json_rpc_even_while_the_engine_runs() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "2000"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"))
        .arg("mcp")
        .env("NAUTILUS_MCP_HOME", home.state())
        .env("NAUTILUS_MCP_CONFIG", &home.config)
        .env("RUST_LOG", "debug")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let requests = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}}}),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}),
        json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "run_backtest", "arguments": {"strategy_id": "BuyAndHold", "instruments": ["BTCUSDT.BINANCE"]}}}),
    ];
    for r in &requests {
        writeln!(stdin, "{r}").unwrap();
    }
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut answered = BTreeSet::new();
    while answered.len() < 3 {
        let line = lines.next().expect("server answers").unwrap();
        let msg: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("stdout line is not JSON-RPC ({e}): {line}"));
        assert_eq!(msg["jsonrpc"], "2.0", "{line}");
        if let Some(id) = msg["id"].as_u64() {
            answered.insert(id);
            if id == 3 {
                assert_eq!(msg["result"]["isError"], false, "{line}");
            }
        }
    }
    drop(stdin);
    for line in lines {
        let line = line.unwrap();
        serde_json::from_str::<Value>(&line)
            .unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {line}"));
    }
    child.wait().unwrap();
}
