//! Length: over 1,000 lines because the checker is one `Compiler` whose methods recurse into
//! each other over the syntax tree (expressions, calls, indicators, rules, exits); the seam to
//! cut next is the document-level part (parameters, constraints, exits) out of the expression walk.
//!
//! The checker: a definition and parameter values into a [`Plan`], or the first problem with
//! its path and position. Names are resolved, types checked (numbers, conditions, sides,
//! texts), constants folded, indicators and recorded series collected, and every limit that
//! keeps a bar's evaluation bounded is enforced.

use indexmap::IndexMap;
use nautilus_model::enums::TimeInForce;
use rust_decimal::{Decimal, prelude::FromPrimitive};
use serde_json::{Map, Value};

use super::{
    document::{Definition, EntryType, Level, Scalar},
    error::{LangError, LangResult, suggestion},
    indicators::{self, ArgKind, ArgValue, Args, IndicatorDef, Input},
    params::{self, Bound, ParamValue},
    plan::{
        Arith, BarField, Clock, Cmp, EntryKind, EntryTiming, ExitSpec, Expr, IndicatorSpec,
        LevelSpec, Plan, PositionField, RuleSet, SeriesSpec, Side, SizingSpec, TrailingSpec, Tri,
        arith, compare,
    },
    syntax::{self, Argument, BinOp, Kind, Node},
};

/// Most bars any value may look back (`x[n]`, `highest(x, n)`).
pub const MAX_LOOKBACK: usize = 10_000;
/// Most indicator instances (named and written inline).
pub const MAX_INDICATORS: usize = 64;
/// Most recorded series.
pub const MAX_SERIES: usize = 128;
/// Most constraints.
pub const MAX_CONSTRAINTS: usize = 32;

/// Functions of the language (besides indicators).
pub const FUNCTIONS: &[&str] = &[
    "crosses_above",
    "crosses_below",
    "highest",
    "lowest",
    "abs",
    "min",
    "max",
    "ready",
    "between",
];

/// Checks a definition with its default parameter values: what `define` and `validate` do
/// before anything is stored or run.
pub fn check(def: &Definition) -> LangResult<Plan> {
    compile(def, &Map::new())
}

/// Compiles a definition with the parameter values given (defaults for the rest).
pub fn compile(def: &Definition, given: &Map<String, Value>) -> LangResult<Plan> {
    params::check_declarations(def)?;
    let values = params::bind(def, given)?;
    let mut c = Compiler {
        params: &values,
        named: IndexMap::new(),
        indicators: Vec::new(),
        series: Vec::new(),
    };
    c.constraints(def)?;
    c.named_indicators(def)?;
    let rules = c.rules(def)?;
    let allow_short = match &def.orders.allow_short {
        Some(s) => c.constant_bool("orders.allow_short", s)?.unwrap_or(true),
        None => true,
    };
    if rules.enter_long.is_none() && rules.enter_short.is_some() && !allow_short {
        return Err(LangError::new(
            "rules.enter_short",
            "short entries are the only entries and allow_short is false: the strategy could \
             never place an order",
        ));
    }
    let exits = c.exits(def)?;
    let (entry, timing) = c.entry(def, &rules)?;
    let sizing = c.sizing(def, &exits)?;
    Ok(Plan {
        parameters: params::to_json(&values),
        indicators: c.indicators,
        series: c.series,
        rules,
        entry,
        timing,
        sizing,
        allow_short,
        exits,
    })
}

/// What an expression is.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Num(Expr),
    Cond(Expr),
    /// A constant side, or the position's (`None`).
    Side(Option<Side>),
    Text(String),
}

impl Val {
    fn kind(&self) -> &'static str {
        match self {
            Self::Num(_) => "a number",
            Self::Cond(_) => "a condition",
            Self::Side(_) => "a side",
            Self::Text(_) => "a text",
        }
    }
}

/// Where an expression is, for errors, and what it may refer to.
#[derive(Clone, Copy)]
struct Site<'t> {
    path: &'t str,
    text: &'t str,
    /// Only numbers, texts and parameters (indicator arguments, sizes, constraints).
    constant: bool,
}

impl Site<'_> {
    fn err(&self, node: &Node, message: impl std::fmt::Display) -> LangError {
        LangError::at(self.path, self.text, node.offset, message)
    }
}

struct Compiler<'a> {
    params: &'a Bound,
    named: IndexMap<String, usize>,
    indicators: Vec<IndicatorSpec>,
    series: Vec<SeriesSpec>,
}

/// Whether an expression depends on anything but constants.
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::Number(_) | Expr::Bool(_) => true,
        Expr::Negate(a) | Expr::Abs(a) | Expr::Not(a) | Expr::Ready(a) => is_constant(a),
        Expr::Arith(_, a, b) | Expr::Compare(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) => {
            is_constant(a) && is_constant(b)
        }
        _ => false,
    }
}

/// The value of a constant number.
fn number_of(e: &Expr) -> f64 {
    match e {
        Expr::Number(v) => *v,
        Expr::Negate(a) => -number_of(a),
        Expr::Abs(a) => number_of(a).abs(),
        Expr::Arith(op, a, b) => arith(*op, number_of(a), number_of(b)),
        _ => f64::NAN,
    }
}

/// The value of a constant condition.
fn truth_of(e: &Expr) -> Tri {
    match e {
        Expr::Bool(b) => Tri::of(*b),
        Expr::Not(a) => truth_of(a).not(),
        Expr::And(a, b) => truth_of(a).and(truth_of(b)),
        Expr::Or(a, b) => truth_of(a).or(truth_of(b)),
        Expr::Compare(cmp, a, b) => compare(*cmp, number_of(a), number_of(b)),
        Expr::Ready(a) => Tri::of(!number_of(a).is_nan()),
        _ => Tri::Unknown,
    }
}

/// Folds a constant number or condition into its value.
fn fold(v: Val) -> Val {
    match v {
        Val::Num(e) if is_constant(&e) && !matches!(e, Expr::Number(_)) => {
            Val::Num(Expr::Number(number_of(&e)))
        }
        Val::Cond(e) if is_constant(&e) && !matches!(e, Expr::Bool(_)) => match truth_of(&e) {
            Tri::True => Val::Cond(Expr::Bool(true)),
            Tri::False => Val::Cond(Expr::Bool(false)),
            Tri::Unknown => Val::Cond(e),
        },
        other => other,
    }
}

fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl Compiler<'_> {
    // ----- expressions -------------------------------------------------------------------

    fn expr(&mut self, site: Site<'_>, node: &Node) -> LangResult<Val> {
        let v = match &node.kind {
            Kind::Number(v) => {
                if !v.is_finite() {
                    return Err(site.err(node, "the number is too large"));
                }
                Val::Num(Expr::Number(*v))
            }
            Kind::Text(t) => Val::Text(t.clone()),
            Kind::Name(name) => self.name(site, node, name)?,
            Kind::Field(base, field) => self.field(site, node, base, field)?,
            Kind::History(value, bars) => self.history(site, value, bars)?,
            Kind::Call { name, args } => self.call(site, node, name, args)?,
            Kind::Negate(a) => Val::Num(Expr::Negate(Box::new(self.number(site, a, "'-'")?))),
            Kind::Not(a) => Val::Cond(Expr::Not(Box::new(self.condition(site, a, "'not'")?))),
            Kind::Binary(op, a, b) => self.binary(site, *op, a, b)?,
        };
        Ok(fold(v))
    }

    fn number(&mut self, site: Site<'_>, node: &Node, what: &str) -> LangResult<Expr> {
        match self.expr(site, node)? {
            Val::Num(e) => Ok(e),
            other => Err(site.err(node, format!("{what} needs a number, got {}", other.kind()))),
        }
    }

    fn condition(&mut self, site: Site<'_>, node: &Node, what: &str) -> LangResult<Expr> {
        match self.expr(site, node)? {
            Val::Cond(e) => Ok(e),
            other => Err(site.err(
                node,
                format!(
                    "{what} needs a condition (true or false), got {}",
                    other.kind()
                ),
            )),
        }
    }

    fn name(&mut self, site: Site<'_>, node: &Node, name: &str) -> LangResult<Val> {
        let dynamic = |v: Val| -> LangResult<Val> {
            if site.constant {
                Err(site.err(
                    node,
                    format!("'{name}' changes from bar to bar; only numbers and parameters may be used here"),
                ))
            } else {
                Ok(v)
            }
        };
        let bar = |f| Val::Num(Expr::Bar(f));
        let clock = |c| Val::Num(Expr::Clock(c));
        match name {
            "open" => return dynamic(bar(BarField::Open)),
            "high" => return dynamic(bar(BarField::High)),
            "low" => return dynamic(bar(BarField::Low)),
            "close" => return dynamic(bar(BarField::Close)),
            "volume" => return dynamic(bar(BarField::Volume)),
            "hour" => return dynamic(clock(Clock::Hour)),
            "minute" => return dynamic(clock(Clock::Minute)),
            "weekday" => return dynamic(clock(Clock::Weekday)),
            "bar_index" => return dynamic(clock(Clock::BarIndex)),
            "true" => return Ok(Val::Cond(Expr::Bool(true))),
            "false" => return Ok(Val::Cond(Expr::Bool(false))),
            "long" => return Ok(Val::Side(Some(Side::Long))),
            "short" => return Ok(Val::Side(Some(Side::Short))),
            "flat" => return Ok(Val::Side(Some(Side::Flat))),
            "position" => {
                return Err(site.err(
                    node,
                    "position needs a field: position.side, position.entry_price, \
                     position.bars_held, position.unrealized_pct or position.quantity",
                ));
            }
            _ => {}
        }
        if let Some(value) = self.params.get(name) {
            return match value {
                ParamValue::Int(_) | ParamValue::Decimal(_) => {
                    Ok(Val::Num(Expr::Number(value.number().unwrap_or(f64::NAN))))
                }
                ParamValue::Bool(b) => Ok(Val::Cond(Expr::Bool(*b))),
                ParamValue::Choice(c) => Ok(Val::Text(c.clone())),
                ParamValue::Unset => Err(site.err(
                    node,
                    format!(
                        "parameter '{name}' is optional and unset; it can only be used alone, as \
                         a size or an exit that is then off"
                    ),
                )),
            };
        }
        if let Some(&index) = self.named.get(name) {
            return dynamic(self.output(index, 0));
        }
        let known = self
            .params
            .keys()
            .map(String::as_str)
            .chain(self.named.keys().map(String::as_str))
            .chain(params::RESERVED.iter().copied())
            .collect::<Vec<_>>();
        let hint = suggestion(name, known);
        let what = if indicators::find(name).is_some() {
            format!(
                "unknown name '{name}'{hint}: to use the {name} indicator, call it with its \
                 arguments, e.g. {name}(14), or name it under [indicators]"
            )
        } else {
            format!("unknown name '{name}'{hint}")
        };
        Err(site.err(node, what))
    }

    fn output(&self, indicator: usize, output: usize) -> Val {
        let def = self.indicators[indicator].def;
        if def.outputs[output].boolean {
            Val::Cond(Expr::Flag { indicator, output })
        } else {
            Val::Num(Expr::Output { indicator, output })
        }
    }

    fn field(&mut self, site: Site<'_>, node: &Node, base: &Node, field: &str) -> LangResult<Val> {
        let indicator = match &base.kind {
            Kind::Name(n) if n == "position" => {
                if site.constant {
                    return Err(site.err(node, "the position changes from bar to bar; only numbers and parameters may be used here"));
                }
                let f = match field {
                    "side" => return Ok(Val::Side(None)),
                    "entry_price" => PositionField::EntryPrice,
                    "bars_held" => PositionField::BarsHeld,
                    "unrealized_pct" => PositionField::UnrealizedPct,
                    "quantity" => PositionField::Quantity,
                    other => {
                        let fields = [
                            "side",
                            "entry_price",
                            "bars_held",
                            "unrealized_pct",
                            "quantity",
                        ];
                        return Err(site.err(
                            node,
                            format!(
                                "position has no field '{other}'{}; fields: {}",
                                suggestion(other, fields),
                                fields.join(", ")
                            ),
                        ));
                    }
                };
                return Ok(Val::Num(Expr::Position(f)));
            }
            Kind::Name(n) if self.named.contains_key(n) => {
                if site.constant {
                    return Err(site.err(node, format!("'{n}' changes from bar to bar; only numbers and parameters may be used here")));
                }
                self.named[n]
            }
            Kind::Call { name, args } => {
                if site.constant {
                    return Err(site.err(node, "indicators change from bar to bar; only numbers and parameters may be used here"));
                }
                self.inline_indicator(site, base, name, args)?
            }
            _ => {
                let v = self.expr(site, base)?;
                return Err(site.err(
                    node,
                    format!(
                        "'.{field}' reads an indicator's output, but this is {}",
                        v.kind()
                    ),
                ));
            }
        };
        let spec = &self.indicators[indicator];
        let Some(i) = spec.def.outputs.iter().position(|o| o.name == field) else {
            let names: Vec<&str> = spec.def.outputs.iter().map(|o| o.name).collect();
            return Err(site.err(
                node,
                format!(
                    "{} ({}) has no output '{field}'{}; outputs: {}",
                    spec.label,
                    spec.def.name,
                    suggestion(field, names.iter().copied()),
                    names.join(", ")
                ),
            ));
        };
        Ok(self.output(indicator, i))
    }

    /// A constant whole number of bars in `0..=MAX_LOOKBACK` (or `min..`).
    fn bars(&mut self, site: Site<'_>, node: &Node, min: usize) -> LangResult<usize> {
        let constant = Site {
            constant: true,
            ..site
        };
        let e = self.number(constant, node, "a number of bars")?;
        let v = number_of(&e);
        if v.fract() != 0.0 || v < min as f64 {
            return Err(site.err(
                node,
                format!("a number of bars must be a whole number of at least {min}, got {v}"),
            ));
        }
        if v > MAX_LOOKBACK as f64 {
            return Err(site.err(
                node,
                format!("looks back {v} bars; the limit is {MAX_LOOKBACK}"),
            ));
        }
        Ok(v as usize)
    }

    fn contains_position(e: &Expr) -> bool {
        match e {
            Expr::Position(_) | Expr::SideIs { .. } => true,
            Expr::Negate(a) | Expr::Abs(a) | Expr::Not(a) | Expr::Ready(a) => {
                Self::contains_position(a)
            }
            Expr::Arith(_, a, b) | Expr::Compare(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) => {
                Self::contains_position(a) || Self::contains_position(b)
            }
            _ => false,
        }
    }

    /// A numeric series to record, `capacity` values of it.
    fn series(&mut self, site: Site<'_>, node: &Node, capacity: usize) -> LangResult<usize> {
        let e = self.number(site, node, "a past value")?;
        if Self::contains_position(&e) {
            return Err(site.err(
                node,
                "the position has no past values; use it only as it is now",
            ));
        }
        if let Some(i) = self.series.iter().position(|s| s.expr == e) {
            self.series[i].capacity = self.series[i].capacity.max(capacity);
            return Ok(i);
        }
        if self.series.len() >= MAX_SERIES {
            return Err(site.err(
                node,
                format!("more than {MAX_SERIES} values with history in one definition"),
            ));
        }
        self.series.push(SeriesSpec { expr: e, capacity });
        Ok(self.series.len() - 1)
    }

    fn history(&mut self, site: Site<'_>, value: &Node, bars: &Node) -> LangResult<Val> {
        if site.constant {
            return Err(site.err(
                value,
                "past values change from bar to bar; only numbers and parameters may be used here",
            ));
        }
        let n = self.bars(site, bars, 0)?;
        if n == 0 {
            return self.expr(site, value);
        }
        let series = self.series(site, value, n + 1)?;
        Ok(Val::Num(Expr::Past { series, bars: n }))
    }

    fn binary(&mut self, site: Site<'_>, op: BinOp, a: &Node, b: &Node) -> LangResult<Val> {
        let what = format!("'{}'", op.symbol());
        match op {
            BinOp::Or | BinOp::And => {
                let (x, y) = (
                    self.condition(site, a, &what)?,
                    self.condition(site, b, &what)?,
                );
                Ok(Val::Cond(if op == BinOp::Or {
                    Expr::Or(Box::new(x), Box::new(y))
                } else {
                    Expr::And(Box::new(x), Box::new(y))
                }))
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let (x, y) = (self.number(site, a, &what)?, self.number(site, b, &what)?);
                let o = match op {
                    BinOp::Add => Arith::Add,
                    BinOp::Sub => Arith::Sub,
                    BinOp::Mul => Arith::Mul,
                    _ => Arith::Div,
                };
                Ok(Val::Num(Expr::Arith(o, Box::new(x), Box::new(y))))
            }
            _ => {
                let cmp = match op {
                    BinOp::Lt => Cmp::Lt,
                    BinOp::Le => Cmp::Le,
                    BinOp::Gt => Cmp::Gt,
                    BinOp::Ge => Cmp::Ge,
                    BinOp::Eq => Cmp::Eq,
                    _ => Cmp::Ne,
                };
                let (x, y) = (self.expr(site, a)?, self.expr(site, b)?);
                self.comparison(site, cmp, (x, a), (y, b))
            }
        }
    }

    fn comparison(
        &mut self,
        site: Site<'_>,
        cmp: Cmp,
        (x, a): (Val, &Node),
        (y, b): (Val, &Node),
    ) -> LangResult<Val> {
        let equality = matches!(cmp, Cmp::Eq | Cmp::Ne);
        let equal = cmp == Cmp::Eq;
        match (x, y) {
            (Val::Num(x), Val::Num(y)) => {
                Ok(Val::Cond(Expr::Compare(cmp, Box::new(x), Box::new(y))))
            }
            (Val::Side(p), Val::Side(q)) if equality => Ok(Val::Cond(match (p, q) {
                (None, Some(s)) | (Some(s), None) => Expr::SideIs { side: s, equal },
                (Some(s), Some(t)) => Expr::Bool((s == t) == equal),
                (None, None) => Expr::Bool(equal),
            })),
            (Val::Text(s), Val::Text(t)) if equality => {
                Ok(Val::Cond(Expr::Bool(s.eq_ignore_ascii_case(&t) == equal)))
            }
            (x, y) => {
                let node = if matches!(x, Val::Num(_)) { b } else { a };
                let hint = match (&x, &y) {
                    (Val::Side(_), _) | (_, Val::Side(_)) => {
                        " (sides compare with == and != to long, short or flat)"
                    }
                    (Val::Cond(_), _) | (_, Val::Cond(_)) => {
                        " (combine conditions with and, or, not)"
                    }
                    _ => "",
                };
                Err(site.err(
                    node,
                    format!("cannot compare {} with {}{hint}", x.kind(), y.kind(),),
                ))
            }
        }
    }

    fn call(
        &mut self,
        site: Site<'_>,
        node: &Node,
        name: &str,
        args: &[Argument],
    ) -> LangResult<Val> {
        let lower = name.to_ascii_lowercase();
        if FUNCTIONS.contains(&lower.as_str()) {
            if site.constant && !matches!(lower.as_str(), "abs" | "min" | "max") {
                return Err(site.err(node, format!("{name}() changes from bar to bar; only numbers and parameters may be used here")));
            }
            return self.function(site, node, &lower, args);
        }
        if indicators::find(name).is_some() {
            if site.constant {
                return Err(site.err(node, "indicators change from bar to bar; only numbers and parameters may be used here"));
            }
            let index = self.inline_indicator(site, node, name, args)?;
            return Ok(self.output(index, 0));
        }
        let hint = suggestion(name, indicators::names().chain(FUNCTIONS.iter().copied()));
        Err(site.err(node, format!("unknown indicator '{name}'{hint}")))
    }

    fn positional<'n>(
        site: Site<'_>,
        node: &'n Node,
        name: &str,
        args: &'n [Argument],
        count: usize,
    ) -> LangResult<Vec<&'n Node>> {
        if let Some(a) = args.iter().find(|a| a.name.is_some()) {
            return Err(site.err(&a.value, format!("{name}() takes no named arguments")));
        }
        if args.len() != count {
            return Err(site.err(
                node,
                format!(
                    "{name}() takes {count} argument{}, got {}",
                    if count == 1 { "" } else { "s" },
                    args.len()
                ),
            ));
        }
        Ok(args.iter().map(|a| &a.value).collect())
    }

    fn function(
        &mut self,
        site: Site<'_>,
        node: &Node,
        name: &str,
        args: &[Argument],
    ) -> LangResult<Val> {
        match name {
            "crosses_above" | "crosses_below" => {
                let a = Self::positional(site, node, name, args, 2)?;
                let x = self.series(site, a[0], 2)?;
                let y = self.series(site, a[1], 2)?;
                Ok(Val::Cond(Expr::Crosses {
                    above: name == "crosses_above",
                    a: x,
                    b: y,
                }))
            }
            "highest" | "lowest" => {
                let a = Self::positional(site, node, name, args, 2)?;
                let bars = self.bars(site, a[1], 1)?;
                let series = self.series(site, a[0], bars)?;
                Ok(Val::Num(Expr::Extreme {
                    highest: name == "highest",
                    series,
                    bars,
                }))
            }
            "abs" => {
                let a = Self::positional(site, node, name, args, 1)?;
                Ok(Val::Num(Expr::Abs(Box::new(
                    self.number(site, a[0], "abs()")?,
                ))))
            }
            "min" | "max" => {
                if args.len() < 2 {
                    return Err(site.err(
                        node,
                        format!("{name}() takes at least 2 arguments, got {}", args.len()),
                    ));
                }
                let a = Self::positional(site, node, name, args, args.len())?;
                let op = if name == "min" {
                    Arith::Min
                } else {
                    Arith::Max
                };
                let mut acc = self.number(site, a[0], &format!("{name}()"))?;
                for n in &a[1..] {
                    let next = self.number(site, n, &format!("{name}()"))?;
                    acc = Expr::Arith(op, Box::new(acc), Box::new(next));
                }
                Ok(Val::Num(acc))
            }
            "ready" => {
                let a = Self::positional(site, node, name, args, 1)?;
                Ok(Val::Cond(Expr::Ready(Box::new(
                    self.number(site, a[0], "ready()")?,
                ))))
            }
            _ => {
                // between('HH:MM', 'HH:MM')
                let a = Self::positional(site, node, name, args, 2)?;
                let mut times = [0u32; 2];
                for (i, n) in a.iter().enumerate() {
                    times[i] = match &n.kind {
                        Kind::Text(t) => parse_time(t).ok_or_else(|| {
                            site.err(n, format!("'{t}' is not a time of day HH:MM (UTC)"))
                        })?,
                        _ => return Err(site.err(
                            n,
                            "between() takes times of day as texts, e.g. between('13:30', '20:00')",
                        )),
                    };
                }
                if times[0] == times[1] {
                    return Err(site.err(node, "between() needs two different times"));
                }
                Ok(Val::Cond(Expr::Between {
                    from: times[0],
                    to: times[1],
                }))
            }
        }
    }

    // ----- indicators --------------------------------------------------------------------

    /// Resolves an indicator call's arguments.
    fn indicator_args(
        &mut self,
        site: Site<'_>,
        node: &Node,
        def: &'static IndicatorDef,
        args: &[Argument],
    ) -> LangResult<Args> {
        let mut values: Vec<Option<ArgValue>> = vec![None; def.args.len()];
        let mut next = 0usize;
        for a in args {
            let index = match &a.name {
                Some(n) => def
                    .args
                    .iter()
                    .position(|d| d.name == n.as_str())
                    .ok_or_else(|| {
                        let names: Vec<&str> = def.args.iter().map(|d| d.name).collect();
                        LangError::at(
                            site.path,
                            site.text,
                            a.offset,
                            format!(
                                "{} has no argument '{n}'{}; arguments: {}",
                                def.name,
                                suggestion(n, names.iter().copied()),
                                if names.is_empty() {
                                    "none".to_string()
                                } else {
                                    names.join(", ")
                                }
                            ),
                        )
                    })?,
                None => {
                    if next >= def.args.len() {
                        return Err(site.err(
                            &a.value,
                            format!("{} takes at most {} arguments", def.name, def.args.len()),
                        ));
                    }
                    next += 1;
                    next - 1
                }
            };
            if values[index].is_some() {
                return Err(site.err(
                    &a.value,
                    format!("argument '{}' is given twice", def.args[index].name),
                ));
            }
            values[index] = Some(self.argument(site, def, index, &a.value)?);
        }
        let mut resolved = Vec::with_capacity(def.args.len());
        for (i, v) in values.into_iter().enumerate() {
            match v.or(def.args[i].default) {
                Some(v) => resolved.push(v),
                None => {
                    return Err(site.err(
                        node,
                        format!("{} needs its argument '{}'", def.name, def.args[i].name),
                    ));
                }
            }
        }
        let args = Args(resolved);
        (def.check)(&args).map_err(|e| site.err(node, format!("{}: {e}", def.name)))?;
        Ok(args)
    }

    fn argument(
        &mut self,
        site: Site<'_>,
        def: &IndicatorDef,
        index: usize,
        node: &Node,
    ) -> LangResult<ArgValue> {
        let arg = def.args[index];
        let constant = Site {
            constant: true,
            ..site
        };
        let what = format!("{} {}", def.name, arg.name);
        match arg.kind {
            ArgKind::Input => match &node.kind {
                Kind::Name(n) => Input::named(n).map(ArgValue::Input).ok_or_else(|| {
                    let names: Vec<&str> = Input::ALL.iter().map(|(n, _)| *n).collect();
                    site.err(node, format!("{what} is one of {}", names.join(", ")))
                }),
                _ => {
                    let names: Vec<&str> = Input::ALL.iter().map(|(n, _)| *n).collect();
                    Err(site.err(node, format!("{what} is one of {}", names.join(", "))))
                }
            },
            ArgKind::MaType => match self.expr(constant, node)? {
                Val::Text(t) => indicators::ma_type_named(&t).map(ArgValue::MaType).ok_or_else(|| {
                    site.err(node, format!("{what}: '{t}' is not a moving average type (SMA, EMA, DEMA, RMA, HMA)"))
                }),
                other => Err(site.err(node, format!("{what} needs a moving average type such as 'EMA', got {}", other.kind()))),
            },
            ArgKind::Bool => match self.expr(constant, node)? {
                Val::Cond(Expr::Bool(b)) => Ok(ArgValue::Bool(b)),
                other => Err(site.err(node, format!("{what} needs true or false, got {}", other.kind()))),
            },
            ArgKind::Int { min, max } => {
                let v = number_of(&self.number(constant, node, &what)?);
                if v.fract() != 0.0 {
                    return Err(site.err(node, format!("{what} must be a whole number, got {v}")));
                }
                if v < min as f64 {
                    return Err(site.err(node, format!("{what} must be at least {min}, got {v}")));
                }
                if v > max as f64 {
                    return Err(site.err(node, format!("{what} must be at most {max}, got {v}")));
                }
                Ok(ArgValue::Int(v as usize))
            }
            ArgKind::Float { min, max } => {
                let v = number_of(&self.number(constant, node, &what)?);
                if !(min..=max).contains(&v) {
                    return Err(site.err(node, format!("{what} must be between {min} and {max}, got {v}")));
                }
                Ok(ArgValue::Float(v))
            }
        }
    }

    fn add_indicator(
        &mut self,
        site: Site<'_>,
        node: &Node,
        spec: IndicatorSpec,
    ) -> LangResult<usize> {
        if self.indicators.len() >= MAX_INDICATORS {
            return Err(site.err(
                node,
                format!("more than {MAX_INDICATORS} indicators in one definition"),
            ));
        }
        self.indicators.push(spec);
        Ok(self.indicators.len() - 1)
    }

    fn inline_indicator(
        &mut self,
        site: Site<'_>,
        node: &Node,
        name: &str,
        args: &[Argument],
    ) -> LangResult<usize> {
        let Some(def) = indicators::find(name) else {
            let hint = suggestion(name, indicators::names().chain(FUNCTIONS.iter().copied()));
            return Err(site.err(node, format!("unknown indicator '{name}'{hint}")));
        };
        let args = self.indicator_args(site, node, def, args)?;
        if let Some(i) = self
            .indicators
            .iter()
            .position(|s| std::ptr::eq(s.def, def) && s.args == args && s.step_ns.is_none())
        {
            return Ok(i);
        }
        let label = format!("{}({})", def.name, describe_args(def, &args));
        self.add_indicator(
            site,
            node,
            IndicatorSpec {
                label,
                def,
                args,
                step_ns: None,
                bars: None,
            },
        )
    }

    fn named_indicators(&mut self, def: &Definition) -> LangResult<()> {
        for (name, decl) in &def.indicators {
            let path = format!("indicators.{name}");
            params::check_name(&path, name)?;
            if def.parameters.contains_key(name) {
                return Err(LangError::new(
                    &path,
                    format!("'{name}' is also a parameter's name"),
                ));
            }
            let (text, bars) = decl.parts();
            let (call_path, bars_path) = match decl {
                super::document::IndicatorDecl::Call(_) => (path.clone(), path.clone()),
                super::document::IndicatorDecl::On(_) => {
                    (format!("{path}.of"), format!("{path}.bars"))
                }
            };
            let node = syntax::parse(&call_path, text)?;
            let site = Site {
                path: &call_path,
                text,
                constant: false,
            };
            let Kind::Call { name: kind, args } = &node.kind else {
                return Err(site.err(&node, "expected an indicator call such as ema(20)"));
            };
            let Some(ind) = indicators::find(kind) else {
                let hint = suggestion(kind, indicators::names());
                return Err(site.err(&node, format!("unknown indicator '{kind}'{hint}")));
            };
            let args = self.indicator_args(site, &node, ind, args)?;
            let (step_ns, bars) = match bars {
                Some(b) => {
                    let spec = crate::data::parse_bar_spec("bars", b).map_err(|e| {
                        LangError::new(&bars_path, e.message.trim_start_matches("bars: "))
                    })?;
                    let step = crate::data::spec_step_ns(&spec);
                    if step <= 0 {
                        return Err(LangError::new(
                            &bars_path,
                            format!("{b} is not a time-based bar specification (e.g. 1-HOUR-LAST)"),
                        ));
                    }
                    (Some(step), Some(spec.to_string()))
                }
                None => (None, None),
            };
            let index = self.add_indicator(
                site,
                &node,
                IndicatorSpec {
                    label: name.clone(),
                    def: ind,
                    args,
                    step_ns,
                    bars,
                },
            )?;
            self.named.insert(name.clone(), index);
        }
        Ok(())
    }

    // ----- the document's parts ------------------------------------------------------------

    fn constraints(&mut self, def: &Definition) -> LangResult<()> {
        if def.constraints.len() > MAX_CONSTRAINTS {
            return Err(LangError::new(
                "constraints",
                format!("more than {MAX_CONSTRAINTS} constraints"),
            ));
        }
        for (i, c) in def.constraints.iter().enumerate() {
            let path = format!("constraints[{i}].require");
            if !def.parameters.contains_key(&c.parameter) {
                return Err(LangError::new(
                    &format!("constraints[{i}].parameter"),
                    format!("'{}' is not a parameter", c.parameter),
                ));
            }
            let node = syntax::parse(&path, &c.require)?;
            let mut names = Vec::new();
            collect_names(&node, &mut names);
            if names
                .iter()
                .any(|n| self.params.get(*n) == Some(&ParamValue::Unset))
            {
                continue;
            }
            let site = Site {
                path: &path,
                text: &c.require,
                constant: true,
            };
            let holds = self.condition(site, &node, "a constraint")?;
            if truth_of(&holds) != Tri::True {
                let mut message = c
                    .message
                    .clone()
                    .unwrap_or_else(|| format!("must satisfy {}", c.require));
                for (name, value) in self.params {
                    message = message.replace(&format!("{{{name}}}"), &value.display());
                }
                return Err(LangError::new(
                    &format!("parameters.{}", c.parameter),
                    message,
                ));
            }
        }
        Ok(())
    }

    fn rules(&mut self, def: &Definition) -> LangResult<RuleSet> {
        let rule = |c: &mut Self, key: &str, text: &Option<String>| -> LangResult<Option<Expr>> {
            let Some(text) = text else { return Ok(None) };
            let path = format!("rules.{key}");
            let node = syntax::parse(&path, text)?;
            let site = Site {
                path: &path,
                text,
                constant: false,
            };
            match c.expr(site, &node)? {
                Val::Cond(e) => Ok(Some(e)),
                other => Err(site.err(
                    &node,
                    format!(
                        "a rule must be a condition (true or false), got {}",
                        other.kind()
                    ),
                )),
            }
        };
        let rules = RuleSet {
            enter_long: rule(self, "enter_long", &def.rules.enter_long)?,
            enter_short: rule(self, "enter_short", &def.rules.enter_short)?,
            exit_long: rule(self, "exit_long", &def.rules.exit_long)?,
            exit_short: rule(self, "exit_short", &def.rules.exit_short)?,
        };
        if rules.enter_long.is_none() && rules.enter_short.is_none() {
            return Err(LangError::new(
                "rules",
                "no entry rule (enter_long or enter_short): the strategy could never place an order",
            ));
        }
        Ok(rules)
    }

    /// A runtime price expression (entries, exits): a number, or an expression's text.
    fn price(&mut self, path: &str, value: &Scalar) -> LangResult<Expr> {
        let text = match value {
            Value::Number(n) => {
                return n
                    .as_f64()
                    .filter(|v| v.is_finite())
                    .map(Expr::Number)
                    .ok_or_else(|| LangError::new(path, format!("{n} is out of range")));
            }
            Value::String(t) => t.as_str(),
            other => {
                return Err(LangError::new(
                    path,
                    format!("expected a number or an expression, got {other}"),
                ));
            }
        };
        let node = syntax::parse(path, text)?;
        let site = Site {
            path,
            text,
            constant: false,
        };
        self.number(site, &node, "a price")
    }

    /// A constant scalar as a decimal: a number, or an expression of parameters; `None` when
    /// it is an optional parameter left unset. Also returns the parameter it names, if any.
    fn constant_decimal(
        &mut self,
        path: &str,
        s: &Scalar,
    ) -> LangResult<Option<(Decimal, Option<String>)>> {
        match s {
            Value::Number(n) => {
                let text = n.to_string();
                let d = Decimal::from_str_exact(&text)
                    .or_else(|_| Decimal::from_scientific(&text))
                    .map_err(|_| LangError::new(path, format!("{text} is out of range")))?;
                Ok(Some((d, None)))
            }
            Value::String(text) => {
                let name = text.trim();
                if let Some(v) = self.params.get(name) {
                    return match v {
                        ParamValue::Unset => Ok(None),
                        other => other
                            .decimal()
                            .map(|d| Some((d, Some(name.to_string()))))
                            .ok_or_else(|| {
                                LangError::new(path, format!("parameter '{name}' is not a number"))
                            }),
                    };
                }
                let node = syntax::parse(path, text)?;
                let site = Site {
                    path,
                    text,
                    constant: true,
                };
                let e = self.number(site, &node, "this value")?;
                let v = number_of(&e);
                Decimal::from_f64(v)
                    .map(|d| Some((d, None)))
                    .ok_or_else(|| LangError::new(path, format!("{v} has no value")))
            }
            other => Err(LangError::new(
                path,
                format!("expected a number or a parameter's name, got {other}"),
            )),
        }
    }

    fn constant_bool(&mut self, path: &str, s: &Scalar) -> LangResult<Option<bool>> {
        match s {
            Value::Bool(b) => Ok(Some(*b)),
            Value::String(text) => {
                if self.params.get(text.trim()) == Some(&ParamValue::Unset) {
                    return Ok(None);
                }
                let node = syntax::parse(path, text)?;
                let site = Site {
                    path,
                    text,
                    constant: true,
                };
                let e = self.condition(site, &node, "this value")?;
                match truth_of(&e) {
                    Tri::True => Ok(Some(true)),
                    Tri::False => Ok(Some(false)),
                    Tri::Unknown => Err(LangError::new(path, "has no value")),
                }
            }
            other => Err(LangError::new(
                path,
                format!("expected true, false or a bool parameter's name, got {other}"),
            )),
        }
    }

    /// A positive decimal, refused naming its parameter when it came from one.
    fn positive(
        &mut self,
        path: &str,
        s: &Scalar,
        below: Option<Decimal>,
    ) -> LangResult<Option<Decimal>> {
        let Some((d, param)) = self.constant_decimal(path, s)? else {
            return Ok(None);
        };
        let at = param.map_or_else(|| path.to_string(), |p| format!("parameters.{p}"));
        if d <= Decimal::ZERO {
            return Err(LangError::new(
                &at,
                format!("must be greater than 0, got {}", d.normalize()),
            ));
        }
        if let Some(limit) = below
            && d >= limit
        {
            return Err(LangError::new(
                &at,
                format!(
                    "must be less than {}, got {}",
                    limit.normalize(),
                    d.normalize()
                ),
            ));
        }
        Ok(Some(d))
    }

    fn level(&mut self, path: &str, level: &Level, stop: bool) -> LangResult<Option<LevelSpec>> {
        let given = [
            level.fraction.is_some(),
            level.percent.is_some(),
            level.distance.is_some(),
            level.price.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(LangError::new(
                path,
                "give exactly one of fraction, percent, distance, price",
            ));
        }
        let cap = stop.then_some(Decimal::ONE);
        if let Some(f) = &level.fraction {
            return Ok(self
                .positive(&format!("{path}.fraction"), f, cap)?
                .map(LevelSpec::Fraction));
        }
        if let Some(p) = &level.percent {
            let cap = stop.then_some(Decimal::from(100));
            return Ok(self
                .positive(&format!("{path}.percent"), p, cap)?
                .map(|p| LevelSpec::Fraction(p / Decimal::from(100))));
        }
        if let Some(d) = &level.distance {
            return Ok(Some(LevelSpec::Distance(
                self.price(&format!("{path}.distance"), d)?,
            )));
        }
        let price = level.price.as_ref().unwrap_or(&Value::Null);
        Ok(Some(LevelSpec::Price(
            self.price(&format!("{path}.price"), price)?,
        )))
    }

    fn exits(&mut self, def: &Definition) -> LangResult<ExitSpec> {
        let e = &def.exits;
        let stop_loss = match &e.stop_loss {
            Some(l) => self.level("exits.stop_loss", l, true)?,
            None => None,
        };
        let take_profit = match &e.take_profit {
            Some(l) => self.level("exits.take_profit", l, false)?,
            None => None,
        };
        let trailing_stop = match &e.trailing_stop {
            Some(t) => {
                let given = [
                    t.distance.is_some(),
                    t.percent.is_some(),
                    t.basis_points.is_some(),
                ];
                if given.iter().filter(|g| **g).count() != 1 {
                    return Err(LangError::new(
                        "exits.trailing_stop",
                        "give exactly one of distance, percent, basis_points",
                    ));
                }
                if let Some(d) = &t.distance {
                    Some(TrailingSpec::Distance(
                        self.price("exits.trailing_stop.distance", d)?,
                    ))
                } else if let Some(p) = &t.percent {
                    self.positive("exits.trailing_stop.percent", p, Some(Decimal::from(100)))?
                        .map(|p| TrailingSpec::BasisPoints(p * Decimal::from(100)))
                } else {
                    let bp = t.basis_points.as_ref().unwrap_or(&Value::Null);
                    self.positive(
                        "exits.trailing_stop.basis_points",
                        bp,
                        Some(Decimal::from(10_000)),
                    )?
                    .map(TrailingSpec::BasisPoints)
                }
            }
            None => None,
        };
        let time_exit_bars = match &e.time_exit_bars {
            Some(s) => match self.positive("exits.time_exit_bars", s, None)? {
                Some(d) if d.fract().is_zero() && d <= Decimal::from(1_000_000) => {
                    Some(u32::try_from(d.mantissa() / 10i128.pow(d.scale())).unwrap_or(1))
                }
                Some(d) => {
                    return Err(LangError::new(
                        "exits.time_exit_bars",
                        format!(
                            "must be a whole number of bars up to 1000000, got {}",
                            d.normalize()
                        ),
                    ));
                }
                None => None,
            },
            None => None,
        };
        let close_at_end = match &e.close_at_end {
            Some(s) => self.constant_bool("exits.close_at_end", s)?.unwrap_or(true),
            None => true,
        };
        Ok(ExitSpec {
            stop_loss,
            take_profit,
            trailing_stop,
            time_exit_bars,
            close_at_end,
        })
    }

    fn entry(&mut self, def: &Definition, rules: &RuleSet) -> LangResult<(EntryKind, EntryTiming)> {
        let default = super::document::Entry::default();
        let entry = def.orders.entry.as_ref().unwrap_or(&default);
        let priced =
            entry.price.is_some() || entry.long_price.is_some() || entry.short_price.is_some();
        let kind = match entry.kind {
            EntryType::Market => {
                if priced {
                    return Err(LangError::new(
                        "orders.entry.price",
                        "a market entry has no price",
                    ));
                }
                if entry.time_in_force.is_some() || entry.expire_after_bars.is_some() {
                    return Err(LangError::new(
                        "orders.entry.time_in_force",
                        "a market entry has no time in force",
                    ));
                }
                EntryKind::Market
            }
            EntryType::Limit | EntryType::Stop => {
                if entry.price.is_some()
                    && (entry.long_price.is_some() || entry.short_price.is_some())
                {
                    return Err(LangError::new(
                        "orders.entry.price",
                        "give price, or long_price and short_price, not both",
                    ));
                }
                let side_price = |c: &mut Self,
                                  key: &str,
                                  own: &Option<Scalar>,
                                  needed: bool|
                 -> LangResult<Expr> {
                    match own.as_ref().or(entry.price.as_ref()) {
                        Some(text) => {
                            let path = if own.is_some() {
                                format!("orders.entry.{key}")
                            } else {
                                "orders.entry.price".into()
                            };
                            c.price(&path, text)
                        }
                        None if needed => Err(LangError::new(
                            &format!("orders.entry.{key}"),
                            "a limit or stop entry needs its price (price, or long_price and short_price)",
                        )),
                        None => Ok(Expr::Number(f64::NAN)),
                    }
                };
                let long = side_price(
                    self,
                    "long_price",
                    &entry.long_price,
                    rules.enter_long.is_some(),
                )?;
                let short = side_price(
                    self,
                    "short_price",
                    &entry.short_price,
                    rules.enter_short.is_some(),
                )?;
                if entry.kind == EntryType::Limit {
                    EntryKind::Limit { long, short }
                } else {
                    EntryKind::Stop { long, short }
                }
            }
        };
        let time_in_force = match entry
            .time_in_force
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("GTC") => TimeInForce::Gtc,
            Some("IOC") => TimeInForce::Ioc,
            Some("FOK") => TimeInForce::Fok,
            Some("GTD") => TimeInForce::Gtd,
            Some(other) => {
                return Err(LangError::new(
                    "orders.entry.time_in_force",
                    format!("'{other}' is not one of GTC, IOC, FOK, GTD"),
                ));
            }
        };
        let expire_after_bars = match (&entry.expire_after_bars, time_in_force) {
            (Some(s), TimeInForce::Gtd) => {
                match self.positive("orders.entry.expire_after_bars", s, None)? {
                    Some(d) if d.fract().is_zero() && d <= Decimal::from(100_000) => {
                        Some(u32::try_from(d.mantissa() / 10i128.pow(d.scale())).unwrap_or(1))
                    }
                    _ => {
                        return Err(LangError::new(
                            "orders.entry.expire_after_bars",
                            "must be a whole number of bars up to 100000",
                        ));
                    }
                }
            }
            (None, TimeInForce::Gtd) => {
                return Err(LangError::new(
                    "orders.entry.expire_after_bars",
                    "a GTD entry needs the bars after which it expires",
                ));
            }
            (Some(_), _) => {
                return Err(LangError::new(
                    "orders.entry.expire_after_bars",
                    "only GTD entries expire",
                ));
            }
            (None, _) => None,
        };
        Ok((
            kind,
            EntryTiming {
                time_in_force,
                expire_after_bars,
            },
        ))
    }

    fn sizing(&mut self, def: &Definition, exits: &ExitSpec) -> LangResult<SizingSpec> {
        let Some(size) = &def.orders.size else {
            return Ok(SizingSpec::AllIn);
        };
        let given = [
            size.fixed.is_some(),
            size.equity_fraction.is_some(),
            size.risk_fraction.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(LangError::new(
                "orders.size",
                "give exactly one of fixed, equity_fraction, risk_fraction",
            ));
        }
        if let Some(f) = &size.fixed {
            return Ok(self
                .positive("orders.size.fixed", f, None)?
                .map_or(SizingSpec::AllIn, SizingSpec::Fixed));
        }
        if let Some(f) = &size.equity_fraction {
            return Ok(self
                .positive("orders.size.equity_fraction", f, Some(Decimal::from(100)))?
                .map_or(SizingSpec::AllIn, SizingSpec::EquityFraction));
        }
        let f = size.risk_fraction.as_ref().unwrap_or(&Value::Null);
        match self.positive("orders.size.risk_fraction", f, Some(Decimal::ONE))? {
            Some(_) if exits.stop_loss.is_none() => Err(LangError::new(
                "orders.size.risk_fraction",
                "needs exits.stop_loss: the risk is the loss at the stop",
            )),
            Some(r) => Ok(SizingSpec::RiskFraction(r)),
            None => Ok(SizingSpec::AllIn),
        }
    }
}

fn collect_names<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    if let Kind::Name(n) = &node.kind {
        out.push(n);
    }
    for c in node.children() {
        collect_names(c, out);
    }
}

fn describe_args(def: &IndicatorDef, args: &Args) -> String {
    args.0
        .iter()
        .zip(def.args)
        .filter(|(v, d)| d.default != Some(**v))
        .map(|(v, d)| {
            let text = match v {
                ArgValue::Int(i) => i.to_string(),
                ArgValue::Float(f) => f.to_string(),
                ArgValue::Bool(b) => b.to_string(),
                ArgValue::MaType(t) => format!("'{t:?}'"),
                ArgValue::Input(i) => format!("{i:?}").to_ascii_lowercase(),
            };
            if d.default.is_some() {
                format!("{}={text}", d.name)
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
