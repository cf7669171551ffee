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

/// A signal bound to its columns, with the state it keeps between bars. Columns are held as
/// slices with the first bar from which every one the signal reads is ready.
pub enum Kernel<'c> {
    MaCross {
        fast: &'c [f64],
        slow: &'c [f64],
        ready: usize,
        prev_fast_above: Option<bool>,
    },
    Rsi {
        rsi: &'c [f64],
        ready: usize,
        model: RsiReversion,
    },
    Bollinger {
        upper: &'c [f64],
        middle: &'c [f64],
        lower: &'c [f64],
        ready: usize,
    },
    Donchian {
        entry: &'c Series,
        exit: &'c Series,
        /// The bar after the one from which both channels are ready.
        ready: usize,
    },
    BuyAndHold {
        done: bool,
    },
}

impl<'c> Kernel<'c> {
    /// Binds `spec` to its columns (`series`, in the order of [`indicator_keys`]).
    #[must_use]
    pub fn new(spec: &SignalSpec, series: &'c [Arc<Series>]) -> Self {
        let col = |k: usize, o: usize| series[k].outputs[o].as_slice();
        match *spec {
            SignalSpec::MaCross { .. } => Self::MaCross {
                fast: col(0, 0),
                slow: col(1, 0),
                ready: series[0].ready_from.max(series[1].ready_from),
                prev_fast_above: None,
            },
            SignalSpec::Rsi {
                period,
                oversold,
                overbought,
                exit,
            } => Self::Rsi {
                rsi: col(0, 0),
                ready: series[0].ready_from,
                model: RsiReversion::new(period, oversold, overbought, exit),
            },
            SignalSpec::Bollinger { .. } => Self::Bollinger {
                upper: col(0, 0),
                middle: col(0, 1),
                lower: col(0, 2),
                ready: series[0].ready_from,
            },
            SignalSpec::Donchian { .. } => Self::Donchian {
                entry: &series[0],
                exit: &series[1],
                ready: series[0]
                    .ready_from
                    .max(series[1].ready_from)
                    .saturating_add(1),
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
                ready,
                prev_fast_above,
            } => {
                if i < *ready {
                    return None;
                }
                MaCross::decide(prev_fast_above, fast[i], slow[i])
            }
            Self::Rsi { rsi, ready, model } => {
                if i < *ready {
                    return None;
                }
                model.decide(rsi[i], current)
            }
            Self::Bollinger {
                upper,
                middle,
                lower,
                ready,
            } => {
                if i < *ready {
                    return None;
                }
                let b = Bands {
                    upper: upper[i],
                    middle: middle[i],
                    lower: lower[i],
                };
                BollingerBreakout::decide(close, b, current)
            }
            Self::Donchian { entry, exit, ready } => {
                // The channels of the bars before this one.
                if i < *ready {
                    return None;
                }
                let prev = i - 1;
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
