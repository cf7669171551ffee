//! Position operations: the positions of a venue (`position list` / `get_positions`) and
//! their risk (`position risk`: exposure, leverage, margins, liquidation and historical VaR).

use std::sync::Arc;

use nautilus_model::{
    accounts::{AccountAny, MarginAccount},
    enums::{AccountType, PositionSide},
    instruments::{Instrument, InstrumentAny},
    orders::{Order, OrderAny},
    position::Position,
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    account::{AccountData, load_account},
    call::Call,
    context::Context,
    params::parse_venue,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::{codec::BarRow, time::format_ns},
    engine::node::{session::node_account, settings::PaperSettings, views::PositionView},
    error::{OpError, OpResult},
    store::{Db, catalog, instruments, node as db},
    values::parse_instrument_id,
};

/// Confidence of the VaR and expected shortfall.
const CONFIDENCE: f64 = 0.95;
/// Most daily returns used.
const WINDOW_DAYS: usize = 250;
/// Fewest daily returns for a daily estimate; with fewer, hourly returns are scaled by √24.
const MIN_DAYS: usize = 20;

/// Positions of a venue.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PositionList {
    pub venue: String,
    /// paper, testnet or live.
    pub mode: String,
    pub positions: Vec<PositionView>,
    pub as_of: String,
}

/// Get the positions of a venue (optionally one instrument): side, quantity, average entry,
/// mark price, unrealized and realized PnL, opened time and duration.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionsRequest {
    /// Venue (default: the config's default venue).
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
    /// Only this instrument, SYMBOL.VENUE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    #[serde(default)]
    pub instrument_id: Option<String>,
    /// Include closed position cycles.
    #[arg(long)]
    #[serde(default)]
    pub include_closed: bool,
}

/// `position list` / `get_positions`.
pub struct GetPositions;

impl Operation for GetPositions {
    const INFO: OpInfo = OpInfo {
        group: Group::Position,
        cli_name: "list",
        tool_name: "get_positions",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = PositionsRequest;
    type Response = PositionList;

    async fn run(ctx: Arc<Context>, req: PositionsRequest, _call: Call) -> OpResult<PositionList> {
        let instrument = req
            .instrument_id
            .as_deref()
            .map(|i| parse_instrument_id("instrument_id", i))
            .transpose()?;
        let venue = match (&req.venue, instrument) {
            (Some(v), Some(i)) if parse_venue("venue", v)? != i.venue.as_str() => {
                return Err(OpError::invalid(
                    "venue",
                    format!("{v} does not match the instrument's venue {}", i.venue),
                ));
            }
            (None, Some(i)) => Some(i.venue.to_string()),
            (v, _) => v.clone(),
        };
        let sync_venue = venue
            .clone()
            .unwrap_or_else(|| ctx.settings.default_venue());
        crate::engine::venues::runtime::sync_for_read(&ctx, Some(&sync_venue)).await;
        tokio::task::spawn_blocking(move || {
            let a = load_account(&ctx, venue.as_deref())?;
            let positions = a
                .all
                .iter()
                .filter(|p| req.include_closed || p.is_open())
                .filter(|p| instrument.is_none_or(|i| p.instrument_id == i))
                .map(|p| {
                    PositionView::of(
                        p,
                        a.marks.get(&p.instrument_id.to_string()).map(|m| m.0),
                        a.now,
                    )
                })
                .collect();
            Ok(PositionList {
                mode: a.venue.mode.clone(),
                venue: a.venue.name,
                positions,
                as_of: format_ns(a.now),
            })
        })
        .await
        .map_err(OpError::internal)?
    }
}

/// Risk of one position.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PositionRisk {
    pub position_id: String,
    pub instrument_id: String,
    pub side: String,
    pub quantity: String,
    pub mark_price: Option<String>,
    /// Value of the position at the mark, in the settlement currency.
    pub notional: Option<String>,
    pub currency: String,
    /// Notional over the account's equity in that currency, in percent.
    pub share_of_equity_pct: Option<f64>,
    /// Notional over equity.
    pub leverage: Option<f64>,
    /// Initial and maintenance margin of the position as its margin account computes them: at
    /// the average open price, the instrument's rates, divided by the account's leverage.
    pub initial_margin: Option<String>,
    pub maintenance_margin: Option<String>,
    /// Price at which the account's equity would fall to its maintenance margin, this
    /// position's price moving alone (margin accounts; cash accounts cannot be liquidated).
    pub liquidation_price: Option<String>,
    /// Nearest reduce-only stop order protecting the position.
    pub stop_price: Option<String>,
    /// Distance from the mark to that stop, in percent.
    pub distance_to_stop_pct: Option<f64>,
    /// Historical one-day value at risk at 95%, in the settlement currency.
    pub var_1d_95: Option<String>,
    /// Historical one-day expected shortfall at 95%.
    pub expected_shortfall_1d_95: Option<String>,
    /// How VaR and ES were estimated, or why not.
    pub var_method: String,
}

/// Risk of the whole account.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AccountRisk {
    pub currency: String,
    pub equity: String,
    pub gross_notional: String,
    pub net_notional: String,
    pub leverage: Option<f64>,
    /// Sum of the positions' VaR (no diversification assumed).
    pub var_1d_95_undiversified: Option<String>,
}

/// The risk report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PositionRiskReport {
    pub venue: String,
    pub positions: Vec<PositionRisk>,
    pub account: Vec<AccountRisk>,
    pub as_of: String,
}

/// Get the risk of positions and of the account: notional exposure, share of equity,
/// leverage, initial and maintenance margin, liquidation price (margin accounts), distance to
/// the protecting stop, and historical one-day 95% VaR and expected shortfall from the
/// catalog's bars of each instrument (method and window stated).
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionRiskRequest {
    /// Venue (default: the config's default venue).
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
    /// Only this instrument, SYMBOL.VENUE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    #[serde(default)]
    pub instrument_id: Option<String>,
}

/// `position risk` / `get_position_risk`.
pub struct GetPositionRisk;

fn dec_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

fn round(d: Decimal) -> String {
    d.round_dp(8).normalize().to_string()
}

/// Historical simple returns of closes: (returns, description).
fn returns(conn: &Db, instrument_id: &str, until: i64) -> OpResult<Option<(Vec<f64>, String)>> {
    let Ok(series) = catalog::bars_for(
        conn,
        instrument_id
            .parse()
            .map_err(|_| OpError::internal("instrument id"))?,
        None,
    ) else {
        return Ok(None);
    };
    let meta = series.signal;
    let from = until.saturating_sub((WINDOW_DAYS as i64 + 2) * 86_400_000_000_000);
    let rows: Vec<BarRow> = catalog::read(conn, &meta, from, until)?;
    // Bars are stamped at their close: one closing at midnight ends the day before. Only
    // periods over by `until` count; the current one has no close yet.
    let closes = |bucket: i64| -> Vec<f64> {
        let mut last: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
        for r in &rows {
            let period = (r.ts - 1).div_euclid(bucket);
            if (period + 1) * bucket <= until {
                last.insert(period, r.close);
            }
        }
        last.values().map(|c| *c as f64).collect()
    };
    let rets = |c: Vec<f64>| -> Vec<f64> {
        c.windows(2)
            .filter(|w| w[0] > 0.0)
            .map(|w| w[1] / w[0] - 1.0)
            .collect()
    };
    let daily = rets(closes(86_400_000_000_000));
    if daily.len() >= MIN_DAYS {
        let n = daily.len().min(WINDOW_DAYS);
        let d = daily[daily.len() - n..].to_vec();
        return Ok(Some((
            d,
            format!(
                "historical simulation, 95%, {n} daily returns of {}",
                meta.key
            ),
        )));
    }
    let hourly = rets(closes(3_600_000_000_000));
    if hourly.len() < 24 {
        return Ok(None);
    }
    let scaled: Vec<f64> = hourly.iter().map(|r| r * 24f64.sqrt()).collect();
    Ok(Some((
        scaled,
        format!(
            "historical simulation, 95%, {} hourly returns of {} scaled by √24 (only {} days of data)",
            hourly.len(),
            meta.key,
            daily.len() + 1
        ),
    )))
}

/// VaR and ES as positive fractions of notional for a long (or short) exposure.
fn var_es(returns: &[f64], long: bool) -> (f64, f64) {
    let mut pnl: Vec<f64> = returns
        .iter()
        .map(|r| if long { *r } else { -*r })
        .collect();
    pnl.sort_by(f64::total_cmp);
    let k = ((1.0 - CONFIDENCE) * pnl.len() as f64).floor() as usize;
    let var = -pnl[k.min(pnl.len() - 1)];
    let tail = &pnl[..=k.min(pnl.len() - 1)];
    let es = -tail.iter().sum::<f64>() / tail.len() as f64;
    (var.max(0.0), es.max(0.0))
}

/// The account as Nautilus has it, when it is a margin account: its margin model and
/// leverage give the margins, as for the account's own state.
fn margin_account(a: &AccountData) -> OpResult<Option<MarginAccount>> {
    if a.state.account_type != AccountType::Margin {
        return Ok(None);
    }
    let leverage = match a.venue.mode.as_str() {
        "paper" => {
            serde_json::from_str::<PaperSettings>(&a.venue.settings)
                .map_err(|e| OpError::internal(format!("stored venue settings: {e}")))?
                .leverage
        }
        _ => None,
    };
    Ok(match node_account(a.state.clone(), leverage) {
        AccountAny::Margin(m) => Some(m),
        _ => None,
    })
}

/// A position's initial and maintenance margin, computed as its account computes them (at the
/// average open price, with the account's leverage).
fn position_margins(
    account: &mut MarginAccount,
    instrument: &InstrumentAny,
    p: &Position,
) -> OpResult<(Decimal, Decimal)> {
    let price = instrument.make_price(p.avg_px_open);
    let init = account
        .calculate_initial_margin(instrument, p.quantity, price, None)
        .map_err(OpError::internal)?;
    let maint = account
        .calculate_maintenance_margin(instrument, p.quantity, price, None)
        .map_err(OpError::internal)?;
    Ok((init.as_decimal(), maint.as_decimal()))
}

/// The price at which the account's equity, moving with this position's price alone, falls to
/// the maintenance margin `required`; none when no positive price does.
fn liquidation_price(
    long: bool,
    units: Decimal,
    mark: Decimal,
    equity: Decimal,
    required: Decimal,
) -> Option<Decimal> {
    let room = (equity - required) / units;
    let p_liq = if long { mark - room } else { mark + room };
    (p_liq > Decimal::ZERO).then_some(p_liq)
}

impl Operation for GetPositionRisk {
    const INFO: OpInfo = OpInfo {
        group: Group::Position,
        cli_name: "risk",
        tool_name: "get_position_risk",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = PositionRiskRequest;
    type Response = PositionRiskReport;

    async fn run(
        ctx: Arc<Context>,
        req: PositionRiskRequest,
        _call: Call,
    ) -> OpResult<PositionRiskReport> {
        let instrument = req
            .instrument_id
            .as_deref()
            .map(|i| parse_instrument_id("instrument_id", i))
            .transpose()?;
        let venue = req
            .venue
            .clone()
            .or_else(|| instrument.map(|i| i.venue.to_string()));
        let sync_venue = venue
            .clone()
            .unwrap_or_else(|| ctx.settings.default_venue());
        crate::engine::venues::runtime::sync_for_read(&ctx, Some(&sync_venue)).await;
        tokio::task::spawn_blocking(move || {
            let a = load_account(&ctx, venue.as_deref())?;
            let conn = ctx.store.snapshot()?;
            let mut margin_account = margin_account(&a)?;
            let stops: Vec<OrderAny> = db::live_orders(&conn, &a.venue.name)?
                .iter()
                .filter_map(|r| serde_json::from_str::<OrderAny>(&r.body).ok())
                .filter(|o| o.trigger_price().is_some() && o.is_open())
                .collect();
            let mut rows = Vec::new();
            let mut totals: std::collections::BTreeMap<
                String,
                (Decimal, Decimal, Option<Decimal>),
            > = Default::default();
            for p in a
                .open
                .iter()
                .filter(|p| instrument.is_none_or(|i| p.instrument_id == i))
            {
                let id = p.instrument_id.to_string();
                let def = instruments::require(&conn, "instrument_id", &id)?.def;
                let inst = def.to_nautilus()?;
                let mark = a.marks.get(&id).map(|m| m.0);
                let ccy = p.settlement_currency.code.to_string();
                let qty = p.quantity.as_decimal();
                let long = p.side == PositionSide::Long;
                let mult = inst.multiplier().as_decimal();
                let notional = mark.map(|m| qty * m.as_decimal() * mult);
                let equity = a.equity(&ccy).equity;
                let share = notional
                    .filter(|_| !equity.is_zero())
                    .map(|n| (dec_f64(n / equity) * 1e6).round() / 1e4);
                let leverage = notional
                    .filter(|_| !equity.is_zero())
                    .map(|n| (dec_f64(n / equity) * 1e6).round() / 1e6);
                // A cash account pays in full: it has no margin to post.
                let (init, maint) = match &mut margin_account {
                    Some(acc) => {
                        let (i, m) = position_margins(acc, &inst, p)?;
                        (Some(i), Some(m))
                    }
                    None => (None, None),
                };
                let liquidation = match (maint, mark) {
                    (Some(own), Some(m)) if !qty.is_zero() => {
                        // The account holds equity against every position's maintenance margin.
                        let required = a.maintenance(&ccy).max(own);
                        liquidation_price(long, qty * mult, m.as_decimal(), equity, required).map(
                            |p_liq| {
                                p_liq
                                    .round_dp(u32::from(inst.price_precision()))
                                    .normalize()
                                    .to_string()
                            },
                        )
                    }
                    _ => None,
                };
                let stop = stops
                    .iter()
                    .filter(|o| {
                        o.instrument_id() == p.instrument_id
                            && o.is_reduce_only()
                            && o.order_side() == p.closing_order_side()
                    })
                    .filter_map(|o| o.trigger_price())
                    .min_by_key(|t| {
                        mark.map_or(Decimal::ZERO, |m| (m.as_decimal() - t.as_decimal()).abs())
                    });
                let distance = stop.zip(mark).map(|(s, m)| {
                    (dec_f64((m.as_decimal() - s.as_decimal()).abs() / m.as_decimal()) * 1e8)
                        .round()
                        / 1e6
                });
                let (var, es, method) = match (
                    notional,
                    returns(&conn, &id, a.market_ts.unwrap_or(a.now))?,
                ) {
                    (Some(n), Some((rets, method))) => {
                        let (v, e) = var_es(&rets, long);
                        let nv = dec_f64(n);
                        (
                            Some(Decimal::from_f64_retain(v * nv).unwrap_or_default()),
                            Some(Decimal::from_f64_retain(e * nv).unwrap_or_default()),
                            method,
                        )
                    }
                    (None, _) => (None, None, "no mark price yet".to_string()),
                    (_, None) => (
                        None,
                        None,
                        format!(
                            "not enough bars of {id} in the catalog (needs a day of hourly closes)"
                        ),
                    ),
                };
                let t = totals.entry(ccy.clone()).or_insert((
                    Decimal::ZERO,
                    Decimal::ZERO,
                    Some(Decimal::ZERO),
                ));
                if let Some(n) = notional {
                    t.0 += n;
                    t.1 += if long { n } else { -n };
                }
                t.2 = t.2.zip(var).map(|(a, b)| a + b);
                rows.push(PositionRisk {
                    position_id: p.id.to_string(),
                    instrument_id: id,
                    side: if long { "LONG" } else { "SHORT" }.into(),
                    quantity: p.quantity.to_string(),
                    mark_price: mark.map(|m| m.to_string()),
                    notional: notional.map(round),
                    currency: ccy,
                    share_of_equity_pct: share,
                    leverage,
                    initial_margin: init.map(round),
                    maintenance_margin: maint.map(round),
                    liquidation_price: liquidation,
                    stop_price: stop.map(|s| s.to_string()),
                    distance_to_stop_pct: distance,
                    var_1d_95: var.map(|v| v.round_dp(2).normalize().to_string()),
                    expected_shortfall_1d_95: es.map(|v| v.round_dp(2).normalize().to_string()),
                    var_method: method,
                });
            }
            let account = totals
                .into_iter()
                .map(|(ccy, (gross, net, var))| {
                    let equity = a.equity(&ccy).equity;
                    AccountRisk {
                        equity: round(equity),
                        gross_notional: round(gross),
                        net_notional: round(net),
                        leverage: (!equity.is_zero())
                            .then(|| (dec_f64(gross / equity) * 1e6).round() / 1e6),
                        var_1d_95_undiversified: var.map(|v| v.round_dp(2).normalize().to_string()),
                        currency: ccy,
                    }
                })
                .collect();
            Ok(PositionRiskReport {
                venue: a.venue.name,
                positions: rows,
                account,
                as_of: crate::data::time::format_ns(a.now),
            })
        })
        .await
        .map_err(OpError::internal)?
    }
}

#[cfg(test)]
mod tests {
    use super::var_es;

    #[test]
    fn var_and_es_of_a_known_sample() {
        let returns: Vec<f64> = (1..=100).map(|i| f64::from(i - 50) / 1000.0).collect();
        let (var, es) = var_es(&returns, true);
        assert!((var - 0.044).abs() < 1e-12, "{var}");
        assert!((es - 0.0465).abs() < 1e-12, "{es}");
        let (var_short, _) = var_es(&returns, false);
        assert!((var_short - 0.045).abs() < 1e-12, "{var_short}");
    }
}
