//! Versioned schema migrations, applied in order; `PRAGMA user_version` records the last.

use rusqlite::Connection;

use crate::error::{OpError, OpResult};

/// Each entry moves the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: instruments, the market data catalog, backtests.
    r"
    CREATE TABLE instruments (
        id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        kind TEXT NOT NULL,
        definition TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        instrument_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        spec TEXT NOT NULL,
        price_precision INTEGER NOT NULL,
        size_precision INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        source TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE series_chunks (
        series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (series_id, seq)
    );
    CREATE TABLE backtest_configs (
        name TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE backtest_runs (
        run_id TEXT PRIMARY KEY,
        config_name TEXT,
        strategy_id TEXT NOT NULL,
        parameters TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        summary TEXT,
        config TEXT,
        trades TEXT,
        equity TEXT,
        error TEXT
    );
    CREATE INDEX backtest_runs_created ON backtest_runs(created_at);
    ",
    // 2: the trading node: settings, venues, the journal of Nautilus events (the truth), and the
    // state derived from it in the same transactions.
    r"
    CREATE TABLE node (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        trader_id TEXT NOT NULL,
        config TEXT NOT NULL,
        trading_state TEXT NOT NULL,
        state_reason TEXT,
        market_ts INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE venues (
        name TEXT PRIMARY KEY,
        mode TEXT NOT NULL,
        settings TEXT NOT NULL,
        account_id TEXT NOT NULL,
        connected_at INTEGER NOT NULL
    );
    CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ts INTEGER NOT NULL,
        venue TEXT NOT NULL,
        kind TEXT NOT NULL,
        client_order_id TEXT,
        instrument_id TEXT,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX journal_order ON journal(client_order_id);
    CREATE INDEX journal_kind_created ON journal(kind, created_at);
    CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        instrument_id TEXT NOT NULL,
        strategy_id TEXT NOT NULL,
        status TEXT NOT NULL,
        is_closed INTEGER NOT NULL,
        side TEXT NOT NULL,
        order_type TEXT NOT NULL,
        created_ts INTEGER NOT NULL,
        updated_ts INTEGER NOT NULL,
        reason TEXT,
        body TEXT NOT NULL,
        last_seq INTEGER NOT NULL
    );
    CREATE INDEX orders_open ON orders(venue, is_closed);
    CREATE INDEX orders_created ON orders(created_ts);
    CREATE TABLE positions (
        position_id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        instrument_id TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        body TEXT NOT NULL,
        last_seq INTEGER NOT NULL
    );
    CREATE INDEX positions_open ON positions(venue, is_open);
    CREATE TABLE accounts (
        venue TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        state TEXT NOT NULL,
        commissions TEXT NOT NULL,
        last_seq INTEGER NOT NULL
    );
    CREATE TABLE market (
        instrument_id TEXT PRIMARY KEY,
        venue TEXT NOT NULL,
        quote TEXT,
        trade TEXT,
        ts INTEGER NOT NULL
    );
    CREATE TABLE strategies (
        instance_id TEXT PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        venue TEXT NOT NULL,
        instrument_id TEXT NOT NULL,
        bar_key TEXT NOT NULL,
        parameters TEXT NOT NULL,
        status TEXT NOT NULL,
        direction TEXT NOT NULL,
        attached_ts INTEGER NOT NULL,
        created_at INTEGER NOT NULL
    );
    ",
    // 3: the paper market's recent trades (pushed trade ticks), the newest few thousand per
    // instrument, for `get_trades`.
    r"
    CREATE TABLE market_trades (
        id INTEGER PRIMARY KEY,
        instrument_id TEXT NOT NULL,
        venue TEXT NOT NULL,
        ts INTEGER NOT NULL,
        price TEXT NOT NULL,
        size TEXT NOT NULL,
        aggressor TEXT NOT NULL,
        trade_id TEXT NOT NULL
    );
    CREATE INDEX market_trades_instrument ON market_trades(instrument_id, ts);
    ",
    // 4: the daily loss limit's running day: the value of the positions open when the UTC day
    // began (the baseline) and the realized PnL of cycles closed during it, per currency.
    r"
    CREATE TABLE IF NOT EXISTS daily_pnl (
        day INTEGER NOT NULL,
        currency TEXT NOT NULL,
        baseline TEXT NOT NULL,
        closed TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (day, currency)
    );
    ",
    // 5: the last depth snapshot of an instrument on an L2 paper venue.
    r"
    ALTER TABLE market ADD COLUMN depth TEXT;
    ",
    // 6: strategy definitions (research data): every version of each named definition with
    // its content hash; deleting one hides all its versions. A strategy attached to the node
    // keeps the definition (canonical JSON) it was attached with.
    r"
    CREATE TABLE strategy_definitions (
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        PRIMARY KEY (name, version)
    );
    ALTER TABLE strategies ADD COLUMN definition TEXT;
    ALTER TABLE strategies ADD COLUMN definition_version INTEGER;
    ALTER TABLE strategies ADD COLUMN last_bar_ts INTEGER;
    ",
    // 7: research studies (sweeps, walk-forwards, Monte Carlo) and the combinations of sweeps,
    // written as they are evaluated.
    r"
    CREATE TABLE studies (
        study_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        strategy_id TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        request TEXT NOT NULL,
        result TEXT
    );
    CREATE INDEX studies_created ON studies(created_at);
    CREATE TABLE sweep_combinations (
        study_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        parameters TEXT NOT NULL,
        result TEXT NOT NULL,
        run_id TEXT,
        PRIMARY KEY (study_id, idx)
    );
    ",
];

/// Brings the database to the newest schema.
pub fn migrate(conn: &mut Connection) -> OpResult<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: usize = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if version > MIGRATIONS.len() {
        return Err(OpError::state(format!(
            "the state database is at schema version {version}, newer than this build knows \
             ({}); upgrade nautilus-mcp",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        tx.execute_batch(sql)
            .map_err(|e| OpError::internal(format!("schema migration {}: {e}", i + 1)))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> usize {
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap() as usize
    }

    #[test]
    fn a_new_database_gets_every_migration_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), MIGRATIONS.len());
        // Running again changes nothing and does not fail on existing tables.
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), MIGRATIONS.len());
    }

    #[test]
    fn an_old_database_is_upgraded_keeping_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO instruments VALUES ('BTCUSDT.BINANCE', 'BINANCE', 'CurrencyPair', '{}', 'test', 1)",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), MIGRATIONS.len());
        let kept: String = conn
            .query_row("SELECT id FROM instruments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "BTCUSDT.BINANCE");
    }

    #[test]
    fn a_database_from_a_newer_build_is_refused_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        let newer = MIGRATIONS.len() + 1;
        conn.pragma_update(None, "user_version", newer as i64)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert_eq!(err.code, crate::error::Code::InvalidState);
        assert!(
            err.message.contains("upgrade nautilus-mcp"),
            "{}",
            err.message
        );
        assert_eq!(version(&conn), newer);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }
}
