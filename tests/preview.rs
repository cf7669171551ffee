//! `order preview` on the paper venue: it answers what a submission of the same order would do
//! (fills, commission, balances, position, or the exact refusal) without sending or journaling
//! anything; submitting the order afterwards does exactly that. Also trailing stops on paper,
//! which trail the market as Nautilus's matching engine moves them.

mod common;

use common::{Home, assert_consistent, balance, trading_home};
use rust_decimal::Decimal;
use serde_json::Value;

const BTC: &str = "BTCUSDT.BINANCE";

fn d(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
        .parse()
        .unwrap()
}

/// `order <submit-kind> --instrument BTC --side SIDE --quantity QTY extra..`.
fn order_args<'a>(kind: &'a str, side: &'a str, qty: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "order",
        kind,
        "--instrument",
        BTC,
        "--side",
        side,
        "--quantity",
        qty,
    ];
    args.extend_from_slice(extra);
    args
}

/// `order preview --type TYPE ...` with the same arguments as the submission.
fn preview(home: &Home, kind: &str, side: &str, qty: &str, extra: &[&str]) -> Value {
    let mut args = order_args("preview", side, qty, extra);
    args.extend(["--type", kind]);
    home.json(&args)
}

/// The journal's length: a preview must leave it as it was.
fn journal_len(home: &Home) -> i64 {
    let db = rusqlite::Connection::open_with_flags(
        home.state().join("state.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    db.query_row("SELECT COUNT(*) FROM journal", [], |r| r.get(0))
        .unwrap()
}

/// Every balance of an account document, as (currency, total, locked, free).
fn balances(list: &Value) -> Vec<(String, Decimal, Decimal, Decimal)> {
    let mut out: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["currency"].as_str().unwrap().to_string(),
                d(&b["total"]),
                d(&b["locked"]),
                d(&b["free"]),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn a_market_order_with_a_bracket_does_what_its_preview_said() {
    let home = trading_home(&[]);
    let before = home.json(&["account", "info"]);
    let journal = journal_len(&home);
    let exits = ["--stop-loss", "34000", "--take-profit", "37000"];
    let shown = preview(&home, "market", "buy", "0.05", &exits);
    assert_eq!(shown["accepted"], true, "{shown}");
    assert_eq!(shown["mode"], "paper");
    assert_eq!(journal_len(&home), journal, "a preview journals nothing");
    assert!(
        home.json(&["order", "list"])["orders"]
            .as_array()
            .unwrap()
            .is_empty(),
        "a preview places nothing"
    );
    assert_eq!(
        balances(&shown["balances_before"]),
        balances(&before["balances"])
    );
    assert_eq!(shown["children"].as_array().unwrap().len(), 2, "{shown}");

    let placed = home.json(&order_args("submit-market", "buy", "0.05", &exits));
    let order = &placed["order"];
    assert_eq!(order["status"], "FILLED");
    assert_eq!(d(&order["avg_px"]), d(&shown["fill_price"]), "{shown}");
    assert_eq!(shown["filled_quantity"], "0.05", "{shown}");
    assert_eq!(order["commission"], shown["commission"], "{shown}");
    let after = home.json(&["account", "info"]);
    assert_eq!(
        balances(&after["balances"]),
        balances(&shown["balances_after"])
    );
    let positions = home.json(&["position", "list"]);
    let position = &positions["positions"][0];
    assert_eq!(position["quantity"], shown["position_after"]["quantity"]);
    assert_eq!(
        position["avg_px_open"],
        shown["position_after"]["avg_px_open"]
    );
    // The loss at the stop: from the fill to the stop over the quantity, plus the entry's
    // commission and the stop's at the taker fee.
    let loss = &shown["loss_at_stop"];
    assert_eq!(loss["basis"], "entry order");
    let fill = d(&shown["fill_price"]);
    let qty = Decimal::new(5, 2);
    let entry_fee: Decimal = order["commission"][0]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let commission = d(&loss["commission"]);
    assert!(commission > entry_fee, "{loss}");
    assert_eq!(
        d(&loss["loss"]),
        (fill - Decimal::from(34000)) * qty + commission,
        "{loss}"
    );
    assert_consistent(&home);
}

#[test]
fn a_resting_limit_order_and_a_refusal_are_previewed_as_a_submission_would_answer() {
    let home = trading_home(&[]);
    let shown = preview(&home, "limit", "buy", "0.1", &["--price", "30000"]);
    assert_eq!(shown["accepted"], true, "{shown}");
    assert_eq!(shown["resting_quantity"], "0.1", "{shown}");
    assert_eq!(shown["filled_quantity"], "0", "{shown}");
    assert_eq!(d(&shown["notional"]), Decimal::from(3000), "{shown}");
    home.json(&order_args(
        "submit-limit",
        "buy",
        "0.1",
        &["--price", "30000"],
    ));
    let after = home.json(&["account", "info"]);
    assert_eq!(
        balances(&after["balances"]),
        balances(&shown["balances_after"]),
        "the funds the resting order locks"
    );
    assert!(d(&balance(&after, "USDT")["locked"]) > Decimal::ZERO);

    // A quantity off the size increment: the preview's refusal is the submission's error.
    let shown = preview(&home, "market", "buy", "0.0000001", &[]);
    assert_eq!(shown["accepted"], false, "{shown}");
    let err = home.json_err(&order_args("submit-market", "buy", "0.0000001", &[]), 2);
    assert_eq!(shown["refusal"]["code"], err["code"], "{shown} {err}");
    assert_eq!(shown["refusal"]["message"], err["message"], "{shown} {err}");

    // Arguments the named submission does not take are refused, naming them.
    let err = home.json_err(
        &[
            "order",
            "preview",
            "--type",
            "market",
            "--instrument",
            BTC,
            "--side",
            "buy",
            "--quantity",
            "0.1",
            "--price",
            "30000",
        ],
        2,
    );
    assert_eq!(err["details"]["field"], "price", "{err}");
}

/// A node with BINANCE in paper mode on an L1 book moved by pushed quotes.
fn quoted_venue() -> Home {
    let home = Home::new();
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    home
}

fn quote(home: &Home, bid: &str, ask: &str, ts: &str) {
    home.push(BTC, &["--bid", bid, "--ask", ask, "--ts", ts]);
}

fn order(home: &Home, id: &str) -> Value {
    home.json(&["order", "status", id])["order"].clone()
}

#[test]
fn a_trailing_stop_on_paper_follows_the_bid_and_fills_where_the_hand_computed_path_says() {
    let home = quoted_venue();
    quote(&home, "42000", "42000.5", "2024-01-02T00:00:00Z");
    home.json(&order_args("submit-market", "buy", "0.01", &[]));
    // A SELL trailing 100 below the bid, started from the market: trigger 42000 - 100.
    let placed = home.json(&order_args(
        "submit-stop",
        "sell",
        "0.01",
        &["--trailing-offset", "100", "--reduce-only"],
    ));
    let id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(placed["order"]["type"], "TRAILING_STOP_MARKET");
    assert_eq!(d(&placed["order"]["trigger_price"]), Decimal::from(41900));
    assert!(
        placed["notes"][0]
            .as_str()
            .unwrap()
            .contains("Nautilus's matching engine"),
        "{placed}"
    );

    // The bid rises to 42200: the trigger follows to 42100.
    quote(&home, "42200", "42200.5", "2024-01-02T00:01:00Z");
    let o = order(&home, &id);
    assert_eq!(d(&o["trigger_price"]), Decimal::from(42100), "{o}");
    // It falls back to 42150: the trigger stays (it only moves towards the market).
    quote(&home, "42150", "42150.5", "2024-01-02T00:02:00Z");
    let o = order(&home, &id);
    assert_eq!(d(&o["trigger_price"]), Decimal::from(42100), "{o}");
    assert_ne!(o["status"], "FILLED");
    // Through the trigger: the stop fills at the bid.
    quote(&home, "42090", "42090.5", "2024-01-02T00:03:00Z");
    let o = order(&home, &id);
    assert_eq!(o["status"], "FILLED", "{o}");
    assert_eq!(d(&o["avg_px"]), Decimal::from(42090), "{o}");
    assert_consistent(&home);
}
