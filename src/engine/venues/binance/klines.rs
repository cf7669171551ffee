//! Binance klines as Nautilus bars: which bar specifications Binance has an interval for, and
//! paging `GET /api/v3/klines` (at most 1000 a request) through a range.

use std::future::Future;

use nautilus_model::{
    data::BarSpecification,
    enums::{BarAggregation, PriceType},
};

use super::{error::BinanceError, model::Kline};
use crate::error::{OpError, OpResult};

/// Most klines Binance returns for one request.
pub const KLINES_PER_REQUEST: usize = 1000;

/// Binance's kline intervals (Spot) as bar steps and aggregations. Klines are bars of trade
/// prices: LAST.
const INTERVALS: &[(usize, BarAggregation, &str)] = &[
    (1, BarAggregation::Second, "1s"),
    (1, BarAggregation::Minute, "1m"),
    (3, BarAggregation::Minute, "3m"),
    (5, BarAggregation::Minute, "5m"),
    (15, BarAggregation::Minute, "15m"),
    (30, BarAggregation::Minute, "30m"),
    (1, BarAggregation::Hour, "1h"),
    (2, BarAggregation::Hour, "2h"),
    (4, BarAggregation::Hour, "4h"),
    (6, BarAggregation::Hour, "6h"),
    (8, BarAggregation::Hour, "8h"),
    (12, BarAggregation::Hour, "12h"),
    (1, BarAggregation::Day, "1d"),
    (3, BarAggregation::Day, "3d"),
    (1, BarAggregation::Week, "1w"),
];

/// The bar specifications Binance serves, e.g. `1-MINUTE-LAST`.
#[must_use]
pub fn supported_specs() -> Vec<String> {
    INTERVALS
        .iter()
        .map(|(step, agg, _)| format!("{step}-{agg}-LAST"))
        .collect()
}

/// Binance's kline interval for a bar specification (`1-HOUR-LAST` → `1h`), or a client
/// error on `bar_spec` listing the ones it has.
pub fn kline_interval(spec: &BarSpecification) -> OpResult<&'static str> {
    let found = INTERVALS
        .iter()
        .find(|(step, agg, _)| *step == spec.step.get() && *agg == spec.aggregation)
        .map(|(_, _, interval)| *interval);
    match found {
        Some(i) if spec.price_type == PriceType::Last => Ok(i),
        Some(_) => Err(OpError::invalid(
            "bar_spec",
            format!(
                "Binance has no {spec} bars: its klines are bars of trade prices; ask for {}-{}-LAST",
                spec.step, spec.aggregation
            ),
        )),
        None => Err(OpError::invalid(
            "bar_spec",
            format!(
                "Binance has no kline interval for {spec}; its bar specs are {}",
                supported_specs().join(", ")
            ),
        )),
    }
}

/// Klines read for a range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KlinePages {
    /// Closed klines, oldest first, at most the limit asked for.
    pub klines: Vec<Kline>,
    /// The range holds more klines than the limit.
    pub truncated: bool,
    /// Requests sent.
    pub requests: usize,
    /// The kline still open (its close time not yet passed) was left out.
    pub open_left_out: bool,
}

/// Reads up to `limit` closed klines through `fetch(startTime, endTime, limit)` (one
/// `GET /api/v3/klines` each, at most [`KLINES_PER_REQUEST`]). With `start_ms`: the first
/// `limit` opening at or after it and at or before `end_ms`, paging forward; without: the last
/// `limit` opening at or before `end_ms` (or now), paging backward with `endTime` alone, which
/// Binance answers with the most recent klines up to it. A kline whose close time is at or
/// after `now_ms` is still open and left out.
pub async fn read_klines<F, Fut>(
    start_ms: Option<i64>,
    end_ms: Option<i64>,
    limit: usize,
    now_ms: i64,
    mut fetch: F,
) -> Result<KlinePages, BinanceError>
where
    F: FnMut(Option<i64>, Option<i64>, usize) -> Fut,
    Fut: Future<Output = Result<Vec<Kline>, BinanceError>>,
{
    // One more than asked tells whether the range holds more.
    let want = limit.saturating_add(1);
    let mut out = KlinePages::default();
    let closed = |k: &Kline, out: &mut KlinePages| {
        let open = k.close_time >= now_ms;
        out.open_left_out |= open;
        !open
    };
    match start_ms {
        Some(start) => {
            let mut cursor = start;
            while out.klines.len() < want && end_ms.is_none_or(|e| cursor <= e) {
                let page = (want - out.klines.len()).min(KLINES_PER_REQUEST);
                let rows = fetch(Some(cursor), end_ms, page).await?;
                out.requests += 1;
                let full = rows.len() >= page;
                let Some(last_open) = rows.last().map(|k| k.open_time) else {
                    break;
                };
                for k in rows {
                    if k.open_time >= cursor && closed(&k, &mut out) {
                        out.klines.push(k);
                    }
                }
                if !full || out.open_left_out {
                    break;
                }
                cursor = last_open + 1;
            }
            out.truncated = out.klines.len() > limit;
            out.klines.truncate(limit);
        }
        None => {
            let mut cursor = end_ms;
            let mut pages: Vec<Vec<Kline>> = Vec::new();
            let mut have = 0;
            while have < want {
                let page = (want - have).min(KLINES_PER_REQUEST);
                let rows = fetch(None, cursor, page).await?;
                out.requests += 1;
                let full = rows.len() >= page;
                let Some(first_open) = rows.first().map(|k| k.open_time) else {
                    break;
                };
                let kept: Vec<Kline> = rows
                    .into_iter()
                    .filter(|k| cursor.is_none_or(|c| k.open_time <= c) && closed(k, &mut out))
                    .collect();
                have += kept.len();
                pages.push(kept);
                if !full {
                    break;
                }
                cursor = Some(first_open - 1);
            }
            let mut klines: Vec<Kline> = pages.into_iter().rev().flatten().collect();
            out.truncated = klines.len() > limit;
            if out.truncated {
                klines.drain(..klines.len() - limit);
            }
            out.klines = klines;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use rust_decimal::Decimal;

    use super::*;
    use crate::data::parse_bar_spec;

    const MIN: i64 = 60_000;

    fn kline(open: i64) -> Kline {
        Kline {
            open_time: open,
            open: Decimal::ONE,
            high: Decimal::TWO,
            low: Decimal::ONE,
            close: Decimal::TWO,
            volume: Decimal::TEN,
            close_time: open + MIN - 1,
            quote_volume: Decimal::TEN,
            trades: 1,
            taker_buy_base_volume: Decimal::ONE,
            taker_buy_quote_volume: Decimal::ONE,
        }
    }

    /// A klines request: startTime, endTime, limit.
    type Call = (Option<i64>, Option<i64>, usize);

    /// A venue holding 1-minute klines opening at `0, MIN, ..., (n-1)·MIN`, answering as
    /// Binance does; records the requests.
    struct Venue {
        opens: Vec<i64>,
        calls: RefCell<Vec<Call>>,
    }

    impl Venue {
        fn new(n: i64) -> Self {
            Self {
                opens: (0..n).map(|i| i * MIN).collect(),
                calls: RefCell::new(Vec::new()),
            }
        }

        fn answer(
            &self,
            start: Option<i64>,
            end: Option<i64>,
            limit: usize,
        ) -> Result<Vec<Kline>, BinanceError> {
            assert!(limit <= KLINES_PER_REQUEST);
            self.calls.borrow_mut().push((start, end, limit));
            let inside: Vec<i64> = self
                .opens
                .iter()
                .copied()
                .filter(|o| start.is_none_or(|s| *o >= s) && end.is_none_or(|e| *o <= e))
                .collect();
            let picked = if start.is_some() {
                &inside[..inside.len().min(limit)]
            } else {
                &inside[inside.len().saturating_sub(limit)..]
            };
            Ok(picked.iter().map(|o| kline(*o)).collect())
        }

        async fn read(
            &self,
            start: Option<i64>,
            end: Option<i64>,
            limit: usize,
            now: i64,
        ) -> KlinePages {
            read_klines(start, end, limit, now, |s, e, l| {
                let r = self.answer(s, e, l);
                async move { r }
            })
            .await
            .unwrap()
        }
    }

    fn opens(p: &KlinePages) -> Vec<i64> {
        p.klines.iter().map(|k| k.open_time / MIN).collect()
    }

    #[tokio::test]
    async fn pages_forward_from_start() {
        let v = Venue::new(2500);
        let far = i64::MAX / 2;
        let p = v.read(Some(0), None, 2500, far).await;
        assert_eq!(opens(&p), (0..2500).collect::<Vec<_>>());
        assert!(!p.truncated);
        assert_eq!(p.requests, 3);
        let p = v.read(Some(10 * MIN), Some(2009 * MIN), 1500, far).await;
        assert_eq!(opens(&p), (10..1510).collect::<Vec<_>>());
        assert!(p.truncated);
        let p = v.read(Some(10 * MIN + 1), Some(14 * MIN), 100, far).await;
        assert_eq!(opens(&p), (11..=14).collect::<Vec<_>>());
        assert!(!p.truncated);
    }

    #[tokio::test]
    async fn pages_backward_from_the_end_and_leaves_the_open_kline_out() {
        let v = Venue::new(2500);
        // Now is inside the last kline (2499): it is still open.
        let now = 2499 * MIN + 30_000;
        let p = v.read(None, None, 2000, now).await;
        assert_eq!(opens(&p), (499..2499).collect::<Vec<_>>());
        assert!(p.truncated && p.open_left_out);
        assert_eq!(p.requests, 3);
        let p = v.read(None, Some(100 * MIN), 1000, now).await;
        assert_eq!(opens(&p), (0..=100).collect::<Vec<_>>());
        assert!(!p.truncated && !p.open_left_out);
        assert_eq!(p.requests, 1);
        // Every request stays within Binance's limit and no kline is read twice.
        for (_, _, limit) in v.calls.borrow().iter() {
            assert!(*limit <= KLINES_PER_REQUEST);
        }
    }

    #[test]
    fn specs_map_to_intervals() {
        let spec = |s: &str| parse_bar_spec("bar_spec", s).unwrap();
        assert_eq!(kline_interval(&spec("1-MINUTE-LAST")).unwrap(), "1m");
        assert_eq!(kline_interval(&spec("4-HOUR-LAST")).unwrap(), "4h");
        assert_eq!(kline_interval(&spec("1-DAY-LAST")).unwrap(), "1d");
        assert_eq!(kline_interval(&spec("1-WEEK-LAST")).unwrap(), "1w");
        let e = kline_interval(&spec("2-MINUTE-LAST")).unwrap_err();
        assert!(
            e.message.starts_with(
                "bar_spec: Binance has no kline interval for 2-MINUTE-LAST; its bar specs are 1-SECOND-LAST, 1-MINUTE-LAST"
            ),
            "{}",
            e.message
        );
        let e = kline_interval(&spec("1-MINUTE-BID")).unwrap_err();
        assert!(e.message.contains("ask for 1-MINUTE-LAST"), "{}", e.message);
    }
}
