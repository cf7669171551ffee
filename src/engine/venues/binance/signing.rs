//! Request signing for Binance Spot (HMAC-SHA256 keys).
//!
//! * REST: the signature payload is the percent-encoded query string concatenated (without a
//!   separator) with the percent-encoded form body, **exactly as sent** (Binance enforces this since
//!   2026-01-15). [`Params`] builds that string once; [`sign_query`] signs it and appends
//!   `&signature=`.
//! * WebSocket API: the payload is every parameter except `signature`, sorted by name and joined as
//!   `name=value` with `&`, values as UTF-8 text (not percent-encoded); see [`ws_payload`].
//!
//! Secrets live in [`Secret`], whose `Debug` and `Display` print `***`.
//!
//! Ed25519 keys are not supported (they need a signature crate outside this module's dependency
//! set); RSA neither.

use std::fmt;

use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Characters percent-encoded in query strings and form bodies: everything but the RFC 3986
/// unreserved set (`A-Z a-z 0-9 - _ . ~`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A sensitive string (API secret or API key). `Debug` and `Display` print `***`; the bytes are
/// overwritten with zeros when the value is dropped (best effort).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Wraps a sensitive string.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into().into_bytes())
    }

    /// The secret's text. Use only to sign or to build a header; never log or format it.
    pub fn expose(&self) -> &str {
        // Built from a `String`, so always valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.fill(0);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

/// Percent-encodes one query or form value (RFC 3986 unreserved characters kept).
pub fn encode_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// An ordered list of request parameters; [`Params::encode`] gives the query string that is both
/// sent and signed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `name=value`.
    pub fn push(&mut self, name: &str, value: impl ToString) -> &mut Self {
        self.0.push((name.to_string(), value.to_string()));
        self
    }

    /// Appends `name=value` when `value` is `Some`.
    pub fn push_opt<T: ToString>(&mut self, name: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.push(name, v);
        }
        self
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of the first parameter called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The parameters in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `name=value&...` with names and values percent-encoded, in insertion order.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&encode_value(k));
            out.push('=');
            out.push_str(&encode_value(v));
        }
        out
    }
}

/// HMAC-SHA256 of `payload` keyed with `secret`, as lowercase hex.
pub fn hmac_sha256_hex(secret: &Secret, payload: &str) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret.expose().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any size"));
    mac.update(payload.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Signs an already percent-encoded REST payload (`query` + `body` as sent) and returns the
/// signature (hex).
pub fn sign_rest_payload(secret: &Secret, query: &str, body: &str) -> String {
    let mut payload = String::with_capacity(query.len() + body.len());
    payload.push_str(query);
    payload.push_str(body);
    hmac_sha256_hex(secret, &payload)
}

/// Signs the encoded query string and returns it with `&signature=<hex>` appended (or
/// `signature=<hex>` when it is empty).
pub fn sign_query(secret: &Secret, encoded: &str) -> String {
    let signature = hmac_sha256_hex(secret, encoded);
    if encoded.is_empty() {
        format!("signature={signature}")
    } else {
        format!("{encoded}&signature={signature}")
    }
}

/// The WebSocket API signature payload: every parameter but `signature`, sorted by name,
/// `name=value` joined with `&`, values as plain UTF-8.
pub fn ws_payload<'a>(params: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let mut pairs: Vec<(&str, String)> = params
        .into_iter()
        .filter(|(k, _)| *k != "signature")
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Constant-time-ish, case-insensitive comparison of an HMAC hex signature with the expected one
/// (Binance treats HMAC signatures as case-insensitive).
pub fn verify_hmac_hex(secret: &Secret, payload: &str, signature: &str) -> bool {
    let expected = hmac_sha256_hex(secret, payload);
    if expected.len() != signature.len() {
        return false;
    }
    let mut diff = 0u8;
    for (a, b) in expected.bytes().zip(signature.bytes()) {
        diff |= a ^ b.to_ascii_lowercase();
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    // Example key pair from Binance's Spot API documentation ("SIGNED Endpoint Examples for
    // POST /api/v3/order", HMAC keys). Public illustration values, not real credentials.
    const DOC_SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    const DOC_API_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";

    fn doc_params(symbol: &str) -> Params {
        let mut p = Params::new();
        p.push("symbol", symbol)
            .push("side", "BUY")
            .push("type", "LIMIT")
            .push("timeInForce", "GTC")
            .push("quantity", "1")
            .push("price", "0.1")
            .push("recvWindow", 5000)
            .push("timestamp", 1_499_827_319_559_i64);
        p
    }

    #[test]
    fn rest_hmac_matches_binance_documented_example_ascii() {
        let secret = Secret::new(DOC_SECRET);
        let encoded = doc_params("LTCBTC").encode();
        assert_eq!(
            encoded,
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        );
        assert_eq!(
            hmac_sha256_hex(&secret, &encoded),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        );
        assert!(sign_query(&secret, &encoded).ends_with(
            "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        ));
    }

    #[test]
    fn rest_hmac_matches_binance_documented_example_non_ascii() {
        let secret = Secret::new(DOC_SECRET);
        let encoded = doc_params("１２３４５６").encode();
        assert!(
            encoded.starts_with(
                "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY"
            )
        );
        assert_eq!(
            hmac_sha256_hex(&secret, &encoded),
            "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"
        );
    }

    #[test]
    fn body_and_query_are_concatenated_without_separator() {
        let secret = Secret::new(DOC_SECRET);
        let full = doc_params("LTCBTC").encode();
        let (q, b) = full.split_at(full.find("&quantity").unwrap());
        // The body part starts right after the query, without '&' in between (Binance's rule).
        let b = &b[1..];
        let joined = format!("{q}{b}");
        assert_eq!(
            sign_rest_payload(&secret, q, b),
            hmac_sha256_hex(&secret, &joined)
        );
    }

    #[test]
    fn ws_api_hmac_matches_binance_documented_examples() {
        let secret = Secret::new(DOC_SECRET);
        let payload = ws_payload([
            ("symbol", "BTCUSDT".to_string()),
            ("side", "SELL".to_string()),
            ("type", "LIMIT".to_string()),
            ("timeInForce", "GTC".to_string()),
            ("quantity", "0.01000000".to_string()),
            ("price", "52000.00".to_string()),
            ("recvWindow", "100".to_string()),
            ("timestamp", "1645423376532".to_string()),
            ("apiKey", DOC_API_KEY.to_string()),
            ("signature", "ignored".to_string()),
        ]);
        assert!(payload.starts_with(
            "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00"
        ));
        assert_eq!(
            hmac_sha256_hex(&secret, &payload),
            "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"
        );

        let payload = ws_payload([
            ("symbol", "１２３４５６".to_string()),
            ("side", "BUY".to_string()),
            ("type", "LIMIT".to_string()),
            ("timeInForce", "GTC".to_string()),
            ("quantity", "1.00000000".to_string()),
            ("price", "0.10000000".to_string()),
            ("recvWindow", "5000".to_string()),
            ("timestamp", "1645423376532".to_string()),
            ("apiKey", DOC_API_KEY.to_string()),
        ]);
        assert_eq!(
            hmac_sha256_hex(&secret, &payload),
            "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd"
        );
    }

    #[test]
    fn verify_is_case_insensitive_and_rejects_wrong_signatures() {
        let secret = Secret::new(DOC_SECRET);
        let sig = "C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71";
        let payload = doc_params("LTCBTC").encode();
        assert!(verify_hmac_hex(&secret, &payload, sig));
        assert!(!verify_hmac_hex(&secret, &payload, &sig[1..]));
        assert!(!verify_hmac_hex(&Secret::new("other"), &payload, sig));
    }

    #[test]
    fn secret_never_formats_its_value() {
        let secret = Secret::new(DOC_SECRET);
        assert_eq!(format!("{secret}"), "***");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(secret.expose(), DOC_SECRET);
    }

    #[test]
    fn encodes_json_arrays_and_reserved_characters() {
        let mut p = Params::new();
        p.push("symbols", r#"["BTCUSDT","BNBBTC"]"#);
        assert_eq!(p.encode(), "symbols=%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D");
    }
}
