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

    let registry = tracing_subscriber::registry().with(filter);
    let result = match settings.file.logging.file.as_deref().and_then(open_log_file) {
        Some(file) => registry
            .with(
                fmt::layer()
                    .json()
                    .with_current_span(false)
                    .with_target(true)
                    .with_writer(Mutex::new(file)),
            )
            .try_init(),
        None => registry
            .with(
                fmt::layer()
                    .with_writer(std::io::stderr)
                    .with_target(true)
                    .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())),
            )
            .try_init(),
    };
    // A subscriber already installed (tests) is fine.
    drop(result);
}

fn open_log_file(path: &Path) -> Option<std::fs::File> {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match OpenOptions::new().create(true).append(true).open(path) {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("warning: cannot open log file {}: {e}; logging to stderr", path.display());
            None
        }
    }
}
