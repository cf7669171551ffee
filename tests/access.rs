//! `--read-only` and `--toolsets` shape the CLI and the MCP server's `tools/list` alike, and the
//! annotations of every tool follow its operation's class.

mod common;

use std::collections::BTreeSet;

use common::Home;
use nautilus_mcp::ops::registry::{OpClass, registry};
use rmcp::{ServiceExt, transport::ConfigureCommandExt, transport::TokioChildProcess};

fn help(home: &Home, args: &[&str]) -> String {
    let out = home.cmd().args(args).arg("--help").output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn read_only_and_toolsets_shape_the_cli() {
    let home = Home::new();
    let order_help = help(&home, &["--read-only", "order"]);
    assert!(order_help.contains("list") && order_help.contains("status"));
    assert!(!order_help.contains("submit-market"), "{order_help}");
    let node_help = help(&home, &["--read-only", "node"]);
    assert!(node_help.contains("status") && !node_help.contains("halt"));
    let backtest_help = help(&home, &["--read-only", "backtest"]);
    assert!(
        backtest_help.contains("run"),
        "research stays under --read-only"
    );
    assert!(help(&home, &["order"]).contains("submit-market"));

    // A removed operation is refused with the reason, not run.
    let e = home.json_err(
        &[
            "--read-only",
            "order",
            "submit-market",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "BUY",
            "--quantity",
            "1",
        ],
        2,
    );
    assert_eq!(e["code"], "PERMISSION_DENIED");
    assert!(
        e["message"].as_str().unwrap().contains("--read-only"),
        "{e}"
    );
    home.json(&["--read-only", "data", "list"]);
    home.json(&["data", "list", "--read-only"]);

    let top = help(&home, &["--toolsets", "backtest,data"]);
    assert!(top.contains("backtest") && top.contains("data"));
    for gone in ["  order", "  node", "  venue", "  account"] {
        assert!(!top.contains(gone), "{gone} in {top}");
    }
    assert!(top.contains("  mcp"), "utilities stay");
    let e = home.json_err(&["--toolsets", "backtest", "order", "list"], 2);
    assert_eq!(e["code"], "PERMISSION_DENIED");
    assert!(e["message"].as_str().unwrap().contains("--toolsets"), "{e}");
    let e = home.json_err(&["--toolsets", "backtest,orders", "data", "list"], 2);
    assert_eq!(e["code"], "INVALID_PARAMETER");
    assert!(e["message"].as_str().unwrap().contains("orders"), "{e}");

    // Token administration is not read-only either.
    let e = home.json_err(&["--read-only", "token", "create", "--scope", "read"], 2);
    assert_eq!(e["code"], "PERMISSION_DENIED");
}

async fn tools(home: &Home, args: &[&str]) -> BTreeSet<String> {
    let (state, config) = (home.state(), home.config.clone());
    let args: Vec<String> = args.iter().map(|s| (*s).to_string()).collect();
    let transport = TokioChildProcess::new(
        tokio::process::Command::new(env!("CARGO_BIN_EXE_nautilus-mcp")).configure(|c| {
            c.args(&args)
                .env("NAUTILUS_MCP_HOME", &state)
                .env("NAUTILUS_MCP_CONFIG", &config)
                .env_remove("RUST_LOG");
        }),
    )
    .unwrap();
    let client = ().serve(transport).await.unwrap();
    let names = client
        .list_all_tools()
        .await
        .unwrap()
        .iter()
        .map(|t| t.name.to_string())
        .collect();
    client.cancel().await.unwrap();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_and_toolsets_shape_tools_list() {
    let home = Home::new();
    let all = tools(&home, &["mcp"]).await;
    assert_eq!(all.len(), registry().len());
    let read_only = tools(&home, &["--read-only", "mcp"]).await;
    let expected: BTreeSet<String> = registry()
        .iter()
        .filter(|e| matches!(e.info.class, OpClass::Read | OpClass::Research))
        .map(|e| e.info.tool_name.to_string())
        .collect();
    assert_eq!(read_only, expected);
    assert!(read_only.contains("run_backtest") && !read_only.contains("halt_trading"));
    let backtest = tools(&home, &["mcp", "--toolsets", "backtest"]).await;
    let expected: BTreeSet<String> = registry()
        .iter()
        .filter(|e| e.info.group.name() == "backtest")
        .map(|e| e.info.tool_name.to_string())
        .collect();
    assert_eq!(backtest, expected);
    let both = tools(&home, &["mcp", "--read-only", "--toolsets", "order,node"]).await;
    assert_eq!(
        both,
        [
            "get_node_status",
            "get_order_status",
            "list_orders",
            "verify_node_state"
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect()
    );
}

/// A test that fails when an operation's annotations and its class disagree.
#[test]
fn annotations_follow_the_classification() {
    for e in registry() {
        let name = e.info.tool_name;
        for real in [false, true] {
            let h = e.hints(real);
            let tool = nautilus_mcp::mcp::tool_of(e, real);
            // A hint equal to the protocol's default is left out of the tool list, and
            // destructive and idempotent mean nothing for a read-only tool.
            let a = tool.annotations.unwrap();
            assert_eq!(a.read_only_hint.unwrap_or(false), h.read_only, "{name}");
            if h.read_only {
                assert_eq!(
                    (a.destructive_hint, a.idempotent_hint),
                    (None, None),
                    "{name}"
                );
            } else {
                assert_eq!(a.is_destructive(), h.destructive, "{name}");
                assert_eq!(a.is_idempotent(), h.idempotent, "{name}");
            }
            assert_eq!(a.open_world_hint.unwrap_or(true), h.open_world, "{name}");
            assert_eq!(h.read_only, e.info.class == OpClass::Read, "{name}");
            if e.info.class == OpClass::Read {
                assert!(!e.info.destructive, "{name}: a read cannot destroy");
                assert!(e.info.idempotent, "{name}: a read is idempotent");
                assert!(
                    !e.hints(false).open_world,
                    "{name}: with paper venues only, reads stay local"
                );
            }
            // Without an order id, each submission places another order.
            if e.info.tool_name.starts_with("submit_") {
                assert!(
                    !h.idempotent,
                    "{name}: a repeated submission is a new order"
                );
            }
            if !e.info.group.reaches_venues() {
                assert!(
                    !h.open_world,
                    "{name}: backtests and data never leave the machine"
                );
            }
        }
        // Orders, the market and halting are trading; node and venue setup is admin.
        let expected = match name {
            "halt_trading" | "advance_market" | "push_market_data" | "stop_strategy" => {
                OpClass::Trade
            }
            "resume_trading"
            | "initialize_trading_node"
            | "connect_venue"
            | "configure_strategy" => OpClass::Admin,
            n if n.starts_with("submit_") || n.contains("cancel") || n == "modify_order" => {
                OpClass::Trade
            }
            _ => e.info.class,
        };
        assert_eq!(e.info.class, expected, "{name}");
        if e.info.class == OpClass::Research {
            assert!(
                matches!(e.info.group.name(), "backtest" | "data")
                    || matches!(
                        name,
                        "define_strategy" | "validate_strategy" | "delete_strategy"
                    ),
                "{name}: research is backtests, data and strategy definitions"
            );
            assert!(
                !e.hints(true).open_world,
                "{name}: research never reaches a venue"
            );
        }
    }
    let submit = registry()
        .iter()
        .find(|e| e.info.tool_name == "submit_market_order")
        .unwrap();
    assert!(!submit.hints(false).open_world && submit.hints(true).open_world);
    let account = registry()
        .iter()
        .find(|e| e.info.tool_name == "get_account_info")
        .unwrap();
    assert!(
        !account.hints(false).open_world && account.hints(true).open_world,
        "a read syncs with a real venue"
    );
}
