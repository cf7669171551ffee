//! Pure functions from Binance data to NautilusTrader 0.57.0 values: instrument definitions,
//! venue reports (`OrderStatusReport`, `FillReport`) and account states.
//!
//! Every answer of the venue (a new-order response, a cancel, an amend, a queried order, an
//! `executionReport` of the user stream, a `myTrades` row) becomes the same two Nautilus report
//! types, and the node brings its orders in line with them through Nautilus's own
//! reconciliation functions. One path for responses, streams and crash recovery.
//!
//! Commission stays in the asset Binance charged (`N` / `commissionAsset`): a buy on BTCUSDT
//! usually pays in BTC. Assets unknown to Nautilus are registered as crypto with 8 decimals.

use nautilus_core::{UUID4, UnixNanos};
use nautilus_model::{
    enums::{
        AccountType, LiquiditySide, OrderSide as NtOrderSide, OrderStatus as NtOrderStatus,
        OrderType as NtOrderType, TimeInForce as NtTimeInForce, TriggerType,
    },
    events::AccountState,
    identifiers::{AccountId, ClientOrderId, InstrumentId, TradeId, VenueOrderId},
    reports::{FillReport, OrderStatusReport},
    types::{AccountBalance, Currency, Money, Price, Quantity},
};
use rust_decimal::Decimal;

use super::model::{
    AccountInfo, AccountPosition, AmendedOrder, CancelOrderResponse, ExecutionReport,
    ExecutionType, MyTrade, Order, OrderResponse, OrderSide, OrderStatus, OrderType, SymbolRules,
    TimeInForce,
};
use crate::data::instruments::{InstrumentDef, InstrumentKind};

/// A value that cannot be represented as a Nautilus type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot map Binance value: {0}")]
pub struct MappingError(pub String);

fn err(e: impl std::fmt::Display) -> MappingError {
    MappingError(e.to_string())
}

/// Milliseconds since the epoch → [`UnixNanos`] (negative values clamp to 0).
#[must_use]
pub fn ms_to_nanos(ms: i64) -> UnixNanos {
    UnixNanos::from(u64::try_from(ms).unwrap_or(0).saturating_mul(1_000_000))
}

/// The Nautilus currency for a Binance asset code; unknown codes are registered as crypto with
/// 8 decimals.
pub fn currency_for(code: &str) -> Result<Currency, MappingError> {
    crate::data::currencies::register(code).map_err(MappingError)
}

fn increment(step: Decimal, fallback_precision: u32) -> Decimal {
    if step.is_zero() {
        Decimal::new(1, fallback_precision.min(16))
    } else {
        step.normalize()
    }
}

/// The project's instrument definition of a symbol: tick and step sizes, quantity and notional
/// limits, percent-price bands and the account's commission rates.
#[must_use]
pub fn instrument_def(
    rules: &SymbolRules,
    venue: &str,
    maker_fee: Decimal,
    taker_fee: Decimal,
) -> InstrumentDef {
    let positive = |d: Decimal| (!d.is_zero()).then(|| d.normalize());
    InstrumentDef {
        id: format!("{}.{venue}", rules.symbol),
        kind: InstrumentKind::CurrencyPair,
        base: Some(rules.base_asset.clone()),
        quote: rules.quote_asset.clone(),
        settlement: None,
        inverse: false,
        price_increment: increment(rules.tick_size, rules.quote_asset_precision),
        size_increment: increment(rules.step_size, rules.base_asset_precision),
        multiplier: None,
        lot_size: None,
        min_quantity: positive(rules.min_qty),
        max_quantity: (rules.max_qty != Decimal::MAX)
            .then_some(rules.max_qty)
            .and_then(positive),
        min_notional: rules.min_notional.and_then(positive),
        max_notional: rules.max_notional.and_then(positive),
        maker_fee,
        taker_fee,
        margin_init: Decimal::ZERO,
        margin_maint: Decimal::ZERO,
        asset_class: None,
        underlying: None,
        expiration: None,
        description: Some(format!(
            "Binance Spot {} ({}/{}), status {}{}",
            rules.symbol,
            rules.base_asset,
            rules.quote_asset,
            rules.status,
            rules
                .percent_price_by_side
                .as_ref()
                .map(|p| format!(
                    "; PERCENT_PRICE_BY_SIDE buy {}..{} sell {}..{} x the {}-minute average",
                    p.bid_multiplier_down.normalize(),
                    p.bid_multiplier_up.normalize(),
                    p.ask_multiplier_down.normalize(),
                    p.ask_multiplier_up.normalize(),
                    p.avg_price_mins
                ))
                .unwrap_or_default()
        )),
        min_price: positive(rules.min_price),
        max_price: positive(rules.max_price),
        percent_price: rules.percent_price_by_side.as_ref().map(|p| {
            crate::data::instruments::PercentPrice {
                bid_multiplier_up: p.bid_multiplier_up.normalize(),
                bid_multiplier_down: p.bid_multiplier_down.normalize(),
                ask_multiplier_up: p.ask_multiplier_up.normalize(),
                ask_multiplier_down: p.ask_multiplier_down.normalize(),
                avg_price_mins: p.avg_price_mins,
            }
        }),
    }
}

/// What the reports of one symbol need: its instrument id, precisions and quote currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SymbolMeta {
    pub instrument_id: InstrumentId,
    pub price_precision: u8,
    pub size_precision: u8,
    pub quote: Currency,
}

impl SymbolMeta {
    fn price(&self, d: Decimal) -> Result<Price, MappingError> {
        Price::from_decimal_dp(
            d.round_dp(u32::from(self.price_precision)),
            self.price_precision,
        )
        .map_err(err)
    }

    fn qty(&self, d: Decimal) -> Result<Quantity, MappingError> {
        Quantity::from_decimal_dp(
            d.round_dp(u32::from(self.size_precision)),
            self.size_precision,
        )
        .map_err(err)
    }
}

/// Maps a Binance order type to Nautilus's: `LIMIT_MAKER` is a post-only limit, take-profit
/// types are the "if touched" orders (they trigger when the market comes from the other side).
#[must_use]
pub fn nautilus_order_type(t: OrderType) -> NtOrderType {
    match t {
        OrderType::Market => NtOrderType::Market,
        OrderType::Limit | OrderType::LimitMaker | OrderType::Unknown => NtOrderType::Limit,
        OrderType::StopLoss => NtOrderType::StopMarket,
        OrderType::StopLossLimit => NtOrderType::StopLimit,
        OrderType::TakeProfit => NtOrderType::MarketIfTouched,
        OrderType::TakeProfitLimit => NtOrderType::LimitIfTouched,
    }
}

/// Maps a Binance side to Nautilus's.
#[must_use]
pub fn nautilus_order_side(s: OrderSide) -> NtOrderSide {
    match s {
        OrderSide::Buy => NtOrderSide::Buy,
        OrderSide::Sell => NtOrderSide::Sell,
        OrderSide::Unknown => NtOrderSide::NoOrderSide,
    }
}

fn nautilus_tif(t: TimeInForce) -> NtTimeInForce {
    match t {
        TimeInForce::Ioc => NtTimeInForce::Ioc,
        TimeInForce::Fok => NtTimeInForce::Fok,
        TimeInForce::Gtc | TimeInForce::Unknown => NtTimeInForce::Gtc,
    }
}

fn is_stop(t: OrderType) -> bool {
    matches!(
        t,
        OrderType::StopLoss
            | OrderType::StopLossLimit
            | OrderType::TakeProfit
            | OrderType::TakeProfitLimit
    )
}

fn has_limit_price(t: OrderType) -> bool {
    matches!(
        t,
        OrderType::Limit
            | OrderType::LimitMaker
            | OrderType::StopLossLimit
            | OrderType::TakeProfitLimit
    )
}

/// A Binance order status as Nautilus's; `working` tells a triggered stop from a waiting one.
#[must_use]
pub fn nautilus_status(s: OrderStatus, order_type: OrderType, working: bool) -> NtOrderStatus {
    match s {
        OrderStatus::New | OrderStatus::PendingNew | OrderStatus::Unknown => {
            if is_stop(order_type) && working {
                NtOrderStatus::Triggered
            } else {
                NtOrderStatus::Accepted
            }
        }
        OrderStatus::PartiallyFilled => NtOrderStatus::PartiallyFilled,
        OrderStatus::Filled => NtOrderStatus::Filled,
        OrderStatus::Canceled => NtOrderStatus::Canceled,
        OrderStatus::PendingCancel => NtOrderStatus::PendingCancel,
        OrderStatus::Rejected => NtOrderStatus::Rejected,
        OrderStatus::Expired | OrderStatus::ExpiredInMatch => NtOrderStatus::Expired,
    }
}

/// The fields of a Binance order that a status report is built from.
#[derive(Debug, Clone)]
pub struct OrderFields<'a> {
    pub client_order_id: &'a str,
    pub order_id: i64,
    pub side: OrderSide,
    pub order_type: OrderType,
    pub time_in_force: TimeInForce,
    pub status: OrderStatus,
    pub quantity: Decimal,
    pub executed_qty: Decimal,
    pub cum_quote_qty: Decimal,
    pub price: Decimal,
    pub stop_price: Option<Decimal>,
    pub working: bool,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub reason: Option<String>,
}

impl<'a> OrderFields<'a> {
    /// From `GET /api/v3/order` / `openOrders` / `allOrders`.
    #[must_use]
    pub fn of_order(o: &'a Order) -> Self {
        Self {
            client_order_id: &o.client_order_id,
            order_id: o.order_id,
            side: o.side,
            order_type: o.order_type,
            time_in_force: o.time_in_force,
            status: o.status,
            quantity: o.orig_qty,
            executed_qty: o.executed_qty,
            cum_quote_qty: o.cummulative_quote_qty,
            price: o.price,
            stop_price: o.stop_price,
            working: o.is_working,
            created_ms: o.time,
            updated_ms: o.update_time,
            reason: o.expiry_reason.clone(),
        }
    }

    /// From a `FULL` new-order response.
    #[must_use]
    pub fn of_response(r: &'a OrderResponse) -> Self {
        Self {
            client_order_id: &r.client_order_id,
            order_id: r.order_id,
            side: r.side.unwrap_or(OrderSide::Unknown),
            order_type: r.order_type.unwrap_or(OrderType::Unknown),
            time_in_force: r.time_in_force.unwrap_or(TimeInForce::Gtc),
            status: r.status.unwrap_or(OrderStatus::New),
            quantity: r.orig_qty.unwrap_or_default(),
            executed_qty: r.executed_qty.unwrap_or_default(),
            cum_quote_qty: r.cummulative_quote_qty.unwrap_or_default(),
            price: r.price.unwrap_or_default(),
            stop_price: r.stop_price,
            working: r.working_time.is_some_and(|w| w > 0),
            created_ms: r.transact_time,
            updated_ms: r.transact_time,
            reason: r.expiry_reason.clone(),
        }
    }

    /// From a cancel response (the order is `origClientOrderId`).
    #[must_use]
    pub fn of_cancel(c: &'a CancelOrderResponse) -> Self {
        let ts = c.transact_time.unwrap_or_default();
        Self {
            client_order_id: &c.orig_client_order_id,
            order_id: c.order_id,
            side: c.side,
            order_type: c.order_type,
            time_in_force: c.time_in_force,
            status: c.status,
            quantity: c.orig_qty,
            executed_qty: c.executed_qty,
            cum_quote_qty: c.cummulative_quote_qty,
            price: c.price,
            stop_price: c.stop_price,
            working: false,
            created_ms: ts,
            updated_ms: ts,
            reason: None,
        }
    }

    /// From an amend keep-priority response.
    #[must_use]
    pub fn of_amend(a: &'a AmendedOrder, ts: i64) -> Self {
        Self {
            client_order_id: &a.client_order_id,
            order_id: a.order_id,
            side: a.side,
            order_type: a.order_type,
            time_in_force: a.time_in_force,
            status: a.status,
            quantity: a.qty,
            executed_qty: a.executed_qty,
            cum_quote_qty: a.cumulative_quote_qty.unwrap_or_default(),
            price: a.price,
            stop_price: None,
            working: true,
            created_ms: ts,
            updated_ms: ts,
            reason: None,
        }
    }

    /// From an `executionReport` of the user data stream.
    #[must_use]
    pub fn of_execution(r: &'a ExecutionReport) -> Self {
        let reason = match r.execution_type {
            ExecutionType::Rejected => Some(r.reject_reason.clone()),
            _ => r.expiry_reason.clone(),
        };
        Self {
            client_order_id: r.order_client_id(),
            order_id: r.order_id,
            side: r.side,
            order_type: r.order_type,
            time_in_force: r.time_in_force,
            status: r.order_status,
            quantity: r.quantity,
            executed_qty: r.cum_qty,
            cum_quote_qty: r.cum_quote_qty,
            price: r.price,
            stop_price: Some(r.stop_price),
            working: r.is_working,
            created_ms: r.creation_time,
            updated_ms: r.transaction_time,
            reason,
        }
    }

    /// The Nautilus status report.
    pub fn report(
        &self,
        meta: &SymbolMeta,
        account_id: AccountId,
        ts_init: UnixNanos,
    ) -> Result<OrderStatusReport, MappingError> {
        let mut report = OrderStatusReport::new(
            account_id,
            meta.instrument_id,
            Some(ClientOrderId::new_checked(self.client_order_id).map_err(err)?),
            VenueOrderId::new_checked(self.order_id.to_string()).map_err(err)?,
            nautilus_order_side(self.side),
            nautilus_order_type(self.order_type),
            nautilus_tif(self.time_in_force),
            nautilus_status(self.status, self.order_type, self.working),
            meta.qty(self.quantity)?,
            meta.qty(self.executed_qty)?,
            ms_to_nanos(self.created_ms),
            ms_to_nanos(self.updated_ms.max(self.created_ms)),
            ts_init,
            None,
        )
        .with_post_only(self.order_type == OrderType::LimitMaker);
        if has_limit_price(self.order_type) && !self.price.is_zero() {
            report = report.with_price(meta.price(self.price)?);
        }
        if is_stop(self.order_type)
            && let Some(sp) = self.stop_price.filter(|p| !p.is_zero())
        {
            report = report
                .with_trigger_price(meta.price(sp)?)
                .with_trigger_type(TriggerType::LastPrice);
        }
        if !self.executed_qty.is_zero() {
            report.avg_px = Some(self.cum_quote_qty / self.executed_qty);
        }
        if let Some(r) = self
            .reason
            .as_ref()
            .filter(|r| !r.is_empty() && *r != "NONE")
        {
            report = report.with_cancel_reason(r.clone());
        }
        Ok(report)
    }
}

/// One fill as Binance reports it (in a `FULL` response, an `executionReport` or `myTrades`).
#[derive(Debug, Clone)]
pub struct FillFields<'a> {
    pub client_order_id: Option<&'a str>,
    pub order_id: i64,
    pub trade_id: i64,
    pub side: OrderSide,
    pub qty: Decimal,
    pub price: Decimal,
    pub commission: Decimal,
    pub commission_asset: Option<&'a str>,
    pub maker: bool,
    pub time_ms: i64,
}

impl<'a> FillFields<'a> {
    /// The fills of a `FULL` new-order response (matched on arrival: taker).
    #[must_use]
    pub fn of_response(r: &'a OrderResponse) -> Vec<Self> {
        r.fills
            .iter()
            .map(|f| Self {
                client_order_id: Some(&r.client_order_id),
                order_id: r.order_id,
                trade_id: f.trade_id,
                side: r.side.unwrap_or(OrderSide::Unknown),
                qty: f.qty,
                price: f.price,
                commission: f.commission,
                commission_asset: Some(&f.commission_asset),
                maker: false,
                time_ms: r.transact_time,
            })
            .collect()
    }

    /// The fill of a `TRADE` execution report.
    #[must_use]
    pub fn of_execution(r: &'a ExecutionReport) -> Option<Self> {
        (r.execution_type == ExecutionType::Trade && r.trade_id >= 0).then(|| Self {
            client_order_id: Some(r.order_client_id()),
            order_id: r.order_id,
            trade_id: r.trade_id,
            side: r.side,
            qty: r.last_qty,
            price: r.last_price,
            commission: r.commission,
            commission_asset: r.commission_asset.as_deref(),
            maker: r.is_maker,
            time_ms: r.transaction_time,
        })
    }

    /// A `myTrades` row.
    #[must_use]
    pub fn of_trade(t: &'a MyTrade, client_order_id: Option<&'a str>) -> Self {
        Self {
            client_order_id,
            order_id: t.order_id,
            trade_id: t.id,
            side: if t.is_buyer {
                OrderSide::Buy
            } else {
                OrderSide::Sell
            },
            qty: t.qty,
            price: t.price,
            commission: t.commission,
            commission_asset: Some(&t.commission_asset),
            maker: t.is_maker,
            time_ms: t.time,
        }
    }

    /// The Nautilus fill report (commission in the asset Binance charged).
    pub fn report(
        &self,
        meta: &SymbolMeta,
        account_id: AccountId,
        ts_init: UnixNanos,
    ) -> Result<FillReport, MappingError> {
        let commission = match self.commission_asset {
            Some(asset) if !asset.is_empty() => {
                Money::from_decimal(self.commission, currency_for(asset)?).map_err(err)?
            }
            _ => Money::new(0.0, meta.quote),
        };
        Ok(FillReport::new(
            account_id,
            meta.instrument_id,
            VenueOrderId::new_checked(self.order_id.to_string()).map_err(err)?,
            TradeId::new_checked(self.trade_id.to_string()).map_err(err)?,
            nautilus_order_side(self.side),
            meta.qty(self.qty)?,
            meta.price(self.price)?,
            commission,
            if self.maker {
                LiquiditySide::Maker
            } else {
                LiquiditySide::Taker
            },
            self.client_order_id
                .map(ClientOrderId::new_checked)
                .transpose()
                .map_err(err)?,
            None,
            ms_to_nanos(self.time_ms),
            ts_init,
            None,
        ))
    }
}

fn balance(asset: &str, free: Decimal, locked: Decimal) -> Result<AccountBalance, MappingError> {
    let currency = currency_for(asset)?;
    AccountBalance::from_total_and_locked(free + locked, locked, currency).map_err(err)
}

/// A reported cash `AccountState` from `(asset, free, locked)` balances.
fn cash_state<'a>(
    balances: impl Iterator<Item = (&'a str, Decimal, Decimal)>,
    account_id: AccountId,
    ts_event_ms: i64,
    ts_init: UnixNanos,
) -> Result<AccountState, MappingError> {
    let balances = balances
        .map(|(asset, free, locked)| balance(asset, free, locked))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AccountState::new(
        account_id,
        AccountType::Cash,
        balances,
        Vec::new(),
        true,
        UUID4::new(),
        ms_to_nanos(ts_event_ms),
        ts_init,
        None,
    ))
}

/// `AccountState` (cash account, reported) holding the assets of an `outboundAccountPosition`:
/// only the assets that changed, so merge it into the previous state.
pub fn account_state_from_position(
    ev: &AccountPosition,
    account_id: AccountId,
    ts_init: UnixNanos,
) -> Result<AccountState, MappingError> {
    let balances = ev
        .balances
        .iter()
        .map(|b| (b.asset.as_str(), b.free, b.locked));
    cash_state(balances, account_id, ev.last_update_time, ts_init)
}

/// `AccountState` (cash account, reported) with every balance of `GET /api/v3/account`.
pub fn account_state_from_account(
    info: &AccountInfo,
    account_id: AccountId,
    ts_init: UnixNanos,
) -> Result<AccountState, MappingError> {
    let balances = info
        .balances
        .iter()
        .map(|b| (b.asset.as_str(), b.free, b.locked));
    cash_state(balances, account_id, info.update_time, ts_init)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::engine::venues::binance::model::{PositionBalance, UserEvent};

    fn meta() -> SymbolMeta {
        SymbolMeta {
            instrument_id: InstrumentId::from("ETHUSDT.BINANCE"),
            price_precision: 2,
            size_precision: 4,
            quote: Currency::USDT(),
        }
    }

    fn report(json: &str) -> ExecutionReport {
        match serde_json::from_str::<UserEvent>(json).unwrap() {
            UserEvent::ExecutionReport(r) => r,
            other => panic!("{other:?}"),
        }
    }

    const TRADE: &str = r#"{"e":"executionReport","E":1709654401000,"s":"ETHUSDT","c":"x-TD67BGP9-T0000000000000","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"2500.00000000","P":"0.00000000","x":"TRADE","X":"FILLED","r":"NONE","i":12345678,"l":"1.00000000","z":"1.00000000","L":"2500.00000000","n":"0.00100000","N":"ETH","T":1709654401000,"t":98765432,"w":false,"m":true,"O":1709654400000,"Z":"2500.00000000","C":""}"#;

    #[test]
    fn trade_maps_to_a_fill_with_commission_in_the_base_asset() {
        let r = report(TRADE);
        let account = AccountId::new("BINANCE-001");
        let f = FillFields::of_execution(&r)
            .unwrap()
            .report(&meta(), account, UnixNanos::from(1))
            .unwrap();
        assert_eq!(f.last_qty, Quantity::from("1.0000"));
        assert_eq!(f.last_px, Price::from("2500.00"));
        assert_eq!(f.trade_id, TradeId::new("98765432"));
        assert_eq!(f.liquidity_side, LiquiditySide::Maker);
        assert_eq!(f.commission.currency, Currency::ETH());
        assert_eq!(
            f.commission.as_decimal(),
            Decimal::from_str("0.001").unwrap()
        );
        assert_eq!(f.venue_order_id, VenueOrderId::new("12345678"));
        let s = OrderFields::of_execution(&r)
            .report(&meta(), account, UnixNanos::from(1))
            .unwrap();
        assert_eq!(s.order_status, NtOrderStatus::Filled);
        assert_eq!(s.filled_qty, Quantity::from("1.0000"));
        assert_eq!(s.avg_px, Some(Decimal::from(2500)));
        assert_eq!(s.price, Some(Price::from("2500.00")));
        assert_eq!(
            s.client_order_id,
            Some(ClientOrderId::new("x-TD67BGP9-T0000000000000"))
        );
    }

    #[test]
    fn statuses_and_cancel_ids() {
        let account = AccountId::new("BINANCE-001");
        let status = |x: &str, xs: &str| {
            let json = TRADE
                .replace(
                    r#""x":"TRADE","X":"FILLED""#,
                    &format!(r#""x":"{x}","X":"{xs}""#),
                )
                .replace(r#""C":"""#, r#""C":"ORIG-1""#);
            let r = report(&json);
            (
                OrderFields::of_execution(&r)
                    .report(&meta(), account, UnixNanos::default())
                    .unwrap(),
                FillFields::of_execution(&r).is_some(),
            )
        };
        let (new, fill) = status("NEW", "NEW");
        assert_eq!(new.order_status, NtOrderStatus::Accepted);
        assert!(!fill);
        let (canceled, _) = status("CANCELED", "CANCELED");
        assert_eq!(canceled.order_status, NtOrderStatus::Canceled);
        // A cancel's `c` is the cancel request's id; the order is `C`.
        assert_eq!(canceled.client_order_id, Some(ClientOrderId::new("ORIG-1")));
        let (expired, _) = status("EXPIRED", "EXPIRED");
        assert_eq!(expired.order_status, NtOrderStatus::Expired);
        let (replaced, _) = status("REPLACED", "NEW");
        assert_eq!(replaced.order_status, NtOrderStatus::Accepted);
    }

    #[test]
    fn stop_and_take_profit_types() {
        assert_eq!(
            nautilus_order_type(OrderType::StopLossLimit),
            NtOrderType::StopLimit
        );
        assert_eq!(
            nautilus_order_type(OrderType::TakeProfitLimit),
            NtOrderType::LimitIfTouched
        );
        assert_eq!(
            nautilus_status(OrderStatus::New, OrderType::StopLossLimit, true),
            NtOrderStatus::Triggered
        );
        assert_eq!(
            nautilus_status(OrderStatus::New, OrderType::StopLossLimit, false),
            NtOrderStatus::Accepted
        );
    }

    #[test]
    fn full_response_maps_to_a_report_and_fills() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/binance/spot/http_json/new_order_full_response.json"
        );
        let Ok(json) = std::fs::read_to_string(path) else {
            return;
        };
        let resp: OrderResponse = serde_json::from_str(&json).unwrap();
        let mut m = meta();
        m.instrument_id = InstrumentId::from("BTCUSDT.BINANCE");
        let account = AccountId::new("BINANCE-001");
        let s = OrderFields::of_response(&resp)
            .report(&m, account, UnixNanos::default())
            .unwrap();
        assert_eq!(s.order_status, NtOrderStatus::Filled);
        assert_eq!(s.order_type, NtOrderType::Market);
        assert_eq!(s.price, None);
        let fills = FillFields::of_response(&resp);
        assert_eq!(fills.len(), 5);
        let f = fills[1].report(&m, account, UnixNanos::default()).unwrap();
        assert_eq!(f.trade_id, TradeId::new("57"));
        assert_eq!(f.commission.currency, Currency::USDT());
        assert_eq!(f.liquidity_side, LiquiditySide::Taker);
    }

    #[test]
    fn account_state_registers_unknown_assets() {
        let ev = AccountPosition {
            event_time: 1,
            last_update_time: 2,
            balances: vec![
                PositionBalance {
                    asset: "USDT".into(),
                    free: Decimal::from_str("10000.00000000").unwrap(),
                    locked: Decimal::from_str("2500.00000000").unwrap(),
                },
                PositionBalance {
                    asset: "ZZTESTCOIN".into(),
                    free: Decimal::from_str("1.5").unwrap(),
                    locked: Decimal::ZERO,
                },
            ],
        };
        let st =
            account_state_from_position(&ev, AccountId::new("BINANCE-001"), UnixNanos::default())
                .unwrap();
        assert_eq!(st.account_type, AccountType::Cash);
        assert_eq!(
            st.balances[0].total.as_decimal(),
            Decimal::from_str("12500").unwrap()
        );
        assert_eq!(
            st.balances[0].free.as_decimal(),
            Decimal::from_str("10000").unwrap()
        );
        let zz = Currency::try_from_str("ZZTESTCOIN").expect("registered");
        assert_eq!(zz.precision, 8);
        assert_eq!(
            zz.currency_type,
            nautilus_model::enums::CurrencyType::Crypto
        );
        assert_eq!(st.balances[1].total.currency, zz);
    }

    #[test]
    fn instrument_definition_from_rules() {
        let info: super::super::model::SymbolInfo = serde_json::from_str(
            r#"{"symbol": "BTCUSDT", "status": "TRADING", "baseAsset": "BTC", "baseAssetPrecision": 8,
            "quoteAsset": "USDT", "quoteAssetPrecision": 8,
            "filters": [
              {"filterType": "PRICE_FILTER", "minPrice": "0.01000000", "maxPrice": "1000000.00000000", "tickSize": "0.01000000"},
              {"filterType": "LOT_SIZE", "minQty": "0.00001000", "maxQty": "9000.00000000", "stepSize": "0.00001000"},
              {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5", "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2", "avgPriceMins": 5},
              {"filterType": "NOTIONAL", "minNotional": "5.00000000", "applyMinToMarket": true, "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5}
            ]}"#,
        )
        .unwrap();
        let rules = SymbolRules::from_symbol(&info);
        let def = instrument_def(&rules, "BINANCE", Decimal::new(1, 3), Decimal::new(1, 3));
        assert_eq!(def.id, "BTCUSDT.BINANCE");
        assert_eq!(def.price_increment, Decimal::new(1, 2));
        assert_eq!(def.size_increment, Decimal::new(1, 5));
        assert_eq!(def.min_notional, Some(Decimal::from(5)));
        assert_eq!(def.max_quantity, Some(Decimal::from(9000)));
        assert_eq!(
            def.percent_price.as_ref().map(|p| p.bid_multiplier_up),
            Some(Decimal::from(5))
        );
        let inst = def.to_nautilus().unwrap();
        use nautilus_model::instruments::Instrument;
        assert_eq!(inst.price_precision(), 2);
        assert_eq!(inst.size_precision(), 5);
    }
}
