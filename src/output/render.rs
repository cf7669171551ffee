//! Draws an answer through its design: the summary line, the field list, fitted tables and
//! notes; or the structural rendering; or CSV/TSV of the main table.

use serde_json::{Map, Value};

use super::{
    Options,
    format::{self, Format},
    style::{self, Role},
    table::{self, Col},
    view::{Column, Design, TableView, View, lookup},
};

/// Rows shown per table before the rest is summarised.
const MAX_ROWS: usize = 40;

/// The human rendering of `doc`.
#[must_use]
pub fn human(design: Design, doc: &Value, opts: &Options) -> String {
    let mut out = Out::default();
    match design.for_answer(doc) {
        Design::Designed(view) => designed(&mut out, view, doc, opts),
        Design::Structural | Design::ByKind { .. } => structural(&mut out, None, doc, opts),
    }
    out.finish(opts.width)
}

/// Text being assembled: blocks separated by one blank line.
#[derive(Default)]
struct Out {
    blocks: Vec<String>,
    hidden: Vec<String>,
}

impl Out {
    fn block(&mut self, text: String) {
        if !text.trim().is_empty() {
            self.blocks.push(text);
        }
    }

    fn finish(mut self, width: Option<usize>) -> String {
        self.hidden.dedup();
        if !self.hidden.is_empty() {
            let footer = format!(
                "({} hidden to fit the terminal; --wide shows every column)",
                self.hidden.join(", ")
            );
            self.blocks.push(format::wrap(&footer, width, 1));
        }
        self.blocks.join("\n\n")
    }
}

fn designed(out: &mut Out, view: &View, doc: &Value, opts: &Options) {
    if let Some(summary) = view.summary.and_then(|s| s(doc, opts.color)) {
        out.block(format::wrap(&summary, opts.width, 4));
    }
    let whole = doc;
    let Some(doc) = lookup(doc, view.base) else {
        return;
    };
    let mut fields: Vec<Col> = view.fields.iter().map(Col::from).collect();
    if opts.wide {
        let shown: Vec<&str> = view
            .fields
            .iter()
            .map(|c| c.key)
            .chain(view.tables.iter().map(|t| t.rows))
            .chain(view.notes.iter().copied())
            .collect();
        if let Value::Object(map) = doc {
            for key in map.keys() {
                if !shown.iter().any(|s| s.split('.').next() == Some(key)) {
                    fields.push(Col::found(key, &[doc], 9));
                }
            }
        }
    }
    out.block(field_list(&fields, doc, opts));
    if let Some(picture) = view.picture.and_then(|p| p(whole, opts)) {
        out.block(picture);
    }
    for t in view.tables {
        table_block(out, t, doc, opts);
    }
    for key in view.notes {
        if let Some(Value::Array(notes)) = lookup(doc, key) {
            let lines: Vec<String> = notes
                .iter()
                .map(|n| {
                    let text = format::wrap(&format!("note: {}", format::plain(n)), opts.width, 6);
                    style::paint(&text, n, Role::Warn, opts.color)
                })
                .collect();
            out.block(lines.join("\n"));
        }
    }
}

/// `label  value` lines for the single values of an answer (absent fields are skipped).
fn field_list(cols: &[Col], doc: &Value, opts: &Options) -> String {
    let present: Vec<(&Col, &Value)> = cols
        .iter()
        .filter_map(|c| lookup(doc, &c.key).map(|v| (c, v)))
        .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
        .collect();
    let width = present
        .iter()
        .map(|(c, _)| c.header.chars().count())
        .max()
        .unwrap_or(0);
    present
        .iter()
        .map(|(c, v)| {
            let text = format::write(v, c.format, false);
            let label = format!("{:width$}", c.header);
            let line = format!("{label}  {}", style::paint(&text, v, c.role, opts.color));
            let line = format::wrap(&line, opts.width, width + 2);
            line.replacen(&label, &style::dim(&label, opts.color), 1)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rows of the list at `path`: an array's items, or an object of objects as one row per
/// entry with its key in `name`.
fn rows_at(doc: &Value, path: &str) -> Option<Vec<Value>> {
    match lookup(doc, path)? {
        Value::Array(items) => Some(items.clone()),
        Value::Object(map) if map.values().all(Value::is_object) => Some(
            map.iter()
                .map(|(key, value)| {
                    let mut row = Map::new();
                    row.insert("name".into(), Value::String(key.clone()));
                    if let Value::Object(inner) = value {
                        row.extend(inner.clone());
                    }
                    Value::Object(row)
                })
                .collect(),
        ),
        _ => None,
    }
}

fn table_block(out: &mut Out, t: &TableView, doc: &Value, opts: &Options) {
    let Some(items) = rows_at(doc, t.rows) else {
        return;
    };
    let title = if t.title.is_empty() {
        String::new()
    } else {
        format!("{}\n", style::bold(t.title, opts.color))
    };
    if items.is_empty() {
        out.block(format!("{title}(none)"));
        return;
    }
    let rows: Vec<&Value> = items.iter().take(MAX_ROWS).collect();
    let (cols, may_drop) = table_columns(t, &rows, opts);
    let drawn = table::draw(cols, &rows, opts, may_drop);
    let mut text = format!("{title}{}", drawn.text);
    if items.len() > MAX_ROWS {
        text.push_str(&format!(
            "\n… {} more rows (-o csv or --json for all)",
            items.len() - MAX_ROWS
        ));
    }
    out.hidden.extend(drawn.hidden);
    out.block(text);
}

/// The columns of a designed table: the designed ones with any spread object's keys after the
/// first, every other field with `--wide`, or exactly `--columns`. Whether columns may be
/// dropped to fit.
fn table_columns(t: &TableView, rows: &[&Value], opts: &Options) -> (Vec<Col>, bool) {
    let mut cols: Vec<Col> = if t.columns.is_empty() {
        found_cols(rows)
    } else {
        t.columns.iter().map(Col::from).collect()
    };
    if let Some(spread) = t.spread {
        let keys = object_keys(rows.iter().filter_map(|r| lookup(r, spread)));
        let at = cols.len().min(1);
        for (i, key) in keys.iter().enumerate() {
            let mut col = Col::found(&format!("{spread}.{key}"), rows, 0);
            col.header = key.clone();
            cols.insert(at + i, col);
        }
    }
    let everything = || {
        let mut all = cols.clone();
        for key in object_keys(rows.iter().copied()) {
            let covered = all.iter().any(|c| c.key.split('.').next() == Some(&key))
                || t.spread == Some(key.as_str());
            if !covered {
                all.push(Col::found(&key, rows, 9));
            }
        }
        all
    };
    if !opts.columns.is_empty() {
        let all = everything();
        let chosen = opts
            .columns
            .iter()
            .filter_map(|want| {
                all.iter()
                    .find(|c| {
                        c.key.eq_ignore_ascii_case(want) || c.header.eq_ignore_ascii_case(want)
                    })
                    .cloned()
            })
            .collect::<Vec<_>>();
        if !chosen.is_empty() {
            return (chosen, false);
        }
    }
    if opts.wide {
        return (everything(), false);
    }
    (cols, true)
}

/// The keys of a list of objects, in order of first appearance.
fn object_keys<'v>(objects: impl Iterator<Item = &'v Value>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for o in objects {
        if let Value::Object(map) = o {
            for k in map.keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    keys
}

/// The rendering of answers without a designed view: single values as a field list, flat
/// nested objects as `key=value`, lists of objects as fitted tables (columns in the answer's
/// order, the first kept longest), deeper objects as their own sections.
fn structural(out: &mut Out, title: Option<&str>, doc: &Value, opts: &Options) {
    match doc {
        Value::Object(map) => structural_object(out, title, map, opts),
        Value::Array(items) => structural_list(out, title.unwrap_or(""), items, opts),
        other => out.block(format::plain(other)),
    }
}

fn structural_object(out: &mut Out, title: Option<&str>, map: &Map<String, Value>, opts: &Options) {
    let doc = Value::Object(map.clone());
    let mut fields = Vec::new();
    let mut nested = Vec::new();
    for (key, value) in map {
        let flat_object = matches!(value, Value::Object(m) if m.values().all(format::is_flat));
        if format::is_flat(value) || flat_object {
            let mut col = Col::found(key, &[&doc], 0);
            if flat_object && !value.as_object().is_some_and(Map::is_empty) {
                col.format = Format::Pairs;
            }
            fields.push(col);
        } else {
            nested.push((key, value));
        }
    }
    let list = field_list(&fields, &doc, opts);
    match title {
        Some(t) if !list.is_empty() => out.block(format!("{}\n{list}", style::bold(t, opts.color))),
        _ => out.block(list),
    }
    for (key, value) in nested {
        let sub = match title {
            Some(t) => format!("{t} / {key}"),
            None => key.clone(),
        };
        match value {
            Value::Object(m) if is_map_of_objects(m) => {
                let rows: Vec<Value> = m
                    .iter()
                    .map(|(k, v)| {
                        let mut row = Map::new();
                        row.insert("name".into(), Value::String(k.clone()));
                        if let Value::Object(inner) = v {
                            row.extend(inner.clone());
                        }
                        Value::Object(row)
                    })
                    .collect();
                structural_list(out, &sub, &rows, opts);
            }
            other => structural(out, Some(&sub), other, opts),
        }
    }
}

fn structural_list(out: &mut Out, title: &str, items: &[Value], opts: &Options) {
    let heading = if title.is_empty() {
        String::new()
    } else {
        format!("{}\n", style::bold(title, opts.color))
    };
    if items.is_empty() {
        out.block(format!("{heading}(none)"));
        return;
    }
    if !items.iter().all(Value::is_object) {
        let text: Vec<String> = items.iter().map(format::plain).collect();
        out.block(format!("{heading}{}", text.join(", ")));
        return;
    }
    let rows: Vec<&Value> = items.iter().take(MAX_ROWS).collect();
    let cols = found_cols(&rows);
    let chosen = if opts.columns.is_empty() {
        cols
    } else {
        let picked: Vec<Col> = opts
            .columns
            .iter()
            .filter_map(|w| cols.iter().find(|c| c.key.eq_ignore_ascii_case(w)).cloned())
            .collect();
        if picked.is_empty() { cols } else { picked }
    };
    let drawn = table::draw(chosen, &rows, opts, !opts.wide && opts.columns.is_empty());
    let mut text = format!("{heading}{}", drawn.text);
    if items.len() > MAX_ROWS {
        text.push_str(&format!(
            "\n… {} more rows (-o csv or --json for all)",
            items.len() - MAX_ROWS
        ));
    }
    out.hidden.extend(drawn.hidden);
    out.block(text);
}

/// Columns for every key of `rows`, in order of appearance, the first kept longest; nested
/// values as `key=value`.
fn found_cols(rows: &[&Value]) -> Vec<Col> {
    object_keys(rows.iter().copied())
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let mut col = Col::found(k, rows, u8::try_from(i.min(8)).unwrap_or(8));
            if rows
                .iter()
                .any(|r| r.get(k).is_some_and(|v| !format::is_flat(v)))
            {
                col.format = Format::Pairs;
            }
            col
        })
        .collect()
}

fn is_map_of_objects(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .values()
            .all(|v| matches!(v, Value::Object(inner) if inner.values().all(format::is_flat)))
}

/// The answer's main table as CSV or TSV: the designed table's columns (or `--wide`,
/// `--columns`), values at full precision; an answer without a list is one row of its fields.
#[must_use]
pub fn delimited(design: Design, doc: &Value, opts: &Options, delimiter: u8) -> String {
    let owned: Vec<Value>;
    let (cols, rows): (Vec<Col>, Vec<&Value>) = match design.for_answer(doc) {
        Design::Designed(view) => {
            let base = lookup(doc, view.base).unwrap_or(doc);
            match view
                .tables
                .iter()
                .find_map(|t| rows_at(base, t.rows).map(|rows| (t, rows)))
            {
                Some((t, items)) => {
                    owned = items;
                    let rows: Vec<&Value> = owned.iter().collect();
                    (table_columns(t, &rows, opts).0, rows)
                }
                None => (field_cols(view.fields, base, opts), vec![base]),
            }
        }
        Design::Structural | Design::ByKind { .. } => match first_list(doc) {
            Some(items) => {
                let rows: Vec<&Value> = items.iter().collect();
                let keys = object_keys(rows.iter().copied());
                (keys.iter().map(|k| Col::found(k, &rows, 0)).collect(), rows)
            }
            None => {
                let keys = object_keys(std::iter::once(doc));
                (
                    keys.iter().map(|k| Col::found(k, &[doc], 0)).collect(),
                    vec![doc],
                )
            }
        },
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let _ = writer.write_record(cols.iter().map(|c| c.header.as_str()));
    for row in rows {
        let _ = writer.write_record(
            cols.iter()
                .map(|c| lookup(row, &c.key).map_or_else(String::new, raw)),
        );
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).trim_end().to_string()
}

fn field_cols(fields: &[Column], doc: &Value, opts: &Options) -> Vec<Col> {
    let mut cols: Vec<Col> = fields.iter().map(Col::from).collect();
    if opts.wide {
        for key in object_keys(std::iter::once(doc)) {
            if !cols.iter().any(|c| c.key.split('.').next() == Some(&key)) {
                cols.push(Col::found(&key, &[doc], 9));
            }
        }
    }
    cols
}

fn first_list(doc: &Value) -> Option<&Vec<Value>> {
    match doc {
        Value::Array(items) => Some(items),
        Value::Object(map) => map.values().find_map(|v| match v {
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                Some(items)
            }
            _ => None,
        }),
        _ => None,
    }
}

/// A value for a spreadsheet: as the answer has it (full precision, ISO times), nested values
/// as `key=value`.
fn raw(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        other => format::plain(other),
    }
}
