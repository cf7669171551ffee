//! Serving over stdio, with stdout reserved for JSON-RPC.

use std::{io::Write, os::fd::AsFd, sync::Arc};

use rmcp::ServiceExt;

use super::{server::NautilusServer, toolsets::DynamicToolsets};
use crate::{
    caller::{Caller, Scope},
    error::{OpError, OpResult},
    ops::{access::Exposure, context::Context},
};

/// Serves the registry on stdin/stdout until the client disconnects.
///
/// The protocol is written to a duplicate of the original stdout, and file descriptor 1 is
/// pointed at stderr: whatever else in the process prints (a library's `println!`, a stray
/// log line) lands on stderr and can never corrupt the JSON-RPC stream.
pub fn serve_stdio(
    ctx: Arc<Context>,
    exposure: Exposure,
    dynamic_toolsets: DynamicToolsets,
) -> OpResult<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| OpError::internal(format!("starting the async runtime: {e}")))?;
    runtime.block_on(async move {
        std::io::stdout()
            .flush()
            .map_err(|e| OpError::io("stdout", e))?;
        let (reader, unused_writer) = rmcp::transport::stdio_pipes();
        drop(unused_writer);
        let protocol_out = std::io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map_err(|e| OpError::io("duplicating stdout", e))?;
        // SAFETY: dup2 on the process's own standard descriptors; both are valid.
        let rc = unsafe { libc::dup2(libc::STDERR_FILENO, libc::STDOUT_FILENO) };
        if rc < 0 {
            return Err(OpError::io(
                "redirecting stdout",
                std::io::Error::last_os_error(),
            ));
        }
        let writer = tokio::fs::File::from_std(std::fs::File::from(protocol_out));
        // Whoever starts the process owns the state directory: the full scope, unless capped.
        let server = NautilusServer::new(ctx.clone(), exposure, Caller::new("stdio", Scope::Admin))
            .with_dynamic_toolsets(dynamic_toolsets);
        let running = server
            .serve((reader, writer))
            .await
            .map_err(|e| OpError::internal(format!("MCP initialization failed: {e}")))?;
        tracing::info!("MCP server running on stdio");
        let reason = running
            .waiting()
            .await
            .map_err(|e| OpError::internal(format!("MCP server task failed: {e}")))?;
        tracing::info!(?reason, "MCP server stopped");
        ctx.close().await
    })
}
