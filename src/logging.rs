//! Logging: `tracing` to stderr (human) or to a JSON file; never to stdout.

use std::{fs::OpenOptions, path::Path, sync::Mutex};

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::config::Settings;

/// Installs the global subscriber. The level comes from `--log-level`, then `RUST_LOG`,
/// then the config file, then `warn`.
pub fn init(settings: &Settings, cli_level: Option<&str>) {
    let filter = cli_level
        .map(EnvFilter::new)
        .or_else(|| {
            std::env::var("RUST_LOG")
                .ok()
                .filter(|v| !v.is_empty())
                .map(EnvFilter::new)
        })
        .or_else(|| settings.file.logging.level.as_deref().map(EnvFilter::new))
        .unwrap_or_else(|| EnvFilter::new("warn"));

    // rmcp's debug and trace lines print whole JSON-RPC messages, tool arguments included
    // (venue credentials among them): they never reach a log.
    let no_message_dumps = tracing_subscriber::filter::filter_fn(|meta| {
        !(meta.target().starts_with("rmcp") && *meta.level() > tracing::Level::INFO)
    });
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(no_message_dumps);
    // `set_global_default` rather than `try_init`: the latter would also claim the `log`
    // facade, which NautilusTrader's own logger must own.
    let result = match settings
        .file
        .logging
        .file
        .as_deref()
        .and_then(open_log_file)
    {
        Some(file) => tracing::subscriber::set_global_default(
            registry.with(
                fmt::layer()
                    .json()
                    .with_current_span(false)
                    .with_target(true)
                    .with_writer(Mutex::new(file)),
            ),
        ),
        None => tracing::subscriber::set_global_default(
            registry.with(
                fmt::layer()
                    .with_writer(std::io::stderr)
                    .with_target(true)
                    .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())),
            ),
        ),
    };
    // A subscriber already installed (tests) is fine.
    drop(result);
    configure_nautilus(settings);
}

fn open_log_file(path: &Path) -> Option<std::fs::File> {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match OpenOptions::new().create(true).append(true).open(path) {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!(
                "warning: cannot open log file {}: {e}; logging to stderr",
                path.display()
            );
            None
        }
    }
}

static NAUTILUS: std::sync::OnceLock<NautilusLogging> = std::sync::OnceLock::new();

/// How NautilusTrader's own logger is set up (it is process-global and starts with the first
/// engine): off by default, or to `nautilus-*.log` files in the state directory.
#[derive(Debug, Clone)]
struct NautilusLogging {
    level: log::LevelFilter,
    directory: std::path::PathBuf,
}

/// Records the Nautilus log level from the config (call once at start-up).
pub fn configure_nautilus(settings: &Settings) {
    let level = settings
        .file
        .logging
        .nautilus_level
        .as_deref()
        .and_then(|l| l.parse::<log::LevelFilter>().ok())
        .unwrap_or(log::LevelFilter::Off);
    let _ = NAUTILUS.set(NautilusLogging {
        level,
        directory: settings.state_dir.join("logs"),
    });
}

/// True when Nautilus logging is off (the default).
#[must_use]
pub fn nautilus_bypassed() -> bool {
    NAUTILUS
        .get()
        .is_none_or(|n| n.level == log::LevelFilter::Off)
}

/// The level of Nautilus's file log.
#[must_use]
pub fn nautilus_file_level() -> log::LevelFilter {
    NAUTILUS.get().map_or(log::LevelFilter::Off, |n| n.level)
}

/// Where Nautilus's file log goes.
#[must_use]
pub fn nautilus_file_config() -> Option<nautilus_common::logging::writer::FileWriterConfig> {
    let n = NAUTILUS
        .get()
        .filter(|n| n.level != log::LevelFilter::Off)?;
    let _ = std::fs::create_dir_all(&n.directory);
    Some(nautilus_common::logging::writer::FileWriterConfig {
        directory: Some(n.directory.display().to_string()),
        ..Default::default()
    })
}
