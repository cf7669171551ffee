//! `order preview` / `preview_order`: what a submission would do, without sending or
//! journaling anything.
//!
//! The request is any submission's (market, limit or stop, plus which one); it becomes the same
//! [`OrderSpec`] the submission would place, and the node runs the submission's own code on
//! it in a session that is then thrown away ([`runtime::dry_run`]): instrument rules, the node's
//! risk limits and trading state, Nautilus's risk engine, and on a paper venue Nautilus's
//! matching engine and account. On a real venue the venue checks the order too (Binance's
//! `POST /api/v3/order/test` with its commission rates) and the fills are estimated against
//! its order book.

use std::sync::Arc;

use nautilus_model::{
    enums::{OrderSide, OrderType},
    events::AccountState,
    identifiers::TradeId,
    instruments::{Instrument, InstrumentAny},
    orders::{Order, OrderAny},
    types::{Money, Price, Quantity},
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    BracketArgs, ConfirmArgs, OrderArgs, SubmitLimitRequest, SubmitMarketRequest,
    SubmitStopRequest, TrailingArgs, refusal_error,
};
use crate::{
    engine::{
        node::{
            orders::{Kind, OrderSpec},
            preview::{self as dry, DryRun},
            rules,
            settings::VenueMode,
            views::{BalanceView, MarginView, OrderView, PositionView, balances},
        },
        venues::{RealVenue, runtime},
    },
    error::{Category, OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    values::Dec,
};

// Which submission a preview is of (no doc comment: it would be the schema's description, and
// the values say it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[value(rename_all = "lower")]
pub enum PreviewType {
    /// submit_market_order
    Market,
    /// submit_limit_order
    Limit,
    /// submit_stop_order
    Stop,
}

impl PreviewType {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Market => "market",
            Self::Limit => "limit",
            Self::Stop => "stop",
        }
    }
}

/// Preview an order without sending or journaling anything: every check a submission runs
/// (instrument rules, the node's risk limits and trading state, balances and margin as
/// Nautilus's account computes them), and the answer it would get: accepted or the exact
/// refusal; the expected fills against the current book (L2 levels where the venue has them),
/// commission, notional, balances and margin after, the position after, and for an order with
/// a stop the loss at the stop. On a real venue the venue checks it too (Binance's order/test
/// with its commission rates). Takes order_type (market, limit or stop) and, in `order`, the
/// arguments submit_market_order, submit_limit_order or submit_stop_order take.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewOrderRequest {
    // Its values (market, limit, stop) say it all; the tool list is kept small.
    #[arg(
        long = "type",
        value_enum,
        help = "Which submission: market, limit or stop"
    )]
    pub order_type: PreviewType,
    /// The submission's own arguments, as submit_<order_type>_order takes them.
    #[command(flatten)]
    pub order: PreviewArgs,
}

/// What a submission takes (its `confirm_token` aside): the union of the three submissions'
/// arguments; those the named one does not take are refused.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct PreviewArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub base: OrderArgs,
    /// Limit price (limit orders; a stop's limit after triggering).
    #[arg(long)]
    #[serde(default)]
    pub price: Option<Dec>,
    /// Trigger price (stop orders).
    #[arg(long)]
    #[serde(default)]
    pub trigger_price: Option<Dec>,
    /// GTC, IOC, FOK or GTD (limit and stop), GTC, IOC or FOK (market).
    #[arg(long)]
    #[serde(default)]
    pub time_in_force: Option<String>,
    /// Expiry of a GTD order (ISO-8601, UTC).
    #[arg(long)]
    #[serde(default)]
    pub expire_time: Option<String>,
    /// Limit orders: only add liquidity.
    #[arg(long)]
    #[serde(default)]
    pub post_only: bool,
    /// Stop orders: a take-profit (market- or limit-if-touched).
    #[arg(long)]
    #[serde(default)]
    pub if_touched: bool,
    #[command(flatten)]
    #[serde(flatten)]
    pub bracket: BracketArgs,
    #[command(flatten)]
    #[serde(flatten)]
    pub trailing: TrailingArgs,
}

impl PreviewOrderRequest {
    /// Refuses, naming it, an argument the named submission does not take: the request is
    /// malformed, not an order a submission would refuse.
    fn check_taken(&self) -> OpResult<()> {
        let kind = self.order_type.as_str();
        let not_taken = |field: &str, given: bool| {
            if given {
                Err(OpError::invalid(
                    field,
                    format!("{kind} orders do not take it (see order_type)"),
                ))
            } else {
                Ok(())
            }
        };
        let trailing_given = self.order.trailing.trailing_offset.is_some()
            || self.order.trailing.trailing_offset_type.is_some()
            || self.order.trailing.limit_offset.is_some();
        match self.order_type {
            PreviewType::Market => {
                not_taken("price", self.order.price.is_some())?;
                not_taken("trigger_price", self.order.trigger_price.is_some())?;
                not_taken("expire_time", self.order.expire_time.is_some())?;
                not_taken("post_only", self.order.post_only)?;
                not_taken("if_touched", self.order.if_touched)?;
                not_taken("trailing_offset", trailing_given)
            }
            PreviewType::Limit => {
                not_taken("trigger_price", self.order.trigger_price.is_some())?;
                not_taken("if_touched", self.order.if_touched)?;
                not_taken("trailing_offset", trailing_given)?;
                if self.order.price.is_none() {
                    return Err(OpError::invalid("price", "required for a limit order"));
                }
                Ok(())
            }
            PreviewType::Stop => {
                not_taken("post_only", self.order.post_only)?;
                not_taken("stop_loss", self.order.bracket.stop_loss.is_some())?;
                not_taken("take_profit", self.order.bracket.take_profit.is_some())
            }
        }
    }

    /// The order the named submission would place from these arguments.
    fn spec(&self, default_tif: Option<&str>) -> OpResult<OrderSpec> {
        match self.order_type {
            PreviewType::Market => SubmitMarketRequest {
                order: self.order.base.clone(),
                time_in_force: self.order.time_in_force.clone(),
                bracket: self.order.bracket.clone(),
                confirm: ConfirmArgs::default(),
            }
            .spec(),
            PreviewType::Limit => {
                let price = self
                    .order
                    .price
                    .ok_or_else(|| OpError::invalid("price", "required for a limit order"))?;
                SubmitLimitRequest {
                    order: self.order.base.clone(),
                    price,
                    time_in_force: self.order.time_in_force.clone(),
                    expire_time: self.order.expire_time.clone(),
                    post_only: self.order.post_only,
                    bracket: self.order.bracket.clone(),
                    confirm: ConfirmArgs::default(),
                }
                .spec(default_tif)
            }
            PreviewType::Stop => SubmitStopRequest {
                order: self.order.base.clone(),
                trigger_price: self.order.trigger_price,
                price: self.order.price,
                time_in_force: self.order.time_in_force.clone(),
                expire_time: self.order.expire_time.clone(),
                if_touched: self.order.if_touched,
                trailing: self.order.trailing.clone(),
                confirm: ConfirmArgs::default(),
            }
            .spec(default_tif),
        }
    }
}

/// One expected fill.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct FillView {
    pub client_order_id: String,
    pub price: String,
    pub quantity: String,
    /// Commission with its currency.
    pub commission: Option<String>,
    /// MAKER or TAKER.
    pub liquidity: String,
}

/// The loss if the stop is hit.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LossAtStopView {
    pub stop_price: String,
    /// The entry it is measured from (the entry's fill or price, or the position's average).
    pub entry_price: String,
    pub quantity: String,
    /// Money lost if the stop fills at its price, commissions included (negative: a stop
    /// that locks in a gain).
    pub loss: String,
    pub commission: String,
    pub currency: String,
    /// `entry order` or `open position`.
    pub basis: String,
}

/// What the venue itself said of the order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct VenueCheckView {
    /// The venue's check, e.g. `POST /api/v3/order/test`.
    pub endpoint: String,
    pub accepted: bool,
    /// Commission rates the order would pay (fractions of the notional).
    pub maker_rate: String,
    pub taker_rate: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A preview: what a submission of the same order would answer and do, nothing sent or
/// journaled.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PreviewResponse {
    /// A submission would be accepted (and on a paper venue do exactly what follows).
    pub accepted: bool,
    /// The error a submission would get instead (category, code, message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<OpError>,
    /// The venue's mode: paper, testnet or live.
    pub mode: String,
    /// The client order id is used by the same order: a submission returns that one.
    pub duplicate: bool,
    /// The order as it would stand after the submission (on a real venue: as sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderView>,
    /// Bracket exits.
    pub children: Vec<OrderView>,
    /// Expected fills at once (paper: Nautilus's matching engine; real venue: its book).
    pub fills: Vec<FillView>,
    /// Average expected fill price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_price: Option<String>,
    pub filled_quantity: String,
    /// What would rest on the book.
    pub resting_quantity: String,
    /// Where the fills come from.
    pub fill_basis: String,
    /// Quantity x price (the fills', else the order's price or trigger, else the market's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notional: Option<String>,
    /// Commission of the expected fills, per currency (estimated at the fee rate when the
    /// order would rest).
    pub commission: Vec<String>,
    pub balances_before: Vec<BalanceView>,
    pub balances_after: Vec<BalanceView>,
    pub margins_after: Vec<MarginView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position_before: Option<PositionView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position_after: Option<PositionView>,
    /// For an order with a stop (a bracket's stop-loss, a stop reducing a position).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_at_stop: Option<LossAtStopView>,
    /// What the venue said (real venues).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue_check: Option<VenueCheckView>,
    /// The checks that ran.
    pub checks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl PreviewResponse {
    /// The notional as a number, for the confirmation policy.
    #[must_use]
    pub fn notional_value(&self) -> Option<Decimal> {
        self.notional.as_deref().and_then(|n| n.parse().ok())
    }

    /// One paragraph for a person: the order, the expected fill, what it costs and leaves.
    #[must_use]
    pub fn summary(&self) -> String {
        let Some(o) = &self.order else {
            return "no order".into();
        };
        let mut parts = vec![format!(
            "{} {} {} {} ({})",
            o.side,
            o.quantity,
            o.instrument_id,
            o.order_type,
            self.mode.to_ascii_uppercase()
        )];
        if let Some(px) = &o.price {
            parts.push(format!("price {px}"));
        }
        if let Some(px) = &o.trigger_price {
            parts.push(format!("trigger {px}"));
        }
        if let Some(px) = &self.fill_price {
            parts.push(format!(
                "expected fill {} at {px} ({})",
                self.filled_quantity, self.fill_basis
            ));
        } else {
            parts.push(format!("rests {}", self.resting_quantity));
        }
        if let Some(n) = &self.notional {
            parts.push(format!("notional {n}"));
        }
        if !self.commission.is_empty() {
            parts.push(format!("commission {}", self.commission.join(" + ")));
        }
        for c in &self.children {
            parts.push(format!(
                "exit {} {}",
                c.order_type,
                c.price
                    .as_ref()
                    .or(c.trigger_price.as_ref())
                    .map_or("", |s| s)
            ));
        }
        if let Some(l) = &self.loss_at_stop {
            parts.push(format!("loss at stop {} {}", l.loss, l.currency));
        }
        let changed: Vec<String> = self
            .balances_after
            .iter()
            .filter_map(|after| {
                let before = self
                    .balances_before
                    .iter()
                    .find(|b| b.currency == after.currency);
                let was = before.map_or("0", |b| b.total.as_str());
                (was != after.total).then(|| format!("{} {was} -> {}", after.currency, after.total))
            })
            .collect();
        if !changed.is_empty() {
            parts.push(format!("balances {}", changed.join(", ")));
        }
        parts.join("; ")
    }
}

/// `order preview` / `preview_order`.
pub struct PreviewOrder;

impl Operation for PreviewOrder {
    const INFO: OpInfo = OpInfo {
        group: Group::Order,
        cli_name: "preview",
        tool_name: "preview_order",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = PreviewOrderRequest;
    type Response = PreviewResponse;

    async fn run(
        ctx: Arc<Context>,
        req: PreviewOrderRequest,
        _call: Call,
    ) -> OpResult<PreviewResponse> {
        req.check_taken()?;
        let spec = match req.spec(ctx.settings.file.trading.time_in_force.as_deref()) {
            Ok(spec) => spec,
            Err(e) => return Ok(PreviewResponse::refused(e, "paper")),
        };
        let mut spec = spec;
        if let Err(e) = route_on_venue(&ctx, &mut spec).await {
            return refused_unless_fault(e);
        }
        preview(&ctx, spec).await
    }
}

/// A refusal as a preview's answer; faults (I/O, network, internal) stay errors.
fn refused_unless_fault(e: OpError) -> OpResult<PreviewResponse> {
    if e.category == Category::System {
        return Err(e);
    }
    Ok(PreviewResponse::refused(e, "paper"))
}

/// Checks that a real venue takes a trailing stop as it is (Binance: its trailingDelta), and
/// refuses it, saying why, when it does not: the node does not hold and trail orders for a
/// real venue. A trailing stop without a trigger starts from the venue's last trade.
pub(super) async fn route_on_venue(ctx: &Arc<Context>, spec: &mut OrderSpec) -> OpResult<()> {
    if spec.kind != Kind::TrailingStop {
        return Ok(());
    }
    let Some(lv) = runtime::client_for(ctx.as_ref(), spec.instrument_id.venue.as_str()).await?
    else {
        return Ok(());
    };
    let trailing = spec
        .trailing
        .ok_or_else(|| OpError::invalid("trailing_offset", "required"))?;
    if let Err(reason) = lv
        .client
        .takes_trailing(
            spec.instrument_id,
            spec.side,
            &trailing,
            spec.trigger_price.is_some(),
        )
        .await?
    {
        return Err(OpError::invalid(
            "trailing_offset",
            format!(
                "{} cannot take this trailing stop: {reason}",
                spec.instrument_id.venue
            ),
        ));
    }
    if spec.trigger_price.is_none() {
        let ticker = lv.client.ticker(spec.instrument_id).await?;
        spec.reference_price = Some(ticker.last.as_decimal());
    }
    Ok(())
}

/// The preview of `spec`: a dry run of its placement on the node, then on a real venue the
/// venue's own check and an estimate against its book.
pub(super) async fn preview(ctx: &Arc<Context>, spec: OrderSpec) -> OpResult<PreviewResponse> {
    let venue = spec.instrument_id.venue.to_string();
    let look = spec.clone();
    let dry_run = runtime::dry_run(ctx.as_ref(), &venue, move |s| {
        let run = dry::dry_run(s, &look);
        let loss = dry::loss_at_stop(&look, &run);
        (run, loss)
    })
    .await;
    let ((run, loss), live) = match dry_run {
        Ok(r) => r,
        Err(e) => return refused_unless_fault(e),
    };
    if let Err(e) = &run.placed
        && e.category == Category::System
    {
        return Err(e.clone());
    }
    let mut out = PreviewResponse::of(&spec, &run, loss);
    if out.accepted
        && !out.duplicate
        && let Some(lv) = live
    {
        venue_estimate(&mut out, lv.client.as_ref(), &run).await;
    }
    Ok(out)
}

fn money(m: Money) -> String {
    format!("{} {}", m.as_decimal().normalize(), m.currency.code)
}

/// Commission per currency, as `amount CCY`.
fn commission_lines(items: impl IntoIterator<Item = (String, Decimal)>) -> Vec<String> {
    let mut by: std::collections::BTreeMap<String, Decimal> = std::collections::BTreeMap::new();
    for (ccy, amount) in items {
        *by.entry(ccy).or_default() += amount;
    }
    by.into_iter()
        .map(|(c, a)| format!("{} {c}", a.normalize()))
        .collect()
}

impl PreviewResponse {
    fn refused(e: OpError, mode: &str) -> Self {
        Self {
            accepted: false,
            refusal: Some(e),
            mode: mode.to_string(),
            duplicate: false,
            order: None,
            children: Vec::new(),
            fills: Vec::new(),
            fill_price: None,
            filled_quantity: "0".into(),
            resting_quantity: "0".into(),
            fill_basis: "none".into(),
            notional: None,
            commission: Vec::new(),
            balances_before: Vec::new(),
            balances_after: Vec::new(),
            margins_after: Vec::new(),
            position_before: None,
            position_after: None,
            loss_at_stop: None,
            venue_check: None,
            checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The preview a dry run shows.
    fn of(spec: &OrderSpec, run: &DryRun, loss: Option<dry::LossAtStop>) -> Self {
        let mode = run.mode.as_str();
        let mut out = match &run.placed {
            Err(e) => Self::refused(e.clone(), mode),
            Ok(placed) => {
                let mut out = Self::refused(OpError::internal("unset"), mode);
                out.refusal = placed
                    .refusal
                    .as_ref()
                    .map(|r| refusal_error(spec.client_order_id.as_str(), r));
                out.accepted = out.refusal.is_none();
                out.duplicate = placed.duplicate;
                out
            }
        };
        let view = |o: &OrderAny| OrderView::of(o, None);
        out.order = run.orders.first().map(view);
        out.children = run.orders.iter().skip(1).map(view).collect();
        if let Some(before) = &run.account_before {
            out.balances_before = balances(before).0;
        }
        if let Some(after) = &run.account_after {
            let (b, m) = balances(after);
            out.balances_after = b;
            out.margins_after = m;
        }
        out.position_before = run
            .position_before
            .as_ref()
            .map(|p| PositionView::of(p, run.mark, run.now_ns));
        out.position_after = run
            .position_after
            .as_ref()
            .map(|p| PositionView::of(p, run.mark, run.now_ns));
        out.loss_at_stop = loss.map(|l| LossAtStopView {
            stop_price: l.stop_price.to_string(),
            entry_price: l.entry_price.to_string(),
            quantity: l.quantity.normalize().to_string(),
            loss: l.loss.to_string(),
            commission: l.commission.to_string(),
            currency: l.currency,
            basis: l.basis.into(),
        });
        out.checks = vec![
            "instrument rules (price and size increments, quantity and notional limits)".into(),
            "the node's risk limits and trading state".into(),
            "Nautilus's risk engine (pre-trade checks, balance for the order)".into(),
        ];
        if out.duplicate {
            out.notes.push(format!(
                "client order id {} is used by this same order: a submission returns it and places nothing",
                spec.client_order_id
            ));
        }
        if run.mode == VenueMode::Paper {
            out.checks
                .push("Nautilus's matching engine and account (the paper venue)".into());
        }
        let (Some(instrument), Some(entry)) = (&run.instrument, run.orders.first()) else {
            return out;
        };
        let fills = run.fills();
        out.fills = fills
            .iter()
            .map(|f| FillView {
                client_order_id: f.client_order_id.to_string(),
                price: f.last_px.to_string(),
                quantity: f.last_qty.to_string(),
                commission: f.commission.map(money),
                liquidity: f.liquidity_side.to_string(),
            })
            .collect();
        let entry_fills: Vec<_> = fills
            .iter()
            .filter(|f| f.client_order_id == entry.client_order_id())
            .collect();
        let filled: Decimal = entry_fills.iter().map(|f| f.last_qty.as_decimal()).sum();
        let value: Decimal = entry_fills
            .iter()
            .map(|f| f.last_qty.as_decimal() * f.last_px.as_decimal())
            .sum();
        out.filled_quantity = filled.normalize().to_string();
        out.resting_quantity = if entry.is_closed() {
            "0".into()
        } else {
            entry.leaves_qty().as_decimal().normalize().to_string()
        };
        let multiplier = instrument.multiplier().as_decimal();
        if filled > Decimal::ZERO {
            out.fill_price = Some((value / filled).round_dp(12).normalize().to_string());
            out.notional = Some((value * multiplier).normalize().to_string());
            out.commission = commission_lines(
                fills
                    .iter()
                    .filter_map(|f| f.commission)
                    .map(|c| (c.currency.code.to_string(), c.as_decimal())),
            );
            out.fill_basis = if run.mode == VenueMode::Paper {
                "the paper venue's matching engine".into()
            } else {
                "the venue".into()
            };
        } else {
            let px = entry.price().or(entry.trigger_price()).or(run.mark);
            if let Some(px) = px {
                let n = rules::notional(instrument, entry.quantity(), px);
                out.notional = Some(n.normalize().to_string());
                // A resting limit adds liquidity; a triggered stop takes it.
                let fee = if entry.order_type() == OrderType::Limit {
                    instrument.maker_fee()
                } else {
                    instrument.taker_fee()
                };
                out.commission = commission_lines([(
                    instrument.quote_currency().code.to_string(),
                    (n * fee).abs(),
                )]);
            }
            out.fill_basis = "none at once: the order would rest".into();
        }
        out
    }
}

/// On a real venue: the venue's own check of the order, and the fills, commission and balances
/// estimated against its book.
async fn venue_estimate(out: &mut PreviewResponse, client: &dyn RealVenue, run: &DryRun) {
    let Some(entry) = run.orders.first() else {
        return;
    };
    {
        match client.test_order(entry).await {
            Ok(Some(t)) => {
                out.checks
                    .push(format!("the venue's own check ({})", t.endpoint));
                out.venue_check = Some(VenueCheckView {
                    endpoint: t.endpoint,
                    accepted: true,
                    maker_rate: t.maker_rate.normalize().to_string(),
                    taker_rate: t.taker_rate.normalize().to_string(),
                    notes: t.notes,
                });
            }
            Ok(None) => {}
            Err(e) => {
                out.accepted = false;
                out.refusal = Some(e);
                return;
            }
        }
    }
    let Some(instrument) = &run.instrument else {
        return;
    };
    let taker = out
        .venue_check
        .as_ref()
        .and_then(|v| v.taker_rate.parse().ok())
        .unwrap_or_else(|| instrument.taker_fee());
    let limit = match entry.order_type() {
        OrderType::Market => None,
        OrderType::Limit if !entry.is_post_only() => entry.price().map(|p| p.as_decimal()),
        _ => return,
    };
    let book = match client.book(entry.instrument_id(), 100).await {
        Ok(b) => b,
        Err(e) => {
            out.notes
                .push(format!("the venue's book could not be read: {}", e.message));
            return;
        }
    };
    let qty = entry.quantity().as_decimal();
    let (fills, left) = book.walk(entry.order_side(), qty, limit);
    let filled: Decimal = fills.iter().map(|(_, q)| *q).sum();
    if entry.order_type() == OrderType::Market && left > Decimal::ZERO {
        out.notes.push(format!(
            "the venue's book ({} levels read) holds only {} of {qty}",
            book.asks.len().max(book.bids.len()),
            filled.normalize()
        ));
    }
    let value: Decimal = fills.iter().map(|(p, q)| p.as_decimal() * q).sum();
    let base = instrument.base_currency().map(|c| c.code.to_string());
    let quote = instrument.quote_currency().code.to_string();
    let buy = entry.order_side() == OrderSide::Buy;
    // Binance charges a buy's commission in the bought asset, a sell's in the quote asset
    // (unless the account pays in BNB).
    let commission_ccy = if buy {
        base.clone().unwrap_or_else(|| quote.clone())
    } else {
        quote.clone()
    };
    out.fills = fills
        .iter()
        .map(|(p, q)| {
            let c = if buy {
                q * taker
            } else {
                p.as_decimal() * q * taker
            };
            FillView {
                client_order_id: entry.client_order_id().to_string(),
                price: p.to_string(),
                quantity: q.normalize().to_string(),
                commission: Some(format!("{} {commission_ccy}", c.normalize())),
                liquidity: "TAKER".into(),
            }
        })
        .collect();
    let commission: Decimal = if buy { filled * taker } else { value * taker };
    out.filled_quantity = filled.normalize().to_string();
    out.resting_quantity = if entry.order_type() == OrderType::Market {
        "0".into()
    } else {
        left.normalize().to_string()
    };
    out.fill_basis = format!(
        "the venue's order book ({} levels a side)",
        book.asks.len().max(book.bids.len())
    );
    if filled > Decimal::ZERO {
        out.fill_price = Some((value / filled).round_dp(12).normalize().to_string());
        out.notional = Some(value.normalize().to_string());
        out.commission = commission_lines([(commission_ccy.clone(), commission)]);
    }
    let resting = if entry.order_type() == OrderType::Market {
        Decimal::ZERO
    } else {
        left
    };
    if let (Some(before), Some(base)) = (&run.account_before, base) {
        out.balances_after = estimated_balances(
            before,
            (&base, &quote),
            buy,
            (filled, value),
            (&commission_ccy, commission),
            (resting, limit.unwrap_or_default()),
        );
        out.notes
            .push("balances after are estimated from the venue's book and commission rates".into());
    }
    if filled > Decimal::ZERO {
        out.position_after = position_after(instrument, entry, run, &fills, taker);
    }
}

/// The balances a spot account would hold after `filled` of base for `value` of quote,
/// the commission, and the funds a resting remainder locks.
fn estimated_balances(
    before: &AccountState,
    (base, quote): (&str, &str),
    buy: bool,
    (filled, value): (Decimal, Decimal),
    (commission_ccy, commission): (&str, Decimal),
    (resting, limit): (Decimal, Decimal),
) -> Vec<BalanceView> {
    let mut by: std::collections::BTreeMap<String, (Decimal, Decimal)> = before
        .balances
        .iter()
        .map(|b| {
            (
                b.currency.code.to_string(),
                (b.total.as_decimal(), b.locked.as_decimal()),
            )
        })
        .collect();
    let sign = if buy { Decimal::ONE } else { -Decimal::ONE };
    by.entry(base.to_string()).or_default().0 += sign * filled;
    by.entry(quote.to_string()).or_default().0 -= sign * value;
    by.entry(commission_ccy.to_string()).or_default().0 -= commission;
    if resting > Decimal::ZERO {
        let (ccy, amount) = if buy {
            (quote, resting * limit)
        } else {
            (base, resting)
        };
        by.entry(ccy.to_string()).or_default().1 += amount;
    }
    by.into_iter()
        .map(|(currency, (total, locked))| BalanceView {
            currency,
            total: total.normalize().to_string(),
            locked: locked.normalize().to_string(),
            free: (total - locked).normalize().to_string(),
        })
        .collect()
}

/// The position after estimated fills, by Nautilus's own position arithmetic (the fills
/// applied to the open position, or opening one).
fn position_after(
    instrument: &InstrumentAny,
    entry: &OrderAny,
    run: &DryRun,
    fills: &[(Price, Decimal)],
    taker: Decimal,
) -> Option<PositionView> {
    use nautilus_model::{
        enums::LiquiditySide,
        events::OrderFilled,
        identifiers::{PositionId, VenueOrderId},
        position::Position,
    };
    let account_id = run.account_before.as_ref()?.account_id;
    let position_id = run.position_before.as_ref().map_or_else(
        || PositionId::new(format!("{}-{}", entry.instrument_id(), entry.strategy_id())),
        |p| p.id,
    );
    let quote = instrument.quote_currency();
    let mut position = run.position_before.clone();
    for (i, (px, q)) in fills.iter().enumerate() {
        let qty = Quantity::from_decimal_dp(*q, instrument.size_precision()).ok()?;
        let commission = Money::from_decimal(
            (px.as_decimal() * q * taker).round_dp(u32::from(quote.precision)),
            quote,
        )
        .ok();
        let fill = OrderFilled::new(
            entry.trader_id(),
            entry.strategy_id(),
            entry.instrument_id(),
            entry.client_order_id(),
            VenueOrderId::new("PREVIEW"),
            account_id,
            TradeId::new(format!("PREVIEW-{i}")),
            entry.order_side(),
            entry.order_type(),
            qty,
            *px,
            quote,
            LiquiditySide::Taker,
            nautilus_core::UUID4::new(),
            run.now_ns.max(0).cast_unsigned().into(),
            run.now_ns.max(0).cast_unsigned().into(),
            false,
            Some(position_id),
            commission,
        );
        match position.as_mut() {
            Some(p) if p.is_open() => p.apply(&fill),
            _ => position = Some(Position::new(instrument, fill)),
        }
    }
    let mark = fills.last().map(|(p, _)| *p);
    position.map(|p| PositionView::of(&p, mark, run.now_ns))
}
