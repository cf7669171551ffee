//! What people see: the `--json` documents of a representative session stay byte for byte what
//! they were before the human views were designed, and every operation's human view is
//! snapshotted at 80 and 120 columns, with colour and without.

mod common;

use common::{Home, project_data};
use nautilus_mcp::{ops::registry::registry, output};
use serde_json::Value;

const BTC: &str = "BTCUSDT.BINANCE";

/// One step of the session: a snapshot name and the command line (without `--json`).
struct Step {
    name: &'static str,
    args: Vec<String>,
}

fn step(name: &'static str, args: &[&str]) -> Step {
    Step {
        name,
        args: args.iter().map(|a| (*a).to_string()).collect(),
    }
}

/// The README's paper-trading walkthrough, the market data reads, and a backtest with its
/// results, trades and a sweep: most operations a person runs, with their answers.
fn session() -> Vec<Step> {
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    let data = data.to_str().unwrap().to_string();
    let mut steps = vec![
        step(
            "data_import",
            &["data", "import", &data, "--instrument", BTC],
        ),
        step("data_list", &["data", "list"]),
        step(
            "node_init",
            &[
                "node",
                "init",
                "--venue",
                "BINANCE",
                "--max-order-size",
                "1",
                "--max-notional-per-order",
                "50000",
            ],
        ),
        step(
            "venue_connect",
            &[
                "venue",
                "connect",
                "BINANCE",
                "--mode",
                "paper",
                "--account-type",
                "cash",
                "--balance",
                "100000 USDT",
            ],
        ),
        step(
            "node_advance",
            &["node", "advance", "--until", "2024-01-25T00:00:00Z"],
        ),
        step(
            "order_submit_limit",
            &[
                "order",
                "submit-limit",
                "--instrument",
                BTC,
                "--side",
                "buy",
                "--quantity",
                "0.5",
                "--price",
                "34900",
                "--order-id",
                "A1",
            ],
        ),
        step("node_advance_bars", &["node", "advance", "--bars", "60"]),
        step(
            "order_submit_stop",
            &[
                "order",
                "submit-stop",
                "--instrument",
                BTC,
                "--side",
                "sell",
                "--quantity",
                "0.2",
                "--trigger-price",
                "34760",
                "--price",
                "34755",
                "--reduce-only",
                "--order-id",
                "S1",
            ],
        ),
        step(
            "order_submit_market",
            &[
                "order",
                "submit-market",
                "--instrument",
                BTC,
                "--side",
                "buy",
                "--quantity",
                "0.1",
                "--stop-loss",
                "33000",
                "--take-profit",
                "35500",
                "--order-id",
                "M1",
            ],
        ),
        step(
            "market_push",
            &[
                "market",
                "push",
                "--instrument",
                BTC,
                "--bid",
                "35000",
                "--ask",
                "35001",
            ],
        ),
        step("order_status", &["order", "status", "A1"]),
        step("order_list", &["order", "list", "--status", "all"]),
        step("account_info", &["account", "info"]),
        step("position_list", &["position", "list"]),
        step("position_risk", &["position", "risk"]),
        step("node_status", &["node", "status"]),
        step("node_verify", &["node", "verify"]),
        step(
            "market_push_trade",
            &[
                "market",
                "push",
                "--instrument",
                BTC,
                "--last",
                "35000.5",
                "--size",
                "0.25",
            ],
        ),
        step("market_ticker", &["market", "ticker", "--instrument", BTC]),
        step("market_book", &["market", "book", "--instrument", BTC]),
        step(
            "market_trades",
            &["market", "trades", "--instrument", BTC, "--limit", "5"],
        ),
        step(
            "market_bars",
            &[
                "market",
                "bars",
                "--instrument",
                BTC,
                "--bar-spec",
                "1-HOUR-LAST",
                "--start",
                "2024-01-02T00:00:00Z",
                "--end",
                "2024-01-02T06:00:00Z",
            ],
        ),
        step(
            "market_instruments",
            &["market", "instruments", "--venue", "BINANCE"],
        ),
        step(
            "order_cancel_all",
            &["order", "cancel-all", "--instrument", BTC],
        ),
        step("node_halt", &["node", "halt", "--reason", "end of day"]),
        step("node_resume", &["node", "resume"]),
        step("strategy_list", &["strategy", "list"]),
    ];
    steps.extend([
        step(
            "backtest_run",
            &[
                "backtest",
                "run",
                "--strategy",
                "MovingAverageCrossover",
                "--param",
                "fast_period=10",
                "--param",
                "slow_period=30",
                "--param",
                "trade_size=0.1",
                "--instrument",
                BTC,
                "--data",
                &data,
            ],
        ),
        step("backtest_results", &["backtest", "results"]),
        step("backtest_trades", &["backtest", "trades", "--limit", "5"]),
        // Before the sweep: runs stored in the same second list in no stable order.
        step("backtest_list", &["backtest", "list"]),
        step(
            "backtest_configure",
            &[
                "backtest",
                "configure",
                "--name",
                "btc",
                "--instrument",
                BTC,
                "--capital",
                "USDT=100000",
                "--start",
                "2024-01-01",
                "--end",
                "2024-01-08",
            ],
        ),
        step(
            "backtest_sweep",
            &[
                "backtest",
                "sweep",
                "--name",
                "btc",
                "--strategy",
                "MovingAverageCrossover",
                "--grid",
                "fast_period=5,10",
                "--grid",
                "slow_period=30,60",
                "--param",
                "trade_size=0.1",
                "--rank-by",
                "sharpe_ratio",
                "--threads",
                "2",
            ],
        ),
    ]);
    steps.extend(language_and_research_steps());
    steps
}

/// The strategy language (validate, define, show, attach to the node, stop, delete) and the
/// research tools (walk-forward, Monte Carlo, stored studies), after the sweep. An argument
/// `@step.field` is that field of an earlier step's answer.
fn language_and_research_steps() -> Vec<Step> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join("strategies/ema_cross_trailing.toml");
    let file = file.to_str().unwrap();
    vec![
        step(
            "strategy_validate",
            &[
                "strategy",
                "validate",
                "--file",
                file,
                "--instrument",
                BTC,
                "--bars",
                "3000",
            ],
        ),
        step(
            "strategy_define",
            &["strategy", "define", "trend", "--file", file],
        ),
        step("strategy_show", &["strategy", "show", "trend"]),
        step("strategy_list_defined", &["strategy", "list"]),
        step(
            "strategy_configure",
            &[
                "strategy",
                "configure",
                "--strategy",
                "MovingAverageCrossover",
                "--instrument",
                BTC,
                "--param",
                "fast_period=5",
                "--param",
                "slow_period=20",
                "--param",
                "trade_size=0.1",
            ],
        ),
        step("strategy_step", &["strategy", "step"]),
        step(
            "strategy_stop",
            &["strategy", "stop", "@strategy_configure.instance_id"],
        ),
        step(
            "backtest_walk_forward",
            &[
                "backtest",
                "walk-forward",
                "--name",
                "btc",
                "--strategy",
                "MovingAverageCrossover",
                "--grid",
                "fast_period=5,10",
                "--grid",
                "slow_period=30,60",
                "--param",
                "trade_size=0.1",
                "--in-sample",
                "2d",
                "--out-of-sample",
                "1d",
            ],
        ),
        step(
            "backtest_monte_carlo",
            &[
                "backtest",
                "monte-carlo",
                "@backtest_run.run_id",
                "--resamples",
                "200",
                "--seed",
                "5",
            ],
        ),
        step(
            "backtest_study_monte_carlo",
            &["backtest", "study", "@backtest_monte_carlo.monte_carlo_id"],
        ),
        step(
            "backtest_study_walk_forward",
            &[
                "backtest",
                "study",
                "@backtest_walk_forward.walk_forward_id",
            ],
        ),
        step(
            "backtest_study_sweep",
            &["backtest", "study", "@backtest_sweep.sweep_id"],
        ),
        step(
            "backtest_add_instruments",
            &[
                "backtest",
                "add-instruments",
                "ETHUSDT.BINANCE",
                "--name",
                "btc",
            ],
        ),
        step(
            "backtest_set_range",
            &[
                "backtest",
                "set-range",
                "--name",
                "btc",
                "--start",
                "2024-01-02",
                "--end",
                "2024-01-09",
            ],
        ),
        step("strategy_delete", &["strategy", "delete", "trend"]),
        step(
            "order_submit_limit_far",
            &[
                "order",
                "submit-limit",
                "--instrument",
                BTC,
                "--side",
                "sell",
                "--quantity",
                "0.1",
                "--price",
                "39000",
                "--order-id",
                "L2",
            ],
        ),
        step(
            "order_modify",
            &[
                "order",
                "modify",
                "L2",
                "--price",
                "38500",
                "--quantity",
                "0.2",
            ],
        ),
        step("order_cancel", &["order", "cancel", "L2"]),
        step(
            "data_generate",
            &[
                "data",
                "generate",
                "--bars",
                "120",
                "--seed",
                "7",
                "--instrument",
                "ETHUSDT.BINANCE",
            ],
        ),
        step(
            "order_preview",
            &[
                "order",
                "preview",
                "--type",
                "market",
                "--instrument",
                BTC,
                "--side",
                "sell",
                "--quantity",
                "0.05",
                "--order-id",
                "P1",
            ],
        ),
    ]
}

/// The binary under test, or the build `NAUTILUS_MCP_BIN` names (to record the `--json`
/// baseline with another build, e.g. main's: `INSTA_UPDATE=always NAUTILUS_MCP_BIN=...`).
fn binary(home: &Home) -> assert_cmd::Command {
    match std::env::var_os("NAUTILUS_MCP_BIN") {
        Some(bin) => home.cmd_of(assert_cmd::Command::new(bin)),
        None => home.cmd(),
    }
}

/// Runs the session with `--json`; each step's raw stdout.
fn run_session(home: &Home) -> Vec<(&'static str, String)> {
    let mut answers: Vec<(&'static str, String)> = Vec::new();
    for s in session() {
        let args: Vec<String> = s.args.iter().map(|a| earlier(&answers, a)).collect();
        let out = binary(home)
            .arg("--json")
            .args(&args)
            .output()
            .expect("runs");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(
            out.status.success(),
            "{args:?} failed: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        answers.push((s.name, stdout));
    }
    answers
}

/// `arg`, or for `@step.field` that field of the earlier step's answer.
fn earlier(answers: &[(&'static str, String)], arg: &str) -> String {
    let Some((name, field)) = arg.strip_prefix('@').and_then(|a| a.split_once('.')) else {
        return arg.to_string();
    };
    let (_, stdout) = answers
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no earlier step {name}"));
    let doc: Value = serde_json::from_str(stdout).unwrap();
    doc[field]
        .as_str()
        .unwrap_or_else(|| panic!("{name} has no {field}: {doc}"))
        .to_string()
}

/// The session's output with what differs from run to run (run ids, venue order ids, wall-clock
/// times, durations, temporary paths) replaced by fixed stand-ins of the same kind, so the text
/// stays valid JSON; everything else must match byte for byte.
fn normalise(home: &Home, text: &str) -> String {
    let today = chrono::Utc::now().date_naive();
    let days = [today, today.pred_opt().unwrap()]
        .map(|d| d.format("%Y-%m-%d").to_string())
        .join("|");
    let rules = [
        (
            regex::escape(&home.dir.path().display().to_string()),
            "/HOME",
        ),
        (
            regex::escape(&project_data().display().to_string()),
            "/DATA",
        ),
        (regex::escape(env!("CARGO_MANIFEST_DIR")), "/PROJECT"),
        (
            r"(BT|SW|WF|MC)-\d{8}-\d{6}-[0-9a-f]{8}".to_string(),
            "$1-00000000-000000-run00000",
        ),
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}".to_string(),
            "00000000-0000-0000-0000-000000000000",
        ),
        (
            format!(r"(?:{days})T\d{{2}}:\d{{2}}:\d{{2}}(?:\.\d+)?(?:Z|[+-]\d{{2}}:\d{{2}})"),
            "2000-01-01T00:00:00Z",
        ),
        (
            r#""(elapsed_secs|bars_per_second|elapsed_ms)": [0-9.e+-]+"#.to_string(),
            r#""$1": 1"#,
        ),
    ];
    rules.iter().fold(text.to_string(), |t, (pattern, with)| {
        regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&t, *with)
            .into_owned()
    })
}

#[test]
fn json_output_is_byte_identical_to_before_the_views() {
    let home = Home::new();
    let outputs = run_session(&home);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/json");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, stdout) in &outputs {
            insta::assert_snapshot!(*name, normalise(&home, stdout));
        }
    });
}

/// The MCP tool name of a command line (`order list` → `list_orders`).
fn tool_of(args: &[String]) -> &'static str {
    registry()
        .iter()
        .find(|e| e.info.group.name() == args[0] && e.info.cli_name == args[1])
        .unwrap_or_else(|| panic!("no operation for {args:?}"))
        .info
        .tool_name
}

/// Every operation's answer in the session, drawn at 80 and 120 columns, with colour and
/// without; a snapshot per operation and width. Checks on the way that no line is wider than
/// the terminal and no cell holds a JSON object.
#[test]
fn human_views_at_80_and_120_columns_with_and_without_colour() {
    let home = Home::new();
    let docs: Vec<(&str, &'static str, Value)> = session()
        .iter()
        .zip(run_session(&home))
        .map(|(s, (name, stdout))| {
            let doc = serde_json::from_str(&normalise(&home, &stdout)).unwrap();
            (name, tool_of(&s.args), doc)
        })
        .collect();
    let shown: Vec<&str> = docs.iter().map(|(_, tool, _)| *tool).collect();
    let unshown: Vec<&str> = registry()
        .iter()
        .map(|e| e.info.tool_name)
        .filter(|t| !shown.contains(t))
        .collect();
    assert!(
        unshown.is_empty(),
        "operations the session never shows: {unshown:?}"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/views");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, tool, doc) in &docs {
            for width in [80, 120] {
                let plain = output::render(tool, doc, &options(width, false));
                assert_fits(name, &plain, width);
                let colour = output::render(tool, doc, &options(width, true));
                let stripped = strip_ansi(&colour);
                let uncoloured: Vec<&str> = stripped.lines().map(str::trim_end).collect();
                assert_eq!(
                    uncoloured.join("\n"),
                    plain,
                    "{name}: colour changes only colour"
                );
                insta::assert_snapshot!(format!("{name}_{width}"), plain);
                insta::assert_snapshot!(format!("{name}_{width}_colour"), colour);
            }
        }
    });
}

fn options(width: usize, color: bool) -> output::Options {
    output::Options {
        width: Some(width),
        color,
        ..output::Options::default()
    }
}

/// No line wider than the terminal, no JSON object in the text.
fn assert_fits(name: &str, text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "{name} at {width}: a line of {} columns:\n{line}",
            line.chars().count()
        );
        assert!(
            !line.contains("{\"") && !line.contains("\":"),
            "{name}: JSON in a cell:\n{line}"
        );
    }
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A new operation must be given a designed view, and a snapshot of it in the session.
#[test]
fn every_operation_has_a_view() {
    let missing: Vec<&str> = registry()
        .iter()
        .map(|e| e.info.tool_name)
        .filter(|t| !output::views::is_designed(t))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a designed view in src/output/views/mod.rs: {missing:?}"
    );
}

/// The CLI glue: a table on a pipe by default, `-o csv`/`tsv` of the view's columns,
/// `--columns`, `--wide`, `COLUMNS` fitting with a footer, and `--color`/`NO_COLOR`.
#[test]
fn the_cli_chooses_format_columns_width_and_colour() {
    let home = Home::new();
    run_session_prefix(&home, 6);
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = home.cmd();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run(&["order", "list"], &[]);
    let header = table.lines().next().unwrap();
    assert!(
        header.starts_with("time ") && header.ends_with("status"),
        "{table}"
    );
    assert!(table.contains("2024-01-25 00:00  A1"), "{table}");
    assert!(table.contains("A1") && !table.contains('\u{1b}'), "{table}");

    let csv = run(&["order", "list", "-o", "csv"], &[]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "time,id,instrument,side,type,qty,price,trigger,filled,avg px,status"
    );
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .contains(",A1,BTCUSDT.BINANCE,BUY,LIMIT,0.50000,34900.00,"),
        "{csv}"
    );
    let tsv = run(
        &["order", "list", "-o", "tsv", "--columns", "id,status"],
        &[],
    );
    assert_eq!(tsv.lines().next().unwrap(), "id\tstatus");

    let narrow = run(&["order", "list"], &[("COLUMNS", "40")]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 40), "{narrow}");
    let words = narrow.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("hidden to fit the terminal; --wide shows every column"),
        "{narrow}"
    );
    let wide = run(&["order", "list", "--wide"], &[("COLUMNS", "40")]);
    assert!(
        wide.contains("strategy_id") && wide.contains("created"),
        "{wide}"
    );

    let coloured = run(
        &["order", "list", "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    assert!(
        coloured.contains("\u{1b}["),
        "--color always wins over NO_COLOR"
    );
    let never = run(&["order", "list", "--color", "never"], &[]);
    assert!(!never.contains('\u{1b}'));

    let json = run(&["order", "list", "-o", "json"], &[]);
    let short = run(&["--json", "order", "list"], &[]);
    assert_eq!(json, short, "-o json is --json");

    let bars = [
        "market",
        "bars",
        "--instrument",
        BTC,
        "--bar-spec",
        "1-HOUR-LAST",
        "--start",
        "2024-01-02T00:00:00Z",
        "--end",
        "2024-01-04T00:00:00Z",
    ];
    let braille = |t: &str| t.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c));
    let plain = run(&bars, &[("COLUMNS", "100")]);
    assert!(!braille(&plain), "no chart unless asked: {plain}");
    let charted = run(&[&bars[..], &["--chart"]].concat(), &[("COLUMNS", "100")]);
    assert!(
        charted.contains("Close of BTCUSDT.BINANCE 1-HOUR-LAST bars") && braille(&charted),
        "{charted}"
    );
    assert!(
        charted.lines().all(|l| l.chars().count() <= 100),
        "{charted}"
    );
    let table_at = |t: &str| t.find("open time").expect("the bars table");
    assert_eq!(
        charted[table_at(&charted)..],
        plain[table_at(&plain)..],
        "the same table follows the chart"
    );
}

/// The first `n` steps of the session.
fn run_session_prefix(home: &Home, n: usize) {
    for s in session().into_iter().take(n) {
        let args: Vec<&str> = s.args.iter().map(String::as_str).collect();
        home.json(&args);
    }
}

/// The README's main command runs on the shipped real data, whose origin and licence are stated
/// beside it, and prints the designed view (a one-line result, then the headline statistics).
#[test]
fn the_readme_main_command_runs_on_the_shipped_real_month() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("the README's main command");
    let args: Vec<&str> = line["cargo run --release -- ".len()..]
        .split_whitespace()
        .collect();
    let data = args[args.iter().position(|a| *a == "--data").unwrap() + 1];
    assert!(
        !data.contains("synthetic"),
        "the main job runs on real data"
    );
    let shipped = std::fs::read_to_string(root.join("data/README.md")).unwrap();
    let row = shipped
        .lines()
        .find(|l| l.contains(data.trim_start_matches("data/")))
        .expect("data/README.md states the file's origin");
    assert!(
        row.contains("NautilusTrader") && row.contains("LGPL-3.0"),
        "{row}"
    );

    let home = Home::new();
    let out = home
        .cmd()
        .current_dir(root)
        .env("COLUMNS", "100")
        .args(&args)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.starts_with("Run BT-") && text.contains("PnL"),
        "{text}"
    );
    for stat in [
        "Sharpe",
        "max drawdown",
        "win rate",
        "from           2021-12-31",
    ] {
        assert!(text.contains(stat), "{stat}: {text}");
    }
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
}

/// `--watch` redraws a live view at its interval, showing what another process changed, and
/// Ctrl-C ends it cleanly; other operations and document formats refuse it.
#[test]
fn watch_redraws_the_view_until_ctrl_c() {
    use std::{
        io::{BufRead, BufReader},
        process::Stdio,
        sync::mpsc,
        time::{Duration, Instant},
    };
    let home = Home::new();
    run_session_prefix(&home, 5);
    home.push(BTC, &["--bid", "35000", "--ask", "35001"]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("nautilus-mcp"))
        .env("NAUTILUS_MCP_HOME", home.state())
        .env("NAUTILUS_MCP_CONFIG", &home.config)
        .env_remove("RUST_LOG")
        .env("COLUMNS", "100")
        .args(["market", "ticker", "--instrument", BTC, "--watch", "0.2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen: Vec<String> = Vec::new();
    let mut wait_for = |what: &str, want: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no {what} within 60 s:\n{}", seen.join("\n")));
            assert!(
                line.chars().count() <= 100,
                "wider than the terminal: {line}"
            );
            let found = want(&line);
            seen.push(line);
            if found {
                return;
            }
        }
    };
    let heading = "Every 0.2s: nautilus-mcp market ticker --instrument BTCUSDT.BINANCE";
    wait_for("first frame", &|l| l.starts_with(heading));
    wait_for("the first bid", &|l| l.contains("35000"));
    home.push(BTC, &["--bid", "36100", "--ask", "36101"]);
    wait_for("the bid pushed meanwhile", &|l| l.contains("36100"));
    wait_for("a later frame", &|l| l.starts_with(heading));

    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        assert!(Instant::now() < deadline, "still running 30 s after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "Ctrl-C ends the watch cleanly: {status:?}"
    );

    let refused = home
        .cmd()
        .args(["order", "status", "A1", "--watch"])
        .output()
        .unwrap();
    assert!(!refused.status.success(), "only live views watch");
    let json = home.json_err(
        &["market", "ticker", "--instrument", BTC, "--watch", "1"],
        2,
    );
    assert_eq!(json["details"]["field"], "watch", "{json}");
}

/// The README's paper-trading walkthrough, each command typed into a shell whose output is a
/// pseudo-terminal of 100 columns (so the binary sees a terminal: its width and colours), then
/// the order and position lists the README shows: no line is wider than the terminal and no
/// cell holds a JSON object.
#[test]
fn the_readme_walkthrough_in_a_pseudo_terminal() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = &readme[readme.find("## Paper trading").expect("the walkthrough")..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut commands: Vec<String> = Vec::new();
    for line in section.lines() {
        let line = line.strip_prefix("$ ").unwrap_or(line);
        if !line.starts_with("nautilus-mcp ") {
            continue;
        }
        let line = line.split("  #").next().unwrap().trim();
        commands.extend(line.split(" && ").map(str::to_string));
    }
    assert!(commands.len() >= 12, "{commands:?}");
    assert!(
        commands
            .iter()
            .any(|c| c.starts_with("nautilus-mcp order list"))
    );

    let home = Home::new();
    let bin_dir = assert_cmd::cargo::cargo_bin("nautilus-mcp")
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut coloured = false;
    for command in &commands {
        let mut shell = std::process::Command::new("sh");
        shell
            .args(["-c", command])
            .current_dir(root)
            .env("PATH", &path)
            .env("NAUTILUS_MCP_HOME", home.state())
            .env("NAUTILUS_MCP_CONFIG", &home.config)
            .env_remove("RUST_LOG")
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR");
        let (ok, text) = pty::run(shell, 100, 40);
        assert!(ok, "{command}:\n{text}");
        coloured |= text.contains("\u{1b}[");
        let shown = strip_ansi(&text);
        assert!(!shown.trim().is_empty(), "{command} printed nothing");
        // What the terminal shows: a carriage return starts its line again (progress bars).
        let screen: Vec<&str> = shown
            .lines()
            .map(|l| l.trim_end_matches('\r').rsplit('\r').next().unwrap_or(""))
            .collect();
        assert_fits(command, &screen.join("\n"), 100);
    }
    assert!(coloured, "a terminal gets colour");
}

/// A pseudo-terminal for a child process (openpty from libc).
mod pty {
    use std::{
        fs::File,
        io::Read,
        os::fd::{FromRawFd, OwnedFd},
        process::{Command, Stdio},
        sync::mpsc,
        time::{Duration, Instant},
    };

    /// Runs `command` with a `cols` x `rows` terminal as its stdin, stdout and stderr; whether
    /// it succeeded (within two minutes), and what it wrote.
    pub fn run(mut command: Command, cols: u16, rows: u16) -> (bool, String) {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two new descriptors into the given integers; the terminal
        // settings may be null and the size points to a live winsize.
        let made = unsafe {
            libc::openpty(
                &raw mut master,
                &raw mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &raw const size,
            )
        };
        assert_eq!(made, 0, "openpty");
        // SAFETY: both descriptors were just opened for us and are owned nowhere else.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        command
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        let mut child = command.spawn().expect("starts");
        drop(command); // the child holds the terminal's only other ends now
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = Vec::new();
            // Reading ends with EIO once the child and its children have closed the terminal.
            let _ = File::from(master).read_to_end(&mut out);
            let _ = tx.send(out);
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("still running after two minutes");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the terminal closes");
        (status.success(), String::from_utf8_lossy(&out).into_owned())
    }
}
