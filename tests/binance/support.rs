//! Helpers for the Binance tests: the stand-in, a state directory whose config points at it,
//! CLI runs with credentials in the environment, and an MCP client.
#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::Output,
    str::FromStr,
    time::{Duration, Instant},
};

use assert_cmd::Command;
use nautilus_mcp::engine::venues::credentials::Secret;
use rmcp::{
    ClientHandler, ServiceExt,
    model::{ClientConfig, Implementation},
    service::{RoleClient, RunningService},
    transport::TokioChildProcess,
};
use rust_decimal::Decimal;
use serde_json::Value;

pub use super::common::{error_doc, success_doc};
use super::standin::{Standin, StandinConfig, StandinHandle};

/// Distinctive test credentials (the secret test greps everything for them).
pub const API_KEY: &str = "TESTKEY-q7Zx4Lm2Pw9Rk3Vn8Bd5Hs1Jt6Yf0Gc";
pub const SECRET: &str = "TESTSECRET-u4Ne8Qa1Wm6Xr3Kz9Lp2Dv7Hb5Cy0Tf";

/// An Ed25519 test key (made with `openssl genpkey -algorithm ed25519`): its API key and its
/// PEM PKCS#8 private key, the secret Binance's Ed25519 keys are used with.
pub const ED_API_KEY: &str = "TESTED25519KEY-c3Vn8Qe2Lr7Xa5Tk1Wm9Pz4Hd6";
pub const ED_KEY_BODY: &str = "MC4CAQAwBQYDK2VwBCIEIHuOmFmR0VdZPwk73CM7EQWfcMn8UNNBT+fTypTGHt9e";
/// Another Ed25519 key, not the account's.
pub const OTHER_ED_KEY_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIM39cU0kOYodu8mphTlpV2xRSJDZuwwUY+SmZDNrlHP5
-----END PRIVATE KEY-----
";

/// The test Ed25519 key as a PEM file holds it.
pub fn ed_key_pem() -> String {
    format!("-----BEGIN PRIVATE KEY-----\n{ED_KEY_BODY}\n-----END PRIVATE KEY-----\n")
}

/// A stand-in whose account has the Ed25519 test key, and a home whose commands use it.
pub fn ed25519_exchange() -> Exchange {
    use ed25519_dalek::pkcs8::DecodePrivateKey;
    let key = ed25519_dalek::SigningKey::from_pkcs8_pem(&ed_key_pem()).expect("test key");
    let mut cfg = standin_config().expect("stand-in config");
    cfg.api_key = Secret::new(ED_API_KEY);
    cfg.ed25519 = Some(key.verifying_key());
    let standin = Standin::start(cfg).expect("stand-in starts");
    let mut ex = Exchange::with(standin, "", "").expect("home");
    ex.set_credentials(ED_API_KEY, &ed_key_pem());
    ex
}

/// `.../binance/spot` with the real bodies: `BINANCE_SPOT_DATA`, else the copy in
/// `tests/fixtures/binance/spot`.
pub fn data_dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("BINANCE_SPOT_DATA") {
        return Some(PathBuf::from(d));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/binance/spot");
    assert!(
        dir.join("http_json").is_dir(),
        "{} (the real Binance bodies) is missing",
        dir.display()
    );
    Some(dir)
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `order submit-limit` arguments for BTCUSDT.BINANCE, with extra arguments.
pub fn limit_args<'a>(
    side: &'a str,
    qty: &'a str,
    price: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let mut args = vec![
        "order",
        "submit-limit",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        side,
        "--quantity",
        qty,
        "--price",
        price,
    ];
    args.extend_from_slice(extra);
    args
}

/// The stand-in's default configuration with the test credentials.
pub fn standin_config() -> Option<StandinConfig> {
    Some(StandinConfig::new(
        data_dir()?,
        Secret::new(API_KEY),
        Secret::new(SECRET),
    ))
}

/// A running stand-in with the default configuration.
pub fn start_standin() -> Option<StandinHandle> {
    Some(Standin::start(standin_config()?).expect("stand-in starts"))
}

/// A state directory whose config points BINANCE at the stand-in.
pub struct Exchange {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub standin: StandinHandle,
    /// Extra config lines under [venues.BINANCE].
    venue_extra: String,
    /// Extra top-level config.
    top_extra: String,
    /// The credentials `cmd` puts in the environment.
    api_key: String,
    secret: String,
}

impl Exchange {
    /// A stand-in and a home pointing at it (testnet by default).
    pub fn new() -> Option<Self> {
        Self::with(start_standin()?, "", "")
    }

    /// With extra lines in [venues.BINANCE] and at the top of the config.
    pub fn with(standin: StandinHandle, venue_extra: &str, top_extra: &str) -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("nautilus-mcp.toml");
        let ex = Self {
            dir,
            config,
            standin,
            venue_extra: venue_extra.to_string(),
            top_extra: top_extra.to_string(),
            api_key: API_KEY.to_string(),
            secret: SECRET.to_string(),
        };
        ex.write_config();
        Some(ex)
    }

    /// Rewrites the config with other extra lines.
    pub fn reconfigure(&mut self, venue_extra: &str, top_extra: &str) {
        self.venue_extra = venue_extra.to_string();
        self.top_extra = top_extra.to_string();
        self.write_config();
    }

    fn write_config(&self) {
        let timeout = if self.venue_extra.contains("request_timeout_ms") {
            ""
        } else {
            "request_timeout_ms = 3000\n"
        };
        let text = format!(
            "{}\n[venues.BINANCE]\nbase_url = \"{}\"\nws_api_url = \"{}\"\nstream_url = \"{}\"\n{timeout}{}\n",
            self.top_extra,
            self.standin.base_url(),
            self.standin.ws_api_url(),
            self.standin.stream_url(),
            self.venue_extra
        );
        std::fs::write(&self.config, text).expect("config");
    }

    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// Uses other credentials from now on (the environment of `cmd`).
    pub fn set_credentials(&mut self, api_key: &str, secret: &str) {
        self.api_key = api_key.to_string();
        self.secret = secret.to_string();
    }

    /// The binary with this home's state and config and the credentials in the environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.env("BINANCE_API_KEY", &self.api_key)
            .env("BINANCE_API_SECRET", &self.secret);
        cmd
    }

    /// The binary without credentials.
    pub fn bare_cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("nautilus-mcp").expect("binary");
        cmd.env("NAUTILUS_MCP_HOME", self.state())
            .env("NAUTILUS_MCP_CONFIG", &self.config)
            .env_remove("RUST_LOG")
            .env_remove("BINANCE_API_KEY")
            .env_remove("BINANCE_API_SECRET")
            .timeout(Duration::from_secs(60));
        cmd
    }

    /// Runs with `--json` and returns the output.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.cmd().arg("--json").args(args).output().expect("runs");
        record(&self.dir, args, &out);
        out
    }

    /// Runs with `--json`, expects success, returns the document.
    pub fn json(&self, args: &[&str]) -> Value {
        success_doc(args, &self.run(args))
    }

    /// Runs with `--json`, expects the exit code, returns the error object.
    pub fn json_err(&self, args: &[&str], code: i32) -> Value {
        error_doc(args, &self.run(args), code)
    }

    /// `node init` then `venue connect BINANCE --mode testnet`; returns the connect document.
    pub fn connect(&self) -> Value {
        self.json(&["node", "init", "--venue", "BINANCE"]);
        self.json(&["venue", "connect", "BINANCE", "--mode", "testnet"])
    }

    /// Replays the journal (`node verify`) and asserts that it rebuilds the stored orders,
    /// positions and accounts exactly.
    pub fn assert_consistent(&self) {
        let v = self.json(&["node", "verify"]);
        assert_eq!(v["consistent"], true, "{v}");
        assert!(v["orders"].as_u64().unwrap() > 0, "{v}");
    }

    /// The requests the stand-in received for `method path`, with their status.
    pub fn requests(&self, method: &str, path: &str) -> Vec<(u16, Option<i64>)> {
        self.standin
            .requests()
            .into_iter()
            .filter(|r| r.method == method && r.path == path)
            .map(|r| (r.status, r.error_code))
            .collect()
    }

    /// The state database (read-only), to look at the journal without running a command.
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(
            self.state().join("state.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("state db")
    }

    /// An order's status in the store, read without a command (no reconciliation).
    pub fn stored_status(&self, client_order_id: &str) -> Option<String> {
        self.db()
            .query_row(
                "SELECT status FROM orders WHERE client_order_id = ?1",
                [client_order_id],
                |r| r.get(0),
            )
            .ok()
    }
}

/// Keeps every CLI run's output in the home (the secret test greps it).
fn record(dir: &tempfile::TempDir, args: &[&str], out: &Output) {
    use std::io::Write;
    let path = dir.path().join("outputs.log");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "$ {args:?}");
        let _ = f.write_all(&out.stdout);
        let _ = f.write_all(&out.stderr);
    }
}

/// Polls `f` until it returns `Some` (or panics after `secs`).
pub fn eventually<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(t) = f() {
            return t;
        }
        assert!(Instant::now() < deadline, "{what}: not within {secs}s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A decimal field of a JSON document.
pub fn dec(v: &Value) -> Decimal {
    d(v.as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {v}")))
}

/// A balance (total, locked, free) of an account document.
pub fn balance(account: &Value, ccy: &str) -> (Decimal, Decimal, Decimal) {
    let b = super::common::balance(account, ccy);
    (dec(&b["total"]), dec(&b["locked"]), dec(&b["free"]))
}

// ---------------------------------------------------------------------------------------------
// MCP
// ---------------------------------------------------------------------------------------------

#[derive(Clone)]
pub struct Client;

impl ClientHandler for Client {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            Default::default(),
            Implementation::new("nautilus-mcp-binance-tests", "1"),
        )
    }
}

pub type Mcp = RunningService<RoleClient, Client>;

/// Starts `nautilus-mcp mcp` over the exchange's home (no credentials in its environment);
/// its stderr goes to `stderr.log` in the home.
pub async fn mcp(ex: &Exchange) -> Mcp {
    let state = ex.state();
    let config = ex.config.clone();
    let stderr = std::fs::File::create(ex.dir.path().join("mcp-stderr.log")).expect("stderr log");
    let (transport, _) = TokioChildProcess::builder(super::common::mcp_command(&state, &config))
        .stderr(stderr)
        .spawn()
        .expect("spawn server");
    match Client.serve(transport).await {
        Ok(c) => c,
        Err(e) => panic!(
            "initialize: {e}; server stderr: {}",
            std::fs::read_to_string(ex.dir.path().join("mcp-stderr.log")).unwrap_or_default()
        ),
    }
}

/// Calls a tool; returns (is_error, structured content).
pub async fn call(client: &rmcp::Peer<RoleClient>, tool: &str, args: Value) -> (bool, Value) {
    let r = super::common::call_tool(client, tool, args).await;
    (
        r.is_error == Some(true),
        r.structured_content.unwrap_or(Value::Null),
    )
}

/// The document of a successful call.
pub async fn ok(client: &rmcp::Peer<RoleClient>, tool: &str, args: Value) -> Value {
    let (err, doc) = call(client, tool, args).await;
    assert!(!err, "{tool}: {doc}");
    doc
}

/// `connect_venue` BINANCE in testnet mode with the test credentials in the request.
pub async fn connect_venue_over_mcp(client: &rmcp::Peer<RoleClient>) -> Value {
    ok(
        client,
        "connect_venue",
        serde_json::json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": API_KEY, "secret_key": SECRET}}),
    )
    .await
}

/// Polls an async condition.
pub async fn eventually_async<T, F, Fut>(secs: u64, what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(t) = f().await {
            return t;
        }
        assert!(Instant::now() < deadline, "{what}: not within {secs}s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
