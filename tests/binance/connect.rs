//! Connecting Binance: clock, instruments with their filters, balances, credentials, and the
//! guard on live trading.

use std::os::unix::fs::PermissionsExt;

use serde_json::{Value, json};

use super::support::*;

#[test]
fn testnet_connect_syncs_the_clock_and_loads_instruments_and_balances() {
    let Some(ex) = Exchange::new() else { return };
    ex.standin.set_clock_skew_ms(3_000);
    let doc = ex.connect();
    assert_eq!(doc["mode"], "testnet");
    let c = &doc["connection"];
    let offset = c["clock_offset_ms"].as_i64().unwrap();
    assert!((2_500..=3_500).contains(&offset), "offset {offset}");
    assert_eq!(c["instruments_loaded"], 2);
    assert_eq!(c["maker_fee"], "0.001");
    assert!(
        c["rest_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    let venue = &doc["node"]["venues"][0];
    assert_eq!(venue["venue"], "BINANCE");
    assert_eq!(venue["mode"], "testnet");

    // Balances come from the venue.
    let account = ex.json(&["account", "info", "--venue", "BINANCE"]);
    assert_eq!(account["mode"], "testnet");
    assert_eq!(account["account_type"], "CASH");
    assert_eq!(
        balance(&account, "USDT"),
        (d("100000"), d("0"), d("100000"))
    );
    assert_eq!(balance(&account, "BTC").0, d("1"));
    assert_eq!(balance(&account, "ETH").0, d("10"));

    // The instruments carry Binance's filters: a quantity off the step size is refused before
    // anything is sent, naming the rule.
    let sent_before = ex.requests("POST", "/api/v3/order").len();
    let err = ex.json_err(&limit_args("BUY", "0.000001", "49000", &[]), 2);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("size increment 0.00001"),
        "{err}"
    );
    let err = ex.json_err(&limit_args("BUY", "0.00001", "49000", &[]), 2);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("minimum notional"),
        "{err}"
    );
    assert_eq!(ex.requests("POST", "/api/v3/order").len(), sent_before);

    // Status shows the mode of the venue.
    let status = ex.json(&["node", "status"]);
    assert_eq!(status["venues"][0]["mode"], "testnet");
    // The clock offset is kept and used: the venue's clock is 3 s ahead, and a signed
    // request from a new process passes without a resync.
    ex.json(&["order", "list"]);
    assert!(
        ex.requests("GET", "/api/v3/account")
            .iter()
            .all(|(status, _)| *status == 200)
    );
    assert_eq!(
        ex.requests("GET", "/api/v3/time").len(),
        1,
        "synced once, at connect"
    );
}

#[test]
fn live_is_refused_without_allow_live_in_the_config() {
    let Some(mut ex) = Exchange::new() else {
        return;
    };
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let err = ex.json_err(&["venue", "connect", "BINANCE", "--mode", "live"], 2);
    assert_eq!(err["category"], "client");
    let msg = err["message"].as_str().unwrap();
    assert!(msg.contains("allow_live = true"), "{msg}");
    assert!(msg.contains("[venues.BINANCE]"), "{msg}");
    assert!(
        msg.contains(ex.config.to_str().unwrap()),
        "names the config file: {msg}"
    );
    assert!(ex.standin.requests().is_empty(), "nothing was sent");
    // A config mode of live is not enough either: the request must say so.
    ex.reconfigure("mode = \"live\"", "");
    let err = ex.json_err(&["venue", "connect", "BINANCE"], 2);
    assert!(
        err["message"].as_str().unwrap().contains("mode live"),
        "{err}"
    );

    ex.reconfigure("allow_live = true", "");
    let doc = ex.json(&["venue", "connect", "BINANCE", "--mode", "live"]);
    assert_eq!(doc["mode"], "live");
    assert_eq!(ex.json(&["node", "status"])["venues"][0]["mode"], "live");
    // Taking allow_live away stops trading on the live venue at once.
    ex.reconfigure("", "");
    let err = ex.json_err(
        &[
            "order",
            "submit-market",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "BUY",
            "--quantity",
            "0.001",
        ],
        2,
    );
    assert!(
        err["message"].as_str().unwrap().contains("allow_live"),
        "{err}"
    );
    assert!(ex.requests("POST", "/api/v3/order").is_empty());
}

#[test]
fn credentials_come_from_the_environment_or_an_owner_only_file() {
    let Some(mut ex) = Exchange::new() else {
        return;
    };
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    // No credentials anywhere.
    let out = ex
        .bare_cmd()
        .args(["--json", "venue", "connect", "BINANCE", "--mode", "testnet"])
        .output()
        .unwrap();
    let err = error_doc(&["venue", "connect"], &out, 2);
    let msg = err["message"].as_str().unwrap();
    assert!(
        msg.contains("BINANCE_API_KEY") && msg.contains("credentials_file"),
        "{msg}"
    );

    // A credentials file readable by others is refused.
    let file = ex.dir.path().join("binance-keys.toml");
    std::fs::write(
        &file,
        format!("api_key = \"{API_KEY}\"\nsecret_key = \"{SECRET}\"\n"),
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    ex.reconfigure(&format!("credentials_file = \"{}\"", file.display()), "");
    let out = ex
        .bare_cmd()
        .args(["--json", "venue", "connect", "BINANCE", "--mode", "testnet"])
        .output()
        .unwrap();
    let err = error_doc(&["venue", "connect"], &out, 2);
    assert!(
        err["message"].as_str().unwrap().contains("chmod 600"),
        "{err}"
    );

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = ex
        .bare_cmd()
        .args(["--json", "venue", "connect", "BINANCE", "--mode", "testnet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A wrong secret in the file: Binance's refusal, a permanent client error naming the file.
    std::fs::write(
        &file,
        format!("api_key = \"{API_KEY}\"\nsecret_key = \"not-the-file-secret\"\n"),
    )
    .unwrap();
    let out = ex
        .bare_cmd()
        .args(["--json", "venue", "connect", "BINANCE", "--mode", "testnet"])
        .output()
        .unwrap();
    let err = error_doc(&["venue", "connect"], &out, 2);
    assert_refused(&err, -1022, "the credentials file", "not-the-file-secret");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains(&file.display().to_string()),
        "{err}"
    );
}

/// A refusal of the credentials: a `client` error (exit 2, retrying will not help) with
/// Binance's code, naming where the credentials came from and never quoting them.
fn assert_refused(err: &Value, venue_code: i64, source: &str, secret: &str) {
    assert_eq!(err["category"], "client", "{err}");
    assert_eq!(err["code"], "CREDENTIALS_REFUSED", "{err}");
    assert_eq!(err["details"]["venue_code"], venue_code, "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains(source), "{message}");
    assert_eq!(
        err["details"]["credentials_source"]
            .as_str()
            .map(|s| s.contains(source)),
        Some(true),
        "{err}"
    );
    assert!(message.contains("permanent"), "{message}");
    assert!(
        !err.to_string().contains(secret),
        "the secret is quoted: {err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_are_a_permanent_client_error_naming_their_source() {
    let Some(mut ex) = Exchange::new() else {
        return;
    };
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let env = "the environment (BINANCE_API_KEY, BINANCE_API_SECRET)";

    // `venue connect` with a wrong secret (-1022) and with a key Binance does not know (-2015).
    ex.set_credentials(API_KEY, "not-the-secret-1");
    let err = ex.json_err(&["venue", "connect", "BINANCE", "--mode", "testnet"], 2);
    assert_refused(&err, -1022, env, "not-the-secret-1");
    ex.set_credentials("unknown-api-key-7", SECRET);
    let err = ex.json_err(&["venue", "connect", "BINANCE", "--mode", "testnet"], 2);
    assert_refused(&err, -2015, env, "unknown-api-key-7");
    assert!(!err.to_string().contains(SECRET), "{err}");

    // The account read that starts a trading command.
    ex.set_credentials(API_KEY, SECRET);
    ex.json(&["venue", "connect", "BINANCE", "--mode", "testnet"]);
    ex.set_credentials(API_KEY, "not-the-secret-2");
    let err = ex.json_err(&limit_args("BUY", "0.001", "49000", &[]), 2);
    assert_refused(&err, -1022, env, "not-the-secret-2");
    assert!(ex.requests("POST", "/api/v3/order").is_empty());

    // `connect_venue` over MCP with credentials in the request.
    let client = mcp(&ex).await;
    let (is_error, err) = call(
        &client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": API_KEY, "secret_key": "not-the-secret-3"}}),
    )
    .await;
    assert!(is_error, "{err}");
    assert_refused(
        &err["error"],
        -1022,
        "the connect_venue request",
        "not-the-secret-3",
    );
    client.cancel().await.ok();
}

#[test]
fn paper_options_do_not_apply_to_a_real_venue_and_modes_do_not_mix() {
    let Some(ex) = Exchange::new() else { return };
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let err = ex.json_err(
        &[
            "venue",
            "connect",
            "BINANCE",
            "--mode",
            "testnet",
            "--balance",
            "5 BTC",
        ],
        2,
    );
    assert_eq!(err["details"]["field"], "starting_balances", "{err}");
    // A paper venue with an open order cannot turn into a real one.
    ex.json(&["venue", "connect", "BINANCE", "--account-type", "CASH"]);
    ex.json(&[
        "market",
        "push",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--bid",
        "50000",
        "--ask",
        "50000.1",
    ]);
    ex.json(&limit_args("BUY", "0.01", "49000", &[]));
    let err = ex.json_err(&["venue", "connect", "BINANCE", "--mode", "testnet"], 2);
    assert!(
        err["message"].as_str().unwrap().contains("paper mode"),
        "{err}"
    );
}
