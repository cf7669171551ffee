//! The MCP face: serves the registry over stdio with rmcp.

mod server;
mod stdio;

pub use server::NautilusServer;
pub use stdio::serve_stdio;
