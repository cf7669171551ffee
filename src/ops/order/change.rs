//! Changing orders: cancel, modify, cancel-all (each confirmed first on a venue that needs it).

use super::*;

/// Identifies an order.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct OrderRef {
    /// Client order id.
    #[arg(value_name = "ORDER_ID")]
    pub order_id: String,
    /// Venue (optional).
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
}

impl OrderRef {
    pub(super) fn id(&self) -> OpResult<ClientOrderId> {
        if let Some(v) = &self.venue {
            parse_venue("venue", v)?;
        }
        parse_client_order_id("order_id", &self.order_id)
    }
}

/// An order after a change.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderChanged {
    /// The order as it now stands (after a cancel-replace: the replacement).
    pub order: OrderView,
    /// The venue's mode: paper, testnet or live.
    pub mode: String,
    /// How a modify was done: in_place (paper), amend_keep_priority (the venue reduced the
    /// quantity keeping queue priority) or cancel_replace (canceled and replaced by a new
    /// order with a new client order id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// After a cancel-replace: the canceled original.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced: Option<OrderView>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

async fn change(
    ctx: &Arc<Context>,
    id: ClientOrderId,
    f: impl FnOnce(&mut Session<'_>) -> OpResult<Option<Refusal>> + Send + 'static,
) -> OpResult<OrderChanged> {
    let venue = venue_of_order(ctx, &id)?;
    let traded = runtime::trade(
        ctx,
        &venue,
        move |s| {
            let refusal = f(s)?;
            Ok((refusal, s.last_modify))
        },
        move |s, (refusal, modified)| {
            let venue = s
                .order(&id)
                .map(|o| o.instrument_id().venue)
                .ok_or_else(|| OpError::not_found("order", id))?;
            let original = view(s, &id).ok_or_else(|| OpError::not_found("order", id))?;
            let mode = mode_of(s, venue);
            let (order, replaced) = match modified {
                Some((_, Some(new_id))) => match view(s, new_id) {
                    Some(new) => (new, Some(original)),
                    None => (original, None),
                },
                _ => (original, None),
            };
            let refusal = refusal.clone().or_else(|| {
                refusal_of(s, &id).or_else(|| match modified {
                    Some((_, Some(new_id))) => refusal_of(s, new_id),
                    _ => None,
                })
            });
            Ok((
                OrderChanged {
                    order,
                    mode,
                    method: modified.map(|(m, _)| m.as_str().to_string()),
                    replaced,
                    notes: Vec::new(),
                },
                refusal,
            ))
        },
    )
    .await?;
    let (mut changed, refusal) = traded.result;
    changed.notes = traded.notes;
    if let Some(e) = traded.failure {
        return Err(with_result(e, "order", &changed.order));
    }
    match refusal {
        None => Ok(changed),
        Some(r) => Err(OpError::new(r.code, format!("order {id}: {}", r.reason))
            .with_details(serde_json::json!({ "order": changed.order }))),
    }
}

/// A modification or cancel-all on a venue whose orders are confirmed: asks the person (or
/// redeems the token) before anything is recorded or sent.
async fn confirm_change(
    ctx: &Arc<Context>,
    call: &Call,
    (tool, venue): (&'static str, &str),
    summary: String,
    subject: serde_json::Value,
    notional: Option<Decimal>,
    token: Option<&str>,
) -> OpResult<()> {
    let Some(need) = confirm::requirement(ctx, venue)? else {
        return Ok(());
    };
    if !need.applies(notional) {
        return Ok(());
    }
    let request = confirm::ConfirmRequest {
        tool,
        venue: venue.to_string(),
        mode: need.mode,
        summary: format!("{summary} ({} mode)", need.mode.as_str()),
        subject,
        preview: None,
    };
    confirm::obtain(ctx, call, request, token, None).await?;
    Ok(())
}

/// Cancel an open order.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct CancelOrderRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub order: OrderRef,
}

/// `order cancel` / `cancel_order`.
pub struct CancelOrder;

impl Operation for CancelOrder {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "cancel",
        tool_name: "cancel_order",
        class: OpClass::Trade,
        idempotent: false,
        destructive: true,
    };
    type Request = CancelOrderRequest;
    type Response = OrderChanged;

    async fn run(
        ctx: Arc<Context>,
        req: CancelOrderRequest,
        _call: Call,
    ) -> OpResult<OrderChanged> {
        let id = req.order.id()?;
        change(&ctx, id, move |s| orders::cancel(s, id)).await
    }
}

/// Modify an open order's price, trigger price or quantity.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct ModifyOrderRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub order: OrderRef,
    /// New limit price.
    #[arg(long)]
    #[serde(default)]
    pub price: Option<Dec>,
    /// New trigger price (stop orders).
    #[arg(long)]
    #[serde(default)]
    pub trigger_price: Option<Dec>,
    /// New quantity (not below what is filled).
    #[arg(long)]
    #[serde(default)]
    pub quantity: Option<Dec>,
    #[command(flatten)]
    #[serde(flatten)]
    pub confirm: ConfirmArgs,
}

/// `order modify` / `modify_order`.
pub struct ModifyOrder;

impl Operation for ModifyOrder {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "modify",
        tool_name: "modify_order",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = ModifyOrderRequest;
    type Response = OrderChanged;

    async fn run(ctx: Arc<Context>, req: ModifyOrderRequest, call: Call) -> OpResult<OrderChanged> {
        let id = req.order.id()?;
        let (q, p, t) = (
            req.quantity.map(Dec::get),
            req.price.map(Dec::get),
            req.trigger_price.map(Dec::get),
        );
        let stored = db::order(&ctx.store.conn(), id.as_str())?;
        if let Some(row) = stored {
            let o: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                .map_err(OpError::internal)?;
            let d = |v: Option<Decimal>| v.map(|d| d.normalize().to_string());
            let qty = q.unwrap_or_else(|| o.quantity().as_decimal());
            let px = p
                .or(t)
                .or_else(|| o.price().or(o.trigger_price()).map(|x| x.as_decimal()));
            let mut changes = Vec::new();
            for (name, new, old) in [
                ("quantity", q, Some(o.quantity().as_decimal())),
                ("price", p, o.price().map(|x| x.as_decimal())),
                (
                    "trigger_price",
                    t,
                    o.trigger_price().map(|x| x.as_decimal()),
                ),
            ] {
                if let Some(n) = new {
                    let was = old.map_or_else(|| "none".into(), |d| d.normalize().to_string());
                    changes.push(format!("{name} {was} -> {}", n.normalize()));
                }
            }
            let summary = format!(
                "Modify {} {} {} {} ({id}) on {}: {}",
                o.order_side(),
                o.quantity(),
                o.instrument_id(),
                o.order_type(),
                row.venue,
                changes.join(", ")
            );
            let subject = serde_json::json!({
                "order_id": id.to_string(),
                "quantity": d(q),
                "price": d(p),
                "trigger_price": d(t),
            });
            let notional = px.map(|px| (px * qty).abs());
            confirm_change(
                &ctx,
                &call,
                (Self::INFO.tool_name, &row.venue),
                summary,
                subject,
                notional,
                req.confirm.confirm_token.as_deref(),
            )
            .await?;
        }
        change(&ctx, id, move |s| {
            let refusal = orders::modify(s, id, q, p, t)?;
            if s.last_modify.is_none() {
                s.last_modify = Some((ModifyMethod::InPlace, None));
            }
            Ok(refusal)
        })
        .await
    }
}

/// Cancel every open order of an instrument (optionally one side).
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelAllRequest {
    /// Instrument, SYMBOL.VENUE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Only BUY or SELL orders.
    #[arg(long, value_enum, ignore_case = true)]
    #[serde(default)]
    pub side: Option<Side>,
    /// Confirmation token. On a live venue, a first call answers CONFIRMATION_REQUIRED with it;
    /// once the person accepted, it confirms exactly that call by the same caller, once,
    /// within 60 s.
    #[arg(skip)]
    #[serde(default)]
    pub confirm_token: Option<String>,
}

/// Orders cancelled.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CancelAllResponse {
    pub canceled: Vec<OrderView>,
    /// The venue's mode: paper, testnet or live.
    pub mode: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// `order cancel-all` / `cancel_all_orders`.
pub struct CancelAll;

impl Operation for CancelAll {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "cancel-all",
        tool_name: "cancel_all_orders",
        class: OpClass::Trade,
        idempotent: true,
        destructive: true,
    };
    type Request = CancelAllRequest;
    type Response = CancelAllResponse;

    async fn run(
        ctx: Arc<Context>,
        req: CancelAllRequest,
        call: Call,
    ) -> OpResult<CancelAllResponse> {
        let id = parse_instrument_id("instrument_id", &req.instrument_id)?;
        let side = req.side.map(Side::to_nautilus);
        let open = db::list_orders(
            &ctx.store.conn(),
            &db::OrderFilter {
                venue: Some(id.venue.to_string()),
                instrument_id: Some(id.to_string()),
                strategy_id: None,
                open: Some(true),
                side: req.side.map(|s| s.as_str().to_string()),
                limit: 10_000,
                after: None,
            },
        )?;
        let mut notional = Some(Decimal::ZERO);
        for row in &open {
            let o: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                .map_err(OpError::internal)?;
            let px = o.price().or(o.trigger_price()).map(|p| p.as_decimal());
            notional = match (notional, px) {
                (Some(n), Some(px)) => Some(n + px * o.leaves_qty().as_decimal()),
                _ => None,
            };
        }
        let summary = format!(
            "Cancel every open {}order of {id} on {}: {} order(s)",
            req.side
                .map(|s| format!("{} ", s.as_str()))
                .unwrap_or_default(),
            id.venue,
            open.len()
        );
        let subject = serde_json::json!({
            "instrument_id": id.to_string(),
            "side": req.side.map(Side::as_str),
        });
        confirm_change(
            &ctx,
            &call,
            (Self::INFO.tool_name, id.venue.as_str()),
            summary,
            subject,
            notional,
            req.confirm_token.as_deref(),
        )
        .await?;
        let traded = runtime::trade(
            &ctx,
            id.venue.as_str(),
            move |s| {
                s.require_venue(id.venue)?;
                orders::cancel_all(s, id, side)
            },
            move |s, ids: &Vec<ClientOrderId>| {
                Ok(CancelAllResponse {
                    canceled: ids.iter().filter_map(|i| view(s, i)).collect(),
                    mode: mode_of(s, id.venue),
                    notes: Vec::new(),
                })
            },
        )
        .await?;
        let mut response = traded.result;
        response.notes = traded.notes;
        match traded.failure {
            Some(e) => Err(with_result(e, "canceled", &response.canceled)),
            None => Ok(response),
        }
    }
}
