//! Research studies: sweeps, walk-forwards and Monte Carlo simulations, stored with an id as
//! they start and finished with their result; a sweep's combinations are written as they are
//! evaluated.

use rusqlite::{OptionalExtension, params};

use super::Db;

use crate::error::{OpError, OpResult};

/// Kinds of study.
pub const SWEEP: &str = "sweep";
pub const WALK_FORWARD: &str = "walk_forward";
pub const MONTE_CARLO: &str = "monte_carlo";

/// Records a study that has started.
pub fn start(
    conn: &Db,
    study_id: &str,
    kind: &str,
    strategy_id: Option<&str>,
    request: &str,
) -> OpResult<()> {
    conn.sql().execute(
        "INSERT INTO studies (study_id, kind, strategy_id, created_at, request) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![study_id, kind, strategy_id, crate::store::now_ms(), request],
    )?;
    Ok(())
}

/// Stores a study's result.
pub fn finish(conn: &Db, study_id: &str, result: &str) -> OpResult<()> {
    conn.sql().execute(
        "UPDATE studies SET result = ?2, finished_at = ?3 WHERE study_id = ?1",
        params![study_id, result, crate::store::now_ms()],
    )?;
    Ok(())
}

/// One evaluated combination of a sweep.
#[derive(Debug, Clone)]
pub struct CombinationRow {
    pub idx: i64,
    /// The grid values (JSON).
    pub parameters: String,
    /// Its statistics (JSON).
    pub result: String,
    pub run_id: Option<String>,
}

/// Writes evaluated combinations.
pub fn insert_combinations(conn: &Db, study_id: &str, rows: &[CombinationRow]) -> OpResult<()> {
    let mut stmt = conn.sql().prepare_cached(
        "INSERT OR REPLACE INTO sweep_combinations (study_id, idx, parameters, result, run_id) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in rows {
        stmt.execute(params![study_id, r.idx, r.parameters, r.result, r.run_id])?;
    }
    Ok(())
}

/// Records the stored run of a combination.
pub fn set_combination_run(conn: &Db, study_id: &str, idx: i64, run_id: &str) -> OpResult<()> {
    conn.sql().execute(
        "UPDATE sweep_combinations SET run_id = ?3 WHERE study_id = ?1 AND idx = ?2",
        params![study_id, idx, run_id],
    )?;
    Ok(())
}

/// Every combination of a sweep, in grid order: (parameters, result) JSON.
pub fn combinations(conn: &Db, study_id: &str) -> OpResult<Vec<(String, String)>> {
    let mut stmt = conn.sql().prepare(
        "SELECT parameters, result FROM sweep_combinations WHERE study_id = ?1 ORDER BY idx",
    )?;
    let rows = stmt
        .query_map([study_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<(String, String)>, _>>()?;
    Ok(rows)
}

/// A study's kind and result (JSON; `None` while it runs), or `NOT_FOUND` naming it.
pub fn get(conn: &Db, study_id: &str) -> OpResult<(String, Option<String>)> {
    conn.sql()
        .query_row(
            "SELECT kind, result FROM studies WHERE study_id = ?1",
            [study_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| OpError::not_found("study", study_id))
}
