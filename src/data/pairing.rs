//! Checks a bid bar file against the ask bar file paired with it: the same interval, shared
//! times, and an ask that is not below the bid on most rows (which means the files are swapped).
//! A few crossed rows are kept with a note: real quote data has them (the shared FXCM USD/JPY
//! files cross by a fraction of a pip at about one close in forty).

use std::path::Path;

use nautilus_model::{
    data::{Bar, BarSpecification, BarType, QuoteTick},
    enums::PriceType,
};
use rust_decimal::Decimal;

use super::{
    codec::BarRow,
    csv_import::Parsed,
    time::{format_duration_ns, format_ns},
};
use crate::error::{OpError, OpResult};

/// What pairing found: notes for the user.
#[derive(Debug)]
pub struct Pairing {
    pub notes: Vec<String>,
}

/// The first row where the ask sits below the bid, and how many do.
struct Crossed {
    count: usize,
    first: Option<(u64, &'static str, i64, i64)>,
}

/// Checks `ask` (read from `ask_path`) against `bid` (from `bid_path`); prices have
/// `precision` decimals.
pub fn check_bid_ask(
    bid: &Parsed<BarRow>,
    ask: &Parsed<BarRow>,
    bid_path: &Path,
    ask_path: &Path,
    precision: u8,
) -> OpResult<Pairing> {
    if bid.step_ns != ask.step_ns {
        let show = |s: Option<i64>| s.map_or_else(|| "?".into(), format_duration_ns);
        return Err(OpError::invalid(
            "ask_path",
            format!(
                "its rows are {} apart, the bid rows {}: the two sides must be bars of the same interval",
                show(ask.step_ns),
                show(bid.step_ns)
            ),
        ));
    }
    let (shared, crossed) = compare(bid, ask);
    let span = |p: &Parsed<BarRow>| {
        let (first, last) = (p.rows[0].ts, p.rows[p.rows.len() - 1].ts);
        format!("{} to {}", format_ns(first), format_ns(last))
    };
    if shared == 0 {
        return Err(OpError::invalid(
            "ask_path",
            format!(
                "{} shares no bar time with {} (ask {}, bid {}): the two sides must be bars of the same times",
                ask_path.display(),
                bid_path.display(),
                span(ask),
                span(bid)
            ),
        ));
    }
    let price = |m: i64| Decimal::new(m, u32::from(precision));
    let first = crossed.first.map(|(line, field, a, b)| {
        format!(
            "first at line {line} of {}: ask {field} {} < bid {field} {}",
            ask_path.display(),
            price(a),
            price(b)
        )
    });
    if crossed.count * 2 > shared {
        return Err(OpError::invalid(
            "ask_path",
            format!(
                "the ask is below the bid on {} of {shared} rows ({}); are the files swapped? \
                 path is the bid side, ask_path the ask side",
                crossed.count,
                first.unwrap_or_default()
            ),
        ));
    }
    let mut notes = Vec::new();
    if let Some(first) = first {
        notes.push(format!(
            "{} of {shared} bid/ask rows have an ask price below the bid ({first}); they are kept as given",
            crossed.count
        ));
    }
    let (lone_bid, lone_ask) = (bid.rows.len() - shared, ask.rows.len() - shared);
    if lone_bid + lone_ask > 0 {
        notes.push(format!(
            "{lone_bid} bid rows and {lone_ask} ask rows have no row of the other side at the same time; the venue keeps the other side's last price"
        ));
    }
    Ok(Pairing { notes })
}

/// Walks both sides in time order: rows at the same time, and the crossed ones among them.
fn compare(bid: &Parsed<BarRow>, ask: &Parsed<BarRow>) -> (usize, Crossed) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    let mut crossed = Crossed {
        count: 0,
        first: None,
    };
    while i < bid.rows.len() && j < ask.rows.len() {
        let (b, a) = (&bid.rows[i], &ask.rows[j]);
        match b.ts.cmp(&a.ts) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                let below = [
                    ("open", a.open, b.open),
                    ("high", a.high, b.high),
                    ("low", a.low, b.low),
                    ("close", a.close, b.close),
                ]
                .into_iter()
                .find(|(_, a, b)| a < b);
                if let Some((field, a, b)) = below {
                    crossed.count += 1;
                    crossed.first.get_or_insert((ask.lines[j], field, a, b));
                }
                i += 1;
                j += 1;
            }
        }
    }
    (shared, crossed)
}

/// The other side of a BID or ASK bar type (the ASK of a BID and back); `None` for the rest.
#[must_use]
pub fn partner_bar_type(bar_type: BarType) -> Option<BarType> {
    let spec = bar_type.spec();
    let other = match spec.price_type {
        PriceType::Bid => PriceType::Ask,
        PriceType::Ask => PriceType::Bid,
        _ => return None,
    };
    Some(BarType::new(
        bar_type.instrument_id(),
        BarSpecification::new(spec.step.get(), spec.aggregation, other),
        bar_type.aggregation_source(),
    ))
}

/// The quote a bid bar and an ask bar of the same time close at, sized by their volumes: how
/// the matching engine turns a pair of bid/ask bars into quotes (its last one is the close).
/// `None` unless one is a BID bar, the other an ASK bar, both of the same time.
#[must_use]
pub fn quote_of_bars(a: &Bar, b: &Bar) -> Option<QuoteTick> {
    let (bid, ask) = match (a.bar_type.spec().price_type, b.bar_type.spec().price_type) {
        (PriceType::Bid, PriceType::Ask) => (a, b),
        (PriceType::Ask, PriceType::Bid) => (b, a),
        _ => return None,
    };
    (bid.ts_event == ask.ts_event).then(|| QuoteTick {
        instrument_id: bid.bar_type.instrument_id(),
        bid_price: bid.close,
        ask_price: ask.close,
        bid_size: bid.volume,
        ask_size: ask.volume,
        ts_event: bid.ts_event,
        ts_init: bid.ts_init.max(ask.ts_init),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(rows: &[(i64, i64)]) -> Parsed<BarRow> {
        Parsed {
            rows: rows
                .iter()
                .map(|&(ts, px)| BarRow {
                    ts,
                    open: px,
                    high: px + 1,
                    low: px - 1,
                    close: px,
                    volume: 0,
                })
                .collect(),
            lines: (2..).take(rows.len()).collect(),
            report: Default::default(),
            step_ns: Some(60),
            spacing_ns: Some(60),
        }
    }

    fn check(bid: &[(i64, i64)], ask: &[(i64, i64)]) -> OpResult<Pairing> {
        check_bid_ask(
            &parsed(bid),
            &parsed(ask),
            Path::new("bid.csv"),
            Path::new("ask.csv"),
            2,
        )
    }

    #[test]
    fn swapped_files_and_disjoint_times_are_refused() {
        let err = check(&[(60, 1002), (120, 1003)], &[(60, 1000), (120, 1001)]).unwrap_err();
        assert!(
            err.message.starts_with(
                "ask_path: the ask is below the bid on 2 of 2 rows (first at line 2 of ask.csv: \
                 ask open 10.00 < bid open 10.02); are the files swapped?"
            ),
            "{}",
            err.message
        );
        let err = check(&[(60, 1000)], &[(180, 1001)]).unwrap_err();
        assert!(
            err.message.contains("shares no bar time"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_few_crossed_rows_and_lone_rows_are_noted() {
        let bid = [(60, 1000), (120, 1000), (180, 1000)];
        let ask = [(60, 1001), (120, 999), (180, 1002), (240, 1002)];
        let notes = check(&bid, &ask).unwrap().notes;
        assert!(
            notes[0].starts_with(
                "1 of 3 bid/ask rows have an ask price below the bid (first at line 3"
            ),
            "{notes:?}"
        );
        assert!(
            notes[1].starts_with("0 bid rows and 1 ask rows"),
            "{notes:?}"
        );
        assert!(
            check(&bid, &bid.map(|(t, p)| (t, p + 1)))
                .unwrap()
                .notes
                .is_empty()
        );
    }
}
