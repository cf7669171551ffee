//! Length: over 1,000 lines because `INDICATORS` is one table of every bar-driven Nautilus
//! indicator (~820 lines of entries); cutting the table apart would scatter what a reader and the
//! reference generator need in one place.
//!
//! The indicators a definition may use: every bar-driven indicator of `nautilus-indicators`
//! 0.57, as one table. Each entry names the indicator, its arguments (types, defaults,
//! ranges), its outputs and the bar fields that feed it, and builds the Nautilus indicator.
//!
//! Scales are the language's, stated per output: oscillators that Nautilus keeps in 0-1 (RSI)
//! read 0-100 like the others. Ranges keep every argument inside what the Nautilus constructors
//! accept (several hold fixed-size buffers of 1,024 bars), so a definition can never make one
//! panic.

use nautilus_indicators::{
    average::{
        MovingAverageFactory, MovingAverageType, ama::AdaptiveMovingAverage,
        dema::DoubleExponentialMovingAverage, ema::ExponentialMovingAverage,
        hma::HullMovingAverage, lr::LinearRegression, rma::WilderMovingAverage,
        sma::SimpleMovingAverage, vidya::VariableIndexDynamicAverage,
        vwap::VolumeWeightedAveragePrice, wma::WeightedMovingAverage,
    },
    indicator::{Indicator, MovingAverage},
    momentum::{
        amat::ArcherMovingAveragesTrends, aroon::AroonOscillator, bb::BollingerBands, bias::Bias,
        cci::CommodityChannelIndex, cmo::ChandeMomentumOscillator, dm::DirectionalMovement,
        ichimoku::IchimokuCloud, kvo::KlingerVolumeOscillator,
        macd::MovingAverageConvergenceDivergence, obv::OnBalanceVolume, pressure::Pressure,
        psl::PsychologicalLine, roc::RateOfChange, rsi::RelativeStrengthIndex,
        stochastics::Stochastics, swings::Swings, vhf::VerticalHorizontalFilter,
    },
    ratio::efficiency_ratio::EfficiencyRatio,
    volatility::{
        atr::AverageTrueRange, dc::DonchianChannel, fuzzy::FuzzyCandlesticks, kc::KeltnerChannel,
        kp::KeltnerPosition, rvi::RelativeVolatilityIndex, vr::VolatilityRatio,
    },
};

/// Longest period of indicators that keep a fixed buffer of bars (most of them, and every
/// one whose moving average may be simple).
pub const BUFFERED: usize = 1_024;
/// Longest period of the recursive averages (EMA, DEMA, RMA, RSI), which keep no buffer.
pub const RECURSIVE: usize = 1_000_000;

/// The values of one bar, as the indicators take them.
#[derive(Debug, Clone, Copy, Default)]
pub struct BarValues {
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    pub volume: f64,
    /// The bar's close time in seconds since the epoch (VWAP resets at each UTC day).
    pub seconds: f64,
}

/// The bar field (or blend) a single-input indicator is fed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Open,
    High,
    Low,
    Close,
    Volume,
    /// (high + low) / 2
    Hl2,
    /// (high + low + close) / 3
    Hlc3,
    /// (open + high + low + close) / 4
    Ohlc4,
}

impl Input {
    /// Every input by name.
    pub const ALL: [(&'static str, Self); 8] = [
        ("open", Self::Open),
        ("high", Self::High),
        ("low", Self::Low),
        ("close", Self::Close),
        ("volume", Self::Volume),
        ("hl2", Self::Hl2),
        ("hlc3", Self::Hlc3),
        ("ohlc4", Self::Ohlc4),
    ];

    /// The input named `name`.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, i)| *i)
    }

    /// Its value in a bar.
    #[must_use]
    pub fn of(self, b: &BarValues) -> f64 {
        match self {
            Self::Open => b.open,
            Self::High => b.high,
            Self::Low => b.low,
            Self::Close => b.close,
            Self::Volume => b.volume,
            Self::Hl2 => (b.high + b.low) / 2.0,
            Self::Hlc3 => (b.high + b.low + b.close) / 3.0,
            Self::Ohlc4 => (b.open + b.high + b.low + b.close) / 4.0,
        }
    }
}

/// Moving average types by the names a definition may use.
pub const MA_TYPES: [(&str, MovingAverageType); 10] = [
    ("SMA", MovingAverageType::Simple),
    ("SIMPLE", MovingAverageType::Simple),
    ("EMA", MovingAverageType::Exponential),
    ("EXPONENTIAL", MovingAverageType::Exponential),
    ("DEMA", MovingAverageType::DoubleExponential),
    ("DOUBLE_EXPONENTIAL", MovingAverageType::DoubleExponential),
    ("RMA", MovingAverageType::Wilder),
    ("WILDER", MovingAverageType::Wilder),
    ("HMA", MovingAverageType::Hull),
    ("HULL", MovingAverageType::Hull),
];

/// The moving average type named `name` (case-insensitive).
#[must_use]
pub fn ma_type_named(name: &str) -> Option<MovingAverageType> {
    MA_TYPES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, t)| *t)
}

/// What kind of value an argument takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArgKind {
    /// A whole number in `min..=max`.
    Int {
        min: usize,
        max: usize,
    },
    /// A number in `min..=max`.
    Float {
        min: f64,
        max: f64,
    },
    Bool,
    /// A moving average type: `'EMA'`, `'SMA'`, ... or a choice parameter holding one.
    MaType,
    /// A bar field to feed a single-input indicator: `close` (default), `high`, `hl2`, ...
    Input,
}

/// An argument's resolved value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArgValue {
    Int(usize),
    Float(f64),
    Bool(bool),
    MaType(MovingAverageType),
    Input(Input),
}

/// One argument of an indicator.
#[derive(Debug, Clone, Copy)]
pub struct ArgDef {
    pub name: &'static str,
    pub kind: ArgKind,
    /// `None`: required.
    pub default: Option<ArgValue>,
}

const fn period(name: &'static str, max: usize) -> ArgDef {
    ArgDef {
        name,
        kind: ArgKind::Int { min: 1, max },
        default: None,
    }
}

const fn period_or(name: &'static str, max: usize, default: usize) -> ArgDef {
    ArgDef {
        name,
        kind: ArgKind::Int { min: 1, max },
        default: Some(ArgValue::Int(default)),
    }
}

const fn float_or(name: &'static str, min: f64, max: f64, default: f64) -> ArgDef {
    ArgDef {
        name,
        kind: ArgKind::Float { min, max },
        default: Some(ArgValue::Float(default)),
    }
}

const fn bool_or(name: &'static str, default: bool) -> ArgDef {
    ArgDef {
        name,
        kind: ArgKind::Bool,
        default: Some(ArgValue::Bool(default)),
    }
}

const fn ma_or(name: &'static str, default: MovingAverageType) -> ArgDef {
    ArgDef {
        name,
        kind: ArgKind::MaType,
        default: Some(ArgValue::MaType(default)),
    }
}

const INPUT: ArgDef = ArgDef {
    name: "input",
    kind: ArgKind::Input,
    default: Some(ArgValue::Input(Input::Close)),
};

/// An output of an indicator.
#[derive(Debug, Clone, Copy)]
pub struct OutputDef {
    pub name: &'static str,
    /// True for outputs that are conditions (1 or 0).
    pub boolean: bool,
}

const fn out(name: &'static str) -> OutputDef {
    OutputDef {
        name,
        boolean: false,
    }
}

const fn flag(name: &'static str) -> OutputDef {
    OutputDef {
        name,
        boolean: true,
    }
}

const VALUE: &[OutputDef] = &[out("value")];
const BANDS: &[OutputDef] = &[out("middle"), out("upper"), out("lower")];

/// A running indicator: fed one bar at a time, read by output index.
pub trait Running: Send {
    /// Feeds one bar.
    fn update(&mut self, bar: &BarValues);
    /// Whether it has seen enough bars to have values.
    fn ready(&self) -> bool;
    /// Output `i` (in the definition's order); NaN when it has no value.
    fn output(&self, i: usize) -> f64;
}

type Update<T> = fn(&mut T, &BarValues, f64);
type Read<T> = fn(&T) -> f64;

/// A Nautilus indicator with the functions that feed and read it.
struct Wrap<T> {
    ind: T,
    input: Input,
    update: Update<T>,
    ready: fn(&T) -> bool,
    outputs: Vec<Read<T>>,
}

impl<T: Send> Running for Wrap<T> {
    fn update(&mut self, bar: &BarValues) {
        let value = self.input.of(bar);
        (self.update)(&mut self.ind, bar, value);
    }

    fn ready(&self) -> bool {
        (self.ready)(&self.ind)
    }

    fn output(&self, i: usize) -> f64 {
        if !(self.ready)(&self.ind) {
            return f64::NAN;
        }
        self.outputs.get(i).map_or(f64::NAN, |read| read(&self.ind))
    }
}

fn wrap<T: Indicator + Send + 'static>(
    ind: T,
    input: Input,
    update: Update<T>,
    outputs: Vec<Read<T>>,
) -> Box<dyn Running> {
    Box::new(Wrap {
        ind,
        input,
        update,
        ready: |t| t.initialized(),
        outputs,
    })
}

/// A moving average of any type, through Nautilus's factory.
struct AnyMa(Box<dyn MovingAverage + Send + Sync>);

/// MACD with its signal line: Nautilus's MACD, and Nautilus's EMA of it once it has values.
struct MacdSignal {
    macd: MovingAverageConvergenceDivergence,
    signal: ExponentialMovingAverage,
}

impl Running for MacdSignal {
    fn update(&mut self, bar: &BarValues) {
        self.macd.update_raw(bar.close);
        if self.macd.initialized() {
            self.signal.update_raw(self.macd.value);
        }
    }

    fn ready(&self) -> bool {
        self.macd.initialized()
    }

    fn output(&self, i: usize) -> f64 {
        if !self.macd.initialized() {
            return f64::NAN;
        }
        let signal = if self.signal.initialized() {
            self.signal.value
        } else {
            f64::NAN
        };
        match i {
            0 => self.macd.value,
            1 => signal,
            _ => self.macd.value - signal,
        }
    }
}

/// The resolved arguments of one indicator, in the definition's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Args(pub Vec<ArgValue>);

impl Args {
    fn int(&self, i: usize) -> usize {
        match self.0.get(i) {
            Some(ArgValue::Int(v)) => *v,
            _ => 1,
        }
    }

    fn float(&self, i: usize) -> f64 {
        match self.0.get(i) {
            Some(ArgValue::Float(v)) => *v,
            Some(ArgValue::Int(v)) => *v as f64,
            _ => 0.0,
        }
    }

    fn flag(&self, i: usize) -> bool {
        matches!(self.0.get(i), Some(ArgValue::Bool(true)))
    }

    fn ma(&self, i: usize) -> MovingAverageType {
        match self.0.get(i) {
            Some(ArgValue::MaType(t)) => *t,
            _ => MovingAverageType::Simple,
        }
    }

    /// The input argument, or close.
    #[must_use]
    pub fn input(&self) -> Input {
        self.0
            .iter()
            .find_map(|a| match a {
                ArgValue::Input(i) => Some(*i),
                _ => None,
            })
            .unwrap_or(Input::Close)
    }
}

/// One indicator of the table.
pub struct IndicatorDef {
    pub name: &'static str,
    /// Other names accepted.
    pub aliases: &'static [&'static str],
    /// What it is, and what feeds it.
    pub summary: &'static str,
    pub args: &'static [ArgDef],
    /// Its outputs; the first is read when none is named.
    pub outputs: &'static [OutputDef],
    /// Checks the arguments together (beyond each one's range).
    pub check: fn(&Args) -> Result<(), String>,
    /// Builds the Nautilus indicator.
    pub build: fn(&Args) -> Box<dyn Running>,
}

impl std::fmt::Debug for IndicatorDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

fn fine(_: &Args) -> Result<(), String> {
    Ok(())
}

/// Periods of averages whose type is chosen: a simple one keeps a buffer of at most 1,024
/// bars, a Hull one of 8,192.
fn ma_period_fits(kind: MovingAverageType, period: usize, what: &str) -> Result<(), String> {
    let max = match kind {
        MovingAverageType::Simple => BUFFERED,
        MovingAverageType::Hull => 8_192,
        _ => RECURSIVE,
    };
    if period > max {
        return Err(format!(
            "{what} must be at most {max} for a {kind:?} average, got {period}"
        ));
    }
    Ok(())
}

fn slower(args: &Args, fast: usize, slow: usize, names: (&str, &str)) -> Result<(), String> {
    if args.int(slow) <= args.int(fast) {
        return Err(format!(
            "{} ({}) must be greater than {} ({})",
            names.1,
            args.int(slow),
            names.0,
            args.int(fast)
        ));
    }
    Ok(())
}

fn linear_weights(period: usize) -> Vec<f64> {
    (1..=period).map(|w| w as f64).collect()
}

/// Every indicator a definition may use.
pub static INDICATORS: &[IndicatorDef] = &[
    IndicatorDef {
        name: "sma",
        aliases: &["simple_moving_average"],
        summary: "Simple moving average of the input (default close).",
        args: &[period("period", BUFFERED), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                SimpleMovingAverage::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "ema",
        aliases: &["exponential_moving_average"],
        summary: "Exponential moving average of the input (default close).",
        args: &[period("period", RECURSIVE), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                ExponentialMovingAverage::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "wma",
        aliases: &["weighted_moving_average"],
        summary: "Linearly weighted moving average of the input (default close).",
        args: &[period("period", 8_192), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                WeightedMovingAverage::new(a.int(0), linear_weights(a.int(0)), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "hma",
        aliases: &["hull_moving_average"],
        summary: "Hull moving average of the input (default close).",
        args: &[period("period", 8_192), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                HullMovingAverage::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "dema",
        aliases: &["double_exponential_moving_average"],
        summary: "Double exponential moving average of the input (default close).",
        args: &[period("period", RECURSIVE), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                DoubleExponentialMovingAverage::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "rma",
        aliases: &["wilder", "wilder_moving_average"],
        summary: "Wilder's moving average of the input (default close).",
        args: &[period("period", RECURSIVE), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                WilderMovingAverage::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "ma",
        aliases: &["moving_average"],
        summary: "A moving average of the type given ('SMA', 'EMA', 'DEMA', 'RMA' or 'HMA') of \
                  the input (default close).",
        args: &[
            period("period", RECURSIVE),
            ma_or("type", MovingAverageType::Exponential),
            INPUT,
        ],
        outputs: VALUE,
        check: |a| ma_period_fits(a.ma(1), a.int(0), "period"),
        build: |a| {
            Box::new(Wrap {
                ind: AnyMa(MovingAverageFactory::create(a.ma(1), a.int(0))),
                input: a.input(),
                update: |t, _, v| t.0.update_raw(v),
                ready: |t| t.0.initialized(),
                outputs: vec![|t| t.0.value()],
            })
        },
    },
    IndicatorDef {
        name: "ama",
        aliases: &["kama", "adaptive_moving_average"],
        summary: "Kaufman's adaptive moving average of the input (default close).",
        args: &[
            period("period", BUFFERED),
            period_or("fast", BUFFERED, 2),
            period_or("slow", BUFFERED, 30),
            INPUT,
        ],
        outputs: VALUE,
        check: |a| slower(a, 1, 2, ("fast", "slow")),
        build: |a| {
            wrap(
                AdaptiveMovingAverage::new(a.int(0), a.int(1), a.int(2), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "vidya",
        aliases: &["variable_index_dynamic_average"],
        summary: "Variable index dynamic average of the input (default close), its CMO \
                  averaged with the type given.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Wilder),
            INPUT,
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                VariableIndexDynamicAverage::new(a.int(0), None, Some(a.ma(1))),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "vwap",
        aliases: &["volume_weighted_average_price"],
        summary: "The UTC day's volume-weighted average of the typical price (high + low + \
                  close) / 3.",
        args: &[],
        outputs: VALUE,
        check: fine,
        build: |_| {
            wrap(
                VolumeWeightedAveragePrice::new(),
                Input::Hlc3,
                |t, b, v| t.update_raw(v, b.volume, b.seconds),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "linreg",
        aliases: &["lr", "linear_regression"],
        summary: "Linear regression of the closes over the period: value (the fitted last \
                  point), slope, intercept, degree (the slope's angle) and cfo (the forecast \
                  oscillator, in percent).",
        args: &[period("period", 16_384)],
        outputs: &[
            out("value"),
            out("slope"),
            out("intercept"),
            out("degree"),
            out("cfo"),
        ],
        check: fine,
        build: |a| {
            wrap(
                LinearRegression::new(a.int(0)),
                Input::Close,
                |t, _, v| t.update_raw(v),
                vec![
                    |t| t.value,
                    |t| t.slope,
                    |t| t.intercept,
                    |t| t.degree,
                    |t| t.cfo,
                ],
            )
        },
    },
    IndicatorDef {
        name: "rsi",
        aliases: &["relative_strength_index"],
        summary: "Relative strength index of the input (default close), 0-100.",
        args: &[period("period", RECURSIVE), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                RelativeStrengthIndex::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value * 100.0],
            )
        },
    },
    IndicatorDef {
        name: "macd",
        aliases: &["moving_average_convergence_divergence"],
        summary: "MACD of the closes: value (fast average minus slow), signal (an EMA of the \
                  value over `signal` bars) and histogram (value minus signal).",
        args: &[
            period_or("fast", BUFFERED, 12),
            period_or("slow", BUFFERED, 26),
            period_or("signal", BUFFERED, 9),
            ma_or("type", MovingAverageType::Exponential),
        ],
        outputs: &[out("value"), out("signal"), out("histogram")],
        check: |a| slower(a, 0, 1, ("fast", "slow")),
        build: |a| {
            Box::new(MacdSignal {
                macd: MovingAverageConvergenceDivergence::new(
                    a.int(0),
                    a.int(1),
                    Some(a.ma(3)),
                    None,
                ),
                signal: ExponentialMovingAverage::new(a.int(2), None),
            })
        },
    },
    IndicatorDef {
        name: "bb",
        aliases: &["bollinger", "bollinger_bands"],
        summary: "Bollinger bands of the typical price (high + low + close) / 3: middle (its \
                  average), upper and lower (k standard deviations away).",
        args: &[
            period("period", BUFFERED),
            float_or("k", 0.001, 100.0, 2.0),
            ma_or("type", MovingAverageType::Simple),
        ],
        outputs: BANDS,
        check: fine,
        build: |a| {
            wrap(
                BollingerBands::new(a.int(0), a.float(1), Some(a.ma(2))),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.middle, |t| t.upper, |t| t.lower],
            )
        },
    },
    IndicatorDef {
        name: "aroon",
        aliases: &["aroon_oscillator"],
        summary: "Aroon on highs and lows: value (up minus down, -100 to 100), up and down \
                  (0-100).",
        args: &[period("period", BUFFERED - 1)],
        outputs: &[out("value"), out("up"), out("down")],
        check: fine,
        build: |a| {
            wrap(
                AroonOscillator::new(a.int(0)),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low),
                vec![|t| t.value, |t| t.aroon_up, |t| t.aroon_down],
            )
        },
    },
    IndicatorDef {
        name: "bias",
        aliases: &[],
        summary: "Bias: the close's distance from its moving average, as a fraction of it.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Simple),
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                Bias::new(a.int(0), Some(a.ma(1))),
                Input::Close,
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "cci",
        aliases: &["commodity_channel_index"],
        summary: "Commodity channel index of the typical price.",
        args: &[
            period("period", BUFFERED),
            float_or("scalar", 0.000_001, 1.0, 0.015),
            ma_or("type", MovingAverageType::Simple),
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                CommodityChannelIndex::new(a.int(0), a.float(1), Some(a.ma(2))),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "cmo",
        aliases: &["chande_momentum_oscillator"],
        summary: "Chande momentum oscillator of the input (default close), -100 to 100.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Wilder),
            INPUT,
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                ChandeMomentumOscillator::new(a.int(0), Some(a.ma(1))),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "dm",
        aliases: &["directional_movement"],
        summary: "Directional movement of highs and lows: pos (+DM) and neg (-DM), averaged.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Exponential),
        ],
        outputs: &[out("pos"), out("neg")],
        check: fine,
        build: |a| {
            wrap(
                DirectionalMovement::new(a.int(0), Some(a.ma(1))),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low),
                vec![|t| t.pos, |t| t.neg],
            )
        },
    },
    IndicatorDef {
        name: "ichimoku",
        aliases: &["ichimoku_cloud"],
        summary: "Ichimoku cloud: tenkan, kijun, span_a, span_b (displaced) and chikou.",
        args: &[
            period_or("tenkan", 128, 9),
            period_or("kijun", 128, 26),
            period_or("senkou", 128, 52),
            period_or("displacement", 64, 26),
        ],
        outputs: &[
            out("tenkan"),
            out("kijun"),
            out("span_a"),
            out("span_b"),
            out("chikou"),
        ],
        check: |a| {
            if a.int(1) < a.int(0) || a.int(2) < a.int(1) {
                return Err(format!(
                    "periods must grow: tenkan ({}) <= kijun ({}) <= senkou ({})",
                    a.int(0),
                    a.int(1),
                    a.int(2)
                ));
            }
            Ok(())
        },
        build: |a| {
            wrap(
                IchimokuCloud::new(a.int(0), a.int(1), a.int(2), a.int(3)),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![
                    |t| t.tenkan_sen,
                    |t| t.kijun_sen,
                    |t| t.senkou_span_a,
                    |t| t.senkou_span_b,
                    |t| t.chikou_span,
                ],
            )
        },
    },
    IndicatorDef {
        name: "kvo",
        aliases: &["klinger", "klinger_volume_oscillator"],
        summary: "Klinger volume oscillator of highs, lows, closes and volumes.",
        args: &[
            period_or("fast", BUFFERED, 34),
            period_or("slow", BUFFERED, 55),
            period_or("signal", BUFFERED, 13),
            ma_or("type", MovingAverageType::Exponential),
        ],
        outputs: VALUE,
        check: |a| slower(a, 0, 1, ("fast", "slow")),
        build: |a| {
            wrap(
                KlingerVolumeOscillator::new(a.int(0), a.int(1), a.int(2), Some(a.ma(3))),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close, b.volume),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "obv",
        aliases: &["on_balance_volume"],
        summary: "On-balance volume over the period (0: since the start).",
        args: &[ArgDef {
            name: "period",
            kind: ArgKind::Int {
                min: 0,
                max: BUFFERED,
            },
            default: Some(ArgValue::Int(0)),
        }],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                OnBalanceVolume::new(a.int(0)),
                Input::Close,
                |t, b, _| t.update_raw(b.open, b.close, b.volume),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "pressure",
        aliases: &[],
        summary: "Pressure: volume relative to its average, scaled by the bar's range \
                  against the ATR; value and cumulative.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Exponential),
            float_or("atr_floor", 0.0, 1e12, 0.0),
        ],
        outputs: &[out("value"), out("cumulative")],
        check: fine,
        build: |a| {
            wrap(
                Pressure::new(a.int(0), Some(a.ma(1)), Some(a.float(2))),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close, b.volume),
                vec![|t| t.value, |t| t.value_cumulative],
            )
        },
    },
    IndicatorDef {
        name: "psl",
        aliases: &["psychological_line"],
        summary: "Psychological line: the share of rising closes over the period, 0-100.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Simple),
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                PsychologicalLine::new(a.int(0), Some(a.ma(1))),
                Input::Close,
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "roc",
        aliases: &["rate_of_change"],
        summary: "Rate of change of the input (default close) over the period, as a fraction \
                  (or its logarithm with log = true).",
        args: &[period("period", BUFFERED - 1), bool_or("log", false), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                RateOfChange::new(a.int(0), Some(a.flag(1))),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "stoch",
        aliases: &["stochastics", "stochastic"],
        summary: "Stochastic oscillator of highs, lows and closes: k and d, 0-100.",
        args: &[
            period_or("period_k", BUFFERED, 14),
            period_or("period_d", BUFFERED, 3),
        ],
        outputs: &[out("k"), out("d")],
        check: fine,
        build: |a| {
            wrap(
                Stochastics::new(a.int(0), a.int(1)),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.value_k, |t| t.value_d],
            )
        },
    },
    IndicatorDef {
        name: "swings",
        aliases: &[],
        summary: "Swings of highs and lows: direction (1 up, -1 down), high and low (the \
                  swing prices), length, duration, since_high and since_low (bars), changed.",
        args: &[period("period", BUFFERED - 1)],
        outputs: &[
            out("direction"),
            out("high"),
            out("low"),
            out("length"),
            out("duration"),
            out("since_high"),
            out("since_low"),
            flag("changed"),
        ],
        check: fine,
        build: |a| {
            wrap(
                Swings::new(a.int(0)),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.seconds),
                vec![
                    |t| t.direction as f64,
                    |t| t.high_price,
                    |t| t.low_price,
                    |t| t.length as f64,
                    |t| t.duration as f64,
                    |t| t.since_high as f64,
                    |t| t.since_low as f64,
                    |t| f64::from(u8::from(t.changed)),
                ],
            )
        },
    },
    IndicatorDef {
        name: "vhf",
        aliases: &["vertical_horizontal_filter"],
        summary: "Vertical horizontal filter of the closes (trending above ~0.35).",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Simple),
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                VerticalHorizontalFilter::new(a.int(0), Some(a.ma(1))),
                Input::Close,
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "amat",
        aliases: &["archer_moving_averages_trends"],
        summary: "Archer moving averages trends of the closes: long_run and short_run \
                  (conditions).",
        args: &[
            period_or("fast", BUFFERED, 5),
            period_or("slow", BUFFERED, 10),
            period_or("signal", BUFFERED, 5),
            ma_or("type", MovingAverageType::Exponential),
        ],
        outputs: &[flag("long_run"), flag("short_run")],
        check: |a| slower(a, 0, 1, ("fast", "slow")),
        build: |a| {
            wrap(
                ArcherMovingAveragesTrends::new(a.int(0), a.int(1), a.int(2), Some(a.ma(3))),
                Input::Close,
                |t, _, v| t.update_raw(v),
                vec![|t| f64::from(u8::from(t.long_run)), |t| {
                    f64::from(u8::from(t.short_run))
                }],
            )
        },
    },
    IndicatorDef {
        name: "er",
        aliases: &["efficiency_ratio"],
        summary: "Efficiency ratio of the input (default close), 0-1: net change over the sum \
                  of absolute changes.",
        args: &[period("period", BUFFERED), INPUT],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                EfficiencyRatio::new(a.int(0), None),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "atr",
        aliases: &["average_true_range"],
        summary: "Average true range of highs, lows and closes.",
        args: &[
            period("period", BUFFERED),
            ma_or("type", MovingAverageType::Simple),
            bool_or("use_previous", true),
            float_or("floor", 0.0, 1e12, 0.0),
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                AverageTrueRange::new(a.int(0), Some(a.ma(1)), Some(a.flag(2)), Some(a.float(3))),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "dc",
        aliases: &["donchian", "donchian_channel"],
        summary: "Donchian channel of highs and lows: middle, upper (highest high) and lower \
                  (lowest low) of the period including this bar.",
        args: &[period("period", BUFFERED)],
        outputs: BANDS,
        check: fine,
        build: |a| {
            wrap(
                DonchianChannel::new(a.int(0)),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low),
                vec![|t| t.middle, |t| t.upper, |t| t.lower],
            )
        },
    },
    IndicatorDef {
        name: "kc",
        aliases: &["keltner", "keltner_channel"],
        summary: "Keltner channel: middle (an average of the typical price), upper and lower \
                  (k ATRs away).",
        args: &[
            period("period", BUFFERED),
            float_or("k", 0.001, 100.0, 2.0),
            ma_or("type", MovingAverageType::Exponential),
            ma_or("atr_type", MovingAverageType::Simple),
            bool_or("use_previous", true),
            float_or("atr_floor", 0.0, 1e12, 0.0),
        ],
        outputs: BANDS,
        check: fine,
        build: |a| {
            wrap(
                KeltnerChannel::new(
                    a.int(0),
                    a.float(1),
                    Some(a.ma(2)),
                    Some(a.ma(3)),
                    Some(a.flag(4)),
                    Some(a.float(5)),
                ),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.middle, |t| t.upper, |t| t.lower],
            )
        },
    },
    IndicatorDef {
        name: "kp",
        aliases: &["keltner_position"],
        summary: "Keltner position: where the close is in the Keltner channel (0 at the \
                  middle, ±1 at the bands).",
        args: &[
            period("period", BUFFERED),
            float_or("k", 0.001, 100.0, 2.0),
            ma_or("type", MovingAverageType::Exponential),
            ma_or("atr_type", MovingAverageType::Simple),
            bool_or("use_previous", true),
            float_or("atr_floor", 0.0, 1e12, 0.0),
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                KeltnerPosition::new(
                    a.int(0),
                    a.float(1),
                    Some(a.ma(2)),
                    Some(a.ma(3)),
                    Some(a.flag(4)),
                    Some(a.float(5)),
                ),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "rvi",
        aliases: &["relative_volatility_index"],
        summary: "Relative volatility index of the input (default close), 0-100.",
        args: &[
            ArgDef {
                name: "period",
                kind: ArgKind::Int {
                    min: 2,
                    max: BUFFERED,
                },
                default: None,
            },
            float_or("scalar", 0.000_001, 1e6, 100.0),
            ma_or("type", MovingAverageType::Simple),
            INPUT,
        ],
        outputs: VALUE,
        check: fine,
        build: |a| {
            wrap(
                RelativeVolatilityIndex::new(a.int(0), Some(a.float(1)), Some(a.ma(2))),
                a.input(),
                |t, _, v| t.update_raw(v),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "vr",
        aliases: &["volatility_ratio"],
        summary: "Volatility ratio: the fast ATR over the slow ATR.",
        args: &[
            period_or("fast", BUFFERED, 10),
            period_or("slow", BUFFERED, 50),
            ma_or("type", MovingAverageType::Simple),
            bool_or("use_previous", true),
            float_or("floor", 0.0, 1e12, 0.0),
        ],
        outputs: VALUE,
        check: |a| slower(a, 0, 1, ("fast", "slow")),
        build: |a| {
            wrap(
                VolatilityRatio::new(
                    a.int(0),
                    a.int(1),
                    Some(a.ma(2)),
                    Some(a.flag(3)),
                    Some(a.float(4)),
                ),
                Input::Close,
                |t, b, _| t.update_raw(b.high, b.low, b.close),
                vec![|t| t.value],
            )
        },
    },
    IndicatorDef {
        name: "fuzzy",
        aliases: &["fuzzy_candlesticks"],
        summary: "Fuzzy candlesticks: direction (1 bull, 0 none, -1 bear), size (0-6), \
                  body_size (0-4), upper_wick and lower_wick (0-3), against the period's \
                  spread of sizes.",
        args: &[
            period("period", BUFFERED),
            float_or("threshold1", 0.0, 100.0, 0.5),
            float_or("threshold2", 0.0, 100.0, 1.0),
            float_or("threshold3", 0.0, 100.0, 2.0),
            float_or("threshold4", 0.0, 100.0, 3.0),
        ],
        outputs: &[
            out("direction"),
            out("size"),
            out("body_size"),
            out("upper_wick"),
            out("lower_wick"),
        ],
        check: fine,
        build: |a| {
            wrap(
                FuzzyCandlesticks::new(a.int(0), a.float(1), a.float(2), a.float(3), a.float(4)),
                Input::Close,
                |t, b, _| t.update_raw(b.open, b.high, b.low, b.close),
                vec![
                    |t| f64::from(t.value.direction as i8),
                    |t| f64::from(t.value.size as u8),
                    |t| f64::from(t.value.body_size as u8),
                    |t| f64::from(t.value.upper_wick_size as u8),
                    |t| f64::from(t.value.lower_wick_size as u8),
                ],
            )
        },
    },
];

/// The indicator named `name` (or one of its aliases), case-insensitive.
#[must_use]
pub fn find(name: &str) -> Option<&'static IndicatorDef> {
    INDICATORS.iter().find(|d| {
        d.name.eq_ignore_ascii_case(name) || d.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// Every name an indicator may be called by.
pub fn names() -> impl Iterator<Item = &'static str> {
    INDICATORS
        .iter()
        .flat_map(|d| std::iter::once(d.name).chain(d.aliases.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults(def: &IndicatorDef) -> Args {
        Args(
            def.args
                .iter()
                .map(|a| {
                    a.default.unwrap_or(match a.kind {
                        ArgKind::Int { min, .. } => ArgValue::Int(min.max(3)),
                        ArgKind::Float { min, .. } => ArgValue::Float(min.max(1.0)),
                        ArgKind::Bool => ArgValue::Bool(false),
                        ArgKind::MaType => ArgValue::MaType(MovingAverageType::Simple),
                        ArgKind::Input => ArgValue::Input(Input::Close),
                    })
                })
                .collect(),
        )
    }

    #[test]
    fn every_indicator_builds_at_its_limits_and_produces_values() {
        for def in INDICATORS {
            for args in [defaults(def), maxed(def)] {
                if (def.check)(&args).is_err() {
                    continue;
                }
                let mut ind = (def.build)(&args);
                for i in 0..3_000 {
                    let x = 100.0 + (f64::from(i) * 0.37).sin() * 5.0 + f64::from(i) * 0.01;
                    ind.update(&BarValues {
                        open: x - 0.2,
                        high: x + 1.0,
                        low: x - 1.0,
                        close: x + 0.1,
                        volume: 10.0 + f64::from(i % 7),
                        seconds: 1_700_000_000.0 + 60.0 * f64::from(i),
                    });
                }
                if args == defaults(def) {
                    assert!(ind.ready(), "{} is ready after 3000 bars", def.name);
                    for (i, o) in def.outputs.iter().enumerate() {
                        assert!(
                            ind.output(i).is_finite(),
                            "{}.{} = {}",
                            def.name,
                            o.name,
                            ind.output(i)
                        );
                    }
                }
            }
        }
    }

    /// Every argument at the top of its range (periods at their maximum).
    fn maxed(def: &IndicatorDef) -> Args {
        let mut args = defaults(def);
        for (i, a) in def.args.iter().enumerate() {
            if let ArgKind::Int { max, .. } = a.kind {
                args.0[i] = ArgValue::Int(max.min(20_000));
            }
        }
        args
    }

    #[test]
    fn rsi_reads_zero_to_one_hundred() {
        let def = find("rsi").unwrap();
        let mut rsi = (def.build)(&Args(vec![ArgValue::Int(3), ArgValue::Input(Input::Close)]));
        for c in [10.0, 11.0, 12.0, 13.0, 14.0] {
            rsi.update(&BarValues {
                close: c,
                ..BarValues::default()
            });
        }
        assert!((rsi.output(0) - 100.0).abs() < 1e-9, "{}", rsi.output(0));
    }
}
