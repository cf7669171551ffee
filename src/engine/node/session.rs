//! One command's unit of work: a write transaction, the node's state loaded into Nautilus
//! objects, the command, and the journal entries and derived rows written before commit.

use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet, HashMap},
    rc::Rc,
};

use nautilus_common::{
    clock::Clock,
    factories::OrderEventFactory,
    messages::execution::{CancelOrder, ModifyOrder, SubmitOrder, TradingCommand},
};
use nautilus_core::{UUID4, UnixNanos};
use nautilus_execution::{
    matching_engine::{config::OrderMatchingEngineConfig, engine::OrderMatchingEngine},
    models::{
        fee::{FeeModelAny, MakerTakerFeeModel},
        fill::FillModelAny,
    },
};
use nautilus_model::{
    accounts::{AccountAny, CashAccount, MarginAccount},
    data::{Bar, QuoteTick, TradeTick},
    enums::{AccountType, ContingencyType, LiquiditySide, OmsType},
    events::{AccountState, OrderEventAny, OrderPendingCancel, OrderPendingUpdate},
    identifiers::{AccountId, ClientOrderId, InstrumentId, PositionId, Venue},
    instruments::InstrumentAny,
    orders::{Order, OrderAny},
    position::Position,
    types::{Price, Quantity},
};
use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    super::venues::Outbound,
    apply::{Applier, Recorded},
    depth::DepthSnapshot,
    settings::{NodeConfig, PaperSettings, VenueMode, trading_state},
    world::{Verdict, World},
};
use crate::{
    ops::error::{Code, OpError, OpResult},
    store::{self, node as db},
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

/// The `raw_id` of a matching engine: distinct for every engine of a command and for every
/// command that can have filled an order (each such command grew the journal).
fn engine_raw_id(journal_seq: i64, index: usize) -> u32 {
    let mixed = ((journal_seq as u64) << 16).wrapping_add(index as u64 + 1);
    (mixed ^ (mixed >> 32)) as u32
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
    fn read(conn: &rusqlite::Connection) -> OpResult<Self> {
        Self::at_seq(conn, db::last_seq(conn)?)
    }

    /// The stamp when the journal's last entry is known to be `last_seq`.
    fn at_seq(conn: &rusqlite::Connection, last_seq: i64) -> OpResult<Self> {
        Ok(Self {
            data_version: conn.query_row("PRAGMA data_version", [], |r| r.get(0))?,
            total_changes: conn.total_changes(),
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
pub(super) fn wall_now() -> i64 {
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
        w.conn.execute_batch("BEGIN IMMEDIATE")?;
        let stamp = match Stamp::read(&w.conn) {
            Ok(stamp) => stamp,
            Err(e) => {
                let _ = w.conn.execute_batch("ROLLBACK");
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

    fn set_data_time(&mut self, ts: i64) {
        let ts = ts.max(self.market_ts.unwrap_or(i64::MIN));
        if self.daily_loss_limit().is_some() {
            // A new day's baseline is taken before its first data moves any price.
            self.roll_loss_day(ts);
        }
        self.market_ts = Some(ts);
        self.w.set_time(UnixNanos::from(ts.max(0) as u64));
    }

    /// The matching engine of an instrument, created on first use with the book seeded from
    /// the last market data and the live orders reloaded.
    pub fn engine(&mut self, id: InstrumentId) -> OpResult<&mut OrderMatchingEngine> {
        if !self.engines.contains_key(&id) {
            let engine = self.build_engine(id)?;
            self.engines.insert(id, engine);
        }
        Ok(self.engines.get_mut(&id).expect("inserted"))
    }

    fn build_engine(&mut self, id: InstrumentId) -> OpResult<OrderMatchingEngine> {
        let instrument = self.ensure_instrument(id)?;
        let ctx = self.require_venue(id.venue)?.clone();
        let paper = ctx
            .paper
            .clone()
            .ok_or_else(|| OpError::state(format!("{} is not a paper venue", id.venue)))?;
        // Nautilus derives trade ids from (venue, raw_id, time, a counter from 1): engines of
        // successive commands at the same market time would repeat them, and a position refuses
        // a fill whose trade id it holds. The journal's length makes each command's ids new.
        // The journal grows only at commit: its length is the one read when the session began.
        let raw_id = engine_raw_id(self.stamp.last_seq, self.engines.len());
        let l2 = paper.book_type() == nautilus_model::enums::BookType::L2_MBP;
        let clock: Rc<RefCell<dyn Clock>> = self.w.clock.clone();
        let mut engine = OrderMatchingEngine::new(
            instrument,
            raw_id,
            FillModelAny::default(),
            FeeModelAny::MakerTaker(MakerTakerFeeModel),
            paper.book_type(),
            paper.oms_type(),
            paper.account_type(),
            clock,
            self.w.cache.clone(),
            OrderMatchingEngineConfig::builder()
                .use_random_ids(true)
                .support_gtd_orders(true)
                .build(),
        );
        let applier = self.applier.clone();
        engine.set_event_handler(Rc::new(move |ev: OrderEventAny| {
            applier.apply(ev);
        }));
        // Seed the book with the last known prices and reload the live orders; the engine
        // re-announces orders it is given, which we already have, so events are suppressed.
        self.applier.suppress.set(true);
        if let Some(m) = self.market.get(&id).cloned() {
            let restore = self.w.now();
            if let Some(q) = &m.quote {
                self.w.set_time(q.ts_event);
                engine.process_quote_tick(q);
            }
            let trade = m
                .trade
                .as_ref()
                .filter(|t| m.quote.as_ref().is_none_or(|q| t.ts_event >= q.ts_event));
            // An L2 book is the last snapshot's; a newer trade then moves the last price (and,
            // as on a live engine, leaves the bid and ask at its price until the book resyncs).
            let depth = m.depth.as_ref().filter(|_| l2);
            if let Some(t) =
                trade.filter(|t| depth.is_some_and(|d| (t.ts_event.as_u64() as i64) < d.ts))
            {
                self.w.set_time(t.ts_event);
                engine.process_trade_tick(t);
            }
            if let Some(d) = depth {
                self.w.set_time(UnixNanos::from(d.ts.max(0) as u64));
                engine
                    .process_order_book_deltas(&d.deltas(id))
                    .map_err(|e| corrupt("depth snapshot", e))?;
            }
            if let Some(t) =
                trade.filter(|t| depth.is_none_or(|d| (t.ts_event.as_u64() as i64) >= d.ts))
            {
                self.w.set_time(t.ts_event);
                engine.process_trade_tick(t);
            }
            if l2 {
                // An L2 engine's bid and ask are its book's once the data is in.
                engine.iterate(
                    self.w.now(),
                    nautilus_model::enums::AggressorSide::NoAggressor,
                );
            }
            self.w.set_time(restore);
        }
        let mut live: Vec<OrderAny> = self
            .w
            .cache
            .borrow()
            .orders(None, Some(&id), None, None, None)
            .iter()
            .filter(|o| o.is_open())
            .map(|o| o.cloned())
            .collect();
        live.sort_by_key(|o| o.ts_init());
        for mut o in live {
            if let Some(mut cached) = self.w.cache.borrow_mut().order_mut(&o.client_order_id())
                && !matches!(
                    cached.liquidity_side(),
                    Some(LiquiditySide::Maker | LiquiditySide::Taker)
                )
            {
                cached.set_liquidity_side(LiquiditySide::Maker);
            }
            engine.process_order(&mut o, ctx.account_id);
        }
        self.applier.suppress.set(false);
        Ok(engine)
    }

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
    pub(super) fn account_of(&self, order: &OrderAny) -> OpResult<AccountId> {
        match order.account_id() {
            Some(a) => Ok(a),
            None => Ok(self.require_venue(order.instrument_id().venue)?.account_id),
        }
    }

    /// Records that a cancel (`update` false) or a change (`update` true) of an order was asked.
    pub(super) fn record_pending(&self, order: &OrderAny, update: bool) -> OpResult<()> {
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

    /// Refuses a market price at which an open position of the instrument would be worth
    /// more than Nautilus's `Money` holds (see [`rules::check_marks`]).
    fn check_marks(&self, field: &str, id: InstrumentId, prices: &[Price]) -> OpResult<()> {
        let positions: Vec<_> = self
            .w
            .cache
            .borrow()
            .positions_open(None, Some(&id), None, None, None)
            .iter()
            .map(|p| {
                (
                    p.id.to_string(),
                    p.quantity.as_decimal(),
                    Decimal::try_from(p.avg_px_open).unwrap_or_default(),
                    p.multiplier.as_decimal(),
                )
            })
            .collect();
        if positions.is_empty() {
            return Ok(());
        }
        prices
            .iter()
            .try_for_each(|px| super::rules::check_marks(field, &positions, *px))
    }

    /// Feeds a quote to the instrument's engine.
    pub fn process_quote(&mut self, q: QuoteTick) -> OpResult<()> {
        self.check_marks("bid", q.instrument_id, &[q.bid_price, q.ask_price])?;
        self.set_data_time(q.ts_event.as_u64() as i64);
        self.engine(q.instrument_id)?.process_quote_tick(&q);
        let _ = self.w.cache.borrow_mut().add_quote(q);
        let m = self.market.entry(q.instrument_id).or_default();
        m.quote = Some(q);
        m.ts = q.ts_event.as_u64() as i64;
        self.market_dirty.insert(q.instrument_id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Whether a venue is a paper venue simulating an L2 book.
    #[must_use]
    pub fn is_l2(&self, venue: Venue) -> bool {
        self.venues
            .get(&venue)
            .and_then(|v| v.paper.as_ref())
            .is_some_and(|p| p.book_type() == nautilus_model::enums::BookType::L2_MBP)
    }

    /// An L2 engine's bid and ask go back to its book's after data that moved them (a trade)
    /// or that it does not iterate on (a bar): expiries and resting orders are checked.
    fn resync_l2(&mut self, id: InstrumentId) -> OpResult<()> {
        if self.is_l2(id.venue) {
            let now = self.w.now();
            self.engine(id)?
                .iterate(now, nautilus_model::enums::AggressorSide::NoAggressor);
        }
        Ok(())
    }

    /// Feeds a depth snapshot to the instrument's engine (an L2 venue's): it replaces the
    /// book, and resting orders fill against it.
    pub fn process_depth(&mut self, id: InstrumentId, d: DepthSnapshot) -> OpResult<()> {
        self.check_marks("bids", id, &d.extreme_prices())?;
        self.set_data_time(d.ts);
        self.engine(id)?
            .process_order_book_deltas(&d.deltas(id))
            .map_err(|e| OpError::internal(format!("applying the depth snapshot: {e}")))?;
        let m = self.market.entry(id).or_default();
        m.ts = d.ts;
        m.depth = Some(d);
        self.market_dirty.insert(id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Feeds a trade to the instrument's engine.
    pub fn process_trade(&mut self, t: TradeTick) -> OpResult<()> {
        self.check_marks("last", t.instrument_id, &[t.price])?;
        self.set_data_time(t.ts_event.as_u64() as i64);
        self.engine(t.instrument_id)?.process_trade_tick(&t);
        self.resync_l2(t.instrument_id)?;
        db::record_market_trade(&self.w.conn, &t)?;
        let _ = self.w.cache.borrow_mut().add_trade(t);
        let m = self.market.entry(t.instrument_id).or_default();
        m.trade = Some(t);
        m.ts = t.ts_event.as_u64() as i64;
        self.market_dirty.insert(t.instrument_id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Feeds a bar to the instrument's engine. A LAST (or MID) bar's close becomes the last
    /// trade price; a BID or ASK bar waits for its partner of the same time, and the pair's
    /// closes become the last quote, as the matching engine pairs them.
    pub fn process_bar(&mut self, bar: &Bar) -> OpResult<()> {
        use crate::ops::market::common::{partner_bar_type, quote_of_bars};
        let id = bar.bar_type.instrument_id();
        self.check_marks("bars", id, &[bar.high, bar.low])?;
        let ts = bar.ts_event.as_u64() as i64;
        self.set_data_time(ts);
        self.engine(id)?.process_bar(bar);
        self.resync_l2(id)?;
        let m = if let Some(partner) = partner_bar_type(bar.bar_type) {
            let mut cache = self.w.cache.borrow_mut();
            let quote = cache.bar(&partner).and_then(|p| quote_of_bars(bar, p));
            let _ = cache.add_bar(*bar);
            let Some(q) = quote else {
                drop(cache);
                return self.sweep_contingencies();
            };
            let _ = cache.add_quote(q);
            let m = self.market.entry(id).or_default();
            m.quote = Some(q);
            m
        } else {
            let last = TradeTick {
                instrument_id: id,
                price: bar.close,
                size: bar.volume,
                aggressor_side: nautilus_model::enums::AggressorSide::NoAggressor,
                trade_id: nautilus_model::identifiers::TradeId::new(format!("BAR-{ts}")),
                ts_event: bar.ts_event,
                ts_init: bar.ts_init,
            };
            let _ = self.w.cache.borrow_mut().add_trade(last);
            let m = self.market.entry(id).or_default();
            m.trade = Some(last);
            m
        };
        m.ts = ts;
        self.market_dirty.insert(id);
        self.sweep_contingencies()?;
        self.after_market_step()
    }

    /// Moves the market clock without data (expires GTD orders that are due).
    pub fn advance_clock(&mut self, ts: i64) -> OpResult<()> {
        self.set_data_time(ts);
        let ids: Vec<InstrumentId> = self.engines.keys().copied().collect();
        let now = self.w.now();
        for id in ids {
            self.engine(id)?
                .iterate(now, nautilus_model::enums::AggressorSide::NoAggressor);
        }
        self.sweep_contingencies()
    }

    /// Instruments with live orders on a venue.
    #[must_use]
    pub fn instruments_with_live_orders(&self, venue: Venue) -> BTreeSet<InstrumentId> {
        self.w
            .cache
            .borrow()
            .orders(Some(&venue), None, None, None, None)
            .iter()
            .filter(|o| !o.is_closed())
            .map(|o| o.instrument_id())
            .collect()
    }

    /// Writes the journal and the derived rows, then commits.
    pub fn commit(mut self) -> OpResult<i64> {
        self.reusable = false;
        // Fills of this command (a market order, say) count towards the day's loss too.
        self.after_market_step()?;
        let changes = std::mem::take(&mut *self.applier.changes.borrow_mut());
        let mut entries = Vec::with_capacity(changes.entries.len() + self.node_events.len());
        for e in &self.node_events {
            entries.push(db::Entry {
                ts: self.w.now().as_u64() as i64,
                venue: e.venue.clone(),
                kind: e.kind,
                client_order_id: None,
                instrument_id: None,
                payload: e.payload.to_string(),
            });
        }
        for (venue, r) in &changes.entries {
            entries.push(match r {
                Recorded::Order(ev) => db::Entry {
                    ts: ev.ts_event().as_u64() as i64,
                    venue: venue.to_string(),
                    kind: "order",
                    client_order_id: Some(ev.client_order_id().to_string()),
                    instrument_id: Some(ev.instrument_id().to_string()),
                    payload: serde_json::to_string(ev).map_err(OpError::internal)?,
                },
                Recorded::Account(state) => db::Entry {
                    ts: state.ts_event.as_u64() as i64,
                    venue: venue.to_string(),
                    kind: "account",
                    client_order_id: None,
                    instrument_id: None,
                    payload: serde_json::to_string(state).map_err(OpError::internal)?,
                },
                Recorded::Position(event) => db::Entry {
                    ts: event.ts_event().as_u64() as i64,
                    venue: venue.to_string(),
                    kind: "position",
                    client_order_id: Some(event.client_order_id().to_string()),
                    instrument_id: Some(event.instrument_id().to_string()),
                    payload: serde_json::to_string(event).map_err(OpError::internal)?,
                },
            });
        }
        let conn = &self.w.conn;
        let seq = if entries.is_empty() {
            db::last_seq(conn)?
        } else {
            db::append(conn, &entries)?
        };
        {
            let cache = self.w.cache.borrow();
            for id in &changes.orders {
                if let Some(o) = cache.order(id) {
                    db::upsert_order(conn, &order_row(&o, seq)?)?;
                }
            }
            for id in &changes.positions {
                let Some(p) = cache.position(id) else {
                    db::delete_position(conn, id.as_str())?;
                    continue;
                };
                {
                    db::upsert_position(
                        conn,
                        &db::PositionRow {
                            position_id: p.id.to_string(),
                            venue: p.instrument_id.venue.to_string(),
                            instrument_id: p.instrument_id.to_string(),
                            is_open: p.is_open(),
                            body: serde_json::to_string(&*p).map_err(OpError::internal)?,
                            last_seq: seq,
                        },
                    )?;
                }
            }
            // A real venue's fills change no balance here (it reports them), but their
            // commissions still count.
            let touched: BTreeSet<Venue> = changes
                .accounts
                .iter()
                .copied()
                .chain(changes.commissions.keys().map(|(v, _)| *v))
                .collect();
            for venue in &touched {
                let Some(ctx) = self.venues.get(venue) else {
                    continue;
                };
                let Some(account) = cache.account(&ctx.account_id) else {
                    continue;
                };
                let Some(state) = account.last_event() else {
                    continue;
                };
                let mut commissions = ctx.commissions.clone();
                for ((v, ccy), amount) in &changes.commissions {
                    if v == venue {
                        *commissions.entry(ccy.clone()).or_default() += *amount;
                    }
                }
                db::upsert_account(
                    conn,
                    &db::AccountRow {
                        venue: venue.to_string(),
                        account_id: ctx.account_id.to_string(),
                        state: serde_json::to_string(&state).map_err(OpError::internal)?,
                        commissions: serde_json::to_string(&commissions)
                            .map_err(OpError::internal)?,
                        last_seq: seq,
                    },
                )?;
            }
        }
        for id in &self.market_dirty {
            let m = &self.market[id];
            db::upsert_market(
                conn,
                &db::MarketRow {
                    instrument_id: id.to_string(),
                    venue: id.venue.to_string(),
                    quote: m
                        .quote
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(OpError::internal)?,
                    trade: m
                        .trade
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(OpError::internal)?,
                    depth: m
                        .depth
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(OpError::internal)?,
                    ts: m.ts,
                },
            )?;
        }
        if self.node.is_some()
            && let Some(ts) = self.market_ts
            && Some(ts) != self.node.as_ref().and_then(|n| n.market_ts)
        {
            db::set_market_ts(conn, ts)?;
        }
        self.loss_guard.save(conn)?;
        // Read inside the transaction: no other connection can commit before ours.
        let stamp = Stamp::at_seq(conn, seq)?;
        conn.execute_batch("COMMIT")?;
        self.open = false;
        if self.node_events.is_empty() {
            self.forget_closed(&changes);
            self.keep_warm(stamp);
        }
        Ok(seq)
    }

    /// Drops from the cache what this session closed and a fresh load would not bring back:
    /// closed orders outside contingencies, flat positions and past account states.
    fn forget_closed(&self, changes: &super::apply::Changes) {
        let mut cache = self.w.cache.borrow_mut();
        // Their last states are stored; each fill would otherwise clone a growing history.
        cache.purge_account_events(self.w.now(), 0);
        let closed_orders: Vec<ClientOrderId> = changes
            .orders
            .iter()
            .filter(|id| {
                cache.order(id).is_some_and(|o| {
                    o.is_closed()
                        && o.parent_order_id().is_none()
                        && o.linked_order_ids().is_none_or(<[_]>::is_empty)
                })
            })
            .copied()
            .collect();
        for id in closed_orders {
            cache.purge_order(id);
        }
        let flat: Vec<PositionId> = changes
            .positions
            .iter()
            .filter(|id| cache.position(id).is_some_and(|p| p.is_closed()))
            .copied()
            .collect();
        for id in flat {
            cache.purge_position(id);
        }
    }

    /// Leaves the loaded state for the next session on this thread.
    fn keep_warm(&mut self, stamp: Stamp) {
        self.w.warm = Some(Warm {
            stamp,
            sessions: self.sessions + 1,
            applier: self.applier.clone(),
            engines: std::mem::take(&mut self.engines),
            market: std::mem::take(&mut self.market),
        });
    }

    /// Whether the session changed nothing that its rollback would undo.
    fn changed_nothing(&self) -> bool {
        self.reusable
            && self.applier.changes.borrow().entries.is_empty()
            && self.node_events.is_empty()
            && self.market_dirty.is_empty()
            && self.outbound.is_empty()
            && self.last_modify.is_none()
            && self.w.conn.total_changes() == self.stamp.total_changes
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
            let _ = self.w.conn.execute_batch("ROLLBACK");
            if keep {
                self.keep_warm(self.stamp);
            }
        }
    }
}

/// The derived row of an order.
pub fn order_row(o: &OrderAny, seq: i64) -> OpResult<db::OrderRow> {
    let reason = match o.last_event() {
        OrderEventAny::Denied(e) => Some(e.reason.to_string()),
        OrderEventAny::Rejected(e) => Some(e.reason.to_string()),
        OrderEventAny::ModifyRejected(e) => Some(format!("modify rejected: {}", e.reason)),
        OrderEventAny::CancelRejected(e) => Some(format!("cancel rejected: {}", e.reason)),
        _ => None,
    };
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
