//! The rmcp server handler: tools from the registry, logging, progress and cancellation.
#![allow(deprecated)] // MCP logging types are deprecated by SEP-2577 but still what clients use.

use std::sync::{Arc, Mutex};

use rmcp::{
    ErrorData, Peer, RoleServer, ServerHandler,
    model::{
        CallToolRequestParams, CallToolResponse, CallToolResult, ErrorCode, Implementation,
        JsonObject, ListToolsResult, LoggingLevel, LoggingMessageNotificationParam,
        PaginatedRequestParams, ProgressNotificationParam, ServerCapabilities, ServerConfig,
        SetLevelRequestParams, Tool, ToolAnnotations, ToolsCapability,
    },
    service::RequestContext,
};
use serde_json::{Value, json};

use crate::ops::{
    call::{Call, ProgressUpdate},
    context::Context,
    error::{Category, OpError},
    registry::{CallError, OpClass, OpEntry, registry},
};

/// The MCP server: one shared context, the exposed operations, the client's log level.
#[derive(Clone)]
pub struct NautilusServer {
    ctx: Arc<Context>,
    tools: Arc<Vec<&'static OpEntry>>,
    log_level: Arc<Mutex<LoggingLevel>>,
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
        ServerConfig::new(caps)
            .with_server_info(Implementation::new(
                "nautilus-mcp",
                env!("CARGO_PKG_VERSION"),
            ))
            .with_instructions(
                "Backtest and trade on the NautilusTrader engine. Start with `list_strategies` \
                 and `list_data`; run a backtest with `run_backtest`. Errors carry a category \
                 (client, trading, system) and a stable code.",
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
        let result = entry.call_json(self.ctx.clone(), args, call).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(doc) => {
                self.log(
                    &context.peer,
                    LoggingLevel::Debug,
                    json!({ "tool": name, "ok": true, "ms": ms }),
                );
                Ok(CallToolResult::structured(doc).into())
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
