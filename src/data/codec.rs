//! Compact binary chunks for the catalog: zig-zag varint deltas of fixed-point integers.
//!
//! Prices are stored as integer mantissas at the series' precision, so a chunk decodes
//! exactly back to Nautilus `Price`/`Quantity` values. Consecutive 1-minute bars differ by
//! little, which keeps a year of bars to a few megabytes.

use crate::error::{OpError, OpResult};

/// Format tag written at the start of every chunk.
const FORMAT_V1: u8 = 1;

/// One OHLCV bar as integer mantissas; `ts` is the bar's close time in Unix nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarRow {
    pub ts: i64,
    pub open: i64,
    pub high: i64,
    pub low: i64,
    pub close: i64,
    pub volume: i64,
}

/// One top-of-book quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRow {
    pub ts: i64,
    pub bid: i64,
    pub ask: i64,
    pub bid_size: i64,
    pub ask_size: i64,
}

/// One trade; `aggressor` is 0 none, 1 buyer, 2 seller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradeRow {
    pub ts: i64,
    pub price: i64,
    pub size: i64,
    pub aggressor: u8,
    pub trade_id: String,
}

/// Rows that can be stored in a chunk.
pub trait Row: Sized + Clone {
    /// The catalog's name for this kind of data.
    const KIND: &'static str;
    /// The row's timestamp (Unix ns).
    fn ts(&self) -> i64;
    /// Appends the rows to `out`.
    fn encode(rows: &[Self], out: &mut Vec<u8>);
    /// Reads `count` rows.
    fn decode(reader: &mut Reader<'_>, count: usize) -> OpResult<Vec<Self>>;
}

/// Encodes rows into one chunk blob.
#[must_use]
pub fn encode_chunk<R: Row>(rows: &[R]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * 12 + 16);
    out.push(FORMAT_V1);
    put_u(&mut out, rows.len() as u64);
    R::encode(rows, &mut out);
    out
}

/// Decodes one chunk blob.
pub fn decode_chunk<R: Row>(blob: &[u8]) -> OpResult<Vec<R>> {
    let mut reader = Reader { buf: blob, pos: 0 };
    let format = reader.byte()?;
    if format != FORMAT_V1 {
        return Err(OpError::internal(format!(
            "catalog chunk has unknown format {format}"
        )));
    }
    let count = usize::try_from(reader.u()?).map_err(OpError::internal)?;
    R::decode(&mut reader, count)
}

impl Row for BarRow {
    const KIND: &'static str = "bars";

    fn ts(&self) -> i64 {
        self.ts
    }

    fn encode(rows: &[Self], out: &mut Vec<u8>) {
        let (mut ts, mut close, mut volume) = (0i64, 0i64, 0i64);
        for r in rows {
            put_i(out, r.ts - ts);
            put_i(out, r.open - close);
            put_u(out, (r.high - r.open.max(r.close)) as u64);
            put_u(out, (r.open.min(r.close) - r.low) as u64);
            put_i(out, r.close - r.open);
            put_i(out, r.volume - volume);
            ts = r.ts;
            close = r.close;
            volume = r.volume;
        }
    }

    fn decode(reader: &mut Reader<'_>, count: usize) -> OpResult<Vec<Self>> {
        let mut rows = Vec::with_capacity(count);
        let (mut ts, mut close, mut volume) = (0i64, 0i64, 0i64);
        for _ in 0..count {
            ts += reader.i()?;
            let open = close + reader.i()?;
            let high_over = reader.u()? as i64;
            let low_under = reader.u()? as i64;
            close = open + reader.i()?;
            volume += reader.i()?;
            rows.push(Self {
                ts,
                open,
                high: open.max(close) + high_over,
                low: open.min(close) - low_under,
                close,
                volume,
            });
        }
        Ok(rows)
    }
}

impl Row for QuoteRow {
    const KIND: &'static str = "quotes";

    fn ts(&self) -> i64 {
        self.ts
    }

    fn encode(rows: &[Self], out: &mut Vec<u8>) {
        let mut prev = Self {
            ts: 0,
            bid: 0,
            ask: 0,
            bid_size: 0,
            ask_size: 0,
        };
        for r in rows {
            put_i(out, r.ts - prev.ts);
            put_i(out, r.bid - prev.bid);
            put_i(out, (r.ask - r.bid) - (prev.ask - prev.bid));
            put_i(out, r.bid_size - prev.bid_size);
            put_i(out, r.ask_size - prev.ask_size);
            prev = *r;
        }
    }

    fn decode(reader: &mut Reader<'_>, count: usize) -> OpResult<Vec<Self>> {
        let mut rows = Vec::with_capacity(count);
        let mut prev = Self {
            ts: 0,
            bid: 0,
            ask: 0,
            bid_size: 0,
            ask_size: 0,
        };
        for _ in 0..count {
            let ts = prev.ts + reader.i()?;
            let bid = prev.bid + reader.i()?;
            let spread = (prev.ask - prev.bid) + reader.i()?;
            let row = Self {
                ts,
                bid,
                ask: bid + spread,
                bid_size: prev.bid_size + reader.i()?,
                ask_size: prev.ask_size + reader.i()?,
            };
            rows.push(row);
            prev = row;
        }
        Ok(rows)
    }
}

impl Row for TradeRow {
    const KIND: &'static str = "trades";

    fn ts(&self) -> i64 {
        self.ts
    }

    fn encode(rows: &[Self], out: &mut Vec<u8>) {
        let (mut ts, mut price) = (0i64, 0i64);
        for r in rows {
            put_i(out, r.ts - ts);
            put_i(out, r.price - price);
            put_u(out, r.size as u64);
            out.push(r.aggressor);
            put_u(out, r.trade_id.len() as u64);
            out.extend_from_slice(r.trade_id.as_bytes());
            ts = r.ts;
            price = r.price;
        }
    }

    fn decode(reader: &mut Reader<'_>, count: usize) -> OpResult<Vec<Self>> {
        let mut rows = Vec::with_capacity(count);
        let (mut ts, mut price) = (0i64, 0i64);
        for _ in 0..count {
            ts += reader.i()?;
            price += reader.i()?;
            let size = reader.u()? as i64;
            let aggressor = reader.byte()?;
            let len = usize::try_from(reader.u()?).map_err(OpError::internal)?;
            let id = reader.bytes(len)?;
            rows.push(Self {
                ts,
                price,
                size,
                aggressor,
                trade_id: String::from_utf8_lossy(id).into_owned(),
            });
        }
        Ok(rows)
    }
}

fn put_u(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_i(out: &mut Vec<u8>, v: i64) {
    put_u(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// A cursor over a chunk blob.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> OpResult<u8> {
        let b = *self
            .buf
            .get(self.pos)
            .ok_or_else(|| OpError::internal("catalog chunk is truncated"))?;
        self.pos += 1;
        Ok(b)
    }

    fn bytes(&mut self, len: usize) -> OpResult<&[u8]> {
        let end = self.pos + len;
        let s = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| OpError::internal("catalog chunk is truncated"))?;
        self.pos = end;
        Ok(s)
    }

    /// A LEB128 varint. Runs a few times per stored bar, so it walks the slice directly
    /// rather than through [`Self::byte`]'s per-byte `Result`.
    fn u(&mut self) -> OpResult<u64> {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        let mut v = 0u64;
        for (i, &b) in rest.iter().take(10).enumerate() {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                self.pos += i + 1;
                return Ok(v);
            }
        }
        Err(OpError::internal(if rest.len() < 10 {
            "catalog chunk is truncated"
        } else {
            "catalog chunk has a malformed number"
        }))
    }

    fn i(&mut self) -> OpResult<i64> {
        let u = self.u()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_round_trip() {
        let rows: Vec<BarRow> = (0..1000)
            .map(|i| {
                let open = 4_000_000 + (i * 37 % 500) - 250;
                let close = open + (i % 7) - 3;
                BarRow {
                    ts: 1_700_000_000_000_000_000 + i * 60_000_000_000,
                    open,
                    high: open.max(close) + i % 5,
                    low: open.min(close) - i % 3,
                    close,
                    volume: i * 1000,
                }
            })
            .collect();
        let blob = encode_chunk(&rows);
        assert!(blob.len() < rows.len() * 16, "{} bytes", blob.len());
        assert_eq!(decode_chunk::<BarRow>(&blob).unwrap(), rows);
    }

    #[test]
    fn quotes_and_trades_round_trip() {
        let quotes = vec![
            QuoteRow {
                ts: 10,
                bid: 100,
                ask: 102,
                bid_size: 5,
                ask_size: 7,
            },
            QuoteRow {
                ts: 20,
                bid: 99,
                ask: 103,
                bid_size: 1,
                ask_size: 9,
            },
        ];
        assert_eq!(
            decode_chunk::<QuoteRow>(&encode_chunk(&quotes)).unwrap(),
            quotes
        );
        let trades = vec![
            TradeRow {
                ts: 1,
                price: 5,
                size: 3,
                aggressor: 1,
                trade_id: "a1".into(),
            },
            TradeRow {
                ts: 2,
                price: 4,
                size: 8,
                aggressor: 2,
                trade_id: "b22".into(),
            },
        ];
        assert_eq!(
            decode_chunk::<TradeRow>(&encode_chunk(&trades)).unwrap(),
            trades
        );
    }

    #[test]
    fn truncated_chunk_is_an_error() {
        let blob = encode_chunk(&[BarRow {
            ts: 1,
            open: 2,
            high: 3,
            low: 1,
            close: 2,
            volume: 0,
        }]);
        assert!(decode_chunk::<BarRow>(&blob[..blob.len() - 1]).is_err());
    }
}
