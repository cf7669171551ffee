//! Helpers shared by the integration tests: a private state directory per test and the
//! built binary.
#![allow(dead_code)]

pub mod http;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    process::Output,
    sync::{Arc, Mutex, OnceLock},
};

use assert_cmd::Command;
use serde_json::Value;

/// A private state directory and config for one test.
pub struct Home {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
}

impl Home {
    /// A fresh home with an empty config file (the user's own config is never read).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("nautilus-mcp.toml");
        std::fs::write(&config, "").expect("config");
        Self { dir, config }
    }

    /// A home whose config file has `text`.
    pub fn with_config(text: &str) -> Self {
        let home = Self::new();
        std::fs::write(&home.config, text).expect("config");
        home
    }

    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// The binary with this home's state and config.
    pub fn cmd(&self) -> Command {
        self.cmd_of(Command::cargo_bin("nautilus-mcp").expect("binary"))
    }

    /// `cmd` (a build of the binary) with this home's state and config.
    pub fn cmd_of(&self, mut cmd: Command) -> Command {
        cmd.env("NAUTILUS_MCP_HOME", self.state())
            .env("NAUTILUS_MCP_CONFIG", &self.config)
            .env_remove("RUST_LOG")
            .env_remove("BINANCE_API_KEY")
            .env_remove("BINANCE_API_SECRET");
        cmd
    }

    /// Runs with `--json`, expects success, returns the document.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().expect("runs");
        success_doc(args, &out)
    }

    /// Pushes market data (`market push --instrument ID ...`) and returns the answer.
    pub fn push(&self, instrument: &str, fields: &[&str]) -> Value {
        let mut args = vec!["market", "push", "--instrument", instrument];
        args.extend_from_slice(fields);
        self.json(&args)
    }

    /// Runs with `--json`, expects the given exit code, returns the error object.
    pub fn json_err(&self, args: &[&str], code: i32) -> Value {
        let out = self.cmd().arg("--json").args(args).output().expect("runs");
        error_doc(args, &out, code)
    }
}

/// Creates a bearer token of `scope` named `name` and returns it.
pub fn token(home: &Home, scope: &str, name: &str) -> String {
    let doc = home.json(&["token", "create", "--scope", scope, "--name", name]);
    doc["token"].as_str().expect("token").to_string()
}

/// Client order id → status of every order in an `orders` array (`list_orders`).
pub fn statuses(orders: &Value) -> std::collections::BTreeMap<String, String> {
    orders
        .as_array()
        .expect("an array of orders")
        .iter()
        .map(|o| {
            (
                o["client_order_id"]
                    .as_str()
                    .expect("client_order_id")
                    .to_string(),
                o["status"].as_str().expect("status").to_string(),
            )
        })
        .collect()
}

/// The document a successful `--json` run printed (panics, showing both streams, otherwise).
pub fn success_doc(args: &[&str], out: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{args:?} failed ({:?}):\nstdout: {stdout}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not one JSON document ({e}): {stdout}"))
}

/// The error object of a `--json` run that must end with exit code `code`.
pub fn error_doc(args: &[&str], out: &Output, code: i32) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: stdout {stdout} stderr {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    doc["error"].clone()
}

/// The shared real datasets, or `None` (with a note) when they are not beside the project.
pub fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/data is not present");
        None
    }
}

/// Imports the shared FXCM USD/JPY bid and ask bars (`shared` is `shared_data()`).
pub fn import_fxcm_usdjpy(home: &Home, shared: &Path) -> Value {
    let path = |f: &str| shared.join(f).display().to_string();
    home.json(&[
        "data",
        "import",
        &path("fxcm-usdjpy-m1-bid-2013.csv"),
        "--ask-path",
        &path("fxcm-usdjpy-m1-ask-2013.csv"),
        "--instrument",
        "USD/JPY.FXCM",
    ])
}

/// A node with the shipped BTCUSDT bars, BINANCE connected in paper mode with the `connect`
/// options, and the market at 2024-01-25 00:00 (close 35136.25).
pub fn trading_home(connect: &[&str]) -> Home {
    let home = Home::new();
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    let instrument = "BTCUSDT.BINANCE";
    home.json(&[
        "data",
        "import",
        data.to_str().unwrap(),
        "--instrument",
        instrument,
    ]);
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&[&["venue", "connect", "BINANCE"][..], connect].concat());
    home.json(&["node", "advance", "--until", "2024-01-25T00:00:00Z"]);
    home
}

/// Generated BTCUSDT bars, a node on BINANCE connected with the `connect` options, and a
/// MovingAverageCrossover (5/20, 0.01 a trade) attached with the `params` too. Returns the
/// attached strategy's document.
pub fn crossover_home(connect: &[&str], params: &[&str]) -> (Home, Value) {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "3000", "--seed", "11"]);
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&[&["venue", "connect", "BINANCE"][..], connect].concat());
    let strategy = [
        "--strategy",
        "MovingAverageCrossover",
        "--instrument",
        "BTCUSDT.BINANCE",
    ];
    let mut args = vec!["strategy", "configure"];
    args.extend(strategy);
    for p in ["fast_period=5", "slow_period=20", "trade_size=0.01"]
        .iter()
        .chain(params)
    {
        args.extend(["--param", p]);
    }
    let attached = home.json(&args);
    (home, attached)
}

/// `node verify` finds the stored state to be the journal's.
pub fn assert_consistent(home: &Home) {
    let v = home.json(&["node", "verify"]);
    assert_eq!(v["consistent"], true, "{v}");
}

/// The balance of `ccy` (total, locked, free) in an `account info` document.
pub fn balance<'v>(account: &'v Value, ccy: &str) -> &'v Value {
    account["balances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["currency"] == ccy)
        .unwrap_or_else(|| panic!("no {ccy} balance in {account}"))
}

/// Compares a generated file with its committed copy; `UPDATE_GENERATED=1` rewrites it.
pub fn check_generated(path: &Path, expected: &str) {
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale; regenerate with `UPDATE_GENERATED=1 cargo test`",
        path.display()
    );
}

/// The project's own data directory.
pub fn project_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Calls a tool with an object of arguments; a JSON-RPC failure panics naming the tool, and so
/// does an answer that does not fit the tool's output schemas ([`assert_fits_output_schema`]).
pub async fn call_tool(
    peer: &rmcp::Peer<rmcp::RoleClient>,
    tool: &str,
    args: Value,
) -> rmcp::model::CallToolResult {
    let Value::Object(map) = args else {
        panic!("{tool}: arguments must be an object")
    };
    let result = peer
        .call_tool(rmcp::model::CallToolRequestParams::new(tool.to_string()).with_arguments(map))
        .await
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert_fits_output_schema(tool, &result);
    result
}

/// The document of a successful call ([`call_tool`]).
pub async fn call_ok(peer: &rmcp::Peer<rmcp::RoleClient>, tool: &str, args: Value) -> Value {
    let r = call_tool(peer, tool, args).await;
    assert_eq!(
        r.is_error,
        Some(false),
        "{tool}: {:?}",
        r.structured_content
    );
    r.structured_content.expect("structured content")
}

/// The error object of a call that failed as a tool result ([`call_tool`]).
pub async fn call_err(peer: &rmcp::Peer<rmcp::RoleClient>, tool: &str, args: Value) -> Value {
    let r = call_tool(peer, tool, args).await;
    assert_eq!(r.is_error, Some(true), "{tool}: {:?}", r.structured_content);
    r.structured_content.expect("error document")["error"].clone()
}

/// Fails when a successful call's structured content does not validate against the tool's
/// output schema: both the compact one of `tools/list` and the full one of `describe_tool`.
/// Every MCP test calls tools through a helper that checks this.
pub fn assert_fits_output_schema(tool: &str, result: &rmcp::model::CallToolResult) {
    let (Some(false), Some(doc)) = (result.is_error, &result.structured_content) else {
        return;
    };
    let listed = nautilus_mcp::mcp::listed_tool(tool)
        .unwrap_or_else(|| panic!("{tool} answered but no session lists it"))
        .output_schema
        .unwrap_or_else(|| panic!("{tool} has no output schema in tools/list"));
    let mut schemas = vec![("tools/list", Value::Object((*listed).clone()))];
    if let Some(entry) = nautilus_mcp::ops::registry::find_tool(tool) {
        schemas.push(("full", Value::Object(entry.output_schema.clone())));
    }
    for (which, schema) in schemas {
        let validator = compiled(tool, which, &schema);
        let problems: Vec<String> = validator
            .iter_errors(doc)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            problems.is_empty(),
            "{tool}: the answer does not fit its {which} output schema: {}\nanswer: {}",
            problems.join("; "),
            truncated(&doc.to_string(), 2000)
        );
    }
}

/// Compiled validators by tool and schema.
type Validators = HashMap<(String, &'static str), Arc<jsonschema::Validator>>;

/// Validators compiled once per tool and schema.
fn compiled(tool: &str, which: &'static str, schema: &Value) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<Validators>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache
        .entry((tool.to_string(), which))
        .or_insert_with(|| {
            Arc::new(jsonschema::draft202012::new(schema).unwrap_or_else(|e| {
                panic!("{tool}: its {which} output schema is not a valid JSON schema: {e}")
            }))
        })
        .clone()
}

fn truncated(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `nautilus-mcp mcp` over stdio with the given state directory and config, for an rmcp client.
pub fn mcp_command(state: &Path, config: &Path) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"));
    cmd.arg("mcp")
        .env("NAUTILUS_MCP_HOME", state)
        .env("NAUTILUS_MCP_CONFIG", config)
        .env_remove("RUST_LOG")
        .env_remove("BINANCE_API_KEY")
        .env_remove("BINANCE_API_SECRET");
    cmd
}

/// Every file below `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// An MCP client that hands every progress notification to a channel.
#[derive(Clone)]
pub struct Watcher {
    pub progress: tokio::sync::mpsc::UnboundedSender<rmcp::model::ProgressNotificationParam>,
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

/// Sends a tool call that can be cancelled and reports progress (its token is the handle's).
pub async fn start_call(
    peer: &rmcp::Peer<rmcp::RoleClient>,
    tool: &str,
    args: Value,
) -> rmcp::service::RequestHandle<rmcp::RoleClient> {
    use rmcp::model::{CallToolRequest, CallToolRequestParams, ClientRequest};
    let Value::Object(map) = args else {
        panic!("{tool}: arguments must be an object")
    };
    let request = ClientRequest::CallToolRequest(CallToolRequest::new(
        CallToolRequestParams::new(tool.to_string()).with_arguments(map),
    ));
    peer.send_cancellable_request(request, rmcp::service::PeerRequestOptions::no_options())
        .await
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
}
