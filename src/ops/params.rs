//! Parameter types shared by many operations: exact decimals, order sides, identifiers.

use std::{borrow::Cow, fmt, str::FromStr};

use nautilus_model::identifiers::InstrumentId;
use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::error::{OpError, OpResult};

/// An exact decimal accepted as a JSON number or a decimal string, and printed as a string.
///
/// Numbers go through their shortest round-trip text, so `0.01` stays exactly `0.01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl Dec {
    /// The wrapped decimal.
    #[must_use]
    pub const fn get(self) -> Decimal {
        self.0
    }

    /// Fails unless strictly positive; `field` names the parameter in the message.
    pub fn positive(self, field: &str) -> OpResult<Decimal> {
        if self.0 <= Decimal::ZERO {
            return Err(OpError::invalid(
                field,
                format!("must be greater than 0, got {}", self.0),
            ));
        }
        Ok(self.0)
    }
}

impl From<Decimal> for Dec {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.normalize().fmt(f)
    }
}

impl FromStr for Dec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().replace('_', "");
        Decimal::from_str_exact(&t)
            .or_else(|_| Decimal::from_scientific(&t))
            .map(Self)
            .map_err(|_| format!("'{s}' is not a decimal number"))
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.normalize())
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecVisitor;
        impl de::Visitor<'_> for DecVisitor {
            type Value = Dec;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal number or decimal string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                if !v.is_finite() {
                    return Err(E::custom("not a finite number"));
                }
                v.to_string().parse().map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
        }
        deserializer.deserialize_any(DecVisitor)
    }
}

impl JsonSchema for Dec {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["number", "string"],
            "pattern": "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$",
            "description": "An exact decimal, as a JSON number or a decimal string"
        })
    }
}

/// Price levels of one side of a book: `PRICE:SIZE,PRICE:SIZE,...` on the command line; a
/// JSON array of `[price, size]` pairs or `{"price", "size"}` objects (or that text) over MCP.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Levels(pub Vec<(Decimal, Decimal)>);

impl FromStr for Levels {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, l)| {
                let (p, q) = l.split_once(':').ok_or_else(|| {
                    format!(
                        "level {} '{l}' is not PRICE:SIZE (e.g. 42100.5:1.25)",
                        i + 1
                    )
                })?;
                Ok((
                    p.parse::<Dec>()
                        .map_err(|e| format!("level {} price: {e}", i + 1))?
                        .get(),
                    q.parse::<Dec>()
                        .map_err(|e| format!("level {} size: {e}", i + 1))?
                        .get(),
                ))
            })
            .collect::<Result<Vec<_>, String>>()
            .map(Self)
    }
}

impl<'de> Deserialize<'de> for Levels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Level {
            Pair(Dec, Dec),
            Object { price: Dec, size: Dec },
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Given {
            Text(String),
            List(Vec<Level>),
        }
        match Given::deserialize(deserializer).map_err(|_| {
            de::Error::custom(
                "levels must be [[price, size], ...], [{\"price\", \"size\"}, ...] or \"PRICE:SIZE,...\"",
            )
        })? {
            Given::Text(t) => t.parse().map_err(de::Error::custom),
            Given::List(l) => Ok(Self(
                l.into_iter()
                    .map(|l| match l {
                        Level::Pair(p, q) | Level::Object { price: p, size: q } => (p.get(), q.get()),
                    })
                    .collect(),
            )),
        }
    }
}

impl JsonSchema for Levels {
    fn schema_name() -> Cow<'static, str> {
        "Levels".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["array", "string"],
            "items": {
                "type": "array",
                "items": {"type": ["number", "string"]},
                "minItems": 2,
                "maxItems": 2
            },
            "description": "Price levels, e.g. [[\"42100.5\", \"1.25\"], [\"42100\", \"2\"]] or \"42100.5:1.25,42100:2\""
        })
    }
}

/// Order side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum Side {
    Buy,
    Sell,
}

impl Side {
    /// The Nautilus order side.
    #[must_use]
    pub const fn to_nautilus(self) -> nautilus_model::enums::OrderSide {
        match self {
            Self::Buy => nautilus_model::enums::OrderSide::Buy,
            Self::Sell => nautilus_model::enums::OrderSide::Sell,
        }
    }

    /// `BUY` or `SELL`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Buy => "BUY",
            Self::Sell => "SELL",
        }
    }
}

impl Serialize for Side {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Side {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        match s.to_ascii_uppercase().as_str() {
            "BUY" => Ok(Self::Buy),
            "SELL" => Ok(Self::Sell),
            _ => Err(de::Error::custom(format!(
                "side must be BUY or SELL, got '{s}'"
            ))),
        }
    }
}

impl JsonSchema for Side {
    fn schema_name() -> Cow<'static, str> {
        "Side".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["BUY", "SELL"],
            "description": "Order side (case-insensitive)"
        })
    }
}

/// Parses an instrument id of the form `SYMBOL.VENUE`; `field` names the parameter.
pub fn parse_instrument_id(field: &str, value: &str) -> OpResult<InstrumentId> {
    let value = value.trim();
    let Some((symbol, venue)) = value.rsplit_once('.') else {
        return Err(OpError::invalid(
            field,
            format!("'{value}' is not of the form SYMBOL.VENUE (e.g. BTCUSDT.BINANCE)"),
        ));
    };
    if symbol.is_empty() || venue.is_empty() || venue.chars().any(char::is_whitespace) {
        return Err(OpError::invalid(
            field,
            format!("'{value}' is not of the form SYMBOL.VENUE (e.g. BTCUSDT.BINANCE)"),
        ));
    }
    InstrumentId::from_str(value).map_err(|e| OpError::invalid(field, format!("'{value}': {e}")))
}

/// Parses a venue name (upper-cased), e.g. `BINANCE`.
pub fn parse_venue(field: &str, value: &str) -> OpResult<String> {
    // No '-': a venue's account id is VENUE-001, which Nautilus splits at the first '-'.
    let v = value.trim().to_ascii_uppercase();
    if !v.starts_with(|c: char| c.is_ascii_alphabetic())
        || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(OpError::invalid(
            field,
            format!(
                "'{value}' is not a venue name (a letter, then letters, digits or '_', e.g. \
                 BINANCE)"
            ),
        ));
    }
    Ok(v)
}

/// Where a list ordered newest first stopped: an answer's `next_cursor`, given back as
/// `cursor` to read on from there. Callers treat it as opaque text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The last listed item's time.
    pub time: i64,
    /// Its key, which orders items of the same time.
    pub key: String,
}

impl Cursor {
    /// Reads a cursor given in `field`.
    pub fn parse(field: &str, text: &str) -> OpResult<Self> {
        text.split_once(':')
            .and_then(|(time, key)| {
                Some(Self {
                    time: time.parse().ok()?,
                    key: key.to_string(),
                })
            })
            .ok_or_else(|| {
                OpError::invalid(
                    field,
                    "not a cursor of this list (give back the next_cursor of its last answer)",
                )
            })
    }

    /// The cursor's text.
    #[must_use]
    pub fn text(&self) -> String {
        format!("{}:{}", self.time, self.key)
    }
}

/// A name people give something (a configuration, a token): 1-64 ASCII letters, digits, `-`,
/// `_` or `.`, surrounding space trimmed. `what` says what is named, for the message.
pub fn check_name(field: &str, what: &str, name: &str) -> OpResult<String> {
    let n = name.trim();
    if n.is_empty()
        || n.len() > 64
        || !n
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(OpError::invalid(
            field,
            format!("'{name}' is not a {what} name (1-64 letters, digits, '-', '_', '.')"),
        ));
    }
    Ok(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_from_number_is_exact() {
        let d: Dec = serde_json::from_str("0.01").unwrap();
        assert_eq!(d.0.to_string(), "0.01");
        let d: Dec = serde_json::from_str("50000.0").unwrap();
        assert_eq!(d.to_string(), "50000");
        let d: Dec = serde_json::from_str("\"0.015\"").unwrap();
        assert_eq!(d.0, Decimal::new(15, 3));
        assert!(serde_json::from_str::<Dec>("\"abc\"").is_err());
        assert_eq!(
            serde_json::to_string(&Dec(Decimal::new(1500, 2))).unwrap(),
            "\"15\""
        );
    }

    #[test]
    fn side_is_case_insensitive() {
        assert_eq!(serde_json::from_str::<Side>("\"buy\"").unwrap(), Side::Buy);
        assert_eq!(
            serde_json::from_str::<Side>("\"SELL\"").unwrap(),
            Side::Sell
        );
        assert!(serde_json::from_str::<Side>("\"hold\"").is_err());
    }

    #[test]
    fn instrument_ids_are_checked() {
        assert!(parse_instrument_id("instrument_id", "BTCUSDT.BINANCE").is_ok());
        assert!(parse_instrument_id("instrument_id", "USD/JPY.FXCM").is_ok());
        let err = parse_instrument_id("instrument_id", "BTCUSDT").unwrap_err();
        assert!(err.message.contains("instrument_id"));
    }
}
