//! Progress of a long call (a backtest, a sweep), reported from any thread to whichever face
//! listens: the CLI's progress bar or MCP progress notifications.

use std::sync::Arc;

/// One progress report.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressUpdate {
    pub done: u64,
    pub total: Option<u64>,
    pub message: Option<String>,
}

/// Receives progress reports; called from any thread.
pub type ProgressSink = Arc<dyn Fn(ProgressUpdate) + Send + Sync>;
