//! Reading a stored study: a sweep, a walk-forward or a Monte Carlo simulation.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::{
    error::{OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::studies,
};

/// Get a stored study by its id: a sweep (SW-...), a walk-forward (WF-...) or a Monte Carlo
/// simulation (MC-...), as its operation returned it.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct GetStudyRequest {
    /// The study's id.
    #[arg(value_name = "STUDY_ID")]
    pub study_id: String,
}

/// `backtest study` / `get_study`.
pub struct GetStudy;

impl Operation for GetStudy {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "study",
        tool_name: "get_study",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = GetStudyRequest;
    type Response = Value;

    async fn run(ctx: Arc<Context>, req: GetStudyRequest, _call: Call) -> OpResult<Value> {
        let (kind, result) = studies::get(&ctx.store.conn(), req.study_id.trim())?;
        let result = result.ok_or_else(|| {
            OpError::state(format!(
                "{kind} {} has not finished (or was cancelled)",
                req.study_id
            ))
        })?;
        let mut doc: Value = serde_json::from_str(&result).map_err(OpError::internal)?;
        if let Value::Object(m) = &mut doc {
            m.insert("kind".into(), Value::String(kind));
        }
        Ok(doc)
    }
}
