//! The embedded NautilusTrader engine: backtests, the trading node, real venues and the built-in
//! strategies.

pub mod backtest;
pub mod fast;
pub mod node;
pub mod strategies;
pub mod venues;
