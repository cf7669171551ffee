//! Orders: a blotter, one-line summaries for submissions and changes, an order's events.

use serde_json::Value;

use crate::output::{
    format::Format,
    style::{self, Role},
    view::{Column, TableView, View, num, text},
};

/// The order blotter: time, id, instrument, side, type, quantity, price, filled, average price,
/// status; the rest with `--wide`.
pub const BLOTTER: &[Column] = &[
    text("updated", "time", 5).fmt(Format::Time),
    text("client_order_id", "id", 0),
    text("instrument_id", "instrument", 2),
    text("side", "side", 0).role(Role::Side),
    text("type", "type", 3),
    num("quantity", "qty", 0),
    num("price", "price", 1),
    num("trigger_price", "trigger", 4),
    num("filled_qty", "filled", 2),
    num("avg_px", "avg px", 3),
    text("status", "status", 0).role(Role::Status),
];

/// `order list`.
pub const LIST: View = View {
    tables: &[TableView {
        title: "",
        rows: "orders",
        columns: BLOTTER,
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

/// `order submit-*`: `Order A1 accepted: BUY 0.5 BTCUSDT.BINANCE LIMIT 34900.00 GTC`, then
/// its bracket children.
pub const SUBMIT: View = View {
    summary: Some(submitted),
    notes: &["notes"],
    ..View::EMPTY
};

/// `order cancel` / `order modify`.
pub const CHANGED: View = View {
    summary: Some(changed),
    notes: &["notes"],
    ..View::EMPTY
};

/// `order cancel-all`.
pub const CANCEL_ALL: View = View {
    summary: Some(cancelled_all),
    tables: &[TableView {
        title: "",
        rows: "canceled",
        columns: BLOTTER,
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

/// `order status`: the order in one line, then its events.
pub const STATUS: View = View {
    summary: Some(status),
    tables: &[TableView {
        title: "Events",
        rows: "events",
        columns: &[
            text("time", "time", 1).fmt(Format::Time),
            text("event", "event", 0).role(Role::Status),
            text("detail", "detail", 2),
        ],
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

/// `order preview`: what a submission would do, in one line, then the expected fills, the
/// balances after them and the loss at the stop.
pub const PREVIEW: View = View {
    summary: Some(previewed),
    fields: &[
        text("fill_basis", "fills from", 1),
        num("notional", "notional", 0),
        num("resting_quantity", "would rest", 0),
        num("loss_at_stop.loss", "loss at stop", 0).role(Role::Signed),
    ],
    tables: &[
        TableView {
            title: "Expected fills",
            rows: "fills",
            columns: &[
                num("quantity", "qty", 0),
                num("price", "price", 0),
                text("commission", "commission", 1),
                text("liquidity", "liquidity", 2),
            ],
            spread: None,
        },
        TableView {
            title: "Balances after",
            rows: "balances_after",
            columns: super::portfolio::BALANCE_COLUMNS,
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};

/// `Would be accepted: BUY 0.5 BTCUSDT.BINANCE MARKET, filling 0.5 at 42000.10` or
/// `Would be refused: <the refusal a submission would get>`.
fn previewed(doc: &Value, color: bool) -> Option<String> {
    let mut text = if doc.get("accepted") == Some(&Value::Bool(true)) {
        let mut line = format!(
            "{}: {}",
            style::bold("Would be accepted", color),
            doc.get("order")
                .map_or_else(String::new, |o| describe(o, color))
        );
        if let Some(px) = s(doc, "fill_price") {
            let qty = s(doc, "filled_quantity").unwrap_or("?");
            line.push_str(&format!(", filling {qty} at {px}"));
        }
        line
    } else {
        let why = doc
            .get("refusal")
            .and_then(|r| r.get("message"))
            .and_then(Value::as_str)
            .unwrap_or("refused");
        format!(
            "{}: {why}",
            style::paint("Would be refused", &Value::Null, Role::Warn, color)
        )
    };
    text.push_str(&mode_suffix(doc));
    Some(text)
}

fn s<'v>(order: &'v Value, key: &str) -> Option<&'v str> {
    order.get(key).and_then(Value::as_str)
}

/// `BUY 0.5 BTCUSDT.BINANCE LIMIT 34900.00 GTC` (prices as the order holds them).
#[must_use]
pub fn describe(order: &Value, color: bool) -> String {
    let side = s(order, "side").unwrap_or("?");
    let mut parts = vec![
        style::paint(side, &Value::Null, Role::Side, color),
        s(order, "quantity").unwrap_or("?").to_string(),
        s(order, "instrument_id").unwrap_or("?").to_string(),
        s(order, "type").unwrap_or("?").to_string(),
    ];
    if let Some(p) = s(order, "price") {
        parts.push(p.to_string());
    }
    if let Some(t) = s(order, "trigger_price") {
        parts.push(format!("trigger {t}"));
    }
    if let Some(tif) = s(order, "time_in_force") {
        parts.push(tif.to_string());
    }
    if order.get("reduce_only") == Some(&Value::Bool(true)) {
        parts.push("reduce-only".into());
    }
    parts.join(" ")
}

/// `Order A1 accepted: BUY 0.5 …`, with the fill when there is one.
fn order_line(order: &Value, color: bool) -> String {
    let id = s(order, "client_order_id").unwrap_or("?");
    let status = s(order, "status").unwrap_or("?");
    let shown = style::paint(&status.to_lowercase(), &Value::Null, Role::Status, color);
    let mut line = format!(
        "Order {} {shown}: {}",
        style::bold(id, color),
        describe(order, color)
    );
    let filled = s(order, "filled_qty").unwrap_or("0");
    if filled.trim_start_matches(['0', '.']).is_empty() {
        return line;
    }
    if status != "FILLED" {
        line.push_str(&format!(", filled {filled}"));
    }
    if let Some(px) = s(order, "avg_px") {
        line.push_str(&format!(" @ {px}"));
    }
    line
}

fn mode_suffix(doc: &Value) -> String {
    match doc.get("mode").and_then(Value::as_str) {
        Some("paper") | None => String::new(),
        Some(mode) => format!(" [{mode}]"),
    }
}

fn submitted(doc: &Value, color: bool) -> Option<String> {
    let order = doc.get("order")?;
    let mut text = order_line(order, color);
    text.push_str(&mode_suffix(doc));
    if doc.get("duplicate") == Some(&Value::Bool(true)) {
        text.push_str(" (submitted before with this id; nothing new was sent)");
    }
    for child in doc
        .get("children")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        text.push_str("\n  + ");
        text.push_str(&order_line(child, color));
    }
    Some(text)
}

fn changed(doc: &Value, color: bool) -> Option<String> {
    let order = doc.get("order")?;
    let mut text = order_line(order, color);
    text.push_str(&mode_suffix(doc));
    if let Some(method) = doc.get("method").and_then(Value::as_str) {
        text.push_str(&format!(" (by {method})"));
    }
    if let Some(old) = doc.get("replaced").filter(|v| !v.is_null()) {
        text.push_str("\n  replaces ");
        text.push_str(&order_line(old, color));
    }
    Some(text)
}

fn cancelled_all(doc: &Value, _color: bool) -> Option<String> {
    let n = doc.get("canceled").and_then(Value::as_array)?.len();
    Some(
        match n {
            0 => "No open orders to cancel".to_string(),
            1 => "1 order canceled".to_string(),
            n => format!("{n} orders canceled"),
        } + &mode_suffix(doc),
    )
}

fn status(doc: &Value, color: bool) -> Option<String> {
    Some(order_line(doc.get("order")?, color) + &mode_suffix(doc))
}
