//! The Nautilus objects of the node, owned by one thread for the life of the process.

use std::{cell::RefCell, path::Path, rc::Rc};

use nautilus_common::{
    cache::{Cache, CacheConfig},
    clock::{Clock, TestClock},
    messages::execution::TradingCommand,
    msgbus::{self, MessagingSwitchboard, TypedIntoHandler},
    throttler::RateLimit,
};
use nautilus_core::UnixNanos;
use nautilus_model::events::OrderEventAny;
use nautilus_portfolio::Portfolio;
use nautilus_risk::engine::{RiskEngine, config::RiskEngineConfig};

use crate::{config::Settings, error::OpResult, store::Db};

/// What the risk engine decided about the last order it checked.
#[derive(Debug, Clone)]
pub enum Verdict {
    Approved,
    Denied(Box<OrderEventAny>),
}

/// The node thread's world: a database connection, the clock, the cache and the risk engine.
pub struct World {
    pub conn: Db,
    /// The database file (for extra read connections).
    pub database: std::path::PathBuf,
    pub settings: Settings,
    pub clock: Rc<RefCell<TestClock>>,
    pub cache: Rc<RefCell<Cache>>,
    pub risk: RiskEngine,
    pub verdicts: Rc<RefCell<Vec<Verdict>>>,
    /// What the last session left loaded (see [`super::session::Warm`]).
    pub warm: Option<super::session::Warm>,
}

impl World {
    /// Copies the journal's write-ahead log into the database file (a clean shutdown).
    pub fn checkpoint(&self) -> OpResult<()> {
        crate::store::checkpoint(&self.conn)
    }

    /// Opens the store and builds the engine objects on the calling thread.
    pub fn new(database: &Path, settings: Settings) -> OpResult<Self> {
        let conn = crate::store::open_connection(database)?;
        let clock = Rc::new(RefCell::new(TestClock::new()));
        let cache_config = CacheConfig {
            drop_instruments_on_reset: false,
            ..CacheConfig::default()
        };
        let cache = Rc::new(RefCell::new(Cache::new(Some(cache_config), None)));
        let verdicts: Rc<RefCell<Vec<Verdict>>> = Rc::new(RefCell::new(Vec::new()));
        // The risk engine answers through the message bus: approvals go to the execution
        // engine's queue, denials to its event endpoint. Both land in `verdicts`.
        let approved = verdicts.clone();
        msgbus::register_trading_command_endpoint(
            MessagingSwitchboard::exec_engine_queue_execute(),
            TypedIntoHandler::from(move |_cmd: TradingCommand| {
                approved.borrow_mut().push(Verdict::Approved)
            }),
        );
        let denied = verdicts.clone();
        msgbus::register_order_event_endpoint(
            MessagingSwitchboard::exec_engine_process(),
            TypedIntoHandler::from(move |e: OrderEventAny| {
                denied.borrow_mut().push(Verdict::Denied(Box::new(e)))
            }),
        );
        let dyn_clock: Rc<RefCell<dyn Clock>> = clock.clone();
        let portfolio = Portfolio::new(cache.clone(), dyn_clock.clone(), None);
        // Submission rates are limited by the node across processes (wall clock); the engine's
        // own throttle would count on the paper market's clock, so it is set out of the way.
        let config = RiskEngineConfig {
            max_order_submit: RateLimit::new(1_000_000, 1_000_000_000),
            max_order_modify: RateLimit::new(1_000_000, 1_000_000_000),
            ..RiskEngineConfig::default()
        };
        let risk = RiskEngine::new(config, portfolio, dyn_clock, cache.clone());
        Ok(Self {
            conn,
            database: database.to_path_buf(),
            settings,
            clock,
            cache,
            risk,
            verdicts,
            warm: None,
        })
    }

    /// Sets the clock.
    pub fn set_time(&self, ts: UnixNanos) {
        self.clock.borrow().set_time(ts);
    }

    /// The clock's time.
    #[must_use]
    pub fn now(&self) -> UnixNanos {
        self.clock.borrow().timestamp_ns()
    }
}
