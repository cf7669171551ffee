//! Order operations: submit market, limit and stop orders (with optional bracket, or
//! trailing) here; preview any of them (`preview`); cancel, modify, cancel-all (`change`);
//! status, list (`read`). Orders on a venue that moves real money are confirmed by the person
//! first ([`super::confirm`]).

mod change;
mod preview;
mod read;

pub use change::{
    CancelAll, CancelAllRequest, CancelAllResponse, CancelOrder, CancelOrderRequest, ModifyOrder,
    ModifyOrderRequest, OrderChanged, OrderRef,
};
pub use preview::{PreviewOrder, PreviewOrderRequest, PreviewResponse};
pub use read::{
    GetOrderStatus, ListOrders, ListOrdersRequest, OrderList, OrderStatusRequest,
    OrderStatusResponse,
};

use std::{str::FromStr, sync::Arc};

use nautilus_core::UnixNanos;
use nautilus_model::{
    enums::{TimeInForce, TrailingOffsetType},
    identifiers::{ClientOrderId, PositionId, StrategyId, Venue},
    orders::{Order, OrderAny},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use super::{
    call::Call,
    confirm,
    context::Context,
    params::{Cursor, Side, parse_venue},
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::time::parse_timestamp,
    engine::{
        node::{
            orders::{
                self, Kind, ModifyMethod, OrderSpec, Placed, Trailing, new_client_order_id,
                parse_client_order_id,
            },
            session::{Refusal, Session},
            views::{OrderEventView, OrderView, RefusedBy, refusal},
        },
        venues::runtime,
    },
    error::{OpError, OpResult},
    store::node as db,
    values::{Dec, Detail, Truncated, parse_instrument_id},
};

/// Strategy id of orders placed by hand (not by an attached strategy).
pub const MANUAL_STRATEGY: &str = "MANUAL-001";

/// Fields every order submission has.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct OrderArgs {
    /// Instrument, SYMBOL.VENUE (e.g. BTCUSDT.BINANCE).
    #[arg(
        long = "instrument",
        visible_alias = "instrument-id",
        value_name = "SYMBOL.VENUE"
    )]
    pub instrument_id: String,
    /// BUY or SELL.
    #[arg(long, value_enum, ignore_case = true)]
    pub side: Side,
    /// Quantity in the instrument's units (exact; must fit its size increment).
    #[arg(long)]
    pub quantity: Dec,
    /// Venue (optional; must match the instrument's).
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
    /// Only reduce an open position.
    #[arg(long)]
    #[serde(default)]
    pub reduce_only: bool,
    /// Client order id (default: a fresh unique id). Submitting again with an existing id
    /// returns that order instead of placing a second one, so give one to make retries safe.
    #[arg(long = "order-id", visible_alias = "client-order-id")]
    #[serde(default, alias = "order_id")]
    #[schemars(extend("x-aliases" = ["order_id"]))]
    pub client_order_id: Option<String>,
    /// Hedging venues: the open position this order trades against, e.g. to close it (see
    /// get_positions); without one, every entry opens a position of its own.
    #[arg(long)]
    #[serde(default)]
    pub position_id: Option<String>,
}

/// A bracket's exits.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
pub struct BracketArgs {
    /// Bracket: stop-loss trigger price; with take_profit the entry carries two exits that
    /// cancel each other (OCO).
    #[arg(long)]
    #[serde(default)]
    pub stop_loss: Option<Dec>,
    /// Bracket: take-profit limit price.
    #[arg(long)]
    #[serde(default)]
    pub take_profit: Option<Dec>,
}

/// The confirmation of a call on a venue that moves real money.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
pub struct ConfirmArgs {
    /// Confirmation token. On a live venue, a first call answers CONFIRMATION_REQUIRED with it
    /// (MCP clients that cannot show a confirmation request); once the person accepted its
    /// preview, it confirms exactly that call by the same caller, once, within 60 s. (The CLI
    /// asks on the terminal, or takes --yes.)
    #[arg(skip)]
    #[serde(default)]
    pub confirm_token: Option<String>,
}

/// How a trailing stop's distance is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OffsetType {
    /// In price units of the instrument's quote currency.
    Price,
    /// In basis points (1/100 of a percent) of the market price.
    BasisPoints,
}

impl OffsetType {
    const fn to_nautilus(self) -> TrailingOffsetType {
        match self {
            Self::Price => TrailingOffsetType::Price,
            Self::BasisPoints => TrailingOffsetType::BasisPoints,
        }
    }
}

/// A trailing stop's offsets.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
pub struct TrailingArgs {
    /// Trailing stop: the trigger follows the market at this distance, only ever towards it
    /// (on paper through Nautilus's trailing-stop orders; on Binance as a STOP_LOSS with its
    /// trailingDelta: BASIS_POINTS, a whole number within the symbol's TRAILING_DELTA filter,
    /// no trigger_price, no limit_offset). Without trigger_price it starts this far from the
    /// market.
    #[arg(long)]
    #[serde(default)]
    pub trailing_offset: Option<Dec>,
    /// PRICE (default) or BASIS_POINTS.
    #[arg(long, value_enum)]
    #[serde(default)]
    pub trailing_offset_type: Option<OffsetType>,
    /// Trailing stop-limit: the limit price follows the trigger at this distance (beyond it:
    /// below for a SELL, above for a BUY).
    #[arg(long)]
    #[serde(default)]
    pub limit_offset: Option<Dec>,
}

impl TrailingArgs {
    /// The trailing offsets, if any were given (a limit offset needs a trailing offset).
    fn trailing(&self) -> OpResult<Option<Trailing>> {
        let Some(offset) = self.trailing_offset else {
            if self.trailing_offset_type.is_some() {
                return Err(OpError::invalid(
                    "trailing_offset_type",
                    "only with trailing_offset",
                ));
            }
            if self.limit_offset.is_some() {
                return Err(OpError::invalid(
                    "limit_offset",
                    "only with trailing_offset",
                ));
            }
            return Ok(None);
        };
        Ok(Some(Trailing {
            offset: offset.positive("trailing_offset")?,
            offset_type: self
                .trailing_offset_type
                .unwrap_or(OffsetType::Price)
                .to_nautilus(),
            limit_offset: self
                .limit_offset
                .map(|d| {
                    if d.get() < Decimal::ZERO {
                        Err(OpError::invalid(
                            "limit_offset",
                            format!("must not be negative, got {}", d.get()),
                        ))
                    } else {
                        Ok(d.get())
                    }
                })
                .transpose()?,
        }))
    }
}

/// The result of a submission.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderResponse {
    pub order: OrderView,
    /// Bracket children (stop-loss and take-profit).
    pub children: Vec<OrderView>,
    /// The client order id existed already; this is that order, nothing new was placed.
    pub duplicate: bool,
    /// The venue's mode: paper, testnet or live.
    pub mode: String,
    /// What happened on the way (a retried request, an answer resolved by query...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn tif(field: &str, text: Option<&str>) -> OpResult<TimeInForce> {
    let t = text.unwrap_or("GTC").to_ascii_uppercase();
    match t.as_str() {
        "GTC" | "IOC" | "FOK" | "GTD" | "DAY" => TimeInForce::from_str(&t)
            .map_err(|_| OpError::invalid(field, format!("'{t}' is not a time in force"))),
        _ => Err(OpError::invalid(
            field,
            format!("'{t}' is not GTC, IOC, FOK or GTD"),
        )),
    }
}

fn expire(tif: TimeInForce, text: Option<&str>) -> OpResult<Option<UnixNanos>> {
    match (tif, text) {
        (TimeInForce::Gtd, None) => Err(OpError::invalid(
            "expire_time",
            "required with time_in_force GTD",
        )),
        (TimeInForce::Gtd, Some(t)) => {
            let (ns, _) = parse_timestamp(t).map_err(|e| OpError::invalid("expire_time", e))?;
            Ok(Some(UnixNanos::from(ns.max(0) as u64)))
        }
        (_, Some(_)) => Err(OpError::invalid(
            "expire_time",
            "only valid with time_in_force GTD",
        )),
        (_, None) => Ok(None),
    }
}

fn spec_base(a: &OrderArgs, kind: Kind) -> OpResult<OrderSpec> {
    let instrument_id = parse_instrument_id("instrument_id", &a.instrument_id)?;
    if let Some(v) = &a.venue {
        let v = parse_venue("venue", v)?;
        if v != instrument_id.venue.as_str() {
            return Err(OpError::invalid(
                "venue",
                format!(
                    "{v} does not match the instrument's venue {}",
                    instrument_id.venue
                ),
            ));
        }
    }
    let client_order_id = match &a.client_order_id {
        Some(id) => parse_client_order_id("client_order_id", id)?,
        None => new_client_order_id(),
    };
    Ok(OrderSpec {
        instrument_id,
        strategy_id: StrategyId::from(MANUAL_STRATEGY),
        client_order_id,
        side: a.side.to_nautilus(),
        kind,
        quantity: a.quantity.get(),
        price: None,
        trigger_price: None,
        time_in_force: TimeInForce::Gtc,
        expire_time: None,
        post_only: false,
        reduce_only: a.reduce_only,
        stop_loss: None,
        take_profit: None,
        position_id: a
            .position_id
            .as_deref()
            .map(|p| parse_position_id("position_id", p))
            .transpose()?,
        trailing: None,
        reference_price: None,
    })
}

fn parse_position_id(field: &str, text: &str) -> OpResult<PositionId> {
    let t = text.trim();
    PositionId::new_checked(t).map_err(|e| OpError::invalid(field, format!("'{text}': {e}")))
}

fn view(s: &Session<'_>, id: &ClientOrderId) -> Option<OrderView> {
    s.order(id)
        .map(|o| OrderView::of(&o, refusal(&o).map(|(_, reason)| reason)))
}

/// The mode of an order's venue as the session sees it.
fn mode_of(s: &Session<'_>, venue: Venue) -> String {
    s.venues
        .get(&venue)
        .map_or("paper", |v| v.mode.as_str())
        .to_string()
}

/// The venue's refusal an order's last event records, if any.
fn refusal_of(s: &Session<'_>, id: &ClientOrderId) -> Option<Refusal> {
    let Some((RefusedBy::Venue, reason)) = refusal(&s.order(id)?) else {
        return None;
    };
    Some(Refusal {
        code: crate::error::Code::OrderRejected,
        reason,
    })
}

/// An error that also carries a result document (the order as it now stands).
fn with_result(mut err: OpError, key: &str, value: impl Serialize) -> OpError {
    let value = serde_json::to_value(value).unwrap_or_default();
    match &mut err.details {
        Some(serde_json::Value::Object(map)) => {
            map.insert(key.to_string(), value);
        }
        _ => err.details = Some(serde_json::json!({ key: value })),
    }
    err
}

/// The error a submission refused by a risk check or the venue answers with.
fn refusal_error(client_order_id: &str, r: &Refusal) -> OpError {
    let what = if r.code == crate::error::Code::OrderRejected {
        "rejected"
    } else {
        "denied"
    };
    OpError::new(
        r.code,
        format!("order {client_order_id} {what}: {}", r.reason),
    )
}

/// Places the order (on a real venue: intent journaled, request sent, answer applied); a
/// refusal becomes a trading error once recorded.
async fn place(ctx: &Arc<Context>, spec: OrderSpec) -> OpResult<OrderResponse> {
    let venue = spec.instrument_id.venue;
    let id = spec.client_order_id;
    let traded = runtime::trade(
        ctx,
        venue.as_str(),
        move |s| orders::place(s, &spec),
        move |s, placed: &Placed| {
            let mode = mode_of(s, venue);
            if placed.duplicate {
                let row = db::order(s.db(), id.as_str())?
                    .ok_or_else(|| OpError::internal("duplicate vanished"))?;
                let o: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                    .map_err(OpError::internal)?;
                return Ok((
                    OrderResponse {
                        order: OrderView::of(&o, row.reason),
                        children: Vec::new(),
                        duplicate: true,
                        mode,
                        notes: Vec::new(),
                    },
                    None,
                ));
            }
            let mut views: Vec<OrderView> =
                placed.orders.iter().filter_map(|i| view(s, i)).collect();
            if views.is_empty() {
                return Err(OpError::not_found("order", id));
            }
            let order = views.remove(0);
            let refusal = placed.refusal.clone().or_else(|| refusal_of(s, &id));
            Ok((
                OrderResponse {
                    order,
                    children: views,
                    duplicate: false,
                    mode,
                    notes: Vec::new(),
                },
                refusal,
            ))
        },
    )
    .await?;
    let (mut response, refusal) = traded.result;
    response.notes = traded.notes;
    if let Some(e) = traded.failure {
        return Err(with_result(e, "order", &response.order));
    }
    match refusal {
        None => Ok(response),
        Some(r) => Err(refusal_error(&response.order.client_order_id, &r)
            .with_details(serde_json::json!({ "order": response.order }))),
    }
}

/// Submit a market order: fills at once against the venue's book (the paper market's last
/// quote or price). Optional bracket exits (stop_loss and take_profit).
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct SubmitMarketRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub order: OrderArgs,
    /// GTC (default), IOC or FOK.
    #[arg(long)]
    #[serde(default)]
    pub time_in_force: Option<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub bracket: BracketArgs,
    #[command(flatten)]
    #[serde(flatten)]
    pub confirm: ConfirmArgs,
}

impl SubmitMarketRequest {
    /// The order this request places.
    fn spec(&self) -> OpResult<OrderSpec> {
        let mut spec = spec_base(&self.order, Kind::Market)?;
        spec.time_in_force = tif("time_in_force", self.time_in_force.as_deref())?;
        spec.stop_loss = self.bracket.stop_loss.map(Dec::get);
        spec.take_profit = self.bracket.take_profit.map(Dec::get);
        Ok(spec)
    }
}

/// `order submit-market` / `submit_market_order`.
pub struct SubmitMarket;

impl Operation for SubmitMarket {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "submit-market",
        tool_name: "submit_market_order",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = SubmitMarketRequest;
    type Response = OrderResponse;

    async fn run(
        ctx: Arc<Context>,
        req: SubmitMarketRequest,
        call: Call,
    ) -> OpResult<OrderResponse> {
        let spec = req.spec()?;
        let given = req.order.client_order_id.is_some();
        submit(&ctx, &call, Self::INFO.tool_name, spec, given, &req.confirm).await
    }
}

/// Submit a limit order: rests on the book until the market reaches its price. Time in force
/// GTC, IOC, FOK or GTD (with expire_time); post_only rejects it if it would take liquidity;
/// optional bracket exits.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct SubmitLimitRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub order: OrderArgs,
    /// Limit price (exact; must fit the instrument's tick).
    #[arg(long)]
    pub price: Dec,
    /// GTC, IOC, FOK or GTD (default: the config's trading.time_in_force, else GTC).
    #[arg(long)]
    #[serde(default)]
    pub time_in_force: Option<String>,
    /// Expiry of a GTD order (ISO-8601, UTC).
    #[arg(long)]
    #[serde(default)]
    pub expire_time: Option<String>,
    /// Only add liquidity: rejected if it would fill at once.
    #[arg(long)]
    #[serde(default)]
    pub post_only: bool,
    #[command(flatten)]
    #[serde(flatten)]
    pub bracket: BracketArgs,
    #[command(flatten)]
    #[serde(flatten)]
    pub confirm: ConfirmArgs,
}

impl SubmitLimitRequest {
    /// The order this request places (`default_tif`: the config's).
    fn spec(&self, default_tif: Option<&str>) -> OpResult<OrderSpec> {
        let mut spec = spec_base(&self.order, Kind::Limit)?;
        spec.price = Some(self.price.get());
        spec.time_in_force = tif(
            "time_in_force",
            self.time_in_force.as_deref().or(default_tif),
        )?;
        spec.expire_time = expire(spec.time_in_force, self.expire_time.as_deref())?;
        spec.post_only = self.post_only;
        spec.stop_loss = self.bracket.stop_loss.map(Dec::get);
        spec.take_profit = self.bracket.take_profit.map(Dec::get);
        Ok(spec)
    }
}

/// `order submit-limit` / `submit_limit_order`.
pub struct SubmitLimit;

impl Operation for SubmitLimit {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "submit-limit",
        tool_name: "submit_limit_order",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = SubmitLimitRequest;
    type Response = OrderResponse;

    async fn run(
        ctx: Arc<Context>,
        req: SubmitLimitRequest,
        call: Call,
    ) -> OpResult<OrderResponse> {
        let spec = req.spec(ctx.settings.file.trading.time_in_force.as_deref())?;
        let given = req.order.client_order_id.is_some();
        submit(&ctx, &call, Self::INFO.tool_name, spec, given, &req.confirm).await
    }
}

/// Submit a stop order: stop-market, or stop-limit when a limit price is given. It
/// triggers when the market trades through trigger_price. With if_touched it is a
/// take-profit instead (market- or limit-if-touched): it triggers when the market reaches
/// trigger_price from the other side (a SELL above the market, a BUY below). With
/// trailing_offset it is a trailing stop: the trigger follows the market. On Binance a
/// stop-limit is STOP_LOSS_LIMIT and a limit-if-touched TAKE_PROFIT_LIMIT.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct SubmitStopRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub order: OrderArgs,
    /// Trigger price (a trailing stop's first trigger; without it, trailing_offset from the
    /// market).
    #[arg(long)]
    #[serde(default)]
    pub trigger_price: Option<Dec>,
    /// Limit price after triggering (makes it a stop-limit order).
    #[arg(long)]
    #[serde(default)]
    pub price: Option<Dec>,
    /// GTC, IOC, FOK or GTD (default: the config's trading.time_in_force, else GTC).
    #[arg(long)]
    #[serde(default)]
    pub time_in_force: Option<String>,
    /// Expiry of a GTD order (ISO-8601, UTC).
    #[arg(long)]
    #[serde(default)]
    pub expire_time: Option<String>,
    /// A take-profit: trigger when the market reaches trigger_price from the other side.
    #[arg(long)]
    #[serde(default)]
    pub if_touched: bool,
    #[command(flatten)]
    #[serde(flatten)]
    pub trailing: TrailingArgs,
    #[command(flatten)]
    #[serde(flatten)]
    pub confirm: ConfirmArgs,
}

impl SubmitStopRequest {
    /// The order this request places (`default_tif`: the config's).
    fn spec(&self, default_tif: Option<&str>) -> OpResult<OrderSpec> {
        let trailing = self.trailing.trailing()?;
        let kind = match (trailing.is_some(), self.if_touched) {
            (true, true) => {
                return Err(OpError::invalid(
                    "if_touched",
                    "a trailing stop cannot be an if-touched order",
                ));
            }
            (true, false) => Kind::TrailingStop,
            (false, true) => Kind::IfTouched,
            (false, false) => Kind::Stop,
        };
        let mut spec = spec_base(&self.order, kind)?;
        spec.trigger_price = self.trigger_price.map(Dec::get);
        if spec.trigger_price.is_none() && trailing.is_none() {
            return Err(OpError::invalid(
                "trigger_price",
                "required (unless trailing_offset makes it a trailing stop)",
            ));
        }
        if let Some(t) = trailing
            && t.limit_offset.is_none()
            && self.price.is_some()
        {
            return Err(OpError::invalid(
                "price",
                "a trailing stop-limit needs limit_offset (its limit follows the trigger); price is its first limit",
            ));
        }
        spec.trailing = trailing;
        spec.price = self.price.map(Dec::get);
        spec.time_in_force = tif(
            "time_in_force",
            self.time_in_force.as_deref().or(default_tif),
        )?;
        spec.expire_time = expire(spec.time_in_force, self.expire_time.as_deref())?;
        Ok(spec)
    }
}

/// `order submit-stop` / `submit_stop_order`.
pub struct SubmitStop;

impl Operation for SubmitStop {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "submit-stop",
        tool_name: "submit_stop_order",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = SubmitStopRequest;
    type Response = OrderResponse;

    async fn run(ctx: Arc<Context>, req: SubmitStopRequest, call: Call) -> OpResult<OrderResponse> {
        let spec = req.spec(ctx.settings.file.trading.time_in_force.as_deref())?;
        let given = req.order.client_order_id.is_some();
        submit(&ctx, &call, Self::INFO.tool_name, spec, given, &req.confirm).await
    }
}

/// The exact parameters of a submission, as a confirmation token binds them: everything that
/// is sent, and the client order id when the caller gave one (otherwise the one the preview
/// showed is used).
fn subject_of(spec: &OrderSpec, id_given: bool) -> serde_json::Value {
    let d = |v: Option<Decimal>| v.map(|d| d.normalize().to_string());
    serde_json::json!({
        "instrument_id": spec.instrument_id.to_string(),
        "side": spec.side.to_string(),
        "kind": format!("{:?}", spec.kind),
        "quantity": spec.quantity.normalize().to_string(),
        "price": d(spec.price),
        "trigger_price": d(spec.trigger_price),
        "time_in_force": spec.time_in_force.to_string(),
        "expire_time": spec.expire_time.map(|t| t.as_u64()),
        "post_only": spec.post_only,
        "reduce_only": spec.reduce_only,
        "stop_loss": d(spec.stop_loss),
        "take_profit": d(spec.take_profit),
        "position_id": spec.position_id.map(|p| p.to_string()),
        "trailing_offset": d(spec.trailing.map(|t| t.offset)),
        "trailing_offset_type": spec.trailing.map(|t| t.offset_type.to_string()),
        "limit_offset": d(spec.trailing.and_then(|t| t.limit_offset)),
        "client_order_id": id_given.then(|| spec.client_order_id.to_string()),
    })
}

/// A submission: on a venue whose orders are confirmed, the preview is shown to the person
/// and the order is placed only once they accept (an order the preview shows refused goes on
/// to be refused and recorded as any other).
async fn submit(
    ctx: &Arc<Context>,
    call: &Call,
    tool: &'static str,
    mut spec: OrderSpec,
    id_given: bool,
    confirm: &ConfirmArgs,
) -> OpResult<OrderResponse> {
    let venue = spec.instrument_id.venue.to_string();
    preview::route_on_venue(ctx, &mut spec).await?;
    if let Some(need) = confirm::requirement(ctx, &venue)? {
        let shown = preview::preview(ctx, spec.clone()).await?;
        if shown.accepted && need.applies(shown.notional_value()) {
            let request = confirm::ConfirmRequest {
                tool,
                venue: venue.clone(),
                mode: need.mode,
                summary: shown.summary(),
                subject: subject_of(&spec, id_given),
                preview: serde_json::to_value(&shown).ok(),
            };
            let shown_id = (!id_given).then(|| spec.client_order_id.to_string());
            let confirmed = confirm::obtain(
                ctx,
                call,
                request,
                confirm.confirm_token.as_deref(),
                shown_id,
            )
            .await?;
            if let Some(id) = confirmed.client_order_id {
                spec.client_order_id = parse_client_order_id("client_order_id", &id)?;
            }
        }
    }
    let trailing = spec.kind == Kind::TrailingStop;
    let mut response = place(ctx, spec).await?;
    if trailing {
        response.notes.push(if response.mode == "paper" {
            "trailed by Nautilus's matching engine on the paper venue".into()
        } else {
            format!(
                "trailed by {} itself (its native trailing stop); trigger_price is where it started",
                venue
            )
        });
    }
    Ok(response)
}

/// The venue an existing order is on (empty when the order is unknown).
fn venue_of_order(ctx: &Context, id: &ClientOrderId) -> OpResult<String> {
    Ok(db::order(&ctx.store.conn(), id.as_str())?
        .map(|r| r.venue)
        .unwrap_or_default())
}
