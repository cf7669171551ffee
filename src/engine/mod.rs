//! The embedded NautilusTrader engine: backtests and the built-in strategies.

pub mod backtest;
pub mod strategies;
