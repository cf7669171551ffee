//! The data catalog: imports, listings, generated data.

use serde_json::Value;

use crate::output::{
    format::{self, Format},
    style,
    view::{Column, TableView, View, num, text},
};

const SERIES: &[Column] = &[
    text("instrument_id", "instrument", 0),
    text("kind", "kind", 0),
    text("spec", "spec", 1),
    num("rows_imported", "imported", 0),
    num("rows_total", "rows", 1),
    text("first", "first", 2).fmt(Format::Time),
    text("last", "last", 2).fmt(Format::Time),
];

/// `data import`: one line per series, the parser's report left to `--wide`/`--json`.
pub const IMPORT: View = View {
    summary: Some(imported),
    fields: &[text("instruments", "instruments", 0)],
    tables: &[TableView {
        title: "",
        rows: "series",
        columns: SERIES,
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

fn imported(doc: &Value, color: bool) -> Option<String> {
    let series = doc.get("series")?.as_array()?;
    let rows: u64 = series
        .iter()
        .filter_map(|s| s.get("rows_imported").and_then(Value::as_u64))
        .sum();
    let instruments = doc
        .get("instruments")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    Some(match (series.len(), instruments) {
        (0, n) => format!("Imported {n} instrument definition(s)"),
        (n, _) => format!(
            "Imported {} into {n} series",
            style::bold(&format!("{rows} rows"), color)
        ),
    })
}

/// `data list`.
pub const LIST: View = View {
    tables: &[TableView {
        title: "",
        rows: "series",
        columns: &[
            text("instrument_id", "instrument", 0),
            text("kind", "kind", 0),
            text("spec", "spec", 1),
            num("rows", "rows", 0),
            text("first", "first", 2).fmt(Format::Time),
            text("last", "last", 2).fmt(Format::Time),
        ],
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

/// `data generate`.
pub const GENERATE: View = View {
    summary: Some(generated),
    tables: &[TableView {
        title: "",
        rows: "series",
        columns: SERIES,
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

fn generated(doc: &Value, _color: bool) -> Option<String> {
    let bars = doc.get("bars").map(format::plain)?;
    Some(format!("Generated {bars} synthetic bars"))
}
