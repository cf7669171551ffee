//! A margin account's balance totals as Nautilus's portfolio books them on each fill
//! (`AccountsManager::update_balances` and `MarginAccount::calculate_pnls`, nautilus-portfolio
//! and nautilus-model 0.57.0): the realized PnL of the part of the fill that reduces the
//! position, less the commission, added through the same `f64` steps for an account with one
//! balance per currency, or as `Money` for an account with a base currency. Locked and free
//! amounts only matter to orders that the fast path never sends with a price to check, so
//! only totals are kept.

use nautilus_model::types::{Currency, Money, Quantity};
use rust_decimal::prelude::ToPrimitive;

use super::position::{Contract, Fill, PositionMath};

/// Balance totals per currency, in the order the account lists them.
#[derive(Debug, Clone)]
pub struct Balances {
    /// (currency, starting, current total).
    totals: Vec<(Currency, Money, Money)>,
    /// The account's single base currency, if it has one.
    base_currency: Option<Currency>,
}

impl Balances {
    /// An account starting with `balances`.
    #[must_use]
    pub fn new(balances: &[Money], base_currency: Option<Currency>) -> Self {
        Self {
            totals: balances.iter().map(|m| (m.currency, *m, *m)).collect(),
            base_currency,
        }
    }

    /// The current total of `currency`.
    #[must_use]
    pub fn total(&self, currency: Currency) -> Option<Money> {
        self.totals
            .iter()
            .find(|(c, _, _)| *c == currency)
            .map(|(_, _, t)| *t)
    }

    /// (currency code, starting, ending) as the engine reports them.
    #[must_use]
    pub fn report(&self) -> Vec<(String, rust_decimal::Decimal, rust_decimal::Decimal)> {
        self.totals
            .iter()
            .map(|(c, s, t)| (c.code.to_string(), s.as_decimal(), t.as_decimal()))
            .collect()
    }

    /// Every current total.
    pub fn totals(&self) -> impl Iterator<Item = Money> + '_ {
        self.totals.iter().map(|(_, _, t)| *t)
    }

    fn set(&mut self, total: Money) {
        match self
            .totals
            .iter_mut()
            .find(|(c, _, _)| *c == total.currency)
        {
            Some(slot) => slot.2 = total,
            None => self
                .totals
                .push((total.currency, Money::new(0.0, total.currency), total)),
        }
    }

    /// Books `fill` against the position it fills (as it was before the fill). `None` when
    /// Nautilus would not book it (it logs an error and leaves the account unchanged), which
    /// the fast path cannot reproduce faithfully.
    pub fn book(&mut self, c: &Contract, before: Option<&PositionMath>, fill: &Fill) -> Option<()> {
        let pnl = before
            .filter(|p| p.quantity.is_positive() && p.entry != fill.side)
            .map(|p| {
                let qty = Quantity::from_raw(fill.qty.raw.min(p.quantity.raw), fill.qty.precision);
                p.calculate_pnl(c, p.avg_px_open, fill.px.as_f64(), qty)
            });
        match self.base_currency {
            Some(base) => self.book_single(base, pnl, fill.commission),
            None => self.book_multi(pnl, fill.commission),
        }
    }

    /// `update_balance_single_currency`: everything in the base currency, as `Money`.
    fn book_single(&mut self, base: Currency, pnl: Option<Money>, commission: Money) -> Option<()> {
        let mut pnl = pnl.unwrap_or_else(|| Money::new(0.0, base));
        if pnl.currency != base || commission.currency != base {
            // Nautilus converts at a quote's exchange rate, which bars do not give.
            return None;
        }
        pnl = pnl - commission;
        if pnl.is_zero() {
            return Some(());
        }
        let total = self.total(base)?;
        self.set(total + pnl);
        Some(())
    }

    /// `update_balance_multi_currency`: one balance per currency, added through `f64`.
    fn book_multi(&mut self, pnl: Option<Money>, commission: Money) -> Option<()> {
        let mut apply_commission = !commission.is_zero();
        let mut updates: Vec<Money> = Vec::with_capacity(2);
        if let Some(mut pnl) = pnl {
            if apply_commission && pnl.currency == commission.currency {
                pnl = pnl - commission;
                apply_commission = false;
            }
            if !pnl.is_zero() {
                match self.total(pnl.currency) {
                    Some(total) => {
                        updates.push(Money::new(total.as_f64() + pnl.as_f64(), pnl.currency))
                    }
                    None if pnl.as_decimal().is_sign_negative() => return None,
                    None => updates.push(pnl),
                }
            }
        }
        if apply_commission {
            let total = self.total(commission.currency)?;
            let new_total = (total.as_decimal() - commission.as_decimal()).to_f64()?;
            updates.push(Money::new(new_total, commission.currency));
        }
        for total in updates {
            self.set(total);
        }
        Some(())
    }
}
