//! The rmcp server handler: tools from the registry, logging, progress and cancellation.
#![allow(deprecated)] // MCP logging types are deprecated by SEP-2577 but still what clients use.

use std::sync::{Arc, Mutex};

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

use super::{limits, prompts, resources, resources::Subscriptions};
use crate::ops::{
    call::{Call, ProgressUpdate},
    context::Context,
    error::{Category, OpError},
    registry::{CallError, OpClass, OpEntry, registry},
};

/// The MCP server: one shared context, the exposed operations, the client's log level and the
/// resource subscriptions.
#[derive(Clone)]
pub struct NautilusServer {
    ctx: Arc<Context>,
    tools: Arc<Vec<&'static OpEntry>>,
    log_level: Arc<Mutex<LoggingLevel>>,
    subscriptions: Arc<Subscriptions>,
}

impl NautilusServer {
    /// A server exposing every operation. A server is long-running: each connected real
    /// venue keeps a user data stream open for as long as it runs (started here when a
    /// runtime is available, and by `connect_venue`).
    #[must_use]
    pub fn new(ctx: Arc<Context>) -> Self {
        ctx.live.set_long_running();
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let c = ctx.clone();
            rt.spawn(async move { crate::ops::live::start_streams(&c).await });
        }
        Self {
            subscriptions: Subscriptions::new(ctx.clone()),
            ctx,
            tools: Arc::new(registry().iter().collect()),
            log_level: Arc::new(Mutex::new(LoggingLevel::Info)),
        }
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

/// The MCP tool for a registry entry; annotations follow from the operation's class.
#[must_use]
pub fn tool_of(entry: &OpEntry) -> Tool {
    let info = entry.info;
    let annotations = ToolAnnotations::new()
        .read_only(info.class == OpClass::Read)
        .destructive(info.destructive)
        .idempotent(info.idempotent)
        .open_world(false);
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
) -> Option<crate::ops::call::ProgressSink> {
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
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(
            self.tools.iter().map(|e| tool_of(e)).collect(),
        ))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.find(name).map(tool_of)
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
        let args = Value::Object(request.arguments.unwrap_or_default());
        let mut call = Call::default().with_cancel(context.ct.child_token());
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
            resources::list(self.ctx.clone()).await?,
        ))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(
            resources::templates(),
        ))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let started = std::time::Instant::now();
        let result = resources::read(self.ctx.clone(), &request.uri).await;
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
            uris.retain(|u| Subscriptions::check(u).is_ok());
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
