//! Ed25519 API keys: the secret is the key's PEM PKCS#8 private key. REST requests and the user
//! data stream subscription are signed with it (base64 Ed25519), and the stand-in verifies
//! them with the public key, refusing any other signature.

use serde_json::json;

use super::support::*;

#[test]
fn an_ed25519_key_connects_and_trades_from_the_cli() {
    let mut ex = ed25519_exchange();
    let connected = ex.connect();
    assert_eq!(connected["connection"]["signing"], "Ed25519");
    assert_eq!(connected["connection"]["instruments_loaded"], 2);

    let placed = ex.json(&limit_args("BUY", "0.01", "49000", &[]));
    assert_eq!(placed["order"]["status"], "ACCEPTED");
    let id = placed["order"]["client_order_id"].as_str().unwrap();
    let at_venue = ex.standin.orders();
    assert_eq!(at_venue.len(), 1);
    assert_eq!(at_venue[0].client_order_id, id);
    // Every signed request (GET in the query string, POST in the body) passed verification.
    for (method, path) in [
        ("GET", "/api/v3/account"),
        ("GET", "/api/v3/openOrders"),
        ("POST", "/api/v3/order"),
    ] {
        let seen = ex.requests(method, path);
        assert!(!seen.is_empty(), "{method} {path}");
        assert!(
            seen.iter().all(|(status, _)| *status == 200),
            "{method} {path}: {seen:?}"
        );
    }
    ex.standin.trade_at("BTCUSDT", d("49000"), None);
    let s = ex.json(&["order", "status", id]);
    assert_eq!(s["order"]["status"], "FILLED");

    // The venue refuses signatures by anything but the account's key: an HMAC signature, or
    // another Ed25519 key.
    for secret in [SECRET, OTHER_ED_KEY_PEM] {
        ex.set_credentials(ED_API_KEY, secret);
        let e = ex.json_err(&["venue", "connect", "BINANCE", "--mode", "testnet"], 2);
        assert_eq!(e["details"]["venue_code"], -1022, "{e}");
        assert_eq!(e["code"], "CREDENTIALS_REFUSED", "{e}");
    }
    assert_eq!(ex.standin.orders().len(), 1, "nothing more was placed");
}

#[test]
fn secrets_that_are_pem_keys_of_another_kind_are_refused_before_anything_is_sent() {
    let mut ex = ed25519_exchange();
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let rsa = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n";
    ex.set_credentials(ED_API_KEY, rsa);
    let e = ex.json_err(&["venue", "connect", "BINANCE", "--mode", "testnet"], 2);
    assert_eq!(e["details"]["field"], "credentials.secret_key");
    let message = e["message"].as_str().unwrap();
    assert!(
        message.starts_with("credentials.secret_key: the secret is a PEM RSA PRIVATE KEY"),
        "{message}"
    );
    assert!(!message.contains("MIIEow"), "the key is never quoted");
    assert!(ex.standin.requests().is_empty(), "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_data_stream_subscribes_with_an_ed25519_signature() {
    let ex = ed25519_exchange();
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let client = mcp(&ex).await;
    let doc = ok(
        &client,
        "connect_venue",
        json!({"venue_name": "BINANCE", "mode": "testnet",
               "credentials": {"api_key": ED_API_KEY, "secret_key": ed_key_pem()}}),
    )
    .await;
    assert_eq!(doc["connection"]["signing"], "Ed25519");
    let standin = &ex.standin;
    eventually_async(10, "subscribed", || async {
        (standin.user_subscriptions() == 1).then_some(())
    })
    .await;
    assert!(
        standin
            .ws_requests()
            .contains(&("userDataStream.subscribe.signature".to_string(), true))
    );
    // A fill reaches the journal through the stream.
    let placed = ok(
        &client,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.BINANCE", "side": "BUY", "quantity": 0.01, "price": 49500.0}),
    )
    .await;
    let id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    standin.trade_at("BTCUSDT", d("49500"), None);
    eventually_async(10, "filled through the stream", || async {
        let s = ok(&client, "get_order_status", json!({"order_id": id})).await;
        (s["order"]["status"] == "FILLED").then_some(())
    })
    .await;
    client.cancel().await.ok();
}
