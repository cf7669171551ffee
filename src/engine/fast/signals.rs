//! The built-in signal models evaluated over indicator columns: the same decision functions
//! the engine's models call, read from precomputed values instead of live indicators.

use std::sync::Arc;

use super::{
    bars::Bars,
    indicators::{Columns, IndicatorKey, Series},
};
use crate::engine::strategies::signals::{
    Bands, BollingerBreakout, BuyAndHold, Channel, Direction, DonchianBreakout, MaCross,
    RsiReversion, SignalSpec,
};

/// The indicator columns a signal reads.
#[must_use]
pub fn indicator_keys(spec: &SignalSpec) -> Vec<IndicatorKey> {
    match *spec {
        SignalSpec::MaCross {
            fast,
            slow,
            exponential,
        } => {
            let key = |p| {
                if exponential {
                    IndicatorKey::Ema(p)
                } else {
                    IndicatorKey::Sma(p)
                }
            };
            vec![key(fast), key(slow)]
        }
        SignalSpec::Rsi { period, .. } => vec![IndicatorKey::Rsi(period)],
        SignalSpec::Bollinger { period, k } => vec![IndicatorKey::Bollinger(period, k.to_bits())],
        SignalSpec::Donchian { entry, exit } => {
            vec![IndicatorKey::Donchian(entry), IndicatorKey::Donchian(exit)]
        }
        SignalSpec::BuyAndHold => Vec::new(),
    }
}

/// A signal bound to its columns, with the state it keeps between bars.
pub enum Kernel<'c> {
    MaCross {
        fast: &'c Series,
        slow: &'c Series,
        prev_fast_above: Option<bool>,
    },
    Rsi {
        rsi: &'c Series,
        model: RsiReversion,
    },
    Bollinger {
        bands: &'c Series,
    },
    Donchian {
        entry: &'c Series,
        exit: &'c Series,
    },
    BuyAndHold {
        done: bool,
    },
}

impl<'c> Kernel<'c> {
    /// Binds `spec` to its columns (`series`, in the order of [`indicator_keys`]).
    #[must_use]
    pub fn new(spec: &SignalSpec, series: &'c [Arc<Series>]) -> Self {
        match *spec {
            SignalSpec::MaCross { .. } => Self::MaCross {
                fast: &series[0],
                slow: &series[1],
                prev_fast_above: None,
            },
            SignalSpec::Rsi {
                period,
                oversold,
                overbought,
                exit,
            } => Self::Rsi {
                rsi: &series[0],
                model: RsiReversion::new(period, oversold, overbought, exit),
            },
            SignalSpec::Bollinger { .. } => Self::Bollinger { bands: &series[0] },
            SignalSpec::Donchian { .. } => Self::Donchian {
                entry: &series[0],
                exit: &series[1],
            },
            SignalSpec::BuyAndHold => Self::BuyAndHold { done: false },
        }
    }

    /// The decision after bar `i` (close `close`), holding `current`.
    #[inline]
    pub fn decide(&mut self, i: usize, close: f64, current: Direction) -> Option<Direction> {
        match self {
            Self::MaCross {
                fast,
                slow,
                prev_fast_above,
            } => {
                if !fast.ready(i) || !slow.ready(i) {
                    return None;
                }
                MaCross::decide(prev_fast_above, fast.at(0, i), slow.at(0, i))
            }
            Self::Rsi { rsi, model } => {
                if !rsi.ready(i) {
                    return None;
                }
                model.decide(rsi.at(0, i), current)
            }
            Self::Bollinger { bands } => {
                if !bands.ready(i) {
                    return None;
                }
                let b = Bands {
                    upper: bands.at(0, i),
                    middle: bands.at(1, i),
                    lower: bands.at(2, i),
                };
                BollingerBreakout::decide(close, b, current)
            }
            Self::Donchian { entry, exit } => {
                // The channels of the bars before this one.
                let prev = i.checked_sub(1)?;
                if !entry.ready(prev) || !exit.ready(prev) {
                    return None;
                }
                let channel = |s: &Series| Channel {
                    upper: s.at(0, prev),
                    lower: s.at(1, prev),
                };
                DonchianBreakout::decide(close, channel(entry), channel(exit), current)
            }
            Self::BuyAndHold { done } => BuyAndHold::decide(done),
        }
    }
}

/// The columns of `spec` over `bars`, computed (or reused from `columns`).
pub fn series_for(spec: &SignalSpec, bars: &Bars, columns: &mut Columns) -> Vec<Arc<Series>> {
    indicator_keys(spec)
        .into_iter()
        .map(|k| columns.get(k, bars))
        .collect()
}
