//! Colour roles: what a value means (a buy, a loss, a warning) decides its colour, never the
//! command that printed it.

use comfy_table::{Attribute, Cell};
use crossterm::style::Stylize;

/// The colours values are painted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Green,
    Red,
    Yellow,
}

impl Color {
    fn for_table(self) -> comfy_table::Color {
        match self {
            Color::Green => comfy_table::Color::Green,
            Color::Red => comfy_table::Color::Red,
            Color::Yellow => comfy_table::Color::Yellow,
        }
    }

    fn for_text(self) -> crossterm::style::Color {
        match self {
            Color::Green => crossterm::style::Color::Green,
            Color::Red => crossterm::style::Color::Red,
            Color::Yellow => crossterm::style::Color::Yellow,
        }
    }
}
use serde_json::Value;

/// What a value means to a trader, and so its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// No colour.
    Plain,
    /// BUY/LONG green, SELL/SHORT red.
    Side,
    /// Gains green, losses red (by the sign of the number).
    Signed,
    /// An order's or a check's state: done green, refused red, ended early yellow.
    Status,
    /// Always yellow: something the reader should notice.
    Warn,
    /// Less important: dimmed.
    Dim,
}

impl Role {
    /// The colour of `value` (as shown, `text`) in this role, if any.
    #[must_use]
    pub fn color(self, value: &Value, text: &str) -> Option<Color> {
        match self {
            Role::Plain | Role::Dim => None,
            Role::Warn => Some(Color::Yellow),
            Role::Side => side_color(text),
            Role::Signed => signed_color(value, text),
            Role::Status => status_color(text),
        }
    }
}

fn side_color(text: &str) -> Option<Color> {
    match text.to_ascii_uppercase().as_str() {
        "BUY" | "LONG" | "BID" => Some(Color::Green),
        "SELL" | "SHORT" | "ASK" => Some(Color::Red),
        _ => None,
    }
}

fn signed_color(value: &Value, text: &str) -> Option<Color> {
    let number = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.split_whitespace().next().and_then(|n| n.parse().ok()),
        _ => text.split_whitespace().next().and_then(|n| n.parse().ok()),
    }?;
    if number > 0.0 {
        Some(Color::Green)
    } else if number < 0.0 {
        Some(Color::Red)
    } else {
        None
    }
}

fn status_color(text: &str) -> Option<Color> {
    match text.to_ascii_uppercase().as_str() {
        "FILLED" | "ACTIVE" | "OK" | "TRUE" | "CONNECTED" | "RUNNING" | "DONE" | "COMPLETED" => {
            Some(Color::Green)
        }
        "REJECTED" | "DENIED" | "HALTED" | "FALSE" | "FAILED" | "ERROR" => Some(Color::Red),
        "CANCELED" | "EXPIRED" | "PARTIALLY_FILLED" | "TRIGGERED" | "REDUCING"
        | "PENDING_CANCEL" | "PENDING_UPDATE" | "STOPPED" => Some(Color::Yellow),
        _ => None,
    }
}

/// A table cell holding `text`, coloured for `role` when `color` is on.
#[must_use]
pub fn cell(text: String, value: &Value, role: Role, color: bool) -> Cell {
    let fg = role.color(value, &text);
    let mut cell = Cell::new(text);
    if color {
        if let Some(fg) = fg {
            cell = cell.fg(fg.for_table());
        }
        if role == Role::Dim {
            cell = cell.add_attribute(Attribute::Dim);
        }
    }
    cell
}

/// A header cell: bold when colour is on.
#[must_use]
pub fn header(text: &str, color: bool) -> Cell {
    let cell = Cell::new(text);
    if color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// `text` coloured for `role` (judged by `value`) when `color` is on.
#[must_use]
pub fn paint(text: &str, value: &Value, role: Role, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    match (role, role.color(value, text)) {
        (Role::Dim, _) => text.dim().to_string(),
        (_, Some(fg)) => text.with(fg.for_text()).to_string(),
        _ => text.to_string(),
    }
}

/// `text` in bold when `color` is on.
#[must_use]
pub fn bold(text: &str, color: bool) -> String {
    if color {
        text.bold().to_string()
    } else {
        text.to_string()
    }
}

/// `text` dimmed when `color` is on.
#[must_use]
pub fn dim(text: &str, color: bool) -> String {
    if color {
        text.dim().to_string()
    } else {
        text.to_string()
    }
}
