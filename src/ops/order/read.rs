//! Reading orders: one order with its events (status), the blotter (list).

use super::*;

/// An order with every event of its life.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderStatusResponse {
    pub order: OrderView,
    pub events: Vec<OrderEventView>,
    /// The venue's mode: paper, testnet or live.
    pub mode: String,
    /// Real venues whose part of this answer is the node's stored state because reconciling
    /// with them failed: it may be stale (absent when every real venue answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<crate::engine::venues::runtime::StaleVenue>,
}

/// Get an order's status: status, filled quantity, average price, and every event with its
/// time.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct OrderStatusRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub order: OrderRef,
}

/// `order status` / `get_order_status`.
pub struct GetOrderStatus;

impl Operation for GetOrderStatus {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "status",
        tool_name: "get_order_status",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = OrderStatusRequest;
    type Response = OrderStatusResponse;

    async fn run(
        ctx: Arc<Context>,
        req: OrderStatusRequest,
        _call: Call,
    ) -> OpResult<OrderStatusResponse> {
        let id = req.order.id()?;
        let venue = venue_of_order(&ctx, &id)?;
        let stale = if venue.is_empty() {
            Vec::new()
        } else {
            runtime::sync_for_read(&ctx, Some(&venue)).await
        };
        tokio::task::spawn_blocking(move || {
            let conn = ctx.store.snapshot()?;
            let row =
                db::order(&conn, id.as_str())?.ok_or_else(|| OpError::not_found("order", id))?;
            let mode = db::venue(&conn, &row.venue)?.map_or_else(|| "paper".into(), |v| v.mode);
            let order: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                .map_err(OpError::internal)?;
            let events = db::order_journal(&conn, id.as_str())?
                .iter()
                .filter_map(|j| {
                    crate::data::currencies::from_stored_json_fast(&j.payload)
                        .ok()
                        .map(|e| OrderEventView::of(j.seq, j.created_at, &e))
                })
                .collect();
            Ok(OrderStatusResponse {
                order: OrderView::of(&order, row.reason),
                events,
                mode,
                stale,
            })
        })
        .await
        .map_err(OpError::internal)?
    }
}

/// List orders, newest first: open, closed or all, filtered by venue, instrument, side or
/// strategy.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListOrdersRequest {
    /// open (default), closed or all.
    #[arg(long, default_value = "open")]
    #[serde(default = "open")]
    pub status: String,
    /// Only this venue.
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
    /// Only this instrument.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    #[serde(default)]
    pub instrument_id: Option<String>,
    /// Only BUY or SELL.
    #[arg(long, value_enum, ignore_case = true)]
    #[serde(default)]
    pub side: Option<Side>,
    /// Only orders of this strategy (e.g. MANUAL-001).
    #[arg(long)]
    #[serde(default)]
    pub strategy_id: Option<String>,
    /// Most orders to list (1 to 10000).
    #[arg(long, default_value_t = 100)]
    #[serde(default = "hundred")]
    pub limit: u32,
    /// summary (the MCP default): the first 10 orders; full (the CLI default): up to limit.
    #[arg(long, value_enum)]
    #[serde(default)]
    pub detail: Option<Detail>,
    /// Go on from an earlier answer: its next_cursor.
    #[arg(long)]
    #[serde(default)]
    pub cursor: Option<String>,
}

/// Orders a summary lists.
const SUMMARY_ORDERS: usize = 10;

fn open() -> String {
    "open".into()
}
fn hundred() -> u32 {
    100
}

/// Orders found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderList {
    pub orders: Vec<OrderView>,
    /// More orders match: pass this as cursor for the next page (absent on the last page).
    pub next_cursor: Option<String>,
    /// The mode of each venue listed: paper, testnet or live.
    pub modes: std::collections::BTreeMap<String, String>,
    /// What a summary left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
    /// Real venues whose part of this answer is the node's stored state because reconciling
    /// with them failed: it may be stale (absent when every real venue answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<crate::engine::venues::runtime::StaleVenue>,
}

/// `order list` / `list_orders`.
pub struct ListOrders;

impl Operation for ListOrders {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "list",
        tool_name: "list_orders",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = ListOrdersRequest;
    type Response = OrderList;

    async fn run(ctx: Arc<Context>, req: ListOrdersRequest, _call: Call) -> OpResult<OrderList> {
        let open = match req.status.to_ascii_lowercase().as_str() {
            "open" => Some(true),
            "closed" => Some(false),
            "all" => None,
            other => {
                return Err(OpError::invalid(
                    "status",
                    format!("'{other}' is not open, closed or all"),
                ));
            }
        };
        if req.limit == 0 || req.limit > 10_000 {
            return Err(OpError::invalid(
                "limit",
                format!("must be between 1 and 10000, got {}", req.limit),
            ));
        }
        let filter = db::OrderFilter {
            venue: req
                .venue
                .as_deref()
                .map(|v| parse_venue("venue", v))
                .transpose()?,
            instrument_id: req
                .instrument_id
                .as_deref()
                .map(|i| parse_instrument_id("instrument_id", i).map(|i| i.to_string()))
                .transpose()?,
            strategy_id: req.strategy_id.clone(),
            open,
            side: req.side.map(|s| s.as_str().to_string()),
            // One more than asked, to know whether another page follows.
            limit: req.limit + 1,
            after: req
                .cursor
                .as_deref()
                .map(|c| Cursor::parse("cursor", c).map(|c| (c.time, c.key)))
                .transpose()?,
        };
        let stale = runtime::sync_for_read(&ctx, filter.venue.as_deref()).await;
        tokio::task::spawn_blocking(move || {
            let conn = ctx.store.snapshot()?;
            let mut rows = db::list_orders(&conn, &filter)?;
            let cursor_after = |last: &db::OrderRow| {
                Cursor {
                    time: last.created_ts,
                    key: last.client_order_id.clone(),
                }
                .text()
            };
            let mut next_cursor = (rows.len() > filter.limit as usize - 1).then(|| {
                rows.truncate(filter.limit as usize - 1);
                cursor_after(&rows[rows.len() - 1])
            });
            let truncated = Truncated::cut(
                "orders",
                &mut rows,
                Detail::cap(req.detail, SUMMARY_ORDERS),
                "detail=full lists up to limit; filters (status, venue, instrument_id, side, \
                 strategy_id) narrow them; next_cursor goes on after the last one shown",
            );
            // A summary's next page starts after the last order it shows.
            if truncated.is_some() {
                next_cursor = rows.last().map(cursor_after);
            }
            let mut modes = std::collections::BTreeMap::new();
            for r in &rows {
                if !modes.contains_key(&r.venue) {
                    let mode =
                        db::venue(&conn, &r.venue)?.map_or_else(|| "paper".into(), |v| v.mode);
                    modes.insert(r.venue.clone(), mode);
                }
            }
            let orders = rows
                .into_iter()
                .map(|r| {
                    crate::data::currencies::from_stored_json_fast::<OrderAny>(&r.body)
                        .map(|o| OrderView::of(&o, r.reason))
                        .map_err(OpError::internal)
                })
                .collect::<OpResult<Vec<_>>>()?;
            Ok(OrderList {
                orders,
                next_cursor,
                modes,
                truncated,
                stale,
            })
        })
        .await
        .map_err(OpError::internal)?
    }
}
