//! Nothing a caller sends takes the server down, reads what it may not or destroys data: one
//! test per defect of the hardening issue and per defect the schema fuzzer (tests/fuzz) found,
//! each written to fail before its fix.

mod common;

use std::time::Duration;

use common::{
    Home, Watcher, call_tool,
    http::{HttpServer, connect},
    mcp_command, project_data, start_call, token,
};
use rmcp::{ServiceExt, transport::TokioChildProcess};
use serde_json::{Value, json};

/// How long any one call may take before the test counts the server as hung.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// A home with the shipped month of BTCUSDT bars imported.
fn imported_home() -> Home {
    let home = Home::new();
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    home.json(&[
        "data",
        "import",
        data.to_str().unwrap(),
        "--instrument",
        "BTCUSDT.BINANCE",
    ]);
    home
}

/// The catalog's series as (key, rows, source).
fn series(home: &Home) -> Vec<(String, i64, String)> {
    home.json(&["data", "list"])["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["key"].as_str().unwrap().to_string(),
                s["rows"].as_i64().unwrap(),
                s["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
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
    let message = e["message"].as_str().unwrap();
    assert!(
        message.starts_with("grid: 256 x 256 x") && message.contains("at most 100000 per sweep"),
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
fn generated_bars_never_replace_imported_ones() {
    // As a new user would: a month of real bars, then synthetic ones.
    let home = imported_home();
    let before = series(&home);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].1, 44_640);
    let e = home.json_err(&["data", "generate", "--bars", "1000", "--seed", "3"], 2);
    assert_eq!(e["code"], "ALREADY_EXISTS", "{e}");
    let message = e["message"].as_str().unwrap();
    assert!(message.contains("44640 imported bars"), "{e}");
    assert!(message.contains("--replace"), "{e}");
    assert_eq!(series(&home), before, "nothing changed");

    // Asked for, the local (admin) user may replace them.
    home.json(&[
        "data",
        "generate",
        "--bars",
        "1000",
        "--seed",
        "3",
        "--replace",
    ]);
    let after = series(&home);
    assert_eq!(after[0].1, 1000);
    assert!(after[0].2.starts_with("generated"), "{after:?}");
    // Generated bars may be generated again.
    home.json(&["data", "generate", "--bars", "500", "--seed", "4"]);
    assert_eq!(series(&home)[0].1, 500);
}

#[test]
fn generation_is_checked_before_anything_is_written() {
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    let before = series(&home);
    let eth = ["data", "generate", "--instrument", "ETHUSDT.BINANCE"];
    for (extra, field) in [
        // Above what Nautilus's Price holds (about 9.2e9): it panicked after committing.
        (&["--start-price", "10000000000"][..], "start_price"),
        // The walk passes the largest price on the way (doubling at +1000% a year).
        (
            &[
                "--start-price",
                "4600000000",
                "--volatility",
                "0.01",
                "--drift",
                "10",
                "--bars",
                "100000",
            ][..],
            "start_price",
        ),
        (&["--drift", "50000"][..], "drift"),
        // Timestamps past 2262 overflow.
        (&["--start", "2262-04-01T00:00:00Z"][..], "start"),
        (&["--start", "1969-12-31T00:00:00Z"][..], "start"),
        (&["--bar-spec", "99999999999999-DAY-LAST"][..], "bar_spec"),
    ] {
        let args = [&eth[..], extra].concat();
        let e = home.json_err(&args, 2);
        assert_eq!(e["code"], "INVALID_PARAMETER", "{args:?}: {e}");
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{field}:")),
            "{args:?}: {e}"
        );
    }
    assert_eq!(series(&home), before, "nothing was stored");
    // The catalog still works for the paper market and backtests.
    let advanced = home.json(&["node", "advance", "--bars", "10"]);
    assert_eq!(advanced["bars"], 10, "{advanced}");
    home.json(&[
        "backtest",
        "run",
        "--strategy",
        "BuyAndHold",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--param",
        "trade_size=0.1",
        "--start",
        "2024-01-02",
        "--end",
        "2024-01-03",
    ]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_token_never_changes_the_bars_the_node_trades_on() {
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    let reader = token(&home, "read", "reader");
    let server = HttpServer::start(&home, &[], &[]);
    let client = connect(&server.url, Some(&reader)).await.unwrap();
    let before = series(&home);
    // BINANCE is connected: its bars are what the paper market replays and VaR reads.
    for args in [
        json!({"instrument_id": "ETHUSDT.BINANCE", "bars": 100}),
        json!({"instrument_id": "BTCUSDT.BINANCE", "bars": 100, "bar_spec": "1-SECOND-LAST"}),
        json!({"instrument_id": "BTCUSDT.BINANCE", "bars": 100, "replace": true}),
    ] {
        let (failed, doc) = call_within(&client, "generate_data", args.clone()).await;
        assert!(failed, "{args}: {doc}");
        assert_eq!(doc["error"]["code"], "PERMISSION_DENIED", "{args}: {doc}");
    }
    assert_eq!(series(&home), before);
    // Research on an instrument no venue of the node trades stays open to it.
    let (failed, doc) = call_within(
        &client,
        "generate_data",
        json!({"instrument_id": "USD/JPY.FXCM", "bars": 100}),
    )
    .await;
    assert!(!failed, "{doc}");
    assert_eq!(series(&home).len(), before.len() + 1);
    client.cancel().await.unwrap();
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

/// The next progress notification of the request with `token` that `matches`.
async fn progress_of(
    progress: &mut tokio::sync::mpsc::UnboundedReceiver<rmcp::model::ProgressNotificationParam>,
    token: &rmcp::model::ProgressToken,
    matches: impl Fn(&rmcp::model::ProgressNotificationParam) -> bool,
) -> rmcp::model::ProgressNotificationParam {
    loop {
        let p = tokio::time::timeout(CALL_TIMEOUT, progress.recv())
            .await
            .expect("a progress notification")
            .expect("the client runs");
        if &p.progress_token == token && matches(&p) {
            return p;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn research_work_waits_in_a_bounded_line_and_never_holds_up_orders() {
    let home = Home::with_config("[server]\nmax_research_jobs = 1\nmax_queued_jobs = 1\n");
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.push("BTCUSDT.BINANCE", &["--bid", "42000", "--ask", "42001"]);
    let (tx, mut progress) = tokio::sync::mpsc::unbounded_channel();
    let transport = TokioChildProcess::new(mcp_command(&home.state(), &home.config)).unwrap();
    let client = Watcher { progress: tx }.serve(transport).await.unwrap();

    // A long generation is written in steps: an order placed while it runs goes through.
    let generation = start_call(
        &client,
        "generate_data",
        json!({"bars": 400_000, "seed": 5}),
    )
    .await;
    let token = generation.progress_token.clone();
    let step = progress_of(&mut progress, &token, |_| true).await;
    assert!(step.total.is_some_and(|t| step.progress < t), "{step:?}");
    let (failed, order) = call_within(
        &client,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01", "price": "41000"}),
    )
    .await;
    assert!(!failed, "{order}");
    let mut generated = Box::pin(generation.await_response());
    assert!(
        futures::poll!(&mut generated).is_pending(),
        "the generation ended before the order was answered (raise bars)"
    );
    generated.await.expect("generate_data answers");

    // One engine at a time (max_research_jobs = 1): the next run waits in line and is told its
    // place; the line holds one (max_queued_jobs = 1), so the one after is refused.
    let run = json!({"strategy_id": "BuyAndHold", "instruments": ["BTCUSDT.BINANCE"], "parameters": {"trade_size": 0.01}});
    let first = start_call(&client, "run_backtest", run.clone()).await;
    progress_of(&mut progress, &first.progress_token, |_| true).await;
    let second = start_call(&client, "run_backtest", run.clone()).await;
    let queued = progress_of(&mut progress, &second.progress_token, |p| {
        p.message.as_deref().is_some_and(|m| m.contains("queued"))
    })
    .await;
    assert!(
        queued
            .message
            .as_deref()
            .unwrap()
            .contains("place 1 in line"),
        "{queued:?}"
    );
    let (failed, busy) = call_within(&client, "run_backtest", run).await;
    assert!(failed, "{busy}");
    assert_eq!(busy["error"]["code"], "BUSY", "{busy}");

    // An answer too large for one message is refused before it is built, naming what fits.
    let (failed, large) = call_within(
        &client,
        "get_bars",
        json!({"instrument_id": "BTCUSDT.BINANCE", "limit": 1_000_000}),
    )
    .await;
    assert!(failed, "{large}");
    assert_eq!(large["error"]["code"], "RESPONSE_TOO_LARGE", "{large}");
    assert!(
        large["error"]["details"]["max_limit"].as_u64().is_some(),
        "{large}"
    );

    // Cancelled, the first run frees its slot for the second.
    let mut first = first;
    assert!(
        matches!(
            first.rx.try_recv(),
            Err(tokio::sync::oneshot::error::TryRecvError::Empty)
        ),
        "the first run ended before the checks (raise bars)"
    );
    first.cancel(Some("enough".into())).await.unwrap();
    let second_token = second.progress_token.clone();
    progress_of(&mut progress, &second_token, |p| {
        p.message.as_deref().is_none_or(|m| !m.contains("queued"))
    })
    .await;
    second.cancel(None).await.unwrap();
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_in_any_wrong_shape_never_reach_an_answer_or_a_log() {
    const SECRET: &str = "SK-NEVER-LOGGED-77";
    let home = Home::new();
    let log = home.dir.path().join("server.jsonl");
    std::fs::write(
        &home.config,
        format!(
            "[logging]\nfile = \"{}\"\n[venues.BINANCE]\nbase_url = \"http://127.0.0.1:9\"\n\
             ws_api_url = \"ws://127.0.0.1:9\"\nstream_url = \"ws://127.0.0.1:9\"\n\
             request_timeout_ms = 2000\n",
            log.display()
        ),
    )
    .unwrap();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    let stderr = home.dir.path().join("server.stderr");
    let mut cmd = mcp_command(&home.state(), &home.config);
    cmd.env("RUST_LOG", "trace");
    let transport = TokioChildProcess::builder(cmd)
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap()
        .0;
    let client = ().serve(transport).await.unwrap();
    let object = json!({"api_key": "AK-1", "secret_key": SECRET}).to_string();
    let shapes = [
        // Agents send the object as a JSON string: it is read as the object.
        json!(object),
        json!(SECRET),
        json!(format!("{{\"secret_key\": \"{SECRET}\"")),
        json!(["AK-1", SECRET]),
        json!({"api_key": "AK-1", "secret_key": [SECRET]}),
        json!({"api_key": "AK-1", "secret_key": {"value": SECRET}}),
        json!({"api_key": "AK-1", "secret": SECRET}),
        json!({"api_key": "AK-1", SECRET: "x"}),
        json!({"api_key": 5, "secret_key": SECRET}),
        json!({"secret_key": SECRET}),
    ];
    for credentials in shapes {
        let args = json!({"venue_name": "BINANCE", "mode": "testnet", "credentials": credentials});
        let Value::Object(map) = args else {
            unreachable!()
        };
        let answer = tokio::time::timeout(
            CALL_TIMEOUT,
            client.call_tool(
                rmcp::model::CallToolRequestParams::new("connect_venue").with_arguments(map),
            ),
        )
        .await
        .expect("connect_venue answers");
        let text = match answer {
            Ok(r) => format!("{:?}", r.structured_content),
            Err(e) => e.to_string(),
        };
        assert!(!text.contains(SECRET), "{credentials}: {text}");
        assert!(!text.is_empty());
    }
    // Credentials given beside the object are refused by name only.
    for key in ["secret_key", "api_secret"] {
        let Value::Object(map) = json!({"venue_name": "BINANCE", key: SECRET}) else {
            unreachable!()
        };
        let e = client
            .call_tool(rmcp::model::CallToolRequestParams::new("connect_venue").with_arguments(map))
            .await
            .unwrap_err();
        assert!(!e.to_string().contains(SECRET), "{e}");
    }
    client.cancel().await.unwrap();
    let written =
        std::fs::read_to_string(&stderr).unwrap() + &std::fs::read_to_string(&log).unwrap();
    assert!(
        written.contains("connect_venue"),
        "the log was written: {written}"
    );
    for file in [stderr, log]
        .into_iter()
        .chain(common::files_under(&home.state()))
    {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !common::contains(&bytes, SECRET),
            "{} quotes a credential",
            file.display()
        );
    }
}

#[test]
fn values_beyond_what_nautilus_money_holds_are_refused_before_they_break_the_node() {
    // Found by the fuzzer: a trade pushed at 4,294,967,296 made an open position's PnL larger
    // than Nautilus's Money holds, and every later read of the account and every session of
    // the node panicked; an order worth more than that panicked in the risk engine.
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.json(&["node", "advance", "--until", "2024-01-15T00:00:00Z"]);
    let order = |extra: &[&'static str]| -> Vec<&'static str> {
        [
            &[
                "order",
                "submit-limit",
                "--instrument",
                "BTCUSDT.BINANCE",
                "--quantity",
                "1000",
            ][..],
            extra,
        ]
        .concat()
    };
    let e = home.json_err(&order(&["--side", "SELL", "--price", "9000000000"]), 2);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("quantity: the order's value"),
        "{e}"
    );
    let e = home.json_err(
        &order(&[
            "--side",
            "BUY",
            "--price",
            "30000",
            "--take-profit",
            "9000000000",
        ]),
        2,
    );
    assert!(e["message"].as_str().unwrap().contains("beyond"), "{e}");
    home.json(&[
        "order",
        "submit-market",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "BUY",
        "--quantity",
        "3",
    ]);
    let e = home.json_err(
        &[
            "market",
            "push",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--last",
            "4294967296",
        ],
        2,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("last: at 4294967296"),
        "{e}"
    );
    home.push("BTCUSDT.BINANCE", &["--last", "1000000"]);
    home.json(&["position", "list"]);
    home.json(&["account", "info"]);
    home.json(&["position", "risk"]);
    home.json(&["node", "status"]);
    home.json(&["node", "advance", "--bars", "3"]);
    common::assert_consistent(&home);
}

#[test]
fn a_venue_name_nautilus_cannot_hold_is_a_client_error() {
    // Found by the fuzzer: "-1e-400" made the account id "-1E-400-001", whose empty issuer
    // part panicked in the node thread.
    let home = Home::new();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    for name in ["-1e-400", "BIN-ANCE", "_X"] {
        let e = home.json_err(&["venue", "connect", "--", name], 2);
        assert!(
            e["message"].as_str().unwrap().starts_with("venue_name:"),
            "{name}: {e}"
        );
    }
}

#[test]
fn the_state_directory_database_and_log_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let log = home.dir.path().join("logs/nautilus-mcp.jsonl");
    std::fs::write(
        &home.config,
        format!(
            "[logging]\nlevel = \"info\"\nfile = \"{}\"\n",
            log.display()
        ),
    )
    .unwrap();
    home.json(&["data", "generate", "--bars", "100"]);
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&home.state()), 0o700);
    for file in common::files_under(&home.state()) {
        assert_eq!(
            mode(&file) & 0o077,
            0,
            "{} is readable by others",
            file.display()
        );
    }
    assert_eq!(mode(&home.state().join("state.db")), 0o600);
    assert_eq!(mode(&log), 0o600);
}

#[test]
fn every_list_answer_pages_on_with_a_cursor() {
    let home = imported_home();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.json(&["node", "advance", "--until", "2024-01-15T00:00:00Z"]);
    for i in 0..25 {
        home.json(&[
            "order",
            "submit-limit",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "BUY",
            "--quantity",
            "0.01",
            "--price",
            &format!("{}", 30_000 + i),
        ]);
    }
    for run in 0..3 {
        home.json(&[
            "backtest",
            "run",
            "--strategy",
            "BuyAndHold",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--param",
            &format!("trade_size=0.0{}", run + 1),
            "--start",
            "2024-01-02",
            "--end",
            "2024-01-03",
        ]);
    }
    for (args, items, id, total) in [
        (
            vec!["order", "list", "--limit", "10"],
            "orders",
            "client_order_id",
            25,
        ),
        (
            vec!["backtest", "list", "--limit", "2"],
            "runs",
            "run_id",
            3,
        ),
    ] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut page_args = args.clone();
            if let Some(c) = &cursor {
                page_args.extend(["--cursor", c.as_str()]);
            }
            let page = home.json(&page_args);
            seen.extend(
                page[items]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o[id].as_str().unwrap().to_string()),
            );
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
        }
        let distinct: std::collections::BTreeSet<&String> = seen.iter().collect();
        assert_eq!(seen.len(), total, "{args:?}: {seen:?}");
        assert_eq!(distinct.len(), total, "nothing listed twice");
    }
    let e = home.json_err(&["order", "list", "--cursor", "nonsense"], 2);
    assert!(e["message"].as_str().unwrap().starts_with("cursor:"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prompts_follow_the_toolsets_of_the_server() {
    let home = Home::new();
    let mut cmd = mcp_command(&home.state(), &home.config);
    cmd.args(["--toolsets", "backtest,data"]);
    let client = ().serve(TokioChildProcess::new(cmd).unwrap()).await.unwrap();
    let names: Vec<String> = client
        .list_all_prompts()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(names.contains(&"explain_backtest".to_string()), "{names:?}");
    assert!(
        !names.contains(&"review_open_risk".to_string()),
        "{names:?}"
    );
    assert!(!names.contains(&"market_snapshot".to_string()), "{names:?}");
    let e = client
        .get_prompt(rmcp::model::GetPromptRequestParams::new("review_open_risk"))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not offered"), "{e}");
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_tells_details_only_to_a_known_caller() {
    let home = Home::new();
    let reader = token(&home, "read", "reader");
    let server = HttpServer::start(&home, &[], &[]);
    let health = |token: Option<&str>| {
        let mut req = reqwest::Client::new().get(format!("{}/healthz", server.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move {
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    assert_eq!(health(None).await, json!({"status": "ok"}));
    assert_eq!(health(Some("nmcp_wrong")).await, json!({"status": "ok"}));
    let known = health(Some(&reader)).await;
    assert_eq!(known["status"], "ok");
    assert!(known["version"].is_string(), "{known}");
    assert_eq!(known["calls_in_flight"], 0, "{known}");
}

/// The market clock stored with the node (ns), read from the database as another process would.
fn stored_market_ts(home: &Home) -> Option<i64> {
    let conn = rusqlite::Connection::open(home.state().join("state.db")).ok()?;
    conn.query_row("SELECT market_ts FROM node WHERE id = 1", [], |r| r.get(0))
        .ok()
        .flatten()
}

/// Waits (polling the database, bounded) until the stored market clock is past `after`: a
/// replay is running and has committed a step.
async fn market_moves_past(home: &Home, after: Option<i64>) -> i64 {
    let deadline = tokio::time::Instant::now() + CALL_TIMEOUT;
    loop {
        if let Some(t) = stored_market_ts(home)
            && after.is_none_or(|a| t > a)
        {
            return t;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the replay did not commit a step within {CALL_TIMEOUT:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The structured answer of a call started with `start_call`, within the call timeout.
async fn answer_of(handle: rmcp::service::RequestHandle<rmcp::RoleClient>) -> Value {
    let response = tokio::time::timeout(CALL_TIMEOUT, handle.await_response())
        .await
        .expect("answered within the call timeout")
        .expect("a response");
    let rmcp::model::ServerResult::CallToolResult(r) = response else {
        panic!("not a tool result: {response:?}")
    };
    assert_ne!(r.is_error, Some(true), "{:?}", r.structured_content);
    r.structured_content.expect("structured content")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_halt_does_not_wait_behind_a_market_replay_which_can_be_cancelled() {
    const BARS: u64 = 400_000;
    let home = Home::new();
    home.json(&[
        "data",
        "generate",
        "--bars",
        &BARS.to_string(),
        "--seed",
        "5",
    ]);
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    let transport = TokioChildProcess::new(mcp_command(&home.state(), &home.config)).unwrap();
    let client = ().serve(transport).await.unwrap();

    // A replay to the end, cancelled once it runs: the next job on the node thread (one more
    // bar) is answered after it stopped, and finds bars left.
    let replay = start_call(&client, "advance_market", json!({"to_end": true})).await;
    market_moves_past(&home, None).await;
    replay.cancel(Some("enough".into())).await.unwrap();
    let (failed, one) = call_within(&client, "advance_market", json!({"bars": 1})).await;
    assert!(!failed, "{one}");
    assert_eq!(
        one["bars"], 1,
        "the cancelled replay went on to the end: {one}"
    );
    let after_cancel = stored_market_ts(&home);

    // A replay to the end, and a halt while it runs: the halt is answered, and the replay
    // stops early saying why.
    let replay = start_call(&client, "advance_market", json!({"to_end": true})).await;
    market_moves_past(&home, after_cancel).await;
    let (failed, halted) = call_within(
        &client,
        "halt_trading",
        json!({"reason": "kill switch during a replay"}),
    )
    .await;
    assert!(!failed, "{halted}");
    assert_eq!(halted["trading_state"], "HALTED", "{halted}");
    let replayed = answer_of(replay).await;
    let stopped = replayed["stopped"].as_str().unwrap_or_else(|| {
        panic!("the replay went to the end although a halt was waiting: {replayed}")
    });
    assert!(stopped.contains("halt"), "{stopped}");
    assert!(replayed["bars"].as_u64().unwrap() < BARS, "{replayed}");
    // The market clock is where the replay stopped, and the state is consistent.
    assert_eq!(
        stored_market_ts(&home).map(|t| t > after_cancel.unwrap()),
        Some(true)
    );
    client.cancel().await.unwrap();
    let v = home.json(&["node", "verify"]);
    assert_eq!(v["consistent"], true, "{v}");
}
