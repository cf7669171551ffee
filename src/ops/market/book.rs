//! `market book` / `get_order_book`: the paper venue's Nautilus order book.

use std::{str::FromStr, sync::Arc};

use nautilus_core::UnixNanos;
use nautilus_model::{
    data::{Bar, BarType, BookOrder, QuoteTick, TradeTick},
    enums::{AggressorSide, BookType, OrderSide},
    identifiers::{InstrumentId, TradeId},
    orderbook::OrderBook,
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{
    PaperView, Source, bounded, dec_text, is_bar_trade, paper_view, route, series_of,
};
use crate::{
    data::{
        codec::{BarRow, QuoteRow},
        nautilus,
        pairing::quote_of_bars,
        time::format_ns,
    },
    engine::venues::runtime::ConnectedVenue,
    error::{OpError, OpResult},
    ops::{
        call::Call,
        context::Context,
        registry::{Group, OpClass, OpInfo, Operation},
    },
    store::{Db, catalog},
};

/// Most levels a book request may ask for.
pub const MAX_DEPTH: i64 = 100;

fn default_depth() -> i64 {
    10
}

/// Get the order book of an instrument: bids and asks with sizes, best bid and ask, spread,
/// mid and imbalance. It is the paper venue's Nautilus order book, as its matching engine
/// holds it: L1 (top of book) from the last quote, or from the last trade or bar close when
/// that is newer; on a venue connected with book_type L2_MBP, the price levels of the last
/// depth snapshot pushed (push_market_data bids and asks). Without paper market data for the instrument, the book is built the same way
/// from the catalog's last quote or bar at the market clock (or the end of the data). For a
/// venue connected in testnet or live mode it is the venue's own book: an L2 depth snapshot.
#[derive(Debug, Clone, clap::Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderBookRequest {
    /// Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE.
    #[arg(long = "instrument", visible_alias = "instrument-id")]
    pub instrument_id: String,
    /// Levels per side, 1 to 100 (default 10).
    #[arg(long, default_value_t = 10, allow_negative_numbers = true)]
    #[serde(default = "default_depth")]
    pub depth: i64,
}

/// One price level.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct LevelView {
    pub price: String,
    pub size: String,
}

/// An order book.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderBookView {
    pub instrument_id: String,
    /// paper (the paper venue's market), catalog (history, when the paper market has no data
    /// for the instrument) or live (the venue's own book, testnet or live mode).
    pub source: Source,
    /// Time of the data the book stands on.
    pub as_of: String,
    /// L1_MBP (one level per side, as an L1 paper venue's matching engine simulates it) or
    /// L2_MBP (price levels: an L2 paper venue's depth snapshot, or a real venue's book).
    pub book_type: String,
    /// What the book comes from: quote, trade, or bar (a bar's close, sized by its volume,
    /// which is how the matching engine sees a bar-driven market), depth (an L2 paper venue's
    /// snapshot), or venue.
    pub basis: String,
    /// Levels per side requested.
    pub depth: i64,
    /// Best first.
    pub bids: Vec<LevelView>,
    /// Best first.
    pub asks: Vec<LevelView>,
    pub best_bid: Option<String>,
    pub best_ask: Option<String>,
    /// Best ask minus best bid.
    pub spread: Option<String>,
    /// Spread in basis points of the mid (2 decimals).
    pub spread_bps: Option<String>,
    pub mid: Option<String>,
    /// Size on the bid side of the levels shown.
    pub bid_size: String,
    /// Size on the ask side of the levels shown.
    pub ask_size: String,
    /// (bid size - ask size) / (bid size + ask size) over the levels shown: from -1 (only
    /// asks) to 1 (only bids), 6 decimals.
    pub imbalance: Option<String>,
    /// The paper market's clock.
    pub market_time: Option<String>,
    pub notes: Vec<String>,
}

/// `market book` / `get_order_book`.
pub struct GetOrderBook;

impl Operation for GetOrderBook {
    const INFO: OpInfo = OpInfo {
        group: Group::Market,
        cli_name: "book",
        tool_name: "get_order_book",
        class: OpClass::Read,
        idempotent: true,
        destructive: false,
    };
    type Request = OrderBookRequest;
    type Response = OrderBookView;

    async fn run(ctx: Arc<Context>, req: OrderBookRequest, _call: Call) -> OpResult<OrderBookView> {
        let depth = bounded("depth", req.depth, 1, MAX_DEPTH)?;
        route(
            ctx,
            req.instrument_id,
            true,
            move |_, conn, id| paper_book(conn, id, depth),
            move |lv, id| venue_book(lv, id, depth),
        )
        .await
    }
}

/// The book of a venue connected in testnet or live mode: its depth snapshot, as a Nautilus
/// L2 book.
async fn venue_book(
    lv: Arc<ConnectedVenue>,
    id: InstrumentId,
    depth: i64,
) -> OpResult<OrderBookView> {
    let snap = lv
        .client
        .book(id, u32::try_from(depth).unwrap_or(1))
        .await?;
    let ts = UnixNanos::from(snap.ts);
    let sequence = u64::try_from(snap.update_id).unwrap_or_default();
    let mut book = OrderBook::new(id, BookType::L2_MBP);
    for (side, levels) in [(OrderSide::Buy, &snap.bids), (OrderSide::Sell, &snap.asks)] {
        for l in levels {
            book.add(BookOrder::new(side, l.price, l.size, 0), 0, sequence, ts);
        }
    }
    Ok(view(
        &book,
        depth,
        Source::Live,
        "venue",
        None,
        vec![format!(
            "{}'s order book ({} mode), depth snapshot {}",
            id.venue,
            lv.client.mode().as_str(),
            snap.update_id
        )],
    ))
}

fn paper_book(conn: &Db, id: InstrumentId, depth: i64) -> OpResult<OrderBookView> {
    let paper = paper_view(conn, id)?;
    if paper.l2 {
        return l2_book(&paper, id, depth);
    }
    let mut notes = Vec::new();
    let (source, quote, trade) = match &paper.market {
        Some(m) => (Source::Paper, m.quote, m.trade),
        None => {
            let (q, t, at) = catalog_top(conn, id, paper.clock)?;
            let Some(at) = at else {
                return Err(OpError::state(format!(
                    "no market data for {id}: the paper market has none (push a quote with \
                     `market push --instrument {id} --bid B --ask A` (push_market_data) or move \
                     the market with `node advance` (advance_market)) and the catalog has no \
                     quotes or bars of {id}{}",
                    paper
                        .clock_text()
                        .map(|c| format!(" at or before the market clock {c}"))
                        .unwrap_or_default()
                ))
                .with_details(serde_json::json!({"field": "instrument_id"})));
            };
            notes.push(match paper.clock {
                Some(_) => format!(
                    "the paper market has no data for {id}; the book is the catalog's at the market clock"
                ),
                None => format!(
                    "the paper market has no data for {id} and no clock; the book is the catalog's at the end of its data ({})",
                    format_ns(at)
                ),
            });
            (Source::Catalog, q, t)
        }
    };
    let book = build_book(id, quote.as_ref(), trade.as_ref())?;
    let basis = match (&quote, &trade) {
        (q, Some(t)) if q.is_none_or(|q| t.ts_event >= q.ts_event) => {
            if is_bar_trade(t) {
                notes.push(if t.size.is_positive() {
                    format!(
                        "bar-driven market: one level on each side at the last bar's close {} sized by its volume; push quotes for a real spread",
                        t.price
                    )
                } else {
                    format!(
                        "bar-driven market: the last bar (close {}) has no volume, so the book has no levels; push quotes for a real book",
                        t.price
                    )
                });
                "bar"
            } else {
                if q.is_some() {
                    notes.push(format!(
                        "the last trade ({}) is newer than the last quote, so the L1 book stands at the trade price on both sides, as in the matching engine",
                        format_ns(t.ts_event.as_u64() as i64)
                    ));
                }
                "trade"
            }
        }
        (Some(q), _) => {
            if !q.bid_size.is_positive() && !q.ask_size.is_positive() {
                notes.push(format!(
                    "the last quote (bid {}, ask {}) has no sizes, so the L1 book has no levels (the ticker shows its prices); once the paper market advances, it sizes bars without volume at four size steps",
                    q.bid_price, q.ask_price
                ));
            }
            "quote"
        }
        _ => "quote",
    };
    if depth > 1 {
        notes.push(
            "L1 book: the paper venue simulates the top of book only, so each side has at most one level"
                .into(),
        );
    }
    Ok(view(&book, depth, source, basis, paper.clock_text(), notes))
}

/// The book of an L2_MBP paper venue: its last depth snapshot, as the matching engine holds it.
fn l2_book(paper: &PaperView, id: InstrumentId, depth: i64) -> OpResult<OrderBookView> {
    let market = paper.market.as_ref();
    let Some(d) = market.and_then(|m| m.depth.as_ref()) else {
        return Err(OpError::state(format!(
            "no depth for {id}: {v} is an L2_MBP paper venue, whose book is the last depth \
             snapshot pushed; push one with `market push --instrument {id} --bids PRICE:SIZE,... \
             --asks PRICE:SIZE,...` (push_market_data bids and asks)",
            v = id.venue
        ))
        .with_details(serde_json::json!({"field": "instrument_id"})));
    };
    let book = d.book(id)?;
    let mut notes = vec![format!(
        "L2 book: the depth snapshot of {} ({} bid and {} ask levels), as the matching engine \
         holds it; quotes, trades and bars on an L2 venue do not change it",
        format_ns(d.ts),
        d.bids.len(),
        d.asks.len()
    )];
    let newer = market
        .into_iter()
        .flat_map(|m| {
            [
                m.quote.map(|q| ("quote", q.ts_event)),
                m.trade.map(|t| ("trade", t.ts_event)),
            ]
        })
        .flatten()
        .filter(|(_, ts)| ts.as_u64() as i64 > d.ts);
    for (what, ts) in newer {
        notes.push(format!(
            "the last {what} ({}) is newer: it moved the ticker, not the book",
            format_ns(ts.as_u64() as i64)
        ));
    }
    Ok(view(
        &book,
        depth,
        Source::Paper,
        "depth",
        paper.clock_text(),
        notes,
    ))
}

/// The answer for a Nautilus book: its best `depth` levels a side and what follows from them.
fn view(
    book: &OrderBook,
    depth: i64,
    source: Source,
    basis: &str,
    market_time: Option<String>,
    notes: Vec<String>,
) -> OrderBookView {
    let levels = usize::try_from(depth).unwrap_or(1);
    let side = |it: &mut dyn Iterator<Item = &nautilus_model::orderbook::BookLevel>| {
        it.map(|l| (l.price.value, l.size_decimal()))
            .collect::<Vec<_>>()
    };
    let bids = side(&mut book.bids(Some(levels)));
    let asks = side(&mut book.asks(Some(levels)));
    let bid_size: Decimal = bids.iter().map(|(_, s)| *s).sum();
    let ask_size: Decimal = asks.iter().map(|(_, s)| *s).sum();
    let best_bid = bids.first().map(|(p, _)| p.as_decimal());
    let best_ask = asks.first().map(|(p, _)| p.as_decimal());
    let (spread, mid, spread_bps) = match (best_bid, best_ask) {
        (Some(b), Some(a)) => {
            let mid = (b + a) / Decimal::TWO;
            let bps =
                (mid > Decimal::ZERO).then(|| ((a - b) / mid * Decimal::from(10_000)).round_dp(2));
            (Some(a - b), Some(mid), bps)
        }
        _ => (None, None, None),
    };
    let total = bid_size + ask_size;
    let imbalance = (total > Decimal::ZERO).then(|| ((bid_size - ask_size) / total).round_dp(6));
    let level_view = |(p, s): &(nautilus_model::types::Price, Decimal)| LevelView {
        price: p.to_string(),
        size: s.to_string(),
    };
    OrderBookView {
        instrument_id: book.instrument_id.to_string(),
        source,
        as_of: format_ns(book.ts_last.as_u64() as i64),
        book_type: book.book_type.to_string(),
        basis: basis.into(),
        depth,
        bids: bids.iter().map(level_view).collect(),
        asks: asks.iter().map(level_view).collect(),
        best_bid: best_bid.map(|d| d.to_string()),
        best_ask: best_ask.map(|d| d.to_string()),
        spread: spread.map(|d| d.to_string()),
        spread_bps: spread_bps.map(dec_text),
        mid: mid.map(dec_text),
        bid_size: bid_size.to_string(),
        ask_size: ask_size.to_string(),
        imbalance: imbalance.map(dec_text),
        market_time,
        notes,
    }
}

/// The L1 book the matching engine would hold after the last quote and, when it is not older,
/// the last trade (the order in which `Session::build_engine` seeds a new engine).
pub fn build_book(
    id: InstrumentId,
    quote: Option<&QuoteTick>,
    trade: Option<&TradeTick>,
) -> OpResult<OrderBook> {
    let mut book = OrderBook::new(id, BookType::L1_MBP);
    if let Some(q) = quote {
        book.update_quote_tick(q).map_err(OpError::internal)?;
    }
    if let Some(t) = trade
        && quote.is_none_or(|q| t.ts_event >= q.ts_event)
    {
        if t.size.is_positive() {
            book.update_trade_tick(t).map_err(OpError::internal)?;
        } else {
            // A trade without size (a bar without volume) leaves no level: what an L1 ladder
            // does with a zero-size order.
            book.clear(book.sequence.saturating_add(1), t.ts_event);
        }
    }
    Ok(book)
}

/// The catalog's last quote and last bar at or before `at` (default: the end of the data),
/// and the time they stand at, as the paper market records them: a LAST bar as its close
/// trade, a BID bar with its ASK partner of the same time as the quote of their closes.
pub fn catalog_top(
    conn: &Db,
    id: InstrumentId,
    at: Option<i64>,
) -> OpResult<(Option<QuoteTick>, Option<TradeTick>, Option<i64>)> {
    let end = at.unwrap_or(i64::MAX);
    let mut quote = match series_of(conn, id, "quotes")?.first() {
        Some(meta) => catalog::read_last::<QuoteRow>(conn, meta, i64::MIN, end, 1)?
            .first()
            .map(|r| nautilus::quote(id, r, meta.price_precision, meta.size_precision)),
        None => None,
    };
    let mut trade = None;
    if let Ok(b) = catalog::bars_for(conn, id, None) {
        let last_bar = |meta: &catalog::SeriesMeta| -> OpResult<Option<Bar>> {
            let bar_type = BarType::from_str(&meta.key).map_err(OpError::internal)?;
            Ok(catalog::read_last::<BarRow>(conn, meta, i64::MIN, end, 1)?
                .first()
                .map(|r| nautilus::bar(bar_type, r, meta.price_precision, meta.size_precision)))
        };
        let signal = last_bar(&b.signal)?;
        let partner = match b.extra.first() {
            Some(meta) => last_bar(meta)?,
            None => None,
        };
        match (signal, partner) {
            (Some(s), Some(p)) => {
                let paired = quote_of_bars(&s, &p);
                if paired.is_some_and(|q| quote.is_none_or(|c| q.ts_event >= c.ts_event)) {
                    quote = paired;
                }
            }
            // As the paper market records a bar; built field by field because a bar may have
            // no volume, which `TradeTick::new` refuses.
            (Some(s), None) => {
                trade = Some(TradeTick {
                    instrument_id: id,
                    price: s.close,
                    size: s.volume,
                    aggressor_side: AggressorSide::NoAggressor,
                    trade_id: TradeId::new(format!("BAR-{}", s.ts_event.as_u64())),
                    ts_event: s.ts_event,
                    ts_init: s.ts_init,
                });
            }
            _ => {}
        }
    }
    let at = [
        quote.as_ref().map(|q| q.ts_event.as_u64() as i64),
        trade.as_ref().map(|t| t.ts_event.as_u64() as i64),
    ]
    .into_iter()
    .flatten()
    .max();
    Ok((quote, trade, at))
}
