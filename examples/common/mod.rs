//! Helpers shared by the benchmark examples: peak memory and calling an operation in process.
#![allow(dead_code)]

use std::{path::Path, sync::Arc};

use nautilus_mcp::{
    config::Settings,
    ops::{call::Call, context::Context, registry::find_tool},
};
use serde_json::Value;

/// This process's peak resident set size, in MB.
pub fn peak_rss_mb() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// Calls the operation `tool` with `args` on the state directory `dir`; panics on failure.
pub fn call(dir: &Path, tool: &str, args: Value) -> Value {
    let ctx = Arc::new(Context::open(Settings::for_state_dir(dir.to_path_buf())).expect("state"));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let entry = find_tool(tool).expect("tool exists");
    rt.block_on(entry.call_json(ctx, args, Call::default()))
        .unwrap_or_else(|e| panic!("{tool} failed: {e:?}"))
}
