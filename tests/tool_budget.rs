//! What a client loads into a model's context before the agent does anything: the whole
//! `tools/list` stays under 48,000 bytes (about 12,000 tokens) and no tool over 3,000 bytes.
//! A dynamic session starts with a smaller list still. The lists are snapshotted in `tests/snapshots/tool_lists.txt`, so growth shows in review.

mod common;

use common::{Home, check_generated, mcp_command};
use rmcp::{ServiceExt, model::Tool, transport::TokioChildProcess};

/// The whole default `tools/list`.
const LIST_BUDGET: usize = 48_000;
/// One tool: name, title, description, annotations and both schemas.
const TOOL_BUDGET: usize = 3_000;

fn size(v: &impl serde::Serialize) -> usize {
    serde_json::to_vec(v).unwrap().len()
}

async fn listed(home: &Home, args: &[&str]) -> Vec<Tool> {
    let mut cmd = mcp_command(&home.state(), &home.config);
    cmd.args(args);
    let client = ().serve(TokioChildProcess::new(cmd).unwrap()).await.unwrap();
    let tools = client.list_all_tools().await.unwrap();
    client.cancel().await.unwrap();
    tools
}

/// One line per tool: name, total bytes, input schema, output schema and description bytes.
fn table(tools: &[Tool]) -> String {
    let mut rows: Vec<&Tool> = tools.iter().collect();
    rows.sort_by_key(|t| std::cmp::Reverse(size(t)));
    let mut out = format!(
        "{:<28} {:>6} {:>6} {:>6} {:>5}\n",
        "tool", "bytes", "input", "output", "desc"
    );
    for t in rows {
        out += &format!(
            "{:<28} {:>6} {:>6} {:>6} {:>5}\n",
            t.name,
            size(t),
            size(&t.input_schema),
            t.output_schema.as_ref().map_or(0, size),
            t.description.as_deref().map_or(0, str::len),
        );
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tool_list_fits_its_budget() {
    let home = Home::new();
    let all = listed(&home, &[]).await;
    let total = size(&all);
    let mut largest: Vec<(usize, &str)> = all.iter().map(|t| (size(t), &*t.name)).collect();
    largest.sort_unstable_by(|a, b| b.cmp(a));
    eprintln!(
        "tools/list: {} tools, {total} bytes; the ten largest:",
        all.len()
    );
    for (bytes, name) in largest.iter().take(10) {
        eprintln!("  {name:<28} {bytes:>6}");
    }
    let read_only = listed(&home, &["--read-only"]).await;
    let dynamic = listed(&home, &["--dynamic-toolsets"]).await;
    let snapshot = format!(
        "# What `tools/list` shows, regenerated with `UPDATE_GENERATED=1 cargo test --test tool_budget`.\n\
         # Budget: {LIST_BUDGET} bytes for the list, {TOOL_BUDGET} for one tool.\n\n\
         ## Every tool (the default): {} tools, {total} bytes\n{}\n\
         ## --read-only: {} tools, {} bytes\n{}\n\
         ## --dynamic-toolsets, at the start: {} tools, {} bytes\n{}",
        all.len(),
        table(&all),
        read_only.len(),
        size(&read_only),
        table(&read_only),
        dynamic.len(),
        size(&dynamic),
        table(&dynamic),
    );
    check_generated(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/tool_lists.txt"),
        &snapshot,
    );
    let over: Vec<String> = largest
        .iter()
        .filter(|(bytes, _)| *bytes > TOOL_BUDGET)
        .map(|(bytes, name)| format!("{name} ({bytes})"))
        .collect();
    assert!(
        total <= LIST_BUDGET,
        "tools/list is {total} bytes, over the {LIST_BUDGET} budget"
    );
    assert!(
        over.is_empty(),
        "tools over {TOOL_BUDGET} bytes: {}",
        over.join(", ")
    );
}
