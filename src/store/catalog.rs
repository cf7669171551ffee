//! The market data catalog: series of bars, quotes or trades stored as compact chunks.

use nautilus_model::{enums::PriceType, identifiers::InstrumentId};
use rusqlite::{OptionalExtension, params};
use schemars::JsonSchema;
use serde::Serialize;

use super::Db;
use crate::{
    data::codec::{Row, decode_chunk, encode_chunk},
    error::{OpError, OpResult},
};

/// Rows per stored chunk.
const CHUNK_ROWS: usize = 50_000;

/// What the catalog knows about one series.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SeriesMeta {
    #[serde(skip)]
    pub id: i64,
    /// Catalog key, e.g. `BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL`.
    pub key: String,
    pub instrument_id: String,
    /// `bars`, `quotes` or `trades`.
    pub kind: String,
    /// Bar specification (e.g. `1-MINUTE-LAST`) or the tick kind.
    pub spec: String,
    pub price_precision: u8,
    pub size_precision: u8,
    /// First timestamp, Unix nanoseconds.
    pub first_ts: i64,
    /// Last timestamp, Unix nanoseconds.
    pub last_ts: i64,
    pub rows: i64,
    /// Stored size in bytes.
    pub bytes: i64,
    /// Where the data came from (file name or generator).
    pub source: String,
    pub updated_at: i64,
}

/// The identity and precision of a series about to be written.
#[derive(Debug, Clone)]
pub struct SeriesHeader {
    pub key: String,
    pub instrument_id: String,
    pub kind: &'static str,
    pub spec: String,
    pub price_precision: u8,
    pub size_precision: u8,
    pub source: String,
}

const COLUMNS: &str = "id, key, instrument_id, kind, spec, price_precision, size_precision, \
                       first_ts, last_ts, rows, bytes, source, updated_at";

fn meta_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SeriesMeta> {
    Ok(SeriesMeta {
        id: r.get(0)?,
        key: r.get(1)?,
        instrument_id: r.get(2)?,
        kind: r.get(3)?,
        spec: r.get(4)?,
        price_precision: r.get(5)?,
        size_precision: r.get(6)?,
        first_ts: r.get(7)?,
        last_ts: r.get(8)?,
        rows: r.get(9)?,
        bytes: r.get(10)?,
        source: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// Every series, ordered by key.
pub fn list(conn: &Db) -> OpResult<Vec<SeriesMeta>> {
    let mut stmt = conn
        .sql()
        .prepare(&format!("SELECT {COLUMNS} FROM series ORDER BY key"))?;
    let rows = stmt
        .query_map([], meta_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// One series by key.
pub fn get(conn: &Db, key: &str) -> OpResult<Option<SeriesMeta>> {
    Ok(conn
        .sql()
        .query_row(
            &format!("SELECT {COLUMNS} FROM series WHERE key = ?1"),
            [key],
            meta_from_row,
        )
        .optional()?)
}

/// Replaces a series' rows (sorted, unique timestamps) inside the caller's transaction.
pub fn write<R: Row>(tx: &Db, header: &SeriesHeader, rows: &[R]) -> OpResult<SeriesMeta> {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Err(OpError::invalid(
            "rows",
            "nothing to store: the data has no rows",
        ));
    };
    tx.sql()
        .execute("DELETE FROM series WHERE key = ?1", [&header.key])?;
    tx.sql().execute(
        "INSERT INTO series (key, instrument_id, kind, spec, price_precision, size_precision, \
         first_ts, last_ts, rows, bytes, source, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11)",
        params![
            header.key,
            header.instrument_id,
            header.kind,
            header.spec,
            header.price_precision,
            header.size_precision,
            first.ts(),
            last.ts(),
            rows.len() as i64,
            header.source,
            crate::store::now_ms(),
        ],
    )?;
    let series_id = tx.sql().last_insert_rowid();
    let mut bytes = 0i64;
    let mut insert = tx.sql().prepare(
        "INSERT INTO series_chunks (series_id, seq, first_ts, last_ts, rows, data) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (seq, chunk) in rows.chunks(CHUNK_ROWS).enumerate() {
        let blob = encode_chunk(chunk);
        bytes += blob.len() as i64;
        insert.execute(params![
            series_id,
            seq as i64,
            chunk[0].ts(),
            chunk[chunk.len() - 1].ts(),
            chunk.len() as i64,
            blob
        ])?;
    }
    tx.sql().execute(
        "UPDATE series SET bytes = ?1 WHERE id = ?2",
        params![bytes, series_id],
    )?;
    get(tx, &header.key)?.ok_or_else(|| OpError::internal("series vanished after write"))
}

fn check_kind<R: Row>(meta: &SeriesMeta) -> OpResult<()> {
    if meta.kind != R::KIND {
        return Err(OpError::internal(format!(
            "series {} holds {}, not {}",
            meta.key,
            meta.kind,
            R::KIND
        )));
    }
    Ok(())
}

/// The rows of a series with `start <= ts <= end`.
pub fn read<R: Row>(conn: &Db, meta: &SeriesMeta, start: i64, end: i64) -> OpResult<Vec<R>> {
    Ok(read_while(conn, meta, start, end, |_| true)?.0)
}

/// The first `limit` rows of a series with `start <= ts <= end`. Reads chunks from the
/// oldest on and stops at the one that completes the count.
pub fn read_first<R: Row>(
    conn: &Db,
    meta: &SeriesMeta,
    start: i64,
    end: i64,
    limit: usize,
) -> OpResult<Vec<R>> {
    let mut taken = 0usize;
    Ok(read_while(conn, meta, start, end, |_| {
        taken += 1;
        taken <= limit
    })?
    .0)
}

/// The rows of a series with `start <= ts <= end`, oldest first, as long as `take` accepts
/// them: reading stops at the first row it refuses, and no later chunk is decoded. The flag
/// says whether a row was refused (there is more).
pub fn read_while<R: Row>(
    conn: &Db,
    meta: &SeriesMeta,
    start: i64,
    end: i64,
    mut take: impl FnMut(&R) -> bool,
) -> OpResult<(Vec<R>, bool)> {
    let mut out = Vec::new();
    let mut refused = false;
    for_each_chunk::<R>(conn, meta, start, end, Order::OldestFirst, |chunk| {
        for r in chunk {
            if !take(&r) {
                refused = true;
                return false;
            }
            out.push(r);
        }
        true
    })?;
    Ok((out, refused))
}

/// The last `limit` rows of a series with `start <= ts <= end`, oldest first. Reads chunks from
/// the newest back, so the tail of a long series costs one or two chunks.
pub fn read_last<R: Row>(
    conn: &Db,
    meta: &SeriesMeta,
    start: i64,
    end: i64,
    limit: usize,
) -> OpResult<Vec<R>> {
    let mut newest_first: Vec<Vec<R>> = Vec::new();
    let mut total = 0usize;
    if limit > 0 {
        for_each_chunk::<R>(conn, meta, start, end, Order::NewestFirst, |chunk| {
            total += chunk.len();
            newest_first.push(chunk);
            total < limit
        })?;
    }
    let mut out: Vec<R> = newest_first.into_iter().rev().flatten().collect();
    if out.len() > limit {
        out.drain(..out.len() - limit);
    }
    Ok(out)
}

/// Which end of a series chunks are read from.
#[derive(Clone, Copy)]
enum Order {
    OldestFirst,
    NewestFirst,
}

/// Decodes the chunks of a series that overlap `start..=end`, in `order`, and hands each one's
/// rows within the range to `visit` until it returns false.
fn for_each_chunk<R: Row>(
    conn: &Db,
    meta: &SeriesMeta,
    start: i64,
    end: i64,
    order: Order,
    mut visit: impl FnMut(Vec<R>) -> bool,
) -> OpResult<()> {
    check_kind::<R>(meta)?;
    let sql = match order {
        Order::OldestFirst => {
            "SELECT data FROM series_chunks WHERE series_id = ?1 AND last_ts >= ?2 \
             AND first_ts <= ?3 ORDER BY seq"
        }
        Order::NewestFirst => {
            "SELECT data FROM series_chunks WHERE series_id = ?1 AND last_ts >= ?2 \
             AND first_ts <= ?3 ORDER BY seq DESC"
        }
    };
    let mut stmt = conn.sql().prepare_cached(sql)?;
    let mut rows = stmt.query(params![meta.id, start, end])?;
    while let Some(row) = rows.next()? {
        let blob: Vec<u8> = row.get(0)?;
        let mut chunk = decode_chunk::<R>(&blob)?;
        chunk.retain(|r| r.ts() >= start && r.ts() <= end);
        if !visit(chunk) {
            break;
        }
    }
    Ok(())
}

/// A stored chunk of a series without its data: its place in the series, its time span and
/// its row count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkSpan {
    pub seq: i64,
    pub first_ts: i64,
    pub last_ts: i64,
    pub rows: i64,
}

/// The chunks of a series that overlap `start..=end`, in order.
pub fn chunks_overlapping(
    conn: &Db,
    series_id: i64,
    start: i64,
    end: i64,
) -> OpResult<Vec<ChunkSpan>> {
    let mut stmt = conn.sql().prepare(
        "SELECT seq, first_ts, last_ts, rows FROM series_chunks \
         WHERE series_id = ?1 AND last_ts >= ?2 AND first_ts <= ?3 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![series_id, start, end], |r| {
            Ok(ChunkSpan {
                seq: r.get(0)?,
                first_ts: r.get(1)?,
                last_ts: r.get(2)?,
                rows: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The encoded rows of one chunk.
pub fn chunk_data(conn: &Db, series_id: i64, seq: i64) -> OpResult<Vec<u8>> {
    Ok(conn.sql().query_row(
        "SELECT data FROM series_chunks WHERE series_id = ?1 AND seq = ?2",
        params![series_id, seq],
        |r| r.get(0),
    )?)
}

/// Removes a series; true if it existed.
pub fn delete(tx: &Db, key: &str) -> OpResult<bool> {
    Ok(tx
        .sql()
        .execute("DELETE FROM series WHERE key = ?1", [key])?
        > 0)
}

/// The bars an instrument trades on: the signal series and any partner (the ask side of
/// bid/ask bars), with a note when the choice needs explaining.
#[derive(Debug, Clone)]
pub struct BarSeries {
    pub signal: SeriesMeta,
    pub extra: Vec<SeriesMeta>,
    pub note: Option<String>,
}

/// The bars of an instrument: the given spec, else the finest LAST (or MID) bars, else BID bars
/// with their ASK partner.
pub fn bars_for(conn: &Db, id: InstrumentId, bar_spec: Option<&str>) -> OpResult<BarSeries> {
    let all: Vec<SeriesMeta> = list(conn)?
        .into_iter()
        .filter(|m| m.instrument_id == id.to_string() && m.kind == "bars")
        .collect();
    if all.is_empty() {
        return Err(OpError::invalid(
            "instruments",
            format!(
                "no bars for {id} in the catalog; import them (`data import FILE --instrument {id}`) or generate them (`data generate --instrument {id}`)"
            ),
        ));
    }
    let spec_of = |m: &SeriesMeta| crate::data::parse_bar_spec("bar_spec", &m.spec).ok();
    if let Some(wanted) = bar_spec {
        let wanted = crate::data::parse_bar_spec("bar_spec", wanted)?;
        let signal = all
            .iter()
            .find(|m| spec_of(m) == Some(wanted))
            .cloned()
            .ok_or_else(|| {
                let have: Vec<&str> = all.iter().map(|m| m.spec.as_str()).collect();
                OpError::invalid(
                    "bar_spec",
                    format!("no {wanted} bars for {id}; stored: {}", have.join(", ")),
                )
            })?;
        let extra = paired_ask(&all, &signal);
        return Ok(BarSeries {
            signal,
            extra,
            note: None,
        });
    }
    // The finest LAST (or MID) bars; otherwise BID with its ASK partner.
    let mut candidates: Vec<(i64, u8, &SeriesMeta)> = all
        .iter()
        .filter_map(|m| {
            let s = spec_of(m)?;
            let rank = match s.price_type {
                PriceType::Last => 0,
                PriceType::Mid => 1,
                PriceType::Bid => 2,
                _ => return None,
            };
            Some((crate::data::spec_step_ns(&s), rank, m))
        })
        .collect();
    candidates.sort_by_key(|(step, rank, _)| (*step, *rank));
    let signal = candidates
        .first()
        .map(|(_, _, m)| (*m).clone())
        .ok_or_else(|| {
            OpError::invalid("bar_spec", format!("no LAST, MID or BID bars for {id}"))
        })?;
    let extra = paired_ask(&all, &signal);
    let note = (!extra.is_empty()).then(|| {
        format!(
            "{id}: signals on {} bars; the venue fills against bid and ask bars",
            signal.spec
        )
    });
    Ok(BarSeries {
        signal,
        extra,
        note,
    })
}

fn paired_ask(all: &[SeriesMeta], signal: &SeriesMeta) -> Vec<SeriesMeta> {
    let Ok(spec) = crate::data::parse_bar_spec("bar_spec", &signal.spec) else {
        return Vec::new();
    };
    if spec.price_type != PriceType::Bid {
        return Vec::new();
    }
    let ask = nautilus_model::data::BarSpecification::new(
        spec.step.get(),
        spec.aggregation,
        PriceType::Ask,
    )
    .to_string();
    all.iter().filter(|m| m.spec == ask).cloned().collect()
}
