//! Timestamps in the forms users bring: epoch numbers and ISO-8601 with or without zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// How a timestamp was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeForm {
    /// Epoch number; the unit was inferred from its magnitude.
    Epoch,
    /// Text with an explicit zone or offset.
    Zoned,
    /// Text without zone: taken as UTC.
    NaiveUtc,
}

/// Parses a timestamp to Unix nanoseconds.
///
/// Epoch numbers are read as seconds, milliseconds, microseconds or nanoseconds by magnitude.
/// Text without a zone is UTC.
pub fn parse_timestamp(s: &str) -> Result<(i64, TimeForm), String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty timestamp".to_string());
    }
    if let Some(ns) = parse_epoch(t) {
        return Ok((ns, TimeForm::Epoch));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return nanos(dt.with_timezone(&Utc)).map(|n| (n, TimeForm::Zoned));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(t, fmt) {
            return nanos(dt.with_timezone(&Utc)).map(|n| (n, TimeForm::Zoned));
        }
    }
    let naive_text = t.strip_suffix(" UTC").unwrap_or(t);
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y%m%d %H%M%S",
        "%Y.%m.%d %H:%M:%S%.f",
        "%d.%m.%Y %H:%M:%S%.f",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(naive_text, fmt) {
            return nanos(Utc.from_utc_datetime(&dt)).map(|n| (n, TimeForm::NaiveUtc));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(naive_text, "%Y-%m-%d") {
        let dt = d.and_hms_opt(0, 0, 0).expect("midnight exists");
        return nanos(Utc.from_utc_datetime(&dt)).map(|n| (n, TimeForm::NaiveUtc));
    }
    Err(format!(
        "'{s}' is not a timestamp (use ISO-8601 such as 2024-01-31T23:59:00Z, \
         'YYYY-MM-DD HH:MM:SS', or epoch seconds/ms/us/ns)"
    ))
}

fn parse_epoch(t: &str) -> Option<i64> {
    let (int_part, frac) = match t.split_once('.') {
        Some((i, f)) if f.chars().all(|c| c.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (t, None),
    };
    if int_part.is_empty() || !int_part.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v: i64 = int_part.parse().ok()?;
    let digits = int_part.len();
    // 10 digits: seconds (2001..2286); 13: ms; 16: us; 19: ns.
    let scale: i64 = match digits {
        0..=11 => 1_000_000_000,
        12..=14 => 1_000_000,
        15..=17 => 1_000,
        _ => 1,
    };
    let mut ns = v.checked_mul(scale)?;
    if let Some(f) = frac.filter(|f| !f.is_empty()) {
        let digits_needed = (scale as f64).log10().round() as usize;
        let mut f = f.to_string();
        f.truncate(digits_needed);
        while f.len() < digits_needed {
            f.push('0');
        }
        if !f.is_empty() {
            ns += f.parse::<i64>().ok()?;
        }
    }
    Some(ns)
}

fn nanos(dt: DateTime<Utc>) -> Result<i64, String> {
    dt.timestamp_nanos_opt()
        .ok_or_else(|| format!("{dt} is outside the representable range"))
}

/// Formats Unix nanoseconds as RFC 3339 UTC with the shortest exact fraction.
#[must_use]
pub fn format_ns(ns: i64) -> String {
    let dt = Utc.timestamp_nanos(ns);
    dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Formats a duration in nanoseconds as e.g. `2d 3h 4m 5s`.
#[must_use]
pub fn format_duration_ns(ns: i64) -> String {
    let mut secs = ns / 1_000_000_000;
    if secs == 0 {
        return format!("{}ms", ns / 1_000_000);
    }
    let days = secs / 86_400;
    secs %= 86_400;
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days}d"));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

/// Parses a span such as `30m`, `4h`, `24h`, `7d` or `12w` (a positive number and a unit m,
/// h, d or w) into nanoseconds.
pub fn parse_span(text: &str) -> Result<i64, String> {
    const MINUTE: i64 = 60_000_000_000;
    let t = text.trim().to_ascii_lowercase();
    let bad = || {
        format!(
            "'{text}' is not a span like 30m, 4h, 24h or 7d (a positive number and a unit m, h, d or w)"
        )
    };
    let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (n, unit) = t.split_at(split);
    let n: i64 = n.parse().map_err(|_| bad())?;
    let unit_ns = match unit {
        "m" | "min" => MINUTE,
        "h" => 60 * MINUTE,
        "d" => 24 * 60 * MINUTE,
        "w" => 7 * 24 * 60 * MINUTE,
        _ => return Err(bad()),
    };
    let ns = n.checked_mul(unit_ns).ok_or_else(bad)?;
    if n <= 0 {
        return Err(bad());
    }
    Ok(ns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_shared_formats() {
        let (a, fa) = parse_timestamp("2021-12-31 23:01:00.000000").unwrap();
        let (b, fb) = parse_timestamp("2021-12-31T23:01:00Z").unwrap();
        let (c, fc) = parse_timestamp("1640991660000").unwrap();
        let (d, _) = parse_timestamp("1640991660").unwrap();
        let (e, _) = parse_timestamp("2021-12-31 23:01:00+00:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a, d);
        assert_eq!(a, e);
        assert_eq!(
            (fa, fb, fc),
            (TimeForm::NaiveUtc, TimeForm::Zoned, TimeForm::Epoch)
        );
        assert_eq!(
            parse_timestamp("2024-01-01").unwrap().0,
            1_704_067_200_000_000_000
        );
        assert_eq!(
            parse_timestamp("1640991660.5").unwrap().0,
            1_640_991_660_500_000_000
        );
        assert!(parse_timestamp("yesterday").is_err());
    }

    #[test]
    fn formats() {
        assert_eq!(format_ns(1_704_067_200_000_000_000), "2024-01-01T00:00:00Z");
        assert_eq!(format_duration_ns(90_061_000_000_000), "1d 1h 1m 1s");
    }
}
