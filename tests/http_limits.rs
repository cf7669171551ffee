//! The HTTP server's limits (issue 16, #7): a header-read timeout, an idle timeout, a cap on
//! connections (the next is answered 503), on sessions and on subscriptions per session, and
//! defaults that hold 100 idle sessions and refuse the 1,001st connection.

mod common;

use std::time::Duration;

use common::{
    Home,
    http::{HttpServer, connect},
    project_data,
};
use rmcp::model::SubscribeRequestParams;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// Longest the test waits for anything the server should do at once or after its own timeout.
const WAIT: Duration = Duration::from_secs(30);

/// The `HOST:PORT` a server listens on.
fn addr(server: &HttpServer) -> String {
    server.base.trim_start_matches("http://").to_string()
}

/// A request for `/healthz` that keeps the connection open.
const HEALTH: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

/// Reads one HTTP answer (head and a Content-Length body) from `stream`.
async fn answer(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(WAIT, stream.read(&mut buf))
            .await
            .expect("an answer in time")
            .expect("a readable connection");
        assert!(n > 0, "the connection closed before an answer: {got:?}");
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= len {
                return text;
            }
        }
    }
}

/// Waits until the server closes `stream` (or resets it); fails after [`WAIT`].
async fn closed_by_server(stream: &mut TcpStream) {
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(WAIT, stream.read(&mut buf)).await {
            Err(_) => panic!("the server kept the connection open for {WAIT:?}"),
            Ok(Ok(0) | Err(_)) => return,
            // hyper may say why (408) before it closes.
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_heads_and_idle_connections_are_closed() {
    let home = Home::with_config("[server]\nheader_timeout_secs = 1\nidle_timeout_secs = 2\n");
    let server = HttpServer::start(&home, &[], &[]);
    // A head that never ends.
    let mut slow = TcpStream::connect(addr(&server)).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .unwrap();
    closed_by_server(&mut slow).await;
    // A kept-alive connection on which nothing more comes.
    let mut idle = TcpStream::connect(addr(&server)).await.unwrap();
    idle.write_all(HEALTH).await.unwrap();
    assert!(answer(&mut idle).await.starts_with("HTTP/1.1 200"));
    closed_by_server(&mut idle).await;
    // The server still serves.
    let mut fresh = TcpStream::connect(addr(&server)).await.unwrap();
    fresh.write_all(HEALTH).await.unwrap();
    assert!(answer(&mut fresh).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_past_the_cap_is_answered_503() {
    let home = Home::with_config("[server]\nmax_connections = 4\n");
    let server = HttpServer::start(&home, &[], &[]);
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut s = TcpStream::connect(addr(&server)).await.unwrap();
        s.write_all(HEALTH).await.unwrap();
        assert!(answer(&mut s).await.starts_with("HTTP/1.1 200"));
        held.push(s);
    }
    let mut fifth = TcpStream::connect(addr(&server)).await.unwrap();
    fifth.write_all(HEALTH).await.unwrap();
    let refused = answer(&mut fifth).await;
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    assert!(refused.contains("server.max_connections"), "{refused}");
    // A connection that closes makes room.
    drop(held.pop());
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let mut s = TcpStream::connect(addr(&server)).await.unwrap();
        s.write_all(HEALTH).await.unwrap();
        if answer(&mut s).await.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no room was made");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_and_their_subscriptions_are_capped() {
    #![allow(deprecated)] // resources/subscribe is legacy-only in rmcp 3.11
    let home = Home::with_config("[server]\nmax_sessions = 2\nmax_subscriptions = 2\n");
    let data = project_data().join("synthetic-btcusdt-1m-2024-01.csv");
    home.json(&[
        "data",
        "import",
        data.to_str().unwrap(),
        "--instrument",
        "BTCUSDT.BINANCE",
    ]);
    home.json(&["node", "init", "--venue", "BINANCE"]);
    home.json(&["venue", "connect", "BINANCE"]);
    let server = HttpServer::start(&home, &[], &[]);
    let first = connect(&server.url, None).await.unwrap();
    let second = connect(&server.url, None).await.unwrap();
    let third = connect(&server.url, None).await;
    let e = third.expect_err("a third session is refused");
    assert!(e.contains("503"), "{e}");

    // Each query is a watch of its own, re-read on every change: two a session.
    for window in ["1h", "2h"] {
        first
            .subscribe(SubscribeRequestParams::new(format!(
                "nautilus://ticker/BTCUSDT.BINANCE?window={window}"
            )))
            .await
            .unwrap();
    }
    let e = first
        .subscribe(SubscribeRequestParams::new(
            "nautilus://ticker/BTCUSDT.BINANCE?window=3h",
        ))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("max_subscriptions"), "{e}");
    // Another session has its own.
    second
        .subscribe(SubscribeRequestParams::new(
            "nautilus://ticker/BTCUSDT.BINANCE?window=3h",
        ))
        .await
        .unwrap();

    // A session that ends makes room for a new one.
    first.cancel().await.unwrap();
    let deadline = tokio::time::Instant::now() + WAIT;
    let fourth = loop {
        match connect(&server.url, None).await {
            Ok(c) => break c,
            Err(e) => {
                assert!(tokio::time::Instant::now() < deadline, "no room: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    fourth.list_all_tools().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_defaults_hold_100_idle_sessions_and_refuse_the_1001st_connection() {
    let home = Home::new();
    let server = HttpServer::start(&home, &[], &[]);
    let mut sessions = Vec::new();
    for _ in 0..100 {
        sessions.push(connect(&server.url, None).await.unwrap());
    }
    // Idle, then all of them still work.
    for s in &sessions {
        assert!(!s.list_all_tools().await.unwrap().is_empty());
    }
    for s in sessions {
        s.cancel().await.unwrap();
    }
    drop(server);

    let server = HttpServer::start(&home, &[], &[]);
    let mut held = Vec::new();
    for _ in 0..1000 {
        let mut s = TcpStream::connect(addr(&server)).await.unwrap();
        s.write_all(HEALTH).await.unwrap();
        let ok = answer(&mut s).await;
        assert!(
            ok.starts_with("HTTP/1.1 200"),
            "connection {}: {ok}",
            held.len() + 1
        );
        held.push(s);
    }
    let mut next = TcpStream::connect(addr(&server)).await.unwrap();
    next.write_all(HEALTH).await.unwrap();
    let refused = answer(&mut next).await;
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
}
