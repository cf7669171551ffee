//! Stored backtest configurations and runs.

use rusqlite::{OptionalExtension, params};
use serde::{Serialize, de::DeserializeOwned};

use super::Db;
use crate::error::{OpError, OpResult};

fn to_json<T: Serialize>(v: &T) -> OpResult<String> {
    serde_json::to_string(v).map_err(OpError::internal)
}

fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> OpResult<T> {
    serde_json::from_str(text)
        .map_err(|e| OpError::internal(format!("stored {what} is unreadable: {e}")))
}

/// Saves a configuration under its name (insert or replace).
pub fn save_config<T: Serialize>(conn: &Db, name: &str, config: &T) -> OpResult<()> {
    let now = crate::store::now_ms();
    conn.sql().execute(
        "INSERT INTO backtest_configs (name, config, created_at, updated_at) VALUES (?1, ?2, ?3, ?3) \
         ON CONFLICT(name) DO UPDATE SET config = ?2, updated_at = ?3",
        params![name, to_json(config)?, now],
    )?;
    Ok(())
}

/// A configuration by name.
pub fn load_config<T: DeserializeOwned>(conn: &Db, name: &str) -> OpResult<Option<T>> {
    let text: Option<String> = conn
        .sql()
        .query_row(
            "SELECT config FROM backtest_configs WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| from_json(&t, "backtest configuration"))
        .transpose()
}

/// The most recently changed configuration's name.
pub fn latest_config_name(conn: &Db) -> OpResult<Option<String>> {
    Ok(conn
        .sql()
        .query_row(
            "SELECT name FROM backtest_configs ORDER BY updated_at DESC, rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Names of all configurations.
pub fn config_names(conn: &Db) -> OpResult<Vec<String>> {
    let mut stmt = conn
        .sql()
        .prepare("SELECT name FROM backtest_configs ORDER BY name")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// A finished run as stored.
#[derive(Debug, Clone)]
pub struct StoredRun {
    pub run_id: String,
    pub config_name: Option<String>,
    pub strategy_id: String,
    pub created_at: i64,
    pub summary: String,
    /// The effective configuration (JSON).
    pub config: String,
    pub trades: String,
    pub equity: String,
}

/// Stores a finished run.
pub fn insert_run(conn: &Db, run: &StoredRun, parameters: &str) -> OpResult<()> {
    conn.sql().execute(
        "INSERT INTO backtest_runs (run_id, config_name, strategy_id, parameters, status, created_at, \
         finished_at, summary, config, trades, equity) VALUES (?1, ?2, ?3, ?4, 'completed', ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            run.run_id,
            run.config_name,
            run.strategy_id,
            parameters,
            run.created_at,
            crate::store::now_ms(),
            run.summary,
            run.config,
            run.trades,
            run.equity
        ],
    )?;
    Ok(())
}

/// Which parts of a run to read.
#[derive(Debug, Clone, Copy)]
pub enum RunPart {
    Summary,
    Config,
    Trades,
    Equity,
}

/// One stored part of a run (JSON text), or `NOT_FOUND` naming the run.
pub fn run_part(conn: &Db, run_id: &str, part: RunPart) -> OpResult<String> {
    let column = match part {
        RunPart::Summary => "summary",
        RunPart::Config => "config",
        RunPart::Trades => "trades",
        RunPart::Equity => "equity",
    };
    conn.sql()
        .query_row(
            &format!("SELECT {column} FROM backtest_runs WHERE run_id = ?1"),
            [run_id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .ok_or_else(|| {
            OpError::not_found("backtest run", run_id)
                .with_details(serde_json::json!({ "hint": "list runs with `backtest list`" }))
        })
}

/// The id of the newest run.
pub fn latest_run_id(conn: &Db) -> OpResult<Option<String>> {
    Ok(conn
        .sql()
        .query_row(
            "SELECT run_id FROM backtest_runs ORDER BY created_at DESC, rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Summaries of the newest runs (JSON text), newest first.
pub fn list_runs(conn: &Db, limit: u32, strategy: Option<&str>) -> OpResult<Vec<String>> {
    let mut stmt = conn.sql().prepare(
        "SELECT summary FROM backtest_runs WHERE (?1 IS NULL OR strategy_id = ?1) \
         ORDER BY created_at DESC, rowid DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![strategy, limit], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(rows)
}

/// Parses stored JSON.
pub fn parse<T: DeserializeOwned>(text: &str, what: &str) -> OpResult<T> {
    from_json(text, what)
}
