//! A strategy definition as a document: what a TOML file holds and what an agent sends as
//! JSON. One serde model reads both (TOML is read into a JSON value first), so a definition
//! has one canonical JSON form and one content hash whichever way it came.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::error::{LangError, LangResult};

/// Largest definition document accepted, in bytes of its text.
pub const MAX_DOCUMENT: usize = 64 * 1024;

/// A strategy definition: parameters, indicators, rules, how entries are placed and how
/// positions are left.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// What the strategy does, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Typed parameters (what runs and sweeps vary), by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub parameters: IndexMap<String, ParameterDecl>,
    /// Conditions the parameter values must meet together, e.g. `fast < slow`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    /// Named indicators: `"ema(fast)"`, or `{of = "ema(50)", bars = "1-HOUR-LAST"}` for one
    /// computed on coarser bars aggregated from the traded ones.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub indicators: IndexMap<String, IndicatorDecl>,
    /// When to enter and exit (boolean expressions).
    #[serde(default)]
    pub rules: Rules,
    /// How entries are placed and sized.
    #[serde(default, skip_serializing_if = "Orders::is_default")]
    pub orders: Orders,
    /// How positions are left besides the rules: stop-loss, take-profit, trailing stop, time
    /// exit, close at the end.
    #[serde(default, skip_serializing_if = "Exits::is_default")]
    pub exits: Exits,
}

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    Int,
    Decimal,
    Bool,
    Choice,
}

/// A parameter's declaration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterDecl {
    /// int, decimal, bool or choice.
    #[serde(rename = "type")]
    pub kind: ParamType,
    /// The value when none is given (required unless `optional`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Smallest value (int and decimal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Value>,
    /// Largest value (int and decimal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Value>,
    /// The allowed values of a choice (matched without regard to case).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// May be left unset (no default): a size or exit given by it alone is then off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// What the parameter means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A condition on the parameters, checked before anything runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    /// A boolean expression of parameters, e.g. `fast_period < slow_period`.
    pub require: String,
    /// The parameter an error names.
    pub parameter: String,
    /// The error, with `{name}` replaced by a parameter's value (default: "must satisfy
    /// REQUIRE").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A named indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum IndicatorDecl {
    /// `"ema(fast)"`: on the traded bars.
    Call(String),
    /// On other bars.
    On(IndicatorOn),
}

/// An indicator on bars aggregated from the traded ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorOn {
    /// The indicator, e.g. `ema(50)`.
    pub of: String,
    /// A coarser bar specification whose step is a multiple of the traded bars', e.g.
    /// `1-HOUR-LAST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bars: Option<String>,
}

impl IndicatorDecl {
    /// The indicator call and the bars it is on (`None`: the traded bars).
    #[must_use]
    pub fn parts(&self) -> (&str, Option<&str>) {
        match self {
            Self::Call(c) => (c, None),
            Self::On(o) => (&o.of, o.bars.as_deref()),
        }
    }
}

/// The four rules; at least one entry rule is required.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enter_long: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enter_short: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_long: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_short: Option<String>,
}

/// A number, a boolean, or an expression (often just a parameter's name).
pub type Scalar = Value;

/// How entries are placed and sized.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Orders {
    /// The entry order (default: market).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Entry>,
    /// The quantity of each entry (default: all-in at the first price, fixed thereafter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Take short positions (a boolean or a bool parameter; default true). When false, a
    /// short signal goes flat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub allow_short: Option<Scalar>,
}

impl Orders {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// The type of entry order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EntryType {
    #[default]
    Market,
    Limit,
    Stop,
}

/// An entry order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// market, limit or stop.
    #[serde(rename = "type", default)]
    pub kind: EntryType,
    /// The limit price or stop trigger of either side, an expression evaluated at the bar that
    /// decides, e.g. `close - 0.5 * atr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub price: Option<Scalar>,
    /// The price of long entries (instead of `price`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub long_price: Option<Scalar>,
    /// The price of short entries (instead of `price`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub short_price: Option<Scalar>,
    /// GTC (default), IOC, FOK or GTD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_in_force: Option<String>,
    /// With GTD: bars after which an unfilled entry expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub expire_after_bars: Option<Scalar>,
}

/// How much each entry buys or sells; exactly one of the fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Size {
    /// A fixed quantity in instrument units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub fixed: Option<Scalar>,
    /// A fraction of the account's equity, in notional at the entry price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub equity_fraction: Option<Scalar>,
    /// The fraction of equity lost if the stop-loss is hit: equity × fraction / stop distance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub risk_fraction: Option<Scalar>,
}

/// Exits besides the rules: real reduce-only orders placed when a position opens.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exits {
    /// A stop-market order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_loss: Option<Level>,
    /// A limit order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take_profit: Option<Level>,
    /// A trailing-stop-market order that follows the market at a distance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trailing_stop: Option<Trailing>,
    /// Close the position at market after this many bars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub time_exit_bars: Option<Scalar>,
    /// Close any position when the backtest ends (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub close_at_end: Option<Scalar>,
}

impl Exits {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// A price level relative to the entry; exactly one of the fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// A fraction of the entry price (0.02 = 2%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub fraction: Option<Scalar>,
    /// A percentage of the entry price (2 = 2%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub percent: Option<Scalar>,
    /// A price distance from the entry, an expression evaluated when the position opens, e.g.
    /// `2 * atr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub distance: Option<Scalar>,
    /// The price itself, an expression evaluated when the position opens, e.g.
    /// `position.entry_price - 2 * atr` or `lowest(low, 10)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub price: Option<Scalar>,
}

/// A trailing stop's offset; exactly one of the fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trailing {
    /// A price distance, an expression evaluated when the position opens, e.g. `3 * atr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub distance: Option<Scalar>,
    /// A percentage of the market price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub percent: Option<Scalar>,
    /// Basis points of the market price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Value")]
    pub basis_points: Option<Scalar>,
}

impl Definition {
    /// Reads a definition from JSON; errors name the path of the part at fault.
    pub fn from_json(value: &Value) -> LangResult<Self> {
        let text_len = value.to_string().len();
        if text_len > MAX_DOCUMENT {
            return Err(LangError::new(
                "definition",
                format!("the document is {text_len} bytes; the limit is {MAX_DOCUMENT}"),
            ));
        }
        if !value.is_object() {
            return Err(LangError::new(
                "definition",
                "must be an object (a table of parameters, indicators, rules, orders, exits)",
            ));
        }
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." {
                "definition".to_string()
            } else {
                path
            };
            LangError::new(&path, e.inner())
        })
    }

    /// Reads a definition from TOML text (the same document as the JSON form).
    pub fn from_toml(text: &str) -> LangResult<Self> {
        Self::from_json(&toml_to_json(text)?)
    }

    /// Reads a definition from a text that is JSON (starts with `{`) or TOML.
    pub fn from_text(text: &str) -> LangResult<Self> {
        if text.len() > MAX_DOCUMENT {
            return Err(LangError::new(
                "definition",
                format!(
                    "the document is {} bytes; the limit is {MAX_DOCUMENT}",
                    text.len()
                ),
            ));
        }
        if text.trim_start().starts_with('{') {
            let value: Value = serde_json::from_str(text).map_err(|e| {
                LangError::new(
                    "definition",
                    format!("not JSON: {e} (line {}, column {})", e.line(), e.column()),
                )
            })?;
            Self::from_json(&value)
        } else {
            Self::from_toml(text)
        }
    }

    /// The canonical JSON form: what is stored, shown and hashed. Keys are sorted, so that
    /// the order a document lists its parameters or indicators in (TOML tables have none)
    /// does not make it another definition.
    #[must_use]
    pub fn canonical(&self) -> Value {
        sorted(serde_json::to_value(self).unwrap_or(Value::Null))
    }

    /// SHA-256 of the canonical JSON text, in hex: equal for the TOML and JSON forms of one
    /// definition.
    #[must_use]
    pub fn hash(&self) -> String {
        let text = self.canonical().to_string();
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A JSON value with the keys of every object sorted.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// TOML text into the JSON value serde reads.
pub fn toml_to_json(text: &str) -> LangResult<Value> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let place = e.span().map(|s| {
            let before = &text[..s.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(" (line {line}, column {column})")
        });
        LangError::new(
            "definition",
            format!("not TOML: {}{}", e.message(), place.unwrap_or_default()),
        )
    })?;
    serde_json::to_value(table).map_err(|e| LangError::new("definition", e))
}
