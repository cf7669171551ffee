//! The command-line face: a clap tree built from the registry, plus a few utilities.

mod progress;
pub mod utility;

use std::{io::IsTerminal, path::PathBuf, process::ExitCode, sync::Arc};

use clap::{ArgMatches, Args, Command, FromArgMatches, Subcommand};
use serde_json::Value;

use crate::{
    config::Settings,
    ops::{
        call::Call,
        context::Context,
        error::{OpError, OpResult},
        registry::{Group, OpEntry, registry},
    },
    output,
};

pub use utility::Utility;

/// Flags every command accepts.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Print exactly one JSON document on stdout (the MCP structured result).
    #[arg(long, global = true)]
    pub json: bool,
    /// Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
}

/// The full clap command: groups of operations from the registry, then the utilities.
#[must_use]
pub fn command() -> Command {
    let mut root = Command::new("nautilus-mcp")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .propagate_version(true);
    root = GlobalArgs::augment_args(root);
    for group in Group::ALL {
        let ops: Vec<&OpEntry> = registry()
            .iter()
            .filter(|e| e.info.group == group)
            .collect();
        if ops.is_empty() {
            continue;
        }
        let mut sub = Command::new(group.name())
            .about(group.about())
            .subcommand_required(true)
            .arg_required_else_help(true);
        for op in ops {
            sub = sub.subcommand(op.command());
        }
        root = root.subcommand(sub);
    }
    // Deriving the utilities would set the root's about to their enum's doc, so set it last.
    Utility::augment_subcommands(root).about(ABOUT)
}

/// One line on what the tool is.
pub const ABOUT: &str =
    "Backtest and trade on the NautilusTrader engine from the shell or as an MCP server";

/// Runs the CLI with the process arguments and returns the exit code.
#[must_use]
pub fn main() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let global = GlobalArgs::from_arg_matches(&matches).unwrap_or_default();
    match run(&matches, &global) {
        Ok(code) => code,
        Err(err) => report_error(&err, global.json),
    }
}

fn run(matches: &ArgMatches, global: &GlobalArgs) -> OpResult<ExitCode> {
    let (name, sub) = matches.subcommand().expect("subcommand_required");
    if Utility::has_subcommand(name) {
        let utility = Utility::from_arg_matches(matches)
            .map_err(|e| OpError::invalid("arguments", e.to_string()))?;
        return utility::run(utility, global);
    }
    let (op_name, op_matches) = sub.subcommand().expect("subcommand_required");
    let entry = registry()
        .iter()
        .find(|e| e.info.group.name() == name && e.info.cli_name == op_name)
        .expect("the clap tree is built from the registry");

    let settings = Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
    crate::logging::init(&settings, global.log_level.as_deref());
    let ctx = Arc::new(Context::open(settings)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| OpError::internal(format!("starting the async runtime: {e}")))?;
    let doc = runtime.block_on(call_operation(entry, ctx, op_matches))?;
    print_document(&doc, global.json);
    Ok(ExitCode::SUCCESS)
}

async fn call_operation(
    entry: &OpEntry,
    ctx: Arc<Context>,
    matches: &ArgMatches,
) -> OpResult<Value> {
    let bar = progress::Bar::for_stderr(entry.info.tool_name);
    let mut call = Call::default();
    if let Some(bar) = &bar {
        call = call.with_progress(bar.sink());
    }
    let cancel = call.cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            cancel.cancel();
        }
    });
    let fut = entry
        .call_matches(ctx, matches, call)
        .map_err(|e| OpError::invalid("arguments", e.to_string()))?;
    let result = fut.await;
    if let Some(bar) = bar {
        bar.finish();
    }
    result
}

/// Prints to stdout; a closed pipe (e.g. `| head`) is not an error worth a panic.
fn print_document(doc: &Value, json: bool) {
    use std::io::Write;
    let text = if json {
        serde_json::to_string_pretty(doc).unwrap_or_default()
    } else {
        output::render(doc, !std::io::stdout().is_terminal())
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn report_error(err: &OpError, json: bool) -> ExitCode {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&err.to_document()).unwrap_or_default()
        );
    } else {
        eprintln!("{}", output::render_error(err));
    }
    ExitCode::from(err.category.exit_code())
}
