//! Backtests on Nautilus's `BacktestEngine`: one engine on one thread per run, data streamed
//! chunk by chunk from the catalog, per-event history purged between chunks so the cost stays
//! linear in the data.

mod booking;
pub mod catalog_batches;
pub mod recorder;
pub mod results;

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
    recorder::Recorder,
    results::{RoundTrip, Statistics},
};
use crate::{
    engine::strategies::{
        StrategyPlan,
        builtin::{BuiltinStrategy, Sizing, StrategySetup},
    },
    error::{Code, OpError, OpResult},
    progress::ProgressSink,
    store::catalog::SeriesMeta,
};

/// One simulated venue of a run.
pub struct VenueSetup {
    pub venue: Venue,
    pub oms_type: OmsType,
    pub account_type: AccountType,
    pub starting_balances: Vec<Money>,
    pub base_currency: Option<Currency>,
    pub leverage: Option<Decimal>,
    pub fill_model: FillModelAny,
    pub fee_model: FeeModelAny,
}

/// One traded instrument of a run and the data that drives it.
pub struct InstrumentSetup {
    pub instrument: InstrumentAny,
    /// The bars the strategy trades on.
    pub signal: (SeriesMeta, BarType),
    /// Other series fed to the venue (e.g. the ask side of bid/ask bars).
    pub extra: Vec<(SeriesMeta, SeriesKind)>,
    pub sizing: Sizing,
}

/// Everything a run needs; built by the ops layer, consumed on the run's thread.
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
    let close_at_end = spec.strategy.common.close_at_end;
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

    let recorder = Rc::new(RefCell::new(Recorder::new(spec.equity_step_ns)));
    let mut series = Vec::new();
    for (i, setup) in spec.instruments.into_iter().enumerate() {
        engine.add_instrument(&setup.instrument).map_err(|e| {
            OpError::invalid("instruments", format!("{}: {e}", setup.instrument.id()))
        })?;
        let tag = format!("{:03}", i + 1);
        let strategy = BuiltinStrategy::new(
            StrategySetup {
                strategy_id: StrategyId::from(format!("{}-{tag}", spec.strategy.id).as_str()),
                order_id_tag: tag,
                instrument: setup.instrument.clone(),
                bar_type: setup.signal.1,
                sizing: setup.sizing,
                common: spec.strategy.common.clone(),
                recorder: recorder.clone(),
                equity_venue: spec.equity_venue,
                equity_currency: spec.equity_currency,
                samples_equity: i == 0,
                hedging: hedging.contains(&setup.instrument.id().venue),
            },
            (spec.strategy.signal)(),
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
    if let (Some(ts), Some((_, _, end_balance))) = (
        last_ts,
        balances
            .iter()
            .find(|(c, _, _)| c == spec.equity_currency.code.as_str()),
    ) {
        rec.push_equity(ts, *end_balance);
    }
    let bars = rec.bars();
    let price_range = rec.price_range();
    let (orders, fills) = (rec.orders + remaining_orders, rec.fills + remaining_fills);
    let mut trades = std::mem::take(&mut rec.trips);
    trades.extend(last_trips);
    let mut refusals: Vec<(String, usize)> =
        std::mem::take(&mut rec.refusals).into_iter().collect();
    refusals.sort_by_key(|r| std::cmp::Reverse(r.1));
    let recorder::Recorded {
        equity,
        trade_sizes,
        mut notes,
    } = rec.take();
    drop(rec);
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
    if open_positions == 0 {
        let cash = equity_account_type == AccountType::Cash;
        if let Err(e) = booking::check(spec.equity_venue.as_str(), cash, &balances, &trades) {
            engine.dispose();
            return Err(e);
        }
    } else {
        notes.push(open_at_end_note(open_positions, close_at_end));
    }
    let statistics = results::statistics(&trades, &balances, &equity, spec.annualization_days);
    engine.dispose();
    Ok(RunOutput {
        orders,
        fills,
        positions: trades.len() + open_positions,
        data_rows: rows,
        bars,
        elapsed_secs: started.elapsed().as_secs_f64(),
        balances,
        trades,
        equity,
        statistics,
        trade_sizes,
        price_range,
        notes,
        first_ts,
        last_ts,
    })
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
