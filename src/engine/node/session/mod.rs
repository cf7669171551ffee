//! One command's unit of work: a write transaction, the node's state loaded into Nautilus
//! objects, the command, and the journal entries and derived rows written before commit.
//!
//! Here: the session's types and how it begins and loads (or takes over the warm state of the
//! last session). The rest of its methods by seam: [`engines`] (paper matching engines),
//! [`commands`] (orders), [`market_data`] (quotes, depth, trades, bars, the clock) and
//! [`commit`] (the journal and derived rows written, the warm state kept).

mod commands;
mod commit;
mod engines;
mod market_data;

use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet, HashMap},
    rc::Rc,
};

use nautilus_common::clock::Clock;
use nautilus_core::UnixNanos;
use nautilus_execution::matching_engine::engine::OrderMatchingEngine;
use nautilus_model::{
    accounts::{AccountAny, CashAccount, MarginAccount},
    data::{QuoteTick, TradeTick},
    enums::{AccountType, OmsType},
    events::AccountState,
    identifiers::{AccountId, ClientOrderId, InstrumentId, PositionId, Venue},
    instruments::InstrumentAny,
    orders::{Order, OrderAny},
    position::Position,
    types::Price,
};
use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    super::venues::Outbound,
    apply::Applier,
    depth::DepthSnapshot,
    settings::{NodeConfig, PaperSettings, VenueMode, trading_state},
    world::World,
};
use crate::{
    error::{Code, OpError, OpResult},
    store::{self, Db, node as db},
};

/// A venue as the session sees it.
#[derive(Debug, Clone)]
pub struct VenueCtx {
    pub row: db::VenueRow,
    pub mode: VenueMode,
    pub paper: Option<PaperSettings>,
    pub account_id: AccountId,
    pub commissions: BTreeMap<String, Decimal>,
}

/// The last market data of an instrument.
#[derive(Debug, Clone, Default)]
pub struct Market {
    pub quote: Option<QuoteTick>,
    pub trade: Option<TradeTick>,
    /// The last depth snapshot (an L2 venue's book).
    pub depth: Option<DepthSnapshot>,
    pub ts: i64,
}

impl Market {
    /// The market data a stored row holds.
    pub fn from_row(m: &db::MarketRow) -> OpResult<Self> {
        fn parse<T: serde::de::DeserializeOwned>(
            what: &str,
            v: Option<&str>,
        ) -> OpResult<Option<T>> {
            v.map(serde_json::from_str)
                .transpose()
                .map_err(|e| corrupt(what, e))
        }
        Ok(Self {
            quote: parse("quote", m.quote.as_deref())?,
            trade: parse("trade", m.trade.as_deref())?,
            depth: parse("depth snapshot", m.depth.as_deref())?,
            ts: m.ts,
        })
    }

    /// Whether there is any data.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.quote.is_none() && self.trade.is_none() && self.depth.is_none()
    }

    /// The best guess at the current price: the mid of the depth snapshot when it is the
    /// newest data, else the mid of the quote, else the last trade.
    #[must_use]
    pub fn last_price(&self) -> Option<Price> {
        if let Some(d) = &self.depth
            && let Some(mid) = d.mid()
            && self
                .quote
                .as_ref()
                .is_none_or(|q| d.ts >= q.ts_event.as_u64() as i64)
            && self
                .trade
                .as_ref()
                .is_none_or(|t| d.ts >= t.ts_event.as_u64() as i64)
        {
            return Some(mid);
        }
        match (&self.quote, &self.trade) {
            (Some(q), Some(t)) if t.ts_event > q.ts_event => Some(t.price),
            (Some(q), _) => {
                let mid = (q.bid_price.as_decimal() + q.ask_price.as_decimal()) / Decimal::TWO;
                Price::from_decimal_dp(
                    mid.round_dp(u32::from(q.bid_price.precision)),
                    q.bid_price.precision,
                )
                .ok()
            }
            (None, Some(t)) => Some(t.price),
            (None, None) => None,
        }
    }
}

/// Why an order was refused after it was recorded.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub code: Code,
    pub reason: String,
}

/// A node-level journal entry (initialization, venues, trading state, strategies).
#[derive(Debug, Clone)]
pub struct NodeEvent {
    pub venue: String,
    pub kind: &'static str,
    pub payload: Value,
}

/// The open unit of work.
pub struct Session<'w> {
    pub w: &'w mut World,
    pub node: Option<db::NodeRow>,
    pub config: NodeConfig,
    pub applier: Rc<Applier>,
    pub venues: BTreeMap<Venue, VenueCtx>,
    engines: HashMap<InstrumentId, OrderMatchingEngine>,
    pub market: HashMap<InstrumentId, Market>,
    market_dirty: BTreeSet<InstrumentId>,
    pub node_events: Vec<NodeEvent>,
    /// The day's PnL, kept while a daily loss limit is set.
    pub loss_guard: super::halt::LossGuard,
    /// Requests for real venues, journaled as intents in this session and sent after commit.
    pub outbound: Vec<Outbound>,
    /// How the last modify of this session was carried out (and the replacement's id).
    pub last_modify: Option<(super::orders::ModifyMethod, Option<ClientOrderId>)>,
    market_ts: Option<i64>,
    open: bool,
    /// Whether a rollback would leave the cache as the store has it: false until loading
    /// ends and from the start of a commit (one that fails part-way leaves changes in the
    /// cache that the store does not have). A committed session is kept by `commit` itself.
    reusable: bool,
    /// The store's state when the session began, and how many sessions its loaded state has
    /// served.
    stamp: Stamp,
    sessions: u32,
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> OpError {
    OpError::internal(format!("stored {what} is unreadable: {e}"))
}

/// What identifies the store's state as one connection last saw it: other connections'
/// commits change `data_version`, this connection's writes change `total_changes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    data_version: i64,
    total_changes: u64,
    last_seq: i64,
}

impl Stamp {
    fn read(conn: &Db) -> OpResult<Self> {
        Self::at_seq(conn, db::last_seq(conn)?)
    }

    /// The stamp when the journal's last entry is known to be `last_seq`.
    fn at_seq(conn: &Db, last_seq: i64) -> OpResult<Self> {
        Ok(Self {
            data_version: store::data_version(conn)?,
            total_changes: store::total_changes(conn),
            last_seq,
        })
    }
}

/// After this many sessions the state is loaded afresh, which also drops what the warm cache
/// keeps and a fresh load would not (closed contingent orders, closed orders a real venue's
/// reports were applied to).
const SESSIONS_PER_LOAD: u32 = 1_000;

/// The loaded state a session leaves for the next one on the node thread, so that a command
/// does not reload every open order and rebuild every matching engine. It is used only when
/// nothing has written to the store since (see [`Stamp`]).
pub struct Warm {
    stamp: Stamp,
    sessions: u32,
    applier: Rc<Applier>,
    engines: HashMap<InstrumentId, OrderMatchingEngine>,
    market: HashMap<InstrumentId, Market>,
}

impl std::fmt::Debug for Warm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Warm")
            .field("stamp", &self.stamp)
            .field("sessions", &self.sessions)
            .field("engines", &self.engines.len())
            .finish_non_exhaustive()
    }
}

/// The wall clock, in nanoseconds.
pub fn wall_now() -> i64 {
    chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
}

/// The node's account of a venue from its state: margin accounts get the venue's default
/// leverage, when one is set.
pub(crate) fn node_account(state: AccountState, leverage: Option<Decimal>) -> AccountAny {
    match state.account_type {
        AccountType::Margin => {
            let mut m = MarginAccount::new(state, true);
            if let Some(l) = leverage {
                m.set_default_leverage(l);
            }
            AccountAny::Margin(m)
        }
        _ => AccountAny::Cash(CashAccount::new(state, true, false)),
    }
}

impl<'w> Session<'w> {
    /// Opens a write transaction and loads the node's state (or takes it over from the last
    /// session when the store has not changed since).
    pub fn begin(w: &'w mut World) -> OpResult<Self> {
        let warm = w.warm.take();
        store::begin_immediate(&w.conn)?;
        let stamp = match Stamp::read(&w.conn) {
            Ok(stamp) => stamp,
            Err(e) => {
                let _ = store::rollback(&w.conn);
                return Err(e);
            }
        };
        let warm = warm.filter(|k| k.stamp == stamp && k.sessions < SESSIONS_PER_LOAD);
        let mut s = Self {
            applier: Rc::new(Applier::new(w.cache.clone(), {
                let c: Rc<RefCell<dyn Clock>> = w.clock.clone();
                c
            })),
            w,
            node: None,
            config: NodeConfig::default(),
            venues: BTreeMap::new(),
            engines: HashMap::new(),
            market: HashMap::new(),
            market_dirty: BTreeSet::new(),
            node_events: Vec::new(),
            loss_guard: super::halt::LossGuard::default(),
            outbound: Vec::new(),
            last_modify: None,
            market_ts: None,
            open: true,
            reusable: false,
            stamp,
            sessions: 0,
        };
        s.load(warm)?;
        s.reusable = true;
        if s.daily_loss_limit().is_some() {
            s.loss_guard = super::halt::LossGuard::load(&s.w.conn)?;
            let now = s.now().as_u64() as i64;
            s.roll_loss_day(now);
        }
        Ok(s)
    }

    /// Starts the daily loss guard's new day when `now` is in another day (the guard reads the
    /// session, so it is taken out while it rolls).
    pub(super) fn roll_loss_day(&mut self, now: i64) {
        let mut guard = std::mem::take(&mut self.loss_guard);
        guard.roll(self, now);
        self.loss_guard = guard;
    }

    /// The store, inside this session's transaction.
    #[must_use]
    pub fn db(&self) -> &Db {
        &self.w.conn
    }

    /// The daily loss limit in force, if any.
    #[must_use]
    pub fn daily_loss_limit(&self) -> Option<Decimal> {
        self.config
            .effective_risk(&self.w.settings.file.risk)
            .daily_loss_limit
    }

    /// After market data moved prices or filled orders: enforce the daily loss limit.
    fn after_market_step(&mut self) -> OpResult<()> {
        if self.daily_loss_limit().is_some() {
            super::halt::enforce_daily_loss(self)?;
        }
        Ok(())
    }

    fn load(&mut self, warm: Option<Warm>) -> OpResult<()> {
        let cold = match warm {
            Some(k) => {
                k.applier.changes.take();
                k.applier.suppress.set(false);
                self.applier = k.applier;
                self.engines = k.engines;
                self.market = k.market;
                self.sessions = k.sessions;
                false
            }
            None => {
                self.w.cache.borrow_mut().reset();
                true
            }
        };
        self.applier.oms.borrow_mut().clear();
        self.applier.reported_balances.borrow_mut().clear();
        self.node = db::node(&self.w.conn)?;
        if let Some(n) = &self.node {
            self.config =
                serde_json::from_str(&n.config).map_err(|e| corrupt("node settings", e))?;
            self.market_ts = n.market_ts;
        }
        let now = self.market_ts.unwrap_or_else(wall_now);
        self.w.set_time(UnixNanos::from(now.max(0) as u64));

        for row in db::venues(&self.w.conn)? {
            let venue = Venue::from(row.name.as_str());
            let mode = VenueMode::parse(&row.mode)?;
            let paper: Option<PaperSettings> = if mode == VenueMode::Paper {
                Some(
                    serde_json::from_str(&row.settings)
                        .map_err(|e| corrupt("venue settings", e))?,
                )
            } else {
                None
            };
            let account_id = AccountId::from(row.account_id.as_str());
            let mut commissions = BTreeMap::new();
            if let Some(acc) = db::account(&self.w.conn, &row.name)? {
                commissions = serde_json::from_str(&acc.commissions)
                    .map_err(|e| corrupt("commissions", e))?;
                // A warm cache's account is the stored one, with what a state does not carry:
                // the balance each instrument's open orders lock.
                if cold || self.w.cache.borrow().account(&account_id).is_none() {
                    let state: AccountState = crate::data::currencies::from_stored_json(&acc.state)
                        .map_err(|e| corrupt("account", e))?;
                    let account = node_account(state, paper.as_ref().and_then(|p| p.leverage));
                    self.w
                        .cache
                        .borrow_mut()
                        .add_account(account)
                        .map_err(OpError::internal)?;
                }
            }
            match &paper {
                Some(p) => {
                    self.applier.oms.borrow_mut().insert(venue, p.oms_type());
                }
                None => {
                    self.applier
                        .oms
                        .borrow_mut()
                        .insert(venue, OmsType::Netting);
                    self.applier.reported_balances.borrow_mut().insert(venue);
                }
            }
            self.venues.insert(
                venue,
                VenueCtx {
                    row,
                    mode,
                    paper,
                    account_id,
                    commissions,
                },
            );
        }

        if cold {
            self.load_orders_and_market()?;
        }
        let state = self
            .node
            .as_ref()
            .map_or(nautilus_model::enums::TradingState::Active, |n| {
                trading_state(&n.trading_state)
            });
        if self.w.risk.trading_state() != state {
            self.w.risk.set_trading_state(state);
        }
        let portfolio = self.w.risk.portfolio_mut();
        portfolio.reset();
        if cold {
            // Each instrument's locked balance, from its open orders.
            portfolio.initialize_orders();
        }
        portfolio.initialize_positions();
        Ok(())
    }

    /// Loads the last market data, the live orders (with their contingent relatives) and the
    /// open positions of every venue into the cache.
    fn load_orders_and_market(&mut self) -> OpResult<()> {
        let venues: Vec<Venue> = self.venues.keys().copied().collect();
        for venue in venues {
            let name = venue.to_string();
            for m in db::market(&self.w.conn, Some(&name))? {
                let market = Market::from_row(&m)?;
                let id = InstrumentId::from(m.instrument_id.as_str());
                self.ensure_instrument(id)?;
                if let Some(q) = market.quote {
                    let _ = self.w.cache.borrow_mut().add_quote(q);
                }
                if let Some(t) = market.trade {
                    let _ = self.w.cache.borrow_mut().add_trade(t);
                }
                self.market.insert(id, market);
            }
            let mut related: BTreeSet<ClientOrderId> = BTreeSet::new();
            for row in db::live_orders(&self.w.conn, &name)? {
                let order: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                    .map_err(|e| corrupt("order", e))?;
                self.ensure_instrument(order.instrument_id())?;
                related.extend(order.parent_order_id());
                related.extend(order.linked_order_ids().unwrap_or_default().iter().copied());
                // A hedging venue's order sent to close a position names it.
                let position_id = order.position_id();
                self.w
                    .cache
                    .borrow_mut()
                    .add_order(order, position_id, None, false)
                    .map_err(OpError::internal)?;
            }
            // The engine looks up the parent and siblings of contingent orders, closed or not.
            for id in related {
                if self.w.cache.borrow().order_exists(&id) {
                    continue;
                }
                if let Some(row) = db::order(&self.w.conn, id.as_str())? {
                    let order: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                        .map_err(|e| corrupt("order", e))?;
                    self.w
                        .cache
                        .borrow_mut()
                        .add_order(order, None, None, false)
                        .map_err(OpError::internal)?;
                }
            }
            let oms = self.venues[&venue]
                .paper
                .as_ref()
                .map_or(OmsType::Netting, PaperSettings::oms_type);
            for row in db::positions(&self.w.conn, Some(&name), true)? {
                let position: Position = crate::data::currencies::from_stored_json_fast(&row.body)
                    .map_err(|e| corrupt("position", e))?;
                self.ensure_instrument(position.instrument_id)?;
                self.w
                    .cache
                    .borrow_mut()
                    .add_position(&position, oms)
                    .map_err(OpError::internal)?;
            }
        }
        self.w.cache.borrow_mut().build_index();
        for (venue, ctx) in &self.venues {
            if ctx.paper.as_ref().map(PaperSettings::oms_type) == Some(OmsType::Hedging) {
                self.index_exits_of_filled_entries(*venue);
            }
        }
        Ok(())
    }

    /// Hedging: the live exits of an entry that filled close the entry's position (the
    /// matching engine looks the position up by the exit's client order id).
    fn index_exits_of_filled_entries(&self, venue: Venue) {
        let mut cache = self.w.cache.borrow_mut();
        let exits: Vec<(
            ClientOrderId,
            PositionId,
            nautilus_model::identifiers::StrategyId,
        )> = cache
            .orders_open(Some(&venue), None, None, None, None)
            .iter()
            .filter(|o| o.position_id().is_none())
            .filter_map(|o| {
                let parent = cache.order(&o.parent_order_id()?)?.position_id()?;
                Some((o.client_order_id(), parent, o.strategy_id()))
            })
            .collect();
        for (exit, position_id, strategy_id) in exits {
            let _ = cache.add_position_id(&position_id, &venue, &exit, &strategy_id);
        }
    }

    /// Loads an instrument definition (with the venue's fee overrides) into the cache.
    pub fn ensure_instrument(&mut self, id: InstrumentId) -> OpResult<InstrumentAny> {
        if let Some(i) = self.applier.instruments.borrow().get(&id) {
            return Ok(i.clone());
        }
        let known = store::instruments::require(&self.w.conn, "instrument_id", &id.to_string())?;
        let mut def = known.def;
        if let Some(p) = self.venues.get(&id.venue).and_then(|v| v.paper.as_ref()) {
            p.apply_fees(&mut def);
        }
        let instrument = def.to_nautilus()?;
        self.w
            .cache
            .borrow_mut()
            .add_instrument(instrument.clone())
            .map_err(OpError::internal)?;
        self.applier
            .instruments
            .borrow_mut()
            .insert(id, instrument.clone());
        Ok(instrument)
    }

    /// The node, or a client error saying how to create one.
    pub fn require_node(&self) -> OpResult<&db::NodeRow> {
        self.node.as_ref().ok_or_else(|| {
            OpError::state("the trading node is not initialized: run `node init` (initialize_trading_node) first")
        })
    }

    /// A connected venue, or a client error naming the venue.
    pub fn require_venue(&self, venue: Venue) -> OpResult<&VenueCtx> {
        self.require_node()?;
        self.venues.get(&venue).ok_or_else(|| {
            let connected: Vec<String> = self.venues.keys().map(ToString::to_string).collect();
            OpError::state(format!(
                "venue {venue} is not connected (connected: {}); connect it with `venue connect {venue}` (connect_venue)",
                if connected.is_empty() { "none".into() } else { connected.join(", ") }
            ))
        })
    }

    /// The paper market's current time.
    #[must_use]
    pub fn now(&self) -> UnixNanos {
        self.w.now()
    }

    /// The market time after this session (the latest data processed).
    #[must_use]
    pub fn market_ts(&self) -> Option<i64> {
        self.market_ts
    }

    /// Positions of the cache (open and flat) for a venue.
    #[must_use]
    pub fn positions(&self, venue: Venue) -> Vec<Position> {
        self.w
            .cache
            .borrow()
            .positions(Some(&venue), None, None, None, None)
            .iter()
            .map(|p| p.cloned())
            .collect()
    }

    /// A position id's current state.
    #[must_use]
    pub fn position(&self, id: &PositionId) -> Option<Position> {
        self.w.cache.borrow().position(id).map(|p| p.clone())
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        if self.open {
            // A session that only read leaves its state as loaded, still the store's.
            let keep = !std::thread::panicking() && self.changed_nothing();
            let _ = store::rollback(&self.w.conn);
            if keep {
                self.keep_warm(self.stamp);
            }
        }
    }
}

/// The derived row of an order.
pub fn order_row(o: &OrderAny, seq: i64) -> OpResult<db::OrderRow> {
    let reason = super::views::refusal(o).map(|(_, reason)| reason);
    Ok(db::OrderRow {
        client_order_id: o.client_order_id().to_string(),
        venue: o.instrument_id().venue.to_string(),
        instrument_id: o.instrument_id().to_string(),
        strategy_id: o.strategy_id().to_string(),
        status: o.status().to_string(),
        is_closed: o.is_closed(),
        side: o.order_side().to_string(),
        order_type: o.order_type().to_string(),
        created_ts: o.ts_init().as_u64() as i64,
        updated_ts: o.ts_last().as_u64() as i64,
        reason,
        body: serde_json::to_string(o).map_err(OpError::internal)?,
        last_seq: seq,
    })
}
