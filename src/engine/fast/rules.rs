//! A definition's rules over indicator columns: at each bar, the side the evaluator
//! (`strategies::eval`) would decide, read from columns that every combination of a sweep
//! shares instead of indicators each run feeds. The recorded series are kept as the evaluator
//! keeps them (the last values, in the plan's order), conditions are three-valued and use the
//! language's own arithmetic and comparisons, so the decisions are the evaluator's.

use std::{collections::VecDeque, sync::Arc};

use chrono::{Datelike, Timelike};

use super::{
    bars::Bars,
    indicators::{Column, Columns},
};
use crate::engine::strategies::lang::plan::{
    BarField, Clock, EntryKind, Expr, LevelSpec, Plan, Side, SizingSpec, Tri, arith, compare,
    crosses,
};

/// Why the fast path cannot evaluate `plan` exactly (the engine runs it), or `Ok`.
pub fn supported(plan: &Plan) -> Result<(), &'static str> {
    if !matches!(plan.entry, EntryKind::Market) {
        return Err("limit or stop entries (resting orders that may expire or fill partly)");
    }
    if !matches!(plan.sizing, SizingSpec::AllIn | SizingSpec::Fixed(_)) {
        return Err("entries sized from equity or risk");
    }
    let fraction = |l: &Option<LevelSpec>| matches!(l, None | Some(LevelSpec::Fraction(_)));
    if !fraction(&plan.exits.stop_loss) || !fraction(&plan.exits.take_profit) {
        return Err("exit levels computed from expressions");
    }
    if plan.exits.trailing_stop.is_some() {
        return Err("a trailing stop");
    }
    if plan.exits.time_exit_bars.is_some() {
        return Err("a time exit");
    }
    if plan.indicators.iter().any(|i| i.step_ns.is_some()) {
        return Err("indicators on coarser bars");
    }
    let r = &plan.rules;
    if [&r.enter_long, &r.enter_short, &r.exit_long, &r.exit_short]
        .into_iter()
        .flatten()
        .chain(plan.series.iter().map(|s| &s.expr))
        .any(reads_position)
    {
        return Err("rules that read the position");
    }
    Ok(())
}

/// Whether an expression reads the position's fields.
fn reads_position(e: &Expr) -> bool {
    match e {
        Expr::Position(_) => true,
        Expr::Negate(a) | Expr::Abs(a) | Expr::Not(a) | Expr::Ready(a) => reads_position(a),
        Expr::Arith(_, a, b) | Expr::Compare(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) => {
            reads_position(a) || reads_position(b)
        }
        _ => false,
    }
}

/// The columns of every indicator of `plan` over `bars`, in the plan's order (computed, or
/// reused from `columns`).
pub fn columns_for(plan: &Plan, bars: &Bars, columns: &mut Columns) -> Vec<Arc<Column>> {
    plan.indicators
        .iter()
        .map(|s| columns.get(s, bars))
        .collect()
}

/// The last values of a recorded series.
struct Ring {
    values: VecDeque<f64>,
    capacity: usize,
}

impl Ring {
    fn push(&mut self, v: f64) {
        if self.values.len() == self.capacity {
            self.values.pop_front();
        }
        self.values.push_back(v);
    }

    fn back(&self, bars: usize) -> f64 {
        let n = self.values.len();
        if bars < n {
            self.values[n - 1 - bars]
        } else {
            f64::NAN
        }
    }
}

/// The bar's UTC time of day and weekday, as the evaluator reads them.
#[derive(Clone, Copy)]
struct Time {
    hour: f64,
    minute: f64,
    weekday: f64,
}

/// A plan bound to its columns, with the series it records.
pub struct Kernel<'c> {
    plan: &'c Plan,
    bars: &'c Bars,
    indicators: &'c [Arc<Column>],
    series: Vec<Ring>,
    /// The time of bar `.0`.
    time: Option<(usize, Time)>,
}

/// Where an expression is evaluated: the bar, its index as `bar_index` reads it, the side.
#[derive(Clone, Copy)]
struct At {
    i: usize,
    bar_index: usize,
    intent: Side,
}

impl<'c> Kernel<'c> {
    /// Binds `plan` (which [`supported`] accepted) to its `indicators` columns over `bars`.
    #[must_use]
    pub fn new(plan: &'c Plan, bars: &'c Bars, indicators: &'c [Arc<Column>]) -> Self {
        let series = plan
            .series
            .iter()
            .map(|s| Ring {
                values: VecDeque::with_capacity(s.capacity),
                capacity: s.capacity,
            })
            .collect();
        Self {
            plan,
            bars,
            indicators,
            series,
            time: None,
        }
    }

    /// Bar `i` (every bar, in order): records the series, then the side the rules want from
    /// `intent`, if any.
    #[inline]
    pub fn decide(&mut self, i: usize, intent: Side) -> Option<Side> {
        // The evaluator computes the series before counting the bar.
        let before = At {
            i,
            bar_index: i.saturating_sub(1),
            intent,
        };
        let plan = self.plan;
        for k in 0..self.series.len() {
            let v = self.number(&plan.series[k].expr, before);
            self.series[k].push(v);
        }
        let at = At {
            i,
            bar_index: i,
            intent,
        };
        let rules = &plan.rules;
        let mut fires = |rule: &Option<Expr>| {
            rule.as_ref()
                .is_some_and(|e| self.truth(e, at) == Tri::True)
        };
        match intent {
            Side::Flat if fires(&rules.enter_long) => Some(Side::Long),
            Side::Flat if fires(&rules.enter_short) => Some(Side::Short),
            Side::Long if fires(&rules.enter_short) => Some(Side::Short),
            Side::Long if fires(&rules.exit_long) => Some(Side::Flat),
            Side::Short if fires(&rules.enter_long) => Some(Side::Long),
            Side::Short if fires(&rules.exit_short) => Some(Side::Flat),
            _ => None,
        }
    }

    fn time(&mut self, i: usize) -> Time {
        if let Some((at, t)) = self.time
            && at == i
        {
            return t;
        }
        let time = chrono::DateTime::from_timestamp_nanos(self.bars.ts[i]);
        let t = Time {
            hour: f64::from(time.hour()),
            minute: f64::from(time.minute()),
            weekday: f64::from(time.weekday().number_from_monday()),
        };
        self.time = Some((i, t));
        t
    }

    fn number(&mut self, e: &Expr, at: At) -> f64 {
        let i = at.i;
        match e {
            Expr::Number(v) => *v,
            Expr::Bar(f) => {
                let b = self.bars;
                match f {
                    BarField::Open => b.open_f[i],
                    BarField::High => b.high_f[i],
                    BarField::Low => b.low_f[i],
                    BarField::Close => b.close_f[i],
                    BarField::Volume => b.volume_f[i],
                }
            }
            Expr::Clock(c) => match c {
                Clock::Hour => self.time(i).hour,
                Clock::Minute => self.time(i).minute,
                Clock::Weekday => self.time(i).weekday,
                Clock::BarIndex => at.bar_index as f64,
            },
            Expr::Output { indicator, output } => self.indicators[*indicator]
                .outputs
                .get(*output)
                .map_or(f64::NAN, |c| c[i]),
            Expr::Past { series, bars } => self.series[*series].back(*bars),
            Expr::Negate(a) => -self.number(a, at),
            Expr::Abs(a) => self.number(a, at).abs(),
            Expr::Arith(op, a, b) => {
                let a = self.number(a, at);
                arith(*op, a, self.number(b, at))
            }
            Expr::Extreme {
                highest,
                series,
                bars,
            } => {
                let ring = &self.series[*series];
                if ring.values.len() < *bars {
                    return f64::NAN;
                }
                let mut acc = if *highest {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                };
                for v in ring.values.iter().rev().take(*bars) {
                    if v.is_nan() {
                        return f64::NAN;
                    }
                    acc = if *highest { acc.max(*v) } else { acc.min(*v) };
                }
                acc
            }
            // Position fields ([`supported`] refuses them) and conditions have no number.
            _ => f64::NAN,
        }
    }

    fn truth(&mut self, e: &Expr, at: At) -> Tri {
        match e {
            Expr::Bool(b) => Tri::of(*b),
            Expr::Flag { indicator, output } => {
                let v = self.number(
                    &Expr::Output {
                        indicator: *indicator,
                        output: *output,
                    },
                    at,
                );
                if v.is_nan() {
                    Tri::Unknown
                } else {
                    Tri::of(v != 0.0)
                }
            }
            Expr::Compare(cmp, a, b) => {
                let a = self.number(a, at);
                compare(*cmp, a, self.number(b, at))
            }
            Expr::SideIs { side, equal } => Tri::of((at.intent == *side) == *equal),
            Expr::And(a, b) => match self.truth(a, at) {
                Tri::False => Tri::False,
                x => x.and(self.truth(b, at)),
            },
            Expr::Or(a, b) => match self.truth(a, at) {
                Tri::True => Tri::True,
                x => x.or(self.truth(b, at)),
            },
            Expr::Not(a) => self.truth(a, at).not(),
            Expr::Crosses { above, a, b } => {
                let (a, b) = (&self.series[*a], &self.series[*b]);
                crosses(*above, (a.back(0), a.back(1)), (b.back(0), b.back(1)))
            }
            Expr::Ready(a) => Tri::of(!self.number(a, at).is_nan()),
            Expr::Between { from, to } => {
                let t = self.time(at.i);
                let m = (t.hour * 60.0 + t.minute) as u32;
                Tri::of(if from < to {
                    *from <= m && m < *to
                } else {
                    m >= *from || m < *to
                })
            }
            _ => Tri::Unknown,
        }
    }
}
