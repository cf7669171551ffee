//! Typed Binance Spot REST responses, user-data events and market-stream events.
//!
//! Prices and quantities are [`Decimal`] (Binance sends them as JSON strings); timestamps are
//! `i64` milliseconds since the Unix epoch. Fields that Binance only sends under some conditions
//! are `Option`s or have defaults; unknown enum values map to an `Unknown` variant instead of
//! failing the whole message.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+
            /// A value this client does not know.
            #[serde(other)]
            Unknown,
        }

        impl $name {
            /// The value as Binance spells it.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown => "UNKNOWN",
                }
            }

            /// Parses Binance's spelling (`Unknown` for anything else).
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)+
                    _ => Self::Unknown,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum!(
    /// Order side.
    OrderSide {
        /// Buy.
        Buy => "BUY",
        /// Sell.
        Sell => "SELL",
    }
);

wire_enum!(
    /// Order type.
    OrderType {
        /// Limit order.
        Limit => "LIMIT",
        /// Market order.
        Market => "MARKET",
        /// Stop-loss (market when triggered).
        StopLoss => "STOP_LOSS",
        /// Stop-loss limit.
        StopLossLimit => "STOP_LOSS_LIMIT",
        /// Take-profit (market when triggered).
        TakeProfit => "TAKE_PROFIT",
        /// Take-profit limit.
        TakeProfitLimit => "TAKE_PROFIT_LIMIT",
        /// Post-only limit order.
        LimitMaker => "LIMIT_MAKER",
    }
);

wire_enum!(
    /// Time in force.
    TimeInForce {
        /// Good till canceled.
        Gtc => "GTC",
        /// Immediate or cancel.
        Ioc => "IOC",
        /// Fill or kill.
        Fok => "FOK",
    }
);

wire_enum!(
    /// Order status (`status`, `X`).
    OrderStatus {
        /// Accepted by the engine.
        New => "NEW",
        /// Pending until the working order of a list fills.
        PendingNew => "PENDING_NEW",
        /// Partly filled.
        PartiallyFilled => "PARTIALLY_FILLED",
        /// Completely filled.
        Filled => "FILLED",
        /// Canceled by the user.
        Canceled => "CANCELED",
        /// Unused by Binance today.
        PendingCancel => "PENDING_CANCEL",
        /// Rejected by the engine.
        Rejected => "REJECTED",
        /// Expired under the order type's rules or by the exchange.
        Expired => "EXPIRED",
        /// Expired by self-trade prevention.
        ExpiredInMatch => "EXPIRED_IN_MATCH",
    }
);

impl OrderStatus {
    /// Whether the order can still trade (or be canceled).
    pub fn is_open(&self) -> bool {
        matches!(self, Self::New | Self::PartiallyFilled | Self::PendingNew)
    }
}

wire_enum!(
    /// Execution type of an `executionReport` (`x`).
    ExecutionType {
        /// Accepted into the engine.
        New => "NEW",
        /// Canceled by the user.
        Canceled => "CANCELED",
        /// Amended (order amend keep priority).
        Replaced => "REPLACED",
        /// Rejected.
        Rejected => "REJECTED",
        /// Part or all of the order traded.
        Trade => "TRADE",
        /// Expired.
        Expired => "EXPIRED",
        /// Expired by self-trade prevention.
        TradePrevention => "TRADE_PREVENTION",
    }
);

wire_enum!(
    /// Rate limiter type in `exchangeInfo.rateLimits`.
    RateLimitType {
        /// Request weight per interval (per IP).
        RequestWeight => "REQUEST_WEIGHT",
        /// Orders per interval (per account).
        Orders => "ORDERS",
        /// Raw requests per interval.
        RawRequests => "RAW_REQUESTS",
    }
);

wire_enum!(
    /// Rate limit interval unit.
    RateLimitInterval {
        /// Seconds.
        Second => "SECOND",
        /// Minutes.
        Minute => "MINUTE",
        /// Hours.
        Hour => "HOUR",
        /// Days.
        Day => "DAY",
    }
);

impl RateLimitInterval {
    /// Length of one unit in milliseconds.
    pub fn unit_ms(&self) -> i64 {
        match self {
            Self::Second => 1_000,
            Self::Minute => 60_000,
            Self::Hour => 3_600_000,
            Self::Day => 86_400_000,
            Self::Unknown => 60_000,
        }
    }

    /// The letter used in `X-MBX-*-<n><letter>` headers.
    pub fn letter(&self) -> char {
        match self {
            Self::Second => 's',
            Self::Minute => 'm',
            Self::Hour => 'h',
            Self::Day => 'd',
            Self::Unknown => '?',
        }
    }
}

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
    /// Any other filter (`TRAILING_DELTA`, `MAX_POSITION`, ...), kept untyped.
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

/// `commissionRates` of the account response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionRates {
    /// Maker rate.
    pub maker: Decimal,
    /// Taker rate.
    pub taker: Decimal,
    /// Buyer rate.
    pub buyer: Decimal,
    /// Seller rate.
    pub seller: Decimal,
}

/// One balance of the account response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    /// Asset.
    pub asset: String,
    /// Free amount.
    pub free: Decimal,
    /// Locked amount (open orders).
    pub locked: Decimal,
}

/// `GET /api/v3/account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountInfo {
    /// Maker commission (bps).
    pub maker_commission: i64,
    /// Taker commission (bps).
    pub taker_commission: i64,
    /// Commission rates.
    pub commission_rates: CommissionRates,
    /// Trading enabled.
    pub can_trade: bool,
    /// Withdrawals enabled.
    pub can_withdraw: bool,
    /// Deposits enabled.
    pub can_deposit: bool,
    /// Last update (ms).
    pub update_time: i64,
    /// Account type (`SPOT`).
    pub account_type: String,
    /// Balances.
    pub balances: Vec<Balance>,
    /// Permissions.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Account uid.
    #[serde(default)]
    pub uid: Option<i64>,
}

impl AccountInfo {
    /// The balance of `asset`.
    pub fn balance(&self, asset: &str) -> Option<&Balance> {
        self.balances.iter().find(|b| b.asset == asset)
    }
}

/// A fill of a `FULL` new-order response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fill {
    /// Price.
    pub price: Decimal,
    /// Quantity.
    pub qty: Decimal,
    /// Commission.
    pub commission: Decimal,
    /// Commission asset.
    pub commission_asset: String,
    /// Trade id.
    pub trade_id: i64,
}

/// `POST /api/v3/order` response (`ACK`, `RESULT` or `FULL`); fields absent from `ACK` are
/// optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderResponse {
    /// Symbol.
    pub symbol: String,
    /// Venue order id.
    pub order_id: i64,
    /// Order list id (-1 when not in a list).
    #[serde(default = "minus_one")]
    pub order_list_id: i64,
    /// Client order id.
    pub client_order_id: String,
    /// Transaction time (ms).
    pub transact_time: i64,
    /// Price.
    #[serde(default)]
    pub price: Option<Decimal>,
    /// Original quantity.
    #[serde(default)]
    pub orig_qty: Option<Decimal>,
    /// Executed quantity.
    #[serde(default)]
    pub executed_qty: Option<Decimal>,
    /// Original quote order quantity.
    #[serde(default)]
    pub orig_quote_order_qty: Option<Decimal>,
    /// Cumulative quote quantity (Binance's spelling).
    #[serde(default)]
    pub cummulative_quote_qty: Option<Decimal>,
    /// Status.
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// Time in force.
    #[serde(default)]
    pub time_in_force: Option<TimeInForce>,
    /// Order type.
    #[serde(default, rename = "type")]
    pub order_type: Option<OrderType>,
    /// Side.
    #[serde(default)]
    pub side: Option<OrderSide>,
    /// Stop price (stop orders only).
    #[serde(default)]
    pub stop_price: Option<Decimal>,
    /// Working time (ms).
    #[serde(default)]
    pub working_time: Option<i64>,
    /// Self-trade prevention mode.
    #[serde(default)]
    pub self_trade_prevention_mode: Option<String>,
    /// Expiry reason (expired orders only).
    #[serde(default)]
    pub expiry_reason: Option<String>,
    /// Fills (`FULL` only).
    #[serde(default)]
    pub fills: Vec<Fill>,
}

fn minus_one() -> i64 {
    -1
}

/// An order as returned by `GET /api/v3/order`, `openOrders` and `allOrders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// Symbol.
    pub symbol: String,
    /// Venue order id.
    pub order_id: i64,
    /// Order list id.
    #[serde(default = "minus_one")]
    pub order_list_id: i64,
    /// Client order id.
    pub client_order_id: String,
    /// Price.
    pub price: Decimal,
    /// Original quantity.
    pub orig_qty: Decimal,
    /// Executed quantity.
    pub executed_qty: Decimal,
    /// Cumulative quote quantity (may be negative for old orders: unknown).
    pub cummulative_quote_qty: Decimal,
    /// Status.
    pub status: OrderStatus,
    /// Time in force.
    pub time_in_force: TimeInForce,
    /// Order type.
    #[serde(rename = "type")]
    pub order_type: OrderType,
    /// Side.
    pub side: OrderSide,
    /// Stop price.
    #[serde(default)]
    pub stop_price: Option<Decimal>,
    /// Iceberg quantity.
    #[serde(default)]
    pub iceberg_qty: Option<Decimal>,
    /// Creation time (ms).
    pub time: i64,
    /// Last update (ms).
    pub update_time: i64,
    /// Whether the order is on the book.
    pub is_working: bool,
    /// Working time (ms).
    #[serde(default)]
    pub working_time: Option<i64>,
    /// Original quote order quantity.
    #[serde(default)]
    pub orig_quote_order_qty: Option<Decimal>,
    /// Self-trade prevention mode.
    #[serde(default)]
    pub self_trade_prevention_mode: Option<String>,
    /// Expiry reason (expired orders only).
    #[serde(default)]
    pub expiry_reason: Option<String>,
}

/// `DELETE /api/v3/order` response (and each plain order of `DELETE /api/v3/openOrders`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelOrderResponse {
    /// Symbol.
    pub symbol: String,
    /// Client order id of the canceled order.
    pub orig_client_order_id: String,
    /// Venue order id.
    pub order_id: i64,
    /// Order list id.
    #[serde(default = "minus_one")]
    pub order_list_id: i64,
    /// Client id of this cancel request.
    pub client_order_id: String,
    /// Transaction time (ms).
    #[serde(default)]
    pub transact_time: Option<i64>,
    /// Price.
    pub price: Decimal,
    /// Original quantity.
    pub orig_qty: Decimal,
    /// Executed quantity.
    pub executed_qty: Decimal,
    /// Original quote order quantity.
    #[serde(default)]
    pub orig_quote_order_qty: Option<Decimal>,
    /// Cumulative quote quantity.
    pub cummulative_quote_qty: Decimal,
    /// Status (`CANCELED`).
    pub status: OrderStatus,
    /// Time in force.
    pub time_in_force: TimeInForce,
    /// Order type.
    #[serde(rename = "type")]
    pub order_type: OrderType,
    /// Side.
    pub side: OrderSide,
    /// Stop price.
    #[serde(default)]
    pub stop_price: Option<Decimal>,
    /// Self-trade prevention mode.
    #[serde(default)]
    pub self_trade_prevention_mode: Option<String>,
}

/// An order reference inside an order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListOrderRef {
    /// Symbol.
    pub symbol: String,
    /// Venue order id.
    pub order_id: i64,
    /// Client order id.
    pub client_order_id: String,
}

/// A canceled order list inside `DELETE /api/v3/openOrders`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanceledOrderList {
    /// Order list id.
    pub order_list_id: i64,
    /// `OCO`, `OTO`...
    pub contingency_type: String,
    /// List status type.
    pub list_status_type: String,
    /// List order status.
    pub list_order_status: String,
    /// List client order id.
    pub list_client_order_id: String,
    /// Transaction time (ms).
    pub transaction_time: i64,
    /// Symbol.
    pub symbol: String,
    /// Orders of the list.
    pub orders: Vec<ListOrderRef>,
    /// Cancel reports of the orders.
    pub order_reports: Vec<CancelOrderResponse>,
}

/// One element of `DELETE /api/v3/openOrders`: a plain order or an order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CanceledOpenOrder {
    /// An order list (tried first: it has `contingencyType`).
    List(CanceledOrderList),
    /// A plain order.
    Order(CancelOrderResponse),
}

/// `amendedOrder` of `PUT /api/v3/order/amend/keepPriority`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AmendedOrder {
    /// Symbol.
    pub symbol: String,
    /// Venue order id (unchanged).
    pub order_id: i64,
    /// Order list id.
    #[serde(default = "minus_one")]
    pub order_list_id: i64,
    /// Client order id before the amendment.
    pub orig_client_order_id: String,
    /// Client order id after the amendment.
    pub client_order_id: String,
    /// Price.
    pub price: Decimal,
    /// New quantity.
    pub qty: Decimal,
    /// Executed quantity.
    pub executed_qty: Decimal,
    /// Prevented quantity.
    #[serde(default)]
    pub prevented_qty: Option<Decimal>,
    /// Quote order quantity.
    #[serde(default)]
    pub quote_order_qty: Option<Decimal>,
    /// Cumulative quote quantity (this response spells it correctly).
    #[serde(default)]
    pub cumulative_quote_qty: Option<Decimal>,
    /// Status.
    pub status: OrderStatus,
    /// Time in force.
    pub time_in_force: TimeInForce,
    /// Order type.
    #[serde(rename = "type")]
    pub order_type: OrderType,
    /// Side.
    pub side: OrderSide,
    /// Working time (ms).
    #[serde(default)]
    pub working_time: Option<i64>,
    /// Self-trade prevention mode.
    #[serde(default)]
    pub self_trade_prevention_mode: Option<String>,
}

/// `PUT /api/v3/order/amend/keepPriority` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AmendKeepPriorityResponse {
    /// Transaction time (ms).
    pub transact_time: i64,
    /// Execution id.
    pub execution_id: i64,
    /// The amended order.
    pub amended_order: AmendedOrder,
    /// List status, when the order is in a list (kept untyped).
    #[serde(default)]
    pub list_status: Option<serde_json::Value>,
}

/// One leg of a cancel-replace response: the leg's response or its error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CancelReplaceLeg<T> {
    /// The leg failed.
    Error(ApiErrorBody),
    /// The leg succeeded.
    Ok(T),
}

/// `POST /api/v3/order/cancelReplace`: the body on success, or the `data` of a `-2021`/`-2022`
/// failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelReplaceResponse {
    /// `SUCCESS` or `FAILURE`.
    pub cancel_result: String,
    /// `SUCCESS`, `FAILURE` or `NOT_ATTEMPTED`.
    pub new_order_result: String,
    /// The cancel leg.
    #[serde(default)]
    pub cancel_response: Option<CancelReplaceLeg<CancelOrderResponse>>,
    /// The new-order leg.
    #[serde(default)]
    pub new_order_response: Option<CancelReplaceLeg<OrderResponse>>,
    /// The top-level error (`-2021` partial failure, `-2022` failure), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ApiErrorBody>,
}

/// `GET /api/v3/myTrades` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MyTrade {
    /// Symbol.
    pub symbol: String,
    /// Trade id.
    pub id: i64,
    /// Venue order id.
    pub order_id: i64,
    /// Order list id.
    #[serde(default = "minus_one")]
    pub order_list_id: i64,
    /// Price.
    pub price: Decimal,
    /// Quantity.
    pub qty: Decimal,
    /// Quote quantity.
    pub quote_qty: Decimal,
    /// Commission.
    pub commission: Decimal,
    /// Commission asset.
    pub commission_asset: String,
    /// Time (ms).
    pub time: i64,
    /// Whether this account was the buyer.
    pub is_buyer: bool,
    /// Whether this account was the maker.
    pub is_maker: bool,
    /// Best match flag.
    pub is_best_match: bool,
}

/// A price level `[price, qty]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level(pub Decimal, pub Decimal);

impl Level {
    /// Price.
    pub fn price(&self) -> Decimal {
        self.0
    }

    /// Quantity.
    pub fn qty(&self) -> Decimal {
        self.1
    }
}

/// `GET /api/v3/depth` (and the partial book depth stream payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Depth {
    /// Last update id.
    pub last_update_id: i64,
    /// Bids, best first.
    pub bids: Vec<Level>,
    /// Asks, best first.
    pub asks: Vec<Level>,
}

/// `GET /api/v3/trades` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicTrade {
    /// Trade id.
    pub id: i64,
    /// Price.
    pub price: Decimal,
    /// Quantity.
    pub qty: Decimal,
    /// Quote quantity.
    pub quote_qty: Decimal,
    /// Time (ms).
    pub time: i64,
    /// Whether the buyer was the maker.
    pub is_buyer_maker: bool,
    /// Best match flag.
    pub is_best_match: bool,
}

/// A kline as Binance sends it: a 12-element array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KlineRaw(
    pub i64,
    pub Decimal,
    pub Decimal,
    pub Decimal,
    pub Decimal,
    pub Decimal,
    pub i64,
    pub Decimal,
    pub u64,
    pub Decimal,
    pub Decimal,
    pub serde_json::Value,
);

/// `GET /api/v3/klines` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "KlineRaw", into = "KlineRaw")]
pub struct Kline {
    /// Open time (ms).
    pub open_time: i64,
    /// Open.
    pub open: Decimal,
    /// High.
    pub high: Decimal,
    /// Low.
    pub low: Decimal,
    /// Close.
    pub close: Decimal,
    /// Base volume.
    pub volume: Decimal,
    /// Close time (ms).
    pub close_time: i64,
    /// Quote volume.
    pub quote_volume: Decimal,
    /// Number of trades.
    pub trades: u64,
    /// Taker buy base volume.
    pub taker_buy_base_volume: Decimal,
    /// Taker buy quote volume.
    pub taker_buy_quote_volume: Decimal,
}

impl From<KlineRaw> for Kline {
    fn from(r: KlineRaw) -> Self {
        Self {
            open_time: r.0,
            open: r.1,
            high: r.2,
            low: r.3,
            close: r.4,
            volume: r.5,
            close_time: r.6,
            quote_volume: r.7,
            trades: r.8,
            taker_buy_base_volume: r.9,
            taker_buy_quote_volume: r.10,
        }
    }
}

impl From<Kline> for KlineRaw {
    fn from(k: Kline) -> Self {
        Self(
            k.open_time,
            k.open,
            k.high,
            k.low,
            k.close,
            k.volume,
            k.close_time,
            k.quote_volume,
            k.trades,
            k.taker_buy_base_volume,
            k.taker_buy_quote_volume,
            serde_json::Value::String("0".to_string()),
        )
    }
}

/// `GET /api/v3/ticker/bookTicker` (one symbol).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookTicker {
    /// Symbol.
    pub symbol: String,
    /// Best bid.
    pub bid_price: Decimal,
    /// Best bid size.
    pub bid_qty: Decimal,
    /// Best ask.
    pub ask_price: Decimal,
    /// Best ask size.
    pub ask_qty: Decimal,
}

/// `GET /api/v3/ticker/24hr` (one symbol, `FULL`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticker24hr {
    /// Symbol.
    pub symbol: String,
    /// Price change.
    pub price_change: Decimal,
    /// Price change percent.
    pub price_change_percent: Decimal,
    /// Weighted average price.
    pub weighted_avg_price: Decimal,
    /// Previous close.
    pub prev_close_price: Decimal,
    /// Last price.
    pub last_price: Decimal,
    /// Last quantity.
    pub last_qty: Decimal,
    /// Best bid.
    pub bid_price: Decimal,
    /// Best bid size.
    pub bid_qty: Decimal,
    /// Best ask.
    pub ask_price: Decimal,
    /// Best ask size.
    pub ask_qty: Decimal,
    /// Open.
    pub open_price: Decimal,
    /// High.
    pub high_price: Decimal,
    /// Low.
    pub low_price: Decimal,
    /// Base volume.
    pub volume: Decimal,
    /// Quote volume.
    pub quote_volume: Decimal,
    /// Window open (ms).
    pub open_time: i64,
    /// Window close (ms).
    pub close_time: i64,
    /// First trade id.
    pub first_id: i64,
    /// Last trade id.
    pub last_id: i64,
    /// Trade count.
    pub count: u64,
}

// ---------------------------------------------------------------------------------------------
// User data stream events
// ---------------------------------------------------------------------------------------------

/// `executionReport`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionReport {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Symbol.
    #[serde(rename = "s")]
    pub symbol: String,
    /// Client order id (for a cancel: the cancel request's id; see [`Self::order_client_id`]).
    #[serde(rename = "c")]
    pub client_order_id: String,
    /// Side.
    #[serde(rename = "S")]
    pub side: OrderSide,
    /// Order type.
    #[serde(rename = "o")]
    pub order_type: OrderType,
    /// Time in force.
    #[serde(rename = "f")]
    pub time_in_force: TimeInForce,
    /// Order quantity.
    #[serde(rename = "q")]
    pub quantity: Decimal,
    /// Order price.
    #[serde(rename = "p")]
    pub price: Decimal,
    /// Stop price.
    #[serde(rename = "P")]
    pub stop_price: Decimal,
    /// Iceberg quantity.
    #[serde(rename = "F", default)]
    pub iceberg_qty: Option<Decimal>,
    /// Order list id.
    #[serde(rename = "g", default = "minus_one")]
    pub order_list_id: i64,
    /// Original client order id (the order being canceled), or `""`.
    #[serde(rename = "C", default)]
    pub orig_client_order_id: String,
    /// Execution type.
    #[serde(rename = "x")]
    pub execution_type: ExecutionType,
    /// Order status.
    #[serde(rename = "X")]
    pub order_status: OrderStatus,
    /// Reject reason (`NONE` when not rejected).
    #[serde(rename = "r")]
    pub reject_reason: String,
    /// Venue order id.
    #[serde(rename = "i")]
    pub order_id: i64,
    /// Last executed quantity.
    #[serde(rename = "l")]
    pub last_qty: Decimal,
    /// Cumulative filled quantity.
    #[serde(rename = "z")]
    pub cum_qty: Decimal,
    /// Last executed price.
    #[serde(rename = "L")]
    pub last_price: Decimal,
    /// Commission of this execution.
    #[serde(rename = "n")]
    pub commission: Decimal,
    /// Commission asset (`null` when no trade).
    #[serde(rename = "N")]
    pub commission_asset: Option<String>,
    /// Transaction time (ms).
    #[serde(rename = "T")]
    pub transaction_time: i64,
    /// Trade id (-1 when no trade).
    #[serde(rename = "t")]
    pub trade_id: i64,
    /// Execution id.
    #[serde(rename = "I", default)]
    pub execution_id: Option<i64>,
    /// Whether the order is on the book.
    #[serde(rename = "w")]
    pub is_working: bool,
    /// Whether this trade was the maker side.
    #[serde(rename = "m")]
    pub is_maker: bool,
    /// Order creation time (ms).
    #[serde(rename = "O")]
    pub creation_time: i64,
    /// Cumulative quote quantity.
    #[serde(rename = "Z")]
    pub cum_quote_qty: Decimal,
    /// Last quote quantity.
    #[serde(rename = "Y", default)]
    pub last_quote_qty: Option<Decimal>,
    /// Quote order quantity.
    #[serde(rename = "Q", default)]
    pub quote_order_qty: Option<Decimal>,
    /// Working time (ms).
    #[serde(rename = "W", default)]
    pub working_time: Option<i64>,
    /// Self-trade prevention mode.
    #[serde(rename = "V", default)]
    pub stp_mode: Option<String>,
    /// Expiry reason (expired orders only).
    #[serde(rename = "eR", default)]
    pub expiry_reason: Option<String>,
}

impl ExecutionReport {
    /// The client order id of the order itself: `C` for cancels (where `c` is the cancel
    /// request's id), otherwise `c`.
    pub fn order_client_id(&self) -> &str {
        if self.execution_type == ExecutionType::Canceled && !self.orig_client_order_id.is_empty() {
            &self.orig_client_order_id
        } else {
            &self.client_order_id
        }
    }
}

/// One balance of `outboundAccountPosition`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionBalance {
    /// Asset.
    #[serde(rename = "a")]
    pub asset: String,
    /// Free.
    #[serde(rename = "f")]
    pub free: Decimal,
    /// Locked.
    #[serde(rename = "l")]
    pub locked: Decimal,
}

/// `outboundAccountPosition`: the assets that may have changed, with their new balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPosition {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Time of the last account update (ms).
    #[serde(rename = "u")]
    pub last_update_time: i64,
    /// Balances.
    #[serde(rename = "B")]
    pub balances: Vec<PositionBalance>,
}

/// `balanceUpdate` (deposits, withdrawals, transfers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceUpdate {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Asset.
    #[serde(rename = "a")]
    pub asset: String,
    /// Delta.
    #[serde(rename = "d")]
    pub delta: Decimal,
    /// Clear time (ms).
    #[serde(rename = "T")]
    pub clear_time: i64,
}

/// An order of a `listStatus` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListStatusOrder {
    /// Symbol.
    #[serde(rename = "s")]
    pub symbol: String,
    /// Venue order id.
    #[serde(rename = "i")]
    pub order_id: i64,
    /// Client order id.
    #[serde(rename = "c")]
    pub client_order_id: String,
}

/// `listStatus`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListStatus {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Symbol.
    #[serde(rename = "s")]
    pub symbol: String,
    /// Order list id.
    #[serde(rename = "g")]
    pub order_list_id: i64,
    /// Contingency type.
    #[serde(rename = "c")]
    pub contingency_type: String,
    /// List status type.
    #[serde(rename = "l")]
    pub list_status_type: String,
    /// List order status.
    #[serde(rename = "L")]
    pub list_order_status: String,
    /// Reject reason.
    #[serde(rename = "r")]
    pub reject_reason: String,
    /// List client order id.
    #[serde(rename = "C")]
    pub list_client_order_id: String,
    /// Transaction time (ms).
    #[serde(rename = "T")]
    pub transaction_time: i64,
    /// Orders.
    #[serde(rename = "O")]
    pub orders: Vec<ListStatusOrder>,
}

/// A bare event (`eventStreamTerminated`, `serverShutdown`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BareEvent {
    /// Event time (ms).
    #[serde(rename = "E", default)]
    pub event_time: i64,
}

/// `externalLockUpdate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalLockUpdate {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Asset.
    #[serde(rename = "a")]
    pub asset: String,
    /// Delta.
    #[serde(rename = "d")]
    pub delta: Decimal,
    /// Transaction time (ms).
    #[serde(rename = "T")]
    pub transaction_time: i64,
}

/// A user data stream event (the `event` of the WebSocket API's wrapped form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "e")]
#[allow(
    clippy::large_enum_variant,
    reason = "events are moved once through a channel"
)]
pub enum UserEvent {
    /// Order update.
    #[serde(rename = "executionReport")]
    ExecutionReport(ExecutionReport),
    /// Balances after a change.
    #[serde(rename = "outboundAccountPosition")]
    AccountPosition(AccountPosition),
    /// Deposit, withdrawal or transfer.
    #[serde(rename = "balanceUpdate")]
    BalanceUpdate(BalanceUpdate),
    /// Order list update.
    #[serde(rename = "listStatus")]
    ListStatus(ListStatus),
    /// Balance locked/unlocked by an external system.
    #[serde(rename = "externalLockUpdate")]
    ExternalLockUpdate(ExternalLockUpdate),
    /// The subscription ended (unsubscribe, logout, token expiry).
    #[serde(rename = "eventStreamTerminated")]
    EventStreamTerminated(BareEvent),
    /// The server is about to shut down: reconnect.
    #[serde(rename = "serverShutdown")]
    ServerShutdown(BareEvent),
    /// Any other event type.
    #[serde(other)]
    Unknown,
}

/// The WebSocket API's wrapped event: `{"subscriptionId": n, "event": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WrappedUserEvent {
    /// Subscription id (absent on connection events such as `serverShutdown`).
    #[serde(default)]
    pub subscription_id: Option<u64>,
    /// The event.
    pub event: UserEvent,
}

// ---------------------------------------------------------------------------------------------
// Market streams
// ---------------------------------------------------------------------------------------------

/// `<symbol>@bookTicker` payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookTickerEvent {
    /// Order book update id.
    #[serde(rename = "u")]
    pub update_id: i64,
    /// Symbol.
    #[serde(rename = "s")]
    pub symbol: String,
    /// Best bid.
    #[serde(rename = "b")]
    pub bid_price: Decimal,
    /// Best bid size.
    #[serde(rename = "B")]
    pub bid_qty: Decimal,
    /// Best ask.
    #[serde(rename = "a")]
    pub ask_price: Decimal,
    /// Best ask size.
    #[serde(rename = "A")]
    pub ask_qty: Decimal,
}

/// `<symbol>@trade` payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeEvent {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Symbol.
    #[serde(rename = "s")]
    pub symbol: String,
    /// Trade id.
    #[serde(rename = "t")]
    pub trade_id: i64,
    /// Price.
    #[serde(rename = "p")]
    pub price: Decimal,
    /// Quantity.
    #[serde(rename = "q")]
    pub qty: Decimal,
    /// Trade time (ms).
    #[serde(rename = "T")]
    pub trade_time: i64,
    /// Whether the buyer was the maker.
    #[serde(rename = "m")]
    pub is_buyer_maker: bool,
}

/// `<symbol>@depth` / `<symbol>@depth@100ms` payload (diff depth).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepthUpdateEvent {
    /// Event time (ms).
    #[serde(rename = "E")]
    pub event_time: i64,
    /// Symbol.
    #[serde(rename = "s")]
    pub symbol: String,
    /// First update id in the event.
    #[serde(rename = "U")]
    pub first_update_id: i64,
    /// Last update id in the event.
    #[serde(rename = "u")]
    pub final_update_id: i64,
    /// Bid changes (qty 0 = remove).
    #[serde(rename = "b")]
    pub bids: Vec<Level>,
    /// Ask changes (qty 0 = remove).
    #[serde(rename = "a")]
    pub asks: Vec<Level>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/binance/spot");

    fn load(rel: &str) -> Option<String> {
        let path = Path::new(DATA).join(rel);
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn parses_every_shared_rest_body() {
        let Some(_) = load("http_json/server_time_response.json") else {
            return; // data set absent on this machine
        };
        let t: ServerTime =
            serde_json::from_str(&load("http_json/server_time_response.json").unwrap()).unwrap();
        assert_eq!(t.server_time, 1_499_827_319_559);
        let info: ExchangeInfo =
            serde_json::from_str(&load("http_json/exchange_info_response.json").unwrap()).unwrap();
        assert_eq!(info.symbols[0].symbol, "ETHBTC");
        let acct: AccountInfo =
            serde_json::from_str(&load("http_json/account_response.json").unwrap()).unwrap();
        assert_eq!(acct.balances.len(), 2);
        let full: OrderResponse =
            serde_json::from_str(&load("http_json/new_order_full_response.json").unwrap()).unwrap();
        assert_eq!(full.fills.len(), 5);
        assert_eq!(full.status, Some(OrderStatus::Filled));
        let _: Order =
            serde_json::from_str(&load("http_json/order_response.json").unwrap()).unwrap();
        let _: Vec<Order> =
            serde_json::from_str(&load("http_json/open_orders_response.json").unwrap()).unwrap();
        let _: Vec<Order> =
            serde_json::from_str(&load("http_json/all_orders_response.json").unwrap()).unwrap();
        let _: CancelOrderResponse =
            serde_json::from_str(&load("http_json/cancel_order_response.json").unwrap()).unwrap();
        let all: Vec<CanceledOpenOrder> =
            serde_json::from_str(&load("http_json/cancel_open_orders_response.json").unwrap())
                .unwrap();
        assert!(matches!(all[0], CanceledOpenOrder::Order(_)));
        assert!(matches!(all[2], CanceledOpenOrder::List(_)));
        let _: Vec<MyTrade> =
            serde_json::from_str(&load("http_json/account_trades_response.json").unwrap()).unwrap();
        let d: Depth =
            serde_json::from_str(&load("http_json/depth_response.json").unwrap()).unwrap();
        assert_eq!(d.bids[0].price().to_string(), "4.00000000");
        let _: Vec<PublicTrade> =
            serde_json::from_str(&load("http_json/trades_response.json").unwrap()).unwrap();
        let k: Vec<Kline> =
            serde_json::from_str(&load("http_json/klines_response.json").unwrap()).unwrap();
        assert_eq!(k[0].trades, 308);
        let _: BookTicker =
            serde_json::from_str(&load("http_json/book_ticker_response.json").unwrap()).unwrap();
        let _: Ticker24hr =
            serde_json::from_str(&load("http_json/ticker_24hr_response.json").unwrap()).unwrap();
    }

    #[test]
    fn parses_every_shared_user_data_event() {
        let Some(_) = load("user_data_json/execution_report_new.json") else {
            return;
        };
        for name in [
            "execution_report_new",
            "execution_report_trade",
            "execution_report_canceled",
            "execution_report_expired",
            "execution_report_stop_loss",
            "account_position",
            "balance_update",
        ] {
            let ev: UserEvent =
                serde_json::from_str(&load(&format!("user_data_json/{name}.json")).unwrap())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_ne!(ev, UserEvent::Unknown, "{name}");
        }
        for name in [
            "execution_report_wrapped",
            "account_position_wrapped",
            "balance_update_wrapped",
            "list_status_wrapped",
        ] {
            let ev: WrappedUserEvent =
                serde_json::from_str(&load(&format!("user_data_json/{name}.json")).unwrap())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(ev.subscription_id, Some(0));
            assert_ne!(ev.event, UserEvent::Unknown, "{name}");
        }
        let trade: UserEvent =
            serde_json::from_str(&load("user_data_json/execution_report_trade.json").unwrap())
                .unwrap();
        let UserEvent::ExecutionReport(r) = trade else {
            panic!()
        };
        assert_eq!(r.commission_asset.as_deref(), Some("ETH"));
        assert_eq!(r.execution_type, ExecutionType::Trade);
        assert!(r.is_maker);
    }

    #[test]
    fn symbol_rules_from_filters() {
        let json = r#"{
            "symbol": "BTCUSDT", "status": "TRADING", "baseAsset": "BTC", "baseAssetPrecision": 8,
            "quoteAsset": "USDT", "quoteAssetPrecision": 8,
            "filters": [
              {"filterType": "PRICE_FILTER", "minPrice": "0.01000000", "maxPrice": "1000000.00000000", "tickSize": "0.01000000"},
              {"filterType": "LOT_SIZE", "minQty": "0.00001000", "maxQty": "9000.00000000", "stepSize": "0.00001000"},
              {"filterType": "ICEBERG_PARTS", "limit": 10},
              {"filterType": "MARKET_LOT_SIZE", "minQty": "0.00000000", "maxQty": "100.0", "stepSize": "0.00000000"},
              {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10, "maxTrailingAboveDelta": 2000, "minTrailingBelowDelta": 10, "maxTrailingBelowDelta": 2000},
              {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5", "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2", "avgPriceMins": 5},
              {"filterType": "NOTIONAL", "minNotional": "5.00000000", "applyMinToMarket": true, "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5},
              {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200}
            ]}"#;
        let info: SymbolInfo = serde_json::from_str(json).unwrap();
        let rules = SymbolRules::from_symbol(&info);
        assert_eq!(rules.price_precision(), 2);
        assert_eq!(rules.size_precision(), 5);
        assert_eq!(rules.min_notional, Some(Decimal::new(5, 0)));
        assert!(rules.percent_price_by_side.is_some());
        assert!(rules.check_price(Decimal::new(5000001, 2)).is_ok());
        assert!(rules.check_price(Decimal::new(50000001, 3)).is_err());
        assert!(rules.check_qty(Decimal::new(1, 5), false).is_ok());
        assert!(rules.check_qty(Decimal::new(1, 6), false).is_err());
        assert!(
            rules
                .check_notional(Decimal::new(100, 0), Decimal::new(1, 2))
                .is_err()
        );
    }
}
