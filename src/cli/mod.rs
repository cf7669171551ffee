//! The command-line face: a clap tree built from the registry, plus a few utilities.

mod confirm;
mod progress;
pub mod utility;
mod watch;

use std::{ffi::OsString, io::IsTerminal, path::PathBuf, process::ExitCode, sync::Arc};

use clap::{ArgMatches, Args, Command, FromArgMatches, Subcommand};
use serde_json::Value;

use crate::{
    caller::{Caller, Scope},
    config::Settings,
    error::{Code, OpError, OpResult},
    ops::{
        access::Exposure,
        call::Call,
        context::Context,
        registry::{Group, OpEntry, registry},
    },
    output,
};

pub use utility::Utility;

/// Flags every command accepts.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Print exactly one JSON document on stdout (the MCP structured result); short for
    /// `-o json`.
    #[arg(long, global = true)]
    pub json: bool,
    /// Output: the designed table view, the JSON document, or the view's main table as CSV or
    /// TSV (full precision, for spreadsheets and scripts).
    #[arg(
        short = 'o',
        long = "output",
        id = "output_format",
        global = true,
        value_enum,
        value_name = "FORMAT"
    )]
    pub output: Option<OutputArg>,
    /// Show every column of tables (none is dropped to fit the terminal).
    #[arg(long = "wide", id = "view_wide", global = true)]
    pub wide: bool,
    /// Show exactly these table columns, in this order (keys or headings, e.g. id,side,status).
    #[arg(
        long = "columns",
        id = "view_columns",
        global = true,
        value_delimiter = ',',
        value_name = "COL,..."
    )]
    pub columns: Vec<String>,
    /// Colour: auto (a terminal without NO_COLOR), always or never.
    #[arg(
        long = "color",
        id = "color_choice",
        global = true,
        value_enum,
        default_value_t = ColorArg::Auto,
        value_name = "WHEN"
    )]
    pub color: ColorArg,
    /// Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// Offer only operations that change no trading state (read and research classes), on the
    /// CLI and in the MCP server's tools/list; callers are capped at the read scope.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP
    /// server's tools/list.
    #[arg(long, global = true, value_name = "GROUP,...")]
    pub toolsets: Option<String>,
    /// Confirm orders on venues whose orders need the person's confirmation (live mode by
    /// default, see `confirm` in the config) without asking: for scripts. Without it such an
    /// order is asked about on the terminal, and refused when there is none.
    #[arg(long, global = true)]
    pub yes: bool,
}

/// `-o` / `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputArg {
    Table,
    Json,
    Csv,
    Tsv,
}

/// `--color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

impl GlobalArgs {
    /// The operations these flags expose.
    pub fn exposure(&self) -> OpResult<Exposure> {
        Exposure::new(self.read_only, self.toolsets.as_deref())
    }

    /// Whether stdout gets the JSON document (`--json` or `-o json`).
    #[must_use]
    pub fn json_output(&self) -> bool {
        self.json || self.output == Some(OutputArg::Json)
    }

    /// How to render for this terminal (or pipe) and these flags.
    #[must_use]
    pub fn render_options(&self) -> output::Options {
        let stdout = std::io::stdout();
        let terminal = stdout.is_terminal();
        let format = match (self.json_output(), self.output) {
            (true, _) => output::OutputFormat::Json,
            (_, Some(OutputArg::Csv)) => output::OutputFormat::Csv,
            (_, Some(OutputArg::Tsv)) => output::OutputFormat::Tsv,
            _ => output::OutputFormat::Table,
        };
        let choice = match self.color {
            ColorArg::Auto => "auto",
            ColorArg::Always => "always",
            ColorArg::Never => "never",
        };
        let no_color = std::env::var("NO_COLOR").ok();
        output::Options {
            format,
            width: terminal_width(terminal),
            color: output::use_color(choice, terminal, no_color.as_deref()),
            wide: self.wide,
            columns: self.columns.clone(),
            chart: false,
        }
    }
}

/// The width to fit tables to: `COLUMNS` when set, else the terminal's; none for a pipe.
fn terminal_width(terminal: bool) -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        return Some(n);
    }
    if !terminal {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w > 0)
}

/// The full clap command: groups of operations from the registry, then the utilities.
#[must_use]
pub fn command() -> Command {
    command_for(&Exposure::all())
}

/// The clap command offering only the operations `exposure` allows.
#[must_use]
pub fn command_for(exposure: &Exposure) -> Command {
    let mut root = Command::new("nautilus-mcp")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .propagate_version(true);
    root = GlobalArgs::augment_args(root);
    for group in Group::ALL {
        let ops: Vec<&OpEntry> = registry()
            .iter()
            .filter(|e| e.info.group == group && exposure.exposes(e))
            .collect();
        if ops.is_empty() {
            continue;
        }
        let mut sub = Command::new(group.name())
            .about(group.about())
            .subcommand_required(true)
            .arg_required_else_help(true);
        for op in ops {
            let mut command = op.command();
            if watch::WATCHABLE.contains(&op.info.tool_name) {
                command = command.arg(watch::arg());
            }
            if op.info.tool_name == CHARTED {
                command = command.arg(
                    clap::Arg::new("chart")
                        .long("chart")
                        .action(clap::ArgAction::SetTrue)
                        .help("Draw the closes as a line chart above the table"),
                );
            }
            sub = sub.subcommand(command);
        }
        root = root.subcommand(sub);
    }
    // Deriving the utilities would set the root's about to their enum's doc, so set it last.
    Utility::augment_subcommands(root).about(ABOUT)
}

/// The operation with a chart drawn on request (`market bars --chart`).
const CHARTED: &str = "get_bars";

/// One line on what the tool is.
pub const ABOUT: &str =
    "Backtest and trade on the NautilusTrader engine from the shell or as an MCP server";

/// Runs the CLI with the process arguments and returns the exit code.
#[must_use]
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // `--read-only` and `--toolsets` shape the tree itself, so they are read before parsing.
    let early = early_flags(&args);
    let exposure = match Exposure::new(early.read_only, early.toolsets.as_deref()) {
        Ok(e) => e,
        Err(err) => return report_error(&err, early.json),
    };
    let root = command_for(&exposure);
    let matches = match root.clone().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            if let Some(err) = hidden_operation(&exposure, &args) {
                return report_error(&err, early.json);
            }
            if early.json && e.use_stderr() {
                return report_error(&usage_error(&e, command_of(&root, &args)), true);
            }
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let global = GlobalArgs::from_arg_matches(&matches).unwrap_or_default();
    match run(&matches, &global, &exposure) {
        Ok(code) => code,
        Err(err) => report_error(&err, global.json_output()),
    }
}

/// The (sub)command the arguments name: where a refused argument is looked up first.
fn command_of<'c>(root: &'c Command, args: &[OsString]) -> &'c Command {
    let mut cmd = root;
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if let Some(sub) = cmd.find_subcommand(a.as_ref()) {
            cmd = sub;
        }
    }
    cmd
}

/// A command line clap refused, as a client error naming the argument by its MCP name.
fn usage_error(e: &clap::Error, root: &Command) -> OpError {
    use clap::error::{ContextKind, ContextValue};
    let field = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => Some(arg.clone()),
        Some(ContextValue::Strings(args)) => args.first().cloned(),
        _ => None,
    }
    .map(|arg| argument_id(root, &arg));
    let rendered = e.render().to_string();
    let message = rendered
        .lines()
        .take_while(|l| !l.starts_with("Usage:"))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.trim_start_matches("error: ").to_string();
    match field {
        Some(field) => OpError::new(Code::InvalidParameter, message)
            .with_details(serde_json::json!({ "field": field })),
        None => OpError::new(Code::InvalidParameter, message),
    }
}

/// The id (the request field) of the argument clap names as e.g. `--instrument <SYMBOL.VENUE>`.
fn argument_id(root: &Command, shown: &str) -> String {
    let flag = shown.split_whitespace().next().unwrap_or(shown);
    fn find(cmd: &Command, flag: &str) -> Option<String> {
        cmd.get_arguments()
            .find(|a| {
                a.get_long().is_some_and(|l| flag == format!("--{l}"))
                    || a.get_value_names()
                        .is_some_and(|v| v.iter().any(|n| flag == format!("<{n}>")))
            })
            .map(|a| a.get_id().to_string())
            .or_else(|| cmd.get_subcommands().find_map(|c| find(c, flag)))
    }
    find(root, flag).unwrap_or_else(|| flag.trim_start_matches('-').replace('-', "_"))
}

/// The flags that matter before the command line is parsed.
#[derive(Debug, Default)]
struct EarlyFlags {
    json: bool,
    read_only: bool,
    toolsets: Option<String>,
}

fn early_flags(args: &[OsString]) -> EarlyFlags {
    let mut out = EarlyFlags::default();
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        match a.as_ref() {
            "--" => break,
            "--json" | "-ojson" | "--output=json" => out.json = true,
            "-o" | "--output" => out.json |= it.next().is_some_and(|v| v == "json"),
            "--read-only" => out.read_only = true,
            "--toolsets" => out.toolsets = it.next().map(|v| v.into_owned()),
            other => {
                if let Some(v) = other.strip_prefix("--toolsets=") {
                    out.toolsets = Some(v.to_string());
                }
            }
        }
    }
    out
}

/// When the full tree accepts what the shaped one refused, says which flag removed it.
fn hidden_operation(exposure: &Exposure, args: &[OsString]) -> Option<OpError> {
    if *exposure == Exposure::all() {
        return None;
    }
    let matches = command().try_get_matches_from(args).ok()?;
    let (group, sub) = matches.subcommand()?;
    let (op, _) = sub.subcommand()?;
    let entry = registry()
        .iter()
        .find(|e| e.info.group.name() == group && e.info.cli_name == op)?;
    Some(OpError::new(
        Code::PermissionDenied,
        exposure.why_hidden(entry),
    ))
}

fn run(matches: &ArgMatches, global: &GlobalArgs, exposure: &Exposure) -> OpResult<ExitCode> {
    let (name, sub) = matches.subcommand().expect("subcommand_required");
    if Utility::has_subcommand(name) {
        let utility = Utility::from_arg_matches(matches)
            .map_err(|e| OpError::invalid("arguments", e.to_string()))?;
        return utility::run(utility, global, exposure);
    }
    let (op_name, op_matches) = sub.subcommand().expect("subcommand_required");
    let entry = registry()
        .iter()
        .find(|e| e.info.group.name() == name && e.info.cli_name == op_name)
        .expect("the clap tree is built from the registry");

    let settings = Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
    crate::logging::init(&settings, global.log_level.as_deref())?;
    let ctx = Arc::new(Context::open(settings)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| OpError::internal(format!("starting the async runtime: {e}")))?;
    let caller = Caller::new("cli", exposure.cap(Scope::Admin));
    let confirmer = confirm::Terminal { yes: global.yes };
    if let Some(every) = watch::interval(op_matches)? {
        runtime.block_on(watch::run(entry, ctx, op_matches, caller, global, every))?;
        return Ok(ExitCode::SUCCESS);
    }
    let doc = runtime.block_on(call_operation(entry, ctx, op_matches, caller, confirmer))?;
    let mut opts = global.render_options();
    opts.chart = op_matches.try_get_one::<bool>("chart").ok().flatten() == Some(&true);
    print_document(entry.info.tool_name, &doc, &opts);
    Ok(ExitCode::SUCCESS)
}

async fn call_operation(
    entry: &OpEntry,
    ctx: Arc<Context>,
    matches: &ArgMatches,
    caller: Caller,
    confirmer: confirm::Terminal,
) -> OpResult<Value> {
    let bar = progress::Bar::for_stderr(entry.info.tool_name);
    let mut call = Call::default()
        .with_caller(caller)
        .with_confirmer(Arc::new(confirmer));
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

/// Prints the answer of `tool` to stdout as the flags ask; a closed pipe (e.g. `| head`) is
/// not an error worth a panic.
fn print_document(tool: &str, doc: &Value, opts: &output::Options) {
    use std::io::Write;
    let text = output::render(tool, doc, opts);
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
