//! nautilus-mcp: backtesting and trading on the NautilusTrader engine, from the shell and as an
//! MCP server, through one shared command layer.
//!
//! Layers, top to bottom: [`cli`] and [`mcp`] (faces) → [`ops`] (the registry of operations) →
//! [`engine`], [`store`], [`data`].

pub mod cli;
pub mod config;
pub mod data;
pub mod engine;
pub mod logging;
pub mod mcp;
pub mod ops;
pub mod output;
pub mod store;
