//! The node's side of a real venue: requests recorded as intents, and venue updates applied
//! with Nautilus's own reconciliation functions.
//!
//! Every venue fact arrives as a [`VenueUpdate`]: an order status report with the fills
//! reported alongside, an account state, a refusal, or "unknown order". Fills are applied first
//! (exact prices, commissions and trade ids; duplicates are dropped by trade id), then the
//! status is brought in line by `generate_reconciliation_order_events`; an order the venue has
//! that the node does not is imported as an `EXTERNAL` order. A report whose filled quantity
//! is ahead of the fills the node has is a gap: the caller fetches the missing fills first.

use nautilus_core::{UUID4, UnixNanos};
use nautilus_execution::reconciliation::{
    generate_reconciliation_order_events, reconcile_fill_report, should_reconciliation_update,
};
use nautilus_model::{
    enums::{ContingencyType, OrderStatus, TrailingOffsetType},
    events::{
        OrderAccepted, OrderCancelRejected, OrderEventAny, OrderInitialized, OrderModifyRejected,
        OrderRejected, OrderUpdated,
    },
    identifiers::{ClientOrderId, StrategyId, TraderId, Venue},
    instruments::InstrumentAny,
    orders::{Order, OrderAny},
    reports::{FillReport, OrderStatusReport},
    types::{Price, Quantity},
};
use ustr::Ustr;

use super::{
    orders::{ModifyMethod, new_client_order_id},
    session::Session,
    settings::VenueMode,
};
use crate::{
    engine::venues::{Action, Outbound, VenueUpdate},
    error::{OpError, OpResult},
    store::node as db,
};

/// Strategy id of orders the venue has that the node did not place.
pub const EXTERNAL_STRATEGY: &str = "EXTERNAL";

impl Session<'_> {
    /// Whether a connected venue is real (testnet or live).
    #[must_use]
    pub fn is_real(&self, venue: Venue) -> bool {
        self.venues
            .get(&venue)
            .is_some_and(|v| v.mode != VenueMode::Paper)
    }

    /// Runs the session on the wall clock: a real venue lives in real time, not in the paper
    /// market's.
    pub fn use_wall_clock(&mut self) {
        self.w
            .set_time(UnixNanos::from(super::session::wall_now().max(0) as u64));
    }

    /// Records the intent to change an order at a real venue: a quantity-only reduction is an
    /// amend that keeps the order's queue priority; anything else cancels the order and places
    /// a replacement (a new client order id) in one request.
    pub(super) fn modify_at_venue(
        &mut self,
        order: &OrderAny,
        quantity: Option<Quantity>,
        price: Option<Price>,
        trigger: Option<Price>,
    ) -> OpResult<()> {
        let ts = self.now();
        let only_reduces = price.is_none_or(|p| Some(p) == order.price())
            && trigger.is_none_or(|t| Some(t) == order.trigger_price())
            && quantity.is_some_and(|q| q < order.quantity() && q > order.filled_qty());
        if only_reduces {
            let q = quantity.expect("checked");
            self.record_pending(order, true)?;
            let pending = self
                .order(&order.client_order_id())
                .unwrap_or(order.clone());
            self.outbound.push(Outbound::Amend {
                order: pending,
                quantity: q,
            });
            self.last_modify = Some((ModifyMethod::Amend, None));
            return Ok(());
        }
        // The replacement carries what is left of the order.
        let total = quantity.unwrap_or(order.quantity());
        let leaves = Quantity::from_raw(
            total.raw.saturating_sub(order.filled_qty().raw),
            total.precision,
        );
        if leaves.is_zero() {
            return Err(OpError::invalid(
                "quantity",
                format!(
                    "{total} leaves nothing after the {} already filled",
                    order.filled_qty()
                ),
            ));
        }
        let mut init = order.init_event().clone();
        let new_id = new_client_order_id();
        init.client_order_id = new_id;
        init.quantity = leaves;
        init.price = price.or(order.price());
        init.trigger_price = trigger.or(order.trigger_price());
        init.event_id = UUID4::new();
        init.ts_event = ts;
        init.ts_init = ts;
        init.reconciliation = false;
        init.tags = Some(vec![Ustr::from(&format!(
            "replaces:{}",
            order.client_order_id()
        ))]);
        let replacement = OrderAny::from_events(vec![OrderEventAny::Initialized(init)])
            .map_err(|e| OpError::internal(format!("building the replacement order: {e}")))?;
        self.add_new_order(&replacement)?;
        self.record_pending(order, false)?;
        // Marks it submitted and queues a Submit: folded into the Replace below.
        self.submit_to_venue(&[new_id])?;
        let new = match self.outbound.pop() {
            Some(Outbound::Submit(o)) => o,
            _ => return Err(OpError::internal("replacement order was not queued")),
        };
        let old = self
            .order(&order.client_order_id())
            .unwrap_or(order.clone());
        self.outbound.push(Outbound::Replace { old, new });
        self.last_modify = Some((ModifyMethod::CancelReplace, Some(new_id)));
        Ok(())
    }

    /// Sends one cancel-all request for an instrument instead of one cancel per order.
    pub fn coalesce_cancels(&mut self, instrument_id: nautilus_model::identifiers::InstrumentId) {
        let (cancels, rest): (Vec<Outbound>, Vec<Outbound>) =
            std::mem::take(&mut self.outbound).into_iter().partition(
                |o| matches!(o, Outbound::Cancel(order) if order.instrument_id() == instrument_id),
            );
        self.outbound = rest;
        if cancels.len() > 1 {
            let orders = cancels
                .into_iter()
                .filter_map(|c| match c {
                    Outbound::Cancel(o) => Some(o),
                    _ => None,
                })
                .collect();
            self.outbound.push(Outbound::CancelAll {
                instrument_id,
                orders,
            });
        } else {
            self.outbound.extend(cancels);
        }
    }

    /// Applies venue updates. With `infer` false, a report ahead of the node's fills is left
    /// for later and its order returned (fetch the fills, then apply again with `infer`).
    pub fn apply_venue_updates(
        &mut self,
        venue: Venue,
        updates: &[VenueUpdate],
        infer: bool,
    ) -> OpResult<Vec<ClientOrderId>> {
        let mut gaps = Vec::new();
        for u in updates {
            match u {
                VenueUpdate::Order { report, fills } => {
                    if let Some(gap) = self.apply_order_report(report, fills, infer)? {
                        gaps.push(gap);
                    }
                }
                VenueUpdate::Account { state, complete } => {
                    self.applier
                        .apply_reported_account(venue, state.clone(), *complete);
                }
                VenueUpdate::Refused {
                    client_order_id,
                    action,
                    reason,
                } => self.apply_refusal(*client_order_id, *action, reason)?,
                VenueUpdate::Unknown {
                    client_order_id,
                    final_,
                } => {
                    if *final_ {
                        self.apply_refusal(
                            *client_order_id,
                            Action::Submit,
                            "not found at the venue after its receive window: it never arrived",
                        )?;
                    }
                }
            }
        }
        Ok(gaps)
    }

    /// The cached order, loading a closed one from the store (late events for it must still be
    /// recognised as duplicates).
    fn order_for_update(&mut self, id: &ClientOrderId) -> OpResult<Option<OrderAny>> {
        if let Some(o) = self.order(id) {
            return Ok(Some(o));
        }
        let Some(row) = db::order(&self.w.conn, id.as_str())? else {
            return Ok(None);
        };
        let order: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
            .map_err(|e| OpError::internal(format!("stored order is unreadable: {e}")))?;
        self.ensure_instrument(order.instrument_id())?;
        self.w
            .cache
            .borrow_mut()
            .add_order(order.clone(), None, None, false)
            .map_err(OpError::internal)?;
        Ok(Some(order))
    }

    fn instrument_for(&mut self, report: &OrderStatusReport) -> Option<InstrumentAny> {
        match self.ensure_instrument(report.instrument_id) {
            Ok(i) => Some(i),
            Err(e) => {
                tracing::debug!(instrument = %report.instrument_id, error = %e.message, "venue report skipped");
                None
            }
        }
    }

    fn apply_order_report(
        &mut self,
        report: &OrderStatusReport,
        fills: &[FillReport],
        infer: bool,
    ) -> OpResult<Option<ClientOrderId>> {
        let Some(instrument) = self.instrument_for(report) else {
            return Ok(None);
        };
        let id = match report.client_order_id {
            Some(id) => id,
            None => match self
                .w
                .cache
                .borrow()
                .client_order_id(&report.venue_order_id)
                .copied()
            {
                Some(id) => id,
                None => ClientOrderId::new(report.venue_order_id.as_str()),
            },
        };
        let order = match self.order_for_update(&id)? {
            Some(o) => o,
            None => {
                let open = matches!(
                    report.order_status,
                    OrderStatus::Accepted | OrderStatus::Triggered | OrderStatus::PartiallyFilled
                );
                if !open {
                    // A closed order placed elsewhere: its effect is in the balances.
                    return Ok(None);
                }
                self.import_external(id, report)?
            }
        };
        let ts = self.now();
        if matches!(
            order.status(),
            OrderStatus::Submitted | OrderStatus::Initialized
        ) && report.order_status != OrderStatus::Rejected
        {
            self.record_order_event(OrderEventAny::Accepted(OrderAccepted::new(
                order.trader_id(),
                order.strategy_id(),
                order.instrument_id(),
                order.client_order_id(),
                report.venue_order_id,
                report.account_id,
                UUID4::new(),
                report.ts_accepted,
                ts,
                false,
            )));
        }
        for fill in fills {
            let Some(current) = self.order(&id) else {
                break;
            };
            if let Some(event) = reconcile_fill_report(&current, fill, &instrument, ts, false) {
                self.record_order_event(event);
            }
        }
        let Some(current) = self.order(&id) else {
            return Ok(None);
        };
        if report.filled_qty > current.filled_qty() && !current.is_closed() && !infer {
            return Ok(Some(id));
        }
        let open_at_venue = matches!(
            report.order_status,
            OrderStatus::Accepted | OrderStatus::Triggered | OrderStatus::PartiallyFilled
        );
        if open_at_venue {
            match current.status() {
                OrderStatus::PendingCancel => self.record_order_event(request_rejected(
                    &current,
                    Action::Cancel,
                    "the order is still open at the venue",
                    ts,
                )),
                OrderStatus::PendingUpdate => {
                    let event = if should_reconciliation_update(&current, report) {
                        updated_by(&current, report, ts)
                    } else {
                        request_rejected(
                            &current,
                            Action::Modify,
                            "the venue did not apply the change",
                            ts,
                        )
                    };
                    self.record_order_event(event);
                }
                _ => {}
            }
        }
        let Some(current) = self.order(&id) else {
            return Ok(None);
        };
        for event in generate_reconciliation_order_events(&current, report, Some(&instrument), ts) {
            self.record_order_event(event);
        }
        Ok(None)
    }

    /// Creates an order the venue has that the node did not place (strategy `EXTERNAL`).
    fn import_external(
        &mut self,
        id: ClientOrderId,
        report: &OrderStatusReport,
    ) -> OpResult<OrderAny> {
        let trader_id = TraderId::from(self.require_node()?.trader_id.as_str());
        let ts = self.now();
        let init = OrderInitialized::new(
            trader_id,
            StrategyId::from(EXTERNAL_STRATEGY),
            report.instrument_id,
            id,
            report.order_side,
            report.order_type,
            report.quantity,
            report.time_in_force,
            report.post_only,
            report.reduce_only,
            false,
            true,
            UUID4::new(),
            ts,
            ts,
            report.price,
            report.trigger_price,
            report
                .trigger_price
                .is_some()
                .then_some(report.trigger_type)
                .flatten(),
            None,
            None,
            Some(TrailingOffsetType::NoTrailingOffset),
            None,
            None,
            None,
            None,
            Some(ContingencyType::NoContingency),
            None,
            None,
            None,
            None,
            None,
            None,
            Some(vec![Ustr::from("EXTERNAL")]),
        );
        let order = OrderAny::from_events(vec![OrderEventAny::Initialized(init)])
            .map_err(|e| OpError::internal(format!("importing an external order: {e}")))?;
        self.add_new_order(&order)?;
        tracing::info!(order = %id, instrument = %report.instrument_id, "imported an order placed outside the node");
        Ok(order)
    }

    fn apply_refusal(&mut self, id: ClientOrderId, action: Action, reason: &str) -> OpResult<()> {
        let Some(order) = self.order_for_update(&id)? else {
            return Ok(());
        };
        let ts = self.now();
        let reason = Ustr::from(reason);
        let event = match (action, order.status()) {
            (Action::Submit, OrderStatus::Submitted | OrderStatus::Initialized) => {
                let Some(account_id) = order.account_id().or_else(|| {
                    self.venues
                        .get(&order.instrument_id().venue)
                        .map(|v| v.account_id)
                }) else {
                    return Ok(());
                };
                OrderEventAny::Rejected(OrderRejected::new(
                    order.trader_id(),
                    order.strategy_id(),
                    order.instrument_id(),
                    id,
                    account_id,
                    reason,
                    UUID4::new(),
                    ts,
                    ts,
                    false,
                    false,
                ))
            }
            (Action::Cancel, OrderStatus::PendingCancel)
            | (Action::Modify, OrderStatus::PendingUpdate) => {
                request_rejected(&order, action, reason.as_str(), ts)
            }
            _ => return Ok(()),
        };
        self.record_order_event(event);
        Ok(())
    }

    /// The node's live orders on a venue (open, or waiting for the venue's answer).
    #[must_use]
    pub fn live_orders(&self, venue: Venue) -> Vec<OrderAny> {
        let mut orders: Vec<OrderAny> = self
            .w
            .cache
            .borrow()
            .orders(Some(&venue), None, None, None, None)
            .iter()
            .filter(|o| !o.is_closed())
            .map(|o| o.cloned())
            .collect();
        orders.sort_by_key(Order::ts_init);
        orders
    }
}

/// The change a venue made to an order, as its report shows it (only the fields the order
/// type has).
fn updated_by(order: &OrderAny, report: &OrderStatusReport, ts: UnixNanos) -> OrderEventAny {
    let trigger = order.trigger_price().and(report.trigger_price);
    let price = order.price().and(report.price);
    OrderEventAny::Updated(OrderUpdated::new(
        order.trader_id(),
        order.strategy_id(),
        order.instrument_id(),
        order.client_order_id(),
        report.quantity,
        UUID4::new(),
        report.ts_last,
        ts,
        false,
        order.venue_order_id(),
        order.account_id(),
        price,
        trigger,
        None,
        order.is_quote_quantity(),
    ))
}

/// A venue's refusal of a cancel (`Action::Cancel`) or of a change (otherwise).
fn request_rejected(
    order: &OrderAny,
    action: Action,
    reason: &str,
    ts: UnixNanos,
) -> OrderEventAny {
    let args = (
        order.trader_id(),
        order.strategy_id(),
        order.instrument_id(),
        order.client_order_id(),
        Ustr::from(reason),
    );
    if action == Action::Cancel {
        OrderEventAny::CancelRejected(OrderCancelRejected::new(
            args.0,
            args.1,
            args.2,
            args.3,
            args.4,
            UUID4::new(),
            ts,
            ts,
            false,
            order.venue_order_id(),
            order.account_id(),
        ))
    } else {
        OrderEventAny::ModifyRejected(OrderModifyRejected::new(
            args.0,
            args.1,
            args.2,
            args.3,
            args.4,
            UUID4::new(),
            ts,
            ts,
            false,
            order.venue_order_id(),
            order.account_id(),
        ))
    }
}
