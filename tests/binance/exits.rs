//! Trailing stops on Binance Spot: a `STOP_LOSS` with `trailingDelta` (basis points) that
//! Binance trails itself, as its trailing-stop FAQ documents; offsets Binance cannot take are
//! refused before anything is sent.

use super::support::*;

/// The parameters of the order placements the stand-in received.
fn placed_params(ex: &Exchange) -> Vec<String> {
    ex.standin
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/api/v3/order")
        .map(|r| r.params)
        .collect()
}

#[test]
fn a_trailing_stop_in_basis_points_is_binance_trailing_delta_and_fills_where_it_triggers() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    ex.json(&[
        "order",
        "submit-market",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "BUY",
        "--quantity",
        "0.01",
    ]);
    ex.standin.trade_at("BTCUSDT", d("50000"), Some(d("0.001")));
    // A SELL trailing 1 % (100 BIPS) below the highest price since it was placed.
    let placed = ex.json(&[
        "order",
        "submit-stop",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--side",
        "SELL",
        "--quantity",
        "0.01",
        "--trailing-offset",
        "100",
        "--trailing-offset-type",
        "BASIS_POINTS",
    ]);
    let id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(placed["order"]["type"], "TRAILING_STOP_MARKET", "{placed}");
    let sent = placed_params(&ex);
    let last = sent.last().unwrap();
    assert!(
        last.contains("type=STOP_LOSS&") && last.contains("trailingDelta=100"),
        "{last}"
    );
    assert!(
        !last.contains("stopPrice"),
        "it trails from the market: {last}"
    );
    assert!(
        placed["notes"][0]
            .as_str()
            .unwrap()
            .contains("trailed by BINANCE itself"),
        "the answer says who trails it: {placed}"
    );

    // Up to 51000: the stop trails at 51000 x 0.99 = 50490.
    ex.standin.trade_at("BTCUSDT", d("51000"), Some(d("0.001")));
    ex.standin.trade_at("BTCUSDT", d("50500"), Some(d("0.001")));
    assert_eq!(
        ex.json(&["order", "status", &id])["order"]["status"],
        "ACCEPTED"
    );
    // 50480 is through it: the stop becomes a market order and takes that trade.
    ex.standin.trade_at("BTCUSDT", d("50480"), Some(d("0.02")));
    let o = ex.json(&["order", "status", &id]);
    assert_eq!(o["order"]["status"], "FILLED", "{o}");
    assert_eq!(d(o["order"]["avg_px"].as_str().unwrap()), d("50480"), "{o}");
    ex.assert_consistent();
}

#[test]
fn a_trailing_stop_binance_cannot_take_is_refused_saying_why_and_nothing_is_sent() {
    let Some(ex) = Exchange::new() else { return };
    ex.connect();
    let before = placed_params(&ex).len();
    for (extra, why) in [
        (&["--trailing-offset", "100"][..], "basis points"),
        (
            &[
                "--trailing-offset",
                "100",
                "--trailing-offset-type",
                "BASIS_POINTS",
                "--trigger-price",
                "49000",
            ][..],
            "first trigger",
        ),
        (
            &[
                "--trailing-offset",
                "5000",
                "--trailing-offset-type",
                "BASIS_POINTS",
            ][..],
            "TRAILING_DELTA",
        ),
    ] {
        let mut args = vec![
            "order",
            "submit-stop",
            "--instrument",
            "BTCUSDT.BINANCE",
            "--side",
            "SELL",
            "--quantity",
            "0.01",
        ];
        args.extend_from_slice(extra);
        let err = ex.json_err(&args, 2);
        assert_eq!(err["details"]["field"], "trailing_offset", "{err}");
        assert!(
            err["message"].as_str().unwrap().contains(why),
            "{why}: {err}"
        );
    }
    assert_eq!(placed_params(&ex).len(), before);
}
