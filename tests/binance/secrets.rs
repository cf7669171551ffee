//! No credential ever reaches an output, a log, an error or the database: a session through
//! every path (CLI and MCP, errors, retries, the user stream) with logging at trace, then a
//! grep of every byte the tests produced.

use std::{path::Path, time::Duration};

use serde_json::json;

use super::{
    common::{contains, files_under},
    standin::Fault,
    support::*,
};

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
    assert_nowhere(&ex, &log, &[API_KEY, SECRET]);
}

/// Greps every file under the home (outputs, stderr, logs, the database) and the stand-in's
/// request log for the needles; the trace log must have been written.
fn assert_nowhere(ex: &Exchange, log: &Path, needles: &[&str]) {
    let files = files_under(ex.dir.path());
    assert!(files.iter().any(|f| f.ends_with("state.db")));
    assert!(
        std::fs::metadata(log).map(|m| m.len()).unwrap_or(0) > 10_000,
        "trace logging was on"
    );
    let mut checked = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for needle in needles {
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
        assert!(needles.iter().all(|n| !r.params.contains(n)));
    }
}

/// An Ed25519 key (a PEM private key as the secret) through the same paths: CLI and MCP,
/// malformed and foreign PEM keys, a wrong key, the user stream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ed25519_keys_never_appear_in_outputs_logs_or_the_database() {
    let mut ex = ed25519_exchange();
    let log = ex.dir.path().join("trace.jsonl");
    ex.reconfigure(
        "",
        &format!(
            "[logging]\nlevel = \"trace\"\nnautilus_level = \"debug\"\nfile = \"{}\"",
            log.display()
        ),
    );
    let pem = ed_key_pem();
    let run = |ex: &Exchange, args: &[&str]| {
        let out = ex.run(args);
        assert!(out.status.code().is_some(), "{args:?} ended by a signal");
    };
    run(&ex, &["node", "init", "--venue", "BINANCE"]);
    run(&ex, &["venue", "connect", "BINANCE", "--mode", "testnet"]);
    run(&ex, &limit_args("BUY", "0.01", "49000", &[]));
    ex.standin.inject(
        Fault::InsufficientBalance,
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    run(&ex, &limit_args("BUY", "0.01", "49000", &[]));
    run(&ex, &["account", "info"]);
    // A damaged key (its body cut short), the same key encrypted-looking, another key.
    let damaged = pem.replace(&ED_KEY_BODY[40..], "");
    let encrypted = pem.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY");
    for secret in [damaged.as_str(), encrypted.as_str(), OTHER_ED_KEY_PEM] {
        ex.set_credentials(ED_API_KEY, secret);
        run(&ex, &["venue", "connect", "BINANCE", "--mode", "testnet"]);
    }
    ex.set_credentials(ED_API_KEY, &pem);

    let client = mcp(&ex).await;
    let (_, doc) = call(
        &client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": ED_API_KEY, "secret_key": pem}}),
    )
    .await;
    let standin = &ex.standin;
    eventually_async(10, "subscribed", || async {
        (standin.user_subscriptions() == 1).then_some(())
    })
    .await;
    let (_, bad) = call(
        &client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": ED_API_KEY, "secret_key": damaged}}),
    )
    .await;
    std::fs::write(
        ex.dir.path().join("mcp-results.log"),
        format!("{doc}\n{bad}"),
    )
    .unwrap();
    client.cancel().await.ok();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The key's own bytes start after the 21-character DER prefix every Ed25519 key shares;
    // the damaged key keeps 40 characters.
    assert_nowhere(&ex, &log, &[ED_API_KEY, ED_KEY_BODY, &ED_KEY_BODY[22..40]]);
}
