//! The HTTP server as a child process, and rmcp streamable HTTP clients for it.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, ExitStatus, Stdio},
    sync::{Arc, Mutex, mpsc},
    time::Duration,
};

use rmcp::{
    ServiceExt,
    model::CallToolResult,
    service::{RoleClient, RunningService},
    transport::{
        StreamableHttpClientTransport, streamable_http_client::StreamableHttpClientTransportConfig,
    },
};
use serde_json::Value;

use super::Home;

/// A running `nautilus-mcp mcp --http` process.
pub struct HttpServer {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// `http://127.0.0.1:PORT/mcp`.
    pub url: String,
    stderr: Arc<Mutex<String>>,
}

impl HttpServer {
    /// Starts the server on a free loopback port with extra arguments and environment.
    pub fn start(home: &Home, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::try_start(home, "127.0.0.1:0", args, env)
            .unwrap_or_else(|(code, out)| panic!("the server exited ({code:?}):\n{out}"))
    }

    /// Starts the server on `addr`; `Err` with its output if it exits instead.
    pub fn try_start(
        home: &Home,
        addr: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Result<Self, (Option<i32>, String)> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nautilus-mcp"));
        cmd.args(args)
            .args(["mcp", "--http", addr])
            .env("NAUTILUS_MCP_HOME", home.state())
            .env("NAUTILUS_MCP_CONFIG", &home.config)
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn the server");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<String>();
        let pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                {
                    let mut s = sink.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
                if let Some(rest) = line.split("serving MCP at ").nth(1) {
                    let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_string());
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => {
                let base = url.trim_end_matches("/mcp").to_string();
                Ok(Self {
                    child: Some(child),
                    base,
                    url,
                    stderr,
                })
            }
            Err(_) => {
                let status = child.wait().ok().and_then(|s| s.code());
                std::thread::sleep(Duration::from_millis(100));
                Err((status, stderr.lock().unwrap().clone()))
            }
        }
    }

    /// Everything the server wrote on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// Sends SIGTERM and waits for the process; returns its status and stderr.
    pub fn terminate(mut self) -> (ExitStatus, String) {
        let mut child = self.child.take().unwrap();
        // SAFETY: signalling our own child process.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let status = wait_with_timeout(&mut child, Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(100));
        (status, self.stderr())
    }
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            panic!("the server did not stop within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// An MCP client session.
pub type Client = RunningService<RoleClient, ()>;

/// Connects an MCP client, with a bearer token or without.
pub async fn connect(url: &str, token: Option<&str>) -> Result<Client, String> {
    let mut config = StreamableHttpClientTransportConfig::with_uri(url.to_string());
    if let Some(t) = token {
        config = config.auth_header(t.to_string());
    }
    ().serve(StreamableHttpClientTransport::from_config(config))
        .await
        .map_err(|e| e.to_string())
}

/// Calls a tool; panics on a JSON-RPC error or an answer that does not fit the tool's output
/// schemas.
pub async fn call(client: &Client, tool: &str, args: Value) -> CallToolResult {
    super::call_tool(client, tool, args).await
}

/// The document of a successful call.
pub async fn ok(client: &Client, tool: &str, args: Value) -> Value {
    super::call_ok(client, tool, args).await
}

/// The error object of a call that failed as a tool result.
pub async fn err(client: &Client, tool: &str, args: Value) -> Value {
    super::call_err(client, tool, args).await
}
