//! Many runs over the same bars: the bars loaded once, each distinct indicator computed once,
//! and the runs spread over threads, each producing either a light result (what a ranking
//! needs) or the full output of one run.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    time::Instant,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    Declined,
    bars::Bars,
    indicators::{Column, Columns},
    output, rules,
    sim::{self, SimOutput},
    sim_config, stopped,
};
use crate::{
    engine::{
        backtest::{
            RunOutput, RunSpec, booking, close_equity,
            results::{Statistics, TripPnl, money_f64, statistics},
        },
        strategies::lang::plan::Plan,
    },
    error::{OpError, OpResult},
    progress::{ProgressSink, ProgressUpdate},
};

/// The bars of a batch of runs and every indicator column they read.
#[derive(Debug)]
pub struct Shared {
    pub bars: Bars,
    pub columns: Columns,
}

impl Shared {
    /// Loads the bars of `spec` (every run of the batch trades the same series over the same
    /// range) and computes the columns the `plans` read.
    pub fn load<'s>(spec: &RunSpec, plans: impl IntoIterator<Item = &'s Plan>) -> OpResult<Self> {
        let conn = crate::store::open_read_only(&spec.database, "opening the catalog")?;
        let setup = spec
            .instruments
            .first()
            .ok_or_else(|| OpError::internal("a run without instruments"))?;
        let bars = Bars::load(&conn, &setup.signal.0, spec.start_ns, spec.end_ns)?;
        Ok(Self::from_bars(bars, plans))
    }

    /// Columns over `bars` for the `plans` (those the fast path evaluates).
    pub fn from_bars<'s>(bars: Bars, plans: impl IntoIterator<Item = &'s Plan>) -> Self {
        let mut columns = Columns::default();
        for plan in plans {
            if rules::supported(plan).is_ok() {
                rules::columns_for(plan, &bars, &mut columns);
            }
        }
        Self { bars, columns }
    }

    /// The columns of `plan`'s indicators, in its order.
    fn columns(&self, plan: &Plan) -> Vec<Arc<Column>> {
        plan.indicators
            .iter()
            .map(|s| {
                self.columns
                    .lookup(s)
                    .unwrap_or_else(|| Arc::new(super::indicators::compute(s, &self.bars)))
            })
            .collect()
    }

    fn simulate(
        &self,
        spec: &RunSpec,
        keep_trips: bool,
        poll: &dyn Fn(usize) -> bool,
    ) -> Result<(sim::SimConfig, SimOutput), sim::Unsupported> {
        super::applies(spec)?;
        let plan = &*spec.strategy.plan;
        let columns = self.columns(plan);
        let mut kernel = rules::Kernel::new(plan, &self.bars, &columns);
        let cfg = sim_config(spec, keep_trips);
        let out = sim::simulate(&cfg, &self.bars, &mut kernel, poll)?;
        Ok((cfg, out))
    }

    /// The full output of one run of the batch, reporting progress (bars done) to `progress`.
    pub fn run_full(
        &self,
        spec: &RunSpec,
        cancel: &tokio_util::sync::CancellationToken,
        progress: Option<&ProgressSink>,
    ) -> Result<RunOutput, Declined> {
        let started = Instant::now();
        let total = self.bars.len() as u64;
        let poll = |done: usize| {
            if let Some(p) = progress {
                p(ProgressUpdate {
                    done: done as u64,
                    total: Some(total),
                    message: None,
                });
            }
            cancel.is_cancelled()
        };
        let (cfg, out) = self
            .simulate(spec, true, &poll)
            .map_err(|e| stopped(e, cancel))?;
        Ok(output(spec, &cfg, &self.bars, out, started)?)
    }

    /// What a ranking needs of one run of the batch.
    pub fn run_light(
        &self,
        spec: &RunSpec,
        cancel: &tokio_util::sync::CancellationToken,
    ) -> Result<Light, Declined> {
        let (cfg, out) = self
            .simulate(spec, false, &|_| cancel.is_cancelled())
            .map_err(|e| stopped(e, cancel))?;
        Ok(Light::of(spec, &cfg, &self.bars, out)?)
    }
}

/// The outcome of one run without its round trips, equity curve or orders: what a ranking
/// shows, computed exactly as the full output's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Light {
    pub orders: usize,
    pub fills: usize,
    pub round_trips: usize,
    pub open_positions: usize,
    /// (currency, starting, ending).
    pub balances: Vec<(String, Decimal, Decimal)>,
    pub statistics: Statistics,
    /// Most consecutive round trips with a negative PnL.
    pub longest_losing_streak: usize,
}

/// Most consecutive values below zero.
fn longest_losing_streak(pnls: impl Iterator<Item = bool>) -> usize {
    let (mut streak, mut longest) = (0usize, 0usize);
    for losing in pnls {
        streak = if losing { streak + 1 } else { 0 };
        longest = longest.max(streak);
    }
    longest
}

impl Light {
    fn of(spec: &RunSpec, cfg: &sim::SimConfig, bars: &Bars, out: SimOutput) -> OpResult<Self> {
        let balances = out.balances.report();
        let mut equity = out.equity;
        close_equity(
            &mut equity,
            bars.ts.last().copied(),
            &balances,
            spec.equity_currency,
        );
        let instrument = cfg.instrument_id_string();
        let currency = cfg.settlement_code();
        if out.open_positions == 0 {
            let trips = out
                .trip_pnls
                .iter()
                .map(|t| (instrument.as_str(), currency.as_str(), t.pnl.as_decimal()));
            booking::check(spec.equity_venue.as_str(), false, &balances, trips)?;
        }
        let code = ustr::Ustr::from(&currency);
        let pnls: Vec<TripPnl> = out
            .trip_pnls
            .iter()
            .map(|t| TripPnl {
                currency: code,
                pnl: money_f64(&t.pnl),
                long: t.long,
            })
            .collect();
        Ok(Self {
            orders: out.orders,
            fills: out.fills,
            round_trips: out.trip_pnls.len(),
            open_positions: out.open_positions,
            statistics: statistics(&pnls, &balances, &equity, spec.annualization_days),
            longest_losing_streak: longest_losing_streak(
                out.trip_pnls.iter().map(|t| t.pnl.raw < 0),
            ),
            balances,
        })
    }

    /// The light result of a full output.
    #[must_use]
    pub fn from_output(o: &RunOutput) -> Self {
        Self {
            orders: o.orders,
            fills: o.fills,
            round_trips: o.trades.len(),
            open_positions: o.positions - o.trades.len(),
            balances: o.balances.clone(),
            statistics: o.statistics.clone(),
            longest_losing_streak: longest_losing_streak(
                o.trades.iter().map(|t| t.pnl() < Decimal::ZERO),
            ),
        }
    }
}

/// Runs `work(i)` for `i` in `0..n` on `threads` threads, handing each result to `sink` on
/// the calling thread as it comes (in completion order). `sink` returning false stops
/// handing out new work.
pub fn par_map<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
    mut sink: impl FnMut(usize, T) -> bool,
) {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, n.max(1)) {
            let (tx, next, work) = (tx.clone(), &next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    if tx.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            if !sink(i, result) {
                next.store(n, Ordering::Relaxed);
            }
        }
    });
}
