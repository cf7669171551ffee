//! The MCP face: serves the registry's operations as tools, market data and results as
//! resources, and a few prompts, over stdio or streamable HTTP with rmcp.

mod confirm;
mod connections;
pub mod http;
pub mod limits;
mod market_watch;
mod prompts;
pub mod resources;
mod server;
mod stdio;
mod subscriptions;
pub mod toolsets;

pub use http::{HttpPlan, serve_http};
pub use server::{Inflight, NautilusServer, listed_tool, tool_of};
pub use stdio::serve_stdio;
