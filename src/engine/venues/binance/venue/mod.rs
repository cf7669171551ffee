//! [`BinanceVenue`]: Binance Spot behind the node's venue-neutral requests and updates.
//!
//! Every request is answered with [`VenueUpdate`]s (Nautilus reports, account states,
//! refusals) plus, when the caller must hear about it, an [`OpError`]: `trading` when Binance
//! refused (with its code and message), `system` for network faults, 5xx, timeouts and rate
//! limits. A request whose outcome is unknown (timeout, connection lost, 5xx) is resolved by
//! querying the order by its client order id until its receive window has passed; only then
//! is an order Binance never saw declared lost.
//!
//! Here: the client, its connection, account, queries and reconciliation; [`orders`] sends
//! the requests, [`market`] holds the user data stream and the market data.

mod market;
mod orders;

use std::{
    collections::{BTreeSet, HashMap},
    sync::RwLock,
};

use nautilus_core::UnixNanos;
use nautilus_model::{
    events::AccountState,
    identifiers::{AccountId, InstrumentId, Venue},
    orders::{Order, OrderAny},
    types::{Price, Quantity},
};
use rust_decimal::Decimal;
use serde_json::json;

use super::{
    clock::{ServerClock, local_ms},
    error::BinanceError,
    mapping::{FillFields, OrderFields, SymbolMeta, account_state_from_account, instrument_def},
    model::{ExchangeInfo, SymbolRules},
    rest::{BinanceRest, BinanceRestConfig},
    signing::Signer,
};
use crate::{
    data::instruments::{InstrumentDef, currency},
    engine::{
        node::settings::VenueMode,
        venues::{Connected, Endpoints, VenueOptions, VenueUpdate, credentials::ApiKeys},
    },
    error::{Code, OpError, OpResult},
};

/// Binance Spot (testnet or live) for one account.
#[derive(Debug)]
pub struct BinanceVenue {
    venue: Venue,
    mode: VenueMode,
    endpoints: Endpoints,
    rest: BinanceRest,
    keys: ApiKeys,
    /// How the key signs: `HMAC-SHA256` or `Ed25519`.
    signing: &'static str,
    recv_window_ms: u64,
    account_id: AccountId,
    symbols: RwLock<HashMap<String, SymbolMeta>>,
}

/// The error an operation reports for a Binance failure: `trading` when Binance refused,
/// `system` otherwise. `what` says what was being done.
#[must_use]
pub fn op_error(e: &BinanceError, what: &str) -> OpError {
    let venue = |code: Code, msg: String| OpError::new(code, msg);
    match e {
        BinanceError::Rejected { code, msg } | BinanceError::InvalidRequest { code, msg } => {
            let details = json!({ "venue_code": code, "venue_message": msg });
            let c = match code {
                // Refused credentials are permanent: retrying will not help (see
                // BinanceVenue::error, which names where they came from).
                -2014 | -2015 | -1022 => Code::CredentialsRefused,
                // A clock problem is not an order rejection.
                -1021 => Code::VenueUnavailable,
                _ => Code::OrderRejected,
            };
            venue(c, format!("{what}: Binance refused it (code {code}): {msg}")).with_details(details)
        }
        BinanceError::RateLimited { retry_after } => venue(
            Code::RateLimited,
            format!(
                "{what}: Binance's rate limit was reached (HTTP 429); retry after {} s",
                retry_after.as_secs().max(1)
            ),
        )
        .with_details(json!({ "retry_after_secs": retry_after.as_secs().max(1) })),
        BinanceError::Banned { retry_after } => venue(
            Code::RateLimited,
            format!(
                "{what}: Binance banned this IP (HTTP 418) for {} s; nothing more is sent until then",
                retry_after.as_secs()
            ),
        )
        .with_details(json!({ "banned_for_secs": retry_after.as_secs() })),
        BinanceError::Network(m) => venue(
            Code::VenueUnavailable,
            format!("{what}: Binance could not be reached (nothing was sent): {m}"),
        ),
        BinanceError::ConnectionLost(_)
        | BinanceError::Server { .. }
        | BinanceError::Timeout
        | BinanceError::Decode(_) => {
            venue(Code::VenueUnavailable, format!("{what}: {e}"))
        }
        BinanceError::Config(m) => OpError::internal(format!("{what}: {m}")),
    }
}

impl BinanceVenue {
    /// The error an operation reports for a Binance failure (see [`op_error`]); credentials
    /// the venue refused name where they came from, never what they are.
    pub(crate) fn error(&self, e: &BinanceError, what: &str) -> OpError {
        let err = op_error(e, what);
        if err.code != Code::CredentialsRefused {
            return err;
        }
        let (code, msg) = match e {
            BinanceError::Rejected { code, msg } | BinanceError::InvalidRequest { code, msg } => {
                (*code, msg.as_str())
            }
            _ => (0, ""),
        };
        OpError::new(
            Code::CredentialsRefused,
            format!(
                "{what}: Binance refused the credentials from {} (code {code}: {msg}); this is \
                 permanent, retrying will not help: check the API key and its secret, the key's \
                 permissions and IP restriction, then connect the venue again",
                self.keys.source
            ),
        )
        .with_details(json!({
            "venue_code": code,
            "venue_message": msg,
            "credentials_source": self.keys.source,
        }))
    }
}

fn is_code(e: &BinanceError, wanted: i64) -> bool {
    e.code() == Some(wanted)
}

/// The symbol of an instrument id (`BTCUSDT.BINANCE` → `BTCUSDT`).
fn symbol_of(id: &InstrumentId) -> String {
    id.symbol.as_str().to_string()
}

fn refusal_reason(e: &BinanceError) -> String {
    match e {
        BinanceError::Rejected { code, msg } | BinanceError::InvalidRequest { code, msg } => {
            format!("Binance {code}: {msg}")
        }
        other => other.to_string(),
    }
}

impl BinanceVenue {
    /// A client for `venue` in `mode` (testnet or live) with the account's keys.
    pub fn new(
        venue: Venue,
        mode: VenueMode,
        endpoints: Endpoints,
        keys: ApiKeys,
        account_id: AccountId,
        options: &VenueOptions,
    ) -> OpResult<Self> {
        let signer = Signer::from_secret(&keys.secret)
            .map_err(|e| OpError::invalid("credentials.secret_key", e))?;
        let mut cfg = BinanceRestConfig::new(
            endpoints.rest.clone(),
            keys.api_key.clone(),
            keys.secret.clone(),
        );
        cfg.recv_window_ms = options.recv_window_ms;
        cfg.timeout = options.timeout;
        let clock = ServerClock::new();
        if let Some(o) = options.clock_offset_ms {
            clock.set_offset_ms(o);
        }
        let rest = BinanceRest::with_clock(cfg, clock)
            .map_err(|e| OpError::invalid("base_url", e.to_string()))?;
        Ok(Self {
            venue,
            mode,
            endpoints,
            rest,
            keys,
            signing: signer.kind(),
            recv_window_ms: options.recv_window_ms,
            account_id,
            symbols: RwLock::new(HashMap::new()),
        })
    }

    /// The venue's name (instrument ids are `SYMBOL.<venue>`).
    #[must_use]
    pub fn venue(&self) -> Venue {
        self.venue
    }

    /// Testnet or live.
    #[must_use]
    pub fn mode(&self) -> VenueMode {
        self.mode
    }

    /// How requests are signed: `HMAC-SHA256` or `Ed25519` (by the kind of key).
    #[must_use]
    pub fn signing(&self) -> &'static str {
        self.signing
    }

    /// The endpoints in use.
    #[must_use]
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The account id used in reports.
    #[must_use]
    pub fn account_id(&self) -> AccountId {
        self.account_id
    }

    /// The current offset to Binance's clock (ms).
    #[must_use]
    pub fn clock_offset_ms(&self) -> i64 {
        self.rest.clock().offset_ms()
    }

    /// Makes instruments known for reports (their precisions and quote currency).
    pub fn register_instruments<'a>(&self, defs: impl IntoIterator<Item = &'a InstrumentDef>) {
        let mut map = self
            .symbols
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for def in defs {
            let Ok(id) = def.instrument_id() else {
                continue;
            };
            if id.venue != self.venue {
                continue;
            }
            map.insert(
                symbol_of(&id),
                SymbolMeta {
                    instrument_id: id,
                    price_precision: def.price_precision(),
                    size_precision: def.size_precision(),
                    quote: currency(&def.quote),
                },
            );
        }
    }

    fn meta(&self, symbol: &str) -> Option<SymbolMeta> {
        self.symbols
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(symbol)
            .copied()
    }

    fn now_nanos(&self) -> UnixNanos {
        super::mapping::ms_to_nanos(local_ms())
    }

    // -----------------------------------------------------------------------------------------
    // Connect, account, reconciliation
    // -----------------------------------------------------------------------------------------

    /// Syncs the clock, loads the account and the instruments (all trading symbols, or the
    /// given ones). Open orders come with the reconciliation that follows.
    pub async fn connect(&self, symbols: Option<&[String]>) -> OpResult<Connected> {
        let offset = self
            .rest
            .sync_time()
            .await
            .map_err(|e| self.error(&e, "syncing the clock with Binance"))?;
        let info = self
            .rest
            .account()
            .await
            .map_err(|e| self.error(&e, "reading the Binance account"))?;
        let maker = info.commission_rates.maker;
        let taker = info.commission_rates.taker;
        let wanted: Option<Vec<&str>> = symbols.map(|s| s.iter().map(String::as_str).collect());
        let exchange: ExchangeInfo = self
            .rest
            .exchange_info(wanted.as_deref())
            .await
            .map_err(|e| self.error(&e, "loading Binance's exchange info"))?;
        let instruments = self.defs_of(&exchange, maker, taker);
        self.register_instruments(&instruments);
        let account = account_state_from_account(&info, self.account_id, self.now_nanos())
            .map_err(|e| OpError::internal(e.to_string()))?;
        Ok(Connected {
            clock_offset_ms: offset,
            instruments,
            account,
            maker_fee: maker,
            taker_fee: taker,
        })
    }

    fn defs_of(&self, info: &ExchangeInfo, maker: Decimal, taker: Decimal) -> Vec<InstrumentDef> {
        info.symbols
            .iter()
            .filter(|s| s.is_spot_trading_allowed || s.status == "TRADING")
            .map(SymbolRules::from_symbol)
            .map(|r| instrument_def(&r, self.venue.as_str(), maker, taker))
            .filter(|d| d.to_nautilus().is_ok())
            .collect()
    }

    /// The venue's instruments (all symbols, or those containing `filter`).
    pub async fn instruments(&self, filter: Option<&str>) -> OpResult<Vec<InstrumentDef>> {
        let info = self
            .rest
            .exchange_info(None)
            .await
            .map_err(|e| self.error(&e, "loading Binance's exchange info"))?;
        let defs = self.defs_of(&info, Decimal::ZERO, Decimal::ZERO);
        Ok(match filter {
            Some(f) => {
                let f = f.to_ascii_uppercase();
                defs.into_iter().filter(|d| d.id.contains(&f)).collect()
            }
            None => defs,
        })
    }

    /// Every balance of the account.
    pub async fn account(&self) -> OpResult<AccountState> {
        let info = self
            .rest
            .account()
            .await
            .map_err(|e| self.error(&e, "reading the Binance account"))?;
        account_state_from_account(&info, self.account_id, self.now_nanos())
            .map_err(|e| OpError::internal(e.to_string()))
    }

    /// An order update from a queried order, with its fills when it has any.
    async fn order_update(&self, o: &super::model::Order) -> OpResult<Option<VenueUpdate>> {
        let Some(meta) = self.meta(&o.symbol) else {
            tracing::debug!(symbol = %o.symbol, "binance: order on an unknown symbol skipped");
            return Ok(None);
        };
        let now = self.now_nanos();
        let report = OrderFields::of_order(o)
            .report(&meta, self.account_id, now)
            .map_err(|e| OpError::internal(e.to_string()))?;
        let mut fills = Vec::new();
        if !o.executed_qty.is_zero() {
            let trades = self
                .rest
                .my_trades(&o.symbol, Some(o.order_id))
                .await
                .map_err(|e| self.error(&e, "reading the fills of an order at Binance"))?;
            for t in &trades {
                fills.push(
                    FillFields::of_trade(t, Some(&o.client_order_id))
                        .report(&meta, self.account_id, now)
                        .map_err(|e| OpError::internal(e.to_string()))?,
                );
            }
        }
        Ok(Some(VenueUpdate::Order { report, fills }))
    }

    /// What Binance knows of one order, by its client order id: `Ok(None)` when it does not
    /// know it (`-2013`).
    pub async fn query(&self, order: &OrderAny) -> Result<Option<VenueUpdate>, OpError> {
        let symbol = symbol_of(&order.instrument_id());
        match self
            .rest
            .query_order(&symbol, order.client_order_id().as_str())
            .await
        {
            Ok(o) => self.order_update(&o).await,
            Err(e) if is_code(&e, -2013) => Ok(None),
            Err(e) => Err(self.error(&e, "querying an order at Binance")),
        }
    }

    /// Whether an order that Binance does not know can still arrive: its request is valid
    /// until the submission time plus the receive window (and a margin for clock error).
    fn can_still_arrive(&self, order: &OrderAny) -> bool {
        let submitted_ms = order
            .events()
            .iter()
            .rev()
            .find_map(|e| match e {
                nautilus_model::events::OrderEventAny::Submitted(s) => {
                    Some((s.ts_event.as_u64() / 1_000_000) as i64)
                }
                _ => None,
            })
            .unwrap_or_else(|| (order.ts_init().as_u64() / 1_000_000) as i64);
        local_ms() <= submitted_ms + self.recv_window_ms as i64 + 2_000
    }

    /// The updates that bring the node's live orders (and balances) in line with Binance:
    /// open orders and their fills, the end state of orders no longer open, and the account.
    /// `all_symbols` also lists open orders on symbols the node has no live order on (orders
    /// placed elsewhere are then imported).
    pub async fn reconcile(
        &self,
        live: &[OrderAny],
        all_symbols: bool,
    ) -> OpResult<Vec<VenueUpdate>> {
        let mut updates = Vec::new();
        let open = if all_symbols {
            self.rest
                .open_orders(None)
                .await
                .map_err(|e| self.error(&e, "listing the open orders at Binance"))?
        } else {
            let symbols: BTreeSet<String> =
                live.iter().map(|o| symbol_of(&o.instrument_id())).collect();
            let mut all = Vec::new();
            for s in symbols {
                all.extend(
                    self.rest
                        .open_orders(Some(&s))
                        .await
                        .map_err(|e| self.error(&e, "listing the open orders at Binance"))?,
                );
            }
            all
        };
        let open_ids: BTreeSet<&str> = open.iter().map(|o| o.client_order_id.as_str()).collect();
        for o in &open {
            if let Some(u) = self.order_update(o).await? {
                updates.push(u);
            }
        }
        for order in live {
            if open_ids.contains(order.client_order_id().as_str()) {
                continue;
            }
            match self.query(order).await? {
                Some(u) => updates.push(u),
                None => updates.push(VenueUpdate::Unknown {
                    client_order_id: order.client_order_id(),
                    final_: !self.can_still_arrive(order),
                }),
            }
        }
        updates.push(VenueUpdate::Account {
            state: self.account().await?,
            complete: true,
        });
        Ok(updates)
    }
}

fn price(meta: &SymbolMeta, d: Decimal) -> OpResult<Price> {
    Price::from_decimal_dp(
        d.round_dp(u32::from(meta.price_precision)),
        meta.price_precision,
    )
    .map_err(|e| OpError::internal(format!("price from Binance: {e}")))
}

fn qty(meta: &SymbolMeta, d: Decimal) -> OpResult<Quantity> {
    Quantity::from_decimal_dp(
        d.round_dp(u32::from(meta.size_precision)),
        meta.size_precision,
    )
    .map_err(|e| OpError::internal(format!("quantity from Binance: {e}")))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn errors_are_classified() {
        let e = op_error(
            &BinanceError::Rejected {
                code: -2010,
                msg: "Account has insufficient balance for requested action.".into(),
            },
            "order X",
        );
        assert_eq!(e.code, Code::OrderRejected);
        assert_eq!(e.category, crate::error::Category::Trading);
        assert!(e.message.contains("-2010"), "{}", e.message);
        assert_eq!(e.details.as_ref().unwrap()["venue_code"], -2010);
        for code in [-1022, -2014, -2015] {
            let e = op_error(
                &BinanceError::InvalidRequest {
                    code,
                    msg: "Invalid API-key, IP, or permissions for action.".into(),
                },
                "x",
            );
            assert_eq!(e.code, Code::CredentialsRefused, "{code}");
            assert_eq!(e.category, crate::error::Category::Client, "{code}");
        }
        let e = op_error(&BinanceError::Timeout, "order X");
        assert_eq!(e.category, crate::error::Category::System);
        let e = op_error(
            &BinanceError::RateLimited {
                retry_after: Duration::from_secs(3),
            },
            "x",
        );
        assert_eq!(e.code, Code::RateLimited);
    }
}
