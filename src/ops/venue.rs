//! Venue operations: connect a venue (paper by default), and the process's real venues as the
//! faces use them (resource subscriptions follow a connected venue's market streams; a server
//! starts the user streams).

use std::{fmt, sync::Arc};

use nautilus_core::UUID4;
use nautilus_model::{
    enums::{AccountType, BookType},
    events::AccountState,
    identifiers::Venue,
    types::{AccountBalance, Money},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    call::Call,
    context::Context,
    node::{NodeStatus, status},
    params::parse_venue,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    engine::{
        node::{
            apply::Recorded,
            session::{NodeEvent, Session},
            settings::{
                BOOK_TYPES, LiveSettings, PaperSettings, VenueMode, account_id,
                check_balance_currency, parse_balance,
            },
        },
        venues::{
            credentials::{ApiKeys, Secret},
            runtime,
        },
    },
    error::{OpError, OpResult},
    store::node as db,
    values::Dec,
};

pub use crate::engine::venues::{
    market_streams::MarketChange,
    runtime::{ConnectedVenue, any_real_connected, client_for, start_streams, streamed_venues},
};

/// API credentials for a real venue. Held in memory only; never stored, logged or echoed.
#[derive(Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub api_key: String,
    pub secret_key: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credentials(***)")
    }
}

/// Connect a venue: paper (simulated on Nautilus's matching engine), testnet or live (Binance
/// Spot). `paper` (the default) simulates the named venue on Nautilus's matching
/// engine with a persistent account, so instrument ids stay e.g. BTCUSDT.BINANCE; `testnet`
/// and `live` reach the real venue (Binance Spot): the clock is synced, the venue's instruments
/// and balances are loaded and its open orders reconciled. `live` also needs `allow_live =
/// true` in the config. Credentials are used for real modes only and are never stored; from
/// the CLI they come from the environment (BINANCE_API_KEY and BINANCE_API_SECRET) or the
/// config's credentials file; given over MCP they live in the server's memory only.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectVenueRequest {
    /// Venue name, e.g. BINANCE.
    #[arg(value_name = "VENUE")]
    pub venue_name: String,
    /// API credentials {"api_key", "secret_key"} for testnet and live (MCP only; the CLI reads
    /// the environment). secret_key is an HMAC secret or, for an Ed25519 key, its PEM PKCS#8
    /// private key.
    #[arg(skip)]
    #[serde(default)]
    pub credentials: Option<Credentials>,
    /// paper (default, or the config's venue mode), testnet or live.
    #[arg(long, value_enum)]
    #[serde(default)]
    pub mode: Option<VenueMode>,
    /// Paper: starting balances, e.g. "100000 USDT" (repeat for several currencies).
    #[arg(long = "balance", value_name = "AMOUNT CCY")]
    #[serde(default)]
    pub starting_balances: Vec<String>,
    /// Paper: CASH or MARGIN (default MARGIN).
    #[arg(long)]
    #[serde(default)]
    pub account_type: Option<String>,
    /// Paper: NETTING (default: one position per instrument and strategy) or HEDGING (one
    /// position per entry order; an order closes one when given its position_id).
    #[arg(long)]
    #[serde(default)]
    pub oms_type: Option<String>,
    /// Paper: leverage of a margin account (default 1).
    #[arg(long)]
    #[serde(default)]
    pub leverage: Option<Dec>,
    /// Paper: maker fee rate overriding the instruments' (e.g. 0.001).
    #[arg(long)]
    #[serde(default)]
    pub maker_fee: Option<Dec>,
    /// Paper: taker fee rate overriding the instruments'.
    #[arg(long)]
    #[serde(default)]
    pub taker_fee: Option<Dec>,
    /// Paper: the matching engines' order book, L1_MBP (default: top of book from quotes,
    /// trades and bars) or L2_MBP (price levels from depth snapshots pushed with `market push
    /// --bids ... --asks ...`).
    #[arg(long)]
    #[serde(default)]
    pub book_type: Option<String>,
    /// Paper: recreate the account with the starting balances (refused while orders or
    /// positions are open).
    #[arg(long)]
    #[serde(default)]
    pub reset: bool,
}

/// The venue as connected, within the node's status.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConnectVenueResponse {
    pub venue: String,
    /// paper, testnet or live.
    pub mode: String,
    /// True when this call created (or reset) the account.
    pub created: bool,
    /// A real venue's connection: endpoints, clock offset, instruments loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<LiveConnection>,
    pub node: NodeStatus,
}

/// What connecting a real venue did.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LiveConnection {
    pub rest_url: String,
    pub ws_api_url: String,
    /// How requests are signed, by the kind of key: HMAC-SHA256 or Ed25519.
    pub signing: String,
    /// The venue's clock minus this machine's, in milliseconds (used for request timestamps).
    pub clock_offset_ms: i64,
    /// Instruments loaded from the venue's exchange info, with their filters.
    pub instruments_loaded: usize,
    /// The account's commission rates.
    pub maker_fee: String,
    pub taker_fee: String,
    /// How this process follows the venue: a user data stream (server) or REST
    /// reconciliation when each command starts (CLI).
    pub updates: String,
}

/// `venue connect` / `connect_venue`.
pub struct ConnectVenue;

fn default_balances(ctx: &Context, venue: &str) -> Vec<String> {
    if let Some(b) = &ctx.settings.file.trading.paper_balances {
        return b.clone();
    }
    let ccy = match venue {
        "BINANCE" | "BYBIT" | "OKX" => "USDT",
        _ => "USD",
    };
    vec![format!("100000 {ccy}")]
}

impl Operation for ConnectVenue {
    const INFO: OpInfo = OpInfo {
        group: Group::Venue,
        cli_name: "connect",
        tool_name: "connect_venue",
        class: OpClass::Admin,
        idempotent: true,
        destructive: false,
    };
    type Request = ConnectVenueRequest;
    type Response = ConnectVenueResponse;

    async fn run(
        ctx: Arc<Context>,
        req: ConnectVenueRequest,
        _call: Call,
    ) -> OpResult<ConnectVenueResponse> {
        let venue_name = parse_venue("venue_name", &req.venue_name)?;
        let mode = match (
            req.mode,
            ctx.settings
                .venue(&venue_name)
                .and_then(|v| v.mode.as_deref()),
        ) {
            (Some(m), _) => m,
            (None, None) => VenueMode::Paper,
            (None, Some(m)) => match m.to_ascii_lowercase().as_str() {
                "paper" => VenueMode::Paper,
                "testnet" => VenueMode::Testnet,
                "live" => {
                    return Err(OpError::invalid(
                        "mode",
                        format!(
                            "live must be asked for in the request (mode live); venues.{venue_name}.mode in the config can only default to paper or testnet"
                        ),
                    ));
                }
                other => {
                    return Err(OpError::invalid(
                        "mode",
                        format!(
                            "venues.{venue_name}.mode in the config is '{other}', not paper, testnet or live"
                        ),
                    ));
                }
            },
        };
        let mut notes = Vec::new();
        if mode != VenueMode::Paper {
            return connect_real(ctx, req, venue_name, mode).await;
        }
        if req.credentials.is_some() {
            notes.push("credentials are not used in paper mode and were discarded".to_string());
        }
        let choice = |field: &str,
                      v: &Option<String>,
                      options: &[&str],
                      default: &str|
         -> OpResult<String> {
            match v {
                None => Ok(default.to_string()),
                Some(s) if options.contains(&s.to_ascii_uppercase().as_str()) => {
                    Ok(s.to_ascii_uppercase())
                }
                Some(s) => Err(OpError::invalid(
                    field,
                    format!("'{s}' is not one of {}", options.join(", ")),
                )),
            }
        };
        let balances = if req.starting_balances.is_empty() {
            default_balances(&ctx, &venue_name)
        } else {
            req.starting_balances.clone()
        };
        let settings = PaperSettings {
            account_type: choice(
                "account_type",
                &req.account_type,
                &["CASH", "MARGIN"],
                "MARGIN",
            )?,
            oms_type: choice(
                "oms_type",
                &req.oms_type,
                &["NETTING", "HEDGING"],
                "NETTING",
            )?,
            leverage: req.leverage.map(|l| l.positive("leverage")).transpose()?,
            starting_balances: balances,
            maker_fee: req.maker_fee.map(|f| f.get()),
            taker_fee: req.taker_fee.map(|f| f.get()),
            book_type: choice("book_type", &req.book_type, &BOOK_TYPES, BOOK_TYPES[0])?,
        };
        let money: Vec<Money> = settings
            .starting_balances
            .iter()
            .enumerate()
            .map(|(i, b)| parse_balance(&format!("starting_balances[{i}]"), b))
            .collect::<OpResult<_>>()?;
        if money.is_empty() {
            return Err(OpError::invalid(
                "starting_balances",
                "give at least one balance, e.g. \"100000 USDT\"",
            ));
        }
        {
            let conn = ctx.store.snapshot()?;
            for (i, m) in money.iter().enumerate() {
                check_balance_currency(&conn, &format!("starting_balances[{i}]"), &venue_name, m)?;
            }
        }
        let reset = req.reset;
        let book_type_given = req.book_type.is_some();
        let name = venue_name.clone();
        let (created, mut more) = ctx
            .node()?
            .run(move |w| {
                let mut s = Session::begin(w)?;
                s.require_node()?;
                let venue = Venue::from(name.as_str());
                let existing = db::venue(s.db(), &name)?;
                let mut notes = Vec::new();
                if let Some(row) = &existing {
                    let open = db::count_live_orders(s.db(), &name)?;
                    let positions = db::positions(s.db(), Some(&name), true)?.len();
                    if !reset && book_type_given {
                        check_book_type_kept(row, &settings)?;
                    }
                    if !reset {
                        notes.push(format!("{name} was already connected ({} mode); its account is kept (pass reset to recreate it)", row.mode));
                        s.commit()?;
                        return Ok((false, notes));
                    }
                    if open > 0 || positions > 0 {
                        return Err(OpError::state(format!(
                            "{name} has {open} open orders and {positions} open positions; close them before resetting its account"
                        )));
                    }
                }
                let account_id = account_id(venue);
                let row = db::VenueRow {
                    name: name.clone(),
                    mode: VenueMode::Paper.as_str().into(),
                    settings: serde_json::to_string(&settings).map_err(OpError::internal)?,
                    account_id: account_id.to_string(),
                    connected_at: crate::store::now_ms(),
                };
                db::save_venue(s.db(), &row)?;
                if settings.book_type() != BookType::L2_MBP {
                    // An L1 book never reads depth: a snapshot kept from an L2 past would
                    // still set marks.
                    db::clear_depth(s.db(), &name)?;
                }
                let account_type = if settings.account_type == "MARGIN" { AccountType::Margin } else { AccountType::Cash };
                let now = s.now();
                let state = AccountState::new(
                    account_id,
                    account_type,
                    money.iter().map(|m| AccountBalance::new(*m, Money::new(0.0, m.currency), *m)).collect(),
                    Vec::new(),
                    true,
                    UUID4::new(),
                    now,
                    now,
                    None,
                );
                s.node_events.push(NodeEvent {
                    venue: name.clone(),
                    kind: "node",
                    payload: serde_json::json!({ "VenueConnected": { "venue": name, "mode": "paper", "settings": settings } }),
                });
                {
                    let mut ch = s.applier.changes.borrow_mut();
                    ch.entries.push((venue, Recorded::Account(state.clone())));
                }
                db::upsert_account(
                    s.db(),
                    &db::AccountRow {
                        venue: name.clone(),
                        account_id: account_id.to_string(),
                        state: serde_json::to_string(&state).map_err(OpError::internal)?,
                        commissions: "{}".into(),
                        last_seq: 0,
                    },
                )?;
                s.commit()?;
                Ok((true, notes))
            })
            .await?;
        notes.append(&mut more);
        Ok(ConnectVenueResponse {
            venue: venue_name,
            mode: mode.as_str().into(),
            created,
            connection: None,
            node: status(&ctx, notes)?,
        })
    }
}

/// A connected paper venue keeps its book type unless reset: its engines, resting orders and
/// stored depth stand on it.
fn check_book_type_kept(row: &db::VenueRow, asked: &PaperSettings) -> OpResult<()> {
    let stored = serde_json::from_str::<PaperSettings>(&row.settings)
        .map(|p| p.book_type)
        .unwrap_or_default();
    if row.mode == VenueMode::Paper.as_str() && stored != asked.book_type {
        return Err(OpError::invalid(
            "book_type",
            format!(
                "{} is connected with book_type {stored}; pass reset to reconnect it with {} \
                 (its account is recreated)",
                row.name, asked.book_type
            ),
        ));
    }
    Ok(())
}

/// Connects a real venue in testnet or live mode through its adapter: clock, instruments,
/// balances, then reconciles orders.
async fn connect_real(
    ctx: Arc<Context>,
    req: ConnectVenueRequest,
    name: String,
    mode: VenueMode,
) -> OpResult<ConnectVenueResponse> {
    if mode == VenueMode::Live {
        runtime::check_allow_live(&ctx, &name)?;
    }
    for (field, given) in [
        ("starting_balances", !req.starting_balances.is_empty()),
        ("account_type", req.account_type.is_some()),
        ("oms_type", req.oms_type.is_some()),
        ("leverage", req.leverage.is_some()),
        ("maker_fee", req.maker_fee.is_some()),
        ("taker_fee", req.taker_fee.is_some()),
        ("book_type", req.book_type.is_some()),
        ("reset", req.reset),
    ] {
        if given {
            return Err(OpError::invalid(
                field,
                format!(
                    "a paper option; a {} venue's account is the real one",
                    mode.as_str()
                ),
            ));
        }
    }
    let given = match &req.credentials {
        Some(c) => {
            if c.api_key.trim().is_empty() || c.secret_key.trim().is_empty() {
                return Err(OpError::invalid(
                    "credentials",
                    "api_key and secret_key must not be empty",
                ));
            }
            Some(ApiKeys {
                api_key: Secret::new(c.api_key.trim()),
                secret: Secret::new(c.secret_key.trim()),
            })
        }
        None => None,
    };
    let keys = match &given {
        Some(k) => k.clone(),
        None => runtime::credentials(&ctx, &name)?,
    };
    // The node must exist, and a venue switching modes must have nothing open.
    {
        let name = name.clone();
        ctx.node()?
            .run(move |w| {
                let s = Session::begin(w)?;
                s.require_node()?;
                if let Some(row) = db::venue(s.db(), &name)?
                    && row.mode != mode.as_str()
                {
                    let open = db::count_live_orders(s.db(), &name)?;
                    let positions = db::positions(s.db(), Some(&name), true)?.len();
                    if open > 0 || positions > 0 {
                        return Err(OpError::state(format!(
                            "{name} is connected in {} mode with {open} open orders and {positions} open positions; close them before switching it to {}",
                            row.mode,
                            mode.as_str()
                        )));
                    }
                }
                Ok(())
            })
            .await?;
    }
    let client = runtime::new_client(&ctx, &name, mode, keys, None)?;
    let symbols = ctx.settings.venue(&name).and_then(|v| v.symbols.clone());
    let connected = client.connect(symbols.as_deref()).await?;
    let settings = LiveSettings {
        rest_url: client.endpoints().rest.clone(),
        ws_api_url: client.endpoints().ws_api.clone(),
        stream_url: client.endpoints().stream.clone(),
        clock_offset_ms: connected.clock_offset_ms,
        instruments: connected.instruments.len(),
        maker_fee: connected.maker_fee,
        taker_fee: connected.taker_fee,
        banned_until_ms: None,
    };
    let created = {
        let name = name.clone();
        let settings = settings.clone();
        let defs = connected.instruments.clone();
        let source = client.definitions_source();
        let state = connected.account.clone();
        ctx.node()?
            .run(move |w| {
                let mut s = Session::begin(w)?;
                s.require_node()?;
                s.use_wall_clock();
                let existing = db::venue(s.db(), &name)?;
                let created = existing.as_ref().is_none_or(|r| r.mode != mode.as_str());
                crate::store::instruments::upsert(s.db(), &defs, &source)?;
                let venue = Venue::from(name.as_str());
                let account_id = account_id(venue);
                db::save_venue(
                    s.db(),
                    &db::VenueRow {
                        name: name.clone(),
                        mode: mode.as_str().into(),
                        settings: serde_json::to_string(&settings).map_err(OpError::internal)?,
                        account_id: account_id.to_string(),
                        connected_at: crate::store::now_ms(),
                    },
                )?;
                let commissions = match db::account(s.db(), &name)? {
                    Some(a) if !created => a.commissions,
                    _ => "{}".into(),
                };
                db::upsert_account(
                    s.db(),
                    &db::AccountRow {
                        venue: name.clone(),
                        account_id: account_id.to_string(),
                        state: serde_json::to_string(&state).map_err(OpError::internal)?,
                        commissions,
                        last_seq: 0,
                    },
                )?;
                s.applier
                    .changes
                    .borrow_mut()
                    .entries
                    .push((venue, Recorded::Account(state)));
                s.node_events.push(NodeEvent {
                    venue: name.clone(),
                    kind: "node",
                    payload: serde_json::json!({ "VenueConnected": {
                        "venue": name,
                        "mode": mode.as_str(),
                        "rest_url": settings.rest_url,
                        "ws_api_url": settings.ws_api_url,
                        "clock_offset_ms": settings.clock_offset_ms,
                        "instruments": settings.instruments,
                        "created": created,
                    } }),
                });
                s.commit()?;
                Ok(created)
            })
            .await?
    };
    runtime::use_credentials(&ctx, &name, given).await;
    let lv = runtime::register(&ctx, client).await?;
    // Orders the node sent before (a restart after a crash) and any open at the venue.
    crate::engine::venues::runner::reconcile(&ctx.node()?, lv.client.as_ref(), true).await?;
    let connection = LiveConnection {
        rest_url: settings.rest_url,
        ws_api_url: settings.ws_api_url,
        signing: lv.client.signing().to_string(),
        clock_offset_ms: settings.clock_offset_ms,
        instruments_loaded: settings.instruments,
        maker_fee: settings.maker_fee.normalize().to_string(),
        taker_fee: settings.taker_fee.normalize().to_string(),
        updates: if lv.stream_live() || ctx.real_venues.streams() {
            "user data stream (this server), reconciled by REST on every reconnection".into()
        } else {
            "REST reconciliation when each command starts (no stream outside a server)".into()
        },
    };
    Ok(ConnectVenueResponse {
        venue: name,
        mode: mode.as_str().into(),
        created,
        connection: Some(connection),
        node: status(&ctx, Vec::new())?,
    })
}
