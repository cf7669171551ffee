//! Renders operation results for people: any JSON document becomes readable tables.
//!
//! Operations never format; this module turns their JSON into tables so that the TTY view
//! and the `--json` document always carry the same facts.

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};

use crate::error::OpError;

/// Rows shown per table before the rest is summarised.
const MAX_ROWS: usize = 40;

/// Renders a JSON document as text tables.
#[must_use]
pub fn render(doc: &Value, ascii: bool) -> String {
    let mut out = String::new();
    match doc {
        Value::Object(map) => render_object(&mut out, None, map, ascii),
        Value::Array(items) => render_array(&mut out, None, items, ascii),
        other => out.push_str(&scalar(other)),
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Renders an error for stderr.
#[must_use]
pub fn render_error(err: &OpError) -> String {
    let mut s = format!("error [{}]: {}", err.code.as_str(), err.message);
    if let Some(details) = &err.details
        && let Some(hint) = details.get("hint").and_then(Value::as_str)
    {
        s.push_str("\nhint: ");
        s.push_str(hint);
    }
    s
}

fn new_table(ascii: bool) -> Table {
    let mut t = Table::new();
    t.load_preset(if ascii {
        presets::ASCII_MARKDOWN
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t
}

fn heading(out: &mut String, title: Option<&str>) {
    if let Some(t) = title {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(t);
        out.push('\n');
    }
}

fn render_object(out: &mut String, title: Option<&str>, map: &Map<String, Value>, ascii: bool) {
    let mut kv = new_table(ascii);
    let mut has_kv = false;
    let mut nested = Vec::new();
    for (key, value) in map {
        if is_inline(value) {
            kv.add_row(vec![key.clone(), scalar(value)]);
            has_kv = true;
        } else {
            nested.push((key, value));
        }
    }
    if has_kv {
        heading(out, title);
        out.push_str(&kv.to_string());
        out.push('\n');
    } else if !nested.is_empty() && title.is_some() {
        heading(out, title);
    }
    for (key, value) in nested {
        let sub_title = match title {
            Some(t) => format!("{t} / {key}"),
            None => key.clone(),
        };
        match value {
            Value::Array(items) => render_array(out, Some(&sub_title), items, ascii),
            Value::Object(m) if is_map_of_flat_objects(m) => {
                render_keyed_rows(out, &sub_title, m, ascii);
            }
            Value::Object(m) => render_object(out, Some(&sub_title), m, ascii),
            _ => {}
        }
    }
}

fn render_array(out: &mut String, title: Option<&str>, items: &[Value], ascii: bool) {
    heading(out, title);
    if items.is_empty() {
        out.push_str("(none)\n");
        return;
    }
    if !items.iter().all(Value::is_object) {
        let text: Vec<String> = items.iter().map(scalar).collect();
        out.push_str(&text.join(", "));
        out.push('\n');
        return;
    }
    let mut columns: Vec<String> = Vec::new();
    for item in items {
        if let Value::Object(m) = item {
            for k in m.keys() {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
    }
    let mut t = new_table(ascii);
    t.set_header(columns.clone());
    for item in items.iter().take(MAX_ROWS) {
        let row: Vec<String> = columns
            .iter()
            .map(|c| item.get(c).map_or_else(String::new, scalar))
            .collect();
        t.add_row(row);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    if items.len() > MAX_ROWS {
        out.push_str(&format!(
            "... {} more rows (use --json for all)\n",
            items.len() - MAX_ROWS
        ));
    }
}

fn render_keyed_rows(out: &mut String, title: &str, map: &Map<String, Value>, ascii: bool) {
    let rows: Vec<Value> = map
        .iter()
        .map(|(k, v)| {
            let mut row = Map::new();
            row.insert(String::new(), Value::String(k.clone()));
            if let Value::Object(inner) = v {
                row.extend(inner.clone());
            }
            Value::Object(row)
        })
        .collect();
    render_array(out, Some(title), &rows, ascii);
}

fn is_map_of_flat_objects(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .values()
            .all(|v| matches!(v, Value::Object(inner) if inner.values().all(is_inline)))
}

fn is_inline(value: &Value) -> bool {
    match value {
        Value::Array(items) => {
            items.len() <= 8 && items.iter().all(|v| !v.is_object() && !v.is_array())
        }
        Value::Object(_) => false,
        _ => true,
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_scalars_and_rows() {
        let doc = json!({"run_id": "abc", "pnl": "12.5", "trades": [{"side": "BUY", "qty": "1"}]});
        let text = render(&doc, true);
        assert!(text.contains("run_id"));
        assert!(text.contains("abc"));
        assert!(text.contains("trades"));
        assert!(text.contains("BUY"));
    }

    #[test]
    fn truncates_long_tables() {
        let rows: Vec<Value> = (0..100).map(|i| json!({"i": i})).collect();
        let text = render(&json!({ "rows": rows }), true);
        assert!(text.contains("60 more rows"));
    }
}
