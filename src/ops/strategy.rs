//! Strategy operations: the built-in strategies and their parameters.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    call::Call,
    context::Context,
    error::OpResult,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::engine::strategies::catalog;

/// List the built-in strategies with their parameters (types, defaults, ranges) as JSON
/// schema. Every strategy also accepts trade_size, allow_short, stop_loss, take_profit and
/// close_at_end.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct ListStrategiesRequest {}

/// One built-in strategy.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StrategyView {
    pub strategy_id: String,
    pub description: String,
    /// Other names accepted for strategy_id.
    pub aliases: Vec<String>,
    /// JSON schema of the parameters.
    pub parameters: Map<String, Value>,
}

/// The built-in strategies.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StrategyList {
    pub strategies: Vec<StrategyView>,
}

/// `strategy list` / `list_strategies`.
pub struct ListStrategies;

impl Operation for ListStrategies {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "list",
        tool_name: "list_strategies",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = ListStrategiesRequest;
    type Response = StrategyList;

    async fn run(
        _ctx: Arc<Context>,
        _req: ListStrategiesRequest,
        _call: Call,
    ) -> OpResult<StrategyList> {
        let strategies = catalog()
            .iter()
            .map(|s| {
                let mut schema = (s.schema)();
                let description = schema
                    .remove("description")
                    .and_then(|d| d.as_str().map(str::to_owned))
                    .unwrap_or_default();
                StrategyView {
                    strategy_id: s.id.to_string(),
                    description: description.replace('\n', " "),
                    aliases: s.aliases.iter().map(|a| (*a).to_string()).collect(),
                    parameters: schema,
                }
            })
            .collect();
        Ok(StrategyList { strategies })
    }
}
