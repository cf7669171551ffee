//! The effective configuration as a document, with secrets redacted.

use serde_json::{Value, json};

use super::Settings;

/// Environment variables that may hold credentials; only whether they are set is shown.
const SECRET_ENV: &[&str] = &["BINANCE_API_KEY", "BINANCE_API_SECRET"];

/// The effective configuration: where it came from, the state location, every setting.
#[must_use]
pub fn effective(settings: &Settings) -> Value {
    let mut file = serde_json::to_value(&settings.file).unwrap_or(Value::Null);
    redact(&mut file);
    let credentials: serde_json::Map<String, Value> = SECRET_ENV
        .iter()
        .map(|name| {
            let state = if std::env::var_os(name).is_some_and(|v| !v.is_empty()) {
                "set (redacted)"
            } else {
                "not set"
            };
            ((*name).to_string(), Value::String(state.into()))
        })
        .collect();
    json!({
        "config_file": settings.config_path.as_ref().map(|p| p.display().to_string()),
        "state_dir": settings.state_dir.display().to_string(),
        "database": settings.database_path().display().to_string(),
        "default_venue": settings.default_venue(),
        "settings": file,
        "credential_environment": credentials,
    })
}

/// Replaces the value of every key that looks secret.
fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                let k = k.to_ascii_lowercase();
                let secret = (k.contains("secret")
                    || k.contains("api_key")
                    || k.contains("token")
                    || k.contains("password"))
                    && !k.ends_with("_file");
                if secret && !v.is_null() {
                    *v = Value::String("***".into());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}
