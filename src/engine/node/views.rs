//! What callers see of orders, positions and accounts: exact decimals as strings, times in
//! RFC 3339.

use std::collections::BTreeMap;

use nautilus_model::{
    enums::PositionSide,
    events::{AccountState, OrderEventAny},
    orders::{Order, OrderAny},
    position::Position,
    types::Price,
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::data::time::{format_duration_ns, format_ns};

/// An order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct OrderView {
    pub client_order_id: String,
    pub venue_order_id: Option<String>,
    pub instrument_id: String,
    pub strategy_id: String,
    pub side: String,
    #[serde(rename = "type")]
    pub order_type: String,
    pub status: String,
    pub quantity: String,
    pub filled_qty: String,
    pub leaves_qty: String,
    pub price: Option<String>,
    pub trigger_price: Option<String>,
    /// Average fill price (exact, from the fills).
    pub avg_px: Option<String>,
    pub time_in_force: String,
    pub expire_time: Option<String>,
    pub post_only: bool,
    pub reduce_only: bool,
    /// OTO, OCO or OUO for bracket orders.
    pub contingency: Option<String>,
    pub linked_order_ids: Vec<String>,
    pub parent_order_id: Option<String>,
    /// Why it was denied or rejected.
    pub reason: Option<String>,
    /// Commission paid, per currency.
    pub commission: Vec<String>,
    /// Creation time (paper market time).
    pub created: String,
    pub updated: String,
}

/// Exact average fill price from an order's fills.
#[must_use]
pub fn avg_fill_price(order: &OrderAny) -> Option<Decimal> {
    let (mut qty, mut value) = (Decimal::ZERO, Decimal::ZERO);
    for e in order.events() {
        if let OrderEventAny::Filled(f) = e {
            qty += f.last_qty.as_decimal();
            value += f.last_qty.as_decimal() * f.last_px.as_decimal();
        }
    }
    (!qty.is_zero()).then(|| (value / qty).round_dp(12).normalize())
}

/// Who refused an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedBy {
    /// The node's risk engine denied it before it reached the venue.
    Risk,
    /// The venue rejected it, or a change or cancel of it.
    Venue,
}

/// Why an order's last event refused it (the order, or a change or cancel of it), if it did.
#[must_use]
pub fn refusal(order: &OrderAny) -> Option<(RefusedBy, String)> {
    match order.last_event() {
        OrderEventAny::Denied(e) => Some((RefusedBy::Risk, e.reason.to_string())),
        OrderEventAny::Rejected(e) => Some((RefusedBy::Venue, e.reason.to_string())),
        OrderEventAny::ModifyRejected(e) => {
            Some((RefusedBy::Venue, format!("modify rejected: {}", e.reason)))
        }
        OrderEventAny::CancelRejected(e) => {
            Some((RefusedBy::Venue, format!("cancel rejected: {}", e.reason)))
        }
        _ => None,
    }
}

impl OrderView {
    /// The view of an order, with the reason of its last refusal if any.
    #[must_use]
    pub fn of(o: &OrderAny, reason: Option<String>) -> Self {
        let mut commission: BTreeMap<String, Decimal> = BTreeMap::new();
        for e in o.events() {
            if let OrderEventAny::Filled(f) = e
                && let Some(c) = f.commission
            {
                *commission.entry(c.currency.code.to_string()).or_default() += c.as_decimal();
            }
        }
        let ts = |t: nautilus_core::UnixNanos| format_ns(t.as_u64() as i64);
        Self {
            client_order_id: o.client_order_id().to_string(),
            venue_order_id: o.venue_order_id().map(|v| v.to_string()),
            instrument_id: o.instrument_id().to_string(),
            strategy_id: o.strategy_id().to_string(),
            side: o.order_side().to_string(),
            order_type: o.order_type().to_string(),
            status: o.status().to_string(),
            quantity: o.quantity().to_string(),
            filled_qty: o.filled_qty().to_string(),
            leaves_qty: o.leaves_qty().to_string(),
            price: o.price().map(|p| p.to_string()),
            trigger_price: o.trigger_price().map(|p| p.to_string()),
            avg_px: avg_fill_price(o).map(|d| d.to_string()),
            time_in_force: o.time_in_force().to_string(),
            expire_time: o.expire_time().map(ts),
            post_only: o.is_post_only(),
            reduce_only: o.is_reduce_only(),
            contingency: o
                .contingency_type()
                .filter(|c| *c != nautilus_model::enums::ContingencyType::NoContingency)
                .map(|c| c.to_string()),
            linked_order_ids: o
                .linked_order_ids()
                .unwrap_or_default()
                .iter()
                .map(ToString::to_string)
                .collect(),
            parent_order_id: o.parent_order_id().map(|p| p.to_string()),
            reason,
            commission: commission
                .iter()
                .map(|(c, a)| format!("{} {c}", a.normalize()))
                .collect(),
            created: ts(o.ts_init()),
            updated: ts(o.ts_last()),
        }
    }
}

/// One event in an order's life.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct OrderEventView {
    /// Journal sequence number.
    pub seq: i64,
    /// Paper market time (or venue time) of the event.
    pub time: String,
    /// When it was recorded (wall clock).
    pub recorded: String,
    pub event: String,
    pub detail: String,
}

impl OrderEventView {
    /// A readable line for an event.
    #[must_use]
    pub fn of(seq: i64, recorded_ms: i64, e: &OrderEventAny) -> Self {
        let detail = match e {
            OrderEventAny::Filled(f) => format!(
                "{} {} @ {}{}",
                f.order_side,
                f.last_qty,
                f.last_px,
                f.commission
                    .map(|c| format!(", commission {c}"))
                    .unwrap_or_default()
            ),
            OrderEventAny::Denied(d) => d.reason.to_string(),
            OrderEventAny::Rejected(r) => r.reason.to_string(),
            OrderEventAny::ModifyRejected(r) => r.reason.to_string(),
            OrderEventAny::CancelRejected(r) => r.reason.to_string(),
            OrderEventAny::Updated(u) => format!(
                "quantity {}{}{}",
                u.quantity,
                u.price.map(|p| format!(", price {p}")).unwrap_or_default(),
                u.trigger_price
                    .map(|p| format!(", trigger {p}"))
                    .unwrap_or_default()
            ),
            OrderEventAny::Accepted(a) => format!("venue order id {}", a.venue_order_id),
            _ => String::new(),
        };
        let recorded = chrono::DateTime::from_timestamp_millis(recorded_ms)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_default();
        Self {
            seq,
            time: format_ns(e.ts_event().as_u64() as i64),
            recorded,
            event: format!("{:?}", e.event_type())
                .trim_start_matches("Order")
                .to_ascii_uppercase(),
            detail,
        }
    }
}

/// A position, marked at the last price.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PositionView {
    pub position_id: String,
    pub instrument_id: String,
    pub strategy_id: String,
    /// LONG, SHORT or FLAT.
    pub side: String,
    pub quantity: String,
    /// Signed quantity (negative for short).
    pub signed_quantity: String,
    pub avg_px_open: String,
    pub avg_px_close: Option<String>,
    pub mark_price: Option<String>,
    pub unrealized_pnl: Option<String>,
    /// Realized PnL after commissions.
    pub realized_pnl: Option<String>,
    pub currency: String,
    pub commission: Vec<String>,
    pub opened: String,
    pub closed: Option<String>,
    /// Time open so far (or until closed), measured on the paper market clock.
    pub duration: String,
}

fn fmt_px(v: f64, precision: u8) -> String {
    let d = Decimal::from_f64_retain(v)
        .unwrap_or_default()
        .round_dp(u32::from(precision) + 4)
        .normalize();
    d.to_string()
}

impl PositionView {
    /// The view of a position; `mark` values the open part, `now_ns` measures its age.
    #[must_use]
    pub fn of(p: &Position, mark: Option<Price>, now_ns: i64) -> Self {
        let side = match p.side {
            PositionSide::Long => "LONG",
            PositionSide::Short => "SHORT",
            _ => "FLAT",
        };
        let opened = p.ts_opened.as_u64() as i64;
        let end = p.ts_closed.map_or(now_ns, |t| t.as_u64() as i64);
        let unrealized = mark
            .filter(|_| p.is_open())
            .map(|m| p.unrealized_pnl(m).as_decimal().normalize().to_string());
        Self {
            position_id: p.id.to_string(),
            instrument_id: p.instrument_id.to_string(),
            strategy_id: p.strategy_id.to_string(),
            side: side.into(),
            quantity: p.quantity.to_string(),
            // Nautilus keeps the signed quantity as f64; derive it exactly.
            signed_quantity: match p.side {
                PositionSide::Short => -p.quantity.as_decimal(),
                _ => p.quantity.as_decimal(),
            }
            .normalize()
            .to_string(),
            avg_px_open: fmt_px(p.avg_px_open, p.price_precision),
            avg_px_close: p.avg_px_close.map(|v| fmt_px(v, p.price_precision)),
            mark_price: mark.map(|m| m.to_string()),
            unrealized_pnl: unrealized,
            realized_pnl: p
                .realized_pnl
                .map(|m| m.as_decimal().normalize().to_string()),
            currency: p.settlement_currency.code.to_string(),
            commission: p.commissions().iter().map(ToString::to_string).collect(),
            opened: format_ns(opened),
            closed: p.ts_closed.map(|t| format_ns(t.as_u64() as i64)),
            duration: format_duration_ns((end - opened).max(0)),
        }
    }
}

/// One currency's balance.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BalanceView {
    pub currency: String,
    pub total: String,
    pub locked: String,
    pub free: String,
}

/// One instrument's margin.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MarginView {
    pub instrument_id: Option<String>,
    pub currency: String,
    pub initial: String,
    pub maintenance: String,
}

/// Balances and margins of an account state.
#[must_use]
pub fn balances(state: &AccountState) -> (Vec<BalanceView>, Vec<MarginView>) {
    let b = state
        .balances
        .iter()
        .map(|b| BalanceView {
            currency: b.currency.code.to_string(),
            total: b.total.as_decimal().normalize().to_string(),
            locked: b.locked.as_decimal().normalize().to_string(),
            free: b.free.as_decimal().normalize().to_string(),
        })
        .collect();
    let m = state
        .margins
        .iter()
        .map(|m| MarginView {
            instrument_id: m.instrument_id.map(|i| i.to_string()),
            currency: m.currency.code.to_string(),
            initial: m.initial.as_decimal().normalize().to_string(),
            maintenance: m.maintenance.as_decimal().normalize().to_string(),
        })
        .collect();
    (b, m)
}
