//! Importing the real datasets and bad files through the CLI.

mod common;

use common::{Home, import_fxcm_usdjpy, shared_data};

#[test]
fn each_shared_dataset_imports() {
    let Some(data) = shared_data() else { return };
    let home = Home::new();
    let path = |f: &str| data.join(f).display().to_string();

    let btc = home.json(&[
        "data",
        "import",
        &path("btc-perp-20211231-20220201_1m.csv"),
        "--instrument",
        "BTCUSDT-PERP.BINANCE",
    ]);
    let s = &btc["series"][0];
    assert_eq!(s["key"], "BTCUSDT-PERP.BINANCE-1-MINUTE-LAST-EXTERNAL");
    assert_eq!(s["rows_total"], 45031);
    assert_eq!(
        s["first"], "2021-12-31T23:02:00Z",
        "bar opens are moved to closes"
    );
    assert_eq!(s["report"]["timestamps"], "naive (taken as UTC)");

    let fx = import_fxcm_usdjpy(&home, &data);
    let keys: Vec<&str> = fx["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "USD/JPY.FXCM-1-MINUTE-BID-EXTERNAL",
            "USD/JPY.FXCM-1-MINUTE-ASK-EXTERNAL"
        ]
    );
    assert!(
        fx["series"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["rows_total"] == 28761)
    );

    let cme = home.json(&[
        "data",
        "import",
        &path("xcme-6EH4-1min-202401.csv"),
        "--instrument",
        "6EH4.XCME",
    ]);
    assert_eq!(cme["series"][0]["rows_total"], 29996);

    let kline = home.json(&[
        "data",
        "import",
        &path("binance-adabtc-1m-2021-11-27.csv"),
        "--instrument",
        "ADABTC.BINANCE",
    ]);
    assert_eq!(kline["series"][0]["report"]["format"], "binance_kline");
    assert_eq!(kline["series"][0]["first"], "2021-11-27T00:01:00Z");

    let list = home.json(&["data", "list"]);
    assert_eq!(list["series"].as_array().unwrap().len(), 5);

    // Each imported set backtests cleanly.
    for instrument in ["BTCUSDT-PERP.BINANCE", "USD/JPY.FXCM", "6EH4.XCME"] {
        let run = home.json(&[
            "backtest",
            "run",
            "--strategy",
            "MovingAverageCrossover",
            "--instrument",
            instrument,
            "--param",
            "trade_size=1",
        ]);
        assert!(run["fills"].as_u64().unwrap() > 100, "{instrument}: {run}");
        assert_eq!(
            run["orders"], run["fills"],
            "{instrument}: every order filled"
        );
    }
}

#[test]
fn a_bad_row_aborts_with_its_line_and_leaves_nothing_behind() {
    let home = Home::new();
    let file = write_file(
        &home,
        "bad.csv",
        "timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,100,101,99,100.5,1\n2024-01-01 00:01:00,100,99,98,100,1\n2024-01-01 00:02:00,100,101,99,100,1\n",
    );
    let err = home.json_err(
        &[
            "data",
            "import",
            file.to_str().unwrap(),
            "--instrument",
            "BTCUSDT.BINANCE",
        ],
        2,
    );
    assert_eq!(err["code"], "INVALID_PARAMETER");
    let msg = err["message"].as_str().unwrap();
    assert!(
        msg.contains("line 3") && msg.contains("high 99 is below"),
        "{msg}"
    );
    assert_eq!(
        home.json(&["data", "list"])["series"],
        serde_json::json!([]),
        "nothing half-imported"
    );

    let skipped = home.json(&[
        "data",
        "import",
        file.to_str().unwrap(),
        "--instrument",
        "BTCUSDT.BINANCE",
        "--on-error",
        "skip",
    ]);
    assert_eq!(skipped["series"][0]["rows_total"], 2);
    assert_eq!(skipped["series"][0]["report"]["problems"][0]["line"], 3);

    std::fs::write(&file, "time,price\n1,2\n").unwrap();
    let err = home.json_err(
        &[
            "data",
            "import",
            file.to_str().unwrap(),
            "--instrument",
            "BTCUSDT.BINANCE",
        ],
        2,
    );
    assert!(
        err["message"].as_str().unwrap().contains("no open column"),
        "{err}"
    );
    let err = home.json_err(
        &[
            "data",
            "import",
            "/no/such/file.csv",
            "--instrument",
            "BTCUSDT.BINANCE",
        ],
        2,
    );
    assert!(
        err["message"].as_str().unwrap().starts_with("path:"),
        "{err}"
    );
    let err = home.json_err(&["data", "import", file.to_str().unwrap()], 2);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("instrument_id:"),
        "{err}"
    );
}

#[test]
fn user_instruments_import_and_generated_data_is_deterministic() {
    let home = Home::new();
    let defs = write_file(
        &home,
        "inst.json",
        r#"{"instruments": [{"id": "SOLUSDT.BINANCE", "type": "currency_pair", "base": "SOL", "quote": "USDT",
            "price_increment": "0.01", "size_increment": "0.001", "taker_fee": "0.001", "maker_fee": "0.001"}]}"#,
    );
    let out = home.json(&["data", "import", defs.to_str().unwrap()]);
    assert_eq!(out["instruments"], serde_json::json!(["SOLUSDT.BINANCE"]));
    let a = home.json(&[
        "data",
        "generate",
        "--instrument",
        "SOLUSDT.BINANCE",
        "--bars",
        "500",
        "--start-price",
        "100",
        "--seed",
        "5",
    ]);
    let b = home.json(&[
        "data",
        "generate",
        "--instrument",
        "SOLUSDT.BINANCE",
        "--bars",
        "500",
        "--start-price",
        "100",
        "--seed",
        "5",
    ]);
    assert_eq!(a, b);
    assert_eq!(a["first_open"], "100.00");
    std::fs::write(
        &defs,
        r#"[{"id": "X.Y", "type": "bond", "quote": "USD", "price_increment": "1"}]"#,
    )
    .unwrap();
    let err = home.json_err(&["data", "import", defs.to_str().unwrap()], 2);
    assert!(err["message"].as_str().unwrap().contains("type"), "{err}");
}

/// Writes `text` to `name` in the home's directory.
fn write_file(home: &Home, name: &str, text: &str) -> std::path::PathBuf {
    let file = home.dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// `data import FILE --instrument BTCUSDT.BINANCE EXTRA...`.
fn import_args<'a>(file: &'a std::path::Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "data",
        "import",
        file.to_str().unwrap(),
        "--instrument",
        "BTCUSDT.BINANCE",
    ];
    args.extend_from_slice(extra);
    args
}

/// `data import FILE --instrument BTCUSDT.BINANCE EXTRA...` expecting a client error; its message.
fn import_error(home: &Home, file: &std::path::Path, extra: &[&str]) -> String {
    let args = import_args(file, extra);
    let err = home.json_err(&args, 2);
    assert_eq!(err["category"], "client", "{args:?}: {err}");
    err["message"].as_str().unwrap().to_string()
}

#[test]
fn a_header_without_rows_is_a_client_error_for_every_kind() {
    let home = Home::new();
    let file = home.dir.path().join("empty.csv");
    for (header, kind) in [
        ("timestamp,open,high,low,close,volume", "bars"),
        ("timestamp,bid,ask", "quotes"),
        ("timestamp,price,size", "trades"),
    ] {
        std::fs::write(&file, format!("{header}\n")).unwrap();
        let msg = import_error(&home, &file, &["--kind", kind]);
        assert_eq!(
            msg,
            format!("path: {} has a header but no rows", file.display()),
            "{kind}"
        );
    }
    assert_eq!(
        home.json(&["data", "list"])["series"],
        serde_json::json!([])
    );
}

#[test]
fn an_unknown_column_role_is_refused_with_the_roles_of_the_kind() {
    let home = Home::new();
    let file = write_file(
        &home,
        "bars.csv",
        "t,o,h,l,c\n2024-01-01 00:00:00,10,11,9,10\n2024-01-01 00:01:00,10,11,9,10\n",
    );
    assert_eq!(
        import_error(&home, &file, &["--column", "foo=E"]),
        "columns: 'foo' is not a column role of bars; the roles are timestamp, open, high, low, \
         close, volume"
    );
    assert_eq!(
        import_error(&home, &file, &["--kind", "quotes", "--column", "price=c"]),
        "columns: 'price' is not a column role of quotes; the roles are timestamp, bid, ask, \
         bid_size, ask_size"
    );
    // Known roles are read as mapped.
    let out = home.json(&import_args(
        &file,
        &[
            "--column",
            "timestamp=t",
            "--column",
            "OPEN=o",
            "--column",
            "high=h",
            "--column",
            "low=l",
            "--column",
            "close=c",
        ],
    ));
    assert_eq!(out["series"][0]["report"]["columns"]["open"], "o (#1)");
}

#[test]
fn bid_ask_files_must_pair_and_a_coarser_bar_spec_is_noted() {
    let home = Home::new();
    let write = |name: &str, rows: &[&str]| {
        let file = home.dir.path().join(name);
        let text = format!("timestamp,open,high,low,close\n{}\n", rows.join("\n"));
        std::fs::write(&file, text).unwrap();
        file
    };
    let bid = write(
        "bid.csv",
        &[
            "2024-01-01 00:00:00,10,11,9,10",
            "2024-01-01 00:01:00,10,11,9,10",
        ],
    );
    let ask = write(
        "ask.csv",
        &[
            "2024-01-01 00:00:00,10.5,11.5,9.5,10.5",
            "2024-01-01 00:01:00,10.5,11.5,9.5,10.5",
        ],
    );
    let later = write(
        "later.csv",
        &[
            "2024-01-02 00:00:00,10.5,11.5,9.5,10.5",
            "2024-01-02 00:01:00,10.5,11.5,9.5,10.5",
        ],
    );
    let pair = |bid: &std::path::Path, ask: &std::path::Path| {
        let args = ["--ask-path", ask.to_str().unwrap()];
        import_error(&home, bid, &args)
    };
    let msg = pair(&ask, &bid);
    assert!(
        msg.starts_with(&format!(
            "ask_path: the ask is below the bid on 2 of 2 rows (first at line 2 of {}: ask open \
             10.00 < bid open 10.50); are the files swapped?",
            bid.display()
        )),
        "{msg}"
    );
    let msg = pair(&bid, &later);
    assert!(
        msg.starts_with("ask_path: ") && msg.contains("shares no bar time with"),
        "{msg}"
    );
    assert_eq!(
        home.json(&["data", "list"])["series"],
        serde_json::json!([])
    );

    // 1-minute rows imported as 1-hour bars: stored, with a note saying what happened.
    let out = home.json(&import_args(&bid, &["--bar-spec", "1-HOUR-LAST"]));
    let notes = out["notes"].to_string();
    assert!(
        notes.contains("the rows are 1m apart, finer than the bar_spec 1-HOUR-LAST: each row was stored as one 1h bar"),
        "{notes}"
    );
}

#[test]
fn auto_kind_reads_quote_and_trade_headers_and_generate_refuses_a_sub_tick_price() {
    let home = Home::new();
    let quotes = write_file(
        &home,
        "quotes.csv",
        "timestamp,bid,ask,bid_size,ask_size\n2024-01-01 00:00:00,100,100.5,1,2\n2024-01-01 00:00:01,100.1,100.6,1,2\n",
    );
    let trades = write_file(
        &home,
        "trades.csv",
        "timestamp,price,size\n2024-01-01 00:00:00,100,1\n2024-01-01 00:00:01,100.2,0.5\n",
    );
    for (file, kind) in [(&quotes, "quotes"), (&trades, "trades")] {
        let out = home.json(&import_args(file, &[]));
        assert_eq!(out["series"][0]["kind"], kind, "{out}");
        assert_eq!(out["series"][0]["rows_total"], 2, "{out}");
    }

    let err = home.json_err(
        &["data", "generate", "--bars", "10", "--start-price", "0.001"],
        2,
    );
    assert_eq!(
        err["message"],
        "start_price: 0.001 is below the price increment 0.01 of BTCUSDT.BINANCE; give at least 0.01"
    );
}
