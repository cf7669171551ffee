//! No credential ever reaches an output, a log, an error or the database: a session through
//! every path (CLI and MCP, errors, retries, the user stream) with logging at trace, then a
//! grep of every byte the tests produced.

use std::{path::Path, time::Duration};

use serde_json::json;

use super::{standin::Fault, support::*};

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_never_appear_in_outputs_logs_or_the_database() {
    let Some(standin) = start_standin() else {
        return;
    };
    let log_file_text = "[logging]\nlevel = \"trace\"\nnautilus_level = \"debug\"\nfile = \"LOG\"";
    let Some(mut ex) = Exchange::with(standin, "request_timeout_ms = 500", "") else {
        return;
    };
    let log = ex.dir.path().join("trace.jsonl");
    ex.reconfigure(
        "request_timeout_ms = 500",
        &log_file_text.replace("LOG", log.to_str().unwrap()),
    );

    // CLI: connect, trade, every kind of failure.
    let run = |args: &[&str]| {
        let out = ex.run(args);
        assert!(out.status.code().is_some(), "{args:?} ended by a signal");
    };
    run(&["node", "init", "--venue", "BINANCE"]);
    run(&["venue", "connect", "BINANCE", "--mode", "testnet"]);
    let buy = limit_args("BUY", "0.01", "49000", &[]);
    run(&buy);
    ex.standin.inject(
        Fault::InsufficientBalance,
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    run(&buy);
    ex.standin.inject(
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    run(&buy);
    ex.standin.set_clock_skew_ms(9_000);
    run(&buy);
    ex.standin.inject(
        Fault::DelayResponse {
            delay: Duration::from_secs(1),
        },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    run(&buy);
    ex.standin.trade_at("BTCUSDT", d("49000"), Some(d("0.004")));
    run(&["order", "list", "--status", "all"]);
    run(&["account", "info"]);
    run(&["config", "show"]);
    let out = ex
        .bare_cmd()
        .env("BINANCE_API_KEY", API_KEY)
        .env("BINANCE_API_SECRET", "wrong-secret")
        .args(["--json", "order", "list"])
        .output()
        .unwrap();
    std::fs::write(
        ex.dir.path().join("wrong-secret-run.log"),
        [out.stdout, out.stderr].concat(),
    )
    .unwrap();

    // MCP: credentials in the request, the user stream, a fill through it.
    let client = mcp(&ex).await;
    let (_, doc) = call(
        &client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": API_KEY, "secret_key": SECRET}}),
    )
    .await;
    std::fs::write(ex.dir.path().join("mcp-results.log"), doc.to_string()).unwrap();
    let standin = &ex.standin;
    eventually_async(10, "subscribed", || async {
        (standin.user_subscriptions() == 1).then_some(())
    })
    .await;
    let (_, placed) = call(
        &client,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": 0.01, "price": 49500.0}),
    )
    .await;
    ex.standin.trade_at("BTCUSDT", d("49500"), None);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (_, status) = call(&client, "get_node_status", json!({})).await;
    let (_, wrong) = call(
        &client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": API_KEY, "secret_key": "not-it"}}),
    )
    .await;
    std::fs::write(
        ex.dir.path().join("mcp-results-2.log"),
        format!("{placed}\n{status}\n{wrong}"),
    )
    .unwrap();
    client.cancel().await.ok();
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Everything the tests produced: outputs, stderr, logs (trace level), the database.
    let mut files = Vec::new();
    files_under(ex.dir.path(), &mut files);
    assert!(files.iter().any(|f| f.ends_with("state.db")));
    assert!(
        std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0) > 10_000,
        "trace logging was on"
    );
    let mut checked = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for needle in [API_KEY, SECRET] {
            assert!(
                !contains(&bytes, needle),
                "{} contains a credential",
                f.display()
            );
        }
        checked += bytes.len();
    }
    assert!(checked > 100_000, "looked at {checked} bytes");
    // The stand-in's own request log records no key and only redacted signatures.
    for r in ex.standin.requests() {
        assert!(!r.params.contains(API_KEY) && !r.params.contains(SECRET));
    }
}
