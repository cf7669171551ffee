//! The example strategies shipped in `strategies/`, each backtested on the shared BTC
//! perpetual minutes and checked against what it says it does, computed independently from the
//! raw file and the orders and round trips the run reports: time windows, sizing, exit levels,
//! limit prices, and the hourly trend filter (no look-ahead).

mod common;

use std::{collections::BTreeMap, str::FromStr};

use chrono::{DateTime, Datelike, Timelike, Utc};
use common::{Home, shared_data};
use rust_decimal::Decimal;
use serde_json::Value;

const PERP: &str = "BTCUSDT-PERP.BINANCE";
const MINUTE: i64 = 60_000_000_000;

/// One minute of the shared file, stamped with its close (the row's open time plus a minute).
struct Minute {
    close_ns: i64,
    close: Decimal,
}

fn minutes(dir: &std::path::Path) -> Vec<Minute> {
    let mut rdr = csv::Reader::from_path(dir.join("btc-perp-20211231-20220201_1m.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let open = chrono::NaiveDateTime::parse_from_str(&r[0], "%Y-%m-%d %H:%M:%S%.f")
                .unwrap()
                .and_utc();
            Minute {
                close_ns: open.timestamp_nanos_opt().unwrap() + MINUTE,
                close: Decimal::from_str(&r[4]).unwrap(),
            }
        })
        .collect()
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal: {v}"))).unwrap()
}

fn time(ns: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(ns)
}

fn ns_of(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp_nanos_opt()
        .unwrap()
}

/// An example run on the shared perpetual: its summary, round trips and orders (from
/// `strategy validate` over every bar, which must agree with the stored run).
struct Run {
    trips: Vec<Value>,
    orders: Vec<Value>,
}

fn run(home: &Home, name: &str) -> Run {
    let summary = home.json(&["backtest", "run", "--strategy", name, "--instrument", PERP]);
    let id = summary["run_id"].as_str().unwrap();
    let trips = home.json(&["backtest", "trades", id, "--limit", "100000"])["trades"]
        .as_array()
        .unwrap()
        .clone();
    let definition = home.json(&["strategy", "show", name])["definition"].to_string();
    let v = home.json(&[
        "strategy",
        "validate",
        "--definition",
        &definition,
        "--instrument",
        PERP,
        "--bars",
        "100000",
        "--max-orders",
        "10000",
    ]);
    let sample = &v["sample"];
    for key in ["orders", "fills", "round_trips", "bars"] {
        assert_eq!(
            sample[key], summary[key],
            "{name}: validate and run agree on {key}"
        );
    }
    let orders = sample["placed"].as_array().unwrap().clone();
    assert_eq!(orders.len(), summary["orders"].as_u64().unwrap() as usize);
    assert!(trips.len() >= 10, "{name} made {} round trips", trips.len());
    Run { trips, orders }
}

fn imported() -> Option<(Home, Vec<Minute>)> {
    let dir = shared_data()?;
    let home = Home::new();
    home.json(&[
        "data",
        "import",
        dir.join("btc-perp-20211231-20220201_1m.csv")
            .to_str()
            .unwrap(),
        "--instrument",
        PERP,
    ]);
    Some((home, minutes(&dir)))
}

/// The exit order of `kind` placed with the position opened at `time`.
fn exit_at<'a>(orders: &'a [Value], time: &str, kind: &str) -> Option<&'a Value> {
    orders
        .iter()
        .find(|o| o["time"] == time && o["type"] == kind && o["reduce_only"] == true)
}

#[test]
fn ema_cross_trailing_enters_in_its_window_risks_one_percent_and_trails() {
    let Some((home, _)) = imported() else { return };
    let r = run(&home, "EmaCrossTrailing");
    let initial = Decimal::from(100_000);
    let mut equity = initial;
    for t in &r.trips {
        assert_eq!(t["side"], "LONG");
        let entry = time(t["entry_ns"].as_i64().unwrap());
        let minute = entry.hour() * 60 + entry.minute();
        assert!((7 * 60..20 * 60).contains(&minute), "entered at {entry}");
        assert!(
            entry.weekday().number_from_monday() <= 5,
            "entered on {entry}"
        );
        let held = (t["exit_ns"].as_i64().unwrap() - t["entry_ns"].as_i64().unwrap()) / MINUTE;
        assert!(held <= 48, "held {held} minutes");
        // Sized to lose 1% of equity (the capital and the trips closed before) at the stop.
        let at = entry.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let stop =
            exit_at(&r.orders, &at, "STOP_MARKET").unwrap_or_else(|| panic!("no stop at {at}"));
        let trail = exit_at(&r.orders, &at, "TRAILING_STOP_MARKET")
            .unwrap_or_else(|| panic!("no trailing stop at {at}"));
        let (q, fill, s) = (
            dec(&t["quantity"]),
            dec(&t["entry_price"]),
            dec(&stop["trigger_price"]),
        );
        let loss = q * (fill - s);
        let target = equity * Decimal::new(1, 2);
        let step = Decimal::new(1, 3) * (fill - s);
        assert!(
            loss <= target * Decimal::new(1002, 3)
                && loss >= target - step - target * Decimal::new(2, 3),
            "at {at}: {q} × ({fill} − {s}) = {loss}, 1% of {equity} is {target}"
        );
        // The trailing stop starts at the stop and only ever moves up.
        assert!(dec(&trail["trigger_price"]) >= s, "{trail}");
        assert!(
            trail["trailing_offset"]
                .as_str()
                .unwrap()
                .ends_with("PRICE"),
            "{trail}"
        );
        equity += dec(&t["realized_pnl"]);
    }
    assert!(
        r.orders
            .iter()
            .any(|o| o["type"] == "TRAILING_STOP_MARKET" && o["status"] == "FILLED"),
        "some positions ended on the trailing stop"
    );
}

#[test]
fn trend_pullback_bids_below_the_close_and_brackets_each_fill() {
    let Some((home, bars)) = imported() else {
        return;
    };
    let close_at: BTreeMap<i64, Decimal> = bars.iter().map(|m| (m.close_ns, m.close)).collect();
    let r = run(&home, "TrendPullbackLimit");
    let bids: Vec<&Value> = r
        .orders
        .iter()
        .filter(|o| o["type"] == "LIMIT" && o["reduce_only"] == false)
        .collect();
    assert!(!bids.is_empty());
    for b in &bids {
        assert_eq!(b["side"], "BUY");
        assert_eq!(b["time_in_force"], "GTD");
        let close = close_at[&ns_of(b["time"].as_str().unwrap())];
        assert!(
            dec(&b["price"]) < close,
            "a pullback bid below the close {close}: {b}"
        );
        if b["status"] == "FILLED" {
            assert!(
                dec(&b["avg_px"]) <= dec(&b["price"]),
                "filled above its limit: {b}"
            );
        }
    }
    let expired = bids.iter().filter(|b| b["status"] == "EXPIRED").count();
    let filled = bids.iter().filter(|b| b["status"] == "FILLED").count();
    assert!(
        expired > 0 && filled > 0,
        "{expired} expired, {filled} filled"
    );
    for t in &r.trips {
        assert_eq!(t["side"], "LONG");
    }
    // Each fill gets a stop 2 ATRs below and a target 3 ATRs above: the target is 1.5 times
    // as far (give or take the ticks they are rounded to).
    let mut checked = 0;
    for o in r.orders.iter().filter(|o| o["type"] == "STOP_MARKET") {
        let at = o["time"].as_str().unwrap();
        let Some(target) = exit_at(&r.orders, at, "LIMIT") else {
            continue;
        };
        let fill = r
            .trips
            .iter()
            .find(|t| {
                time(t["entry_ns"].as_i64().unwrap())
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    == at
            })
            .map(|t| dec(&t["entry_price"]));
        let Some(fill) = fill else { continue };
        let (down, up) = (
            fill - dec(&o["trigger_price"]),
            dec(&target["price"]) - fill,
        );
        assert!(
            down > Decimal::ZERO && up > Decimal::ZERO,
            "{fill}: {o} {target}"
        );
        let ratio = up / down;
        assert!(
            (ratio - Decimal::new(15, 1)).abs() < Decimal::new(5, 2),
            "{fill}: up {up}, down {down}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked} brackets checked");
}

#[test]
fn session_momentum_trades_only_inside_its_session() {
    let Some((home, _)) = imported() else { return };
    let r = run(&home, "SessionMomentum");
    let (mut long, mut short) = (0, 0);
    for t in &r.trips {
        let entry = time(t["entry_ns"].as_i64().unwrap());
        let exit = time(t["exit_ns"].as_i64().unwrap());
        let minute = entry.hour() * 60 + entry.minute();
        assert!(
            (13 * 60 + 30..20 * 60).contains(&minute),
            "entered at {entry}"
        );
        assert!(
            entry.weekday().number_from_monday() <= 5,
            "entered on {entry}"
        );
        // Flat by the session's end (the bar closing at 20:00), the same day.
        assert_eq!(exit.date_naive(), entry.date_naive(), "{entry} → {exit}");
        assert!(
            exit.hour() * 60 + exit.minute() <= 20 * 60,
            "held past 20:00: {exit}"
        );
        if t["side"] == "LONG" {
            long += 1;
        } else {
            short += 1;
        }
    }
    assert!(long > 0 && short > 0, "{long} long, {short} short");
}

#[test]
fn macd_rsi_confluence_bounds_every_loss_by_its_stop_and_sets_its_levels_from_the_fill() {
    let Some((home, _)) = imported() else { return };
    let r = run(&home, "MacdRsiConfluence");
    let tick_pct = 0.01; // a tick of 1 USDT is well under 0.01% of ~40000
    let (mut long, mut short) = (0, 0);
    for t in &r.trips {
        // The stop bounds every loss (stops fill at their trigger); a take-profit limit fills
        // at its price or better (a bar can open past it).
        let ret = t["return_pct"].as_f64().unwrap();
        assert!(
            ret >= -1.0 - tick_pct,
            "a trip lost more than its 1% stop: {t}"
        );
        if t["side"] == "LONG" {
            long += 1;
        } else {
            short += 1;
        }
    }
    assert!(long > 0 && short > 0, "{long} long, {short} short");
    // The levels are 1% and 2% of each fill, rounded away from it.
    for t in &r.trips {
        let at = time(t["entry_ns"].as_i64().unwrap())
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let (Some(stop), Some(target)) = (
            exit_at(&r.orders, &at, "STOP_MARKET"),
            exit_at(&r.orders, &at, "LIMIT"),
        ) else {
            continue;
        };
        let fill = dec(&t["entry_price"]);
        let sign = if t["side"] == "LONG" {
            Decimal::ONE
        } else {
            -Decimal::ONE
        };
        let want_stop = fill * (Decimal::ONE - sign * Decimal::new(1, 2));
        let want_target = fill * (Decimal::ONE + sign * Decimal::new(2, 2));
        assert!(
            (dec(&stop["trigger_price"]) - want_stop).abs() <= Decimal::ONE,
            "{fill}: {stop}"
        );
        assert!(
            (dec(&target["price"]) - want_target).abs() <= Decimal::ONE,
            "{fill}: {target}"
        );
    }
}

/// EMA as Nautilus computes it: seeded with the first value, ready after `period` values.
fn ema(values: &[f64], period: usize) -> Option<f64> {
    if values.len() < period {
        return None;
    }
    let alpha = 2.0 / (period as f64 + 1.0);
    let mut v = values[0];
    for x in &values[1..] {
        v = alpha.mul_add(*x, (1.0 - alpha) * v);
    }
    Some(v)
}

#[test]
fn higher_timeframe_trend_trades_with_the_hourly_trend_known_at_each_entry() {
    let Some((home, bars)) = imported() else {
        return;
    };
    let r = run(&home, "HigherTimeframeTrend");
    // Hourly closes from the minutes: an hour closing at H holds the minutes that close after
    // H - 1h and at or before H; it is known from H on.
    let hour = 60 * MINUTE;
    let mut hours: Vec<(i64, f64)> = Vec::new();
    for m in &bars {
        let close = (m.close_ns - 1).div_euclid(hour) * hour + hour;
        let c: f64 = m.close.to_string().parse().unwrap();
        match hours.last_mut() {
            Some(last) if last.0 == close => last.1 = c,
            _ => hours.push((close, c)),
        }
    }
    let close_at: BTreeMap<i64, f64> = bars
        .iter()
        .map(|m| (m.close_ns, m.close.to_string().parse().unwrap()))
        .collect();
    let mut equity = Decimal::from(100_000);
    let mut checked = 0;
    for t in &r.trips {
        let at = t["entry_ns"].as_i64().unwrap();
        let known: Vec<f64> = hours
            .iter()
            .filter(|(h, _)| *h <= at)
            .map(|(_, c)| *c)
            .collect();
        let trend = ema(&known, 50).expect("the hourly EMA is ready before any entry");
        let close = close_at[&at];
        if t["side"] == "LONG" {
            assert!(
                close > trend,
                "long at {} with close {close} under the hourly EMA {trend}",
                time(at)
            );
        } else {
            assert!(
                close < trend,
                "short at {} with close {close} over the hourly EMA {trend}",
                time(at)
            );
        }
        // Half the equity at the entry price, rounded down to the size step.
        let notional = dec(&t["quantity"]) * dec(&t["entry_price"]);
        let half = equity / Decimal::TWO;
        assert!(
            notional <= half * Decimal::new(1001, 3) && notional >= half * Decimal::new(998, 3),
            "{}: notional {notional}, half the equity {half}",
            time(at)
        );
        equity += dec(&t["realized_pnl"]);
        checked += 1;
    }
    assert!(checked >= 10);
}
