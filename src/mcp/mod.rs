//! The MCP face: serves the registry over stdio or streamable HTTP with rmcp.

pub mod http;
mod server;
mod stdio;

pub use http::{HttpPlan, serve_http};
pub use server::{Inflight, NautilusServer, tool_of};
pub use stdio::serve_stdio;
