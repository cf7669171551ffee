//! A last check that the account booked what the trades did: when every position is flat, each
//! currency's balance change must equal the realized PnL of the round trips settled in it.
//! Nautilus logs and skips a fill it cannot book (e.g. a PnL in a currency it cannot convert);
//! a run that passes that by would report numbers that do not add up.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::{OpError, OpResult};

/// Fails when a currency's balance change and its round trips' PnL disagree beyond rounding.
/// `balances` are (currency, start, end) of the venue `venue`, a cash account when `cash`;
/// `trips` are (instrument id, currency, realized PnL) and those of other venues are ignored.
pub fn check<'t>(
    venue: &str,
    cash: bool,
    balances: &[(String, Decimal, Decimal)],
    trips: impl IntoIterator<Item = (&'t str, &'t str, Decimal)>,
) -> OpResult<()> {
    let suffix = format!(".{venue}");
    let mut realized: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (_, currency, pnl) in trips
        .into_iter()
        .filter(|(instrument, _, _)| instrument.ends_with(&suffix))
    {
        *realized.entry(currency).or_default() += pnl;
    }
    for (currency, pnl) in realized {
        let (start, end) = balances
            .iter()
            .find(|(c, _, _)| c == currency)
            .map_or((Decimal::ZERO, Decimal::ZERO), |(_, s, e)| (*s, *e));
        let change = end - start;
        // Nautilus rounds some amounts through f64: allow a millionth of the balance.
        let tolerance = Decimal::new(1, 2).max(start.abs().max(end.abs()) * Decimal::new(1, 6));
        if (change - pnl).abs() > tolerance {
            let what = format!(
                "the simulated account did not book the trades: its {currency} balance on \
                 {venue} changed by {} while the round trips realized {} {currency}, so the \
                 results would be wrong and are not stored",
                change.normalize(),
                pnl.normalize()
            );
            return Err(if cash {
                OpError::state(format!(
                    "{what}. A CASH account cannot fund these trades (buying needs the quote \
                     currency, selling short needs the base currency held): give more \
                     initial_capital, hold the base currency, set allow_short=false, or use \
                     account_type MARGIN"
                ))
            } else {
                OpError::internal(format!(
                    "{what}. The engine skipped fills it could not book (a currency it cannot \
                     convert?)"
                ))
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::backtest::results::RoundTrip;

    fn trip(instrument: &str, pnl: &str) -> RoundTrip {
        serde_json::from_value(serde_json::json!({
            "position_id": "P-1", "instrument_id": instrument, "side": "LONG",
            "quantity": "1", "entry_time": "", "exit_time": "", "entry_price": "1",
            "exit_price": "1", "realized_pnl": pnl, "currency": "USDT", "return_pct": 0.0, "net_return_pct": null,
            "duration": "", "duration_secs": 0.0, "commission": "", "entry_ns": 0, "exit_ns": 0
        }))
        .unwrap()
    }

    fn facts(trips: &[RoundTrip]) -> Vec<(&str, &str, Decimal)> {
        trips
            .iter()
            .map(|t| (t.instrument_id.as_str(), t.currency.as_str(), t.pnl()))
            .collect()
    }

    #[test]
    fn an_unbooked_pnl_is_refused_and_a_booked_one_passes() {
        let trips = [trip("BTCUSDT.BINANCE", "-1205.5"), trip("X.OTHER", "7")];
        let trips = facts(&trips);
        let unchanged = [("USDT".to_string(), Decimal::from(1000), Decimal::from(1000))];
        let err = check("BINANCE", false, &unchanged, trips.clone()).unwrap_err();
        assert!(
            err.message
                .contains("changed by 0 while the round trips realized -1205.5")
        );
        let err = check("BINANCE", true, &unchanged, trips.clone()).unwrap_err();
        assert_eq!(err.category, crate::error::Category::Client);
        assert!(
            err.message
                .contains("A CASH account cannot fund these trades")
        );
        let booked = [(
            "USDT".to_string(),
            Decimal::from(10_000),
            Decimal::new(87945, 1),
        )];
        check("BINANCE", false, &booked, trips.clone()).unwrap();
        // No USDT balance at all is a change of zero.
        assert!(check("BINANCE", false, &[], trips).is_err());
    }
}
