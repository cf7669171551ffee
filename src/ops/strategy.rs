//! Strategy operations: the built-in strategies and their parameters.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    call::Call,
    context::Context,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{engine::strategies::catalog, error::OpResult};

/// List the built-in strategies with their parameters (types, defaults, ranges) as JSON
/// schema. Every strategy also accepts trade_size, allow_short, stop_loss, take_profit and
/// close_at_end.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct ListStrategiesRequest {}

/// One built-in strategy.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StrategyView {
    pub strategy_id: String,
    pub description: String,
    /// Other names accepted for strategy_id.
    pub aliases: Vec<String>,
    /// JSON schema of the parameters.
    pub parameters: Map<String, Value>,
}

/// The built-in strategies.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StrategyList {
    pub strategies: Vec<StrategyView>,
}

/// `strategy list` / `list_strategies`.
pub struct ListStrategies;

impl Operation for ListStrategies {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "list",
        tool_name: "list_strategies",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = ListStrategiesRequest;
    type Response = StrategyList;

    async fn run(
        _ctx: Arc<Context>,
        _req: ListStrategiesRequest,
        _call: Call,
    ) -> OpResult<StrategyList> {
        let strategies = catalog()
            .iter()
            .map(|s| {
                let mut schema = (s.schema)();
                let description = schema
                    .remove("description")
                    .and_then(|d| d.as_str().map(str::to_owned))
                    .unwrap_or_default();
                StrategyView {
                    strategy_id: s.id.to_string(),
                    description: description.replace('\n', " "),
                    aliases: s.aliases.iter().map(|a| (*a).to_string()).collect(),
                    parameters: schema,
                }
            })
            .collect();
        Ok(StrategyList { strategies })
    }
}

/// Attach a built-in strategy (the backtest library) to the node: it trades an instrument on
/// the paper market's bars as the market advances (`node advance`), with its own orders and
/// position. `parameters.trade_size` is required.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigureStrategyRequest {
    /// Built-in strategy (see list_strategies).
    #[arg(long = "strategy", visible_alias = "strategy-id")]
    pub strategy_id: String,
    /// Instrument to trade, SYMBOL.VENUE (on a connected venue).
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Strategy parameters, e.g. {"fast_period": 10, "slow_period": 30, "trade_size": 0.1}.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    #[serde(default, deserialize_with = "crate::ops::assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub parameters: Vec<crate::ops::assign::Assign>,
    /// Bars to trade on, e.g. 1-MINUTE-LAST (default: the finest bars in the catalog).
    #[arg(long)]
    #[serde(default)]
    pub bar_spec: Option<String>,
}

/// A strategy attached to the node.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AttachedResponse {
    pub instance_id: String,
    pub strategy_id: String,
    pub instrument_id: String,
    pub bars: String,
    pub parameters: Map<String, Value>,
    pub status: String,
    /// Market time it was attached at; it trades on bars after this.
    pub attached: String,
}

/// `strategy configure` / `configure_strategy`.
pub struct ConfigureStrategy;

impl Operation for ConfigureStrategy {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "configure",
        tool_name: "configure_strategy",
        class: OpClass::Admin,
        idempotent: false,
        destructive: false,
    };
    type Request = ConfigureStrategyRequest;
    type Response = AttachedResponse;

    async fn run(
        ctx: Arc<Context>,
        req: ConfigureStrategyRequest,
        _call: Call,
    ) -> OpResult<AttachedResponse> {
        use crate::{
            engine::{node::session::Session, strategies},
            error::OpError,
            store::{catalog, node as db},
            values::parse_instrument_id,
        };
        let instrument_id = parse_instrument_id("instrument_id", &req.instrument_id)?;
        let params: Map<String, Value> = crate::ops::assign::to_btree(&req.parameters)
            .into_iter()
            .collect();
        let plan = strategies::plan(&req.strategy_id, &params)?;
        if plan.common.trade_size.is_none() {
            return Err(OpError::invalid(
                "parameters.trade_size",
                "required for strategies attached to the node (the quantity per entry)",
            ));
        }
        let bar_spec = req.bar_spec.clone();
        ctx.node()?
            .run(move |w| {
                let s = Session::begin(w)?;
                s.require_venue(instrument_id.venue)?;
                let series = catalog::bars_for(s.db(), instrument_id, bar_spec.as_deref())?;
                let spec = crate::data::parse_bar_spec("bar_spec", &series.signal.spec)?;
                let existing = db::strategies(s.db(), false)?;
                let instance_id = format!("{}-{:03}", plan.id, existing.iter().filter(|r| r.strategy_id == plan.id).count() + 1);
                let attached_ts = s.market_ts().unwrap_or(series.signal.first_ts - 1);
                let row = db::StrategyRow {
                    instance_id: instance_id.clone(),
                    strategy_id: plan.id.to_string(),
                    venue: instrument_id.venue.to_string(),
                    instrument_id: instrument_id.to_string(),
                    bar_key: crate::data::bars_key(instrument_id, spec),
                    parameters: serde_json::to_string(&plan.parameters).map_err(OpError::internal)?,
                    status: "RUNNING".into(),
                    direction: "FLAT".into(),
                    attached_ts,
                    created_at: crate::store::now_ms(),
                };
                db::upsert_strategy(s.db(), &row)?;
                let mut s = s;
                s.node_events.push(crate::engine::node::session::NodeEvent {
                    venue: row.venue.clone(),
                    kind: "node",
                    payload: serde_json::json!({ "StrategyAttached": { "instance_id": instance_id, "strategy_id": row.strategy_id, "instrument_id": row.instrument_id, "parameters": plan.parameters } }),
                });
                s.commit()?;
                Ok(AttachedResponse {
                    instance_id,
                    strategy_id: row.strategy_id,
                    instrument_id: row.instrument_id,
                    bars: row.bar_key,
                    parameters: plan.parameters,
                    status: row.status,
                    attached: crate::data::time::format_ns(attached_ts),
                })
            })
            .await
    }
}

/// Stop a strategy attached to the node: it no longer trades; its open orders are cancelled
/// and, with close_position, its position is closed at market.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StopStrategyRequest {
    /// Instance id (see node status), e.g. MovingAverageCrossover-001.
    pub instance_id: String,
    /// Also close the strategy's position with a market order (on a hedging venue, each of its
    /// positions).
    #[arg(long)]
    #[serde(default)]
    pub close_position: bool,
}

/// A stopped strategy.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StoppedResponse {
    pub instance_id: String,
    pub status: String,
    /// Orders cancelled or placed to close.
    pub orders: Vec<String>,
}

/// `strategy stop` / `stop_strategy`.
pub struct StopStrategy;

impl Operation for StopStrategy {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "stop",
        tool_name: "stop_strategy",
        class: OpClass::Trade,
        idempotent: true,
        destructive: true,
    };
    type Request = StopStrategyRequest;
    type Response = StoppedResponse;

    async fn run(
        ctx: Arc<Context>,
        req: StopStrategyRequest,
        _call: Call,
    ) -> OpResult<StoppedResponse> {
        use crate::{
            engine::node::{
                orders::{self, OrderSpec},
                session::Session,
                strategy_runner::closing_orders,
            },
            error::OpError,
            store::node as db,
        };
        use nautilus_model::identifiers::{InstrumentId, StrategyId};
        let id = req.instance_id.trim().to_string();
        let close = req.close_position;
        ctx.node()?
            .run(move |w| {
                let mut s = Session::begin(w)?;
                let mut row = db::strategies(s.db(), false)?
                    .into_iter()
                    .find(|r| r.instance_id == id)
                    .ok_or_else(|| OpError::not_found("attached strategy", &id))?;
                let strategy_id = StrategyId::from(row.instance_id.as_str());
                let instrument_id = InstrumentId::from(row.instrument_id.as_str());
                let before: Vec<String> = s
                    .applier
                    .changes
                    .borrow()
                    .orders
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                orders::cancel_all_of_strategy(&mut s, instrument_id, strategy_id)?;
                if close {
                    for (side, quantity, position_id) in
                        closing_orders(&s, instrument_id, strategy_id)
                    {
                        let mut spec = OrderSpec::market(
                            instrument_id,
                            strategy_id,
                            side,
                            quantity,
                            position_id,
                        );
                        spec.reduce_only = true;
                        orders::place(&mut s, &spec)?;
                    }
                }
                row.status = "STOPPED".into();
                // A stopped strategy aims at nothing; a position it leaves open is the account's.
                row.direction = "FLAT".into();
                db::upsert_strategy(s.db(), &row)?;
                let changed: Vec<String> = s
                    .applier
                    .changes
                    .borrow()
                    .orders
                    .iter()
                    .map(ToString::to_string)
                    .filter(|o| !before.contains(o))
                    .collect();
                s.commit()?;
                Ok(StoppedResponse {
                    instance_id: row.instance_id,
                    status: row.status,
                    orders: changed,
                })
            })
            .await
    }
}
