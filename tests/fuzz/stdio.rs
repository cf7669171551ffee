//! A JSON-RPC client that speaks to `nautilus-mcp mcp` over stdio line by line, so that it can
//! send what no well-behaved client would (invalid number tokens, nesting past any parser's
//! limit) and wait for every answer with a timeout.

use std::{
    io::{BufRead, BufReader, Write},
    path::Path,
    process::{Child, ChildStdin, Command, Stdio},
    sync::mpsc::{Receiver, RecvTimeoutError, channel},
    time::{Duration, Instant},
};

use serde_json::{Value, json};

/// A running stdio server.
pub struct StdioServer {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: Receiver<Value>,
    next_id: u64,
    /// Notifications received (logging, progress).
    pub notifications: u64,
    /// Errors answering messages whose id could not be read.
    pub null_id_errors: u64,
}

impl StdioServer {
    /// Starts the server in `cwd` with the given state directory and config, and initializes
    /// the session.
    pub fn start(cwd: &Path, state: &Path, config: &Path, stderr: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"))
            .arg("mcp")
            .current_dir(cwd)
            .env("NAUTILUS_MCP_HOME", state)
            .env("NAUTILUS_MCP_CONFIG", config)
            .env("RUST_LOG", "info")
            .env_remove("BINANCE_API_KEY")
            .env_remove("BINANCE_API_SECRET")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(stderr).expect("stderr file"))
            .spawn()
            .expect("spawn the server");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, answers) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let v: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| json!({"unparsable_output": line, "error": e.to_string()}));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut server = Self {
            child,
            stdin: Some(stdin),
            answers,
            next_id: 1,
            notifications: 0,
            null_id_errors: 0,
        };
        let init = server
            .request(
                "initialize",
                json!({
                    "protocolVersion": "2025-06-18",
                    "capabilities": {},
                    "clientInfo": {"name": "nautilus-mcp-fuzz", "version": "1"},
                }),
                Duration::from_secs(60),
            )
            .expect("initialize");
        assert!(init.get("result").is_some(), "initialize: {init}");
        server.send_line(
            &json!({"jsonrpc": "2.0", "method": "notifications/initialized"}).to_string(),
        );
        server
    }

    /// The next request id.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Writes one line.
    pub fn send_line(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(text.as_bytes()).expect("write a request");
        stdin.write_all(b"\n").expect("write a request");
        stdin.flush().expect("flush");
    }

    /// Sends a request and waits for its answer.
    pub fn request(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        let id = self.next_id();
        let text =
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
        self.send_line(&text);
        self.answer(id, timeout)
    }

    /// Waits for the answer to request `id`. Notifications on the way are counted, and so are
    /// errors with a null id (what a message that is JSON but not JSON-RPC gets).
    pub fn answer(&mut self, id: u64, timeout: Duration) -> Result<Value, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.answers.recv_timeout(left) {
                Ok(v) if v.get("unparsable_output").is_some() => {
                    return Err(format!("the server wrote a line that is not JSON: {v}"));
                }
                Ok(v) if v.get("id").is_none() => self.notifications += 1,
                Ok(v) if v["id"].is_null() && v.get("error").is_some() => self.null_id_errors += 1,
                Ok(v) if v["id"] == json!(id) => return Ok(v),
                Ok(v) => return Err(format!("an answer to another request ({id} expected): {v}")),
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("no answer within {timeout:?} (the server hangs)"));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.try_wait().ok().flatten();
                    return Err(format!("the server closed stdout (exit status {status:?})"));
                }
            }
        }
    }

    /// The server's resident memory in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    /// Closes stdin and waits for the server to exit.
    pub fn stop(mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit within a minute of stdin closing");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for StdioServer {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
