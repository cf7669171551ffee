//! Quote and trade CSV files: each row checked as the bar parser checks bars, with the same
//! column detection and error collection.

use super::*;

/// Reads and validates quote ticks (bid, ask and optional sizes).
pub fn parse_quotes(path: &Path, opts: &CsvOptions) -> OpResult<Parsed<QuoteRow>> {
    check_roles(opts, "quotes", QUOTE_ROLES)?;
    let table = read_table(path)?;
    let mut report = ParseReport {
        header: table.header.is_some(),
        format: "generic".into(),
        ..ParseReport::default()
    };
    let ts_i = require(
        column(&table, opts, "timestamp", TS_NAMES, Some(0), &mut report)?,
        "timestamp",
        &table,
    )?;
    let b_i = require(
        column(&table, opts, "bid", BID_NAMES, Some(1), &mut report)?,
        "bid",
        &table,
    )?;
    let a_i = require(
        column(&table, opts, "ask", ASK_NAMES, Some(2), &mut report)?,
        "ask",
        &table,
    )?;
    let n = table.records[0].1.len();
    let bs_i = column(
        &table,
        opts,
        "bid_size",
        BID_SIZE_NAMES,
        (n > 3).then_some(3),
        &mut report,
    )?;
    let as_i = column(
        &table,
        opts,
        "ask_size",
        ASK_SIZE_NAMES,
        (n > 4).then_some(4),
        &mut report,
    )?;
    let mut col = Collector::new(opts, report);
    let mut rows = Vec::with_capacity(table.records.len());
    let mut lines = Vec::with_capacity(table.records.len());
    for (line, rec) in &table.records {
        col.report.rows_read += 1;
        let parsed = (|| -> Result<QuoteRow, String> {
            let ts = col.timestamp(rec, ts_i)?;
            let bid = decimal(rec, b_i, "bid")?;
            let ask = decimal(rec, a_i, "ask")?;
            if bid <= Decimal::ZERO || ask <= Decimal::ZERO {
                return Err(format!("bid {bid} / ask {ask} must be positive"));
            }
            if ask < bid {
                return Err(format!("ask {ask} is below bid {bid}"));
            }
            let mut size = |idx: Option<usize>, role: &str| -> Result<i64, String> {
                let Some(i) = idx else {
                    return Ok(10i64.pow(u32::from(opts.size_precision)));
                };
                let v = decimal(rec, i, role)?;
                if v < Decimal::ZERO {
                    return Err(format!("{role} {v} is negative"));
                }
                let (m, rounded) = round_mantissa(v, opts.size_precision, role)?;
                if rounded {
                    col.report.sizes_rounded += 1;
                }
                Ok(m)
            };
            Ok(QuoteRow {
                ts,
                bid: to_mantissa(bid, opts.price_precision, "bid")?,
                ask: to_mantissa(ask, opts.price_precision, "ask")?,
                bid_size: size(bs_i, "bid_size")?,
                ask_size: size(as_i, "ask_size")?,
            })
        })();
        match parsed {
            Ok(row) => {
                col.accept(row.ts);
                rows.push(row);
                lines.push(*line);
            }
            Err(problem) => col.reject(*line, problem)?,
        }
    }
    let report = col.finish();
    if rows.is_empty() {
        return Err(OpError::invalid(
            "path",
            format!("{} has no valid rows", path.display()),
        ));
    }
    Ok(Parsed {
        rows,
        lines,
        report,
        step_ns: None,
        spacing_ns: None,
    })
}

/// Reads and validates trade ticks. Equal timestamps are allowed for trades.
pub fn parse_trades(path: &Path, opts: &CsvOptions) -> OpResult<Parsed<TradeRow>> {
    check_roles(opts, "trades", TRADE_ROLES)?;
    let table = read_table(path)?;
    let format = detect_format(&table, opts.format, true);
    let mut report = ParseReport {
        header: table.header.is_some(),
        format: format_name(format),
        ..ParseReport::default()
    };
    let binance = format == CsvFormat::BinanceTrades;
    let (ts_d, p_d, s_d, side_d, id_d) = if binance {
        (4, 1, 2, 5, 0)
    } else {
        (0, 1, 2, 3, 4)
    };
    let ts_i = require(
        column(&table, opts, "timestamp", TS_NAMES, Some(ts_d), &mut report)?,
        "timestamp",
        &table,
    )?;
    let p_i = require(
        column(&table, opts, "price", PRICE_NAMES, Some(p_d), &mut report)?,
        "price",
        &table,
    )?;
    let s_i = require(
        column(&table, opts, "size", SIZE_NAMES, Some(s_d), &mut report)?,
        "size",
        &table,
    )?;
    let n = table.records[0].1.len();
    let side_i = column(
        &table,
        opts,
        "side",
        SIDE_NAMES,
        (n > side_d).then_some(side_d),
        &mut report,
    )?;
    let id_i = column(
        &table,
        opts,
        "trade_id",
        ID_NAMES,
        (n > id_d).then_some(id_d),
        &mut report,
    )?;
    let buyer_maker_col = binance
        || table.header.as_ref().is_some_and(|h| {
            side_i.is_some_and(|i| h.get(i).is_some_and(|c| c == "is_buyer_maker"))
        });
    let mut col = Collector::new(opts, report);
    let mut rows: Vec<TradeRow> = Vec::with_capacity(table.records.len());
    let mut lines = Vec::with_capacity(table.records.len());
    for (line, rec) in &table.records {
        col.report.rows_read += 1;
        let parsed = (|| -> Result<TradeRow, String> {
            let (ts, form) = parse_timestamp(field(rec, ts_i, "timestamp")?)?;
            col.form.get_or_insert(form);
            if let Some(prev) = col.last_ts
                && ts < prev
            {
                return Err(format!(
                    "timestamp {} is before the previous row's {}",
                    crate::data::time::format_ns(ts),
                    crate::data::time::format_ns(prev)
                ));
            }
            let price = decimal(rec, p_i, "price")?;
            if price <= Decimal::ZERO {
                return Err(format!("price {price} is not positive"));
            }
            let size = decimal(rec, s_i, "size")?;
            if size <= Decimal::ZERO {
                return Err(format!("size {size} is not positive"));
            }
            let aggressor = match side_i.and_then(|i| rec.get(i)).map(str::to_ascii_lowercase) {
                Some(s) if buyer_maker_col => match s.as_str() {
                    "true" | "1" => 2,
                    "false" | "0" => 1,
                    _ => return Err(format!("is_buyer_maker '{s}' is not true/false")),
                },
                Some(s) => match s.as_str() {
                    "buy" | "b" | "buyer" | "1" => 1,
                    "sell" | "s" | "seller" | "2" | "-1" => 2,
                    "" | "none" | "0" => 0,
                    _ => return Err(format!("side '{s}' is not BUY/SELL")),
                },
                None => 0,
            };
            let (size_m, rounded) = round_mantissa(size, opts.size_precision, "size")?;
            if rounded {
                col.report.sizes_rounded += 1;
            }
            if size_m == 0 {
                return Err(format!(
                    "size {size} rounds to 0 at the instrument's size precision {}",
                    opts.size_precision
                ));
            }
            let trade_id = id_i
                .and_then(|i| rec.get(i))
                .filter(|s| !s.is_empty())
                .map_or_else(|| format!("{line}"), str::to_string);
            Ok(TradeRow {
                ts,
                price: to_mantissa(price, opts.price_precision, "price")?,
                size: size_m,
                aggressor,
                trade_id,
            })
        })();
        match parsed {
            Ok(row) => {
                col.accept(row.ts);
                rows.push(row);
                lines.push(*line);
            }
            Err(problem) => col.reject(*line, problem)?,
        }
    }
    let report = col.finish();
    if rows.is_empty() {
        return Err(OpError::invalid(
            "path",
            format!("{} has no valid rows", path.display()),
        ));
    }
    Ok(Parsed {
        rows,
        lines,
        report,
        step_ns: None,
        spacing_ns: None,
    })
}
