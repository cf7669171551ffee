//! The node's stored settings and a paper venue's settings.

use std::{collections::BTreeSet, str::FromStr};

use nautilus_model::{
    enums::{AccountType, BookType, OmsType, TradingState},
    identifiers::{AccountId, TraderId, Venue},
    types::{Currency, Money},
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    config::RiskLimits,
    data::{
        currencies,
        instruments::{currency, currency_codes},
    },
    error::{OpError, OpResult},
    store::{Db, instruments},
};

/// What `initialize_trading_node` stores.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct NodeConfig {
    /// Venues the node trades on.
    pub venues: Vec<String>,
    /// Log level of the node's own logging.
    pub log_level: Option<String>,
    /// Risk limits; unset limits fall back to the config file's `[risk]`.
    pub risk: RiskLimits,
}

impl NodeConfig {
    /// The node's limits over the config file's.
    #[must_use]
    pub fn effective_risk(&self, file: &RiskLimits) -> RiskLimits {
        RiskLimits {
            max_order_size: self.risk.max_order_size.or(file.max_order_size),
            max_notional_per_order: self
                .risk
                .max_notional_per_order
                .or(file.max_notional_per_order),
            max_open_orders: self.risk.max_open_orders.or(file.max_open_orders),
            max_order_submit_rate: self
                .risk
                .max_order_submit_rate
                .or(file.max_order_submit_rate),
            allowed_instruments: self
                .risk
                .allowed_instruments
                .clone()
                .or_else(|| file.allowed_instruments.clone()),
            daily_loss_limit: self.risk.daily_loss_limit.or(file.daily_loss_limit),
        }
    }
}

/// How a venue is reached.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum VenueMode {
    /// Simulated on Nautilus's matching engine, driven by the catalog or pushed data.
    Paper,
    /// The venue's test environment (real API, no real money).
    Testnet,
    /// The real venue with real money.
    Live,
}

impl VenueMode {
    /// `paper`, `testnet` or `live`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Paper => "paper",
            Self::Testnet => "testnet",
            Self::Live => "live",
        }
    }

    /// Parses a stored mode.
    pub fn parse(s: &str) -> OpResult<Self> {
        match s {
            "paper" => Ok(Self::Paper),
            "testnet" => Ok(Self::Testnet),
            "live" => Ok(Self::Live),
            other => Err(OpError::internal(format!(
                "stored venue mode '{other}' is unknown"
            ))),
        }
    }
}

/// A paper venue's account and simulation settings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PaperSettings {
    /// CASH or MARGIN.
    pub account_type: String,
    /// NETTING or HEDGING.
    pub oms_type: String,
    /// Leverage of a margin account.
    pub leverage: Option<Decimal>,
    /// Starting balances, e.g. ["100000 USDT", "1 BTC"].
    pub starting_balances: Vec<String>,
    /// Maker fee rate overriding the instruments' (e.g. 0.001).
    pub maker_fee: Option<Decimal>,
    /// Taker fee rate overriding the instruments'.
    pub taker_fee: Option<Decimal>,
    /// The matching engines' book: L1_MBP (top of book from quotes, trades and bars) or
    /// L2_MBP (price levels from pushed depth snapshots). Venues stored before it existed are
    /// L1_MBP.
    #[serde(default = "default_book_type")]
    pub book_type: String,
}

/// The book types a paper venue can simulate.
pub const BOOK_TYPES: [&str; 2] = ["L1_MBP", "L2_MBP"];

fn default_book_type() -> String {
    BOOK_TYPES[0].into()
}

impl PaperSettings {
    /// The instrument as this venue trades it: its fee overrides applied.
    pub fn apply_fees(&self, def: &mut crate::data::instruments::InstrumentDef) {
        if let Some(f) = self.maker_fee {
            def.maker_fee = f;
        }
        if let Some(f) = self.taker_fee {
            def.taker_fee = f;
        }
    }

    /// The Nautilus account type.
    #[must_use]
    pub fn account_type(&self) -> AccountType {
        if self.account_type == "MARGIN" {
            AccountType::Margin
        } else {
            AccountType::Cash
        }
    }

    /// The Nautilus OMS type.
    #[must_use]
    pub fn oms_type(&self) -> OmsType {
        if self.oms_type == "HEDGING" {
            OmsType::Hedging
        } else {
            OmsType::Netting
        }
    }

    /// The Nautilus book type of the venue's matching engines.
    #[must_use]
    pub fn book_type(&self) -> BookType {
        if self.book_type == "L2_MBP" {
            BookType::L2_MBP
        } else {
            BookType::L1_MBP
        }
    }

    /// The starting balances as money.
    pub fn balances(&self) -> OpResult<Vec<Money>> {
        self.starting_balances
            .iter()
            .map(|b| parse_balance("starting_balances", b))
            .collect()
    }
}

/// A real venue's settings as connected (no credentials: those never reach the store).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct LiveSettings {
    /// REST base URL at connection.
    pub rest_url: String,
    /// WebSocket API URL (user data stream).
    pub ws_api_url: String,
    /// Market streams URL.
    pub stream_url: String,
    /// Offset of the venue's clock to this machine's (ms), measured at connection and used
    /// for request timestamps until a timestamp error measures it again.
    pub clock_offset_ms: i64,
    /// Instruments loaded from the venue's exchange info.
    pub instruments: usize,
    /// The account's maker and taker commission rates.
    pub maker_fee: Decimal,
    pub taker_fee: Decimal,
    /// Set when the venue banned this IP (HTTP 418): nothing is sent before this time (ms).
    #[serde(default)]
    pub banned_until_ms: Option<i64>,
}

/// Parses "100000 USDT" (or "USDT=100000").
pub fn parse_balance(field: &str, text: &str) -> OpResult<Money> {
    let t = text.trim();
    let (amount, code) = if let Some((c, a)) = t.split_once('=') {
        (a.trim(), c.trim())
    } else {
        let mut parts = t.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(c), None) => (a, c),
            _ => {
                return Err(OpError::invalid(
                    field,
                    format!("'{text}' is not AMOUNT CURRENCY (e.g. 100000 USDT)"),
                ));
            }
        }
    };
    let amount = Decimal::from_str(amount)
        .map_err(|_| OpError::invalid(field, format!("'{amount}' is not a number")))?;
    if amount < Decimal::ZERO {
        return Err(OpError::invalid(field, format!("'{text}' is negative")));
    }
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(OpError::invalid(
            field,
            format!("'{code}' is not a currency code"),
        ));
    }
    let ccy: Currency = currency(code);
    Money::from_decimal(amount, ccy).map_err(|e| OpError::invalid(field, e.to_string()))
}

/// Whether Nautilus knows `code` or an instrument definition names it.
pub fn is_known_currency(conn: &Db, code: &str) -> OpResult<bool> {
    Ok(currencies::is_builtin(code)
        || instruments::all(conn)?
            .iter()
            .any(|k| currency_codes(&k.def).iter().any(|c| c == code)))
}

/// Refuses a balance in a currency that neither Nautilus knows nor an instrument definition
/// names: the account would hold a currency no other process can read back.
pub fn check_balance_currency(conn: &Db, field: &str, venue: &str, money: &Money) -> OpResult<()> {
    let code = money.currency.code.as_str();
    if currencies::is_builtin(code) {
        return Ok(());
    }
    let known = instruments::all(conn)?;
    if known
        .iter()
        .any(|k| currency_codes(&k.def).iter().any(|c| c == code))
    {
        return Ok(());
    }
    let venue_codes: BTreeSet<String> = known
        .iter()
        .filter(|k| k.def.id.ends_with(&format!(".{venue}")))
        .flat_map(|k| currency_codes(&k.def))
        .collect();
    let listed: Vec<String> = venue_codes.into_iter().take(20).collect();
    Err(OpError::invalid(
        field,
        format!(
            "currency '{code}' is unknown: use a currency Nautilus knows (e.g. USD, USDT, BTC, EUR) or one an imported instrument defines{}",
            if listed.is_empty() {
                String::new()
            } else {
                format!(" ({venue}'s instruments use {})", listed.join(", "))
            }
        ),
    ))
}

/// The node's trader id (`NAME-TAG`).
pub fn trader_id(text: &str) -> OpResult<TraderId> {
    let t = text.trim();
    if !t.contains('-')
        || t.starts_with('-')
        || t.ends_with('-')
        || !t
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(OpError::invalid(
            "trader_id",
            format!("'{text}' is not NAME-TAG (e.g. TRADER-001)"),
        ));
    }
    TraderId::new_checked(t).map_err(|e| OpError::invalid("trader_id", e.to_string()))
}

/// The account id of a venue (`VENUE-001`).
#[must_use]
pub fn account_id(venue: Venue) -> AccountId {
    AccountId::from(format!("{venue}-001").as_str())
}

/// ACTIVE, HALTED or REDUCING as a Nautilus trading state.
#[must_use]
pub fn trading_state(text: &str) -> TradingState {
    match text {
        "HALTED" => TradingState::Halted,
        "REDUCING" => TradingState::Reducing,
        _ => TradingState::Active,
    }
}
