//! A run's orders and fills as plain values, recorded when asked for (the differential test
//! compares the engine's with the fast path's, order by order and fill by fill).

use nautilus_model::{
    events::OrderEventAny,
    orders::{Order, OrderAny},
};
use serde::{Deserialize, Serialize};

/// One fill of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FillTrace {
    /// Unix ns.
    pub ts: i64,
    pub quantity: String,
    pub price: String,
    /// "0.21 USDT".
    pub commission: String,
    /// MAKER or TAKER.
    pub liquidity: String,
}

/// One order the strategy created, with its final status and fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderTrace {
    /// Creation number within the strategy (1, 2, ...).
    pub seq: u64,
    /// Unix ns of its creation.
    pub ts_init: i64,
    /// MARKET, LIMIT, STOP_MARKET, ...
    pub order_type: String,
    pub side: String,
    pub quantity: String,
    pub price: Option<String>,
    pub trigger_price: Option<String>,
    pub reduce_only: bool,
    /// FILLED, CANCELED, DENIED, REJECTED, ACCEPTED, ...
    pub status: String,
    pub fills: Vec<FillTrace>,
}

impl OrderTrace {
    /// The trace of a Nautilus order; its creation number is the count its client order id
    /// ends with.
    #[must_use]
    pub fn from_order(order: &OrderAny) -> Self {
        let id = order.client_order_id();
        let seq = id
            .as_str()
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let fills = order
            .events()
            .into_iter()
            .filter_map(|e| match e {
                OrderEventAny::Filled(f) => Some(FillTrace {
                    ts: f.ts_event.as_u64() as i64,
                    quantity: f.last_qty.to_string(),
                    price: f.last_px.to_string(),
                    commission: f.commission.map(|c| c.to_string()).unwrap_or_default(),
                    liquidity: f.liquidity_side.to_string(),
                }),
                _ => None,
            })
            .collect();
        Self {
            seq,
            ts_init: order.ts_init().as_u64() as i64,
            order_type: order.order_type().to_string(),
            side: order.order_side().to_string(),
            quantity: order.quantity().to_string(),
            price: order.price().map(|p| p.to_string()),
            trigger_price: order.trigger_price().map(|p| p.to_string()),
            reduce_only: order.is_reduce_only(),
            status: order.status().to_string(),
            fills,
        }
    }
}
