//! Backtest configurations: the settings a user gives, their stored form, and their
//! resolution into a run of the engine.

use std::{collections::BTreeMap, path::PathBuf};

use nautilus_model::{
    identifiers::Venue,
    instruments::{Instrument, InstrumentAny},
    types::{Currency, Money},
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::accounts::{self, VenueInstruments, settlement};
use crate::{
    data::{
        self,
        instruments::InstrumentDef,
        time::{format_ns, parse_timestamp},
    },
    engine::{
        backtest::{InstrumentSetup, VenueSetup, catalog_batches::SeriesKind},
        strategies::eval::AllIn,
    },
    error::{OpError, OpResult},
    ops::assign::{self, Assign},
    store::{
        Db,
        catalog::{self, SeriesMeta},
        instruments,
    },
    values::{Dec, parse_instrument_id},
};

/// Backtest settings; every one is optional so the same flags configure, amend, or run once.
#[derive(Debug, Clone, Default, clap::Args, Deserialize, JsonSchema)]
pub struct BacktestSettings {
    /// Instruments to trade, SYMBOL.VENUE (repeat the flag or separate with commas).
    #[arg(
        long = "instrument",
        visible_alias = "instruments",
        value_delimiter = ',',
        value_name = "SYMBOL.VENUE"
    )]
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Start of the backtest, ISO-8601 or YYYY-MM-DD (UTC). Default: the start of the data.
    #[arg(long = "start", visible_alias = "start-date", value_name = "TIME")]
    #[serde(default)]
    pub start_date: Option<String>,
    /// End of the backtest, inclusive; a bare date means the end of that day. Default: the end
    /// of the data.
    #[arg(long = "end", visible_alias = "end-date", value_name = "TIME")]
    #[serde(default)]
    pub end_date: Option<String>,
    /// Starting balance per currency, e.g. {"USD": 100000}; on the CLI CURRENCY=AMOUNT.
    /// Default: 100000 in the first instrument's settlement currency. At most what the engine
    /// books exactly: 2^51 / 10^precision of the currency (22517998 USDT).
    #[arg(long = "capital", value_name = "CCY=AMOUNT")]
    #[serde(default, deserialize_with = "assign::deserialize")]
    #[schemars(with = "BTreeMap<String, Dec>")]
    pub initial_capital: Vec<Assign>,
    /// Where the bars come from: `catalog` (imported or generated data, the default) or
    /// `local_csv` (bars imported from local CSV files; with `data_path`, that file is imported
    /// into the catalog before each run).
    #[arg(long)]
    #[serde(default)]
    pub data_source: Option<String>,
    /// A CSV file of bars for the first instrument, imported before the run (local_csv).
    #[arg(long = "data", value_name = "FILE")]
    #[serde(default)]
    pub data_path: Option<PathBuf>,
    /// Bars to trade on, e.g. 1-MINUTE-LAST. Default: the finest bars stored for the instrument.
    #[arg(long)]
    #[serde(default)]
    pub bar_spec: Option<String>,
    /// Order management: NETTING (default) or HEDGING (a reversal then closes the open
    /// position and opens a new one: two orders where NETTING sends one).
    #[arg(long)]
    #[serde(default)]
    pub oms_type: Option<String>,
    /// Account type: MARGIN (default) or CASH.
    #[arg(long)]
    #[serde(default)]
    pub account_type: Option<String>,
    /// A single base currency for the account; it must be the currency the instruments settle
    /// in (default: one balance per currency).
    #[arg(long)]
    #[serde(default)]
    pub base_currency: Option<String>,
    /// Default leverage of a margin account (default 10).
    #[arg(long)]
    #[serde(default)]
    pub leverage: Option<Dec>,
    /// Fees: `maker_taker` (the instrument's rates, default), `fixed` (commission per fill) or
    /// `none`.
    #[arg(long)]
    #[serde(default)]
    pub fee_model: Option<String>,
    /// Commission per fill for the fixed fee model, in the currency the instruments settle in,
    /// e.g. "1.50 USDT".
    #[arg(long)]
    #[serde(default)]
    pub commission: Option<String>,
    /// Fills: `best_price` (default: market and stop orders fill completely at the best price
    /// the bar path offers) or `volume` (Nautilus's volume-limited fills: each price point of a
    /// bar offers a quarter of its volume).
    #[arg(long)]
    #[serde(default)]
    pub fill_model: Option<String>,
    /// Probability (0-1) that a limit order at the touch fills (default 1).
    #[arg(long)]
    #[serde(default)]
    pub prob_fill_on_limit: Option<Dec>,
    /// Probability (0-1) of one tick of slippage on aggressive fills (default 0).
    #[arg(long)]
    #[serde(default)]
    pub prob_slippage: Option<Dec>,
    /// Seed of the fill model's random draws.
    #[arg(long)]
    #[serde(default)]
    pub fill_seed: Option<u64>,
}

impl BacktestSettings {
    /// True when no setting is given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.instruments.is_empty()
            && self.start_date.is_none()
            && self.end_date.is_none()
            && self.initial_capital.is_empty()
            && self.data_source.is_none()
            && self.data_path.is_none()
            && self.bar_spec.is_none()
            && self.oms_type.is_none()
            && self.account_type.is_none()
            && self.base_currency.is_none()
            && self.leverage.is_none()
            && self.fee_model.is_none()
            && self.commission.is_none()
            && self.fill_model.is_none()
            && self.prob_fill_on_limit.is_none()
            && self.prob_slippage.is_none()
            && self.fill_seed.is_none()
    }
}

/// A stored, validated backtest configuration.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BacktestConfig {
    pub name: String,
    pub instruments: Vec<String>,
    /// RFC 3339, UTC.
    pub start_date: Option<String>,
    /// RFC 3339, UTC, inclusive.
    pub end_date: Option<String>,
    pub initial_capital: BTreeMap<String, Dec>,
    pub data_source: String,
    pub data_path: Option<String>,
    pub bar_spec: Option<String>,
    pub oms_type: String,
    pub account_type: String,
    pub base_currency: Option<String>,
    pub leverage: Option<Dec>,
    pub fee_model: String,
    pub commission: Option<String>,
    pub fill_model: String,
    pub prob_fill_on_limit: Dec,
    pub prob_slippage: Dec,
    pub fill_seed: Option<u64>,
}

impl BacktestConfig {
    /// The defaults for a new configuration.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_string(),
            instruments: Vec::new(),
            start_date: None,
            end_date: None,
            initial_capital: BTreeMap::new(),
            data_source: "catalog".into(),
            data_path: None,
            bar_spec: None,
            oms_type: "NETTING".into(),
            account_type: "MARGIN".into(),
            base_currency: None,
            leverage: None,
            fee_model: "maker_taker".into(),
            commission: None,
            fill_model: "best_price".into(),
            prob_fill_on_limit: Dec(Decimal::ONE),
            prob_slippage: Dec(Decimal::ZERO),
            fill_seed: None,
        }
    }

    /// Applies the given settings, validating each one.
    pub fn apply(&mut self, conn: &Db, s: &BacktestSettings) -> OpResult<()> {
        if !s.instruments.is_empty() {
            self.instruments = normalize_instruments(conn, &s.instruments)?;
        }
        if let Some(v) = &s.start_date {
            self.start_date = Some(format_ns(parse_date("start_date", v, false)?));
        }
        if let Some(v) = &s.end_date {
            self.end_date = Some(format_ns(parse_date("end_date", v, true)?));
        }
        if !s.initial_capital.is_empty() {
            self.initial_capital = parse_capital(&s.initial_capital)?;
        }
        if let Some(v) = &s.data_source {
            let v = v.trim().to_ascii_lowercase();
            if !["catalog", "local_csv"].contains(&v.as_str()) {
                return Err(OpError::invalid(
                    "data_source",
                    format!("'{v}' is not catalog or local_csv"),
                ));
            }
            self.data_source = v;
        }
        if let Some(p) = &s.data_path {
            if !p.is_file() {
                return Err(OpError::invalid(
                    "data_path",
                    format!("{} is not a readable file", p.display()),
                ));
            }
            let abs = std::fs::canonicalize(p).map_err(|e| OpError::invalid("data_path", e))?;
            self.data_path = Some(abs.display().to_string());
            if s.data_source.is_none() {
                self.data_source = "local_csv".into();
            }
        }
        if let Some(v) = &s.bar_spec {
            self.bar_spec = Some(data::parse_bar_spec("bar_spec", v)?.to_string());
        }
        if let Some(v) = &s.oms_type {
            self.oms_type = choice("oms_type", v, &["NETTING", "HEDGING"])?;
        }
        if let Some(v) = &s.account_type {
            self.account_type = choice("account_type", v, &["MARGIN", "CASH"])?;
        }
        if let Some(v) = &s.base_currency {
            self.base_currency = Some(currency_code("base_currency", v)?);
        }
        if let Some(v) = s.leverage {
            v.positive("leverage")?;
            self.leverage = Some(v);
        }
        if let Some(v) = &s.fee_model {
            self.fee_model =
                choice("fee_model", v, &["MAKER_TAKER", "FIXED", "NONE"])?.to_ascii_lowercase();
        }
        if let Some(v) = &s.commission {
            parse_money("commission", v)?;
            self.commission = Some(v.trim().to_string());
        }
        if let Some(v) = &s.fill_model {
            self.fill_model =
                choice("fill_model", v, &["BEST_PRICE", "VOLUME"])?.to_ascii_lowercase();
        }
        for (field, value, slot) in [
            (
                "prob_fill_on_limit",
                s.prob_fill_on_limit,
                &mut self.prob_fill_on_limit,
            ),
            ("prob_slippage", s.prob_slippage, &mut self.prob_slippage),
        ] {
            if let Some(v) = value {
                if v.get() < Decimal::ZERO || v.get() > Decimal::ONE {
                    return Err(OpError::invalid(
                        field,
                        format!("must be between 0 and 1, got {v}"),
                    ));
                }
                *slot = v;
            }
        }
        if let Some(seed) = s.fill_seed {
            self.fill_seed = Some(seed);
        }
        self.check()?;
        let instruments = self
            .instruments
            .iter()
            .enumerate()
            .map(|(i, id)| {
                instruments::require(conn, &format!("instruments[{i}]"), id)?
                    .def
                    .to_nautilus()
            })
            .collect::<OpResult<Vec<_>>>()?;
        accounts::check_currencies(self, &instruments)
    }

    /// Cross-field checks.
    pub fn check(&self) -> OpResult<()> {
        if let (Some(s), Some(e)) = (&self.start_date, &self.end_date)
            && parse_date("start_date", s, false)? >= parse_date("end_date", e, true)?
        {
            return Err(OpError::invalid(
                "end_date",
                format!("{e} is not after start_date {s}"),
            ));
        }
        if self.fee_model == "fixed" && self.commission.is_none() {
            return Err(OpError::invalid(
                "commission",
                "required with fee_model fixed (e.g. \"1.50 USD\")",
            ));
        }
        Ok(())
    }
}

fn choice(field: &str, value: &str, options: &[&str]) -> OpResult<String> {
    let v = value.trim().to_ascii_uppercase();
    if options.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(OpError::invalid(
            field,
            format!("'{value}' is not one of {}", options.join(", ")),
        ))
    }
}

fn currency_code(field: &str, v: &str) -> OpResult<String> {
    let code = v.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > 12 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(OpError::invalid(
            field,
            format!("'{v}' is not a currency code"),
        ));
    }
    Ok(code)
}

/// Parses "1.50 USD".
pub fn parse_money(field: &str, v: &str) -> OpResult<Money> {
    let mut parts = v.split_whitespace();
    let (Some(amount), Some(ccy), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(OpError::invalid(
            field,
            format!("'{v}' is not AMOUNT CURRENCY (e.g. 1.50 USD)"),
        ));
    };
    let amount: Dec = amount
        .parse()
        .map_err(|e: String| OpError::invalid(field, e))?;
    if amount.get() < Decimal::ZERO {
        return Err(OpError::invalid(field, "must not be negative"));
    }
    let ccy = data::instruments::currency(&currency_code(field, ccy)?);
    Money::from_decimal(amount.get(), ccy).map_err(|e| OpError::invalid(field, e.to_string()))
}

fn parse_capital(items: &[Assign]) -> OpResult<BTreeMap<String, Dec>> {
    let mut out = BTreeMap::new();
    for a in items {
        let code = currency_code(&format!("initial_capital.{}", a.key), &a.key)?;
        let field = format!("initial_capital.{code}");
        let amount: Dec =
            serde_json::from_value(a.value.clone()).map_err(|e| OpError::invalid(&field, e))?;
        amount.positive(&field)?;
        out.insert(code, amount);
    }
    Ok(out)
}

/// Parses a date or timestamp; a bare date as an end means the end of that day.
pub fn parse_date(field: &str, v: &str, end_of_day: bool) -> OpResult<i64> {
    let (ns, _) = parse_timestamp(v).map_err(|e| OpError::invalid(field, e))?;
    let bare_date = v.trim().len() == 10 && v.trim().as_bytes().get(4) == Some(&b'-');
    Ok(if end_of_day && bare_date {
        ns + 86_400_000_000_000 - 1
    } else {
        ns
    })
}

fn normalize_instruments(conn: &Db, ids: &[String]) -> OpResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in ids.iter().enumerate() {
        let field = format!("instruments[{i}]");
        let id = parse_instrument_id(&field, raw)?.to_string();
        instruments::require(conn, &field, &id)?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// A configuration resolved against the catalog: what the engine will run.
pub struct Resolved {
    pub venues: Vec<VenueSetup>,
    pub instruments: Vec<InstrumentSetup>,
    pub start_ns: i64,
    pub end_ns: i64,
    pub equity_venue: Venue,
    pub equity_currency: Currency,
    pub annualization_days: usize,
    /// Smallest bar interval traded.
    pub bar_step_ns: i64,
    /// What was assumed, for the user.
    pub notes: Vec<String>,
    /// (instrument, series key) traded.
    pub series: Vec<(String, String)>,
    /// Initial capital per venue after currency mapping, for the summary.
    pub capital: BTreeMap<String, String>,
}

struct Picked {
    def: InstrumentDef,
    instrument: InstrumentAny,
    signal: SeriesMeta,
    extra: Vec<SeriesMeta>,
}

fn is_crypto_venue(venue: &str) -> bool {
    [
        "BINANCE",
        "COINBASE",
        "BYBIT",
        "OKX",
        "KRAKEN",
        "BITMEX",
        "DERIBIT",
        "BITFINEX",
        "HYPERLIQUID",
    ]
    .contains(&venue)
}

/// Resolves a configuration against the catalog and instrument definitions.
pub fn resolve(conn: &Db, config: &BacktestConfig, all_in: bool) -> OpResult<Resolved> {
    if config.instruments.is_empty() {
        return Err(OpError::invalid(
            "instruments",
            "no instruments configured (e.g. BTCUSDT.BINANCE)",
        ));
    }
    let mut notes = Vec::new();
    let mut picked = Vec::new();
    for (i, id_text) in config.instruments.iter().enumerate() {
        let field = format!("instruments[{i}]");
        let id = parse_instrument_id(&field, id_text)?;
        let known = instruments::require(conn, &field, id_text)?;
        let instrument = known.def.to_nautilus()?;
        let catalog::BarSeries {
            signal,
            extra,
            note,
        } = catalog::bars_for(conn, id, config.bar_spec.as_deref())?;
        notes.extend(note);
        picked.push(Picked {
            def: known.def,
            instrument,
            signal,
            extra,
        });
    }

    let start = match &config.start_date {
        Some(s) => parse_date("start_date", s, false)?,
        None => picked
            .iter()
            .map(|p| p.signal.first_ts)
            .min()
            .unwrap_or_default(),
    };
    let end = match &config.end_date {
        Some(e) => parse_date("end_date", e, true)?,
        None => picked
            .iter()
            .map(|p| p.signal.last_ts)
            .max()
            .unwrap_or_default(),
    };
    if start >= end {
        return Err(OpError::invalid(
            "end_date",
            format!(
                "{} is not after start_date {}",
                format_ns(end),
                format_ns(start)
            ),
        ));
    }
    for p in &picked {
        crate::engine::backtest::catalog_batches::require_overlap(&p.signal, start, end)?;
    }

    // Capital: default 100000 in the first instrument's settlement currency.
    let first_ccy = settlement(&picked[0].instrument);
    let capital: BTreeMap<String, Decimal> = if config.initial_capital.is_empty() {
        notes.push(format!("initial_capital not given: 100000 {first_ccy}"));
        BTreeMap::from([(first_ccy.clone(), Decimal::from(100_000))])
    } else {
        config
            .initial_capital
            .iter()
            .map(|(k, v)| (k.clone(), v.get()))
            .collect()
    };

    let mut venue_order: Vec<Venue> = Vec::new();
    for p in &picked {
        let v = p.instrument.id().venue;
        if !venue_order.contains(&v) {
            venue_order.push(v);
        }
    }
    let mut venues = Vec::new();
    let mut capital_by_venue = BTreeMap::new();
    let mut venue_capital: BTreeMap<Venue, BTreeMap<String, Decimal>> = BTreeMap::new();
    for venue in &venue_order {
        let at = VenueInstruments {
            venue: *venue,
            instruments: picked
                .iter()
                .filter(|p| p.instrument.id().venue == *venue)
                .map(|p| &p.instrument)
                .collect(),
        };
        let account = accounts::venue_account(config, &at, &capital, &mut notes)?;
        capital_by_venue.insert(
            venue.to_string(),
            account
                .balances
                .iter()
                .map(|(c, a)| format!("{} {c}", a.normalize()))
                .collect::<Vec<_>>()
                .join(", "),
        );
        venue_capital.insert(*venue, account.balances);
        venues.push(account.setup);
    }

    let equity_venue = venue_order[0];
    let equity_code = config.base_currency.clone().unwrap_or_else(|| {
        let mapped = &venue_capital[&equity_venue];
        let settle = settlement(&picked[0].instrument);
        if mapped.get(&settle).is_some_and(|a| !a.is_zero()) {
            settle
        } else {
            mapped
                .iter()
                .find(|(_, a)| !a.is_zero())
                .map_or(settle, |(c, _)| c.clone())
        }
    });
    let equity_currency = data::instruments::currency(&equity_code);

    let n = picked.len();
    let mut instruments_out = Vec::new();
    let mut series_out = Vec::new();
    let mut step = i64::MAX;
    for p in picked {
        let id = p.instrument.id();
        let spec = data::parse_bar_spec("bar_spec", &p.signal.spec)?;
        step = step.min(data::spec_step_ns(&spec));
        let all_in = match all_in {
            false => AllIn::Unavailable,
            true => {
                let mapped = &venue_capital[&id.venue];
                let held = |c: &str| mapped.get(c).filter(|a| !a.is_zero());
                let quote = settlement(&p.instrument);
                let base = p.def.base.as_deref().map(str::to_ascii_uppercase);
                if let Some(amount) = held(&quote) {
                    AllIn::Budget(*amount / Decimal::from(n as u64))
                } else if let Some(amount) = base.as_deref().and_then(held) {
                    AllIn::BaseUnits(*amount / Decimal::from(n as u64))
                } else {
                    return Err(OpError::invalid(
                        "parameters.trade_size",
                        format!(
                            "{id}: the capital is in neither {quote} nor its base currency; give trade_size"
                        ),
                    ));
                }
            }
        };
        series_out.push((id.to_string(), p.signal.key.clone()));
        let bar_type = data::bar_type(id, spec);
        let extra = p
            .extra
            .into_iter()
            .map(|m| {
                let s = data::parse_bar_spec("bar_spec", &m.spec)?;
                Ok((m, SeriesKind::Bars(data::bar_type(id, s))))
            })
            .collect::<OpResult<Vec<_>>>()?;
        instruments_out.push(InstrumentSetup {
            instrument: p.instrument,
            signal: (p.signal, bar_type),
            extra,
            all_in,
        });
    }
    let annualization_days = if venue_order.iter().all(|v| is_crypto_venue(v.as_str())) {
        365
    } else {
        252
    };
    Ok(Resolved {
        venues,
        instruments: instruments_out,
        start_ns: start,
        end_ns: end,
        equity_venue,
        equity_currency,
        annualization_days,
        bar_step_ns: step,
        notes,
        series: series_out,
        capital: capital_by_venue,
    })
}
