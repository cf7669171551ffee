//! Time bars into coarser time bars, with Nautilus's bar builder.
//!
//! Nautilus's `TimeBarAggregator` closes bars on clock timers, which a historical read has no
//! use for; its work on each interval is `BarBuilder::update_bar` for the bars inside and
//! `BarBuilder::build` at the interval's close. This module does exactly that, with the
//! intervals computed from the timestamps: a bar of step S closes at each multiple of S since
//! the Unix epoch (so hours and days start on the UTC hour and midnight) and holds the source
//! bars that close after its open and at or before its close. Intervals without source bars
//! produce no bar.

use nautilus_data::aggregation::BarBuilder;
use nautilus_model::{
    data::{Bar, BarSpecification, BarType},
    enums::AggregationSource,
    identifiers::InstrumentId,
    types::{Price, Quantity},
};

use super::{codec::BarRow, nautilus};
use crate::error::{OpError, OpResult};

/// The close time of the interval of `step` that a bar closing at `ts` belongs to.
#[must_use]
pub fn interval_close(ts: i64, step: i64) -> i64 {
    (ts - 1)
        .div_euclid(step)
        .saturating_add(1)
        .saturating_mul(step)
}

fn mantissa_price(p: Price) -> i64 {
    p.as_decimal().mantissa() as i64
}

fn mantissa_qty(q: Quantity) -> i64 {
    q.as_decimal().mantissa() as i64
}

/// Aggregates bars (sorted by close time, all of `source` spec) into bars of `target` spec.
///
/// Fails, instead of overflowing, when an interval's volume would not fit a Nautilus quantity.
pub fn resample(
    instrument_id: InstrumentId,
    source: BarSpecification,
    target: BarSpecification,
    rows: &[BarRow],
    price_precision: u8,
    size_precision: u8,
) -> OpResult<Vec<BarRow>> {
    let step = super::spec_step_ns(&target);
    if step <= 0 {
        return Err(OpError::internal(format!("{target} has no time step")));
    }
    // Nautilus quantities hold at most QUANTITY_MAX; check each interval's volume first.
    let max_volume = (nautilus_model::types::quantity::QUANTITY_MAX as i128)
        * 10i128.pow(u32::from(size_precision));
    let (mut current, mut sum) = (None, 0i128);
    for r in rows {
        let close = interval_close(r.ts, step);
        if current != Some(close) {
            current = Some(close);
            sum = 0;
        }
        sum += i128::from(r.volume);
        if sum > max_volume {
            return Err(OpError::invalid(
                "bar_spec",
                format!(
                    "the volume of the {target} bar closing at {} exceeds what a Nautilus quantity holds; resample to a shorter step",
                    super::time::format_ns(close)
                ),
            ));
        }
    }
    let source_type = BarType::new(instrument_id, source, AggregationSource::External);
    let mut builder = IntervalBuilder::new(instrument_id, target, price_precision, size_precision);
    let mut out = Vec::with_capacity(rows.len() / 2 + 1);
    let row_of = |bar: Bar| BarRow {
        ts: bar.ts_event.as_u64() as i64,
        open: mantissa_price(bar.open),
        high: mantissa_price(bar.high),
        low: mantissa_price(bar.low),
        close: mantissa_price(bar.close),
        volume: mantissa_qty(bar.volume),
    };
    for r in rows {
        let bar = nautilus::bar(source_type, r, price_precision, size_precision);
        let (before, now) = builder.push(&bar);
        out.extend(before.into_iter().chain(now).map(row_of));
    }
    out.extend(builder.finish().map(row_of));
    Ok(out)
}

/// Builds bars of a coarser step from finer bars as they come, the way [`resample`] does on a
/// whole series: an interval's bar is complete once a bar closes at the interval's close (it
/// can hold no later bar), or when a bar of a later interval arrives.
pub struct IntervalBuilder {
    step: i64,
    builder: BarBuilder,
    /// Close time of the interval being built, if it holds a bar.
    current: Option<i64>,
}

impl IntervalBuilder {
    /// A builder of `target` bars of `instrument_id` at the given precisions.
    #[must_use]
    pub fn new(
        instrument_id: InstrumentId,
        target: BarSpecification,
        price_precision: u8,
        size_precision: u8,
    ) -> Self {
        let target_type = BarType::new(instrument_id, target, AggregationSource::Internal);
        Self {
            step: super::spec_step_ns(&target).max(1),
            builder: BarBuilder::new(target_type, price_precision, size_precision),
            current: None,
        }
    }

    fn close(&mut self, at: i64) -> Bar {
        let ts = nautilus_core::UnixNanos::from(at.max(0) as u64);
        self.current = None;
        self.builder.build(ts, ts)
    }

    /// Adds a bar (its `ts_event` is its close). Returns the bar of an earlier interval this
    /// one ends, and the bar of its own interval when this bar completes it.
    pub fn push(&mut self, bar: &Bar) -> (Option<Bar>, Option<Bar>) {
        let ts = bar.ts_event.as_u64() as i64;
        let close = interval_close(ts, self.step);
        let before = match self.current {
            Some(c) if c != close => Some(self.close(c)),
            _ => None,
        };
        self.current = Some(close);
        self.builder.update_bar(*bar, bar.volume, bar.ts_init);
        let now = (ts == close).then(|| self.close(close));
        (before, now)
    }

    /// The bar of the interval still open (at the end of the data).
    pub fn finish(&mut self) -> Option<Bar> {
        self.current.map(|c| self.close(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: i64 = 60_000_000_000;

    fn row(minute: i64, o: i64, h: i64, l: i64, c: i64, v: i64) -> BarRow {
        BarRow {
            ts: 1_704_067_200_000_000_000 + minute * M,
            open: o,
            high: h,
            low: l,
            close: c,
            volume: v,
        }
    }

    #[test]
    fn minutes_into_five_minutes() {
        let spec = |s: &str| crate::data::parse_bar_spec("bar_spec", s).unwrap();
        // Bars closing at minutes 1..=7: two full 5-minute intervals (closing at 5 and 10).
        let rows: Vec<BarRow> = (1..=7)
            .map(|m| row(m, 100 + m, 110 + m, 90 + m, 101 + m, 10 * m))
            .collect();
        let out = resample(
            InstrumentId::from("BTCUSDT.BINANCE"),
            spec("1-MINUTE-LAST"),
            spec("5-MINUTE-LAST"),
            &rows,
            2,
            5,
        )
        .unwrap();
        assert_eq!(
            out,
            vec![
                row(5, 101, 115, 91, 106, 150),
                row(10, 106, 117, 96, 108, 130),
            ]
        );
        assert_eq!(
            interval_close(row(5, 0, 0, 0, 0, 0).ts, 5 * M),
            row(5, 0, 0, 0, 0, 0).ts
        );
    }
}
