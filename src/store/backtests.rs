//! Stored backtest configurations and runs.
