//! The user data stream over the WebSocket API: subscribe with a signed request, deliver the
//! wrapped events, resync the clock on `-1021`.

use std::time::Duration;

use futures::SinkExt;
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, watch};
use tokio_tungstenite::tungstenite::Message;

use super::{
    AsyncTextHandler, Session, SessionEnd, Step, StreamClient, StreamEvent, UserStreamConfig, Ws,
    await_response, connect, read_until_lost, response_error,
};
use crate::engine::venues::binance::{
    clock::local_ms,
    error::BinanceError,
    model::{UserEvent, WrappedUserEvent},
    signing::{Signer, ws_payload},
};

/// User data stream client (WebSocket API, `userDataStream.subscribe.signature`).
pub type UserDataStream = StreamClient<StreamEvent>;

struct UserSession {
    cfg: UserStreamConfig,
    tx: mpsc::Sender<StreamEvent>,
    ever_connected: bool,
    next_id: u64,
}

struct UserTextHandler<'a> {
    tx: &'a mpsc::Sender<StreamEvent>,
}

impl AsyncTextHandler for UserTextHandler<'_> {
    async fn handle(&mut self, text: &str) -> Step {
        let v: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "binance ws: unreadable frame");
                return Step::Continue;
            }
        };
        if v.get("event").is_none() {
            // A response to a request of ours; nothing is pending after the subscription.
            return Step::Continue;
        }
        let wrapped: WrappedUserEvent = match serde_json::from_value(v) {
            Ok(w) => w,
            Err(e) => {
                tracing::warn!(error = %e, "binance ws: unreadable user event");
                return Step::Continue;
            }
        };
        match wrapped.event {
            UserEvent::ServerShutdown(_) => Step::Reconnect("server shutting down".into()),
            UserEvent::EventStreamTerminated(_) => {
                Step::Reconnect("event stream terminated".into())
            }
            UserEvent::Unknown => Step::Continue,
            ev => {
                if self.tx.send(StreamEvent::User(ev)).await.is_err() {
                    Step::Stop
                } else {
                    Step::Continue
                }
            }
        }
    }
}

impl UserSession {
    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    async fn sync_time(&mut self, ws: &mut Ws, pending: &mut Vec<String>) -> Result<(), String> {
        let id = self.id();
        let sent = local_ms();
        ws.send(Message::text(
            json!({"id": id, "method": "time"}).to_string(),
        ))
        .await
        .map_err(|e| e.to_string())?;
        let v = await_response(ws, id, self.cfg.settings.request_timeout, pending).await?;
        let received = local_ms();
        let server = v
            .pointer("/result/serverTime")
            .and_then(Value::as_i64)
            .ok_or("time response without serverTime")?;
        let offset = self.cfg.clock.sync_from(server, sent, received);
        tracing::debug!(offset_ms = offset, "binance ws: clock synced");
        Ok(())
    }

    /// Sends `userDataStream.subscribe.signature`; returns the subscription id.
    async fn subscribe(
        &mut self,
        ws: &mut Ws,
        pending: &mut Vec<String>,
    ) -> Result<Result<u64, BinanceError>, String> {
        let mut resynced = false;
        loop {
            let id = self.id();
            let timestamp = self.cfg.clock.now_ms();
            let payload = ws_payload([
                ("apiKey", self.cfg.api_key.expose().to_string()),
                ("recvWindow", self.cfg.recv_window_ms.to_string()),
                ("timestamp", timestamp.to_string()),
            ]);
            let signature = match Signer::from_secret(&self.cfg.secret) {
                Ok(signer) => signer.sign(&payload),
                Err(e) => return Ok(Err(BinanceError::Config(e))),
            };
            let req = json!({
                "id": id,
                "method": "userDataStream.subscribe.signature",
                "params": {
                    "apiKey": self.cfg.api_key.expose(),
                    "recvWindow": self.cfg.recv_window_ms,
                    "timestamp": timestamp,
                    "signature": signature,
                }
            });
            ws.send(Message::text(req.to_string()))
                .await
                .map_err(|e| e.to_string())?;
            let v = await_response(ws, id, self.cfg.settings.request_timeout, pending).await?;
            match response_error(&v) {
                None => {
                    let sub = v
                        .pointer("/result/subscriptionId")
                        .and_then(Value::as_u64)
                        .ok_or("subscribe response without subscriptionId")?;
                    return Ok(Ok(sub));
                }
                Some((_, -1021, _)) if !resynced => {
                    resynced = true;
                    tracing::warn!("binance ws: -1021 on subscribe, resyncing clock");
                    self.sync_time(ws, pending).await?;
                }
                Some((status, code, msg)) => {
                    let err = if status == 429 || status == 418 {
                        BinanceError::RateLimited {
                            retry_after: Duration::from_secs(1),
                        }
                    } else {
                        BinanceError::from_code(status, code, msg)
                    };
                    return Ok(Err(err));
                }
            }
        }
    }
}

impl Session for UserSession {
    async fn run(
        &mut self,
        failures: u32,
        shutdown: &mut watch::Receiver<bool>,
        kick: &Notify,
    ) -> SessionEnd {
        let settings = self.cfg.settings;
        let mut ws = match connect(&self.cfg.url, settings.request_timeout).await {
            Ok(ws) => ws,
            Err(reason) => {
                tracing::warn!(reason, "binance ws api: connection failed");
                return SessionEnd::Lost { established: false };
            }
        };
        let mut pending = Vec::new();
        let subscription_id = match self.subscribe(&mut ws, &mut pending).await {
            Ok(Ok(id)) => id,
            Ok(Err(err)) => {
                tracing::warn!(error = %err, "binance ws api: subscription refused");
                if self
                    .tx
                    .send(StreamEvent::SubscribeFailed(err))
                    .await
                    .is_err()
                {
                    return SessionEnd::Shutdown;
                }
                let _ = ws.close(None).await;
                return SessionEnd::Lost { established: false };
            }
            Err(reason) => {
                tracing::warn!(reason, "binance ws api: subscription failed");
                return SessionEnd::Lost { established: false };
            }
        };
        let ev = if self.ever_connected {
            StreamEvent::Reconnected {
                subscription_id,
                attempts: failures,
            }
        } else {
            StreamEvent::Connected { subscription_id }
        };
        self.ever_connected = true;
        tracing::info!(
            subscription_id,
            "binance ws api: user data stream subscribed"
        );
        if self.tx.send(ev).await.is_err() {
            return SessionEnd::Shutdown;
        }
        let mut handler = UserTextHandler { tx: &self.tx };
        for text in pending.drain(..) {
            if let Step::Stop = handler.handle(&text).await {
                return SessionEnd::Shutdown;
            }
        }
        read_until_lost(&mut ws, &settings, shutdown, kick, handler, &self.tx).await
    }
}

impl StreamClient<StreamEvent> {
    /// Starts the user data stream client; events arrive on the returned receiver.
    pub fn start(cfg: UserStreamConfig) -> (Self, mpsc::Receiver<StreamEvent>) {
        let (tx, rx) = mpsc::channel(cfg.settings.channel_capacity.max(1));
        let backoff = cfg.settings.backoff;
        let session = UserSession {
            cfg,
            tx,
            ever_connected: false,
            next_id: 0,
        };
        (Self::spawn(session, backoff), rx)
    }
}
