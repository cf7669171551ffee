//! The MCP face: serves the registry's operations as tools, market data and results as
//! resources, and a few prompts, over stdio with rmcp.

pub mod limits;
mod prompts;
pub mod resources;
mod server;
mod stdio;

pub use server::NautilusServer;
pub use stdio::serve_stdio;
