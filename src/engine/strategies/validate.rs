//! Checks parameter values against the JSON schema of a parameter type, so that ranges and
//! choices are declared once (as schema attributes) and enforced from there.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::error::{OpError, OpResult};

/// Fails on unknown keys and on values outside the schema's `minimum`/`maximum`/`enum`,
/// naming `prefix.key` in the message.
pub fn check(
    schema: &Map<String, Value>,
    values: &Map<String, Value>,
    prefix: &str,
) -> OpResult<()> {
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for key in values.keys() {
        if !props.contains_key(key) {
            let mut known: Vec<&str> = props.keys().map(String::as_str).collect();
            known.sort_unstable();
            return Err(OpError::invalid(
                &format!("{prefix}.{key}"),
                format!("unknown parameter; valid parameters: {}", known.join(", ")),
            ));
        }
    }
    for (key, value) in values {
        if value.is_null() {
            continue;
        }
        let field = format!("{prefix}.{key}");
        let prop = &props[key];
        for branch in branches(prop) {
            check_value(branch, value, &field)?;
        }
    }
    Ok(())
}

/// The non-null alternatives of a property schema.
fn branches(prop: &Value) -> Vec<&Value> {
    for k in ["anyOf", "oneOf"] {
        if let Some(list) = prop.get(k).and_then(Value::as_array) {
            return list
                .iter()
                .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
        }
    }
    vec![prop]
}

fn number_of(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => Decimal::from_str(&n.to_string())
            .ok()
            .or_else(|| Decimal::from_scientific(&n.to_string()).ok()),
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

fn bound(schema: &Value, key: &str) -> Option<Decimal> {
    schema.get(key).and_then(number_of)
}

fn check_value(schema: &Value, value: &Value, field: &str) -> OpResult<()> {
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        let matches = options.iter().any(|o| match (o, value) {
            (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => a == b,
        });
        if !matches {
            let list: Vec<String> = options
                .iter()
                .map(|o| o.as_str().map_or_else(|| o.to_string(), str::to_owned))
                .collect();
            return Err(OpError::invalid(
                field,
                format!("{value} is not one of {}", list.join(", ")),
            ));
        }
    }
    let Some(n) = number_of(value) else {
        return Ok(());
    };
    if let Some(min) = bound(schema, "minimum")
        && n < min
    {
        return Err(OpError::invalid(
            field,
            format!("must be at least {min}, got {n}"),
        ));
    }
    if let Some(max) = bound(schema, "maximum")
        && n > max
    {
        return Err(OpError::invalid(
            field,
            format!("must be at most {max}, got {n}"),
        ));
    }
    if let Some(min) = bound(schema, "exclusiveMinimum")
        && n <= min
    {
        return Err(OpError::invalid(
            field,
            format!("must be greater than {min}, got {n}"),
        ));
    }
    if let Some(max) = bound(schema, "exclusiveMaximum")
        && n >= max
    {
        return Err(OpError::invalid(
            field,
            format!("must be less than {max}, got {n}"),
        ));
    }
    Ok(())
}
