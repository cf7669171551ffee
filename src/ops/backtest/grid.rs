//! Parameter grids: names checked against the strategy's parameters before anything is
//! expanded, the number of combinations computed with checked arithmetic, combinations
//! produced one at a time from their index, and an optional condition that keeps some.

use evalexpr::{ContextWithMutableVariables, HashMapContext, Node, Value as ExprValue};
use serde_json::{Map, Value};

use crate::ops::{
    assign::Assign,
    error::{OpError, OpResult},
};

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
