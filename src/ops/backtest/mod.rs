//! Backtest operations: configure, amend, run, sweep, and read results.

mod accounts;
pub mod config;
pub mod grid;
pub mod monte_carlo;
mod results;
pub mod run;
mod study;
pub mod sweep;
pub mod walk_forward;

use crate::error::{OpError, OpResult};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use self::{
    config::{BacktestConfig, BacktestSettings},
    run::RunSummary,
};
pub use self::{
    monte_carlo::MonteCarlo,
    results::{AnalyzeTrades, GetBacktestResults, ListBacktests},
    study::GetStudy,
    sweep::SweepBacktest,
    walk_forward::WalkForward,
};
use super::{
    assign::{self, Assign},
    call::Call,
    context::Context,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::time::format_ns,
    store::{backtests, catalog},
};

/// Name used when a configuration is not named.
pub const DEFAULT_CONFIG: &str = "default";

fn check_name(name: &str) -> OpResult<String> {
    crate::values::check_name("name", "configuration", name)
}

fn load_named(ctx: &Context, name: &str) -> OpResult<BacktestConfig> {
    let conn = ctx.store.conn();
    backtests::load_config(&conn, name)?.ok_or_else(|| {
        let names = backtests::config_names(&conn).unwrap_or_default();
        OpError::not_found("backtest configuration", name).with_details(serde_json::json!({
            "configurations": names,
            "hint": "create one with `backtest configure` (configure_backtest)",
        }))
    })
}

/// What a configuration looks like now, and what the catalog holds for it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConfigResponse {
    pub config: BacktestConfig,
    /// Data coverage per instrument and anything worth knowing.
    pub notes: Vec<String>,
}

fn describe(ctx: &Context, config: BacktestConfig) -> OpResult<ConfigResponse> {
    let series = catalog::list(&ctx.store.conn())?;
    let notes = config
        .instruments
        .iter()
        .map(|id| {
            let bars: Vec<String> = series
                .iter()
                .filter(|m| &m.instrument_id == id && m.kind == "bars")
                .map(|m| {
                    format!(
                        "{} x{} from {} to {}",
                        m.spec,
                        m.rows,
                        format_ns(m.first_ts),
                        format_ns(m.last_ts)
                    )
                })
                .collect();
            if bars.is_empty() {
                format!("{id}: no bars in the catalog yet (`data import` or `data generate`)")
            } else {
                format!("{id}: {}", bars.join("; "))
            }
        })
        .collect();
    Ok(ConfigResponse { config, notes })
}

/// Create (or replace) a named backtest configuration: instruments, date range, initial
/// capital per currency, data source, and the simulated venue (OMS type, account type, base
/// currency, leverage, fee and fill models). `run_backtest` uses it.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct ConfigureBacktestRequest {
    /// Configuration name (default "default").
    #[arg(long, default_value = DEFAULT_CONFIG)]
    #[serde(default = "default_name")]
    pub name: String,
    #[command(flatten)]
    #[serde(flatten)]
    pub settings: BacktestSettings,
}

fn default_name() -> String {
    DEFAULT_CONFIG.to_string()
}

/// `backtest configure` / `configure_backtest`.
pub struct ConfigureBacktest;

impl Operation for ConfigureBacktest {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "configure",
        tool_name: "configure_backtest",
        class: OpClass::Research,
        idempotent: true,
        destructive: true,
    };
    type Request = ConfigureBacktestRequest;
    type Response = ConfigResponse;

    async fn run(
        ctx: Arc<Context>,
        req: ConfigureBacktestRequest,
        call: Call,
    ) -> OpResult<ConfigResponse> {
        if req.settings.data_path.is_some() {
            call.require_files("data_path")?;
        }
        let name = check_name(&req.name)?;
        let mut config = BacktestConfig::new(&name);
        config.apply(&ctx.store.conn(), &req.settings)?;
        backtests::save_config(&ctx.store.conn(), &name, &config)?;
        describe(&ctx, config)
    }
}

/// Add instruments to a stored backtest configuration.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct AddInstrumentsRequest {
    /// Instruments to add, SYMBOL.VENUE.
    #[arg(required = true, value_name = "SYMBOL.VENUE")]
    pub instruments: Vec<String>,
    /// Configuration name (default "default").
    #[arg(long, default_value = DEFAULT_CONFIG)]
    #[serde(default = "default_name")]
    pub name: String,
}

/// `backtest add-instruments` / `add_instruments`.
pub struct AddInstruments;

impl Operation for AddInstruments {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "add-instruments",
        tool_name: "add_instruments",
        class: OpClass::Research,
        idempotent: true,
        destructive: false,
    };
    type Request = AddInstrumentsRequest;
    type Response = ConfigResponse;

    async fn run(
        ctx: Arc<Context>,
        req: AddInstrumentsRequest,
        _call: Call,
    ) -> OpResult<ConfigResponse> {
        if req.instruments.is_empty() {
            return Err(OpError::invalid(
                "instruments",
                "give at least one instrument",
            ));
        }
        let name = check_name(&req.name)?;
        let mut config = load_named(&ctx, &name)?;
        let mut all = config.instruments.clone();
        all.extend(req.instruments);
        config.apply(
            &ctx.store.conn(),
            &BacktestSettings {
                instruments: all,
                ..BacktestSettings::default()
            },
        )?;
        backtests::save_config(&ctx.store.conn(), &name, &config)?;
        describe(&ctx, config)
    }
}

/// Set the date range of a stored backtest configuration.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct SetDateRangeRequest {
    /// Start, ISO-8601 or YYYY-MM-DD (UTC).
    #[arg(long = "start", visible_alias = "start-date")]
    pub start_date: String,
    /// End, inclusive; a bare date means the end of that day.
    #[arg(long = "end", visible_alias = "end-date")]
    pub end_date: String,
    /// Configuration name (default "default").
    #[arg(long, default_value = DEFAULT_CONFIG)]
    #[serde(default = "default_name")]
    pub name: String,
}

/// `backtest set-range` / `set_date_range`.
pub struct SetDateRange;

impl Operation for SetDateRange {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "set-range",
        tool_name: "set_date_range",
        class: OpClass::Research,
        idempotent: true,
        destructive: false,
    };
    type Request = SetDateRangeRequest;
    type Response = ConfigResponse;

    async fn run(
        ctx: Arc<Context>,
        req: SetDateRangeRequest,
        _call: Call,
    ) -> OpResult<ConfigResponse> {
        let name = check_name(&req.name)?;
        let mut config = load_named(&ctx, &name)?;
        config.start_date = None;
        config.end_date = None;
        config.apply(
            &ctx.store.conn(),
            &BacktestSettings {
                start_date: Some(req.start_date),
                end_date: Some(req.end_date),
                ..BacktestSettings::default()
            },
        )?;
        backtests::save_config(&ctx.store.conn(), &name, &config)?;
        describe(&ctx, config)
    }
}

/// Run a strategy (a built-in or a stored definition) on the NautilusTrader BacktestEngine (simulated venue, Nautilus
/// order matching, risk and portfolio) and store the result under a new run id. Uses the named
/// (or most recent) configuration; settings given here override it for this run only, and
/// with no configuration at all they define a one-shot run.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct RunBacktestRequest {
    // Described by `strategy_doc`, which lists the strategy catalog.
    #[arg(long = "strategy", visible_alias = "strategy-id", help = strategy_doc())]
    #[schemars(description = strategy_doc() + ".")]
    pub strategy_id: String,
    /// Strategy parameters, e.g. {"fast_period": 10, "slow_period": 30}; on the CLI
    /// NAME=VALUE, repeated.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    #[serde(default, deserialize_with = "assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub parameters: Vec<Assign>,
    /// Stored configuration to run (default: the most recently changed one).
    #[arg(long = "name", id = "config_name")]
    #[serde(default)]
    pub config: Option<String>,
    /// Evaluator: auto (default: the fast path when it reproduces the run exactly, else
    /// NautilusTrader's engine), fast (fail if it cannot), or nautilus (force the engine).
    /// The result's `engine` says which ran.
    #[arg(long, value_enum, default_value_t)]
    #[serde(default)]
    pub engine: run::EngineChoice,
    #[command(flatten)]
    #[serde(flatten)]
    pub settings: BacktestSettings,
}

/// The `strategy` argument's description (without a final period, as clap shows it): the
/// built-ins by name, or a stored definition.
fn strategy_doc() -> String {
    format!(
        "Strategy: a built-in ({}) or a stored definition's name (see {})",
        crate::engine::strategies::builtin_ids().join(", "),
        <super::strategy::ListStrategies as Operation>::INFO.tool_name
    )
}

/// Finds the configuration a run uses: named, latest, or a one-shot from inline settings.
pub(crate) fn run_config(
    ctx: &Context,
    name: Option<&str>,
    settings: &BacktestSettings,
) -> OpResult<(BacktestConfig, Option<String>)> {
    let base = match name {
        Some(n) => Some((load_named(ctx, &check_name(n)?)?, Some(n.to_string()))),
        None if settings.is_empty() || settings.instruments.is_empty() => {
            let latest = backtests::latest_config_name(&ctx.store.conn())?;
            match latest {
                Some(n) => Some((load_named(ctx, &n)?, Some(n))),
                None => None,
            }
        }
        None => None,
    };
    let (mut config, stored) = match base {
        Some(b) => b,
        None if settings.instruments.is_empty() => {
            return Err(OpError::state(
                "no backtest is configured: call configure_backtest (backtest configure) or give instruments",
            ));
        }
        None => (BacktestConfig::new("one-shot"), None),
    };
    config.apply(&ctx.store.conn(), settings)?;
    Ok((config, stored))
}

/// Imports `data_path` for the first instrument when the data source is local_csv.
pub(crate) async fn import_local_csv(
    ctx: &Arc<Context>,
    config: &BacktestConfig,
    call: &Call,
) -> OpResult<()> {
    if config.data_source != "local_csv" {
        return Ok(());
    }
    let (Some(path), Some(instrument)) = (
        config.data_path.clone(),
        config.instruments.first().cloned(),
    ) else {
        return Ok(());
    };
    let req: super::data::ImportDataRequest = serde_json::from_value(serde_json::json!({
        "path": path,
        "instrument_id": instrument,
        "kind": "bars",
        "bar_spec": config.bar_spec,
    }))
    .map_err(OpError::internal)?;
    <super::data::ImportData as Operation>::run(ctx.clone(), req, call.clone()).await?;
    Ok(())
}

/// `backtest run` / `run_backtest`.
pub struct RunBacktest;

impl Operation for RunBacktest {
    const INFO: OpInfo = OpInfo {
        group: Group::Backtest,
        cli_name: "run",
        tool_name: "run_backtest",
        class: OpClass::Research,
        idempotent: false,
        destructive: false,
    };
    type Request = RunBacktestRequest;
    type Response = RunSummary;

    async fn run(ctx: Arc<Context>, req: RunBacktestRequest, call: Call) -> OpResult<RunSummary> {
        if req.settings.data_path.is_some() {
            call.require_files("data_path")?;
        }
        let plan = super::strategy::resolve(
            &ctx.store.conn(),
            &req.strategy_id,
            &assign::to_btree(&req.parameters).into_iter().collect(),
        )?;
        let (config, stored) = run_config(&ctx, req.config.as_deref(), &req.settings)?;
        import_local_csv(&ctx, &config, &call).await?;
        run::execute(ctx, config, stored, plan, req.engine, &call).await
    }
}
