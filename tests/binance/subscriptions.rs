//! MCP resource subscriptions on a venue connected in testnet mode follow the venue's market
//! streams: a book ticker and depth update or a trade pushed by the stand-in reaches the
//! subscribed client as `notifications/resources/updated` (coalesced when the stream is busy),
//! and reading the resource then shows the new book or trade.
#![allow(deprecated)] // resources/subscribe is legacy-only in rmcp 3.11 but what 2025 clients use

use std::time::{Duration, Instant};

use rmcp::{
    ClientHandler, ServiceExt,
    model::{
        ClientConfig, Implementation, ReadResourceRequestParams, ResourceContents,
        ResourceUpdatedNotificationParam, SubscribeRequestParams,
    },
    service::{NotificationContext, RoleClient, RunningService},
    transport::TokioChildProcess,
};
use serde_json::Value;
use tokio::sync::mpsc;

use super::support::*;

const BOOK: &str = "nautilus://book/BTCUSDT.BINANCE?depth=5";
const TICKER: &str = "nautilus://ticker/BTCUSDT.BINANCE";
const TRADES: &str = "nautilus://trades/BTCUSDT.BINANCE?limit=10";

/// A client that hands every resource update to the test.
#[derive(Clone)]
struct Notified {
    updated: mpsc::UnboundedSender<(Instant, String)>,
}

impl ClientHandler for Notified {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            Default::default(),
            Implementation::new("nautilus-mcp-binance-subscriptions", "1"),
        )
    }

    async fn on_resource_updated(
        &self,
        params: ResourceUpdatedNotificationParam,
        _cx: NotificationContext<RoleClient>,
    ) {
        let _ = self.updated.send((Instant::now(), params.uri));
    }
}

type Session = RunningService<RoleClient, Notified>;

async fn session(ex: &Exchange) -> (Session, mpsc::UnboundedReceiver<(Instant, String)>) {
    let stderr = std::fs::File::create(ex.dir.path().join("mcp-stderr.log")).unwrap();
    let (transport, _) =
        TokioChildProcess::builder(super::common::mcp_command(&ex.state(), &ex.config))
            .stderr(stderr)
            .spawn()
            .unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    let client = Notified { updated: tx }.serve(transport).await.unwrap();
    (client, rx)
}

async fn read(client: &Session, uri: &str) -> Value {
    let r = client
        .read_resource(ReadResourceRequestParams::new(uri))
        .await
        .unwrap_or_else(|e| panic!("{uri}: {e}"));
    match &r.contents[0] {
        ResourceContents::TextResourceContents { text, .. } => serde_json::from_str(text).unwrap(),
        other => panic!("{uri}: {other:?}"),
    }
}

/// Waits for an update of `uri`; returns when it came.
async fn updated(rx: &mut mpsc::UnboundedReceiver<(Instant, String)>, uri: &str) -> Instant {
    let got = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match rx.recv().await {
                Some((at, u)) if u == uri => return at,
                Some(_) => {}
                None => panic!("client closed"),
            }
        }
    })
    .await;
    got.unwrap_or_else(|_| panic!("no notifications/resources/updated for {uri}"))
}

/// The updates received within `window`: when, and which URI.
async fn collect(
    rx: &mut mpsc::UnboundedReceiver<(Instant, String)>,
    window: Duration,
) -> Vec<(Instant, String)> {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + window;
    while let Ok(Some(update)) = tokio::time::timeout_at(deadline, rx.recv()).await {
        out.push(update);
    }
    out
}

/// How many of `updates` are for `uri`.
fn count(updates: &[(Instant, String)], uri: &str) -> usize {
    updates.iter().filter(|(_, u)| u == uri).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_on_a_live_venue_follow_its_market_streams() {
    let Some(ex) = Exchange::new() else { return };
    ex.json(&["node", "init", "--venue", "BINANCE"]);
    let (client, mut rx) = session(&ex).await;
    connect_venue_over_mcp(&client).await;
    assert_eq!(
        ex.standin.market_connections(),
        0,
        "no stream before a subscription"
    );

    for uri in [BOOK, TICKER, TRADES] {
        client
            .subscribe(SubscribeRequestParams::new(uri))
            .await
            .unwrap();
    }
    let standin = &ex.standin;
    eventually_async(10, "the server opened the market streams", || async {
        (standin.market_connections() == 1).then_some(())
    })
    .await;
    assert_eq!(
        standin.market_streams(),
        ["btcusdt@bookTicker", "btcusdt@depth@100ms", "btcusdt@trade"]
    );
    let book = read(&client, BOOK).await;
    assert_eq!(book["source"], "live");
    assert_eq!(book["best_bid"], "50000.00");
    // Reading a subscribed resource is no change.
    assert!(
        collect(&mut rx, Duration::from_millis(1500))
            .await
            .is_empty()
    );

    // The stand-in pushes a bookTicker and a depth update: book and ticker are told at once
    // (and at most once more a second later, for the second event), trades are not.
    let pushed = Instant::now();
    standin.set_book("BTCUSDT", d("50010"), d("50011.5"));
    let told = collect(&mut rx, Duration::from_millis(3000)).await;
    let first = told
        .iter()
        .find(|(_, u)| u == BOOK)
        .unwrap_or_else(|| panic!("no notifications/resources/updated for {BOOK}: {told:?}"));
    eprintln!(
        "book update to notification: {} ms",
        first.0.duration_since(pushed).as_millis()
    );
    assert!((1..=2).contains(&count(&told, BOOK)), "{told:?}");
    assert!((1..=2).contains(&count(&told, TICKER)), "{told:?}");
    assert_eq!(count(&told, TRADES), 0, "{told:?}");
    let book = read(&client, BOOK).await;
    assert_eq!(book["best_bid"], "50010.00");
    assert_eq!(book["best_ask"], "50011.50");
    let ticker = read(&client, TICKER).await;
    assert_eq!(
        (ticker["bid"].as_str(), ticker["ask"].as_str()),
        (Some("50010.00"), Some("50011.50"))
    );

    // A busy stream: 50 updates in a burst are coalesced, at most one notification a second
    // per resource, and the resource ends at the last book.
    for i in 1..=50 {
        let bid = d("50010") + rust_decimal::Decimal::from(i);
        standin.set_book("BTCUSDT", bid, bid + d("0.5"));
    }
    let told = collect(&mut rx, Duration::from_millis(3000)).await;
    let books = count(&told, BOOK);
    eprintln!(
        "50 book updates: {books} book notification(s), {} in all",
        told.len()
    );
    assert!((1..=3).contains(&books), "{told:?}");
    assert_eq!(count(&told, TRADES), 0, "{told:?}");
    assert_eq!(read(&client, BOOK).await["best_bid"], "50060.00");

    // A trade reaches the trades and ticker resources.
    standin.trade_at("BTCUSDT", d("50061.25"), Some(d("0.3")));
    updated(&mut rx, TRADES).await;
    let trades = read(&client, TRADES).await;
    assert_eq!(trades["source"], "live");
    let last = trades["trades"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["price"].as_str(), last["size"].as_str()),
        (Some("50061.25"), Some("0.30000"))
    );

    // Unsubscribed from everything, the venue's streams close.
    for uri in [BOOK, TICKER, TRADES] {
        client
            .unsubscribe(rmcp::model::UnsubscribeRequestParams::new(uri))
            .await
            .unwrap();
    }
    eventually_async(10, "the market streams closed", || async {
        (standin.market_connections() == 0).then_some(())
    })
    .await;
    client.cancel().await.ok();
}
