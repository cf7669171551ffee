//! Indicator values as columns: each distinct indicator and arguments computed once over the
//! bars with Nautilus's own indicator types, fed exactly what the engine's strategies feed
//! them, so every value is the engine's, bit for bit.

use std::{collections::HashMap, sync::Arc};

use nautilus_indicators::{
    average::{ema::ExponentialMovingAverage, sma::SimpleMovingAverage},
    indicator::{Indicator, MovingAverage},
    momentum::{bb::BollingerBands, rsi::RelativeStrengthIndex},
    volatility::dc::DonchianChannel,
};

use super::bars::Bars;

/// An indicator and its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndicatorKey {
    Ema(usize),
    Sma(usize),
    Rsi(usize),
    /// Period and the bits of `k`.
    Bollinger(usize, u64),
    Donchian(usize),
}

/// An indicator's outputs after each bar.
#[derive(Debug, Clone)]
pub struct Series {
    /// One column per output (e.g. upper, middle, lower), one value per bar.
    pub outputs: Vec<Vec<f64>>,
    /// The first bar after which the indicator is initialized (`usize::MAX`: never).
    pub ready_from: usize,
}

impl Series {
    /// Output `k` after bar `i`.
    #[inline]
    #[must_use]
    pub fn at(&self, k: usize, i: usize) -> f64 {
        self.outputs[k][i]
    }

    /// Whether the indicator is initialized after bar `i`.
    #[inline]
    #[must_use]
    pub fn ready(&self, i: usize) -> bool {
        i >= self.ready_from
    }
}

/// Computed columns, shared by every combination of a sweep.
#[derive(Debug, Default)]
pub struct Columns {
    map: HashMap<IndicatorKey, Arc<Series>>,
}

impl Columns {
    /// The column of `key`, computed on first use.
    pub fn get(&mut self, key: IndicatorKey, bars: &Bars) -> Arc<Series> {
        self.map
            .entry(key)
            .or_insert_with(|| Arc::new(compute(key, bars)))
            .clone()
    }

    /// The column of `key`, if computed.
    #[must_use]
    pub fn lookup(&self, key: IndicatorKey) -> Option<Arc<Series>> {
        self.map.get(&key).cloned()
    }

    /// Number of distinct indicator columns held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when none is held.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn run<I>(
    n: usize,
    outputs: usize,
    mut indicator: I,
    mut update: impl FnMut(&mut I, usize),
    read: impl Fn(&I, &mut [Vec<f64>]),
) -> Series
where
    I: Indicator,
{
    let mut cols = vec![Vec::with_capacity(n); outputs];
    let mut ready_from = usize::MAX;
    for i in 0..n {
        update(&mut indicator, i);
        if ready_from == usize::MAX && indicator.initialized() {
            ready_from = i;
        }
        read(&indicator, &mut cols);
    }
    Series {
        outputs: cols,
        ready_from,
    }
}

/// Runs one indicator over all bars.
#[must_use]
pub fn compute(key: IndicatorKey, b: &Bars) -> Series {
    let n = b.len();
    match key {
        IndicatorKey::Ema(p) => run(
            n,
            1,
            ExponentialMovingAverage::new(p, None),
            |m, i| m.update_raw(b.close_f[i]),
            |m, c| c[0].push(m.value()),
        ),
        IndicatorKey::Sma(p) => run(
            n,
            1,
            SimpleMovingAverage::new(p, None),
            |m, i| m.update_raw(b.close_f[i]),
            |m, c| c[0].push(m.value()),
        ),
        IndicatorKey::Rsi(p) => run(
            n,
            1,
            RelativeStrengthIndex::new(p, None),
            |m, i| m.update_raw(b.close_f[i]),
            |m, c| c[0].push(m.value),
        ),
        IndicatorKey::Bollinger(p, k) => run(
            n,
            3,
            BollingerBands::new(p, f64::from_bits(k), None),
            |m, i| m.update_raw(b.high_f[i], b.low_f[i], b.close_f[i]),
            |m, c| {
                c[0].push(m.upper);
                c[1].push(m.middle);
                c[2].push(m.lower);
            },
        ),
        IndicatorKey::Donchian(p) => run(
            n,
            2,
            DonchianChannel::new(p),
            |m, i| m.update_raw(b.high_f[i], b.low_f[i]),
            |m, c| {
                c[0].push(m.upper);
                c[1].push(m.lower);
            },
        ),
    }
}
