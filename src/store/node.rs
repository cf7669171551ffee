//! The trading node's tables: settings, venues, the journal, and the state derived from it.
//!
//! Every write happens inside the caller's transaction, so a journal entry and the derived rows
//! it changes land together or not at all.

use rusqlite::{OptionalExtension, params};

use super::Db;
use crate::error::OpResult;

/// The node's settings row.
#[derive(Debug, Clone)]
pub struct NodeRow {
    pub trader_id: String,
    pub config: String,
    pub trading_state: String,
    pub state_reason: Option<String>,
    pub market_ts: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The node, if initialized.
pub fn node(conn: &Db) -> OpResult<Option<NodeRow>> {
    Ok(conn.sql()
        .query_row(
            "SELECT trader_id, config, trading_state, state_reason, market_ts, created_at, updated_at FROM node WHERE id = 1",
            [],
            |r| {
                Ok(NodeRow {
                    trader_id: r.get(0)?,
                    config: r.get(1)?,
                    trading_state: r.get(2)?,
                    state_reason: r.get(3)?,
                    market_ts: r.get(4)?,
                    created_at: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// Creates or replaces the node's settings (keeps its state).
pub fn save_node(conn: &Db, trader_id: &str, config: &str) -> OpResult<()> {
    let now = crate::store::now_ms();
    conn.sql().execute(
        "INSERT INTO node (id, trader_id, config, trading_state, created_at, updated_at) VALUES (1, ?1, ?2, 'ACTIVE', ?3, ?3) \
         ON CONFLICT(id) DO UPDATE SET trader_id = ?1, config = ?2, updated_at = ?3",
        params![trader_id, config, now],
    )?;
    Ok(())
}

/// Sets the trading state (ACTIVE, HALTED, REDUCING) with a reason.
pub fn set_trading_state(conn: &Db, state: &str, reason: Option<&str>) -> OpResult<()> {
    conn.sql().execute(
        "UPDATE node SET trading_state = ?1, state_reason = ?2, updated_at = ?3 WHERE id = 1",
        params![state, reason, crate::store::now_ms()],
    )?;
    Ok(())
}

/// Moves the paper market's clock.
pub fn set_market_ts(conn: &Db, ts: i64) -> OpResult<()> {
    conn.sql()
        .execute("UPDATE node SET market_ts = ?1 WHERE id = 1", [ts])?;
    Ok(())
}

/// A connected venue.
#[derive(Debug, Clone)]
pub struct VenueRow {
    pub name: String,
    pub mode: String,
    pub settings: String,
    pub account_id: String,
    pub connected_at: i64,
}

fn venue_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<VenueRow> {
    Ok(VenueRow {
        name: r.get(0)?,
        mode: r.get(1)?,
        settings: r.get(2)?,
        account_id: r.get(3)?,
        connected_at: r.get(4)?,
    })
}

/// All connected venues.
pub fn venues(conn: &Db) -> OpResult<Vec<VenueRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT name, mode, settings, account_id, connected_at FROM venues ORDER BY name",
    )?;
    let rows = stmt
        .query_map([], venue_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// One connected venue.
pub fn venue(conn: &Db, name: &str) -> OpResult<Option<VenueRow>> {
    Ok(conn
        .sql()
        .query_row(
            "SELECT name, mode, settings, account_id, connected_at FROM venues WHERE name = ?1",
            [name],
            venue_from_row,
        )
        .optional()?)
}

/// Records a venue connection.
pub fn save_venue(conn: &Db, v: &VenueRow) -> OpResult<()> {
    conn.sql().execute(
        "INSERT INTO venues (name, mode, settings, account_id, connected_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT(name) DO UPDATE SET mode = ?2, settings = ?3, account_id = ?4, connected_at = ?5",
        params![v.name, v.mode, v.settings, v.account_id, v.connected_at],
    )?;
    Ok(())
}

/// One journal entry to append.
#[derive(Debug, Clone)]
pub struct Entry {
    pub ts: i64,
    pub venue: String,
    /// `order`, `account`, `node`, `market`, `strategy`.
    pub kind: &'static str,
    pub client_order_id: Option<String>,
    pub instrument_id: Option<String>,
    pub payload: String,
}

/// Appends entries; returns the sequence number of the last.
pub fn append(conn: &Db, entries: &[Entry]) -> OpResult<i64> {
    let now = crate::store::now_ms();
    let mut stmt = conn.sql().prepare_cached(
        "INSERT INTO journal (ts, venue, kind, client_order_id, instrument_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut last = 0;
    for e in entries {
        stmt.execute(params![
            e.ts,
            e.venue,
            e.kind,
            e.client_order_id,
            e.instrument_id,
            e.payload,
            now
        ])?;
        last = conn.sql().last_insert_rowid();
    }
    Ok(last)
}

/// A journal row as stored.
#[derive(Debug, Clone)]
pub struct JournalRow {
    pub seq: i64,
    pub ts: i64,
    pub venue: String,
    pub kind: String,
    pub client_order_id: Option<String>,
    pub payload: String,
    pub created_at: i64,
}

fn journal_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<JournalRow> {
    Ok(JournalRow {
        seq: r.get(0)?,
        ts: r.get(1)?,
        venue: r.get(2)?,
        kind: r.get(3)?,
        client_order_id: r.get(4)?,
        payload: r.get(5)?,
        created_at: r.get(6)?,
    })
}

/// The journal entries of one order, oldest first.
pub fn order_journal(conn: &Db, client_order_id: &str) -> OpResult<Vec<JournalRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT seq, ts, venue, kind, client_order_id, payload, created_at FROM journal WHERE client_order_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([client_order_id], journal_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Every journal entry of a kind, oldest first.
pub fn journal_of_kind(conn: &Db, kind: &str) -> OpResult<Vec<JournalRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT seq, ts, venue, kind, client_order_id, payload, created_at FROM journal WHERE kind = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([kind], journal_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Calls `f` with every journal entry, oldest first, without holding them all in memory.
pub fn for_each_journal_entry(
    conn: &Db,
    mut f: impl FnMut(JournalRow) -> OpResult<()>,
) -> OpResult<()> {
    let mut stmt = conn.sql().prepare(
        "SELECT seq, ts, venue, kind, client_order_id, payload, created_at FROM journal ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(journal_from_row(r)?)?;
    }
    Ok(())
}

/// Number of order submissions journaled since `since_ms` (wall clock), for rate limits,
/// counted up to `at_most`.
pub fn submissions_since(conn: &Db, since_ms: i64, at_most: u32) -> OpResult<u32> {
    Ok(conn.sql().query_row(
        "SELECT COUNT(*) FROM (SELECT 1 FROM journal WHERE kind = 'order' AND created_at >= ?1 AND payload LIKE '{\"Submitted\"%' LIMIT ?2)",
        params![since_ms, at_most],
        |r| r.get(0),
    )?)
}

/// The newest journal sequence number.
pub fn last_seq(conn: &Db) -> OpResult<i64> {
    Ok(conn
        .sql()
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM journal", [], |r| {
            r.get(0)
        })?)
}

/// An order's derived row.
#[derive(Debug, Clone)]
pub struct OrderRow {
    pub client_order_id: String,
    pub venue: String,
    pub instrument_id: String,
    pub strategy_id: String,
    pub status: String,
    pub is_closed: bool,
    pub side: String,
    pub order_type: String,
    pub created_ts: i64,
    pub updated_ts: i64,
    pub reason: Option<String>,
    /// The order (Nautilus `OrderAny`) as JSON.
    pub body: String,
    pub last_seq: i64,
}

const ORDER_COLUMNS: &str = "client_order_id, venue, instrument_id, strategy_id, status, is_closed, side, order_type, \
                             created_ts, updated_ts, reason, body, last_seq";

fn order_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OrderRow> {
    Ok(OrderRow {
        client_order_id: r.get(0)?,
        venue: r.get(1)?,
        instrument_id: r.get(2)?,
        strategy_id: r.get(3)?,
        status: r.get(4)?,
        is_closed: r.get::<_, i64>(5)? != 0,
        side: r.get(6)?,
        order_type: r.get(7)?,
        created_ts: r.get(8)?,
        updated_ts: r.get(9)?,
        reason: r.get(10)?,
        body: r.get(11)?,
        last_seq: r.get(12)?,
    })
}

/// Inserts or replaces an order's derived row.
pub fn upsert_order(conn: &Db, o: &OrderRow) -> OpResult<()> {
    let mut stmt = conn.sql().prepare_cached(&format!(
        "INSERT OR REPLACE INTO orders ({ORDER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    ))?;
    stmt.execute(params![
        o.client_order_id,
        o.venue,
        o.instrument_id,
        o.strategy_id,
        o.status,
        i64::from(o.is_closed),
        o.side,
        o.order_type,
        o.created_ts,
        o.updated_ts,
        o.reason,
        o.body,
        o.last_seq
    ])?;
    Ok(())
}

/// One order.
pub fn order(conn: &Db, client_order_id: &str) -> OpResult<Option<OrderRow>> {
    Ok(conn
        .sql()
        .query_row(
            &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE client_order_id = ?1"),
            [client_order_id],
            order_from_row,
        )
        .optional()?)
}

/// Every order, oldest first.
pub fn all_orders(conn: &Db) -> OpResult<Vec<OrderRow>> {
    let mut stmt = conn.sql().prepare(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders ORDER BY created_ts, client_order_id"
    ))?;
    let rows = stmt
        .query_map([], order_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Orders of a venue that are not closed (open or in flight).
pub fn live_orders(conn: &Db, venue: &str) -> OpResult<Vec<OrderRow>> {
    let mut stmt = conn.sql().prepare_cached(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE venue = ?1 AND is_closed = 0 ORDER BY created_ts, client_order_id"
    ))?;
    let rows = stmt
        .query_map([venue], order_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Filters for listing orders.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub venue: Option<String>,
    pub instrument_id: Option<String>,
    pub strategy_id: Option<String>,
    /// Some(true): only open; Some(false): only closed.
    pub open: Option<bool>,
    pub side: Option<String>,
    pub limit: u32,
}

/// Orders matching the filter, newest first.
pub fn list_orders(conn: &Db, f: &OrderFilter) -> OpResult<Vec<OrderRow>> {
    let mut stmt = conn.sql().prepare_cached(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE (?1 IS NULL OR venue = ?1) AND (?2 IS NULL OR instrument_id = ?2) \
         AND (?3 IS NULL OR strategy_id = ?3) AND (?4 IS NULL OR is_closed = ?4) AND (?5 IS NULL OR side = ?5) \
         ORDER BY created_ts DESC, client_order_id DESC LIMIT ?6"
    ))?;
    let closed = f.open.map(|o| i64::from(!o));
    let rows = stmt
        .query_map(
            params![
                f.venue,
                f.instrument_id,
                f.strategy_id,
                closed,
                f.side,
                f.limit
            ],
            order_from_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Counts orders that are open (not closed) on a venue.
pub fn count_live_orders(conn: &Db, venue: &str) -> OpResult<u32> {
    Ok(conn.sql().query_row(
        "SELECT COUNT(*) FROM orders WHERE venue = ?1 AND is_closed = 0",
        [venue],
        |r| r.get(0),
    )?)
}

/// A position's derived row.
#[derive(Debug, Clone)]
pub struct PositionRow {
    pub position_id: String,
    pub venue: String,
    pub instrument_id: String,
    pub is_open: bool,
    /// The Nautilus `Position` as JSON.
    pub body: String,
    pub last_seq: i64,
}

fn position_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PositionRow> {
    Ok(PositionRow {
        position_id: r.get(0)?,
        venue: r.get(1)?,
        instrument_id: r.get(2)?,
        is_open: r.get::<_, i64>(3)? != 0,
        body: r.get(4)?,
        last_seq: r.get(5)?,
    })
}

/// Inserts or replaces a position's derived row.
pub fn upsert_position(conn: &Db, p: &PositionRow) -> OpResult<()> {
    conn.sql().prepare_cached(
        "INSERT OR REPLACE INTO positions (position_id, venue, instrument_id, is_open, body, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![p.position_id, p.venue, p.instrument_id, i64::from(p.is_open), p.body, p.last_seq])?;
    Ok(())
}

/// Removes a position's derived row.
pub fn delete_position(conn: &Db, position_id: &str) -> OpResult<()> {
    conn.sql()
        .prepare_cached("DELETE FROM positions WHERE position_id = ?1")?
        .execute([position_id])?;
    Ok(())
}

/// Positions of a venue (all, or only open ones).
pub fn positions(conn: &Db, venue: Option<&str>, open_only: bool) -> OpResult<Vec<PositionRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT position_id, venue, instrument_id, is_open, body, last_seq FROM positions \
         WHERE (?1 IS NULL OR venue = ?1) AND (?2 = 0 OR is_open = 1) ORDER BY instrument_id, position_id",
    )?;
    let rows = stmt
        .query_map(params![venue, i64::from(open_only)], position_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A venue account's derived row.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub venue: String,
    pub account_id: String,
    /// The latest Nautilus `AccountState` as JSON.
    pub state: String,
    /// Commissions paid per currency, JSON object of decimal strings.
    pub commissions: String,
    pub last_seq: i64,
}

/// Inserts or replaces an account's derived row.
pub fn upsert_account(conn: &Db, a: &AccountRow) -> OpResult<()> {
    conn.sql().prepare_cached(
        "INSERT OR REPLACE INTO accounts (venue, account_id, state, commissions, last_seq) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![a.venue, a.account_id, a.state, a.commissions, a.last_seq])?;
    Ok(())
}

/// A venue's account.
pub fn account(conn: &Db, venue: &str) -> OpResult<Option<AccountRow>> {
    Ok(conn
        .sql()
        .query_row(
            "SELECT venue, account_id, state, commissions, last_seq FROM accounts WHERE venue = ?1",
            [venue],
            |r| {
                Ok(AccountRow {
                    venue: r.get(0)?,
                    account_id: r.get(1)?,
                    state: r.get(2)?,
                    commissions: r.get(3)?,
                    last_seq: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// The last market data seen for an instrument.
#[derive(Debug, Clone)]
pub struct MarketRow {
    pub instrument_id: String,
    pub venue: String,
    /// Nautilus `QuoteTick` JSON.
    pub quote: Option<String>,
    /// Nautilus `TradeTick` JSON.
    pub trade: Option<String>,
    /// The last depth snapshot (an L2 venue's), JSON.
    pub depth: Option<String>,
    pub ts: i64,
}

/// Records the last market data of an instrument.
pub fn upsert_market(conn: &Db, m: &MarketRow) -> OpResult<()> {
    conn.sql().prepare_cached("INSERT OR REPLACE INTO market (instrument_id, venue, quote, trade, ts, depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![m.instrument_id, m.venue, m.quote, m.trade, m.ts, m.depth])?;
    Ok(())
}

/// Forgets the depth snapshots of a venue's instruments (it was reconnected with an L1 book).
pub fn clear_depth(conn: &Db, venue: &str) -> OpResult<()> {
    conn.sql().execute(
        "UPDATE market SET depth = NULL WHERE venue = ?1 AND depth IS NOT NULL",
        [venue],
    )?;
    Ok(())
}

fn market_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MarketRow> {
    Ok(MarketRow {
        instrument_id: r.get(0)?,
        venue: r.get(1)?,
        quote: r.get(2)?,
        trade: r.get(3)?,
        ts: r.get(4)?,
        depth: r.get(5)?,
    })
}

/// The last market data of every instrument of a venue (or all venues).
pub fn market(conn: &Db, venue: Option<&str>) -> OpResult<Vec<MarketRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT instrument_id, venue, quote, trade, ts, depth FROM market WHERE (?1 IS NULL OR venue = ?1) ORDER BY instrument_id",
    )?;
    let rows = stmt
        .query_map(params![venue], market_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The last market data of one instrument.
pub fn market_of(conn: &Db, instrument_id: &str) -> OpResult<Option<MarketRow>> {
    Ok(conn.sql()
        .prepare_cached(
            "SELECT instrument_id, venue, quote, trade, ts, depth FROM market WHERE instrument_id = ?1",
        )?
        .query_row([instrument_id], market_row)
        .optional()?)
}

/// Trades kept per instrument in `market_trades`; older ones are dropped as new ones arrive.
pub const MARKET_TRADES_KEPT: i64 = 10_000;

/// A trade of the paper market as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketTradeRow {
    pub ts: i64,
    /// Decimal text at the instrument's precision.
    pub price: String,
    pub size: String,
    /// BUYER, SELLER or NO_AGGRESSOR.
    pub aggressor: String,
    pub trade_id: String,
}

/// Records a trade of the paper market, keeping the newest [`MARKET_TRADES_KEPT`] of its
/// instrument.
pub fn record_market_trade(conn: &Db, t: &nautilus_model::data::TradeTick) -> OpResult<()> {
    let id = t.instrument_id.to_string();
    conn.sql().prepare_cached(
        "INSERT INTO market_trades (instrument_id, venue, ts, price, size, aggressor, trade_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        t.instrument_id.venue.to_string(),
        t.ts_event.as_u64() as i64,
        t.price.to_string(),
        t.size.to_string(),
        t.aggressor_side.to_string(),
        t.trade_id.to_string()
    ])?;
    conn.sql().prepare_cached(
        "DELETE FROM market_trades WHERE instrument_id = ?1 AND id < (SELECT id FROM market_trades \
         WHERE instrument_id = ?1 ORDER BY ts DESC, id DESC LIMIT 1 OFFSET ?2)",
    )?
    .execute(params![id, MARKET_TRADES_KEPT - 1])?;
    Ok(())
}

/// The newest `limit` trades of an instrument with `start <= ts <= end`, newest first.
pub fn market_trades(
    conn: &Db,
    instrument_id: &str,
    start: i64,
    end: i64,
    limit: i64,
) -> OpResult<Vec<MarketTradeRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT ts, price, size, aggressor, trade_id FROM market_trades \
         WHERE instrument_id = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts DESC, id DESC LIMIT ?4",
    )?;
    let rows = stmt
        .query_map(params![instrument_id, start, end, limit], |r| {
            Ok(MarketTradeRow {
                ts: r.get(0)?,
                price: r.get(1)?,
                size: r.get(2)?,
                aggressor: r.get(3)?,
                trade_id: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Whether the paper market holds any trade of an instrument.
pub fn has_market_trades(conn: &Db, instrument_id: &str) -> OpResult<bool> {
    Ok(conn
        .sql()
        .prepare_cached("SELECT 1 FROM market_trades WHERE instrument_id = ?1 LIMIT 1")?
        .query_row([instrument_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A strategy attached to the node.
#[derive(Debug, Clone)]
pub struct StrategyRow {
    pub instance_id: String,
    pub strategy_id: String,
    pub venue: String,
    pub instrument_id: String,
    pub bar_key: String,
    pub parameters: String,
    pub status: String,
    pub direction: String,
    pub attached_ts: i64,
    pub created_at: i64,
    /// A stored definition's canonical JSON, as attached (built-ins: none).
    pub definition: Option<String>,
    /// That definition's version.
    pub definition_version: Option<i64>,
    /// The close time of the last bar it traded on.
    pub last_bar_ts: Option<i64>,
}

fn strategy_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StrategyRow> {
    Ok(StrategyRow {
        instance_id: r.get(0)?,
        strategy_id: r.get(1)?,
        venue: r.get(2)?,
        instrument_id: r.get(3)?,
        bar_key: r.get(4)?,
        parameters: r.get(5)?,
        status: r.get(6)?,
        direction: r.get(7)?,
        attached_ts: r.get(8)?,
        created_at: r.get(9)?,
        definition: r.get(10)?,
        definition_version: r.get(11)?,
        last_bar_ts: r.get(12)?,
    })
}

/// Inserts or replaces an attached strategy.
pub fn upsert_strategy(conn: &Db, s: &StrategyRow) -> OpResult<()> {
    conn.sql().prepare_cached(
        "INSERT OR REPLACE INTO strategies (instance_id, strategy_id, venue, instrument_id, bar_key, parameters, status, direction, attached_ts, created_at, definition, definition_version, last_bar_ts) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![s.instance_id, s.strategy_id, s.venue, s.instrument_id, s.bar_key, s.parameters, s.status, s.direction, s.attached_ts, s.created_at, s.definition, s.definition_version, s.last_bar_ts])?;
    Ok(())
}

/// Attached strategies (all, or only running ones).
pub fn strategies(conn: &Db, running_only: bool) -> OpResult<Vec<StrategyRow>> {
    let mut stmt = conn.sql().prepare_cached(
        "SELECT instance_id, strategy_id, venue, instrument_id, bar_key, parameters, status, direction, attached_ts, created_at, definition, definition_version, last_bar_ts \
         FROM strategies WHERE (?1 = 0 OR status = 'RUNNING') ORDER BY created_at, instance_id",
    )?;
    let rows = stmt
        .query_map([i64::from(running_only)], strategy_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// One currency's row of the daily loss guard: the day's baseline and closed PnL, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyPnlRow {
    pub currency: String,
    pub baseline: String,
    pub closed: String,
}

/// The day the daily loss guard wrote last, if any.
pub fn latest_pnl_day(conn: &Db) -> OpResult<Option<i64>> {
    Ok(conn
        .sql()
        .query_row(
            "SELECT day FROM daily_pnl ORDER BY updated_at DESC, rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The daily loss guard's rows of a day.
pub fn daily_pnl(conn: &Db, day: i64) -> OpResult<Vec<DailyPnlRow>> {
    let mut stmt = conn
        .sql()
        .prepare_cached("SELECT currency, baseline, closed FROM daily_pnl WHERE day = ?1")?;
    let rows = stmt
        .query_map([day], |r| {
            Ok(DailyPnlRow {
                currency: r.get(0)?,
                baseline: r.get(1)?,
                closed: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Writes (or replaces) the daily loss guard's rows of a day.
pub fn save_daily_pnl(conn: &Db, day: i64, rows: &[DailyPnlRow]) -> OpResult<()> {
    let mut stmt = conn.sql().prepare_cached(
        "INSERT OR REPLACE INTO daily_pnl (day, currency, baseline, closed, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for row in rows {
        stmt.execute(params![
            day,
            row.currency,
            row.baseline,
            row.closed,
            super::now_ms()
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_submissions_are_counted_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path()).unwrap();
        let conn = store.conn();
        let entry = |payload: &str| Entry {
            ts: 0,
            venue: "BINANCE".into(),
            kind: "order",
            client_order_id: Some("O-1".into()),
            instrument_id: Some("BTCUSDT.BINANCE".into()),
            payload: payload.into(),
        };
        let mut entries = vec![entry(r#"{"Initialized":{}}"#)];
        entries.extend((0..5).map(|_| entry(r#"{"Submitted":{}}"#)));
        append(&conn, &entries).unwrap();
        let since = crate::store::now_ms() - 1000;
        assert_eq!(submissions_since(&conn, since, 100).unwrap(), 5);
        assert_eq!(submissions_since(&conn, since, 3).unwrap(), 3);
        assert_eq!(
            submissions_since(&conn, crate::store::now_ms() + 1000, 100).unwrap(),
            0
        );
    }
}
