//! What can be read by name: venues with instruments, catalog bar series, instruments with a
//! paper market, backtest runs and orders. The MCP face lists its resources from this.

use std::collections::BTreeSet;

use super::{context::Context, market::common::venues_of};
use crate::{
    error::{OpError, OpResult},
    store::{backtests, catalog, instruments, node as db},
};

/// Backtest runs and orders listed at most.
const LISTED: u32 = 50;

/// The readable things of a state directory.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Venues with instrument definitions.
    pub venues: Vec<String>,
    /// Bar series: (instrument id, bar spec).
    pub bars: Vec<(String, String)>,
    /// Instruments the paper market has data for.
    pub markets: Vec<String>,
    /// Backtest runs, newest first: (run id, strategy).
    pub backtests: Vec<(String, String)>,
    /// Open orders, then the newest others: (client order id, instrument, status).
    pub orders: Vec<(String, String, String)>,
    /// Strategies: (name, `builtin` or `stored`).
    pub strategies: Vec<(String, String)>,
}

/// Reads the index (bounded: the newest runs and orders only).
pub fn index(ctx: &Context) -> OpResult<Index> {
    let conn = ctx.store.conn();
    let venues = venues_of(&instruments::all(&conn)?);
    let bars = catalog::list(&conn)?
        .into_iter()
        .filter(|m| m.kind == "bars")
        .map(|m| (m.instrument_id, m.spec))
        .collect();
    let markets = db::market(&conn, None)?
        .into_iter()
        .map(|m| m.instrument_id)
        .collect();
    let backtests = backtests::list_runs(&conn, LISTED, None)?
        .iter()
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(s).ok())
        .filter_map(|v| {
            Some((
                v.get("run_id")?.as_str()?.to_string(),
                v.get("strategy_id")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            ))
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut orders = Vec::new();
    for open in [Some(true), None] {
        let rows = db::list_orders(
            &conn,
            &db::OrderFilter {
                open,
                limit: LISTED,
                ..db::OrderFilter::default()
            },
        )?;
        for r in rows {
            if seen.insert(r.client_order_id.clone()) {
                orders.push((r.client_order_id, r.instrument_id, r.status));
            }
        }
    }
    orders.truncate(2 * LISTED as usize);
    let strategies = crate::engine::strategies::BUILTINS
        .iter()
        .map(|b| (b.id.to_string(), "builtin".to_string()))
        .chain(
            crate::store::definitions::list(&conn)?
                .into_iter()
                .map(|d| (d.name, "stored".to_string())),
        )
        .collect();
    Ok(Index {
        venues,
        bars,
        markets,
        backtests,
        orders,
        strategies,
    })
}

/// [`index`] on a blocking thread.
pub async fn load(ctx: std::sync::Arc<Context>) -> OpResult<Index> {
    tokio::task::spawn_blocking(move || index(&ctx))
        .await
        .map_err(OpError::internal)?
}
