//! WebSocket clients: the user data stream over the WebSocket API, and market streams.
//!
//! * [`UserDataStream`] connects to the WebSocket API (`/ws-api/v3`), subscribes with
//!   `userDataStream.subscribe.signature` (params `apiKey`, `timestamp`, `recvWindow`,
//!   `signature`; the signature is HMAC-SHA256 (hex) or Ed25519 (base64), by the key, over the
//!   params sorted by name, as the WebSocket API documents), and delivers the wrapped `{"subscriptionId", "event"}` events as
//!   [`StreamEvent::User`]. A `-1021` answer resyncs the shared clock with the WebSocket API's
//!   `time` method and retries once.
//! * [`MarketStream`] connects to the combined-stream endpoint (`/stream?streams=a/b`) for
//!   `<symbol>@bookTicker`, `<symbol>@depth<N>[@100ms]`, `<symbol>@depth[@100ms]` and
//!   `<symbol>@trade`.
//!
//! Both answer server pings with pongs carrying the same payload, ping the server themselves,
//! treat a silent connection (no frame within `idle_timeout`) as lost, and reconnect with
//! exponential backoff (jittered, capped at `backoff.max`, 30 s by default). Every reconnection
//! after the first connection is announced (`Reconnected`) so the consumer can reconcile over
//! REST: events sent while disconnected are lost. Events go through a bounded tokio mpsc
//! channel; dropping the receiver or the client stops the task.

mod market;
mod user;

pub use market::*;
pub use user::*;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use rand::Rng;
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{clock::ServerClock, error::BinanceError, model::UserEvent};
use crate::engine::venues::credentials::Secret;

/// Live WebSocket API endpoint.
pub const LIVE_WS_API_URL: &str = "wss://ws-api.binance.com:443/ws-api/v3";
/// Testnet WebSocket API endpoint.
pub const TESTNET_WS_API_URL: &str = "wss://ws-api.testnet.binance.vision/ws-api/v3";
/// Live market streams base.
pub const LIVE_STREAM_URL: &str = "wss://stream.binance.com:9443";
/// Testnet market streams base.
pub const TESTNET_STREAM_URL: &str = "wss://stream.testnet.binance.vision";

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Exponential reconnection backoff: `initial × 2^(n−1)`, capped at `max`, ±20 % jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// First delay.
    pub initial: Duration,
    /// Cap.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The delay before reconnection attempt `n` (1-based).
    pub fn delay(&self, n: u32) -> Duration {
        let factor = 2u32.saturating_pow(n.saturating_sub(1).min(16));
        let base = self.initial.saturating_mul(factor).min(self.max);
        let jitter: f64 = rand::rng().random_range(0.8..1.2);
        base.mul_f64(jitter).min(self.max)
    }
}

/// Settings shared by both clients.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionSettings {
    /// Reconnection backoff.
    pub backoff: Backoff,
    /// Timeout for connecting and for request responses (subscribe, time).
    pub request_timeout: Duration,
    /// A connection with no frame for this long is considered lost.
    pub idle_timeout: Duration,
    /// Interval of client pings.
    pub ping_interval: Duration,
    /// Capacity of the event channel.
    pub channel_capacity: usize,
}

impl Default for ConnectionSettings {
    fn default() -> Self {
        Self {
            backoff: Backoff::default(),
            request_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            ping_interval: Duration::from_secs(30),
            channel_capacity: 1024,
        }
    }
}

/// Configuration of [`UserDataStream`]. `Debug` prints `***` for the credentials.
#[derive(Debug, Clone)]
pub struct UserStreamConfig {
    /// WebSocket API URL, e.g. [`LIVE_WS_API_URL`].
    pub url: String,
    /// API key.
    pub api_key: Secret,
    /// API secret: an HMAC key, or a PEM PKCS#8 Ed25519 private key.
    pub secret: Secret,
    /// `recvWindow` of the subscription request, ms.
    pub recv_window_ms: u64,
    /// Server clock (share the REST client's: [`super::rest::BinanceRest::clock`]).
    pub clock: ServerClock,
    /// Connection settings.
    pub settings: ConnectionSettings,
}

impl UserStreamConfig {
    /// A configuration with default settings and recvWindow 5000 ms.
    pub fn new(
        url: impl Into<String>,
        api_key: Secret,
        secret: Secret,
        clock: ServerClock,
    ) -> Self {
        Self {
            url: url.into(),
            api_key,
            secret,
            recv_window_ms: 5_000,
            clock,
            settings: ConnectionSettings::default(),
        }
    }
}

/// What [`UserDataStream`] delivers.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "events are moved once through a channel"
)]
pub enum StreamEvent {
    /// First successful subscription.
    Connected {
        /// Subscription id.
        subscription_id: u64,
    },
    /// Subscribed again after a disconnection: events may have been missed, reconcile by REST.
    Reconnected {
        /// Subscription id.
        subscription_id: u64,
        /// Failed attempts before this success.
        attempts: u32,
    },
    /// A user data event.
    User(UserEvent),
    /// The connection was lost (a reconnection follows).
    Disconnected {
        /// Why.
        reason: String,
    },
    /// The subscription request was refused (bad key, signature...); retried with backoff.
    SubscribeFailed(BinanceError),
}

enum SessionEnd {
    Shutdown,
    Lost { established: bool },
}

trait Session: Send {
    fn run(
        &mut self,
        failures: u32,
        shutdown: &mut watch::Receiver<bool>,
        kick: &Notify,
    ) -> impl Future<Output = SessionEnd> + Send;
}

/// A stream client: the task that keeps its session connected until shut down. `E` is the
/// kind of event it delivers.
#[derive(Debug)]
pub struct StreamClient<E> {
    shutdown: watch::Sender<bool>,
    kick: Arc<Notify>,
    task: JoinHandle<()>,
    events: std::marker::PhantomData<fn() -> E>,
}

impl<E> StreamClient<E> {
    fn spawn<S: Session + 'static>(session: S, backoff: Backoff) -> Self {
        let (shutdown, shutdown_rx) = watch::channel(false);
        let kick = Arc::new(Notify::new());
        let task = tokio::spawn(reconnect_loop(session, backoff, shutdown_rx, kick.clone()));
        Self {
            shutdown,
            kick,
            task,
            events: std::marker::PhantomData,
        }
    }

    /// Drops the current connection and reconnects (a `Reconnected` event follows).
    pub fn reconnect(&self) {
        self.kick.notify_one();
    }

    /// Stops the client and waits for its task.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

/// The events of a stream that can say its connection was lost.
trait LostEvent {
    /// What the log says when the connection is lost.
    const LOST: &'static str;
    fn disconnected(reason: String) -> Self;
}

impl LostEvent for StreamEvent {
    const LOST: &'static str = "binance ws api: user data stream lost";
    fn disconnected(reason: String) -> Self {
        Self::Disconnected { reason }
    }
}

impl LostEvent for MarketEvent {
    const LOST: &'static str = "binance stream: connection lost";
    fn disconnected(reason: String) -> Self {
        Self::Disconnected { reason }
    }
}

/// Reads a connected session until it ends; a lost connection is logged and reported.
async fn read_until_lost<E: LostEvent, H: AsyncTextHandler>(
    ws: &mut Ws,
    settings: &ConnectionSettings,
    shutdown: &mut watch::Receiver<bool>,
    kick: &Notify,
    handler: H,
    tx: &mpsc::Sender<E>,
) -> SessionEnd {
    match read_loop(ws, settings, shutdown, kick, handler).await {
        Err(()) => SessionEnd::Shutdown,
        Ok(reason) => {
            tracing::warn!(reason, "{}", E::LOST);
            if tx.send(E::disconnected(reason)).await.is_err() {
                return SessionEnd::Shutdown;
            }
            SessionEnd::Lost { established: true }
        }
    }
}

async fn reconnect_loop<S: Session>(
    mut session: S,
    backoff: Backoff,
    mut shutdown: watch::Receiver<bool>,
    kick: Arc<Notify>,
) {
    let mut failures = 0u32;
    loop {
        match session.run(failures, &mut shutdown, &kick).await {
            SessionEnd::Shutdown => return,
            SessionEnd::Lost { established } => {
                if established {
                    failures = 0;
                }
                failures = failures.saturating_add(1);
                let delay = backoff.delay(failures);
                tracing::info!(
                    delay_ms = delay.as_millis() as u64,
                    attempt = failures,
                    "binance ws: reconnecting"
                );
                tokio::select! {
                    () = tokio::time::sleep(delay) => {}
                    _ = shutdown.changed() => return,
                }
            }
        }
    }
}

async fn connect(url: &str, timeout: Duration) -> Result<Ws, String> {
    match tokio::time::timeout(timeout, tokio_tungstenite::connect_async(url)).await {
        Ok(Ok((ws, _))) => Ok(ws),
        Ok(Err(e)) => Err(format!("connect failed: {e}")),
        Err(_) => Err("connect timed out".to_string()),
    }
}

/// Waits for the response with `id`, answering pings; other text frames are kept in `pending`.
async fn await_response(
    ws: &mut Ws,
    id: u64,
    timeout: Duration,
    pending: &mut Vec<String>,
) -> Result<Value, String> {
    let deadline = Instant::now() + timeout;
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next())
            .await
            .map_err(|_| "no response in time".to_string())?;
        match msg {
            None => return Err("connection closed".into()),
            Some(Err(e)) => return Err(e.to_string()),
            Some(Ok(Message::Text(t))) => {
                let v: Value = serde_json::from_str(t.as_str()).map_err(|e| e.to_string())?;
                if v.get("id").and_then(Value::as_u64) == Some(id) {
                    return Ok(v);
                }
                pending.push(t.as_str().to_string());
            }
            Some(Ok(Message::Ping(p))) => {
                ws.send(Message::Pong(p)).await.map_err(|e| e.to_string())?;
            }
            Some(Ok(Message::Close(_))) => return Err("closed by server".into()),
            Some(Ok(_)) => {}
        }
    }
}

fn response_error(v: &Value) -> Option<(u16, i64, String)> {
    let status = v.get("status").and_then(Value::as_u64).unwrap_or(0);
    if status == 200 {
        return None;
    }
    let err = v.get("error");
    let code = err
        .and_then(|e| e.get("code"))
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let msg = err
        .and_then(|e| e.get("msg"))
        .and_then(Value::as_str)
        .unwrap_or("unknown error")
        .to_string();
    Some((u16::try_from(status).unwrap_or(0), code, msg))
}

/// Result of one pass of the read loop.
enum Step {
    Continue,
    Reconnect(String),
    Stop,
}

/// Runs the read loop until the connection is lost; `on_text` handles text frames.
async fn read_loop<F>(
    ws: &mut Ws,
    settings: &ConnectionSettings,
    shutdown: &mut watch::Receiver<bool>,
    kick: &Notify,
    mut on_text: F,
) -> Result<String, ()>
where
    F: AsyncTextHandler,
{
    let mut ping = tokio::time::interval(settings.ping_interval);
    ping.tick().await;
    let mut last_rx = Instant::now();
    loop {
        let idle_deadline = last_rx + settings.idle_timeout;
        tokio::select! {
            _ = shutdown.changed() => {
                let _ = ws.close(None).await;
                return Err(());
            }
            () = kick.notified() => {
                let _ = ws.close(None).await;
                return Ok("reconnect requested".into());
            }
            _ = ping.tick() => {
                if let Err(e) = ws.send(Message::Ping(Default::default())).await {
                    return Ok(format!("ping failed: {e}"));
                }
            }
            () = tokio::time::sleep_until(idle_deadline) => {
                return Ok(format!("no data for {:?}", settings.idle_timeout));
            }
            msg = ws.next() => {
                last_rx = Instant::now();
                match msg {
                    None => return Ok("connection closed".into()),
                    Some(Err(e)) => return Ok(format!("read error: {e}")),
                    Some(Ok(Message::Text(t))) => match on_text.handle(t.as_str()).await {
                        Step::Continue => {}
                        Step::Reconnect(reason) => {
                            let _ = ws.close(None).await;
                            return Ok(reason);
                        }
                        Step::Stop => return Err(()),
                    },
                    Some(Ok(Message::Ping(p))) => {
                        if let Err(e) = ws.send(Message::Pong(p)).await {
                            return Ok(format!("pong failed: {e}"));
                        }
                    }
                    Some(Ok(Message::Close(_))) => return Ok("closed by server".into()),
                    Some(Ok(_)) => {}
                }
            }
        }
    }
}

trait AsyncTextHandler: Send {
    fn handle(&mut self, text: &str) -> impl Future<Output = Step> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        let b = Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(30),
        };
        assert!(b.delay(1) <= Duration::from_millis(120));
        assert!(b.delay(4) >= Duration::from_millis(640));
        assert!(b.delay(30) <= Duration::from_secs(30));
        assert!(b.delay(30) >= Duration::from_secs(24));
    }

    #[test]
    fn parses_combined_frames() {
        let f = r#"{"stream":"btcusdt@depth10@100ms","data":{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"]]}}"#;
        match parse_market_frame(f) {
            Some(Ok(MarketEvent::PartialDepth { symbol, depth })) => {
                assert_eq!(symbol, "BTCUSDT");
                assert_eq!(depth.last_update_id, 160);
            }
            other => panic!("{other:?}"),
        }
        let f = r#"{"stream":"bnbusdt@bookTicker","data":{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}"#;
        assert!(matches!(
            parse_market_frame(f),
            Some(Ok(MarketEvent::BookTicker(_)))
        ));
        let f = r#"{"stream":"bnbbtc@trade","data":{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","T":1672515782136,"m":true,"M":true}}"#;
        assert!(matches!(
            parse_market_frame(f),
            Some(Ok(MarketEvent::Trade(_)))
        ));
        let f = r#"{"stream":"bnbbtc@depth","data":{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}}"#;
        assert!(matches!(
            parse_market_frame(f),
            Some(Ok(MarketEvent::DepthUpdate(_)))
        ));
    }
}
