//! Stored strategy definitions: every version of each named definition, with its content hash.
//! Defining a name again adds a version (unless the content is the one stored last); deleting
//! a name hides all its versions, and defining it again continues its numbering.

use rusqlite::{OptionalExtension, params};

use super::Db;
use crate::error::OpResult;

/// One stored version of a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDefinition {
    pub name: String,
    pub version: i64,
    /// SHA-256 of the canonical JSON.
    pub hash: String,
    /// The canonical JSON.
    pub definition: String,
    pub created_at: i64,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDefinition> {
    Ok(StoredDefinition {
        name: r.get(0)?,
        version: r.get(1)?,
        hash: r.get(2)?,
        definition: r.get(3)?,
        created_at: r.get(4)?,
    })
}

const COLUMNS: &str = "name, version, hash, definition, created_at";

/// Stores `definition` under `name`: a new version, or the latest one when it holds the same
/// content. Returns it and whether it is new.
pub fn save(
    conn: &Db,
    name: &str,
    hash: &str,
    definition: &str,
) -> OpResult<(StoredDefinition, bool)> {
    if let Some(latest) = latest(conn, name)?
        && latest.hash == hash
    {
        return Ok((latest, false));
    }
    let version: i64 = conn.sql().query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM strategy_definitions WHERE name = ?1",
        [name],
        |r| r.get(0),
    )?;
    let now = crate::store::now_ms();
    conn.sql().execute(
        "INSERT INTO strategy_definitions (name, version, hash, definition, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, version, hash, definition, now],
    )?;
    Ok((
        StoredDefinition {
            name: name.to_string(),
            version,
            hash: hash.to_string(),
            definition: definition.to_string(),
            created_at: now,
        },
        true,
    ))
}

/// The latest version of a name (not deleted).
pub fn latest(conn: &Db, name: &str) -> OpResult<Option<StoredDefinition>> {
    Ok(conn
        .sql()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM strategy_definitions WHERE name = ?1 AND deleted_at IS NULL \
             ORDER BY version DESC LIMIT 1"
        ))?
        .query_row([name], from_row)
        .optional()?)
}

/// One version of a name (not deleted).
pub fn version(conn: &Db, name: &str, version: i64) -> OpResult<Option<StoredDefinition>> {
    Ok(conn
        .sql()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM strategy_definitions \
             WHERE name = ?1 AND version = ?2 AND deleted_at IS NULL"
        ))?
        .query_row(params![name, version], from_row)
        .optional()?)
}

/// Every version of a name (not deleted), oldest first.
pub fn versions(conn: &Db, name: &str) -> OpResult<Vec<StoredDefinition>> {
    let mut stmt = conn.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM strategy_definitions WHERE name = ?1 AND deleted_at IS NULL \
         ORDER BY version"
    ))?;
    let rows = stmt
        .query_map([name], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The latest version of every name (not deleted), by name.
pub fn list(conn: &Db) -> OpResult<Vec<StoredDefinition>> {
    let mut stmt = conn.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM strategy_definitions d WHERE deleted_at IS NULL AND version = \
         (SELECT MAX(version) FROM strategy_definitions e WHERE e.name = d.name AND e.deleted_at IS NULL) \
         ORDER BY name"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Hides every version of a name; returns how many there were.
pub fn delete(conn: &Db, name: &str) -> OpResult<usize> {
    Ok(conn.sql().execute(
        "UPDATE strategy_definitions SET deleted_at = ?2 WHERE name = ?1 AND deleted_at IS NULL",
        params![name, crate::store::now_ms()],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_kept_and_deletion_hides_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path()).unwrap();
        let conn = store.conn();
        let (v1, new) = save(&conn, "trend", "h1", "{\"a\":1}").unwrap();
        assert!(new);
        assert_eq!(v1.version, 1);
        let (same, new) = save(&conn, "trend", "h1", "{\"a\":1}").unwrap();
        assert!(!new, "the same content is not a new version");
        assert_eq!(same.version, 1);
        let (v2, _) = save(&conn, "trend", "h2", "{\"a\":2}").unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(latest(&conn, "trend").unwrap().unwrap().hash, "h2");
        assert_eq!(version(&conn, "trend", 1).unwrap().unwrap().hash, "h1");
        assert_eq!(versions(&conn, "trend").unwrap().len(), 2);
        save(&conn, "other", "h9", "{}").unwrap();
        let names: Vec<String> = list(&conn).unwrap().into_iter().map(|d| d.name).collect();
        assert_eq!(names, ["other", "trend"]);
        assert_eq!(delete(&conn, "trend").unwrap(), 2);
        assert!(latest(&conn, "trend").unwrap().is_none());
        let (v3, _) = save(&conn, "trend", "h1", "{\"a\":1}").unwrap();
        assert_eq!(v3.version, 3, "numbering continues after a deletion");
    }
}
