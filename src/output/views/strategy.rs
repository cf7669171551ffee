//! Strategies: the catalog, stored definitions (define, show, validate, delete) and the
//! strategies attached to the node (configure, step, stop).

use serde_json::Value;

use crate::output::{
    Options,
    format::{self, Format},
    style::{self, Role},
    view::{Column, TableView, View, num, text},
};

fn s<'v>(doc: &'v Value, key: &str) -> &'v str {
    doc.get(key).and_then(Value::as_str).unwrap_or("-")
}

/// A definition's parameters (the JSON schema of its parameters): one row each with its type,
/// default, range and meaning.
const PARAMETERS: TableView = TableView {
    title: "Parameters",
    rows: "parameters.properties",
    columns: &[
        text("name", "parameter", 0),
        text("type", "type", 2),
        num("default", "default", 0),
        num("minimum", "min", 1),
        num("maximum", "max", 1),
        text("description", "meaning", 3),
    ],
    spread: None,
};

/// `strategy list`: what can be run, by name.
pub const LIST: View = View {
    tables: &[TableView {
        title: "",
        rows: "strategies",
        columns: &[
            text("strategy_id", "strategy", 0),
            text("kind", "kind", 1),
            num("version", "version", 2),
            text("parameters", "parameters", 3).fmt(Format::Keys),
            text("aliases", "aliases", 4),
            text("description", "description", 5),
        ],
        spread: None,
    }],
    ..View::EMPTY
};

/// `strategy define`: `Strategy trend stored as version 2 (hash …)`, then its parameters.
pub const DEFINE: View = View {
    summary: Some(defined),
    fields: &[text("created", "created", 0).fmt(Format::Time)],
    tables: &[PARAMETERS],
    ..View::EMPTY
};

fn defined(doc: &Value, color: bool) -> Option<String> {
    let version = doc.get("version").map(format::plain)?;
    let how = if doc.get("new_version") == Some(&Value::Bool(false)) {
        format!("unchanged, still version {version}")
    } else {
        format!("stored as version {version}")
    };
    Some(format!(
        "Strategy {} {how} (hash {})",
        style::bold(s(doc, "name"), color),
        short_hash(s(doc, "hash"))
    ))
}

/// The first 12 characters of a content hash: enough to tell versions apart at a glance.
fn short_hash(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// `strategy show`: the strategy, its parameters and versions, then its definition as TOML.
pub const SHOW: View = View {
    summary: Some(shown),
    fields: &[
        text("description", "description", 0),
        text("aliases", "aliases", 0),
        text("hash", "hash", 0),
    ],
    tables: &[
        PARAMETERS,
        TableView {
            title: "Versions",
            rows: "versions",
            columns: &[
                num("version", "version", 0),
                text("created", "created", 0).fmt(Format::Time),
                text("hash", "hash", 1),
            ],
            spread: None,
        },
    ],
    picture: Some(source),
    ..View::EMPTY
};

fn shown(doc: &Value, color: bool) -> Option<String> {
    let mut line = format!(
        "Strategy {} ({}",
        style::bold(doc.get("strategy_id")?.as_str()?, color),
        s(doc, "kind")
    );
    if let Some(v) = doc.get("version").filter(|v| !v.is_null()) {
        line.push_str(&format!(", version {}", format::plain(v)));
    }
    line.push(')');
    Some(line)
}

/// The definition as its author wrote it (`source`), or as TOML, long lines wrapped.
fn source(doc: &Value, opts: &Options) -> Option<String> {
    let text = match doc.get("source").and_then(Value::as_str) {
        Some(text) => text.to_string(),
        None => toml::to_string(doc.get("definition")?).ok()?,
    };
    let body: Vec<String> = text
        .trim_end()
        .lines()
        .map(|l| format::wrap(l, opts.width, 4))
        .collect();
    Some(format!(
        "{}\n{}",
        style::bold("Definition", opts.color),
        body.join("\n")
    ))
}

/// `strategy delete`.
pub const DELETE: View = View {
    summary: Some(deleted),
    ..View::EMPTY
};

fn deleted(doc: &Value, color: bool) -> Option<String> {
    Some(format!(
        "Deleted strategy {} ({} version(s))",
        style::bold(s(doc, "name"), color),
        doc.get("versions").map(format::plain)?
    ))
}

/// Orders a definition placed on its sample bars.
const PLACED: &[Column] = &[
    text("time", "time", 3).fmt(Format::Time),
    text("client_order_id", "id", 5),
    text("side", "side", 0).role(Role::Side),
    text("type", "type", 0),
    num("quantity", "qty", 0),
    num("price", "price", 1),
    num("trigger_price", "trigger", 1),
    text("trailing_offset", "trailing", 4),
    text("reduce_only", "reduce", 4).fmt(Format::Flag),
    num("filled_qty", "filled", 2),
    num("avg_px", "avg px", 2),
    text("status", "status", 0).role(Role::Status),
];

/// `strategy validate`: valid or not, what it computes, and what it did on the newest bars.
pub const VALIDATE: View = View {
    summary: Some(validated),
    fields: &[
        text("hash", "hash", 0),
        text("parameters", "parameters", 0).fmt(Format::Pairs),
        text("indicators", "indicators", 0),
        text("sample.start", "sample from", 0).fmt(Format::Time),
        text("sample.end", "sample to", 0).fmt(Format::Time),
        num("sample.orders", "orders", 0),
        num("sample.fills", "fills", 0),
        num("sample.round_trips", "round trips", 0),
    ],
    tables: &[
        TableView {
            title: "PnL on the sample",
            rows: "sample.pnl",
            columns: super::backtest::PNL.columns,
            spread: None,
        },
        TableView {
            title: "Orders placed on the sample",
            rows: "sample.placed",
            columns: PLACED,
            spread: None,
        },
    ],
    notes: &["notes", "sample.notes"],
    ..View::EMPTY
};

fn validated(doc: &Value, color: bool) -> Option<String> {
    let valid = doc.get("valid")?.as_bool()?;
    if !valid {
        return Some(style::paint("Not valid", &Value::Null, Role::Warn, color));
    }
    let mut line = style::paint("Valid", &Value::Null, Role::Plain, color);
    if let Some(sample) = doc.get("sample").filter(|v| !v.is_null()) {
        line.push_str(&format!(
            ": on the newest {} bars of {} it placed {} order(s), {} round trip(s)",
            sample.get("bars").map(format::plain).unwrap_or_default(),
            s(sample, "instrument_id"),
            sample.get("orders").map(format::plain).unwrap_or_default(),
            sample
                .get("round_trips")
                .map(format::plain)
                .unwrap_or_default(),
        ));
    }
    Some(line)
}

/// `strategy configure`: one line, then the parameters it runs with.
pub const CONFIGURE: View = View {
    summary: Some(attached),
    fields: &[
        text("parameters", "parameters", 0).fmt(Format::Pairs),
        text("hash", "hash", 0),
        num("version", "version", 0),
        text("attached", "attached", 0).fmt(Format::Time),
    ],
    notes: &["notes"],
    ..View::EMPTY
};

fn attached(doc: &Value, color: bool) -> Option<String> {
    Some(format!(
        "Strategy {} attached: {} on {} ({})",
        style::bold(s(doc, "instance_id"), color),
        s(doc, "strategy_id"),
        s(doc, "bars"),
        style::paint(s(doc, "status"), &Value::Null, Role::Status, color),
    ))
}

/// `strategy stop`.
pub const STOP: View = View {
    summary: Some(stopped),
    fields: &[text("orders", "cancelled orders", 0)],
    notes: &["notes"],
    ..View::EMPTY
};

fn stopped(doc: &Value, color: bool) -> Option<String> {
    let cancelled = doc
        .get("orders")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    Some(format!(
        "Strategy {} {}; {cancelled} order(s) cancelled",
        style::bold(s(doc, "instance_id"), color),
        style::paint(
            &s(doc, "status").to_lowercase(),
            &Value::Null,
            Role::Status,
            color
        ),
    ))
}

/// `strategy step`: each strategy stepped on its venue's closed bars.
pub const STEP: View = View {
    summary: Some(stepped),
    tables: &[TableView {
        title: "",
        rows: "strategies",
        columns: &[
            text("instance_id", "strategy", 0),
            text("venue", "venue", 1),
            num("bars", "bars", 0),
            num("orders", "orders", 0),
            text("last_bar", "last bar", 2).fmt(Format::Time),
            text("notes", "notes", 3),
        ],
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

fn stepped(doc: &Value, _color: bool) -> Option<String> {
    let strategies = doc.get("strategies")?.as_array()?;
    let bars: u64 = strategies
        .iter()
        .filter_map(|s| s.get("bars").and_then(Value::as_u64))
        .sum();
    Some(match strategies.len() {
        0 => "No strategy to step (strategies on paper venues trade as the market advances)"
            .to_string(),
        n => format!(
            "Stepped {n} strateg{} over {bars} bar(s)",
            if n == 1 { "y" } else { "ies" }
        ),
    })
}
