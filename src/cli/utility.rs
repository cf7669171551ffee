//! Commands that are not operations: the MCP server, completions, configuration.

use std::{process::ExitCode, sync::Arc};

use clap::{Subcommand, ValueEnum};
use clap_complete::Shell;

use super::GlobalArgs;
use crate::{
    caller::Scope,
    config::{Settings, tokens},
    error::{Code, OpError, OpResult},
    mcp::toolsets::DynamicToolsets,
    ops::{access::Exposure, context::Context, registry::find_tool, registry::registry},
};

/// Utility commands.
#[derive(Debug, Clone, Subcommand)]
pub enum Utility {
    /// Serve every operation as MCP tools: over stdio (stdout carries only JSON-RPC), or over
    /// streamable HTTP with `--http`.
    Mcp(McpArgs),
    /// Bearer tokens for `mcp --http`: create (shown once, stored as a hash), list, revoke.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Print a shell completion script.
    Completions {
        /// bash, zsh or fish.
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Show the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// Options of `mcp`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct McpArgs {
    /// Serve MCP streamable HTTP at http://ADDR/mcp instead of stdio. ADDR is HOST:PORT, HOST
    /// or :PORT (default: the config's server.bind and server.port, else 127.0.0.1:8765).
    /// Binding beyond loopback needs tokens (`token create`).
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "")]
    pub http: Option<String>,
    /// Print what the tool list leaves out of one tool as JSON, then exit: its full
    /// description and its input and output schemas with every field's description (as the
    /// nautilus://tools/{name} resource gives them).
    #[arg(long, value_name = "TOOL", conflicts_with = "http")]
    pub describe: Option<String>,
    /// Start each session with a small tool list, the read tools of the strategy, market,
    /// backtest and data toolsets plus list_toolsets and enable_toolset, and add toolsets on
    /// demand: always, never, or auto (when the client says it follows tool list changes). A
    /// bare --dynamic-toolsets means always.
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        num_args = 0..=1,
        default_value = "auto",
        default_missing_value = "always"
    )]
    pub dynamic_toolsets: DynamicToolsets,
}

/// `token` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum TokenCommand {
    /// Create a bearer token; it is printed once and only its SHA-256 is stored.
    Create {
        /// read (data, backtests, account views), trade (plus orders and halting) or admin
        /// (plus node and venue setup, resuming after a halt).
        #[arg(long)]
        scope: String,
        /// A name for people and the journal (default: the token's id).
        #[arg(long)]
        name: Option<String>,
    },
    /// List tokens: id, name, scope, creation time (never the tokens themselves).
    List,
    /// Revoke a token by id or name; a running server refuses it at once.
    Revoke {
        /// The token's id or name.
        #[arg(value_name = "ID|NAME")]
        token: String,
    },
}

/// Shells with completion scripts.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// `config` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration with secrets redacted.
    Show,
}

/// Runs a utility command.
pub fn run(utility: Utility, global: &GlobalArgs, exposure: &Exposure) -> OpResult<ExitCode> {
    match utility {
        Utility::Completions { shell } => {
            print!("{}", completion_script(shell));
            Ok(ExitCode::SUCCESS)
        }
        Utility::Config(ConfigCommand::Show) => {
            let settings =
                Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
            let doc = crate::config::show::effective(&settings);
            super::print_document("", &doc, &global.render_options());
            Ok(ExitCode::SUCCESS)
        }
        Utility::Mcp(McpArgs {
            describe: Some(tool),
            ..
        }) => {
            let entry = find_tool(tool.trim())
                .filter(|e| exposure.exposes(e))
                .ok_or_else(|| unknown_tool(&tool, exposure))?;
            let json = GlobalArgs {
                json: true,
                ..global.clone()
            };
            super::print_document("", &entry.describe(), &json.render_options());
            Ok(ExitCode::SUCCESS)
        }
        Utility::Mcp(args) => {
            let settings =
                Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
            crate::logging::init(&settings, global.log_level.as_deref())?;
            match &args.http {
                Some(addr) => {
                    // Settle the address and the authentication before opening anything.
                    let mut plan = crate::mcp::HttpPlan::new(&settings, addr)?;
                    plan.dynamic_toolsets = args.dynamic_toolsets;
                    let ctx = Arc::new(Context::open(settings)?);
                    crate::mcp::serve_http(ctx, plan, exposure.clone())?;
                }
                None => {
                    let ctx = Arc::new(Context::open(settings)?);
                    crate::mcp::serve_stdio(ctx, exposure.clone(), args.dynamic_toolsets)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Utility::Token(cmd) => {
            let settings =
                Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
            let doc = token_command(&settings, cmd, exposure)?;
            super::print_document("", &doc, &global.render_options());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A client error naming the tools this process offers.
fn unknown_tool(name: &str, exposure: &Exposure) -> OpError {
    let offered: Vec<&str> = registry()
        .iter()
        .filter(|e| exposure.exposes(e))
        .map(|e| e.info.tool_name)
        .collect();
    let problem = match find_tool(name.trim()) {
        Some(entry) => exposure.why_hidden(entry),
        None => format!("'{name}' is not a tool"),
    };
    OpError::new(
        Code::NotFound,
        format!("{problem}; tools: {}", offered.join(", ")),
    )
    .with_details(serde_json::json!({ "field": "describe" }))
}

fn token_command(
    settings: &Settings,
    cmd: TokenCommand,
    exposure: &Exposure,
) -> OpResult<serde_json::Value> {
    let record = |r: &tokens::TokenRecord| {
        serde_json::json!({
            "id": r.id, "name": r.name, "scope": r.scope, "created": r.created,
        })
    };
    if exposure.read_only && !matches!(cmd, TokenCommand::List) {
        return Err(OpError::new(
            Code::PermissionDenied,
            "managing tokens is administration, which --read-only removes",
        ));
    }
    Ok(match cmd {
        TokenCommand::Create { scope, name } => {
            let scope: Scope = scope.parse()?;
            let t = tokens::create(settings, scope, name.as_deref())?;
            serde_json::json!({
                "token": t.token,
                "id": t.record.id,
                "name": t.record.name,
                "scope": t.record.scope,
                "file": t.file.display().to_string(),
                "note": "shown once: only its SHA-256 is stored; send it as `Authorization: Bearer <token>`",
            })
        }
        TokenCommand::List => {
            let list = tokens::list(settings)?;
            serde_json::json!({
                "file": tokens::token_file(settings).display().to_string(),
                "tokens": list.iter().map(record).collect::<Vec<_>>(),
            })
        }
        TokenCommand::Revoke { token } => {
            let r = tokens::revoke(settings, &token)?;
            serde_json::json!({ "revoked": record(&r) })
        }
    })
}

/// The completion script for a shell, as generated from the clap tree.
#[must_use]
pub fn completion_script(shell: CompletionShell) -> String {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "nautilus-mcp", &mut buf);
    String::from_utf8(buf)
        .map_err(OpError::internal)
        .unwrap_or_default()
}
