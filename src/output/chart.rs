//! Pictures in the terminal: a backtest's equity curve and its drawdown, a walk-forward's
//! stitched equity, a Monte Carlo histogram, drawn in braille characters by `textplots`,
//! sized to the terminal.

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
    let columns = chart_columns(opts)?;
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

/// An equity curve given as `[time, equity]` pairs (a walk-forward's stitched curve) under
/// `title`, sized to the terminal.
#[must_use]
pub fn equity(points: &[Value], title: &str, opts: &Options) -> Option<String> {
    let points = curve(points);
    let columns = chart_columns(opts)?;
    let days = points.last()?.0;
    (points.len() >= 2).then(|| {
        format!(
            "{}\n{}",
            style::bold(&format!("{title}, x: days from the start"), opts.color),
            draw(&points, columns, 8, days)
        )
    })
}

/// A histogram of `counts` over the bins between `edges` under `title`, as bars sized to the
/// terminal.
#[must_use]
pub fn histogram(edges: &[Value], counts: &[Value], title: &str, opts: &Options) -> Option<String> {
    let columns = chart_columns(opts)?;
    #[allow(clippy::cast_possible_truncation)]
    let edges: Vec<f32> = edges
        .iter()
        .map(|e| format::number(e).map(|x| x as f32))
        .collect::<Option<_>>()?;
    #[allow(clippy::cast_precision_loss)]
    let bars: Vec<(f32, f32)> = edges
        .windows(2)
        .zip(counts)
        .map(|(bin, n)| ((bin[0] + bin[1]) / 2.0, n.as_u64().unwrap_or(0) as f32))
        .collect();
    let (&first, &last) = (edges.first()?, edges.last()?);
    if bars.is_empty() || last <= first {
        return None;
    }
    let width = u32::try_from(columns * 2).unwrap_or(64).max(32);
    let mut chart = Chart::new(width, 24, first, last);
    let shape = Shape::Bars(&bars);
    let plot = chart.lineplot(&shape);
    plot.axis();
    plot.figures();
    Some(format!(
        "{}\n{}",
        style::bold(&format!("{title}: resamples per bin"), opts.color),
        trimmed(&plot.to_string())
    ))
}

/// The closes of a `market bars` answer as a line chart, when `--chart` asked for it.
#[must_use]
pub fn bar_closes(doc: &Value, opts: &Options) -> Option<String> {
    if !opts.chart {
        return None;
    }
    let bars = doc.get("bars")?.as_array()?;
    let closes: Vec<Value> = bars
        .iter()
        .filter_map(|b| {
            Some(Value::Array(vec![
                b.get("open_time")?.clone(),
                b.get("close")?.clone(),
            ]))
        })
        .collect();
    let points = curve(&closes);
    let columns = chart_columns(opts)?;
    let days = points.last()?.0;
    (points.len() >= 2).then(|| {
        let title = format!(
            "Close of {} {} bars, x: days from {}",
            doc.get("instrument_id")
                .map(format::plain)
                .unwrap_or_default(),
            doc.get("bar_spec").map(format::plain).unwrap_or_default(),
            format::write(
                bars[0].get("open_time").unwrap_or(&Value::Null),
                format::Format::Time,
                false
            ),
        );
        format!(
            "{}\n{}",
            style::bold(&title, opts.color),
            draw(&points, columns, 10, days)
        )
    })
}

/// Braille columns a chart may take beside its value labels, if the terminal has room.
fn chart_columns(opts: &Options) -> Option<usize> {
    let columns = opts.width.unwrap_or(100).min(120).saturating_sub(LABELS);
    (columns >= 20).then_some(columns)
}

/// `(days since the first point, equity)` of each point of the curve: objects with `time` and
/// `equity`, or `[time, equity]` pairs.
fn curve(points: &[Value]) -> Vec<(f32, f32)> {
    let parsed: Vec<(DateTime<Utc>, f32)> = points
        .iter()
        .filter_map(|p| {
            let (time, equity) = match p {
                Value::Array(pair) => (pair.first()?, pair.get(1)?),
                _ => (p.get("time")?, p.get("equity")?),
            };
            let time = time.as_str()?.parse::<DateTime<Utc>>().ok()?;
            let equity = format::number(equity)?;
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
    trimmed(&plot.to_string())
}

/// A drawing without trailing blanks on its lines.
fn trimmed(drawing: &str) -> String {
    drawing
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}
