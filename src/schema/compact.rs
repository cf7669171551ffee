//! Schemas sized for a model's context, derived once per tool from its full schemas (which
//! `describe_tool` and `mcp --describe` keep, with every description).
//!
//! An input keeps what a model needs to call the tool correctly: types, enums, required fields,
//! defaults that are not empty and one short sentence per field. An output keeps structure and types, no prose;
//! when it is still long, nested detail is summarised to its type, optional fields first and
//! the deepest first. Either way a type used more than once is defined once under `$defs`.
//! Every answer valid against a full output schema is valid against its compact one: compacting
//! only removes constraints.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// Marks a subtree with the name of the type it was defined by, until definitions are shared.
const DEF_MARK: &str = "x-def";

/// Keywords whose value is a map of subschemas.
const SCHEMA_MAPS: [&str; 3] = ["properties", "$defs", "patternProperties"];
/// Keywords whose value is one subschema.
const SCHEMA_ONE: [&str; 7] = [
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
];
/// Keywords whose value is a list of subschemas.
const SCHEMA_LISTS: [&str; 4] = ["anyOf", "oneOf", "allOf", "prefixItems"];

/// What an output schema keeps: structure and types.
const OUTPUT_KEYS: [&str; 12] = [
    "type",
    "properties",
    "items",
    "prefixItems",
    "required",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "allOf",
    "additionalProperties",
    DEF_MARK,
];

/// The first sentence of a text, without its final period. "e.g." and "i.e." end none.
/// A period inside parentheses or backquotes ends none either.
#[must_use]
pub fn first_sentence(text: &str) -> &str {
    let (mut parens, mut quoted) = (0i32, false);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '(' if !quoted => parens += 1,
            ')' if !quoted => parens -= 1,
            '`' => quoted = !quoted,
            '.' if parens <= 0 && !quoted && bytes.get(i + 1) == Some(&b' ') => {
                let before = &text[..i];
                if !(before.ends_with("e.g") || before.ends_with("i.e")) {
                    return before.trim_end();
                }
            }
            _ => {}
        }
    }
    let text = text.trim_end();
    text.strip_suffix('.').unwrap_or(text)
}

/// An input schema for a tool list (see the module doc). `full` may define types under
/// `$defs`; the tool's own description, which the tool carries, is left out. Over `max_bytes`,
/// the optional arguments lose their descriptions, longest first, until it fits (their names,
/// types, enums and defaults stay).
#[must_use]
pub fn compact_input(full: &Map<String, Value>, max_bytes: usize) -> Map<String, Value> {
    let mut root = inline_definitions(full);
    root.remove("description");
    let mut root = Value::Object(root);
    clean_input(&mut root, false);
    let mut compact = share_definitions(root.clone());
    let required = root.as_object().map(required_of).unwrap_or_default();
    let mut optional: Vec<(usize, String)> = root
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(name, _)| !required.contains(*name))
        .filter_map(|(name, p)| Some((p.get("description")?.as_str()?.len(), name.clone())))
        .collect();
    optional.sort_unstable_by(|a, b| b.cmp(a));
    for (_, name) in optional {
        if size(&Value::Object(compact.clone())) <= max_bytes {
            break;
        }
        if let Some(Value::Object(p)) = root.pointer_mut(&format!("/properties/{name}")) {
            p.remove("description");
        }
        compact = share_definitions(root.clone());
    }
    // Still over: whole documents as arguments (a strategy definition) are summarised to their
    // type, largest first, and say where their full schema is.
    let mut nested: Vec<(usize, String)> = root
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, p)| is_complex(p))
        .map(|(name, p)| (size(p), name.clone()))
        .collect();
    nested.sort_unstable_by(|a, b| b.cmp(a));
    for (_, name) in nested {
        if size(&Value::Object(compact.clone())) <= max_bytes {
            break;
        }
        if let Some(p) = root.pointer_mut(&format!("/properties/{name}")) {
            let mut summary = summary_of(p);
            if let Value::Object(map) = &mut summary {
                map.insert(
                    "description".into(),
                    Value::from("Its full schema: describe_tool"),
                );
            }
            *p = summary;
        }
        compact = share_definitions(root.clone());
    }
    compact
}

/// An output schema for a tool list (see the module doc): at most `max_bytes` of JSON where
/// summarising nested detail can make it so.
#[must_use]
pub fn compact_output(full: &Map<String, Value>, max_bytes: usize) -> Map<String, Value> {
    let mut root = Value::Object(inline_definitions(full));
    clean_output(&mut root);
    let required_everywhere = root.clone();
    let mut best = Value::Object(share_definitions(root.clone()));
    if size(&best) <= max_bytes {
        return object(best);
    }
    // Nested `required` lists go first; then nested structure, deepest and optional first.
    strip_nested_required(&mut root, true);
    let deepest = depth(&required_everywhere);
    let mut candidates = vec![root.clone()];
    for level in (1..=deepest).rev() {
        for optional_only in [true, false] {
            let mut c = required_everywhere.clone();
            collapse(&mut c, 0, level, optional_only, false);
            strip_nested_required(&mut c, true);
            candidates.push(c);
        }
    }
    // Last, the root's `required` list.
    let mut types_only = candidates.last().cloned().unwrap_or_default();
    if let Value::Object(map) = &mut types_only {
        map.remove("required");
    }
    candidates.push(types_only);
    for c in candidates {
        best = Value::Object(share_definitions(c));
        if size(&best) <= max_bytes {
            break;
        }
    }
    object(best)
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The length of a schema's JSON text.
fn size(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(0, |b| b.len())
}

/// Applies `f` to every direct subschema of `node`, with the property name when it is one.
fn for_each_subschema(node: &mut Value, mut f: impl FnMut(Option<&str>, &mut Value)) {
    let Value::Object(map) = node else { return };
    for (key, value) in map.iter_mut() {
        if SCHEMA_MAPS.contains(&key.as_str()) {
            if let Value::Object(subs) = value {
                for (name, sub) in subs.iter_mut() {
                    f((key == "properties").then_some(name.as_str()), sub);
                }
            }
        } else if SCHEMA_ONE.contains(&key.as_str()) {
            f(None, value);
        } else if SCHEMA_LISTS.contains(&key.as_str())
            && let Value::Array(subs) = value
        {
            for sub in subs {
                f(None, sub);
            }
        }
    }
}

/// Replaces every `$ref` into the root's `$defs` by the definition, marked with its name. A
/// reference back into a definition being expanded becomes `{}` (any value).
fn inline_definitions(full: &Map<String, Value>) -> Map<String, Value> {
    let mut root = full.clone();
    let defs = match root.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let mut root = Value::Object(root);
    expand_refs(&mut root, &defs, &mut Vec::new());
    object(root)
}

fn expand_refs(node: &mut Value, defs: &Map<String, Value>, stack: &mut Vec<String>) {
    if let Value::Object(map) = node
        && let Some(Value::String(target)) = map.get("$ref")
        && let Some(name) = target.strip_prefix("#/$defs/")
    {
        let name = name.to_string();
        map.remove("$ref");
        if stack.contains(&name) {
            map.clear();
            return;
        }
        let mut body = defs
            .get(&name)
            .cloned()
            .unwrap_or(Value::Object(Map::new()));
        stack.push(name.clone());
        expand_refs(&mut body, defs, stack);
        stack.pop();
        if let Value::Object(mut body) = body {
            // The referring node's own keywords (a field's description) win.
            for (k, v) in std::mem::take(map) {
                body.insert(k, v);
            }
            body.insert(DEF_MARK.into(), Value::String(name));
            *map = body;
        }
        return;
    }
    for_each_subschema(node, |_, sub| expand_refs(sub, defs, stack));
}

/// Input rules for one node; `optional` says it is a property the request may leave out.
fn clean_input(node: &mut Value, optional: bool) {
    let Value::Object(map) = node else { return };
    for k in [
        "title",
        "format",
        "pattern",
        "x-aliases",
        "examples",
        "$schema",
        "$comment",
    ] {
        map.remove(k);
    }
    if map.get("minimum") == Some(&Value::from(0)) {
        map.remove("minimum");
    }
    // An empty default (null, false, [], {}, "") is what leaving an optional field out means
    // anyway: it tells a model nothing.
    if map.get("default").is_some_and(is_empty_value) {
        map.remove("default");
    }
    // Unknown arguments are refused by name whatever the schema says.
    if map
        .get("additionalProperties")
        .is_some_and(Value::is_boolean)
    {
        map.remove("additionalProperties");
    }
    shorten_description(map);
    if optional {
        without_null(map);
    }
    consts_to_enum(map);
    let required = required_of(map);
    for_each_subschema(node, |property, sub| {
        clean_input(sub, property.is_some_and(|p| !required.contains(p)));
    });
}

/// An optional input need not say it takes null: leaving it out is how a caller says none.
fn without_null(map: &mut Map<String, Value>) {
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            map.insert("type".into(), only);
        }
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = map.get_mut(key) else {
            continue;
        };
        branches.retain(|b| b.get("type") != Some(&Value::from("null")));
        if branches.len() == 1 {
            let Some(Value::Object(only)) = branches.pop() else {
                continue;
            };
            map.remove(key);
            for (k, v) in only {
                map.entry(k).or_insert(v);
            }
        }
    }
}

/// `oneOf` string constants (an enum whose variants have docs) as one `enum`.
fn consts_to_enum(map: &mut Map<String, Value>) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(branches)) = map.get(key) else {
            continue;
        };
        // Each branch a string constant or an enum of strings, with nothing else but prose.
        let values: Option<Vec<Vec<Value>>> = branches
            .iter()
            .map(|b| {
                let b = b.as_object()?;
                let values = match (b.get("const"), b.get("enum")) {
                    (Some(c), None) => vec![c.clone()],
                    (None, Some(Value::Array(e))) => e.clone(),
                    _ => return None,
                };
                let plain = values.iter().all(Value::is_string)
                    && b.keys().all(|k| {
                        matches!(
                            k.as_str(),
                            "const" | "enum" | "type" | "description" | "title"
                        )
                    });
                plain.then_some(values)
            })
            .collect();
        let consts: Option<Vec<Value>> = values.map(|v| v.into_iter().flatten().collect());
        if let Some(consts) = consts.filter(|c| !c.is_empty()) {
            map.remove(key);
            map.insert("type".into(), Value::from("string"));
            map.insert("enum".into(), Value::Array(consts));
        }
    }
}

/// A field's description in one short sentence: the first, without asides in parentheses
/// unless they give a default, an example or a reference, or are a few characters long.
#[must_use]
pub fn short_description(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = first_sentence(&joined);
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some(open) = rest.find('(') {
        let Some(len) = closing_paren(&rest[open..]) else {
            break;
        };
        let aside = &rest[open..open + len];
        let inner = &aside[1..aside.len() - 1];
        out.push_str(&rest[..open]);
        let keep = inner.len() <= 15
            || ["default", "e.g.", "see "]
                .iter()
                .any(|w| inner.contains(w));
        if keep {
            out.push_str(aside);
        } else {
            out.truncate(out.trim_end().len());
        }
        rest = &rest[open + len..];
    }
    out.push_str(rest);
    // How to spell a value on the command line is no help to a model.
    out.split("; ")
        .filter(|clause| !clause.starts_with("on the CLI"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A tool's description in a tool list: the short first sentence; when that is long, what
/// comes before its colon (the list after it is in the full description).
#[must_use]
pub fn tool_summary(text: &str) -> String {
    const LONG: usize = 120;
    const SHORTEST_HEAD: usize = 25;
    let short = short_description(text);
    match short.find(": ") {
        Some(colon) if short.len() > LONG && colon >= SHORTEST_HEAD => short[..colon].to_string(),
        _ => short,
    }
}

/// The length of the parenthesised text at the start of `text`, through its closing paren.
fn closing_paren(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn shorten_description(map: &mut Map<String, Value>) {
    let short = match map.get("description") {
        Some(Value::String(d)) => short_description(d),
        _ => return,
    };
    if short.is_empty() {
        map.remove("description");
    } else {
        map.insert("description".into(), Value::String(short));
    }
}

fn required_of(map: &Map<String, Value>) -> BTreeSet<String> {
    map.get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Output rules for one node: structure and types only.
fn clean_output(node: &mut Value) {
    let Value::Object(map) = node else { return };
    consts_to_enum(map);
    map.retain(|k, _| OUTPUT_KEYS.contains(&k.as_str()));
    if map
        .get("additionalProperties")
        .is_some_and(Value::is_boolean)
    {
        map.remove("additionalProperties");
    }
    for_each_subschema(node, |_, sub| clean_output(sub));
}

/// Whether a node has structure below it worth summarising.
fn is_complex(node: &Value) -> bool {
    let Value::Object(map) = node else {
        return false;
    };
    map.contains_key("properties")
        || ["items", "additionalProperties"]
            .iter()
            .any(|k| map.get(*k).is_some_and(is_complex))
        || ["anyOf", "oneOf", "allOf", "prefixItems"].iter().any(|k| {
            map.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|b| b.iter().any(is_complex))
        })
}

/// How many levels of properties a schema nests (the root's properties are level 1).
fn depth(node: &Value) -> usize {
    let mut deepest = 0;
    let mut node = node.clone();
    let has_properties = node.get("properties").is_some();
    for_each_subschema(&mut node, |_, sub| deepest = deepest.max(depth(sub)));
    deepest + usize::from(has_properties)
}

/// Summarises every complex node at property `level` or deeper to its type; with
/// `optional_only`, only properties the answer may leave out (and what is below them).
fn collapse(node: &mut Value, level: usize, from: usize, optional_only: bool, optional: bool) {
    if level >= from && (optional || !optional_only) && is_complex(node) {
        *node = summary_of(node);
        return;
    }
    let required = node.as_object().map(required_of).unwrap_or_default();
    for_each_subschema(node, |property, sub| {
        let (next, opt) = match property {
            Some(p) => (level + 1, optional || !required.contains(p)),
            None => (level, optional),
        };
        collapse(sub, next, from, optional_only, opt);
    });
}

/// A complex node reduced to its type (`object`, `array`, or one of them or null).
fn summary_of(node: &Value) -> Value {
    let mut types = BTreeSet::new();
    collect_types(node, &mut types);
    let mut out = Map::new();
    match types.len() {
        0 => {}
        1 => {
            out.insert(
                "type".into(),
                Value::from(types.pop_first().unwrap_or_default()),
            );
        }
        _ => {
            out.insert(
                "type".into(),
                Value::Array(types.into_iter().map(Value::from).collect()),
            );
        }
    }
    Value::Object(out)
}

fn collect_types(node: &Value, types: &mut BTreeSet<String>) {
    let Value::Object(map) = node else { return };
    match map.get("type") {
        Some(Value::String(t)) => {
            types.insert(t.clone());
        }
        Some(Value::Array(ts)) => types.extend(ts.iter().filter_map(Value::as_str).map(Into::into)),
        _ => {
            if map.contains_key("properties") {
                types.insert("object".into());
            }
        }
    }
    for key in ["anyOf", "oneOf"] {
        for b in map.get(key).and_then(Value::as_array).into_iter().flatten() {
            collect_types(b, types);
        }
    }
}

/// Removes `required` from every object below the root.
fn strip_nested_required(node: &mut Value, is_root: bool) {
    if !is_root && let Value::Object(map) = node {
        map.remove("required");
    }
    for_each_subschema(node, |_, sub| strip_nested_required(sub, false));
}

/// A subschema's identity for sharing: its JSON without marks or description (a description
/// stays beside the reference).
fn identity(node: &Value) -> String {
    let mut copy = node.clone();
    if let Value::Object(map) = &mut copy {
        map.remove("description");
    }
    strip_marks(&mut copy);
    copy.to_string()
}

fn strip_marks(node: &mut Value) {
    if let Value::Object(map) = node {
        map.remove(DEF_MARK);
    }
    for_each_subschema(node, |_, sub| strip_marks(sub));
}

/// A repeated subschema: how often, how long, and a name for it.
struct Repeat {
    count: usize,
    bytes: usize,
    name: String,
}

fn collect_repeats(node: &mut Value, at: Option<&str>, found: &mut BTreeMap<String, Repeat>) {
    for_each_subschema(node, |property, sub| {
        if is_complex(sub) || sub.get("enum").is_some() {
            let id = identity(sub);
            let name = sub
                .get(DEF_MARK)
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| property.or(at).map(str::to_string))
                .unwrap_or_else(|| "shared".into());
            let entry = found.entry(id.clone()).or_insert(Repeat {
                count: 0,
                bytes: id.len(),
                name,
            });
            entry.count += 1;
        }
        collect_repeats(sub, property.or(at), found);
    });
}

/// Defines each subschema that repeats (where that saves bytes) once under `$defs` and
/// refers to it; then drops the marks.
fn share_definitions(mut root: Value) -> Map<String, Value> {
    let mut defs = Map::new();
    loop {
        let mut found = BTreeMap::new();
        collect_repeats(&mut root, None, &mut found);
        let best = found
            .into_iter()
            .filter(|(_, r)| r.count > 1)
            .map(|(id, r)| {
                let reference = r.name.len() + 20;
                let saved = (r.count * r.bytes) as i64
                    - (r.bytes + r.name.len() + 4 + r.count * reference) as i64;
                (saved, id, r.name)
            })
            .filter(|(saved, _, _)| *saved > 0)
            .max_by_key(|(saved, _, _)| *saved);
        let Some((_, id, name)) = best else { break };
        let mut name = name;
        let base = name.clone();
        let mut n = 2;
        while defs.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        let mut body = None;
        replace_with_ref(&mut root, &id, &name, &mut body);
        if let Some(mut body) = body {
            if let Value::Object(map) = &mut body {
                map.remove("description");
            }
            defs.insert(name, body);
        }
    }
    let mut root = object(root);
    if !defs.is_empty() {
        root.insert("$defs".into(), Value::Object(defs));
    }
    let mut root = Value::Object(root);
    strip_marks(&mut root);
    object(root)
}

fn replace_with_ref(node: &mut Value, id: &str, name: &str, body: &mut Option<Value>) {
    for_each_subschema(node, |_, sub| {
        if (is_complex(sub) || sub.get("enum").is_some()) && identity(sub) == id {
            let mut reference = Map::new();
            reference.insert("$ref".into(), Value::String(format!("#/$defs/{name}")));
            if let Some(d) = sub.get("description") {
                reference.insert("description".into(), d.clone());
            }
            let old = std::mem::replace(sub, Value::Object(reference));
            body.get_or_insert(old);
        } else {
            replace_with_ref(sub, id, name, body);
        }
    });
}

/// Null, false, an empty array, object or string.
fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        object(v)
    }

    #[test]
    fn first_sentences() {
        assert_eq!(first_sentence("Run it. Then stop."), "Run it");
        assert_eq!(
            first_sentence("Groups, e.g. backtest. More."),
            "Groups, e.g. backtest"
        );
        assert_eq!(first_sentence("One sentence."), "One sentence");
        assert_eq!(first_sentence("No period"), "No period");
        assert_eq!(
            first_sentence("Book (pushed with `push --bids ...`). Then."),
            "Book (pushed with `push --bids ...`)"
        );
    }

    #[test]
    fn short_descriptions_keep_defaults_and_drop_asides() {
        assert_eq!(
            short_description(
                "Order management: NETTING (default) or HEDGING (a reversal then\n closes the position). More."
            ),
            "Order management: NETTING (default) or HEDGING"
        );
        assert_eq!(
            short_description("Write to this file (open_time, open, high; importable) instead"),
            "Write to this file instead"
        );
        assert_eq!(
            short_description("Probability (0-1) of slippage (default 0), e.g. (a (b))"),
            "Probability (0-1) of slippage (default 0), e.g. (a (b))"
        );
        assert_eq!(short_description("Unbalanced (paren"), "Unbalanced (paren");
        assert_eq!(
            short_description("Grid, e.g. {}; on the CLI A=1. B."),
            "Grid, e.g. {}"
        );
        let long = format!("Initialize the trading node: {}", "limits, ".repeat(20));
        assert_eq!(tool_summary(&long), "Initialize the trading node");
        let head = format!("The kill switch: {}", "cancel, ".repeat(20));
        assert_eq!(tool_summary(&head), head.trim_end());
    }

    #[test]
    fn inputs_keep_what_a_call_needs() {
        let full = map(json!({
            "description": "The tool. Long text.",
            "type": "object",
            "properties": {
                "venue": {"type": "string", "description": "Venue name. Upper case."},
                "limit": {"type": ["integer", "null"], "format": "uint32", "minimum": 0,
                          "default": null, "description": "How many.\n\nMore."},
                "side": {"oneOf": [{"const": "BUY", "type": "string", "description": "Buy."},
                                   {"const": "SELL", "type": "string"}]},
                "size": {"type": ["number", "string"], "pattern": "^x$", "default": 1}
            },
            "required": ["venue"]
        }));
        let c = compact_input(&full, 10_000);
        assert_eq!(
            Value::Object(c),
            json!({
                "type": "object",
                "properties": {
                    "venue": {"type": "string", "description": "Venue name"},
                    "limit": {"type": "integer", "description": "How many"},
                    "side": {"type": "string", "enum": ["BUY", "SELL"]},
                    "size": {"type": ["number", "string"], "default": 1}
                },
                "required": ["venue"]
            })
        );
        let small = Value::Object(compact_input(&full, 150));
        assert_eq!(
            small["properties"]["venue"]["description"], "Venue name",
            "required"
        );
        assert!(
            small["properties"]["limit"].get("description").is_none(),
            "{small}"
        );
    }

    fn order_like() -> Value {
        json!({"type": "object", "properties": {
            "id": {"type": "string"},
            "px": {"type": ["string", "null"]},
            "fills": {"type": "array", "items": {"type": "object",
                "properties": {"qty": {"type": "string"}, "ts": {"type": "string"}},
                "required": ["qty"]}}
        }, "required": ["id"]})
    }

    #[test]
    fn repeated_types_are_defined_once() {
        let full = map(json!({
            "type": "object",
            "description": "Prose.",
            "properties": {
                "a": {"$ref": "#/$defs/Order", "description": "First."},
                "b": {"type": "array", "items": {"$ref": "#/$defs/Order"}}
            },
            "$defs": {"Order": order_like()}
        }));
        let c = Value::Object(compact_output(&full, 10_000));
        assert_eq!(c["properties"]["a"], json!({"$ref": "#/$defs/Order"}));
        assert_eq!(
            c["properties"]["b"]["items"],
            json!({"$ref": "#/$defs/Order"})
        );
        assert_eq!(
            c["$defs"]["Order"]["properties"]["px"],
            json!({"type": ["string", "null"]})
        );
        assert!(c.get("description").is_none());
        let input = Value::Object(compact_input(&full, 10_000));
        assert_eq!(
            input["properties"]["a"],
            json!({"$ref": "#/$defs/Order", "description": "First"})
        );
    }

    #[test]
    fn long_outputs_summarise_nested_detail_first() {
        let full = map(json!({
            "type": "object",
            "properties": {"order": order_like(), "note": {"type": "string"}},
            "required": ["order", "note"]
        }));
        let whole = Value::Object(compact_output(&full, 10_000));
        assert!(
            whole["properties"]["order"]["properties"]["fills"]["items"]["properties"].is_object()
        );
        let small = Value::Object(compact_output(&full, 210));
        assert!(size(&small) <= 210, "{small}");
        assert_eq!(
            small["properties"]["order"]["properties"]["fills"],
            json!({"type": "array"})
        );
        assert_eq!(
            small["properties"]["order"]["properties"]["id"],
            json!({"type": "string"})
        );
        let tiny = Value::Object(compact_output(&full, 10));
        assert_eq!(tiny["properties"]["order"], json!({"type": "object"}));
        assert!(tiny.get("required").is_none(), "{tiny}");
        let short = Value::Object(compact_output(&full, 120));
        assert_eq!(short["required"], json!(["order", "note"]));
    }

    #[test]
    fn long_inputs_summarise_whole_documents_last() {
        let full = map(json!({
            "type": "object",
            "properties": {"definition": order_like(), "name": {"type": "string"}},
            "required": ["definition", "name"]
        }));
        let whole = Value::Object(compact_input(&full, 10_000));
        assert!(whole["properties"]["definition"]["properties"].is_object());
        let small = Value::Object(compact_input(&full, 200));
        assert_eq!(
            small["properties"]["definition"],
            json!({"type": "object", "description": "Its full schema: describe_tool"})
        );
        assert_eq!(small["required"], json!(["definition", "name"]));
    }
}
