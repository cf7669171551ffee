//! The MCP server over streamable HTTP with rmcp's own client: tokens and scopes, Host and
//! Origin checks, the kill switch, many clients trading at once, a reader answering during a
//! long backtest, and a clean shutdown on SIGTERM.

mod common;

use std::{
    collections::{BTreeMap, BTreeSet},
    time::{Duration, Instant},
};

use common::{
    Home,
    http::{Client, HttpServer, call, connect, err, ok},
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// A node with a paper BINANCE account (100000 USDT, margin) and a quote 50000/50001.
fn paper_node(home: &Home) {
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home.json(&[
        "market",
        "push",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--bid",
        "50000",
        "--ask",
        "50001",
    ]);
}

fn token(home: &Home, scope: &str, name: &str) -> String {
    let doc = home.json(&["token", "create", "--scope", scope, "--name", name]);
    doc["token"].as_str().expect("token").to_string()
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
        .parse()
        .unwrap()
}

/// Everything the store says about orders and the journal, to compare before and after.
async fn books(admin: &Client) -> (Value, Value) {
    let orders = ok(
        admin,
        "list_orders",
        json!({"status": "all", "limit": 10000, "detail": "full"}),
    )
    .await;
    let status = ok(admin, "get_node_status", json!({"detail": "full"})).await;
    (orders, status["journal_seq"].clone())
}

/// The tools a session's `tools/list` offers.
async fn tool_names(client: &Client) -> BTreeSet<String> {
    let tools = client.list_all_tools().await.unwrap();
    tools.iter().map(|t| t.name.to_string()).collect()
}

fn limit_buy(price: &str) -> Value {
    json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01", "price": price})
}

fn all_files_under(dir: &std::path::Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(all_files_under(&p));
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push(bytes);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_and_scopes_decide_who_may_do_what() {
    let home = Home::new();
    paper_node(&home);
    let reader = token(&home, "read", "reader");
    let trader = token(&home, "trade", "trader");
    let admin_token = token(&home, "admin", "ops");
    let listed = home.json(&["token", "list"]).to_string();
    for t in [&reader, &trader, &admin_token] {
        assert!(
            !listed.contains(t.as_str()),
            "token list never shows tokens"
        );
    }
    let server = HttpServer::start(&home, &[], &[("RUST_LOG", "trace")]);
    let admin = connect(&server.url, Some(&admin_token)).await.unwrap();
    let before = books(&admin).await;

    // No token, a wrong token: 401 before anything runs.
    for token in [None, Some("nmcp_0000")] {
        let Err(e) = connect(&server.url, token).await else {
            panic!("connected with {token:?}")
        };
        assert!(
            e.contains("401") || e.to_lowercase().contains("auth"),
            "{e}"
        );
    }
    let http = reqwest::Client::new();
    for auth in [
        None,
        Some("Bearer nmcp_wrong"),
        Some(format!("Basic {reader}").as_str()),
    ] {
        let mut rq = http
            .post(&server.url)
            .header("accept", "application/json, text/event-stream")
            .header("content-type", "application/json")
            .body(
                json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "submit_market_order", "arguments": {"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01"}}})
                    .to_string(),
            );
        if let Some(a) = auth {
            rq = rq.header("authorization", a);
        }
        let resp = rq.send().await.unwrap();
        assert_eq!(resp.status(), 401, "{auth:?}");
        assert!(
            resp.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
        let body = resp.text().await.unwrap();
        assert!(!body.contains(&reader), "a refusal never echoes a token");
    }

    // A read token sees only what it may run, and is refused the rest with PERMISSION_DENIED.
    let r = connect(&server.url, Some(&reader)).await.unwrap();
    let tools = tool_names(&r).await;
    assert!(
        tools.contains("list_orders") && tools.contains("run_backtest"),
        "{tools:?}"
    );
    assert!(!tools.contains("submit_market_order") && !tools.contains("halt_trading"));
    let e = err(
        &r,
        "submit_market_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01"}),
    )
    .await;
    assert_eq!(e["code"], "PERMISSION_DENIED", "{e}");
    assert_eq!(e["category"], "client");
    assert!(
        e["message"].as_str().unwrap().contains("'trade' scope"),
        "{e}"
    );
    let e = err(&r, "halt_trading", json!({})).await;
    assert_eq!(e["code"], "PERMISSION_DENIED");
    // Files on the server are the admin's: a read token can neither write nor read them.
    let victim = home.state().join("tokens.json");
    let tokens_before = std::fs::read(&victim).unwrap();
    for (tool, args, field) in [
        (
            "get_bars",
            json!({"instrument_id": "BTCUSDT.BINANCE", "csv": victim}),
            "csv",
        ),
        ("generate_data", json!({"bars": 10, "csv": victim}), "csv"),
        (
            "import_data",
            json!({"path": victim, "instrument_id": "BTCUSDT.BINANCE"}),
            "path",
        ),
        (
            "run_backtest",
            json!({"strategy_id": "MovingAverageCrossover", "data_path": victim}),
            "data_path",
        ),
    ] {
        let e = err(&r, tool, args).await;
        assert_eq!(e["code"], "PERMISSION_DENIED", "{tool}: {e}");
        assert_eq!(e["details"]["field"], field, "{tool}: {e}");
    }
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        tokens_before,
        "the token file is untouched"
    );
    // Even with malformed arguments the answer is the scope, not the arguments.
    let e = err(&r, "submit_limit_order", json!({"nonsense": 1})).await;
    assert_eq!(e["code"], "PERMISSION_DENIED");
    ok(&r, "get_account_info", json!({})).await;
    assert_eq!(books(&admin).await, before, "refused calls changed nothing");

    // A trade token trades but may not administer.
    let t = connect(&server.url, Some(&trader)).await.unwrap();
    let tools = tool_names(&t).await;
    assert!(tools.contains("submit_limit_order") && !tools.contains("connect_venue"));
    let placed = ok(&t, "submit_limit_order", limit_buy("49000")).await;
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    let e = err(&t, "connect_venue", json!({"venue_name": "BINANCE"})).await;
    assert_eq!(e["code"], "PERMISSION_DENIED");

    // Annotations over the wire follow each operation's class.
    let all = admin.list_all_tools().await.unwrap();
    for tool in &all {
        let entry = nautilus_mcp::ops::registry::find_tool(&tool.name).unwrap();
        let a = tool.annotations.as_ref().unwrap();
        let read = entry.info.class == nautilus_mcp::ops::registry::OpClass::Read;
        // Hints equal to the protocol's defaults are left out.
        assert_eq!(a.read_only_hint.unwrap_or(false), read, "{}", tool.name);
        if read {
            assert_eq!(a.destructive_hint, None, "{}", tool.name);
        }
    }

    // Credentials and tokens never reach a log, an error or the state directory.
    let creds = json!({"venue_name": "BINANCE", "credentials": {"api_key": "AKIA-NEVER-LOGGED-42", "secret_key": "SK-NEVER-LOGGED-43"}});
    ok(&admin, "connect_venue", creds).await;
    let e = err(&admin, "connect_venue", json!({"venue_name": "BINANCE", "mode": "live", "credentials": {"api_key": "AKIA-NEVER-LOGGED-42", "secret_key": "SK-NEVER-LOGGED-43"}})).await;
    assert!(!e.to_string().contains("NEVER-LOGGED"), "{e}");
    for c in [r, t, admin] {
        c.cancel().await.unwrap();
    }
    let (status, stderr) = server.terminate();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("refused a request"),
        "the refusals are logged"
    );
    let secrets = [
        reader.as_str(),
        trader.as_str(),
        admin_token.as_str(),
        "AKIA-NEVER-LOGGED-42",
        "SK-NEVER-LOGGED-43",
    ];
    let mut outputs = all_files_under(home.dir.path());
    outputs.push(stderr.into_bytes());
    for secret in secrets {
        for out in &outputs {
            assert!(!contains(out, secret), "a secret leaked: {secret}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn host_origin_health_and_binding() {
    let home = Home::new();
    // Beyond loopback without tokens: refused before binding.
    let e = HttpServer::try_start(&home, "0.0.0.0:0", &[], &[])
        .err()
        .expect("refused");
    assert_eq!(e.0, Some(2), "{}", e.1);
    assert!(e.1.contains("without authentication"), "{}", e.1);

    // Loopback without tokens serves, and says so.
    let server = HttpServer::start(&home, &[], &[]);
    assert!(server.stderr().contains("no tokens are configured"));
    let http = reqwest::Client::new();
    let health: Value = http
        .get(format!("{}/healthz", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}}}).to_string();
    let post = |headers: &[(&str, &str)]| {
        let mut rq = http
            .post(&server.url)
            .header("accept", "application/json, text/event-stream")
            .header("content-type", "application/json")
            .body(init.clone());
        for (k, v) in headers {
            rq = rq.header(*k, *v);
        }
        rq.send()
    };
    // A page on another site (DNS rebinding or a cross-origin request) is refused.
    for (headers, status) in [
        (&[][..], 200),
        (&[("origin", "http://localhost:3000")][..], 200),
        (&[("origin", "https://evil.example")][..], 403),
        (&[("host", "evil.example")][..], 403),
    ] {
        let got = post(headers).await.unwrap().status();
        assert_eq!(got, status, "{headers:?}");
    }
    let client = connect(&server.url, None).await.unwrap();
    ok(&client, "list_strategies", json!({})).await;
    client.cancel().await.unwrap();
    let (status, stderr) = server.terminate();
    assert!(status.success(), "{stderr}");
    assert!(stderr.contains("journal flushed"), "{stderr}");

    // With a token, beyond loopback is allowed (and still refuses the tokenless).
    token(&home, "read", "lan");
    let server = HttpServer::try_start(&home, "0.0.0.0:0", &[], &[]).expect("serves with tokens");
    let port = server
        .url
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches("/mcp")
        .to_string();
    let resp = http
        .post(format!("http://127.0.0.1:{port}/mcp"))
        .body(init.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_halted_node_denies_orders_until_an_admin_resumes() {
    let home = Home::new();
    paper_node(&home);
    let trader = token(&home, "trade", "trader");
    let admin_token = token(&home, "admin", "ops");
    let server = HttpServer::start(&home, &[], &[]);
    let t = connect(&server.url, Some(&trader)).await.unwrap();
    let admin = connect(&server.url, Some(&admin_token)).await.unwrap();

    let resting = ok(&t, "submit_limit_order", limit_buy("49000")).await;
    let id = resting["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    let halted = ok(&t, "halt_trading", json!({"reason": "runaway agent"})).await;
    assert_eq!(halted["trading_state"], "HALTED");
    assert_eq!(halted["changed_by"], "token:trader");
    assert_eq!(halted["cancelled"][0]["client_order_id"], id.as_str());
    assert_eq!(halted["cancelled"][0]["status"], "CANCELED");

    // Every later order is denied with a trading error, here and from the CLI.
    let e = err(&t, "submit_limit_order", limit_buy("48000")).await;
    assert_eq!(e["category"], "trading");
    assert_eq!(e["code"], "TRADING_HALTED");
    assert!(
        e["message"].as_str().unwrap().contains("runaway agent"),
        "{e}"
    );
    let cli = home.json_err(
        &[
            "order",
            "submit-market",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "BUY",
            "--quantity",
            "0.01",
        ],
        3,
    );
    assert_eq!(cli["code"], "TRADING_HALTED");
    let status = home.json(&["node", "status"]);
    assert_eq!(status["trading_state"], "HALTED");
    assert_eq!(status["state_reason"], "runaway agent");

    // Only an admin resumes.
    let e = err(&t, "resume_trading", json!({})).await;
    assert_eq!(e["code"], "PERMISSION_DENIED");
    let resumed = ok(&admin, "resume_trading", json!({"reason": "checked"})).await;
    assert_eq!(resumed["trading_state"], "ACTIVE");
    assert_eq!(resumed["previous_state"], "HALTED");
    ok(&t, "submit_limit_order", limit_buy("48000")).await;

    // Reduce-only: exits pass, entries do not.
    ok(
        &t,
        "submit_market_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.02"}),
    )
    .await;
    let reducing = ok(&t, "halt_trading", json!({"reduce_only": true})).await;
    assert_eq!(reducing["trading_state"], "REDUCING");
    let e = err(
        &t,
        "submit_market_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01"}),
    )
    .await;
    assert_eq!(e["code"], "TRADING_HALTED");
    let exit = ok(
        &t,
        "submit_market_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "SELL", "quantity": "0.01"}),
    )
    .await;
    assert_eq!(exit["order"]["status"], "FILLED");

    assert_eq!(home.json(&["node", "status"])["trading_state"], "REDUCING");
    assert_eq!(home.json(&["node", "verify"])["consistent"], true);
    t.cancel().await.unwrap();
    admin.cancel().await.unwrap();
    let (s, stderr) = server.terminate();
    assert!(s.success(), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_clients_trade_at_once_and_the_books_agree() {
    const CLIENTS: usize = 12;
    let home = Home::new();
    paper_node(&home);
    let server = HttpServer::start(&home, &[], &[]);
    let mut tasks = Vec::new();
    for i in 0..CLIENTS {
        let url = server.url.clone();
        tasks.push(tokio::spawn(async move {
            let c = connect(&url, None).await.unwrap();
            // What this client was told: order id -> (status, commission paid).
            let mut told: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
            let buy = ok(&c, "submit_limit_order", limit_buy(&format!("{}", 49000 + i))).await;
            let sell = ok(&c, "submit_limit_order", json!({"instrument_id": "BTCUSDT.BINANCE", "side": "SELL", "quantity": "0.01", "price": format!("{}", 52000 + i)})).await;
            let buy_id = buy["order"]["client_order_id"].as_str().unwrap().to_string();
            let sell_id = sell["order"]["client_order_id"].as_str().unwrap().to_string();
            let modified = ok(&c, "modify_order", json!({"order_id": buy_id, "price": format!("{}", 48000 + i)})).await;
            assert_eq!(modified["order"]["price"], format!("{}.00", 48000 + i));
            let canceled = ok(&c, "cancel_order", json!({"order_id": sell_id})).await;
            assert_eq!(canceled["order"]["status"], "CANCELED");
            // A retried submission with the same id returns the same order, not a second one.
            let own = format!("C{i}-RETRY");
            let m = json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.001", "client_order_id": own});
            let first = ok(&c, "submit_market_order", m.clone()).await;
            let again = ok(&c, "submit_market_order", m).await;
            assert_eq!(again["duplicate"], true);
            assert_eq!(again["order"]["client_order_id"], first["order"]["client_order_id"]);
            let status = ok(&c, "get_order_status", json!({"order_id": buy_id})).await;
            assert_eq!(status["order"]["price"], format!("{}.00", 48000 + i));
            ok(&c, "list_orders", json!({})).await;
            ok(&c, "get_account_info", json!({})).await;
            for (doc, key) in [(&modified, "order"), (&canceled, "order"), (&first, "order")] {
                let o = &doc[key];
                told.insert(
                    o["client_order_id"].as_str().unwrap().to_string(),
                    (
                        o["status"].as_str().unwrap().to_string(),
                        serde_json::from_value(o["commission"].clone()).unwrap(),
                    ),
                );
            }
            c.cancel().await.unwrap();
            told
        }));
    }
    let mut told: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for t in tasks {
        let mine = t.await.unwrap();
        for (k, v) in mine {
            assert!(told.insert(k, v).is_none(), "an order id was given twice");
        }
    }
    assert_eq!(told.len(), CLIENTS * 3);

    // The store, the journal and the account agree exactly with what the clients were told.
    let admin = connect(&server.url, None).await.unwrap();
    let listed = ok(
        &admin,
        "list_orders",
        json!({"status": "all", "limit": 10000, "detail": "full"}),
    )
    .await;
    let listed = common::statuses(&listed["orders"]);
    assert_eq!(
        listed.keys().collect::<BTreeSet<_>>(),
        told.keys().collect::<BTreeSet<_>>(),
        "no lost and no extra order"
    );
    let mut commission = Decimal::ZERO;
    for (id, (status, paid)) in &told {
        assert_eq!(&listed[id], status, "{id}");
        let history = ok(&admin, "get_order_status", json!({"order_id": id})).await;
        let events: Vec<&str> = history["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect();
        assert_eq!(
            events.iter().filter(|e| **e == "INITIALIZED").count(),
            1,
            "{id}: {events:?}"
        );
        assert_eq!(
            events.iter().filter(|e| **e == "SUBMITTED").count(),
            1,
            "{id}: {events:?}"
        );
        let fills = events.iter().filter(|e| **e == "FILLED").count();
        assert_eq!(fills, usize::from(status == "FILLED"), "{id}: {events:?}");
        for c in paid {
            commission += c.trim_end_matches(" USDT").parse::<Decimal>().unwrap();
        }
    }
    assert!(commission > Decimal::ZERO);
    let account = ok(&admin, "get_account_info", json!({})).await;
    let usdt = common::balance(&account, "USDT");
    assert_eq!(dec(&usdt["total"]), Decimal::from(100_000) - commission);
    let positions = ok(&admin, "get_positions", json!({})).await;
    assert_eq!(
        dec(&positions["positions"][0]["quantity"]),
        Decimal::new(CLIENTS as i64, 3)
    );
    // Replaying the journal rebuilds exactly the stored orders, positions and account.
    let verified = ok(&admin, "verify_node_state", json!({})).await;
    assert_eq!(verified["consistent"], true, "{verified}");
    admin.cancel().await.unwrap();
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_answers_while_a_long_backtest_runs() {
    let home = Home::new();
    paper_node(&home);
    home.json(&["data", "generate", "--bars", "525600", "--seed", "3"]);
    let server = HttpServer::start(&home, &[], &[]);
    let runner = connect(&server.url, None).await.unwrap();
    let reader = connect(&server.url, None).await.unwrap();
    let long = tokio::spawn(async move {
        let started = Instant::now();
        let r = ok(
            &runner,
            "run_backtest",
            json!({"strategy_id": "MovingAverageCrossover", "instruments": ["BTCUSDT.BINANCE"], "parameters": {"fast_period": 10, "slow_period": 30}, "engine": "nautilus"}),
        )
        .await;
        runner.cancel().await.unwrap();
        (r, started.elapsed())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut slowest = Duration::ZERO;
    for _ in 0..10 {
        let t = Instant::now();
        ok(&reader, "list_orders", json!({})).await;
        ok(&reader, "get_account_info", json!({})).await;
        slowest = slowest.max(t.elapsed());
    }
    let placed = ok(&reader, "submit_limit_order", limit_buy("49000")).await;
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    // Twenty reads and an order answered while the backtest was still running: none waited
    // for it (how long they took is the benchmarks' business, not a test's).
    assert!(
        !long.is_finished(),
        "the backtest must still be running for this test to mean anything"
    );
    let (run, took) = long.await.unwrap();
    assert_eq!(run["bars"], 525_600);
    eprintln!("backtest took {took:?}; slowest read pair during it {slowest:?}");
    reader.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_calls_in_flight_finish() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "200000", "--seed", "5"]);
    let server = HttpServer::start(&home, &[], &[]);
    let client = connect(&server.url, None).await.unwrap();
    let run = tokio::spawn(async move {
        let r = call(
            &client,
            "run_backtest",
            // On the engine: the fast path would end before the signal.
            json!({"strategy_id": "BuyAndHold", "instruments": ["BTCUSDT.BINANCE"],
                   "engine": "nautilus"}),
        )
        .await;
        (r, client)
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!run.is_finished(), "the call is in flight");
    let pid = server.pid();
    // SAFETY: signalling our own child process.
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let (result, client) = run.await.unwrap();
    assert_eq!(
        result.is_error,
        Some(false),
        "{:?}",
        result.structured_content
    );
    let run_id = result.structured_content.unwrap()["run_id"].clone();
    drop(client);
    let (status, stderr) = server.terminate();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("shutting down: 1 call(s) in flight"),
        "{stderr}"
    );
    assert!(stderr.contains("journal flushed"), "{stderr}");
    let runs = home.json(&["backtest", "list"]);
    assert!(
        runs.to_string().contains(run_id.as_str().unwrap()),
        "the run was stored"
    );
}

/// A client that records progress notifications.
#[derive(Clone)]
struct Watcher {
    progress: tokio::sync::mpsc::UnboundedSender<rmcp::model::ProgressNotificationParam>,
}

impl rmcp::ClientHandler for Watcher {
    async fn on_progress(
        &self,
        params: rmcp::model::ProgressNotificationParam,
        _cx: rmcp::service::NotificationContext<rmcp::service::RoleClient>,
    ) {
        let _ = self.progress.send(params);
    }
}

/// Calls in flight on the server, from `/healthz`.
async fn in_flight(base: &str) -> u64 {
    let health: Value = reqwest::get(format!("{base}/healthz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    health["calls_in_flight"].as_u64().expect("calls_in_flight")
}

/// Waits until the server runs no call; returns how long that took.
async fn until_idle(base: &str) -> Duration {
    let t = Instant::now();
    while in_flight(base).await > 0 {
        assert!(t.elapsed() < Duration::from_secs(120), "a call never ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    t.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_and_cancellation_reach_backtests_and_sweeps() {
    use rmcp::{
        ServiceExt,
        model::{CallToolRequest, CallToolRequestParams, ClientRequest},
        service::PeerRequestOptions,
        transport::StreamableHttpClientTransport,
    };
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "525600", "--seed", "3"]);
    let server = HttpServer::start(&home, &[], &[]);
    let (tx, mut progress) = tokio::sync::mpsc::unbounded_channel();
    let client = Watcher { progress: tx }
        .serve(StreamableHttpClientTransport::from_uri(server.url.clone()))
        .await
        .unwrap();
    let start = |tool: &str, args: Value| {
        let Value::Object(map) = args else {
            unreachable!()
        };
        let request = ClientRequest::CallToolRequest(CallToolRequest::new(
            CallToolRequestParams::new(tool.to_string()).with_arguments(map),
        ));
        client.send_cancellable_request(request, PeerRequestOptions::no_options())
    };

    // A year of minute bars: progress arrives while it runs, then the client cancels it.
    let run = start(
        "run_backtest",
        json!({"strategy_id": "MovingAverageCrossover", "instruments": ["BTCUSDT.BINANCE"], "parameters": {"fast_period": 10, "slow_period": 30}, "engine": "nautilus"}),
    )
    .await
    .unwrap();
    let token = run.progress_token.clone();
    let wait = Duration::from_secs(60);
    let first = tokio::time::timeout(wait, progress.recv())
        .await
        .expect("progress")
        .unwrap();
    let second = tokio::time::timeout(wait, progress.recv())
        .await
        .expect("more progress")
        .unwrap();
    assert_eq!(first.progress_token, token);
    assert!(
        second.progress > first.progress,
        "{first:?} then {second:?}"
    );
    assert!(second.total.is_some_and(|t| t >= second.progress));
    assert_eq!(in_flight(&server.base).await, 1);
    run.cancel(Some("enough".into())).await.unwrap();
    until_idle(&server.base).await;
    let listed = home.json(&["backtest", "list"]);
    assert!(
        listed["runs"].as_array().unwrap().is_empty(),
        "a cancelled run is not stored: {listed}"
    );

    // A sweep's runs stop with it.
    let sweep = start(
        "sweep_backtest",
        json!({"strategy_id": "MovingAverageCrossover", "instruments": ["BTCUSDT.BINANCE"], "grid": {"fast_period": [5, 10, 15, 20]}, "parameters": {"slow_period": 30}, "threads": 2, "engine": "nautilus"}),
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(in_flight(&server.base).await, 1, "the sweep is running");
    sweep.cancel(None).await.unwrap();
    until_idle(&server.base).await;
    let listed = home.json(&["backtest", "list"]);
    assert!(
        listed["runs"].as_array().unwrap().is_empty(),
        "no run of a cancelled sweep is stored: {listed}"
    );

    // The session survives its cancelled calls.
    let r = common::call_tool(&client, "list_strategies", json!({})).await;
    assert_eq!(r.is_error, Some(false));
    client.cancel().await.unwrap();
    let (status, stderr) = server.terminate();
    assert!(status.success(), "{stderr}");
}
