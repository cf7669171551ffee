//! The process's real venues: credentials, the connected clients ([`ConnectedVenue`], one per
//! venue, with its user stream and market streams), reconciliation when a command starts, and
//! the two-step trading flow ([`trade`]). What it needs of the process around it (settings,
//! store, node thread, this state) comes through [`Host`], which the operations' context
//! implements.
//!
//! A trading command on a real venue runs as: (1) a node session decides, checks and journals
//! the intent (`SUBMITTED`, `PENDING_CANCEL`, `PENDING_UPDATE`) and commits; (2) the requests
//! go to the venue, outside any database transaction; (3) a second session applies what the
//! venue answered (Nautilus reports) and builds the result. A process that dies between (1)
//! and (3) leaves pending intents that the next command reconciles against the venue.
//!
//! Where facts come from: a CLI process reconciles by REST once, when its command starts. A
//! long-running MCP server keeps each real venue's user data stream open; while it is live
//! (subscribed and reconciled since its last connection) commands need no REST round trip.

use std::{
    collections::{BTreeSet, HashMap},
    path::Path,
    sync::{Arc, Mutex},
    time::Duration,
};

use nautilus_model::identifiers::{AccountId, Venue};
use serde::Deserialize;

use super::{
    ClientSpec, Outbound, RealVenue, VenueOptions, VenueUpdate, adapter, adapter_names,
    credentials::{ApiKeys, Secret},
    market_streams::MarketFeed,
    runner::{self, StreamTask},
};
use crate::{
    config::Settings,
    engine::node::{
        NodeHandle,
        session::Session,
        settings::{LiveSettings, VenueMode},
    },
    error::{Code, OpError, OpResult},
    store::{self, Store, node as db},
};

/// What the venue runtime needs of the process it runs in.
pub trait Host: Send + Sync {
    /// The process's settings (venue configs, `allow_live`).
    fn settings(&self) -> &Settings;
    /// The store (venue rows, instruments).
    fn store(&self) -> &Store;
    /// The node thread, started on first use.
    fn node(&self) -> OpResult<NodeHandle>;
    /// This process's real-venue state.
    fn venues(&self) -> &RealVenues;
}

impl<H: Host> Host for Arc<H> {
    fn settings(&self) -> &Settings {
        H::settings(self)
    }

    fn store(&self) -> &Store {
        H::store(self)
    }

    fn node(&self) -> OpResult<NodeHandle> {
        H::node(self)
    }

    fn venues(&self) -> &RealVenues {
        H::venues(self)
    }
}

/// A real venue as this process knows it: its client and, in a server, its user stream and
/// the market streams of the instruments whose resources are subscribed to.
#[derive(Debug)]
pub struct ConnectedVenue {
    pub client: Arc<dyn RealVenue>,
    /// Market streams for resource subscriptions (opened only while something is watched).
    pub feed: MarketFeed,
    reconciled: std::sync::atomic::AtomicBool,
    /// The clock offset the venue's stored settings hold.
    stored_offset_ms: std::sync::atomic::AtomicI64,
    stream: Mutex<Option<StreamTask>>,
}

impl ConnectedVenue {
    fn new(client: Arc<dyn RealVenue>, reconciled: bool, stored_offset_ms: i64) -> Arc<Self> {
        let feed = MarketFeed::new(client.clone());
        Arc::new(Self {
            client,
            feed,
            reconciled: std::sync::atomic::AtomicBool::new(reconciled),
            stored_offset_ms: std::sync::atomic::AtomicI64::new(stored_offset_ms),
            stream: Mutex::new(None),
        })
    }

    /// True while the user stream is subscribed and reconciled (server processes only).
    #[must_use]
    pub fn stream_live(&self) -> bool {
        self.stream
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .is_some_and(StreamTask::is_live)
    }
}

/// The real-venue state of one process: credentials given over MCP (memory only), clients.
#[derive(Default)]
pub struct RealVenues {
    long_running: std::sync::atomic::AtomicBool,
    credentials: Mutex<HashMap<String, ApiKeys>>,
    clients: tokio::sync::Mutex<HashMap<String, Arc<ConnectedVenue>>>,
}

impl std::fmt::Debug for RealVenues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RealVenues").finish_non_exhaustive()
    }
}

impl RealVenues {
    /// Marks the process as a long-running server: real venues keep a user data stream open.
    pub fn set_long_running(&self) {
        self.long_running
            .store(true, std::sync::atomic::Ordering::Release);
    }

    /// Whether real venues keep a user data stream in this process.
    #[must_use]
    pub fn streams(&self) -> bool {
        self.is_long_running()
    }

    fn is_long_running(&self) -> bool {
        self.long_running.load(std::sync::atomic::Ordering::Acquire)
    }

    fn remember_credentials(&self, venue: &str, keys: ApiKeys) {
        self.credentials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(venue.to_string(), keys);
    }

    fn remembered(&self, venue: &str) -> Option<ApiKeys> {
        self.credentials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(venue)
            .cloned()
    }
}

/// Which of `venues` are connected in testnet or live mode: their book, ticker and trades
/// follow the venue's market streams rather than the store.
pub fn streamed_venues(host: &dyn Host, venues: BTreeSet<String>) -> BTreeSet<String> {
    let conn = host.store().conn();
    venues
        .into_iter()
        .filter(|v| {
            db::venue(&conn, v)
                .ok()
                .flatten()
                .is_some_and(|r| r.mode != VenueMode::Paper.as_str())
        })
        .collect()
}

/// Whether a venue that is not paper is connected.
pub fn any_real_connected(host: &dyn Host) -> bool {
    host.store()
        .snapshot()
        .and_then(|c| db::venues(&c))
        .map(|v| v.iter().any(|v| v.mode != "paper"))
        .unwrap_or(false)
}

/// The environment variables holding a venue's credentials (`BINANCE_API_KEY`...).
#[must_use]
pub fn credential_env(venue: &str) -> (String, String) {
    let prefix: String = venue
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    (format!("{prefix}_API_KEY"), format!("{prefix}_API_SECRET"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialsFile {
    api_key: String,
    secret_key: String,
}

/// Reads an owner-only credentials file (`api_key` and `secret_key`, TOML or JSON). Errors
/// never quote the file's content.
fn read_credentials_file(path: &Path) -> OpResult<ApiKeys> {
    let field = "credentials_file";
    // `~/...` is the user's home, as in a shell.
    let expanded = match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => Path::new(&home).join(rest),
        _ => path.to_path_buf(),
    };
    let path = expanded.as_path();
    let meta = std::fs::metadata(path)
        .map_err(|e| OpError::invalid(field, format!("{}: {e}", path.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(OpError::invalid(
                field,
                format!(
                    "{} can be read by others (mode {mode:o}); make it owner-only: chmod 600 {}",
                    path.display(),
                    path.display()
                ),
            ));
        }
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| OpError::invalid(field, format!("{}: {e}", path.display())))?;
    let parsed: Option<CredentialsFile> = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).ok()
    } else {
        toml::from_str(&text).ok()
    };
    let c = parsed.ok_or_else(|| {
        OpError::invalid(
            field,
            format!(
                "{} must hold exactly api_key and secret_key (TOML or JSON)",
                path.display()
            ),
        )
    })?;
    if c.api_key.trim().is_empty() || c.secret_key.trim().is_empty() {
        return Err(OpError::invalid(
            field,
            format!(
                "{}: api_key and secret_key must not be empty",
                path.display()
            ),
        ));
    }
    Ok(ApiKeys {
        api_key: Secret::new(c.api_key.trim()),
        secret: Secret::new(c.secret_key.trim()),
        source: format!("the credentials file {}", path.display()),
    })
}

/// A venue's credentials: given over MCP to this process, else the environment, else the
/// config's credentials file.
pub fn credentials(host: &dyn Host, venue: &str) -> OpResult<ApiKeys> {
    if let Some(k) = host.venues().remembered(venue) {
        return Ok(k);
    }
    let (key_var, secret_var) = credential_env(venue);
    let env = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
    match (env(&key_var), env(&secret_var)) {
        (Some(k), Some(s)) => {
            return Ok(ApiKeys {
                api_key: Secret::new(k.trim()),
                secret: Secret::new(s.trim()),
                source: format!("the environment ({key_var}, {secret_var})"),
            });
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(OpError::invalid(
                "credentials",
                format!("set both {key_var} and {secret_var} (only one is set)"),
            ));
        }
        (None, None) => {}
    }
    if let Some(path) = host
        .settings()
        .venue(venue)
        .and_then(|v| v.credentials_file.as_ref())
    {
        return read_credentials_file(path);
    }
    Err(OpError::new(
        Code::PermissionDenied,
        format!(
            "{venue} needs API credentials: set {key_var} and {secret_var}, or credentials_file in [venues.{venue}] of the config, or give credentials to connect_venue over MCP"
        ),
    ))
}

/// Refuses live trading unless the config allows it.
pub fn check_allow_live(host: &dyn Host, venue: &str) -> OpResult<()> {
    if host.settings().venue(venue).is_some_and(|v| v.allow_live) {
        return Ok(());
    }
    let file = host.settings().config_path.as_ref().map_or_else(
        || "a config file (none is in use; see `config show`)".to_string(),
        |p| format!("the config file {}", p.display()),
    );
    Err(OpError::new(
        Code::PermissionDenied,
        format!(
            "live trading on {venue} moves real money: it needs `allow_live = true` under [venues.{venue}] in {file}, as well as mode live in the request"
        ),
    )
    .with_details(serde_json::json!({ "field": "mode", "set": format!("venues.{venue}.allow_live = true") })))
}

/// The options of a venue's client from the config.
fn options(host: &dyn Host, venue: &str, clock_offset_ms: Option<i64>) -> VenueOptions {
    let cfg = host.settings().venue(venue);
    let d = VenueOptions::default();
    VenueOptions {
        recv_window_ms: cfg
            .and_then(|c| c.recv_window_ms)
            .unwrap_or(d.recv_window_ms)
            .clamp(1, 60_000),
        timeout: cfg
            .and_then(|c| c.request_timeout_ms)
            .map_or(d.timeout, Duration::from_millis),
        clock_offset_ms,
    }
}

/// A new client for a venue (not yet connected).
pub fn new_client(
    host: &dyn Host,
    venue: &str,
    mode: VenueMode,
    keys: ApiKeys,
    clock_offset_ms: Option<i64>,
) -> OpResult<Arc<dyn RealVenue>> {
    let Some(adapter) = adapter(venue) else {
        return Err(OpError::new(
            Code::VenueUnavailable,
            format!(
                "{venue} has no real-venue adapter (available: {}); use mode paper",
                adapter_names().join(", ")
            ),
        ));
    };
    let v = Venue::from(venue);
    (adapter.build)(ClientSpec {
        venue: v,
        mode,
        config: host.settings().venue(venue),
        keys,
        account_id: crate::engine::node::settings::account_id(v),
        options: options(host, venue, clock_offset_ms),
    })
}

/// Remembers credentials given over MCP (memory only) and forgets this process's client.
pub async fn use_credentials(host: &dyn Host, venue: &str, keys: Option<ApiKeys>) {
    if let Some(k) = keys {
        host.venues().remember_credentials(venue, k);
    }
    let old = host.venues().clients.lock().await.remove(venue);
    if let Some(old) = old {
        let stream = old
            .stream
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(s) = stream {
            s.shutdown().await;
        }
        old.feed.shutdown().await;
    }
}

/// Registers a freshly connected client for this process (and starts its stream in a server).
pub async fn register(
    host: &dyn Host,
    client: Arc<dyn RealVenue>,
) -> OpResult<Arc<ConnectedVenue>> {
    let name = client.venue().to_string();
    let offset = client.clock_offset_ms();
    let lv = ConnectedVenue::new(client, true, offset);
    if host.venues().is_long_running() {
        start_stream(host, &lv)?;
    }
    host.venues().clients.lock().await.insert(name, lv.clone());
    Ok(lv)
}

fn start_stream(host: &dyn Host, lv: &Arc<ConnectedVenue>) -> OpResult<()> {
    let mut slot = lv
        .stream
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if slot.is_none() {
        *slot = Some(runner::spawn_user_stream(host.node()?, lv.client.clone()));
    }
    Ok(())
}

fn load_settings(row: &db::VenueRow) -> OpResult<LiveSettings> {
    serde_json::from_str(&row.settings)
        .map_err(|e| OpError::internal(format!("stored venue settings are unreadable: {e}")))
}

/// The client of a connected real venue (built on first use in this process, checked against
/// the config's `allow_live` and a recorded ban), or `None` for a paper or unknown venue.
pub async fn client_for(host: &dyn Host, venue: &str) -> OpResult<Option<Arc<ConnectedVenue>>> {
    let row = db::venue(&host.store().conn(), venue)?;
    let Some(row) = row else { return Ok(None) };
    let mode = VenueMode::parse(&row.mode)?;
    if mode == VenueMode::Paper {
        return Ok(None);
    }
    if mode == VenueMode::Live {
        check_allow_live(host, venue)?;
    }
    let settings = load_settings(&row)?;
    if let Some(until) = settings.banned_until_ms
        && until > store::now_ms()
    {
        return Err(OpError::new(
            Code::RateLimited,
            format!(
                "{venue} banned this IP (HTTP 418) until {}; nothing is sent before then",
                chrono::DateTime::from_timestamp_millis(until)
                    .map(|d| d.to_rfc3339())
                    .unwrap_or_default()
            ),
        ));
    }
    let mut clients = host.venues().clients.lock().await;
    if let Some(c) = clients.get(venue) {
        return Ok(Some(c.clone()));
    }
    let keys = credentials(host, venue)?;
    let client = new_client(host, venue, mode, keys, Some(settings.clock_offset_ms))?;
    let defs: Vec<_> = store::instruments::all(&host.store().conn())?
        .into_iter()
        .map(|k| k.def)
        .collect();
    client.register_instruments(&defs);
    let lv = ConnectedVenue::new(client, false, settings.clock_offset_ms);
    clients.insert(venue.to_string(), lv.clone());
    drop(clients);
    if host.venues().is_long_running() {
        start_stream(host, &lv)?;
    }
    Ok(Some(lv))
}

/// Makes sure the node knows what the venue knows before a command: a CLI process reconciles
/// by REST once; a server relies on its live stream and reconciles by REST while it is down.
async fn sync(host: &dyn Host, lv: &ConnectedVenue) -> OpResult<()> {
    use std::sync::atomic::Ordering;
    if lv.stream_live() {
        return Ok(());
    }
    if !host.venues().is_long_running() && lv.reconciled.load(Ordering::Acquire) {
        return Ok(());
    }
    let reconciled = runner::reconcile(&host.node()?, lv.client.as_ref(), false).await;
    keep_clock_offset(host, lv);
    if let Err(e) = &reconciled {
        record_if_banned(host, lv.client.venue().as_str(), e);
    }
    reconciled?;
    lv.reconciled.store(true, Ordering::Release);
    let now = store::now_ms();
    let venue = lv.client.venue().to_string();
    update_settings(host, &venue, "the reconciliation time", |s| {
        s.last_reconciled_ms = Some(now);
    });
    Ok(())
}

/// The venue client for a trading command (synced with the venue), or `None` for paper.
pub async fn prepare(host: &dyn Host, venue: &str) -> OpResult<Option<Arc<ConnectedVenue>>> {
    let Some(lv) = client_for(host, venue).await? else {
        return Ok(None);
    };
    sync(host, &lv).await?;
    Ok(Some(lv))
}

/// A real venue whose part of an answer was built from the node's stored state because
/// reconciling with the venue failed (a ban, a network fault, missing credentials): it may be
/// stale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct StaleVenue {
    pub venue: String,
    /// Where the answer came from: always `journal` (the node's stored state), not the venue.
    pub source: String,
    /// When the node last reconciled with the venue successfully (RFC 3339), if it ever did.
    pub last_reconciled: Option<String>,
    /// Why the venue was not asked, and what that means for the answer.
    pub note: String,
}

/// Before a read: brings the named real venue (or every connected one) up to date. A failure
/// (no credentials, venue down) leaves the journal's view, is logged, and is returned so that
/// the answer can say it may be stale.
pub async fn sync_for_read(host: &dyn Host, venue: Option<&str>) -> Vec<StaleVenue> {
    let rows = match venue {
        Some(v) => db::venue(&host.store().conn(), &v.to_ascii_uppercase())
            .map(|r| r.into_iter().collect())
            .unwrap_or_default(),
        None => db::venues(&host.store().conn()).unwrap_or_default(),
    };
    let mut stale = Vec::new();
    for row in rows
        .into_iter()
        .filter(|r| r.mode != VenueMode::Paper.as_str())
    {
        let name = row.name.clone();
        if let Err(e) = prepare(host, &name).await {
            tracing::warn!(venue = %name, error = %e, "showing the journal's state: the venue could not be reconciled");
            // Read again: a ban recorded by this very attempt changed the row.
            let last = db::venue(&host.store().conn(), &name)
                .ok()
                .flatten()
                .and_then(|r| load_settings(&r).ok())
                .and_then(|s| s.last_reconciled_ms);
            let last_reconciled = last
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|d| d.to_rfc3339());
            let since = last_reconciled
                .as_deref()
                .map_or_else(|| "never reconciled".to_string(), |t| format!("as of {t}"));
            stale.push(StaleVenue {
                venue: name,
                source: "journal".into(),
                last_reconciled,
                note: format!(
                    "could not reconcile with the venue ({}): this is the node's stored state \
                     ({since}) and may be stale",
                    e.message
                ),
            });
        }
    }
    stale
}

/// Starts the user streams of every connected real venue whose credentials this process has
/// (a server calls this once at start).
pub async fn start_streams(host: &dyn Host) {
    let rows = match db::venues(&host.store().conn()) {
        Ok(r) => r,
        Err(_) => return,
    };
    for row in rows.iter().filter(|r| r.mode != VenueMode::Paper.as_str()) {
        if let Err(e) = client_for(host, &row.name).await {
            tracing::warn!(venue = %row.name, error = %e, "no user data stream for this venue until it is connected again");
        }
    }
}

/// Changes a connected venue's stored settings (best effort: a failure is logged).
fn update_settings(host: &dyn Host, venue: &str, what: &str, change: impl Fn(&mut LiveSettings)) {
    let result = host.store().new_connection().and_then(|mut conn| {
        store::write_tx(&mut conn, |tx| {
            if let Some(mut row) = db::venue(tx, venue)? {
                let mut s = load_settings(&row)?;
                change(&mut s);
                row.settings = serde_json::to_string(&s).map_err(OpError::internal)?;
                db::save_venue(tx, &row)?;
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        tracing::warn!(venue, error = %e, "{what} could not be recorded");
    }
}

/// Records the ban an error reports (HTTP 418), if any.
fn record_if_banned(host: &dyn Host, venue: &str, e: &OpError) {
    if let Some(secs) = e
        .details
        .as_ref()
        .and_then(|d| d.get("banned_for_secs"))
        .and_then(serde_json::Value::as_u64)
    {
        record_ban(host, venue, secs);
    }
}

/// Records a ban (HTTP 418) so that other processes send nothing until it ends.
fn record_ban(host: &dyn Host, venue: &str, secs: u64) {
    let until = store::now_ms() + i64::try_from(secs).unwrap_or(0) * 1000;
    update_settings(host, venue, "the ban", |s| s.banned_until_ms = Some(until));
}

/// Keeps a clock offset that changed (a `-1021` resync) for the next process, which would
/// otherwise start from the stale one and be refused again.
fn keep_clock_offset(host: &dyn Host, lv: &ConnectedVenue) {
    use std::sync::atomic::Ordering;
    let now = lv.client.clock_offset_ms();
    if lv.stored_offset_ms.swap(now, Ordering::AcqRel) != now {
        let venue = lv.client.venue().to_string();
        update_settings(host, &venue, "the clock offset", |s| {
            s.clock_offset_ms = now
        });
    }
}

/// Runs `look` in a session that is thrown away, never committed: what a command would do,
/// with nothing journaled and nothing sent. A real venue is brought up to date first, and its
/// client is returned for the caller's own questions to it.
pub async fn dry_run<T: Send + 'static>(
    host: &dyn Host,
    venue: &str,
    look: impl FnOnce(&mut Session<'_>) -> T + Send + 'static,
) -> OpResult<(T, Option<Arc<ConnectedVenue>>)> {
    let live = prepare(host, venue).await?;
    let seen = host
        .node()?
        .run(move |w| {
            let mut s = Session::begin(w)?;
            let seen = look(&mut s);
            // Dropped uncommitted: the transaction rolls back.
            drop(s);
            Ok(seen)
        })
        .await?;
    Ok((seen, live))
}

/// The outcome of a trading command.
#[derive(Debug)]
pub struct Traded<R> {
    pub result: R,
    /// The venue's error to report after the result was recorded.
    pub failure: Option<OpError>,
    pub notes: Vec<String>,
}

enum Phase<T, R> {
    Done(R),
    Send(T, Vec<Outbound>),
}

/// Runs a trading command: `decide` in a first session (on a real venue it records intents
/// and queues requests), then, when requests were queued, sends them and runs `finish` in a
/// second session over the venue's answers; on paper `finish` runs in the first session.
pub async fn trade<T, R>(
    host: &dyn Host,
    venue: &str,
    decide: impl FnOnce(&mut Session<'_>) -> OpResult<T> + Send + 'static,
    finish: impl Fn(&mut Session<'_>, &T) -> OpResult<R> + Send + Sync + 'static,
) -> OpResult<Traded<R>>
where
    T: Send + 'static,
    R: Send + 'static,
{
    let live = prepare(host, venue).await?;
    // Requests to a real venue leave once the first session commits: its intents must outlive
    // a power loss, so it commits with a full sync.
    let durable = live.is_some();
    let finish = Arc::new(finish);
    let first = finish.clone();
    let phase = host
        .node()?
        .run(move |w| {
            if durable {
                crate::store::full_sync(&w.conn, true)?;
            }
            let phase = (|| {
                let mut s = Session::begin(w)?;
                let decided = decide(&mut s)?;
                let outbound = std::mem::take(&mut s.outbound);
                if outbound.is_empty() {
                    let r = first(&mut s, &decided)?;
                    s.commit()?;
                    return Ok(Phase::Done(r));
                }
                s.commit()?;
                Ok(Phase::Send(decided, outbound))
            })();
            if durable {
                crate::store::full_sync(&w.conn, false)?;
            }
            phase
        })
        .await?;
    let (decided, outbound) = match phase {
        Phase::Done(result) => {
            return Ok(Traded {
                result,
                failure: None,
                notes: Vec::new(),
            });
        }
        Phase::Send(t, o) => (t, o),
    };
    let Some(lv) = live else {
        return Err(OpError::internal(format!(
            "requests for {venue} were queued but it has no venue client"
        )));
    };
    let mut executed = lv.client.execute(&outbound).await;
    keep_clock_offset(host, &lv);
    if !lv.stream_live()
        && executed
            .updates
            .iter()
            .any(|u| matches!(u, VenueUpdate::Order { .. }))
    {
        match lv.client.account().await {
            Ok(state) => executed.updates.push(VenueUpdate::Account {
                state,
                complete: true,
            }),
            Err(e) => executed
                .notes
                .push(format!("balances not refreshed: {}", e.message)),
        }
    }
    if let Some(f) = &executed.failure {
        record_if_banned(host, venue, f);
    }
    let v = lv.client.venue();
    let updates = std::mem::take(&mut executed.updates);
    let result = host
        .node()?
        .run(move |w| {
            let mut s = Session::begin(w)?;
            s.use_wall_clock();
            s.apply_venue_updates(v, &updates, true)?;
            let r = finish(&mut s, &decided)?;
            s.commit()?;
            Ok(r)
        })
        .await?;
    let mut notes = executed.notes;
    // A fill that crossed the daily loss limit halted the node: the venue's orders go too.
    match runner::enforce_trading_state(&host.node()?, lv.client.as_ref()).await {
        Ok((ids, failure)) => {
            if !ids.is_empty() {
                notes.push(format!(
                    "the node is halted: {} open order(s) at {venue} cancelled",
                    ids.len()
                ));
            }
            if let Some(e) = failure {
                notes.push(format!(
                    "cancelling at {venue} after the halt failed: {}",
                    e.message
                ));
            }
        }
        Err(e) => notes.push(format!(
            "cancelling at {venue} after the halt failed: {}",
            e.message
        )),
    }
    Ok(Traded {
        result,
        failure: executed.failure,
        notes,
    })
}

/// The account id a venue uses.
#[must_use]
pub fn account_of(venue: &str) -> AccountId {
    crate::engine::node::settings::account_id(Venue::from(venue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_variables_follow_the_venue_name() {
        assert_eq!(
            credential_env("BINANCE"),
            ("BINANCE_API_KEY".into(), "BINANCE_API_SECRET".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn credentials_file_must_be_owner_only_and_is_never_quoted() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("binance.toml");
        std::fs::write(&path, "api_key = \"K-123\"\nsecret_key = \"S-456\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = read_credentials_file(&path).unwrap_err();
        assert!(e.message.contains("chmod 600"), "{}", e.message);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let k = read_credentials_file(&path).unwrap();
        assert_eq!(k.api_key.expose(), "K-123");
        std::fs::write(&path, "api_key = \"K-123\"\nsecret = \"S-456\"\n").unwrap();
        let e = read_credentials_file(&path).unwrap_err();
        assert!(
            !e.message.contains("S-456") && !e.message.contains("K-123"),
            "{}",
            e.message
        );
    }
}
