//! The embedded NautilusTrader engine: backtests, the trading node and the built-in strategies.

pub mod backtest;
pub mod node;
pub mod strategies;
