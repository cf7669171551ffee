//! Commands on orders inside a session: new orders, risk checks, submission to a paper
//! matching engine or as a real venue's intent, cancel, modify, and contingent orders.

use nautilus_common::{
    factories::OrderEventFactory,
    messages::execution::{CancelOrder, ModifyOrder, SubmitOrder, TradingCommand},
};
use nautilus_core::UUID4;
use nautilus_model::{
    enums::{AccountType, ContingencyType},
    events::{OrderEventAny, OrderPendingCancel, OrderPendingUpdate},
    identifiers::{AccountId, ClientOrderId},
    orders::{Order, OrderAny},
    types::{Price, Quantity},
};
use rust_decimal::Decimal;

use super::Session;
use crate::{
    engine::{
        node::{
            apply::Recorded,
            settings::{PaperSettings, VenueMode},
            world::Verdict,
        },
        venues::Outbound,
    },
    error::{OpError, OpResult},
};

impl Session<'_> {
    /// Records an event the node generates itself (not from a matching engine).
    pub fn record_order_event(&self, event: OrderEventAny) {
        self.applier.apply(event);
    }

    /// Adds a new order to the cache and records its `OrderInitialized`.
    pub fn add_new_order(&self, order: &OrderAny) -> OpResult<()> {
        self.w
            .cache
            .borrow_mut()
            .add_order(order.clone(), order.position_id(), None, false)
            .map_err(OpError::internal)?;
        let mut ch = self.applier.changes.borrow_mut();
        ch.orders.insert(order.client_order_id());
        ch.entries.push((
            order.instrument_id().venue,
            Recorded::Order(OrderEventAny::Initialized(order.init_event().clone())),
        ));
        Ok(())
    }

    /// A cached order.
    #[must_use]
    pub fn order(&self, id: &ClientOrderId) -> Option<OrderAny> {
        self.w.cache.borrow().order(id).map(|o| o.clone())
    }

    /// Asks Nautilus's risk engine about an initialized order in the cache.
    pub fn risk_check(
        &mut self,
        order: &OrderAny,
        max_notional: Option<Decimal>,
    ) -> Option<String> {
        if let Some(limit) = max_notional {
            self.w
                .risk
                .set_max_notional_per_order(order.instrument_id(), limit);
        }
        self.w.verdicts.borrow_mut().clear();
        let trader_id = order.trader_id();
        let cmd = SubmitOrder::from_order(order, trader_id, None, None, UUID4::new(), self.w.now());
        self.w.risk.execute(TradingCommand::SubmitOrder(cmd));
        let verdicts: Vec<Verdict> = self.w.verdicts.borrow_mut().drain(..).collect();
        for v in verdicts {
            if let Verdict::Denied(event) = v {
                let event = *event;
                let reason = match &event {
                    OrderEventAny::Denied(d) => d.reason.to_string(),
                    other => format!("{:?}", other.event_type()),
                };
                self.applier.apply(event);
                return Some(reason);
            }
        }
        None
    }

    /// Marks an order submitted and hands it to its venue's matching engine.
    pub fn submit_to_venue(&mut self, ids: &[ClientOrderId]) -> OpResult<()> {
        for id in ids {
            let order = self
                .order(id)
                .ok_or_else(|| OpError::internal(format!("order {id} vanished")))?;
            let ctx = self.require_venue(order.instrument_id().venue)?.clone();
            let account_type = ctx
                .paper
                .as_ref()
                .map_or(AccountType::Cash, PaperSettings::account_type);
            let factory =
                OrderEventFactory::new(order.trader_id(), ctx.account_id, account_type, None);
            self.applier
                .apply(factory.generate_order_submitted(&order, self.w.now()));
            if ctx.mode != VenueMode::Paper
                && let Some(submitted) = self.order(id)
            {
                self.outbound.push(Outbound::Submit(submitted));
            }
        }
        for id in ids {
            let Some(mut order) = self.order(id) else {
                continue;
            };
            if order.is_closed() || self.is_real(order.instrument_id().venue) {
                continue;
            }
            let instrument_id = order.instrument_id();
            let account_id = self.require_venue(instrument_id.venue)?.account_id;
            self.engine(instrument_id)?
                .process_order(&mut order, account_id);
        }
        self.sweep_contingencies()
    }

    /// The account an order is on (its own, else its venue's).
    pub(in crate::engine::node) fn account_of(&self, order: &OrderAny) -> OpResult<AccountId> {
        match order.account_id() {
            Some(a) => Ok(a),
            None => Ok(self.require_venue(order.instrument_id().venue)?.account_id),
        }
    }

    /// Records that a cancel (`update` false) or a change (`update` true) of an order was asked.
    pub(in crate::engine::node) fn record_pending(
        &self,
        order: &OrderAny,
        update: bool,
    ) -> OpResult<()> {
        let ts = self.w.now();
        let args = (
            order.trader_id(),
            order.strategy_id(),
            order.instrument_id(),
            order.client_order_id(),
            self.account_of(order)?,
        );
        let event = if update {
            OrderEventAny::PendingUpdate(OrderPendingUpdate::new(
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
            ))
        } else {
            OrderEventAny::PendingCancel(OrderPendingCancel::new(
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
            ))
        };
        self.applier.apply(event);
        Ok(())
    }

    /// Cancels an order through its venue's engine (records PendingCancel first).
    pub fn cancel(&mut self, order: &OrderAny) -> OpResult<()> {
        let ts = self.w.now();
        let account_id = self.account_of(order)?;
        self.record_pending(order, false)?;
        if self.is_real(order.instrument_id().venue) {
            if let Some(pending) = self.order(&order.client_order_id()) {
                self.outbound.push(Outbound::Cancel(pending));
            }
            return Ok(());
        }
        let cmd = CancelOrder::new(
            order.trader_id(),
            None,
            order.strategy_id(),
            order.instrument_id(),
            order.client_order_id(),
            order.venue_order_id(),
            UUID4::new(),
            ts,
            None,
        );
        self.engine(order.instrument_id())?
            .process_cancel(&cmd, account_id);
        Ok(())
    }

    /// Modifies an order through its venue's engine (records PendingUpdate first).
    pub fn modify(
        &mut self,
        order: &OrderAny,
        quantity: Option<Quantity>,
        price: Option<Price>,
        trigger: Option<Price>,
    ) -> OpResult<()> {
        if self.is_real(order.instrument_id().venue) {
            return self.modify_at_venue(order, quantity, price, trigger);
        }
        let ts = self.w.now();
        let account_id = self.account_of(order)?;
        self.record_pending(order, true)?;
        let cmd = ModifyOrder::new(
            order.trader_id(),
            None,
            order.strategy_id(),
            order.instrument_id(),
            order.client_order_id(),
            order.venue_order_id(),
            quantity,
            price,
            trigger,
            UUID4::new(),
            ts,
            None,
        );
        self.engine(order.instrument_id())?
            .process_modify(&cmd, account_id);
        self.sweep_contingencies()
    }

    /// Cancels the open siblings of OCO/OUO orders that closed (the standalone engine does not
    /// always do it: see the notes on OUO).
    pub fn sweep_contingencies(&mut self) -> OpResult<()> {
        loop {
            let touched: Vec<ClientOrderId> = self
                .applier
                .changes
                .borrow()
                .orders
                .iter()
                .copied()
                .collect();
            let mut to_cancel = Vec::new();
            for id in touched {
                let Some(o) = self.order(&id) else { continue };
                if !o.is_closed()
                    || !matches!(
                        o.contingency_type(),
                        Some(ContingencyType::Oco | ContingencyType::Ouo)
                    )
                {
                    continue;
                }
                if o.filled_qty().is_zero()
                    && !matches!(
                        o.status(),
                        nautilus_model::enums::OrderStatus::Canceled
                            | nautilus_model::enums::OrderStatus::Expired
                    )
                {
                    continue;
                }
                for sib in o.linked_order_ids().unwrap_or_default() {
                    if let Some(s) = self.order(sib)
                        && s.is_open()
                        && !matches!(
                            s.status(),
                            nautilus_model::enums::OrderStatus::PendingCancel
                        )
                    {
                        to_cancel.push(s);
                    }
                }
            }
            if to_cancel.is_empty() {
                return Ok(());
            }
            for s in to_cancel {
                self.cancel(&s)?;
            }
        }
    }
}
