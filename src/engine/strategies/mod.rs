//! Strategies are definitions in the strategy language ([`lang`]): checked into plans, run bar
//! by bar by one [`eval::Evaluator`] that a backtest's Nautilus strategy ([`host`]) and the
//! node's runner both drive. The five built-ins are definitions shipped in `strategies/` and
//! embedded in the binary.

pub mod eval;
pub mod host;
pub mod lang;

use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use self::lang::{
    check,
    document::Definition,
    error::LangError,
    plan::{Plan, SizingSpec},
};
use crate::error::{OpError, OpResult};

/// A built-in strategy: a definition shipped with the program. The five classic strategies
/// are built-ins; the examples show what the language does beyond them.
#[derive(Debug)]
pub struct Builtin {
    pub id: &'static str,
    /// An example of the language (not one of the five classic strategies).
    pub example: bool,
    /// Other names accepted for it (case-insensitive).
    pub aliases: &'static [&'static str],
    /// The definition, as TOML.
    pub source: &'static str,
}

/// The built-in strategies, then the examples.
pub static BUILTINS: [Builtin; 10] = [
    Builtin {
        id: "MovingAverageCrossover",
        example: false,
        aliases: &[
            "ma_cross",
            "ema_cross",
            "sma_cross",
            "movingaveragecrossover",
        ],
        source: include_str!("../../../strategies/moving_average_crossover.toml"),
    },
    Builtin {
        id: "RsiMeanReversion",
        example: false,
        aliases: &["rsi", "rsi_mean_reversion", "rsimeanreversion"],
        source: include_str!("../../../strategies/rsi_mean_reversion.toml"),
    },
    Builtin {
        id: "BollingerBreakout",
        example: false,
        aliases: &["bollinger", "bollinger_breakout", "bollingerbreakout", "bb"],
        source: include_str!("../../../strategies/bollinger_breakout.toml"),
    },
    Builtin {
        id: "DonchianBreakout",
        example: false,
        aliases: &[
            "donchian",
            "turtle",
            "donchian_breakout",
            "donchianbreakout",
        ],
        source: include_str!("../../../strategies/donchian_breakout.toml"),
    },
    Builtin {
        id: "BuyAndHold",
        example: false,
        aliases: &["buy_and_hold", "buyandhold", "benchmark", "hold"],
        source: include_str!("../../../strategies/buy_and_hold.toml"),
    },
    Builtin {
        id: "EmaCrossTrailing",
        example: true,
        aliases: &["ema_cross_trailing"],
        source: include_str!("../../../strategies/ema_cross_trailing.toml"),
    },
    Builtin {
        id: "TrendPullbackLimit",
        example: true,
        aliases: &["trend_pullback_limit"],
        source: include_str!("../../../strategies/trend_pullback_limit.toml"),
    },
    Builtin {
        id: "SessionMomentum",
        example: true,
        aliases: &["session_momentum"],
        source: include_str!("../../../strategies/session_momentum.toml"),
    },
    Builtin {
        id: "MacdRsiConfluence",
        example: true,
        aliases: &["macd_rsi_confluence"],
        source: include_str!("../../../strategies/macd_rsi_confluence.toml"),
    },
    Builtin {
        id: "HigherTimeframeTrend",
        example: true,
        aliases: &["higher_timeframe_trend"],
        source: include_str!("../../../strategies/higher_timeframe_trend.toml"),
    },
];

impl Builtin {
    /// The definition (parsed once; the shipped files are checked by the tests).
    #[must_use]
    pub fn definition(&self) -> &'static Definition {
        static PARSED: OnceLock<Vec<Definition>> = OnceLock::new();
        let all = PARSED.get_or_init(|| {
            BUILTINS
                .iter()
                .map(|b| {
                    Definition::from_toml(b.source)
                        .unwrap_or_else(|e| panic!("built-in {} does not parse: {e}", b.id))
                })
                .collect()
        });
        let i = BUILTINS
            .iter()
            .position(|b| b.id == self.id)
            .unwrap_or_default();
        &all[i]
    }
}

/// The built-in named `id` or one of its aliases (case-insensitive).
#[must_use]
pub fn builtin(id: &str) -> Option<&'static Builtin> {
    let wanted = id.trim().to_ascii_lowercase();
    BUILTINS
        .iter()
        .find(|b| b.id.eq_ignore_ascii_case(&wanted) || b.aliases.contains(&wanted.as_str()))
}

/// A strategy ready to run: its definition's identity and the plan bound to its parameters.
#[derive(Debug, Clone)]
pub struct StrategyPlan {
    /// The built-in's id or the stored definition's name.
    pub id: String,
    /// SHA-256 of the definition's canonical JSON.
    pub hash: String,
    /// The stored definition's version (built-ins have none).
    pub version: Option<i64>,
    /// All parameters, defaults filled in.
    pub parameters: Map<String, Value>,
    pub plan: Arc<Plan>,
}

impl StrategyPlan {
    /// Whether open positions are closed at the end of a backtest.
    #[must_use]
    pub fn close_at_end(&self) -> bool {
        self.plan.exits.close_at_end
    }

    /// The fixed quantity per entry, when the definition sets one.
    #[must_use]
    pub fn fixed_size(&self) -> Option<Decimal> {
        match self.plan.sizing {
            SizingSpec::Fixed(q) => Some(q),
            _ => None,
        }
    }
}

/// A language error as an operation's error: a client error naming the path.
#[must_use]
pub fn lang_error(e: LangError) -> OpError {
    OpError::invalid(&e.path, e.message)
}

/// Checks `definition` with `parameters` into a plan named `id`.
pub fn plan_definition(
    id: &str,
    definition: &Definition,
    version: Option<i64>,
    parameters: &Map<String, Value>,
) -> OpResult<StrategyPlan> {
    let plan = check::compile(definition, parameters).map_err(lang_error)?;
    Ok(StrategyPlan {
        id: id.to_string(),
        hash: definition.hash(),
        version,
        parameters: plan.parameters.clone(),
        plan: Arc::new(plan),
    })
}

/// The names of the built-ins, for messages.
#[must_use]
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTINS.iter().map(|b| b.id).collect()
}

/// Plans a built-in strategy with `parameters`.
pub fn plan(id: &str, parameters: &Map<String, Value>) -> OpResult<StrategyPlan> {
    let b = builtin(id).ok_or_else(|| {
        OpError::invalid(
            "strategy_id",
            format!(
                "unknown strategy '{id}'; built-ins: {}",
                builtin_ids().join(", ")
            ),
        )
    })?;
    plan_definition(b.id, b.definition(), None, parameters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn every_builtin_parses_and_checks() {
        for b in &BUILTINS {
            let def = b.definition();
            check::check(def).unwrap_or_else(|e| panic!("{}: {e}", b.id));
            assert!(!def.description.is_empty(), "{} has a description", b.id);
        }
    }

    #[test]
    fn spec_example_plans() {
        let p = plan(
            "MovingAverageCrossover",
            &params(json!({"fast_period": 10, "slow_period": 30})),
        )
        .unwrap();
        assert_eq!(p.parameters["fast_period"], 10);
        assert_eq!(p.parameters["ma_type"], "EMA");
        assert_eq!(p.parameters["close_at_end"], true);
        assert_eq!(p.parameters["trade_size"], Value::Null);
        assert_eq!(p.id, "MovingAverageCrossover");
        assert_eq!(
            plan("ema_cross", &Map::new()).unwrap().id,
            "MovingAverageCrossover"
        );
    }

    #[test]
    fn bad_parameters_name_the_parameter() {
        let e = plan("MovingAverageCrossover", &params(json!({"fast_period": 0}))).unwrap_err();
        assert!(
            e.message
                .starts_with("parameters.fast_period: must be at least 1"),
            "{}",
            e.message
        );
        let e = plan(
            "MovingAverageCrossover",
            &params(json!({"fast_period": 40, "slow_period": 30})),
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "parameters.fast_period: must be less than slow_period (30), got 40"
        );
        let e = plan("MovingAverageCrossover", &params(json!({"fastperiod": 4}))).unwrap_err();
        assert!(e.message.contains("unknown parameter"), "{}", e.message);
        let e = plan(
            "MovingAverageCrossover",
            &params(json!({"fast_period": "x"})),
        )
        .unwrap_err();
        assert!(
            e.message.contains("parameters.fast_period"),
            "{}",
            e.message
        );
        let e = plan("RsiMeanReversion", &params(json!({"oversold": 120}))).unwrap_err();
        assert!(e.message.contains("at most 100"), "{}", e.message);
        let e = plan("RsiMeanReversion", &params(json!({"oversold": 80}))).unwrap_err();
        assert_eq!(
            e.message,
            "parameters.oversold: must be below overbought (70), got 80"
        );
        let e = plan("RsiMeanReversion", &params(json!({"exit_level": 10}))).unwrap_err();
        assert_eq!(
            e.message,
            "parameters.exit_level: must lie between oversold (30) and overbought (70), got 10"
        );
        let e = plan("BuyAndHold", &params(json!({"stop_loss": 2}))).unwrap_err();
        assert!(e.message.contains("parameters.stop_loss"), "{}", e.message);
        let e = plan("BuyAndHold", &params(json!({"trade_size": 0}))).unwrap_err();
        assert_eq!(
            e.message,
            "parameters.trade_size: must be greater than 0, got 0"
        );
        let e = plan("BuyAndHold", &params(json!({"trade_size": "abc"}))).unwrap_err();
        assert_eq!(
            e.message,
            "parameters.trade_size: 'abc' is not a decimal number"
        );
        let e = plan(
            "BollingerBreakout",
            &params(json!({"allow_short": "maybe"})),
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "parameters.allow_short: invalid type: string \"maybe\", expected a boolean"
        );
        assert!(
            plan("nope", &Map::new())
                .unwrap_err()
                .message
                .contains("MovingAverageCrossover")
        );
    }
}
