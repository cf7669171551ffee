//! What the market data operations share: where an answer came from, exact decimal text,
//! range and limit checks, and readers of the paper market and the catalog.

use nautilus_model::{data::TradeTick, enums::BookType, identifiers::InstrumentId};
use std::{future::Future, sync::Arc};

use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    data::time::format_ns,
    engine::{
        node::{
            session::Market,
            settings::{PaperSettings, VenueMode},
        },
        venues::runtime::{self, ConnectedVenue},
    },
    error::{Code, OpError, OpResult},
    ops::{backtest::config::parse_date, context::Context},
    store::{
        Db,
        catalog::{self, SeriesMeta},
        instruments::{self, Known},
        node as db,
    },
    values::parse_instrument_id,
};

/// Where market data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The data catalog: imported or generated history and instrument definitions.
    Catalog,
    /// The paper venue's market: pushed quotes and trades, and the bars it advanced through.
    Paper,
    /// A real venue (testnet or live mode), asked directly.
    Live,
}

/// Exact decimal text of a mantissa at `dp` decimals, e.g. (4200000, 2) is `42000.00`: the
/// same text as the Nautilus `Price`/`Quantity` of that precision.
#[must_use]
pub fn fixed(mantissa: i64, dp: u8) -> String {
    let mut s = String::with_capacity(24);
    push_fixed(&mut s, mantissa, dp);
    s
}

/// Appends [`fixed`] to a buffer without allocating.
pub fn push_fixed(out: &mut String, mantissa: i64, dp: u8) {
    let m = mantissa.unsigned_abs();
    if mantissa < 0 {
        out.push('-');
    }
    if dp == 0 {
        push_digits(out, m, 1);
        return;
    }
    let scale = 10u64.pow(u32::from(dp));
    push_digits(out, m / scale, 1);
    out.push('.');
    push_digits(out, m % scale, usize::from(dp));
}

/// The length of [`fixed`]'s text, computed without writing it.
#[must_use]
pub fn fixed_len(mantissa: i64, dp: u8) -> usize {
    let digits = mantissa
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d as usize + 1);
    let sign = usize::from(mantissa < 0);
    if dp == 0 {
        sign + digits
    } else {
        sign + digits.max(usize::from(dp) + 1) + 1
    }
}

/// The length of [`push_time`]'s text, computed without writing it (whole seconds of years 0
/// to 9999, the bars' case, take 20 bytes).
#[must_use]
pub fn time_len(ns: i64) -> usize {
    const NS: i64 = 1_000_000_000;
    // 0000-01-01 and 10000-01-01, in seconds.
    const YEARS: std::ops::Range<i64> = -62_167_219_200..253_402_300_800;
    if ns % NS == 0 && YEARS.contains(&ns.div_euclid(NS)) {
        20
    } else {
        format_ns(ns).len()
    }
}

/// Appends the decimal digits of `v`, zero-padded to at least `width` digits. Bars are written
/// by the hundred thousand, where `core::fmt` costs more than the reading.
fn push_digits(out: &mut String, v: u64, width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(v);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// Appends an RFC 3339 UTC time as [`format_ns`] writes it, quickly for whole seconds (the
/// common case of bar times).
pub fn push_time(out: &mut String, ns: i64) {
    const NS: i64 = 1_000_000_000;
    if ns % NS != 0 {
        out.push_str(&format_ns(ns));
        return;
    }
    let secs = ns.div_euclid(NS);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        out.push_str(&format_ns(ns));
        return;
    }
    for (v, width, sep) in [
        (year, 4, '-'),
        (month, 2, '-'),
        (day, 2, 'T'),
        (rem / 3600, 2, ':'),
        (rem % 3600 / 60, 2, ':'),
        (rem % 60, 2, 'Z'),
    ] {
        push_digits(out, v.unsigned_abs(), width);
        out.push(sep);
    }
}

/// A decimal as short text (no trailing zeros).
#[must_use]
pub fn dec_text(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

/// Parses an optional `start`/`end` pair (ISO-8601 or epoch; a bare `end` date means the end
/// of that day) and checks that start is not after end.
pub fn parse_range(start: Option<&str>, end: Option<&str>) -> OpResult<(i64, i64)> {
    let s = start
        .map(|v| parse_date("start", v, false))
        .transpose()?
        .unwrap_or(i64::MIN);
    let e = end
        .map(|v| parse_date("end", v, true))
        .transpose()?
        .unwrap_or(i64::MAX);
    if s > e {
        return Err(OpError::invalid(
            "start",
            format!(
                "{} is after end {}; give a start at or before the end",
                format_ns(s),
                format_ns(e)
            ),
        ));
    }
    Ok((s, e))
}

/// Checks an integer parameter against its bounds.
pub fn bounded(field: &str, value: i64, min: i64, max: i64) -> OpResult<i64> {
    if value < min || value > max {
        return Err(OpError::invalid(
            field,
            format!("must be between {min} and {max}, got {value}"),
        ));
    }
    Ok(value)
}

/// An instrument with a definition, or a client error that says what is valid: the venue's
/// instruments, or the venues there are.
pub fn require_instrument(conn: &Db, field: &str, text: &str) -> OpResult<(InstrumentId, Known)> {
    let id = parse_instrument_id(field, text)?;
    if let Some(k) = instruments::get(conn, &id.to_string())? {
        return Ok((id, k));
    }
    let venue = id.venue.to_string();
    let all = instruments::all(conn)?;
    let on_venue: Vec<&str> = all
        .iter()
        .filter(|k| k.def.id.ends_with(&format!(".{venue}")))
        .map(|k| k.def.id.as_str())
        .collect();
    let message = if on_venue.is_empty() {
        format!(
            "{field}: unknown venue '{venue}' in '{id}'; venues with instruments: {}",
            venues_of(&all).join(", ")
        )
    } else {
        format!(
            "{field}: instrument '{id}' has no definition; instruments on {venue}: {}. Import \
             definitions with `data import FILE.json --kind instruments`",
            on_venue.join(", ")
        )
    };
    Err(OpError::new(Code::NotFound, message).with_details(serde_json::json!({ "field": field })))
}

/// The venues of a set of definitions, sorted and unique.
#[must_use]
pub fn venues_of(all: &[Known]) -> Vec<String> {
    let mut v: Vec<String> = all
        .iter()
        .filter_map(|k| k.def.id.rsplit_once('.').map(|(_, v)| v.to_string()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The paper market as one instrument sees it.
#[derive(Debug, Clone, Default)]
pub struct PaperView {
    /// The node is initialized.
    pub node: bool,
    /// The node's market clock (time of the last data processed).
    pub clock: Option<i64>,
    /// The last quote, trade and depth snapshot of the instrument, if any.
    pub market: Option<Market>,
    /// The instrument's venue is a paper venue simulating an L2 book.
    pub l2: bool,
}

impl PaperView {
    /// The market clock as text.
    #[must_use]
    pub fn clock_text(&self) -> Option<String> {
        self.clock.map(format_ns)
    }
}

/// Reads the paper market of one instrument.
pub fn paper_view(conn: &Db, id: InstrumentId) -> OpResult<PaperView> {
    let Some(node) = db::node(conn)? else {
        return Ok(PaperView::default());
    };
    let market = db::market_of(conn, &id.to_string())?
        .map(|m| Market::from_row(&m))
        .transpose()?
        .filter(|m| !m.is_empty());
    let l2 = db::venue(conn, id.venue.as_str())?
        .filter(|v| v.mode == VenueMode::Paper.as_str())
        .and_then(|v| serde_json::from_str::<PaperSettings>(&v.settings).ok())
        .is_some_and(|p| p.book_type() == BookType::L2_MBP);
    Ok(PaperView {
        node: true,
        clock: node.market_ts,
        market,
        l2,
    })
}

/// Answers a market read about one instrument: from the store (`local`, on a blocking thread)
/// unless `to_venue` allows it and the instrument's venue is connected in testnet or live
/// mode, in which case `venue` asks the venue itself. A bad or unknown instrument fails first,
/// saying what is valid.
pub async fn route<T, L, V, Fut>(
    ctx: Arc<Context>,
    instrument: String,
    to_venue: bool,
    local: L,
    venue: V,
) -> OpResult<T>
where
    T: Send + 'static,
    L: FnOnce(&Context, &Db, InstrumentId) -> OpResult<T> + Send + 'static,
    V: FnOnce(Arc<ConnectedVenue>, InstrumentId) -> Fut,
    Fut: Future<Output = OpResult<T>>,
{
    enum Routed<T> {
        Local(T),
        Venue(InstrumentId),
    }
    let c = ctx.clone();
    let routed = tokio::task::spawn_blocking(move || -> OpResult<Routed<T>> {
        let conn = c.store.conn();
        let (id, _) = require_instrument(&conn, "instrument_id", &instrument)?;
        let real = db::venue(&conn, id.venue.as_str())?
            .is_some_and(|v| v.mode != VenueMode::Paper.as_str());
        if to_venue && real {
            return Ok(Routed::Venue(id));
        }
        local(&c, &conn, id).map(Routed::Local)
    })
    .await
    .map_err(OpError::internal)??;
    match routed {
        Routed::Local(t) => Ok(t),
        Routed::Venue(id) => {
            let lv = runtime::client_for(&ctx, id.venue.as_str())
                .await?
                .ok_or_else(|| OpError::state(format!("{} is no longer connected", id.venue)))?;
            venue(lv, id).await
        }
    }
}

/// The catalog series of an instrument, of one kind (`bars`, `quotes`, `trades`).
pub fn series_of(conn: &Db, id: InstrumentId, kind: &str) -> OpResult<Vec<SeriesMeta>> {
    let id = id.to_string();
    Ok(catalog::list(conn)?
        .into_iter()
        .filter(|m| m.instrument_id == id && m.kind == kind)
        .collect())
}

/// Whether a trade is the stand-in the paper market records for a bar's close.
#[must_use]
pub fn is_bar_trade(t: &TradeTick) -> bool {
    t.trade_id.as_str().starts_with("BAR-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_text_is_exact() {
        assert_eq!(fixed(4_200_000, 2), "42000.00");
        assert_eq!(fixed(5, 3), "0.005");
        assert_eq!(fixed(-1234, 2), "-12.34");
        assert_eq!(fixed(-5, 2), "-0.05");
        assert_eq!(fixed(17, 0), "17");
        assert_eq!(fixed(0, 0), "0");
        assert_eq!(fixed(0, 3), "0.000");
        assert_eq!(fixed(i64::MIN, 4), "-922337203685477.5808");
        assert_eq!(fixed(1_000_000_007, 9), "1.000000007");
        let p = crate::data::nautilus::price(3_397_278, 5);
        assert_eq!(fixed(3_397_278, 5), p.to_string());
    }

    #[test]
    fn fast_times_match_the_formatter() {
        for ns in [
            0,
            1_704_067_200_000_000_000,
            1_709_164_800_000_000_000, // 2024-02-29
            951_782_400_000_000_000,   // 2000-02-29
            4_102_444_799_000_000_000, // 2099-12-31T23:59:59
            1_704_067_200_500_000_000,
            -86_400_000_000_000,
        ] {
            let mut s = String::new();
            push_time(&mut s, ns);
            assert_eq!(s, format_ns(ns), "{ns}");
            assert_eq!(time_len(ns), s.len(), "{ns}");
        }
    }

    #[test]
    fn text_lengths_match_the_text() {
        for (m, dp) in [
            (4_200_000, 2),
            (5, 3),
            (-1234, 2),
            (-5, 2),
            (17, 0),
            (0, 0),
            (0, 3),
            (i64::MIN, 4),
            (i64::MAX, 0),
            (1_000_000_007, 9),
            (10, 1),
        ] {
            assert_eq!(fixed_len(m, dp), fixed(m, dp).len(), "{m} {dp}");
        }
    }

    #[test]
    fn ranges_and_bounds() {
        assert!(parse_range(Some("2024-01-02"), Some("2024-01-01")).is_err());
        let (s, e) = parse_range(Some("2024-01-01"), Some("2024-01-01")).unwrap();
        assert_eq!(e - s, 86_400_000_000_000 - 1);
        let err = bounded("depth", 0, 1, 100).unwrap_err();
        assert_eq!(err.message, "depth: must be between 1 and 100, got 0");
    }
}
