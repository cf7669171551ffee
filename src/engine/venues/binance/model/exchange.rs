//! REST models of the exchange's rules: errors, server time, rate limits, exchange info and
//! the symbol rules (filters) orders are checked against.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{RateLimitInterval, RateLimitType};

/// Binance's error body: `{"code": -1121, "msg": "Invalid symbol."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// Error code (negative).
    pub code: i64,
    /// Message.
    pub msg: String,
}

/// `GET /api/v3/time`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerTime {
    /// Server time (ms).
    pub server_time: i64,
}

/// One entry of `exchangeInfo.rateLimits`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    /// Limiter type.
    pub rate_limit_type: RateLimitType,
    /// Interval unit.
    pub interval: RateLimitInterval,
    /// Number of units in the interval.
    pub interval_num: u32,
    /// Limit per interval.
    pub limit: u64,
    /// Current count (WebSocket API responses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

impl RateLimit {
    /// Interval length in milliseconds.
    pub fn interval_ms(&self) -> i64 {
        self.interval.unit_ms() * i64::from(self.interval_num.max(1))
    }

    /// The header suffix (`1m`, `10s`, `1d`) of this limiter.
    pub fn header_suffix(&self) -> String {
        format!("{}{}", self.interval_num, self.interval.letter())
    }
}

/// A symbol filter from `exchangeInfo` (`filterType`-tagged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "filterType", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SymbolFilter {
    /// `PRICE_FILTER`.
    #[serde(rename_all = "camelCase")]
    PriceFilter {
        /// Minimum price (0 disables).
        min_price: Decimal,
        /// Maximum price (0 disables).
        max_price: Decimal,
        /// Tick size (0 disables).
        tick_size: Decimal,
    },
    /// `PERCENT_PRICE`.
    #[serde(rename_all = "camelCase")]
    PercentPrice {
        /// Upper multiplier.
        multiplier_up: Decimal,
        /// Lower multiplier.
        multiplier_down: Decimal,
        /// Averaging minutes.
        #[serde(default)]
        avg_price_mins: u32,
    },
    /// `PERCENT_PRICE_BY_SIDE`.
    #[serde(rename_all = "camelCase")]
    PercentPriceBySide {
        /// Upper multiplier for buys.
        bid_multiplier_up: Decimal,
        /// Lower multiplier for buys.
        bid_multiplier_down: Decimal,
        /// Upper multiplier for sells.
        ask_multiplier_up: Decimal,
        /// Lower multiplier for sells.
        ask_multiplier_down: Decimal,
        /// Averaging minutes.
        #[serde(default)]
        avg_price_mins: u32,
    },
    /// `LOT_SIZE`.
    #[serde(rename_all = "camelCase")]
    LotSize {
        /// Minimum quantity.
        min_qty: Decimal,
        /// Maximum quantity.
        max_qty: Decimal,
        /// Step size.
        step_size: Decimal,
    },
    /// `MIN_NOTIONAL`.
    #[serde(rename_all = "camelCase")]
    MinNotional {
        /// Minimum price × quantity.
        min_notional: Decimal,
        /// Whether it applies to market orders.
        #[serde(default)]
        apply_to_market: bool,
        /// Averaging minutes.
        #[serde(default)]
        avg_price_mins: u32,
    },
    /// `NOTIONAL`.
    #[serde(rename_all = "camelCase")]
    Notional {
        /// Minimum price × quantity.
        min_notional: Decimal,
        /// Whether the minimum applies to market orders.
        #[serde(default)]
        apply_min_to_market: bool,
        /// Maximum price × quantity.
        #[serde(default)]
        max_notional: Option<Decimal>,
        /// Whether the maximum applies to market orders.
        #[serde(default)]
        apply_max_to_market: bool,
        /// Averaging minutes.
        #[serde(default)]
        avg_price_mins: u32,
    },
    /// `ICEBERG_PARTS`.
    IcebergParts {
        /// Maximum parts.
        limit: u32,
    },
    /// `MARKET_LOT_SIZE`.
    #[serde(rename_all = "camelCase")]
    MarketLotSize {
        /// Minimum quantity.
        min_qty: Decimal,
        /// Maximum quantity.
        max_qty: Decimal,
        /// Step size (0 = no step rule).
        step_size: Decimal,
    },
    /// `MAX_NUM_ORDERS`.
    #[serde(rename_all = "camelCase")]
    MaxNumOrders {
        /// Maximum open orders on the symbol.
        max_num_orders: u32,
    },
    /// `MAX_NUM_ALGO_ORDERS`.
    #[serde(rename_all = "camelCase")]
    MaxNumAlgoOrders {
        /// Maximum open stop/take-profit orders on the symbol.
        max_num_algo_orders: u32,
    },
    /// `TRAILING_DELTA`: the allowed `trailingDelta` (BIPS) of trailing stops, by the side of
    /// the market their stop is on.
    #[serde(rename_all = "camelCase")]
    TrailingDelta {
        /// For `STOP_LOSS` BUY and `TAKE_PROFIT` SELL (their stop is above the market).
        min_trailing_above_delta: u32,
        max_trailing_above_delta: u32,
        /// For `STOP_LOSS` SELL and `TAKE_PROFIT` BUY (their stop is below the market).
        min_trailing_below_delta: u32,
        max_trailing_below_delta: u32,
    },
    /// Any other filter (`MAX_POSITION`, ...), kept untyped.
    #[serde(other)]
    Other,
}

/// One symbol of `exchangeInfo.symbols`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SymbolInfo {
    /// Symbol, e.g. `BTCUSDT`.
    pub symbol: String,
    /// `TRADING`, `HALT`, `BREAK`, `END_OF_DAY`, `CANCEL_ONLY`.
    pub status: String,
    /// Base asset.
    pub base_asset: String,
    /// Base asset precision.
    pub base_asset_precision: u32,
    /// Quote asset.
    pub quote_asset: String,
    /// Quote asset precision.
    pub quote_asset_precision: u32,
    /// Base commission precision.
    #[serde(default)]
    pub base_commission_precision: u32,
    /// Quote commission precision.
    #[serde(default)]
    pub quote_commission_precision: u32,
    /// Allowed order types.
    #[serde(default)]
    pub order_types: Vec<String>,
    /// Iceberg orders allowed.
    #[serde(default)]
    pub iceberg_allowed: bool,
    /// OCO allowed.
    #[serde(default)]
    pub oco_allowed: bool,
    /// OTO (and OTOCO) allowed.
    #[serde(default)]
    pub oto_allowed: bool,
    /// Trailing stops (`trailingDelta`) allowed.
    #[serde(default)]
    pub allow_trailing_stop: bool,
    /// `quoteOrderQty` market orders allowed.
    #[serde(default)]
    pub quote_order_qty_market_allowed: bool,
    /// Cancel-replace allowed.
    #[serde(default)]
    pub cancel_replace_allowed: bool,
    /// Order amend keep priority allowed.
    #[serde(default)]
    pub amend_allowed: bool,
    /// Spot trading allowed.
    #[serde(default)]
    pub is_spot_trading_allowed: bool,
    /// Symbol filters.
    #[serde(default)]
    pub filters: Vec<SymbolFilter>,
    /// Permission sets.
    #[serde(default)]
    pub permission_sets: Vec<Vec<String>>,
    /// Default self-trade prevention mode.
    #[serde(default)]
    pub default_self_trade_prevention_mode: Option<String>,
}

/// `GET /api/v3/exchangeInfo`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeInfo {
    /// Time zone (`UTC`).
    pub timezone: String,
    /// Server time (ms).
    pub server_time: i64,
    /// Rate limiters.
    #[serde(default)]
    pub rate_limits: Vec<RateLimit>,
    /// Symbols.
    pub symbols: Vec<SymbolInfo>,
}

impl ExchangeInfo {
    /// The symbol called `symbol`.
    pub fn symbol(&self, symbol: &str) -> Option<&SymbolInfo> {
        self.symbols.iter().find(|s| s.symbol == symbol)
    }
}

/// `PERCENT_PRICE_BY_SIDE` multipliers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PercentPriceBySide {
    /// Upper multiplier for buys.
    pub bid_multiplier_up: Decimal,
    /// Lower multiplier for buys.
    pub bid_multiplier_down: Decimal,
    /// Upper multiplier for sells.
    pub ask_multiplier_up: Decimal,
    /// Lower multiplier for sells.
    pub ask_multiplier_down: Decimal,
    /// Averaging minutes.
    pub avg_price_mins: u32,
}

/// The trading rules of one symbol, gathered from its `exchangeInfo` filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymbolRules {
    /// Symbol.
    pub symbol: String,
    /// Trading status.
    pub status: String,
    /// Base asset.
    pub base_asset: String,
    /// Quote asset.
    pub quote_asset: String,
    /// Base asset precision (decimals Binance uses for the asset).
    pub base_asset_precision: u32,
    /// Quote asset precision.
    pub quote_asset_precision: u32,
    /// `PRICE_FILTER.tickSize` (0 = no tick rule).
    pub tick_size: Decimal,
    /// `PRICE_FILTER.minPrice` (0 = none).
    pub min_price: Decimal,
    /// `PRICE_FILTER.maxPrice` (0 = none).
    pub max_price: Decimal,
    /// `LOT_SIZE.stepSize`.
    pub step_size: Decimal,
    /// `LOT_SIZE.minQty`.
    pub min_qty: Decimal,
    /// `LOT_SIZE.maxQty`.
    pub max_qty: Decimal,
    /// `MARKET_LOT_SIZE` as (stepSize, minQty, maxQty), if present.
    pub market_lot_size: Option<(Decimal, Decimal, Decimal)>,
    /// `NOTIONAL.minNotional` or `MIN_NOTIONAL.minNotional`.
    pub min_notional: Option<Decimal>,
    /// `NOTIONAL.maxNotional`.
    pub max_notional: Option<Decimal>,
    /// Whether the minimum notional applies to market orders.
    pub min_notional_applies_to_market: bool,
    /// `PERCENT_PRICE_BY_SIDE`, if present.
    pub percent_price_by_side: Option<PercentPriceBySide>,
    /// Allowed order types.
    pub order_types: Vec<String>,
    /// Order amend keep priority allowed.
    pub amend_allowed: bool,
    /// Cancel-replace allowed.
    pub cancel_replace_allowed: bool,
    /// Trailing stops allowed, and the `TRAILING_DELTA` range (BIPS): (min, max) for stops
    /// above the market, then below it.
    pub allow_trailing_stop: bool,
    pub trailing_delta: Option<((u32, u32), (u32, u32))>,
    /// Order lists allowed.
    pub oco_allowed: bool,
    pub oto_allowed: bool,
}

/// Which filter an order breaks, with Binance's message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterFailure(pub &'static str);

impl fmt::Display for FilterFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Filter failure: {}", self.0)
    }
}

fn is_multiple(value: Decimal, step: Decimal) -> bool {
    step.is_zero() || (value % step).is_zero()
}

impl SymbolRules {
    /// Gathers the rules of `info`. Missing filters leave permissive defaults (0 = disabled,
    /// `max_qty` = `Decimal::MAX`).
    pub fn from_symbol(info: &SymbolInfo) -> Self {
        let mut rules = Self {
            symbol: info.symbol.clone(),
            status: info.status.clone(),
            base_asset: info.base_asset.clone(),
            quote_asset: info.quote_asset.clone(),
            base_asset_precision: info.base_asset_precision,
            quote_asset_precision: info.quote_asset_precision,
            tick_size: Decimal::ZERO,
            min_price: Decimal::ZERO,
            max_price: Decimal::ZERO,
            step_size: Decimal::ZERO,
            min_qty: Decimal::ZERO,
            max_qty: Decimal::MAX,
            market_lot_size: None,
            min_notional: None,
            max_notional: None,
            min_notional_applies_to_market: false,
            percent_price_by_side: None,
            order_types: info.order_types.clone(),
            amend_allowed: info.amend_allowed,
            cancel_replace_allowed: info.cancel_replace_allowed,
            allow_trailing_stop: info.allow_trailing_stop,
            trailing_delta: None,
            oco_allowed: info.oco_allowed,
            oto_allowed: info.oto_allowed,
        };
        for filter in &info.filters {
            match filter {
                SymbolFilter::PriceFilter {
                    min_price,
                    max_price,
                    tick_size,
                } => {
                    rules.min_price = *min_price;
                    rules.max_price = *max_price;
                    rules.tick_size = *tick_size;
                }
                SymbolFilter::LotSize {
                    min_qty,
                    max_qty,
                    step_size,
                } => {
                    rules.min_qty = *min_qty;
                    rules.max_qty = *max_qty;
                    rules.step_size = *step_size;
                }
                SymbolFilter::MarketLotSize {
                    min_qty,
                    max_qty,
                    step_size,
                } => rules.market_lot_size = Some((*step_size, *min_qty, *max_qty)),
                // NOTIONAL wins when both are present.
                SymbolFilter::MinNotional {
                    min_notional,
                    apply_to_market,
                    ..
                } if rules.min_notional.is_none() => {
                    rules.min_notional = Some(*min_notional);
                    rules.min_notional_applies_to_market = *apply_to_market;
                }
                SymbolFilter::Notional {
                    min_notional,
                    apply_min_to_market,
                    max_notional,
                    ..
                } => {
                    rules.min_notional = Some(*min_notional);
                    rules.min_notional_applies_to_market = *apply_min_to_market;
                    rules.max_notional = *max_notional;
                }
                SymbolFilter::PercentPriceBySide {
                    bid_multiplier_up,
                    bid_multiplier_down,
                    ask_multiplier_up,
                    ask_multiplier_down,
                    avg_price_mins,
                } => {
                    rules.percent_price_by_side = Some(PercentPriceBySide {
                        bid_multiplier_up: *bid_multiplier_up,
                        bid_multiplier_down: *bid_multiplier_down,
                        ask_multiplier_up: *ask_multiplier_up,
                        ask_multiplier_down: *ask_multiplier_down,
                        avg_price_mins: *avg_price_mins,
                    })
                }
                SymbolFilter::TrailingDelta {
                    min_trailing_above_delta,
                    max_trailing_above_delta,
                    min_trailing_below_delta,
                    max_trailing_below_delta,
                } => {
                    rules.trailing_delta = Some((
                        (*min_trailing_above_delta, *max_trailing_above_delta),
                        (*min_trailing_below_delta, *max_trailing_below_delta),
                    ));
                }
                _ => {}
            }
        }
        rules
    }

    /// Decimals of the tick size (e.g. `0.01000000` → 2).
    pub fn price_precision(&self) -> u32 {
        self.tick_size.normalize().scale()
    }

    /// Decimals of the step size (e.g. `0.00001000` → 5).
    pub fn size_precision(&self) -> u32 {
        self.step_size.normalize().scale()
    }

    /// Rounds `price` down to the tick size.
    pub fn round_price(&self, price: Decimal) -> Decimal {
        if self.tick_size.is_zero() {
            price
        } else {
            (price / self.tick_size).floor() * self.tick_size
        }
    }

    /// Rounds `qty` down to the step size.
    pub fn round_qty(&self, qty: Decimal) -> Decimal {
        if self.step_size.is_zero() {
            qty
        } else {
            (qty / self.step_size).floor() * self.step_size
        }
    }

    /// Checks a price against `PRICE_FILTER`.
    pub fn check_price(&self, price: Decimal) -> Result<(), FilterFailure> {
        let bad = (!self.min_price.is_zero() && price < self.min_price)
            || (!self.max_price.is_zero() && price > self.max_price)
            || !is_multiple(price, self.tick_size);
        if bad {
            Err(FilterFailure("PRICE_FILTER"))
        } else {
            Ok(())
        }
    }

    /// Checks a quantity against `LOT_SIZE` (or `MARKET_LOT_SIZE` for market orders).
    pub fn check_qty(&self, qty: Decimal, market: bool) -> Result<(), FilterFailure> {
        if qty < self.min_qty || qty > self.max_qty || !is_multiple(qty, self.step_size) {
            return Err(FilterFailure("LOT_SIZE"));
        }
        if market && let Some((step, min, max)) = self.market_lot_size {
            // maxQty 0 means "no market maximum" on some symbols.
            if qty < min || (!max.is_zero() && qty > max) || !is_multiple(qty, step) {
                return Err(FilterFailure("MARKET_LOT_SIZE"));
            }
        }
        Ok(())
    }

    /// Checks a limit order's notional (`price × qty`).
    pub fn check_notional(&self, price: Decimal, qty: Decimal) -> Result<(), FilterFailure> {
        let notional = price * qty;
        if let Some(min) = self.min_notional
            && notional < min
        {
            return Err(FilterFailure("NOTIONAL"));
        }
        if let Some(max) = self.max_notional
            && !max.is_zero()
            && notional > max
        {
            return Err(FilterFailure("NOTIONAL"));
        }
        Ok(())
    }
}
