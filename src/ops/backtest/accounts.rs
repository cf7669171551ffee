//! The simulated account of each venue: its currencies and starting balances, checked so the
//! engine can book every fill (Nautilus drops a PnL or commission it cannot convert, and the
//! run would report an unchanged balance while the trades lost or made money).

use std::{collections::BTreeMap, str::FromStr};

use nautilus_execution::models::{
    fee::{FeeModelAny, FixedFeeModel, MakerTakerFeeModel},
    fill::{BestPriceFillModel, DefaultFillModel, FillModelAny},
};
use nautilus_model::{
    enums::{AccountType, OmsType},
    identifiers::Venue,
    instruments::{Instrument, InstrumentAny},
    types::Money,
};
use rust_decimal::Decimal;

use super::config::{BacktestConfig, parse_money};
use crate::{
    data,
    engine::backtest::VenueSetup,
    error::{OpError, OpResult},
    values::Dec,
};

/// Stable coins and dollars that a capital in one of them may stand for another.
const USD_LIKE: &[&str] = &["USD", "USDT", "USDC", "BUSD", "FDUSD", "TUSD", "DAI"];

/// The currency an instrument's PnL and margins are booked in.
pub fn settlement(instrument: &InstrumentAny) -> String {
    instrument.settlement_currency().code.to_string()
}

/// The instruments traded on one venue, with the currencies they use.
pub struct VenueInstruments<'a> {
    pub venue: Venue,
    pub instruments: Vec<&'a InstrumentAny>,
}

impl VenueInstruments<'_> {
    /// (instrument id, settlement currency) of each instrument.
    fn settlements(&self) -> Vec<(String, String)> {
        self.instruments
            .iter()
            .map(|i| (i.id().to_string(), settlement(i)))
            .collect()
    }

    /// Every currency an instrument of the venue trades or settles in.
    fn currencies(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for i in &self.instruments {
            let mut codes = vec![i.quote_currency().code.to_string(), settlement(i)];
            codes.extend(i.base_currency().map(|c| c.code.to_string()));
            for c in codes {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }
}

/// A venue's account and models, and its starting balances per currency.
pub struct Account {
    pub setup: VenueSetup,
    pub balances: BTreeMap<String, Decimal>,
}

/// Builds one venue's account from the configuration and the capital the user gave.
pub fn venue_account(
    config: &BacktestConfig,
    at: &VenueInstruments<'_>,
    capital: &BTreeMap<String, Decimal>,
    notes: &mut Vec<String>,
) -> OpResult<Account> {
    if let Some(base) = &config.base_currency {
        check_base_currency(base, at)?;
    }
    let balances = starting_balances(config, at, capital, notes)?;
    let starting_balances = balances
        .iter()
        .map(|(c, a)| {
            Money::from_decimal(*a, data::instruments::currency(c))
                .map_err(|e| OpError::invalid(&format!("initial_capital.{c}"), e.to_string()))
        })
        .collect::<OpResult<Vec<_>>>()?;
    let setup = VenueSetup {
        venue: at.venue,
        oms_type: if config.oms_type == "HEDGING" {
            OmsType::Hedging
        } else {
            OmsType::Netting
        },
        account_type: if config.account_type == "CASH" {
            AccountType::Cash
        } else {
            AccountType::Margin
        },
        starting_balances,
        base_currency: config
            .base_currency
            .as_deref()
            .map(data::instruments::currency),
        leverage: config.leverage.map(Dec::get),
        fill_model: fill_model(config)?,
        fee_model: fee_model(config, at)?,
        certain_fills: config.fill_model == "best_price"
            && config.prob_fill_on_limit.get() == Decimal::ONE
            && config.prob_slippage.get().is_zero(),
    };
    Ok(Account { setup, balances })
}

/// Checks the account settings that depend on the instruments (base_currency, a fixed
/// commission) before a configuration is stored, venue by venue.
pub fn check_currencies(config: &BacktestConfig, instruments: &[InstrumentAny]) -> OpResult<()> {
    let mut venues: Vec<Venue> = Vec::new();
    for venue in instruments.iter().map(|i| i.id().venue) {
        if venues.contains(&venue) {
            continue;
        }
        venues.push(venue);
        let at = VenueInstruments {
            venue,
            instruments: instruments
                .iter()
                .filter(|i| i.id().venue == venue)
                .collect(),
        };
        if let Some(base) = &config.base_currency {
            check_base_currency(base, &at)?;
        }
        fee_model(config, &at)?;
    }
    Ok(())
}

/// A single-currency account books everything in its base currency, converting with the
/// venue's bid/ask prices; bar data gives it none, so the base must be what instruments settle in.
fn check_base_currency(base: &str, at: &VenueInstruments<'_>) -> OpResult<()> {
    match at.settlements().into_iter().find(|(_, c)| c != base) {
        Some((id, ccy)) => Err(OpError::invalid(
            "base_currency",
            format!(
                "{base} is not the currency {id} settles in ({ccy}); the simulated venue cannot \
                 convert {ccy} to {base} from bar data, so its PnL would be lost. Use {ccy}, or \
                 leave base_currency unset for one balance per currency"
            ),
        )),
        None => Ok(()),
    }
}

/// The capital mapped onto the currencies the venue's account can hold, with a zero balance
/// for each settlement currency not given (the engine drops a debit from a missing balance).
fn starting_balances(
    config: &BacktestConfig,
    at: &VenueInstruments<'_>,
    capital: &BTreeMap<String, Decimal>,
    notes: &mut Vec<String>,
) -> OpResult<BTreeMap<String, Decimal>> {
    let venue = at.venue;
    let valid = match &config.base_currency {
        Some(base) => vec![base.clone()],
        None => at.currencies(),
    };
    let mut mapped: BTreeMap<String, Decimal> = BTreeMap::new();
    for (ccy, amount) in capital {
        let field = format!("initial_capital.{ccy}");
        let target = if valid.contains(ccy) {
            ccy.clone()
        } else if let Some(alt) = USD_LIKE
            .contains(&ccy.as_str())
            .then(|| valid.iter().find(|u| USD_LIKE.contains(&u.as_str())))
            .flatten()
        {
            notes.push(format!(
                "initial_capital {ccy} is held as {alt} on {venue} (1:1), the currency its instruments settle in"
            ));
            alt.clone()
        } else if let Some(base) = &config.base_currency {
            return Err(OpError::invalid(
                &field,
                format!("the account's base_currency is {base}; give the capital in {base}"),
            ));
        } else {
            return Err(OpError::invalid(
                &field,
                format!(
                    "no instrument on {venue} trades or settles in {ccy}; use one of {}",
                    valid.join(", ")
                ),
            ));
        };
        check_capital_limit(&field, &target, *amount)?;
        *mapped.entry(target.clone()).or_default() += *amount;
        check_capital_limit(
            &format!("initial_capital.{target}"),
            &target,
            mapped[&target],
        )?;
    }
    for (id, ccy) in at.settlements() {
        if let std::collections::btree_map::Entry::Vacant(slot) = mapped.entry(ccy) {
            notes.push(format!(
                "{} starts at 0 on {venue}: {id} books its PnL and fees in {}",
                slot.key(),
                slot.key()
            ));
            slot.insert(Decimal::ZERO);
        }
    }
    Ok(mapped)
}

/// The largest balance the engine keeps exact in `currency`. Nautilus adds balances as f64 and
/// checks that total = locked + free to the currency's precision; that holds while
/// balance × 10^precision stays below 2^51 (22,517,998 for an 8-decimal currency like USDT).
#[must_use]
pub fn capital_limit(currency: &str) -> Decimal {
    let precision = u32::from(data::instruments::currency(currency).precision);
    let exact = Decimal::from(1u64 << 51) / Decimal::from(10u64.pow(precision));
    let money_max = Decimal::from_str(&nautilus_model::types::money::MONEY_MAX.to_string())
        .unwrap_or(Decimal::MAX);
    exact.min(money_max).floor()
}

fn check_capital_limit(field: &str, currency: &str, amount: Decimal) -> OpResult<()> {
    let limit = capital_limit(currency);
    if amount > limit {
        return Err(OpError::invalid(
            field,
            format!(
                "{} {currency} is above the largest balance the engine books exactly in {currency} \
                 ({limit}); give at most {limit}",
                amount.normalize()
            ),
        ));
    }
    Ok(())
}

fn fill_model(config: &BacktestConfig) -> OpResult<FillModelAny> {
    let (p_fill, p_slip) = (
        to_f64(config.prob_fill_on_limit.get()),
        to_f64(config.prob_slippage.get()),
    );
    let bad = |e: anyhow::Error| OpError::invalid("prob_fill_on_limit", e.to_string());
    Ok(if config.fill_model == "volume" {
        FillModelAny::Default(DefaultFillModel::new(p_fill, p_slip, config.fill_seed).map_err(bad)?)
    } else {
        FillModelAny::BestPrice(
            BestPriceFillModel::new(p_fill, p_slip, config.fill_seed).map_err(bad)?,
        )
    })
}

/// The fee model; a fixed commission must be in the currency every instrument settles in,
/// or the engine cannot deduct it and the round trips leave it out.
fn fee_model(config: &BacktestConfig, at: &VenueInstruments<'_>) -> OpResult<FeeModelAny> {
    let settlements = at.settlements();
    let fixed = |commission: Money, field: &str| {
        FixedFeeModel::new(commission, None)
            .map(FeeModelAny::Fixed)
            .map_err(|e| OpError::invalid(field, e.to_string()))
    };
    match config.fee_model.as_str() {
        "fixed" => {
            let text = config.commission.as_deref().unwrap_or_default();
            let commission = parse_money("commission", text)?;
            let ccy = commission.currency.code.to_string();
            if let Some((id, settle)) = settlements.iter().find(|(_, s)| *s != ccy) {
                return Err(OpError::invalid(
                    "commission",
                    format!(
                        "'{text}' is in {ccy}, but {id} settles in {settle}: give the commission \
                         in {settle} (or use fee_model maker_taker when instruments settle in \
                         different currencies)"
                    ),
                ));
            }
            fixed(commission, "commission")
        }
        "none" => {
            let ccy = data::instruments::currency(&settlements[0].1);
            fixed(Money::from_raw(0, ccy), "fee_model")
        }
        _ => Ok(FeeModelAny::MakerTaker(MakerTakerFeeModel)),
    }
}

fn to_f64(d: Decimal) -> f64 {
    f64::from_str(&d.to_string()).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capital_limit_follows_the_currency_precision() {
        // USDT has 8 decimals: 2^51 / 10^8.
        assert_eq!(capital_limit("USDT"), Decimal::from(22_517_998));
        // USD has 2 decimals: Nautilus's own ceiling (i64 money) is lower than the exact range.
        assert_eq!(capital_limit("USD"), Decimal::from(9_223_372_036u64));
    }
}
