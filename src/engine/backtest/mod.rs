//! Backtests on Nautilus's `BacktestEngine`: one engine on one thread per run, data streamed
//! chunk by chunk from the catalog, per-event history purged between chunks so the cost stays
//! linear in the data.

pub mod booking;
pub mod catalog_batches;
pub mod recorder;
pub mod results;
pub mod trace;

use std::{cell::RefCell, path::PathBuf, rc::Rc, time::Instant};

use nautilus_backtest::{
    config::{BacktestEngineConfig, SimulatedVenueConfig},
    engine::BacktestEngine,
};
use nautilus_common::logging::logger::LoggerConfig;
use nautilus_core::UnixNanos;
use nautilus_execution::models::{fee::FeeModelAny, fill::FillModelAny};
use nautilus_model::{
    accounts::{Account, AccountAny},
    data::BarType,
    enums::{AccountType, BookType, OmsType},
    identifiers::{StrategyId, Venue},
    instruments::{Instrument, InstrumentAny},
    orders::Order,
    types::{Currency, Money},
};
use rust_decimal::Decimal;
use tokio_util::sync::CancellationToken;

use self::{
    catalog_batches::{Feed, SeriesKind},
    recorder::{PlacedOrder, Recorder},
    results::{RoundTrip, Statistics},
};
use crate::{
    engine::strategies::{
        StrategyPlan,
        eval::{AllIn, Evaluator, InstrumentFacts, Setup},
        host::{DefinitionStrategy, StrategySetup},
        lang_error,
    },
    error::{Code, OpError, OpResult},
    progress::ProgressSink,
    store::catalog::SeriesMeta,
};

/// One simulated venue of a run.
#[derive(Debug, Clone)]
pub struct VenueSetup {
    pub venue: Venue,
    pub oms_type: OmsType,
    pub account_type: AccountType,
    pub starting_balances: Vec<Money>,
    pub base_currency: Option<Currency>,
    pub leverage: Option<Decimal>,
    pub fill_model: FillModelAny,
    pub fee_model: FeeModelAny,
    /// The fill model fills every limit order the market touches and never slips (no random
    /// draws decide a fill).
    pub certain_fills: bool,
}

/// One traded instrument of a run and the data that drives it.
#[derive(Debug, Clone)]
pub struct InstrumentSetup {
    pub instrument: InstrumentAny,
    /// The bars the strategy trades on.
    pub signal: (SeriesMeta, BarType),
    /// Other series fed to the venue (e.g. the ask side of bid/ask bars).
    pub extra: Vec<(SeriesMeta, SeriesKind)>,
    /// What an all-in entry buys (the default sizing).
    pub all_in: AllIn,
}

/// Everything a run needs; built by the ops layer, consumed on the run's thread.
#[derive(Debug, Clone)]
pub struct RunSpec {
    pub venues: Vec<VenueSetup>,
    pub instruments: Vec<InstrumentSetup>,
    pub start_ns: i64,
    pub end_ns: i64,
    pub strategy: StrategyPlan,
    pub equity_step_ns: i64,
    pub equity_venue: Venue,
    pub equity_currency: Currency,
    pub annualization_days: usize,
    pub database: PathBuf,
    /// Record every order and fill (`RunOutput::trace`).
    pub trace: bool,
    /// Orders to log (the first ones placed), for reports of what a strategy does.
    pub order_log: usize,
}

/// What a run produced.
#[derive(Debug)]
pub struct RunOutput {
    pub orders: usize,
    pub fills: usize,
    pub positions: usize,
    /// Data rows fed to the engine.
    pub data_rows: u64,
    /// Bars seen by the strategies.
    pub bars: u64,
    pub elapsed_secs: f64,
    /// (currency, starting, ending) balance per currency.
    pub balances: Vec<(String, Decimal, Decimal)>,
    pub trades: Vec<RoundTrip>,
    pub equity: Vec<(i64, Decimal)>,
    pub statistics: Statistics,
    pub trade_sizes: std::collections::BTreeMap<String, Decimal>,
    /// First and last close per instrument.
    pub price_range: std::collections::BTreeMap<String, (Decimal, Decimal)>,
    pub notes: Vec<String>,
    pub first_ts: Option<i64>,
    pub last_ts: Option<i64>,
    /// Every order with its fills, in creation order, when the run was traced.
    pub trace: Option<Vec<trace::OrderTrace>>,
    /// The first orders placed, up to the spec's `order_log`.
    pub placed: Vec<PlacedOrder>,
}

fn engine_error(context: &str, e: impl std::fmt::Display) -> OpError {
    OpError::internal(format!("{context}: {e}"))
}

/// The engine configuration: Nautilus's logger never writes to stdout, analysis is ours.
fn engine_config() -> BacktestEngineConfig {
    let logging = LoggerConfig {
        stdout_level: log::LevelFilter::Off,
        bypass_logging: crate::logging::nautilus_bypassed(),
        fileout_level: crate::logging::nautilus_file_level(),
        file_config: crate::logging::nautilus_file_config(),
        is_colored: false,
        ..LoggerConfig::default()
    };
    BacktestEngineConfig {
        logging,
        bypass_logging: crate::logging::nautilus_bypassed(),
        run_analysis: false,
        ..BacktestEngineConfig::default()
    }
}

/// Runs a backtest on the current thread.
pub fn run(
    spec: RunSpec,
    progress: Option<ProgressSink>,
    cancel: &CancellationToken,
) -> OpResult<RunOutput> {
    let started = Instant::now();
    let close_at_end = spec.strategy.close_at_end();
    let conn = crate::store::open_read_only(&spec.database, "opening the catalog")?;
    let mut engine = BacktestEngine::new(engine_config())
        .map_err(|e| engine_error("creating the backtest engine", e))?;

    let hedging: Vec<Venue> = spec
        .venues
        .iter()
        .filter(|v| v.oms_type == OmsType::Hedging)
        .map(|v| v.venue)
        .collect();
    let equity_account_type = spec
        .venues
        .iter()
        .find(|v| v.venue == spec.equity_venue)
        .map_or(AccountType::Margin, |v| v.account_type);
    for v in spec.venues {
        let config = SimulatedVenueConfig::builder()
            .venue(v.venue)
            .oms_type(v.oms_type)
            .account_type(v.account_type)
            .book_type(BookType::L1_MBP)
            .starting_balances(v.starting_balances)
            .maybe_base_currency(v.base_currency)
            .maybe_default_leverage(v.leverage)
            .fill_model(v.fill_model)
            .fee_model(v.fee_model)
            .build();
        engine
            .add_venue(config)
            .map_err(|e| engine_error(&format!("adding venue {}", v.venue), e))?;
    }

    let recorder = Rc::new(RefCell::new(
        Recorder::new(spec.equity_step_ns).with_order_log(spec.order_log),
    ));
    if spec.trace {
        recorder.borrow_mut().orders_traced = Some(Vec::new());
    }
    let mut series = Vec::new();
    for (i, setup) in spec.instruments.into_iter().enumerate() {
        engine.add_instrument(&setup.instrument).map_err(|e| {
            OpError::invalid("instruments", format!("{}: {e}", setup.instrument.id()))
        })?;
        let tag = format!("{:03}", i + 1);
        let instrument = &setup.instrument;
        let bar_spec = setup.signal.1.spec();
        let hedging = hedging.contains(&instrument.id().venue);
        let evaluator = Evaluator::new(
            spec.strategy.plan.clone(),
            Setup {
                facts: InstrumentFacts {
                    instrument_id: instrument.id(),
                    price_increment: instrument.price_increment(),
                    size_increment: instrument.size_increment(),
                    min_quantity: instrument.min_quantity(),
                    multiplier: instrument.multiplier().as_decimal(),
                },
                all_in: setup.all_in,
                hedging,
                bar_step_ns: crate::data::spec_step_ns(&bar_spec),
                bar_spec,
            },
        )
        .map_err(lang_error)?;
        let strategy = DefinitionStrategy::new(
            StrategySetup {
                strategy_id: StrategyId::from(format!("{}-{tag}", spec.strategy.id).as_str()),
                order_id_tag: tag,
                instrument: setup.instrument.clone(),
                bar_type: setup.signal.1,
                recorder: recorder.clone(),
                equity_venue: spec.equity_venue,
                equity_currency: spec.equity_currency,
                samples_equity: i == 0,
                hedging,
            },
            evaluator,
        );
        engine
            .add_strategy(strategy)
            .map_err(|e| engine_error("adding the strategy", e))?;
        // The feed's sort is stable: at equal timestamps the venue gets the ask bar before the
        // bid bar the strategy signals on, so its order meets a two-sided book of that minute.
        series.extend(setup.extra);
        series.push((setup.signal.0, SeriesKind::Bars(setup.signal.1)));
    }

    let mut feed = Feed::new(&conn, series, spec.start_ns, spec.end_ns)?;
    let total = feed.total_rows;
    let end = Some(UnixNanos::from(spec.end_ns.max(0) as u64));
    let (mut rows, mut first_ts, mut last_ts) = (0u64, None, None);
    loop {
        if cancel.is_cancelled() {
            engine.dispose();
            return Err(OpError::new(Code::Cancelled, "the backtest was cancelled"));
        }
        let batch = feed.next_batch()?;
        let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
            break;
        };
        first_ts.get_or_insert(nautilus_model::data::HasTsInit::ts_init(first).as_u64() as i64);
        let batch_last = nautilus_model::data::HasTsInit::ts_init(last);
        last_ts = Some(batch_last.as_u64() as i64);
        rows += batch.len() as u64;
        engine
            .add_data(batch, None, false, true)
            .map_err(|e| engine_error("adding data", e))?;
        engine
            .run(None, end, None, true)
            .map_err(|e| engine_error("running the backtest", e))?;
        engine.clear_data();
        // Account states accumulate one per fill; the margin account is cloned with all of
        // them on every fill, which is quadratic unless purged.
        engine
            .kernel_mut()
            .cache
            .borrow_mut()
            .purge_account_events(batch_last, 0);
        if let Some(p) = &progress {
            p(crate::progress::ProgressUpdate {
                done: rows,
                total: Some(total.max(rows)),
                message: None,
            });
        }
    }
    if rows == 0 {
        return Err(OpError::invalid(
            "start_date",
            "no data in the requested range",
        ));
    }
    engine.end();

    let (open_positions, balances, remaining_orders, remaining_fills, last_trips) = {
        let cache = engine.kernel().cache.borrow();
        let open = cache.positions_open(None, None, None, None, None).len();
        // What the strategies' periodic purges have not taken yet (the stop's close-out).
        let orders = cache.orders(None, None, None, None, None);
        if let Some(traced) = recorder.borrow_mut().orders_traced.as_mut() {
            traced.extend(orders.iter().map(|o| trace::OrderTrace::from_order(o)));
            traced.sort_by_key(|o| o.seq);
        }
        let fills: usize = orders.iter().map(|o| o.trade_ids().len()).sum();
        let trips: Vec<RoundTrip> = cache
            .positions_closed(None, None, None, None, None)
            .iter()
            .filter_map(|p| RoundTrip::from_position(p))
            .collect();
        let account = cache
            .account_for_venue(&spec.equity_venue)
            .map(|a| a.clone());
        (
            open,
            account.map(|a| account_balances(&a)).unwrap_or_default(),
            orders.len(),
            fills,
            trips,
        )
    };
    let mut rec = recorder.borrow_mut();
    let collected = Collected {
        data_rows: rows,
        first_ts,
        last_ts,
        bars: rec.bars(),
        orders: rec.orders + remaining_orders,
        fills: rec.fills + remaining_fills,
        open_positions,
        balances,
        trades: {
            let mut trades = std::mem::take(&mut rec.trips);
            trades.extend(last_trips);
            trades
        },
        refusals: std::mem::take(&mut rec.refusals),
        price_range: rec.price_range(),
        trace: rec.orders_traced.take(),
        placed: std::mem::take(&mut rec.placed),
        recorded: rec.take(),
    };
    drop(rec);
    let ending = Ending {
        equity_venue: spec.equity_venue,
        equity_currency: spec.equity_currency,
        cash: equity_account_type == AccountType::Cash,
        close_at_end,
        annualization_days: spec.annualization_days,
    };
    let output = finish(collected, &ending, started);
    engine.dispose();
    output
}

/// What a run collected, whichever path ran it.
#[derive(Debug)]
pub struct Collected {
    /// Data rows fed.
    pub data_rows: u64,
    pub first_ts: Option<i64>,
    pub last_ts: Option<i64>,
    /// Bars seen by the strategies.
    pub bars: u64,
    pub orders: usize,
    pub fills: usize,
    /// Positions still open at the end.
    pub open_positions: usize,
    /// (currency, starting, ending) balance of the equity venue.
    pub balances: Vec<(String, Decimal, Decimal)>,
    /// Round trips in the order their positions closed.
    pub trades: Vec<RoundTrip>,
    /// Why orders were refused, with counts.
    pub refusals: std::collections::BTreeMap<String, usize>,
    pub price_range: std::collections::BTreeMap<String, (Decimal, Decimal)>,
    pub trace: Option<Vec<trace::OrderTrace>>,
    /// The first orders placed, when the run keeps an order log.
    pub placed: Vec<PlacedOrder>,
    /// Equity samples, trade sizes and notes.
    pub recorded: recorder::Recorded,
}

/// How a run is reported: the account its equity is measured in and the run's settings.
#[derive(Debug, Clone)]
pub struct Ending {
    pub equity_venue: Venue,
    pub equity_currency: Currency,
    /// The equity venue's account is a cash account.
    pub cash: bool,
    pub close_at_end: bool,
    pub annualization_days: usize,
}

/// Turns what a run collected into its output: the last equity sample, notes, the booking
/// check and Nautilus's statistics.
pub fn finish(c: Collected, e: &Ending, started: Instant) -> OpResult<RunOutput> {
    let recorder::Recorded {
        mut equity,
        trade_sizes,
        mut notes,
    } = c.recorded;
    close_equity(&mut equity, c.last_ts, &c.balances, e.equity_currency);
    let mut refusals: Vec<(String, usize)> = c.refusals.into_iter().collect();
    refusals.sort_by_key(|r| std::cmp::Reverse(r.1));
    for (reason, count) in refusals.into_iter().take(5) {
        notes.push(format!("{count} orders were refused: {reason}"));
    }
    if let Some((ts, low)) = equity
        .iter()
        .min_by_key(|(_, e)| *e)
        .filter(|(_, e)| e.is_sign_negative())
    {
        notes.push(format!(
            "equity fell to {} at {}; the simulated venue does not liquidate, so trading went on",
            low.round_dp(2),
            crate::data::time::format_ns(*ts)
        ));
    }
    if c.open_positions == 0 {
        let trips = c
            .trades
            .iter()
            .map(|t| (t.instrument_id.as_str(), t.currency.as_str(), t.pnl()));
        booking::check(e.equity_venue.as_str(), e.cash, &c.balances, trips)?;
    } else {
        notes.push(open_at_end_note(c.open_positions, e.close_at_end));
    }
    let pnls: Vec<results::TripPnl> = c.trades.iter().map(RoundTrip::trip_pnl).collect();
    let statistics = results::statistics(&pnls, &c.balances, &equity, e.annualization_days);
    Ok(RunOutput {
        orders: c.orders,
        fills: c.fills,
        positions: c.trades.len() + c.open_positions,
        data_rows: c.data_rows,
        bars: c.bars,
        elapsed_secs: started.elapsed().as_secs_f64(),
        balances: c.balances,
        trades: c.trades,
        equity,
        statistics,
        trade_sizes,
        price_range: c.price_range,
        notes,
        first_ts: c.first_ts,
        last_ts: c.last_ts,
        trace: c.trace,
        placed: c.placed,
    })
}

/// The last equity sample: the ending balance of the equity currency at the last data row.
pub fn close_equity(
    equity: &mut Vec<(i64, Decimal)>,
    last_ts: Option<i64>,
    balances: &[(String, Decimal, Decimal)],
    currency: Currency,
) {
    if let (Some(ts), Some((_, _, end_balance))) = (
        last_ts,
        balances
            .iter()
            .find(|(ccy, _, _)| ccy == currency.code.as_str()),
    ) {
        recorder::push_sample(equity, ts, *end_balance);
    }
}

/// Why positions were still open at the end.
fn open_at_end_note(open: usize, close_at_end: bool) -> String {
    if close_at_end {
        format!(
            "{open} positions were still open at the end: their closing orders did not fill \
             completely (the volume fill model fills at most a quarter of a bar's volume at each \
             price); their PnL is not in the results"
        )
    } else {
        format!("{open} positions were still open at the end (close_at_end is false)")
    }
}

fn account_balances(account: &AccountAny) -> Vec<(String, Decimal, Decimal)> {
    let acc: &dyn Account = match account {
        AccountAny::Margin(a) => a,
        AccountAny::Cash(a) => a,
        AccountAny::Betting(a) => a,
    };
    let start = acc.starting_balances();
    let end = acc.balances_total();
    let mut currencies: Vec<Currency> = start.keys().copied().collect();
    for c in end.keys() {
        if !currencies.contains(c) {
            currencies.push(*c);
        }
    }
    currencies
        .into_iter()
        .map(|c| {
            let s = start.get(&c).map_or(Decimal::ZERO, |m| m.as_decimal());
            let e = end.get(&c).map_or(Decimal::ZERO, |m| m.as_decimal());
            (c.code.to_string(), s, e)
        })
        .collect()
}
