//! Logging: `tracing` to stderr (human) or to a JSON file; never to stdout.

use std::{fs::OpenOptions, path::Path, sync::Mutex};

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::{
    config::{LOG_LEVELS, Settings},
    error::{OpError, OpResult},
};

/// Installs the global subscriber. The level comes from `--log-level`, then `RUST_LOG`,
/// then the config file, then `warn`. A level that is not one fails, naming where it came from.
pub fn init(settings: &Settings, cli_level: Option<&str>) -> OpResult<()> {
    let (spec, field) = if let Some(level) = cli_level {
        (level.to_owned(), "log_level")
    } else if let Some(env) = std::env::var("RUST_LOG").ok().filter(|v| !v.is_empty()) {
        (env, "RUST_LOG")
    } else if let Some(level) = settings.file.logging.level.clone() {
        (level, "config.logging.level")
    } else {
        ("warn".to_owned(), "log_level")
    };
    let filter = parse_filter(&spec).map_err(|problem| OpError::invalid(field, problem))?;

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
    Ok(())
}

/// A filter from a level (`debug`) or directives (`nautilus_mcp=debug,rmcp=info`). A bare word
/// must be a level: `EnvFilter` would take a typo for a target and log nothing.
fn parse_filter(spec: &str) -> Result<EnvFilter, String> {
    for directive in spec.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let bare = !directive.contains(['=', '[', ':']);
        if bare && !LOG_LEVELS.contains(&directive.to_ascii_lowercase().as_str()) {
            return Err(format!(
                "'{directive}' is not a level: use one of {} or target=level directives",
                LOG_LEVELS.join(", ")
            ));
        }
    }
    EnvFilter::try_new(without_payload_traces(spec)).map_err(|e| format!("'{spec}': {e}"))
}

/// Opens the log file to append, created readable by its owner only (it names orders,
/// accounts and callers).
fn open_log_file(path: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
    {
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

/// Targets whose verbose output carries request payloads, and the most they may log:
/// tungstenite traces every WebSocket frame (the user data stream's subscription carries the
/// API key and a signature); rmcp logs every request at debug (`connect_venue`'s arguments carry
/// credentials).
const PAYLOAD_LOGGERS: &[(&str, &str)] = &[
    ("tungstenite", "debug"),
    ("tokio_tungstenite", "debug"),
    ("rmcp", "info"),
];

/// The filter with those targets held at their ceiling whenever it asks for more anywhere.
#[must_use]
pub fn without_payload_traces(spec: &str) -> String {
    let lower = spec.to_ascii_lowercase();
    let asks = |ceiling: &str| match ceiling {
        "debug" => lower.contains("trace"),
        _ => lower.contains("trace") || lower.contains("debug"),
    };
    let clamps: Vec<&(&str, &str)> = PAYLOAD_LOGGERS.iter().filter(|(_, c)| asks(c)).collect();
    if clamps.is_empty() {
        return spec.to_string();
    }
    let kept: Vec<&str> = spec
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .filter(|d| {
            !clamps
                .iter()
                .any(|(t, _)| d.starts_with(&format!("{t}=")) || d.starts_with(&format!("{t}::")))
        })
        .collect();
    let mut out = kept.join(",");
    for (t, ceiling) in clamps {
        out.push_str(&format!(",{t}={ceiling}"));
    }
    out.trim_start_matches(',').to_string()
}

#[cfg(test)]
mod tests {
    use tracing::Level;
    use tracing_subscriber::{EnvFilter, prelude::*};

    use super::without_payload_traces;

    fn enabled(spec: &str, target: &str, level: Level) -> bool {
        let filter = EnvFilter::new(without_payload_traces(spec));
        let subscriber = tracing_subscriber::registry().with(filter);
        tracing::subscriber::with_default(subscriber, || match (target, level) {
            ("tungstenite", Level::TRACE) => {
                tracing::enabled!(target: "tungstenite::protocol", Level::TRACE)
            }
            ("rmcp", Level::DEBUG) => tracing::enabled!(target: "rmcp::service", Level::DEBUG),
            (_, Level::TRACE) => tracing::enabled!(target: "nautilus_mcp::ops", Level::TRACE),
            _ => tracing::enabled!(target: "nautilus_mcp::ops", Level::DEBUG),
        })
    }

    #[test]
    fn payloads_are_never_logged() {
        assert!(!enabled("trace", "tungstenite", Level::TRACE));
        assert!(!enabled("trace", "rmcp", Level::DEBUG));
        assert!(enabled("trace", "ours", Level::TRACE));
        assert!(!enabled("debug", "rmcp", Level::DEBUG));
        assert!(enabled("debug", "ours", Level::DEBUG));
        assert!(!enabled(
            "warn,tungstenite=trace",
            "tungstenite",
            Level::TRACE
        ));
        assert!(!enabled(
            "info,tokio_tungstenite::x=trace,tungstenite::protocol=trace",
            "tungstenite",
            Level::TRACE
        ));
        assert!(!enabled("warn,rmcp=debug", "rmcp", Level::DEBUG));
        assert_eq!(without_payload_traces("warn"), "warn");
    }
}
