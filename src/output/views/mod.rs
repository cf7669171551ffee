//! Which view shows which operation's answer. Every operation has a designed view: a new
//! operation without one fails the test that walks the registry, so its answer gets designed.

mod backtest;
mod data;
mod market;
mod node;
mod orders;
mod portfolio;
mod research;
mod strategy;

use super::view::Design::{self, Designed, Structural};

/// Every operation (by MCP tool name) and how its answer is shown.
pub const DESIGNS: &[(&str, Design)] = &[
    // Orders
    ("submit_market_order", Designed(&orders::SUBMIT)),
    ("submit_limit_order", Designed(&orders::SUBMIT)),
    ("submit_stop_order", Designed(&orders::SUBMIT)),
    ("cancel_order", Designed(&orders::CHANGED)),
    ("modify_order", Designed(&orders::CHANGED)),
    ("cancel_all_orders", Designed(&orders::CANCEL_ALL)),
    ("get_order_status", Designed(&orders::STATUS)),
    ("list_orders", Designed(&orders::LIST)),
    ("preview_order", Designed(&orders::PREVIEW)),
    // Account and positions
    ("get_account_info", Designed(&portfolio::ACCOUNT)),
    ("get_positions", Designed(&portfolio::POSITIONS)),
    ("get_position_risk", Designed(&portfolio::RISK)),
    // Market data and the node
    ("get_ticker", Designed(&market::TICKER)),
    ("get_order_book", Designed(&market::BOOK)),
    ("get_trades", Designed(&market::TRADES)),
    ("get_bars", Designed(&market::BARS)),
    ("get_instruments", Designed(&market::INSTRUMENTS)),
    ("get_node_status", Designed(&market::NODE_STATUS)),
    // Backtests
    ("run_backtest", Designed(&backtest::RUN)),
    ("get_backtest_results", Designed(&backtest::RESULTS)),
    ("analyze_trades", Designed(&backtest::TRADES)),
    ("list_backtests", Designed(&backtest::LIST)),
    ("sweep_backtest", Designed(&backtest::SWEEP)),
    // Data
    ("import_data", Designed(&data::IMPORT)),
    ("list_data", Designed(&data::LIST)),
    ("generate_data", Designed(&data::GENERATE)),
    // The node
    ("initialize_trading_node", Designed(&market::NODE_STATUS)),
    ("connect_venue", Designed(&node::CONNECT)),
    ("advance_market", Designed(&node::ADVANCE)),
    ("verify_node_state", Designed(&node::VERIFY)),
    ("halt_trading", Designed(&node::TRADING_STATE)),
    ("resume_trading", Designed(&node::TRADING_STATE)),
    ("push_market_data", Designed(&node::PUSH)),
    ("configure_backtest", Designed(&backtest::CONFIG)),
    ("add_instruments", Designed(&backtest::CONFIG)),
    ("set_date_range", Designed(&backtest::CONFIG)),
    // Research
    ("walk_forward", Designed(&research::WALK_FORWARD)),
    ("monte_carlo", Designed(&research::MONTE_CARLO)),
    ("get_study", research::STUDY),
    // Strategies
    ("list_strategies", Designed(&strategy::LIST)),
    ("define_strategy", Designed(&strategy::DEFINE)),
    ("get_strategy", Designed(&strategy::SHOW)),
    ("delete_strategy", Designed(&strategy::DELETE)),
    ("validate_strategy", Designed(&strategy::VALIDATE)),
    ("configure_strategy", Designed(&strategy::CONFIGURE)),
    ("stop_strategy", Designed(&strategy::STOP)),
    ("step_strategies", Designed(&strategy::STEP)),
];

/// How the answer of `tool` is shown (structural for a tool not listed).
#[must_use]
pub fn design_of(tool: &str) -> Design {
    DESIGNS
        .iter()
        .find(|(name, _)| *name == tool)
        .map_or(Structural, |(_, d)| *d)
}

/// Whether `tool` has a designed view (one view, or one per kind of answer).
#[must_use]
pub fn is_designed(tool: &str) -> bool {
    DESIGNS
        .iter()
        .any(|(name, d)| *name == tool && !matches!(d, Structural))
}
