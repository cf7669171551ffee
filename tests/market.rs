//! Market data through the CLI on the shipped January 2024 BTCUSDT minutes: instruments, bars
//! (stored and resampled), the paper venue's book, ticker and trades, and the errors that say
//! what is valid. Expected values are computed independently from the CSV file.

mod common;

use std::str::FromStr;

use common::{Home, project_data, shared_data};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const ID: &str = "BTCUSDT.BINANCE";

/// One row of the shipped CSV (timestamp = bar open).
#[derive(Debug, Clone)]
struct Row {
    open_time: String,
    open: String,
    high: String,
    low: String,
    close: String,
    volume: String,
}

fn shipped() -> String {
    project_data()
        .join("synthetic-btcusdt-1m-2024-01.csv")
        .display()
        .to_string()
}

fn rows() -> Vec<Row> {
    std::fs::read_to_string(shipped())
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Row {
                open_time: f[0].to_string(),
                open: f[1].to_string(),
                high: f[2].to_string(),
                low: f[3].to_string(),
                close: f[4].to_string(),
                volume: f[5].to_string(),
            }
        })
        .collect()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The bar the rows aggregate to, as text at the data's precision (2 and 5 decimals).
fn aggregate(rows: &[Row]) -> Value {
    let high = rows.iter().map(|r| d(&r.high)).max().unwrap();
    let low = rows.iter().map(|r| d(&r.low)).min().unwrap();
    let mut volume: Decimal = rows.iter().map(|r| d(&r.volume)).sum();
    volume.rescale(5);
    let mut high = high;
    high.rescale(2);
    let mut low = low;
    low.rescale(2);
    json!({
        "open_time": rows[0].open_time,
        "open": rows[0].open,
        "high": high.to_string(),
        "low": low.to_string(),
        "close": rows[rows.len() - 1].close,
        "volume": volume.to_string(),
    })
}

fn as_json(r: &Row) -> Value {
    json!({
        "open_time": r.open_time, "open": r.open, "high": r.high, "low": r.low,
        "close": r.close, "volume": r.volume,
    })
}

fn with_data() -> Home {
    let home = Home::new();
    home.json(&["data", "import", &shipped(), "--instrument", ID]);
    home
}

/// Runs a command that must fail with a client error of `code` whose message holds `says` and
/// whose details name the field at fault.
fn client_error(home: &Home, args: &[&str], code: &str, says: &str) {
    let e = home.json_err(args, 2);
    assert_eq!(e["category"], "client", "{args:?}: {e}");
    assert_eq!(e["code"], code, "{args:?}: {e}");
    assert!(e["details"]["field"].is_string(), "{args:?}: {e}");
    let message = e["message"].as_str().unwrap();
    assert!(message.contains(says), "{args:?}: {message}");
}

#[test]
fn instruments_of_a_venue() {
    let home = with_data();
    // The specification's example: venue BINANCE, symbols containing BTC.
    let doc = home.json(&[
        "market",
        "instruments",
        "--venue",
        "BINANCE",
        "--symbol-filter",
        "btc",
    ]);
    assert_eq!(doc["source"], "catalog");
    assert_eq!(doc["venue"], "BINANCE");
    let ids: Vec<&str> = doc["instruments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["instrument_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ADABTC.BINANCE", "BTCUSDT-PERP.BINANCE", ID]);
    let btc = &doc["instruments"][2];
    for (k, v) in [
        ("type", json!("currency_pair")),
        ("asset_class", json!("CRYPTOCURRENCY")),
        ("base", json!("BTC")),
        ("quote", json!("USDT")),
        ("price_precision", json!(2)),
        ("size_precision", json!(5)),
        ("price_increment", json!("0.01")),
        ("size_increment", json!("0.00001")),
        ("min_quantity", json!("0.00001")),
        ("max_quantity", json!("9000.00000")),
        ("maker_fee", json!("0.001")),
        ("taker_fee", json!("0.001")),
        ("margin_init", json!("0.1")),
        ("margin_maint", json!("0.05")),
        ("definition", json!("builtin")),
        ("data", json!(["1-MINUTE-LAST"])),
    ] {
        assert_eq!(btc[k], v, "{k}");
    }
    let perp = &doc["instruments"][1];
    assert_eq!(perp["settlement"], "USDT");
    assert_eq!(perp["data"], json!([]));

    let fx = home.json(&["market", "instruments", "--asset-class", "fx"]);
    assert!(fx["count"].as_u64().unwrap() >= 1);
    assert!(
        fx["instruments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["asset_class"] == "FX")
    );

    client_error(
        &home,
        &["market", "instruments", "--venue", "NOPE"],
        "NOT_FOUND",
        "venue: no instruments on 'NOPE'; venues with instruments: BINANCE, ",
    );
    client_error(
        &home,
        &["market", "instruments", "--asset-class", "crypto"],
        "INVALID_PARAMETER",
        "asset_class: 'crypto' is not an asset class; valid: FX, EQUITY, COMMODITY, DEBT, INDEX, CRYPTOCURRENCY, ALTERNATIVE",
    );
}

#[test]
fn bars_stored_resampled_and_exported() {
    let home = with_data();
    let all = rows();

    // Stored minutes, exactly as in the file.
    let doc = home.json(&[
        "market",
        "bars",
        "--instrument",
        ID,
        "--start",
        "2024-01-01",
        "--limit",
        "3",
    ]);
    assert_eq!(doc["source"], "catalog");
    assert_eq!(doc["bar_spec"], "1-MINUTE-LAST");
    assert_eq!(doc["resampled_from"], Value::Null);
    assert_eq!(doc["truncated"], true);
    assert_eq!(doc["as_of"], "2024-01-01T00:03:00Z");
    let want: Vec<Value> = all[..3].iter().map(as_json).collect();
    assert_eq!(doc["bars"], json!(want));

    // Without start: the last bars up to the end.
    let doc = home.json(&["market", "bars", "--instrument", ID, "--limit", "2"]);
    let want: Vec<Value> = all[all.len() - 2..].iter().map(as_json).collect();
    assert_eq!(doc["bars"], json!(want));
    assert_eq!(doc["as_of"], "2024-02-01T00:00:00Z");

    // Hours of the first day, resampled with Nautilus's bar builder.
    let doc = home.json(&[
        "market",
        "bars",
        "--instrument",
        ID,
        "--bar-spec",
        "1-HOUR-LAST",
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-01",
    ]);
    assert_eq!(
        doc["resampled_from"],
        "BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL"
    );
    assert_eq!(doc["count"], 24);
    let want: Vec<Value> = all[..1440].chunks(60).map(aggregate).collect();
    assert_eq!(doc["bars"], json!(want));
    assert_eq!(doc["bars"][0]["open"], "42000.00");

    // Days of the month: 31, the last one matching the file's last 1440 minutes.
    let doc = home.json(&[
        "market",
        "bars",
        "--instrument",
        ID,
        "--bar-spec",
        "1-DAY-LAST",
    ]);
    assert_eq!(doc["count"], 31);
    assert_eq!(doc["bars"][30], aggregate(&all[all.len() - 1440..]));

    // CSV export, re-imported as a stored 1-DAY series: the same bars come back unresampled.
    let out = home.dir.path().join("days.csv");
    let exported = home.json(&[
        "market",
        "bars",
        "--instrument",
        ID,
        "--bar-spec",
        "1-DAY-LAST",
        "--csv",
        out.to_str().unwrap(),
    ]);
    assert_eq!(exported["count"], 31);
    assert_eq!(exported["bars"], json!([]));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 32);
    assert_eq!(lines[0], "open_time,open,high,low,close,volume");
    let first = aggregate(&all[..1440]);
    assert_eq!(
        lines[1],
        format!(
            "2024-01-01T00:00:00Z,42000.00,{},{},{},{}",
            first["high"].as_str().unwrap(),
            first["low"].as_str().unwrap(),
            first["close"].as_str().unwrap(),
            first["volume"].as_str().unwrap()
        )
    );
    home.json(&[
        "data",
        "import",
        out.to_str().unwrap(),
        "--instrument",
        ID,
        "--bar-spec",
        "1-DAY-LAST",
    ]);
    let stored = home.json(&[
        "market",
        "bars",
        "--instrument",
        ID,
        "--bar-spec",
        "1-DAY-LAST",
    ]);
    assert_eq!(stored["resampled_from"], Value::Null);
    assert_eq!(stored["bars"], doc["bars"]);
}

#[test]
fn bar_requests_that_cannot_be_answered_say_what_is_valid() {
    let home = with_data();
    for (extra, code, says) in [
        (
            &["--start", "2024-01-02", "--end", "2024-01-01"][..],
            "INVALID_PARAMETER",
            "start: 2024-01-02T00:00:00Z is after end 2024-01-01T23:59:59.999999999Z",
        ),
        (
            &["--limit", "0"],
            "INVALID_PARAMETER",
            "limit: must be between 1 and 1000000, got 0",
        ),
        (
            &["--limit", "5000000"],
            "INVALID_PARAMETER",
            "limit: must be between 1 and 1000000, got 5000000",
        ),
        (
            &["--bar-spec", "7-HOUR-LAST"],
            "INVALID_PARAMETER",
            "step must evenly divide 24",
        ),
        (
            &["--bar-spec", "2-DAY-LAST"],
            "INVALID_PARAMETER",
            "divides a day",
        ),
        (
            &["--bar-spec", "1-HOUR-BID"],
            "INVALID_PARAMETER",
            "stored: 1-MINUTE-LAST",
        ),
        (
            &["--bar-spec", "1-TICK-LAST"],
            "INVALID_PARAMETER",
            "bar_spec:",
        ),
    ] {
        let mut args = vec!["market", "bars", "--instrument", ID];
        args.extend_from_slice(extra);
        client_error(&home, &args, code, says);
    }
    for (id, code, says) in [
        ("NOPE.BINANCE", "NOT_FOUND", "instruments on BINANCE: "),
        ("ETHUSDT.BINANCE", "NOT_FOUND", "no bars of ETHUSDT.BINANCE"),
        ("BTCUSDT", "INVALID_PARAMETER", "SYMBOL.VENUE"),
    ] {
        client_error(&home, &["market", "bars", "--instrument", id], code, says);
    }
}

#[test]
fn the_paper_market_book_ticker_and_trades() {
    let home = with_data();
    let all = rows();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);

    // No paper data and no clock yet: the catalog's last bar, at the end of the data.
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["source"], "catalog");
    assert_eq!(book["basis"], "bar");
    assert_eq!(book["as_of"], "2024-02-01T00:00:00Z");
    let last = &all[all.len() - 1];
    assert_eq!(
        book["bids"],
        json!([{"price": last.close, "size": last.volume}])
    );

    // Move the market through the first day: the ticker's window is that day.
    home.json(&["node", "advance", "--until", "2024-01-02T00:00:00Z"]);
    let day = &all[..1440];
    let t = home.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(t["source"], "paper");
    assert_eq!(t["market_time"], "2024-01-02T00:00:00Z");
    assert_eq!(t["last"], day[1439].close.as_str());
    assert_eq!(t["last_basis"], "bar_close");
    assert_eq!(t["bid"], Value::Null);
    let agg = aggregate(day);
    let s = &t["stats"];
    assert_eq!(s["series"], "BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL");
    assert_eq!(s["start"], "2024-01-01T00:00:00Z");
    assert_eq!(s["end"], "2024-01-02T00:00:00Z");
    assert_eq!(s["bars"], 1440);
    for k in ["open", "high", "low", "close", "volume"] {
        assert_eq!(s[k], agg[k], "{k}");
    }
    let change = d(&day[1439].close) - d("42000.00");
    assert_eq!(s["change"], change.to_string());
    assert_eq!(
        s["change_pct"],
        (change * Decimal::ONE_HUNDRED / d("42000"))
            .round_dp(4)
            .normalize()
            .to_string()
    );
    let hour = home.json(&["market", "ticker", "--instrument", ID, "--window", "1h"]);
    assert_eq!(hour["stats"]["bars"], 60);
    assert_eq!(hour["stats"]["high"], aggregate(&day[1380..])["high"]);

    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["source"], "paper");
    assert_eq!(book["basis"], "bar");
    // The paper market feeds a bar's volume rounded down to four size steps (the matching
    // engine splits it into four ticks), and its book holds what the engine saw.
    let mut fed = d(&day[1439].volume) * Decimal::from(100_000);
    fed -= fed % Decimal::from(4);
    let fed = Decimal::from_i128_with_scale(fed.mantissa() / 10i128.pow(fed.scale()), 5);
    assert_eq!(
        book["bids"],
        json!([{"price": day[1439].close, "size": fed.to_string()}])
    );
    assert_eq!(book["spread"], "0.00");

    // A pushed quote: the L1 book.
    home.push(
        ID,
        &[
            "--bid",
            "42100.5",
            "--ask",
            "42101",
            "--bid-size",
            "1.5",
            "--ask-size",
            "0.5",
            "--ts",
            "2024-01-02T00:00:30Z",
        ],
    );
    let book = home.json(&["market", "book", "--instrument", ID, "--depth", "10"]);
    assert_eq!(book["source"], "paper");
    assert_eq!(book["basis"], "quote");
    assert_eq!(book["book_type"], "L1_MBP");
    assert_eq!(book["as_of"], "2024-01-02T00:00:30Z");
    assert_eq!(
        book["bids"],
        json!([{"price": "42100.50", "size": "1.50000"}])
    );
    assert_eq!(
        book["asks"],
        json!([{"price": "42101.00", "size": "0.50000"}])
    );
    assert_eq!(book["best_bid"], "42100.50");
    assert_eq!(book["spread"], "0.50");
    assert_eq!(book["mid"], "42100.75");
    assert_eq!(book["spread_bps"], "0.12");
    assert_eq!(book["imbalance"], "0.5");
    let t = home.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(
        (t["bid"].as_str(), t["ask"].as_str()),
        (Some("42100.50"), Some("42101.00"))
    );
    assert_eq!(t["mid"], "42100.75");
    assert_eq!(t["stats"]["bars"], 1440);
    // The clock moved to the quote (00:00:30); the window stays on the bars' grid and the
    // answer says the pushed data after it is not in the statistics.
    assert_eq!(t["market_time"], "2024-01-02T00:00:30Z");
    assert_eq!(t["stats"]["end"], "2024-01-02T00:00:00Z");
    assert!(
        t["notes"]
            .to_string()
            .contains("pushed quotes and trades after that (2024-01-02T00:00:30Z) are not in them"),
        "{}",
        t["notes"]
    );

    // Pushed trades: get_trades, and the book stands at the newer trade.
    home.push(
        ID,
        &[
            "--last",
            "42100.75",
            "--size",
            "0.2",
            "--aggressor",
            "BUY",
            "--ts",
            "2024-01-02T00:00:40Z",
        ],
    );
    home.push(
        ID,
        &[
            "--last",
            "42100.5",
            "--size",
            "0.1",
            "--aggressor",
            "SELL",
            "--ts",
            "2024-01-02T00:00:50Z",
        ],
    );
    let trades = home.json(&["market", "trades", "--instrument", ID]);
    assert_eq!(trades["source"], "paper");
    assert_eq!(trades["count"], 2);
    assert_eq!(trades["as_of"], "2024-01-02T00:00:50Z");
    let strip = |v: &Value| {
        let mut v = v.clone();
        v.as_object_mut().unwrap().remove("trade_id");
        v
    };
    assert_eq!(
        trades["trades"]
            .as_array()
            .unwrap()
            .iter()
            .map(strip)
            .collect::<Vec<_>>(),
        [
            json!({"time": "2024-01-02T00:00:40Z", "price": "42100.75", "size": "0.20000", "aggressor_side": "BUYER"}),
            json!({"time": "2024-01-02T00:00:50Z", "price": "42100.50", "size": "0.10000", "aggressor_side": "SELLER"}),
        ]
    );
    let newest = home.json(&["market", "trades", "--instrument", ID, "--limit", "1"]);
    assert_eq!(newest["truncated"], true);
    assert_eq!(newest["trades"][0]["price"], "42100.50");
    let early = home.json(&[
        "market",
        "trades",
        "--instrument",
        ID,
        "--end",
        "2024-01-02T00:00:45Z",
    ]);
    assert_eq!(early["count"], 1);
    assert_eq!(early["trades"][0]["price"], "42100.75");
    let book = home.json(&["market", "book", "--instrument", ID]);
    assert_eq!(book["basis"], "trade");
    assert_eq!(
        book["bids"],
        json!([{"price": "42100.50", "size": "0.10000"}])
    );
    let t = home.json(&["market", "ticker", "--instrument", ID]);
    assert_eq!(
        (t["last"].as_str(), t["last_basis"].as_str()),
        (Some("42100.50"), Some("trade"))
    );

    // Errors name the field and what is valid.
    for (args, code, says) in [
        (
            &["market", "book", "--instrument", ID, "--depth", "0"][..],
            "INVALID_PARAMETER",
            "depth: must be between 1 and 100, got 0",
        ),
        (
            &["market", "book", "--instrument", ID, "--depth", "100000"],
            "INVALID_PARAMETER",
            "depth: must be between 1 and 100, got 100000",
        ),
        (
            &["market", "trades", "--instrument", ID, "--limit", "0"],
            "INVALID_PARAMETER",
            "limit: must be between 1 and 10000, got 0",
        ),
        (
            &["market", "ticker", "--instrument", ID, "--window", "0h"],
            "INVALID_PARAMETER",
            "window: '0h' is not a span like 30m, 4h, 24h or 7d (a positive number",
        ),
        (
            &[
                "market",
                "trades",
                "--instrument",
                ID,
                "--start",
                "2024-01-03",
                "--end",
                "2024-01-02",
            ],
            "INVALID_PARAMETER",
            "start: 2024-01-03T00:00:00Z is after end",
        ),
        (
            &[
                "market",
                "trades",
                "--instrument",
                ID,
                "--source",
                "catalog",
            ],
            "INVALID_STATE",
            "the catalog has no trade ticks of BTCUSDT.BINANCE",
        ),
        (
            &["market", "book", "--instrument", "BTCUSDT.NOPE"],
            "NOT_FOUND",
            "unknown venue 'NOPE' in 'BTCUSDT.NOPE'; venues with instruments: BINANCE, ",
        ),
        (
            &["market", "ticker", "--instrument", "ETHUSDT.BINANCE"],
            "INVALID_STATE",
            "no market data for ETHUSDT.BINANCE",
        ),
        (
            &["market", "trades", "--instrument", ID, "--source", "live"],
            "INVALID_STATE",
            "source: BINANCE is not connected in testnet or live mode",
        ),
        (
            &["market", "bars", "--instrument", ID, "--source", "live"],
            "INVALID_STATE",
            "source: BINANCE is not connected in testnet or live mode",
        ),
    ] {
        client_error(&home, args, code, says);
    }
}

#[test]
fn catalog_trades() {
    let home = Home::new();
    let path = home.dir.path().join("trades.csv");
    std::fs::write(
        &path,
        "timestamp,price,size,side,trade_id\n\
         2024-01-01T00:00:01Z,42000.10,0.5,BUY,t1\n\
         2024-01-01T00:00:02Z,42000.20,0.25,SELL,t2\n\
         2024-01-01T00:00:03Z,42000.00,1,BUY,t3\n",
    )
    .unwrap();
    home.json(&[
        "data",
        "import",
        path.to_str().unwrap(),
        "--instrument",
        ID,
        "--kind",
        "trades",
    ]);
    let doc = home.json(&["market", "trades", "--instrument", ID, "--limit", "2"]);
    assert_eq!(doc["source"], "catalog");
    assert_eq!(doc["truncated"], true);
    assert_eq!(
        doc["trades"],
        json!([
            {"time": "2024-01-01T00:00:02Z", "price": "42000.20", "size": "0.25000", "aggressor_side": "SELLER", "trade_id": "t2"},
            {"time": "2024-01-01T00:00:03Z", "price": "42000.00", "size": "1.00000", "aggressor_side": "BUYER", "trade_id": "t3"},
        ])
    );
    let first = home.json(&[
        "market",
        "trades",
        "--instrument",
        ID,
        "--end",
        "2024-01-01T00:00:01Z",
    ]);
    assert_eq!(first["count"], 1);
    assert_eq!(first["trades"][0]["trade_id"], "t1");
}

/// The close of the FXCM minute that opened at `open` (a `YYYY-MM-DD HH:MM` prefix) in one of
/// the bid/ask CSV files.
fn fxcm_close(file: &std::path::Path, open: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let line = text.lines().find(|l| l.starts_with(open)).unwrap();
    line.rsplit(',').next().unwrap().to_string()
}

#[test]
fn bid_ask_bars_make_quotes_in_the_paper_market() {
    let Some(data) = shared_data() else { return };
    let (bid_csv, ask_csv) = (
        data.join("fxcm-usdjpy-m1-bid-2013.csv"),
        data.join("fxcm-usdjpy-m1-ask-2013.csv"),
    );
    let fx = "USD/JPY.FXCM";
    let home = Home::new();
    home.json(&[
        "data",
        "import",
        bid_csv.to_str().unwrap(),
        "--ask-path",
        ask_csv.to_str().unwrap(),
        "--instrument",
        fx,
    ]);
    home.json(&["node", "init", "--venue", "FXCM"]);
    home.json(&["venue", "connect", "FXCM"]);

    // Before the market moves: the catalog's last bid/ask pair (the minute that opened at
    // 00:00 on 1 March) is a quote without sizes.
    let book = home.json(&["market", "book", "--instrument", fx]);
    assert_eq!(book["source"], "catalog");
    assert_eq!(book["basis"], "quote");
    assert_eq!(book["bids"], json!([]));
    let notes = book["notes"].to_string();
    assert!(notes.contains("has no sizes"), "{notes}");
    assert!(!notes.contains("one level on each side"), "{notes}");
    let t = home.json(&["market", "ticker", "--instrument", fx]);
    assert_eq!(t["bid"], fxcm_close(&bid_csv, "2013-03-01 00:00"));
    assert_eq!(t["ask"], fxcm_close(&ask_csv, "2013-03-01 00:00"));

    // The minute that opened at 00:59 closes at 01:00: its bid and ask closes are the quote.
    home.json(&["node", "advance", "--until", "2013-02-01T01:00:00Z"]);
    let (bid, ask) = (
        fxcm_close(&bid_csv, "2013-02-01 00:59"),
        fxcm_close(&ask_csv, "2013-02-01 00:59"),
    );
    assert_eq!((bid.as_str(), ask.as_str()), ("91.728", "91.729"));
    let book = home.json(&["market", "book", "--instrument", fx]);
    assert_eq!(book["source"], "paper");
    assert_eq!(book["basis"], "quote");
    assert_eq!(book["as_of"], "2013-02-01T01:00:00Z");
    // Bars without volume feed the matching engine four size steps.
    assert_eq!(book["bids"], json!([{"price": bid, "size": "4"}]));
    assert_eq!(book["asks"], json!([{"price": ask, "size": "4"}]));
    assert_eq!(book["spread"], "0.001");
    assert_eq!(book["mid"], "91.7285");

    let t = home.json(&["market", "ticker", "--instrument", fx]);
    assert_eq!(t["bid"], bid.as_str());
    assert_eq!(t["ask"], ask.as_str());
    assert_eq!(t["quote_time"], "2013-02-01T01:00:00Z");
    assert_eq!(t["last"], "91.7285");
    assert_eq!(t["last_basis"], "mid");
}
