//! Market data latency from a real MCP client session: prepares a state directory (a year of
//! generated 1-minute bars, a node with a paper BINANCE venue moved half-way through the year,
//! a pushed quote and 150 pushed trades), starts `nautilus-mcp mcp` as a child process, and
//! prints p50/p99 per tool and for reading a year of 1-minute bars as a CSV resource (in the
//! pages one MCP message can carry): round trip as the client sees it, and the time inside the
//! server (from its debug log notifications).
//!
//! Run with `cargo build --release && cargo run --release --example bench_market`
//! (the server binary is taken from the same target directory, or from $NAUTILUS_MCP_BIN).
#![allow(deprecated)] // MCP logging is deprecated by SEP-2577 but still what clients use

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Instant,
};

use nautilus_mcp::{
    config::Settings,
    ops::{call::Call, context::Context, registry::find_tool},
};
use rmcp::{
    ClientHandler, ServiceExt,
    model::{
        CallToolRequestParams, ClientConfig, Implementation, LoggingLevel,
        LoggingMessageNotificationParam, ReadResourceRequestParams, ResourceContents,
        SetLevelRequestParams,
    },
    service::{NotificationContext, RoleClient},
    transport::{ConfigureCommandExt, TokioChildProcess},
};
use serde_json::{Value, json};

const ID: &str = "BTCUSDT.BINANCE";

/// Server-side times (ms) reported in the server's debug log, by tool or resource.
type ServerTimes = Arc<Mutex<Vec<(String, f64)>>>;

#[derive(Clone)]
struct Client {
    server: ServerTimes,
}

impl ClientHandler for Client {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(Default::default(), Implementation::new("bench_market", "1"))
    }

    async fn on_logging_message(
        &self,
        p: LoggingMessageNotificationParam,
        _cx: NotificationContext<RoleClient>,
    ) {
        let name = p.data["tool"]
            .as_str()
            .or_else(|| p.data["resource"].as_str())
            .map(str::to_owned);
        if let (Some(name), Some(ms)) = (name, p.data["ms"].as_f64()) {
            self.server.lock().unwrap().push((name, ms));
        }
    }
}

fn op(ctx: &Arc<Context>, rt: &tokio::runtime::Runtime, tool: &str, args: Value) -> Value {
    let entry = find_tool(tool).expect("tool exists");
    rt.block_on(entry.call_json(ctx.clone(), args, Call::default()))
        .unwrap_or_else(|e| panic!("{tool} failed: {e:?}"))
}

fn prepare(dir: &Path) {
    let ctx = Arc::new(Context::open(Settings::for_state_dir(dir.to_path_buf())).expect("state"));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let t = Instant::now();
    op(
        &ctx,
        &rt,
        "generate_data",
        json!({"bars": 525_600, "seed": 7, "start": "2024-01-01T00:00:00Z"}),
    );
    op(
        &ctx,
        &rt,
        "initialize_trading_node",
        json!({"venues": ["BINANCE"]}),
    );
    op(&ctx, &rt, "connect_venue", json!({"venue_name": "BINANCE"}));
    op(
        &ctx,
        &rt,
        "advance_market",
        json!({"until": "2024-07-01T00:00:00Z"}),
    );
    op(
        &ctx,
        &rt,
        "push_market_data",
        json!({"instrument_id": ID, "bid": 50000, "ask": 50000.5, "bid_size": 2, "ask_size": 1, "ts": "2024-07-01T00:00:01Z"}),
    );
    for i in 0..150 {
        op(
            &ctx,
            &rt,
            "push_market_data",
            json!({
                "instrument_id": ID, "last": 50000 + i % 7, "size": 0.01 * f64::from(1 + i % 5),
                "aggressor": if i % 2 == 0 { "BUY" } else { "SELL" },
                "ts": format!("2024-07-01T00:01:{:02}.{:03}Z", i / 10, i % 10 * 100),
            }),
        );
    }
    println!(
        "prepared {} in {:.1} s: 525600 bars, clock 2024-07-01, 1 quote, 150 trades",
        dir.display(),
        t.elapsed().as_secs_f64()
    );
}

fn server_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("NAUTILUS_MCP_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("own path");
    // target/<profile>/examples/bench_market -> target/<profile>/nautilus-mcp
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("nautilus-mcp"))
        .expect("target directory");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first (or set NAUTILUS_MCP_BIN)",
        bin.display()
    );
    bin
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (percentile(&v, 0.5), percentile(&v, 0.99))
}

/// Runs `call` (which returns the answer's size) `n` times after a warm-up and prints the
/// client's and the server's p50/p99; `key` starts the tool or resource names in the server's
/// log.
async fn measure<F, Fut>(label: &str, n: usize, server: &ServerTimes, key: &str, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let warm = (n / 10).max(2);
    let mut client_ms = Vec::with_capacity(n);
    let mut bytes = 0;
    server.lock().unwrap().clear();
    for i in 0..warm + n {
        let t = Instant::now();
        bytes = call().await;
        if i >= warm {
            client_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    // The server's log notifications may trail the answers.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // Server times of the calls (a paged read logs one per page: they are summed).
    let logged: Vec<f64> = server
        .lock()
        .unwrap()
        .iter()
        .filter(|(name, _)| name.starts_with(key))
        .map(|(_, ms)| *ms)
        .collect();
    let per_call = (logged.len() / (warm + n)).max(1);
    let times: Vec<f64> = logged
        .chunks(per_call)
        .map(|c| c.iter().sum())
        .skip(warm)
        .collect();
    let (c50, c99) = stats(client_ms);
    let (s50, s99) = stats(times);
    println!(
        "{label:<28} {n:>6} {c50:>9.3} ms {c99:>9.3} ms {s50:>9.3} ms {s99:>9.3} ms {bytes:>10}"
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    {
        let state = state.clone();
        tokio::task::spawn_blocking(move || prepare(&state))
            .await
            .expect("prepare");
    }
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").expect("config");
    let server: ServerTimes = Arc::default();
    let transport = TokioChildProcess::new(
        tokio::process::Command::new(server_binary()).configure(|c| {
            // rmcp warns of every refused request, and the benchmark times refusals on purpose.
            c.args(["--log-level", "error", "mcp"])
                .env("NAUTILUS_MCP_HOME", &state)
                .env("NAUTILUS_MCP_CONFIG", &config)
                .env_remove("RUST_LOG");
        }),
    )
    .expect("spawn server");
    let client = Client {
        server: server.clone(),
    }
    .serve(transport)
    .await
    .expect("initialize");
    client
        .set_level(SetLevelRequestParams::new(LoggingLevel::Debug))
        .await
        .expect("set level");

    let cases: Vec<(&str, &str, Value, usize)> = vec![
        (
            "get_instruments",
            "get_instruments",
            json!({"venue": "BINANCE"}),
            500,
        ),
        (
            "get_ticker",
            "get_ticker",
            json!({"instrument_id": ID}),
            500,
        ),
        (
            "get_order_book depth 10",
            "get_order_book",
            json!({"instrument_id": ID, "depth": 10}),
            500,
        ),
        (
            "get_trades limit 100",
            "get_trades",
            json!({"instrument_id": ID, "limit": 100}),
            500,
        ),
        (
            "get_bars 1 day of 1m",
            "get_bars",
            json!({"instrument_id": ID, "start": "2024-06-30", "end": "2024-06-30", "limit": 1440}),
            100,
        ),
        (
            "get_bars 2 from a start",
            "get_bars",
            json!({"instrument_id": ID, "start": "2024-06-01", "limit": 2}),
            200,
        ),
        (
            "get_bars 1 year 1-HOUR",
            "get_bars",
            json!({"instrument_id": ID, "bar_spec": "1-HOUR-LAST", "limit": 10000}),
            20,
        ),
        (
            "get_bars 1 week of 1m",
            "get_bars",
            json!({"instrument_id": ID, "start": "2024-06-24", "end": "2024-06-30", "limit": 10080}),
            20,
        ),
    ];
    println!(
        "\n{:<28} {:>6} {:>12} {:>12} {:>12} {:>12} {:>10}",
        "call", "n", "client p50", "client p99", "server p50", "server p99", "bytes"
    );
    for (label, tool, args, n) in cases {
        let Value::Object(map) = args else {
            unreachable!()
        };
        measure(label, n, &server, tool, || async {
            let r = client
                .call_tool(CallToolRequestParams::new(tool).with_arguments(map.clone()))
                .await
                .expect("call");
            assert_eq!(
                r.is_error,
                Some(false),
                "{tool}: {:?}",
                r.structured_content
            );
            r.content[0].as_text().map_or(0, |t| t.text.len())
        })
        .await;
    }
    // A year of 1-minute bars as CSV: more than one MCP message holds, so it comes in pages
    // that name the next in _meta.next; the time is for all of them.
    let year = format!("nautilus://bars/{ID}/1-MINUTE-LAST?limit=1000000&format=csv");
    measure(
        "resource 1y 1m bars CSV",
        10,
        &server,
        &format!("nautilus://bars/{ID}/1-MINUTE-LAST"),
        || async {
            let (mut uri, mut bytes, mut bars) = (Some(year.clone()), 0, 0);
            while let Some(u) = uri.take() {
                let r = client
                    .read_resource(ReadResourceRequestParams::new(u))
                    .await
                    .expect("read");
                let ResourceContents::TextResourceContents { text, meta, .. } = &r.contents[0]
                else {
                    panic!("not text")
                };
                bytes += text.len();
                let meta = &meta.as_ref().expect("_meta").0;
                bars += meta["bars"].as_u64().unwrap_or_default();
                uri = meta["next"].as_str().map(str::to_owned);
            }
            assert_eq!(bars, 525_600);
            bytes
        },
    )
    .await;
    for (label, uri, n) in [
        (
            "resource 1 week 1m bars JSON",
            format!(
                "nautilus://bars/{ID}/1-MINUTE-LAST?start=2024-06-24&end=2024-06-30&limit=10080"
            ),
            20,
        ),
        ("resource book", format!("nautilus://book/{ID}"), 500),
    ] {
        measure(label, n, &server, &uri, || async {
            let r = client
                .read_resource(ReadResourceRequestParams::new(uri.clone()))
                .await
                .expect("read");
            match &r.contents[0] {
                ResourceContents::TextResourceContents { text, .. } => text.len(),
                _ => 0,
            }
        })
        .await;
    }
    // A year of 1-minute bars as JSON does not fit one message: refused before it is built.
    let json_year = format!("nautilus://bars/{ID}/1-MINUTE-LAST?limit=1000000");
    measure(
        "resource 1y 1m JSON refused",
        10,
        &server,
        &json_year,
        || async {
            let r = client
                .read_resource(ReadResourceRequestParams::new(json_year.clone()))
                .await;
            assert!(r.is_err(), "a year of JSON bars is refused");
            0
        },
    )
    .await;
    client.cancel().await.expect("close");
}
