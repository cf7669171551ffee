//! Market data of a venue connected in testnet mode comes from the venue itself: its depth
//! snapshot as an L2 book, its 24-hour ticker and its recent public trades.

use serde_json::json;

use super::support::*;

const ID: &str = "BTCUSDT.BINANCE";

#[test]
fn book_ticker_and_trades_come_from_the_venue() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    ex.standin.set_book("BTCUSDT", d("50001"), d("50002.5"));
    ex.standin
        .trade_at("BTCUSDT", d("50001.5"), Some(d("0.25")));
    ex.standin.trade_at("BTCUSDT", d("50001"), Some(d("0.1")));

    let depth_reads = ex.requests("GET", "/api/v3/depth").len();
    let book = ex.json(&["market", "book", "--instrument", ID, "--depth", "5"]);
    assert_eq!(ex.requests("GET", "/api/v3/depth").len(), depth_reads + 1);
    assert_eq!(book["source"], "live");
    assert_eq!(book["book_type"], "L2_MBP");
    assert_eq!(book["basis"], "venue");
    assert_eq!(
        book["bids"],
        json!([{"price": "50001.00", "size": "10.00000"}])
    );
    assert_eq!(
        book["asks"],
        json!([{"price": "50002.50", "size": "10.00000"}])
    );
    assert_eq!(book["spread"], "1.50");
    assert_eq!(book["mid"], "50001.75");
    assert_eq!(book["imbalance"], "0");

    let t = ex.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(t["source"], "live");
    assert_eq!(
        (t["last"].as_str(), t["bid"].as_str(), t["ask"].as_str()),
        (Some("50001.00"), Some("50001.00"), Some("50002.50"))
    );
    assert_eq!(t["bid_size"], "10.00000");
    let s = &t["stats"];
    assert_eq!(s["source"], "live");
    assert_eq!(s["trades"], 2);
    assert_eq!(s["bars"], serde_json::Value::Null);
    assert_eq!(s["close"], "50001.00");

    let trades = ex.json(&["market", "trades", "--instrument", ID, "--limit", "10"]);
    assert_eq!(trades["source"], "live");
    assert_eq!(trades["count"], 2);
    assert_eq!(trades["truncated"], false);
    let view: Vec<(&str, &str, &str)> = trades["trades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["price"].as_str().unwrap(),
                t["size"].as_str().unwrap(),
                t["aggressor_side"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        view,
        [
            ("50001.50", "0.25000", "BUYER"),
            ("50001.00", "0.10000", "BUYER")
        ]
    );
    let newest = ex.json(&["market", "trades", "--instrument", ID, "--limit", "1"]);
    assert_eq!(newest["truncated"], true);
    assert_eq!(newest["trades"][0]["price"], "50001.00");

    for (args, says) in [
        (
            &["market", "ticker", "--instrument", ID, "--window", "1h"][..],
            "window: '1h': BINANCE is connected in testnet mode and its ticker is the venue's rolling 24h window",
        ),
        (
            &["market", "trades", "--instrument", ID, "--limit", "5000"],
            "limit: BINANCE returns at most its 1000 most recent trades; got 5000",
        ),
        (
            &["market", "book", "--instrument", ID, "--depth", "500"],
            "depth: must be between 1 and 100, got 500",
        ),
    ] {
        let e = ex.json_err(args, 2);
        assert_eq!(e["category"], "client", "{args:?}: {e}");
        let message = e["message"].as_str().unwrap();
        assert!(message.starts_with(says), "{args:?}: {message}");
    }
}
