//! Currencies: Nautilus's built-in ones and those this process registers (an imported
//! instrument's, a real venue's assets), and reading stored state that names a registered one.
//!
//! Nautilus resolves currency codes through one process-wide map that knows only its built-in
//! currencies until others are registered. A state written by a process that registered a code
//! must stay readable by every other process, which has not.

use std::{
    collections::BTreeSet,
    sync::{LazyLock, Mutex},
};

use nautilus_model::{enums::CurrencyType, types::Currency};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Codes this process registered with Nautilus (the rest of its map is built in).
static REGISTERED: LazyLock<Mutex<BTreeSet<String>>> = LazyLock::new(Mutex::default);

/// Registers `code` as a crypto currency with 8 decimals (how every process of this project
/// registers a code Nautilus does not know) unless it is known already.
pub fn register(code: &str) -> Result<Currency, String> {
    if let Some(c) = Currency::try_from_str(code) {
        return Ok(c);
    }
    let c =
        Currency::new_checked(code, 8, 0, code, CurrencyType::Crypto).map_err(|e| e.to_string())?;
    Currency::register(c, false).map_err(|e| e.to_string())?;
    if let Ok(mut set) = REGISTERED.lock() {
        set.insert(code.to_string());
    }
    Ok(c)
}

/// Whether `code` is one of Nautilus's built-in currencies (not one registered since).
#[must_use]
pub fn is_builtin(code: &str) -> bool {
    Currency::try_from_str(code).is_some() && REGISTERED.lock().is_ok_and(|set| !set.contains(code))
}

/// Parses stored JSON after registering every currency code it names that this process does not
/// know: the process that wrote it had registered them (see [`register`]).
pub fn from_stored_json<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let value: Value = serde_json::from_str(text)?;
    register_named(&value);
    serde_json::from_value(value)
}

/// Like [`from_stored_json`], but parses once when every code is known (the usual case). Only
/// for types whose currency fields come before the amounts in them (a `Money` with an unknown
/// code panics where a `Currency` fails).
pub fn from_stored_json_fast<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    match serde_json::from_str(text) {
        Err(e) if e.to_string().contains("Unknown currency") => from_stored_json(text),
        other => other,
    }
}

/// Registers the unknown codes of `*currency` fields and of `"AMOUNT CODE"` strings.
fn register_named(value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key.ends_with("currency")
                    && let Value::String(code) = v
                {
                    register_code(code);
                }
                register_named(v);
            }
        }
        Value::Array(items) => items.iter().for_each(register_named),
        Value::String(s) => {
            let mut parts = s.split_whitespace();
            if let (Some(amount), Some(code), None) = (parts.next(), parts.next(), parts.next())
                && amount.parse::<rust_decimal::Decimal>().is_ok()
            {
                register_code(code);
            }
        }
        _ => {}
    }
}

fn register_code(code: &str) {
    let plausible =
        !code.is_empty() && code.len() <= 16 && code.chars().all(|c| c.is_ascii_alphanumeric());
    if plausible {
        let _ = register(code);
    }
}

#[cfg(test)]
mod tests {
    use nautilus_model::{events::AccountState, types::Money};

    use super::*;

    #[test]
    fn a_stored_account_in_a_registered_currency_reads_in_a_process_that_never_saw_it() {
        let text = r#"{"account_id":"SIM-001","account_type":"MARGIN","base_currency":null,
            "balances":[{"currency":"ZQXTESTA","total":"5.00000000 ZQXTESTA",
            "locked":"0.00000000 ZQXTESTA","free":"5.00000000 ZQXTESTA"}],
            "margins":[{"initial":"1.00000000 ZQXTESTB","maintenance":"0.00000000 ZQXTESTB",
            "currency":"ZQXTESTB","instrument_id":"FOO.SIM"}],"is_reported":false,
            "event_id":"b1a2a88f-48e5-4dec-9d52-6f0f654b398f","ts_event":1,"ts_init":1}"#;
        assert!(serde_json::from_str::<AccountState>(text).is_err());
        let state: AccountState = from_stored_json(text).unwrap();
        assert_eq!(state.balances[0].total, Money::from("5 ZQXTESTA"));
        assert!(!is_builtin("ZQXTESTA"));
        assert!(is_builtin("USDT"));
    }
}
