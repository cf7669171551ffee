//! Market stream events: book ticker, trades and diff depth.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rest::Level;

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
