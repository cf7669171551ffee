//! Values every layer shares: exact decimals as requests give them ([`Dec`]), instrument ids
//! as users type them, and the names people give things.

use std::{borrow::Cow, fmt, str::FromStr};

use nautilus_model::identifiers::InstrumentId;
use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::error::{OpError, OpResult};

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
    fn instrument_ids_are_checked() {
        assert!(parse_instrument_id("instrument_id", "BTCUSDT.BINANCE").is_ok());
        assert!(parse_instrument_id("instrument_id", "USD/JPY.FXCM").is_ok());
        let err = parse_instrument_id("instrument_id", "BTCUSDT").unwrap_err();
        assert!(err.message.contains("instrument_id"));
    }
}

/// How much a long answer holds. The CLI answers in full; MCP answers a summary unless a call
/// asks for `full`, so that an agent's context holds what it needs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Detail {
    /// The headline figures and the first page; `truncated` says what was left out.
    Summary,
    /// Everything asked for.
    Full,
}

impl Detail {
    /// The most items of a long list a summary shows, `full` or not.
    #[must_use]
    pub fn cap(detail: Option<Self>, summary_items: usize) -> usize {
        match detail {
            Some(Self::Summary) => summary_items,
            Some(Self::Full) | None => usize::MAX,
        }
    }
}

/// What a summary left out of a list, and how to get it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Truncated {
    /// The list summarised.
    pub list: String,
    /// Items shown.
    pub shown: usize,
    /// Items a full answer holds.
    pub total: usize,
    /// How to get the rest.
    pub rest: String,
}

impl Truncated {
    /// Cuts `items` to `cap`, saying so when it did.
    pub fn cut<T>(list: &str, items: &mut Vec<T>, cap: usize, rest: &str) -> Option<Self> {
        let total = items.len();
        (total > cap).then(|| {
            items.truncate(cap);
            Self {
                list: list.into(),
                shown: cap,
                total,
                rest: rest.into(),
            }
        })
    }
}
