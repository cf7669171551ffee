//! `--plot`: a run's equity curve, a sweep's heatmap over two parameters, a walk-forward's
//! stitched equity and a Monte Carlo's distributions, as SVG or PNG, written to a file or
//! returned in the answer (the MCP face turns an inline image into image content).

use std::path::PathBuf;

use base64::Engine as _;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    monte_carlo::MonteCarloResult, run::StoredEquity, sweep::SweepResult,
    walk_forward::WalkForwardResult,
};
use crate::{
    error::{OpError, OpResult},
    ops::call::Call,
    output::plot::{self, Chart, Format, Heatmap, Histogram, Histograms, Line},
};

/// The request field every plotting operation flattens in.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
pub struct PlotArg {
    /// A chart: `svg`/`png` inline, or a .svg/.png file (admin over MCP).
    #[arg(long, value_name = "FILE.svg|FILE.png|svg|png")]
    #[serde(default)]
    pub plot: Option<String>,
}

/// Where a chart goes.
#[derive(Debug, Clone)]
pub enum Target {
    File(PathBuf, Format),
    Inline(Format),
}

impl PlotArg {
    /// The checked target, before any work is done: a bad `plot` fails fast.
    ///
    /// # Errors
    /// `invalid` for a value that is neither a format nor a file name ending in one;
    /// `permission_denied` for a file named by a caller without the admin scope.
    pub fn target(&self, call: &Call) -> OpResult<Option<Target>> {
        let Some(text) = self.plot.as_deref().map(str::trim) else {
            return Ok(None);
        };
        let format_of = |ext: &str| match ext.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        };
        if let Some(format) = format_of(text) {
            return Ok(Some(Target::Inline(format)));
        }
        let path = PathBuf::from(text);
        let Some(format) = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(format_of)
        else {
            return Err(OpError::invalid(
                "plot",
                format!("'{text}' is neither svg, png nor a file name ending in .svg or .png"),
            ));
        };
        call.require_files("plot")?;
        Ok(Some(Target::File(path, format)))
    }
}

/// A drawn chart, as the answer reports it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlotOut {
    /// `svg` or `png`.
    pub format: String,
    pub mime_type: String,
    pub width: u32,
    pub height: u32,
    /// Size of the image.
    pub bytes: usize,
    /// The file written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The image, base64 (inline plots; MCP returns it as image content instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// An operation's result with the chart drawn of it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Plotted<T> {
    #[serde(flatten)]
    pub result: T,
    /// The chart asked for with `plot`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plot: Option<PlotOut>,
}

/// `result` with the chart `chart_of` draws of it, when `target` asks for one.
///
/// # Errors
/// `internal` when the chart cannot be drawn; `invalid` naming `plot` when the file cannot be
/// written.
pub fn plotted<T>(
    result: T,
    target: Option<Target>,
    chart_of: impl FnOnce(&T) -> OpResult<Chart>,
) -> OpResult<Plotted<T>> {
    let Some(target) = target else {
        return Ok(Plotted { result, plot: None });
    };
    let chart = chart_of(&result)?;
    let format = match &target {
        Target::File(_, f) | Target::Inline(f) => *f,
    };
    let bytes = plot::render(&chart, format).map_err(OpError::internal)?;
    let mut out = PlotOut {
        format: format.name().into(),
        mime_type: format.mime_type().into(),
        width: plot::WIDTH,
        height: plot::HEIGHT,
        bytes: bytes.len(),
        file: None,
        image: None,
    };
    match target {
        Target::File(path, _) => {
            std::fs::write(&path, &bytes).map_err(|e| {
                OpError::invalid("plot", format!("cannot write {}: {e}", path.display()))
            })?;
            out.file = Some(path.display().to_string());
        }
        Target::Inline(_) => {
            out.image = Some(base64::engine::general_purpose::STANDARD.encode(&bytes));
        }
    }
    Ok(Plotted {
        result,
        plot: Some(out),
    })
}

fn number(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// A stored run's equity curve.
#[must_use]
pub fn equity_chart(run_id: &str, currency: &str, equity: &StoredEquity) -> Chart {
    Chart::Line(Line {
        title: format!("{run_id}: equity"),
        y_label: if currency.is_empty() {
            "equity".into()
        } else {
            format!("equity ({currency})")
        },
        points: equity.points.iter().map(|(t, e)| (*t, number(e))).collect(),
        markers: Vec::new(),
    })
}

fn value_label(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A sweep's ranking statistic over its first two parameters with more than one value (over
/// one parameter when only one varies); where more vary, each cell shows the best over them.
#[must_use]
pub fn sweep_heatmap(sweep: &SweepResult, axes: &[(String, Vec<Value>)]) -> Chart {
    let varying: Vec<&(String, Vec<Value>)> = axes.iter().filter(|(_, v)| v.len() > 1).collect();
    let fixed_axis = (String::new(), vec![Value::Null]);
    let x_axis = varying.first().copied().unwrap_or(&fixed_axis);
    let y_axis = varying.get(1).copied().unwrap_or(&fixed_axis);
    let mut cells = vec![vec![None::<f64>; x_axis.1.len()]; y_axis.1.len()];
    let index = |axis: &(String, Vec<Value>), values: &serde_json::Map<String, Value>| {
        if axis.0.is_empty() {
            return Some(0);
        }
        let v = values.get(&axis.0)?;
        axis.1.iter().position(|a| a == v)
    };
    for row in &sweep.ranking {
        let (Some(x), Some(y), Some(score)) = (
            index(x_axis, &row.values),
            index(y_axis, &row.values),
            row.score,
        ) else {
            continue;
        };
        let cell = &mut cells[y][x];
        *cell = Some(cell.map_or(score, |c: f64| c.max(score)));
    }
    let best_over = if varying.len() > 2 {
        format!(
            " (best over {})",
            varying[2..]
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        String::new()
    };
    Chart::Heatmap(Heatmap {
        title: format!(
            "{}: {} by {} and {}{best_over}",
            sweep.strategy_id, sweep.rank_by, x_axis.0, y_axis.0
        ),
        x_label: x_axis.0.clone(),
        x: x_axis.1.iter().map(value_label).collect(),
        y_label: y_axis.0.clone(),
        y: y_axis.1.iter().map(value_label).collect(),
        cells,
    })
}

fn parse_time(text: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .and_then(|t| t.timestamp_nanos_opt())
}

/// A walk-forward's stitched out-of-sample equity, a rule where each window begins.
#[must_use]
pub fn walk_forward_chart(wf: &WalkForwardResult) -> Chart {
    Chart::Line(Line {
        title: format!(
            "{}: stitched out-of-sample equity, {} windows",
            wf.strategy_id,
            wf.windows.len()
        ),
        y_label: format!("equity ({})", wf.ranked_in),
        points: wf
            .stitched
            .equity
            .iter()
            .filter_map(|(t, e)| Some((parse_time(t)?, number(e))))
            .collect(),
        markers: wf
            .windows
            .iter()
            .filter_map(|w| parse_time(&w.out_of_sample.start))
            .collect(),
    })
}

/// A Monte Carlo's final-PnL histogram per method, the run's own final PnL marked.
#[must_use]
pub fn monte_carlo_chart(mc: &MonteCarloResult) -> Chart {
    Chart::Histograms(Histograms {
        title: format!(
            "{}: final PnL of {} resamples (red: the run)",
            mc.run_id,
            mc.methods.first().map_or(0, |m| m.resamples)
        ),
        x_label: format!("final PnL ({})", mc.currency),
        panels: mc
            .methods
            .iter()
            .map(|m| Histogram {
                title: format!(
                    "{} (loss p={:.2})",
                    serde_json::to_value(m.method)
                        .ok()
                        .as_ref()
                        .map_or_else(String::new, value_label),
                    m.probability_of_loss
                ),
                edges: m.histogram.edges.clone(),
                counts: m.histogram.counts.clone(),
                marker: Some(mc.original.final_pnl),
            })
            .collect(),
    })
}
