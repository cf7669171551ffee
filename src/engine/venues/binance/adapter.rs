//! Binance as a [`RealVenue`]: its [`ADAPTER`] (the registration), its endpoints by mode, and
//! the trait served by [`BinanceVenue`], whose streams are translated into venue-neutral
//! events.

use std::{collections::BTreeSet, sync::Arc};

use async_trait::async_trait;
use nautilus_model::{
    data::{BarSpecification, TradeTick},
    enums::OrderSide,
    events::AccountState,
    identifiers::{InstrumentId, Venue},
    orders::OrderAny,
};
use tokio::{sync::mpsc, task::JoinHandle};

use super::{
    BinanceVenue, MarketEvent, MarketStream, StreamEvent,
    rest::{LIVE_REST_URL, TESTNET_REST_URL},
    ws::{
        LIVE_STREAM_URL, LIVE_WS_API_URL, MarketStreamConfig, TESTNET_STREAM_URL,
        TESTNET_WS_API_URL, book_ticker_stream, diff_depth_stream, trade_stream,
    },
};
use crate::{
    config::VenueConfig,
    data::instruments::InstrumentDef,
    engine::{
        node::{orders::Trailing, settings::VenueMode},
        venues::{
            Adapter, BookSnapshot, ClientSpec, Connected, Endpoints, Executed, MarketStreamEvent,
            MarketStreams, OrderTest, Outbound, RealVenue, StreamHandle, TickerSnapshot,
            UserStream, UserStreamEvent, VenueBars, VenueUpdate,
        },
    },
    error::OpResult,
};

/// Binance Spot, registered under the venue name `BINANCE`.
pub const ADAPTER: Adapter = Adapter {
    name: "BINANCE",
    build,
};

fn build(spec: ClientSpec<'_>) -> OpResult<Arc<dyn RealVenue>> {
    let client = BinanceVenue::new(
        spec.venue,
        spec.mode,
        endpoints(spec.mode, spec.config),
        spec.keys,
        spec.account_id,
        &spec.options,
    )?;
    Ok(Arc::new(client))
}

/// Binance's endpoints for a mode, with the config's overrides.
#[must_use]
pub fn endpoints(mode: VenueMode, cfg: Option<&VenueConfig>) -> Endpoints {
    let (rest, ws_api, stream) = match mode {
        VenueMode::Live => (LIVE_REST_URL, LIVE_WS_API_URL, LIVE_STREAM_URL),
        _ => (TESTNET_REST_URL, TESTNET_WS_API_URL, TESTNET_STREAM_URL),
    };
    let pick = |o: Option<&String>, d: &str| o.map_or_else(|| d.to_string(), Clone::clone);
    Endpoints {
        rest: pick(cfg.and_then(|c| c.base_url.as_ref()), rest),
        ws_api: pick(cfg.and_then(|c| c.ws_api_url.as_ref()), ws_api),
        stream: pick(cfg.and_then(|c| c.stream_url.as_ref()), stream),
    }
}

#[async_trait]
impl RealVenue for BinanceVenue {
    fn venue(&self) -> Venue {
        BinanceVenue::venue(self)
    }

    fn mode(&self) -> VenueMode {
        BinanceVenue::mode(self)
    }

    fn signing(&self) -> &'static str {
        BinanceVenue::signing(self)
    }

    fn endpoints(&self) -> &Endpoints {
        BinanceVenue::endpoints(self)
    }

    fn clock_offset_ms(&self) -> i64 {
        BinanceVenue::clock_offset_ms(self)
    }

    fn definitions_source(&self) -> String {
        format!(
            "binance exchangeInfo ({})",
            BinanceVenue::mode(self).as_str()
        )
    }

    fn register_instruments(&self, defs: &[InstrumentDef]) {
        BinanceVenue::register_instruments(self, defs);
    }

    async fn connect(&self, symbols: Option<&[String]>) -> OpResult<Connected> {
        BinanceVenue::connect(self, symbols).await
    }

    async fn instruments(&self, filter: Option<&str>) -> OpResult<Vec<InstrumentDef>> {
        BinanceVenue::instruments(self, filter).await
    }

    async fn account(&self) -> OpResult<AccountState> {
        BinanceVenue::account(self).await
    }

    async fn query(&self, order: &OrderAny) -> OpResult<Option<VenueUpdate>> {
        BinanceVenue::query(self, order).await
    }

    async fn reconcile(&self, live: &[OrderAny], all_symbols: bool) -> OpResult<Vec<VenueUpdate>> {
        BinanceVenue::reconcile(self, live, all_symbols).await
    }

    async fn execute(&self, requests: &[Outbound]) -> Executed {
        BinanceVenue::execute(self, requests).await
    }

    async fn takes_trailing(
        &self,
        instrument_id: InstrumentId,
        side: OrderSide,
        trailing: &Trailing,
        with_trigger: bool,
    ) -> OpResult<Result<(), String>> {
        BinanceVenue::takes_trailing(self, instrument_id, side, trailing, with_trigger).await
    }

    async fn test_order(&self, order: &OrderAny) -> OpResult<Option<OrderTest>> {
        BinanceVenue::test_order(self, order).await.map(Some)
    }

    fn user_stream(self: Arc<Self>) -> UserStream {
        let (stream, rx) = self.user_data_stream();
        let (events, forward) = translate(rx, move |event| match event {
            StreamEvent::Connected { .. } => UserStreamEvent::Connected { reconnected: false },
            StreamEvent::Reconnected { .. } => UserStreamEvent::Connected { reconnected: true },
            StreamEvent::User(ev) => UserStreamEvent::Updates(self.updates_of(&ev)),
            StreamEvent::Disconnected { reason } => UserStreamEvent::Disconnected { reason },
            StreamEvent::SubscribeFailed(e) => UserStreamEvent::SubscribeFailed(e.to_string()),
        });
        UserStream {
            handle: Box::new(Running {
                stream: Some(stream),
                forward,
            }),
            events,
        }
    }

    fn market_streams(&self, symbols: &BTreeSet<String>) -> MarketStreams {
        let streams = symbols
            .iter()
            .flat_map(|s| {
                [
                    book_ticker_stream(s),
                    diff_depth_stream(s, true),
                    trade_stream(s),
                ]
            })
            .collect();
        let (stream, rx) = MarketStream::start(MarketStreamConfig::new(
            self.endpoints().stream.clone(),
            streams,
        ));
        let (events, forward) = translate(rx, |event| match event {
            MarketEvent::Connected => MarketStreamEvent::Connected,
            MarketEvent::Reconnected { .. } => MarketStreamEvent::Reconnected,
            MarketEvent::BookTicker(e) => MarketStreamEvent::Book(e.symbol),
            MarketEvent::DepthUpdate(e) => MarketStreamEvent::Book(e.symbol),
            MarketEvent::PartialDepth { symbol, .. } => MarketStreamEvent::Book(symbol),
            MarketEvent::Trade(e) => MarketStreamEvent::Trade(e.symbol),
            MarketEvent::Disconnected { .. } => MarketStreamEvent::Disconnected,
        });
        MarketStreams {
            handle: Box::new(Running {
                stream: Some(stream),
                forward,
            }),
            events,
        }
    }

    async fn book(&self, instrument_id: InstrumentId, depth: u32) -> OpResult<BookSnapshot> {
        BinanceVenue::book(self, instrument_id, depth).await
    }

    async fn ticker(&self, instrument_id: InstrumentId) -> OpResult<TickerSnapshot> {
        BinanceVenue::ticker(self, instrument_id).await
    }

    async fn trades(&self, instrument_id: InstrumentId, limit: u32) -> OpResult<Vec<TradeTick>> {
        BinanceVenue::trades(self, instrument_id, limit).await
    }

    async fn bars(
        &self,
        instrument_id: InstrumentId,
        spec: BarSpecification,
        start_ms: Option<i64>,
        end_ms: Option<i64>,
        limit: usize,
    ) -> OpResult<VenueBars> {
        BinanceVenue::bars(self, instrument_id, spec, start_ms, end_ms, limit).await
    }
}

/// Translates a client's events into the venue-neutral ones on a task of its own, in order,
/// through a channel as deep as the client's.
fn translate<A: Send + 'static, B: Send + 'static>(
    mut rx: mpsc::Receiver<A>,
    f: impl Fn(A) -> B + Send + 'static,
) -> (mpsc::Receiver<B>, JoinHandle<()>) {
    let (tx, events) = mpsc::channel(rx.max_capacity());
    let forward = tokio::spawn(async move {
        while let Some(event) = rx.recv().await {
            if tx.send(f(event)).await.is_err() {
                break;
            }
        }
    });
    (events, forward)
}

/// A Binance WebSocket client and the task translating its events.
struct Running<E> {
    stream: Option<super::StreamClient<E>>,
    forward: JoinHandle<()>,
}

impl<E> std::fmt::Debug for Running<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running").finish_non_exhaustive()
    }
}

#[async_trait]
impl<E: Send + Sync + 'static> StreamHandle for Running<E> {
    async fn shutdown(mut self: Box<Self>) {
        if let Some(s) = self.stream.take() {
            s.shutdown().await;
        }
        self.forward.abort();
    }
}

impl<E> Drop for Running<E> {
    fn drop(&mut self) {
        self.forward.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_mode_and_overrides() {
        let e = endpoints(VenueMode::Testnet, None);
        assert_eq!(e.rest, TESTNET_REST_URL);
        let e = endpoints(VenueMode::Live, None);
        assert_eq!(e.rest, LIVE_REST_URL);
        let cfg = VenueConfig {
            base_url: Some("http://127.0.0.1:9".into()),
            ..VenueConfig::default()
        };
        let e = endpoints(VenueMode::Live, Some(&cfg));
        assert_eq!(e.rest, "http://127.0.0.1:9");
        assert_eq!(e.ws_api, LIVE_WS_API_URL);
    }
}
