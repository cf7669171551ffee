//! The HTTP server under load: starts `mcp --http` in process on a loopback port (with bearer
//! tokens, as deployed), connects 10 rmcp streamable HTTP clients, and prints calls per second
//! and p50/p99 latency for a read tool (`list_orders`), for order submission
//! (`submit_limit_order`, each order then cancelled so the book stays small) and for
//! `cancel_order`: first as fast as the clients can go, then at a steady 100 orders a second.
//!
//! Run with `cargo run --release --example bench_http` (add `-- CLIENTS READS ORDERS` to change
//! the 10 clients, 500 reads and 100 orders per client).

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use nautilus_mcp::{
    caller::Scope,
    config::{Settings, tokens},
    mcp::{HttpPlan, http},
    ops::{access::Exposure, call::Call, context::Context, registry::find_tool},
};
use rmcp::{
    ServiceExt,
    model::CallToolRequestParams,
    service::{RoleClient, RunningService},
    transport::{
        StreamableHttpClientTransport, streamable_http_client::StreamableHttpClientTransportConfig,
    },
};
use serde_json::{Value, json};

type Client = RunningService<RoleClient, ()>;

async fn setup(ctx: &Arc<Context>, tool: &str, args: Value) {
    find_tool(tool)
        .expect("tool")
        .call_json(ctx.clone(), args, Call::default())
        .await
        .unwrap_or_else(|e| panic!("{tool}: {e:?}"));
}

async fn call(c: &Client, tool: &str, args: Value) -> (Value, Duration) {
    let Value::Object(map) = args else {
        unreachable!()
    };
    let t = Instant::now();
    let r = c
        .call_tool(CallToolRequestParams::new(tool.to_string()).with_arguments(map))
        .await
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    let took = t.elapsed();
    assert_eq!(
        r.is_error,
        Some(false),
        "{tool}: {:?}",
        r.structured_content
    );
    (r.structured_content.unwrap_or_default(), took)
}

fn report(name: &str, mut samples: Vec<Duration>, wall: Duration) {
    samples.sort();
    let q = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<20} {:>6} calls  {:>8.0} calls/s  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
        samples.len(),
        samples.len() as f64 / wall.as_secs_f64(),
        q(0.50).as_secs_f64() * 1e3,
        q(0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: CLIENTS READS ORDERS"))
        .collect();
    let clients = args.first().copied().unwrap_or(10);
    let reads = args.get(1).copied().unwrap_or(500);
    let orders = args.get(2).copied().unwrap_or(100);

    let dir = tempfile_dir();
    let settings = Settings::for_state_dir(dir.clone());
    let token = tokens::create(&settings, Scope::Trade, Some("bench"))
        .expect("token")
        .token;
    let ctx = Arc::new(Context::open(settings.clone()).expect("state"));
    setup(
        &ctx,
        "initialize_trading_node",
        json!({"venues": ["BINANCE"]}),
    )
    .await;
    setup(&ctx, "connect_venue", json!({"venue_name": "BINANCE"})).await;
    setup(
        &ctx,
        "push_market_data",
        json!({"instrument_id": "BTCUSDT.BINANCE", "bid": "50000", "ask": "50001"}),
    )
    .await;

    let plan = HttpPlan::new(&settings, "127.0.0.1:0").expect("plan");
    let listener = http::bind(&plan).await.expect("bind");
    let url = format!("http://{}/mcp", listener.local_addr().unwrap());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(http::run(
        ctx.clone(),
        plan,
        listener,
        Exposure::all(),
        async move {
            let _ = stop_rx.await;
        },
    ));

    let mut sessions = Vec::new();
    for _ in 0..clients {
        let config =
            StreamableHttpClientTransportConfig::with_uri(url.clone()).auth_header(token.clone());
        sessions.push(Arc::new(
            ().serve(StreamableHttpClientTransport::from_config(config))
                .await
                .expect("connect"),
        ));
    }
    // One resting order per client, so that the read returns something.
    for (i, c) in sessions.iter().enumerate() {
        call(c, "submit_limit_order", json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01", "price": format!("{}", 40000 + i)})).await;
    }
    println!("{clients} clients over streamable HTTP with bearer tokens, on loopback");

    // Warm-up, then the read tool.
    for c in &sessions {
        call(c, "list_orders", json!({})).await;
    }
    let wall = Instant::now();
    let tasks: Vec<_> = sessions
        .iter()
        .map(|c| {
            let c = c.clone();
            tokio::spawn(async move {
                let mut out = Vec::with_capacity(reads);
                for _ in 0..reads {
                    out.push(call(&c, "list_orders", json!({})).await.1);
                }
                out
            })
        })
        .collect();
    let mut samples = Vec::new();
    for t in tasks {
        samples.extend(t.await.unwrap());
    }
    report("list_orders (read)", samples, wall.elapsed());

    // Order submission as fast as the clients can go (then cancellation, so the book stays at
    // one order per client): the node thread's throughput, with a queue 10 deep.
    let (submits, cancels, wall) = orders_round(&sessions, orders, None).await;
    report("submit_limit_order", submits, wall);
    report("cancel_order", cancels, wall);
    // The same at a steady 10 submissions per second per client (100/s in all, sixty times
    // the specification's 100 a minute): the latency an agent sees under heavy but not
    // saturating load.
    let (submits, cancels, wall) =
        orders_round(&sessions, orders, Some(Duration::from_millis(100))).await;
    report("submit @ 100/s", submits, wall);
    report("cancel @ 100/s", cancels, wall);

    for c in sessions {
        if let Ok(c) = Arc::try_unwrap(c) {
            let _ = c.cancel().await;
        }
    }
    let _ = stop_tx.send(());
    server.await.expect("server task").expect("server");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every client submits `orders` limit orders, each cancelled at once, back to back or one per
/// `pace`; returns the submission and cancellation latencies and the wall time.
async fn orders_round(
    sessions: &[Arc<Client>],
    orders: usize,
    pace: Option<Duration>,
) -> (Vec<Duration>, Vec<Duration>, Duration) {
    let clients = sessions.len();
    let wall = Instant::now();
    let tasks: Vec<_> = sessions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let c = c.clone();
            tokio::spawn(async move {
                let mut ticks = pace.map(|p| {
                    // Independent agents: the clients' ticks are spread over the period.
                    let offset = p * i as u32 / clients as u32;
                    let mut t = tokio::time::interval_at(tokio::time::Instant::now() + offset, p);
                    t.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                    t
                });
                let (mut submits, mut cancels) = (Vec::new(), Vec::new());
                for n in 0..orders {
                    if let Some(t) = ticks.as_mut() {
                        t.tick().await;
                    }
                    let price = format!("{}", 30000 + i * 1000 + n);
                    let (doc, took) = call(&c, "submit_limit_order", json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": "0.01", "price": price})).await;
                    submits.push(took);
                    let id = doc["order"]["client_order_id"].clone();
                    cancels.push(call(&c, "cancel_order", json!({"order_id": id})).await.1);
                }
                (submits, cancels)
            })
        })
        .collect();
    let (mut submits, mut cancels) = (Vec::new(), Vec::new());
    for t in tasks {
        let (s, c) = t.await.unwrap();
        submits.extend(s);
        cancels.extend(c);
    }
    (submits, cancels, wall.elapsed())
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nautilus-mcp-bench-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
