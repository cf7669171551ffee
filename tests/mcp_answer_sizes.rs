//! Answers sized for an agent's context: over MCP, no default answer exceeds 16 KB for the
//! shipped sample's backtest, its trade analysis and a node with 1,000 orders; `detail: full`
//! still gives everything, and the CLI's `--json` stays full.

mod common;

use common::{Home, call_ok, mcp_command, project_data, trading_home};
use rmcp::{RoleClient, ServiceExt, service::RunningService, transport::TokioChildProcess};
use serde_json::{Value, json};

/// The most one default answer may hold, in bytes of its JSON document.
const ANSWER_BUDGET: usize = 16 * 1024;

async fn client(home: &Home) -> RunningService<RoleClient, ()> {
    let cmd = mcp_command(&home.state(), &home.config);
    ().serve(TokioChildProcess::new(cmd).unwrap())
        .await
        .expect("initialize")
}

fn size(doc: &Value) -> usize {
    serde_json::to_vec(doc).unwrap().len()
}

/// Calls `tool` with `args` as a client would by default, and checks the answer's size.
async fn fits(client: &rmcp::Peer<RoleClient>, tool: &str, args: Value) -> Value {
    let doc = call_ok(client, tool, args).await;
    let bytes = size(&doc);
    eprintln!("{tool:<24} {bytes:>6} bytes");
    assert!(
        bytes <= ANSWER_BUDGET,
        "{tool} answered {bytes} bytes by default, over {ANSWER_BUDGET}"
    );
    doc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_backtest_and_its_trades_answer_within_budget() {
    let home = Home::new();
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    let client = client(&home).await;
    let run = fits(
        &client,
        "run_backtest",
        json!({"strategy_id": "MovingAverageCrossover", "instruments": ["BTCUSDT.BINANCE"],
               "data_path": data,
               "parameters": {"fast_period": 10, "slow_period": 30, "trade_size": "0.1"}}),
    )
    .await;
    let run_id = run["run_id"].clone();

    let results = fits(&client, "get_backtest_results", json!({"run_id": run_id})).await;
    let full = call_ok(
        &client,
        "get_backtest_results",
        json!({"run_id": run_id, "detail": "full"}),
    )
    .await;
    let cut = &results["truncated"];
    assert_eq!(cut["list"], "equity_curve");
    assert_eq!(
        cut["shown"],
        results["equity_curve"].as_array().unwrap().len()
    );
    assert_eq!(cut["total"], full["equity_curve"].as_array().unwrap().len());
    assert!(cut["shown"].as_u64() < cut["total"].as_u64(), "{cut}");
    assert!(full.get("truncated").is_none());
    assert_eq!(results["summary"], full["summary"]);

    let trades = fits(&client, "analyze_trades", json!({"run_id": run_id})).await;
    let all = call_ok(
        &client,
        "analyze_trades",
        json!({"run_id": run_id, "detail": "full"}),
    )
    .await;
    assert!(size(&all) > ANSWER_BUDGET, "the sample has more to cut");
    assert_eq!(trades["trades"].as_array().unwrap().len(), 10);
    assert_eq!(trades["truncated"]["total"], 50, "full lists up to limit");
    assert_eq!(trades["trades"][0], all["trades"][0]);
    for aggregate in [
        "matched",
        "total",
        "by_side",
        "by_weekday",
        "by_hour",
        "streaks",
    ] {
        assert_eq!(trades[aggregate], all[aggregate], "{aggregate}");
    }
    fits(&client, "list_backtests", json!({})).await;
    client.cancel().await.unwrap();

    // The CLI answers in full.
    let cli = home.json(&["backtest", "trades", run_id.as_str().unwrap()]);
    assert_eq!(cli["trades"].as_array().unwrap().len(), 50);
    assert!(cli.get("truncated").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_with_a_thousand_orders_answers_within_budget() {
    let home = trading_home(&[]);
    let client = client(&home).await;
    for i in 0..1000 {
        let price = format!("{}", 30_000 + i);
        call_ok(
            &client,
            "submit_limit_order",
            json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01",
                   "price": price}),
        )
        .await;
    }
    let orders = fits(&client, "list_orders", json!({})).await;
    assert_eq!(orders["orders"].as_array().unwrap().len(), 10);
    assert_eq!(orders["truncated"]["total"], 100, "full lists up to limit");
    let full = call_ok(
        &client,
        "list_orders",
        json!({"detail": "full", "limit": 1000}),
    )
    .await;
    assert_eq!(full["orders"].as_array().unwrap().len(), 1000);
    fits(&client, "list_orders", json!({"limit": 1000})).await;
    let node = fits(&client, "get_node_status", json!({})).await;
    assert_eq!(node["open_orders"].as_array().unwrap().len(), 10);
    assert_eq!(node["truncated"]["total"], 1000);
    fits(&client, "get_account_info", json!({})).await;
    fits(&client, "get_positions", json!({})).await;
    client.cancel().await.unwrap();

    let cli = home.json(&["order", "list"]);
    assert_eq!(
        cli["orders"].as_array().unwrap().len(),
        100,
        "the CLI lists in full"
    );
    let cli = home.json(&["node", "status"]);
    assert_eq!(cli["open_orders"].as_array().unwrap().len(), 1000);
}
