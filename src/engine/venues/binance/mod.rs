//! Binance Spot (testnet and live): a JSON REST client, WebSocket clients for the user data
//! stream (WebSocket API) and market streams, typed models, HMAC signing, mappings to
//! NautilusTrader reports, and [`venue::BinanceVenue`], which serves the node's requests as a
//! [`RealVenue`](super::RealVenue) (registered by [`adapter::ADAPTER`]).

pub mod adapter;
pub mod clock;
pub mod error;
pub mod klines;
pub mod mapping;
pub mod model;
pub mod rest;
pub mod signing;
pub mod venue;
pub mod ws;

pub use adapter::ADAPTER;
pub use clock::ServerClock;
pub use error::BinanceError;
pub use rest::{BinanceRest, BinanceRestConfig, CancelReplaceMode, NewOrder};
pub use venue::BinanceVenue;
pub use ws::{MarketEvent, MarketStream, StreamClient, StreamEvent, UserDataStream};
