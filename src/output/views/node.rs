//! The trading node's actions: setup, market steps, the kill switch, verification.

use serde_json::Value;

use crate::output::{
    format,
    style::{self, Role},
    view::{TableView, View, num, text},
};

use super::{market::NODE_STATUS, orders::BLOTTER};

/// Orders an action touched.
const TOUCHED: TableView = TableView {
    title: "Orders",
    rows: "orders",
    columns: BLOTTER,
    spread: None,
};

fn s<'v>(doc: &'v Value, key: &str) -> &'v str {
    doc.get(key).and_then(Value::as_str).unwrap_or("-")
}

/// `venue connect`: one line, then the node as `node status` shows it.
pub const CONNECT: View = View {
    summary: Some(connected),
    base: "node",
    ..NODE_STATUS
};

fn connected(doc: &Value, color: bool) -> Option<String> {
    let verb = if doc.get("created") == Some(&Value::Bool(true)) {
        "connected"
    } else {
        "reconnected"
    };
    Some(format!(
        "Venue {} {verb} ({} mode)",
        style::bold(s(doc, "venue"), color),
        s(doc, "mode")
    ))
}

/// `node advance`: how far the market moved, then the orders that changed.
pub const ADVANCE: View = View {
    summary: Some(advanced),
    tables: &[TOUCHED],
    notes: &["notes"],
    ..View::EMPTY
};

fn advanced(doc: &Value, _color: bool) -> Option<String> {
    let bars = doc.get("bars").map(format::plain)?;
    let fills = doc.get("fills").map(format::plain).unwrap_or_default();
    let strategy = doc
        .get("strategy_orders")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let mut line = format!(
        "Market advanced {bars} bars, {} → {}: {fills} fill(s)",
        s(doc, "from"),
        s(doc, "to")
    );
    if strategy > 0 {
        line.push_str(&format!(", {strategy} strategy order(s)"));
    }
    Some(line)
}

/// `market push`: where the market is now, and the orders it moved.
pub const PUSH: View = View {
    summary: Some(pushed),
    tables: &[TOUCHED],
    notes: &["notes"],
    ..View::EMPTY
};

fn pushed(doc: &Value, _color: bool) -> Option<String> {
    Some(format!(
        "Pushed to {}; market time {}",
        s(doc, "instrument_id"),
        s(doc, "market_time")
    ))
}

/// `node halt` / `node resume`.
pub const TRADING_STATE: View = View {
    summary: Some(state_changed),
    tables: &[TableView {
        title: "Cancelled",
        rows: "cancelled",
        columns: BLOTTER,
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

fn state_changed(doc: &Value, color: bool) -> Option<String> {
    let state = s(doc, "trading_state");
    let mut line = format!(
        "Trading {} (was {}), by {}",
        style::paint(state, &Value::Null, Role::Status, color),
        s(doc, "previous_state"),
        s(doc, "changed_by")
    );
    if let Some(reason) = doc.get("reason").and_then(Value::as_str) {
        line.push_str(&format!(": {reason}"));
    }
    Some(line)
}

/// `node verify`.
pub const VERIFY: View = View {
    summary: Some(verified),
    fields: &[
        num("journal_entries", "journal entries", 0),
        num("orders", "orders", 0),
        num("positions", "positions", 0),
        num("accounts", "accounts", 0),
        text("differences", "differences", 0).role(Role::Warn),
    ],
    notes: &["notes"],
    ..View::EMPTY
};

fn verified(doc: &Value, color: bool) -> Option<String> {
    let ok = doc.get("consistent")?.as_bool()?;
    Some(if ok {
        style::paint("Consistent", &Value::Null, Role::Plain, color)
            + ": the stored state is what the journal replays to"
    } else {
        style::paint("INCONSISTENT", &Value::Null, Role::Warn, color)
            + ": the stored state differs from the journal's replay"
    })
}
