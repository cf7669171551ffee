//! User data stream events: execution reports, account positions, balance updates, order
//! list statuses.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{ExecutionType, OrderSide, OrderStatus, OrderType, TimeInForce, rest::minus_one};

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
