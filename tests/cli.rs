//! The CLI's shape: generated artefacts are current, help and errors behave.

mod common;

use std::path::Path;

use common::{Home, check_generated};
use nautilus_mcp::{
    cli::utility::{CompletionShell, completion_script},
    ops::registry::registry,
};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn completion_scripts_are_current() {
    for (shell, file) in [
        (CompletionShell::Bash, "nautilus-mcp.bash"),
        (CompletionShell::Zsh, "_nautilus-mcp"),
        (CompletionShell::Fish, "nautilus-mcp.fish"),
    ] {
        check_generated(
            &root().join("completions").join(file),
            &completion_script(shell),
        );
    }
}

/// The README's table of operations, generated from the registry.
fn operations_table() -> String {
    let mut t =
        String::from("| CLI | MCP tool | class | what it does |\n| --- | --- | --- | --- |\n");
    for e in registry() {
        let first = e.summary().replace('|', "\\|");
        t.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            e.cli_path(),
            e.info.tool_name,
            serde_json::to_value(e.info.class)
                .unwrap()
                .as_str()
                .unwrap(),
            first
        ));
    }
    t
}

#[test]
fn readme_lists_every_operation() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- operations:start -->\n", "<!-- operations:end -->");
    let a = readme
        .find(start)
        .expect("README has the operations markers")
        + start.len();
    let b = readme
        .find(end)
        .expect("README has the operations end marker");
    let expected = format!("{}{}{}", &readme[..a], operations_table(), &readme[b..]);
    check_generated(&path, &expected);
}

/// A tool's MCP contract as `tools/list` states it (with the annotations of a node on paper
/// venues), compact as clients see it: what `tests/snapshots/tools/<tool>.json` holds. The full
/// texts are `nautilus-mcp mcp --describe TOOL`'s.
fn tool_contract(e: &nautilus_mcp::ops::registry::OpEntry) -> String {
    let mut doc = serde_json::json!({
        "cli": e.cli_path(),
        "class": e.info.class.as_str(),
    });
    let listed = serde_json::to_value(nautilus_mcp::mcp::tool_of(e, false)).unwrap();
    doc.as_object_mut()
        .unwrap()
        .extend(listed.as_object().unwrap().clone());
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

/// Every tool's input and output schema is snapshotted, so that a change to the MCP contract
/// shows in review; a snapshot of a tool that no longer exists is stale too.
#[test]
fn tool_schemas_match_their_snapshots() {
    let dir = root().join("tests/snapshots/tools");
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut expected = std::collections::BTreeSet::new();
    for e in registry() {
        let file = format!("{}.json", e.info.tool_name);
        check_generated(&dir.join(&file), &tool_contract(e));
        expected.insert(file);
    }
    let present: std::collections::BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        present, expected,
        "snapshots of tools that do not exist; regenerate with `UPDATE_GENERATED=1 cargo test --test cli`"
    );
}

#[test]
fn readme_test_command_is_what_ci_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        readme.contains("cargo test --locked"),
        "README gives the test command"
    );
    assert!(
        ci.contains("cargo test --locked"),
        ".ci/run runs the README's test command"
    );
}

#[test]
fn help_and_errors() {
    let home = Home::new();
    let out = home.cmd().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for group in ["backtest", "data", "strategy", "mcp", "completions"] {
        assert!(help.contains(group), "{group} in help");
    }
    let out = home
        .cmd()
        .args(["backtest", "run", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("MCP tool: run_backtest") && text.contains("--strategy"),
        "{text}"
    );
    // A usage error is a client error (exit 2).
    let out = home
        .cmd()
        .args(["backtest", "run", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // With --json, a command line clap refuses is the same error document, naming the field.
    let submit = ["order", "submit-market"];
    for (args, field) in [
        (
            &["--instrument", "X.Y", "--side", "FOO", "--quantity", "1"][..],
            "side",
        ),
        (
            &["--instrument", "X.Y", "--side", "buy", "--quantity", "abc"][..],
            "quantity",
        ),
        (&["--side", "buy", "--quantity", "1"][..], "instrument_id"),
    ] {
        let err = home.json_err(&[&submit[..], args].concat(), 2);
        assert_eq!(err["code"], "INVALID_PARAMETER", "{err}");
        assert_eq!(err["details"]["field"], field, "{err}");
    }
    // A log level that is not one is refused rather than taken for a target that logs nothing.
    let err = home.json_err(&["--log-level", "verbose", "data", "list"], 2);
    assert_eq!(err["details"]["field"], "log_level", "{err}");
    // Without --json, errors go to stderr and stdout stays empty.
    let out = home
        .cmd()
        .args(["backtest", "results", "NO-SUCH-RUN"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOT_FOUND"));
    // An unusable state directory is a system error (exit 4).
    let out = home
        .cmd()
        .env("NAUTILUS_MCP_HOME", "/proc/nautilus-mcp-cannot-write")
        .args(["--json", "data", "list"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn tables_on_a_terminal_json_with_the_flag() {
    let home = Home::new();
    home.json(&["data", "generate", "--bars", "100"]);
    let out = home.cmd().args(["data", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("BTCUSDT.BINANCE  bars  1-MINUTE-LAST")),
        "{text}"
    );
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "a table, not JSON"
    );
}

#[test]
fn config_show_redacts_secrets() {
    let home =
        Home::with_config("[logging]\nlevel = \"warn\"\n[venues.BINANCE]\nmode = \"testnet\"\n");
    let out = home
        .cmd()
        .env("BINANCE_API_KEY", "super-secret-key-123")
        .args(["--json", "config", "show"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(!text.contains("super-secret-key-123"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        doc["credential_environment"]["BINANCE_API_KEY"],
        "set (redacted)"
    );
    assert_eq!(doc["settings"]["venues"]["BINANCE"]["mode"], "testnet");
    let bad = Home::with_config("[logging]\nlevle = 1\n");
    let out = bad.cmd().args(["--json", "data", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("levle"));
}
