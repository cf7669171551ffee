//! Applies the matching engine's order events the way Nautilus's execution engine and
//! portfolio would: to the cached order, the position, the account; and records each change
//! for the journal.

use std::{
    cell::{Cell, RefCell},
    collections::{BTreeMap, BTreeSet, HashMap},
    rc::Rc,
};

use nautilus_common::{cache::Cache, clock::Clock};
use nautilus_core::{UUID4, UnixNanos};
use nautilus_model::{
    accounts::AccountAny,
    enums::{LiquiditySide, OmsType},
    events::{
        AccountState, OrderEventAny, OrderFilled, PositionChanged, PositionClosed, PositionOpened,
    },
    identifiers::{AccountId, ClientOrderId, InstrumentId, PositionId, Venue},
    instruments::InstrumentAny,
    orders::{Order, OrderAny},
    position::Position,
    types::{AccountBalance, Money, Quantity},
};
use nautilus_portfolio::manager::AccountsManager;
use rust_decimal::Decimal;

/// One journal entry produced by a command.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // Short-lived; boxing would only add allocations.
pub enum Recorded {
    Order(OrderEventAny),
    Account(AccountState),
    Position(PositionRecord),
}

/// A position event, journaled as Nautilus's own event (`{"Opened": {...}}` and so on).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum PositionRecord {
    Opened(PositionOpened),
    Changed(PositionChanged),
    Closed(PositionClosed),
}

impl PositionRecord {
    /// The event a fill makes of the position it was applied to (`opened` when it began it).
    fn of(position: &Position, fill: &OrderFilled, opened: bool, ts_init: UnixNanos) -> Self {
        let id = UUID4::new();
        if opened {
            Self::Opened(PositionOpened::create(position, fill, id, ts_init))
        } else if position.is_closed() {
            Self::Closed(PositionClosed::create(position, fill, id, ts_init))
        } else {
            Self::Changed(PositionChanged::create(position, fill, id, ts_init))
        }
    }

    /// When the fill behind the event happened.
    #[must_use]
    pub fn ts_event(&self) -> UnixNanos {
        match self {
            Self::Opened(e) => e.ts_event,
            Self::Changed(e) => e.ts_event,
            Self::Closed(e) => e.ts_event,
        }
    }

    /// The position's instrument.
    #[must_use]
    pub fn instrument_id(&self) -> InstrumentId {
        match self {
            Self::Opened(e) => e.instrument_id,
            Self::Changed(e) => e.instrument_id,
            Self::Closed(e) => e.instrument_id,
        }
    }

    /// The order whose fill made the event.
    #[must_use]
    pub fn client_order_id(&self) -> ClientOrderId {
        match self {
            Self::Opened(e) => e.opening_order_id,
            Self::Changed(e) => e.opening_order_id,
            Self::Closed(e) => e.closing_order_id.unwrap_or(e.opening_order_id),
        }
    }

    /// What two records of the same event share, whoever made them (not ids or init times):
    /// kind, position, side, quantity, entry price and realized PnL.
    #[must_use]
    pub fn summary(&self) -> String {
        let (kind, id, side, qty, avg, pnl) = match self {
            Self::Opened(e) => (
                "opened",
                e.position_id,
                e.side,
                e.quantity,
                e.avg_px_open,
                None,
            ),
            Self::Changed(e) => (
                "changed",
                e.position_id,
                e.side,
                e.quantity,
                e.avg_px_open,
                e.realized_pnl,
            ),
            Self::Closed(e) => (
                "closed",
                e.position_id,
                e.side,
                e.quantity,
                e.avg_px_open,
                e.realized_pnl,
            ),
        };
        let pnl = pnl.map_or_else(|| "-".to_string(), |m| m.to_string());
        format!("{kind} {id} {side} {qty} @ {avg} pnl {pnl}")
    }
}

/// What a command changed, in order.
#[derive(Debug, Default)]
pub struct Changes {
    pub entries: Vec<(Venue, Recorded)>,
    pub orders: BTreeSet<ClientOrderId>,
    pub positions: BTreeSet<PositionId>,
    pub accounts: BTreeSet<Venue>,
    /// Commissions paid in this command, per venue and currency.
    pub commissions: BTreeMap<(Venue, String), Decimal>,
    /// Position cycles closed in this command, in order (for the daily loss limit).
    pub closed: Vec<PositionId>,
}

/// The shared state the engine's event handler works on.
pub struct Applier {
    pub cache: Rc<RefCell<Cache>>,
    accounts: AccountsManager,
    pub instruments: RefCell<HashMap<InstrumentId, InstrumentAny>>,
    pub oms: RefCell<HashMap<Venue, OmsType>>,
    pub changes: RefCell<Changes>,
    /// Set while reloading orders into a fresh engine: the engine re-emits events we already
    /// have.
    pub suppress: Cell<bool>,
    /// Real venues: their balances are what the venue reports (account states), never
    /// computed here from fills.
    pub reported_balances: RefCell<BTreeSet<Venue>>,
}

impl Applier {
    /// An applier over the cache.
    #[must_use]
    pub fn new(cache: Rc<RefCell<Cache>>, clock: Rc<RefCell<dyn Clock>>) -> Self {
        Self {
            accounts: AccountsManager::new(clock, cache.clone()),
            cache,
            instruments: RefCell::new(HashMap::new()),
            oms: RefCell::new(HashMap::new()),
            changes: RefCell::new(Changes::default()),
            suppress: Cell::new(false),
            reported_balances: RefCell::new(BTreeSet::new()),
        }
    }

    fn instrument(&self, id: &InstrumentId) -> Option<InstrumentAny> {
        self.instruments.borrow().get(id).cloned()
    }

    fn record(&self, venue: Venue, r: Recorded) {
        let mut ch = self.changes.borrow_mut();
        match &r {
            Recorded::Order(e) => {
                ch.orders.insert(e.client_order_id());
            }
            Recorded::Account(_) => {
                ch.accounts.insert(venue);
            }
            Recorded::Position(_) => {}
        }
        ch.entries.push((venue, r));
    }

    /// Handles one event from a matching engine (or generated by the node); false when the
    /// event does not apply to the cached order (it is then not journaled).
    pub fn apply(&self, event: OrderEventAny) -> bool {
        if self.suppress.get() {
            return false;
        }
        let mut event = event;
        let venue = event.instrument_id().venue;
        if let OrderEventAny::Filled(fill) = &mut event {
            self.patch_fill(fill);
        }
        let order = match self.cache.borrow_mut().update_order(&event) {
            Ok(o) => o,
            Err(e) => {
                tracing::debug!(event = ?event.event_type(), error = %e, "event not applicable, not journaled");
                return false;
            }
        };
        if matches!(event, OrderEventAny::Accepted(_))
            && !matches!(
                order.liquidity_side(),
                Some(LiquiditySide::Maker | LiquiditySide::Taker)
            )
            && let Some(mut cached) = self.cache.borrow_mut().order_mut(&order.client_order_id())
        {
            cached.set_liquidity_side(LiquiditySide::Maker);
        }
        self.record(venue, Recorded::Order(event.clone()));
        if let OrderEventAny::Filled(fill) = &event {
            self.on_fill(*fill);
        }
        if matches!(
            event,
            OrderEventAny::Accepted(_)
                | OrderEventAny::Canceled(_)
                | OrderEventAny::Updated(_)
                | OrderEventAny::Filled(_)
                | OrderEventAny::Expired(_)
                | OrderEventAny::Rejected(_)
                | OrderEventAny::Triggered(_)
        ) && !self.reported_balances.borrow().contains(&venue)
        {
            self.update_locked(order.instrument_id(), order.account_id(), event.ts_event());
        }
        true
    }

    /// Sets the position id the execution engine would, and clamps a fill to what is left of
    /// the order (an order reloaded into a new engine could otherwise be overfilled).
    fn patch_fill(&self, fill: &mut OrderFilled) {
        let oms = self
            .oms
            .borrow()
            .get(&fill.instrument_id.venue)
            .copied()
            .unwrap_or(OmsType::Netting);
        if oms == OmsType::Netting {
            fill.position_id = Some(PositionId::new(format!(
                "{}-{}",
                fill.instrument_id, fill.strategy_id
            )));
        } else if fill.position_id.is_none() {
            // Hedging: the position the order was sent to close, else a new one.
            let indexed = self
                .cache
                .borrow()
                .position_id(&fill.client_order_id)
                .copied();
            fill.position_id =
                Some(indexed.unwrap_or_else(|| PositionId::new(UUID4::new().to_string())));
        }
        let leaves = self
            .cache
            .borrow()
            .order(&fill.client_order_id)
            .map(|o| o.leaves_qty());
        if let Some(leaves) = leaves
            && leaves.is_positive()
            && fill.last_qty > leaves
        {
            let ratio = leaves.as_decimal() / fill.last_qty.as_decimal();
            fill.commission = fill
                .commission
                .map(|c| Money::from_decimal(c.as_decimal() * ratio, c.currency).unwrap_or(c));
            fill.last_qty = leaves;
        }
    }

    fn account(&self, id: &AccountId) -> Option<AccountAny> {
        self.cache.borrow().account_owned(id)
    }

    fn on_fill(&self, fill: OrderFilled) {
        let venue = fill.instrument_id.venue;
        let Some(instrument) = self.instrument(&fill.instrument_id) else {
            return;
        };
        if let Some(c) = fill.commission {
            *self
                .changes
                .borrow_mut()
                .commissions
                .entry((venue, c.currency.code.to_string()))
                .or_default() += c.as_decimal();
        }
        // Balances first: a margin account's realized PnL is measured against the position as
        // it was before this fill. A real venue reports its balances itself.
        let reported = self.reported_balances.borrow().contains(&venue);
        if !reported && let Some(account) = self.account(&fill.account_id) {
            let (account, state) = self.accounts.update_balances(account, &instrument, fill);
            self.store_account(account, state, venue);
        }
        self.update_position(&instrument, fill);
        self.index_exits(&fill);
        if let Some(AccountAny::Margin(mut margin)) = self.account(&fill.account_id) {
            let positions: Vec<Position> = self
                .cache
                .borrow()
                .positions_open(
                    None,
                    Some(&fill.instrument_id),
                    None,
                    Some(&fill.account_id),
                    None,
                )
                .iter()
                .map(|p| p.cloned())
                .collect();
            let refs: Vec<&Position> = positions.iter().collect();
            if let Some(state) = self.accounts.update_positions_in_place(
                &mut margin,
                &instrument,
                refs,
                fill.ts_event,
            ) {
                self.store_account(AccountAny::Margin(margin), state, venue);
            }
        }
    }

    /// Hedging: the exits of an entry that filled (its bracket children) close the entry's
    /// position, as Nautilus's matching engine indexes them.
    fn index_exits(&self, fill: &OrderFilled) {
        let hedging = self.oms.borrow().get(&fill.instrument_id.venue) == Some(&OmsType::Hedging);
        let Some(position_id) = fill.position_id.filter(|_| hedging) else {
            return;
        };
        let mut cache = self.cache.borrow_mut();
        let children: Vec<ClientOrderId> = cache
            .order(&fill.client_order_id)
            .and_then(|o| o.linked_order_ids().map(<[_]>::to_vec))
            .unwrap_or_default()
            .into_iter()
            .filter(|c| {
                cache.position_id(c).is_none()
                    && cache
                        .order(c)
                        .is_some_and(|o| o.parent_order_id() == Some(fill.client_order_id))
            })
            .collect();
        for child in children {
            let _ = cache.add_position_id(
                &position_id,
                &fill.instrument_id.venue,
                &child,
                &fill.strategy_id,
            );
        }
    }

    /// Netting: one position per instrument and strategy, split on a flip like
    /// `ExecutionEngine::flip_position`. Hedging: one per venue position id.
    fn update_position(&self, instrument: &InstrumentAny, fill: OrderFilled) {
        let Some(id) = fill.position_id else { return };
        let oms = self
            .oms
            .borrow()
            .get(&fill.instrument_id.venue)
            .copied()
            .unwrap_or(OmsType::Netting);
        let existing = self.cache.borrow().position_owned(&id);
        let mut touched = vec![id];
        match existing {
            Some(mut pos) if pos.is_open() => {
                if pos.is_opposite_side(fill.order_side) && fill.last_qty > pos.quantity {
                    let closing = pos.quantity;
                    let ratio = closing.as_decimal() / fill.last_qty.as_decimal();
                    let c1 = fill.commission.map(|c| {
                        Money::from_decimal(c.as_decimal() * ratio, c.currency).unwrap_or(c)
                    });
                    let (mut f1, mut f2) = (fill, fill);
                    f1.last_qty = closing;
                    f1.commission = c1;
                    f2.last_qty = Quantity::from_raw(
                        fill.last_qty.raw - closing.raw,
                        fill.last_qty.precision,
                    );
                    f2.commission = fill.commission.zip(c1).map(|(c, c1)| c - c1);
                    if oms == OmsType::Hedging {
                        // The flipped remainder is a new position, named as Nautilus names
                        // flipped ones.
                        f2.position_id = Some(PositionId::new(format!("{id}F")));
                        touched.push(PositionId::new(format!("{id}F")));
                    }
                    pos.apply(&f1);
                    self.record_position(&pos, &f1, false);
                    let closed_id = self.archive_closed(&pos, oms);
                    touched.push(closed_id);
                    let reopened = Position::new(instrument, f2);
                    self.record_position(&reopened, &f2, true);
                    let _ = self.cache.borrow_mut().add_position(&reopened, oms);
                } else {
                    pos.apply(&fill);
                    self.record_position(&pos, &fill, false);
                    let _ = self.cache.borrow_mut().update_position(&pos);
                    if pos.is_closed() {
                        touched.push(self.archive_closed(&pos, oms));
                    }
                }
            }
            _ => {
                let pos = Position::new(instrument, fill);
                self.record_position(&pos, &fill, true);
                let _ = self.cache.borrow_mut().add_position(&pos, oms);
            }
        }
        self.changes.borrow_mut().positions.extend(touched);
    }

    fn record_position(&self, position: &Position, fill: &OrderFilled, opened: bool) {
        let record = PositionRecord::of(position, fill, opened, fill.ts_init);
        self.record(fill.instrument_id.venue, Recorded::Position(record));
    }

    /// A closed netting position keeps its id for the next cycle; the closed cycle is stored
    /// under `<id>#<open time>` so that every round trip stays on record.
    fn archive_closed(&self, pos: &Position, oms: OmsType) -> PositionId {
        if oms != OmsType::Netting {
            let _ = self.cache.borrow_mut().update_position(pos);
            self.changes.borrow_mut().closed.push(pos.id);
            return pos.id;
        }
        let mut archived = pos.clone();
        archived.id = PositionId::new(format!("{}#{}", pos.id, pos.ts_opened.as_u64()));
        let mut cache = self.cache.borrow_mut();
        let _ = cache.add_position(&archived, oms);
        // The live id is free until the next fill reopens it (its row is deleted at commit).
        let _ = cache.update_position(pos);
        cache.purge_position(pos.id);
        self.changes.borrow_mut().closed.push(archived.id);
        archived.id
    }

    /// Applies an account state a venue reported (every balance, or only the changed ones
    /// when `complete` is false), caches it and records it.
    pub fn apply_reported_account(&self, venue: Venue, state: AccountState, complete: bool) {
        let Some(account) = self.account(&state.account_id) else {
            tracing::debug!(%venue, "account state for an account the node does not have");
            return;
        };
        let mut state = state;
        if let Some(last) = account.last_event() {
            if complete {
                // A currency the venue no longer lists went to zero.
                for old in &last.balances {
                    if !state.balances.iter().any(|b| b.currency == old.currency) {
                        let zero = Money::new(0.0, old.currency);
                        state.balances.push(AccountBalance::new(zero, zero, zero));
                    }
                }
            } else {
                let mut balances = last.balances.clone();
                for b in &state.balances {
                    match balances.iter_mut().find(|x| x.currency == b.currency) {
                        Some(x) => *x = *b,
                        None => balances.push(*b),
                    }
                }
                state.balances = balances;
            }
        }
        state.is_reported = true;
        self.store_account(account, state, venue);
    }

    /// Applies a new account state to the account (the accounts manager computes it but, outside
    /// a full node, nobody applies it), caches it and records it.
    fn store_account(&self, mut account: AccountAny, state: AccountState, venue: Venue) {
        if let Err(e) = account.apply(state.clone()) {
            tracing::error!(error = %e, "account state not applicable");
        }
        let _ = self.cache.borrow_mut().update_account(&account);
        self.record(venue, Recorded::Account(state));
    }

    /// Recomputes locked balances (cash) or initial margins (margin) from the open orders.
    fn update_locked(
        &self,
        instrument_id: InstrumentId,
        account_id: Option<AccountId>,
        ts: UnixNanos,
    ) {
        let (Some(instrument), Some(account_id)) = (self.instrument(&instrument_id), account_id)
        else {
            return;
        };
        let Some(mut account) = self.account(&account_id) else {
            return;
        };
        // Borrowed, not cloned: this runs on every order event, over every open order.
        let state = {
            let cache = self.cache.borrow();
            let open = cache.orders_open(None, Some(&instrument_id), None, None, None);
            let refs: Vec<&OrderAny> = open.iter().map(|o| &**o).collect();
            self.accounts
                .update_orders_in_place(&mut account, &instrument, &refs, ts)
        };
        if let Some(state) = state {
            self.store_account(account, state, instrument_id.venue);
        }
    }
}
