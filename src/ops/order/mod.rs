//! Order operations: submit market, limit and stop orders (with optional bracket, or
//! trailing), preview any of them, cancel, modify, status, list. Orders on a venue that moves
//! real money are confirmed by the person first ([`super::confirm`]).

mod preview;

pub use preview::{PreviewOrder, PreviewOrderRequest, PreviewResponse};

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
    fn id(&self) -> OpResult<ClientOrderId> {
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

/// The venue an existing order is on (empty when the order is unknown).
fn venue_of_order(ctx: &Context, id: &ClientOrderId) -> OpResult<String> {
    Ok(db::order(&ctx.store.conn(), id.as_str())?
        .map(|r| r.venue)
        .unwrap_or_default())
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
