//! Request signing for Binance Spot: HMAC-SHA256 keys and Ed25519 keys.
//!
//! * REST: the signature payload is the percent-encoded query string concatenated (without a
//!   separator) with the percent-encoded form body, **exactly as sent** (Binance enforces this since
//!   2026-01-15). [`Params`] builds that string once; [`sign_query`] signs it and appends
//!   `&signature=`.
//! * WebSocket API: the payload is every parameter except `signature`, sorted by name and joined as
//!   `name=value` with `&`, values as UTF-8 text (not percent-encoded); see [`ws_payload`].
//! * [`Signer`] picks the algorithm from the secret: a PEM PKCS#8 private key
//!   (`-----BEGIN PRIVATE KEY-----`) is an Ed25519 key and signs as base64(Ed25519(payload)),
//!   percent-encoded in a query string; anything else is an HMAC secret and signs as
//!   hex(HMAC-SHA256(secret, payload)). RSA keys are not supported.
//!
//! Secrets live in [`Secret`] (from [`crate::engine::venues::credentials`]), whose `Debug` and
//! `Display` print `***`; a [`Signer`] prints only its kind.

use std::fmt;

use base64::Engine as _;
use ed25519_dalek::{SigningKey, pkcs8::DecodePrivateKey};
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::Sha256;

use crate::engine::venues::credentials::Secret;

type HmacSha256 = Hmac<Sha256>;

/// Characters percent-encoded in query strings and form bodies: everything but the RFC 3986
/// unreserved set (`A-Z a-z 0-9 - _ . ~`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// How requests are signed for one API key.
#[derive(Clone)]
pub enum Signer {
    /// HMAC-SHA256 with the API secret; the signature is lowercase hex.
    Hmac(Secret),
    /// Ed25519 with the private key; the signature is base64.
    Ed25519(Box<SigningKey>),
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer({})", self.kind())
    }
}

/// The first line of a PEM PKCS#8 private key.
const PKCS8_PEM: &str = "-----BEGIN PRIVATE KEY-----";

impl Signer {
    /// The signer of an API secret: a PEM PKCS#8 private key is an Ed25519 key, anything else
    /// an HMAC secret. The error says what is wrong with a PEM key without quoting it.
    pub fn from_secret(secret: &Secret) -> Result<Self, String> {
        let text = secret.expose().trim();
        if !text.starts_with("-----BEGIN") {
            return Ok(Self::Hmac(secret.clone()));
        }
        if !text.starts_with(PKCS8_PEM) {
            let kind = text
                .lines()
                .next()
                .unwrap_or_default()
                .trim_matches('-')
                .trim_start_matches("BEGIN ")
                .to_string();
            return Err(format!(
                "the secret is a PEM {} but Binance Ed25519 keys are unencrypted PKCS#8 private \
                 keys ({PKCS8_PEM}); RSA keys are not supported and an encrypted key must be \
                 exported without a passphrase (openssl pkey -in KEY.pem -out PLAIN.pem)",
                kind.chars().take(40).collect::<String>()
            ));
        }
        SigningKey::from_pkcs8_pem(text)
            .map(|k| Self::Ed25519(Box::new(k)))
            .map_err(|e| {
                format!(
                    "the secret is a PEM private key that does not read as an Ed25519 key ({e}); \
                     RSA keys are not supported"
                )
            })
    }

    /// `HMAC-SHA256` or `Ed25519`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Hmac(_) => "HMAC-SHA256",
            Self::Ed25519(_) => "Ed25519",
        }
    }

    /// The signature of `payload` as Binance expects it in a request (hex or base64; percent-
    /// encode it in a query string or form body).
    #[must_use]
    pub fn sign(&self, payload: &str) -> String {
        match self {
            Self::Hmac(secret) => hmac_sha256_hex(secret, payload),
            Self::Ed25519(key) => {
                use ed25519_dalek::Signer as _;
                base64::engine::general_purpose::STANDARD
                    .encode(key.sign(payload.as_bytes()).to_bytes())
            }
        }
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

    /// RFC 8032 section 7.1, TEST 1: the secret key as a PKCS#8 PEM (as `openssl genpkey
    /// -algorithm ed25519` writes one).
    const RFC8032_TEST1_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
";

    #[test]
    fn ed25519_keys_sign_as_rfc_8032_and_openssl_do() {
        let signer = Signer::from_secret(&Secret::new(RFC8032_TEST1_PEM)).unwrap();
        assert_eq!(signer.kind(), "Ed25519");
        assert_eq!(format!("{signer:?}"), "Signer(Ed25519)");
        // RFC 8032 TEST 1: the empty message.
        let sig = base64::engine::general_purpose::STANDARD
            .decode(signer.sign(""))
            .unwrap();
        assert_eq!(
            hex::encode(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
        // A Binance order payload, signed by OpenSSL 3 (`openssl pkeyutl -sign -rawin`).
        let sig = signer.sign(
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000",
        );
        assert_eq!(
            sig,
            "XtZirsmmi0noRzUfkqktvkVfxpkq/WtbLg2UOL3QGYdUBZVlqOBEMuEVw8zioY93N54NcKj9UuAXQEa9zgTDBg=="
        );
        // In a query string or form body it is percent-encoded.
        assert_eq!(
            encode_value(&sig),
            "XtZirsmmi0noRzUfkqktvkVfxpkq%2FWtbLg2UOL3QGYdUBZVlqOBEMuEVw8zioY93N54NcKj9UuAXQEa9zgTDBg%3D%3D"
        );
    }

    #[test]
    fn other_secrets_are_hmac_and_other_pem_keys_are_refused_unquoted() {
        let hmac = Signer::from_secret(&Secret::new(DOC_SECRET)).unwrap();
        assert_eq!(hmac.kind(), "HMAC-SHA256");
        assert_eq!(
            hmac.sign("a=1"),
            hmac_sha256_hex(&Secret::new(DOC_SECRET), "a=1")
        );
        let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
        for pem in [
            format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"),
            format!(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\n{body}\n-----END ENCRYPTED PRIVATE KEY-----"
            ),
            format!("-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----"),
        ] {
            let e = Signer::from_secret(&Secret::new(pem)).unwrap_err();
            assert!(!e.contains(body), "{e}");
            assert!(e.contains("RSA keys are not supported"), "{e}");
        }
    }

    #[test]
    fn encodes_json_arrays_and_reserved_characters() {
        let mut p = Params::new();
        p.push("symbols", r#"["BTCUSDT","BNBBTC"]"#);
        assert_eq!(p.encode(), "symbols=%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D");
    }
}
