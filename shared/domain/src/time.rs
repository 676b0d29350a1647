//! Timestamps are whole seconds since the Unix epoch inside the product and RFC 3339
//! (UTC, `Z`) on the wire.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;

    /// Milliseconds, for the feed's ordering and its `changed_at`. Within one second it
    /// adds the real clock's milliseconds, so a test clock still gives whole seconds
    /// that move with it.
    fn now_millis(&self) -> i64 {
        self.now() * 1000 + i64::from(OffsetDateTime::now_utc().millisecond())
    }
}

pub fn now_ms(clock: &dyn Clock) -> i64 {
    clock.now_millis()
}

/// RFC 3339 in UTC with milliseconds: `2026-11-29T10:15:02.123Z`.
pub fn rfc3339_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let base = rfc3339(secs);
    match base.strip_suffix('Z') {
        Some(b) => format!("{b}.{:03}Z", ms.rem_euclid(1000)),
        None => base,
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        OffsetDateTime::now_utc().unix_timestamp()
    }

    fn now_millis(&self) -> i64 {
        (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
    }
}

pub fn rfc3339(ts: Timestamp) -> String {
    OffsetDateTime::from_unix_timestamp(ts).ok().and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
}

/// An RFC 3339 date-time with its zone (`2026-11-29T10:15:00Z`, `...+01:00`).
pub fn parse_rfc3339(raw: &str) -> Option<Timestamp> {
    OffsetDateTime::parse(raw.trim(), &Rfc3339).ok().map(|t| t.unix_timestamp())
}

/// Litmos dates come as ISO 8601 (`2016-12-20T15:24:16Z`, sometimes without an offset,
/// meaning UTC) or, in older payloads, as `/Date(1497801750508)/`.
pub fn parse_litmos_date(raw: &str) -> Option<Timestamp> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Some(inner) = raw.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        let millis: String = inner.chars().enumerate().take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-')).map(|(_, c)| c).collect();
        return millis.parse::<i64>().ok().map(|ms| ms.div_euclid(1000));
    }
    if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let with_zone = format!("{raw}Z");
    OffsetDateTime::parse(&with_zone, &Rfc3339).ok().map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_with_z() {
        assert_eq!(rfc3339(1_482_247_456), "2016-12-20T15:24:16Z");
    }

    #[test]
    fn parses_every_litmos_date_shape() {
        assert_eq!(parse_litmos_date("2016-12-20T15:24:16Z"), Some(1_482_247_456));
        assert_eq!(parse_litmos_date("2016-12-20T15:24:16"), Some(1_482_247_456));
        assert_eq!(parse_litmos_date("2016-12-20T15:24:16.25+00:00"), Some(1_482_247_456));
        assert_eq!(parse_litmos_date("/Date(1497801750508)/"), Some(1_497_801_750));
        assert_eq!(parse_litmos_date("/Date(1497801750508+0000)/"), Some(1_497_801_750));
        assert_eq!(parse_litmos_date(""), None);
        assert_eq!(parse_litmos_date("yesterday"), None);
    }
}
