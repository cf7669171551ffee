//! Instrument definitions: a readable JSON form, converted to Nautilus `InstrumentAny`.

use std::str::FromStr;

use nautilus_core::UnixNanos;
use nautilus_model::{
    enums::{AssetClass, CurrencyType},
    identifiers::InstrumentId,
    instruments::{
        CryptoPerpetual, CurrencyPair, Equity, FuturesContract, Instrument, InstrumentAny,
    },
    types::{Currency, Money, Price, Quantity},
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ustr::Ustr;

use crate::{
    error::{OpError, OpResult},
    values::parse_instrument_id,
};

/// The definitions shipped with the binary (also `data/instruments.json`).
pub const BUILTIN_JSON: &str = include_str!("../../data/instruments.json");

/// The kind of instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// Spot currency pair (crypto spot or FX), e.g. BTCUSDT or USD/JPY.
    #[serde(alias = "fx_pair", alias = "spot")]
    CurrencyPair,
    /// Perpetual swap settled in `settlement` (linear) or base (inverse).
    CryptoPerpetual,
    /// Listed equity.
    Equity,
    /// Dated futures contract, e.g. CME 6EH4.
    #[serde(alias = "futures_contract")]
    Future,
}

impl InstrumentKind {
    /// Name as used in JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CurrencyPair => "currency_pair",
            Self::CryptoPerpetual => "crypto_perpetual",
            Self::Equity => "equity",
            Self::Future => "future",
        }
    }
}

/// One instrument, as written in `instruments.json`. Decimals may be strings or numbers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDef {
    /// `SYMBOL.VENUE`, e.g. `BTCUSDT.BINANCE`.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: InstrumentKind,
    /// Base currency or asset (currency pairs, perpetuals).
    #[serde(default)]
    pub base: Option<String>,
    /// Quote currency; the currency of prices.
    pub quote: String,
    /// Settlement currency for perpetuals (defaults to quote).
    #[serde(default)]
    pub settlement: Option<String>,
    /// Inverse perpetual (settled in base).
    #[serde(default)]
    pub inverse: bool,
    /// Smallest price step, e.g. "0.01"; its decimals give the price precision.
    pub price_increment: Decimal,
    /// Smallest quantity step, e.g. "0.001"; its decimals give the size precision.
    #[serde(default = "one")]
    pub size_increment: Decimal,
    /// Contract multiplier (default 1).
    #[serde(default)]
    pub multiplier: Option<Decimal>,
    #[serde(default)]
    pub lot_size: Option<Decimal>,
    #[serde(default)]
    pub min_quantity: Option<Decimal>,
    #[serde(default)]
    pub max_quantity: Option<Decimal>,
    /// Smallest order value in the quote currency.
    #[serde(default)]
    pub min_notional: Option<Decimal>,
    #[serde(default)]
    pub max_notional: Option<Decimal>,
    /// Maker fee rate, e.g. "0.001" for 0.1%.
    #[serde(default)]
    pub maker_fee: Decimal,
    /// Taker fee rate.
    #[serde(default)]
    pub taker_fee: Decimal,
    /// Initial margin rate (margin accounts).
    #[serde(default)]
    pub margin_init: Decimal,
    /// Maintenance margin rate.
    #[serde(default)]
    pub margin_maint: Decimal,
    /// Asset class of a future (FX, equity, commodity, index...).
    #[serde(default)]
    pub asset_class: Option<String>,
    /// Underlying of a future.
    #[serde(default)]
    pub underlying: Option<String>,
    /// Expiry of a future, ISO-8601.
    #[serde(default)]
    pub expiration: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Lowest accepted price (a venue's price filter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_price: Option<Decimal>,
    /// Highest accepted price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_price: Option<Decimal>,
    /// Price band around the recent average price (Binance's `PERCENT_PRICE_BY_SIDE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_price: Option<PercentPrice>,
}

/// A price band relative to the venue's recent average price: a buy must be priced between
/// `bid_multiplier_down` and `bid_multiplier_up` times it, a sell between the ask multipliers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PercentPrice {
    pub bid_multiplier_up: Decimal,
    pub bid_multiplier_down: Decimal,
    pub ask_multiplier_up: Decimal,
    pub ask_multiplier_down: Decimal,
    /// Minutes of the average price.
    pub avg_price_mins: u32,
}

fn one() -> Decimal {
    Decimal::ONE
}

/// A file of definitions: `{"instruments": [...]}` or a bare array.
#[derive(Debug, Clone, Copy)]
pub struct InstrumentFile;

impl InstrumentFile {
    /// Parses a file's text, naming the definition and field on error.
    pub fn parse(text: &str, origin: &str) -> OpResult<Vec<InstrumentDef>> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| OpError::invalid("instruments", format!("{origin}: not JSON: {e}")))?;
        let list = match value {
            serde_json::Value::Object(mut m) if m.contains_key("instruments") => {
                m.remove("instruments").unwrap_or_default()
            }
            v @ serde_json::Value::Array(_) => v,
            _ => {
                return Err(OpError::invalid(
                    "instruments",
                    format!(
                        "{origin}: expected {{\"instruments\": [...]}} or an array of definitions"
                    ),
                ));
            }
        };
        let defs: Vec<InstrumentDef> = serde_path_to_error::deserialize(list).map_err(|e| {
            OpError::invalid(
                "instruments",
                format!("{origin}: at instruments{}: {}", e.path(), e.inner()),
            )
        })?;
        for def in &defs {
            def.to_nautilus()?;
        }
        Ok(defs)
    }
}

/// The definitions shipped with the binary (parsed once per process).
#[must_use]
pub fn builtin() -> Vec<InstrumentDef> {
    static BUILTIN: std::sync::OnceLock<Vec<InstrumentDef>> = std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            InstrumentFile::parse(BUILTIN_JSON, "built-in instruments")
                .expect("shipped instruments are valid")
        })
        .clone()
}

fn precision_of(d: Decimal) -> u8 {
    d.normalize().scale() as u8
}

/// Resolves a currency code, registering an unknown one (as crypto with 8 decimals) so that
/// Nautilus accepts it.
#[must_use]
pub fn currency(code: &str) -> Currency {
    let code = code.trim().to_ascii_uppercase();
    super::currencies::register(&code)
        .unwrap_or_else(|_| Currency::new(&code, 8, 0, &code, CurrencyType::Crypto))
}

/// The currency codes a definition names (base, quote, settlement).
#[must_use]
pub fn currency_codes(def: &InstrumentDef) -> Vec<String> {
    [
        def.base.as_deref(),
        Some(def.quote.as_str()),
        def.settlement.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|c| c.trim().to_ascii_uppercase())
    .collect()
}

fn price(field: &str, d: Decimal, precision: u8) -> OpResult<Price> {
    Price::from_decimal_dp(d, precision).map_err(|e| OpError::invalid(field, format!("{d}: {e}")))
}

fn qty(field: &str, d: Decimal, precision: u8) -> OpResult<Quantity> {
    Quantity::from_decimal_dp(d, precision)
        .map_err(|e| OpError::invalid(field, format!("{d}: {e}")))
}

impl InstrumentDef {
    /// The parsed instrument id.
    pub fn instrument_id(&self) -> OpResult<InstrumentId> {
        parse_instrument_id("id", &self.id)
    }

    /// Digits after the decimal point of prices.
    #[must_use]
    pub fn price_precision(&self) -> u8 {
        precision_of(self.price_increment)
    }

    /// Digits after the decimal point of quantities.
    #[must_use]
    pub fn size_precision(&self) -> u8 {
        precision_of(self.size_increment)
    }

    /// The Nautilus instrument.
    pub fn to_nautilus(&self) -> OpResult<InstrumentAny> {
        let id = self.instrument_id()?;
        let field = |name: &str| format!("instruments[{}].{name}", self.id);
        if self.price_increment <= Decimal::ZERO {
            return Err(OpError::invalid(
                &field("price_increment"),
                "must be positive",
            ));
        }
        if self.size_increment <= Decimal::ZERO {
            return Err(OpError::invalid(
                &field("size_increment"),
                "must be positive",
            ));
        }
        let pp = self.price_precision();
        let sp = self.size_precision();
        let quote = currency(&self.quote);
        let price_inc = price(&field("price_increment"), self.price_increment, pp)?;
        let size_inc = qty(&field("size_increment"), self.size_increment, sp)?;
        let q = |name: &str, v: Option<Decimal>| -> OpResult<Option<Quantity>> {
            v.map(|d| qty(&field(name), d, sp)).transpose()
        };
        let m = |name: &str, v: Option<Decimal>, c: Currency| -> OpResult<Option<Money>> {
            v.map(|d| {
                Money::from_decimal(d, c).map_err(|e| OpError::invalid(&field(name), e.to_string()))
            })
            .transpose()
        };
        let multiplier = self
            .multiplier
            .map(|d| qty(&field("multiplier"), d, precision_of(d)))
            .transpose()?;
        let lot = q("lot_size", self.lot_size)?;
        let min_q = q("min_quantity", self.min_quantity)?;
        let max_q = q("max_quantity", self.max_quantity)?;
        let base = || -> OpResult<Currency> {
            self.base
                .as_deref()
                .map(currency)
                .ok_or_else(|| OpError::invalid(&field("base"), "required for this type"))
        };
        let ts = UnixNanos::default();
        let symbol = id.symbol;
        let fee = |d: Decimal| Some(d);
        let inst = match self.kind {
            InstrumentKind::CurrencyPair => InstrumentAny::CurrencyPair(
                CurrencyPair::new_checked(
                    id,
                    symbol,
                    base()?,
                    quote,
                    pp,
                    sp,
                    price_inc,
                    size_inc,
                    multiplier,
                    lot,
                    max_q,
                    min_q,
                    m("max_notional", self.max_notional, quote)?,
                    m("min_notional", self.min_notional, quote)?,
                    self.max_price
                        .map(|d| price(&field("max_price"), d, pp))
                        .transpose()?,
                    self.min_price
                        .map(|d| price(&field("min_price"), d, pp))
                        .transpose()?,
                    Some(self.margin_init),
                    Some(self.margin_maint),
                    fee(self.maker_fee),
                    fee(self.taker_fee),
                    None,
                    ts,
                    ts,
                )
                .map_err(|e| OpError::invalid(&field("definition"), e.to_string()))?,
            ),
            InstrumentKind::CryptoPerpetual => {
                let settlement = self.settlement.as_deref().map_or(quote, currency);
                InstrumentAny::CryptoPerpetual(
                    CryptoPerpetual::new_checked(
                        id,
                        symbol,
                        base()?,
                        quote,
                        settlement,
                        self.inverse,
                        pp,
                        sp,
                        price_inc,
                        size_inc,
                        multiplier,
                        lot,
                        max_q,
                        min_q,
                        m("max_notional", self.max_notional, settlement)?,
                        m("min_notional", self.min_notional, settlement)?,
                        None,
                        None,
                        Some(self.margin_init),
                        Some(self.margin_maint),
                        fee(self.maker_fee),
                        fee(self.taker_fee),
                        None,
                        ts,
                        ts,
                    )
                    .map_err(|e| OpError::invalid(&field("definition"), e.to_string()))?,
                )
            }
            InstrumentKind::Equity => InstrumentAny::Equity(
                Equity::new_checked(
                    id,
                    symbol,
                    None,
                    quote,
                    pp,
                    price_inc,
                    lot,
                    max_q,
                    min_q,
                    None,
                    None,
                    Some(self.margin_init),
                    Some(self.margin_maint),
                    fee(self.maker_fee),
                    fee(self.taker_fee),
                    None,
                    ts,
                    ts,
                )
                .map_err(|e| OpError::invalid(&field("definition"), e.to_string()))?,
            ),
            InstrumentKind::Future => {
                let expiration = match &self.expiration {
                    Some(s) => {
                        crate::data::time::parse_timestamp(s)
                            .map_err(|e| OpError::invalid(&field("expiration"), e))?
                            .0
                    }
                    None => {
                        return Err(OpError::invalid(
                            &field("expiration"),
                            "required for a future",
                        ));
                    }
                };
                let class = self.asset_class.as_deref().unwrap_or("FX");
                let asset_class = AssetClass::from_str(&class.to_ascii_uppercase()).map_err(|_| {
                    OpError::invalid(
                        &field("asset_class"),
                        format!("unknown asset class '{class}' (FX, EQUITY, COMMODITY, DEBT, INDEX, CRYPTOCURRENCY)"),
                    )
                })?;
                let underlying = self
                    .underlying
                    .clone()
                    .unwrap_or_else(|| symbol.to_string());
                InstrumentAny::FuturesContract(
                    FuturesContract::new_checked(
                        id,
                        symbol,
                        asset_class,
                        Some(Ustr::from(id.venue.as_str())),
                        Ustr::from(&underlying),
                        UnixNanos::default(),
                        UnixNanos::from(expiration as u64),
                        quote,
                        pp,
                        price_inc,
                        multiplier.unwrap_or_else(|| Quantity::from(1)),
                        lot.unwrap_or_else(|| Quantity::from(1)),
                        max_q,
                        min_q,
                        None,
                        None,
                        Some(self.margin_init),
                        Some(self.margin_maint),
                        fee(self.maker_fee),
                        fee(self.taker_fee),
                        None,
                        ts,
                        ts,
                    )
                    .map_err(|e| OpError::invalid(&field("definition"), e.to_string()))?,
                )
            }
        };
        Ok(inst)
    }
}

/// A serialisable view of an instrument's definition: identity, precisions, increments,
/// limits, fees and margins.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InstrumentSummary {
    pub instrument_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub base: Option<String>,
    pub quote: String,
    pub price_precision: u8,
    pub size_precision: u8,
    pub price_increment: String,
    pub size_increment: String,
    pub min_quantity: Option<String>,
    pub max_quantity: Option<String>,
    pub min_notional: Option<String>,
    pub max_notional: Option<String>,
    pub maker_fee: String,
    pub taker_fee: String,
    pub margin_init: String,
    pub margin_maint: String,
    pub multiplier: String,
    /// Where the definition comes from: builtin, or the file it was imported from.
    pub definition: String,
}

impl InstrumentSummary {
    /// The summary of a definition.
    #[must_use]
    pub fn of(def: &InstrumentDef, inst: &InstrumentAny, source: &str) -> Self {
        Self {
            instrument_id: def.id.clone(),
            kind: def.kind.as_str().to_string(),
            base: def.base.clone(),
            quote: def.quote.clone(),
            price_precision: inst.price_precision(),
            size_precision: inst.size_precision(),
            price_increment: inst.price_increment().to_string(),
            size_increment: inst.size_increment().to_string(),
            min_quantity: inst.min_quantity().map(|q| q.to_string()),
            max_quantity: inst.max_quantity().map(|q| q.to_string()),
            min_notional: inst.min_notional().map(|m| m.to_string()),
            max_notional: inst.max_notional().map(|m| m.to_string()),
            maker_fee: def.maker_fee.normalize().to_string(),
            taker_fee: def.taker_fee.normalize().to_string(),
            margin_init: def.margin_init.normalize().to_string(),
            margin_maint: def.margin_maint.normalize().to_string(),
            multiplier: inst.multiplier().to_string(),
            definition: source.to_string(),
        }
    }
}
