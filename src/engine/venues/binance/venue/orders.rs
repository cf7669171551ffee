//! Orders at Binance: the requests a session decided, sent in order (submit, cancel, amend,
//! cancel-replace, cancel-all), with timeouts resolved by asking the venue.

use std::{collections::BTreeSet, time::Duration};

use nautilus_model::{
    enums::{OrderSide as NtSide, OrderType as NtType, TimeInForce as NtTif, TrailingOffsetType},
    identifiers::{ClientOrderId, InstrumentId},
    orders::{Order, OrderAny},
    types::Quantity,
};
use serde_json::json;

use super::{BinanceVenue, is_code, op_error, refusal_reason, symbol_of};
use crate::engine::{
    node::orders::Trailing,
    venues::{Executed, OrderTest},
};
use crate::{
    engine::venues::{
        Action, Outbound, VenueUpdate,
        binance::{
            error::BinanceError,
            mapping::{FillFields, OrderFields, SymbolMeta},
            model::{CancelReplaceLeg, CanceledOpenOrder, OrderSide, TimeInForce},
            rest::{CancelReplaceMode, NewOrder},
        },
    },
    error::{Code, OpError, OpResult},
};

/// A trailing offset in basis points as Binance's `trailingDelta`: a whole number.
fn trailing_delta_bips(offset: rust_decimal::Decimal) -> Result<u32, String> {
    use rust_decimal::prelude::ToPrimitive;
    if offset.fract().is_zero()
        && let Some(d) = offset.to_u32()
        && d > 0
    {
        return Ok(d);
    }
    Err(format!(
        "Binance's trailingDelta is a whole number of basis points, not {}",
        offset.normalize()
    ))
}

impl BinanceVenue {
    /// Sends the requests decided by a session, in order.
    pub async fn execute(&self, requests: &[Outbound]) -> Executed {
        let mut out = Executed::default();
        for r in requests {
            match r {
                Outbound::Submit(order) => self.submit(order, &mut out).await,
                Outbound::Cancel(order) => self.cancel(order, &mut out).await,
                Outbound::Amend { order, quantity } => self.amend(order, *quantity, &mut out).await,
                Outbound::Replace { old, new } => self.replace(old, new, &mut out).await,
                Outbound::CancelAll {
                    instrument_id,
                    orders,
                } => self.cancel_all(*instrument_id, orders, &mut out).await,
            }
        }
        out
    }

    /// The Binance order for a Nautilus order (types the node allows on Binance only).
    pub fn new_order(order: &OrderAny) -> OpResult<NewOrder> {
        let symbol = symbol_of(&order.instrument_id());
        let side = match order.order_side() {
            NtSide::Buy => OrderSide::Buy,
            _ => OrderSide::Sell,
        };
        let qty = order.quantity().as_decimal();
        let tif = match order.time_in_force() {
            NtTif::Gtc => TimeInForce::Gtc,
            NtTif::Ioc => TimeInForce::Ioc,
            NtTif::Fok => TimeInForce::Fok,
            other => {
                return Err(OpError::invalid(
                    "time_in_force",
                    format!("Binance Spot supports GTC, IOC and FOK, not {other}"),
                ));
            }
        };
        let price = || {
            order
                .price()
                .map(|p| p.as_decimal())
                .ok_or_else(|| OpError::invalid("price", "this order type needs a price"))
        };
        let trigger = || {
            order
                .trigger_price()
                .map(|p| p.as_decimal())
                .ok_or_else(|| OpError::invalid("trigger_price", "this order type needs one"))
        };
        let o = match order.order_type() {
            NtType::Market => NewOrder::market(&symbol, side, qty),
            NtType::Limit if order.is_post_only() => {
                NewOrder::limit_maker(&symbol, side, qty, price()?)
            }
            NtType::Limit => NewOrder::limit(&symbol, side, qty, price()?, tif),
            NtType::StopLimit => {
                NewOrder::stop_loss_limit(&symbol, side, qty, price()?, trigger()?, tif)
            }
            NtType::LimitIfTouched => {
                NewOrder::take_profit_limit(&symbol, side, qty, price()?, trigger()?, tif)
            }
            NtType::TrailingStopMarket => {
                let delta = order
                    .trailing_offset()
                    .filter(|_| {
                        order.trailing_offset_type() == Some(TrailingOffsetType::BasisPoints)
                    })
                    .and_then(|d| trailing_delta_bips(d).ok())
                    .ok_or_else(|| {
                        OpError::invalid(
                            "trailing_offset",
                            "Binance's trailingDelta is a whole number of basis points",
                        )
                    })?;
                NewOrder::trailing_stop_loss(&symbol, side, qty, delta)
            }
            other => {
                return Err(OpError::invalid(
                    "order_type",
                    format!(
                        "{other} orders are not supported on Binance Spot by this node; use a \
                         market, limit, stop-limit or take-profit-limit order"
                    ),
                ));
            }
        };
        Ok(o.with_client_order_id(order.client_order_id().as_str()))
    }

    /// Whether Binance takes a trailing stop as it is: a `STOP_LOSS` with `trailingDelta`
    /// (BIPS) starting at once, on a symbol that allows trailing stops and `STOP_LOSS` orders,
    /// within its `TRAILING_DELTA` filter. Otherwise the reason, and the node trails it.
    pub async fn takes_trailing(
        &self,
        instrument_id: InstrumentId,
        side: NtSide,
        trailing: &Trailing,
        with_trigger: bool,
    ) -> OpResult<Result<(), String>> {
        if with_trigger {
            return Ok(Err(
                "Binance's trailingDelta starts from the market, not from a given first trigger"
                    .into(),
            ));
        }
        if trailing.limit_offset.is_some() {
            return Ok(Err(
                "Binance's trailing stop-limit keeps a fixed limit price, not one that follows the trigger"
                    .into(),
            ));
        }
        if trailing.offset_type != TrailingOffsetType::BasisPoints {
            return Ok(Err(
                "Binance's trailingDelta is in basis points, not a price offset".into(),
            ));
        }
        let delta = match trailing_delta_bips(trailing.offset) {
            Ok(d) => d,
            Err(why) => return Ok(Err(why)),
        };
        let symbol = symbol_of(&instrument_id);
        let rules = self
            .rest
            .symbol_rules(&symbol)
            .await
            .map_err(|e| op_error(&e, &format!("the rules of {symbol}")))?;
        if !rules.allow_trailing_stop {
            return Ok(Err(format!("{symbol} does not allow trailing stops")));
        }
        if !rules.order_types.iter().any(|t| t == "STOP_LOSS") {
            return Ok(Err(format!("{symbol} takes no STOP_LOSS orders")));
        }
        if let Some((above, below)) = rules.trailing_delta {
            // A BUY stop-loss's stop is above the market, a SELL's below.
            let (min, max) = if side == NtSide::Buy { above } else { below };
            if delta < min || delta > max {
                return Ok(Err(format!(
                    "trailingDelta {delta} is outside {symbol}'s TRAILING_DELTA range {min}..{max}"
                )));
            }
        }
        Ok(Ok(()))
    }

    /// Has Binance check an order without placing it (`POST /api/v3/order/test` with
    /// `computeCommissionRates`): its filters and rules, and the commission rates it would
    /// pay. A refusal is a `trading` error with Binance's code.
    pub async fn test_order(&self, order: &OrderAny) -> OpResult<OrderTest> {
        let request = Self::new_order(order)?;
        let answer = self
            .rest
            .test_order(&request)
            .await
            .map_err(|e| op_error(&e, &format!("order {}", order.client_order_id())))?;
        let rates = answer.total_rates();
        let mut notes = Vec::new();
        let mut commission_asset = None;
        if let Some(d) = &answer.discount
            && d.enabled_for_account
            && d.enabled_for_symbol
        {
            commission_asset = Some(d.discount_asset.clone());
            notes.push(format!(
                "commissions are paid in {} when the account holds enough of it, {}% less",
                d.discount_asset,
                (d.discount * rust_decimal::Decimal::ONE_HUNDRED).normalize()
            ));
        }
        Ok(OrderTest {
            endpoint: "POST /api/v3/order/test".into(),
            maker_rate: rates.maker,
            taker_rate: rates.taker,
            commission_asset,
            notes,
        })
    }

    async fn submit(&self, order: &OrderAny, out: &mut Executed) {
        let id = order.client_order_id();
        let request = match Self::new_order(order) {
            Ok(r) => r,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Submit,
                    reason: e.message.clone(),
                });
                out.fail(e);
                return;
            }
        };
        match self.rest.new_order(&request).await {
            Ok(resp) => match self.meta(&resp.symbol) {
                Some(meta) => {
                    let now = self.now_nanos();
                    let report =
                        OrderFields::of_response(&resp).report(&meta, self.account_id, now);
                    let fills: Result<Vec<_>, _> = FillFields::of_response(&resp)
                        .iter()
                        .map(|f| f.report(&meta, self.account_id, now))
                        .collect();
                    match (report, fills) {
                        (Ok(report), Ok(fills)) => {
                            out.updates.push(VenueUpdate::Order { report, fills });
                        }
                        (Err(e), _) | (_, Err(e)) => out.fail(OpError::internal(e.to_string())),
                    }
                }
                None => out.fail(OpError::internal(format!(
                    "Binance answered for symbol {} which the node does not know",
                    resp.symbol
                ))),
            },
            Err(e) if e.is_unknown_outcome() => {
                out.notes.push(format!(
                    "the answer to order {id} was lost ({e}); Binance was asked for it by its client order id"
                ));
                self.resolve(order, Action::Submit, &e, out).await;
            }
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Submit,
                    reason: refusal_reason(&e),
                });
                out.fail(self.error(&e, &format!("order {id}")));
            }
        }
    }

    /// Finds out what became of a request whose answer was lost: queries the order until it is
    /// found or can no longer arrive.
    async fn resolve(
        &self,
        order: &OrderAny,
        action: Action,
        cause: &BinanceError,
        out: &mut Executed,
    ) {
        let id = order.client_order_id();
        let started = std::time::Instant::now();
        let limit = Duration::from_millis(self.recv_window_ms + 3_000);
        let mut delay = Duration::from_millis(250);
        loop {
            match self.query(order).await {
                Ok(Some(update)) => {
                    if action != Action::Submit
                        && let VenueUpdate::Order { report, .. } = &update
                        && !matches!(
                            report.order_status,
                            nautilus_model::enums::OrderStatus::Canceled
                                | nautilus_model::enums::OrderStatus::Filled
                                | nautilus_model::enums::OrderStatus::Expired
                        )
                        && action == Action::Cancel
                    {
                        // The cancel did not take effect: the order is still working.
                        out.updates.push(VenueUpdate::Refused {
                            client_order_id: id,
                            action,
                            reason: format!("the cancel's answer was lost ({cause}) and the order is still open at Binance"),
                        });
                        out.fail(self.error(cause, &format!("cancel of order {id}")));
                    }
                    out.updates.push(update);
                    return;
                }
                Ok(None) if action == Action::Submit => {
                    if !self.can_still_arrive(order) {
                        out.updates.push(VenueUpdate::Unknown {
                            client_order_id: id,
                            final_: true,
                        });
                        out.fail(OpError::new(
                            Code::VenueUnavailable,
                            format!("order {id} never reached Binance ({cause}); it is recorded as rejected and may be sent again"),
                        ));
                        return;
                    }
                }
                Ok(None) => {
                    out.updates.push(VenueUpdate::Unknown {
                        client_order_id: id,
                        final_: false,
                    });
                    return;
                }
                Err(e) => {
                    tracing::warn!(order = %id, error = %e, "binance: query after a lost answer failed");
                }
            }
            if started.elapsed() > limit {
                out.fail(OpError::new(
                    Code::VenueUnavailable,
                    format!(
                        "the outcome of the request for order {id} is unknown ({cause}); the order stays pending and is reconciled with Binance by the next command"
                    ),
                ).with_details(json!({ "client_order_id": id.to_string(), "pending": true })));
                return;
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(2));
        }
    }

    async fn cancel(&self, order: &OrderAny, out: &mut Executed) {
        let id = order.client_order_id();
        let symbol = symbol_of(&order.instrument_id());
        match self.rest.cancel_order(&symbol, id.as_str()).await {
            Ok(resp) => {
                let Some(meta) = self.meta(&resp.symbol) else {
                    out.fail(OpError::internal("cancel answer for an unknown symbol"));
                    return;
                };
                let filled_before = order.filled_qty().as_decimal();
                match OrderFields::of_cancel(&resp).report(&meta, self.account_id, self.now_nanos())
                {
                    Ok(report) => {
                        // Fills Binance made before the cancel that the node has not seen.
                        let fills = if resp.executed_qty > filled_before {
                            self.fills_of(&symbol, resp.order_id, id, &meta).await
                        } else {
                            Vec::new()
                        };
                        out.updates.push(VenueUpdate::Order { report, fills });
                    }
                    Err(e) => out.fail(OpError::internal(e.to_string())),
                }
            }
            Err(e) if e.is_unknown_outcome() => self.resolve(order, Action::Cancel, &e, out).await,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Cancel,
                    reason: refusal_reason(&e),
                });
                out.fail(self.error(&e, &format!("cancel of order {id}")));
                // Learn why (filled meanwhile, canceled elsewhere...).
                if let Ok(Some(u)) = self.query(order).await {
                    out.updates.push(u);
                }
            }
        }
    }

    async fn fills_of(
        &self,
        symbol: &str,
        order_id: i64,
        id: ClientOrderId,
        meta: &SymbolMeta,
    ) -> Vec<nautilus_model::reports::FillReport> {
        let Ok(trades) = self.rest.my_trades(symbol, Some(order_id)).await else {
            return Vec::new();
        };
        let now = self.now_nanos();
        trades
            .iter()
            .filter_map(|t| {
                FillFields::of_trade(t, Some(id.as_str()))
                    .report(meta, self.account_id, now)
                    .ok()
            })
            .collect()
    }

    async fn amend(&self, order: &OrderAny, quantity: Quantity, out: &mut Executed) {
        let id = order.client_order_id();
        let symbol = symbol_of(&order.instrument_id());
        match self
            .rest
            .amend_order_keep_priority(&symbol, id.as_str(), quantity.as_decimal(), None)
            .await
        {
            Ok(resp) => {
                let Some(meta) = self.meta(&resp.amended_order.symbol) else {
                    out.fail(OpError::internal("amend answer for an unknown symbol"));
                    return;
                };
                match OrderFields::of_amend(&resp.amended_order, resp.transact_time).report(
                    &meta,
                    self.account_id,
                    self.now_nanos(),
                ) {
                    Ok(mut report) => {
                        // The amend answer carries no trigger price: keep the order's.
                        report.trigger_price = order.trigger_price();
                        out.updates.push(VenueUpdate::Order {
                            report,
                            fills: Vec::new(),
                        });
                    }
                    Err(e) => out.fail(OpError::internal(e.to_string())),
                }
            }
            Err(e) if e.is_unknown_outcome() => self.resolve(order, Action::Modify, &e, out).await,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: id,
                    action: Action::Modify,
                    reason: refusal_reason(&e),
                });
                out.fail(self.error(&e, &format!("amend of order {id}")));
            }
        }
    }

    async fn replace(&self, old: &OrderAny, new: &OrderAny, out: &mut Executed) {
        let old_id = old.client_order_id();
        let new_id = new.client_order_id();
        let request = match Self::new_order(new) {
            Ok(r) => r,
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: old_id,
                    action: Action::Cancel,
                    reason: e.message.clone(),
                });
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: new_id,
                    action: Action::Submit,
                    reason: e.message.clone(),
                });
                out.fail(e);
                return;
            }
        };
        let symbol = symbol_of(&old.instrument_id());
        let Some(meta) = self.meta(&symbol) else {
            out.fail(OpError::internal(
                "replace of an order on an unknown symbol",
            ));
            return;
        };
        match self
            .rest
            .cancel_replace(old_id.as_str(), CancelReplaceMode::StopOnFailure, &request)
            .await
        {
            Ok(resp) => {
                let now = self.now_nanos();
                match &resp.cancel_response {
                    Some(CancelReplaceLeg::Ok(c)) => {
                        if let Ok(report) =
                            OrderFields::of_cancel(c).report(&meta, self.account_id, now)
                        {
                            out.updates.push(VenueUpdate::Order {
                                report,
                                fills: Vec::new(),
                            });
                        }
                    }
                    Some(CancelReplaceLeg::Error(b)) => {
                        out.updates.push(VenueUpdate::Refused {
                            client_order_id: old_id,
                            action: Action::Cancel,
                            reason: format!("Binance {}: {}", b.code, b.msg),
                        });
                    }
                    None => {}
                }
                match &resp.new_order_response {
                    Some(CancelReplaceLeg::Ok(r)) => {
                        let report =
                            OrderFields::of_response(r).report(&meta, self.account_id, now);
                        let fills: Result<Vec<_>, _> = FillFields::of_response(r)
                            .iter()
                            .map(|f| f.report(&meta, self.account_id, now))
                            .collect();
                        if let (Ok(report), Ok(fills)) = (report, fills) {
                            out.updates.push(VenueUpdate::Order { report, fills });
                        }
                    }
                    Some(CancelReplaceLeg::Error(b)) => {
                        out.updates.push(VenueUpdate::Refused {
                            client_order_id: new_id,
                            action: Action::Submit,
                            reason: format!("Binance {}: {}", b.code, b.msg),
                        });
                    }
                    None => out.updates.push(VenueUpdate::Refused {
                        client_order_id: new_id,
                        action: Action::Submit,
                        reason: format!("not placed: the cancel of {old_id} failed"),
                    }),
                }
                if let Some(b) = &resp.error {
                    let e = BinanceError::Rejected {
                        code: b.code,
                        msg: b.msg.clone(),
                    };
                    out.fail(self.error(&e, &format!("cancel-replace of order {old_id}")));
                }
            }
            Err(e) if e.is_unknown_outcome() => {
                self.resolve(old, Action::Cancel, &e, out).await;
                self.resolve(new, Action::Submit, &e, out).await;
            }
            Err(e) => {
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: old_id,
                    action: Action::Cancel,
                    reason: refusal_reason(&e),
                });
                out.updates.push(VenueUpdate::Refused {
                    client_order_id: new_id,
                    action: Action::Submit,
                    reason: refusal_reason(&e),
                });
                out.fail(self.error(&e, &format!("cancel-replace of order {old_id}")));
            }
        }
    }

    async fn cancel_all(
        &self,
        instrument_id: InstrumentId,
        orders: &[OrderAny],
        out: &mut Executed,
    ) {
        let symbol = symbol_of(&instrument_id);
        let Some(meta) = self.meta(&symbol) else {
            out.fail(OpError::internal("cancel-all on an unknown symbol"));
            return;
        };
        match self.rest.cancel_open_orders(&symbol).await {
            Ok(canceled) => {
                let now = self.now_nanos();
                let mut seen = BTreeSet::new();
                for c in &canceled {
                    let reports: Vec<&crate::engine::venues::binance::model::CancelOrderResponse> =
                        match c {
                            CanceledOpenOrder::Order(o) => vec![o],
                            CanceledOpenOrder::List(l) => l.order_reports.iter().collect(),
                        };
                    for r in reports {
                        seen.insert(r.orig_client_order_id.clone());
                        if let Ok(report) =
                            OrderFields::of_cancel(r).report(&meta, self.account_id, now)
                        {
                            let fills = match orders
                                .iter()
                                .find(|o| o.client_order_id().as_str() == r.orig_client_order_id)
                            {
                                Some(o) if r.executed_qty > o.filled_qty().as_decimal() => {
                                    self.fills_of(&symbol, r.order_id, o.client_order_id(), &meta)
                                        .await
                                }
                                _ => Vec::new(),
                            };
                            out.updates.push(VenueUpdate::Order { report, fills });
                        }
                    }
                }
                // Orders the node thought open that Binance did not cancel ended otherwise.
                for o in orders {
                    if !seen.contains(o.client_order_id().as_str()) {
                        self.settle_after_cancel(o, out).await;
                    }
                }
            }
            Err(e) if is_code(&e, -2011) => {
                for o in orders {
                    self.settle_after_cancel(o, out).await;
                }
            }
            Err(e) if e.is_unknown_outcome() => {
                for o in orders {
                    self.resolve(o, Action::Cancel, &e, out).await;
                }
            }
            Err(e) => {
                for o in orders {
                    out.updates.push(VenueUpdate::Refused {
                        client_order_id: o.client_order_id(),
                        action: Action::Cancel,
                        reason: refusal_reason(&e),
                    });
                }
                out.fail(self.error(&e, &format!("cancel of every order on {instrument_id}")));
            }
        }
    }

    async fn settle_after_cancel(&self, order: &OrderAny, out: &mut Executed) {
        match self.query(order).await {
            Ok(Some(u)) => {
                if let VenueUpdate::Order { report, .. } = &u
                    && matches!(
                        report.order_status,
                        nautilus_model::enums::OrderStatus::Accepted
                            | nautilus_model::enums::OrderStatus::PartiallyFilled
                            | nautilus_model::enums::OrderStatus::Triggered
                    )
                {
                    out.updates.push(VenueUpdate::Refused {
                        client_order_id: order.client_order_id(),
                        action: Action::Cancel,
                        reason: "Binance did not cancel it".into(),
                    });
                }
                out.updates.push(u);
            }
            Ok(None) => out.updates.push(VenueUpdate::Unknown {
                client_order_id: order.client_order_id(),
                final_: !self.can_still_arrive(order),
            }),
            Err(e) => out.fail(e),
        }
    }
}
