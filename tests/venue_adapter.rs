//! A second exchange needs one new folder and one registration line: `fakex` below is a whole
//! adapter (an in-memory exchange behind [`RealVenue`]), registered with one line, and the
//! node trades on it through the same operations as on Binance: connect, a market order that
//! fills, a resting limit order cancelled at the venue, balances and the book read from the
//! venue, and a journal that replays to the stored state.

use std::sync::Arc;

use nautilus_mcp::{
    config::Settings,
    engine::venues,
    ops::{call::Call, context::Context, registry::find_tool},
};
use serde_json::{Value, json};

/// The exchange: what would be `src/engine/venues/fakex/` in the crate.
mod fakex {
    use std::{
        collections::{BTreeMap, BTreeSet},
        sync::{Arc, Mutex},
    };

    use async_trait::async_trait;
    use nautilus_core::{UUID4, UnixNanos};
    use nautilus_mcp::{
        config::VenueConfig,
        data::instruments::InstrumentDef,
        engine::{
            node::settings::VenueMode,
            venues::{
                Adapter, BookLevel, BookSnapshot, ClientSpec, Connected, Endpoints, Executed,
                MarketStreams, Outbound, RealVenue, StreamHandle, TickerSnapshot, UserStream,
                UserStreamEvent, VenueBars, VenueUpdate,
            },
        },
        error::{Code, OpError, OpResult},
    };
    use nautilus_model::{
        data::{BarSpecification, BarType, TradeTick},
        enums::{AccountType, AggregationSource, LiquiditySide, OrderSide, OrderStatus, OrderType},
        events::AccountState,
        identifiers::{AccountId, InstrumentId, TradeId, Venue, VenueOrderId},
        orders::{Order, OrderAny},
        reports::{FillReport, OrderStatusReport},
        types::{AccountBalance, Currency, Money, Price, Quantity},
    };
    use rust_decimal::Decimal;
    use tokio::sync::mpsc;

    /// The one thing the rest of the program sees: the venue name and how to build a client.
    pub const ADAPTER: Adapter = Adapter {
        name: "FAKEX",
        build,
    };

    /// Every fill is at this price.
    pub const PRICE: i64 = 50_000;

    fn build(spec: ClientSpec<'_>) -> OpResult<Arc<dyn RealVenue>> {
        if spec.keys.api_key.is_empty() {
            return Err(OpError::invalid("credentials", "FAKEX needs an API key"));
        }
        Ok(Arc::new(FakeExchange {
            venue: spec.venue,
            mode: spec.mode,
            account_id: spec.account_id,
            endpoints: endpoints(spec.config),
        }))
    }

    fn endpoints(cfg: Option<&VenueConfig>) -> Endpoints {
        let rest = cfg
            .and_then(|c| c.base_url.clone())
            .unwrap_or_else(|| "memory://fakex".into());
        Endpoints {
            rest: rest.clone(),
            ws_api: rest.clone(),
            stream: rest,
        }
    }

    /// The exchange's records, shared by every client of the process (one account).
    #[derive(Debug, Default)]
    pub struct Book {
        pub usdt: Decimal,
        pub btc: Decimal,
        /// Orders by client order id: the venue's view and the requests seen.
        pub orders: BTreeMap<String, (OrderStatusReport, Vec<FillReport>)>,
        pub requests: Vec<String>,
        next_id: u64,
    }

    static BOOK: Mutex<Option<Book>> = Mutex::new(None);

    /// Reads (and makes, the first time) the exchange's records.
    pub fn with_book<T>(f: impl FnOnce(&mut Book) -> T) -> T {
        let mut guard = BOOK.lock().unwrap();
        let book = guard.get_or_insert_with(|| Book {
            usdt: Decimal::from(100_000),
            ..Book::default()
        });
        f(book)
    }

    #[derive(Debug)]
    struct FakeExchange {
        venue: Venue,
        mode: VenueMode,
        account_id: AccountId,
        endpoints: Endpoints,
    }

    fn now() -> UnixNanos {
        UnixNanos::from(chrono::Utc::now().timestamp_nanos_opt().unwrap() as u64)
    }

    fn instrument(venue: Venue) -> InstrumentDef {
        serde_json::from_value(serde_json::json!({
            "id": format!("BTCUSDT.{venue}"),
            "type": "currency_pair",
            "base": "BTC",
            "quote": "USDT",
            "price_increment": "0.01",
            "size_increment": "0.00001",
            "min_quantity": "0.00001",
            "maker_fee": "0",
            "taker_fee": "0"
        }))
        .unwrap()
    }

    impl FakeExchange {
        fn state(&self) -> AccountState {
            let (usdt, btc) = with_book(|b| (b.usdt, b.btc));
            let balance = |total: Decimal, code: &str| {
                AccountBalance::from_total_and_locked(total, Decimal::ZERO, Currency::from(code))
                    .unwrap()
            };
            AccountState::new(
                self.account_id,
                AccountType::Cash,
                vec![balance(usdt, "USDT"), balance(btc, "BTC")],
                Vec::new(),
                true,
                UUID4::new(),
                now(),
                now(),
                None,
            )
        }

        fn submit(&self, order: &OrderAny, out: &mut Executed) {
            let id = order.client_order_id().to_string();
            let qty = order.quantity().as_decimal();
            let price = Decimal::from(PRICE);
            let update = with_book(|b| {
                b.requests.push(format!("submit {id}"));
                b.next_id += 1;
                let venue_id = VenueOrderId::from(b.next_id.to_string().as_str());
                let market = order.order_type() == OrderType::Market;
                let (status, filled) = if market {
                    (OrderStatus::Filled, order.quantity())
                } else {
                    (OrderStatus::Accepted, Quantity::from("0.00000"))
                };
                let mut report = OrderStatusReport::new(
                    self.account_id,
                    order.instrument_id(),
                    Some(order.client_order_id()),
                    venue_id,
                    order.order_side(),
                    order.order_type(),
                    order.time_in_force(),
                    status,
                    order.quantity(),
                    filled,
                    now(),
                    now(),
                    now(),
                    None,
                );
                if let Some(p) = order.price() {
                    report = report.with_price(p);
                }
                let mut fills = Vec::new();
                if market {
                    report.avg_px = Some(price);
                    let signed = if order.order_side() == OrderSide::Buy {
                        qty
                    } else {
                        -qty
                    };
                    b.btc += signed;
                    b.usdt -= signed * price;
                    fills.push(FillReport::new(
                        self.account_id,
                        order.instrument_id(),
                        venue_id,
                        TradeId::from(format!("T-{}", b.next_id).as_str()),
                        order.order_side(),
                        order.quantity(),
                        Price::from(format!("{PRICE}.00").as_str()),
                        Money::new(0.0, Currency::from("USDT")),
                        LiquiditySide::Taker,
                        Some(order.client_order_id()),
                        None,
                        now(),
                        now(),
                        None,
                    ));
                }
                b.orders.insert(id, (report.clone(), fills.clone()));
                VenueUpdate::Order { report, fills }
            });
            out.updates.push(update);
        }

        fn cancel(&self, order: &OrderAny, out: &mut Executed) {
            let id = order.client_order_id().to_string();
            let found = with_book(|b| {
                b.requests.push(format!("cancel {id}"));
                let (report, _) = b.orders.get_mut(&id)?;
                report.order_status = OrderStatus::Canceled;
                report.ts_last = now();
                Some(report.clone())
            });
            match found {
                Some(report) => out.updates.push(VenueUpdate::Order {
                    report,
                    fills: Vec::new(),
                }),
                None => out.fail(OpError::new(Code::OrderRejected, "FAKEX: unknown order")),
            }
        }
    }

    /// A stream that never says anything but that it connected.
    #[derive(Debug)]
    struct Quiet;

    #[async_trait]
    impl StreamHandle for Quiet {
        async fn shutdown(self: Box<Self>) {}
    }

    #[async_trait]
    impl RealVenue for FakeExchange {
        fn venue(&self) -> Venue {
            self.venue
        }

        fn mode(&self) -> VenueMode {
            self.mode
        }

        fn signing(&self) -> &'static str {
            "FAKE-SIG"
        }

        fn endpoints(&self) -> &Endpoints {
            &self.endpoints
        }

        fn clock_offset_ms(&self) -> i64 {
            0
        }

        fn definitions_source(&self) -> String {
            format!("fakex ({})", self.mode.as_str())
        }

        fn register_instruments(&self, _defs: &[InstrumentDef]) {}

        async fn connect(&self, _symbols: Option<&[String]>) -> OpResult<Connected> {
            Ok(Connected {
                clock_offset_ms: 0,
                instruments: vec![instrument(self.venue)],
                account: self.state(),
                maker_fee: Decimal::ZERO,
                taker_fee: Decimal::ZERO,
            })
        }

        async fn instruments(&self, _filter: Option<&str>) -> OpResult<Vec<InstrumentDef>> {
            Ok(vec![instrument(self.venue)])
        }

        async fn account(&self) -> OpResult<AccountState> {
            Ok(self.state())
        }

        async fn query(&self, order: &OrderAny) -> OpResult<Option<VenueUpdate>> {
            let id = order.client_order_id().to_string();
            Ok(with_book(|b| b.orders.get(&id).cloned())
                .map(|(report, fills)| VenueUpdate::Order { report, fills }))
        }

        async fn reconcile(
            &self,
            live: &[OrderAny],
            _all_symbols: bool,
        ) -> OpResult<Vec<VenueUpdate>> {
            let mut updates = Vec::new();
            for o in live {
                if let Some(u) = self.query(o).await? {
                    updates.push(u);
                }
            }
            updates.push(VenueUpdate::Account {
                state: self.state(),
                complete: true,
            });
            Ok(updates)
        }

        async fn execute(&self, requests: &[Outbound]) -> Executed {
            let mut out = Executed::default();
            for r in requests {
                match r {
                    Outbound::Submit(o) => self.submit(o, &mut out),
                    Outbound::Cancel(o) => self.cancel(o, &mut out),
                    other => out.fail(OpError::new(
                        Code::VenueError,
                        format!("FAKEX does not support {other:?}"),
                    )),
                }
            }
            out
        }

        fn user_stream(self: Arc<Self>) -> UserStream {
            let (tx, events) = mpsc::channel(4);
            let _ = tx.try_send(UserStreamEvent::Connected { reconnected: false });
            UserStream {
                handle: Box::new(Quiet),
                events,
            }
        }

        fn market_streams(&self, _symbols: &BTreeSet<String>) -> MarketStreams {
            MarketStreams {
                handle: Box::new(Quiet),
                events: mpsc::channel(1).1,
            }
        }

        async fn book(&self, instrument_id: InstrumentId, _depth: u32) -> OpResult<BookSnapshot> {
            let level = |p: &str, q: &str| BookLevel {
                price: Price::from(p),
                size: Quantity::from(q),
            };
            Ok(BookSnapshot {
                instrument_id,
                bids: vec![level("49999.00", "1.00000")],
                asks: vec![level("50001.00", "2.00000")],
                update_id: 7,
                ts: now().as_u64(),
            })
        }

        async fn ticker(&self, _instrument_id: InstrumentId) -> OpResult<TickerSnapshot> {
            Err(OpError::new(Code::VenueUnavailable, "FAKEX has no ticker"))
        }

        async fn trades(
            &self,
            _instrument_id: InstrumentId,
            _limit: u32,
        ) -> OpResult<Vec<TradeTick>> {
            Ok(Vec::new())
        }

        async fn bars(
            &self,
            instrument_id: InstrumentId,
            spec: BarSpecification,
            _start_ms: Option<i64>,
            _end_ms: Option<i64>,
            _limit: usize,
        ) -> OpResult<VenueBars> {
            Ok(VenueBars {
                bar_type: BarType::new(instrument_id, spec, AggregationSource::External),
                interval: "1m".into(),
                price_precision: 2,
                size_precision: 5,
                bars: Vec::new(),
                truncated: false,
                requests: 0,
                open_left_out: false,
            })
        }
    }
}

fn call(rt: &tokio::runtime::Runtime, ctx: &Arc<Context>, tool: &str, args: Value) -> Value {
    let entry = find_tool(tool).expect("tool exists");
    rt.block_on(entry.call_json(ctx.clone(), args, Call::default()))
        .unwrap_or_else(|e| panic!("{tool} failed: {e:?}"))
}

#[test]
fn a_second_exchange_trades_through_the_node_after_one_registration_line() {
    // The registration line (in the crate: `fakex::ADAPTER` added to `venues::BUILT_IN`).
    venues::register(fakex::ADAPTER);

    let dir = tempfile::tempdir().unwrap();
    let ctx = Arc::new(Context::open(Settings::for_state_dir(dir.path().to_path_buf())).unwrap());
    let rt = tokio::runtime::Runtime::new().unwrap();

    call(
        &rt,
        &ctx,
        "initialize_trading_node",
        json!({"venues": ["FAKEX"]}),
    );
    let connected = call(
        &rt,
        &ctx,
        "connect_venue",
        json!({"venue_name": "FAKEX", "mode": "testnet",
               "credentials": {"api_key": "key", "secret_key": "secret"}}),
    );
    assert_eq!(connected["mode"], "testnet", "{connected}");
    assert_eq!(connected["connection"]["signing"], "FAKE-SIG");
    assert_eq!(connected["connection"]["instruments_loaded"], 1);

    // A market order goes out as the node's intent and comes back filled by the exchange.
    let bought = call(
        &rt,
        &ctx,
        "submit_market_order",
        json!({"instrument_id": "BTCUSDT.FAKEX", "side": "BUY", "quantity": "0.5"}),
    );
    let order = &bought["order"];
    assert_eq!(order["status"], "FILLED", "{bought}");
    assert_eq!(order["avg_px"], "50000");
    let id = order["client_order_id"].as_str().unwrap().to_string();
    assert!(
        fakex::with_book(|b| b.requests.contains(&format!("submit {id}"))),
        "the exchange received the order"
    );

    // Balances are the exchange's.
    let account = call(&rt, &ctx, "get_account_info", json!({"venue": "FAKEX"}));
    let text = account.to_string();
    assert!(text.contains("75000"), "USDT after paying 25000: {text}");
    assert!(text.contains("0.5"), "BTC bought: {text}");

    // A limit order rests at the exchange and is cancelled there.
    let placed = call(
        &rt,
        &ctx,
        "submit_limit_order",
        json!({"instrument_id": "BTCUSDT.FAKEX", "side": "BUY", "quantity": "0.1",
               "price": "40000"}),
    );
    assert_eq!(placed["order"]["status"], "ACCEPTED", "{placed}");
    let limit_id = placed["order"]["client_order_id"]
        .as_str()
        .unwrap()
        .to_string();
    let canceled = call(&rt, &ctx, "cancel_order", json!({"order_id": limit_id}));
    assert_eq!(canceled["order"]["status"], "CANCELED", "{canceled}");
    assert!(fakex::with_book(|b| b
        .requests
        .contains(&format!("cancel {limit_id}"))));

    // Market data of a real venue comes from the exchange.
    let book = call(
        &rt,
        &ctx,
        "get_order_book",
        json!({"instrument_id": "BTCUSDT.FAKEX", "depth": 1}),
    );
    assert_eq!(book["bids"][0]["price"], "49999.00", "{book}");

    // The journal replays to the stored state.
    let verified = call(&rt, &ctx, "verify_node_state", json!({}));
    assert_eq!(verified["consistent"], true, "{verified}");

    // A venue without an adapter is refused, naming those there are.
    let entry = find_tool("connect_venue").unwrap();
    let err = rt
        .block_on(entry.call_json(
            ctx.clone(),
            json!({"venue_name": "NOPE", "mode": "testnet",
                   "credentials": {"api_key": "k", "secret_key": "s"}}),
            Call::default(),
        ))
        .unwrap_err();
    let text = format!("{err:?}");
    assert!(text.contains("BINANCE, FAKEX"), "{text}");
}
