//! Faults: rate limits, bans, clock errors, lost answers and a process killed mid-request.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{standin::Fault, support::*};

/// A limit buy of 0.01 BTCUSDT at 49000, with extra arguments.
fn limit_buy<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    limit_args("BUY", "0.01", "49000", extra)
}

#[test]
fn http_429_retry_after_is_honoured_then_the_order_goes_through() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    ex.standin.inject(
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let started = Instant::now();
    let placed = ex.json(&limit_buy(&[]));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited Retry-After"
    );
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    assert_eq!(
        ex.requests("POST", "/api/v3/order"),
        vec![(429, Some(-1003)), (200, None)]
    );
    assert_eq!(ex.standin.orders().len(), 1);

    // Still limited after the retries: a system error, the order recorded as not accepted.
    ex.standin.inject(
        Fault::RateLimited {
            retry_after_secs: 1,
        },
        Some("POST"),
        Some("/api/v3/order"),
        10,
    );
    let err = ex.json_err(&limit_buy(&[]), 4);
    assert_eq!(err["category"], "system");
    assert_eq!(err["code"], "RATE_LIMITED");
    assert_eq!(err["details"]["order"]["status"], "REJECTED");
    assert_eq!(ex.standin.orders().len(), 1);
    ex.standin.clear_faults();
    ex.assert_consistent();
}

#[test]
fn http_418_stops_every_process_from_sending() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    ex.standin.inject(
        Fault::Banned {
            retry_after_secs: 120,
        },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let err = ex.json_err(&limit_buy(&[]), 4);
    assert_eq!(err["code"], "RATE_LIMITED");
    assert!(err["message"].as_str().unwrap().contains("418"), "{err}");
    let before = ex.standin.requests().len();
    // Another process refuses at once, sending nothing.
    let err = ex.json_err(&limit_buy(&[]), 4);
    assert!(err["message"].as_str().unwrap().contains("banned"), "{err}");
    assert_eq!(ex.standin.requests().len(), before);
}

/// Asserts that the log, from `from` on, holds exactly one `-1021`, answered by a resync
/// (`GET /api/v3/time`) and one successful retry of the same request.
fn resynced_once(log: &[super::standin::LoggedRequest], from: usize) {
    let tail = &log[from..];
    let errors: Vec<usize> = tail
        .iter()
        .enumerate()
        .filter(|(_, r)| r.error_code == Some(-1021))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(errors.len(), 1, "one timestamp error: {tail:?}");
    let i = errors[0];
    let (failed, time, retry) = (&tail[i], &tail[i + 1], &tail[i + 2]);
    assert_eq!(failed.status, 400);
    assert_eq!(
        (time.method.as_str(), time.path.as_str(), time.status),
        ("GET", "/api/v3/time", 200)
    );
    assert_eq!(
        (&retry.method, &retry.path, retry.status),
        (&failed.method, &failed.path, 200)
    );
}

#[test]
fn a_timestamp_error_resyncs_the_clock_and_retries_once() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    // The venue's clock jumps 10 s ahead of the offset measured at connect: the next
    // command's first signed request is refused, the clock resynced, the request retried.
    ex.standin.set_clock_skew_ms(10_000);
    let from = ex.standin.requests().len();
    let placed = ex.json(&limit_buy(&[]));
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    resynced_once(&ex.standin.requests(), from);
    assert_eq!(ex.standin.orders().len(), 1);

    // The order request itself refused for its timestamp: resynced and sent once more, and
    // the venue holds one order, not two.
    ex.standin.inject(
        Fault::TimestampOutsideRecvWindow,
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let from = ex.standin.requests().len();
    let placed = ex.json(&limit_buy(&["--order-id", "RESYNC-2"]));
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    let log = ex.standin.requests();
    resynced_once(&log, from);
    assert!(
        log[from..]
            .iter()
            .any(|r| r.path == "/api/v3/order" && r.error_code == Some(-1021))
    );
    assert_eq!(ex.standin.orders().len(), 2);

    // Twice in a row: the error is returned (a system error with Binance's code), not retried
    // forever.
    ex.standin.inject(
        Fault::TimestampOutsideRecvWindow,
        Some("POST"),
        Some("/api/v3/order"),
        2,
    );
    let err = ex.json_err(&limit_buy(&["--order-id", "RESYNC-3"]), 4);
    assert_eq!(err["details"]["venue_code"], -1021, "{err}");
    assert_eq!(ex.standin.orders().len(), 2);
    ex.standin.clear_faults();
    ex.assert_consistent();
}

#[test]
fn a_lost_answer_is_resolved_by_client_order_id() {
    let Some(standin) = start_standin() else {
        return;
    };
    let Some(ex) = Exchange::with(standin, "request_timeout_ms = 500", "") else {
        return;
    };
    ex.connect();
    ex.standin.inject(
        Fault::DelayResponse {
            delay: Duration::from_secs(2),
        },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let placed = ex.json(&limit_buy(&["--order-id", "LOST-ANSWER-1"]));
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    assert!(
        placed["notes"][0]
            .as_str()
            .unwrap()
            .contains("client order id"),
        "{placed}"
    );
    assert_eq!(ex.standin.orders().len(), 1, "sent once, not twice");
    let events: Vec<String> = ex.json(&["order", "status", "LOST-ANSWER-1"])["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(events, ["INITIALIZED", "SUBMITTED", "ACCEPTED"]);
    ex.assert_consistent();
}

#[test]
fn an_order_that_never_arrived_is_rejected_once_it_no_longer_can() {
    let Some(standin) = start_standin() else {
        return;
    };
    let Some(ex) = Exchange::with(standin, "recv_window_ms = 500", "") else {
        return;
    };
    ex.connect();
    // 503: not processed; the outcome is unknown to the client.
    ex.standin.inject(
        Fault::ServerError { status: 503 },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let err = ex.json_err(&limit_buy(&["--order-id", "NEVER-ARRIVED-1"]), 4);
    assert_eq!(err["category"], "system");
    assert!(
        err["message"].as_str().unwrap().contains("never reached"),
        "{err}"
    );
    assert_eq!(err["details"]["order"]["status"], "REJECTED");
    assert!(ex.standin.orders().is_empty());
    // The same id can be used again now.
    let placed = ex.json(&limit_buy(&["--order-id", "NEVER-ARRIVED-1"]));
    assert_eq!(placed["duplicate"], true, "{placed}");
    ex.assert_consistent();
}

#[test]
fn a_process_killed_after_sending_is_reconciled_on_restart_with_exactly_one_order() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    ex.standin.inject(
        Fault::DelayResponse {
            delay: Duration::from_secs(30),
        },
        Some("POST"),
        Some("/api/v3/order"),
        1,
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"))
        .env("NAUTILUS_MCP_HOME", ex.state())
        .env("NAUTILUS_MCP_CONFIG", &ex.config)
        .env("BINANCE_API_KEY", API_KEY)
        .env("BINANCE_API_SECRET", SECRET)
        .env_remove("RUST_LOG")
        .args(["--json"])
        .args(limit_buy(&["--order-id", "KILLED-1"]))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // The venue has the order; the process is waiting for the answer.
    eventually(20, "the order reaches the venue", || {
        ex.standin
            .orders()
            .iter()
            .any(|o| o.client_order_id == "KILLED-1")
            .then_some(())
    });
    assert_eq!(
        ex.stored_status("KILLED-1").as_deref(),
        Some("SUBMITTED"),
        "the intent was journaled before the request"
    );
    child.kill().expect("kill");
    child.wait().expect("reaped");

    // The next command reconciles: the order is known, once.
    let s = ex.json(&["order", "status", "KILLED-1"]);
    assert_eq!(s["order"]["status"], "ACCEPTED");
    let venue_id = ex.standin.orders()[0].order_id.to_string();
    assert_eq!(s["order"]["venue_order_id"], venue_id.as_str());
    let listed = ex.json(&["order", "list", "--status", "all"]);
    assert_eq!(listed["orders"].as_array().unwrap().len(), 1);
    // A retried submission returns that order instead of sending another.
    let again = ex.json(&limit_buy(&["--order-id", "KILLED-1"]));
    assert_eq!(again["duplicate"], true);
    assert_eq!(ex.standin.orders().len(), 1);
    assert_eq!(ex.requests("POST", "/api/v3/order").len(), 1);
    ex.assert_consistent();
}

/// The stale part of an answer: the venue, `source: journal`, the last successful
/// reconciliation (at or after `since`) and a note saying why.
fn assert_stale(doc: &Value, since: chrono::DateTime<chrono::Utc>, why: &str) {
    let stale = doc["stale"]
        .as_array()
        .unwrap_or_else(|| panic!("no stale part: {doc}"));
    assert_eq!(stale.len(), 1, "{doc}");
    let s = &stale[0];
    assert_eq!(s["venue"], "BINANCE", "{doc}");
    assert_eq!(s["source"], "journal", "{doc}");
    let last = chrono::DateTime::parse_from_rfc3339(s["last_reconciled"].as_str().unwrap())
        .unwrap_or_else(|e| panic!("last_reconciled: {e}: {doc}"));
    assert!(last >= since && last <= chrono::Utc::now(), "{doc}");
    let note = s["note"].as_str().unwrap();
    assert!(
        note.contains("may be stale") && note.contains(why),
        "{note}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_built_from_stored_state_say_so() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    // Reconciled with the venue: nothing is stale.
    let before = chrono::Utc::now() - chrono::Duration::milliseconds(5);
    let fresh = ex.json(&["account", "info", "--venue", "BINANCE"]);
    assert!(fresh.get("stale").is_none(), "{fresh}");

    // A network fault on every read: the journal's state, saying so, exit 0.
    ex.standin.inject(
        Fault::ServerError { status: 503 },
        Some("GET"),
        None,
        10_000,
    );
    for args in [
        &["account", "info", "--venue", "BINANCE"][..],
        &["order", "list", "--venue", "BINANCE"],
        &["position", "list", "--venue", "BINANCE"],
        &["node", "status"],
    ] {
        let doc = ex.json(args);
        assert_stale(&doc, before, "503");
    }
    ex.standin.clear_faults();

    // A ban (HTTP 418) while reconciling: this command, and the next, which sends nothing.
    ex.standin.inject(
        Fault::Banned {
            retry_after_secs: 120,
        },
        Some("GET"),
        None,
        1,
    );
    let doc = ex.json(&["account", "info", "--venue", "BINANCE"]);
    assert_stale(&doc, before, "418");
    let sent = ex.standin.requests().len();
    let doc = ex.json(&["account", "info", "--venue", "BINANCE"]);
    assert_stale(&doc, before, "banned");
    assert_eq!(
        ex.standin.requests().len(),
        sent,
        "nothing is sent while banned"
    );

    // An MCP client sees the same: this server has no credentials, so cannot reconcile.
    let client = mcp(&ex).await;
    let doc = ok(&client, "get_account_info", json!({"venue": "BINANCE"})).await;
    assert_stale(&doc, before, "banned");
    client.cancel().await.ok();
}
