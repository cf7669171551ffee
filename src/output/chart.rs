//! Pictures in the terminal: a backtest's equity curve and its drawdown, drawn in braille
//! characters by `textplots`, sized to the terminal.

use chrono::{DateTime, Utc};
use serde_json::Value;
use textplots::{Chart, Plot, Shape};

use super::{Options, format, style};

/// Columns kept free beside a chart for its value labels.
const LABELS: usize = 14;

/// The equity curve and the drawdown of a `backtest results` answer, one chart above the other.
#[must_use]
pub fn equity_and_drawdown(doc: &Value, opts: &Options) -> Option<String> {
    let points = curve(doc.get("equity_curve")?.as_array()?);
    if points.len() < 2 {
        return None;
    }
    let columns = opts.width.unwrap_or(100).min(120).saturating_sub(LABELS);
    if columns < 20 {
        return None;
    }
    let mut peak = f32::MIN;
    let drawdown: Vec<(f32, f32)> = points
        .iter()
        .map(|&(x, equity)| {
            peak = peak.max(equity);
            (x, (equity / peak - 1.0) * 100.0)
        })
        .collect();
    let days = points.last()?.0;
    let resolution = doc
        .get("equity_resolution")
        .map(format::plain)
        .unwrap_or_default();
    let currency = doc
        .pointer("/summary/pnl/0/currency")
        .map(format::plain)
        .unwrap_or_default();
    let worst = drawdown.iter().map(|p| p.1).fold(0.0_f32, f32::min);
    Some(format!(
        "{}\n{}\n{}\n{}",
        style::bold(
            &format!("Equity ({currency}, {resolution} points, x: days from the start)"),
            opts.color
        ),
        draw(&points, columns, 10, days),
        style::bold(&format!("Drawdown % (worst {worst:.2}%)"), opts.color),
        draw(&drawdown, columns, 5, days),
    ))
}

/// `(days since the first point, equity)` of each point of the curve.
fn curve(points: &[Value]) -> Vec<(f32, f32)> {
    let parsed: Vec<(DateTime<Utc>, f32)> = points
        .iter()
        .filter_map(|p| {
            let time = p.get("time")?.as_str()?.parse::<DateTime<Utc>>().ok()?;
            let equity = format::number(p.get("equity")?)?;
            #[allow(clippy::cast_possible_truncation)]
            Some((time, equity as f32))
        })
        .collect();
    let Some(&(start, _)) = parsed.first() else {
        return Vec::new();
    };
    parsed
        .into_iter()
        .map(|(t, e)| {
            #[allow(clippy::cast_precision_loss)]
            let days = (t - start).num_seconds() as f32 / 86_400.0;
            (days, e)
        })
        .collect()
}

/// One braille chart `columns` wide and `rows` tall.
fn draw(points: &[(f32, f32)], columns: usize, rows: u32, days: f32) -> String {
    let width = u32::try_from(columns * 2).unwrap_or(64).max(32);
    let mut chart = Chart::new(width, rows * 4, 0.0, days.max(f32::EPSILON));
    let shape = Shape::Lines(points);
    let plot = chart.lineplot(&shape);
    plot.axis();
    plot.figures();
    plot.to_string()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}
