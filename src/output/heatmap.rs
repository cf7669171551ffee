//! A sweep's heatmap: the ranking statistic over two varied parameters, one parameter down the
//! side and the other across, each cell coloured from red (worst) to green (best). Drawn as a
//! `comfy-table` grid so it fits the terminal like every other table.

use comfy_table::{CellAlignment, Color, ContentArrangement, Table};
use serde_json::Value;

use super::{
    Options,
    format::{self, Format},
    style,
};

/// Background colours from worst to best (the 256-colour palette's red, orange, yellow,
/// yellow-green, green).
const RAMP: [u8; 5] = [160, 208, 220, 148, 34];

/// The heatmap of a sweep answer (`ranking` rows with their `values` and `score`), when exactly
/// two parameters vary and it fits the terminal.
#[must_use]
pub fn sweep(doc: &Value, opts: &Options) -> Option<String> {
    let rows = doc.get("ranking")?.as_array()?;
    let varied = varied_parameters(rows);
    let [down, across] = varied.as_slice() else {
        return None;
    };
    let down_values = axis(rows, down);
    let across_values = axis(rows, across);
    let score_of = |d: &Value, a: &Value| {
        rows.iter()
            .find(|r| {
                r.pointer(&format!("/values/{down}")) == Some(d)
                    && r.pointer(&format!("/values/{across}")) == Some(a)
            })
            .and_then(|r| r.get("score"))
            .and_then(format::number)
    };
    let scores: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.get("score").and_then(format::number))
        .filter(|x| x.is_finite())
        .collect();
    let (low, high) = scores
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });

    let mut table = Table::new();
    table.load_preset(super::table::PRESET);
    if opts.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_content_arrangement(ContentArrangement::Disabled);
    let mut header = vec![style::header(&format!("{down} \\ {across}"), opts.color)];
    header.extend(
        across_values
            .iter()
            .map(|a| style::header(&format::plain(a), opts.color)),
    );
    table.set_header(header);
    for d in &down_values {
        let mut cells = vec![style::header(&format::plain(d), opts.color)];
        for a in &across_values {
            let score = score_of(d, a);
            let text = score.map_or_else(
                || "-".to_string(),
                |x| format::write(&Value::from(x), Format::Ratio, false),
            );
            let mut cell = comfy_table::Cell::new(text);
            if opts.color
                && let Some(x) = score
            {
                cell = cell
                    .bg(Color::AnsiValue(shade(x, low, high)))
                    .fg(Color::Black);
            }
            cells.push(cell);
        }
        table.add_row(cells);
    }
    for i in 0..=across_values.len() {
        if let Some(column) = table.column_mut(i) {
            column.set_padding((1, 1));
            if i > 0 {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let drawn: Vec<String> = table.lines().map(|l| l.trim_end().to_string()).collect();
    let fits = opts
        .width
        .is_none_or(|w| drawn.iter().all(|l| format::visible_width(l) <= w));
    let rank_by = doc
        .get("rank_by")
        .and_then(Value::as_str)
        .unwrap_or("score");
    fits.then(|| {
        format!(
            "{}\n{}",
            style::bold(
                &format!("{rank_by} by {down} (down) and {across} (across)"),
                opts.color
            ),
            drawn.join("\n")
        )
    })
}

/// The parameters whose value differs between rows, in the order they first appear.
fn varied_parameters(rows: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in rows {
        if let Some(Value::Object(values)) = r.get("values") {
            for k in values.keys() {
                if !names.contains(k) {
                    names.push(k.clone());
                }
            }
        }
    }
    names.retain(|k| axis(rows, k).len() > 1);
    names
}

/// The distinct values of parameter `name`, numbers in numeric order, others as they come.
fn axis(rows: &[Value], name: &str) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    for r in rows {
        if let Some(v) = r.pointer(&format!("/values/{name}"))
            && !values.contains(v)
        {
            values.push(v.clone());
        }
    }
    if values.iter().all(|v| format::number(v).is_some()) {
        values.sort_by(|a, b| {
            let (a, b) = (format::number(a), format::number(b));
            a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    values
}

/// The ramp colour of `x` between `low` and `high`.
fn shade(x: f64, low: f64, high: f64) -> u8 {
    let span = high - low;
    let at = if span > 0.0 { (x - low) / span } else { 1.0 };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = (at.clamp(0.0, 1.0) * (RAMP.len() - 1) as f64).round() as usize;
    RAMP[i]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ranking() -> Value {
        json!({"rank_by": "sharpe_ratio", "ranking": [
            {"values": {"fast": 10, "slow": 60, "size": 1}, "score": 1.5},
            {"values": {"fast": 5, "slow": 30, "size": 1}, "score": -0.25},
            {"values": {"fast": 10, "slow": 30, "size": 1}, "score": 0.5},
        ]})
    }

    #[test]
    fn two_varied_parameters_make_a_grid_with_gaps() {
        let opts = Options {
            width: Some(80),
            ..Options::default()
        };
        let text = sweep(&ranking(), &opts).expect("a heatmap");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "sharpe_ratio by fast (down) and slow (across)");
        assert!(
            lines[1].contains("fast \\ slow") && lines[1].ends_with("60"),
            "{text}"
        );
        let row5: Vec<&str> = lines[3].split_whitespace().collect();
        assert_eq!(row5, ["5", "-0.250", "-"], "{text}");
        let row10: Vec<&str> = lines[4].split_whitespace().collect();
        assert_eq!(row10, ["10", "0.500", "1.50"], "{text}");
    }

    #[test]
    fn colours_run_from_red_to_green_and_only_with_colour() {
        assert_eq!(shade(-0.25, -0.25, 1.5), 160);
        assert_eq!(shade(1.5, -0.25, 1.5), 34);
        let opts = Options {
            width: Some(80),
            color: true,
            ..Options::default()
        };
        assert!(
            sweep(&ranking(), &opts)
                .unwrap()
                .contains("\u{1b}[48;5;34m")
        );
    }

    #[test]
    fn one_or_three_varied_parameters_draw_nothing() {
        let one = json!({"ranking": [{"values": {"a": 1}, "score": 1}, {"values": {"a": 2}, "score": 2}]});
        assert!(sweep(&one, &Options::default()).is_none());
    }
}
