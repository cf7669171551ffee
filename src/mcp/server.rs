//! The rmcp server handler: tools from the registry, logging, progress and cancellation, the
//! caller's scope, and the calls in flight (for a clean shutdown).
#![allow(deprecated)] // MCP logging types are deprecated by SEP-2577 but still what clients use.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicBool, AtomicUsize, Ordering},
};

use rmcp::{
    ErrorData, Peer, RoleServer, ServerHandler,
    model::{
        CallToolRequestParams, CallToolResponse, CallToolResult, ErrorCode, GetPromptRequestParams,
        GetPromptResponse, Implementation, JsonObject, ListPromptsResult,
        ListResourceTemplatesResult, ListResourcesResult, ListToolsResult, LoggingLevel,
        LoggingMessageNotificationParam, PaginatedRequestParams, ProgressNotificationParam,
        PromptsCapability, ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult,
        ResourcesCapability, ServerCapabilities, ServerConfig, SetLevelRequestParams,
        SubscribeRequestParams, SubscriptionFilter, Tool, ToolAnnotations, ToolsCapability,
        UnsubscribeRequestParams,
    },
    service::{RequestContext, SubscriptionContext},
};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::{limits, prompts, resources, subscriptions::Subscriptions};
use crate::{
    caller::Caller,
    error::{Category, Code, OpError},
    ops::{
        access::Exposure,
        call::Call,
        context::Context,
        registry::{CallError, OpClass, OpEntry, registry},
    },
    progress::ProgressUpdate,
};

/// The tool calls running in a server, so that a shutdown can refuse new ones, wait for these,
/// and cancel what is still running after a grace period.
#[derive(Debug, Default)]
pub struct Inflight {
    count: AtomicUsize,
    idle: tokio::sync::Notify,
    draining: AtomicBool,
    /// Parent of every call's cancellation token.
    cancel: CancellationToken,
}

/// Held while a call runs.
pub struct InflightGuard(Arc<Inflight>);

impl Drop for InflightGuard {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl Inflight {
    /// Registers a call, unless the server is shutting down.
    fn enter(self: &Arc<Self>) -> Option<InflightGuard> {
        self.count.fetch_add(1, Ordering::SeqCst);
        let guard = InflightGuard(self.clone());
        (!self.draining.load(Ordering::SeqCst)).then_some(guard)
    }

    /// Refuses new calls from now on.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Whether the server is shutting down.
    #[must_use]
    pub fn draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Calls running now.
    #[must_use]
    pub fn running(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// Waits until no call runs.
    pub async fn wait_idle(&self) {
        loop {
            let notified = self.idle.notified();
            if self.running() == 0 {
                return;
            }
            notified.await;
        }
    }

    /// Cancels every running call (they stop at their next cancellation point).
    pub fn cancel_all(&self) {
        self.cancel.cancel();
    }
}

/// The MCP server: one shared context, the exposed operations, the default caller, the client's
/// log level, the calls in flight and the resource subscriptions.
#[derive(Clone)]
pub struct NautilusServer {
    ctx: Arc<Context>,
    tools: Arc<Vec<&'static OpEntry>>,
    exposure: Exposure,
    /// Who calls when the transport does not say (stdio; HTTP without tokens).
    default_caller: Caller,
    log_level: Arc<Mutex<LoggingLevel>>,
    calls: Arc<Inflight>,
    subscriptions: Arc<Subscriptions>,
}

impl NautilusServer {
    /// A server offering the operations `exposure` allows to callers who are `default_caller`
    /// unless the transport names them (an HTTP bearer token). A server is long-running: each
    /// connected real venue keeps a user data stream open for as long as it runs (started here
    /// when a runtime is available, and by `connect_venue`).
    #[must_use]
    pub fn new(ctx: Arc<Context>, exposure: Exposure, default_caller: Caller) -> Self {
        ctx.real_venues.set_long_running();
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let c = ctx.clone();
            rt.spawn(async move { crate::ops::venue::start_streams(&c).await });
        }
        let default_caller = Caller {
            scope: exposure.cap(default_caller.scope),
            ..default_caller
        };
        Self {
            subscriptions: Subscriptions::new(ctx.clone(), exposure.clone()),
            ctx,
            tools: Arc::new(registry().iter().filter(|e| exposure.exposes(e)).collect()),
            exposure,
            default_caller,
            log_level: Arc::new(Mutex::new(LoggingLevel::Info)),
            calls: Arc::new(Inflight::default()),
        }
    }

    /// The same server for another session: shared context and calls, its own log level.
    #[must_use]
    pub fn for_session(&self) -> Self {
        Self {
            log_level: Arc::new(Mutex::new(LoggingLevel::Info)),
            ..self.clone()
        }
    }

    /// The calls in flight.
    #[must_use]
    pub fn inflight(&self) -> Arc<Inflight> {
        self.calls.clone()
    }

    /// The caller of a request: the one the HTTP layer authenticated, else the default; capped
    /// by `--read-only`.
    fn caller(&self, context: &RequestContext<RoleServer>) -> Caller {
        let authenticated = context
            .extensions
            .get::<axum::http::request::Parts>()
            .and_then(|p| p.extensions.get::<Caller>());
        match authenticated {
            Some(c) => Caller {
                name: c.name.clone(),
                scope: self.exposure.cap(c.scope),
            },
            None => self.default_caller.clone(),
        }
    }

    /// Whether a venue that is not paper is connected (tools acting on venues are then
    /// open-world).
    fn real_venues(&self) -> bool {
        crate::ops::venue::any_real_connected(&self.ctx)
    }

    fn find(&self, name: &str) -> Option<&'static OpEntry> {
        self.tools
            .iter()
            .copied()
            .find(|e| e.info.tool_name == name)
    }

    /// Sends a log message to the client if its level passes; never delays the caller.
    fn log(&self, peer: &Peer<RoleServer>, level: LoggingLevel, data: Value) {
        let min = *self
            .log_level
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if level_rank(level) >= level_rank(min) {
            let peer = peer.clone();
            tokio::spawn(async move {
                let _ = peer
                    .notify_logging_message(
                        LoggingMessageNotificationParam::new(level, data)
                            .with_logger("nautilus-mcp"),
                    )
                    .await;
            });
        }
    }
}

/// The MCP tool for a registry entry; its annotations follow from the operation's class.
#[must_use]
pub fn tool_of(entry: &OpEntry, real_venues: bool) -> Tool {
    let info = entry.info;
    let h = entry.hints(real_venues);
    let annotations = ToolAnnotations::new()
        .read_only(h.read_only)
        .destructive(h.destructive)
        .idempotent(h.idempotent)
        .open_world(h.open_world);
    Tool::new(
        info.tool_name,
        entry.description.clone(),
        Arc::new(entry.input_schema.clone()),
    )
    .with_title(title_of(info.tool_name))
    .with_annotations(annotations)
    .with_raw_output_schema(Arc::new(entry.output_schema.clone()))
}

fn title_of(tool: &str) -> String {
    let mut t = tool.replace('_', " ");
    if let Some(first) = t.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    t
}

fn level_rank(l: LoggingLevel) -> u8 {
    match l {
        LoggingLevel::Debug => 0,
        LoggingLevel::Info => 1,
        LoggingLevel::Notice => 2,
        LoggingLevel::Warning => 3,
        LoggingLevel::Error => 4,
        LoggingLevel::Critical => 5,
        LoggingLevel::Alert => 6,
        LoggingLevel::Emergency => 7,
    }
}

/// Forwards an operation's progress reports to the client as `notifications/progress`.
fn progress_forwarder(
    context: &RequestContext<RoleServer>,
) -> Option<crate::progress::ProgressSink> {
    let token = context.meta.get_progress_token()?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<ProgressUpdate>();
    let peer = context.peer.clone();
    tokio::spawn(async move {
        while let Some(u) = rx.recv().await {
            let mut p = ProgressNotificationParam::new(token.clone(), u.done as f64);
            if let Some(total) = u.total {
                p = p.with_total(total as f64);
            }
            if let Some(m) = u.message {
                p = p.with_message(m);
            }
            if peer.notify_progress(p).await.is_err() {
                break;
            }
        }
    });
    Some(Arc::new(move |u| {
        let _ = tx.send(u);
    }))
}

impl ServerHandler for NautilusServer {
    fn get_info(&self) -> ServerConfig {
        let mut caps = ServerCapabilities::default();
        caps.tools = Some(ToolsCapability::default());
        caps.logging = Some(JsonObject::new());
        let mut res = ResourcesCapability::default();
        res.subscribe = Some(true);
        caps.resources = Some(res);
        caps.prompts = Some(PromptsCapability::default());
        ServerConfig::new(caps)
            .with_server_info(Implementation::new(
                "nautilus-mcp",
                env!("CARGO_PKG_VERSION"),
            ))
            .with_instructions(
                "Backtest and trade on the NautilusTrader engine. Start with `list_strategies` \
                 and `list_data`; run a backtest with `run_backtest`. Market data: \
                 `get_instruments`, `get_order_book`, `get_ticker`, `get_trades`, `get_bars`, \
                 also as nautilus:// resources (subscribe to a book, ticker, trades or order to \
                 be told when it changes). Every market answer says its source (catalog, paper, \
                 live) and as_of time. Errors carry a category (client, trading, system) and a \
                 stable code.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        // A caller sees only the tools its scope may run: an agent's context holds what it can
        // use. (Calling another exposed tool still answers, with PERMISSION_DENIED.)
        let scope = self.caller(&context).scope;
        let real = self.real_venues();
        Ok(ListToolsResult::with_all_items(
            self.tools
                .iter()
                .filter(|e| scope.permits(e.info.class))
                .map(|e| tool_of(e, real))
                .collect(),
        ))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.find(name).map(|e| tool_of(e, self.real_venues()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        let Some(entry) = self.find(&name) else {
            return Err(ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("unknown tool '{name}'"),
                Some(json!({ "tool": name })),
            ));
        };
        let Some(_running) = self.calls.enter() else {
            return Ok(error_result(&OpError::new(
                Code::Busy,
                "the server is shutting down and takes no new calls; retry on a running server",
            ))
            .into());
        };
        let args = Value::Object(request.arguments.unwrap_or_default());
        let caller = self.caller(&context);
        // Cancelled by the client (notifications/cancelled) or by a shutdown's grace period.
        let cancel = self.calls.cancel.child_token();
        {
            let (cancel, client) = (cancel.clone(), context.ct.clone());
            tokio::spawn(async move {
                tokio::select! {
                    () = client.cancelled() => cancel.cancel(),
                    () = cancel.cancelled() => {}
                }
            });
        }
        let mut call = Call::default()
            .with_cancel(cancel.clone())
            .with_caller(caller)
            .with_confirmer(Arc::new(super::confirm::Elicitation::new(
                context.peer.clone(),
            )));
        if let Some(sink) = progress_forwarder(&context) {
            call = call.with_progress(sink);
        }
        let started = std::time::Instant::now();
        let result = entry
            .call_json(self.ctx.clone(), args, call)
            .await
            .and_then(|doc| {
                let result = CallToolResult::structured(doc);
                limits::check_fits(&name, &result, limits::MAX_MESSAGE_BYTES)
                    .map_err(CallError::Failed)?;
                Ok(result)
            });
        cancel.cancel(); // ends the forwarding task
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if entry.info.class != OpClass::Read {
            // The call may have moved the market or changed an order: check subscriptions now
            // rather than at the next poll.
            self.subscriptions.poke();
        }
        match result {
            Ok(result) => {
                self.log(
                    &context.peer,
                    LoggingLevel::Debug,
                    json!({ "tool": name, "ok": true, "ms": ms }),
                );
                Ok(result.into())
            }
            Err(CallError::BadArguments(message)) => Err(ErrorData::invalid_params(
                format!("{name}: {message}"),
                Some(json!({ "tool": name })),
            )),
            Err(CallError::Failed(err)) => {
                let level = if err.category == Category::System {
                    LoggingLevel::Error
                } else {
                    LoggingLevel::Info
                };
                self.log(
                    &context.peer,
                    level,
                    json!({ "tool": name, "error": &err, "ms": ms }),
                );
                Ok(error_result(&err).into())
            }
        }
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(
            resources::list(self.ctx.clone(), &self.exposure).await?,
        ))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(
            resources::templates(&self.exposure),
        ))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let started = std::time::Instant::now();
        let result = resources::read(self.ctx.clone(), &self.exposure, &request.uri).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        self.log(
            &context.peer,
            LoggingLevel::Debug,
            json!({ "resource": request.uri, "ok": result.is_ok(), "ms": ms }),
        );
        Ok(ReadResourceResult::new(vec![result?]).into())
    }

    async fn subscribe(
        &self,
        request: SubscribeRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<(), ErrorData> {
        self.subscriptions
            .subscribe(request.uri, context.peer.clone())
            .await
    }

    async fn unsubscribe(
        &self,
        request: UnsubscribeRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<(), ErrorData> {
        self.subscriptions.unsubscribe(&request.uri, &context.peer);
        Ok(())
    }

    fn accepted_subscription_filter(
        &self,
        requested: &SubscriptionFilter,
    ) -> Option<SubscriptionFilter> {
        let mut accepted = requested.supported_by(&self.get_info().capabilities);
        if let Some(uris) = &mut accepted.resource_subscriptions {
            uris.retain(|u| self.subscriptions.check(u).is_ok());
        }
        Some(accepted)
    }

    async fn listen(&self, context: SubscriptionContext) -> Result<(), ErrorData> {
        let uris = context
            .accepted()
            .resource_subscriptions
            .clone()
            .unwrap_or_default();
        let id = self
            .subscriptions
            .listen(uris, context.sink().clone())
            .await;
        context.cancelled().await;
        self.subscriptions.end_listen(id);
        Ok(())
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        Ok(ListPromptsResult::with_all_items(prompts::list()))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        Ok(
            prompts::get(self.ctx.clone(), &request.name, request.arguments.as_ref())
                .await?
                .into(),
        )
    }

    async fn set_level(
        &self,
        request: SetLevelRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<(), ErrorData> {
        *self
            .log_level
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = request.level;
        Ok(())
    }
}

/// An operation's error as an `isError` tool result carrying the same document as `--json`.
#[must_use]
pub fn error_result(err: &OpError) -> CallToolResult {
    CallToolResult::structured_error(err.to_document())
}
