//! [`BinanceError`]: what a Binance request can end in.
//!
//! Messages carry Binance's code and text, HTTP statuses and transport descriptions (without
//! URLs); they never carry the API key, the secret or a signature.

use std::time::Duration;

/// An error from a Binance REST or WebSocket request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BinanceError {
    /// The venue refused the request: new order rejected (-2010, e.g. insufficient balance or
    /// duplicate client order id), cancel rejected (-2011), no such order (-2013), filter failure
    /// (-1013), bad API key (-2014/-2015)...
    #[error("rejected by Binance (code {code}): {msg}")]
    Rejected {
        /// Binance's error code.
        code: i64,
        /// Binance's message.
        msg: String,
    },
    /// The request itself is malformed (-11xx) or not acceptable as signed (-1021 after a clock
    /// resync, -1022).
    #[error("invalid request (code {code}): {msg}")]
    InvalidRequest {
        /// Binance's error code.
        code: i64,
        /// Binance's message.
        msg: String,
    },
    /// HTTP 429 still received after the bounded retries, or a throttle wait longer than allowed.
    #[error("rate limited by Binance; retry after {retry_after:?}")]
    RateLimited {
        /// How long to wait (from `Retry-After`).
        retry_after: Duration,
    },
    /// HTTP 418: the IP is banned. Nothing is retried.
    #[error("IP banned by Binance; retry after {retry_after:?}")]
    Banned {
        /// How long the ban lasts (from `Retry-After`).
        retry_after: Duration,
    },
    /// The request could not be sent (connection refused, DNS, TLS): it had no effect.
    #[error("network error (request not sent): {0}")]
    Network(String),
    /// The connection broke after the request was written: the outcome is unknown.
    #[error("connection lost after the request was sent; outcome unknown: {0}")]
    ConnectionLost(String),
    /// HTTP 5xx, or Binance's -1006/-1007 ("execution status unknown"): the outcome is unknown.
    #[error("Binance server error (HTTP {status}); outcome unknown: {msg}")]
    Server {
        /// HTTP status.
        status: u16,
        /// Binance's message or the status text.
        msg: String,
    },
    /// No response within the configured timeout after the request was sent: outcome unknown.
    #[error("timed out waiting for Binance's response; outcome unknown")]
    Timeout,
    /// A success response whose body could not be read as expected.
    #[error("unexpected response body: {0}")]
    Decode(String),
    /// Invalid client configuration (bad URL...).
    #[error("configuration error: {0}")]
    Config(String),
}

impl BinanceError {
    /// Whether the request may or may not have taken effect at the venue (so the caller must
    /// query the venue to learn what happened): timeouts, connections lost after the request was
    /// written, 5xx / -1006 / -1007, and success responses that could not be decoded.
    pub fn is_unknown_outcome(&self) -> bool {
        matches!(
            self,
            Self::Timeout | Self::ConnectionLost(_) | Self::Server { .. } | Self::Decode(_)
        )
    }

    /// Binance's error code, when the venue sent one.
    pub fn code(&self) -> Option<i64> {
        match self {
            Self::Rejected { code, .. } | Self::InvalidRequest { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Classifies a Binance `{code, msg}` error body received with a 4xx status.
    pub fn from_code(status: u16, code: i64, msg: String) -> Self {
        match code {
            -1006 | -1007 => Self::Server { status, msg },
            -1199..=-1100 | -1021 | -1022 => Self::InvalidRequest { code, msg },
            _ => Self::Rejected { code, msg },
        }
    }
}
