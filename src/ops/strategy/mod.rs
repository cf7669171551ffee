//! Strategy operations: definitions in the strategy language (define, show, validate, delete),
//! the list of built-in and stored strategies, and strategies attached to the node.
//!
//! Stored definitions are research data, like backtest configurations: defining and deleting
//! them is in the `research` class (a `read` token may do it, `--read-only` keeps it); they
//! never touch orders or accounts. Attaching one to the node is `admin`, as for a built-in.
//!
//! Here: finding and listing strategies, define, show, delete and validate; `attached`: configure,
//! stop and step strategies on the node; `guide`: the language guide for agents.

use crate::error::{OpError, OpResult};
use std::{path::PathBuf, sync::Arc};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    assign::{self, Assign},
    call::Call,
    context::Context,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    engine::{
        backtest::recorder::PlacedOrder,
        strategies::{
            self, BUILTINS, StrategyPlan, builtin,
            lang::{
                check,
                document::{Definition, MAX_DOCUMENT, toml_to_json},
                params,
            },
            lang_error,
        },
    },
    store::definitions::{self as defs, StoredDefinition},
};

mod attached;
mod guide;

pub use attached::*;
pub use guide::*;

/// A strategy found by name: a built-in or a stored definition (its latest version).
#[derive(Debug, Clone)]
pub struct Named {
    /// The built-in's id or the stored name.
    pub id: String,
    pub definition: Definition,
    /// The stored version (built-ins have none).
    pub version: Option<i64>,
}

impl Named {
    /// The plan with `parameters` bound.
    pub fn plan(&self, parameters: &Map<String, Value>) -> OpResult<StrategyPlan> {
        strategies::plan_definition(&self.id, &self.definition, self.version, parameters)
    }

    fn stored(d: &StoredDefinition) -> OpResult<Self> {
        let value: Value = serde_json::from_str(&d.definition)
            .map_err(|e| OpError::internal(format!("stored definition {}: {e}", d.name)))?;
        Ok(Self {
            id: d.name.clone(),
            definition: Definition::from_json(&value).map_err(lang_error)?,
            version: Some(d.version),
        })
    }
}

/// Finds a strategy by name: a built-in (or alias), else a stored definition.
pub fn find(conn: &crate::store::Db, id: &str) -> OpResult<Named> {
    if let Some(b) = builtin(id) {
        return Ok(Named {
            id: b.id.to_string(),
            definition: b.definition().clone(),
            version: None,
        });
    }
    match defs::latest(conn, id.trim())? {
        Some(d) => Named::stored(&d),
        None => {
            let stored: Vec<String> = defs::list(conn)?.into_iter().map(|d| d.name).collect();
            Err(OpError::invalid(
                "strategy_id",
                format!(
                    "unknown strategy '{id}'; built-ins: {}; stored: {}",
                    strategies::builtin_ids().join(", "),
                    if stored.is_empty() {
                        "none (define one with `strategy define`)".to_string()
                    } else {
                        stored.join(", ")
                    }
                ),
            ))
        }
    }
}

/// Plans a built-in or stored strategy with `parameters`.
pub fn resolve(
    conn: &crate::store::Db,
    id: &str,
    parameters: &Map<String, Value>,
) -> OpResult<StrategyPlan> {
    find(conn, id)?.plan(parameters)
}

fn parse_definition_text(text: &str) -> Result<Value, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))
    } else {
        toml_to_json(text).map_err(|e| e.message)
    }
}

/// A definition given as a file or inline.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
pub struct DefinitionInput {
    /// A file holding the definition, TOML or JSON (over MCP a path on the server, which needs
    /// the admin scope; send `definition` instead).
    #[arg(long, value_name = "FILE")]
    #[serde(default)]
    pub file: Option<PathBuf>,
    /// The definition: a JSON object with parameters, constraints, indicators, rules, orders
    /// and exits (the document a TOML file holds). On the CLI, its JSON or TOML text.
    #[arg(long, value_name = "JSON", value_parser = parse_definition_text)]
    #[serde(default)]
    #[schemars(with = "Option<Definition>")]
    pub definition: Option<Value>,
}

impl DefinitionInput {
    /// The definition given, parsed (not yet checked).
    fn load(&self, call: &Call) -> OpResult<Definition> {
        match (&self.file, &self.definition) {
            (Some(_), Some(_)) => Err(OpError::invalid(
                "definition",
                "give the definition or a file, not both",
            )),
            (None, None) => Err(OpError::invalid(
                "definition",
                "give the definition (a JSON object) or --file with its TOML or JSON",
            )),
            (None, Some(v)) => Definition::from_json(v).map_err(lang_error),
            (Some(path), None) => {
                call.require_files("file")?;
                let size = std::fs::metadata(path)
                    .map_err(|e| OpError::invalid("file", format!("{}: {e}", path.display())))?
                    .len();
                if size > MAX_DOCUMENT as u64 {
                    return Err(OpError::invalid(
                        "file",
                        format!(
                            "{} is {size} bytes; a definition is at most {MAX_DOCUMENT}",
                            path.display()
                        ),
                    ));
                }
                let text = std::fs::read_to_string(path)
                    .map_err(|e| OpError::invalid("file", format!("{}: {e}", path.display())))?;
                Definition::from_text(&text).map_err(lang_error)
            }
        }
    }
}

/// A strategy's parameters and what it is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StrategyView {
    pub strategy_id: String,
    /// `builtin` (the five classic strategies), `example` (shipped examples of the language)
    /// or `stored` (defined with define_strategy).
    pub kind: String,
    pub description: String,
    /// Other names accepted for strategy_id.
    pub aliases: Vec<String>,
    /// The stored definition's latest version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// SHA-256 of the definition's canonical JSON.
    pub hash: String,
    /// JSON schema of the parameters.
    pub parameters: Map<String, Value>,
}

/// `builtin` or `example` (both shipped with the program).
fn kind_of(b: &strategies::Builtin) -> &'static str {
    if b.example { "example" } else { "builtin" }
}

fn view(
    id: &str,
    kind: &str,
    aliases: &[&str],
    def: &Definition,
    version: Option<i64>,
) -> StrategyView {
    let mut schema = params::schema(def);
    schema.remove("description");
    StrategyView {
        strategy_id: id.to_string(),
        kind: kind.to_string(),
        description: def.description.replace('\n', " ").trim().to_string(),
        aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
        version,
        hash: def.hash(),
        parameters: schema,
    }
}

/// List the built-in and stored strategies with their parameters as JSON schema. The
/// schema gives each parameter's type, default and range.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
pub struct ListStrategiesRequest {}

/// The strategies.
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
        ctx: Arc<Context>,
        _req: ListStrategiesRequest,
        _call: Call,
    ) -> OpResult<StrategyList> {
        let mut strategies: Vec<StrategyView> = BUILTINS
            .iter()
            .map(|b| view(b.id, kind_of(b), b.aliases, b.definition(), None))
            .collect();
        for d in defs::list(&ctx.store.conn())? {
            let named = Named::stored(&d)?;
            strategies.push(view(
                &d.name,
                "stored",
                &[],
                &named.definition,
                Some(d.version),
            ));
        }
        Ok(StrategyList { strategies })
    }
}

/// Define (or replace) a named strategy in the strategy language: parameters, indicators,
/// rules, orders and exits. The definition is checked completely and stored as a new version
/// with its content hash (an unchanged definition keeps its version); nothing invalid is
/// stored. Backtests, sweeps and the node then accept the name wherever they accept a
/// built-in's. See the `strategy_from_idea` prompt and the `nautilus://strategies/{name}`
/// resources for the language and examples.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DefineStrategyRequest {
    /// The strategy's name (1-64 letters, digits, '-', '_', '.'; not a built-in's).
    pub name: String,
    #[command(flatten)]
    #[serde(flatten)]
    pub input: DefinitionInput,
}

/// A stored definition.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DefinedResponse {
    pub name: String,
    pub version: i64,
    pub hash: String,
    /// False when the definition was already the latest version (nothing stored).
    pub new_version: bool,
    pub created: String,
    /// JSON schema of the parameters.
    pub parameters: Map<String, Value>,
}

fn check_strategy_name(name: &str) -> OpResult<String> {
    let name = crate::values::check_name("name", "strategy", name)?;
    if let Some(b) = builtin(&name) {
        return Err(OpError::invalid(
            "name",
            format!(
                "'{name}' names the built-in strategy {}; choose another name",
                b.id
            ),
        ));
    }
    Ok(name)
}

fn format_ms(ms: i64) -> String {
    crate::data::time::format_ns(ms.saturating_mul(1_000_000))
}

/// `strategy define` / `define_strategy`.
pub struct DefineStrategy;

impl Operation for DefineStrategy {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "define",
        tool_name: "define_strategy",
        class: OpClass::Research,
        idempotent: true,
        destructive: true,
    };
    type Request = DefineStrategyRequest;
    type Response = DefinedResponse;

    async fn run(
        ctx: Arc<Context>,
        req: DefineStrategyRequest,
        call: Call,
    ) -> OpResult<DefinedResponse> {
        let name = check_strategy_name(&req.name)?;
        let definition = req.input.load(&call)?;
        check::check(&definition).map_err(lang_error)?;
        let canonical = definition.canonical().to_string();
        let hash = definition.hash();
        let (stored, new_version) = ctx
            .store
            .write(|tx| defs::save(tx, &name, &hash, &canonical))?;
        let mut schema = params::schema(&definition);
        schema.remove("description");
        Ok(DefinedResponse {
            name,
            version: stored.version,
            hash: stored.hash,
            new_version,
            created: format_ms(stored.created_at),
            parameters: schema,
        })
    }
}

/// Show a strategy: its definition (the canonical JSON of the document), version, content
/// hash, parameters and, for a stored one, every version kept.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetStrategyRequest {
    /// A built-in's id or a stored definition's name.
    pub name: String,
    /// A stored definition's version (default: the latest).
    #[arg(long = "strategy-version", id = "strategy_version", value_name = "N")]
    #[serde(default)]
    pub version: Option<i64>,
}

/// One stored version.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VersionView {
    pub version: i64,
    pub hash: String,
    pub created: String,
}

/// A strategy in full.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StrategyDetail {
    #[serde(flatten)]
    pub strategy: StrategyView,
    /// The definition (canonical JSON).
    pub definition: Value,
    /// A built-in's definition as shipped (TOML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A stored definition's versions, oldest first.
    pub versions: Vec<VersionView>,
}

/// The detail of a strategy by name (and version).
pub fn detail(
    conn: &crate::store::Db,
    name: &str,
    version: Option<i64>,
) -> OpResult<StrategyDetail> {
    if let Some(b) = builtin(name) {
        if version.is_some() {
            return Err(OpError::invalid(
                "version",
                "built-in strategies have no versions",
            ));
        }
        let def = b.definition();
        return Ok(StrategyDetail {
            strategy: view(b.id, kind_of(b), b.aliases, def, None),
            definition: def.canonical(),
            source: Some(b.source.to_string()),
            versions: Vec::new(),
        });
    }
    let stored = match version {
        Some(v) => defs::version(conn, name, v)?,
        None => defs::latest(conn, name)?,
    }
    .ok_or_else(|| match version {
        Some(v) => OpError::not_found("strategy version", format!("{name} v{v}")),
        None => OpError::not_found("strategy", name),
    })?;
    let named = Named::stored(&stored)?;
    Ok(StrategyDetail {
        strategy: view(
            &stored.name,
            "stored",
            &[],
            &named.definition,
            Some(stored.version),
        ),
        definition: named.definition.canonical(),
        source: None,
        versions: defs::versions(conn, name)?
            .into_iter()
            .map(|d| VersionView {
                version: d.version,
                hash: d.hash,
                created: format_ms(d.created_at),
            })
            .collect(),
    })
}

/// `strategy show` / `get_strategy`.
pub struct GetStrategy;

impl Operation for GetStrategy {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "show",
        tool_name: "get_strategy",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = GetStrategyRequest;
    type Response = StrategyDetail;

    async fn run(
        ctx: Arc<Context>,
        req: GetStrategyRequest,
        _call: Call,
    ) -> OpResult<StrategyDetail> {
        detail(&ctx.store.conn(), req.name.trim(), req.version)
    }
}

/// Delete a stored strategy definition (every version). Runs keep its hash; strategies
/// already attached to the node keep the definition they were attached with.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteStrategyRequest {
    /// The stored definition's name.
    pub name: String,
}

/// A deleted definition.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeletedResponse {
    pub name: String,
    /// Versions removed.
    pub versions: usize,
}

/// `strategy delete` / `delete_strategy`.
pub struct DeleteStrategy;

impl Operation for DeleteStrategy {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "delete",
        tool_name: "delete_strategy",
        class: OpClass::Research,
        idempotent: false,
        destructive: true,
    };
    type Request = DeleteStrategyRequest;
    type Response = DeletedResponse;

    async fn run(
        ctx: Arc<Context>,
        req: DeleteStrategyRequest,
        _call: Call,
    ) -> OpResult<DeletedResponse> {
        let name = req.name.trim().to_string();
        if let Some(b) = builtin(&name) {
            return Err(OpError::invalid(
                "name",
                format!(
                    "{} is a built-in strategy; only stored definitions are deleted",
                    b.id
                ),
            ));
        }
        let versions = ctx.store.write(|tx| defs::delete(tx, &name))?;
        if versions == 0 {
            return Err(OpError::not_found("strategy", &name));
        }
        Ok(DeletedResponse { name, versions })
    }
}

/// Check a strategy definition without storing it: parse, type-check, bind the parameters,
/// and run it on a sample of data (the newest bars of an instrument in the catalog) through
/// the backtest engine, reporting the orders it would have placed.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateStrategyRequest {
    #[command(flatten)]
    #[serde(flatten)]
    pub input: DefinitionInput,
    /// Parameter values to check it with, e.g. {"fast": 5}; on the CLI NAME=VALUE, repeated.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    #[serde(default, deserialize_with = "assign::deserialize")]
    #[schemars(with = "Map<String, Value>")]
    pub parameters: Vec<Assign>,
    /// Bars in the sample run when no start is given: the newest ones of the first
    /// instrument's finest bars (default 5000).
    #[arg(long, default_value_t = 5000)]
    #[serde(default = "default_sample")]
    pub bars: usize,
    /// Orders listed (default 100; the counts cover all).
    #[arg(long, default_value_t = 100)]
    #[serde(default = "default_max_orders")]
    pub max_orders: usize,
    /// The sample run's settings, as for run_backtest: instruments (default: the first of the
    /// latest backtest configuration, else the first with bars in the catalog; none: no run),
    /// range, capital, venue, fees and fills.
    #[command(flatten)]
    #[serde(flatten)]
    pub settings: super::backtest::config::BacktestSettings,
}

const fn default_sample() -> usize {
    5000
}

const fn default_max_orders() -> usize {
    100
}

/// The sample run of a validation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SampleRun {
    pub instrument_id: String,
    pub start: String,
    pub end: String,
    pub bars: u64,
    pub orders: usize,
    pub fills: usize,
    pub round_trips: usize,
    pub pnl: Vec<super::backtest::run::PnlLine>,
    /// The first orders placed (up to max_orders).
    pub placed: Vec<PlacedOrder>,
    pub notes: Vec<String>,
}

/// A checked definition.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Validation {
    /// True: every check passed (a failed check is an error naming the path and position).
    pub valid: bool,
    pub hash: String,
    /// The parameters, defaults filled in.
    pub parameters: Map<String, Value>,
    /// The indicator instances, as named or written.
    pub indicators: Vec<String>,
    /// The sample run, when there was data to run on.
    pub sample: Option<SampleRun>,
    pub notes: Vec<String>,
}

/// `strategy validate` / `validate_strategy`.
pub struct ValidateStrategy;

impl Operation for ValidateStrategy {
    const INFO: OpInfo = OpInfo {
        group: Group::Strategy,
        cli_name: "validate",
        tool_name: "validate_strategy",
        class: OpClass::Research,
        idempotent: true,
        destructive: false,
    };
    type Request = ValidateStrategyRequest;
    type Response = Validation;

    async fn run(
        ctx: Arc<Context>,
        req: ValidateStrategyRequest,
        call: Call,
    ) -> OpResult<Validation> {
        if req.max_orders > 10_000 {
            return Err(OpError::invalid("max_orders", "must be at most 10000"));
        }
        if req.bars == 0 || req.bars > 1_000_000 {
            return Err(OpError::invalid("bars", "must be between 1 and 1000000"));
        }
        let definition = req.input.load(&call)?;
        let given: Map<String, Value> = assign::to_btree(&req.parameters).into_iter().collect();
        let plan = strategies::plan_definition("validate", &definition, None, &given)?;
        let indicators = plan
            .plan
            .indicators
            .iter()
            .map(|i| match &i.bars {
                Some(b) => format!("{} ({} on {b})", i.label, i.def.name),
                None if i.label.contains('(') => i.label.clone(),
                None => format!("{} ({})", i.label, i.def.name),
            })
            .collect();
        let mut notes = Vec::new();
        if req.settings.data_path.is_some() {
            call.require_files("data_path")?;
        }
        let mut settings = req.settings.clone();
        if settings.instruments.is_empty()
            && let Some(id) = sample_instrument(&ctx)?
        {
            settings.instruments.push(id);
        }
        let sample = match settings.instruments.first().cloned() {
            None => {
                notes.push(
                    "no bars in the catalog to run a sample on (import or generate some, or give instruments)"
                        .to_string(),
                );
                None
            }
            Some(id) => {
                let mut config = super::backtest::config::BacktestConfig::new("validate");
                config.apply(&ctx.store.conn(), &settings)?;
                if config.start_date.is_none() {
                    let start = {
                        let conn = ctx.store.conn();
                        let instrument_id =
                            crate::values::parse_instrument_id("instruments[0]", &id)?;
                        let series = crate::store::catalog::bars_for(
                            &conn,
                            instrument_id,
                            config.bar_spec.as_deref(),
                        )?;
                        let end = config
                            .end_date
                            .as_deref()
                            .and_then(|e| crate::data::time::parse_timestamp(e).ok())
                            .map_or(i64::MAX, |(ns, _)| ns);
                        crate::store::catalog::read_last::<crate::data::codec::BarRow>(
                            &conn,
                            &series.signal,
                            i64::MIN,
                            end,
                            req.bars,
                        )?
                        .first()
                        .map(|r| r.ts)
                    };
                    let first = super::backtest::config::BacktestSettings {
                        start_date: start.map(crate::data::time::format_ns),
                        ..Default::default()
                    };
                    config.apply(&ctx.store.conn(), &first)?;
                }
                super::backtest::import_local_csv(&ctx, &config, &call).await?;
                let (summary, output, _, _) = super::backtest::run::run_summary(
                    &ctx,
                    &config,
                    None,
                    &plan,
                    &call,
                    req.max_orders,
                )
                .await?;
                Some(SampleRun {
                    instrument_id: id,
                    start: summary.start,
                    end: summary.end,
                    bars: summary.bars,
                    orders: summary.orders,
                    fills: summary.fills,
                    round_trips: summary.round_trips,
                    pnl: summary.pnl,
                    placed: output.placed,
                    notes: summary.notes,
                })
            }
        };
        if sample.as_ref().is_some_and(|s| s.orders == 0) {
            notes.push("the sample run placed no order: check the rules against the data".into());
        }
        Ok(Validation {
            valid: true,
            hash: plan.hash,
            parameters: plan.parameters,
            indicators,
            sample,
            notes,
        })
    }
}

/// The instrument a validation samples by default.
fn sample_instrument(ctx: &Context) -> OpResult<Option<String>> {
    let conn = ctx.store.conn();
    if let Some(name) = crate::store::backtests::latest_config_name(&conn)?
        && let Some(config) = crate::store::backtests::load_config::<
            super::backtest::config::BacktestConfig,
        >(&conn, &name)?
        && let Some(first) = config.instruments.first()
    {
        return Ok(Some(first.clone()));
    }
    Ok(crate::store::catalog::list(&conn)?
        .into_iter()
        .find(|m| m.kind == "bars")
        .map(|m| m.instrument_id))
}
