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
    service::{RequestContext, SubscriptionContext, SubscriptionSink},
};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::{
    limits, prompts, resources,
    subscriptions::Subscriptions,
    toolsets::{self, DynamicToolsets, SessionToolsets},
};
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
    values::Detail,
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
    /// When sessions start with a small tool list.
    dynamic_toolsets: DynamicToolsets,
    /// This session's tool list, when dynamic.
    session: Arc<Mutex<SessionToolsets>>,
    /// This session's `subscriptions/listen` streams that asked for tool list changes.
    list_listeners: Arc<Mutex<Vec<SubscriptionSink>>>,
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
            dynamic_toolsets: DynamicToolsets::default(),
            session: Arc::default(),
            list_listeners: Arc::default(),
        }
    }

    /// The same server with sessions whose tool list is dynamic as `mode` says.
    #[must_use]
    pub fn with_dynamic_toolsets(self, mode: DynamicToolsets) -> Self {
        Self {
            dynamic_toolsets: mode,
            ..self
        }
    }

    /// The same server for another session: shared context and calls, its own log level.
    #[must_use]
    pub fn for_session(&self) -> Self {
        Self {
            log_level: Arc::new(Mutex::new(LoggingLevel::Info)),
            session: Arc::default(),
            list_listeners: Arc::default(),
            ..self.clone()
        }
    }

    /// Whether this session's tool list is dynamic; decided at its first use and kept.
    fn is_dynamic(&self, context: &RequestContext<RoleServer>) -> bool {
        let mut session = lock(&self.session);
        if let Some(dynamic) = session.dynamic {
            return dynamic;
        }
        let dynamic = match self.dynamic_toolsets {
            DynamicToolsets::Always => true,
            DynamicToolsets::Never => false,
            DynamicToolsets::Auto => {
                session.listening
                    || context
                        .client_capabilities()
                        .is_some_and(|c| follows_list_changes(&c))
            }
        };
        session.dynamic = Some(dynamic);
        dynamic
    }

    /// The tools a caller with `scope` sees now.
    fn listed(&self, scope: crate::caller::Scope, dynamic: bool) -> Vec<Tool> {
        let real = self.real_venues();
        let session = lock(&self.session);
        let mut tools: Vec<Tool> = self
            .tools
            .iter()
            .filter(|e| scope.permits(e.info.class) && (!dynamic || session.lists(e)))
            .map(|e| tool_of(e, real))
            .collect();
        if dynamic {
            tools.extend(toolsets::meta_tools().iter().cloned());
        }
        tools
    }

    /// `list_toolsets` and `enable_toolset`.
    async fn call_meta(
        &self,
        name: &str,
        args: JsonObject,
        context: &RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let scope = self.caller(context).scope;
        let doc = if name == toolsets::LIST_TOOLSETS {
            if let Some(unknown) = args.keys().next() {
                return Err(ErrorData::invalid_params(
                    format!("{name}: unknown argument '{unknown}'; it takes none"),
                    Some(json!({ "tool": name })),
                ));
            }
            let session = lock(&self.session);
            json!(toolsets::list(&self.tools, &self.exposure, scope, &session))
        } else {
            let group = match toolsets::resolve(&args, &self.tools, &self.exposure, scope) {
                Ok(group) => group,
                Err(err) => return Ok(error_result(&err).into()),
            };
            let before: Vec<String> = names(&self.listed(scope, true));
            lock(&self.session).enabled.insert(group);
            let after = names(&self.listed(scope, true));
            let added: Vec<String> = after
                .iter()
                .filter(|n| !before.contains(n))
                .cloned()
                .collect();
            if !added.is_empty() {
                self.tell_list_changed(&context.peer).await;
            }
            json!(toolsets::EnabledToolset {
                toolset: group.name().into(),
                added,
                listed: after.len(),
            })
        };
        Ok(CallToolResult::structured(doc).into())
    }

    /// `notifications/tools/list_changed`, to the session and to its listen streams.
    async fn tell_list_changed(&self, peer: &Peer<RoleServer>) {
        // A session that began with `initialize` takes notifications outside listen streams.
        if peer.peer_info().is_some() {
            let _ = peer.notify_tool_list_changed().await;
        }
        let sinks = lock(&self.list_listeners).clone();
        for sink in sinks {
            let _ = sink.notify_tool_list_changed().await;
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

/// A mutex's data, poisoned or not (the data stays consistent: every holder only sets fields).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn names(tools: &[Tool]) -> Vec<String> {
    tools.iter().map(|t| t.name.to_string()).collect()
}

/// Whether a client declares that it follows tool list changes. The protocol has no client
/// capability for it before 2026-07-28 (where `subscriptions/listen` says it), so a client
/// declares it as `experimental: {"tools": {"listChanged": true}}`, the shape of the server's
/// own capability.
fn follows_list_changes(capabilities: &rmcp::model::ClientCapabilities) -> bool {
    capabilities
        .experimental
        .as_ref()
        .and_then(|e| e.get("tools"))
        .and_then(|t| t.get("listChanged"))
        == Some(&Value::Bool(true))
}

/// An agent's context is precious: a tool that can answer at length (it takes `detail`)
/// answers a summary over MCP unless the call asks otherwise. The CLI's default is full.
fn summary_by_default(entry: &OpEntry, mut args: JsonObject) -> JsonObject {
    let takes_detail = entry
        .input_schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| p.contains_key("detail"));
    if takes_detail && args.get("detail").is_none_or(Value::is_null) {
        args.insert("detail".into(), json!(Detail::Summary));
    }
    args
}

/// The tool as listed, for any name a session may list: an operation's or a meta-tool's.
#[must_use]
pub fn listed_tool(name: &str) -> Option<Tool> {
    crate::ops::registry::find_tool(name)
        .map(|e| tool_of(e, false))
        .or_else(|| {
            toolsets::meta_tools()
                .iter()
                .find(|t| t.name == name)
                .cloned()
        })
}

/// The MCP tool for a registry entry; its annotations follow from the operation's class.
#[must_use]
pub fn tool_of(entry: &OpEntry, real_venues: bool) -> Tool {
    let info = entry.info;
    let h = entry.hints(real_venues);
    // Only the hints that differ from the protocol's defaults (not read-only, destructive, not
    // idempotent, open world); destructive and idempotent mean nothing for a read-only tool.
    let mut annotations = ToolAnnotations::new();
    if h.read_only {
        annotations = annotations.read_only(true);
    } else {
        if !h.destructive {
            annotations = annotations.destructive(false);
        }
        if h.idempotent {
            annotations = annotations.idempotent(true);
        }
    }
    if !h.open_world {
        annotations = annotations.open_world(false);
    }
    let compact = entry.compact();
    Tool::new(
        info.tool_name,
        compact.description.clone(),
        Arc::new(compact.input_schema.clone()),
    )
    .with_annotations(annotations)
    .with_raw_output_schema(Arc::new(compact.output_schema.clone()))
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
        let mut tools = ToolsCapability::default();
        // Dynamic sessions change their tool list as toolsets are enabled.
        tools.list_changed = Some(self.dynamic_toolsets != DynamicToolsets::Never);
        caps.tools = Some(tools);
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
                 stable code. The tool list is kept short: read nautilus://tools/{name} for a \
                 tool's full description and every field's.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        // A caller sees only the tools its scope may run: an agent's context holds what it can
        // use. (Calling another exposed tool still answers, with PERMISSION_DENIED.) A dynamic
        // session sees the toolsets it has enabled.
        let scope = self.caller(&context).scope;
        let dynamic = self.is_dynamic(&context);
        Ok(ListToolsResult::with_all_items(self.listed(scope, dynamic)))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.find(name)
            .map(|e| tool_of(e, self.real_venues()))
            .or_else(|| {
                toolsets::meta_tools()
                    .iter()
                    .find(|t| t.name == name)
                    .cloned()
            })
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        let dynamic = self.is_dynamic(&context);
        if dynamic && [toolsets::LIST_TOOLSETS, toolsets::ENABLE_TOOLSET].contains(&name.as_str()) {
            return self
                .call_meta(&name, request.arguments.unwrap_or_default(), &context)
                .await;
        }
        let Some(entry) = self.find(&name) else {
            return Err(ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("unknown tool '{name}'"),
                Some(json!({ "tool": name })),
            ));
        };
        if dynamic && !lock(&self.session).lists(entry) {
            return Ok(error_result(&toolsets::not_enabled(entry)).into());
        }
        let Some(_running) = self.calls.enter() else {
            return Ok(error_result(&OpError::new(
                Code::Busy,
                "the server is shutting down and takes no new calls; retry on a running server",
            ))
            .into());
        };
        let args = Value::Object(summary_by_default(
            entry,
            request.arguments.unwrap_or_default(),
        ));
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
            .with_caller(caller);
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
        if accepted.tools_list_changed == Some(true) {
            // Known before the stream is acknowledged, so a tools/list right after sees it.
            lock(&self.session).listening = true;
        }
        Some(accepted)
    }

    async fn listen(&self, context: SubscriptionContext) -> Result<(), ErrorData> {
        let uris = context
            .accepted()
            .resource_subscriptions
            .clone()
            .unwrap_or_default();
        let wants_tools = context.accepted().tools_list_changed == Some(true);
        if wants_tools {
            lock(&self.list_listeners).push(context.sink().clone());
        }
        let id = self
            .subscriptions
            .listen(uris, context.sink().clone())
            .await;
        context.cancelled().await;
        self.subscriptions.end_listen(id);
        if wants_tools {
            let ended = context.sink().id().clone();
            lock(&self.list_listeners).retain(|s| *s.id() != ended);
        }
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
