//! Typed Binance Spot REST responses, user-data events and market-stream events.
//!
//! Prices and quantities are [`Decimal`] (Binance sends them as JSON strings); timestamps are
//! `i64` milliseconds since the Unix epoch. Fields that Binance only sends under some conditions
//! are `Option`s or have defaults; unknown enum values map to an `Unknown` variant instead of
//! failing the whole message.
//!
//! Here: the wire enums every model shares. The models by where they come from: [`exchange`]
//! (errors, rate limits, exchange info, symbol rules), [`rest`] (account, orders, trades,
//! market data), [`user`] (user data stream events) and [`stream`] (market stream events).

mod exchange;
mod rest;
mod stream;
mod user;

pub use exchange::*;
pub use rest::*;
pub use stream::*;
pub use user::*;

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+
            /// A value this client does not know.
            #[serde(other)]
            Unknown,
        }

        impl $name {
            /// The value as Binance spells it.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown => "UNKNOWN",
                }
            }

            /// Parses Binance's spelling (`Unknown` for anything else).
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)+
                    _ => Self::Unknown,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum!(
    /// Order side.
    OrderSide {
        /// Buy.
        Buy => "BUY",
        /// Sell.
        Sell => "SELL",
    }
);

wire_enum!(
    /// Order type.
    OrderType {
        /// Limit order.
        Limit => "LIMIT",
        /// Market order.
        Market => "MARKET",
        /// Stop-loss (market when triggered).
        StopLoss => "STOP_LOSS",
        /// Stop-loss limit.
        StopLossLimit => "STOP_LOSS_LIMIT",
        /// Take-profit (market when triggered).
        TakeProfit => "TAKE_PROFIT",
        /// Take-profit limit.
        TakeProfitLimit => "TAKE_PROFIT_LIMIT",
        /// Post-only limit order.
        LimitMaker => "LIMIT_MAKER",
    }
);

wire_enum!(
    /// Time in force.
    TimeInForce {
        /// Good till canceled.
        Gtc => "GTC",
        /// Immediate or cancel.
        Ioc => "IOC",
        /// Fill or kill.
        Fok => "FOK",
    }
);

wire_enum!(
    /// Order status (`status`, `X`).
    OrderStatus {
        /// Accepted by the engine.
        New => "NEW",
        /// Pending until the working order of a list fills.
        PendingNew => "PENDING_NEW",
        /// Partly filled.
        PartiallyFilled => "PARTIALLY_FILLED",
        /// Completely filled.
        Filled => "FILLED",
        /// Canceled by the user.
        Canceled => "CANCELED",
        /// Unused by Binance today.
        PendingCancel => "PENDING_CANCEL",
        /// Rejected by the engine.
        Rejected => "REJECTED",
        /// Expired under the order type's rules or by the exchange.
        Expired => "EXPIRED",
        /// Expired by self-trade prevention.
        ExpiredInMatch => "EXPIRED_IN_MATCH",
    }
);

impl OrderStatus {
    /// Whether the order can still trade (or be canceled).
    pub fn is_open(&self) -> bool {
        matches!(self, Self::New | Self::PartiallyFilled | Self::PendingNew)
    }
}

wire_enum!(
    /// Execution type of an `executionReport` (`x`).
    ExecutionType {
        /// Accepted into the engine.
        New => "NEW",
        /// Canceled by the user.
        Canceled => "CANCELED",
        /// Amended (order amend keep priority).
        Replaced => "REPLACED",
        /// Rejected.
        Rejected => "REJECTED",
        /// Part or all of the order traded.
        Trade => "TRADE",
        /// Expired.
        Expired => "EXPIRED",
        /// Expired by self-trade prevention.
        TradePrevention => "TRADE_PREVENTION",
    }
);

wire_enum!(
    /// Rate limiter type in `exchangeInfo.rateLimits`.
    RateLimitType {
        /// Request weight per interval (per IP).
        RequestWeight => "REQUEST_WEIGHT",
        /// Orders per interval (per account).
        Orders => "ORDERS",
        /// Raw requests per interval.
        RawRequests => "RAW_REQUESTS",
    }
);

wire_enum!(
    /// Rate limit interval unit.
    RateLimitInterval {
        /// Seconds.
        Second => "SECOND",
        /// Minutes.
        Minute => "MINUTE",
        /// Hours.
        Hour => "HOUR",
        /// Days.
        Day => "DAY",
    }
);

impl RateLimitInterval {
    /// Length of one unit in milliseconds.
    pub fn unit_ms(&self) -> i64 {
        match self {
            Self::Second => 1_000,
            Self::Minute => 60_000,
            Self::Hour => 3_600_000,
            Self::Day => 86_400_000,
            Self::Unknown => 60_000,
        }
    }

    /// The letter used in `X-MBX-*-<n><letter>` headers.
    pub fn letter(&self) -> char {
        match self {
            Self::Second => 's',
            Self::Minute => 'm',
            Self::Hour => 'h',
            Self::Day => 'd',
            Self::Unknown => '?',
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rust_decimal::Decimal;

    use super::*;

    const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/binance/spot");

    fn load(rel: &str) -> Option<String> {
        let path = Path::new(DATA).join(rel);
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn parses_every_shared_rest_body() {
        let Some(_) = load("http_json/server_time_response.json") else {
            return; // data set absent on this machine
        };
        let t: ServerTime =
            serde_json::from_str(&load("http_json/server_time_response.json").unwrap()).unwrap();
        assert_eq!(t.server_time, 1_499_827_319_559);
        let info: ExchangeInfo =
            serde_json::from_str(&load("http_json/exchange_info_response.json").unwrap()).unwrap();
        assert_eq!(info.symbols[0].symbol, "ETHBTC");
        let acct: AccountInfo =
            serde_json::from_str(&load("http_json/account_response.json").unwrap()).unwrap();
        assert_eq!(acct.balances.len(), 2);
        let full: OrderResponse =
            serde_json::from_str(&load("http_json/new_order_full_response.json").unwrap()).unwrap();
        assert_eq!(full.fills.len(), 5);
        assert_eq!(full.status, Some(OrderStatus::Filled));
        let _: Order =
            serde_json::from_str(&load("http_json/order_response.json").unwrap()).unwrap();
        let _: Vec<Order> =
            serde_json::from_str(&load("http_json/open_orders_response.json").unwrap()).unwrap();
        let _: Vec<Order> =
            serde_json::from_str(&load("http_json/all_orders_response.json").unwrap()).unwrap();
        let _: CancelOrderResponse =
            serde_json::from_str(&load("http_json/cancel_order_response.json").unwrap()).unwrap();
        let all: Vec<CanceledOpenOrder> =
            serde_json::from_str(&load("http_json/cancel_open_orders_response.json").unwrap())
                .unwrap();
        assert!(matches!(all[0], CanceledOpenOrder::Order(_)));
        assert!(matches!(all[2], CanceledOpenOrder::List(_)));
        let _: Vec<MyTrade> =
            serde_json::from_str(&load("http_json/account_trades_response.json").unwrap()).unwrap();
        let d: Depth =
            serde_json::from_str(&load("http_json/depth_response.json").unwrap()).unwrap();
        assert_eq!(d.bids[0].price().to_string(), "4.00000000");
        let _: Vec<PublicTrade> =
            serde_json::from_str(&load("http_json/trades_response.json").unwrap()).unwrap();
        let k: Vec<Kline> =
            serde_json::from_str(&load("http_json/klines_response.json").unwrap()).unwrap();
        assert_eq!(k[0].trades, 308);
        let _: BookTicker =
            serde_json::from_str(&load("http_json/book_ticker_response.json").unwrap()).unwrap();
        let _: Ticker24hr =
            serde_json::from_str(&load("http_json/ticker_24hr_response.json").unwrap()).unwrap();
    }

    #[test]
    fn parses_every_shared_user_data_event() {
        let Some(_) = load("user_data_json/execution_report_new.json") else {
            return;
        };
        for name in [
            "execution_report_new",
            "execution_report_trade",
            "execution_report_canceled",
            "execution_report_expired",
            "execution_report_stop_loss",
            "account_position",
            "balance_update",
        ] {
            let ev: UserEvent =
                serde_json::from_str(&load(&format!("user_data_json/{name}.json")).unwrap())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_ne!(ev, UserEvent::Unknown, "{name}");
        }
        for name in [
            "execution_report_wrapped",
            "account_position_wrapped",
            "balance_update_wrapped",
            "list_status_wrapped",
        ] {
            let ev: WrappedUserEvent =
                serde_json::from_str(&load(&format!("user_data_json/{name}.json")).unwrap())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(ev.subscription_id, Some(0));
            assert_ne!(ev.event, UserEvent::Unknown, "{name}");
        }
        let trade: UserEvent =
            serde_json::from_str(&load("user_data_json/execution_report_trade.json").unwrap())
                .unwrap();
        let UserEvent::ExecutionReport(r) = trade else {
            panic!()
        };
        assert_eq!(r.commission_asset.as_deref(), Some("ETH"));
        assert_eq!(r.execution_type, ExecutionType::Trade);
        assert!(r.is_maker);
    }

    #[test]
    fn symbol_rules_from_filters() {
        let json = r#"{
            "symbol": "BTCUSDT", "status": "TRADING", "baseAsset": "BTC", "baseAssetPrecision": 8,
            "quoteAsset": "USDT", "quoteAssetPrecision": 8,
            "filters": [
              {"filterType": "PRICE_FILTER", "minPrice": "0.01000000", "maxPrice": "1000000.00000000", "tickSize": "0.01000000"},
              {"filterType": "LOT_SIZE", "minQty": "0.00001000", "maxQty": "9000.00000000", "stepSize": "0.00001000"},
              {"filterType": "ICEBERG_PARTS", "limit": 10},
              {"filterType": "MARKET_LOT_SIZE", "minQty": "0.00000000", "maxQty": "100.0", "stepSize": "0.00000000"},
              {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10, "maxTrailingAboveDelta": 2000, "minTrailingBelowDelta": 10, "maxTrailingBelowDelta": 2000},
              {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5", "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2", "avgPriceMins": 5},
              {"filterType": "NOTIONAL", "minNotional": "5.00000000", "applyMinToMarket": true, "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5},
              {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200}
            ]}"#;
        let info: SymbolInfo = serde_json::from_str(json).unwrap();
        let rules = SymbolRules::from_symbol(&info);
        assert_eq!(rules.price_precision(), 2);
        assert_eq!(rules.size_precision(), 5);
        assert_eq!(rules.min_notional, Some(Decimal::new(5, 0)));
        assert!(rules.percent_price_by_side.is_some());
        assert!(rules.check_price(Decimal::new(5000001, 2)).is_ok());
        assert!(rules.check_price(Decimal::new(50000001, 3)).is_err());
        assert!(rules.check_qty(Decimal::new(1, 5), false).is_ok());
        assert!(rules.check_qty(Decimal::new(1, 6), false).is_err());
        assert!(
            rules
                .check_notional(Decimal::new(100, 0), Decimal::new(1, 2))
                .is_err()
        );
    }
}
