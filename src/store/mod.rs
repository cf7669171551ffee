//! The embedded SQLite store: everything that must outlive one process.

pub mod backtests;
pub mod catalog;
pub mod instruments;
mod migrations;
pub mod node;

use std::{
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard},
    time::Duration,
};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::ops::error::{OpError, OpResult};

/// How long a writer waits for another process's transaction before reporting `BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The state database of one state directory.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the state directory and database, and migrates it.
    pub fn open(state_dir: &Path) -> OpResult<Self> {
        std::fs::create_dir_all(state_dir)
            .map_err(|e| OpError::io(format!("state directory {}", state_dir.display()), e))?;
        let path = state_dir.join("state.db");
        let mut conn = open_connection(&path)?;
        migrations::migrate(&mut conn)?;
        Ok(Self {
            path,
            conn: Mutex::new(conn),
        })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The shared connection of this process.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A separate connection, for long work on another thread.
    pub fn new_connection(&self) -> OpResult<Connection> {
        open_connection(&self.path)
    }

    /// Runs `f` inside an immediate (write-locking) transaction on the shared connection.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> OpResult<T>,
    ) -> OpResult<T> {
        let mut conn = self.conn();
        write_tx(&mut conn, f)
    }
}

/// Runs `f` in an immediate transaction, committing on success.
pub fn write_tx<T>(
    conn: &mut Connection,
    f: impl FnOnce(&rusqlite::Transaction<'_>) -> OpResult<T>,
) -> OpResult<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Opens a connection with the store's settings (WAL, busy timeout, foreign keys).
pub fn open_connection(path: &Path) -> OpResult<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| OpError::io(format!("state database {}", path.display()), e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Milliseconds since the Unix epoch, for `created_at` columns.
#[must_use]
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
