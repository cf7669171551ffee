//! The language guide an agent reads to write definitions (the strategy_from_idea prompt).

use super::*;

/// What an agent needs to write definitions: the language reference, the grammar, the
/// indicators and two worked examples (TOML and JSON).
#[derive(Debug, Clone)]
pub struct LanguageGuide {
    pub reference: &'static str,
    pub grammar: &'static str,
    /// One line per indicator: its call, outputs and what it is.
    pub indicators: String,
    /// A shipped example as TOML (EmaCrossTrailing).
    pub toml_example: &'static str,
    /// Another as the JSON document define_strategy takes (TrendPullbackLimit).
    pub json_example: String,
}

/// The language guide.
#[must_use]
pub fn language_guide() -> LanguageGuide {
    LanguageGuide {
        reference: strategies::lang::REFERENCE,
        grammar: strategies::lang::GRAMMAR,
        indicators: indicator_lines(),
        toml_example: builtin("EmaCrossTrailing").map_or("", |b| b.source),
        json_example: builtin("TrendPullbackLimit")
            .map(|b| serde_json::to_string_pretty(&b.definition().canonical()).unwrap_or_default())
            .unwrap_or_default(),
    }
}

/// One line per indicator: its call with the arguments' defaults, its outputs, what it is.
fn indicator_lines() -> String {
    use strategies::lang::indicators::{ArgValue, INDICATORS};
    INDICATORS
        .iter()
        .map(|d| {
            let args: Vec<String> = d
                .args
                .iter()
                .map(|a| match a.default {
                    None => a.name.to_string(),
                    Some(ArgValue::Int(v)) => format!("{}={v}", a.name),
                    Some(ArgValue::Float(v)) => format!("{}={v}", a.name),
                    Some(ArgValue::Bool(v)) => format!("{}={v}", a.name),
                    Some(ArgValue::MaType(t)) => format!("{}='{}'", a.name, ma_name(t)),
                    Some(ArgValue::Input(_)) => format!("{}=close", a.name),
                })
                .collect();
            let outputs: Vec<&str> = d.outputs.iter().map(|o| o.name).collect();
            format!(
                "- {}({}) -> {}: {}",
                d.name,
                args.join(", "),
                outputs.join(", "),
                d.summary.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ma_name(t: nautilus_indicators::average::MovingAverageType) -> &'static str {
    strategies::lang::indicators::MA_TYPES
        .iter()
        .find(|(_, k)| *k == t)
        .map_or("EMA", |(n, _)| n)
}
