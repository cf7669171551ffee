//! Positions and accounts.

use crate::output::{
    format::Format,
    style::Role,
    view::{Column, TableView, View, num, text},
};

/// Balances per currency: total, locked, free.
pub const BALANCE_COLUMNS: &[Column] = &[
    text("currency", "ccy", 0),
    num("total", "total", 0),
    num("locked", "locked", 1),
    num("free", "free", 0),
];

/// Positions: instrument, side, quantity, entry, mark, unrealized and realized PnL.
pub const POSITION_COLUMNS: &[Column] = &[
    text("instrument_id", "instrument", 0),
    text("side", "side", 0).role(Role::Side),
    num("quantity", "qty", 0),
    num("avg_px_open", "entry", 1),
    num("mark_price", "mark", 2),
    num("unrealized_pnl", "unrealized", 0).role(Role::Signed),
    num("realized_pnl", "realized", 1).role(Role::Signed),
    text("currency", "ccy", 3),
    text("duration", "held", 4),
    text("position_id", "position id", 5),
];

/// `position list`.
pub const POSITIONS: View = View {
    tables: &[
        TableView {
            title: "",
            rows: "positions",
            columns: POSITION_COLUMNS,
            spread: None,
        },
        TableView {
            title: "Account",
            rows: "account",
            columns: &[
                text("currency", "ccy", 0),
                num("equity", "equity", 0),
                num("gross_notional", "gross", 1),
                num("net_notional", "net", 1),
                num("leverage", "leverage", 0).fmt(Format::Ratio),
                num("var_1d_95_undiversified", "VaR 1d 95%", 2),
            ],
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};

/// `account info`: the account in a few lines, balances as a table.
pub const ACCOUNT: View = View {
    fields: &[
        text("account_id", "account", 0),
        text("account_type", "type", 0),
        text("mode", "mode", 0),
        text("commission_paid", "commission paid", 0),
        num("open_positions", "open positions", 0),
        text("as_of", "as of", 0),
    ],
    tables: &[
        TableView {
            title: "Balances",
            rows: "balances",
            columns: BALANCE_COLUMNS,
            spread: None,
        },
        TableView {
            title: "Equity",
            rows: "equity",
            columns: &[
                text("currency", "ccy", 0),
                num("balance", "balance", 1),
                num("unrealized_pnl", "unrealized", 0).role(Role::Signed),
                num("realized_pnl", "realized", 1).role(Role::Signed),
                num("equity", "equity", 0),
            ],
            spread: None,
        },
        TableView {
            title: "Margins",
            rows: "margins",
            columns: &[],
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};

/// `position risk`.
pub const RISK: View = View {
    tables: &[
        TableView {
            title: "Positions",
            rows: "positions",
            columns: &[
                text("instrument_id", "instrument", 0),
                text("side", "side", 0).role(Role::Side),
                num("quantity", "qty", 0),
                num("notional", "notional", 0),
                num("share_of_equity_pct", "% equity", 1).fmt(Format::Pct),
                num("leverage", "leverage", 2).fmt(Format::Ratio),
                num("stop_price", "stop", 1),
                num("distance_to_stop_pct", "to stop", 2).fmt(Format::Pct),
                num("var_1d_95", "VaR 1d 95%", 1),
                num("liquidation_price", "liq price", 3),
                num("initial_margin", "init margin", 4),
                num("maintenance_margin", "maint margin", 5),
            ],
            spread: None,
        },
        TableView {
            title: "Account",
            rows: "account",
            columns: &[
                text("currency", "ccy", 0),
                num("equity", "equity", 0),
                num("gross_notional", "gross", 1),
                num("net_notional", "net", 1),
                num("leverage", "leverage", 0).fmt(Format::Ratio),
                num("var_1d_95_undiversified", "VaR 1d 95%", 2),
            ],
            spread: None,
        },
    ],
    notes: &["notes"],
    ..View::EMPTY
};
