//! Orders on a live venue are confirmed by the person before anything is sent: on the CLI by a
//! prompt on a terminal or `--yes`, over MCP by an elicitation request, or for clients that
//! cannot be asked by a single-use token carried by a second call. Declined and expired
//! confirmations send nothing and are journaled.

use std::{
    process::Stdio,
    sync::{Arc, Mutex},
    time::Duration,
};

use rmcp::{
    ClientHandler, ServiceExt,
    model::{
        ClientCapabilities, ClientConfig, ElicitRequestParams, ElicitResult, ElicitationAction,
        ErrorData, Implementation,
    },
    service::{RequestContext, RoleClient, RunningService},
    transport::TokioChildProcess,
};
use serde_json::{Value, json};

use super::support::*;

/// A market buy of BTCUSDT as CLI arguments.
const BUY: [&str; 8] = [
    "order",
    "submit-market",
    "--instrument",
    "BTCUSDT.BINANCE",
    "--side",
    "BUY",
    "--quantity",
    "0.001",
];

/// A home on the stand-in connected in live mode (`allow_live`, no `confirm` setting: live
/// orders are confirmed by default).
fn live_exchange(venue_extra: &str) -> Option<Exchange> {
    let ex = Exchange::with(
        start_standin()?,
        &format!("allow_live = true\n{venue_extra}"),
        "",
    )?;
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let doc = ex.json(&["venue", "connect", "BINANCE", "--mode", "live"]);
    assert_eq!(doc["mode"], "live");
    Some(ex)
}

/// The confirmation outcomes journaled, oldest first: (kind, outcome, via).
fn journaled(ex: &Exchange) -> Vec<(String, String, String)> {
    let db = ex.db();
    let mut q = db
        .prepare("SELECT payload FROM journal WHERE kind = 'node' ORDER BY seq")
        .unwrap();
    let rows: Vec<String> = q
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.iter()
        .filter_map(|p| {
            let v: Value = serde_json::from_str(p).unwrap();
            ["OrderConfirmed", "ConfirmationRefused"]
                .into_iter()
                .find_map(|k| {
                    v.get(k).map(|e| {
                        (
                            k.to_string(),
                            e["outcome"].as_str().unwrap().to_string(),
                            e["via"].as_str().unwrap().to_string(),
                        )
                    })
                })
        })
        .collect()
}

fn placements(ex: &Exchange) -> usize {
    ex.requests("POST", "/api/v3/order").len()
}

#[test]
fn without_a_terminal_a_live_order_is_refused_naming_yes_and_yes_sends_it() {
    let Some(ex) = live_exchange("") else { return };
    let err = ex.json_err(&BUY, 2);
    assert_eq!(err["code"], "CONFIRMATION_REQUIRED", "{err}");
    assert!(err["message"].as_str().unwrap().contains("--yes"), "{err}");
    assert_eq!(placements(&ex), 0, "nothing was sent");
    assert!(ex.standin.orders().is_empty());
    assert!(
        ex.json(&["order", "list"])["orders"]
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing was recorded"
    );

    let mut args = vec!["--yes"];
    args.extend(BUY);
    let placed = ex.json(&args);
    assert_eq!(placed["mode"], "live");
    assert_eq!(placed["order"]["status"], "FILLED", "{placed}");
    assert_eq!(placements(&ex), 1);
    assert_eq!(
        journaled(&ex),
        vec![("OrderConfirmed".into(), "confirmed".into(), "--yes".into())]
    );
    ex.assert_consistent();
}

#[test]
fn testnet_orders_are_not_confirmed_unless_the_config_says_so() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    ex.json(&BUY);
    assert_eq!(placements(&ex), 1, "testnet: confirm defaults to never");

    let Some(ex) = Exchange::with(start_standin().unwrap(), "confirm = \"always\"", "") else {
        return;
    };
    ex.connect();
    let err = ex.json_err(&BUY, 2);
    assert_eq!(err["code"], "CONFIRMATION_REQUIRED", "{err}");
    assert_eq!(placements(&ex), 0);
}

#[test]
fn above_notional_asks_only_for_orders_worth_more() {
    let Some(ex) = live_exchange("confirm = \"above_notional\"\nconfirm_above_notional = \"100\"")
    else {
        return;
    };
    // 0.001 BTC at 50000.10 is 50.0001 USDT: below the threshold, sent without asking.
    ex.json(&BUY);
    assert_eq!(placements(&ex), 1);
    // 0.01 BTC is 500.001 USDT: asked.
    let mut big = BUY;
    big[7] = "0.01";
    let err = ex.json_err(&big, 2);
    assert_eq!(err["code"], "CONFIRMATION_REQUIRED", "{err}");
    assert_eq!(placements(&ex), 1);
}

/// Runs the CLI on a terminal (a pseudo-terminal from `script`), answering `answer` to the
/// prompt; returns everything the terminal showed.
fn on_a_terminal(ex: &Exchange, args: &[&str], answer: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("nautilus-mcp");
    let line = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .env("NAUTILUS_MCP_HOME", ex.state())
        .env("NAUTILUS_MCP_CONFIG", &ex.config)
        .env("BINANCE_API_KEY", API_KEY)
        .env("BINANCE_API_SECRET", SECRET)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script runs");
    let mut stdin = child.stdin.take().unwrap();
    let answer = answer.to_string();
    // The answer is typed once the prompt is up; stdin stays open until the command ends.
    let typist = std::thread::spawn(move || {
        use std::io::Write;
        std::thread::sleep(Duration::from_millis(1500));
        let _ = stdin.write_all(answer.as_bytes());
        let _ = stdin.flush();
        std::thread::sleep(Duration::from_secs(20));
        drop(stdin);
    });
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the command ends within 60 s")
        .expect("script output");
    drop(typist);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_terminal_the_person_is_asked_and_their_answer_decides() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no `script` to make a terminal with; skipped");
        return;
    }
    let Some(ex) = live_exchange("") else { return };
    let shown = on_a_terminal(&ex, &BUY, "n\n");
    assert!(shown.contains("Send it? [y/N]"), "{shown}");
    assert!(
        shown.contains("BUY") && shown.contains("BTCUSDT.BINANCE") && shown.contains("LIVE"),
        "the prompt shows the order: {shown}"
    );
    assert!(shown.contains("CONFIRMATION_DECLINED"), "{shown}");
    assert_eq!(placements(&ex), 0);

    let shown = on_a_terminal(&ex, &BUY, "y\n");
    assert!(shown.contains("Send it? [y/N]"), "{shown}");
    assert_eq!(placements(&ex), 1, "{shown}");
    assert_eq!(
        journaled(&ex),
        vec![
            (
                "ConfirmationRefused".into(),
                "declined".into(),
                "prompt".into()
            ),
            ("OrderConfirmed".into(), "confirmed".into(), "prompt".into()),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// MCP
// ---------------------------------------------------------------------------------------------

/// An MCP client standing for the person: it declares form elicitation and answers with
/// `answer`, or (None) declares none.
#[derive(Clone)]
struct Person {
    answer: Option<ElicitationAction>,
    /// The messages it was shown.
    shown: Arc<Mutex<Vec<String>>>,
}

impl Person {
    fn new(answer: Option<ElicitationAction>) -> Self {
        Self {
            answer,
            shown: Arc::default(),
        }
    }
}

impl ClientHandler for Person {
    fn get_info(&self) -> ClientConfig {
        let capabilities = if self.answer.is_some() {
            ClientCapabilities::builder().enable_elicitation().build()
        } else {
            ClientCapabilities::default()
        };
        ClientConfig::new(
            capabilities,
            Implementation::new("nautilus-mcp-confirm-tests", "1"),
        )
    }

    async fn create_elicitation(
        &self,
        request: ElicitRequestParams,
        _context: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, ErrorData> {
        if let ElicitRequestParams::FormElicitationParams { message, .. } = request {
            self.shown.lock().unwrap().push(message);
        }
        Ok(match self.answer.clone() {
            Some(ElicitationAction::Accept) => {
                ElicitResult::new(ElicitationAction::Accept).with_content(json!({"confirm": true}))
            }
            Some(other) => ElicitResult::new(other),
            None => ElicitResult::new(ElicitationAction::Decline),
        })
    }
}

/// `nautilus-mcp mcp` over the exchange's home, with `person` as its client.
async fn serve(ex: &Exchange, person: Person) -> RunningService<RoleClient, Person> {
    let stderr = std::fs::File::create(ex.dir.path().join("mcp-stderr.log")).expect("log");
    let (transport, _) =
        TokioChildProcess::builder(super::common::mcp_command(&ex.state(), &ex.config))
            .stderr(stderr)
            .spawn()
            .expect("spawn server");
    person.serve(transport).await.expect("initialize")
}

/// A live venue over MCP (credentials in the request, as a client gives them; they live in
/// that server's memory only).
async fn connect_live(client: &rmcp::Peer<RoleClient>) {
    let status = ok(client, "get_node_status", json!({})).await;
    if status["initialized"] != true {
        ok(
            client,
            "initialize_trading_node",
            json!({"venues": ["BINANCE"]}),
        )
        .await;
    }
    let doc = ok(
        client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "live",
               "credentials": {"api_key": API_KEY, "secret_key": SECRET}}),
    )
    .await;
    assert_eq!(doc["mode"], "live", "{doc}");
}

fn buy(qty: &str) -> Value {
    json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": qty})
}

fn with_token(mut args: Value, token: &Value) -> Value {
    args["confirm_token"] = token.clone();
    args
}

fn live_home() -> Option<Exchange> {
    Exchange::with(start_standin()?, "allow_live = true", "")
}

#[tokio::test(flavor = "multi_thread")]
async fn over_mcp_the_person_accepts_through_elicitation_and_the_order_is_sent() {
    let Some(ex) = live_home() else { return };
    let person = Person::new(Some(ElicitationAction::Accept));
    let shown = person.shown.clone();
    let client = serve(&ex, person).await;
    connect_live(&client).await;
    let placed = tokio::time::timeout(
        Duration::from_secs(60),
        ok(&client, "submit_market_order", buy("0.001")),
    )
    .await
    .expect("answers");
    assert_eq!(placed["order"]["status"], "FILLED", "{placed}");
    let shown = shown.lock().unwrap().clone();
    assert_eq!(shown.len(), 1, "asked once: {shown:?}");
    assert!(
        shown[0].contains("submit_market_order")
            && shown[0].contains("BUY 0.001")
            && shown[0].contains("expected fill"),
        "the person sees the order and its preview: {}",
        shown[0]
    );
    assert_eq!(placements(&ex), 1);
    client.cancel().await.unwrap();
    assert_eq!(
        journaled(&ex),
        vec![(
            "OrderConfirmed".into(),
            "confirmed".into(),
            "elicitation".into()
        )]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn over_mcp_a_declined_or_dismissed_confirmation_sends_nothing_and_is_journaled() {
    let Some(ex) = live_home() else { return };
    let client = serve(&ex, Person::new(Some(ElicitationAction::Decline))).await;
    connect_live(&client).await;
    let (failed, doc) = call(&client, "submit_market_order", buy("0.001")).await;
    assert!(failed);
    assert_eq!(doc["error"]["code"], "CONFIRMATION_DECLINED", "{doc}");
    assert_eq!(doc["error"]["category"], "trading", "{doc}");
    // A cancel-all is confirmed too.
    let (failed, doc) = call(
        &client,
        "cancel_all_orders",
        json!({"instrument_id": "BTCUSDT.BINANCE"}),
    )
    .await;
    assert!(failed);
    assert_eq!(doc["error"]["code"], "CONFIRMATION_DECLINED", "{doc}");
    client.cancel().await.unwrap();

    let client = serve(&ex, Person::new(Some(ElicitationAction::Cancel))).await;
    connect_live(&client).await;
    let (failed, doc) = call(&client, "submit_market_order", buy("0.001")).await;
    assert!(failed);
    assert_eq!(doc["error"]["code"], "CONFIRMATION_DECLINED", "{doc}");
    client.cancel().await.unwrap();

    assert_eq!(placements(&ex), 0);
    assert!(ex.requests("DELETE", "/api/v3/openOrders").is_empty());
    let outcomes: Vec<String> = journaled(&ex).into_iter().map(|(_, o, _)| o).collect();
    assert_eq!(outcomes, ["declined", "declined", "dismissed"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_without_elicitation_gets_a_token_that_confirms_that_call_once() {
    let Some(ex) = live_home() else { return };
    let client = serve(&ex, Person::new(None)).await;
    connect_live(&client).await;

    let (failed, doc) = call(&client, "submit_market_order", buy("0.001")).await;
    assert!(failed);
    let err = &doc["error"];
    assert_eq!(err["code"], "CONFIRMATION_REQUIRED", "{doc}");
    let token = err["details"]["confirm_token"].clone();
    assert!(token.as_str().unwrap().starts_with("confirm_"), "{doc}");
    assert_eq!(err["details"]["preview"]["accepted"], true, "{doc}");
    assert_eq!(
        err["details"]["preview"]["venue_check"]["endpoint"], "POST /api/v3/order/test",
        "{doc}"
    );
    assert!(err["details"]["expires_at"].is_string(), "{doc}");
    assert_eq!(placements(&ex), 0);

    // Other parameters: refused, and the token is spent.
    let (failed, doc) = call(
        &client,
        "submit_market_order",
        with_token(buy("0.002"), &token),
    )
    .await;
    assert!(failed);
    assert_eq!(doc["error"]["code"], "CONFIRMATION_INVALID", "{doc}");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("quantity"),
        "{doc}"
    );
    let (failed, doc) = call(
        &client,
        "submit_market_order",
        with_token(buy("0.001"), &token),
    )
    .await;
    assert!(failed, "a presented token cannot be used again: {doc}");
    assert_eq!(doc["error"]["code"], "CONFIRMATION_INVALID", "{doc}");
    assert_eq!(placements(&ex), 0);

    // A fresh token confirms exactly its call, once.
    let (_, doc) = call(&client, "submit_market_order", buy("0.001")).await;
    let token = doc["error"]["details"]["confirm_token"].clone();
    let shown_id = doc["error"]["details"]["preview"]["order"]["client_order_id"].clone();
    let placed = ok(
        &client,
        "submit_market_order",
        with_token(buy("0.001"), &token),
    )
    .await;
    assert_eq!(placed["order"]["status"], "FILLED", "{placed}");
    assert_eq!(
        placed["order"]["client_order_id"], shown_id,
        "the order placed is the one previewed"
    );
    assert_eq!(placements(&ex), 1);
    let (failed, doc) = call(
        &client,
        "submit_market_order",
        with_token(buy("0.001"), &token),
    )
    .await;
    assert!(failed);
    assert_eq!(doc["error"]["code"], "CONFIRMATION_INVALID", "{doc}");
    assert_eq!(placements(&ex), 1, "reuse sends nothing");

    // A token for one tool does not confirm another.
    let (_, doc) = call(&client, "submit_market_order", buy("0.001")).await;
    let token = doc["error"]["details"]["confirm_token"].clone();
    let (failed, doc) = call(
        &client,
        "cancel_all_orders",
        json!({"instrument_id": "BTCUSDT.BINANCE", "confirm_token": token}),
    )
    .await;
    assert!(failed);
    assert_eq!(doc["error"]["code"], "CONFIRMATION_INVALID", "{doc}");
    client.cancel().await.unwrap();

    let outcomes: Vec<(String, String)> =
        journaled(&ex).into_iter().map(|(k, o, _)| (k, o)).collect();
    let refused = |o: &str| ("ConfirmationRefused".to_string(), o.to_string());
    assert_eq!(
        outcomes,
        vec![
            refused("invalid_token"),
            refused("invalid_token"),
            ("OrderConfirmed".into(), "confirmed".into()),
            refused("invalid_token"),
            refused("invalid_token"),
        ]
    );
}
