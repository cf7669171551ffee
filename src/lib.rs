//! nautilus-mcp: backtesting and trading on the NautilusTrader engine, from the shell and as an
//! MCP server, through one shared command layer.
//!
//! Layers, top to bottom: [`cli`] and [`mcp`] (faces) → [`ops`] (the registry of operations) →
//! [`engine`], [`store`], [`data`], [`config`], [`output`] → the bottom every layer shares:
//! [`error`], [`values`], [`schema`], [`caller`], [`progress`]. A lower layer never names a
//! higher one, and the faces reach the engine and the store only through [`ops`]
//! (`tests/layers.rs` holds this).

pub mod caller;
pub mod cli;
pub mod config;
pub mod data;
pub mod engine;
pub mod error;
pub mod logging;
pub mod mcp;
pub mod ops;
pub mod output;
pub mod progress;
pub mod schema;
pub mod store;
pub mod values;
