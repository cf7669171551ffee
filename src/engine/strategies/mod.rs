//! The built-in strategies: their parameters (as JSON schemas), validation, and the signal
//! models behind them. The Nautilus `Strategy` that trades them is in [`builtin`].

pub mod builtin;
pub mod signals;
mod validate;

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use self::signals::{
    BollingerBreakout, BuyAndHold, DonchianBreakout, MaCross, RsiReversion, SignalModel,
};
use crate::{
    error::{OpError, OpResult},
    schema::schema_of,
    values::Dec,
};

fn yes() -> bool {
    true
}

/// Parameters every built-in strategy accepts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct CommonParams {
    /// Quantity per entry in instrument units. Default: all-in, the initial capital divided by
    /// the first price, rounded down to the instrument's size increment.
    #[serde(default)]
    pub trade_size: Option<Dec>,
    /// Take short positions on sell signals; when false a sell signal goes flat.
    #[serde(default = "yes")]
    pub allow_short: bool,
    /// Stop-loss distance from the entry price as a fraction (0.02 = 2%), placed as a
    /// reduce-only stop order after each entry.
    #[serde(default)]
    #[schemars(range(min = 0.0001, max = 0.99))]
    pub stop_loss: Option<Dec>,
    /// Take-profit distance from the entry price as a fraction (0.05 = 5%), placed as a
    /// reduce-only limit order after each entry.
    #[serde(default)]
    #[schemars(range(min = 0.0001, max = 100))]
    pub take_profit: Option<Dec>,
    /// Close any open position at the end of the backtest, so every trade is a round trip.
    #[serde(default = "yes")]
    pub close_at_end: bool,
}

/// Moving average type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum MaType {
    #[default]
    #[serde(alias = "ema", alias = "Ema")]
    Ema,
    #[serde(alias = "sma", alias = "Sma")]
    Sma,
}

/// Trend following: long when the fast moving average crosses above the slow one, short (or
/// flat) when it crosses below. Always in the market after the first crossing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MaCrossParams {
    /// Bars in the fast moving average.
    #[serde(default = "ten")]
    #[schemars(range(min = 1, max = 100000))]
    pub fast_period: u32,
    /// Bars in the slow moving average; must exceed fast_period.
    #[serde(default = "thirty")]
    #[schemars(range(min = 2, max = 1000000))]
    pub slow_period: u32,
    /// EMA or SMA.
    #[serde(default)]
    pub ma_type: MaType,
    #[serde(flatten)]
    pub common: CommonParams,
}

fn ten() -> u32 {
    10
}
fn thirty() -> u32 {
    30
}

/// Mean reversion on the RSI: buy when oversold, sell short when overbought, exit when the RSI
/// returns to the exit level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RsiParams {
    /// RSI lookback in bars.
    #[serde(default = "fourteen")]
    #[schemars(range(min = 2, max = 10000))]
    pub period: u32,
    /// Enter long below this RSI level (0-100).
    #[serde(default = "thirty_f")]
    #[schemars(range(min = 0, max = 100))]
    pub oversold: Dec,
    /// Enter short above this RSI level (0-100).
    #[serde(default = "seventy")]
    #[schemars(range(min = 0, max = 100))]
    pub overbought: Dec,
    /// Exit when the RSI crosses this level (0-100).
    #[serde(default = "fifty")]
    #[schemars(range(min = 0, max = 100))]
    pub exit_level: Dec,
    #[serde(flatten)]
    pub common: CommonParams,
}

fn fourteen() -> u32 {
    14
}
fn thirty_f() -> Dec {
    Dec(30.into())
}
fn seventy() -> Dec {
    Dec(70.into())
}
fn fifty() -> Dec {
    Dec(50.into())
}

/// Volatility breakout: long on a close above the upper Bollinger band, short on a close below
/// the lower band, exit on a close back through the middle band.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BollingerParams {
    /// Bars in the moving average and standard deviation.
    #[serde(default = "twenty")]
    #[schemars(range(min = 2, max = 100000))]
    pub period: u32,
    /// Band width in standard deviations.
    #[serde(default = "two")]
    #[schemars(range(min = 0.1, max = 10))]
    pub k: Dec,
    #[serde(flatten)]
    pub common: CommonParams,
}

fn twenty() -> u32 {
    20
}
fn two() -> Dec {
    Dec(2.into())
}

/// Turtle-style channel breakout: long on a close above the highest high of the previous
/// entry_period bars, short below the lowest low; exit on the opposite exit_period extreme.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DonchianParams {
    /// Bars in the entry channel.
    #[serde(default = "twenty")]
    #[schemars(range(min = 2, max = 100000))]
    pub entry_period: u32,
    /// Bars in the exit channel.
    #[serde(default = "ten")]
    #[schemars(range(min = 1, max = 100000))]
    pub exit_period: u32,
    #[serde(flatten)]
    pub common: CommonParams,
}

/// The benchmark: buy on the first bar and hold to the end.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BuyAndHoldParams {
    #[serde(flatten)]
    pub common: CommonParams,
}

/// Makes a fresh signal model (one per instrument and run).
pub type SignalFactory = Arc<dyn Fn() -> Box<dyn SignalModel> + Send + Sync>;

/// A validated strategy choice, ready to instantiate.
#[derive(Clone)]
pub struct StrategyPlan {
    /// Canonical id, e.g. `MovingAverageCrossover`.
    pub id: &'static str,
    /// All parameters with defaults filled in.
    pub parameters: Map<String, Value>,
    pub common: CommonParams,
    pub signal: SignalFactory,
}

impl std::fmt::Debug for StrategyPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StrategyPlan")
            .field("id", &self.id)
            .field("parameters", &self.parameters)
            .finish()
    }
}

/// Validates raw parameters into (all parameters with defaults, the common ones, a factory).
type PlanFn =
    fn(&Map<String, Value>) -> OpResult<(Map<String, Value>, CommonParams, SignalFactory)>;

/// A built-in strategy's description.
pub struct StrategyInfo {
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    /// The parameter schema (its description says what the strategy does).
    pub schema: fn() -> Map<String, Value>,
    plan: PlanFn,
}

/// Every built-in strategy.
#[must_use]
pub fn catalog() -> &'static [StrategyInfo] {
    &[
        StrategyInfo {
            id: "MovingAverageCrossover",
            aliases: &[
                "ma_cross",
                "ema_cross",
                "sma_cross",
                "movingaveragecrossover",
            ],
            schema: schema_of::<MaCrossParams>,
            plan: |raw| {
                let p: MaCrossParams = parse(raw)?;
                if p.fast_period >= p.slow_period {
                    return Err(OpError::invalid(
                        "parameters.fast_period",
                        format!(
                            "must be less than slow_period ({}), got {}",
                            p.slow_period, p.fast_period
                        ),
                    ));
                }
                let (fast, slow, ema) = (
                    p.fast_period as usize,
                    p.slow_period as usize,
                    p.ma_type == MaType::Ema,
                );
                Ok((
                    to_map(&p)?,
                    p.common.clone(),
                    Arc::new(move || Box::new(MaCross::new(fast, slow, ema))),
                ))
            },
        },
        StrategyInfo {
            id: "RsiMeanReversion",
            aliases: &["rsi", "rsi_mean_reversion", "rsimeanreversion"],
            schema: schema_of::<RsiParams>,
            plan: |raw| {
                let p: RsiParams = parse(raw)?;
                if p.oversold.get() >= p.overbought.get() {
                    return Err(OpError::invalid(
                        "parameters.oversold",
                        format!(
                            "must be below overbought ({}), got {}",
                            p.overbought, p.oversold
                        ),
                    ));
                }
                if p.exit_level.get() < p.oversold.get() || p.exit_level.get() > p.overbought.get()
                {
                    return Err(OpError::invalid(
                        "parameters.exit_level",
                        format!(
                            "must lie between oversold ({}) and overbought ({}), got {}",
                            p.oversold, p.overbought, p.exit_level
                        ),
                    ));
                }
                let f = |d: Dec| d.get().try_into().unwrap_or(0.0);
                let (period, lo, hi, ex) = (
                    p.period as usize,
                    f(p.oversold),
                    f(p.overbought),
                    f(p.exit_level),
                );
                Ok((
                    to_map(&p)?,
                    p.common.clone(),
                    Arc::new(move || Box::new(RsiReversion::new(period, lo, hi, ex))),
                ))
            },
        },
        StrategyInfo {
            id: "BollingerBreakout",
            aliases: &["bollinger", "bollinger_breakout", "bollingerbreakout", "bb"],
            schema: schema_of::<BollingerParams>,
            plan: |raw| {
                let p: BollingerParams = parse(raw)?;
                let (period, k) = (p.period as usize, p.k.get().try_into().unwrap_or(2.0));
                Ok((
                    to_map(&p)?,
                    p.common.clone(),
                    Arc::new(move || Box::new(BollingerBreakout::new(period, k))),
                ))
            },
        },
        StrategyInfo {
            id: "DonchianBreakout",
            aliases: &[
                "donchian",
                "turtle",
                "donchian_breakout",
                "donchianbreakout",
            ],
            schema: schema_of::<DonchianParams>,
            plan: |raw| {
                let p: DonchianParams = parse(raw)?;
                let (e, x) = (p.entry_period as usize, p.exit_period as usize);
                Ok((
                    to_map(&p)?,
                    p.common.clone(),
                    Arc::new(move || Box::new(DonchianBreakout::new(e, x))),
                ))
            },
        },
        StrategyInfo {
            id: "BuyAndHold",
            aliases: &["buy_and_hold", "buyandhold", "benchmark", "hold"],
            schema: schema_of::<BuyAndHoldParams>,
            plan: |raw| {
                let p: BuyAndHoldParams = parse(raw)?;
                Ok((
                    to_map(&p)?,
                    p.common.clone(),
                    Arc::new(|| Box::new(BuyAndHold::default())),
                ))
            },
        },
    ]
}

/// Deserializes a strategy's parameters; an error names the parameter.
fn parse<T: DeserializeOwned>(raw: &Map<String, Value>) -> OpResult<T> {
    // A flattened struct hides the path of its errors: read the common parameters on their own
    // first, so `trade_size=abc` is reported as parameters.trade_size.
    let common_keys = to_map(&CommonParams::default())?;
    let common: Map<String, Value> = raw
        .iter()
        .filter(|(k, _)| common_keys.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    deserialize_named::<CommonParams>(common)?;
    deserialize_named(raw.clone())
}

fn deserialize_named<T: DeserializeOwned>(raw: Map<String, Value>) -> OpResult<T> {
    serde_path_to_error::deserialize(Value::Object(raw)).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "parameters".to_string()
        } else {
            format!("parameters.{path}")
        };
        OpError::invalid(&field, e.inner().to_string())
    })
}

fn to_map<T: Serialize>(v: &T) -> OpResult<Map<String, Value>> {
    match serde_json::to_value(v).map_err(OpError::internal)? {
        Value::Object(m) => Ok(m),
        _ => Err(OpError::internal(
            "parameters did not serialize to an object",
        )),
    }
}

/// Finds a strategy by id or alias (case-insensitive).
pub fn find(id: &str) -> OpResult<&'static StrategyInfo> {
    let wanted = id.trim().to_ascii_lowercase();
    catalog()
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(&wanted) || s.aliases.contains(&wanted.as_str()))
        .ok_or_else(|| {
            let ids: Vec<&str> = catalog().iter().map(|s| s.id).collect();
            OpError::invalid(
                "strategy_id",
                format!("unknown strategy '{id}'; built-ins: {}", ids.join(", ")),
            )
        })
}

/// Validates parameters against the strategy's schema and builds its plan.
pub fn plan(id: &str, parameters: &Map<String, Value>) -> OpResult<StrategyPlan> {
    let info = find(id)?;
    validate::check(&(info.schema)(), parameters, "parameters")?;
    let (parameters, common, signal) = (info.plan)(parameters)?;
    if let Some(size) = common.trade_size {
        size.positive("parameters.trade_size")?;
    }
    Ok(StrategyPlan {
        id: info.id,
        parameters,
        common,
        signal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
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
        assert!(
            e.message.contains("parameters.fast_period"),
            "{}",
            e.message
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
        let e = plan("BuyAndHold", &params(json!({"stop_loss": 2}))).unwrap_err();
        assert!(e.message.contains("parameters.stop_loss"), "{}", e.message);
        assert!(
            plan("nope", &Map::new())
                .unwrap_err()
                .message
                .contains("MovingAverageCrossover")
        );
    }
}
