//! MCP resources: market data, backtest results and orders under `nautilus://` URIs, read
//! through the same operations as the tools (a resource's JSON is the tool's JSON). The
//! subscriptions that tell clients when one changes are in [`super::subscriptions`].

use std::sync::Arc;

use rmcp::{
    ErrorData,
    model::{MetaObject, Resource, ResourceContents, ResourceTemplate},
};
use serde_json::{Map, Value, json};

use super::limits;
use crate::{
    caller::{Caller, Scope},
    error::{Category, Code, OpError},
    ops::{
        access::Exposure,
        call::Call,
        context::Context,
        index,
        market::{BarSource, BarsQuery, BarsRequest, read_bars_csv, read_bars_json},
        registry::{CallError, find_tool},
    },
};

/// The URI scheme of every resource.
pub const SCHEME: &str = "nautilus://";

/// The tools whose answers are resources, named by their operations' own [`OpInfo`].
///
/// [`OpInfo`]: crate::ops::registry::OpInfo
pub(super) mod tools {
    use crate::ops::{
        backtest::{GetBacktestResults, GetStudy},
        market::{GetBars, GetInstruments, GetOrderBook, GetTicker, GetTrades},
        order::GetOrderStatus,
        registry::Operation,
        strategy::GetStrategy,
    };

    pub const INSTRUMENTS: &str = GetInstruments::INFO.tool_name;
    pub const BARS: &str = GetBars::INFO.tool_name;
    pub const BOOK: &str = GetOrderBook::INFO.tool_name;
    pub const TICKER: &str = GetTicker::INFO.tool_name;
    pub const TRADES: &str = GetTrades::INFO.tool_name;
    pub const BACKTEST_RESULTS: &str = GetBacktestResults::INFO.tool_name;
    pub const ORDER_STATUS: &str = GetOrderStatus::INFO.tool_name;
    pub const STRATEGY: &str = GetStrategy::INFO.tool_name;
    pub const STUDY: &str = GetStudy::INFO.tool_name;
}

/// One resource template: URI template, name, description, MIME type.
struct TemplateDef {
    /// The tool whose answer the resource is: the resource is offered when the tool is.
    tool: &'static str,
    uri: &'static str,
    name: &'static str,
    description: &'static str,
    mime: &'static str,
}

const TEMPLATES: &[TemplateDef] = &[
    TemplateDef {
        tool: tools::INSTRUMENTS,
        uri: "nautilus://instruments/{venue}",
        name: "instruments",
        description: "The instruments of a venue, as get_instruments returns them: ids, type, currencies, precisions, increments, limits, fees, margins and the catalog data of each.",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::BARS,
        uri: "nautilus://bars/{instrument_id}/{bar_spec}{?start,end,limit,format,source}",
        name: "bars",
        description: "Bars of an instrument, as get_bars returns them (from the catalog, where a spec that is not stored is resampled from finer bars, or from a venue connected in testnet or live mode). Query: start and end (ISO-8601 or epoch, by bar open time), limit (1 to 1000000, default 1000), source (live or catalog), format=csv for CSV (open_time,open,high,low,close,volume) instead of JSON. One read carries at most one MCP message (16 MiB): a CSV read returns as many bars as fit (about 250,000 1-minute bars) and names the rest in _meta.next (with _meta.truncated); a larger JSON answer is a RESPONSE_TOO_LARGE error. Percent-encode a '/' in the instrument id (USD%2FJPY.FXCM).",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::BOOK,
        uri: "nautilus://book/{instrument_id}{?depth}",
        name: "order book",
        description: "The order book of an instrument, as get_order_book returns it (depth 1 to 100, default 10): the paper venue's, or the venue's own for a venue connected in testnet or live mode. Subscribe to be told when it moves (a live venue's market streams tell, at most once a second per resource).",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::TICKER,
        uri: "nautilus://ticker/{instrument_id}{?window}",
        name: "ticker",
        description: "The ticker of an instrument, as get_ticker returns it: last, bid, ask and the window statistics (window e.g. 24h). Subscribe to be told when the market moves (paper, or a live venue's streams at most once a second).",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::TRADES,
        uri: "nautilus://trades/{instrument_id}{?limit,start,end,source}",
        name: "trades",
        description: "Recent trades of an instrument, as get_trades returns them (limit 1 to 10000, default 100; source live, paper or catalog). Subscribe to be told when trades arrive (from a live venue's trade stream at most once a second).",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::BACKTEST_RESULTS,
        uri: "nautilus://backtests/{run_id}",
        name: "backtest results",
        description: "The results of a stored backtest run, as get_backtest_results returns them (statistics, counts, equity curve).",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::STUDY,
        uri: "nautilus://studies/{study_id}",
        name: "research study",
        description: "A stored sweep (SW-...), walk-forward (WF-...) or Monte Carlo simulation (MC-...), as get_study returns it.",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::STRATEGY,
        uri: "nautilus://strategies/{name}{?version}",
        name: "strategy",
        description: "A strategy (a built-in or a stored definition in the strategy language), as get_strategy returns it: the definition's canonical JSON, its content hash, version, parameters as JSON schema and the versions kept (version=N for an older one).",
        mime: "application/json",
    },
    TemplateDef {
        tool: tools::ORDER_STATUS,
        uri: "nautilus://orders/{client_order_id}",
        name: "order",
        description: "An order with every event of its life, as get_order_status returns it. Subscribe to be told when it changes.",
        mime: "application/json",
    },
];

/// What the tool list leaves out of a tool (`OpEntry::describe`), offered for every tool the
/// process offers.
const DESCRIBE_TOOL: TemplateDef = TemplateDef {
    tool: "",
    uri: "nautilus://tools/{name}",
    name: "describe_tool",
    description: "A tool's full description and its input and output schemas with every field's description (the tool list shows them shortened).",
    mime: "application/json",
};

/// Whether the process offers a tool (and so the resources that are its answers).
fn offered(exposure: &Exposure, tool: &str) -> bool {
    find_tool(tool).is_some_and(|e| exposure.exposes(e))
}

/// The resource templates for `resources/templates/list`: those whose tool the process offers.
#[must_use]
pub fn templates(exposure: &Exposure) -> Vec<ResourceTemplate> {
    TEMPLATES
        .iter()
        .filter(|t| offered(exposure, t.tool))
        .chain([&DESCRIBE_TOOL])
        .map(|t| {
            ResourceTemplate::new(t.uri, t.name)
                .with_description(t.description)
                .with_mime_type(t.mime)
        })
        .collect()
}

/// Percent-encodes a path segment (instrument ids may hold '/').
#[must_use]
pub fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("'{text}' has a malformed %-escape"))?;
                out.push(hex);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("'{text}' is not UTF-8 once decoded"))
}

/// The concrete resources for `resources/list`: instruments per venue, every stored bar
/// series, the book and ticker of each instrument in the paper market, recent backtest runs
/// and orders; those whose tool the process offers.
pub async fn list(ctx: Arc<Context>, exposure: &Exposure) -> Result<Vec<Resource>, ErrorData> {
    let ix = index::load(ctx).await.map_err(|e| to_error_data(&e, ""))?;
    let json = "application/json";
    let mut out = Vec::new();
    let mut add = |tool: &str, r: Resource| {
        if offered(exposure, tool) {
            out.push(r);
        }
    };
    for v in &ix.venues {
        add(
            tools::INSTRUMENTS,
            Resource::new(
                format!("{SCHEME}instruments/{}", encode(v)),
                format!("instruments/{v}"),
            )
            .with_description(format!("Instruments of {v}"))
            .with_mime_type(json),
        );
    }
    for (id, spec) in &ix.bars {
        add(
            tools::BARS,
            Resource::new(
                format!("{SCHEME}bars/{}/{}", encode(id), encode(spec)),
                format!("bars/{id}/{spec}"),
            )
            .with_description(format!(
                "{spec} bars of {id} (the last 1000; add ?start=&end=&limit= or ?format=csv)"
            ))
            .with_mime_type(json),
        );
    }
    for id in &ix.markets {
        for (kind, what, tool) in [
            ("book", "Paper venue order book", tools::BOOK),
            ("ticker", "Ticker", tools::TICKER),
            ("trades", "Recent trades", tools::TRADES),
        ] {
            add(
                tool,
                Resource::new(
                    format!("{SCHEME}{kind}/{}", encode(id)),
                    format!("{kind}/{id}"),
                )
                .with_description(format!("{what} of {id}"))
                .with_mime_type(json),
            );
        }
    }
    for (run, strategy) in &ix.backtests {
        add(
            tools::BACKTEST_RESULTS,
            Resource::new(
                format!("{SCHEME}backtests/{}", encode(run)),
                format!("backtests/{run}"),
            )
            .with_description(format!("Backtest {run} ({strategy})"))
            .with_mime_type(json),
        );
    }
    for (name, kind) in &ix.strategies {
        add(
            tools::STRATEGY,
            Resource::new(
                format!("{SCHEME}strategies/{}", encode(name)),
                format!("strategies/{name}"),
            )
            .with_description(format!("Strategy {name} ({kind} definition)"))
            .with_mime_type(json),
        );
    }
    for (id, instrument, status) in &ix.orders {
        add(
            tools::ORDER_STATUS,
            Resource::new(
                format!("{SCHEME}orders/{}", encode(id)),
                format!("orders/{id}"),
            )
            .with_description(format!("Order {id} on {instrument} ({status})"))
            .with_mime_type(json),
        );
    }
    Ok(out)
}

/// What a URI names.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Target {
    /// A tool called with arguments; the resource is its JSON.
    Tool {
        tool: &'static str,
        args: Map<String, Value>,
    },
    /// Bars as CSV.
    BarsCsv(BarsQuery),
    /// A tool's full description and schemas.
    Describe(&'static str),
}

impl Target {
    /// Whether the resource can change as the market moves or orders change (and so be
    /// subscribed to).
    pub(super) fn subscribable(&self) -> bool {
        matches!(
            self,
            Self::Tool {
                tool: tools::BOOK | tools::TICKER | tools::TRADES | tools::ORDER_STATUS,
                ..
            }
        )
    }
}

fn uri_error(uri: &str, problem: &str) -> ErrorData {
    ErrorData::invalid_params(
        format!(
            "{uri}: {problem}; resources are nautilus://instruments/VENUE, \
             nautilus://bars/INSTRUMENT_ID/BAR_SPEC, nautilus://book/INSTRUMENT_ID, \
             nautilus://ticker/INSTRUMENT_ID, nautilus://trades/INSTRUMENT_ID, \
             nautilus://backtests/RUN_ID, nautilus://studies/STUDY_ID, nautilus://strategies/NAME, \
             nautilus://orders/CLIENT_ORDER_ID, nautilus://tools/TOOL_NAME"
        ),
        Some(json!({ "uri": uri })),
    )
}

/// Parses a resource URI.
pub(super) fn parse(uri: &str) -> Result<Target, ErrorData> {
    let rest = uri
        .strip_prefix(SCHEME)
        .ok_or_else(|| uri_error(uri, "not a nautilus:// URI"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (kind, tail) = path
        .split_once('/')
        .ok_or_else(|| uri_error(uri, "no identifier after the resource kind"))?;
    if tail.is_empty() {
        return Err(uri_error(uri, "no identifier after the resource kind"));
    }
    let mut params: Vec<(String, String)> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = decode(k).map_err(|e| uri_error(uri, &e))?;
        let v = decode(v).map_err(|e| uri_error(uri, &e))?;
        params.push((k, v));
    }
    let one = |s: &str| decode(s).map_err(|e| uri_error(uri, &e));
    let allowed: &[&str] = match kind {
        "instruments" | "backtests" | "orders" | "studies" | "tools" => &[],
        "strategies" => &["version"],
        "bars" => &["start", "end", "limit", "format", "source"],
        "book" => &["depth"],
        "ticker" => &["window"],
        "trades" => &["limit", "start", "end", "source"],
        other => return Err(uri_error(uri, &format!("unknown resource kind '{other}'"))),
    };
    if let Some((k, _)) = params.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(uri_error(
            uri,
            &if allowed.is_empty() {
                format!("'{k}' is not a parameter of {kind} (it takes none)")
            } else {
                format!(
                    "'{k}' is not a parameter of {kind}; valid: {}",
                    allowed.join(", ")
                )
            },
        ));
    }
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let int = |name: &str| -> Result<Option<Value>, ErrorData> {
        get(name)
            .map(|v| {
                v.parse::<i64>()
                    .map(Value::from)
                    .map_err(|_| uri_error(uri, &format!("{name} must be an integer, got '{v}'")))
            })
            .transpose()
    };
    if kind == "tools" {
        let name = one(tail)?;
        let entry =
            find_tool(&name).ok_or_else(|| uri_error(uri, &format!("'{name}' is not a tool")))?;
        return Ok(Target::Describe(entry.info.tool_name));
    }
    let mut args = Map::new();
    let tool = match kind {
        "instruments" => {
            args.insert("venue".into(), one(tail)?.into());
            tools::INSTRUMENTS
        }
        "backtests" => {
            args.insert("run_id".into(), one(tail)?.into());
            tools::BACKTEST_RESULTS
        }
        "studies" => {
            args.insert("study_id".into(), one(tail)?.into());
            tools::STUDY
        }
        "orders" => {
            args.insert("order_id".into(), one(tail)?.into());
            tools::ORDER_STATUS
        }
        "strategies" => {
            args.insert("name".into(), one(tail)?.into());
            if let Some(v) = int("version")? {
                args.insert("version".into(), v);
            }
            tools::STRATEGY
        }
        "book" => {
            args.insert("instrument_id".into(), one(tail)?.into());
            if let Some(d) = int("depth")? {
                args.insert("depth".into(), d);
            }
            tools::BOOK
        }
        "ticker" => {
            args.insert("instrument_id".into(), one(tail)?.into());
            if let Some(w) = get("window") {
                args.insert("window".into(), w.into());
            }
            tools::TICKER
        }
        "trades" => {
            args.insert("instrument_id".into(), one(tail)?.into());
            if let Some(l) = int("limit")? {
                args.insert("limit".into(), l);
            }
            for k in ["start", "end", "source"] {
                if let Some(v) = get(k) {
                    args.insert(k.into(), v.into());
                }
            }
            tools::TRADES
        }
        "bars" => {
            let (id, spec) = tail.rsplit_once('/').ok_or_else(|| {
                uri_error(
                    uri,
                    "bars need an instrument id and a bar spec: bars/INSTRUMENT_ID/BAR_SPEC",
                )
            })?;
            let (id, spec) = (one(id)?, one(spec)?);
            let limit = int("limit")?;
            match get("format").as_deref() {
                Some("csv") => {
                    let source = get("source")
                        .map(|v| {
                            serde_json::from_value::<BarSource>(Value::String(v.clone())).map_err(
                                |_| uri_error(uri, &format!("source '{v}' is not live or catalog")),
                            )
                        })
                        .transpose()?;
                    return Ok(Target::BarsCsv(BarsQuery {
                        instrument_id: id,
                        bar_spec: Some(spec),
                        start: get("start"),
                        end: get("end"),
                        limit: limit.and_then(|v| v.as_i64()),
                        source,
                    }));
                }
                None | Some("json") => {}
                Some(other) => {
                    return Err(uri_error(
                        uri,
                        &format!("format '{other}' is not json or csv"),
                    ));
                }
            }
            args.insert("instrument_id".into(), id.into());
            args.insert("bar_spec".into(), spec.into());
            for k in ["start", "end", "source"] {
                if let Some(v) = get(k) {
                    args.insert(k.into(), v.into());
                }
            }
            if let Some(l) = limit {
                args.insert("limit".into(), l);
            }
            tools::BARS
        }
        _ => unreachable!("checked above"),
    };
    Ok(Target::Tool { tool, args })
}

/// An operation's error as a JSON-RPC error: unknown things are `resource not found`, other
/// client mistakes invalid params, the rest internal; the error document rides along.
fn to_error_data(err: &OpError, uri: &str) -> ErrorData {
    let data = Some(json!({ "uri": uri, "error": err }));
    match (err.category, err.code) {
        (_, Code::NotFound) => ErrorData::resource_not_found(err.message.clone(), data),
        (Category::Client, _) => ErrorData::invalid_params(err.message.clone(), data),
        _ => ErrorData::internal_error(err.message.clone(), data),
    }
}

/// Why a read failed: the URI or its arguments (already a JSON-RPC error), or the operation.
pub(super) enum ReadError {
    Rpc(ErrorData),
    Op(OpError),
}

impl ReadError {
    fn into_error_data(self, uri: &str) -> ErrorData {
        match self {
            Self::Rpc(e) => e,
            Self::Op(e) => to_error_data(&e, uri),
        }
    }
}

impl Target {
    /// The tool whose answer the resource is.
    fn tool(&self) -> &'static str {
        match self {
            Self::Tool { tool, .. } | Self::Describe(tool) => tool,
            Self::BarsCsv(_) => tools::BARS,
        }
    }
}

/// Parses a URI and checks that the process offers its tool.
pub(super) fn offered_target(exposure: &Exposure, uri: &str) -> Result<Target, ErrorData> {
    let target = parse(uri)?;
    let tool = target.tool();
    match find_tool(tool) {
        Some(entry) if !exposure.exposes(entry) => Err(ErrorData::invalid_params(
            format!(
                "{uri}: this server does not offer it: its answer is {}; resources offered \
                 here are those of resources/templates/list",
                exposure.why_hidden(entry)
            ),
            Some(json!({ "uri": uri })),
        )),
        _ => Ok(target),
    }
}

/// Reads a resource (when the process offers its tool): its text and MIME type.
pub async fn read(
    ctx: Arc<Context>,
    exposure: &Exposure,
    uri: &str,
) -> Result<ResourceContents, ErrorData> {
    let target = offered_target(exposure, uri)?;
    read_target(ctx, uri, target)
        .await
        .map_err(|e| e.into_error_data(uri))
}

/// The room one message leaves for a resource's text: the envelope, the URI twice (contents
/// and a next page's) and the rest of the answer around the bars.
fn text_budget(uri: &str) -> usize {
    limits::MAX_MESSAGE_BYTES.saturating_sub(limits::ENVELOPE_BYTES + 2 * uri.len() + 8 * 1024)
}

pub(super) async fn read_target(
    ctx: Arc<Context>,
    uri: &str,
    target: Target,
) -> Result<ResourceContents, ReadError> {
    let bad_args = |m: String| {
        ReadError::Rpc(ErrorData::invalid_params(
            format!("{uri}: {m}"),
            Some(json!({ "uri": uri })),
        ))
    };
    let doc = match target {
        Target::Tool {
            tool: tools::BARS,
            args,
        } => {
            // Read here rather than through the tool, so that more bars than one message can
            // carry are refused before they are read and written out.
            let req: BarsRequest =
                serde_json::from_value(Value::Object(args)).map_err(|e| bad_args(e.to_string()))?;
            let q = BarsQuery {
                instrument_id: req.instrument_id,
                bar_spec: req.bar_spec,
                start: req.start,
                end: req.end,
                limit: req.limit,
                source: req.source,
            };
            let bars = read_bars_json(ctx, q, text_budget(uri))
                .await
                .map_err(ReadError::Op)?;
            serde_json::to_value(bars).map_err(|e| ReadError::Op(OpError::internal(e)))?
        }
        Target::Tool { tool, args } => {
            let entry = find_tool(tool).ok_or_else(|| {
                ReadError::Rpc(ErrorData::internal_error(
                    format!("{tool} is not registered"),
                    None,
                ))
            })?;
            let call = Call::default().with_caller(Caller::new("resource", Scope::Read));
            entry
                .call_json(ctx, Value::Object(args), call)
                .await
                .map_err(|e| match e {
                    CallError::BadArguments(m) => bad_args(m),
                    CallError::Failed(err) => ReadError::Op(err),
                })?
        }
        Target::Describe(tool) => find_tool(tool).map(|e| e.describe()).unwrap_or_default(),
        Target::BarsCsv(q) => {
            let (text, rest) = read_bars_csv(ctx, q, text_budget(uri))
                .await
                .map_err(ReadError::Op)?;
            let bars = text.lines().count().saturating_sub(1);
            let mut meta = Map::new();
            meta.insert("bars".into(), bars.into());
            meta.insert("truncated".into(), rest.is_some().into());
            meta.insert(
                "next".into(),
                rest.as_ref().map_or(Value::Null, |q| csv_uri(q).into()),
            );
            return Ok(ResourceContents::text(text, uri)
                .with_mime_type("text/csv")
                .with_meta(MetaObject(meta)));
        }
    };
    let text = serde_json::to_string(&doc).map_err(|e| ReadError::Op(OpError::internal(e)))?;
    let contents = ResourceContents::text(text, uri).with_mime_type("application/json");
    limits::check_fits(uri, &contents, limits::MAX_MESSAGE_BYTES).map_err(ReadError::Op)?;
    Ok(contents)
}

/// The CSV bars resource of a query.
fn csv_uri(q: &BarsQuery) -> String {
    let mut uri = format!(
        "{SCHEME}bars/{}/{}?format=csv",
        encode(&q.instrument_id),
        encode(q.bar_spec.as_deref().unwrap_or_default())
    );
    for (k, v) in [("start", &q.start), ("end", &q.end)] {
        if let Some(v) = v {
            uri.push_str(&format!("&{k}={}", encode(v)));
        }
    }
    if let Some(l) = q.limit {
        uri.push_str(&format!("&limit={l}"));
    }
    if let Some(s) = q.source {
        let s = serde_json::to_value(s).unwrap_or_default();
        uri.push_str(&format!("&source={}", s.as_str().unwrap_or_default()));
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(uri: &str) -> (&'static str, Value) {
        match parse(uri).unwrap() {
            Target::Tool { tool, args } => (tool, Value::Object(args)),
            Target::BarsCsv(q) => panic!("csv {q:?}"),
            Target::Describe(t) => panic!("describe {t}"),
        }
    }

    #[test]
    fn tools_are_described_by_name() {
        assert_eq!(
            parse("nautilus://tools/run_backtest").unwrap(),
            Target::Describe("run_backtest")
        );
        assert!(parse("nautilus://tools/nope").is_err());
        assert!(parse("nautilus://tools/run_backtest?x=1").is_err());
    }

    #[test]
    fn uris_name_tools_and_arguments() {
        assert_eq!(
            tool("nautilus://book/BTCUSDT.BINANCE?depth=5"),
            (
                "get_order_book",
                json!({"instrument_id": "BTCUSDT.BINANCE", "depth": 5})
            )
        );
        assert_eq!(
            tool("nautilus://bars/USD%2FJPY.FXCM/1-HOUR-BID?start=2013-02-01&limit=10"),
            (
                "get_bars",
                json!({"instrument_id": "USD/JPY.FXCM", "bar_spec": "1-HOUR-BID", "start": "2013-02-01", "limit": 10})
            )
        );
        assert_eq!(
            tool("nautilus://bars/USD/JPY.FXCM/1-HOUR-BID").1["instrument_id"],
            "USD/JPY.FXCM"
        );
        assert_eq!(tool("nautilus://orders/O-1").1, json!({"order_id": "O-1"}));
        assert!(matches!(
            parse("nautilus://bars/BTCUSDT.BINANCE/1-MINUTE-LAST?format=csv").unwrap(),
            Target::BarsCsv(_)
        ));
        for bad in [
            "http://x",
            "nautilus://nope/1",
            "nautilus://book/",
            "nautilus://book/X.Y?deep=1",
            "nautilus://book/X.Y?depth=ten",
            "nautilus://bars/X.Y",
            "nautilus://bars/X.Y/1-MINUTE-LAST?format=xml",
            "nautilus://instruments/BINANCE?x=1",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let all = Exposure::all();
        assert!(
            offered_target(&all, "nautilus://book/BTCUSDT.BINANCE").is_ok_and(|t| t.subscribable())
        );
        assert!(
            !parse("nautilus://instruments/BINANCE")
                .unwrap()
                .subscribable()
        );
        // A server offering only backtests offers neither the book nor its template.
        let backtests = Exposure::new(false, Some("backtest")).unwrap();
        let e = offered_target(&backtests, "nautilus://book/BTCUSDT.BINANCE").unwrap_err();
        assert!(e.message.contains("--toolsets"), "{}", e.message);
        assert!(offered_target(&backtests, "nautilus://backtests/r1").is_ok());
        let offered: Vec<String> = templates(&backtests)
            .into_iter()
            .map(|t| t.uri_template)
            .collect();
        assert_eq!(
            offered,
            [
                "nautilus://backtests/{run_id}",
                "nautilus://studies/{study_id}",
                "nautilus://tools/{name}"
            ]
        );
        assert!(offered_target(&backtests, "nautilus://tools/get_order_book").is_err());
        assert_eq!(encode("USD/JPY.FXCM"), "USD%2FJPY.FXCM");
    }
}
