//! Node operations: initialize, status.

use std::{collections::BTreeMap, sync::Arc};

use nautilus_model::{events::AccountState, orders::OrderAny, position::Position, types::Price};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    call::Call,
    context::Context,
    params::parse_venue,
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
    error::{OpError, OpResult},
    store::{Db, node as db},
    values::{Dec, Detail, Truncated},
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
    /// Paper: the matching engines' book, L1_MBP or L2_MBP.
    pub book_type: Option<String>,
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
    /// LONG, SHORT or FLAT: the position the strategy aims to hold (FLAT once stopped).
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
    /// What a summary left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
    /// Real venues whose part of this answer is the node's stored state because reconciling
    /// with them failed: it may be stale (absent when every real venue answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<crate::engine::venues::runtime::StaleVenue>,
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> OpError {
    OpError::internal(format!("stored {what} is unreadable: {e}"))
}

/// Mark prices from the last market data of each instrument.
pub(crate) fn marks(conn: &Db) -> OpResult<BTreeMap<String, (Price, i64)>> {
    let mut out = BTreeMap::new();
    for m in db::market(conn, None)? {
        let market = crate::engine::node::session::Market::from_row(&m)?;
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

/// A note when a paper account holds a currency that neither Nautilus knows nor an instrument
/// defines (accepted by earlier versions): its balance cannot trade, the account should be reset.
fn unknown_currency_note(
    conn: &Db,
    venue: &str,
    balances: &[BalanceView],
) -> OpResult<Option<String>> {
    let mut unknown = Vec::new();
    for b in balances {
        if !crate::engine::node::settings::is_known_currency(conn, &b.currency)? {
            unknown.push(b.currency.clone());
        }
    }
    Ok((!unknown.is_empty()).then(|| {
        format!(
            "{venue}'s paper account holds {}, which no instrument trades: recreate it with `venue connect {venue} --reset --balance \"100000 USDT\"`",
            unknown.join(", ")
        )
    }))
}

/// Reads the node's status from the store.
pub(crate) fn status(ctx: &Context, mut notes: Vec<String>) -> OpResult<NodeStatus> {
    let conn = ctx.store.snapshot()?;
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
                    &crate::data::currencies::from_stored_json::<AccountState>(&a.state)
                        .map_err(|e| corrupt("account", e))?,
                )
                .0
            }
            None => Vec::new(),
        };
        if paper.is_some() {
            notes.extend(unknown_currency_note(&conn, &v.name, &bal)?);
        }
        for row in db::live_orders(&conn, &v.name)? {
            let o: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                .map_err(|e| corrupt("order", e))?;
            open_orders.push(OrderView::of(&o, row.reason));
        }
        for row in db::positions(&conn, Some(&v.name), true)? {
            let p: Position = crate::data::currencies::from_stored_json_fast(&row.body)
                .map_err(|e| corrupt("position", e))?;
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
            book_type: paper.as_ref().map(|p| p.book_type.clone()),
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
            // Stopped by an earlier version, which left the direction as it was.
            direction: if s.status == "STOPPED" {
                "FLAT".into()
            } else {
                s.direction
            },
            status: s.status,
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
        truncated: None,
        stale: Vec::new(),
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

    async fn run(ctx: Arc<Context>, req: InitNodeRequest, _call: Call) -> OpResult<NodeStatus> {
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
                crate::values::parse_instrument_id("config.risk.allowed_instruments", i)
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
                            crate::error::Code::AlreadyExists,
                            format!("the node {} is already initialized; pass force to replace its settings (orders and positions are kept)", existing.trader_id),
                        ));
                    }
                    let open = s.venues.values().map(|v| db::count_live_orders(s.db(), &v.row.name)).sum::<OpResult<u32>>()?;
                    let positions = db::positions(s.db(), None, true)?.len();
                    notes.push(format!("settings replaced; {open} open orders and {positions} open positions kept"));
                }
                let text = serde_json::to_string(&config).map_err(OpError::internal)?;
                db::save_node(s.db(), trader.as_str(), &text)?;
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

/// Show the node: trading state, venues, balances, open orders, positions and strategies.
/// Also the trader id and the paper market's clock.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeStatusRequest {
    /// summary (the MCP default): the first 10 open orders; full (the CLI default): all.
    #[arg(long, value_enum)]
    #[serde(default)]
    pub detail: Option<Detail>,
}

/// Open orders a summary of the node shows.
const SUMMARY_ORDERS: usize = 10;

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

    async fn run(ctx: Arc<Context>, req: NodeStatusRequest, _call: Call) -> OpResult<NodeStatus> {
        let stale = crate::engine::venues::runtime::sync_for_read(&ctx, None).await;
        let mut status = tokio::task::spawn_blocking(move || status(&ctx, Vec::new()))
            .await
            .map_err(OpError::internal)??;
        status.stale = stale;
        status.truncated = Truncated::cut(
            "open_orders",
            &mut status.open_orders,
            Detail::cap(req.detail, SUMMARY_ORDERS),
            "detail=full shows them all; list_orders filters and pages them",
        );
        Ok(status)
    }
}

/// Check the node's state against its journal: replay every journaled event (orders, fills,
/// account states) through a fresh Nautilus cache, rebuild orders, positions, balances and
/// commissions, check the journaled position events against those the fills make, and compare
/// them with the stored state. Fails with STATE_INCONSISTENT, listing
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
            let v = crate::store::read_tx(&conn, crate::engine::node::verify::verify)?;
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
                    crate::error::Code::StateInconsistent,
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
    /// Why the replay stopped before what was asked (a halt was waiting for the node, the call
    /// was cancelled); absent when it went as far as asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
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
        let node = ctx.node()?;
        let (urgent, cancel) = (node.urgent_jobs(), call.cancel.clone());
        let stop = move || {
            if urgent.waiting() {
                Some("a change of the trading state (a halt) was waiting".to_string())
            } else if cancel.is_cancelled() {
                Some("the call was cancelled".to_string())
            } else {
                None
            }
        };
        let report = node.run(move |w| advance(w, until, &stop)).await?;
        let stopped = report.stopped.as_ref().map(|why| {
            format!(
                "stopped early at {}: {why}; advance again to go on from there",
                report.to.map(format_ns).unwrap_or_default()
            )
        });
        let ids = report.orders.clone();
        let orders = tokio::task::spawn_blocking({
            let ctx = ctx.clone();
            move || -> OpResult<Vec<OrderView>> {
                let conn = ctx.store.snapshot()?;
                let mut out = Vec::new();
                for id in ids.iter().take(100) {
                    if let Some(row) = db::order(&conn, id)? {
                        let o: OrderAny = crate::data::currencies::from_stored_json_fast(&row.body)
                            .map_err(|e| corrupt("order", e))?;
                        out.push(OrderView::of(&o, row.reason));
                    }
                }
                Ok(out)
            }
        })
        .await
        .map_err(OpError::internal)??;
        let market_time = db::node(&*ctx.store.snapshot()?)?
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
            stopped,
        })
    }
}

/// A change of the node's trading state.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TradingStateResponse {
    /// ACTIVE, HALTED or REDUCING.
    pub trading_state: String,
    pub previous_state: String,
    pub reason: Option<String>,
    /// Who changed it (`cli`, `stdio`, `token:<name>`).
    pub changed_by: String,
    /// Orders cancelled by the change.
    pub cancelled: Vec<OrderView>,
    /// The last journal sequence number, which records the change.
    pub journal_seq: i64,
    /// What happened at real venues (orders cancelled there, or why they could not be).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The kill switch: cancel every open order and halt the node until an admin resumes it.
/// Every new order is then denied (a `trading` error, TRADING_HALTED) in this and every other
/// process, and attached strategies stop trading. With reduce_only the node goes to REDUCING
/// instead: orders that could grow a position are cancelled and denied, reduce-only exits
/// (stop-losses, take-profits) stay. Any caller who may trade may halt.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HaltRequest {
    /// Only allow orders that reduce positions (REDUCING) instead of halting all trading.
    #[arg(long)]
    #[serde(default)]
    pub reduce_only: bool,
    /// Why, for the journal and `node status`.
    #[arg(long)]
    #[serde(default)]
    pub reason: Option<String>,
}

/// Runs a change of the trading state on the node thread, made by `by`, and commits it.
async fn change_state(
    ctx: &Context,
    by: String,
    change: impl FnOnce(&mut Session<'_>, &str) -> OpResult<crate::engine::node::halt::StateChange>
    + Send
    + 'static,
) -> OpResult<TradingStateResponse> {
    // Urgent: a market replay on the node thread stops at its next check instead of making
    // the kill switch wait for it.
    ctx.node()?
        .run_urgent(move |w| {
            let mut s = Session::begin(w)?;
            let change = change(&mut s, &by)?;
            let cancelled = change
                .cancelled
                .iter()
                .filter_map(|id| s.order(id))
                .map(|o| OrderView::of(&o, None))
                .collect();
            let journal_seq = s.commit()?;
            Ok(TradingStateResponse {
                trading_state: change.state,
                previous_state: change.previous,
                reason: change.reason,
                changed_by: by,
                cancelled,
                journal_seq,
                notes: Vec::new(),
            })
        })
        .await
}

/// After a halt: cancels, through each connected real venue, the open orders the new state
/// refuses (paper orders were cancelled with the change itself), and reports those that closed.
async fn cancel_at_real_venues(ctx: &Arc<Context>, response: &mut TradingStateResponse) {
    use crate::engine::{node::settings::VenueMode, venues::runner};
    // The open orders of each real venue before: syncing with the venue may already cancel
    // them (any reconciliation of a halted node does).
    let open: OpResult<Vec<(String, Vec<String>)>> = ctx.store.snapshot().and_then(|c| {
        db::venues(&c)?
            .into_iter()
            .filter(|r| r.mode != VenueMode::Paper.as_str())
            .map(|r| {
                let ids = db::live_orders(&c, &r.name)?
                    .into_iter()
                    .map(|o| o.client_order_id)
                    .collect();
                Ok((r.name, ids))
            })
            .collect()
    });
    let open = match open {
        Ok(o) => o,
        Err(e) => {
            response
                .notes
                .push(format!("real venues not checked: {}", e.message));
            return;
        }
    };
    for (venue, ids) in open.into_iter().filter(|(_, ids)| !ids.is_empty()) {
        let enforced = async {
            let lv = crate::engine::venues::runtime::prepare(ctx, &venue).await?;
            match lv {
                Some(lv) => runner::enforce_trading_state(&ctx.node()?, lv.client.as_ref())
                    .await
                    .map(|(_, failure)| failure),
                None => Ok(None),
            }
        };
        let failure = match enforced.await {
            Ok(failure) => failure,
            Err(e) => Some(e),
        };
        if let Some(e) = failure {
            response.notes.push(format!(
                "open orders at {venue} may NOT be cancelled: {}; check them there",
                e.message
            ));
        }
        let Ok(conn) = ctx.store.snapshot() else {
            continue;
        };
        let mut still_open = 0;
        for id in &ids {
            let Ok(Some(row)) = db::order(&conn, id) else {
                continue;
            };
            if !row.is_closed {
                still_open += 1;
                continue;
            }
            if let Ok(o) = crate::data::currencies::from_stored_json_fast::<OrderAny>(&row.body) {
                response.cancelled.push(OrderView::of(&o, row.reason));
            }
        }
        if still_open > 0 && response.trading_state == "HALTED" {
            response.notes.push(format!(
                "{still_open} order(s) at {venue} are still open (pending cancel or refused by the venue); check them with `order list`"
            ));
        }
    }
}

fn clean_reason(text: Option<&str>) -> OpResult<Option<String>> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.len() > 500 {
        return Err(OpError::invalid("reason", "at most 500 characters"));
    }
    Ok(Some(t.to_string()))
}

/// `node halt` / `halt_trading`.
pub struct HaltTrading;

impl Operation for HaltTrading {
    const INFO: OpInfo = OpInfo {
        group: Group::Node,
        cli_name: "halt",
        tool_name: "halt_trading",
        class: OpClass::Trade,
        idempotent: true,
        destructive: true,
    };
    type Request = HaltRequest;
    type Response = TradingStateResponse;

    async fn run(
        ctx: Arc<Context>,
        req: HaltRequest,
        call: Call,
    ) -> OpResult<TradingStateResponse> {
        use crate::engine::node::halt;
        use nautilus_model::enums::TradingState;
        let state = if req.reduce_only {
            TradingState::Reducing
        } else {
            TradingState::Halted
        };
        let by = call.caller.name.clone();
        let reason =
            clean_reason(req.reason.as_deref())?.unwrap_or_else(|| format!("halted by {by}"));
        let mut response =
            change_state(&ctx, by, move |s, by| halt::halt(s, state, &reason, by)).await?;
        cancel_at_real_venues(&ctx, &mut response).await;
        Ok(response)
    }
}

/// Resume trading after a halt (HALTED or REDUCING back to ACTIVE). Only an admin may resume.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeRequest {
    /// Why, for the journal.
    #[arg(long)]
    #[serde(default)]
    pub reason: Option<String>,
}

/// `node resume` / `resume_trading`.
pub struct ResumeTrading;

impl Operation for ResumeTrading {
    const INFO: OpInfo = OpInfo {
        group: Group::Node,
        cli_name: "resume",
        tool_name: "resume_trading",
        class: OpClass::Admin,
        idempotent: true,
        destructive: false,
    };
    type Request = ResumeRequest;
    type Response = TradingStateResponse;

    async fn run(
        ctx: Arc<Context>,
        req: ResumeRequest,
        call: Call,
    ) -> OpResult<TradingStateResponse> {
        use crate::engine::node::halt;
        let by = call.caller.name.clone();
        let reason = clean_reason(req.reason.as_deref())?;
        change_state(&ctx, by, move |s, by| {
            halt::resume(s, reason.as_deref(), by)
        })
        .await
    }
}
