//! Parameter types shared by many operations: price levels, order sides, venue names (exact
//! decimals, instrument ids and names are in [`crate::values`]).

use std::{borrow::Cow, str::FromStr};

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::{
    error::{OpError, OpResult},
    values::Dec,
};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_is_case_insensitive() {
        assert_eq!(serde_json::from_str::<Side>("\"buy\"").unwrap(), Side::Buy);
        assert_eq!(
            serde_json::from_str::<Side>("\"SELL\"").unwrap(),
            Side::Sell
        );
        assert!(serde_json::from_str::<Side>("\"hold\"").is_err());
    }
}
