//! One series of bars as columns: raw prices for the matching engine's price points and the
//! `f64` values Nautilus's indicators are fed.

use nautilus_model::types::Price;

use crate::{
    data::{codec::BarRow, nautilus as conv},
    error::{OpError, OpResult},
    store::{
        Db,
        catalog::{self, SeriesMeta},
    },
};

/// Bars in time order.
#[derive(Debug, Clone, Default)]
pub struct Bars {
    pub price_precision: u8,
    /// Unix ns (bar close, as the engine stamps them).
    pub ts: Vec<i64>,
    /// Raw Nautilus prices.
    pub open: Vec<i64>,
    pub high: Vec<i64>,
    pub low: Vec<i64>,
    pub close: Vec<i64>,
    /// `Price::as_f64` of high, low and close: what the engine's strategies feed indicators.
    pub open_f: Vec<f64>,
    pub high_f: Vec<f64>,
    pub low_f: Vec<f64>,
    pub close_f: Vec<f64>,
    /// Volumes as the evaluator reads them (`Quantity::as_f64`).
    pub volume_f: Vec<f64>,
}

impl Bars {
    /// The bars of a catalog series with `start <= ts <= end`.
    pub fn load(conn: &Db, meta: &SeriesMeta, start: i64, end: i64) -> OpResult<Self> {
        let rows: Vec<BarRow> = catalog::read(conn, meta, start, end)?;
        if rows.is_empty() {
            return Err(OpError::invalid(
                "start_date",
                "no data in the requested range",
            ));
        }
        Ok(Self::from_rows(
            &rows,
            meta.price_precision,
            meta.size_precision,
        ))
    }

    /// Bars from catalog rows at the given price and size precisions.
    #[must_use]
    pub fn from_rows(rows: &[BarRow], precision: u8, size_precision: u8) -> Self {
        let n = rows.len();
        let mut b = Self {
            price_precision: precision,
            ts: Vec::with_capacity(n),
            open: Vec::with_capacity(n),
            high: Vec::with_capacity(n),
            low: Vec::with_capacity(n),
            close: Vec::with_capacity(n),
            open_f: Vec::with_capacity(n),
            high_f: Vec::with_capacity(n),
            low_f: Vec::with_capacity(n),
            close_f: Vec::with_capacity(n),
            volume_f: Vec::with_capacity(n),
        };
        let px = |m: i64| -> Price { conv::price(m, precision) };
        for r in rows {
            let (o, h, l, c) = (px(r.open), px(r.high), px(r.low), px(r.close));
            b.ts.push(r.ts);
            b.open.push(o.raw);
            b.high.push(h.raw);
            b.low.push(l.raw);
            b.close.push(c.raw);
            b.open_f.push(o.as_f64());
            b.high_f.push(h.as_f64());
            b.low_f.push(l.as_f64());
            b.close_f.push(c.as_f64());
            b.volume_f
                .push(conv::quantity(r.volume, size_precision).as_f64());
        }
        b
    }

    /// Number of bars.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// True when there are no bars.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// The close of bar `i`.
    #[must_use]
    pub fn close_price(&self, i: usize) -> Price {
        Price::from_raw(self.close[i], self.price_precision)
    }
}
