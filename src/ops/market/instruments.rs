//! `market instruments` / `get_instruments`: instrument definitions and what the catalog holds.

use std::{collections::BTreeMap, str::FromStr, sync::Arc};

use nautilus_model::{
    enums::{AssetClass, CurrencyType},
    instruments::{Instrument, InstrumentAny},
    types::Currency,
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Source, venues_of};
use crate::{
    data::{
        instruments::{InstrumentKind, InstrumentSummary},
        time::format_ns,
    },
    engine::node::settings::PaperSettings,
    error::{Code, OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        params::parse_venue,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::{catalog, instruments, node as db},
};

const ASSET_CLASSES: &str = "FX, EQUITY, COMMODITY, DEBT, INDEX, CRYPTOCURRENCY, ALTERNATIVE";

/// Get the instruments of a venue: ids, type, asset class, base, quote and settlement
/// currencies, price and size precisions and increments, multiplier and lot size, min/max
/// quantity and notional, maker and taker fees (a connected paper venue's overrides applied),
/// margins, expiry, and the catalog data held for each.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentsRequest {
    /// Venue, e.g. BINANCE (default: every venue).
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
    /// Only symbols containing this text, case-insensitive (e.g. BTC).
    #[arg(long, visible_alias = "symbol")]
    #[serde(default)]
    pub symbol_filter: Option<String>,
    /// Only this asset class: FX, EQUITY, COMMODITY, DEBT, INDEX, CRYPTOCURRENCY or
    /// ALTERNATIVE.
    #[arg(long)]
    #[serde(default)]
    pub asset_class: Option<String>,
}

/// One instrument: its definition and what the catalog holds for it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InstrumentView {
    #[serde(flatten)]
    pub definition: InstrumentSummary,
    pub symbol: String,
    pub venue: String,
    pub asset_class: String,
    /// Settlement currency (perpetuals).
    pub settlement: Option<String>,
    pub is_inverse: bool,
    pub lot_size: Option<String>,
    pub expiration: Option<String>,
    pub description: Option<String>,
    /// What the catalog holds for it: bar specs, QUOTES, TRADES.
    pub data: Vec<String>,
}

/// Instruments.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InstrumentsResponse {
    /// The venue asked for (null: every venue).
    pub venue: Option<String>,
    /// Always catalog: the stored and built-in instrument definitions.
    pub source: Source,
    /// When the definitions were read.
    pub as_of: String,
    pub count: usize,
    pub instruments: Vec<InstrumentView>,
    pub notes: Vec<String>,
}

/// `market instruments` / `get_instruments`.
pub struct GetInstruments;

impl Operation for GetInstruments {
    const INFO: OpInfo = OpInfo {
        group: Group::Market,
        cli_name: "instruments",
        tool_name: "get_instruments",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = InstrumentsRequest;
    type Response = InstrumentsResponse;

    async fn run(
        ctx: Arc<Context>,
        req: InstrumentsRequest,
        _call: Call,
    ) -> OpResult<InstrumentsResponse> {
        let venue = req
            .venue
            .as_deref()
            .map(|v| parse_venue("venue", v))
            .transpose()?;
        let class = req
            .asset_class
            .as_deref()
            .map(|c| {
                AssetClass::from_str(&c.trim().to_ascii_uppercase()).map_err(|_| {
                    OpError::invalid(
                        "asset_class",
                        format!("'{c}' is not an asset class; valid: {ASSET_CLASSES}"),
                    )
                })
            })
            .transpose()?;
        let filter = req
            .symbol_filter
            .as_deref()
            .map(|f| f.trim().to_ascii_uppercase())
            .filter(|f| !f.is_empty());
        tokio::task::spawn_blocking(move || list(&ctx, venue, filter.as_deref(), class))
            .await
            .map_err(OpError::internal)?
    }
}

/// The asset class: Nautilus gives every currency pair FX; a pair of crypto currencies is
/// CRYPTOCURRENCY here, so that filtering by asset class finds the crypto spot pairs.
fn asset_class_of(inst: &InstrumentAny) -> AssetClass {
    let crypto = |c: Option<Currency>| c.is_some_and(|c| c.currency_type == CurrencyType::Crypto);
    match inst.asset_class() {
        AssetClass::FX if crypto(inst.base_currency()) || crypto(Some(inst.quote_currency())) => {
            AssetClass::Cryptocurrency
        }
        other => other,
    }
}

fn list(
    ctx: &Context,
    venue: Option<String>,
    filter: Option<&str>,
    class: Option<AssetClass>,
) -> OpResult<InstrumentsResponse> {
    let conn = ctx.store.conn();
    let all = instruments::all(&conn)?;
    if let Some(v) = &venue
        && !all.iter().any(|k| k.def.id.ends_with(&format!(".{v}")))
    {
        return Err(OpError::new(
            Code::NotFound,
            format!(
                "venue: no instruments on '{v}'; venues with instruments: {}. Import \
                 definitions with `data import FILE.json --kind instruments`",
                venues_of(&all).join(", ")
            ),
        )
        .with_details(serde_json::json!({ "field": "venue" })));
    }
    // Fee overrides of connected paper venues.
    let mut fees: BTreeMap<String, (Option<Decimal>, Option<Decimal>)> = BTreeMap::new();
    for v in db::venues(&conn)? {
        if v.mode == "paper"
            && let Ok(p) = serde_json::from_str::<PaperSettings>(&v.settings)
            && (p.maker_fee.is_some() || p.taker_fee.is_some())
        {
            fees.insert(v.name, (p.maker_fee, p.taker_fee));
        }
    }
    let mut data: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in catalog::list(&conn)? {
        data.entry(m.instrument_id).or_default().push(m.spec);
    }
    drop(conn);
    let mut notes = Vec::new();
    let mut out = Vec::new();
    for k in &all {
        let Some((symbol, v)) = k.def.id.rsplit_once('.') else {
            continue;
        };
        if venue.as_deref().is_some_and(|want| want != v)
            || filter.is_some_and(|f| !symbol.to_ascii_uppercase().contains(f))
        {
            continue;
        }
        let inst = k.def.to_nautilus()?;
        let asset_class = asset_class_of(&inst);
        if class.is_some_and(|c| c != asset_class) {
            continue;
        }
        let mut def = k.def.clone();
        if let Some((maker, taker)) = fees.get(v) {
            def.maker_fee = maker.unwrap_or(def.maker_fee);
            def.taker_fee = taker.unwrap_or(def.taker_fee);
            let note = format!("{v}: maker and taker fees are the paper venue's overrides");
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        out.push(InstrumentView {
            definition: InstrumentSummary::of(&def, &inst, &k.source),
            symbol: symbol.to_string(),
            venue: v.to_string(),
            asset_class: asset_class.to_string(),
            settlement: matches!(def.kind, InstrumentKind::CryptoPerpetual)
                .then(|| inst.settlement_currency().code.to_string()),
            is_inverse: inst.is_inverse(),
            lot_size: inst.lot_size().map(|q| q.to_string()),
            expiration: def.expiration.clone(),
            description: def.description.clone(),
            data: data.get(&def.id).cloned().unwrap_or_default(),
        });
    }
    if out.is_empty() {
        notes.push(format!(
            "no instrument matches{}{}{}",
            venue
                .as_deref()
                .map(|v| format!(" venue {v}"))
                .unwrap_or_default(),
            filter
                .map(|f| format!(" symbol filter '{f}'"))
                .unwrap_or_default(),
            class
                .map(|c| format!(" asset class {c}"))
                .unwrap_or_default()
        ));
    }
    Ok(InstrumentsResponse {
        venue,
        source: Source::Catalog,
        as_of: format_ns(chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()),
        count: out.len(),
        instruments: out,
        notes,
    })
}
