//! Tools on demand. A dynamic session starts with the read tools of the most common toolsets
//! and two meta-tools: `list_toolsets` (name, one line, how many tools) and `enable_toolset`,
//! which adds a toolset's tools to the session's list and tells the client
//! (`notifications/tools/list_changed`). What can be enabled stays bounded by the process's
//! exposure (`--read-only`, `--toolsets`) and the caller's scope.
//!
//! A session is dynamic with `--dynamic-toolsets`, and by default when the client says it
//! follows tool list changes: its capabilities declare `experimental.tools.listChanged`, or
//! (protocol 2026-07-28) it listens for `toolsListChanged` on `subscriptions/listen`. The
//! decision is taken at the session's first `tools/list` and kept.

use std::{collections::BTreeSet, sync::Arc};

use rmcp::model::{Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{
    caller::Scope,
    error::{Code, OpError},
    ops::{
        access::{Exposure, parse_toolset},
        registry::{Group, OpClass, OpEntry},
    },
    schema::{
        compact::{compact_input, compact_output, tool_summary},
        schema_with_definitions,
    },
};

/// When a session starts with a small tool list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DynamicToolsets {
    /// When the client says it follows tool list changes.
    #[default]
    Auto,
    /// Always: start small, enable toolsets on demand.
    Always,
    /// Never: list every tool the process offers.
    Never,
}

/// The toolsets whose read tools a dynamic session starts with.
pub const START_TOOLSETS: [Group; 4] =
    [Group::Strategy, Group::Market, Group::Backtest, Group::Data];

/// The meta-tools' names.
pub const LIST_TOOLSETS: &str = "list_toolsets";
pub const ENABLE_TOOLSET: &str = "enable_toolset";

/// List the toolsets: each one's name, what it holds, how many tools it has for this caller and
/// whether they are all in the tool list. Enable one with enable_toolset.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListToolsetsRequest {}

/// The toolsets a caller can use.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ToolsetList {
    pub toolsets: Vec<ToolsetInfo>,
}

/// One toolset.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ToolsetInfo {
    pub name: String,
    pub description: String,
    /// Tools this caller may use.
    pub tools: usize,
    /// All of them are in the tool list.
    pub enabled: bool,
}

/// Enable a toolset: its tools join the tool list and the client is told
/// (notifications/tools/list_changed). list_toolsets names them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnableToolsetRequest {
    /// Toolset name, e.g. backtest.
    pub toolset: String,
}

/// What enabling a toolset added.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EnabledToolset {
    pub toolset: String,
    /// Tools newly in the list.
    pub added: Vec<String>,
    /// Tools in the list now.
    pub listed: usize,
}

/// The meta-tools as listed: compact schemas from their types, like every tool's.
#[must_use]
pub fn meta_tools() -> &'static [Tool; 2] {
    static TOOLS: std::sync::OnceLock<[Tool; 2]> = std::sync::OnceLock::new();
    TOOLS.get_or_init(|| {
        [
            meta_tool::<ListToolsetsRequest, ToolsetList>(LIST_TOOLSETS),
            meta_tool::<EnableToolsetRequest, EnabledToolset>(ENABLE_TOOLSET),
        ]
    })
}

fn meta_tool<Req: JsonSchema, Resp: JsonSchema>(name: &'static str) -> Tool {
    let input = schema_with_definitions::<Req>();
    let description = input
        .get("description")
        .and_then(Value::as_str)
        .map(tool_summary)
        .unwrap_or_default();
    // They change nothing but this session's tool list.
    let annotations = ToolAnnotations::new().read_only(true).open_world(false);
    Tool::new(
        name,
        description,
        Arc::new(compact_input(&input, usize::MAX)),
    )
    .with_annotations(annotations)
    .with_raw_output_schema(Arc::new(compact_output(
        &schema_with_definitions::<Resp>(),
        usize::MAX,
    )))
}

/// One session's dynamic state.
#[derive(Debug, Default)]
pub struct SessionToolsets {
    /// Whether the list is dynamic, once decided.
    pub dynamic: Option<bool>,
    /// Toolsets enabled whole.
    pub enabled: BTreeSet<Group>,
    /// The client listens for tool list changes (`subscriptions/listen`).
    pub listening: bool,
}

impl SessionToolsets {
    /// Whether a dynamic session lists `entry` now (bounds aside).
    #[must_use]
    pub fn lists(&self, entry: &OpEntry) -> bool {
        let group = entry.info.group;
        self.enabled.contains(&group)
            || (START_TOOLSETS.contains(&group) && entry.info.class == OpClass::Read)
    }
}

/// Whether a caller of this process may have an entry at all.
#[must_use]
pub fn usable(exposure: &Exposure, scope: Scope, entry: &OpEntry) -> bool {
    exposure.exposes(entry) && scope.permits(entry.info.class)
}

/// `list_toolsets`: every toolset with a tool this caller may use.
#[must_use]
pub fn list(
    entries: &[&'static OpEntry],
    exposure: &Exposure,
    scope: Scope,
    session: &SessionToolsets,
) -> ToolsetList {
    let toolsets = Group::ALL
        .into_iter()
        .filter_map(|group| {
            let usable: Vec<_> = entries
                .iter()
                .filter(|e| e.info.group == group && usable(exposure, scope, e))
                .collect();
            (!usable.is_empty()).then(|| ToolsetInfo {
                name: group.name().into(),
                description: group.about().into(),
                tools: usable.len(),
                enabled: usable.iter().all(|e| session.lists(e)),
            })
        })
        .collect();
    ToolsetList { toolsets }
}

/// `enable_toolset`: the group named, once the bounds allow a tool of it for this caller.
pub fn resolve(
    request: &Map<String, Value>,
    entries: &[&'static OpEntry],
    exposure: &Exposure,
    scope: Scope,
) -> Result<Group, OpError> {
    let req: EnableToolsetRequest = serde_json::from_value(Value::Object(request.clone()))
        .map_err(|e| OpError::invalid("toolset", e.to_string()))?;
    let group = parse_toolset("toolset", req.toolset.trim())?;
    if entries
        .iter()
        .any(|e| e.info.group == group && usable(exposure, scope, e))
    {
        return Ok(group);
    }
    // Explain from every operation of the group, the ones this process hides included.
    let of_group: Vec<&OpEntry> = crate::ops::registry::registry()
        .iter()
        .filter(|e| e.info.group == group)
        .collect();
    let why = match of_group.iter().find(|e| exposure.exposes(e)) {
        Some(e) => format!(
            "the {} toolset needs the '{}' scope; the caller has '{scope}'",
            group.name(),
            e.info.class.required_scope()
        ),
        None => of_group
            .first()
            .map(|e| exposure.why_hidden(e))
            .unwrap_or_else(|| format!("the {} toolset has no tools", group.name())),
    };
    Err(OpError::new(Code::PermissionDenied, why)
        .with_details(serde_json::json!({ "field": "toolset" })))
}

/// Why a dynamic session refuses a tool it offers but does not list yet.
#[must_use]
pub fn not_enabled(entry: &OpEntry) -> OpError {
    let group = entry.info.group.name();
    OpError::new(
        Code::InvalidState,
        format!(
            "{} is in the {group} toolset, which this session has not enabled: call \
             enable_toolset with {{\"toolset\": \"{group}\"}} first",
            entry.info.tool_name
        ),
    )
    .with_details(serde_json::json!({ "toolset": group }))
}
