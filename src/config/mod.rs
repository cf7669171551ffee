//! Configuration: the file format, where it is found, and the effective settings.

pub mod show;
pub mod tokens;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{OpError, OpResult};

/// Environment variable naming the config file.
pub const CONFIG_ENV: &str = "NAUTILUS_MCP_CONFIG";
/// Environment variable naming the state directory.
pub const HOME_ENV: &str = "NAUTILUS_MCP_HOME";

/// The configuration file (`nautilus-mcp.toml` or `config.json`). Every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Directory for the state database and logs.
    pub state_dir: Option<PathBuf>,
    /// Venue used when a request names none (default BINANCE).
    pub default_venue: Option<String>,
    #[serde(default)]
    pub logging: LoggingConfig,
    #[serde(default)]
    pub trading: TradingDefaults,
    /// Risk limits applied to every order (node settings override them).
    #[serde(default)]
    pub risk: RiskLimits,
    /// Per-venue connection details, keyed by venue name.
    #[serde(default)]
    pub venues: BTreeMap<String, VenueConfig>,
    #[serde(default)]
    pub server: ServerConfig,
}

/// Logging settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoggingConfig {
    /// `error`, `warn`, `info`, `debug` or `trace` (default `warn`; `--log-level` and
    /// `RUST_LOG` override).
    pub level: Option<String>,
    /// Write JSON log lines to this file instead of human lines to stderr.
    pub file: Option<PathBuf>,
    /// Level for NautilusTrader's own log (default `off`); it goes to `nautilus.log` in the
    /// state directory, never to stdout.
    pub nautilus_level: Option<String>,
}

/// The log levels, quietest first (`logging.level` and `logging.nautilus_level` name one).
pub const LOG_LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

/// Defaults for trading requests.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TradingDefaults {
    /// Default time in force of limit and stop orders that name none: GTC (the default), IOC,
    /// FOK or DAY.
    pub time_in_force: Option<String>,
    /// Starting balances for a new paper account, e.g. `["100000 USDT", "1 BTC"]`.
    pub paper_balances: Option<Vec<String>>,
}

/// Pre-trade risk limits. Values are exact decimals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskLimits {
    /// Largest quantity of a single order.
    pub max_order_size: Option<Decimal>,
    /// Largest notional (quantity x price, in the quote currency) of a single order.
    pub max_notional_per_order: Option<Decimal>,
    /// Most orders open at once.
    pub max_open_orders: Option<u32>,
    /// Most order submissions per second.
    pub max_order_submit_rate: Option<u32>,
    /// Only these instruments may be traded (empty: all).
    pub allowed_instruments: Option<Vec<String>>,
    /// Halt the node when the day's realized plus unrealized loss exceeds this amount.
    pub daily_loss_limit: Option<Decimal>,
}

/// Connection details for one venue.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VenueConfig {
    /// `paper`, `testnet` or `live`.
    pub mode: Option<String>,
    /// Live trading needs this set to true as well as `mode: live` in the request.
    #[serde(default)]
    pub allow_live: bool,
    /// REST base URL override.
    pub base_url: Option<String>,
    /// WebSocket API URL override.
    pub ws_api_url: Option<String>,
    /// Market stream URL override.
    pub stream_url: Option<String>,
    /// File holding `api_key` and `secret_key` (must be readable by the owner only).
    pub credentials_file: Option<PathBuf>,
    /// Receive window in milliseconds for signed requests (default 5000).
    pub recv_window_ms: Option<u64>,
    /// Time allowed for one REST request in milliseconds (default 10000); past it the outcome
    /// is unknown and the order is resolved by querying it.
    pub request_timeout_ms: Option<u64>,
    /// Only these symbols' instruments are loaded on connect (default: every trading symbol).
    pub symbols: Option<Vec<String>>,
    /// Which submissions, modifications and cancel-alls the person confirms before they are
    /// sent: `always`, `above_notional` (orders worth more than `confirm_above_notional`) or
    /// `never`. Default: `always` in live mode, `never` in paper and testnet. Only this file
    /// sets it: nothing a caller sends turns it off.
    pub confirm: Option<ConfirmPolicy>,
    /// The notional (quote currency) above which `confirm = "above_notional"` asks.
    pub confirm_above_notional: Option<Decimal>,
}

/// When orders on a venue are confirmed by the person before they are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmPolicy {
    /// Every submission, modification and cancel-all.
    Always,
    /// Those whose notional is above `confirm_above_notional`.
    AboveNotional,
    /// None.
    Never,
}

impl ConfirmPolicy {
    /// `always`, `above_notional` or `never`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::AboveNotional => "above_notional",
            Self::Never => "never",
        }
    }
}

/// Settings for `mcp --http`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Bind address (default 127.0.0.1). Anything but loopback needs tokens.
    pub bind: Option<String>,
    /// Port (default 8765).
    pub port: Option<u16>,
    /// File of token hashes written by `token create` (default `<state_dir>/tokens.json`).
    pub tokens_file: Option<PathBuf>,
    /// Token hashes given in the config itself (`[[server.tokens]]` with name, scope, sha256).
    #[serde(default)]
    pub tokens: Vec<tokens::TokenRecord>,
    /// Extra allowed `Origin` values for browser clients, e.g. `https://app.example.com:443`
    /// (loopback origins are always allowed).
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Host names clients (or a reverse proxy) use to reach the server, e.g.
    /// `mcp.example.com`; requests with another `Host` are refused (DNS rebinding).
    /// Loopback names and the bind address are always allowed.
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    /// Seconds a shutdown waits for calls in flight before cancelling them (default 30).
    pub shutdown_grace_secs: Option<u64>,
    /// Backtest engines, sweep runs, generations and imports running at once across every
    /// call (default: the number of cores).
    pub max_research_jobs: Option<usize>,
    /// Research calls that may wait for a slot; more are refused with BUSY (default 64).
    pub max_queued_jobs: Option<usize>,
    /// Seconds a client may take to send a request's head (default 10).
    pub header_timeout_secs: Option<u64>,
    /// Seconds a connection may carry nothing either way before it is closed (default 300;
    /// streams send a keep-alive every 15 s).
    pub idle_timeout_secs: Option<u64>,
    /// Connections open at once; the next is answered 503 (default 1000).
    pub max_connections: Option<usize>,
    /// MCP sessions at once; a new one past it is answered 503 (default 500).
    pub max_sessions: Option<usize>,
    /// Seconds a session may go without a request before it is closed (default 1800).
    pub session_idle_secs: Option<u64>,
    /// Resource subscriptions one session may hold (default 100).
    pub max_subscriptions: Option<usize>,
}

impl ConfigFile {
    /// Reads and parses a config file (TOML or JSON, by extension or content).
    pub fn load(path: &Path) -> OpResult<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| OpError::io(format!("config file {}", path.display()), e))?;
        let is_json =
            path.extension().is_some_and(|e| e == "json") || text.trim_start().starts_with('{');
        let file: Self = if is_json {
            serde_json::from_str(&text)
                .map_err(|e| OpError::invalid("config", format!("{}: {e}", path.display())))?
        } else {
            toml::from_str(&text).map_err(|e| {
                OpError::invalid("config", format!("{}: {}", path.display(), e.message()))
            })?
        };
        file.validate(path)?;
        Ok(file)
    }

    /// Checks the values serde cannot.
    fn validate(&self, path: &Path) -> OpResult<()> {
        if let Some(tif) = &self.trading.time_in_force
            && !DEFAULT_TIMES_IN_FORCE.contains(&tif.to_ascii_uppercase().as_str())
        {
            return Err(OpError::invalid(
                "config.trading.time_in_force",
                format!(
                    "{}: '{tif}' is not one of {}",
                    path.display(),
                    DEFAULT_TIMES_IN_FORCE.join(", ")
                ),
            ));
        }
        for (name, venue) in &self.venues {
            let field = format!("config.venues.{name}.confirm_above_notional");
            match (venue.confirm, venue.confirm_above_notional) {
                (Some(ConfirmPolicy::AboveNotional), None) => {
                    return Err(OpError::invalid(
                        &field,
                        format!(
                            "{}: confirm = \"above_notional\" needs confirm_above_notional (the notional above which orders are confirmed)",
                            path.display()
                        ),
                    ));
                }
                (_, Some(n)) if n <= Decimal::ZERO => {
                    return Err(OpError::invalid(
                        &field,
                        format!("{}: must be positive, got {n}", path.display()),
                    ));
                }
                _ => {}
            }
        }
        if let Some(level) = &self.logging.nautilus_level
            && level.parse::<log::LevelFilter>().is_err()
        {
            return Err(OpError::invalid(
                "config.logging.nautilus_level",
                format!(
                    "{}: '{level}' is not one of {}",
                    path.display(),
                    LOG_LEVELS.join(", ")
                ),
            ));
        }
        Ok(())
    }
}

/// The times in force a config may make the default (GTD needs an expiry per order).
pub const DEFAULT_TIMES_IN_FORCE: [&str; 4] = ["GTC", "IOC", "FOK", "DAY"];

/// Where the config file comes from: `--config`, then `NAUTILUS_MCP_CONFIG`, then
/// `nautilus-mcp.toml` or `config.json` in the user's config directory.
#[must_use]
pub fn locate_config(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "nautilus-mcp")?;
    ["nautilus-mcp.toml", "config.json"]
        .iter()
        .map(|name| dirs.config_dir().join(name))
        .find(|p| p.is_file())
}

/// The settings a process runs with, after flags, environment and file are combined.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_path: Option<PathBuf>,
    pub file: ConfigFile,
    pub state_dir: PathBuf,
}

impl Settings {
    /// Combines the explicit flags with the environment and the config file.
    pub fn resolve(config: Option<&Path>, state_dir: Option<&Path>) -> OpResult<Self> {
        let config_path = locate_config(config);
        let file = match &config_path {
            Some(p) => ConfigFile::load(p)?,
            None => ConfigFile::default(),
        };
        let state_dir = state_dir
            .map(Path::to_path_buf)
            .or_else(|| {
                std::env::var_os(HOME_ENV)
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .or_else(|| file.state_dir.clone())
            .or_else(|| {
                directories::ProjectDirs::from("", "", "nautilus-mcp")
                    .map(|d| d.data_dir().to_path_buf())
            })
            .ok_or_else(|| {
                OpError::state(format!(
                    "no state directory: pass --state-dir or set {HOME_ENV}"
                ))
            })?;
        Ok(Self {
            config_path,
            file,
            state_dir,
        })
    }

    /// Settings for a given state directory and default file (tests, benchmarks).
    #[must_use]
    pub fn for_state_dir(state_dir: PathBuf) -> Self {
        Self {
            config_path: None,
            file: ConfigFile::default(),
            state_dir,
        }
    }

    /// The default venue name.
    #[must_use]
    pub fn default_venue(&self) -> String {
        self.file
            .default_venue
            .clone()
            .unwrap_or_else(|| "BINANCE".to_string())
            .to_ascii_uppercase()
    }

    /// The venue's configuration, if any.
    #[must_use]
    pub fn venue(&self, name: &str) -> Option<&VenueConfig> {
        self.file
            .venues
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The path of the SQLite database.
    #[must_use]
    pub fn database_path(&self) -> PathBuf {
        self.state_dir.join("state.db")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> OpResult<ConfigFile> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nautilus-mcp.toml");
        std::fs::write(&path, text).unwrap();
        ConfigFile::load(&path)
    }

    #[test]
    fn values_serde_cannot_check_are_refused_naming_the_key() {
        for (text, key) in [
            (
                "[trading]\ntime_in_force = \"GTD\"\n",
                "config.trading.time_in_force",
            ),
            (
                "[logging]\nnautilus_level = \"loud\"\n",
                "config.logging.nautilus_level",
            ),
            (
                "[venues.BINANCE]\nconfirm = \"above_notional\"\n",
                "config.venues.BINANCE.confirm_above_notional",
            ),
            (
                "[venues.BINANCE]\nconfirm_above_notional = \"-5\"\n",
                "config.venues.BINANCE.confirm_above_notional",
            ),
        ] {
            let err = load(text).unwrap_err();
            assert_eq!(err.details.unwrap()["field"], key);
        }
        let ok = load("[trading]\ntime_in_force = \"ioc\"\n[logging]\nnautilus_level = \"info\"\n");
        assert!(ok.is_ok());
    }
}
