//! Venue operations: connect a venue (paper by default).

use std::{fmt, sync::Arc};

use nautilus_core::UUID4;
use nautilus_model::{
    enums::AccountType,
    events::AccountState,
    identifiers::Venue,
    types::{AccountBalance, Money},
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    call::Call,
    context::Context,
    error::{Code, OpError, OpResult},
    node::{NodeStatus, status},
    params::{Dec, parse_venue},
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    engine::node::{
        apply::Recorded,
        session::{NodeEvent, Session},
        settings::{PaperSettings, VenueMode, account_id, parse_balance},
    },
    store::node as db,
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

/// Connect a venue. `paper` (the default) simulates the named venue on Nautilus's matching
/// engine with a persistent account, so instrument ids stay e.g. BTCUSDT.BINANCE; `testnet`
/// and `live` reach the real venue. Credentials are used for real modes only and are never
/// stored; from the CLI they come from the environment (e.g. BINANCE_API_KEY and
/// BINANCE_API_SECRET) or the config's credentials file.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectVenueRequest {
    /// Venue name, e.g. BINANCE.
    #[arg(value_name = "VENUE")]
    pub venue_name: String,
    /// API credentials {"api_key", "secret_key"} for testnet and live (MCP only; the CLI reads
    /// the environment).
    #[arg(skip)]
    #[serde(default)]
    pub credentials: Option<Credentials>,
    /// paper (default), testnet or live.
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
    /// Paper: NETTING (default) or HEDGING.
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
    pub mode: String,
    /// True when this call created (or reset) the account.
    pub created: bool,
    pub node: NodeStatus,
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
        let mode = req.mode.unwrap_or(VenueMode::Paper);
        let mut notes = Vec::new();
        if mode != VenueMode::Paper {
            return Err(OpError::new(
                Code::VenueUnavailable,
                format!(
                    "mode {} needs the {venue_name} adapter, which this build does not include yet; use mode paper",
                    mode.as_str()
                ),
            ));
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
        let reset = req.reset;
        let name = venue_name.clone();
        let (created, mut more) = ctx
            .node()?
            .run(move |w| {
                let mut s = Session::begin(w)?;
                s.require_node()?;
                let venue = Venue::from(name.as_str());
                let existing = db::venue(&s.w.conn, &name)?;
                let mut notes = Vec::new();
                if let Some(row) = &existing {
                    let open = db::count_live_orders(&s.w.conn, &name)?;
                    let positions = db::positions(&s.w.conn, Some(&name), true)?.len();
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
                db::save_venue(&s.w.conn, &row)?;
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
                    &s.w.conn,
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
            node: status(&ctx, notes)?,
        })
    }
}
