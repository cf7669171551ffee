//! Moving the paper market through the catalog's data: the market clock (a cursor in time)
//! advances and every bar goes through the venues' matching engines.

use std::collections::BTreeSet;

use nautilus_model::{data::Data, identifiers::InstrumentId};

use super::{session::Session, strategy_runner, world::World};
use crate::{
    data,
    engine::backtest::catalog_batches::{Feed, SeriesKind},
    error::{OpError, OpResult},
    store::{self, catalog},
};

/// How far to move the market.
#[derive(Debug, Clone, Copy)]
pub enum Until {
    /// Through this time (inclusive).
    Time(i64),
    /// Through the next N distinct bar times.
    Bars(u64),
    /// Through the end of the data.
    End,
}

/// What an advance did.
#[derive(Debug, Clone, Default)]
pub struct Advanced {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub bars: u64,
    pub instruments: Vec<String>,
    /// Orders changed, in order of first change.
    pub orders: Vec<String>,
    pub fills: u64,
    /// Orders placed by attached strategies.
    pub strategy_orders: u64,
    pub notes: Vec<String>,
    /// Why the advance stopped before `until`, if it did.
    pub stopped: Option<String>,
}

/// Rows per transaction: long advances commit as they go.
const ROWS_PER_COMMIT: usize = 20_000;

/// Rows between two checks of `stop`.
const ROWS_PER_STOP_CHECK: usize = 1_000;

/// Moves the paper market forward. Every [`ROWS_PER_STOP_CHECK`] bars it asks `stop` whether
/// to stop early (a halt is waiting for the node thread, the caller gave up): it then commits
/// what it replayed and returns, with the reason in `stopped`; the market clock stays at the
/// last bar replayed, so the next advance goes on from there.
pub fn advance(
    w: &mut World,
    until: Until,
    stop: &dyn Fn() -> Option<String>,
) -> OpResult<Advanced> {
    let (series, start) = {
        let s = Session::begin(w)?;
        s.require_node()?;
        let paper: BTreeSet<String> = s
            .venues
            .iter()
            .filter(|(_, v)| v.paper.is_some())
            .map(|(k, _)| k.to_string())
            .collect();
        if paper.is_empty() {
            return Err(OpError::state(
                "no paper venue is connected: `venue connect VENUE` (connect_venue) first",
            ));
        }
        let start = s.market_ts().map_or(i64::MIN, |t| t.saturating_add(1));
        let mut ids: Vec<InstrumentId> = catalog::list(&s.w.conn)?
            .iter()
            .filter(|m| m.kind == "bars")
            .map(|m| InstrumentId::from(m.instrument_id.as_str()))
            .filter(|i| paper.contains(i.venue.as_str()))
            .collect();
        ids.dedup();
        let mut series = Vec::new();
        for id in ids {
            let b = catalog::bars_for(&s.w.conn, id, None)?;
            for meta in std::iter::once(b.signal).chain(b.extra) {
                let spec = data::parse_bar_spec("bar_spec", &meta.spec)?;
                series.push((meta, SeriesKind::Bars(data::bar_type(id, spec))));
            }
        }
        drop(s);
        (series, start)
    };
    if series.is_empty() {
        return Err(OpError::state(
            "the catalog has no bars for the connected paper venues' instruments; import or generate some",
        ));
    }
    let end = match until {
        Until::Time(t) => t,
        _ => i64::MAX,
    };
    if let Until::Time(t) = until
        && start != i64::MIN
        && t < start - 1
    {
        return Err(OpError::invalid(
            "until",
            format!(
                "{} is before the market clock {}",
                data::time::format_ns(t),
                data::time::format_ns(start - 1)
            ),
        ));
    }
    let mut report = Advanced {
        instruments: series.iter().map(|(m, _)| m.key.clone()).collect(),
        ..Advanced::default()
    };
    let read = store::open_connection(&w.database)?;
    let mut feed = Feed::new(&read, series, start, end)?;
    let mut pending: std::collections::VecDeque<Data> = std::collections::VecDeque::new();
    let (mut times, mut last_time) = (0u64, i64::MIN);
    let mut runner = strategy_runner::Runner::load(w)?;
    'outer: loop {
        let mut s = Session::begin(w)?;
        let mut rows = 0usize;
        loop {
            if pending.is_empty() {
                pending.extend(feed.next_batch()?);
                if pending.is_empty() {
                    break;
                }
            }
            let Some(Data::Bar(bar)) = pending.front().cloned() else {
                pending.pop_front();
                continue;
            };
            let ts = bar.ts_event.as_u64() as i64;
            if ts != last_time {
                if let Until::Bars(n) = until
                    && times >= n
                {
                    collect(&s, &mut report);
                    runner.save(&s)?;
                    s.commit()?;
                    break 'outer;
                }
                times += 1;
                last_time = ts;
            }
            pending.pop_front();
            report.from.get_or_insert(ts);
            report.to = Some(ts);
            report.bars += 1;
            s.process_bar(&bar)?;
            report.strategy_orders += runner.on_bar(&mut s, &bar)?;
            rows += 1;
            if rows.is_multiple_of(ROWS_PER_STOP_CHECK)
                && let Some(why) = stop()
            {
                collect(&s, &mut report);
                runner.save(&s)?;
                s.commit()?;
                report.stopped = Some(why);
                break 'outer;
            }
            if rows >= ROWS_PER_COMMIT {
                collect(&s, &mut report);
                runner.save(&s)?;
                s.commit()?;
                continue 'outer;
            }
        }
        if let Until::Time(t) = until {
            s.advance_clock(t)?;
            report.to = Some(report.to.map_or(t, |x| x.max(t)));
        }
        collect(&s, &mut report);
        runner.save(&s)?;
        s.commit()?;
        break;
    }
    report.notes.extend(runner.notes());
    Ok(report)
}

fn collect(s: &Session<'_>, report: &mut Advanced) {
    let ch = s.applier.changes.borrow();
    for (_, r) in &ch.entries {
        if let super::apply::Recorded::Order(e) = r {
            let id = e.client_order_id().to_string();
            if !report.orders.contains(&id) {
                report.orders.push(id);
            }
            if matches!(e, nautilus_model::events::OrderEventAny::Filled(_)) {
                report.fills += 1;
            }
        }
    }
}
