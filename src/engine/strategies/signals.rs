//! Signal models: pure decision logic on bar closes, free of orders and engines.
//!
//! A model sees each bar and may ask for a new direction. The Nautilus strategy around it
//! turns directions into orders, stops and targets.

use nautilus_indicators::{
    average::{ema::ExponentialMovingAverage, sma::SimpleMovingAverage},
    indicator::MovingAverage,
    momentum::{bb::BollingerBands, rsi::RelativeStrengthIndex},
    volatility::dc::DonchianChannel,
};
use std::collections::VecDeque;

/// A built-in signal model and its arguments: what the engine instantiates per run and what
/// the fast path evaluates over indicator columns.
#[derive(Debug, Clone, PartialEq)]
pub enum SignalSpec {
    MaCross {
        fast: usize,
        slow: usize,
        exponential: bool,
    },
    Rsi {
        period: usize,
        /// RSI points (0-100).
        oversold: f64,
        overbought: f64,
        exit: f64,
    },
    Bollinger {
        period: usize,
        k: f64,
    },
    Donchian {
        entry: usize,
        exit: usize,
    },
    BuyAndHold,
}

impl SignalSpec {
    /// A fresh model (one per instrument and run).
    #[must_use]
    pub fn model(&self) -> Box<dyn SignalModel> {
        match *self {
            Self::MaCross {
                fast,
                slow,
                exponential,
            } => Box::new(MaCross::new(fast, slow, exponential)),
            Self::Rsi {
                period,
                oversold,
                overbought,
                exit,
            } => Box::new(RsiReversion::new(period, oversold, overbought, exit)),
            Self::Bollinger { period, k } => Box::new(BollingerBreakout::new(period, k)),
            Self::Donchian { entry, exit } => Box::new(DonchianBreakout::new(entry, exit)),
            Self::BuyAndHold => Box::new(BuyAndHold::default()),
        }
    }
}

/// A desired market exposure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Short,
    Flat,
    Long,
}

impl Direction {
    /// -1, 0 or 1.
    #[must_use]
    pub const fn sign(self) -> i64 {
        match self {
            Self::Short => -1,
            Self::Flat => 0,
            Self::Long => 1,
        }
    }
}

/// The prices of one closed bar, as floats for the indicators.
#[derive(Debug, Clone, Copy)]
pub struct BarPrices {
    pub high: f64,
    pub low: f64,
    pub close: f64,
}

/// Decides on bar closes; returns a new direction when it wants one.
pub trait SignalModel: Send {
    /// Feeds one bar; `current` is the exposure held now.
    fn on_bar(&mut self, bar: BarPrices, current: Direction) -> Option<Direction>;
}

enum Ma {
    Ema(ExponentialMovingAverage),
    Sma(Box<SimpleMovingAverage>),
}

impl Ma {
    fn update(&mut self, v: f64) {
        match self {
            Self::Ema(m) => m.update_raw(v),
            Self::Sma(m) => m.update_raw(v),
        }
    }

    fn value(&self) -> f64 {
        match self {
            Self::Ema(m) => m.value(),
            Self::Sma(m) => m.value(),
        }
    }

    fn ready(&self) -> bool {
        use nautilus_indicators::indicator::Indicator;
        match self {
            Self::Ema(m) => m.initialized(),
            Self::Sma(m) => m.initialized(),
        }
    }
}

/// Long when the fast average crosses above the slow one, short (or flat) when below.
pub struct MaCross {
    fast: Ma,
    slow: Ma,
    prev_fast_above: Option<bool>,
}

impl MaCross {
    /// A crossover of two EMAs (`exponential`) or SMAs.
    #[must_use]
    pub fn new(fast: usize, slow: usize, exponential: bool) -> Self {
        let make = |p| {
            if exponential {
                Ma::Ema(ExponentialMovingAverage::new(p, None))
            } else {
                Ma::Sma(Box::new(SimpleMovingAverage::new(p, None)))
            }
        };
        Self {
            fast: make(fast),
            slow: make(slow),
            prev_fast_above: None,
        }
    }
}

impl MaCross {
    /// The decision once both averages are ready: a crossing since the previous bar.
    #[inline]
    pub fn decide(prev_fast_above: &mut Option<bool>, fast: f64, slow: f64) -> Option<Direction> {
        let above = fast > slow;
        let prev = prev_fast_above.replace(above)?;
        match (prev, above) {
            (false, true) => Some(Direction::Long),
            (true, false) => Some(Direction::Short),
            _ => None,
        }
    }
}

impl SignalModel for MaCross {
    fn on_bar(&mut self, bar: BarPrices, _current: Direction) -> Option<Direction> {
        self.fast.update(bar.close);
        self.slow.update(bar.close);
        if !self.fast.ready() || !self.slow.ready() {
            return None;
        }
        Self::decide(
            &mut self.prev_fast_above,
            self.fast.value(),
            self.slow.value(),
        )
    }
}

/// Buys oversold and sells overbought RSI readings; exits when RSI crosses back to the middle.
pub struct RsiReversion {
    rsi: RelativeStrengthIndex,
    oversold: f64,
    overbought: f64,
    exit: f64,
}

impl RsiReversion {
    /// Thresholds in RSI points (0-100).
    #[must_use]
    pub fn new(period: usize, oversold: f64, overbought: f64, exit: f64) -> Self {
        Self {
            rsi: RelativeStrengthIndex::new(period, None),
            oversold: oversold / 100.0,
            overbought: overbought / 100.0,
            exit: exit / 100.0,
        }
    }
}

impl RsiReversion {
    /// The decision on a ready RSI value `v` (0-1, as Nautilus holds it).
    #[inline]
    #[must_use]
    pub fn decide(&self, v: f64, current: Direction) -> Option<Direction> {
        match current {
            Direction::Flat if v < self.oversold => Some(Direction::Long),
            Direction::Flat if v > self.overbought => Some(Direction::Short),
            Direction::Long if v >= self.exit => Some(Direction::Flat),
            Direction::Short if v <= self.exit => Some(Direction::Flat),
            _ => None,
        }
    }
}

impl SignalModel for RsiReversion {
    fn on_bar(&mut self, bar: BarPrices, current: Direction) -> Option<Direction> {
        use nautilus_indicators::indicator::Indicator;
        self.rsi.update_raw(bar.close);
        if !self.rsi.initialized() {
            return None;
        }
        self.decide(self.rsi.value, current)
    }
}

/// Enters on a close outside the Bollinger bands, exits on a close back through the middle.
pub struct BollingerBreakout {
    bands: BollingerBands,
}

impl BollingerBreakout {
    /// Bands of `period` bars at `k` standard deviations.
    #[must_use]
    pub fn new(period: usize, k: f64) -> Self {
        Self {
            bands: BollingerBands::new(period, k, None),
        }
    }
}

/// Bollinger band values after a bar.
#[derive(Debug, Clone, Copy)]
pub struct Bands {
    pub upper: f64,
    pub middle: f64,
    pub lower: f64,
}

impl BollingerBreakout {
    /// The decision on a close against ready bands.
    #[inline]
    #[must_use]
    pub fn decide(close: f64, b: Bands, current: Direction) -> Option<Direction> {
        match current {
            Direction::Long if close < b.middle => Some(Direction::Flat),
            Direction::Short if close > b.middle => Some(Direction::Flat),
            _ if close > b.upper && current != Direction::Long => Some(Direction::Long),
            _ if close < b.lower && current != Direction::Short => Some(Direction::Short),
            _ => None,
        }
    }
}

impl SignalModel for BollingerBreakout {
    fn on_bar(&mut self, bar: BarPrices, current: Direction) -> Option<Direction> {
        use nautilus_indicators::indicator::Indicator;
        self.bands.update_raw(bar.high, bar.low, bar.close);
        if !self.bands.initialized() {
            return None;
        }
        let b = Bands {
            upper: self.bands.upper,
            middle: self.bands.middle,
            lower: self.bands.lower,
        };
        Self::decide(bar.close, b, current)
    }
}

/// Turtle-style channel breakout: enter on a close beyond the previous `entry` bars' extreme,
/// exit on a close beyond the previous `exit` bars' opposite extreme.
pub struct DonchianBreakout {
    entry: DonchianChannel,
    exit: DonchianChannel,
    pending: VecDeque<BarPrices>,
}

impl DonchianBreakout {
    /// Channels of `entry` and `exit` bars.
    #[must_use]
    pub fn new(entry: usize, exit: usize) -> Self {
        Self {
            entry: DonchianChannel::new(entry),
            exit: DonchianChannel::new(exit),
            pending: VecDeque::with_capacity(1),
        }
    }
}

/// A Donchian channel's bounds.
#[derive(Debug, Clone, Copy)]
pub struct Channel {
    pub upper: f64,
    pub lower: f64,
}

impl DonchianBreakout {
    /// The decision on a close against the ready channels of the bars before it.
    #[inline]
    #[must_use]
    pub fn decide(
        close: f64,
        entry: Channel,
        exit: Channel,
        current: Direction,
    ) -> Option<Direction> {
        match current {
            Direction::Long if close < exit.lower => Some(Direction::Flat),
            Direction::Short if close > exit.upper => Some(Direction::Flat),
            Direction::Flat if close > entry.upper => Some(Direction::Long),
            Direction::Flat if close < entry.lower => Some(Direction::Short),
            _ => None,
        }
    }
}

impl SignalModel for DonchianBreakout {
    fn on_bar(&mut self, bar: BarPrices, current: Direction) -> Option<Direction> {
        use nautilus_indicators::indicator::Indicator;
        // Compare against the channels of the bars before this one, then add this bar.
        let decision = if self.entry.initialized() && self.exit.initialized() {
            let channel = |c: &DonchianChannel| Channel {
                upper: c.upper,
                lower: c.lower,
            };
            Self::decide(
                bar.close,
                channel(&self.entry),
                channel(&self.exit),
                current,
            )
        } else {
            None
        };
        self.pending.push_back(bar);
        if let Some(b) = self.pending.pop_front() {
            self.entry.update_raw(b.high, b.low);
            self.exit.update_raw(b.high, b.low);
        }
        decision
    }
}

/// Buys on the first bar and holds: the benchmark.
#[derive(Default)]
pub struct BuyAndHold {
    done: bool,
}

impl BuyAndHold {
    /// Long on the first bar, then nothing.
    #[inline]
    pub fn decide(done: &mut bool) -> Option<Direction> {
        if std::mem::replace(done, true) {
            None
        } else {
            Some(Direction::Long)
        }
    }
}

impl SignalModel for BuyAndHold {
    fn on_bar(&mut self, _bar: BarPrices, _current: Direction) -> Option<Direction> {
        Self::decide(&mut self.done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(c: f64) -> BarPrices {
        BarPrices {
            high: c + 0.5,
            low: c - 0.5,
            close: c,
        }
    }

    #[test]
    fn ma_cross_signals_on_crossings_only() {
        let mut m = MaCross::new(2, 4, true);
        let mut out = Vec::new();
        let prices = [
            10.0, 10.0, 10.0, 10.0, 9.0, 8.0, 7.0, 9.0, 12.0, 14.0, 13.0, 9.0, 6.0,
        ];
        for p in prices {
            if let Some(d) = m.on_bar(bar(p), Direction::Flat) {
                out.push(d);
            }
        }
        // Flat prices leave fast == slow (not above), so the first crossing is upwards.
        assert_eq!(out.first(), Some(&Direction::Long));
        assert!(out.contains(&Direction::Short));
        assert!(out.windows(2).all(|w| w[0] != w[1]), "alternates: {out:?}");
    }

    #[test]
    fn buy_and_hold_buys_once() {
        let mut m = BuyAndHold::default();
        assert_eq!(m.on_bar(bar(1.0), Direction::Flat), Some(Direction::Long));
        assert_eq!(m.on_bar(bar(2.0), Direction::Long), None);
    }

    #[test]
    fn donchian_breaks_out() {
        let mut m = DonchianBreakout::new(3, 2);
        let mut cur = Direction::Flat;
        let mut seen = Vec::new();
        for p in [10.0, 10.0, 10.0, 10.0, 12.0, 12.5, 9.0] {
            if let Some(d) = m.on_bar(bar(p), cur) {
                cur = d;
                seen.push(d);
            }
        }
        assert_eq!(seen, vec![Direction::Long, Direction::Flat]);
    }
}
