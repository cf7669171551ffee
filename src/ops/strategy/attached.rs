//! Strategies attached to the node: configure, stop, and step those on testnet or live venues.

use super::*;

/// Attach a strategy (a built-in or a stored definition) to the node: it trades an instrument
/// on the paper market's bars as the market advances (`node advance`), through the node's order
/// path, with its own orders and position. Its entries must be sized (`parameters.trade_size`
/// for a built-in).
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigureStrategyRequest {
    /// A built-in strategy or a stored definition's name (see list_strategies).
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
    /// SHA-256 of the definition it runs.
    pub hash: String,
    /// The stored definition's version it runs (built-ins have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
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
            engine::node::{session::Session, strategy_runner::check_attachable},
            store::{catalog, node as db},
            values::parse_instrument_id,
        };
        let instrument_id = parse_instrument_id("instrument_id", &req.instrument_id)?;
        let params: Map<String, Value> = crate::ops::assign::to_btree(&req.parameters)
            .into_iter()
            .collect();
        let named = find(&ctx.store.conn(), &req.strategy_id)?;
        let plan = named.plan(&params)?;
        let pinned = named
            .version
            .map(|_| named.definition.canonical().to_string());
        let bar_spec = req.bar_spec.clone();
        ctx.node()?
            .run(move |w| {
                let s = Session::begin(w)?;
                s.require_venue(instrument_id.venue)?;
                // A paper venue trades the catalog's bars as the market advances; a real venue
                // its own closed bars (klines) from now on, stepped by `strategy step`.
                let (spec, attached_ts) = if s.is_real(instrument_id.venue) {
                    let text = bar_spec.as_deref().unwrap_or("1-MINUTE-LAST");
                    let spec = crate::data::parse_bar_spec("bar_spec", text)?;
                    crate::engine::venues::binance::klines::kline_interval(&spec)?;
                    (spec, crate::engine::node::session::wall_now())
                } else {
                    let series = catalog::bars_for(s.db(), instrument_id, bar_spec.as_deref())?;
                    let spec = crate::data::parse_bar_spec("bar_spec", &series.signal.spec)?;
                    (spec, s.market_ts().unwrap_or(series.signal.first_ts - 1))
                };
                check_attachable(&plan, crate::data::bar_type(instrument_id, spec))?;
                let existing = db::strategies(s.db(), false)?;
                let instance_id = format!(
                    "{}-{:03}",
                    plan.id,
                    existing.iter().filter(|r| r.strategy_id == plan.id).count() + 1
                );
                let row = db::StrategyRow {
                    instance_id: instance_id.clone(),
                    strategy_id: plan.id.clone(),
                    venue: instrument_id.venue.to_string(),
                    instrument_id: instrument_id.to_string(),
                    bar_key: crate::data::bars_key(instrument_id, spec),
                    parameters: serde_json::to_string(&plan.parameters)
                        .map_err(OpError::internal)?,
                    status: "RUNNING".into(),
                    direction: "FLAT".into(),
                    attached_ts,
                    created_at: crate::store::now_ms(),
                    definition: pinned,
                    definition_version: plan.version,
                    last_bar_ts: None,
                };
                db::upsert_strategy(s.db(), &row)?;
                let mut s = s;
                s.node_events.push(crate::engine::node::session::NodeEvent {
                    venue: row.venue.clone(),
                    kind: "node",
                    payload: serde_json::json!({ "StrategyAttached": {
                        "instance_id": instance_id,
                        "strategy_id": row.strategy_id,
                        "hash": plan.hash,
                        "version": plan.version,
                        "instrument_id": row.instrument_id,
                        "parameters": plan.parameters,
                    } }),
                });
                s.commit()?;
                Ok(AttachedResponse {
                    instance_id,
                    strategy_id: row.strategy_id,
                    hash: plan.hash.clone(),
                    version: plan.version,
                    instrument_id: row.instrument_id,
                    bars: row.bar_key,
                    parameters: plan.parameters.clone(),
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

/// Run the strategies attached to venues in testnet or live mode on the bars their venue has
/// closed since they last traded (its klines, oldest first): each bar's decisions go through the
/// node's order path to the venue (risk limits, the kill switch, the journal), one bar at a
/// time. Strategies on paper venues trade as the paper market advances (`node advance`).
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepStrategiesRequest {
    /// Only this instance (default: every running strategy on a venue in testnet or live mode).
    #[arg(long)]
    #[serde(default)]
    pub instance_id: Option<String>,
}

/// One strategy stepped.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SteppedStrategy {
    pub instance_id: String,
    pub venue: String,
    /// Bars traded on in this step.
    pub bars: usize,
    /// Orders placed (or refused) in this step.
    pub orders: u64,
    /// The close time of the last bar traded on.
    pub last_bar: Option<String>,
    pub notes: Vec<String>,
}

/// The strategies stepped.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SteppedResponse {
    pub strategies: Vec<SteppedStrategy>,
}

/// `strategy step` / `step_strategies`.
pub struct StepStrategies;

impl Operation for StepStrategies {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "step",
        tool_name: "step_strategies",
        class: OpClass::Trade,
        idempotent: false,
        destructive: false,
    };
    type Request = StepStrategiesRequest;
    type Response = SteppedResponse;

    async fn run(
        ctx: Arc<Context>,
        req: StepStrategiesRequest,
        _call: Call,
    ) -> OpResult<SteppedResponse> {
        use crate::{
            engine::{node::strategy_runner::Runner, venues::runtime as live},
            store::node as db,
        };
        use nautilus_model::data::BarType;
        let wanted = req.instance_id.clone();
        let rows: Vec<db::StrategyRow> = ctx
            .node()?
            .run(move |w| {
                let mut out = Vec::new();
                for row in db::strategies(&w.conn, true)? {
                    let real = db::venue(&w.conn, &row.venue)?.is_some_and(|v| v.mode != "paper");
                    if real && wanted.as_ref().is_none_or(|id| *id == row.instance_id) {
                        out.push(row);
                    }
                }
                Ok(out)
            })
            .await?;
        if let Some(id) = &req.instance_id
            && rows.is_empty()
        {
            return Err(OpError::not_found(
                "running strategy on a venue in testnet or live mode",
                id,
            ));
        }
        let mut stepped = Vec::new();
        for row in rows {
            let lv = live::prepare(&ctx, &row.venue).await?.ok_or_else(|| {
                OpError::state(format!("{} has no venue client; connect it", row.venue))
            })?;
            let bar_type: BarType = row
                .bar_key
                .parse()
                .map_err(|e| OpError::internal(format!("stored bar type: {e:?}")))?;
            let step = crate::data::spec_step_ns(&bar_type.spec());
            let start_ms = (row.attached_ts - step).div_euclid(1_000_000);
            let bars: Vec<nautilus_model::data::Bar> = lv
                .client
                .bars(
                    bar_type.instrument_id(),
                    bar_type.spec(),
                    Some(start_ms),
                    None,
                    100_000,
                )
                .await?
                .bars
                .into_iter()
                .filter(|b| b.ts_event.as_u64() as i64 > row.attached_ts)
                .collect();
            let done = row.last_bar_ts.unwrap_or(row.attached_ts);
            let (history, fresh): (Vec<_>, Vec<_>) = bars
                .into_iter()
                .partition(|b| b.ts_event.as_u64() as i64 <= done);
            let id = row.instance_id.clone();
            let runner = ctx
                .node()?
                .run(move |w| Runner::load_instance(w, &id, &history))
                .await?;
            let runner = Arc::new(std::sync::Mutex::new(runner));
            let (mut orders, mut last, count) = (0, None, fresh.len());
            let mut notes = Vec::new();
            for bar in fresh {
                let r = runner.clone();
                let traded = live::trade(
                    &ctx,
                    &row.venue,
                    move |s| {
                        s.use_wall_clock();
                        let mut runner =
                            r.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                        let placed = runner.on_bar(s, &bar)?;
                        runner.save(s)?;
                        Ok(placed)
                    },
                    |_, placed| Ok(*placed),
                )
                .await?;
                orders += traded.result;
                notes.extend(traded.notes);
                if let Some(f) = traded.failure {
                    notes.push(f.message);
                }
                last = Some(crate::data::time::format_ns(bar.ts_event.as_u64() as i64));
            }
            notes.extend(
                runner
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .notes(),
            );
            stepped.push(SteppedStrategy {
                instance_id: row.instance_id,
                venue: row.venue,
                bars: count,
                orders,
                last_bar: last,
                notes,
            });
        }
        Ok(SteppedResponse {
            strategies: stepped,
        })
    }
}
