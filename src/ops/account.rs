//! Account operations: balances, equity, PnL and commissions (`account info`), and the
//! account data the position operations read too.

use std::{collections::BTreeMap, sync::Arc};

use nautilus_model::{
    enums::{AccountType, PositionSide},
    events::AccountState,
    position::Position,
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    call::Call,
    context::Context,
    node::{marks, node_now},
    params::parse_venue,
    registry::{Group, OpClass, OpInfo, Operation},
};
use crate::{
    data::time::format_ns,
    engine::node::views::{BalanceView, MarginView, balances},
    error::{OpError, OpResult},
    store::node as db,
};

fn corrupt(what: &str, e: impl std::fmt::Display) -> OpError {
    OpError::internal(format!("stored {what} is unreadable: {e}"))
}

/// A venue's account and positions, read from the store.
pub(crate) struct AccountData {
    pub venue: db::VenueRow,
    pub state: AccountState,
    pub commissions: BTreeMap<String, Decimal>,
    pub open: Vec<Position>,
    /// Every position cycle, open and closed.
    pub all: Vec<Position>,
    pub marks: BTreeMap<String, (nautilus_model::types::Price, i64)>,
    pub now: i64,
    pub market_ts: Option<i64>,
}

/// Loads a venue's account (the config's default venue when none is named).
pub(crate) fn load_account(ctx: &Context, venue: Option<&str>) -> OpResult<AccountData> {
    let name = match venue {
        Some(v) => parse_venue("venue", v)?,
        None => ctx.settings.default_venue(),
    };
    let conn = ctx.store.snapshot()?;
    let node = db::node(&conn)?.ok_or_else(|| {
        OpError::state(
            "the trading node is not initialized: run `node init` (initialize_trading_node) first",
        )
    })?;
    let venue = db::venue(&conn, &name)?.ok_or_else(|| {
        OpError::state(format!(
            "venue {name} is not connected; connect it with `venue connect {name}` (connect_venue)"
        ))
    })?;
    let row = db::account(&conn, &name)?
        .ok_or_else(|| OpError::state(format!("venue {name} has no account yet")))?;
    let state: AccountState =
        crate::data::currencies::from_stored_json(&row.state).map_err(|e| corrupt("account", e))?;
    let commissions =
        serde_json::from_str(&row.commissions).map_err(|e| corrupt("commissions", e))?;
    let all: Vec<Position> = db::positions(&conn, Some(&name), false)?
        .iter()
        .map(|r| {
            crate::data::currencies::from_stored_json_fast(&r.body)
                .map_err(|e| corrupt("position", e))
        })
        .collect::<OpResult<_>>()?;
    let open = all.iter().filter(|p| p.is_open()).cloned().collect();
    Ok(AccountData {
        venue,
        state,
        commissions,
        open,
        all,
        marks: marks(&conn)?,
        now: node_now(Some(&node)),
        market_ts: node.market_ts,
    })
}

/// Balance, unrealized PnL and equity of an account in one currency.
pub(crate) struct Equity {
    pub balance: Decimal,
    pub unrealized: Decimal,
    pub equity: Decimal,
}

impl AccountData {
    /// The account's maintenance margin in `ccy` (every instrument's, as its state has it).
    pub fn maintenance(&self, ccy: &str) -> Decimal {
        self.state
            .margins
            .iter()
            .filter(|m| m.currency.code.as_str() == ccy)
            .map(|m| m.maintenance.as_decimal())
            .sum()
    }

    /// Equity in `ccy`. A margin account's equity is its balance plus the unrealized PnL of the
    /// positions settled in `ccy`. A cash account has paid for what it holds, so its equity is
    /// the cash plus the open positions' value at the mark (not their PnL, which would count
    /// the purchase twice).
    pub fn equity(&self, ccy: &str) -> Equity {
        let balance = self
            .state
            .balances
            .iter()
            .find(|b| b.currency.code.as_str() == ccy)
            .map_or(Decimal::ZERO, |b| b.total.as_decimal());
        let cash = self.state.account_type == AccountType::Cash;
        let (mut unrealized, mut holdings) = (Decimal::ZERO, Decimal::ZERO);
        for p in &self.open {
            let Some((mark, _)) = self.marks.get(&p.instrument_id.to_string()) else {
                continue;
            };
            if p.settlement_currency.code.as_str() != ccy {
                continue;
            }
            unrealized += crate::data::nautilus::unrealized_pnl(p, *mark);
            let signed = if p.side == PositionSide::Short {
                -p.quantity.as_decimal()
            } else {
                p.quantity.as_decimal()
            };
            holdings += signed * mark.as_decimal() * p.multiplier.as_decimal();
        }
        let equity = if cash {
            balance + holdings
        } else {
            balance + unrealized
        };
        Equity {
            balance,
            unrealized,
            equity,
        }
    }
}

/// Equity of one currency.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EquityView {
    pub currency: String,
    pub balance: String,
    pub unrealized_pnl: String,
    /// Margin accounts: balance plus unrealized PnL. Cash accounts: the cash plus the open
    /// positions settled in this currency valued at the mark (their base-currency holdings are
    /// therefore counted here in the settlement currency).
    pub equity: String,
    /// Realized PnL of every position cycle, after commissions.
    pub realized_pnl: String,
}

/// An account: balances, margins, equity, PnL and commissions.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AccountInfo {
    pub venue: String,
    /// paper, testnet or live.
    pub mode: String,
    pub account_id: String,
    pub account_type: String,
    pub balances: Vec<BalanceView>,
    pub margins: Vec<MarginView>,
    pub equity: Vec<EquityView>,
    /// Commission paid so far, per currency.
    pub commission_paid: Vec<String>,
    pub open_positions: usize,
    /// Market time the marks are taken at.
    pub as_of: String,
    /// Real venues whose part of this answer is the node's stored state because reconciling
    /// with them failed: it may be stale (absent when every real venue answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<crate::engine::venues::runtime::StaleVenue>,
}

/// Get a venue's account: balances, margins, equity, PnL and commission paid. Balances are
/// per currency (total, locked, free); PnL is realized and unrealized.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInfoRequest {
    /// Venue (default: the config's default venue).
    #[arg(long)]
    #[serde(default)]
    pub venue: Option<String>,
}

/// `account info` / `get_account_info`.
pub struct GetAccountInfo;

impl Operation for GetAccountInfo {
    const INFO: OpInfo = OpInfo {
        group: Group::Account,
        cli_name: "info",
        tool_name: "get_account_info",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = AccountInfoRequest;
    type Response = AccountInfo;

    async fn run(ctx: Arc<Context>, req: AccountInfoRequest, _call: Call) -> OpResult<AccountInfo> {
        let venue = req
            .venue
            .clone()
            .unwrap_or_else(|| ctx.settings.default_venue());
        let stale = crate::engine::venues::runtime::sync_for_read(&ctx, Some(&venue)).await;
        tokio::task::spawn_blocking(move || {
            let a = load_account(&ctx, req.venue.as_deref())?;
            let (bal, margins) = balances(&a.state);
            let mut realized: BTreeMap<String, Decimal> = BTreeMap::new();
            for p in &a.all {
                if let Some(r) = p.realized_pnl {
                    *realized.entry(r.currency.code.to_string()).or_default() += r.as_decimal();
                }
            }
            let mut currencies: Vec<String> = a
                .state
                .balances
                .iter()
                .map(|b| b.currency.code.to_string())
                .collect();
            for c in a
                .open
                .iter()
                .map(|p| p.settlement_currency.code.to_string())
                .chain(realized.keys().cloned())
            {
                if !currencies.contains(&c) {
                    currencies.push(c);
                }
            }
            let equity = currencies
                .iter()
                .map(|c| {
                    let e = a.equity(c);
                    EquityView {
                        currency: c.clone(),
                        balance: e.balance.normalize().to_string(),
                        unrealized_pnl: e.unrealized.normalize().to_string(),
                        equity: e.equity.normalize().to_string(),
                        realized_pnl: realized
                            .get(c)
                            .copied()
                            .unwrap_or_default()
                            .normalize()
                            .to_string(),
                    }
                })
                .collect();
            Ok(AccountInfo {
                venue: a.venue.name.clone(),
                mode: a.venue.mode.clone(),
                account_id: a.venue.account_id.clone(),
                account_type: a.state.account_type.to_string(),
                balances: bal,
                margins,
                equity,
                commission_paid: a
                    .commissions
                    .iter()
                    .map(|(c, v)| format!("{} {c}", v.normalize()))
                    .collect(),
                open_positions: a.open.len(),
                as_of: format_ns(a.now),
                stale,
            })
        })
        .await
        .map_err(OpError::internal)?
    }
}
