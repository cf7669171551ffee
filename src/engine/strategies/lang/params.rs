//! Parameters: their declarations checked, values given for a run bound to them (defaults
//! filled, types and ranges checked), and their JSON schema for `list_strategies`.

use std::str::FromStr;

use indexmap::IndexMap;
use rust_decimal::{Decimal, prelude::ToPrimitive};
use serde_json::{Map, Value, json};

use super::{
    document::{Definition, ParamType, ParameterDecl},
    error::{LangError, LangResult, suggestion},
};

/// Most parameters a definition may declare.
pub const MAX_PARAMETERS: usize = 64;

/// A bound parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    Int(i64),
    Decimal(Decimal),
    Bool(bool),
    /// A choice, spelled as declared.
    Choice(String),
    /// An optional parameter left unset.
    Unset,
}

impl ParamValue {
    /// The value as a number, for expressions.
    #[must_use]
    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Int(i) => Some(*i as f64),
            Self::Decimal(d) => d.to_f64(),
            _ => None,
        }
    }

    /// The value as an exact decimal.
    #[must_use]
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            Self::Int(i) => Some(Decimal::from(*i)),
            Self::Decimal(d) => Some(*d),
            _ => None,
        }
    }

    /// The value as JSON (decimals as strings, exactly).
    #[must_use]
    pub fn to_json(&self) -> Value {
        match self {
            Self::Int(i) => json!(i),
            Self::Decimal(d) => json!(d.normalize().to_string()),
            Self::Bool(b) => json!(b),
            Self::Choice(c) => json!(c),
            Self::Unset => Value::Null,
        }
    }

    /// The value as written in messages.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Self::Int(i) => i.to_string(),
            Self::Decimal(d) => d.normalize().to_string(),
            Self::Bool(b) => b.to_string(),
            Self::Choice(c) => c.clone(),
            Self::Unset => "unset".into(),
        }
    }
}

/// Parameter values by name, in declaration order.
pub type Bound = IndexMap<String, ParamValue>;

/// Names a definition may not give its parameters or indicators: the language's own.
pub const RESERVED: &[&str] = &[
    "open",
    "high",
    "low",
    "close",
    "volume",
    "hour",
    "minute",
    "weekday",
    "bar_index",
    "true",
    "false",
    "long",
    "short",
    "flat",
    "position",
    "and",
    "or",
    "not",
    "hl2",
    "hlc3",
    "ohlc4",
];

/// Checks a name of a parameter or indicator.
pub fn check_name(path: &str, name: &str) -> LangResult<()> {
    let valid = name.len() <= 64
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(LangError::new(
            path,
            format!(
                "'{name}' is not a valid name (letters, digits and _, starting with a letter or _, at most 64)"
            ),
        ));
    }
    if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(LangError::new(
            path,
            format!("'{name}' is a word of the language; choose another name"),
        ));
    }
    Ok(())
}

fn decimal_of(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            Decimal::from_str_exact(&text)
                .or_else(|_| Decimal::from_scientific(&text))
                .ok()
        }
        Value::String(s) => {
            let t = s.trim().replace('_', "");
            Decimal::from_str_exact(&t)
                .or_else(|_| Decimal::from_scientific(&t))
                .ok()
        }
        _ => None,
    }
}

fn type_error(value: &Value, expected: &str) -> String {
    let found = match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a table".to_string(),
    };
    format!("invalid type: {found}, expected {expected}")
}

/// A value of the declared type (bounds not checked), or the problem.
fn typed(decl: &ParameterDecl, value: &Value) -> Result<ParamValue, String> {
    match decl.kind {
        ParamType::Int => match value {
            Value::Number(n) if n.as_i64().is_some() => {
                Ok(ParamValue::Int(n.as_i64().unwrap_or(0)))
            }
            Value::String(s) if i64::from_str(s.trim()).is_ok() => {
                Ok(ParamValue::Int(i64::from_str(s.trim()).unwrap_or(0)))
            }
            _ => Err(type_error(value, "an integer")),
        },
        ParamType::Decimal => match value {
            Value::Number(_) | Value::String(_) => decimal_of(value)
                .map(ParamValue::Decimal)
                .ok_or_else(|| match value {
                    Value::String(s) => format!("'{s}' is not a decimal number"),
                    other => format!("{other} is not a decimal number"),
                }),
            _ => Err(type_error(value, "a decimal number or decimal string")),
        },
        ParamType::Bool => match value {
            Value::Bool(b) => Ok(ParamValue::Bool(*b)),
            _ => Err(type_error(value, "a boolean")),
        },
        ParamType::Choice => match value {
            Value::String(s) => decl
                .choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(s.trim()))
                .map(|c| ParamValue::Choice(c.clone()))
                .ok_or_else(|| format!("{value} is not one of {}", decl.choices.join(", "))),
            _ => Err(type_error(value, "one of the choices (a string)")),
        },
    }
}

/// The bound of `key` (`min` or `max`) as a decimal.
fn bound(decl: &ParameterDecl, key: &str) -> Option<Decimal> {
    match key {
        "min" => decl.min.as_ref().and_then(decimal_of),
        _ => decl.max.as_ref().and_then(decimal_of),
    }
}

/// Checks a typed value against the declaration's range.
fn in_range(decl: &ParameterDecl, value: &ParamValue) -> Result<(), String> {
    let Some(n) = value.decimal() else {
        return Ok(());
    };
    if let Some(min) = bound(decl, "min")
        && n < min
    {
        return Err(format!(
            "must be at least {}, got {}",
            min.normalize(),
            n.normalize()
        ));
    }
    if let Some(max) = bound(decl, "max")
        && n > max
    {
        return Err(format!(
            "must be at most {}, got {}",
            max.normalize(),
            n.normalize()
        ));
    }
    Ok(())
}

/// Checks the parameter declarations of a definition.
pub fn check_declarations(def: &Definition) -> LangResult<()> {
    if def.parameters.len() > MAX_PARAMETERS {
        return Err(LangError::new(
            "parameters",
            format!(
                "{} parameters; the limit is {MAX_PARAMETERS}",
                def.parameters.len()
            ),
        ));
    }
    for (name, decl) in &def.parameters {
        let path = format!("parameters.{name}");
        check_name(&path, name)?;
        let numeric = matches!(decl.kind, ParamType::Int | ParamType::Decimal);
        for (key, v) in [("min", &decl.min), ("max", &decl.max)] {
            let Some(v) = v else { continue };
            if !numeric {
                return Err(LangError::new(
                    &format!("{path}.{key}"),
                    "only int and decimal parameters have a range",
                ));
            }
            typed(decl, v).map_err(|e| LangError::new(&format!("{path}.{key}"), e))?;
        }
        if let (Some(min), Some(max)) = (bound(decl, "min"), bound(decl, "max"))
            && min > max
        {
            return Err(LangError::new(
                &format!("{path}.min"),
                format!("{} is above max {}", min.normalize(), max.normalize()),
            ));
        }
        match decl.kind {
            ParamType::Choice => {
                if decl.choices.is_empty() {
                    return Err(LangError::new(
                        &format!("{path}.choices"),
                        "a choice parameter needs its list of choices",
                    ));
                }
                for (i, c) in decl.choices.iter().enumerate() {
                    if decl.choices[..i].iter().any(|d| d.eq_ignore_ascii_case(c)) {
                        return Err(LangError::new(
                            &format!("{path}.choices"),
                            format!("'{c}' is listed twice"),
                        ));
                    }
                }
            }
            _ if !decl.choices.is_empty() => {
                return Err(LangError::new(
                    &format!("{path}.choices"),
                    "only choice parameters have choices",
                ));
            }
            _ => {}
        }
        match (&decl.default, decl.optional) {
            (Some(_), true) => {
                return Err(LangError::new(
                    &format!("{path}.default"),
                    "an optional parameter has no default (it is unset unless given)",
                ));
            }
            (None, false) => {
                return Err(LangError::new(
                    &path,
                    "needs a default (or `optional = true`)",
                ));
            }
            (Some(d), false) => {
                let v =
                    typed(decl, d).map_err(|e| LangError::new(&format!("{path}.default"), e))?;
                in_range(decl, &v).map_err(|e| LangError::new(&format!("{path}.default"), e))?;
            }
            (None, true) => {}
        }
    }
    Ok(())
}

/// Binds the values given for a run (a JSON object) to the declarations: unknown names,
/// types and ranges are refused naming `parameters.NAME`; defaults fill the rest.
pub fn bind(def: &Definition, given: &Map<String, Value>) -> LangResult<Bound> {
    for key in given.keys() {
        if !def.parameters.contains_key(key) {
            let mut known: Vec<&str> = def.parameters.keys().map(String::as_str).collect();
            known.sort_unstable();
            let hint = suggestion(key, known.iter().copied());
            return Err(LangError::new(
                &format!("parameters.{key}"),
                format!(
                    "unknown parameter{hint}; valid parameters: {}",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            ));
        }
    }
    let mut bound_values = Bound::new();
    for (name, decl) in &def.parameters {
        let path = format!("parameters.{name}");
        let value = match given.get(name).filter(|v| !v.is_null()) {
            Some(v) => {
                let typed_value = typed(decl, v).map_err(|e| LangError::new(&path, e))?;
                in_range(decl, &typed_value).map_err(|e| LangError::new(&path, e))?;
                typed_value
            }
            None => match &decl.default {
                Some(d) => typed(decl, d).map_err(|e| LangError::new(&path, e))?,
                None => ParamValue::Unset,
            },
        };
        bound_values.insert(name.clone(), value);
    }
    Ok(bound_values)
}

/// The bound values as JSON, in declaration order.
#[must_use]
pub fn to_json(values: &Bound) -> Map<String, Value> {
    values
        .iter()
        .map(|(k, v)| (k.clone(), v.to_json()))
        .collect()
}

/// The JSON schema of a definition's parameters (its description says what it does).
#[must_use]
pub fn schema(def: &Definition) -> Map<String, Value> {
    let mut properties = Map::new();
    for (name, decl) in &def.parameters {
        let mut p = Map::new();
        let kind = match decl.kind {
            ParamType::Int => json!("integer"),
            ParamType::Decimal => json!(["number", "string"]),
            ParamType::Bool => json!("boolean"),
            ParamType::Choice => json!("string"),
        };
        let kind = if decl.optional {
            let mut list = match kind {
                Value::Array(a) => a,
                other => vec![other],
            };
            list.push(json!("null"));
            Value::Array(list)
        } else {
            kind
        };
        p.insert("type".into(), kind);
        if !decl.description.is_empty() {
            p.insert("description".into(), json!(decl.description));
        }
        if let Some(d) = &decl.default
            && let Ok(v) = typed(decl, d)
        {
            p.insert("default".into(), v.to_json());
        }
        if decl.kind == ParamType::Choice {
            p.insert("enum".into(), json!(decl.choices));
        }
        for (key, schema_key) in [("min", "minimum"), ("max", "maximum")] {
            if let Some(b) = bound(decl, key) {
                let v = match decl.kind {
                    ParamType::Int => b.to_i64().map_or(Value::Null, |i| json!(i)),
                    _ => b.to_f64().map_or(Value::Null, |f| json!(f)),
                };
                p.insert(schema_key.into(), v);
            }
        }
        properties.insert(name.clone(), Value::Object(p));
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    if !def.description.is_empty() {
        schema.insert("description".into(), json!(def.description));
    }
    schema.insert("properties".into(), Value::Object(properties));
    schema.insert("additionalProperties".into(), json!(false));
    schema
}
