//! Which view shows which operation's answer. Every operation is listed: a new operation
//! without an entry fails the test that walks the registry, so its answer gets a decision.

mod backtest;
mod data;
mod market;
mod node;
mod orders;
mod portfolio;

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
    // Small or free-form answers: fields as a list, lists as fitted tables, nested objects as
    // key=value (never JSON in a cell).
    ("configure_strategy", Structural),
    ("stop_strategy", Structural),
    ("list_strategies", Structural),
    ("configure_backtest", Structural),
    ("add_instruments", Structural),
    ("set_date_range", Structural),
];

/// How the answer of `tool` is shown (structural for a tool not listed).
#[must_use]
pub fn design_of(tool: &str) -> Design {
    DESIGNS
        .iter()
        .find(|(name, _)| *name == tool)
        .map_or(Structural, |(_, d)| *d)
}

/// Whether `tool` has an entry (designed or chosen structural).
#[must_use]
pub fn is_listed(tool: &str) -> bool {
    DESIGNS.iter().any(|(name, _)| *name == tool)
}
