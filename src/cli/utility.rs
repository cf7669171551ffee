//! Commands that are not operations: the MCP server, completions, configuration.

use std::{process::ExitCode, sync::Arc};

use clap::{Subcommand, ValueEnum};
use clap_complete::Shell;

use super::GlobalArgs;
use crate::{
    config::Settings,
    ops::{
        context::Context,
        error::{OpError, OpResult},
    },
};

/// Utility commands.
#[derive(Debug, Clone, Subcommand)]
pub enum Utility {
    /// Serve every operation as MCP tools over stdio (stdout carries only JSON-RPC).
    Mcp(McpArgs),
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
#[derive(Debug, Clone, clap::Args)]
pub struct McpArgs {}

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
pub fn run(utility: Utility, global: &GlobalArgs) -> OpResult<ExitCode> {
    match utility {
        Utility::Completions { shell } => {
            print!("{}", completion_script(shell));
            Ok(ExitCode::SUCCESS)
        }
        Utility::Config(ConfigCommand::Show) => {
            let settings =
                Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
            let doc = crate::config::show::effective(&settings);
            super::print_document(&doc, global.json);
            Ok(ExitCode::SUCCESS)
        }
        Utility::Mcp(args) => {
            let settings =
                Settings::resolve(global.config.as_deref(), global.state_dir.as_deref())?;
            crate::logging::init(&settings, global.log_level.as_deref());
            let ctx = Arc::new(Context::open(settings)?);
            crate::mcp::serve_stdio(ctx, &args)?;
            Ok(ExitCode::SUCCESS)
        }
    }
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
