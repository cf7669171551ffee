//! Results of a run: round trips from Nautilus positions, statistics from nautilus-analysis.

use std::collections::BTreeMap;

use nautilus_analysis::{
    Returns,
    statistic::PortfolioStatistic,
    statistics::{
        cagr::CAGR, calmar_ratio::CalmarRatio, expectancy::Expectancy, loser_avg::AvgLoser,
        loser_max::MaxLoser, loser_min::MinLoser, max_drawdown::MaxDrawdown,
        profit_factor::ProfitFactor, returns_avg::ReturnsAverage,
        returns_avg_loss::ReturnsAverageLoss, returns_avg_win::ReturnsAverageWin,
        returns_volatility::ReturnsVolatility, risk_return_ratio::RiskReturnRatio,
        sharpe_ratio::SharpeRatio, sortino_ratio::SortinoRatio, win_rate::WinRate,
        winner_avg::AvgWinner, winner_max::MaxWinner, winner_min::MinWinner,
    },
};
use nautilus_core::UnixNanos;
use nautilus_model::{
    enums::OrderSide,
    identifiers::{InstrumentId, PositionId},
    position::Position,
    types::{Currency, Money, Quantity},
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::data::time::{format_duration_ns, format_ns};

/// One completed round trip (a position from open to flat).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RoundTrip {
    pub position_id: String,
    pub instrument_id: String,
    /// LONG or SHORT.
    pub side: String,
    /// Largest quantity held.
    pub quantity: String,
    pub entry_time: String,
    pub exit_time: String,
    /// Average entry price.
    pub entry_price: String,
    /// Average exit price.
    pub exit_price: String,
    /// Realized PnL after commissions, in `currency`.
    pub realized_pnl: String,
    pub currency: String,
    /// Price return of the position in percent, before commissions (Nautilus's realized
    /// return); `realized_pnl` is after commissions.
    pub return_pct: f64,
    /// Realized PnL after commissions as a percent of the entry notional (quantity ×
    /// multiplier × entry price); absent when the PnL is in another currency than the notional.
    #[serde(default)]
    pub net_return_pct: Option<f64>,
    pub duration: String,
    pub duration_secs: f64,
    /// Commissions paid, summed per currency ("1.23 USDT").
    pub commission: String,
    /// Entry time in Unix nanoseconds (for filtering).
    pub entry_ns: i64,
    /// Exit time in Unix nanoseconds.
    pub exit_ns: i64,
}

/// What a round trip is made of: the facts of a closed position, whichever path computed it
/// (Nautilus's `Position` in the engine, the fast path's replica of its arithmetic).
#[derive(Debug, Clone)]
pub struct TripFacts {
    pub position_id: PositionId,
    pub instrument_id: InstrumentId,
    /// The side that opened the position.
    pub entry: OrderSide,
    pub peak_qty: Quantity,
    pub ts_opened: i64,
    pub ts_closed: i64,
    pub price_precision: u8,
    pub avg_px_open: f64,
    pub avg_px_close: Option<f64>,
    pub realized_pnl: Option<Money>,
    pub realized_return: f64,
    pub settlement_currency: Currency,
    /// Commissions per currency, in the order they were first charged.
    pub commissions: Vec<Money>,
    pub multiplier: Quantity,
    pub is_inverse: bool,
    pub base_currency: Option<Currency>,
    pub quote_currency: Currency,
}

impl TripFacts {
    /// The facts of a closed Nautilus position; `None` while it is open.
    #[must_use]
    pub fn from_position(p: &Position) -> Option<Self> {
        if !p.is_closed() {
            return None;
        }
        let opened = p.ts_opened.as_u64() as i64;
        Some(Self {
            position_id: p.id,
            instrument_id: p.instrument_id,
            entry: p.entry,
            peak_qty: p.peak_qty,
            ts_opened: opened,
            ts_closed: p.ts_closed.map_or(opened, |t| t.as_u64() as i64),
            price_precision: p.price_precision,
            avg_px_open: p.avg_px_open,
            avg_px_close: p.avg_px_close,
            realized_pnl: p.realized_pnl,
            realized_return: p.realized_return,
            settlement_currency: p.settlement_currency,
            commissions: p.commissions(),
            multiplier: p.multiplier,
            is_inverse: p.is_inverse,
            base_currency: p.base_currency,
            quote_currency: p.quote_currency,
        })
    }

    /// The realized PnL after commissions as the statistics read it.
    #[must_use]
    pub fn pnl(&self) -> TripPnl {
        TripPnl {
            currency: self.settlement_currency.code,
            pnl: self.realized_pnl.map_or(0.0, |m| money_f64(&m)),
            long: self.entry == OrderSide::Buy,
        }
    }
}

/// A money amount as the nearest `f64`: the same number as parsing its decimal text.
#[must_use]
pub fn money_f64(m: &Money) -> f64 {
    // Nautilus keeps money as an integer count of 10^-9; below 2^53 that integer and the
    // scale are exact as f64, so one IEEE division rounds the exact value to nearest, as
    // parsing its decimal text does.
    if m.raw.unsigned_abs() < (1u64 << 53) {
        m.as_f64()
    } else {
        m.as_decimal().to_string().parse().unwrap_or(0.0)
    }
}

/// What the statistics need of one round trip.
#[derive(Debug, Clone, PartialEq)]
pub struct TripPnl {
    /// Currency of the PnL.
    pub currency: ustr::Ustr,
    /// Realized PnL after commissions.
    pub pnl: f64,
    /// Entered long.
    pub long: bool,
}

impl RoundTrip {
    /// The round trip of a closed position; `None` while it is open.
    #[must_use]
    pub fn from_position(p: &Position) -> Option<Self> {
        TripFacts::from_position(p).map(|f| Self::from_facts(&f))
    }

    /// The round trip of a closed position's facts.
    #[must_use]
    pub fn from_facts(p: &TripFacts) -> Self {
        let pp = p.price_precision as usize;
        let pnl = p.realized_pnl.map(|m| m.as_decimal()).unwrap_or_default();
        let (opened, closed) = (p.ts_opened, p.ts_closed);
        let commissions: Vec<String> = p.commissions.iter().map(ToString::to_string).collect();
        let entry_price = format!("{:.*}", pp, p.avg_px_open);
        Self {
            position_id: p.position_id.to_string(),
            instrument_id: p.instrument_id.to_string(),
            side: if p.entry == OrderSide::Buy {
                "LONG"
            } else {
                "SHORT"
            }
            .to_string(),
            quantity: p.peak_qty.to_string(),
            entry_time: format_ns(opened),
            exit_time: format_ns(closed),
            net_return_pct: net_return_pct(p, pnl, &entry_price),
            entry_price,
            exit_price: format!("{:.*}", pp, p.avg_px_close.unwrap_or_default()),
            realized_pnl: pnl.normalize().to_string(),
            currency: p.settlement_currency.code.to_string(),
            return_pct: round6(p.realized_return * 100.0),
            duration: format_duration_ns(closed - opened),
            duration_secs: (closed - opened) as f64 / 1e9,
            commission: commissions.join(", "),
            entry_ns: opened,
            exit_ns: closed,
        }
    }

    /// The realized PnL as a number.
    #[must_use]
    pub fn pnl(&self) -> Decimal {
        self.realized_pnl.parse().unwrap_or_default()
    }

    /// What the statistics need of this round trip.
    #[must_use]
    pub fn trip_pnl(&self) -> TripPnl {
        TripPnl {
            currency: ustr::Ustr::from(&self.currency),
            pnl: self.pnl().to_string().parse().unwrap_or(0.0),
            long: self.side == "LONG",
        }
    }
}

/// Net PnL over the entry notional, in percent, when both are in the same currency.
fn net_return_pct(p: &TripFacts, pnl: Decimal, entry_price: &str) -> Option<f64> {
    let price: Decimal = entry_price
        .parse()
        .ok()
        .filter(|d: &Decimal| !d.is_zero())?;
    let units = p.peak_qty.as_decimal() * p.multiplier.as_decimal();
    let (notional, currency) = if p.is_inverse {
        (units / price, p.base_currency?)
    } else {
        (units * price, p.quote_currency)
    };
    if currency != p.settlement_currency || notional.is_zero() {
        return None;
    }
    let pct = (pnl / notional * Decimal::from(100)).round_dp(6);
    pct.to_string().parse().ok()
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).map(round6)
}

/// PnL statistics of one currency.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PnlStats {
    pub currency: String,
    /// Ending minus starting balance (exact).
    pub pnl_total: String,
    /// PnL as a percentage of the starting balance.
    pub pnl_pct: Option<f64>,
    pub max_winner: Option<f64>,
    pub avg_winner: Option<f64>,
    pub min_winner: Option<f64>,
    pub min_loser: Option<f64>,
    pub avg_loser: Option<f64>,
    pub max_loser: Option<f64>,
    pub expectancy: Option<f64>,
    /// Winning round trips / all round trips (0-1).
    pub win_rate: Option<f64>,
}

/// Statistics of the daily returns of equity.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ReturnStats {
    /// Days per year used to annualise.
    pub annualization_days: usize,
    pub returns_volatility: Option<f64>,
    pub average_return: Option<f64>,
    pub average_win_return: Option<f64>,
    pub average_loss_return: Option<f64>,
    pub sharpe_ratio: Option<f64>,
    pub sortino_ratio: Option<f64>,
    pub profit_factor: Option<f64>,
    pub risk_return_ratio: Option<f64>,
    /// Largest peak-to-trough fall of daily equity, as a negative fraction.
    pub max_drawdown: Option<f64>,
    pub cagr: Option<f64>,
    pub calmar_ratio: Option<f64>,
}

/// All statistics of a run.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Statistics {
    pub pnl: Vec<PnlStats>,
    pub returns: ReturnStats,
    /// Share of round trips that were long (0-1).
    pub long_ratio: Option<f64>,
    /// Largest fall of the sampled equity curve from its running peak, in percent.
    pub equity_max_drawdown_pct: Option<f64>,
}

/// Daily returns from equity samples (last sample of each UTC day).
#[must_use]
pub fn daily_returns(equity: &[(i64, Decimal)]) -> Returns {
    const DAY: i64 = 86_400_000_000_000;
    // The last sample of each day (samples are in time order), converted once.
    let mut closes: BTreeMap<i64, f64> = BTreeMap::new();
    let mut last_of_day: Option<(i64, &Decimal)> = None;
    for (ts, e) in equity {
        let day = ts.div_euclid(DAY) * DAY;
        if let Some((d, v)) = last_of_day
            && d != day
        {
            closes.insert(d, v.to_string().parse().unwrap_or(0.0));
        }
        last_of_day = Some((day, e));
    }
    if let Some((d, v)) = last_of_day {
        closes.insert(d, v.to_string().parse().unwrap_or(0.0));
    }
    let mut returns = Returns::new();
    let mut prev: Option<f64> = None;
    for (day, value) in closes {
        if let Some(p) = prev
            && p != 0.0
        {
            let r = value / p - 1.0;
            if r.is_finite() {
                returns.insert(UnixNanos::from(day as u64), r);
            }
        }
        prev = Some(value);
    }
    returns
}

/// Computes the statistics with Nautilus's statistic implementations.
#[must_use]
pub fn statistics(
    trips: &[TripPnl],
    balances: &[(String, Decimal, Decimal)],
    equity: &[(i64, Decimal)],
    annualization_days: usize,
) -> Statistics {
    let period = Some(annualization_days);
    let pnl = balances
        .iter()
        .map(|(currency, start, end)| {
            let realized: Vec<f64> = trips
                .iter()
                .filter(|t| t.currency.as_str() == currency)
                .map(|t| t.pnl)
                .collect();
            let from = |s: &dyn PortfolioStatistic<Item = f64>| {
                finite(s.calculate_from_realized_pnls(&realized))
            };
            let total = *end - *start;
            let pct = (!start.is_zero())
                .then(|| total / *start * Decimal::from(100))
                .and_then(|d| d.to_string().parse::<f64>().ok());
            PnlStats {
                currency: currency.clone(),
                pnl_total: total.normalize().to_string(),
                pnl_pct: finite(pct),
                max_winner: from(&MaxWinner {}),
                avg_winner: from(&AvgWinner {}),
                min_winner: from(&MinWinner {}),
                min_loser: from(&MinLoser {}),
                avg_loser: from(&AvgLoser {}),
                max_loser: from(&MaxLoser {}),
                expectancy: from(&Expectancy {}),
                win_rate: from(&WinRate {}),
            }
        })
        .collect();
    let daily = daily_returns(equity);
    let from = |s: &dyn PortfolioStatistic<Item = f64>| finite(s.calculate_from_returns(&daily));
    let returns = ReturnStats {
        annualization_days,
        returns_volatility: from(&ReturnsVolatility::new(period)),
        average_return: from(&ReturnsAverage {}),
        average_win_return: from(&ReturnsAverageWin {}),
        average_loss_return: from(&ReturnsAverageLoss {}),
        sharpe_ratio: from(&SharpeRatio::new(period)),
        sortino_ratio: from(&SortinoRatio::new(period)),
        profit_factor: from(&ProfitFactor {}),
        risk_return_ratio: from(&RiskReturnRatio {}),
        max_drawdown: from(&MaxDrawdown::new()),
        cagr: from(&CAGR::new(period)),
        calmar_ratio: from(&CalmarRatio::new(period)),
    };
    Statistics {
        pnl,
        returns,
        long_ratio: long_ratio(trips),
        equity_max_drawdown_pct: max_drawdown_pct(equity),
    }
}

/// Share of round trips entered long, rounded to two decimals as Nautilus's `LongRatio`.
fn long_ratio(trips: &[TripPnl]) -> Option<f64> {
    if trips.is_empty() {
        return None;
    }
    let longs = trips.iter().filter(|t| t.long).count();
    Some((longs as f64 / trips.len() as f64 * 100.0).round() / 100.0)
}

/// The largest fall from a running peak, in percent (negative), of the sampled equity.
#[must_use]
pub fn max_drawdown_pct(equity: &[(i64, Decimal)]) -> Option<f64> {
    // Under one peak the fall (e - p) / p grows with e, and rounding keeps that order: only
    // the lowest sample under each positive peak needs the division.
    let mut peak: Option<Decimal> = None;
    let mut lowest: Option<Decimal> = None;
    let mut worst = Decimal::ZERO;
    let settle = |p: Decimal, low: Option<Decimal>, worst: &mut Decimal| {
        if let Some(e) = low
            && p > Decimal::ZERO
        {
            let dd = (e - p) / p;
            if dd < *worst {
                *worst = dd;
            }
        }
    };
    for (_, e) in equity {
        let p = *peak.get_or_insert(*e);
        if *e > p {
            settle(p, lowest.take(), &mut worst);
            peak = Some(*e);
        } else if lowest.is_none_or(|l| *e < l) {
            lowest = Some(*e);
        }
    }
    if let Some(p) = peak {
        settle(p, lowest, &mut worst);
    }
    peak.map(|_| {
        round6(
            (worst * Decimal::from(100))
                .to_string()
                .parse()
                .unwrap_or(0.0),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawdown_and_daily_returns() {
        let day = 86_400_000_000_000i64;
        let eq = vec![
            (0, Decimal::from(100)),
            (day, Decimal::from(120)),
            (2 * day, Decimal::from(90)),
            (3 * day, Decimal::from(130)),
        ];
        assert_eq!(max_drawdown_pct(&eq), Some(-25.0));
        let r = daily_returns(&eq);
        assert_eq!(r.len(), 3);
        assert!((r.values().next().unwrap() - 0.2).abs() < 1e-12);
    }
}
