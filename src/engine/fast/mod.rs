//! The fast path: backtests evaluated over columns, with the engine's exact results.
//!
//! Strategy definitions (the strategy language's plans) drive it: indicators are computed once
//! per distinct argument set with the evaluator's own Nautilus indicators ([`indicators`]), the
//! rules are evaluated over those columns as the evaluator evaluates them ([`rules`]), and
//! [`sim`] simulates orders, fills, positions and balances as `BacktestEngine` does, in one
//! tight loop per run. A run it cannot reproduce exactly
//! ([`applies`] says which before it starts; [`sim::Unsupported`] stops it on the way) goes
//! to the engine. A differential test (`tests/fast_path.rs`) holds both equal.

pub mod account;
pub mod bars;
pub mod batch;
pub mod indicators;
pub mod position;
pub mod rules;
pub mod sim;

use std::time::Instant;

use nautilus_execution::models::fee::FeeModelAny;
use nautilus_model::{
    data::BarType,
    enums::{AccountType, AggregationSource, InstrumentClass, OmsType, PriceType},
    identifiers::StrategyId,
    instruments::Instrument,
};
use tokio_util::sync::CancellationToken;

use self::{
    bars::Bars,
    sim::{SimConfig, SimOutput, Unsupported},
};
use super::backtest::{
    Collected, Ending, RunOutput, RunSpec, finish, recorder::Recorded, results::RoundTrip,
};
use crate::error::{Code, OpError, OpResult};

/// Why the engine must run `spec`, or `Ok` when the fast path reproduces it exactly.
pub fn applies(spec: &RunSpec) -> Result<(), Unsupported> {
    let no = |why: &str| Err(Unsupported(why.to_string()));
    rules::supported(&spec.strategy.plan).or_else(&no)?;
    if spec.order_log > 0 {
        return no("an order log");
    }
    let [setup] = spec.instruments.as_slice() else {
        return no("several instruments");
    };
    let [venue] = spec.venues.as_slice() else {
        return no("several venues");
    };
    if !setup.extra.is_empty() {
        return no("bid and ask bars (quotes)");
    }
    let bar_type: BarType = setup.signal.1;
    if bar_type.aggregation_source() != AggregationSource::External
        || !matches!(bar_type.spec().price_type, PriceType::Last | PriceType::Mid)
    {
        return no("bars other than external LAST or MID bars");
    }
    let inst = &setup.instrument;
    if venue.venue != inst.id().venue {
        return no("an instrument of another venue");
    }
    if venue.account_type != AccountType::Margin {
        return no("a CASH account");
    }
    if !venue.certain_fills {
        return no("a fill model with partial or random fills");
    }
    if matches!(venue.fee_model, FeeModelAny::PerContract(_)) {
        return no("a per-contract fee model");
    }
    if inst.is_inverse() {
        return no("an inverse instrument");
    }
    if !matches!(
        inst.instrument_class(),
        InstrumentClass::Spot
            | InstrumentClass::Swap
            | InstrumentClass::Future
            | InstrumentClass::Forward
            | InstrumentClass::Cfd
    ) {
        return no("an option-like instrument");
    }
    if let Some(expiry) = inst.expiration_ns()
        && expiry.as_u64() as i64 <= spec.end_ns
    {
        return no("an instrument expiring within the run");
    }
    if let Some(activation) = inst.activation_ns()
        && activation.as_u64() as i64 > spec.start_ns
    {
        return no("an instrument not yet active at the start");
    }
    if let Some(base) = venue.base_currency
        && (base != inst.cost_currency() || base != inst.quote_currency())
    {
        return no("a base currency other than the instrument's");
    }
    Ok(())
}

/// How a fast run ended when it did not produce a result.
#[derive(Debug)]
pub enum Declined {
    /// The engine must run it.
    Unsupported(Unsupported),
    /// A user-facing error (bad range, cancellation, an account that did not book).
    Failed(OpError),
}

impl From<OpError> for Declined {
    fn from(e: OpError) -> Self {
        Self::Failed(e)
    }
}

/// The simulation settings of `spec` (which [`applies`] accepted).
#[must_use]
pub fn sim_config(spec: &RunSpec, keep_trips: bool) -> SimConfig {
    let (setup, venue) = (&spec.instruments[0], &spec.venues[0]);
    SimConfig {
        instrument: setup.instrument.clone(),
        venue: venue.venue,
        hedging: venue.oms_type == OmsType::Hedging,
        fee_model: venue.fee_model.clone(),
        starting_balances: venue.starting_balances.clone(),
        base_currency: venue.base_currency,
        plan: spec.strategy.plan.clone(),
        all_in: setup.all_in,
        strategy_id: StrategyId::from(format!("{}-001", spec.strategy.id).as_str()),
        equity_currency: spec.equity_currency,
        equity_step_ns: spec.equity_step_ns,
        keep_trips,
        trace: spec.trace,
    }
}

/// Runs `spec` on the fast path, with the result the engine would give.
pub fn run(
    spec: &RunSpec,
    cancel: &CancellationToken,
    progress: Option<&crate::progress::ProgressSink>,
) -> Result<RunOutput, Declined> {
    applies(spec).map_err(Declined::Unsupported)?;
    batch::Shared::load(spec, [&*spec.strategy.plan])?.run_full(spec, cancel, progress)
}

/// A stopped simulation: cancelled by the caller, or beyond what the fast path reproduces.
pub fn stopped(e: Unsupported, cancel: &CancellationToken) -> Declined {
    if cancel.is_cancelled() {
        Declined::Failed(OpError::new(Code::Cancelled, "the backtest was cancelled"))
    } else {
        Declined::Unsupported(e)
    }
}

/// The run's output from a simulation, through the same finishing steps as the engine's.
pub fn output(
    spec: &RunSpec,
    cfg: &SimConfig,
    bars: &Bars,
    out: SimOutput,
    started: Instant,
) -> OpResult<RunOutput> {
    let id = cfg.instrument.id().to_string();
    let n = bars.len();
    let price_range = [(
        id.clone(),
        (
            bars.close_price(0).as_decimal(),
            bars.close_price(n - 1).as_decimal(),
        ),
    )]
    .into_iter()
    .collect();
    let collected = Collected {
        data_rows: n as u64,
        first_ts: Some(bars.ts[0]),
        last_ts: Some(bars.ts[n - 1]),
        bars: out.bars,
        orders: out.orders,
        fills: out.fills,
        open_positions: out.open_positions,
        balances: out.balances.report(),
        trades: out.trips.iter().map(RoundTrip::from_facts).collect(),
        refusals: out.refusals,
        price_range,
        trace: out.trace,
        placed: Vec::new(),
        recorded: Recorded {
            equity: out.equity,
            trade_sizes: out.trade_size.map(|q| (id, q)).into_iter().collect(),
            notes: out.notes,
        },
    };
    let venue = &spec.venues[0];
    let ending = Ending {
        equity_venue: spec.equity_venue,
        equity_currency: spec.equity_currency,
        cash: venue.account_type == AccountType::Cash,
        close_at_end: spec.strategy.close_at_end(),
        annualization_days: spec.annualization_days,
    };
    finish(collected, &ending, started)
}

/// Where two outputs of the same run differ (empty when they agree exactly): counts, balances,
/// every round trip, the equity curve, the statistics, notes and, when both were traced, every
/// order and fill. Timing is not compared.
#[must_use]
pub fn differences(engine: &RunOutput, fast: &RunOutput) -> Vec<String> {
    fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
        serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
    }
    let mut out = Vec::new();
    let mut field = |name: &str, a: serde_json::Value, b: serde_json::Value| {
        if a != b {
            out.push(format!("{name}: engine {a} != fast {b}"));
        }
    };
    field("orders", json(&engine.orders), json(&fast.orders));
    field("fills", json(&engine.fills), json(&fast.fills));
    field("positions", json(&engine.positions), json(&fast.positions));
    field("data_rows", json(&engine.data_rows), json(&fast.data_rows));
    field("bars", json(&engine.bars), json(&fast.bars));
    field("balances", json(&engine.balances), json(&fast.balances));
    field("first_ts", json(&engine.first_ts), json(&fast.first_ts));
    field("last_ts", json(&engine.last_ts), json(&fast.last_ts));
    field(
        "trade_sizes",
        json(&engine.trade_sizes),
        json(&fast.trade_sizes),
    );
    field(
        "price_range",
        json(&engine.price_range),
        json(&fast.price_range),
    );
    field("notes", json(&engine.notes), json(&fast.notes));
    field(
        "statistics",
        json(&engine.statistics),
        json(&fast.statistics),
    );
    if engine.trades.len() == fast.trades.len() {
        if let Some((i, (a, b))) = engine
            .trades
            .iter()
            .zip(&fast.trades)
            .enumerate()
            .find(|(_, (a, b))| json(a) != json(b))
        {
            field(&format!("trades[{i}]"), json(a), json(b));
        }
    } else {
        field(
            "trades.len",
            json(&engine.trades.len()),
            json(&fast.trades.len()),
        );
    }
    if engine.equity.len() == fast.equity.len() {
        if let Some((i, (a, b))) = engine
            .equity
            .iter()
            .zip(&fast.equity)
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            field(&format!("equity[{i}]"), json(a), json(b));
        }
    } else {
        field(
            "equity.len",
            json(&engine.equity.len()),
            json(&fast.equity.len()),
        );
    }
    if let (Some(a), Some(b)) = (&engine.trace, &fast.trace) {
        if a.len() == b.len() {
            if let Some((i, (x, y))) = a.iter().zip(b).enumerate().find(|(_, (x, y))| x != y) {
                field(&format!("order[{i}]"), json(x), json(y));
            }
        } else {
            field("orders traced", json(&a.len()), json(&b.len()));
        }
    }
    out
}
