//! Binance Spot (testnet and live) against a loopback stand-in exchange started by the tests:
//! it answers with the real response bodies in `tests/fixtures/binance/` (copied from the
//! shared data), verifies every signature and timestamp, keeps its own book, orders and
//! balances, and injects faults. No network is needed.

mod client;
#[path = "../common/mod.rs"]
mod common;
mod connect;
mod ed25519;
mod faults;
mod market;
mod orders;
mod scenario;
mod secrets;
mod standin;
mod strategy;
mod stream;
mod subscriptions;
mod support;
