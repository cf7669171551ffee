//! A venue account's credentials: [`ApiKeys`] made of [`Secret`]s, which never print.

use std::fmt;

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

/// The API key and secret of an account (an HMAC secret or a PEM PKCS#8 Ed25519 private key).
/// `Debug` prints `***`.
#[derive(Clone)]
pub struct ApiKeys {
    pub api_key: Secret,
    pub secret: Secret,
    /// Where the keys came from, for messages (never the keys): "the environment
    /// (BINANCE_API_KEY, BINANCE_API_SECRET)", "the credentials file PATH", "the connect_venue
    /// request".
    pub source: String,
}

impl fmt::Debug for ApiKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKeys(***)")
    }
}
