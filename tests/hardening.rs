//! Nothing a caller sends takes the server down, reads what it may not or destroys data: one
//! test per defect of the hardening issue and per defect the schema fuzzer (tests/fuzz) found,
//! each written to fail before its fix.

mod common;

use std::time::Duration;

use common::{
    Home, call_tool,
    http::{HttpServer, connect},
    mcp_command, project_data, token,
};
use rmcp::{ServiceExt, transport::TokioChildProcess};
use serde_json::{Value, json};

/// How long any one call may take before the test counts the server as hung.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// A home with the shipped month of BTCUSDT bars imported.
fn imported_home() -> Home {
    let home = Home::new();
    let data = project_data().join("btcusdt-1m-2024-01.csv");
    home.json(&[
        "data",
        "import",
        data.to_str().unwrap(),
        "--instrument",
        "BTCUSDT.BINANCE",
    ]);
    home
}

/// The structured document of a tool call, and whether it is an error; a call that takes
/// longer than [`CALL_TIMEOUT`] fails the test.
async fn call_within(
    peer: &rmcp::Peer<rmcp::RoleClient>,
    tool: &str,
    args: Value,
) -> (bool, Value) {
    let r = tokio::time::timeout(CALL_TIMEOUT, call_tool(peer, tool, args))
        .await
        .unwrap_or_else(|_| panic!("{tool} did not answer within {CALL_TIMEOUT:?}"));
    (
        r.is_error == Some(true),
        r.structured_content.expect("structured content"),
    )
}

#[test]
fn a_sweep_grid_too_large_to_count_is_refused_before_anything_runs() {
    // 8 parameters of 256 values: 2^64 combinations, which a usize product wraps to 0 (release)
    // or panics on (debug).
    let home = Home::new();
    let values: Vec<String> = (1..=256).map(|v| v.to_string()).collect();
    let values = values.join(",");
    let names = [
        "fast_period",
        "slow_period",
        "ma_type",
        "trade_size",
        "allow_short",
        "stop_loss",
        "take_profit",
        "close_at_end",
    ];
    let grids: Vec<String> = names.iter().map(|n| format!("{n}={values}")).collect();
    let mut args = vec!["backtest", "sweep", "--strategy", "MovingAverageCrossover"];
    for g in &grids {
        args.extend(["--grid", g.as_str()]);
    }
    let e = home.json_err(&args, 2);
    assert_eq!(e["code"], "INVALID_PARAMETER", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("grid: more than 2000 combinations"),
        "{e}"
    );
    // Names are checked before anything is expanded.
    let e = home.json_err(
        &[
            "backtest",
            "sweep",
            "--strategy",
            "MovingAverageCrossover",
            "--grid",
            "fast_period=5,10",
            "--grid",
            "no_such_parameter=1,2",
        ],
        2,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("grid.no_such_parameter: unknown parameter"),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn naming_a_server_file_needs_admin_and_reads_only_bounded_regular_files() {
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE", "--book-type", "L2_MBP"]);
    let trader = token(&home, "trade", "trader");
    let server = HttpServer::start(&home, &[], &[]);
    let client = connect(&server.url, Some(&trader)).await.unwrap();
    // A trade token may push depth as levels, but may not name a file: whether the file exists
    // or not, the answer is the same refusal.
    let mut refusals = Vec::new();
    for path in ["/etc/hostname", "/no/such/file.json"] {
        let (failed, doc) = call_within(
            &client,
            "push_market_data",
            json!({"instrument_id": "BTCUSDT.BINANCE", "depth_file": path}),
        )
        .await;
        assert!(failed, "{doc}");
        assert_eq!(doc["error"]["code"], "PERMISSION_DENIED", "{doc}");
        refusals.push(doc["error"]["message"].clone());
    }
    assert_eq!(refusals[0], refusals[1]);
    assert!(
        refusals[0]
            .as_str()
            .unwrap()
            .starts_with("depth_file: naming a file on the server needs the 'admin' scope"),
        "{refusals:?}"
    );
    client.cancel().await.unwrap();
    drop(server);

    // The local (admin) caller may name files, but a device or a FIFO is refused at once
    // instead of filling memory or blocking a worker for ever.
    let fifo = home.dir.path().join("depth.fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let transport = TokioChildProcess::new(mcp_command(&home.state(), &home.config)).unwrap();
    let admin = ().serve(transport).await.unwrap();
    for path in ["/dev/zero".to_string(), fifo.display().to_string()] {
        let (failed, doc) = call_within(
            &admin,
            "push_market_data",
            json!({"instrument_id": "BTCUSDT.BINANCE", "depth_file": path}),
        )
        .await;
        assert!(failed, "{doc}");
        assert!(
            doc["error"]["message"]
                .as_str()
                .unwrap()
                .contains("is not a regular file"),
            "{doc}"
        );
    }
    let depth = home.dir.path().join("depth.json");
    std::fs::write(
        &depth,
        r#"{"lastUpdateId": 9, "bids": [["42100.00", "1.5"]], "asks": [["42101.00", "0.5"]]}"#,
    )
    .unwrap();
    let (failed, doc) = call_within(
        &admin,
        "push_market_data",
        json!({"instrument_id": "BTCUSDT.BINANCE", "depth_file": depth}),
    )
    .await;
    assert!(!failed, "{doc}");
    admin.cancel().await.unwrap();
}

#[test]
fn prices_and_sizes_beyond_what_nautilus_holds_are_refused_at_import() {
    let home = Home::new();
    for (row, problem) in [
        // 7e28 × 10^2 overflowed the decimal multiplication (a panic).
        ("7e28,7e28,7e28,7e28,1", "beyond the largest price"),
        // Fits an i64 mantissa, but not a Nautilus Price: every later read panicked.
        ("1e15,1e15,1e15,1e15,1", "beyond the largest price"),
        ("100,100,100,100,7e28", "beyond the largest quantity"),
        ("100,100,100,100,1e20", "beyond the largest quantity"),
    ] {
        let csv = home.dir.path().join("huge.csv");
        std::fs::write(
            &csv,
            format!("timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,{row}\n"),
        )
        .unwrap();
        let e = home.json_err(
            &[
                "data",
                "import",
                csv.to_str().unwrap(),
                "--instrument",
                "BTCUSDT.BINANCE",
                "--bar-spec",
                "1-MINUTE-LAST",
            ],
            2,
        );
        assert!(e.to_string().contains(problem), "{row}: {e}");
    }
}

#[test]
fn bar_specs_and_resolutions_too_long_to_represent_are_client_errors() {
    let home = imported_home();
    // chrono's TimeDelta::days panicked on these.
    for spec in [
        "99999999999999-DAY-LAST",
        "18446744073709551615-MINUTE-LAST",
    ] {
        let e = home.json_err(
            &[
                "market",
                "bars",
                "--instrument",
                "BTCUSDT.BINANCE",
                "--bar-spec",
                spec,
            ],
            2,
        );
        assert!(
            e["message"].as_str().unwrap().starts_with("bar_spec:"),
            "{e}"
        );
    }
}

#[test]
fn a_venue_reset_without_leverage_keeps_the_journal_and_the_state_agreed() {
    // Found by the fuzzer: node verify replayed the leverage of the connection before a reset.
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.json(&["node", "advance", "--until", "2024-01-15T00:00:00Z"]);
    home.json(&["venue", "connect", "BINANCE", "--leverage", "30", "--reset"]);
    home.json(&["venue", "connect", "BINANCE", "--reset"]);
    home.json(&[
        "order",
        "submit-limit",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "BUY",
        "--quantity",
        "0.5",
        "--price",
        "35000.5",
    ]);
    common::assert_consistent(&home);
}

#[test]
fn a_push_at_the_last_time_nautilus_holds_leaves_the_market_usable() {
    // Found by the fuzzer: the next advance added 1 ns to the market clock and overflowed.
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.push(
        "BTCUSDT.BINANCE",
        &["--last", "42000", "--ts", "2262-04-11T23:47:16.854775807Z"],
    );
    let advanced = home.json(&["node", "advance", "--bars", "5"]);
    assert_eq!(advanced["bars"], 0, "{advanced}");
    common::assert_consistent(&home);
}
