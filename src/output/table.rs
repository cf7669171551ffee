//! A table fitted to the terminal: columns are dropped by priority (highest number first)
//! before anything wraps, and the caller is told which were hidden.

use comfy_table::{CellAlignment, ContentArrangement, Table};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::{
    Options,
    format::{self, Format},
    style::{self, Role},
    view::{Column, lookup},
};

/// Header line under the headings, nothing else: columns are separated by two spaces.
pub(super) const PRESET: &str = "     ─             ";

/// A column of a table being drawn (designed, spread from a nested object, or added by
/// `--wide`).
#[derive(Debug, Clone)]
pub struct Col {
    pub key: String,
    pub header: String,
    pub priority: u8,
    pub format: Format,
    pub role: Role,
}

impl From<&Column> for Col {
    fn from(c: &Column) -> Self {
        Col {
            key: c.key.to_string(),
            header: c.header.to_string(),
            priority: c.priority,
            format: c.format,
            role: c.role,
        }
    }
}

impl Col {
    /// A column found in the data rather than designed: numbers right-aligned, nested values
    /// as `key=value`.
    #[must_use]
    pub fn found(key: &str, sample: &[&Value], priority: u8) -> Col {
        let values: Vec<&Value> = sample
            .iter()
            .filter_map(|r| lookup(r, key))
            .filter(|v| !v.is_null())
            .collect();
        let numeric = !values.is_empty() && values.iter().all(|v| looks_numeric(v));
        let timed = !values.is_empty() && values.iter().all(|v| format::day_of(v).is_some());
        let format = if numeric {
            Format::Num
        } else if timed {
            Format::Time
        } else {
            Format::Text
        };
        let role = match key.rsplit('.').next().unwrap_or(key) {
            "side" | "aggressor_side" | "position_side" => Role::Side,
            "status" => Role::Status,
            k if k.contains("pnl") => Role::Signed,
            _ => Role::Plain,
        };
        Col {
            key: key.to_string(),
            header: key.rsplit('.').next().unwrap_or(key).to_string(),
            priority,
            format,
            role,
        }
    }
}

fn looks_numeric(v: &Value) -> bool {
    match v {
        Value::Number(_) => true,
        Value::String(s) => {
            let s = s.trim();
            !s.is_empty()
                && s.parse::<f64>().is_ok()
                && s.chars().all(|c| c.is_ascii_digit() || ".-+eE".contains(c))
        }
        _ => false,
    }
}

/// A drawn table and the headings of the columns left out to fit the width.
#[derive(Debug, Default)]
pub struct Drawn {
    pub text: String,
    pub hidden: Vec<String>,
}

/// Draws `rows` in `cols`, dropping columns by priority until the table fits `opts.width`.
#[must_use]
pub fn draw(cols: Vec<Col>, rows: &[&Value], opts: &Options, may_drop: bool) -> Drawn {
    let mut cols: Vec<(Col, Vec<String>, usize)> = cols
        .into_iter()
        .map(|c| {
            let same_day = c.format == Format::Time && one_day(&c, rows).is_some();
            let header = match (same_day, one_day(&c, rows)) {
                (true, Some(day)) => format!("{} ({day})", c.header),
                _ => c.header.clone(),
            };
            let longest = rows
                .iter()
                .filter_map(|r| lookup(r, &c.key).and_then(format::number))
                .fold(0.0_f64, f64::max);
            let texts: Vec<String> = rows
                .iter()
                .map(|r| {
                    let value = lookup(r, &c.key).unwrap_or(&Value::Null);
                    if c.format == Format::Bar {
                        format::bar(format::number(value).unwrap_or(0.0), longest)
                    } else {
                        format::write(value, c.format, same_day)
                    }
                })
                .collect();
            let width = texts
                .iter()
                .map(|t| t.width())
                .chain([header.width()])
                .max()
                .unwrap_or(0);
            (Col { header, ..c }, texts, width)
        })
        .collect();
    let mut hidden = Vec::new();
    if may_drop && let Some(limit) = opts.width {
        while total_width(&cols) > limit {
            let Some(drop) = cols
                .iter()
                .enumerate()
                .filter(|(_, (c, _, _))| c.priority > 0)
                .max_by_key(|(i, (c, _, _))| (c.priority, *i))
                .map(|(i, _)| i)
            else {
                break;
            };
            hidden.push(cols.remove(drop).0.header);
        }
    }
    hidden.reverse();
    let mut table = Table::new();
    table.load_preset(PRESET);
    if opts.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    match opts.width {
        Some(limit) if may_drop && total_width(&cols) > limit => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(u16::try_from(limit).unwrap_or(u16::MAX));
        }
        _ => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.set_header(
        cols.iter()
            .map(|(c, _, _)| style::header(&c.header, opts.color)),
    );
    for (i, row) in rows.iter().enumerate() {
        table.add_row(cols.iter().map(|(c, texts, _)| {
            let value = lookup(row, &c.key).unwrap_or(&Value::Null);
            style::cell(texts[i].clone(), value, c.role, opts.color)
        }));
    }
    let last = cols.len().saturating_sub(1);
    for (i, (c, _, _)) in cols.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_padding((0, if i == last { 0 } else { 2 }));
            if c.format.right_aligned() {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let text = table
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    Drawn { text, hidden }
}

/// The one day every time in the column falls on, if there is one.
fn one_day<'v>(col: &Col, rows: &[&'v Value]) -> Option<&'v str> {
    if col.format != Format::Time {
        return None;
    }
    let mut days = rows
        .iter()
        .filter_map(|r| lookup(r, &col.key))
        .filter(|v| !v.is_null())
        .map(format::day_of);
    let first = days.next()??;
    let mut n = 1;
    let same = days.all(|d| {
        n += 1;
        d == Some(first)
    });
    (same && n > 1).then_some(first)
}

fn total_width(cols: &[(Col, Vec<String>, usize)]) -> usize {
    cols.iter().map(|(_, _, w)| w).sum::<usize>() + 2 * cols.len().saturating_sub(1)
}
