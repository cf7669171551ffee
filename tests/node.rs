//! The paper trading node, as a user sees it: the whole order lifecycle from separate CLI
//! processes sharing one state dir, the same scenario through one MCP session, values checked
//! against hand computation from the shipped bars, and the journal checked after every run.

mod common;

use std::{collections::BTreeMap, str::FromStr};

use common::{Home, assert_consistent, call_tool, mcp_command, project_data};
use rmcp::{
    ServiceExt,
    service::{RoleClient, RunningService},
    transport::TokioChildProcess,
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const BTC: &str = "BTCUSDT.BINANCE";

fn dec(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}")),
        Value::Number(n) => Decimal::from_str(&n.to_string()).unwrap(),
        other => panic!("not a decimal: {other}"),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// One bar of the shipped sample, stamped at its close like the catalog stores it.
struct Bar {
    close_ts: chrono::DateTime<chrono::Utc>,
    low: Decimal,
    close: Decimal,
}

fn shipped_bars() -> Vec<Bar> {
    let mut reader =
        csv::Reader::from_path(project_data().join("synthetic-btcusdt-1m-2024-01.csv")).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let open_ts = chrono::DateTime::parse_from_rfc3339(&r[0])
                .unwrap()
                .with_timezone(&chrono::Utc);
            Bar {
                close_ts: open_ts + chrono::Duration::minutes(1),
                low: d(&r[3]),
                close: d(&r[4]),
            }
        })
        .collect()
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// The last close at or before `t`.
fn close_at(bars: &[Bar], t: &str) -> Decimal {
    let t = at(t);
    bars.iter().rev().find(|b| b.close_ts <= t).unwrap().close
}

/// Historical one-day 95% VaR of a long notional, recomputed independently: the last close of
/// each UTC day over by `t` (a bar closing at midnight closes the day before; the current day
/// has no close yet), simple daily returns, the loss at the 5% quantile.
fn var_95(bars: &[Bar], t: &str, notional: f64) -> f64 {
    let t = at(t);
    let mut daily: BTreeMap<i64, f64> = BTreeMap::new();
    for b in bars.iter().filter(|b| b.close_ts <= t) {
        let day = (b.close_ts.timestamp() - 1).div_euclid(86_400);
        if (day + 1) * 86_400 <= t.timestamp() {
            daily.insert(day, b.close.to_string().parse().unwrap());
        }
    }
    let closes: Vec<f64> = daily.into_values().collect();
    let mut returns: Vec<f64> = closes.windows(2).map(|w| w[1] / w[0] - 1.0).collect();
    assert!(returns.len() >= 20, "the scenario needs 20 daily returns");
    returns.sort_by(f64::total_cmp);
    let k = (0.05 * returns.len() as f64).floor() as usize;
    -returns[k] * notional
}

/// A step of the scenario, written once for both faces: the CLI arguments and the MCP call.
struct Step<'a> {
    cli: Vec<String>,
    tool: &'a str,
    args: Value,
}

fn step<'a>(cli: &[&str], tool: &'a str, args: Value) -> Step<'a> {
    Step {
        cli: cli.iter().map(ToString::to_string).collect(),
        tool,
        args,
    }
}

/// Runs steps through one face.
trait Driver {
    /// The document of a step that must succeed.
    fn ok(&mut self, s: &Step) -> Value;
    /// The error object of a step that must fail with `category`.
    fn err(&mut self, s: &Step, category: &str) -> Value;
}

/// Every step a separate CLI process.
struct Cli<'h>(&'h Home);

impl Driver for Cli<'_> {
    fn ok(&mut self, s: &Step) -> Value {
        let args: Vec<&str> = s.cli.iter().map(String::as_str).collect();
        self.0.json(&args)
    }

    fn err(&mut self, s: &Step, category: &str) -> Value {
        let args: Vec<&str> = s.cli.iter().map(String::as_str).collect();
        let code = match category {
            "client" => 2,
            "trading" => 3,
            _ => 4,
        };
        let e = self.0.json_err(&args, code);
        assert_eq!(e["category"], category, "{e}");
        e
    }
}

/// Every step a tool call in one MCP session with the server binary.
struct Mcp {
    rt: tokio::runtime::Runtime,
    client: RunningService<RoleClient, ()>,
}

impl Mcp {
    fn start(home: &Home) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (state, config) = (home.state(), home.config.clone());
        let client = rt.block_on(async move {
            let transport =
                TokioChildProcess::new(mcp_command(&state, &config)).expect("spawn server");
            ().serve(transport).await.expect("initialize")
        });
        Self { rt, client }
    }

    fn call(&mut self, s: &Step) -> (bool, Value) {
        let r = self
            .rt
            .block_on(call_tool(&self.client, s.tool, s.args.clone()));
        (
            r.is_error == Some(true),
            r.structured_content.expect("structured content"),
        )
    }
}

impl Driver for Mcp {
    fn ok(&mut self, s: &Step) -> Value {
        let (failed, doc) = self.call(s);
        assert!(!failed, "{}: {doc}", s.tool);
        doc
    }

    fn err(&mut self, s: &Step, category: &str) -> Value {
        let (failed, doc) = self.call(s);
        assert!(failed, "{} should fail: {doc}", s.tool);
        assert_eq!(doc["error"]["category"], category, "{doc}");
        doc["error"].clone()
    }
}

fn order_of<'v>(doc: &'v Value, id: &str) -> &'v Value {
    doc["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["client_order_id"] == id)
        .unwrap_or_else(|| panic!("no order {id} in {doc}"))
}

fn event_names(status: &Value) -> Vec<String> {
    status["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect()
}

/// The final state a face leaves behind, without what differs between two runs by design
/// (venue order ids are random, journal times are wall-clock).
fn final_state(drv: &mut dyn Driver) -> Value {
    let mut orders = drv.ok(&step(
        &["order", "list", "--status", "all"],
        "list_orders",
        json!({"status": "all", "detail": "full"}),
    ));
    for o in orders["orders"].as_array_mut().unwrap() {
        o.as_object_mut().unwrap().remove("venue_order_id");
    }
    let account = drv.ok(&step(&["account", "info"], "get_account_info", json!({})));
    let positions = drv.ok(&step(
        &["position", "list", "--include-closed"],
        "get_positions",
        json!({"include_closed": true}),
    ));
    let risk = drv.ok(&step(&["position", "risk"], "get_position_risk", json!({})));
    let mut node = drv.ok(&step(
        &["node", "status"],
        "get_node_status",
        json!({"detail": "full"}),
    ));
    for v in node["venues"].as_array_mut().unwrap() {
        v.as_object_mut().unwrap().remove("connected");
    }
    json!({ "orders": orders, "account": account, "positions": positions, "risk": risk, "node": node })
}

/// The lifecycle: a resting limit that is modified and fills with commission, a cancel, a
/// denial by the node's limit, a stop-limit that triggers, a bracket whose take-profit
/// cancels its stop-loss; balances, positions and risk checked against hand computation.
fn scenario(drv: &mut dyn Driver) -> Value {
    let bars = shipped_bars();
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    let data = data.to_str().unwrap();
    drv.ok(&step(
        &["data", "import", data, "--instrument", BTC],
        "import_data",
        json!({"path": data, "instrument_id": BTC}),
    ));
    drv.ok(&step(
        &[
            "node",
            "init",
            "--venue",
            "BINANCE",
            "--max-order-size",
            "1",
        ],
        "initialize_trading_node",
        json!({"venues": ["BINANCE"], "config": {"risk": {"max_order_size": 1}}}),
    ));
    drv.ok(&step(
        &[
            "venue",
            "connect",
            "BINANCE",
            "--mode",
            "paper",
            "--account-type",
            "cash",
            "--balance",
            "100000 USDT",
        ],
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "paper", "account_type": "cash",
               "starting_balances": ["100000 USDT"]}),
    ));
    let t0 = "2024-01-25T00:00:00Z";
    let moved = drv.ok(&step(
        &["node", "advance", "--until", t0],
        "advance_market",
        json!({"until": t0}),
    ));
    assert_eq!(moved["market_time"], t0);
    let market = close_at(&bars, t0);

    // A limit buy below the market rests.
    let limit = d("34900");
    assert!(limit < market);
    let submit_a1 = step(
        &[
            "order",
            "submit-limit",
            "--instrument",
            BTC,
            "--side",
            "buy",
            "--quantity",
            "0.5",
            "--price",
            "34900",
            "--order-id",
            "A1",
        ],
        "submit_limit_order",
        json!({"instrument_id": BTC, "side": "BUY", "quantity": "0.5", "price": 34900,
               "order_id": "A1"}),
    );
    let a1 = drv.ok(&submit_a1);
    assert_eq!(a1["order"]["status"], "ACCEPTED");
    assert_eq!(dec(&a1["order"]["filled_qty"]), Decimal::ZERO);

    // Submitting the same client order id again returns the order, not a second one.
    let again = drv.ok(&submit_a1);
    assert_eq!(again["duplicate"], true);

    let b1 = drv.ok(&step(
        &[
            "order",
            "submit-limit",
            "--instrument",
            BTC,
            "--side",
            "buy",
            "--quantity",
            "0.1",
            "--price",
            "30000",
            "--order-id",
            "B1",
        ],
        "submit_limit_order",
        json!({"instrument_id": BTC, "side": "buy", "quantity": 0.1, "price": "30000",
               "order_id": "B1"}),
    ));
    assert_eq!(b1["order"]["status"], "ACCEPTED");
    let open = drv.ok(&step(&["order", "list"], "list_orders", json!({})));
    assert_eq!(open["orders"].as_array().unwrap().len(), 2, "{open}");

    // Modify and cancel work on resting orders.
    let modified = drv.ok(&step(
        &["order", "modify", "A1", "--quantity", "0.6"],
        "modify_order",
        json!({"order_id": "A1", "quantity": "0.6"}),
    ));
    assert_eq!(dec(&modified["order"]["quantity"]), d("0.6"));
    assert_eq!(modified["order"]["status"], "ACCEPTED");
    let canceled = drv.ok(&step(
        &["order", "cancel", "B1"],
        "cancel_order",
        json!({"order_id": "B1"}),
    ));
    assert_eq!(canceled["order"]["status"], "CANCELED");

    // Over max_order_size: denied by the node, with the limit and the value in the message.
    let denied = drv.err(
        &step(
            &[
                "order",
                "submit-limit",
                "--instrument",
                BTC,
                "--side",
                "buy",
                "--quantity",
                "1.5",
                "--price",
                "30000",
                "--order-id",
                "BIG1",
            ],
            "submit_limit_order",
            json!({"instrument_id": BTC, "side": "BUY", "quantity": "1.5", "price": "30000",
                   "order_id": "BIG1"}),
        ),
        "trading",
    );
    assert_eq!(denied["code"], "ORDER_DENIED");
    let message = denied["message"].as_str().unwrap();
    assert!(
        message.contains("max_order_size") && message.contains("1.5") && message.contains("1"),
        "{message}"
    );

    // Advancing through the bar whose low crosses 34900 fills it there, as a maker.
    let t1 = "2024-01-25T00:10:00Z";
    let fill_bar = bars
        .iter()
        .find(|b| b.close_ts > at(t0) && b.low <= limit)
        .unwrap();
    assert!(fill_bar.close_ts <= at(t1));
    let moved = drv.ok(&step(
        &["node", "advance", "--until", t1],
        "advance_market",
        json!({"until": t1}),
    ));
    assert_eq!(moved["fills"], 1);
    let status = drv.ok(&step(
        &["order", "status", "A1"],
        "get_order_status",
        json!({"order_id": "A1"}),
    ));
    let o = &status["order"];
    assert_eq!(o["status"], "FILLED");
    assert_eq!(dec(&o["filled_qty"]), d("0.6"));
    assert_eq!(dec(&o["avg_px"]), limit);
    let maker_fee = d("0.001"); // the instrument's, from data/instruments.json
    let commission_a1 = d("0.6") * limit * maker_fee;
    assert_eq!(
        o["commission"],
        json!([format!("{} USDT", commission_a1.normalize())])
    );
    assert_eq!(
        o["updated"],
        fill_bar.close_ts.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    );
    assert_eq!(
        event_names(&status),
        [
            "INITIALIZED",
            "SUBMITTED",
            "ACCEPTED",
            "PENDINGUPDATE",
            "UPDATED",
            "FILLED"
        ]
    );

    // A filled order can be neither cancelled nor modified.
    for s in [
        step(
            &["order", "cancel", "A1"],
            "cancel_order",
            json!({"order_id": "A1"}),
        ),
        step(
            &["order", "modify", "A1", "--price", "34000"],
            "modify_order",
            json!({"order_id": "A1", "price": "34000"}),
        ),
    ] {
        let e = drv.err(&s, "client");
        assert_eq!(e["code"], "INVALID_STATE");
        assert!(e["message"].as_str().unwrap().contains("FILLED"), "{e}");
    }

    // Balances, position and risk against hand computation.
    let mark = close_at(&bars, t1);
    let usdt = d("100000") - d("0.6") * limit - commission_a1;
    let account = drv.ok(&step(&["account", "info"], "get_account_info", json!({})));
    let balance = |doc: &Value, ccy: &str| -> Decimal { dec(&common::balance(doc, ccy)["total"]) };
    assert_eq!(balance(&account, "USDT"), usdt);
    assert_eq!(balance(&account, "BTC"), d("0.6"));
    assert_eq!(
        account["commission_paid"],
        json!([format!("{} USDT", commission_a1.normalize())])
    );
    let positions = drv.ok(&step(&["position", "list"], "get_positions", json!({})));
    let p = &positions["positions"][0];
    assert_eq!(p["side"], "LONG");
    assert_eq!(dec(&p["quantity"]), d("0.6"));
    assert_eq!(dec(&p["avg_px_open"]), limit);
    assert_eq!(dec(&p["mark_price"]), mark);
    assert_eq!(dec(&p["unrealized_pnl"]), d("0.6") * (mark - limit));
    assert_eq!(dec(&p["realized_pnl"]), -commission_a1);

    let risk = drv.ok(&step(&["position", "risk"], "get_position_risk", json!({})));
    let r = &risk["positions"][0];
    let notional = d("0.6") * mark;
    let equity = usdt + notional; // a cash account holds the coins it paid for
    assert_eq!(dec(&r["notional"]), notional);
    assert_eq!(dec(&risk["account"][0]["equity"]), equity);
    let share: f64 = (notional / equity * d("100")).to_string().parse().unwrap();
    assert!((r["share_of_equity_pct"].as_f64().unwrap() - share).abs() < 1e-4);
    assert!(r["initial_margin"].is_null() && r["liquidation_price"].is_null());
    let expected_var = var_95(&bars, t1, notional.to_string().parse().unwrap());
    let var: f64 = r["var_1d_95"].as_str().unwrap().parse().unwrap();
    assert!(
        (var - expected_var).abs() < 0.01,
        "VaR {var} vs {expected_var}"
    );
    assert!(
        r["var_method"]
            .as_str()
            .unwrap()
            .contains("23 daily returns"),
        "{r}"
    );

    // A reduce-only stop-limit sell: the bar that trades down through 34760 triggers it.
    let s1 = drv.ok(&step(
        &[
            "order",
            "submit-stop",
            "--instrument",
            BTC,
            "--side",
            "sell",
            "--quantity",
            "0.2",
            "--trigger-price",
            "34760",
            "--price",
            "34755",
            "--reduce-only",
            "--order-id",
            "S1",
        ],
        "submit_stop_order",
        json!({"instrument_id": BTC, "side": "SELL", "quantity": "0.2", "trigger_price": "34760",
               "price": "34755", "reduce_only": true, "order_id": "S1"}),
    ));
    assert_eq!(s1["order"]["type"], "STOP_LIMIT");
    assert_eq!(s1["order"]["status"], "ACCEPTED");

    // A bracket: market entry with a stop-loss and a take-profit that cancel each other.
    let br = drv.ok(&step(
        &[
            "order",
            "submit-market",
            "--instrument",
            BTC,
            "--side",
            "buy",
            "--quantity",
            "0.1",
            "--stop-loss",
            "33000",
            "--take-profit",
            "35500",
            "--order-id",
            "BR1",
        ],
        "submit_market_order",
        json!({"instrument_id": BTC, "side": "BUY", "quantity": "0.1", "stop_loss": "33000",
               "take_profit": "35500", "order_id": "BR1"}),
    ));
    assert_eq!(br["order"]["status"], "FILLED");
    assert_eq!(dec(&br["order"]["avg_px"]), mark);
    let children: Vec<(&str, &str)> = br["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["client_order_id"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(children, [("BR1-SL", "ACCEPTED"), ("BR1-TP", "ACCEPTED")]);

    let t2 = "2024-01-25T00:16:00Z";
    drv.ok(&step(
        &["node", "advance", "--until", t2],
        "advance_market",
        json!({"until": t2}),
    ));
    let status = drv.ok(&step(
        &["order", "status", "S1"],
        "get_order_status",
        json!({"order_id": "S1"}),
    ));
    assert_eq!(
        event_names(&status),
        [
            "INITIALIZED",
            "SUBMITTED",
            "ACCEPTED",
            "TRIGGERED",
            "FILLED"
        ]
    );
    // The bar's path fell through the trigger: filled there, within the limit.
    assert_eq!(dec(&status["order"]["avg_px"]), d("34760"));

    let t3 = "2024-01-25T01:00:00Z";
    drv.ok(&step(
        &["node", "advance", "--until", t3],
        "advance_market",
        json!({"until": t3}),
    ));
    let all = drv.ok(&step(
        &["order", "list", "--status", "all"],
        "list_orders",
        json!({"status": "all", "detail": "full"}),
    ));
    assert_eq!(order_of(&all, "BR1-TP")["status"], "FILLED");
    assert_eq!(dec(&order_of(&all, "BR1-TP")["avg_px"]), d("35500"));
    assert_eq!(order_of(&all, "BR1-SL")["status"], "CANCELED");
    assert_eq!(order_of(&all, "BIG1")["status"], "DENIED");

    // Every fill, by hand: the cash balance and the position's realized PnL.
    let taker_fee = d("0.001");
    let fills = [
        (d("0.6"), limit, maker_fee),
        (d("0.1"), mark, taker_fee),
        (d("-0.2"), d("34760"), maker_fee),
        (d("-0.1"), d("35500"), maker_fee),
    ];
    let cash: Decimal = d("100000")
        - fills
            .iter()
            .map(|(q, px, fee)| q * px + q.abs() * px * fee)
            .sum::<Decimal>();
    let account = drv.ok(&step(&["account", "info"], "get_account_info", json!({})));
    assert_eq!(balance(&account, "USDT"), cash);
    assert_eq!(balance(&account, "BTC"), d("0.4"));
    let avg_open = (d("0.6") * limit + d("0.1") * mark) / d("0.7");
    let commissions: Decimal = fills.iter().map(|(q, px, fee)| q.abs() * px * fee).sum();
    let realized =
        d("0.2") * (d("34760") - avg_open) + d("0.1") * (d("35500") - avg_open) - commissions;
    let positions = drv.ok(&step(&["position", "list"], "get_positions", json!({})));
    let p = &positions["positions"][0];
    assert_eq!(dec(&p["quantity"]), d("0.4"));
    assert!(
        (dec(&p["realized_pnl"]) - realized).abs() < d("0.000001"),
        "{p} vs {realized}"
    );

    // The journal rebuilds exactly the stored state.
    let v = drv.ok(&step(&["node", "verify"], "verify_node_state", json!({})));
    assert_eq!(v["consistent"], true, "{v}");
    assert_eq!(v["orders"], 7);
    final_state(drv)
}

#[test]
fn the_order_lifecycle_through_cli_processes_and_one_mcp_session_ends_in_the_same_state() {
    let cli_home = Home::new();
    let through_cli = scenario(&mut Cli(&cli_home));
    let mcp_home = Home::new();
    let mut mcp = Mcp::start(&mcp_home);
    let through_mcp = scenario(&mut mcp);
    assert_eq!(through_cli, through_mcp);
}

/// A node with the shipped bars, a paper BINANCE margin account and the market at `t0`.
fn trading_home() -> Home {
    common::trading_home(&[])
}

/// Resting limit orders far from the market, so that every submission stays open.
fn resting_args(i: usize) -> (String, &'static str, String) {
    let buy = i.is_multiple_of(2);
    let side = if buy { "BUY" } else { "SELL" };
    let price = if buy { 20000 + i } else { 50000 + i };
    (format!("C{i}"), side, price.to_string())
}

/// `--json order submit-limit` of 0.01 BTC at `price`.
fn resting_submit<'a>(side: &'a str, price: &'a str) -> [&'a str; 11] {
    [
        "--json",
        "order",
        "submit-limit",
        "--instrument",
        BTC,
        "--side",
        side,
        "--quantity",
        "0.01",
        "--price",
        price,
    ]
}

fn all_orders(home: &Home) -> Vec<Value> {
    home.json(&["order", "list", "--status", "all", "--limit", "10000"])["orders"]
        .as_array()
        .unwrap()
        .clone()
}

/// Sends `calls` (tool name, arguments) to one MCP server as a burst and kills it (SIGKILL)
/// once `kill_after` answers came back, while it works through the rest. Returns the structured
/// results of the calls that succeeded.
fn mcp_burst_killed(home: &Home, calls: &[(&str, Value)], kill_after: usize) -> Vec<Value> {
    use std::{
        io::{BufRead, BufReader, Write},
        process::{Command, Stdio},
    };

    let mut server = Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"))
        .arg("mcp")
        .env("NAUTILUS_MCP_HOME", home.state())
        .env("NAUTILUS_MCP_CONFIG", &home.config)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = server.stdin.take().unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    let mut send = |v: Value| {
        // The server may already be dead: a broken pipe is expected then.
        let _ = writeln!(stdin, "{v}").and_then(|()| stdin.flush());
    };
    send(
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": {"name": "crash-test", "version": "1"}}}),
    );
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.contains("\"result\""), "{line}");
    send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    for (i, (tool, args)) in calls.iter().enumerate() {
        send(
            json!({"jsonrpc": "2.0", "id": i + 1, "method": "tools/call",
                   "params": {"name": tool, "arguments": args}}),
        );
    }
    let (mut answered, mut succeeded) = (0, Vec::new());
    loop {
        line.clear();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        let msg: Value = serde_json::from_str(&line).unwrap();
        if msg["result"]["isError"] == false {
            succeeded.push(msg["result"]["structuredContent"].clone());
        }
        answered += 1;
        if answered == kill_after {
            server.kill().unwrap(); // SIGKILL, in the middle of the burst
        }
    }
    server.wait().unwrap();
    succeeded
}

/// Runs the CLI with `args` and kills it (SIGKILL) after `delay_ms`: before, during or after
/// its transaction. Whether it finished with success.
fn cli_killed(home: &Home, args: &[&str], delay_ms: u64) -> bool {
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"))
        .args(args)
        .env("NAUTILUS_MCP_HOME", home.state())
        .env("NAUTILUS_MCP_CONFIG", &home.config)
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(delay_ms));
    let _ = child.kill();
    child.wait_with_output().unwrap().status.success()
}

/// Every order a caller was told about is stored once, whole, and the journal rebuilds exactly
/// the stored state. Returns the stored orders.
fn assert_nothing_lost(home: &Home, told: &std::collections::BTreeSet<String>) -> Vec<Value> {
    assert_consistent(home);
    let stored = all_orders(home);
    let ids: std::collections::BTreeSet<String> = stored
        .iter()
        .map(|o| o["client_order_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), stored.len(), "duplicate order ids");
    for id in told {
        assert!(ids.contains(id), "order {id} was acknowledged but is lost");
    }
    stored
}

#[test]
fn a_process_killed_during_a_burst_of_submissions_leaves_a_consistent_journal() {
    let home = trading_home();
    let burst = 400;
    let calls: Vec<(&str, Value)> = (0..burst)
        .map(|i| {
            let (id, side, price) = resting_args(i);
            (
                "submit_limit_order",
                json!({"instrument_id": BTC, "side": side, "quantity": "0.01",
                       "price": price, "client_order_id": id}),
            )
        })
        .collect();
    let mut told = std::collections::BTreeSet::new();
    for sc in mcp_burst_killed(&home, &calls, 60) {
        assert_eq!(sc["order"]["status"], "ACCEPTED", "{sc}");
        told.insert(sc["order"]["client_order_id"].as_str().unwrap().to_string());
    }
    assert!(
        told.len() >= 60 && told.len() < burst,
        "{} answered",
        told.len()
    );

    // Separate CLI submissions, each killed after a different delay.
    for i in 0..24 {
        let (id, side, price) = resting_args(1000 + i);
        let args = [&resting_submit(side, &price)[..], &["--order-id", &id]].concat();
        if cli_killed(&home, &args, (i as u64 * 7) % 60) {
            told.insert(id);
        }
    }

    // Nothing is half-written: every order got as far as its acceptance.
    let stored = assert_nothing_lost(&home, &told);
    for o in &stored {
        assert_eq!(o["status"], "ACCEPTED", "half an order: {o}");
    }
    // A retry of a submission that landed (whether or not its caller heard back) returns the
    // order instead of placing a second one.
    let retried = stored[0]["client_order_id"].as_str().unwrap();
    let i: usize = retried[1..].parse().unwrap();
    let (_, side, price) = resting_args(i);
    let again = home.json(&[
        "order",
        "submit-limit",
        "--instrument",
        BTC,
        "--side",
        side,
        "--quantity",
        "0.01",
        "--price",
        &price,
        "--order-id",
        retried,
    ]);
    assert_eq!(again["duplicate"], true);
    assert_eq!(all_orders(&home).len(), stored.len());
}

/// Fills are the other half of the journal: processes killed while orders fill on submission
/// and while the market moves through resting orders leave no fill without its order, position
/// and balance change.
#[test]
fn processes_killed_while_orders_fill_leave_a_consistent_journal() {
    let home = trading_home();
    // Resting orders the next bars cross, between marketable limits of every time in force.
    let calls: Vec<(&str, Value)> = (0..120)
        .map(|i| {
            let (side, price, tif) = match i % 4 {
                0 => ("BUY", 35_100 - i * 2, "GTC"),
                1 => ("SELL", 35_300 + i * 8, "GTC"),
                2 => ("BUY", 36_000, ["IOC", "FOK", "GTC"][i % 3]),
                _ => ("SELL", 34_000, ["FOK", "GTC", "IOC"][i % 3]),
            };
            (
                "submit_limit_order",
                json!({"instrument_id": BTC, "side": side, "quantity": "0.001",
                       "price": price.to_string(), "time_in_force": tif,
                       "client_order_id": format!("F{i}")}),
            )
        })
        .collect();
    let told: std::collections::BTreeSet<String> = mcp_burst_killed(&home, &calls, 40)
        .iter()
        .map(|sc| sc["order"]["client_order_id"].as_str().unwrap().to_string())
        .collect();
    assert!(told.len() >= 40, "{} answered", told.len());
    assert_consistent(&home);

    // The market moves through the resting orders in processes killed part-way. The kill delays
    // spread over twice what one whole advance takes here, so that on a loaded machine too some
    // advances are killed mid-way and some finish.
    let args = ["--json", "node", "advance", "--bars", "15"];
    let started = std::time::Instant::now();
    home.json(&args[1..]);
    let span_ms = (2 * started.elapsed().as_millis() as u64).max(150);
    let mut advanced = 0;
    for i in 0..20 {
        advanced += u32::from(cli_killed(&home, &args, (i * 11) % 20 * span_ms / 20));
    }
    assert!(advanced > 0, "every advance was killed");
    let stored = assert_nothing_lost(&home, &told);
    let filled = stored.iter().filter(|o| o["status"] == "FILLED").count();
    assert!(filled >= 20, "{filled} filled");
    home.json(&["node", "advance", "--bars", "300"]);
    assert_consistent(&home);
}

#[test]
fn concurrent_cli_submissions_all_land_with_distinct_ids() {
    let home = trading_home();
    let results: Vec<(bool, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..6)
            .map(|t| {
                let home = &home;
                s.spawn(move || {
                    (0..5)
                        .map(|i| {
                            let (_, side, price) = resting_args(t * 10 + i);
                            let out = home
                                .cmd()
                                .args(resting_submit(side, &price))
                                .output()
                                .unwrap();
                            let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
                            (out.status.success(), doc)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut ids = std::collections::BTreeSet::new();
    for (ok, doc) in &results {
        if *ok {
            ids.insert(
                doc["order"]["client_order_id"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        } else {
            // The only acceptable failure is a clear busy error to retry.
            assert_eq!(doc["error"]["code"], "BUSY", "{doc}");
        }
    }
    let succeeded = results.iter().filter(|(ok, _)| *ok).count();
    assert_eq!(ids.len(), succeeded, "generated ids collided");
    assert!(succeeded >= 25, "only {succeeded} of 30 succeeded");
    let stored = all_orders(&home);
    assert_eq!(stored.len(), succeeded);
    assert_consistent(&home);
}

#[test]
fn a_pushed_quote_fills_a_resting_order_and_the_replay_continues_after_it() {
    let home = trading_home();
    home.json(&[
        "order",
        "submit-limit",
        "--instrument",
        BTC,
        "--side",
        "buy",
        "--quantity",
        "0.1",
        "--price",
        "34000",
        "--order-id",
        "P1",
    ]);
    // A quote above the limit leaves it resting; one through it fills it.
    let above = home.json(&[
        "market",
        "push",
        "--instrument",
        BTC,
        "--bid",
        "34500",
        "--ask",
        "34501",
    ]);
    assert_eq!(above["market_time"], "2024-01-25T00:00:00.001Z", "{above}");
    assert_eq!(
        home.json(&["order", "status", "P1"])["order"]["status"],
        "ACCEPTED"
    );
    let through = home.json(&[
        "market",
        "push",
        "--instrument",
        BTC,
        "--bid",
        "33990",
        "--ask",
        "33995",
    ]);
    assert_eq!(through["market_time"], "2024-01-25T00:00:00.002Z");
    let p1 = home.json(&["order", "status", "P1"]);
    assert_eq!(p1["order"]["status"], "FILLED", "{p1}");
    assert_eq!(p1["order"]["filled_qty"], "0.10000");
    // A resting limit fills at its own price, as in Nautilus's backtests.
    assert_eq!(dec(&p1["order"]["avg_px"]), d("34000"), "{p1}");

    // The pushed quotes did not move the clock past the catalog: the next bar still replays.
    let moved = home.json(&["node", "advance", "--bars", "1"]);
    assert_eq!(moved["bars"], 1, "{moved}");
    assert_eq!(moved["market_time"], "2024-01-25T00:01:00Z");

    // A push dated before the market clock is refused and changes nothing.
    let err = home.json_err(
        &[
            "market",
            "push",
            "--instrument",
            BTC,
            "--bid",
            "1",
            "--ask",
            "2",
            "--ts",
            "2024-01-24T00:00:00Z",
        ],
        2,
    );
    assert_eq!(err["code"], "INVALID_PARAMETER", "{err}");
    assert!(err["message"].as_str().unwrap().contains("ts"), "{err}");
    assert_consistent(&home);
}

/// A server keeps its loaded orders and matching engines between calls; another process writing
/// the store in between must make it load afresh, or it would act on orders that are no longer
/// what it holds (here: fill an order a second time).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_sees_orders_and_fills_written_by_other_processes() {
    let home = trading_home();
    let server =
        ().serve(TokioChildProcess::new(mcp_command(&home.state(), &home.config)).unwrap())
            .await
            .unwrap();
    let call = |tool: &'static str, args: Value| {
        let peer = server.peer().clone();
        async move {
            let r = call_tool(&peer, tool, args).await;
            let doc = r.structured_content.clone().unwrap_or_default();
            assert_eq!(r.is_error, Some(false), "{tool}: {doc}");
            doc
        }
    };
    let limit = |id: &str, side: &str, price: &str| json!({"instrument_id": BTC, "side": side, "quantity": "0.01", "price": price, "order_id": id});

    // The server loads the node and builds the book's engine; a CLI process then adds an order.
    call("submit_limit_order", limit("M1", "BUY", "30000")).await;
    let mut c1 = resting_submit("buy", "30001")[1..].to_vec();
    c1.extend(["--order-id", "C1"]);
    home.json(&c1);
    // The server cancels the order it did not place.
    let cancelled = call("cancel_order", json!({"order_id": "C1"})).await;
    assert_eq!(cancelled["order"]["status"], "CANCELED", "{cancelled}");

    // A CLI process fills the server's order with a quote through it.
    home.push(BTC, &["--bid", "29990", "--ask", "29995"]);
    let m1 = call("get_order_status", json!({"order_id": "M1"})).await;
    assert_eq!(m1["order"]["status"], "FILLED", "{m1}");
    // A lower quote through the server: the order it had resting is filled already.
    call(
        "push_market_data",
        json!({"instrument_id": BTC, "bid": "29980", "ask": "29985"}),
    )
    .await;
    let positions = call("get_positions", json!({})).await;
    let open: Vec<&Value> = positions["positions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["instrument_id"] == BTC)
        .collect();
    assert_eq!(open.len(), 1, "{positions}");
    assert_eq!(dec(&open[0]["quantity"]), d("0.01"), "{positions}");

    // And the other way round: orders the server placed after the fill are the CLI's to cancel.
    call("submit_limit_order", limit("M2", "SELL", "60000")).await;
    let c = home.json(&["order", "cancel", "M2"]);
    assert_eq!(c["order"]["status"], "CANCELED", "{c}");
    let m2 = call("get_order_status", json!({"order_id": "M2"})).await;
    assert_eq!(m2["order"]["status"], "CANCELED", "{m2}");
    call("submit_limit_order", limit("M3", "SELL", "60001")).await;
    server.cancel().await.unwrap();
    let statuses = common::statuses(&home.json(&["order", "list", "--status", "all"])["orders"]);
    assert_eq!(
        statuses,
        BTreeMap::from([
            ("C1".into(), "CANCELED".into()),
            ("M1".into(), "FILLED".into()),
            ("M2".into(), "CANCELED".into()),
            ("M3".into(), "ACCEPTED".into()),
        ])
    );
    assert_consistent(&home);
}

#[test]
fn the_configs_time_in_force_is_the_default_of_limit_orders() {
    let home = trading_home();
    std::fs::write(&home.config, "[trading]\ntime_in_force = \"IOC\"\n").unwrap();
    // Far below the market: an IOC limit is cancelled at once instead of resting.
    let (_, side, price) = resting_args(0);
    let placed = home.json(&resting_submit(side, &price)[1..]);
    assert_eq!(placed["order"]["time_in_force"], "IOC", "{placed}");
    assert_eq!(placed["order"]["status"], "CANCELED", "{placed}");
    // A request's own value wins.
    let placed = home.json(
        &[
            &resting_submit(side, &price)[1..],
            &["--time-in-force", "GTC"][..],
        ]
        .concat(),
    );
    assert_eq!(placed["order"]["status"], "ACCEPTED", "{placed}");

    std::fs::write(&home.config, "[trading]\ntime_in_force = \"BOGUS\"\n").unwrap();
    let err = home.json_err(&["order", "list"], 2);
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("config.trading.time_in_force") && message.contains("GTC, IOC, FOK, DAY"),
        "{err}"
    );
}

/// A limit order through the market fills as it is accepted; its stored state must keep every
/// event, as the journal has it (the matching engine once replaced it with its copy from before
/// `ACCEPTED`).
#[test]
fn limit_orders_that_fill_on_submission_keep_their_accepted_event() {
    let home = trading_home();
    for (id, tif) in [("F1", "FOK"), ("I1", "IOC"), ("G1", "GTC")] {
        let args = [
            &resting_submit("buy", "36000")[1..],
            &["--time-in-force", tif, "--order-id", id],
        ]
        .concat();
        let placed = home.json(&args);
        assert_eq!(placed["order"]["status"], "FILLED", "{tif}: {placed}");
        let status = home.json(&["order", "status", id]);
        assert_eq!(
            event_names(&status),
            ["INITIALIZED", "SUBMITTED", "ACCEPTED", "FILLED"],
            "{tif}: {status}"
        );
    }
    assert_consistent(&home);
}
