//! Who is calling: a [`Caller`] with its [`Scope`], the one fact every face, token and check
//! agrees on. Which operations a scope permits is the registry's business
//! (`ops::access`, `Scope::permits`).

use std::{fmt, str::FromStr};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{OpError, OpResult};

/// What a caller may do: a bearer token's scope, or the CLI user's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Reads, backtests and the data catalog (`read` and `research` operations).
    Read,
    /// Also orders, the paper market, halting the node (`trade` operations).
    Trade,
    /// Also node, venue and strategy setup, and resuming after a halt (`admin` operations).
    Admin,
}

impl Scope {
    /// Every scope, weakest first.
    pub const ALL: [Self; 3] = [Self::Read, Self::Trade, Self::Admin];

    /// `read`, `trade` or `admin`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Trade => "trade",
            Self::Admin => "admin",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = OpError;

    fn from_str(s: &str) -> OpResult<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                OpError::invalid("scope", format!("'{s}' is not one of read, trade, admin"))
            })
    }
}

/// Who is calling: a name for the journal and logs (never a secret) and a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// `cli`, `stdio`, `http` (no authentication) or `token:<name>`.
    pub name: String,
    pub scope: Scope,
}

impl Caller {
    /// A caller with a name and scope.
    pub fn new(name: impl Into<String>, scope: Scope) -> Self {
        Self {
            name: name.into(),
            scope,
        }
    }
}

impl Default for Caller {
    fn default() -> Self {
        Self::new("cli", Scope::Admin)
    }
}
