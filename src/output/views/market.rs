//! Market data: ticker, book, trades, bars, instruments; and the node's status.

use crate::output::{
    chart,
    format::Format,
    style::Role,
    view::{Column, TableView, View, num, text},
};

use super::{orders::BLOTTER, portfolio::POSITION_COLUMNS};

/// `market ticker`.
pub const TICKER: View = View {
    fields: &[
        text("instrument_id", "instrument", 0),
        num("last", "last", 0),
        num("last_size", "last size", 0),
        num("bid", "bid", 0).role(Role::Side),
        num("bid_size", "bid size", 0),
        num("ask", "ask", 0),
        num("ask_size", "ask size", 0),
        num("mid", "mid", 0),
        text("window", "window", 0),
        num("stats.change_pct", "change", 0)
            .fmt(Format::Pct)
            .role(Role::Signed),
        num("stats.high", "high", 0),
        num("stats.low", "low", 0),
        num("stats.volume", "volume", 0),
        text("market_time", "market time", 0),
    ],
    notes: &["notes"],
    ..View::EMPTY
};

/// A price level of the book, its size also drawn as a depth bar.
const LEVEL: &[Column] = &[
    num("price", "price", 0),
    num("size", "size", 0),
    num("orders", "orders", 2),
    text("size", "depth", 1).fmt(Format::Bar),
];

/// `market book`.
pub const BOOK: View = View {
    fields: &[
        text("instrument_id", "instrument", 0),
        num("best_bid", "best bid", 0),
        num("best_ask", "best ask", 0),
        num("spread", "spread", 0),
        num("spread_bps", "spread bps", 0),
        num("mid", "mid", 0),
        num("imbalance", "imbalance", 0).fmt(Format::Ratio),
        text("market_time", "market time", 0),
    ],
    tables: &[
        TableView {
            title: "Bids",
            rows: "bids",
            columns: LEVEL,
            spread: None,
        },
        TableView {
            title: "Asks",
            rows: "asks",
            columns: LEVEL,
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};

/// `market trades`.
pub const TRADES: View = View {
    tables: &[TableView {
        title: "",
        rows: "trades",
        columns: &[
            text("time", "time", 0).fmt(Format::Time),
            num("price", "price", 0),
            num("size", "size", 0),
            text("aggressor_side", "aggressor", 1).role(Role::Side),
            text("trade_id", "trade id", 2),
        ],
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

/// `market bars`.
pub const BARS: View = View {
    fields: &[
        text("instrument_id", "instrument", 0),
        text("bar_spec", "bars", 0),
        num("count", "count", 0),
        text("resampled_from", "resampled from", 0),
        text("csv", "written to", 0),
    ],
    tables: &[TableView {
        title: "",
        rows: "bars",
        columns: &[
            text("open_time", "open time", 0).fmt(Format::Time),
            num("open", "open", 1),
            num("high", "high", 1),
            num("low", "low", 1),
            num("close", "close", 0),
            num("volume", "volume", 2),
        ],
        spread: None,
    }],
    notes: &["notes"],
    picture: Some(chart::bar_closes),
    ..View::EMPTY
};

/// `market instruments`.
pub const INSTRUMENTS: View = View {
    tables: &[TableView {
        title: "",
        rows: "instruments",
        columns: &[
            text("instrument_id", "instrument", 0),
            text("type", "type", 1),
            text("base", "base", 2),
            text("quote", "quote", 2),
            num("price_increment", "tick", 0),
            num("size_increment", "lot", 0),
            num("min_quantity", "min qty", 3),
            num("min_notional", "min notional", 3),
            num("maker_fee", "maker", 4),
            num("taker_fee", "taker", 4),
        ],
        spread: None,
    }],
    notes: &["notes"],
    ..View::EMPTY
};

/// `node status`: the node in a few lines, then venues, open orders, positions, strategies.
pub const NODE_STATUS: View = View {
    fields: &[
        text("trader_id", "trader", 0),
        text("trading_state", "trading", 0).role(Role::Status),
        text("state_reason", "reason", 0).role(Role::Warn),
        text("market_time", "market time", 0),
        text("risk", "risk limits", 0).fmt(Format::Pairs),
    ],
    tables: &[
        TableView {
            title: "Venues",
            rows: "venues",
            columns: &[
                text("venue", "venue", 0),
                text("mode", "mode", 0),
                text("account_id", "account", 1),
                text("account_type", "type", 1),
                text("oms_type", "oms", 2),
                text("book_type", "book", 3),
            ],
            spread: None,
        },
        TableView {
            title: "Open orders",
            rows: "open_orders",
            columns: BLOTTER,
            spread: None,
        },
        TableView {
            title: "Positions",
            rows: "positions",
            columns: POSITION_COLUMNS,
            spread: None,
        },
        TableView {
            title: "Strategies",
            rows: "strategies",
            columns: &[],
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};
