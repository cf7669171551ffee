//! Node operations: initialize, status.

use std::{collections::BTreeMap, sync::Arc};

use nautilus_model::{events::AccountState, orders::OrderAny, position::Position, types::Price};
use rusqlite::Connection;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    call::Call,
    context::Context,
    error::{OpError, OpResult},
    params::{Dec, parse_venue},
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    config::RiskLimits,
    data::time::format_ns,
    engine::node::{
        session::{NodeEvent, Session},
        settings::{NodeConfig, PaperSettings, trader_id},
        views::{BalanceView, OrderView, PositionView, balances},
    },
    store::node as db,
};

/// The node's log level.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoggingArgs {
    /// The node's log level (DEBUG, INFO, WARNING, ERROR).
    #[arg(long = "node-log-level", id = "node_log_level")]
    #[serde(default)]
    pub level: Option<String>,
}

/// Pre-trade risk limits of the node.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskArgs {
    /// Largest quantity of one order.
    #[arg(long)]
    #[serde(default)]
    pub max_order_size: Option<Dec>,
    /// Largest value (quantity x price) of one order, in the quote currency.
    #[arg(long)]
    #[serde(default)]
    pub max_notional_per_order: Option<Dec>,
    /// Most orders open at once per venue.
    #[arg(long)]
    #[serde(default)]
    pub max_open_orders: Option<u32>,
    /// Most order submissions per second (across all processes).
    #[arg(long)]
    #[serde(default)]
    pub max_order_submit_rate: Option<u32>,
    /// Only these instruments may be traded (SYMBOL.VENUE, repeat or separate with commas).
    #[arg(long = "allowed-instrument", value_delimiter = ',')]
    #[serde(default)]
    pub allowed_instruments: Vec<String>,
    /// Halt trading when the day's loss exceeds this amount.
    #[arg(long)]
    #[serde(default)]
    pub daily_loss_limit: Option<Dec>,
}

/// The node's settings as given to `initialize_trading_node`.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeConfigArgs {
    #[command(flatten)]
    #[serde(default)]
    pub logging: LoggingArgs,
    #[command(flatten)]
    #[serde(default)]
    pub risk: RiskArgs,
}

/// Initialize the trading node: trader id, venues, logging level and pre-trade risk limits
/// (max order size, max notional per order, max open orders, max submit rate, allowed
/// instruments, daily loss limit). Settings are stored; re-initializing an existing node needs
/// `force` and keeps its orders and positions.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InitNodeRequest {
    /// Venues to trade on, e.g. BINANCE (repeat or separate with commas).
    #[arg(long = "venue", value_delimiter = ',')]
    #[serde(default)]
    pub venues: Vec<String>,
    #[command(flatten)]
    #[serde(default)]
    pub config: NodeConfigArgs,
    /// Trader id, NAME-TAG.
    #[arg(long, default_value = "TRADER-001")]
    #[serde(default = "default_trader")]
    pub trader_id: String,
    /// Replace the settings of an existing node (its orders and positions are kept).
    #[arg(long)]
    #[serde(default)]
    pub force: bool,
}

fn default_trader() -> String {
    "TRADER-001".into()
}

/// A connected venue.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VenueStatus {
    pub venue: String,
    /// paper, testnet or live.
    pub mode: String,
    pub account_id: String,
    pub account_type: Option<String>,
    pub oms_type: Option<String>,
    pub connected: String,
    pub balances: Vec<BalanceView>,
}

/// A strategy attached to the node.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AttachedStrategy {
    pub instance_id: String,
    pub strategy_id: String,
    pub instrument_id: String,
    pub bars: String,
    pub status: String,
    pub direction: String,
    pub parameters: serde_json::Value,
    pub attached: String,
}

/// The node: settings, venues, open orders, positions, strategies and the market clock.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NodeStatus {
    pub initialized: bool,
    pub trader_id: Option<String>,
    /// ACTIVE, HALTED or REDUCING.
    pub trading_state: Option<String>,
    pub state_reason: Option<String>,
    /// The paper market's clock: the time of the last market data processed.
    pub market_time: Option<String>,
    pub venues: Vec<VenueStatus>,
    /// Effective risk limits (node settings over the config file).
    pub risk: RiskLimits,
    pub log_level: Option<String>,
    pub open_orders: Vec<OrderView>,
    pub positions: Vec<PositionView>,
    pub strategies: Vec<AttachedStrategy>,
    /// The last journal sequence number.
    pub journal_seq: i64,
    pub notes: Vec<String>,
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> OpError {
    OpError::internal(format!("stored {what} is unreadable: {e}"))
}

/// Mark prices from the last market data of each instrument.
pub(crate) fn marks(conn: &Connection) -> OpResult<BTreeMap<String, (Price, i64)>> {
    let mut out = BTreeMap::new();
    for m in db::market(conn, None)? {
        let market = crate::engine::node::session::Market {
            quote: m
                .quote
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| corrupt("quote", e))?,
            trade: m
                .trade
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| corrupt("trade", e))?,
            ts: m.ts,
        };
        if let Some(p) = market.last_price() {
            out.insert(m.instrument_id, (p, m.ts));
        }
    }
    Ok(out)
}

/// The node's current time in nanoseconds (market clock, else wall clock).
pub(crate) fn node_now(node: Option<&db::NodeRow>) -> i64 {
    node.and_then(|n| n.market_ts)
        .unwrap_or_else(|| chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default())
}

/// Reads the node's status from the store.
pub(crate) fn status(ctx: &Context, notes: Vec<String>) -> OpResult<NodeStatus> {
    let conn = ctx.store.conn();
    let node = db::node(&conn)?;
    let config: NodeConfig = match &node {
        Some(n) => serde_json::from_str(&n.config).map_err(|e| corrupt("node settings", e))?,
        None => NodeConfig::default(),
    };
    let now = node_now(node.as_ref());
    let marks = marks(&conn)?;
    let mut venues = Vec::new();
    let mut open_orders = Vec::new();
    let mut positions = Vec::new();
    for v in db::venues(&conn)? {
        let paper: Option<PaperSettings> = (v.mode == "paper")
            .then(|| serde_json::from_str(&v.settings))
            .transpose()
            .map_err(|e| corrupt("venue", e))?;
        let bal = match db::account(&conn, &v.name)? {
            Some(a) => {
                balances(
                    &serde_json::from_str::<AccountState>(&a.state)
                        .map_err(|e| corrupt("account", e))?,
                )
                .0
            }
            None => Vec::new(),
        };
        for row in db::live_orders(&conn, &v.name)? {
            let o: OrderAny = serde_json::from_str(&row.body).map_err(|e| corrupt("order", e))?;
            open_orders.push(OrderView::of(&o, row.reason));
        }
        for row in db::positions(&conn, Some(&v.name), true)? {
            let p: Position =
                serde_json::from_str(&row.body).map_err(|e| corrupt("position", e))?;
            positions.push(PositionView::of(
                &p,
                marks.get(&row.instrument_id).map(|m| m.0),
                now,
            ));
        }
        venues.push(VenueStatus {
            venue: v.name.clone(),
            mode: v.mode.clone(),
            account_id: v.account_id.clone(),
            account_type: paper.as_ref().map(|p| p.account_type.clone()),
            oms_type: paper.as_ref().map(|p| p.oms_type.clone()),
            connected: chrono::DateTime::from_timestamp_millis(v.connected_at)
                .map(|d| d.to_rfc3339())
                .unwrap_or_default(),
            balances: bal,
        });
    }
    let strategies = db::strategies(&conn, false)?
        .into_iter()
        .map(|s| AttachedStrategy {
            parameters: serde_json::from_str(&s.parameters).unwrap_or_default(),
            instance_id: s.instance_id,
            strategy_id: s.strategy_id,
            instrument_id: s.instrument_id,
            bars: s.bar_key,
            status: s.status,
            direction: s.direction,
            attached: format_ns(s.attached_ts),
        })
        .collect();
    Ok(NodeStatus {
        initialized: node.is_some(),
        trader_id: node.as_ref().map(|n| n.trader_id.clone()),
        trading_state: node.as_ref().map(|n| n.trading_state.clone()),
        state_reason: node.as_ref().and_then(|n| n.state_reason.clone()),
        market_time: node.as_ref().and_then(|n| n.market_ts).map(format_ns),
        venues,
        risk: config.effective_risk(&ctx.settings.file.risk),
        log_level: config.log_level,
        open_orders,
        positions,
        strategies,
        journal_seq: db::last_seq(&conn)?,
        notes,
    })
}

/// `node init` / `initialize_trading_node`.
pub struct InitNode;

impl Operation for InitNode {
    const INFO: OpInfo = OpInfo {
        group: Group::Node,
        cli_name: "init",
        tool_name: "initialize_trading_node",
        class: OpClass::Admin,
        idempotent: true,
        destructive: false,
    };
    type Request = InitNodeRequest;
    type Response = NodeStatus;

    async fn run(ctx: Arc<Context>, req: InitNodeRequest, call: Call) -> OpResult<NodeStatus> {
        call.require(Self::INFO.class)?;
        let trader = trader_id(&req.trader_id)?;
        let venues = req
            .venues
            .iter()
            .map(|v| parse_venue("venues", v))
            .collect::<OpResult<Vec<_>>>()?;
        let level = req
            .config
            .logging
            .level
            .as_deref()
            .map(|l| match l.to_ascii_uppercase().as_str() {
                "WARN" => Ok("WARNING".to_string()),
                lvl @ ("TRACE" | "DEBUG" | "INFO" | "WARNING" | "ERROR" | "OFF") => {
                    Ok(lvl.to_string())
                }
                other => Err(OpError::invalid(
                    "config.logging.level",
                    format!("'{other}' is not DEBUG, INFO, WARNING or ERROR"),
                )),
            })
            .transpose()?;
        let r = &req.config.risk;
        for (field, v) in [
            ("config.risk.max_order_size", r.max_order_size),
            (
                "config.risk.max_notional_per_order",
                r.max_notional_per_order,
            ),
            ("config.risk.daily_loss_limit", r.daily_loss_limit),
        ] {
            if let Some(v) = v {
                v.positive(field)?;
            }
        }
        for (field, v) in [
            ("config.risk.max_open_orders", r.max_open_orders),
            ("config.risk.max_order_submit_rate", r.max_order_submit_rate),
        ] {
            if v == Some(0) {
                return Err(OpError::invalid(field, "must be at least 1"));
            }
        }
        let allowed = r
            .allowed_instruments
            .iter()
            .map(|i| {
                super::params::parse_instrument_id("config.risk.allowed_instruments", i)
                    .map(|i| i.to_string())
            })
            .collect::<OpResult<Vec<_>>>()?;
        let config = NodeConfig {
            venues: venues.clone(),
            log_level: level,
            risk: RiskLimits {
                max_order_size: r.max_order_size.map(Dec::get),
                max_notional_per_order: r.max_notional_per_order.map(Dec::get),
                max_open_orders: r.max_open_orders,
                max_order_submit_rate: r.max_order_submit_rate,
                allowed_instruments: (!allowed.is_empty()).then_some(allowed),
                daily_loss_limit: r.daily_loss_limit.map(Dec::get),
            },
        };
        let force = req.force;
        let notes = ctx
            .node()?
            .run(move |w| {
                let mut s = Session::begin(w)?;
                let mut notes = Vec::new();
                if let Some(existing) = &s.node {
                    if !force {
                        return Err(OpError::new(
                            super::error::Code::AlreadyExists,
                            format!("the node {} is already initialized; pass force to replace its settings (orders and positions are kept)", existing.trader_id),
                        ));
                    }
                    let open = s.venues.values().map(|v| db::count_live_orders(&s.w.conn, &v.row.name)).sum::<OpResult<u32>>()?;
                    let positions = db::positions(&s.w.conn, None, true)?.len();
                    notes.push(format!("settings replaced; {open} open orders and {positions} open positions kept"));
                }
                let text = serde_json::to_string(&config).map_err(OpError::internal)?;
                db::save_node(&s.w.conn, trader.as_str(), &text)?;
                s.node_events.push(NodeEvent {
                    venue: String::new(),
                    kind: "node",
                    payload: serde_json::json!({ "NodeInitialized": { "trader_id": trader.to_string(), "config": config } }),
                });
                let connected: Vec<String> = s.venues.keys().map(ToString::to_string).collect();
                for v in &config.venues {
                    if !connected.contains(v) {
                        notes.push(format!("{v}: connect it with `venue connect {v}` (connect_venue); paper mode is the default"));
                    }
                }
                s.commit()?;
                Ok(notes)
            })
            .await?;
        status(&ctx, notes)
    }
}

/// Show the node: trader id, trading state, connected venues and their balances, open orders,
/// positions, attached strategies and the paper market's clock.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeStatusRequest {}

/// `node status` / `get_node_status`.
pub struct GetNodeStatus;

impl Operation for GetNodeStatus {
    const INFO: OpInfo = OpInfo {
        group: Group::Node,
        cli_name: "status",
        tool_name: "get_node_status",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = NodeStatusRequest;
    type Response = NodeStatus;

    async fn run(ctx: Arc<Context>, _req: NodeStatusRequest, _call: Call) -> OpResult<NodeStatus> {
        super::live::sync_for_read(&ctx, None).await;
        tokio::task::spawn_blocking(move || status(&ctx, Vec::new()))
            .await
            .map_err(OpError::internal)?
    }
}

/// Check the node's state against its journal: replay every journaled event (orders, fills,
/// account states) through a fresh Nautilus cache, rebuild orders, positions, balances and
/// commissions, and compare them with the stored state. Fails with STATE_INCONSISTENT, listing
/// every difference, when they disagree.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyNodeRequest {}

/// The state rebuilt from the journal agrees with the stored state.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VerifyNodeResponse {
    pub consistent: bool,
    /// Journal entries replayed and the last sequence number.
    pub journal_entries: u64,
    pub last_seq: i64,
    /// Stored rows compared.
    pub orders: usize,
    pub positions: usize,
    pub accounts: usize,
    pub elapsed_ms: u64,
}

/// `node verify` / `verify_node_state`.
pub struct VerifyNode;

impl Operation for VerifyNode {
    const INFO: OpInfo = OpInfo {
        group: Group::Node,
        cli_name: "verify",
        tool_name: "verify_node_state",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = VerifyNodeRequest;
    type Response = VerifyNodeResponse;

    async fn run(
        ctx: Arc<Context>,
        _req: VerifyNodeRequest,
        _call: Call,
    ) -> OpResult<VerifyNodeResponse> {
        tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let conn = ctx.store.new_connection()?;
            // One read transaction: the journal and the derived rows are one snapshot.
            conn.execute_batch("BEGIN")?;
            let v = crate::engine::node::verify::verify(&conn)?;
            conn.execute_batch("COMMIT")?;
            let response = VerifyNodeResponse {
                consistent: v.mismatches.is_empty(),
                journal_entries: v.entries,
                last_seq: v.last_seq,
                orders: v.orders,
                positions: v.positions,
                accounts: v.accounts,
                elapsed_ms: started.elapsed().as_millis() as u64,
            };
            if v.mismatches.is_empty() {
                Ok(response)
            } else {
                Err(OpError::new(
                    super::error::Code::StateInconsistent,
                    format!(
                        "the stored state disagrees with the journal in {} places; first: {}",
                        v.mismatches.len(),
                        v.mismatches[0]
                    ),
                )
                .with_details(serde_json::json!({
                    "mismatches": v.mismatches,
                    "checked": response,
                })))
            }
        })
        .await
        .map_err(OpError::internal)?
    }
}

/// Move the paper market forward through the catalog's bars (every connected paper venue's
/// instruments, in time order), through Nautilus's matching engines: resting orders fill,
/// stops trigger, GTD orders expire and attached strategies trade, exactly as in a backtest.
/// Give `until` (a time), `bars` (a number of bar times) or `to_end`.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvanceRequest {
    /// Advance through this time (inclusive); the clock moves there even without data.
    #[arg(long)]
    #[serde(default)]
    pub until: Option<String>,
    /// Advance through the next N bar times.
    #[arg(long)]
    #[serde(default)]
    pub bars: Option<u64>,
    /// Advance through the end of the data.
    #[arg(long)]
    #[serde(default)]
    pub to_end: bool,
}

/// What an advance did.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AdvanceResponse {
    /// First and last bar time processed.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The market clock now.
    pub market_time: Option<String>,
    pub bars: u64,
    /// Series replayed.
    pub series: Vec<String>,
    pub fills: u64,
    /// Orders placed by attached strategies.
    pub strategy_orders: u64,
    /// Orders that changed (first 100).
    pub orders: Vec<OrderView>,
    pub notes: Vec<String>,
}

/// `node advance` / `advance_market`.
pub struct AdvanceMarket;

impl Operation for AdvanceMarket {
    const INFO: OpInfo = OpInfo {
        group: Group::Node,
        cli_name: "advance",
        tool_name: "advance_market",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = AdvanceRequest;
    type Response = AdvanceResponse;

    async fn run(ctx: Arc<Context>, req: AdvanceRequest, call: Call) -> OpResult<AdvanceResponse> {
        use crate::engine::node::market::{Until, advance};
        call.require(Self::INFO.class)?;
        let until = match (&req.until, req.bars, req.to_end) {
            (Some(t), None, false) => {
                Until::Time(crate::ops::backtest::config::parse_date("until", t, true)?)
            }
            (None, Some(0), false) => return Err(OpError::invalid("bars", "must be at least 1")),
            (None, Some(n), false) => Until::Bars(n),
            (None, None, true) => Until::End,
            (None, None, false) => {
                return Err(OpError::invalid("until", "give until, bars or to_end"));
            }
            _ => {
                return Err(OpError::invalid(
                    "until",
                    "give only one of until, bars and to_end",
                ));
            }
        };
        let report = ctx.node()?.run(move |w| advance(w, until)).await?;
        let ids = report.orders.clone();
        let orders = tokio::task::spawn_blocking({
            let ctx = ctx.clone();
            move || -> OpResult<Vec<OrderView>> {
                let conn = ctx.store.conn();
                let mut out = Vec::new();
                for id in ids.iter().take(100) {
                    if let Some(row) = db::order(&conn, id)? {
                        let o: OrderAny =
                            serde_json::from_str(&row.body).map_err(|e| corrupt("order", e))?;
                        out.push(OrderView::of(&o, row.reason));
                    }
                }
                Ok(out)
            }
        })
        .await
        .map_err(OpError::internal)??;
        let market_time = db::node(&ctx.store.conn())?
            .and_then(|n| n.market_ts)
            .map(format_ns);
        Ok(AdvanceResponse {
            from: report.from.map(format_ns),
            to: report.to.map(format_ns),
            market_time,
            bars: report.bars,
            series: report.instruments,
            fills: report.fills,
            strategy_orders: report.strategy_orders,
            orders,
            notes: report.notes,
        })
    }
}
