//! Schema fuzzing of every tool over MCP stdio: thousands of calls generated from each tool's
//! own input schema, valid and mutated, from one seed. Every answer must be a result or a
//! structured error, the server must never panic, hang or grow without bound, no answer or log
//! may quote a credential, and `node verify` must find the state consistent afterwards. Text
//! that is not JSON (an invalid number token, nesting past the parser's limit) gets no answer,
//! as in every MCP SDK (an answer to garbage can start an error storm), but the server must
//! answer the next request.
//!
//! `NAUTILUS_FUZZ_SEED` replays a run; `NAUTILUS_FUZZ_CALLS` sizes it (default 3000, what CI
//! runs; try 20000 for a longer campaign).

#[path = "../common/mod.rs"]
mod common;
mod generate;
mod stdio;

use std::time::{Duration, Instant};

use common::{Home, project_data};
use generate::{Generator, Shape};
use rand::{Rng, seq::IndexedRandom};
use serde_json::{Value, json};
use stdio::StdioServer;

/// Calls in a default (CI) run.
const DEFAULT_CALLS: usize = 3000;
/// Longest a single call may take before the server counts as hung (a debug build, a
/// backtest of a generated year at worst).
const CALL_TIMEOUT: Duration = Duration::from_secs(180);
/// Resident memory the server may gain between the end of the warm-up and the end of the run.
const RSS_GROWTH_KIB: u64 = 400 * 1024;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A node with the shipped month of BTCUSDT bars, a paper BINANCE venue half-way through the
/// month, a stored backtest configuration, and real-venue URLs that refuse at once (no
/// network).
fn fuzz_home() -> Home {
    let home = Home::with_config(
        "[venues.BINANCE]\nbase_url = \"http://127.0.0.1:9\"\nws_api_url = \"ws://127.0.0.1:9\"\n\
         stream_url = \"ws://127.0.0.1:9\"\nrequest_timeout_ms = 2000\n",
    );
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    home.json(&[
        "data",
        "import",
        data.to_str().unwrap(),
        "--instrument",
        "BTCUSDT.BINANCE",
    ]);
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE", "--balance", "100000 USDT"]);
    home.json(&["node", "advance", "--until", "2024-01-15T00:00:00Z"]);
    home.json(&[
        "backtest",
        "configure",
        "--name",
        "fz",
        "--instrument",
        "BTCUSDT.BINANCE",
        "--capital",
        "USDT=100000",
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-07",
    ]);
    let depth = home.dir.path().join("depth.json");
    std::fs::write(
        &depth,
        r#"{"lastUpdateId": 7, "bids": [["42100.00", "1.5"]], "asks": [["42101.00", "0.5"]]}"#,
    )
    .unwrap();
    home
}

/// What is wrong with an answer, if anything.
fn check_answer(answer: &Value, shape: Shape) -> Result<(), String> {
    if let Some(err) = answer.get("error") {
        let code = err["code"]
            .as_i64()
            .ok_or("a JSON-RPC error without a code")?;
        if err["message"].as_str().is_none_or(str::is_empty) {
            return Err("a JSON-RPC error without a message".into());
        }
        return match (shape, code) {
            (Shape::Unparsable, _) => Err(format!("the ping after unparsable text got {code}")),
            // Invalid params, invalid request, unknown method.
            (_, -32602..=-32600) => Ok(()),
            _ => Err(format!("JSON-RPC error {code}")),
        };
    }
    if shape == Shape::Unparsable {
        return match answer.get("result") {
            Some(Value::Object(_)) => Ok(()),
            _ => Err("the ping after unparsable text got no result".into()),
        };
    }
    let result = answer.get("result").ok_or("neither result nor error")?;
    let doc = &result["structuredContent"];
    match result["isError"].as_bool() {
        Some(true) => {
            let e = &doc["error"];
            let category = e["category"].as_str().unwrap_or_default();
            if !["client", "trading", "system"].contains(&category) {
                return Err(format!("an error without a category: {e}"));
            }
            if e["message"].as_str().is_none_or(str::is_empty) {
                return Err("an error without a message".into());
            }
            match e["code"].as_str() {
                None => Err("an error without a code".into()),
                Some("INTERNAL") => Err(format!("an internal error: {e}")),
                Some("STATE_INCONSISTENT") => {
                    Err(format!("the state disagrees with the journal: {e}"))
                }
                Some(_) => Ok(()),
            }
        }
        Some(false) if doc.is_object() => Ok(()),
        _ => Err("a result without isError and a structured document".into()),
    }
}

/// How often a tool is called relative to the others: the ones that reset or stop the node
/// less, so that the rest reach a node that trades.
fn tool_weight(tool: &str) -> f64 {
    match tool {
        "initialize_trading_node" | "halt_trading" => 0.3,
        "connect_venue" | "resume_trading" => 0.6,
        t if t.starts_with("submit_") || t == "run_backtest" || t == "modify_order" => 1.5,
        _ => 1.0,
    }
}

/// The panics in a server log: each message with its location and the next lines.
fn panics(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("panicked at"))
        .take(10)
        .map(|(i, _)| lines[i..(i + 3).min(lines.len())].join("\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Shortens a message for a failure report (arguments may hold a megabyte).
fn clip(text: &str) -> String {
    if text.len() <= 600 {
        return text.to_string();
    }
    let mut end = 600;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes)", &text[..end], text.len())
}

#[test]
fn every_tool_survives_schema_fuzzing() {
    let seed = env_number("NAUTILUS_FUZZ_SEED", 16);
    let calls = env_number("NAUTILUS_FUZZ_CALLS", DEFAULT_CALLS as u64) as usize;
    let home = fuzz_home();
    let secret = format!("FUZZSECRET{seed:x}NeverInALog");
    let files = vec![
        project_data()
            .join("synthetic-btcusdt-1m-2024-01.csv")
            .display()
            .to_string(),
        home.dir.path().join("depth.json").display().to_string(),
        project_data()
            .join("instruments.json")
            .display()
            .to_string(),
    ];
    let mut generator = Generator::new(seed, files, secret.clone());
    let stderr = home.dir.path().join("server.stderr");
    let mut server = StdioServer::start(home.dir.path(), &home.state(), &home.config, &stderr);
    let tools: Vec<Value> = server
        .request("tools/list", json!({}), CALL_TIMEOUT)
        .expect("tools/list")["result"]["tools"]
        .as_array()
        .expect("tools")
        .clone();
    assert_eq!(tools.len(), nautilus_mcp::ops::registry::registry().len());
    eprintln!(
        "fuzzing {} tools with {calls} calls, seed {seed}",
        tools.len()
    );

    // NAUTILUS_FUZZ_TRACE=FILE writes every call and the start of its answer, to read how a
    // failure came about.
    let mut trace = std::env::var_os("NAUTILUS_FUZZ_TRACE")
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("trace file")));
    // NAUTILUS_FUZZ_VERIFY_FROM=N checks the journal against the state after every call from
    // the N-th on.
    let verify_from = env_number("NAUTILUS_FUZZ_VERIFY_FROM", u64::MAX) as usize;
    let started = Instant::now();
    let mut warm_rss = 0;
    let mut per_tool: std::collections::BTreeMap<String, (u64, u64, f64)> = Default::default();
    let mut refusals: std::collections::BTreeMap<(String, String), u64> = Default::default();
    let mut failures: Vec<String> = Vec::new();
    let mut distinct = std::collections::BTreeSet::new();
    for i in 0..calls {
        if i == calls / 10 {
            warm_rss = server.rss_kib();
        }
        let tool = tools
            .choose_weighted(&mut generator.rng, |t| {
                tool_weight(t["name"].as_str().unwrap())
            })
            .unwrap()
            .clone();
        let name = tool["name"].as_str().unwrap().to_string();
        let (args, mut shape) = generator.arguments(&tool["inputSchema"]);
        let mut params = json!({"name": name, "arguments": args});
        if generator.rng.random_bool(0.01) {
            // Not a tool, or arguments that are not an object.
            params = if generator.rng.random_bool(0.5) {
                json!({"name": format!("{name}_nope"), "arguments": {}})
            } else {
                json!({"name": name, "arguments": [1, 2]})
            };
            shape = Shape::Mutated;
        }
        let id = server.next_id();
        let message = json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": params});
        let (text, unparsable) = generator.text(&message);
        if unparsable {
            shape = Shape::Unparsable;
        }
        let t0 = Instant::now();
        server.send_line(&text);
        let answer = if shape == Shape::Unparsable {
            // No answer comes; the server must still answer the next request.
            server.request("ping", json!({}), CALL_TIMEOUT)
        } else {
            server.answer(id, CALL_TIMEOUT)
        };
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        if let Some(t) = &mut trace {
            use std::io::Write;
            let answer = answer.as_ref().map_or_else(Clone::clone, Value::to_string);
            let _ = writeln!(t, "{i} {}\n  -> {}", clip(&text), clip(&answer));
        }
        let report = |why: &str| {
            format!(
                "call {i} (seed {seed}) {name} [{shape:?}]: {why}\nrequest: {}",
                clip(&text)
            )
        };
        // A server that hangs or is gone ends the run; a wrong answer is noted and the run
        // goes on, so that one run finds every defect it can reach.
        let answer = answer.unwrap_or_else(|e| panic!("{}\nearlier: {failures:#?}", report(&e)));
        let wrong = check_answer(&answer, shape).err().or_else(|| {
            answer
                .to_string()
                .contains(&secret)
                .then(|| "the answer quotes a credential".into())
        });
        if let Some(why) = wrong {
            let first_line = why.lines().next().unwrap_or_default().to_string();
            if distinct.insert((
                name.clone(),
                first_line.chars().take(60).collect::<String>(),
            )) {
                failures.push(report(&format!(
                    "{why}\nanswer: {}",
                    clip(&answer.to_string())
                )));
            }
        }
        let refusal = answer["result"]["structuredContent"]["error"]["message"]
            .as_str()
            .map(|m| m.chars().take(70).collect::<String>())
            .or_else(|| {
                answer["error"]["message"]
                    .as_str()
                    .map(|m| m.chars().take(70).collect())
            });
        if let Some(m) = refusal {
            *refusals.entry((name.clone(), m)).or_default() += 1;
        }
        let entry = per_tool.entry(name).or_default();
        entry.0 += 1;
        entry.1 += u64::from(answer["result"]["isError"] == json!(false));
        entry.2 = entry.2.max(ms);
        generator.learn(&answer["result"]["structuredContent"]);
        if i >= verify_from {
            // Pinning a failure down: the first call after which the journal and the state
            // disagree.
            let v = server
                .request(
                    "tools/call",
                    json!({"name": "verify_node_state", "arguments": {}}),
                    CALL_TIMEOUT,
                )
                .expect("verify_node_state");
            assert!(
                v["result"]["structuredContent"]["consistent"] == json!(true),
                "inconsistent after call {i}: {}\n{v}",
                clip(&text)
            );
        }
    }
    let end_rss = server.rss_kib();
    let elapsed = started.elapsed();
    for (tool, (n, ok, max_ms)) in &per_tool {
        let top = refusals
            .iter()
            .filter(|((t, _), _)| t == tool)
            .max_by_key(|(_, n)| **n)
            .map(|((_, m), n)| format!("{n}x {m}"))
            .unwrap_or_default();
        eprintln!("{tool:24} {n:5} calls {ok:5} ok, slowest {max_ms:8.1} ms; most refused: {top}");
    }
    eprintln!(
        "{calls} calls in {:.1} s; RSS {} MiB after the warm-up, {} MiB at the end; {} \
         notifications, {} errors without an id",
        elapsed.as_secs_f64(),
        warm_rss / 1024,
        end_rss / 1024,
        server.notifications,
        server.null_id_errors
    );

    assert!(
        failures.is_empty(),
        "{} wrong answers:\n{}\n\nthe server's panics:\n{}",
        failures.len(),
        failures.join("\n\n"),
        panics(&std::fs::read_to_string(&stderr).unwrap_or_default())
    );

    // The journal and the stored state agree after everything the fuzzer did.
    let verify = server
        .request(
            "tools/call",
            json!({"name": "verify_node_state", "arguments": {}}),
            CALL_TIMEOUT,
        )
        .expect("verify_node_state");
    assert_eq!(
        verify["result"]["structuredContent"]["consistent"],
        json!(true),
        "{verify}"
    );
    let status = server.stop();
    assert!(status.success(), "the server exited with {status}");

    let log = std::fs::read_to_string(&stderr).unwrap();
    assert!(
        !log.contains("panicked"),
        "the server panicked:\n{}",
        panics(&log)
    );
    assert!(!log.contains(&secret), "a credential reached the log");
    for file in common::files_under(&home.state()) {
        assert!(
            !common::contains(&std::fs::read(&file).unwrap(), &secret),
            "a credential reached {}",
            file.display()
        );
    }
    assert!(
        end_rss <= warm_rss + RSS_GROWTH_KIB,
        "resident memory grew from {} MiB to {} MiB",
        warm_rss / 1024,
        end_rss / 1024
    );
}
