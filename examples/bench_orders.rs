//! Order latency on the paper venue: `order submit-limit` and `order status` as separate CLI
//! processes (end to end: process start, store, node, answer), then `submit_limit_order` and
//! `get_order_status` inside one running MCP server, timed from an rmcp client over stdio.
//! Prints p50/p99/max per operation.
//!
//! Run with `cargo run --release --example bench_orders` (add `-- N` for N calls per
//! operation, default 200). It uses the release binary beside it and builds it when missing.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use rmcp::{
    ServiceExt,
    model::CallToolRequestParams,
    transport::{ConfigureCommandExt, TokioChildProcess},
};
use serde_json::{Value, json};

const BTC: &str = "BTCUSDT.BINANCE";

/// The `nautilus-mcp` binary of the same profile as this example, built if absent.
fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/examples");
    let bin = profile_dir.join("nautilus-mcp");
    if !bin.exists() {
        let release = profile_dir.ends_with("release");
        let mut build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        build.args(["build", "--bin", "nautilus-mcp"]);
        if release {
            build.arg("--release");
        }
        assert!(build.status().expect("cargo build").success());
    }
    bin
}

struct Cli {
    bin: PathBuf,
    home: PathBuf,
    config: PathBuf,
}

impl Cli {
    fn command(&self) -> Command {
        let mut c = Command::new(&self.bin);
        c.env("NAUTILUS_MCP_HOME", &self.home)
            .env("NAUTILUS_MCP_CONFIG", &self.config)
            .env_remove("RUST_LOG");
        c
    }

    fn run(&self, args: &[&str]) -> Value {
        let out = self
            .command()
            .arg("--json")
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("one JSON document")
    }
}

fn print_latencies(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  {label:<34} n={:<5} p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(*samples.last().unwrap())
    );
}

/// A paper node on the shipped January 2024 BTCUSDT bars, the market moved to the 25th.
fn prepare(cli: &Cli) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/synthetic-btcusdt-1m-2024-01.csv");
    cli.run(&[
        "data",
        "import",
        data.to_str().unwrap(),
        "--instrument",
        BTC,
    ]);
    cli.run(&["node", "init", "--venue", "BINANCE"]);
    cli.run(&[
        "venue",
        "connect",
        "BINANCE",
        "--mode",
        "paper",
        "--balance",
        "10000000 USDT",
    ]);
    cli.run(&["node", "advance", "--until", "2024-01-25T00:00:00Z"]);
}

fn bench_cli(cli: &Cli, n: usize) {
    let (mut submits, mut statuses) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let id = format!("CLI-{i}");
        let t = Instant::now();
        let order = cli.run(&[
            "order",
            "submit-limit",
            "--instrument",
            BTC,
            "--side",
            "buy",
            "--quantity",
            "0.001",
            "--price",
            "30000",
            "--order-id",
            &id,
        ]);
        submits.push(t.elapsed());
        assert_eq!(order["order"]["status"], "ACCEPTED", "{order}");
        let t = Instant::now();
        cli.run(&["order", "status", &id]);
        statuses.push(t.elapsed());
    }
    println!("CLI, one process per call:");
    print_latencies("order submit-limit", submits);
    print_latencies("order status", statuses);
}

async fn bench_mcp(cli: &Cli, n: usize) {
    let transport = TokioChildProcess::new(tokio::process::Command::new(&cli.bin).configure(|c| {
        c.arg("mcp")
            .env("NAUTILUS_MCP_HOME", &cli.home)
            .env("NAUTILUS_MCP_CONFIG", &cli.config)
            .env_remove("RUST_LOG");
    }))
    .expect("spawn server");
    let client = ().serve(transport).await.expect("initialize");
    let call = |tool: &'static str, args: Value| {
        let Value::Object(map) = args else {
            unreachable!()
        };
        client.call_tool(CallToolRequestParams::new(tool).with_arguments(map))
    };
    let (mut submits, mut statuses) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let id = format!("MCP-{i}");
        let t = Instant::now();
        let r = call(
            "submit_limit_order",
            json!({"instrument_id": BTC, "side": "BUY", "quantity": "0.001",
                   "price": "30000", "client_order_id": id}),
        )
        .await
        .expect("submit");
        submits.push(t.elapsed());
        assert_eq!(r.is_error, Some(false), "{:?}", r.structured_content);
        let t = Instant::now();
        let r = call("get_order_status", json!({"order_id": id}))
            .await
            .expect("status");
        statuses.push(t.elapsed());
        assert_eq!(r.is_error, Some(false), "{:?}", r.structured_content);
    }
    client.cancel().await.expect("shut down");
    println!("MCP, one running server (client round trip over stdio):");
    print_latencies("submit_limit_order", submits);
    print_latencies("get_order_status", statuses);
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("N must be a number"))
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("nautilus-mcp.toml");
    std::fs::write(&config, "").expect("config");
    let cli = Cli {
        bin: binary(),
        home: dir.path().join("state"),
        config,
    };
    prepare(&cli);
    bench_cli(&cli, n);
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(bench_mcp(&cli, n));
}
