//! The embedded SQLite store: everything that must outlive one process. SQL lives here and
//! nowhere else: other modules hold a [`Db`] (a connection they cannot query) and call the
//! store's named functions with it.
//!
//! - [`node`]: the trading node's journal and the rows derived from it (orders, positions,
//!   accounts, market data, venues, strategies, the daily loss guard) and the session's
//!   transaction.
//! - Research state, each a set of plain functions over a [`Db`] that a `ResearchStore` trait
//!   (issue 15, PostgreSQL) can take over one for one: [`catalog`] (series and their chunks),
//!   [`instruments`] (definitions), [`backtests`] (configurations, runs and their parts).

pub mod backtests;
pub mod catalog;
pub mod definitions;
pub mod instruments;
mod migrations;
pub mod node;
pub mod studies;

use std::{
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard},
    time::Duration,
};

use ref_cast::{RefCastCustom, ref_cast_custom};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Code, OpError, OpResult};

/// A connection to the state database (or a transaction on one), as the rest of the program
/// holds it: it can be passed to the store's functions, and nothing else can be done with it.
#[derive(RefCastCustom)]
#[repr(transparent)]
pub struct Db(Connection);

impl Db {
    /// Views a connection (or, through `Deref`, a transaction) as a [`Db`].
    #[ref_cast_custom]
    fn view(conn: &Connection) -> &Self;

    /// The connection, for the store's own queries.
    fn sql(&self) -> &Connection {
        &self.0
    }
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Db")
    }
}

/// How long a writer waits for another process's transaction before reporting `BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The state database of one state directory.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Mutex<Db>,
    /// Idle connections for [`Store::snapshot`].
    readers: Mutex<Vec<Connection>>,
}

/// Idle read connections kept open.
const MAX_IDLE_READERS: usize = 8;

/// A consistent view of the store: a connection inside a read transaction, so that a reader
/// running several queries never sees half of another process's (or the node thread's)
/// transaction. Ends the transaction and returns the connection when dropped.
pub struct Snapshot<'s> {
    store: &'s Store,
    conn: Option<Connection>,
}

impl std::ops::Deref for Snapshot<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        Db::view(self.conn.as_ref().expect("held until drop"))
    }
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && conn.execute_batch("COMMIT").is_ok()
        {
            let mut idle = self
                .store
                .readers
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(conn);
            }
        }
    }
}

impl Store {
    /// Opens (creating if needed) the state directory and database, and migrates it.
    pub fn open(state_dir: &Path) -> OpResult<Self> {
        std::fs::create_dir_all(state_dir)
            .map_err(|e| OpError::io(format!("state directory {}", state_dir.display()), e))?;
        let path = state_dir.join("state.db");
        let mut conn = open_connection(&path)?;
        migrations::migrate(&mut conn.0)?;
        Ok(Self {
            path,
            conn: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// A consistent read-only view on a connection of its own (readers run in parallel with
    /// each other and with writers, as WAL allows).
    pub fn snapshot(&self) -> OpResult<Snapshot<'_>> {
        let idle = self
            .readers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(c) => c,
            None => open_connection(&self.path)?.0,
        };
        // The snapshot starts with the first read, which follows at once.
        conn.execute_batch("BEGIN DEFERRED")?;
        Ok(Snapshot {
            store: self,
            conn: Some(conn),
        })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The shared connection of this process.
    pub fn conn(&self) -> MutexGuard<'_, Db> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A separate connection, for long work on another thread.
    pub fn new_connection(&self) -> OpResult<Db> {
        open_connection(&self.path)
    }

    /// Runs `f` inside an immediate (write-locking) transaction on the shared connection.
    pub fn write<T>(&self, f: impl FnOnce(&Db) -> OpResult<T>) -> OpResult<T> {
        let mut conn = self.conn();
        write_tx(&mut conn, f)
    }
}

/// Runs `f` in an immediate transaction, committing on success.
pub fn write_tx<T>(db: &mut Db, f: impl FnOnce(&Db) -> OpResult<T>) -> OpResult<T> {
    let tx =
        db.0.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(Db::view(&tx))?;
    tx.commit()?;
    Ok(out)
}

/// Opens a connection with the store's settings (WAL, busy timeout, foreign keys).
pub fn open_connection(path: &Path) -> OpResult<Db> {
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
    Ok(Db(conn))
}

/// Opens the database read-only, for a long read on a thread of its own (a backtest streaming
/// the catalog); `context` says what for, in the error.
pub fn open_read_only(path: &Path, context: &str) -> OpResult<Db> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| OpError::io(context, e))?;
    Ok(Db(conn))
}

/// Copies the write-ahead log into the database file and truncates it (a clean shutdown).
pub fn checkpoint(db: &Db) -> OpResult<()> {
    let busy: i64 = db
        .sql()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        // Another process is reading; its own checkpoint will finish the job.
        tracing::debug!("checkpoint partly blocked by another reader");
    }
    Ok(())
}

/// Milliseconds since the Unix epoch, for `created_at` columns.
#[must_use]
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Whether the database answers a query (a health check).
#[must_use]
pub fn answers(db: &Db) -> bool {
    db.sql()
        .query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
        .is_ok()
}

/// A number that changes whenever another connection commits (`PRAGMA data_version`): a
/// watcher compares it to see whether anything may have changed.
pub fn data_version(db: &Db) -> OpResult<i64> {
    Ok(db
        .sql()
        .query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// How many rows this connection has changed since it opened: its own writes move it.
#[must_use]
pub fn total_changes(db: &Db) -> u64 {
    db.sql().total_changes()
}

/// Runs `f` inside a read transaction, so that its queries see one snapshot.
pub fn read_tx<T>(db: &Db, f: impl FnOnce(&Db) -> OpResult<T>) -> OpResult<T> {
    db.sql().execute_batch("BEGIN")?;
    let out = f(db);
    db.sql().execute_batch("COMMIT")?;
    out
}

/// Begins a write transaction that holds the write lock at once (`BEGIN IMMEDIATE`).
pub fn begin_immediate(db: &Db) -> OpResult<()> {
    Ok(db.sql().execute_batch("BEGIN IMMEDIATE")?)
}

/// Commits the open transaction.
pub fn commit(db: &Db) -> OpResult<()> {
    Ok(db.sql().execute_batch("COMMIT")?)
}

/// Rolls the open transaction back (harmless when none is open).
pub fn rollback(db: &Db) -> OpResult<()> {
    Ok(db.sql().execute_batch("ROLLBACK")?)
}

impl From<rusqlite::Error> for OpError {
    fn from(err: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(e, _) = &err
            && matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
        {
            return Self::new(
                Code::Busy,
                "the state database is busy with another process; retry shortly",
            );
        }
        Self::new(Code::Io, format!("state database: {err}"))
    }
}
