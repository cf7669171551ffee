//! The Binance client on its own against the stand-in: throttling on the venue's headers,
//! WebSocket API clock errors, market streams, and the venue-side market data functions.

use std::time::Duration;

use nautilus_mcp::engine::{
    node::settings::VenueMode,
    venues::{
        Endpoints, VenueOptions,
        binance::{
            BinanceError, BinanceRest, BinanceRestConfig, BinanceVenue, NewOrder, ServerClock,
            model::{OrderSide, RateLimit, RateLimitInterval, RateLimitType, TimeInForce},
            ws::{
                Backoff, ConnectionSettings, MarketEvent, MarketStream, MarketStreamConfig,
                StreamEvent, UserDataStream, UserStreamConfig, book_ticker_stream,
                partial_depth_stream, trade_stream,
            },
        },
        credentials::{ApiKeys, Secret},
    },
};
use nautilus_model::identifiers::{AccountId, InstrumentId, Venue};
use tokio::sync::mpsc;

use super::{
    standin::{Standin, StandinHandle, default_rate_limits},
    support::*,
};

fn fast_settings() -> ConnectionSettings {
    ConnectionSettings {
        backoff: Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(2),
        },
        request_timeout: Duration::from_secs(5),
        idle_timeout: Duration::from_secs(30),
        ping_interval: Duration::from_secs(10),
        channel_capacity: 1024,
    }
}

fn rest(h: &StandinHandle) -> BinanceRest {
    let mut cfg = BinanceRestConfig::new(h.base_url(), Secret::new(API_KEY), Secret::new(SECRET));
    cfg.timeout = Duration::from_secs(5);
    BinanceRest::new(cfg).expect("client")
}

async fn recv_until<E: std::fmt::Debug, T>(
    rx: &mut mpsc::Receiver<E>,
    secs: u64,
    mut pick: impl FnMut(&E) -> Option<T>,
) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let ev = tokio::time::timeout_at(deadline, rx.recv())
            .await
            .expect("timed out waiting for an event")
            .expect("channel closed");
        if let Some(t) = pick(&ev) {
            return t;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_count_headers_slow_orders_down_before_the_venue_refuses() {
    let Some(mut cfg) = standin_config() else {
        return;
    };
    let mut limits = default_rate_limits();
    limits.push(RateLimit {
        rate_limit_type: RateLimitType::Orders,
        interval: RateLimitInterval::Second,
        interval_num: 1,
        limit: 5,
        count: None,
    });
    cfg.rate_limits = limits;
    let h = Standin::start(cfg).unwrap();
    let client = rest(&h);
    client.sync_time().await.unwrap();
    client.exchange_info(None).await.unwrap(); // loads the limits
    for i in 0..8 {
        client
            .new_order(
                &NewOrder::limit(
                    "BTCUSDT",
                    OrderSide::Buy,
                    d("0.001"),
                    d("40000"),
                    TimeInForce::Gtc,
                )
                .with_client_order_id(format!("t-rl-{i}")),
            )
            .await
            .unwrap();
    }
    let log = h.requests();
    assert!(log.iter().all(|r| r.status != 429), "{log:?}");
    assert_eq!(h.orders().len(), 8);
    // At most 4 orders (80 % of 5) were placed in any one second.
    let mut per_second = std::collections::BTreeMap::new();
    for o in client.all_orders("BTCUSDT", None).await.unwrap() {
        *per_second.entry(o.time / 1000).or_insert(0) += 1;
    }
    assert!(per_second.values().all(|n| *n <= 4), "{per_second:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_stream_resyncs_its_clock_and_refuses_a_wrong_secret() {
    let Some(h) = start_standin() else { return };
    h.set_clock_skew_ms(-20_000); // our timestamps are 20 s ahead of the venue's
    let clock = ServerClock::new();
    let mut cfg = UserStreamConfig::new(
        h.ws_api_url(),
        Secret::new(API_KEY),
        Secret::new(SECRET),
        clock.clone(),
    );
    cfg.settings = fast_settings();
    let (stream, mut rx) = UserDataStream::start(cfg);
    recv_until(&mut rx, 5, |e| {
        matches!(e, StreamEvent::Connected { .. }).then_some(())
    })
    .await;
    assert!(
        (clock.offset_ms() + 20_000).abs() < 500,
        "{}",
        clock.offset_ms()
    );
    let methods: Vec<String> = h.ws_requests().into_iter().map(|(m, _)| m).collect();
    assert_eq!(
        methods,
        [
            "userDataStream.subscribe.signature",
            "time",
            "userDataStream.subscribe.signature"
        ]
    );
    stream.shutdown().await;

    let mut cfg = UserStreamConfig::new(
        h.ws_api_url(),
        Secret::new(API_KEY),
        Secret::new("not-the-secret"),
        clock,
    );
    cfg.settings = fast_settings();
    let (stream, mut rx) = UserDataStream::start(cfg);
    let err = recv_until(&mut rx, 5, |e| match e {
        StreamEvent::SubscribeFailed(err) => Some(err.clone()),
        _ => None,
    })
    .await;
    assert!(
        matches!(err, BinanceError::InvalidRequest { code: -1022, .. }),
        "{err:?}"
    );
    stream.shutdown().await;
}

/// Waits until the stand-in has registered the market stream connection (what it publishes
/// before that reaches nobody).
async fn market_registered(h: &StandinHandle) {
    eventually_async(5, "the stand-in registers the market stream", || async {
        (h.market_connections() == 1).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn market_streams_deliver_book_depth_and_trades_and_reconnect() {
    let Some(h) = start_standin() else { return };
    let mut cfg = MarketStreamConfig::new(
        h.stream_url(),
        vec![
            book_ticker_stream("BTCUSDT"),
            partial_depth_stream("BTCUSDT", 10, true),
            trade_stream("BTCUSDT"),
        ],
    );
    cfg.settings = fast_settings();
    let (stream, mut rx) = MarketStream::start(cfg);
    recv_until(&mut rx, 5, |e| {
        matches!(e, MarketEvent::Connected).then_some(())
    })
    .await;
    market_registered(&h).await;
    h.set_book("BTCUSDT", d("50010"), d("50010.5"));
    let bt = recv_until(&mut rx, 5, |e| match e {
        MarketEvent::BookTicker(b) => Some(b.clone()),
        _ => None,
    })
    .await;
    assert_eq!((bt.bid_price, bt.ask_price), (d("50010"), d("50010.5")));
    let (symbol, depth) = recv_until(&mut rx, 5, |e| match e {
        MarketEvent::PartialDepth { symbol, depth } => Some((symbol.clone(), depth.clone())),
        _ => None,
    })
    .await;
    assert_eq!(symbol, "BTCUSDT");
    assert_eq!(depth.asks[0].price(), d("50010.5"));
    h.trade_at("BTCUSDT", d("50010.2"), Some(d("0.3")));
    let tr = recv_until(&mut rx, 5, |e| match e {
        MarketEvent::Trade(t) => Some(t.clone()),
        _ => None,
    })
    .await;
    assert_eq!((tr.price, tr.qty), (d("50010.2"), d("0.3")));
    h.drop_market_streams();
    recv_until(&mut rx, 10, |e| {
        matches!(e, MarketEvent::Reconnected { .. }).then_some(())
    })
    .await;
    market_registered(&h).await;
    h.set_book("BTCUSDT", d("50020"), d("50020.5"));
    let bt = recv_until(&mut rx, 5, |e| match e {
        MarketEvent::BookTicker(b) => Some(b.clone()),
        _ => None,
    })
    .await;
    assert_eq!(bt.bid_price, d("50020"));
    stream.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn venue_market_data_comes_as_nautilus_values() {
    let Some(h) = start_standin() else { return };
    let venue = BinanceVenue::new(
        Venue::from("BINANCE"),
        VenueMode::Testnet,
        Endpoints {
            rest: h.base_url().into(),
            ws_api: h.ws_api_url().into(),
            stream: h.stream_url().into(),
        },
        ApiKeys {
            api_key: Secret::new(API_KEY),
            secret: Secret::new(SECRET),
            source: "the test".into(),
        },
        AccountId::from("BINANCE-001"),
        &VenueOptions::default(),
    )
    .unwrap();
    let connected = venue.connect(None).await.unwrap();
    let ids: Vec<&str> = connected
        .instruments
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["BTCUSDT.BINANCE", "ETHUSDT.BINANCE"]);
    let btc = InstrumentId::from("BTCUSDT.BINANCE");
    h.set_book("BTCUSDT", d("50001"), d("50002.5"));
    let book = venue.book(btc, 5).await.unwrap();
    assert_eq!(book.bids[0].price.to_string(), "50001.00");
    assert_eq!(book.asks[0].price.to_string(), "50002.50");
    h.trade_at("BTCUSDT", d("50001.5"), Some(d("0.25")));
    let trades = venue.trades(btc, 10).await.unwrap();
    let last = trades.last().unwrap();
    assert_eq!(
        (last.price.to_string(), last.size.to_string()),
        ("50001.50".into(), "0.25000".into())
    );
    let ticker = venue.ticker(btc).await.unwrap();
    assert_eq!(ticker.last.to_string(), "50001.50");
    assert_eq!(ticker.bid.to_string(), "50001.00");
    // The stand-in builds klines from its trades: once the trade's second has passed, its
    // 1s kline is closed and comes back as a Nautilus bar.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let second = nautilus_model::data::BarSpecification::new_checked(
        1,
        nautilus_model::enums::BarAggregation::Second,
        nautilus_model::enums::PriceType::Last,
    )
    .unwrap();
    let bars = venue.bars(btc, second, None, None, 10).await.unwrap();
    assert_eq!(bars.bars.len(), 1);
    assert!(!bars.open_left_out && !bars.truncated);
    assert_eq!(bars.interval, "1s");
    let bar = &bars.bars[0];
    assert_eq!(
        bar.bar_type.to_string(),
        "BTCUSDT.BINANCE-1-SECOND-LAST-EXTERNAL"
    );
    assert_eq!(
        (bar.close.to_string(), bar.volume.to_string()),
        ("50001.50".into(), "0.25000".into())
    );
    let filtered = venue.instruments(Some("eth")).await.unwrap();
    assert_eq!(filtered.len(), 1);
    let unknown = venue.book(InstrumentId::from("XRPUSDT.BINANCE"), 5).await;
    assert!(unknown.is_err());
}
