//! Connecting Binance: clock, instruments with their filters, balances, credentials, and the
//! guard on live trading.

use std::os::unix::fs::PermissionsExt;

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

    // Wrong keys: Binance's refusal, as a system error with its code.
    let out = ex
        .bare_cmd()
        .env("BINANCE_API_KEY", API_KEY)
        .env("BINANCE_API_SECRET", "not-the-secret")
        .args(["--json", "venue", "connect", "BINANCE", "--mode", "testnet"])
        .output()
        .unwrap();
    let err = error_doc(&["venue", "connect"], &out, 4);
    assert_eq!(err["details"]["venue_code"], -1022, "{err}");
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
