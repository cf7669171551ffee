//! Serving over MCP streamable HTTP: many clients sharing one context (one node thread, one
//! store), bearer tokens, `Host`/`Origin` checks against DNS rebinding, `/healthz`, and a
//! shutdown on SIGTERM or SIGINT that lets calls in flight finish and flushes the journal.

use std::{
    net::{IpAddr, SocketAddr, ToSocketAddrs},
    sync::Arc,
    time::Duration,
};

use axum::{
    Router,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use rmcp::transport::{
    StreamableHttpServerConfig, StreamableHttpService,
    streamable_http_server::session::local::LocalSessionManager,
};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::{
    server::{Inflight, NautilusServer},
    toolsets::DynamicToolsets,
};
use crate::{
    caller::{Caller, Scope},
    config::{Settings, tokens::Verifier},
    error::{Code, OpError, OpResult},
    ops::{access::Exposure, context::Context},
};

/// Default port of `mcp --http`.
pub const DEFAULT_PORT: u16 = 8765;

/// Where and how the HTTP server will run, settled before anything is opened.
#[derive(Debug)]
pub struct HttpPlan {
    pub addr: SocketAddr,
    auth: Arc<Verifier>,
    allowed_hosts: Vec<String>,
    allowed_origins: Vec<String>,
    grace: Duration,
    /// When sessions start with a small tool list.
    pub dynamic_toolsets: DynamicToolsets,
}

/// Parses `HOST:PORT`, `[IPV6]:PORT`, `HOST`, `:PORT` or nothing (the config's
/// `server.bind` and `server.port`).
fn parse_addr(text: &str, settings: &Settings) -> OpResult<SocketAddr> {
    let server = &settings.file.server;
    let default_port = server.port.unwrap_or(DEFAULT_PORT);
    let default_host = server.bind.clone().unwrap_or_else(|| "127.0.0.1".into());
    let text = text.trim();
    let (host, port) = if text.is_empty() {
        (default_host, default_port)
    } else if let Ok(sa) = text.parse::<SocketAddr>() {
        return Ok(sa);
    } else if let Ok(ip) = text.trim_matches(['[', ']']).parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, default_port));
    } else if let Some(p) = text.strip_prefix(':') {
        (default_host, parse_port(p)?)
    } else if let Some((h, p)) = text.rsplit_once(':') {
        (h.to_string(), parse_port(p)?)
    } else {
        (text.to_string(), default_port)
    };
    let host = host.trim_matches(['[', ']']).to_string();
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    (host.as_str(), port)
        .to_socket_addrs()
        .map_err(|e| OpError::invalid("http", format!("cannot resolve '{host}': {e}")))?
        .next()
        .ok_or_else(|| OpError::invalid("http", format!("'{host}' has no address")))
}

fn parse_port(p: &str) -> OpResult<u16> {
    p.parse()
        .map_err(|_| OpError::invalid("http", format!("'{p}' is not a port (0-65535)")))
}

fn host_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => v6.to_string(),
    }
}

impl HttpPlan {
    /// The address to bind and the checks to apply; refuses a non-loopback address without
    /// authentication configured.
    pub fn new(settings: &Settings, addr: &str) -> OpResult<Self> {
        let addr = parse_addr(addr, settings)?;
        let auth = Arc::new(Verifier::new(settings)?);
        if !addr.ip().is_loopback() && !auth.enabled() {
            return Err(OpError::new(
                Code::PermissionDenied,
                format!(
                    "refusing to serve on {addr} without authentication: anyone who can reach it \
                     could read the account and trade. Create a token (`nautilus-mcp token create \
                     --scope read`) or list token hashes in [server.tokens], or bind to 127.0.0.1 \
                     (e.g. behind a TLS reverse proxy)"
                ),
            ));
        }
        let server = &settings.file.server;
        let mut allowed_hosts: Vec<String> =
            vec!["localhost".into(), "127.0.0.1".into(), "::1".into()];
        if !addr.ip().is_unspecified() {
            allowed_hosts.push(host_name(addr.ip()));
        }
        allowed_hosts.extend(server.allowed_hosts.iter().cloned());
        let mut allowed_origins: Vec<String> = ["http", "https"]
            .iter()
            .flat_map(|s| {
                ["localhost", "127.0.0.1", "[::1]"]
                    .iter()
                    .map(move |h| format!("{s}://{h}:*"))
            })
            .collect();
        allowed_origins.extend(server.allowed_origins.iter().cloned());
        Ok(Self {
            addr,
            auth,
            allowed_hosts,
            allowed_origins,
            grace: Duration::from_secs(server.shutdown_grace_secs.unwrap_or(30)),
            dynamic_toolsets: DynamicToolsets::default(),
        })
    }
}

/// Serves the registry over streamable HTTP until SIGTERM or SIGINT.
pub fn serve_http(ctx: Arc<Context>, plan: HttpPlan, exposure: Exposure) -> OpResult<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| OpError::internal(format!("starting the async runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = bind(&plan).await?;
        run(ctx, plan, listener, exposure, shutdown_signal()).await
    })
}

/// Binds the plan's address.
pub async fn bind(plan: &HttpPlan) -> OpResult<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(plan.addr)
        .await
        .map_err(|e| OpError::io(format!("binding {}", plan.addr), e))
}

/// SIGTERM or SIGINT.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The state of the authentication layer.
struct Auth {
    verifier: Arc<Verifier>,
}

/// The application: `/mcp` behind the bearer check, `/healthz` open.
fn app(
    server: NautilusServer,
    plan: &HttpPlan,
    sessions: CancellationToken,
    ctx: Arc<Context>,
) -> Router {
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(plan.allowed_hosts.clone())
        .with_allowed_origins(plan.allowed_origins.clone())
        .with_cancellation_token(sessions);
    let factory = server.clone();
    let service = StreamableHttpService::new(
        move || Ok(factory.for_session()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let auth = Arc::new(Auth {
        verifier: plan.auth.clone(),
    });
    let inflight = server.inflight();
    Router::new()
        .nest_service("/mcp", service)
        .layer(middleware::from_fn_with_state(auth, require_bearer))
        .route(
            "/healthz",
            get(move || healthz(ctx.clone(), inflight.clone())),
        )
}

/// Checks the bearer token and hands the caller to the MCP layer. The `Authorization` header
/// is removed first, so nothing below (rmcp's request logging included) ever holds the token.
async fn require_bearer(State(auth): State<Arc<Auth>>, mut req: Request, next: Next) -> Response {
    let presented = req
        .headers_mut()
        .remove(header::AUTHORIZATION)
        .and_then(|v| {
            let v = v.to_str().ok()?.trim().to_string();
            let (kind, token) = v.split_once(' ')?;
            kind.eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_string())
        });
    if !auth.verifier.enabled() {
        return next.run(req).await;
    }
    let caller: Option<Caller> = presented.as_deref().and_then(|t| auth.verifier.verify(t));
    match caller {
        Some(caller) => {
            tracing::debug!(caller = %caller.name, method = %req.method(), "authenticated");
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        None => {
            tracing::info!(
                presented = presented.is_some(),
                method = %req.method(),
                "refused a request without a valid bearer token"
            );
            let mut resp = (
                StatusCode::UNAUTHORIZED,
                axum::Json(json!({
                    "error": "unauthorized",
                    "message": "a valid bearer token is required: Authorization: Bearer <token> (see `nautilus-mcp token create`)",
                })),
            )
                .into_response();
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"nautilus-mcp\""),
            );
            resp
        }
    }
}

/// For load balancers: 200 while serving (and the store answers), 503 while shutting down.
async fn healthz(ctx: Arc<Context>, inflight: Arc<Inflight>) -> Response {
    if inflight.draining() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(json!({"status": "draining"})),
        )
            .into_response();
    }
    let store = tokio::task::spawn_blocking(move || ctx.store_answers())
        .await
        .unwrap_or(false);
    if !store {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(json!({"status": "store unavailable"})),
        )
            .into_response();
    }
    axum::Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "calls_in_flight": inflight.running(),
    }))
    .into_response()
}

/// Runs the server until `stop` completes, then shuts down cleanly: no new connections or
/// calls, calls in flight finish (cancelled after the grace period), sessions close, and the
/// journal is checkpointed to the database file.
pub async fn run(
    ctx: Arc<Context>,
    plan: HttpPlan,
    listener: tokio::net::TcpListener,
    exposure: Exposure,
    stop: impl std::future::Future<Output = ()> + Send,
) -> OpResult<()> {
    let local = listener
        .local_addr()
        .map_err(|e| OpError::io("the listening socket", e))?;
    let server = NautilusServer::new(ctx.clone(), exposure, Caller::new("http", Scope::Admin))
        .with_dynamic_toolsets(plan.dynamic_toolsets);
    let inflight = server.inflight();
    let sessions = CancellationToken::new();
    let app = app(server, &plan, sessions.clone(), ctx.clone());
    let authenticated = plan.auth.enabled();
    if !authenticated {
        eprintln!(
            "nautilus-mcp: warning: no tokens are configured, so every local process may call \
             every tool; create one with `nautilus-mcp token create --scope read`"
        );
    }
    // A fixed line on stderr, the last before serving, tells scripts (and tests) where the
    // server listens.
    eprintln!(
        "nautilus-mcp: serving MCP at http://{local}/mcp ({})",
        if authenticated {
            format!("bearer tokens from {}", plan.auth.path().display())
        } else {
            "no authentication".into()
        }
    );
    tracing::info!(%local, authenticated, "MCP HTTP server listening");

    let accepting = CancellationToken::new();
    let serve =
        axum::serve(listener, app).with_graceful_shutdown(accepting.clone().cancelled_owned());
    let mut serve = tokio::spawn(async move { serve.await });

    tokio::select! {
        () = stop => {}
        r = &mut serve => {
            return Err(OpError::internal(format!("the HTTP server stopped: {}", match r {
                Ok(Ok(())) => "unexpectedly".to_string(),
                Ok(Err(e)) => e.to_string(),
                Err(e) => e.to_string(),
            })));
        }
    }
    eprintln!(
        "nautilus-mcp: shutting down: {} call(s) in flight",
        inflight.running()
    );
    inflight.drain();
    accepting.cancel();
    if tokio::time::timeout(plan.grace, inflight.wait_idle())
        .await
        .is_err()
    {
        eprintln!(
            "nautilus-mcp: cancelling {} call(s) still running after {:?}",
            inflight.running(),
            plan.grace
        );
        inflight.cancel_all();
        let _ = tokio::time::timeout(Duration::from_secs(10), inflight.wait_idle()).await;
    }
    // Give the last responses a moment to reach their streams, then end the sessions.
    tokio::time::sleep(Duration::from_millis(200)).await;
    sessions.cancel();
    if tokio::time::timeout(Duration::from_secs(5), &mut serve)
        .await
        .is_err()
    {
        serve.abort();
    }
    ctx.close().await?;
    eprintln!("nautilus-mcp: stopped; journal flushed");
    Ok(())
}
