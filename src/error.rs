//! The one error type of the crate, with a category and a stable code: every layer returns it,
//! and its codes are the product's contract (CLI exit codes, MCP `isError` results).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who is at fault, which decides the CLI exit code and how a caller should react.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Invalid input or a request that does not fit the current state: fix the request.
    Client,
    /// Refused by a risk check or a venue: the request was valid but was not accepted.
    Trading,
    /// I/O, network or internal fault: retrying may help.
    System,
}

impl Category {
    /// The process exit code the CLI uses for this category.
    #[must_use]
    pub const fn exit_code(self) -> u8 {
        match self {
            Self::Client => 2,
            Self::Trading => 3,
            Self::System => 4,
        }
    }
}

/// Stable machine-readable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    InvalidParameter,
    NotFound,
    AlreadyExists,
    InvalidState,
    PermissionDenied,
    /// The answer is larger than the channel can carry (an MCP message): ask for less.
    ResponseTooLarge,
    OrderDenied,
    OrderRejected,
    TradingHalted,
    VenueUnavailable,
    VenueError,
    RateLimited,
    Busy,
    Cancelled,
    Io,
    /// The stored state disagrees with the journal it is derived from.
    StateInconsistent,
    Internal,
}

impl Code {
    /// The category a code belongs to.
    #[must_use]
    pub const fn category(self) -> Category {
        match self {
            Self::InvalidParameter
            | Self::NotFound
            | Self::AlreadyExists
            | Self::InvalidState
            | Self::PermissionDenied
            | Self::ResponseTooLarge
            | Self::Cancelled => Category::Client,
            Self::OrderDenied | Self::OrderRejected | Self::TradingHalted | Self::VenueError => {
                Category::Trading
            }
            Self::VenueUnavailable
            | Self::RateLimited
            | Self::Busy
            | Self::Io
            | Self::StateInconsistent
            | Self::Internal => Category::System,
        }
    }

    /// The code as it appears in JSON.
    #[must_use]
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// An operation's failure: category, code, a message naming the field and the problem,
/// and optional structured details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct OpError {
    pub category: Category,
    pub code: Code,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

impl OpError {
    /// An error with the category implied by its code.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            category: code.category(),
            code,
            message: message.into(),
            details: None,
        }
    }

    /// Attach structured details.
    #[must_use]
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    /// A parameter had a value that cannot be used; `field` names it.
    pub fn invalid(field: &str, problem: impl fmt::Display) -> Self {
        Self::new(Code::InvalidParameter, format!("{field}: {problem}"))
            .with_details(serde_json::json!({ "field": field }))
    }

    /// Something the caller named does not exist.
    pub fn not_found(what: &str, id: impl fmt::Display) -> Self {
        Self::new(Code::NotFound, format!("{what} '{id}' not found"))
    }

    /// The request is valid but the current state does not allow it.
    pub fn state(message: impl Into<String>) -> Self {
        Self::new(Code::InvalidState, message)
    }

    /// An internal fault; the message should still say what was being done.
    pub fn internal(message: impl fmt::Display) -> Self {
        Self::new(Code::Internal, message.to_string())
    }

    /// An I/O fault on a path or resource.
    pub fn io(context: impl fmt::Display, err: impl fmt::Display) -> Self {
        Self::new(Code::Io, format!("{context}: {err}"))
    }

    /// The JSON document printed by `--json` and returned as MCP structured content.
    #[must_use]
    pub fn to_document(&self) -> Value {
        serde_json::json!({ "error": self })
    }
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} error [{}]: {}",
            self.category_str(),
            self.code.as_str(),
            self.message
        )
    }
}

impl OpError {
    fn category_str(&self) -> &'static str {
        match self.category {
            Category::Client => "client",
            Category::Trading => "trading",
            Category::System => "system",
        }
    }
}

impl std::error::Error for OpError {}

/// Result alias for operations.
pub type OpResult<T> = Result<T, OpError>;
