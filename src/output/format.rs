//! How one value is written for a person: numbers as the operation gave them (prices and
//! quantities already carry their instrument's precision), percentages with two decimals,
//! ratios with a few, times shortened when the day is known, nested objects as `key=value`.

use serde_json::Value;

/// How a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// As given, left-aligned.
    Text,
    /// A number as given (prices, quantities, money keep their precision), right-aligned.
    Num,
    /// A number already in percent: two decimals and `%`.
    Pct,
    /// A fraction (0.25): as a percentage with two decimals.
    Frac,
    /// A ratio (Sharpe, profit factor): two decimals, three below one.
    Ratio,
    /// An ISO-8601 time: `HH:MM:SS` when the table's times share a day, else `YYYY-MM-DD HH:MM`.
    Time,
    /// Flat object or list: `key=value` pairs (never JSON).
    Pairs,
    /// A list: how many items.
    Count,
    /// An object: the names of its entries (a JSON schema: its properties' names).
    Keys,
    /// A number drawn as a bar, as long against the column's largest as the value is (a
    /// book's depth).
    Bar,
    /// Yes/no for a boolean.
    Flag,
}

impl Format {
    /// Whether cells of this format are right-aligned.
    #[must_use]
    pub fn right_aligned(self) -> bool {
        matches!(
            self,
            Format::Num | Format::Pct | Format::Frac | Format::Ratio | Format::Count
        )
    }
}

/// The day (`YYYY-MM-DD`) of an ISO-8601 time.
#[must_use]
pub fn day_of(value: &Value) -> Option<&str> {
    let s = value.as_str()?;
    (s.len() >= 10 && s.as_bytes().get(10) == Some(&b'T')).then(|| &s[..10])
}

/// Columns of the longest bar of a [`Format::Bar`] column.
pub const BAR_COLUMNS: usize = 16;

/// `x` as a bar of eighth blocks, [`BAR_COLUMNS`] long for `max`.
#[must_use]
pub fn bar(x: f64, max: f64) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    if !(x > 0.0 && max > 0.0) {
        return String::new();
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let eighths = ((x / max).min(1.0) * (BAR_COLUMNS * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut text = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        text.push(EIGHTHS[eighths % 8 - 1]);
    }
    text
}

/// `value` written in `format`; `same_day` says every time in its column falls on one day.
#[must_use]
pub fn write(value: &Value, format: Format, same_day: bool) -> String {
    match (format, value) {
        (_, Value::Null) => "-".to_string(),
        (Format::Pct, v) => number(v).map_or_else(|| plain(v), |x| format!("{x:.2}%")),
        (Format::Frac, v) => number(v).map_or_else(|| plain(v), |x| format!("{:.2}%", x * 100.0)),
        (Format::Ratio, v) => number(v).map_or_else(|| plain(v), ratio),
        (Format::Time, Value::String(s)) => time(s, same_day),
        (Format::Count, Value::Array(items)) => items.len().to_string(),
        (Format::Keys, Value::Object(map)) => {
            let names = map
                .get("properties")
                .and_then(Value::as_object)
                .unwrap_or(map);
            names.keys().cloned().collect::<Vec<_>>().join(", ")
        }
        (Format::Flag, Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        (_, v) => plain(v),
    }
}

/// A value as plain text: scalars as they are, lists joined, objects as `key=value` pairs.
#[must_use]
pub fn plain(value: &Value) -> String {
    match value {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if items.is_empty() => "-".to_string(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| match v {
                Value::Object(_) | Value::Array(_) if !is_flat(v) => format!("{k}=(…)"),
                _ => format!("{k}={}", plain(v)),
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// `text` broken at spaces into lines of at most `width` columns (when given; a word longer
/// than a line is broken too), continuation lines indented by `indent` spaces.
#[must_use]
pub fn wrap(text: &str, width: Option<usize>, indent: usize) -> String {
    let Some(width) = width.filter(|w| *w > indent + 10) else {
        return text.to_string();
    };
    let mut lines: Vec<String> = Vec::new();
    for source in text.lines() {
        let body = source.trim_start_matches(' ');
        let mut len = source.len() - body.len();
        let mut line = " ".repeat(len);
        let mut first = true;
        for word in body.split(' ').flat_map(|w| split_long(w, width - indent)) {
            let word = word.as_str();
            let word_len = visible_width(word);
            if !first && len + 1 + word_len > width {
                lines.push(std::mem::take(&mut line));
                line.push_str(&" ".repeat(indent));
                len = indent;
            } else if !first {
                line.push(' ');
                len += 1;
            }
            first = false;
            line.push_str(word);
            len += word_len;
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// A word cut into pieces of at most `max` columns (a word with colour codes is left whole).
fn split_long(word: &str, max: usize) -> Vec<String> {
    if word.chars().count() <= max || word.contains('\u{1b}') {
        return vec![word.to_string()];
    }
    let chars: Vec<char> = word.chars().collect();
    chars.chunks(max).map(|c| c.iter().collect()).collect()
}

/// Columns `text` takes on a terminal (colour codes take none).
#[must_use]
pub fn visible_width(text: &str) -> usize {
    let mut n = 0;
    let mut escape = false;
    for c in text.chars() {
        match (escape, c) {
            (false, '\u{1b}') => escape = true,
            (true, c) if c.is_ascii_alphabetic() => escape = false,
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}

/// Whether `value` can be written on one line: a scalar, or a short list of scalars.
#[must_use]
pub fn is_flat(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.len() <= 8 && items.iter().all(is_scalar),
        Value::Object(_) => false,
        _ => true,
    }
}

/// Whether `value` is a string, number, boolean or null.
#[must_use]
pub fn is_scalar(value: &Value) -> bool {
    !value.is_array() && !value.is_object()
}

/// A number held as a JSON number or a decimal string (a trailing currency is ignored).
#[must_use]
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.split_whitespace().next()?.parse().ok(),
        _ => None,
    }
}

fn ratio(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.abs() < 1.0 {
        format!("{x:.3}")
    } else {
        format!("{x:.2}")
    }
}

fn time(s: &str, same_day: bool) -> String {
    let Some((day, rest)) = s.split_once('T') else {
        return s.to_string();
    };
    let clock = rest.trim_end_matches('Z');
    let clock = clock.split(['.', '+']).next().unwrap_or(clock);
    if same_day {
        clock.to_string()
    } else {
        format!("{day} {}", clock.get(..5).unwrap_or(clock))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percentages_ratios_and_times() {
        assert_eq!(write(&json!(12.3456), Format::Pct, false), "12.35%");
        assert_eq!(write(&json!("0.0125"), Format::Frac, false), "1.25%");
        assert_eq!(write(&json!(1.23456), Format::Ratio, false), "1.23");
        assert_eq!(write(&json!(-0.12345), Format::Ratio, false), "-0.123");
        let t = json!("2024-01-25T01:02:03.123456789Z");
        assert_eq!(write(&t, Format::Time, true), "01:02:03");
        assert_eq!(write(&t, Format::Time, false), "2024-01-25 01:02");
        assert_eq!(day_of(&t), Some("2024-01-25"));
    }

    #[test]
    fn objects_become_pairs_never_json() {
        let v =
            json!({"fast_period": 10, "slow_period": 30, "stop": null, "deep": {"a": {"b": 1}}});
        let text = plain(&v);
        assert_eq!(text, "fast_period=10 slow_period=30 deep=(…)");
        assert!(!text.contains('{'));
    }

    #[test]
    fn wraps_at_spaces_with_a_hanging_indent() {
        let text = wrap("note: one two three four five six seven", Some(20), 6);
        assert_eq!(
            text,
            "note: one two three\n      four five six\n      seven"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 20));
        assert_eq!(wrap("  + kept indent", Some(40), 4), "  + kept indent");
    }
}
