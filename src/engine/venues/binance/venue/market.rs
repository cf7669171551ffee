//! The user data stream and market data (book, ticker, trades, bars) of Binance.

use nautilus_model::{
    data::{Bar, BarSpecification, BarType, TradeTick},
    enums::{AggregationSource, AggressorSide},
    identifiers::{InstrumentId, TradeId},
};
use serde_json::json;

use super::{BinanceVenue, price, qty, symbol_of};
use crate::{
    engine::venues::{
        BookLevel, BookSnapshot, TickerSnapshot, VenueBars, VenueUpdate,
        binance::{
            klines::{kline_interval, read_klines},
            mapping::{FillFields, OrderFields, SymbolMeta, account_state_from_position},
            model::UserEvent,
            ws::{StreamEvent, UserDataStream, UserStreamConfig},
        },
    },
    error::{Code, OpError, OpResult},
};

impl BinanceVenue {
    /// Starts the user data stream (WebSocket API); events arrive on the receiver.
    #[must_use]
    pub fn user_data_stream(&self) -> (UserDataStream, tokio::sync::mpsc::Receiver<StreamEvent>) {
        let mut cfg = UserStreamConfig::new(
            self.endpoints.ws_api.clone(),
            self.keys.api_key.clone(),
            self.keys.secret.clone(),
            self.rest.clock(),
        );
        cfg.recv_window_ms = self.recv_window_ms;
        UserDataStream::start(cfg)
    }

    /// The updates a user data event means.
    #[must_use]
    pub fn updates_of(&self, event: &UserEvent) -> Vec<VenueUpdate> {
        let now = self.now_nanos();
        match event {
            UserEvent::ExecutionReport(r) => {
                let Some(meta) = self.meta(&r.symbol) else {
                    return Vec::new();
                };
                let report = match OrderFields::of_execution(r).report(&meta, self.account_id, now)
                {
                    Ok(r) => r,
                    Err(e) => {
                        tracing::warn!(error = %e, "binance: unreadable execution report");
                        return Vec::new();
                    }
                };
                let fills = FillFields::of_execution(r)
                    .and_then(|f| f.report(&meta, self.account_id, now).ok())
                    .into_iter()
                    .collect();
                vec![VenueUpdate::Order { report, fills }]
            }
            UserEvent::AccountPosition(p) => {
                match account_state_from_position(p, self.account_id, now) {
                    Ok(state) => vec![VenueUpdate::Account {
                        state,
                        complete: false,
                    }],
                    Err(e) => {
                        tracing::warn!(error = %e, "binance: unreadable account position");
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn require_meta(&self, id: &InstrumentId) -> OpResult<SymbolMeta> {
        self.meta(&symbol_of(id)).ok_or_else(|| {
            OpError::not_found("instrument", id)
                .with_details(json!({ "hint": "connect the venue to load its instruments" }))
        })
    }

    /// The order book (`depth` levels a side; Binance allows 5 to 5000).
    pub async fn book(&self, instrument_id: InstrumentId, depth: u32) -> OpResult<BookSnapshot> {
        let meta = self.require_meta(&instrument_id)?;
        let d = self
            .rest
            .depth(&symbol_of(&instrument_id), Some(depth.clamp(1, 5000)))
            .await
            .map_err(|e| self.error(&e, "reading the order book at Binance"))?;
        let level = |l: &crate::engine::venues::binance::model::Level| -> OpResult<BookLevel> {
            Ok(BookLevel {
                price: price(&meta, l.price())?,
                size: qty(&meta, l.qty())?,
            })
        };
        Ok(BookSnapshot {
            instrument_id,
            bids: d
                .bids
                .iter()
                .take(depth as usize)
                .map(level)
                .collect::<OpResult<_>>()?,
            asks: d
                .asks
                .iter()
                .take(depth as usize)
                .map(level)
                .collect::<OpResult<_>>()?,
            update_id: d.last_update_id,
            ts: self.now_nanos().as_u64(),
        })
    }

    /// The 24-hour ticker with the best bid and ask.
    pub async fn ticker(&self, instrument_id: InstrumentId) -> OpResult<TickerSnapshot> {
        let meta = self.require_meta(&instrument_id)?;
        let t = self
            .rest
            .ticker_24hr(&symbol_of(&instrument_id))
            .await
            .map_err(|e| self.error(&e, "reading the ticker at Binance"))?;
        Ok(TickerSnapshot {
            instrument_id,
            bid: price(&meta, t.bid_price)?,
            bid_size: qty(&meta, t.bid_qty)?,
            ask: price(&meta, t.ask_price)?,
            ask_size: qty(&meta, t.ask_qty)?,
            last: price(&meta, t.last_price)?,
            open: price(&meta, t.open_price)?,
            high: price(&meta, t.high_price)?,
            low: price(&meta, t.low_price)?,
            volume: qty(&meta, t.volume)?,
            quote_volume: t.quote_volume,
            change_percent: t.price_change_percent,
            trades: t.count,
            open_time: crate::engine::venues::binance::mapping::ms_to_nanos(t.open_time).as_u64(),
            close_time: crate::engine::venues::binance::mapping::ms_to_nanos(t.close_time).as_u64(),
        })
    }

    /// The most recent public trades, oldest first.
    pub async fn trades(
        &self,
        instrument_id: InstrumentId,
        limit: u32,
    ) -> OpResult<Vec<TradeTick>> {
        let meta = self.require_meta(&instrument_id)?;
        let rows = self
            .rest
            .trades(&symbol_of(&instrument_id), Some(limit.clamp(1, 1000)))
            .await
            .map_err(|e| self.error(&e, "reading trades at Binance"))?;
        rows.iter()
            .map(|t| {
                let ts = crate::engine::venues::binance::mapping::ms_to_nanos(t.time);
                Ok(TradeTick::new(
                    instrument_id,
                    price(&meta, t.price)?,
                    qty(&meta, t.qty)?,
                    if t.is_buyer_maker {
                        AggressorSide::Seller
                    } else {
                        AggressorSide::Buyer
                    },
                    TradeId::new_checked(t.id.to_string()).map_err(OpError::internal)?,
                    ts,
                    ts,
                ))
            })
            .collect()
    }

    /// Closed bars of an instrument from its klines (see [`read_klines`] for the range rules),
    /// with prices and volumes at the instrument's precision.
    pub async fn bars(
        &self,
        instrument_id: InstrumentId,
        spec: BarSpecification,
        start_ms: Option<i64>,
        end_ms: Option<i64>,
        limit: usize,
    ) -> OpResult<VenueBars> {
        let meta = self.require_meta(&instrument_id)?;
        let interval = kline_interval(&spec)?;
        let bar_type = BarType::new(instrument_id, spec, AggregationSource::External);
        let symbol = symbol_of(&instrument_id);
        let now = self.rest.clock().now_ms();
        let pages = read_klines(start_ms, end_ms, limit, now, |start, end, n| {
            let limit = u32::try_from(n).unwrap_or(1);
            self.rest.klines(&symbol, interval, start, end, Some(limit))
        })
        .await
        .map_err(|e| self.error(&e, "reading bars (klines) at Binance"))?;
        let bars = pages
            .klines
            .iter()
            .map(|k| {
                // A bar is stamped with its close: the next kline's open.
                let ts = crate::engine::venues::binance::mapping::ms_to_nanos(k.close_time + 1);
                Bar::new_checked(
                    bar_type,
                    price(&meta, k.open)?,
                    price(&meta, k.high)?,
                    price(&meta, k.low)?,
                    price(&meta, k.close)?,
                    qty(&meta, k.volume)?,
                    ts,
                    ts,
                )
                .map_err(|e| {
                    OpError::new(
                        Code::VenueUnavailable,
                        format!(
                            "Binance sent an inconsistent kline opening at {} ms: {e}",
                            k.open_time
                        ),
                    )
                })
            })
            .collect::<OpResult<Vec<Bar>>>()?;
        Ok(VenueBars {
            bar_type,
            interval: interval.to_string(),
            price_precision: meta.price_precision,
            size_precision: meta.size_precision,
            bars,
            truncated: pages.truncated,
            requests: pages.requests,
            open_left_out: pages.open_left_out,
        })
    }
}
