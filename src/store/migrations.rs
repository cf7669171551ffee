//! Versioned schema migrations, applied in order; `PRAGMA user_version` records the last.

use rusqlite::Connection;

use crate::ops::error::{OpError, OpResult};

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
