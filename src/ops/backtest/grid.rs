//! Parameter grids: names checked against the strategy's parameters before anything is
//! expanded, the number of combinations computed with checked arithmetic, combinations
//! produced one at a time from their index, and an optional condition that keeps some.

use evalexpr::{ContextWithMutableVariables, HashMapContext, Node, Value as ExprValue};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{config::BacktestSettings, run::EngineChoice};
use crate::{
    engine::strategies::StrategyPlan,
    error::{Category, OpError, OpResult},
    ops::assign::{self, Assign},
};

/// A strategy, a grid of its parameters and where to run it: what sweeps and walk-forwards
/// share.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct GridRequest {
    /// Strategy (see list_strategies).
    #[arg(long = "strategy", visible_alias = "strategy-id")]
    pub strategy_id: String,
    /// Values to try per parameter, e.g. {"fast_period": [5, 10, 20], "slow_period": [30, 50]};
    /// on the CLI NAME=V1,V2,... repeated.
    #[arg(long = "grid", value_name = "NAME=V1,V2,..", required = true)]
    #[serde(deserialize_with = "assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub grid: Vec<Assign>,
    /// Parameters held fixed for every run.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    #[serde(default, deserialize_with = "assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub parameters: Vec<Assign>,
    /// Keep only the combinations for which this holds, e.g. "fast_period < slow_period"
    /// (arithmetic, comparisons, && || ! over parameter names). Combinations the strategy
    /// refuses (fast_period >= slow_period) are skipped and counted either way.
    #[arg(long = "where", value_name = "CONDITION")]
    #[serde(default, rename = "where")]
    pub condition: Option<String>,
    /// Evaluator: auto (default: the fast path when it reproduces the runs exactly), fast, or
    /// nautilus (every run on NautilusTrader's engine).
    #[arg(long, value_enum, default_value_t)]
    #[serde(default)]
    pub engine: EngineChoice,
    /// Threads (default: the number of cores).
    #[arg(long)]
    #[serde(default)]
    pub threads: Option<usize>,
    /// Stored configuration to run (default: the most recently changed one).
    #[arg(long = "name", id = "config_name")]
    #[serde(default)]
    pub config: Option<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub settings: BacktestSettings,
}

/// The combinations to run: the grid filtered by `where` and by the strategy's own checks.
#[derive(Debug)]
pub struct Combinations {
    /// The strategy's canonical id (a built-in's) or its stored name.
    pub strategy_id: String,
    /// The grid as given.
    pub grid: Grid,
    /// The fixed parameters.
    pub fixed: Map<String, Value>,
    /// (grid index, grid values, plan).
    pub runs: Vec<(usize, Map<String, Value>, StrategyPlan)>,
    /// Refused by the strategy or not matching `where`.
    pub skipped: usize,
    pub notes: Vec<String>,
    pub threads: usize,
}

impl GridRequest {
    /// Checks the request and expands its grid (at most `max` combinations) of the built-in
    /// or stored strategy it names.
    pub fn combinations(&self, conn: &crate::store::Db, max: usize) -> OpResult<Combinations> {
        let named = crate::ops::strategy::find(conn, &self.strategy_id)?;
        let known: Vec<String> = named.definition.parameters.keys().cloned().collect();
        let fixed: Map<String, Value> = assign::to_btree(&self.parameters).into_iter().collect();
        let fixed_names: Vec<String> = fixed.keys().cloned().collect();
        let grid = Grid::parse(&self.grid, &known, &fixed_names, max)?;
        let condition = self
            .condition
            .as_deref()
            .map(Condition::parse)
            .transpose()?;
        let threads = match self.threads {
            Some(0) => return Err(OpError::invalid("threads", "must be at least 1")),
            Some(n) => n.min(64),
            None => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        };
        let mut runs = Vec::new();
        let (mut refused, mut filtered) = (0usize, 0usize);
        let mut first_refusal: Option<String> = None;
        for index in 0..grid.len() {
            let values = grid.combination(index);
            let mut params = fixed.clone();
            params.extend(values.clone());
            if let Some(c) = &condition
                && !c.holds(&params)?
            {
                filtered += 1;
                continue;
            }
            match named.plan(&params) {
                Ok(plan) => runs.push((index, values, plan)),
                Err(e) if e.category == Category::Client => {
                    refused += 1;
                    first_refusal.get_or_insert(e.message);
                }
                Err(e) => return Err(e),
            }
        }
        let mut notes = Vec::new();
        if filtered > 0 {
            notes.push(format!("{filtered} combinations did not match `where`"));
        }
        if let Some(why) = first_refusal {
            notes.push(format!(
                "{refused} combinations were skipped as invalid (e.g. {why})"
            ));
        }
        if runs.is_empty() {
            return Err(OpError::invalid(
                "grid",
                format!("no valid combination to run; {}", notes.join("; ")),
            ));
        }
        Ok(Combinations {
            strategy_id: named.id,
            grid,
            fixed,
            runs,
            skipped: refused + filtered,
            notes,
            threads,
        })
    }
}

/// A grid of parameter values.
#[derive(Debug, Clone)]
pub struct Grid {
    axes: Vec<(String, Vec<Value>)>,
    total: usize,
}

fn axis_values(a: &Assign) -> OpResult<Vec<Value>> {
    let field = format!("grid.{}", a.key);
    let values: Vec<Value> = match &a.value {
        Value::Array(items) => items.clone(),
        Value::String(s) => s
            .split(',')
            .map(|v| {
                serde_json::from_str(v.trim())
                    .unwrap_or_else(|_| Value::String(v.trim().to_string()))
            })
            .collect(),
        other => vec![other.clone()],
    };
    if values.is_empty() {
        return Err(OpError::invalid(&field, "give at least one value"));
    }
    Ok(values)
}

impl Grid {
    /// The grid of `assigns`, whose names must be among `known` (the strategy's parameters)
    /// and not among `fixed`; at most `max` combinations.
    pub fn parse(
        assigns: &[Assign],
        known: &[String],
        fixed: &[String],
        max: usize,
    ) -> OpResult<Self> {
        if assigns.is_empty() {
            return Err(OpError::invalid(
                "grid",
                "give at least one parameter with values to try",
            ));
        }
        let mut axes: Vec<(String, Vec<Value>)> = Vec::new();
        for a in assigns {
            let field = format!("grid.{}", a.key);
            if !known.iter().any(|k| k == &a.key) {
                let mut names: Vec<&str> = known.iter().map(String::as_str).collect();
                names.sort_unstable();
                return Err(OpError::invalid(
                    &field,
                    format!("unknown parameter; valid parameters: {}", names.join(", ")),
                ));
            }
            if fixed.contains(&a.key) {
                return Err(OpError::invalid(
                    &field,
                    "also given as a fixed parameter; give it in one place",
                ));
            }
            if axes.iter().any(|(k, _)| k == &a.key) {
                return Err(OpError::invalid(&field, "given twice"));
            }
            axes.push((a.key.clone(), axis_values(a)?));
        }
        let total = axes
            .iter()
            .try_fold(1usize, |acc, (_, v)| acc.checked_mul(v.len()))
            .filter(|n| *n <= max)
            .ok_or_else(|| {
                let sizes: Vec<String> = axes.iter().map(|(_, v)| v.len().to_string()).collect();
                OpError::invalid(
                    "grid",
                    format!(
                        "{} combinations; at most {max} per sweep",
                        sizes.join(" x ")
                    ),
                )
            })?;
        Ok(Self { axes, total })
    }

    /// Number of combinations.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.total
    }

    /// True for an empty grid (never: every axis has a value).
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The names of the grid's parameters, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.axes.iter().map(|(k, _)| k.as_str())
    }

    /// The values of each axis.
    #[must_use]
    pub fn axes(&self) -> &[(String, Vec<Value>)] {
        &self.axes
    }

    /// Combination `index` (the first parameter varies slowest).
    #[must_use]
    pub fn combination(&self, index: usize) -> Map<String, Value> {
        let mut out = Map::new();
        let mut stride = self.total;
        let mut rest = index;
        for (key, values) in &self.axes {
            stride /= values.len();
            out.insert(key.clone(), values[rest / stride].clone());
            rest %= stride;
        }
        out
    }
}

/// A condition on a combination's parameters (`--where "fast_period < slow_period"`):
/// arithmetic, comparisons, `&&`, `||` and `!` over parameter names and numbers.
#[derive(Debug, Clone)]
pub struct Condition {
    text: String,
    tree: Node,
}

fn expr_value(v: &Value) -> Option<ExprValue> {
    match v {
        Value::Bool(b) => Some(ExprValue::Boolean(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(ExprValue::Int)
            .or_else(|| n.as_f64().map(ExprValue::Float)),
        Value::String(s) => Some(
            s.parse::<i64>()
                .map(ExprValue::Int)
                .or_else(|_| s.parse::<f64>().map(ExprValue::Float))
                .unwrap_or_else(|_| ExprValue::String(s.clone())),
        ),
        _ => None,
    }
}

impl Condition {
    /// Parses `text`; a `client` error on `where` names the problem.
    pub fn parse(text: &str) -> OpResult<Self> {
        let tree = evalexpr::build_operator_tree::<evalexpr::DefaultNumericTypes>(text)
            .map_err(|e| OpError::invalid("where", format!("'{text}': {e}")))?;
        // The parser leaves an operator short of operands (`fast_period <`) to evaluation:
        // a trial with every parameter bound finds it now, before any combination runs.
        let mut trial = HashMapContext::<evalexpr::DefaultNumericTypes>::new();
        for name in tree.iter_read_variable_identifiers() {
            trial
                .set_value(name.to_string(), ExprValue::Int(1))
                .map_err(|e| OpError::invalid("where", e.to_string()))?;
        }
        if let Err(e @ evalexpr::EvalexprError::WrongOperatorArgumentAmount { .. }) =
            tree.eval_with_context(&trial)
        {
            return Err(OpError::invalid("where", format!("'{text}': {e}")));
        }
        Ok(Self {
            text: text.to_string(),
            tree,
        })
    }

    /// Whether the condition holds for `parameters`; a `client` error when it does not
    /// evaluate to true or false.
    pub fn holds(&self, parameters: &Map<String, Value>) -> OpResult<bool> {
        let mut ctx = HashMapContext::<evalexpr::DefaultNumericTypes>::new();
        for (k, v) in parameters {
            if let Some(v) = expr_value(v) {
                ctx.set_value(k.clone(), v)
                    .map_err(|e| OpError::invalid("where", e.to_string()))?;
            }
        }
        self.tree
            .eval_boolean_with_context(&ctx)
            .map_err(|e| OpError::invalid("where", format!("'{}': {e}", self.text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn assign(key: &str, value: Value) -> Assign {
        Assign {
            key: key.into(),
            value,
        }
    }

    fn known() -> Vec<String> {
        vec!["fast_period".into(), "slow_period".into(), "ma_type".into()]
    }

    #[test]
    fn combinations_come_from_their_index_in_grid_order() {
        let g = Grid::parse(
            &[
                assign("fast_period", json!([5, 10])),
                assign("slow_period", json!("30,60,90")),
            ],
            &known(),
            &[],
            100,
        )
        .unwrap();
        assert_eq!(g.len(), 6);
        let all: Vec<(i64, i64)> = (0..6)
            .map(|i| {
                let c = g.combination(i);
                (
                    c["fast_period"].as_i64().unwrap(),
                    c["slow_period"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            all,
            [(5, 30), (5, 60), (5, 90), (10, 30), (10, 60), (10, 90)]
        );
    }

    #[test]
    fn names_and_sizes_are_checked_before_anything_is_expanded() {
        let err = Grid::parse(&[assign("fastperiod", json!([1]))], &known(), &[], 10).unwrap_err();
        assert!(
            err.message
                .starts_with("grid.fastperiod: unknown parameter"),
            "{}",
            err.message
        );
        let err = Grid::parse(
            &[assign("fast_period", json!([1]))],
            &known(),
            &["fast_period".into()],
            10,
        )
        .unwrap_err();
        assert!(err.message.contains("fixed parameter"), "{}", err.message);
        // 10^6 x 10^6 x ... overflows usize: refused by checked arithmetic, not expanded.
        let huge: Vec<Value> = (0..1_000_000).map(|i| json!(i)).collect();
        let err = Grid::parse(
            &[
                assign("fast_period", Value::Array(huge.clone())),
                assign("slow_period", Value::Array(huge.clone())),
                assign("ma_type", Value::Array(huge)),
            ],
            &known(),
            &[],
            2000,
        )
        .unwrap_err();
        assert!(err.message.contains("at most 2000"), "{}", err.message);
    }

    #[test]
    fn a_where_condition_keeps_combinations() {
        let c = Condition::parse("fast_period < slow_period && slow_period - fast_period >= 20")
            .unwrap();
        let m = |f: i64, s: i64| {
            json!({"fast_period": f, "slow_period": s})
                .as_object()
                .unwrap()
                .clone()
        };
        assert!(c.holds(&m(5, 30)).unwrap());
        assert!(!c.holds(&m(20, 30)).unwrap());
        assert!(!c.holds(&m(40, 30)).unwrap());
        assert!(Condition::parse("fast_period <").is_err());
        let e = Condition::parse("fast_period + 1")
            .unwrap()
            .holds(&m(1, 2))
            .unwrap_err();
        assert!(e.message.starts_with("where:"), "{}", e.message);
    }
}
