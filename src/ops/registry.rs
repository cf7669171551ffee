//! The registry: every operation once, with its CLI path, MCP tool name and class.
//!
//! The CLI tree, `tools/list`, tool annotations, completions and the README table are all
//! generated from [`registry`]; nothing else lists operations.

use std::{future::Future, pin::Pin, sync::Arc, sync::OnceLock};

use clap::{ArgMatches, Args, Command, FromArgMatches};
use schemars::JsonSchema;
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use super::{call::Call, context::Context};
use crate::{
    caller::Scope,
    error::{OpError, OpResult},
    schema::{
        compact::{compact_input, compact_output, first_sentence, tool_summary},
        schema_of, schema_with_definitions,
    },
};

/// The most an output schema shows in a tool list before its nested detail is summarised.
pub const OUTPUT_SCHEMA_BYTES: usize = 300;
/// The most an input schema shows in a tool list before optional arguments lose their
/// descriptions (longest first).
pub const INPUT_SCHEMA_BYTES: usize = 1_000;

/// What an operation does to the world. This one fact decides the scope a caller needs, whether
/// `--read-only` keeps the operation, and its MCP annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpClass {
    /// Reads data, results, account views; changes nothing.
    Read,
    /// Backtests, the data catalog and strategy definitions: computes and stores research
    /// results (runs, configurations, imported or generated data, definitions) but never
    /// touches orders, accounts, the node or a venue. A `read` scope may run it and
    /// `--read-only` keeps it.
    Research,
    /// Places, changes or cancels orders, moves the paper market, halts the node.
    Trade,
    /// Configures the node, venues and attached strategies; resumes trading after a halt.
    Admin,
}

impl OpClass {
    /// `read`, `research`, `trade` or `admin`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Research => "research",
            Self::Trade => "trade",
            Self::Admin => "admin",
        }
    }

    /// The weakest token scope that may run operations of this class.
    #[must_use]
    pub const fn required_scope(self) -> Scope {
        match self {
            Self::Read | Self::Research => Scope::Read,
            Self::Trade => Scope::Trade,
            Self::Admin => Scope::Admin,
        }
    }
}

/// MCP tool annotations, all derived from an operation's class and facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hints {
    pub read_only: bool,
    pub destructive: bool,
    pub idempotent: bool,
    pub open_world: bool,
}

/// A group of operations: one CLI subcommand and one MCP toolset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Node,
    Venue,
    Strategy,
    Order,
    Account,
    Position,
    Market,
    Backtest,
    Data,
}

impl Group {
    /// Every group, in CLI order.
    pub const ALL: [Self; 9] = [
        Self::Node,
        Self::Venue,
        Self::Strategy,
        Self::Order,
        Self::Account,
        Self::Position,
        Self::Market,
        Self::Backtest,
        Self::Data,
    ];

    /// The CLI subcommand and toolset name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Node => "node",
            Self::Venue => "venue",
            Self::Strategy => "strategy",
            Self::Order => "order",
            Self::Account => "account",
            Self::Position => "position",
            Self::Market => "market",
            Self::Backtest => "backtest",
            Self::Data => "data",
        }
    }

    /// One line for `--help`.
    #[must_use]
    pub const fn about(self) -> &'static str {
        match self {
            Self::Node => "The trading node: settings, risk limits, the paper market clock",
            Self::Venue => "Venue connections (paper, testnet, live)",
            Self::Strategy => {
                "Strategies: define them in the strategy language, check, show, list and delete them, attach them to the node"
            }
            Self::Order => "Submit, modify, cancel and inspect orders",
            Self::Account => "Account balances, margins and PnL",
            Self::Position => "Open positions and their risk",
            Self::Market => "Instruments, order books, tickers, trades and bars",
            Self::Backtest => "Configure, run and analyse backtests",
            Self::Data => "Import, generate and list historical data",
        }
    }

    /// Operations of this group act on or read from the venues the node is connected to
    /// (paper, or real ones that make them open-world).
    #[must_use]
    pub const fn reaches_venues(self) -> bool {
        !matches!(self, Self::Backtest | Self::Data)
    }
}

/// The fixed facts about an operation.
#[derive(Debug, Clone, Copy)]
pub struct OpInfo {
    pub group: Group,
    /// Subcommand name inside the group, e.g. `submit-limit`.
    pub cli_name: &'static str,
    /// MCP tool name, e.g. `submit_limit_order`.
    pub tool_name: &'static str,
    pub class: OpClass,
    /// Repeating the same call has no further effect.
    pub idempotent: bool,
    /// May destroy or replace state (cancel, overwrite, halt).
    pub destructive: bool,
}

/// One operation: a request type, a response type and one handler.
///
/// The request's doc comment is both the CLI `about` and the MCP tool description; its
/// field docs are both `--help` lines and schema property descriptions.
pub trait Operation: 'static {
    /// The fixed facts.
    const INFO: OpInfo;
    /// Parsed from CLI flags or from MCP arguments.
    type Request: Args + FromArgMatches + DeserializeOwned + JsonSchema + Send + 'static;
    /// Printed by `--json` and returned as MCP structured content.
    type Response: Serialize + JsonSchema + Send + 'static;

    /// Runs the operation.
    fn run(
        ctx: Arc<Context>,
        req: Self::Request,
        call: Call,
    ) -> impl Future<Output = OpResult<Self::Response>> + Send;
}

/// An operation as a tool list shows it.
#[derive(Debug, Clone)]
pub struct CompactTool {
    /// The description's first sentence, shortened (see [`tool_summary`]).
    pub description: String,
    pub input_schema: Map<String, Value>,
    pub output_schema: Map<String, Value>,
}

/// A boxed future returning an operation's JSON document.
pub type JsonFuture = Pin<Box<dyn Future<Output = OpResult<Value>> + Send>>;

/// Why a call could not be made: the arguments did not fit the schema, or it ran and failed.
#[derive(Debug)]
pub enum CallError {
    /// Arguments that do not deserialize into the request (a protocol-level error in MCP).
    BadArguments(String),
    /// The operation ran and returned an error.
    Failed(OpError),
}

/// A type-erased registry entry built from an [`Operation`].
pub struct OpEntry {
    pub info: OpInfo,
    /// The request's doc comment.
    pub description: String,
    /// The full input schema, with every field's description (`describe_tool`).
    pub input_schema: Map<String, Value>,
    /// The full output schema, with every field's description (`describe_tool`).
    pub output_schema: Map<String, Value>,
    /// What a tool list shows, made when first asked for.
    compact: OnceLock<CompactTool>,
    /// Both schemas with named types under `$defs`, the source of the compact ones.
    schemas_with_definitions: fn() -> [Map<String, Value>; 2],
    command: fn() -> Command,
    from_json: fn(Arc<Context>, Value, Call) -> Result<JsonFuture, String>,
    from_matches: fn(Arc<Context>, &ArgMatches, Call) -> Result<JsonFuture, clap::Error>,
}

impl std::fmt::Debug for OpEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpEntry")
            .field("tool", &self.info.tool_name)
            .finish()
    }
}

impl OpEntry {
    fn of<O: Operation>() -> Self {
        let input = schema_of::<O::Request>();
        let description = unwrap_lines(
            input
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default(),
        );
        let mut input = input;
        input.insert("description".into(), Value::String(description.clone()));
        Self {
            info: O::INFO,
            description,
            input_schema: input,
            output_schema: schema_of::<O::Response>(),
            compact: OnceLock::new(),
            schemas_with_definitions: || {
                [
                    schema_with_definitions::<O::Request>(),
                    schema_with_definitions::<O::Response>(),
                ]
            },
            command: || O::Request::augment_args(Command::new(O::INFO.cli_name)),
            from_json: |ctx, args, call| {
                let req: O::Request = parse_arguments(args)?;
                Ok(Box::pin(run_to_json::<O>(ctx, req, call)))
            },
            from_matches: |ctx, matches, call| {
                let req = O::Request::from_arg_matches(matches)?;
                Ok(Box::pin(run_to_json::<O>(ctx, req, call)))
            },
        }
    }

    /// The CLI path, e.g. `order submit-limit`.
    #[must_use]
    pub fn cli_path(&self) -> String {
        format!("{} {}", self.info.group.name(), self.info.cli_name)
    }

    /// The MCP annotations. `real_venues` says whether the node has a venue that is not paper:
    /// then the operations on venues reach the outside world, reads included (they sync with
    /// the venue or ask it for market data). Connecting a venue may always reach one.
    #[must_use]
    pub fn hints(&self, real_venues: bool) -> Hints {
        let info = self.info;
        let read_only = info.class == OpClass::Read;
        Hints {
            read_only,
            destructive: !read_only && info.destructive,
            idempotent: read_only || info.idempotent,
            open_world: info.group.reaches_venues()
                && info.class != OpClass::Research
                && (real_venues || (info.group == Group::Venue && !read_only)),
        }
    }

    /// The first sentence of the description.
    #[must_use]
    pub fn summary(&self) -> String {
        first_sentence(&self.description).to_string()
    }

    /// The description and schemas a tool list shows: the first sentence, and schemas sized
    /// for a model's context (see [`crate::schema::compact`]). The full texts stay in
    /// [`Self::description`], [`Self::input_schema`] and [`Self::output_schema`].
    pub fn compact(&self) -> &CompactTool {
        self.compact.get_or_init(|| {
            let [input, output] = (self.schemas_with_definitions)();
            CompactTool {
                description: tool_summary(&self.description),
                input_schema: compact_input(&input, INPUT_SCHEMA_BYTES),
                output_schema: compact_output(&output, OUTPUT_SCHEMA_BYTES),
            }
        })
    }

    /// Everything about the operation that a tool list leaves out: the full description and
    /// both full schemas with every field's description (`mcp --describe TOOL`, the
    /// `nautilus://tools/{name}` resource).
    #[must_use]
    pub fn describe(&self) -> Value {
        serde_json::json!({
            "tool": self.info.tool_name,
            "cli": format!("nautilus-mcp {}", self.cli_path()),
            "toolset": self.info.group.name(),
            "class": self.info.class,
            "description": self.description,
            "input_schema": self.input_schema,
            "output_schema": self.output_schema,
        })
    }

    /// The clap subcommand for this operation, described by the request's doc comment.
    #[must_use]
    pub fn command(&self) -> Command {
        let about = self.summary();
        (self.command)()
            .about(about)
            .long_about(self.description.clone())
            .after_help(format!("MCP tool: {}", self.info.tool_name))
    }

    /// Calls the operation with MCP-style JSON arguments.
    pub async fn call_json(
        &self,
        ctx: Arc<Context>,
        args: Value,
        call: Call,
    ) -> Result<Value, CallError> {
        // A caller without the scope learns that first, whatever its arguments.
        call.require(self.info.class).map_err(CallError::Failed)?;
        self.check_argument_names(&args)
            .map_err(CallError::BadArguments)?;
        let fut = (self.from_json)(ctx, args, call).map_err(CallError::BadArguments)?;
        fut.await.map_err(CallError::Failed)
    }

    /// Rejects argument names the request does not have (serde would ignore them where a
    /// request flattens shared settings). A property's serde aliases are listed in its schema
    /// under `x-aliases`.
    fn check_argument_names(&self, args: &Value) -> Result<(), String> {
        let (Value::Object(given), Some(Value::Object(props))) =
            (args, self.input_schema.get("properties"))
        else {
            return Ok(());
        };
        let aliases = props
            .values()
            .filter_map(|p| p.get("x-aliases").and_then(Value::as_array))
            .flatten()
            .filter_map(Value::as_str);
        let accepted: std::collections::BTreeSet<&str> =
            props.keys().map(String::as_str).chain(aliases).collect();
        if let Some(unknown) = given.keys().find(|k| !accepted.contains(k.as_str())) {
            let mut known: Vec<&str> = props.keys().map(String::as_str).collect();
            known.sort_unstable();
            return Err(format!(
                "unknown argument '{unknown}'; valid arguments: {}",
                known.join(", ")
            ));
        }
        Ok(())
    }

    /// Prepares the operation from parsed CLI flags.
    pub fn call_matches(
        &self,
        ctx: Arc<Context>,
        matches: &ArgMatches,
        call: Call,
    ) -> Result<JsonFuture, clap::Error> {
        (self.from_matches)(ctx, matches, call)
    }
}

/// Every call of every face passes here: the caller's scope is checked against the
/// operation's class before the handler runs.
async fn run_to_json<O: Operation>(
    ctx: Arc<Context>,
    req: O::Request,
    call: Call,
) -> OpResult<Value> {
    let started = std::time::Instant::now();
    let caller = call.caller.name.clone();
    let result = match call.require(O::INFO.class) {
        Ok(()) => O::run(ctx, req, call)
            .await
            .and_then(|response| serde_json::to_value(response).map_err(OpError::internal)),
        Err(e) => Err(e),
    };
    let ms = format!("{:.3}", started.elapsed().as_secs_f64() * 1e3);
    match &result {
        Ok(_) => tracing::debug!(tool = O::INFO.tool_name, %caller, %ms, "operation done"),
        Err(e) => tracing::info!(
            tool = O::INFO.tool_name,
            %caller,
            %ms,
            code = %e.code.as_str(),
            error = %e.message,
            "operation failed"
        ),
    }
    result
}

/// Joins wrapped doc-comment lines into paragraphs.
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Deserializes a tool's arguments, naming the argument that does not fit.
fn parse_arguments<T: DeserializeOwned>(args: Value) -> Result<T, String> {
    let err = match serde_path_to_error::deserialize::<_, T>(&args) {
        Ok(req) => return Ok(req),
        Err(err) => err,
    };
    let path = err.path().to_string();
    if path != "." {
        return Err(format!("invalid argument '{path}': {}", err.inner()));
    }
    let problem = err.inner().to_string();
    match blame_arguments::<T>(&args, &problem).as_slice() {
        [name] => Err(format!("invalid argument '{name}': {problem}")),
        [] => Err(format!("invalid arguments: {problem}")),
        names => Err(format!(
            "invalid arguments (one of '{}'): {problem}",
            names.join("', '")
        )),
    }
}

/// Serde loses the path inside `#[serde(flatten)]` structs. The suspects are the arguments
/// whose removal makes the error go away or turn into their own "missing field"; among
/// several, those whose value the error quotes.
fn blame_arguments<T: DeserializeOwned>(args: &Value, problem: &str) -> Vec<String> {
    let Some(obj) = args.as_object() else {
        return Vec::new();
    };
    let suspects: Vec<(&String, &Value)> = obj
        .iter()
        .filter(|(key, _)| {
            let mut without = obj.clone();
            without.remove(*key);
            match serde_json::from_value::<T>(Value::Object(without)) {
                Ok(_) => true,
                Err(e) => e.to_string().contains(&format!("missing field `{key}`")),
            }
        })
        .collect();
    let quoted: Vec<String> = suspects
        .iter()
        .filter(|(_, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            !text.is_empty() && problem.contains(&text)
        })
        .map(|(key, _)| (*key).clone())
        .collect();
    if quoted.is_empty() || suspects.len() == 1 {
        suspects.into_iter().map(|(key, _)| key.clone()).collect()
    } else {
        quoted
    }
}

/// Every operation, in CLI order.
pub fn registry() -> &'static [OpEntry] {
    static REGISTRY: OnceLock<Vec<OpEntry>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut entries = super::all_operations();
        entries.sort_by_key(|e| Group::ALL.iter().position(|g| *g == e.info.group));
        entries
    })
}

/// Looks an operation up by its MCP tool name.
#[must_use]
pub fn find_tool(name: &str) -> Option<&'static OpEntry> {
    registry().iter().find(|e| e.info.tool_name == name)
}

/// Builds a registry entry for an operation type.
#[must_use]
pub fn entry<O: Operation>() -> OpEntry {
    OpEntry::of::<O>()
}
