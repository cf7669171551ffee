//! Renders operation results for people. Operations never format: each answer's JSON is shown
//! through the view designed for it (`views`), fitted to the terminal, coloured by meaning, or
//! as CSV/TSV of the view's columns; `--json` prints the document itself.

pub mod chart;
pub mod format;
pub mod heatmap;
pub mod plot;
mod render;
pub mod style;
pub mod table;
pub mod view;
pub mod views;

use serde_json::Value;

use crate::error::OpError;

pub use views::design_of;

/// What the answer is printed as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// The designed human view.
    #[default]
    Table,
    /// The JSON document (the MCP structured result), pretty-printed.
    Json,
    /// The view's main table as comma-separated values, full precision.
    Csv,
    /// The view's main table as tab-separated values, full precision.
    Tsv,
}

/// How to render for the person (or script) reading.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Table, JSON, CSV or TSV.
    pub format: OutputFormat,
    /// The terminal's width; `None` draws every designed column whatever the width.
    pub width: Option<usize>,
    /// ANSI colours on.
    pub color: bool,
    /// Every field, not just the designed columns.
    pub wide: bool,
    /// Exactly these columns (keys or headings), in this order.
    pub columns: Vec<String>,
    /// Draw the answer's chart where it has one on request (`market bars --chart`).
    pub chart: bool,
}

/// Whether to colour: `--color always|never|auto`; `auto` colours a terminal unless
/// `NO_COLOR` is set (to anything but the empty string).
#[must_use]
pub fn use_color(choice: &str, is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => is_terminal && no_color.is_none_or(str::is_empty),
    }
}

/// Renders the answer of the operation `tool` (its MCP tool name) as `opts` asks.
#[must_use]
pub fn render(tool: &str, doc: &Value, opts: &Options) -> String {
    if opts.color {
        // Colour was chosen (`--color always` wins over NO_COLOR, which `auto` already honoured).
        crossterm::style::force_color_output(true);
    }
    let design = design_of(tool).for_answer(doc);
    match opts.format {
        OutputFormat::Json => serde_json::to_string_pretty(doc).unwrap_or_default(),
        OutputFormat::Csv => render::delimited(design, doc, opts, b','),
        OutputFormat::Tsv => render::delimited(design, doc, opts, b'\t'),
        OutputFormat::Table => render::human(design, doc, opts),
    }
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
