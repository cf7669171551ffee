//! A checked definition with its parameter values bound: plain data that evaluators walk.
//!
//! Indicators are listed with their resolved arguments; expressions are typed trees whose
//! leaves are constants, bar fields, indicator outputs, past values of recorded series and the
//! strategy's position. The per-bar evaluator (`eval`) runs it inside Nautilus strategies; a
//! columnar evaluator can run the same tree over whole series.

use nautilus_model::enums::TimeInForce;
use serde_json::{Map, Value};

use super::indicators::{Args, IndicatorDef};

/// A side the strategy can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    #[default]
    Flat,
    Long,
    Short,
}

impl Side {
    /// -1, 0 or 1.
    #[must_use]
    pub const fn sign(self) -> i64 {
        match self {
            Self::Short => -1,
            Self::Flat => 0,
            Self::Long => 1,
        }
    }

    /// `LONG`, `SHORT` or `FLAT`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Long => "LONG",
            Self::Short => "SHORT",
            Self::Flat => "FLAT",
        }
    }

    /// The side named (anything else is flat).
    #[must_use]
    pub fn named(text: &str) -> Self {
        match text {
            "LONG" => Self::Long,
            "SHORT" => Self::Short,
            _ => Self::Flat,
        }
    }
}

/// A field of the current bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarField {
    Open,
    High,
    Low,
    Close,
    Volume,
}

/// A fact about the bar's time (UTC, of the bar's close) or its place in the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// 0-23.
    Hour,
    /// 0-59.
    Minute,
    /// 1 (Monday) to 7 (Sunday).
    Weekday,
    /// Bars seen before this one (0 at the first).
    BarIndex,
}

/// A fact about the strategy's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionField {
    /// The side the strategy is on (long from the decision to enter, until it decides
    /// otherwise or an exit order closes the position).
    Side,
    /// The open position's average entry price.
    EntryPrice,
    /// Bars closed since the position opened.
    BarsHeld,
    /// The open position's return at the close, in percent.
    UnrealizedPct,
    /// The open position's quantity (0 when flat).
    Quantity,
}

/// Arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Min,
    Max,
}

/// Comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// A typed expression. Numbers are `f64` with NaN for "no value"; conditions are three-valued
/// (true, false, unknown) and a rule fires only when true.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    // Numbers.
    Number(f64),
    Bar(BarField),
    Clock(Clock),
    /// Output `output` of indicator `indicator` now.
    Output {
        indicator: usize,
        output: usize,
    },
    /// Recorded series `series`, `bars` bars ago.
    Past {
        series: usize,
        bars: usize,
    },
    Position(PositionField),
    Negate(Box<Expr>),
    Abs(Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// Highest (or lowest) of series `series` over the last `bars` bars including this one.
    Extreme {
        highest: bool,
        series: usize,
        bars: usize,
    },
    // Conditions.
    Bool(bool),
    /// A boolean indicator output (1 or 0).
    Flag {
        indicator: usize,
        output: usize,
    },
    Compare(Cmp, Box<Expr>, Box<Expr>),
    /// `position.side == side` (or `!=` with `equal` false).
    SideIs {
        side: Side,
        equal: bool,
    },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// Series `a` crosses above (or below) series `b` at this bar.
    Crosses {
        above: bool,
        a: usize,
        b: usize,
    },
    /// The number has a value.
    Ready(Box<Expr>),
    /// The bar's UTC time of day (minutes since midnight) is in `[from, to)`, wrapping past
    /// midnight when `to <= from`.
    Between {
        from: u32,
        to: u32,
    },
}

/// One indicator instance.
#[derive(Debug, Clone)]
pub struct IndicatorSpec {
    /// Its name in the definition, or its call for one written inline.
    pub label: String,
    pub def: &'static IndicatorDef,
    pub args: Args,
    /// Fed bars aggregated to this step (ns) instead of the traded bars.
    pub step_ns: Option<i64>,
    /// The bar specification of `step_ns`, as written.
    pub bars: Option<String>,
}

/// A numeric expression whose past values are kept, `capacity` of them.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesSpec {
    pub expr: Expr,
    /// Values kept: the current one and `capacity - 1` before it.
    pub capacity: usize,
}

/// The entry order.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    Market,
    /// A limit order at the price of the side.
    Limit {
        long: Expr,
        short: Expr,
    },
    /// A stop-market order triggered at the price of the side.
    Stop {
        long: Expr,
        short: Expr,
    },
}

/// An entry order's time in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryTiming {
    pub time_in_force: TimeInForce,
    /// GTD: bars until it expires.
    pub expire_after_bars: Option<u32>,
}

/// How each entry is sized.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SizingSpec {
    /// All-in at the first decision's price (the run's budget), fixed thereafter.
    AllIn,
    /// A fixed quantity.
    Fixed(rust_decimal::Decimal),
    /// A fraction of equity, as notional at the entry price.
    EquityFraction(rust_decimal::Decimal),
    /// A fraction of equity lost if the stop-loss is hit.
    RiskFraction(rust_decimal::Decimal),
}

/// A price level of an exit.
#[derive(Debug, Clone, PartialEq)]
pub enum LevelSpec {
    /// A fraction of the entry price away from it.
    Fraction(rust_decimal::Decimal),
    /// A distance from the entry price (evaluated when the position opens).
    Distance(Expr),
    /// The price itself (evaluated when the position opens).
    Price(Expr),
}

/// A trailing stop's offset.
#[derive(Debug, Clone, PartialEq)]
pub enum TrailingSpec {
    /// A price distance (evaluated when the position opens).
    Distance(Expr),
    /// Basis points of the market price.
    BasisPoints(rust_decimal::Decimal),
}

/// Exits besides the rules.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExitSpec {
    pub stop_loss: Option<LevelSpec>,
    pub take_profit: Option<LevelSpec>,
    pub trailing_stop: Option<TrailingSpec>,
    pub time_exit_bars: Option<u32>,
    pub close_at_end: bool,
}

/// The four rules.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleSet {
    pub enter_long: Option<Expr>,
    pub enter_short: Option<Expr>,
    pub exit_long: Option<Expr>,
    pub exit_short: Option<Expr>,
}

/// A definition checked and bound to parameter values.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The parameters, defaults filled in (unset optional ones are null).
    pub parameters: Map<String, Value>,
    pub indicators: Vec<IndicatorSpec>,
    /// Series kept for `x[n]`, crossings and extremes, in the order they are computed.
    pub series: Vec<SeriesSpec>,
    pub rules: RuleSet,
    pub entry: EntryKind,
    pub timing: EntryTiming,
    pub sizing: SizingSpec,
    pub allow_short: bool,
    pub exits: ExitSpec,
}

/// A condition's value: true, false, or unknown (some value it needs is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    False,
    True,
    Unknown,
}

impl Tri {
    /// From a boolean.
    #[must_use]
    pub const fn of(b: bool) -> Self {
        if b { Self::True } else { Self::False }
    }

    /// `self and other`: false wins over unknown.
    #[must_use]
    pub const fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::False, _) | (_, Self::False) => Self::False,
            (Self::True, Self::True) => Self::True,
            _ => Self::Unknown,
        }
    }

    /// `self or other`: true wins over unknown.
    #[must_use]
    pub const fn or(self, other: Self) -> Self {
        match (self, other) {
            (Self::True, _) | (_, Self::True) => Self::True,
            (Self::False, Self::False) => Self::False,
            _ => Self::Unknown,
        }
    }

    /// `not self`: unknown stays unknown.
    #[must_use]
    pub const fn not(self) -> Self {
        match self {
            Self::True => Self::False,
            Self::False => Self::True,
            Self::Unknown => Self::Unknown,
        }
    }
}

/// Arithmetic on numbers; a result that is not finite has no value (NaN).
#[must_use]
pub fn arith(op: Arith, a: f64, b: f64) -> f64 {
    let v = match op {
        Arith::Add => a + b,
        Arith::Sub => a - b,
        Arith::Mul => a * b,
        Arith::Div => a / b,
        Arith::Min => {
            if a.is_nan() || b.is_nan() {
                f64::NAN
            } else {
                a.min(b)
            }
        }
        Arith::Max => {
            if a.is_nan() || b.is_nan() {
                f64::NAN
            } else {
                a.max(b)
            }
        }
    };
    if v.is_finite() { v } else { f64::NAN }
}

/// Whether `a` crosses `b` at this bar, from the two series' values now (`a0`, `b0`) and one bar
/// back (`a1`, `b1`): the relation a > b starts (`above`) or stops (below) holding. Unknown when
/// any of the four has no value.
#[must_use]
pub fn crosses(above: bool, (a0, a1): (f64, f64), (b0, b1): (f64, f64)) -> Tri {
    if a0.is_nan() || a1.is_nan() || b0.is_nan() || b1.is_nan() {
        return Tri::Unknown;
    }
    let (before, now) = (a1 > b1, a0 > b0);
    Tri::of(if above {
        !before && now
    } else {
        before && !now
    })
}

/// A comparison of numbers; unknown when either has no value.
#[must_use]
pub fn compare(cmp: Cmp, a: f64, b: f64) -> Tri {
    if a.is_nan() || b.is_nan() {
        return Tri::Unknown;
    }
    #[allow(clippy::float_cmp, reason = "the language's == compares exactly")]
    Tri::of(match cmp {
        Cmp::Lt => a < b,
        Cmp::Le => a <= b,
        Cmp::Gt => a > b,
        Cmp::Ge => a >= b,
        Cmp::Eq => a == b,
        Cmp::Ne => a != b,
    })
}
