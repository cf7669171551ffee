//! Charts of research results, drawn with plotters as SVG or PNG: a line over time (equity
//! curves), a heatmap over two parameters (sweeps) and histograms side by side (Monte Carlo
//! distributions). Values in, image bytes out; nothing here knows about operations.
//!
//! Text is measured (and, in PNGs, drawn) with a bundled DejaVu Sans Mono through `ab_glyph`,
//! so no system font library is needed. SVG text is left to the viewer's sans-serif font.

use std::{error::Error, sync::Once};

use plotters::{
    coord::Shift,
    prelude::*,
    style::{
        FontStyle,
        text_anchor::{HPos, Pos, VPos},
    },
};

/// Width of every chart, in pixels.
pub const WIDTH: u32 = 960;
/// Height of every chart, in pixels.
pub const HEIGHT: u32 = 540;
/// The most points a line chart draws: longer series keep each bucket's lowest and highest.
const MAX_LINE_POINTS: usize = 4_000;
/// The most heatmap cells labelled with their value.
const MAX_LABELLED_CELLS: usize = 400;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// An image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// `svg` or `png`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }

    /// The media type.
    #[must_use]
    pub const fn mime_type(self) -> &'static str {
        match self {
            Self::Svg => "image/svg+xml",
            Self::Png => "image/png",
        }
    }
}

/// A value over time, e.g. an equity curve.
#[derive(Debug, Clone)]
pub struct Line {
    pub title: String,
    pub y_label: String,
    /// (Unix ns, value), in time order.
    pub points: Vec<(i64, f64)>,
    /// Times marked with a vertical rule (e.g. where walk-forward windows begin).
    pub markers: Vec<i64>,
}

/// A value per pair of parameters; `cells[y][x]`, `None` where no combination ran.
#[derive(Debug, Clone)]
pub struct Heatmap {
    pub title: String,
    pub x_label: String,
    pub x: Vec<String>,
    pub y_label: String,
    pub y: Vec<String>,
    pub cells: Vec<Vec<Option<f64>>>,
}

/// Counts over bins, with an optional marked value.
#[derive(Debug, Clone)]
pub struct Histogram {
    pub title: String,
    /// Bin edges: one more than `counts`.
    pub edges: Vec<f64>,
    pub counts: Vec<usize>,
    /// Drawn as a vertical rule (e.g. the original run's value).
    pub marker: Option<f64>,
}

/// Histograms side by side under one title.
#[derive(Debug, Clone)]
pub struct Histograms {
    pub title: String,
    pub x_label: String,
    pub panels: Vec<Histogram>,
}

/// Something to draw.
#[derive(Debug, Clone)]
pub enum Chart {
    Line(Line),
    Heatmap(Heatmap),
    Histograms(Histograms),
}

type Drawn = Result<(), Box<dyn Error>>;

/// Draws `chart` as an image of `format`, [`WIDTH`] × [`HEIGHT`] pixels.
///
/// # Errors
/// When plotters cannot draw it (e.g. no panels) or the PNG cannot be encoded.
pub fn render(chart: &Chart, format: Format) -> Result<Vec<u8>, String> {
    register_font();
    let size = (WIDTH, HEIGHT);
    match format {
        Format::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw(chart, &root).map_err(|e| e.to_string())?;
                root.present().map_err(|e| e.to_string())?;
            }
            Ok(svg.into_bytes())
        }
        Format::Png => {
            let mut rgb = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
                draw(chart, &root).map_err(|e| e.to_string())?;
                root.present().map_err(|e| e.to_string())?;
            }
            let mut png = Vec::new();
            let mut encoder = png::Encoder::new(&mut png, WIDTH, HEIGHT);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Best);
            let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
            writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
            writer.finish().map_err(|e| e.to_string())?;
            Ok(png)
        }
    }
}

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            // The bundled font is valid: a failure would show as missing text, not a panic.
            let _ = plotters::style::register_font("sans-serif", style, FONT);
        }
    });
}

fn draw<DB: DrawingBackend>(chart: &Chart, root: &DrawingArea<DB, Shift>) -> Drawn
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    match chart {
        Chart::Line(l) => draw_line(l, root),
        Chart::Heatmap(h) => draw_heatmap(h, root),
        Chart::Histograms(h) => draw_histograms(h, root),
    }
}

fn date(ns: i64) -> String {
    chrono::DateTime::from_timestamp_nanos(ns)
        .format("%Y-%m-%d")
        .to_string()
}

/// `(lo, hi)` widened by 5% (or by 1 when flat) so the data does not touch the frame.
fn padded(lo: f64, hi: f64) -> (f64, f64) {
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    let pad = if hi > lo { (hi - lo) * 0.05 } else { 1.0 };
    (lo - pad, hi + pad)
}

/// At most `max` points: each bucket of consecutive points keeps its lowest and highest, in
/// time order, so peaks and drawdowns survive.
fn thinned(points: &[(i64, f64)], max: usize) -> Vec<(i64, f64)> {
    if points.len() <= max {
        return points.to_vec();
    }
    let bucket = points.len().div_ceil(max / 2);
    let mut out = Vec::with_capacity(max + 1);
    for chunk in points.chunks(bucket) {
        let lo = chunk.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        let hi = chunk.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let (a, b) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
            out.push(*a);
            if b != a {
                out.push(*b);
            }
        }
    }
    if let (Some(last), Some(kept)) = (points.last(), out.last())
        && last.0 != kept.0
    {
        out.push(*last);
    }
    out
}

fn draw_line<DB: DrawingBackend>(l: &Line, root: &DrawingArea<DB, Shift>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let points = thinned(&l.points, MAX_LINE_POINTS);
    let x0 = points.first().map_or(0, |p| p.0);
    let x1 = points.last().map_or(1, |p| p.0).max(x0 + 1);
    let (y0, y1) = padded(
        points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min),
        points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max),
    );
    let mut chart = ChartBuilder::on(root)
        .caption(&l.title, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(90)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(8)
        .x_label_formatter(&|ns| date(*ns))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_desc(l.y_label.as_str())
        .light_line_style(WHITE)
        .draw()?;
    for m in &l.markers {
        chart.draw_series(LineSeries::new(
            [(*m, y0), (*m, y1)],
            BLACK.mix(0.25).stroke_width(1),
        ))?;
    }
    chart.draw_series(LineSeries::new(points, BLUE.stroke_width(2)))?;
    Ok(())
}

/// Red (low) through pale yellow to green (high).
fn heat(t: f64) -> RGBColor {
    let stops = [
        (215.0, 48.0, 39.0),
        (255.0, 255.0, 191.0),
        (26.0, 152.0, 80.0),
    ];
    let t = t.clamp(0.0, 1.0) * 2.0;
    let (a, b, f) = if t <= 1.0 {
        (stops[0], stops[1], t)
    } else {
        (stops[1], stops[2], t - 1.0)
    };
    let mix = |x: f64, y: f64| (x + (y - x) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A cell's label: the value with two decimals.
#[must_use]
pub fn cell_label(v: f64) -> String {
    format!("{v:.2}")
}

/// The end of a discrete range of `n` segments: plotters includes the end, so `0..n-1` (a
/// single value keeps `0..1`, one empty segment, as `0..0` has no width).
const fn segments_end(n: i32) -> i32 {
    if n > 1 { n - 1 } else { 1 }
}

fn draw_heatmap<DB: DrawingBackend>(h: &Heatmap, root: &DrawingArea<DB, Shift>) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (nx, ny) = (h.x.len().max(1) as i32, h.y.len().max(1) as i32);
    let values = h.cells.iter().flatten().flatten().copied();
    let lo = values.clone().fold(f64::INFINITY, f64::min);
    let hi = values.fold(f64::NEG_INFINITY, f64::max);
    let scale = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
    let mut chart = ChartBuilder::on(root)
        .caption(&h.title, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(70)
        .build_cartesian_2d(
            (0..segments_end(nx)).into_segmented(),
            (0..segments_end(ny)).into_segmented(),
        )?;
    let label = |names: &[String], v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => names.get(*i as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(h.x.len().max(1))
        .y_labels(h.y.len().max(1))
        .x_label_formatter(&|v| label(&h.x, v))
        .y_label_formatter(&|v| label(&h.y, v))
        .x_desc(h.x_label.as_str())
        .y_desc(h.y_label.as_str())
        .draw()?;
    let cells: Vec<(i32, i32, Option<f64>)> = h
        .cells
        .iter()
        .enumerate()
        .flat_map(|(y, row)| {
            row.iter()
                .enumerate()
                .map(move |(x, v)| (x as i32, y as i32, *v))
        })
        .collect();
    chart.draw_series(cells.iter().map(|(x, y, v)| {
        let color = v.map_or(RGBColor(220, 220, 220), |v| heat(scale(v)));
        Rectangle::new(
            [
                (SegmentValue::Exact(*x), SegmentValue::Exact(*y)),
                (SegmentValue::Exact(x + 1), SegmentValue::Exact(y + 1)),
            ],
            color.filled(),
        )
    }))?;
    if cells.len() <= MAX_LABELLED_CELLS {
        let style = TextStyle::from(("sans-serif", 11).into_font())
            .pos(Pos::new(HPos::Center, VPos::Center));
        chart.draw_series(cells.iter().filter_map(|(x, y, v)| {
            v.map(|v| {
                Text::new(
                    cell_label(v),
                    (SegmentValue::CenterOf(*x), SegmentValue::CenterOf(*y)),
                    style.clone(),
                )
            })
        }))?;
    }
    Ok(())
}

fn draw_histograms<DB: DrawingBackend>(h: &Histograms, root: &DrawingArea<DB, Shift>) -> Drawn
where
    DB::ErrorType: 'static,
{
    if h.panels.is_empty() {
        return Err("no distribution to draw".into());
    }
    let titled = root.titled(&h.title, ("sans-serif", 20))?;
    let areas = titled.split_evenly((1, h.panels.len()));
    for (panel, area) in h.panels.iter().zip(&areas) {
        let (x0, x1) = padded(
            panel.edges.first().copied().unwrap_or(0.0),
            panel.edges.last().copied().unwrap_or(1.0),
        );
        let (x0, x1) = match panel.marker {
            Some(m) if m.is_finite() => (x0.min(m), x1.max(m)),
            _ => (x0, x1),
        };
        let top = panel.counts.iter().copied().max().unwrap_or(0).max(1) as f64 * 1.1;
        let mut chart = ChartBuilder::on(area)
            .caption(&panel.title, ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(50)
            .build_cartesian_2d(x0..x1, 0.0..top)?;
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(h.x_label.as_str())
            .y_desc("resamples")
            .light_line_style(WHITE)
            .draw()?;
        chart.draw_series(panel.counts.iter().enumerate().filter_map(|(i, c)| {
            let (a, b) = (panel.edges.get(i)?, panel.edges.get(i + 1)?);
            Some(Rectangle::new(
                [(*a, 0.0), (*b, *c as f64)],
                BLUE.mix(0.6).filled(),
            ))
        }))?;
        if let Some(m) = panel.marker.filter(|m| m.is_finite()) {
            chart.draw_series(LineSeries::new([(m, 0.0), (m, top)], RED.stroke_width(2)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_the_extremes_and_the_last_point() {
        let points: Vec<(i64, f64)> = (0..10_000)
            .map(|i| (i, if i == 4_321 { -50.0 } else { (i % 7) as f64 }))
            .collect();
        let thin = thinned(&points, 100);
        assert!(thin.len() <= 102, "{}", thin.len());
        assert!(thin.contains(&(4_321, -50.0)));
        assert_eq!(thin.last(), points.last());
        assert!(thin.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn the_heat_scale_runs_from_red_to_green() {
        assert_eq!(heat(0.0), RGBColor(215, 48, 39));
        assert_eq!(heat(1.0), RGBColor(26, 152, 80));
    }
}
