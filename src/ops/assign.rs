//! `key=value` parameters: repeated flags on the CLI, a JSON object over MCP.

use std::{borrow::Cow, collections::BTreeMap, fmt, str::FromStr};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, de};
use serde_json::{Map, Value};

/// One `key=value` pair; the value is read as JSON when it parses, else as a string.
#[derive(Debug, Clone, PartialEq)]
pub struct Assign {
    pub key: String,
    pub value: Value,
}

impl FromStr for Assign {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, v) = s
            .split_once('=')
            .ok_or_else(|| format!("'{s}' is not of the form KEY=VALUE"))?;
        let key = k.trim();
        if key.is_empty() {
            return Err(format!("'{s}' has an empty key"));
        }
        let v = v.trim();
        let value = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_string()));
        Ok(Self {
            key: key.to_string(),
            value,
        })
    }
}

/// A list of assignments; deserializes from a JSON object or an array of `"k=v"` strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assignments(pub Vec<Assign>);

impl Assignments {
    /// As a JSON object (later keys win).
    #[must_use]
    pub fn to_map(&self) -> Map<String, Value> {
        self.0
            .iter()
            .map(|a| (a.key.clone(), a.value.clone()))
            .collect()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<Assign>> for Assignments {
    fn from(v: Vec<Assign>) -> Self {
        Self(v)
    }
}

impl<'de> Deserialize<'de> for Assignments {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Assignments;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of key/value pairs or a list of \"key=value\" strings")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Assignments, A::Error> {
                let mut out = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    out.push(Assign { key, value });
                }
                Ok(Assignments(out))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Assignments, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s.parse().map_err(de::Error::custom)?);
                }
                Ok(Assignments(out))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Assignments, E> {
                Ok(Assignments::default())
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl JsonSchema for Assignments {
    fn schema_name() -> Cow<'static, str> {
        "Assignments".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": true
        })
    }
}

/// `deserialize_with` for a `Vec<Assign>` request field: accepts a JSON object or a list of
/// `"key=value"` strings. Pair it with `#[schemars(with = "serde_json::Map<String, serde_json::Value>")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Assign>, D::Error> {
    Assignments::deserialize(deserializer).map(|a| a.0)
}

/// The assignments as a sorted map (later keys win).
#[must_use]
pub fn to_btree(items: &[Assign]) -> BTreeMap<String, Value> {
    items
        .iter()
        .map(|x| (x.key.clone(), x.value.clone()))
        .collect()
}
