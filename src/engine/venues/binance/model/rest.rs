//! REST models of an account and its orders: balances, commission rates, order responses,
//! cancels, amends, cancel-replace, trades, and the public market data (depth, trades,
//! klines, book ticker, 24-hour ticker).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{OrderSide, OrderStatus, OrderType, TimeInForce, exchange::ApiErrorBody};

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

pub(super) fn minus_one() -> i64 {
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

/// A pair of commission rates (fractions of the notional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakerTakerRates {
    /// Maker rate.
    pub maker: Decimal,
    /// Taker rate.
    pub taker: Decimal,
}

/// The BNB discount of `POST /api/v3/order/test` with `computeCommissionRates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommissionDiscount {
    /// The account pays commissions in the discount asset.
    pub enabled_for_account: bool,
    /// The symbol allows it.
    pub enabled_for_symbol: bool,
    /// The asset (`BNB`).
    pub discount_asset: String,
    /// The share of the standard commission taken off.
    pub discount: Decimal,
}

/// `POST /api/v3/order/test` with `computeCommissionRates=true` (without it the body is `{}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderTestResponse {
    /// Standard commission rates on trades from the order.
    #[serde(default)]
    pub standard_commission_for_order: Option<MakerTakerRates>,
    /// Special commission rates on trades from the order.
    #[serde(default)]
    pub special_commission_for_order: Option<MakerTakerRates>,
    /// Tax commission rates on trades from the order.
    #[serde(default)]
    pub tax_commission_for_order: Option<MakerTakerRates>,
    /// The discount when paying in BNB.
    #[serde(default)]
    pub discount: Option<CommissionDiscount>,
}

impl OrderTestResponse {
    /// The total maker and taker rates: standard, special and tax commissions added.
    #[must_use]
    pub fn total_rates(&self) -> MakerTakerRates {
        let parts = [
            &self.standard_commission_for_order,
            &self.special_commission_for_order,
            &self.tax_commission_for_order,
        ];
        let (mut maker, mut taker) = (Decimal::ZERO, Decimal::ZERO);
        for r in parts.into_iter().flatten() {
            maker += r.maker;
            taker += r.taker;
        }
        MakerTakerRates { maker, taker }
    }
}
