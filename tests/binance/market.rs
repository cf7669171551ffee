//! Market data of a venue connected in testnet mode comes from the venue itself: its depth
//! snapshot as an L2 book, its 24-hour ticker, its recent public trades and its bars (klines).

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{
    standin::{KlineFields, SymbolConfig},
    support::*,
};

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

/// LTCBTC with 8-decimal tick and step: the real klines body (a weekly kline of 2017-07-03
/// from Binance's documentation, prices and volume with 8 decimals) fits it exactly.
fn ltcbtc() -> SymbolConfig {
    SymbolConfig {
        symbol: "LTCBTC".into(),
        base: "LTC".into(),
        quote: "BTC".into(),
        tick_size: d("0.00000001"),
        step_size: d("0.00000001"),
        min_qty: d("0.00000001"),
        max_qty: d("90000"),
        min_notional: d("0.0001"),
        bid: d("0.01570000"),
        ask: d("0.01580000"),
    }
}

/// `market bars --instrument ID ARGS...`.
fn bars(ex: &Exchange, id: &str, args: &[&str]) -> Value {
    ex.json(&[&["market", "bars", "--instrument", id], args].concat())
}

/// (open, high, low, close, volume) of a view's bars.
fn ohlcv(doc: &Value) -> Vec<[String; 6]> {
    doc["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            ["open_time", "open", "high", "low", "close", "volume"]
                .map(|k| b[k].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn bars_come_from_the_venue_with_the_real_klines_values() {
    let mut cfg = standin_config().unwrap();
    cfg.symbols.push(ltcbtc());
    let standin = super::standin::Standin::start(cfg).unwrap();
    let body = standin.body_klines();
    assert_eq!(body.len(), 1);
    // The body's kline spans a week: it is Binance's 1w interval.
    assert_eq!(
        body[0][6].as_i64().unwrap() - body[0][0].as_i64().unwrap() + 1,
        7 * 86_400_000
    );
    standin.set_klines("LTCBTC", "1w", body);
    let ex = Exchange::with(standin, "", "").unwrap();
    ex.connect();

    let expected = [[
        "2017-07-03T00:00:00Z",
        "0.01634790",
        "0.80000000",
        "0.01575800",
        "0.01577100",
        "148976.11427815",
    ]
    .map(String::from)];
    let id = "LTCBTC.BINANCE";
    let ranged = bars(
        &ex,
        id,
        &[
            "--bar-spec",
            "1-WEEK-LAST",
            "--start",
            "2017-07-01",
            "--end",
            "2017-07-31",
        ],
    );
    assert_eq!(ranged["source"], "live");
    assert_eq!(ranged["bar_spec"], "1-WEEK-LAST");
    assert_eq!(ranged["series"], "LTCBTC.BINANCE-1-WEEK-LAST-EXTERNAL");
    assert_eq!(ranged["count"], 1);
    assert_eq!(ranged["truncated"], false);
    assert_eq!(ranged["as_of"], "2017-07-10T00:00:00Z");
    assert_eq!(ohlcv(&ranged), expected);
    // The range went to Binance as milliseconds, bars opening from 2017-07-01 to the end of
    // 2017-07-31.
    assert_eq!(
        ex.standin.kline_requests().last().unwrap(),
        &(Some(1_498_867_200_000), Some(1_501_545_599_999), Some(1000))
    );

    // Without a range: the venue's most recent bars, the same one.
    let recent = bars(&ex, id, &["--bar-spec", "1-WEEK-LAST"]);
    assert_eq!(ohlcv(&recent), expected);
    assert_eq!(
        ex.standin.kline_requests().last().unwrap(),
        &(None, None, Some(1000))
    );
    // A range without bars is an empty answer that says so.
    let none = bars(
        &ex,
        id,
        &["--bar-spec", "1-WEEK-LAST", "--start", "2018-01-01"],
    );
    assert_eq!(none["count"], 0);
    assert!(
        none["notes"]
            .to_string()
            .contains("no closed 1-WEEK-LAST bars"),
        "{none}"
    );
}

const JAN_1_2024_MS: i64 = 1_704_067_200_000;

/// 2500 one-minute BTCUSDT klines from 2024-01-01 (prices at tick 0.01, volumes at step
/// 0.00001): the rows for the stand-in and the bars the view must show.
fn minute_klines(standin: &super::standin::StandinHandle) -> (Vec<Value>, Vec<[String; 6]>) {
    let fixed = |v: Decimal, dp: u32| {
        let mut v = v;
        v.rescale(dp);
        v.to_string()
    };
    let (mut rows, mut views) = (Vec::new(), Vec::new());
    for i in 0..2500_i64 {
        let open_ms = JAN_1_2024_MS + i * 60_000;
        let level = |j: i64| d("42000") + Decimal::new((j * 7919) % 5000, 2);
        let (o, c) = (level(i), level(i + 1));
        let (h, l) = (o.max(c) + d("0.37"), o.min(c) - d("0.21"));
        let v = Decimal::new((i % 97 + 1) * 1234, 5);
        rows.push(standin.kline(&KlineFields {
            open_ms,
            step_ms: 60_000,
            ohlcv: [o, h, l, c, v],
            volumes: [(v * c).round_dp(8), Decimal::ZERO, Decimal::ZERO],
            trades: 1,
        }));
        let open_time = chrono::DateTime::from_timestamp_millis(open_ms)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        views.push([
            open_time,
            fixed(o, 2),
            fixed(h, 2),
            fixed(l, 2),
            fixed(c, 2),
            fixed(v, 5),
        ]);
    }
    (rows, views)
}

#[test]
fn bars_page_through_the_venue_1000_at_a_time() {
    let Some(ex) = Exchange::new() else { return };
    let (rows, all) = minute_klines(&ex.standin);
    ex.standin.set_klines("BTCUSDT", "1m", rows);
    ex.connect();
    let before = ex.standin.kline_requests().len();

    let doc = bars(
        &ex,
        ID,
        &[
            "--bar-spec",
            "1-MINUTE-LAST",
            "--start",
            "2024-01-01",
            "--limit",
            "2500",
        ],
    );
    assert_eq!(doc["source"], "live");
    assert_eq!(doc["count"], 2500);
    assert_eq!(doc["truncated"], false);
    assert_eq!(ohlcv(&doc), all);
    let min = 60_000;
    assert_eq!(
        ex.standin.kline_requests()[before..],
        [
            (Some(JAN_1_2024_MS), None, Some(1000)),
            // From just after the last open time received.
            (Some(JAN_1_2024_MS + 999 * min + 1), None, Some(1000)),
            (Some(JAN_1_2024_MS + 1999 * min + 1), None, Some(501)),
        ]
    );
    assert!(doc["notes"].to_string().contains("3 request(s)"), "{doc}");

    // More in the range than the limit: the first ones, said so.
    let first = bars(
        &ex,
        ID,
        &["--start", "2024-01-01T00:10:00Z", "--limit", "1200"],
    );
    assert_eq!(first["bar_spec"], "1-MINUTE-LAST", "the default spec");
    assert_eq!(first["truncated"], true);
    assert_eq!(ohlcv(&first), all[10..1210]);
    // No start: the last bars up to the end, paging backward from it.
    let before = ex.standin.kline_requests().len();
    let last = bars(
        &ex,
        ID,
        &["--end", "2024-01-02T16:39:00Z", "--limit", "1500"],
    );
    // 2024-01-02T16:39 is bar 2439.
    assert_eq!(ohlcv(&last), all[940..2440]);
    assert_eq!(last["truncated"], true);
    let end_ms = JAN_1_2024_MS + 2439 * min;
    assert_eq!(
        ex.standin.kline_requests()[before..],
        [
            (None, Some(end_ms), Some(1000)),
            (None, Some(end_ms - 999 * min - 1), Some(501)),
        ]
    );

    // The CSV export holds the same bars.
    let csv = ex.dir.path().join("bars.csv");
    let written = bars(
        &ex,
        ID,
        &[
            "--start",
            "2024-01-01",
            "--limit",
            "2500",
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(written["count"], 2500);
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "open_time,open,high,low,close,volume");
    assert_eq!(lines[1..].len(), 2500);
    assert_eq!(lines[2500], all[2499].join(","));
}

#[test]
fn bar_specs_binance_has_no_interval_for_are_client_errors() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let before = ex.standin.kline_requests().len();
    for (spec, says) in [
        (
            "2-MINUTE-LAST",
            "bar_spec: Binance has no kline interval for 2-MINUTE-LAST; its bar specs are 1-SECOND-LAST, 1-MINUTE-LAST, 3-MINUTE-LAST, 5-MINUTE-LAST, 15-MINUTE-LAST, 30-MINUTE-LAST, 1-HOUR-LAST, 2-HOUR-LAST, 4-HOUR-LAST, 6-HOUR-LAST, 8-HOUR-LAST, 12-HOUR-LAST, 1-DAY-LAST, 3-DAY-LAST, 1-WEEK-LAST",
        ),
        (
            "1-HOUR-MID",
            "bar_spec: Binance has no 1-HOUR-MID bars: its klines are bars of trade prices; ask for 1-HOUR-LAST",
        ),
    ] {
        let e = ex.json_err(
            &["market", "bars", "--instrument", ID, "--bar-spec", spec],
            2,
        );
        assert_eq!(e["category"], "client", "{e}");
        assert_eq!(e["details"]["field"], "bar_spec", "{e}");
        assert_eq!(e["message"], says);
    }
    assert_eq!(
        ex.standin.kline_requests().len(),
        before,
        "nothing was sent"
    );
    // The catalog stays reachable, and says what it lacks.
    let e = ex.json_err(
        &["market", "bars", "--instrument", ID, "--source", "catalog"],
        2,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("the catalog has no bars of BTCUSDT.BINANCE"),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_bars_and_the_bars_resource_come_from_the_venue_over_mcp() {
    let Some(ex) = Exchange::new() else { return };
    let (rows, all) = minute_klines(&ex.standin);
    ex.standin.set_klines("BTCUSDT", "1m", rows);
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let client = mcp(&ex).await;
    connect_venue_over_mcp(&client).await;
    let doc = ok(
        &client,
        "get_bars",
        json!({"instrument_id": ID, "bar_spec": "1-MINUTE-LAST",
               "start": "2024-01-01T00:00:00Z", "limit": 1200}),
    )
    .await;
    assert_eq!(doc["source"], "live");
    assert_eq!(doc["count"], 1200);
    assert_eq!(ohlcv(&doc), all[..1200]);

    let uri = "nautilus://bars/BTCUSDT.BINANCE/1-MINUTE-LAST?format=csv&start=2024-01-02T00:00:00Z&limit=3";
    let r = client
        .read_resource(rmcp::model::ReadResourceRequestParams::new(uri))
        .await
        .unwrap();
    let rmcp::model::ResourceContents::TextResourceContents { text, .. } = &r.contents[0] else {
        panic!("{r:?}")
    };
    // 2024-01-02T00:00 is bar 1440.
    let expected: Vec<String> = std::iter::once("open_time,open,high,low,close,volume".to_string())
        .chain(all[1440..1443].iter().map(|b| b.join(",")))
        .collect();
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    client.cancel().await.ok();
}
