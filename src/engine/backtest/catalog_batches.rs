//! Streams catalog series into the engine in time-ordered batches, one stored chunk at a time,
//! so memory stays flat however long the backtest.

use std::collections::VecDeque;

use nautilus_model::{
    data::{BarType, Data},
    identifiers::InstrumentId,
};

use crate::{
    data::{
        codec::{BarRow, QuoteRow, TradeRow, decode_chunk},
        nautilus as conv,
    },
    error::{OpError, OpResult},
    store::{
        Db,
        catalog::{self, SeriesMeta},
    },
};

/// A bar's volume (in size steps) as the engine is fed it. The matching engine splits a bar's
/// volume into four ticks; a volume that is not a multiple of four size steps yields tick sizes
/// off the instrument's grid (their fills are dropped), and a zero volume yields empty ticks.
/// Round down to four steps, at least four.
#[must_use]
pub const fn engine_volume(steps: i64) -> i64 {
    let v = steps - steps % 4;
    if v < 4 { 4 } else { v }
}

/// What a series turns into.
#[derive(Debug, Clone, Copy)]
pub enum SeriesKind {
    Bars(BarType),
    Quotes(InstrumentId),
    Trades(InstrumentId),
}

struct Cursor {
    meta: SeriesMeta,
    kind: SeriesKind,
    /// (seq) of chunks still to load, in order.
    chunks: VecDeque<i64>,
    buffer: VecDeque<(i64, Data)>,
}

/// Merges several series into batches ordered by timestamp.
pub struct Feed<'c> {
    conn: &'c Db,
    cursors: Vec<Cursor>,
    start: i64,
    end: i64,
    /// Rows in the selected range, for progress.
    pub total_rows: u64,
}

impl<'c> Feed<'c> {
    /// A feed over `series` restricted to `start <= ts <= end`.
    pub fn new(
        conn: &'c Db,
        series: Vec<(SeriesMeta, SeriesKind)>,
        start: i64,
        end: i64,
    ) -> OpResult<Self> {
        let mut cursors = Vec::new();
        let mut total_rows = 0u64;
        for (meta, kind) in series {
            let mut chunks = VecDeque::new();
            for c in catalog::chunks_overlapping(conn, meta.id, start, end)? {
                let (seq, first, last, n) = (c.seq, c.first_ts, c.last_ts, c.rows);
                // Estimate the rows inside the range from the chunk's span.
                let span = (last - first).max(1) as f64;
                let inside = (last.min(end) - first.max(start)).max(0) as f64 + 1.0;
                total_rows += ((n as f64) * (inside / span).min(1.0)).round() as u64;
                chunks.push_back(seq);
            }
            cursors.push(Cursor {
                meta,
                kind,
                chunks,
                buffer: VecDeque::new(),
            });
        }
        Ok(Self {
            conn,
            cursors,
            start,
            end,
            total_rows,
        })
    }

    fn load_next(&self, cursor: &mut Cursor) -> OpResult<bool> {
        let Some(seq) = cursor.chunks.pop_front() else {
            return Ok(false);
        };
        let blob = catalog::chunk_data(self.conn, cursor.meta.id, seq)?;
        let (pp, sp) = (cursor.meta.price_precision, cursor.meta.size_precision);
        let (start, end) = (self.start, self.end);
        let keep = |ts: i64| ts >= start && ts <= end;
        match cursor.kind {
            SeriesKind::Bars(bt) => {
                for mut r in decode_chunk::<BarRow>(&blob)? {
                    if keep(r.ts) {
                        r.volume = engine_volume(r.volume);
                        cursor
                            .buffer
                            .push_back((r.ts, Data::Bar(conv::bar(bt, &r, pp, sp))));
                    }
                }
            }
            SeriesKind::Quotes(id) => {
                for r in decode_chunk::<QuoteRow>(&blob)? {
                    if keep(r.ts) {
                        cursor
                            .buffer
                            .push_back((r.ts, Data::Quote(conv::quote(id, &r, pp, sp))));
                    }
                }
            }
            SeriesKind::Trades(id) => {
                for r in decode_chunk::<TradeRow>(&blob)? {
                    if keep(r.ts) {
                        cursor
                            .buffer
                            .push_back((r.ts, Data::Trade(conv::trade(id, &r, pp, sp))));
                    }
                }
            }
        }
        Ok(true)
    }

    /// The next batch: every row up to the earliest end among the loaded chunks, in time order.
    /// Empty when the data is exhausted.
    pub fn next_batch(&mut self) -> OpResult<Vec<Data>> {
        let mut cursors = std::mem::take(&mut self.cursors);
        let result = (|| {
            for c in &mut cursors {
                while c.buffer.is_empty() && self.load_next(c)? {}
            }
            let Some(horizon) = cursors
                .iter()
                .filter_map(|c| c.buffer.back().map(|(ts, _)| *ts))
                .min()
            else {
                return Ok(Vec::new());
            };
            let mut batch: Vec<(i64, Data)> = Vec::new();
            for c in &mut cursors {
                while c.buffer.front().is_some_and(|(ts, _)| *ts <= horizon) {
                    batch.push(c.buffer.pop_front().expect("checked"));
                }
            }
            if cursors.len() > 1 {
                batch.sort_by_key(|(ts, _)| *ts);
            }
            Ok(batch.into_iter().map(|(_, d)| d).collect())
        })();
        self.cursors = cursors;
        result
    }
}

/// Fails unless a series covers part of the range.
pub fn require_overlap(meta: &SeriesMeta, start: i64, end: i64) -> OpResult<()> {
    if meta.last_ts < start || meta.first_ts > end {
        return Err(OpError::invalid(
            "start_date",
            format!(
                "{} holds data from {} to {}, outside the requested range {} to {}",
                meta.key,
                crate::data::time::format_ns(meta.first_ts),
                crate::data::time::format_ns(meta.last_ts),
                crate::data::time::format_ns(start),
                crate::data::time::format_ns(end)
            ),
        ));
    }
    Ok(())
}
