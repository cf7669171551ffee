//! Market streams over the combined-stream endpoint: stream names, the frames parsed into
//! [`MarketEvent`]s.

use serde_json::Value;
use tokio::sync::{Notify, mpsc, watch};

use super::{
    AsyncTextHandler, ConnectionSettings, Session, SessionEnd, Step, StreamClient, connect,
    read_until_lost,
};
use crate::engine::venues::binance::model::{BookTickerEvent, Depth, DepthUpdateEvent, TradeEvent};

/// `<symbol>@bookTicker`.
pub fn book_ticker_stream(symbol: &str) -> String {
    format!("{}@bookTicker", symbol.to_lowercase())
}

/// `<symbol>@depth<levels>` or `<symbol>@depth<levels>@100ms` (partial book, levels 5/10/20).
pub fn partial_depth_stream(symbol: &str, levels: u32, fast: bool) -> String {
    let s = format!("{}@depth{levels}", symbol.to_lowercase());
    if fast { format!("{s}@100ms") } else { s }
}

/// `<symbol>@depth` or `<symbol>@depth@100ms` (diff depth).
pub fn diff_depth_stream(symbol: &str, fast: bool) -> String {
    let s = format!("{}@depth", symbol.to_lowercase());
    if fast { format!("{s}@100ms") } else { s }
}

/// `<symbol>@trade`.
pub fn trade_stream(symbol: &str) -> String {
    format!("{}@trade", symbol.to_lowercase())
}

/// Configuration of [`MarketStream`].
#[derive(Debug, Clone)]
pub struct MarketStreamConfig {
    /// Base URL, e.g. [`LIVE_STREAM_URL`] (the client appends `/stream?streams=...`).
    pub base_url: String,
    /// Stream names (see [`book_ticker_stream`], [`partial_depth_stream`], ...).
    pub streams: Vec<String>,
    /// Connection settings.
    pub settings: ConnectionSettings,
}

impl MarketStreamConfig {
    /// A configuration with default settings.
    pub fn new(base_url: impl Into<String>, streams: Vec<String>) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            streams,
            settings: ConnectionSettings::default(),
        }
    }
}

/// What [`MarketStream`] delivers.
#[derive(Debug, Clone, PartialEq)]
pub enum MarketEvent {
    /// First connection.
    Connected,
    /// Connected again after a disconnection (updates may have been missed: refetch books).
    Reconnected {
        /// Failed attempts before this success.
        attempts: u32,
    },
    /// Best bid/ask update.
    BookTicker(BookTickerEvent),
    /// Partial book snapshot (`@depth<N>`); the symbol comes from the stream name.
    PartialDepth {
        /// Symbol (upper case).
        symbol: String,
        /// The levels.
        depth: Depth,
    },
    /// Diff depth update.
    DepthUpdate(DepthUpdateEvent),
    /// Trade.
    Trade(TradeEvent),
    /// The connection was lost (a reconnection follows).
    Disconnected {
        /// Why.
        reason: String,
    },
}

/// Market stream client (combined streams).
pub type MarketStream = StreamClient<MarketEvent>;

struct MarketSession {
    cfg: MarketStreamConfig,
    tx: mpsc::Sender<MarketEvent>,
    ever_connected: bool,
}

struct MarketTextHandler<'a> {
    tx: &'a mpsc::Sender<MarketEvent>,
}

/// Parses one combined-stream frame (`{"stream": ..., "data": ...}`).
pub fn parse_market_frame(text: &str) -> Option<Result<MarketEvent, String>> {
    let v: Value = serde_json::from_str(text).ok()?;
    let stream = v.get("stream")?.as_str()?.to_string();
    let data = v.get("data")?.clone();
    let parsed = if stream.ends_with("@bookTicker") {
        serde_json::from_value(data).map(MarketEvent::BookTicker)
    } else if stream.ends_with("@trade") {
        serde_json::from_value(data).map(MarketEvent::Trade)
    } else if stream.contains("@depth") {
        if data.get("lastUpdateId").is_some() {
            let symbol = stream.split('@').next().unwrap_or_default().to_uppercase();
            serde_json::from_value(data).map(|depth| MarketEvent::PartialDepth { symbol, depth })
        } else {
            serde_json::from_value(data).map(MarketEvent::DepthUpdate)
        }
    } else {
        return None;
    };
    Some(parsed.map_err(|e| format!("{stream}: {e}")))
}

impl AsyncTextHandler for MarketTextHandler<'_> {
    async fn handle(&mut self, text: &str) -> Step {
        if text.contains("serverShutdown") {
            return Step::Reconnect("server shutting down".into());
        }
        match parse_market_frame(text) {
            Some(Ok(ev)) => {
                if self.tx.send(ev).await.is_err() {
                    Step::Stop
                } else {
                    Step::Continue
                }
            }
            Some(Err(e)) => {
                tracing::warn!(error = e, "binance stream: unreadable event");
                Step::Continue
            }
            None => Step::Continue,
        }
    }
}

impl Session for MarketSession {
    async fn run(
        &mut self,
        failures: u32,
        shutdown: &mut watch::Receiver<bool>,
        kick: &Notify,
    ) -> SessionEnd {
        let settings = self.cfg.settings;
        let url = format!(
            "{}/stream?streams={}",
            self.cfg.base_url,
            self.cfg.streams.join("/")
        );
        let mut ws = match connect(&url, settings.request_timeout).await {
            Ok(ws) => ws,
            Err(reason) => {
                tracing::warn!(reason, "binance stream: connection failed");
                return SessionEnd::Lost { established: false };
            }
        };
        let ev = if self.ever_connected {
            MarketEvent::Reconnected { attempts: failures }
        } else {
            MarketEvent::Connected
        };
        self.ever_connected = true;
        if self.tx.send(ev).await.is_err() {
            return SessionEnd::Shutdown;
        }
        let handler = MarketTextHandler { tx: &self.tx };
        read_until_lost(&mut ws, &settings, shutdown, kick, handler, &self.tx).await
    }
}

impl StreamClient<MarketEvent> {
    /// Starts the market stream client; events arrive on the returned receiver.
    pub fn start(cfg: MarketStreamConfig) -> (Self, mpsc::Receiver<MarketEvent>) {
        let (tx, rx) = mpsc::channel(cfg.settings.channel_capacity.max(1));
        let backoff = cfg.settings.backoff;
        let session = MarketSession {
            cfg,
            tx,
            ever_connected: false,
        };
        (Self::spawn(session, backoff), rx)
    }
}
