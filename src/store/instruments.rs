//! Instrument definitions: the user's, stored, over the built-in ones.

use rusqlite::{OptionalExtension, params};

use super::Db;
use crate::{
    data::instruments::{InstrumentDef, builtin},
    error::{OpError, OpResult},
};

/// A definition and where it came from (`builtin` or the imported file).
#[derive(Debug, Clone)]
pub struct Known {
    pub def: InstrumentDef,
    pub source: String,
}

/// Stores (or replaces) user definitions.
pub fn upsert(conn: &Db, defs: &[InstrumentDef], source: &str) -> OpResult<()> {
    let mut stmt = conn.sql().prepare_cached(
        "INSERT INTO instruments (id, venue, kind, definition, source, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT(id) DO UPDATE SET venue = ?2, kind = ?3, definition = ?4, source = ?5, updated_at = ?6",
    )?;
    for def in defs {
        let id = def.instrument_id()?;
        stmt.execute(params![
            id.to_string(),
            id.venue.to_string(),
            def.kind.as_str(),
            serde_json::to_string(def).map_err(OpError::internal)?,
            source,
            crate::store::now_ms()
        ])?;
    }
    Ok(())
}

fn parse(text: &str, source: String) -> OpResult<Known> {
    let def: InstrumentDef = serde_json::from_str(text)
        .map_err(|e| OpError::internal(format!("stored instrument definition is corrupt: {e}")))?;
    Ok(Known { def, source })
}

/// One definition: the user's if stored, else the built-in one.
pub fn get(conn: &Db, id: &str) -> OpResult<Option<Known>> {
    let stored: Option<(String, String)> = conn
        .sql()
        .query_row(
            "SELECT definition, source FROM instruments WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((text, source)) = stored {
        return parse(&text, source).map(Some);
    }
    Ok(builtin().into_iter().find(|d| d.id == id).map(|def| Known {
        def,
        source: "builtin".into(),
    }))
}

/// Every definition, user ones replacing built-ins with the same id, sorted by id.
pub fn all(conn: &Db) -> OpResult<Vec<Known>> {
    let mut stmt = conn
        .sql()
        .prepare("SELECT definition, source FROM instruments")?;
    let mut out: Vec<Known> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(t, s)| parse(&t, s))
        .collect::<OpResult<_>>()?;
    for def in builtin() {
        if !out.iter().any(|k| k.def.id == def.id) {
            out.push(Known {
                def,
                source: "builtin".into(),
            });
        }
    }
    out.sort_by(|a, b| a.def.id.cmp(&b.def.id));
    Ok(out)
}

/// A definition or a `NOT_FOUND` error that lists what is known for the venue.
pub fn require(conn: &Db, field: &str, id: &str) -> OpResult<Known> {
    if let Some(k) = get(conn, id)? {
        return Ok(k);
    }
    let venue = id.rsplit_once('.').map(|(_, v)| v).unwrap_or_default();
    let known: Vec<String> = all(conn)?
        .into_iter()
        .map(|k| k.def.id)
        .filter(|i| venue.is_empty() || i.ends_with(&format!(".{venue}")))
        .collect();
    Err(OpError::new(
        crate::error::Code::NotFound,
        format!(
            "{field}: instrument '{id}' has no definition; known{}: {}. Import one with \
             `data import FILE.json --kind instruments`",
            if venue.is_empty() {
                String::new()
            } else {
                format!(" on {venue}")
            },
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        ),
    ))
}
