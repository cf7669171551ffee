//! Market data in and out: CSV import, synthetic generation, the catalog's chunk format,
//! instrument definitions, and conversion to Nautilus data types.

pub mod codec;
pub mod csv_export;
pub mod csv_import;
pub mod currencies;
pub mod files;
pub mod generate;
pub mod instruments;
pub mod nautilus;
pub mod pairing;
pub mod resample;
pub mod time;

use std::str::FromStr;

use nautilus_model::{
    data::{BarSpecification, BarType},
    enums::{AggregationSource, BarAggregation, PriceType},
    identifiers::InstrumentId,
};

use crate::error::{OpError, OpResult};

/// Parses a bar specification such as `1-MINUTE-LAST` or `5-MINUTE-BID`.
pub fn parse_bar_spec(field: &str, s: &str) -> OpResult<BarSpecification> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let bad = |why: &str| {
        OpError::invalid(
            field,
            format!("'{s}' is not a bar spec like 1-MINUTE-LAST ({why})"),
        )
    };
    let [step, agg, price] = parts.as_slice() else {
        if parts.len() == 2 {
            return parse_bar_spec(field, &format!("{s}-LAST"));
        }
        return Err(bad("expected STEP-AGGREGATION-PRICE_TYPE"));
    };
    let step: usize = step
        .parse()
        .map_err(|_| bad("step is not a positive integer"))?;
    let agg = BarAggregation::from_str(&agg.to_ascii_uppercase())
        .map_err(|_| bad("aggregation must be SECOND, MINUTE, HOUR, DAY or WEEK"))?;
    if !matches!(
        agg,
        BarAggregation::Second
            | BarAggregation::Minute
            | BarAggregation::Hour
            | BarAggregation::Day
            | BarAggregation::Week
    ) {
        return Err(bad(
            "only time bars (SECOND, MINUTE, HOUR, DAY, WEEK) are supported",
        ));
    }
    let price = PriceType::from_str(&price.to_ascii_uppercase())
        .map_err(|_| bad("price type must be LAST, BID, ASK or MID"))?;
    // Nautilus turns the interval into a chrono TimeDelta, which panics past its range.
    let unit_secs: u64 = match agg {
        BarAggregation::Second => 1,
        BarAggregation::Minute => 60,
        BarAggregation::Hour => 3_600,
        BarAggregation::Day => 86_400,
        _ => 7 * 86_400,
    };
    if (step as u64)
        .checked_mul(unit_secs)
        .is_none_or(|s| s > MAX_BAR_SECS)
    {
        return Err(bad("a bar may be at most 100 years long"));
    }
    BarSpecification::new_checked(step, agg, price).map_err(|e| bad(&e.to_string()))
}

/// The longest bar interval, in seconds.
const MAX_BAR_SECS: u64 = 100 * 366 * 86_400;

/// The bar spec for an interval in nanoseconds, if it is a whole number of a time unit.
#[must_use]
pub fn spec_for_step(step_ns: i64, price_type: PriceType) -> Option<BarSpecification> {
    const S: i64 = 1_000_000_000;
    let units = [
        (7 * 86_400 * S, BarAggregation::Week),
        (86_400 * S, BarAggregation::Day),
        (3600 * S, BarAggregation::Hour),
        (60 * S, BarAggregation::Minute),
        (S, BarAggregation::Second),
    ];
    units.iter().find_map(|(unit, agg)| {
        (step_ns > 0 && step_ns % unit == 0)
            .then(|| {
                BarSpecification::new_checked((step_ns / unit) as usize, *agg, price_type).ok()
            })
            .flatten()
    })
}

/// Interval of a time bar spec in nanoseconds.
#[must_use]
pub fn spec_step_ns(spec: &BarSpecification) -> i64 {
    spec.timedelta().num_nanoseconds().unwrap_or(i64::MAX)
}

/// The external bar type of an instrument and spec.
#[must_use]
pub fn bar_type(instrument_id: InstrumentId, spec: BarSpecification) -> BarType {
    BarType::new(instrument_id, spec, AggregationSource::External)
}

/// Catalog key of a bar series: the Nautilus bar type string.
#[must_use]
pub fn bars_key(instrument_id: InstrumentId, spec: BarSpecification) -> String {
    bar_type(instrument_id, spec).to_string()
}

/// Catalog key of a quote series.
#[must_use]
pub fn quotes_key(instrument_id: &str) -> String {
    format!("{instrument_id}-QUOTES")
}

/// Catalog key of a trade series.
#[must_use]
pub fn trades_key(instrument_id: &str) -> String {
    format!("{instrument_id}-TRADES")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        let s = parse_bar_spec("bar_spec", "1-MINUTE-LAST").unwrap();
        assert_eq!(s.to_string(), "1-MINUTE-LAST");
        assert_eq!(
            parse_bar_spec("bar_spec", "5-minute").unwrap().to_string(),
            "5-MINUTE-LAST"
        );
        assert!(parse_bar_spec("bar_spec", "1-TICK-LAST").is_err());
        // Used to panic inside chrono (TimeDelta::days out of bounds).
        let e = parse_bar_spec("bar_spec", "99999999999999-DAY-LAST").unwrap_err();
        assert!(e.message.contains("at most 100 years"), "{e}");
        assert!(parse_bar_spec("bar_spec", "18446744073709551615-SECOND-LAST").is_err());
        assert!(parse_bar_spec("bar_spec", "36500-DAY-LAST").is_ok());
        assert_eq!(
            spec_for_step(60_000_000_000, PriceType::Last)
                .unwrap()
                .to_string(),
            "1-MINUTE-LAST"
        );
        assert_eq!(
            spec_for_step(3_600_000_000_000, PriceType::Bid)
                .unwrap()
                .to_string(),
            "1-HOUR-BID"
        );
        let id = InstrumentId::from("BTCUSDT.BINANCE");
        assert_eq!(bars_key(id, s), "BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL");
    }
}
